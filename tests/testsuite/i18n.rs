//! Multilingual toolkits: fallbacks, outdated translations, the status
//! report of `uprkit check`, stamping, glossaries and UI strings; the
//! language control on a phone, in Chromium (languages.mjs).

use crate::common;

use common::{assert_success, stderr, stdout, uprkit, Site};

#[test]
fn an_outdated_translation_says_so_and_links_to_its_source() {
    let site = Site::copy("basic");
    site.build_ok();
    let french = site.page("fr/preparation/report/index.html");
    assert!(french.contains("class=\"notice notice-outdated\""), "{french}");
    // The source language is named in the reader's language.
    assert!(french.contains("la version en anglais a été modifiée"), "{french}");
    assert!(
        french
            .contains("href=\"../../../preparation/report/index.html\" hreflang=\"en\">Lire la version en anglais</a>"),
        "{french}"
    );
    // The untranslated French page has the fallback notice in French.
    let fallback = site.page("fr/review/dialogue/index.html");
    assert!(
        fallback.contains("Cette page n&#39;est pas encore traduite dans votre langue. Elle est affichée en anglais."),
        "{fallback}"
    );
    let arabic = site.page("ar/review/dialogue/index.html");
    assert!(arabic.contains("وهي معروضة باللغة: الإنجليزية."), "{arabic}");
}

#[test]
fn stamping_records_the_source_version_and_clears_the_notice() {
    let site = Site::copy("basic");
    let output = uprkit(site.root(), &["check", "--stamp", "content/preparation/report.fr.md"]);
    assert_success(&output);
    assert!(
        stdout(&output).starts_with("stamped content/preparation/report.fr.md: source_hash "),
        "{}",
        stdout(&output)
    );
    let text = std::fs::read_to_string(site.root().join("content/preparation/report.fr.md")).unwrap();
    assert!(!text.contains("source_hash: 00000000") && text.contains("source_hash: "), "{text}");
    assert!(text.contains("title: Rapport des parties prenantes\nweight: 10\n"), "other lines untouched: {text}");
    site.build_ok();
    assert!(!site.page("fr/preparation/report/index.html").contains("notice-outdated"));

    // Editing the source makes the translation outdated again.
    let source = std::fs::read_to_string(site.root().join("content/preparation/report.md")).unwrap();
    site.write("content/preparation/report.md", source.replace("Start early.", "Start very early."));
    site.build_ok();
    assert!(site.page("fr/preparation/report/index.html").contains("notice-outdated"));
}

#[test]
fn stamping_a_source_page_is_refused() {
    let site = Site::copy("basic");
    let output = uprkit(site.root(), &["check", "--stamp", "content/preparation/report.md"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("content/preparation/report.md: this page is in the default language"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_prints_the_status_per_language_and_phase() {
    let site = Site::copy("basic");
    let output = uprkit(site.root(), &["check"]);
    assert_success(&output);
    let text = stdout(&output);
    assert!(text.starts_with("Translation status: 5 pages in English (en)\n"), "{text}");
    let row = text.lines().find(|line| line.starts_with("fr Français")).expect("a French row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[2..], ["1/1", "2/2", "0/2", "3/5", "1/2"], "{text}");
    for expected in [
        "  update     content/preparation/report.fr.md  (its source content/preparation/report.md changed)",
        "  translate  content/review/dialogue.md  →  content/review/dialogue.fr.md",
        "  translate  content/glossary.yaml  →  content/glossary.ar.yaml",
        "  checklist  content/preparation/report.ar.md has 2 checklist items, its source content/preparation/report.md has 3",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
    }
}

#[test]
fn check_speaks_json_for_scripts() {
    let site = Site::copy("basic");
    let output = uprkit(site.root(), &["check", "--format", "json"]);
    assert_success(&output);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(report["default_language"], "en");
    let french = &report["languages"][0];
    assert_eq!(french["code"], "fr");
    assert_eq!(
        french["totals"],
        serde_json::json!({"total": 5, "current": 0, "outdated": 1, "unstamped": 2, "missing": 2})
    );
    let arabic = &report["languages"][1];
    assert_eq!(arabic["checklist_mismatches"][0]["translation_items"], 2);
    assert_eq!(arabic["checklist_mismatches"][0]["source_items"], 3);
    // Fields in the order they are documented, for people reading the JSON.
    let text = String::from_utf8_lossy(&output.stdout);
    let fields: String = text.split_whitespace().collect();
    assert!(
        fields.contains("{\"translation\":\"content/preparation/report.ar.md\",\"source\":\"content/preparation/report.md\",\"translation_items\":2,\"source_items\":3}"),
        "{text}"
    );
}

#[test]
fn a_broken_glossary_is_reported_with_the_rest_of_the_status() {
    let site = Site::copy("basic");
    site.write("content/glossary.fr.yaml", "- term: EPU\n  tilte: x\n");
    let output = uprkit(site.root(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert!(
        report["errors"][0].as_str().unwrap().starts_with("content/glossary.fr.yaml:2:3: unknown key `tilte`"),
        "{report}"
    );
    assert_eq!(report["languages"].as_array().unwrap().len(), 2, "the translation status is still there");
}

#[test]
fn check_writes_a_page_to_share() {
    let site = Site::copy("basic");
    let page = site.outside().join("status.html");
    assert_success(&uprkit(site.root(), &["check", "--html", page.to_str().unwrap(), "-q"]));
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("<th scope=\"row\" lang=\"fr\">Français <small>(fr)</small></th>"), "{html}");
    assert!(html.contains("<td class=\"p0\"><strong>0/5</strong></td>"), "{html}");
    assert!(html.contains("Update <code>content/preparation/report.fr.md</code>"), "{html}");
    assert!(!html.contains("http"), "a shareable page loads nothing from elsewhere");
}

#[test]
fn missing_translations_fail_only_in_strict_mode() {
    let site = Site::copy("basic");
    assert_success(&uprkit(site.root(), &["check", "-q"]));
    let strict = uprkit(site.root(), &["check", "--strict", "-q"]);
    assert_eq!(strict.status.code(), Some(1));
    // Broken links fail without --strict.
    site.write("content/review/dialogue.md", "---\ntitle: D\n---\n[x](nowhere.md)\n");
    let broken = uprkit(site.root(), &["check"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        stdout(&broken).contains("error: content/review/dialogue.md:4: broken link `nowhere.md`"),
        "{}",
        stdout(&broken)
    );
}

#[test]
fn missing_ui_strings_fall_back_and_are_reported() {
    let site = Site::copy("basic");
    site.write("i18n/en.yaml", "field_guide: Field guide\n");
    site.write("i18n/fr.yaml", "field_guide: Guide de terrain\n");
    site.write("templates/partials/pager.html", "<p class=\"extra\">{{ t.field_guide }}</p>");
    site.build_ok();
    assert!(site.page("fr/preparation/index.html").contains("<p class=\"extra\">Guide de terrain</p>"));
    assert!(site.page("ar/preparation/index.html").contains("<p class=\"extra\">Field guide</p>"));
    let text = stdout(&uprkit(site.root(), &["check"]));
    assert!(
        text.contains("  strings    1 UI strings not translated (add them to i18n/ar.yaml): field_guide"),
        "{text}"
    );
    assert!(!text.contains("i18n/fr.yaml"), "{text}");
}

#[test]
fn files_saved_with_a_byte_order_mark_are_read() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("\u{feff}{config}"));
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    site.write("content/glossary.yaml", format!("\u{feff}{glossary}"));
    site.write("i18n/fr.yaml", "\u{feff}field_guide: Guide de terrain\n");
    site.write("templates/partials/pager.html", "<p class=\"extra\">{{ t.field_guide | default(value='') }}</p>");
    site.build_ok();
    assert!(site.page("fr/preparation/index.html").contains("<p class=\"extra\">Guide de terrain</p>"));
    assert!(site.page("glossary/index.html").contains("id=\"term-upr\""));
}

#[test]
fn glossary_terms_link_to_the_glossary_of_the_readers_language() {
    let site = Site::copy("basic");
    site.build_ok();
    let english = site.page("preparation/report/index.html");
    assert!(english.contains("<p>The <a class=\"term\" href=\"../../glossary/index.html#term-upr\"><abbr title=\"Universal Periodic Review\">UPR</abbr></a> needs your report."), "{english}");
    let french = site.page("fr/preparation/report/index.html");
    assert!(french.contains("<a class=\"term\" href=\"../../../fr/glossary/index.html#term-epu\"><abbr title=\"Examen périodique universel\">EPU</abbr></a>"), "{french}");
    let glossary = site.page("fr/glossary/index.html");
    assert!(glossary.contains("<div class=\"glossary-entry\" id=\"term-epu\">"), "{glossary}");
    assert!(glossary.contains("<html lang=\"fr\" dir=\"ltr\""));
    // Arabic has no glossary yet: the English one, marked as such.
    let arabic = site.page("ar/glossary/index.html");
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\""));
    assert!(
        arabic.contains("notice-fallback") && arabic.contains("<dl class=\"glossary-terms\" lang=\"en\" dir=\"ltr\">"),
        "{arabic}"
    );
    assert!(arabic.contains("id=\"term-nhri\""));
}

#[test]
fn a_duplicate_glossary_term_names_its_line() {
    let site = Site::copy("basic");
    site.write(
        "content/glossary.fr.yaml",
        "- term: EPU\n  title: A\n- term: OSC\n  title: B\n- term: EPU\n  title: C\n",
    );
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("content/glossary.fr.yaml:5: the term `EPU` is defined twice (first on line 1)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn source_hash_on_a_default_language_page_is_an_error() {
    let site = Site::copy("basic");
    site.write("content/review/dialogue.md", "---\ntitle: D\nsource_hash: abc\n---\n");
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("content/review/dialogue.md:3: `source_hash` on a page in the default language"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_language_without_any_page_is_a_warning() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write(
        "uprkit.yaml",
        config.replace("  ar: { name: العربية }\n", "  ar: { name: العربية }\n  es: { name: Español }\n"),
    );
    let output = site.build_ok();
    assert!(stderr(&output).contains("uprkit.yaml:8: language `es` has no translated page yet"), "{}", stderr(&output));
    assert!(site.page("es/preparation/report/index.html").contains("notice-fallback"));
}

#[test]
fn the_switcher_leads_to_the_same_page_in_every_language() {
    let site = Site::copy("basic");
    site.build_ok();
    let page = site.page("fr/preparation/report/index.html");
    for (code, target) in [
        ("en", "../../../preparation/report/index.html"),
        ("fr", "../../../fr/preparation/report/index.html"),
        ("ar", "../../../ar/preparation/report/index.html"),
    ] {
        assert!(page.contains(&format!("<a href=\"{target}\" hreflang=\"{code}\" lang=\"{code}\"")), "{code}: {page}");
        if code != "fr" {
            assert!(
                page.contains(&format!(
                    "<link rel=\"alternate\" hreflang=\"{code}\" href=\"https://example.org/toolkit/{}\">",
                    target.trim_start_matches("../../../")
                )),
                "{code}"
            );
        }
    }
    assert!(page.contains("hreflang=\"fr\" lang=\"fr\" dir=\"ltr\" aria-current=\"true\""));
}

#[test]
fn check_points_out_what_authors_can_improve() {
    let site = Site::copy("basic");
    site.write("content/review/dialogue.md", "---\ntitle: D\n---\n## One {#webcast}\n\n#### Three\n\n![](../preparation/map.png)\n\n[click here](../preparation/report.md)\n");
    let output = uprkit(site.root(), &["check"]);
    assert_success(&output);
    let text = stdout(&output);
    for expected in [
        "lint: content/review/dialogue.md:6: heading level 4 after level 2: use ###",
        "lint: content/review/dialogue.md:8: an image without alternative text",
        "lint: content/review/dialogue.md:10: the link text `click here` does not say where it leads",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
    }
}

/// A phase's page left untranslated is still named in the reader's
/// language wherever the guide names it (navigation, breadcrumbs, pager),
/// as its phase label and the cycle do; its own heading stays the default
/// language's text, marked as such.
#[test]
fn an_untranslated_phase_is_named_in_the_readers_language() {
    let site = common::Site::copy("basic");
    site.build_ok();
    let page = site.page("ar/review/dialogue/index.html");
    let crumbs = &page[page.find("class=\"breadcrumbs\"").unwrap()..];
    let crumbs = &crumbs[..crumbs.find("</nav>").unwrap()];
    assert!(crumbs.contains(">الاستعراض</a>"), "{crumbs}");
    let nav = &page[page.find("id=\"site-nav\"").unwrap()..];
    let review = &nav[nav.find("ar/review/index.html").unwrap()..];
    let review = &review[..review.find("</a>").unwrap()];
    assert!(review.contains("الاستعراض") && !review.contains("is-fallback"), "{review}");
    let section = site.page("ar/review/index.html");
    assert!(section.contains("<h1>Review</h1>"), "the page's own text still falls back");
    // A translated phase page need not repeat `phase:`: the cycle still links to it.
    let home = site.page("fr/index.html");
    let cycle = &home[home.find("cycle-phase phase-preparation").expect("the cycle")..];
    assert!(cycle[..cycle.find("</a>").unwrap()].contains("href=\"../fr/preparation/index.html\""), "{cycle}");
}

/// Every date a reader sees is written in the page's language by the build
/// (on paper, in handouts and decks, without JavaScript): a workshop's
/// agenda, also where it is not translated, its days, the list of
/// workshops, the key dates, a page's last update and a handout's title page.
#[test]
fn dates_are_written_in_the_reader_s_language() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}review_date: 2027-05-04\n"));
    for (file, date) in [("review/dialogue.md", "2026-12-01"), ("preparation/report.fr.md", "2026-11-15")] {
        let text = std::fs::read_to_string(site.root().join("content").join(file)).unwrap();
        site.write(&format!("content/{file}"), text.replacen("---\n", &format!("---\nupdated: {date}\n"), 1));
    }
    site.write(
        "workshops/two-days.yaml",
        "title: Two days\ndate: 2027-03-16\nstart: \"09:00\"\nsessions:\n  - title: Opening\n    items:\n      - activity: \
         Welcome\n        duration: 15m\n  - day: Day 2\n    date: 2027-03-01\n    start: \"09:00\"\n  - title: \
         Closing\n    items:\n      - activity: Evaluation\n        duration: 10m\n",
    );
    site.build_ok();
    let time = |iso: &str, text: &str| format!("<time datetime=\"{iso}\">{text}</time>");
    for (lang, workshop, day) in [
        ("", "Tuesday 16 March 2027", "Monday 1 March 2027"),
        ("fr/", "mardi 16 mars 2027", "lundi 1 mars 2027"),
        ("ar/", "الثلاثاء، 16 مارس 2027", "الاثنين، 1 مارس 2027"),
    ] {
        let agenda = site.page(&format!("{lang}workshops/two-days/index.html"));
        assert!(agenda.contains(&time("2027-03-16", workshop)), "{lang}: {agenda}");
        assert!(agenda.contains(&time("2027-03-01", day)), "{lang}: {agenda}");
        assert!(site.page(&format!("{lang}workshops/index.html")).contains(&time("2027-03-16", workshop)));
    }
    for (lang, review, submission) in [
        ("", "4 May 2027", "around <time datetime=\"2026-10\">October 2026</time>"),
        ("fr/", "4 mai 2027", "vers <time datetime=\"2026-10\">octobre 2026</time>"),
        ("ar/", "4 مايو 2027", "حوالي <time datetime=\"2026-10\">أكتوبر 2026</time>"),
    ] {
        let page = site.page(&format!("{lang}key-dates/index.html"));
        assert!(page.contains(&format!("<td data-date>{}</td>", time("2027-05-04", review))), "{lang}: {page}");
        assert!(page.contains(&format!("<td data-date>{submission}</td>")), "{lang}: {page}");
    }
    let report = site.page("preparation/report/index.html");
    assert!(report.contains(&format!("Updated {}", time("2026-11-01", "1 November 2026"))), "{report}");
    // A page not translated yet, in French: the date in French like the words around it.
    let untranslated = site.page("fr/review/dialogue/index.html");
    assert!(
        untranslated.contains(&format!("Mis à jour le {}", time("2026-12-01", "1 décembre 2026"))),
        "{untranslated}"
    );
    let handout = site.page("handouts/fr/guide.html");
    assert!(handout.contains(&time("2026-12-01", "1 décembre 2026")), "{handout}");
    for page in [&untranslated, &handout, &site.page("fr/workshops/two-days/index.html")] {
        let shown = visible_text(page);
        assert!(!["2026-11-01", "2026-12-01", "2027-03-16"].iter().any(|iso| shown.contains(iso)), "{shown}");
    }
    // A workshop's deck names its days the same way.
    let deck = site.outside().join("deck.html");
    let output = uprkit(
        site.root(),
        &["handout", "--slides", "--workshop", "two-days", "--lang", "fr", "-o", deck.to_str().unwrap()],
    );
    assert_success(&output);
    assert!(std::fs::read_to_string(&deck).unwrap().contains("\"when\":\"lundi 1 mars 2027\""));
}

/// What a reader sees of `html`: its text outside tags, scripts and styles.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[open..];
        let skip = ["<script", "<style"].iter().find(|tag| rest.starts_with(**tag));
        let end = match skip {
            Some(tag) => rest.find(&format!("</{}>", &tag[1..])).unwrap_or(rest.len()),
            None => rest.find('>').map_or(rest.len(), |at| at + 1),
        };
        rest = &rest[end..];
    }
    text + rest
}

#[test]
fn on_a_phone_the_language_control_shows_the_current_language_and_opens_to_all() {
    let temp = common::build_bundled();
    common::run_browser_script("languages.mjs", &temp.path().join("public"), 1);
}
