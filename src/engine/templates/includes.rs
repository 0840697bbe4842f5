//! Which templates a template uses (`include`, `extends`, `import`), read
//! from its text, and the loops among them: a template that includes
//! itself, directly or through others, would render for ever (tera does
//! not notice, and the process dies of a stack overflow), so the theme is
//! refused when it is loaded, naming the template.

use std::collections::{BTreeMap, BTreeSet};

/// How one template uses another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    Include,
    Extends,
    Import,
}

impl Use {
    fn verb(self) -> &'static str {
        match self {
            Use::Include => "includes",
            Use::Extends => "extends",
            Use::Import => "imports macros from",
        }
    }
}

/// A template named in another's tag, and the line of that tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Reference {
    pub name: String,
    pub how: Use,
    pub line: usize,
}

/// The templates `text` names in its `{% include %}`, `{% extends %}` and
/// `{% import %}` tags (every name of an include's list), leaving out
/// comments and `{% raw %}` blocks.
pub(super) fn references(text: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut at = 0;
    let mut raw = false;
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let rest = &text[open..];
        if rest.starts_with("{#") {
            at = rest.find("#}").map_or(text.len(), |end| open + end + 2);
            continue;
        }
        if !rest.starts_with("{%") {
            at = open + 1;
            continue;
        }
        let Some(end) = rest.find("%}") else { break };
        let tag = rest[2..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        at = open + end + 2;
        let keyword = tag.split_whitespace().next().unwrap_or("");
        match (raw, keyword) {
            (false, "raw") => raw = true,
            (true, "endraw") => raw = false,
            (true, _) => {}
            (false, "include" | "extends" | "import") => {
                let how = match keyword {
                    "include" => Use::Include,
                    "extends" => Use::Extends,
                    _ => Use::Import,
                };
                let line = text[..open].matches('\n').count() + 1;
                let names = quoted(&tag[keyword.len()..]);
                // `import "macros.html" as m`: only the first is a template.
                let take = if how == Use::Include { names.len() } else { names.len().min(1) };
                found.extend(names.into_iter().take(take).map(|name| Reference { name, how, line }));
            }
            _ => {}
        }
    }
    found
}

/// The strings between quotes (`"`, `'` or `` ` ``) in a tag.
fn quoted(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = tag;
    while let Some(start) = rest.find(['"', '\'', '`']) {
        let quote = &rest[start..start + 1];
        let after = &rest[start + 1..];
        let Some(length) = after.find(quote) else { break };
        names.push(after[..length].to_string());
        rest = &after[length + 1..];
    }
    names
}

/// A template and its use of the next one in a loop.
pub(super) type Step = (String, Reference);

/// A loop of templates that includes: the templates in order, each using
/// the next, the last using the first, with how and on which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Loop {
    pub steps: Vec<Step>,
}

impl Loop {
    /// "`a.html` includes `b.html`, which includes `a.html`".
    pub fn describe(&self) -> String {
        let mut text = String::new();
        for (index, (name, reference)) in self.steps.iter().enumerate() {
            if index == 0 {
                text.push_str(&format!("`{name}` "));
            } else {
                text.push_str(", which ");
            }
            text.push_str(&format!("{} `{}`", reference.how.verb(), reference.name));
        }
        if self.steps.len() == 1 {
            text.push_str(" (itself)");
        }
        text
    }
}

/// Every loop among `templates` (name → text) that holds an include:
/// those would render for ever. Loops of `extends` alone are tera's to
/// report, and templates that import each other's macros only are fine.
pub(super) fn loops<'t>(templates: impl Iterator<Item = (&'t str, &'t str)>) -> Vec<Loop> {
    let graph: BTreeMap<&str, Vec<Reference>> = templates.map(|(name, text)| (name, references(text))).collect();
    let mut found = Vec::new();
    let mut seen: BTreeSet<BTreeSet<String>> = BTreeSet::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for &start in graph.keys() {
        let mut path: Vec<Step> = Vec::new();
        visit(start, &graph, &mut path, &mut done, &mut |cycle| {
            let members: BTreeSet<String> = cycle.iter().map(|(name, _)| name.clone()).collect();
            if let Some(first) = cycle.iter().position(|(_, reference)| reference.how == Use::Include) {
                if seen.insert(members) {
                    // Told from an include, the one to remove.
                    let mut steps = cycle.to_vec();
                    steps.rotate_left(first);
                    found.push(Loop { steps });
                }
            }
        });
    }
    found
}

fn visit<'g>(
    name: &'g str,
    graph: &'g BTreeMap<&'g str, Vec<Reference>>,
    path: &mut Vec<Step>,
    done: &mut BTreeSet<&'g str>,
    report: &mut dyn FnMut(&[Step]),
) {
    if done.contains(name) {
        return;
    }
    let Some((key, references)) = graph.get_key_value(name) else { return };
    for reference in references {
        path.push((key.to_string(), reference.clone()));
        if let Some(at) = path.iter().position(|(on_path, _)| *on_path == reference.name) {
            report(&path[at..]);
        } else if let Some((next, _)) = graph.get_key_value(reference.name.as_str()) {
            visit(next, graph, path, done, report);
        }
        path.pop();
    }
    done.insert(key);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_from_tags_only() {
        let text = "{# {% include \"commented.html\" %} #}\n{% extends \"base.html\" %}\n{%- include ['a.html', \"b.html\"] ignore missing -%}\n{% import \"macros.html\" as m %}{% raw %}{% include \"raw.html\" %}{% endraw %}\ninclude \"text.html\"";
        let names: Vec<(String, Use, usize)> = references(text).into_iter().map(|r| (r.name, r.how, r.line)).collect();
        assert_eq!(
            names,
            [
                ("base.html".to_string(), Use::Extends, 2),
                ("a.html".to_string(), Use::Include, 3),
                ("b.html".to_string(), Use::Include, 3),
                ("macros.html".to_string(), Use::Import, 4),
            ]
        );
    }

    #[test]
    fn loops_through_includes_are_found_once() {
        let templates = [
            ("page.html", "{% extends \"base.html\" %}"),
            ("base.html", "{% include \"partials/pager.html\" %}{% include \"a.html\" %}"),
            ("partials/pager.html", "<nav>{% include \"partials/pager.html\" %}</nav>"),
            ("a.html", "{% include \"b.html\" %}"),
            ("b.html", "{% import \"a.html\" as a %}"),
            ("m.html", "{% import \"n.html\" as n %}"),
            ("n.html", "{% import \"m.html\" as m %}"),
        ];
        let found: Vec<String> = loops(templates.iter().copied()).iter().map(Loop::describe).collect();
        assert_eq!(
            found,
            [
                "`a.html` includes `b.html`, which imports macros from `a.html`",
                "`partials/pager.html` includes `partials/pager.html` (itself)",
            ]
        );
    }
}
