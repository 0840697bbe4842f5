//! What features see: one language of the build ([`LanguageContext`]), or
//! the whole site once written ([`SiteContext`]); and what the engine keeps
//! to itself to schedule the build ([`BuildContext`], [`Scope`]).

use std::collections::{BTreeSet, HashSet};

use super::{ContextMap, ContextValue, Features};
use crate::engine::config::Config;
use crate::engine::i18n::UiStrings;
use crate::engine::markdown::{Rendered, TocEntry};
use crate::engine::site::{Entry, LanguageSite, Site};
use crate::engine::templates::Theme;

/// What a feature sees when it makes the pages, files and document of one
/// language. Whatever turn of the build this is, the tables of contents of
/// every language rendered so far (the default one's always) are there.
#[derive(Clone)]
pub struct LanguageContext<'a> {
    pub config: &'a Config,
    pub site: &'a Site<'a>,
    pub theme: &'a Theme,
    /// Index of the language in the site (0: the default one).
    pub index: usize,
    pub language: &'a LanguageSite<'a>,
    /// The UI strings of the language.
    pub strings: &'a UiStrings,
    /// The rendered Markdown of the language's entries, aligned with
    /// `language.entries`; empty where nothing is rendered (`check`).
    pub rendered: &'a [Rendered],
    /// Ids of the page around an author's text, for rendering Markdown again.
    pub reserved_ids: &'a BTreeSet<String>,
    all_rendered: &'a [Vec<Rendered>],
    tables_of_contents: &'a [Vec<Vec<TocEntry>>],
}

impl<'a> LanguageContext<'a> {
    /// The language's code.
    pub fn lang(&self) -> &'a str {
        &self.language.lang
    }

    /// Whether this is the default language (files shared by every
    /// language, such as a logo, are written with it).
    pub fn is_default(&self) -> bool {
        self.index == 0
    }

    /// The rendered Markdown of the language at `language`, if it is at
    /// hand in this turn of the build.
    pub fn rendered_of(&self, language: usize) -> Option<&'a [Rendered]> {
        self.all_rendered
            .get(language)
            .filter(|pages| pages.len() == self.site.languages[language].entries.len())
            .map(Vec::as_slice)
    }

    /// The table of contents of the entry at `entry` of the language at
    /// `language`, if that language is rendered in this build so far.
    pub fn table_of_contents(&self, language: usize, entry: usize) -> Option<&'a [TocEntry]> {
        match self.all_rendered.get(language).and_then(|pages| pages.get(entry)) {
            Some(page) => Some(&page.toc),
            None => self.tables_of_contents.get(language)?.get(entry).map(Vec::as_slice),
        }
    }

    /// The language at `index` outside a build's turns (`uprkit handout`),
    /// with the Markdown of every language in `rendered` (or none).
    pub fn new(
        config: &'a Config,
        site: &'a Site<'a>,
        theme: &'a Theme,
        index: usize,
        rendered: &'a [Vec<Rendered>],
        reserved_ids: &'a BTreeSet<String>,
    ) -> LanguageContext<'a> {
        let language = &site.languages[index];
        LanguageContext {
            config,
            site,
            theme,
            index,
            language,
            strings: &theme.strings[&language.lang],
            rendered: rendered.get(index).map_or(&[], Vec::as_slice),
            reserved_ids,
            all_rendered: rendered,
            tables_of_contents: &[],
        }
    }

    /// The same with no Markdown rendered (`uprkit check`).
    pub fn without_markdown(
        config: &'a Config,
        site: &'a Site<'a>,
        theme: &'a Theme,
        index: usize,
        reserved_ids: &'a BTreeSet<String>,
    ) -> LanguageContext<'a> {
        LanguageContext::new(config, site, theme, index, &[], reserved_ids)
    }
}

/// What an output sees once the whole site is written.
pub struct SiteContext<'a> {
    pub config: &'a Config,
    pub site: &'a Site<'a>,
    pub theme: &'a Theme,
}

/// Which outputs a build makes: all of them, or after an edit to the text of
/// some pages, only what shows that text. The engine's own: features never
/// see it.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// `None`: everything. Otherwise the (language index, slug) of the
    /// author's pages to render again.
    pub pages: Option<HashSet<(usize, String)>>,
    /// Features whose pages and files are stale, by language index.
    pub stale: HashSet<(usize, &'static str)>,
    /// `Some(range)`: a whole build made a few languages at a time (so that
    /// a big site's rendered Markdown is never in memory whole), and this
    /// is the turn of the languages at `range`.
    pub languages: Option<std::ops::Range<usize>>,
    /// Features whose files are stale but made later, by language index
    /// (`serve`: after the reload, see [`Stale::on_demand`]); their pages
    /// are made now.
    ///
    /// [`Stale::on_demand`]: super::Stale::on_demand
    pub later: HashSet<(usize, &'static str)>,
}

impl Scope {
    pub fn everything() -> Scope {
        Scope::default()
    }

    /// Everything of the languages in the scope (see [`Scope::has_language`]).
    pub fn is_everything(&self) -> bool {
        self.pages.is_none()
    }

    /// The whole build's turn for the languages at `languages`.
    pub fn languages_turn(languages: std::ops::Range<usize>) -> Scope {
        Scope { languages: Some(languages), ..Scope::default() }
    }

    /// Whether the pages and files of the language at `language` are made now.
    pub fn has_language(&self, language: usize) -> bool {
        self.languages.as_ref().is_none_or(|turn| turn.contains(&language))
    }

    /// Whether `feature` must make its pages and files of `language` again.
    pub fn includes(&self, language: usize, feature: &str) -> bool {
        self.has_language(language) && (self.is_everything() || self.stale.contains(&(language, feature)))
    }

    /// Marks `feature` stale in every language of `site`.
    pub fn stale_everywhere(&mut self, site: &Site, feature: &'static str) {
        self.stale.extend((0..site.languages.len()).map(|language| (language, feature)));
    }
}

/// The engine's view of one step of a build, from which it makes each
/// feature's [`LanguageContext`].
pub struct BuildContext<'a> {
    pub config: &'a Config,
    pub site: &'a Site<'a>,
    pub theme: &'a Theme,
    /// The rendered Markdown of every entry: `[language][entry]` (in a
    /// build made a few languages at a time, those of this turn only).
    pub rendered: &'a [Vec<Rendered>],
    /// The tables of contents of every entry rendered so far in this build,
    /// `[language][entry]`: kept from one turn to the next, so that a page
    /// can name a section of a page of an earlier turn's language.
    pub tables_of_contents: &'a [Vec<Vec<TocEntry>>],
    pub features: &'a Features,
    pub scope: &'a Scope,
    /// Ids of the page around an author's text, for rendering Markdown again.
    pub reserved_ids: &'a BTreeSet<String>,
}

impl<'a> BuildContext<'a> {
    /// What features see of the language at `index`.
    pub fn language(&self, index: usize) -> LanguageContext<'a> {
        LanguageContext {
            tables_of_contents: self.tables_of_contents,
            ..LanguageContext::new(self.config, self.site, self.theme, index, self.rendered, self.reserved_ids)
        }
    }

    /// The languages whose pages and files this step makes.
    pub fn languages(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.site.languages.len()).filter(|&index| self.scope.has_language(index))
    }
}

/// The page `page_context` is asked about.
pub struct PageInput<'a> {
    /// The page's title, as its `<h1>` shows it.
    pub title: &'a str,
    /// The page's address relative to the site root (`preparation/index.html`).
    pub href: &'a str,
    /// The author's page and its rendered Markdown; `None` on a generated page.
    pub entry: Option<(&'a Entry<'a>, &'a Rendered)>,
}

/// A page made by the build rather than written by an author.
pub struct GeneratedPage {
    /// Index of the reader's language in the site.
    pub language: usize,
    pub slug: String,
    /// What templates see as `page.kind`.
    pub kind: &'static str,
    /// The template it is rendered with: `<kind>.html` unless set otherwise.
    pub template: String,
    pub title: String,
    /// What the page holds, in a sentence of the reader's language: its
    /// `<meta name="description">` (search engines show it under the title).
    pub description: Option<String>,
    /// Language of the text shown: the default one when this language has none.
    pub content_lang: String,
    pub is_fallback: bool,
    /// Top-level template data (`glossary`, `checklists`, ...), under the
    /// data keys of the kinds of pages the feature declares.
    pub data: ContextMap,
}

impl GeneratedPage {
    /// A page at `slug` in the language of `cx`, written in that language,
    /// rendered with the template `<kind>.html`, with no data yet.
    pub fn new(cx: &LanguageContext, slug: impl Into<String>, kind: &'static str, title: String) -> Self {
        GeneratedPage {
            language: cx.index,
            slug: slug.into(),
            kind,
            template: format!("{kind}.html"),
            title,
            description: None,
            content_lang: cx.language.lang.clone(),
            is_fallback: false,
            data: ContextMap::new(),
        }
    }

    /// Describes the page in a sentence (its meta description).
    pub fn described(mut self, description: String) -> Self {
        self.description = Some(description);
        self
    }

    /// Adds top-level template data under `key`.
    pub fn with(mut self, key: &'static str, data: ContextValue) -> Self {
        self.data.insert(key, data);
        self
    }
}
