//! Proof of quality with tools others trust, on the bundled toolkit in every
//! language and on the fixture site: every page passes the Nu HTML validator
//! (vnu-jar, run on Java), axe-core finds no serious or critical
//! accessibility problem on each kind of page in English and Arabic (with
//! the workshop agenda, a page as slides, the presenter's view and the
//! facilitator edition), and a
//! typical page weighs under 30 KB compressed with no request to another
//! host. The tools come from npm (`.ci/run` installs them).

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
