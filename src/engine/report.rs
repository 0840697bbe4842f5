//! The report of `uprkit check`: everything a build would reject, and what
//! is left to do per language; its shape, how it is printed, and the page
//! to share. Features fill it in ([`Feature::check`]): translation status
//! per phase, checklists that differ from their source, glossaries to
//! translate, lint.
//!
//! [`Feature::check`]: crate::engine::feature::Feature::check

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::engine::config::Config;
use crate::engine::content::Loaded;
use crate::engine::error::Result;
use crate::engine::site::{Site, TranslationStatus};
use crate::engine::templates::context::{ContextMap, ContextValue};
use crate::engine::templates::Theme;

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
    pub fn add(&mut self, status: TranslationStatus) {
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
    /// `translate`, `update`, `stamp`, or `finish` (a PO file with messages
    /// left untranslated).
    pub action: &'static str,
    pub source: PathBuf,
    pub translation: PathBuf,
    pub phase: Option<String>,
    /// With `finish`: how many messages are left untranslated.
    pub untranslated: usize,
}

#[derive(Serialize)]
pub struct LanguageStatus {
    pub code: String,
    pub name: String,
    pub totals: Counts,
    pub phases: Vec<PhaseStatus>,
    pub todo: Vec<Todo>,
    /// What else features found to do, by kind (`checklist_mismatches`): in
    /// JSON, a list under that key.
    #[serde(flatten)]
    pub findings: BTreeMap<&'static str, Vec<ContextValue>>,
    /// The same findings as lines of the text report.
    #[serde(skip)]
    pub finding_lines: Vec<String>,
    /// What features measure that is not a to-do (how many blocks of text
    /// are translated): in JSON, under their keys.
    #[serde(flatten)]
    pub facts: BTreeMap<&'static str, ContextValue>,
    /// The same as lines of the text report, after the table.
    #[serde(skip)]
    pub fact_lines: Vec<String>,
    /// UI strings shown in another language for want of a translation.
    pub missing_strings: Vec<String>,
}

impl LanguageStatus {
    /// Nothing left to do for this language.
    pub fn is_complete(&self) -> bool {
        self.todo.is_empty() && self.findings.values().all(Vec::is_empty) && self.missing_strings.is_empty()
    }

    /// Records something to do that a feature found: `data` for JSON under
    /// `kind`, `line` for the text report.
    pub fn add_finding(&mut self, kind: &'static str, data: ContextValue, line: String) {
        self.findings.entry(kind).or_default().push(data);
        self.finding_lines.push(line);
    }
}

#[derive(Serialize)]
pub struct CheckReport {
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
    /// The organisation's brand, for the report page (`check --html`).
    #[serde(skip)]
    pub brand: Option<serde_json::Value>,
}

impl CheckReport {
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

/// What features see when they add to the report.
pub struct CheckContext<'a> {
    pub config: &'a Config,
    pub site: &'a Site<'a>,
    pub theme: &'a Theme,
    pub loaded: &'a Loaded,
}

/// A translation that has a different number of something than its source.
pub struct Mismatch<'p> {
    /// The file the translation comes from: `page.fr.md`, or its PO file.
    pub translation: &'p std::path::Path,
    pub source: &'p std::path::Path,
    /// How many the translation has, and how many its source.
    pub ours: usize,
    pub theirs: usize,
}

impl CheckContext<'_> {
    /// Every translation (of every language but the default) that has not
    /// as many of something as its source, `count` counting them in a
    /// page's Markdown: `finding` says each (its value for `check --format
    /// json` under `kind`, and its line), added to its language's report.
    /// Every language gets `kind`, empty where nothing differs.
    pub fn count_mismatches(
        &self,
        report: &mut CheckReport,
        kind: &'static str,
        count: impl Fn(&str) -> usize,
        finding: impl Fn(Mismatch) -> (ContextValue, String),
    ) {
        let default_site = &self.site.languages[0];
        // Each source page counted once, whatever the number of languages.
        let mut counted: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (language, status) in self.site.languages[1..].iter().zip(&mut report.languages) {
            status.findings.entry(kind).or_default();
            for entry in language.entries.iter().filter(|entry| !entry.is_fallback) {
                let Some(source) = default_site.get(&entry.slug).map(|source| source.page) else { continue };
                let theirs = *counted.entry(source.slug.as_str()).or_insert_with(|| count(&source.body));
                let ours = count(&entry.page.body);
                if ours != theirs {
                    let (data, line) =
                        finding(Mismatch { translation: &entry.page.source, source: &source.source, ours, theirs });
                    status.add_finding(kind, data, line);
                }
            }
        }
    }
}

/// The report as a table and a to-do list, for the terminal.
pub fn render_text(report: &CheckReport) -> String {
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
    if report.languages.iter().any(|language| !language.fact_lines.is_empty()) {
        out.push('\n');
        for language in &report.languages {
            for line in &language.fact_lines {
                out.push_str(&format!("{} {}\n", pad(&language.code, 6, false), line));
            }
        }
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
                "finish" => format!(
                    "  finish     {}  ({} {} left untranslated: open it in a PO editor such as Poedit)",
                    todo.translation.display(),
                    todo.untranslated,
                    if todo.untranslated == 1 { "message" } else { "messages" }
                ),
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
        for line in &language.finding_lines {
            out.push_str(&format!("  {line}\n"));
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
/// `extra`: what features add to the page (`brand`).
pub fn render_html(config: &Config, report: &CheckReport, extra: &ContextMap) -> Result<String> {
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
        report: &'r CheckReport,
        phases: Vec<String>,
        rows: Vec<Row<'r>>,
        #[serde(flatten)]
        extra: &'r ContextMap,
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
    let context = Context { report, phases: phases.into_iter().map(|(_, name)| name).collect(), rows, extra };
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
