//! What templates see of the recommendations in one language: rows with
//! their labels, grouped by theme as in OHCHR's matrices (the filters' choices
//! are in `filters`), and the data script the page filters with.

use std::collections::BTreeMap;

use serde::Serialize;

use super::data::{theme_slug, Data, Recommendation, Response, Status};
use super::themes::ThemeMap;
use crate::engine::i18n::{ui, UiStrings};
use crate::engine::output::data_script;

/// A theme: its name as written, its address and name in a language.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    pub slug: String,
    pub name: String,
    pub count: usize,
    /// The theme's page, from the site's root.
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub id: String,
    pub text: String,
    /// The language of the text where it is not the reader's (no translation).
    pub text_lang: Option<String>,
    pub state: String,
    pub cycle: String,
    pub session: String,
    pub paragraph: String,
    pub response: &'static str,
    pub response_label: String,
    pub themes: Vec<String>,
    pub affected_persons: Vec<String>,
    pub sdg_targets: Vec<String>,
    pub sdg_goals: Vec<u8>,
    pub category: Option<u8>,
    pub category_label: Option<String>,
    pub status: &'static str,
    pub status_label: String,
    pub assessment: String,
    pub source: String,
    /// The source, where it is an address.
    pub source_href: Option<String>,
    pub responsible: Vec<String>,
    pub planned_action: String,
    pub indicator: String,
    /// The target date as written, and the day it falls due (ISO).
    pub target_date: Option<(String, String)>,
    /// The recommendations of this data it repeats, and those repeating it:
    /// (id, cycle); and what it repeats that is not in this data, as written.
    pub earlier: Vec<(String, String)>,
    pub later: Vec<(String, String)>,
    pub before_elsewhere: Vec<String>,
    /// The language of the plan's text where it is not the reader's: a
    /// coalition writes its plan in one language.
    pub plan_lang: Option<String>,
}

/// Labels of a language, worked out once per page: every row asks for them.
pub struct Labels<'s> {
    pub strings: &'s UiStrings,
    responses: Vec<String>,
    statuses: Vec<String>,
    categories: Vec<String>,
    /// Theme as written → its name in the language.
    themes: std::cell::RefCell<std::collections::HashMap<String, String>>,
    /// `data/themes.yaml`'s names, and the language.
    names: Option<(&'s ThemeMap, String)>,
}

impl<'s> Labels<'s> {
    pub fn new(strings: &'s UiStrings) -> Labels<'s> {
        let response = |response: Response| ui(strings, &format!("response_{}", response.key()));
        let status = |status: Status| ui(strings, &format!("status_{}", status.key()));
        // UPR Info's scale, from 1 (minimal action) to 5 (specific action).
        let categories = (1..=5).map(|i| ui(strings, &format!("category_{i}"))).collect();
        Labels {
            strings,
            responses: Response::ALL.iter().map(|&r| response(r)).collect(),
            statuses: Status::ALL.iter().map(|&s| status(s)).collect(),
            categories,
            themes: Default::default(),
            names: None,
        }
    }

    /// With the themes' names in `lang` that `data/themes.yaml` gives.
    pub fn with_names(self, map: &'s ThemeMap, lang: &str) -> Labels<'s> {
        Labels { names: Some((map, lang.to_string())), ..self }
    }

    pub fn response(&self, response: Response) -> String {
        self.responses[Response::ALL.iter().position(|&r| r == response).unwrap_or(0)].clone()
    }

    pub fn status(&self, status: Status) -> String {
        self.statuses[Status::ALL.iter().position(|&s| s == status).unwrap_or(0)].clone()
    }

    pub fn category(&self, category: u8) -> String {
        self.categories[usize::from(category.clamp(1, 5)) - 1].clone()
    }

    /// A theme's name: `data/themes.yaml`'s in the language, else
    /// `theme_<slug>` of the language's strings, else as written.
    pub fn theme(&self, theme: &str) -> String {
        if let Some(name) = self.themes.borrow().get(theme) {
            return name.clone();
        }
        let slug = theme_slug(theme);
        let name = self
            .names
            .as_ref()
            .and_then(|(map, lang)| map.name_in(&slug, lang))
            .map(str::to_string)
            .or_else(|| self.strings.get(&format!("theme_{slug}")).cloned())
            .unwrap_or_else(|| theme.to_string());
        self.themes.borrow_mut().insert(theme.to_string(), name.clone());
        name
    }

    pub fn no_theme(&self) -> String {
        ui(self.strings, "rec_no_theme")
    }
}

pub fn row(data: &Data, rec: &Recommendation, lang: &str, default_lang: &str, labels: &Labels) -> RowView {
    let (text, translated) = rec.text_in(lang);
    let linked = |indexes: &[usize]| -> Vec<(String, String)> {
        indexes.iter().map(|&i| (data.rows[i].id.clone(), data.rows[i].cycle.clone())).collect()
    };
    RowView {
        id: rec.id.clone(),
        text: text.to_string(),
        text_lang: (!translated && lang != default_lang).then(|| default_lang.to_string()),
        state: rec.recommending_state.clone(),
        cycle: rec.cycle.clone(),
        session: rec.session.clone(),
        paragraph: rec.paragraph.clone(),
        response: rec.response.key(),
        response_label: labels.response(rec.response),
        themes: rec.themes.iter().map(|t| labels.theme(t)).collect(),
        affected_persons: rec.affected_persons.clone(),
        sdg_targets: rec.sdg_targets.clone(),
        sdg_goals: rec.sdg_goals.clone(),
        category: rec.action_category,
        category_label: rec.action_category.map(|c| labels.category(c)),
        status: rec.status.key(),
        status_label: labels.status(rec.status),
        assessment: rec.assessment_in(lang).to_string(),
        source: rec.source.clone(),
        source_href: (rec.source.starts_with("https://") || rec.source.starts_with("http://"))
            .then(|| rec.source.clone()),
        responsible: rec.responsible.clone(),
        planned_action: rec.planned_action.clone(),
        indicator: rec.indicator.clone(),
        target_date: rec.target_date.as_ref().map(|d| (d.written.clone(), d.due.to_string())),
        earlier: linked(&rec.earlier),
        later: linked(&rec.later),
        before_elsewhere: rec.before_elsewhere.clone(),
        plan_lang: (lang != default_lang).then(|| default_lang.to_string()),
    }
}

/// The fragment of a recommendation's row (`rec-121.1`): its element's id,
/// which "recommended before" links to.
pub fn anchor(id: &str) -> String {
    let mut anchor = String::with_capacity(id.len() + 4);
    anchor.push_str("rec-");
    anchor.extend(id.chars().map(|c| if c.is_whitespace() || c == '#' || c == '%' { '-' } else { c }));
    anchor
}

/// The matrix's groups: each main theme (a recommendation's first), in the
/// order themes first appear, with the indexes of its recommendations. The
/// page's table and its data script both follow this order.
pub fn theme_groups(data: &Data) -> Vec<(&str, Vec<usize>)> {
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, rec) in data.rows.iter().enumerate() {
        let slug = rec.theme_slugs.first().map_or("", String::as_str);
        let index = *at.entry(slug).or_insert_with(|| {
            groups.push((slug, Vec::new()));
            groups.len() - 1
        });
        groups[index].1.push(i);
    }
    groups
}

/// Every theme, in the order they first appear, with its count.
pub fn themes(data: &Data, labels: &Labels, href: impl Fn(&str) -> String) -> Vec<ThemeView> {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for rec in &data.rows {
        for (theme, slug) in rec.themes.iter().zip(&rec.theme_slugs) {
            let slug = slug.clone();
            let count = counts.entry(slug.clone()).or_insert(0);
            if *count == 0 {
                order.push((slug.clone(), theme.clone()));
            }
            *count += 1;
        }
    }
    order
        .into_iter()
        .map(|(slug, theme)| ThemeView { href: href(&slug), count: counts[&slug], name: labels.theme(&theme), slug })
        .collect()
}

/// `window.uprkitRecs`: what the page filters, sorts and exports, one
/// [`RowData`] per recommendation in the order of the matrix.
pub fn script(data: &Data, lang: &str, default_lang: &str, labels: &Labels, html: Option<&[String]>) -> String {
    let mut rows = Vec::with_capacity(data.rows.len());
    for (_, indexes) in theme_groups(data) {
        for i in indexes {
            let row_html = html.map(|html| html[i].as_str());
            let rec = &data.rows[i];
            let row = row(data, rec, lang, default_lang, labels);
            rows.push(RowData {
                id: row.id,
                text: row.text,
                state: row.state,
                states: &rec.recommending_states,
                cycle: row.cycle,
                session: row.session,
                paragraph: row.paragraph,
                response: row.response,
                theme_slugs: &rec.theme_slugs,
                themes: row.themes,
                sdg_targets: row.sdg_targets,
                sdg_goals: row.sdg_goals,
                affected_persons: row.affected_persons,
                category: row.category,
                status: row.status,
                assessment: row.assessment,
                source: row.source,
                responsible: row.responsible,
                planned_action: row.planned_action,
                indicator: row.indicator,
                target: row.target_date.as_ref().map(|d| d.0.clone()),
                due: row.target_date.map(|d| d.1),
                before: !rec.recommended_before.is_empty(),
                earlier: row.earlier.into_iter().map(|(id, _)| id).collect(),
                later: row.later.into_iter().map(|(id, _)| id).collect(),
                html: row_html,
            });
        }
    }
    data_script("uprkitRecs", &rows)
}

/// A recommendation as `recommendations.js` reads it.
#[derive(Serialize)]
struct RowData<'a> {
    id: String,
    text: String,
    /// The recommending States, joined, as shown.
    state: String,
    /// Each of them, for the filter: a joint recommendation is under each.
    states: &'a [String],
    cycle: String,
    session: String,
    paragraph: String,
    /// `supported`, `supported-in-part`, `noted` or `pending`.
    response: &'static str,
    theme_slugs: &'a [String],
    /// The themes' names in the page's language.
    themes: Vec<String>,
    sdg_targets: Vec<String>,
    /// The goals, whether named alone or by a target.
    sdg_goals: Vec<u8>,
    affected_persons: Vec<String>,
    /// The action category, 1 to 5, or `null`.
    category: Option<u8>,
    /// The implementation status's key.
    status: &'static str,
    assessment: String,
    source: String,
    responsible: Vec<String>,
    planned_action: String,
    indicator: String,
    /// The target date as written, and the day it falls due (ISO), or `null`.
    target: Option<String>,
    due: Option<String>,
    /// It repeats an earlier recommendation (in this data or not).
    before: bool,
    /// The ids of the recommendations of this data it repeats, and that repeat it.
    earlier: Vec<String>,
    later: Vec<String>,
    /// The row as the matrix shows it, for a large matrix whose page holds
    /// no row (`super::LARGE`); left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<&'a str>,
}
