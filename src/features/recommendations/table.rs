//! Tables as read from a file (CSV with any usual separator, YAML or JSON),
//! each cell with the line and column it starts at; and the recommendations
//! written back as CSV, in the reader's language, for download.

use std::path::Path;

use super::csv_cells;
use super::data::Data;
use super::view::Labels;
use crate::engine::config::scalar_text;
use crate::engine::error::{Diagnostic, Location};
use crate::engine::yaml;

/// The recommendations as CSV in our column layout, the text in `lang`
/// where translated, with a byte order mark so that spreadsheets read
/// every script.
pub fn csv(data: &Data, lang: &str, labels: &Labels) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut writer = csv::Writer::from_writer(&mut out);
    let header = [
        "id",
        "text",
        "recommending_state",
        "cycle",
        "session",
        "paragraph",
        "response",
        "themes",
        "affected_persons",
        "sdg_targets",
        "action_category",
        "status",
        "assessment",
        "source",
        "responsible",
        "planned_action",
        "indicator",
        "target_date",
        "recommended_before",
    ];
    writer.write_record(header).expect("writing to memory");
    for rec in &data.rows {
        let category = rec.action_category.map(|c| c.to_string()).unwrap_or_default();
        let themes: Vec<String> = rec.themes.iter().map(|t| labels.theme(t)).collect();
        // The goals named without a target, then the targets.
        let goals_alone =
            rec.sdg_goals.iter().filter(|g| !rec.sdg_targets.iter().any(|t| t.starts_with(&format!("{g}."))));
        let sdgs: Vec<String> = goals_alone.map(u8::to_string).chain(rec.sdg_targets.iter().cloned()).collect();
        let cells = [
            rec.id.as_str(),
            rec.text_in(lang).0,
            &rec.recommending_states.join("; "),
            &rec.cycle,
            &rec.session,
            &rec.paragraph,
            &labels.response(rec.response),
            &themes.join("; "),
            &rec.affected_persons.join("; "),
            &sdgs.join("; "),
            &category,
            &labels.status(rec.status),
            rec.assessment_in(lang),
            &rec.source,
            &rec.responsible.join("; "),
            &rec.planned_action,
            &rec.indicator,
            rec.target_date.as_ref().map_or("", |d| d.written.as_str()),
            &rec.recommended_before.join("; "),
        ];
        let cells = cells.map(not_a_formula);
        writer.write_record(cells.iter().map(|cell| cell.as_bytes())).expect("writing to memory");
    }
    drop(writer);
    out
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-` or `@` first,
/// or a tab or carriage return) with a `'` before it, as OWASP's page on CSV
/// injection advises, so that it shows as text: an assessment from a
/// partner's file could be `=HYPERLINK(...)`. Every such cell, `-3` too: no
/// column holds a negative number. `recommendations.js` does the same.
pub(super) fn not_a_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// How to save a file spreadsheets can get wrong.
const SAVE_AS_UTF8: &str =
    "save it as \"CSV UTF-8\" (Excel: Save As, CSV UTF-8; LibreOffice: Character set Unicode (UTF-8))";

/// The file as text, and how it was decoded if it is not UTF-8. A file
/// whose lines end with a lone carriage return was saved by Excel for Mac
/// ("CSV (Macintosh)"), in Mac Roman: it is read as such. Otherwise a byte
/// that is not UTF-8, or a NUL (no text has one; a file saved as UTF-16 has
/// one beside every letter), is reported where it is.
pub(super) fn read_text(root: &Path, path: &Path) -> Result<(String, Option<&'static str>), Diagnostic> {
    let bytes = std::fs::read(root.join(path))
        .map_err(|error| Diagnostic::new(Location::file(path), format!("cannot read the file: {error}")))?;
    let (text, decoded) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) if mac_line_breaks(error.as_bytes()) && !error.as_bytes().contains(&0) => {
            let (text, _, _) = encoding_rs::MACINTOSH.decode(error.as_bytes());
            (text.into_owned(), Some("Mac Roman"))
        }
        Err(error) => {
            let at = crate::engine::error::utf8_location(path, &error);
            return Err(Diagnostic::new(at, "the file is not UTF-8 text").with_help(SAVE_AS_UTF8));
        }
    };
    if let Some(at) = crate::engine::error::nul_location(path, &text) {
        return Err(Diagnostic::new(at, "the file contains a NUL character")
            .with_help(format!("delete it; if every other character is one, the file is UTF-16: {SAVE_AS_UTF8}")));
    }
    Ok((crate::engine::config::strip_bom(&text).to_string(), decoded))
}

/// Lines ended by a carriage return alone, as old Macs wrote them.
fn mac_line_breaks(bytes: &[u8]) -> bool {
    bytes.contains(&b'\r') && !bytes.contains(&b'\n')
}

/// A table as read from any format: the column names, and each row's
/// cells with the line and column each starts at.
pub(super) struct Table {
    /// Where its rows are: lines of a text file, a sheet, a Word table.
    pub origin: Origin,
    /// The text above the table (a Word document's title), where its
    /// cycle or session may be said.
    pub title: String,
    pub headers: Vec<String>,
    /// Where each column name starts on the header line (CSV only).
    pub header_columns: Vec<Option<usize>>,
    pub rows: Vec<Row>,
}

/// Where a table's rows are, for messages.
pub(super) enum Origin {
    /// Lines and columns of a text file (CSV, YAML, JSON).
    Lines,
    /// A sheet of a workbook: rows and lettered columns, as it shows them.
    Sheet(String),
    /// The n-th table of a Word document (from 1).
    Word(usize),
}

impl Table {
    /// A place in the table: `line` is a text file's line, or the row's
    /// number in a sheet or a Word table; `column` counts from 1.
    pub fn at(&self, path: &Path, line: usize, column: Option<usize>) -> Location {
        let place = |what: String| {
            let column = column.map(|c| format!(", column {}", column_letters(c))).unwrap_or_default();
            Location::file(format!("{}, {what}, row {line}{column}", path.display()))
        };
        match &self.origin {
            Origin::Lines => Location::at(path, line, column),
            Origin::Sheet(name) => place(format!("sheet \"{name}\"")),
            Origin::Word(n) => place(format!("table {n}")),
        }
    }

    /// What a place's `line` counts: lines of a text, rows elsewhere.
    pub fn line_word(&self) -> &'static str {
        match self.origin {
            Origin::Lines => "line",
            _ => "row",
        }
    }

    pub fn cell_at(&self, path: &Path, cell: &Cell) -> Location {
        self.at(path, cell.line, cell.column)
    }
}

/// A spreadsheet's name of a column: 1 → A, 27 → AA.
fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        letters.push(b'A' + ((column - 1) % 26) as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

pub(super) struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

pub(super) struct Cell {
    pub text: String,
    /// A list as written in YAML or JSON (a CSV cell is split on `;`).
    pub list: Option<Vec<String>>,
    /// Where the cell starts: a CSV cell after one over several lines is
    /// on a later line than its row; YAML and JSON give the row's line.
    pub line: usize,
    pub column: Option<usize>,
    /// Written as a YAML or JSON number (`16.10` read as 16.1).
    pub number: bool,
}

/// The table of the file at `path` (under `root`), read as its extension
/// says; and, for a text file not in UTF-8, a warning of how it was read.
pub(super) fn read_table(root: &Path, path: &Path, ext: &str) -> Result<(Table, Option<Diagnostic>), Diagnostic> {
    match ext {
        "xlsx" | "xlsm" | "xls" | "ods" => return Ok((super::spreadsheet::read(root, path)?, None)),
        "docx" => return Ok((super::word::read(root, path)?, None)),
        _ => {}
    }
    let (text, decoded) = read_text(root, path)?;
    let warning = decoded.map(|encoding| {
        Diagnostic::new(
            Location::file(path),
            format!("the file is not UTF-8: it is read as {encoding}, as Excel for Mac saves a CSV"),
        )
        .with_help(format!("check its accented letters on the pages; to be sure of them, {SAVE_AS_UTF8}"))
    });
    Ok((parse_table(path, &text, ext)?, warning))
}

pub(super) fn parse_table(path: &Path, text: &str, ext: &str) -> Result<Table, Diagnostic> {
    match ext {
        "csv" => parse_csv(path, text),
        _ => parse_structured(path, text),
    }
}

/// The column separator: a comma, or the semicolon or tab spreadsheets in
/// some locales write, as the header line shows.
fn delimiter(text: &str) -> char {
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| header.chars().filter(|&x| x == c).count();
    if count(',') == 0 && count(';') > 0 {
        ';'
    } else if count(',') == 0 && count('\t') > 0 {
        '\t'
    } else {
        ','
    }
}

fn parse_csv(path: &Path, text: &str) -> Result<Table, Diagnostic> {
    let text = &one_kind_of_line_break(text);
    let separator = delimiter(text);
    let mut records = csv_cells::records(path, text, separator)?.into_iter();
    let header = records.next().map(|record| record.cells).unwrap_or_default();
    let headers: Vec<String> = header.iter().map(|cell| cell.text.trim().to_string()).collect();
    let header_columns = header.iter().map(|cell| Some(cell.column)).collect();
    let mut rows = Vec::new();
    for record in records {
        if record.cells.iter().all(|cell| cell.text.trim().is_empty()) {
            continue;
        }
        let count = record.cells.len();
        if count != headers.len() {
            let (line, column) = match record.cells.get(headers.len().min(count)) {
                Some(extra) => (extra.line, Some(extra.column)),
                None => (record.line, None),
            };
            let mut help = if count > headers.len() {
                match separator {
                    ',' => "a cell with a comma in it must be between double quotes".to_string(),
                    '\t' => "a cell with a tab in it must be between double quotes".to_string(),
                    other => format!("a cell with a `{other}` in it must be between double quotes"),
                }
            } else {
                "every row needs a cell for each column, even an empty one".to_string()
            };
            if record.last_line > record.line {
                help.push_str(&format!(
                    "; this row runs on to line {} in a quoted cell: if a quote is left open, close it",
                    record.last_line
                ));
            }
            return Err(Diagnostic::new(
                Location::at(path, line, column),
                format!("this row has {count} cells, the header line {}", headers.len()),
            )
            .with_help(help));
        }
        let cells = record
            .cells
            .into_iter()
            .map(|cell| Cell {
                text: cell.text.trim().to_string(),
                list: None,
                line: cell.line,
                column: Some(cell.column),
                number: false,
            })
            .collect();
        rows.push(Row { line: record.line, cells });
    }
    Ok(Table { origin: Origin::Lines, title: String::new(), headers, header_columns, rows })
}

/// The text with every line ending `\n`: Excel writes `\r\n`, Excel for Mac
/// a lone `\r`, and each must count as one line, as an editor counts them
/// ([`crate::engine::error::text_position`] counts them so too).
fn one_kind_of_line_break(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// YAML or JSON (JSON is YAML): a list of mappings; the line of each
/// value is found in the text, for messages.
fn parse_structured(path: &Path, text: &str) -> Result<Table, Diagnostic> {
    let rows: Vec<indexmap::IndexMap<String, yaml::Value>> =
        yaml::parse::<Option<_>>(path, 1, text, &[])?.unwrap_or_default();
    let mut headers: Vec<String> = Vec::new();
    for row in &rows {
        for key in row.keys() {
            if !headers.contains(key) {
                headers.push(key.clone());
            }
        }
    }
    let mut search_from = 0;
    let mut table_rows = Vec::new();
    for row in rows {
        let first = row.values().next().map(scalar_text).unwrap_or_default();
        let (line, at) = line_of(text, &first, search_from);
        search_from = at;
        let cells = headers
            .iter()
            .map(|header| match row.get(header) {
                Some(yaml::Value::Sequence(items)) => Cell {
                    text: String::new(),
                    list: Some(items.iter().map(scalar_text).collect()),
                    line,
                    column: None,
                    number: items.iter().any(yaml::Value::is_number),
                },
                Some(value) => {
                    Cell { text: scalar_text(value), list: None, line, column: None, number: value.is_number() }
                }
                None => Cell { text: String::new(), list: None, line, column: None, number: false },
            })
            .collect();
        table_rows.push(Row { line, cells });
    }
    Ok(Table {
        origin: Origin::Lines,
        title: String::new(),
        header_columns: vec![None; headers.len()],
        headers,
        rows: table_rows,
    })
}

/// The line of the first mention of `needle` at or after byte `from`.
fn line_of(text: &str, needle: &str, from: usize) -> (usize, usize) {
    let at = if needle.is_empty() { None } else { text[from..].find(needle).map(|i| i + from) };
    let at = at.unwrap_or(from);
    (text[..at].matches('\n').count() + 1, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_cells_a_spreadsheet_would_run_get_a_quote() {
        for cell in ["=1+2", "+1", "-3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(not_a_formula(cell), format!("'{cell}"));
        }
        for cell in ["121.1", "SOL-4-12", "a=b", ""] {
            assert_eq!(not_a_formula(cell), cell);
        }
    }

    #[test]
    fn columns_are_lettered_as_in_a_spreadsheet() {
        assert_eq!(["A", "Z", "AA", "AZ", "BA"], [1, 26, 27, 52, 53].map(column_letters));
    }
}
