//! Watching the toolkit: notify's file events, gathered into bursts (a
//! `git checkout` is one change, not a hundred), and what each changed path
//! means for the site ([`ChangeKind`]). A burst is built as soon as every
//! file in it is complete (closed after writing, renamed into place,
//! removed), so a save is built at once, never half-written, even when its
//! writer pauses; where the system does not say when a file is closed,
//! once its size stops changing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::engine::content::loader::is_ignored;
use crate::engine::error::{Error, Result};

/// Changes closer together than this are one burst, built once, while a
/// file of the burst may still be being written.
const QUIET_PERIOD: Duration = Duration::from_millis(25);
/// A save of one file, once the file is complete (closed, renamed): how
/// long to wait for more. Once a burst touches a second file (a checkout,
/// a search and replace), the wait is the quiet period again.
const SETTLED_PERIOD: Duration = Duration::from_millis(2);
/// A failed rebuild is announced only if no file changes within this
/// time: it may have read a file another was still writing (a `git checkout`).
pub const SETTLE_BEFORE_FAILING: Duration = QUIET_PERIOD;
/// A burst that never pauses is still built this often.
const MAX_WAIT: Duration = Duration::from_secs(2);
/// A file still open for writing (written in pieces, by a script or a slow
/// disk) is waited for until it is closed, at most this long.
const OPEN_WAIT: Duration = Duration::from_secs(10);
/// Whether the system says when a file written to is closed (inotify);
/// elsewhere a file is taken as complete once its size stops changing.
const REPORTS_CLOSE: bool = cfg!(any(target_os = "linux", target_os = "android"));

/// Paths that changed, and whether they are complete: closed after
/// writing, renamed into place or removed, rather than being written.
#[derive(Debug)]
pub struct Change {
    pub paths: Vec<PathBuf>,
    pub complete: bool,
}

/// Watches `root` and sends each change to `changes`. The watch stops when
/// the returned watcher is dropped.
pub fn watch(root: &Path, changes: mpsc::Sender<Change>) -> Result<notify::RecommendedWatcher> {
    // Only changes to files count: reading them during a build (access
    // events, atime updates) must not trigger the next build; closing a
    // file written to does. Symbolic links are not followed: a link to
    // /usr must not watch all of it.
    let handler = move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result {
            let complete = match event.kind {
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => Some(true),
                EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_)) => Some(true),
                EventKind::Create(_) => Some(false),
                EventKind::Modify(ModifyKind::Metadata(_)) => None,
                EventKind::Modify(_) => Some(false),
                _ => None,
            };
            if let Some(complete) = complete {
                let _ = changes.send(Change { paths: event.paths, complete });
            }
        }
    };
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = notify::RecommendedWatcher::new(handler, config)
        .map_err(|error| Error::Usage(format!("cannot watch {}: {error}", root.display())))?;
    watcher
        .watch(root, RecursiveMode::Recursive)
        .map_err(|error| Error::Usage(format!("cannot watch {}: {error}", root.display())))?;
    Ok(watcher)
}

/// Waits for the next change and the rest of its burst: every path changed
/// until a pause, or at most [`MAX_WAIT`]; the pause is short when the
/// burst is one file, complete (a save). A file that matters (`relevant`)
/// and is still open for writing is waited for until it is closed (or,
/// where the system does not say, until its size stops changing), however
/// long its writer pauses, up to [`OPEN_WAIT`]: a half-written file is
/// never built. `None` once the watcher is gone.
pub fn next_burst(
    changes: &mpsc::Receiver<Change>,
    pending: Option<Change>,
    relevant: &dyn Fn(&Path) -> bool,
) -> Option<Vec<PathBuf>> {
    let mut paths = Vec::new();
    // Files written to and not yet closed, renamed or removed.
    let mut open: HashSet<PathBuf> = HashSet::new();
    let note = |change: Change, paths: &mut Vec<PathBuf>, open: &mut HashSet<PathBuf>| {
        for path in change.paths {
            if change.complete {
                open.remove(&path);
            } else if relevant(&path) {
                open.insert(path.clone());
            }
            paths.push(path);
        }
    };
    let first = match pending {
        Some(change) => change,
        None => changes.recv().ok()?,
    };
    note(first, &mut paths, &mut open);
    let first = Instant::now();
    let mut sizes = Vec::new();
    loop {
        let limit = if open.is_empty() { MAX_WAIT } else { OPEN_WAIT };
        if first.elapsed() >= limit {
            break;
        }
        let one_file = paths.iter().all(|path| *path == paths[0]);
        let pause = if open.is_empty() && one_file { SETTLED_PERIOD } else { QUIET_PERIOD };
        match changes.recv_timeout(pause) {
            Ok(more) => note(more, &mut paths, &mut open),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // A folder (new ones come with the files put in them), or a
                // file gone, is not being written.
                open.retain(|path| path.is_file());
                if open.is_empty() {
                    break;
                }
                if !REPORTS_CLOSE {
                    let now: Vec<Option<u64>> =
                        open.iter().map(|path| std::fs::metadata(path).ok().map(|m| m.len())).collect();
                    if now == sizes {
                        break;
                    }
                    sizes = now;
                }
            }
        }
    }
    Some(paths)
}

/// What a change touches, from its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// A Markdown page under `content/`.
    Page(PathBuf),
    /// A file under `static/`, copied as it is.
    Static(String),
    /// A template of the site or its theme (`partials/pager.html`): the
    /// pages that use it are rendered again, their Markdown is not.
    Template(String),
    /// Configuration, shortcodes, strings, theme, glossaries, data,
    /// assets: anything else rebuilds everything.
    Other,
    /// Not a source: the output, version control, editors' temporary files.
    Ignored,
}

pub fn change_kind(root: &Path, path: &Path) -> ChangeKind {
    let Ok(relative) = path.strip_prefix(root) else { return ChangeKind::Ignored };
    let mut components = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let Some(first) = components.next() else { return ChangeKind::Ignored };
    if matches!(first.as_str(), "public" | "target" | "node_modules")
        || relative.components().any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
    {
        return ChangeKind::Ignored;
    }
    let is_page = first == "content" && relative.extension().is_some_and(|ext| ext == "md");
    let rest = || relative.components().skip(1).map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    if is_page {
        ChangeKind::Page(relative.to_path_buf())
    } else if first == "static" {
        ChangeKind::Static(rest())
    } else if first == "templates" || (first == "themes" && relative.components().any(|c| c.as_os_str() == "templates"))
    {
        let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let at = parts.iter().position(|part| part == "templates").unwrap_or(0);
        let name = parts[at + 1..].join("/");
        // A shortcode's template is part of the Markdown's rendering.
        if name.starts_with(crate::engine::shortcodes::DIR) {
            ChangeKind::Other
        } else {
            ChangeKind::Template(name)
        }
    } else {
        ChangeKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_change_kinds() {
        let root = Path::new("/site");
        assert_eq!(
            change_kind(root, Path::new("/site/content/review/a.fr.md")),
            ChangeKind::Page("content/review/a.fr.md".into())
        );
        assert_eq!(
            change_kind(root, Path::new("/site/static/img/logo.png")),
            ChangeKind::Static("img/logo.png".into())
        );
        assert_eq!(change_kind(root, Path::new("/site/templates/page.html")), ChangeKind::Template("page.html".into()));
        assert_eq!(
            change_kind(root, Path::new("/site/themes/plain/templates/partials/pager.html")),
            ChangeKind::Template("partials/pager.html".into())
        );
        for other in [
            "/site/uprkit.yaml",
            "/site/i18n/fr.yaml",
            "/site/themes/plain/static/uprkit.css",
            "/site/content/glossary.yaml",
            "/site/data/recommendations.csv",
            "/site/templates/shortcodes/quote.html",
        ] {
            assert_eq!(change_kind(root, Path::new(other)), ChangeKind::Other, "{other}");
        }
        for ignored in [
            "/site/public/index.html",
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/.git/index",
            "/elsewhere/a.md",
        ] {
            assert_eq!(change_kind(root, Path::new(ignored)), ChangeKind::Ignored, "{ignored}");
        }
    }
}
