//! Checklists: every GFM task list item (`- [ ] Send the report {#send}`)
//! becomes a real checkbox whose id is the same in every language, so a
//! reader's ticks follow them across translations. Owns the Markdown pass
//! that marks the items, the page gathering every checklist of the guide by
//! phase (`checklists/`), the per-language index the navigation counts
//! progress with (`_uprkit/checklists.<lang>.js`), and the `check` finding
//! of translations whose number of items differs from their source. The
//! ticking itself is `uprkit.js` in the theme.

mod page;
mod pass;

use serde::Serialize;

use crate::engine::error::Result;
use crate::engine::feature::{value, BuildContext, ContextMap, Feature, GeneratedPage, PageInput, Script};
use crate::engine::i18n::ui;
use crate::engine::markdown::{PageRender, Rendered, Spanned};
use crate::engine::output::{Contents, OutputFile};
use crate::engine::report::{CheckContext, CheckReport};
use crate::engine::templates::THEME_OUTPUT_DIR;

/// Where the page gathering every checklist is published.
pub const SLUG: &str = "checklists";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// Stable across languages: `<slug>#<explicit id>` or `<slug>#item-<n>`.
    pub key: String,
    pub text: String,
    pub checked: bool,
}

/// The checklist items of one page, in order: what the Markdown pass leaves
/// in [`Rendered::data`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageChecklist(pub Vec<ChecklistItem>);

pub use pass::{count_items, empty_items};

/// The items of a rendered page (none if it has no checklist).
pub fn items(rendered: &Rendered) -> &[ChecklistItem] {
    rendered.data.get::<PageChecklist>().map_or(&[], |list| &list.0)
}

pub struct Checklists;

impl Feature for Checklists {
    fn name(&self) -> &'static str {
        "checklists"
    }

    fn reserved_slugs(&self) -> &'static [&'static str] {
        &[SLUG]
    }

    fn script(&self) -> Option<Script> {
        Some(Script {
            file: Some("scripts/checklists.js"),
            strings: &[
                "undo",
                "reset_done",
                "forget_all_confirm",
                "forget_done",
                "import_done",
                "import_failed",
                "import_other_guide",
                "import_too_large",
                "progress",
                "progress_short",
                "progress_phase",
                "reset",
                "reset_all_confirm",
                "save_failed",
            ],
        })
    }

    fn claim_ids(&self, page: &mut PageRender<'_>, events: &[Spanned<'_>]) {
        pass::claim_ids(page, events);
    }

    fn markdown<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        pass::mark_items(page, events)
    }

    fn changed(&self, before: &Rendered, after: &Rendered) -> bool {
        items(before) != items(after)
    }

    fn page_data_keys(&self) -> &'static [&'static str] {
        &["checklists"]
    }

    fn site_context(&self, build: &BuildContext, language: usize, out: &mut ContextMap) {
        let href = any_checklist(build).then(|| build.site.urls.page(SLUG, &build.site.languages[language].lang));
        out.insert("checklists_href", value(href));
    }

    fn page_context(&self, _build: &BuildContext, page: &PageInput, out: &mut ContextMap) {
        let count = page.entry.map_or(0, |(_, rendered)| items(rendered).len());
        out.insert("checklist_items", value(count));
    }

    fn pages(&self, build: &BuildContext) -> Result<Vec<GeneratedPage>> {
        if !build.scope.includes(self.name()) || !any_checklist(build) {
            return Ok(Vec::new());
        }
        Ok((0..build.site.languages.len())
            .filter(|&index| build.scope.has_language(index))
            .map(|index| {
                let title = ui(&build.theme.strings[&build.site.languages[index].lang], "checklists");
                GeneratedPage::new(build.site, index, SLUG, "checklists", title)
                    .with("checklists", value(page::by_phase(build, index)))
            })
            .collect())
    }

    fn files(&self, build: &BuildContext) -> Result<Vec<OutputFile>> {
        if !build.scope.includes(self.name()) {
            return Ok(Vec::new());
        }
        Ok(build
            .site
            .languages
            .iter()
            .enumerate()
            .filter(|&(index, _)| build.scope.has_language(index))
            .map(|(index, language)| OutputFile {
                path: format!("{THEME_OUTPUT_DIR}/checklists.{}.js", language.lang),
                contents: Contents::Bytes(page::index_script(build, index).into_bytes()),
            })
            .collect())
    }

    fn check(&self, check: &CheckContext, report: &mut CheckReport) {
        for page in &check.loaded.pages {
            for line in empty_items(&page.body, page.body_line) {
                report.lint.push(format!(
                    "{}:{line}: a checklist item with no text: write what to do after `- [ ]`, or remove the line",
                    page.source.display()
                ));
            }
        }
        check.count_mismatches(report, "checklist_mismatches", count_items, |found| {
            let line = format!(
                "checklist  {} has {} checklist items, its source {} has {}",
                found.translation.display(),
                found.ours,
                found.source.display(),
                found.theirs
            );
            let mismatch = ChecklistMismatch {
                translation: found.translation.to_path_buf(),
                source: found.source.to_path_buf(),
                translation_items: found.ours,
                source_items: found.theirs,
            };
            (value(mismatch), line)
        });
    }
}

/// A translation whose number of checklist items differs from its source's,
/// as `check --format json` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistMismatch {
    pub translation: std::path::PathBuf,
    pub source: std::path::PathBuf,
    pub translation_items: usize,
    pub source_items: usize,
}

/// Whether any page of the guide, in any language, has a checklist. In a
/// build made one language at a time, the languages whose Markdown is not
/// at hand are read for task list items.
fn any_checklist(build: &BuildContext) -> bool {
    let site = build.site;
    let at_hand = |l: usize| build.rendered.get(l).is_some_and(|pages| pages.len() == site.languages[l].entries.len());
    build.rendered.iter().flatten().any(|page| !items(page).is_empty())
        || (0..site.languages.len())
            .filter(|&l| !at_hand(l))
            .any(|l| site.languages[l].entries.iter().any(|entry| has_task_list(&entry.page.body)))
}

/// Whether Markdown has a task list item (`- [ ]`, `- [x]`): the text is
/// parsed only when it has the brackets at all.
fn has_task_list(body: &str) -> bool {
    (body.contains("[ ]") || body.contains("[x]") || body.contains("[X]"))
        && pulldown_cmark::Parser::new_ext(body, crate::engine::markdown::parser_options())
            .any(|event| matches!(event, pulldown_cmark::Event::TaskListMarker(_)))
}
