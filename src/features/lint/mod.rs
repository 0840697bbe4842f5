//! Content lint for `uprkit check`: problems an author can fix that do not
//! stop a build: headings that skip a level, images without alternative
//! text, links whose text says nothing of where they lead.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::engine::error::{Diagnostic, Location};
use crate::engine::feature::{Feature, Pass};
use crate::engine::markdown::{parser_options, LineIndex, PageRender, Spanned};
use crate::engine::report::{CheckContext, CheckReport};

pub struct Lint;

impl Pass for Lint {
    fn after(&self) -> &'static [&'static str] {
        &["checklists"]
    }

    fn run<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        // A page that still holds the starter's text: never published without a word.
        if let Some(at) = crate::scaffold::starter_text_at(&events) {
            let line = page.line(at);
            page.out
                .warnings
                .push(Diagnostic::new(Location::at(page.source, line, None), STARTER_TEXT).with_help(STARTER_HELP));
        }
        events
    }
}

impl Feature for Lint {
    fn pass(&self) -> Option<&dyn Pass> {
        Some(self)
    }

    fn name(&self) -> &'static str {
        "lint"
    }

    fn check(&self, check: &CheckContext, report: &mut CheckReport) {
        for page in &check.loaded.pages {
            if let Some(at) = crate::scaffold::starter_text_at(&crate::scaffold::parse(&page.body)) {
                let line = LineIndex::new(&page.body, page.body_line).line(at);
                report.errors.push(format!("{}:{line}: {STARTER_TEXT}\n  help: {STARTER_HELP}", page.source.display()));
            }
            for (line, message) in lint(&page.body, page.body_line) {
                report.lint.push(format!("{}:{line}: {message}", page.source.display()));
            }
        }
    }
}

const STARTER_TEXT: &str = "this page still holds the placeholder text `uprkit init` wrote";
const STARTER_HELP: &str = "replace it with your own text before you publish; in a translation, translate the page's new source text (`uprkit check --diff FILE` shows it)";

/// Link texts that say nothing of where the link goes, in the six UN languages.
const VAGUE_LINK_TEXTS: &[&str] = &[
    "click here",
    "here",
    "read more",
    "more",
    "link",
    "this link",
    "ici",
    "cliquez ici",
    "lire la suite",
    "aquí",
    "haga clic aquí",
    "leer más",
    "هنا",
    "اضغط هنا",
    "انقر هنا",
    "здесь",
    "нажмите здесь",
    "подробнее",
    "这里",
    "点击这里",
    "点击此处",
    "更多",
];

/// Problems an author can fix that do not stop a build: headings that skip
/// a level, images without alternative text, links whose text says nothing.
/// Returns (line, message) pairs.
pub fn lint(body: &str, first_line: usize) -> Vec<(usize, String)> {
    let lines = LineIndex::new(body, first_line);
    let mut problems = Vec::new();
    // The page title is the h1: the body's headings start at level 2.
    let mut previous_level = 1u8;
    let mut image: Option<(usize, String)> = None;
    let mut link: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = level as u8;
                let line = lines.line(range.start);
                if level == 1 {
                    problems.push((
                        line,
                        "a level-1 heading in the body: the title is the page's only one; use `##`".into(),
                    ));
                } else if level > previous_level + 1 {
                    problems.push((
                        line,
                        format!(
                            "heading level {level} after level {previous_level}: use {} instead",
                            "#".repeat(usize::from(previous_level) + 1)
                        ),
                    ));
                }
                previous_level = level;
            }
            Event::Start(Tag::Image { .. }) => image = Some((lines.line(range.start), String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((line, alt)) = image.take() {
                    if alt.trim().is_empty() {
                        problems.push((line, "an image without alternative text: write what it shows between the brackets, `![...](file)`".into()));
                    }
                }
            }
            Event::Start(Tag::Link { .. }) => link = Some((lines.line(range.start), String::new())),
            Event::End(TagEnd::Link) => {
                if let Some((line, text)) = link.take() {
                    let text = text.trim().trim_end_matches(['.', '!', '…']).to_lowercase();
                    if VAGUE_LINK_TEXTS.contains(&text.as_str()) {
                        problems.push((
                            line,
                            format!("the link text `{text}` does not say where it leads: name the page instead"),
                        ));
                    }
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(&text);
                } else if let Some((_, label)) = link.as_mut() {
                    label.push_str(&text);
                }
            }
            _ => {}
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_finds_skipped_levels_missing_alt_text_and_vague_links() {
        let body = "Intro.\n\n## Fine\n\n#### Skipped\n\n![](map.png)\n\n[click here](x.md) and [the review](y.md) and [ici](z.md).\n";
        let problems = lint(body, 5);
        let lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [9, 11, 13, 13], "{problems:?}");
        assert!(problems[0].1.starts_with("heading level 4 after level 2: use ###"));
        assert!(problems[1].1.starts_with("an image without alternative text"));
        assert!(problems[2].1.contains("`click here`") && problems[3].1.contains("`ici`"));
        assert!(lint("## A\n\n### B\n\n## C\n", 1).is_empty());
    }
}
