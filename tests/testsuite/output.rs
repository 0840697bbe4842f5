//! What a build leaves on disk, whatever happens: the previous output is
//! replaced in one step (checked by killing builds at each step of the
//! swap with strace's fault injection), killed builds leave nothing behind
//! for long, and no command writes over the toolkit's own sources.

use crate::common;

use std::process::{Command, Output};

use common::{assert_success, stderr, stdout, uprkit, Site};

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

/// The toolkit's files, byte for byte, but its output.
fn toolkit_files(site: &Site) -> Vec<(String, Vec<u8>)> {
    common::snapshot_tree(site.root()).into_iter().filter(|(path, _)| !path.starts_with("public/")).collect()
}

/// A toolkit as `uprkit init` leaves it: a publishing recipe, a README, a `.gitignore`.
fn toolkit_with_recipe() -> Site {
    let site = Site::copy("basic");
    site.write(".github/workflows/publish.yml", "name: Publish\non: push\n");
    site.write(".gitignore", "/public/\n");
    site.write("README.md", "# Our guide\n");
    site
}

#[test]
fn no_command_writes_over_the_toolkit_sources() {
    let site = toolkit_with_recipe();
    let before = toolkit_files(&site);
    for args in [
        &["check", "--html", "uprkit.yaml"][..],
        &["check", "--html", "content/preparation/report.md"],
        &["check", "--html", "templates/status.html"],
        &["handout", "-o", "uprkit.yaml"],
        &["handout", "-o", "static/guide.html"],
        &["handout", "-o", "content/_index.md"],
        &["handout", "-o", "i18n/fr.yaml"],
    ] {
        let output = uprkit(site.root(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("it is part of the toolkit's sources"), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("help: write it outside the toolkit, such as ../"), "{}", stderr(&output));
    }
    // From a subfolder, the same file by another path.
    let output = uprkit(&site.root().join("content"), &["check", "--html", "../uprkit.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(toolkit_files(&site), before, "no file of the toolkit changed, none was added");
    // Outside the toolkit, and in its output folder, it writes.
    let outside = site.outside().join("status.html");
    assert_success(&uprkit(site.root(), &["check", "--html", outside.to_str().unwrap()]));
    assert!(outside.is_file());
    site.build_ok();
    assert_success(&uprkit(site.root(), &["check", "--html", "public/status.html"]));
    assert!(site.public().join("status.html").is_file());
}

#[test]
fn no_command_writes_inside_the_toolkit_but_its_output_even_through_a_link() {
    let site = toolkit_with_recipe();
    // Links beside the toolkit that lead into it.
    let link = site.outside().join("shared");
    std::os::unix::fs::symlink(site.root().join("content"), &link).unwrap();
    let readme = site.outside().join("readme-link.html");
    std::os::unix::fs::symlink(site.root().join("README.md"), &readme).unwrap();
    let through = link.join("new.html");
    let before = toolkit_files(&site);
    for target in [
        ".github/workflows/publish.yml",
        ".gitignore",
        "README.md",
        "guide.html",
        "drafts/guide.html",
        through.to_str().unwrap(),
        readme.to_str().unwrap(),
    ] {
        for command in [&["handout", "-o"][..], &["check", "--html"]] {
            let mut args = command.to_vec();
            args.push(target);
            let output = uprkit(site.root(), &args);
            assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
            let message = stderr(&output);
            assert!(message.contains(&format!("will not write {target}")), "{message}");
            assert!(message.contains("help: write it outside the toolkit"), "{message}");
        }
    }
    let message = stderr(&uprkit(site.root(), &["handout", "-o", through.to_str().unwrap()]));
    assert!(
        message.contains("a symbolic link leads it to") && message.contains("toolkit/content/new.html"),
        "{message}"
    );
    // A build's output folder through a link into the sources.
    let output = site.build(&["--output", link.join("site").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("it is inside the toolkit's sources (content/)"), "{}", stderr(&output));
    let output = site.build(&["--output", ".github/site"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(toolkit_files(&site), before, "no file of the toolkit changed, none was added");
    assert!(!site.public().exists());
}

#[test]
fn a_facilitator_edition_is_never_written_into_an_output_folder() {
    let site = Site::copy("basic");
    site.build_ok();
    let elsewhere = site.outside().join("site");
    assert_success(&site.build(&["--output", elsewhere.to_str().unwrap()]));
    let into_elsewhere = elsewhere.join("trainer.html");
    for args in [
        &["handout", "--facilitator", "-o", "public/trainer.html"][..],
        &["handout", "--facilitator", "-o", "public/handouts/en/trainer.html"],
        &["handout", "--slides", "--facilitator", "--page", "review/dialogue", "-o", "public/slides.html"],
        &["handout", "--facilitator", "-o", into_elsewhere.to_str().unwrap()],
        &["handout", "--facilitator", "-o", "trainer.html"],
    ] {
        let output = uprkit(site.root(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        let message = stderr(&output);
        assert!(!stdout(&output).contains("Wrote"), "{args:?}");
        assert!(message.contains("will not write"), "{message}");
        assert!(message.contains("help: write it outside the toolkit"), "{message}");
        assert!(!message.contains("public/trainer.html; the next build"), "no output folder is suggested: {message}");
    }
    let message = stderr(&uprkit(site.root(), &["handout", "--facilitator", "-o", "public/trainer.html"]));
    assert!(message.contains("it holds the facilitator notes, which are for trainers only"), "{message}");
    assert!(message.contains("which is published"), "{message}");
    for built in [site.public(), elsewhere] {
        let written: Vec<String> = common::list_files(&built)
            .into_iter()
            .filter(|file| file.contains("trainer") || file.contains("slides.html") || file.contains("course"))
            .collect();
        assert_eq!(written, Vec::<String>::new());
    }
    // The participants' handout may go into the output; the trainer's outside.
    assert_success(&uprkit(site.root(), &["handout", "-o", "public/guide-copy.html"]));
    let outside = site.outside().join("trainer.html");
    assert_success(&uprkit(site.root(), &["handout", "--facilitator", "-o", outside.to_str().unwrap()]));
}

/// A small drive mounted for a test (a tmpfs), unmounted when dropped.
struct Drive {
    path: std::path::PathBuf,
}

impl Drive {
    fn mount(path: std::path::PathBuf, size: &str) -> Drive {
        std::fs::create_dir_all(&path).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .status()
            .is_ok_and(|status| status.success());
        assert!(mounted, "mounting a tmpfs needs root (bash .ci/run runs as root): the drive tests need a drive");
        Drive { path }
    }
}

impl Drop for Drive {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

#[test]
fn a_full_drive_is_said_once_with_what_to_do() {
    let site = Site::copy("basic");
    site.build_ok();
    let needs = common::list_files(&site.public())
        .iter()
        .map(|rel| std::fs::metadata(site.public().join(rel)).unwrap().len())
        .sum::<u64>();
    // Drives too small at each step: the handouts, the pages, the zips.
    for fraction in [4, 2, 1] {
        let size = needs * fraction / 5 / 1024;
        let drive = Drive::mount(site.outside().join(format!("usb-{fraction}")), &format!("{size}k"));
        let output = site.build(&["--output", drive.path.join("guide").to_str().unwrap()]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{size} KB: {message}");
        assert_eq!(message.matches("No space left on device").count(), 1, "{size} KB: {message}");
        assert_eq!(message.lines().count(), 2, "the error and its help: {message}");
        assert!(message.contains(&format!("{}: cannot build into this folder", drive.path.join("guide").display())));
        assert!(message.contains("help: free some space on that drive"), "{message}");
        assert_eq!(common::list_files(&drive.path), Vec::<String>::new(), "nothing left on the drive");
    }
}

#[test]
fn the_root_of_a_drive_is_refused_with_a_folder_on_it_to_use() {
    let site = Site::copy("basic");
    let drive = Drive::mount(site.outside().join("usb"), "16m");
    let output = site.build(&["--output", drive.path.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("it is the root of a mounted drive"), "{message}");
    let folder = drive.path.join("guide");
    assert!(message.contains(&format!("help: build into a folder on it, such as {}", folder.display())), "{message}");
    assert_eq!(common::list_files(&drive.path), Vec::<String>::new());
    assert_eq!(common::list_files(site.outside()).iter().filter(|f| f.contains(".uprkit-")).count(), 0);
    assert_success(&site.build(&["--output", folder.to_str().unwrap()]));
    assert!(folder.join("index.html").is_file());
}
