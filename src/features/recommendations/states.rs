//! Recommending States as the UN writes them: one or several between
//! parentheses at the end of a recommendation ("(France) (Lithuania);",
//! "(Belgium, France, Tunisia);"), a sentence of its own per State in one
//! cell ("Ratify X (France); Adopt Y (Lithuania);"), and official names
//! that hold parentheses themselves ("(Iran (Islamic Republic of))").
//! Where the last group names a known State ([`is_state`]), a group
//! before it is read as States only if it names known States too: "Ratify
//! ILO Convention No. 189 (Domestic Workers Convention) (Philippines)" is
//! one State's, and its text keeps the Convention's name.

use super::state_names::is_state;

/// The names in a State column's cell: separated by `;`, `|`, line breaks,
/// commas outside parentheses, or each between parentheses.
pub fn states_of_cell(cell: &str) -> Vec<String> {
    let mut names = Vec::new();
    for piece in cell.split([';', '|', '\n']).map(str::trim).filter(|piece| !piece.is_empty()) {
        match groups_only(piece) {
            Some(groups) => names.extend(groups),
            None => names.extend(split_outside_parentheses(piece)),
        }
    }
    unique(names)
}

/// "Adopt … (France) (Lithuania);" → ("Adopt …", [France, Lithuania]): the
/// groups of names that end the text, and every sentence's own group
/// before them ("Ratify X (France); Adopt Y (Lithuania);" gives both; the
/// text keeps its sentences, less the last group).
pub fn states_in_text(text: &str) -> Option<(&str, Vec<String>)> {
    let mut rest = text.trim_end().trim_end_matches([';', '.', ',']).trim_end();
    let mut trailing: Vec<Vec<String>> = Vec::new();
    while let Some((open, inner)) = last_group(rest) {
        let Some(found) = names(inner) else { break };
        // The last group is read as States if it can be (a list in another
        // language, a State's new name); where it names a known State, a
        // group before it is read so only if it does too.
        let last_known = trailing.first().is_some_and(|last| last.iter().all(|name| is_state(name)));
        if last_known && !found.iter().all(|name| is_state(name)) {
            break;
        }
        trailing.push(found);
        rest = rest[..open].trim_end().trim_end_matches([';', ',']).trim_end();
    }
    if trailing.is_empty() {
        return None;
    }
    let mut states = sentence_states(rest);
    states.extend(trailing.into_iter().rev().flatten());
    Some((rest, unique(states)))
}

/// A piece made only of groups between parentheses: their names.
fn groups_only(piece: &str) -> Option<Vec<String>> {
    let mut rest = piece.trim();
    if !rest.starts_with('(') {
        return None;
    }
    let mut found = Vec::new();
    while !rest.is_empty() {
        let (inner, after) = first_group(rest)?;
        found.extend(split_outside_parentheses(inner));
        rest = after.trim_start().trim_start_matches([',', ';']).trim_start();
    }
    Some(found)
}

/// `rest` starts with `(`: the text inside its group, and what follows it.
pub(super) fn first_group(rest: &str) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some((&rest[1..i], &rest[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// The group between parentheses that ends `text`: where it opens, and
/// the text inside it (nested parentheses kept).
fn last_group(text: &str) -> Option<(usize, &str)> {
    let inner_end = text.strip_suffix(')')?.len();
    let mut depth = 0usize;
    for (i, c) in text.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some((i, &text[i + 1..inner_end]));
                }
            }
            _ => {}
        }
    }
    None
}

/// The groups of names that close a sentence inside the text: followed by
/// `;` or `.`, then a capital letter.
fn sentence_states(text: &str) -> Vec<String> {
    let mut states = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| i + from) {
        let Some((inner, after)) = first_group(&text[open..]) else { break };
        from = text.len() - after.len();
        let after = after.trim_start();
        let closes = after.starts_with([';', '.'])
            && after[1..].trim_start().chars().next().is_some_and(char::is_uppercase)
            && after[1..].starts_with(char::is_whitespace);
        if closes {
            if let Some(found) = names(inner) {
                states.extend(found);
            }
        }
    }
    states
}

/// The names in a group, if every one reads as a State's: a capital
/// first, some lowercase (not an acronym such as CEDAW), no digits.
fn names(inner: &str) -> Option<Vec<String>> {
    let found = split_outside_parentheses(inner);
    let plausible = |name: &String| {
        name.chars().count() < 80
            && name.chars().next().is_some_and(char::is_uppercase)
            && name.chars().any(char::is_lowercase)
            && !name.chars().any(|c| c.is_ascii_digit())
    };
    (!found.is_empty() && found.iter().all(plausible)).then_some(found)
}

/// "Belgium, Iran (Islamic Republic of), Tunisia" → its three names;
/// "Korea, Republic of" → one (ISO's order: a piece that is no State's
/// name but is one with the piece before it); "Germany and Spain" → two
/// (a piece that is no State's name, but two with `and`, `et` or `y`).
fn split_outside_parentheses(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for piece in split_on_commas(text) {
        if let Some(last) = names.last_mut() {
            let joined = format!("{last}, {piece}");
            if !is_state(&piece) && is_state(&joined) {
                *last = joined;
                continue;
            }
        }
        let pair = [" and ", " et ", " y "].iter().find_map(|and| {
            let (first, second) = piece.rsplit_once(and)?;
            (is_state(first) && is_state(second)).then(|| [first.to_string(), second.to_string()])
        });
        match pair {
            Some(pair) if !is_state(&piece) => names.extend(pair),
            _ => names.push(piece),
        }
    }
    names
}

/// The pieces of `text` between commas outside parentheses.
fn split_on_commas(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                names.push(text[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    names.push(text[start..].trim().to_string());
    names.retain(|name| !name.is_empty());
    names
}

fn unique(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names.into_iter().filter(|name| seen.insert(name.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn states(text: &str) -> (String, Vec<String>) {
        let (rest, found) = states_in_text(text).expect("States found");
        (rest.to_string(), found)
    }

    #[test]
    fn joint_recommendations_give_every_state() {
        assert_eq!(
            states("Ratify it (France) (Lithuania);"),
            ("Ratify it".into(), vec!["France".into(), "Lithuania".into()])
        );
        let joint = states("Adopt a law (Belgium, France, Tunisia, Sierra Leone, Argentina);").1;
        assert_eq!(joint, ["Belgium", "France", "Tunisia", "Sierra Leone", "Argentina"]);
        assert_eq!(
            states("Ratify the Convention (Norvania); Adopt a law on it (Eastmere);"),
            ("Ratify the Convention (Norvania); Adopt a law on it".into(), vec!["Norvania".into(), "Eastmere".into()])
        );
    }

    #[test]
    fn official_names_keep_their_parentheses() {
        assert_eq!(states("Abolish it (Iran (Islamic Republic of));").1, ["Iran (Islamic Republic of)"]);
        assert_eq!(
            states("Abolish it (Venezuela (Bolivarian Republic of), Bolivia (Plurinational State of))").1,
            ["Venezuela (Bolivarian Republic of)", "Bolivia (Plurinational State of)"]
        );
        assert_eq!(states_of_cell("Iran (Islamic Republic of)"), ["Iran (Islamic Republic of)"]);
        assert_eq!(states_of_cell("(France) (Lithuania)"), ["France", "Lithuania"]);
        assert_eq!(states_of_cell("France, Lithuania; Chile"), ["France", "Lithuania", "Chile"]);
    }

    #[test]
    fn names_between_parentheses_before_the_state_stay_in_the_text() {
        let cases = [
            (
                "Ratify ILO Convention No. 189 (Domestic Workers Convention) (Philippines);",
                "Ratify ILO Convention No. 189 (Domestic Workers Convention)",
                vec!["Philippines"],
            ),
            (
                "Implement the Beijing Declaration (Beijing Platform for Action) (Ghana);",
                "Implement the Beijing Declaration (Beijing Platform for Action)",
                vec!["Ghana"],
            ),
            (
                "Strengthen the Office of the Ombudsperson (Defensoría del Pueblo) (Peru);",
                "Strengthen the Office of the Ombudsperson (Defensoría del Pueblo)",
                vec!["Peru"],
            ),
            (
                "Ratify it (Optional Protocol to the Convention against Torture) (France) (Lithuania);",
                "Ratify it (Optional Protocol to the Convention against Torture)",
                vec!["France", "Lithuania"],
            ),
            // In French, as OHCHR's French lists write them.
            ("Ratifier la Convention (Allemagne) (Lituanie);", "Ratifier la Convention", vec!["Allemagne", "Lituanie"]),
        ];
        for (text, rest, found) in cases {
            assert_eq!(states(text), (rest.to_string(), found.iter().map(|s| s.to_string()).collect()), "{text}");
        }
    }

    #[test]
    fn iso_names_and_lists_with_and_are_read_as_states() {
        assert_eq!(states_of_cell("Korea, Republic of"), ["Korea, Republic of"]);
        assert_eq!(
            states_of_cell("Congo, Democratic Republic of the; Chile"),
            ["Congo, Democratic Republic of the", "Chile"]
        );
        assert_eq!(states_of_cell("France, Germany and Spain"), ["France", "Germany", "Spain"]);
        assert_eq!(
            states_of_cell("Trinidad and Tobago, Bosnia and Herzegovina"),
            ["Trinidad and Tobago", "Bosnia and Herzegovina"]
        );
        assert_eq!(states("Adopt it (Iran, Islamic Republic of);").1, ["Iran, Islamic Republic of"]);
    }

    #[test]
    fn other_parentheses_are_not_states() {
        assert_eq!(states_in_text("Ratify the Convention (CEDAW)."), None);
        assert_eq!(states_in_text("Adopt a law (with care)"), None);
        assert_eq!(states_in_text("Adopt the plan (2020-2024)"), None);
        // An acronym closing a sentence inside the text is not taken either.
        assert_eq!(states("Ratify it (CEDAW). Apply it (Chile);").1, ["Chile"]);
    }
}
