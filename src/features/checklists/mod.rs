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
use crate::engine::feature::{
    value, ContextMap, Declaration, Feature, GeneratedPage, LanguageContext, PageInput, PageKind, Pass, Script, Stale,
};
use crate::engine::i18n::ui;
use crate::engine::markdown::{PageRender, Rendered, Spanned};
use crate::engine::output::{Contents, OutputFile, Sink};
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

/// The UI strings the checklists' script shows.
const SCRIPT_STRINGS: &[&str] = &[
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
];

pub struct Checklists;

impl Pass for Checklists {
    fn after(&self) -> &'static [&'static str] {
        // A note left out is never a checklist.
        &["facilitator", "slides"]
    }

    fn claim_ids(&self, page: &mut PageRender<'_>, events: &[Spanned<'_>]) {
        pass::claim_ids(page, events);
    }

    fn run<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        pass::mark_items(page, events)
    }
}

impl Feature for Checklists {
    fn name(&self) -> &'static str {
        "checklists"
    }

    fn declaration(&self) -> Declaration {
        Declaration {
            pages: &[PageKind { slug: SLUG, data_key: "checklists" }],
            script: Script { file: Some("scripts/checklists.js"), strings: SCRIPT_STRINGS },
            stale: Stale { front_matter: &[], titles: true, page_data: true, on_demand: false },
            ..Declaration::NONE
        }
    }

    fn pass(&self) -> Option<&dyn Pass> {
        Some(self)
    }

    fn site_context(&self, cx: &LanguageContext, out: &mut ContextMap) {
        let href = any_checklist(cx).then(|| cx.site.urls.page(SLUG, cx.lang()));
        out.insert("checklists_href", value(href));
    }

    fn page_context(&self, _cx: &LanguageContext, page: &PageInput, out: &mut ContextMap) {
        let count = page.entry.map_or(0, |(_, rendered)| items(rendered).len());
        out.insert("checklist_items", value(count));
    }

    fn pages(&self, cx: &LanguageContext) -> Result<Vec<GeneratedPage>> {
        if !any_checklist(cx) {
            return Ok(Vec::new());
        }
        let title = ui(cx.strings, "checklists");
        Ok(vec![GeneratedPage::new(cx, SLUG, "checklists", title)
            .described(ui(cx.strings, "checklists_intro"))
            .with("checklists", value(page::by_phase(cx)))])
    }

    fn files(&self, cx: &LanguageContext, sink: &dyn Sink) -> Result<()> {
        sink.put(OutputFile {
            path: format!("{THEME_OUTPUT_DIR}/checklists.{}.js", cx.lang()),
            contents: Contents::Bytes(page::index_script(cx).into_bytes()),
        })
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
fn any_checklist(cx: &LanguageContext) -> bool {
    let site = cx.site;
    (0..site.languages.len()).any(|l| match cx.rendered_of(l) {
        Some(pages) => pages.iter().any(|page| !items(page).is_empty()),
        None => site.languages[l].entries.iter().any(|entry| has_task_list(&entry.page.body)),
    })
}

/// Whether Markdown has a task list item (`- [ ]`, `- [x]`): the text is
/// parsed only when it has the brackets at all.
fn has_task_list(body: &str) -> bool {
    (body.contains("[ ]") || body.contains("[x]") || body.contains("[X]"))
        && pulldown_cmark::Parser::new_ext(body, crate::engine::markdown::parser_options())
            .any(|event| matches!(event, pulldown_cmark::Event::TaskListMarker(_)))
}
