//! Facilitator notes: a block quote that starts with `[!FACILITATOR]`, in
//! the style of GitHub's alerts (a plain Markdown viewer shows it as a
//! quote headed by its marker, so the author still sees what it is). Its
//! text is for the trainer, not the participants: it is left out of the
//! site, the participants' handouts, the zips and the search index, and
//! shown, set apart, in a facilitator edition (`uprkit handout
//! --facilitator`).
//!
//! `facilitator_notes:` in uprkit.yaml: `private` (the default: only
//! `uprkit handout --facilitator` shows them; a published output folder is
//! public, so the build writes no facilitator edition), `edition` (the build
//! also writes `handouts/<lang>/facilitator.html` and one per phase, linked
//! from nowhere) or `public` (shown on the site's pages too).

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Result};
use crate::engine::feature::Feature;
use crate::engine::markdown::{PageRender, Spanned};
use crate::engine::templates::escape;

/// The marker that opens a facilitator note.
pub const MARKER: &str = "[!FACILITATOR]";

/// Where facilitator notes are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Visibility {
    /// Only in `uprkit handout --facilitator`.
    #[default]
    Private,
    /// Also in the build's facilitator editions of the handouts.
    Edition,
    /// On the site's pages too.
    Public,
}

#[derive(Default)]
pub struct Facilitator {
    pub visibility: Visibility,
}

impl Facilitator {
    /// Whether the build writes facilitator editions.
    pub fn editions(&self) -> bool {
        self.visibility != Visibility::Private
    }
}

/// Whether uprkit.yaml publishes the notes (`facilitator_notes: edition`
/// or `public`), so that a facilitator edition may go into the output.
pub fn notes_are_published(config: &Config) -> bool {
    config
        .setting("facilitator_notes")
        .and_then(|setting| setting.value.as_str())
        .is_some_and(|value| matches!(value, "edition" | "public"))
}

/// Whether a page's text has a facilitator note.
pub fn has_notes(body: &str) -> bool {
    body.contains(MARKER)
}

impl Feature for Facilitator {
    fn name(&self) -> &'static str {
        "facilitator"
    }

    fn config_keys(&self) -> &'static [&'static str] {
        &["facilitator_notes"]
    }

    fn load(&mut self, config: &Config) -> Result<()> {
        self.visibility = match config.setting("facilitator_notes") {
            None => Visibility::Private,
            Some(setting) => match setting.value.as_str() {
                Some("private") => Visibility::Private,
                Some("edition") => Visibility::Edition,
                Some("public") => Visibility::Public,
                _ => {
                    return Err(Diagnostic::new(setting.location.clone(), "`facilitator_notes` is private, edition or public")
                        .with_help("private: only `uprkit handout --facilitator` shows them; edition: the build also writes handouts/<lang>/facilitator.html; public: the site shows them too")
                        .into())
                }
            },
        };
        Ok(())
    }

    fn markdown<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        let show = page.options.facilitator || self.visibility == Visibility::Public;
        let mut out: Vec<Spanned<'e>> = Vec::with_capacity(events.len());
        let mut i = 0;
        while i < events.len() {
            if matches!(events[i].0, Event::Start(Tag::BlockQuote(None))) {
                if let Some(marker_end) = marker(&events, i + 1) {
                    let end = closing(&events, i);
                    if show {
                        let title =
                            page.options.strings.get("facilitator_note").map_or("Facilitator note", String::as_str);
                        let open = format!(
                            "<aside class=\"callout callout-facilitator\"><p class=\"callout-title\">{}</p>\n",
                            escape(title)
                        );
                        out.push((Event::Html(open.into()), events[i].1.clone()));
                        // The marker's paragraph: what follows the marker, if anything.
                        let rest = &events[marker_end..end];
                        let only_marker = matches!(rest.first(), Some((Event::End(TagEnd::Paragraph), _)));
                        let skip = if only_marker { 1 } else { 0 };
                        if !only_marker {
                            out.push((Event::Start(Tag::Paragraph), events[i + 1].1.clone()));
                        }
                        out.extend(rest[skip..].iter().cloned());
                        out.push((Event::Html("</aside>\n".into()), events[end].1.clone()));
                    }
                    i = end + 1;
                    continue;
                }
            }
            out.push(events[i].clone());
            i += 1;
        }
        out
    }
}

/// If the events from `at` open a paragraph that starts with the marker,
/// the index of the first event after it (and after the line break that
/// follows it).
fn marker(events: &[Spanned], at: usize) -> Option<usize> {
    if !matches!(events.get(at)?.0, Event::Start(Tag::Paragraph)) {
        return None;
    }
    let mut text = String::new();
    let mut i = at + 1;
    while let Some((Event::Text(part), _)) = events.get(i) {
        text.push_str(part);
        i += 1;
        if text.len() >= MARKER.len() {
            break;
        }
    }
    if text.trim() != MARKER {
        return None;
    }
    if matches!(events.get(i), Some((Event::SoftBreak | Event::HardBreak, _))) {
        i += 1;
    }
    Some(i)
}

/// The index of the end of the block quote opened at `open`.
fn closing(events: &[Spanned], open: usize) -> usize {
    let mut depth = 0;
    for (i, (event, _)) in events.iter().enumerate().skip(open) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}
