//! Facilitator notes (`> [!FACILITATOR]`): never in the site, the
//! participants' handouts, the zips, the SCORM packages (built, or made by
//! `handout --scorm`) or the search index, whatever file of the output is
//! searched; in the facilitator edition, set apart.

mod common;

use std::io::Read;

use common::{list_files, stderr, uprkit, Site};

const MARKER: &str = "FACILITATOR-ONLY-7319";

fn site_with_notes(setting: Option<&str>) -> Site {
    let site = Site::copy("basic");
    site.write(
        "content/review/dialogue.md",
        format!(
            "---\ntitle: Interactive dialogue\nweight: 10\n---\n\nBack to the [report](../preparation/report.md#checklist).\n\n\
             ## Watching the webcast {{#webcast}}\n\nOrganise a meeting to watch it.\n\n\
             > [!FACILITATOR]\n> Ask the group who has watched a webcast before: {MARKER}.\n>\n> - [ ] Test the projector {{#projector}}\n\n\
             After the note.\n"
        ),
    );
    if let Some(setting) = setting {
        let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
        site.write("uprkit.yaml", format!("{config}facilitator_notes: {setting}\n"));
    }
    site
}

/// The output files (and the files inside each zip) that contain the marker.
fn holding_marker(site: &Site) -> Vec<String> {
    let public = site.public();
    let mut found = Vec::new();
    for rel in list_files(&public) {
        let bytes = std::fs::read(public.join(&rel)).unwrap();
        if rel.ends_with(".zip") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let mut file = zip.by_index(i).unwrap();
                let mut inner = Vec::new();
                file.read_to_end(&mut inner).unwrap();
                if String::from_utf8_lossy(&inner).contains(MARKER) {
                    found.push(format!("{rel}:{}", file.name()));
                }
            }
        } else if String::from_utf8_lossy(&bytes).contains(MARKER) {
            found.push(rel);
        }
    }
    found
}

#[test]
fn by_default_no_output_file_holds_a_facilitator_note() {
    let site = site_with_notes(None);
    site.build_ok();
    assert_eq!(holding_marker(&site), Vec::<String>::new());
    let page = site.page("review/dialogue/index.html");
    assert!(page.contains("Organise a meeting") && page.contains("After the note."), "the rest stays");
    assert!(!page.contains("projector"), "a checklist inside the note goes with it");
    // On demand, the facilitator edition has them, set apart.
    let out = site.outside().join("facilitator.html");
    let output = uprkit(site.root(), &["handout", "--facilitator", "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let edition = std::fs::read_to_string(&out).unwrap();
    assert!(
        edition
            .contains("<aside class=\"callout callout-facilitator\"><p class=\"callout-title\">Facilitator note</p>"),
        "{edition}"
    );
    assert!(edition.contains(MARKER));
    assert!(!edition.contains("[!FACILITATOR]"), "the marker itself is not shown");
    assert!(edition.contains("Facilitator edition"), "the title page says which edition it is");
    // The participants' handout on demand: none.
    let out = site.outside().join("participants.html");
    assert!(uprkit(site.root(), &["handout", "-o", out.to_str().unwrap()]).status.success());
    assert!(!std::fs::read_to_string(&out).unwrap().contains(MARKER));
}

#[test]
fn editions_are_built_when_asked_and_stay_out_of_the_zips() {
    let site = site_with_notes(Some("edition"));
    site.build_ok();
    let mut found = holding_marker(&site);
    found.sort();
    assert_eq!(
        found,
        vec![
            "handouts/ar/facilitator-review.html",
            "handouts/ar/facilitator.html",
            "handouts/en/facilitator-review.html",
            "handouts/en/facilitator.html",
            "handouts/fr/facilitator-review.html",
            "handouts/fr/facilitator.html",
        ]
    );
    assert!(!site.page("handouts/en/guide.html").contains("facilitator.html"), "linked from nowhere");
}

#[test]
fn public_notes_show_on_the_site_and_a_wrong_setting_says_the_choices() {
    let site = site_with_notes(Some("public"));
    site.build_ok();
    assert!(site.page("review/dialogue/index.html").contains(MARKER));
    let site = site_with_notes(Some("secret"));
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("uprkit.yaml:")
            && stderr(&output).contains("`facilitator_notes` is private, edition or public"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_bundled_sample_s_notes_are_in_no_published_file() {
    let temp = common::build_bundled();
    let public = temp.path().join("public");
    // A phrase of each of the sample's four notes (English), and the marker.
    let phrases = [
        "[!FACILITATOR]",
        "Ask each group to name one issue",
        "Read the weak recommendation aloud",
        "do not try to stream the webcast",
        "Give each participant three sticky notes",
    ];
    for rel in list_files(&public) {
        let bytes = std::fs::read(public.join(&rel)).unwrap();
        let texts: Vec<(String, String)> = if rel.ends_with(".zip") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            (0..zip.len())
                .map(|i| {
                    let mut file = zip.by_index(i).unwrap();
                    let mut inner = Vec::new();
                    file.read_to_end(&mut inner).unwrap();
                    (format!("{rel}:{}", file.name()), String::from_utf8_lossy(&inner).into_owned())
                })
                .collect()
        } else {
            vec![(rel.clone(), String::from_utf8_lossy(&bytes).into_owned())]
        };
        for (name, text) in texts {
            for phrase in phrases {
                assert!(!text.contains(phrase), "{name} holds a facilitator note: {phrase}");
            }
        }
    }
    // The facilitator edition has all four.
    let edition = temp.path().join("trainer.html");
    let output = uprkit(common::repository(), &["handout", "--facilitator", "-q", "-o", edition.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let edition = std::fs::read_to_string(edition).unwrap();
    for phrase in &phrases[1..] {
        assert!(edition.contains(phrase), "{phrase}");
    }
}

/// `uprkit handout --scorm` is for learners: whatever `facilitator_notes`
/// says, no file inside the package holds a note: its text, marker,
/// frame or checklist.
#[test]
fn a_scorm_package_made_on_demand_holds_no_facilitator_note() {
    for setting in [None, Some("edition")] {
        let site = site_with_notes(setting);
        for args in [&["--scorm"][..], &["--scorm", "--phase", "review"], &["--scorm", "--lang", "fr"]] {
            let out = site.outside().join("package.zip");
            let output = uprkit(site.root(), &[&["handout"], args, &["-o", out.to_str().unwrap()]].concat());
            assert!(output.status.success(), "{}", stderr(&output));
            let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
            let mut review = None;
            for i in 0..zip.len() {
                let mut file = zip.by_index(i).unwrap();
                let mut text = String::new();
                file.read_to_string(&mut text).unwrap();
                for needle in [MARKER, "[!FACILITATOR]", "class=\"callout callout-facilitator", "Test the projector"] {
                    assert!(!text.contains(needle), "{setting:?} {args:?}: {} holds {needle}", file.name());
                }
                if file.name() == "review.html" {
                    review = Some(text);
                }
            }
            let review = review.unwrap_or_else(|| panic!("{args:?}: the package has the review phase"));
            assert!(review.contains("Organise a meeting") && review.contains("After the note."), "the page is in it");
        }
    }
}
