//! How much of a language is translated, in blocks (messages) and in the
//! words of their source text, for PO-based and file-based translations
//! alike. Words are counted as translate-toolkit's `pocount` counts them
//! (Unicode word boundaries, after dropping XML tags and joining `a.b`), so
//! that its figures and `check`'s agree.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::engine::site::TranslationStatus;

use super::lookup::Lookup;
use super::po::{Catalog, Entry};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BlockCounts {
    pub translated: usize,
    pub fuzzy: usize,
    pub untranslated: usize,
    pub translated_words: usize,
    pub fuzzy_words: usize,
    pub untranslated_words: usize,
}

impl BlockCounts {
    pub fn add(&mut self, other: &BlockCounts) {
        self.translated += other.translated;
        self.fuzzy += other.fuzzy;
        self.untranslated += other.untranslated;
        self.translated_words += other.translated_words;
        self.fuzzy_words += other.fuzzy_words;
        self.untranslated_words += other.untranslated_words;
    }

    pub fn total(&self) -> usize {
        self.translated + self.fuzzy + self.untranslated
    }

    pub fn total_words(&self) -> usize {
        self.translated_words + self.fuzzy_words + self.untranslated_words
    }

    fn count(&mut self, state: State, words: usize) {
        match state {
            State::Translated => {
                self.translated += 1;
                self.translated_words += words;
            }
            State::Fuzzy => {
                self.fuzzy += 1;
                self.fuzzy_words += words;
            }
            State::Untranslated => {
                self.untranslated += 1;
                self.untranslated_words += words;
            }
        }
    }
}

#[derive(Clone, Copy)]
enum State {
    Translated,
    Fuzzy,
    Untranslated,
}

fn state(entry: Option<&Entry>) -> State {
    match entry {
        Some(entry) if entry.translation.is_empty() => State::Untranslated,
        Some(entry) if entry.fuzzy => State::Fuzzy,
        Some(_) => State::Translated,
        None => State::Untranslated,
    }
}

/// The entries of a PO file as they are (what `pocount` counts).
pub fn file_counts(catalog: &Catalog) -> BlockCounts {
    let mut counts = BlockCounts::default();
    for entry in catalog.entries.iter().filter(|e| !e.obsolete) {
        counts.count(state(Some(entry)), words(&entry.id));
    }
    counts
}

/// A translation against its source's messages as they are now (`source`,
/// the source page's template): from its PO file, or from the status of a
/// translated file.
pub fn page_counts(source: &Catalog, status: TranslationStatus, po: Option<&Catalog>) -> BlockCounts {
    let mut counts = BlockCounts::default();
    let lookup = po.map(|catalog| (catalog, Lookup::new(&catalog.entries, |entry| !entry.obsolete)));
    for message in &source.entries {
        let words = words(&message.id);
        let state = match &lookup {
            Some((catalog, lookup)) => state(
                lookup
                    .same(message.context.as_deref(), &message.id)
                    .or_else(|| lookup.without_context(&message.id))
                    .map(|at| &catalog.entries[at]),
            ),
            None => match status {
                TranslationStatus::Current | TranslationStatus::Unstamped | TranslationStatus::Original => {
                    State::Translated
                }
                TranslationStatus::Outdated => State::Fuzzy,
                TranslationStatus::Missing => State::Untranslated,
            },
        };
        counts.count(state, words);
    }
    counts
}

/// Words as `pocount` counts them.
pub fn words(text: &str) -> usize {
    let text = without_tags(text);
    // pocount's `\D\.\D` → " ": a dot between two non-digits joins nothing.
    let chars: Vec<char> = text.chars().collect();
    let mut joined = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if i + 2 < chars.len() && !chars[i].is_ascii_digit() && chars[i + 1] == '.' && !chars[i + 2].is_ascii_digit() {
            joined.push(' ');
            i += 3;
        } else {
            joined.push(chars[i]);
            i += 1;
        }
    }
    joined.unicode_words().count()
}

/// Text without XML-like tags (`<br/>` becomes a line break).
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_end =
            after.find(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | ':' | '_' | '/'))).unwrap_or(after.len());
        let is_tag = name_end > 0 && after.starts_with(|c: char| c.is_alphanumeric() || c == '/');
        match (is_tag, after.find('>')) {
            (true, Some(close)) if !after[..close].contains('<') => {
                if after.starts_with("br") {
                    out.push('\n');
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_as_pocount_counts_them() {
        // Figures from translate-toolkit 3.20.4's pocount on the same texts.
        assert_eq!(
            words("Meet the embassies **early**, and bring your [report](../preparation/report.md#checklist)."),
            12
        );
        assert_eq!(words("Embassies in your capital\noften report to Geneva."), 8);
        assert_eq!(words("Three months before — or `x = 1` later; 5.2 and 16.a"), 11);
        assert_eq!(words("القرار ٣ في الجلسة"), 4);
        assert_eq!(words("参与普遍定期审议"), 8);
    }
}
