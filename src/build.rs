//! The build pipeline, in one function you can read top to bottom:
//! load → parse → render Markdown → assemble → apply templates → write.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, PageKind};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::i18n::UiStrings;
use crate::markdown::{self, LinkResolver, MarkdownOptions, Rendered};
use crate::output::{self, Contents, Memory, OutputFile, Sink, Staging};
use crate::progress::Progress;
use crate::site::{self, href, root_prefix, Entry, LanguageSite, Link, Site};
use crate::templates::context::{
    AudienceView, NavContext, NavItem, NotFoundContext, PageContext, PageView, PhaseView,
    SiteContext, TranslationLink,
};
use crate::templates::{Theme, THEME_OUTPUT_DIR};

#[derive(Debug, Default, Clone)]
pub struct BuildOptions {
    /// Publish pages marked `draft: true`.
    pub drafts: bool,
}

/// Pages written for one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageCount {
    pub lang: String,
    pub pages: usize,
    /// Of which shown in the default language for want of a translation.
    pub fallbacks: usize,
}

/// What a build did, for the summary line and `-v`.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub languages: Vec<LanguageCount>,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    /// Each pipeline step and its duration, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
}

/// A built site held in memory, for serving.
#[derive(Debug)]
pub struct BuiltSite {
    pub files: Vec<OutputFile>,
    pub report: BuildReport,
}

/// Builds the site and writes it to `output`, replacing the previous build
/// only if everything succeeded.
pub fn build(
    config: &Config,
    output: &Path,
    options: &BuildOptions,
    progress: &Progress,
) -> Result<BuildReport> {
    output::check_output_dir(output, &config.root)?;
    let start = Instant::now();
    let staging = Staging::create(output)?;
    let mut report = run(config, options, progress, &staging)?;
    staging.commit()?;
    report.timings.push((
        "swap into place",
        start.elapsed().saturating_sub(report.elapsed),
    ));
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Builds the whole site in memory.
pub fn render(config: &Config, options: &BuildOptions, progress: &Progress) -> Result<BuiltSite> {
    let memory = Memory::default();
    let report = run(config, options, progress, &memory)?;
    Ok(BuiltSite {
        files: memory.into_files(),
        report,
    })
}

/// The pipeline. Pages go to `sink` as soon as they are rendered, so a big
/// site is never held in memory whole.
fn run(
    config: &Config,
    options: &BuildOptions,
    progress: &Progress,
    sink: &dyn Sink,
) -> Result<BuildReport> {
    let start = Instant::now();
    let mut timer = Timer::new();
    let theme = Theme::load(config)?;
    timer.lap("theme");
    let loaded = content::load(config, options.drafts)?;
    timer.lap("load and parse");
    let site = site::assemble(config, &loaded)?;
    timer.lap("assemble");
    progress.set_total(
        site.languages
            .iter()
            .map(|l| l.entries.len() as u64 * 2)
            .sum(),
    );
    let rendered = render_markdown(config, &site, &theme, progress)?;
    check_anchors(&site, &rendered)?;
    timer.lap("markdown");
    let pages = apply_templates(config, &site, &rendered, &theme, progress, sink)?;
    timer.lap("templates and write");
    let mut warnings = Vec::new();
    let extras = extra_files(config, &site, &theme, &loaded.assets, &mut warnings)?;
    let files = pages + extras.len();
    extras.into_par_iter().try_for_each(|file| sink.put(file))?;
    timer.lap("sitemap, 404 and copies");

    let languages = site
        .languages
        .iter()
        .map(|language| LanguageCount {
            lang: language.lang.clone(),
            pages: language.entries.len(),
            fallbacks: language
                .entries
                .iter()
                .filter(|entry| entry.is_fallback)
                .count(),
        })
        .collect();
    Ok(BuildReport {
        languages,
        files,
        warnings,
        timings: timer.laps,
        elapsed: start.elapsed(),
    })
}

struct Timer {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Timer {
    fn new() -> Self {
        Timer {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        self.laps.push((step, now - self.last));
        self.last = now;
    }
}

/// Resolves links from one entry: to pages of the same language, and to assets.
struct EntryLinks<'s> {
    config: &'s Config,
    language: &'s LanguageSite<'s>,
    assets: &'s BTreeSet<String>,
    root: String,
}

impl LinkResolver for EntryLinks<'_> {
    fn page(&self, content_path: &str) -> Option<(String, String)> {
        let slug = site::slug_of(self.config, content_path);
        let entry = self.language.get(&slug)?;
        Some((
            format!("{}{}", self.root, href(self.config, &entry.path)),
            slug,
        ))
    }

    fn asset(&self, content_path: &str) -> Option<String> {
        self.assets
            .contains(content_path)
            .then(|| format!("{}{}", self.root, href(self.config, content_path)))
    }
}

/// Markdown of every entry in every language, in parallel; `[lang][entry]`.
fn render_markdown(
    config: &Config,
    site: &Site,
    theme: &Theme,
    progress: &Progress,
) -> Result<Vec<Vec<Rendered>>> {
    let jobs: Vec<(usize, usize)> = site
        .languages
        .iter()
        .enumerate()
        .flat_map(|(l, language)| (0..language.entries.len()).map(move |e| (l, e)))
        .collect();
    let results: Vec<Result<Rendered, Vec<Diagnostic>>> = jobs
        .par_iter()
        .map(|&(l, e)| {
            let language = &site.languages[l];
            let entry = &language.entries[e];
            let links = EntryLinks {
                config,
                language,
                assets: &site.assets,
                root: root_prefix(entry.depth),
            };
            let options = MarkdownOptions {
                slug: &entry.slug,
                dir: &entry.page.dir,
                strings: &theme.strings[&entry.lang],
                links: &links,
            };
            let page = entry.page;
            let result = markdown::render(&page.source, &page.body, page.body_line, &options);
            progress.inc();
            result
        })
        .collect();
    let mut problems = Vec::new();
    let mut rendered: Vec<Vec<Rendered>> = site
        .languages
        .iter()
        .map(|l| Vec::with_capacity(l.entries.len()))
        .collect();
    for (&(l, _), result) in jobs.iter().zip(results) {
        match result {
            Ok(page) => rendered[l].push(page),
            Err(found) => {
                problems.extend(found);
                rendered[l].push(Rendered::default());
            }
        }
    }
    if problems.is_empty() {
        Ok(rendered)
    } else {
        Err(Error::Content(dedup(problems)))
    }
}

/// Every `#anchor` of a link must be an id on its target page.
fn check_anchors(site: &Site, rendered: &[Vec<Rendered>]) -> Result<()> {
    let mut problems = Vec::new();
    for (language, pages) in site.languages.iter().zip(rendered) {
        for (entry, page) in language.entries.iter().zip(pages) {
            for reference in &page.anchor_refs {
                let Some(target) = language.index_of(&reference.slug) else {
                    continue;
                };
                if pages[target].anchors.contains(&reference.anchor) {
                    continue;
                }
                let target_entry = &language.entries[target];
                problems.push(
                    Diagnostic::new(
                        Location::at(&entry.page.source, reference.line, None),
                        format!(
                            "broken link: {} has no heading or item with id `#{}`",
                            target_entry.page.source.display(),
                            reference.anchor
                        ),
                    )
                    .with_help(format!(
                        "link to an existing heading, or give the heading an explicit id in every language: `## Title {{#{}}}`",
                        reference.anchor
                    )),
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(dedup(problems)))
    }
}

/// The same source rendered in several languages reports the same problem once.
fn dedup(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    problems
        .into_iter()
        .filter(|problem| seen.insert(problem.to_string()))
        .collect()
}

/// A UI string, or `fallback` where no table has it.
fn string_or(strings: &UiStrings, key: &str, fallback: &str) -> String {
    strings
        .get(key)
        .cloned()
        .unwrap_or_else(|| fallback.to_string())
}

/// A phase's name in the reader's language, or its id if untranslated.
fn phase_name(strings: &UiStrings, id: &str) -> String {
    string_or(strings, &format!("phase_{id}"), id)
}

fn site_context(config: &Config, language: &LanguageSite, theme: &Theme) -> SiteContext {
    let lang = config
        .language(&language.lang)
        .expect("configured language");
    let strings = &theme.strings[&lang.code];
    let phases = config
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
                .find(|e| {
                    e.kind == PageKind::Section && e.page.front.phase.as_deref() == Some(&phase.id)
                })
                .map(|e| href(config, &e.path)),
        })
        .collect();
    let home = &language.entries[0];
    SiteContext {
        title: lang.title.clone().unwrap_or_else(|| config.title.clone()),
        lang: lang.code.clone(),
        dir: lang.direction.as_str(),
        default_lang: config.default_language().code.clone(),
        base_url: config.base_url.clone(),
        home_href: href(config, &home.path),
        assets: THEME_OUTPUT_DIR,
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
        children: entry
            .children
            .iter()
            .map(|&child| nav_item(config, language, child))
            .collect(),
    }
}

fn link(config: &Config, entry: &Entry) -> Link {
    Link {
        title: entry.page.front.title.clone(),
        href: href(config, &entry.path),
    }
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
    let mut current = Some(index)
        .filter(|&i| !entries[i].children.is_empty())
        .or(entries[index].parent);
    while let Some(i) = current {
        open.push(i);
        current = entries[i].parent;
    }
    NavKey {
        language,
        depth: entries[index].depth,
        open,
    }
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

/// Every page through its template, in parallel, each written to `sink`
/// as soon as it is rendered. Returns the number of pages.
fn apply_templates(
    config: &Config,
    site: &Site,
    rendered: &[Vec<Rendered>],
    theme: &Theme,
    progress: &Progress,
    sink: &dyn Sink,
) -> Result<usize> {
    let contexts: Vec<SiteContext> = site
        .languages
        .iter()
        .map(|l| site_context(config, l, theme))
        .collect();
    let items: Vec<Vec<NavItem>> = site
        .languages
        .iter()
        .map(|language| {
            language.entries[0]
                .children
                .iter()
                .map(|&child| nav_item(config, language, child))
                .collect()
        })
        .collect();
    let jobs: Vec<(usize, usize)> = site
        .languages
        .iter()
        .enumerate()
        .flat_map(|(l, language)| (0..language.entries.len()).map(move |e| (l, e)))
        .collect();

    let keys: HashSet<NavKey> = jobs
        .iter()
        .map(|&(l, e)| nav_key(l, &site.languages[l].entries, e))
        .collect();
    let navs: HashMap<NavKey, String> = keys
        .into_par_iter()
        .map(|key| {
            let language = &site.languages[key.language];
            let context = NavContext {
                site: &contexts[key.language],
                nav: &items[key.language],
                root: root_prefix(key.depth),
                open: key
                    .open
                    .iter()
                    .map(|&i| href(config, &language.entries[i].path))
                    .collect(),
                t: &theme.strings[&language.lang],
            };
            theme.render("nav.html", &context).map(|html| (key, html))
        })
        .collect::<Result<_, Diagnostic>>()?;

    let problems: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|&(l, e)| {
            let language = &site.languages[l];
            let entry = &language.entries[e];
            let strings = &theme.strings[&entry.lang];
            let view = page_view(config, site, language, e, &rendered[l][e], strings);
            let nav = mark_current(
                &navs[&nav_key(l, &language.entries, e)],
                &view.root,
                &view.href,
            );
            let context = PageContext {
                site: &contexts[l],
                page: view,
                nav,
                t: strings,
            };
            let template = match entry.kind {
                PageKind::Home => "home.html",
                PageKind::Section => "section.html",
                PageKind::Page => "page.html",
            };
            let result = theme
                .render(template, &context)
                .map_err(Error::one)
                .and_then(|html| {
                    sink.put(OutputFile {
                        path: entry.path.clone(),
                        contents: Contents::Bytes(html.into_bytes()),
                    })
                });
            progress.inc();
            match result {
                Ok(()) => None,
                Err(Error::Content(found)) => Some(found),
                Err(other) => Some(vec![Diagnostic::new(
                    Location::file(&entry.path),
                    other.to_string(),
                )]),
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
    let translations = site
        .languages
        .iter()
        .map(|other| {
            let lang = config.language(&other.lang).expect("configured language");
            let (target, is_fallback) = match other.get(&entry.slug) {
                Some(target) => (target, target.is_fallback),
                None => (&other.entries[0], true),
            };
            TranslationLink {
                code: lang.code.clone(),
                name: lang.name.clone(),
                dir: lang.direction.as_str(),
                href: href(config, &target.path),
                is_current: other.lang == language.lang,
                is_fallback,
            }
        })
        .collect();
    PageView {
        kind: entry.kind,
        slug: &entry.slug,
        title: &page.front.title,
        summary: page.front.summary.as_deref(),
        content: &rendered.html,
        toc: &rendered.toc,
        phase: entry.phase.as_deref(),
        phase_name: entry.phase.as_ref().map(|phase| phase_name(strings, phase)),
        audience: page
            .front
            .audience
            .iter()
            .map(|id| AudienceView {
                id: id.clone(),
                name: string_or(strings, &format!("audience_{id}"), id),
            })
            .collect(),
        contributors: &page.front.contributors,
        updated: page.front.updated.as_deref(),
        lang: &page.lang,
        dir: content_language.direction.as_str(),
        is_fallback: entry.is_fallback,
        source_language: &content_language.name,
        href: href(config, &entry.path),
        root: root_prefix(entry.depth),
        ancestors: ancestors.iter().map(|a| href(config, &a.path)).collect(),
        breadcrumbs: ancestors.iter().map(|a| link(config, a)).collect(),
        prev: index
            .checked_sub(1)
            .map(|i| link(config, &language.entries[i])),
        next: language
            .entries
            .get(index + 1)
            .map(|next| link(config, next)),
        children: entry
            .children
            .iter()
            .map(|&child| nav_item(config, language, child))
            .collect(),
        translations,
        checklist_items: rendered.checklist.len(),
        extra: &page.front.extra,
    }
}

/// Files besides the pages: the theme's CSS and JavaScript, the site's
/// `static/`, assets beside pages, `sitemap.xml` and `404.html`.
fn extra_files(
    config: &Config,
    site: &Site,
    theme: &Theme,
    assets: &[content::Asset],
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    for (name, bytes) in &theme.static_files {
        files.push(OutputFile {
            path: format!("{THEME_OUTPUT_DIR}/{name}"),
            contents: Contents::Bytes(bytes.to_vec()),
        });
    }
    for asset in assets {
        files.push(OutputFile {
            path: asset.rel_path.clone(),
            contents: Contents::Copy(asset.path.clone()),
        });
    }
    let generated: HashSet<&str> = site
        .languages
        .iter()
        .flat_map(|l| &l.entries)
        .map(|e| e.path.as_str())
        .collect();
    for (rel, path) in crate::templates::files_under(&config.static_dir)? {
        if generated.contains(rel.as_str()) || rel == "sitemap.xml" || rel == "404.html" {
            warnings.push(
                Diagnostic::new(
                    Location::file(Path::new("static").join(&rel)),
                    format!("ignored: the build generates {rel} itself"),
                )
                .with_help("rename or remove this static file"),
            );
            continue;
        }
        files.push(OutputFile {
            path: rel,
            contents: Contents::Copy(path),
        });
    }
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        contents: Contents::Bytes(sitemap(config, site).into_bytes()),
    });

    let default = &site.languages[0];
    let context = site_context(config, default, theme);
    let root = match &config.base_url {
        Some(url) => format!("{url}/"),
        None => "/".to_string(),
    };
    let not_found = NotFoundContext {
        site: &context,
        root,
        t: &theme.strings[&default.lang],
    };
    let html = theme.render("404.html", &not_found)?;
    files.push(OutputFile {
        path: "404.html".into(),
        contents: Contents::Bytes(html.into_bytes()),
    });
    Ok(files)
}

/// Every translated page; fallback copies are left out. Addresses are
/// absolute only when `base_url` is set.
fn sitemap(config: &Config, site: &Site) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let prefix = config
        .base_url
        .as_ref()
        .map(|url| format!("{url}/"))
        .unwrap_or_default();
    for language in &site.languages {
        for entry in language.entries.iter().filter(|entry| !entry.is_fallback) {
            xml.push_str("  <url><loc>");
            pulldown_cmark_escape::escape_html(
                &mut xml,
                &format!("{prefix}{}", href(config, &entry.path)),
            )
            .expect("writing to a String");
            xml.push_str("</loc>");
            if let Some(updated) = &entry.page.front.updated {
                xml.push_str("<lastmod>");
                xml.push_str(updated);
                xml.push_str("</lastmod>");
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The line printed after a build: pages per language, files, warnings, time.
pub fn summary(report: &BuildReport, output: &Path) -> String {
    let total: usize = report.languages.iter().map(|l| l.pages).sum();
    let per_language = report
        .languages
        .iter()
        .map(|l| match l.fallbacks {
            0 => format!("{} {}", l.lang, l.pages),
            n => format!("{} {} ({n} untranslated)", l.lang, l.pages),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let languages = match report.languages.len() {
        1 => "1 language".to_string(),
        n => format!("{n} languages"),
    };
    let warnings = match report.warnings.len() {
        0 => String::new(),
        1 => ", 1 warning".to_string(),
        n => format!(", {n} warnings"),
    };
    format!(
        "Built {total} pages in {languages} ({per_language}), {} files{warnings}, in {} ms → {}",
        report.files,
        report.elapsed.as_millis(),
        output.display()
    )
}
