//! The values of a recommendation's cells, in the words of each export:
//! responses, implementation status, UPR Info's action categories, SDG
//! targets, and the paragraph and State OHCHR's matrices write in the text.

use serde::Serialize;

/// Lowercase, punctuation and underscores as single spaces: how column
/// names and values are compared.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// What the State under review said of a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    Supported,
    SupportedInPart,
    Noted,
    /// Not responded to yet (between the review and the adoption).
    Pending,
}

impl Response {
    pub const ALL: [Response; 4] = [Response::Supported, Response::SupportedInPart, Response::Noted, Response::Pending];

    pub fn key(self) -> &'static str {
        match self {
            Response::Supported => "supported",
            Response::SupportedInPart => "supported-in-part",
            Response::Noted => "noted",
            Response::Pending => "pending",
        }
    }

    /// The value as written in a file, in any of the exports' words.
    pub fn parse(text: &str) -> Option<Response> {
        Some(match normalise(text).as_str() {
            "supported" | "accepted" | "support" | "accept" | "agreed" => Response::Supported,
            "supported in part"
            | "partially supported"
            | "partially accepted"
            | "supported noted"
            | "supported partially"
            | "accepted in part"
            | "partly supported"
            | "partially"
            | "partly" => Response::SupportedInPart,
            "noted" | "note" | "rejected" | "not supported" | "not accepted" | "takes note" | "took note" => {
                Response::Noted
            }
            // The Universal Human Rights Index: "Response not available".
            ""
            | "pending"
            | "no response"
            | "general response"
            | "awaiting response"
            | "response not available"
            | "not available"
            | "no response available" => Response::Pending,
            _ => return None,
        })
    }
}

/// How far a recommendation has been implemented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotImplemented,
    PartiallyImplemented,
    FullyImplemented,
    Unknown,
}

impl Status {
    pub const ALL: [Status; 4] =
        [Status::NotImplemented, Status::PartiallyImplemented, Status::FullyImplemented, Status::Unknown];

    pub fn key(self) -> &'static str {
        match self {
            Status::NotImplemented => "not-implemented",
            Status::PartiallyImplemented => "partially-implemented",
            Status::FullyImplemented => "fully-implemented",
            Status::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Some(match normalise(text).as_str() {
            "not implemented" | "none" | "not started" | "no action" | "no progress" => Status::NotImplemented,
            "partially implemented" | "partially" | "partial" | "partly implemented" | "in progress" | "ongoing" => {
                Status::PartiallyImplemented
            }
            "fully implemented" | "fully" | "implemented" | "done" | "completed" | "complete" => {
                Status::FullyImplemented
            }
            "unknown" | "" | "not known" | "no information" => Status::Unknown,
            _ => return None,
        })
    }
}

/// `5`, `5 - Specific action`, `Category 5`: the number; empty: none.
pub fn action_category(text: &str) -> Result<Option<u8>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let digits: Vec<u8> = text.chars().filter_map(|c| c.to_digit(10)).map(|d| d as u8).collect();
    match digits.as_slice() {
        [n @ 1..=5] => Ok(Some(*n)),
        _ => Err(()),
    }
}

/// The targets of each of the 17 goals, as the 2030 Agenda numbers them:
/// how many are numbered (1.1 to 1.5) and how many lettered (1.a, 1.b),
/// 169 in all.
const SDG_TARGETS: [(u8, u8); 17] = [
    (5, 2),
    (5, 3),
    (9, 4),
    (7, 3),
    (6, 3),
    (6, 2),
    (3, 2),
    (10, 2),
    (5, 3),
    (7, 3),
    (7, 3),
    (8, 3),
    (3, 2),
    (7, 3),
    (9, 3),
    (10, 2),
    (19, 0),
];

/// `5.2`, `16.10`, `16.a` (or `16.A`), `SDG 5.2`, `5.2 End all forms of…`:
/// the target, if the goal has it (16.11 and 5.z are none).
pub fn sdg_target(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_prefix("SDG").or_else(|| text.strip_prefix("sdg")).unwrap_or(text).trim_start();
    let code = text.split(|c: char| c.is_whitespace() || c == '-' || c == ':').next()?;
    let (goal, target) = code.split_once('.')?;
    let goal: u8 = goal.parse().ok()?;
    let (numbered, lettered) = *SDG_TARGETS.get(usize::from(goal).checked_sub(1)?)?;
    let target = target.to_ascii_lowercase();
    let known = match target.as_bytes() {
        [letter @ b'a'..=b'z'] => letter - b'a' < lettered,
        digits
            if !digits.is_empty()
                && digits.len() <= 2
                && digits[0] != b'0'
                && digits.iter().all(u8::is_ascii_digit) =>
        {
            target.parse::<u8>().is_ok_and(|n| n <= numbered)
        }
        _ => false,
    };
    known.then(|| format!("{goal}.{target}"))
}

/// An SDG as the exports name it: a goal ("16 - PEACE, JUSTICE AND STRONG
/// INSTITUTIONS", "Goal 5", "SDG 16") or a target (`16.10`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sdg {
    Goal(u8),
    Target(String),
}

impl Sdg {
    pub fn parse(text: &str) -> Option<Sdg> {
        if let Some(target) = sdg_target(text) {
            return Some(Sdg::Target(target));
        }
        let text = text.trim();
        let lower = text.to_lowercase();
        let rest = ["sdg", "goal"].iter().find_map(|p| lower.strip_prefix(p)).unwrap_or(&lower).trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = rest[digits.len()..].chars().next();
        let goal: u8 = digits.parse().ok()?;
        let ends = after.is_none_or(|c| c.is_whitespace() || matches!(c, '-' | ':' | '–' | ','));
        ((1..=17).contains(&goal) && ends).then_some(Sdg::Goal(goal))
    }

    pub fn goal(&self) -> u8 {
        match self {
            Sdg::Goal(goal) => *goal,
            Sdg::Target(target) => target.split('.').next().and_then(|g| g.parse().ok()).unwrap_or(0),
        }
    }
}

/// The cycle of a Working Group session, as the UPR's calendar has them:
/// sessions 1–12 the first cycle (2008–2011), 13–26 the second
/// (2012–2016), 27–40 the third (2017–2022), and fourteen sessions a cycle
/// since: 41–54 the fourth (from November 2022), 55–68 the fifth.
pub fn cycle_of_session(session: &str) -> Option<u32> {
    let digits: String = session.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    match digits.parse::<u32>().ok()? {
        0 => None,
        1..=12 => Some(1),
        13..=26 => Some(2),
        n => Some(3 + (n - 27) / 14),
    }
}

/// "3", "Cycle 3", "3rd cycle", "third cycle": the cycle's number; any
/// other text as written.
pub fn cycle_number(text: &str) -> String {
    if !text.contains(char::is_alphabetic) {
        return text.trim().to_string();
    }
    let words = normalise(text);
    let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth"];
    if let Some(n) = ordinals.iter().position(|o| words.split(' ').any(|w| w == *o)) {
        return (n + 1).to_string();
    }
    let numbers: Vec<&str> = words
        .split(' ')
        .map(|w| w.trim_end_matches(|c: char| c.is_alphabetic()))
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    match numbers.as_slice() {
        [one]
            if words.split(' ').all(|w| w.starts_with(|c: char| c.is_ascii_digit()) || w == "cycle" || w == "upr") =>
        {
            one.trim_start_matches('0').to_string()
        }
        _ => text.trim().to_string(),
    }
}

/// Where a target (`16.10`, as [`sdg_target`] writes it) sorts: by goal,
/// then the numbered targets by number, then the lettered ones, as the UN
/// lists them: 16.2, 16.3, 16.10, 16.a.
pub fn sdg_order(target: &str) -> (u8, u16, String) {
    let (goal, rest) = target.split_once('.').unwrap_or((target, ""));
    let goal = goal.parse().unwrap_or(u8::MAX);
    match rest.parse::<u16>() {
        Ok(number) => (goal, number, String::new()),
        Err(_) => (goal, u16::MAX, rest.to_string()),
    }
}

/// "139.12 Adopt …" → ("139.12", "Adopt …").
pub fn leading_paragraph(text: &str) -> Option<(&str, &str)> {
    let (number, rest) = text.split_once(char::is_whitespace)?;
    let number = number.trim_end_matches(['.', ')']);
    let ok = number.split('.').count() == 2
        && number.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| (number, rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::recommendations::data::theme_slug;

    #[test]
    fn sdg_targets_sort_by_number_then_letter() {
        let mut targets = vec!["16.a", "16.10", "5.2", "16.3", "16.b", "10.1", "16.1"];
        targets.sort_by_key(|target| sdg_order(target));
        assert_eq!(targets, ["5.2", "10.1", "16.1", "16.3", "16.10", "16.a", "16.b"]);
    }

    #[test]
    fn values_are_read_in_the_words_of_each_export() {
        assert_eq!(Response::parse("Accepted"), Some(Response::Supported));
        assert_eq!(Response::parse("Supported/Noted"), Some(Response::SupportedInPart));
        assert_eq!(Response::parse("noted"), Some(Response::Noted));
        assert_eq!(Response::parse("maybe"), None);
        assert_eq!(Status::parse("Partially implemented"), Some(Status::PartiallyImplemented));
        assert_eq!(Status::parse(""), Some(Status::Unknown));
        assert_eq!(action_category("5 - Specific action"), Ok(Some(5)));
        assert_eq!(action_category("7"), Err(()));
        assert_eq!(sdg_target("16.a").as_deref(), Some("16.a"));
        assert_eq!(sdg_target("SDG 5.2 - Eliminate violence").as_deref(), Some("5.2"));
        assert_eq!(sdg_target("5"), None);
        assert_eq!(sdg_target("18.1"), None);
        // Targets the goals have, and only those: 169 in all.
        assert_eq!(sdg_target("16.A").as_deref(), Some("16.a"));
        assert_eq!(sdg_target("17.19").as_deref(), Some("17.19"));
        assert_eq!(sdg_target("3.d").as_deref(), Some("3.d"));
        for none in ["16.11", "5.7", "17.20", "16.z", "1.99", "17.a", "16.01", "0.1"] {
            assert_eq!(sdg_target(none), None, "{none}");
        }
        let all = (1..=17)
            .flat_map(|goal| {
                (1..=19).map(move |n| format!("{goal}.{n}")).chain(('a'..='z').map(move |l| format!("{goal}.{l}")))
            })
            .filter(|code| sdg_target(code).is_some())
            .count();
        assert_eq!(all, 169);
        assert_eq!(Response::parse("Response not available"), Some(Response::Pending));
        assert_eq!(Response::parse("Partially supported"), Some(Response::SupportedInPart));
        assert_eq!(Response::parse("Partially"), Some(Response::SupportedInPart));
        assert_eq!(theme_slug("Women's rights"), "womens-rights");
        assert_eq!(theme_slug("Civic space and human rights defenders"), "civic-space-and-human-rights-defenders");
    }

    #[test]
    fn sdgs_are_goals_or_targets() {
        assert_eq!(Sdg::parse("16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"), Some(Sdg::Goal(16)));
        assert_eq!(Sdg::parse("Goal 5"), Some(Sdg::Goal(5)));
        assert_eq!(Sdg::parse("SDG 16"), Some(Sdg::Goal(16)));
        assert_eq!(Sdg::parse("16.10"), Some(Sdg::Target("16.10".into())));
        assert_eq!(Sdg::parse("18 - NOTHING"), None);
        assert_eq!(Sdg::parse("PEACE"), None);
        assert_eq!(Sdg::parse("16.10").map(|s| s.goal()), Some(16));
    }

    #[test]
    fn cycles_come_from_sessions() {
        let cycles: Vec<Option<u32>> =
            ["1", "12", "13", "26", "27", "40", "41", "54", "55", "UPR 43", "", "0"].map(cycle_of_session).to_vec();
        let expected =
            [Some(1), Some(1), Some(2), Some(2), Some(3), Some(3), Some(4), Some(4), Some(5), Some(4), None, None];
        assert_eq!(cycles, expected);
        assert_eq!(cycle_number("Cycle 3"), "3");
        assert_eq!(cycle_number("4th cycle"), "4");
        assert_eq!(cycle_number("third cycle"), "3");
        assert_eq!(cycle_number("3"), "3");
        assert_eq!(cycle_number("2019-2022"), "2019-2022");
    }

    #[test]
    fn ohchr_text_gives_paragraph_and_state() {
        assert_eq!(leading_paragraph("139.12 Adopt a law"), Some(("139.12", "Adopt a law")));
    }
}
