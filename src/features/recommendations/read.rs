//! A table's rows made recommendations, checked: the columns each export
//! names ([`super::columns`]), the conventions inside its cells
//! ([`super::conventions`], [`super::states`]), and what a reader of
//! `check` should know about what was read.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::columns::{columns, field_of, text_column_help, Columns, Field};
use super::conventions::{has_separator, join_sdg_pieces, sections, source_of_position, split_list, theme_heading};
use super::data::{theme_slug, Data, Recommendation, Response, Status};
use super::dates::{column_order, target_date};
use super::lints::meant_column;
use super::states::{states_in_text, states_of_cell};
use super::table::{Cell, Table};
use super::values::{action_category, cycle_number, cycle_of_session, leading_paragraph, Sdg};
use crate::engine::error::{did_you_mean, Diagnostic, Location};

/// More rows than any one State's reviews have (a few thousand over four
/// cycles): a file past it is most likely a whole database, every State's.
pub const MOST_ROWS: usize = 50_000;

/// The rows of the source file, checked.
pub(super) fn rows(source: &Path, table: &Table, langs: &[&str]) -> Result<Data, Vec<Diagnostic>> {
    if table.rows.len() > MOST_ROWS {
        return Err(vec![Diagnostic::new(
            table.at(source, 1, None),
            format!("{} recommendations: more than one State's reviews have (uprkit reads up to {MOST_ROWS})", table.rows.len()),
        )
        .with_help("this looks like a whole database: export only the State your toolkit is about (UPR Info's `SuR`, the Index's State under review), or keep its rows only")]);
    }
    let Columns { fields, translated, mut ignored, doubled } = columns(&table.headers, langs);
    let header_line = table.rows.first().map_or(1, |row| row.line.saturating_sub(1).max(1));
    if !fields.contains_key(&Field::Text) {
        return Err(vec![Diagnostic::new(
            table.at(source, header_line, None),
            "no column holds the recommendations' text",
        )
        .with_help(text_column_help(&table.headers, &ignored))]);
    }
    let mut lints = Vec::new();
    for &(left, read) in &doubled {
        let (left, read) = (&table.headers[left], &table.headers[read]);
        ignored.push(left.clone());
        lints.push(format!(
            "{}: the column `{left}` is left out: `{read}` holds the {}, and one column is read for each",
            source.display(),
            field_of(read).map_or("", super::columns::field_name).replace('_', " ")
        ));
    }
    // UPR Info separates issues with commas; a column whose cells use
    // another separator keeps its commas inside names.
    let mut commas = |field: Field| -> bool {
        let Some(&index) = fields.get(&field) else { return false };
        let cells: Vec<&Cell> = table.rows.iter().map(|row| &row.cells[index]).filter(|c| c.list.is_none()).collect();
        let separated = cells.iter().filter(|c| has_separator(&c.text)).count();
        let comma_only = cells.iter().find(|c| !has_separator(&c.text) && c.text.contains(','));
        match comma_only {
            Some(cell) if separated > 0 => {
                lints.push(format!(
                    "{}: column `{}`: {separated} cells separate their items with `;`, `|` or line breaks, others only with commas (such as {}: \"{}\"), whose commas are read as part of one name: separate the items the same way in every cell",
                    source.display(),
                    table.headers[index],
                    table.cell_at(source, cell),
                    cell.text
                ));
                false
            }
            Some(_) => true,
            None => false,
        }
    };
    // SDGs split on commas always: a goal's name that has one is joined
    // again (`join_sdg_pieces`).
    let split = [
        (Field::Themes, commas(Field::Themes)),
        (Field::AffectedPersons, commas(Field::AffectedPersons)),
        (Field::SdgTargets, true),
        // Ids never hold a comma: "3-121.1, 3-121.4" is two.
        (Field::RecommendedBefore, true),
    ];
    let splits = |field: Field| split.iter().any(|&(f, c)| f == field && c);
    let title_session = session_in_title(&table.title);
    let title_cycle = cycle_in_title(&table.title).or_else(|| title_session.as_deref().and_then(cycle_of_session));

    // A row's cycle: its own column, else its session's, else the title's.
    let cycle_of = |row: &super::table::Row| -> (Option<String>, String) {
        let text_of = |field: Field| fields.get(&field).map(|&i| row.cells[i].text.clone()).unwrap_or_default();
        let session = Some(text_of(Field::Session)).filter(|s| !s.is_empty()).or_else(|| title_session.clone());
        let cycle = match cycle_number(&text_of(Field::Cycle)) {
            cycle if !cycle.is_empty() => cycle,
            _ => {
                session.as_deref().and_then(cycle_of_session).or(title_cycle).map(|c| c.to_string()).unwrap_or_default()
            }
        };
        (session, cycle)
    };
    // Recommendations of several cycles known by their paragraphs: OHCHR
    // numbers each report's paragraphs afresh (121.1 in the third cycle and
    // in the fourth), so the cycle goes before the number (`3-121.1`).
    let row_cycles: Vec<(Option<String>, String)> = table.rows.iter().map(cycle_of).collect();
    let cycles: BTreeSet<&str> = row_cycles.iter().map(|(_, c)| c.as_str()).filter(|c| !c.is_empty()).collect();
    let cycle_ids = cycles.len() > 1 && !fields.contains_key(&Field::Id);

    let mut problems = Vec::new();
    // The target dates of the column, read in one order.
    let date_cells: Vec<&Cell> =
        fields.get(&Field::TargetDate).map_or_else(Vec::new, |&i| table.rows.iter().map(|row| &row.cells[i]).collect());
    let (order, mixed) = column_order(source, table, &date_cells);
    problems.extend(mixed);
    let mut out: Vec<Recommendation> = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut number_paragraphs: HashMap<(String, String), usize> = HashMap::new();
    let mut numbered_rows = false;
    let mut under_review = BTreeSet::new();
    // The theme of OHCHR's last "Theme:" row: the group of the rows below.
    let mut heading: Option<String> = None;
    for (row, (session, cycle)) in table.rows.iter().zip(row_cycles) {
        let cell = |field: Field| fields.get(&field).map(|&i| &row.cells[i]);
        let text_of = |field: Field| cell(field).map(|c| c.text.clone()).unwrap_or_default();
        let at =
            |field: Field| cell(field).map_or_else(|| table.at(source, row.line, None), |c| table.cell_at(source, c));
        let raw = text_of(Field::Text);
        if let Some(theme) = theme_heading(&raw) {
            heading = Some(theme.to_string());
            continue;
        }
        let (mut text, position_source) = source_of_position(&raw);
        if text.is_empty() {
            problems.push(
                Diagnostic::new(at(Field::Text), "this recommendation has no text")
                    .with_help("write the recommendation, or delete the row"),
            );
            continue;
        }
        // OHCHR's lists write "139.12 Adopt ... (Valdoria);": the paragraph
        // and the recommending States come from the text when no column has them.
        let mut paragraph = text_of(Field::Paragraph);
        if paragraph.is_empty() && !fields.contains_key(&Field::Paragraph) {
            if let Some((number, rest)) = leading_paragraph(&text) {
                paragraph = number.to_string();
                text = rest.to_string();
            }
        }
        let mut states = states_of_cell(&text_of(Field::RecommendingState));
        if states.is_empty() && !fields.contains_key(&Field::RecommendingState) {
            if let Some((rest, found)) = states_in_text(&text) {
                states = found;
                text = rest.to_string();
            }
        }
        // A paragraph typed into a number cell loses its last zeros (the
        // sheet shows 115.120, the workbook keeps 115.12): two that read
        // the same in one cycle cannot be told apart.
        if cell(Field::Paragraph).is_some_and(|c| c.number) {
            match number_paragraphs.get(&(cycle.clone(), paragraph.clone())) {
                Some(first) => {
                    problems.push(
                        Diagnostic::new(
                            at(Field::Paragraph),
                            format!(
                                "the paragraph {paragraph} is also on {} {first}: a paragraph written as a number loses its last zeros (115.120 reads as 115.12)",
                                table.line_word()
                            ),
                        )
                        .with_help("format the paragraph column as text (Format Cells, Text), then type its numbers again as the report writes them"),
                    );
                    continue;
                }
                None => {
                    number_paragraphs.insert((cycle.clone(), paragraph.clone()), row.line);
                }
            }
        }
        let id = match text_of(Field::Id) {
            id if !id.is_empty() => id,
            _ if !paragraph.is_empty() && cycle_ids && !cycle.is_empty() => format!("{cycle}-{paragraph}"),
            _ if !paragraph.is_empty() => paragraph.clone(),
            // An export without ids or paragraphs (UPR Info's): the row's
            // number, which `check` points out.
            _ if !fields.contains_key(&Field::Id) && !fields.contains_key(&Field::Paragraph) => {
                numbered_rows = true;
                format!("row-{}", out.len() + 1)
            }
            _ => {
                problems.push(
                    Diagnostic::new(at(Field::Id), "this recommendation has no id")
                        .with_help("give every row an `id` (or a `paragraph` number), so translations and readers' assessments can find it"),
                );
                continue;
            }
        };
        if let Some(first) = seen.get(&id) {
            problems.push(
                Diagnostic::new(
                    at(Field::Id),
                    format!("the id `{id}` is already used on {} {first}", table.line_word()),
                )
                .with_help("every recommendation needs its own id"),
            );
            continue;
        }
        seen.insert(id.clone(), row.line);
        let response_text = text_of(Field::Response);
        let response = Response::parse(&response_text).unwrap_or_else(|| {
            let words = ["supported", "supported in part", "noted", "pending"];
            // The exports' words too, for the did-you-mean: "Acepted".
            let theirs = ["accepted", "partially supported", "response not available"];
            let hint = did_you_mean(&response_text.to_lowercase(), words.iter().chain(&theirs).copied());
            problems.push(
                Diagnostic::new(at(Field::Response), format!("`{response_text}` is not a response")).with_help(format!(
                    "{}the response is one of: {} (or the exports' words: Accepted, Partially supported, Response not available)",
                    hint.map(|g| format!("{g} ")).unwrap_or_default(),
                    words.join(", ")
                )),
            );
            Response::Pending
        });
        let status_text = text_of(Field::Status);
        let status = Status::parse(&status_text).unwrap_or_else(|| {
            let words = ["not implemented", "partially implemented", "fully implemented", "unknown"];
            problems.push(value_problem(at(Field::Status), "status", &status_text, &words));
            Status::Unknown
        });
        let category_text = text_of(Field::ActionCategory);
        let action_category = match action_category(&category_text) {
            Ok(category) => category,
            Err(()) => {
                problems.push(
                    Diagnostic::new(at(Field::ActionCategory), format!("`{category_text}` is not an action category"))
                        .with_help("write a number from 1 (minimal action) to 5 (specific action), or leave it empty"),
                );
                None
            }
        };
        let list = |field: Field| cell(field).map(|c| list_of(c, splits(field))).unwrap_or_default();
        // OHCHR's themes cell: themes, then its "SDGs:" and "Affected persons:".
        let (mut themes, mut persons, mut sdgs) = match cell(Field::Themes).and_then(|c| sections(&c.text)) {
            Some(found) => (found.themes, found.persons, found.sdgs),
            None => (list(Field::Themes), Vec::new(), Vec::new()),
        };
        if let Some(theme) = &heading {
            themes.retain(|t| t != theme);
            themes.insert(0, theme.clone());
        }
        persons.extend(list(Field::AffectedPersons));
        sdgs.extend(join_sdg_pieces(list(Field::SdgTargets)));
        // A number loses a last zero: 16.10 reads 16.1. Only the targets of
        // goals with ten or more (8, 16, 17) can be read wrong so; 5.2 cannot.
        let cut_short = |item: &String| ["8.1", "16.1", "17.1"].contains(&item.as_str());
        if cell(Field::SdgTargets).is_some_and(|c| c.number) && list(Field::SdgTargets).iter().any(cut_short) {
            problems.push(
                Diagnostic::new(
                    at(Field::SdgTargets),
                    "an SDG target written as a number loses its last zero (16.10 reads as 16.1)",
                )
                .with_help("write SDG targets as text: in YAML or JSON between quotes, [\"5.2\", \"16.10\"]; in a spreadsheet, format the cells as Text and type them again"),
            );
        }
        let (mut sdg_targets, mut sdg_goals) = (Vec::new(), BTreeSet::new());
        for item in unique(sdgs) {
            match Sdg::parse(&item) {
                Some(sdg) => {
                    sdg_goals.insert(sdg.goal());
                    if let Sdg::Target(target) = sdg {
                        sdg_targets.push(target);
                    }
                }
                None => {
                    let at =
                        if fields.contains_key(&Field::SdgTargets) { at(Field::SdgTargets) } else { at(Field::Themes) };
                    problems.push(Diagnostic::new(at, format!("`{item}` is not an SDG goal or target")).with_help(
                        "write a goal (16, or \"16 - Peace, justice and strong institutions\") or a target (5.2, 16.10, 16.a); separate several with `;`",
                    ))
                }
            }
        }
        let mut translations = HashMap::new();
        for (index, lang, is_text) in &translated {
            let value = row.cells[*index].text.clone();
            let entry: &mut (String, String) = translations.entry(lang.clone()).or_default();
            if *is_text {
                entry.0 = value;
            } else {
                entry.1 = value;
            }
        }
        let date_text = text_of(Field::TargetDate);
        let target_date = target_date(&date_text, order).unwrap_or_else(|()| {
            problems.push(
                Diagnostic::new(at(Field::TargetDate), format!("`{date_text}` is not a date uprkit can read"))
                    .with_help("write the target date as year-month-day (2027-06-30), a month (2027-06), a quarter (Q2 2027) or a year (2027); day/month/year (30/06/2027) is read too"),
            );
            None
        });
        let reviewed = text_of(Field::StateUnderReview);
        if !reviewed.is_empty() {
            under_review.insert(reviewed);
        }
        let source_text = text_of(Field::Source);
        let themes = unique(themes);
        out.push(Recommendation {
            id,
            text,
            recommending_state: states.join(", "),
            recommending_states: states,
            cycle,
            session: session.unwrap_or_default(),
            paragraph,
            response,
            theme_slugs: themes.iter().map(|t| theme_slug(t)).collect(),
            themes,
            affected_persons: unique(persons),
            sdg_targets,
            sdg_goals: sdg_goals.into_iter().collect(),
            action_category,
            status,
            assessment: text_of(Field::Assessment),
            source: if source_text.is_empty() { position_source.unwrap_or_default() } else { source_text },
            // Institutions may have commas in their names ("Ministry of
            // Labour, Social Affairs and Family"): only `;`, `|` and lines part them.
            responsible: unique(list(Field::Responsible)),
            planned_action: text_of(Field::PlannedAction),
            indicator: text_of(Field::Indicator),
            target_date,
            recommended_before: unique(list(Field::RecommendedBefore)),
            earlier: Vec::new(),
            later: Vec::new(),
            before_elsewhere: Vec::new(),
            translations,
            line: row.line,
        });
    }
    for header in &ignored {
        let meant = meant_column(header).filter(|name| field_of(name).is_some_and(|f| !fields.contains_key(&f)));
        if let Some(name) = meant {
            lints.push(format!(
                "{}: the column `{header}` is left out: if it holds the {}, head it `{name}`",
                source.display(),
                name.replace('_', " ")
            ));
        }
    }
    lints.extend(link_cycles(source, &mut out));
    if under_review.len() > 1 {
        let names: Vec<&str> = under_review.iter().map(String::as_str).collect();
        lints.push(format!(
            "{}: the rows are recommendations to {} States under review ({}): a toolkit's matrix is one State's; keep its rows only",
            source.display(),
            names.len(),
            names.join(", ")
        ));
    }
    if problems.is_empty() {
        Ok(Data {
            source: source.to_path_buf(),
            rows: out,
            ignored_columns: ignored,
            numbered_rows,
            lints,
            ..Data::default()
        })
    } else {
        Err(problems)
    }
}

fn value_problem(location: Location, field: &str, value: &str, words: &[&str]) -> Diagnostic {
    let hint = did_you_mean(&value.to_lowercase(), words.iter().copied()).map(|g| format!("{g} ")).unwrap_or_default();
    Diagnostic::new(location, format!("`{value}` is not a {field}"))
        .with_help(format!("{hint}the {field} is one of: {}", words.join(", ")))
}

/// A list cell: a YAML list, or text separated by `;`, `|` or line breaks
/// (and commas, where `commas`).
fn list_of(cell: &Cell, commas: bool) -> Vec<String> {
    match &cell.list {
        Some(items) => items.iter().filter(|i| !i.is_empty()).cloned().collect(),
        None => split_list(&cell.text, commas),
    }
}

/// Links each recommendation to the earlier ones it repeats (its
/// `recommended_before`: an id of the data, or a paragraph number that one
/// row of another, earlier cycle has) and those to the later ones; what
/// names no row is kept as written (a recommendation of a cycle the file
/// does not hold) and said by `check`, with a did-you-mean.
fn link_cycles(source: &Path, rows: &mut [Recommendation]) -> Vec<String> {
    let ids: HashMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut by_paragraph: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, rec) in rows.iter().enumerate().filter(|(_, r)| !r.paragraph.is_empty()) {
        by_paragraph.entry(rec.paragraph.as_str()).or_default().push(i);
    }
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut elsewhere: Vec<(usize, String)> = Vec::new();
    let mut lints = Vec::new();
    for (i, rec) in rows.iter().enumerate() {
        for named in &rec.recommended_before {
            let earlier_cycle = |other: &Recommendation| match (other.cycle.parse::<u32>(), rec.cycle.parse::<u32>()) {
                (Ok(theirs), Ok(ours)) => theirs < ours,
                _ => other.cycle != rec.cycle,
            };
            let found: Vec<usize> = match ids.get(named.as_str()) {
                Some(&j) => vec![j],
                None => by_paragraph
                    .get(named.as_str())
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&j| earlier_cycle(&rows[j]))
                    .collect(),
            };
            match found.as_slice() {
                [j] if *j != i => {
                    links.push((i, *j));
                    continue;
                }
                [_] => lints.push(format!(
                    "{}: line {}: `{}` is recommended before by itself: name the earlier recommendation's id",
                    source.display(),
                    rec.line,
                    rec.id
                )),
                [] => {
                    let hint = did_you_mean(named, ids.keys().copied()).map(|g| format!(" ({g})")).unwrap_or_default();
                    lints.push(format!(
                        "{}: line {}: `{named}`, recommended before `{}`, is no recommendation of this file{hint}: it is shown as written, not linked",
                        source.display(),
                        rec.line,
                        rec.id
                    ));
                }
                several => lints.push(format!(
                    "{}: line {}: `{named}`, recommended before `{}`, is the paragraph of {} earlier recommendations ({}): name one by its id",
                    source.display(),
                    rec.line,
                    rec.id,
                    several.len(),
                    several.iter().map(|&j| rows[j].id.as_str()).collect::<Vec<_>>().join(", ")
                )),
            }
            // Not linked: shown as written.
            elsewhere.push((i, named.clone()));
        }
    }
    for (i, named) in elsewhere {
        rows[i].before_elsewhere.push(named);
    }
    for (later, earlier) in links {
        if !rows[later].earlier.contains(&earlier) {
            rows[later].earlier.push(earlier);
            rows[earlier].later.push(later);
        }
    }
    lints
}

fn unique(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items.into_iter().filter(|item| seen.insert(item.clone())).collect()
}

/// "Universal Periodic Review – 4th cycle" above a Word table: its cycle.
fn cycle_in_title(title: &str) -> Option<u32> {
    number_next_to(title, "cycle")
}

/// "… 43rd session" above a Word table: its session.
fn session_in_title(title: &str) -> Option<String> {
    number_next_to(title, "session").map(|n| n.to_string())
}

/// The number just before or after `word` ("4th cycle", "cycle 4").
fn number_next_to(title: &str, word: &str) -> Option<u32> {
    let words: Vec<String> = super::values::normalise(title).split(' ').map(String::from).collect();
    let number = |w: &str| -> Option<u32> {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth"];
        digits.parse().ok().or_else(|| ordinals.iter().position(|o| *o == w).map(|n| n as u32 + 1))
    };
    let at = words.iter().position(|w| w == word)?;
    at.checked_sub(1).and_then(|i| number(&words[i])).or_else(|| words.get(at + 1).and_then(|w| number(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_says_the_cycle_and_the_session() {
        assert_eq!(cycle_in_title("Thematic list of recommendations – Norvania (4th cycle, 43rd session)"), Some(4));
        assert_eq!(session_in_title("4th cycle, 43rd session").as_deref(), Some("43"));
        assert_eq!(cycle_in_title("Third cycle"), Some(3));
        assert_eq!(cycle_in_title("Thematic list"), None);
    }
}
