//! The build pipeline, in one function you can read top to bottom (`run`):
//! read theme, pages and glossaries → assemble the site → render Markdown
//! and check anchors → `emit` (templates, generated pages, indexes,
//! handouts, copies) → write atomically. `serve` reuses the stages to
//! rebuild only what an edit needs.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content;
use crate::error::{dedup, Diagnostic, Error, Location, Result};
use crate::generated;
use crate::glossary::{self, Glossary};
use crate::i18n::UiStrings;
use crate::markdown::{self, LinkResolver, MarkdownOptions, Rendered};
use crate::output::{self, Memory, OutputFile, Sink, Staging};
use crate::progress::Progress;
use crate::site::{self, href, output_path, root_prefix, LanguageSite, Site};
use crate::templates::{views, Theme};

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
pub fn build(config: &Config, output: &Path, options: &BuildOptions, progress: &Progress) -> Result<BuildReport> {
    output::check_output_dir(output, &config.root)?;
    let start = Instant::now();
    let staging = Staging::create(output)?;
    let (mut report, strings) = run(config, options, progress, &staging)?;
    if config.handouts {
        crate::handout::site_zips(config, &strings, staging.dir())?;
        report.files += config.languages.len();
    }
    staging.commit()?;
    report.timings.push(("swap into place", start.elapsed().saturating_sub(report.elapsed)));
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Builds the whole site in memory.
pub fn render(config: &Config, options: &BuildOptions, progress: &Progress) -> Result<BuiltSite> {
    let memory = Memory::default();
    let (report, _) = run(config, options, progress, &memory)?;
    Ok(BuiltSite { files: memory.into_files(), report })
}

/// Runs the whole build without writing anything: every error a build
/// would meet, for `uprkit check`.
pub fn validate(config: &Config, options: &BuildOptions) -> Result<BuildReport> {
    run(config, options, &Progress::hidden(), &output::Discard).map(|(report, _)| report)
}

/// What a build reads: theme, pages and assets, glossaries.
pub struct Inputs {
    pub theme: Theme,
    pub loaded: content::Loaded,
    pub glossaries: BTreeMap<String, Glossary>,
}

impl Inputs {
    pub fn read(config: &Config, options: &BuildOptions) -> Result<Inputs> {
        let theme = Theme::load(config)?;
        let loaded = content::load(config, options.drafts)?;
        let glossaries = glossary::load(config)?;
        Ok(Inputs { theme, loaded, glossaries })
    }
}

/// Which outputs to (re)make: all of them, or after an edit that changed
/// only the text of some pages, just what shows that text.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// `None`: everything. Otherwise the (language index, slug) of the pages to render again.
    pub pages: Option<HashSet<(usize, String)>>,
    /// Languages whose search index changes.
    pub search_languages: HashSet<usize>,
    /// The checklists of some page changed: the checklists pages and their indexes.
    pub checklists: bool,
}

/// The pipeline. Pages go to `sink` as soon as they are rendered, so a big
/// site is never held in memory whole.
/// Builds into `sink`; also returns the UI strings of each language, which
/// the zips' notices need.
fn run(
    config: &Config,
    options: &BuildOptions,
    progress: &Progress,
    sink: &dyn Sink,
) -> Result<(BuildReport, BTreeMap<String, UiStrings>)> {
    let start = Instant::now();
    let mut timer = Timer::new();
    let inputs = Inputs::read(config, options)?;
    timer.lap("read theme, pages, glossaries");
    let site = site::assemble(config, &inputs.loaded)?;
    timer.lap("assemble");
    progress.set_total(site.languages.iter().map(|l| l.entries.len() as u64 * 2).sum());
    let rendered = render_markdown(config, &site, &inputs, progress)?;
    check_anchors(&site, &rendered)?;
    timer.lap("markdown");
    let (files, warnings) = emit(config, &site, &inputs, &rendered, &Scope::default(), progress, sink, &mut timer)?;
    let languages = site
        .languages
        .iter()
        .map(|language| LanguageCount {
            lang: language.lang.clone(),
            pages: language.entries.len(),
            fallbacks: language.entries.iter().filter(|entry| entry.is_fallback).count(),
        })
        .collect();
    let report = BuildReport { languages, files, warnings, timings: timer.laps, elapsed: start.elapsed() };
    Ok((report, inputs.theme.strings))
}

/// From rendered Markdown to files in `sink`: pages through templates,
/// generated pages, indexes, and (for a whole build) handouts, sitemap,
/// 404, copies. Returns the number of files and the warnings.
#[allow(clippy::too_many_arguments)]
pub fn emit(
    config: &Config,
    site: &Site,
    inputs: &Inputs,
    rendered: &[Vec<Rendered>],
    scope: &Scope,
    progress: &Progress,
    sink: &dyn Sink,
    timer: &mut Timer,
) -> Result<(usize, Vec<Diagnostic>)> {
    let Inputs { theme, loaded, glossaries } = inputs;
    let everything = scope.pages.is_none();
    let mut extras: Vec<OutputFile> = Vec::new();
    // Gathering every item of the guide is the slowest part of a one-page
    // rebuild: only done when the checklists changed.
    let checklists = if everything || scope.checklists {
        let checklists = views::checklists_by_phase(config, site, rendered, theme);
        for (language, phases) in site.languages.iter().zip(&checklists) {
            extras.push(OutputFile {
                path: format!("{}/checklists.{}.js", crate::templates::THEME_OUTPUT_DIR, language.lang),
                contents: crate::output::Contents::Bytes(views::checklist_index(phases).into_bytes()),
            });
        }
        views::Checklists::Gathered(checklists)
    } else {
        views::Checklists::NotGathered { any: rendered.iter().flatten().any(|page| !page.checklist.is_empty()) }
    };
    let generated = views::generated_pages(config, site, glossaries, checklists, theme)?;
    for (index, (language, pages)) in site.languages.iter().zip(rendered).enumerate() {
        if !everything && !scope.search_languages.contains(&index) {
            continue;
        }
        let strings = &theme.strings[&language.lang];
        let script = crate::search::index_script(config, language, pages, |id| views::phase_name(strings, id));
        extras.push(OutputFile {
            path: format!("search-index.{}.js", language.lang),
            contents: crate::output::Contents::Bytes(script.into_bytes()),
        });
    }
    let filter = |job: views::Job| match (&scope.pages, job) {
        (None, _) => true,
        (Some(pages), views::Job::Entry { language, index }) => {
            pages.contains(&(language, site.languages[language].entries[index].slug.clone()))
        }
        (Some(_), views::Job::Generated(i)) => scope.checklists && generated[i].kind == "checklists",
    };
    let pages = views::render_pages(config, site, rendered, &generated, theme, progress, sink, &filter)?;
    timer.lap("templates and write");
    let mut warnings = Vec::new();
    if everything {
        warnings = untranslated_languages(config, site);
        extras.extend(generated::files(config, site, theme, &loaded.assets, &mut warnings)?);
        extras.extend(site.languages.iter().filter_map(|language| views::key_dates(config, &language.lang, theme).1));
        if config.handouts {
            extras.extend(crate::handout::all(config, site, theme, glossaries)?);
        }
    }
    let files = pages + extras.len();
    extras.into_par_iter().try_for_each(|file| sink.put(file))?;
    timer.lap("handouts, sitemap, copies");
    Ok((files, warnings))
}

/// A language listed in uprkit.yaml with no page of its own shows only
/// fallbacks: most likely a typo in a file suffix or a forgotten folder.
fn untranslated_languages(config: &Config, site: &Site) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(config.root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    site.languages[1..]
        .iter()
        .filter(|language| language.entries.iter().all(|entry| entry.is_fallback))
        .map(|language| {
            let location = match crate::config::line_of_key(&text, &language.lang) {
                Some(line) => Location::at(crate::config::CONFIG_FILE, line, None),
                None => Location::file(crate::config::CONFIG_FILE),
            };
            Diagnostic::new(location, format!("language `{}` has no translated page yet", language.lang)).with_help(
                format!(
                    "every page is shown in the default language; add files such as content/_index.{}.md",
                    language.lang
                ),
            )
        })
        .collect()
}

/// Times each step of a build, for `-v`.
pub struct Timer {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Default for Timer {
    fn default() -> Self {
        Timer::new()
    }
}

impl Timer {
    pub fn new() -> Self {
        Timer { last: Instant::now(), laps: Vec::new() }
    }

    pub fn lap(&mut self, step: &'static str) {
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
        Some((format!("{}{}", self.root, href(self.config, &entry.path)), slug))
    }

    fn asset(&self, content_path: &str) -> Option<String> {
        self.assets.contains(content_path).then(|| format!("{}{}", self.root, href(self.config, content_path)))
    }
}

/// The Markdown of one entry, with links resolved from its place in the site.
pub fn render_entry(
    config: &Config,
    site: &Site,
    inputs: &Inputs,
    language: usize,
    index: usize,
) -> Result<Rendered, Vec<Diagnostic>> {
    let language = &site.languages[language];
    let entry = &language.entries[index];
    let links = EntryLinks { config, language, assets: &site.assets, root: root_prefix(entry.depth) };
    let glossary_href =
        format!("{}{}", links.root, href(config, &output_path(config, views::GLOSSARY_SLUG, &entry.lang)));
    let options = MarkdownOptions {
        slug: &entry.slug,
        dir: &entry.page.dir,
        strings: &inputs.theme.strings[&entry.lang],
        links: &links,
        glossary: inputs.glossaries.get(&entry.page.lang),
        glossary_href: &glossary_href,
        id_prefix: "",
    };
    let page = entry.page;
    markdown::render(&page.source, &page.body, page.body_line, &options)
}

/// Markdown of every entry in every language, in parallel; `[lang][entry]`.
pub fn render_markdown(
    config: &Config,
    site: &Site,
    inputs: &Inputs,
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
            let result = render_entry(config, site, inputs, l, e);
            progress.inc();
            result
        })
        .collect();
    let mut problems = Vec::new();
    let mut rendered: Vec<Vec<Rendered>> = site.languages.iter().map(|l| Vec::with_capacity(l.entries.len())).collect();
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
pub fn check_anchors(site: &Site, rendered: &[Vec<Rendered>]) -> Result<()> {
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
