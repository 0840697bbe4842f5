//! The page script's own tests, in Node (`node --test tests/js/`): its
//! pure functions (folding, dates, the calendar file, the store's
//! operations), the parity of what it writes with what the build writes,
//! and the fields of the data scripts the build writes for it. Node is
//! needed, as for the browser tests (`.ci/run` installs it): without it
//! this test fails.

use crate::common::{build_bundled, repository, Site};

#[test]
fn the_page_script_passes_its_node_tests_on_the_built_toolkit() {
    let bundled = build_bundled();
    // A long section: the navigation's data script.
    let long = Site::copy("basic");
    for n in 1..=40 {
        long.write(
            &format!("content/review/long-{n:02}.md"),
            format!("---\ntitle: Long page {n}\nweight: {}\n---\n\nText of page {n}.\n", 100 + n),
        );
    }
    long.build_ok();
    let output = std::process::Command::new("node")
        .args(["--test", "--test-reporter=tap"])
        .arg(repository().join("tests/js"))
        .env("UPRKIT_BUILT", bundled.path().join("public"))
        .env("UPRKIT_BUILT_NAV", long.public())
        .current_dir(repository())
        .output()
        .unwrap_or_else(|error| panic!("node is needed for the page script's tests ({error}): install nodejs"));
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "node --test tests/js failed:\n{report}");
    let passed: usize = report
        .lines()
        .find_map(|line| line.strip_prefix("# pass "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count of passed tests:\n{report}"));
    assert!(passed >= 17, "only {passed} Node tests ran:\n{report}");
}
