//! Where commands may write. Nothing uprkit writes goes inside the toolkit
//! but into its output folder: not over its sources and settings, nor its
//! README, `.gitignore` or publishing recipe, even through a symbolic
//! link. A file holding private text (a facilitator edition) goes in no
//! output folder at all, since what is there is published.

use std::path::{Component, Path, PathBuf};

use super::{absolute, MARKER};
use crate::engine::error::{Diagnostic, Error, Location, Result};

/// The folders of a toolkit that hold its sources: nothing uprkit writes
/// goes there.
pub const SOURCE_DIRS: &[&str] = &["content", "static", "templates", "themes", "i18n", "data", "po", "workshops"];

/// The output folder a build writes when not told otherwise.
pub const DEFAULT_OUTPUT: &str = "public";

/// The path the system will write to for `path`: absolute, `.` and `..`
/// applied and every symbolic link followed, also for a file (and
/// folders) not created yet: what exists is resolved, the rest added.
pub fn real_path(path: &Path) -> PathBuf {
    resolve(&absolute(path), 0)
}

fn resolve(path: &Path, hops: usize) -> PathBuf {
    let mut real = PathBuf::new();
    let mut exists = true;
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => real.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => {
                real.push(name);
                if !exists {
                    continue;
                }
                match std::fs::symlink_metadata(&real) {
                    // 40 links in a row: a loop, as the system counts it.
                    Ok(metadata) if metadata.file_type().is_symlink() && hops < 40 => {
                        if let Ok(target) = std::fs::read_link(&real) {
                            real.pop();
                            real = resolve(&real.join(target), hops + 1);
                        }
                    }
                    Ok(_) => {}
                    Err(_) => exists = false,
                }
            }
        }
    }
    real
}

/// `path` with `.` and `..` applied to the words, no link followed: what
/// the author means, to tell when a symbolic link leads elsewhere.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in absolute(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// " (a symbolic link leads it to REAL)" when `real` is not where `path` says.
fn through_link(path: &Path, real: &Path) -> String {
    if lexical(path) == real {
        String::new()
    } else {
        format!(" (a symbolic link leads it to {})", real.display())
    }
}

/// Which source of the toolkit at `root` the real path `path` is or is
/// inside of, if any: `uprkit.yaml`, `content/`, ...
pub(super) fn source_containing(path: &Path, root: &Path) -> Option<String> {
    if path == root.join(crate::engine::config::CONFIG_FILE) {
        return Some(crate::engine::config::CONFIG_FILE.to_string());
    }
    SOURCE_DIRS.iter().find(|dir| path.starts_with(root.join(dir))).map(|dir| format!("{dir}/"))
}

/// The output folder the real path `path` is inside of, if any: the
/// toolkit's `public/`, or any folder a build made (it holds [`MARKER`]).
fn output_folder_of(path: &Path, root: &Path) -> Option<PathBuf> {
    let public = root.join(DEFAULT_OUTPUT);
    if path.starts_with(&public) && path != public {
        return Some(public);
    }
    path.ancestors().skip(1).find(|folder| folder.join(MARKER).is_file()).map(Path::to_path_buf)
}

/// `name` beside the toolkit, as the author would type it from here.
fn beside_the_toolkit(root: &Path, name: &str) -> String {
    let here = std::env::current_dir().map(|dir| real_path(&dir)).unwrap_or_default();
    match here.strip_prefix(root) {
        Ok(inside) => format!("{}{name}", "../".repeat(inside.components().count() + 1)),
        Err(_) => root.parent().map_or_else(|| name.to_string(), |parent| parent.join(name).display().to_string()),
    }
}

/// Refuses a file a command writes (`check --html`, `handout -o`) inside
/// the toolkit anywhere but in an output folder, where the next build
/// replaces it. A `private` file (its value says what it holds, such as
/// "the facilitator notes, which are for trainers only") goes in no
/// output folder either, inside the toolkit or out: they are published.
/// Symbolic links are followed, to the folder of a file not written yet.
pub fn check_output_file(path: &Path, root: &Path, private: Option<&str>) -> Result<()> {
    let real = real_path(path);
    let root = real_path(root);
    if real.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a folder: give the name of the file to write, such as {}",
            path.display(),
            path.join("guide.html").display()
        )));
    }
    let name = path.file_name().map_or_else(|| "report.html".into(), |name| name.to_string_lossy().into_owned());
    let link = through_link(path, &real);
    let refuse = |why: String, help: String| {
        Err(Error::Usage(format!("will not write {}{link}: {why}\n  help: {help}", path.display())))
    };
    let outside = beside_the_toolkit(&root, &name);
    if let Some(folder) = output_folder_of(&real, &root) {
        return match private {
            Some(what) => refuse(
                format!(
                    "it is inside the output folder {}, which is published (uploaded to a web host, copied to USB sticks), and it holds {what}",
                    folder.display()
                ),
                format!("write it outside the toolkit and its output folder, such as {outside}"),
            ),
            None => Ok(()),
        };
    }
    if !real.starts_with(&root) {
        return Ok(());
    }
    let into_output = match private {
        Some(_) => String::new(),
        None => format!(", or into the output folder ({DEFAULT_OUTPUT}/{name}; the next build replaces it)"),
    };
    let help = format!("write it outside the toolkit, such as {outside}{into_output}");
    match source_containing(&real, &root) {
        Some(source) => refuse(format!("it is part of the toolkit's sources ({source})"), help),
        None => refuse(
            format!(
                "it is inside the toolkit {}, whose files are its sources, settings and publishing recipes",
                root.display()
            ),
            help,
        ),
    }
}

/// Refuses output folders whose replacement would lose the author's work,
/// or that cannot be replaced (where a drive is mounted).
pub fn check_output_dir(output: &Path, root: &Path) -> Result<()> {
    let real = real_path(output);
    let link = through_link(output, &real);
    let refuse = |why: &str, help: &str| {
        Err(Error::one(
            Diagnostic::new(Location::file(output), format!("will not build into this folder{link}: {why}"))
                .with_help(help),
        ))
    };
    let another = "choose another --output, such as `public`";
    let root = real_path(root);
    if root.starts_with(&real) {
        return refuse("it holds the toolkit itself", another);
    }
    if let Some(source) = source_containing(&real, &root) {
        return refuse(&format!("it is inside the toolkit's sources ({source})"), another);
    }
    if let Some(hidden) = real.strip_prefix(&root).ok().and_then(|inside| {
        inside.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).find(|name| name.starts_with('.'))
    }) {
        return refuse(
            &format!("it is inside the toolkit's {hidden}, which holds version control or publishing settings"),
            another,
        );
    }
    if real.exists() && !real.is_dir() {
        return refuse("it is a file, not a folder (uprkit leaves it as it is)", another);
    }
    if is_mount_point(&real) {
        return refuse(
            "it is the root of a mounted drive (a USB stick?): a build replaces its output folder whole, and a drive's root cannot be replaced",
            &format!("build into a folder on it, such as {}", real.join("guide").display()),
        );
    }
    if real.is_dir() && !real.join(MARKER).exists() {
        let mut entries = std::fs::read_dir(&real).map_err(Error::io("cannot read", &real))?;
        if entries.next().is_some() {
            return refuse("it exists, is not empty and was not made by uprkit (delete it or empty it first)", another);
        }
    }
    Ok(())
}

/// Whether `folder` is where a drive is mounted: it is on another device
/// than its parent, or it is the root of the file system.
#[cfg(unix)]
fn is_mount_point(folder: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let Ok(metadata) = std::fs::metadata(folder) else { return false };
    match folder.parent().map(std::fs::metadata) {
        Some(Ok(parent)) => parent.dev() != metadata.dev(),
        Some(Err(_)) => false,
        None => true,
    }
}

#[cfg(not(unix))]
fn is_mount_point(folder: &Path) -> bool {
    folder.parent().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_paths_follow_links_also_to_files_not_written_yet() {
        let temp = tempfile::tempdir().unwrap();
        let base = real_path(temp.path());
        std::fs::create_dir_all(base.join("toolkit/content")).unwrap();
        std::os::unix::fs::symlink(base.join("toolkit/content"), base.join("link")).unwrap();
        std::os::unix::fs::symlink("toolkit/content/new.html", base.join("dangling")).unwrap();
        assert_eq!(real_path(&base.join("link/new/page.html")), base.join("toolkit/content/new/page.html"));
        assert_eq!(real_path(&base.join("dangling")), base.join("toolkit/content/new.html"));
        assert_eq!(real_path(&base.join("link/../x/../y.html")), base.join("toolkit/y.html"));
        assert_eq!(real_path(&base.join("nope/../toolkit")), base.join("toolkit"));
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
        assert!(check_output_dir(&root.join(".github/site"), &root).is_err());
        assert!(check_output_dir(&root.join("public"), &root).is_ok());
    }
}
