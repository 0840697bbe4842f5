//! Writing the built site: everything goes into a staging folder beside the
//! output, which replaces the previous output only once complete. A failed
//! build never leaves a half-written site in place of the last good one.

use std::path::{Path, PathBuf};

use std::sync::Mutex;

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
}

impl Contents {
    /// The bytes, reading a copied file if need be.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Contents::Bytes(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            Contents::Copy(path) => std::fs::read(path).map(std::borrow::Cow::Owned),
        }
    }
}

/// Marks a folder as made by uprkit, so it may be replaced by the next build.
pub const MARKER: &str = ".uprkit-output";

/// Refuses output folders whose replacement would lose the author's work.
pub fn check_output_dir(output: &Path, root: &Path) -> Result<()> {
    let refuse = |why: &str| {
        Err(Error::one(
            Diagnostic::new(Location::file(output), format!("will not build into this folder: {why}"))
                .with_help("choose another --output, such as `public`"),
        ))
    };
    let absolute = absolute(output);
    let root = absolute_path(root);
    if root.starts_with(&absolute) {
        return refuse("it holds the toolkit itself");
    }
    if absolute.starts_with(root.join("content")) || absolute.starts_with(root.join("static")) {
        return refuse("it is inside the toolkit's sources");
    }
    if absolute.is_dir() && !absolute.join(MARKER).exists() {
        let mut entries = std::fs::read_dir(&absolute).map_err(Error::io("cannot read", &absolute))?;
        if entries.next().is_some() {
            return refuse("it exists, is not empty and was not made by uprkit (delete it or empty it first)");
        }
    }
    Ok(())
}

/// Where a build puts its files: memory for `serve`, a staging folder for `build`.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<()>;
}

/// Keeps the built files in memory.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<Vec<OutputFile>>,
}

impl Memory {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().expect("no panics while holding the lock");
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.files.lock().expect("no panics while holding the lock").push(file);
        Ok(())
    }
}

/// Throws the files away: for checking a toolkit without writing it.
#[derive(Debug, Default)]
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutputFile) -> Result<()> {
        Ok(())
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

impl Staging {
    pub fn create(output: &Path) -> Result<Staging> {
        let output = absolute(output);
        let parent = output.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.uprkit-new-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(Error::io("cannot create folder", &dir))?;
        Ok(Staging { dir, output, committed: false })
    }

    /// The folder being written, to add files made from the built ones.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces the output folder with the staging folder.
    pub fn commit(mut self) -> Result<()> {
        let marker = self.dir.join(MARKER);
        std::fs::write(&marker, "This folder is built by uprkit and replaced on each build.\n")
            .map_err(Error::io("cannot write", &marker))?;
        let previous = self
            .dir
            .with_file_name(self.dir.file_name().expect("named").to_string_lossy().replace("uprkit-new", "uprkit-old"));
        if self.output.exists() {
            std::fs::rename(&self.output, &previous).map_err(Error::io("cannot replace", &self.output))?;
        }
        if let Err(error) = std::fs::rename(&self.dir, &self.output) {
            let _ = std::fs::rename(&previous, &self.output);
            return Err(Error::Io { action: "cannot replace", path: self.output.clone(), source: error });
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&previous);
        Ok(())
    }
}

impl Sink for Staging {
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

fn absolute_path(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| absolute(path))
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
    fn refuses_folders_it_did_not_make() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let mine = temp.path().join("documents");
        std::fs::create_dir_all(&mine).unwrap();
        std::fs::write(mine.join("thesis.docx"), "precious").unwrap();
        assert!(check_output_dir(&mine, &root).is_err());
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root.join("content/out"), &root).is_err());
        assert!(check_output_dir(&root.join("public"), &root).is_ok());
    }
}
