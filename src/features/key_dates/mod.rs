//! Key dates of a country's review: a page per language (`key-dates/`) with
//! the timeline computed from `review_date` in uprkit.yaml, a calendar file
//! to import (`upr-key-dates.ics`), and a form where readers enter their own
//! country's date (worked out again in the page by `uprkit.js`).

mod dates;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::engine::config::{read_date, scalar_text};
use crate::engine::error::{Diagnostic, Result};
use crate::engine::feature::{
    value, ContextMap, Declaration, Feature, GeneratedPage, LanguageContext, LoadContext, PageKind, Script, Stale,
};
use crate::engine::i18n::{string_or, ui, written_date, DateStyle, UiStrings, DATE_STRINGS};
use crate::engine::markdown::shortcodes::{Call, ShortcodeError};
use crate::engine::markdown::{MarkdownOptions, Target};
use crate::engine::output::{Contents, OutputFile, Sink};
use crate::engine::shortcodes::check_args;

use dates::{icalendar, iso, timeline, CalendarText, MILESTONES};

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
    /// YYYY-MM-DD for the review, YYYY-MM for the approximate steps.
    pub date: Option<String>,
    /// The same in the reader's language: "4 May 2027", "October 2026".
    pub date_text: Option<String>,
    pub months: i32,
    pub days: i32,
    /// Only the review has a known day; the others are "around" a month.
    pub exact: bool,
    /// The guide's page about the step, from the site's root.
    pub href: Option<String>,
}

/// The review date of the toolkit's country, if uprkit.yaml gives one, and
/// the page about each step (`key_date_pages:`; by default, its phase).
#[derive(Default)]
pub struct KeyDates {
    review_date: Option<time::Date>,
    /// Milestone id → the slug of the page about it.
    pages: std::collections::HashMap<&'static str, String>,
    /// When the dates were last set: `SOURCE_DATE_EPOCH` for a reproducible
    /// build, else when uprkit.yaml was changed (two builds of one toolkit
    /// write the same calendar; a new date, a newer one).
    made: Option<time::OffsetDateTime>,
}

impl Feature for KeyDates {
    fn name(&self) -> &'static str {
        "key-dates"
    }

    fn declaration(&self) -> Declaration {
        Declaration {
            config_keys: &["review_date", "key_date_pages"],
            pages: &[PageKind { slug: SLUG, data_key: "key_dates" }],
            // The page writes a reader's own dates with the words the build uses.
            script: Script { file: Some("scripts/key-dates.js"), strings: DATE_STRINGS },
            shortcodes: &["key_dates"],
            stale: Stale { front_matter: &[], titles: true, page_data: false, on_demand: false },
            ..Declaration::NONE
        }
    }

    fn load(&mut self, cx: &mut LoadContext) -> Result<()> {
        let config = cx.config;
        self.review_date = match config.setting("review_date") {
            None => None,
            Some(setting) => {
                let text = scalar_text(&setting.value);
                Some(read_date(&text, setting.location.clone())?)
            }
        };
        self.made = Some(dates_made(config));
        self.pages = MILESTONES.iter().map(|milestone| (milestone.id, milestone.phase.to_string())).collect();
        if let Some(setting) = config.setting("key_date_pages") {
            let ids = MILESTONES.iter().map(|m| m.id).collect::<Vec<_>>().join(", ");
            let problem =
                |message: String, help: String| Diagnostic::new(setting.location.clone(), message).with_help(help);
            let Some(mapping) = setting.value.as_mapping() else {
                return Err(problem(
                    "`key_date_pages` must list steps and pages".into(),
                    format!("write one step per line, such as `submission: preparation/stakeholder-report.md`; the steps are {ids}"),
                )
                .into());
            };
            for (key, page) in mapping {
                let (Some(key), Some(page)) = (key.as_str(), page.as_str()) else {
                    return Err(problem(
                        "`key_date_pages` must map steps to files".into(),
                        format!("the steps are {ids}"),
                    )
                    .into());
                };
                let Some(milestone) = MILESTONES.iter().find(|m| m.id == key) else {
                    return Err(problem(
                        format!("`{key}` is not a step of the key dates"),
                        format!("the steps are {ids}"),
                    )
                    .into());
                };
                let file = page.trim_start_matches("@/").trim_start_matches('/');
                if !config.root.join("content").join(file).is_file() {
                    return Err(problem(
                        format!("`key_date_pages`: no page content/{file} for `{key}`"),
                        "name a Markdown file under content/, such as `preparation/stakeholder-report.md`".into(),
                    )
                    .into());
                }
                self.pages.insert(milestone.id, crate::engine::site::slug_of(config, file));
            }
        }
        Ok(())
    }

    fn site_context(&self, cx: &LanguageContext, out: &mut ContextMap) {
        out.insert("key_dates_href", value(Some(cx.site.urls.page(SLUG, cx.lang()))));
    }

    fn pages(&self, cx: &LanguageContext) -> Result<Vec<GeneratedPage>> {
        let title = ui(cx.strings, "key_dates");
        Ok(vec![GeneratedPage::new(cx, SLUG, "key-dates", title)
            .described(ui(cx.strings, "key_dates_intro"))
            .with("key_dates", value(self.view(cx)))])
    }

    /// `{{ key_dates() }}`: the timeline in a page (and so on paper), with
    /// links to the steps' pages and, on the site, to the key dates page.
    fn shortcode(
        &self,
        call: &Call,
        page: &MarkdownOptions,
    ) -> std::result::Result<Map<String, Value>, ShortcodeError> {
        check_args(call, &[], &["caption"])?;
        let dates = self.dates(page.strings, |slug| page.links.page_at(slug).map(|(href, _)| href));
        let more =
            (page.target == Target::Site).then(|| page.links.generated(SLUG, page.links.reader_lang())).flatten();
        let mut out = Map::new();
        out.insert("dates".into(), serde_json::to_value(dates).expect("dates serialize"));
        out.insert("review_date".into(), Value::from(self.review_date.map(iso)));
        out.insert("more_href".into(), Value::from(more));
        Ok(out)
    }

    /// The calendar file, if the review date is set.
    fn files(&self, cx: &LanguageContext, sink: &dyn Sink) -> Result<()> {
        let Some(review) = self.review_date else { return Ok(()) };
        let names: Vec<(String, String)> = self.view(cx).dates.into_iter().map(|d| (d.name, d.when)).collect();
        let text = CalendarText {
            title: &ui(cx.strings, "key_dates"),
            site: &crate::engine::markdown::slugify(&cx.config.title),
            names: &names,
            approximate: &string_or(cx.strings, "key_date_approximate", "{step}"),
            made: self.made.unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
        };
        sink.put(OutputFile { path: ics_path(cx), contents: Contents::Bytes(icalendar(review, &text).into_bytes()) })
    }
}

/// When the toolkit's dates were set, to the second: `SOURCE_DATE_EPOCH`
/// if set, else uprkit.yaml's modification time, else now.
fn dates_made(config: &crate::engine::config::Config) -> time::OffsetDateTime {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|text| text.trim().parse::<i64>().ok());
    let changed = || {
        let modified = std::fs::metadata(config.root.join(crate::engine::config::CONFIG_FILE)).ok()?.modified().ok()?;
        Some(modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64)
    };
    let seconds = epoch.or_else(changed).unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp());
    time::OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

fn ics_path(cx: &LanguageContext) -> String {
    cx.site.urls.file(SLUG, cx.lang(), "upr-key-dates.ics")
}

impl KeyDates {
    /// The key dates of the review in one language.
    fn view(&self, cx: &LanguageContext) -> KeyDatesView {
        let dates = self.dates(cx.strings, |slug| cx.language.get(slug).map(|entry| entry.href.clone()));
        KeyDatesView {
            review_date: self.review_date.map(iso),
            ics_href: self.review_date.map(|_| cx.site.urls.href(&ics_path(cx))),
            dates,
        }
    }

    /// Each step in the language of `strings`, with the href `href` gives
    /// the address of its page.
    fn dates(&self, strings: &UiStrings, href: impl Fn(&str) -> Option<String>) -> Vec<KeyDateView> {
        let computed = self.review_date.map(timeline);
        MILESTONES
            .iter()
            .enumerate()
            .map(|(index, milestone)| KeyDateView {
                id: milestone.id,
                name: string_or(strings, &format!("date_{}", milestone.id), milestone.id),
                when: string_or(strings, &format!("date_{}_when", milestone.id), ""),
                date: computed.as_ref().map(|dates| dates[index].date.clone()),
                date_text: computed.as_ref().map(|dates| written_date(&dates[index].date, strings, DateStyle::Day)),
                months: milestone.months,
                days: milestone.days,
                exact: milestone.exact,
                href: self.pages.get(milestone.id).and_then(|slug| href(slug)),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(yaml: &str) -> std::result::Result<KeyDates, String> {
        let config = crate::engine::config::Config::parse_with(
            std::path::Path::new("/s"),
            std::path::Path::new("uprkit.yaml"),
            yaml,
            &["review_date"],
        )
        .map_err(|error| error.to_string())?;
        let mut feature = KeyDates::default();
        let content = crate::engine::content::Loaded::default();
        let mut cx = crate::engine::feature::LoadContext::new(&config, &content);
        feature.load(&mut cx).map_err(|error| error.to_string())?;
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
