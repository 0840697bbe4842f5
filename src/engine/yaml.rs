//! YAML, read and written: the one module that names `serde_yaml`, so that
//! every file of a toolkit is read the same way and a mistake in any of
//! them is told in the same words, at the author's line and column
//! ([`parse`], [`diagnostic`]).

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::engine::error::{did_you_mean, plain_type_error, Diagnostic, Location};

/// A YAML document read without a type (front matter's `extra`, values
/// read later than the rest), its mappings, and what reading can say.
pub use serde_yaml::{Error, Mapping, Value};

/// Reads the YAML `text` of `path` as a `T`. `first_line` is the file line
/// the YAML starts on (2 for front matter, after its `---`); `keys` are the
/// keys `T` accepts, for a did-you-mean on an unknown one.
pub fn parse<T: DeserializeOwned>(path: &Path, first_line: usize, text: &str, keys: &[&str]) -> Result<T, Diagnostic> {
    from_str(text).map_err(|error| diagnostic(path, first_line, &error, keys, text))
}

/// Reads `text` as a `T`; the error knows its line and column in `text`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_yaml::from_str(text)
}

/// Reads a `T` out of a document already read.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    serde_yaml::from_value(value)
}

/// Writes `value` as YAML.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    serde_yaml::to_string(value)
}

/// Says a YAML mistake in the author's terms, at the right line of `path`.
///
/// `first_line` is the file line on which the YAML starts (2 for front matter,
/// which follows the opening `---`), so the reported line is the author's.
/// `fields` lists the keys the struct accepts, for a did-you-mean on unknown
/// ones; `text` is the YAML as read, to tell layout mistakes in plain words.
pub fn diagnostic(path: &Path, first_line: usize, error: &Error, fields: &[&str], text: &str) -> Diagnostic {
    let location = match error.location() {
        Some(at) => Location::at(path, at.line() + first_line - 1, Some(at.column())),
        None => Location::file(path),
    };
    // The YAML reader appends " at line L column C" to its message; we print our own place.
    let full = error.to_string();
    let message = match full.find(" at line ") {
        Some(cut) => full[..cut].to_string(),
        None => full,
    };
    let mut diagnostic = Diagnostic::new(location, message.clone());
    if let Some(unknown) = message
        .find("unknown field `")
        .map(|at| &message[at + "unknown field `".len()..])
        .and_then(|rest| rest.split('`').next())
    {
        diagnostic.message = format!("unknown key `{unknown}`");
        // Deeper than the top level (`sessions[0].items[1]: unknown field`),
        // the keys that place takes are serde's list, not the file's.
        let nested: Vec<&str> = match message.split_once(": unknown field `") {
            Some((_, rest)) => rest
                .split_once("expected ")
                .map_or(Vec::new(), |(_, expected)| expected.split('`').skip(1).step_by(2).collect()),
            None => Vec::new(),
        };
        let fields = if nested.is_empty() { fields } else { &nested[..] };
        let known = fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
        diagnostic = match did_you_mean(unknown, fields.iter().copied()) {
            Some(suggestion) => diagnostic.with_help(format!("{suggestion} (known keys: {known})")),
            None => diagnostic.with_help(format!("remove it or use one of the known keys: {known}")),
        };
    } else if let Some((key, parent)) = misplaced_key(&message, fields) {
        if let Some(index) =
            text.lines().position(|line| line.starts_with(' ') && line.trim_start().starts_with(&format!("{key}:")))
        {
            diagnostic.location = Location::at(path, index + first_line, None);
        }
        diagnostic.message = format!("`{key}:` is indented under `{parent}:`, but it belongs at the top level");
        diagnostic = diagnostic.with_help(format!(
            "remove the spaces before `{key}:` so that it starts its line, like `{}:`",
            parent.split('.').next().unwrap_or(parent)
        ));
    } else if let Some((first, again, key)) =
        error.location().and_then(|at| twice(&message, text, at.line(), at.column()))
    {
        // The reader places it at the mapping's start: name the second.
        diagnostic.location = Location::at(path, again + first_line - 1, None);
        diagnostic.message = format!("`{key}:` is written twice (first on line {})", first + first_line - 1);
        diagnostic = diagnostic.with_help("keep one of the two lines: a key may be written once at each level");
    } else if let Some(quotes) = error.location().and_then(|at| curly_quotes(text, at.line())) {
        // `title: “Adoption: the plenary”`, as Word writes it.
        diagnostic = diagnostic.with_help(format!(
            "{quotes} are not quotes to YAML (a word processor puts them in): write the value between straight quotes, \"like this\""
        ));
    } else if let Some((message, help)) = plain_type_error(&message) {
        diagnostic.message = message;
        diagnostic = diagnostic.with_help(help);
    } else if let Some((line, message, help)) = error.location().and_then(|at| layout_mistake(text, at.line())) {
        diagnostic.location = Location::at(path, line + first_line - 1, None);
        diagnostic.message = message;
        diagnostic = diagnostic.with_help(help);
    } else {
        diagnostic = diagnostic.with_help(
            "check the YAML syntax on this line: `key: value`, with strings containing `:` or `#` in quotes",
        );
    }
    diagnostic
}

/// The typographic quotes on the 1-based `line` of `text` (or the one
/// before, where the reader stopped at the line's end), as written there.
fn curly_quotes(text: &str, line: usize) -> Option<String> {
    const CURLY: [char; 8] = ['“', '”', '„', '‘', '’', '‚', '«', '»'];
    let lines: Vec<&str> = text.lines().collect();
    let found: Vec<char> = [line, line.saturating_sub(1)]
        .iter()
        .filter_map(|&n| lines.get(n.checked_sub(1)?))
        .find(|l| l.contains(CURLY))?
        .chars()
        .filter(|c| CURLY.contains(c))
        .collect();
    let mut unique: Vec<char> = Vec::new();
    for c in found {
        if !unique.contains(&c) {
            unique.push(c);
        }
    }
    let names: Vec<String> = unique.iter().map(|c| format!("{c}")).collect();
    Some(names.join(" "))
}

/// `languages.phases: invalid type: ...`: a top-level key (`phases`) indented
/// under another. Returns the key and where it was found.
fn misplaced_key<'m>(message: &'m str, fields: &[&str]) -> Option<(&'m str, &'m str)> {
    let (path, _) = message.split_once(": invalid ")?;
    let (parent, key) = path.rsplit_once('.')?;
    fields.contains(&key).then_some((key, parent))
}

/// The key of a "duplicate entry" error, and the 1-based lines where it is
/// written first and again, in the mapping that starts at `line`, `column`.
fn twice(message: &str, text: &str, line: usize, column: usize) -> Option<(usize, usize, String)> {
    // `languages: duplicate entry with key "en"` below the top level.
    let (_, rest) = message.split_once("duplicate entry with key \"")?;
    let key = rest.split('"').next()?.to_string();
    let written = |candidate: &str| {
        let candidate = candidate.trim_start_matches("- ");
        [format!("{key}:"), format!("\"{key}\":"), format!("'{key}':")]
            .iter()
            .any(|form| candidate.starts_with(form.as_str()))
    };
    let mut lines = text
        .lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .filter(|(_, candidate)| indent(candidate) + 1 == column)
        .filter(|(_, candidate)| written(candidate.trim_start()))
        .map(|(index, _)| index + 1);
    Some((lines.next()?, lines.next()?, key))
}

/// Leading spaces of a line.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A tab or a misaligned key at or before the 1-based `line` of `text`
/// where the YAML reader stopped: the line to show, the message and help.
fn layout_mistake(text: &str, line: usize) -> Option<(usize, String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let upto = line.min(lines.len());
    if let Some(index) = (0..upto).find(|&i| lines[i].trim_start_matches(' ').starts_with('\t')) {
        return Some((
            index + 1,
            "YAML does not allow tabs for indentation: use spaces".to_string(),
            "replace the tab at the start of this line with spaces (editors can insert spaces when you press Tab)"
                .to_string(),
        ));
    }
    let significant = |i: usize| {
        let trimmed = lines[i].trim();
        !trimmed.is_empty() && !trimmed.starts_with('#')
    };
    // The misaligned line is the one the reader stopped at, or the one before.
    for at in [upto.checked_sub(1)?, upto.checked_sub(2)?].into_iter().filter(|&i| significant(i)) {
        let here = indent(lines[at]);
        let key = lines[at].trim().trim_start_matches("- ").split(':').next().unwrap_or("").trim();
        let Some(before) = (0..at).rev().find(|&i| significant(i)) else { continue };
        let above = indent(lines[before]);
        let opens_block = lines[before].trim_end().ends_with(':');
        let name = if key.is_empty() { "this line".to_string() } else { format!("`{key}:`") };
        if here > above && !opens_block {
            return Some((
                at + 1,
                format!("{name} is indented by {here} spaces; the line above by {above}"),
                format!("keys of the same level start at the same column: indent it by {above} spaces"),
            ));
        }
        if here < above {
            // It must line up with some line above it that is at its level.
            let levels: Vec<usize> = (0..at).filter(|&i| significant(i)).map(|i| indent(lines[i])).collect();
            if !levels.contains(&here) {
                let nearest = levels.iter().copied().filter(|&level| level < here).max().unwrap_or(0);
                let sibling = levels.iter().copied().filter(|&level| level > here).min().unwrap_or(above);
                return Some((
                    at + 1,
                    format!("{name} is indented by {here} spaces; the lines around it by {nearest} or {sibling}"),
                    format!("line it up with the keys of its level: {nearest} spaces for the outer level, {sibling} for the inner one"),
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml_error(text: &str) -> Diagnostic {
        let error = from_str::<Value>(text).unwrap_err();
        diagnostic(Path::new("uprkit.yaml"), 1, &error, &["title", "languages", "phases"], text)
    }

    #[test]
    fn a_tab_is_named_as_such() {
        let found = yaml_error("title: X\nlanguages:\n\ten: { name: English }\n");
        assert_eq!(
            found.to_string().lines().next().unwrap(),
            "uprkit.yaml:3: YAML does not allow tabs for indentation: use spaces"
        );
    }

    #[test]
    fn a_key_indented_more_than_its_neighbours_is_named_with_both_indents() {
        let found = yaml_error("title: X\nlanguages:\n  en: { name: English }\n   fr: { name: Français }\n");
        assert_eq!(
            found.to_string().lines().next().unwrap(),
            "uprkit.yaml:4: `fr:` is indented by 3 spaces; the line above by 2"
        );
        assert!(found.help.unwrap().contains("indent it by 2 spaces"));
    }

    #[test]
    fn a_mistake_is_placed_on_the_files_line_past_the_first() {
        let found = parse::<Value>(Path::new("page.md"), 2, "title: X\nsummary: a: b\n", &[]).unwrap_err();
        assert!(found.to_string().starts_with("page.md:3:"), "{found}");
    }

    #[test]
    fn an_unknown_key_is_named_with_the_keys_known() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Raw {
            title: String,
        }
        let found = parse::<Raw>(Path::new("uprkit.yaml"), 1, "title: X\ntilte: Y\n", &["title"]).unwrap_err();
        assert!(found.to_string().starts_with("uprkit.yaml:2:1: unknown key `tilte`"), "{found}");
        assert!(found.help.as_deref().is_some_and(|help| help.contains("did you mean `title`?")), "{found:?}");
    }

    #[test]
    fn a_key_written_twice_is_placed_on_its_second_line() {
        let found = yaml_error("# settings\ntitle: X\nlanguages:\n  en: { name: English }\ntitle: Y\n");
        assert_eq!(
            found.to_string().lines().next().unwrap(),
            "uprkit.yaml:5: `title:` is written twice (first on line 2)"
        );
        let nested = yaml_error(
            "title: X\nlanguages:\n  en: { name: English }\n  fr: { name: French }\n  en: { name: Again }\n",
        );
        assert_eq!(
            nested.to_string().lines().next().unwrap(),
            "uprkit.yaml:5: `en:` is written twice (first on line 3)"
        );
    }

    #[test]
    fn what_is_written_reads_back() {
        let value: Value = from_str("terms: [UPR, NHRI]\n").unwrap();
        assert_eq!(from_str::<Value>(&to_string(&value).unwrap()).unwrap(), value);
    }
}
