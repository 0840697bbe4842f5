//! Phases of the UPR cycle as readers see them: the phases in cycle order
//! with their names, descriptions and section pages (`site.phases`), and the
//! cycle drawn as SVG on the home page and each phase's section page
//! (`page.cycle`). The order of phases itself is configuration, which the
//! engine's site assembly follows.

mod cycle;

use serde::Serialize;

use crate::engine::content::PageKind;
use crate::engine::feature::{value, ContextMap, Declaration, Feature, LanguageContext, PageInput};
use crate::engine::i18n::{phase_name, string_or, ui, UiStrings};
use crate::engine::site::LanguageSite;

pub use cycle::svg;

#[derive(Debug, Clone, Serialize)]
pub struct PhaseView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub color: Option<String>,
    /// The phase's section page, if one has this phase.
    pub href: Option<String>,
}

pub struct Phases;

impl Feature for Phases {
    fn name(&self) -> &'static str {
        "phases"
    }

    fn declaration(&self) -> Declaration {
        Declaration { reserved_ids: cycle::IDS, ..Declaration::NONE }
    }

    fn site_context(&self, cx: &LanguageContext, out: &mut ContextMap) {
        out.insert("phases", value(phase_views(cx, cx.language, cx.strings)));
    }

    fn page_context(&self, cx: &LanguageContext, page: &PageInput, out: &mut ContextMap) {
        let current = match page.entry {
            Some((entry, _)) if entry.kind == PageKind::Home => Some(None),
            Some((entry, _)) if entry.kind == PageKind::Section && entry.parent == Some(0) && entry.phase.is_some() => {
                Some(entry.phase.as_deref())
            }
            _ => None,
        };
        let svg = current.map(|current| {
            let (language, strings) = (cx.language, cx.strings);
            let label = ui(strings, "phases_title");
            let root = page.entry.map_or("./", |(entry, _)| entry.root.as_str());
            svg(&phase_views(cx, language, strings), current, language.language.direction, root, &label)
        });
        out.insert("cycle", value(svg));
    }
}

/// The phases of the cycle in the reader's language, with their section pages.
fn phase_views(cx: &LanguageContext, language: &LanguageSite, strings: &UiStrings) -> Vec<PhaseView> {
    cx.config
        .phases
        .iter()
        .map(|phase| {
            // The phase's first section (a translation need not repeat `phase:`).
            let section =
                language.entries.iter().find(|e| e.kind == PageKind::Section && e.phase.as_deref() == Some(&phase.id));
            // The section's own `summary:` in this language; else the theme's words
            // for the phase; else the summary in the source's language.
            let summary = section.and_then(|e| e.page.front.summary.clone()).filter(|s| !s.trim().is_empty());
            let theme = string_or(strings, &format!("phase_{}_description", phase.id), "");
            let description = match (summary, section.is_some_and(|e| e.is_fallback)) {
                (Some(summary), false) => summary,
                (Some(summary), true) if theme.is_empty() => summary,
                _ => theme,
            };
            PhaseView {
                id: phase.id.clone(),
                name: phase_name(strings, &phase.id),
                description,
                color: phase.color.clone(),
                href: section.map(|e| e.href.clone()),
            }
        })
        .collect()
}
