//! OHCHR's "Thematic list of recommendations" as published, a Word
//! document (`.docx`: a zip of XML): the table whose heading row names the
//! recommendations' text, a cell's paragraphs as lines, a cell spread over
//! several columns (a "Theme:" row) followed by empty ones, and the text
//! above the table (its title, which may say the cycle and session).

use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::columns::{field_of, Field};
use super::table::{Cell, Origin, Row, Table};
use crate::engine::error::{Diagnostic, Location};

/// The rows at the top of a table among which its heading row is looked for.
const HEADING_WITHIN: usize = 3;

pub(super) fn read(root: &Path, path: &Path) -> Result<Table, Diagnostic> {
    let not_word = |what: String| {
        Diagnostic::new(Location::file(path), format!("cannot read the Word document: {what}"))
            .with_help("open it in Word or LibreOffice and save it again as a Word document (.docx)")
    };
    let file = std::fs::File::open(root.join(path)).map_err(|error| not_word(error.to_string()))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|error| not_word(error.to_string()))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|error| not_word(error.to_string()))?
        .read_to_string(&mut xml)
        .map_err(|error| not_word(error.to_string()))?;
    let document = parse(&xml).map_err(not_word)?;
    let found = document.tables.iter().enumerate().find_map(|(n, table)| {
        let heading =
            table.iter().take(HEADING_WITHIN).position(|row| row.iter().any(|c| field_of(c) == Some(Field::Text)))?;
        Some((n, heading, table))
    });
    let Some((n, heading, table)) = found else {
        return Err(Diagnostic::new(Location::file(path), "no table of the document has a column of the recommendations' text")
            .with_help(format!(
                "the heading of that column is `Recommendation` (or `Recommendation and recommending State`); the document has {} tables",
                document.tables.len()
            )));
    };
    let headers: Vec<String> = table[heading].iter().map(|h| h.trim().to_string()).collect();
    let rows = table
        .iter()
        .enumerate()
        .skip(heading + 1)
        .filter(|(_, row)| row.iter().any(|c| !c.trim().is_empty()))
        .map(|(index, row)| {
            let line = index + 1;
            let cells = (0..headers.len())
                .map(|column| Cell {
                    text: row.get(column).map(|c| c.trim().to_string()).unwrap_or_default(),
                    list: None,
                    line,
                    column: Some(column + 1),
                    number: false,
                })
                .collect();
            Row { line, cells }
        })
        .collect();
    Ok(Table {
        origin: Origin::Word(n + 1),
        title: document.before[n].clone(),
        header_columns: (1..=headers.len()).map(Some).collect(),
        headers,
        rows,
    })
}

/// The tables of a document (rows of cells' text), and the text before each.
#[derive(Debug, Default)]
struct Document {
    tables: Vec<Vec<Vec<String>>>,
    before: Vec<String>,
}

fn parse(xml: &str) -> Result<Document, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut document = Document::default();
    let mut outside = String::new();
    // Nesting of tables: a table inside a cell gives its text to the cell.
    let mut depth = 0usize;
    let (mut rows, mut row, mut cell): (Vec<Vec<String>>, Vec<String>, String) = Default::default();
    let mut span = 1usize;
    loop {
        let event = reader.read_event().map_err(|error| format!("{error} (at byte {})", reader.buffer_position()))?;
        let text = if depth > 0 { &mut cell } else { &mut outside };
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tbl" => depth += 1,
                b"tr" if depth == 1 => row.clear(),
                b"tc" if depth == 1 => {
                    cell.clear();
                    span = 1;
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"br" | b"cr" => text.push('\n'),
                b"tab" => text.push(' '),
                b"gridSpan" if depth == 1 => span = grid_span(&e).unwrap_or(1),
                _ => {}
            },
            Event::Text(t) => text.push_str(&t.decode().map_err(|error| error.to_string())?),
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|error| error.to_string())?;
                let c = match r.resolve_char_ref().map_err(|error| error.to_string())? {
                    Some(c) => Some(c),
                    None => match name.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                text.extend(c);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"p" => text.push('\n'),
                b"tc" if depth == 1 => {
                    row.push(std::mem::take(&mut cell).trim().to_string());
                    row.extend(std::iter::repeat_n(String::new(), span.saturating_sub(1)));
                }
                b"tr" if depth == 1 => rows.push(std::mem::take(&mut row)),
                b"tbl" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        document.tables.push(std::mem::take(&mut rows));
                        document.before.push(std::mem::take(&mut outside).trim().to_string());
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(document)
}

fn grid_span(e: &BytesStart) -> Option<usize> {
    let value = e.try_get_attribute("w:val").ok()??;
    std::str::from_utf8(&value.value).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_paragraphs_spans_and_title() {
        let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Norvania (4th cycle)</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Recommendation</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Position</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Theme: A1 Rights &amp; duties</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>1.1 Adopt it (Westvale);</w:t></w:r></w:p><w:p><w:r><w:t>Source of position: A/HRC/1/1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Noted</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl></w:body></w:document>"#;
        let document = parse(xml).unwrap();
        assert_eq!(document.before, ["Norvania (4th cycle)"]);
        let table = &document.tables[0];
        assert_eq!(table[1], ["Theme: A1 Rights & duties", ""]);
        assert_eq!(table[2], ["1.1 Adopt it (Westvale);\nSource of position: A/HRC/1/1", "Noted"]);
    }
}
