//! The manual pages `uprkit manual` writes for packagers: one per command and
//! subcommand that exists, every page they refer to written too, and a page
//! for the files a toolkit holds.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{assert_success, uprkit};

/// The pages written, as `name(section)`, and each one's text.
fn write_manual(dir: &Path) -> Vec<(String, String)> {
    let output = uprkit(dir, &["manual", dir.join("man").to_str().unwrap()]);
    assert_success(&output);
    let mut pages: Vec<(String, String)> = std::fs::read_dir(dir.join("man"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .map(|path| {
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            let section = path.extension().unwrap().to_str().unwrap().to_string();
            (format!("{name}({section})"), std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

/// Every `name(N)` a page refers to: in clap's list of subcommands
/// (`uprkit\-build(1)`) and in `.BR name (N)` lines.
fn references(roff: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in roff.lines() {
        let line =
            line.replace("\\-", "-").replace("\\%", "").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "");
        let line = match line.strip_prefix(".BR ") {
            Some(rest) => rest.replacen(' ', "", 1),
            None => line,
        };
        let mut rest = line.as_str();
        while let Some(open) = rest.find('(') {
            let name: String = rest[..open]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let section = &rest[open + 1..];
            if !name.is_empty()
                && section.len() >= 2
                && section.as_bytes()[0].is_ascii_digit()
                && section.as_bytes()[1] == b')'
            {
                found.insert(format!("{name}({})", &section[..1]));
            }
            rest = &rest[open + 1..];
        }
    }
    found
}

#[test]
fn every_page_referred_to_is_written() {
    let temp = tempfile::tempdir().unwrap();
    let pages = write_manual(temp.path());
    let names: BTreeSet<String> = pages.iter().map(|(name, _)| name.clone()).collect();
    for expected in [
        "uprkit(1)",
        "uprkit-init(1)",
        "uprkit-build(1)",
        "uprkit-serve(1)",
        "uprkit-check(1)",
        "uprkit-handout(1)",
        "uprkit-theme(1)",
        "uprkit-theme-eject(1)",
        "uprkit-i18n(1)",
        "uprkit-i18n-template(1)",
        "uprkit-translate(1)",
        "uprkit-translate-extract(1)",
        "uprkit-translate-update(1)",
        "uprkit-formats(5)",
    ] {
        assert!(names.contains(expected), "no page {expected} among {names:?}");
    }
    assert!(!names.iter().any(|name| name.contains("help") || name.contains("manual")), "{names:?}");
    for (name, roff) in &pages {
        let referred = references(roff);
        for reference in &referred {
            assert!(names.contains(reference), "{name} refers to {reference}, which is not written: {names:?}");
        }
        assert!(roff.contains(".SH \"SEE ALSO\""), "{name} has no SEE ALSO section:\n{roff}");
        assert!(referred.contains("uprkit-formats(5)") || name == "uprkit-formats(5)", "{name}:\n{roff}");
        // Every page says which uprkit it documents, at the foot of the page.
        let version = env!("CARGO_PKG_VERSION");
        assert!(roff.contains(&format!("\"uprkit {version}\"")), "{name}:\n{roff}");
    }
    // The subcommands' pages are reached from the pages above them.
    let main = &pages.iter().find(|(name, _)| name == "uprkit(1)").unwrap().1;
    assert!(references(main).contains("uprkit-translate(1)"));
    let translate = &pages.iter().find(|(name, _)| name == "uprkit-translate(1)").unwrap().1;
    assert!(references(translate).contains("uprkit-translate-update(1)"));
    assert!(references(translate).contains("uprkit(1)"));
}

#[test]
fn the_formats_page_points_to_the_installed_readme() {
    let temp = tempfile::tempdir().unwrap();
    let pages = write_manual(temp.path());
    let formats = &pages.iter().find(|(name, _)| name == "uprkit-formats(5)").expect("uprkit-formats(5)").1;
    for key in ["uprkit.yaml", "default_language", "brand", "front matter", "workshops/", "sessions", "recommendations"]
    {
        assert!(formats.contains(key), "uprkit-formats(5) says nothing of {key}");
    }
    assert!(formats.contains("/usr/share/doc/uprkit/README.md"));
    let main = &pages.iter().find(|(name, _)| name == "uprkit(1)").unwrap().1;
    assert!(main.contains(".SH \"EXIT STATUS\""), "{main}");
    assert!(main.contains("/usr/share/doc/uprkit/README.md"), "{main}");
}

/// groff reads each page without a warning (when groff is installed).
#[test]
fn the_pages_render_without_warnings() {
    if std::process::Command::new("groff").arg("--version").output().is_err() {
        eprintln!("groff is not installed: not rendered");
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    write_manual(temp.path());
    for entry in std::fs::read_dir(temp.path().join("man")).unwrap() {
        let path = entry.unwrap().path();
        let output =
            std::process::Command::new("groff").args(["-man", "-ww", "-z", "-Tutf8"]).arg(&path).output().unwrap();
        let warnings = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success() && warnings.is_empty(), "{}: {warnings}", path.display());
    }
}
