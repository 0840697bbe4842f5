//! The blocks of a section that are more than text: code, tables and
//! images.

use scraper::ElementRef;

use super::super::markup::literal;
use super::{decode_data_uri, typst_lang, Converter};

impl Converter<'_> {
    pub(super) fn code_block(&mut self, element: ElementRef) {
        let text: String = element.text().collect();
        let text = self.markup.literal(text.strip_suffix('\n').unwrap_or(&text));
        // The language: `language-x` of the code, or the highlighter's `hl-x` scope.
        let lang = element
            .descendants()
            .filter_map(|n| n.value().as_element())
            .flat_map(|e| e.classes())
            .find_map(|c| c.strip_prefix("language-"))
            .or_else(|| {
                element.descendants().filter_map(|n| n.value().as_element()).find_map(|e| {
                    let classes: Vec<&str> = e.classes().collect();
                    classes.contains(&"hl-source").then(|| classes.last().and_then(|c| c.strip_prefix("hl-"))).flatten()
                })
            })
            .filter(|lang| lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        self.markup.parbreak();
        match lang {
            Some(lang) => self.markup.code(&format!("#uk-code({text}, lang: {})", literal(lang))),
            None => self.markup.code(&format!("#uk-code({text})")),
        }
        self.markup.parbreak();
    }

    pub(super) fn table(&mut self, element: ElementRef) {
        // Rows in order, each (is a header row, cells). The parser puts
        // rows written straight in a table into a <tbody>.
        fn rows_of<'a>(part: ElementRef<'a>, header: bool, rows: &mut Vec<(bool, Vec<ElementRef<'a>>)>) {
            for tr in part.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "tr") {
                let cells = tr
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .collect();
                rows.push((header, cells));
            }
        }
        let mut rows: Vec<(bool, Vec<ElementRef>)> = Vec::new();
        for part in element.children().filter_map(ElementRef::wrap) {
            match part.value().name() {
                "thead" => rows_of(part, true, &mut rows),
                "tbody" | "tfoot" => rows_of(part, false, &mut rows),
                "caption" => self.wrap("#uk-caption", part),
                _ => {}
            }
        }
        let span = |cell: &ElementRef, name: &str| {
            cell.value().attr(name).and_then(|n| n.parse::<usize>().ok()).unwrap_or(1).max(1)
        };
        let columns =
            rows.iter().map(|(_, cells)| cells.iter().map(|c| span(c, "colspan")).sum::<usize>()).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        self.markup.parbreak();
        self.label(element);
        let lang = element.value().attr("lang").and_then(typst_lang);
        match lang {
            Some(lang) => self.markup.code(&format!("#uk-table(columns: {columns}, lang: {}, ", literal(&lang))),
            None => self.markup.code(&format!("#uk-table(columns: {columns}, ")),
        }
        let header: Vec<&(bool, Vec<ElementRef>)> = rows.iter().filter(|(header, _)| *header).collect();
        if !header.is_empty() {
            self.markup.code("table.header(");
            for (_, cells) in header {
                self.cells(cells, &span);
            }
            self.markup.code("), ");
        }
        for (_, cells) in rows.iter().filter(|(header, _)| !*header) {
            self.cells(cells, &span);
        }
        self.markup.code(")");
        self.markup.parbreak();
    }

    pub(super) fn cells(&mut self, cells: &[ElementRef], span: &dyn Fn(&ElementRef, &str) -> usize) {
        for cell in cells {
            let (colspan, rowspan) = (span(cell, "colspan"), span(cell, "rowspan"));
            let mut args = Vec::new();
            if colspan > 1 {
                args.push(format!("colspan: {colspan}"));
            }
            if rowspan > 1 {
                args.push(format!("rowspan: {rowspan}"));
            }
            if args.is_empty() {
                self.markup.code("[");
            } else {
                self.markup.code(&format!("table.cell({})[", args.join(", ")));
            }
            if cell.value().name() == "th" {
                self.wrap("#strong", *cell);
            } else {
                self.label(*cell);
                self.children(**cell);
            }
            self.markup.code("], ");
        }
    }

    pub(super) fn image(&mut self, element: ElementRef) {
        let el = element.value();
        let alt = el.attr("alt").unwrap_or_default();
        let src = el.attr("src").unwrap_or_default();
        match decode_data_uri(src) {
            Some((bytes, ext)) => {
                let origin = format!("the image `{}` of {}", if alt.is_empty() { "(no text)" } else { alt }, self.page);
                let path = self.images.add(bytes, ext, origin);
                let alt = self.markup.literal(alt);
                self.markup.code(&format!("#uk-image({}, {alt})", literal(&path)));
            }
            // An image not in the guide (on the web) is its text on paper.
            None => {
                if !alt.is_empty() {
                    self.markup.code("[");
                    self.markup.text(&format!("[{alt}]"));
                    self.markup.code("]");
                }
            }
        }
    }
}
