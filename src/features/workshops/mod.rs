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
pub mod plan;

use std::collections::BTreeMap;

use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Error, Result};
use crate::engine::feature::{value, BuildContext, ContextMap, Feature, GeneratedPage};
use crate::engine::i18n::{ui, UiStrings};
use crate::engine::report::{CheckContext, CheckReport};

pub use agenda::{clock, span, Agenda, Sites};
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

    /// Every agenda of every language, or every problem with them.
    fn agendas(&self, sites: Sites<'_>, strings: &BTreeMap<String, UiStrings>) -> Result<Vec<Vec<Agenda>>> {
        let mut problems = Vec::new();
        let mut all = Vec::new();
        for (index, language) in sites.site.languages.iter().enumerate() {
            let strings = &strings[&language.lang];
            let mut agendas = Vec::new();
            for name in self.names() {
                let workshop = self.version(name, &language.lang).expect("listed by name");
                match agenda::agenda(sites, index, workshop, strings) {
                    Ok(agenda) => agendas.push(agenda),
                    // The same plan read in each language: its problems once.
                    Err(found) => {
                        for problem in found {
                            if !problems.iter().any(|p: &Diagnostic| p.to_string() == problem.to_string()) {
                                problems.push(problem);
                            }
                        }
                    }
                }
            }
            all.push(agendas);
        }
        if problems.is_empty() {
            Ok(all)
        } else {
            Err(Error::Content(problems))
        }
    }
}

impl Workshops {
    /// The agenda of the workshop `name` for the readers of the language at
    /// `language`; `None` if there is no such workshop.
    pub fn agenda(&self, build: &BuildContext, language: usize, name: &str) -> Result<Option<Agenda>> {
        let lang = &build.site.languages[language].lang;
        let Some(workshop) = self.version(name, lang) else { return Ok(None) };
        let sites = Sites { site: build.site, rendered: build.rendered, tables_of_contents: build.tables_of_contents };
        agenda::agenda(sites, language, workshop, &build.theme.strings[lang]).map(Some).map_err(Error::Content)
    }

    /// The workshops' names, for a list of them in a message.
    pub fn known(&self) -> Vec<&str> {
        self.names().collect()
    }
}

impl Feature for Workshops {
    fn name(&self) -> &'static str {
        "workshops"
    }

    fn load(&mut self, config: &Config) -> Result<()> {
        self.workshops = plan::load(config).map_err(Error::Content)?;
        Ok(())
    }

    fn reserved_slugs(&self) -> &'static [&'static str] {
        &[SLUG]
    }

    fn site_context(&self, build: &BuildContext, language: usize, out: &mut ContextMap) {
        let href =
            (!self.workshops.is_empty()).then(|| build.site.urls.page(SLUG, &build.site.languages[language].lang));
        out.insert("workshops_href", value(href));
    }

    fn page_data_keys(&self) -> &'static [&'static str] {
        &["workshop", "workshops"]
    }

    fn pages(&self, build: &BuildContext) -> Result<Vec<GeneratedPage>> {
        if self.workshops.is_empty() || !build.scope.includes(self.name()) {
            return Ok(Vec::new());
        }
        let sites = Sites { site: build.site, rendered: build.rendered, tables_of_contents: build.tables_of_contents };
        let agendas = self.agendas(sites, &build.theme.strings)?;
        let mut pages = Vec::new();
        for (index, (language, agendas)) in build.site.languages.iter().zip(agendas).enumerate() {
            if !build.scope.has_language(index) {
                continue;
            }
            let strings = &build.theme.strings[&language.lang];
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
                        "href": build.site.urls.page(&format!("{SLUG}/{}", agenda.name), &language.lang),
                        "lang": agenda.lang,
                    })
                })
                .collect();
            let title = ui(strings, "workshops");
            pages.push(GeneratedPage::new(build.site, index, SLUG, "workshops", title).with("workshops", value(list)));
            for agenda in agendas {
                let slug = format!("{SLUG}/{}", agenda.name);
                let mut page = GeneratedPage::new(build.site, index, slug, "workshop", agenda.title.clone());
                if agenda.lang != language.lang {
                    page.content_lang = agenda.lang.clone();
                    page.is_fallback = true;
                }
                pages.push(page.with("workshop", value(agenda)));
            }
        }
        Ok(pages)
    }

    fn check(&self, check: &CheckContext, report: &mut CheckReport) {
        let sites = Sites { site: check.site, rendered: &[], tables_of_contents: &[] };
        if let Err(Error::Content(problems)) = self.agendas(sites, &check.theme.strings) {
            report.errors.extend(problems.iter().map(ToString::to_string));
        }
    }
}
