//! What readers and trainers take away from the site: the downloads on
//! every page (handouts, the offline zip with its size, checklists, key
//! dates), the print button, the 404 page and the link to report a
//! problem with a page, inspected in the built HTML
//! and used in Chromium (`tests/browser/readers.mjs`), also inside an
//! unpacked zip.

use crate::common;

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
    common::run_browser_script_with("readers.mjs", &[site.public().as_os_str(), unpacked.path().as_os_str()], 6);
}

#[test]
fn pages_carry_a_favicon_and_with_a_base_url_their_canonical_address() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}brand:\n  logo: static/logo.svg\n"));
    site.write("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"></svg>");
    site.build_ok();
    let page = site.page("fr/preparation/report/index.html");
    assert!(page.contains("<link rel=\"icon\" href=\"../../../_uprkit/brand/logo.svg\">"), "{page}");
    let canonical = "https://example.org/toolkit/fr/preparation/report/index.html";
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")), "{page}");
    assert!(page.contains(&format!("<meta property=\"og:url\" content=\"{canonical}\">")));
    assert!(page.contains("<meta property=\"og:title\" content=\"Rapport des parties prenantes\">"));
    assert!(page.contains("<meta property=\"og:locale\" content=\"fr\">"));
    site.write("uprkit.yaml", config.replace("base_url: https://example.org/toolkit/\n", ""));
    site.build_ok();
    assert!(!site.page("fr/preparation/report/index.html").contains("og:"), "no address to give without a base_url");
}

#[test]
fn quick_exit_is_off_by_default_and_leaves_without_a_trace_when_on() {
    let site = Site::copy("basic");
    site.build_ok();
    assert!(!site.page("index.html").contains("data-quick-exit"), "off by default");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}quick_exit: true\n"));
    site.build_ok();
    let home = site.page("index.html");
    assert!(home.contains("<a class=\"quick-exit\" href=\"https://www.wikipedia.org/\""), "{home}");
    assert!(home.find("quick-exit").unwrap() < home.find("skip-link").unwrap(), "first in the reading order");
    site.write("uprkit.yaml", format!("{config}quick_exit: yes please\n"));
    let message = common::stderr(&site.build(&[]));
    assert!(message.contains("`quick_exit` must be `true`, `false` or the address of a website"), "{message}");

    let neutral = site.root().join("neutral.html");
    std::fs::write(&neutral, "<!DOCTYPE html><title>Weather</title><p>Sunny.").unwrap();
    let neutral = format!("file://{}", neutral.display());
    site.write("uprkit.yaml", format!("{config}quick_exit: {neutral}\n"));
    site.build_ok();
    common::run_browser_script_with("quick_exit.mjs", &[site.public().as_os_str(), std::ffi::OsStr::new(&neutral)], 5);
}

/// `feedback:` gives every page, generated ones too, a link in the
/// reader's language carrying the page's title and address, encoded; none
/// when unset; anything but a web or mail address is an error at its line.
#[test]
fn feedback_links_carry_the_page_s_title_and_address() {
    let site = Site::copy("basic");
    site.build_ok();
    assert!(!site.page("index.html").contains("class=\"feedback\""), "none when unset");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}feedback: mailto:guide@example.org\n"));
    site.build_ok();
    let report = site.page("preparation/report/index.html");
    assert!(
        report.contains(
            "<p class=\"feedback\"><a href=\"mailto:guide@example.org?subject=Stakeholder%20report&amp;body=https%3A%2F%2Fexample.org%2Ftoolkit%2Fpreparation%2Freport%2Findex.html\">Report a problem with this page</a></p>"
        ),
        "{report}"
    );
    let arabic = site.page("ar/checklists/index.html");
    let link = &arabic[arabic.find("<p class=\"feedback\">").expect("on a generated page too")..];
    let link = &link[..link.find("</p>").unwrap()];
    // قوائم التحقق, in UTF-8, percent-encoded.
    assert!(link.contains("?subject=%D9%82%D9%88%D8%A7%D8%A6%D9%85%20%D8%A7%D9%84%D8%AA%D8%AD%D9%82%D9%82&amp;body=https%3A%2F%2Fexample.org%2Ftoolkit%2Far%2Fchecklists%2Findex.html\">الإبلاغ عن مشكلة في هذه الصفحة</a>"), "{link}");

    // A web form: `title` and `url` added to its own query, without a base_url the page's path.
    let unpublished = config.replace("base_url: https://example.org/toolkit/\n", "");
    site.write("uprkit.yaml", format!("{unpublished}feedback: https://example.org/report?guide=upr\n"));
    site.build_ok();
    let french = site.page("fr/preparation/report/index.html");
    assert!(
        french.contains("href=\"https://example.org/report?guide=upr&amp;title=Rapport%20des%20parties%20prenantes&amp;url=fr%2Fpreparation%2Freport%2Findex.html\">Signaler un problème sur cette page</a>"),
        "{french}"
    );

    site.write("uprkit.yaml", format!("{config}feedback: ftp://example.org/report\n"));
    let message = common::stderr(&site.build(&[]));
    let line = config.lines().count() + 1;
    assert!(message.contains(&format!("uprkit.yaml:{line}:")), "{message}");
    assert!(
        message.contains("`feedback` must be a web address (http:// or https://) or a mailto: address"),
        "{message}"
    );
    assert!(message.contains("feedback: mailto:guide@example.org"), "what to write: {message}");
}
