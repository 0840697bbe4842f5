//! Translation through gettext PO files, block by block, for translators who
//! work in Poedit, Weblate, Crowdin or a CAT tool.
//!
//! `uprkit translate extract` writes one template per page of the default
//! language, `po/templates/<path>.pot` (one file per page, as a translator is
//! given pages: a change to one page touches one file, and a team splits the
//! work by file). Its entries are the page's blocks ([`blocks`]) and its
//! front matter's `title` and `summary`. `uprkit translate update LANG`
//! extracts them again, then merges each template into
//! `po/LANG/<path>.po` as `msgmerge` does:
//! translations kept, a changed source marked `#, fuzzy` with the text it
//! replaced (`#| msgid`), new entries added, removed ones kept as obsolete
//! (`#~`). Running it twice changes nothing.

pub mod blocks;
pub mod counts;
pub mod from_markdown;
pub mod glossary;
pub mod lint;
pub mod lookup;
pub mod pages;
pub mod po;
pub mod safety;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::engine::config::{line_of_key, Config};
use crate::engine::content::loader;
use crate::engine::content::Page;
use crate::engine::error::{Diagnostic, Error, Result};

use po::{Catalog, Entry};

/// The folder of PO files, under the toolkit's root.
pub const PO_DIR: &str = "po";

/// The note (`#.`) of a message in a facilitator note.
pub const FACILITATOR_NOTE: &str = "facilitator note: for trainers only, never shown to participants";

/// The template of a page as `po/templates/<path>.pot` holds it.
pub fn template(page: &Page, file_text: &str) -> Catalog {
    let source = page.source.to_string_lossy().replace('\\', "/");
    let mut entries: Vec<Entry> = Vec::new();
    let mut front = |key: &str, value: Option<&str>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            let line = line_of_key(file_text, key).unwrap_or(1);
            entries.push(Entry {
                notes: vec![format!("front matter: {key}")],
                references: vec![format!("{source}:{line}")],
                context: Some(key.to_string()),
                id: value.to_string(),
                ..Entry::default()
            });
        }
    };
    front("title", Some(&page.front.title));
    front("summary", page.front.summary.as_deref());
    let mut index: HashMap<(Option<String>, String), usize> = HashMap::new();
    for block in blocks::blocks(&page.body) {
        let reference = format!("{source}:{}", page.body_line + block.line);
        let key = (block.context.clone(), block.text.clone());
        // The same text twice on a page is one message with two references.
        if let Some(&at) = index.get(&key) {
            entries[at].references.push(reference);
            // Trainers' only if every place is in a facilitator note.
            if !block.facilitator {
                entries[at].notes.retain(|note| note != FACILITATOR_NOTE);
            }
            continue;
        }
        index.insert(key, entries.len());
        let mut notes = vec![block.kind.note().to_string()];
        if block.facilitator {
            notes.push(FACILITATOR_NOTE.to_string());
        }
        entries.push(Entry {
            notes,
            references: vec![reference],
            context: block.context,
            id: block.text,
            ..Entry::default()
        });
    }
    Catalog { header: header(None, &source), entries, ..Catalog::default() }
}

/// The header of a template (`lang` none) or of a language's file.
fn header(lang: Option<&str>, source: &str) -> Vec<(String, String)> {
    let mut header = vec![
        ("Project-Id-Version".to_string(), source.to_string()),
        ("PO-Revision-Date".to_string(), "YEAR-MO-DA HO:MI+ZONE".to_string()),
        ("Last-Translator".to_string(), "FULL NAME <EMAIL@ADDRESS>".to_string()),
        ("Language-Team".to_string(), "none".to_string()),
        ("Language".to_string(), lang.unwrap_or("").to_string()),
        ("MIME-Version".to_string(), "1.0".to_string()),
        ("Content-Type".to_string(), "text/plain; charset=UTF-8".to_string()),
        ("Content-Transfer-Encoding".to_string(), "8bit".to_string()),
        ("X-Generator".to_string(), "uprkit".to_string()),
    ];
    if lang.is_some() {
        header.push(("Plural-Forms".to_string(), "nplurals=1; plural=0;".to_string()));
    }
    header
}

/// `content/review/adoption.md` → `review/adoption`.
pub(crate) fn page_path(page: &Page) -> String {
    let source = page.source.to_string_lossy().replace('\\', "/");
    let rel = source.strip_prefix("content/").unwrap_or(&source);
    rel.strip_suffix(".md").unwrap_or(rel).to_string()
}

/// How alike two texts are, from 0 to 1, as gettext's `fstrcmp` measures
/// it: twice the bytes they share in order, over their total length (bytes
/// of UTF-8, as msgmerge counts them, so that text outside ASCII near the
/// 0.6 line is decided as msgmerge decides it).
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    // The longest common subsequence, one row at a time.
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { row[j + 1].max(row[j]) };
            diagonal = above;
        }
    }
    2.0 * row[b.len()] as f64 / (a.len() + b.len()) as f64
}

/// The templates of every page of the default language, written under
/// `po/templates/`; templates of pages that are gone are removed. Returns
/// the files written.
pub fn extract(config: &Config) -> Result<Vec<PathBuf>> {
    let loaded = loader::load(config, true)?;
    let default = &config.default_language().code;
    let dir = config.root.join(PO_DIR).join("templates");
    let mut written = Vec::new();
    let mut wanted = HashSet::new();
    for page in loaded.pages.iter().filter(|page| &page.lang == default) {
        let file_text = std::fs::read_to_string(config.root.join(&page.source))
            .map_err(Error::io("cannot read", &config.root.join(&page.source)))?;
        let rel = format!("{}.pot", page_path(page));
        let path = dir.join(&rel);
        wanted.insert(path.clone());
        let text = template(page, &file_text).to_po();
        write_if_changed(&path, &text, std::fs::read_to_string(&path).ok().as_deref())?;
        written.push(Path::new(PO_DIR).join("templates").join(rel));
    }
    if let Some(glossary) = glossary::template(config) {
        let path = dir.join(format!("{}.pot", glossary::NAME));
        wanted.insert(path.clone());
        let text = Catalog { header: header(None, &format!("content/{}", glossary::NAME)), ..glossary }.to_po();
        write_if_changed(&path, &text, std::fs::read_to_string(&path).ok().as_deref())?;
        written.push(Path::new(PO_DIR).join("templates").join(format!("{}.pot", glossary::NAME)));
    }
    for (rel, path) in crate::engine::templates::files_under(&dir)? {
        if rel.ends_with(".pot") && !wanted.contains(&path) {
            std::fs::remove_file(&path).map_err(Error::io("cannot remove", &path))?;
        }
    }
    Ok(written)
}

/// What `update` did to one language's file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Merged {
    pub path: PathBuf,
    /// Its entries translated, fuzzy and untranslated, as `pocount` counts them.
    pub counts: counts::BlockCounts,
    pub obsolete: usize,
}

/// Writes `text` to `path` unless it holds it already (`old`), making its
/// folder: a file that does not change keeps its date, for version control
/// and for the tools that watch it.
fn write_if_changed(path: &Path, text: &str, old: Option<&str>) -> Result<()> {
    if old == Some(text) {
        return Ok(());
    }
    let dir = path.parent().expect("a file in a folder");
    std::fs::create_dir_all(dir).map_err(Error::io("cannot create folder", dir))?;
    std::fs::write(path, text).map_err(Error::io("cannot write", path))
}

/// What `update` did for one language.
#[derive(Debug, Default)]
pub struct Updated {
    /// Each PO file, as it is now.
    pub merged: Vec<Merged>,
    /// The translations written by hand (`content/x.fr.md`,
    /// `content/glossary.fr.yaml`) that make their page, so got no PO file.
    pub by_hand: Vec<PathBuf>,
    /// With `from_markdown`: those made into their PO file, then removed
    /// (the translation, its PO file).
    pub moved: Vec<(PathBuf, PathBuf)>,
    /// With `from_markdown`: those left as they are, and why.
    pub refused: Vec<Diagnostic>,
}

/// Extracts the templates again, then merges each into `po/<lang>/`,
/// making the files that are missing; with `from_markdown`, a translation
/// written by hand becomes its PO file, where it follows its source block
/// for block ([`from_markdown`]), and is removed: the PO file makes the
/// page (a hand-written file would win over it).
pub fn update(config: &Config, lang: &str, from_markdown: bool) -> Result<Updated> {
    if config.language(lang).is_none() || lang == config.default_language().code {
        let codes: Vec<&str> = config.languages.iter().skip(1).map(|l| l.code.as_str()).collect();
        return Err(Error::Usage(format!(
            "`{lang}` is not one of the guide's languages to translate into: {}",
            codes.join(", ")
        )));
    }
    // The templates first, from the source as it is now: stale ones made
    // an English edit give "0 fuzzy" and change nothing.
    extract(config)?;
    let templates = config.root.join(PO_DIR).join("templates");
    let files = crate::engine::templates::files_under(&templates)?;
    let mut updated = Updated::default();
    for (rel, path) in files.iter().filter(|(rel, _)| rel.ends_with(".pot")) {
        // A page translated by hand (`page.fr.md`) gets no PO file: that file wins.
        let page = rel.strip_suffix(".pot").unwrap_or(rel);
        let target_exists = config.root.join(PO_DIR).join(lang).join(format!("{page}.po")).is_file();
        let by_hand = match page.strip_suffix(".yaml") {
            // The glossary: `glossary.fr.yaml`.
            Some(stem) => config.content_dir.join(format!("{stem}.{lang}.yaml")),
            None => config.content_dir.join(format!("{page}.{lang}.md")),
        };
        let shown = Path::new(PO_DIR).join("templates").join(rel);
        let text = std::fs::read_to_string(path).map_err(Error::io("cannot read", path))?;
        let template = po::parse(&shown, &text).map_err(Error::one)?;
        let rel_po = format!("{}.po", rel.strip_suffix(".pot").unwrap_or(rel));
        let target = config.root.join(PO_DIR).join(lang).join(&rel_po);
        let shown_target = Path::new(PO_DIR).join(lang).join(&rel_po);
        if !target_exists && by_hand.is_file() {
            let shown_by_hand = by_hand.strip_prefix(&config.root).unwrap_or(&by_hand).to_path_buf();
            if !from_markdown {
                updated.by_hand.push(shown_by_hand);
                continue;
            }
            let made = match page.strip_suffix(".yaml") {
                Some(_) => from_markdown::glossary_catalog(config, lang, &template),
                None => from_markdown::page_catalog(config, page, lang, &template),
            };
            match made {
                Ok(catalog) => {
                    write_if_changed(&target, &catalog.to_po(), None)?;
                    std::fs::remove_file(&by_hand).map_err(Error::io("cannot remove", &by_hand))?;
                    updated.moved.push((shown_by_hand, shown_target.clone()));
                }
                Err(problem) => {
                    updated.refused.push(problem);
                    continue;
                }
            }
        }
        let old_text = match std::fs::read_to_string(&target) {
            Ok(text) => Some(text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(Error::io("cannot read", &target)(error)),
        };
        let existing =
            old_text.as_deref().map(|text| po::parse(&shown_target, text)).transpose().map_err(Error::one)?;
        let catalog = merge(&template, existing.as_ref(), lang);
        write_if_changed(&target, &catalog.to_po(), old_text.as_deref())?;
        updated.merged.push(Merged {
            path: shown_target,
            counts: counts::file_counts(&catalog),
            obsolete: catalog.entries.iter().filter(|e| e.obsolete).count(),
        });
    }
    Ok(updated)
}

/// `msgmerge`'s rules: the template's entries in its order, each with the
/// translation (and translator's comments) of the same message, or of the
/// closest one that left (then fuzzy, with the text it was made for); what
/// is left over, obsolete.
pub fn merge(template: &Catalog, existing: Option<&Catalog>, lang: &str) -> Catalog {
    let empty = Catalog::default();
    let existing = existing.unwrap_or(&empty);
    let source = template.header_value("Project-Id-Version").unwrap_or("");
    let header = if existing.header.is_empty() { header(Some(lang), source) } else { existing.header.clone() };
    let mut used = vec![false; existing.entries.len()];
    let exact = lookup::Lookup::new(&existing.entries, |_| true);
    let mut entries = Vec::with_capacity(template.entries.len());
    let mut pending = Vec::new();
    for (n, wanted) in template.entries.iter().enumerate() {
        let mut entry =
            Entry { obsolete: false, fuzzy: false, previous: None, previous_context: None, ..wanted.clone() };
        // The same message (its old form, with the source's line breaks,
        // too); or the same text come back without its context (XLIFF
        // tools such as translate-toolkit's po2xliff drop msgctxt).
        let same = exact
            .same(wanted.context.as_deref(), &wanted.id)
            .or_else(|| wanted.context.as_ref().and_then(|_| exact.without_context(&wanted.id)).filter(|&i| !used[i]));
        if let Some(i) = same {
            used[i] = true;
            let old = &existing.entries[i];
            entry.translation = old.translation.clone();
            entry.comments = old.comments.clone();
            entry.fuzzy = old.fuzzy && !old.translation.is_empty();
            if entry.fuzzy {
                entry.previous = old.previous.clone();
                entry.previous_context = old.previous_context.clone();
            }
        } else {
            pending.push(n);
        }
        entries.push(entry);
    }
    // A changed text: as msgmerge, the most similar translated message of
    // the old file (one already kept counts too), if similar enough, in any
    // context (a renamed checklist id, a context mistyped in a PO editor:
    // `#| msgctxt` says which it was); and a checklist item's translation
    // whatever its new text, found by its id.
    let mut fuzzy_sources = vec![false; existing.entries.len()];
    for n in pending {
        let wanted = &template.entries[n];
        let candidate = existing
            .entries
            .iter()
            .enumerate()
            .filter(|(_, old)| !old.translation.is_empty())
            .filter_map(|(i, old)| {
                let same_context = old.context == wanted.context;
                let by_id = wanted.context.is_some() && same_context && !used[i];
                let score = similarity(&blocks::normalise(&old.id), &wanted.id);
                (score >= 0.6 || by_id).then_some(((if by_id { 2.0 } else { score }, same_context), i))
            })
            .max_by(|a, b| a.0 .0.total_cmp(&b.0 .0).then(a.0 .1.cmp(&b.0 .1)).then(b.1.cmp(&a.1)));
        if let Some((_, i)) = candidate {
            fuzzy_sources[i] = true;
            let old = &existing.entries[i];
            let entry = &mut entries[n];
            entry.translation = old.translation.clone();
            entry.comments = old.comments.clone();
            entry.fuzzy = true;
            // What the translation was made for: an entry fuzzy already keeps its own.
            let (previous_context, previous) = match (&old.previous, old.fuzzy) {
                (Some(previous), true) => (old.previous_context.clone(), previous.clone()),
                _ => (old.context.clone(), old.id.clone()),
            };
            entry.previous = Some(previous);
            entry.previous_context = previous_context;
        }
    }
    for (i, old) in existing.entries.iter().enumerate() {
        if !used[i] && !fuzzy_sources[i] && !old.translation.is_empty() {
            entries.push(Entry { obsolete: true, references: Vec::new(), notes: Vec::new(), ..old.clone() });
        }
    }
    // The credits and copyright above the header, as the translators left them.
    Catalog { header_comments: existing.header_comments.clone(), header, entries, ..Catalog::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(context: Option<&str>, id: &str, translation: &str) -> Entry {
        Entry { context: context.map(String::from), id: id.into(), translation: translation.into(), ..Entry::default() }
    }

    #[test]
    fn similarity_counts_bytes_as_msgmerge_does() {
        assert_eq!(similarity("ab", "ab"), 1.0);
        // "é" is two bytes: one shared byte of five, not one character of four.
        assert!((similarity("ab", "aé") - 0.4).abs() < 1e-9, "{}", similarity("ab", "aé"));
    }

    #[test]
    fn merge_keeps_marks_fuzzy_adds_and_obsoletes_and_is_stable() {
        let old_template = Catalog {
            header: Vec::new(),
            lines: Vec::new(),
            translation_lines: Vec::new(),
            header_comments: Vec::new(),
            entries: vec![
                entry(None, "Keep this sentence.", "Garder cette phrase."),
                entry(None, "The State under review submits a national report.", "L'État soumet un rapport national."),
                entry(Some("send-report"), "Send the report", "Envoyer le rapport"),
                entry(None, "A paragraph about something else entirely.", "Un paragraphe supprimé."),
            ],
        };
        let template = Catalog {
            lines: Vec::new(),
            translation_lines: Vec::new(),
            header_comments: Vec::new(),
            header: vec![("Project-Id-Version".into(), "content/a.md".into())],
            entries: vec![
                entry(None, "Keep this sentence.", ""),
                entry(None, "The State under review submits its national report.", ""),
                entry(Some("send-report"), "Send the stakeholder report", ""),
                entry(None, "A brand new paragraph.", ""),
            ],
        };
        let merged = merge(&template, Some(&old_template), "fr");
        let e = &merged.entries;
        assert_eq!((e[0].translation.as_str(), e[0].fuzzy), ("Garder cette phrase.", false));
        assert!(e[1].fuzzy && e[1].previous.as_deref() == Some("The State under review submits a national report."));
        assert!(
            e[2].fuzzy
                && e[2].translation == "Envoyer le rapport"
                && e[2].previous.as_deref() == Some("Send the report")
        );
        assert!(!e[3].fuzzy && e[3].translation.is_empty());
        assert!(e[4].obsolete && e[4].id == "A paragraph about something else entirely.");
        // Once more: nothing changes.
        assert_eq!(merge(&template, Some(&merged), "fr"), merged);
    }
}
