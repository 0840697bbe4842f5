//! Facilitator notes: a block quote that starts with `[!FACILITATOR]`, in
//! the style of GitHub's alerts (a plain Markdown viewer shows it as a
//! quote headed by its marker, so the author still sees what it is). Its
//! text is for the trainer, not the participants: it is left out of the
//! site, the participants' handouts, the zips and the search index, and
//! shown, set apart, in a facilitator edition (`uprkit handout
//! --facilitator`).
//!
//! `facilitator_notes:` in uprkit.yaml: `private` (the default: only
//! `uprkit handout --facilitator` shows them; a published output folder is
//! public, so the build writes no facilitator edition), `edition` (the build
//! also writes `handouts/<lang>/facilitator.html` and one per phase, linked
//! from nowhere) or `public` (shown on the site's pages too).

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Location, Result};
use crate::engine::feature::{value, Feature};
use crate::engine::markdown::{PageRender, Spanned};
use crate::engine::report::{CheckContext, CheckReport};
use crate::engine::templates::escape;

/// The marker that opens a facilitator note, as the docs write it (any
/// casing is read as the marker: GitHub's own alert markers are too).
pub const MARKER: &str = "[!FACILITATOR]";

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
    "主持人",
    "协调人",
    "促进者",
    "培训师",
];

/// Whether `text` starts with the marker, in any casing.
pub fn starts_with_marker(text: &str) -> bool {
    text.as_bytes().get(..MARKER.len()).is_some_and(|start| start.eq_ignore_ascii_case(MARKER.as_bytes()))
}
/// Where facilitator notes are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Visibility {
    /// Only in `uprkit handout --facilitator`.
    #[default]
    Private,
    /// Also in the build's facilitator editions of the handouts.
    Edition,
    /// On the site's pages too.
    Public,
}

#[derive(Default)]
pub struct Facilitator {
    pub visibility: Visibility,
}

impl Facilitator {
    /// Whether the build writes facilitator editions.
    pub fn editions(&self) -> bool {
        self.visibility != Visibility::Private
    }
}

/// Whether a page's text has a facilitator note (its marker, in any casing).
pub fn has_notes(body: &str) -> bool {
    body.as_bytes().windows(MARKER.len()).any(|window| window.eq_ignore_ascii_case(MARKER.as_bytes()))
}

impl Feature for Facilitator {
    fn name(&self) -> &'static str {
        "facilitator"
    }

    fn config_keys(&self) -> &'static [&'static str] {
        &["facilitator_notes"]
    }

    fn load(&mut self, config: &Config) -> Result<()> {
        self.visibility = match config.setting("facilitator_notes") {
            None => Visibility::Private,
            Some(setting) => match setting.value.as_str() {
                Some("private") => Visibility::Private,
                Some("edition") => Visibility::Edition,
                Some("public") => Visibility::Public,
                _ => {
                    return Err(Diagnostic::new(setting.location.clone(), "`facilitator_notes` is private, edition or public")
                        .with_help("private: only `uprkit handout --facilitator` shows them; edition: the build also writes handouts/<lang>/facilitator.html; public: the site shows them too")
                        .into())
                }
            },
        };
        Ok(())
    }

    fn check(&self, check: &CheckContext, report: &mut CheckReport) {
        // The notes are in the sources: a repository that publishes on
        // GitHub Pages is public on a free account.
        let with_notes = check.loaded.pages.iter().filter(|page| has_notes(&page.body)).count();
        if with_notes > 0 {
            if let Some(recipe) = github_recipe(&check.config.root) {
                report.warnings.push(format!(
                    "{}: {with_notes} pages have facilitator notes, and this workflow publishes the guide from its repository: the notes never reach the site, but anyone who can read the repository reads them in content/ and po/. GitHub Pages on a free account needs a public repository: keep the notes in a private repository on a plan that allows Pages, use GitLab Pages from a private project, or build on your own computer and publish public/ only",
                    recipe.display()
                ));
            }
        }
        // A translation that renamed or dropped a note's marker publishes
        // the note: its number of notes differs from its source's.
        let default_site = &check.site.languages[0];
        for (language, status) in check.site.languages[1..].iter().zip(&mut report.languages) {
            status.findings.entry("facilitator_mismatches").or_default();
            for entry in language.entries.iter().filter(|entry| !entry.is_fallback) {
                let Some(source) = default_site.get(&entry.slug).map(|source| source.page) else { continue };
                let (ours, theirs) = (count_notes(&entry.page.body), count_notes(&source.body));
                if ours == theirs {
                    continue;
                }
                let translation = entry.page.source.clone();
                let line = format!(
                    "facilitator  {} has {ours} facilitator notes, its source {} has {theirs}: keep each note's `> [!FACILITATOR]` marker as it is in the source, or the note is published",
                    translation.display(),
                    source.source.display()
                );
                let mismatch = NoteMismatch {
                    translation,
                    source: source.source.clone(),
                    translation_notes: ours,
                    source_notes: theirs,
                };
                status.add_finding("facilitator_mismatches", value(mismatch), line);
            }
        }
    }

    fn markdown<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        let show = page.options.facilitator || self.visibility == Visibility::Public;
        let mut out: Vec<Spanned<'e>> = Vec::with_capacity(events.len());
        // Footnotes referenced from notes left out, and from the rest.
        let (mut in_notes, mut elsewhere) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < events.len() {
            // A paragraph, or a tight list item's text (it has no paragraph).
            if let Event::Start(Tag::Paragraph | Tag::Item) = events[i].0 {
                let opens_quote = i > 0 && matches!(events[i - 1].0, Event::Start(Tag::BlockQuote(None)));
                if !opens_quote && !opens_with_bracket(&events, i) {
                    out.push(events[i].clone());
                    i += 1;
                    continue;
                }
                let line = first_line(&events, i);
                match classify(&line, opens_quote) {
                    Opening::Note if opens_quote => {}
                    Opening::Other => {}
                    found => {
                        let at = page.line(events[i].1.start);
                        page.problem(near_miss(page.source, at, &line, found));
                    }
                }
            }
            if matches!(events[i].0, Event::Start(Tag::BlockQuote(None))) {
                let line = first_line(&events, i + 1);
                if classify(&line, true) == Opening::Note {
                    let end = closing(&events, i);
                    let (marker_end, rest_of_line) = after_marker(&events, i + 2);
                    if show {
                        let title =
                            page.options.strings.get("facilitator_note").map_or("Facilitator note", String::as_str);
                        let open = format!(
                            "<aside class=\"callout callout-facilitator\"><p class=\"callout-title\">{}</p>\n",
                            escape(title)
                        );
                        out.push((Event::Html(open.into()), events[i].1.clone()));
                        // The marker's paragraph: what follows the marker, if anything.
                        let rest = &events[marker_end..end];
                        match rest_of_line {
                            Some(text) => {
                                out.push((Event::Start(Tag::Paragraph), events[i + 1].1.clone()));
                                out.push((Event::Text(text.into()), events[marker_end - 1].1.clone()));
                                out.extend(rest.iter().cloned());
                            }
                            None if matches!(rest.first(), Some((Event::End(TagEnd::Paragraph), _))) => {
                                out.extend(rest[1..].iter().cloned());
                            }
                            None => {
                                out.push((Event::Start(Tag::Paragraph), events[i + 1].1.clone()));
                                out.extend(rest.iter().cloned());
                            }
                        }
                        out.push((Event::Html("</aside>\n".into()), events[end].1.clone()));
                    } else {
                        in_notes.extend(footnote_labels(&events[i..=end]));
                    }
                    i = end + 1;
                    continue;
                }
            }
            if let Event::FootnoteReference(label) = &events[i].0 {
                elsewhere.push(label.to_string());
            }
            out.push(events[i].clone());
            i += 1;
        }
        in_notes.retain(|label| !elsewhere.contains(label));
        if in_notes.is_empty() {
            out
        } else {
            without_footnotes(out, &in_notes)
        }
    }
}

/// The GitHub Actions workflow that builds the guide with uprkit, if any
/// (`uprkit init --deploy github` writes `.github/workflows/publish.yml`).
fn github_recipe(root: &std::path::Path) -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(".github").join("workflows");
    let mut files: Vec<_> = std::fs::read_dir(root.join(&dir)).ok()?.flatten().map(|entry| entry.file_name()).collect();
    files.sort();
    files
        .into_iter()
        .map(|name| dir.join(name))
        .find(|rel| std::fs::read_to_string(root.join(rel)).is_ok_and(|text| text.contains("uprkit build")))
}

/// A translation whose number of facilitator notes differs from its
/// source's, as `check --format json` reports it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NoteMismatch {
    pub translation: std::path::PathBuf,
    pub source: std::path::PathBuf,
    pub translation_notes: usize,
    pub source_notes: usize,
}

/// How many facilitator notes a page's Markdown has.
pub fn count_notes(body: &str) -> usize {
    if !has_notes(body) {
        return 0;
    }
    let events: Vec<Spanned> =
        pulldown_cmark::Parser::new_ext(body, crate::engine::markdown::parser_options()).into_offset_iter().collect();
    (0..events.len())
        .filter(|&i| {
            matches!(events[i].0, Event::Start(Tag::BlockQuote(None)))
                && classify(&first_line(&events, i + 1), true) == Opening::Note
        })
        .count()
}

/// What the first line of a paragraph says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Opening {
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
struct FirstLine {
    text: String,
    formatted: bool,
}

fn first_line(events: &[Spanned], at: usize) -> FirstLine {
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
fn opens_with_bracket(events: &[Spanned], at: usize) -> bool {
    let first = match events.get(at + 1) {
        Some((Event::Start(Tag::Strong | Tag::Emphasis), _)) => events.get(at + 2),
        other => other,
    };
    matches!(first, Some((Event::Text(text), _)) if text.starts_with('['))
}

/// Classifies a paragraph's first line; `opens_quote` when the paragraph
/// is the first thing in a block quote (where a label is a marker too).
fn classify(line: &FirstLine, opens_quote: bool) -> Opening {
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
        // `**Trainers only**`.
        let label = text.split([':', '：']).next().unwrap_or("");
        let words: Vec<String> =
            label.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        let filler = |word: &String| {
            matches!(
                word.as_str(),
                "note" | "notes" | "only" | "for" | "the" | "du" | "de" | "des" | "pour" | "nota" | "notas" | "para"
            )
        };
        if (1..=3).contains(&words.len()) && facilitator_like(&words[0]) && words[1..].iter().all(filler) {
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
fn near_miss(source: &std::path::Path, line: usize, first: &FirstLine, found: Opening) -> Diagnostic {
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

/// From the marker paragraph's first text event at `at`: the index of the
/// first event after the marker (and after the line break that follows it),
/// and the rest of the marker's line when the note starts on it.
fn after_marker(events: &[Spanned], at: usize) -> (usize, Option<String>) {
    let mut seen = 0;
    let mut i = at;
    while let Some((Event::Text(part), _)) = events.get(i) {
        i += 1;
        seen += part.len();
        if seen >= MARKER.len() {
            let rest = part[part.len() - (seen - MARKER.len())..].trim_start_matches(':').trim_start();
            if !rest.is_empty() {
                return (i, Some(rest.to_string()));
            }
            break;
        }
    }
    if matches!(events.get(i), Some((Event::SoftBreak | Event::HardBreak, _))) {
        i += 1;
    }
    (i, None)
}

/// The labels of the footnotes referenced in some events.
fn footnote_labels(events: &[Spanned]) -> Vec<String> {
    events
        .iter()
        .filter_map(|(event, _)| match event {
            Event::FootnoteReference(label) => Some(label.to_string()),
            _ => None,
        })
        .collect()
}

/// The events without the definitions of the footnotes `labels` (those a
/// note left out referenced, and nothing else): a note's footnotes go with it.
fn without_footnotes<'e>(events: Vec<Spanned<'e>>, labels: &[String]) -> Vec<Spanned<'e>> {
    let mut out = Vec::with_capacity(events.len());
    let mut skipping = false;
    for spanned in events {
        match &spanned.0 {
            Event::Start(Tag::FootnoteDefinition(label)) if labels.iter().any(|l| l == label.as_ref()) => {
                skipping = true;
            }
            Event::End(TagEnd::FootnoteDefinition) if skipping => skipping = false,
            _ if skipping => {}
            _ => out.push(spanned),
        }
    }
    out
}
/// The index of the end of the block quote opened at `open`.
fn closing(events: &[Spanned], open: usize) -> usize {
    let mut depth = 0;
    for (i, (event, _)) in events.iter().enumerate().skip(open) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}
