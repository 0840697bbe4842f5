//! A handout's parts: the phases' handouts cut from the sections rendered
//! for the whole guide (their links to pages they leave out sent online),
//! and the sections' text put into the rendered template in place of
//! placeholders, so that it never goes through the template engine.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::engine::feature::document::{section_id, Document, Section};

/// A part of the guide cut from the sections of the whole: the links of
/// its sections to pages it leaves out lead online instead (or to the
/// contents, without `base_url`), as if its sections had been rendered
/// for it. An href is escaped byte by byte, so the escaped section id is
/// found at the start of an escaped link.
pub(super) fn cut<'g>(
    document: &Document,
    all: &[usize],
    guide: &'g [Section<'static>],
    keep: &[usize],
) -> Vec<Section<'g>> {
    let language = document.language();
    let escaped = |raw: &str| {
        let mut out = String::new();
        pulldown_cmark_escape::escape_href(&mut out, raw).expect("writing to a String");
        out
    };
    let kept: HashSet<usize> = keep.iter().copied().collect();
    // `href="#p-…` of each page left out → where it leads now.
    let mut left_out: Vec<(String, String)> = all
        .iter()
        .filter(|i| !kept.contains(i))
        .map(|&i| {
            let entry = &language.entries[i];
            let online = document.cx.config.base_url.as_ref().map(|base| escaped(&format!("{base}/{}", entry.href)));
            (escaped(&format!("#{}", section_id(&entry.slug))), online.unwrap_or_else(|| "#toc".to_string()))
        })
        .collect();
    // The longest id first: `#p-review` must not take `#p-review--dialogue`.
    left_out.sort_by_key(|(id, _)| std::cmp::Reverse(id.len()));
    all.iter()
        .zip(guide)
        .filter(|(i, _)| kept.contains(i))
        .map(|(_, section)| {
            let content = if !left_out.is_empty() && section.content.contains("href=\"#p-") {
                Cow::Owned(relink(&section.content, &left_out))
            } else {
                Cow::Borrowed(section.content.as_ref())
            };
            Section { content, ..without_content(section) }
        })
        .collect()
}

/// The section with no text yet: its text is given apart.
fn without_content(section: &Section) -> Section<'static> {
    Section {
        id: section.id.clone(),
        title: section.title.clone(),
        summary: section.summary.clone(),
        phase: section.phase.clone(),
        phase_name: section.phase_name.clone(),
        content: Cow::Borrowed(""),
        lang: section.lang.clone(),
        dir: section.dir,
        language_name: section.language_name.clone(),
        is_fallback: section.is_fallback,
        is_section: section.is_section,
    }
}

/// `content` with each `href="#p-…"` into a page of `left_out` replaced.
fn relink(content: &str, left_out: &[(String, String)]) -> String {
    const HREF: &str = "href=\"";
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = rest.find("href=\"#p-") {
        let start = at + HREF.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let href = &rest[..end];
        let target = left_out.iter().find(|(id, _)| {
            href.strip_prefix(id.as_str()).is_some_and(|tail| tail.is_empty() || tail.starts_with("--"))
        });
        match target {
            Some((id, online)) => {
                out.push_str(online);
                // An anchor follows the page online; the contents has none.
                if let Some(anchor) = href[id.len()..].strip_prefix("--").filter(|_| online != "#toc") {
                    out.push('#');
                    out.push_str(anchor);
                }
            }
            None => out.push_str(href),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Stands for the text of section `n` in the rendered template: private-use
/// characters, which no escaping changes and no page contains.
pub(super) fn placeholder(n: usize) -> String {
    format!("\u{F8FF}uprkit-section-{n}\u{F8FF}")
}

/// `html` with each section's placeholder replaced by its text.
pub(super) fn fill(html: &str, contents: &[Cow<str>]) -> String {
    let mut out = String::with_capacity(html.len() + contents.iter().map(|c| c.len()).sum::<usize>());
    let mut rest = html;
    while let Some(at) = rest.find('\u{F8FF}') {
        out.push_str(&rest[..at]);
        let after = &rest[at + '\u{F8FF}'.len_utf8()..];
        let number = after.strip_prefix("uprkit-section-").and_then(|tail| {
            let end = tail.find('\u{F8FF}')?;
            Some((tail[..end].parse::<usize>().ok()?, &tail[end + '\u{F8FF}'.len_utf8()..]))
        });
        match number.and_then(|(n, tail)| contents.get(n).map(|text| (text, tail))) {
            Some((text, tail)) => {
                out.push_str(text);
                rest = tail;
            }
            None => {
                out.push('\u{F8FF}');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
