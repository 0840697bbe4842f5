//! What readers and trainers take away from the site: the downloads on
//! every page (handouts, the offline zip with its size, checklists, key
//! dates), the print button and the 404 page, inspected in the built HTML
//! and used in Chromium (`tests/browser/readers.mjs`), also inside an
//! unpacked zip.

mod common;

use common::Site;

#[test]
fn every_page_offers_the_downloads_and_the_phase_pages_their_own_handout() {
    let site = Site::copy("basic");
    site.build_ok();
    let home = site.page("index.html");
    let block = &home[home.find("<section class=\"downloads downloads-main\"").expect("a block on the home page")..];
    let block = &block[..block.find("</section>").unwrap()];
    for href in [
        "handouts/en/preparation.html",
        "handouts/en/review.html",
        "handouts/en/guide.html",
        "handouts/en/site.zip",
        "checklists/index.html",
        "key-dates/index.html",
    ] {
        assert!(block.contains(&format!("href=\"./{href}\"")), "{href} in {block}");
    }
    let phase = site.page("fr/preparation/index.html");
    let block = &phase[phase.find("downloads-main").expect("a block on the phase page")..];
    let block = &block[..block.find("</section>").unwrap()];
    assert!(block.contains("href=\"../../handouts/fr/preparation.html\""), "{block}");
    assert!(block.contains("La phase « Préparation », à imprimer"), "{block}");
    assert!(!block.contains("handouts/fr/review.html"), "only its own phase: {block}");
    let page = site.page("preparation/report/index.html");
    assert!(!page.contains("downloads-main"), "a content page has the footer's line only");
    assert!(page.contains("<section class=\"downloads downloads-footer\" lang=\"en\" dir=\"ltr\""));
    assert!(page.contains("href=\"../../handouts/en/guide.html\""));
    assert!(page.contains("data-print-tools hidden"), "the print button, shown by the page script");
    // Sizes, for the page script, once the zips exist.
    let sizes = site.page("_uprkit/downloads.js");
    let zip = std::fs::metadata(site.public().join("handouts/en/site.zip")).unwrap().len();
    assert!(sizes.contains(&format!("\"handouts/en/site.zip\":{zip}")), "{sizes}");
}

#[test]
fn without_handouts_the_downloads_keep_the_checklists_and_key_dates() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}handouts: false\n"));
    site.build_ok();
    let home = site.page("index.html");
    assert!(!home.contains("handouts/"), "no link to handouts that were not made");
    assert!(home.contains("downloads-main") && home.contains("href=\"./checklists/index.html\""));
    assert!(!home.contains("downloads.js"));
    assert!(!site.public().join("_uprkit/downloads.js").exists());
}

#[test]
fn downloads_printing_and_the_404_page_in_a_real_browser() {
    let site = Site::copy("basic");
    // Without a base_url, as a guide opened from a folder is built.
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", config.replace("base_url: https://example.org/toolkit/\n", ""));
    site.build_ok();
    let file = std::fs::File::open(site.public().join("handouts/fr/site.zip")).unwrap();
    let unpacked = tempfile::tempdir().unwrap();
    zip::ZipArchive::new(file).unwrap().extract(unpacked.path()).unwrap();
    common::run_browser_script_with("readers.mjs", &[site.public().as_os_str(), unpacked.path().as_os_str()], 5);
}
