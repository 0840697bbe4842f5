//! `uprkit check`: runs the whole build without writing anything, then
//! asks every feature what is left to do ([`Feature::check`]), in a
//! [`CheckReport`].
//!
//! [`Feature::check`]: crate::engine::feature::Feature::check

use std::collections::BTreeMap;

use crate::engine::config::Config;
use crate::engine::content;
use crate::engine::error::{Error, Result};
use crate::engine::feature::{Document, LanguageContext};
use crate::engine::markdown::shortcodes::NoShortcodes;
use crate::engine::pipeline::{self, BuildOptions, Inputs, Registry};
use crate::engine::report::{CheckContext, CheckReport, Counts, LanguageStatus};
use crate::engine::site;
use crate::engine::templates::Theme;

/// Checks the toolkit and reports what is left to do. Content errors
/// (broken links, bad front matter) are returned in the report, not as
/// `Err`, unless they prevent reading the toolkit at all.
pub fn check(config: &Config, registry: Registry, options: &BuildOptions) -> Result<CheckReport> {
    let (errors, mut warnings, inputs) = match pipeline::validate(config, registry, options) {
        Ok((report, inputs)) => (Vec::new(), report.warnings.iter().map(ToString::to_string).collect(), Some(inputs)),
        Err(Error::Content(problems)) => (problems.iter().map(ToString::to_string).collect(), Vec::new(), None),
        Err(other) => return Err(other),
    };
    warnings.extend(crate::engine::templates::eject::outdated(&config.root).iter().map(ToString::to_string));
    // The build's own inputs when it went through; else read again, as far
    // as they can be: a toolkit too broken to read still gets its errors
    // reported, and a feature whose files are broken reports what it can.
    let (theme, loaded, features) = match inputs {
        Some(Inputs { theme, loaded, features, .. }) => (theme, loaded, features),
        None => {
            let tolerate = |error: Error| match error {
                Error::Content(_) => Ok(()),
                other => Err(other),
            };
            let theme = Theme::load(config)?;
            let mut loaded = match content::load(config, options.drafts) {
                Ok(loaded) => loaded,
                Err(error) => return tolerate(error).map(|()| empty_report(config, errors, warnings)),
            };
            let mut features = registry();
            match features.load(config, &loaded) {
                Ok((pages, _)) => pipeline::add_source_pages(&mut loaded, pages),
                Err(error) => tolerate(error)?,
            }
            (theme, loaded, features)
        }
    };
    let site = match site::assemble(config, &loaded) {
        Ok(site) => site,
        Err(Error::Content(_)) if !errors.is_empty() => return Ok(empty_report(config, errors, warnings)),
        Err(error) => return Err(error),
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
        brand: None,
    };
    let context = CheckContext { config, site: &site, theme: &theme, loaded: &loaded };
    for feature in features.iter() {
        feature.check(&context, &mut report);
    }
    // The report page (`check --html`) carries the brand of the default
    // language's document.
    let ids = std::collections::BTreeSet::new();
    let cx = LanguageContext::without_markdown(config, &site, &theme, 0, &ids);
    report.brand = Document::new(cx, &features, &NoShortcodes, false).brand;
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
        brand: None,
    }
}

/// The report as a page to share (`check --html`), with the brand.
pub fn report_page(config: &Config, report: &CheckReport) -> Result<String> {
    let mut extra = crate::engine::feature::ContextMap::new();
    extra.insert("brand", crate::engine::feature::value(report.brand.clone()));
    crate::engine::report::render_html(config, report, &extra)
}
