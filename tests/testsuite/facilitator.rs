//! Facilitator notes (`> [!FACILITATOR]`): never in the site, the
//! participants' handouts, the zips, the SCORM packages (built, or made by
//! `handout --scorm`) or the search index, whatever file of the output is
//! searched; in the facilitator edition, set apart.

use crate::common;

use std::io::Read;

use common::{list_files, stderr, uprkit, Site};

const MARKER: &str = "FACILITATOR-ONLY-7319";

fn site_with_notes(setting: Option<&str>) -> Site {
    let site = Site::copy("basic");
    site.write(
        "content/review/dialogue.md",
        format!(
            "---\ntitle: Interactive dialogue\nweight: 10\n---\n\nBack to the [report](../preparation/report.md#checklist).\n\n\
             ## Watching the webcast {{#webcast}}\n\nOrganise a meeting to watch it.\n\n\
             > [!FACILITATOR]\n> Ask the group who has watched a webcast before: {MARKER}.\n>\n> - [ ] Test the projector {{#projector}}\n\n\
             After the note.\n"
        ),
    );
    if let Some(setting) = setting {
        let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
        site.write("uprkit.yaml", format!("{config}facilitator_notes: {setting}\n"));
    }
    site
}

/// The output files (and the files inside each zip) that contain the marker.
fn holding_marker(site: &Site) -> Vec<String> {
    every_output_text(&site.public())
        .into_iter()
        .filter(|(_, text)| text.contains(MARKER))
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn by_default_no_output_file_holds_a_facilitator_note() {
    let site = site_with_notes(None);
    site.build_ok();
    assert_eq!(holding_marker(&site), Vec::<String>::new());
    let page = site.page("review/dialogue/index.html");
    assert!(page.contains("Organise a meeting") && page.contains("After the note."), "the rest stays");
    assert!(!page.contains("projector"), "a checklist inside the note goes with it");
    // On demand, the facilitator edition has them, set apart.
    let out = site.outside().join("facilitator.html");
    let output = uprkit(site.root(), &["handout", "--facilitator", "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let edition = std::fs::read_to_string(&out).unwrap();
    assert!(
        edition
            .contains("<aside class=\"callout callout-facilitator\"><p class=\"callout-title\">Facilitator note</p>"),
        "{edition}"
    );
    assert!(edition.contains(MARKER));
    assert!(!edition.contains("[!FACILITATOR]"), "the marker itself is not shown");
    assert!(edition.contains("Facilitator edition"), "the title page says which edition it is");
    // The participants' handout on demand: none.
    let out = site.outside().join("participants.html");
    assert!(uprkit(site.root(), &["handout", "-o", out.to_str().unwrap()]).status.success());
    assert!(!std::fs::read_to_string(&out).unwrap().contains(MARKER));
}

#[test]
fn editions_are_built_when_asked_and_stay_out_of_the_zips() {
    let site = site_with_notes(Some("edition"));
    site.build_ok();
    let mut found = holding_marker(&site);
    found.sort();
    assert_eq!(
        found,
        vec![
            "handouts/ar/facilitator-review.html",
            "handouts/ar/facilitator.html",
            "handouts/en/facilitator-review.html",
            "handouts/en/facilitator.html",
            "handouts/fr/facilitator-review.html",
            "handouts/fr/facilitator.html",
        ]
    );
    assert!(!site.page("handouts/en/guide.html").contains("facilitator.html"), "linked from nowhere");
    assert!(site.page("_uprkit/downloads.js").contains("handouts/en/guide.html"), "the sizes are there");
    assert!(!site.page("_uprkit/downloads.js").contains("facilitator"), "and name no facilitator edition");
}

#[test]
fn public_notes_show_on_the_site_and_a_wrong_setting_says_the_choices() {
    let site = site_with_notes(Some("public"));
    site.build_ok();
    assert!(site.page("review/dialogue/index.html").contains(MARKER));
    let site = site_with_notes(Some("secret"));
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("uprkit.yaml:")
            && stderr(&output).contains("`facilitator_notes` is private, edition or public"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_bundled_sample_s_notes_are_in_no_published_file() {
    let temp = common::build_bundled();
    let public = temp.path().join("public");
    // A phrase of each of the sample's four notes (English), and the marker.
    let phrases = [
        "[!FACILITATOR]",
        "Ask each group to name one issue",
        "Read the weak recommendation aloud",
        "do not try to stream the webcast",
        "Give each participant three sticky notes",
    ];
    for (name, text) in every_output_text(&public) {
        for phrase in phrases {
            assert!(!text.contains(phrase), "{name} holds a facilitator note: {phrase}");
        }
    }
    // The facilitator edition has all four.
    let edition = temp.path().join("trainer.html");
    let output = uprkit(common::repository(), &["handout", "--facilitator", "-q", "-o", edition.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let edition = std::fs::read_to_string(edition).unwrap();
    for phrase in &phrases[1..] {
        assert!(edition.contains(phrase), "{phrase}");
    }
}

/// Every file of the output, and every file inside each zip, as text.
fn every_output_text(public: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for rel in list_files(public) {
        let bytes = std::fs::read(public.join(&rel)).unwrap();
        if rel.ends_with(".zip") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let mut file = zip.by_index(i).unwrap();
                let mut inner = Vec::new();
                file.read_to_end(&mut inner).unwrap();
                out.push((format!("{rel}:{}", file.name()), String::from_utf8_lossy(&inner).into_owned()));
            }
        } else {
            out.push((rel, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    out
}

/// The secrets of [`notes_everywhere`], one per casing and placement.
const SECRETS: [&str; 8] = [
    "SECRET-LOWER-1",
    "SECRET-TITLE-2",
    "SECRET-LIST-3",
    "SECRET-CALLOUT-4",
    "SECRET-FOOTNOTE-5",
    "SECRET-SAMELINE-6",
    "SECRET-TRANSLATION-7",
    "SECRET-PO-8",
];

/// A site with a facilitator note in every casing and placement an author
/// writes: lower and title case, in a list, inside a callout, with a
/// footnote of its own, the note on the marker's line, in a hand-written
/// translation only, and translated in a PO file.
fn notes_everywhere() -> Site {
    let site = Site::copy("basic");
    site.write(
        "content/review/dialogue.md",
        "---\ntitle: Interactive dialogue\nweight: 10\n---\n\nBack to the [report](../preparation/report.md#checklist).\n\n\
         ## Watching the webcast {#webcast}\n\nOrganise a meeting to watch it.\n\n\
         > [!facilitator]\n> Lower case: SECRET-LOWER-1.\n\n\
         > [!Facilitator]\n> Title case: SECRET-TITLE-2.\n\n\
         - A point for everyone.\n\n  > [!FACILITATOR]\n  > In a list: SECRET-LIST-3.\n\n\
         > [!TIP]\n> A tip for everyone.\n>\n> > [!FACILITATOR]\n> > In a callout: SECRET-CALLOUT-4.\n\n\
         > [!FACILITATOR]\n> With a footnote of its own.[^trainer]\n\n\
         > [!FACILITATOR] SECRET-SAMELINE-6 on the marker's line.\n\n\
         The end, with a footnote for everyone.[^all]\n\n\
         [^trainer]: Only for trainers: SECRET-FOOTNOTE-5.\n\n[^all]: A public footnote.\n",
    );
    site.write(
        "content/preparation/report.fr.md",
        format!(
            "{}\n> [!Facilitator]\n> Seulement en français : SECRET-TRANSLATION-7.\n",
            std::fs::read_to_string(site.root().join("content/preparation/report.fr.md")).unwrap()
        ),
    );
    // The French of the dialogue from a PO file: the note's paragraph translated.
    let extract = uprkit(site.root(), &["translate", "extract"]);
    assert!(extract.status.success(), "{}", stderr(&extract));
    let update = uprkit(site.root(), &["translate", "update", "fr"]);
    assert!(update.status.success(), "{}", stderr(&update));
    let po = site.root().join("po/fr/review/dialogue.po");
    let text = std::fs::read_to_string(&po).unwrap();
    let text = text.replace(
        "msgid \"Lower case: SECRET-LOWER-1.\"\nmsgstr \"\"",
        "msgid \"Lower case: SECRET-LOWER-1.\"\nmsgstr \"En minuscules : SECRET-PO-8.\"",
    );
    assert!(text.contains("SECRET-PO-8"), "the note's paragraph is a message of its own:\n{text}");
    std::fs::write(&po, text).unwrap();
    site
}

#[test]
fn a_note_in_any_casing_and_placement_is_in_no_published_file() {
    let site = notes_everywhere();
    site.build_ok();
    let mut leaks = Vec::new();
    for (name, text) in every_output_text(&site.public()) {
        for secret in SECRETS {
            if text.contains(secret) {
                leaks.push(format!("{name}: {secret}"));
            }
        }
        if text.to_lowercase().contains("[!facilitator]") {
            leaks.push(format!("{name}: the marker"));
        }
    }
    assert_eq!(leaks, Vec::<String>::new());
    let page = site.page("review/dialogue/index.html");
    assert!(page.contains("A tip for everyone") && page.contains("A point for everyone"), "the rest stays");
    assert!(page.contains("A public footnote") && !page.contains("Only for trainers"), "{page}");
    let french = site.page("fr/review/dialogue/index.html");
    assert!(french.contains("Organise a meeting") || french.contains("lang=\"en\""), "the French page is built");
    // The on-demand outputs for participants: a handout, a deck, a SCORM package.
    for (args, file) in [
        (vec!["handout"], "participants.html"),
        (vec!["handout", "--slides"], "deck.html"),
        (vec!["handout", "--lang", "fr"], "participants-fr.html"),
        (vec!["handout", "--scorm"], "scorm.zip"),
    ] {
        let out = site.outside().join(file);
        let mut args = args.clone();
        args.extend(["-o", out.to_str().unwrap()]);
        let output = uprkit(site.root(), &args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        let bytes = std::fs::read(&out).unwrap();
        let texts = if file.ends_with(".zip") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            (0..zip.len())
                .map(|i| {
                    let mut inner = Vec::new();
                    zip.by_index(i).unwrap().read_to_end(&mut inner).unwrap();
                    String::from_utf8_lossy(&inner).into_owned()
                })
                .collect()
        } else {
            vec![String::from_utf8_lossy(&bytes).into_owned()]
        };
        for text in texts {
            for secret in SECRETS {
                assert!(!text.contains(secret), "{args:?} holds {secret}");
            }
        }
    }
    // The facilitator edition has every English note, the footnote with its note.
    let out = site.outside().join("trainer.html");
    let output = uprkit(site.root(), &["handout", "--facilitator", "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let edition = std::fs::read_to_string(&out).unwrap();
    for secret in &SECRETS[..6] {
        assert!(edition.contains(secret), "the facilitator edition lacks {secret}");
    }
    assert!(edition.contains("SECRET-SAMELINE-6 on the marker") && !edition.contains("[!FACILITATOR] SECRET"));
    let out = site.outside().join("trainer-fr.html");
    let output = uprkit(site.root(), &["handout", "--facilitator", "--lang", "fr", "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let edition = std::fs::read_to_string(&out).unwrap();
    assert!(edition.contains("SECRET-TRANSLATION-7") && edition.contains("SECRET-PO-8"), "French notes in French");
}

#[test]
fn a_quote_that_looks_meant_as_a_note_stops_the_build_with_its_line() {
    let site = Site::copy("basic");
    site.build_ok();
    let before = common::snapshot_tree(&site.public());
    let head = "---\ntitle: Interactive dialogue\nweight: 10\n---\n\n## Watching the webcast {#webcast}\n\n";
    for marker in [
        "> [!FACILITATORS]",
        "> [!FACILITATOR NOTE]",
        "> [! FACILITATOR]",
        "> **[!FACILITATOR]**",
        "> *[!facilitator]*",
        "> [FACILITATOR]",
        "> [Facilitator note]",
        "> [!FACILITATEUR]",
        "> [!ANIMATEUR]",
        "> [!TRAINER]",
        "> [!FACILITATR]",
        "> Facilitator note:",
        "> Note for facilitators:",
        "> Tip for the trainer:",
        "> Note pour l'animateur :",
        "> Nota para el facilitador:",
        "> ملاحظة للميسر:",
        "> **Facilitators only**",
        "> [!NOTE] The marker with text on its line",
        "[!FACILITATOR]",
        "- [!FACILITATOR]",
        "> [!TIP]\n> A tip.\n>\n> [!FACILITATOR]",
    ] {
        site.write("content/review/dialogue.md", format!("{head}{marker}\n> Ask the group: SECRET.\n"));
        let output = site.build(&[]);
        let said = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{marker}: {said}");
        let line = if marker.starts_with("> [!TIP]") { 11 } else { 8 };
        assert!(said.contains(&format!("content/review/dialogue.md:{line}")), "{marker}: {said}");
        assert!(said.contains("published") || said.contains("callout"), "{marker}: {said}");
        assert_eq!(common::snapshot_tree(&site.public()), before, "{marker}: the last good output stays");
        let check = uprkit(site.root(), &["check"]);
        assert_ne!(check.status.code(), Some(0), "{marker}: check agrees");
    }
    // What is not a near miss builds: a lower-case callout, a quote that
    // mentions facilitators, a link in brackets.
    site.write(
        "content/review/dialogue.md",
        format!(
            "{head}> [!tip]\n> A lower-case callout.\n\n> Facilitators of national consultations often invite CSOs late.\n\n\
             [The report](../preparation/report.md) and `[!FACILITATOR]` in code.\n"
        ),
    );
    site.build_ok();
    let page = site.page("review/dialogue/index.html");
    assert!(page.contains("callout-tip") && page.contains("Facilitators of national consultations"), "{page}");
}

#[test]
fn check_compares_a_translation_s_notes_with_its_source_s() {
    let site = Site::copy("basic");
    let report = std::fs::read_to_string(site.root().join("content/preparation/report.md")).unwrap();
    site.write("content/preparation/report.md", format!("{report}\n> [!FACILITATOR]\n> Ask the group.\n"));
    // The French translator turned the note into a plain paragraph.
    let french = std::fs::read_to_string(site.root().join("content/preparation/report.fr.md")).unwrap();
    site.write("content/preparation/report.fr.md", format!("{french}\nDemandez au groupe.\n"));
    // Its note may be new in the source: the build goes on, check says it.
    site.build_ok();
    let good = site.page("fr/preparation/report/index.html");
    let output = uprkit(site.root(), &["check"]);
    let said = common::stdout(&output);
    assert!(
        said.contains(
            "facilitator  content/preparation/report.fr.md has 0 facilitator notes, its source content/preparation/report.md has 1"
        ),
        "{said}"
    );
    // A quote whose marker the translator deleted: the build stops, as the
    // note would be published in French.
    site.write("content/preparation/report.fr.md", format!("{french}\n> Demandez au groupe.\n"));
    let build = site.build(&[]);
    assert!(!build.status.success());
    assert!(
        stderr(&build).contains("error: content/preparation/report.fr.md: this translation has 0 facilitator notes where its source content/preparation/report.md has 1"),
        "{}",
        stderr(&build)
    );
    assert_eq!(site.page("fr/preparation/report/index.html"), good, "the last good output stays");
    let output = uprkit(site.root(), &["check"]);
    assert!(!output.status.success(), "check fails as the build does");
    let said = common::stdout(&output);
    assert!(
        said.contains(
            "facilitator  content/preparation/report.fr.md has 0 facilitator notes, its source content/preparation/report.md has 1"
        ),
        "{said}"
    );
    let json = uprkit(site.root(), &["check", "--format", "json"]);
    assert!(common::stdout(&json).contains("\"facilitator_mismatches\""), "{}", common::stdout(&json));
    // Where notes are public anyway, nothing is revealed: the build goes on.
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}facilitator_notes: public\n"));
    site.build_ok();
    site.write("uprkit.yaml", config);
    // No warning about the repository without a workflow; with one that
    // publishes from GitHub, the notes in the sources are pointed out.
    assert!(!format!("{said}{}", stderr(&output)).contains("publishes the guide from its repository"));
    site.write(".github/workflows/publish.yml", "jobs:\n  build:\n    steps:\n      - run: uprkit build\n");
    let output = uprkit(site.root(), &["check"]);
    let all = format!("{}{}", common::stdout(&output), stderr(&output));
    assert!(
        all.contains(".github/workflows/publish.yml: 1 pages have facilitator notes")
            && all.contains("private repository"),
        "{all}"
    );
}

/// `uprkit handout --scorm` is for learners: whatever `facilitator_notes`
/// says, no file inside the package holds a note: its text, marker,
/// frame or checklist.
#[test]
fn a_scorm_package_made_on_demand_holds_no_facilitator_note() {
    for setting in [None, Some("edition")] {
        let site = site_with_notes(setting);
        for args in [&["--scorm"][..], &["--scorm", "--phase", "review"], &["--scorm", "--lang", "fr"]] {
            let out = site.outside().join("package.zip");
            let output = uprkit(site.root(), &[&["handout"], args, &["-o", out.to_str().unwrap()]].concat());
            assert!(output.status.success(), "{}", stderr(&output));
            let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
            let mut review = None;
            for i in 0..zip.len() {
                let mut file = zip.by_index(i).unwrap();
                let mut text = String::new();
                file.read_to_string(&mut text).unwrap();
                for needle in [MARKER, "[!FACILITATOR]", "class=\"callout callout-facilitator", "Test the projector"] {
                    assert!(!text.contains(needle), "{setting:?} {args:?}: {} holds {needle}", file.name());
                }
                if file.name() == "review.html" {
                    review = Some(text);
                }
            }
            let review = review.unwrap_or_else(|| panic!("{args:?}: the package has the review phase"));
            assert!(review.contains("Organise a meeting") && review.contains("After the note."), "the page is in it");
        }
    }
}
