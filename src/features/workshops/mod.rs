//! Workshops: a trainer's plan of a workshop, `workshops/<name>.yaml`,
//! listing its sessions (pages of the guide, sections of them, activities)
//! and breaks, with a start time and durations (an item's own or its
//! page's `duration:` front matter). Per language, an agenda page
//! (`workshops/<name>/`) with the clock time of each item, each session's
//! total and what to prepare, printable on one sheet, and a page listing
//! the workshops. A language can have its own version of a workshop
//! (`<name>.fr.yaml`); without one, its agenda is the default language's
//! plan with the pages in the reader's language.

mod agenda;
mod deck;
mod duration;
pub mod plan;

use crate::engine::error::{Diagnostic, Error, Result};
use crate::engine::feature::document::Document;
use crate::engine::feature::{
    value, ContextMap, Declaration, Feature, GeneratedPage, LanguageContext, LoadContext, PageKind, Stale,
};
use crate::engine::i18n::ui;
use crate::engine::report::{CheckContext, CheckReport};

pub use agenda::{clock, span, Agenda};
use plan::Workshop;

/// Where the list of workshops is published; agendas are under it.
pub const SLUG: &str = "workshops";

#[derive(Default)]
pub struct Workshops {
    pub workshops: Vec<Workshop>,
}

impl Workshops {
    /// The version of the workshop `name` for readers of `lang`.
    fn version(&self, name: &str, lang: &str) -> Option<&Workshop> {
        let own = self.workshops.iter().find(|w| w.name == name && w.lang.as_deref() == Some(lang));
        own.or_else(|| self.workshops.iter().find(|w| w.name == name && w.lang.is_none()))
    }

    /// The workshops' names, in the order of their files.
    fn names(&self) -> impl Iterator<Item = &str> {
        self.workshops.iter().filter(|w| w.lang.is_none()).map(|w| w.name.as_str())
    }

    /// The agendas of every workshop for the readers of `cx`'s language,
    /// or every problem with them.
    fn agendas(&self, cx: &LanguageContext) -> std::result::Result<Vec<Agenda>, Vec<Diagnostic>> {
        let mut problems: Vec<Diagnostic> = Vec::new();
        let mut agendas = Vec::new();
        for name in self.names() {
            let workshop = self.version(name, cx.lang()).expect("listed by name");
            match agenda::agenda(cx, workshop) {
                Ok(agenda) => agendas.push(agenda),
                Err(found) => problems.extend(found),
            }
        }
        if problems.is_empty() {
            Ok(agendas)
        } else {
            Err(problems)
        }
    }
}

impl Feature for Workshops {
    fn name(&self) -> &'static str {
        "workshops"
    }

    fn declaration(&self) -> Declaration {
        Declaration {
            page_keys: duration::PAGE_KEYS,
            pages: &[PageKind { slug: SLUG, data_key: "workshops" }, PageKind { slug: SLUG, data_key: "workshop" }],
            // Agendas show pages' titles, durations and materials.
            stale: Stale { front_matter: duration::PAGE_KEYS, titles: true, page_data: false, on_demand: false },
            ..Declaration::NONE
        }
    }

    /// The plans in workshops/, and the durations and materials pages give.
    fn load(&mut self, cx: &mut LoadContext) -> Result<()> {
        let mut problems = duration::check_pages(&cx.content.pages, &mut cx.warnings);
        match plan::load(cx.config) {
            Ok(workshops) => self.workshops = workshops,
            Err(found) => problems.extend(found),
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Content(problems))
        }
    }

    fn site_context(&self, cx: &LanguageContext, out: &mut ContextMap) {
        let href = (!self.workshops.is_empty()).then(|| cx.site.urls.page(SLUG, cx.lang()));
        out.insert("workshops_href", value(href));
    }

    /// The list of workshops and an agenda per workshop.
    fn pages(&self, cx: &LanguageContext) -> Result<Vec<GeneratedPage>> {
        if self.workshops.is_empty() {
            return Ok(Vec::new());
        }
        let agendas = self.agendas(cx).map_err(Error::Content)?;
        let list: Vec<serde_json::Value> = agendas
            .iter()
            .map(|agenda| {
                serde_json::json!({
                    "title": agenda.title,
                    "summary": agenda.summary,
                    "date": agenda.date,
                    "date_text": agenda.date_text,
                    "start": agenda.start,
                    "end": agenda.end,
                    "total": agenda.total,
                    "href": cx.site.urls.page(&format!("{SLUG}/{}", agenda.name), cx.lang()),
                    "lang": agenda.lang,
                })
            })
            .collect();
        let title = ui(cx.strings, "workshops");
        let intro = ui(cx.strings, "workshops_intro");
        let mut pages = vec![GeneratedPage::new(cx, SLUG, "workshops", title)
            .described(intro.clone())
            .with("workshops", value(list))];
        for agenda in agendas {
            let slug = format!("{SLUG}/{}", agenda.name);
            let mut page = GeneratedPage::new(cx, slug, "workshop", agenda.title.clone());
            if agenda.lang != cx.lang() {
                page.content_lang = agenda.lang.clone();
                page.is_fallback = true;
            }
            // The workshop's own summary where it is in the reader's language.
            let summary = agenda.summary.clone().filter(|_| !page.is_fallback);
            page = page.described(summary.unwrap_or_else(|| intro.clone()));
            pages.push(page.with("workshop", value(agenda)));
        }
        Ok(pages)
    }

    /// A deck of slides follows a workshop's order: when asked, each
    /// workshop's pages and the plan of its slides.
    fn document(&self, cx: &LanguageContext, document: &mut Document) {
        if !document.wants_sequences {
            return;
        }
        for name in self.names() {
            let Some(workshop) = self.version(name, cx.lang()) else { continue };
            match agenda::agenda(cx, workshop) {
                Ok(agenda) => document.sequences.push(deck::sequence(&agenda, cx.lang())),
                Err(found) => document.problems.extend(found),
            }
        }
    }

    /// Every language's agendas, each problem once (a plan read in each
    /// language is one file).
    fn check(&self, check: &CheckContext, report: &mut CheckReport) {
        let ids = std::collections::BTreeSet::new();
        let mut problems: Vec<String> = Vec::new();
        for index in 0..check.site.languages.len() {
            let cx = LanguageContext::without_markdown(check.config, check.site, check.theme, index, &ids);
            for problem in self.agendas(&cx).err().unwrap_or_default() {
                let problem = problem.to_string();
                if !problems.contains(&problem) {
                    problems.push(problem);
                }
            }
        }
        report.errors.extend(problems);
    }
}
