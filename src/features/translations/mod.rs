//! Translation status: where each language stands against the default
//! one, per phase (translated, outdated, unstamped, missing), with a to-do
//! list of files for `uprkit check`; and `uprkit check --stamp`, which
//! records in a translation the version of its source it now follows.

pub mod diff;
pub mod gettext;

use std::path::{Path, PathBuf};

use crate::engine::config::Config;
use crate::engine::content::{body_hash, Page};
use crate::engine::error::{Diagnostic, Error, Location, Result};
use crate::engine::feature::{value, Feature, LoadContext};
use crate::engine::i18n::phase_label;
use crate::engine::report::{CheckContext, CheckReport, Counts, PhaseStatus, Todo};
use crate::engine::site::TranslationStatus;

pub struct Translations;

impl Feature for Translations {
    /// Pages translated in PO files, and the glossaries translated in them
    /// (`glossary.LANG.yaml` where the language has no such file).
    fn load(&mut self, cx: &mut LoadContext) -> Result<()> {
        let pages = gettext::pages::into_result(gettext::pages::pages(cx.config, cx.content));
        let mut problems = Vec::new();
        for language in &cx.config.languages[1..] {
            let name = format!("glossary.{}.yaml", language.code);
            if cx.config.content_dir.join(&name).is_file() {
                continue;
            }
            match gettext::glossary::translated_yaml(cx.config, &language.code) {
                None => {}
                Some(Err(problem)) => problems.push(problem),
                Some(Ok(yaml)) => {
                    cx.files.insert(name, (gettext::glossary::po_path(&language.code), yaml));
                }
            }
        }
        match pages {
            Ok(pages) if problems.is_empty() => {
                cx.pages.extend(pages);
                Ok(())
            }
            Ok(_) => Err(Error::Content(problems)),
            Err(Error::Content(mut found)) => {
                found.extend(problems);
                Err(Error::Content(found))
            }
            Err(other) => Err(other),
        }
    }

    fn name(&self) -> &'static str {
        "translations"
    }

    fn check(&self, check: &CheckContext, report: &mut CheckReport) {
        let CheckContext { config, site, theme, .. } = check;
        let default = config.default_language();
        let strings = &theme.strings[&default.code];

        report.warnings.extend(gettext::pages::unused(config, check.loaded));
        report.warnings.extend(gettext::pages::orphans(config, check.loaded));
        let mut report_lint = Vec::new();
        let mut templates: std::collections::HashMap<&str, gettext::po::Catalog> = std::collections::HashMap::new();
        let default_site = &site.languages[0];
        for (language, status) in site.languages[1..].iter().zip(&mut report.languages) {
            let mut phases: Vec<PhaseStatus> = std::iter::once(None)
                .chain(config.phases.iter().map(|phase| Some(phase.id.clone())))
                .map(|id| PhaseStatus { name: phase_label(strings, id.as_deref()), id, counts: Counts::default() })
                .collect();
            let mut blocks = gettext::counts::BlockCounts::default();
            let mut phase_blocks: Vec<(Option<String>, gettext::counts::BlockCounts)> =
                phases.iter().map(|phase| (phase.id.clone(), Default::default())).collect();
            let mut po_files = Vec::new();
            for entry in &language.entries {
                let Some(source) = default_site.get(&entry.slug).map(|source| source.page) else {
                    continue; // only in this language: nothing to follow
                };
                // Blocks of text, from the page's PO file if it is made from one.
                let po = (!entry.is_fallback && entry.page.source.starts_with(gettext::PO_DIR))
                    .then(|| std::fs::read_to_string(config.root.join(&entry.page.source)).ok())
                    .flatten()
                    .and_then(|text| gettext::po::parse(&entry.page.source, &text).ok());
                // Each source page's messages, worked out once for every language.
                let messages = templates.entry(source.slug.as_str()).or_insert_with(|| gettext::template(source, ""));
                let counts = gettext::counts::page_counts(messages, entry.status, po.as_ref());
                blocks.add(&counts);
                if let Some((_, slot)) = phase_blocks.iter_mut().find(|(id, _)| *id == entry.phase) {
                    slot.add(&counts);
                }
                if let Some(catalog) = &po {
                    report_lint.extend(gettext::lint::lint(&entry.page.source, catalog));
                    po_files.push(PoFile {
                        file: entry.page.source.to_string_lossy().replace('\\', "/"),
                        counts: gettext::counts::file_counts(catalog),
                    });
                }
                let slot = phases.iter_mut().find(|p| p.id == entry.phase).unwrap_or_else(|| unreachable!());
                slot.counts.add(entry.status);
                status.totals.add(entry.status);
                // A PO file with messages left empty is not done, even when
                // every translated one is current.
                let untranslated = po.as_ref().map_or(0, |catalog| {
                    catalog.entries.iter().filter(|e| !e.obsolete && e.translation.is_empty()).count()
                });
                let action = match entry.status {
                    TranslationStatus::Missing => Some("translate"),
                    TranslationStatus::Outdated => Some("update"),
                    TranslationStatus::Unstamped => Some("stamp"),
                    TranslationStatus::Current if untranslated > 0 => Some("finish"),
                    TranslationStatus::Current | TranslationStatus::Original => None,
                };
                if let Some(action) = action {
                    status.todo.push(Todo {
                        action,
                        source: source.source.clone(),
                        // The file to work on: the page's own (a PO file) when it has one.
                        translation: if entry.is_fallback {
                            source.translation_path(&language.lang)
                        } else {
                            entry.page.source.clone()
                        },
                        phase: entry.phase.clone(),
                        untranslated,
                    });
                }
            }
            phases.retain(|phase| phase.counts.total > 0);
            status.phases = phases;
            status.fact_lines.push(format!(
                "blocks     {} of {} translated ({} of {} words), {} fuzzy, {} untranslated",
                blocks.translated,
                blocks.total(),
                blocks.translated_words,
                blocks.total_words(),
                blocks.fuzzy,
                blocks.untranslated
            ));
            phase_blocks.retain(|(_, counts)| counts.total() > 0);
            if phase_blocks.len() > 1 {
                let per_phase: Vec<String> = phase_blocks
                    .iter()
                    .map(|(id, counts)| {
                        let name = phase_label(strings, id.as_deref());
                        format!("{name} {}/{}", counts.translated, counts.total())
                    })
                    .collect();
                status.fact_lines.push(format!("           by phase: {}", per_phase.join(", ")));
            }
            let phase_blocks: Vec<PhaseBlocks> =
                phase_blocks.into_iter().map(|(id, counts)| PhaseBlocks { id, counts }).collect();
            status.facts.insert("blocks", value(Blocks { total: blocks, phases: phase_blocks }));
            status.facts.insert("po_files", value(po_files));
        }
        report.lint.extend(report_lint);
    }
}

/// A language's blocks of text (headings, paragraphs, items, cells, titles),
/// as `check --format json` reports them under `blocks`.
#[derive(serde::Serialize)]
struct Blocks {
    total: gettext::counts::BlockCounts,
    phases: Vec<PhaseBlocks>,
}

#[derive(serde::Serialize)]
struct PhaseBlocks {
    id: Option<String>,
    #[serde(flatten)]
    counts: gettext::counts::BlockCounts,
}

/// A PO file's entries as they are (as `pocount` counts them), under `po_files`.
#[derive(serde::Serialize)]
struct PoFile {
    file: String,
    #[serde(flatten)]
    counts: gettext::counts::BlockCounts,
}

/// Records in each translation the hash of its source's current text.
/// Returns one line per file stamped.
pub fn stamp(config: &Config, files: &[PathBuf]) -> Result<Vec<String>> {
    let mut done = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        match stamp_one(config, file) {
            Ok(line) => done.push(line),
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok(done)
    } else {
        Err(Error::Content(problems))
    }
}

/// A translation file given on the command line, and its source.
struct Opened {
    absolute: PathBuf,
    text: String,
    source_display: PathBuf,
    page: Page,
    source_rel: String,
    source: Page,
}

fn open_translation(config: &Config, file: &Path) -> Result<Opened, Vec<Diagnostic>> {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let content_dir = config.content_dir.canonicalize().unwrap_or_else(|_| config.content_dir.clone());
    let absolute = absolute.canonicalize().map_err(|error| {
        vec![Diagnostic::new(Location::file(file), format!("cannot open: {error}"))
            .with_help("give the path of a translation file")]
    })?;
    let rel = absolute.strip_prefix(&content_dir).map_err(|_| {
        vec![Diagnostic::new(Location::file(file), "not inside the toolkit's content folder")
            .with_help(format!("translations live under {}", config.content_dir.display()))]
    })?;
    let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    let source_display = Path::new("content").join(&rel);
    let text = std::fs::read_to_string(&absolute)
        .map_err(|error| vec![Diagnostic::new(Location::file(&source_display), format!("cannot read: {error}"))])?;
    let page = Page::parse(&rel, &source_display, &text, config)?;
    if page.lang == config.default_language().code {
        return Err(vec![Diagnostic::new(Location::file(&source_display), "this page is in the default language")
            .with_help("stamp translations, such as page.fr.md, not their source")]);
    }
    let (dir, file_name) = rel.rsplit_once('/').unwrap_or(("", rel.as_str()));
    let stem = file_name.strip_suffix(&format!(".{}.md", page.lang)).unwrap_or(file_name);
    let source_rel = if dir.is_empty() { format!("{stem}.md") } else { format!("{dir}/{stem}.md") };
    let source_path = config.content_dir.join(&source_rel);
    let source_text = std::fs::read_to_string(&source_path).map_err(|_| {
        vec![Diagnostic::new(
            Location::file(&source_display),
            format!("its source content/{source_rel} does not exist"),
        )]
    })?;
    let source = Page::parse(&source_rel, &Path::new("content").join(&source_rel), &source_text, config)?;
    Ok(Opened { absolute, text, source_display, page, source_rel, source })
}

fn stamp_one(config: &Config, file: &Path) -> Result<String, Vec<Diagnostic>> {
    let Opened { absolute, text, source_display, source_rel, source, .. } = open_translation(config, file)?;
    let hash = body_hash(&source.body);
    let stamped = set_source_hash(&text, &hash);
    if stamped != text {
        std::fs::write(&absolute, stamped).map_err(|error| {
            vec![Diagnostic::new(Location::file(&source_display), format!("cannot write: {error}"))]
        })?;
    }
    Ok(format!("{}: source_hash {hash} (content/{source_rel})", source_display.display()))
}

/// Sets `source_hash:` in the front matter of `text`, keeping every other
/// line and the file's line endings as they are.
pub fn set_source_hash(text: &str, hash: &str) -> String {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len() + 32);
    let mut in_front = false;
    let mut done = false;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if index == 0 && bare.trim_start_matches('\u{feff}') == "---" {
            in_front = true;
        } else if in_front && !done && bare.starts_with("source_hash:") {
            out.push_str(&format!("source_hash: {hash}{newline}"));
            done = true;
            continue;
        } else if in_front && !done && bare == "---" {
            out.push_str(&format!("source_hash: {hash}{newline}"));
            done = true;
            in_front = false;
        } else if in_front && bare == "---" {
            in_front = false;
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamping_adds_or_replaces_the_hash_only() {
        assert_eq!(
            set_source_hash("---\ntitle: A\n---\nBody\n", "abc"),
            "---\ntitle: A\nsource_hash: abc\n---\nBody\n"
        );
        assert_eq!(
            set_source_hash("---\r\nsource_hash: old\r\ntitle: A\r\n---\r\n", "new"),
            "---\r\nsource_hash: new\r\ntitle: A\r\n---\r\n"
        );
        let body_with_fence = "---\ntitle: A\n---\nText\n---\nsource_hash: not front matter\n";
        assert_eq!(
            set_source_hash(body_with_fence, "h"),
            "---\ntitle: A\nsource_hash: h\n---\nText\n---\nsource_hash: not front matter\n"
        );
    }
}
