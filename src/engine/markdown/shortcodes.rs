//! Shortcodes: `{{ name(arg="value", n=3) }}` in Markdown calls a template
//! (`templates/shortcodes/<name>.html`, the site's or the theme's), as in
//! Zola and Hugo. A call stands on one line; in code (spans and blocks) it
//! is text. A call alone in its paragraph gives a block; inside a sentence,
//! inline HTML.
//!
//! Calls are found in the text before it is parsed and each is replaced by a
//! marker of the same length in bytes (so lines and offsets stay those of
//! the file), which the pass after parsing turns into the call's HTML.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::Value;

use super::{parser_options, MarkdownOptions, PageRender, Spanned};
use crate::engine::error::{Diagnostic, Location};

/// A call as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    /// Arguments in the order written; paths in `src`, `image` and `href`
    /// are already resolved like a Markdown link's.
    pub args: Vec<(String, Value)>,
    /// The file line of the call.
    pub line: usize,
    /// The reader's language (the page's text may be the default language's).
    pub reader_lang: String,
}

impl Call {
    pub fn arg(&self, name: &str) -> Option<&Value> {
        self.args.iter().find(|(key, _)| key == name).map(|(_, value)| value)
    }
}

/// Why a call cannot be rendered, in the author's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcodeError {
    pub message: String,
    pub help: Option<String>,
}

impl ShortcodeError {
    pub fn new(message: impl Into<String>) -> Self {
        ShortcodeError { message: message.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// What renders calls: in a build, the theme's templates.
pub trait Shortcodes: Sync {
    /// The HTML of `call` on the page `page` renders (its text's language
    /// `page.lang`, its links, what it is rendered for).
    fn render(&self, call: &Call, page: &MarkdownOptions) -> Result<String, ShortcodeError>;
}

/// No shortcode at all: every call is an error.
pub struct NoShortcodes;

impl Shortcodes for NoShortcodes {
    fn render(&self, call: &Call, _page: &MarkdownOptions) -> Result<String, ShortcodeError> {
        Err(ShortcodeError::new(format!("there is no shortcode `{}`", call.name)))
    }
}

/// Markers: a private-use character, the call's number in digits (padded
/// with zeros to the call's length), and another. The pair is one the
/// page's text does not hold (U+E000 and U+E001 unless the author wrote
/// them), so no text of the author's is ever taken for a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Markers {
    open: char,
    close: char,
}

impl Markers {
    fn free_in(body: &str) -> Markers {
        (0xE000..0xF8FF)
            .step_by(2)
            .filter_map(|code| Some(Markers { open: char::from_u32(code)?, close: char::from_u32(code + 1)? }))
            .find(|markers| !body.contains([markers.open, markers.close]))
            .expect("a page does not use every private-use character")
    }

    fn marker(self, index: usize, len: usize) -> String {
        let digits = len - self.open.len_utf8() - self.close.len_utf8();
        format!("{}{index:0digits$}{}", self.open, self.close)
    }

    fn whole(self, text: &str) -> Option<usize> {
        let inner = text.strip_prefix(self.open)?.strip_suffix(self.close)?;
        inner.parse().ok()
    }
}

/// The calls found in `body` and the body with each replaced by its marker;
/// `None` when there is none (the common case costs one search).
pub(super) fn find(page: &mut PageRender<'_>, body: &str) -> Option<(String, Vec<String>, Markers)> {
    if !body.contains("{{") {
        return None;
    }
    let markers = Markers::free_in(body);
    let code = code_ranges(body);
    let mut out = String::with_capacity(body.len());
    let mut htmls = Vec::new();
    let mut last = 0;
    let mut from = 0;
    while let Some(found) = body[from..].find("{{") {
        let start = from + found;
        from = start + 2;
        if code.iter().any(|range| range.contains(&start)) {
            continue;
        }
        let line_end = body[start..].find('\n').map_or(body.len(), |i| start + i);
        let Some(end) = body[start..line_end].find("}}").map(|i| start + i + 2) else {
            continue;
        };
        let line = page.line(start);
        let Some(parsed) = parse(&body[start + 2..end - 2]) else {
            continue;
        };
        from = end;
        let html = match parsed {
            Err(message) => Err(ShortcodeError::new(message)
                .with_help("write a call as {{ name(key=\"text\", number=3, flag=true) }}, on one line")),
            Ok((name, args)) => {
                let reader_lang = page.options.links.reader_lang().to_string();
                let mut call = Call { name, args, line, reader_lang };
                resolve_paths(page, &mut call, start);
                page.options.shortcodes.render(&call, page.options)
            }
        };
        let html = match html {
            Ok(html) => html,
            Err(error) => {
                let mut diagnostic = Diagnostic::new(
                    Location::at(
                        page.source,
                        line,
                        Some(body[..start].len() - body[..start].rfind('\n').map_or(0, |i| i + 1) + 1),
                    ),
                    error.message,
                );
                if let Some(help) = error.help {
                    diagnostic = diagnostic.with_help(help);
                }
                page.problem(diagnostic);
                String::new()
            }
        };
        out.push_str(&body[last..start]);
        out.push_str(&markers.marker(htmls.len(), end - start));
        htmls.push(html);
        last = end;
    }
    if htmls.is_empty() {
        return None;
    }
    out.push_str(&body[last..]);
    Some((out, htmls, markers))
}

/// Byte ranges of code spans, code blocks and raw HTML, where `{{` is text.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start..range.end);
                }
            }
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// Paths in `src`, `image` and `href` lead where a Markdown link with the
/// same target would (a file next to the page, `@/` from the root).
fn resolve_paths(page: &mut PageRender<'_>, call: &mut Call, offset: usize) {
    for (key, value) in &mut call.args {
        if let ("src" | "image" | "href", Value::String(path)) = (key.as_str(), &*value) {
            let resolved = page.resolve(path.clone().into(), offset, key != "href");
            *value = Value::String(resolved.to_string());
        }
    }
}

/// `name(key=value, ...)` → the name and arguments; `None` if the text is
/// not a call at all (text between braces); `Err` if it is one badly written.
#[allow(clippy::type_complexity)]
fn parse(inner: &str) -> Option<Result<(String, Vec<(String, Value)>), String>> {
    let inner = inner.trim();
    let open = inner.find('(')?;
    let name = inner[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    let Some(args) = inner[open + 1..].strip_suffix(')') else {
        return Some(Err(format!("the call of `{name}` does not end with `)`")));
    };
    Some(parse_args(args).map(|args| (name.to_string(), args)))
}

fn parse_args(text: &str) -> Result<Vec<(String, Value)>, String> {
    let mut args: Vec<(String, Value)> = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else {
            return Err(format!("`{rest}` is not an argument: write key=value"));
        };
        let key = rest[..eq].trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("`{key}` is not an argument name"));
        }
        if args.iter().any(|(k, _)| k == key) {
            return Err(format!("the argument `{key}` is given twice"));
        }
        rest = rest[eq + 1..].trim_start();
        let (value, after) = if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'' | '“' | '‘'))
        {
            let close = match quote {
                '“' => '”',
                '‘' => '’',
                other => other,
            };
            let body = &rest[quote.len_utf8()..];
            let Some(end) = body.find(close) else {
                return Err(format!("the text of `{key}` has no closing {close}"));
            };
            (Value::String(body[..end].to_string()), &body[end + close.len_utf8()..])
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let word = rest[..end].trim();
            let value = match word {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => match word.parse::<i64>() {
                    Ok(n) => Value::from(n),
                    Err(_) => match word.parse::<f64>() {
                        Ok(x) => Value::from(x),
                        Err(_) => {
                            return Err(format!("the value of `{key}` must be \"text\", a number, true or false"))
                        }
                    },
                },
            };
            (value, &rest[end..])
        };
        args.push((key.to_string(), value));
        rest = after.trim_start();
        if let Some(next) = rest.strip_prefix(',') {
            rest = next.trim_start();
        } else if !rest.is_empty() {
            return Err(format!("expected `,` or `)` after the value of `{key}`"));
        }
    }
    Ok(args)
}

/// After parsing: markers become the calls' HTML. A paragraph holding one
/// marker and nothing else becomes the block; other markers, inline HTML.
pub(super) fn replace<'e>(events: Vec<Spanned<'e>>, htmls: &[String], markers: Markers) -> Vec<Spanned<'e>> {
    let (open, close) = (markers.open, markers.close);
    let mut out: Vec<Spanned<'e>> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let (Event::Start(Tag::Paragraph), Some((Event::Text(text), _)), Some((Event::End(TagEnd::Paragraph), _))) =
            (&events[i].0, events.get(i + 1), events.get(i + 2))
        {
            if let Some(index) = markers.whole(text.trim()) {
                let html = htmls.get(index).cloned().unwrap_or_default();
                out.push((Event::Html(format!("{html}\n").into()), events[i].1.clone()));
                i += 3;
                continue;
            }
        }
        let (event, range) = &events[i];
        match event {
            Event::Text(text) if text.contains(open) => {
                let mut rest: &str = text;
                while let Some(start) = rest.find(open) {
                    if start > 0 {
                        out.push((Event::Text(rest[..start].to_string().into()), range.clone()));
                    }
                    let after = &rest[start + open.len_utf8()..];
                    let Some(end) = after.find(close) else {
                        break;
                    };
                    let index: usize = after[..end].parse().unwrap_or(usize::MAX);
                    out.push((Event::InlineHtml(htmls.get(index).cloned().unwrap_or_default().into()), range.clone()));
                    rest = &after[end + close.len_utf8()..];
                }
                if !rest.is_empty() {
                    out.push((Event::Text(rest.to_string().into()), range.clone()));
                }
            }
            _ => out.push(events[i].clone()),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_of_every_kind() {
        let (name, args) =
            parse(r#" figure(src="a b.png", caption='Une "légende"', width=300, wide=true) "#).unwrap().unwrap();
        assert_eq!(name, "figure");
        assert_eq!(args[0], ("src".into(), Value::from("a b.png")));
        assert_eq!(args[1], ("caption".into(), Value::from("Une \"légende\"")));
        assert_eq!(args[2], ("width".into(), Value::from(300)));
        assert_eq!(args[3], ("wide".into(), Value::from(true)));
    }

    #[test]
    fn text_between_braces_is_not_a_call_but_a_broken_call_is_an_error() {
        assert!(parse(" a plain phrase ").is_none());
        assert!(parse("x(a=\"b)").unwrap().is_err());
        assert!(parse("x(a=b c)").unwrap().is_err());
        assert!(parse("x(a=1, a=2)").unwrap().is_err());
    }

    #[test]
    fn a_marker_is_as_long_as_the_call() {
        let markers = Markers::free_in("");
        for len in [7, 9, 30, 200] {
            let marker = markers.marker(3, len);
            assert_eq!(marker.len(), len);
        }
        assert_eq!(markers.whole(&markers.marker(3, 20)), Some(3));
    }

    #[test]
    fn markers_are_characters_the_text_does_not_hold() {
        assert_eq!(Markers::free_in("plain"), Markers { open: '\u{E000}', close: '\u{E001}' });
        let body = "an author's \u{E000}0\u{E001} and \u{E003}";
        let markers = Markers::free_in(body);
        assert!(!body.contains([markers.open, markers.close]), "{markers:?}");
    }
}
