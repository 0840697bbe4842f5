//! A workshop as an order of pages for a document's deck of slides
//! (`uprkit handout --slides --workshop NAME`): the pages its agenda uses,
//! each once, and the plan from which `slides.js` makes a slide for each
//! day, session, activity and break, and of each page the section the
//! workshop uses.

use crate::engine::feature::document::{section_id, Sequence};

use super::Agenda;

/// The workshop of `agenda` as a document's sequence for readers of `lang`.
pub(super) fn sequence(agenda: &Agenda, lang: &str) -> Sequence {
    let mut pages: Vec<String> = Vec::new();
    for slug in agenda.parts.iter().flat_map(|part| &part.items).filter_map(|item| item.slug.as_ref()) {
        if !pages.contains(slug) {
            pages.push(slug.clone());
        }
    }
    let untranslated = (agenda.lang != lang).then(|| (agenda.lang.clone(), agenda.dir));
    let plan = plan(agenda, untranslated.as_ref());
    Sequence { name: agenda.name.clone(), title: agenda.title.clone(), pages, plan, untranslated }
}

/// A workshop deck's order as JSON: a slide for each day, session,
/// activity and break, and each page (or one section of it) by the ids its
/// section and heading have in the document. The workshop's own words
/// carry their language and direction where they are `untranslated` (not
/// in the reader's language), for the slides to say so.
fn plan(agenda: &Agenda, untranslated: Option<&(String, &'static str)>) -> String {
    let own = |mut step: serde_json::Value| {
        if let Some((lang, dir)) = untranslated {
            step["lang"] = lang.clone().into();
            step["dir"] = (*dir).into();
        }
        step
    };
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
        plan.push(own(
            serde_json::json!({ "kind": kind, "title": part.title, "when": when, "duration": part.duration }),
        ));
        for item in &part.items {
            plan.push(match &item.slug {
                Some(slug) => {
                    let id = section_id(slug);
                    let heading = item.section.as_ref().map(|section| format!("{id}--{section}"));
                    serde_json::json!({ "kind": "page", "id": id, "heading": heading })
                }
                None => own(serde_json::json!({
                    "kind": "activity", "title": item.title, "when": item.start, "duration": item.duration,
                    "materials": item.materials,
                })),
            });
        }
    }
    serde_json::Value::Array(plan).to_string()
}
