//! The rebuild loop: each burst of changes applied to the last good build
//! ([`Session`]), or a whole build; the result served and the browsers
//! told, then the files made after the reload.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use super::super::http::{Notice, State};
use super::super::watch::{change_kind, next_burst, ChangeKind, SETTLE_BEFORE_FAILING};
use super::Session;
use crate::engine::error::Result;
use crate::engine::output::Contents;
use crate::engine::pipeline::{give_back_memory, BuildOptions, Registry};

/// The rebuild loop, a small state machine: waiting for a change; then
/// rebuilding part of the last good build (`session`) or all of it; then
/// serving the result and telling the browsers, or keeping the last good
/// site and showing the error. Without a good build yet (`session` is
/// `None`), every change tries a whole build.
pub fn rebuild_loop(
    root: &Path,
    registry: Registry,
    mut session: Option<Session>,
    state: &State,
    changed: &mpsc::Receiver<super::super::watch::Change>,
    options: &BuildOptions,
    quiet: bool,
) {
    let (mut pending, mut retry) = (None, Vec::new());
    let relevant = |path: &Path| change_kind(root, path) != ChangeKind::Ignored;
    while let Some(mut paths) = next_burst(changed, pending.take(), &relevant) {
        paths.append(&mut retry);
        let changes: Vec<(&PathBuf, ChangeKind)> = paths
            .iter()
            .filter(|path| session.as_ref().is_none_or(|session| !session.is_passing_file(path)))
            .map(|path| (path, change_kind(root, path)))
            .filter(|(_, kind)| *kind != ChangeKind::Ignored)
            .collect();
        if changes.is_empty() {
            continue;
        }
        let names = changed_names(root, changes.iter().map(|(path, _)| *path));
        let kinds: Vec<ChangeKind> = changes.into_iter().map(|(_, kind)| kind).collect();
        let start = Instant::now();
        let result = match session.as_mut() {
            Some(current) => rebuild(root, current, state, &kinds),
            None => Ok(Rebuilt::Everything),
        };
        let result = match result {
            Ok(Rebuilt::Everything) => Session::full(root, registry, options).map(|(fresh, files)| {
                session = Some(fresh);
                state.replace(files);
                "everything"
            }),
            Ok(Rebuilt::Part(what)) => Ok(what),
            Err(error) => Err(error),
        };
        match result {
            Ok(what) => {
                *state.error.write().expect("error lock") = None;
                if !quiet {
                    let scope = match what {
                        "pages" => String::new(),
                        other => format!(" ({other})"),
                    };
                    println!("Rebuilt {names} in {} ms{scope}.", start.elapsed().as_millis());
                }
                state.broadcast(Notice::Reload);
                // A whole build's, or an edit's: each said once in a session.
                if let Some(session) = &mut session {
                    session.say_warnings();
                }
                if let (Some(session), "pages") = (&mut session, what) {
                    for language in session.stale.clone() {
                        match session.deferred_files(language) {
                            Ok(files) => state.update(files),
                            Err(error) => eprintln!("error: {error}"),
                        }
                        // What the language's handouts needed while they were made.
                        give_back_memory();
                    }
                }
            }
            Err(error) => {
                // Files changed while it built (a checkout still writing):
                // the next build reads them whole, with this burst's files.
                pending = changed.recv_timeout(SETTLE_BEFORE_FAILING).ok();
                if pending.is_some() {
                    retry = paths;
                    continue;
                }
                let message = error.to_string();
                eprintln!("error: {message}");
                *state.error.write().expect("error lock") = Some(message.clone());
                state.broadcast(Notice::Failed(message));
            }
        }
    }
}

/// The changed files as the author knows them: `content/review/dialogue.md`,
/// three at most and how many more.
fn changed_names<'p>(root: &Path, paths: impl Iterator<Item = &'p PathBuf>) -> String {
    let mut names: Vec<String> =
        paths.map(|path| path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")).collect();
    names.sort();
    names.dedup();
    match names.len() {
        0..=3 => names.join(", "),
        n => format!("{} and {} more files", names[..3].join(", "), n - 3),
    }
}

/// What a rebuild did, or that it needs a whole build.
enum Rebuilt {
    Part(&'static str),
    Everything,
}

/// Applies the changes `kinds` (none of them ignored) to the last good build.
fn rebuild(root: &Path, session: &mut Session, state: &State, kinds: &[ChangeKind]) -> Result<Rebuilt> {
    let all = |test: fn(&ChangeKind) -> bool| kinds.iter().all(test);
    if all(|kind| matches!(kind, ChangeKind::Static(_))) {
        // Static files are copied: put the new ones in, take the removed ones out.
        let mut map = (**state.files.read().expect("files lock")).clone();
        let static_dir = root.join("static");
        for kind in kinds {
            if let ChangeKind::Static(rel) = kind {
                let path = static_dir.join(rel);
                // A file the build makes itself stays; the static one is left out.
                let generated = |rel: &str| {
                    map.get(rel)
                        .is_some_and(|file| !matches!(&**file, Contents::Copy(from) if from.starts_with(&static_dir)))
                };
                if let Some(warning) = crate::engine::site_files::replaces_generated(rel, generated) {
                    eprintln!("warning: {warning}");
                    continue;
                }
                if path.is_file() && !path.is_symlink() {
                    map.insert(rel.clone(), Arc::new(Contents::Copy(path)));
                } else {
                    map.remove(rel);
                }
            }
        }
        *state.files.write().expect("files lock") = Arc::new(map);
        return Ok(Rebuilt::Part("static files"));
    }
    if all(|kind| matches!(kind, ChangeKind::Template(_))) {
        let names: Vec<String> = kinds
            .iter()
            .filter_map(|kind| match kind {
                ChangeKind::Template(name) => Some(name.clone()),
                _ => None,
            })
            .collect();
        state.update(session.templates(&names)?);
        return Ok(Rebuilt::Part("pages (templates)"));
    }
    if !all(|kind| matches!(kind, ChangeKind::Page(_))) {
        return Ok(Rebuilt::Everything);
    }
    let pages: Vec<PathBuf> = kinds
        .iter()
        .filter_map(|kind| match kind {
            ChangeKind::Page(path) => Some(path.clone()),
            _ => None,
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    Ok(match session.text_edit(&pages)? {
        Some(files) => {
            state.update(files);
            Rebuilt::Part("pages")
        }
        None => Rebuilt::Everything,
    })
}
