//! From the assembled site to what each template sees: the site context,
//! the navigation (rendered once per section), and one view per page, then
//! every page through its template.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Config;
use crate::content::PageKind;
use crate::error::{dedup, Diagnostic, Error, Location, Result};
use crate::glossary::Glossary;
use crate::i18n::UiStrings;
use crate::markdown::Rendered;
use crate::output::{Contents, OutputFile, Sink};
use crate::progress::Progress;
use crate::site::{href, output_path, root_prefix, Entry, LanguageSite, Link, Site, TranslationStatus};
use crate::templates::context::{
    AudienceView, NavContext, NavItem, PageContext, PageView, PhaseView, SiteContext, TranslationLink,
};
use crate::templates::{Theme, THEME_OUTPUT_DIR};

/// Where the glossary page of each language is published.
pub const GLOSSARY_SLUG: &str = "glossary";

/// A page made by the build rather than written by the author (the glossary).
#[derive(Debug)]
pub struct GeneratedPage<'g> {
    /// Index of the reader's language in the site.
    pub language: usize,
    pub slug: String,
    /// What templates see as `page.kind`.
    pub kind: &'static str,
    pub template: &'static str,
    pub title: String,
    /// Language of the text shown: the default one when this language has none.
    pub content_lang: String,
    pub is_fallback: bool,
    pub glossary: Option<&'g Glossary>,
    /// Every checklist of the guide, by phase (the checklists page).
    pub checklists: Option<Vec<ChecklistPhase>>,
    /// Pages listed (the pages for one audience).
    pub listing: Option<Vec<NavItem>>,
    /// The key dates page.
    pub key_dates: Option<KeyDatesView>,
}

/// Where the key dates page and its calendar are published.
pub const KEY_DATES_SLUG: &str = "key-dates";
/// Pages for one audience are published under `audience/<id>`.
pub const AUDIENCE_DIR: &str = "audience";

#[derive(Debug, Clone, Serialize)]
pub struct KeyDatesView {
    /// The country's review date from uprkit.yaml, if set.
    pub review_date: Option<String>,
    pub dates: Vec<KeyDateView>,
    /// The iCalendar file, if the review date is set.
    pub ics_href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyDateView {
    pub id: &'static str,
    pub name: String,
    /// When it happens relative to the review ("about 6 to 8 months before").
    pub when: String,
    pub date: Option<String>,
    pub months: i32,
    pub days: i32,
}

/// The key dates of the review in one language, and the calendar file.
pub fn key_dates(config: &Config, lang: &str, theme: &Theme) -> (KeyDatesView, Option<OutputFile>) {
    let strings = &theme.strings[lang];
    let computed = config.review_date.map(crate::dates::timeline);
    let dates: Vec<KeyDateView> = crate::dates::MILESTONES
        .iter()
        .enumerate()
        .map(|(index, milestone)| KeyDateView {
            id: milestone.id,
            name: string_or(strings, &format!("date_{}", milestone.id), milestone.id),
            when: string_or(strings, &format!("date_{}_when", milestone.id), ""),
            date: computed.as_ref().map(|dates| dates[index].date.clone()),
            months: milestone.months,
            days: milestone.days,
        })
        .collect();
    let ics_path = output_path(config, KEY_DATES_SLUG, lang).replace("index.html", "upr-key-dates.ics");
    let file = config.review_date.map(|review| {
        let names: Vec<(String, String)> = dates.iter().map(|d| (d.name.clone(), d.when.clone())).collect();
        let calendar = string_or(strings, "key_dates", "Key dates");
        OutputFile {
            path: ics_path.clone(),
            contents: Contents::Bytes(crate::dates::icalendar(review, &names, &calendar).into_bytes()),
        }
    });
    let view = KeyDatesView {
        review_date: config.review_date.map(crate::dates::iso),
        ics_href: file.as_ref().map(|file| href(config, &file.path)),
        dates,
    };
    (view, file)
}

/// Where the page gathering every checklist is published.
pub const CHECKLISTS_SLUG: &str = "checklists";

/// The checklists of one phase, for the checklists page.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistPhase {
    /// `None` for pages outside any phase.
    pub id: Option<String>,
    pub name: String,
    pub pages: Vec<ChecklistPage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistPage {
    pub title: String,
    pub href: String,
    pub lang: String,
    pub dir: &'static str,
    pub items: Vec<ChecklistEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistEntry {
    /// Shared with the page's own checkbox, so ticking either ticks both.
    pub key: String,
    pub text: String,
    pub checked: bool,
    /// Unique on the checklists page.
    pub id: String,
}

/// Every checklist of each language, grouped by phase in cycle order.
pub fn checklists_by_phase(
    config: &Config,
    site: &Site,
    rendered: &[Vec<Rendered>],
    theme: &Theme,
) -> Vec<Vec<ChecklistPhase>> {
    site.languages
        .iter()
        .zip(rendered)
        .map(|(language, pages)| {
            let strings = &theme.strings[&language.lang];
            let mut phases: Vec<ChecklistPhase> = config
                .phases
                .iter()
                .map(|phase| Some(phase.id.clone()))
                .chain(std::iter::once(None))
                .map(|id| ChecklistPhase {
                    name: match &id {
                        Some(id) => phase_name(strings, id),
                        None => string_or(strings, "general", "General"),
                    },
                    id,
                    pages: Vec::new(),
                })
                .collect();
            let mut counter = 0;
            for (entry, page) in language.entries.iter().zip(pages) {
                if page.checklist.is_empty() {
                    continue;
                }
                let lang = config.language(&entry.page.lang).expect("configured language");
                let items = page
                    .checklist
                    .iter()
                    .map(|item| {
                        counter += 1;
                        ChecklistEntry {
                            key: item.key.clone(),
                            text: item.text.clone(),
                            checked: item.checked,
                            id: format!("c-{counter}"),
                        }
                    })
                    .collect();
                let slot = phases.iter_mut().find(|p| p.id == entry.phase).unwrap_or_else(|| unreachable!());
                slot.pages.push(ChecklistPage {
                    title: entry.page.front.title.clone(),
                    href: href(config, &entry.path),
                    lang: lang.code.clone(),
                    dir: lang.direction.as_str(),
                    items,
                });
            }
            phases.retain(|phase| !phase.pages.is_empty());
            phases
        })
        .collect()
}

/// `_uprkit/checklists.<lang>.js`: the items of each phase, so the
/// navigation of every page can show progress per phase.
pub fn checklist_index(phases: &[ChecklistPhase]) -> String {
    let mut index = serde_json::Map::new();
    for phase in phases {
        let items: Vec<serde_json::Value> = phase
            .pages
            .iter()
            .flat_map(|page| &page.items)
            .map(|item| serde_json::json!([item.key, u8::from(item.checked)]))
            .collect();
        index.insert(phase.id.clone().unwrap_or_default(), serde_json::Value::Array(items));
    }
    format!("window.UPRKIT_CHECKLISTS={};\n", serde_json::json!({ "phases": index }))
}

/// The checklists of each language for the checklists pages: gathered from
/// every page when those pages are written, else only whether there are any
/// (so that the navigation still lists them).
pub enum Checklists {
    Gathered(Vec<Vec<ChecklistPhase>>),
    NotGathered { any: bool },
}

/// The pages the build makes in every language: the checklists page if the
/// guide has checklists, and the glossary page if it has a glossary (the
/// language's own terms, or the default language's as a fallback).
pub fn generated_pages<'g>(
    config: &Config,
    site: &Site,
    glossaries: &'g BTreeMap<String, Glossary>,
    checklists: Checklists,
    theme: &Theme,
) -> Result<Vec<GeneratedPage<'g>>> {
    for slug in [GLOSSARY_SLUG, CHECKLISTS_SLUG, KEY_DATES_SLUG, AUDIENCE_DIR] {
        if let Some(entry) = site.languages.iter().find_map(|language| language.get(slug)) {
            return Err(Error::one(
                Diagnostic::new(
                    Location::file(&entry.page.source),
                    format!("this page has the address of the {slug} page"),
                )
                .with_help(format!("uprkit publishes its own {slug} page at {slug}/: rename this page")),
            ));
        }
    }
    let mut pages = Vec::new();
    let (any, mut gathered) = match checklists {
        Checklists::Gathered(phases) => (phases.iter().any(|phases| !phases.is_empty()), Some(phases.into_iter())),
        Checklists::NotGathered { any } => (any, None),
    };
    if any {
        for (index, language) in site.languages.iter().enumerate() {
            pages.push(GeneratedPage {
                language: index,
                slug: CHECKLISTS_SLUG.to_string(),
                kind: "checklists",
                template: "checklists.html",
                title: string_or(&theme.strings[&language.lang], "checklists", "Checklists"),
                content_lang: language.lang.clone(),
                is_fallback: false,
                glossary: None,
                checklists: gathered.as_mut().and_then(Iterator::next),
                listing: None,
                key_dates: None,
            });
        }
    }
    for (index, language) in site.languages.iter().enumerate() {
        let strings = &theme.strings[&language.lang];
        let audiences: Vec<&str> = crate::content::front_matter::AUDIENCES
            .iter()
            .copied()
            .filter(|id| language.entries.iter().any(|e| e.audience().iter().any(|a| a == id)))
            .collect();
        for id in audiences {
            let name = string_or(strings, &format!("audience_{id}"), id);
            let listing = language
                .entries
                .iter()
                .enumerate()
                .filter(|(_, entry)| entry.audience().iter().any(|a| a == id))
                .map(|(i, _)| {
                    let mut item = nav_item(config, language, i);
                    item.children.clear();
                    item
                })
                .collect();
            pages.push(GeneratedPage {
                language: index,
                slug: format!("{AUDIENCE_DIR}/{id}"),
                kind: "audience",
                template: "audience.html",
                title: string_or(strings, "for_audience", "For {audience}").replace("{audience}", &name),
                content_lang: language.lang.clone(),
                is_fallback: false,
                glossary: None,
                checklists: None,
                listing: Some(listing),
                key_dates: None,
            });
        }
        pages.push(GeneratedPage {
            language: index,
            slug: KEY_DATES_SLUG.to_string(),
            kind: "key-dates",
            template: "key-dates.html",
            title: string_or(strings, "key_dates", "Key dates"),
            content_lang: language.lang.clone(),
            is_fallback: false,
            glossary: None,
            checklists: None,
            listing: None,
            key_dates: Some(key_dates(config, &language.lang, theme).0),
        });
    }
    if glossaries.is_empty() {
        return Ok(pages);
    }
    let default = &config.default_language().code;
    pages.extend(site.languages.iter().enumerate().map(|(index, language)| {
        let own = glossaries.get(&language.lang);
        let glossary = own.or_else(|| glossaries.get(default));
        GeneratedPage {
            language: index,
            slug: GLOSSARY_SLUG.to_string(),
            kind: "glossary",
            template: "glossary.html",
            title: string_or(&theme.strings[&language.lang], "glossary", "Glossary"),
            content_lang: glossary.map_or_else(|| language.lang.clone(), |g| g.lang.clone()),
            is_fallback: own.is_none() && glossary.is_some(),
            glossary,
            checklists: None,
            listing: None,
            key_dates: None,
        }
    }));
    Ok(pages)
}

/// The phases of the cycle in the reader's language, with their section pages.
fn phase_views(config: &Config, language: &LanguageSite, strings: &UiStrings) -> Vec<PhaseView> {
    config
        .phases
        .iter()
        .map(|phase| PhaseView {
            id: phase.id.clone(),
            name: phase_name(strings, &phase.id),
            description: string_or(strings, &format!("phase_{}_description", phase.id), ""),
            color: phase.color.clone(),
            href: language
                .entries
                .iter()
                .find(|e| e.kind == PageKind::Section && e.page.front.phase.as_deref() == Some(&phase.id))
                .map(|e| href(config, &e.path)),
        })
        .collect()
}

/// The UI strings the page script needs, as a JSON object.
pub fn js_strings(strings: &UiStrings) -> String {
    let needed: BTreeMap<&str, &String> = ["progress", "progress_short", "reset", "reset_all_confirm", "import_failed"]
        .iter()
        .filter_map(|key| strings.get(*key).map(|value| (*key, value)))
        .collect();
    serde_json::to_string(&needed).expect("strings serialize")
}

/// A UI string, or `fallback` where no table has it.
fn string_or(strings: &UiStrings, key: &str, fallback: &str) -> String {
    strings.get(key).cloned().unwrap_or_else(|| fallback.to_string())
}

/// A phase's name in the reader's language, or its id if untranslated.
pub fn phase_name(strings: &UiStrings, id: &str) -> String {
    string_or(strings, &format!("phase_{id}"), id)
}

pub fn site_context(config: &Config, language: &LanguageSite, theme: &Theme) -> SiteContext {
    let lang = config.language(&language.lang).expect("configured language");
    let strings = &theme.strings[&lang.code];
    let phases = phase_views(config, language, strings);
    let home = &language.entries[0];
    SiteContext {
        title: lang.title.clone().unwrap_or_else(|| config.title.clone()),
        lang: lang.code.clone(),
        dir: lang.direction.as_str(),
        default_lang: config.default_language().code.clone(),
        base_url: config.base_url.clone(),
        home_href: href(config, &home.path),
        assets: THEME_OUTPUT_DIR,
        glossary_href: None,
        checklists_href: None,
        key_dates_href: None,
        id: crate::markdown::slugify(&config.title),
        js_strings: js_strings(strings),
        default_language_name: config.default_language().name.clone(),
        phases,
        generator: concat!("uprkit ", env!("CARGO_PKG_VERSION")),
    }
}

fn nav_item(config: &Config, language: &LanguageSite, index: usize) -> NavItem {
    let entry = &language.entries[index];
    NavItem {
        title: entry.page.front.title.clone(),
        href: href(config, &entry.path),
        kind: entry.kind,
        phase: entry.phase.clone(),
        summary: entry.page.front.summary.clone(),
        is_fallback: entry.is_fallback,
        lang: entry.page.lang.clone(),
        children: entry.children.iter().map(|&child| nav_item(config, language, child)).collect(),
    }
}

fn link(config: &Config, entry: &Entry) -> Link {
    Link { title: entry.page.front.title.clone(), href: href(config, &entry.path) }
}

/// Which navigation a page shows: its language, how deep it is (links are
/// relative) and which sections are open. Pages sharing a key share the
/// rendered navigation, so a section of a thousand pages renders it once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct NavKey {
    language: usize,
    depth: usize,
    open: Vec<usize>,
}

fn nav_key(language: usize, entries: &[Entry], index: usize) -> NavKey {
    let mut open = Vec::new();
    let mut current = Some(index).filter(|&i| !entries[i].children.is_empty()).or(entries[index].parent);
    while let Some(i) = current {
        open.push(i);
        current = entries[i].parent;
    }
    NavKey { language, depth: entries[index].depth, open }
}

/// Marks the link to the current page in a shared navigation.
fn mark_current(nav: &str, root: &str, href: &str) -> String {
    let needle = format!("href=\"{root}{href}\"");
    match nav.find(&needle) {
        Some(at) => {
            let end = at + needle.len();
            format!("{} aria-current=\"page\"{}", &nav[..end], &nav[end..])
        }
        None => nav.to_string(),
    }
}

/// One page to render: an author's page, or one the build generates.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    Entry { language: usize, index: usize },
    Generated(usize),
}

/// Every page through its template, in parallel, each written to `sink`
/// as soon as it is rendered. Returns the number of pages.
#[allow(clippy::too_many_arguments)] // the pipeline's stages, passed explicitly rather than bundled in a god object
pub fn render_pages(
    config: &Config,
    site: &Site,
    rendered: &[Vec<Rendered>],
    generated: &[GeneratedPage],
    theme: &Theme,
    progress: &Progress,
    sink: &dyn Sink,
    filter: &(dyn Fn(Job) -> bool + Sync),
) -> Result<usize> {
    let mut contexts: Vec<SiteContext> = site.languages.iter().map(|l| site_context(config, l, theme)).collect();
    for page in generated {
        let path = href(config, &output_path(config, &page.slug, &site.languages[page.language].lang));
        match page.kind {
            "glossary" => contexts[page.language].glossary_href = Some(path),
            "checklists" => contexts[page.language].checklists_href = Some(path),
            "key-dates" => contexts[page.language].key_dates_href = Some(path),
            _ => {}
        }
    }
    let items: Vec<Vec<NavItem>> = site
        .languages
        .iter()
        .map(|language| language.entries[0].children.iter().map(|&child| nav_item(config, language, child)).collect())
        .collect();
    let jobs: Vec<Job> = site
        .languages
        .iter()
        .enumerate()
        .flat_map(|(l, language)| (0..language.entries.len()).map(move |e| Job::Entry { language: l, index: e }))
        .chain((0..generated.len()).map(Job::Generated))
        .filter(|&job| filter(job))
        .collect();
    let key_of = |job: Job| match job {
        Job::Entry { language, index } => nav_key(language, &site.languages[language].entries, index),
        Job::Generated(i) => {
            let page = &generated[i];
            let path = output_path(config, &page.slug, &site.languages[page.language].lang);
            NavKey { language: page.language, depth: path.matches('/').count(), open: Vec::new() }
        }
    };

    let keys: HashSet<NavKey> = jobs.iter().map(|&job| key_of(job)).collect();
    let navs: HashMap<NavKey, String> = keys
        .into_par_iter()
        .map(|key| {
            let language = &site.languages[key.language];
            let context = NavContext {
                site: &contexts[key.language],
                nav: &items[key.language],
                root: root_prefix(key.depth),
                open: key.open.iter().map(|&i| href(config, &language.entries[i].path)).collect(),
                t: &theme.strings[&language.lang],
            };
            theme.render("nav.html", &context).map(|html| (key, html))
        })
        .collect::<Result<_, Diagnostic>>()?;

    let problems: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|&job| {
            let (l, view, template, made) = match job {
                Job::Entry { language: l, index: e } => {
                    let language = &site.languages[l];
                    let entry = &language.entries[e];
                    let strings = &theme.strings[&entry.lang];
                    let template = match entry.kind {
                        PageKind::Home => "home.html",
                        PageKind::Section => "section.html",
                        PageKind::Page => "page.html",
                    };
                    (l, page_view(config, site, language, e, &rendered[l][e], strings), template, None)
                }
                Job::Generated(i) => {
                    let page = &generated[i];
                    (page.language, generated_view(config, site, page), page.template, Some(page))
                }
            };
            let path = view.path.clone();
            let nav = mark_current(&navs[&key_of(job)], &view.root, &view.href);
            let context = PageContext {
                site: &contexts[l],
                page: view,
                nav,
                glossary: made.and_then(|page| page.glossary).map(|g| g.terms.as_slice()),
                checklists: made.and_then(|page| page.checklists.as_deref()),
                listing: made.and_then(|page| page.listing.as_deref()),
                key_dates: made.and_then(|page| page.key_dates.as_ref()),
                t: &theme.strings[&site.languages[l].lang],
            };
            let result = theme.render(template, &context).map_err(Error::one).and_then(|html| {
                sink.put(OutputFile { path: path.clone(), contents: Contents::Bytes(html.into_bytes()) })
            });
            progress.inc();
            match result {
                Ok(()) => None,
                Err(Error::Content(found)) => Some(found),
                Err(other) => Some(vec![Diagnostic::new(Location::file(&path), other.to_string())]),
            }
        })
        .flatten()
        .collect();
    if problems.is_empty() {
        Ok(jobs.len())
    } else {
        Err(Error::Content(dedup(problems)))
    }
}

/// The switcher's links from `slug` to each language: the same page, or that
/// language's home page if the page does not exist there.
fn translation_links(config: &Config, site: &Site, slug: &str, current: &str) -> Vec<TranslationLink> {
    site.languages
        .iter()
        .map(|other| {
            let lang = config.language(&other.lang).expect("configured language");
            let (path, is_fallback) = match other.get(slug) {
                Some(target) => (target.path.clone(), target.is_fallback),
                None if slug == GLOSSARY_SLUG
                    || slug == CHECKLISTS_SLUG
                    || slug == KEY_DATES_SLUG
                    || slug.starts_with(&format!("{AUDIENCE_DIR}/")) =>
                {
                    (output_path(config, slug, &other.lang), false)
                }
                None => (other.entries[0].path.clone(), true),
            };
            TranslationLink {
                code: lang.code.clone(),
                name: lang.name.clone(),
                dir: lang.direction.as_str(),
                href: href(config, &path),
                is_current: other.lang == current,
                is_fallback,
            }
        })
        .collect()
}

fn generated_view<'a>(config: &'a Config, site: &'a Site, page: &'a GeneratedPage) -> PageView<'a> {
    let language = &site.languages[page.language];
    let path = output_path(config, &page.slug, &language.lang);
    let depth = path.matches('/').count();
    let content_language = config.language(&page.content_lang).expect("configured language");
    let home = &language.entries[0];
    PageView {
        kind: page.kind,
        slug: &page.slug,
        title: &page.title,
        summary: None,
        content: "",
        toc: &[],
        phase: None,
        phase_name: None,
        audience: Vec::new(),
        contributors: &[],
        updated: None,
        lang: &page.content_lang,
        dir: content_language.direction.as_str(),
        is_fallback: page.is_fallback,
        status: if page.is_fallback { TranslationStatus::Missing } else { TranslationStatus::Original },
        source_href: None,
        source_language: &content_language.name,
        href: href(config, &path),
        root: root_prefix(depth),
        ancestors: vec![href(config, &home.path)],
        breadcrumbs: vec![link(config, home)],
        prev: None,
        next: None,
        children: Vec::new(),
        translations: translation_links(config, site, &page.slug, &language.lang),
        checklist_items: 0,
        cycle: None,
        extra: &serde_yaml::Value::Null,
        path,
    }
}

fn page_view<'a>(
    config: &'a Config,
    site: &'a Site,
    language: &'a LanguageSite,
    index: usize,
    rendered: &'a Rendered,
    strings: &UiStrings,
) -> PageView<'a> {
    let entry = &language.entries[index];
    let page = entry.page;
    let content_language = config.language(&page.lang).expect("configured language");
    let mut ancestors = Vec::new();
    let mut parent = entry.parent;
    while let Some(i) = parent {
        ancestors.push(&language.entries[i]);
        parent = language.entries[i].parent;
    }
    ancestors.reverse();
    let translations = translation_links(config, site, &entry.slug, &language.lang);
    let default = &site.languages[0];
    PageView {
        kind: match entry.kind {
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Page => "page",
        },
        slug: &entry.slug,
        title: &page.front.title,
        summary: page.front.summary.as_deref(),
        content: &rendered.html,
        toc: &rendered.toc,
        phase: entry.phase.as_deref(),
        phase_name: entry.phase.as_ref().map(|phase| phase_name(strings, phase)),
        audience: entry
            .audience()
            .iter()
            .map(|id| AudienceView {
                id: id.clone(),
                name: string_or(strings, &format!("audience_{id}"), id),
                href: href(config, &output_path(config, &format!("{AUDIENCE_DIR}/{id}"), &language.lang)),
            })
            .collect(),
        contributors: &page.front.contributors,
        updated: page.front.updated.as_deref(),
        lang: &page.lang,
        dir: content_language.direction.as_str(),
        is_fallback: entry.is_fallback,
        status: entry.status,
        source_href: entry.source.and_then(|_| default.get(&entry.slug)).map(|source| href(config, &source.path)),
        source_language: &content_language.name,
        href: href(config, &entry.path),
        path: entry.path.clone(),
        root: root_prefix(entry.depth),
        ancestors: ancestors.iter().map(|a| href(config, &a.path)).collect(),
        breadcrumbs: ancestors.iter().map(|a| link(config, a)).collect(),
        prev: index.checked_sub(1).map(|i| link(config, &language.entries[i])),
        next: language.entries.get(index + 1).map(|next| link(config, next)),
        children: entry.children.iter().map(|&child| nav_item(config, language, child)).collect(),
        translations,
        checklist_items: rendered.checklist.len(),
        cycle: match entry.kind {
            PageKind::Home => Some(None),
            PageKind::Section if entry.parent == Some(0) && entry.phase.is_some() => Some(entry.phase.as_deref()),
            _ => None,
        }
        .map(|current| {
            let direction = config.language(&language.lang).expect("configured language").direction;
            let label = string_or(strings, "phases_title", "The phases of the review cycle");
            crate::cycle::svg(
                &phase_views(config, language, strings),
                current,
                direction,
                &root_prefix(entry.depth),
                &label,
            )
        }),
        extra: &page.front.extra,
    }
}
