//! Durations as trainers write them (`45m`, `1h30`), in workshops' plans
//! and in pages' front matter (`duration:`); and the front-matter keys the
//! workshops read on pages (`duration`, `materials`), checked when the
//! workshops load.

use crate::engine::config::Setting;
use crate::engine::content::Page;
use crate::engine::error::{Diagnostic, Location};

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
pub fn read_duration(value: &crate::engine::yaml::Value, at: Location) -> Result<u32, Diagnostic> {
    let text = crate::engine::config::scalar_text(value);
    parse_duration(&text).ok_or_else(|| {
        Diagnostic::new(at, format!("`{text}` is not a duration"))
            .with_help("write minutes and hours as 45m, 1h or 1h30m")
    })
}

/// The keys of pages' front matter workshops read.
pub const PAGE_KEYS: &[&str] = &["duration", "materials"];

/// What a trainer prepares to teach a page (`materials: [Flip chart]`),
/// listed on the agendas of the workshops that use it.
pub fn page_materials(setting: Option<&Setting>) -> Vec<String> {
    setting.and_then(|setting| crate::engine::yaml::from_value(setting.value.clone()).ok()).unwrap_or_default()
}

/// What is wrong with the workshops' keys of the pages' front matter; and,
/// in `warnings`, the materials that say "this page": listed away from the
/// page (on an agenda, under "What to prepare"), they name no page.
pub fn check_pages(pages: &[Page], warnings: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for page in pages {
        if let Some(setting) = page.front.setting("duration") {
            if let Err(problem) = read_duration(&setting.value, setting.location.clone()) {
                problems.push(problem);
            }
        }
        if let Some(setting) = page.front.setting("materials") {
            match crate::engine::yaml::from_value::<Vec<String>>(setting.value.clone()) {
                Ok(materials) => warnings.extend(
                    materials.iter().filter_map(|material| naming_this_page(material, &page.front.title, setting)),
                ),
                Err(_) => problems.push(
                    Diagnostic::new(setting.location.clone(), "`materials` must be a list")
                        .with_help("write for example `materials: [Flip chart, Printed report template]`"),
                ),
            }
        }
    }
    problems
}

/// Words for "this page" (or "this section") in the six UN languages, as
/// a material names where it is read: on an agenda's "What to prepare" the
/// page is not in sight, so they name nothing.
const THIS_PAGE: &[&str] = &[
    "this page",
    "this section",
    "cette page",
    "cette section",
    "esta página",
    "esta sección",
    "هذه الصفحة",
    "هذا القسم",
    "эта страница",
    "этой страниц",
    "эту страницу",
    "этот раздел",
    "этого раздела",
    "本页",
    "此页",
    "这一页",
    "本节",
];

/// A warning if `material`, of the page titled `title`, says "this page"
/// (in any case of letters), with the title in its place as the help.
fn naming_this_page(material: &str, title: &str, setting: &Setting) -> Option<Diagnostic> {
    let lower = material.to_lowercase();
    let (words, at) = THIS_PAGE.iter().find_map(|words| lower.find(words).map(|at| (*words, at)))?;
    Some(
        Diagnostic::new(
            setting.location.clone(),
            format!("the material “{material}” says “{words}”: on a workshop's agenda, under “What to prepare”, it names no page"),
        )
        .with_help(format!("name what to prepare: “{}” for example", named(material, &lower, words, at, title))),
    )
}

/// `material` with `words`, found at `at` in its lower-cased `lower`,
/// replaced by `title` in quotation marks.
fn named(material: &str, lower: &str, words: &str, at: usize, title: &str) -> String {
    // Lower-casing keeps these phrases' lengths, and the text's where no
    // letter changes size: only then is `at` a place in `material`.
    if lower.len() != material.len() {
        return material.to_string();
    }
    format!("{}“{title}”{}", &material[..at], &material[at + words.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_material_saying_this_page_is_named_in_any_case_and_language() {
        let material = "Print This Page for each group";
        let lower = material.to_lowercase();
        assert_eq!(named(material, &lower, "this page", 6, "The review"), "Print “The review” for each group");
        for (material, words) in [
            ("Print THIS PAGE", "this page"),
            ("Imprimez cette page", "cette page"),
            ("اطبع هذه الصفحة", "هذه الصفحة"),
            ("打印本页", "本页"),
        ] {
            let lower = material.to_lowercase();
            assert_eq!(THIS_PAGE.iter().find(|w| lower.contains(*w)), Some(&words), "{material}");
        }
        assert!(THIS_PAGE.iter().all(|words| !"Printed report template".to_lowercase().contains(words)));
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
        let error =
            read_duration(&crate::engine::yaml::Value::from("an hour"), Location::at("p.md", 3, None)).unwrap_err();
        assert!(error.to_string().starts_with("p.md:3: `an hour` is not a duration"), "{error}");
    }
}
