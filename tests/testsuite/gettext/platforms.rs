//! What the README tells translators, checked: the Weblate and Crowdin
//! settings it gives, read out of it and matched against the files
//! `translate update` writes for a guide with pages in folders and a
//! glossary (every PO file belongs to exactly one component of the
//! platform, in its language, and that component's template exists); and
//! its walk-through's `check --diff` is what uprkit prints.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use super::common::{list_files, repository, Site};
use super::{catalog, run, toolkit, translate_one};

/// The README's block of code after the line that contains `marker`, up
/// to its first empty line, without its four spaces of indentation.
fn readme_block(marker: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    let mut lines = readme.lines().skip_while(|line| !line.contains(marker));
    assert!(lines.next().is_some(), "the README has a block after `{marker}`");
    lines
        .skip_while(|line| line.trim().is_empty())
        .take_while(|line| !line.trim().is_empty())
        .map(|line| line.strip_prefix("    ").unwrap_or_else(|| panic!("indented as code: {line:?}")).to_string())
        .collect()
}

/// The value of a Weblate setting in the README: `Label:  value`.
fn weblate_setting(block: &[String], label: &str) -> String {
    let line = block.iter().find(|line| line.starts_with(&format!("{label}:"))).unwrap_or_else(|| panic!("{label}"));
    line[label.len() + 1..].trim().to_string()
}

/// A guide with pages in folders two deep and the glossary, translated in
/// PO files only, in two languages.
fn guide() -> (Site, Vec<String>) {
    let site = Site::copy("basic");
    site.write("content/review/sessions/webcast.md", "---\ntitle: The webcast\n---\n\nWatch it live.\n");
    for path in list_files(&site.root().join("content")) {
        if [".fr.", ".ar."].iter().any(|lang| path.contains(lang)) {
            site.remove(&format!("content/{path}"));
        }
    }
    for lang in ["fr", "ar"] {
        run(&site, &["translate", "update", lang]);
    }
    let files: Vec<String> = list_files(site.root()).into_iter().filter(|path| path.starts_with("po/")).collect();
    assert!(files.contains(&"po/ar/review/sessions/webcast.po".to_string()), "{files:?}");
    assert!(files.contains(&"po/ar/glossary.yaml.po".to_string()), "{files:?}");
    (site, files)
}

#[test]
fn weblate_s_component_discovery_as_the_readme_gives_it_finds_one_component_per_page() {
    let block = readme_block("Weblate's component discovery");
    let regex = weblate_setting(&block, "Regular expression to match translation files against");
    let new_base = weblate_setting(&block, "Define the base file for new translations");
    let name = weblate_setting(&block, "Customize the component name");
    let language_filter = weblate_setting(&block, "Language filter");
    assert_eq!(weblate_setting(&block, "File format"), "gettext PO file");
    let (site, files) = guide();
    // Weblate's own matching (weblate/trans/discovery.py): Python's `re`, anchored at both ends,
    // over every file and folder of the repository; a component per file mask, the language's
    // part replaced by `*`.
    let script = r#"
import json, os, re, sys
root, match, language_filter = sys.argv[1], sys.argv[2], sys.argv[3]
pattern = re.compile("^{}$".format(match))
found = []
for folder, dirnames, filenames in os.walk(root):
    for name in filenames + dirnames:
        path = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
        m = pattern.match(path)
        if not m or not re.match(language_filter, m.group("language")):
            continue
        mask = path[:m.start("language")] + "*" + path[m.end("language"):]
        found.append([path, m.group("language"), m.group("component"), mask])
print(json.dumps(sorted(found)))
"#;
    let output = Command::new(toolkit("python3"))
        .args(["-c", script])
        .arg(site.root())
        .arg(&regex)
        .arg(&language_filter)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let found: Vec<[String; 4]> = serde_json::from_slice(&output.stdout).unwrap();
    let matched: BTreeSet<&str> = found.iter().map(|[path, ..]| path.as_str()).collect();
    let po_files: BTreeSet<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|path| path.ends_with(".po") && !path.starts_with("po/templates/"))
        .collect();
    assert_eq!(matched, po_files, "the expression matches the PO files, and only them (no template)");
    let mut components: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for [path, language, component, mask] in &found {
        assert_eq!(path, &format!("po/{language}/{component}.po"));
        assert!(["fr", "ar"].contains(&language.as_str()), "{path}: language {language}");
        let template = new_base.replace("{{ component }}", component);
        assert!(site.root().join(&template).is_file(), "{path}: its component's template {template} exists");
        assert_eq!(mask, &format!("po/*/{component}.po"));
        assert!(components.entry(mask).or_default().insert(language), "{path}: one file per language in {mask}");
    }
    // One component per template, each named after its page.
    let templates: BTreeSet<String> = files
        .iter()
        .filter_map(|path| path.strip_prefix("po/templates/")?.strip_suffix(".pot"))
        .map(|component| format!("po/*/{component}.po"))
        .collect();
    assert_eq!(components.keys().map(|mask| mask.to_string()).collect::<BTreeSet<_>>(), templates);
    let names: BTreeSet<String> =
        found.iter().map(|[.., component, _]| name.replace("{{ component }}", component)).collect();
    assert_eq!(names.len(), templates.len(), "a name per component: {names:?}");
}

/// Whether `path` is one of the files a Crowdin source pattern of the
/// form `/FOLDER/**/*SUFFIX` takes: under FOLDER, at any depth (none too:
/// Crowdin's `**` is the folder itself and every folder under it), its
/// name ending with SUFFIX.
fn crowdin_source(pattern: &str, path: &str) -> bool {
    let (folder, name) = pattern.trim_start_matches('/').split_once("**/").expect("a pattern with **/");
    let suffix = name.strip_prefix('*').expect("a name pattern *SUFFIX");
    assert!(!suffix.contains(['*', '?', '[']), "{pattern}: one wildcard in the name");
    path.strip_prefix(folder).is_some_and(|rest| rest.rsplit('/').next().unwrap_or(rest).ends_with(suffix))
}

#[test]
fn crowdin_s_configuration_as_the_readme_gives_it_maps_each_template_to_each_language_s_po_file() {
    let yaml = readme_block("# crowdin.yml").join("\n");
    let config: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(
        config["preserve_hierarchy"],
        serde_yaml::Value::Bool(true),
        "else same-named pages in two folders meet"
    );
    let files = config["files"].as_sequence().unwrap();
    assert_eq!(files.len(), 1, "{yaml}");
    let source = files[0]["source"].as_str().unwrap();
    let translation = files[0]["translation"].as_str().unwrap();
    let (_site, written) = guide();
    // Crowdin's CLI (PlaceholderUtil): `%file_name%` is the source's name without its last
    // extension, `**` the folders between the source pattern's start and the file.
    let prefix = source.trim_start_matches('/').split("**").next().unwrap();
    let sources: Vec<&String> = written.iter().filter(|path| crowdin_source(source, path)).collect();
    assert_eq!(
        sources.len(),
        written.iter().filter(|path| path.ends_with(".pot")).count(),
        "every template, and only them"
    );
    for lang in ["fr", "ar"] {
        let mut expected: BTreeSet<String> = BTreeSet::new();
        for path in &sources {
            let (folders, name) = path[prefix.len()..].rsplit_once('/').unwrap_or(("", &path[prefix.len()..]));
            let file_name = name.rsplit_once('.').unwrap().0;
            let target = translation
                .replace("%two_letters_code%", lang)
                .replace("%file_name%", file_name)
                .replace("**", folders)
                .trim_start_matches('/')
                .replace("//", "/");
            assert!(expected.insert(target.clone()), "{path} and another template give {target}");
        }
        let po_files: BTreeSet<String> =
            written.iter().filter(|path| path.starts_with(&format!("po/{lang}/"))).cloned().collect();
        assert_eq!(expected, po_files, "{lang}: one PO file per template, where uprkit writes it");
    }
}

#[test]
fn the_walk_through_s_check_diff_is_what_uprkit_prints_after_an_english_edit() {
    let site = Site::copy("basic");
    let page = "---\ntitle: Adoption of the report\n---\n\nThe State accepts or notes each recommendation.\n";
    site.write("content/review/adoption.md", page);
    let rel = "po/fr/review/adoption.po";
    run(&site, &["translate", "update", "fr"]);
    translate_one(&site, rel, "Adoption of the report", "L'adoption du rapport");
    translate_one(
        &site,
        rel,
        "The State accepts or notes each recommendation.",
        "L'État accepte chaque recommandation ou en prend note.",
    );
    site.write("content/review/adoption.md", page.replace("The State accepts", "The State publicly accepts"));
    let said = run(&site, &["translate", "update", "fr"]);
    assert!(said.contains(&format!("{rel}: 1 translated, 1 fuzzy, 0 untranslated")), "{said}");
    assert!(catalog(&site, rel).entries.iter().any(|e| e.fuzzy), "needs work");
    let said = run(&site, &["check", "--diff", rel]);
    let shown = readme_block("uprkit check --diff po/fr/review/adoption.po`:").join("\n");
    assert!(said.contains(&shown), "the README shows:\n{shown}\nuprkit prints:\n{said}");
}
