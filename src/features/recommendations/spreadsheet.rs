//! Workbooks as exported or saved by practitioners (`.xlsx`, `.xls`,
//! `.ods`, read by calamine): the sheet whose heading row names the
//! recommendations' text, each cell with its row and column as the
//! spreadsheet shows them (row 3, column B).

use std::path::Path;

use std::collections::HashMap;

use calamine::{open_workbook_auto, Data, Dimensions, Reader, Sheets};

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
        let mut rows: Vec<Vec<&Data>> = range.rows().map(|row| row.iter().collect()).collect();
        let merged: Vec<Dimensions> = match &mut book {
            Sheets::Xlsx(xlsx) => xlsx.worksheet_merge_cells(&name).and_then(Result::ok).unwrap_or_default(),
            Sheets::Xls(xls) => xls.worksheet_merge_cells(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        fill_merged_down(&mut rows, &merged, (first_row, first_column));
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

/// Cells merged down a column (a theme written once beside the rows it
/// covers) hold, in every row, the value the spreadsheet shows across them:
/// the workbook keeps it in the first cell only, and the rows below read
/// empty. Cells merged across a row are left as they are: each column is
/// its own field. `start` is where `rows` start in the sheet.
fn fill_merged_down<'d>(rows: &mut [Vec<&'d Data>], merged: &[Dimensions], start: (usize, usize)) {
    let mut fills: HashMap<(usize, usize), &'d Data> = HashMap::new();
    for region in merged.iter().filter(|region| region.end.0 > region.start.0) {
        for column in region.start.1..=region.end.1 {
            let at = |row: u32| Some(((row as usize).checked_sub(start.0)?, (column as usize).checked_sub(start.1)?));
            let Some(value) = at(region.start.0).and_then(|(r, c)| rows.get(r)?.get(c).copied()) else { continue };
            for row in region.start.0 + 1..=region.end.0 {
                if let Some(place) = at(row) {
                    fills.insert(place, value);
                }
            }
        }
    }
    for ((row, column), value) in fills {
        if let Some(cell) = rows.get_mut(row).and_then(|cells| cells.get_mut(column)) {
            if matches!(cell, Data::Empty) {
                *cell = value;
            }
        }
    }
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

    #[test]
    fn cells_merged_down_a_column_hold_their_value_in_every_row() {
        let (torture, a, b, c, empty) = (
            Data::String("Torture".into()),
            Data::String("a".into()),
            Data::String("b".into()),
            Data::String("c".into()),
            Data::Empty,
        );
        // The rows are the sheet's 4 to 6, columns B and C (0-based 3..=5,
        // 1..=2): C4:C6 merged down, then B5:C5 merged across.
        let mut rows = vec![vec![&a, &torture], vec![&b, &empty], vec![&c, &empty]];
        let merged = [Dimensions { start: (3, 2), end: (5, 2) }, Dimensions { start: (4, 1), end: (4, 2) }];
        fill_merged_down(&mut rows, &merged, (3, 1));
        let texts: Vec<Vec<String>> = rows.iter().map(|row| row.iter().map(|d| d.to_string()).collect()).collect();
        assert_eq!(texts, [["a", "Torture"], ["b", "Torture"], ["c", "Torture"]]);
    }
}
