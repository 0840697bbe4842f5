//! The Markdown pass of checklists: task list items become labelled
//! checkboxes with ids that are the same in every language; an item with no
//! text stays a plain list item. Also counts items without rendering, for
//! `check`.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::{ChecklistItem, PageChecklist};
use crate::engine::error::{Diagnostic, Location};
use crate::engine::markdown::{parser_options, plain_text, PageRender, Spanned};

/// The task list markers of a body, each with whether its item says nothing.
fn markers(body: &str) -> Vec<(std::ops::Range<usize>, bool)> {
    let events: Vec<Spanned> = Parser::new_ext(body, parser_options()).into_offset_iter().collect();
    events
        .iter()
        .enumerate()
        .filter(|(_, (event, _))| matches!(event, Event::TaskListMarker(_)))
        .map(|(index, (_, range))| (range.clone(), is_empty_label(&events[index + 1..label_end(&events, index)])))
        .collect()
}

/// How many checklist items a body has, without rendering it.
pub fn count_items(body: &str) -> usize {
    markers(body).iter().filter(|(_, empty)| !empty).count()
}

/// The lines of `- [ ]` with nothing after them: plain list items, never
/// ticked or counted, most likely a forgotten word.
pub fn empty_items(body: &str, first_line: usize) -> Vec<usize> {
    let lines = crate::engine::markdown::LineIndex::new(body, first_line);
    markers(body).into_iter().filter(|(_, empty)| *empty).map(|(range, _)| lines.line(range.start)).collect()
}

/// Where a task list item's label ends: the index after its last event,
/// counting from the event after the marker at `marker`.
fn label_end(events: &[Spanned], marker: usize) -> usize {
    events[marker + 1..].iter().position(|(event, _)| ends_label(event)).map_or(events.len(), |at| marker + 1 + at)
}

/// The explicit id of a label (`Send it {#send}`), if it ends with one.
fn explicit_id(label: &[Spanned]) -> Option<String> {
    let Some((Event::Text(text), _)) = label.last() else { return None };
    let trimmed = text.trim_end();
    let id = trimmed[trimmed.rfind("{#")? + 2..].strip_suffix('}')?;
    (!id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')).then(|| id.to_string())
}

/// Whether a label says nothing once its explicit id is taken away: such
/// an item (`- [ ]` alone) is no checklist item.
fn is_empty_label(label: &[Spanned]) -> bool {
    let (label, _) = take_explicit_id(label.to_vec());
    label.iter().all(|(event, _)| match event {
        Event::Text(text) | Event::Code(text) => text.trim().is_empty(),
        Event::SoftBreak | Event::HardBreak => true,
        _ => false,
    })
}

/// The checklist items of a page before rendering: (explicit id, line) of
/// each, empty items left out.
fn plan(page: &PageRender, events: &[Spanned]) -> Vec<(Option<String>, usize)> {
    let mut items = Vec::new();
    for (index, (event, range)) in events.iter().enumerate() {
        if let Event::TaskListMarker(_) = event {
            let label = &events[index + 1..label_end(events, index)];
            if !is_empty_label(label) {
                items.push((explicit_id(label), page.line(range.start)));
            }
        }
    }
    items
}

/// Claims the ids the pass will give: each item's explicit id, and each
/// checkbox's `check-<id>`.
pub fn claim_ids(page: &mut PageRender, events: &[Spanned]) {
    let mut explicit_ids = BTreeMap::<String, usize>::new();
    for (position, (explicit, line)) in plan(page, events).into_iter().enumerate() {
        let id = match explicit {
            Some(id) => {
                if let Some(first) = explicit_ids.insert(id.clone(), line) {
                    page.problem(
                        Diagnostic::new(
                            Location::at(page.source, line, None),
                            format!("checklist id `{{#{id}}}` is already used on line {first}"),
                        )
                        .with_help("give each checklist item on a page its own id"),
                    );
                    continue;
                }
                if !page.claim_id(&id, line, "a checklist item") {
                    continue;
                }
                id
            }
            None => format!("item-{}", position + 1),
        };
        page.claim_id(&format!("check-{id}"), line, "a checklist item's box");
    }
}

/// The Markdown pass: task list items become labelled checkboxes, their
/// lists `class="checklist"`, and the items are gathered in
/// [`PageChecklist`]. An item with no text stays a plain list item.
pub fn mark_items<'e>(page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
    if !events.iter().any(|(event, _)| matches!(event, Event::TaskListMarker(_))) {
        return events;
    }
    let prefix = page.options.id_prefix;
    let mut found = PageChecklist::default();
    let mut out: Vec<Spanned<'e>> = Vec::with_capacity(events.len() + 8);
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
                let mut label: Vec<Spanned<'e>> = Vec::new();
                while let Some(spanned) = iter.next_if(|(event, _)| !ends_label(event)) {
                    label.push(spanned);
                }
                if is_empty_label(&label) {
                    continue;
                }
                let (label, explicit) = take_explicit_id(label);
                let id = explicit.clone().unwrap_or_else(|| format!("item-{}", found.0.len() + 1));
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
        page.keep(found);
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
    let Some(id) = explicit_id(&label) else { return (label, None) };
    let Some((Event::Text(text), range)) = label.pop() else { unreachable!("explicit_id found a text") };
    let trimmed = text.trim_end();
    let rest = trimmed[..trimmed.rfind("{#").expect("explicit_id found it")].trim_end().to_string();
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
    use crate::engine::markdown::Rendered;
    use crate::features::checklists::{items, Checklists};

    fn render(body: &str) -> std::result::Result<Rendered, Vec<String>> {
        render_with(&Features::new(vec![Box::new(Checklists)], Vec::new()), body)
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
        assert_eq!(count_items("- [ ] a\n- [x] b\n- c\n- [ ]\n- [ ] {#x}\n"), 2);
    }

    #[test]
    fn empty_items_are_found_for_lint() {
        assert_eq!(empty_items("- [ ] a\n- [ ]\n- [x] {#x}\n", 10), [11, 12]);
    }

    #[test]
    fn an_item_with_no_text_is_no_checklist_item() {
        let out = render("- [ ] Send it\n- [ ]\n- [ ] {#later}\n- [ ] Check it\n").unwrap();
        assert_eq!(out.html.matches("type=\"checkbox\"").count(), 2, "{}", out.html);
        let keys: Vec<&str> = items(&out).iter().map(|item| item.key.as_str()).collect();
        assert_eq!(keys, ["preparation/report#item-1", "preparation/report#item-2"]);
    }

    #[test]
    fn a_heading_steps_aside_for_a_checkbox_id() {
        let out = render("## Check item 1\n\n- [ ] First\n").unwrap();
        assert!(out.html.contains("<h2 id=\"check-item-1-1\">"), "{}", out.html);
        assert!(out.html.contains("id=\"check-item-1\" data-check"), "{}", out.html);
        let problems = render("## Send {#send}\n\n- [ ] Send it {#send}\n").unwrap_err();
        assert!(problems[0].contains("the id `send` of a heading is already used on line 7"), "{problems:?}");
    }
}
