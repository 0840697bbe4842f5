//! The rows of the matrix as HTML, written once per language and shared by
//! the matrix page and the theme pages (a data set of 10,000
//! recommendations would otherwise go through the template engine several
//! times per language). Their markup is what `recommendations.js` reads:
//! `data-id`, `.rec-text`, `.rec-badge`, and the cell of
//! the reader's assessment the matrix page adds.

use std::fmt::Write;

use super::view::RowView;
use crate::engine::i18n::{ui, UiStrings};
use crate::engine::templates::escape;

/// What every row of a language shares: its strings, worked out once.
pub struct RowStrings {
    cycle: String,
    sdg: String,
    persons: String,
    source: String,
    lang: String,
    dir: &'static str,
}

impl RowStrings {
    pub fn new(strings: &UiStrings, lang: &str, dir: &'static str) -> RowStrings {
        RowStrings {
            cycle: ui(strings, "rec_cycle"),
            sdg: ui(strings, "rec_sdg"),
            persons: ui(strings, "rec_persons"),
            source: ui(strings, "rec_source"),
            lang: lang.to_string(),
            dir,
        }
    }
}

/// One row of the matrix (the matrix page adds the cell of the reader's
/// assessment before `</tr>`).
pub fn row_html(row: &RowView, strings: &RowStrings) -> String {
    let mut html = String::with_capacity(row.text.len() + row.assessment.len() + 700);
    let e = |text: &str| escape(text);
    let _ =
        write!(html, "<tr data-id=\"{}\" class=\"rec-row rec-{}\">\n<td class=\"rec-text\"", e(&row.id), row.response);
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
    let _ = write!(
        html,
        "</span></td>\n<td>{}</td>\n<td class=\"rec-response\"><span class=\"rec-badge rec-badge-{}\">{}</span></td>\n<td>{}</td>\n<td class=\"rec-status-cell\">{}",
        e(&row.state),
        row.response,
        e(&row.response_label),
        e(&row.themes.join("; ")),
        e(&row.status_label)
    );
    if !row.assessment.is_empty() {
        let _ = write!(html, "<span class=\"rec-assessment\">{}</span>", e(&row.assessment));
    }
    html.push_str("</td>\n");
    html.push_str("</tr>\n");
    html
}
