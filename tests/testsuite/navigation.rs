//! The navigation beside every page stays small in a long section: the
//! pages around the current one and a link to the section in HTML, the
//! whole list from one shared script per language, so that a site's size
//! grows with its number of pages, not with its square.

use crate::common;

use common::Site;

/// The fixture with 40 more pages in its review section.
fn long_section() -> Site {
    let site = Site::copy("basic");
    for n in 1..=40 {
        site.write(
            &format!("content/review/long-{n:02}.md"),
            format!("---\ntitle: Long page {n}\nweight: {}\n---\n\nText of page {n}.\n", 100 + n),
        );
    }
    site.build_ok();
    site
}

#[test]
fn a_long_section_shows_a_window_of_its_pages_and_links_to_the_whole() {
    let site = long_section();
    let page = site.page("review/long-20/index.html");
    let start = page.find("<nav id=\"site-nav\"").unwrap();
    let nav = &page[start..start + page[start..].find("</nav>").unwrap()];
    let shown: Vec<&str> = nav
        .match_indices(">Long page ")
        .map(|(at, _)| &nav[at + 1..at + 1 + nav[at + 1..].find('<').unwrap()])
        .collect();
    let expected: Vec<String> = (14..=26).map(|n| format!("Long page {n}")).collect();
    assert_eq!(shown, expected, "six on each side of the current page");
    assert!(nav.contains("<ol data-nav-list=\"review/index.html\" data-nav-root=\"../../\">"), "{nav}");
    assert!(
        nav.contains(
            "<li class=\"nav-more\"><a href=\"../../review/index.html\">All 41 pages of this section</a></li>"
        ),
        "{nav}"
    );
    assert!(page.contains("<script src=\"../../_uprkit/nav.en.js\"></script>"));
    // At the start of the list, the window starts there too.
    let first = site.page("review/dialogue/index.html");
    assert!(first.contains(">Long page 12<") && !first.contains(">Long page 13<"), "the first 13 pages");
    // The shared list holds every page, with the href from the root.
    let script = site.page("_uprkit/nav.en.js");
    assert!(
        script.starts_with(
            "window.uprkitNav = {\"review/index.html\":[{\"href\":\"review/dialogue/index.html\",\"title\":\"Interactive dialogue\"},"
        ),
        "{script}"
    );
    assert_eq!(script.matches("\"review/long-").count(), 40);
    let french = site.page("_uprkit/nav.fr.js");
    assert!(
        french.contains("{\"href\":\"fr/review/long-01/index.html\",\"title\":\"Long page 1\",\"lang\":\"en\"}"),
        "untranslated pages carry their language: {french}"
    );
    // A short section is listed whole, with no script.
    let short = site.page("preparation/report/index.html");
    assert!(!short.contains("data-nav-list") && !short.contains("nav.en.js"));
    // Every link still leads somewhere from file://.
    common::check_links(&site.public());
}

/// A long section one level down (review/states/, 40 pages) is cut to a
/// window the same way, with its own link to the whole.
#[test]
fn a_long_sub_section_shows_a_window_and_links_to_the_whole_too() {
    let site = Site::copy("basic");
    site.write("content/review/states/_index.md", "---\ntitle: States\nweight: 50\n---\n\nOne page per State.\n");
    for n in 1..=40 {
        site.write(
            &format!("content/review/states/state-{n:02}.md"),
            format!("---\ntitle: State {n}\nweight: {n}\n---\n\nText of State {n}.\n"),
        );
    }
    site.build_ok();
    let page = site.page("review/states/state-20/index.html");
    let start = page.find("<nav id=\"site-nav\"").unwrap();
    let nav = &page[start..start + page[start..].find("</nav>").unwrap()];
    let shown: Vec<&str> =
        nav.match_indices(">State ").map(|(at, _)| &nav[at + 1..at + 1 + nav[at + 1..].find('<').unwrap()]).collect();
    let expected: Vec<String> = (14..=26).map(|n| format!("State {n}")).collect();
    assert_eq!(shown, expected, "six on each side of the current page");
    assert!(nav.contains("<ol data-nav-list=\"review/states/index.html\" data-nav-root=\"../../../\">"), "{nav}");
    assert!(
        nav.contains(
            "<li class=\"nav-more\"><a href=\"../../../review/states/index.html\">All 40 pages of this section</a></li>"
        ),
        "{nav}"
    );
    assert_eq!(nav.matches("class=\"nav-more\"").count(), 1, "the review section itself is short: {nav}");
    assert!(page.contains("<script src=\"../../../_uprkit/nav.en.js\"></script>"));
    assert_eq!(site.page("_uprkit/nav.en.js").matches("\"review/states/state-").count(), 40);
    common::check_links(&site.public());
}

#[test]
fn the_navigation_is_completed_in_a_real_browser_and_works_without_javascript() {
    let site = long_section();
    common::run_browser_script("nav.mjs", &site.public(), 3);
}

#[test]
fn a_pages_size_does_not_grow_with_its_section() {
    let small = Site::copy("basic");
    for n in 1..=40 {
        small.write(&format!("content/review/long-{n:03}.md"), format!("---\ntitle: Long page {n}\n---\n\nText.\n"));
    }
    small.build_ok();
    let big = Site::copy("basic");
    for n in 1..=400 {
        big.write(&format!("content/review/long-{n:03}.md"), format!("---\ntitle: Long page {n}\n---\n\nText.\n"));
    }
    big.build_ok();
    let size = |site: &Site| site.page("review/long-020/index.html").len();
    assert!(size(&big) <= size(&small) + 64, "{} bytes with 400 pages, {} with 40", size(&big), size(&small));
}
