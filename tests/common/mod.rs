//! Helpers for the integration tests: copy a fixture site to a temporary
//! folder, run the real binary on it, and read what it wrote.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A private copy of `tests/fixtures/<name>`, free to edit.
    pub fn copy(name: &str) -> Site {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&source, dir.path());
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.dir.path().join(rel)).unwrap();
    }

    /// Runs `uprkit build` in the site folder.
    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        uprkit(self.root(), &args)
    }

    /// Builds and panics with the error output unless it succeeded.
    #[track_caller]
    pub fn build_ok(&self) -> Output {
        let output = self.build(&[]);
        assert_success(&output);
        output
    }

    /// A file of the built site as text.
    #[track_caller]
    pub fn page(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|error| {
            let listing = list_files(&self.public()).join("\n  ");
            panic!("cannot read {}: {error}\nthe output holds:\n  {listing}", path.display())
        })
    }
}

pub fn uprkit(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("uprkit").expect("binary built").current_dir(dir).args(args).output().expect("runs")
}

#[track_caller]
pub fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "uprkit failed with {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file under `dir`, relative, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    files.sort();
    files
}

/// Reads every file under `dir` into (path, bytes), sorted by path.
pub fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    list_files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The values of every `href` and `src` attribute in an HTML page.
pub fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let end = rest.find('"').unwrap();
            found.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    found
}

/// The repository: the bundled toolkit and the test scripts live there.
pub fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the bundled toolkit into a temporary `public/`.
pub fn build_bundled() -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp dir");
    let output = temp.path().join("public");
    assert_success(&uprkit(repository(), &["build", "-q", "--output", output.to_str().unwrap()]));
    temp
}

/// Runs a browser script of `tests/browser/` on a built site and checks
/// that all `steps` of it passed. The npm packages must be installed.
#[track_caller]
pub fn run_browser_script(script: &str, site: &Path, steps: usize) {
    run_browser_script_with(script, &[site.as_os_str()], steps);
}

/// Runs a browser script of `tests/browser/` with these arguments and checks
/// that all `steps` of it passed.
#[track_caller]
pub fn run_browser_script_with(script: &str, args: &[&std::ffi::OsStr], steps: usize) {
    for package in ["playwright-core", "axe-core", "vnu-jar"] {
        assert!(
            repository().join("node_modules").join(package).is_dir(),
            "{package} is needed for the browser tests: run `npm ci` (bash .ci/run does)"
        );
    }
    let output = std::process::Command::new("node")
        .arg(repository().join("tests/browser").join(script))
        .args(args)
        .current_dir(repository())
        .output()
        .expect("node runs");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{script} failed:\n{report}");
    assert_eq!(report.matches("ok - ").count(), steps, "{report}");
}
