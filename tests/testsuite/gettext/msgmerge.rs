//! `uprkit translate update` against GNU `msgmerge --previous`, on the same
//! old PO file and the same new template, for the edits an author makes to
//! an English page: which entries each keeps, marks fuzzy, adds empty or
//! makes obsolete. They must agree, except where the README says why not.

use std::path::Path;
use std::process::Command;

use super::common::Site;
use super::{catalog, run, translate_all};
use uprkit::features::translations::gettext::po;

/// A page as guides have them: wrapped paragraphs, a list, a checklist,
/// headings; with a typo for the first edit to fix.
const PAGE: &str = "---\ntitle: Lobbying States before the review\n\
summary: How to brief the embassies of the States that make recommendations.\n---\n\n\
Recommending States decide what they will say weeks before the Working\n\
Group session. Meet their embassies in your capital early, and bring a\n\
short briefing on your priority issues.\n\n\
## Preparing a briefing\n\n\
A briefing fits on two pages. It names the issue, gives the facts and\n\
proposes one or two recomendations worded as a State would word them.\n\n\
Keep it factual: diplomats read dozens of briefings before each session.\n\n\
- Facts from your stakeholder report\n\
- Recommendations your country received in the last cycle\n\
- The contacts of your coalition\n\n\
- [ ] Draft the briefing with your partners {#draft-briefing}\n\
- [ ] Send the briefing to the embassies {#send-briefing}\n\n\
## After the meetings\n\n\
Write down what each embassy said, and share it with your coalition.\n";

/// An entry as both tools leave it: obsolete, context, text, translation,
/// fuzzy, the text it was made for.
type Seen = (bool, Option<String>, String, String, bool, Option<String>);

fn view(catalog: &po::Catalog) -> Vec<Seen> {
    let mut seen: Vec<Seen> = catalog
        .entries
        .iter()
        .map(|e| (e.obsolete, e.context.clone(), e.id.clone(), e.translation.clone(), e.fuzzy, e.previous.clone()))
        .collect();
    seen.sort();
    seen
}

/// One edit of the English page, what `translate update` makes of it
/// (entries fuzzy, left to translate, obsolete), and the messages on
/// which msgmerge may differ, with the README's reason.
struct Edit {
    name: &'static str,
    edit: fn(&str) -> String,
    fuzzy: usize,
    untranslated: usize,
    obsolete: usize,
    differs: &'static [(&'static str, &'static str)],
}

const CHECKLIST: &str = "a checklist item keeps its translation, marked fuzzy, whatever its new text \
                         (README, For translators: msgmerge would drop one that changed too much)";

const EDITS: &[Edit] = &[
    Edit {
        name: "a typo fixed",
        edit: |page| page.replace("recomendations", "recommendations"),
        fuzzy: 1,
        untranslated: 0,
        obsolete: 0,
        differs: &[],
    },
    Edit {
        name: "a sentence added to a wrapped paragraph",
        edit: |page| {
            page.replace(
                "on your priority issues.\n",
                "on your priority issues. Ask which issues they\nintend to raise.\n",
            )
        },
        fuzzy: 1,
        untranslated: 0,
        obsolete: 0,
        differs: &[],
    },
    Edit {
        name: "a paragraph split in two",
        edit: |page| page.replace("fits on two pages. It names", "fits on two pages.\n\nIt names"),
        // The long half is close enough to the old paragraph; the short one is new.
        fuzzy: 1,
        untranslated: 1,
        obsolete: 0,
        differs: &[],
    },
    Edit {
        name: "two paragraphs merged",
        edit: |page| page.replace("word them.\n\nKeep it factual", "word them. Keep it factual"),
        fuzzy: 1,
        untranslated: 0,
        obsolete: 1,
        differs: &[],
    },
    Edit {
        name: "list items reordered",
        edit: |page| {
            page.replace(
                "- Facts from your stakeholder report\n- Recommendations your country received in the last cycle\n",
                "- Recommendations your country received in the last cycle\n- Facts from your stakeholder report\n",
            )
        },
        fuzzy: 0,
        untranslated: 0,
        obsolete: 0,
        differs: &[],
    },
    Edit {
        name: "a heading renamed",
        edit: |page| page.replace("## After the meetings", "## After the meetings with embassies"),
        fuzzy: 1,
        untranslated: 0,
        obsolete: 0,
        differs: &[],
    },
    Edit {
        name: "a heading replaced by other words",
        edit: |page| page.replace("## Preparing a briefing", "## What to write"),
        fuzzy: 0,
        untranslated: 1,
        obsolete: 1,
        differs: &[],
    },
    Edit {
        name: "a checklist item reworded a little",
        edit: |page| {
            page.replace("Draft the briefing with your partners", "Draft the briefing with your coalition partners")
        },
        fuzzy: 1,
        untranslated: 0,
        obsolete: 0,
        differs: &[],
    },
    Edit {
        name: "a checklist item reworded entirely",
        edit: |page| page.replace("Send the briefing to the embassies", "Email it to every embassy you met"),
        fuzzy: 1,
        untranslated: 0,
        obsolete: 0,
        differs: &[("Email it to every embassy you met", CHECKLIST), ("Send the briefing to the embassies", CHECKLIST)],
    },
    Edit {
        name: "a paragraph deleted",
        edit: |page| page.replace("Keep it factual: diplomats read dozens of briefings before each session.\n\n", ""),
        fuzzy: 0,
        untranslated: 0,
        obsolete: 1,
        differs: &[],
    },
    Edit {
        name: "whitespace only",
        edit: |page| {
            page.replace("weeks before the Working\nGroup session.", "weeks before\nthe Working Group session.")
                .replace("- [ ] Draft the briefing", "- [ ]  Draft the briefing")
                .replace("\n", "\r\n")
        },
        fuzzy: 0,
        untranslated: 0,
        obsolete: 0,
        differs: &[],
    },
    Edit {
        name: "an item reworded and a table row added",
        edit: |page| {
            page.replace("- The contacts of your coalition", "- The contacts of everyone in your coalition").replace(
                "## After the meetings",
                "| Step | When |\n|---|---|\n| Meetings | Three months before |\n\n## After the meetings",
            )
        },
        fuzzy: 1,
        untranslated: 4,
        obsolete: 0,
        differs: &[],
    },
];

/// What `msgmerge --previous` makes of the PO file `old` and a new template.
pub(super) fn msgmerge(old: &Path, template: &Path) -> po::Catalog {
    let output = Command::new("msgmerge")
        .args(["--quiet", "--previous", "-o", "-"])
        .arg(old)
        .arg(template)
        .output()
        .expect("msgmerge runs (gettext; bash .ci/run installs it)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    po::parse(Path::new("msgmerge"), &String::from_utf8(output.stdout).unwrap()).unwrap()
}

#[test]
fn translate_update_and_msgmerge_agree_on_every_kind_of_edit() {
    let rel = "po/fr/review/lobbying.po";
    let mut failures = Vec::new();
    for edit in EDITS {
        let site = Site::copy("basic");
        site.write("content/review/lobbying.md", PAGE);
        run(&site, &["translate", "update", "fr"]);
        translate_all(&site, rel);
        let old = site.outside().join("old.po");
        std::fs::copy(site.root().join(rel), &old).unwrap();
        let edited = (edit.edit)(PAGE);
        assert_ne!(edited, PAGE, "{}: the edit changes the page", edit.name);
        site.write("content/review/lobbying.md", &edited);
        run(&site, &["translate", "update", "fr"]);
        let ours = catalog(&site, rel);
        let theirs = msgmerge(&old, &site.root().join("po/templates/review/lobbying.pot"));
        let (ours_seen, theirs_seen) = (view(&ours), view(&theirs));
        let only = |a: &[Seen], b: &[Seen]| -> Vec<Seen> { a.iter().filter(|e| !b.contains(e)).cloned().collect() };
        let differing: Vec<Seen> =
            only(&ours_seen, &theirs_seen).into_iter().chain(only(&theirs_seen, &ours_seen)).collect();
        let unexplained: Vec<&Seen> =
            differing.iter().filter(|e| !edit.differs.iter().any(|(id, _)| *id == e.2)).collect();
        let unused: Vec<&str> =
            edit.differs.iter().map(|(id, _)| *id).filter(|id| !differing.iter().any(|e| e.2 == *id)).collect();
        let live = ours.entries.iter().filter(|e| !e.obsolete);
        let counts = (
            live.clone().filter(|e| e.fuzzy).count(),
            live.filter(|e| e.translation.is_empty()).count(),
            ours.entries.iter().filter(|e| e.obsolete).count(),
        );
        if !unexplained.is_empty() || !unused.is_empty() || counts != (edit.fuzzy, edit.untranslated, edit.obsolete) {
            failures.push(format!(
                "{}: uprkit gives {counts:?} (fuzzy, untranslated, obsolete), the table says {:?}\n  \
                 differing from msgmerge without a reason: {unexplained:#?}\n  said to differ but do not: {unused:?}\n  \
                 uprkit: {ours_seen:#?}\n  msgmerge: {theirs_seen:#?}",
                edit.name,
                (edit.fuzzy, edit.untranslated, edit.obsolete),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
