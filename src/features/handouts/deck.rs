//! A workshop's deck (`uprkit handout --slides --workshop NAME`): the
//! pages its agenda uses, each once, and the agenda's order as JSON in the
//! handout, from which `slides.js` makes a slide for each day, session,
//! activity and break, and of each page the section the workshop uses.

use crate::engine::error::{Error, Result};
use crate::engine::feature::BuildContext;
use crate::engine::site::LanguageSite;
use crate::features::workshops::{Agenda, Workshops};

use super::section_id;

/// The pages of the agenda, each once, in the order it first uses them.
pub(super) fn pages(language: &LanguageSite, agenda: &Agenda) -> Vec<usize> {
    let mut entries: Vec<usize> = Vec::new();
    for slug in agenda.parts.iter().flat_map(|part| &part.items).filter_map(|item| item.slug.as_deref()) {
        let index = language.index_of(slug).expect("the agenda's pages are the site's");
        if !entries.contains(&index) {
            entries.push(index);
        }
    }
    entries
}

/// The handout with the order of its slides, for slides.js.
pub(super) fn with_plan(html: &str, agenda: &Agenda) -> String {
    let plan = deck_plan(agenda).replace("</", "<\\/");
    html.replacen("</main>", &format!("</main>\n<script type=\"application/json\" id=\"deck-plan\">{plan}</script>"), 1)
}

/// The agenda of the workshop `name`, or a usage error naming the workshops.
pub(super) fn workshop_agenda(build: &BuildContext, language: usize, name: &str) -> Result<Agenda> {
    let workshops = build.features.get::<Workshops>();
    match workshops.map(|w| w.agenda(build, language, name)).transpose()?.flatten() {
        Some(agenda) => Ok(agenda),
        None => {
            let known = workshops.map(|w| w.known().join(", ")).unwrap_or_default();
            Err(Error::Usage(if known.is_empty() {
                format!("no workshop `{name}`: the toolkit has no workshops/ folder")
            } else {
                format!("no workshop `{name}` in workshops/ (its workshops: {known})")
            }))
        }
    }
}

/// A workshop deck's order as JSON: a slide for each day, session,
/// activity and break, and each page (or one section of it) by the ids its
/// section and heading have in the handout.
fn deck_plan(agenda: &Agenda) -> String {
    let mut plan = Vec::new();
    for part in &agenda.parts {
        let kind = if part.is_day {
            "day"
        } else if part.is_break {
            "break"
        } else {
            "session"
        };
        let when = if part.is_day {
            part.date_text.clone().unwrap_or_default()
        } else {
            format!("{}–{}", part.start, part.end)
        };
        plan.push(serde_json::json!({ "kind": kind, "title": part.title, "when": when, "duration": part.duration }));
        for item in &part.items {
            plan.push(match &item.slug {
                Some(slug) => {
                    let id = section_id(slug);
                    let heading = item.section.as_ref().map(|section| format!("{id}--{section}"));
                    serde_json::json!({ "kind": "page", "id": id, "heading": heading })
                }
                None => serde_json::json!({
                    "kind": "activity", "title": item.title, "when": item.start, "duration": item.duration,
                    "materials": item.materials,
                }),
            });
        }
    }
    serde_json::Value::Array(plan).to_string()
}
