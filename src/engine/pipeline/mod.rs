//! The build pipeline, in one function you can read top to bottom ([`run`]):
//!
//! ```text
//! read      theme, pages and assets; each feature loads its own files (Feature::load)
//! assemble  languages, fallbacks, sections, phases, reading order, every URL
//! then one language at a time (only its Markdown is kept in memory):
//!   markdown  engine pass, then each feature's pass (Feature::markdown); anchors checked
//!   emit      generated pages (Feature::pages) and every page through its template,
//!             with what features add (Feature::site_context, Feature::page_context);
//!             the features' files (Feature::write_files: handouts, search index)
//! shared    navigation scripts, sitemap, 404, theme files, copies
//! finish    on disk, files made from the written site (Feature::finish, the zips)
//! ```
//!
//! [`build`] then swaps the staging folder in place of the previous output.
//!
//! `serve` reuses the stages, with every language's Markdown kept, to
//! rebuild only what an edit needs.

mod checks;
mod entries;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::engine::config::Config;
use crate::engine::content;
use crate::engine::error::{dedup, Diagnostic, Error, Location, Result};
use crate::engine::feature::document::{Document, Kept};
use crate::engine::feature::{BuildContext, Features, Scope, SiteContext};
use crate::engine::markdown::Rendered;
use crate::engine::output::{self, Memory, OutputFile, Sink, Staging};
use crate::engine::progress::Progress;
use crate::engine::render;
use crate::engine::site::{self, Site};
use crate::engine::site_files;
use crate::engine::templates::Theme;

pub use checks::check_anchors;
use checks::{check_addresses, check_generated_refs};
use entries::render_languages;
pub use entries::{render_entry, render_markdown};

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
    let explain = |error| output::explain(error, output);
    let (mut report, _) = run(config, registry, options, progress, &staging).map_err(explain)?;
    report.warnings.extend(staging.commit().map_err(explain)?);
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
/// would meet, for `uprkit check` and `uprkit handout`; with what it read,
/// so that they need not read it again.
pub fn validate(config: &Config, registry: Registry, options: &BuildOptions) -> Result<(BuildReport, Inputs)> {
    run(config, registry, options, &Progress::hidden(), &output::Discard::default())
}

/// What a build reads: the theme, pages and assets, and each feature's own files.
pub struct Inputs {
    pub theme: Theme,
    pub loaded: content::Loaded,
    pub features: Features,
    /// Ids of the page around an author's text: the theme's and the features'.
    pub reserved_ids: BTreeSet<String>,
    /// What the features found in their files that does not stop a build.
    pub warnings: Vec<Diagnostic>,
}

impl Inputs {
    pub fn read(config: &Config, registry: Registry, options: &BuildOptions) -> Result<Inputs> {
        let theme = Theme::load(config)?;
        let mut loaded = content::load(config, options.drafts)?;
        let mut features = registry();
        let (pages, warnings) = features.load(config, &loaded)?;
        add_source_pages(&mut loaded, pages);
        let reserved_ids = reserved_ids(&theme, &features);
        Ok(Inputs { theme, loaded, features, reserved_ids, warnings })
    }

    /// Loads the theme again (its templates changed).
    pub fn reload_theme(&mut self, config: &Config) -> Result<Theme> {
        let theme = Theme::load(config)?;
        self.reserved_ids = reserved_ids(&theme, &self.features);
        Ok(std::mem::replace(&mut self.theme, theme))
    }
}

/// Adds the pages features made from other files than `content/` (a
/// translation from a PO file), sorted as the content's own.
pub fn add_source_pages(loaded: &mut content::Loaded, pages: Vec<content::Page>) {
    loaded.pages.extend(pages);
    // Sorted by address, then language, as the content's own.
    loaded.pages.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.lang.cmp(&b.lang)));
}

fn reserved_ids(theme: &Theme, features: &Features) -> BTreeSet<String> {
    let mut ids = theme.page_ids();
    ids.extend(features.declarations().flat_map(|(_, declared)| declared.reserved_ids).map(|id| id.to_string()));
    ids
}

/// The pipeline, one language at a time: a language's Markdown is rendered,
/// its pages and files go to `sink` as soon as they are made, and its
/// rendering is dropped before the next language's, so that a big site is
/// never held in memory whole. Then the files shared by all languages, and
/// on disk, the zips. Also returns the inputs.
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
    let (mut warnings, mut generated_ids) = (Vec::new(), render::GeneratedIds::new());
    let turns = turns(&site);
    let several = turns.len() > 1;
    // Kept from turn to turn: an agenda in Spanish names a section of an English page.
    let mut tables_of_contents: Vec<Vec<Vec<crate::engine::markdown::TocEntry>>> =
        site.languages.iter().map(|_| Vec::new()).collect();
    for turn in turns {
        let rendered = match render_languages(config, &site, &inputs, turn.clone(), progress) {
            Ok(rendered) => rendered,
            Err(mut problems) => {
                // Every language's mistakes at once, as if rendered together.
                let later = turn.end..site.languages.len();
                problems.extend(render_languages(config, &site, &inputs, later, progress).err().unwrap_or_default());
                return Err(Error::Content(dedup(problems)));
            }
        };
        check_anchors(&site, &rendered)?;
        timer.lap("markdown");
        for language in turn.clone() {
            tables_of_contents[language] = rendered[language].iter().map(|page| page.toc.clone()).collect();
        }
        let scope = Scope::languages_turn(turn);
        let outputs = Outputs { rendered: &rendered, tables_of_contents: &tables_of_contents };
        warnings.extend(emit(config, &site, &inputs, outputs, &scope, progress, sink, &mut generated_ids, &mut timer)?);
        drop(rendered);
        if several {
            give_back_memory();
        }
    }
    warnings.extend(shared_files(config, &site, &inputs, sink)?);
    let warnings = dedup(warnings);
    timer.lap("sitemap, copies");
    finish(&site, &inputs, config, sink)?;
    timer.lap("zips");
    // What was written, as the sink holds it: not a sum of what each step
    // meant to write.
    let files = sink.written();
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

/// What a turn rendered, for [`emit`]: the Markdown of its languages, and
/// the tables of contents of every language rendered so far.
#[derive(Clone, Copy)]
pub struct Outputs<'a> {
    pub rendered: &'a [Vec<Rendered>],
    pub tables_of_contents: &'a [Vec<Vec<crate::engine::markdown::TocEntry>>],
}

/// A turn renders languages until it holds this many pages: a small site
/// is made in one turn, a big one a language at a time.
const PAGES_PER_TURN: usize = 1000;

/// The languages of each turn of a build, in order, the default first.
/// `UPRKIT_PAGES_PER_TURN` sets the turns' size for the tests, which build a
/// small site in as many turns as it has languages and compare.
fn turns(site: &Site) -> Vec<std::ops::Range<usize>> {
    let per_turn = std::env::var("UPRKIT_PAGES_PER_TURN").ok().and_then(|n| n.parse().ok()).unwrap_or(PAGES_PER_TURN);
    let mut turns = Vec::new();
    let (mut start, mut pages) = (0, 0);
    for (index, language) in site.languages.iter().enumerate() {
        pages += language.entries.len();
        if pages >= per_turn || index + 1 == site.languages.len() {
            turns.push(start..index + 1);
            (start, pages) = (index + 1, 0);
        }
    }
    turns
}

/// From rendered Markdown to files in `sink`, for `scope`: pages through
/// templates, the pages and files of features, and (for a whole build not
/// made by language) the shared files ([`shared_files`]). The ids of
/// generated pages join `generated_ids`, against which `@/` links are
/// checked. Returns the warnings.
#[allow(clippy::too_many_arguments)] // the pipeline's stages, passed explicitly rather than bundled in a god object
pub fn emit(
    config: &Config,
    site: &Site,
    inputs: &Inputs,
    outputs: Outputs,
    scope: &Scope,
    progress: &Progress,
    sink: &dyn Sink,
    generated_ids: &mut render::GeneratedIds,
    timer: &mut Timer,
) -> Result<Vec<Diagnostic>> {
    let Inputs { theme, features, reserved_ids, .. } = inputs;
    let Outputs { rendered, tables_of_contents } = outputs;
    let build = BuildContext { config, site, theme, rendered, tables_of_contents, features, scope, reserved_ids };
    let mut generated = Vec::new();
    for language in build.languages() {
        let cx = build.language(language);
        for feature in features.iter().filter(|feature| scope.includes(language, feature.name())) {
            generated.extend(feature.pages(&cx)?);
        }
    }
    check_addresses(site, features, &generated)?;
    for language in build.languages() {
        let cx = build.language(language);
        let now = |name: &'static str| scope.includes(language, name) && !scope.later.contains(&(language, name));
        for feature in features.iter().filter(|feature| now(feature.name())) {
            feature.files(&cx, sink)?;
        }
    }
    // The outputs over the document (handouts) hold every page's text:
    // after an edit, `serve` makes them once the browser has its reload.
    let mut warnings = Vec::new();
    if scope.is_everything() {
        warnings.extend(write_outputs(&build, sink, None)?);
    }
    timer.lap("handouts and features' files");
    generated_ids.extend(render::render_pages(&build, &generated, progress, sink)?);
    if scope.is_everything() {
        check_generated_refs(site, rendered, generated_ids, scope)?;
    }
    timer.lap("templates and write");
    warnings.extend(rendered.iter().flatten().flat_map(|page| page.warnings.iter().cloned()));
    if scope.is_everything() && scope.languages.is_none() {
        warnings.extend(shared_files(config, site, inputs, sink)?);
        timer.lap("sitemap, copies");
    }
    Ok(dedup(warnings))
}

/// The build as the steps after the pages' Markdown see it: the whole
/// site, no Markdown.
fn whole_site<'a>(config: &'a Config, site: &'a Site, inputs: &'a Inputs, scope: &'a Scope) -> BuildContext<'a> {
    let Inputs { theme, features, reserved_ids, .. } = inputs;
    BuildContext { config, site, theme, rendered: &[], tables_of_contents: &[], features, scope, reserved_ids }
}

/// What a whole build makes once for all languages: the navigation's
/// scripts, sitemap, 404, theme files and copies; with the warnings about
/// the site as a whole. Returns the warnings.
pub fn shared_files(config: &Config, site: &Site, inputs: &Inputs, sink: &dyn Sink) -> Result<Vec<Diagnostic>> {
    let Inputs { loaded, .. } = inputs;
    let scope = Scope::everything();
    let build = whole_site(config, site, inputs, &scope);
    let mut warnings = untranslated_languages(config, site);
    warnings.extend(config.warnings.iter().cloned());
    warnings.extend(loaded.warnings.iter().cloned());
    warnings.extend(inputs.warnings.iter().cloned());
    let mut files = crate::engine::nav::files(site);
    let navigation: BTreeSet<String> = files.iter().map(|file| file.path.clone()).collect();
    let taken = |path: &str| navigation.contains(path) || sink.has(path);
    files.extend(site_files::files(&build, &loaded.assets, &taken, &mut warnings)?);
    files.into_par_iter().try_for_each(|file| sink.put(file))?;
    Ok(warnings)
}

/// The files of the outputs over each language's document (the handouts),
/// for the languages of `build`'s scope: side by side, as a language's
/// outputs leave a core idle at times. With `kept` (`serve`), one language
/// at a time: the documents render only what changed since the sections
/// kept there, and keep theirs for the next time.
pub fn write_outputs(build: &BuildContext, sink: &dyn Sink, kept: Option<&mut Kept>) -> Result<Vec<Diagnostic>> {
    let shortcodes = crate::engine::shortcodes::ThemeShortcodes { theme: build.theme, features: build.features };
    let write = |document: &Document| -> Result<Vec<Diagnostic>> {
        let mut warnings = Vec::new();
        for output in build.features.outputs() {
            warnings.extend(output.write(document, sink)?);
        }
        Ok(warnings)
    };
    let Some(kept) = kept else {
        let languages: Vec<usize> = build.languages().collect();
        let each = languages
            .into_par_iter()
            .map(|language| write(&Document::new(build.language(language), build.features, &shortcodes, false)))
            .collect::<Result<Vec<_>>>()?;
        return Ok(each.into_iter().flatten().collect());
    };
    let mut warnings = Vec::new();
    for language in build.languages() {
        let guides = {
            let mut document = Document::new(build.language(language), build.features, &shortcodes, false);
            document.keep_from(kept);
            warnings.extend(write(&document)?);
            document.into_guides()
        };
        // The default language's sections, which most edits touch, and
        // the last other language's: not every language's at once.
        kept.guides.retain(|&(other, _), _| other == 0);
        kept.guides.extend(guides);
        kept.changed.retain(|&(other, _)| other != language);
    }
    Ok(warnings)
}

/// Files made from the whole site once written (the zips, the downloads'
/// sizes). The pages' Markdown is no longer needed, nor is it given.
pub fn finish(site: &Site, inputs: &Inputs, config: &Config, sink: &dyn Sink) -> Result<()> {
    let cx = SiteContext { config, site, theme: &inputs.theme };
    inputs.features.outputs().try_for_each(|output| output.finish(&cx, sink))
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

/// Returns to the system the memory a language's turn freed (glibc keeps
/// it otherwise, and a big site's peak grows turn by turn).
pub fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free heap memory to the system; it
    // has no preconditions and touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
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

    /// Ends a step; a step met again (one per language) adds to its time.
    pub fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        match self.laps.iter_mut().find(|(name, _)| *name == step) {
            Some((_, total)) => *total += now - self.last,
            None => self.laps.push((step, now - self.last)),
        }
        self.last = now;
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
