//! The PO round trip through the tools translators and their platforms
//! use: what `translate update` writes after an English edit goes through
//! GNU gettext (msgcat, msgattrib, msguniq, msgmerge), polib and
//! translate-toolkit, and uprkit reads what each gives back.

use std::path::Path;
use std::process::Command;

use super::common::Site;
use super::{catalog, run, toolkit, translate_all};
use uprkit::features::translations::gettext::po;

/// A page whose first paragraph spans several source lines and is longer
/// than a PO line (79 columns), as most paragraphs of a guide are.
pub const LONG: &str = "---\ntitle: Follow-up\n---\n\n\
The recommendations your State accepted are promises: follow them up with\n\
the ministries in charge, the national human rights institution and the\n\
other organisations of civil society, and write down who does what.\n\n\
A second paragraph, which goes.\n\n\
- [ ] Ask the ministry for its plan {#ask-plan}\n";

pub fn long_site() -> Site {
    let site = Site::copy("basic");
    site.write("content/review/follow-up.md", LONG);
    site
}

/// Extract, update, translate everything, then edit the long paragraph
/// in English, remove the second, and update again: the file a translator gets back.
pub fn edited(site: &Site) -> &'static str {
    let rel = "po/fr/review/follow-up.po";
    run(site, &["translate", "extract"]);
    run(site, &["translate", "update", "fr"]);
    translate_all(site, rel);
    site.write(
        "content/review/follow-up.md",
        LONG.replace("are promises: follow them up with", "are promises: follow each of them up with")
            .replace("A second paragraph, which goes.\n\n", ""),
    );
    run(site, &["translate", "extract"]);
    run(site, &["translate", "update", "fr"]);
    rel
}

/// An entry as the tools should keep it: obsolete, context, text,
/// translation, fuzzy, previous text.
type Seen = (bool, Option<String>, String, String, bool, Option<String>);

fn view(catalog: &po::Catalog, with_context: bool) -> Vec<Seen> {
    catalog
        .entries
        .iter()
        .map(|e| {
            let context = e.context.clone().filter(|_| with_context);
            (e.obsolete, context, e.id.clone(), e.translation.clone(), e.fuzzy, e.previous.clone())
        })
        .collect()
}

#[track_caller]
fn tool(program: &Path, args: &[&std::ffi::OsStr]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    assert!(output.status.success(), "{}: {}", program.display(), String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_multi_line_edit_round_trips_through_gettext_polib_and_translate_toolkit() {
    let site = long_site();
    let rel = edited(&site);
    let path = site.root().join(rel);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("#, fuzzy\n#| msgid \"\"\n#| \""), "a previous msgid over several lines: {written}");
    let ours = catalog(&site, rel);
    let fuzzy: Vec<&po::Entry> = ours.entries.iter().filter(|e| e.fuzzy).collect();
    assert_eq!(fuzzy.len(), 1, "{written}");
    assert!(fuzzy[0].previous.as_deref().unwrap().contains("are promises: follow them up with"));
    assert!(ours.entries.iter().any(|e| e.obsolete && e.id == "A second paragraph, which goes."), "{written}");
    let template = site.root().join("po/templates/review/follow-up.pot");
    let out = site.outside();
    let os = |p: &Path| p.as_os_str().to_owned();
    let gnu = |name: &str| Path::new(name).to_path_buf();
    // Each tool's output, read back by uprkit: the same entries, and a site that builds.
    let mut outputs: Vec<(&str, String)> = vec![
        ("msgcat", tool(&gnu("msgcat"), &[path.as_os_str()])),
        ("msgcat --width=40", tool(&gnu("msgcat"), &["--width=40".as_ref(), path.as_os_str()])),
        ("msgattrib", tool(&gnu("msgattrib"), &[path.as_os_str()])),
        ("msguniq", tool(&gnu("msguniq"), &[path.as_os_str()])),
        (
            "msgmerge --previous",
            tool(
                &gnu("msgmerge"),
                &[
                    "--quiet".as_ref(),
                    "--previous".as_ref(),
                    "-o".as_ref(),
                    "-".as_ref(),
                    path.as_os_str(),
                    template.as_os_str(),
                ],
            ),
        ),
    ];
    let polib = out.join("polib.po");
    let script =
        "import sys, polib\np = polib.pofile(sys.argv[1], wrapwidth=78)\np.wrapwidth = 78\np.save(sys.argv[2])\n";
    tool(&toolkit("python3"), &["-c".as_ref(), script.as_ref(), path.as_os_str(), polib.as_os_str()]);
    outputs.push(("polib", std::fs::read_to_string(&polib).unwrap()));
    for (name, text) in &outputs {
        let read = po::parse(Path::new(name), text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        // polib drops the previous strings of obsolete entries; msgmerge keeps what it keeps.
        assert_eq!(view(&read, true), view(&ours, true), "{name}:\n{text}");
        site.write(rel, text);
        site.build_ok();
        assert!(site.page("fr/review/follow-up/index.html").contains("FR The recommendations"), "{name}");
    }
    // translate-toolkit: to XLIFF and back (msgctxt and previous strings are lost on the way).
    let xliff = out.join("follow-up.xlf");
    let back = out.join("back.po");
    std::fs::write(&path, &written).unwrap();
    tool(&toolkit("po2xliff"), &[os(&path).as_os_str(), xliff.as_os_str()]);
    tool(&toolkit("xliff2po"), &[xliff.as_os_str(), back.as_os_str()]);
    let text = std::fs::read_to_string(&back).unwrap();
    po::parse(Path::new("xliff2po"), &text).unwrap_or_else(|e| panic!("xliff2po: {e}\n{text}"));
    // `translate update` gives back the contexts, and makes the removed paragraph obsolete again.
    std::fs::copy(&back, &path).unwrap();
    run(&site, &["translate", "update", "fr"]);
    let without_previous = |seen: Vec<Seen>| -> Vec<(bool, Option<String>, String, String, bool)> {
        seen.into_iter().map(|(o, c, id, tr, fz, _)| (o, c, id, tr, fz)).collect()
    };
    assert_eq!(without_previous(view(&catalog(&site, rel), true)), without_previous(view(&ours, true)), "{text}");
    site.build_ok();
    assert!(site.page("fr/review/follow-up/index.html").contains("FR The recommendations"));
}

#[test]
fn translate_update_keeps_translators_comments_and_credits_as_msgmerge_does() {
    let site = long_site();
    let rel = "po/fr/review/follow-up.po";
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    translate_all(&site, rel);
    // As Poedit and Weblate save it: credits above the header, a translator's comment on entries.
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    let text = format!("# French translation of the follow-up page.\n# Copyright (C) 2024 UPR Info\n# Jean Dupont <jean@example.org>, 2024.\n#\n{text}")
        .replace("#. paragraph\n", "# Check the term with the NHRI\n#. paragraph\n")
        .replace("#. front matter: title\n", "# Short, please\n#. front matter: title\n");
    site.write(rel, &text);
    let saved = site.outside().join("before.po");
    std::fs::write(&saved, &text).unwrap();
    site.write(
        "content/review/follow-up.md",
        LONG.replace("are promises: follow them up with", "are promises: follow each of them up with")
            .replace("A second paragraph, which goes.\n\n", ""),
    );
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    let ours = std::fs::read_to_string(site.root().join(rel)).unwrap();
    assert!(ours.starts_with("# French translation of the follow-up page.\n# Copyright (C) 2024 UPR Info\n# Jean Dupont <jean@example.org>, 2024.\n#\nmsgid \"\""), "{ours}");
    let merged = catalog(&site, rel);
    let comments = |catalog: &po::Catalog| -> Vec<(bool, String, Vec<String>)> {
        let mut seen: Vec<_> = catalog.entries.iter().map(|e| (e.obsolete, e.id.clone(), e.comments.clone())).collect();
        seen.sort();
        seen
    };
    // The changed paragraph (fuzzy), the title (kept), the removed paragraph (obsolete).
    assert!(merged.entries.iter().any(|e| e.fuzzy && e.comments == ["Check the term with the NHRI"]), "{ours}");
    assert!(merged.entries.iter().any(|e| e.id == "Follow-up" && e.comments == ["Short, please"]), "{ours}");
    assert!(merged.entries.iter().any(|e| e.obsolete && e.comments == ["Check the term with the NHRI"]), "{ours}");
    let template = site.root().join("po/templates/review/follow-up.pot");
    let theirs = super::msgmerge::msgmerge(&saved, &template);
    assert_eq!(comments(&merged), comments(&theirs));
    assert_eq!(merged.header_comments, theirs.header_comments);
    // Twice: nothing changes.
    run(&site, &["translate", "update", "fr"]);
    assert_eq!(std::fs::read_to_string(site.root().join(rel)).unwrap(), ours);
}

/// Runs a Python script with polib, as a translation platform would, on a PO file.
#[track_caller]
fn polib(script: &str, path: &Path) {
    let script =
        format!("import sys, polib\np = polib.pofile(sys.argv[1], wrapwidth=78)\n{script}\np.save(sys.argv[1])\n");
    tool(&toolkit("python3"), &["-c".as_ref(), script.as_ref(), path.as_os_str()]);
}

#[track_caller]
fn msgfmt_check(path: &Path) {
    let output = Command::new("msgfmt").args(["--check", "-o", "/dev/null"]).arg(path).output().expect("msgfmt runs");
    assert!(output.status.success(), "msgfmt --check: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_translator_s_round_trip_through_an_english_edit() {
    let site = long_site();
    let rel = "po/fr/review/follow-up.po";
    let path = site.root().join(rel);
    run(&site, &["translate", "extract"]);
    run(&site, &["translate", "update", "fr"]);
    // The translator's tool fills every msgstr and saves the file its own way.
    polib(
        "for e in p:\n    e.msgstr = 'FR ' + e.msgid\np[1].tcomment = 'NHRI: the national institution'\np.metadata['Last-Translator'] = 'Jean <j@example.org>'",
        &path,
    );
    msgfmt_check(&path);
    site.build_ok();
    let page = site.page("fr/review/follow-up/index.html");
    assert!(
        page.contains("FR The recommendations your State accepted are promises: follow them up with the ministries"),
        "{page}"
    );
    assert!(!page.contains("notice-outdated"));
    // The English paragraph is edited on one of its lines.
    site.write(
        "content/review/follow-up.md",
        LONG.replace(
            "the ministries in charge, the national",
            "the ministries in charge, the ombudsperson, the national",
        ),
    );
    run(&site, &["translate", "extract"]);
    let said = run(&site, &["translate", "update", "fr"]);
    assert!(said.contains("po/fr/review/follow-up.po: 3 translated, 1 fuzzy, 0 untranslated"), "{said}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("# NHRI: the national institution\n#. paragraph\n#: content/review/follow-up.md:5\n#, fuzzy\n#| msgid \"\"\n#| \"The recommendations"),
        "the fuzzy entry, its comment kept, its previous text over several lines:\n{text}"
    );
    msgfmt_check(&path);
    let read = catalog(&site, rel);
    assert_eq!(read.header_value("Last-Translator"), Some("Jean <j@example.org>"));
    site.build_ok();
    let page = site.page("fr/review/follow-up/index.html");
    assert!(page.contains("notice-outdated") && page.contains("FR The recommendations"), "{page}");
    // Nothing changes on a second update.
    run(&site, &["translate", "update", "fr"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // The translator reviews the fuzzy entry in their tool: up to date again.
    polib(
        "for e in p.fuzzy_entries():\n    e.msgstr = 'FR ' + e.msgid\n    e.flags.remove('fuzzy')\n    e.previous_msgid = None",
        &path,
    );
    msgfmt_check(&path);
    let said = run(&site, &["translate", "update", "fr"]);
    assert!(said.contains("4 translated, 0 fuzzy, 0 untranslated"), "{said}");
    site.build_ok();
    let page = site.page("fr/review/follow-up/index.html");
    assert!(!page.contains("notice-outdated") && page.contains("the ombudsperson"), "{page}");
}

#[test]
fn translate_update_extracts_first_so_an_english_edit_is_never_missed() {
    let site = long_site();
    let rel = "po/fr/review/follow-up.po";
    // No `translate extract` at all: update makes the templates.
    run(&site, &["translate", "update", "fr"]);
    assert!(site.root().join("po/templates/review/follow-up.pot").is_file());
    translate_all(&site, rel);
    site.write("content/review/follow-up.md", LONG.replace("who does what", "who does what, and by when"));
    let said = run(&site, &["translate", "update", "fr"]);
    assert!(said.contains("po/fr/review/follow-up.po: 3 translated, 1 fuzzy, 0 untranslated"), "{said}");
    let template = catalog(&site, "po/templates/review/follow-up.pot");
    assert!(template.entries.iter().any(|e| e.id.ends_with("who does what, and by when.")), "the template follows");
}

#[test]
fn a_renamed_checklist_id_or_a_mistyped_context_gives_a_fuzzy_entry_as_msgmerge_does() {
    let site = super::site();
    let rel = "po/fr/review/lobbying.po";
    run(&site, &["translate", "update", "fr"]);
    translate_all(&site, rel);
    // The translator's tool mistyped a context; the author renamed a checklist id, its text unchanged.
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(rel, text.replacen("msgctxt \"summary\"\nmsgid \"Prepare", "msgctxt \"sumary\"\nmsgid \"Prepare", 1));
    let saved = site.outside().join("before.po");
    std::fs::copy(site.root().join(rel), &saved).unwrap();
    site.write("content/review/lobbying.md", super::PAGE.replace("{#send-report}", "{#send-the-report}"));
    let said = run(&site, &["translate", "update", "fr"]);
    assert!(said.contains("po/fr/review/lobbying.po: 11 translated, 2 fuzzy, 0 untranslated\n"), "no obsolete: {said}");
    let ours = catalog(&site, rel);
    let renamed = ours.entries.iter().find(|e| e.context.as_deref() == Some("send-the-report")).unwrap();
    assert!(renamed.fuzzy && renamed.translation == "FR Send the report to the embassies", "{renamed:?}");
    assert_eq!(renamed.previous_context.as_deref(), Some("send-report"));
    let template = site.root().join("po/templates/review/lobbying.pot");
    let theirs = super::msgmerge::msgmerge(&saved, &template);
    let full = |catalog: &po::Catalog| {
        let mut seen: Vec<_> = view(catalog, true)
            .into_iter()
            .zip(&catalog.entries)
            .map(|(s, e)| (s, e.previous_context.clone()))
            .collect();
        seen.sort();
        seen
    };
    assert_eq!(full(&ours), full(&theirs));
}

#[test]
fn a_facilitator_note_s_paragraphs_are_marked_for_trainers_only_in_the_template() {
    let site = long_site();
    site.write(
        "content/review/follow-up.md",
        LONG.replace(
            "A second paragraph, which goes.",
            "> [!FACILITATOR]\n> Ask the group who met a ministry.\n>\n> Then form pairs.\n\nSaid in public.\n\n\
             > [!NOTE]\n> Said in public.",
        ),
    );
    run(&site, &["translate", "extract"]);
    let template = catalog(&site, "po/templates/review/follow-up.pot");
    let notes = |id: &str| template.entries.iter().find(|e| e.id == id).unwrap().notes.clone();
    let trainers = "facilitator note: for trainers only, never shown to participants";
    assert_eq!(notes("Ask the group who met a ministry."), vec!["paragraph", trainers]);
    assert_eq!(notes("Then form pairs."), vec!["paragraph", trainers]);
    assert_eq!(notes("Said in public."), vec!["paragraph"]);
    let text = std::fs::read_to_string(site.root().join("po/templates/review/follow-up.pot")).unwrap();
    assert!(text.contains(&format!("#. paragraph\n#. {trainers}\n#: content/review/follow-up.md:")), "{text}");
}
