//! Recommendations as practitioners download them, unchanged: UPR Info's
//! export (CSV with CRLF, Mac Roman with CR, .xlsx, .xls, .ods), the
//! Universal Human Rights Index's, OHCHR's thematic lists (.docx, cycles 3
//! and 4). Each fixture is made by a library (`tests/fixtures/
//! recommendations/real/make.py`); each builds the matrix with the right
//! recommendations, States (a joint recommendation counted for each),
//! themes, affected persons and cycles.

use std::collections::BTreeSet;

use crate::common;

use common::{stderr, stdout, Site};

const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/recommendations/real");

/// The basic fixture with `data/<name>` holding the fixture `fixture`.
fn site_with(fixture: &str, name: &str) -> Site {
    let site = Site::copy("basic");
    site.write(&format!("data/{name}"), std::fs::read(format!("{REAL}/{fixture}")).unwrap());
    site
}

/// What the English data script holds: the rows as JSON.
fn rows(site: &Site) -> Vec<serde_json::Value> {
    let script = site.page("_uprkit/recommendations.en.js");
    let json = script.trim().strip_prefix("window.uprkitRecs = ").unwrap().trim_end_matches(';');
    serde_json::from_str::<Vec<serde_json::Value>>(json).unwrap()
}

fn strings(row: &serde_json::Value, key: &str) -> Vec<String> {
    row[key].as_array().unwrap().iter().map(|v| v.as_str().map(String::from).unwrap_or_else(|| v.to_string())).collect()
}

/// The distinct values of a list field over every row.
fn distinct(rows: &[serde_json::Value], key: &str) -> BTreeSet<String> {
    rows.iter().flat_map(|row| strings(row, key)).collect()
}

/// How many rows have `value` in the list field `key`.
fn count_with(rows: &[serde_json::Value], key: &str, value: &str) -> usize {
    rows.iter().filter(|row| strings(row, key).iter().any(|v| v == value)).count()
}

fn cycles(rows: &[serde_json::Value]) -> BTreeSet<String> {
    rows.iter().map(|row| row["cycle"].as_str().unwrap().to_string()).collect()
}

/// UPR Info's export of Norvania's reviews: 12 recommendations from 7
/// States, 15 issues (comma-separated), sessions 13, 27 and 41.
#[track_caller]
fn assert_upr_info(site: &Site) {
    let found = rows(site);
    assert_eq!(found.len(), 12);
    let states = distinct(&found, "states");
    assert_eq!(states.len(), 7, "{states:?}");
    assert!(states.contains("Valdoria (Federated States of)") && states.contains("Côte-Verte"), "{states:?}");
    let themes = distinct(&found, "themes");
    assert_eq!(themes.len(), 15, "{themes:?}");
    assert_eq!(count_with(&found, "themes", "Women's rights"), 3, "a multi-issue row is under each issue");
    assert_eq!(cycles(&found), ["2", "3", "4"].map(String::from).into(), "cycles from the sessions");
    assert_eq!(found.iter().filter(|r| r["response"] == "noted").count(), 3);
    let second = found.iter().find(|r| r["id"] == "row-2").unwrap();
    assert_eq!(second["text"], "Adopt a national action plan on gender equality — with women’s organisations.");
    // The theme's page lists its three rows.
    let page = site.page("recommendations/womens-rights/index.html");
    assert_eq!(page.matches("<tr data-id=").count(), 3);
    let matrix = site.page("recommendations/index.html");
    assert!(matrix.contains("<option value=\"Westvale\">Westvale (3)</option>"), "the State filter");
    // SuR, and the Rgrp and Org of both, are known: not named as left out.
    let check = stdout(&common::uprkit(site.root(), &["check"]));
    assert!(!check.contains("columns left out"), "{check}");
}

#[test]
fn upr_info_s_csv_as_downloaded_with_crlf() {
    let site = site_with("upr-info.csv", "recommendations.csv");
    site.build_ok();
    assert_upr_info(&site);
}

#[test]
fn upr_info_s_csv_resaved_by_excel_for_mac_in_mac_roman_with_cr() {
    let site = site_with("upr-info-mac.csv", "recommendations.csv");
    let output = site.build_ok();
    assert_upr_info(&site);
    assert!(stderr(&output).contains("it is read as Mac Roman"), "{}", stderr(&output));
}

/// The Universal Human Rights Index: two States in a cell, an official
/// name with parentheses, its four responses, goals and targets.
#[test]
fn a_uhri_export_with_joint_recommendations_and_its_four_responses() {
    let site = site_with("uhri.csv", "recommendations.csv");
    site.build_ok();
    let found = rows(&site);
    assert_eq!(found.len(), 4);
    let responses: Vec<&str> = found.iter().map(|r| r["response"].as_str().unwrap()).collect();
    assert_eq!(responses, ["supported", "noted", "supported-in-part", "pending"]);
    assert_eq!(strings(&found[0], "states"), ["Westvale", "Eastmere"]);
    assert_eq!(strings(&found[1], "states"), ["Iran-Sur-Mer (Islamic Republic of)", "Southport"]);
    assert_eq!(distinct(&found, "states").len(), 6);
    assert_eq!(strings(&found[0], "sdg_goals"), ["10"]);
    assert_eq!(strings(&found[1], "sdg_targets"), ["16.10"]);
    assert_eq!(distinct(&found, "affected_persons").len(), 4);
    assert_eq!(cycles(&found), ["4".to_string()].into());
    let matrix = site.page("recommendations/index.html");
    for state in ["Westvale", "Eastmere"] {
        assert!(matrix.contains(&format!("<option value=\"{state}\">{state} (1)</option>")), "{state} has its row");
    }
    assert!(matrix.contains("<select id=\"rec-persons\" name=\"persons\">"), "affected persons are a filter");
    assert!(matrix.contains("<option value=\"13\">"), "a goal named alone is a choice");
}

#[test]
fn upr_info_s_export_as_xlsx_xls_and_ods() {
    for ext in ["xlsx", "xls", "ods"] {
        let site = site_with(&format!("upr-info.{ext}"), &format!("recommendations.{ext}"));
        site.build_ok();
        assert_upr_info(&site);
    }
}

#[test]
fn a_mistake_in_a_workbook_names_the_sheet_row_and_column() {
    let site = site_with("upr-info-misspelt.xlsx", "recommendations.xlsx");
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(
        error.contains(
            "data/recommendations.xlsx, sheet \"Recommendations\", row 4, column H: `Acepted` is not a response"
        ),
        "{error}"
    );
    assert!(error.contains("did you mean `accepted`?"), "{error}");
}

/// OHCHR's list of the third cycle: "Theme:" rows head the rows below, a
/// "Source of position" line ends each recommendation, the themes cell
/// holds the SDGs and the affected persons; joint recommendations.
#[test]
fn ohchr_s_word_list_of_the_third_cycle() {
    let site = site_with("ohchr-cycle3.docx", "recommendations.docx");
    site.build_ok();
    let found = rows(&site);
    assert_eq!(found.len(), 4, "the Theme: rows are not recommendations");
    let first = found.iter().find(|r| r["id"] == "121.1").unwrap();
    assert_eq!(first["text"], "Consider ratifying the Optional Protocol to the Convention against Torture");
    assert_eq!(strings(first, "states"), ["Westvale", "Eastmere"]);
    assert_eq!(first["source"], "A/HRC/36/9/Add.1");
    let states = distinct(&found, "states");
    assert_eq!(states.len(), 9, "{states:?}");
    assert!(states.contains("Valdoria (Federated States of)"), "{states:?}");
    assert_eq!(count_with(&found, "states", "Westvale"), 2);
    let themes = distinct(&found, "themes");
    assert_eq!(themes.len(), 5, "{themes:?}");
    assert!(!themes.iter().any(|t| t.ends_with(':') || t.starts_with("- ")), "{themes:?}");
    assert_eq!(distinct(&found, "affected_persons").len(), 2);
    assert_eq!(distinct(&found, "sdg_goals"), ["16".to_string()].into());
    assert_eq!(cycles(&found), ["3".to_string()].into(), "from the title: 3rd cycle");
    let matrix = site.page("recommendations/index.html");
    assert_eq!(matrix.matches("<tbody class=\"rec-group\"").count(), 3, "a group per Theme: row");
    // The cycle's code ("A12 ") left out, so that the cycles' themes meet.
    assert!(matrix.contains("data-group=\"acceptance-of-international-norms\">"), "{matrix}");
    assert!(matrix.contains(">Acceptance of international norms <span class=\"count\""), "{matrix}");
}

#[test]
fn ohchr_s_word_list_of_the_fourth_cycle() {
    let site = site_with("ohchr-cycle4.docx", "recommendations.docx");
    site.build_ok();
    let found = rows(&site);
    assert_eq!(found.len(), 3);
    assert_eq!(distinct(&found, "states").len(), 4);
    assert_eq!(distinct(&found, "themes").len(), 4);
    assert_eq!(distinct(&found, "affected_persons").len(), 3, "Groups of Persons:");
    assert_eq!(distinct(&found, "sdg_goals"), ["1", "16", "5"].map(String::from).into());
    assert_eq!(strings(found.iter().find(|r| r["id"] == "97.2").unwrap(), "sdg_targets"), ["5.1"]);
    assert_eq!(cycles(&found), ["4".to_string()].into());
    assert!(found.iter().all(|r| r["session"] == "43" && r["source"] == "A/HRC/52/9 - Para 97"));
}

/// The sample toolkit with its data replaced by a real export: the build
/// works, and says once per file what is left of the sample, and which
/// files of data/ it does not read.
#[test]
fn replacing_the_sample_s_data_says_what_is_left_of_the_sample() {
    let site = Site::init(&[]);
    site.remove("data/recommendations.csv");
    site.write("data/recommendations.xlsx", std::fs::read(format!("{REAL}/upr-info.xlsx")).unwrap());
    site.write("data/UPR Info export (2).xls", std::fs::read(format!("{REAL}/upr-info.xls")).unwrap());
    site.write("data/matrix.doc", "an old Word file");
    let output = site.build_ok();
    let warnings = stderr(&output);
    for lang in ["ar", "es", "fr"] {
        let file = format!("data/recommendations.{lang}.csv: these translations belong to other data");
        assert_eq!(warnings.matches(&file).count(), 1, "{warnings}");
    }
    assert!(warnings.contains("i18n/en.yaml:2:1: the sample's `recommendations_note` is still here"), "{warnings}");
    assert!(warnings.contains("data/UPR Info export (2).xls: this file in data/ is not read"), "{warnings}");
    assert!(warnings.contains("the matrix is built from data/recommendations.xlsx only"), "{warnings}");
    assert!(warnings.contains("data/matrix.doc: this file in data/ is not read"), "{warnings}");
    assert!(warnings.contains("save it as a Word document (.docx) named recommendations.docx"), "{warnings}");
    assert_eq!(rows(&site).len(), 12);
}

/// A coalition's own workbook: a theme written once in cells merged down
/// beside its rows is every row's (the rows below had none); paragraphs
/// typed as numbers that read the same (115.120 shown, 115.12 kept) stop
/// the build at the cell, where they made two rows of one paragraph.
#[test]
fn a_coalition_s_workbook_with_merged_themes_and_number_paragraphs() {
    let site = site_with("coalition-merged.xlsx", "recommendations.xlsx");
    site.build_ok();
    let found = rows(&site);
    let themes: Vec<Vec<String>> = found.iter().map(|row| strings(row, "themes")).collect();
    assert_eq!(themes, [["Torture"], ["Torture"], ["Torture"], ["Women's rights"]], "{found:?}");
    let paragraphs: Vec<&str> = found.iter().map(|row| row["paragraph"].as_str().unwrap()).collect();
    assert_eq!(paragraphs, ["115.12", "115.13", "115.2", "116.1"]);

    let site = site_with("coalition-number-paragraphs.xlsx", "recommendations.xlsx");
    let output = site.build(&[]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(
            "data/recommendations.xlsx, sheet \"Matrix\", row 5, column A: the paragraph 115.12 is also on row 4"
        ) && stderr(&output).contains("format the paragraph column as text"),
        "{}",
        stderr(&output)
    );
}

/// A workbook alone in data/ under the name it was downloaded with is not
/// read, and the build says what to name it.
#[test]
fn a_workbook_under_another_name_is_pointed_out() {
    let site = site_with("upr-info.xlsx", "export.xlsx");
    let output = site.build_ok();
    assert!(stderr(&output).contains("data/export.xlsx: this file in data/ is not read"), "{}", stderr(&output));
    assert!(stderr(&output).contains("name it recommendations.xlsx to build the matrix from it"));
}

/// Themes that are not themes (a column of free text read as issues),
/// and a column whose name says what it holds but that no field takes.
#[test]
fn check_points_out_implausible_themes_and_columns_to_rename() {
    let mut csv = String::from("Recommendation,Issue,Recomending State\n");
    for n in 1..=30 {
        csv.push_str(&format!("Adopt measure {n}.,Note number {n} on the measure,Westvale\n"));
    }
    let site = Site::copy("basic");
    site.write("data/recommendations.csv", csv);
    site.build_ok();
    let check = stdout(&common::uprkit(site.root(), &["check"]));
    assert!(
        check.contains("data/recommendations.csv: 30 themes for 30 recommendations, more than a review has"),
        "{check}"
    );
    assert!(
        check.contains("the column `Recomending State` is left out: if it holds the recommending state, head it `recommending_state`"),
        "{check}"
    );
}

/// A whole database (every State's reviews) is refused with advice, before
/// it makes a matrix of hundreds of megabytes.
#[test]
fn a_whole_database_is_refused_with_advice() {
    let mut csv = String::with_capacity(2_000_000);
    csv.push_str("SuR,Recommendation,RS,Response,Issue,Session\n");
    for n in 0..50_001 {
        csv.push_str(&format!("State {},Adopt measure {n}.,Westvale,Accepted,Justice,41\n", n % 193));
    }
    let site = Site::copy("basic");
    site.write("data/recommendations.csv", csv);
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(
        error.contains("50001 recommendations: more than one State's reviews have (uprkit reads up to 50000)"),
        "{error}"
    );
    assert!(error.contains("export only the State your toolkit is about"), "{error}");
}

/// The shortcode finds a joint recommendation under each of its States,
/// a goal named alone or by a target, and the affected persons.
#[test]
fn the_shortcode_finds_joint_recommendations_goals_and_persons() {
    let site = site_with("ohchr-cycle4.docx", "recommendations.docx");
    site.write(
        "content/review/ours.md",
        "---\ntitle: Ours\n---\n\n{{ recommendations(state=\"Norland (Republic of)\") }}\n\n\
         {{ recommendations(sdg=5, caption=\"Goal 5\") }}\n\n{{ recommendations(persons=\"girls\", caption=\"Girls\") }}\n",
    );
    site.build_ok();
    let page = site.page("review/ours/index.html");
    let tables: Vec<&str> = page.split("<table").skip(1).collect();
    assert_eq!(tables.len(), 3, "{page}");
    let ids = |table: &str| table.matches("<tr class=\"rec-row").count();
    assert_eq!(ids(tables[0]), 1, "97.2 is Eastmere's and Norland's: {}", tables[0]);
    assert_eq!(ids(tables[1]), 2, "goal 5, named alone (97.3) or with 5.1 (97.2)");
    assert_eq!(ids(tables[2]), 1);
}

/// A column whose cells mix separators, and a file of several States'
/// reviews: `check` says so.
#[test]
fn check_points_out_mixed_separators_and_several_states_under_review() {
    let site = Site::copy("basic");
    site.write(
        "data/recommendations.csv",
        "SuR,Recommendation,RS,Response,Issue\n\
         Norvania,Adopt a law.,Westvale,Accepted,Justice; Women's rights\n\
         Eastmere,Repeal a law.,Westvale,Noted,\"Labour, employment\"\n",
    );
    site.build_ok();
    let check = stdout(&common::uprkit(site.root(), &["check"]));
    assert!(check.contains("column `Issue`: 1 cells separate their items with `;`"), "{check}");
    assert!(check.contains("data/recommendations.csv:3:"), "the cell with commas only is named: {check}");
    assert!(check.contains("recommendations to 2 States under review (Eastmere, Norvania)"), "{check}");
}
