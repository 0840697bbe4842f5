//! Reading a PO or POT file as GNU gettext writes it, and as Poedit,
//! Weblate, polib and translate-toolkit do: strings over several lines
//! (previous ones too), translators' comments, previous strings of
//! obsolete entries (`#~|`, and the `#~ #|` uprkit once wrote), every
//! escape `msgfmt` accepts, obsolete plural entries (skipped). What
//! `msgfmt --check` refuses is refused on the line it names.

use std::collections::HashMap;
use std::path::Path;

use crate::engine::error::{Diagnostic, Location};

use super::{Catalog, Entry};

/// The string a `"..."` line continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    Plural,
    Translation,
    PluralTranslation,
    PreviousContext,
    Previous,
    PreviousPlural,
}

/// The entry being read, and what has been read.
struct Reader<'a> {
    source: &'a Path,
    entry: Entry,
    field: Option<Field>,
    /// The lines of its msgid and msgstr.
    id_line: Option<usize>,
    str_line: Option<usize>,
    /// `msgid_plural` or `msgstr[N]`: refused, unless the entry is obsolete.
    plural: bool,
    /// Each message's key and the line of its msgid: a second is refused, as msgfmt does.
    seen: HashMap<(Option<String>, String), usize>,
    read: Vec<(Entry, usize, usize)>,
}

/// Reads a PO or POT file; `source` is what errors show.
pub fn parse(source: &Path, text: &str) -> Result<Catalog, Diagnostic> {
    let text = crate::engine::config::strip_bom(text);
    if let Some(at) = crate::engine::error::nul_location(source, text) {
        return Err(Diagnostic::new(at, "a NUL character (byte 0) is in the file")
            .with_help("remove it: it is no text, and a page may not hold it"));
    }
    let mut reader = Reader {
        source,
        entry: Entry::default(),
        field: None,
        id_line: None,
        str_line: None,
        plural: false,
        seen: HashMap::new(),
        read: Vec::new(),
    };
    for (index, raw) in text.lines().enumerate() {
        reader.line(index + 1, raw)?;
    }
    reader.finish()?;
    let mut catalog = Catalog::default();
    for (entry, line, translation_line) in reader.read {
        if entry.id.is_empty() && entry.context.is_none() && !entry.obsolete {
            catalog.header = entry
                .translation
                .lines()
                .filter_map(|line| line.split_once(':'))
                .map(|(key, value)| (key.trim().to_string(), value.trim().to_string()))
                .collect();
            catalog.header_comments = entry.comments;
        } else {
            catalog.entries.push(entry);
            catalog.lines.push(line);
            catalog.translation_lines.push(translation_line);
        }
    }
    Ok(catalog)
}

impl Reader<'_> {
    fn problem(&self, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Location::at(self.source, line, None), message.into())
            .with_help("this is not what a PO file holds here: compare it with the template, or open it in a PO editor such as Poedit, which says what it cannot read")
    }

    fn line(&mut self, line_no: usize, raw: &str) -> Result<(), Diagnostic> {
        let line = raw.trim();
        if line.is_empty() {
            self.finish()?;
            self.field = None;
            return Ok(());
        }
        // `#~ msgid`, `#~| msgid` (and `#~ #| msgid`), `#| msgid`: obsolete, previous.
        let (obsolete, previous, rest) = match line.strip_prefix("#~") {
            Some(rest) => {
                let rest = rest.trim_start();
                match rest.strip_prefix('|').or_else(|| rest.strip_prefix("#|")) {
                    Some(after) => (true, true, after.trim_start()),
                    None => (true, false, rest),
                }
            }
            None => match line.strip_prefix("#|") {
                Some(after) => (false, true, after.trim_start()),
                None => (false, false, line),
            },
        };
        if rest.is_empty() {
            return Ok(());
        }
        let comment = !previous && rest.starts_with('#');
        // A comment or a previous string after a msgid begins the next entry.
        if self.id_line.is_some() && (comment || previous) {
            self.finish()?;
        }
        if comment {
            self.comment(rest);
            return Ok(());
        }
        self.entry.obsolete |= obsolete;
        if rest.starts_with('"') {
            let value = unquote(rest).map_err(|message| self.problem(line_no, message))?;
            let target = match (previous, self.field) {
                (true, Some(Field::PreviousContext)) => self.entry.previous_context.get_or_insert_with(String::new),
                (true, Some(Field::Previous)) => self.entry.previous.get_or_insert_with(String::new),
                (true, Some(Field::PreviousPlural)) => return Ok(()),
                (true, _) => return Err(self.problem(line_no, "a continued string with nothing to continue")),
                (false, Some(Field::Context)) => self.entry.context.get_or_insert_with(String::new),
                (false, Some(Field::Id)) => &mut self.entry.id,
                (false, Some(Field::Translation)) => &mut self.entry.translation,
                (false, Some(Field::Plural | Field::PluralTranslation)) => return Ok(()),
                (false, _) => return Err(self.problem(line_no, "a string that belongs to no msgid or msgstr")),
            };
            target.push_str(&value);
            return Ok(());
        }
        let (keyword, value) =
            rest.find(char::is_whitespace).map_or((rest, ""), |at| (&rest[..at], rest[at..].trim_start()));
        if previous {
            let field = match keyword {
                "msgctxt" => Field::PreviousContext,
                "msgid" => Field::Previous,
                "msgid_plural" => Field::PreviousPlural,
                other => return Err(self.problem(line_no, format!("`#| {other}` is not a previous string"))),
            };
            let value = unquote(value).map_err(|message| self.problem(line_no, message))?;
            match field {
                Field::PreviousContext => self.entry.previous_context = Some(value),
                Field::Previous => self.entry.previous = Some(value),
                _ => {}
            }
            self.field = Some(field);
            return Ok(());
        }
        self.keyword(line_no, raw, keyword, value)
    }

    fn comment(&mut self, line: &str) {
        if let Some(rest) = line.strip_prefix("#,") {
            self.entry.fuzzy |= rest.split(',').any(|flag| flag.trim() == "fuzzy");
        } else if let Some(rest) = line.strip_prefix("#:") {
            self.entry.references.extend(rest.split_whitespace().map(String::from));
        } else if let Some(rest) = line.strip_prefix("#.") {
            self.entry.notes.push(rest.trim().to_string());
        } else {
            // A translator's comment (`# ...`); `#` and one space are not its text.
            let text = &line[1..];
            self.entry.comments.push(text.strip_prefix(' ').unwrap_or(text).to_string());
        }
    }

    fn keyword(&mut self, line_no: usize, raw: &str, keyword: &str, value: &str) -> Result<(), Diagnostic> {
        if value.is_empty() {
            return Err(self.problem(line_no, format!("cannot read `{raw}`")));
        }
        // Another entry's msgctxt or msgid with no blank line before it.
        if matches!(keyword, "msgctxt" | "msgid") && self.str_line.is_some() {
            self.finish()?;
        }
        let value = unquote(value).map_err(|message| self.problem(line_no, message))?;
        match keyword {
            "msgctxt" => {
                if let Some(id_line) = self.id_line {
                    return Err(self.problem(id_line, "this msgid has no msgstr"));
                }
                self.entry.context = Some(value);
                self.field = Some(Field::Context);
            }
            "msgid" => {
                if self.id_line.is_some() {
                    return Err(self.problem(line_no, "a second msgid in one entry: is a blank line missing?"));
                }
                self.entry.id = value;
                self.id_line = Some(line_no);
                self.field = Some(Field::Id);
            }
            "msgstr" => {
                if self.id_line.is_none() {
                    return Err(self.problem(line_no, "a msgstr with no msgid before it"));
                }
                if self.str_line.is_some() {
                    return Err(self.problem(line_no, "a second msgstr in one entry"));
                }
                self.entry.translation = value;
                self.str_line = Some(line_no);
                self.field = Some(Field::Translation);
            }
            "msgid_plural" if self.entry.obsolete => {
                self.plural = true;
                self.field = Some(Field::Plural);
            }
            "msgid_plural" => {
                return Err(self
                    .problem(line_no, "plural forms (msgid_plural): uprkit's messages have none")
                    .with_help("a page's text has no plural forms: translate the msgid with msgstr only"))
            }
            other if other.starts_with("msgstr[") && self.entry.obsolete && self.plural => {
                self.str_line.get_or_insert(line_no);
                self.field = Some(Field::PluralTranslation);
            }
            other if other.starts_with("msgstr[") => {
                return Err(self
                    .problem(line_no, format!("`{other}`: plural forms, where uprkit's messages have none"))
                    .with_help("translate with `msgstr \"...\"` only"))
            }
            other => return Err(self.problem(line_no, format!("`{other}` is not a PO keyword"))),
        }
        Ok(())
    }

    /// The end of an entry: kept if it has a msgid (an obsolete plural
    /// one is skipped: no page has plural forms, and it is obsolete).
    fn finish(&mut self) -> Result<(), Diagnostic> {
        let entry = std::mem::take(&mut self.entry);
        let (id_line, str_line, plural) = (self.id_line.take(), self.str_line.take(), std::mem::take(&mut self.plural));
        self.field = None;
        let Some(line) = id_line else { return Ok(()) };
        let Some(str_line) = str_line else { return Err(self.problem(line, "this msgid has no msgstr")) };
        if plural {
            return Ok(());
        }
        let ends = |text: &str| (text.starts_with('\n'), text.ends_with('\n'));
        if !entry.translation.is_empty() && !entry.id.is_empty() && ends(&entry.id) != ends(&entry.translation) {
            return Err(
                self.problem(str_line, "the msgid and the msgstr do not both begin and end with a line break (\\n)")
            );
        }
        if let Some(first) = self.seen.insert((entry.context.clone(), entry.id.clone()), line) {
            return Err(self
                .problem(line, format!("a second message with the same msgid (and msgctxt) as the one on line {first}"))
                .with_help("keep one of the two entries: a message is in a PO file once"));
        }
        self.read.push((entry, line, str_line));
        Ok(())
    }
}

/// `"text"` → text, with the escapes GNU gettext reads: `\n \t \r \a \b
/// \f \v \" \\`, octal `\NNN` and hex `\xHH` (bytes, which must make UTF-8).
pub(super) fn unquote(quoted: &str) -> Result<String, String> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .filter(|_| quoted.len() >= 2)
        .ok_or_else(|| format!("`{quoted}` is not a string between double quotes"))?;
    if !inner.contains(['\\', '"']) {
        return Ok(inner.to_string());
    }
    let bytes = inner.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Err(format!("a double quote inside `{quoted}` must be written \\\"")),
            b'\\' => {
                let Some(&c) = bytes.get(i + 1) else { return Err("a string ends with a lone backslash".into()) };
                i += 2;
                let byte = match c {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'a' => 7,
                    b'b' => 8,
                    b'f' => 12,
                    b'v' => 11,
                    b'"' => b'"',
                    b'\\' => b'\\',
                    // Up to three octal digits, as msgfmt reads them.
                    b'0'..=b'7' => {
                        let mut value = u32::from(c - b'0');
                        let mut digits = 1;
                        while digits < 3 && matches!(bytes.get(i), Some(b'0'..=b'7')) {
                            value = value * 8 + u32::from(bytes[i] - b'0');
                            i += 1;
                            digits += 1;
                        }
                        value as u8
                    }
                    // Every hex digit that follows, the value's last byte kept, as msgfmt does.
                    b'x' if bytes.get(i).is_some_and(u8::is_ascii_hexdigit) => {
                        let mut value = 0u32;
                        while let Some(digit) = bytes.get(i).and_then(|b| (*b as char).to_digit(16)) {
                            value = (value << 4 | digit) & 0xFFFF;
                            i += 1;
                        }
                        value as u8
                    }
                    _ => {
                        let shown: String = inner[i - 1..].chars().next().map(String::from).unwrap_or_default();
                        return Err(format!("`\\{shown}` is not an escape a PO string may hold"));
                    }
                };
                if byte == 0 {
                    return Err("`\\0`: a NUL character, which no text holds".into());
                }
                out.push(byte);
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("the escapes of `{quoted}` do not make UTF-8 text"))
}
