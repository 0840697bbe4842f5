//! A workshop's agenda in one language: each item's clock time worked out
//! from the start and the durations (an item's own, else its page's
//! `duration:`), each session's total, and what to prepare, gathered from
//! the workshop, its activities and its pages' `materials:`.

use serde::Serialize;

use crate::engine::error::{did_you_mean, Diagnostic, Location};
use crate::engine::feature::LanguageContext;
use crate::engine::i18n::{ui, written_date, DateStyle, UiStrings};
use crate::engine::site::{Entry, LanguageSite};

use super::duration::read_duration;
use super::plan::{Part, What, Workshop};

/// What the agenda template sees.
#[derive(Debug, Serialize)]
pub struct Agenda {
    pub name: String,
    pub title: String,
    pub summary: Option<String>,
    /// YYYY-MM-DD, and as the reader's language writes it ("Tuesday 16 March 2027").
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub start: String,
    pub end: String,
    pub total: String,
    /// How many days it lasts (one, unless `day:` entries start others).
    pub days: usize,
    pub place: Option<String>,
    pub participants: Option<String>,
    pub materials: Vec<String>,
    pub parts: Vec<PartView>,
    /// The language the workshop's own words are in, and its direction.
    pub lang: String,
    pub dir: &'static str,
}

#[derive(Debug, Serialize)]
pub struct PartView {
    pub is_break: bool,
    /// The start of another day (its date, if given, and as written in the reader's language).
    pub is_day: bool,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub title: String,
    pub start: String,
    pub end: String,
    pub duration: String,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    pub start: String,
    pub duration: String,
    pub title: String,
    /// The page's title when the item is one section of it.
    pub page_title: Option<String>,
    /// From the site's root, with the section's `#anchor`.
    pub href: Option<String>,
    /// The page as slides, from the site's root.
    pub present_href: Option<String>,
    pub materials: Vec<String>,
    /// The page's slug and the id of its section in the reader's language
    /// (for a deck of the workshop's slides).
    pub slug: Option<String>,
    pub section: Option<String>,
}

/// `09:05` from minutes after midnight (the day after, past midnight).
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
}

/// "45 min", "1 h 30 min" in the reader's language.
pub fn span(strings: &UiStrings, minutes: u32) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let template = match (hours, rest) {
        (0, _) => ui(strings, "duration_minutes"),
        (_, 0) => ui(strings, "duration_hours"),
        _ => ui(strings, "duration_hours_minutes"),
    };
    template.replace("{h}", &hours.to_string()).replace("{m}", &rest.to_string())
}

/// The agenda of `workshop` for the readers of `language`: its pages in
/// their language where translated. Errors for pages, sections and
/// durations that are not there.
pub fn agenda(cx: &LanguageContext, workshop: &Workshop) -> Result<Agenda, Vec<Diagnostic>> {
    let (site, strings) = (cx.language, cx.strings);
    let lang = workshop.lang.clone().unwrap_or_else(|| cx.site.languages[0].lang.clone());
    let mut problems = Vec::new();
    let mut now = workshop.start;
    // Minutes of every item and break, over all the days.
    let mut total = 0;
    let mut days = 1;
    let mut parts = Vec::new();
    let mut materials: Vec<String> = Vec::new();
    let mut add = |found: &[String]| {
        for material in found {
            if !materials.iter().any(|m| m.eq_ignore_ascii_case(material)) {
                materials.push(material.clone());
            }
        }
    };
    add(&workshop.materials);
    for part in &workshop.parts {
        let part_start = now;
        match part {
            Part::Day { title, date, start } => {
                days += 1;
                now = *start;
                parts.push(PartView {
                    is_break: false,
                    is_day: true,
                    date: date.clone(),
                    date_text: date.as_deref().map(|date| written_date(date, strings, DateStyle::Weekday)),
                    title: title.clone(),
                    start: clock(now),
                    end: String::new(),
                    duration: String::new(),
                    items: Vec::new(),
                });
            }
            Part::Break { title, minutes } => {
                now += minutes;
                total += minutes;
                parts.push(PartView {
                    is_break: true,
                    is_day: false,
                    date: None,
                    date_text: None,
                    title: title.clone(),
                    start: clock(part_start),
                    end: clock(now),
                    duration: span(strings, *minutes),
                    items: Vec::new(),
                });
            }
            Part::Session { title, items } => {
                let mut views = Vec::new();
                for item in items {
                    let at = Location::at(&workshop.source, item.line, None);
                    // The item, and, for a whole page, the page's own duration.
                    let (view, page_minutes) = match &item.what {
                        What::Activity(activity) => {
                            let view = ItemView {
                                start: clock(now),
                                duration: String::new(),
                                title: activity.clone(),
                                page_title: None,
                                href: None,
                                present_href: None,
                                materials: item.materials.clone(),
                                slug: None,
                                section: None,
                            };
                            (view, None)
                        }
                        What::Page { slug, anchor } => match page_item(cx, site, &lang, slug, anchor.as_deref(), &at) {
                            Err(problem) => {
                                problems.push(problem);
                                continue;
                            }
                            Ok((entry, section)) => {
                                add(&super::duration::page_materials(entry.setting("materials")));
                                let front = &entry.page.front;
                                let href = match &section {
                                    Some((id, _)) => format!("{}#{id}", entry.href),
                                    None => entry.href.clone(),
                                };
                                // Read again where a rebuild after an edit met it first.
                                let page_minutes = match entry.setting("duration").filter(|_| anchor.is_none()) {
                                    None => None,
                                    Some(setting) => match read_duration(&setting.value, setting.location.clone()) {
                                        Ok(minutes) => Some(minutes),
                                        Err(problem) => {
                                            problems.push(problem);
                                            continue;
                                        }
                                    },
                                };
                                let view = ItemView {
                                    start: clock(now),
                                    duration: String::new(),
                                    title: section
                                        .as_ref()
                                        .map_or_else(|| front.title.clone(), |(_, title)| title.clone()),
                                    page_title: section.as_ref().map(|_| front.title.clone()),
                                    href: Some(href),
                                    present_href: Some(format!("{}#present", entry.href)),
                                    materials: item.materials.clone(),
                                    slug: Some(entry.slug.clone()),
                                    section: section.map(|(id, _)| id),
                                };
                                (view, page_minutes)
                            }
                        },
                    };
                    let Some(minutes) = item.minutes.or(page_minutes) else {
                        if let What::Page { slug, anchor } = &item.what {
                            let (what, help) = match anchor {
                                Some(anchor) => (
                                    format!("`{slug}#{anchor}`"),
                                    "add `duration: 20m` to the item: a section has no duration of its own",
                                ),
                                None => (
                                    format!("`{slug}`"),
                                    "add `duration: 30m` to the item, or to the page's front matter to use it in every workshop",
                                ),
                            };
                            problems.push(Diagnostic::new(at, format!("{what} has no duration")).with_help(help));
                        }
                        continue;
                    };
                    add(&item.materials);
                    now += minutes;
                    total += minutes;
                    views.push(ItemView { duration: span(strings, minutes), ..view });
                }
                parts.push(PartView {
                    is_break: false,
                    is_day: false,
                    date: None,
                    date_text: None,
                    title: title.clone(),
                    start: clock(part_start),
                    end: clock(now),
                    duration: span(strings, now - part_start),
                    items: views,
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Agenda {
        name: workshop.name.clone(),
        title: workshop.title.clone(),
        summary: workshop.summary.clone(),
        date: workshop.date.clone(),
        date_text: workshop.date.as_deref().map(|date| written_date(date, strings, DateStyle::Weekday)),
        start: clock(workshop.start),
        end: clock(now),
        total: span(strings, total),
        days,
        place: workshop.place.clone(),
        participants: workshop.participants.clone(),
        materials,
        parts,
        dir: cx
            .site
            .languages
            .iter()
            .find(|language| language.lang == lang)
            .map_or("ltr", |language| language.language.direction.as_str()),
        lang,
    })
}

/// A section of a page: its id and its title.
type Section = (String, String);

/// The page an item names in the reader's language, and, if it names one
/// section, that section's id and title there. A section is found in the
/// language the workshop is written in, then taken at the same place among
/// the headings of the reader's version (their ids are made from their
/// words); where the two differ, the item links to the whole page.
fn page_item<'s, 'p>(
    cx: &LanguageContext,
    site: &'s LanguageSite<'p>,
    workshop_lang: &str,
    slug: &str,
    anchor: Option<&str>,
    at: &Location,
) -> Result<(&'s Entry<'p>, Option<Section>), Diagnostic> {
    let Some(index) = site.index_of(slug) else {
        let slugs = site.entries.iter().map(|entry| entry.slug.as_str());
        let help = match did_you_mean(slug, slugs) {
            Some(suggestion) => suggestion,
            None => {
                "write the page's path under content/ without `.md`, such as preparation/stakeholder-reports".into()
            }
        };
        return Err(Diagnostic::new(at.clone(), format!("no page `{slug}` in the guide")).with_help(help));
    };
    let entry = &site.entries[index];
    let Some(anchor) = anchor else { return Ok((entry, None)) };
    let toc_of = |lang: &str| {
        let language = cx.site.languages.iter().position(|l| l.lang == lang)?;
        let index = cx.site.languages[language].index_of(slug)?;
        cx.table_of_contents(language, index)
    };
    // `uprkit check` does not render pages: it checks sections in builds only.
    let Some(written) = toc_of(workshop_lang) else { return Ok((entry, None)) };
    let Some(position) = written.iter().position(|heading| heading.id == anchor) else {
        let ids: Vec<&str> = written.iter().map(|heading| heading.id.as_str()).collect();
        let help = match did_you_mean(anchor, ids.iter().copied()) {
            Some(suggestion) => suggestion,
            None => format!("the page's sections: {}", ids.join(", ")),
        };
        return Err(Diagnostic::new(at.clone(), format!("no section `#{anchor}` on the page `{slug}`")).with_help(help));
    };
    let read = toc_of(&site.lang).filter(|toc| toc.len() == written.len()).unwrap_or(written);
    let heading = &read[position];
    Ok((entry, Some((heading.id.clone(), heading.title.clone()))))
}
