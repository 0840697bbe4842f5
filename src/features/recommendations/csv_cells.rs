//! CSV text read into records of cells, each cell with the line and column
//! it starts at. Quotes are read strictly: a quote left open takes the rows
//! after it into its cell (one recommendation's text under another's State
//! and paragraph), so each sign of one is an error where the quote opens.

use std::path::Path;

use crate::engine::error::{Diagnostic, Location};

/// A record of the file: the lines it spans and its cells.
#[derive(Debug)]
pub(super) struct Record {
    pub line: usize,
    /// More than `line` when a quoted cell holds line breaks.
    pub last_line: usize,
    pub cells: Vec<CsvCell>,
}

/// A cell's text, its quotes taken off and doubled ones made single, and
/// the line and 1-based column (in characters) it starts at: after a cell
/// over several lines, a line after the record's first.
#[derive(Debug)]
pub(super) struct CsvCell {
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// The records of `text`, whose lines all end with `\n`; empty lines are
/// left out. A quoted cell must end at its closing quote (spaces may
/// follow), and may not take in lines that read as rows of their own.
pub(super) fn records(path: &Path, text: &str, delimiter: char) -> Result<Vec<Record>, Diagnostic> {
    let mut reader = Reader { path, text, delimiter, place: Place { at: 0, line: 1, column: 1 } };
    let mut records = Vec::new();
    // The header's number of cells, to tell a line that reads as a row.
    let mut width = None;
    while let Some(c) = reader.peek() {
        if c == '\n' {
            reader.next();
            continue;
        }
        let line = reader.place.line;
        let mut cells: Vec<CsvCell> = Vec::new();
        loop {
            let cell = reader.cell(width, cells.first().map(|first| first.text.as_str()))?;
            cells.push(cell);
            // The delimiter goes on to the next cell; a line break or the end ends the record.
            if reader.next() != Some(delimiter) {
                break;
            }
        }
        width.get_or_insert(cells.len());
        let last_line = if reader.place.column == 1 { reader.place.line - 1 } else { reader.place.line };
        records.push(Record { line, last_line: last_line.max(line), cells });
    }
    Ok(records)
}

/// A place in the text: its byte, and its line and column as an editor shows them.
#[derive(Clone, Copy)]
struct Place {
    at: usize,
    line: usize,
    column: usize,
}

struct Reader<'t> {
    path: &'t Path,
    text: &'t str,
    delimiter: char,
    place: Place,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.place.at..].chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.place.at += c.len_utf8();
        if c == '\n' {
            self.place.line += 1;
            self.place.column = 1;
        } else {
            self.place.column += 1;
        }
        Some(c)
    }

    fn ends_cell(&self, c: Option<char>) -> bool {
        c.is_none_or(|c| c == '\n' || c == self.delimiter)
    }

    /// One cell, up to (not taking) the delimiter or line break after it.
    /// `width` is the header's number of cells and `first` the record's
    /// first cell, once known.
    fn cell(&mut self, width: Option<usize>, first: Option<&str>) -> Result<CsvCell, Diagnostic> {
        let start = self.place;
        let mut text = String::new();
        if self.peek() != Some('"') {
            // Unquoted: a quote inside is an ordinary character.
            while !self.ends_cell(self.peek()) {
                text.extend(self.next());
            }
            return Ok(CsvCell { text, line: start.line, column: start.column });
        }
        self.next();
        loop {
            match self.next() {
                None => return Err(self.never_closed(start)),
                Some('"') if self.peek() == Some('"') => {
                    self.next();
                    text.push('"');
                }
                Some('"') => break,
                Some(c) => text.push(c),
            }
        }
        let closing = Place { at: self.place.at - 1, column: self.place.column - 1, ..self.place };
        while matches!(self.peek(), Some(' ' | '\t')) && !self.ends_cell(self.peek()) {
            self.next();
        }
        if !self.ends_cell(self.peek()) {
            return Err(if closing.line == start.line {
                self.text_after(start, closing)
            } else {
                self.not_closed(start, format!("it takes in the rows up to line {}", closing.line))
            });
        }
        if let (true, Some(width), Some(first)) = (closing.line > start.line, width, first) {
            if let Some(line) = self.row_inside(start, width, first) {
                return Err(self.not_closed(start, format!("it takes in line {line}, which reads as a row of its own")));
            }
        }
        Ok(CsvCell { text, line: start.line, column: start.column })
    }

    /// The first line the quoted cell opened at `start` (and closed on the
    /// current line) takes in that reads as a row of its own: as many
    /// delimiters as the header line, and a first cell shaped like the
    /// record's own first cell, an id (`139.12`, `SOL-4-12`). A cell's
    /// own paragraphs rarely have both.
    fn row_inside(&self, start: Place, width: usize, first: &str) -> Option<usize> {
        let shape = id_shape(first)?;
        let end = self.text[self.place.at..].find('\n').map_or(self.text.len(), |i| self.place.at + i);
        let taken_in = self.text[start.at..end].split('\n').enumerate().skip(1);
        taken_in
            .filter(|(_, line)| line.matches(self.delimiter).count() + 1 == width)
            .find(|(_, line)| line.split(self.delimiter).next().and_then(id_shape).as_ref() == Some(&shape))
            .map(|(offset, _)| start.line + offset)
    }

    fn location(&self, place: Place) -> Location {
        Location::at(self.path, place.line, Some(place.column))
    }

    fn not_closed(&self, start: Place, what: String) -> Diagnostic {
        Diagnostic::new(
            self.location(start),
            format!("the quote that opens this cell is not closed where the cell ends: {what}"),
        )
        .with_help(self.close_help(start))
    }

    fn never_closed(&self, start: Place) -> Diagnostic {
        let last = self.place.line - usize::from(self.text.ends_with('\n'));
        Diagnostic::new(
            self.location(start),
            format!("the quote that opens this cell is never closed: it takes in every row to the end of the file (line {last})"),
        )
        .with_help(self.close_help(start))
    }

    /// How to close the quote opened at `start`, with the cell as it was
    /// most likely meant: up to the delimiter on the quote's line.
    fn close_help(&self, start: Place) -> String {
        let first_line = self.text[start.at + 1..].split('\n').next().unwrap_or("");
        let meant = first_line.split(self.delimiter).next().unwrap_or("");
        let meant = if meant.chars().count() <= 40 { meant } else { "…" };
        let after = if self.delimiter == '\t' { String::new() } else { self.delimiter.to_string() };
        format!(
            "close the quote at the end of the cell (\"{meant}\"{after}); a quote inside a cell is written twice (\"\")"
        )
    }

    fn text_after(&self, start: Place, closing: Place) -> Diagnostic {
        let line_end = self.text[start.at..].find('\n').map_or(self.text.len(), |i| start.at + i);
        let written = self.text[start.at..line_end].split(self.delimiter).next().unwrap_or("");
        let example = if written.chars().count() <= 60 {
            format!("\"{}\"", written.replace('"', "\"\""))
        } else {
            "\"The \"\"Aurora\"\" law\"".to_string()
        };
        Diagnostic::new(
            self.location(start),
            format!("text follows the closing quote of this cell (column {})", closing.column),
        )
        .with_help(format!("put the whole cell between quotes, each quote inside it written twice: {example}"))
    }
}

/// The shape of a cell that looks like an id (`139.12` → `9.9`, `SOL-4-12`
/// → `a-9-9`), or `None` for one that looks like text.
fn id_shape(cell: &str) -> Option<String> {
    let cell = cell.trim();
    let id_like = !cell.is_empty()
        && cell.chars().count() <= 24
        && !cell.contains(char::is_whitespace)
        && cell.contains(|c: char| c.is_ascii_digit());
    if !id_like {
        return None;
    }
    let mut shape = String::new();
    for c in cell.chars() {
        let class = if c.is_ascii_digit() {
            '9'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if !(matches!(class, '9' | 'a') && shape.ends_with(class)) {
            shape.push(class);
        }
    }
    Some(shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Record>, String> {
        records(Path::new("r.csv"), text, ',').map_err(|d| d.to_string())
    }

    #[test]
    fn cells_have_their_columns_and_quotes_are_undone() {
        let found = read("a,b,c\n\nx,\"y, \"\"z\"\"\n2\"\" \" ,w\n").unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!((found[1].line, found[1].last_line), (3, 4));
        let cells: Vec<(&str, usize, usize)> =
            found[1].cells.iter().map(|c| (c.text.as_str(), c.line, c.column)).collect();
        assert_eq!(cells, [("x", 3, 1), ("y, \"z\"\n2\" ", 3, 3), ("w", 4, 8)]);
        assert_eq!(read("id,text\n1,a \"b\" c\n").unwrap()[1].cells[1].text, "a \"b\" c", "quotes inside a cell");
    }

    #[test]
    fn a_quote_left_open_is_found_where_it_opens() {
        let open = read("id,a,b\nR-1,\"x,y\nR-2,\"z\",w\n").unwrap_err();
        assert!(open.starts_with("r.csv:2:5: the quote that opens this cell is not closed where the cell ends: it takes in the rows up to line 3"), "{open}");
        assert!(open.contains("(\"x\",)"), "{open}");
        let rows = read("id,a,b\n139.1,\"x,y\n139.2,z,w\n139.3,v\",u\n").unwrap_err();
        assert!(rows.contains("r.csv:2:7: ") && rows.contains("it takes in line 3, which reads as a row"), "{rows}");
        let never = read("id,a\n1,\"x\n").unwrap_err();
        assert!(never.contains("never closed: it takes in every row to the end of the file (line 2)"), "{never}");
        // Paragraphs inside a cell, with as many commas as a row: not ids.
        assert!(read("id,a,b\n139.1,\"x\nIn 2020, y\",w\n").is_ok());
    }

    #[test]
    fn ids_have_shapes_and_text_has_none() {
        assert_eq!(id_shape("139.12").as_deref(), Some("9.9"));
        assert_eq!(id_shape(" SOL-4-12").as_deref(), Some("a-9-9"));
        assert_eq!(id_shape("In 2020"), None);
        assert_eq!(id_shape("Adopt"), None);
    }
}
