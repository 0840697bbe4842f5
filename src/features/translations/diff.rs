//! `uprkit check --diff FILE`: what changed in a translation's source since
//! the version it was stamped with (`source_hash`), the old version found in
//! the toolkit's git history, as a unified diff of the Markdown; for a PO
//! file, each fuzzy entry's text now against the text its translation was
//! made for (`#|`), word by word.

use std::path::Path;
use std::process::Command;

use crate::engine::config::Config;
use crate::engine::content::{body_hash, front_matter};
use crate::engine::error::{Diagnostic, Error, Location, Result};

use super::gettext::{po, PO_DIR};
use super::{open_translation, Opened};

/// The report for `file`: the diff, or why there is none, in plain words.
pub fn diff(config: &Config, file: &Path) -> Result<String> {
    if file.extension().is_some_and(|ext| ext == "po" || ext == "pot") {
        return po_diff(config, file);
    }
    let Opened { page, source, source_rel, source_display, .. } =
        open_translation(config, file).map_err(Error::Content)?;
    let source_path = format!("content/{source_rel}");
    let Some(stamp) = page.front.source_hash.clone() else {
        return Ok(format!(
            "{} has no source_hash: nobody recorded which version of {source_path} it follows, so there is nothing to compare.\nOnce it matches its source, record it with: uprkit check --stamp {}\n",
            source_display.display(),
            source_display.display()
        ));
    };
    if stamp == body_hash(&source.body) {
        return Ok(format!("{source_path} has not changed since {} was stamped.\n", source_display.display()));
    }
    let (commit, date, text) = match stamped_source(config, &source_path, &stamp) {
        Stamped::NoGit => {
            return Ok(format!(
                "The toolkit is not in a git repository (or git is not installed), so uprkit cannot find the version of {source_path} that {} was translated from (source_hash {stamp}). Compare it with the copy you sent the translator.\n",
                source_display.display()
            ))
        }
        Stamped::NotFound => {
            return Ok(format!(
                "No version of {source_path} in the git history has the text {} was stamped with (source_hash {stamp}): it was probably stamped against changes never committed.\n",
                source_display.display()
            ))
        }
        Stamped::Found { commit, date, text } => (commit, date, text),
    };
    let body = front_matter::split(Path::new(&source_path), &text).map_or(text.as_str(), |split| split.body);
    let diff = similar::TextDiff::from_lines(body.trim(), source.body.trim());
    let unified = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("{source_path} ({commit}, {date})"), &format!("{source_path} (now)"))
        .to_string();
    Ok(format!(
        "What changed in {source_path} since {} was stamped (the version of commit {commit}, {date}):\n\n{unified}",
        source_display.display(),
    ))
}

/// The version of a source page a translation was stamped with, from the
/// toolkit's git history.
pub enum Stamped {
    /// The toolkit is not in a git repository, or git is not installed.
    NoGit,
    /// No commit has a version of the page with that text.
    NotFound,
    /// The commit (abbreviated), its date and the page's text then.
    Found { commit: String, date: String, text: String },
}

/// The latest version of `source_path` (`content/x.md`) in git whose body
/// has the hash `stamp`.
pub fn stamped_source(config: &Config, source_path: &str, stamp: &str) -> Stamped {
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git").arg("-C").arg(&config.root).args(args).output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let Some(top) = git(&["rev-parse", "--show-toplevel"]) else {
        return Stamped::NoGit;
    };
    let top = std::path::PathBuf::from(top.trim());
    let root = config.root.canonicalize().unwrap_or_else(|_| config.root.clone());
    let in_repo = root.strip_prefix(&top).unwrap_or(Path::new("")).join(source_path);
    let in_repo = in_repo.to_string_lossy().replace('\\', "/");
    let commits = git(&["log", "--format=%H %cs", "--", &in_repo]).unwrap_or_default();
    for line in commits.lines() {
        let (commit, date) = line.split_once(' ').unwrap_or((line, ""));
        let Some(text) = git(&["show", &format!("{commit}:{in_repo}")]) else { continue };
        let Ok(split) = front_matter::split(Path::new(source_path), &text) else { continue };
        if body_hash(split.body) == stamp {
            let commit = commit[..commit.len().min(10)].to_string();
            return Stamped::Found { commit, date: date.to_string(), text };
        }
    }
    Stamped::NotFound
}

/// `po/LANG/<page>.po` given on the command line, relative to the toolkit.
fn po_file(config: &Config, file: &Path) -> Result<std::path::PathBuf> {
    let problem = |message: &str, help: String| {
        Error::one(Diagnostic::new(Location::file(file), message.to_string()).with_help(help))
    };
    let po_dir = config.root.join(PO_DIR);
    let absolute = std::path::absolute(file)
        .unwrap_or_else(|_| file.to_path_buf())
        .canonicalize()
        .map_err(|error| problem(&format!("cannot open: {error}"), "give the path of a PO file".into()))?;
    let rel =
        po_dir.canonicalize().ok().and_then(|dir| absolute.strip_prefix(dir).ok().map(Path::to_path_buf)).ok_or_else(
            || problem("not inside the toolkit's po folder", format!("PO files live under {}/LANG/", po_dir.display())),
        )?;
    let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    if rel.starts_with("templates/") || rel.ends_with(".pot") {
        let page = rel.strip_prefix("templates/").unwrap_or(&rel).trim_end_matches(".pot");
        return Err(problem(
            "a template: it holds the source text only, nothing translated to compare",
            format!("give a language's file, such as {PO_DIR}/fr/{page}.po"),
        ));
    }
    Ok(Path::new(PO_DIR).join(rel))
}

/// Each fuzzy entry of a PO file, at its line: its text now, word by word
/// against the text its translation was made for, and the translation.
fn po_diff(config: &Config, file: &Path) -> Result<String> {
    let shown = po_file(config, file)?;
    let name = shown.to_string_lossy().replace('\\', "/");
    let catalog = po::read(&config.root, &shown)
        .map_err(Error::one)?
        .ok_or_else(|| Error::one(Diagnostic::new(Location::file(&shown), "cannot open: no such file")))?;
    let fuzzy: Vec<usize> = (0..catalog.entries.len())
        .filter(|&i| {
            catalog.entries[i].fuzzy && !catalog.entries[i].obsolete && !catalog.entries[i].translation.is_empty()
        })
        .collect();
    if fuzzy.is_empty() {
        return Ok(format!("{name} has no fuzzy entries: no translation waits for a change of its source.\n"));
    }
    let mut out = format!(
        "{name}: {}, with what changed in its source since it was translated \
         ([-words removed-] {{+words added+}}):\n",
        if fuzzy.len() == 1 { "1 fuzzy entry".to_string() } else { format!("{} fuzzy entries, each", fuzzy.len()) },
    );
    for i in fuzzy {
        let entry = &catalog.entries[i];
        let line = catalog.lines.get(i).copied().unwrap_or(0);
        out.push_str(&format!("\n{name}:{line}:"));
        match (&entry.previous_context, &entry.context) {
            (Some(before), Some(now)) if before != now => out.push_str(&format!(" context {before} is now {now}")),
            (Some(before), None) => out.push_str(&format!(" context {before} is gone")),
            (_, Some(now)) => out.push_str(&format!(" (context {now})")),
            (None, None) => {}
        }
        out.push('\n');
        match &entry.previous {
            Some(previous) => out.push_str(&format!("  {}\n", word_diff(previous, &entry.id))),
            None => out.push_str(&format!(
                "  (the file does not say which text it was translated from: no #| line)\n  now: {}\n",
                entry.id
            )),
        }
        out.push_str(&format!("  translation: {}\n", entry.translation));
    }
    Ok(out)
}

/// `old` to `new` word by word, as `git diff --word-diff` shows it:
/// `[-removed-]` and `{+added+}` in the text that stays (a message has one
/// space between words, so words and spaces are all there is).
pub fn word_diff(old: &str, new: &str) -> String {
    let old_words: Vec<&str> = old.split_whitespace().collect();
    let new_words: Vec<&str> = new.split_whitespace().collect();
    let diff = similar::TextDiff::configure().diff_slices(&old_words, &new_words);
    // Runs of one kind: the words that stay, then those removed, then those added.
    let mut runs: Vec<(similar::ChangeTag, Vec<&str>)> = Vec::new();
    for change in diff.iter_all_changes() {
        match runs.last_mut() {
            Some((tag, words)) if *tag == change.tag() => words.push(change.value()),
            _ => runs.push((change.tag(), vec![change.value()])),
        }
    }
    let shown: Vec<String> = runs
        .into_iter()
        .map(|(tag, words)| match tag {
            similar::ChangeTag::Equal => words.join(" "),
            similar::ChangeTag::Delete => format!("[-{}-]", words.join(" ")),
            similar::ChangeTag::Insert => format!("{{+{}+}}", words.join(" ")),
        })
        .collect();
    shown.join(" ")
}

#[cfg(test)]
mod tests {
    use super::word_diff;

    #[test]
    fn a_word_diff_marks_the_words_removed_and_added() {
        assert_eq!(
            word_diff("Make a list of friendly States", "Make a short list of friendly and undecided States"),
            "Make a {+short+} list of friendly {+and undecided+} States"
        );
        assert_eq!(
            word_diff("Send it to the embassies", "Email it to embassies"),
            "[-Send-] {+Email+} it to [-the-] embassies"
        );
        assert_eq!(word_diff("Same", "Same"), "Same");
    }
}
