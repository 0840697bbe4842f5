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

    fn generated(&self, slug: &str, _lang: &str) -> Option<String> {
        Some(format!("../../{slug}/index.html"))
    }

    fn page_at(&self, slug: &str) -> Option<(String, String)> {
        self.page(&format!("{slug}.md"))
    }

    fn reader_lang(&self) -> &str {
        "en"
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
        reserved_ids: &BTreeSet::from(["main".to_string()]),
        target: Target::Site,
        highlighted: &[],
        shortcodes: &super::shortcodes::NoShortcodes,
        facilitator: false,
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
    // An image is said to be one, with help about images, not pages.
    let problems = render_md("![Map](coalition-map.png)\n").unwrap_err();
    assert!(
        problems[0].starts_with("content/preparation/report.md:5: missing image `coalition-map.png`: there is no file content/preparation/coalition-map.png")
            && problems[0].contains("put the image in content/preparation/")
            && !problems[0].contains("dialogue.md"),
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
fn email_autolinks_become_mailto_links() {
    let out = render_md("Write to <someone@example.org>.\n").unwrap();
    assert!(out.html.contains("<a href=\"mailto:someone@example.org\">someone@example.org</a>"), "{}", out.html);
}

#[test]
fn a_footnote_referred_to_in_a_footnote_is_numbered_and_linked() {
    let out = render_md("Text[^a].\n\n[^a]: See also[^b].\n[^b]: The other note.\n").unwrap();
    assert!(out.html.contains("See also<sup class=\"footnote-ref\"><a id=\"fnref-2\" href=\"#fn-2\""), "{}", out.html);
    assert!(
        out.html.contains("<li id=\"fn-2\"><p>The other note. <a class=\"footnote-back\" href=\"#fnref-2\""),
        "{}",
        out.html
    );
    assert!(!out.html.contains("href=\"#b\""), "{}", out.html);
}

#[test]
fn footnote_labels_match_whatever_their_case() {
    let out = render_md("Text[^Note].\n\n[^note]: The note.\n").unwrap();
    assert!(
        out.html.contains("<li id=\"fn-1\"><p>The note. <a class=\"footnote-back\" href=\"#fnref-1\""),
        "{}",
        out.html
    );
}

/// Every `id="..."` in `html`.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect()
}

#[test]
fn every_id_on_a_page_is_unique_and_explicit_ids_win() {
    let out = render_md("## Foo\n\n## Bar {#foo}\n\n## Foo\n\n## Foo 1\n\n## Main\n\n## Fn 1\n").unwrap();
    assert_eq!(ids(&out.html), ["foo-1", "foo", "foo-2", "foo-1-1", "main-1", "fn-1-1"]);
}

#[test]
fn an_explicit_id_used_twice_or_by_the_page_is_an_error() {
    let problems = render_md("## A {#same}\n\n## B {#same}\n").unwrap_err();
    assert!(
        problems[0]
            .starts_with("content/preparation/report.md:7: the id `same` of a heading is already used on line 5"),
        "{problems:?}"
    );
    let problems = render_md("## Skip {#main}\n").unwrap_err();
    assert!(problems[0].contains("the id `main` of a heading is used by the page around the text"), "{problems:?}");
}
