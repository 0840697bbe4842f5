//! Writing a catalog as GNU gettext's tools write it: comments in their
//! order, long strings wrapped at 79 columns after a space (a string with a
//! line break, or too long for its line, starts with `""`), obsolete
//! entries with `#~` and their previous strings with `#~|`.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::{Catalog, Entry};

/// The width of a line, as msgmerge and msgcat wrap them.
pub const WIDTH: usize = 79;

impl Catalog {
    pub fn to_po(&self) -> String {
        let mut out = String::new();
        for comment in &self.header_comments {
            push_comment(&mut out, comment);
        }
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

/// A translator's comment: `# text`, or `#` alone for an empty one.
fn push_comment(out: &mut String, comment: &str) {
    if comment.is_empty() {
        out.push_str("#\n");
    } else {
        let _ = writeln!(out, "# {comment}");
    }
}

fn write_entry(out: &mut String, entry: &Entry) {
    for comment in &entry.comments {
        push_comment(out, comment);
    }
    for note in &entry.notes {
        let _ = writeln!(out, "#. {note}");
    }
    if !entry.references.is_empty() {
        let _ = writeln!(out, "#: {}", entry.references.join(" "));
    }
    if entry.fuzzy {
        out.push_str("#, fuzzy\n");
    }
    let (prefix, previous) = if entry.obsolete { ("#~ ", "#~| ") } else { ("", "#| ") };
    if let Some(context) = &entry.previous_context {
        push_string(out, previous, "msgctxt", context);
    }
    if let Some(text) = &entry.previous {
        push_string(out, previous, "msgid", text);
    }
    if let Some(context) = &entry.context {
        push_string(out, prefix, "msgctxt", context);
    }
    push_string(out, prefix, "msgid", &entry.id);
    push_string(out, prefix, "msgstr", &entry.translation);
}

/// `keyword "text"` when it fits on its line (or cannot be cut) and has no
/// line break inside; else `keyword ""` and a line per source line, each
/// wrapped. As msgcat measures: the first line may take [`WIDTH`] columns,
/// the lines after it one less.
fn push_string(out: &mut String, prefix: &str, keyword: &str, text: &str) {
    let escaped = escape(text);
    let first_room = WIDTH.saturating_sub(prefix.width() + keyword.len() + 3);
    let break_inside = text.trim_end_matches('\n').contains('\n');
    if !break_inside && wrap(&escaped, first_room).len() == 1 {
        let _ = writeln!(out, "{prefix}{keyword} \"{escaped}\"");
        return;
    }
    let _ = writeln!(out, "{prefix}{keyword} \"\"");
    let room = (WIDTH - 1).saturating_sub(prefix.width() + 2);
    for line in text.split_inclusive('\n') {
        for part in wrap(&escape(line), room) {
            let _ = writeln!(out, "{prefix}\"{part}\"");
        }
    }
}

/// `text` cut after spaces into parts of at most `room` columns (spaces
/// at a part's end not counted, as GNU counts them); a word longer than
/// that stays whole.
fn wrap(text: &str, room: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    // The end of the last break opportunity (after a run of spaces) in the current part.
    let mut last_break = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if bytes[i] == b' ' {
            let mut end = i;
            while end < text.len() && bytes[end] == b' ' {
                end += 1;
            }
            if end < text.len() {
                last_break = Some(end);
            }
            i = end;
            continue;
        }
        let next = i + text[i..].chars().next().map_or(1, char::len_utf8);
        if text[start..next].width() > room {
            if let Some(at) = last_break.take() {
                parts.push(&text[start..at]);
                start = at;
            }
        }
        i = next;
    }
    parts.push(&text[start..]);
    parts
}

/// C escapes, as gettext's tools write them.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_strings_are_wrapped_after_spaces_as_msgcat_wraps_them() {
        // What msgcat (gettext 0.21) writes for the same strings.
        let cases = [
            (format!("{} yy", "x".repeat(77)), format!("msgid \"\"\n\"{} \"\n\"yy\"\n", "x".repeat(77))),
            (format!("{} zz", "x".repeat(70)), format!("msgid \"\"\n\"{} zz\"\n", "x".repeat(70))),
            (format!("{} b", "a".repeat(69)), format!("msgid \"{} b\"\n", "a".repeat(69))),
            ("c".repeat(72), format!("msgid \"{}\"\n", "c".repeat(72))),
            (
                "you show the stronger version. Most groups name the deadline first and forget who".into(),
                "msgid \"\"\n\"you show the stronger version. Most groups name the deadline first and \"\n\"forget who\"\n"
                    .into(),
            ),
        ];
        for (text, wanted) in cases {
            let mut out = String::new();
            push_string(&mut out, "", "msgid", &text);
            assert_eq!(out, wanted);
        }
        let mut out = String::new();
        push_string(&mut out, "#~| ", "msgid", &format!("aa\nbb {}", "c".repeat(77)));
        assert_eq!(out, format!("#~| msgid \"\"\n#~| \"aa\\n\"\n#~| \"bb \"\n#~| \"{}\"\n", "c".repeat(77)));
        let mut out = String::new();
        push_string(&mut out, "", "msgid", &format!("{} ab cd ef gh", "é".repeat(70)));
        assert_eq!(out, format!("msgid \"\"\n\"{} ab cd \"\n\"ef gh\"\n", "é".repeat(70)));
        let mut out = String::new();
        push_string(&mut out, "", "msgstr", "short");
        assert_eq!(out, "msgstr \"short\"\n");
    }

    #[test]
    fn a_word_longer_than_a_line_stays_whole() {
        let word = "b".repeat(100);
        assert_eq!(wrap(&format!("{word} c"), 77), vec![format!("{word} ").as_str(), "c"]);
        assert_eq!(wrap("a  b", 2), vec!["a  ", "b"]);
    }
}
