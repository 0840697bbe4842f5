//! Key dates of a country's review: a page per language (`key-dates/`) with
//! the timeline computed from `review_date` in uprkit.yaml, a calendar file
//! to import (`upr-key-dates.ics`), and a form where readers enter their own
//! country's date (worked out again in the page by `uprkit.js`).

mod dates;

use serde::Serialize;

use crate::engine::config::{parse_date, Config};
use crate::engine::error::{Diagnostic, Result};
use crate::engine::feature::{value, BuildContext, ContextMap, Feature, GeneratedPage};
use crate::engine::i18n::{string_or, UiStrings};
use crate::engine::output::{Contents, OutputFile};

use dates::{icalendar, iso, timeline, MILESTONES};

/// Where the key dates page and its calendar are published.
pub const SLUG: &str = "key-dates";

#[derive(Debug, Clone, Serialize)]
pub struct KeyDatesView {
    /// The country's review date from uprkit.yaml, if set.
    pub review_date: Option<String>,
    pub dates: Vec<KeyDateView>,
    /// The iCalendar file, if the review date is set.
    pub ics_href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyDateView {
    pub id: &'static str,
    pub name: String,
    /// When it happens relative to the review ("about 6 to 8 months before").
    pub when: String,
    pub date: Option<String>,
    pub months: i32,
    pub days: i32,
}

/// The review date of the toolkit's country, if uprkit.yaml gives one.
#[derive(Default)]
pub struct KeyDates {
    review_date: Option<time::Date>,
}

impl Feature for KeyDates {
    fn name(&self) -> &'static str {
        "key-dates"
    }

    fn config_keys(&self) -> &'static [&'static str] {
        &["review_date"]
    }

    fn load(&mut self, config: &Config) -> Result<()> {
        self.review_date = match config.setting("review_date") {
            None => None,
            Some(setting) => {
                let text = match &setting.value {
                    serde_yaml::Value::String(text) => text.clone(),
                    other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
                };
                Some(parse_date(&text).ok_or_else(|| {
                    Diagnostic::new(setting.location.clone(), format!("`{text}` is not a date"))
                        .with_help("write it as YYYY-MM-DD, e.g. 2027-05-04")
                })?)
            }
        };
        Ok(())
    }

    fn reserved_slugs(&self) -> &'static [&'static str] {
        &[SLUG]
    }

    fn site_context(&self, build: &BuildContext, language: usize, out: &mut ContextMap) {
        let href = build.site.urls.page(SLUG, &build.site.languages[language].lang);
        out.insert("key_dates_href", value(Some(href)));
    }

    fn page_data_keys(&self) -> &'static [&'static str] {
        &["key_dates"]
    }

    fn pages(&self, build: &BuildContext) -> Result<Vec<GeneratedPage>> {
        if !build.scope.includes(self.name()) {
            return Ok(Vec::new());
        }
        Ok(build
            .site
            .languages
            .iter()
            .enumerate()
            .map(|(index, language)| {
                let strings = &build.theme.strings[&language.lang];
                let title = string_or(strings, "key_dates", "Key dates");
                GeneratedPage::new(build.site, index, SLUG, "key-dates", title)
                    .with("key_dates", value(self.view(build, &language.lang, strings)))
            })
            .collect())
    }

    /// The calendar file of each language, if the review date is set.
    fn files(&self, build: &BuildContext) -> Result<Vec<OutputFile>> {
        let Some(review) = self.review_date.filter(|_| build.scope.is_everything()) else {
            return Ok(Vec::new());
        };
        Ok(build
            .site
            .languages
            .iter()
            .enumerate()
            .filter(|&(index, _)| build.scope.has_language(index))
            .map(|(_, language)| {
                let strings = &build.theme.strings[&language.lang];
                let dates = self.view(build, &language.lang, strings).dates;
                let names: Vec<(String, String)> = dates.into_iter().map(|d| (d.name, d.when)).collect();
                let calendar = string_or(strings, "key_dates", "Key dates");
                OutputFile {
                    path: ics_path(build, &language.lang),
                    contents: Contents::Bytes(icalendar(review, &names, &calendar).into_bytes()),
                }
            })
            .collect())
    }
}

fn ics_path(build: &BuildContext, lang: &str) -> String {
    build.site.urls.file(SLUG, lang, "upr-key-dates.ics")
}

impl KeyDates {
    /// The key dates of the review in one language.
    fn view(&self, build: &BuildContext, lang: &str, strings: &UiStrings) -> KeyDatesView {
        let computed = self.review_date.map(timeline);
        let dates = MILESTONES
            .iter()
            .enumerate()
            .map(|(index, milestone)| KeyDateView {
                id: milestone.id,
                name: string_or(strings, &format!("date_{}", milestone.id), milestone.id),
                when: string_or(strings, &format!("date_{}_when", milestone.id), ""),
                date: computed.as_ref().map(|dates| dates[index].date.clone()),
                months: milestone.months,
                days: milestone.days,
            })
            .collect();
        KeyDatesView {
            review_date: self.review_date.map(iso),
            ics_href: self.review_date.map(|_| build.site.urls.href(&ics_path(build, lang))),
            dates,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(yaml: &str) -> std::result::Result<KeyDates, String> {
        let config =
            Config::parse_with(std::path::Path::new("/s"), std::path::Path::new("uprkit.yaml"), yaml, &["review_date"])
                .map_err(|error| error.to_string())?;
        let mut feature = KeyDates::default();
        feature.load(&config).map_err(|error| error.to_string())?;
        Ok(feature)
    }

    #[test]
    fn the_review_date_is_read_and_a_bad_one_names_its_line() {
        assert_eq!(
            load("title: T\nreview_date: 2027-05-04\n").unwrap().review_date.map(iso).as_deref(),
            Some("2027-05-04")
        );
        let error = load("title: T\nreview_date: next May\n").err().unwrap();
        assert!(error.starts_with("uprkit.yaml:2: `next May` is not a date"), "{error}");
    }
}
