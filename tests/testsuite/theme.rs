//! Changing the theme without the source: `uprkit theme eject` copies the
//! built-in templates into the toolkit (and `check` says when the built-in
//! ones have changed since), `uprkit i18n template` starts the theme's
//! words in a language it does not ship.

use crate::common;

use common::{assert_success, list_files, stderr, stdout, uprkit, Site};

fn built_in_templates() -> Vec<String> {
    list_files(&common::repository().join("themes/default/templates"))
}

#[test]
fn ejecting_every_template_changes_nothing_until_one_is_edited() {
    let plain = Site::copy("basic");
    plain.build_ok();
    let site = Site::copy("basic");
    let output = uprkit(site.root(), &["theme", "eject"]);
    assert_success(&output);
    assert!(
        stdout(&output).contains(&format!("Copied {} templates", built_in_templates().len())),
        "{}",
        stdout(&output)
    );
    assert_eq!(list_files(&site.root().join("templates")), built_in_templates());
    let base = std::fs::read_to_string(site.root().join("templates/base.html")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(base
        .starts_with(&format!("{{# uprkit theme eject: base.html of uprkit {version}'s default theme, fingerprint ")));
    assert!(base
        .ends_with(&std::fs::read_to_string(common::repository().join("themes/default/templates/base.html")).unwrap()));
    site.build_ok();
    assert_eq!(
        common::snapshot_tree(&site.public()),
        common::snapshot_tree(&plain.public()),
        "the copies render the same site"
    );
    // The copy is the one used.
    site.write("templates/partials/pager.html", "<p class=\"our-pager\">Our own pager</p>\n");
    site.build_ok();
    assert!(site.page("preparation/report/index.html").contains("<p class=\"our-pager\">Our own pager</p>"));
    let checked = uprkit(site.root(), &["check"]);
    assert_success(&checked);
    assert!(!stdout(&checked).contains("ejected") && !stderr(&checked).contains("ejected"), "up to date: no warning");
}

#[test]
fn eject_names_templates_never_overwrites_and_can_write_elsewhere() {
    let site = Site::copy("basic");
    assert_success(&uprkit(site.root(), &["theme", "eject", "base.html", "templates/partials/pager.html"]));
    assert_eq!(list_files(&site.root().join("templates")), ["base.html", "partials/pager.html"]);
    site.write("templates/base.html", "{% block main %}{% endblock %}");
    let again = uprkit(site.root(), &["theme", "eject", "base.html"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("base.html already in"), "{}", stderr(&again));
    assert!(stderr(&again).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(site.root().join("templates/base.html")).unwrap(),
        "{% block main %}{% endblock %}"
    );
    let unknown = uprkit(site.root(), &["theme", "eject", "bse.html"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no template `bse.html` (did you mean `base.html`?)"), "{}", stderr(&unknown));
    let elsewhere = site.outside().join("new-theme");
    assert_success(&uprkit(site.root(), &["theme", "eject", "base.html", "--to", elsewhere.to_str().unwrap()]));
    assert!(elsewhere.join("base.html").is_file());
    assert_eq!(
        std::fs::read_to_string(site.root().join("templates/base.html")).unwrap(),
        "{% block main %}{% endblock %}"
    );
    assert_success(&uprkit(site.root(), &["theme", "eject", "base.html", "--force"]));
    assert!(std::fs::read_to_string(site.root().join("templates/base.html")).unwrap().contains("<!DOCTYPE html>"));
}

#[test]
fn check_warns_when_the_built_in_template_changed_since_it_was_ejected() {
    let site = Site::copy("basic");
    assert_success(&uprkit(site.root(), &["theme", "eject", "page.html"]));
    let path = site.root().join("templates/page.html");
    let text = std::fs::read_to_string(&path).unwrap();
    // As if ejected from an older uprkit whose page.html differed.
    let at = text.find("fingerprint ").unwrap() + "fingerprint ".len();
    let older = format!("{}00000000{}", &text[..at], &text[at + 8..]).replace(env!("CARGO_PKG_VERSION"), "0.0.1");
    std::fs::write(&path, older).unwrap();
    let output = uprkit(site.root(), &["check"]);
    assert_success(&output);
    let message = format!("{}{}", stdout(&output), stderr(&output));
    assert!(
        message.contains("warning: templates/page.html:1: this copy of page.html was ejected from uprkit 0.0.1; the built-in page.html has changed since"),
        "{message}"
    );
    assert!(message.contains("uprkit theme eject page.html --to ../new-theme"), "{message}");
}

#[test]
fn i18n_template_lists_every_string_to_translate_and_empty_ones_fall_back() {
    let site = Site::copy("basic");
    let output = uprkit(site.root(), &["i18n", "template", "sw"]);
    assert_success(&output);
    assert!(stdout(&output).contains("sw: { name: Kiswahili }"), "says how to add the language: {}", stdout(&output));
    let template = std::fs::read_to_string(site.root().join("i18n/sw.yaml")).unwrap();
    let english: indexmap::IndexMap<String, String> = serde_yaml::from_str(
        &std::fs::read_to_string(common::repository().join("themes/default/i18n/en.yaml")).unwrap(),
    )
    .unwrap();
    for (key, text) in &english {
        assert!(template.contains(&format!("\n# English: {text}\n{key}:\n")), "{key} in\n{template}");
    }
    // Translate one; add the language.
    let template = template.replace("\nskip_to_content:\n", "\nskip_to_content: Ruka hadi maudhui\n");
    site.write("i18n/sw.yaml", template);
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", config.replace("languages:\n", "languages:\n  sw: { name: Kiswahili }\n"));
    site.build_ok();
    let page = site.page("sw/index.html");
    assert!(page.contains(">Ruka hadi maudhui</a>"), "{page}");
    assert!(
        page.contains(&format!(">{}</", english["on_this_page"])) || page.contains(&english["menu"]),
        "the rest in the default language"
    );
    let checked = uprkit(site.root(), &["check"]);
    let report = stdout(&checked);
    assert!(
        report.contains(&format!("{} UI strings not translated (add them to i18n/sw.yaml)", english.len() - 1)),
        "{report}"
    );
}

#[test]
fn i18n_template_refuses_shipped_languages_existing_files_and_bad_codes() {
    let site = Site::copy("basic");
    let shipped = uprkit(site.root(), &["i18n", "template", "fr"]);
    assert_eq!(shipped.status.code(), Some(2));
    assert!(stderr(&shipped).contains("the theme already has its strings in `fr`"), "{}", stderr(&shipped));
    let bad = uprkit(site.root(), &["i18n", "template", "pt_BR"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`pt_BR` is not a language tag"), "{}", stderr(&bad));
    site.write("i18n/pt.yaml", "menu: Menu\n");
    let existing = uprkit(site.root(), &["i18n", "template", "pt"]);
    assert_eq!(existing.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(site.root().join("i18n/pt.yaml")).unwrap(), "menu: Menu\n");
}

#[test]
fn a_template_that_includes_itself_is_an_error_naming_it() {
    let site = Site::copy("basic");
    site.build_ok();
    let before = common::snapshot_tree(&site.public());
    for (file, text, expected) in [
        (
            "templates/partials/pager.html",
            "<nav>\n{% include \"partials/pager.html\" %}\n</nav>\n",
            "templates/partials/pager.html:2: template error: `partials/pager.html` includes `partials/pager.html` (itself)",
        ),
        (
            "templates/shortcodes/loop.html",
            "{% include \"shortcodes/loop.html\" %}",
            "templates/shortcodes/loop.html:1: template error: `shortcodes/loop.html` includes `shortcodes/loop.html` (itself)",
        ),
        (
            "templates/partials/pager.html",
            "{% include \"partials/other.html\" %}",
            "templates/partials/pager.html:1: template error: `partials/pager.html` includes `partials/other.html`, which includes `partials/pager.html`",
        ),
    ] {
        site.write("templates/partials/other.html", "{% include \"partials/pager.html\" %}");
        site.write(file, text);
        let output = site.build(&[]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "no stack overflow: {message}");
        assert!(message.contains(expected), "expected `{expected}` in:\n{message}");
        assert!(message.contains("help: remove this include"), "{message}");
        assert_eq!(common::snapshot_tree(&site.public()), before, "the last output is kept");
        std::fs::remove_dir_all(site.root().join("templates")).unwrap();
    }
}

#[test]
fn eject_writes_into_the_toolkit_only_into_a_templates_folder() {
    let site = Site::copy("basic");
    let link = site.outside().join("pages");
    std::os::unix::fs::symlink(site.root().join("content"), &link).unwrap();
    let before = common::snapshot_tree(site.root());
    for target in ["content", "static", "i18n", ".", "data", "new-theme", "content/../static/x", link.to_str().unwrap()]
    {
        let output = uprkit(site.root(), &["theme", "eject", "base.html", "--to", target]);
        assert_eq!(output.status.code(), Some(2), "{target}: {}", stderr(&output));
        let message = stderr(&output);
        assert!(message.contains(&format!("will not eject into {target}: it is ")), "{message}");
        assert!(message.contains("help: leave out --to"), "{message}");
    }
    assert_eq!(common::snapshot_tree(site.root()), before, "nothing written into the toolkit");
    let message = stderr(&uprkit(site.root(), &["theme", "eject", "--to", "static"]));
    assert!(message.contains("it is inside the toolkit's static/, which is published"), "{message}");
    // A theme's templates folder, and any folder outside, will do.
    assert_success(&uprkit(site.root(), &["theme", "eject", "base.html", "--to", "themes/plain/templates"]));
    assert!(site.root().join("themes/plain/templates/base.html").is_file());
    let outside = site.outside().join("new-theme");
    assert_success(&uprkit(site.root(), &["theme", "eject", "base.html", "--to", outside.to_str().unwrap()]));
}
