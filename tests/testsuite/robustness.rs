//! No input crashes uprkit: property tests feed the front-matter splitter,
//! the config loader, glossaries and the Markdown transforms (checklist ids,
//! links, glossary terms) with arbitrary and Markdown-shaped text, for a
//! bounded number of cases in the normal test suite (`fuzz/` has a
//! cargo-fuzz target for longer runs). Every failure must be an error value
//! that names its file and line, never a panic.

use std::path::Path;

use proptest::prelude::*;

use uprkit::engine::config::Config;
use uprkit::engine::content::front_matter::{split, FrontMatter};
use uprkit::engine::feature::Features;
use uprkit::engine::markdown::{render, LinkResolver, MarkdownOptions, Target};
use uprkit::features::checklists::Checklists;
use uprkit::features::glossary::{Glossary, GlossaryFeature};
use uprkit::features::lint::lint;
use uprkit::features::search::Search;

fn config() -> Config {
    let yaml = "title: T\nlanguages:\n  en: { name: English }\n  fr: { name: Français }\n";
    Config::parse(Path::new("/site"), Path::new("uprkit.yaml"), yaml).unwrap()
}

/// Text made of the pieces Markdown and YAML give meaning to, so that the
/// cases reach deep into the parsers rather than stay plain words.
fn markdown_like() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("\n".to_string()),
            Just("- [ ] ".to_string()),
            Just("- [x] ".to_string()),
            Just("{#".to_string()),
            Just("}".to_string()),
            Just("## ".to_string()),
            Just("> [!TIP]\n".to_string()),
            Just("[^1]".to_string()),
            Just("[^1]: ".to_string()),
            Just("[link](../a.md#x)".to_string()),
            Just("](".to_string()),
            Just("![i](p.png)".to_string()),
            Just("```yaml\n".to_string()),
            Just("```".to_string()),
            Just("| a | b |\n|---|---|\n".to_string()),
            Just("---\n".to_string()),
            Just("title: ".to_string()),
            Just(": ".to_string()),
            Just("UPR ".to_string()),
            Just("普遍定期审议".to_string()),
            Just("الاستعراض".to_string()),
            "[a-z ]{0,8}".prop_map(String::from),
            any::<String>(),
        ],
        0..40,
    );
    pieces.prop_map(|pieces| pieces.concat())
}

struct AnyPage;

impl LinkResolver for AnyPage {
    fn page(&self, path: &str) -> Option<(String, String)> {
        path.starts_with('a').then(|| ("../a/index.html".to_string(), "a".to_string()))
    }

    fn asset(&self, path: &str) -> Option<String> {
        path.ends_with(".png").then(|| path.to_string())
    }

    fn generated(&self, slug: &str, _lang: &str) -> Option<String> {
        Some(format!("../{slug}/index.html"))
    }

    fn page_at(&self, slug: &str) -> Option<(String, String)> {
        self.page(slug)
    }

    fn reader_lang(&self) -> &str {
        "en"
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_never_panics(text in markdown_like()) {
        let config = config();
        let path = Path::new("content/page.md");
        match split(path, &text) {
            Ok(parts) => {
                prop_assert!(parts.body_line >= 3);
                if let Err(problems) = FrontMatter::parse(path, parts.yaml, &config, true) {
                    prop_assert!(!problems.is_empty());
                    for diagnostic in problems {
                        prop_assert_eq!(diagnostic.location.path.as_path(), path);
                        prop_assert!(diagnostic.location.line.is_none_or(|line| line >= 1));
                    }
                }
            }
            Err(diagnostic) => prop_assert_eq!(diagnostic.location.line, Some(1)),
        }
    }

    #[test]
    fn the_config_loader_never_panics(text in markdown_like()) {
        if let Err(error) = Config::parse(Path::new("/site"), Path::new("uprkit.yaml"), &text) {
            prop_assert!(error.to_string().starts_with("uprkit.yaml"), "{}", error);
        }
    }

    #[test]
    fn glossaries_never_panic(text in markdown_like()) {
        if let Err(problems) = Glossary::parse("en", Path::new("content/glossary.yaml"), &text) {
            prop_assert!(problems.iter().all(|p| p.location.path == Path::new("content/glossary.yaml")));
        }
    }

    #[test]
    fn markdown_transforms_never_panic(body in markdown_like(), first_line in 1usize..50) {
        let strings = Default::default();
        let glossary = Glossary::parse("en", Path::new("g.yaml"), "- term: UPR\n  title: U\n- term: 普遍定期审议\n  title: Z\n").unwrap();
        let features = Features::new(vec![
            Box::new(Checklists),
            Box::new(Search),
            Box::new(GlossaryFeature::with([glossary])),
        ], Vec::new());
        for prefix in ["", "p-x--"] {
            let options = MarkdownOptions {
                slug: "a",
                dir: "",
                lang: "en",
                strings: &strings,
                links: &AnyPage,
                id_prefix: prefix,
                passes: &features,
                reserved_ids: &Default::default(),
                target: Target::Site,
                highlighted: &[],
                shortcodes: &uprkit::engine::markdown::shortcodes::NoShortcodes,
                facilitator: false,
            };
            let lines = body.matches('\n').count() + first_line;
            match render(Path::new("content/a.md"), &body, first_line, &options) {
                Ok(out) => prop_assert!(out.anchor_refs.iter().all(|r| r.line >= first_line && r.line <= lines)),
                Err(problems) => {
                    for problem in problems {
                        let line = problem.location.line.expect("a line");
                        prop_assert!(line >= first_line && line <= lines, "{}", problem);
                    }
                }
            }
        }
        for (line, _) in lint(&body, first_line) {
            prop_assert!(line >= first_line);
        }
    }
}
