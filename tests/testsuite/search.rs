//! Search: one index per language, written as a script so it works from
//! file://; in real Chromium (playwright-core, installed by `.ci/run`):
//! English whatever the case, French without accents, Arabic without
//! diacritics or tatweel and with any alef form, Chinese without spaces,
//! and keyboard use.

use crate::common;

use common::{build_bundled, list_files};

#[test]
fn without_javascript_there_is_no_search_box() {
    let site = common::Site::copy("basic");
    site.build_ok();
    let page = site.page("index.html");
    assert!(page.contains("data-index=\"./search-index.en.js\" data-root=\"./\" hidden>"), "{page}");
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
    common::run_browser_script("search.mjs", &temp.path().join("public"), 11);
}
