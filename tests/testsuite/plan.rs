//! The matrix as an implementation plan kept across cycles: a fixture of
//! three cycles whose theme names OHCHR changed (merged by
//! `data/themes.yaml` and by leaving out the second cycle's codes), plan
//! columns headed as a National Mechanism's spreadsheet heads them, and
//! recommendations linked to the earlier ones they repeat.

use crate::common;

use common::{stdout, Site};

const CYCLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/recommendations/cycles");

/// The basic fixture with the three cycles' data, and `themes.yaml` if `merged`.
fn three_cycles(merged: bool) -> Site {
    let site = Site::copy("basic");
    let read = |name: &str| std::fs::read_to_string(format!("{CYCLES}/{name}")).unwrap();
    site.write("data/recommendations.csv", read("recommendations.csv"));
    if merged {
        site.write("data/themes.yaml", read("themes.yaml"));
    }
    site
}

/// The text of the English guide's PDF, its layout kept (pdftotext).
fn pdf_text(site: &Site) -> String {
    let pdf = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(site.public().join("handouts/en/guide.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; bash .ci/run installs it)");
    String::from_utf8_lossy(&pdf.stdout).into_owned()
}

/// The English matrix's row of `id`.
fn row(page: &str, id: &str) -> String {
    let start = page.find(&format!("<tr data-id=\"{id}\"")).unwrap_or_else(|| panic!("no row {id}"));
    page[start..].split("</tr>").next().unwrap().to_string()
}

#[test]
fn three_cycles_with_renamed_themes_build_one_matrix_with_merged_themes() {
    let site = three_cycles(true);
    site.build_ok();
    let matrix = site.page("recommendations/index.html");
    // One theme per subject, whatever the cycle called it.
    let themes: Vec<&str> = matrix
        .split("<nav class=\"rec-themes\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap()
        .split("<li><a href=\"")
        .skip(1)
        .map(|item| item.split('"').next().unwrap())
        .collect();
    assert_eq!(
        themes,
        [
            "../recommendations/ratification-of-accession-to-international-instruments/index.html",
            "../recommendations/prohibition-of-torture-and-cruel-inhuman-or-degrading-treatment/index.html",
            "../recommendations/equality-non-discrimination/index.html",
        ],
        "{matrix}"
    );
    for gone in [
        "acceptance-of-international-norms",
        "a12-acceptance-of-international-norms",
        "torture-and-other-cruel-inhuman-or-degrading-treatment",
        "b31-equality-non-discrimination",
    ] {
        assert!(!site.public().join("recommendations").join(gone).exists(), "{gone}");
    }
    let torture =
        site.page("recommendations/prohibition-of-torture-and-cruel-inhuman-or-degrading-treatment/index.html");
    assert_eq!(torture.matches("<tr data-id=").count(), 4, "one row from cycle 2, two from 3, one from 4");
    // Its chart shows the theme cycle by cycle.
    let chart = torture.split("id=\"chart-cycles-desc\">").nth(1).expect("a chart by cycle").split('<').next().unwrap();
    assert_eq!(chart, "cycle 2: Noted 1; cycle 3: Supported 1, Noted 1; cycle 4: Supported 1", "{chart}");
    assert!(matrix.contains("cycle 4: Supported 3"), "the matrix's chart is of every theme");
    // The theme's name in French, from themes.yaml; English as merged.
    assert!(site
        .page("fr/recommendations/index.html")
        .contains(">Ratification des instruments internationaux et adhésion à ceux-ci</a>"));

    // Several cycles known by their paragraphs: the cycle comes first.
    let earlier = row(&matrix, "3-121.1");
    assert!(earlier.contains("id=\"rec-3-121.1\""), "{earlier}");
    // Linked both ways: 88.1 (a paragraph of an earlier cycle) and 4-97.2, which repeats it.
    assert!(
        earlier.contains("<b>Recommended before:</b> <a href=\"#rec-2-88.1\" data-rec-link><span dir=\"ltr\">2-88.1</span></a> (cycle 2)"),
        "{earlier}"
    );
    assert!(earlier.contains("<b>Recommended again:</b> <a href=\"#rec-4-97.2\" data-rec-link>"), "{earlier}");
    // On a theme's page the link leads to the matrix.
    assert!(torture.contains("<a href=\"../index.html#rec-2-88.1\" data-rec-link>"), "{torture}");
    // What the data does not hold is shown as written.
    let nhri = row(&matrix, "4-97.11");
    assert!(nhri.contains("<b>Recommended before:</b> <span dir=\"ltr\">A/HRC/19/8 para 90.3</span>"), "{nhri}");

    // The plan, as the spreadsheet headed it.
    let plan = row(&matrix, "4-97.2");
    assert!(plan.contains(" data-due=\"2026-06-30\""), "{plan}");
    assert!(plan.contains("<b>Responsible:</b> Ministry of Justice; Ministry of Foreign Affairs</li>"), "{plan}");
    assert!(plan.contains("<b>Planned action:</b> Submit the ratification bill to Parliament</li>"), "{plan}");
    assert!(plan.contains("<b>Indicator:</b> Instrument of ratification deposited</li>"), "{plan}");
    assert!(plan.contains("<b>Target date:</b> <span dir=\"ltr\">2026-06-30</span> <strong class=\"rec-overdue-mark\" data-rec-overdue hidden>Overdue</strong>"), "{plan}");
    let quarter = row(&matrix, "4-97.5");
    assert!(quarter.contains(" data-due=\"2027-12-31\""), "Q4 2027 falls due at the end of December: {quarter}");
    assert!(quarter.contains("<span dir=\"ltr\">2027-Q4</span>"), "{quarter}");
    let done = row(&matrix, "3-121.9");
    assert!(!done.contains("rec-plan"), "no plan, no list: {done}");

    // Filters for each plan column, and a sort by date.
    for option in [
        "<option value=\"Ministry of Justice\">Ministry of Justice (2)</option>",
        "<option value=\"National Human Rights Commission\">National Human Rights Commission (2)</option>",
        "<option value=\"overdue\">Overdue (0)</option>",
        "<option value=\"2026\">2026 (1)</option>",
        "<option value=\"none\">No target date (5)</option>",
        "<option value=\"no-action\">Without a planned action yet (5)</option>",
        "<option value=\"before\">Recommended before (5)</option>",
        "<option value=\"again\">Recommended again (4)</option>",
        "<option value=\"new\">First recommended in this cycle (1)</option>",
        "<option value=\"due\">Target date</option>",
    ] {
        assert!(matrix.contains(option), "{option}");
    }
    // The published CSV has the plan's columns.
    let csv = std::fs::read_to_string(site.public().join("recommendations/recommendations.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",responsible,planned_action,indicator,target_date,recommended_before"), "{header}");
    assert!(csv.contains(",Ministry of Justice; Ministry of Foreign Affairs,Submit the ratification bill to Parliament,Instrument of ratification deposited,2026-06-30,3-121.1"), "{csv}");
    // The data script carries the plan for the filters.
    let script = std::fs::read_to_string(site.public().join("_uprkit/recommendations.en.js")).unwrap();
    assert!(script.contains("\"target\":\"2027-Q4\",\"due\":\"2027-12-31\""), "{script}");
    assert!(script.contains("\"earlier\":[\"3-121.1\"],\"later\":[]"), "{script}");

    // The whole guide's PDF prints the plan, and no overdue mark: paper
    // cannot know the reader's date.
    let text = pdf_text(&site);
    assert!(text.contains("Planned action: Submit the ratification bill"), "{text}");
    assert!(text.contains("Target date: 2026-06-30\n"), "{text}");
    assert!(text.contains("Recommended before: 3-121.1 (cycle 3)"), "{text}");
    assert!(!text.contains("Overdue"), "{text}");

    // `check` says what it could not link, and nothing about the merged themes.
    let check = stdout(&common::uprkit(site.root(), &["check"]));
    assert!(
        check.contains("`A/HRC/19/8 para 90.3`, recommended before `4-97.11`, is no recommendation of this file"),
        "{check}"
    );
    assert!(!check.contains("look like one theme"), "{check}");
}

#[test]
fn check_suggests_merging_themes_named_differently_in_other_cycles() {
    let site = three_cycles(false);
    site.build_ok();
    // Without themes.yaml: OHCHR's codes are still left out ...
    assert!(site.public().join("recommendations/equality-non-discrimination/index.html").is_file());
    assert!(!site.public().join("recommendations/b31-equality-non-discrimination").exists());
    // ... and check proposes what to write for the renamed one.
    let check = stdout(&common::uprkit(site.root(), &["check"]));
    assert!(
        check.contains("themes \"Prohibition of torture and cruel, inhuman or degrading treatment\" (2, cycle 2, 4) and \"Torture and other cruel, inhuman or degrading treatment\" (2, cycle 3) look like one theme named differently: to show them as one, add to data/themes.yaml:\n    merge:\n      \"Torture and other cruel, inhuman or degrading treatment\": \"Prohibition of torture and cruel, inhuman or degrading treatment\""),
        "{check}"
    );
    // Themes used side by side in one cycle are two themes.
    assert!(!check.contains("\"Equality & non-discrimination\" ("), "{check}");
}

#[test]
fn a_target_date_uprkit_cannot_read_names_the_cell_and_the_forms_it_reads() {
    let site = Site::copy("basic");
    site.write(
        "data/recommendations.csv",
        "id,text,response,target date\r\nR-1,Adopt a law.,supported,2027-06\r\nR-2,Ratify it.,noted,end of next year\r\n",
    );
    let output = site.build(&[]);
    assert!(!output.status.success());
    let err = common::stderr(&output);
    assert!(err.contains("data/recommendations.csv:3:22"), "{err}");
    assert!(err.contains("`end of next year` is not a date uprkit can read"), "{err}");
    assert!(
        err.contains("year-month-day (2027-06-30), a month (2027-06), a quarter (Q2 2027) or a year (2027)"),
        "{err}"
    );
    assert!(!site.public().exists(), "nothing written");
}

#[test]
fn a_broken_themes_file_is_an_error_at_its_line() {
    let site = three_cycles(true);
    site.write("data/themes.yaml", "merge:\n  Old: New\nnmaes:\n  New:\n    fr: Nouveau\n");
    let output = site.build(&[]);
    assert!(!output.status.success());
    let err = common::stderr(&output);
    assert!(err.contains("data/themes.yaml:3"), "{err}");
    assert!(err.contains("names"), "did you mean names: {err}");
}

#[test]
fn dozens_of_themes_fold_away_above_the_table() {
    let mut csv = String::from("id,text,themes\n");
    for n in 1..=13 {
        csv.push_str(&format!("R-{n},Recommendation {n}.,Theme number {n}\n"));
    }
    let site = Site::copy("basic");
    site.write("data/recommendations.csv", &csv);
    site.build_ok();
    let matrix = site.page("recommendations/index.html");
    assert!(matrix.contains("<details><summary>Show all 13 themes</summary>"), "{matrix}");
    site.write("data/recommendations.csv", csv.lines().take(13).collect::<Vec<_>>().join("\n"));
    site.build_ok();
    let matrix = site.page("recommendations/index.html");
    assert!(!matrix.contains("themes</summary>"), "twelve are listed open");
    assert!(matrix.contains("<li><a href=\"../recommendations/theme-number-12/index.html\">Theme number 12</a>"));
}

#[test]
fn paper_has_no_status_column_where_the_data_has_no_status() {
    let site = Site::copy("basic");
    site.write(
        "data/recommendations.csv",
        "id,text,response,themes\nR-1,Adopt a law on access to information.,supported,Freedom of expression\n",
    );
    site.write(
        "content/review/matrix-embed.md",
        "---\ntitle: Embedded\n---\n\n{{ recommendations(response=\"supported\") }}\n",
    );
    site.build_ok();
    let handout = std::fs::read_to_string(site.public().join("handouts/en/guide.html")).unwrap();
    let matrix = handout.split("id=\"recommendations\"").nth(1).expect("the guide's matrix");
    assert!(!matrix.contains("rec-status-cell") && !matrix.contains(">Unknown<"), "{matrix}");
    assert!(matrix.contains("colspan=\"4\""), "{matrix}");
    let embed = site.page("review/matrix-embed/index.html");
    let table = embed.split("rec-embed-table").nth(1).expect("the embedded table");
    assert_eq!(table.split("</thead>").next().unwrap().matches("<th ").count(), 3, "{table}");
    assert!(!table.contains(">Unknown<"), "{table}");
    let text = pdf_text(&site);
    assert!(text.contains("Adopt a law on access to information."), "{text}");
    assert!(!text.contains("Unknown"), "{text}");
}
