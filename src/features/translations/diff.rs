//! `uprkit check --diff FILE`: what changed in a translation's source since
//! the version it was stamped with (`source_hash`), the old version found in
//! the toolkit's git history, as a unified diff of the Markdown.

use std::path::Path;
use std::process::Command;

use crate::engine::config::Config;
use crate::engine::content::{body_hash, front_matter};
use crate::engine::error::{Error, Result};

use super::{open_translation, Opened};

/// The report for `file`: the diff, or why there is none, in plain words.
pub fn diff(config: &Config, file: &Path) -> Result<String> {
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
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git").arg("-C").arg(&config.root).args(args).output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let Some(top) = git(&["rev-parse", "--show-toplevel"]) else {
        return Ok(format!(
            "The toolkit is not in a git repository (or git is not installed), so uprkit cannot find the version of {source_path} that {} was translated from (source_hash {stamp}). Compare it with the copy you sent the translator.\n",
            source_display.display()
        ));
    };
    let top = std::path::PathBuf::from(top.trim());
    let root = config.root.canonicalize().unwrap_or_else(|_| config.root.clone());
    let in_repo = root.strip_prefix(&top).unwrap_or(Path::new("")).join(&source_path);
    let in_repo = in_repo.to_string_lossy().replace('\\', "/");
    let commits = git(&["log", "--format=%H %cs", "--", &in_repo]).unwrap_or_default();
    for line in commits.lines() {
        let (commit, date) = line.split_once(' ').unwrap_or((line, ""));
        let Some(text) = git(&["show", &format!("{commit}:{in_repo}")]) else { continue };
        let Ok(split) = front_matter::split(Path::new(&source_path), &text) else { continue };
        if body_hash(split.body) != stamp {
            continue;
        }
        let diff = similar::TextDiff::from_lines(split.body.trim(), source.body.trim());
        let unified = diff
            .unified_diff()
            .context_radius(3)
            .header(
                &format!("{source_path} ({}, {date})", &commit[..commit.len().min(10)]),
                &format!("{source_path} (now)"),
            )
            .to_string();
        return Ok(format!(
            "What changed in {source_path} since {} was stamped (the version of commit {}, {date}):\n\n{unified}",
            source_display.display(),
            &commit[..commit.len().min(10)]
        ));
    }
    Ok(format!(
        "No version of {source_path} in the git history has the text {} was stamped with (source_hash {stamp}): it was probably stamped against changes never committed.\n",
        source_display.display()
    ))
}
