//! What a build leaves on disk, whatever happens: the previous output is
//! replaced in one step (checked by killing builds at each step of the
//! swap with strace's fault injection), killed builds leave nothing behind
//! for long, and no command writes over the toolkit's own sources.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{assert_success, stderr, uprkit, Site};

/// The folders beside the output that are not the output.
fn leftovers(site: &Site) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".uprkit-"))
        .collect()
}

fn strace() -> &'static str {
    let found = Command::new("strace").arg("-V").output().is_ok_and(|output| output.status.success());
    assert!(
        found,
        "strace is needed for the fault-injection tests: `bash .ci/run` installs it (apt-get install strace)"
    );
    "strace"
}

/// `uprkit build` under strace, killed at the `nth` call of `syscall`.
fn build_killed_at(site: &Site, syscall: &str, nth: usize) -> Output {
    Command::new(strace())
        .args(["-f", "-qq", "-o", "/dev/null", "-e", &format!("trace={syscall}")])
        .arg("-e")
        .arg(format!("inject={syscall}:signal=KILL:when={nth}"))
        .arg(assert_cmd::cargo::cargo_bin("uprkit"))
        .args(["build", "-q"])
        .current_dir(site.root())
        .output()
        .unwrap()
}

/// The output is a whole site: the first or the second version, never
/// missing, never half of one.
#[track_caller]
fn assert_whole(site: &Site, versions: &[&str], files: usize) {
    let public = site.public();
    assert!(public.join(".uprkit-output").is_file(), "no complete output at {}", public.display());
    let page = std::fs::read_to_string(public.join("preparation/report/index.html")).unwrap();
    assert!(versions.iter().any(|version| page.contains(version)), "neither version in the page");
    assert_eq!(common::list_files(&public).len(), files, "a whole site");
}

#[test]
fn a_build_killed_at_any_step_of_the_swap_leaves_a_whole_site() {
    let site = Site::copy("basic");
    let page = "content/preparation/report.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, text.replace("Start early.", "Version one."));
    site.build_ok();
    let files = common::list_files(&site.public()).len();
    site.write(page, text.replace("Start early.", "Version two."));
    let mut killed = 0;
    for syscall in ["rename", "renameat", "renameat2", "unlinkat", "rmdir"] {
        for nth in 1..=3 {
            let output = build_killed_at(&site, syscall, nth);
            killed += usize::from(!output.status.success());
            assert_whole(&site, &["Version one.", "Version two."], files);
        }
    }
    assert!(killed >= 3, "the swap was never interrupted ({killed} kills): the test tests nothing");
    // The next build clears what the killed ones left, and succeeds.
    site.build_ok();
    assert_whole(&site, &["Version two."], files);
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn staging_folders_of_killed_builds_are_cleared_but_not_those_of_running_ones() {
    let site = Site::copy("basic");
    site.build_ok();
    // A build that died (no such process) and one still running (this test).
    let dead = site.root().join(".public.uprkit-new-2147483600");
    let running = site.root().join(format!(".public.uprkit-new-{}", std::process::id()));
    for dir in [&dead, &running] {
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/page.html"), "half").unwrap();
    }
    site.build_ok();
    assert!(!dead.exists(), "a dead build's folder is cleared");
    assert!(running.exists(), "a running build's folder is left alone");
}

#[test]
fn an_output_path_that_is_a_file_is_refused_and_left_alone() {
    let site = Site::copy("basic");
    site.write("out.txt", "my notes");
    let output = site.build(&["--output", "out.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("it is a file, not a folder"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(site.root().join("out.txt")).unwrap(), "my notes");
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn a_read_only_previous_output_is_replaced_and_removed() {
    let site = Site::copy("basic");
    // Permissions do not stop root: build as an ordinary user then.
    let as_user = |args: &[&str]| -> Output {
        let binary = assert_cmd::cargo::cargo_bin("uprkit");
        let mut command = if is_root() {
            let mut command = Command::new("setpriv");
            command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(binary);
            command
        } else {
            Command::new(binary)
        };
        command.args(args).current_dir(site.root()).output().unwrap()
    };
    for entry in walkdir::WalkDir::new(site.outside()) {
        let entry = entry.unwrap();
        let mode = if entry.file_type().is_dir() { 0o777 } else { 0o666 };
        std::fs::set_permissions(entry.path(), std::os::unix::fs::PermissionsExt::from_mode(mode)).unwrap();
    }
    assert_success(&as_user(&["build", "-q"]));
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.unwrap();
        if entry.file_type().is_dir() {
            std::fs::set_permissions(entry.path(), std::os::unix::fs::PermissionsExt::from_mode(0o555)).unwrap();
        }
    }
    let output = as_user(&["build"]);
    assert_success(&output);
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    assert_eq!(leftovers(&site), Vec::<String>::new(), "the previous output is gone");
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

#[test]
fn no_command_writes_over_the_toolkit_sources() {
    let site = Site::copy("basic");
    let config = std::fs::read(site.root().join("uprkit.yaml")).unwrap();
    for args in [
        &["check", "--html", "uprkit.yaml"][..],
        &["check", "--html", "content/preparation/report.md"],
        &["check", "--html", "templates/status.html"],
        &["handout", "-o", "static/guide.html"],
        &["handout", "-o", "content/_index.md"],
        &["handout", "-o", "i18n/fr.yaml"],
    ] {
        let output = uprkit(site.root(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("it is part of the toolkit's sources"), "{args:?}: {}", stderr(&output));
    }
    assert_eq!(std::fs::read(site.root().join("uprkit.yaml")).unwrap(), config);
    // From a subfolder, the same file by another path.
    let output = uprkit(&site.root().join("content"), &["check", "--html", "../uprkit.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!Path::new(&site.root().join("templates/status.html")).exists());
    // Outside the sources, it writes.
    assert_success(&uprkit(site.root(), &["check", "--html", "status.html"]));
    assert!(site.root().join("status.html").is_file());
}
