//! Checklists: ids, the checklists page and its index at the HTML level, and
//! in real Chromium (driven by playwright-core, which `.ci/run` installs with
//! npm): ticks persist across reloads, languages and browser restarts, from
//! file:// and http://; reset; session-only mode; keyboard-only use.

use crate::common;

use common::Site;

#[test]
fn the_checklists_page_gathers_every_checklist_by_phase() {
    let site = Site::copy("basic");
    site.build_ok();
    let page = site.page("checklists/index.html");
    assert!(
        page.contains("<h2 id=\"phase-1\"><span class=\"phase-dot\" aria-hidden=\"true\"></span>Preparation"),
        "{page}"
    );
    assert!(page.contains("<a href=\"../preparation/report/index.html\">Stakeholder report</a>"), "{page}");
    assert!(
        page.contains("data-check=\"preparation/report#agree\"><label for=\"c-1\">Agree on the issues</label>"),
        "{page}"
    );
    assert!(page.contains("data-check=\"preparation/report#item-2\" checked>"), "{page}");
    let french = site.page("fr/checklists/index.html");
    assert!(french.contains("<label for=\"c-1\">Se mettre d’accord</label>"), "{french}");
    let index = site.page("_uprkit/checklists.en.js");
    assert_eq!(
        index,
        "window.UPRKIT_CHECKLISTS = {\"phases\":{\"preparation\":{\"items\":[\"preparation/report#agree\",\"preparation/report#item-2\",\"preparation/report#item-3\"],\"checked\":[\"preparation/report#item-2\"]}}};\n"
    );
    // Every page links the checklists page and loads the script.
    let home = site.page("index.html");
    assert!(home.contains("<a class=\"header-link\" href=\"./checklists/index.html\">Checklists</a>"), "{home}");
    assert!(home.contains("<script src=\"./_uprkit/uprkit.js\"></script>"));
}

#[test]
fn without_javascript_the_checklists_are_plain_checkboxes() {
    let site = Site::copy("basic");
    site.build_ok();
    let page = site.page("preparation/report/index.html");
    // Progress and settings are hidden until the script shows them.
    assert!(page.contains("data-page-progress hidden>"));
    assert!(page.contains("data-progress-settings hidden>"));
    assert!(page.contains("<input type=\"checkbox\" class=\"check\" id=\"check-agree\""));
}

#[test]
fn ticks_are_remembered_in_a_real_browser() {
    let site = Site::copy("basic");
    // The build's review date, which a reader's own must replace in the calendar file.
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}review_date: 2027-05-04\n"));
    site.build_ok();
    common::run_browser_script("checklists.mjs", &site.public(), 23);
}

/// Languages are built one at a time; a checklist that only a translation
/// has still gives every language its checklists page and link, as when
/// all languages were rendered together.
#[test]
fn a_checklist_only_in_a_translation_makes_the_page_in_every_language() {
    let site = common::Site::copy("basic");
    for source in ["content/preparation/report.md", "content/preparation/report.ar.md"] {
        let text = std::fs::read_to_string(site.root().join(source)).unwrap();
        site.write(source, text.replace("- [ ] ", "- ").replace("- [x] ", "- "));
    }
    site.build_ok();
    let public = site.public();
    for page in ["checklists/index.html", "fr/checklists/index.html", "ar/checklists/index.html"] {
        assert!(public.join(page).is_file(), "{page} is missing");
    }
    let english = std::fs::read_to_string(public.join("checklists/index.html")).unwrap();
    let french = std::fs::read_to_string(public.join("fr/checklists/index.html")).unwrap();
    assert!(french.contains("Se mettre d"), "the French items are listed");
    assert!(!english.contains("data-check="), "English has no items of its own");
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(home.contains("checklists/"), "the English pages link to the checklists page");
}
