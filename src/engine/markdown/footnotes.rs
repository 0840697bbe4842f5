//! Footnotes numbered in order of first reference (in the text, then in
//! other footnotes) and gathered in one section at the end of the page,
//! each with a link back to where it was first referred to. Labels match as
//! CommonMark says: case and runs of spaces do not count (`[^Note]` refers
//! to `[^note]:`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::PageRender;
use crate::engine::i18n::ui;

/// A footnote label as CommonMark compares them.
fn normalize(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Numbers and reference counts of the footnotes of one page.
#[derive(Default)]
struct Numbering {
    numbers: BTreeMap<String, usize>,
    /// How many times each number was referred to so far.
    references: BTreeMap<usize, usize>,
    /// Numbers in the order they were given.
    order: Vec<String>,
}

impl Numbering {
    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert_with(|| {
            self.order.push(label.to_string());
            next
        })
    }

    /// The reference as HTML, numbered, with an id to come back to.
    fn reference(&mut self, label: &CowStr, prefix: &str) -> String {
        let number = self.number(&normalize(label));
        let count = self.references.entry(number).or_insert(0);
        *count += 1;
        let id = if *count == 1 { format!("fnref-{number}") } else { format!("fnref-{number}-{count}") };
        format!(
            "<sup class=\"footnote-ref\"><a id=\"{prefix}{id}\" href=\"#{prefix}fn-{number}\" role=\"doc-noteref\">{number}</a></sup>"
        )
    }

    /// Turns the references in `events` into numbered links.
    fn link_references<'e>(&mut self, events: Vec<Event<'e>>, prefix: &str) -> Vec<Event<'e>> {
        events
            .into_iter()
            .map(|event| match event {
                Event::FootnoteReference(label) => Event::InlineHtml(self.reference(&label, prefix).into()),
                other => other,
            })
            .collect()
    }
}

impl PageRender<'_> {
    /// Moves footnote definitions out of the flow and numbers them in order
    /// of first reference; returns the events and the footnotes section.
    pub(super) fn footnotes<'e>(&mut self, events: Vec<Event<'e>>) -> (Vec<Event<'e>>, String) {
        let prefix = self.options.id_prefix;
        let mut definitions = BTreeMap::<String, Vec<Event<'e>>>::new();
        let mut text = Vec::with_capacity(events.len());
        let mut iter = events.into_iter();
        while let Some(event) = iter.next() {
            match event {
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let mut depth = 0;
                    let mut body = Vec::new();
                    for event in iter.by_ref() {
                        match &event {
                            Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                            Event::End(TagEnd::FootnoteDefinition) if depth == 0 => break,
                            Event::End(TagEnd::FootnoteDefinition) => depth -= 1,
                            _ => {}
                        }
                        body.push(event);
                    }
                    definitions.entry(normalize(&label)).or_insert(body);
                }
                other => text.push(other),
            }
        }
        let mut numbering = Numbering::default();
        let out = numbering.link_references(text, prefix);
        if definitions.is_empty() {
            return (out, String::new());
        }
        // References inside footnotes, in the order the footnotes are
        // numbered; a footnote first referred to there is numbered next.
        let mut bodies: BTreeMap<usize, Vec<Event<'e>>> = BTreeMap::new();
        let mut at = 0;
        while at < numbering.order.len() {
            let label = numbering.order[at].clone();
            if let Some(body) = definitions.remove(&label) {
                let number = numbering.numbers[&label];
                let body = numbering.link_references(body, prefix);
                bodies.insert(number, body);
            }
            at += 1;
        }
        // Footnotes nobody refers to still show, after the others.
        for (label, body) in std::mem::take(&mut definitions) {
            let number = numbering.number(&label);
            let body = numbering.link_references(body, prefix);
            bodies.insert(number, body);
        }
        let label = ui(self.options.strings, "footnotes");
        let back = ui(self.options.strings, "footnote_back");
        let mut html =
            String::from("<section class=\"footnotes\" role=\"doc-endnotes\"><h2 class=\"footnotes-title\">");
        escape_html(&mut html, &label).expect("writing to a String");
        html.push_str("</h2>\n<ol>\n");
        for (number, mut body) in bodies {
            self.out.anchors.insert(format!("fn-{number}"));
            let _ = write!(html, "<li id=\"{prefix}fn-{number}\">");
            if numbering.references.contains_key(&number) {
                let mut backlink =
                    format!(" <a class=\"footnote-back\" href=\"#{prefix}fnref-{number}\" aria-label=\"");
                escape_html(&mut backlink, &back).expect("writing to a String");
                backlink.push_str("\">↩</a>");
                let at = body.iter().rposition(|e| matches!(e, Event::End(TagEnd::Paragraph))).unwrap_or(body.len());
                body.insert(at, Event::InlineHtml(backlink.into()));
            }
            pulldown_cmark::html::push_html(&mut html, body.into_iter());
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</section>\n");
        (out, html)
    }
}
