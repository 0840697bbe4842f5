//! Proof of quality with tools others trust, on the bundled toolkit in every
//! language and on the fixture site: every page passes the Nu HTML validator
//! (vnu-jar, run on Java), axe-core finds no serious or critical
//! accessibility problem on each kind of page in English and Arabic, and a
//! typical page weighs under 30 KB compressed with no request to another
//! host. The tools come from npm (`.ci/run` installs them).

mod common;

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

#[test]
fn pages_are_accessible_and_light() {
    let temp = build_bundled();
    common::run_browser_script("quality.mjs", &temp.path().join("public"), 50);
}
