//! What a PO translation may not add to its source: raw HTML and links
//! that run code. PO files travel to Weblate, Crowdin and volunteers, and
//! what they hold reaches the pages as Markdown; a translation that brings
//! `<img onerror=…>` or a `javascript:` link its source does not have is
//! refused, naming the PO file and line.

use pulldown_cmark::{Event, Parser, Tag};

/// What a translation adds that its source does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Raw HTML, as written.
    Html(String),
    /// A link or image whose address has another scheme than http(s) or mailto.
    Link(String),
}

impl Added {
    pub fn message(&self) -> String {
        match self {
            Added::Html(html) => format!("the translation adds HTML its source does not have: `{html}`"),
            Added::Link(dest) => format!("the translation adds a link its source does not have, to `{dest}`"),
        }
    }

    pub fn help(&self) -> &'static str {
        match self {
            Added::Html(_) => "a translation keeps the source's HTML as it is and adds none: translate the text only",
            Added::Link(_) => "a translation may link to http://, https://, mailto: or a page of the guide; keep other links as the source writes them",
        }
    }
}

/// The first thing `translation` adds that `source` does not have, if any.
pub fn added(source: &str, translation: &str) -> Option<Added> {
    // Most messages have neither: no parsing.
    if !translation.contains(['<', ':', '&']) {
        return None;
    }
    let (source_html, source_links) = parts(source);
    let (html, links) = parts(translation);
    if let Some(html) = html.into_iter().find(|html| !source_html.contains(html)) {
        return Some(Added::Html(html));
    }
    links.into_iter().find(|dest| !allowed(dest) && !source_links.contains(dest)).map(Added::Link)
}

/// The raw HTML and the link and image addresses of some Markdown.
fn parts(markdown: &str) -> (Vec<String>, Vec<String>) {
    let (mut html, mut links) = (Vec::new(), Vec::new());
    for event in Parser::new_ext(markdown, crate::engine::markdown::parser_options()) {
        match event {
            Event::Html(text) | Event::InlineHtml(text) => html.push(text.trim().to_string()),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => links.push(dest_url.to_string()),
            _ => {}
        }
    }
    (html, links)
}

/// Whether a link's address is one a translation may bring: a page of the
/// guide or an anchor (no scheme), http(s) or mailto.
fn allowed(dest: &str) -> bool {
    // Browsers drop tabs, line breaks and leading spaces from addresses
    // (`java\tscript:`): so does the check.
    let dest: String = dest.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect();
    let Some(colon) = dest.find(':') else { return true };
    let scheme = &dest[..colon];
    let is_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme || dest[..colon].contains(['/', '?', '#']) {
        return true;
    }
    matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "mailto")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_may_keep_what_its_source_has_and_add_safe_links() {
        assert_eq!(added("See <abbr>UPR</abbr>.", "Voir <abbr>EPU</abbr>."), None);
        assert_eq!(added("A [link](https://a.org).", "Un [lien](https://b.org) et [autre](mailto:x@y.org)."), None);
        assert_eq!(added("Text.", "Voir [la page](../review/dialogue.md#webcast)."), None);
        assert_eq!(added("Run [it](javascript:go()).", "Lancer [ça](javascript:go())."), None);
        assert_eq!(added("Time: 10:30.", "Heure : 10:30."), None);
    }

    #[test]
    fn raw_html_and_script_links_a_source_does_not_have_are_refused() {
        assert_eq!(
            added("A paragraph.", "Un paragraphe <img src=x onerror=alert(1)>."),
            Some(Added::Html("<img src=x onerror=alert(1)>".into()))
        );
        assert_eq!(
            added("A paragraph.", "<script>alert(1)</script>"),
            Some(Added::Html("<script>alert(1)</script>".into()))
        );
        for link in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "<javascript:alert(1)>",
            "[x](data:text/html,hi)",
            "![x](javascript&colon;alert(1))",
            "[x](vbscript:x)",
            "[x](<java\tscript:x>)",
        ] {
            let found = added("A paragraph.", &format!("Un {link}."));
            assert!(matches!(found, Some(Added::Link(_))), "{link}: {found:?}");
        }
    }
}
