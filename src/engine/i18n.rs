//! Languages, text direction and the UI string tables of the theme, with
//! their fallback rule: the reader's language, then the site's default
//! language, then English.

use std::collections::BTreeMap;

use serde::Serialize;
use unic_langid::LanguageIdentifier;

/// Writing direction of a language, as `<html dir>` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Languages written right to left, by ISO 639 code.
const RTL_LANGUAGES: &[&str] = &["ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"];
/// Scripts written right to left, by ISO 15924 code.
const RTL_SCRIPTS: &[&str] = &["Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm"];

/// One language of the site, as configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Language {
    /// The BCP 47 tag as written in `uprkit.yaml` and in file suffixes.
    pub code: String,
    /// The language's name in itself ("Français").
    pub name: String,
    /// The site title in this language, if translated.
    pub title: Option<String>,
    pub direction: Direction,
}

impl Language {
    /// Checks the tag and derives the direction unless one is given.
    pub fn new(code: &str, name: String, title: Option<String>, direction: Option<Direction>) -> Result<Self, String> {
        let tag = parse_tag(code).ok_or_else(|| {
            format!("`{code}` is not a language tag: use a code such as en, fr, es, ar, ru, zh or pt-BR")
        })?;
        let direction = direction.unwrap_or_else(|| direction_of(&tag));
        Ok(Language { code: code.to_string(), name, title, direction })
    }

    /// Whether `written` is this language's code written another way: in
    /// other capitals or with `_` for `-` (`EN`, `pt_BR`).
    pub fn is_written_otherwise(&self, written: &str) -> bool {
        self.code.eq_ignore_ascii_case(&written.replace('_', "-"))
    }
}

/// Parses a BCP 47 tag, accepting only what could be a file suffix.
pub fn parse_tag(code: &str) -> Option<LanguageIdentifier> {
    if code.is_empty() || code.contains('_') {
        return None;
    }
    code.parse::<LanguageIdentifier>().ok().filter(|tag| !tag.language.is_empty())
}

fn direction_of(tag: &LanguageIdentifier) -> Direction {
    let script_rtl = tag.script.is_some_and(|script| RTL_SCRIPTS.contains(&script.as_str()));
    let script_ltr = tag.script.is_some() && !script_rtl;
    if script_rtl || (!script_ltr && RTL_LANGUAGES.contains(&tag.language.as_str())) {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// UI strings of one language after fallback: every key the theme knows.
pub type UiStrings = BTreeMap<String, String>;

/// Resolves the string table of each site language from the raw tables
/// (`tables[lang][key]`): reader's language → site default → English.
pub fn resolve_strings(
    tables: &BTreeMap<String, BTreeMap<String, String>>,
    languages: &[Language],
) -> BTreeMap<String, UiStrings> {
    let default = &languages[0].code;
    languages
        .iter()
        .map(|language| {
            let mut strings = UiStrings::new();
            for code in ["en", default.as_str(), language.code.as_str()] {
                if let Some(table) = tables.get(code) {
                    strings.extend(table.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            }
            (language.code.clone(), strings)
        })
        .collect()
}

/// The UI string `key`. The theme's en.yaml has every key the engine and
/// the features name, and each language falls back to it key by key
/// ([`resolve_strings`]), so English is written there only; a key no table
/// has is shown as itself (a theme's mistake, seen rather than hidden).
pub fn ui(strings: &UiStrings, key: &str) -> String {
    strings.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// A UI string made of a name (`phase_{id}`), or `fallback` (the id, not
/// English) where no table has it: a site's own phases and audiences.
pub fn string_or(strings: &UiStrings, key: &str, fallback: &str) -> String {
    strings.get(key).cloned().unwrap_or_else(|| fallback.to_string())
}

/// A language's name in the reader's language (`language_en` of the
/// reader's strings: "anglais" for a French reader), or its name in itself.
pub fn language_name_in(strings: &UiStrings, language: &Language) -> String {
    let base = language.code.split('-').next().unwrap_or(&language.code);
    strings.get(&format!("language_{base}")).cloned().unwrap_or_else(|| language.name.clone())
}

/// A phase's name in the reader's language, or its id if untranslated.
pub fn phase_name(strings: &UiStrings, id: &str) -> String {
    string_or(strings, &format!("phase_{id}"), id)
}

/// The name of a group of pages by phase: the phase's, or "General" for
/// the pages outside any phase.
pub fn phase_label(strings: &UiStrings, id: Option<&str>) -> String {
    match id {
        Some(id) => phase_name(strings, id),
        None => ui(strings, "general"),
    }
}

/// The UI strings a date is written with: the page script writes a
/// reader's own dates with them too.
pub const DATE_STRINGS: &[&str] =
    &["date_format", "date_format_weekday", "date_format_month", "month_names", "month_names_in_date", "weekday_names"];

/// How much of a date to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// "4 May 2027" (`date_format`).
    Day,
    /// "Tuesday 4 May 2027" (`date_format_weekday`), for a workshop's days.
    Weekday,
}

/// A date as readers of `strings`' language write it: `2027-05-04` as
/// "4 May 2027", "4 mai 2027", "4 мая 2027 г.", "2027年5月4日"; a month
/// (`2027-05`) as "May 2027". Every page, handout and deck shows these, so
/// they read without the page script and on paper. Anything else is
/// returned as it is.
pub fn written_date(iso: &str, strings: &UiStrings, style: DateStyle) -> String {
    let names = |key: &str| -> Vec<String> {
        ui(strings, key).split([',', '،']).map(|name| name.trim().to_string()).collect()
    };
    let numbers: Vec<Option<u32>> = iso.split('-').map(|part| part.parse().ok()).collect();
    let (year, month, day) = match numbers.as_slice() {
        [Some(year), Some(month)] if (1..=12).contains(month) => (*year, *month, None),
        [Some(year), Some(month), Some(day)] if (1..=12).contains(month) && (1..=31).contains(day) => {
            (*year, *month, Some(*day))
        }
        _ => return iso.to_string(),
    };
    let Some(day) = day else {
        let months = names("month_names");
        let name = months.get(month as usize - 1).cloned().unwrap_or_else(|| month.to_string());
        return ui(strings, "date_format_month").replace("{month}", &name).replace("{year}", &year.to_string());
    };
    let months = names("month_names_in_date");
    let name = months.get(month as usize - 1).cloned().unwrap_or_else(|| month.to_string());
    let format = match style {
        DateStyle::Day => ui(strings, "date_format"),
        DateStyle::Weekday => ui(strings, "date_format_weekday"),
    };
    let weekday = time::Month::try_from(month as u8)
        .ok()
        .and_then(|m| time::Date::from_calendar_date(year as i32, m, day as u8).ok())
        .map(|date| date.weekday().number_days_from_monday() as usize)
        .and_then(|index| names("weekday_names").get(index).cloned());
    let Some(weekday) = weekday else { return iso.to_string() };
    format
        .replace("{weekday}", &weekday)
        .replace("{day}", &day.to_string())
        .replace("{month}", &name)
        .replace("{year}", &year.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, &str)]) -> UiStrings {
        pairs.iter().map(|(key, value)| (key.to_string(), value.to_string())).collect()
    }

    /// The built-in English table, where every key is.
    fn english() -> UiStrings {
        crate::engine::yaml::from_str(include_str!("../../themes/default/i18n/en.yaml")).unwrap()
    }

    #[test]
    fn dates_are_written_with_the_language_s_words() {
        let english = english();
        assert_eq!(written_date("2027-05-04", &english, DateStyle::Day), "4 May 2027");
        assert_eq!(written_date("2027-03-16", &english, DateStyle::Weekday), "Tuesday 16 March 2027");
        assert_eq!(written_date("2026-10", &english, DateStyle::Day), "October 2026");
        let mut russian = english.clone();
        russian.extend(table(&[
            ("date_format", "{day} {month} {year} г."),
            ("date_format_month", "{month} {year} г."),
            (
                "month_names",
                "январь, февраль, март, апрель, май, июнь, июль, август, сентябрь, октябрь, ноябрь, декабрь",
            ),
            (
                "month_names_in_date",
                "января, февраля, марта, апреля, мая, июня, июля, августа, сентября, октября, ноября, декабря",
            ),
        ]));
        assert_eq!(written_date("2027-05-04", &russian, DateStyle::Day), "4 мая 2027 г.");
        assert_eq!(written_date("2027-05", &russian, DateStyle::Day), "май 2027 г.");
        let mut arabic = english.clone();
        arabic.extend(table(&[
            ("date_format_weekday", "{weekday}، {day} {month} {year}"),
            ("weekday_names", "الاثنين، الثلاثاء، الأربعاء، الخميس، الجمعة، السبت، الأحد"),
        ]));
        assert_eq!(written_date("2027-03-16", &arabic, DateStyle::Weekday), "الثلاثاء، 16 March 2027");
        for odd in ["soon", "2027-13-01", "2027-02-30", "2027"] {
            assert_eq!(written_date(odd, &english, DateStyle::Day), odd);
        }
    }

    fn direction(code: &str) -> Direction {
        Language::new(code, String::new(), None, None).unwrap().direction
    }

    #[test]
    fn derives_direction_from_the_tag() {
        assert_eq!(direction("ar"), Direction::Rtl);
        assert_eq!(direction("fa"), Direction::Rtl);
        assert_eq!(direction("ar-EG"), Direction::Rtl);
        assert_eq!(direction("zh"), Direction::Ltr);
        assert_eq!(direction("az-Arab"), Direction::Rtl);
        for rtl in ["he", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"] {
            assert_eq!(direction(rtl), Direction::Rtl, "{rtl}");
        }
        assert_eq!(direction("ku-Latn"), Direction::Ltr);
    }

    #[test]
    fn rejects_what_is_not_a_tag() {
        assert!(parse_tag("v2").is_none());
        assert!(parse_tag("pt_BR").is_none());
        assert!(parse_tag("fr").is_some());
    }

    #[test]
    fn strings_fall_back_to_default_then_english() {
        let tables = BTreeMap::from([
            ("en".to_string(), BTreeMap::from([("a".into(), "A".into()), ("b".into(), "B".into())])),
            ("fr".to_string(), BTreeMap::from([("a".into(), "Á".into())])),
        ]);
        let languages = vec![
            Language::new("fr", "F".into(), None, None).unwrap(),
            Language::new("ar", "A".into(), None, None).unwrap(),
        ];
        let strings = resolve_strings(&tables, &languages);
        assert_eq!(strings["ar"]["a"], "Á");
        assert_eq!(strings["ar"]["b"], "B");
    }
}
