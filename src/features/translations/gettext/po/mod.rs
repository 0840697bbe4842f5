//! GNU gettext PO files, as uprkit writes and reads them: entries with
//! translators' `#` comments, `#.` notes, `#:` references, `#,` flags, `#|`
//! previous strings, `msgctxt`, `msgid`, `msgstr`, and obsolete entries
//! (`#~`, `#~|`). Written the way `msgmerge` writes them ([`write`]), so
//! that a translator's tools and version control see small changes; read
//! as every tool writes them ([`parse`]), with the file and line of every
//! mistake.

mod parse;
mod write;

use std::path::Path;

pub use parse::parse;

use crate::engine::error::{Diagnostic, Location};

/// One message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// `# ` comments, the translator's own (kept by `translate update`, as msgmerge keeps them).
    pub comments: Vec<String>,
    /// `#.` comments for translators.
    pub notes: Vec<String>,
    /// `#:` references: `content/review/adoption.md:12`.
    pub references: Vec<String>,
    pub fuzzy: bool,
    /// `#| msgctxt`, `#| msgid`: the source the translation was made for.
    pub previous_context: Option<String>,
    pub previous: Option<String>,
    pub context: Option<String>,
    pub id: String,
    pub translation: String,
    /// `#~`: kept for a text that has left the source.
    pub obsolete: bool,
}

impl Entry {
    pub fn key(&self) -> (Option<&str>, &str) {
        (self.context.as_deref(), &self.id)
    }

    pub fn is_translated(&self) -> bool {
        !self.translation.is_empty() && !self.fuzzy
    }
}

/// A whole file: its header (the entry with an empty `msgid`) and entries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalog {
    /// The comment lines above the header (credits, copyright), kept as they are.
    pub header_comments: Vec<String>,
    /// `Header: value` lines of the header entry's `msgstr`.
    pub header: Vec<(String, String)>,
    pub entries: Vec<Entry>,
    /// As read: the line of each entry's `msgid` (for messages).
    pub lines: Vec<usize>,
    /// As read: the line of each entry's `msgstr`.
    pub translation_lines: Vec<usize>,
}

impl Catalog {
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.header.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

/// Reads the PO file at `path` under `root` (`path` is what errors show):
/// `None` where there is none; an error where it is not UTF-8 text (a PO
/// file in another encoding is never skipped without a word: the page
/// would be published in the source language).
pub fn read(root: &Path, path: &Path) -> Result<Option<Catalog>, Diagnostic> {
    let bytes = match std::fs::read(root.join(path)) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Diagnostic::new(Location::file(path), format!("cannot read the file: {error}"))),
    };
    let text = String::from_utf8(bytes).map_err(|error| {
        Diagnostic::new(crate::engine::error::utf8_location(path, &error), "the PO file is not UTF-8 text")
            .with_help("save it as UTF-8 (Poedit and Weblate do; in a text editor choose the UTF-8 encoding) and set `Content-Type: text/plain; charset=UTF-8` in its header")
    })?;
    parse(path, &text).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Catalog {
        Catalog {
            lines: Vec::new(),
            translation_lines: Vec::new(),
            header_comments: vec![
                "French translation of the guide.".into(),
                "Jean <j@example.org>, 2024.".into(),
                "".into(),
            ],
            header: vec![("Content-Type".into(), "text/plain; charset=UTF-8".into()), ("Language".into(), "fr".into())],
            entries: vec![
                Entry {
                    references: vec!["content/a.md:3".into()],
                    id: "A **bold** \"quote\"\nand a second line".into(),
                    translation: "Un **gras**".into(),
                    ..Entry::default()
                },
                Entry {
                    comments: vec!["Ask Marie about this one".into()],
                    references: vec!["content/a.md:7".into()],
                    fuzzy: true,
                    previous: Some("Old text".into()),
                    context: Some("send-report".into()),
                    id: "New text".into(),
                    translation: "Ancien texte".into(),
                    ..Entry::default()
                },
                Entry { obsolete: true, id: "Gone".into(), translation: "Parti".into(), ..Entry::default() },
                Entry {
                    obsolete: true,
                    fuzzy: true,
                    previous: Some("Gone before".into()),
                    id: "Gone too".into(),
                    translation: "Parti aussi".into(),
                    ..Entry::default()
                },
            ],
        }
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let catalog = sample();
        let text = catalog.to_po();
        assert!(text.contains("msgid \"\"\n\"A **bold** \\\"quote\\\"\\n\"\n\"and a second line\"\n"), "{text}");
        assert!(text.contains("#, fuzzy\n#| msgid \"Old text\"\nmsgctxt \"send-report\"\n"), "{text}");
        assert!(text.contains("#~ msgid \"Gone\"\n#~ msgstr \"Parti\"\n"), "{text}");
        // msgmerge's way (polib refuses `#~ #| msgid`).
        assert!(text.contains("#, fuzzy\n#~| msgid \"Gone before\"\n#~ msgid \"Gone too\"\n"), "{text}");
        assert!(
            text.starts_with("# French translation of the guide.\n# Jean <j@example.org>, 2024.\n#\nmsgid"),
            "{text}"
        );
        let read = parse(Path::new("x.po"), &text).unwrap();
        assert_eq!(
            (read.header_comments, read.header, read.entries),
            (catalog.header_comments, catalog.header, catalog.entries)
        );
        assert_eq!(read.lines, vec![10, 20, 23, 28]);
        assert_eq!(read.translation_lines, vec![13, 21, 24, 29]);
    }

    #[test]
    fn mistakes_name_their_line() {
        let error = parse(Path::new("po/fr/a.po"), "msgid \"a\"\nmsgstr \"b\n").unwrap_err();
        assert_eq!(error.location.line, Some(2));
        let error = parse(Path::new("po/fr/a.po"), "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\n").unwrap_err();
        assert!(error.message.contains("plural"), "{}", error.message);
        let error = parse(Path::new("po/fr/a.po"), "msgid \"a\"\nmsgstr \"b\"\nfoo \"c\"\n").unwrap_err();
        assert_eq!(error.location.line, Some(3));
    }
}

#[cfg(test)]
mod gnu_tests;
