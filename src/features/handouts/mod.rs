//! Offline handouts: one self-contained HTML file per language (the whole
//! guide, or one phase or audience), with the theme's CSS and script inlined,
//! images as data URIs, links between pages turned into links inside the
//! document, and print styles for a title page, a table of contents and one
//! page of the guide per sheet. Every build writes `handouts/<lang>/guide.html`
//! and one per phase; `uprkit handout` writes one on demand; and a zip of
//! each language's site for USB sticks ([`zips`]) is made from the written
//! site. The handouts, SCORM packages and decks are outputs over each
//! language's [`Document`]: they ask no feature anything.

mod deck;
mod downloads;
mod on_demand;
mod parts;
pub mod pdf;
mod print;
pub mod scorm;

pub use on_demand::write_one;
pub use pdf::{Paper, PdfFiles};
mod zips;

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Result};
use crate::engine::feature::document::{section_id, Document, Section};
use crate::engine::feature::{value, ContextMap, Declaration, Feature, LanguageContext, LoadContext, SiteContext};
use crate::engine::i18n::{phase_name, written_date, DateStyle};
use crate::engine::markdown;
use crate::engine::output::{Contents, OutputFile, Sink};
use crate::engine::render::js_strings;

use parts::{cut, fill, placeholder};

/// The edition line printed on handouts (`edition:` in uprkit.yaml), and
/// whether builds write the handouts and zips at all (`handouts:`).
#[derive(Default)]
pub struct Handouts {
    edition: print::Edition,
}

/// Whether uprkit.yaml asks for handouts and zips (`handouts:`, checked
/// when [`Handouts`] loads).
fn enabled(config: &Config) -> bool {
    config.setting("handouts").and_then(|setting| setting.value.as_bool()).unwrap_or(true)
}

impl Feature for Handouts {
    fn name(&self) -> &'static str {
        "handouts"
    }

    fn declaration(&self) -> Declaration {
        Declaration { config_keys: &["handouts", "edition", "pdf", "paper", "fonts"], ..Declaration::NONE }
    }

    fn load(&mut self, cx: &mut LoadContext) -> Result<()> {
        if let Some(setting) = cx.config.setting("handouts") {
            if setting.value.as_bool().is_none() {
                return Err(Diagnostic::new(setting.location.clone(), "`handouts` must be `true` or `false`")
                    .with_help("write `handouts: false` to build without handouts and zips")
                    .into());
            }
        }
        pdf::check_settings(cx.config)?;
        pdf::prepare_fonts(cx.config, &cx.content.pages);
        self.edition = print::Edition::load(cx.config)?;
        Ok(())
    }

    fn site_context(&self, cx: &LanguageContext, out: &mut ContextMap) {
        if enabled(cx.config) {
            downloads::site_context(cx, out);
        } else {
            out.insert("downloads", value(None::<()>));
        }
    }

    fn document(&self, cx: &LanguageContext, document: &mut Document) {
        document.edition = self.edition.text(cx.lang(), &cx.config.default_language().code).map(str::to_string);
    }
}

/// The handouts of each language's document, and once the site is
/// written, the sizes of the downloads and the zips.
pub struct HandoutFiles;

impl crate::engine::feature::Output for HandoutFiles {
    fn name(&self) -> &'static str {
        "handouts"
    }

    /// Each handout is written as soon as it is made: they are big.
    fn write(&self, document: &Document, sink: &dyn Sink) -> Result<Vec<Diagnostic>> {
        if !enabled(document.cx.config) {
            return Ok(Vec::new());
        }
        all(document, &|file| sink.put(file))?;
        Ok(Vec::new())
    }

    /// The sizes of the handouts; on disk, the zips, and their sizes too
    /// (the zips hold the sizes of the handouts, and not of the zips:
    /// inside one, the page script offers no zip).
    fn finish(&self, cx: &SiteContext, sink: &dyn Sink) -> Result<()> {
        if !enabled(cx.config) {
            return Ok(());
        }
        sink.put(downloads::sizes_file(&sink.sizes("handouts/")?))?;
        let Some(dir) = sink.dir() else { return Ok(()) };
        zips::site_zips(cx, dir, sink.previous())?;
        sink.put(downloads::sizes_file(&sink.sizes("handouts/")?))
    }
}

/// Which pages a handout holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub phase: Option<String>,
    pub audience: Option<String>,
    /// The facilitator edition: with the notes for trainers.
    pub facilitator: bool,
    /// Only this page (its slug).
    pub page: Option<String>,
    /// A deck of slides: the same pages, presented (`slides.js` inlined).
    pub slides: bool,
    /// A SCORM 1.2 package of the phases' handouts (or of `phase`'s).
    pub scorm: bool,
    /// With `slides`: a workshop's deck, its pages and sections in the
    /// order of its agenda, with a slide for each session, activity and break.
    pub workshop: Option<String>,
    /// A PDF (typeset by Typst) instead of an HTML file, on this paper or
    /// uprkit.yaml's.
    pub pdf: bool,
    pub paper: Option<Paper>,
}

#[derive(Debug, Serialize)]
struct TocEntry {
    id: String,
    title: String,
    depth: usize,
}

#[derive(Debug, Serialize)]
struct HandoutContext<'a> {
    title: String,
    subtitle: Option<String>,
    /// The subtitle's language and direction where it is not the handout's
    /// (a workshop's title in the language it is written in).
    subtitle_lang: Option<(String, &'static str)>,
    /// In a facilitator's deck, "Facilitator edition": for the presenter's
    /// view, off the projected slides and the window's title (in other
    /// facilitator editions, it is in the subtitle).
    presenter_edition: Option<String>,
    lang: &'a str,
    dir: &'static str,
    language_name: &'a str,
    /// The newest `updated` date of the pages in the handout, and as written in its language.
    date: Option<String>,
    date_text: Option<String>,
    /// `edition:` of uprkit.yaml, on the title page and every sheet's foot.
    edition: Option<String>,
    /// `@page` rules: running header, edition and page numbers.
    page_css: String,
    /// Where the online guide is, with a QR code for it, if `base_url` is set.
    online_url: Option<String>,
    qr_svg: Option<String>,
    toc: Vec<TocEntry>,
    sections: Vec<Section<'a>>,
    /// The recommendations matrix, grouped by theme (the whole guide's handout).
    recommendations: Option<&'a serde_json::Value>,
    glossary: Option<&'a serde_json::Value>,
    glossary_lang: &'a str,
    /// The organisation's brand, the logo inlined.
    brand: Option<&'a serde_json::Value>,
    css: &'a str,
    script: &'a str,
    /// A deck's presentation script and styles (empty in other handouts).
    slides_script: &'a str,
    slides_css: &'a str,
    /// The report to a learning platform, for the handout as a SCO.
    scorm_script: &'a str,
    site_id: String,
    js_strings: String,
    t: &'a crate::engine::i18n::UiStrings,
}

impl Selection {
    /// The pages it holds, as the document selects them.
    fn pages(&self) -> crate::engine::feature::document::Selection {
        crate::engine::feature::document::Selection {
            phase: self.phase.clone(),
            audience: self.audience.clone(),
            page: self.page.clone(),
        }
    }
}

/// One handout as a single HTML file.
pub fn render(document: &Document, selection: &Selection) -> Result<String> {
    let language = document.language();
    let sequence = match &selection.workshop {
        Some(name) => Some(deck::sequence(document, name)?),
        None => None,
    };
    let entries = match sequence {
        Some(sequence) => deck::pages(language, sequence),
        None => document.selected(&selection.pages()),
    };
    // A workshop's or a page's handout is titled by it.
    let named = match sequence {
        Some(sequence) => Some(sequence.title.clone()),
        None => selection.page.as_ref().and_then(|slug| language.get(slug)).map(|entry| entry.page.front.title.clone()),
    };
    let sections = document.sections(&entries, selection.facilitator)?;
    let named_lang = sequence.and_then(|sequence| sequence.untranslated.clone());
    let html = assemble(document, selection, named.map(|named| (named, named_lang)), &entries, sections)?;
    Ok(match sequence {
        Some(sequence) => deck::with_plan(&html, sequence),
        None => html,
    })
}

/// The handout document around its sections; `named`, the title of the
/// page or workshop it holds, if it holds one, with its language where it
/// is not the handout's.
fn assemble(
    document: &Document,
    selection: &Selection,
    named: Option<(String, Option<(String, &'static str)>)>,
    entries: &[usize],
    mut sections: Vec<Section<'_>>,
) -> Result<String> {
    // The template gets a placeholder for each section's text, put in
    // afterwards: the text of a whole guide is not copied into the
    // template's data and through the template engine.
    let contents: Vec<Cow<str>> = sections
        .iter_mut()
        .enumerate()
        .map(|(n, section)| std::mem::replace(&mut section.content, Cow::Owned(placeholder(n))))
        .collect();
    let cx = &document.cx;
    let (config, theme, strings) = (cx.config, cx.theme, cx.strings);
    let language = cx.language;
    let lang = &language.language;
    let glossary = document.glossary.as_ref();
    let toc = entries
        .iter()
        .map(|&i| {
            let entry = &language.entries[i];
            let depth = std::iter::successors(entry.parent, |&p| language.entries[p].parent).count();
            TocEntry { id: section_id(&entry.slug), title: entry.page.front.title.clone(), depth }
        })
        .collect();
    let date = entries.iter().filter_map(|&i| language.entries[i].page.front.updated.clone()).max();
    let online_url = config.base_url.as_ref().map(|base| format!("{base}/{}", language.entries[0].href));
    let qr_svg = online_url.as_deref().and_then(print::qr_svg);
    let (named, subtitle_lang) = named.map_or((None, None), |(title, lang)| (Some(title), lang));
    // A deck shows the edition to the presenter alone: the audience sees the slides and the window's title.
    let edition_in_subtitle = !selection.slides;
    let subtitle = subtitle(document, selection, named, edition_in_subtitle);
    let presenter_edition = (selection.facilitator && !edition_in_subtitle).then(|| facilitator_edition(strings));
    let static_text = |name: &str| {
        String::from_utf8_lossy(theme.static_files.get(name).map(|c| c.as_ref()).unwrap_or_default()).into_owned()
    };
    let css = static_text("uprkit.css");
    let script = crate::engine::page_script::page_script(theme, document.features)?;
    let (slides_script, slides_css) = if selection.slides {
        (static_text("slides-deck.js") + "\n" + &static_text("slides.js"), static_text("slides.css"))
    } else {
        (String::new(), String::new())
    };
    let scorm_script = static_text("scorm.js");
    let title = lang.title.clone().unwrap_or_else(|| config.title.clone());
    let edition = document.edition.clone();
    let header = match &subtitle {
        Some(subtitle) => format!("{title} · {subtitle}"),
        None => title.clone(),
    };
    let page_css = print::page_css(&header, edition.as_deref(), lang.direction.as_str() == "rtl");
    let context = HandoutContext {
        title,
        edition,
        page_css,
        subtitle,
        subtitle_lang,
        presenter_edition,
        lang: &lang.code,
        dir: lang.direction.as_str(),
        language_name: &lang.name,
        date_text: date.as_deref().map(|date| written_date(date, strings, DateStyle::Day)),
        date,
        online_url,
        qr_svg,
        toc,
        sections,
        glossary: glossary.map(|g| &g.terms),
        // The whole guide's handout prints the matrix; a phase's, the embeds on its pages.
        recommendations: (selection.phase.is_none() && selection.audience.is_none())
            .then_some(document.matrix.as_ref())
            .flatten(),
        brand: document.brand.as_ref(),
        glossary_lang: glossary.map_or(&lang.code, |g| &g.lang),
        // Inlined into a <style> and a <script>: neither may close its element early.
        css: &css.replace("</style", "<\\/style"),
        script: &script.replace("</script", "<\\/script"),
        slides_script: &slides_script.replace("</script", "<\\/script"),
        slides_css: &slides_css.replace("</style", "<\\/style"),
        scorm_script: &scorm_script.replace("</script", "<\\/script"),
        site_id: format!("{}-handout", markdown::slugify(&config.title)),
        js_strings: js_strings(strings, &document.features.script_strings()),
        t: strings,
    };
    let html = theme.render("handout.html", &context)?;
    Ok(fill(&html, &contents))
}

/// "Facilitator edition", in the handout's language.
fn facilitator_edition(strings: &crate::engine::i18n::UiStrings) -> String {
    strings.get("facilitator_edition").cloned().unwrap_or_else(|| "Facilitator edition".into())
}

/// What a handout holds, under its title: the page or workshop it holds
/// (`named`), its phase or audience; and, `with_edition`, whether it is the
/// facilitator edition, which says so on its title page and every sheet.
fn subtitle(document: &Document, selection: &Selection, named: Option<String>, with_edition: bool) -> Option<String> {
    let (config, strings) = (document.cx.config, document.cx.strings);
    let lang = document.cx.lang();
    let subtitle = match (&selection.phase, &selection.audience) {
        _ if named.is_some() => named,
        (Some(phase), _) => Some(phase_name(strings, phase)),
        (None, Some(actor)) => strings.get("for_audience").map(|text| {
            text.replace("{audience}", &crate::engine::config::audience_name(config, strings, actor, lang))
        }),
        (None, None) => None,
    };
    match (selection.facilitator && with_edition, subtitle) {
        (false, subtitle) => subtitle,
        (true, subtitle) => {
            let edition = facilitator_edition(strings);
            Some(subtitle.map_or(edition.clone(), |s| format!("{s} · {edition}")))
        }
    }
}

/// The handouts a build writes of one language's document: the whole
/// guide and one per phase that has pages, as `handouts/<lang>/guide.html`
/// and `handouts/<lang>/<phase>.html`, each given to `put` as soon as it is
/// made; and the same with the notes for trainers where the document has a
/// private edition. The guide's sections are rendered once per edition; the
/// phases' handouts are cut from them.
fn all(document: &Document, put: &(dyn Fn(OutputFile) -> Result<()> + Sync)) -> Result<()> {
    let (config, language) = (document.cx.config, document.language());
    let all = document.selected(&Default::default());
    for edition in [false, true].into_iter().filter(|&edition| !edition || document.private_edition) {
        let guide = document.guide(edition)?;
        let prefix = if edition { "facilitator" } else { "" };
        let name = |part: &str| match (edition, part) {
            (false, part) => part.to_string(),
            (true, "guide") => prefix.to_string(),
            (true, part) => format!("{prefix}-{part}"),
        };
        let mut jobs = vec![(name("guide"), Selection { facilitator: edition, ..Selection::default() })];
        for phase in &config.phases {
            if language.has_phase(&phase.id) {
                let selection =
                    Selection { phase: Some(phase.id.clone()), facilitator: edition, ..Selection::default() };
                jobs.push((name(&phase.id), selection));
            }
        }
        jobs.into_par_iter().try_for_each(|(name, selection)| {
            let keep = document.selected(&selection.pages());
            let sections = cut(document, &all, guide, &keep);
            let html = assemble(document, &selection, None, &keep, sections)?;
            put(OutputFile {
                path: format!("handouts/{}/{name}.html", language.lang),
                contents: Contents::Bytes(html.into_bytes()),
            })
        })?;
    }
    Ok(())
}
