//! `uprkit handout`: one handout (a guide, a phase, a page, an audience's
//! pages, a deck of slides, a facilitator edition or a SCORM package) made
//! on demand, after everything a build checks.

use crate::engine::config::Config;
use crate::engine::error::{Error, Result};
use crate::engine::feature::document::Document;
use crate::engine::feature::LanguageContext;
use crate::engine::markdown;
use crate::engine::pipeline::{self, BuildOptions, Inputs, Registry};
use crate::engine::site;

use super::{render, scorm, Selection};

/// `uprkit handout`: loads the toolkit and writes one handout.
pub fn write_one(
    config: &Config,
    registry: Registry,
    drafts: bool,
    lang: Option<&str>,
    selection: &Selection,
    output: &std::path::Path,
) -> Result<usize> {
    let lang = lang.unwrap_or(&config.default_language().code);
    let Some(language_index) = config.languages.iter().position(|l| l.code == lang) else {
        let known = config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ");
        return Err(Error::Usage(format!("no language `{lang}` in uprkit.yaml (its languages: {known})")));
    };
    if let Some(phase) = &selection.phase {
        if config.phase(phase).is_none() {
            let known = config.phases.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ");
            return Err(Error::Usage(format!("no phase `{phase}` in uprkit.yaml (its phases: {known})")));
        }
    }
    if let Some(actor) = &selection.audience {
        if config.audience(actor).is_none() {
            let known = config.audiences.iter().map(|a| a.id.as_str()).collect::<Vec<_>>().join(", ");
            return Err(Error::Usage(format!("no audience `{actor}` (audiences: {known})")));
        }
    }
    // Check everything a build checks first: a handout of a broken guide is no handout.
    let options = BuildOptions { drafts };
    let (_, inputs) = pipeline::validate(config, registry, &options)?;
    let site = site::assemble(config, &inputs.loaded)?;
    if let Some(slug) = &selection.page {
        let language = &site.languages[language_index];
        if language.get(slug).is_none() {
            let slugs = language.entries.iter().map(|entry| entry.slug.as_str());
            let help = crate::engine::error::did_you_mean(slug, slugs).unwrap_or_else(|| {
                "write the page's path under content/ without `.md`, such as review/adoption".into()
            });
            return Err(Error::Usage(format!("no page `{slug}` in the guide: {help}")));
        }
    }
    // The Markdown is rendered again for the handout; no page's is needed,
    // but for a workshop's deck, whose sections are found by their headings.
    let rendered: Vec<Vec<markdown::Rendered>> = if selection.workshop.is_some() {
        pipeline::render_markdown(config, &site, &inputs, &crate::engine::progress::Progress::hidden())?
    } else {
        Vec::new()
    };
    let Inputs { theme, features, reserved_ids, .. } = &inputs;
    let cx = LanguageContext::new(config, &site, theme, language_index, &rendered, reserved_ids);
    let shortcodes = crate::engine::shortcodes::ThemeShortcodes { theme, features };
    let document = Document::new(cx, features, &shortcodes, selection.workshop.is_some());
    if selection.scorm {
        return scorm::write_one(&document, selection, output);
    }
    if selection.pdf {
        let bytes = super::pdf::write_one(&document, selection, selection.paper)?;
        std::fs::write(output, &bytes).map_err(Error::io("cannot write", output))?;
        return Ok(bytes.len());
    }
    let html = render(&document, selection)?;
    std::fs::write(output, &html).map_err(Error::io("cannot write", output))?;
    Ok(html.len())
}
