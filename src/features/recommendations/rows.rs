//! The rows of the matrix as HTML, written once per language and shared by
//! the matrix page and the theme pages (a data set of 10,000
//! recommendations would otherwise go through the template engine several
//! times per language). Their markup is what `recommendations.js` reads:
//! `data-id`, `.rec-text`, `.rec-badge`, and the cell of
//! the reader's assessment the matrix page adds.

use std::fmt::Write;

use super::view::{anchor, RowView};
use crate::engine::i18n::{ui, UiStrings};
use crate::engine::templates::escape;

/// What every row of a language shares: its strings, worked out once.
pub struct RowStrings {
    cycle: String,
    sdg: String,
    persons: String,
    source: String,
    responsible: String,
    planned_action: String,
    indicator: String,
    target_date: String,
    overdue: String,
    before: String,
    again: String,
    lang: String,
    dir: &'static str,
    /// Whether rows have a status cell: not where the data has no status,
    /// whose column would say "Unknown" on every row, on screen and paper.
    status: bool,
}

impl RowStrings {
    pub fn new(strings: &UiStrings, lang: &str, dir: &'static str, status: bool) -> RowStrings {
        RowStrings {
            cycle: ui(strings, "rec_cycle"),
            sdg: ui(strings, "rec_sdg"),
            persons: ui(strings, "rec_persons"),
            source: ui(strings, "rec_source"),
            responsible: ui(strings, "rec_responsible"),
            planned_action: ui(strings, "rec_planned_action"),
            indicator: ui(strings, "rec_indicator"),
            target_date: ui(strings, "rec_target_date"),
            overdue: ui(strings, "rec_overdue"),
            before: ui(strings, "rec_recommended_before"),
            again: ui(strings, "rec_recommended_again"),
            lang: lang.to_string(),
            dir,
            status,
        }
    }
}

/// One row of the matrix (the matrix page adds the cell of the reader's
/// assessment before `</tr>`).
pub fn row_html(row: &RowView, strings: &RowStrings) -> String {
    let mut html = String::with_capacity(row.text.len() + row.assessment.len() + 700);
    let e = |text: &str| escape(text);
    // The row's id is what "recommended before" links to (`#rec-…`); the
    // day a target falls due is what the page compares with the reader's date.
    let _ = write!(html, "<tr data-id=\"{}\" id=\"{}\"", e(&row.id), e(&anchor(&row.id)));
    if let Some((_, due)) = &row.target_date {
        let _ = write!(html, " data-due=\"{due}\"");
        if row.status == "fully-implemented" {
            html.push_str(" data-done");
        }
    }
    let _ = write!(html, " class=\"rec-row rec-{}\">\n<td class=\"rec-text\"", row.response);
    if let Some(lang) = &row.text_lang {
        let _ = write!(html, " lang=\"{}\" dir=\"ltr\"", e(lang));
    }
    let _ = write!(html, ">{}<span class=\"rec-meta\"", e(&row.text));
    if row.text_lang.is_some() {
        let _ = write!(html, " lang=\"{}\" dir=\"{}\"", e(&strings.lang), strings.dir);
    }
    let _ = write!(html, "><span dir=\"ltr\">{}", e(&row.id));
    if !row.paragraph.is_empty() && row.paragraph != row.id {
        let _ = write!(html, " · ¶ {}", e(&row.paragraph));
    }
    html.push_str("</span>");
    if !row.cycle.is_empty() {
        let _ = write!(html, " · {}", e(&strings.cycle.replace("{cycle}", &row.cycle)));
    }
    // The targets, and the goals named without one.
    let goals_alone = row.sdg_goals.iter().filter(|goal| {
        let prefix = format!("{goal}.");
        !row.sdg_targets.iter().any(|t| t.starts_with(&prefix))
    });
    let sdgs: Vec<String> = goals_alone.map(u8::to_string).chain(row.sdg_targets.iter().cloned()).collect();
    if !sdgs.is_empty() {
        let _ = write!(html, " · {} <span dir=\"ltr\">{}</span>", e(&strings.sdg), e(&sdgs.join(", ")));
    }
    if !row.affected_persons.is_empty() {
        let _ = write!(html, " · {}: {}", e(&strings.persons), e(&row.affected_persons.join("; ")));
    }
    if let Some(category) = &row.category_label {
        let _ = write!(html, " · {}", e(category));
    }
    if !row.source.is_empty() {
        match &row.source_href {
            Some(href) => {
                let _ = write!(html, " · <a href=\"{}\">{}</a>", e(href), e(&strings.source));
            }
            None => {
                let _ = write!(html, " · <span dir=\"ltr\">{}</span>", e(&row.source));
            }
        }
    }
    html.push_str("</span>");
    plan_html(&mut html, row, strings);
    let _ = write!(
        html,
        "</td>\n<td>{}</td>\n<td class=\"rec-response\"><span class=\"rec-badge rec-badge-{}\">{}</span></td>\n<td>{}</td>\n",
        e(&row.state),
        row.response,
        e(&row.response_label),
        e(&row.themes.join("; ")),
    );
    if strings.status {
        let _ = write!(html, "<td class=\"rec-status-cell\">{}", e(&row.status_label));
        if !row.assessment.is_empty() {
            let _ = write!(html, "<span class=\"rec-assessment\">{}</span>", e(&row.assessment));
        }
        html.push_str("</td>\n");
    }
    html.push_str("</tr>\n");
    html
}

/// The plan of a recommendation, under its text: who acts, what, how
/// progress is measured, by when (and, from the reader's date, whether it
/// is overdue: the page shows the mark), and the recommendations of other
/// cycles it repeats or that repeat it, linked to their rows.
fn plan_html(html: &mut String, row: &RowView, strings: &RowStrings) {
    let e = |text: &str| escape(text);
    // The plan's words, in the data's language where the page's is another.
    let text = |value: &str| match &row.plan_lang {
        Some(lang) => format!("<span lang=\"{}\" dir=\"auto\">{}</span>", e(lang), e(value)),
        None => e(value),
    };
    let mut items: Vec<String> = Vec::new();
    if !row.responsible.is_empty() {
        items.push(format!(
            "<li class=\"rec-responsible\"><b>{}:</b> {}</li>",
            e(&strings.responsible),
            text(&row.responsible.join("; "))
        ));
    }
    if !row.planned_action.is_empty() {
        items.push(format!("<li><b>{}:</b> {}</li>", e(&strings.planned_action), text(&row.planned_action)));
    }
    if !row.indicator.is_empty() {
        items.push(format!("<li><b>{}:</b> {}</li>", e(&strings.indicator), text(&row.indicator)));
    }
    if let Some((written, _)) = &row.target_date {
        items.push(format!(
            "<li class=\"rec-due\"><b>{}:</b> <span dir=\"ltr\">{}</span> <strong class=\"rec-overdue-mark\" data-rec-overdue hidden>{}</strong></li>",
            e(&strings.target_date),
            e(written),
            e(&strings.overdue)
        ));
    }
    let links = |list: &[(String, String)]| -> Vec<String> {
        list.iter()
            .map(|(id, cycle)| {
                let cycle = if cycle.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e(&strings.cycle.replace("{cycle}", cycle)))
                };
                format!("<a href=\"#{}\" data-rec-link><span dir=\"ltr\">{}</span></a>{cycle}", e(&anchor(id)), e(id))
            })
            .collect()
    };
    let mut before = links(&row.earlier);
    before.extend(row.before_elsewhere.iter().map(|named| format!("<span dir=\"ltr\">{}</span>", e(named))));
    if !before.is_empty() {
        items.push(format!("<li class=\"rec-before\"><b>{}:</b> {}</li>", e(&strings.before), before.join(", ")));
    }
    if !row.later.is_empty() {
        items.push(format!(
            "<li class=\"rec-again\"><b>{}:</b> {}</li>",
            e(&strings.again),
            links(&row.later).join(", ")
        ));
    }
    if !items.is_empty() {
        html.push_str("<ul class=\"rec-plan\">");
        for item in items {
            html.push_str(&item);
        }
        html.push_str("</ul>");
    }
}
