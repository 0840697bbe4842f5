//! Offline handouts: one self-contained HTML file per language (the whole
//! guide, or one phase or audience), with the theme's CSS and script inlined,
//! images as data URIs, links between pages turned into links inside the
//! document, and print styles for a title page, a table of contents and one
//! page of the guide per sheet. Every build writes `handouts/<lang>/guide.html`
//! and one per phase; `uprkit handout` writes one on demand; and a zip of
//! each language's site for USB sticks ([`zips`]) is made from the written
//! site.

mod deck;
mod downloads;
mod links;
mod on_demand;
mod parts;
mod print;
pub mod scorm;

pub use on_demand::write_one;
mod zips;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use crate::engine::config::Config;
use crate::engine::content::PageKind;
use crate::engine::error::{dedup, Diagnostic, Error, Result};
use crate::engine::feature::{BuildContext, Feature};
use crate::engine::i18n::{phase_name, written_date, DateStyle};
use crate::engine::markdown::{self, MarkdownOptions, Target};
use crate::engine::output::{Contents, OutputFile, Sink};
use crate::engine::render::js_strings;
use crate::engine::site::LanguageSite;
use crate::features::brand::{BrandFeature, BrandView};
use crate::features::glossary::{GlossaryFeature, Term};
use crate::features::recommendations::Recommendations;

use links::HandoutLinks;
use parts::{cut, fill, placeholder};

/// Whether builds write the handouts and zips (`handouts:` in uprkit.yaml),
/// and the edition line printed on them (`edition:`).
pub struct Handouts {
    enabled: bool,
    edition: print::Edition,
}

impl Default for Handouts {
    fn default() -> Self {
        Handouts { enabled: true, edition: print::Edition::default() }
    }
}

impl Feature for Handouts {
    fn name(&self) -> &'static str {
        "handouts"
    }

    fn config_keys(&self) -> &'static [&'static str] {
        &["handouts", "edition"]
    }

    fn load(&mut self, config: &Config) -> Result<()> {
        self.enabled = match config.setting("handouts") {
            None => true,
            Some(setting) => setting.value.as_bool().ok_or_else(|| {
                Diagnostic::new(setting.location.clone(), "`handouts` must be `true` or `false`")
                    .with_help("write `handouts: false` to build without handouts and zips")
            })?,
        };
        self.edition = print::Edition::load(config)?;
        Ok(())
    }

    /// Each handout is written as soon as it is made: they are big. In memory
    /// (`serve`), with their sizes, which a build writes with the zips.
    fn write_files(&self, build: &BuildContext, sink: &dyn Sink) -> Result<usize> {
        if !self.enabled || !build.scope.is_everything() {
            return Ok(0);
        }
        let sizes = Mutex::new(std::collections::BTreeMap::new());
        let count = all(build, &|file| downloads::note_size(&sizes, &file).and_then(|()| sink.put(file)))?;
        if sink.dir().is_some() {
            return Ok(count);
        }
        sink.put(downloads::sizes_file(&sizes.into_inner().expect("no panics while holding the lock")))?;
        Ok(count + 1)
    }

    /// Every handout holds the text of many pages: after an edit, `serve`
    /// makes them again once the browser has its reload, and their sizes.
    fn deferred_files(&self, build: &BuildContext) -> Result<Vec<OutputFile>> {
        if !self.enabled {
            return Ok(Vec::new());
        }
        let files = Mutex::new(Vec::new());
        all(build, &|file| {
            files.lock().expect("no panics while holding the lock").push(file);
            Ok(())
        })?;
        let mut files = files.into_inner().expect("no panics while holding the lock");
        let sizes = Mutex::new(std::collections::BTreeMap::new());
        files.iter().try_for_each(|file| downloads::note_size(&sizes, file))?;
        files.push(downloads::sizes_file(&sizes.into_inner().expect("no panics while holding the lock")));
        Ok(files)
    }

    fn site_context(&self, build: &BuildContext, language: usize, out: &mut crate::engine::feature::ContextMap) {
        if self.enabled {
            downloads::site_context(build, language, out);
        } else {
            out.insert("downloads", crate::engine::feature::value(None::<()>));
        }
    }

    fn finish(&self, build: &BuildContext, dir: &Path) -> Result<usize> {
        if !self.enabled {
            return Ok(0);
        }
        // The zips hold the sizes of the handouts, and not of the zips:
        // inside one, the page script offers no zip.
        downloads::sizes_script(dir)?;
        zips::site_zips(build, dir)?;
        downloads::sizes_script(dir)?;
        Ok(build.config.languages.len() + 1)
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
}

#[derive(Debug, Serialize)]
struct TocEntry {
    id: String,
    title: String,
    depth: usize,
}

#[derive(Debug, Clone, Serialize)]
struct Section<'c> {
    id: String,
    title: String,
    summary: Option<String>,
    phase: Option<String>,
    phase_name: Option<String>,
    /// The page's HTML; in the template, a placeholder for it (see [`assemble`]).
    content: Cow<'c, str>,
    lang: String,
    dir: &'static str,
    /// The name of the text's language, for the notice on untranslated pages.
    language_name: String,
    is_fallback: bool,
    is_section: bool,
}

#[derive(Debug, Serialize)]
struct HandoutContext<'a> {
    title: String,
    subtitle: Option<String>,
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
    recommendations: Option<serde_json::Value>,
    glossary: Option<&'a [Term]>,
    glossary_lang: &'a str,
    /// The organisation's brand, the logo inlined.
    brand: Option<BrandView>,
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

/// The id of a page's section in a handout.
fn section_id(slug: &str) -> String {
    if slug.is_empty() {
        "p-home".to_string()
    } else {
        format!("p-{}", slug.replace('/', "--"))
    }
}

/// The pages of a language a selection holds, in reading order.
fn selected(language: &LanguageSite, selection: &Selection) -> Vec<usize> {
    (0..language.entries.len())
        .filter(|&i| {
            let entry = &language.entries[i];
            selection.phase.as_ref().is_none_or(|phase| entry.phase.as_ref() == Some(phase))
                && selection.page.as_ref().is_none_or(|slug| &entry.slug == slug)
                && selection.audience.as_ref().is_none_or(|actor| entry.audience().iter().any(|a| a == actor))
        })
        .collect()
}

/// One handout as a single HTML file.
pub fn render(build: &BuildContext, language_index: usize, selection: &Selection) -> Result<String> {
    let language = &build.site.languages[language_index];
    let agenda = match &selection.workshop {
        Some(name) => Some(deck::workshop_agenda(build, language_index, name)?),
        None => None,
    };
    let entries = match &agenda {
        Some(agenda) => deck::pages(language, agenda),
        None => selected(language, selection),
    };
    // A workshop's or a page's handout is titled by it.
    let named = match &agenda {
        Some(agenda) => Some(agenda.title.clone()),
        None => selection.page.as_ref().and_then(|slug| language.get(slug)).map(|entry| entry.page.front.title.clone()),
    };
    let sections = render_sections(build, language_index, &entries, selection.facilitator)?;
    let html = assemble(build, language_index, selection, named, &entries, sections)?;
    Ok(match agenda {
        Some(agenda) => deck::with_plan(&html, &agenda),
        None => html,
    })
}

/// The Markdown of `entries` as sections of a handout that holds them
/// (links to other pages lead online).
fn render_sections(
    build: &BuildContext,
    language_index: usize,
    entries: &[usize],
    facilitator: bool,
) -> Result<Vec<Section<'static>>> {
    let BuildContext { config, site, theme, features, reserved_ids, .. } = build;
    let language = &site.languages[language_index];
    let lang = &language.language;
    let strings = &theme.strings[&lang.code];
    let included: HashSet<&str> = entries.iter().map(|&i| language.entries[i].slug.as_str()).collect();
    let data_uris = Mutex::new(HashMap::new());
    let shortcodes = crate::engine::shortcodes::ThemeShortcodes { theme, features };
    let default = &config.default_language().code;
    let glossary =
        features.get::<GlossaryFeature>().and_then(|glossaries| glossaries.for_language(&lang.code, default));
    let links = HandoutLinks {
        config,
        glossary_lang: glossary.map(|glossary| glossary.lang.as_str()),
        site,
        language,
        included: &included,
        assets: &site.assets,
        data_uris: &data_uris,
    };

    let rendered: Vec<std::result::Result<Section<'static>, Vec<Diagnostic>>> = entries
        .par_iter()
        .map(|&i| {
            let entry = &language.entries[i];
            let prefix = format!("{}--", section_id(&entry.slug));
            let page = entry.page;
            let options = MarkdownOptions {
                slug: &entry.slug,
                dir: &page.dir,
                lang: &page.lang,
                strings,
                links: &links,
                id_prefix: &prefix,
                passes: *features,
                reserved_ids,
                target: Target::Handout,
                // The site's rendering of the same text, highlighted already.
                highlighted: build
                    .rendered
                    .get(language_index)
                    .and_then(|pages| pages.get(i))
                    .map_or(&[], |page| &page.code),
                shortcodes: &shortcodes,
                facilitator,
            };
            let out = markdown::render(&page.source, &page.body, page.body_line, &options)?;
            let text_language = config.language(&page.lang).expect("configured language");
            Ok(Section {
                id: section_id(&entry.slug),
                title: page.front.title.clone(),
                summary: page.front.summary.clone(),
                phase: entry.phase.clone(),
                phase_name: entry.phase.as_ref().map(|id| phase_name(strings, id)),
                content: Cow::Owned(out.html),
                lang: page.lang.clone(),
                dir: text_language.direction.as_str(),
                language_name: crate::engine::i18n::language_name_in(strings, text_language),
                is_fallback: entry.is_fallback,
                is_section: entry.kind != PageKind::Page,
            })
        })
        .collect();
    let mut sections = Vec::with_capacity(rendered.len());
    let mut problems = Vec::new();
    for result in rendered {
        match result {
            Ok(section) => sections.push(section),
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Content(dedup(problems)));
    }
    Ok(sections)
}

/// The handout document around its sections; `named`, the title of the
/// page or workshop it holds, if it holds one.
fn assemble(
    build: &BuildContext,
    language_index: usize,
    selection: &Selection,
    named: Option<String>,
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
    let BuildContext { config, site, theme, features, .. } = build;
    let language = &site.languages[language_index];
    let lang = &language.language;
    let strings = &theme.strings[&lang.code];
    let default = &config.default_language().code;
    let glossary =
        features.get::<GlossaryFeature>().and_then(|glossaries| glossaries.for_language(&lang.code, default));
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
    let subtitle = match (&selection.phase, &selection.audience) {
        _ if named.is_some() => named,
        (Some(phase), _) => Some(phase_name(strings, phase)),
        (None, Some(actor)) => strings.get("for_audience").map(|text| {
            text.replace("{audience}", &crate::features::audiences::name(config, strings, actor, &lang.code))
        }),
        (None, None) => None,
    };
    // The facilitator edition says so on its title page and every sheet.
    let subtitle = match (selection.facilitator, subtitle) {
        (false, subtitle) => subtitle,
        (true, subtitle) => {
            let edition = strings.get("facilitator_edition").cloned().unwrap_or_else(|| "Facilitator edition".into());
            Some(subtitle.map_or(edition.clone(), |s| format!("{s} · {edition}")))
        }
    };
    let static_text = |name: &str| {
        String::from_utf8_lossy(theme.static_files.get(name).map(|c| c.as_ref()).unwrap_or_default()).into_owned()
    };
    let css = static_text("uprkit.css");
    let script = crate::engine::page_script::page_script(theme, features)?;
    let (slides_script, slides_css) = if selection.slides {
        (static_text("slides.js"), static_text("slides.css"))
    } else {
        (String::new(), String::new())
    };
    let scorm_script = static_text("scorm.js");
    let title = lang.title.clone().unwrap_or_else(|| config.title.clone());
    let edition = features
        .get::<Handouts>()
        .and_then(|handouts| handouts.edition.text(&lang.code, &config.default_language().code))
        .map(str::to_string);
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
        lang: &lang.code,
        dir: lang.direction.as_str(),
        language_name: &lang.name,
        date_text: date.as_deref().map(|date| written_date(date, strings, DateStyle::Day)),
        date,
        online_url,
        qr_svg,
        toc,
        sections,
        glossary: glossary.map(|g| g.terms.as_slice()),
        // The whole guide's handout prints the matrix; a phase's, the embeds on its pages.
        recommendations: (selection.phase.is_none() && selection.audience.is_none())
            .then(|| features.get::<Recommendations>()?.handout(&lang.code, lang.direction.as_str(), default, strings))
            .flatten(),
        brand: features.get::<BrandFeature>().and_then(|brand| brand.view(&lang.code, true)),
        glossary_lang: glossary.map_or(&lang.code, |g| &g.lang),
        // Inlined into a <style> and a <script>: neither may close its element early.
        css: &css.replace("</style", "<\\/style"),
        script: &script.replace("</script", "<\\/script"),
        slides_script: &slides_script.replace("</script", "<\\/script"),
        slides_css: &slides_css.replace("</style", "<\\/style"),
        scorm_script: &scorm_script.replace("</script", "<\\/script"),
        site_id: format!("{}-handout", markdown::slugify(&config.title)),
        js_strings: js_strings(strings, &features.script_strings()),
        t: strings,
    };
    let html = theme.render("handout.html", &context)?;
    Ok(fill(&html, &contents))
}

/// The handouts a build writes: for each language, the whole guide and one
/// per phase that has pages, as `handouts/<lang>/guide.html` and
/// `handouts/<lang>/<phase>.html`, each given to `put` as soon as it is
/// made. Each language's Markdown is rendered once, for the guide; the
/// phases' handouts are cut from it. One language at a time, so that only
/// one language's handouts are ever in memory. Returns how many.
fn all(build: &BuildContext, put: &(dyn Fn(OutputFile) -> Result<()> + Sync)) -> Result<usize> {
    let BuildContext { config, site, .. } = build;
    let mut count = 0;
    for (index, language) in site.languages.iter().enumerate().filter(|&(index, _)| build.scope.has_language(index)) {
        let all = selected(language, &Selection::default());
        // The participants' editions; and the facilitators' where the
        // guide has notes for them and uprkit.yaml asks for it.
        let facilitator =
            build.features.get::<crate::features::facilitator::Facilitator>().is_some_and(|f| f.editions())
                && all.iter().any(|&i| crate::features::facilitator::has_notes(&language.entries[i].page.body));
        for edition in [false, true].into_iter().filter(|&edition| !edition || facilitator) {
            let guide = render_sections(build, index, &all, edition)?;
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
            count += jobs.len();
            jobs.into_par_iter().try_for_each(|(name, selection)| {
                let keep = selected(language, &selection);
                let sections = cut(build, index, &all, &guide, &keep);
                let html = assemble(build, index, &selection, None, &keep, sections)?;
                put(OutputFile {
                    path: format!("handouts/{}/{name}.html", language.lang),
                    contents: Contents::Bytes(html.into_bytes()),
                })
            })?;
        }
    }
    Ok(count)
}
