//! The shortcode `{{ recommendations(theme="...", response="noted") }}`:
//! the recommendations that match every argument given, as a table in the
//! page (or the handout), with a link to the same view of the matrix.

use serde_json::{Map, Value};

use super::data::{theme_slug, Data, Recommendation, Response, Status};
use super::view::{self, Labels};
use super::SLUG;
use crate::engine::error::did_you_mean;
use crate::engine::markdown::shortcodes::{Call, ShortcodeError};
use crate::engine::markdown::{MarkdownOptions, Target};
use crate::engine::shortcodes::check_args;

/// Whether a recommendation is one the call asks for.
type Test = Box<dyn Fn(&Recommendation) -> bool>;

/// The template variables of a call: `rows`, `total` (before `limit`) and
/// `more_href` (the matrix filtered the same way; none in a handout).
pub fn data(
    data: Option<&Data>,
    default_lang: &str,
    call: &Call,
    page: &MarkdownOptions,
) -> Result<Map<String, Value>, ShortcodeError> {
    const FILTERS: &[&str] = &["theme", "response", "status", "state", "sdg", "cycle", "category", "persons"];
    check_args(call, &[], &[FILTERS, &["limit", "caption"]].concat())?;
    let Some(data) = data else {
        return Err(ShortcodeError::new("this toolkit has no recommendations to show")
            .with_help("add data/recommendations.csv (see the README, Recommendations)"));
    };
    let text = |key: &str| call.arg(key).map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()));
    let mut filters: Vec<Test> = Vec::new();
    let mut fragment = Vec::new();
    if let Some(theme) = text("theme") {
        // An old name of a theme merged by data/themes.yaml finds it too.
        let slug = theme_slug(&data.theme_map.current(&theme));
        if !data.rows.iter().any(|r| r.theme_slugs.contains(&slug)) {
            let mut names: Vec<&str> = data.rows.iter().flat_map(|r| r.themes.iter().map(String::as_str)).collect();
            names.sort_unstable();
            names.dedup();
            let hint = did_you_mean(&theme, names.iter().copied()).map(|g| format!("{g} ")).unwrap_or_default();
            return Err(ShortcodeError::new(format!("no recommendation has the theme `{theme}`"))
                .with_help(format!("{hint}the themes are {}", names.join(", "))));
        }
        fragment.push(format!("theme={slug}"));
        filters.push(Box::new(move |r| r.theme_slugs.contains(&slug)));
    }
    if let Some(response) = text("response") {
        let found = one_of(&response, "response", Response::ALL.map(|r| (r.key(), r)))?;
        fragment.push(format!("response={}", found.key()));
        filters.push(Box::new(move |r| r.response == found));
    }
    if let Some(status) = text("status") {
        let found = one_of(&status, "status", Status::ALL.map(|s| (s.key(), s)))?;
        fragment.push(format!("status={}", found.key()));
        filters.push(Box::new(move |r| r.status == found));
    }
    if let Some(state) = text("state") {
        fragment.push(format!(
            "state={}",
            percent_encoding::utf8_percent_encode(&state, percent_encoding::NON_ALPHANUMERIC)
        ));
        filters.push(Box::new(move |r| r.recommending_states.contains(&state)));
    }
    if let Some(sdg) = text("sdg") {
        fragment.push(format!("sdg={sdg}"));
        let goal: Option<u8> = sdg.parse().ok();
        filters.push(Box::new(move |r| match goal {
            Some(goal) => r.sdg_goals.contains(&goal),
            None => r.sdg_targets.contains(&sdg),
        }));
    }
    if let Some(persons) = text("persons") {
        fragment.push(format!(
            "persons={}",
            percent_encoding::utf8_percent_encode(&persons, percent_encoding::NON_ALPHANUMERIC)
        ));
        filters.push(Box::new(move |r| r.affected_persons.contains(&persons)));
    }
    if let Some(cycle) = text("cycle") {
        fragment.push(format!("cycle={cycle}"));
        filters.push(Box::new(move |r| r.cycle == cycle));
    }
    if let Some(category) = text("category") {
        let n: Option<u8> = category.parse().ok().filter(|n| (1..=5).contains(n));
        let Some(n) = n else {
            return Err(ShortcodeError::new(format!("`{category}` is not an action category"))
                .with_help("write a number from 1 to 5"));
        };
        fragment.push(format!("category={n}"));
        filters.push(Box::new(move |r| r.action_category == Some(n)));
    }
    let limit = match call.arg("limit") {
        None => usize::MAX,
        Some(v) => {
            v.as_u64().filter(|n| *n > 0).ok_or_else(|| ShortcodeError::new("`limit` must be a number above 0"))?
                as usize
        }
    };
    let reader = call.reader_lang.as_str();
    let matching: Vec<&Recommendation> = data.rows.iter().filter(|r| filters.iter().all(|f| f(r))).collect();
    // The labels of the reader's language; the shortcode's strings come with the page.
    let labels = Labels::new(page.strings).with_names(&data.theme_map, reader);
    let rows: Vec<view::RowView> =
        matching.iter().take(limit).map(|r| view::row(data, r, reader, default_lang, &labels)).collect();
    let more = (page.target == Target::Site).then(|| page.links.generated(SLUG, reader)).flatten().map(|href| {
        if fragment.is_empty() {
            href
        } else {
            format!("{href}#{}", fragment.join("&"))
        }
    });
    let mut out = Map::new();
    out.insert("rows".into(), serde_json::to_value(rows).expect("rows serialize"));
    out.insert("total".into(), Value::from(matching.len()));
    out.insert("more_href".into(), Value::from(more));
    // No status column where the data has no status ("Unknown" on every row).
    out.insert("has_status".into(), Value::from(data.has_status));
    Ok(out)
}

/// The value among `choices` (key, value) whose key `text` names (`noted`,
/// `supported in part`), or an error listing the keys.
fn one_of<T: Copy, const N: usize>(
    text: &str,
    what: &str,
    choices: [(&'static str, T); N],
) -> Result<T, ShortcodeError> {
    let wanted = text.replace(' ', "-");
    if let Some((_, value)) = choices.iter().find(|(key, _)| *key == wanted) {
        return Ok(*value);
    }
    let keys = choices.map(|(key, _)| key);
    let hint = did_you_mean(text, keys).map(|g| format!("{g} ")).unwrap_or_default();
    Err(ShortcodeError::new(format!("`{text}` is not a {what}"))
        .with_help(format!("{hint}a {what} is one of {}", keys.join(", "))))
}
