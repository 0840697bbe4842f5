//! A guide as Typst markup: the layout (`themes/default/pdf/guide.typ`)
//! with the reader's words, then the title page, the contents, each
//! section in its language and direction, the matrix, the glossary and the
//! colophon; and whether every character has a font.

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Location};
use crate::engine::feature::document::{Document, Section};

use super::html::{self, Converter, Images};
use super::markup::{literal, Markup};
use super::world::Fonts;
use super::{fonts_dir, Paper, Selection};

/// Fonts with Chinese, Japanese or Korean characters, tried first for text
/// in those languages (their punctuation, not Noto Sans's).
const CJK_FONTS: &[&str] = &[
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Droid Sans Fallback",
];

/// Above this many recommendations the matrix is not typeset: the PDF
/// says where to find it (its pages, its CSV) instead.
const MATRIX_ROWS: usize = 1500;

/// The layout: page, headings, callouts, checklists (the theme's).
const LAYOUT: &str = include_str!("../../../../themes/default/pdf/guide.typ");

/// A guide's markup and images, ready for Typst, or what font it lacks.
pub(super) struct Prepared {
    pub markup: String,
    pub images: Images,
    /// The file it becomes, for messages.
    pub name: String,
    pub missing: Option<Diagnostic>,
    /// Characters no font has that the PDF can do without (emoji, shown
    /// as a box): said, and the PDF is made.
    pub lacking: Option<Diagnostic>,
}

/// The ids in each section's text (elements a link may lead to), by the
/// section's id: the same in the whole guide and in each phase cut from it.
pub(super) fn section_ids(sections: &[Section]) -> HashMap<String, Vec<String>> {
    sections
        .par_iter()
        .map(|section| {
            let mut ids = Vec::new();
            html::ids(&section.content, &mut ids);
            (section.id.clone(), ids)
        })
        .collect()
}

/// Writes the guide of `entries` (their `sections`, and the ids in each)
/// as Typst markup.
#[allow(clippy::too_many_arguments)]
pub(super) fn prepare(
    document: &Document,
    selection: &Selection,
    named: Option<String>,
    entries: &[usize],
    sections: &[Section],
    section_ids: &HashMap<String, Vec<String>>,
    paper: Paper,
    fonts: &Fonts,
    name: String,
) -> Prepared {
    let cx = &document.cx;
    let (config, strings, language) = (cx.config, cx.strings, cx.language);
    let lang = &language.language;
    let t = |key: &str, fallback: &str| strings.get(key).cloned().unwrap_or_else(|| fallback.to_string());
    let whole = selection.phase.is_none() && selection.audience.is_none() && selection.page.is_none();
    let matrix = if whole { document.matrix.as_ref().and_then(|m| m.as_array()) } else { None };
    let glossary = document.glossary.as_ref();

    // Every id of the document: links to them stay inside it.
    let mut ids: HashSet<String> = HashSet::new();
    for section in sections {
        ids.insert(section.id.clone());
        ids.extend(section_ids[&section.id].iter().cloned());
    }
    let terms = glossary.and_then(|g| g.terms.as_array()).map(Vec::as_slice).unwrap_or_default();
    for term in terms {
        if let Some(id) = term.get("id").and_then(|id| id.as_str()) {
            ids.insert(id.to_string());
        }
    }
    if matrix.is_some() {
        ids.insert("recommendations".to_string());
    }

    let mut images = Images::default();
    // The characters of each part, for the font check.
    let mut used: Vec<Part> = Vec::new();
    let mut m = Markup::default();

    let title = lang.title.clone().unwrap_or_else(|| config.title.clone());
    let subtitle = super::super::subtitle(document, selection, named, true);
    let running = match &subtitle {
        Some(subtitle) => format!("{title} · {subtitle}"),
        None => title.clone(),
    };
    let brand = document.brand.as_ref();
    let brand_text = |key: &str| brand.and_then(|b| b.get(key)).and_then(|v| v.as_str()).filter(|s| !s.is_empty());
    let accent = brand_text("color").filter(|c| is_hex_colour(c)).unwrap_or("#1f4e79");
    let cjk = |code: &str| matches!(html::typst_lang(code).as_deref(), Some("zh" | "ja" | "ko"));

    // What the layout reads, then the layout.
    m.code(&format!(
        "#let uk-strings = (see: {}, contents: {})\n",
        literal(&t("pdf_see_page", "p. {page}")),
        literal(&t("contents", "Contents"))
    ));
    m.code(&format!("#let uk-accent = rgb({})\n", literal(accent)));
    let base_fonts = ["Noto Sans", "Noto Naskh Arabic"];
    let family_list =
        |families: Vec<&str>| format!("({},)", families.iter().map(|f| literal(f)).collect::<Vec<_>>().join(", "));
    let cjk_first: Vec<&str> = CJK_FONTS.iter().copied().chain(base_fonts).collect();
    let latin_first: Vec<&str> = base_fonts.iter().copied().chain(CJK_FONTS.iter().copied()).collect();
    m.code(&format!(
        "#let uk-fonts = {}\n",
        family_list(if cjk(&lang.code) { cjk_first.clone() } else { latin_first })
    ));
    m.code(&format!("#let uk-fonts-cjk = {}\n", family_list(cjk_first)));
    m.code(LAYOUT);
    m.code("\n");

    // The file's title, author, language and licence.
    let mut meta = vec![format!("title: {}", literal(&running))];
    if let Some(organisation) = brand_text("organisation") {
        meta.push(format!("author: {}", literal(organisation)));
    }
    if let Some(licence) = brand_text("licence") {
        meta.push(format!("description: {}", literal(licence)));
    }
    m.code(&format!("#set document({})\n", meta.join(", ")));
    let lang_args = |code: &str, dir: &str| {
        let mut args = vec![format!("dir: {}", if dir == "rtl" { "rtl" } else { "ltr" })];
        if let Some(lang) = html::typst_lang(code) {
            args.push(format!("lang: {}", literal(&lang)));
        }
        if cjk(code) {
            args.push("font: uk-fonts-cjk".to_string());
        }
        args.join(", ")
    };
    m.code(&format!("#set text({})\n", lang_args(&lang.code, lang.direction.as_str())));
    let edition = document.edition.as_deref();
    let show = format!(
        "#show: uk-guide.with(title: {}, running: {}, edition: {}, paper: {})\n",
        m.literal(&title),
        m.literal(&running),
        edition.map_or("none".to_string(), |edition| m.literal(edition)),
        literal(paper.typst())
    );
    m.code(&show);

    // The title page.
    let mut args = vec![format!("title: {}", m.literal(&title))];
    let date = entries.iter().filter_map(|&i| language.entries[i].page.front.updated.clone()).max();
    let date_text = date
        .as_deref()
        .map(|date| crate::engine::i18n::written_date(date, strings, crate::engine::i18n::DateStyle::Day));
    let meta_line = match date_text {
        Some(date) => format!("{} · {date}", lang.name),
        None => lang.name.clone(),
    };
    let texts = [
        ("subtitle", subtitle.as_deref()),
        ("organisation", brand_text("organisation")),
        ("meta", Some(meta_line.as_str())),
        ("edition", edition),
        ("licence", brand_text("licence")),
    ];
    for (key, text) in texts {
        if let Some(text) = text {
            args.push(format!("{key}: {}", m.literal(text)));
        }
    }
    if let Some((bytes, ext)) = brand_text("logo_data").and_then(html::decode_data_uri) {
        let path = images.add(bytes, ext, "the brand's logo (uprkit.yaml)".to_string());
        let alt = brand_text("organisation").unwrap_or_default();
        args.push(format!("logo: image({}, height: 2.2cm, alt: {})", literal(&path), literal(alt)));
    }
    let online_url = config.base_url.as_ref().map(|base| format!("{base}/{}", language.entries[0].href));
    if let Some(url) = &online_url {
        if let Some(svg) = super::super::print::qr_svg(url) {
            let path = images.add(svg.into_bytes(), "svg", "the QR code".to_string());
            let online = m.literal(&t("online_version", "The guide online:"));
            args.push(format!("qr: image({}, width: 3cm, alt: {})", literal(&path), literal(url)));
            args.push(format!("online: {online}, online-url: {}", literal(url)));
        }
    }
    m.code(&format!("#uk-title-page({})\n", args.join(", ")));
    m.code("#uk-contents()\n");
    used.push(Part::of_config("the title page and headers", &lang.code, m.take_chars()));

    // The sections, each in its own language and direction.
    let depth = |i: usize| std::iter::successors(language.entries[i].parent, |&p| language.entries[p].parent).count();
    let top = entries.iter().map(|&i| depth(i)).min().unwrap_or(0);
    for (n, (&i, section)) in entries.iter().zip(sections).enumerate() {
        let entry = &language.entries[i];
        let level = depth(i) - top + 1;
        if section.is_section && n > 0 {
            m.code("#pagebreak(weak: true)\n");
        }
        m.code(&format!("#[#set text({})\n", lang_args(&section.lang, section.dir)));
        if section.is_fallback {
            let notice = t("fallback_notice", "This page is not yet translated: it is shown in {language}.")
                .replace("{language}", &section.language_name);
            m.code(&format!("#uk-notice[#text({})[", lang_args(&lang.code, lang.direction.as_str())));
            m.text(&notice);
            m.code("]]\n");
        }
        m.code(&format!("#heading(level: {level}, outlined: true, bookmarked: true)["));
        m.text(&section.title);
        m.code(&format!("]#label({})\n", literal(&section.id)));
        if let Some(summary) = &section.summary {
            m.code("#uk-summary[");
            m.text(summary);
            m.code("]\n");
        }
        let page = entry.page.source.display().to_string();
        let mut converter =
            Converter { markup: std::mem::take(&mut m), ids: &ids, images: &mut images, level, page: &page };
        converter.convert(&section.content);
        m = converter.markup;
        m.code("\n]\n");
        let chars = m.take_chars();
        used.push(Part {
            place: format!("page `{}`", entry.slug),
            file: entry.page.source.clone(),
            lang: section.lang.clone(),
            chars,
        });
    }

    // The matrix, on landscape sheets.
    if let Some(groups) = matrix {
        let rows: usize = groups.iter().filter_map(|g| g.get("count").and_then(|c| c.as_u64())).sum::<u64>() as usize;
        let heading = t("recommendations", "Recommendations");
        m.code("#page(flipped: true)[\n#heading(level: 1, outlined: true, bookmarked: true)[");
        m.text(&heading);
        m.code("]#label(\"recommendations\")\n");
        if let Some(note) = strings.get("recommendations_note").filter(|note| !note.trim().is_empty()) {
            m.code("#uk-notice[");
            m.text(note);
            m.code("]\n");
        }
        if rows > MATRIX_ROWS {
            let text = t(
                "pdf_matrix_too_long",
                "{count} recommendations: too many to print here. The guide's recommendations pages and their CSV file hold them all.",
            )
            .replace("{count}", &rows.to_string());
            m.text(&text);
        } else {
            let escape = crate::engine::templates::escape;
            let mut table = String::from("<table><thead><tr>");
            // No status column where the data has none.
            let status = groups.first().and_then(|g| g.get("has_status")).and_then(|v| v.as_bool()).unwrap_or(true);
            let columns = if status { 5 } else { 4 };
            for key in
                ["rec_col_recommendation", "rec_col_state", "rec_col_response", "rec_col_themes", "rec_col_status"]
                    .into_iter()
                    .take(columns)
            {
                table.push_str(&format!("<th>{}</th>", escape(&t(key, key))));
            }
            table.push_str("</tr></thead>");
            for group in groups {
                let name = group.get("name").and_then(|v| v.as_str()).unwrap_or_default();
                let count = group.get("count").and_then(|v| v.as_u64()).unwrap_or_default();
                table.push_str(&format!(
                    "<tbody><tr><th colspan=\"{columns}\">{} ({count})</th></tr>{}</tbody>",
                    escape(name),
                    group.get("html").and_then(|v| v.as_str()).unwrap_or_default()
                ));
            }
            table.push_str("</table>");
            let mut converter = Converter {
                markup: std::mem::take(&mut m),
                ids: &ids,
                images: &mut images,
                level: 1,
                page: "the recommendations",
            };
            converter.convert(&table);
            m = converter.markup;
        }
        m.code("\n]\n");
        used.push(Part::of_config("the recommendations", &lang.code, m.take_chars()));
    }

    // The glossary, at the end.
    if let Some(glossary) = glossary.filter(|_| !terms.is_empty()) {
        let heading = t("glossary", "Glossary");
        m.code("#pagebreak(weak: true)\n#heading(level: 1, outlined: true, bookmarked: true)[");
        m.text(&heading);
        m.code("]#label(\"glossary\")\n");
        let dir = config.language(&glossary.lang).map_or("ltr", |l| l.direction.as_str());
        m.code(&format!("#[#set text({})\n", lang_args(&glossary.lang, dir)));
        for term in terms {
            let field = |key: &str| term.get(key).and_then(|v| v.as_str()).unwrap_or_default();
            let (id, word, title, definition) = (field("id"), field("term"), field("title"), field("definition"));
            if !id.is_empty() {
                m.code(&format!("#uk-anchor({})", literal(id)));
            }
            m.code("#uk-term[");
            m.text(word);
            if !definition.is_empty() && title != word && !title.is_empty() {
                m.code("#h(0.5em)#text(weight: \"regular\", fill: uk-muted)[");
                m.text(title);
                m.code("]");
            }
            m.code("]#uk-definition[");
            m.text(if definition.is_empty() { title } else { definition });
            m.code("]\n");
        }
        m.code("]\n");
        used.push(Part::of_config("the glossary", &glossary.lang, m.take_chars()));
    }

    // The colophon: who made it, its licence, how to reach them.
    if brand.is_some() {
        let mut lines = Vec::new();
        if let Some(text) = brand_text("footer").or(brand_text("organisation")) {
            lines.push(text.to_string());
        }
        if let Some(licence) = brand_text("licence") {
            lines.push(licence.to_string());
        }
        if !lines.is_empty() || brand_text("contact").is_some() {
            m.code("#uk-colophon[");
            for line in &lines {
                m.text(line);
                m.code("\n\n");
            }
            if let Some(contact) = brand_text("contact") {
                let shown = contact.strip_prefix("mailto:").unwrap_or(contact);
                m.code(&format!("#link({})[", literal(contact)));
                m.text(shown);
                m.code("]");
            }
            m.code("]\n");
        }
        used.push(Part::of_config("the brand", &lang.code, m.take_chars()));
    }

    let (missing, lacking) = missing_fonts(&used, fonts, &name, config);
    Prepared { markup: m.out, images, name, missing, lacking }
}

/// A part of a guide, for the font check: what and where it is, its
/// language, and its characters.
struct Part {
    place: String,
    file: std::path::PathBuf,
    lang: String,
    chars: BTreeSet<char>,
}

impl Part {
    /// A part written from uprkit.yaml, the data or the theme's words.
    fn of_config(place: &str, lang: &str, chars: BTreeSet<char>) -> Part {
        let file = std::path::PathBuf::from(crate::engine::config::CONFIG_FILE);
        Part { place: place.to_string(), file, lang: lang.to_string(), chars }
    }
}

/// Whether a PDF can do without `c` (Typst shows a box in its place): an
/// emoji or a pictograph, beside text that stays readable.
fn can_do_without(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xE0000..=0xE007F)
}

/// The characters of the guide that are in no font: (what stops the PDF:
/// a script no font has; what it can do without: emoji), each said once,
/// naming the first part and its file, the language, what to install.
fn missing_fonts(
    used: &[Part],
    fonts: &Fonts,
    name: &str,
    config: &Config,
) -> (Option<Diagnostic>, Option<Diagnostic>) {
    let ignorable = |c: char| {
        c.is_control()
            || matches!(c as u32, 0x00AD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFE00..=0xFE0F | 0xFEFF)
    };
    let missing = |keep: &dyn Fn(char) -> bool| {
        let mut parts = used.iter().filter_map(|part| {
            let chars: Vec<char> =
                part.chars.iter().copied().filter(|&c| !ignorable(c) && keep(c) && !fonts.covers(c)).collect();
            (!chars.is_empty()).then_some((part, chars))
        });
        let (part, chars) = parts.next()?;
        Some((part, chars, parts.count()))
    };
    let said = |(part, chars, others): (&Part, Vec<char>, usize), name: &str, outcome: &str| {
        let sample: String = chars.iter().take(8).collect();
        let also = if others > 0 { format!(" (and {others} more part(s) of the guide)") } else { String::new() };
        let dir = fonts_dir(config);
        Diagnostic::new(
            Location::file(&part.file),
            format!(
                "{name}no font has the {} characters of {}, in {}{also}: {sample}; {outcome}",
                script_name(chars[0]),
                part.place,
                config.language(&part.lang).map_or_else(|| format!("`{}`", part.lang), |l| format!("{} (`{}`)", l.name, l.code))
            ),
        )
        .with_help(format!(
            "install a font for them (on Debian or Ubuntu: `sudo apt install {}`), or put its .ttf or .otf file in the folder `{}`; `pdf: false` in uprkit.yaml builds without PDFs",
            debian_package(chars[0]),
            dir.strip_prefix(&config.root).map_or_else(|_| dir.display().to_string(), |p| p.display().to_string()),
        ))
    };
    let stops = missing(&|c| !can_do_without(c)).map(|found| said(found, &format!("{name}: "), "the PDF is left out"));
    // Said once for every PDF (and language) that shows the part.
    let lacks = missing(&can_do_without).map(|found| said(found, "", "the PDFs show a box in their place"));
    (stops, lacks)
}

/// A name for the script of `c`, for messages.
fn script_name(c: char) -> String {
    let name = match c as u32 {
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF | 0xFF00..=0xFFEF => "Chinese (CJK)",
        0xAC00..=0xD7AF | 0x1100..=0x11FF => "Korean",
        0x0B80..=0x0BFF => "Tamil",
        0x0900..=0x097F => "Devanagari",
        0x0980..=0x09FF => "Bengali",
        0x0E00..=0x0E7F => "Thai",
        0x10A0..=0x10FF => "Georgian",
        0x0530..=0x058F => "Armenian",
        0x0590..=0x05FF => "Hebrew",
        0x1200..=0x139F => "Ethiopic",
        0x0D80..=0x0DFF => "Sinhala",
        0x1000..=0x109F => "Myanmar",
        0x1780..=0x17FF => "Khmer",
        0x1F300..=0x1FAFF | 0x2600..=0x27BF => "emoji",
        _ => return format!("U+{:04X}", c as u32),
    };
    name.to_string()
}

/// A Debian package with a font for `c`.
fn debian_package(c: char) -> &'static str {
    match c as u32 {
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF | 0xFF00..=0xFFEF | 0xAC00..=0xD7AF => "fonts-noto-cjk",
        0x1F300..=0x1FAFF | 0x2600..=0x27BF => "fonts-noto-color-emoji",
        _ => "fonts-noto-core",
    }
}

fn is_hex_colour(text: &str) -> bool {
    text.strip_prefix('#').is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}
