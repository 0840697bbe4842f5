//! Builds the fixture sites with the real binary and inspects the output.

use crate::common;

use std::path::Path;

use common::{links, list_files, snapshot_tree, stderr, Site};

#[test]
fn every_page_is_published_in_every_language() {
    let site = Site::copy("basic");
    let output = site.build_ok();
    let files = list_files(&site.public());
    let expected = [
        ".nojekyll",
        ".uprkit-output",
        "404.html",
        "_uprkit/checklists.ar.js",
        "_uprkit/checklists.en.js",
        "_uprkit/checklists.fr.js",
        "_uprkit/downloads.js",
        "_uprkit/recommendations.css",
        "_uprkit/recommendations.js",
        "_uprkit/scorm.js",
        "_uprkit/search-engine.js",
        "_uprkit/slides-deck.js",
        "_uprkit/slides.css",
        "_uprkit/slides.js",
        "_uprkit/store.html",
        "_uprkit/store.js",
        "_uprkit/uprkit.css",
        "_uprkit/uprkit.js",
        "_uprkit/workshops.css",
        "ar/404.html",
        "ar/audience/cso/index.html",
        "ar/audience/nhri/index.html",
        "ar/checklists/index.html",
        "ar/glossary/index.html",
        "ar/index.html",
        "ar/key-dates/index.html",
        "ar/preparation/index.html",
        "ar/preparation/report/index.html",
        "ar/review/dialogue/index.html",
        "ar/review/index.html",
        "audience/cso/index.html",
        "audience/nhri/index.html",
        "checklists/index.html",
        "fr/404.html",
        "fr/audience/cso/index.html",
        "fr/audience/nhri/index.html",
        "fr/checklists/index.html",
        "fr/glossary/index.html",
        "fr/index.html",
        "fr/key-dates/index.html",
        "fr/preparation/index.html",
        "fr/preparation/report/index.html",
        "fr/review/dialogue/index.html",
        "fr/review/index.html",
        "glossary/index.html",
        "handouts/ar/guide.html",
        "handouts/ar/guide.pdf",
        "handouts/ar/preparation.html",
        "handouts/ar/preparation.pdf",
        "handouts/ar/review.html",
        "handouts/ar/review.pdf",
        "handouts/ar/scorm-preparation.zip",
        "handouts/ar/scorm-review.zip",
        "handouts/ar/scorm.zip",
        "handouts/ar/site.zip",
        "handouts/en/guide.html",
        "handouts/en/guide.pdf",
        "handouts/en/preparation.html",
        "handouts/en/preparation.pdf",
        "handouts/en/review.html",
        "handouts/en/review.pdf",
        "handouts/en/scorm-preparation.zip",
        "handouts/en/scorm-review.zip",
        "handouts/en/scorm.zip",
        "handouts/en/site.zip",
        "handouts/fr/guide.html",
        "handouts/fr/guide.pdf",
        "handouts/fr/preparation.html",
        "handouts/fr/preparation.pdf",
        "handouts/fr/review.html",
        "handouts/fr/review.pdf",
        "handouts/fr/scorm-preparation.zip",
        "handouts/fr/scorm-review.zip",
        "handouts/fr/scorm.zip",
        "handouts/fr/site.zip",
        "index.html",
        "key-dates/index.html",
        "preparation/index.html",
        "preparation/map.png",
        "preparation/report/index.html",
        "review/dialogue/index.html",
        "review/index.html",
        "robots.txt",
        "search-index.ar.js",
        "search-index.en.js",
        "search-index.fr.js",
        "sitemap.xml",
    ];
    let pages: Vec<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(pages, expected);
    let summary = common::stdout(&output);
    assert!(
        summary.starts_with("Built 15 pages in 3 languages (en 5, fr 5 (2 untranslated), ar 5 (3 untranslated))"),
        "{summary}"
    );
}

/// Opening the site from `file://` works only if every relative link names
/// an existing file, and every `#fragment` an existing id.
#[test]
fn dotfiles_of_static_are_published_but_not_what_editors_and_git_keep() {
    let site = Site::copy("basic");
    site.write("static/.well-known/security.txt", "Contact: mailto:security@example.org\n");
    site.write("static/.htaccess", "Options -Indexes\n");
    for private in [
        "static/.git/config",
        "static/.DS_Store",
        "static/._logo.png",
        "static/.notes.md.swp",
        "static/notes.md~",
        "static/.~lock.plan.odt#",
    ] {
        site.write(private, "private");
    }
    site.build_ok();
    assert!(site.public().join(".well-known/security.txt").is_file());
    assert!(site.public().join(".htaccess").is_file());
    assert!(site.public().join(".nojekyll").is_file(), "GitHub Pages publishes _uprkit/ only with it");
    for private in [".git", ".DS_Store", "._logo.png", ".notes.md.swp", "notes.md~", ".~lock.plan.odt#"] {
        assert!(!site.public().join(private).exists(), "{private} published");
    }
}

#[test]
fn every_relative_link_leads_to_a_file_and_an_id() {
    let site = Site::copy("basic");
    site.build_ok();
    let checked = common::check_links(&site.public());
    assert!(checked > 200, "only {checked} links checked");
}

#[test]
fn every_link_of_the_bundled_toolkit_leads_somewhere_in_all_six_languages() {
    let temp = common::build_bundled();
    let public = temp.path().join("public");
    for lang in ["fr", "es", "ar", "ru", "zh"] {
        assert!(public.join(lang).join("index.html").is_file(), "{lang}");
    }
    let checked = common::check_links(&public);
    assert!(checked > 5_000, "only {checked} links checked");
}

#[test]
fn checklist_items_share_their_keys_across_languages() {
    let site = Site::copy("basic");
    site.build_ok();
    let keys = |page: &str| -> Vec<String> {
        let html = site.page(page);
        html.split("data-check=\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].to_string()).collect()
    };
    let english = keys("preparation/report/index.html");
    assert_eq!(english, ["preparation/report#agree", "preparation/report#item-2", "preparation/report#item-3"]);
    assert_eq!(keys("fr/preparation/report/index.html"), english, "French");
    // The Arabic translation has an item fewer (check reports it): the others keep their keys.
    assert_eq!(keys("ar/preparation/report/index.html"), english[..2], "Arabic");
}

#[test]
fn pages_carry_their_language_and_direction() {
    let site = Site::copy("basic");
    site.build_ok();
    assert!(site.page("index.html").contains("<html lang=\"en\" dir=\"ltr\""));
    let arabic = site.page("ar/preparation/report/index.html");
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\""));
    assert!(arabic.contains("<article class=\"page\" lang=\"ar\" dir=\"rtl\">"));
    assert!(!arabic.contains("notice-fallback"));
    let french = site.page("fr/preparation/report/index.html");
    assert!(french.contains("<title>Rapport des parties prenantes · Boîte à outils</title>"), "{french}");
}

#[test]
fn a_missing_translation_shows_the_source_text_marked_and_with_a_notice() {
    let site = Site::copy("basic");
    site.build_ok();
    let fallback = site.page("ar/review/dialogue/index.html");
    assert!(fallback.contains("<html lang=\"ar\" dir=\"rtl\""));
    assert!(fallback.contains("<article class=\"page\" lang=\"en\" dir=\"ltr\">"), "{fallback}");
    assert!(fallback.contains("class=\"notice notice-fallback\""));
    assert!(fallback.contains("Watching the webcast"));
    // Links in the fallback stay in the reader's language.
    assert!(fallback.contains("href=\"../../../ar/preparation/report/index.html#checklist\""), "{fallback}");
    // The switcher marks languages that only have the fallback.
    let english = site.page("review/dialogue/index.html");
    assert!(english.contains("href=\"../../ar/review/dialogue/index.html\" hreflang=\"ar\" lang=\"ar\" dir=\"rtl\" class=\"is-fallback\""), "{english}");
}

#[test]
fn markdown_features_render_as_designed() {
    let site = Site::copy("basic");
    site.build_ok();
    let page = site.page("preparation/report/index.html");
    for expected in [
        "<h2 id=\"before-you-write\">Before you write</h2>",
        "<aside class=\"callout callout-tip\"><p class=\"callout-title\">Tip</p>",
        "<div class=\"table-wrap\"><table>",
        "<img src=\"../../preparation/map.png\" alt=\"Coalition map\"",
        "<pre class=\"code\" tabindex=\"0\" data-lang=\"yaml\"><code><span class=\"hl-source hl-yaml\">",
        "<ul class=\"checklist\">",
        "<li class=\"check-item\" id=\"agree\"><input type=\"checkbox\" class=\"check\" id=\"check-agree\" data-check=\"preparation/report#agree\"><label for=\"check-agree\">Agree on the issues</label>",
        "data-check=\"preparation/report#item-2\" checked>",
        "<sup class=\"footnote-ref\"><a id=\"fnref-1\" href=\"#fn-1\" role=\"doc-noteref\">1</a></sup>",
        "<li id=\"fn-1\"><p>About six months before the session. <a class=\"footnote-back\" href=\"#fnref-1\"",
        "href=\"../../review/dialogue/index.html#webcast\"",
        "<li>Ada Example, Fixture NGO</li>",
        "<li><a href=\"../../audience/cso/index.html\">Civil society</a></li><li><a href=\"../../audience/nhri/index.html\">NHRIs</a></li>",
        "<a class=\"pager-prev\" rel=\"prev\" href=\"../../preparation/index.html\">",
        "<a class=\"pager-next\" rel=\"next\" href=\"../../review/index.html\">",
        "<time datetime=\"2026-11-01\">1 November 2026</time>",
    ] {
        assert!(page.contains(expected), "missing {expected}\n{page}");
    }
    assert!(!page.contains("{#agree}"));
    assert!(!page.contains("disabled"));
}

#[test]
fn sitemap_lists_translated_pages_with_absolute_addresses_only_with_a_base_url() {
    let site = Site::copy("basic");
    site.build_ok();
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/toolkit/fr/preparation/report/index.html</loc>"));
    assert!(!sitemap.contains("fr/review/dialogue"), "fallback copies are not listed");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", config.replace("base_url: https://example.org/toolkit/\n", ""));
    site.build_ok();
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("<loc>fr/preparation/report/index.html</loc>"), "{sitemap}");
    assert!(!site.page("404.html").contains("https://"));
}

#[test]
fn static_files_and_the_404_page_are_written() {
    let site = Site::copy("basic");
    site.build_ok();
    assert_eq!(site.page("robots.txt"), "User-agent: *\n");
    let not_found = site.page("404.html");
    assert!(not_found.contains("href=\"https://example.org/toolkit/_uprkit/uprkit.css\""), "{not_found}");
    // Without a base_url, each language's 404 page links relative to where
    // it lies, so it works from a folder; with the search box and the phases.
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", config.replace("base_url: https://example.org/toolkit/\n", ""));
    site.build_ok();
    let not_found = site.page("404.html");
    assert!(not_found.contains("href=\"./_uprkit/uprkit.css\""), "{not_found}");
    assert!(not_found.contains("data-search data-index=\"./search-index.en.js\""), "{not_found}");
    assert!(not_found.contains("<a href=\"./preparation/index.html\">Preparation</a>"), "{not_found}");
    assert!(!not_found.contains("=\"/"), "no address from the server's root: {not_found}");
    let french = site.page("fr/404.html");
    assert!(french.contains("<html lang=\"fr\"") && french.contains("Page introuvable"), "{french}");
    assert!(
        french.contains("href=\"../_uprkit/uprkit.css\"") && french.contains("href=\"../fr/preparation/index.html\""),
        "{french}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::copy("basic");
    site.build_ok();
    let first = snapshot_tree(&site.public());
    let other = site.root().join("again");
    common::assert_success(&site.build(&["--output", other.to_str().unwrap()]));
    assert!(first == snapshot_tree(&other), "the second build differs");
}

#[test]
fn pretty_urls_drop_index_html() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}pretty_urls: true\n"));
    site.build_ok();
    let page = site.page("preparation/report/index.html");
    assert!(page.contains("href=\"../../review/dialogue/#webcast\""), "{page}");
    assert!(!links(&page).iter().any(|link| link.ends_with("index.html")), "{page}");
}

#[test]
fn drafts_are_published_only_when_asked() {
    let site = Site::copy("basic");
    site.build_ok();
    assert!(!site.public().join("preparation/draft-notes/index.html").exists());
    common::assert_success(&site.build(&["--drafts"]));
    assert!(site.page("preparation/draft-notes/index.html").contains("Draft notes"));
}

/// A translation written by hand of a draft is held back with its source,
/// as one made from a PO file is: it was published in its language alone,
/// in the site, the search index, the handouts and the zips.
#[test]
fn a_draft_s_translation_is_held_back_with_it() {
    let site = Site::copy("basic");
    site.write("content/preparation/draft-notes.fr.md", "---\ntitle: Notes provisoires\n---\n\nDRAFT-FR-4471 texte.\n");
    site.build_ok();
    assert!(!site.public().join("fr/preparation/draft-notes/index.html").exists());
    let holding: Vec<String> = list_files(&site.public())
        .into_iter()
        .filter(|rel| {
            let bytes = std::fs::read(site.public().join(rel)).unwrap();
            String::from_utf8_lossy(&bytes).contains("DRAFT-FR-4471")
                || rel.ends_with(".zip") && zip_holds(&bytes, "DRAFT-FR-4471")
        })
        .collect();
    assert_eq!(holding, Vec::<String>::new());
    common::assert_success(&site.build(&["--drafts"]));
    assert!(site.page("fr/preparation/draft-notes/index.html").contains("DRAFT-FR-4471"));
}

/// Whether a file inside the zip `bytes` holds `text`.
fn zip_holds(bytes: &[u8], text: &str) -> bool {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len()).any(|i| {
        let mut inner = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_index(i).unwrap(), &mut inner).unwrap();
        String::from_utf8_lossy(&inner).contains(text)
    })
}

/// Files of `content/` that look like pages but are not `.md` in small
/// letters (as Windows, Notepad, Notepad++ and merge tools leave them) are
/// named in a warning and never copied into the site or its zips: they
/// were published as they are, facilitator notes included.
#[test]
fn page_look_alikes_are_named_and_never_published() {
    let site = Site::copy("basic");
    let text = "---\ntitle: Notes\n---\n\nHello.\n\n> [!FACILITATOR]\n> LOOKALIKE-5521 trainer only.\n";
    let names = ["Notes.MD", "notes.Md", "notes.markdown", "notes.md.txt", "notes.md.bak", "notes.md.orig"];
    for name in names {
        site.write(&format!("content/preparation/{name}"), text);
    }
    site.write("content/preparation/~$agenda.docx", "LOOKALIKE-5521");
    let output = site.build_ok();
    let said = stderr(&output);
    for name in names {
        assert!(said.contains(&format!("warning: content/preparation/{name}: ")), "{name} is not named: {said}");
    }
    assert!(said.contains("help: rename it Notes.md to publish it"), "{said}");
    assert!(said.contains("help: if it is the page, rename it notes.md; if it is a copy, delete it"), "{said}");
    let files = list_files(&site.public());
    assert!(files.iter().any(|rel| rel == "preparation/map.png"), "an image beside the pages is still copied");
    for rel in &files {
        let bytes = std::fs::read(site.public().join(rel)).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("LOOKALIKE-5521"), "{rel} holds the page's text");
        assert!(!(rel.ends_with(".zip") && zip_holds(&bytes, "LOOKALIKE-5521")), "{rel} holds the page's text");
    }
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = Site::copy("basic");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">{{ page.title }}</h1>{% endblock main %}",
    );
    site.write("templates/partials/pager.html", "<p class=\"my-pager\">custom pager</p>");
    site.build_ok();
    let page = site.page("preparation/report/index.html");
    assert!(page.contains("<h1 class=\"custom\">Stakeholder report</h1>"), "{page}");
    assert!(page.contains("<nav id=\"site-nav\""), "base.html still comes from the theme");
    assert!(site.page("preparation/index.html").contains("<p class=\"my-pager\">custom pager</p>"));
}

#[test]
fn a_site_theme_sits_between_the_site_and_the_built_in_theme() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}theme: plain\n"));
    site.write("themes/plain/templates/partials/pager.html", "<p>theme pager</p>");
    site.write("themes/plain/static/uprkit.css", "body { color: black }");
    site.write("themes/plain/i18n/en.yaml", "skip_to_content: Jump to the text\n");
    site.build_ok();
    let page = site.page("preparation/report/index.html");
    assert!(page.contains("<p>theme pager</p>"));
    assert!(page.contains("Jump to the text"));
    assert_eq!(site.page("_uprkit/uprkit.css"), "body { color: black }");
}

#[test]
fn the_bundled_toolkit_builds_cleanly() {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("public");
    let result = common::uprkit(repository, &["build", "--output", output.to_str().unwrap()]);
    common::assert_success(&result);
    assert!(common::stderr(&result).is_empty(), "warnings: {}", common::stderr(&result));
    let pages = list_files(&output).iter().filter(|f| f.ends_with("index.html")).count();
    // In each of the six UN languages: 18 pages, the checklists, key dates,
    // glossary, recommendations and workshops pages, a page for each of the
    // 7 audiences, for each of the 8 themes of the recommendations and for
    // the sample workshop.
    assert_eq!(pages, 6 * (18 + 5 + 7 + 8 + 1));
    let read = |rel: &str| std::fs::read_to_string(output.join(rel)).unwrap();
    assert!(read("key-dates/upr-key-dates.ics").contains("DTSTART;VALUE=DATE:20270504"));
    assert!(read("index.html").contains("class=\"cycle\""));
    assert!(read("ar/index.html").contains("<html lang=\"ar\" dir=\"rtl\""));
    // Russian and Chinese are partial: the review phase falls back to English.
    let fallback = read("zh/review/adoption/index.html");
    assert!(fallback.contains("notice-fallback") && fallback.contains("<article class=\"page\" lang=\"en\""));
    assert!(!read("fr/review/adoption/index.html").contains("notice-"), "French is complete and current");
}

#[test]
fn rendered_pages_match_their_snapshots() {
    let site = Site::copy("basic");
    site.build_ok();
    let article = |rel: &str| {
        let html = site.page(rel);
        let start = html.find("<main").unwrap();
        let end = html.find("</main>").unwrap();
        html[start..end].to_string()
    };
    insta::assert_snapshot!("report_en", article("preparation/report/index.html"));
    insta::assert_snapshot!("dialogue_ar_fallback", article("ar/review/dialogue/index.html"));
}

#[test]
fn navigation_marks_the_current_page_and_opens_only_its_section() {
    let site = Site::copy("basic");
    site.build_ok();
    let page = site.page("preparation/report/index.html");
    let nav = &page[page.find("<nav id=\"site-nav\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert_eq!(nav.matches("aria-current=\"page\"").count(), 1, "{nav}");
    assert!(
        nav.contains("<a href=\"../../preparation/report/index.html\" aria-current=\"page\">Stakeholder report</a>"),
        "{nav}"
    );
    assert!(nav.contains("href=\"../../review/index.html\""), "{nav}");
    assert!(!nav.contains("review/dialogue"), "a closed section lists no pages: {nav}");
    let section = site.page("review/index.html");
    assert!(section.contains("<a href=\"../review/index.html\" aria-current=\"page\">Review</a>"), "{section}");
    assert!(section.contains("href=\"../review/dialogue/index.html\""), "the current section is open");
}
