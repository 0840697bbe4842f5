//! Glossaries: `content/glossary.yaml` for the default language and
//! `glossary.<lang>.yaml` for the others. The first use of each term on a
//! page becomes an `<abbr>` linked to the glossary page of the reader's
//! language (the Markdown pass); the glossary page of each language
//! (`glossary/`); and in `check`, the glossaries left to translate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use serde::{Deserialize, Serialize};

use crate::engine::error::{Diagnostic, Error, Location, Result};
use crate::engine::feature::document::{Document, Glossary as DocumentGlossary};
use crate::engine::feature::{
    value, ContextMap, Declaration, Feature, GeneratedPage, LanguageContext, LoadContext, PageKind, Pass,
};
use crate::engine::i18n::ui;
use crate::engine::markdown::{slugify, PageRender, Spanned};
use crate::engine::report::{CheckContext, CheckReport, Todo};
use crate::engine::yaml;

/// Where the glossary page of each language is published.
pub const SLUG: &str = "glossary";

/// The glossaries of the toolkit, by language.
#[derive(Default)]
pub struct GlossaryFeature {
    glossaries: BTreeMap<String, Glossary>,
}

impl GlossaryFeature {
    /// A feature with these glossaries already loaded, for tests.
    pub fn with(glossaries: impl IntoIterator<Item = Glossary>) -> GlossaryFeature {
        GlossaryFeature {
            glossaries: glossaries.into_iter().map(|glossary| (glossary.lang.clone(), glossary)).collect(),
        }
    }

    /// The glossary to show readers of `lang`: its own, or the default
    /// language's.
    pub fn for_language(&self, lang: &str, default: &str) -> Option<&Glossary> {
        self.glossaries.get(lang).or_else(|| self.glossaries.get(default))
    }
}

impl Pass for GlossaryFeature {
    fn after(&self) -> &'static [&'static str] {
        // Lint reads a page's first paragraph as written; checklist items are marked first.
        &["lint", "checklists"]
    }

    fn run<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        // Terms link to the glossary of the text's language (on a page not
        // translated yet, the default language's, which has those terms).
        match self.glossaries.get(page.options.lang) {
            Some(glossary) => link_terms(events, glossary, page.options.links.generated(SLUG, page.options.lang)),
            None => events,
        }
    }
}

impl Feature for GlossaryFeature {
    fn pass(&self) -> Option<&dyn Pass> {
        Some(self)
    }

    fn name(&self) -> &'static str {
        "glossary"
    }

    fn load(&mut self, cx: &mut LoadContext) -> Result<()> {
        let (glossaries, problems) = load(cx)?;
        self.glossaries = glossaries;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Content(problems))
        }
    }

    fn declaration(&self) -> Declaration {
        Declaration { pages: &[PageKind { slug: SLUG, data_key: "glossary" }], ..Declaration::NONE }
    }

    fn site_context(&self, cx: &LanguageContext, out: &mut ContextMap) {
        let href = (!self.glossaries.is_empty()).then(|| cx.site.urls.page(SLUG, cx.lang()));
        out.insert("glossary_href", value(href));
    }

    fn pages(&self, cx: &LanguageContext) -> Result<Vec<GeneratedPage>> {
        if self.glossaries.is_empty() {
            return Ok(Vec::new());
        }
        let own = self.glossaries.get(cx.lang());
        let glossary = own.or_else(|| self.glossaries.get(&cx.config.default_language().code));
        let title = ui(cx.strings, "glossary");
        let mut page = GeneratedPage::new(cx, SLUG, "glossary", title)
            .described(ui(cx.strings, "glossary_intro"))
            .with("glossary", value(glossary.map(|g| g.terms.clone())));
        if let Some(glossary) = glossary {
            page.content_lang = glossary.lang.clone();
            page.is_fallback = own.is_none();
        }
        Ok(vec![page])
    }

    /// Documents print the glossary of their language, or the default one's.
    fn document(&self, cx: &LanguageContext, document: &mut Document) {
        document.glossary =
            self.for_language(cx.lang(), &cx.config.default_language().code).map(|glossary| DocumentGlossary {
                lang: glossary.lang.clone(),
                slug: SLUG,
                terms: serde_json::to_value(&glossary.terms).unwrap_or_default(),
            });
    }

    fn check(&self, check: &CheckContext, report: &mut CheckReport) {
        if !self.glossaries.contains_key(&check.config.default_language().code) {
            return;
        }
        for status in &mut report.languages {
            if !self.glossaries.contains_key(&status.code) {
                status.todo.push(Todo {
                    action: "translate",
                    source: PathBuf::from("content/glossary.yaml"),
                    translation: PathBuf::from(format!("content/glossary.{}.yaml", status.code)),
                    phase: None,
                    untranslated: 0,
                });
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    term: String,
    title: String,
    definition: Option<String>,
    /// Other forms of the term in running text: plurals, variants.
    #[serde(default)]
    aliases: Vec<String>,
}

const TERM_KEYS: &[&str] = &["term", "title", "definition", "aliases"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub term: String,
    /// The short expansion shown on hover.
    pub title: String,
    pub definition: Option<String>,
    /// Other forms found in text (`CSOs` for `CSO`), linked like the term.
    pub aliases: Vec<String>,
    /// The anchor of the term on the glossary page.
    pub id: String,
}

/// The terms of one language and a matcher that finds them in text.
#[derive(Debug, Clone)]
pub struct Glossary {
    pub lang: String,
    /// Sorted by term.
    pub terms: Vec<Term>,
    pub source: PathBuf,
    matcher: AhoCorasick,
    /// The term index of each of the matcher's patterns (terms, then aliases).
    pattern_terms: Vec<usize>,
}

/// One glossary per language that has a file, and the problems of those
/// that could not be read.
fn load(cx: &LoadContext) -> Result<(BTreeMap<String, Glossary>, Vec<Diagnostic>)> {
    let config = cx.config;
    let mut glossaries = BTreeMap::new();
    let mut problems = Vec::new();
    for language in &config.languages {
        let name = if language.code == config.default_language().code {
            "glossary.yaml".to_string()
        } else {
            format!("glossary.{}.yaml", language.code)
        };
        let path = config.content_dir.join(&name);
        if !path.is_file() {
            // Made from another file (translated in `po/LANG/glossary.yaml.po`).
            if let Some((source, yaml)) = cx.files.get(&name) {
                match Glossary::parse(&language.code, source, yaml) {
                    Ok(glossary) => {
                        glossaries.insert(language.code.clone(), glossary);
                    }
                    Err(found) => problems.extend(found),
                }
            }
            continue;
        }
        let source = Path::new("content").join(&name);
        let text = std::fs::read_to_string(&path).map_err(|error| {
            Error::one(Diagnostic::new(Location::file(&source), format!("cannot read the glossary: {error}")))
        })?;
        match Glossary::parse(&language.code, &source, &text) {
            Ok(glossary) => {
                glossaries.insert(language.code.clone(), glossary);
            }
            Err(found) => problems.extend(found),
        }
    }
    Ok((glossaries, problems))
}

impl Glossary {
    /// Parses a glossary file; `source` is what errors show.
    pub fn parse(lang: &str, source: &Path, text: &str) -> Result<Glossary, Vec<Diagnostic>> {
        let text = crate::engine::config::strip_bom(text);
        let raw: Vec<RawTerm> = if text.trim().is_empty() {
            Vec::new()
        } else {
            yaml::parse::<Option<Vec<RawTerm>>>(source, 1, text, TERM_KEYS)
                .map_err(|problem| vec![problem])?
                .unwrap_or_default()
        };
        let mut problems = Vec::new();
        let mut terms: Vec<Term> = Vec::with_capacity(raw.len());
        for RawTerm { term, title, definition, aliases } in raw {
            let term = term.trim().to_string();
            if term.is_empty() {
                problems.push(Diagnostic::new(Location::file(source), "a glossary entry has an empty `term`"));
                continue;
            }
            if terms.iter().any(|known| known.term == term) {
                let lines: Vec<usize> = text
                    .lines()
                    .enumerate()
                    .filter(|(_, line)| {
                        let line = line.trim_start().trim_start_matches("- ").trim();
                        line.strip_prefix("term:").is_some_and(|value| value.trim().trim_matches(['"', '\'']) == term)
                    })
                    .map(|(i, _)| i + 1)
                    .collect();
                let location = match lines.get(1) {
                    Some(&line) => Location::at(source, line, None),
                    None => Location::file(source),
                };
                let first = lines.first().map(|line| format!(" (first on line {line})")).unwrap_or_default();
                problems.push(
                    Diagnostic::new(location, format!("the term `{term}` is defined twice{first}"))
                        .with_help("keep one entry per term"),
                );
                continue;
            }
            let id = format!("term-{}", slugify(&term));
            let aliases: Vec<String> =
                aliases.iter().map(|alias| alias.trim().to_string()).filter(|alias| !alias.is_empty()).collect();
            terms.push(Term { term, title, definition, aliases, id });
        }
        // Each form of text belongs to one term.
        let mut forms: BTreeMap<&str, &str> = BTreeMap::new();
        for term in &terms {
            forms.insert(&term.term, &term.term);
        }
        for term in &terms {
            for alias in term.aliases.iter().filter(|alias| **alias != term.term) {
                let Some(other) = forms.insert(alias, &term.term) else { continue };
                let message = if other == term.term {
                    format!("the alias `{alias}` is listed twice for `{other}`")
                } else {
                    format!("`{alias}` is an alias of `{}` but already stands for `{other}`", term.term)
                };
                let line = text.lines().position(|line| line.contains(alias.as_str()) && !line.contains("term:"));
                let location = match line {
                    Some(line) => Location::at(source, line + 1, None),
                    None => Location::file(source),
                };
                problems.push(
                    Diagnostic::new(location, message).with_help("each word stands for one term: remove one of them"),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        terms.sort_by_key(|term| term.term.to_lowercase());
        let mut patterns = Vec::new();
        let mut pattern_terms = Vec::new();
        for (index, term) in terms.iter().enumerate() {
            for form in std::iter::once(&term.term).chain(&term.aliases) {
                patterns.push(form.as_str());
                pattern_terms.push(index);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .map_err(|error| vec![Diagnostic::new(Location::file(source), format!("glossary terms: {error}"))])?;
        Ok(Glossary { lang: lang.to_string(), terms, source: source.to_path_buf(), matcher, pattern_terms })
    }

    /// Occurrences of terms in `text` as (start, end, term index), leftmost
    /// first, whole words only (except for terms in scripts written without
    /// spaces, such as Chinese, which match anywhere).
    pub fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.matcher
            .find_iter(text)
            .filter(|found| {
                let form = &text[found.start()..found.end()];
                let before = text[..found.start()].chars().next_back();
                let after = text[found.end()..].chars().next();
                separated(before, form.chars().next()) && separated(after, form.chars().next_back())
            })
            .map(|found| (found.start(), found.end(), self.pattern_terms[found.pattern().as_usize()]))
            .collect()
    }
}

/// Whether a term's edge character `edge` is a word boundary next to `neighbour`.
fn separated(neighbour: Option<char>, edge: Option<char>) -> bool {
    match (neighbour, edge) {
        (None, _) | (_, None) => true,
        (Some(_), Some(edge)) if is_unspaced(edge) => true,
        (Some(neighbour), _) => !(neighbour.is_alphanumeric() || neighbour == '_'),
    }
}

/// Characters of scripts written without spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0x0E00..=0x0E7F   // Thai
    )
}

/// The first use of each glossary term becomes an `<abbr>` linked to its
/// entry (when the glossary is at hand). Headings, links, images and code are left alone, and so is text
/// inside raw HTML elements (`<a>`, `<abbr>`) and checklist labels (where a
/// tap on the word must tick the box, not leave the page).
fn link_terms<'e>(events: Vec<Spanned<'e>>, glossary: &Glossary, glossary_href: Option<String>) -> Vec<Spanned<'e>> {
    let mut used = vec![false; glossary.terms.len()];
    let mut skip_depth = 0usize;
    // Elements opened and not yet closed by inline HTML.
    let mut html_depth = 0isize;
    let mut out = Vec::with_capacity(events.len());
    for (event, range) in events {
        match &event {
            Event::Start(Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. }) => skip_depth += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image) => skip_depth = skip_depth.saturating_sub(1),
            Event::InlineHtml(html) => html_depth = (html_depth + open_elements(html)).max(0),
            // Raw HTML left open does not reach past its block.
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_)) => html_depth = 0,
            _ => {}
        }
        if html_depth > 0 {
            out.push((event, range));
            continue;
        }
        let Event::Text(text) = &event else {
            out.push((event, range));
            continue;
        };
        if skip_depth > 0 || used.iter().all(|&u| u) {
            out.push((event, range));
            continue;
        }
        let found: Vec<_> =
            glossary.find(text).into_iter().filter(|&(_, _, term)| !std::mem::replace(&mut used[term], true)).collect();
        if found.is_empty() {
            out.push((event, range));
            continue;
        }
        let mut at = 0;
        for (start, end, index) in found {
            if start > at {
                out.push((Event::Text(text[at..start].to_string().into()), range.clone()));
            }
            let term = &glossary.terms[index];
            let mut html = String::new();
            if let Some(href) = &glossary_href {
                html.push_str("<a class=\"term\" href=\"");
                escape_html(&mut html, &format!("{href}#{}", term.id)).expect("writing to a String");
                html.push_str("\">");
            }
            html.push_str("<abbr title=\"");
            escape_html(&mut html, &term.title).expect("writing to a String");
            html.push_str("\">");
            escape_html(&mut html, &text[start..end]).expect("writing to a String");
            html.push_str("</abbr>");
            if glossary_href.is_some() {
                html.push_str("</a>");
            }
            out.push((Event::InlineHtml(html.into()), range.clone()));
            at = end;
        }
        if at < text.len() {
            out.push((Event::Text(text[at..].to_string().into()), range));
        }
    }
    out
}

/// Elements `html` opens minus those it closes (`<a href=x>` 1, `</a>` -1,
/// `<br>` and `<input ...>` 0).
fn open_elements(html: &str) -> isize {
    const VOID: &[&str] =
        &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];
    let mut depth = 0;
    for tag in html.split('<').skip(1) {
        let (closing, rest) = match tag.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, tag),
        };
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let name = name.to_ascii_lowercase();
        let self_closing = tag.split('>').next().is_some_and(|inside| inside.trim_end().ends_with('/'));
        if name.is_empty() || VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        depth += if closing { -1 } else { 1 };
    }
    depth
}

#[cfg(test)]
mod tests;
