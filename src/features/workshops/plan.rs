//! Workshop files: `workshops/<name>.yaml`, and `workshops/<name>.<lang>.yaml`
//! for a language's own version of it, read and checked, each part and item
//! with the line it is written on (for errors that name it).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::duration::read_duration;
use crate::engine::config::{read_date, scalar_text, Config};
use crate::engine::error::{Diagnostic, Location};
use crate::engine::yaml;

/// Where workshops are, beside `content/`.
pub const DIR: &str = "workshops";

/// One workshop in one language.
#[derive(Debug, Clone)]
pub struct Workshop {
    /// The file's name without its language and extension: `half-day`.
    pub name: String,
    /// The language of a language's own version; `None` for the default one.
    pub lang: Option<String>,
    pub source: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    /// As written, checked to be a YYYY-MM-DD date.
    pub date: Option<String>,
    /// Minutes after midnight.
    pub start: u32,
    pub place: Option<String>,
    pub participants: Option<String>,
    pub materials: Vec<String>,
    pub parts: Vec<Part>,
}

/// A session, a break between sessions, or the start of another day.
#[derive(Debug, Clone)]
pub enum Part {
    Session {
        title: String,
        items: Vec<Item>,
    },
    Break {
        title: String,
        minutes: u32,
    },
    /// A workshop of several days: the clock starts again at `start`.
    Day {
        title: String,
        date: Option<String>,
        start: u32,
    },
}

/// What a session does, in order.
#[derive(Debug, Clone)]
pub struct Item {
    pub what: What,
    /// As written on the item; a page's own `duration:` stands in for it.
    pub minutes: Option<u32>,
    pub materials: Vec<String>,
    /// Where the item is written, for errors about it.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A page of the guide (its slug), or one section of it.
    Page { slug: String, anchor: Option<String> },
    /// Anything else: introductions, group work, a quiz.
    Activity(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorkshop {
    title: String,
    summary: Option<String>,
    date: Option<String>,
    start: Option<yaml::Value>,
    place: Option<String>,
    participants: Option<String>,
    materials: Option<Vec<String>>,
    sessions: Vec<RawPart>,
}

const WORKSHOP_KEYS: &[&str] = &["title", "summary", "date", "start", "place", "participants", "materials", "sessions"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    title: Option<String>,
    items: Option<Vec<RawItem>>,
    #[serde(rename = "break")]
    pause: Option<String>,
    duration: Option<yaml::Value>,
    day: Option<String>,
    date: Option<String>,
    start: Option<yaml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    page: Option<String>,
    activity: Option<String>,
    duration: Option<yaml::Value>,
    materials: Option<Vec<String>>,
}

/// Every workshop file of the toolkit, sorted by name and language.
pub fn load(config: &Config) -> Result<Vec<Workshop>, Vec<Diagnostic>> {
    let dir = config.root.join(DIR);
    let Ok(read) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
    let mut files: Vec<PathBuf> = read
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml"))
        .collect();
    files.sort();
    let mut workshops = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let relative = path.strip_prefix(&config.root).unwrap_or(&path).to_path_buf();
        let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let (name, lang) = match stem.rsplit_once('.') {
            Some((name, lang)) if config.language(lang).is_some() => (name.to_string(), Some(lang.to_string())),
            _ => (stem, None),
        };
        let lang = lang.filter(|lang| *lang != config.default_language().code);
        if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') || name.is_empty() {
            problems.push(
                Diagnostic::new(Location::file(&relative), format!("`{name}` cannot be a workshop's address"))
                    .with_help("name the file with small letters, digits and dashes, such as half-day.yaml"),
            );
            continue;
        }
        let text = match std::fs::read(&path).map(|bytes| crate::engine::content::loader::utf8(&relative, bytes)) {
            Ok(Ok(text)) => crate::engine::config::strip_bom(&text).to_string(),
            Ok(Err(problem)) => {
                problems.push(problem);
                continue;
            }
            Err(error) => {
                problems.push(Diagnostic::new(Location::file(&relative), format!("cannot read the file: {error}")));
                continue;
            }
        };
        match parse(&relative, &text, name, lang) {
            Ok(workshop) => workshops.push(workshop),
            Err(found) => problems.extend(found),
        }
    }
    for workshop in workshops.iter().filter(|w| w.lang.is_some()) {
        if !workshops.iter().any(|w| w.lang.is_none() && w.name == workshop.name) {
            problems.push(
                Diagnostic::new(
                    Location::file(&workshop.source),
                    format!("a translation of the workshop `{}`, which has no {DIR}/{}.yaml", workshop.name, workshop.name),
                )
                .with_help("a language's own version of a workshop sits beside the default language's: add it, or rename this file"),
            );
        }
    }
    if problems.is_empty() {
        Ok(workshops)
    } else {
        Err(problems)
    }
}

/// One workshop file.
pub fn parse(path: &Path, text: &str, name: String, lang: Option<String>) -> Result<Workshop, Vec<Diagnostic>> {
    let raw: RawWorkshop = yaml::parse(path, 1, text, WORKSHOP_KEYS).map_err(|problem| vec![problem])?;
    let lines = Lines::new(text);
    let mut problems = Vec::new();
    let at = |line: usize| Location::at(path, line, None);
    let key_line = |key: &str| crate::engine::config::line_of_key(text, key).unwrap_or(1);

    // A start time (the workshop's, or a day's), written on `line`.
    let time = |value: &Option<yaml::Value>, line: usize, what: &str, problems: &mut Vec<Diagnostic>| match value {
        None => {
            problems.push(
                Diagnostic::new(at(line), format!("{what} has no start time"))
                    .with_help("add a line such as `start: \"09:00\"`, so the agenda can show the time of each item"),
            );
            0
        }
        Some(value) => {
            let written = scalar_text(value);
            parse_time(&written).unwrap_or_else(|| {
                problems.push(
                    Diagnostic::new(at(line), format!("`{written}` is not a time of day"))
                        .with_help("write it on a 24-hour clock, in quotes: start: \"09:00\" or start: \"14:30\""),
                );
                0
            })
        }
    };
    let date = |date: &Option<String>, line: usize, problems: &mut Vec<Diagnostic>| {
        if let Some(Err(problem)) = date.as_deref().map(|date| read_date(date, at(line))) {
            problems.push(problem);
        }
    };
    let start_line = if raw.start.is_some() { key_line("start") } else { 1 };
    let start = time(&raw.start, start_line, "the workshop", &mut problems);
    date(&raw.date, key_line("date"), &mut problems);
    if raw.sessions.is_empty() {
        problems.push(
            Diagnostic::new(at(key_line("sessions")), "the workshop has no sessions")
                .with_help("list them under `sessions:`, each with a `title:` and its `items:`"),
        );
    }
    let duration = |value: &Option<yaml::Value>, line: usize, problems: &mut Vec<Diagnostic>| {
        read_duration(value.as_ref()?, at(line)).map_err(|problem| problems.push(problem)).ok()
    };

    let part_lines = lines.list_after("sessions:", 0, text.lines().count() + 1);
    let mut parts = Vec::new();
    for (n, part) in raw.sessions.into_iter().enumerate() {
        let line = part_lines.get(n).copied().unwrap_or_else(|| key_line("sessions"));
        let end = part_lines.get(n + 1).copied().unwrap_or(usize::MAX);
        if let Some(title) = part.day {
            if part.title.is_some() || part.items.is_some() || part.pause.is_some() || part.duration.is_some() {
                problems.push(
                    Diagnostic::new(at(line), format!("the day `{title}` has keys of a session or a break"))
                        .with_help("a day has `day:` (its name), `date:` and `start:`; list its sessions after it"),
                );
            }
            let start = time(
                &part.start,
                lines.key_in("start:", line, end).unwrap_or(line),
                &format!("the day `{title}`"),
                &mut problems,
            );
            date(&part.date, lines.key_in("date:", line, end).unwrap_or(line), &mut problems);
            parts.push(Part::Day { title, date: part.date, start });
            continue;
        }
        if part.date.is_some() || part.start.is_some() {
            problems.push(
                Diagnostic::new(at(line), "only a day has a `date:` and a `start:` of its own")
                    .with_help("start another day with `- day: Day 2`, then its `date:` and `start:`"),
            );
        }
        match (part.title, part.items, part.pause) {
            (None, None, Some(title)) => {
                let duration_line = lines.key_in("duration:", line, end).unwrap_or(line);
                let minutes = duration(&part.duration, duration_line, &mut problems);
                if part.duration.is_none() {
                    problems.push(
                        Diagnostic::new(at(line), format!("the break `{title}` has no duration"))
                            .with_help("add `duration: 15m` to it"),
                    );
                }
                parts.push(Part::Break { title, minutes: minutes.unwrap_or(0) });
            }
            (Some(title), Some(raw_items), None) => {
                if part.duration.is_some() {
                    problems.push(
                        Diagnostic::new(at(lines.key_in("duration:", line, end).unwrap_or(line)), format!("the session `{title}` has a duration of its own"))
                            .with_help("give each item its duration (or let the pages' `duration:` count): the session's is their sum"),
                    );
                }
                let item_lines = lines.list_after("items:", line, end);
                let mut items = Vec::new();
                for (i, item) in raw_items.into_iter().enumerate() {
                    let line = item_lines.get(i).copied().unwrap_or(line);
                    let item_end = item_lines.get(i + 1).copied().unwrap_or(end);
                    let duration_line = lines.key_in("duration:", line, item_end).unwrap_or(line);
                    let minutes = duration(&item.duration, duration_line, &mut problems);
                    let what = match (item.page, item.activity) {
                        (Some(page), None) => {
                            let page = page.trim().trim_start_matches("@/").trim_start_matches('/');
                            let (page, anchor) = match page.split_once('#') {
                                Some((page, anchor)) => (page, Some(anchor.to_string())),
                                None => (page, None),
                            };
                            let slug = page.strip_suffix(".md").unwrap_or(page);
                            let slug = slug.strip_suffix("/_index").unwrap_or(slug).trim_end_matches('/');
                            What::Page { slug: slug.to_string(), anchor }
                        }
                        (None, Some(activity)) => What::Activity(activity),
                        _ => {
                            problems.push(
                                Diagnostic::new(at(line), "an item is either a `page:` or an `activity:`")
                                    .with_help("write `page: preparation/stakeholder-reports` for a page of the guide, or `activity: Group work` with a `duration:`"),
                            );
                            continue;
                        }
                    };
                    if let What::Activity(activity) = &what {
                        if item.duration.is_none() {
                            problems.push(
                                Diagnostic::new(at(line), format!("the activity `{activity}` has no duration"))
                                    .with_help("add `duration: 30m` to it"),
                            );
                        }
                    }
                    items.push(Item { what, minutes, materials: item.materials.unwrap_or_default(), line });
                }
                parts.push(Part::Session { title, items });
            }
            _ => {
                problems.push(Diagnostic::new(at(line), "each entry of `sessions:` is a session or a break").with_help(
                    "a session has a `title:` and `items:`; a break has `break:` (its name) and `duration:`",
                ))
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Workshop {
        name,
        lang,
        source: path.to_path_buf(),
        title: raw.title,
        summary: raw.summary,
        date: raw.date,
        start,
        place: raw.place,
        participants: raw.participants,
        materials: raw.materials.unwrap_or_default(),
        parts,
    })
}

/// Minutes after midnight of a time on a 24-hour clock: `09:00`, `9:00`,
/// `14h30`, `9.30`.
pub fn parse_time(text: &str) -> Option<u32> {
    let (hours, minutes) = text.trim().split_once([':', 'h', 'H', '.'])?;
    let hours: u32 = hours.trim().parse().ok()?;
    let minutes: u32 = if minutes.trim().is_empty() { 0 } else { minutes.trim().parse().ok()? };
    (hours < 24 && minutes < 60 && text.trim().len() <= 5).then_some(hours * 60 + minutes)
}

/// The lines of a YAML file, to tell where each entry of a list starts.
struct Lines<'t> {
    lines: Vec<&'t str>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines { lines: text.lines().collect() }
    }

    /// The 1-based lines where the entries of the list under the first
    /// `key` between lines `from` and `to` start (block style only).
    fn list_after(&self, key: &str, from: usize, to: usize) -> Vec<usize> {
        let indent = |line: &str| line.len() - line.trim_start().len();
        let trimmed = |line: &str| line.trim_start().trim_start_matches("- ").trim_start().to_string();
        let Some(at) =
            (from.max(1)..to.min(self.lines.len() + 1)).find(|&n| trimmed(self.lines[n - 1]).starts_with(key))
        else {
            return Vec::new();
        };
        let Some(first) =
            (at + 1..to.min(self.lines.len() + 1)).find(|&n| self.lines[n - 1].trim_start().starts_with('-'))
        else {
            return Vec::new();
        };
        let level = indent(self.lines[first - 1]);
        let mut found = Vec::new();
        for n in first..to.min(self.lines.len() + 1) {
            let line = self.lines[n - 1];
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if indent(line) < level {
                break;
            }
            if indent(line) == level && line.trim_start().starts_with('-') {
                found.push(n);
            }
        }
        found
    }

    /// The first line between `from` and `to` (1-based, `to` excluded) on which `key` is written.
    fn key_in(&self, key: &str, from: usize, to: usize) -> Option<usize> {
        (from.max(1)..to.min(self.lines.len() + 1))
            .find(|&n| self.lines[n - 1].trim_start().trim_start_matches("- ").trim_start().starts_with(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKSHOP: &str = "title: A day on the UPR\ndate: 2027-03-15\nstart: \"09:00\"\nmaterials: [Badges]\nsessions:\n  - title: Before the review\n    items:\n      - activity: Introductions\n        duration: 15m\n      - page: preparation/stakeholder-reports#writing\n        duration: 1h\n        materials: [Flip chart]\n  - break: Coffee\n    duration: 15m\n  - title: After\n    items:\n      - page: follow-up/mid-term-report.md\n";

    fn read(text: &str) -> Result<Workshop, String> {
        parse(Path::new("workshops/day.yaml"), text, "day".into(), None)
            .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    }

    #[test]
    fn a_workshop_is_read_with_the_line_of_each_item() {
        let workshop = read(WORKSHOP).unwrap();
        assert_eq!(workshop.start, 9 * 60);
        assert_eq!(workshop.parts.len(), 3);
        let Part::Session { items, .. } = &workshop.parts[0] else { panic!("a session") };
        assert_eq!(items[0].what, What::Activity("Introductions".into()));
        assert_eq!((items[0].line, items[0].minutes), (8, Some(15)));
        assert_eq!(
            items[1].what,
            What::Page { slug: "preparation/stakeholder-reports".into(), anchor: Some("writing".into()) }
        );
        assert_eq!((items[1].line, items[1].minutes, items[1].materials.len()), (10, Some(60), 1));
        assert!(matches!(&workshop.parts[1], Part::Break { minutes: 15, .. }));
        let Part::Session { items, .. } = &workshop.parts[2] else { panic!("a session") };
        assert_eq!(items[0].what, What::Page { slug: "follow-up/mid-term-report".into(), anchor: None });
        assert_eq!((items[0].line, items[0].minutes), (17, None));
    }

    #[test]
    fn mistakes_name_their_line() {
        let error = read(&WORKSHOP.replace("duration: 1h\n", "duration: an hour\n")).unwrap_err();
        assert!(error.starts_with("workshops/day.yaml:11: `an hour` is not a duration"), "{error}");
        let error = read(&WORKSHOP.replace("        duration: 15m\n", "")).unwrap_err();
        assert!(error.starts_with("workshops/day.yaml:8: the activity `Introductions` has no duration"), "{error}");
        let error = read(&WORKSHOP.replace("\"09:00\"", "\"9 o'clock\"")).unwrap_err();
        assert!(error.starts_with("workshops/day.yaml:3: `9 o'clock` is not a time of day"), "{error}");
        let error =
            read(&WORKSHOP.replace("  - break: Coffee\n    duration: 15m\n", "  - break: Coffee\n")).unwrap_err();
        assert!(error.starts_with("workshops/day.yaml:13: the break `Coffee` has no duration"), "{error}");
        let error = read(&WORKSHOP.replace("date:", "dte:")).unwrap_err();
        assert!(error.contains("did you mean `date`?"), "{error}");
    }

    #[test]
    fn a_second_day_starts_the_clock_again() {
        let text = format!("{WORKSHOP}  - day: Day 2\n    date: 2027-03-17\n    start: \"13:30\"\n  - title: More\n    items:\n      - activity: Review\n        duration: 30m\n");
        let workshop = read(&text).unwrap();
        assert!(matches!(&workshop.parts[3], Part::Day { start: 810, .. }), "{:?}", workshop.parts[3]);
        let error = read(&text.replace("\"13:30\"", "\"1pm\"")).unwrap_err();
        assert!(error.starts_with("workshops/day.yaml:20: `1pm` is not a time of day"), "{error}");
    }

    #[test]
    fn times_of_day() {
        for (text, minutes) in [("09:00", 540), ("9:00", 540), ("14h30", 870), ("9.30", 570), ("13h", 780)] {
            assert_eq!(parse_time(text), Some(minutes), "{text}");
        }
        for text in ["25:00", "9", "noon", "09:60"] {
            assert_eq!(parse_time(text), None, "{text}");
        }
    }
}
