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
            | "partly supported" => Response::SupportedInPart,
            "noted" | "note" | "rejected" | "not supported" | "not accepted" | "takes note" | "took note" => {
                Response::Noted
            }
            "" | "pending" | "no response" | "general response" | "awaiting response" => Response::Pending,
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

/// `5.2`, `16.10`, `16.a`, `SDG 5.2`, `5.2 End all forms of…`: the target
/// (goal 1 to 17; target a number or a letter).
pub fn sdg_target(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_prefix("SDG").or_else(|| text.strip_prefix("sdg")).unwrap_or(text).trim_start();
    let code = text.split(|c: char| c.is_whitespace() || c == '-' || c == ':').next()?;
    let (goal, target) = code.split_once('.')?;
    let goal: u8 = goal.parse().ok()?;
    let target_ok = (!target.is_empty() && target.len() <= 2 && target.bytes().all(|b| b.is_ascii_digit()))
        || (target.len() == 1 && target.bytes().all(|b| b.is_ascii_lowercase()));
    ((1..=17).contains(&goal) && target_ok).then(|| format!("{goal}.{target}"))
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

/// "Adopt … (Valdoria);" → ("Adopt …", "Valdoria").
pub fn trailing_state(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end().trim_end_matches([';', '.']).trim_end();
    let inner = trimmed.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let name = inner[open + 1..].trim();
    let ok = !name.is_empty() && name.len() < 80 && name.chars().next().is_some_and(char::is_uppercase);
    ok.then(|| (trimmed[..open].trim_end(), name))
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
        assert_eq!(theme_slug("Women's rights"), "womens-rights");
        assert_eq!(theme_slug("Civic space and human rights defenders"), "civic-space-and-human-rights-defenders");
    }

    #[test]
    fn ohchr_text_gives_paragraph_and_state() {
        assert_eq!(leading_paragraph("139.12 Adopt a law"), Some(("139.12", "Adopt a law")));
        assert_eq!(trailing_state("Adopt a law (Valdoria);"), Some(("Adopt a law", "Valdoria")));
        assert_eq!(trailing_state("Adopt a law (with care)"), None);
    }
}
