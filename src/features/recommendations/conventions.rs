//! The conventions of the exports inside their cells: OHCHR's "Theme:"
//! rows heading the rows below, the "Source of position" line under a
//! recommendation, the themes cell's sections (themes, then "SDGs:" and
//! "Affected persons:" or "Groups of Persons:", an item a line), and lists
//! separated by `;`, `|`, line breaks or, in UPR Info's issues, commas.

use super::values::normalise;

/// "Theme: A12 Acceptance of international norms" (a row heading the rows
/// below it in OHCHR's lists) → "A12 Acceptance of international norms".
pub fn theme_heading(text: &str) -> Option<&str> {
    let text = text.trim();
    let head = text.get(..6)?;
    let rest = text[6..].trim();
    (head.eq_ignore_ascii_case("theme:") && !rest.is_empty()).then_some(rest)
}

/// The text without its "Source of position: A/HRC/43/15 - Para 121" line
/// (in any case), and that line's value.
pub fn source_of_position(text: &str) -> (String, Option<String>) {
    const LABEL: &str = "source of position";
    let lower = text.to_lowercase();
    // Lowercasing keeps the byte offsets of ASCII text; elsewhere, leave it.
    let Some(at) = lower.find(LABEL).filter(|_| lower.len() == text.len()) else {
        return (text.to_string(), None);
    };
    let after = &text[at + LABEL.len()..];
    let Some(value) = after.trim_start().strip_prefix(':') else {
        return (text.to_string(), None);
    };
    let line_end = value.find('\n').unwrap_or(value.len());
    let source = value[..line_end].trim().to_string();
    let rest = format!("{}\n{}", text[..at].trim_end(), value[line_end..].trim_start());
    (rest.trim().to_string(), Some(source).filter(|s| !s.is_empty()))
}

/// What a themes cell with sections holds.
#[derive(Debug, Default, PartialEq)]
pub struct Sections {
    pub themes: Vec<String>,
    pub sdgs: Vec<String>,
    pub persons: Vec<String>,
}

#[derive(Clone, Copy)]
enum Section {
    Themes,
    Sdgs,
    Persons,
}

fn section_of(line: &str) -> Option<Section> {
    let name = line.trim().strip_suffix(':')?;
    match normalise(name).as_str() {
        "themes" | "theme" | "human rights themes" | "full list of themes" => Some(Section::Themes),
        "sdgs" | "sdg" | "relevant sdgs" | "sustainable development goals" => Some(Section::Sdgs),
        "affected persons" | "groups of persons" | "persons affected" | "affected groups" => Some(Section::Persons),
        _ => None,
    }
}

/// The sections of an OHCHR themes cell, if it has any heading among its
/// lines ("SDGs:", "Affected persons:"); the lines before the first are
/// themes. Each item is a line, with its "- " taken off.
pub fn sections(cell: &str) -> Option<Sections> {
    if !cell.lines().any(|line| section_of(line).is_some()) {
        return None;
    }
    let mut found = Sections::default();
    let mut section = Section::Themes;
    for line in cell.lines() {
        if let Some(heading) = section_of(line) {
            section = heading;
            continue;
        }
        let item = without_bullet(line);
        if item.is_empty() {
            continue;
        }
        let list = match section {
            Section::Themes => &mut found.themes,
            Section::Sdgs => &mut found.sdgs,
            Section::Persons => &mut found.persons,
        };
        list.push(item.to_string());
    }
    Some(found)
}

/// Whether a cell separates its items with `;`, `|` or line breaks.
pub fn has_separator(text: &str) -> bool {
    text.contains([';', '|', '\n'])
}

/// A list cell's items: split on `;`, `|` and line breaks, and on commas
/// too where `commas` (a column no cell of which has another separator).
pub fn split_list(text: &str, commas: bool) -> Vec<String> {
    let pieces: Vec<&str> =
        if commas { text.split([';', '|', '\n', ',']).collect() } else { text.split([';', '|', '\n']).collect() };
    pieces.into_iter().map(without_bullet).filter(|item| !item.is_empty()).map(String::from).collect()
}

/// An item without the "- " or "• " a list in a cell starts it with.
fn without_bullet(item: &str) -> &str {
    let item = item.trim();
    for bullet in ["- ", "• ", "– ", "* ", "· "] {
        if let Some(rest) = item.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    item
}

/// SDG items split on commas: a goal's name has one ("16 - PEACE, JUSTICE
/// AND STRONG INSTITUTIONS"), so a piece that does not start as an SDG
/// does (a number, "SDG", "Goal") belongs to the one before it.
pub fn join_sdg_pieces(items: Vec<String>) -> Vec<String> {
    let mut joined: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let lower = item.to_lowercase();
        let starts =
            item.starts_with(|c: char| c.is_ascii_digit()) || lower.starts_with("sdg") || lower.starts_with("goal");
        match joined.last_mut() {
            Some(last) if !starts => {
                last.push_str(", ");
                last.push_str(&item);
            }
            _ => joined.push(item),
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_rows_and_source_lines_are_found() {
        assert_eq!(
            theme_heading("Theme: A12 Acceptance of international norms"),
            Some("A12 Acceptance of international norms")
        );
        assert_eq!(theme_heading("THEME: D26 Conditions of detention"), Some("D26 Conditions of detention"));
        assert_eq!(theme_heading("Themes are many"), None);
        let (text, source) =
            source_of_position("121.1 Ratify it (Norvania);\nSource of Position: A/HRC/43/15 - Para 121");
        assert_eq!((text.as_str(), source.as_deref()), ("121.1 Ratify it (Norvania);", Some("A/HRC/43/15 - Para 121")));
        let (text, source) = source_of_position("Ratify it (Norvania);\nSource of position: A/HRC/52/9");
        assert_eq!((text.as_str(), source.as_deref()), ("Ratify it (Norvania);", Some("A/HRC/52/9")));
        assert_eq!(source_of_position("Ratify it").1, None);
    }

    #[test]
    fn a_themes_cell_has_themes_sdgs_and_persons() {
        let cell = "A12 Acceptance of international norms\nD26 Conditions of detention\nSDGs:\n- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS\nAffected persons:\n- persons deprived of their liberty\n- general";
        let found = sections(cell).unwrap();
        assert_eq!(found.themes, ["A12 Acceptance of international norms", "D26 Conditions of detention"]);
        assert_eq!(found.sdgs, ["16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"]);
        assert_eq!(found.persons, ["persons deprived of their liberty", "general"]);
        assert_eq!(sections("Groups of Persons:\n- women").unwrap().persons, ["women"]);
        assert_eq!(sections("Justice; Torture"), None);
    }

    #[test]
    fn lists_split_on_commas_only_when_asked() {
        assert_eq!(split_list("Rights of the Child,Women's rights", true), ["Rights of the Child", "Women's rights"]);
        assert_eq!(split_list("Rights of the Child,Women's rights", false), ["Rights of the Child,Women's rights"]);
        assert_eq!(split_list("- 5 - GENDER EQUALITY\n- 5.1", false), ["5 - GENDER EQUALITY", "5.1"]);
        let pieces = split_list("16 - PEACE, JUSTICE AND STRONG INSTITUTIONS, 5.2", true);
        assert_eq!(join_sdg_pieces(pieces), ["16 - PEACE, JUSTICE AND STRONG INSTITUTIONS", "5.2"]);
    }
}
