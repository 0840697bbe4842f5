//! Writing the built site: everything goes into a staging folder beside the
//! output, which replaces the previous output only once complete, in one
//! atomic step where the system allows it. A failed or killed build never
//! leaves a half-written site, or none, in place of the last good one; the
//! next build clears what a killed one left. [`guard`] says where
//! commands may write at all.

pub mod data_script;
mod guard;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use data_script::data_script;
pub use guard::{check_output_dir, check_output_file, real_path, DEFAULT_OUTPUT, SOURCE_DIRS};

use crate::engine::error::{Diagnostic, Error, Location, Result};

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output root, with `/` separators.
    pub path: String,
    pub contents: Contents,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Copied from this file (assets and static files), never loaded whole.
    Copy(PathBuf),
    /// Bytes kept compressed (raw deflate), as `serve` keeps the site in memory.
    Deflated(Vec<u8>),
}

impl Contents {
    /// The bytes, reading a copied file or inflating if need be.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Contents::Bytes(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            Contents::Copy(path) => std::fs::read(path).map(std::borrow::Cow::Owned),
            Contents::Deflated(compressed) => {
                use std::io::Read as _;
                let mut bytes = Vec::with_capacity(compressed.len() * 4);
                flate2::read::DeflateDecoder::new(compressed.as_slice()).read_to_end(&mut bytes)?;
                Ok(std::borrow::Cow::Owned(bytes))
            }
        }
    }

    /// The same contents compressed, if they are bytes worth compressing
    /// (`serve` holds every page of a big site in memory).
    pub fn deflated(self) -> Contents {
        match self {
            Contents::Bytes(bytes) if bytes.len() > 1024 => {
                use std::io::Write as _;
                let mut encoder = flate2::write::DeflateEncoder::new(
                    Vec::with_capacity(bytes.len() / 4),
                    flate2::Compression::fast(),
                );
                match encoder.write_all(&bytes).and_then(|()| encoder.finish()) {
                    Ok(mut compressed) => {
                        // Kept as long as the server runs: no spare capacity.
                        compressed.shrink_to_fit();
                        Contents::Deflated(compressed)
                    }
                    Err(_) => Contents::Bytes(bytes),
                }
            }
            other => other,
        }
    }
}

/// Marks a folder as made by uprkit, so it may be replaced by the next build.
pub const MARKER: &str = ".uprkit-output";

/// An error of the file system met while building into `output`, said
/// once in the author's terms where it is a matter of the drive: full, or
/// its root, which cannot be replaced. Others are left as they are.
pub fn explain(error: Error, output: &Path) -> Error {
    let Error::Io { source, .. } = &error else { return error };
    let location = Location::file(output);
    match source.kind() {
        std::io::ErrorKind::StorageFull => Error::one(
            Diagnostic::new(location, format!("cannot build into this folder: {source}"))
                .with_help("free some space on that drive, or build onto another one with --output; the previous output is left as it was"),
        ),
        std::io::ErrorKind::ResourceBusy => Error::one(
            Diagnostic::new(location, format!("cannot replace this folder: {source} (a drive is mounted there, or a program holds it)"))
                .with_help(format!("build into a folder on it, such as {}", output.join("guide").display())),
        ),
        _ => error,
    }
}

/// Where a build puts its files: memory for `serve`, a staging folder for `build`.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<()>;

    /// Whether a file was put at `path` already.
    fn has(&self, path: &str) -> bool;

    /// How many files it holds now: what the build's summary counts.
    fn written(&self) -> usize;

    /// The folder the files are written to, if they are written to disk.
    fn dir(&self) -> Option<&Path> {
        None
    }

    /// Whether the files' contents are thrown away (`check`, and the
    /// checks before `uprkit handout`): an output may then only say what
    /// it would have written, and what it found wrong.
    fn discards(&self) -> bool {
        false
    }

    /// The complete output of the previous build, which this one replaces,
    /// if there is one on disk: an output may take again from it what it
    /// would make the same (the zips' compressed files).
    fn previous(&self) -> Option<&Path> {
        None
    }

    /// The size in bytes of each file put under the folder `prefix`
    /// (`handouts/`), by path from the root.
    fn sizes(&self, _prefix: &str) -> Result<std::collections::BTreeMap<String, u64>> {
        Ok(std::collections::BTreeMap::new())
    }
}

/// Keeps the built files in memory.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<Vec<OutputFile>>,
    /// The size of each file as made (pages are kept compressed).
    sizes: Mutex<std::collections::BTreeMap<String, u64>>,
}

impl Memory {
    /// Knowing already the sizes of files made earlier (`serve`: the
    /// handouts of the languages an edit left alone), for [`Sink::sizes`].
    pub fn with_sizes(sizes: std::collections::BTreeMap<String, u64>) -> Memory {
        Memory { files: Mutex::default(), sizes: Mutex::new(sizes) }
    }

    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().expect("no panics while holding the lock");
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    /// Pages are kept compressed (on the thread that made them): a big
    /// site's pages and handouts take a fifth of the memory.
    fn put(&self, file: OutputFile) -> Result<()> {
        if let Contents::Bytes(bytes) = &file.contents {
            self.sizes.lock().expect("no panics while holding the lock").insert(file.path.clone(), bytes.len() as u64);
        }
        let file = if file.path.ends_with(".html") {
            OutputFile { path: file.path, contents: file.contents.deflated() }
        } else {
            file
        };
        self.files.lock().expect("no panics while holding the lock").push(file);
        Ok(())
    }

    fn has(&self, path: &str) -> bool {
        self.files.lock().expect("no panics while holding the lock").iter().any(|file| file.path == path)
    }

    fn sizes(&self, prefix: &str) -> Result<std::collections::BTreeMap<String, u64>> {
        let sizes = self.sizes.lock().expect("no panics while holding the lock");
        Ok(sizes
            .iter()
            .filter(|(path, _)| path.starts_with(prefix))
            .map(|(path, &size)| (path.clone(), size))
            .collect())
    }

    fn written(&self) -> usize {
        self.files.lock().expect("no panics while holding the lock").len()
    }
}

/// Throws the files away: for checking a toolkit without writing it.
#[derive(Debug, Default)]
pub struct Discard {
    /// Only the paths are kept.
    paths: Mutex<std::collections::HashSet<String>>,
}

impl Sink for Discard {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.paths.lock().expect("no panics while holding the lock").insert(file.path);
        Ok(())
    }

    fn has(&self, path: &str) -> bool {
        self.paths.lock().expect("no panics while holding the lock").contains(path)
    }

    fn written(&self) -> usize {
        self.paths.lock().expect("no panics while holding the lock").len()
    }

    fn discards(&self) -> bool {
        true
    }
}

/// A folder beside the output that files are written to as they are built.
/// [`Staging::commit`] swaps it in place of the output; dropped without a
/// commit (a failed build), it is removed and the output is left as it was.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

/// The name of a staging (`new`) or previous-output (`old`) folder beside
/// `output`, for the process `pid`.
fn sibling(output: &Path, kind: &str, pid: u32) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.uprkit-{kind}-{pid}"))
}

impl Staging {
    pub fn create(output: &Path) -> Result<Staging> {
        let output = absolute(output);
        clear_leftovers(&output);
        let dir = sibling(&output, "new", std::process::id());
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(Error::io("cannot create folder", &dir))?;
        Ok(Staging { dir, output, committed: false })
    }

    /// The folder being written, to add files made from the built ones.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces the output folder with the staging folder, in one atomic
    /// step where the system can exchange two folders (Linux, macOS).
    /// Returns a warning if the previous output could not be removed.
    pub fn commit(mut self) -> Result<Option<Diagnostic>> {
        let marker = self.dir.join(MARKER);
        std::fs::write(&marker, "This folder is built by uprkit and replaced on each build.\n")
            .map_err(Error::io("cannot write", &marker))?;
        let previous = if self.output.exists() {
            match exchange(&self.dir, &self.output) {
                // The staging folder's name now holds the previous output.
                Ok(()) => self.dir.clone(),
                Err(_) => {
                    // Two renames: a build killed between them leaves the
                    // previous output beside, which the next build puts back.
                    let previous = sibling(&self.output, "old", std::process::id());
                    std::fs::rename(&self.output, &previous).map_err(Error::io("cannot replace", &self.output))?;
                    if let Err(error) = std::fs::rename(&self.dir, &self.output) {
                        let _ = std::fs::rename(&previous, &self.output);
                        return Err(Error::Io { action: "cannot replace", path: self.output.clone(), source: error });
                    }
                    previous
                }
            }
        } else {
            std::fs::rename(&self.dir, &self.output).map_err(Error::io("cannot replace", &self.output))?;
            self.committed = true;
            return Ok(None);
        };
        self.committed = true;
        Ok(remove_tree(&previous).err().map(|error| {
            Diagnostic::new(Location::file(&previous), format!("the previous output could not be removed: {error}"))
                .with_help("delete this folder yourself; the new site is in place")
        }))
    }
}

/// Swaps two folders in one step, so no moment is without an output.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Removes a folder, making read-only parts writable first if need be.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if std::fs::remove_dir_all(dir).is_ok() || !dir.exists() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(|entry| entry.ok()) {
        if entry.file_type().is_dir() {
            if let Ok(metadata) = entry.metadata() {
                let mut permissions = metadata.permissions();
                #[allow(clippy::permissions_set_readonly_false)] // our own output folder, about to be removed
                permissions.set_readonly(false);
                let _ = std::fs::set_permissions(entry.path(), permissions);
            }
        }
    }
    std::fs::remove_dir_all(dir)
}

/// Clears what killed builds left beside `output`: their staging folders,
/// and (if the output is gone) puts back the previous output a build was
/// killed while replacing. Folders of builds still running are left alone.
fn clear_leftovers(output: &Path) {
    let Some(parent) = output.parent() else { return };
    let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let mut leftovers: Vec<(String, u32, PathBuf)> = Vec::new();
    for entry in entries.filter_map(|entry| entry.ok()) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.uprkit-")) else { continue };
        let Some((kind, pid)) = rest.split_once('-') else { continue };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if (kind == "new" || kind == "old") && pid != std::process::id() && is_left_behind(pid, &entry.path()) {
            leftovers.push((kind.to_string(), pid, entry.path()));
        }
    }
    for (kind, _, path) in leftovers {
        if kind == "old" && !output.exists() && path.join(MARKER).exists() {
            let _ = std::fs::rename(&path, output);
        } else {
            let _ = remove_tree(&path);
        }
    }
}

/// Whether the build `pid` that made `folder` is gone: its process no
/// longer runs.
#[cfg(unix)]
fn is_left_behind(pid: u32, _folder: &Path) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else { return true };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => false,
        Err(error) => error != rustix::io::Errno::PERM,
    }
}

/// Elsewhere, a folder untouched for a day is taken as left behind.
#[cfg(not(unix))]
fn is_left_behind(_pid: u32, folder: &Path) -> bool {
    let modified = std::fs::metadata(folder).and_then(|metadata| metadata.modified());
    modified.is_ok_and(|time| time.elapsed().is_ok_and(|age| age > std::time::Duration::from_secs(24 * 3600)))
}

impl Sink for Staging {
    fn dir(&self) -> Option<&Path> {
        Some(&self.dir)
    }

    fn previous(&self) -> Option<&Path> {
        self.output.join(MARKER).is_file().then_some(self.output.as_path())
    }

    fn has(&self, path: &str) -> bool {
        self.dir.join(path).is_file()
    }

    fn sizes(&self, prefix: &str) -> Result<std::collections::BTreeMap<String, u64>> {
        let mut sizes = std::collections::BTreeMap::new();
        let folder = self.dir.join(prefix);
        if !folder.is_dir() {
            return Ok(sizes);
        }
        for entry in walkdir::WalkDir::new(&folder) {
            let entry = entry.map_err(|error| Error::Io {
                action: "cannot read",
                path: error.path().unwrap_or(&folder).to_path_buf(),
                source: error.into(),
            })?;
            if entry.file_type().is_file() {
                let bytes = entry.metadata().map_err(|error| Error::Io {
                    action: "cannot read",
                    path: entry.path().to_path_buf(),
                    source: error.into(),
                })?;
                let rel = entry.path().strip_prefix(&self.dir).unwrap_or(entry.path());
                sizes.insert(rel.to_string_lossy().replace('\\', "/"), bytes.len());
            }
        }
        Ok(sizes)
    }

    /// The files in the folder: those put, and those features made there
    /// from them (the zips), which no `put` saw.
    fn written(&self) -> usize {
        walkdir::WalkDir::new(&self.dir).into_iter().flatten().filter(|entry| entry.file_type().is_file()).count()
    }

    fn put(&self, file: OutputFile) -> Result<()> {
        let target = self.dir.join(&file.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("cannot create folder", parent))?;
        }
        match &file.contents {
            Contents::Bytes(bytes) => std::fs::write(&target, bytes).map_err(Error::io("cannot write", &target)),
            Contents::Copy(source) => {
                std::fs::copy(source, &target).map(|_| ()).map_err(Error::io("cannot copy", source))
            }
            deflated @ Contents::Deflated(_) => deflated
                .read()
                .and_then(|bytes| std::fs::write(&target, bytes))
                .map_err(Error::io("cannot write", &target)),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), contents: Contents::Bytes(text.as_bytes().to_vec()) }
    }

    fn write(out: &Path, files: &[OutputFile]) {
        let staging = Staging::create(out).unwrap();
        for file in files {
            staging.put(file.clone()).unwrap();
        }
        staging.commit().unwrap();
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("public");
        write(&out, &[file("a/index.html", "one"), file("old.html", "x")]);
        write(&out, &[file("a/index.html", "two")]);
        assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(temp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn an_uncommitted_build_leaves_the_output_alone() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("public");
        write(&out, &[file("index.html", "good")]);
        {
            let staging = Staging::create(&out).unwrap();
            staging.put(file("index.html", "half")).unwrap();
        }
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "good");
        assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_full_or_busy_drive_is_said_in_the_author_s_terms() {
        let io = |code| Error::Io {
            action: "cannot write",
            path: "/media/usb/.guide.uprkit-new-1/index.html".into(),
            source: std::io::Error::from_raw_os_error(code),
        };
        let full = explain(io(28), Path::new("/media/usb/guide")).to_string();
        assert!(full.starts_with("/media/usb/guide: cannot build into this folder: "), "{full}");
        assert!(full.contains("help: free some space on that drive"), "{full}");
        let busy = explain(io(16), Path::new("/media/usb")).to_string();
        assert!(busy.contains("help: build into a folder on it, such as /media/usb/guide"), "{busy}");
        assert!(matches!(explain(io(13), Path::new("/x")), Error::Io { .. }), "others are left as they are");
    }
}
