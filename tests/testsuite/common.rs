//! Helpers for the integration tests: copy a fixture site to a temporary
//! folder, run the real binary on it, and read what it wrote.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

pub struct Site {
    /// Holds the toolkit folder, and room beside it (`outside()`).
    pub dir: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    /// A private copy of `tests/fixtures/<name>`, free to edit, in the
    /// folder `toolkit` of a new temporary folder.
    pub fn copy(name: &str) -> Site {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("toolkit");
        copy_tree(&source, &root);
        Site { dir, root }
    }

    /// A new toolkit made by `uprkit init toolkit ARGS...` in a new temporary folder.
    #[track_caller]
    pub fn init(args: &[&str]) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut all = vec!["init", "toolkit"];
        all.extend_from_slice(args);
        assert_success(&uprkit(dir.path(), &all));
        let root = dir.path().join("toolkit");
        Site { dir, root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder that holds the toolkit: files here are outside it.
    pub fn outside(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root.join(rel)).unwrap();
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

/// Browsers at work: each test that starts one holds a read turn (several
/// may run at once, as the tests of one module always could); a test whose
/// timing a browser starting would upset holds the write turn, alone.
static BROWSERS: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// A turn to start a browser, held while it runs.
pub fn browser_turn() -> std::sync::RwLockReadGuard<'static, ()> {
    BROWSERS.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// No other browser starts while this is held: for a test that measures
/// pauses, or one that drives browsers of its own (engines.rs).
pub fn without_browsers() -> std::sync::RwLockWriteGuard<'static, ()> {
    BROWSERS.write().unwrap_or_else(|poisoned| poisoned.into_inner())
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
    let _turn = browser_turn();
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

/// Checks that every relative link and `#anchor` of every page under
/// `public` leads to a file and an id inside it, as `file://` needs.
/// Returns how many links were checked.
#[track_caller]
pub fn check_links(public: &Path) -> usize {
    let root = public.canonicalize().unwrap();
    let mut checked = 0;
    for rel in list_files(public).iter().filter(|f| f.ends_with(".html") && *f != "404.html") {
        let html = std::fs::read_to_string(public.join(rel)).unwrap();
        let dir = Path::new(rel).parent().unwrap();
        for link in links(&html) {
            if link.starts_with("http") || link.starts_with("mailto:") || link.starts_with("data:") {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() { public.join(rel) } else { public.join(dir).join(path) };
            let target = target.canonicalize().unwrap_or_else(|_| panic!("{rel}: link `{link}` leads nowhere"));
            assert!(target.starts_with(&root), "{rel}: `{link}` leaves the site");
            assert!(target.is_file(), "{rel}: `{link}` is not a file (file:// needs index.html)");
            // `#theme=...&response=noted`: a view of the recommendations
            // matrix (its filters), not an id.
            if !fragment.is_empty() && !fragment.contains('=') {
                let target_html = std::fs::read_to_string(&target).unwrap();
                assert!(
                    target_html.contains(&format!("id=\"{fragment}\"")),
                    "{rel}: `{link}`: no id `{fragment}` there"
                );
            }
            checked += 1;
        }
    }
    checked
}

/// Prints `page` (a file) to PDF in Chromium and returns the text of each
/// printed sheet (pdftotext, layout kept).
#[track_caller]
pub fn print_to_pdf_pages(page: &Path) -> Vec<String> {
    let profile = tempfile::tempdir().unwrap();
    let pdf = profile.path().join("printed.pdf");
    let _turn = browser_turn();
    let status = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", profile.path().join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs (bash .ci/run installs it)");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let text = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; bash .ci/run installs it)");
    String::from_utf8_lossy(&text.stdout)
        .split('\u{c}')
        .filter(|sheet| !sheet.trim().is_empty())
        .map(String::from)
        .collect()
}

pub fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let candidate = Path::new(dir).join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!("Chromium is needed for the browser tests: `bash .ci/run` installs it (apt-get install chromium)");
}

/// A screenshot of `page` (a file in the site), decoded as RGB rows.
pub fn screenshot(page: &Path, width: u32, height: u32) -> (u32, u32, Vec<u8>) {
    let profile = tempfile::tempdir().unwrap();
    let shot = profile.path().join("shot.png");
    let _turn = browser_turn();
    let status = std::process::Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.path().join("profile").display()))
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(status.status.success(), "chromium failed: {}", String::from_utf8_lossy(&status.stderr));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    let rgb = pixels[..info.buffer_size()].chunks(channels).flat_map(|p| [p[0], p[1], p[2]]).collect();
    (info.width, info.height, rgb)
}

/// `uprkit serve --port 0` running in `dir`, killed when dropped.
pub struct Served {
    child: std::process::Child,
    /// Where it listens: `http://127.0.0.1:PORT/`.
    pub url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `uprkit serve --port 0` in `dir` and reads the address it chose
/// from its output (kept being read, so it never blocks on a full pipe).
pub fn serve(dir: &Path) -> Served {
    use std::io::BufRead;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("uprkit"))
        .args(["serve", "--port", "0"])
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("uprkit serve starts");
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("serve says where it listens").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break format!("http://{}/", rest.split_whitespace().next().unwrap().trim_end_matches('/'));
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Served { child, url }
}
