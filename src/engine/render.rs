//! Pages through their templates: from the assembled site to what each
//! template sees (the site context per language, the navigation rendered
//! once per group of pages that share it, one view per page with what
//! features add), then every page rendered and written.

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::engine::content::PageKind;
use crate::engine::error::{dedup, Diagnostic, Error, Result};
use crate::engine::feature::{BuildContext, ContextMap, GeneratedPage, PageInput};
use crate::engine::i18n::{phase_name, written_date, DateStyle, UiStrings};
use crate::engine::markdown::Rendered;
use crate::engine::nav::{self, NavKey};
use crate::engine::output::{Contents, OutputFile, Sink};
use crate::engine::progress::Progress;
use crate::engine::site::{root_prefix, Entry, LanguageSite, Site, TranslationStatus};
use crate::engine::templates::context::{
    Link, NavContext, NavItem, PageContext, PageData, PageView, SharedContext, SiteContext, TranslationLink,
};
use crate::engine::templates::{Theme, THEME_OUTPUT_DIR};
use crate::engine::yaml;

/// The UI strings the page script needs, as a JSON object.
pub fn js_strings(strings: &UiStrings, keys: &[&str]) -> String {
    let needed: std::collections::BTreeMap<&str, &String> =
        keys.iter().filter_map(|key| strings.get(*key).map(|value| (*key, value))).collect();
    serde_json::to_string(&needed).expect("strings serialize")
}

/// What every page of one language shares.
pub fn site_context(build: &BuildContext, language_index: usize) -> SiteContext {
    let BuildContext { config, site, theme, features, .. } = build;
    let language = &site.languages[language_index];
    let lang = &language.language;
    let strings = &theme.strings[&lang.code];
    let mut extra = ContextMap::new();
    let cx = build.language(language_index);
    for feature in features.iter() {
        feature.site_context(&cx, &mut extra);
    }
    SiteContext {
        title: lang.title.clone().unwrap_or_else(|| config.title.clone()),
        lang: lang.code.clone(),
        dir: lang.direction.as_str(),
        default_lang: config.default_language().code.clone(),
        base_url: config.base_url.clone(),
        home_href: language.entries[0].href.clone(),
        assets: THEME_OUTPUT_DIR,
        id: crate::engine::markdown::slugify(&config.title),
        js_strings: js_strings(strings, &features.script_strings()),
        default_language_name: crate::engine::i18n::language_name_in(strings, config.default_language()),
        generator: concat!("uprkit ", env!("CARGO_PKG_VERSION")),
        features: extra,
    }
}

/// An entry's title as the reader's language shows it, whether it falls
/// back, and the language it is in. A phase's own page left untranslated is
/// named as the theme names the phase in the reader's language (as its
/// phase label and the cycle picture do), when the theme has that name;
/// other untranslated pages keep the default language's title, marked.
pub fn shown_title(theme: &Theme, language: &LanguageSite, entry: &Entry) -> (String, bool, String) {
    let phase_page = entry.kind == PageKind::Section && entry.phase.as_deref() == Some(entry.slug.as_str());
    if entry.is_fallback && phase_page {
        let key = format!("phase_{}", entry.slug);
        if let Some(name) = theme.own_string(&language.lang, &key) {
            return (name.to_string(), false, language.lang.clone());
        }
    }
    (entry.page.front.title.clone(), entry.is_fallback, entry.page.lang.clone())
}

impl NavItem {
    /// The entry at `index` and, below it, its children.
    pub fn of(theme: &Theme, language: &LanguageSite, index: usize) -> NavItem {
        let mut item = NavItem::leaf(theme, language, index);
        item.children =
            language.entries[index].children.iter().map(|&child| NavItem::of(theme, language, child)).collect();
        item
    }

    /// The entry at `index` alone.
    pub fn leaf(theme: &Theme, language: &LanguageSite, index: usize) -> NavItem {
        let entry = &language.entries[index];
        let (title, is_fallback, lang) = shown_title(theme, language, entry);
        NavItem {
            title,
            href: entry.href.clone(),
            kind: entry.kind,
            phase: entry.phase.clone(),
            summary: entry.page.front.summary.clone(),
            is_fallback,
            lang,
            children: Vec::new(),
            total: None,
        }
    }
}

fn link(theme: &Theme, language: &LanguageSite, entry: &Entry) -> Link {
    Link { title: shown_title(theme, language, entry).0, href: entry.href.clone() }
}

/// One page to render: an author's page, or one the build generates.
#[derive(Debug, Clone, Copy)]
enum Job {
    Entry { language: usize, index: usize },
    Generated(usize),
}

/// The ids on each generated page, by (language index, slug), for links
/// to their anchors (`@/glossary#term-upr`).
pub type GeneratedIds = HashMap<(usize, String), BTreeSet<String>>;

/// The author's pages in `build.scope` and every page in `generated`
/// through their templates, in parallel, each written to `sink` as soon as
/// it is rendered. Returns the generated pages' ids.
pub fn render_pages(
    build: &BuildContext,
    generated: &[GeneratedPage],
    progress: &Progress,
    sink: &dyn Sink,
) -> Result<GeneratedIds> {
    let generated_ids = std::sync::Mutex::new(GeneratedIds::new());
    let BuildContext { site, theme, rendered, features, scope, .. } = build;
    // Only the languages of this turn have pages to render.
    let contexts: Vec<Option<SiteContext>> =
        (0..site.languages.len()).map(|l| scope.has_language(l).then(|| site_context(build, l))).collect();
    let context = |l: usize| contexts[l].as_ref().expect("a page of a language in scope");
    let wanted = |language: usize, index: usize| match &scope.pages {
        _ if !scope.has_language(language) => false,
        None => true,
        Some(pages) => pages.contains(&(language, site.languages[language].entries[index].slug.clone())),
    };
    let jobs: Vec<Job> = site
        .languages
        .iter()
        .enumerate()
        .flat_map(|(l, language)| (0..language.entries.len()).map(move |e| Job::Entry { language: l, index: e }))
        .filter(|job| match *job {
            Job::Entry { language, index } => wanted(language, index),
            Job::Generated(_) => true,
        })
        .chain((0..generated.len()).map(Job::Generated))
        .collect();
    let key_of = |job: Job| match job {
        Job::Entry { language, index } => nav::key(language, &site.languages[language].entries, index),
        Job::Generated(i) => {
            let page = &generated[i];
            let path = site.urls.path(&page.slug, &site.languages[page.language].lang);
            nav::generated_key(page.language, path.matches('/').count())
        }
    };

    // What every page of a language shares, made once per language on
    // each thread that renders its pages (a context is added to while a
    // page renders with it).
    let shared = |made: &mut HashMap<usize, tera::Context>, l: usize| -> Result<(), Diagnostic> {
        if let std::collections::hash_map::Entry::Vacant(vacant) = made.entry(l) {
            let strings = &theme.strings[&site.languages[l].lang];
            vacant.insert(theme.shared_context(&SharedContext { site: context(l), t: strings })?);
        }
        Ok(())
    };

    let jobs: Vec<(Job, NavKey)> = jobs.into_iter().map(|job| (job, key_of(job))).collect();
    let keys: HashSet<&NavKey> = jobs.iter().map(|(_, key)| key).collect();
    let navs: HashMap<NavKey, String> = keys
        .into_par_iter()
        .map_init(HashMap::new, |made, key| {
            let language = &site.languages[key.language];
            let items = nav::items(theme, language, key);
            let context = NavContext {
                nav: &items,
                windowed: !key.windows.is_empty(),
                root: root_prefix(key.depth),
                open: key.open.iter().map(|&i| language.entries[i].href.clone()).collect(),
            };
            shared(made, key.language)?;
            let shared = made.get_mut(&key.language).expect("made above");
            theme.render_shared("nav.html", shared, &context).map(|html| (key.clone(), html))
        })
        .collect::<Result<_, Diagnostic>>()?;

    // Every key a generated page may carry is there on every page, `null`
    // where it does not apply, so templates can always name it.
    let data_keys = features.page_data_keys();
    let errors: Vec<Error> = jobs
        .par_iter()
        .map_init(HashMap::new, |made, (job, key)| {
            let (l, view, template, data) = match *job {
                Job::Entry { language: l, index: e } => {
                    let template = match site.languages[l].entries[e].kind {
                        PageKind::Home => "home.html",
                        PageKind::Section => "section.html",
                        PageKind::Page => "page.html",
                    };
                    (l, page_view(build, l, e, &rendered[l][e]), template, None)
                }
                Job::Generated(i) => {
                    let page = &generated[i];
                    (page.language, generated_view(build, page), page.template.as_str(), Some(&page.data))
                }
            };
            let path = view.path.clone();
            let nav = nav::mark_current(&navs[key], &view.root, &view.href);
            let context = PageContext { page: view, nav, data: PageData { keys: &data_keys, values: data } };
            let result = shared(made, l).and_then(|()| {
                let shared = made.get_mut(&l).expect("made above");
                theme.render_shared(template, shared, &context)
            });
            let result = result.map_err(Error::one).and_then(|html| {
                if let Job::Generated(i) = job {
                    let ids = crate::engine::templates::literal_ids(&html).into_iter().collect();
                    let key = (generated[*i].language, generated[*i].slug.clone());
                    generated_ids.lock().expect("no panics while holding the lock").insert(key, ids);
                }
                sink.put(OutputFile { path: path.clone(), contents: Contents::Bytes(html.into_bytes()) })
            });
            progress.inc();
            result.err()
        })
        .flatten()
        .collect();
    // Mistakes in pages are gathered; the file system refusing (a full
    // disk) is said once, as every page after would meet it too.
    let mut problems = Vec::new();
    for error in errors {
        match error {
            Error::Content(found) => problems.extend(found),
            other => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(generated_ids.into_inner().expect("no panics while holding the lock"))
    } else {
        Err(Error::Content(dedup(problems)))
    }
}

/// The switcher's links from `slug` to each language: the same page, or
/// that language's home page if the page does not exist there. A generated
/// page exists in every language.
fn translation_links(site: &Site, slug: &str, current: &str, generated: bool) -> Vec<TranslationLink> {
    site.languages
        .iter()
        .map(|other| {
            let (href, is_fallback) = match other.get(slug) {
                Some(target) => (target.href.clone(), target.is_fallback),
                None if generated => (site.urls.page(slug, &other.lang), false),
                None => (other.entries[0].href.clone(), true),
            };
            let lang = &other.language;
            TranslationLink {
                code: lang.code.clone(),
                name: lang.name.clone(),
                dir: lang.direction.as_str(),
                href,
                is_current: other.lang == current,
                is_fallback,
            }
        })
        .collect()
}

/// What features add to a page (`page.audience`, `page.cycle`, ...).
fn feature_context(
    build: &BuildContext,
    language: usize,
    page: (&str, &str),
    entry: Option<(&Entry, &Rendered)>,
) -> ContextMap {
    let (title, href) = page;
    let input = PageInput { title, href, entry };
    let cx = build.language(language);
    let mut extra = ContextMap::new();
    for feature in build.features.iter() {
        feature.page_context(&cx, &input, &mut extra);
    }
    extra
}

fn generated_view<'a>(build: &'a BuildContext, page: &'a GeneratedPage) -> PageView<'a> {
    let site = build.site;
    let language = &site.languages[page.language];
    let path = site.urls.path(&page.slug, &language.lang);
    let depth = path.matches('/').count();
    let content_language = build.config.language(&page.content_lang).expect("configured language");
    let home = &language.entries[0];
    PageView {
        kind: page.kind,
        slug: &page.slug,
        title: &page.title,
        summary: page.description.as_deref(),
        content: "",
        toc: &[],
        phase: None,
        phase_name: None,
        contributors: &[],
        updated: None,
        updated_text: None,
        lang: &page.content_lang,
        dir: content_language.direction.as_str(),
        is_fallback: page.is_fallback,
        status: if page.is_fallback { TranslationStatus::Missing } else { TranslationStatus::Original },
        source_href: None,
        source_language: crate::engine::i18n::language_name_in(&build.theme.strings[&language.lang], content_language),
        href: site.urls.href(&path),
        root: root_prefix(depth),
        ancestors: vec![home.href.clone()],
        breadcrumbs: vec![link(build.theme, language, home)],
        prev: None,
        next: None,
        children: Vec::new(),
        translations: translation_links(site, &page.slug, &language.lang, true),
        extra: &yaml::Value::Null,
        features: feature_context(build, page.language, (&page.title, &site.urls.href(&path)), None),
        path,
    }
}

fn page_view<'a>(build: &'a BuildContext, l: usize, index: usize, rendered: &'a Rendered) -> PageView<'a> {
    let site = build.site;
    let language = &site.languages[l];
    let strings = &build.theme.strings[&language.lang];
    let entry = &language.entries[index];
    let page = entry.page;
    let content_language = build.config.language(&page.lang).expect("configured language");
    let mut ancestors = Vec::new();
    let mut parent = entry.parent;
    while let Some(i) = parent {
        ancestors.push(&language.entries[i]);
        parent = language.entries[i].parent;
    }
    ancestors.reverse();
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
        contributors: &page.front.contributors,
        updated: page.front.updated.as_deref(),
        updated_text: page.front.updated.as_deref().map(|date| written_date(date, strings, DateStyle::Day)),
        lang: &page.lang,
        dir: content_language.direction.as_str(),
        is_fallback: entry.is_fallback,
        status: entry.status,
        source_href: entry.source.and_then(|_| default.get(&entry.slug)).map(|source| source.href.clone()),
        source_language: crate::engine::i18n::language_name_in(strings, content_language),
        href: entry.href.clone(),
        path: entry.path.clone(),
        root: entry.root.clone(),
        ancestors: ancestors.iter().map(|a| a.href.clone()).collect(),
        breadcrumbs: ancestors.iter().map(|a| link(build.theme, language, a)).collect(),
        prev: index.checked_sub(1).map(|i| link(build.theme, language, &language.entries[i])),
        next: language.entries.get(index + 1).map(|next| link(build.theme, language, next)),
        children: entry.children.iter().map(|&child| NavItem::of(build.theme, language, child)).collect(),
        translations: translation_links(site, &entry.slug, &language.lang, false),
        extra: &page.front.extra,
        features: feature_context(build, l, (&page.front.title, &entry.href), Some((entry, rendered))),
    }
}
