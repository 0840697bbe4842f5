//! The UPR cycle as a small SVG drawn at build time: one node per phase in
//! cycle order, arrows between them and back to the start, the current
//! phase filled, labels in the reader's language, mirrored right to left.

use pulldown_cmark_escape::escape_html;

use super::PhaseView;
use crate::engine::i18n::Direction;

/// The ids the picture uses, unique on its page.
pub const IDS: &[&str] = &["cycle-svg-title", "cycle-arrow"];

const STEP: usize = 150;
const RADIUS: usize = 24;
const CENTRE_Y: usize = 40;

/// The SVG for `phases`, with `current` marked. `root` prefixes the phase
/// links; `label` is the accessible name ("The three phases ...").
pub fn svg(phases: &[PhaseView], current: Option<&str>, direction: Direction, root: &str, label: &str) -> String {
    let count = phases.len().max(1);
    let width = STEP * count;
    let x_of = |index: usize| {
        let ltr = STEP / 2 + index * STEP;
        match direction {
            Direction::Ltr => ltr,
            Direction::Rtl => width - ltr,
        }
    };
    let mut out = String::with_capacity(2048);
    out.push_str(&format!(
        "<svg class=\"cycle-svg\" viewBox=\"0 0 {width} 130\" role=\"group\" aria-labelledby=\"cycle-svg-title\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"cycle-svg-title\">"
    ));
    push_text(&mut out, label);
    out.push_str("</title>");
    out.push_str(
        "<defs><marker id=\"cycle-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" class=\"cycle-arrowhead\"/></marker></defs>",
    );
    // Arrows from each phase to the next, then from the last back to the first.
    for index in 1..phases.len() {
        let (from, to) = (x_of(index - 1), x_of(index));
        let (start, end) =
            if from < to { (from + RADIUS + 4, to - RADIUS - 6) } else { (from - RADIUS - 4, to + RADIUS + 6) };
        out.push_str(&format!(
            "<line class=\"cycle-line\" x1=\"{start}\" y1=\"{CENTRE_Y}\" x2=\"{end}\" y2=\"{CENTRE_Y}\" marker-end=\"url(#cycle-arrow)\"/>"
        ));
    }
    if phases.len() > 1 {
        let (first, last) = (x_of(0), x_of(phases.len() - 1));
        out.push_str(&format!(
            "<path class=\"cycle-line cycle-return\" d=\"M{last} {} C{last} 128 {first} 128 {first} {}\" marker-end=\"url(#cycle-arrow)\"/>",
            CENTRE_Y + RADIUS + 36,
            CENTRE_Y + RADIUS + 38
        ));
    }
    for (index, phase) in phases.iter().enumerate() {
        let x = x_of(index);
        let is_current = current == Some(phase.id.as_str());
        out.push_str("<g class=\"cycle-phase phase-");
        push_text(&mut out, &phase.id);
        if is_current {
            out.push_str(" is-current");
        }
        out.push('"');
        if let Some(color) = &phase.color {
            out.push_str(" style=\"--phase: ");
            push_text(&mut out, color);
            out.push('"');
        }
        out.push('>');
        if let Some(href) = &phase.href {
            out.push_str("<a href=\"");
            push_text(&mut out, &format!("{root}{href}"));
            out.push('"');
            if is_current {
                out.push_str(" aria-current=\"true\"");
            }
            out.push('>');
        }
        out.push_str(&format!("<circle class=\"cycle-node\" cx=\"{x}\" cy=\"{CENTRE_Y}\" r=\"{RADIUS}\"/>"));
        out.push_str(&format!(
            "<text class=\"cycle-step\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            CENTRE_Y + 6,
            index + 1
        ));
        let lines = split_label(&phase.name);
        for (line_index, line) in lines.iter().enumerate() {
            out.push_str(&format!(
                "<text class=\"cycle-label\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">",
                CENTRE_Y + RADIUS + 20 + line_index * 16
            ));
            push_text(&mut out, line);
            out.push_str("</text>");
        }
        if phase.href.is_some() {
            out.push_str("</a>");
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

fn push_text(out: &mut String, text: &str) {
    escape_html(out, text).expect("writing to a String");
}

/// Long labels ("Последующие действия") go on two lines, split at the space
/// nearest the middle; SVG text does not wrap by itself.
fn split_label(label: &str) -> Vec<String> {
    let length = label.chars().count();
    if length <= 14 {
        return vec![label.to_string()];
    }
    let middle = length / 2;
    let split = label
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(byte, _)| (byte, label[..byte].chars().count()))
        .min_by_key(|(_, chars)| chars.abs_diff(middle));
    match split {
        Some((byte, _)) => vec![label[..byte].to_string(), label[byte + 1..].to_string()],
        None => vec![label.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phases() -> Vec<PhaseView> {
        ["preparation", "review", "follow-up"]
            .iter()
            .map(|id| PhaseView {
                id: id.to_string(),
                name: id.to_string(),
                description: String::new(),
                color: None,
                href: Some(format!("{id}/index.html")),
            })
            .collect()
    }

    fn x_of(svg: &str, phase: &str) -> usize {
        let group = &svg[svg.find(&format!("phase-{phase}")).unwrap()..];
        let cx = &group[group.find("cx=\"").unwrap() + 4..];
        cx[..cx.find('"').unwrap()].parse().unwrap()
    }

    #[test]
    fn phases_run_in_reading_direction_and_the_current_one_is_marked() {
        let ltr = svg(&phases(), Some("review"), Direction::Ltr, "../", "The cycle");
        assert!(x_of(&ltr, "preparation") < x_of(&ltr, "review") && x_of(&ltr, "review") < x_of(&ltr, "follow-up"));
        assert!(ltr.contains(
            "<g class=\"cycle-phase phase-review is-current\"><a href=\"../review/index.html\" aria-current=\"true\">"
        ));
        let rtl = svg(&phases(), None, Direction::Rtl, "../", "The cycle");
        assert!(x_of(&rtl, "preparation") > x_of(&rtl, "follow-up"), "mirrored");
        assert!(!rtl.contains("is-current"));
    }

    #[test]
    fn long_labels_wrap_at_the_middle_space() {
        assert_eq!(split_label("Последующие действия"), ["Последующие", "действия"]);
        assert_eq!(split_label("Review"), ["Review"]);
    }
}
