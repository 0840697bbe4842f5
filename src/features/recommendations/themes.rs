//! Themes across cycles. OHCHR renamed its themes from one cycle to the
//! next ("A12 Acceptance of international norms", then "Acceptance of
//! international norms", then "Ratification of & accession to
//! international instruments"), so a matrix of three cycles would list one
//! theme three times. `data/themes.yaml` says which names are one theme
//! (`merge`: a name as written → the name shown) and what each theme is
//! called in the site's languages (`names`); the codes of OHCHR's second
//! cycle ("A12 ") are left out whatever the file says; and `check` points
//! out themes whose names look alike and were never used in one cycle.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::data::{theme_slug, Recommendation, DATA_DIR};
use super::values::normalise;
use crate::engine::config::Config;
use crate::engine::error::{did_you_mean, Diagnostic, Location};
use crate::engine::yaml;

/// The file's name, in `data/`.
pub const FILE: &str = "themes.yaml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemesFile {
    /// A theme's name as written in the data → the name it is shown under.
    #[serde(default)]
    merge: BTreeMap<String, String>,
    /// A theme's name (as shown) → language code → its name in that language.
    #[serde(default)]
    names: BTreeMap<String, BTreeMap<String, String>>,
}

/// What `data/themes.yaml` says, ready to use.
#[derive(Debug, Default)]
pub struct ThemeMap {
    /// Where it was read from, if there is a file.
    pub source: Option<PathBuf>,
    /// A name as written, compared [`normalise`]d → the name shown.
    merge: HashMap<String, String>,
    /// A theme's address ([`theme_slug`]) → language → its name.
    names: HashMap<String, HashMap<String, String>>,
}

impl ThemeMap {
    /// The name `theme` is shown under: its merge (followed to its end),
    /// else itself, without OHCHR's code.
    pub fn current(&self, theme: &str) -> String {
        let mut name = without_code(theme).to_string();
        // A chain (A → B, B → C) ends at C; a loop stops where it began.
        for _ in 0..=self.merge.len() {
            let key = normalise(&name);
            match self.merge.get(&key).or_else(|| self.merge.get(&normalise(without_code(&name)))) {
                Some(next) if normalise(next) != key => name = next.clone(),
                _ => break,
            }
        }
        name
    }

    /// A theme's name in `lang`, if the file gives one.
    pub fn name_in(&self, slug: &str, lang: &str) -> Option<&str> {
        self.names.get(slug).and_then(|names| names.get(lang)).map(String::as_str)
    }

    /// Every theme of `rows` under its current name, each once per row.
    pub fn apply(&self, rows: &mut [Recommendation]) {
        for rec in rows {
            let mut themes: Vec<String> = Vec::with_capacity(rec.themes.len());
            for theme in &rec.themes {
                let current = self.current(theme);
                if !themes.iter().any(|t| theme_slug(t) == theme_slug(&current)) {
                    themes.push(current);
                }
            }
            rec.theme_slugs = themes.iter().map(|t| theme_slug(t)).collect();
            rec.themes = themes;
        }
    }
}

/// "A12 Acceptance of international norms" → "Acceptance of international
/// norms": the code OHCHR's second-cycle lists put before each theme (a
/// capital letter from A to H and one or two digits).
pub fn without_code(theme: &str) -> &str {
    let theme = theme.trim();
    let bytes = theme.as_bytes();
    let digits = bytes.iter().skip(1).take_while(|b| b.is_ascii_digit()).count();
    let coded = bytes.first().is_some_and(|b| (b'A'..=b'H').contains(b))
        && (1..=2).contains(&digits)
        && bytes.get(1 + digits) == Some(&b' ');
    if coded {
        let rest = theme[1 + digits..].trim_start();
        if rest.starts_with(char::is_alphabetic) {
            return rest;
        }
    }
    theme
}

/// Reads `data/themes.yaml`, if the toolkit has one; a language of `names`
/// that is not the site's is a warning.
pub fn load(config: &Config, warnings: &mut Vec<Diagnostic>) -> Result<ThemeMap, Diagnostic> {
    let path = Path::new(DATA_DIR).join(FILE);
    let full = config.root.join(&path);
    if !full.is_file() {
        return Ok(ThemeMap::default());
    }
    let text = std::fs::read_to_string(&full).map_err(|error| {
        Diagnostic::new(Location::file(&path), format!("cannot read the file: {error}"))
            .with_help("save it as UTF-8 text")
    })?;
    let file: ThemesFile = if text.trim().is_empty() {
        ThemesFile::default()
    } else {
        yaml::parse(&path, 1, &text, &["merge", "names"]).map_err(|d| {
            d.with_help("the file has two parts: `merge:` (a theme's name as written: the name to show) and `names:` (a theme's name: a language code: its name in that language)")
        })?
    };
    let langs: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let mut map = ThemeMap { source: Some(path.clone()), ..ThemeMap::default() };
    for (from, to) in file.merge {
        map.merge.insert(normalise(&from), to);
    }
    for (theme, names) in file.names {
        for lang in names.keys().filter(|lang| !langs.contains(&lang.as_str())) {
            let line = text.lines().position(|l| l.trim_start().starts_with(&format!("{lang}:"))).map_or(1, |n| n + 1);
            let hint = did_you_mean(lang, langs.iter().copied()).map(|g| format!("{g} ")).unwrap_or_default();
            warnings.push(
                Diagnostic::new(
                    Location::at(&path, line, None),
                    format!("`{lang}` (a name of \"{theme}\") is not one of the site's languages"),
                )
                .with_help(format!("{hint}the site's languages are {}", langs.join(", "))),
            );
        }
        let slug = theme_slug(&map.current(&theme));
        map.names.entry(slug).or_default().extend(names);
    }
    Ok(map)
}

/// Themes that look like one theme named differently in different cycles:
/// their names alike ("Rights of the child" and "Rights of the Child –
/// general"), and no cycle in which both are used. One line of `check`
/// each, with what to add to `data/themes.yaml`.
pub fn near_duplicates(rows: &[Recommendation], source: Option<&Path>) -> Vec<String> {
    // Each theme: its name as shown, its count, the cycles it is used in.
    let mut seen: BTreeMap<&str, (&str, usize, BTreeSet<&str>)> = BTreeMap::new();
    for rec in rows {
        for (theme, slug) in rec.themes.iter().zip(&rec.theme_slugs) {
            let entry = seen.entry(slug).or_insert((theme, 0, BTreeSet::new()));
            entry.1 += 1;
            if !rec.cycle.is_empty() {
                entry.2.insert(&rec.cycle);
            }
        }
    }
    let themes: Vec<(&str, usize, &BTreeSet<&str>)> = seen.values().map(|(n, c, cycles)| (*n, *c, cycles)).collect();
    let file = source.map_or_else(|| format!("{DATA_DIR}/{FILE}"), |p| p.display().to_string());
    let mut lints = Vec::new();
    for (i, a) in themes.iter().enumerate() {
        for b in &themes[i + 1..] {
            if !a.2.is_disjoint(b.2) || !alike(a.0, b.0) {
                continue;
            }
            // The name used more often is kept.
            let (keep, merge) = if a.1 >= b.1 { (a, b) } else { (b, a) };
            let cycles = |t: &(&str, usize, &BTreeSet<&str>)| {
                if t.2.is_empty() {
                    String::new()
                } else {
                    format!(", cycle {}", t.2.iter().copied().collect::<Vec<_>>().join(", "))
                }
            };
            lints.push(format!(
                "themes \"{}\" ({}{}) and \"{}\" ({}{}) look like one theme named differently: to show them as one, add to {file}:\n    merge:\n      \"{}\": \"{}\"",
                keep.0,
                keep.1,
                cycles(keep),
                merge.0,
                merge.1,
                cycles(merge),
                merge.0,
                keep.0
            ));
        }
    }
    lints
}

/// Two theme names alike: nearly the same letters, or the words of one
/// (leaving out small words) all in the other.
fn alike(a: &str, b: &str) -> bool {
    const SMALL: &[&str] = &["of", "and", "the", "to", "on", "in", "for", "a", "an", "general", "s"];
    let words = |name: &str| -> BTreeSet<String> {
        normalise(without_code(name))
            .split(' ')
            .filter(|w| !SMALL.contains(w))
            .map(|w| w.trim_end_matches('s').to_string())
            .collect()
    };
    let (x, y) = (words(a), words(b));
    if x.is_empty() || y.is_empty() {
        return false;
    }
    let (small, large) = if x.len() <= y.len() { (&x, &y) } else { (&y, &x) };
    let shared = x.intersection(&y).count();
    (small.len() >= 2 && small.is_subset(large))
        // Most words the same: "Torture and other cruel, inhuman or
        // degrading treatment", "Prohibition of torture and cruel, ...".
        || (shared >= 3 && shared * 10 >= x.union(&y).count() * 7)
        || strsim::normalized_levenshtein(&normalise(without_code(a)), &normalise(without_code(b))) >= 0.85
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ohchr_s_codes_are_left_out() {
        assert_eq!(without_code("A12 Acceptance of international norms"), "Acceptance of international norms");
        assert_eq!(without_code("D8 Rights related to name"), "Rights related to name");
        assert_eq!(without_code("Women's rights"), "Women's rights");
        assert_eq!(without_code("X12 Other code"), "X12 Other code");
        assert_eq!(without_code("A 12"), "A 12");
        assert_eq!(without_code("B31 "), "B31");
    }

    #[test]
    fn merges_are_followed_to_the_name_shown() {
        let mut map = ThemeMap::default();
        map.merge.insert(
            normalise("Acceptance of international norms"),
            "Ratification of & accession to international instruments".into(),
        );
        map.merge.insert(normalise("Loop one"), "Loop two".into());
        map.merge.insert(normalise("Loop two"), "Loop one".into());
        assert_eq!(
            map.current("A12 Acceptance of international norms"),
            "Ratification of & accession to international instruments"
        );
        assert_eq!(
            map.current("acceptance of international NORMS"),
            "Ratification of & accession to international instruments"
        );
        assert_eq!(map.current("Right to health"), "Right to health");
        // A loop ends somewhere, and does not hang.
        assert!(["Loop one", "Loop two"].contains(&map.current("Loop one").as_str()));
    }

    #[test]
    fn names_alike_are_told_apart_from_names_that_share_a_word() {
        assert!(alike("Rights of the child", "Rights of the Child - general"));
        assert!(alike("Human rights defenders", "Human rights defender"));
        assert!(alike("Equality & non-discrimination", "B31 Equality & non-discrimination"));
        assert!(alike(
            "Torture and other cruel, inhuman or degrading treatment",
            "D25 Prohibition of torture and cruel, inhuman or degrading treatment"
        ));
        assert!(!alike("Right to health", "Right to education"));
        assert!(!alike("Rights of persons with disabilities", "Rights of older persons"));
        assert!(!alike("Women's rights", "Children's rights"));
        assert!(!alike(
            "Acceptance of international norms",
            "Ratification of & accession to international instruments"
        ));
    }
}
