//! The HTML of sections as Typst markup, on small inputs.
use super::*;

fn convert(html: &str, ids: &[&str]) -> String {
    let ids: HashSet<String> = ids.iter().map(|s| s.to_string()).collect();
    let mut images = Images::default();
    let mut converter = Converter { markup: Markup::default(), ids: &ids, images: &mut images, level: 1, page: "x" };
    converter.convert(html);
    converter.markup.out
}

#[test]
fn text_is_a_literal_and_markup_is_uprkits() {
    let out = convert("<p>A <strong>#set</strong> *b* $c$</p>", &[]);
    assert_eq!(out.trim(), r##"#"A "#strong[#"#set"]#" *b* $c$""##);
}

#[test]
fn a_link_inside_the_guide_says_on_which_page_and_one_outside_it_is_text() {
    let out = convert(r##"<p><a href="#p-review">Review</a> <a href="#p-gone">Gone</a></p>"##, &["p-review"]);
    assert!(out.contains(r##"#link(label("p-review"))[#"Review"]#uk-see("p-review")"##), "{out}");
    assert!(out.contains(r##"#"Gone""##) && !out.contains("p-gone"), "{out}");
}

#[test]
fn what_the_page_hides_is_not_printed() {
    let out = convert(r#"<p>Due 2027 <strong hidden>Overdue</strong></p>"#, &[]);
    assert!(out.contains("Due 2027") && !out.contains("Overdue"), "{out}");
}

#[test]
fn a_checklist_is_a_list_of_boxes_without_the_inputs() {
    let out = convert(
        r#"<ul class="checklist"><li class="check-item"><label><input type="checkbox"> Ask</label></li></ul>"#,
        &[],
    );
    assert!(out.contains("#uk-checklist(["), "{out}");
    assert!(!out.contains("uk-box"), "{out}");
}

#[test]
fn headings_come_below_the_sections_title_and_keep_their_ids() {
    let out = convert(r#"<h2 id="p-x--a">A</h2>"#, &[]);
    assert!(out.contains(r#"#heading(level: 2, outlined: false, bookmarked: true)[#"A"]#label("p-x--a")"#), "{out}");
}

#[test]
fn a_table_has_its_header_and_spans() {
    let out = convert(
        "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td colspan=\"2\">C</td></tr></tbody></table>",
        &[],
    );
    assert!(out.contains("#uk-table(columns: 2, table.header([#strong[#\"A\"]], [#strong[#\"B\"]], ), table.cell(colspan: 2)[#\"C\"], )"), "{out}");
}

#[test]
fn data_uris_decode() {
    assert_eq!(decode_data_uri("data:image/png;base64,AAEC"), Some((vec![0, 1, 2], "png")));
    assert_eq!(decode_data_uri("data:image/svg+xml,%3Csvg%3E"), Some((b"<svg>".to_vec(), "svg")));
    assert_eq!(decode_data_uri("https://example.org/a.png"), None);
}
