//! Proof of quality with tools others trust, on the bundled toolkit in every
//! language and on the fixture site: every page passes the Nu HTML validator
//! (vnu-jar, run on Java), axe-core finds no serious or critical
//! accessibility problem on each kind of page in English and Arabic (with
//! the workshop agenda, a page as slides, the presenter's view and the
//! facilitator edition), a
//! typical page weighs under 30 KB compressed with no request to another
//! host, and what Lighthouse's SEO and accessibility audits look at holds
//! (`tests/browser/audits.mjs`). The tools come from npm (`.ci/run`
//! installs them).

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{build_bundled, repository, Site};

#[track_caller]
fn validate(dir: &Path) {
    let jar = repository().join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.is_file(), "the Nu validator is needed: run `npm ci` (bash .ci/run does)");
    let output = Command::new("java")
        .args(["-jar"])
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html"])
        .arg(dir)
        .output()
        .expect("java runs (bash .ci/run installs it if missing)");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && report.trim().is_empty(), "HTML errors:\n{report}");
}

#[test]
fn every_page_of_the_bundled_toolkit_is_valid_html() {
    let temp = build_bundled();
    validate(&temp.path().join("public"));
}

#[test]
fn every_page_of_the_fixture_is_valid_html() {
    let site = Site::copy("basic");
    site.build_ok();
    validate(&site.public());
}

/// The trainers' files made on demand: the facilitator editions and a deck
/// of slides with notes, in English and Arabic, copied into `public` to be
/// checked with its pages (uprkit itself writes them into no output folder).
fn trainers_files(public: &Path) {
    let made = tempfile::tempdir().unwrap();
    for lang in ["en", "ar"] {
        for (args, name) in [
            (vec!["--facilitator"], "facilitator-edition.html"),
            (vec!["--slides", "--facilitator", "--phase", "preparation"], "slides-test.html"),
        ] {
            let out = made.path().join(format!("{lang}-{name}"));
            let mut all = vec!["handout", "--lang", lang, "-o", out.to_str().unwrap()];
            all.extend(args);
            common::assert_success(&common::uprkit(repository(), &all));
            std::fs::copy(&out, public.join(format!("handouts/{lang}/{name}"))).unwrap();
        }
    }
}

#[test]
fn workshop_materials_are_valid_html() {
    // The agendas and the packages' start pages are in the build; the
    // facilitator editions and decks are made on demand.
    let temp = build_bundled();
    let public = temp.path().join("public");
    trainers_files(&public);
    let start = public.join("scorm-start");
    std::fs::create_dir_all(&start).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(public.join("handouts/ar/scorm.zip")).unwrap()).unwrap();
    let mut index = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("index.html").unwrap(), &mut index).unwrap();
    std::fs::write(start.join("index.html"), index).unwrap();
    for dir in ["handouts", "scorm-start", "workshops", "fr/workshops"] {
        validate(&public.join(dir));
    }
}

#[test]
fn pages_are_accessible_and_light() {
    let temp = build_bundled();
    trainers_files(&temp.path().join("public"));
    common::run_browser_script("quality.mjs", &temp.path().join("public"), 66);
}

/// Every page a search engine may show, the generated ones too (checklists,
/// glossary, key dates, matrix, audiences, agendas), has a meta description
/// in the reader's language; without a base_url the `hreflang` alternates
/// stay relative, as `file://` needs.
#[test]
fn every_page_is_described_in_its_language() {
    let temp = build_bundled();
    let public = temp.path().join("public");
    let description = |html: &str| {
        let at = html.find("<meta name=\"description\" content=\"")? + 34;
        Some(html[at..at + html[at..].find('"')?].to_string())
    };
    for rel in common::list_files(&public).iter().filter(|f| f.ends_with("index.html")) {
        let html = std::fs::read_to_string(public.join(rel)).unwrap();
        let text = description(&html).unwrap_or_default();
        assert!(!text.trim().is_empty(), "{rel} has no meta description");
        let alternates: Vec<&str> = html.split("<link rel=\"alternate\" hreflang=\"").skip(1).collect();
        assert!(!alternates.is_empty(), "{rel}: no hreflang alternates");
        for alternate in alternates {
            assert!(alternate.split_once("href=\"").unwrap().1.starts_with('.'), "{rel}: {alternate}");
        }
    }
    for rel in ["checklists", "glossary", "key-dates", "recommendations", "workshops/half-day", "audience/nhri"] {
        let english = description(&std::fs::read_to_string(public.join(rel).join("index.html")).unwrap());
        let arabic = description(&std::fs::read_to_string(public.join("ar").join(rel).join("index.html")).unwrap());
        assert!(arabic.as_ref().unwrap().chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)), "ar/{rel}: {arabic:?}");
        assert_ne!(english, arabic, "{rel}");
    }
}

/// Lighthouse's SEO and accessibility audits, or what they look at
/// (`tests/browser/audits.mjs`), on the home, a content page, the
/// checklists, the matrix and an agenda, in English and Arabic, on the
/// example toolkit published at an address, with every optional link on
/// (`feedback:`).
#[test]
fn pages_pass_the_seo_and_accessibility_audits() {
    let site = Site::init(&[]);
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}feedback: mailto:guide@example.org\n"));
    let base = "https://example.org/upr-guide";
    common::assert_success(&site.build(&["-q", "--base-url", base]));
    assert!(site.page("ar/index.html").contains("class=\"feedback\""));
    common::run_browser_script_with("audits.mjs", &[site.public().as_os_str(), std::ffi::OsStr::new(base)], 20);
}
