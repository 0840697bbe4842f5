//! Reading `data/recommendations.csv` (or `.yaml`, `.json`): one row per
//! recommendation, with the columns of OHCHR's matrices, the Universal
//! Human Rights Index and UPR Info's database recognised as well as ours,
//! and the translations of the text in `recommendations.LANG.csv` or in
//! `text_LANG` columns. Every problem names the file, line and column.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::engine::config::Config;

use super::columns::{field_name, field_of, text_column_help, translation_column, Field, TRANSLATION_COLUMNS};
use super::table::{parse_table, read_utf8, Cell, Table};
use super::values::{action_category, leading_paragraph, normalise, sdg_target, trailing_state};
pub use super::values::{Response, Status};
use crate::engine::error::{did_you_mean, Diagnostic, Location};

/// The folder of the data files, under the toolkit's root.
pub const DATA_DIR: &str = "data";
/// The data file's name without its extension.
pub const STEM: &str = "recommendations";

/// One recommendation, as read.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub id: String,
    pub text: String,
    pub recommending_state: String,
    pub cycle: String,
    pub session: String,
    pub paragraph: String,
    pub response: Response,
    pub themes: Vec<String>,
    /// The themes' addresses ([`theme_slug`]), in the same order.
    #[serde(skip)]
    pub theme_slugs: Vec<String>,
    pub affected_persons: Vec<String>,
    pub sdg_targets: Vec<String>,
    pub action_category: Option<u8>,
    pub status: Status,
    pub assessment: String,
    pub source: String,
    /// Language code → (text, assessment) translated; empty where not.
    #[serde(skip)]
    pub translations: HashMap<String, (String, String)>,
    /// The file line of the row.
    #[serde(skip)]
    pub line: usize,
}

impl Recommendation {
    /// The text in `lang`, and whether it is that language's (not the source's).
    pub fn text_in(&self, lang: &str) -> (&str, bool) {
        match self.translations.get(lang) {
            Some((text, _)) if !text.is_empty() => (text, true),
            _ => (&self.text, false),
        }
    }

    pub fn assessment_in(&self, lang: &str) -> &str {
        match self.translations.get(lang) {
            Some((_, assessment)) if !assessment.is_empty() => assessment,
            _ => &self.assessment,
        }
    }
}

/// The recommendations of a toolkit, and what a reader of `check` should know.
#[derive(Debug, Default)]
pub struct Data {
    /// Where they were read from (`data/recommendations.csv`).
    pub source: PathBuf,
    pub rows: Vec<Recommendation>,
    /// Columns no field takes, as written in the file: left out.
    pub ignored_columns: Vec<String>,
    /// The file has no ids: rows are known by their number (`row-3`).
    pub numbered_rows: bool,
    /// What the author should know that does not stop a build: a
    /// translation given twice, a column of a translation file not read.
    pub warnings: Vec<Diagnostic>,
}

/// The data file of the toolkit at `config.root`, if there is one.
fn find(config: &Config, lang: Option<&str>) -> Result<Option<(PathBuf, &'static str)>, Diagnostic> {
    let stem = match lang {
        Some(lang) => format!("{STEM}.{lang}"),
        None => STEM.to_string(),
    };
    let found: Vec<(PathBuf, &'static str)> = ["csv", "yaml", "yml", "json"]
        .into_iter()
        .map(|ext| (Path::new(DATA_DIR).join(format!("{stem}.{ext}")), ext))
        .filter(|(path, _)| config.root.join(path).is_file())
        .collect();
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.into_iter().next()),
        _ => Err(Diagnostic::new(
            Location::file(&found[1].0),
            format!("two files of recommendations: {} and {}", found[0].0.display(), found[1].0.display()),
        )
        .with_help("keep one of them")),
    }
}

/// Reads the toolkit's recommendations, if it has any, and their
/// translations into the site's other languages.
pub fn load(config: &Config) -> Result<Option<Data>, Vec<Diagnostic>> {
    let Some((source, ext)) = find(config, None).map_err(|d| vec![d])? else {
        return Ok(None);
    };
    let text = read_utf8(&config.root, &source).map_err(|d| vec![d])?;
    let langs: Vec<&str> = config.languages.iter().skip(1).map(|l| l.code.as_str()).collect();
    let table = parse_table(&source, &text, ext).map_err(|d| vec![d])?;
    let mut data = rows(&source, &table, &langs)?;
    let mut problems = Vec::new();
    for lang in &langs {
        match find(config, Some(lang)) {
            Err(diagnostic) => problems.push(diagnostic),
            Ok(None) => {}
            Ok(Some((path, ext))) => {
                let result = read_utf8(&config.root, &path)
                    .and_then(|text| parse_table(&path, &text, ext))
                    .map_err(|d| vec![d])
                    .and_then(|table| translations(&path, &table, lang, &mut data));
                if let Err(found) = result {
                    problems.extend(found);
                }
                let columns: Vec<&str> = table
                    .headers
                    .iter()
                    .filter(|h| translation_column(h, &[lang]).is_some())
                    .map(String::as_str)
                    .collect();
                if !columns.is_empty() {
                    data.warnings.push(
                        Diagnostic::new(
                            Location::at(&path, 1, None),
                            format!(
                                "`{lang}` translations are in the columns {} of {} too: this file's are used where it has one, the columns' elsewhere",
                                columns.join(", "),
                                source.display()
                            ),
                        )
                        .with_help("keep them in one place: this file, or the columns"),
                    );
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(Some(data))
    } else {
        Err(problems)
    }
}

/// The rows of the source file, checked.
fn rows(source: &Path, table: &Table, langs: &[&str]) -> Result<Data, Vec<Diagnostic>> {
    let mut fields: HashMap<Field, usize> = HashMap::new();
    let mut translated: Vec<(usize, String, bool)> = Vec::new();
    let mut ignored = Vec::new();
    for (index, header) in table.headers.iter().enumerate() {
        if let Some((lang, is_text)) = translation_column(header, langs) {
            translated.push((index, lang, is_text));
        } else if let Some(field) = field_of(header) {
            fields.entry(field).or_insert(index);
        } else if !header.is_empty() {
            ignored.push(header.clone());
        }
    }
    let header_problem =
        |message: String, help: String| vec![Diagnostic::new(Location::at(source, 1, None), message).with_help(help)];
    if !fields.contains_key(&Field::Text) {
        return Err(header_problem(
            "no column holds the recommendations' text".into(),
            text_column_help(&table.headers, &ignored),
        ));
    }
    let mut problems = Vec::new();
    let mut out: Vec<Recommendation> = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut numbered_rows = false;
    for row in &table.rows {
        let cell = |field: Field| fields.get(&field).map(|&i| &row.cells[i]);
        let text_of = |field: Field| cell(field).map(|c| c.text.clone()).unwrap_or_default();
        let at =
            |field: Field| cell(field).map_or_else(|| Location::at(source, row.line, None), |c| c.location(source));
        let mut text = text_of(Field::Text);
        if text.is_empty() {
            problems.push(
                Diagnostic::new(at(Field::Text), "this recommendation has no text")
                    .with_help("write the recommendation, or delete the row"),
            );
            continue;
        }
        // OHCHR's matrices write "139.12 Adopt ... (Valdoria);": the paragraph
        // and the recommending State come from the text when no column has them.
        let mut paragraph = text_of(Field::Paragraph);
        let mut state = text_of(Field::RecommendingState);
        if paragraph.is_empty() && !fields.contains_key(&Field::Paragraph) {
            if let Some((number, rest)) = leading_paragraph(&text) {
                paragraph = number.to_string();
                text = rest.to_string();
            }
        }
        if state.is_empty() && !fields.contains_key(&Field::RecommendingState) {
            if let Some((rest, name)) = trailing_state(&text) {
                state = name.to_string();
                text = rest.to_string();
            }
        }
        let id = match text_of(Field::Id) {
            id if !id.is_empty() => id,
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
                Diagnostic::new(at(Field::Id), format!("the id `{id}` is already used on line {first}"))
                    .with_help("every recommendation needs its own id"),
            );
            continue;
        }
        seen.insert(id.clone(), row.line);
        let response_text = text_of(Field::Response);
        let response = Response::parse(&response_text).unwrap_or_else(|| {
            let words = ["supported", "supported in part", "noted", "pending"];
            problems.push(value_problem(at(Field::Response), "response", &response_text, &words));
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
        let list = |field: Field| cell(field).map(list_of).unwrap_or_default();
        let mut sdg_targets = Vec::new();
        if cell(Field::SdgTargets).is_some_and(|c| c.number) {
            problems.push(
                Diagnostic::new(
                    at(Field::SdgTargets),
                    "an SDG target written as a number loses its last zero (16.10 reads as 16.1)",
                )
                .with_help("put SDG targets between quotes: [\"5.2\", \"16.10\"]"),
            );
        }
        for target in list(Field::SdgTargets) {
            match sdg_target(&target) {
                Some(target) => sdg_targets.push(target),
                None => problems.push(
                    Diagnostic::new(at(Field::SdgTargets), format!("`{target}` is not an SDG target"))
                        .with_help("write a goal and a target, such as 5.2, 16.10 or 16.a; separate several with `;`"),
                ),
            }
        }
        let themes = list(Field::Themes);
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
        out.push(Recommendation {
            id,
            text,
            recommending_state: state,
            cycle: text_of(Field::Cycle),
            session: text_of(Field::Session),
            paragraph,
            response,
            theme_slugs: themes.iter().map(|t| theme_slug(t)).collect(),
            themes,
            affected_persons: list(Field::AffectedPersons),
            sdg_targets,
            action_category,
            status,
            assessment: text_of(Field::Assessment),
            source: text_of(Field::Source),
            translations,
            line: row.line,
        });
    }
    if problems.is_empty() {
        Ok(Data {
            source: source.to_path_buf(),
            rows: out,
            ignored_columns: ignored,
            numbered_rows,
            warnings: Vec::new(),
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

/// A list cell: a YAML list, or text separated by `;`, `|` or line breaks.
fn list_of(cell: &Cell) -> Vec<String> {
    match &cell.list {
        Some(items) => items.iter().filter(|i| !i.is_empty()).cloned().collect(),
        None => cell.text.split([';', '|', '\n']).map(str::trim).filter(|i| !i.is_empty()).map(String::from).collect(),
    }
}

/// `recommendations.fr.csv`: the text (and assessment) in `lang` of the
/// recommendations with the same ids. Where an id has two rows, the later
/// is used; where `text_fr` columns give one too, the file's is used where
/// it has one; columns not read are warned about.
fn translations(path: &Path, table: &Table, lang: &str, data: &mut Data) -> Result<(), Vec<Diagnostic>> {
    let column = |name: &str| {
        table.headers.iter().position(|h| normalise(h) == name || field_of(h).is_some_and(|f| field_name(f) == name))
    };
    let (Some(id), Some(text)) = (column("id"), column("text")) else {
        return Err(vec![Diagnostic::new(
            Location::at(path, 1, None),
            "a translation file needs the columns `id` and `text`",
        )
        .with_help(format!(
            "its columns are {} (and the ids are those of the source file)",
            TRANSLATION_COLUMNS.join(", ")
        ))]);
    };
    let assessment = column("assessment");
    let read = [Some(id), Some(text), assessment];
    for (index, name) in table.headers.iter().enumerate() {
        if name.is_empty() || read.contains(&Some(index)) {
            continue;
        }
        let hint = did_you_mean(&normalise(name), TRANSLATION_COLUMNS.iter().copied());
        data.warnings.push(
            Diagnostic::new(
                Location::at(path, 1, table.header_columns[index]),
                format!("the column `{name}` is not read"),
            )
            .with_help(format!(
                "{}a translation file has the columns {}, each once",
                hint.map(|g| format!("{g} ")).unwrap_or_default(),
                TRANSLATION_COLUMNS.join(", ")
            )),
        );
    }
    let rows = &mut data.rows;
    let index: BTreeMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut problems = Vec::new();
    // Row of the source → the file's text and assessment for it, and the line.
    let mut chosen: BTreeMap<usize, (String, String, usize)> = BTreeMap::new();
    for row in &table.rows {
        let row_id = &row.cells[id].text;
        match index.get(row_id.as_str()) {
            Some(&i) => {
                let assessment = assessment.map(|a| row.cells[a].text.clone()).unwrap_or_default();
                let line = row.cells[id].line;
                if let Some((_, _, first)) = chosen.insert(i, (row.cells[text].text.clone(), assessment, line)) {
                    data.warnings.push(
                        Diagnostic::new(
                            row.cells[id].location(path),
                            format!("the id `{row_id}` is translated on line {first} too: this later row is used"),
                        )
                        .with_help("keep one row per id"),
                    );
                }
            }
            None => {
                let hint = did_you_mean(row_id, index.keys().copied()).map(|g| format!("{g} ")).unwrap_or_default();
                problems.push(
                    Diagnostic::new(row.cells[id].location(path), format!("no recommendation has the id `{row_id}`"))
                        .with_help(format!("{hint}a translation row takes the id of a row of the source file")),
                );
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for (i, (text, assessment, _)) in chosen {
        let translated = rows[i].translations.entry(lang.to_string()).or_default();
        if !text.is_empty() {
            translated.0 = text;
        }
        if !assessment.is_empty() {
            translated.1 = assessment;
        }
    }
    Ok(())
}

/// A theme's address (and i18n key, `theme_<slug>`): "Women's rights" → `womens-rights`.
pub fn theme_slug(theme: &str) -> String {
    let mut slug = String::with_capacity(theme.len());
    let mut gap = false;
    for c in theme.chars() {
        if c == '\'' || c == '’' {
            continue;
        }
        if c.is_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("theme");
    }
    slug
}
