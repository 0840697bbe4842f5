//! Offline handouts: one self-contained HTML file per language (the whole
//! guide, or one phase or audience), with the theme's CSS and script inlined,
//! images as data URIs, links between pages turned into links inside the
//! document, and print styles for a title page, a table of contents and one
//! page of the guide per sheet.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Mutex;

use base64::Engine as _;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::error::{dedup, Diagnostic, Error, Result};
use crate::glossary::{Glossary, Term};
use crate::i18n::{Language, UiStrings};
use crate::markdown::{self, LinkResolver, MarkdownOptions};
use crate::site::{href, slug_of, LanguageSite, Site};
use crate::templates::Theme;

/// Which pages a handout holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub phase: Option<String>,
    pub audience: Option<String>,
}

#[derive(Debug, Serialize)]
struct TocEntry {
    id: String,
    title: String,
    depth: usize,
}

#[derive(Debug, Serialize)]
struct Section {
    id: String,
    title: String,
    summary: Option<String>,
    phase: Option<String>,
    phase_name: Option<String>,
    content: String,
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
    /// The newest `updated` date of the pages in the handout.
    date: Option<String>,
    /// Where the online guide is, with a QR code for it, if `base_url` is set.
    online_url: Option<String>,
    qr_svg: Option<String>,
    toc: Vec<TocEntry>,
    sections: Vec<Section>,
    glossary: Option<&'a [Term]>,
    glossary_lang: &'a str,
    css: &'a str,
    script: &'a str,
    site_id: String,
    js_strings: String,
    t: &'a crate::i18n::UiStrings,
}

/// The id of a page's section in a handout.
fn section_id(slug: &str) -> String {
    if slug.is_empty() {
        "p-home".to_string()
    } else {
        format!("p-{}", slug.replace('/', "--"))
    }
}

/// Links from a page in a handout: pages in it become in-document anchors,
/// other pages go to the online guide (or to the contents, without
/// `base_url`), assets become data URIs.
struct HandoutLinks<'h> {
    config: &'h Config,
    language: &'h LanguageSite<'h>,
    included: &'h HashSet<&'h str>,
    assets: &'h BTreeSet<String>,
    data_uris: &'h Mutex<HashMap<String, String>>,
}

impl LinkResolver for HandoutLinks<'_> {
    fn page(&self, content_path: &str) -> Option<(String, String)> {
        let slug = slug_of(self.config, content_path);
        let entry = self.language.get(&slug)?;
        let target = if self.included.contains(slug.as_str()) {
            format!("#{}", section_id(&slug))
        } else {
            match &self.config.base_url {
                Some(base) => format!("{base}/{}", href(self.config, &entry.path)),
                None => "#toc".to_string(),
            }
        };
        Some((target, slug))
    }

    fn asset(&self, content_path: &str) -> Option<String> {
        if !self.assets.contains(content_path) {
            return None;
        }
        let mut cache = self.data_uris.lock().expect("no panics while holding the lock");
        if let Some(uri) = cache.get(content_path) {
            return Some(uri.clone());
        }
        let bytes = std::fs::read(self.config.content_dir.join(content_path)).ok()?;
        let uri =
            format!("data:{};base64,{}", mime(content_path), base64::engine::general_purpose::STANDARD.encode(bytes));
        cache.insert(content_path.to_string(), uri.clone());
        Some(uri)
    }

    fn with_anchor(&self, href: &str, anchor: &str) -> String {
        match href.strip_prefix("#p-") {
            Some(_) => format!("{href}--{anchor}"),
            None if href == "#toc" => href.to_string(),
            None => format!("{href}#{anchor}"),
        }
    }
}

fn mime(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).as_deref() {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// One handout as a single HTML file.
#[allow(clippy::too_many_arguments)]
pub fn render(
    config: &Config,
    site: &Site,
    theme: &Theme,
    glossaries: &BTreeMap<String, Glossary>,
    language_index: usize,
    selection: &Selection,
) -> Result<String> {
    let language = &site.languages[language_index];
    let lang = config.language(&language.lang).expect("configured language");
    let strings = &theme.strings[&lang.code];
    let entries: Vec<usize> = (0..language.entries.len())
        .filter(|&i| {
            let entry = &language.entries[i];
            selection.phase.as_ref().is_none_or(|phase| entry.phase.as_ref() == Some(phase))
                && selection.audience.as_ref().is_none_or(|actor| entry.audience().iter().any(|a| a == actor))
        })
        .collect();
    let included: HashSet<&str> = entries.iter().map(|&i| language.entries[i].slug.as_str()).collect();
    let data_uris = Mutex::new(HashMap::new());
    let links = HandoutLinks { config, language, included: &included, assets: &site.assets, data_uris: &data_uris };
    let default = &config.default_language().code;
    let glossary = glossaries.get(&lang.code).or_else(|| glossaries.get(default));

    let rendered: Vec<std::result::Result<Section, Vec<Diagnostic>>> = entries
        .par_iter()
        .map(|&i| {
            let entry = &language.entries[i];
            let prefix = format!("{}--", section_id(&entry.slug));
            let options = MarkdownOptions {
                slug: &entry.slug,
                dir: &entry.page.dir,
                strings,
                links: &links,
                glossary: glossaries.get(&entry.page.lang),
                glossary_href: "",
                id_prefix: &prefix,
            };
            let page = entry.page;
            let out = markdown::render(&page.source, &page.body, page.body_line, &options)?;
            let text_language = config.language(&page.lang).expect("configured language");
            Ok(Section {
                id: section_id(&entry.slug),
                title: page.front.title.clone(),
                summary: page.front.summary.clone(),
                phase: entry.phase.clone(),
                phase_name: entry.phase.as_ref().map(|id| crate::templates::views::phase_name(strings, id)),
                content: out.html,
                lang: page.lang.clone(),
                dir: text_language.direction.as_str(),
                language_name: text_language.name.clone(),
                is_fallback: entry.is_fallback,
                is_section: entry.kind != crate::content::PageKind::Page,
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
    let toc = entries
        .iter()
        .map(|&i| {
            let entry = &language.entries[i];
            let depth = std::iter::successors(entry.parent, |&p| language.entries[p].parent).count();
            TocEntry { id: section_id(&entry.slug), title: entry.page.front.title.clone(), depth }
        })
        .collect();
    let date = entries.iter().filter_map(|&i| language.entries[i].page.front.updated.clone()).max();
    let online_url = config.base_url.as_ref().map(|base| format!("{base}/{}", href(config, &language.entries[0].path)));
    let qr_svg = online_url.as_deref().and_then(qr_svg);
    let subtitle = match (&selection.phase, &selection.audience) {
        (Some(phase), _) => Some(crate::templates::views::phase_name(strings, phase)),
        (None, Some(actor)) => strings
            .get("for_audience")
            .map(|text| text.replace("{audience}", strings.get(&format!("audience_{actor}")).unwrap_or(actor))),
        (None, None) => None,
    };
    let css = String::from_utf8_lossy(theme.static_files.get("uprkit.css").map(|c| c.as_ref()).unwrap_or_default())
        .into_owned();
    let script = String::from_utf8_lossy(theme.static_files.get("uprkit.js").map(|c| c.as_ref()).unwrap_or_default())
        .into_owned();
    let context = HandoutContext {
        title: lang.title.clone().unwrap_or_else(|| config.title.clone()),
        subtitle,
        lang: &lang.code,
        dir: lang.direction.as_str(),
        language_name: &lang.name,
        date,
        online_url,
        qr_svg,
        toc,
        sections,
        glossary: glossary.map(|g| g.terms.as_slice()),
        glossary_lang: glossary.map_or(&lang.code, |g| &g.lang),
        // Inlined into a <style> and a <script>: neither may close its element early.
        css: &css.replace("</style", "<\\/style"),
        script: &script.replace("</script", "<\\/script"),
        site_id: format!("{}-handout", crate::markdown::slugify(&config.title)),
        js_strings: crate::templates::views::js_strings(strings),
        t: strings,
    };
    Ok(theme.render("handout.html", &context)?)
}

/// A QR code for `url` as inline SVG (no XML declaration).
fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(160, 160).quiet_zone(true).build();
    let start = svg.find("<svg")?;
    Some(svg[start..].to_string())
}

/// The handouts a build writes: for each language, the whole guide and one
/// per phase that has pages, as `handouts/<lang>/guide.html` and
/// `handouts/<lang>/<phase>.html`.
pub fn all(
    config: &Config,
    site: &Site,
    theme: &Theme,
    glossaries: &BTreeMap<String, Glossary>,
) -> Result<Vec<crate::output::OutputFile>> {
    let mut jobs = Vec::new();
    for (index, language) in site.languages.iter().enumerate() {
        jobs.push((index, "guide".to_string(), Selection::default()));
        for phase in &config.phases {
            if language.entries.iter().any(|entry| entry.phase.as_ref() == Some(&phase.id)) {
                jobs.push((index, phase.id.clone(), Selection { phase: Some(phase.id.clone()), audience: None }));
            }
        }
    }
    jobs.into_par_iter()
        .map(|(index, name, selection)| {
            let html = render(config, site, theme, glossaries, index, &selection)?;
            Ok(crate::output::OutputFile {
                path: format!("handouts/{}/{name}.html", site.languages[index].lang),
                contents: crate::output::Contents::Bytes(html.into_bytes()),
            })
        })
        .collect()
}

/// `uprkit handout`: loads the toolkit and writes one handout.
pub fn write_one(
    config: &Config,
    drafts: bool,
    lang: Option<&str>,
    selection: &Selection,
    output: &std::path::Path,
) -> Result<usize> {
    let lang = lang.unwrap_or(&config.default_language().code);
    let Some(language_index) = config.languages.iter().position(|l| l.code == lang) else {
        let known = config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ");
        return Err(Error::Usage(format!("no language `{lang}` in uprkit.yaml (its languages: {known})")));
    };
    if let Some(phase) = &selection.phase {
        if config.phase(phase).is_none() {
            let known = config.phases.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ");
            return Err(Error::Usage(format!("no phase `{phase}` in uprkit.yaml (its phases: {known})")));
        }
    }
    if let Some(actor) = &selection.audience {
        if !crate::content::front_matter::AUDIENCES.contains(&actor.as_str()) {
            let known = crate::content::front_matter::AUDIENCES.join(", ");
            return Err(Error::Usage(format!("no audience `{actor}` (audiences: {known})")));
        }
    }
    // Check everything a build checks first: a handout of a broken guide is no handout.
    crate::build::validate(config, &crate::build::BuildOptions { drafts })?;
    let theme = Theme::load(config)?;
    let loaded = crate::content::load(config, drafts)?;
    let glossaries = crate::glossary::load(config)?;
    let site = crate::site::assemble(config, &loaded)?;
    let html = render(config, &site, &theme, &glossaries, language_index, selection)?;
    std::fs::write(output, &html).map_err(Error::io("cannot write", output))?;
    Ok(html.len())
}

/// `handouts/<lang>/site.zip` for each language: that language's pages and
/// handouts, the default language's pages (the source its notices link to)
/// and the shared files (theme, assets, static files), to copy to a USB
/// stick, unpack and open from `file://`, with a start file (`<lang>.html`)
/// that opens its home page. Other languages are left out to keep the file
/// small: in their place, each of their pages is a short notice in the
/// zip's language that leads back to the same page (and online, if the
/// guide has a `base_url`), so the language switcher never leads nowhere.
/// Made from the files already written to `dir`, so it holds exactly what
/// was built.
pub fn site_zips(config: &Config, strings: &BTreeMap<String, UiStrings>, dir: &std::path::Path) -> Result<()> {
    use std::io::Write as _;
    let files: Vec<(String, std::path::PathBuf)> = crate::templates::files_under(dir)?
        .into_iter()
        .filter(|(rel, _)| !rel.ends_with("/site.zip") && rel != crate::output::MARKER)
        .collect();
    let default = &config.default_language().code;
    let others = |code: &str| -> Vec<String> {
        config
            .languages
            .iter()
            .filter(|l| l.code != code && l.code != *default)
            .map(|l| format!("{}/", l.code))
            .collect()
    };
    config.languages.par_iter().try_for_each(|language| {
        let other_prefixes = others(&language.code);
        let own_handouts = format!("handouts/{}/", language.code);
        let belongs = |rel: &str| {
            if rel.starts_with("handouts/") {
                return rel.starts_with(&own_handouts);
            }
            !other_prefixes.iter().any(|prefix| rel.starts_with(prefix.as_str()))
        };
        let target = dir.join(format!("handouts/{}/site.zip", language.code));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("cannot create folder", parent))?;
        }
        let file = std::fs::File::create(&target).map_err(Error::io("cannot write", &target))?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        // A fixed time keeps two builds of the same input byte-identical.
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .last_modified_time(zip::DateTime::default());
        let zip_error = |error: zip::result::ZipError| Error::Io {
            action: "cannot write",
            path: target.clone(),
            source: std::io::Error::other(error),
        };
        let home = href(config, &crate::site::output_path(config, "", &language.code));
        let start = format!(
            "<!DOCTYPE html><html lang=\"{0}\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={1}\"><title>{2}</title></head><body><p><a href=\"{1}\">{2}</a></p></body></html>\n",
            language.code,
            home,
            language.title.as_deref().unwrap_or(&config.title)
        );
        zip.start_file(format!("{}.html", language.code), options).map_err(zip_error)?;
        zip.write_all(start.as_bytes()).map_err(Error::io("cannot write", &target))?;
        for (rel, path) in &files {
            let bytes = if belongs(rel) {
                std::fs::read(path).map_err(Error::io("cannot read", path))?
            } else if let Some(notice) = not_in_download(config, &strings[&language.code], language, rel) {
                notice.into_bytes()
            } else {
                continue;
            };
            zip.start_file(rel.as_str(), options).map_err(zip_error)?;
            zip.write_all(&bytes).map_err(Error::io("cannot write", &target))?;
        }
        zip.finish().map_err(zip_error)?;
        Ok(())
    })
}

/// What a language's zip holds in place of a page `rel` of a language it
/// leaves out: a notice in the zip's language, linking to the same page in
/// that language and, with a `base_url`, to the page online. `None` for
/// files that are not pages of a left-out language.
fn not_in_download(config: &Config, strings: &UiStrings, zip_language: &Language, rel: &str) -> Option<String> {
    let (code, rest) = rel.split_once('/')?;
    let missing = config.languages.iter().find(|l| l.code == code && l.code != config.default_language().code)?;
    if !rest.ends_with(".html") || missing.code == zip_language.code {
        return None;
    }
    let escape = crate::templates::escape;
    let string = |key: &str, fallback: &str| escape(strings.get(key).map_or(fallback, String::as_str));
    let root = crate::site::root_prefix(rel.matches('/').count());
    let same_page =
        format!("{}{rest}", crate::site::output_path(config, "", &zip_language.code).replace("index.html", ""));
    let template = string("not_in_download", "The {language} version is not in this download.");
    let message = template.replace("{language}", &escape(&missing.name));
    // The name keeps its own language and direction inside the sentence.
    let name = format!("<bdi lang=\"{}\">{}</bdi>", escape(&missing.code), escape(&missing.name));
    let sentence = template.replace("{language}", &name);
    let online = match &config.base_url {
        Some(base) => format!(
            "<li><a href=\"{}/{}\">{}</a></li>\n",
            escape(base),
            escape(&href(config, rel)),
            string("read_online", "Read it online")
        ),
        None => String::new(),
    };
    Some(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{message}</title>\n\
         <link rel=\"stylesheet\" href=\"{root}{theme}/uprkit.css\">\n</head>\n<body>\n\
         <main id=\"main\" class=\"not-in-download\">\n<p>{sentence}</p>\n<ul>\n\
         <li><a href=\"{root}{back}\">{back_text}</a></li>\n{online}</ul>\n</main>\n</body>\n</html>\n",
        lang = escape(&zip_language.code),
        dir = zip_language.direction.as_str(),
        theme = crate::templates::THEME_OUTPUT_DIR,
        back = escape(&same_page),
        back_text = string("back_to_page", "Back to this page"),
    ))
}
