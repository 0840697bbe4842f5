//! The audiences of `audience:` in front matter: the seven built-in ones,
//! or those uprkit.yaml lists under `audiences:` with their names.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use super::{is_slug, line_of_key};
use crate::engine::error::{did_you_mean, Diagnostic, Error, Location, Result};
use crate::engine::i18n::Language;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAudience {
    pub(super) id: String,
    pub(super) name: Option<Names>,
}

/// A name for every language, or one per language.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Names {
    One(String),
    PerLanguage(IndexMap<String, String>),
}

pub(super) const AUDIENCE_KEYS: &[&str] = &["id", "name"];

/// The actors pages speak to (`audience:` in front matter) unless
/// uprkit.yaml lists its own; the theme names them in each language.
pub const BUILT_IN_AUDIENCES: &[&str] = &["cso", "nhri", "ingo", "state", "media", "parliament", "academia"];

/// An actor a page can speak to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    pub id: String,
    /// Its name by language code, as uprkit.yaml gives it (`*` for every
    /// language); empty for the built-in ones, which the theme names.
    pub names: std::collections::BTreeMap<String, String>,
}

/// The audiences uprkit.yaml lists, or the built-in ones: ids are slugs,
/// each once, named in languages the guide has.
pub(super) fn check_audiences(
    raw: Option<Vec<RawAudience>>,
    languages: &[Language],
    path: &Path,
    text: &str,
) -> Result<Vec<Audience>> {
    let Some(raw) = raw else {
        return Ok(BUILT_IN_AUDIENCES
            .iter()
            .map(|id| Audience { id: id.to_string(), names: std::collections::BTreeMap::new() })
            .collect());
    };
    let at = |key: &str| match line_of_key(text, key) {
        Some(line) => Location::at(path, line, None),
        None => Location::file(path),
    };
    let mut problems = Vec::new();
    let mut audiences: Vec<Audience> = Vec::new();
    for RawAudience { id, name } in raw {
        if !is_slug(&id) {
            problems.push(
                Diagnostic::new(at(&id), format!("audience id `{id}` is not a slug"))
                    .with_help("use lowercase letters, digits and hyphens, e.g. `local-authorities`"),
            );
        } else if audiences.iter().any(|earlier| earlier.id == id) {
            problems.push(Diagnostic::new(at(&id), format!("audience `{id}` is listed twice")));
        }
        let names = match name {
            None => std::collections::BTreeMap::new(),
            Some(Names::One(name)) => std::collections::BTreeMap::from([("*".to_string(), name)]),
            Some(Names::PerLanguage(names)) => {
                for code in names.keys().filter(|code| !languages.iter().any(|l| &l.code == *code)) {
                    let codes = languages.iter().map(|l| l.code.as_str());
                    let help = did_you_mean(code, codes)
                        .unwrap_or_else(|| "name it in the languages under `languages:`".into());
                    problems.push(
                        Diagnostic::new(
                            at(&id),
                            format!("audience `{id}` has a name in `{code}`, which is not a language of this guide"),
                        )
                        .with_help(help),
                    );
                }
                names.into_iter().collect()
            }
        };
        audiences.push(Audience { id, names });
    }
    if audiences.is_empty() {
        problems.push(Diagnostic::new(at("audiences"), "`audiences` is empty").with_help(
            "list at least one, e.g. `- { id: cso, name: Civil society }`, or remove the key for the built-in ones",
        ));
    }
    if problems.is_empty() {
        Ok(audiences)
    } else {
        Err(Error::Content(problems))
    }
}

/// An audience's name in `lang`: as uprkit.yaml names it there (or for
/// every language, or in the default language), else as the theme does
/// (`audience_<id>`), else its id.
pub fn audience_name(config: &super::Config, strings: &crate::engine::i18n::UiStrings, id: &str, lang: &str) -> String {
    let names = config.audience(id).map(|audience| &audience.names);
    let default = &config.default_language().code;
    names
        .and_then(|names| names.get(lang).or_else(|| names.get("*")).or_else(|| names.get(default)))
        .cloned()
        .unwrap_or_else(|| crate::engine::i18n::string_or(strings, &format!("audience_{id}"), id))
}
