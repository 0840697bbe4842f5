//! Telling a facilitator note's marker from what only looks like one: a
//! paragraph's first line read as the author wrote it, and the build error
//! for a near miss (`[FACILITATOR]`, `[!FACILITATORS]`, bold, a translated
//! word, any `[!WORD]` that is no callout), so that privacy never depends
//! on typing the marker just so.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{starts_with_marker, MARKER};
use crate::engine::error::{Diagnostic, Location};
use crate::engine::markdown::Spanned;

/// The callout markers the Markdown parser knows (GitHub's alerts).
const CALLOUTS: &[&str] = &["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

/// Words an author may write meaning "facilitator": English near-misses
/// aside, its translations in the six UN languages and a few neighbours.
const FACILITATOR_WORDS: &[&str] = &[
    "facilitator",
    "facilitation",
    "trainer",
    "moderator",
    "animateur",
    "animatrice",
    "facilitateur",
    "facilitatrice",
    "formateur",
    "formatrice",
    "facilitador",
    "facilitadora",
    "moderador",
    "moderadora",
    "capacitador",
    "capacitadora",
    "ведущий",
    "ведущая",
    "фасилитатор",
    "модератор",
    "тренер",
    "الميسر",
    "ميسر",
    "الميسّر",
    "ميسّر",
    "المدرب",
    "مدرب",
    "للميسر",
    "للميسّر",
    "للمدرب",
    "ведущего",
    "тренера",
    "主持人",
    "协调人",
    "促进者",
    "培训师",
];

/// What the first line of a paragraph says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Opening {
    /// The marker, in any casing (and the note's first words, if any).
    Note,
    /// The marker in bold or italics.
    Formatted,
    /// `[!WORD]` that is neither the marker nor a callout's.
    Unknown(String),
    /// A callout's marker with text after it on the same line.
    CalloutWithText(String),
    /// A label that reads as meant for facilitators (`[FACILITATOR]`,
    /// `[! FACILITATOR]`, `Facilitator note:`, `[!ANIMATEUR]`).
    LooksLikeMarker(String),
    /// Anything else: a quote or paragraph like any other.
    Other,
}

/// The first line of the paragraph opened at `at`, as written (inline
/// markup dropped), and whether it opens in bold or italics. Empty where
/// the paragraph opens with anything else (code, a link, an image).
pub(super) struct FirstLine {
    text: String,
    formatted: bool,
}

pub(super) fn first_line(events: &[Spanned], at: usize) -> FirstLine {
    let mut line = FirstLine { text: String::new(), formatted: false };
    if !matches!(events.get(at), Some((Event::Start(Tag::Paragraph | Tag::Item), _))) {
        return line;
    }
    match events.get(at + 1) {
        Some((Event::Text(_), _)) => {}
        Some((Event::Start(Tag::Strong | Tag::Emphasis), _)) => line.formatted = true,
        _ => return line,
    }
    for (event, _) in &events[at + 1..] {
        match event {
            Event::Text(text) | Event::Code(text) => line.text.push_str(text),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item)
            | Event::Start(Tag::Paragraph | Tag::List(_)) => break,
            _ => {}
        }
        // The marker and a few words are all that is needed.
        if line.text.len() > 200 {
            break;
        }
    }
    line
}

/// Whether the paragraph opened at `at` starts with a `[`, perhaps in bold:
/// the only paragraphs outside a block quote worth a closer look.
pub(super) fn opens_with_bracket(events: &[Spanned], at: usize) -> bool {
    let first = match events.get(at + 1) {
        Some((Event::Start(Tag::Strong | Tag::Emphasis), _)) => events.get(at + 2),
        other => other,
    };
    matches!(first, Some((Event::Text(text), _)) if text.starts_with('['))
}

/// Classifies a paragraph's first line; `opens_quote` when the paragraph
/// is the first thing in a block quote (where a label is a marker too).
pub(super) fn classify(line: &FirstLine, opens_quote: bool) -> Opening {
    let text = line.text.trim();
    if starts_with_marker(text) && text[MARKER.len()..].chars().next().is_none_or(|c| c.is_whitespace() || c == ':') {
        return if line.formatted { Opening::Formatted } else { Opening::Note };
    }
    if let Some(inside) = text.strip_prefix('[') {
        // `[!WORD]`, `[WORD]`, `[! WORD]`, `[!WORD NOTE]`: the bracket's words.
        let close = inside.find(']');
        let label = &inside[..close.unwrap_or(inside.len())];
        let written = text[..close.map_or(text.len(), |c| c + 2)].to_string();
        let bang = label.starts_with('!');
        let words: Vec<&str> = label.trim_start_matches('!').split_whitespace().collect();
        if words.iter().any(|word| facilitator_like(word)) {
            return Opening::LooksLikeMarker(written);
        }
        if opens_quote && bang && close.is_some() && !words.is_empty() {
            let callout = words.len() == 1
                && !label[1..].starts_with(char::is_whitespace)
                && CALLOUTS.iter().any(|c| c.eq_ignore_ascii_case(words[0]));
            return if callout { Opening::CalloutWithText(written) } else { Opening::Unknown(written) };
        }
        return Opening::Other;
    }
    if opens_quote {
        // A label alone on the line, or before a colon: `Facilitator note:`,
        // `**Trainers only**`, `Note for facilitators:`, `Tip for the trainer`.
        let label = text.split([':', '：']).next().unwrap_or("");
        let words: Vec<String> =
            label.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        let filler = |word: &String| {
            matches!(
                word.as_str(),
                "note"
                    | "notes"
                    | "tip"
                    | "tips"
                    | "only"
                    | "for"
                    | "to"
                    | "the"
                    | "a"
                    | "du"
                    | "de"
                    | "des"
                    | "pour"
                    | "à"
                    | "l"
                    | "le"
                    | "la"
                    | "les"
                    | "aux"
                    | "remarque"
                    | "conseil"
                    | "nota"
                    | "notas"
                    | "para"
                    | "el"
                    | "al"
                    | "los"
                    | "las"
                    | "consejo"
                    | "ملاحظة"
                    | "ملاحظات"
                    | "заметка"
                    | "примечание"
                    | "для"
            )
        };
        let meant = words.iter().any(|word| facilitator_like(word));
        if (1..=4).contains(&words.len()) && meant && words.iter().all(|word| facilitator_like(word) || filler(word)) {
            return Opening::LooksLikeMarker(label.trim().to_string());
        }
    }
    Opening::Other
}

/// Whether a word reads as "facilitator": a near spelling (plural, typo)
/// or a translation.
fn facilitator_like(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if word.is_empty() {
        return false;
    }
    word.starts_with("facilit")
        || FACILITATOR_WORDS.iter().any(|known| word == *known || word.strip_suffix('s') == Some(known))
        || (word.len() >= 8 && strsim::levenshtein(&word, "facilitator") <= 3)
}

/// The build error for a paragraph that is, or looks meant as, a
/// facilitator note's marker but would be published.
pub(super) fn near_miss(source: &std::path::Path, line: usize, first: &FirstLine, found: Opening) -> Diagnostic {
    let at = Location::at(source, line, None);
    let keep = "to keep it for trainers, start the quote with `> [!FACILITATOR]` on a line of its own (the marker stays in English in every language)";
    match found {
        Opening::Note => Diagnostic::new(
            at,
            format!("`{}` is not at the start of a block quote, so this text would be published", first.text.trim()),
        )
        .with_help("a facilitator note is a block quote: put `> ` before the marker and before each line of the note"),
        Opening::Formatted => {
            Diagnostic::new(at, "the facilitator marker is in bold or italics, so this quote would be published")
                .with_help("write the marker plainly: `> [!FACILITATOR]`")
        }
        Opening::CalloutWithText(marker) => Diagnostic::new(
            at,
            format!("`{marker}` has text after it on the same line, so it is not read as a callout"),
        )
        .with_help(format!("put `{marker}` on a line of its own and the text on the next line")),
        Opening::Unknown(marker) => Diagnostic::new(
            at,
            format!("`{marker}` is not a marker uprkit knows, so this quote would be published as it is"),
        )
        .with_help(format!(
            "{keep}; the callouts are `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` and `[!CAUTION]`"
        )),
        Opening::LooksLikeMarker(marker) => Diagnostic::new(
            at,
            format!(
                "`{marker}` looks like a facilitator note's marker but is not one, so this text would be published"
            ),
        )
        .with_help(format!("{keep}; if the text is meant for everyone, reword its first line")),
        Opening::Other => unreachable!("only a marker or a near miss is reported"),
    }
}
