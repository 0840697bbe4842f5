//! Workbooks as exported or saved by practitioners (`.xlsx`, `.xls`,
//! `.ods`, read by calamine): the sheet whose heading row names the
//! recommendations' text, each cell with its row and column as the
//! spreadsheet shows them (row 3, column B).

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use super::columns::{field_of, Field};
use super::table::{Cell, Origin, Row, Table};
use crate::engine::error::{Diagnostic, Location};

/// A cell as text: a date as `2027-06-30` (a workbook keeps the number of
/// days since 1899, which Display would print), any other value as shown.
fn cell_text(data: &Data) -> String {
    match data {
        Data::DateTime(date) if date.is_datetime() => {
            // Excel's day 0 is 1899-12-30, Julian day 2,415,019.
            let day = 2_415_019 + date.as_f64().floor() as i32;
            time::Date::from_julian_day(day).map_or_else(|_| data.to_string(), |date| date.to_string())
        }
        Data::DateTimeIso(iso) => iso.split('T').next().unwrap_or(iso).to_string(),
        _ => data.to_string().replace("\r\n", "\n").trim().to_string(),
    }
}

/// The rows above a table's heading row that may hold a title.
const HEADING_WITHIN: usize = 10;

/// The table of the first sheet with a heading of the text's column, the
/// rows above that heading (a title) left out.
pub(super) fn read(root: &Path, path: &Path) -> Result<Table, Diagnostic> {
    let mut book = open_workbook_auto(root.join(path)).map_err(|error| {
        Diagnostic::new(Location::file(path), format!("cannot read the workbook: {error}")).with_help(
            "open it in a spreadsheet and save it again as .xlsx (or as CSV UTF-8, named recommendations.csv)",
        )
    })?;
    let mut seen = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|error| {
            Diagnostic::new(Location::file(path), format!("cannot read the sheet \"{name}\": {error}"))
                .with_help("open the workbook in a spreadsheet and save it again as .xlsx")
        })?;
        let (first_row, first_column) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let rows: Vec<Vec<&Data>> = range.rows().map(|row| row.iter().collect()).collect();
        let heading = rows.iter().take(HEADING_WITHIN).position(|row| {
            row.iter().any(|cell| matches!(cell, Data::String(text) if field_of(text) == Some(Field::Text)))
        });
        let Some(heading) = heading else {
            let first = rows.iter().find(|row| row.iter().any(|c| !matches!(c, Data::Empty)));
            let names: Vec<String> =
                first.into_iter().flatten().map(|c| c.to_string()).filter(|t| !t.is_empty()).collect();
            seen.push(format!("\"{name}\" ({})", if names.is_empty() { "empty".into() } else { names.join(", ") }));
            continue;
        };
        let headers: Vec<String> = rows[heading].iter().map(|cell| cell.to_string().trim().to_string()).collect();
        let mut table_rows = Vec::new();
        for (index, row) in rows.iter().enumerate().skip(heading + 1) {
            if row.iter().all(|cell| cell.to_string().trim().is_empty()) {
                continue;
            }
            let line = first_row + index + 1;
            let cells = (0..headers.len())
                .map(|column| {
                    let data = row.get(column).copied().unwrap_or(&Data::Empty);
                    Cell {
                        text: cell_text(data),
                        list: None,
                        line,
                        column: Some(first_column + column + 1),
                        // A number with decimals: an SDG target 16.10 typed
                        // into a cell not formatted as text reads 16.1.
                        number: matches!(data, Data::Float(f) if f.fract() != 0.0),
                    }
                })
                .collect();
            table_rows.push(Row { line, cells });
        }
        return Ok(Table {
            origin: Origin::Sheet(name),
            title: String::new(),
            header_columns: (0..headers.len()).map(|c| Some(first_column + c + 1)).collect(),
            headers,
            rows: table_rows,
        });
    }
    Err(Diagnostic::new(Location::file(path), "no sheet has a column of the recommendations' text").with_help(format!(
        "head that column `text` or `Recommendation`, in one of the first {HEADING_WITHIN} rows; the sheets' first rows are: {}",
        seen.join("; ")
    )))
}

#[cfg(test)]
mod tests {
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    use super::*;

    #[test]
    fn a_date_cell_reads_as_the_date_it_shows() {
        // 46568 is the day Excel shows as 30/06/2027.
        let date = Data::DateTime(ExcelDateTime::new(46568.0, ExcelDateTimeType::DateTime, false));
        assert_eq!(cell_text(&date), "2027-06-30");
        assert_eq!(cell_text(&Data::DateTimeIso("2027-06-30T00:00:00".into())), "2027-06-30");
        assert_eq!(cell_text(&Data::String(" Ministry of Justice\r\n".into())), "Ministry of Justice");
    }
}
