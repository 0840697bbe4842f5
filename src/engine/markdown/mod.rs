//! Markdown to HTML with pulldown-cmark. The engine's own pass gives headings
//! ids and a table of contents, turns GFM alerts into callouts, highlights
//! code, wraps tables and resolves links between pages per language; then
//! the [`Passes`] run (in a build, each feature's `markdown` hook in turn),
//! and footnotes are numbered and gathered at the end.

mod data;
mod footnotes;
mod highlight;
mod links;
pub mod private;
pub mod shortcodes;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use serde::Serialize;

use crate::engine::error::{Diagnostic, Location};
use crate::engine::i18n::UiStrings;

pub use data::PageData;
pub use highlight::highlight;
pub use links::join;

/// An event and the byte range of the body it came from.
pub type Spanned<'e> = (Event<'e>, Range<usize>);

/// Where links from the page being rendered lead. Built per page and language
/// by the site assembly, so this module knows nothing of URLs.
pub trait LinkResolver: Sync {
    /// A content-relative `.md` path (`review/dialogue.md`) → the href of that
    /// page in the current language, and its slug, or `None` if there is none.
    fn page(&self, content_path: &str) -> Option<(String, String)>;
    /// A content-relative asset path → its href, or `None` if it does not exist.
    fn asset(&self, content_path: &str) -> Option<String>;
    /// The href of `anchor` on the page at `href` (as returned by [`page`](Self::page)).
    fn with_anchor(&self, href: &str, anchor: &str) -> String {
        format!("{href}#{anchor}")
    }
    /// The href from this page of a page the build generates (`glossary`)
    /// in `lang`, or `None` where there is none to link to.
    fn generated(&self, slug: &str, lang: &str) -> Option<String>;
    /// The author's page at the address `slug` (`review/dialogue`, `` for
    /// the home page) in the current language: its href and slug.
    fn page_at(&self, slug: &str) -> Option<(String, String)>;
    /// The reader's language.
    fn reader_lang(&self) -> &str;
    /// The content paths of every page (`review/dialogue.md`), for a
    /// did-you-mean on a broken link.
    fn page_paths(&self) -> Vec<String> {
        Vec::new()
    }
}

/// What the renderer needs besides the text.
pub struct MarkdownOptions<'a> {
    /// The page's slug: checklist ids and anchor checks are relative to it.
    pub slug: &'a str,
    /// Content-relative folder of the source file, for relative links.
    pub dir: &'a str,
    /// The language the text is written in (the default language's on a fallback).
    pub lang: &'a str,
    /// UI strings of the reader's language (callout titles, footnote labels).
    pub strings: &'a UiStrings,
    pub links: &'a dyn LinkResolver,
    /// Put before every id the page defines (headings, footnotes, checklist
    /// items), so several pages can share one document (handouts). Empty on
    /// the site.
    pub id_prefix: &'a str,
    /// What runs after the engine's pass: in a build, the features.
    pub passes: &'a dyn Passes,
    /// Ids the page around the text already uses (`main`, `site-nav`, ...):
    /// never given to a heading.
    pub reserved_ids: &'a BTreeSet<String>,
    /// What the rendering is for: passes may do less (or other) for a handout.
    pub target: Target,
    /// Code blocks this page's text had when it was last rendered, reused
    /// where the code is the same (highlighting is the costliest step).
    pub highlighted: &'a [Code],
    /// What renders `{{ name(...) }}` calls: in a build, the theme's templates.
    pub shortcodes: &'a dyn shortcodes::Shortcodes,
    /// Whether text meant for facilitators only is shown (a facilitator edition).
    pub facilitator: bool,
}

/// A highlighted code block, kept with the page's rendering.
#[derive(Debug, Clone)]
pub struct Code {
    key: u64,
    html: Arc<str>,
}

/// What a page's Markdown is rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A page of the site.
    Site,
    /// A section of a single-file handout.
    Handout,
}

/// Passes over a page's events after the engine's own, before footnotes.
pub trait Passes: Sync {
    /// Before anything is rendered: claims the ids the passes will give
    /// ([`PageRender::claim_id`]), so that headings' generated ids step aside.
    fn claim_ids(&self, page: &mut PageRender<'_>, events: &[Spanned<'_>]);
    fn run<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>>;
}

/// No pass at all: the engine's rendering alone.
pub struct NoPasses;

impl Passes for NoPasses {
    fn claim_ids(&self, _page: &mut PageRender<'_>, _events: &[Spanned<'_>]) {}

    fn run<'e>(&self, _page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        events
    }
}

/// Whether `id` is one the footnotes use (`fn-2`, `fnref-2`, `fnref-2-3`).
fn is_footnote_id(id: &str) -> bool {
    let numbered = |rest: &str| {
        !rest.is_empty() && rest.split('-').all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    id.strip_prefix("fnref-").is_some_and(numbered)
        || id.strip_prefix("fn-").is_some_and(|n| numbered(n) && !n.contains('-'))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A `#fragment` that must exist on a page, checked once all pages are rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorRef {
    pub slug: String,
    pub anchor: String,
    pub line: usize,
}

/// An `@/address` that names no author's page: a generated one must be there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedRef {
    /// The link as written.
    pub dest: String,
    pub slug: String,
    /// The language of the page it leads to.
    pub lang: String,
    pub anchor: Option<String>,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every id an `#anchor` can point at on this page.
    pub anchors: BTreeSet<String>,
    pub anchor_refs: Vec<AnchorRef>,
    /// Links to pages the build generates (`@/checklists`), checked once
    /// they are made.
    pub generated_refs: Vec<GeneratedRef>,
    /// What deserves the author's attention without failing the build.
    pub warnings: Vec<Diagnostic>,
    /// What passes gathered from the page (checklist items, text for search).
    pub data: PageData,
    /// The page's code blocks, highlighted (for the site only).
    pub code: Vec<Code>,
}

pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders a page body. `source` and `first_line` place errors in the file.
pub fn render(
    source: &Path,
    body: &str,
    first_line: usize,
    options: &MarkdownOptions,
) -> Result<Rendered, Vec<Diagnostic>> {
    let lines = LineIndex::new(body, first_line);
    let mut page = PageRender {
        source,
        lines: &lines,
        options,
        out: Rendered::default(),
        problems: Vec::new(),
        ids: BTreeMap::new(),
        owner: "",
    };
    let called = shortcodes::find(&mut page, body);
    let text = called.as_ref().map_or(body, |(text, _, _)| text.as_str());
    let mut events: Vec<Spanned> = Parser::new_ext(text, parser_options()).into_offset_iter().collect();
    if let Some((_, htmls, markers)) = &called {
        events = shortcodes::replace(events, htmls, *markers);
    }
    options.passes.claim_ids(&mut page, &events);
    page.claim_heading_ids(&events);
    let events = page.engine_pass(events);
    let events = options.passes.run(&mut page, events);
    let (events, footnotes) = page.footnotes(events.into_iter().map(|(event, _)| event).collect());
    page.out.html.reserve(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut page.out.html, events.into_iter());
    page.out.html.push_str(&footnotes);
    // Every page's HTML is kept until the templates: no spare capacity.
    page.out.html.shrink_to_fit();
    if page.problems.is_empty() {
        Ok(page.out)
    } else {
        // In the order of the file, whichever pass found them.
        page.problems.sort_by_key(|problem| problem.location.line);
        Err(page.problems)
    }
}

/// One page being rendered: what passes read, and where they put what they find.
pub struct PageRender<'r> {
    pub source: &'r Path,
    lines: &'r LineIndex,
    pub options: &'r MarkdownOptions<'r>,
    pub out: Rendered,
    problems: Vec<Diagnostic>,
    /// Ids given on this page so far (without the id prefix), and the line
    /// that claimed each.
    ids: BTreeMap<String, usize>,
    /// The feature whose pass runs now (empty during the engine's own).
    pub owner: &'static str,
}

impl PageRender<'_> {
    /// Claims an id the author or a pass gives at `line`. If the page or the
    /// page around it already uses it, says so (naming `what` claims it) and
    /// returns false.
    /// Keeps `value` with the page's rendering, as the data of the pass
    /// running now (what `serve` compares to know what an edit changed).
    pub fn keep<T: std::any::Any + Send + Sync + PartialEq>(&mut self, value: T) {
        self.out.data.keep(self.owner, value);
    }

    pub fn claim_id(&mut self, id: &str, line: usize, what: &str) -> bool {
        let taken = if self.options.reserved_ids.contains(id) || is_footnote_id(id) {
            Some(format!("the id `{id}` of {what} is used by the page around the text"))
        } else {
            self.ids.get(id).map(|first| format!("the id `{id}` of {what} is already used on line {first}"))
        };
        match taken {
            Some(message) => {
                self.problems.push(
                    Diagnostic::new(Location::at(self.source, line, None), message)
                        .with_help("every id on a page must be different: choose another one"),
                );
                false
            }
            None => {
                self.ids.insert(id.to_string(), line);
                true
            }
        }
    }

    /// Whether `id` is already given on this page.
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    /// The first id free of `base`, `base-1`, `base-2`, ..., claimed.
    fn generated_id(&mut self, base: &str, line: usize) -> String {
        let free =
            |id: &str| !self.ids.contains_key(id) && !self.options.reserved_ids.contains(id) && !is_footnote_id(id);
        let id = if free(base) {
            base.to_string()
        } else {
            (1..).map(|n| format!("{base}-{n}")).find(|id| free(id)).expect("an unused suffix")
        };
        self.ids.insert(id.clone(), line);
        id
    }

    /// The ids authors gave headings (`## Title {#id}`), before any is generated.
    fn claim_heading_ids(&mut self, events: &[Spanned]) {
        for (event, range) in events {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
                let line = self.line(range.start);
                self.claim_id(id, line, "a heading");
            }
        }
    }

    /// The file line of a byte offset in the body.
    pub fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    /// Reports a problem that stops the build.
    pub fn problem(&mut self, diagnostic: Diagnostic) {
        self.problems.push(diagnostic);
    }

    /// The engine's pass: rewrites what it owns and passes the rest.
    fn engine_pass<'e>(&mut self, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        let prefix = self.options.id_prefix;
        let mut out: Vec<Spanned<'e>> = Vec::with_capacity(events.len() + 16);
        let mut iter = events.into_iter();
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let mut inner = Vec::new();
                    for (event, range) in iter.by_ref() {
                        if matches!(event, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        inner.push((self.inline(event, range.start), range));
                    }
                    let title = plain_text(inner.iter().map(|(event, _)| event));
                    let id = match id {
                        Some(id) => id.to_string(),
                        None => {
                            let line = self.line(range.start);
                            self.generated_id(&slugify(&title), line)
                        }
                    };
                    self.out.anchors.insert(id.clone());
                    let id = format!("{prefix}{id}");
                    let level_number = level as u8;
                    if (2..=3).contains(&level_number) {
                        self.out.toc.push(TocEntry { level: level_number, id: id.clone(), title });
                    }
                    out.push((
                        Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs }),
                        range.clone(),
                    ));
                    out.extend(inner);
                    out.push((Event::End(TagEnd::Heading(level)), range));
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
                    let key = highlight::key(&code, language);
                    let html = match self.options.highlighted.iter().find(|known| known.key == key) {
                        Some(known) => known.html.clone(),
                        None => Arc::from(highlight(&code, language)),
                    };
                    out.push((Event::Html(html.to_string().into()), range));
                    if self.options.target == Target::Site {
                        self.out.code.push(Code { key, html });
                    }
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let (class, key) = callout(kind);
                    let title = self.options.strings.get(key).map(String::as_str).unwrap_or(key);
                    let mut html = format!("<aside class=\"callout callout-{class}\"><p class=\"callout-title\">");
                    escape_html(&mut html, title).expect("writing to a String");
                    html.push_str("</p>\n");
                    out.push((Event::Html(html.into()), range));
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => out.push((Event::Html("</aside>\n".into()), range)),
                Event::Start(Tag::Table(alignments)) => {
                    out.push((Event::Html("<div class=\"table-wrap\">".into()), range.clone()));
                    out.push((Event::Start(Tag::Table(alignments)), range));
                }
                Event::End(TagEnd::Table) => {
                    out.push((Event::End(TagEnd::Table), range.clone()));
                    out.push((Event::Html("</div>\n".into()), range));
                }
                other => out.push((self.inline(other, range.start), range)),
            }
        }
        out
    }

    /// Rewrites link and image targets; other events pass unchanged.
    fn inline<'e>(&mut self, event: Event<'e>, offset: usize) -> Event<'e> {
        match event {
            // `<someone@example.org>`: HTML writes the `mailto:`.
            Event::Start(Tag::Link { link_type: LinkType::Email, .. }) => event,
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = self.resolve(dest_url, offset, false);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.resolve(dest_url, offset, true);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            other => other,
        }
    }
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

/// The text of some events, as a reader would read it aloud.
pub fn plain_text<'a, 'e: 'a>(events: impl IntoIterator<Item = &'a Event<'e>>) -> String {
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

/// Maps byte offsets of the body to 1-based file lines.
pub struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    pub fn new(text: &str, first_line: usize) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts, first_line }
    }

    pub fn line(&self, offset: usize) -> usize {
        self.first_line + self.starts.partition_point(|&start| start <= offset) - 1
    }
}

#[cfg(test)]
pub(crate) mod tests;
