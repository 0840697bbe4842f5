//! The YAML front matter between `---` fences: splitting it from the body,
//! then raw deserialization and checking into a [`FrontMatter`].

use std::path::Path;

use serde::Deserialize;

use crate::engine::config::{line_of_key, read_date, Config};
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
    duration: Option<yaml::Value>,
    materials: Option<Vec<String>>,
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
    "duration",
    "materials",
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
    /// How long the page takes to teach in a workshop, in minutes
    /// (`duration: 45m`); a workshop's agenda takes it when it lists the
    /// page without a duration of its own.
    pub duration: Option<u32>,
    /// What a trainer prepares to teach the page (`materials: [Flip chart]`),
    /// listed on the agendas of the workshops that use it.
    pub materials: Vec<String>,
    /// Free-form data for custom templates; never checked.
    pub extra: yaml::Value,
}

impl FrontMatter {
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
        let raw: RawFrontMatter = match yaml::from_str(yaml_text) {
            Ok(raw) => raw,
            Err(error) if error.to_string().contains("unknown field `") => {
                // Say every unknown key, then check the others as if they were not there.
                let (raw, found) = without_unknown_keys(path, yaml, yaml_text)?;
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
            duration,
            materials,
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
        let duration = duration
            .as_ref()
            .and_then(|value| read_duration(value, at_key("duration")).map_err(|problem| problems.push(problem)).ok());
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
                duration,
                materials: materials.unwrap_or_default(),
                extra: extra.unwrap_or(yaml::Value::Null),
            }),
            _ => Err(problems),
        }
    }
}

/// Minutes in a duration as trainers write it: `45m`, `45 min`, `1h`,
/// `1h30m`, `1 h 30`, `1.5h`, or a bare number of minutes. `None` for
/// anything else, and for nothing at all.
pub fn parse_duration(text: &str) -> Option<u32> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return None;
    }
    if let Ok(minutes) = text.parse::<u32>() {
        return Some(minutes);
    }
    let mut total = 0.0_f64;
    let mut rest = text.as_str();
    let mut last_unit = None;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let number_end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let number: f64 = rest[..number_end].parse().ok()?;
        rest = rest[number_end..].trim_start();
        let unit_end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let factor = match &rest[..unit_end] {
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            // `1h30`: minutes after hours.
            "" if last_unit == Some(60.0) => 1.0,
            _ => return None,
        };
        if last_unit.is_some_and(|last| factor >= last) {
            return None;
        }
        last_unit = Some(factor);
        total += number * factor;
        rest = &rest[unit_end..];
    }
    (total.fract() == 0.0 && total > 0.0 && total < 100_000.0).then_some(total as u32)
}

/// The minutes of a `duration:` value, or an error at `at` saying how to
/// write one (for pages' front matter and workshops' items alike).
pub fn read_duration(value: &yaml::Value, at: Location) -> Result<u32, Diagnostic> {
    let text = crate::engine::config::scalar_text(value);
    parse_duration(&text).ok_or_else(|| {
        Diagnostic::new(at, format!("`{text}` is not a duration"))
            .with_help("write minutes and hours as 45m, 1h or 1h30m")
    })
}

/// Front matter with unknown keys: a problem for each, and the rest read
/// without them (a wrong value there is placed on its key's line).
fn without_unknown_keys(
    path: &Path,
    yaml: &str,
    yaml_text: &str,
) -> Result<(RawFrontMatter, Vec<Diagnostic>), Vec<Diagnostic>> {
    let syntax = |error: yaml::Error| vec![yaml::diagnostic(path, 2, &error, FRONT_MATTER_KEYS, yaml)];
    let mut value: yaml::Value = yaml::from_str(yaml_text).map_err(syntax)?;
    let mut problems = Vec::new();
    if let Some(mapping) = value.as_mapping_mut() {
        let unknown: Vec<yaml::Value> = mapping
            .keys()
            .filter(|key| !key.as_str().is_some_and(|key| FRONT_MATTER_KEYS.contains(&key)))
            .cloned()
            .collect();
        for key in unknown {
            mapping.remove(&key);
            let name = key.as_str().map_or_else(|| format!("{key:?}"), str::to_string);
            let location = match line_of_key(yaml, &name) {
                Some(line) => {
                    let line_text = yaml.lines().nth(line - 1).unwrap_or("");
                    let column = line_text.len() - line_text.trim_start().len() + 1;
                    Location::at(path, line + 1, Some(column))
                }
                None => Location::at(path, 1, None),
            };
            let known = FRONT_MATTER_KEYS.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let help = match did_you_mean(&name, FRONT_MATTER_KEYS.iter().copied()) {
                Some(suggestion) => format!("{suggestion} (known keys: {known})"),
                None => format!("remove it or use one of the known keys: {known}"),
            };
            problems.push(Diagnostic::new(location, format!("unknown key `{name}`")).with_help(help));
        }
    }
    match yaml::from_value::<RawFrontMatter>(value.clone()) {
        Ok(raw) => Ok((raw, problems)),
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
    fn durations_as_trainers_write_them() {
        for (text, minutes) in
            [("45m", 45), ("45 min", 45), ("1h", 60), ("1h30m", 90), ("1 h 30", 90), ("1.5h", 90), ("20", 20)]
        {
            assert_eq!(parse_duration(text), Some(minutes), "{text}");
        }
        for text in ["", "soon", "30m1h", "45 s", "0m", "1.25m"] {
            assert_eq!(parse_duration(text), None, "{text}");
        }
        let page = parse("---\ntitle: A\nduration: 1h15m\nmaterials: [Flip chart]\n---\n").unwrap();
        assert_eq!((page.duration, page.materials), (Some(75), vec!["Flip chart".to_string()]));
        let error = parse("---\ntitle: A\nduration: an hour\n---\n").unwrap_err();
        assert!(error.starts_with("p.md:3: `an hour` is not a duration"), "{error}");
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
