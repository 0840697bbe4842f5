//! `uprkit translate update LANG --from-markdown`: a translation written by
//! hand (`content/x.fr.md`) made into its PO file, block by block. The
//! source's blocks and the translation's are paired in order, where the two
//! match: the same number of blocks, each of the same kind (and checklist
//! id), and the same Markdown around them (code, raw HTML, ids, shortcodes
//! are the source's in a page made from a PO file, so a translation that
//! changed them is not moved). The front matter too: a PO file translates
//! the title and summary only. Where anything differs, the page is left as
//! it is, with the place of the first difference.
//!
//! A translation stamped with a version of its source that has changed
//! since is paired with that version, found in git, and merged into the
//! template as `translate update` merges: what changed comes out fuzzy,
//! with the text it was translated from. Without that version, every entry
//! is fuzzy (nobody can tell which changed).

use std::path::Path;

use crate::engine::config::{line_of_key, Config};
use crate::engine::content::{body_hash, front_matter, Page};
use crate::engine::error::{Diagnostic, Location};
use crate::engine::yaml;
use crate::features::translations::diff::{stamped_source, Stamped};

use super::blocks::{blocks, Block, Kind};
use super::po::{Catalog, Entry};
use super::{merge, safety};

/// The front matter a PO file translates; the rest is the source's.
const TRANSLATED_KEYS: [&str; 3] = ["title", "summary", "source_hash"];

/// The PO file of `page` (`review/_index`) in `lang`, from its translation
/// written by hand, merged into `template`.
pub fn page_catalog(config: &Config, page: &str, lang: &str, template: &Catalog) -> Result<Catalog, Diagnostic> {
    let source_shown = Path::new("content").join(format!("{page}.md"));
    let shown = Path::new("content").join(format!("{page}.{lang}.md"));
    let read = |shown: &Path, rel: &str| -> Result<(String, Page), Diagnostic> {
        let path = config.content_dir.join(rel);
        let text = std::fs::read_to_string(&path)
            .map_err(|error| Diagnostic::new(Location::file(shown), format!("cannot read: {error}")))?;
        let parsed = Page::parse(rel, shown, &text, config).map_err(|mut problems| problems.remove(0))?;
        Ok((text, parsed))
    };
    let (source_text, source) = read(&source_shown, &format!("{page}.md"))?;
    let (text, translation) = read(&shown, &format!("{page}.{lang}.md"))?;
    front_matter_is_the_source_s(&shown, &text, &source_text)?;
    // The source as it was translated: now, or the stamped version in git.
    let mut base = source;
    let mut all_fuzzy = false;
    if let Some(stamp) = translation.front.source_hash.as_deref().filter(|&stamp| stamp != body_hash(&base.body)) {
        match stamped_source(config, &source_shown.to_string_lossy(), stamp) {
            Stamped::Found { text, .. } => {
                base = Page::parse(&format!("{page}.md"), &source_shown, &text, config)
                    .map_err(|mut problems| problems.remove(0))?;
            }
            Stamped::NoGit | Stamped::NotFound => all_fuzzy = true,
        }
    }
    let mut entries = pair(&base, &source_shown, &translation, &shown, &text)?;
    for entry in &mut entries {
        entry.fuzzy = all_fuzzy && !entry.translation.is_empty();
        if let Some(problem) = safety::added(&entry.id, &entry.translation) {
            return Err(Diagnostic::new(Location::file(&shown), problem.message()).with_help(problem.help()));
        }
    }
    Ok(merge(template, Some(&Catalog { entries, ..Catalog::default() }), lang))
}

/// Every key of the translation's front matter but the title and summary
/// has the source's value: a page made from a PO file has the source's.
fn front_matter_is_the_source_s(shown: &Path, text: &str, source_text: &str) -> Result<(), Diagnostic> {
    let mapping = |text: &str| -> yaml::Mapping {
        front_matter::split(shown, text)
            .ok()
            .and_then(|split| yaml::from_str::<Option<yaml::Mapping>>(split.yaml).ok().flatten())
            .unwrap_or_default()
    };
    let (ours, theirs) = (mapping(text), mapping(source_text));
    for (key, value) in &ours {
        let name = key.as_str().unwrap_or_default();
        if TRANSLATED_KEYS.contains(&name) || theirs.get(key) == Some(value) {
            continue;
        }
        let line = line_of_key(text, name).unwrap_or(1);
        return Err(Diagnostic::new(
            Location::at(shown, line, None),
            format!("its front matter's `{name}` is not its source's: a PO file translates the title and summary, and the page takes the rest from its source"),
        )
        .with_help(format!("give `{name}` the source's value or remove it (translators are credited in the PO file's header), then run this again; or keep translating this page in Markdown")));
    }
    Ok(())
}

/// What a block is, in a sentence.
fn kind_name(block: &Block) -> String {
    let kind = match block.kind {
        Kind::Heading => "heading",
        Kind::Paragraph => "paragraph",
        Kind::Item => "list item",
        Kind::Checklist => "checklist item",
        Kind::Cell => "table cell",
    };
    let context = block.context.as_ref().map(|id| format!(" {{#{id}}}")).unwrap_or_default();
    let note = if block.facilitator { " of a facilitator note" } else { "" };
    format!("a {kind}{context}{note}")
}

/// The first words of a block, to recognise it.
fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{} …", words[..8].join(" "))
    }
}

/// The source's messages (its title, summary and blocks), each with the
/// translation's block at the same place; the first place where the two
/// do not match, if any.
fn pair(
    source: &Page,
    source_shown: &Path,
    translation: &Page,
    shown: &Path,
    text: &str,
) -> Result<Vec<Entry>, Diagnostic> {
    let refuse = |line: usize, message: String| {
        Diagnostic::new(Location::at(shown, line, None), message).with_help(
            "a PO file keeps the source's Markdown and replaces its blocks' text: make the translation follow the source \
             block for block (the same headings, paragraphs, items and cells, in the same order), then run this again; \
             or keep translating this page in Markdown",
        )
    };
    let mut entries = Vec::new();
    // Not translated (a summary the translation lacks): an empty entry, so
    // that the merge gives none of the others' translations to it.
    let mut push = |context: &str, id: Option<&str>, text: Option<&str>, line: usize| match (id, text) {
        (Some(id), text) if !id.trim().is_empty() => {
            entries.push(Entry {
                context: Some(context.to_string()),
                id: id.to_string(),
                translation: text.unwrap_or_default().to_string(),
                ..Entry::default()
            });
            Ok(())
        }
        (None, Some(text)) if !text.trim().is_empty() => {
            Err(refuse(line, format!("it has a {context} its source does not have: a PO file could not keep it")))
        }
        _ => Ok(()),
    };
    let summary_line = line_of_key(text, "summary").unwrap_or(1);
    push("title", Some(&source.front.title), Some(&translation.front.title), 1)?;
    push("summary", source.front.summary.as_deref(), translation.front.summary.as_deref(), summary_line)?;
    let (theirs, ours) = (blocks(&source.body), blocks(&translation.body));
    let source_line = |block: &Block| source.body_line + block.line;
    let line = |block: &Block| translation.body_line + block.line;
    for n in 0..theirs.len().max(ours.len()) {
        match (theirs.get(n), ours.get(n)) {
            (Some(a), Some(b)) if (a.kind, &a.context, a.facilitator) == (b.kind, &b.context, b.facilitator) => {}
            (Some(a), Some(b)) => {
                return Err(refuse(
                    line(b),
                    format!(
                        "block {} is {} where {}:{} has {} (\"{}\")",
                        n + 1,
                        kind_name(b),
                        source_shown.display(),
                        source_line(a),
                        kind_name(a),
                        excerpt(&a.text)
                    ),
                ))
            }
            (Some(a), None) => {
                let end = translation.body_line + translation.body.lines().count();
                return Err(refuse(
                    end,
                    format!(
                        "it ends after block {n}, where {}:{} has one more, {} (\"{}\")",
                        source_shown.display(),
                        source_line(a),
                        kind_name(a),
                        excerpt(&a.text)
                    ),
                ));
            }
            (None, Some(b)) => {
                return Err(refuse(
                    line(b),
                    format!(
                        "block {} is {} (\"{}\") that {} does not have: the source ends after block {n}",
                        n + 1,
                        kind_name(b),
                        excerpt(&b.text),
                        source_shown.display()
                    ),
                ))
            }
            (None, None) => unreachable!(),
        }
    }
    same_markdown_around(source, source_shown, &theirs, translation, &ours)
        .map_err(|(at, message)| refuse(at, message))?;
    // The same text twice in the source is one message: one translation for both.
    let mut seen: std::collections::HashMap<(Option<String>, String), (String, usize)> = Default::default();
    for (a, b) in theirs.iter().zip(&ours) {
        let key = (a.context.clone(), a.text.clone());
        match seen.get(&key) {
            Some((first, _)) if *first == b.text => continue,
            Some((_, at)) => {
                return Err(refuse(
                    line(b),
                    format!(
                        "\"{}\" is twice in {} and translated two ways (here and on line {at}): a PO file has one translation for both",
                        excerpt(&a.text),
                        source_shown.display()
                    ),
                ))
            }
            None => {
                seen.insert(key, (b.text.clone(), line(b)));
            }
        }
        entries.push(Entry {
            context: a.context.clone(),
            id: a.text.clone(),
            translation: b.text.clone(),
            ..Entry::default()
        });
    }
    Ok(entries)
}

/// The Markdown between blocks (markers, ids, code, raw HTML, shortcodes)
/// is the same in both, whitespace aside; else the line of the first
/// difference in the translation, and what it is.
fn same_markdown_around(
    source: &Page,
    source_shown: &Path,
    theirs: &[Block],
    translation: &Page,
    ours: &[Block],
) -> Result<(), (usize, String)> {
    // Each gap's lines: without their spaces (what is compared), as written
    // (trimmed, what is shown), and the file line each is on.
    let gaps = |page: &Page, blocks: &[Block]| -> Vec<Vec<(String, String, usize)>> {
        let mut starts = vec![0];
        let mut ends = Vec::new();
        for block in blocks {
            ends.push(block.range.start);
            starts.push(block.range.end);
        }
        ends.push(page.body.len());
        starts
            .into_iter()
            .zip(ends)
            .map(|(start, end)| {
                let first_line = page.body[..start].matches('\n').count();
                page.body[start..end]
                    .split('\n')
                    .enumerate()
                    .map(|(n, line)| {
                        let squeezed: String = line.split_whitespace().collect();
                        (squeezed, line.trim().to_string(), page.body_line + first_line + n)
                    })
                    .filter(|(squeezed, _, _)| !squeezed.is_empty())
                    .collect()
            })
            .collect()
    };
    let source_name = source_shown.display();
    for (a, b) in gaps(source, theirs).iter().zip(gaps(translation, ours).iter()) {
        let Some(n) = (0..a.len().max(b.len())).find(|&n| a.get(n).map(|x| &x.0) != b.get(n).map(|y| &y.0)) else {
            continue;
        };
        let same = |x: Option<&(String, String, usize)>, y: Option<&(String, String, usize)>| {
            x.is_some() && x.map(|x| &x.0) == y.map(|y| &y.0)
        };
        let here = b.get(n).or(b.last()).map_or(translation.body_line, |y| y.2);
        let there = a.get(n).or(a.last()).map_or(source.body_line, |x| x.2);
        let message = match (a.get(n), b.get(n)) {
            (Some(_), Some(y)) if same(a.get(n), b.get(n + 1)) => {
                format!("`{}` that {source_name} does not have (near its line {there})", y.1)
            }
            (None, Some(y)) => format!("`{}` that {source_name} does not have (near its line {there})", y.1),
            (Some(x), Some(_)) if same(a.get(n + 1), b.get(n)) => {
                format!("no `{}` where {source_name}:{} has it", x.1, x.2)
            }
            (Some(x), None) => format!("no `{}` where {source_name}:{} has it", x.1, x.2),
            (Some(x), Some(y)) => format!("`{}` where {source_name}:{} has `{}`", y.1, x.2, x.1),
            (None, None) => unreachable!("a difference at {n}"),
        };
        return Err((
            here,
            format!(
                "outside the text to translate, it has {message}: a page made from a PO file keeps the source's Markdown there (markers, ids, code, HTML, shortcodes)"
            ),
        ));
    }
    Ok(())
}

/// The glossary's PO file in `lang`, from `content/glossary.LANG.yaml`,
/// merged into `template`: each term's fields paired with the source's
/// term at the same place.
pub fn glossary_catalog(config: &Config, lang: &str, template: &Catalog) -> Result<Catalog, Diagnostic> {
    let entries = super::glossary::from_translation(config, lang)?;
    Ok(merge(template, Some(&Catalog { entries, ..Catalog::default() }), lang))
}
