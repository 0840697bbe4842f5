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

mod marker;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Result};
use crate::engine::feature::document::Document;
use crate::engine::feature::{value, Declaration, Feature, LanguageContext, LoadContext, Pass};
use crate::engine::markdown::{PageRender, Spanned};
use crate::engine::report::{CheckContext, CheckReport};
use crate::engine::templates::escape;
use marker::{classify, first_line, near_miss, opens_with_bracket, Opening};

pub use crate::engine::markdown::private::{has_notes, starts_with_marker, MARKER};

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

/// Whether uprkit.yaml publishes the notes (`facilitator_notes: edition`
/// or `public`), so that a facilitator edition may go into the output.
pub fn notes_are_published(config: &Config) -> bool {
    config
        .setting("facilitator_notes")
        .and_then(|setting| setting.value.as_str())
        .is_some_and(|value| matches!(value, "edition" | "public"))
}

impl Pass for Facilitator {
    fn run<'e>(&self, page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        let show = page.options.facilitator || self.visibility == Visibility::Public;
        let mut out: Vec<Spanned<'e>> = Vec::with_capacity(events.len());
        // Footnotes referenced from notes left out, and from the rest.
        let (mut in_notes, mut elsewhere) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < events.len() {
            // A paragraph, or a tight list item's text (it has no paragraph),
            // outside a quote's opening (read with its quote below).
            if let Event::Start(Tag::Paragraph | Tag::Item) = events[i].0 {
                let opens_quote = i > 0 && matches!(events[i - 1].0, Event::Start(Tag::BlockQuote(None)));
                if !opens_quote && opens_with_bracket(&events, i) {
                    let line = first_line(&events, i);
                    let found = classify(&line, false);
                    if found != Opening::Other {
                        let at = page.line(events[i].1.start);
                        page.problem(near_miss(page.source, at, &line, found));
                    }
                }
            }
            if matches!(events[i].0, Event::Start(Tag::BlockQuote(None))) {
                let line = first_line(&events, i + 1);
                let found = classify(&line, true);
                if !matches!(found, Opening::Note | Opening::Other) {
                    let at = page.line(events[i + 1].1.start);
                    page.problem(near_miss(page.source, at, &line, found));
                } else if found == Opening::Note {
                    let end = closing(&events, i);
                    let (marker_end, rest_of_line) = after_marker(&events, i + 2);
                    if show {
                        let title = crate::engine::i18n::ui(page.options.strings, "facilitator_note");
                        let open = format!(
                            "<aside class=\"callout callout-facilitator\"><p class=\"callout-title\">{}</p>\n",
                            escape(&title)
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

impl Feature for Facilitator {
    fn pass(&self) -> Option<&dyn Pass> {
        Some(self)
    }

    fn name(&self) -> &'static str {
        "facilitator"
    }

    fn declaration(&self) -> Declaration {
        Declaration { config_keys: &["facilitator_notes"], ..Declaration::NONE }
    }

    fn load(&mut self, cx: &mut LoadContext) -> Result<()> {
        self.visibility = match cx.config.setting("facilitator_notes") {
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
        if self.visibility != Visibility::Public {
            dropped_markers(cx)?;
        }
        Ok(())
    }

    /// The build writes an edition with the notes where the guide has some
    /// and uprkit.yaml publishes them.
    fn document(&self, cx: &LanguageContext, document: &mut Document) {
        document.private_edition =
            self.editions() && cx.language.entries.iter().any(|entry| has_notes(&entry.page.body));
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
        check.count_mismatches(report, "facilitator_mismatches", count_notes, |found| {
            let line = format!(
                "facilitator  {} has {} facilitator notes, its source {} has {}: keep each note's `> [!FACILITATOR]` marker as it is in the source, or the note is published",
                found.translation.display(),
                found.ours,
                found.source.display(),
                found.theirs
            );
            let mismatch = NoteMismatch {
                translation: found.translation.to_path_buf(),
                source: found.source.to_path_buf(),
                translation_notes: found.ours,
                source_notes: found.theirs,
            };
            (value(mismatch), line)
        });
    }
}

/// Stops a build where a translation written by hand has fewer notes than
/// its source and a note's text is likely published: a marker renamed to a
/// word of no meaning, or deleted, makes the note an ordinary quote. So
/// where the translation keeps as many quotes as the source has, or is
/// stamped as the translation of the source as it is now (`source_hash:`,
/// so the source had the note when it was translated). A translation made
/// before the source had the note lacks it altogether and reveals nothing:
/// `check` lists it. (A marker mistyped into a look-alike stops the build
/// where it is.)
fn dropped_markers(cx: &LoadContext) -> Result<()> {
    let default = &cx.config.default_language().code;
    let pages = &cx.content.pages;
    let sources: std::collections::HashMap<&str, &crate::engine::content::Page> =
        pages.iter().filter(|page| page.lang == *default).map(|page| (page.slug.as_str(), page)).collect();
    let problems: Vec<Diagnostic> = pages
        .iter()
        .filter(|page| page.lang != *default)
        .filter_map(|page| {
            let source = sources.get(page.slug.as_str())?;
            let (theirs, ours) = (count_notes(&source.body), count_notes(&page.body));
            // Hashing and parsing again only for the few with fewer notes.
            let lost_marker = ours < theirs
                && (page.front.source_hash.as_deref() == Some(&crate::engine::content::body_hash(&source.body))
                    || count_quotes(&page.body) >= count_quotes(&source.body));
            lost_marker.then(|| {
                Diagnostic::new(
                    crate::engine::error::Location::file(&page.source),
                    format!(
                        "this translation has {ours} facilitator notes where its source {} has {theirs}: a note whose marker was translated or deleted is published as an ordinary quote",
                        source.source.display()
                    ),
                )
                .with_help(format!(
                    "start each note with the line `> {MARKER}`, in English, as the source does; `uprkit check` lists every page where the counts differ"
                ))
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(crate::engine::error::Error::Content(problems))
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

/// How many block quotes a page's Markdown has (callouts aside): a note
/// whose marker is gone is still one.
fn count_quotes(body: &str) -> usize {
    if !body.contains('>') {
        return 0;
    }
    pulldown_cmark::Parser::new_ext(body, crate::engine::markdown::parser_options())
        .filter(|event| matches!(event, Event::Start(Tag::BlockQuote(None))))
        .count()
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
