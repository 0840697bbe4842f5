//! Glossaries: `content/glossary.yaml` for the default language and
//! `glossary.<lang>.yaml` for the others. The first use of each term on a
//! page becomes an `<abbr>` linked to the glossary page of the reader's
//! language.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::error::{yaml_diagnostic, Diagnostic, Error, Location, Result};
use crate::markdown::slugify;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    term: String,
    title: String,
    definition: Option<String>,
}

const TERM_KEYS: &[&str] = &["term", "title", "definition"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub term: String,
    /// The short expansion shown on hover.
    pub title: String,
    pub definition: Option<String>,
    /// The anchor of the term on the glossary page.
    pub id: String,
}

/// The terms of one language and a matcher that finds them in text.
#[derive(Debug, Clone)]
pub struct Glossary {
    pub lang: String,
    /// Sorted by term.
    pub terms: Vec<Term>,
    pub source: PathBuf,
    matcher: AhoCorasick,
}

/// One glossary per language that has a file.
pub fn load(config: &Config) -> Result<BTreeMap<String, Glossary>> {
    let mut glossaries = BTreeMap::new();
    let mut problems = Vec::new();
    for language in &config.languages {
        let name = if language.code == config.default_language().code {
            "glossary.yaml".to_string()
        } else {
            format!("glossary.{}.yaml", language.code)
        };
        let path = config.content_dir.join(&name);
        if !path.is_file() {
            continue;
        }
        let source = Path::new("content").join(&name);
        let text = std::fs::read_to_string(&path).map_err(|error| {
            Error::one(Diagnostic::new(Location::file(&source), format!("cannot read the glossary: {error}")))
        })?;
        match Glossary::parse(&language.code, &source, &text) {
            Ok(glossary) => {
                glossaries.insert(language.code.clone(), glossary);
            }
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok(glossaries)
    } else {
        Err(Error::Content(problems))
    }
}

impl Glossary {
    /// Parses a glossary file; `source` is what errors show.
    pub fn parse(lang: &str, source: &Path, text: &str) -> Result<Glossary, Vec<Diagnostic>> {
        let raw: Vec<RawTerm> = if text.trim().is_empty() {
            Vec::new()
        } else {
            serde_yaml::from_str::<Option<Vec<RawTerm>>>(text)
                .map_err(|error| vec![yaml_diagnostic(source, 1, &error, TERM_KEYS)])?
                .unwrap_or_default()
        };
        let mut problems = Vec::new();
        let mut terms: Vec<Term> = Vec::with_capacity(raw.len());
        for RawTerm { term, title, definition } in raw {
            let term = term.trim().to_string();
            if term.is_empty() {
                problems.push(Diagnostic::new(Location::file(source), "a glossary entry has an empty `term`"));
                continue;
            }
            if terms.iter().any(|known| known.term == term) {
                let lines: Vec<usize> = text
                    .lines()
                    .enumerate()
                    .filter(|(_, line)| {
                        let line = line.trim_start().trim_start_matches("- ").trim();
                        line.strip_prefix("term:").is_some_and(|value| value.trim().trim_matches(['"', '\'']) == term)
                    })
                    .map(|(i, _)| i + 1)
                    .collect();
                let location = match lines.get(1) {
                    Some(&line) => Location::at(source, line, None),
                    None => Location::file(source),
                };
                let first = lines.first().map(|line| format!(" (first on line {line})")).unwrap_or_default();
                problems.push(
                    Diagnostic::new(location, format!("the term `{term}` is defined twice{first}"))
                        .with_help("keep one entry per term"),
                );
                continue;
            }
            let id = format!("term-{}", slugify(&term));
            terms.push(Term { term, title, definition, id });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        terms.sort_by_key(|term| term.term.to_lowercase());
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(terms.iter().map(|term| term.term.as_str()))
            .map_err(|error| vec![Diagnostic::new(Location::file(source), format!("glossary terms: {error}"))])?;
        Ok(Glossary { lang: lang.to_string(), terms, source: source.to_path_buf(), matcher })
    }

    /// Occurrences of terms in `text` as (start, end, term index), leftmost
    /// first, whole words only (except for terms in scripts written without
    /// spaces, such as Chinese, which match anywhere).
    pub fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.matcher
            .find_iter(text)
            .filter(|found| {
                let term = &self.terms[found.pattern().as_usize()].term;
                let before = text[..found.start()].chars().next_back();
                let after = text[found.end()..].chars().next();
                let first = term.chars().next();
                let last = term.chars().next_back();
                separated(before, first) && separated(after, last)
            })
            .map(|found| (found.start(), found.end(), found.pattern().as_usize()))
            .collect()
    }
}

/// Whether a term's edge character `edge` is a word boundary next to `neighbour`.
fn separated(neighbour: Option<char>, edge: Option<char>) -> bool {
    match (neighbour, edge) {
        (None, _) | (_, None) => true,
        (Some(_), Some(edge)) if is_unspaced(edge) => true,
        (Some(neighbour), _) => !(neighbour.is_alphanumeric() || neighbour == '_'),
    }
}

/// Characters of scripts written without spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0x0E00..=0x0E7F   // Thai
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(text: &str) -> Glossary {
        Glossary::parse("en", Path::new("content/glossary.yaml"), text).unwrap()
    }

    #[test]
    fn finds_whole_words_only() {
        let g = glossary("- term: UPR\n  title: Universal Periodic Review\n- term: NHRI\n  title: N\n");
        let found = g.find("The UPR and UPRs, NHRI.");
        let words: Vec<&str> = found.iter().map(|&(s, e, _)| &"The UPR and UPRs, NHRI."[s..e]).collect();
        assert_eq!(words, ["UPR", "NHRI"]);
    }

    #[test]
    fn chinese_terms_match_inside_running_text() {
        let g = glossary("- term: 普遍定期审议\n  title: UPR\n");
        assert_eq!(g.find("参与普遍定期审议的民间社会").len(), 1);
    }

    #[test]
    fn duplicate_terms_name_the_second_line() {
        let problems = Glossary::parse(
            "en",
            Path::new("content/glossary.yaml"),
            "- term: UPR\n  title: A\n- term: UPR\n  title: B\n",
        )
        .unwrap_err();
        assert_eq!(
            problems[0].to_string().lines().next().unwrap(),
            "content/glossary.yaml:3: the term `UPR` is defined twice (first on line 1)"
        );
    }

    #[test]
    fn unknown_keys_are_errors() {
        let problems = Glossary::parse("en", Path::new("g.yaml"), "- term: UPR\n  tilte: A\n").unwrap_err();
        assert!(problems[0].to_string().contains("did you mean `title`?"), "{}", problems[0]);
    }
}
