//! Whole-site checks of the pipeline, once every page is rendered: each
//! page has its own address, every `#anchor` of a link is an id on its
//! target, every `@/address` names a page (generated ones included).

use crate::engine::error::{dedup, Diagnostic, Error, Location, Result};
use crate::engine::feature::{Features, GeneratedPage, Scope};
use crate::engine::markdown::Rendered;
use crate::engine::render;
use crate::engine::site::{self, Site};

/// Every page has its own address: an author's page where a feature
/// publishes its own (`glossary/`, `audience/cso/`) is an error, each one
/// reported.
pub(super) fn check_addresses(site: &Site, features: &Features, generated: &[GeneratedPage]) -> Result<()> {
    let mut problems = Vec::new();
    let mut collide = |entry: &site::Entry, what: &str| {
        problems.push(
            Diagnostic::new(Location::file(&entry.page.source), format!("this page has the address of the {what}"))
                .with_help(format!("uprkit publishes its own page at {}: rename this page", entry.path)),
        );
    };
    for slug in features.reserved_slugs() {
        if let Some(entry) = site.languages.iter().find_map(|language| language.get(slug)) {
            collide(entry, &format!("{slug} page"));
        }
    }
    let data_keys = features.page_data_keys();
    for page in generated {
        // A feature's pages are of the kinds it declares: their data keys
        // are on every page, their addresses no author's page may take.
        // (Checked in every build: the tests run in the release profile.)
        assert!(
            page.data.keys().all(|key| data_keys.contains(key))
                && features
                    .reserved_slugs()
                    .any(|slug| page.slug == slug || page.slug.starts_with(&format!("{slug}/"))),
            "the generated page {} is of no kind its feature declares",
            page.slug
        );
        let language = &site.languages[page.language];
        if let Some(entry) = language.get(&page.slug).filter(|entry| !entry.is_fallback || page.language == 0) {
            collide(entry, &format!("generated page “{}”", page.title));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(dedup(problems)))
    }
}

/// Every `@/address` on the pages of the languages of `scope` that names
/// no author's page names a generated one, and its `#anchor` an id on it.
pub(super) fn check_generated_refs(
    site: &Site,
    rendered: &[Vec<Rendered>],
    generated: &render::GeneratedIds,
    scope: &Scope,
) -> Result<()> {
    let mut problems = Vec::new();
    let languages = site.languages.iter().zip(rendered).enumerate();
    for (_, (language, pages)) in languages.filter(|(index, _)| scope.has_language(*index)) {
        for (entry, page) in language.entries.iter().zip(pages) {
            for reference in &page.generated_refs {
                let mut at = Location::at(&entry.page.source, reference.line, None);
                entry.page.place(&mut at);
                let index = site.languages.iter().position(|l| l.lang == reference.lang).unwrap_or(0);
                let Some(ids) = generated.get(&(index, reference.slug.clone())) else {
                    let made = generated.keys().filter(|(l, _)| *l == index).map(|(_, slug)| slug.as_str());
                    let addresses = language.entries.iter().map(|entry| entry.slug.as_str()).chain(made);
                    let hint = match crate::engine::error::did_you_mean(&reference.slug, addresses) {
                        Some(hint) => format!("{hint} After"),
                        None => "After".to_string(),
                    };
                    problems.push(
                        Diagnostic::new(at, format!("broken link `{}`: the guide has no page at the address `{}`", reference.dest, reference.slug))
                            .with_help(format!(
                                "{hint} `@/`, write the address of a page (`@/review/dialogue`, `@/checklists`, `@/glossary`, `@/key-dates`, `@/audience/cso`) or a file of content/ (`@/review/dialogue.md`)"
                            )),
                    );
                    continue;
                };
                if let Some(anchor) = reference.anchor.as_ref().filter(|anchor| !ids.contains(*anchor)) {
                    let hint = crate::engine::error::did_you_mean(anchor, ids.iter().map(String::as_str))
                        .map(|hint| format!("{hint} "))
                        .unwrap_or_default();
                    problems.push(
                        Diagnostic::new(at, format!("broken link `{}`: the page `{}` has no id `#{anchor}`", reference.dest, reference.slug))
                            .with_help(format!("{hint}Glossary terms are `#term-` and the term in small letters, such as `@/glossary#term-upr`")),
                    );
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
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
                let mut at = Location::at(&entry.page.source, reference.line, None);
                entry.page.place(&mut at);
                let problem = Diagnostic::new(
                    at,
                    format!(
                        "broken link: {} has no heading or item with id `#{}`",
                        target_entry.page.source.display(),
                        reference.anchor
                    ),
                )
                .with_help(format!(
                    "link to an existing heading, or give the heading an explicit id in every language: `## Title {{#{}}}`",
                    reference.anchor
                ));
                problems.push(problem);
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(dedup(problems)))
    }
}
