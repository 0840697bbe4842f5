//! The columns of a recommendations file: our names, and the names OHCHR's
//! matrices, the Universal Human Rights Index and UPR Info's database give
//! the same fields; and the columns that hold a translation (`text_fr`).

use std::collections::HashMap;

use crate::engine::error::did_you_mean;

use super::values::normalise;

/// The fields of a row, in the order of our own CSV layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Field {
    Id,
    Text,
    RecommendingState,
    Cycle,
    Session,
    Paragraph,
    Response,
    Themes,
    AffectedPersons,
    SdgTargets,
    ActionCategory,
    Status,
    Assessment,
    Source,
    /// UPR Info's `SuR`: read to tell a file of several States' reviews.
    StateUnderReview,
    /// The plan columns a coalition or a National Mechanism for
    /// Implementation, Reporting and Follow-up adds: who acts, what, how
    /// progress is measured, by when, and the earlier recommendation repeated.
    Responsible,
    PlannedAction,
    Indicator,
    TargetDate,
    RecommendedBefore,
}

/// Our column names, then the names other exports give the same field
/// (compared lowercased, punctuation as spaces): OHCHR's matrices
/// ("Recommendation", "Position", "Full list of themes", "Assessment/comments
/// on level of implementation"), the Universal Human Rights Index's export
/// ("Recommending State(s)", "Affected persons", "SDGs", "Annotation",
/// "Document symbol") and UPR Info's database ("Response", "Action
/// category", "Issue(s)"). Our own names match whatever their case and
/// punctuation ("Recommending State" is `recommending_state`), so an alias
/// never repeats them; a test keeps every alias reachable.
pub(super) const COLUMNS: &[(Field, &str, &[&str])] = &[
    // A row's counter ("No.", "Number") names the id only where nothing more
    // precise does: it changes when the rows are sorted.
    (Field::Id, "id", &["recommendation id", "rec id", "uid", "reference number", "ref", "number", "no"]),
    (
        Field::Text,
        "text",
        &[
            "recommendation",
            "recommendations",
            "recommendation text",
            "full text",
            "recommendation and recommending state",
        ],
    ),
    (
        Field::RecommendingState,
        "recommending_state",
        &[
            "recommending states",
            "recommending state s",
            "recommended by",
            "state",
            "from",
            "rs",
            "recommending country",
        ],
    ),
    (Field::Cycle, "cycle", &["upr cycle", "review cycle"]),
    (Field::Session, "session", &["upr session", "session number"]),
    (Field::Paragraph, "paragraph", &["para", "paragraph number", "para no", "paragraph no"]),
    (
        Field::Response,
        "response",
        &["position", "state response", "sur response", "government response", "position of the state under review"],
    ),
    (
        Field::Themes,
        "themes",
        &[
            "theme",
            "issues",
            "issue",
            "full list of themes",
            "themes full list",
            "topics",
            "human rights themes and groups of persons",
            "human rights themes",
        ],
    ),
    (
        Field::AffectedPersons,
        "affected_persons",
        &["persons affected", "affected groups", "groups", "groups of persons"],
    ),
    (
        Field::SdgTargets,
        "sdg_targets",
        &["sdg target", "sdgs", "sdg", "sustainable development goals", "relevant sdgs", "sdg goals"],
    ),
    (Field::ActionCategory, "action_category", &["action", "category"]),
    (Field::Status, "status", &["implementation status", "level of implementation", "progress"]),
    (
        Field::Assessment,
        "assessment",
        &[
            "assessment comments on level of implementation",
            "assessment comments",
            "comments",
            "annotation",
            "annotations",
        ],
    ),
    (Field::Source, "source", &["document", "document symbol", "symbol", "report", "source of position"]),
    (Field::StateUnderReview, "state_under_review", &["sur", "country under review", "reviewed state"]),
    // "Action" alone is UPR Info's action category: a planned action is
    // always named with another word.
    (
        Field::Responsible,
        "responsible",
        &[
            "responsible institution",
            "responsible institutions",
            "responsible institution s",
            "responsible entity",
            "responsible entities",
            "responsible ministry",
            "lead institution",
            "lead agency",
            "responsibility",
            "who",
        ],
    ),
    (
        Field::PlannedAction,
        "planned_action",
        &[
            "planned actions",
            "actions planned",
            "action planned",
            "activities",
            "planned activities",
            "measures",
            "next steps",
        ],
    ),
    (
        Field::Indicator,
        "indicator",
        &["indicators", "progress indicator", "indicator of progress", "means of verification"],
    ),
    (
        Field::TargetDate,
        "target_date",
        &["deadline", "due date", "due", "by when", "timeline", "timeframe", "time frame", "target", "completion date"],
    ),
    (
        Field::RecommendedBefore,
        "recommended_before",
        &[
            "previous recommendation",
            "previous recommendations",
            "earlier recommendation",
            "earlier recommendations",
            "repeats",
            "repeated from",
            "previous cycle",
            "same as",
        ],
    ),
];

/// Columns of the exports that the matrix has no use for, known so that
/// `check` does not name them as left out: UPR Info's regional group and
/// organisation of each State (`Rgrp`, `Org`, twice).
const KNOWN_UNREAD: &[&str] = &["rgrp", "org", "regional group", "organisation", "organization"];

pub(super) fn known_unread(header: &str) -> bool {
    KNOWN_UNREAD.contains(&normalise(header).as_str())
}

/// Which column of a table holds what.
pub(super) struct Columns {
    /// The column of each field.
    pub fields: HashMap<Field, usize>,
    /// The columns of a translation: (column, language, whether the text's).
    pub translated: Vec<(usize, String, bool)>,
    /// The headings no field takes.
    pub ignored: Vec<String>,
    /// Two columns read as one field: (the one left out, the one read).
    pub doubled: Vec<(usize, usize)>,
}

/// The columns of `headers`, for a file whose languages are `langs`. Of
/// two columns read as one field, the closer name ("ID" over "No."), else
/// the first, is read; the other is left out, and `check` names it.
pub(super) fn columns(headers: &[String], langs: &[&str]) -> Columns {
    let mut found =
        Columns { fields: HashMap::new(), translated: Vec::new(), ignored: Vec::new(), doubled: Vec::new() };
    let rank = |index: usize| field_and_rank(&headers[index]).map_or(0, |(_, rank)| rank);
    for (index, header) in headers.iter().enumerate() {
        if let Some((lang, is_text)) = translation_column(header, langs) {
            found.translated.push((index, lang, is_text));
        } else if let Some((field, closeness)) = field_and_rank(header) {
            match found.fields.get(&field).copied() {
                Some(taken) if rank(taken) <= closeness => found.doubled.push((index, taken)),
                taken => {
                    found.doubled.extend(taken.map(|taken| (taken, index)));
                    found.fields.insert(field, index);
                }
            }
        } else if !header.is_empty() && !known_unread(header) {
            found.ignored.push(header.clone());
        }
    }
    found
}

/// The columns of a translation file.
pub(super) const TRANSLATION_COLUMNS: &[&str] = &["id", "text", "assessment"];

pub(super) fn field_of(header: &str) -> Option<Field> {
    field_and_rank(header).map(|(field, _)| field)
}

/// The field a heading names, and how closely: 0 for our own name, then
/// the alias's place in its list (the more precise first), so that of two
/// columns read as one field ("No." and "ID") the closer is taken. A plural
/// written `(s)` reads as the plural ("Issue(s)", "Theme(s)").
pub(super) fn field_and_rank(header: &str) -> Option<(Field, usize)> {
    let name = normalise(&header.replace("(s)", "s").replace("(S)", "S"));
    COLUMNS.iter().find_map(|(field, ours, aliases)| {
        if normalise(ours) == name {
            return Some((*field, 0));
        }
        aliases.iter().position(|alias| *alias == name).map(|at| (*field, at + 1))
    })
}

pub(super) fn field_name(field: Field) -> &'static str {
    COLUMNS.iter().find(|(f, _, _)| *f == field).map_or("", |(_, name, _)| name)
}

/// The help of "no column holds the recommendations' text": a heading no
/// field took that looks like one of the text's names gets a did-you-mean
/// (`Recomendation`); otherwise, the headings read as the text, and the
/// file's own. A heading another field took ("Recommending State") is never
/// offered, however alike it looks.
pub(super) fn text_column_help(headers: &[String], unread: &[String]) -> String {
    let (_, ours, aliases) = COLUMNS.iter().find(|(field, _, _)| *field == Field::Text).expect("the text's column");
    let names: Vec<&str> = std::iter::once(*ours).chain(aliases.iter().copied()).collect();
    let guess = unread.iter().find_map(|header| {
        let suggestion = did_you_mean(&normalise(header), names.iter().copied())?;
        let name = suggestion.trim_start_matches("did you mean `").trim_end_matches("`?");
        Some(format!("is `{header}` meant to be `{name}`? "))
    });
    let own: Vec<&str> = headers.iter().map(String::as_str).filter(|header| !header.is_empty()).collect();
    format!(
        "{}the column of the text is headed one of: {} (in any case); this file's are: {}",
        guess.unwrap_or_default(),
        names.join(", "),
        own.join(", ")
    )
}

/// `text_fr`, `assessment_fr`: a column of a translation, for a site language.
pub(super) fn translation_column(header: &str, langs: &[&str]) -> Option<(String, bool)> {
    let (name, lang) = header.trim().rsplit_once(['_', '-', ' '])?;
    let lang = langs.iter().find(|l| l.eq_ignore_ascii_case(lang))?;
    match normalise(name).as_str() {
        "text" | "recommendation" => Some((lang.to_string(), true)),
        "assessment" => Some((lang.to_string(), false)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn only_a_heading_like_the_text_s_gets_a_did_you_mean() {
        let headers = strings(&["id", "Recommending State", "Response", "Notes"]);
        let help = text_column_help(&headers, &strings(&["Notes"]));
        assert_eq!(
            help,
            "the column of the text is headed one of: text, recommendation, recommendations, recommendation text, \
             full text, recommendation and recommending state (in any case); this file's are: id, Recommending \
             State, Response, Notes"
        );
        let headers = strings(&["id", "Recomendation", "Response"]);
        let help = text_column_help(&headers, &strings(&["Recomendation"]));
        assert!(help.starts_with("is `Recomendation` meant to be `recommendation`? the column"), "{help}");
        let help = text_column_help(&strings(&["id", "Txet"]), &strings(&["Txet"]));
        assert!(help.starts_with("is `Txet` meant to be `text`?"), "{help}");
    }

    #[test]
    fn every_alias_reads_as_its_field_and_none_is_hidden_by_another() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (field, ours, aliases) in COLUMNS {
            for name in std::iter::once(ours).chain(aliases.iter()) {
                assert_eq!(field_of(name), Some(*field), "`{name}` reads as another field than `{ours}`'s");
                if let Some(before) = seen.insert(normalise(name), ours) {
                    panic!("`{name}` of `{ours}` can never take effect: `{before}` already answers to it");
                }
            }
            for alias in *aliases {
                assert_eq!(normalise(alias), *alias, "an alias is written as it is compared");
            }
        }
    }
}
