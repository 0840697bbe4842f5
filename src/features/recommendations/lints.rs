//! What a build of plausible-looking nonsense would hide, said plainly:
//! files in `data/` that are not read, the sample's note above the matrix
//! left in place, more themes than a State's review has, and columns left
//! out whose names say what they hold.

use std::path::{Path, PathBuf};

use super::data::{Data, DATA_DIR, READ_EXTENSIONS, STEM};
use super::values::normalise;
use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Location};

/// More themes than this in one file is implausible: OHCHR's list has
/// about 60 themes, UPR Info's about 55 issues.
const MOST_THEMES: usize = 100;

/// The files of `data/` that are not read (`read` are the ones that are),
/// each with what to do: a workbook or document named otherwise, a
/// format uprkit does not read, a second export beside the first.
pub fn unread_files(config: &Config, read: &[PathBuf]) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(config.root.join(DATA_DIR)) else { return Vec::new() };
    let mut names: Vec<String> =
        entries.flatten().filter(|e| e.path().is_file()).filter_map(|e| e.file_name().into_string().ok()).collect();
    names.sort();
    let langs: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let mut found = Vec::new();
    for name in names {
        let path = Path::new(DATA_DIR).join(&name);
        if read.contains(&path) || name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let (stem, ext) = name.rsplit_once('.').map_or((name.as_str(), ""), |(s, e)| (s, e));
        let ext = ext.to_lowercase();
        let help = if name == super::themes::FILE {
            format!("it names the themes of the recommendations: it is read with {STEM}.csv (or .xlsx, .docx ...), which data/ lacks")
        } else if READ_EXTENSIONS.contains(&ext.as_str()) {
            match stem.strip_prefix(&format!("{STEM}.")) {
                Some(lang) if !langs.contains(&lang) => format!(
                    "`{lang}` is not one of the site's languages ({}): name a translation recommendations.<language>.{ext}",
                    langs.join(", ")
                ),
                _ if read.is_empty() => format!("name it {STEM}.{ext} to build the matrix from it"),
                _ => format!(
                    "the matrix is built from {} only: to use this file instead, name it {STEM}.{ext} and move the other away",
                    read[0].display()
                ),
            }
        } else {
            match ext.as_str() {
                "xlsb" | "numbers" => "save it as .xlsx (or CSV UTF-8) named recommendations.xlsx".to_string(),
                "doc" | "rtf" | "odt" => "save it as a Word document (.docx) named recommendations.docx".to_string(),
                "pdf" => "uprkit cannot read a PDF's table: download the Word document (.docx) or a spreadsheet of the recommendations".to_string(),
                "txt" | "tsv" => format!("if it is a table with tabs between columns, name it {STEM}.csv"),
                _ => continue,
            }
        };
        found.push(Diagnostic::new(Location::file(&path), "this file in data/ is not read").with_help(help));
    }
    found
}

/// The sample toolkit's `recommendations_note` ("a fictional sample, made
/// up for the Republic of Solandia") still in the site's `i18n/<lang>.yaml`
/// while the data is no longer the sample's: every matrix page would say
/// the data is made up.
pub fn sample_note(config: &Config, data: &Data) -> Vec<Diagnostic> {
    if data.rows.iter().any(|row| row.id.starts_with("SOL-")) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for language in &config.languages {
        let path = Path::new("i18n").join(format!("{}.yaml", language.code));
        let Ok(text) = std::fs::read_to_string(config.root.join(&path)) else { continue };
        let line = text.lines().position(|line| {
            line.starts_with("recommendations_note:")
                && line.contains("uprkit")
                && line.contains("data/recommendations.csv")
        });
        if let Some(line) = line {
            found.push(
                Diagnostic::new(
                    Location::at(&path, line + 1, Some(1)),
                    "the sample's `recommendations_note` is still here: every matrix page says the recommendations are a fictional sample",
                )
                .with_help("delete the line, or write a note about your own data"),
            );
        }
    }
    found
}

/// More themes than a review has: over [`MOST_THEMES`], or over half the
/// rows (of a file of 20 rows or more), is a column read as themes that
/// holds something else, or names cut at their commas.
pub fn many_themes(data: &Data) -> Option<String> {
    let mut themes: Vec<&str> = data.rows.iter().flat_map(|r| r.theme_slugs.iter().map(String::as_str)).collect();
    themes.sort_unstable();
    themes.dedup();
    let rows = data.rows.len();
    let too_many = themes.len() > MOST_THEMES || (rows >= 20 && themes.len() * 2 > rows);
    too_many.then(|| {
        format!(
            "{}: {} themes for {rows} recommendations, more than a review has: is the column read as themes a list of themes, with its items separated by `;`, `|`, line breaks or (in every cell) commas?",
            data.source.display(),
            themes.len()
        )
    })
}

/// The field a left-out column's name suggests it holds, by its words.
pub fn meant_column(header: &str) -> Option<&'static str> {
    let name = normalise(header);
    let has = |word: &str| name.split(' ').any(|w| w.starts_with(word));
    let guesses: [(bool, &str); 17] = [
        (has("before") || has("previous") || has("earlier") || has("repeat"), "recommended_before"),
        (has("recommend") && (has("state") || has("countr")), "recommending_state"),
        (has("responsib") || has("ministr") || has("institution"), "responsible"),
        (has("plan") || has("activit"), "planned_action"),
        (has("indicator"), "indicator"),
        (has("deadline") || has("date"), "target_date"),
        (has("recommend"), "text"),
        (has("respon") || has("position") || has("accept"), "response"),
        (has("issue") || has("theme") || has("topic"), "themes"),
        (has("sdg") || has("goal"), "sdg_targets"),
        (has("person") || has("group"), "affected_persons"),
        (has("session"), "session"),
        (has("cycle"), "cycle"),
        (has("para"), "paragraph"),
        (has("categor") || has("action"), "action_category"),
        (has("status") || has("implement"), "status"),
        (has("state") || has("countr"), "recommending_state"),
    ];
    guesses.into_iter().find(|(yes, _)| *yes).map(|(_, field)| field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_left_out_column_s_name_says_what_it_holds() {
        assert_eq!(meant_column("Recomending State"), Some("recommending_state"));
        assert_eq!(meant_column("Issues (UPR Info)"), Some("themes"));
        assert_eq!(meant_column("SDG Goal"), Some("sdg_targets"));
        assert_eq!(meant_column("State's answer"), Some("recommending_state"));
        assert_eq!(meant_column("Notes"), None);
        assert_eq!(meant_column("Responsible ministries"), Some("responsible"));
        assert_eq!(meant_column("Plan of action"), Some("planned_action"));
        assert_eq!(meant_column("Date to finish"), Some("target_date"));
        assert_eq!(meant_column("Previously recommended"), Some("recommended_before"));
        assert_eq!(meant_column("Body"), None);
    }
}
