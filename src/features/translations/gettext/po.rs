//! GNU gettext PO files, as uprkit writes and reads them: entries with
//! `#:` references, `#,` flags, `#|` previous strings, `msgctxt`, `msgid`,
//! `msgstr`, and obsolete entries (`#~`). Written the way `msgmerge` and
//! Poedit write them (long strings as `""` then one line per source line),
//! so that a translator's tools and version control see small changes.
//! Read back with the file and line of every mistake.

use std::fmt::Write;
use std::path::Path;

use crate::engine::error::{Diagnostic, Location};

/// One message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
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

    pub fn to_po(&self) -> String {
        let mut out = String::new();
        out.push_str("msgid \"\"\n");
        let header: String = self.header.iter().map(|(key, value)| format!("{key}: {value}\n")).collect();
        push_string(&mut out, "", "msgstr", &header);
        for entry in &self.entries {
            out.push('\n');
            write_entry(&mut out, entry);
        }
        out
    }
}

fn write_entry(out: &mut String, entry: &Entry) {
    for note in &entry.notes {
        let _ = writeln!(out, "#. {note}");
    }
    if !entry.references.is_empty() {
        let _ = writeln!(out, "#: {}", entry.references.join(" "));
    }
    if entry.fuzzy {
        out.push_str("#, fuzzy\n");
    }
    let prefix = if entry.obsolete { "#~ " } else { "" };
    if let Some(context) = &entry.previous_context {
        push_string(out, &format!("{prefix}#| "), "msgctxt", context);
    }
    if let Some(previous) = &entry.previous {
        push_string(out, &format!("{prefix}#| "), "msgid", previous);
    }
    if let Some(context) = &entry.context {
        push_string(out, prefix, "msgctxt", context);
    }
    push_string(out, prefix, "msgid", &entry.id);
    push_string(out, prefix, "msgstr", &entry.translation);
}

/// `keyword "text"`, or for text with line breaks `keyword ""` and a line
/// per source line, as gettext's tools write it.
fn push_string(out: &mut String, prefix: &str, keyword: &str, text: &str) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.len() <= 1 {
        let _ = writeln!(out, "{prefix}{keyword} \"{}\"", escape(text));
    } else {
        let _ = writeln!(out, "{prefix}{keyword} \"\"");
        for line in lines {
            let _ = writeln!(out, "{prefix}\"{}\"", escape(line));
        }
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
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

/// Reads a PO or POT file; `source` is what errors show.
pub fn parse(source: &Path, text: &str) -> Result<Catalog, Diagnostic> {
    let text = crate::engine::config::strip_bom(text);
    let problem = |line: usize, message: String| {
        Diagnostic::new(Location::at(source, line, None), message)
            .with_help("this is not what a PO file holds here: compare it with the template, or open it in a PO editor such as Poedit, which says what it cannot read")
    };
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() + 1;
        let column = text[..at].rsplit('\n').next().map_or(0, |before| before.chars().count()) + 1;
        return Err(Diagnostic::new(
            Location::at(source, line, Some(column)),
            "a NUL character (byte 0) is in the file",
        )
        .with_help("remove it: it is no text, and a page may not hold it"));
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut id_lines: Vec<usize> = Vec::new();
    let mut translation_lines: Vec<usize> = Vec::new();
    let mut entry = Entry::default();
    // Which string the next `"..."` line continues, and whether the entry has begun.
    let mut field: Option<&'static str> = None;
    let mut started = false;
    let mut has_id = false;
    let mut has_str = false;
    // Each message's key and the line of its msgid: a second is refused, as msgfmt does.
    let mut seen: std::collections::HashMap<(Option<String>, String), usize> = std::collections::HashMap::new();
    let mut finish = |entry: &mut Entry,
                      entries: &mut Vec<Entry>,
                      started: &mut bool,
                      has_id: &mut bool,
                      has_str: &mut bool,
                      (line, str_line): (usize, usize)|
     -> Result<(), Diagnostic> {
        if *has_id {
            if !*has_str {
                return Err(problem(line, "this msgid has no msgstr".into()));
            }
            let ends = |text: &str| (text.starts_with('\n'), text.ends_with('\n'));
            if !entry.translation.is_empty() && !entry.id.is_empty() && ends(&entry.id) != ends(&entry.translation) {
                return Err(problem(
                    str_line,
                    "the msgid and the msgstr do not both begin and end with a line break (\\n)".into(),
                ));
            }
            if let Some(first) = seen.insert((entry.context.clone(), entry.id.clone()), line) {
                return Err(problem(
                    line,
                    format!("a second message with the same msgid (and msgctxt) as the one on line {first}"),
                )
                .with_help("keep one of the two entries: a message is in a PO file once"));
            }
            entries.push(std::mem::take(entry));
        } else {
            *entry = Entry::default();
        }
        *started = false;
        *has_id = false;
        *has_str = false;
        Ok(())
    };
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            if started {
                finish(
                    &mut entry,
                    &mut entries,
                    &mut started,
                    &mut has_id,
                    &mut has_str,
                    last_lines(&id_lines, &translation_lines),
                )?;
            }
            field = None;
            continue;
        }
        let (obsolete, line) = match line.strip_prefix("#~") {
            Some(rest) => (true, rest.trim_start()),
            None => (false, line),
        };
        // A comment, or a keyword after the strings of the entry before: a new entry.
        let keyword_line = line.starts_with("msgctxt") || line.starts_with("#|") || line.starts_with('#');
        if has_id && keyword_line && (field == Some("msgstr") || line.starts_with('#')) && !line.starts_with("#|") {
            finish(
                &mut entry,
                &mut entries,
                &mut started,
                &mut has_id,
                &mut has_str,
                last_lines(&id_lines, &translation_lines),
            )?;
        }
        started = true;
        entry.obsolete |= obsolete;
        if let Some(rest) = line.strip_prefix("#|") {
            let rest = rest.trim_start();
            let (keyword, value) =
                keyword_value(rest).ok_or_else(|| problem(line_no, format!("cannot read `{raw}`")))?;
            let value = unquote(value).map_err(|message| problem(line_no, message))?;
            match keyword {
                "msgctxt" => {
                    entry.previous_context = Some(value);
                    field = Some("previous_context");
                }
                "msgid" => {
                    entry.previous = Some(value);
                    field = Some("previous");
                }
                _ if rest.starts_with('"') => {
                    let value = unquote(rest).map_err(|message| problem(line_no, message))?;
                    match field {
                        Some("previous") => entry.previous.get_or_insert_with(String::new).push_str(&value),
                        Some("previous_context") => {
                            entry.previous_context.get_or_insert_with(String::new).push_str(&value)
                        }
                        _ => return Err(problem(line_no, "a continued string with nothing to continue".into())),
                    }
                }
                other => return Err(problem(line_no, format!("`#| {other}` is not a previous string"))),
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("#,") {
            entry.fuzzy |= rest.split(',').any(|flag| flag.trim() == "fuzzy");
            continue;
        }
        if let Some(rest) = line.strip_prefix("#:") {
            entry.references.extend(rest.split_whitespace().map(String::from));
            continue;
        }
        if let Some(rest) = line.strip_prefix("#.") {
            entry.notes.push(rest.trim().to_string());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.starts_with('"') {
            let value = unquote(line).map_err(|message| problem(line_no, message))?;
            match field {
                Some("msgctxt") => entry.context.get_or_insert_with(String::new).push_str(&value),
                Some("msgid") => entry.id.push_str(&value),
                Some("msgstr") => entry.translation.push_str(&value),
                _ => return Err(problem(line_no, "a string that belongs to no msgid or msgstr".into())),
            }
            continue;
        }
        let (keyword, value) = keyword_value(line).ok_or_else(|| problem(line_no, format!("cannot read `{raw}`")))?;
        let value = unquote(value).map_err(|message| problem(line_no, message))?;
        match keyword {
            "msgctxt" if has_id => {
                let line = id_lines.last().copied().unwrap_or(line_no);
                return Err(problem(line, "this msgid has no msgstr".into()));
            }
            "msgctxt" => {
                entry.context = Some(value);
                field = Some("msgctxt");
            }
            "msgid" => {
                if has_id {
                    return Err(problem(line_no, "a second msgid in one entry: is a blank line missing?".into()));
                }
                entry.id = value;
                has_id = true;
                id_lines.push(line_no);
                field = Some("msgid");
            }
            "msgstr" => {
                if !has_id {
                    return Err(problem(line_no, "a msgstr with no msgid before it".into()));
                }
                if has_str {
                    return Err(problem(line_no, "a second msgstr in one entry".into()));
                }
                has_str = true;
                entry.translation = value;
                if translation_lines.len() < id_lines.len() {
                    translation_lines.push(line_no);
                }
                field = Some("msgstr");
            }
            "msgid_plural" => {
                return Err(problem(line_no, "plural forms (msgid_plural): uprkit's messages have none".into())
                    .with_help("a page's text has no plural forms: translate the msgid with msgstr only"))
            }
            other if other.starts_with("msgstr[") => {
                return Err(problem(line_no, format!("`{other}`: plural forms, where uprkit's messages have none"))
                    .with_help("translate with `msgstr \"...\"` only"))
            }
            other => return Err(problem(line_no, format!("`{other}` is not a PO keyword"))),
        }
    }
    if started {
        finish(
            &mut entry,
            &mut entries,
            &mut started,
            &mut has_id,
            &mut has_str,
            last_lines(&id_lines, &translation_lines),
        )?;
    }
    let mut catalog = Catalog::default();
    // An entry without a msgstr (a template's never lacks one): its msgid's line.
    translation_lines.extend(id_lines[translation_lines.len()..].iter().copied());
    for ((entry, line), translation_line) in entries.into_iter().zip(id_lines).zip(translation_lines) {
        if entry.id.is_empty() && entry.context.is_none() && !entry.obsolete {
            catalog.header = entry
                .translation
                .lines()
                .filter_map(|line| line.split_once(':'))
                .map(|(key, value)| (key.trim().to_string(), value.trim().to_string()))
                .collect();
        } else {
            catalog.entries.push(entry);
            catalog.lines.push(line);
            catalog.translation_lines.push(translation_line);
        }
    }
    Ok(catalog)
}

/// The lines of the last msgid and msgstr read.
fn last_lines(id_lines: &[usize], translation_lines: &[usize]) -> (usize, usize) {
    (id_lines.last().copied().unwrap_or(1), translation_lines.last().copied().unwrap_or(1))
}

fn keyword_value(line: &str) -> Option<(&str, &str)> {
    let at = line.find(char::is_whitespace)?;
    Some((&line[..at], line[at..].trim_start()))
}

/// `"text"` → text, with C escapes.
fn unquote(quoted: &str) -> Result<String, String> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .ok_or_else(|| format!("`{quoted}` is not a string between double quotes"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some(other) => return Err(format!("`\\{other}` is not an escape a PO string may hold")),
                None => return Err("a string ends with a lone backslash".into()),
            },
            '"' => return Err(format!("a double quote inside `{quoted}` must be written \\\"")),
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Catalog {
        Catalog {
            lines: Vec::new(),
            translation_lines: Vec::new(),
            header: vec![("Content-Type".into(), "text/plain; charset=UTF-8".into()), ("Language".into(), "fr".into())],
            entries: vec![
                Entry {
                    references: vec!["content/a.md:3".into()],
                    id: "A **bold** \"quote\"\nand a second line".into(),
                    translation: "Un **gras**".into(),
                    ..Entry::default()
                },
                Entry {
                    references: vec!["content/a.md:7".into()],
                    fuzzy: true,
                    previous: Some("Old text".into()),
                    context: Some("send-report".into()),
                    id: "New text".into(),
                    translation: "Ancien texte".into(),
                    ..Entry::default()
                },
                Entry { obsolete: true, id: "Gone".into(), translation: "Parti".into(), ..Entry::default() },
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
        let read = parse(Path::new("x.po"), &text).unwrap();
        assert_eq!((read.header, read.entries), (catalog.header, catalog.entries));
        assert_eq!(read.lines, vec![7, 16, 19]);
        assert_eq!(read.translation_lines, vec![10, 17, 20]);
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
