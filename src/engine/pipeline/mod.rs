//! The build pipeline, in one function you can read top to bottom ([`run`]):
//!
//! ```text
//! read      theme, pages and assets; each feature loads its own files (Feature::load)
//! assemble  languages, fallbacks, sections, phases, reading order, every URL
//! markdown  engine pass, then each feature's pass (Feature::markdown); anchors checked
//! emit      generated pages (Feature::pages) and every page through its template,
//!           with what features add (Feature::site_context, Feature::page_context);
//!           files (Feature::files), sitemap, 404, copies, all into the sink;
//!           on disk, files made from them (Feature::finish, the zips)
//! ```
//!
//! [`build`] then swaps the staging folder in place of the previous output.
//!
//! `serve` reuses the stages to rebuild only what an edit needs.

mod checks;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::engine::config::Config;
use crate::engine::content;
use crate::engine::error::{dedup, Diagnostic, Error, Location, Result};
use crate::engine::feature::{BuildContext, Features, Scope};
use crate::engine::markdown::{self, LinkResolver, MarkdownOptions, Rendered, Target};
use crate::engine::output::{self, Memory, OutputFile, Sink, Staging};
use crate::engine::progress::Progress;
use crate::engine::render;
use crate::engine::site::{self, slug_of, LanguageSite, Site};
use crate::engine::site_files;
use crate::engine::templates::Theme;

pub use checks::check_anchors;
use checks::{check_addresses, check_generated_refs};

/// Makes the features a build uses, fresh for each build:
/// `uprkit::features::registry`.
pub type Registry = fn() -> Features;

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
    registry: Registry,
    output: &Path,
    options: &BuildOptions,
    progress: &Progress,
) -> Result<BuildReport> {
    output::check_output_dir(output, &config.root)?;
    let start = Instant::now();
    let staging = Staging::create(output)?;
    let (mut report, _) = run(config, registry, options, progress, &staging)?;
    report.warnings.extend(staging.commit()?);
    report.timings.push(("swap into place", start.elapsed().saturating_sub(report.elapsed)));
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Builds the whole site in memory.
pub fn render(config: &Config, registry: Registry, options: &BuildOptions, progress: &Progress) -> Result<BuiltSite> {
    let memory = Memory::default();
    let (report, _) = run(config, registry, options, progress, &memory)?;
    Ok(BuiltSite { files: memory.into_files(), report })
}

/// Runs the whole build without writing anything: every error a build
/// would meet, for `uprkit check`.
pub fn validate(config: &Config, registry: Registry, options: &BuildOptions) -> Result<BuildReport> {
    run(config, registry, options, &Progress::hidden(), &output::Discard).map(|(report, _)| report)
}

/// What a build reads: the theme, pages and assets, and each feature's own files.
pub struct Inputs {
    pub theme: Theme,
    pub loaded: content::Loaded,
    pub features: Features,
    /// Ids of the page around an author's text: the theme's and the features'.
    pub reserved_ids: BTreeSet<String>,
}

impl Inputs {
    pub fn read(config: &Config, registry: Registry, options: &BuildOptions) -> Result<Inputs> {
        let theme = Theme::load(config)?;
        let loaded = content::load(config, options.drafts)?;
        let mut features = registry();
        features.load(config)?;
        let reserved_ids = reserved_ids(&theme, &features);
        Ok(Inputs { theme, loaded, features, reserved_ids })
    }

    /// Loads the theme again (its templates changed).
    pub fn reload_theme(&mut self, config: &Config) -> Result<Theme> {
        let theme = Theme::load(config)?;
        self.reserved_ids = reserved_ids(&theme, &self.features);
        Ok(std::mem::replace(&mut self.theme, theme))
    }
}

fn reserved_ids(theme: &Theme, features: &Features) -> BTreeSet<String> {
    let mut ids = theme.page_ids();
    ids.extend(features.iter().flat_map(|feature| feature.reserved_ids()).map(|id| id.to_string()));
    ids
}

/// The pipeline. Pages go to `sink` as soon as they are rendered, so a big
/// site is never held in memory whole. Also returns the inputs, for the
/// steps that follow on the written files.
fn run(
    config: &Config,
    registry: Registry,
    options: &BuildOptions,
    progress: &Progress,
    sink: &dyn Sink,
) -> Result<(BuildReport, Inputs)> {
    let start = Instant::now();
    let mut timer = Timer::new();
    let inputs = Inputs::read(config, registry, options)?;
    timer.lap("read theme, pages, glossaries");
    let site = site::assemble(config, &inputs.loaded)?;
    timer.lap("assemble");
    progress.set_total(site.languages.iter().map(|l| l.entries.len() as u64 * 2).sum());
    let rendered = render_markdown(config, &site, &inputs, progress)?;
    check_anchors(&site, &rendered)?;
    timer.lap("markdown");
    let (mut files, warnings) =
        emit(config, &site, &inputs, &rendered, &Scope::everything(), progress, sink, &mut timer)?;
    if let Some(dir) = sink.dir() {
        // What only the pages needed goes before the zips are made.
        drop(rendered);
        files += finish(config, &site, &inputs, dir)?;
        timer.lap("zips");
    }
    let languages = site
        .languages
        .iter()
        .map(|language| LanguageCount {
            lang: language.lang.clone(),
            pages: language.entries.len(),
            fallbacks: language.entries.iter().filter(|entry| entry.is_fallback).count(),
        })
        .collect();
    drop(site);
    let report = BuildReport { languages, files, warnings, timings: timer.laps, elapsed: start.elapsed() };
    Ok((report, inputs))
}

/// From rendered Markdown to files in `sink`, for `scope`: pages through
/// templates, the pages and files of features, and (for a whole build)
/// sitemap, 404 and copies. Returns the number of files and the warnings.
#[allow(clippy::too_many_arguments)] // the pipeline's stages, passed explicitly rather than bundled in a god object
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
    let Inputs { theme, loaded, features, reserved_ids } = inputs;
    let build = BuildContext { config, site, theme, rendered, features, scope, reserved_ids };
    let generated = features.collect(|feature| feature.pages(&build))?;
    check_addresses(site, features, &generated)?;
    let mut written = 0;
    for feature in features.iter() {
        written += feature.write_files(&build, sink)?;
    }
    timer.lap("handouts and features' files");
    if scope.is_everything() && sink.dir().is_some() {
        // A build to disk renders no more Markdown: give back what was kept
        // for it (serve keeps it for the next edit).
        markdown::forget_highlighting();
    }
    let mut extras = crate::engine::nav::files(site);
    let (pages, generated_ids) = render::render_pages(&build, &generated, progress, sink)?;
    if scope.is_everything() {
        check_generated_refs(site, rendered, &generated_ids)?;
    }
    timer.lap("templates and write");
    let mut warnings = Vec::new();
    if scope.is_everything() {
        warnings = untranslated_languages(config, site);
        warnings.extend(loaded.warnings.iter().cloned());
        warnings.extend(dedup(rendered.iter().flatten().flat_map(|page| page.warnings.iter().cloned()).collect()));
        extras.extend(site_files::files(&build, &loaded.assets, &mut warnings)?);
    }
    let files = pages + written + extras.len();
    extras.into_par_iter().try_for_each(|file| sink.put(file))?;
    timer.lap("sitemap, copies");
    Ok((files, warnings))
}

/// Files made from the whole site once written to `dir` (the zips). The
/// pages' Markdown is no longer needed, nor is it given.
fn finish(config: &Config, site: &Site, inputs: &Inputs, dir: &Path) -> Result<usize> {
    let Inputs { theme, features, reserved_ids, .. } = inputs;
    let scope = Scope::everything();
    let build = BuildContext { config, site, theme, rendered: &[], features, scope: &scope, reserved_ids };
    let mut files = 0;
    for feature in features.iter() {
        files += feature.finish(&build, dir)?;
    }
    Ok(files)
}

/// A language listed in uprkit.yaml with no page of its own shows only
/// fallbacks: most likely a typo in a file suffix or a forgotten folder.
fn untranslated_languages(config: &Config, site: &Site) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(config.root.join(crate::engine::config::CONFIG_FILE)).unwrap_or_default();
    site.languages[1..]
        .iter()
        .filter(|language| language.entries.iter().all(|entry| entry.is_fallback))
        .map(|language| {
            let location = match crate::engine::config::line_of_key(&text, &language.lang) {
                Some(line) => Location::at(crate::engine::config::CONFIG_FILE, line, None),
                None => Location::file(crate::engine::config::CONFIG_FILE),
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
    site: &'s Site<'s>,
    language: &'s LanguageSite<'s>,
    root: &'s str,
}

impl LinkResolver for EntryLinks<'_> {
    fn page(&self, content_path: &str) -> Option<(String, String)> {
        let slug = slug_of(self.config, content_path);
        let entry = self.language.get(&slug)?;
        Some((format!("{}{}", self.root, entry.href), slug))
    }

    fn asset(&self, content_path: &str) -> Option<String> {
        self.site.assets.contains(content_path).then(|| format!("{}{}", self.root, self.site.urls.href(content_path)))
    }

    fn generated(&self, slug: &str, lang: &str) -> Option<String> {
        Some(format!("{}{}", self.root, self.site.urls.page(slug, lang)))
    }

    fn page_at(&self, slug: &str) -> Option<(String, String)> {
        let entry = self.language.get(slug)?;
        Some((format!("{}{}", self.root, entry.href), slug.to_string()))
    }

    fn reader_lang(&self) -> &str {
        &self.language.lang
    }

    fn page_paths(&self) -> Vec<String> {
        self.language
            .entries
            .iter()
            .map(|entry| {
                let source = entry.source.unwrap_or(entry.page).source.to_string_lossy().replace('\\', "/");
                source.strip_prefix("content/").unwrap_or(&source).to_string()
            })
            .collect()
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
    let links = EntryLinks { config, site, language, root: &entry.root };
    let page = entry.page;
    let options = MarkdownOptions {
        slug: &entry.slug,
        dir: &page.dir,
        lang: &page.lang,
        strings: &inputs.theme.strings[&entry.lang],
        links: &links,
        id_prefix: "",
        passes: &inputs.features,
        reserved_ids: &inputs.reserved_ids,
        target: Target::Site,
    };
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
