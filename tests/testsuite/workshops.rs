//! Workshops (`workshops/<name>.yaml`): each agenda's clock times, session
//! totals and what to prepare, in each language, from the fixture toolkit;
//! mistakes named by file and line, with the last good output kept; and
//! the bundled sample's agenda printed on one sheet, its list of what to
//! prepare readable out of its pages.

use crate::common;

use common::{stderr, uprkit, Site};

const WORKSHOP: &str = "\
title: A morning on the UPR
date: 2027-03-16
start: \"09:00\"
place: Community hall
materials:
  - Name badges
sessions:
  - title: Opening
    items:
      - activity: Introductions
        duration: 15m
  - title: Reporting
    items:
      - page: preparation/report
      - page: review/dialogue#webcast
        duration: 20m
      - activity: Group work
        duration: 1h
        materials: [Flip chart]
  - break: Tea
    duration: 15m
  - title: Closing
    items:
      - activity: Evaluation
        duration: 10m
";

/// The fixture toolkit with a workshop, and a duration and materials on
/// the report page (its French translation has neither: the source's count).
fn site_with_workshop() -> Site {
    let site = Site::copy("basic");
    let report = std::fs::read_to_string(site.root().join("content/preparation/report.md")).unwrap();
    site.write(
        "content/preparation/report.md",
        report.replacen(
            "updated: 2026-11-01\n",
            "updated: 2026-11-01\nduration: 45m\nmaterials: [Printed report template]\n",
            1,
        ),
    );
    site.write("workshops/morning.yaml", WORKSHOP);
    site
}

/// Text without its tags, its spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of the agenda table's rows: each cell's words, `|` between cells.
fn rows(html: &str) -> Vec<String> {
    let table = &html[html.find("<table class=\"agenda-table\"").unwrap()..html.find("</table>").unwrap()];
    table
        .split("<tr")
        .skip(1)
        .map(|row| {
            let row = &row[..row.find("</tr>").unwrap()];
            let cells: Vec<String> = row
                .split("</t")
                .filter_map(|cell| cell.rfind("<td").or_else(|| cell.rfind("<th")).map(|at| text(&cell[at..])))
                .collect();
            cells.join(" | ")
        })
        .collect()
}

#[test]
fn an_agenda_gives_each_item_its_time_each_session_its_total_and_what_to_prepare() {
    let site = site_with_workshop();
    site.build_ok();
    let page = site.page("workshops/morning/index.html");
    let rows = rows(&page);
    let expected = [
        "Time | Session | Duration",
        "09:00–09:15 | Opening | Session total: 15 min",
        "09:00 | Introductions | 15 min",
        "09:15–11:20 | Reporting | Session total: 2 h 5 min",
        // The page's own `duration: 45m`; the section's from the item.
        "09:15 | Stakeholder report Present: Stakeholder report | 45 min",
        "10:00 | Watching the webcast (Interactive dialogue) Present: Watching the webcast | 20 min",
        "10:20 | Group work Flip chart | 1 h",
        "11:20 | Tea | 15 min",
        "11:35–11:45 | Closing | Session total: 10 min",
        "11:35 | Evaluation | 10 min",
        "11:45 | End | 2 h 45 min",
    ];
    assert_eq!(rows, expected);
    // Links to the page, to the section and to each as slides.
    assert!(page.contains("href=\"../../preparation/report/index.html\""), "{page}");
    assert!(page.contains("href=\"../../review/dialogue/index.html#webcast\""));
    assert!(page.contains("href=\"../../preparation/report/index.html#present\""));
    // What to prepare: the workshop's, the activity's and the page's, once each.
    let prepare = &page[page.find("agenda-prepare").unwrap()..];
    for material in ["Name badges", "Printed report template", "Flip chart"] {
        assert_eq!(prepare.matches(&format!("<li>{material}</li>")).count(), 1, "{material}: {prepare}");
    }
    assert!(page.contains("<time datetime=\"2027-03-16\">Tuesday 16 March 2027</time>"));
    // The list of workshops, linked from the footer of every page.
    let list = site.page("workshops/index.html");
    assert!(
        list.contains("href=\"../workshops/morning/index.html\"") || list.contains("href=\"morning/index.html\""),
        "{list}"
    );
    assert!(list.contains("09:00–11:45"));
    assert!(site.page("index.html").contains("workshops/index.html\">Workshops</a>"));
    // In French: the pages' French titles, the plan's own words marked as English.
    let french = site.page("fr/workshops/morning/index.html");
    assert!(french.contains("Rapport des parties prenantes"), "{french}");
    assert!(french.contains("<article class=\"page agenda\" lang=\"en\" dir=\"ltr\">"), "the plan's words are English");
    assert!(french.contains("notice-fallback"));
}

#[test]
fn a_language_s_own_version_of_a_workshop_is_its_agenda() {
    let site = site_with_workshop();
    let french = WORKSHOP
        .replace("A morning on the UPR", "Une matinée sur l'EPU")
        .replace("Introductions", "Présentations")
        .replace("review/dialogue#webcast", "review/dialogue")
        .replace("\"09:00\"", "\"14h00\"");
    site.write("workshops/morning.fr.yaml", french);
    site.build_ok();
    let page = site.page("fr/workshops/morning/index.html");
    assert!(page.contains("<h1>Une matinée sur l&#39;EPU</h1>"), "{page}");
    assert!(page.contains("<article class=\"page agenda\" lang=\"fr\" dir=\"ltr\">"));
    assert!(!page.contains("notice-fallback"));
    assert!(page.contains(">14:00<") || page.contains("14:00–"), "its own start time");
    // The English agenda is the English plan's.
    assert!(site.page("workshops/morning/index.html").contains("A morning on the UPR"));
}

#[test]
fn a_workshop_of_two_days_starts_each_day_s_clock_again() {
    let site = site_with_workshop();
    site.write(
        "workshops/morning.yaml",
        format!("{WORKSHOP}  - day: Day 2\n    date: 2027-03-17\n    start: \"14:00\"\n  - title: Follow-up\n    items:\n      - activity: Planning\n        duration: 45m\n"),
    );
    site.build_ok();
    let page = site.page("workshops/morning/index.html");
    let rows = rows(&page);
    assert_eq!(
        &rows[rows.len() - 4..],
        [
            "Day 2 · Wednesday 17 March 2027",
            "14:00–14:45 | Follow-up | Session total: 45 min",
            "14:00 | Planning | 45 min",
            "14:45 | End | Session total: 3 h 30 min"
        ]
    );
    // Two days: the total of both, not a span of clock times.
    assert!(page.contains("<dd>3 h 30 min</dd>"), "{page}");
}

#[test]
fn a_material_that_says_this_page_is_warned_of_as_it_names_no_page_on_the_agenda() {
    let site = site_with_workshop();
    let report = std::fs::read_to_string(site.root().join("content/preparation/report.md")).unwrap();
    site.write(
        "content/preparation/report.md",
        report.replace("[Printed report template]", "[Print This Page for each group]"),
    );
    let output = site.build(&[]);
    common::assert_success(&output);
    let warning = "content/preparation/report.md:9: the material “Print This Page for each group” says “this page”";
    assert!(stderr(&output).contains(warning), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("help: name what to prepare: “Print “Stakeholder report” for each group”"),
        "{}",
        stderr(&output)
    );
    let check = uprkit(site.root(), &["check"]);
    assert!(format!("{}{}", common::stdout(&check), stderr(&check)).contains(warning), "check says it too");
    // Named, it is not warned of.
    site.write("content/preparation/report.md", report);
    assert!(!stderr(&site.build(&[])).contains("says “this page”"));
}

#[test]
fn mistakes_name_the_file_and_line_and_the_last_output_stays() {
    let site = site_with_workshop();
    site.build_ok();
    let before = common::snapshot_tree(&site.public());
    let cases: [(&str, String, &str); 7] = [
        (
            "workshops/morning.yaml",
            WORKSHOP.replace("        materials: [Flip chart]\n", "        material: [Flip chart]\n"),
            "unknown key `material`\n  help: did you mean `materials`? (known keys: `page`, `activity`, `duration`, `materials`)",
        ),
        (
            "workshops/morning.yaml",
            WORKSHOP.replace("page: preparation/report\n", "page: preparation/reprot\n"),
            "workshops/morning.yaml:14: no page `preparation/reprot` in the guide\n  help: did you mean `preparation/report`?",
        ),
        (
            "workshops/morning.yaml",
            WORKSHOP.replace("review/dialogue#webcast", "review/dialogue#webcats"),
            "workshops/morning.yaml:15: no section `#webcats` on the page `review/dialogue`\n  help: did you mean `webcast`?",
        ),
        (
            "workshops/morning.yaml",
            WORKSHOP.replace("duration: 1h\n", "duration: an hour\n"),
            "workshops/morning.yaml:18: `an hour` is not a duration",
        ),
        (
            "workshops/morning.yaml",
            WORKSHOP.replace("      - page: review/dialogue#webcast\n        duration: 20m\n", "      - page: review/dialogue\n"),
            "workshops/morning.yaml:15: `review/dialogue` has no duration\n  help: add `duration: 30m` to the item, or to the page's front matter",
        ),
        (
            "content/review/dialogue.md",
            "---\ntitle: Interactive dialogue\nduration: half an hour\n---\n\nText.\n".to_string(),
            "content/review/dialogue.md:3: `half an hour` is not a duration",
        ),
        (
            "content/review/dialogue.md",
            "---\ntitle: Interactive dialogue\nmaterials: Flip chart\n---\n\nText.\n".to_string(),
            "content/review/dialogue.md:3: `materials` must be a list\n  help: write for example `materials: [Flip chart",
        ),
    ];
    for (file, text, error) in cases {
        let good = std::fs::read_to_string(site.root().join(file)).unwrap();
        site.write(file, &text);
        let output = site.build(&[]);
        assert_eq!(output.status.code(), Some(1), "{file}: {}", stderr(&output));
        assert!(stderr(&output).contains(error), "wanted {error:?} in:\n{}", stderr(&output));
        assert_eq!(common::snapshot_tree(&site.public()), before, "the last good output stays");
        // `uprkit check` says the same (a section is checked by builds only).
        if !error.contains("section") {
            let check = uprkit(site.root(), &["check"]);
            assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
            let said = format!("{}{}", common::stdout(&check), stderr(&check));
            assert!(said.contains(error.lines().next().unwrap()), "check:\n{said}");
        }
        site.write(file, good);
    }
    // A file saved in another encoding: where its first such byte is.
    site.write("workshops/morning.yaml", b"title: Caf\xe9\n".as_slice());
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("workshops/morning.yaml:1:11: the file is not valid UTF-8"),
        "{}",
        stderr(&output)
    );
    assert_eq!(common::snapshot_tree(&site.public()), before, "the last good output stays");
}

#[test]
fn the_sample_agenda_prints_on_one_sheet() {
    let temp = common::build_bundled();
    let agenda = temp.path().join("public/workshops/half-day/index.html");
    let sheets = common::print_to_pdf_pages(&agenda);
    assert_eq!(sheets.len(), 1, "one sheet:\n{}", sheets.join("\n---- next sheet ----\n"));
    for words in ["09:00", "Tea break", "What to prepare", "Writing SMART recommendations", "12:50"] {
        assert!(sheets[0].contains(words), "{words}:\n{}", sheets[0]);
    }
    assert!(!sheets[0].contains("Print the agenda"), "no buttons on paper");
    // Its list of what to prepare quotes pages' front matter: each item reads on its own there.
    let html = std::fs::read_to_string(&agenda).unwrap();
    let prepare = &html[html.find("agenda-prepare").unwrap()..];
    let prepare = &prepare[..prepare.find("</section>").unwrap()];
    assert!(prepare.contains("Writing SMART recommendations”, printed large"), "{prepare}");
    assert!(!prepare.to_lowercase().contains("this page"), "{prepare}");
    let french = common::print_to_pdf_pages(&temp.path().join("public/fr/workshops/half-day/index.html"));
    assert_eq!(french.len(), 1);
    assert!(french[0].contains("Pause thé"), "{}", french[0]);
}

/// Builds the toolkit at `root` into a new folder, in turns of `pages_per_turn` pages.
fn built_in_turns(
    root: &std::path::Path,
    pages_per_turn: Option<usize>,
) -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("public");
    let mut command = assert_cmd::Command::cargo_bin("uprkit").unwrap();
    command.current_dir(root).args(["build", "-q", "--output", out.to_str().unwrap()]);
    if let Some(pages) = pages_per_turn {
        command.env("UPRKIT_PAGES_PER_TURN", pages.to_string());
    }
    common::assert_success(&command.output().unwrap());
    let tree = common::snapshot_tree(&out);
    (temp, tree)
}

/// A big guide is built a few languages at a time; what it writes must not
/// depend on that: an agenda in Spanish names a section of an English page
/// rendered in an earlier turn (it linked the whole page under its title).
#[test]
fn a_site_built_one_language_at_a_time_is_the_site_built_at_once() {
    let fixture = site_with_workshop();
    for root in [common::repository(), fixture.root()] {
        let (_one, at_once) = built_in_turns(root, None);
        let (_many, by_language) = built_in_turns(root, Some(1));
        let differ: Vec<&String> =
            at_once.iter().zip(&by_language).filter(|(a, b)| a != b).map(|((name, _), _)| name).collect();
        assert_eq!(at_once.len(), by_language.len(), "{}", root.display());
        assert_eq!(differ, Vec::<&String>::new(), "{}", root.display());
    }
}
