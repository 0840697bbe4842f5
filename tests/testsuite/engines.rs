//! The checklist scenario in the three browser engines people open the guide
//! in, from file:// and over http (`uprkit serve`): Chromium, Firefox ESR
//! with its default preferences (each file:// page its own origin) and
//! WebKit (WebKitGTK, Safari's engine). `tests/browser/engines.py` drives
//! them; `.ci/run` installs the browsers, their drivers and the Python
//! packages. These tests fail, never skip, when a browser is missing.

use crate::common;

use std::process::Command;

use common::Site;

#[track_caller]
fn run_engine(engine: &str, steps: usize) {
    // One browser at a time, no other test's either: on two cores several
    // at once only make all slow, and a slow WebKit misses its deadlines.
    let _alone = common::without_browsers();
    // With three recommendations, for the reader's assessments and the
    // counts the filters leave (Justice: 1 of 2 supported).
    let recommendations = "id,text,recommending_state,response,themes\n\
        R-1,Adopt a law on access to information.,Norvania,supported,Freedom of expression\n\
        R-2,Ratify the Optional Protocol.,Eastmere,noted,Justice\n\
        R-3,Train judges on fair trials.,Norvania,supported,Justice\n";
    let site = Site::copy("basic");
    site.write("data/recommendations.csv", recommendations);
    site.build_ok();
    let public = site.public();
    // The same toolkit over http, from `uprkit serve`, which the reload steps edit.
    let served = Site::copy("basic");
    served.write("data/recommendations.csv", recommendations);
    let server = common::serve(served.root());
    let url = &server.url;
    // Three cycles with an implementation plan, for the plan's steps.
    let plan = Site::copy("basic");
    let cycles = common::repository().join("tests/fixtures/recommendations/cycles");
    for name in ["recommendations.csv", "themes.yaml"] {
        plan.write(&format!("data/{name}"), std::fs::read(cycles.join(name)).unwrap());
    }
    plan.build_ok();
    let script = common::repository().join("tests/browser/engines.py");
    let python = common::repository().join(".venv/bin/python3");
    assert!(
        python.is_file(),
        "{} is missing: bash .ci/run installs selenium and marionette_driver there",
        python.display()
    );
    let mut command = if engine == "webkit" { Command::new("xvfb-run") } else { Command::new(&python) };
    if engine == "webkit" {
        command.arg("-a").arg(&python);
    }
    let output = command
        .arg(&script)
        .arg(engine)
        .arg(&public)
        .arg(url)
        .arg(served.root())
        .arg(plan.public())
        .output()
        .unwrap_or_else(|error| {
            panic!("{} runs ({error}): bash .ci/run installs what the browser tests need", python.display())
        });
    let mut report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    if engine == "webkit" {
        // Restarts, with a web view whose data folder lasts (see the script).
        let restart = Command::new("xvfb-run")
            .args(["-a", "/usr/bin/python3"])
            .arg(common::repository().join("tests/browser/webkit_restart.py"))
            .arg(&public)
            .arg(url)
            .output()
            .expect("xvfb-run and Debian's python3 run");
        assert!(
            restart.status.success(),
            "webkit restarts:\n{}{}",
            String::from_utf8_lossy(&restart.stdout),
            String::from_utf8_lossy(&restart.stderr)
        );
        report.push_str(&String::from_utf8_lossy(&restart.stdout));
    }
    drop(server);
    assert!(output.status.success(), "{engine}:\n{report}");
    assert_eq!(report.matches("\nok - ").count() + usize::from(report.starts_with("ok - ")), steps, "{report}");
}

#[test]
fn chromium() {
    run_engine("chromium", 23);
}

#[test]
fn firefox() {
    run_engine("firefox", 23);
}

#[test]
fn webkit() {
    run_engine("webkit", 24);
}
