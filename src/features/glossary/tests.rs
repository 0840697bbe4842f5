//! The glossary's parsing, matching and linking of terms.
use super::*;

fn glossary(text: &str) -> Glossary {
    Glossary::parse("en", Path::new("content/glossary.yaml"), text).unwrap()
}

#[test]
fn finds_whole_words_only() {
    let g = glossary("- term: UPR\n  title: Universal Periodic Review\n- term: NHRI\n  title: N\n");
    let found = g.find("The UPR and UPRs, NHRI.");
    let words: Vec<&str> = found.iter().map(|&(s, e, _)| &"The UPR and UPRs, NHRI."[s..e]).collect();
    assert_eq!(words, ["UPR", "NHRI"]);
}

#[test]
fn chinese_terms_match_inside_running_text() {
    let g = glossary("- term: 普遍定期审议\n  title: UPR\n");
    assert_eq!(g.find("参与普遍定期审议的民间社会").len(), 1);
}

#[test]
fn duplicate_terms_name_the_second_line() {
    let problems =
        Glossary::parse("en", Path::new("content/glossary.yaml"), "- term: UPR\n  title: A\n- term: UPR\n  title: B\n")
            .unwrap_err();
    assert_eq!(
        problems[0].to_string().lines().next().unwrap(),
        "content/glossary.yaml:3: the term `UPR` is defined twice (first on line 1)"
    );
}

#[test]
fn the_first_use_of_a_term_links_to_the_glossary() {
    let mut feature = GlossaryFeature::default();
    feature.glossaries.insert("en".into(), glossary("- term: UPR\n  title: Universal Periodic Review\n"));
    let features = crate::engine::feature::Features::new(vec![Box::new(feature)], Vec::new());
    let body = "## The UPR\n\nThe UPR is a review. The UPR again, and [UPR](../review.md).\n";
    let out = crate::engine::markdown::tests::render_with(&features, body).unwrap();
    assert!(out.html.contains("<h2 id=\"the-upr\">The UPR</h2>"), "{}", out.html);
    assert_eq!(out.html.matches("<abbr").count(), 1, "{}", out.html);
    assert!(out.html.contains("<p>The <a class=\"term\" href=\"../../glossary/index.html#term-upr\"><abbr title=\"Universal Periodic Review\">UPR</abbr></a> is a review."), "{}", out.html);
}

fn render_with_upr(body: &str) -> String {
    let features = crate::engine::feature::Features::new(
        vec![
            Box::new(crate::features::checklists::Checklists),
            Box::new(GlossaryFeature::with([glossary("- term: UPR\n  title: Universal Periodic Review\n")])),
        ],
        Vec::new(),
    );
    crate::engine::markdown::tests::render_with(&features, body).unwrap().html
}

#[test]
fn terms_inside_raw_html_and_checklist_labels_are_left_alone() {
    for body in [
        "See <a href=\"https://upr-info.org\">UPR</a> online.\n",
        "The <abbr title=\"x\">UPR</abbr> is a review.\n",
        "- [ ] Read about the UPR\n",
    ] {
        let html = render_with_upr(body);
        assert!(!html.contains("class=\"term\""), "{body}\n{html}");
    }
    let html = render_with_upr("A <b>bold</b> word, then the UPR.<br>\n");
    assert_eq!(html.matches("class=\"term\"").count(), 1, "{html}");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    assert_eq!(glossary("\u{feff}- term: UPR\n  title: U\n").terms.len(), 1);
}

#[test]
fn aliases_link_to_their_term_which_the_page_lists_once() {
    let text = "- term: CSO\n  title: Civil society organisation\n  aliases: [CSOs, civil society organisations]\n";
    let glossary = Glossary::parse("en", Path::new("content/glossary.yaml"), text).unwrap();
    assert_eq!(glossary.terms.len(), 1);
    let found = glossary.find("Two CSOs met; the CSO and other civil society organisations wrote.");
    let forms: Vec<(&str, usize)> = found
        .iter()
        .map(|&(start, end, term)| {
            (&"Two CSOs met; the CSO and other civil society organisations wrote."[start..end], term)
        })
        .collect();
    assert_eq!(forms, [("CSOs", 0), ("CSO", 0), ("civil society organisations", 0)]);
    let html = link_terms(
        vec![(Event::Text("Two CSOs met with the CSO.".into()), 0..1)],
        &glossary,
        Some("../glossary/".into()),
    );
    let links: Vec<String> = html
        .iter()
        .filter_map(|(event, _)| match event {
            Event::InlineHtml(html) => Some(html.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        links,
        ["<a class=\"term\" href=\"../glossary/#term-cso\"><abbr title=\"Civil society organisation\">CSOs</abbr></a>"],
        "the first use of the term, in either form"
    );
}

#[test]
fn an_alias_stands_for_one_term_only() {
    let text = "- term: CSO\n  title: Civil society organisation\n  aliases: [NGO]\n- term: NGO\n  title: Non-governmental organisation\n";
    let problems = Glossary::parse("en", Path::new("content/glossary.yaml"), text).unwrap_err();
    assert_eq!(
        problems[0].to_string().lines().next().unwrap(),
        "content/glossary.yaml:3: `NGO` is an alias of `CSO` but already stands for `NGO`"
    );
}

#[test]
fn unknown_keys_are_errors() {
    let problems = Glossary::parse("en", Path::new("g.yaml"), "- term: UPR\n  tilte: A\n").unwrap_err();
    assert!(problems[0].to_string().contains("did you mean `title`?"), "{}", problems[0]);
}
