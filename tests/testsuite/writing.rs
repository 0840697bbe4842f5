//! What makes writing a guide comfortable, each on a real fixture site:
//! `@/` links to any page (generated ones too) in the reader's language,
//! glossary aliases, audiences of one's own, pages placed after the
//! phases, clean addresses for any file name, YAML mistakes and broken
//! links said in plain words.

use crate::common;

use common::{assert_success, stderr, uprkit, Site};

fn append(site: &Site, rel: &str, text: &str) {
    let old = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(rel, format!("{old}{text}"));
}

fn failure(site: &Site) -> String {
    let before = common::snapshot_tree(&site.public());
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1), "the build must fail:\n{}", stderr(&output));
    assert_eq!(common::snapshot_tree(&site.public()), before, "a failed build leaves the last good site as it was");
    stderr(&output)
}

#[test]
fn at_links_lead_to_generated_and_written_pages_in_the_readers_language() {
    let site = Site::copy("basic");
    append(
        &site,
        "content/review/dialogue.md",
        "\nSee [the checklists](@/checklists), [the term](@/glossary#term-upr), [report](@/preparation/report#agree), \
         [report file](@/preparation/report.md), [home](@/) and [for CSOs](@/audience/cso/).\n",
    );
    let output = site.build_ok();
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    let english = site.page("review/dialogue/index.html");
    for link in [
        "<a href=\"../../checklists/index.html\">the checklists</a>",
        "<a href=\"../../glossary/index.html#term-upr\">the term</a>",
        "<a href=\"../../preparation/report/index.html#agree\">report</a>",
        "<a href=\"../../preparation/report/index.html\">report file</a>",
        "<a href=\"../../index.html\">home</a>",
        "<a href=\"../../audience/cso/index.html\">for CSOs</a>",
    ] {
        assert!(english.contains(link), "{link} in\n{english}");
    }
    // The French reader of the same (untranslated) text goes to French pages.
    let french = site.page("fr/review/dialogue/index.html");
    assert!(french.contains("<a href=\"../../../fr/checklists/index.html\">the checklists</a>"), "{french}");
    assert!(french.contains("<a href=\"../../../fr/preparation/report/index.html#agree\">report</a>"), "{french}");
    // A term's anchor is the one of the glossary in the text's language.
    assert!(french.contains("<a href=\"../../../glossary/index.html#term-upr\">the term</a>"), "{french}");
    // Every link works from file://.
    assert!(common::check_links(&site.public()) > 0);
}

#[test]
fn an_at_link_to_no_page_or_no_anchor_fails_with_a_did_you_mean() {
    let site = Site::copy("basic");
    append(&site, "content/review/dialogue.md", "\n[a](@/checklist)\n\n[b](@/glossary#term-upx)\n");
    let message = failure(&site);
    assert!(
        message.contains("content/review/dialogue.md:12: broken link `@/checklist`: the guide has no page at the address `checklist`"),
        "{message}"
    );
    assert!(message.contains("did you mean `checklists`?"), "{message}");
    assert!(message.contains("content/review/dialogue.md:14: broken link `@/glossary#term-upx`: the page `glossary` has no id `#term-upx`"), "{message}");
    assert!(message.contains("did you mean `term-upr`?"), "{message}");
}

#[test]
fn a_root_absolute_link_builds_with_a_warning_naming_the_at_form() {
    let site = Site::copy("basic");
    append(&site, "content/review/dialogue.md", "\n[old](/checklists/)\n");
    let output = site.build_ok();
    let message = stderr(&output);
    assert!(
        message.contains(
            "warning: content/review/dialogue.md:12: the link `/checklists/` starts at the root of a web server"
        ),
        "{message}"
    );
    assert!(message.contains("write `@/checklists/`"), "{message}");
    assert!(common::stdout(&output).contains("1 warning"));
}

#[test]
fn a_broken_relative_link_suggests_the_nearest_page() {
    let site = Site::copy("basic");
    append(&site, "content/review/dialogue.md", "\n[r](../preparation/reprot.md)\n");
    let message = failure(&site);
    assert!(
        message.contains("broken link `../preparation/reprot.md`: there is no page content/preparation/reprot.md (did you mean `../preparation/report.md`?)"),
        "{message}"
    );
}

#[test]
fn glossary_aliases_link_to_their_term_which_the_glossary_lists_once() {
    let site = Site::copy("basic");
    site.write(
        "content/glossary.yaml",
        "- term: UPR\n  title: Universal Periodic Review\n- term: NHRI\n  title: National human rights institution\n  aliases: [NHRIs]\n",
    );
    append(&site, "content/review/dialogue.md", "\nTwo NHRIs spoke.\n");
    site.build_ok();
    let page = site.page("review/dialogue/index.html");
    assert!(
        page.contains("<a class=\"term\" href=\"../../glossary/index.html#term-nhri\"><abbr title=\"National human rights institution\">NHRIs</abbr></a>"),
        "{page}"
    );
    let glossary = site.page("glossary/index.html");
    assert_eq!(glossary.matches("id=\"term-nhri\"").count(), 1);
    assert!(!glossary.contains("NHRIs"), "the glossary shows the term, not its aliases");
    site.write("content/glossary.yaml", "- term: UPR\n  title: U\n  aliases: [NHRI]\n- term: NHRI\n  title: N\n");
    let message = failure(&site);
    assert!(
        message.contains("content/glossary.yaml:3: `NHRI` is an alias of `UPR` but already stands for `NHRI`"),
        "{message}"
    );
}

#[test]
fn audiences_declared_in_uprkit_yaml_replace_the_built_in_ones() {
    let site = Site::copy("basic");
    append(
        &site,
        "uprkit.yaml",
        "audiences:\n  - id: cso\n  - id: local-authorities\n    name: { en: Local authorities, fr: Collectivités locales }\n  - id: donors\n    name: Donors\n",
    );
    let report = std::fs::read_to_string(site.root().join("content/preparation/report.md")).unwrap();
    site.write(
        "content/preparation/report.md",
        report.replace("audience: [cso, nhri]", "audience: [cso, local-authorities, donors]"),
    );
    let french = std::fs::read_to_string(site.root().join("content/preparation/report.fr.md")).unwrap();
    assert!(!french.contains("audience:"), "the translation has its source's audiences");
    site.build_ok();
    let en = site.page("preparation/report/index.html");
    assert!(en.contains(">Local authorities</a>") && en.contains(">Donors</a>"), "{en}");
    assert!(en.contains(">Civil society</a>"), "a built-in id keeps the theme's name");
    let fr = site.page("fr/preparation/report/index.html");
    assert!(fr.contains(">Collectivités locales</a>") && fr.contains(">Donors</a>"), "{fr}");
    assert!(site.page("fr/audience/local-authorities/index.html").contains("Collectivités locales"));
    assert!(!site.public().join("audience/nhri").exists(), "nhri is no longer an audience");
    // handout --audience knows the declared ones.
    let handout = site.outside().join("authorities.html");
    assert_success(&uprkit(
        site.root(),
        &["handout", "--audience", "local-authorities", "-o", handout.to_str().unwrap()],
    ));
    // A page naming one not declared: the list in the help.
    site.write(
        "content/preparation/report.md",
        report.replace("audience: [cso, nhri]", "audience: [cso, local-authority]"),
    );
    let message = failure(&site);
    assert!(message.contains("content/preparation/report.md:5: unknown audience `local-authority`"), "{message}");
    assert!(
        message.contains("did you mean `local-authorities`? (audiences: cso, local-authorities, donors)"),
        "{message}"
    );
}

#[test]
fn an_audience_named_in_a_language_the_guide_lacks_is_an_error() {
    let site = Site::copy("basic");
    append(&site, "uprkit.yaml", "audiences:\n  - id: donors\n    name: { en: Donors, de: Geldgeber }\n");
    let message = failure(&site);
    assert!(
        message.contains("audience `donors` has a name in `de`, which is not a language of this guide"),
        "{message}"
    );
}

#[test]
fn pages_placed_at_the_end_follow_the_phases_in_navigation_and_reading_order() {
    let site = Site::copy("basic");
    site.write("content/about.md", "---\ntitle: About this guide\nplacement: end\n---\n\nWho wrote it.\n");
    site.write("content/credits.md", "---\ntitle: Credits\nplacement: end\nweight: 5\n---\n\nThanks.\n");
    site.build_ok();
    let home = site.page("index.html");
    let nav = &home[home.find("id=\"site-nav\"").expect("the navigation")..];
    let at = |title: &str| nav.find(&format!(">{title}<")).unwrap_or_else(|| panic!("{title} in the navigation"));
    assert!(at("Preparation") < at("Review") && at("Review") < at("About this guide"));
    assert!(at("About this guide") < at("Credits"));
    let about = site.page("about/index.html");
    assert!(
        about.contains("rel=\"prev\" href=\"../review/dialogue/index.html\""),
        "after the last page of the last phase"
    );
    assert!(about.contains("rel=\"next\" href=\"../credits/index.html\""));
    site.write("content/about.md", "---\ntitle: About\nplacement: last\n---\n");
    let message = failure(&site);
    assert!(message.contains("content/about.md:3: unknown placement `last`"), "{message}");
}

#[test]
fn a_file_name_with_spaces_or_capitals_gets_a_clean_address_and_a_warning() {
    let site = Site::copy("basic");
    site.write("content/review/Workshop Notes.md", "---\ntitle: Workshop notes\n---\n\nNotes.\n");
    site.write("content/review/Workshop Notes.fr.md", "---\ntitle: Notes d'atelier\n---\n\nNotes.\n");
    append(
        &site,
        "content/review/dialogue.md",
        "\n[a](<Workshop Notes.md>), [b](Workshop%20Notes.md), [c](workshop-notes.md), [d](@/review/workshop-notes)\n",
    );
    let output = site.build_ok();
    let message = stderr(&output);
    assert!(
        message.contains("warning: content/review/Workshop Notes.md: the file name has spaces or capital letters: the page is published at review/workshop-notes/"),
        "{message}"
    );
    assert!(message.contains("rename it content/review/workshop-notes.md"), "{message}");
    assert!(site.public().join("review/workshop-notes/index.html").is_file());
    assert!(site.public().join("fr/review/workshop-notes/index.html").is_file(), "its translation too");
    let page = site.page("review/dialogue/index.html");
    for name in ["a", "b", "c", "d"] {
        assert!(
            page.contains(&format!("<a href=\"../../review/workshop-notes/index.html\">{name}</a>")),
            "{name} in\n{page}"
        );
    }
    // Two names for one address are an error.
    site.write("content/review/workshop notes.md", "---\ntitle: Other\n---\n");
    let message = failure(&site);
    assert!(message.contains("have the same address"), "{message}");
}

#[test]
fn yaml_mistakes_are_said_in_plain_words() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", config.replace("  fr: {", "\tfr: {"));
    assert!(failure(&site).contains("uprkit.yaml:6: YAML does not allow tabs for indentation: use spaces"));
    site.write("uprkit.yaml", config.replace("  fr: {", "   fr: {"));
    let message = failure(&site);
    assert!(message.contains("uprkit.yaml:6: `fr:` is indented by 3 spaces; the line above by 2"), "{message}");
    assert!(message.contains("indent it by 2 spaces"), "{message}");
    site.write("uprkit.yaml", config.replace("phases:\n", "  phases:\n"));
    let message = failure(&site);
    assert!(message.contains("`phases:` is indented under `languages:`, but it belongs at the top level"), "{message}");
    site.write("uprkit.yaml", format!("{config}name: Kiswahili\n"));
    let message = failure(&site);
    assert!(message.contains("`name:` is at the top level, but it is a key of a language"), "{message}");
    site.write("uprkit.yaml", &config);
    let report = std::fs::read_to_string(site.root().join("content/preparation/report.md")).unwrap();
    site.write("content/preparation/report.md", report.replace("weight: 10", "\tweight: 10"));
    let message = failure(&site);
    assert!(
        message.contains("content/preparation/report.md:3: YAML does not allow tabs for indentation: use spaces"),
        "{message}"
    );
    site.write("content/preparation/report.md", &report);
    site.write(
        "content/glossary.yaml",
        "- term: UPR\n  title: Universal Periodic Review\n   definition: The review.\n",
    );
    let message = failure(&site);
    assert!(
        message.contains("content/glossary.yaml:3: `definition:` is indented by 3 spaces; the line above by 2"),
        "{message}"
    );
}

#[test]
fn every_theme_language_names_the_six_un_languages() {
    let names: Vec<String> =
        ["en", "fr", "es", "ar", "ru", "zh"].iter().map(|code| format!("language_{code}")).collect();
    for lang in ["en", "fr", "es", "ar", "ru", "zh"] {
        let path = common::repository().join(format!("themes/default/i18n/{lang}.yaml"));
        let table: std::collections::BTreeMap<String, String> =
            serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let own: Vec<&String> =
            names.iter().map(|key| table.get(key).unwrap_or_else(|| panic!("{key} in {lang}.yaml"))).collect();
        let mut distinct = own.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 6, "{lang}: {own:?}");
    }
}

#[test]
fn private_use_characters_in_the_text_are_never_taken_for_a_shortcode() {
    let site = Site::copy("basic");
    // U+E000 0 U+E001 is what the first call on a page was replaced with while rendering.
    site.write(
        "content/review/dialogue.md",
        "---\ntitle: Interactive dialogue\n---\n\n## Watching the webcast {#webcast}\n\n\
         An icon font's glyphs: \u{E000}0\u{E001} and \u{E000}1\u{E001}.\n\n\
         {{ figure(src=\"../preparation/map.png\", alt=\"A map\", caption=\"The region\") }}\n",
    );
    site.build_ok();
    let page = site.page("review/dialogue/index.html");
    assert!(page.contains("glyphs: \u{E000}0\u{E001} and \u{E000}1\u{E001}."), "the text stays as written: {page}");
    assert_eq!(page.matches("<figure").count(), 1, "the figure once, where it is called: {page}");
}
