//! Tables as read from a file (CSV with any usual separator, YAML or JSON),
//! each cell with the line and column it starts at; and the recommendations
//! written back as CSV, in the reader's language, for download.

use std::path::Path;

use super::data::Data;
use super::view::Labels;
use crate::engine::config::scalar_text;
use crate::engine::error::{Diagnostic, Location};

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
    ];
    writer.write_record(header).expect("writing to memory");
    for rec in &data.rows {
        let category = rec.action_category.map(|c| c.to_string()).unwrap_or_default();
        let themes: Vec<String> = rec.themes.iter().map(|t| labels.theme(t)).collect();
        writer
            .write_record([
                rec.id.as_str(),
                rec.text_in(lang).0,
                &rec.recommending_state,
                &rec.cycle,
                &rec.session,
                &rec.paragraph,
                &labels.response(rec.response),
                &themes.join("; "),
                &rec.affected_persons.join("; "),
                &rec.sdg_targets.join("; "),
                &category,
                &labels.status(rec.status),
                rec.assessment_in(lang),
                &rec.source,
            ])
            .expect("writing to memory");
    }
    drop(writer);
    out
}

/// How to save a file spreadsheets can get wrong.
const SAVE_AS_UTF8: &str =
    "save it as \"CSV UTF-8\" (Excel: Save As, CSV UTF-8; LibreOffice: Character set Unicode (UTF-8))";

/// The file as text; a byte that is not UTF-8, or a NUL (no text has one;
/// a file saved as UTF-16 has one beside every letter), is reported where
/// it is.
pub(super) fn read_utf8(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(path))
        .map_err(|error| Diagnostic::new(Location::file(path), format!("cannot read the file: {error}")))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let at = crate::engine::error::utf8_location(path, &error);
        Diagnostic::new(at, "the file is not UTF-8 text").with_help(SAVE_AS_UTF8)
    })?;
    if let Some(at) = text.find('\0') {
        let (line, column) = crate::engine::error::text_position(&text, at);
        return Err(Diagnostic::new(Location::at(path, line, Some(column)), "the file contains a NUL character")
            .with_help(format!("delete it; if every other character is one, the file is UTF-16: {SAVE_AS_UTF8}")));
    }
    Ok(crate::engine::config::strip_bom(&text).to_string())
}

/// A table as read from any format: the column names, and each row's
/// cells with the line and column each starts at.
pub(super) struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

pub(super) struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

pub(super) struct Cell {
    pub text: String,
    /// A list as written in YAML or JSON (a CSV cell is split on `;`).
    pub list: Option<Vec<String>>,
    pub column: Option<usize>,
    /// Written as a YAML or JSON number (`16.10` read as 16.1).
    pub number: bool,
}

pub(super) fn parse_table(path: &Path, text: &str, ext: &str) -> Result<Table, Diagnostic> {
    match ext {
        "csv" => parse_csv(path, text),
        _ => parse_structured(path, text),
    }
}

/// The column separator: a comma, or the semicolon or tab spreadsheets in
/// some locales write, as the header line shows.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| header.chars().filter(|&x| x == c).count();
    if count(',') == 0 && count(';') > 0 {
        b';'
    } else if count(',') == 0 && count('\t') > 0 {
        b'\t'
    } else {
        b','
    }
}

fn parse_csv(path: &Path, text: &str) -> Result<Table, Diagnostic> {
    let text = &one_kind_of_line_break(text);
    let delimiter = delimiter(text);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|error| Diagnostic::new(Location::at(path, 1, None), format!("cannot read the header line: {error}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let line = error.position().map_or(1, |p| p.line() as usize);
                return Err(Diagnostic::new(Location::at(path, line, None), format!("cannot read this row: {error}"))
                    .with_help("a cell with a comma, a quote or a line break must be between double quotes, with quotes inside doubled (\"\")"));
            }
        }
        let position = record.position().expect("a record read from a reader has a position");
        let line = position.line() as usize;
        let starts = cell_columns(text, position.byte() as usize, delimiter);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            let column = starts.get(headers.len().min(record.len())).copied();
            return Err(Diagnostic::new(
                Location::at(path, line, column),
                format!("this row has {} cells, the header line {}", record.len(), headers.len()),
            )
            .with_help(if record.len() > headers.len() {
                "a cell with a comma in it must be between double quotes"
            } else {
                "every row needs a cell for each column, even an empty one"
            }));
        }
        let cells = record
            .iter()
            .enumerate()
            .map(|(i, text)| Cell {
                text: text.trim().to_string(),
                list: None,
                column: starts.get(i).copied(),
                number: false,
            })
            .collect();
        rows.push(Row { line, cells });
    }
    Ok(Table { headers, rows })
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

/// The 1-based column (in characters) at which each cell of the record at
/// byte `start` begins.
fn cell_columns(text: &str, start: usize, delimiter: u8) -> Vec<usize> {
    let line_start = text[..start.min(text.len())].rfind('\n').map_or(0, |at| at + 1);
    let mut column = text[line_start..start.min(text.len())].chars().count() + 1;
    let mut starts = vec![column];
    let mut quoted = false;
    for c in text[start.min(text.len())..].chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            '\n' => column = 0,
            c if c as u32 == delimiter as u32 && !quoted => starts.push(column + 1),
            _ => {}
        }
        column += 1;
    }
    starts
}

/// YAML or JSON (JSON is YAML): a list of mappings; the line of each
/// value is found in the text, for messages.
fn parse_structured(path: &Path, text: &str) -> Result<Table, Diagnostic> {
    let rows: Vec<indexmap::IndexMap<String, serde_yaml::Value>> = match serde_yaml::from_str(text) {
        Ok(Some(rows)) => rows,
        Ok(None) => Vec::new(),
        Err(error) => return Err(crate::engine::error::yaml_diagnostic(path, 1, &error, &[], text)),
    };
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
                Some(serde_yaml::Value::Sequence(items)) => Cell {
                    text: String::new(),
                    list: Some(items.iter().map(scalar_text).collect()),
                    column: None,
                    number: items.iter().any(serde_yaml::Value::is_number),
                },
                Some(value) => Cell { text: scalar_text(value), list: None, column: None, number: value.is_number() },
                None => Cell { text: String::new(), list: None, column: None, number: false },
            })
            .collect();
        table_rows.push(Row { line, cells });
    }
    Ok(Table { headers, rows: table_rows })
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
    fn cell_columns_follow_quotes() {
        let text = "a,b,c\nx,\"y, z\",w\n";
        assert_eq!(cell_columns(text, 6, b','), vec![1, 3, 10]);
    }
}
