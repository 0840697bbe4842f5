//! `uprkit check`: everything a build would reject, and what is left to
//! translate: per language and phase, pages translated, outdated, unstamped
//! or missing, checklists whose item count differs from the source, UI
//! strings and glossaries not yet translated. Also `--stamp`, which records
//! in a translation the version of the source it now follows.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::build::{self, BuildOptions};
use crate::config::Config;
use crate::content::{self, body_hash, Page};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::markdown::count_checklist_items;
use crate::site::{self, TranslationStatus};
use crate::templates::Theme;

/// Pages of one language in one phase, by status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub current: usize,
    pub outdated: usize,
    pub unstamped: usize,
    pub missing: usize,
}

impl Counts {
    fn add(&mut self, status: TranslationStatus) {
        self.total += 1;
        match status {
            TranslationStatus::Current | TranslationStatus::Original => self.current += 1,
            TranslationStatus::Outdated => self.outdated += 1,
            TranslationStatus::Unstamped => self.unstamped += 1,
            TranslationStatus::Missing => self.missing += 1,
        }
    }

    /// Pages translated, whether or not up to date.
    pub fn translated(&self) -> usize {
        self.total - self.missing
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseStatus {
    /// `None` for pages outside any phase (the home page).
    pub id: Option<String>,
    pub name: String,
    pub counts: Counts,
}

/// One thing a translator has to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Todo {
    /// `translate`, `update` or `stamp`.
    pub action: &'static str,
    pub source: PathBuf,
    pub translation: PathBuf,
    pub phase: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistMismatch {
    pub translation: PathBuf,
    pub source: PathBuf,
    pub translation_items: usize,
    pub source_items: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageStatus {
    pub code: String,
    pub name: String,
    pub totals: Counts,
    pub phases: Vec<PhaseStatus>,
    pub todo: Vec<Todo>,
    pub checklist_mismatches: Vec<ChecklistMismatch>,
    /// UI strings shown in another language for want of a translation.
    pub missing_strings: Vec<String>,
}

impl LanguageStatus {
    /// Nothing left to do for this language.
    pub fn is_complete(&self) -> bool {
        self.todo.is_empty() && self.checklist_mismatches.is_empty() && self.missing_strings.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    pub title: String,
    pub default_language: String,
    pub default_language_name: String,
    /// Pages of the guide in the default language.
    pub pages: usize,
    /// Every language but the default one.
    pub languages: Vec<LanguageStatus>,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    /// Things to improve in the text: headings that skip a level, images
    /// without alternative text, vague link texts.
    pub lint: Vec<String>,
}

impl StatusReport {
    /// The phases any language has pages in, as (id, name), in cycle order.
    pub fn phase_columns(&self) -> Vec<(Option<String>, String)> {
        let mut columns: Vec<(Option<String>, String)> = Vec::new();
        for phase in self.languages.iter().flat_map(|l| &l.phases) {
            if !columns.iter().any(|(id, _)| *id == phase.id) {
                columns.push((phase.id.clone(), phase.name.clone()));
            }
        }
        columns
    }

    pub fn has_work_left(&self) -> bool {
        self.languages.iter().any(|language| !language.is_complete())
    }
}

/// Checks the toolkit and reports its translation status. Content errors
/// (broken links, bad front matter) are returned in the report, not as `Err`,
/// unless they prevent reading the toolkit at all.
pub fn check(config: &Config, options: &BuildOptions) -> Result<StatusReport> {
    let (errors, warnings) = match build::validate(config, options) {
        Ok(report) => (Vec::new(), report.warnings.iter().map(ToString::to_string).collect()),
        Err(Error::Content(problems)) => (problems.iter().map(ToString::to_string).collect(), Vec::new()),
        Err(other) => return Err(other),
    };
    let theme = Theme::load(config)?;
    let loaded = match content::load(config, options.drafts) {
        Ok(loaded) => loaded,
        Err(Error::Content(_)) if !errors.is_empty() => {
            return Ok(empty_report(config, errors, warnings));
        }
        Err(other) => return Err(other),
    };
    let site = match site::assemble(config, &loaded) {
        Ok(site) => site,
        Err(Error::Content(_)) if !errors.is_empty() => return Ok(empty_report(config, errors, warnings)),
        Err(other) => return Err(other),
    };
    let default = config.default_language();
    let strings = &theme.strings;
    let phase_name = |id: &Option<String>, lang: &str| match id {
        Some(id) => crate::templates::views::phase_name(&strings[lang], id),
        None => strings[lang].get("general").cloned().unwrap_or_else(|| "General".into()),
    };

    let default_site = &site.languages[0];
    let has_default_glossary = config.content_dir.join("glossary.yaml").is_file();
    let mut languages = Vec::new();
    for language in &site.languages[1..] {
        let lang = config.language(&language.lang).expect("configured language");
        let mut phases: Vec<PhaseStatus> = std::iter::once(None)
            .chain(config.phases.iter().map(|phase| Some(phase.id.clone())))
            .map(|id| PhaseStatus { name: phase_name(&id, &default.code), id, counts: Counts::default() })
            .collect();
        let mut totals = Counts::default();
        let mut todo = Vec::new();
        let mut checklist_mismatches = Vec::new();
        for entry in &language.entries {
            let Some(source) = default_site.get(&entry.slug).map(|source| source.page) else {
                continue; // only in this language: nothing to follow
            };
            let slot = phases.iter_mut().find(|p| p.id == entry.phase).unwrap_or_else(|| unreachable!());
            slot.counts.add(entry.status);
            totals.add(entry.status);
            let translation = translation_path(source, &lang.code);
            let action = match entry.status {
                TranslationStatus::Missing => Some("translate"),
                TranslationStatus::Outdated => Some("update"),
                TranslationStatus::Unstamped => Some("stamp"),
                TranslationStatus::Current | TranslationStatus::Original => None,
            };
            if let Some(action) = action {
                todo.push(Todo {
                    action,
                    source: source.source.clone(),
                    translation: translation.clone(),
                    phase: entry.phase.clone(),
                });
            }
            if !entry.is_fallback {
                let (ours, theirs) = (count_checklist_items(&entry.page.body), count_checklist_items(&source.body));
                if ours != theirs {
                    checklist_mismatches.push(ChecklistMismatch {
                        translation,
                        source: source.source.clone(),
                        translation_items: ours,
                        source_items: theirs,
                    });
                }
            }
        }
        if has_default_glossary && !config.content_dir.join(format!("glossary.{}.yaml", lang.code)).is_file() {
            todo.push(Todo {
                action: "translate",
                source: PathBuf::from("content/glossary.yaml"),
                translation: PathBuf::from(format!("content/glossary.{}.yaml", lang.code)),
                phase: None,
            });
        }
        phases.retain(|phase| phase.counts.total > 0);
        languages.push(LanguageStatus {
            code: lang.code.clone(),
            name: lang.name.clone(),
            totals,
            phases,
            todo,
            checklist_mismatches,
            missing_strings: theme.missing_strings(&lang.code, &default.code),
        });
    }
    let lint = loaded
        .pages
        .iter()
        .flat_map(|page| {
            crate::markdown::lint(&page.body, page.body_line)
                .into_iter()
                .map(move |(line, message)| format!("{}:{line}: {message}", page.source.display()))
        })
        .collect();
    Ok(StatusReport {
        title: config.title.clone(),
        default_language: default.code.clone(),
        default_language_name: default.name.clone(),
        pages: default_site.entries.len(),
        languages,
        errors,
        warnings,
        lint,
    })
}

fn empty_report(config: &Config, errors: Vec<String>, warnings: Vec<String>) -> StatusReport {
    StatusReport {
        title: config.title.clone(),
        default_language: config.default_language().code.clone(),
        default_language_name: config.default_language().name.clone(),
        pages: 0,
        languages: Vec::new(),
        errors,
        warnings,
        lint: Vec::new(),
    }
}

/// Where the translation of `source` into `lang` lives (or would live).
fn translation_path(source: &Page, lang: &str) -> PathBuf {
    let name = source.source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    source.source.with_file_name(format!("{stem}.{lang}.md"))
}

/// The report as a table and a to-do list, for the terminal.
pub fn render_text(report: &StatusReport) -> String {
    let mut out = String::new();
    for error in &report.errors {
        out.push_str(&format!("error: {error}\n"));
    }
    for warning in &report.warnings {
        out.push_str(&format!("warning: {warning}\n"));
    }
    for problem in &report.lint {
        out.push_str(&format!("lint: {problem}\n"));
    }
    if report.languages.is_empty() {
        if report.errors.is_empty() {
            out.push_str(&format!(
                "{} pages, only in {}: no translations to check.\n",
                report.pages, report.default_language_name
            ));
        }
        return out;
    }
    out.push_str(&format!(
        "Translation status: {} pages in {} ({})\n\n",
        report.pages, report.default_language_name, report.default_language
    ));
    let phases = report.phase_columns();
    let mut header = pad("language", 16, false);
    for (_, name) in &phases {
        header.push_str(&pad(&truncate(name, 13), 14, true));
    }
    header.push_str(&format!("{:>12}  {}\n", "all", "outdated/unstamped"));
    out.push_str(&header);
    for language in &report.languages {
        let mut row = pad(&truncate(&format!("{} {}", language.code, language.name), 15), 16, false);
        for (id, _) in &phases {
            let cell = match language.phases.iter().find(|p| p.id == *id) {
                Some(phase) => format!("{}/{}", phase.counts.translated(), phase.counts.total),
                None => "-".to_string(),
            };
            row.push_str(&format!("{cell:>14}"));
        }
        let totals = &language.totals;
        row.push_str(&format!(
            "{:>12}  {}/{}\n",
            format!("{}/{}", totals.translated(), totals.total),
            totals.outdated,
            totals.unstamped
        ));
        out.push_str(&row);
    }
    for language in &report.languages {
        out.push('\n');
        if language.is_complete() {
            out.push_str(&format!("{} {}: complete\n", language.code, language.name));
            continue;
        }
        out.push_str(&format!("{} {}:\n", language.code, language.name));
        for todo in &language.todo {
            let line = match todo.action {
                "translate" => format!("  translate  {}  →  {}", todo.source.display(), todo.translation.display()),
                "update" => format!(
                    "  update     {}  (its source {} changed)",
                    todo.translation.display(),
                    todo.source.display()
                ),
                _ => format!("  stamp      {}  (no source_hash yet)", todo.translation.display()),
            };
            out.push_str(&line);
            out.push('\n');
        }
        for mismatch in &language.checklist_mismatches {
            out.push_str(&format!(
                "  checklist  {} has {} checklist items, its source {} has {}\n",
                mismatch.translation.display(),
                mismatch.translation_items,
                mismatch.source.display(),
                mismatch.source_items
            ));
        }
        if !language.missing_strings.is_empty() {
            out.push_str(&format!(
                "  strings    {} UI strings not translated (add them to i18n/{}.yaml): {}\n",
                language.missing_strings.len(),
                language.code,
                language.missing_strings.join(", ")
            ));
        }
    }
    if report.languages.iter().flat_map(|l| &l.todo).any(|todo| todo.action != "translate") {
        out.push_str("\nOnce a translation matches its source again, record it with: uprkit check --stamp FILE...\n");
    }
    out
}

/// The report as one self-contained page a coordinator can share: a grid
/// of languages × phases coloured by how complete each is, and the list of
/// pages to translate or update under it.
pub fn render_html(config: &Config, report: &StatusReport) -> Result<String> {
    #[derive(Serialize)]
    struct Cell {
        label: String,
        percent: usize,
    }
    #[derive(Serialize)]
    struct Row<'r> {
        language: &'r LanguageStatus,
        cells: Vec<Option<Cell>>,
        total: Cell,
    }
    #[derive(Serialize)]
    struct Context<'r> {
        report: &'r StatusReport,
        phases: Vec<String>,
        rows: Vec<Row<'r>>,
    }
    let phases = report.phase_columns();
    let cell = |counts: &Counts| Cell {
        label: format!("{}/{}", counts.current, counts.total),
        percent: (counts.current * 100).checked_div(counts.total).unwrap_or(100),
    };
    let rows = report
        .languages
        .iter()
        .map(|language| Row {
            language,
            cells: phases
                .iter()
                .map(|(id, _)| language.phases.iter().find(|p| p.id == *id).map(|p| cell(&p.counts)))
                .collect(),
            total: cell(&language.totals),
        })
        .collect();
    let context = Context { report, phases: phases.into_iter().map(|(_, name)| name).collect(), rows };
    let theme = Theme::load(config)?;
    Ok(theme.render("check-status.html", &context)?)
}

/// `text` cut to `width` terminal columns (CJK characters take two).
fn truncate(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out
}

/// `text` padded with spaces to `width` terminal columns, on the left or right.
fn pad(text: &str, width: usize, right: bool) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    let fill = " ".repeat(width.saturating_sub(used));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

/// Records in each translation the hash of its source's current text.
/// Returns one line per file stamped.
pub fn stamp(config: &Config, files: &[PathBuf]) -> Result<Vec<String>> {
    let mut done = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        match stamp_one(config, file) {
            Ok(line) => done.push(line),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(done)
    } else {
        Err(Error::Content(problems))
    }
}

fn stamp_one(config: &Config, file: &Path) -> Result<String, Diagnostic> {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let content_dir = config.content_dir.canonicalize().unwrap_or_else(|_| config.content_dir.clone());
    let absolute = absolute.canonicalize().map_err(|error| {
        Diagnostic::new(Location::file(file), format!("cannot open: {error}"))
            .with_help("give the path of a translation file")
    })?;
    let rel = absolute.strip_prefix(&content_dir).map_err(|_| {
        Diagnostic::new(Location::file(file), "not inside the toolkit's content folder")
            .with_help(format!("translations live under {}", config.content_dir.display()))
    })?;
    let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    let source_display = Path::new("content").join(&rel);
    let text = std::fs::read_to_string(&absolute)
        .map_err(|error| Diagnostic::new(Location::file(&source_display), format!("cannot read: {error}")))?;
    let page = Page::parse(&rel, &source_display, &text, config)?;
    if page.lang == config.default_language().code {
        return Err(Diagnostic::new(Location::file(&source_display), "this page is in the default language")
            .with_help("stamp translations, such as page.fr.md, not their source"));
    }
    let (dir, file_name) = rel.rsplit_once('/').unwrap_or(("", rel.as_str()));
    let stem = file_name.strip_suffix(&format!(".{}.md", page.lang)).unwrap_or(file_name);
    let source_rel = if dir.is_empty() { format!("{stem}.md") } else { format!("{dir}/{stem}.md") };
    let source_path = config.content_dir.join(&source_rel);
    let source_text = std::fs::read_to_string(&source_path).map_err(|_| {
        Diagnostic::new(Location::file(&source_display), format!("its source content/{source_rel} does not exist"))
    })?;
    let source = Page::parse(&source_rel, &Path::new("content").join(&source_rel), &source_text, config)?;
    let hash = body_hash(&source.body);
    let stamped = set_source_hash(&text, &hash);
    if stamped != text {
        std::fs::write(&absolute, stamped)
            .map_err(|error| Diagnostic::new(Location::file(&source_display), format!("cannot write: {error}")))?;
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
