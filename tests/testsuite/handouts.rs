//! Offline handouts: one self-contained file per language and phase, that
//! references no other file or host, keeps its checklists, and prints with
//! a title page, a contents page and one page of the guide per sheet.

use crate::common;

use common::{assert_success, stdout, uprkit, Site};

/// Every place an HTML document can point elsewhere: attributes that load or
/// link, and `url(...)` in styles.
fn references(html: &str) -> Vec<String> {
    let mut found = common::links(html);
    let mut rest = html;
    while let Some(start) = rest.find("url(") {
        rest = &rest[start + 4..];
        found.push(rest[..rest.find(')').unwrap()].trim_matches(['"', '\'']).to_string());
    }
    for marker in ["<link ", "@import", "<iframe", "srcset="] {
        assert!(!html.contains(marker), "a handout must not contain {marker}");
    }
    found
}

#[test]
fn a_build_writes_a_handout_per_language_and_phase() {
    let site = Site::copy("basic");
    site.build_ok();
    for path in [
        "handouts/en/guide.html",
        "handouts/en/preparation.html",
        "handouts/en/review.html",
        "handouts/ar/guide.html",
        "handouts/fr/review.html",
    ] {
        assert!(site.public().join(path).is_file(), "{path}");
    }
    assert!(!site.public().join("handouts/en/follow-up.html").exists(), "no page in that phase");
}

#[test]
fn handouts_are_self_contained() {
    let site = Site::copy("basic");
    site.build_ok();
    for path in ["handouts/en/guide.html", "handouts/en/review.html", "handouts/ar/guide.html"] {
        let html = site.page(path);
        for reference in references(&html) {
            let inside = reference.starts_with('#') || reference.starts_with("data:");
            let online = reference.starts_with("https://example.org/toolkit/");
            assert!(inside || online, "{path}: `{reference}` points outside the file");
        }
    }
    let guide = site.page("handouts/en/guide.html");
    // Links between pages became links inside the document.
    assert!(guide.contains("href=\"#p-review--dialogue--webcast\""), "{guide}");
    assert!(guide.contains("<h2 id=\"p-review--dialogue--webcast\">"), "{guide}");
    assert!(guide.contains("src=\"data:image/png;base64,"), "images are inlined");
    assert!(guide.contains("<a class=\"term\" href=\"#term-upr\">"), "glossary terms link to the glossary in the file");
    assert!(guide.contains("<section class=\"handout-page\" id=\"glossary\">"));
    // A phase handout links to pages of other phases online.
    let review = site.page("handouts/en/review.html");
    assert!(
        review.contains("href=\"https://example.org/toolkit/preparation/report/index.html#checklist\""),
        "{review}"
    );
    // The title page: title, language, date and a QR code for the online guide.
    assert!(
        guide.contains("<p class=\"handout-meta\">English · <time datetime=\"2026-11-01\">1 November 2026</time></p>"),
        "{guide}"
    );
    assert!(guide.contains("<figure class=\"handout-qr\"><svg"), "{guide}");
}

#[test]
fn the_handout_command_writes_one_file_on_demand() {
    let site = Site::copy("basic");
    let file = site.outside().join("nhri.html");
    let output = uprkit(site.root(), &["handout", "--lang", "fr", "--audience", "nhri", "-o", file.to_str().unwrap()]);
    assert_success(&output);
    assert!(stdout(&output).starts_with("Wrote "));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("<html lang=\"fr\" dir=\"ltr\""));
    assert!(html.contains("<p class=\"handout-subtitle\">Public : INDH</p>"), "{html}");
    assert!(html.contains("Rapport des parties prenantes"));
    assert!(!html.contains("Interactive dialogue"), "only the pages for NHRIs");
    // One phase: only its pages.
    let file = site.outside().join("review.html");
    assert_success(&uprkit(
        site.root(),
        &["handout", "--lang", "fr", "--phase", "review", "-o", file.to_str().unwrap()],
    ));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("<p class=\"handout-subtitle\">Examen</p>"), "{html}");
    assert!(html.contains("id=\"p-review--dialogue\""), "the review's page is in");
    assert!(!html.contains("id=\"p-preparation--report\""), "the preparation's is not");
    let wrong = uprkit(site.root(), &["handout", "--phase", "revue", "-o", file.to_str().unwrap()]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        common::stderr(&wrong).contains("no phase `revue` in uprkit.yaml (its phases: preparation, review, follow-up)")
    );
}

#[test]
fn handouts_can_be_turned_off() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}handouts: false\n"));
    site.build_ok();
    assert!(!site.public().join("handouts").exists());
}

#[test]
fn the_bundled_english_guide_stays_under_400_kb() {
    let repository = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("guide.html");
    assert_success(&uprkit(repository, &["handout", "--lang", "en", "-o", file.to_str().unwrap()]));
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size < 400 * 1024, "{size} bytes");
}

#[test]
fn the_printed_guide_has_a_title_page_contents_a_sheet_per_phase_and_numbered_sheets() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}edition: \"Edition 2, November 2026\"\n"));
    site.build_ok();
    let sheets = common::print_to_pdf_pages(&site.public().join("handouts/en/guide.html"));
    let pages: Vec<&str> = sheets.iter().map(String::as_str).collect();
    let text = sheets.join("\u{c}");
    assert!(pages[0].contains("Fixture toolkit") && pages[0].contains("English"), "title page: {}", pages[0]);
    assert!(pages[0].contains("Edition 2, November 2026"), "the edition on the title page");
    assert!(pages[1].contains("Contents"), "contents page: {}", pages[1]);
    // Each phase (and the glossary) starts a sheet, below the running header.
    for title in ["Preparation", "Review", "Glossary"] {
        assert!(
            pages.iter().any(|page| page
                .lines()
                .filter(|line| !line.trim().is_empty())
                .take(4)
                .any(|line| line.trim() == title)),
            "`{title}` does not start a sheet:\n{text}"
        );
    }
    // Every sheet but the title page: the guide's title at the top, the
    // edition and "n / total" at the foot.
    let total = pages.len();
    for (index, page) in pages.iter().enumerate().skip(1) {
        let lines: Vec<&str> = page.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
        assert_eq!(lines[0], "Fixture toolkit", "running header of sheet {}:\n{page}", index + 1);
        let foot = lines.last().unwrap();
        let number = foot.replace(' ', "");
        assert!(
            foot.starts_with("Edition 2, November 2026") && number.ends_with(&format!("{}/{total}", index + 1)),
            "{foot}"
        );
    }
    assert!(!pages[0].replace(' ', "").contains(&format!("1/{total}")), "no number on the title page");
}

/// The bundled guide printed in English and Arabic: pages of a phase follow
/// one another, so the only short sheets are the title page and the last
/// sheet of a phase; screen-only controls do not print.
#[test]
fn printed_guides_waste_no_sheets() {
    let temp = common::build_bundled();
    for lang in ["en", "ar"] {
        let sheets = common::print_to_pdf_pages(&temp.path().join(format!("public/handouts/{lang}/guide.html")));
        let words = |sheet: &str| sheet.split_whitespace().count();
        let short: Vec<usize> = (1..sheets.len()).filter(|&i| words(&sheets[i]) < 40).collect();
        // One per phase at most (its last sheet), and the colophon.
        assert!(short.len() <= 4, "{lang}: short sheets {short:?} of {}", sheets.len());
        let text = sheets.concat();
        assert!(!text.contains('↩'), "{lang}: footnote back-arrows are printed");
        let total = sheets.len();
        assert!(
            sheets[total - 1].replace(' ', "").contains(&format!("{total}/{total}")),
            "{lang}: {}",
            sheets[total - 1]
        );
    }
}

#[test]
fn the_checklists_page_prints_one_phase_per_sheet() {
    let temp = common::build_bundled();
    let sheets = common::print_to_pdf_pages(&temp.path().join("public/checklists/index.html"));
    let starts = |phase: &str| {
        sheets.iter().position(|sheet| sheet.trim_start().lines().take(2).any(|line| line.trim().starts_with(phase)))
    };
    // The first phase follows the page's title; each next one starts a sheet.
    assert!(sheets[0].starts_with("Checklists") && sheets[0].contains("Preparation"), "{}", sheets[0]);
    let review = starts("Review").unwrap_or_else(|| panic!("Review does not start a sheet:\n{sheets:#?}"));
    let follow_up = starts("Follow-up").unwrap_or_else(|| panic!("Follow-up does not start a sheet:\n{sheets:#?}"));
    assert!(0 < review && review < follow_up, "{review} {follow_up}");
    assert!(
        !sheets[..review].concat().contains("Decide whether to attend in Geneva"),
        "review items on a preparation sheet"
    );
}

/// Printed, each page's checklist stays on one sheet with its heading
/// (none leaves its last items on a sheet of their own), and every sheet
/// starts with a heading, in English and in Chinese; the site's footer
/// takes no sheet of its own.
#[test]
fn the_checklists_page_prints_each_checklist_whole() {
    let temp = common::build_bundled();
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    for lang in ["", "zh/"] {
        let page = temp.path().join(format!("public/{lang}checklists/index.html"));
        let html = std::fs::read_to_string(&page).unwrap();
        let sheets: Vec<String> = common::print_to_pdf_pages(&page).iter().map(|sheet| words(sheet)).collect();
        let sheet_of = |text: &str| {
            // The text before any escaped character.
            let start = text.split('&').next().unwrap();
            sheets
                .iter()
                .position(|sheet| sheet.contains(start.trim()))
                .unwrap_or_else(|| panic!("{start}: {sheets:#?}"))
        };
        let mut headings = Vec::new();
        for list in html.split("<h3 ").skip(1) {
            let title = &list[list.find("\">").unwrap() + 2..list.find("</a>").unwrap()];
            let title = &title[title.rfind('>').map_or(0, |at| at + 1)..];
            let sheet = sheet_of(title);
            headings.push(sheet);
            let list = &list[..list.find("</ul>").unwrap()];
            for item in list.split("<label for=").skip(1) {
                let text = &item[item.find('>').unwrap() + 1..item.find("</label>").unwrap()];
                assert_eq!(sheet_of(text), sheet, "{lang}: \"{text}\" is not on the sheet of \"{title}\"\n{sheets:#?}");
            }
        }
        for (index, sheet) in sheets.iter().enumerate() {
            assert!(
                index == 0 || headings.contains(&index),
                "{lang}: sheet {} has no checklist's heading: {sheet}",
                index + 1
            );
        }
    }
}

#[test]
fn the_handout_title_page_has_a_qr_code_of_the_online_guide() {
    let site = Site::copy("basic");
    site.build_ok();
    let shot = common::screenshot(&site.public().join("handouts/en/guide.html"), 900, 1200);
    let (width, height, rgb) = shot;
    let grey: Vec<u8> = rgb.chunks(3).map(|p| ((p[0] as u32 + p[1] as u32 + p[2] as u32) / 3) as u8).collect();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width as usize, height as usize, |x, y| {
        grey[y * width as usize + x]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the first screen");
    let (_, content) = grids[0].decode().expect("a readable QR code");
    assert_eq!(content, "https://example.org/toolkit/index.html");
}

#[test]
fn each_language_has_a_zip_of_its_site_that_works_unpacked() {
    let site = Site::copy("basic");
    site.build_ok();
    let file = std::fs::File::open(site.public().join("handouts/fr/site.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let unpacked = tempfile::tempdir().unwrap();
    archive.extract(unpacked.path()).unwrap();
    // The start file alone at the top, the site in a folder beside it.
    let top: Vec<String> = std::fs::read_dir(unpacked.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(top, ["fr.html", "site"]);
    let start = std::fs::read_to_string(unpacked.path().join("fr.html")).unwrap();
    assert!(start.contains("url=site/fr/index.html"), "{start}");
    let unpacked_site = unpacked.path().join("site");
    assert!(unpacked_site.join("handouts/fr/guide.html").is_file());
    assert!(!unpacked_site.join("handouts/en").exists() && !unpacked_site.join("handouts/ar").exists());
    assert!(unpacked_site.join("preparation/report/index.html").is_file(), "the source language is in");
    // Arabic is left out: its pages are notices in French that lead back.
    let notice = std::fs::read_to_string(unpacked_site.join("ar/preparation/report/index.html")).unwrap();
    assert!(notice.contains("<html lang=\"fr\" dir=\"ltr\">"), "{notice}");
    assert!(notice.contains("La version en العربية ne fait pas partie de ce téléchargement."), "{notice}");
    assert!(notice.contains("<a href=\"../../../fr/preparation/report/index.html\">Revenir à cette page</a>"));
    assert!(notice.contains("<a href=\"https://example.org/toolkit/ar/preparation/report/index.html\">"));
    // Every link of the French pages and of the notices leads to a file in the zip.
    let root = unpacked_site.canonicalize().unwrap();
    let pages = common::list_files(&root);
    let pages = pages.iter().filter(|f| (f.starts_with("fr/") || f.starts_with("ar/")) && f.ends_with(".html"));
    for rel in pages {
        let html = std::fs::read_to_string(root.join(rel)).unwrap();
        for link in common::links(&html) {
            // The downloads' links to the zip itself and to the SCORM
            // package: the page script leaves them out where they are not
            // (tests/browser/readers.mjs).
            if link.starts_with("http")
                || link.starts_with('#')
                || link.starts_with("data:")
                || link.ends_with("/site.zip")
                || link.ends_with("/scorm.zip")
            {
                continue;
            }
            let path = link.split('#').next().unwrap();
            let target = root.join(std::path::Path::new(rel).parent().unwrap()).join(path);
            assert!(target.is_file(), "{rel}: `{link}` is not in the zip");
        }
    }
}

#[test]
fn phase_handouts_cut_from_the_guide_are_those_rendered_on_their_own() {
    // A build renders each language's Markdown once and cuts the phases'
    // handouts from it; `uprkit handout --phase` renders one on its own.
    let site = Site::copy("basic");
    site.build_ok();
    for (lang, phase) in [("en", "review"), ("en", "preparation"), ("fr", "review"), ("ar", "preparation")] {
        let alone = site.outside().join(format!("{lang}-{phase}.html"));
        common::assert_success(&common::uprkit(
            site.root(),
            &["handout", "--lang", lang, "--phase", phase, "-o", alone.to_str().unwrap()],
        ));
        assert_eq!(
            std::fs::read_to_string(&alone).unwrap(),
            site.page(&format!("handouts/{lang}/{phase}.html")),
            "{lang}/{phase}"
        );
    }
    assert!(site
        .page("handouts/en/review.html")
        .contains("href=\"https://example.org/toolkit/preparation/report/index.html#checklist\""));
    // The compressed files the zips are made from are gone.
    assert!(!common::list_files(&site.public()).iter().any(|file| file.contains("zip-pool")));
}

#[test]
fn the_zip_s_start_page_escapes_the_guide_s_title() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write(
        "uprkit.yaml",
        config.replace("title: Fixture toolkit", "title: \"UPR </title><script>alert(1)</script> & co\""),
    );
    site.build_ok();
    let file = std::fs::File::open(site.public().join("handouts/en/site.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut start = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("en.html").unwrap(), &mut start).unwrap();
    assert!(!start.contains("<script>"), "{start}");
    assert!(
        start.contains("<title>UPR &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>"),
        "{start}"
    );
}

#[test]
fn a_build_into_its_previous_output_makes_the_zips_of_one_into_an_empty_folder() {
    let site = Site::copy("basic");
    let fresh = |name: &str| {
        let out = site.outside().join(name);
        assert_success(&site.build(&["--output", out.to_str().unwrap()]));
        common::snapshot_tree(&out)
    };
    site.build_ok();
    // Again into the same folder: the compressed files are taken from its zips.
    site.build_ok();
    assert_eq!(common::snapshot_tree(&site.public()), fresh("first"));
    // An edit: the zips hold the page as it is now, and all else as before.
    let page = "content/preparation/report.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, text.replace("Start early.", "Start now."));
    site.build_ok();
    let after = common::snapshot_tree(&site.public());
    assert_eq!(after, fresh("second"));
    let zip = std::fs::File::open(site.public().join("handouts/en/site.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(zip).unwrap();
    let mut html = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("site/preparation/report/index.html").unwrap(), &mut html)
        .unwrap();
    assert!(html.contains("Start now."), "{html}");
}
