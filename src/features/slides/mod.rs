//! Slides: any page can be presented (`#present`, or its "Present"
//! button), each `##` section a slide, by `slides.js` in the theme; and
//! `uprkit handout --slides` writes a deck as one file, with the
//! facilitator notes as the presenter's notes when asked for. What this
//! module owns is the Markdown side: an author's marks, as HTML comments
//! (unseen in any Markdown viewer, and on the page):
//!
//! - `<!-- slide -->` starts another slide within a section;
//! - `<!-- slides: hide -->` … `<!-- slides: show -->` keeps text on the
//!   page and in handouts but off the slides.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::engine::feature::{Declaration, Feature, Pass, Script};
use crate::engine::markdown::{PageRender, Spanned};

/// What a mark becomes in the page's HTML.
const BREAK: &str = "<div class=\"slide-break\" aria-hidden=\"true\"></div>\n";
const HIDE: &str = "<div class=\"not-on-slides\">\n";
const SHOW: &str = "</div>\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Break,
    Hide,
    Show,
}

/// The mark an HTML block is, if it is one: `<!-- slide -->`,
/// `<!-- slides: hide -->`, `<!-- slides: show -->` (spaces and case free).
fn mark(html: &str) -> Option<Mark> {
    let inner = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    let words: String = inner.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    match words.as_str() {
        "slide" | "new slide" => Some(Mark::Break),
        "slides: hide" | "slides:hide" => Some(Mark::Hide),
        "slides: show" | "slides:show" => Some(Mark::Show),
        _ => None,
    }
}

/// The UI strings the slides' script shows.
const SCRIPT_STRINGS: &[&str] = &[
    "slides_next",
    "slides_previous",
    "slides_presenter",
    "slides_exit",
    "slides_counter",
    "slides_notes",
    "slides_no_notes",
    "slides_next_up",
    "slides_last",
    "slides_elapsed",
    "slides_reset_timer",
    "slides_popup_blocked",
];

pub struct Slides;

impl Pass for Slides {
    fn after(&self) -> &'static [&'static str] {
        // A note left out makes no slide.
        &["facilitator"]
    }

    fn run<'e>(&self, _page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        if !events.iter().any(|(event, _)| matches!(event, Event::Html(html) if mark(html).is_some())) {
            return events;
        }
        let mut out = Vec::with_capacity(events.len());
        // Marks count between blocks only: a `<div>` opened in a list item
        // and closed after it would not nest.
        let mut depth = 0usize;
        let mut hidden = false;
        let mut last = 0..0;
        for (event, span) in events {
            last = span.clone();
            match &event {
                Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                Event::Html(html) if depth == 0 => {
                    let html: CowStr<'e> = match mark(html) {
                        Some(Mark::Break) => BREAK.into(),
                        Some(Mark::Hide) if !hidden => {
                            hidden = true;
                            HIDE.into()
                        }
                        Some(Mark::Show) if hidden => {
                            hidden = false;
                            SHOW.into()
                        }
                        // A second `hide`, or a `show` with none open: nothing.
                        Some(_) => "".into(),
                        None => {
                            out.push((event, span));
                            continue;
                        }
                    };
                    out.push((Event::Html(html), span));
                    continue;
                }
                _ => {}
            }
            out.push((event, span));
        }
        if hidden {
            out.push((Event::Html(SHOW.into()), last));
        }
        out
    }
}

impl Feature for Slides {
    fn pass(&self) -> Option<&dyn Pass> {
        Some(self)
    }

    fn name(&self) -> &'static str {
        "slides"
    }

    fn declaration(&self) -> Declaration {
        Declaration { script: Script { file: Some("scripts/slides.js"), strings: SCRIPT_STRINGS }, ..Declaration::NONE }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_read_in_any_spacing() {
        assert_eq!(mark("<!-- slide -->\n"), Some(Mark::Break));
        assert_eq!(mark("<!--slides: hide-->"), Some(Mark::Hide));
        assert_eq!(mark("<!--  Slides:   show  -->"), Some(Mark::Show));
        assert_eq!(mark("<!-- a comment -->"), None);
        assert_eq!(mark("<div>"), None);
    }
}
