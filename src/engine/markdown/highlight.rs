//! Fenced code highlighted with syntect at build time, as CSS classes
//! (`hl-` prefixed scope atoms) styled by the theme: no JavaScript. A
//! page's highlighted blocks are kept with its rendering ([`super::Code`]),
//! for the next time the same page is rendered (its handout section,
//! `serve`'s rebuild after an edit).

use std::sync::OnceLock;

use pulldown_cmark_escape::{escape_html, escape_html_body_text};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Loaded on first use only: a toolkit without code blocks never pays for it.
fn syntax_set() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A `<pre>` block for `code` in `language` (a fence info token such as
/// `yaml`); unknown languages are shown plain.
pub fn highlight(code: &str, language: &str) -> String {
    let mut html = String::with_capacity(code.len() * 2 + 64);
    // Focusable, so a reader using the keyboard can scroll a long line.
    html.push_str("<pre class=\"code\" tabindex=\"0\"");
    if !language.is_empty() {
        html.push_str(" data-lang=\"");
        escape_html(&mut html, language).expect("writing to a String");
        html.push('"');
    }
    html.push_str("><code>");
    match highlighted(code, language) {
        Some(spans) => html.push_str(&spans),
        None => escape_html_body_text(&mut html, code).expect("writing to a String"),
    }
    html.push_str("</code></pre>\n");
    html
}

/// A key for a block of `code` in `language`: a page rendered again (a
/// handout, an edit in `serve`) reuses the blocks whose key it finds.
pub fn key(code: &str, language: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (language, code).hash(&mut hasher);
    hasher.finish()
}

fn highlighted(code: &str, language: &str) -> Option<String> {
    if language.is_empty() {
        return None;
    }
    spans(code, language)
}

fn spans(code: &str, language: &str) -> Option<String> {
    let syntaxes = syntax_set();
    let syntax = syntaxes.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_gets_classes() {
        let html = highlight("status: supported # note\n", "yaml");
        assert!(html.starts_with("<pre class=\"code\" tabindex=\"0\" data-lang=\"yaml\"><code>"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        assert_eq!(
            highlight("<b>", "nope"),
            "<pre class=\"code\" tabindex=\"0\" data-lang=\"nope\"><code>&lt;b&gt;</code></pre>\n"
        );
    }
}
