//! `uprkit.yaml`: read into raw serde structs, then checked into a [`Config`]
//! with resolved paths, languages and phases. The rest of the crate only sees
//! the checked type. Keys that belong to a feature (`review_date`) are kept
//! as written, with their line, for the feature to check
//! ([`Config::setting`]); any other key is an error.

mod audiences;
pub use audiences::audience_name;

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

use crate::engine::error::{did_you_mean, Diagnostic, Error, Location, Result};
use crate::engine::i18n::{Direction, Language};
use crate::engine::yaml;

use audiences::{check_audiences, RawAudience, AUDIENCE_KEYS};
pub use audiences::{Audience, BUILT_IN_AUDIENCES};

pub const CONFIG_FILE: &str = "uprkit.yaml";

/// The engine's keys. Unknown keys are found before this is read (features
/// have keys of their own), so it does not deny them itself.
#[derive(Debug, Deserialize)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    default_language: Option<String>,
    languages: Option<IndexMap<String, RawLanguage>>,
    phases: Option<Vec<RawPhase>>,
    pretty_urls: Option<bool>,
    theme: Option<String>,
    audiences: Option<Vec<RawAudience>>,
}

const CONFIG_KEYS: &[&str] =
    &["title", "base_url", "default_language", "languages", "phases", "pretty_urls", "theme", "audiences"];

/// A feature's key in uprkit.yaml (or in a page's front matter), as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub value: yaml::Value,
    /// Where it is, for the feature's error messages.
    pub location: Location,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    title: Option<String>,
    direction: Option<String>,
}

const LANGUAGE_KEYS: &[&str] = &["name", "title", "direction"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    id: String,
    color: Option<String>,
}

const PHASE_KEYS: &[&str] = &["id", "color"];

/// One phase of the UPR cycle, in cycle order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub id: String,
    /// A CSS colour for the phase; the theme has defaults for the usual three.
    pub color: Option<String>,
}

/// The checked configuration of one toolkit.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder holding `uprkit.yaml`.
    pub root: PathBuf,
    pub content_dir: PathBuf,
    pub static_dir: PathBuf,
    pub templates_dir: PathBuf,
    /// A site-local theme folder (`themes/<name>`), if `theme:` names one.
    pub theme_dir: Option<PathBuf>,
    pub title: String,
    /// Without a trailing slash.
    pub base_url: Option<String>,
    /// All languages, the default one first.
    pub languages: Vec<Language>,
    pub phases: Vec<Phase>,
    /// The audiences pages may name, in their order.
    pub audiences: Vec<Audience>,
    pub pretty_urls: bool,
    /// The features' keys, as written.
    settings: std::collections::BTreeMap<String, Setting>,
    /// Keys of pages' front matter that features read (`duration`): kept
    /// for them as written ([`FrontMatter::setting`]).
    ///
    /// [`FrontMatter::setting`]: crate::engine::content::front_matter::FrontMatter::setting
    pub page_keys: Vec<&'static str>,
    /// What the author should know without the build failing.
    pub warnings: Vec<Diagnostic>,
}

impl Config {
    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|language| language.code == code)
    }

    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|phase| phase.id == id)
    }

    pub fn audience(&self, id: &str) -> Option<&Audience> {
        self.audiences.iter().find(|audience| audience.id == id)
    }

    /// Sets the address the site is published at (`build --base-url`).
    pub fn set_base_url(&mut self, url: &str) -> std::result::Result<(), String> {
        let url = url.trim().trim_end_matches('/');
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!(
                "--base-url `{url}` is not an http(s) address: write the full address, e.g. https://example.org/guide"
            ));
        }
        self.base_url = Some(url.to_string());
        Ok(())
    }

    /// A feature's key, if uprkit.yaml sets it.
    pub fn setting(&self, key: &str) -> Option<&Setting> {
        self.settings.get(key)
    }

    /// Finds `uprkit.yaml` in `start` or the nearest folder above it, like cargo.
    pub fn find_root(start: &Path) -> Result<PathBuf> {
        let start = start.canonicalize().map_err(Error::io("cannot open folder", start))?;
        for dir in start.ancestors() {
            if dir.join(CONFIG_FILE).is_file() {
                return Ok(dir.to_path_buf());
            }
        }
        Err(Error::one(
            Diagnostic::new(Location::file(&start), format!("no {CONFIG_FILE} here or in any folder above"))
                .with_help("run uprkit inside a toolkit folder, pass --root DIR, or create one with `uprkit init DIR`"),
        ))
    }

    /// Reads and checks `<root>/uprkit.yaml`; `feature_keys` are the keys
    /// the features read themselves, `page_keys` those of pages' front
    /// matter.
    pub fn load(root: &Path, feature_keys: &[&str], page_keys: &[&'static str]) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(Error::io("cannot read", &path))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::one(Diagnostic::new(Location::file(&path), "not valid UTF-8").with_help("save the file as UTF-8"))
        })?;
        let mut config = Config::parse_with(root, Path::new(CONFIG_FILE), &text, feature_keys)?;
        config.page_keys = page_keys.to_vec();
        Ok(config)
    }

    /// Checks configuration text with no feature keys; `path` is only used
    /// in error messages.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config> {
        Config::parse_with(root, path, text, &[])
    }

    /// Checks configuration text; `feature_keys` are the keys the features
    /// read themselves.
    pub fn parse_with(root: &Path, path: &Path, text: &str, feature_keys: &[&str]) -> Result<Config> {
        let text = strip_bom(text);
        let text = if text.trim().is_empty() { "{}" } else { text };
        let at_key = |key: &str| match line_of_key(text, key) {
            Some(line) => Location::at(path, line, None),
            None => Location::file(path),
        };
        // Every unknown key at once; the features' keys kept for them.
        let document: yaml::Value =
            yaml::from_str(text).map_err(|error| Error::one(yaml::diagnostic(path, 1, &error, CONFIG_KEYS, text)))?;
        let mut problems = Vec::new();
        let mut settings = std::collections::BTreeMap::new();
        let known: Vec<&str> = CONFIG_KEYS.iter().chain(feature_keys).copied().collect();
        for (key, value) in document.as_mapping().into_iter().flatten() {
            let Some(key) = key.as_str() else { continue };
            if feature_keys.contains(&key) {
                settings.insert(key.to_string(), Setting { value: value.clone(), location: at_key(key) });
            } else if !CONFIG_KEYS.contains(&key) {
                problems.push(unknown_key(path, text, key, &known));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Content(problems));
        }
        let raw: RawConfig = yaml::from_str(text)
            .map_err(|error| Error::one(yaml::diagnostic(path, 1, &error, keys_for(&error), text)))?;

        let RawConfig { title, base_url, default_language, languages, phases, pretty_urls, theme, audiences } = raw;

        let title = title.ok_or_else(|| {
            Diagnostic::new(Location::file(path), "missing required key `title`")
                .with_help("add a line such as `title: Engaging with the UPR`")
        })?;

        let raw_languages = languages.unwrap_or_else(|| {
            IndexMap::from([("en".to_string(), RawLanguage { name: "English".into(), title: None, direction: None })])
        });
        let mut languages = Vec::with_capacity(raw_languages.len());
        for (code, RawLanguage { name, title, direction }) in raw_languages {
            let direction = match direction.as_deref() {
                None => None,
                Some("rtl") => Some(Direction::Rtl),
                Some("ltr") => Some(Direction::Ltr),
                Some(other) => {
                    return Err(Diagnostic::new(at_key("direction"), format!("unknown direction `{other}`"))
                        .with_help("use `rtl` or `ltr`, or leave it out to derive it from the language")
                        .into())
                }
            };
            let language = Language::new(&code, name, title, direction)
                .map_err(|message| Diagnostic::new(at_key(&code), message))?;
            languages.push(language);
        }
        if languages.is_empty() {
            return Err(Diagnostic::new(at_key("languages"), "`languages` is empty")
                .with_help("list at least one language, e.g. `en: { name: English }`")
                .into());
        }
        if let Some(default) = default_language {
            let Some(index) = languages.iter().position(|language| language.code == default) else {
                let codes = languages.iter().map(|l| l.code.as_str());
                // `EN` for `en`: the same code written another way.
                let same = languages.iter().find(|l| l.is_written_otherwise(&default));
                let same = same.map(|l| format!("did you mean `{}`? write it as under `languages:`", l.code));
                let help = same.or_else(|| did_you_mean(&default, codes)).unwrap_or("add it under `languages:`".into());
                return Err(Diagnostic::new(
                    at_key("default_language"),
                    format!("default_language `{default}` is not listed under `languages`"),
                )
                .with_help(help)
                .into());
            };
            let default = languages.remove(index);
            languages.insert(0, default);
        }

        let phases: Vec<Phase> = phases
            .unwrap_or_else(|| {
                ["preparation", "review", "follow-up"]
                    .into_iter()
                    .map(|id| RawPhase { id: id.to_string(), color: None })
                    .collect()
            })
            .into_iter()
            .map(|RawPhase { id, color }| Phase { id, color })
            .collect();
        for (i, phase) in phases.iter().enumerate() {
            if !is_slug(&phase.id) {
                return Err(Diagnostic::new(at_key(&phase.id), format!("phase id `{}` is not a slug", phase.id))
                    .with_help("use lowercase letters, digits and hyphens, e.g. `follow-up`")
                    .into());
            }
            if phases[..i].iter().any(|earlier| earlier.id == phase.id) {
                return Err(Diagnostic::new(at_key(&phase.id), format!("phase `{}` is listed twice", phase.id)).into());
            }
        }

        let audiences = check_audiences(audiences, &languages, path, text)?;

        let base_url = base_url.map(|url| url.trim_end_matches('/').to_string());
        if let Some(url) = &base_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(Diagnostic::new(at_key("base_url"), format!("base_url `{url}` is not an http(s) address"))
                    .with_help("write the full address, e.g. https://example.org/upr-toolkit")
                    .into());
            }
        }

        let theme_dir = match theme {
            None => None,
            Some(name) => {
                let dir = root.join("themes").join(&name);
                if !dir.is_dir() {
                    return Err(Diagnostic::new(
                        at_key("theme"),
                        format!("theme `{name}` not found at {}", dir.display()),
                    )
                    .with_help("create that folder, or remove `theme:` to use the built-in theme")
                    .into());
                }
                Some(dir)
            }
        };

        Ok(Config {
            root: root.to_path_buf(),
            content_dir: root.join("content"),
            static_dir: root.join("static"),
            templates_dir: root.join("templates"),
            theme_dir,
            title,
            base_url,
            languages,
            phases,
            audiences,
            pretty_urls: pretty_urls.unwrap_or(false),
            settings,
            page_keys: Vec::new(),
            warnings: comments_for_values(path, text),
        })
    }
}

/// Keys left without a value because YAML read it as a comment:
/// `colour: #7a2e8c` (a `#` after a space starts a comment, so `colour` is
/// empty). A comment as people write them (`# optional`) is left alone.
fn comments_for_values(path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let content = line.trim_start().trim_start_matches("- ");
        let Some((key, rest)) = content.split_once(':') else { continue };
        let key = key.trim();
        if key.is_empty() || key.starts_with('#') || !key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            continue;
        }
        let Some(after) = rest.strip_prefix([' ', '\t']).map(str::trim_start).and_then(|r| r.strip_prefix('#')) else {
            continue;
        };
        if after.is_empty() || after.starts_with(char::is_whitespace) {
            continue;
        }
        let value = format!("#{}", after.trim_end());
        out.push(
            Diagnostic::new(
                Location::at(path, index + 1, None),
                format!("`{key}` has no value: YAML reads `{value}` as a comment"),
            )
            .with_help(format!("put the value in quotes: `{key}: \"{value}\"`")),
        );
    }
    out
}

/// An unknown top-level key, placed at its line, with a did-you-mean.
fn unknown_key(path: &Path, text: &str, key: &str, known: &[&str]) -> Diagnostic {
    let location = match line_of_key(text, key) {
        Some(line) => Location::at(path, line, Some(1)),
        None => Location::file(path),
    };
    let list = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    // A key of a language, a phase or an audience that lost its indentation.
    let belongs = [
        (LANGUAGE_KEYS, "a language, under its code (`  fr: { name: Français }`)"),
        (PHASE_KEYS, "a phase, in the list under `phases:`"),
        (AUDIENCE_KEYS, "an audience, in the list under `audiences:`"),
    ];
    if let Some((_, owner)) = belongs.iter().find(|(keys, _)| keys.contains(&key)) {
        return Diagnostic::new(location, format!("`{key}:` is at the top level, but it is a key of {owner}"))
            .with_help(format!("indent `{key}:` under what it belongs to, with spaces"));
    }
    let help = match did_you_mean(key, known.iter().copied()) {
        Some(suggestion) => format!("{suggestion} (known keys: {list})"),
        None => format!("remove it or use one of the known keys: {list}"),
    };
    Diagnostic::new(location, format!("unknown key `{key}`")).with_help(help)
}

/// Chooses the key list for a did-you-mean, by where the unknown key sits.
fn keys_for(error: &yaml::Error) -> &'static [&'static str] {
    let message = error.to_string();
    let expects = |keys: &[&str]| keys.iter().all(|key| message.contains(&format!("`{key}`")));
    if expects(LANGUAGE_KEYS) {
        LANGUAGE_KEYS
    } else if expects(PHASE_KEYS) && !expects(CONFIG_KEYS) {
        PHASE_KEYS
    } else if expects(AUDIENCE_KEYS) && !expects(CONFIG_KEYS) {
        AUDIENCE_KEYS
    } else {
        CONFIG_KEYS
    }
}

/// The 1-based line on which `key:` (or `- id: key`) first appears, for errors
/// found after deserializing, when the YAML reader no longer knows the place.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches("- ");
            line.starts_with(&format!("{key}:"))
                || line.strip_prefix("id:").is_some_and(|value| value.trim().trim_matches(['"', '\'']) == key)
        })
        .map(|index| index + 1)
}

/// A YAML scalar as the text an author wrote: a string trimmed, a number
/// or boolean as written (`start: 9`, `16.10` read as 16.1), nothing as "".
pub fn scalar_text(value: &yaml::Value) -> String {
    match value {
        yaml::Value::String(text) => text.trim().to_string(),
        yaml::Value::Null => String::new(),
        other => yaml::to_string(other).unwrap_or_default().trim().to_string(),
    }
}

/// Text without the byte-order mark some editors (Windows Notepad) put at
/// the start of a UTF-8 file.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The date `text` is, or an error at `at` saying how to write one.
pub fn read_date(text: &str, at: Location) -> std::result::Result<time::Date, Diagnostic> {
    parse_date(text).ok_or_else(|| {
        Diagnostic::new(at, format!("`{text}` is not a date")).with_help("write it as YYYY-MM-DD, e.g. 2027-05-04")
    })
}

pub fn parse_date(text: &str) -> Option<time::Date> {
    time::Date::parse(text, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// Lowercase ASCII letters, digits and inner hyphens.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/site"), Path::new("uprkit.yaml"), text)
    }

    #[test]
    fn defaults_to_english_and_three_phases() {
        let config = parse("title: T\n").unwrap();
        assert_eq!(config.default_language().code, "en");
        let phases: Vec<_> = config.phases.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(phases, ["preparation", "review", "follow-up"]);
    }

    #[test]
    fn default_language_comes_first_and_arabic_is_rtl() {
        let config =
            parse("title: T\ndefault_language: fr\nlanguages:\n  ar: { name: A }\n  fr: { name: F }\n").unwrap();
        assert_eq!(config.languages[0].code, "fr");
        assert_eq!(config.language("ar").unwrap().direction, Direction::Rtl);
        // In capitals, it is named as `languages:` writes it.
        let error = parse("title: T\ndefault_language: EN\nlanguages:\n  en: { name: E }\n").unwrap_err();
        assert!(error.to_string().contains("did you mean `en`?"), "{error}");
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        let error = parse("title: T\nbase_ulr: x\n").unwrap_err().to_string();
        assert!(error.starts_with("uprkit.yaml:2:1: unknown key `base_ulr`"), "{error}");
        assert!(error.contains("did you mean `base_url`?"), "{error}");
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let config = parse("\u{feff}title: T\nlanguages:\n  fr: { name: Français }\n").unwrap();
        assert_eq!(config.title, "T");
    }

    #[test]
    fn every_unknown_key_is_reported_and_feature_keys_are_kept() {
        let error = Config::parse_with(
            Path::new("/s"),
            Path::new("uprkit.yaml"),
            "title: T\nbase_ulr: x\nreveiw_date: y\n",
            &["review_date"],
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("uprkit.yaml:2:1: unknown key `base_ulr`"), "{error}");
        assert!(error.contains("uprkit.yaml:3:1: unknown key `reveiw_date`"), "{error}");
        assert!(error.contains("did you mean `review_date`?"), "{error}");
        let config = Config::parse_with(
            Path::new("/s"),
            Path::new("uprkit.yaml"),
            "title: T\nreview_date: 2027-05-04\n",
            &["review_date"],
        )
        .unwrap();
        let setting = config.setting("review_date").unwrap();
        assert_eq!(setting.value.as_str(), Some("2027-05-04"));
        assert_eq!(setting.location.to_string(), "uprkit.yaml:2");
    }
}
