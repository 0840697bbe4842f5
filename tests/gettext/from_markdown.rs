//! Translations written by hand (`page.fr.md`, `glossary.fr.yaml`) and PO
//! files: `translate update` says which pages it leaves to the Markdown
//! file and why, and `--from-markdown` turns each into its PO file, block
//! by block, where the two match, and removes the Markdown file (else both
//! would exist, and the hand-written one wins).

use super::common::{stderr, stdout, uprkit, Site};

/// The starter of `uprkit init --languages en,fr,ar`: its pages and glossary in each language.
fn starter() -> Site {
    Site::init(&["--languages", "en,fr,ar"])
}

const STARTER_PAGES: [&str; 4] = ["_index", "preparation/_index", "review/_index", "follow-up/_index"];

#[test]
fn translate_update_says_which_pages_it_leaves_to_their_markdown_translation_and_why() {
    let site = starter();
    let output = uprkit(site.root(), &["translate", "update", "fr"]);
    let said = stdout(&output);
    assert!(output.status.success(), "{said}{}", stderr(&output));
    assert!(said.contains("4 pages and the glossary have a translation written by hand"), "{said}");
    for page in STARTER_PAGES {
        assert!(said.contains(&format!("  content/{page}.fr.md\n")), "{page}: {said}");
    }
    assert!(said.contains("  content/glossary.fr.yaml\n"), "{said}");
    assert!(said.contains("uprkit translate update fr --from-markdown"), "the way out: {said}");
    assert!(!site.root().join("po/fr").exists(), "nothing made without asking");
}
