//! The seam between the engine and the features. The engine knows nothing of
//! checklists, glossaries or key dates: each feature implements [`Feature`]
//! and says once what it is ([`Declaration`]); the engine calls its hooks
//! for one language at a time ([`LanguageContext`]) and decides itself
//! which languages, turns and pages a build or a rebuild makes.
//!
//! ```text
//! declaration   settings, page keys, kinds of pages, ids, script, shortcodes, staleness
//! load          its settings and files; pages from other files; warnings
//! pass          its pass over each page's Markdown (ordered by `after`)
//! pages         the pages it makes in one language
//! site_context  `site.*` keys of one language
//! page_context  `page.*` keys of one page
//! files         files besides pages in one language (search index, .ics)
//! document      what it adds to one language's document (glossary, matrix)
//! shortcode     the data of a call of one of its shortcodes
//! check         what `uprkit check` reports
//! ```
//!
//! Outputs over the document (handouts, zips) implement [`Output`]. Every
//! hook has a default that does nothing, so a feature implements only what
//! it needs. Its templates, strings, styles and script are part of the
//! theme (`themes/default/`), so that a site overrides them like any other.

mod context;
pub mod document;
mod order;

use crate::engine::config::Config;
use crate::engine::content::{Loaded, Page};
use crate::engine::error::{Diagnostic, Result};
use crate::engine::markdown::shortcodes::{Call, ShortcodeError};
use crate::engine::markdown::{MarkdownOptions, PageRender, Passes, Spanned};
use crate::engine::output::Sink;
use crate::engine::report::{CheckContext, CheckReport};
pub use document::Document;

pub use crate::engine::templates::context::{value, ContextMap, ContextValue};
pub use context::{BuildContext, GeneratedPage, LanguageContext, PageInput, Scope, SiteContext};

/// What a feature is, said once: the engine reads it before any build.
#[derive(Debug, Clone, Copy)]
pub struct Declaration {
    /// Keys of uprkit.yaml the feature reads ([`Config::setting`]): any
    /// other key neither the engine nor a feature knows is an error.
    pub config_keys: &'static [&'static str],
    /// Keys of authors' pages' front matter it reads (`duration`), kept for
    /// it as written ([`FrontMatter::setting`]); it checks their values
    /// when it loads.
    ///
    /// [`FrontMatter::setting`]: crate::engine::content::front_matter::FrontMatter::setting
    pub page_keys: &'static [&'static str],
    /// The kinds of pages it makes: an author's page may not take their
    /// address, and every page gets their data key (`null` where it does
    /// not apply), so that templates can always name it.
    pub pages: &'static [PageKind],
    /// Ids it puts on author pages around the text (the cycle picture's):
    /// never given to a heading.
    pub reserved_ids: &'static [&'static str],
    /// Its part of the page script and the UI strings its scripts read.
    pub script: Script,
    /// Names of the shortcodes whose data it gives ([`Feature::shortcode`];
    /// their templates are the theme's `shortcodes/<name>.html`).
    pub shortcodes: &'static [&'static str],
    /// What, changed on an author's page, makes its pages and files stale.
    pub stale: Stale,
}

impl Declaration {
    /// A feature that declares nothing.
    pub const NONE: Declaration = Declaration {
        config_keys: &[],
        page_keys: &[],
        pages: &[],
        reserved_ids: &[],
        script: Script::NONE,
        shortcodes: &[],
        stale: Stale::NEVER,
    };
}

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

impl Script {
    pub const NONE: Script = Script { file: None, strings: &[] };
}

/// A kind of page a feature makes: its address (or the folder of its
/// addresses) and the top-level template data its pages carry.
#[derive(Debug, Clone, Copy)]
pub struct PageKind {
    pub slug: &'static str,
    pub data_key: &'static str,
}

/// What makes a feature's pages and files stale after an edit to an
/// author's page, for `serve` (a whole build makes everything).
#[derive(Debug, Clone, Copy, Default)]
pub struct Stale {
    /// Front-matter keys its pages or files show (`audience`, `duration`).
    pub front_matter: &'static [&'static str],
    /// Whether they show pages' titles or summaries (a list of pages).
    pub titles: bool,
    /// Whether they show what its pass keeps of a page (checklist items,
    /// text for search): stale when that changed in the language.
    pub page_data: bool,
    /// Whether its files are read only when a reader asks for them (the
    /// search index, loaded on the first search): after an edit, `serve`
    /// makes them again once the browser has its reload, as it does the
    /// handouts, rather than before the edited page is served.
    pub on_demand: bool,
}

impl Stale {
    pub const NEVER: Stale = Stale { front_matter: &[], titles: false, page_data: false, on_demand: false };
}

/// What a feature's `load` sees, and where it puts what it finds.
pub struct LoadContext<'a> {
    pub config: &'a Config,
    /// The pages of `content/`.
    pub content: &'a Loaded,
    /// Authors' pages made from other files than `content/` (a translation
    /// from a PO file). A page of `content/` with the same address and
    /// language wins.
    pub pages: Vec<Page>,
    /// Files of `content/` made from other files by features loaded before
    /// (`glossary.fr.yaml` from `po/fr/glossary.yaml.po`), by name: the
    /// file messages name, and the text.
    pub files: std::collections::BTreeMap<String, (std::path::PathBuf, String)>,
    /// What the author should know but that does not stop a build (a
    /// translation given twice): printed after a build, and by `check`.
    pub warnings: Vec<Diagnostic>,
}

impl<'a> LoadContext<'a> {
    pub fn new(config: &'a Config, content: &'a Loaded) -> LoadContext<'a> {
        LoadContext { config, content, pages: Vec::new(), files: Default::default(), warnings: Vec::new() }
    }
}

/// One capability plugged into the pipeline.
pub trait Feature: Send + Sync {
    /// A short name, for messages and for other passes' `after`.
    fn name(&self) -> &'static str;

    /// What the feature is: see [`Declaration`].
    fn declaration(&self) -> Declaration {
        Declaration::NONE
    }

    /// Reads the feature's own settings and files, once per build, before
    /// anything is rendered.
    fn load(&mut self, _cx: &mut LoadContext) -> Result<()> {
        Ok(())
    }

    /// Its pass over each page's Markdown events.
    fn pass(&self) -> Option<&dyn Pass> {
        None
    }

    /// The pages the feature makes in one language.
    fn pages(&self, _cx: &LanguageContext) -> Result<Vec<GeneratedPage>> {
        Ok(Vec::new())
    }

    /// `site.*` keys of one language. Set every key on every call (`null`
    /// where it does not apply), so templates can always name it.
    fn site_context(&self, _cx: &LanguageContext, _out: &mut ContextMap) {}

    /// `page.*` keys of one page; as with `site_context`, always the same keys.
    fn page_context(&self, _cx: &LanguageContext, _page: &PageInput, _out: &mut ContextMap) {}

    /// Writes the files besides pages of one language to `sink`.
    fn files(&self, _cx: &LanguageContext, _sink: &dyn Sink) -> Result<()> {
        Ok(())
    }

    /// What the feature adds to one language's document, which the
    /// outputs (handouts, slides, SCORM) read.
    fn document(&self, _cx: &LanguageContext, _document: &mut Document) {}

    /// The template variables of a call of one of its shortcodes on the
    /// page `page` renders; or why the call is wrong.
    fn shortcode(
        &self,
        _call: &Call,
        _page: &MarkdownOptions,
    ) -> std::result::Result<serde_json::Map<String, serde_json::Value>, ShortcodeError> {
        Ok(serde_json::Map::new())
    }

    /// What the feature reports in `uprkit check`.
    fn check(&self, _check: &CheckContext, _report: &mut CheckReport) {}
}

/// A pass over one page's Markdown events, after the engine's own (links
/// resolved, headings with ids, code highlighted) and before footnotes.
pub trait Pass: Sync {
    /// The features whose passes run before this one.
    fn after(&self) -> &'static [&'static str] {
        &[]
    }

    /// Before a page is rendered: claims the ids the pass will give
    /// ([`PageRender::claim_id`]), so that generated heading ids step aside.
    fn claim_ids(&self, _page: &mut PageRender<'_>, _events: &[Spanned<'_>]) {}

    fn run<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>>;
}

/// An output made from the documents of the languages rather than from
/// pages (mdBook's renderers): the handouts, the zips, next the PDFs. Its
/// files are slow to make: `serve` makes them after the browser reloads.
pub trait Output: Send + Sync {
    fn name(&self) -> &'static str;

    /// Writes the files made from one language's document to `sink`;
    /// returns what the author should know but that does not stop a build
    /// (a language no font can print).
    fn write(&self, _document: &Document, _sink: &dyn Sink) -> Result<Vec<Diagnostic>> {
        Ok(Vec::new())
    }

    /// Files made from the whole site once written (the zips, the sizes of
    /// the downloads).
    fn finish(&self, _cx: &SiteContext, _sink: &dyn Sink) -> Result<()> {
        Ok(())
    }
}

/// The registered features and outputs.
pub struct Features {
    list: Vec<Box<dyn Feature>>,
    /// Indexes into `list` of the features with a pass, in the order they run.
    passes: Vec<usize>,
    outputs: Vec<Box<dyn Output>>,
}

impl Features {
    /// The features in the order `check` lists what they find; their
    /// passes in the order their `after` gives.
    pub fn new(list: Vec<Box<dyn Feature>>, outputs: Vec<Box<dyn Output>>) -> Features {
        let passes = order::passes(&list);
        Features { list, passes, outputs }
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn Feature> {
        self.list.iter().map(|feature| &**feature)
    }

    pub fn outputs(&self) -> impl Iterator<Item = &dyn Output> {
        self.outputs.iter().map(|output| &**output)
    }

    /// Each feature's declaration, with its name.
    pub fn declarations(&self) -> impl Iterator<Item = (&'static str, Declaration)> + '_ {
        self.iter().map(|feature| (feature.name(), feature.declaration()))
    }

    /// Lets each feature read its own settings and files; every problem of
    /// every feature is reported at once. Returns the pages they made from
    /// other files and their warnings.
    pub fn load(&mut self, config: &Config, content: &Loaded) -> Result<(Vec<Page>, Vec<Diagnostic>)> {
        let mut cx = LoadContext::new(config, content);
        let mut problems = Vec::new();
        for feature in &mut self.list {
            match feature.load(&mut cx) {
                Ok(()) => {}
                Err(crate::engine::error::Error::Content(found)) => problems.extend(found),
                Err(other) => return Err(other),
            }
        }
        if problems.is_empty() {
            Ok((cx.pages, cx.warnings))
        } else {
            Err(crate::engine::error::Error::Content(problems))
        }
    }

    /// The keys of uprkit.yaml that features read.
    pub fn config_keys(&self) -> Vec<&'static str> {
        self.declarations().flat_map(|(_, declared)| declared.config_keys).copied().collect()
    }

    /// The keys of pages' front matter that features read.
    pub fn page_keys(&self) -> Vec<&'static str> {
        self.declarations().flat_map(|(_, declared)| declared.page_keys).copied().collect()
    }

    /// The UI string keys every feature's script needs, sorted.
    pub fn script_strings(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> =
            self.declarations().flat_map(|(_, declared)| declared.script.strings).copied().collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The addresses features publish pages at.
    pub fn reserved_slugs(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.declarations().flat_map(|(_, declared)| declared.pages).map(|kind| kind.slug)
    }

    /// The top-level data keys of every kind of generated page.
    pub fn page_data_keys(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> =
            self.declarations().flat_map(|(_, declared)| declared.pages).map(|kind| kind.data_key).collect();
        keys.dedup();
        keys
    }

    /// The feature that gives the data of the shortcode `name`.
    pub fn shortcode_owner(&self, name: &str) -> Option<&dyn Feature> {
        self.iter().find(|feature| feature.declaration().shortcodes.contains(&name))
    }
}

/// In a build, the features' passes are the passes after the engine's.
impl Passes for Features {
    fn claim_ids(&self, page: &mut PageRender<'_>, events: &[Spanned<'_>]) {
        for &index in &self.passes {
            if let Some(pass) = self.list[index].pass() {
                pass.claim_ids(page, events);
            }
        }
    }

    fn run<'e>(&self, page: &mut PageRender<'_>, mut events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        for &index in &self.passes {
            let feature = &self.list[index];
            if let Some(pass) = feature.pass() {
                page.owner = feature.name();
                events = pass.run(page, events);
            }
        }
        page.owner = "";
        events
    }
}
