//! Translation through PO files, with GNU gettext's own tools as the
//! judges: what uprkit writes passes `msgfmt --check`, `msgmerge` on its
//! templates gives the entries `uprkit translate update` gives, and a
//! translation filled in by a script is published in the right places,
//! with a changed source giving back exactly the changed entry.

use crate::common;
mod from_markdown;
mod msgmerge;
mod platforms;
mod roundtrip;
mod whitespace;

use std::path::Path;
use std::process::Command;

use common::{stderr, stdout, uprkit, Site};
use uprkit::features::translations::gettext::po;

const PAGE: &str = "---\ntitle: Lobbying States\nsummary: How to meet embassies before the review.\n---\n\n\
Meet the embassies **early**, and bring your [report](../preparation/report.md#checklist).\n\n\
## Before the review {#before}\n\n\
- Make a list of friendly States\n- Ask for a meeting\n\n\
- [ ] Send the report to the embassies {#send-report}\n- [ ] Prepare a one-page summary {#summary}\n\n\
| Step | When |\n|---|---|\n| Meetings | Three months before |\n\n\
> [!TIP]\n> Embassies in your capital\n> often report to Geneva.\n\n\
```\nnot {{ text }} to translate\n```\n";

fn site() -> Site {
    let site = Site::copy("basic");
    site.write("content/review/lobbying.md", PAGE);
    site
}

#[track_caller]
fn run(site: &Site, args: &[&str]) -> String {
    let output = uprkit(site.root(), args);
    common::assert_success(&output);
    stdout(&output)
}

/// Runs git in the site's folder, as a test author.
#[track_caller]
fn git(site: &Site, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.email=t@example.org", "-c", "user.name=Test"])
        .args(args)
        .current_dir(site.root())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// Every PO and POT file under `po/` passes `msgfmt --check`.
#[track_caller]
fn msgfmt_accepts(site: &Site) -> usize {
    let mut count = 0;
    for (rel, path) in uprkit::engine::templates::files_under(&site.root().join("po")).unwrap() {
        let output = Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null"])
            .arg(&path)
            .output()
            .expect("msgfmt runs (gettext; bash .ci/run installs it)");
        assert!(output.status.success(), "msgfmt --check po/{rel}:\n{}", String::from_utf8_lossy(&output.stderr));
        count += 1;
    }
    count
}

fn catalog(site: &Site, rel: &str) -> po::Catalog {
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    po::parse(Path::new(rel), &text).unwrap()
}

/// Fills every message of a PO file with "FR " and the source text (its
/// inline Markdown kept), as a translator's tool would save it.
fn translate_all(site: &Site, rel: &str) {
    let mut catalog = catalog(site, rel);
    for entry in &mut catalog.entries {
        entry.translation = format!("FR {}", entry.id);
    }
    site.write(rel, catalog.to_po());
}

#[test]
fn templates_hold_the_page_s_blocks_and_gettext_accepts_them() {
    let site = site();
    run(&site, &["translate", "extract"]);
    let template = catalog(&site, "po/templates/review/lobbying.pot");
    let messages: Vec<(Option<&str>, &str)> =
        template.entries.iter().map(|e| (e.context.as_deref(), e.id.as_str())).collect();
    assert_eq!(
        messages,
        vec![
            (Some("title"), "Lobbying States"),
            (Some("summary"), "How to meet embassies before the review."),
            (None, "Meet the embassies **early**, and bring your [report](../preparation/report.md#checklist)."),
            (None, "Before the review"),
            (None, "Make a list of friendly States"),
            (None, "Ask for a meeting"),
            (Some("send-report"), "Send the report to the embassies"),
            (Some("summary"), "Prepare a one-page summary"),
            (None, "Step"),
            (None, "When"),
            (None, "Meetings"),
            (None, "Three months before"),
            (None, "Embassies in your capital often report to Geneva."),
        ]
    );
    assert_eq!(template.entries[2].references, vec!["content/review/lobbying.md:6"]);
    assert!(template.entries.iter().all(|e| !e.id.contains("not {{ text }}")), "code is not extracted");
    // French: only pages without a hand-written translation get a PO file.
    let said = run(&site, &["translate", "update", "fr"]);
    assert!(said.contains("po/fr/review/lobbying.po: 0 translated, 0 fuzzy, 13 untranslated"), "{said}");
    assert!(!site.root().join("po/fr/preparation/report.po").exists(), "report.fr.md is written by hand");
    assert!(msgfmt_accepts(&site) >= 6);
}

#[test]
fn a_translated_po_file_is_published_and_a_changed_source_comes_back_fuzzy() {
    let site = site();
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    translate_all(&site, "po/fr/review/lobbying.po");
    site.build_ok();
    let page = site.page("fr/review/lobbying/index.html");
    assert!(page.contains("<h1>FR Lobbying States</h1>"), "{page}");
    assert!(page.contains("FR Meet the embassies <strong>early</strong>, and bring your <a href=\"../../../fr/preparation/report/index.html#checklist\">report</a>."), "links lead to the French page: {page}");
    assert!(page.contains("id=\"before\"") && page.contains("FR Before the review</h2>"), "the heading keeps its id");
    assert!(page.contains("data-check=\"review/lobbying#send-report\""), "checklist ids kept: ticks are shared");
    assert!(page.contains("FR Send the report to the embassies"));
    assert!(page.contains("<td>FR Three months before</td>"));
    assert!(page.contains("FR Embassies in your capital often report to Geneva."));
    assert!(!page.contains("notice-outdated"), "all up to date");
    assert!(!page.contains("notice-fallback"));

    // One English paragraph changes: exactly that entry comes back fuzzy.
    let changed = PAGE.replace("Make a list of friendly States", "Make a list of friendly and undecided States");
    site.write("content/review/lobbying.md", changed);
    run(&site, &["translate", "extract"]);
    let said = run(&site, &["translate", "update", "fr"]);
    assert!(said.contains("po/fr/review/lobbying.po: 12 translated, 1 fuzzy, 0 untranslated"), "{said}");
    let merged = catalog(&site, "po/fr/review/lobbying.po");
    let fuzzy: Vec<&po::Entry> = merged.entries.iter().filter(|e| e.fuzzy).collect();
    assert_eq!(fuzzy.len(), 1);
    assert_eq!(fuzzy[0].id, "Make a list of friendly and undecided States");
    assert_eq!(fuzzy[0].previous.as_deref(), Some("Make a list of friendly States"));
    assert_eq!(fuzzy[0].translation, "FR Make a list of friendly States");
    // Twice: nothing changes.
    let before = std::fs::read(site.root().join("po/fr/review/lobbying.po")).unwrap();
    run(&site, &["translate", "update", "fr"]);
    assert_eq!(std::fs::read(site.root().join("po/fr/review/lobbying.po")).unwrap(), before);
    site.build_ok();
    let page = site.page("fr/review/lobbying/index.html");
    assert!(page.contains("notice-outdated"), "a fuzzy entry: the page says a newer version exists");
    assert!(page.contains("FR Make a list of friendly States"), "the fuzzy translation is shown");
    let check = run(&site, &["check"]);
    assert!(check.contains("update     po/fr/review/lobbying.po"), "{check}");
}

/// A PO file translated in part, as translators send them back: the blocks
/// left empty are published in the source language, marked with its
/// language and direction, between the translated ones.
#[test]
fn a_block_not_translated_yet_stays_in_the_source_language_marked_so() {
    let site = site();
    run(&site, &["translate", "extract"]);
    for lang in ["fr", "ar"] {
        run(&site, &["translate", "update", lang]);
        let rel = format!("po/{lang}/review/lobbying.po");
        let mut partly = catalog(&site, &rel);
        for entry in &mut partly.entries {
            let untranslated = ["Ask for a meeting", "Before the review", "How to meet embassies before the review."];
            if !untranslated.contains(&entry.id.as_str()) {
                entry.translation = format!("{} {}", lang.to_uppercase(), entry.id);
            }
        }
        site.write(&rel, partly.to_po());
    }
    assert!(msgfmt_accepts(&site) >= 6);
    site.build_ok();
    for (lang, upper) in [("fr", "FR"), ("ar", "AR")] {
        let page = site.page(&format!("{lang}/review/lobbying/index.html"));
        assert!(page.contains(&format!("<h1>{upper} Lobbying States</h1>")), "{page}");
        assert!(page.contains(&format!("<p>{upper} Make a list of friendly States</p>")), "{page}");
        // Kept, in English, said to be English and left to right (also on an Arabic page).
        assert!(page.contains("<p><span lang=\"en\" dir=\"ltr\">Ask for a meeting</span></p>"), "{page}");
        assert!(page.contains("<span lang=\"en\" dir=\"ltr\">Before the review</span></h2>"), "{page}");
        assert!(!page.contains("notice-outdated") && !page.contains("notice-fallback"), "{page}");
        // A summary has no place to say its language: not yet translated,
        // it is left out (of the page, its description and the section's
        // list), as a page translated by hand without one has none.
        assert!(!page.contains("How to meet embassies"), "{page}");
        assert!(!site.page(&format!("{lang}/review/index.html")).contains("How to meet embassies"));
    }
    let said = run(&site, &["translate", "update", "fr"]);
    assert!(said.contains("po/fr/review/lobbying.po: 10 translated, 0 fuzzy, 3 untranslated"), "{said}");
}

#[test]
fn bad_po_files_say_where() {
    let site = site();
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let rel = "po/fr/review/lobbying.po";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    // A quote left open on the line of the title's translation.
    let broken = text.replacen(
        "msgid \"Lobbying States\"\nmsgstr \"\"",
        "msgid \"Lobbying States\"\nmsgstr \"Faire pression",
        1,
    );
    let line = broken.lines().position(|l| l == "msgstr \"Faire pression").unwrap() + 1;
    site.write(rel, &broken);
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(&format!("{rel}:{line}: ")), "{}", stderr(&output));
    site.write(
        rel,
        text.replacen(
            "msgstr \"\"\n\n#. front matter: summary",
            "msgid_plural \"x\"\nmsgstr[0] \"\"\n\n#. front matter: summary",
            1,
        ),
    );
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("plural forms"), "{}", stderr(&output));
}

#[test]
fn a_hand_written_translation_wins_and_check_says_so() {
    let site = site();
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    translate_all(&site, "po/fr/review/lobbying.po");
    site.write("content/review/lobbying.fr.md", "---\ntitle: Plaidoyer\n---\n\nÉcrit à la main.\n");
    site.build_ok();
    assert!(site.page("fr/review/lobbying/index.html").contains("Écrit à la main."));
    let check = uprkit(site.root(), &["check"]);
    assert!(
        stdout(&check)
            .contains("po/fr/review/lobbying.po is not used: content/review/lobbying.fr.md is written by hand")
            || stderr(&check)
                .contains("po/fr/review/lobbying.po is not used: content/review/lobbying.fr.md is written by hand"),
        "{}{}",
        stdout(&check),
        stderr(&check)
    );
}

/// A tool of translate-toolkit, installed by `.ci/run` into `.venv/`.
fn toolkit(name: &str) -> std::path::PathBuf {
    let path = common::repository().join(".venv/bin").join(name);
    assert!(path.is_file(), "{} is missing: bash .ci/run installs translate-toolkit there", path.display());
    path
}

#[test]
fn po2xliff_then_xliff2po_loses_nothing() {
    let site = site();
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let rel = "po/fr/review/lobbying.po";
    translate_all(&site, rel);
    let mut original = catalog(&site, rel);
    // One fuzzy entry too.
    original.entries[4].fuzzy = true;
    site.write(rel, original.to_po());
    let xliff = site.outside().join("lobbying.xlf");
    let back = site.outside().join("back.po");
    for (tool, from, to) in
        [("po2xliff", site.root().join(rel), xliff.clone()), ("xliff2po", xliff.clone(), back.clone())]
    {
        let output = Command::new(toolkit(tool)).arg(&from).arg(&to).output().unwrap();
        assert!(output.status.success(), "{tool}: {}", String::from_utf8_lossy(&output.stderr));
    }
    // translate-toolkit drops msgctxt; `translate update` gives it back.
    std::fs::copy(&back, site.root().join(rel)).unwrap();
    run(&site, &["translate", "update", "fr"]);
    let view = |catalog: &po::Catalog| -> Vec<(Option<String>, String, String, bool)> {
        catalog.entries.iter().map(|e| (e.context.clone(), e.id.clone(), e.translation.clone(), e.fuzzy)).collect()
    };
    assert_eq!(view(&catalog(&site, rel)), view(&original));
    site.build_ok();
    assert!(site.page("fr/review/lobbying/index.html").contains("FR Send the report to the embassies"));
}

#[test]
fn pocount_agrees_with_check() {
    let site = site();
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let rel = "po/fr/review/lobbying.po";
    let mut filled = catalog(&site, rel);
    for (n, entry) in filled.entries.iter_mut().enumerate() {
        match n % 3 {
            0 => entry.translation = format!("FR {}", entry.id),
            1 => {
                entry.translation = format!("FR {}", entry.id);
                entry.fuzzy = true;
            }
            _ => {}
        }
    }
    site.write(rel, filled.to_po());
    let output = Command::new(toolkit("pocount")).arg("--csv").arg(site.root().join(rel)).output().unwrap();
    assert!(output.status.success());
    let csv = String::from_utf8_lossy(&output.stdout);
    let row: Vec<usize> = csv.lines().last().unwrap().split(',').skip(1).map(|n| n.trim().parse().unwrap()).collect();
    // Translated messages and source words, fuzzy, untranslated, total.
    let (translated, translated_words, fuzzy, fuzzy_words, untranslated, untranslated_words) =
        (row[0], row[1], row[3], row[4], row[5], row[6]);
    let json: serde_json::Value = serde_json::from_str(&run(&site, &["check", "--format", "json"])).unwrap();
    let fr = json["languages"].as_array().unwrap().iter().find(|l| l["code"] == "fr").unwrap();
    let file = fr["po_files"].as_array().unwrap().iter().find(|f| f["file"] == rel).unwrap();
    assert_eq!(file["translated"], translated);
    assert_eq!(file["fuzzy"], fuzzy);
    assert_eq!(file["untranslated"], untranslated);
    assert_eq!(file["translated_words"], translated_words);
    assert_eq!(file["fuzzy_words"], fuzzy_words);
    assert_eq!(file["untranslated_words"], untranslated_words);
}

#[test]
fn check_warns_of_a_translation_that_drops_a_link_or_leaves_stars_open() {
    let site = site();
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let rel = "po/fr/review/lobbying.po";
    let mut filled = catalog(&site, rel);
    for entry in &mut filled.entries {
        entry.translation = format!("FR {}", entry.id);
    }
    filled.entries[2].translation = "FR Rencontrez les ambassades **tôt et apportez votre rapport.".into();
    site.write(rel, filled.to_po());
    let line = catalog(&site, rel).translation_lines[2];
    let check = run(&site, &["check"]);
    assert!(check.contains(&format!("{rel}:{line}: the translation has 0 links where the source has link")), "{check}");
    assert!(check.contains(&format!("{rel}:{line}: a `**` of the translation is not closed")), "{check}");
}

#[test]
fn check_diff_shows_what_changed_in_the_source_since_the_stamp() {
    let site = Site::copy("basic");
    let translation = "content/preparation/report.fr.md";
    // Not a git repository: said plainly.
    run(&site, &["check", "--stamp", translation]);
    site.write(
        "content/preparation/report.md",
        std::fs::read_to_string(site.root().join("content/preparation/report.md"))
            .unwrap()
            .replace("Start early.", "Start early: six months ahead."),
    );
    let said = run(&site, &["check", "--diff", translation]);
    assert!(said.contains("is not in a git repository"), "{said}");
    // In git: the stamped version is found, and the change shown.
    let git = |args: &[&str]| git(&site, args);
    let source = std::fs::read_to_string(site.root().join("content/preparation/report.md")).unwrap();
    site.write("content/preparation/report.md", source.replace("Start early: six months ahead.", "Start early."));
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "translated"]);
    site.write("content/preparation/report.md", source);
    git(&["commit", "-qam", "source changed"]);
    let said = run(&site, &["check", "--diff", translation]);
    assert!(
        said.contains(
            "What changed in content/preparation/report.md since content/preparation/report.fr.md was stamped"
        ),
        "{said}"
    );
    assert!(said.contains("-> Start early.\n") && said.contains("+> Start early: six months ahead.\n"), "{said}");
    run(&site, &["check", "--stamp", translation]);
    assert!(run(&site, &["check", "--diff", translation]).contains("has not changed since"));
}

#[test]
fn check_diff_on_a_po_file_shows_each_fuzzy_entry_against_the_text_it_was_translated_from() {
    let site = site();
    let rel = "po/fr/review/lobbying.po";
    run(&site, &["translate", "update", "fr"]);
    translate_all(&site, rel);
    let said = run(&site, &["check", "--diff", rel]);
    assert!(said.contains(&format!("{rel} has no fuzzy entries")), "{said}");
    site.write(
        "content/review/lobbying.md",
        PAGE.replace("Make a list of friendly States", "Make a short list of friendly and undecided States")
            .replace("Send the report to the embassies", "Send the report to embassies"),
    );
    run(&site, &["translate", "update", "fr"]);
    let said = run(&site, &["check", "--diff", rel]);
    let line = line_of(&site, rel, "msgid \"Make a short list");
    assert!(said.contains(&format!("{rel}: 2 fuzzy entries")), "{said}");
    assert!(said.contains(&format!("{rel}:{line}:")), "names the msgid's line: {said}");
    assert!(said.contains("Make a {+short+} list of friendly {+and undecided+} States"), "a word diff: {said}");
    assert!(said.contains("Send the report to [-the-] embassies"), "{said}");
    assert!(said.contains("FR Make a list of friendly States"), "the translation to revise: {said}");
    // From another folder, by a path relative to it, as for a Markdown translation.
    let output = uprkit(&site.root().join("po/fr"), &["check", "--diff", "review/lobbying.po"]);
    assert!(stdout(&output).contains("{+short+}"), "{}{}", stdout(&output), stderr(&output));
    // A template has nothing translated: said so.
    let output = uprkit(site.root(), &["check", "--diff", "po/templates/review/lobbying.pot"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stderr(&output).contains("a template"), "{}", stderr(&output));
}

#[test]
fn the_glossary_is_translated_in_a_po_file_too() {
    let site = site();
    run(&site, &["translate", "extract"]);
    let template = catalog(&site, "po/templates/glossary.yaml.pot");
    assert!(template.entries.iter().any(|e| e.context.as_deref() == Some("UPR|term") && e.id == "UPR"), "{template:?}");
    assert!(template.entries.iter().any(|e| e.context.as_deref() == Some("UPR|definition")));
    let said = run(&site, &["translate", "update", "ar"]);
    assert!(said.contains("po/ar/glossary.yaml.po"), "{said}");
    let said = run(&site, &["translate", "update", "fr"]);
    assert!(!said.contains("po/fr/glossary.yaml.po"), "glossary.fr.yaml is written by hand: {said}");
    assert!(said.contains("  content/glossary.fr.yaml\n"), "and said so: {said}");
    let rel = "po/ar/glossary.yaml.po";
    let mut filled = catalog(&site, rel);
    for entry in &mut filled.entries {
        if entry.context.as_deref() == Some("UPR|title") {
            entry.translation = "الاستعراض الدوري الشامل".into();
        }
    }
    site.write(rel, filled.to_po());
    assert!(msgfmt_accepts(&site) > 0);
    site.build_ok();
    let page = site.page("ar/glossary/index.html");
    assert!(page.contains("الاستعراض الدوري الشامل"), "{page}");
}

/// Sets the msgstr of the message whose msgid is `id` (on one line).
fn translate_one(site: &Site, rel: &str, id: &str, translation: &str) {
    let mut catalog = catalog(site, rel);
    let entry = catalog.entries.iter_mut().find(|e| e.id == id).unwrap_or_else(|| panic!("no message `{id}`"));
    entry.translation = translation.to_string();
    site.write(rel, catalog.to_po());
}

/// The line of `needle` in a file.
fn line_of(site: &Site, rel: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    text.lines().position(|line| line.contains(needle)).unwrap_or_else(|| panic!("{needle} in {rel}")) + 1
}

#[test]
fn a_carriage_return_in_a_translation_is_a_line_ending_not_a_new_block() {
    let site = site();
    let page = PAGE.replace("## Before the review", "> [!FACILITATOR]\n> Ask the group first.\n\n## Before the review");
    site.write("content/review/lobbying.md", &page);
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let rel = "po/fr/review/lobbying.po";
    // CR, CRLF and LF inside translations: a facilitator note's, a checklist item's, a paragraph's.
    translate_one(&site, rel, "Ask the group first.", "Demandez d'abord.\r\rSECRET-BREAKOUT paragraphe public");
    translate_one(
        &site,
        rel,
        "Send the report to the embassies",
        "Envoyer le rapport\r- [ ] Un faux point\r\n## Un faux titre",
    );
    translate_one(&site, rel, "Ask for a meeting", "Demander\nun rendez-vous");
    site.build_ok();
    let french = site.page("fr/review/lobbying/index.html");
    assert!(!french.contains("SECRET-BREAKOUT"), "the note's translation stays in the note: {french}");
    assert!(!french.contains("Un faux titre</h2>") && french.contains("Un faux titre"), "no heading made: {french}");
    assert_eq!(french.matches("class=\"check\"").count(), 2, "no checklist item added");
    assert!(french.contains("id=\"send-report\"") || french.contains("send-report"), "the item keeps its id");
    assert!(french.contains("Demander un rendez-vous"), "{french}");
    // check names the PO file, never a `lobbying.fr.md` that does not exist.
    let said = run(&site, &["check"]);
    assert!(!said.contains("lobbying.fr.md"), "{said}");
}

#[test]
fn a_translation_may_not_add_raw_html_or_a_script_link() {
    let site = site();
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let rel = "po/fr/review/lobbying.po";
    translate_one(&site, rel, "Ask for a meeting", "Demander <img src=x onerror=alert(1)>");
    let output = site.build(&[]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    let line = line_of(&site, rel, "onerror");
    assert!(said.contains(&format!("{rel}:{line}: the translation adds HTML its source does not have")), "{said}");
    translate_one(&site, rel, "Ask for a meeting", "Demander [un rendez-vous](javascript:alert(1))");
    let said = stderr(&site.build(&[]));
    let line = line_of(&site, rel, "javascript:");
    assert!(said.contains(&format!("{rel}:{line}: the translation adds a link its source does not have")), "{said}");
    // What a translator may do: links to the web and mailto, and the source's own HTML.
    translate_one(
        &site,
        rel,
        "Ask for a meeting",
        "Demander [un rendez-vous](https://example.org) ou [écrire](mailto:a@b.org)",
    );
    site.build_ok();
    assert!(site.page("fr/review/lobbying/index.html").contains("mailto:a@b.org"));
}

#[test]
fn a_po_file_that_is_not_utf8_or_holds_a_nul_stops_the_build_where_it_is() {
    let site = site();
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let rel = "po/fr/review/lobbying.po";
    translate_all(&site, rel);
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    let line = line_of(&site, rel, "FR Ask for a meeting");
    // Saved as Latin-1 by an old editor: "é" is one byte, 0xE9.
    let latin1 = text.replace("FR Ask for a meeting", "FR Ask for a r\u{e9}union");
    let bytes: Vec<u8> = latin1.chars().map(|c| if c == 'é' { 0xE9 } else { c as u8 }).collect();
    assert!(text.is_ascii(), "the fixture's text is ASCII, so the bytes are Latin-1");
    site.write(rel, bytes);
    let output = site.build(&[]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    let column = "msgstr \"FR Ask for a r".chars().count() + 1;
    assert!(said.contains(&format!("{rel}:{line}:{column}: the PO file is not UTF-8 text")), "{said}");
    // A NUL byte.
    site.write(rel, text.replace("FR Ask for a meeting", "FR Ask for\0 a meeting"));
    let said = stderr(&site.build(&[]));
    let column = "msgstr \"FR Ask for".chars().count() + 1;
    assert!(said.contains(&format!("{rel}:{line}:{column}: a NUL character")), "{said}");
}

/// The first line msgfmt names for a fatal error (not a warning), if it rejects the file.
fn msgfmt_rejects(path: &Path) -> Option<usize> {
    let output = Command::new("msgfmt").args(["--check", "-o", "/dev/null"]).arg(path).output().expect("msgfmt runs");
    if output.status.success() {
        return None;
    }
    let said = String::from_utf8_lossy(&output.stderr);
    let line = said
        .lines()
        .find(|line| !line.contains("warning:") && line.starts_with(&*path.to_string_lossy()))
        .unwrap_or_else(|| panic!("a located error: {said}"));
    let rest = &line[path.to_string_lossy().len() + 1..];
    Some(rest.split(':').next().unwrap().parse().unwrap())
}

#[test]
fn what_msgfmt_check_rejects_uprkit_rejects_on_the_same_line() {
    let header = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";
    let cases = [
        ("a msgid without a msgstr", "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"B\"\n"),
        ("a msgctxt after the msgid", "msgid \"a\"\nmsgctxt \"c\"\nmsgstr \"A\"\n"),
        ("the same message twice", "msgid \"a\"\nmsgstr \"A\"\n\nmsgid \"a\"\nmsgstr \"A2\"\n"),
        ("the same message, once obsolete", "#~ msgid \"a\"\n#~ msgstr \"A\"\n\nmsgid \"a\"\nmsgstr \"B\"\n"),
        (
            "the same message in a context",
            "msgctxt \"c\"\nmsgid \"a\"\nmsgstr \"A\"\n\nmsgctxt \"c\"\nmsgid \"a\"\nmsgstr \"B\"\n",
        ),
        ("a msgstr alone", "msgstr \"A\"\n"),
        ("two msgstr", "msgid \"a\"\nmsgstr \"A\"\nmsgstr \"A2\"\n"),
        ("a line break at the end of one only", "msgid \"a\\n\"\nmsgstr \"A\"\n"),
        ("a line break at the start of one only", "msgid \"a\"\nmsgstr \"\\nA\"\n"),
        ("an unclosed string", "msgid \"a\"\nmsgstr \"A\n"),
        ("an unknown escape", "msgid \"a\"\nmsgstr \"A\\q\"\n"),
        ("a misspelt keyword", "msgid \"a\"\nmsgsrt \"A\"\n"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (what, body) in cases {
        let path = dir.path().join("case.po");
        let text = format!("{header}{body}");
        std::fs::write(&path, &text).unwrap();
        let mut line = msgfmt_rejects(&path).unwrap_or_else(|| panic!("msgfmt accepts {what}"));
        if what == "an unclosed string" {
            // msgfmt names the line after the string's (it has read the line end): uprkit, the string's.
            line -= 1;
        }
        let error = po::parse(Path::new("po/fr/case.po"), &text).expect_err(what);
        assert_eq!(error.location.line, Some(line), "{what}: uprkit says {error}");
    }
    // And what msgfmt accepts, uprkit reads: uprkit's own file with every construct it writes,
    // and what other tools write (obsolete previous strings, escapes, an obsolete plural entry).
    let ok = format!(
        "{header}#. paragraph\n#: content/a.md:3\n#, fuzzy\n#| msgid \"Old\"\nmsgctxt \"c\"\nmsgid \"\"\n\"New\\n\"\n\"text\"\nmsgstr \"Nouveau\\ntexte\"\n\n\
         #~ msgid \"Gone\"\n#~ msgstr \"Parti\"\n\n\
         # A translator's comment\n#, fuzzy\n#~| msgid \"\"\n#~| \"Old \"\n#~| \"text\"\n#~ msgctxt \"a\\\"b\"\n#~ msgid \"Gone too\"\n#~ msgstr \"Parti \\303\\251\\x41\\a\"\n\n\
         #~ msgid \"apple\"\n#~ msgid_plural \"apples\"\n#~ msgstr[0] \"pomme\"\n#~ msgstr[1] \"pommes\"\n"
    );
    let path = dir.path().join("ok.po");
    std::fs::write(&path, &ok).unwrap();
    assert_eq!(msgfmt_rejects(&path), None);
    po::parse(Path::new("po/fr/ok.po"), &ok).unwrap();
}

#[test]
fn a_mistake_is_reported_once_where_it_was_made() {
    let site = site();
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let rel = "po/fr/review/lobbying.po";
    translate_one(&site, rel, "Ask for a meeting", "Demander un rendez-vous");
    // The author's broken link, in a block the French file leaves untranslated.
    site.write(
        "content/review/lobbying.md",
        PAGE.replace("- Make a list of friendly States", "- Make a [list](friends.md)"),
    );
    let output = site.build(&[]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert_eq!(said.matches("error: ").count(), 1, "once: {said}");
    assert!(said.contains("content/review/lobbying.md:10:"), "on the author's line: {said}");
    assert!(!said.contains("po/fr"), "not blamed on the translator: {said}");
    // The translator's broken link: at the msgstr's line of the PO file.
    site.write("content/review/lobbying.md", PAGE);
    translate_one(&site, rel, "Ask for a meeting", "Demander un [rendez-vous](rendez-vous.md)");
    let said = stderr(&site.build(&[]));
    let line = line_of(&site, rel, "rendez-vous.md");
    assert!(said.contains(&format!("{rel}:{line}:")), "{said}");
    assert_eq!(said.matches("error: ").count(), 1, "once: {said}");
}

#[test]
fn a_po_file_with_messages_left_empty_is_on_the_to_do_list_by_name() {
    let site = site();
    // Every other French page translated and stamped: only the PO file is left.
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let rel = "po/fr/review/lobbying.po";
    translate_all(&site, rel);
    translate_one(&site, rel, "Ask for a meeting", "");
    let said = stdout(&uprkit(site.root(), &["check"]));
    assert!(
        said.contains("  finish     po/fr/review/lobbying.po  (1 message left untranslated: open it in a PO editor"),
        "{said}"
    );
    assert!(!said.contains("fr Français: complete"), "{said}");
    let json = stdout(&uprkit(site.root(), &["check", "--format", "json"]));
    assert!(json.contains("\"action\": \"finish\"") || json.contains("\"action\":\"finish\""), "{json}");
}

#[test]
fn a_glossary_term_in_quotes_is_referenced_at_its_own_line() {
    let site = site();
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    let glossary = format!("{glossary}- term: '\"Troika\"'\n  title: The three States that prepare a review\n");
    site.write("content/glossary.yaml", &glossary);
    let line = glossary.lines().position(|l| l.contains("Troika")).unwrap() + 1;
    run(&site, &["translate", "extract"]);
    let template = catalog(&site, "po/templates/glossary.yaml.pot");
    let troika = template.entries.iter().find(|e| e.context.as_deref() == Some("\"Troika\"|term")).expect("the term");
    assert_eq!(troika.references, vec![format!("content/glossary.yaml:{line}")]);
}

#[test]
fn a_renamed_page_s_po_file_is_named_with_the_move_to_make() {
    let site = site();
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    translate_all(&site, "po/fr/review/lobbying.po");
    // The author renames the page; its French translations stay behind.
    std::fs::rename(site.root().join("content/review/lobbying.md"), site.root().join("content/review/embassies.md"))
        .unwrap();
    let said = run(&site, &["check"]);
    assert!(
        said.contains("po/fr/review/lobbying.po belongs to no page: content/review/lobbying.md is gone, and content/review/embassies.md holds most of its texts")
            && said.contains("git mv po/fr/review/lobbying.po po/fr/review/embassies.po"),
        "{said}"
    );
    // Once moved, the translations come back and nothing is said.
    std::fs::rename(site.root().join("po/fr/review/lobbying.po"), site.root().join("po/fr/review/embassies.po"))
        .unwrap();
    let said = run(&site, &["check"]);
    assert!(!said.contains("belongs to no page"), "{said}");
    site.build_ok();
    assert!(site.page("fr/review/embassies/index.html").contains("FR Make a list of friendly States"));
}
