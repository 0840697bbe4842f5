//! One Markdown file through everything that reads it: the language suffix,
//! front matter, the Markdown transforms and the lint. Any panic is a bug;
//! errors must be values. The property tests in tests/testsuite/robustness.rs run the
//! same code paths for a bounded time in the normal test suite.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use uprkit::engine::config::Config;
use uprkit::engine::content::Page;
use uprkit::engine::markdown::{render, LinkResolver, MarkdownOptions, Target};
use uprkit::features::lint::lint;

struct Links;

impl LinkResolver for Links {
    fn page(&self, path: &str) -> Option<(String, String)> {
        path.starts_with('a').then(|| ("a/index.html".into(), "a".into()))
    }
    fn asset(&self, _path: &str) -> Option<String> {
        None
    }
    fn generated(&self, slug: &str, _lang: &str) -> Option<String> {
        Some(format!("{slug}/index.html"))
    }
}

fuzz_target!(|text: &str| {
    let config = Config::parse(Path::new("/site"), Path::new("uprkit.yaml"), text)
        .unwrap_or_else(|_| Config::parse(Path::new("/site"), Path::new("uprkit.yaml"), "title: T\n").unwrap());
    if let Ok(page) = Page::parse("review/page.fr.md", Path::new("content/review/page.fr.md"), text, &config) {
        let strings = Default::default();
        // Every feature's Markdown pass, as a build runs them.
        let features = uprkit::features::registry();
        let options = MarkdownOptions {
            slug: &page.slug,
            dir: &page.dir,
            lang: &page.lang,
            strings: &strings,
            links: &Links,
            id_prefix: "",
            passes: &features,
                reserved_ids: &Default::default(),
                target: Target::Site,
                highlighted: &[],
                shortcodes: &uprkit::engine::markdown::shortcodes::NoShortcodes,
                facilitator: false,
        };
        let _ = render(&page.source, &page.body, page.body_line, &options);
        let _ = lint(&page.body, page.body_line);
    }
});
