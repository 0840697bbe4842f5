//! Checklists: every GFM task list item (`- [ ] Send the report {#send}`)
//! becomes a real checkbox whose id is the same in every language, so a
//! reader's ticks follow them across translations. Owns the Markdown pass
//! that marks the items, the page gathering every checklist of the guide by
//! phase (`checklists/`), the per-language index the navigation counts
//! progress with (`_uprkit/checklists.<lang>.js`), and the `check` finding
//! of translations whose number of items differs from their source. The
//! ticking itself is `uprkit.js` in the theme.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use serde::Serialize;

use crate::engine::error::{Diagnostic, Location, Result};
use crate::engine::feature::{value, BuildContext, ContextMap, Feature, GeneratedPage, PageInput};
use crate::engine::i18n::{phase_name, string_or};
use crate::engine::markdown::{parser_options, plain_text, PageRender, Rendered, Spanned};
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

/// The items of a rendered page (none if it has no checklist).
pub fn items(rendered: &Rendered) -> &[ChecklistItem] {
    rendered.data.get::<PageChecklist>().map_or(&[], |list| &list.0)
}

/// How many checklist items a body has, without rendering it.
pub fn count_items(body: &str) -> usize {
    Parser::new_ext(body, parser_options()).filter(|event| matches!(event, Event::TaskListMarker(_))).count()
}

pub struct Checklists;

impl Feature for Checklists {
    fn name(&self) -> &'static str {
        "checklists"
    }

    fn reserved_slugs(&self) -> &'static [&'static str] {
        &[SLUG]
    }

    fn script_strings(&self) -> &'static [&'static str] {
        &["import_failed", "progress", "progress_short", "reset", "reset_all_confirm"]
    }

    fn markdown<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        mark_items(page, events)
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
            .map(|index| {
                let title =
                    string_or(&build.theme.strings[&build.site.languages[index].lang], "checklists", "Checklists");
                GeneratedPage::new(build.site, index, SLUG, "checklists", title)
                    .with("checklists", value(by_phase(build, index)))
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
            .map(|(index, language)| OutputFile {
                path: format!("{THEME_OUTPUT_DIR}/checklists.{}.js", language.lang),
                contents: Contents::Bytes(index_script(build, index).into_bytes()),
            })
            .collect())
    }

    fn check(&self, check: &CheckContext, report: &mut CheckReport) {
        let default_site = &check.site.languages[0];
        for (language, status) in check.site.languages[1..].iter().zip(&mut report.languages) {
            status.findings.entry("checklist_mismatches").or_default();
            for entry in language.entries.iter().filter(|entry| !entry.is_fallback) {
                let Some(source) = default_site.get(&entry.slug).map(|source| source.page) else { continue };
                let (ours, theirs) = (count_items(&entry.page.body), count_items(&source.body));
                if ours == theirs {
                    continue;
                }
                let translation = source.translation_path(&language.lang);
                let line = format!(
                    "checklist  {} has {ours} checklist items, its source {} has {theirs}",
                    translation.display(),
                    source.source.display()
                );
                let data = serde_json::json!({
                    "translation": translation,
                    "source": source.source,
                    "translation_items": ours,
                    "source_items": theirs,
                });
                status.add_finding("checklist_mismatches", data, line);
            }
        }
    }
}

/// Whether any page of the guide, in any language, has a checklist.
fn any_checklist(build: &BuildContext) -> bool {
    build.rendered.iter().flatten().any(|page| !items(page).is_empty())
}

/// The checklists of one phase, for the checklists page.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistPhase {
    /// `None` for pages outside any phase.
    pub id: Option<String>,
    pub name: String,
    pub pages: Vec<ChecklistPage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistPage {
    pub title: String,
    pub href: String,
    pub lang: String,
    pub dir: &'static str,
    pub items: Vec<ChecklistEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistEntry {
    /// Shared with the page's own checkbox, so ticking either ticks both.
    pub key: String,
    pub text: String,
    pub checked: bool,
    /// Unique on the checklists page.
    pub id: String,
}

/// The slots of one language's phases in cycle order, then the pages
/// outside any phase.
fn phase_slots(build: &BuildContext) -> Vec<Option<String>> {
    build.config.phases.iter().map(|phase| Some(phase.id.clone())).chain(std::iter::once(None)).collect()
}

/// Every checklist of one language, grouped by phase in cycle order.
fn by_phase(build: &BuildContext, index: usize) -> Vec<ChecklistPhase> {
    let language = &build.site.languages[index];
    let strings = &build.theme.strings[&language.lang];
    let mut phases: Vec<ChecklistPhase> = phase_slots(build)
        .into_iter()
        .map(|id| ChecklistPhase {
            name: match &id {
                Some(id) => phase_name(strings, id),
                None => string_or(strings, "general", "General"),
            },
            id,
            pages: Vec::new(),
        })
        .collect();
    let mut counter = 0;
    for (entry, page) in language.entries.iter().zip(&build.rendered[index]) {
        let list = items(page);
        if list.is_empty() {
            continue;
        }
        let lang = build.config.language(&entry.page.lang).expect("configured language");
        let items = list
            .iter()
            .map(|item| {
                counter += 1;
                ChecklistEntry {
                    key: item.key.clone(),
                    text: item.text.clone(),
                    checked: item.checked,
                    id: format!("c-{counter}"),
                }
            })
            .collect();
        let slot = phases.iter_mut().find(|p| p.id == entry.phase).unwrap_or_else(|| unreachable!());
        slot.pages.push(ChecklistPage {
            title: entry.page.front.title.clone(),
            href: entry.href.clone(),
            lang: lang.code.clone(),
            dir: lang.direction.as_str(),
            items,
        });
    }
    phases.retain(|phase| !phase.pages.is_empty());
    phases
}

/// `_uprkit/checklists.<lang>.js`: the items of each phase, so the
/// navigation of every page can show progress per phase.
fn index_script(build: &BuildContext, index: usize) -> String {
    let language = &build.site.languages[index];
    let mut by_slot: BTreeMap<Option<String>, Vec<serde_json::Value>> = BTreeMap::new();
    for (entry, page) in language.entries.iter().zip(&build.rendered[index]) {
        for item in items(page) {
            let value = serde_json::json!([item.key, u8::from(item.checked)]);
            by_slot.entry(entry.phase.clone()).or_default().push(value);
        }
    }
    let mut phases = serde_json::Map::new();
    for slot in phase_slots(build) {
        if let Some(items) = by_slot.remove(&slot) {
            phases.insert(slot.unwrap_or_default(), serde_json::Value::Array(items));
        }
    }
    format!("window.UPRKIT_CHECKLISTS={};\n", serde_json::json!({ "phases": phases }))
}

/// The Markdown pass: task list items become labelled checkboxes, their
/// lists `class="checklist"`, and the items are gathered in
/// [`PageChecklist`].
fn mark_items<'e>(page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
    if !events.iter().any(|(event, _)| matches!(event, Event::TaskListMarker(_))) {
        return events;
    }
    let prefix = page.options.id_prefix;
    let mut found = PageChecklist::default();
    let mut out: Vec<Spanned<'e>> = Vec::with_capacity(events.len() + 8);
    let mut explicit_ids = BTreeMap::<String, usize>::new();
    // Indexes in `out` of the open lists and items.
    let mut open_lists: Vec<usize> = Vec::new();
    let mut open_items: Vec<usize> = Vec::new();
    let mut iter = events.into_iter().peekable();
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::List(_)) => open_lists.push(out.len()),
            Event::End(TagEnd::List(_)) => {
                open_lists.pop();
            }
            Event::Start(Tag::Item) => open_items.push(out.len()),
            Event::End(TagEnd::Item) => {
                open_items.pop();
            }
            Event::TaskListMarker(checked) => {
                let line = page.line(range.start);
                let mut label: Vec<Spanned<'e>> = Vec::new();
                while let Some(spanned) = iter.next_if(|(event, _)| !ends_label(event)) {
                    label.push(spanned);
                }
                let (label, explicit) = take_explicit_id(label);
                let position = found.0.len() + 1;
                let id = match &explicit {
                    Some(id) => {
                        if let Some(first) = explicit_ids.insert(id.clone(), line) {
                            page.problem(
                                Diagnostic::new(
                                    Location::at(page.source, line, None),
                                    format!("checklist id `{{#{id}}}` is already used on line {first}"),
                                )
                                .with_help("give each checklist item on a page its own id"),
                            );
                        }
                        id.clone()
                    }
                    None => format!("item-{position}"),
                };
                let key = format!("{}#{id}", page.options.slug);
                found.0.push(ChecklistItem {
                    key: key.clone(),
                    text: plain_text(label.iter().map(|(event, _)| event)),
                    checked,
                });
                if let Some(&list) = open_lists.last() {
                    out[list].0 = Event::Html(list_open(&out[list].0).into());
                }
                if let Some(&item) = open_items.last() {
                    let mut li = String::from("<li class=\"check-item\"");
                    if explicit.is_some() {
                        li.push_str(" id=\"");
                        escape_html(&mut li, &format!("{prefix}{id}")).expect("writing to a String");
                        li.push('"');
                        page.out.anchors.insert(id.clone());
                    }
                    li.push('>');
                    out[item].0 = Event::Html(li.into());
                }
                let mut input = String::from("<input type=\"checkbox\" class=\"check\" id=\"");
                escape_html(&mut input, &format!("{prefix}check-{id}")).expect("writing to a String");
                input.push_str("\" data-check=\"");
                escape_html(&mut input, &key).expect("writing to a String");
                input.push('"');
                if checked {
                    input.push_str(" checked");
                }
                input.push_str("><label for=\"");
                escape_html(&mut input, &format!("{prefix}check-{id}")).expect("writing to a String");
                input.push_str("\">");
                out.push((Event::InlineHtml(input.into()), range.clone()));
                out.extend(label);
                out.push((Event::InlineHtml("</label>".into()), range));
                continue;
            }
            _ => {}
        }
        out.push((event, range));
    }
    if !found.0.is_empty() {
        page.out.data.insert(found);
    }
    out
}

/// Events that end the inline label of a checklist item: the start of a
/// block, or block HTML (which the engine makes of code and callouts).
fn ends_label(event: &Event) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Paragraph
                | Tag::List(_)
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::Heading { .. }
                | Tag::Table(_)
                | Tag::HtmlBlock
        ),
        Event::End(end) => matches!(end, TagEnd::Paragraph | TagEnd::Item | TagEnd::List(_)),
        Event::Html(_) => true,
        _ => false,
    }
}

fn list_open(event: &Event) -> String {
    match event {
        Event::Start(Tag::List(Some(start))) if *start != 1 => {
            format!("<ol class=\"checklist\" start=\"{start}\">")
        }
        Event::Start(Tag::List(Some(_))) => "<ol class=\"checklist\">".into(),
        Event::Html(html) => html.to_string(),
        _ => "<ul class=\"checklist\">".into(),
    }
}

/// Strips a trailing `{#id}` from a checklist label.
fn take_explicit_id(mut label: Vec<Spanned>) -> (Vec<Spanned>, Option<String>) {
    let Some((Event::Text(text), range)) = label.last() else {
        return (label, None);
    };
    let trimmed = text.trim_end();
    let Some(open) = trimmed.rfind("{#") else {
        return (label, None);
    };
    let Some(id) = trimmed[open + 2..].strip_suffix('}') else {
        return (label, None);
    };
    if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return (label, None);
    }
    let id = id.to_string();
    let rest = trimmed[..open].trim_end().to_string();
    let range = range.clone();
    label.pop();
    if !rest.is_empty() {
        label.push((Event::Text(rest.into()), range));
    }
    (label, Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::feature::Features;
    use crate::engine::markdown::tests::render_with;

    fn render(body: &str) -> std::result::Result<Rendered, Vec<String>> {
        render_with(&Features::new(vec![Box::new(Checklists)]), body)
    }

    #[test]
    fn task_lists_become_labelled_checkboxes_with_stable_ids() {
        let out = render("- [ ] Draft the report {#draft}\n- [x] Share it\n").unwrap();
        assert!(out.html.contains("<ul class=\"checklist\">"), "{}", out.html);
        assert!(out.html.contains("<li class=\"check-item\" id=\"draft\"><input type=\"checkbox\" class=\"check\" id=\"check-draft\" data-check=\"preparation/report#draft\"><label for=\"check-draft\">Draft the report</label>"), "{}", out.html);
        assert!(out.html.contains("data-check=\"preparation/report#item-2\" checked>"), "{}", out.html);
        assert!(!out.html.contains("{#draft}"));
        assert!(!out.html.contains("disabled"));
        assert_eq!(items(&out)[0].text, "Draft the report");
        assert!(items(&out)[1].checked);
    }

    #[test]
    fn duplicate_checklist_ids_name_both_lines() {
        let problems = render("- [ ] A {#a}\n- [ ] B {#a}\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("content/preparation/report.md:6: checklist id `{#a}` is already used on line 5"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_code_block_in_an_item_stays_out_of_its_label() {
        let out = render("- [ ] Send this:\n\n  ```yaml\n  a: 1\n  ```\n").unwrap();
        let label = &out.html[out.html.find("<label").unwrap()..out.html.find("</label>").unwrap()];
        assert!(!label.contains("<pre"), "{}", out.html);
        assert!(out.html.contains("<pre class=\"code\""), "{}", out.html);
    }

    #[test]
    fn items_are_counted_without_rendering() {
        assert_eq!(count_items("- [ ] a\n- [x] b\n- c\n"), 2);
    }
}
