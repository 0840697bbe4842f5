use super::*;

pub(crate) struct Pages;

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

    fn generated(&self, slug: &str) -> String {
        format!("../../{slug}/index.html")
    }
}

/// Renders `body` as line 5 onwards of `content/preparation/report.md`,
/// with these passes after the engine's; problems as the lines a user would read.
pub(crate) fn render_with(passes: &dyn Passes, body: &str) -> Result<Rendered, Vec<String>> {
    let strings = UiStrings::from([("callout_tip".to_string(), "Tip".to_string())]);
    let options = MarkdownOptions {
        slug: "preparation/report",
        dir: "preparation",
        lang: "en",
        strings: &strings,
        links: &Pages,
        id_prefix: "",
        passes,
    };
    render(Path::new("content/preparation/report.md"), body, 5, &options)
        .map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

fn render_md(body: &str) -> Result<Rendered, Vec<String>> {
    render_with(&NoPasses, body)
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
