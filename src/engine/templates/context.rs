//! What templates see, as typed structs: the contract between the build and
//! any theme. Hrefs are relative to the site root; templates prefix them with
//! `page.root` so every link works from `file://`. Features add their own
//! keys (`site.phases`, `page.cycle`, `glossary`), each documented where the
//! feature makes it.

use serde::Serialize;

use crate::engine::content::PageKind;
use crate::engine::markdown::TocEntry;
use crate::engine::site::TranslationStatus;
use crate::engine::yaml;

/// A value for templates, kept typed until the page is rendered (a
/// checklists page holds every item of the guide: converting it early
/// would hold it twice).
pub type ContextValue = Box<dyn erased_serde::Serialize + Send + Sync>;

/// Keys and values a feature adds to what templates see.
pub type ContextMap = std::collections::BTreeMap<&'static str, ContextValue>;

/// `value` as a template value.
pub fn value(value: impl Serialize + Send + Sync + 'static) -> ContextValue {
    Box::new(value)
}

/// The same for every page of one language.
#[derive(Serialize)]
pub struct SiteContext {
    pub title: String,
    /// The reader's language and its direction.
    pub lang: String,
    pub dir: &'static str,
    pub default_lang: String,
    pub base_url: Option<String>,
    /// Href of this language's home page.
    pub home_href: String,
    /// Folder of the theme's CSS and JavaScript, relative to the root.
    pub assets: &'static str,
    /// Identifies the guide in the browser's storage (ticks of two guides opened from file:// stay apart).
    pub id: String,
    /// UI strings the checklist script needs, as a JSON object.
    pub js_strings: String,
    /// The default language's name, for notices about translations.
    pub default_language_name: String,
    pub generator: &'static str,
    /// What features add: `glossary_href`, `checklists_href`, `phases`, ...
    #[serde(flatten)]
    pub features: ContextMap,
}

/// A link as templates see it: a title and an href relative to the site root.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub kind: PageKind,
    pub phase: Option<String>,
    pub summary: Option<String>,
    /// Shown in the default language because it is not translated yet.
    pub is_fallback: bool,
    /// The language of the title (the default language's on a fallback).
    pub lang: String,
    pub children: Vec<NavItem>,
    /// In the navigation, when `children` shows only some of a long
    /// section's pages: how many it has.
    pub total: Option<usize>,
}

/// One entry of the language switcher.
#[derive(Debug, Serialize)]
pub struct TranslationLink {
    pub code: String,
    pub name: String,
    pub dir: &'static str,
    pub href: String,
    pub is_current: bool,
    /// That language only has the default-language text of this page.
    pub is_fallback: bool,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    /// `home`, `section`, `page`, or a generated page such as `glossary`.
    pub kind: &'static str,
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    /// Rendered Markdown: trusted HTML.
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub phase: Option<&'a str>,
    pub phase_name: Option<String>,
    pub contributors: &'a [String],
    pub updated: Option<&'a str>,
    /// `updated` written in the reader's language ("1 November 2026").
    pub updated_text: Option<String>,
    /// Language and direction of the text, which differ from the reader's on a fallback page.
    pub lang: &'a str,
    pub dir: &'static str,
    pub is_fallback: bool,
    /// Where this page stands against its source: `original`, `current`,
    /// `outdated`, `unstamped` or `missing`.
    pub status: TranslationStatus,
    /// Href of the source page in the default language, for translations.
    pub source_href: Option<String>,
    /// Name of the language the text is in (for the fallback notice).
    pub source_language: String,
    pub href: String,
    /// The output file, relative to the output root.
    #[serde(skip)]
    pub path: String,
    /// `./` or `../…`: from this page to the site root.
    pub root: String,
    /// Hrefs of the sections above this page, for opening the navigation.
    pub ancestors: Vec<String>,
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    /// Pages and sections directly under a section or the home page.
    pub children: Vec<NavItem>,
    pub translations: Vec<TranslationLink>,
    pub extra: &'a yaml::Value,
    /// What features add: `audience`, `checklist_items`, `cycle`, ...
    #[serde(flatten)]
    pub features: ContextMap,
}

/// What a page's template sees besides its own [`PageContext`], the same
/// on every page of a language: made into a template context once per
/// language ([`Theme::shared_context`](super::Theme::shared_context)), as
/// the UI strings alone cost more than a small page's own values. `nav.html`
/// sees it too, beside its [`NavContext`].
#[derive(Serialize)]
pub struct SharedContext<'a> {
    pub site: &'a SiteContext,
    /// UI strings of the reader's language.
    pub t: &'a crate::engine::i18n::UiStrings,
}

/// What a page's template sees of the page, beside [`SharedContext`].
#[derive(Serialize)]
pub struct PageContext<'a> {
    pub page: PageView<'a>,
    /// The rendered `nav.html`, with the current page's link marked
    /// `aria-current="page"`.
    pub nav: String,
    /// The data of a generated page (`glossary`, `checklists`, `listing`,
    /// `key_dates`), `null` on other pages.
    #[serde(flatten)]
    pub data: PageData<'a>,
}

/// The top-level data of a page: every key features may set, `null`
/// unless this page has a value for it.
pub struct PageData<'a> {
    /// Every key a feature may set.
    pub keys: &'a [&'static str],
    /// This page's values.
    pub values: Option<&'a ContextMap>,
}

impl Serialize for PageData<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for key in self.keys {
            match self.values.and_then(|values| values.get(key)) {
                Some(value) => map.serialize_entry(key, value)?,
                None => map.serialize_entry(key, &())?,
            }
        }
        for (key, value) in self.values.into_iter().flatten() {
            if !self.keys.contains(key) {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

/// What `nav.html` sees. It is rendered once for all the pages that share a
/// language, a depth and the open sections, so it knows nothing of the
/// current page: uprkit adds `aria-current="page"` to the link whose
/// `href` is exactly `root` followed by the page's href. Beside
/// [`SharedContext`].
#[derive(Serialize)]
pub struct NavContext<'a> {
    /// The home page's children (sections and pages), each with its children.
    pub nav: &'a [NavItem],
    /// `./` or `../…`: from the pages using this navigation to the site root.
    pub root: String,
    /// Hrefs of the sections to show open: those above the page, and the
    /// page itself if it is a section.
    pub open: Vec<String>,
    /// Some open section shows only some of its pages: load nav.<lang>.js.
    pub windowed: bool,
}

/// The 404 page: served from any depth, so its links are absolute.
#[derive(Serialize)]
pub struct NotFoundContext<'a> {
    pub site: &'a SiteContext,
    pub root: String,
    pub t: &'a crate::engine::i18n::UiStrings,
}
