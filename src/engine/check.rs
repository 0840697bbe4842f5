//! `uprkit check`: runs the whole build without writing anything, then
//! asks every feature what is left to do ([`Feature::check`]), in a
//! [`CheckReport`].
//!
//! [`Feature::check`]: crate::engine::feature::Feature::check

use std::collections::BTreeMap;

use crate::engine::config::Config;
use crate::engine::content;
use crate::engine::error::{Error, Result};
use crate::engine::pipeline::{self, BuildOptions, Registry};
use crate::engine::report::{CheckContext, CheckReport, Counts, LanguageStatus};
use crate::engine::site;
use crate::engine::templates::Theme;

/// Checks the toolkit and reports what is left to do. Content errors
/// (broken links, bad front matter) are returned in the report, not as
/// `Err`, unless they prevent reading the toolkit at all.
pub fn check(config: &Config, registry: Registry, options: &BuildOptions) -> Result<CheckReport> {
    let (errors, mut warnings): (Vec<String>, Vec<String>) = match pipeline::validate(config, registry, options) {
        Ok(report) => (Vec::new(), report.warnings.iter().map(ToString::to_string).collect()),
        Err(Error::Content(problems)) => (problems.iter().map(ToString::to_string).collect(), Vec::new()),
        Err(other) => return Err(other),
    };
    warnings.extend(crate::engine::templates::eject::outdated(&config.root).iter().map(ToString::to_string));
    // A toolkit too broken to read still gets its errors reported.
    let tolerate = |error: Error| match error {
        Error::Content(_) if !errors.is_empty() => Ok(()),
        other => Err(other),
    };
    let theme = Theme::load(config)?;
    let mut loaded = match content::load(config, options.drafts) {
        Ok(loaded) => loaded,
        Err(error) => return tolerate(error).map(|()| empty_report(config, errors, warnings)),
    };
    // A feature whose files are broken (reported above) reports what it can.
    let mut features = registry();
    if let Err(error) = features.load(config) {
        tolerate(error)?;
    }
    if let Err(error) = crate::engine::pipeline::add_source_pages(config, &features, &mut loaded) {
        tolerate(error)?;
    }
    let site = match site::assemble(config, &loaded) {
        Ok(site) => site,
        Err(error) => return tolerate(error).map(|()| empty_report(config, errors, warnings)),
    };
    let default = config.default_language();
    let mut report = CheckReport {
        title: config.title.clone(),
        default_language: default.code.clone(),
        default_language_name: default.name.clone(),
        pages: site.languages[0].entries.len(),
        languages: site.languages[1..]
            .iter()
            .map(|language| LanguageStatus {
                code: language.language.code.clone(),
                name: language.language.name.clone(),
                totals: Counts::default(),
                phases: Vec::new(),
                todo: Vec::new(),
                findings: BTreeMap::new(),
                finding_lines: Vec::new(),
                facts: BTreeMap::new(),
                fact_lines: Vec::new(),
                missing_strings: theme.missing_strings(&language.lang, &default.code),
            })
            .collect(),
        errors,
        warnings,
        lint: Vec::new(),
    };
    let context = CheckContext { config, site: &site, theme: &theme, loaded: &loaded };
    for feature in features.iter() {
        feature.check(&context, &mut report);
    }
    Ok(report)
}

fn empty_report(config: &Config, errors: Vec<String>, warnings: Vec<String>) -> CheckReport {
    CheckReport {
        title: config.title.clone(),
        default_language: config.default_language().code.clone(),
        default_language_name: config.default_language().name.clone(),
        pages: 0,
        languages: Vec::new(),
        errors,
        warnings,
        lint: Vec::new(),
    }
}

/// The report as a page to share (`check --html`), with what features add
/// to it (the brand).
pub fn report_page(config: &Config, registry: Registry, report: &CheckReport) -> Result<String> {
    let mut features = registry();
    // Their problems are in the report already.
    let _ = features.load(config);
    let mut extra = crate::engine::feature::ContextMap::new();
    for feature in features.iter() {
        feature.report_context(config, &mut extra);
    }
    crate::engine::report::render_html(config, report, &extra)
}
