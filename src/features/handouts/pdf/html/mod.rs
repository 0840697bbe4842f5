//! A section's text, as the document holds it (HTML made by the Markdown
//! renderer, the features' passes and the theme's shortcodes), as Typst
//! markup. The document is the one model every output reads; this is the
//! PDF's reading of it. Text goes in as string literals ([`Markup::text`]);
//! the functions called (`uk-callout`, `uk-see` ...) are the preamble's.

use std::collections::HashSet;

use base64::Engine;
use scraper::node::Node;
use scraper::{ElementRef, Html};

use super::markup::{literal, Markup};

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

/// The images of a document, as files of the Typst world: (path, bytes,
/// where the image came from, for errors).
#[derive(Default)]
pub(super) struct Images {
    pub files: Vec<(String, Vec<u8>, String)>,
}

impl Images {
    /// Adds an image; returns its path in the Typst world.
    pub fn add(&mut self, bytes: Vec<u8>, ext: &str, origin: String) -> String {
        let path = format!("/img/{}.{ext}", self.files.len());
        self.files.push((path.clone(), bytes, origin));
        path
    }
}

/// What a conversion reads and adds to, shared by a document's sections.
pub(super) struct Converter<'a> {
    pub markup: Markup,
    /// The ids the document has: links to them stay inside it.
    pub ids: &'a HashSet<String>,
    pub images: &'a mut Images,
    /// The level of the section's title: its headings come below it.
    pub level: usize,
    /// The page the text is from, for errors (`review/lobbying-states`).
    pub page: &'a str,
}

/// The ids in `html` (of elements any link may lead to).
pub(super) fn ids(html: &str, into: &mut Vec<String>) {
    let fragment = Html::parse_fragment(html);
    for node in fragment.tree.root().descendants() {
        if let Some(id) = node.value().as_element().and_then(|element| element.attr("id")) {
            into.push(id.to_string());
        }
    }
}

/// Elements laid out as blocks: whitespace beside them is not text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "aside",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "details",
    "summary",
    "nav",
    "header",
    "footer",
    "main",
    "article",
    "html",
    "body",
];

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

impl Converter<'_> {
    /// Writes `html` as markup.
    pub fn convert(&mut self, html: &str) {
        let fragment = Html::parse_fragment(html);
        // parse_fragment puts the nodes under an <html> element.
        let root = fragment.root_element();
        self.children(*root);
    }

    fn children(&mut self, node: NodeRef) {
        for child in node.children() {
            self.node(child);
        }
    }

    fn node(&mut self, node: NodeRef) {
        match node.value() {
            Node::Text(text) => self.text(node, text),
            Node::Element(_) => {
                if let Some(element) = ElementRef::wrap(node) {
                    self.element(element);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, node: NodeRef, text: &str) {
        // Whitespace at the start or end of a block, or beside one, is no text.
        let is_block_node = |n: NodeRef| n.value().as_element().is_some_and(|e| is_block(e.name()));
        let parent_is_block = node.parent().is_none_or(is_block_node);
        let edge = |sibling: Option<NodeRef>| match sibling {
            Some(sibling) => is_block_node(sibling),
            None => parent_is_block,
        };
        let mut collapsed = collapse(text);
        if edge(node.prev_sibling()) {
            collapsed = collapsed.trim_start_matches(' ').to_string();
        }
        if edge(node.next_sibling()) {
            collapsed = collapsed.trim_end_matches(' ').to_string();
        }
        self.markup.text(&collapsed);
    }

    /// Writes `code`, the element's children in brackets, and `)`-less close.
    fn wrap(&mut self, open: &str, element: ElementRef) {
        self.markup.code(open);
        self.markup.code("[");
        self.children(*element);
        self.markup.code("]");
    }

    fn label(&mut self, element: ElementRef) {
        if let Some(id) = element.value().attr("id") {
            self.markup.code(&format!("#uk-anchor({})", literal(id)));
        }
    }

    fn element(&mut self, element: ElementRef) {
        let el = element.value();
        // What the page hides is not on paper either (the matrix's overdue
        // mark, shown by the page from the reader's date).
        if el.attr("hidden").is_some() {
            return;
        }
        let name = el.name();
        let has_class = |class: &str| el.classes().any(|c| c == class);
        // An element in another language or direction than the page's.
        let lang = el.attr("lang").and_then(typst_lang);
        let dir = el.attr("dir").filter(|d| *d == "rtl" || *d == "ltr");
        if (lang.is_some() || dir.is_some()) && !matches!(name, "table" | "ul" | "ol") {
            let mut args = Vec::new();
            if let Some(lang) = lang {
                args.push(format!("lang: {}", literal(&lang)));
            }
            if let Some(dir) = dir {
                args.push(format!("dir: {dir}"));
            }
            let block = is_block(name);
            self.markup.code(&format!("#{}(", if block { "uk-lang-block" } else { "text" }));
            self.markup.code(&args.join(", "));
            self.markup.code(")[");
            self.element_itself(element, name, &has_class);
            self.markup.code("]");
            if block {
                self.markup.parbreak();
            }
            return;
        }
        self.element_itself(element, name, &has_class);
    }

    fn element_itself(&mut self, element: ElementRef, name: &str, has_class: &dyn Fn(&str) -> bool) {
        let el = element.value();
        match name {
            "script" | "style" | "button" | "noscript" | "template" | "head" | "title" | "meta" | "link" => {}
            "p" => {
                if has_class("callout-title") {
                    self.wrap("#uk-callout-title", element);
                } else {
                    self.label(element);
                    self.children(*element);
                }
                self.markup.parbreak();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if has_class("footnotes-title") {
                    return;
                }
                let n: usize = name[1..].parse().unwrap_or(2);
                let level = (self.level + n.saturating_sub(1)).max(self.level + 1);
                self.markup.parbreak();
                self.wrap(&format!("#heading(level: {level}, outlined: false, bookmarked: true)"), element);
                if let Some(id) = el.attr("id") {
                    self.markup.code(&format!("#label({})", literal(id)));
                }
                self.markup.parbreak();
            }
            "strong" | "b" => self.wrap("#strong", element),
            "em" | "i" | "dfn" | "cite" | "var" => self.wrap("#emph", element),
            "s" | "del" | "strike" => self.wrap("#strike", element),
            "u" | "ins" => self.wrap("#underline", element),
            "mark" => self.wrap("#highlight", element),
            "small" => self.wrap("#text(size: 0.85em)", element),
            "sub" => self.wrap("#sub", element),
            // The matrix's line under a recommendation, and a reader's assessment: lines of their own.
            "span" if has_class("rec-meta") || has_class("rec-assessment") => {
                self.markup.code("#linebreak()");
                self.wrap("#text(size: 0.85em, fill: uk-muted)", element);
            }
            "sup" => self.wrap("#super", element),
            "code" | "kbd" | "samp" | "tt" => {
                let text = self.markup.literal(&collapse(&element.text().collect::<String>()));
                self.markup.code(&format!("#raw({text})"));
            }
            "pre" => self.code_block(element),
            "br" => self.markup.code("#linebreak()"),
            "hr" => {
                self.markup.parbreak();
                self.markup.code("#uk-rule()");
                self.markup.parbreak();
            }
            "a" => self.link(element, has_class),
            "ul" | "ol" => self.list(element, name == "ol", has_class("checklist")),
            "li" => {
                self.label(element);
                self.children(*element);
            }
            "blockquote" => {
                self.markup.parbreak();
                self.wrap("#uk-quote", element);
                self.markup.parbreak();
            }
            "table" => self.table(element),
            "img" => self.image(element),
            "svg" => {
                let svg = element.html();
                let alt = el.attr("aria-label").unwrap_or_default().to_string();
                let path = self.images.add(svg.into_bytes(), "svg", format!("an SVG drawing in {}", self.page));
                let alt = self.markup.literal(&alt);
                self.markup.code(&format!("#uk-image({}, {alt})", literal(&path)));
            }
            "figure" => {
                self.markup.parbreak();
                self.label(element);
                self.wrap("#uk-figure", element);
                self.markup.parbreak();
            }
            "figcaption" => self.wrap("#uk-caption", element),
            "aside" if has_class("callout") => {
                let kind = el
                    .classes()
                    .find_map(|c| c.strip_prefix("callout-"))
                    .filter(|kind| kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                    .unwrap_or("note");
                self.markup.parbreak();
                self.label(element);
                self.wrap(&format!("#uk-callout({})", literal(kind)), element);
                self.markup.parbreak();
            }
            "section" if has_class("footnotes") => {
                self.markup.parbreak();
                self.wrap("#uk-footnotes", element);
                self.markup.parbreak();
            }
            "dl" => {
                self.markup.parbreak();
                self.children(*element);
                self.markup.parbreak();
            }
            "dt" => {
                self.label(element);
                self.wrap("#uk-term", element);
            }
            "dd" => self.wrap("#uk-definition", element),
            "input" => {
                if el.attr("type") == Some("checkbox") {
                    self.markup.code("#uk-box()");
                }
            }
            "summary" => {
                self.wrap("#strong", element);
                self.markup.parbreak();
            }
            _ => {
                if is_block(name) {
                    self.markup.parbreak();
                    self.label(element);
                    self.children(*element);
                    self.markup.parbreak();
                } else {
                    self.label(element);
                    self.children(*element);
                }
            }
        }
    }

    fn link(&mut self, element: ElementRef, has_class: &dyn Fn(&str) -> bool) {
        if has_class("footnote-back") {
            return;
        }
        let href = element.value().attr("href").unwrap_or_default();
        if let Some(fragment) = href.strip_prefix('#') {
            let target = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy().into_owned();
            if self.ids.contains(&target) {
                self.markup.code(&format!("#link(label({}))", literal(&target)));
                self.markup.code("[");
                self.children(*element);
                self.markup.code("]");
                // A reference to another part of the guide says on which sheet.
                let in_footnote_ref = element
                    .parent()
                    .and_then(|p| p.value().as_element())
                    .is_some_and(|p| p.classes().any(|c| c == "footnote-ref"));
                if !has_class("term") && !in_footnote_ref && target != "toc" {
                    self.markup.code(&format!("#uk-see({})", literal(&target)));
                }
                return;
            }
            self.children(*element);
            return;
        }
        let external = href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:");
        if !external {
            self.children(*element);
            return;
        }
        self.markup.code(&format!("#link({})", literal(href)));
        self.markup.code("[");
        self.children(*element);
        self.markup.code("]");
        // On paper, the address of a link whose text does not show it.
        let text = element.text().collect::<String>();
        let shown = href.strip_prefix("mailto:").unwrap_or(href);
        let bare = |s: &str| {
            s.trim().trim_end_matches('/').trim_start_matches("https://").trim_start_matches("http://").to_string()
        };
        if bare(&text) != bare(shown) {
            let shown = self.markup.literal(shown);
            self.markup.code(&format!("#uk-url({shown})"));
        }
    }

    fn list(&mut self, element: ElementRef, ordered: bool, checklist: bool) {
        let items: Vec<ElementRef> =
            element.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "li").collect();
        if items.is_empty() {
            return;
        }
        self.markup.parbreak();
        let function = match (checklist, ordered) {
            (true, _) => "#uk-checklist(".to_string(),
            (false, true) => {
                let start = element.value().attr("start").and_then(|s| s.parse::<i64>().ok()).unwrap_or(1);
                format!("#enum(start: {start}, ")
            }
            (false, false) => "#list(".to_string(),
        };
        self.markup.code(&function);
        for item in items {
            self.markup.code("[");
            if checklist {
                // The box is the list's marker: the item's own is left out.
                self.label(item);
                for child in item.children() {
                    self.checklist_item(child);
                }
            } else {
                self.label(item);
                self.children(*item);
            }
            self.markup.code("], ");
        }
        self.markup.code(")");
        self.markup.parbreak();
    }

    /// A checklist item's text, without its checkbox (the list draws one).
    fn checklist_item(&mut self, node: NodeRef) {
        let after_box = node.prev_siblings().all(|s| s.value().as_element().is_some_and(|e| e.name() == "input"));
        match node.value() {
            Node::Element(el) if el.name() == "input" => {}
            Node::Text(text) if after_box => {
                let text = collapse(text);
                let text = text.trim_start_matches(' ');
                self.markup.text(text);
            }
            Node::Element(el) if el.name() == "label" => {
                for child in node.children() {
                    self.checklist_item(child);
                }
            }
            _ => self.node(node),
        }
    }
}

/// `text` with each run of whitespace as one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The bytes and file extension of a `data:` URI of an image.
pub(super) fn decode_data_uri(src: &str) -> Option<(Vec<u8>, &'static str)> {
    let rest = src.strip_prefix("data:")?;
    let (head, data) = rest.split_once(',')?;
    let mime = head.split(';').next().unwrap_or_default();
    let ext = match mime {
        "image/png" => "png",
        "image/jpeg" | "image/jpg" => "jpg",
        "image/gif" => "gif",
        "image/svg+xml" => "svg",
        "image/webp" => "webp",
        _ => return None,
    };
    let bytes = if head.ends_with(";base64") {
        base64::engine::general_purpose::STANDARD.decode(data.trim()).ok()?
    } else {
        percent_encoding::percent_decode_str(data).collect()
    };
    Some((bytes, ext))
}

/// A BCP 47 tag's language as Typst takes it (`zh-Hans` → `zh`).
pub(super) fn typst_lang(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

mod blocks;

#[cfg(test)]
mod tests;
