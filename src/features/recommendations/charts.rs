//! Charts made at build time as SVG: responses per theme, action
//! categories and implementation status. Every bar is labelled with its
//! words and numbers (readable without colour and in print), the chart has
//! a title and a description for screen readers, and right-to-left
//! languages read from the right.

use std::fmt::Write;

use serde::Serialize;

use std::collections::HashMap;

use super::data::{Recommendation, Response, Status};
use super::view::{Labels, ThemeView};
use crate::engine::i18n::ui;
use crate::engine::templates::escape;

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub svg: String,
}

/// One bar: its label, and segments of (class, count, what the count is).
struct Bar {
    label: String,
    segments: Vec<(&'static str, usize, String)>,
}

const WIDTH: usize = 640;
const PAD: usize = 4;
const LABEL: usize = 20;
const BAR: usize = 16;
const GAP: usize = 12;

fn svg(id: &str, title: &str, bars: &[Bar], rtl: bool) -> String {
    let max = bars.iter().map(|b| b.segments.iter().map(|s| s.1).sum::<usize>()).max().unwrap_or(0).max(1);
    let row = LABEL + BAR + GAP;
    let height = bars.len() * row + PAD;
    let span = (WIDTH - 2 * PAD) as f64;
    let mut desc = Vec::new();
    let mut body = String::new();
    for (i, bar) in bars.iter().enumerate() {
        let y = PAD + i * row;
        let counts: Vec<String> = bar.segments.iter().filter(|s| s.1 > 0).map(|s| format!("{} {}", s.2, s.1)).collect();
        let line = match bar.segments.as_slice() {
            [(_, count, _)] => format!("{}: {count}", bar.label),
            _ => format!("{}: {}", bar.label, counts.join(", ")),
        };
        let (x, anchor) = if rtl { (WIDTH - PAD, " direction=\"rtl\"") } else { (PAD, "") };
        let _ = write!(
            body,
            "<text x=\"{x}\" y=\"{}\" class=\"chart-label\"{anchor}>{}</text>",
            y + LABEL - 5,
            escape(&line)
        );
        let mut at = 0.0;
        for (class, count, what) in &bar.segments {
            if *count == 0 {
                continue;
            }
            let width = span * *count as f64 / max as f64;
            let left = if rtl { WIDTH as f64 - PAD as f64 - at - width } else { PAD as f64 + at };
            let _ = write!(
                body,
                "<rect x=\"{left:.1}\" y=\"{}\" width=\"{width:.1}\" height=\"{BAR}\" class=\"chart-{class}\"><title>{}</title></rect>",
                y + LABEL,
                escape(&format!("{what}: {count}"))
            );
            at += width;
        }
        desc.push(line);
    }
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{body}</svg>",
        escape(title),
        escape(&desc.join("; "))
    )
}

/// The bars with the most recommendations first, so that a reader sees the
/// themes that weigh most without reading forty names; equal ones by name,
/// so that two builds draw the same chart.
fn largest_first(bars: &mut [Bar]) {
    let total = |bar: &Bar| bar.segments.iter().map(|s| s.1).sum::<usize>();
    bars.sort_by(|a, b| total(b).cmp(&total(a)).then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase())));
}

/// The charts of the recommendations `rows` (all, or one theme's): the
/// status chart only when one of them has a status.
/// Each counts in one pass over the rows: a data set of hundreds of themes
/// would otherwise be gone through once per theme and response.
pub fn charts(
    rows: &[&Recommendation],
    theme: Option<&ThemeView>,
    themes: &[ThemeView],
    labels: &Labels,
    rtl: bool,
) -> Vec<Chart> {
    let strings = labels.strings;
    let index = |response: Response| Response::ALL.iter().position(|&r| r == response).unwrap_or(0);
    let segments = |counts: &[usize; 4]| {
        Response::ALL.iter().map(|&r| (r.key(), counts[index(r)], labels.response(r))).collect::<Vec<_>>()
    };
    let mut charts = Vec::new();
    let by_theme: Vec<Bar> = match theme {
        Some(theme) => {
            let mut counts = [0usize; 4];
            for rec in rows {
                counts[index(rec.response)] += 1;
            }
            vec![Bar { label: theme.name.clone(), segments: segments(&counts) }]
        }
        None => {
            let mut counts: HashMap<&str, [usize; 4]> = HashMap::new();
            for rec in rows {
                for (k, slug) in rec.theme_slugs.iter().enumerate() {
                    if !rec.theme_slugs[..k].contains(slug) {
                        counts.entry(slug.as_str()).or_default()[index(rec.response)] += 1;
                    }
                }
            }
            let mut bars: Vec<Bar> = themes
                .iter()
                .map(|t| Bar {
                    label: t.name.clone(),
                    segments: segments(&counts.get(t.slug.as_str()).copied().unwrap_or_default()),
                })
                .collect();
            largest_first(&mut bars);
            bars
        }
    };
    let title = ui(strings, "rec_chart_responses");
    charts.push(Chart { id: "chart-responses".into(), svg: svg("chart-responses", &title, &by_theme, rtl), title });
    // Cycle by cycle: how many recommendations (of the theme) and how they
    // were answered, where the data holds more than one cycle.
    let mut cycles: Vec<(&str, [usize; 4])> = Vec::new();
    for rec in rows.iter().filter(|r| !r.cycle.is_empty()) {
        match cycles.iter_mut().find(|(c, _)| *c == rec.cycle) {
            Some((_, counts)) => counts[index(rec.response)] += 1,
            None => {
                let mut counts = [0usize; 4];
                counts[index(rec.response)] += 1;
                cycles.push((&rec.cycle, counts));
            }
        }
    }
    if cycles.len() > 1 {
        // In the cycles' order: 2, 3, 4 (numbers as numbers; other names as written).
        cycles.sort_by(|a, b| match (a.0.parse::<u32>(), b.0.parse::<u32>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => a.0.cmp(b.0),
        });
        let cycle_label = ui(strings, "rec_cycle");
        let bars: Vec<Bar> = cycles
            .iter()
            .map(|(cycle, counts)| Bar { label: cycle_label.replace("{cycle}", cycle), segments: segments(counts) })
            .collect();
        let title = ui(strings, "rec_chart_cycles");
        charts.push(Chart { id: "chart-cycles".into(), svg: svg("chart-cycles", &title, &bars, rtl), title });
    }
    let categories: Vec<Bar> = (1..=5u8)
        .map(|c| {
            let n = rows.iter().filter(|r| r.action_category == Some(c)).count();
            Bar { label: labels.category(c), segments: vec![("category", n, labels.category(c))] }
        })
        .collect();
    if categories.iter().any(|b| b.segments[0].1 > 0) {
        let title = ui(strings, "rec_chart_categories");
        charts.push(Chart {
            id: "chart-categories".into(),
            svg: svg("chart-categories", &title, &categories, rtl),
            title,
        });
    }
    // Data without statuses would draw one bar, "Unknown", as long as the
    // data: a chart that says nothing.
    if rows.iter().all(|r| r.status == Status::Unknown) {
        return charts;
    }
    let statuses: Vec<Bar> = Status::ALL
        .iter()
        .map(|&s| {
            let n = rows.iter().filter(|r| r.status == s).count();
            Bar { label: labels.status(s), segments: vec![(s.key(), n, labels.status(s))] }
        })
        .collect();
    let title = ui(strings, "rec_chart_status");
    charts.push(Chart { id: "chart-status".into(), svg: svg("chart-status", &title, &statuses, rtl), title });
    charts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, counts: &[usize]) -> Bar {
        Bar { label: label.to_string(), segments: counts.iter().map(|&n| ("supported", n, String::new())).collect() }
    }

    #[test]
    fn themes_with_more_recommendations_come_first_and_equal_ones_by_name() {
        let mut bars =
            vec![bar("Justice", &[1, 1]), bar("women's rights", &[5]), bar("Health", &[2]), bar("Education", &[3])];
        largest_first(&mut bars);
        let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["women's rights", "Education", "Health", "Justice"]);
    }
}
