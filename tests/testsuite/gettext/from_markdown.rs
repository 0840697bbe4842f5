//! Translations written by hand (`page.fr.md`, `glossary.fr.yaml`) and PO
//! files: `translate update` says which pages it leaves to the Markdown
//! file and why, and `--from-markdown` turns each into its PO file, block
//! by block, where the two match, and removes the Markdown file (else both
//! would exist, and the hand-written one wins).

use std::process::Command;

use super::catalog;
use super::common::{list_files, stderr, stdout, uprkit, Site};

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

#[test]
fn from_markdown_turns_the_starter_s_translations_into_po_files_and_the_site_stays_the_same() {
    let site = starter();
    site.build_ok();
    let before: Vec<(String, String)> = ["fr", "ar"]
        .iter()
        .flat_map(|lang| STARTER_PAGES.iter().map(move |page| (*lang, *page)))
        .map(|(lang, page)| {
            let rel = format!("{lang}/{}index.html", page.trim_end_matches("_index").trim_start_matches('/'));
            let html = site.page(&rel);
            (rel, html)
        })
        .collect();
    let glossary = site.page("fr/glossary/index.html");
    for lang in ["fr", "ar"] {
        let output = uprkit(site.root(), &["translate", "update", lang, "--from-markdown"]);
        let said = stdout(&output);
        assert!(output.status.success(), "{said}{}", stderr(&output));
        for page in STARTER_PAGES {
            assert!(said.contains(&format!("content/{page}.{lang}.md → po/{lang}/{page}.po")), "{said}");
            assert!(!site.root().join(format!("content/{page}.{lang}.md")).exists(), "removed: the PO file makes it");
            let po = catalog(&site, &format!("po/{lang}/{page}.po"));
            assert!(po.entries.iter().all(|e| !e.translation.is_empty() && !e.fuzzy), "{lang} {page}: {po:?}");
        }
        assert!(said.contains(&format!("content/glossary.{lang}.yaml → po/{lang}/glossary.yaml.po")), "{said}");
        assert!(!site.root().join(format!("content/glossary.{lang}.yaml")).exists());
    }
    let home = catalog(&site, "po/fr/_index.po");
    let title = home.entries.iter().find(|e| e.context.as_deref() == Some("title")).unwrap();
    assert_eq!(title.translation, "Notre guide de l'EPU");
    let item = home.entries.iter().find(|e| e.context.as_deref() == Some("check")).unwrap();
    assert_eq!(item.translation, "Lancez `uprkit check` et corrigez ce qu'il signale");
    let glossary_po = catalog(&site, "po/fr/glossary.yaml.po");
    let term = glossary_po.entries.iter().find(|e| e.context.as_deref() == Some("UPR|term")).unwrap();
    assert_eq!(term.translation, "EPU");
    // What gettext's own tools say of them.
    for (rel, path) in uprkit::engine::templates::files_under(&site.root().join("po")).unwrap() {
        let output = Command::new("msgfmt").args(["--check", "-o", "/dev/null"]).arg(&path).output().unwrap();
        assert!(output.status.success(), "po/{rel}: {}", String::from_utf8_lossy(&output.stderr));
    }
    // The same site: every page as it was, now made from the PO files.
    site.build_ok();
    for (rel, html) in &before {
        assert_eq!(&site.page(rel), html, "{rel}");
    }
    let now = site.page("fr/glossary/index.html");
    assert!(now.contains("Examen périodique universel") && now.contains("EPU"), "{now}");
    assert_eq!(now.matches("<dt").count(), glossary.matches("<dt").count());
    // Nothing left to move, nothing changes, nothing to do.
    let files = list_files(&site.root().join("po"));
    let said = stdout(&uprkit(site.root(), &["translate", "update", "fr"]));
    assert!(!said.contains("written by hand"), "{said}");
    assert_eq!(list_files(&site.root().join("po")), files);
    let check = stdout(&uprkit(site.root(), &["check"]));
    assert!(!check.contains("translate  ") && !check.contains("stamp  "), "{check}");
}

#[test]
fn a_translation_that_does_not_follow_its_source_block_for_block_stays_markdown_and_says_where() {
    let site = starter();
    let rel = "content/review/_index.fr.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    // An extra paragraph where the source has a checklist.
    site.write(rel, text.replace("\n- [ ] Envoyez", "\nUn paragraphe de plus.\n\n- [ ] Envoyez"));
    // Front matter the PO file could not keep: the translators' names.
    let credits = "content/follow-up/_index.fr.md";
    let text = std::fs::read_to_string(site.root().join(credits)).unwrap();
    site.write(credits, text.replacen("phase: follow-up\n", "phase: follow-up\ncontributors: [Marie Curie]\n", 1));
    // A heading id the source does not have: links to it would break.
    let home = "content/_index.fr.md";
    let text = std::fs::read_to_string(site.root().join(home)).unwrap();
    site.write(home, text.replace("## Avant de publier", "## Avant de publier {#avant}"));
    // A glossary field its source's term does not have.
    let glossary = "content/glossary.fr.yaml";
    let text = std::fs::read_to_string(site.root().join(glossary)).unwrap();
    site.write(glossary, text.replace("- term: EPU\n", "- term: EPU\n  aliases: [l'EPU]\n"));
    let output = uprkit(site.root(), &["translate", "update", "fr", "--from-markdown"]);
    let (said, errors) = (stdout(&output), stderr(&output));
    assert_eq!(output.status.code(), Some(1), "{said}{errors}");
    assert!(
        errors.contains(&format!("{glossary}:2: its term 1 has `aliases` where the source's (UPR) has none")),
        "{errors}"
    );
    assert!(site.root().join(glossary).exists() && !site.root().join("po/fr/glossary.yaml.po").exists());
    assert!(
        errors.contains(&format!(
            "{home}:12: outside the text to translate, it has `{{#avant}}` that content/_index.md does not have (near its line 13)"
        )),
        "{errors}"
    );
    let line = std::fs::read_to_string(site.root().join(rel))
        .unwrap()
        .lines()
        .position(|l| l == "Un paragraphe de plus.")
        .unwrap()
        + 1;
    assert!(
        errors.contains(&format!("{rel}:{line}: block 2 is a paragraph where content/review/_index.md:")),
        "names the file and the first block that differs: {errors}"
    );
    assert!(errors.contains("has a checklist item"), "{errors}");
    assert!(
        errors.contains(&format!("{credits}:4: its front matter's `contributors` is not its source's")),
        "{errors}"
    );
    assert!(site.root().join(rel).exists() && site.root().join(credits).exists(), "left in place");
    assert!(!site.root().join("po/fr/review/_index.po").exists());
    // The others are moved all the same.
    assert!(said.contains("content/preparation/_index.fr.md → po/fr/preparation/_index.po"), "{said}");
    assert!(!site.root().join("content/preparation/_index.fr.md").exists());
    assert!(errors.contains("4 translations left as written by hand"), "{errors}");
    site.build_ok();
    assert!(site.page("fr/review/index.html").contains("Un paragraphe de plus."), "the Markdown file still makes it");
}

#[test]
fn an_outdated_translation_becomes_fuzzy_entries_where_its_source_changed_since_the_stamp() {
    let site = starter();
    let git = |args: &[&str]| super::git(&site, args);
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "the starter"]);
    let rel = "content/review/_index.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(rel, text.replace("watch the webcast", "watch the live webcast"));
    git(&["commit", "-qam", "English edited"]);
    let output = uprkit(site.root(), &["translate", "update", "fr", "--from-markdown"]);
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    let po = catalog(&site, "po/fr/review/_index.po");
    let fuzzy: Vec<_> = po.entries.iter().filter(|e| e.fuzzy).collect();
    assert_eq!(fuzzy.len(), 1, "only the changed item: {po:?}");
    assert_eq!(fuzzy[0].id, "Plan where and how your partners will watch the live webcast");
    assert_eq!(fuzzy[0].previous.as_deref(), Some("Plan where and how your partners will watch the webcast"));
    assert!(fuzzy[0].translation.starts_with("Prévoyez où et comment"));
    // Without the history, every entry is fuzzy: nobody knows which changed.
    std::fs::remove_dir_all(site.root().join(".git")).unwrap();
    let rel = "content/follow-up/_index.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(rel, text.replace("Choose the recommendations", "Pick the recommendations"));
    let output = uprkit(site.root(), &["translate", "update", "ar", "--from-markdown"]);
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    assert!(stdout(&output).contains("content/follow-up/_index.ar.md → po/ar/follow-up/_index.po"));
    let po = catalog(&site, "po/ar/follow-up/_index.po");
    assert!(po.entries.iter().all(|e| e.fuzzy && !e.translation.is_empty()), "{po:?}");
    let po = catalog(&site, "po/ar/_index.po");
    assert!(po.entries.iter().all(|e| !e.fuzzy), "the home page's Arabic is current: {po:?}");
}

/// The bundled guide, French: every page that follows its source block
/// for block becomes a PO file, and the built site is the same, byte for
/// byte; a page that does not (one with a translated code example) is named
/// and left as it is.
#[test]
fn the_bundled_guide_s_french_pages_become_po_files_and_the_site_is_the_same_byte_for_byte() {
    let site = Site::init(&["--example"]);
    site.build_ok();
    let snapshot = |site: &Site| -> Vec<(String, Vec<u8>)> {
        list_files(&site.public())
            .into_iter()
            .map(|rel| (rel.clone(), std::fs::read(site.public().join(&rel)).unwrap()))
            .collect()
    };
    let before = snapshot(&site);
    let output = uprkit(site.root(), &["translate", "update", "fr", "--from-markdown"]);
    let (said, errors) = (stdout(&output), stderr(&output));
    let moved = said.lines().filter(|line| line.contains(" → po/fr/")).count();
    assert!(moved >= 15, "{said}{errors}");
    for line in errors.lines().filter_map(|line| line.strip_prefix("error: content/")) {
        let file = line.split(':').next().unwrap();
        assert!(site.root().join("content").join(file).exists(), "{file} is left in place");
    }
    site.build_ok();
    let after = snapshot(&site);
    assert_eq!(before.len(), after.len());
    for ((rel, old), (rel_after, new)) in before.iter().zip(&after) {
        assert_eq!(rel, rel_after);
        assert!(old == new, "{rel} differs once made from PO files");
    }
}
