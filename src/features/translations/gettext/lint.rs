//! What `check` says of a PO file's translations: a translation that drops
//! or adds a link, an image or a piece of code of its source, whose `**`
//! emphasis is left open (it would print the stars) or dropped, or that
//! types an `{#id}` (printed on the page: the id is the message's
//! context). Each names the file and the line of the msgstr.

use std::path::Path;

use super::po::Catalog;

/// Warnings for the translated and fuzzy messages of `catalog`.
pub fn lint(path: &Path, catalog: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    for (entry, line) in catalog.entries.iter().zip(&catalog.translation_lines) {
        if entry.obsolete || entry.translation.is_empty() {
            continue;
        }
        let (source, target) = (&entry.id, &entry.translation);
        let at = format!("{}:{line}", path.display());
        let what = |count: usize, one: &str| if count == 1 { one.to_string() } else { format!("{count} {one}s") };
        let (links, links_t) = (links(source), links(target));
        if links != links_t {
            out.push(format!(
                "{at}: the translation has {} where the source has {}: keep each [text](target) of the source, with its target",
                what(links_t, "link"),
                what(links, "link")
            ));
        }
        let (code, code_t) = (source.matches('`').count(), target.matches('`').count());
        if code != code_t {
            out.push(format!(
                "{at}: the translation has {code_t} backticks (`) where the source has {code}: keep code as it is"
            ));
        }
        let (bold, bold_t) = (source.matches("**").count() / 2, target.matches("**").count());
        if bold_t % 2 == 1 {
            out.push(format!("{at}: a `**` of the translation is not closed: the page would show the stars"));
        } else if bold_t / 2 < bold {
            out.push(format!(
                "{at}: the translation has {} in bold (**) where the source has {bold}: keep the source's emphasis",
                bold_t / 2
            ));
        }
        if let Some(at_id) = target.find(" {#").filter(|_| !source.contains(" {#")) {
            let id: String = target[at_id + 1..].chars().take_while(|&c| c != '}').chain(['}']).collect();
            out.push(format!(
                "{at}: the translation ends with `{id}`, which the page would print: an item's id is not part of its text (the msgctxt keeps it)"
            ));
        }
    }
    out
}

/// Links and images: `](` as Markdown writes them.
fn links(text: &str) -> usize {
    text.matches("](").count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::translations::gettext::po::Entry;

    #[test]
    fn dropped_links_and_open_stars() {
        let catalog = Catalog {
            header: Vec::new(),
            entries: vec![
                Entry {
                    id: "Read [the report](a.md).".into(),
                    translation: "Lisez le rapport.".into(),
                    ..Entry::default()
                },
                Entry { id: "A **bold** word".into(), translation: "Un mot **gras".into(), ..Entry::default() },
                Entry { id: "Use `uprkit`".into(), translation: "Utilisez `uprkit`".into(), ..Entry::default() },
            ],
            lines: vec![7, 10, 13],
            translation_lines: vec![8, 11, 14],
            header_comments: Vec::new(),
        };
        let warnings = lint(Path::new("po/fr/a.po"), &catalog);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("po/fr/a.po:8: the translation has 0 links where the source has link"));
        assert!(warnings[1].starts_with("po/fr/a.po:11: a `**`"));
    }

    #[test]
    fn dropped_bold_and_a_typed_id() {
        let catalog = Catalog {
            entries: vec![
                Entry { id: "A **bold** word".into(), translation: "Un mot gras".into(), ..Entry::default() },
                Entry {
                    context: Some("send".into()),
                    id: "Send the report".into(),
                    translation: "Envoyer le rapport {#send}".into(),
                    ..Entry::default()
                },
                Entry { id: "Plain".into(), translation: "Un **mot** ajouté".into(), ..Entry::default() },
            ],
            lines: vec![3, 6, 9],
            translation_lines: vec![4, 7, 10],
            ..Catalog::default()
        };
        let warnings = lint(Path::new("po/fr/a.po"), &catalog);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("po/fr/a.po:4: the translation has 0 in bold (**) where the source has 1"));
        assert!(warnings[1].contains("po/fr/a.po:7: the translation ends with `{#send}`, which the page would print"));
    }
}
