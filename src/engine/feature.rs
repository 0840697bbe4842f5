//! The seam between the engine and the features. The engine knows nothing of
//! checklists, glossaries or key dates: each feature implements [`Feature`],
//! and the pipeline calls its hooks at fixed points, in the order the
//! features are registered (`crate::features::registry`):
//!
//! ```text
//! config    config_keys     keys of uprkit.yaml the feature reads itself
//! read      load            the feature's own settings and files (a glossary)
//!           warnings        what load found that does not stop a build
//!           source_pages    pages made from other files (translations from PO)
//! markdown  claim_ids       ids its pass will give, before headings get theirs
//!           markdown        a pass over each page's events (checklists, terms)
//! pages     pages           pages the build makes (glossary, checklists page)
//!           reserved_slugs  addresses an author's page may not take
//! templates site_context    `site.*` keys, once per language
//!           page_context    `page.*` keys, once per page
//!           page_data_keys  top-level keys of its generated pages
//!           script          its part of the page script, the UI strings it reads
//!           reserved_ids    ids it puts around the text (the cycle picture)
//! write     files           files besides pages (search index, key dates)
//!           write_files     the same, written as they are made (handouts)
//!           finish          files made from the written site (zips)
//! check     check           what `uprkit check` reports
//! serve     changed         whether an edit changes what the feature makes
//!           deferred_files  slow files, made again after the browser reloads
//! ```
//!
//! Every hook has a default that does nothing, so a feature implements only
//! what it needs. Its templates, strings, styles and script are part of the
//! theme (`themes/default/`), so that a site overrides them like any other.

use std::any::Any;
use std::collections::HashSet;
use std::path::Path;

use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Result};
use crate::engine::markdown::{PageRender, Passes, Rendered, Spanned};
use crate::engine::output::{OutputFile, Sink};
use crate::engine::report::{CheckContext, CheckReport};
use crate::engine::site::{Entry, Site};
use crate::engine::templates::Theme;

pub use crate::engine::templates::context::{value, ContextMap, ContextValue};

/// A feature's part of the page script (`_uprkit/uprkit.js`, which the
/// engine makes of the theme's core and the parts of the features, in
/// their order), and the UI strings its scripts read (`site.js_strings`).
#[derive(Debug, Clone, Copy)]
pub struct Script {
    /// The part: a file of the theme's `static/` (`scripts/search.js`), or
    /// none for a feature whose script is a page's own (the matrix's).
    pub file: Option<&'static str>,
    pub strings: &'static [&'static str],
}

/// One capability plugged into the pipeline.
pub trait Feature: Any + Send + Sync {
    /// A short name, for messages.
    fn name(&self) -> &'static str;

    /// Keys of uprkit.yaml the feature reads ([`Config::setting`]): any
    /// other key neither the engine nor a feature knows is an error.
    fn config_keys(&self) -> &'static [&'static str] {
        &[]
    }

    /// Reads the feature's own settings and files, once per build, before
    /// anything is rendered.
    fn load(&mut self, _config: &Config) -> Result<()> {
        Ok(())
    }

    /// What `load` found in the feature's files that the author should
    /// know but that does not stop a build (a translation given twice):
    /// printed after a build, and by `check`.
    fn warnings(&self) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// Authors' pages the feature makes from other files than `content/`
    /// (a translation from a PO file), once the content is read. A page of
    /// `content/` with the same address and language wins.
    fn source_pages(
        &self,
        _config: &Config,
        _loaded: &crate::engine::content::Loaded,
    ) -> Result<Vec<crate::engine::content::Page>> {
        Ok(Vec::new())
    }

    /// Addresses the feature publishes pages at: an author's page there is an error.
    fn reserved_slugs(&self) -> &'static [&'static str] {
        &[]
    }

    /// The feature's part of the page script and the UI strings its
    /// scripts read.
    fn script(&self) -> Option<Script> {
        None
    }

    /// Ids the feature puts on author pages around the text (the cycle
    /// picture's): never given to a heading.
    fn reserved_ids(&self) -> &'static [&'static str] {
        &[]
    }

    /// Before a page is rendered: claims the ids its Markdown pass will give
    /// ([`PageRender::claim_id`]), so that generated heading ids step aside.
    fn claim_ids(&self, _page: &mut PageRender<'_>, _events: &[Spanned<'_>]) {}

    /// A pass over one page's Markdown events, after the engine's own (links
    /// resolved, headings with ids, code highlighted) and before footnotes.
    fn markdown<'e>(&self, _page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        events
    }

    /// The pages the build makes. In a partial rebuild (`build.scope` is not
    /// everything), only those that must be rendered again.
    fn pages(&self, _build: &BuildContext) -> Result<Vec<GeneratedPage>> {
        Ok(Vec::new())
    }

    /// Keys of the top-level template data of the feature's generated pages
    /// (`glossary`): every page gets them, `null` where they do not apply.
    fn page_data_keys(&self) -> &'static [&'static str] {
        &[]
    }

    /// `site.*` keys for the language at `language`. Set every key on every
    /// call (`null` where it does not apply), so templates can always name it.
    fn site_context(&self, _build: &BuildContext, _language: usize, _out: &mut ContextMap) {}

    /// `page.*` keys for one page; as with `site_context`, always the same keys.
    fn page_context(&self, _build: &BuildContext, _page: &PageInput, _out: &mut ContextMap) {}

    /// Files besides the pages, for the scope of `build`.
    fn files(&self, _build: &BuildContext) -> Result<Vec<OutputFile>> {
        Ok(Vec::new())
    }

    /// Writes the feature's files to `sink`; returns how many. By default
    /// those of [`files`](Self::files); a feature with big files (the
    /// handouts) writes each as soon as it is made, so that they are never
    /// all in memory at once.
    fn write_files(&self, build: &BuildContext, sink: &dyn Sink) -> Result<usize> {
        let files = self.files(build)?;
        let count = files.len();
        for file in files {
            sink.put(file)?;
        }
        Ok(count)
    }

    /// Files made from the whole site once written to `dir` (the zips), on
    /// a whole build to disk only. Returns how many files were written.
    fn finish(&self, _build: &BuildContext, _dir: &Path) -> Result<usize> {
        Ok(0)
    }

    /// Whether a page's new rendering changes this feature's pages or files
    /// (compared with its rendering before an edit).
    fn changed(&self, _before: &Rendered, _after: &Rendered) -> bool {
        false
    }

    /// Files too slow to make before the browser reloads (the handouts):
    /// `serve` makes them again after each partial rebuild.
    fn deferred_files(&self, _build: &BuildContext) -> Result<Vec<OutputFile>> {
        Ok(Vec::new())
    }

    /// Names of the shortcodes whose data the feature gives (their templates
    /// are the theme's `shortcodes/<name>.html`).
    fn shortcodes(&self) -> &'static [&'static str] {
        &[]
    }

    /// The template variables of a call of one of its shortcodes on the
    /// page `page` renders; or why the call is wrong.
    fn shortcode_data(
        &self,
        _call: &crate::engine::markdown::shortcodes::Call,
        _page: &crate::engine::markdown::MarkdownOptions,
    ) -> std::result::Result<
        serde_json::Map<String, serde_json::Value>,
        crate::engine::markdown::shortcodes::ShortcodeError,
    > {
        Ok(serde_json::Map::new())
    }

    /// What the feature reports in `uprkit check`.
    fn check(&self, _check: &CheckContext, _report: &mut CheckReport) {}

    /// Keys it adds to the page `check --html` writes (in the default language).
    fn report_context(&self, _config: &Config, _out: &mut ContextMap) {}
}

/// The registered features, in order.
pub struct Features {
    list: Vec<Box<dyn Feature>>,
}

impl Features {
    pub fn new(list: Vec<Box<dyn Feature>>) -> Features {
        Features { list }
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn Feature> {
        self.list.iter().map(|feature| &**feature)
    }

    /// Lets each feature read its own settings and files; every problem of
    /// every feature is reported at once.
    pub fn load(&mut self, config: &Config) -> Result<()> {
        let mut problems = Vec::new();
        for feature in &mut self.list {
            match feature.load(config) {
                Ok(()) => {}
                Err(crate::engine::error::Error::Content(found)) => problems.extend(found),
                Err(other) => return Err(other),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(crate::engine::error::Error::Content(problems))
        }
    }

    /// The keys of uprkit.yaml that features read.
    pub fn config_keys(&self) -> Vec<&'static str> {
        self.iter().flat_map(|feature| feature.config_keys()).copied().collect()
    }

    /// One feature by type, for features that build on another (handouts
    /// print the glossary).
    pub fn get<T: Feature>(&self) -> Option<&T> {
        self.list.iter().find_map(|feature| (&**feature as &dyn Any).downcast_ref::<T>())
    }

    /// The UI string keys every feature's script needs, sorted.
    pub fn script_strings(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> =
            self.iter().filter_map(|feature| feature.script()).flat_map(|script| script.strings).copied().collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Calls `hook` on each feature and gathers the pages or files it returns.
    pub fn collect<T>(&self, hook: impl Fn(&dyn Feature) -> Result<Vec<T>>) -> Result<Vec<T>> {
        let mut all = Vec::new();
        for feature in self.iter() {
            all.extend(hook(feature)?);
        }
        Ok(all)
    }
}

/// In a build, the features' Markdown hooks are the passes after the engine's.
impl Passes for Features {
    fn claim_ids(&self, page: &mut PageRender<'_>, events: &[Spanned<'_>]) {
        for feature in self.iter() {
            feature.claim_ids(page, events);
        }
    }

    fn run<'e>(&self, page: &mut PageRender<'_>, mut events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        for feature in self.iter() {
            events = feature.markdown(page, events);
        }
        events
    }
}

/// Which outputs a build makes: all of them, or after an edit to the text of
/// some pages, only what shows that text.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// `None`: everything. Otherwise the (language index, slug) of the
    /// author's pages to render again.
    pub pages: Option<HashSet<(usize, String)>>,
    /// The (language index, entry index) whose Markdown was rendered again.
    pub edited: Vec<(usize, usize)>,
    /// Features whose pages or files the edit changed ([`Feature::changed`]).
    pub changed: HashSet<&'static str>,
    /// `Some(range)`: a whole build made a few languages at a time (so that
    /// a big site's rendered Markdown is never in memory whole), and this
    /// is the turn of the languages at `range`. Only their pages and files
    /// are made; `build.rendered` holds their Markdown only.
    pub languages: Option<std::ops::Range<usize>>,
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

    /// Whether files shared by every language (a logo) are made now: once,
    /// on the default language's turn.
    pub fn has_shared(&self) -> bool {
        self.has_language(0)
    }

    /// Whether `feature` must make its pages and files again.
    pub fn includes(&self, feature: &str) -> bool {
        self.is_everything() || self.changed.contains(feature)
    }
}

/// What a feature sees when it makes pages and files.
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
    pub tables_of_contents: &'a [Vec<Vec<crate::engine::markdown::TocEntry>>],
    pub features: &'a Features,
    pub scope: &'a Scope,
    /// Ids of the page around an author's text, for rendering Markdown again.
    pub reserved_ids: &'a std::collections::BTreeSet<String>,
}

/// The page `page_context` is asked about.
pub struct PageInput<'a> {
    /// Index of the reader's language in the site.
    pub language: usize,
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
    /// Language of the text shown: the default one when this language has none.
    pub content_lang: String,
    pub is_fallback: bool,
    /// Top-level template data (`glossary`, `checklists`, ...), under the
    /// keys the feature lists in [`Feature::page_data_keys`].
    pub data: ContextMap,
}

impl GeneratedPage {
    /// A page at `slug` in the language at `language`, written in that
    /// language, rendered with the template `<kind>.html`, with no data yet.
    pub fn new(site: &Site, language: usize, slug: impl Into<String>, kind: &'static str, title: String) -> Self {
        GeneratedPage {
            language,
            slug: slug.into(),
            kind,
            template: format!("{kind}.html"),
            title,
            content_lang: site.languages[language].lang.clone(),
            is_fallback: false,
            data: ContextMap::new(),
        }
    }

    /// Adds top-level template data under `key`.
    pub fn with(mut self, key: &'static str, data: ContextValue) -> Self {
        self.data.insert(key, data);
        self
    }
}
