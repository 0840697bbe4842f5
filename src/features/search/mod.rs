//! Offline search: the index of one language is a JavaScript file
//! (`search-index.<lang>.js`) loaded with a `<script>` tag, so search works
//! from `file://` with no server. It holds each page's sections as plain
//! text; the page script folds case, accents, Arabic diacritics, tatweel and
//! alef forms on both sides and matches substrings, so Chinese needs no word
//! breaks. Owns the Markdown pass that gathers each page's text by section.

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use crate::engine::error::Result;
use crate::engine::feature::{Declaration, Feature, LanguageContext, Pass, Script, Stale};
use crate::engine::i18n::phase_name;
use crate::engine::markdown::{PageRender, Rendered, Spanned, Target};
use crate::engine::output::{data_script, Contents, OutputFile, Sink};

/// Plain text under one heading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TextSection {
    /// The heading's id (with the page's id prefix), `None` before the first heading.
    pub id: Option<String>,
    pub heading: Option<String>,
    pub text: String,
}

/// A page's text by section: the text before the first heading, then one
/// section per heading. What the Markdown pass leaves in [`Rendered::data`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageText(pub Vec<TextSection>);

pub struct Search;

impl Pass for Search {
    fn after(&self) -> &'static [&'static str] {
        // A note left out is never indexed; checklist items are marked first.
        &["facilitator", "checklists"]
    }

    fn run<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        // Handouts have no index: the browser finds in the page.
        if page.options.target == Target::Site {
            page.keep(PageText(text_sections(events.iter().map(|(event, _)| event))));
        }
        events
    }
}

impl Feature for Search {
    fn pass(&self) -> Option<&dyn Pass> {
        Some(self)
    }

    fn name(&self) -> &'static str {
        "search"
    }

    /// The index of every language, or after an edit, of the languages
    /// whose own text changed.
    /// One language's index at a time: each is big on a big site.
    fn declaration(&self) -> Declaration {
        Declaration {
            script: Script { file: Some("scripts/search.js"), strings: &["search_all"] },
            stale: Stale { front_matter: &[], titles: true, page_data: true, on_demand: true },
            ..Declaration::NONE
        }
    }

    /// The index of the language, one at a time: each is big on a big site.
    fn files(&self, cx: &LanguageContext, sink: &dyn Sink) -> Result<()> {
        sink.put(OutputFile {
            path: format!("search-index.{}.js", cx.lang()),
            contents: Contents::Bytes(index_script(cx).into_bytes()),
        })
    }
}

/// `window.UPRKIT_SEARCH`. Short keys: the index of a big guide is
/// megabytes, and each key is written once per section.
#[derive(Serialize)]
struct Index<'a> {
    pages: Vec<IndexPage<'a>>,
    sections: Vec<IndexSection<'a>>,
}

#[derive(Serialize)]
struct IndexPage<'a> {
    /// The title.
    t: &'a str,
    /// The address, from the site's root.
    u: &'a str,
    /// The phase's name, if the page is in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    ph: Option<String>,
}

/// A part of a page under one heading (or before the first).
#[derive(Serialize)]
struct IndexSection<'a> {
    /// The page: its place in `pages`.
    p: usize,
    /// The heading, and its anchor; neither for the text before the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    h: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<&'a str>,
    /// The text.
    x: &'a str,
}

/// The index file for one language. Untranslated pages are left out: their
/// text is in another language and only makes the file heavier.
fn index_script(cx: &LanguageContext) -> String {
    let (language, strings) = (cx.language, cx.strings);
    let mut index = Index { pages: Vec::new(), sections: Vec::new() };
    let is_default = cx.is_default();
    for (entry, page) in language.entries.iter().zip(cx.rendered) {
        if entry.is_fallback && !is_default {
            continue;
        }
        let page_index = index.pages.len();
        index.pages.push(IndexPage {
            t: &entry.page.front.title,
            u: &entry.href,
            ph: entry.phase.as_deref().map(|id| phase_name(strings, id)),
        });
        for section in text_of(page) {
            index.sections.push(IndexSection {
                p: page_index,
                h: section.heading.as_deref(),
                a: section.id.as_deref(),
                x: &section.text,
            });
        }
    }
    data_script("UPRKIT_SEARCH", &index)
}

fn text_of(page: &Rendered) -> &[TextSection] {
    page.data.get::<PageText>().map_or(&[], |text| &text.0)
}

/// Splits the events into sections of plain text at each heading.
fn text_sections<'a, 'e: 'a>(events: impl Iterator<Item = &'a Event<'e>>) -> Vec<TextSection> {
    let mut sections = vec![TextSection::default()];
    let mut in_heading = false;
    for event in events {
        let current = sections.last_mut().expect("never empty");
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                sections.push(TextSection {
                    id: id.as_ref().map(|id| id.to_string()),
                    heading: Some(String::new()),
                    text: String::new(),
                });
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(text) | Event::Code(text) => {
                let target =
                    if in_heading { current.heading.get_or_insert_with(String::new) } else { &mut current.text };
                target.push_str(text);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell)
                if !current.text.ends_with(' ') && !current.text.is_empty() =>
            {
                current.text.push(' ');
            }
            _ => {}
        }
    }
    for section in &mut sections {
        section.text = section.text.trim().to_string();
    }
    sections.retain(|section| section.heading.is_some() || !section.text.is_empty());
    sections
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::markdown::tests::render_with;

    #[test]
    fn text_is_split_into_sections_for_search() {
        let features = crate::features::registry();
        let out = render_with(&features, "Intro text.\n\n## Before the review {#before}\n\nSend it.\n- [ ] Tick me\n")
            .unwrap();
        let sections = text_of(&out);
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].text, "Intro text.");
        assert_eq!(sections[1].id.as_deref(), Some("before"));
        assert_eq!(sections[1].heading.as_deref(), Some("Before the review"));
        assert_eq!(sections[1].text, "Send it. Tick me");
    }
}
