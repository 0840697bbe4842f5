//! The command line as a user meets it: init, exit codes, quiet and verbose
//! output, finding uprkit.yaml from a subfolder, protecting folders.

use crate::common;

use common::{assert_success, stderr, stdout, uprkit, Site};

#[test]
fn init_writes_a_toolkit_that_builds() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("my-toolkit");
    let output = uprkit(temp.path(), &["init", dir.to_str().unwrap()]);
    assert_success(&output);
    assert!(stdout(&output).contains("Next: cd"));
    assert!(dir.join("uprkit.yaml").is_file());
    assert!(dir.join("content/_index.md").is_file());
    let built = uprkit(&dir, &["build"]);
    assert_success(&built);
    assert!(dir.join("public/preparation/index.html").is_file());
    // It is the bundled sample, byte for byte: every file of content/ and uprkit.yaml.
    let repository = common::repository();
    assert_eq!(std::fs::read(dir.join("uprkit.yaml")).unwrap(), std::fs::read(repository.join("uprkit.yaml")).unwrap());
    let sample = common::list_files(&repository.join("content"));
    assert_eq!(common::list_files(&dir.join("content")), sample);
    for file in &sample {
        let written = std::fs::read(dir.join("content").join(file)).unwrap();
        assert_eq!(written, std::fs::read(repository.join("content").join(file)).unwrap(), "{file}");
    }
    // And its logo, which uprkit.yaml names.
    assert_eq!(
        std::fs::read(dir.join("static/logo.svg")).unwrap(),
        std::fs::read(repository.join("static/logo.svg")).unwrap()
    );
    assert!(dir.join("public/_uprkit/brand/logo.svg").is_file());
}

/// The command `init` says to run next works when pasted into a shell,
/// whatever the folder is called.
#[test]
fn init_s_next_command_names_a_folder_with_spaces_as_one_word() {
    let temp = tempfile::tempdir().unwrap();
    for (name, said) in
        [("my guide", "cd \"my guide\" && uprkit serve"), ("it's $mine", "cd 'it'\\''s $mine' && uprkit")]
    {
        let output = uprkit(temp.path(), &["init", "--minimal", "--languages", "en", name]);
        assert_success(&output);
        let next = stdout(&output).lines().find(|line| line.starts_with("Next: ")).unwrap_or_default().to_string();
        assert!(next.contains(said), "{next}");
        // Pasted into a shell, the `cd` finds the folder.
        let command = next.trim_start_matches("Next: ").replace("&& uprkit serve", "&& pwd");
        let shell = std::process::Command::new("sh").arg("-c").arg(&command).current_dir(temp.path()).output().unwrap();
        assert!(shell.status.success(), "{command}: {}", String::from_utf8_lossy(&shell.stderr));
        assert!(String::from_utf8_lossy(&shell.stdout).trim_end().ends_with(name), "{command}");
    }
}

#[test]
fn init_never_overwrites() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("notes.txt"), "mine").unwrap();
    let output = uprkit(temp.path(), &["init", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("is not empty"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(temp.path().join("notes.txt")).unwrap(), "mine");
}

#[test]
fn usage_errors_exit_with_2() {
    let temp = tempfile::tempdir().unwrap();
    let output = uprkit(temp.path(), &["build", "--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
    let output = uprkit(temp.path(), &["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn finds_the_config_from_a_subfolder() {
    let site = Site::copy("basic");
    let output = uprkit(&site.root().join("content/preparation"), &["build"]);
    assert_success(&output);
    assert!(site.public().join("index.html").is_file(), "output goes beside uprkit.yaml");
}

#[test]
fn outside_a_toolkit_says_what_to_do() {
    let temp = tempfile::tempdir().unwrap();
    let output = uprkit(temp.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("no uprkit.yaml here or in any folder above"), "{message}");
    assert!(message.contains("uprkit init DIR"), "{message}");
}

#[test]
fn quiet_prints_nothing_and_verbose_prints_the_steps() {
    let site = Site::copy("basic");
    let quiet = site.build(&["-q"]);
    assert_success(&quiet);
    assert!(stdout(&quiet).is_empty() && stderr(&quiet).is_empty());
    let verbose = site.build(&["-v"]);
    assert_success(&verbose);
    let steps = stderr(&verbose);
    for step in ["read theme, pages, glossaries", "assemble", "markdown", "templates", "write"] {
        assert!(steps.contains(step), "{steps}");
    }
    // Each step has its time, and together they are the build's time.
    let times: Vec<f64> = steps
        .lines()
        .map(|line| {
            let number = line.trim_end().strip_suffix(" ms").unwrap_or_else(|| panic!("no time on `{line}`"));
            number.rsplit(' ').next().unwrap().parse::<f64>().unwrap_or_else(|_| panic!("`{line}`"))
        })
        .collect();
    assert!(times.len() >= 6, "{steps}");
    let total: f64 = stdout(&verbose).split(" in ").last().unwrap().split(" ms").next().unwrap().parse().unwrap();
    let sum: f64 = times.iter().sum();
    assert!(sum <= total + 1.0 && sum >= total * 0.5, "steps add up to {sum} ms of {total} ms:\n{steps}");
    // Not a terminal: no progress bar drawing characters.
    assert!(!steps.contains('\u{1b}'), "{steps:?}");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let site = Site::copy("basic");
    let documents = site.root().join("documents");
    std::fs::create_dir_all(&documents).unwrap();
    std::fs::write(documents.join("thesis.docx"), "precious").unwrap();
    let output = site.build(&["--output", documents.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("was not made by uprkit"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(documents.join("thesis.docx")).unwrap(), "precious");
}

#[test]
fn warns_when_a_static_file_would_replace_a_page() {
    let site = Site::copy("basic");
    site.write("static/index.html", "<p>mine</p>");
    let output = site.build_ok();
    let warning = stderr(&output);
    assert!(
        warning.contains("warning: static/index.html: ignored: the build generates index.html itself"),
        "{warning}"
    );
    assert!(stdout(&output).contains("1 warning"), "{}", stdout(&output));
    assert!(site.page("index.html").contains("Fixture home"));
}

#[test]
fn warns_when_a_static_file_would_replace_any_generated_file() {
    let site = Site::copy("basic");
    let mine = [
        "_uprkit/uprkit.js",
        "_uprkit/downloads.js",
        "handouts/en/guide.html",
        "search-index.en.js",
        "fr/404.html",
        "sitemap.xml",
        "glossary/index.html",
        "preparation/map.png",
    ];
    for rel in mine {
        site.write(&format!("static/{rel}"), "mine");
    }
    site.write("static/files/form.pdf", "mine too");
    let output = site.build_ok();
    let warnings = stderr(&output);
    for rel in mine {
        assert!(warnings.contains(&format!("warning: static/{rel}: ignored: ")), "{rel}:\n{warnings}");
        assert_ne!(std::fs::read(site.public().join(rel)).unwrap(), b"mine", "{rel} is the generated one");
    }
    assert_eq!(warnings.matches("warning: static/").count(), mine.len(), "{warnings}");
    assert_eq!(site.page("files/form.pdf"), "mine too", "other static files are copied");
}

#[test]
fn the_summary_counts_the_files_written() {
    let site = Site::copy("basic");
    let output = site.build_ok();
    let summary = stdout(&output);
    let said: usize = summary.split(" files").next().unwrap().rsplit(' ').next().unwrap().parse().unwrap();
    // Every file of the site, the zips features make from it included; not
    // the marker that says the folder is uprkit's.
    let files: Vec<String> = common::list_files(&site.public()).into_iter().filter(|f| f != ".uprkit-output").collect();
    assert!(files.iter().any(|f| f.ends_with(".zip")), "the fixture makes zips: {files:?}");
    assert_eq!(said, files.len(), "{summary}");
}
