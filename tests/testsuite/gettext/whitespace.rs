//! Whitespace-only edits of the English source (a paragraph re-wrapped, a
//! trailing or double space, the file saved with CRLF) change no message:
//! a block's message is its text with one space between words and a line
//! break only where Markdown has one (a hard break). PO files made when
//! messages kept the source's line breaks still match.

use std::path::Path;

use super::roundtrip::{long_site, LONG};
use super::{catalog, run, translate_all};
use uprkit::features::translations::gettext::po;

fn view(catalog: &po::Catalog) -> Vec<(bool, Option<String>, String, String, bool)> {
    catalog
        .entries
        .iter()
        .map(|e| (e.obsolete, e.context.clone(), e.id.clone(), e.translation.clone(), e.fuzzy))
        .collect()
}

#[test]
fn re_wrapping_spaces_and_crlf_make_nothing_fuzzy() {
    let site = long_site();
    let rel = "po/fr/review/follow-up.po";
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let template = catalog(&site, "po/templates/review/follow-up.pot");
    let paragraph = &template.entries[1].id;
    assert!(!paragraph.contains('\n'), "one line per paragraph: {paragraph:?}");
    translate_all(&site, rel);
    let translated = view(&catalog(&site, rel));
    let edits = [
        (
            "re-wrapped",
            LONG.replace("follow them up with\nthe ministries", "follow them\nup with the ministries")
                .replace("the\nother organisations", "the other\norganisations"),
        ),
        ("a trailing space", LONG.replace("follow them up with\n", "follow them up with \n")),
        ("a double space", LONG.replace("are promises: follow", "are promises:  follow")),
        ("indented continuation lines", LONG.replace("\nthe ministries", "\n   the ministries")),
        ("saved with CRLF", LONG.replace('\n', "\r\n")),
    ];
    for (what, source) in edits {
        site.write("content/review/follow-up.md", &source);
        run(&site, &["translate", "extract"]);
        let said = run(&site, &["translate", "update", "fr"]);
        assert!(said.contains("0 fuzzy, 0 untranslated"), "{what}: {said}");
        assert_eq!(view(&catalog(&site, rel)), translated, "{what}");
        site.build_ok();
        let page = site.page("fr/review/follow-up/index.html");
        assert!(page.contains("FR The recommendations your State accepted are promises"), "{what}: {page}");
        assert!(!page.contains("notice-outdated"), "{what}");
    }
}

#[test]
fn translations_made_for_messages_with_the_source_s_line_breaks_are_kept() {
    let site = long_site();
    let rel = "po/fr/review/follow-up.po";
    // A PO file as uprkit wrote it before: the paragraph's message with its source line breaks.
    let old = "The recommendations your State accepted are promises: follow them up with\n\
               the ministries in charge, the national human rights institution and the\n\
               other organisations of civil society, and write down who does what.";
    let file = po::Catalog {
        header: vec![("Content-Type".into(), "text/plain; charset=UTF-8".into()), ("Language".into(), "fr".into())],
        entries: vec![po::Entry {
            id: old.into(),
            translation: "Les recommandations\nacceptées.".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    site.write(rel, file.to_po());
    site.build_ok();
    assert!(
        site.page("fr/review/follow-up/index.html").contains("Les recommandations acceptées."),
        "the build finds it"
    );
    run(&site, &["translate", "extract"]);
    let said = run(&site, &["translate", "update", "fr"]);
    assert!(said.contains("1 translated, 0 fuzzy"), "{said}");
    let merged = catalog(&site, rel);
    let entry = merged.entries.iter().find(|e| e.translation.starts_with("Les recommandations")).unwrap();
    assert_eq!(entry.id, old.replace('\n', " "), "the message takes its new form");
    assert!(!entry.fuzzy && !entry.obsolete);
    assert!(merged.entries.iter().all(|e| !e.obsolete), "nothing left behind");
    let check = run(&site, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&check).unwrap();
    let fr = json["languages"].as_array().unwrap().iter().find(|l| l["code"] == "fr").unwrap();
    let file = fr["po_files"].as_array().unwrap().iter().find(|f| f["file"] == rel).unwrap();
    assert_eq!(file["translated"], 1);
}

#[test]
fn a_hard_break_is_the_one_line_break_a_message_keeps() {
    let site = long_site();
    let rel = "po/fr/review/follow-up.po";
    site.write(
        "content/review/follow-up.md",
        "---\ntitle: Follow-up\n---\n\nUPR Info  \nRue de Varembé 3\\\nGeneva\nSwitzerland\n\n| Where | Who |\n|---|---|\n| Geneva | Us |\n",
    );
    run(&site, &["translate", "extract"]);
    let template = catalog(&site, "po/templates/review/follow-up.pot");
    assert_eq!(template.entries[1].id, "UPR Info\\\nRue de Varembé 3\\\nGeneva Switzerland");
    run(&site, &["translate", "update", "fr"]);
    let mut filled = catalog(&site, rel);
    // A line that would start a heading after the break stays text; a table
    // cell gets no break, and a `|` in it is text.
    filled.entries[1].translation = "UPR Info\\\n## Rue de Varembé 3\\\nGenève Suisse".into();
    filled.entries[2].translation = "Où\\\n| x |".into();
    site.write(rel, filled.to_po());
    assert!(po::parse(Path::new(rel), &filled.to_po()).is_ok());
    site.build_ok();
    let page = site.page("fr/review/follow-up/index.html");
    assert_eq!(page.matches("<br />").count(), 2, "{page}");
    assert!(!page.contains("Varembé 3</h2>") && page.contains("## Rue de Varembé 3<br />"), "{page}");
    assert!(page.contains("<th>Où | x |</th>"), "{page}");
    assert_eq!(page.matches("<table").count(), 1);
}
