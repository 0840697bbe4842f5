//! The YAML front matter between `---` fences: splitting it from the body,
//! then raw deserialization and checking into a [`FrontMatter`].

use std::path::Path;

use serde::Deserialize;

use crate::engine::config::{line_of_key, read_date, Config, Setting};
use crate::engine::error::{did_you_mean, value_diagnostic, Diagnostic, Location};
use crate::engine::yaml;

/// Front matter and body of one file, with the body's first line number.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// Separates the front matter from the body. The file must open with a
/// `---` line and the front matter must be closed by another.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let opening = lines.next().unwrap_or("");
    if opening.trim_end() != "---" {
        return Err(Diagnostic::new(Location::at(path, 1, Some(1)), "the page has no front matter")
            .with_help("start the file with a `---` line, then `title: …`, then another `---` line"));
    }
    let yaml_start = opening.len();
    let mut offset = yaml_start;
    for (index, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[offset + line.len()..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(Location::at(path, 1, Some(1)), "the front matter opened here is never closed")
        .with_help("add a line with only `---` after the last front-matter key"))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    phase: Option<String>,
    weight: Option<i64>,
    summary: Option<String>,
    audience: Option<Vec<String>>,
    contributors: Option<Vec<String>>,
    updated: Option<String>,
    draft: Option<bool>,
    source_hash: Option<String>,
    placement: Option<String>,
    extra: Option<yaml::Value>,
}

const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "phase",
    "weight",
    "summary",
    "audience",
    "contributors",
    "updated",
    "draft",
    "source_hash",
    "placement",
    "extra",
];

/// Where a page stands among its neighbours: with them, ordered by
/// weight (pages before sections, sections in cycle order), or after all
/// of them (`placement: end`: About, Credits after the phases).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Placement {
    #[default]
    Start,
    End,
}

/// Checked front matter of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub phase: Option<String>,
    pub weight: i64,
    pub summary: Option<String>,
    pub audience: Vec<String>,
    pub contributors: Vec<String>,
    /// As written, already checked to be a YYYY-MM-DD date.
    pub updated: Option<String>,
    pub draft: bool,
    pub source_hash: Option<String>,
    pub placement: Placement,
    /// The keys features read (`duration: 45m` for workshops), as written,
    /// with where they are: each feature checks its own.
    pub settings: std::collections::BTreeMap<String, Setting>,
    /// Free-form data for custom templates; never checked.
    pub extra: yaml::Value,
}

impl FrontMatter {
    /// The keys whose values differ between `self` and `other`, as authors
    /// write them (`title`, `audience`): what `serve` tells features after
    /// an edit.
    pub fn changed_keys(&self, other: &FrontMatter) -> Vec<String> {
        let pairs: [(&'static str, bool); 11] = [
            ("title", self.title != other.title),
            ("phase", self.phase != other.phase),
            ("weight", self.weight != other.weight),
            ("summary", self.summary != other.summary),
            ("audience", self.audience != other.audience),
            ("contributors", self.contributors != other.contributors),
            ("updated", self.updated != other.updated),
            ("draft", self.draft != other.draft),
            ("source_hash", self.source_hash != other.source_hash),
            ("placement", self.placement != other.placement),
            ("extra", self.extra != other.extra),
        ];
        let mut keys: Vec<String> =
            pairs.into_iter().filter(|(_, changed)| *changed).map(|(key, _)| key.to_string()).collect();
        let value = |front: &FrontMatter, key: &str| front.settings.get(key).map(|setting| setting.value.clone());
        for key in self.settings.keys().chain(other.settings.keys()) {
            if value(self, key) != value(other, key) && !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        keys
    }

    /// A key a feature reads, as written, with where it is.
    pub fn setting(&self, key: &str) -> Option<&Setting> {
        self.settings.get(key)
    }

    /// Parses and checks the YAML of a split file, reporting every problem
    /// at once. `is_default_language` tells whether `source_hash` is allowed
    /// (only on translations).
    pub fn parse(path: &Path, yaml: &str, config: &Config, is_default_language: bool) -> Result<Self, Vec<Diagnostic>> {
        let yaml_text = if yaml.trim().is_empty() { "{}" } else { yaml };
        let mut problems = Vec::new();
        // Lines of keys, shifted past the opening `---`.
        let at_key = |key: &str| match line_of_key(yaml, key) {
            Some(line) => Location::at(path, line + 1, None),
            None => Location::at(path, 1, None),
        };
        let mut settings = std::collections::BTreeMap::new();
        let raw: RawFrontMatter = match yaml::from_str(yaml_text) {
            Ok(raw) => raw,
            Err(error) if error.to_string().contains("unknown field `") => {
                // Keep features' keys for them; say every unknown key, then
                // check the others as if they were not there.
                let (raw, kept, found) = without_unknown_keys(path, yaml, yaml_text, &config.page_keys)?;
                settings = kept;
                problems.extend(found);
                raw
            }
            Err(error) => return Err(vec![yaml::diagnostic(path, 2, &error, FRONT_MATTER_KEYS, yaml)]),
        };
        let RawFrontMatter {
            title,
            phase,
            weight,
            summary,
            audience,
            contributors,
            updated,
            draft,
            source_hash,
            placement,
            extra,
        } = raw;

        let title = title.filter(|title| !title.trim().is_empty());
        if title.is_none() {
            problems.push(
                Diagnostic::new(at_key("title"), "missing required key `title`")
                    .with_help("add a line such as `title: National consultations` to the front matter"),
            );
        }
        if let Some(phase) = &phase {
            if config.phase(phase).is_none() {
                let ids = config.phases.iter().map(|p| p.id.as_str());
                let known = config.phases.iter().map(|p| format!("`{}`", p.id)).collect::<Vec<_>>().join(", ");
                let help = match did_you_mean(phase, ids) {
                    Some(suggestion) => format!("{suggestion} (phases in uprkit.yaml: {known})"),
                    None => format!("use one of the phases in uprkit.yaml: {known}"),
                };
                problems.push(Diagnostic::new(at_key("phase"), format!("unknown phase `{phase}`")).with_help(help));
            }
        }
        let audience = audience.unwrap_or_default();
        for actor in &audience {
            if config.audience(actor).is_none() {
                let ids = config.audiences.iter().map(|audience| audience.id.as_str());
                let known = ids.clone().collect::<Vec<_>>().join(", ");
                let help = match did_you_mean(actor, ids) {
                    Some(suggestion) => format!("{suggestion} (audiences: {known})"),
                    None => format!("use one of: {known}"),
                };
                problems
                    .push(Diagnostic::new(at_key("audience"), format!("unknown audience `{actor}`")).with_help(help));
            }
        }
        if let Some(Err(problem)) = updated.as_deref().map(|date| read_date(date, at_key("updated"))) {
            problems.push(problem);
        }
        let placement = match placement.as_deref().map(str::trim) {
            None | Some("start") => Placement::Start,
            Some("end") => Placement::End,
            Some(other) => {
                problems.push(Diagnostic::new(at_key("placement"), format!("unknown placement `{other}`")).with_help(
                    "write `placement: end` to put the page after its neighbours (the phases), or leave it out",
                ));
                Placement::Start
            }
        };
        if source_hash.is_some() && is_default_language {
            problems.push(
                Diagnostic::new(at_key("source_hash"), "`source_hash` on a page in the default language")
                    .with_help("source_hash records which version of the source a translation follows: remove it here"),
            );
        }
        match title {
            Some(title) if problems.is_empty() => Ok(FrontMatter {
                title,
                phase,
                weight: weight.unwrap_or(0),
                summary,
                audience,
                contributors: contributors.unwrap_or_default(),
                updated,
                draft: draft.unwrap_or(false),
                source_hash,
                placement,
                settings,
                extra: extra.unwrap_or(yaml::Value::Null),
            }),
            _ => Err(problems),
        }
    }
}

/// The front matter read without its unknown keys, the keys features read
/// (kept for them), and a problem for each other unknown key.
type WithoutUnknownKeys = (RawFrontMatter, std::collections::BTreeMap<String, Setting>, Vec<Diagnostic>);

/// Front matter with keys serde does not know: those features read, kept
/// for them with their place; a problem for each other one; and the rest
/// read without them (a wrong value there is placed on its key's line).
fn without_unknown_keys(
    path: &Path,
    yaml: &str,
    yaml_text: &str,
    page_keys: &[&'static str],
) -> Result<WithoutUnknownKeys, Vec<Diagnostic>> {
    let syntax = |error: yaml::Error| vec![yaml::diagnostic(path, 2, &error, FRONT_MATTER_KEYS, yaml)];
    let mut value: yaml::Value = yaml::from_str(yaml_text).map_err(syntax)?;
    let mut problems = Vec::new();
    let mut settings = std::collections::BTreeMap::new();
    let known_keys: Vec<&str> = FRONT_MATTER_KEYS.iter().chain(page_keys).copied().collect();
    if let Some(mapping) = value.as_mapping_mut() {
        let unknown: Vec<yaml::Value> = mapping
            .keys()
            .filter(|key| !key.as_str().is_some_and(|key| FRONT_MATTER_KEYS.contains(&key)))
            .cloned()
            .collect();
        for key in unknown {
            let removed = mapping.remove(&key);
            let name = key.as_str().map_or_else(|| format!("{key:?}"), str::to_string);
            if let Some(&feature_key) = page_keys.iter().find(|page_key| **page_key == name) {
                let line = line_of_key(yaml, feature_key).map_or(1, |line| line + 1);
                let setting = Setting { value: removed.unwrap_or_default(), location: Location::at(path, line, None) };
                settings.insert(name, setting);
                continue;
            }
            let location = match line_of_key(yaml, &name) {
                Some(line) => {
                    let line_text = yaml.lines().nth(line - 1).unwrap_or("");
                    let column = line_text.len() - line_text.trim_start().len() + 1;
                    Location::at(path, line + 1, Some(column))
                }
                None => Location::at(path, 1, None),
            };
            let known = known_keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let help = match did_you_mean(&name, known_keys.iter().copied()) {
                Some(suggestion) => format!("{suggestion} (known keys: {known})"),
                None => format!("remove it or use one of the known keys: {known}"),
            };
            problems.push(Diagnostic::new(location, format!("unknown key `{name}`")).with_help(help));
        }
    }
    match yaml::from_value::<RawFrontMatter>(value.clone()) {
        Ok(raw) => Ok((raw, settings, problems)),
        Err(_) => {
            // Which keys hold a wrong value: each alone.
            for (key, field) in value.as_mapping().into_iter().flatten() {
                let alone = yaml::Mapping::from_iter([(key.clone(), field.clone())]);
                if let Err(error) = yaml::from_value::<RawFrontMatter>(yaml::Value::Mapping(alone)) {
                    let name = key.as_str().unwrap_or_default();
                    let location = match line_of_key(yaml, name) {
                        Some(line) => Location::at(path, line + 1, None),
                        None => Location::at(path, 1, None),
                    };
                    problems.push(value_diagnostic(location, name, &error.to_string()));
                }
            }
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn config() -> Config {
        Config::parse(Path::new("/s"), Path::new("uprkit.yaml"), "title: T\n").unwrap()
    }

    fn parse(text: &str) -> Result<FrontMatter, String> {
        let path = PathBuf::from("p.md");
        let split = split(&path, text).map_err(|d| d.to_string())?;
        FrontMatter::parse(&path, split.yaml, &config(), true)
            .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    }

    #[test]
    fn splits_body_and_counts_lines() {
        let split = split(Path::new("p.md"), "---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(split, Split { yaml: "title: A\n", body: "Body\n", body_line: 4 });
        let crlf = super::split(Path::new("p.md"), "---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(crlf.body, "Body");
    }

    #[test]
    fn keys_features_read_are_kept_for_them_with_their_line() {
        let mut config = config();
        config.page_keys = vec!["duration"];
        let path = PathBuf::from("p.md");
        let text = "---\ntitle: A\nduration: an hour\n---\n";
        let split = split(&path, text).unwrap();
        let page = FrontMatter::parse(&path, split.yaml, &config, true).unwrap();
        let setting = page.setting("duration").unwrap();
        assert_eq!((setting.value.as_str(), setting.location.line), (Some("an hour"), Some(3)));
        // Without a feature that reads it, it is an unknown key.
        let error = parse(text).unwrap_err();
        assert!(error.starts_with("p.md:3:1: unknown key `duration`"), "{error}");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let error = parse("---\ntitle: A\nBody\n").unwrap_err();
        assert!(error.starts_with("p.md:1:1: the front matter opened here is never closed"), "{error}");
    }

    #[test]
    fn unknown_key_is_placed_after_the_fence() {
        let error = parse("---\ntitle: A\nphse: review\n---\n").unwrap_err();
        assert!(error.starts_with("p.md:3:1: unknown key `phse`"), "{error}");
        assert!(error.contains("did you mean `phase`?"), "{error}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let error = parse("---\ntitle: A\nphse: review\naudience: [cso, ngo]\ncolour: red\n---\n").unwrap_err();
        let lines: Vec<&str> = error.lines().filter(|line| !line.starts_with("  help")).collect();
        assert_eq!(
            lines,
            ["p.md:3:1: unknown key `phse`", "p.md:5:1: unknown key `colour`", "p.md:4: unknown audience `ngo`"],
            "{error}"
        );
        let error = parse("---\nphse: review\nweight: ten\n---\n").unwrap_err();
        assert!(error.contains("p.md:3: `weight` must be a whole number, not the text \"ten\""), "{error}");
    }

    #[test]
    fn missing_title_and_bad_phase() {
        assert!(parse("---\nweight: 3\n---\n").unwrap_err().contains("missing required key `title`"));
        let error = parse("---\ntitle: A\nphase: reveiw\n---\n").unwrap_err();
        assert!(error.starts_with("p.md:3: unknown phase `reveiw`"), "{error}");
        assert!(error.contains("did you mean `review`?"), "{error}");
    }

    #[test]
    fn malformed_yaml_names_the_line() {
        let error = parse("---\ntitle: A\nsummary: [unclosed\n---\n").unwrap_err();
        assert!(error.starts_with("p.md:"), "{error}");
    }
}
