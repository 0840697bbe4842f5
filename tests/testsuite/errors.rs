//! Every kind of bad input gets an error naming the file and line, exit
//! code 1, and leaves the previous output exactly as it was.

use crate::common;

use common::{snapshot_tree, stderr, Site};

/// Builds the good fixture, breaks it with `change`, builds again and checks
/// the failure: exit code 1, each of `expected` in the error output, and the
/// first build's output untouched, with no staging folder left behind.
#[track_caller]
fn assert_rejected(change: impl FnOnce(&Site), expected: &[&str]) -> String {
    let site = Site::copy("basic");
    site.build_ok();
    let before = snapshot_tree(&site.public());
    change(&site);
    let output = site.build(&[]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "exit code; stderr:\n{message}");
    for fragment in expected {
        assert!(message.contains(fragment), "expected `{fragment}` in:\n{message}");
    }
    assert!(!message.contains("panicked"), "{message}");
    assert!(before == snapshot_tree(&site.public()), "the previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("uprkit-new") || name.contains("uprkit-old"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    message
}

const PAGE: &str = "content/preparation/report.md";

#[test]
fn malformed_front_matter_yaml() {
    assert_rejected(
        |site| site.write(PAGE, "---\ntitle: Report\nsummary: Step one: consult\n---\nText\n"),
        &["content/preparation/report.md:3:", "mapping values are not allowed", "help: check the YAML syntax"],
    );
}

#[test]
fn front_matter_never_closed() {
    assert_rejected(
        |site| site.write(PAGE, "---\ntitle: Report\n\nText without a closing fence\n"),
        &[
            "content/preparation/report.md:1:1: the front matter opened here is never closed",
            "add a line with only `---`",
        ],
    );
}

#[test]
fn unknown_front_matter_key_with_a_suggestion() {
    assert_rejected(
        |site| site.write(PAGE, "---\ntitle: Report\nphse: review\n---\nText\n"),
        &["content/preparation/report.md:3:1: unknown key `phse`", "did you mean `phase`?"],
    );
}

#[test]
fn unknown_config_key_with_a_suggestion() {
    assert_rejected(
        |site| {
            let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
            site.write("uprkit.yaml", config.replace("default_language:", "default_lang:"));
        },
        &["uprkit.yaml:3:1: unknown key `default_lang`", "did you mean `default_language`?"],
    );
}

#[test]
fn missing_title() {
    assert_rejected(
        |site| site.write(PAGE, "---\nweight: 3\n---\nText\n"),
        &["content/preparation/report.md:1: missing required key `title`", "add a line such as `title:"],
    );
}

#[test]
fn file_that_is_not_utf8() {
    assert_rejected(
        |site| site.write(PAGE, b"---\ntitle: R\xe9sum\xe9\n---\n".as_slice()),
        &["content/preparation/report.md:2:9: the file is not valid UTF-8", "save it with the UTF-8 encoding"],
    );
}

#[test]
fn unknown_language_suffix() {
    assert_rejected(
        |site| site.write("content/preparation/report.de.md", "---\ntitle: Bericht\n---\n"),
        &["content/preparation/report.de.md: unknown language suffix `.de`", "add `de` under `languages:`"],
    );
}

#[test]
fn two_files_for_one_address() {
    assert_rejected(
        |site| site.write("content/review/dialogue/_index.md", "---\ntitle: Dialogue again\n---\n"),
        &[
            "content/review/dialogue/_index.md",
            "content/review/dialogue.md",
            "have the same address",
            "rename or remove one",
        ],
    );
}

#[test]
fn broken_relative_link() {
    assert_rejected(
        |site| site.write(PAGE, "---\ntitle: R\n---\n\nFirst paragraph.\n\nSee [the map](../review/mapp.md).\n"),
        &["content/preparation/report.md:7: broken link `../review/mapp.md`: there is no page content/review/mapp.md"],
    );
}

#[test]
fn link_to_a_missing_anchor() {
    assert_rejected(
        |site| site.write(PAGE, "---\ntitle: R\n---\nSee [webcasts](../review/dialogue.md#webcasts).\n"),
        &["content/preparation/report.md:4: broken link: content/review/dialogue.md has no heading or item with id `#webcasts`"],
    );
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    assert_rejected(
        |site| {
            site.write(
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n{% if page.title %}\n{% endblock main %}\n",
            )
        },
        &["templates/page.html:4", "template error: Failed to parse"],
    );
}

#[test]
fn template_runtime_error_names_the_template_and_line() {
    assert_rejected(
        |site| {
            site.write(
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.titel }}</h1>\n{% endblock main %}\n",
            )
        },
        &["templates/page.html:3: template error", "Variable `page.titel` not found"],
    );
}

#[test]
fn root_without_a_config_file() {
    let site = Site::copy("basic");
    let empty = tempfile::tempdir().unwrap();
    let output = common::uprkit(site.root(), &["build", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("no uprkit.yaml in this folder"), "{message}");
    assert!(message.contains("uprkit init DIR"), "{message}");
}

#[test]
fn all_problems_are_reported_at_once() {
    let message = assert_rejected(
        |site| {
            site.write(PAGE, "---\ntitle: R\nphse: x\n---\n");
            site.write("content/review/dialogue.md", "---\nweight: 1\n---\n");
        },
        &["unknown key `phse`", "missing required key `title`", "2 problems"],
    );
    assert!(message.matches("error:").count() >= 2, "{message}");
}

#[test]
fn error_output_reads_the_same_every_time() {
    let site = Site::copy("basic");
    site.write(PAGE, "---\ntitle: Report\nphse: review\naudience: [cso, ngo]\n---\n");
    let output = site.build(&[]);
    insta::assert_snapshot!("unknown_key", stderr(&output));
}

#[test]
fn duplicate_checklist_ids_on_a_page() {
    assert_rejected(
        |site| site.write(PAGE, "---\ntitle: R\n---\n- [ ] One {#send}\n- [ ] Two {#send}\n"),
        &[
            "content/preparation/report.md:5: checklist id `{#send}` is already used on line 4",
            "give each checklist item",
        ],
    );
}

#[test]
fn a_page_at_the_address_of_a_generated_one_is_an_error() {
    assert_rejected(
        |site| {
            site.write("content/audience/nhri.md", "---\ntitle: Mine\n---\nText.\n");
            site.write("content/glossary.md", "---\ntitle: Words\n---\nText.\n");
        },
        &[
            "content/audience/nhri.md: this page has the address of the generated page “For NHRIs”",
            "content/glossary.md: this page has the address of the glossary page",
        ],
    );
}

#[test]
fn an_id_used_twice_on_a_page_is_reported_by_build_and_check() {
    let page = "---\ntitle: R\n---\n## Send {#send}\n\nText.\n\n## Again {#send}\n";
    assert_rejected(
        |site| site.write(PAGE, page),
        &["content/preparation/report.md:8: the id `send` of a heading is already used on line 4"],
    );
    let site = Site::copy("basic");
    site.write(PAGE, page);
    let output = common::uprkit(site.root(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(common::stdout(&output).contains("the id `send` of a heading is already used on line 4"));
}

#[test]
fn a_value_of_the_wrong_kind_is_explained_in_plain_words() {
    assert_rejected(
        |site| site.write(PAGE, "---\ntitle: Report\nweight: ten\naudience: cso\n---\nText\n"),
        &[
            "content/preparation/report.md:3:9: `weight` must be a whole number, not the text \"ten\"",
            "help: write digits",
        ],
    );
}

/// A build works through one language at a time, but a mistake in a later
/// language is reported with those of the first: every one at once.
#[test]
fn mistakes_in_several_languages_are_reported_together() {
    let message = assert_rejected(
        |site| {
            site.write("content/review/dialogue.md", "---\ntitle: D\n---\nSee [it](missing-en.md).\n");
            site.write("content/preparation/report.ar.md", "---\ntitle: تقرير\n---\nانظر [هنا](missing-ar.md).\n");
        },
        &[
            "content/review/dialogue.md:4: broken link `missing-en.md`",
            "content/preparation/report.ar.md:4: broken link `missing-ar.md`",
        ],
    );
    assert_eq!(
        message.matches("broken link `missing-en.md`").count(),
        1,
        "one report per source, not per language:\n{message}"
    );
}

#[test]
fn an_edition_for_a_language_the_guide_lacks() {
    assert_rejected(
        |site| {
            let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
            site.write("uprkit.yaml", format!("{config}edition:\n  en: Edition 2\n  de: Ausgabe 2\n"));
        },
        &["uprkit.yaml:", "`edition`: no language `de`", "the guide's languages are en, fr, ar"],
    );
}

#[test]
fn curly_quotes_from_a_word_processor_are_named_as_such() {
    assert_rejected(
        |site| site.write("content/review/dialogue.md", "---\ntitle: “Adoption: the plenary”\n---\n\nText.\n"),
        &[
            "content/review/dialogue.md:2:",
            "help: “ ” are not quotes to YAML (a word processor puts them in): write the value between straight quotes",
        ],
    );
}

#[test]
fn a_value_yaml_reads_as_a_comment_is_pointed_out_and_license_is_a_spelling_of_licence() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write(
        "uprkit.yaml",
        format!("{config}brand:\n  organisation: Our NGO   # the name on every page\n  colour: #7a2e8c\n  license: CC BY 4.0\n"),
    );
    let output = site.build_ok();
    let said = stderr(&output);
    assert!(
        said.contains("warning: uprkit.yaml:15: `colour` has no value: YAML reads `#7a2e8c` as a comment")
            && said.contains("help: put the value in quotes: `colour: \"#7a2e8c\"`"),
        "{said}"
    );
    assert!(!said.contains("`organisation` has no value"), "a comment after a value is a comment: {said}");
    assert!(site.page("index.html").contains("CC BY 4.0"), "the licence, spelt the American way");
    let check = common::uprkit(site.root(), &["check"]);
    assert!(format!("{}{}", common::stdout(&check), stderr(&check)).contains("`colour` has no value"));
}
