//! A partial rebuild serves what a whole build of the edited toolkit
//! makes: the staleness features declare is checked against the truth.

#[cfg(test)]
mod partial_rebuilds {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use crate::engine::output::OutputFile;
    use crate::engine::pipeline::BuildOptions;
    use crate::engine::serve::rebuild::Session;

    const WORKSHOP: &str = "title: A morning\nstart: \"09:00\"\nsessions:\n  - title: Reporting\n    items:\n      - page: preparation/report\n      - page: review/dialogue\n        duration: 20m\n";

    /// The basic fixture with a workshop, copied to a temporary folder.
    fn toolkit() -> tempfile::TempDir {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&from).into_iter().map(Result::unwrap) {
            let target = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        let report = dir.path().join("content/preparation/report.md");
        let text = std::fs::read_to_string(&report).unwrap();
        std::fs::write(&report, text.replacen("updated: 2026-11-01\n", "updated: 2026-11-01\nduration: 45m\n", 1))
            .unwrap();
        std::fs::create_dir_all(dir.path().join("workshops")).unwrap();
        std::fs::write(dir.path().join("workshops/morning.yaml"), WORKSHOP).unwrap();
        dir
    }

    fn files(files: Vec<OutputFile>) -> BTreeMap<String, Vec<u8>> {
        files.into_iter().map(|file| (file.path, file.contents.read().unwrap().into_owned())).collect()
    }

    /// Serves the toolkit, makes `edit` to one page, and compares what
    /// `serve` then holds (after the reload's deferred outputs) with a
    /// whole build of the edited toolkit.
    fn after_edit(page: &str, edit: impl Fn(&str) -> String + 'static) {
        after_edits(&[(page, &edit)]);
    }

    /// An edit of a page's text.
    type Edit = dyn Fn(&str) -> String;

    /// The same after each edit in turn, each served as `serve` does,
    /// compared with a whole build after the last.
    fn after_edits(edits: &[(&str, &Edit)]) {
        let dir = toolkit();
        let registry = crate::features::registry;
        let options = BuildOptions::default();
        let (mut session, first) = Session::full(dir.path(), registry, &options).unwrap();
        let mut served = files(first);
        for (page, edit) in edits {
            let path = dir.path().join("content").join(page);
            let text = std::fs::read_to_string(&path).unwrap();
            let edited = edit(&text);
            assert_ne!(text, edited, "the edit of {page} changes nothing");
            std::fs::write(&path, edited).unwrap();
            let source = PathBuf::from("content").join(page);
            let changed = session.text_edit(&[source]).unwrap().expect("a partial rebuild");
            served.extend(files(changed));
            for language in session.stale.clone() {
                served.extend(files(session.deferred_files(language).unwrap()));
            }
            let (_, whole) = Session::full(dir.path(), registry, &options).unwrap();
            let whole = files(whole);
            let differ: Vec<&String> = whole.keys().filter(|path| served.get(*path) != whole.get(*path)).collect();
            assert!(differ.is_empty(), "after editing {page}, serve holds other files than a whole build: {differ:?}");
            assert_eq!(served.len(), whole.len(), "after editing {page}");
        }
    }

    #[test]
    fn edits_one_after_another_render_the_handouts_from_what_was_kept_as_a_whole_build_would() {
        let first = |text: &str| text.replace("Start early.", "Start very early.");
        let second = |text: &str| format!("{text}\n\nOne more sentence.\n");
        let again = |text: &str| text.replace("Start very early.", "Start early, and again.");
        after_edits(&[
            ("preparation/report.md", &first),
            ("review/dialogue.md", &second),
            ("preparation/report.md", &again),
        ]);
    }

    #[test]
    fn a_text_edit_is_served_as_a_whole_build_makes_it() {
        after_edit("preparation/report.md", |text| text.replace("Start early.", "Start very early."));
    }

    #[test]
    fn a_new_checklist_item_reaches_the_checklists_page_and_index() {
        after_edit("preparation/report.md", |text| {
            text.replace("- [x] Find the guidelines", "- [x] Find the guidelines\n- [ ] Book the room")
        });
    }

    #[test]
    fn a_new_title_reaches_search_lists_and_agendas() {
        after_edit("preparation/report.md", |text| text.replace("title: Stakeholder report", "title: The report"));
    }

    #[test]
    fn a_new_duration_reaches_the_agendas() {
        after_edit("preparation/report.md", |text| text.replace("duration: 45m", "duration: 50m"));
    }

    #[test]
    fn a_translation_edit_reaches_its_language_only_as_a_whole_build_would() {
        after_edit("preparation/report.fr.md", |text| format!("{text}\n\nUne phrase de plus.\n"));
    }
}
