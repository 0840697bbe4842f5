//! Typst markup written by uprkit. Every text an author, a translator or a
//! data file wrote goes in as a Typst string literal (`#"…"`), which only
//! `\` and `"` can end or change: no author text is ever Typst markup or
//! code, whatever characters it holds (`#`, `*`, `$`, `<`, `@`, `//`).

use std::collections::BTreeSet;

/// Markup being written, and the characters of the texts written in it
/// (what the fonts must have).
#[derive(Default)]
pub(super) struct Markup {
    pub out: String,
    chars: BTreeSet<char>,
}

impl Markup {
    /// `text` shown as it is.
    pub fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.note(text);
        self.out.push('#');
        push_literal(&mut self.out, text);
    }

    /// `text` as a string literal, for an argument of a call: text shown too.
    pub fn literal(&mut self, text: &str) -> String {
        self.note(text);
        literal(text)
    }

    /// Notes the characters of `text` the fonts must have. ASCII is in the
    /// theme's own font (`world`'s tests say so): only the rest is asked.
    fn note(&mut self, text: &str) {
        if !text.is_ascii() {
            self.chars.extend(text.chars().filter(|c| !c.is_ascii() && !c.is_whitespace()));
        }
    }

    /// The characters of the texts written since the last call.
    pub fn take_chars(&mut self) -> BTreeSet<char> {
        std::mem::take(&mut self.chars)
    }

    /// Markup uprkit wrote itself (function calls, brackets, breaks).
    pub fn code(&mut self, code: &str) {
        self.out.push_str(code);
    }

    /// A paragraph break.
    pub fn parbreak(&mut self) {
        if !self.out.ends_with("\n\n") {
            self.out.push_str("\n\n");
        }
    }
}

/// `text` as a Typst string literal, quotes included.
pub(super) fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_literal(&mut out, text);
    out
}

/// Writes `text` as a Typst string literal to `out`: the runs between the
/// (ASCII) characters to escape are copied whole.
fn push_literal(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'\\' => "\\\\",
            b'"' => "\\\"",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        out.push_str(escaped);
        start = at + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_escapes_only_what_ends_or_changes_it() {
        assert_eq!(literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(
            literal("#set page(width: 1pt) *x* $y$ <l> @r // c"),
            "\"#set page(width: 1pt) *x* $y$ <l> @r // c\""
        );
        assert_eq!(literal("line\nnext"), "\"line\\nnext\"");
        assert_eq!(literal("«\t»\r\\é"), "\"«\\t»\\r\\\\é\"");
        assert_eq!(literal(""), "\"\"");
    }
}
