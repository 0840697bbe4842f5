//! Reading `data/recommendations.csv` (or `.yaml`, `.json`, a workbook,
//! OHCHR's Word document): one row per
//! recommendation, with the columns of OHCHR's matrices, the Universal
//! Human Rights Index and UPR Info's database recognised as well as ours,
//! and the translations of the text in `recommendations.LANG.csv` or in
//! `text_LANG` columns. Every problem names the file, line and column.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::engine::config::Config;

use super::columns::{field_name, field_of, translation_column, TRANSLATION_COLUMNS};
pub use super::dates::TargetDate;
use super::read::rows;
use super::table::{read_table, Table};
use super::themes::{self, ThemeMap};
use super::values::normalise;
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
    /// The recommending States, joined with commas: as shown.
    pub recommending_state: String,
    /// Each of them: a joint recommendation is found under each.
    pub recommending_states: Vec<String>,
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
    /// The SDG goals, named alone or by a target, in number order.
    pub sdg_goals: Vec<u8>,
    pub action_category: Option<u8>,
    pub status: Status,
    pub assessment: String,
    pub source: String,
    /// The plan: the institutions responsible, each once.
    pub responsible: Vec<String>,
    pub planned_action: String,
    pub indicator: String,
    /// By when, as written (`2027-06`) and the day it falls due.
    #[serde(skip)]
    pub target_date: Option<TargetDate>,
    /// The earlier recommendations this one repeats, as written: ids of
    /// this data (linked) or references to others (shown as written).
    pub recommended_before: Vec<String>,
    /// The rows of this data it repeats, and those that repeat it.
    #[serde(skip)]
    pub earlier: Vec<usize>,
    #[serde(skip)]
    pub later: Vec<usize>,
    /// What it repeats that names no row of this data, as written.
    #[serde(skip)]
    pub before_elsewhere: Vec<String>,
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
    /// The files read: the data's, and its translations'.
    pub files_read: Vec<PathBuf>,
    /// What `check` says of what was read (a column whose lists are
    /// ambiguous, several States under review), one line each.
    pub lints: Vec<String>,
    /// What the author should know that does not stop a build: a
    /// translation given twice, a column of a translation file not read.
    pub warnings: Vec<Diagnostic>,
    /// `data/themes.yaml`: themes merged across cycles, and their names.
    pub theme_map: ThemeMap,
    /// Whether a recommendation has a status or an assessment ([`has_status`]),
    /// worked out once: every page of every language asks.
    pub has_status: bool,
}

/// The kinds of files read, by extension: text tables, workbooks, and
/// OHCHR's Word documents.
pub const READ_EXTENSIONS: [&str; 9] = ["csv", "yaml", "yml", "json", "xlsx", "xlsm", "xls", "ods", "docx"];

/// The data file of the toolkit at `config.root`, if there is one.
fn find(config: &Config, lang: Option<&str>) -> Result<Option<(PathBuf, &'static str)>, Diagnostic> {
    let stem = match lang {
        Some(lang) => format!("{STEM}.{lang}"),
        None => STEM.to_string(),
    };
    let found: Vec<(PathBuf, &'static str)> = READ_EXTENSIONS
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
    let (table, decoded) = read_table(&config.root, &source, ext).map_err(|d| vec![d])?;
    let langs: Vec<&str> = config.languages.iter().skip(1).map(|l| l.code.as_str()).collect();
    let mut data = rows(&source, &table, &langs)?;
    data.files_read.push(source.clone());
    data.warnings.extend(decoded);
    let map = themes::load(config, &mut data.warnings).map_err(|d| vec![d])?;
    map.apply(&mut data.rows);
    data.files_read.extend(map.source.clone());
    data.theme_map = map;
    let mut problems = Vec::new();
    for lang in &langs {
        match find(config, Some(lang)) {
            Err(diagnostic) => problems.push(diagnostic),
            Ok(None) => {}
            Ok(Some((path, ext))) => {
                data.files_read.push(path.clone());
                let result = read_table(&config.root, &path, ext).map_err(|d| vec![d]).and_then(|(table, decoded)| {
                    data.warnings.extend(decoded);
                    translations(&path, &table, lang, &mut data)
                });
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
        data.has_status = has_status(&data);
        Ok(Some(data))
    } else {
        Err(problems)
    }
}

/// Whether the status column says anything: a recommendation with a status
/// other than unknown, or an assessment in the data. Without one, the
/// column would read "Unknown" on every row.
fn has_status(data: &Data) -> bool {
    data.rows.iter().any(|rec| {
        rec.status != Status::Unknown
            || !rec.assessment.is_empty()
            || rec.translations.values().any(|(_, assessment)| !assessment.is_empty())
    })
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
    // Not one id of the file is the data's: translations of other data
    // (the sample's, left after its data was replaced): one warning, not
    // an error per row.
    if !table.rows.is_empty() && table.rows.iter().all(|row| !index.contains_key(row.cells[id].text.as_str())) {
        data.warnings.push(
            Diagnostic::new(
                Location::file(path),
                format!(
                    "these translations belong to other data: none of their {} ids is one of {}",
                    table.rows.len(),
                    data.source.display()
                ),
            )
            .with_help("delete the file, or translate the recommendations of the new data in it (by their ids)"),
        );
        return Ok(());
    }
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
                            table.cell_at(path, &row.cells[id]),
                            format!("the id `{row_id}` is translated on line {first} too: this later row is used"),
                        )
                        .with_help("keep one row per id"),
                    );
                }
            }
            None => {
                let hint = did_you_mean(row_id, index.keys().copied()).map(|g| format!("{g} ")).unwrap_or_default();
                problems.push(
                    Diagnostic::new(
                        table.cell_at(path, &row.cells[id]),
                        format!("no recommendation has the id `{row_id}`"),
                    )
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
