//! Recommendations: the data as the exports people have (OHCHR's matrices,
//! the Universal Human Rights Index, UPR Info's database, our YAML and
//! JSON), translations, every kind of bad row (an error with file, line and
//! column, and nothing written), shortcodes, handouts, and the matrix in
//! real Chromium.

use crate::common;

use common::{snapshot_tree, stderr, stdout, Site};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/recommendations");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

/// The basic fixture with `data/recommendations.<ext>` holding `text`.
fn site_with(file: &str, text: &str) -> Site {
    let site = Site::copy("basic");
    site.write(&format!("data/{file}"), text);
    site
}

/// The text of the table rows of the English matrix, one string per row.
fn rows(site: &Site) -> Vec<String> {
    let page = site.page("recommendations/index.html");
    page.split("<tr data-id=").skip(1).map(|row| row.split("</tr>").next().unwrap().to_string()).collect()
}

#[test]
fn an_ohchr_matrix_gives_paragraphs_states_and_positions_from_its_text() {
    let site = site_with("recommendations.csv", &fixture("ohchr-matrix.csv"));
    site.build_ok();
    let found = rows(&site);
    assert_eq!(found.len(), 3);
    assert!(found[0].starts_with("\"139.1\""), "{}", found[0]);
    assert!(found[0].contains(">Ratify the Optional Protocol to the Convention against Torture<"), "{}", found[0]);
    assert!(found[0].contains("<td>Norvania</td>"), "{}", found[0]);
    assert!(found[0].contains("rec-badge-supported\">Supported<"), "{}", found[0]);
    assert!(found[0].contains("National preventive mechanism bill drafted in 2026."));
    assert!(found[1].contains("rec-badge-noted\">Noted<"));
    assert!(found[2].contains("rec-badge-supported-in-part\">Supported in part<"), "Supported/Noted: {}", found[2]);
    assert!(found[2].contains("<td>Westvale, Southport</td>"));
    // Themes get a page each; the matrix groups by the first.
    let page = site.page("recommendations/index.html");
    assert!(page.contains("data-group=\"justice-and-detention\""));
    assert!(site.page("recommendations/torture/index.html").contains("Ratify the Optional Protocol"));
    assert!(site.page("fr/recommendations/index.html").contains("<html lang=\"fr\""));
}

/// Real exports' habits that built a silently wrong matrix: an
/// instrument's name between parentheses before the State (read as a
/// second State, and cut from the text), a row counter "No." beside the
/// "ID" (the ids became 1, 2...), UPR Info's "Issue(s)" (themes dropped),
/// ISO's "Korea, Republic of" (two States), a US export's dates (12 July
/// read as 7 December).
#[test]
fn real_exports_habits_are_read_as_their_authors_meant() {
    let site = site_with(
        "recommendations.csv",
        "No.,ID,Recommendation,Recommending State(s),Response,Issue(s),Target date\r\n\
         1,SOL-4-01,Ratify ILO Convention No. 189 (Domestic Workers Convention),Philippines,Supported,Labour,07/12/2026\r\n\
         2,SOL-4-02,Adopt a law on the Ombudsperson,\"Korea, Republic of\",Noted,Justice,12/31/2026\r\n",
    );
    site.build_ok();
    let found = rows(&site);
    assert!(found[0].starts_with("\"SOL-4-01\""), "the ID column, not the counter: {}", found[0]);
    assert!(found[1].contains("<td>Korea, Republic of</td>"), "{}", found[1]);
    assert!(site.public().join("recommendations/labour/index.html").exists(), "Issue(s) holds the themes");
    let data = std::fs::read_to_string(site.public().join("_uprkit/recommendations.en.js")).unwrap();
    assert!(data.contains("\"2026-07-12\"") && data.contains("\"2026-12-31\""), "read month first: {data}");
    let check = common::uprkit(site.root(), &["check"]);
    assert!(stdout(&check).contains("the column `No.` is left out: `ID` holds the id"), "{}", stdout(&check));

    // The State is read from the text: the Convention's name stays in it.
    let site = site_with(
        "recommendations.csv",
        "Recommendation,Position\n139.1 Ratify ILO Convention No. 189 (Domestic Workers Convention) (Philippines);,Supported\n",
    );
    site.build_ok();
    let found = rows(&site);
    assert!(found[0].contains(">Ratify ILO Convention No. 189 (Domestic Workers Convention)<"), "{}", found[0]);
    assert!(found[0].contains("<td>Philippines</td>"), "{}", found[0]);

    // A column with the day first and the month first cannot be read.
    let site = site_with(
        "recommendations.csv",
        "id,text,target_date\nA-1,Adopt a law.,31/12/2026\nA-2,Ratify it.,12/31/2026\n",
    );
    let output = site.build(&[]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("data/recommendations.csv:3:")
            && stderr(&output).contains("`12/31/2026` has the month first, but `31/12/2026`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_uhri_export_and_a_upr_info_export_with_semicolons_are_read() {
    let site = site_with("recommendations.csv", &fixture("uhri.csv"));
    site.build_ok();
    let found = rows(&site);
    assert_eq!(found.len(), 2);
    assert!(found[1].contains("SDG <span dir=\"ltr\">5.3</span>"), "{}", found[1]);
    assert!(found[1].contains("rights; Children"), "themes split on |: {}", found[1]);
    let check = common::uprkit(site.root(), &["check"]);
    assert!(
        stdout(&check).contains("columns left out (no field of a recommendation takes them): Body, Country"),
        "{}",
        stdout(&check)
    );

    let site = site_with("recommendations.csv", &fixture("upr-info.csv"));
    site.build_ok();
    let found = rows(&site);
    assert_eq!(found.len(), 2);
    assert!(found[0].starts_with("\"row-1\""), "no ids: rows are numbered: {}", found[0]);
    assert!(found[0].contains("2 – Continuing action"), "{}", found[0]);
    assert!(found[0].contains("rec-badge-supported\">Supported<"), "Accepted is supported: {}", found[0]);
    assert!(found[1].contains("<td>Westvale</td>") && found[1].contains("5 – Specific action"));
    let check = common::uprkit(site.root(), &["check"]);
    assert!(stdout(&check).contains("known by their number (row-1, row-2, ...)"), "{}", stdout(&check));
}

#[test]
fn yaml_and_json_hold_the_same_fields() {
    let site = site_with("recommendations.yaml", &fixture("recommendations.yaml"));
    site.build_ok();
    let found = rows(&site);
    assert_eq!(found.len(), 2);
    assert!(
        found[0].contains("SDG <span dir=\"ltr\">8.7, 16.b</span>") && found[0].contains("5 – Specific action"),
        "{}",
        found[0]
    );
    let site = site_with("recommendations.json", &fixture("recommendations.json"));
    site.build_ok();
    assert!(rows_text(&site).contains("Publish the budget of the national human rights institution."));
    assert!(rows_text(&site).contains("Supported in part"));
}

fn rows_text(site: &Site) -> String {
    rows(site).join("\n")
}

#[test]
fn translations_come_from_a_file_or_columns_and_theme_names_from_i18n() {
    let site = site_with("recommendations.csv", &fixture("ohchr-matrix.csv"));
    site.write(
        "data/recommendations.fr.csv",
        "id,text\n139.1,Ratifier le Protocole facultatif se rapportant à la Convention contre la torture\n",
    );
    site.write("i18n/fr.yaml", "theme_justice-and-detention: Justice et détention\n");
    site.build_ok();
    let page = site.page("fr/recommendations/index.html");
    assert!(page.contains(">Ratifier le Protocole facultatif"), "the translation is shown");
    assert!(page.contains("Justice et détention <span class=\"count\" data-count="), "the theme's name in French");
    // Not translated: the English text, marked as English.
    assert!(page.contains("lang=\"en\" dir=\"ltr\">Consider abolishing the death penalty"), "{page}");
    // The Arabic page has none: English, marked.
    assert!(site.page("ar/recommendations/index.html").contains("lang=\"en\" dir=\"ltr\">Ratify the Optional"));
    // `check` says what is left to translate, per language, also as JSON.
    let check = stdout(&common::uprkit(site.root(), &["check"]));
    assert!(
        check.contains("recommendations  2 of 3 not translated: add their text to data/recommendations.fr.csv"),
        "{check}"
    );
    assert!(
        check.contains("recommendations  3 of 3 not translated: add their text to data/recommendations.ar.csv"),
        "{check}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&common::uprkit(site.root(), &["check", "--format", "json"]))).unwrap();
    let fr = json["languages"].as_array().unwrap().iter().find(|l| l["code"] == "fr").unwrap();
    assert_eq!(fr["recommendations_untranslated"][0]["untranslated"], 2);

    let site = site_with(
        "recommendations.csv",
        "id,text,text_ar,response\nA-1,Adopt a law on access to information.,اعتماد قانون بشأن الحصول على المعلومات.,supported\n",
    );
    site.build_ok();
    assert!(site.page("ar/recommendations/index.html").contains(">اعتماد قانون بشأن الحصول على المعلومات."));
    assert!(site.page("recommendations/index.html").contains(">Adopt a law on access to information."));
}

/// Translations given twice, or columns a translation file has that are
/// not read, are warned about at their file and line, on build and in
/// `check`; the build goes on.
#[test]
fn conflicting_translations_are_warned_about() {
    let site = site_with("recommendations.csv", &fixture("ohchr-matrix.csv"));
    site.write(
        "data/recommendations.fr.csv",
        "id,text,assesment,notes\n139.1,Ratifier le Protocole,,\n139.2,Envisager l'abolition,,\n\
         139.1,Ratifier le Protocole facultatif,,\n",
    );
    let expected = [
        "data/recommendations.fr.csv:4:1: the id `139.1` is translated on line 2 too: this later row is used",
        "data/recommendations.fr.csv:1:9: the column `assesment` is not read",
        "did you mean `assessment`? a translation file has the columns id, text, assessment",
        "data/recommendations.fr.csv:1:19: the column `notes` is not read",
    ];
    let build = stderr(&site.build_ok());
    let check = stdout(&common::uprkit(site.root(), &["check"]));
    for fragment in expected {
        assert!(build.contains(fragment), "expected `{fragment}` in the build's warnings:\n{build}");
        assert!(check.contains(fragment), "expected `{fragment}` in check:\n{check}");
    }
    assert!(site.page("fr/recommendations/index.html").contains(">Ratifier le Protocole facultatif<"));

    // Columns `text_fr` and a file of French translations.
    let site = site_with(
        "recommendations.csv",
        "id,text,text_fr,assessment_fr\nA-1,Adopt a law.,Adopter une loi.,Projet de loi déposé.\nA-2,Repeal it.,Abroger.,\n",
    );
    site.write("data/recommendations.fr.csv", "id,text\nA-1,Adopter une loi sur la transparence.\n");
    let build = stderr(&site.build_ok());
    let fragment = "data/recommendations.fr.csv:1: `fr` translations are in the columns text_fr, assessment_fr of data/recommendations.csv too";
    assert!(build.contains(fragment), "expected `{fragment}` in:\n{build}");
    assert!(build.contains("this file's are used where it has one"), "{build}");
    let page = site.page("fr/recommendations/index.html");
    assert!(page.contains(">Adopter une loi sur la transparence.<"), "the file's text");
    assert!(
        page.contains("Projet de loi déposé.") && page.contains(">Abroger.<"),
        "the columns' where the file has none"
    );
}

/// A cell a spreadsheet would run as a formula (a partner's `=HYPERLINK`,
/// `+cmd|...`) gets a `'` before it in the published CSV; the page shows it
/// as written, and numbers such as paragraphs are left alone.
#[test]
fn the_published_csv_disarms_cells_a_spreadsheet_would_run() {
    let site = site_with(
        "recommendations.csv",
        "id,text,recommending_state,cycle,paragraph,assessment\n\
         R-1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Read more\"\")\",@Norvania,4,121.1,+cmd|' /C calc'!A0\n\
         R-2,-Repeal it.,Eastmere,-3,121.2,Noted by the State.\n",
    );
    site.build_ok();
    let csv = site.page("recommendations/recommendations.csv");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cell = |row: usize, column: &str| rows[row][headers.iter().position(|h| h == column).unwrap()].to_string();
    assert_eq!(cell(0, "text"), "'=HYPERLINK(\"http://evil.example\",\"Read more\")");
    assert_eq!(cell(0, "recommending_state"), "'@Norvania");
    assert_eq!(cell(0, "assessment"), "'+cmd|' /C calc'!A0");
    assert_eq!(cell(1, "text"), "'-Repeal it.");
    assert_eq!(cell(1, "cycle"), "'-3", "a cycle is never negative: a leading - is text");
    assert_eq!((cell(0, "id"), cell(0, "paragraph"), cell(0, "cycle")), ("R-1".into(), "121.1".into(), "4".into()));
    assert!(
        rows_text(&site).contains(">=HYPERLINK(&quot;http://evil.example&quot;"),
        "the page shows the text as written"
    );
}

/// Builds the fixture with good data, then with `text` as the data file
/// `file` (and `extra` files): exit code 1, each of `expected` in the
/// errors, and the first output untouched.
#[track_caller]
fn assert_rejected(files: &[(&str, &[u8])], expected: &[&str]) {
    assert_rejected_from("ohchr-matrix.csv", files, expected);
}

/// The same, from the good data file `fixture` of the same name.
#[track_caller]
fn assert_rejected_from(fixture_name: &str, files: &[(&str, &[u8])], expected: &[&str]) {
    let good = if fixture_name.ends_with(".csv") { "recommendations.csv" } else { fixture_name };
    let site = site_with(good, &fixture(fixture_name));
    site.build_ok();
    let before = snapshot_tree(&site.public());
    for (file, text) in files {
        site.write(&format!("data/{file}"), text);
    }
    let output = site.build(&[]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "exit code; stderr:\n{message}");
    for fragment in expected {
        assert!(message.contains(fragment), "expected `{fragment}` in:\n{message}");
    }
    assert!(before == snapshot_tree(&site.public()), "the previous output changed");
}

const HEADER: &str = "id,text,recommending_state,response,status,sdg_targets\n";

#[test]
fn an_unknown_response_or_status_names_the_cell_and_the_right_words() {
    let csv =
        format!("{HEADER}R-1,Adopt a law.,Norvania,supportd,unknown,\nR-2,Repeal it.,Eastmere,noted,partly done,\n");
    assert_rejected(
        &[("recommendations.csv", csv.as_bytes())],
        &[
            "data/recommendations.csv:2:27: `supportd` is not a response",
            "did you mean `supported`?",
            "data/recommendations.csv:3:31: `partly done` is not a status",
            "the status is one of: not implemented, partially implemented, fully implemented, unknown",
        ],
    );
}

/// The SDG filter lists goals and targets in number order (16.3 before
/// 16.10), the lettered targets after the numbered ones.
#[test]
fn the_sdg_filter_lists_targets_in_number_order() {
    let csv = "id,text,sdg_targets\nR-1,Adopt a law.,16.10;16.a\nR-2,Repeal it.,16.3;5.2\nR-3,Report.,16.2;10.3;5.c\n";
    let site = site_with("recommendations.csv", csv);
    site.build_ok();
    let page = site.page("recommendations/index.html");
    let select = page.split("<select id=\"rec-sdg\"").nth(1).unwrap().split("</select>").next().unwrap();
    let values: Vec<&str> =
        select.split("<option value=\"").skip(1).map(|option| option.split('"').next().unwrap()).collect();
    assert_eq!(values, ["", "5", "5.2", "5.c", "10", "10.3", "16", "16.2", "16.3", "16.10", "16.a"]);
}

/// A did-you-mean only for a heading that looks like the text's
/// ("Recommending State" does not: it is the State's); otherwise the
/// headings that are read as the text, and the file's own.
#[test]
fn a_file_without_the_text_column_lists_the_headings_that_hold_it() {
    let csv = "id,Recommending State,Response\nR-1,Norvania,supported\n";
    let site = site_with("recommendations.csv", csv);
    let message = stderr(&site.build(&[]));
    assert!(message.contains("data/recommendations.csv:1: no column holds the recommendations' text"), "{message}");
    assert!(!message.contains("did you mean"), "{message}");
    assert!(message.contains("text, recommendation, recommendations, recommendation text, full text"), "{message}");
    assert!(message.contains("this file's are: id, Recommending State, Response"), "{message}");
    let csv = "id,Recomendation,Response\nR-1,Adopt a law.,supported\n";
    assert_rejected(
        &[("recommendations.csv", csv.as_bytes())],
        &["no column holds the recommendations' text", "is `Recomendation` meant to be `recommendation`?"],
    );
}

#[test]
fn a_duplicate_id_names_both_lines() {
    let csv = format!("{HEADER}R-1,Adopt a law.,Norvania,supported,,\nR-1,Repeal it.,Eastmere,noted,,\n");
    assert_rejected(
        &[("recommendations.csv", csv.as_bytes())],
        &["data/recommendations.csv:3:1: the id `R-1` is already used on line 2"],
    );
}

#[test]
fn a_row_with_the_wrong_number_of_cells_says_to_quote_commas() {
    let csv = format!("{HEADER}R-1,Adopt a law, quickly.,Norvania,supported,,\n");
    assert_rejected(
        &[("recommendations.csv", csv.as_bytes())],
        &["data/recommendations.csv:2:47: this row has 7 cells, the header line 6", "must be between double quotes"],
    );
}

/// A quote left open takes the rows after it into its cell (one State's
/// text under another's name): an error where the quote opens, however the
/// cell ends; cells written over several lines, as exports have, still read.
#[test]
fn a_quote_left_open_is_an_error_where_it_opens() {
    let open = "R-1,\"Adopt a law.,Norvania,supported,,\n";
    let expected = [
        "data/recommendations.csv:2:5: the quote that opens this cell is not closed where the cell ends",
        "help: close the quote at the end of the cell (\"Adopt a law.\",)",
        "a quote inside a cell is written twice (\"\")",
    ];
    // Closed by the quote that opens a cell of the next row.
    let merged = format!("{HEADER}{open}R-2,\"Repeal it.\",Eastmere,noted,,\nR-3,Ratify it.,Westvale,noted,,\n");
    assert_rejected(&[("recommendations.csv", merged.as_bytes())], &expected);
    // By a quote just before a comma: the rows it takes in look like rows.
    let stray = format!("{HEADER}{open}R-2,Repeal it.,Eastmere,noted,,\nR-3,Buy 12\",Westvale,noted,,\n");
    assert_rejected(
        &[("recommendations.csv", stray.as_bytes())],
        &[expected[0], "it takes in line 3, which reads as a row of its own"],
    );
    // Never.
    let never = format!("{HEADER}{open}R-2,Repeal it.,Eastmere,noted,,\n");
    assert_rejected(
        &[("recommendations.csv", never.as_bytes())],
        &["data/recommendations.csv:2:5: the quote that opens this cell is never closed", expected[1]],
    );
    // On its own line, with text after the closing quote.
    let after = format!("{HEADER}R-1,\"Adopt\" a law,Norvania,supported,,\n");
    assert_rejected(
        &[("recommendations.csv", after.as_bytes())],
        &[
            "data/recommendations.csv:2:5: text follows the closing quote of this cell (column 11)",
            "put the whole cell between quotes, each quote inside it written twice",
        ],
    );
    // Cells over several lines, with commas and quotes inside.
    let site = site_with(
        "recommendations.csv",
        &format!(
            "{HEADER}R-1,\"Adopt a law.\nIn 2020, the State, with, NGOs, and, donors.\",Norvania,supported,,\n\
             R-2,\"Repeal the \"\"Aurora\"\" law,\nR-9 of 2019.\"  ,Eastmere,noted,,\n"
        ),
    );
    site.build_ok();
    let found = rows(&site);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("In 2020, the State, with, NGOs, and, donors.") && found[0].contains("Norvania"));
    assert!(
        found[1].contains("Repeal the &quot;Aurora&quot; law,\nR-9 of 2019.") && found[1].contains("Eastmere"),
        "{}",
        found[1]
    );
}

#[test]
fn an_sdg_must_be_a_goal_or_a_target() {
    let csv = format!("{HEADER}R-1,Adopt a law.,Norvania,supported,,5.2; 19.1\n");
    assert_rejected(
        &[("recommendations.csv", csv.as_bytes())],
        &["data/recommendations.csv:2:38: `19.1` is not an SDG goal or target", "a target (5.2, 16.10, 16.a)"],
    );
    let yaml = "- id: R-1\n  text: Adopt a law.\n  sdg_targets: [16.10]\n";
    assert_rejected_from(
        "recommendations.yaml",
        &[("recommendations.yaml", yaml.as_bytes())],
        &["data/recommendations.yaml:1: an SDG target written as a number loses its last zero", "between quotes"],
    );
    // A number no zero was lost from (no goal has a 5.20) is read.
    let site = site_with("recommendations.yaml", "- id: R-1\n  text: Adopt a law.\n  sdg_targets: [5.2, \"16.10\"]\n");
    site.build_ok();
    assert!(rows_text(&site).contains("SDG <span dir=\"ltr\">5.2, 16.10</span>"), "{}", rows_text(&site));
}

#[test]
fn a_file_that_is_not_utf8_says_where_and_how_to_save_it() {
    let mut bytes = format!("{HEADER}R-1,Adopt a law on d").into_bytes();
    bytes.push(0xe9); // "é" in Latin-1, as an old spreadsheet saves it
    bytes.extend_from_slice(b"tention.,Norvania,supported,,\n");
    assert_rejected(
        &[("recommendations.csv", &bytes)],
        &["data/recommendations.csv:2:21: the file is not UTF-8 text", "CSV UTF-8"],
    );
}

#[test]
fn a_nul_character_is_refused_where_it_is() {
    let csv = format!("{HEADER}R-1,Adopt a law.,Norvania,supported,,\nR-2,Repeal it.\0,Eastmere,noted,,\n");
    assert_rejected(
        &[("recommendations.csv", csv.as_bytes())],
        &["data/recommendations.csv:3:15: the file contains a NUL character", "save it as \"CSV UTF-8\""],
    );
    assert_rejected(
        &[("recommendations.fr.csv", "id,text\n139.1,Ratifier\0 le Protocole\n".as_bytes())],
        &["data/recommendations.fr.csv:2:15: the file contains a NUL character"],
    );
}

/// Spreadsheets end lines with CRLF (Excel), CR (Excel for Mac) or LF:
/// the same mistake is at the same line and column in each, also after a
/// cell written over two lines.
#[test]
fn places_are_the_same_with_lf_crlf_and_cr_line_endings() {
    for ending in ["\n", "\r\n", "\r"] {
        let lines = |text: &str| text.replace('\n', ending).into_bytes();
        let rows =
            "R-1,\"Adopt a law.\nAnd apply it.\",Norvania,supported,,\nR-2,Repeal it.,Eastmere,noted,partly done,\n";
        assert_rejected(
            &[("recommendations.csv", &lines(&format!("{HEADER}{rows}")))],
            &["data/recommendations.csv:4:31: `partly done` is not a status"],
        );
        // A cell after one over two lines is on the second.
        assert_rejected(
            &[(
                "recommendations.csv",
                &lines(&format!("{HEADER}R-1,\"Adopt a law.\nAnd apply it.\",Norvania,supportd,,\n")),
            )],
            &["data/recommendations.csv:3:25: `supportd` is not a response"],
        );
        let mut bytes =
            lines(&format!("{HEADER}R-1,\"Adopt a law.\nAnd apply it.\",Norvania,supported,,\nR-2,Repeal the d"));
        bytes.push(0xe9); // "é" in Latin-1
        bytes.extend(lines("cret.,Eastmere,noted,,\n"));
        // Lines ended by CR alone are Excel for Mac's CSV, in Mac Roman: read
        // as such (tests/testsuite/real_data.rs).
        if ending != "\r" {
            assert_rejected(
                &[("recommendations.csv", &bytes)],
                &["data/recommendations.csv:4:17: the file is not UTF-8 text"],
            );
        }
        assert_rejected(
            &[("recommendations.fr.csv", &lines("id,text\n139.1,\"Ratifier\nle Protocole\"\n139.11,Ratifier\n"))],
            &["data/recommendations.fr.csv:4:1: no recommendation has the id `139.11`"],
        );
    }
}

#[test]
fn a_translation_of_an_unknown_id_is_an_error() {
    assert_rejected(
        &[("recommendations.fr.csv", "id,text\n139.1,Ratifier\n139.11,Ratifier le Protocole\n".as_bytes())],
        &["data/recommendations.fr.csv:3:1: no recommendation has the id `139.11`", "did you mean `139.1`?"],
    );
}

#[test]
fn shortcodes_call_the_theme_s_and_the_site_s_templates() {
    let site = site_with("recommendations.csv", &fixture("ohchr-matrix.csv"));
    site.write(
        "templates/shortcodes/quote.html",
        "<blockquote class=\"quote\"><p>{{ text }}</p><footer>{{ who }}</footer></blockquote>",
    );
    site.write(
        "content/review/quotes.md",
        "---\ntitle: Quotes\n---\n\nIntro.\n\n{{ quote(text=\"We will act.\", who='The delegation') }}\n\n\
         {{ recommendations(theme=\"Justice and detention\", response=\"noted\") }}\n\n\
         {{ figure(src=\"../preparation/map.png\", alt=\"A map\", caption=\"The region\") }}\n\n\
         {{ video(url=\"https://webtv.example.org/123\", title=\"The dialogue\") }}\n\n\
         In code it stays as it is: `{{ quote(text=\"x\", who=\"y\") }}`.\n",
    );
    site.build_ok();
    let page = site.page("review/quotes/index.html");
    assert!(
        page.contains("<blockquote class=\"quote\"><p>We will act.</p><footer>The delegation</footer></blockquote>"),
        "{page}"
    );
    assert!(!page.contains("<p><blockquote"), "a call alone in its paragraph is a block");
    assert!(page.contains(">Consider abolishing the death penalty<"), "the embed shows the noted one");
    assert!(!page.contains("Ratify the Optional Protocol"), "and only that one");
    assert!(page.contains("recommendations/index.html#theme=justice-and-detention&amp;response=noted"), "{page}");
    assert!(
        page.contains("<img src=\"../../preparation/map.png\" alt=\"A map\""),
        "the figure's path resolved like a link: {page}"
    );
    assert!(page.contains("<a class=\"video-link\" href=\"https://webtv.example.org/123\""));
    assert!(!page.contains("<iframe"), "no player is loaded");
    assert!(page.contains("<code>{{ quote(text=\"x\", who=\"y\") }}</code>"), "{page}");
    // The phase's handout shows the embed as a table, without the link online.
    let handout = site.page("handouts/en/review.html");
    assert!(handout.contains(">Consider abolishing the death penalty<"));
    assert!(!handout.contains("#theme=justice-and-detention"));
    // The whole guide's handout prints the matrix.
    let guide = site.page("handouts/en/guide.html");
    assert!(guide.contains("id=\"recommendations\"") && guide.contains(">Ratify the Optional Protocol"));
}

#[test]
fn a_wrong_shortcode_points_at_its_line() {
    let site = site_with("recommendations.csv", &fixture("ohchr-matrix.csv"));
    site.write(
        "content/review/quotes.md",
        "---\ntitle: Quotes\n---\n\nIntro.\n\n{{ recomendations(theme=\"Torture\") }}\n\n{{ figure(src=\"../preparation/map.png\", alt=\"A map\", captoin=\"x\") }}\n\n\
         {{ recommendations(theme=\"Tortures\") }}\n\n{{ figure(src=\"../preparation/map.png\" alt=\"x\") }}\n",
    );
    let output = site.build(&[]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for expected in [
        "content/review/quotes.md:7:1: there is no shortcode `recomendations`",
        "did you mean `recommendations`?",
        "content/review/quotes.md:9:1: the shortcode `figure` has no argument `captoin`",
        "did you mean `caption`?",
        "content/review/quotes.md:11:1: no recommendation has the theme `Tortures`",
        "did you mean `Torture`?",
        "content/review/quotes.md:13:1: expected `,` or `)` after the value of `src`",
    ] {
        assert!(message.contains(expected), "expected `{expected}` in:\n{message}");
    }
}

#[test]
fn a_site_shortcode_that_lacks_an_argument_says_which() {
    let site = Site::copy("basic");
    site.write("templates/shortcodes/quote.html", "<blockquote>{{ text }} ({{ who }})</blockquote>");
    site.write("content/review/quotes.md", "---\ntitle: Quotes\n---\n\n{{ quote(text=\"We will act.\") }}\n");
    let output = site.build(&[]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        message.contains("content/review/quotes.md:5:1: the shortcode `quote` needs the argument `who`"),
        "{message}"
    );
}

#[test]
fn a_misspelt_variable_inside_a_shortcode_s_template_is_not_a_missing_argument() {
    let site = Site::copy("basic");
    site.write(
        "content/review/quotes.md",
        "---\ntitle: Quotes\n---\n\n{{ quote(text=\"We will act.\", who=\"Us\") }}\n",
    );
    // A variable of the template's own, misspelt: named with its template and line.
    site.write(
        "templates/shortcodes/quote.html",
        "{% set said = text %}\n<blockquote>{{ siad }} ({{ who }})</blockquote>",
    );
    let output = site.build(&[]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(!message.contains("needs the argument"), "not an argument: {message}");
    assert!(
        message.contains("content/review/quotes.md:5:1: the shortcode `quote` cannot be rendered: the variable `siad` is not defined in "),
        "{message}"
    );
    assert!(message.contains("templates/shortcodes/quote.html:2"), "{message}");
    assert!(message.contains("did you mean `said`?"), "{message}");
    // An argument the call lacks is still one, its template named.
    site.write("templates/shortcodes/quote.html", "<blockquote>{{ text }}\n({{ author }})</blockquote>");
    let message = stderr(&site.build(&[]));
    assert!(message.contains("the shortcode `quote` needs the argument `author`"), "{message}");
    assert!(message.contains("templates/shortcodes/quote.html:2 uses it"), "{message}");
}

#[test]
fn data_without_statuses_has_no_status_column_and_the_themes_chart_is_by_count() {
    let csv = "id,text,recommending_state,response,themes\n\
        R-1,Adopt a law on access to information.,Norvania,supported,Justice\n\
        R-2,Ratify the Optional Protocol.,Eastmere,noted,Women's rights\n\
        R-3,Train judges on gender equality.,Norvania,supported,Women's rights\n";
    let site = site_with("recommendations.csv", csv);
    site.build_ok();
    let matrix = site.page("recommendations/index.html");
    assert!(matrix.contains("rec-matrix rec-matrix-full rec-no-own rec-no-status\""), "the cells are hidden");
    assert!(!matrix.contains("<col class=\"rec-col-status\">"), "no column for it");
    assert!(!matrix.contains("rec-status-cell"), "no cell says Unknown");
    assert!(!matrix.contains("<th scope=\"col\">Status</th>"), "no heading");
    assert!(!matrix.contains("<option value=\"status\">"), "no order by status");
    assert!(!matrix.contains("id=\"chart-status-title\""), "no chart of statuses all unknown");
    // The group headings span the text, State, response, themes and the reader's own.
    assert_eq!(matrix.matches("<th scope=\"colgroup\" colspan=\"5\">").count(), 2);
    let theme = site.page("recommendations/womens-rights/index.html");
    assert!(theme.contains(" rec-no-status\"") && theme.contains("colspan=\"4\""), "nor on a theme's page");
    // The theme with the most recommendations first.
    let chart = matrix.split("id=\"chart-responses-desc\">").nth(1).unwrap();
    let (women, justice) = (chart.find("Women").unwrap(), chart.find("Justice").unwrap());
    assert!(women < justice, "2 before 1: {chart}");
    // The filters before the list of themes, which can be long.
    assert!(matrix.find("data-rec-filters").unwrap() < matrix.find("class=\"rec-themes\"").unwrap());
    // What paper says when no filter is set, and a column to write in.
    assert!(matrix.contains("data-rec-print-filters>All recommendations (no filter).</p>"));
    assert!(matrix.contains("<span class=\"rec-hand-label\">Assessment (to write by hand)</span>"));

    // One status is enough for the column, its order and its chart.
    site.write(
        "data/recommendations.csv",
        csv.replace("response,themes", "response,themes,status")
            .replace("Justice\n", "Justice,fully implemented\n")
            .replace("rights\n", "rights,\n"),
    );
    site.build_ok();
    let matrix = site.page("recommendations/index.html");
    assert!(!matrix.contains("rec-no-status"));
    assert_eq!(matrix.matches("<td class=\"rec-status-cell\">").count(), 3);
    assert!(matrix.contains("<col class=\"rec-col-status\">") && matrix.contains("<th scope=\"col\">Status</th>"));
    assert!(matrix.contains("<option value=\"status\">") && matrix.contains("id=\"chart-status-title\""));
    assert_eq!(matrix.matches("<th scope=\"colgroup\" colspan=\"6\">").count(), 2);
}

#[test]
fn only_the_row_limit_button_is_called_show_all_in_every_language() {
    for lang in ["en", "fr", "es", "ar", "ru", "zh"] {
        let path = common::repository().join(format!("themes/default/i18n/{lang}.yaml"));
        let strings: indexmap::IndexMap<String, String> =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let show_all = strings["rec_show_all"].split(['(', '（']).next().unwrap().trim().to_string();
        for (key, text) in &strings {
            assert!(key == "rec_show_all" || text.trim() != show_all, "{lang}: {key} is also \"{show_all}\"");
        }
        assert_ne!(strings["rec_filter_clear"], strings["rec_filter_all"], "{lang}");
        for key in ["rec_group_shown", "rec_print_filters", "rec_import_from_saved", "rec_import_undo"] {
            assert!(strings.get(key).is_some_and(|text| !text.is_empty()), "{lang}: {key}");
        }
    }
}

#[test]
fn the_matrix_filters_sorts_assesses_exports_and_prints_in_chromium() {
    let temp = common::build_bundled();
    // And 1,250 recommendations: a large matrix, whose page holds no row.
    let mut csv = String::from("id,text,recommending_state,response,themes\n");
    for n in 1..=1250 {
        let response = if n % 10 == 0 { "noted" } else { "supported" };
        csv.push_str(&format!("R-{n},Recommendation number {n}.,State {},{response},Theme {}\n", n % 7, n % 3));
    }
    let big = site_with("recommendations.csv", &csv);
    big.build_ok();
    let matrix = big.page("recommendations/index.html");
    assert_eq!(matrix.matches("<tr data-id=").count(), 0, "no row in a large matrix's page");
    assert_eq!(
        matrix.matches("<tr class=\"rec-group-more\"><td colspan=\"5\"><a href=\"../recommendations/theme-").count(),
        3
    );
    let theme = big.page("recommendations/theme-1/index.html");
    assert_eq!(theme.matches("<tr data-id=").count(), 417, "a theme's page has its rows, without JavaScript");
    assert!(!theme.contains("rec-themes"), "and no list of every theme");
    common::run_browser_script_with(
        "recommendations.mjs",
        &[temp.path().join("public").as_os_str(), big.public().as_os_str()],
        25,
    );
}
