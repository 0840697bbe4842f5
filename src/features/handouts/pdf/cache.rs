//! Typeset PDFs kept between builds, so that a build typesets only the
//! guides whose text changed: a PDF is named by what it is made from (its
//! markup, its images, the fonts Typst chose from, and the uprkit that made
//! it), so an entry is either exactly the PDF the build would make or not
//! found. They live in the user's cache folder (`~/.cache/uprkit/pdf` on
//! Linux, `%LOCALAPPDATA%\uprkit\pdf` on Windows, `~/Library/Caches` on a
//! Mac), or in `UPRKIT_CACHE_DIR`'s folder; when a build adds one, entries
//! unused for 30 days are removed, and the least recently used beyond
//! 512 MB. A cache that cannot be read or written only costs time.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::LazyLock;
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use super::guide::Prepared;

/// How long an entry no build used is kept.
const UNUSED_FOR: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// How much the kept PDFs may take: the sample guide's 24 take 7 MB, a
/// development build of uprkit makes a new set each time.
const AT_MOST: u64 = 512 * 1024 * 1024;

/// What identifies the program that typesets: its version, and its file (a
/// development build changes without a new version).
static PROGRAM: LazyLock<String> = LazyLock::new(|| {
    let file = std::env::current_exe().and_then(fs::metadata).ok();
    let modified = file
        .as_ref()
        .and_then(|meta| meta.modified().ok())
        .and_then(|time| time.duration_since(SystemTime::UNIX_EPOCH).ok());
    format!(
        "uprkit {} {} {:?}",
        env!("CARGO_PKG_VERSION"),
        file.map_or(0, |meta| meta.len()),
        modified.map(|since| since.as_nanos())
    )
});

/// The folder of kept PDFs, if there is one to use.
#[derive(Clone)]
pub(super) struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// `UPRKIT_CACHE_DIR`'s folder, else the user's cache folder.
    pub fn open() -> Cache {
        let base = match std::env::var_os("UPRKIT_CACHE_DIR") {
            Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
            _ => dirs::cache_dir().map(|dir| dir.join("uprkit")),
        };
        let dir = base.map(|base| base.join("pdf")).filter(|dir| fs::create_dir_all(dir).is_ok());
        Cache { dir }
    }

    /// The name of the PDF that `prepared` becomes with the fonts `fonts`.
    pub fn key(prepared: &Prepared, fonts: u128) -> String {
        let mut hash = Sha256::new();
        let mut part = |bytes: &[u8]| {
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(bytes);
        };
        part(PROGRAM.as_bytes());
        part(&fonts.to_le_bytes());
        part(prepared.name.as_bytes());
        part(prepared.markup.as_bytes());
        for (path, bytes, _) in &prepared.images.files {
            part(path.as_bytes());
            part(bytes);
        }
        hash.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|dir| dir.join(format!("{key}.pdf")))
    }

    /// The kept PDF named `key`, marked as used; none if it is not there or
    /// is not a whole PDF (a disk that filled up, a file someone edited).
    pub fn get(&self, key: &str) -> Option<Vec<u8>> {
        let path = self.path(key)?;
        let bytes = fs::read(&path).ok()?;
        let tail = &bytes[bytes.len().saturating_sub(32)..];
        if !bytes.starts_with(b"%PDF-") || !tail.windows(5).any(|window| window == b"%%EOF") {
            return None;
        }
        if let Ok(file) = fs::File::options().append(true).open(&path) {
            let _ = file.set_modified(SystemTime::now());
        }
        Some(bytes)
    }

    /// Keeps `bytes` as `key`: written beside it, then renamed, so that a
    /// build reading it at the same time finds it whole or not at all.
    pub fn put(&self, key: &str, bytes: &[u8]) {
        let (Some(dir), Some(path)) = (&self.dir, self.path(key)) else { return };
        let written = tempfile::NamedTempFile::new_in(dir).and_then(|mut file| {
            file.write_all(bytes)?;
            file.persist(&path).map_err(|error| error.error)?;
            Ok(())
        });
        if written.is_ok() {
            ADDED.store(true, Ordering::Relaxed);
        }
    }

    /// Once a run has kept a new PDF (the folder grows only then): removes
    /// the entries no build used for [`UNUSED_FOR`], then the least
    /// recently used until the rest take [`AT_MOST`] bytes. A build that
    /// finds every PDF kept does not list the folder.
    pub fn prune(&self) {
        static PRUNED: std::sync::Once = std::sync::Once::new();
        if let Some(dir) = self.dir.as_ref().filter(|_| ADDED.load(Ordering::Relaxed)) {
            PRUNED.call_once(|| prune(dir, SystemTime::now(), AT_MOST));
        }
    }
}

/// Whether this run kept a new PDF.
static ADDED: AtomicBool = AtomicBool::new(false);

/// [`Cache::prune`] of the folder `dir` at `now`, down to `at_most` bytes.
fn prune(dir: &Path, now: SystemTime, at_most: u64) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut kept: Vec<(SystemTime, u64, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let meta = entry.metadata().ok()?;
            Some((meta.modified().ok()?, meta.len(), entry.path()))
        })
        .collect();
    kept.sort();
    let mut total: u64 = kept.iter().map(|(_, len, _)| len).sum();
    for (modified, len, path) in kept {
        let unused = now.duration_since(modified).is_ok_and(|age| age > UNUSED_FOR);
        if (unused || total > at_most) && fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_unused_for_a_month_go_and_then_the_least_recently_used_beyond_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let day = Duration::from_secs(24 * 60 * 60);
        for (name, age) in [("old", 40), ("a", 3), ("b", 2), ("c", 1)] {
            let path = dir.path().join(name);
            fs::write(&path, [0u8; 100]).unwrap();
            fs::File::options().append(true).open(&path).unwrap().set_modified(now - day * age).unwrap();
        }
        let names = || {
            let mut names: Vec<String> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        prune(dir.path(), now, 1000);
        assert_eq!(names(), ["a", "b", "c"]);
        prune(dir.path(), now, 250);
        assert_eq!(names(), ["b", "c"]);
    }
}
