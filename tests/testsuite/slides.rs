//! Slides: a page presented (each `##` section a slide, `<!-- slide -->`
//! and `<!-- slides: hide -->` marks), the brand's logo and colour on them,
//! the presenter's window in step with the projected one from file:// and
//! over `uprkit serve`, opened on most of the screen with its notes
//! readable, right to left in Arabic (tests/browser/slides.mjs, in
//! Chromium); what the audience sees of a deck (tests/browser/slides_projected.mjs:
//! no edition, controls that fade, untranslated words marked, a lead-in kept
//! with its list); a deck printed one slide per sheet; and the marks in the
//! page's HTML.

use crate::common;

use common::{stderr, uprkit, Site};

const PAGE: &str = "---\ntitle: Interactive dialogue\nweight: 10\n---\n\nHow the day goes.\n\n\
## Before the day\n\nPlan who watches.\n\n> [!FACILITATOR]\n> Ask who has watched a review: NOTE-MARKER-1.\n\n\
<!-- slide -->\n\nSecond part of the day before.\n\n\
## On the day {#webcast}\n\nWatch the webcast.\n\n<!-- slides: hide -->\n\nLong background text HIDDEN-ON-SLIDES.\n\n<!-- slides: show -->\n\n\
## After\n\nWrite it up.\n";

const PAGE_AR: &str = "---\ntitle: الحوار التفاعلي\n---\n\nكيف يمر اليوم.\n\n## قبل اليوم {#webcast}\n\nخططوا.\n\n## بعد اليوم\n\nاكتبوا.\n";

/// The fixture toolkit with the pages above, branded (its logo and a
/// colour unlike the phases', which the slides' accent takes).
fn site_with_slides() -> Site {
    let site = Site::copy("basic");
    site.write("content/review/dialogue.md", PAGE);
    site.write("content/review/dialogue.ar.md", PAGE_AR);
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 40\"><rect width=\"40\" height=\"40\" fill=\"#8a1c4a\"/></svg>\n",
    );
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write(
        "uprkit.yaml",
        format!("{config}brand:\n  organisation: Fixture NGO\n  logo: static/logo.svg\n  color: \"#8a1c4a\"\n"),
    );
    site
}

#[test]
fn slides_move_with_keys_and_swipes_and_the_presenter_follows_from_file_and_over_serve() {
    let site = site_with_slides();
    site.build_ok();
    let deck = site.outside().join("deck.html");
    let output = uprkit(
        site.root(),
        &["handout", "--slides", "--facilitator", "--page", "review/dialogue", "-o", deck.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let served = common::serve(site.root());
    let public = site.public();
    common::run_browser_script_with(
        "slides.mjs",
        &[public.as_os_str(), deck.as_os_str(), std::ffi::OsStr::new(&served.url)],
        9,
    );
}

#[test]
fn the_marks_become_html_the_page_keeps_and_a_deck_prints_one_slide_per_sheet() {
    let site = site_with_slides();
    site.build_ok();
    let page = site.page("review/dialogue/index.html");
    assert!(page.contains("<div class=\"slide-break\" aria-hidden=\"true\"></div>"), "{page}");
    assert!(
        page.contains("<div class=\"not-on-slides\">\n<p>Long background text HIDDEN-ON-SLIDES.</p>\n</div>"),
        "{page}"
    );
    assert!(!page.contains("<!-- slide"), "no mark is left as a comment");
    assert!(page.contains("id=\"present\" data-present hidden>Present</button>"));
    // Printed: the cover, then one sheet per slide, without the controls.
    let deck = site.outside().join("deck.html");
    let output =
        uprkit(site.root(), &["handout", "--slides", "--page", "review/dialogue", "-o", deck.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let sheets = common::print_to_pdf_pages(&deck);
    let firsts: Vec<String> = sheets
        .iter()
        .map(|sheet| sheet.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string())
        .collect();
    assert_eq!(sheets.len(), 6, "{firsts:#?}");
    assert!(sheets[0].contains("Fixture toolkit"), "{}", sheets[0]);
    assert!(sheets[1].contains("Interactive dialogue") && sheets[1].contains("How the day goes"));
    assert!(sheets[2].contains("Before the day") && sheets[2].contains("Plan who watches"));
    assert!(sheets[3].contains("Before the day") && sheets[3].contains("Second part"));
    assert!(sheets[4].contains("On the day") && !sheets[4].contains("HIDDEN-ON-SLIDES"));
    assert!(sheets[5].contains("After"));
    for sheet in &sheets {
        assert!(!sheet.contains("Next slide") && !sheet.contains("Presenter view"), "no controls on paper: {sheet}");
        assert!(!sheet.contains("NOTE-MARKER"), "a participants' deck has no notes");
    }
}

#[test]
fn a_workshop_s_deck_follows_its_agenda() {
    let site = site_with_slides();
    site.write(
        "workshops/morning.yaml",
        "title: Morning\nstart: \"09:00\"\nsessions:\n  - title: Opening\n    items:\n      - activity: Introductions\n        duration: 15m\n        materials: [Badges]\n  - title: The day itself\n    items:\n      - page: review/dialogue#webcast\n        duration: 20m\n  - break: Tea\n    duration: 15m\n",
    );
    let deck = site.outside().join("morning.html");
    let output = uprkit(site.root(), &["handout", "--slides", "--workshop", "morning", "-o", deck.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    // Printed, one slide per sheet: the cover, then the agenda's order, the
    // page reduced to the section the workshop uses.
    let sheets = common::print_to_pdf_pages(&deck);
    let expected: [&[&str]; 6] = [
        &["Fixture toolkit", "Morning"],
        &["Opening", "09:00–09:15 · 15 min"],
        &["Introductions", "09:00 · 15 min", "Badges"],
        &["The day itself", "09:15–09:35 · 20 min"],
        &["On the day", "Watch the webcast"],
        &["Tea", "09:35–09:50 · 15 min"],
    ];
    assert_eq!(sheets.len(), expected.len(), "{sheets:#?}");
    for (sheet, words) in sheets.iter().zip(expected) {
        for word in words {
            assert!(sheet.contains(word), "{word:?} not in:\n{sheet}");
        }
    }
    assert!(!sheets.iter().any(|sheet| sheet.contains("Before the day")), "only the section the workshop uses");
    // A workshop that is not there: the ones that are.
    let output = uprkit(site.root(), &["handout", "--slides", "--workshop", "evening", "-o", deck.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("no workshop `evening` in workshops/ (its workshops: morning)"));
}

#[test]
fn the_audience_sees_neither_the_edition_nor_idle_controls_and_untranslated_words_are_marked() {
    let site = site_with_slides();
    site.write(
        "workshops/morning.yaml",
        "title: Morning\nstart: \"09:00\"\nsessions:\n  - title: Opening\n    items:\n      - activity: Introductions\n        duration: 15m\n        materials: [Badges]\n  - title: The day itself\n    items:\n      - page: review/dialogue#webcast\n        duration: 20m\n",
    );
    // An introduction short enough for the title slide, then a sentence
    // that leads into a list too long to join it.
    let intro = "The review is where the State answers for its record. ".repeat(9);
    site.write(
        "content/review/phase.md",
        format!("---\ntitle: The review phase\nweight: 20\n---\n\n{intro}\n\nIn this phase you will:\n\n- LIST-ITEM-1 brief the delegations of the States that take part\n- watch the webcast with journalists and partners\n"),
    );
    site.build_ok();
    let deck = |lang: &str| {
        let deck = site.outside().join(format!("morning-{lang}.html"));
        let output = uprkit(
            site.root(),
            &[
                "handout",
                "--slides",
                "--facilitator",
                "--workshop",
                "morning",
                "--lang",
                lang,
                "-o",
                deck.to_str().unwrap(),
            ],
        );
        assert!(output.status.success(), "{}", stderr(&output));
        deck
    };
    let (deck_en, deck_ar) = (deck("en"), deck("ar"));
    let html = std::fs::read_to_string(&deck_en).unwrap();
    assert!(html.contains("<title>Fixture toolkit · Morning</title>"), "the window's title: {html}");
    assert!(html.contains("<p class=\"handout-presenter-edition\">Facilitator edition</p>"));
    // A participants' handout still says which edition it is, and the workshop's own file is not marked.
    let handout = site.outside().join("guide.html");
    let output = uprkit(site.root(), &["handout", "--facilitator", "-o", handout.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(std::fs::read_to_string(&handout)
        .unwrap()
        .contains("<p class=\"handout-subtitle\">Facilitator edition</p>"));
    assert!(!html.contains("data-untranslated=\""));
    let page = site.public().join("review/phase/index.html");
    common::run_browser_script_with(
        "slides_projected.mjs",
        &[deck_en.as_os_str(), deck_ar.as_os_str(), page.as_os_str()],
        5,
    );
}
