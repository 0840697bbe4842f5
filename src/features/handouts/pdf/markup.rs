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
        let literal = self.literal(text);
        self.out.push('#');
        self.out.push_str(&literal);
    }

    /// `text` as a string literal, for an argument of a call: text shown too.
    pub fn literal(&mut self, text: &str) -> String {
        self.chars.extend(text.chars().filter(|c| !c.is_whitespace()));
        literal(text)
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
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
    }
}
