//! What templates see, as typed structs: the contract between the build and
//! any theme. Hrefs are relative to the site root; templates prefix them with
//! `page.root` so every link works from `file://`.

use serde::Serialize;

use crate::content::PageKind;
use crate::glossary::Term;
use crate::markdown::TocEntry;
use crate::site::{Link, TranslationStatus};
use crate::templates::views::{ChecklistPhase, KeyDatesView};

/// The same for every page of one language.
#[derive(Debug, Serialize)]
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
    /// Href of this language's glossary page, if the toolkit has a glossary.
    pub glossary_href: Option<String>,
    /// Href of the page gathering every checklist, if the guide has any.
    pub checklists_href: Option<String>,
    /// Href of the key dates page.
    pub key_dates_href: Option<String>,
    /// Identifies the guide in the browser's storage (ticks of two guides opened from file:// stay apart).
    pub id: String,
    /// UI strings the checklist script needs, as a JSON object.
    pub js_strings: String,
    /// The default language's name, for notices about translations.
    pub default_language_name: String,
    pub phases: Vec<PhaseView>,
    pub generator: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub color: Option<String>,
    /// The phase's section page, if one has this phase.
    pub href: Option<String>,
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

/// An actor a page speaks to, with its name in the reader's language.
#[derive(Debug, Serialize)]
pub struct AudienceView {
    pub id: String,
    pub name: String,
    /// The page listing every page for this audience.
    pub href: String,
}

#[derive(Debug, Serialize)]
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
    pub audience: Vec<AudienceView>,
    pub contributors: &'a [String],
    pub updated: Option<&'a str>,
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
    pub source_language: &'a str,
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
    pub checklist_items: usize,
    /// The cycle of phases as inline SVG, on the home page and phase sections.
    pub cycle: Option<String>,
    pub extra: &'a serde_yaml::Value,
}

#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    pub site: &'a SiteContext,
    pub page: PageView<'a>,
    /// The rendered `nav.html`, with the current page's link marked
    /// `aria-current="page"`.
    pub nav: String,
    /// The terms of the glossary page; `None` elsewhere.
    pub glossary: Option<&'a [Term]>,
    /// The checklists page's phases; `None` elsewhere.
    pub checklists: Option<&'a [ChecklistPhase]>,
    /// The pages listed on an audience page; `None` elsewhere.
    pub listing: Option<&'a [NavItem]>,
    /// The key dates page's timeline; `None` elsewhere.
    pub key_dates: Option<&'a KeyDatesView>,
    /// UI strings of the reader's language.
    pub t: &'a crate::i18n::UiStrings,
}

/// What `nav.html` sees. It is rendered once for all the pages that share a
/// language, a depth and the open sections, so it knows nothing of the
/// current page: uprkit adds `aria-current="page"` to the link whose
/// `href` is exactly `root` followed by the page's href.
#[derive(Debug, Serialize)]
pub struct NavContext<'a> {
    pub site: &'a SiteContext,
    /// The home page's children (sections and pages), each with its children.
    pub nav: &'a [NavItem],
    /// `./` or `../…`: from the pages using this navigation to the site root.
    pub root: String,
    /// Hrefs of the sections to show open: those above the page, and the
    /// page itself if it is a section.
    pub open: Vec<String>,
    pub t: &'a crate::i18n::UiStrings,
}

/// The 404 page: served from any depth, so its links are absolute.
#[derive(Debug, Serialize)]
pub struct NotFoundContext<'a> {
    pub site: &'a SiteContext,
    pub root: String,
    pub t: &'a crate::i18n::UiStrings,
}
