//! The glossary in PO files: `po/templates/glossary.yaml.pot` holds each
//! term of `content/glossary.yaml`, its title, definition and other forms
//! (context `<term>|term`, `<term>|title`, ...); a language without its own
//! `glossary.LANG.yaml` gets its glossary from `po/LANG/glossary.yaml.po`,
//! each field not translated yet kept in the default language.

use std::path::{Path, PathBuf};

use crate::engine::yaml;
use crate::engine::yaml::{Mapping, Value};

use crate::engine::config::{line_of_key, Config};

use super::po::{Catalog, Entry};
use super::PO_DIR;

/// The name of the glossary's template and PO files (after the file it comes from).
pub const NAME: &str = "glossary.yaml";
const FIELDS: [&str; 4] = ["term", "title", "definition", "aliases"];

fn entries(text: &str) -> Vec<Mapping> {
    yaml::from_str::<Option<Vec<Mapping>>>(text).ok().flatten().unwrap_or_default()
}

fn field(entry: &Mapping, key: &str) -> Option<String> {
    match entry.get(key)? {
        Value::String(text) => Some(text.trim().to_string()),
        Value::Sequence(items) => {
            Some(items.iter().filter_map(Value::as_str).map(str::trim).collect::<Vec<_>>().join("; "))
        }
        other => yaml::to_string(other).ok().map(|t| t.trim().to_string()),
    }
    .filter(|text| !text.is_empty())
}

/// The template of the default language's glossary, if it has one.
pub fn template(config: &Config) -> Option<Catalog> {
    let text = std::fs::read_to_string(config.content_dir.join(NAME)).ok()?;
    let mut out = Catalog::default();
    let mut line_from = 0;
    for entry in entries(&text) {
        let Some(term) = field(&entry, "term") else { continue };
        // The line of this entry's `term:`, searching on from the last one.
        let line = text.lines().enumerate().skip(line_from).find(|(_, l)| {
            l.trim_start()
                .trim_start_matches("- ")
                .trim_start()
                .strip_prefix("term:")
                // The value as YAML reads it: `'"Troika"'` is `"Troika"`, quotes and all.
                .is_some_and(|v| yaml::from_str::<String>(v.trim()).is_ok_and(|v| v.trim() == term))
        });
        let line = line.map_or_else(|| line_of_key(&text, "term").unwrap_or(1), |(i, _)| i + 1);
        line_from = line;
        for key in FIELDS {
            if let Some(value) = field(&entry, key) {
                out.entries.push(Entry {
                    notes: vec![format!("glossary: {key}{}", if key == "aliases" { " (separated by ;)" } else { "" })],
                    references: vec![format!("content/{NAME}:{line}")],
                    context: Some(format!("{term}|{key}")),
                    id: value,
                    ..Entry::default()
                });
            }
        }
    }
    Some(out)
}

/// `po/LANG/glossary.yaml.po`, if there is one.
pub fn po_path(lang: &str) -> PathBuf {
    Path::new(PO_DIR).join(lang).join(format!("{NAME}.po"))
}

/// The glossary of `lang` as YAML, from the default language's and the
/// PO file's translations: what the glossary reads in place of a
/// `glossary.LANG.yaml`. `None` if there is no such PO file or nothing in
/// it is translated.
pub fn translated_yaml(
    config: &Config,
    lang: &str,
) -> Option<std::result::Result<String, crate::engine::error::Diagnostic>> {
    let path = po_path(lang);
    let catalog = match super::po::read(&config.root, &path) {
        Ok(catalog) => catalog?,
        Err(problem) => return Some(Err(problem)),
    };
    if catalog.entries.iter().all(|e| e.obsolete || e.translation.is_empty()) {
        return None;
    }
    let source = std::fs::read_to_string(config.content_dir.join(NAME)).ok()?;
    let translation = |term: &str, key: &str, text: String| -> String {
        let context = format!("{term}|{key}");
        catalog
            .entries
            .iter()
            .find(|e| {
                !e.obsolete
                    && e.context.as_deref() == Some(context.as_str())
                    && e.id == text
                    && !e.translation.is_empty()
            })
            .map_or(text, |e| e.translation.clone())
    };
    let mut terms = Vec::new();
    for entry in entries(&source) {
        let Some(term) = field(&entry, "term") else { continue };
        let mut out = Mapping::new();
        for key in FIELDS {
            let Some(value) = field(&entry, key) else { continue };
            let value = translation(&term, key, value);
            let value = if key == "aliases" {
                Value::Sequence(
                    value.split(';').map(|a| Value::from(a.trim())).filter(|a| a.as_str() != Some("")).collect(),
                )
            } else {
                Value::from(value)
            };
            out.insert(Value::from(key), value);
        }
        terms.push(Value::Mapping(out));
    }
    Some(Ok(yaml::to_string(&terms).unwrap_or_default()))
}

/// The messages of the glossary's template, each with its translation in
/// `content/glossary.LANG.yaml`: the terms paired in order, field by field.
/// An error where the two do not have the same terms and fields (a field
/// the source's term does not have could not be kept).
pub fn from_translation(config: &Config, lang: &str) -> Result<Vec<Entry>, crate::engine::error::Diagnostic> {
    use crate::engine::error::{Diagnostic, Location};
    let shown = Path::new("content").join(format!("glossary.{lang}.yaml"));
    let help = "a PO file holds the source's terms, each with its translation: make the translation list the same \
                terms in the same order, with the same fields, then run this again; or keep translating the glossary \
                in its YAML file";
    let refuse =
        |line: usize, message: String| Diagnostic::new(Location::at(&shown, line, None), message).with_help(help);
    let read = |name: &Path| {
        std::fs::read_to_string(config.root.join(name))
            .map_err(|error| Diagnostic::new(Location::file(name), format!("cannot read: {error}")))
    };
    let source = entries(&read(&Path::new("content").join(NAME))?);
    let text = read(&shown)?;
    let translation = yaml::from_str::<Option<Vec<Mapping>>>(&text)
        .map_err(|error| {
            let line = error.location().map_or(1, |at| at.line());
            refuse(line, format!("cannot read it as a glossary: {error}"))
        })?
        .unwrap_or_default();
    // The line of each term of the translation, in order.
    let term_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim_start().trim_start_matches("- ").trim_start().starts_with("term:"))
        .map(|(n, _)| n + 1)
        .collect();
    let line_of = |n: usize| term_lines.get(n).copied().unwrap_or(1);
    if source.len() != translation.len() {
        return Err(refuse(
            line_of(source.len().min(translation.len())),
            format!("it has {} terms where content/{NAME} has {}", translation.len(), source.len()),
        ));
    }
    let mut out = Vec::new();
    for (n, (theirs, ours)) in source.iter().zip(&translation).enumerate() {
        let Some(term) = field(theirs, "term") else { continue };
        if let Some(key) = ours.keys().filter_map(Value::as_str).find(|key| !FIELDS.contains(key)) {
            return Err(refuse(line_of(n), format!("its term {} has `{key}`, which a PO file could not keep", n + 1)));
        }
        for key in FIELDS {
            match (field(theirs, key), field(ours, key)) {
                (Some(id), Some(translation)) => {
                    out.push(Entry { context: Some(format!("{term}|{key}")), id, translation, ..Entry::default() })
                }
                (None, Some(_)) => {
                    return Err(refuse(
                        line_of(n),
                        format!(
                            "its term {} has `{key}` where the source's ({term}) has none: a PO file could not keep it",
                            n + 1
                        ),
                    ))
                }
                // Not translated yet: an empty entry (never a fuzzy match of another field).
                (Some(id), None) => out.push(Entry { context: Some(format!("{term}|{key}")), id, ..Entry::default() }),
                (None, None) => {}
            }
        }
    }
    Ok(out)
}
