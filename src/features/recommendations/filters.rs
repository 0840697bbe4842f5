//! The matrix's filters: each filter's choices and how many recommendations
//! each would show, in the order of the form (the page's script counts them
//! again as the reader chooses).

use std::collections::BTreeMap;

use serde::Serialize;

use super::data::{Data, Recommendation, Response, Status};
use super::values::sdg_order;
use super::view::{Labels, ThemeView};
use crate::engine::i18n::ui;

/// A choice of a filter: its value in the address and its label.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub count: usize,
}

/// One filter of the matrix: its name in the address, its label, its choices.
#[derive(Debug, Clone, Serialize)]
pub struct Filter {
    pub name: &'static str,
    pub label: String,
    pub choices: Vec<Choice>,
}
/// The filters with more than one choice, in the order of the form.
pub fn filters(data: &Data, themes: &[ThemeView], labels: &Labels) -> Vec<Filter> {
    let count = |f: &dyn Fn(&Recommendation) -> bool| data.rows.iter().filter(|r| f(r)).count();
    // A joint recommendation counts for each of its States.
    let mut states: BTreeMap<&str, usize> = BTreeMap::new();
    let mut persons: BTreeMap<&str, usize> = BTreeMap::new();
    let mut cycles: BTreeMap<&str, usize> = BTreeMap::new();
    let mut goals: BTreeMap<u8, usize> = BTreeMap::new();
    let mut responsible: BTreeMap<&str, usize> = BTreeMap::new();
    let mut targets: BTreeMap<(u8, u16, String), (&str, usize)> = BTreeMap::new();
    for rec in &data.rows {
        for state in &rec.recommending_states {
            *states.entry(state).or_default() += 1;
        }
        for group in &rec.affected_persons {
            *persons.entry(group).or_default() += 1;
        }
        for institution in &rec.responsible {
            *responsible.entry(institution).or_default() += 1;
        }
        if !rec.cycle.is_empty() {
            *cycles.entry(&rec.cycle).or_default() += 1;
        }
        for goal in &rec.sdg_goals {
            *goals.entry(*goal).or_default() += 1;
        }
        for target in &rec.sdg_targets {
            targets.entry(sdg_order(target)).or_insert((target, 0)).1 += 1;
        }
    }
    let goal_label = ui(labels.strings, "rec_sdg_goal");
    let mut sdgs = Vec::new();
    for (goal, goal_count) in &goals {
        sdgs.push(Choice {
            value: goal.to_string(),
            label: goal_label.replace("{goal}", &goal.to_string()),
            count: *goal_count,
        });
        for (_, (target, n)) in targets.iter().filter(|((g, _, _), _)| g == goal) {
            sdgs.push(Choice { value: target.to_string(), label: format!("  {target}"), count: *n });
        }
    }
    let cycle_label = ui(labels.strings, "rec_cycle");
    let filter = |name: &'static str, choices: Vec<Choice>| Filter {
        name,
        label: ui(labels.strings, &format!("rec_filter_{name}")),
        choices,
    };
    [
        filter(
            "theme",
            themes.iter().map(|t| Choice { value: t.slug.clone(), label: t.name.clone(), count: t.count }).collect(),
        ),
        filter(
            "state",
            states.into_iter().map(|(s, n)| Choice { value: s.to_string(), label: s.to_string(), count: n }).collect(),
        ),
        filter(
            "response",
            Response::ALL
                .iter()
                .map(|&r| Choice {
                    value: r.key().into(),
                    label: labels.response(r),
                    count: count(&|x| x.response == r),
                })
                .filter(|c| c.count > 0)
                .collect(),
        ),
        filter(
            "category",
            (1..=5u8)
                .map(|c| Choice {
                    value: c.to_string(),
                    label: labels.category(c),
                    count: count(&|x| x.action_category == Some(c)),
                })
                .filter(|c| c.count > 0)
                .collect(),
        ),
        filter("sdg", sdgs),
        filter(
            "persons",
            persons.into_iter().map(|(p, n)| Choice { value: p.to_string(), label: p.to_string(), count: n }).collect(),
        ),
        filter(
            "cycle",
            cycles
                .into_iter()
                .map(|(c, n)| Choice { value: c.to_string(), label: cycle_label.replace("{cycle}", c), count: n })
                .collect(),
        ),
        filter(
            "status",
            Status::ALL
                .iter()
                .map(|&s| Choice { value: s.key().into(), label: labels.status(s), count: count(&|x| x.status == s) })
                .filter(|c| c.count > 0)
                .collect(),
        ),
        filter(
            "responsible",
            responsible
                .into_iter()
                .map(|(p, n)| Choice { value: p.to_string(), label: p.to_string(), count: n })
                .collect(),
        ),
        filter("due", due_choices(data, labels)),
        filter("plan", plan_choices(data, labels)),
        filter("repeated", repeated_choices(data, labels)),
    ]
    .into_iter()
    .filter(|f| f.choices.len() > 1)
    .collect()
}

/// By when: each year a target falls due in, those without a date, and
/// the overdue ones (counted by the page, from the reader's date).
fn due_choices(data: &Data, labels: &Labels) -> Vec<Choice> {
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    let mut undated = 0;
    for rec in &data.rows {
        match &rec.target_date {
            Some(date) => *years.entry(date.due.year()).or_default() += 1,
            None => undated += 1,
        }
    }
    if years.is_empty() {
        return Vec::new();
    }
    let mut choices = vec![Choice { value: "overdue".into(), label: ui(labels.strings, "rec_overdue"), count: 0 }];
    choices.extend(years.into_iter().map(|(year, n)| Choice {
        value: year.to_string(),
        label: year.to_string(),
        count: n,
    }));
    if undated > 0 {
        choices.push(Choice { value: "none".into(), label: ui(labels.strings, "rec_no_target_date"), count: undated });
    }
    choices
}

/// Where the plan stands: with or without a planned action, an indicator.
fn plan_choices(data: &Data, labels: &Labels) -> Vec<Choice> {
    let planned = data.rows.iter().filter(|r| !r.planned_action.is_empty()).count();
    let measured = data.rows.iter().filter(|r| !r.indicator.is_empty()).count();
    let total = data.rows.len();
    if planned == 0 && measured == 0 {
        return Vec::new();
    }
    [
        ("action", "rec_plan_action", planned),
        ("no-action", "rec_plan_no_action", total - planned),
        ("indicator", "rec_plan_indicator", measured),
        ("no-indicator", "rec_plan_no_indicator", total - measured),
    ]
    .into_iter()
    .filter(|(_, _, n)| *n > 0)
    .map(|(value, key, n)| Choice { value: value.into(), label: ui(labels.strings, key), count: n })
    .collect()
}

/// Recommendations repeated across cycles: recommended before (in this
/// data or not), recommended again later, neither.
fn repeated_choices(data: &Data, labels: &Labels) -> Vec<Choice> {
    let before = data.rows.iter().filter(|r| !r.recommended_before.is_empty()).count();
    let again = data.rows.iter().filter(|r| !r.later.is_empty()).count();
    let neither = data.rows.iter().filter(|r| r.recommended_before.is_empty() && r.later.is_empty()).count();
    if before == 0 {
        return Vec::new();
    }
    [
        ("before", "rec_recommended_before", before),
        ("again", "rec_recommended_again", again),
        ("new", "rec_repeated_new", neither),
    ]
    .into_iter()
    .filter(|(_, _, n)| *n > 0)
    .map(|(value, key, n)| Choice { value: value.into(), label: ui(labels.strings, key), count: n })
    .collect()
}
