//! Search: one index per language, written as a script so it works from
//! file://; in real Chromium (playwright-core, installed by `.ci/run`):
//! English whatever the case, French without accents, Arabic without
//! diacritics or tatweel and with any alef form, Chinese without spaces,
//! and keyboard use; Arabic words typed with the article or a joined
//! preposition; one search when typing fast; the results inside the
//! screen at six widths and over the whole screen on a phone
//! (search_layout.mjs; off the navigation where it is beside the text), and
//! in Firefox and WebKit (search_engines.py).

use crate::common;

use common::{build_bundled, list_files};

#[test]
fn without_javascript_there_is_no_search_box() {
    let site = common::Site::copy("basic");
    site.build_ok();
    let page = site.page("index.html");
    assert!(
        page.contains(
            "data-index=\"./search-index.en.js\" data-engine=\"./_uprkit/search-engine.js\" data-root=\"./\" hidden>"
        ),
        "{page}"
    );
    let index = site.page("search-index.fr.js");
    assert!(
        index.starts_with(
            "window.UPRKIT_SEARCH = {\"pages\":[{\"t\":\"Accueil du jeu d'essai\",\"u\":\"fr/index.html\"}"
        ),
        "{index}"
    );
    assert!(!index.contains("Watching the webcast"), "untranslated pages stay out of the French index");
}

#[test]
fn each_index_is_under_35_percent_of_its_languages_pages() {
    let temp = build_bundled();
    let output = temp.path().join("public");
    for lang in ["en", "fr", "es", "ar", "ru", "zh"] {
        let prefix = if lang == "en" { String::new() } else { format!("{lang}/") };
        let html: u64 = list_files(&output)
            .iter()
            .filter(|f| f.ends_with(".html") && !f.starts_with("handouts/") && f.starts_with(&prefix))
            .filter(|f| lang != "en" || !["fr/", "es/", "ar/", "ru/", "zh/"].iter().any(|p| f.starts_with(p)))
            .map(|f| std::fs::metadata(output.join(f)).unwrap().len())
            .sum();
        let index = std::fs::metadata(output.join(format!("search-index.{lang}.js"))).unwrap().len();
        let share = index as f64 / html as f64;
        assert!(share < 0.35, "{lang}: index {index} bytes is {:.0}% of {html} bytes of pages", share * 100.0);
    }
}

#[test]
fn search_works_offline_in_every_script() {
    let temp = build_bundled();
    common::run_browser_script("search.mjs", &temp.path().join("public"), 13);
}

#[test]
fn results_fit_the_screen_and_phones_get_a_panel() {
    let temp = build_bundled();
    common::run_browser_script("search_layout.mjs", &temp.path().join("public"), 3);
}

/// `tests/browser/search_engines.py` in Firefox ESR or WebKit: fails, never
/// skips, when the browser is missing (`.ci/run` installs them).
#[track_caller]
fn results_fit_the_screen_in(engine: &str) {
    // One browser at a time, as in engines.rs: a slow WebKit misses its deadlines.
    let _alone = common::without_browsers();
    let temp = build_bundled();
    let python = common::repository().join(".venv/bin/python3");
    assert!(
        python.is_file(),
        "{} is missing: bash .ci/run installs selenium and marionette_driver there",
        python.display()
    );
    let script = common::repository().join("tests/browser/search_engines.py");
    let mut command =
        if engine == "webkit" { std::process::Command::new("xvfb-run") } else { std::process::Command::new(&python) };
    if engine == "webkit" {
        command.arg("-a").arg(&python);
    }
    let output =
        command.arg(&script).arg(engine).arg(temp.path().join("public")).output().expect("the browser script runs");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{engine}:\n{report}");
    assert_eq!(report.lines().filter(|line| line.starts_with(&format!("ok - {engine}: "))).count(), 2, "{report}");
}

#[test]
fn results_fit_the_screen_in_firefox() {
    results_fit_the_screen_in("firefox");
}

#[test]
fn results_fit_the_screen_in_webkit() {
    results_fit_the_screen_in("webkit");
}
