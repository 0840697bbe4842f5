//! The search index of one language: a JavaScript file (`search-index.<lang>.js`)
//! loaded with a `<script>` tag, so search works from `file://` with no
//! server. It holds each page's sections as plain text; the page script
//! folds case, accents, Arabic diacritics, tatweel and alef forms on both
//! sides and matches substrings, so Chinese needs no word breaks.

use serde::Serialize;

use crate::config::Config;
use crate::markdown::Rendered;
use crate::site::{href, LanguageSite};

#[derive(Serialize)]
struct Index<'a> {
    /// `[title, href from the root, phase name]`
    pages: Vec<(&'a str, String, Option<String>)>,
    /// `[page index, heading, anchor, text]`
    sections: Vec<(usize, Option<&'a str>, Option<&'a str>, &'a str)>,
}

/// The index file for one language. Untranslated pages are left out: their
/// text is in another language and only makes the file heavier.
pub fn index_script(
    config: &Config,
    language: &LanguageSite,
    rendered: &[Rendered],
    phase_name: impl Fn(&str) -> String,
) -> String {
    let mut index = Index { pages: Vec::new(), sections: Vec::new() };
    let is_default = language.lang == config.default_language().code;
    for (entry, page) in language.entries.iter().zip(rendered) {
        if entry.is_fallback && !is_default {
            continue;
        }
        let page_index = index.pages.len();
        index.pages.push((&entry.page.front.title, href(config, &entry.path), entry.phase.as_deref().map(&phase_name)));
        for section in &page.sections {
            index.sections.push((page_index, section.heading.as_deref(), section.id.as_deref(), &section.text));
        }
    }
    format!("window.UPRKIT_SEARCH={};\n", serde_json::to_string(&index).expect("index serializes"))
}
