use super::*;

struct Pages;

impl LinkResolver for Pages {
    fn page(&self, path: &str) -> Option<(String, String)> {
        let slug = path.strip_suffix(".md")?.trim_end_matches("/_index").trim_end_matches("_index");
        ["review/dialogue", "review", "preparation/report"]
            .contains(&slug)
            .then(|| (format!("../../{slug}/index.html"), slug.to_string()))
    }

    fn asset(&self, path: &str) -> Option<String> {
        (path == "preparation/map.png").then(|| "../map.png".to_string())
    }
}

fn strings() -> UiStrings {
    UiStrings::from([("callout_tip".to_string(), "Tip".to_string())])
}

fn render_md(body: &str) -> Result<Rendered, Vec<String>> {
    let strings = strings();
    let glossary = crate::glossary::Glossary::parse(
        "en",
        Path::new("content/glossary.yaml"),
        "- term: UPR\n  title: Universal Periodic Review\n",
    )
    .unwrap();
    let options = MarkdownOptions {
        slug: "preparation/report",
        dir: "preparation",
        strings: &strings,
        links: &Pages,
        glossary: Some(&glossary),
        glossary_href: "../../glossary/index.html",
        id_prefix: "",
    };
    render(Path::new("content/preparation/report.md"), body, 5, &options)
        .map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

#[test]
fn headings_get_unique_ids_and_a_toc() {
    let out = render_md("## Before the review\n\n## Before the review\n\n### Who’s who? {#who}\n").unwrap();
    assert!(out.html.contains("<h2 id=\"before-the-review\">"), "{}", out.html);
    assert!(out.html.contains("<h2 id=\"before-the-review-1\">"), "{}", out.html);
    assert!(out.html.contains("<h3 id=\"who\">"), "{}", out.html);
    let ids: Vec<_> = out.toc.iter().map(|entry| entry.id.as_str()).collect();
    assert_eq!(ids, ["before-the-review", "before-the-review-1", "who"]);
}

#[test]
fn slugs_keep_letters_of_any_script() {
    assert_eq!(slugify("Who's who?"), "whos-who");
    assert_eq!(slugify("الحوار التفاعلي"), "الحوار-التفاعلي");
    assert_eq!(slugify("Étape 2"), "étape-2");
}

#[test]
fn task_lists_become_labelled_checkboxes_with_stable_ids() {
    let out = render_md("- [ ] Draft the report {#draft}\n- [x] Share it\n").unwrap();
    assert!(out.html.contains("<ul class=\"checklist\">"), "{}", out.html);
    assert!(out.html.contains("<li class=\"check-item\" id=\"draft\"><input type=\"checkbox\" class=\"check\" id=\"check-draft\" data-check=\"preparation/report#draft\"><label for=\"check-draft\">Draft the report</label>"), "{}", out.html);
    assert!(out.html.contains("data-check=\"preparation/report#item-2\" checked>"), "{}", out.html);
    assert!(!out.html.contains("{#draft}"));
    assert!(!out.html.contains("disabled"));
    assert_eq!(out.checklist[0].text, "Draft the report");
    assert!(out.checklist[1].checked);
}

#[test]
fn duplicate_checklist_ids_name_both_lines() {
    let problems = render_md("- [ ] A {#a}\n- [ ] B {#a}\n").unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("content/preparation/report.md:6: checklist id `{#a}` is already used on line 5"),
        "{}",
        problems[0]
    );
}

#[test]
fn links_resolve_and_broken_ones_name_their_line() {
    let out = render_md("See [the dialogue](../review/dialogue.md#webcast) and ![map](map.png).\n").unwrap();
    assert!(out.html.contains("href=\"../../review/dialogue/index.html#webcast\""), "{}", out.html);
    assert!(out.html.contains("src=\"../map.png\""), "{}", out.html);
    assert_eq!(out.anchor_refs, [AnchorRef { slug: "review/dialogue".into(), anchor: "webcast".into(), line: 5 }]);
    let problems = render_md("Text\n\nSee [x](../review/missing.md).\n").unwrap_err();
    assert!(
        problems[0].starts_with("content/preparation/report.md:7: broken link `../review/missing.md`"),
        "{}",
        problems[0]
    );
}

#[test]
fn external_links_are_left_alone() {
    let out = render_md("[a](https://example.org) [b](mailto:x@example.org)\n").unwrap();
    assert!(out.html.contains("href=\"https://example.org\""));
    assert!(out.html.contains("href=\"mailto:x@example.org\""));
}

#[test]
fn alerts_become_callouts_with_translated_titles() {
    let out = render_md("> [!TIP]\n> Start early.\n").unwrap();
    assert!(
        out.html.contains("<aside class=\"callout callout-tip\"><p class=\"callout-title\">Tip</p>"),
        "{}",
        out.html
    );
    assert!(out.html.contains("</aside>"));
}

#[test]
fn footnotes_are_numbered_and_collected_at_the_end() {
    let out = render_md("Text[^b] and more[^a].\n\n[^a]: Second.\n[^b]: First.\n").unwrap();
    assert!(out.html.contains("<a id=\"fnref-1\" href=\"#fn-1\""), "{}", out.html);
    let first = out.html.find("<li id=\"fn-1\"><p>First.").expect("first footnote");
    let second = out.html.find("<li id=\"fn-2\"><p>Second.").expect("second footnote");
    assert!(first < second);
    assert!(out.anchors.contains("fn-2"));
}

#[test]
fn code_is_highlighted_and_tables_scroll() {
    let out = render_md("```yaml\na: 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n").unwrap();
    assert!(out.html.contains("<pre class=\"code\" tabindex=\"0\" data-lang=\"yaml\">"), "{}", out.html);
    assert!(out.html.contains("<div class=\"table-wrap\"><table>"), "{}", out.html);
}

#[test]
fn join_stays_inside_content() {
    assert_eq!(join("review", "../preparation/a.md").as_deref(), Some("preparation/a.md"));
    assert_eq!(join("", "../a.md"), None);
}

#[test]
fn the_first_use_of_a_term_links_to_the_glossary() {
    let out = render_md("## The UPR\n\nThe UPR is a review. The UPR again, and [UPR](../review.md).\n").unwrap();
    assert!(out.html.contains("<h2 id=\"the-upr\">The UPR</h2>"), "{}", out.html);
    assert_eq!(out.html.matches("<abbr").count(), 1, "{}", out.html);
    assert!(out.html.contains("<p>The <a class=\"term\" href=\"../../glossary/index.html#term-upr\"><abbr title=\"Universal Periodic Review\">UPR</abbr></a> is a review."), "{}", out.html);
}

#[test]
fn text_is_split_into_sections_for_search() {
    let out = render_md("Intro text.\n\n## Before the review {#before}\n\nSend it.\n- [ ] Tick me\n").unwrap();
    assert_eq!(out.sections.len(), 2);
    assert_eq!(out.sections[0].text, "Intro text.");
    assert_eq!(out.sections[1].id.as_deref(), Some("before"));
    assert_eq!(out.sections[1].heading.as_deref(), Some("Before the review"));
    assert_eq!(out.sections[1].text, "Send it. Tick me");
}

#[test]
fn lint_finds_skipped_levels_missing_alt_text_and_vague_links() {
    let body = "Intro.\n\n## Fine\n\n#### Skipped\n\n![](map.png)\n\n[click here](x.md) and [the review](y.md) and [ici](z.md).\n";
    let problems = lint(body, 5);
    let lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [9, 11, 13, 13], "{problems:?}");
    assert!(problems[0].1.starts_with("heading level 4 after level 2: use ###"));
    assert!(problems[1].1.starts_with("an image without alternative text"));
    assert!(problems[2].1.contains("`click here`") && problems[3].1.contains("`ici`"));
    assert!(lint("## A\n\n### B\n\n## C\n", 1).is_empty());
}
