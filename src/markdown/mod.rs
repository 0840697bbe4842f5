//! Markdown to HTML with pulldown-cmark, plus our transforms: heading ids and
//! the table of contents, GFM alerts as callouts, checklists, footnotes at the
//! end, links between pages resolved per language, and highlighted code.

mod highlight;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use serde::Serialize;

use crate::error::{Diagnostic, Location};
use crate::glossary::Glossary;
use crate::i18n::UiStrings;

pub use highlight::highlight;

/// Where links from the page being rendered lead. Built per page and language
/// by the site assembly, so this module knows nothing of URLs.
pub trait LinkResolver {
    /// A content-relative `.md` path (`review/dialogue.md`) → the href of that
    /// page in the current language, and its slug, or `None` if there is none.
    fn page(&self, content_path: &str) -> Option<(String, String)>;
    /// A content-relative asset path → its href, or `None` if it does not exist.
    fn asset(&self, content_path: &str) -> Option<String>;
    /// The href of `anchor` on the page at `href` (as returned by [`page`](Self::page)).
    fn with_anchor(&self, href: &str, anchor: &str) -> String {
        format!("{href}#{anchor}")
    }
}

/// What the renderer needs besides the text.
pub struct MarkdownOptions<'a> {
    /// The page's slug: checklist ids and anchor checks are relative to it.
    pub slug: &'a str,
    /// Content-relative folder of the source file, for relative links.
    pub dir: &'a str,
    /// UI strings of the reader's language (callout titles, footnote labels).
    pub strings: &'a UiStrings,
    pub links: &'a dyn LinkResolver,
    /// Terms of the text's language, if it has a glossary.
    pub glossary: Option<&'a Glossary>,
    /// Href of the glossary page in the reader's language, from this page.
    pub glossary_href: &'a str,
    /// Put before every id the page defines (headings, footnotes, checklist
    /// items), so several pages can share one document (handouts). Empty on
    /// the site.
    pub id_prefix: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// Stable across languages: `<slug>#<explicit id>` or `<slug>#item-<n>`.
    pub key: String,
    pub text: String,
    pub checked: bool,
}

/// A `#fragment` that must exist on a page, checked once all pages are rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorRef {
    pub slug: String,
    pub anchor: String,
    pub line: usize,
}

#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every id an `#anchor` can point at on this page.
    pub anchors: BTreeSet<String>,
    pub anchor_refs: Vec<AnchorRef>,
    pub checklist: Vec<ChecklistItem>,
    /// The page's text by section, for the search index: the text before the
    /// first heading, then one section per heading.
    pub sections: Vec<TextSection>,
}

/// Plain text under one heading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TextSection {
    /// The heading's id (with the page's id prefix), `None` before the first heading.
    pub id: Option<String>,
    pub heading: Option<String>,
    pub text: String,
}

/// Splits the rendered events into sections of plain text at each heading.
fn text_sections(events: &[Event]) -> Vec<TextSection> {
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

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Link texts that say nothing of where the link goes, in the six UN languages.
const VAGUE_LINK_TEXTS: &[&str] = &[
    "click here",
    "here",
    "read more",
    "more",
    "link",
    "this link",
    "ici",
    "cliquez ici",
    "lire la suite",
    "aquí",
    "haga clic aquí",
    "leer más",
    "هنا",
    "اضغط هنا",
    "انقر هنا",
    "здесь",
    "нажмите здесь",
    "подробнее",
    "这里",
    "点击这里",
    "点击此处",
    "更多",
];

/// Problems an author can fix that do not stop a build: headings that skip
/// a level, images without alternative text, links whose text says nothing.
/// Returns (line, message) pairs.
pub fn lint(body: &str, first_line: usize) -> Vec<(usize, String)> {
    let lines = LineIndex::new(body, first_line);
    let mut problems = Vec::new();
    // The page title is the h1: the body's headings start at level 2.
    let mut previous_level = 1u8;
    let mut image: Option<(usize, String)> = None;
    let mut link: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = level as u8;
                let line = lines.line(range.start);
                if level == 1 {
                    problems.push((
                        line,
                        "a level-1 heading in the body: the title is the page's only one; use `##`".into(),
                    ));
                } else if level > previous_level + 1 {
                    problems.push((
                        line,
                        format!(
                            "heading level {level} after level {previous_level}: use {} instead",
                            "#".repeat(usize::from(previous_level) + 1)
                        ),
                    ));
                }
                previous_level = level;
            }
            Event::Start(Tag::Image { .. }) => image = Some((lines.line(range.start), String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((line, alt)) = image.take() {
                    if alt.trim().is_empty() {
                        problems.push((line, "an image without alternative text: write what it shows between the brackets, `![...](file)`".into()));
                    }
                }
            }
            Event::Start(Tag::Link { .. }) => link = Some((lines.line(range.start), String::new())),
            Event::End(TagEnd::Link) => {
                if let Some((line, text)) = link.take() {
                    let text = text.trim().trim_end_matches(['.', '!', '…']).to_lowercase();
                    if VAGUE_LINK_TEXTS.contains(&text.as_str()) {
                        problems.push((
                            line,
                            format!("the link text `{text}` does not say where it leads: name the page instead"),
                        ));
                    }
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(&text);
                } else if let Some((_, label)) = link.as_mut() {
                    label.push_str(&text);
                }
            }
            _ => {}
        }
    }
    problems
}

/// How many checklist items a body has, without rendering it.
pub fn count_checklist_items(body: &str) -> usize {
    Parser::new_ext(body, parser_options()).filter(|event| matches!(event, Event::TaskListMarker(_))).count()
}

/// Renders a page body. `source` and `first_line` place errors in the file.
pub fn render(
    source: &Path,
    body: &str,
    first_line: usize,
    options: &MarkdownOptions,
) -> Result<Rendered, Vec<Diagnostic>> {
    let lines = LineIndex::new(body, first_line);
    let mut renderer = Renderer { source, lines: &lines, options, out: Rendered::default(), problems: Vec::new() };
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(body, parser_options()).into_offset_iter().collect();
    let events = renderer.transform(events);
    renderer.out.sections = text_sections(&events);
    let events = match options.glossary {
        Some(glossary) => link_terms(events, glossary, options.glossary_href),
        None => events,
    };
    let (events, footnotes) = renderer.footnotes(events);
    pulldown_cmark::html::push_html(&mut renderer.out.html, events.into_iter());
    renderer.out.html.push_str(&footnotes);
    if renderer.problems.is_empty() {
        Ok(renderer.out)
    } else {
        Err(renderer.problems)
    }
}

struct Renderer<'r> {
    source: &'r Path,
    lines: &'r LineIndex,
    options: &'r MarkdownOptions<'r>,
    out: Rendered,
    problems: Vec<Diagnostic>,
}

impl<'r> Renderer<'r> {
    /// One pass over the events, rewriting what we own and passing the rest.
    fn transform<'e>(&mut self, events: Vec<(Event<'e>, std::ops::Range<usize>)>) -> Vec<Event<'e>> {
        let prefix = self.options.id_prefix;
        let mut out: Vec<Event<'e>> = Vec::with_capacity(events.len() + 16);
        let mut heading_ids = BTreeMap::<String, usize>::new();
        let mut explicit_checks = BTreeMap::<String, usize>::new();
        // Indexes in `out` of the open lists and items, to mark checklists.
        let mut open_lists: Vec<usize> = Vec::new();
        let mut open_items: Vec<usize> = Vec::new();
        let mut iter = events.into_iter().peekable();
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let mut inner = Vec::new();
                    for (event, range) in iter.by_ref() {
                        if matches!(event, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        inner.push(self.inline(event, range));
                    }
                    let title = plain_text(&inner);
                    let id = match id {
                        Some(id) => id.to_string(),
                        None => unique_id(&mut heading_ids, &slugify(&title)),
                    };
                    self.out.anchors.insert(id.clone());
                    let id = format!("{prefix}{id}");
                    let level_number = level as u8;
                    if (2..=3).contains(&level_number) {
                        self.out.toc.push(TocEntry { level: level_number, id: id.clone(), title });
                    }
                    out.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs }));
                    out.extend(inner);
                    out.push(Event::End(TagEnd::Heading(level)));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let mut code = String::new();
                    for (event, _) in iter.by_ref() {
                        match event {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(text) => code.push_str(&text),
                            _ => {}
                        }
                    }
                    let language = match &kind {
                        CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or(""),
                        CodeBlockKind::Indented => "",
                    };
                    out.push(Event::Html(highlight(&code, language).into()));
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let (class, key) = callout(kind);
                    let title = self.options.strings.get(key).map(String::as_str).unwrap_or(key);
                    let mut html = format!("<aside class=\"callout callout-{class}\"><p class=\"callout-title\">");
                    escape_html(&mut html, title).expect("writing to a String");
                    html.push_str("</p>\n");
                    out.push(Event::Html(html.into()));
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</aside>\n".into())),
                Event::Start(Tag::Table(alignments)) => {
                    out.push(Event::Html("<div class=\"table-wrap\">".into()));
                    out.push(Event::Start(Tag::Table(alignments)));
                }
                Event::End(TagEnd::Table) => {
                    out.push(Event::End(TagEnd::Table));
                    out.push(Event::Html("</div>\n".into()));
                }
                Event::Start(Tag::List(start)) => {
                    open_lists.push(out.len());
                    out.push(Event::Start(Tag::List(start)));
                }
                Event::End(TagEnd::List(ordered)) => {
                    open_lists.pop();
                    out.push(Event::End(TagEnd::List(ordered)));
                }
                Event::Start(Tag::Item) => {
                    open_items.push(out.len());
                    out.push(Event::Start(Tag::Item));
                }
                Event::End(TagEnd::Item) => {
                    open_items.pop();
                    out.push(Event::End(TagEnd::Item));
                }
                Event::TaskListMarker(checked) => {
                    let line = self.lines.line(range.start);
                    let mut label = Vec::new();
                    while let Some((event, _)) = iter.next_if(|(event, _)| !is_block_boundary(event)) {
                        label.push(event);
                    }
                    let label: Vec<Event> = label.into_iter().map(|event| self.inline(event, range.clone())).collect();
                    let (label, explicit) = take_explicit_id(label);
                    let position = self.out.checklist.len() + 1;
                    let id = match &explicit {
                        Some(id) => {
                            if let Some(first) = explicit_checks.insert(id.clone(), line) {
                                self.problems.push(
                                    Diagnostic::new(
                                        Location::at(self.source, line, None),
                                        format!("checklist id `{{#{id}}}` is already used on line {first}"),
                                    )
                                    .with_help("give each checklist item on a page its own id"),
                                );
                            }
                            id.clone()
                        }
                        None => format!("item-{position}"),
                    };
                    let key = format!("{}#{id}", self.options.slug);
                    self.out.checklist.push(ChecklistItem { key: key.clone(), text: plain_text(&label), checked });
                    if let Some(&list) = open_lists.last() {
                        out[list] = Event::Html(list_open(&out[list]).into());
                    }
                    if let Some(&item) = open_items.last() {
                        let mut li = String::from("<li class=\"check-item\"");
                        if explicit.is_some() {
                            li.push_str(" id=\"");
                            escape_html(&mut li, &format!("{prefix}{id}")).expect("writing to a String");
                            li.push('"');
                            self.out.anchors.insert(id.clone());
                        }
                        li.push('>');
                        out[item] = Event::Html(li.into());
                    }
                    let mut input = String::from("<input type=\"checkbox\" class=\"check\" id=\"");
                    escape_html(&mut input, &format!("{prefix}check-{id}")).expect("writing to a String");
                    input.push_str("\" data-check=\"");
                    escape_html(&mut input, &key).expect("writing to a String");
                    input.push('"');
                    if checked {
                        input.push_str(" checked");
                    }
                    input.push_str("><label for=\"");
                    escape_html(&mut input, &format!("{prefix}check-{id}")).expect("writing to a String");
                    input.push_str("\">");
                    out.push(Event::InlineHtml(input.into()));
                    out.extend(label);
                    out.push(Event::InlineHtml("</label>".into()));
                }
                other => out.push(self.inline(other, range)),
            }
        }
        out
    }

    /// Rewrites link and image targets; other events pass unchanged.
    fn inline<'e>(&mut self, event: Event<'e>, range: std::ops::Range<usize>) -> Event<'e> {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = self.resolve(dest_url, range.start, false);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.resolve(dest_url, range.start, true);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            other => other,
        }
    }

    /// A relative target → the href of the page or asset it names in the
    /// current language. External and absolute targets are left alone.
    fn resolve<'e>(&mut self, dest: CowStr<'e>, offset: usize, is_image: bool) -> CowStr<'e> {
        if dest.is_empty() || is_external(&dest) || dest.starts_with('/') {
            return dest;
        }
        let line = self.lines.line(offset);
        let (path, anchor) = match dest.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (&*dest, None),
        };
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        if path.is_empty() {
            if let Some(anchor) = anchor {
                let slug = self.options.slug.to_string();
                self.out.anchor_refs.push(AnchorRef { slug, anchor: anchor.to_string(), line });
                if !self.options.id_prefix.is_empty() {
                    return format!("#{}{anchor}", self.options.id_prefix).into();
                }
            }
            return dest;
        }
        let Some(target) = join(self.options.dir, &path) else {
            self.broken(line, &dest, "it points above the content folder");
            return dest;
        };
        if target.ends_with(".md") && !is_image {
            match self.options.links.page(&target) {
                Some((href, slug)) => {
                    if let Some(anchor) = anchor.filter(|anchor| !anchor.is_empty()) {
                        self.out.anchor_refs.push(AnchorRef { slug, anchor: anchor.to_string(), line });
                        return self.options.links.with_anchor(&href, anchor).into();
                    }
                    href.into()
                }
                None => {
                    self.broken(line, &dest, &format!("there is no page content/{target}"));
                    dest
                }
            }
        } else {
            match self.options.links.asset(&target) {
                Some(href) => match anchor {
                    Some(anchor) => format!("{href}#{anchor}").into(),
                    None => href.into(),
                },
                None => {
                    self.broken(line, &dest, &format!("there is no file content/{target}"));
                    dest
                }
            }
        }
    }

    fn broken(&mut self, line: usize, dest: &str, why: &str) {
        self.problems.push(
            Diagnostic::new(Location::at(self.source, line, None), format!("broken link `{dest}`: {why}"))
                .with_help("link to a file relative to this one, e.g. `../review/dialogue.md#webcast`"),
        );
    }

    /// Moves footnote definitions out of the flow and numbers them in order
    /// of first reference; returns the events and the footnotes section.
    fn footnotes<'e>(&mut self, events: Vec<Event<'e>>) -> (Vec<Event<'e>>, String) {
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

/// The first use of each glossary term becomes an `<abbr>` linked to its
/// entry. Headings, links, images and code are left alone.
fn link_terms<'e>(events: Vec<Event<'e>>, glossary: &Glossary, glossary_href: &str) -> Vec<Event<'e>> {
    let mut used = vec![false; glossary.terms.len()];
    let mut skip_depth = 0usize;
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        match &event {
            Event::Start(Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. }) => skip_depth += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image) => skip_depth = skip_depth.saturating_sub(1),
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push(event);
            continue;
        };
        if skip_depth > 0 || used.iter().all(|&u| u) {
            out.push(event);
            continue;
        }
        let found: Vec<_> =
            glossary.find(text).into_iter().filter(|&(_, _, term)| !std::mem::replace(&mut used[term], true)).collect();
        if found.is_empty() {
            out.push(event);
            continue;
        }
        let mut at = 0;
        for (start, end, index) in found {
            if start > at {
                out.push(Event::Text(text[at..start].to_string().into()));
            }
            let term = &glossary.terms[index];
            let mut html = String::from("<a class=\"term\" href=\"");
            escape_html(&mut html, &format!("{glossary_href}#{}", term.id)).expect("writing to a String");
            html.push_str("\"><abbr title=\"");
            escape_html(&mut html, &term.title).expect("writing to a String");
            html.push_str("\">");
            escape_html(&mut html, &text[start..end]).expect("writing to a String");
            html.push_str("</abbr></a>");
            out.push(Event::InlineHtml(html.into()));
            at = end;
        }
        if at < text.len() {
            out.push(Event::Text(text[at..].to_string().into()));
        }
    }
    out
}

/// Events that end the inline label of a checklist item.
fn is_block_boundary(event: &Event) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Paragraph
                | Tag::List(_)
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::Heading { .. }
                | Tag::Table(_)
                | Tag::HtmlBlock
        ),
        Event::End(end) => matches!(end, TagEnd::Paragraph | TagEnd::Item | TagEnd::List(_)),
        _ => false,
    }
}

fn list_open(event: &Event) -> String {
    match event {
        Event::Start(Tag::List(Some(start))) if *start != 1 => {
            format!("<ol class=\"checklist\" start=\"{start}\">")
        }
        Event::Start(Tag::List(Some(_))) => "<ol class=\"checklist\">".into(),
        Event::Html(html) => html.to_string(),
        _ => "<ul class=\"checklist\">".into(),
    }
}

/// Strips a trailing `{#id}` from a checklist label.
fn take_explicit_id(mut label: Vec<Event>) -> (Vec<Event>, Option<String>) {
    let Some(Event::Text(text)) = label.last() else {
        return (label, None);
    };
    let trimmed = text.trim_end();
    let Some(open) = trimmed.rfind("{#") else {
        return (label, None);
    };
    let Some(id) = trimmed[open + 2..].strip_suffix('}') else {
        return (label, None);
    };
    if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return (label, None);
    }
    let id = id.to_string();
    let rest = trimmed[..open].trim_end().to_string();
    label.pop();
    if !rest.is_empty() {
        label.push(Event::Text(rest.into()));
    }
    (label, Some(id))
}

fn callout(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "callout_note"),
        BlockQuoteKind::Tip => ("tip", "callout_tip"),
        BlockQuoteKind::Important => ("important", "callout_important"),
        BlockQuoteKind::Warning => ("warning", "callout_warning"),
        BlockQuoteKind::Caution => ("caution", "callout_caution"),
    }
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// GitHub's heading ids: lowercase, letters and digits kept in any script,
/// spaces to hyphens, other punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

fn unique_id(seen: &mut BTreeMap<String, usize>, base: &str) -> String {
    let count = seen.entry(base.to_string()).or_insert(0);
    *count += 1;
    if *count == 1 {
        base.to_string()
    } else {
        format!("{base}-{}", *count - 1)
    }
}

fn is_external(dest: &str) -> bool {
    let scheme = dest.split_once(':').map(|(scheme, _)| scheme);
    scheme.is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
}

/// Joins a relative path to a content folder, resolving `.` and `..`; `None`
/// if it climbs out of `content/`.
pub fn join(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Maps byte offsets of the body to 1-based file lines.
struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(text: &str, first_line: usize) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts, first_line }
    }

    fn line(&self, offset: usize) -> usize {
        self.first_line + self.starts.partition_point(|&start| start <= offset) - 1
    }
}

#[cfg(test)]
mod tests;
