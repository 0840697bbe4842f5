//! The page gathering every checklist of the guide by phase, and the
//! per-language index the navigation counts progress with.

use std::collections::BTreeMap;

use serde::Serialize;

use super::items;
use crate::engine::feature::LanguageContext;
use crate::engine::i18n::phase_label;
use crate::engine::output::data_script;

/// The checklists of one phase, for the checklists page.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistPhase {
    /// `None` for pages outside any phase.
    pub id: Option<String>,
    pub name: String,
    pub pages: Vec<ChecklistPage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistPage {
    pub title: String,
    pub href: String,
    pub lang: String,
    pub dir: &'static str,
    pub items: Vec<ChecklistEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistEntry {
    /// Shared with the page's own checkbox, so ticking either ticks both.
    pub key: String,
    pub text: String,
    pub checked: bool,
    /// Unique on the checklists page.
    pub id: String,
}

/// The slots of one language's phases in cycle order, then the pages
/// outside any phase.
fn phase_slots(build: &LanguageContext) -> Vec<Option<String>> {
    build.config.phases.iter().map(|phase| Some(phase.id.clone())).chain(std::iter::once(None)).collect()
}

/// Every checklist of one language, grouped by phase in cycle order.
pub fn by_phase(build: &LanguageContext) -> Vec<ChecklistPhase> {
    let language = build.language;
    let strings = &build.theme.strings[&language.lang];
    let mut phases: Vec<ChecklistPhase> = phase_slots(build)
        .into_iter()
        .map(|id| ChecklistPhase { name: phase_label(strings, id.as_deref()), id, pages: Vec::new() })
        .collect();
    let mut counter = 0;
    for (entry, page) in language.entries.iter().zip(build.rendered) {
        let list = items(page);
        if list.is_empty() {
            continue;
        }
        let lang = build.config.language(&entry.page.lang).expect("configured language");
        let items = list
            .iter()
            .map(|item| {
                counter += 1;
                ChecklistEntry {
                    key: item.key.clone(),
                    text: item.text.clone(),
                    checked: item.checked,
                    id: format!("c-{counter}"),
                }
            })
            .collect();
        let slot = phases.iter_mut().find(|p| p.id == entry.phase).unwrap_or_else(|| unreachable!());
        slot.pages.push(ChecklistPage {
            title: entry.page.front.title.clone(),
            href: entry.href.clone(),
            lang: lang.code.clone(),
            dir: lang.direction.as_str(),
            items,
        });
    }
    phases.retain(|phase| !phase.pages.is_empty());
    phases
}

/// `_uprkit/checklists.<lang>.js`: the items of each phase, so the
/// navigation of every page can show progress per phase.
pub fn index_script(build: &LanguageContext) -> String {
    let language = build.language;
    let mut by_slot: BTreeMap<Option<String>, PhaseItems> = BTreeMap::new();
    for (entry, page) in language.entries.iter().zip(build.rendered) {
        for item in items(page) {
            let phase = by_slot.entry(entry.phase.clone()).or_default();
            phase.items.push(item.key.clone());
            if item.checked {
                phase.checked.push(item.key.clone());
            }
        }
    }
    let mut phases = BTreeMap::new();
    for slot in phase_slots(build) {
        if let Some(items) = by_slot.remove(&slot) {
            phases.insert(slot.unwrap_or_default(), items);
        }
    }
    data_script("UPRKIT_CHECKLISTS", &ChecklistIndex { phases })
}

/// `window.UPRKIT_CHECKLISTS`: by phase id (`""` for pages of none).
#[derive(Serialize)]
struct ChecklistIndex {
    phases: BTreeMap<String, PhaseItems>,
}

/// A phase's checklist items, by key (`<page slug>#<item id>`).
#[derive(Serialize, Default)]
struct PhaseItems {
    /// Every item, in reading order.
    items: Vec<String>,
    /// The items ticked in the Markdown (`- [x]`), until the reader says otherwise.
    checked: Vec<String>,
}
