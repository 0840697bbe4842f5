//! PDF guides, typeset by Typst inside uprkit (no browser, no external
//! program, no network): every build writes `handouts/<lang>/guide.pdf`
//! and one per phase, and `uprkit handout --pdf` one on demand. A PDF is an
//! output over the language's [`Document`], as the HTML handouts are: the
//! same sections (the same ids, the same rule for facilitator notes),
//! glossary, matrix, brand and edition, read from the document and written
//! as Typst markup in which every text is a string literal ([`markup`]).
//!
//! On paper: a title page, contents with page numbers and dot leaders, the
//! guide's and the page's titles at the top of every sheet and "n / total"
//! at its foot, "(p. N)" after every link to another part of the guide,
//! checklists as boxes to tick, the matrix on landscape sheets, the
//! glossary at the end. In the file: bookmarks per heading, tagged for
//! screen readers, links that work, the guide's title, language, author
//! and licence.

mod cache;
mod guide;
mod html;
mod markup;
mod world;

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use typst::foundations::Smart;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};
use typst::WorldExt;
use typst_layout::PagedDocument;

use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Error, Location, Result};
use crate::engine::feature::document::Document;
use crate::engine::output::{Contents, OutputFile, Sink};

use cache::Cache;
use guide::{prepare, section_ids, Prepared};
use world::{Fonts, GuideWorld};

use super::parts::cut;
use super::Selection;

/// The paper a PDF is set on (`paper:` in uprkit.yaml, `--paper`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    fn typst(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        }
    }
}

/// Whether builds write PDFs (`pdf:`, on unless `false`).
pub(super) fn enabled(config: &Config) -> bool {
    config.setting("pdf").and_then(|setting| setting.value.as_bool()).unwrap_or(true)
}

/// Above this many pages in a language, builds make its PDFs only if
/// `pdf: true` asks for them: typesetting a book of a thousand pages takes
/// longer than building the whole site.
const AUTO_PAGES: usize = 300;

/// Whether a build makes the PDFs of a language of `pages` pages: handouts
/// and PDFs on, and the guide short enough or `pdf: true` written.
pub(super) fn makes_pdfs(config: &Config, pages: usize) -> bool {
    super::enabled(config) && enabled(config) && (config.setting("pdf").is_some() || pages <= AUTO_PAGES)
}

/// `paper:` of uprkit.yaml (checked when the handouts load).
pub(super) fn paper(config: &Config) -> Result<Paper> {
    let Some(setting) = config.setting("paper") else { return Ok(Paper::A4) };
    match setting.value.as_str().map(str::to_ascii_lowercase).as_deref() {
        Some("a4") => Ok(Paper::A4),
        Some("letter" | "us-letter") => Ok(Paper::Letter),
        _ => Err(Diagnostic::new(setting.location.clone(), "`paper` must be `a4` or `letter`")
            .with_help("A4 is the paper of most of the world; write `paper: letter` for the Americas")
            .into()),
    }
}

/// Checks `pdf:`, `paper:` and `fonts:` of uprkit.yaml.
pub(super) fn check_settings(config: &Config) -> Result<()> {
    if let Some(setting) = config.setting("pdf") {
        if setting.value.as_bool().is_none() {
            return Err(Diagnostic::new(setting.location.clone(), "`pdf` must be `true` or `false`")
                .with_help("write `pdf: false` to build without the PDF guides")
                .into());
        }
    }
    paper(config)?;
    if let Some(setting) = config.setting("fonts") {
        let Some(dir) = setting.value.as_str() else {
            return Err(Diagnostic::new(setting.location.clone(), "`fonts` must be the name of a folder")
                .with_help("write for example `fonts: fonts`, a folder of .ttf or .otf files beside uprkit.yaml")
                .into());
        };
        if !config.root.join(dir).is_dir() {
            return Err(Diagnostic::new(setting.location.clone(), format!("`fonts`: there is no folder `{dir}`"))
                .with_help("create it and put the .ttf or .otf files the PDFs need in it, or remove the line")
                .into());
        }
    }
    Ok(())
}

/// Starts finding the system's fonts if the build will make PDFs (of
/// `pages`, the pages of `content/` in every language).
pub(super) fn prepare_fonts(config: &Config, pages: &[crate::engine::content::Page]) {
    let mut slugs: Vec<&str> = pages.iter().map(|page| page.slug.as_str()).collect();
    slugs.dedup();
    if makes_pdfs(config, slugs.len()) {
        world::find_system_fonts_soon();
    }
}

/// The toolkit's fonts folder: `fonts:`, or `fonts/` beside uprkit.yaml.
fn fonts_dir(config: &Config) -> PathBuf {
    let name = config.setting("fonts").and_then(|setting| setting.value.as_str().map(str::to_string));
    config.root.join(name.unwrap_or_else(|| "fonts".to_string()))
}

/// The fonts of the toolkit's guides.
fn fonts(config: &Config) -> Arc<Fonts> {
    Arc::new(Fonts::new(Some(&fonts_dir(config))))
}

/// The PDFs of each language's document.
pub struct PdfFiles;

impl crate::engine::feature::Output for PdfFiles {
    fn name(&self) -> &'static str {
        "pdf"
    }

    /// The whole guide and one per phase, for participants. A language
    /// whose text no font has is left without PDFs, with a warning that
    /// says what to install (`uprkit handout --pdf` stops there instead).
    fn write(&self, document: &Document, sink: &dyn Sink) -> Result<Vec<Diagnostic>> {
        let config = document.cx.config;
        if !super::enabled(config) || !enabled(config) {
            return Ok(Vec::new());
        }
        let paper = paper(config)?;
        let language = document.language();
        if !makes_pdfs(config, language.entries.len()) {
            if !document.cx.is_default() {
                return Ok(Vec::new());
            }
            let location = Location::file(config.root.join(crate::engine::config::CONFIG_FILE));
            return Ok(vec![Diagnostic::new(
                location,
                format!("no PDF guides: the guide has {} pages, and builds typeset PDFs of up to {AUTO_PAGES}", language.entries.len()),
            )
            .with_help("write `pdf: true` in uprkit.yaml to make them anyway (it takes a while), or `pdf: false` to say you need none")]);
        }
        let fonts = fonts(config);
        let all = document.selected(&Default::default());
        let guide = document.guide(false)?;
        // Each section's ids, found once for the guide and its phases.
        let ids = section_ids(guide);
        let mut jobs = vec![("guide".to_string(), Selection::default())];
        for phase in &config.phases {
            if language.has_phase(&phase.id) {
                jobs.push((phase.id.clone(), Selection { phase: Some(phase.id.clone()), ..Selection::default() }));
            }
        }
        // A PDF with text no font has is left out; the others are made.
        let prepared: Vec<(String, Prepared)> = jobs
            .into_par_iter()
            .map(|(name, selection)| {
                let keep = document.selected(&selection.pages());
                let sections = cut(document, &all, guide, &keep);
                let path = format!("handouts/{}/{name}.pdf", language.lang);
                (path.clone(), prepare(document, &selection, None, &keep, &sections, &ids, paper, &fonts, path))
            })
            .collect();
        // Each gap said once: the whole guide's, which has every page's text.
        let mut said = Vec::new();
        for found in prepared.iter().flat_map(|(_, prepared)| [&prepared.missing, &prepared.lacking]).flatten() {
            let gap = found.message.split_once("no font has").map_or(found.message.as_str(), |(_, gap)| gap);
            if !said.iter().any(|known: &Diagnostic| known.message.ends_with(gap)) {
                said.push(found.clone());
            }
        }
        let prepared: Vec<(String, Prepared)> =
            prepared.into_iter().filter(|(_, prepared)| prepared.missing.is_none()).collect();
        // Checking only: the fonts are checked, nothing is typeset.
        if sink.discards() {
            for (path, _) in prepared {
                sink.put(OutputFile { path, contents: Contents::Bytes(Vec::new()) })?;
            }
            return Ok(said);
        }
        // A PDF that cannot be made (a broken image) leaves the site built.
        let cache = Cache::open();
        let mut warnings: Vec<Diagnostic> = prepared
            .into_par_iter()
            .map(|(path, prepared)| match typeset(prepared, &fonts, &cache) {
                Ok(bytes) => sink.put(OutputFile { path, contents: Contents::Bytes(bytes) }).map(|()| Vec::new()),
                Err(Error::Content(problems)) => Ok(problems),
                Err(other) => Err(other),
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        // Typst's memo of this language's layouts: not needed for the next.
        typst::comemo::evict(0);
        cache.prune();
        said.append(&mut warnings);
        Ok(said)
    }
}

/// `uprkit handout --pdf`: one PDF of the selection, on `paper` (or
/// uprkit.yaml's). A missing font stops it, naming page and language.
pub(super) fn write_one(document: &Document, selection: &Selection, paper_asked: Option<Paper>) -> Result<Vec<u8>> {
    let config = document.cx.config;
    let paper = match paper_asked {
        Some(paper) => paper,
        None => paper(config)?,
    };
    let entries = document.selected(&selection.pages());
    let language = document.language();
    let named = selection.page.as_ref().and_then(|slug| language.get(slug)).map(|entry| entry.page.front.title.clone());
    let sections = document.sections(&entries, selection.facilitator)?;
    let ids = section_ids(&sections);
    let fonts = fonts(config);
    let prepared = prepare(document, selection, named, &entries, &sections, &ids, paper, &fonts, "the PDF".to_string());
    if let Some(missing) = prepared.missing {
        return Err(Error::one(missing));
    }
    typeset(prepared, &fonts, &Cache::open())
}

/// The PDF of prepared markup: the one kept from an earlier build if it
/// was made from the same markup, images and fonts, else typeset (and kept).
fn typeset(prepared: Prepared, fonts: &Arc<Fonts>, cache: &Cache) -> Result<Vec<u8>> {
    let key = Cache::key(&prepared, fonts.id());
    if let Some(bytes) = cache.get(&key) {
        return Ok(bytes);
    }
    let bytes = compile(prepared, fonts)?;
    cache.put(&key, &bytes);
    Ok(bytes)
}

/// Typesets prepared markup: the PDF's bytes.
fn compile(prepared: Prepared, fonts: &Arc<Fonts>) -> Result<Vec<u8>> {
    let Prepared { markup, images, name, .. } = prepared;
    // Each image decoded first, so that one that cannot be is named.
    let broken: Vec<Diagnostic> = images
        .files
        .iter()
        .filter_map(|(path, bytes, origin)| {
            let bytes = typst::foundations::Bytes::new(bytes.clone());
            let format = match path.rsplit('.').next() {
                Some("png") => ExchangeFormat::Png,
                Some("jpg") => ExchangeFormat::Jpg,
                Some("gif") => ExchangeFormat::Gif,
                Some("webp") => ExchangeFormat::Webp,
                _ => return SvgImage::new(bytes).err().map(|error| (origin, format!("{error:?}"))),
            };
            RasterImage::plain(bytes, format).err().map(|error| (origin, error.to_string()))
        })
        .map(|(origin, error)| {
            Diagnostic::new(Location::file(&name), format!("{origin} cannot be read as an image: {error}"))
                .with_help("open the file in an image viewer; save it again as PNG, JPEG or SVG")
        })
        .collect();
    if !broken.is_empty() {
        return Err(Error::Content(broken));
    }
    let origins: Vec<(String, String)> =
        images.files.iter().map(|(path, _, origin)| (path.clone(), origin.clone())).collect();
    let world = GuideWorld::new(
        fonts.clone(),
        markup,
        images.files.into_iter().map(|(path, bytes, _)| (path, bytes)).collect(),
    );
    let failed = |errors: &[typst::diag::SourceDiagnostic]| {
        let problems = errors
            .iter()
            .map(|error| {
                // Which image, if the error is about one (where it was called, too).
                let spans = std::iter::once(error.span).chain(error.trace.iter().map(|point| point.span.into()));
                let code: String = spans
                    .filter_map(|span| world.range(span))
                    .filter_map(|range| world.source().text().get(range).map(str::to_string))
                    .collect();
                let what = origins.iter().find(|(path, _)| code.contains(path.as_str())).map(|(_, origin)| origin.clone());
                let message = match what {
                    Some(origin) => format!("{} ({origin})", error.message),
                    None => error.message.to_string(),
                };
                let help = error.hints.first().map(|hint| hint.v.to_string()).unwrap_or_else(|| {
                    "if an image is named, check that it opens in an image viewer; otherwise this is a bug in uprkit: please report it".to_string()
                });
                Diagnostic::new(Location::file(&name), message).with_help(help)
            })
            .collect();
        Error::Content(problems)
    };
    let document = typst::compile::<PagedDocument>(&world).output.map_err(|errors| failed(&errors))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(name.clone()),
        creator: Smart::Custom(Some(format!("uprkit {}", env!("CARGO_PKG_VERSION")))),
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| failed(&errors))
}
