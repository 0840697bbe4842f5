//! A language's pages made from PO files: for a page of the default
//! language with no hand-written translation (`page.fr.md` wins) and a
//! `po/<lang>/<page>.po`, the page's Markdown with each block replaced by its
//! translation. A block not translated yet keeps the source text, marked
//! with its language; a fuzzy one shows its translation, and the page gets
//! the notice that a newer version of its source exists. Checklist items
//! keep their `{#id}`, so readers' ticks are shared across languages.

use std::collections::HashSet;
use std::path::Path;

use crate::engine::config::Config;
use crate::engine::content::page::{Origin, Origins};
use crate::engine::content::{body_hash, Loaded, Page};
use crate::engine::error::{Diagnostic, Location, Result};

use super::blocks::{blocks, lines_of, Kind};
use super::lookup::Lookup;
use super::po::{self, Catalog};
use super::safety;
use super::{page_path, PO_DIR};

/// The pages the PO files of every language make.
pub fn pages(config: &Config, loaded: &Loaded) -> std::result::Result<Vec<Page>, Vec<Diagnostic>> {
    if !config.root.join(PO_DIR).is_dir() {
        return Ok(Vec::new());
    }
    let default = &config.default_language().code;
    let default_dir = config.default_language().direction.as_str();
    let written: HashSet<(&str, &str)> = loaded.pages.iter().map(|p| (p.slug.as_str(), p.lang.as_str())).collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for language in config.languages.iter().skip(1) {
        let lang = &language.code;
        for page in loaded.pages.iter().filter(|p| &p.lang == default) {
            if written.contains(&(page.slug.as_str(), lang.as_str())) {
                continue;
            }
            let shown = Path::new(PO_DIR).join(lang).join(format!("{}.po", page_path(page)));
            match po::read(&config.root, &shown) {
                Ok(None) => {}
                // Nothing translated yet: the page stays the default language's, marked so.
                Ok(Some(catalog)) if catalog.entries.iter().all(|e| e.obsolete || e.translation.is_empty()) => {}
                Ok(Some(catalog)) => match translated(page, &catalog, lang, (default, default_dir), &shown) {
                    Ok(page) => out.push(page),
                    Err(found) => problems.extend(found),
                },
                Err(problem) => problems.push(problem),
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// `page` in `lang`, from the entries of its PO file; an error for each
/// translation that adds what its source does not have (raw HTML, a link
/// that runs code).
fn translated(
    page: &Page,
    catalog: &Catalog,
    lang: &str,
    default: (&str, &str),
    shown: &Path,
) -> std::result::Result<Page, Vec<Diagnostic>> {
    let index = Lookup::new(&catalog.entries, |entry| !entry.obsolete);
    let mut fuzzy = false;
    let mut problems = Vec::new();
    let mut text_of = |context: Option<&str>, id: &str, kind: Option<Kind>| -> Option<(String, usize)> {
        // A context dropped on the way (XLIFF tools): the text alone.
        let at = index.same(context, id).or_else(|| index.without_context(id))?;
        let (entry, line) = (&catalog.entries[at], catalog.translation_lines[at]);
        if entry.translation.is_empty() {
            return None;
        }
        if let Some(problem) = safety::added(&entry.id, &entry.translation) {
            problems
                .push(Diagnostic::new(Location::at(shown, line, None), problem.message()).with_help(problem.help()));
            return None;
        }
        fuzzy |= entry.fuzzy;
        // A hard break is the translator's only where the source has one.
        let kind = kind.filter(|_| entry.id.contains('\n')).or(kind.filter(|&kind| kind == Kind::Cell));
        Some((in_block(&entry.translation, kind), line))
    };
    let mut body = String::with_capacity(page.body.len() + page.body.len() / 4);
    // Each line of the new body: a line of the source page, or of a msgstr.
    let source_lines = crate::engine::markdown::LineIndex::new(&page.body, page.body_line);
    let mut origins = vec![Origin::Original(page.body_line)];
    let push_source = |body: &mut String, origins: &mut Vec<Origin>, range: std::ops::Range<usize>| {
        let text = &page.body[range.clone()];
        for (at, _) in text.match_indices('\n') {
            origins.push(Origin::Original(source_lines.line(range.start + at + 1)));
        }
        body.push_str(text);
    };
    let mut last = 0;
    for block in blocks(&page.body) {
        push_source(&mut body, &mut origins, last..block.range.start);
        match text_of(block.context.as_deref(), &block.text, Some(block.kind)) {
            Some((translation, line)) => {
                *origins.last_mut().expect("a first line") = Origin::Own(line);
                origins.extend(translation.matches('\n').map(|_| Origin::Own(line)));
                body.push_str(&translation);
            }
            None => {
                body.push_str(&format!("<span lang=\"{}\" dir=\"{}\">", default.0, default.1));
                push_source(&mut body, &mut origins, block.range.clone());
                body.push_str("</span>");
            }
        }
        last = block.range.end;
    }
    push_source(&mut body, &mut origins, last..page.body.len());
    let mut front = page.front.clone();
    if let Some((title, _)) = text_of(Some("title"), &page.front.title, None) {
        front.title = title;
    }
    // A summary not yet translated is left out, as a page translated by
    // hand without one has none: a summary has no place to say its
    // language, and the section lists and the page's description show it.
    front.summary = page.front.summary.as_deref().and_then(|s| text_of(Some("summary"), s, None)).map(|(s, _)| s);
    // Up to date, unless a translation was made for an earlier source text.
    front.source_hash = Some(if fuzzy { "fuzzy".to_string() } else { body_hash(&page.body) });
    if !problems.is_empty() {
        problems.sort_by_key(|problem| problem.location.line);
        return Err(problems);
    }
    Ok(Page {
        source: shown.to_path_buf(),
        slug: page.slug.clone(),
        lang: lang.to_string(),
        kind: page.kind,
        dir: page.dir.clone(),
        front,
        body,
        body_line: page.body_line,
        origins: Some(std::sync::Arc::new(Origins { original: page.source.clone(), lines: origins })),
    })
}

/// A translation as the Markdown of its block: on one line, as a line
/// break of the source's layout is not the translator's and a `\r` is a
/// line break too (either would end the block), except after a hard break
/// in a block that has room for one (a paragraph or an item; not a
/// heading, a table cell or front matter). The line after a hard break is
/// text, never the start of a block: one that would begin a heading, a
/// list, a quote, a fence or a table starts with `&#32;` (a space). In a
/// table cell a `|` is text, not the end of the cell.
fn in_block(translation: &str, kind: Option<Kind>) -> String {
    if kind == Some(Kind::Cell) {
        let mut escaped = String::with_capacity(translation.len());
        let mut backslashes = 0;
        for c in translation.chars() {
            if c == '|' && backslashes % 2 == 0 {
                escaped.push('\\');
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
            escaped.push(c);
        }
        return in_block(&escaped, None);
    }
    let breaks = matches!(kind, Some(Kind::Paragraph | Kind::Item | Kind::Checklist));
    let mut out = String::with_capacity(translation.len());
    let mut after_break = false;
    for (line, hard) in lines_of(translation) {
        if after_break
            && line.starts_with([
                '#', '>', '-', '+', '*', '_', '=', '|', '`', '~', '<', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
            ])
        {
            out.push_str("&#32;");
        }
        out.push_str(line);
        after_break = hard && breaks;
        out.push_str(if after_break { "\\\n" } else { " " });
    }
    out.truncate(out.trim_end_matches(' ').len());
    out
}

/// PO files no page is made from, as a hand-written translation exists:
/// what `check` says of them.
pub fn unused(config: &Config, loaded: &Loaded) -> Vec<String> {
    let default = &config.default_language().code;
    let mut out = Vec::new();
    for page in loaded.pages.iter().filter(|p| &p.lang != default && !p.source.starts_with(PO_DIR)) {
        let Some(source) = loaded.pages.iter().find(|p| p.slug == page.slug && &p.lang == default) else { continue };
        let po = Path::new(PO_DIR).join(&page.lang).join(format!("{}.po", page_path(source)));
        if config.root.join(&po).is_file() {
            out.push(format!(
                "{} is not used: {} is written by hand and wins (delete one of them)",
                po.display(),
                page.source.display()
            ));
        }
    }
    out
}

/// PO files of no page (`po/fr/review/old.po` once `content/review/old.md`
/// is renamed or deleted): what `check` says of them. A file whose messages
/// are mostly those of a page without a PO file of its own in that
/// language is that page's, renamed: the move is named.
pub fn orphans(config: &Config, loaded: &Loaded) -> Vec<String> {
    let default = &config.default_language().code;
    let sources: Vec<&Page> = loaded.pages.iter().filter(|p| &p.lang == default).collect();
    let mut out = Vec::new();
    for language in config.languages.iter().skip(1) {
        let dir = config.root.join(PO_DIR).join(&language.code);
        let Ok(files) = crate::engine::templates::files_under(&dir) else { continue };
        for (rel, _) in files {
            let Some(path) = rel.strip_suffix(".po") else { continue };
            // Its page's file (a draft's too: `translate extract` makes templates of drafts).
            if path == super::glossary::NAME || config.content_dir.join(format!("{path}.md")).is_file() {
                continue;
            }
            let shown = Path::new(PO_DIR).join(&language.code).join(&rel);
            let Ok(Some(catalog)) = po::read(&config.root, &shown) else { continue };
            let ids: HashSet<&str> = catalog
                .entries
                .iter()
                .filter(|e| !e.obsolete && !e.translation.is_empty())
                .map(|e| e.id.as_str())
                .collect();
            // The page without a PO file in this language whose blocks the file translates most.
            let renamed = sources
                .iter()
                .filter(|page| {
                    !config.root.join(PO_DIR).join(&language.code).join(format!("{}.po", page_path(page))).exists()
                })
                .map(|page| {
                    let texts: Vec<String> = blocks(&page.body).into_iter().map(|block| block.text).collect();
                    let shared = texts.iter().filter(|text| ids.contains(text.as_str())).count();
                    (shared, texts.len(), page)
                })
                .filter(|&(shared, total, _)| shared > 0 && shared * 2 >= total.min(ids.len()))
                .max_by_key(|&(shared, _, _)| shared);
            out.push(match renamed {
                Some((_, _, page)) => {
                    let to = Path::new(PO_DIR).join(&language.code).join(format!("{}.po", page_path(page)));
                    format!(
                        "{} belongs to no page: content/{path}.md is gone, and {} holds most of its texts. If the page was renamed, move its translations with it: git mv {} {} (or mv), then uprkit translate update {}",
                        shown.display(),
                        page.source.display(),
                        shown.display(),
                        to.display(),
                        language.code
                    )
                }
                None => format!(
                    "{} belongs to no page: content/{path}.md is gone. If the page was renamed, move the file to the new page's path under {}; if it was deleted, delete the file",
                    shown.display(),
                    Path::new(PO_DIR).join(&language.code).display()
                ),
            });
        }
    }
    out
}

/// The error of a `Result` of this module as the engine's.
pub fn into_result(result: std::result::Result<Vec<Page>, Vec<Diagnostic>>) -> Result<Vec<Page>> {
    result.map_err(crate::engine::error::Error::Content)
}
