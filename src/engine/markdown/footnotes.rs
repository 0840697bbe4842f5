//! Footnotes numbered in order of first reference and gathered in one
//! section at the end of the page, each with a link back to the text.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pulldown_cmark::{Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::PageRender;

impl PageRender<'_> {
    /// Moves footnote definitions out of the flow and numbers them in order
    /// of first reference; returns the events and the footnotes section.
    pub(super) fn footnotes<'e>(&mut self, events: Vec<Event<'e>>) -> (Vec<Event<'e>>, String) {
        let mut numbers = BTreeMap::<String, usize>::new();
        let mut references = BTreeMap::<usize, usize>::new();
        let mut definitions = BTreeMap::<String, Vec<Event<'e>>>::new();
        let mut out = Vec::with_capacity(events.len());
        let mut iter = events.into_iter();
        while let Some(event) = iter.next() {
            match event {
                Event::FootnoteReference(label) => {
                    let next = numbers.len() + 1;
                    let number = *numbers.entry(label.to_string()).or_insert(next);
                    let count = references.entry(number).or_insert(0);
                    *count += 1;
                    let prefix = self.options.id_prefix;
                    let id = if *count == 1 { format!("fnref-{number}") } else { format!("fnref-{number}-{count}") };
                    let html = format!(
                        "<sup class=\"footnote-ref\"><a id=\"{prefix}{id}\" href=\"#{prefix}fn-{number}\" role=\"doc-noteref\">{number}</a></sup>"
                    );
                    out.push(Event::InlineHtml(html.into()));
                }
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
                    definitions.insert(label.to_string(), body);
                }
                other => out.push(other),
            }
        }
        if definitions.is_empty() {
            return (out, String::new());
        }
        // Unreferenced definitions still show, after the referenced ones.
        for label in definitions.keys() {
            let next = numbers.len() + 1;
            numbers.entry(label.clone()).or_insert(next);
        }
        let mut ordered: Vec<(usize, Vec<Event>)> =
            definitions.into_iter().map(|(label, body)| (numbers[&label], body)).collect();
        ordered.sort_by_key(|(number, _)| *number);
        let label = self.options.strings.get("footnotes").map(String::as_str).unwrap_or("Notes");
        let back = self.options.strings.get("footnote_back").map(String::as_str).unwrap_or("Back to the text");
        let mut html =
            String::from("<section class=\"footnotes\" role=\"doc-endnotes\"><h2 class=\"footnotes-title\">");
        escape_html(&mut html, label).expect("writing to a String");
        html.push_str("</h2>\n<ol>\n");
        for (number, mut body) in ordered {
            self.out.anchors.insert(format!("fn-{number}"));
            let _ = write!(html, "<li id=\"{}fn-{number}\">", self.options.id_prefix);
            if references.contains_key(&number) {
                let mut backlink = format!(
                    " <a class=\"footnote-back\" href=\"#{}fnref-{number}\" aria-label=\"",
                    self.options.id_prefix
                );
                escape_html(&mut backlink, back).expect("writing to a String");
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
