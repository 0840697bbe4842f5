//! Watching the toolkit: notify's file events, gathered into bursts (a
//! `git checkout` is one change, not a hundred), and what each changed path
//! means for the site ([`ChangeKind`]).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::engine::content::loader::is_ignored;
use crate::engine::error::{Error, Result};

/// Changes closer together than this are one burst, built once.
const QUIET_PERIOD: Duration = Duration::from_millis(25);
/// A burst that never pauses is still built this often.
const MAX_WAIT: Duration = Duration::from_secs(2);

/// Watches `root` and sends the paths of each change to `changes`. The
/// watch stops when the returned watcher is dropped.
pub fn watch(root: &Path, changes: mpsc::Sender<Vec<PathBuf>>) -> Result<notify::RecommendedWatcher> {
    // Only changes to files count: reading them during a build (access
    // events, atime updates) must not trigger the next build. Symbolic
    // links are not followed: a link to /usr must not watch all of it.
    let handler = move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result {
            let relevant = match event.kind {
                EventKind::Create(_) | EventKind::Remove(_) => true,
                EventKind::Modify(ModifyKind::Metadata(_)) => false,
                EventKind::Modify(_) => true,
                _ => false,
            };
            if relevant {
                let _ = changes.send(event.paths);
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
/// until a quiet period, or at most [`MAX_WAIT`]. `None` once the watcher is gone.
pub fn next_burst(changes: &mpsc::Receiver<Vec<PathBuf>>) -> Option<Vec<PathBuf>> {
    let mut paths = changes.recv().ok()?;
    let first = Instant::now();
    while first.elapsed() < MAX_WAIT {
        match changes.recv_timeout(QUIET_PERIOD) {
            Ok(more) => paths.extend(more),
            Err(_) => break,
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
    /// A template of the site or its theme: pages are rendered again, their
    /// Markdown is not.
    Template,
    /// Configuration, templates, strings, theme, glossaries, static files,
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
        ChangeKind::Template
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
        assert_eq!(change_kind(root, Path::new("/site/templates/page.html")), ChangeKind::Template);
        assert_eq!(change_kind(root, Path::new("/site/themes/plain/templates/nav.html")), ChangeKind::Template);
        for other in [
            "/site/uprkit.yaml",
            "/site/i18n/fr.yaml",
            "/site/themes/plain/static/uprkit.css",
            "/site/content/glossary.yaml",
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
