//! One language's guide as a document: its pages as sections (with the ids
//! they have in one file), and what features add through
//! [`Feature::document`](crate::engine::feature::Feature::document): the
//! glossary printed at the end, the recommendations matrix, the brand, the
//! edition line, the workshops' order. The outputs that are one file per
//! guide (handouts, slides, SCORM packages, next the PDFs) read it; no
//! output asks a feature anything.

mod links;

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use crate::engine::content::PageKind;
use crate::engine::error::{dedup, Diagnostic, Error, Result};
use crate::engine::feature::{Features, LanguageContext};
use crate::engine::i18n::phase_name;
use crate::engine::markdown::shortcodes::Shortcodes;
use crate::engine::markdown::{self, MarkdownOptions, Target};
use crate::engine::site::LanguageSite;

use links::DocumentLinks;

/// One language's guide, for the outputs.
pub struct Document<'a> {
    pub cx: LanguageContext<'a>,
    pub features: &'a Features,
    /// What renders shortcode calls in its sections: the theme's templates.
    pub shortcodes: &'a dyn Shortcodes,
    /// The glossary printed at the end: this language's, or the default one's.
    pub glossary: Option<Glossary>,
    /// The recommendations matrix, grouped by theme, for the whole guide.
    pub matrix: Option<serde_json::Value>,
    /// The organisation's brand, its logo inlined.
    pub brand: Option<serde_json::Value>,
    /// The edition line (`edition:` of uprkit.yaml) in this language.
    pub edition: Option<String>,
    /// Whether the build writes an edition with the notes for trainers
    /// (the guide has some, and uprkit.yaml publishes them).
    pub private_edition: bool,
    /// The workshops' orders of pages, when asked for ([`Document::new`]).
    pub sequences: Vec<Sequence>,
    /// Whether features are asked for `sequences` (a workshop's deck).
    pub wants_sequences: bool,
    /// What features found wrong while adding to it (a workshop's plan).
    pub problems: Vec<Diagnostic>,
    /// The whole guide's sections, rendered once for every output that
    /// reads them: for participants, and with the notes for trainers.
    guide: [std::sync::OnceLock<Vec<Section<'static>>>; 2],
    /// The guide's sections of an earlier document of this language (by
    /// edition: with the notes for trainers or not), taken when the guide
    /// is made, and the entries whose text changed since (`serve`, after
    /// an edit).
    kept: Option<KeptGuides<'a>>,
}

/// A language's guide's sections kept by edition (with the notes for
/// trainers or not), and the entries ((language, entry)) changed since.
type KeptGuides<'a> = (Mutex<HashMap<bool, Vec<Section<'static>>>>, &'a HashSet<(usize, usize)>);

/// What `serve` keeps of the last documents it made: each guide's
/// sections, by (language, with the notes for trainers), and the entries
/// ((language, entry)) whose Markdown changed since. A later document of
/// the same language renders only those again.
#[derive(Default)]
pub struct Kept {
    pub guides: HashMap<(usize, bool), Vec<Section<'static>>>,
    pub changed: HashSet<(usize, usize)>,
}

/// The glossary a document prints: its language, the address of its page
/// (links to it become links inside the document) and its terms.
pub struct Glossary {
    pub lang: String,
    pub slug: &'static str,
    pub terms: serde_json::Value,
}

/// An order of pages (a workshop's agenda): its name, title, the pages it
/// uses in the order it first uses them, and the plan of its slides (JSON).
pub struct Sequence {
    pub name: String,
    pub title: String,
    /// The language of its own words (title, sessions, activities), where it
    /// is not the document's (a workshop with no version in that language),
    /// and that language's direction.
    pub untranslated: Option<(String, &'static str)>,
    pub pages: Vec<String>,
    pub plan: String,
}

/// A page of the guide as a section of one file.
#[derive(Debug, Clone, Serialize)]
pub struct Section<'c> {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub phase: Option<String>,
    pub phase_name: Option<String>,
    /// The page's HTML (in a template, a placeholder for it).
    pub content: std::borrow::Cow<'c, str>,
    pub lang: String,
    pub dir: &'static str,
    /// The name of the text's language, for the notice on untranslated pages.
    pub language_name: String,
    pub is_fallback: bool,
    pub is_section: bool,
}

/// Which pages of a language a document holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub phase: Option<String>,
    pub audience: Option<String>,
    /// Only this page (its slug).
    pub page: Option<String>,
}

impl<'a> Document<'a> {
    /// The document of the language of `cx`, with what every feature adds;
    /// with the workshops' orders if `wants_sequences`. `shortcodes` renders
    /// the calls in its sections (the theme's templates, with `features`).
    pub fn new(
        cx: LanguageContext<'a>,
        features: &'a Features,
        shortcodes: &'a dyn Shortcodes,
        wants_sequences: bool,
    ) -> Document<'a> {
        let mut document = Document {
            cx,
            features,
            shortcodes,
            glossary: None,
            matrix: None,
            brand: None,
            edition: None,
            private_edition: false,
            sequences: Vec::new(),
            wants_sequences,
            problems: Vec::new(),
            guide: Default::default(),
            kept: None,
        };
        let cx = document.cx.clone();
        for feature in features.iter() {
            feature.document(&cx, &mut document);
        }
        document
    }

    pub fn language(&self) -> &'a LanguageSite<'a> {
        self.cx.language
    }

    /// The entries a selection holds, in reading order.
    pub fn selected(&self, selection: &Selection) -> Vec<usize> {
        let language = self.cx.language;
        (0..language.entries.len())
            .filter(|&i| {
                let entry = &language.entries[i];
                selection.phase.as_ref().is_none_or(|phase| entry.phase.as_ref() == Some(phase))
                    && selection.page.as_ref().is_none_or(|slug| &entry.slug == slug)
                    && selection.audience.as_ref().is_none_or(|actor| entry.audience().iter().any(|a| a == actor))
            })
            .collect()
    }

    /// Every page of the language as a section of the whole guide (with
    /// the notes for trainers if `private`), rendered once per document.
    pub fn guide(&self, private: bool) -> Result<&[Section<'static>]> {
        let cell = &self.guide[usize::from(private)];
        if cell.get().is_none() {
            let all = self.selected(&Selection::default());
            let index = self.cx.index;
            let kept = self.kept.as_ref().and_then(|(guides, changed)| {
                Some((guides.lock().expect("no panics while holding the lock").remove(&private)?, *changed))
            });
            let sections = match kept {
                // The same pages as when they were kept: only those changed since are rendered.
                Some((mut sections, changed)) if sections.len() == all.len() => {
                    let again: Vec<usize> = all.iter().copied().filter(|&e| changed.contains(&(index, e))).collect();
                    for (e, section) in again.iter().zip(self.render(&again, &all, private)?) {
                        sections[*e] = section;
                    }
                    sections
                }
                _ => self.sections(&all, private)?,
            };
            // Another thread may have set it meanwhile: the same sections.
            let _ = cell.set(sections);
        }
        Ok(cell.get().expect("set above"))
    }

    /// Renders from the guide's sections of this language kept in `kept`
    /// where they are still true: they are taken from there, and given
    /// back by [`Document::into_guides`].
    pub fn keep_from(&mut self, kept: &'a mut Kept) {
        let index = self.cx.index;
        let guides =
            [false, true].into_iter().filter_map(|notes| Some((notes, kept.guides.remove(&(index, notes))?))).collect();
        self.kept = Some((Mutex::new(guides), &kept.changed));
    }

    /// The guide's sections it rendered, or was given and did not use, to
    /// keep for the next document of its language: ((language, with notes
    /// for trainers), sections).
    pub fn into_guides(self) -> Vec<((usize, bool), Vec<Section<'static>>)> {
        let index = self.cx.index;
        let [public, private] = self.guide;
        let mut unused = match self.kept {
            Some((guides, _)) => guides.into_inner().expect("no panics while holding the lock"),
            None => HashMap::new(),
        };
        [(false, public), (true, private)]
            .into_iter()
            .filter_map(|(notes, cell)| Some(((index, notes), cell.into_inner().or_else(|| unused.remove(&notes))?)))
            .collect()
    }

    /// The entries at `entries` as sections of one file that holds them
    /// (links to other pages lead online); with the notes for trainers if
    /// `private`. Rendered from their Markdown for print: ids prefixed by
    /// the section's, images inlined.
    pub fn sections(&self, entries: &[usize], private: bool) -> Result<Vec<Section<'static>>> {
        self.render(entries, entries, private)
    }

    /// The entries at `entries` as sections of one file that holds those
    /// at `included`.
    fn render(&self, entries: &[usize], included: &[usize], private: bool) -> Result<Vec<Section<'static>>> {
        let cx = &self.cx;
        let language = cx.language;
        let strings = cx.strings;
        let included: HashSet<&str> = included.iter().map(|&i| language.entries[i].slug.as_str()).collect();
        let data_uris = Mutex::new(HashMap::new());
        let links = DocumentLinks {
            config: cx.config,
            glossary: self.glossary.as_ref().map(|glossary| (glossary.slug, glossary.lang.as_str())),
            site: cx.site,
            language,
            included: &included,
            assets: &cx.site.assets,
            data_uris: &data_uris,
        };
        let rendered: Vec<std::result::Result<Section<'static>, Vec<Diagnostic>>> = entries
            .par_iter()
            .map(|&i| {
                let entry = &language.entries[i];
                let prefix = format!("{}--", section_id(&entry.slug));
                let page = entry.page;
                let options = MarkdownOptions {
                    slug: &entry.slug,
                    dir: &page.dir,
                    lang: &page.lang,
                    strings,
                    links: &links,
                    id_prefix: &prefix,
                    passes: self.features,
                    reserved_ids: cx.reserved_ids,
                    target: Target::Handout,
                    // The site's rendering of the same text, highlighted already.
                    highlighted: cx.rendered.get(i).map_or(&[], |page| &page.code),
                    shortcodes: self.shortcodes,
                    facilitator: private,
                };
                let out = markdown::render(&page.source, &page.body, page.body_line, &options)?;
                let text_language = cx.config.language(&page.lang).expect("configured language");
                Ok(Section {
                    id: section_id(&entry.slug),
                    title: page.front.title.clone(),
                    summary: page.front.summary.clone(),
                    phase: entry.phase.clone(),
                    phase_name: entry.phase.as_ref().map(|id| phase_name(strings, id)),
                    content: std::borrow::Cow::Owned(out.html),
                    lang: page.lang.clone(),
                    dir: text_language.direction.as_str(),
                    language_name: crate::engine::i18n::language_name_in(strings, text_language),
                    is_fallback: entry.is_fallback,
                    is_section: entry.kind != PageKind::Page,
                })
            })
            .collect();
        let mut sections = Vec::with_capacity(rendered.len());
        let mut problems = Vec::new();
        for result in rendered {
            match result {
                Ok(section) => sections.push(section),
                Err(found) => problems.extend(found),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Content(dedup(problems)));
        }
        Ok(sections)
    }
}

/// The id of a page's section in a document.
pub fn section_id(slug: &str) -> String {
    if slug.is_empty() {
        "p-home".to_string()
    } else {
        format!("p-{}", slug.replace('/', "--"))
    }
}
