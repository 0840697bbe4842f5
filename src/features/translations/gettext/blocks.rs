//! A page's translatable blocks: headings, paragraphs, list and checklist
//! items, table cells (callouts and footnotes are made of paragraphs), each
//! with its inline Markdown as written (`**`, links, images and their alt
//! text stay in the message, for the translator to move), the byte range it
//! came from and its line. Code and raw HTML are not text to translate.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::engine::markdown::parser_options;

/// What a block is, for the translator's note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Paragraph,
    Item,
    Checklist,
    Cell,
}

impl Kind {
    pub fn note(self) -> &'static str {
        match self {
            Kind::Heading => "heading",
            Kind::Paragraph => "paragraph",
            Kind::Item => "list item",
            Kind::Checklist => "checklist item: keep its meaning, its id is the context",
            Kind::Cell => "table cell",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    /// A checklist item's `{#id}`.
    pub context: Option<String>,
    /// The text as the translator sees it ([`normalise`]d): one space between
    /// words, a line break only after a hard break, without the `>` or
    /// indentation of the containers around it.
    pub text: String,
    /// Where it is in the body (what a translation replaces).
    pub range: Range<usize>,
    /// 0-based line of the body where it starts.
    pub line: usize,
    /// In a facilitator note (`> [!FACILITATOR]`): for trainers only.
    pub facilitator: bool,
}

/// The blocks of a page's body, in order.
pub fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    // The open leaf: its kind, the span of its inline content, whether a
    // paragraph inside replaced it (a loose list item).
    let mut leaf: Option<(Kind, Option<Range<usize>>)> = None;
    let mut items: Vec<(Kind, Option<Range<usize>>)> = Vec::new();
    let mut skip = 0usize;
    // Lines found by a binary search: counting from the body's start for
    // every block made pages of many blocks quadratic.
    let lines = crate::engine::markdown::LineIndex::new(body, 0);
    // For each quote the block is in: whether it is (or is in) a facilitator note.
    let mut notes: Vec<bool> = Vec::new();
    let emit = |out: &mut Vec<Block>, kind: Kind, span: Option<Range<usize>>, notes: &[bool]| {
        let Some(span) = span else { return };
        if let Some(mut block) = block(body, &lines, kind, span) {
            block.facilitator = notes.last() == Some(&true);
            out.push(block);
        }
    };
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        if skip > 0 {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => skip += 1,
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => skip -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => skip = 1,
            Event::Start(Tag::BlockQuote(_)) => {
                let inside = body[range].trim_start().strip_prefix('>').unwrap_or("").trim_start();
                let note = crate::engine::markdown::private::starts_with_marker(inside);
                notes.push(note || notes.last() == Some(&true));
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                notes.pop();
            }
            Event::Start(Tag::Paragraph) => {
                // A paragraph in a list item: the item is loose, its paragraphs are the blocks.
                if let Some(item) = items.last_mut() {
                    item.1 = None;
                }
                let kind = items.last().map_or(Kind::Paragraph, |item| item.0);
                leaf = Some((kind, None));
            }
            Event::Start(Tag::Heading { .. }) => leaf = Some((Kind::Heading, None)),
            Event::Start(Tag::TableCell) => leaf = Some((Kind::Cell, None)),
            Event::Start(Tag::Item) => items.push((Kind::Item, None)),
            Event::Start(Tag::List(_)) => {
                // A list inside a tight item ends the item's own text.
                if let Some(item) = items.last_mut() {
                    let (kind, span) = (item.0, item.1.take());
                    emit(&mut out, kind, span, &notes);
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell) => {
                if let Some((kind, span)) = leaf.take() {
                    emit(&mut out, kind, span, &notes);
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some((kind, span)) = items.pop() {
                    emit(&mut out, kind, span, &notes);
                }
            }
            Event::TaskListMarker(_) => {
                if let Some(item) = items.last_mut() {
                    item.0 = Kind::Checklist;
                }
                if let Some(leaf) = leaf.as_mut() {
                    leaf.0 = Kind::Checklist;
                }
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image) => {
                let target = match leaf.as_mut() {
                    Some(leaf) => Some(&mut leaf.1),
                    None => items.last_mut().map(|item| &mut item.1),
                };
                if let Some(span) = target {
                    *span = Some(match span.take() {
                        Some(span) => span.start.min(range.start)..span.end.max(range.end),
                        None => range,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

fn block(body: &str, lines: &crate::engine::markdown::LineIndex, kind: Kind, span: Range<usize>) -> Option<Block> {
    // A facilitator note's marker (`> [!FACILITATOR]`) is not text: a
    // translation must not be able to drop it (the note would go public).
    let mut span = span;
    if crate::engine::markdown::private::starts_with_marker(&body[span.clone()]) {
        let after = span.start + crate::engine::markdown::private::MARKER.len();
        let next = body[after..span.end].find('\n').map_or(span.end, |i| after + i + 1);
        let text_start =
            body[next..span.end].find(|c: char| !matches!(c, ' ' | '\t' | '>')).map_or(span.end, |i| next + i);
        span = text_start..span.end;
    }
    let mut end = span.end;
    // Trailing line breaks and spaces are not part of the text.
    while end > span.start && body.as_bytes()[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    let mut context = None;
    let raw = &body[span.start..end];
    let mut kind = kind;
    // `- [ ] Send the report {#send-report}`: the id is the context.
    if let Some(open) = raw.rfind(" {#") {
        if raw.ends_with('}') && matches!(kind, Kind::Checklist | Kind::Item | Kind::Paragraph) {
            let id = &raw[open + 3..raw.len() - 1];
            if !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
                context = Some(id.to_string());
                end = span.start + open;
                if kind == Kind::Item {
                    kind = Kind::Checklist;
                }
            }
        }
    }
    // A block's message: its words with one space between them, a line
    // break only where Markdown has one, so that re-wrapping a paragraph or
    // saving the file with CRLF changes no message.
    let text = normalise(&unindent(&body[span.start..end].replace("\r\n", "\n").replace('\r', "\n")));
    // Nothing to translate: empty, or a shortcode call alone (`{{ figure(...) }}`),
    // whose arguments are names, not text.
    let trimmed = text.trim();
    if trimmed.is_empty() || (trimmed.starts_with("{{") && trimmed.ends_with("}}") && !trimmed[2..].contains("{{")) {
        return None;
    }
    let line = lines.line(span.start);
    Some(Block { kind, context, text, range: span.start..end, line, facilitator: false })
}

/// The lines of a message or a translation, each with whether a hard
/// break (`\` or two spaces at its end) follows it; empty lines left out
/// (a block has none), `\r\n` and a lone `\r` are line ends too.
pub fn lines_of(text: &str) -> Vec<(&str, bool)> {
    let mut out: Vec<(&str, bool)> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = match rest.find(['\r', '\n']) {
            Some(at) => {
                let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..at], &rest[at + skip..])
            }
            None => (rest, ""),
        };
        let last = next.trim().is_empty();
        let trailing_backslashes = line.len() - line.trim_end_matches('\\').len();
        let hard = !last && (trailing_backslashes % 2 == 1 || line.ends_with("  "));
        let line = if hard && trailing_backslashes % 2 == 1 { &line[..line.len() - 1] } else { line };
        let line = line.trim_matches([' ', '\t']);
        if !line.is_empty() {
            out.push((line, hard));
        } else if hard {
            // A break after nothing: the line before it breaks instead.
            if let Some(before) = out.last_mut() {
                before.1 = true;
            }
        }
        rest = next;
    }
    if let Some(last) = out.last_mut() {
        last.1 = false;
    }
    out
}

/// The message form of a block's text: one space between words, and a
/// line break only after a hard break (written `\` and a line break).
/// Messages written before (with the source's line breaks, a `\r`, double
/// spaces) come out the same as the message of the same text now.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (line, hard) in lines_of(text) {
        let mut space = false;
        for c in line.chars() {
            if c == ' ' || c == '\t' {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
        out.push_str(if hard { "\\\n" } else { " " });
    }
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    out
}

/// Continuation lines without the `>` markers and indentation of the
/// containers around the block.
fn unindent(text: &str) -> String {
    let mut lines = text.split('\n');
    let mut out = lines.next().unwrap_or("").to_string();
    for line in lines {
        out.push('\n');
        out.push_str(line.trim_start_matches([' ', '\t', '>']).trim_start());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<(Kind, Option<String>, String)> {
        blocks(body).into_iter().map(|b| (b.kind, b.context, b.text)).collect()
    }

    #[test]
    fn every_kind_of_block_with_its_inline_markdown() {
        let body = "## A **title** {#id}\n\nA paragraph with a [link](a.md)\nover two lines.\n\n\
                    - one\n- two `code`\n\n- [ ] Send the report {#send-report}\n\n\
                    | A | B |\n|---|---|\n| x | ![alt](i.png) |\n\n> [!NOTE]\n> A note\n> that goes on.\n\n\
                    ```\ncode {#no}\n```\n\n<div>raw</div>\n";
        assert_eq!(
            texts(body),
            vec![
                (Kind::Heading, None, "A **title**".into()),
                (Kind::Paragraph, None, "A paragraph with a [link](a.md) over two lines.".into()),
                (Kind::Item, None, "one".into()),
                (Kind::Item, None, "two `code`".into()),
                (Kind::Checklist, Some("send-report".into()), "Send the report".into()),
                (Kind::Cell, None, "A".into()),
                (Kind::Cell, None, "B".into()),
                (Kind::Cell, None, "x".into()),
                (Kind::Cell, None, "![alt](i.png)".into()),
                (Kind::Paragraph, None, "A note that goes on.".into()),
            ]
        );
    }

    #[test]
    fn a_facilitator_note_s_marker_is_not_text_to_translate() {
        assert_eq!(
            texts("> [!FACILITATOR]\n> Ask the group.\n"),
            vec![(Kind::Paragraph, None, "Ask the group.".into())]
        );
    }

    #[test]
    fn every_paragraph_of_a_facilitator_note_is_marked_so() {
        let body = "> [!Facilitator]\n> Ask the group.\n>\n> - Then pairs.\n\nFor all.\n\n\
                    > [!TIP]\n> A tip.\n>\n> > [!FACILITATOR]\n> > Inside.\n>\n> Tip again.\n";
        let marked: Vec<(String, bool)> = blocks(body).into_iter().map(|b| (b.text, b.facilitator)).collect();
        let wanted = [
            ("Ask the group.", true),
            ("Then pairs.", true),
            ("For all.", false),
            ("A tip.", false),
            ("Inside.", true),
            ("Tip again.", false),
        ];
        assert_eq!(marked, wanted.map(|(text, note)| (text.to_string(), note)));
    }

    #[test]
    fn a_shortcode_alone_is_not_text_to_translate() {
        assert_eq!(
            texts("Intro.\n\n{{ figure(src=\"a.png\", alt=\"A\") }}\n"),
            vec![(Kind::Paragraph, None, "Intro.".into())]
        );
    }

    #[test]
    fn nested_and_loose_items() {
        let body = "- outer\n  - inner\n\n1. loose\n\n   second paragraph\n";
        assert_eq!(
            texts(body),
            vec![
                (Kind::Item, None, "outer".into()),
                (Kind::Item, None, "inner".into()),
                (Kind::Item, None, "loose".into()),
                (Kind::Item, None, "second paragraph".into()),
            ]
        );
    }

    #[test]
    fn ranges_point_at_the_source() {
        let body = "Intro.\n\n- [ ] Do it {#do}\n\nOver\r\n  two  lines.\n";
        for block in blocks(body) {
            assert_eq!(normalise(&body[block.range.clone()]), block.text);
        }
    }

    #[test]
    fn a_message_has_one_space_between_words_and_keeps_hard_breaks() {
        let body = "One\n  two \r\nthree  four\t five.\n\n> Quoted\r\n> on  \n> lines\\\n> and \\\\\n> more\n";
        assert_eq!(
            texts(body),
            vec![
                (Kind::Paragraph, None, "One two three four five.".into()),
                (Kind::Paragraph, None, "Quoted on\\\nlines\\\nand \\\\ more".into()),
            ]
        );
        // Idempotent, and the old form of a message (the source's line breaks) is the same message.
        for text in ["One two three", "Quoted on\\\nlines", "a \\\\ b"] {
            assert_eq!(normalise(text), text);
        }
        assert_eq!(normalise("One\ntwo\r\nthree  "), "One two three");
        assert_eq!(normalise("Line\\\n\nnext\\"), "Line\\\nnext\\");
    }
}
