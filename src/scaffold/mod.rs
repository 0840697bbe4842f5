//! `uprkit init`: a new toolkit. Either the full sample guide in six
//! languages (this repository's `content/` and `uprkit.yaml`, the default and
//! `--example`), or a small one to fill in (`--minimal`: one page per phase,
//! a glossary of two terms, in the first of `--languages`), and with either a
//! publishing recipe (`--deploy`, see [`deploy`]).

pub mod deploy;

use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;

use crate::engine::config::CONFIG_FILE;
use crate::engine::content::page::body_hash;
use crate::engine::error::{Error, Result};
use crate::engine::i18n::Language;
use crate::features::translations::set_source_hash;

#[derive(RustEmbed)]
#[folder = "content/"]
struct SampleContent;

/// The sample's own static files: its (fictional) organisation's logo.
#[derive(RustEmbed)]
#[folder = "static/"]
struct SampleStatic;

/// The sample's recommendations (a fictional State's) and their translations.
#[derive(RustEmbed)]
#[folder = "data/"]
struct SampleData;

/// The sample's own UI strings: its themes' names and the note on its data.
#[derive(RustEmbed)]
#[folder = "i18n/"]
struct SampleStrings;

/// The sample's workshop plan (a half day, in English and French).
#[derive(RustEmbed)]
#[folder = "workshops/"]
struct SampleWorkshops;

const SAMPLE_CONFIG: &str = include_str!("../../uprkit.yaml");

#[derive(RustEmbed)]
#[folder = "src/scaffold/minimal/"]
struct MinimalContent;

/// Where a page's first paragraph starts (a byte offset of the text the
/// events came from) when it is the first paragraph of a starter page of
/// `uprkit init --minimal`, in any of its languages: the page still holds
/// the placeholder text.
pub fn starter_text_at(events: &[crate::engine::markdown::Spanned]) -> Option<usize> {
    static OPENINGS: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    let openings = OPENINGS.get_or_init(|| {
        MinimalContent::iter()
            .filter(|name| name.ends_with(".md"))
            .filter_map(|name| {
                let file = MinimalContent::get(&name)?;
                let text = String::from_utf8_lossy(&file.data);
                first_paragraph(&parse(body_of(&text))).map(|(paragraph, _)| paragraph)
            })
            .collect()
    });
    first_paragraph(events).filter(|(paragraph, _)| openings.contains(paragraph)).map(|(_, at)| at)
}

/// Some Markdown's events, each with the byte range it came from.
pub fn parse(body: &str) -> Vec<crate::engine::markdown::Spanned<'_>> {
    pulldown_cmark::Parser::new_ext(body, crate::engine::markdown::parser_options()).into_offset_iter().collect()
}

/// The plain text of the first paragraph of some events, and where it starts.
fn first_paragraph(events: &[crate::engine::markdown::Spanned]) -> Option<(String, usize)> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let start = events.iter().position(|(event, _)| matches!(event, Event::Start(Tag::Paragraph)))?;
    let end = events[start..]
        .iter()
        .position(|(event, _)| matches!(event, Event::End(TagEnd::Paragraph)))
        .map_or(events.len(), |at| start + at);
    let text = crate::engine::markdown::plain_text(events[start..end].iter().map(|(event, _)| event));
    Some((text, events[start].1.start))
}

/// Which toolkit to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Starter {
    /// The full sample guide in six languages.
    Example,
    /// One page per phase and two glossary terms, in these languages (the first is the default).
    Minimal { languages: Vec<String> },
}

/// Writes a new toolkit into `dir`, which must be new or empty, with the
/// publishing recipe `deploy`. Returns the files written.
pub fn init(dir: &Path, starter: &Starter, deploy: deploy::Deploy) -> Result<Vec<PathBuf>> {
    if let Starter::Minimal { languages } = starter {
        check_languages(languages)?;
    }
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(Error::io("cannot read", dir))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "{} is not empty: choose a new folder, uprkit init never overwrites files",
                dir.display()
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(Error::io("cannot create folder", dir))?;
    let mut files: Vec<(PathBuf, Vec<u8>)> = match starter {
        Starter::Example => {
            let mut files = vec![(PathBuf::from(CONFIG_FILE), SAMPLE_CONFIG.as_bytes().to_vec())];
            add_embedded::<SampleContent>("content", &mut files);
            add_embedded::<SampleStatic>("static", &mut files);
            add_embedded::<SampleData>("data", &mut files);
            add_embedded::<SampleStrings>("i18n", &mut files);
            add_embedded::<SampleWorkshops>("workshops", &mut files);
            files
        }
        Starter::Minimal { languages } => minimal(languages),
    };
    files
        .push((PathBuf::from(".gitignore"), b"# What uprkit builds: made again from the sources.\npublic/\n".to_vec()));
    files.extend(deploy::recipe(deploy));
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("cannot create folder", parent))?;
        }
        std::fs::write(&path, bytes).map_err(Error::io("cannot write", &path))?;
        written.push(rel);
    }
    Ok(written)
}

/// Each code must be a language tag, given once.
fn check_languages(languages: &[String]) -> Result<()> {
    if languages.is_empty() {
        return Err(Error::Usage("--languages needs at least one language, e.g. --languages en,fr".into()));
    }
    for (index, code) in languages.iter().enumerate() {
        Language::new(code, String::new(), None, None).map_err(Error::Usage)?;
        if languages[..index].contains(code) {
            return Err(Error::Usage(format!("`{code}` is listed twice in --languages")));
        }
    }
    Ok(())
}

/// A language's name in itself, for the switcher; the code where uprkit
/// does not know it (the author writes it in uprkit.yaml).
pub fn self_name(code: &str) -> &str {
    match code.split('-').next().unwrap_or(code) {
        "en" => "English",
        "fr" => "Français",
        "es" => "Español",
        "ar" => "العربية",
        "ru" => "Русский",
        "zh" => "中文",
        "pt" => "Português",
        "sw" => "Kiswahili",
        "de" => "Deutsch",
        "fa" => "فارسی",
        "ur" => "اردو",
        "hi" => "हिन्दी",
        "bn" => "বাংলা",
        "id" => "Bahasa Indonesia",
        "tr" => "Türkçe",
        "uk" => "Українська",
        _ => code,
    }
}

/// The small toolkit: its pages in each language uprkit has starter text
/// for (the default language's in English where it has none; the others
/// then fall back to the default, with a notice, until translated), and an
/// uprkit.yaml whose comments say what each setting is for.
/// Every file of an embedded folder, under `dir` in the new toolkit.
fn add_embedded<E: RustEmbed>(dir: &str, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    for name in E::iter() {
        let file = E::get(&name).expect("listed by the embed");
        files.push((Path::new(dir).join(name.as_ref()), file.data.into_owned()));
    }
}

fn minimal(languages: &[String]) -> Vec<(PathBuf, Vec<u8>)> {
    let starter_folder = |code: &str| {
        let base = code.split('-').next().unwrap_or(code).to_string();
        MinimalContent::iter().any(|name| name.starts_with(&format!("{base}/"))).then_some(base)
    };
    let default_folder = starter_folder(&languages[0]).unwrap_or_else(|| "en".to_string());
    let mut files = Vec::new();
    let mut titles: Vec<(String, String)> = Vec::new();
    for (index, code) in languages.iter().enumerate() {
        let folder = if index == 0 {
            default_folder.clone()
        } else {
            match starter_folder(code) {
                Some(folder) if folder != default_folder => folder,
                _ => continue,
            }
        };
        for name in MinimalContent::iter().filter(|name| name.starts_with(&format!("{folder}/"))) {
            let file = MinimalContent::get(&name).expect("listed by the embed");
            let rel = &name[folder.len() + 1..];
            if rel == "_index.md" {
                let text = String::from_utf8_lossy(&file.data);
                if let Some(line) = text.lines().find_map(|line| line.strip_prefix("title: ")) {
                    titles.push((code.clone(), line.trim().trim_matches('"').to_string()));
                }
            }
            let mut bytes = file.data.into_owned();
            if index > 0 && rel.ends_with(".md") {
                // Starter texts are translations of each other: say so, so
                // that `check` lists none of them as to be stamped.
                let source =
                    MinimalContent::get(&format!("{default_folder}/{rel}")).expect("every starter has every file");
                let hash = body_hash(body_of(&String::from_utf8_lossy(&source.data)));
                bytes = set_source_hash(&String::from_utf8_lossy(&bytes), &hash).into_bytes();
            }
            let rel = if index == 0 { rel.to_string() } else { translated_name(rel, code) };
            files.push((Path::new("content").join(rel), bytes));
        }
    }
    files.push((PathBuf::from(CONFIG_FILE), minimal_config(languages, &titles).into_bytes()));
    files
}

/// The Markdown after a starter page's front matter.
fn body_of(text: &str) -> &str {
    text.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")).map_or(text, |(_, body)| body)
}

/// `review/_index.md` as the `fr` translation: `review/_index.fr.md`.
fn translated_name(rel: &str, code: &str) -> String {
    match rel.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{code}.{ext}"),
        None => format!("{rel}.{code}"),
    }
}

/// `titles`: the guide's name per language, the default's first.
fn minimal_config(languages: &[String], titles: &[(String, String)]) -> String {
    let title_in = |code: &str| titles.iter().find(|(c, _)| c == code).map(|(_, t)| t.as_str());
    let title = title_in(&languages[0]).unwrap_or("Our UPR guide");
    let mut yaml = String::from(
        "# The settings of this guide. Unknown keys are errors, so a typo is caught;\n\
         # `uprkit check` tells what is left to do.\n\n",
    );
    yaml.push_str(&format!("# The guide's name, in its default language.\ntitle: {}\n\n", yaml_text(title)));
    yaml.push_str("# The languages of the guide, the default one first. A page's translation\n");
    yaml.push_str("# sits beside it with the language's code: content/_index.fr.md. Each\n");
    yaml.push_str("# language has its name in itself and, if it differs, the guide's name in it.\n");
    yaml.push_str(&format!("default_language: {}\nlanguages:\n", languages[0]));
    for (index, code) in languages.iter().enumerate() {
        match title_in(code).filter(|_| index > 0) {
            Some(title) => yaml.push_str(&format!(
                "  {code}: {{ name: {}, title: {} }}\n",
                yaml_text(self_name(code)),
                yaml_text(title)
            )),
            None => yaml.push_str(&format!("  {code}: {{ name: {} }}\n", yaml_text(self_name(code)))),
        }
    }
    yaml.push_str(
        "\n# The phases of the UPR cycle, in their order; each has its folder in\n\
         # content/ whose _index.md says `phase:`.\n\
         phases:\n  - id: preparation\n  - id: review\n  - id: follow-up\n\n\
         # Your country's Working Group date, for the key dates page (YYYY-MM-DD).\n\
         # review_date: 2027-05-04\n\n\
         # Your organisation: a logo (a file of this folder, SVG or PNG), a colour\n\
         # dark enough for white text on it, a footer, a licence and a contact.\n\
         # brand:\n\
         #   organisation: Our organisation\n\
         #   logo: static/logo.svg\n\
         #   color: \"#0b6b86\"\n\
         #   licence: CC BY 4.0\n\
         #   contact: mailto:upr@example.org\n\n\
         # Where the guide is published, for the sitemap and the handouts' QR code.\n\
         # The publishing recipe sets it for you.\n\
         # base_url: https://example.org/upr-guide\n",
    );
    yaml
}

/// `text` as a YAML value: quoted if YAML would read it otherwise.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.contains([':', '#', '"', '\'', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`'])
        && !text.starts_with(['-', '?', ' '])
        && !text.ends_with(' ');
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimal_config_is_a_valid_config_naming_each_language() {
        let titles = [("fr".to_string(), "Notre guide : l'EPU".to_string()), ("ar".to_string(), "دليلنا".to_string())];
        let yaml = minimal_config(&["fr".into(), "ar".into(), "sw".into()], &titles);
        let config = crate::engine::config::Config::parse_with(
            Path::new("/s"),
            Path::new("uprkit.yaml"),
            &yaml,
            &["review_date", "brand"],
        )
        .unwrap();
        assert_eq!(config.title, "Notre guide : l'EPU");
        let names: Vec<&str> = config.languages.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Français", "العربية", "Kiswahili"]);
    }

    #[test]
    fn languages_are_checked() {
        assert!(check_languages(&["en".into(), "fr_FR".into()]).is_err());
        assert!(check_languages(&["en".into(), "en".into()]).is_err());
        assert!(check_languages(&["en".into(), "pt-BR".into()]).is_ok());
    }
}
