//! Writing the built site: everything goes into a staging folder beside the
//! output, which replaces the previous output only once complete. A failed
//! build never leaves a half-written site in place of the last good one.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Location, Result};

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
            Diagnostic::new(
                Location::file(output),
                format!("will not build into this folder: {why}"),
            )
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
        let mut entries =
            std::fs::read_dir(&absolute).map_err(Error::io("cannot read", &absolute))?;
        if entries.next().is_some() {
            return refuse(
                "it exists, is not empty and was not made by uprkit (delete it or empty it first)",
            );
        }
    }
    Ok(())
}

/// Writes `files` as the new contents of `output`, atomically replacing it.
pub fn write_atomically(output: &Path, files: &[OutputFile]) -> Result<()> {
    let output = absolute(output);
    let parent = output.parent().unwrap_or(Path::new("/")).to_path_buf();
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    std::fs::create_dir_all(&parent).map_err(Error::io("cannot create folder", &parent))?;
    let staging = parent.join(format!(".{name}.uprkit-new-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.uprkit-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);

    if let Err(error) = write_tree(&staging, files) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    if output.exists() {
        std::fs::rename(&output, &previous).map_err(|error| {
            let _ = std::fs::remove_dir_all(&staging);
            Error::Io {
                action: "cannot replace",
                path: output.clone(),
                source: error,
            }
        })?;
    }
    if let Err(error) = std::fs::rename(&staging, &output) {
        let _ = std::fs::rename(&previous, &output);
        let _ = std::fs::remove_dir_all(&staging);
        return Err(Error::Io {
            action: "cannot replace",
            path: output,
            source: error,
        });
    }
    let _ = std::fs::remove_dir_all(&previous);
    Ok(())
}

fn write_tree(dir: &Path, files: &[OutputFile]) -> Result<()> {
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|file| Path::new(&file.path).parent().map(|p| dir.join(p)))
        .collect();
    folders.push(dir.to_path_buf());
    folders.sort();
    folders.dedup();
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(Error::io("cannot create folder", folder))?;
    }
    files.par_iter().try_for_each(|file| {
        let target = dir.join(&file.path);
        match &file.contents {
            Contents::Bytes(bytes) => {
                std::fs::write(&target, bytes).map_err(Error::io("cannot write", &target))
            }
            Contents::Copy(source) => std::fs::copy(source, &target)
                .map(|_| ())
                .map_err(Error::io("cannot copy", source)),
        }
    })?;
    let marker = dir.join(MARKER);
    std::fs::write(
        &marker,
        "This folder is built by uprkit and replaced on each build.\n",
    )
    .map_err(Error::io("cannot write", &marker))
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
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("public");
        write_atomically(&out, &[file("a/index.html", "one"), file("old.html", "x")]).unwrap();
        write_atomically(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(temp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
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
