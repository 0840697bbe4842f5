//! The Markdown of the entries, each with its links resolved from its
//! place in the site: one entry (`serve`'s edits), one language (a build's
//! turn) or every language (`serve`'s first build).

use rayon::prelude::*;

use crate::engine::config::Config;
use crate::engine::error::{dedup, Diagnostic, Error, Result};
use crate::engine::markdown::{self, LinkResolver, MarkdownOptions, Rendered, Target};
use crate::engine::progress::Progress;
use crate::engine::site::{slug_of, LanguageSite, Site};

use super::Inputs;

/// Resolves links from one entry: to pages of the same language, and to assets.
struct EntryLinks<'s> {
    config: &'s Config,
    site: &'s Site<'s>,
    language: &'s LanguageSite<'s>,
    root: &'s str,
}

impl LinkResolver for EntryLinks<'_> {
    fn page(&self, content_path: &str) -> Option<(String, String)> {
        let slug = slug_of(self.config, content_path);
        let entry = self.language.get(&slug)?;
        Some((format!("{}{}", self.root, entry.href), slug))
    }

    fn asset(&self, content_path: &str) -> Option<String> {
        self.site.assets.contains(content_path).then(|| format!("{}{}", self.root, self.site.urls.href(content_path)))
    }

    fn generated(&self, slug: &str, lang: &str) -> Option<String> {
        Some(format!("{}{}", self.root, self.site.urls.page(slug, lang)))
    }

    fn page_at(&self, slug: &str) -> Option<(String, String)> {
        let entry = self.language.get(slug)?;
        Some((format!("{}{}", self.root, entry.href), slug.to_string()))
    }

    fn reader_lang(&self) -> &str {
        &self.language.lang
    }

    fn page_paths(&self) -> Vec<String> {
        self.language
            .entries
            .iter()
            .map(|entry| {
                let source = entry.source.unwrap_or(entry.page).source.to_string_lossy().replace('\\', "/");
                source.strip_prefix("content/").unwrap_or(&source).to_string()
            })
            .collect()
    }
}

/// The Markdown of one entry, with links resolved from its place in the
/// site; code blocks found in `highlighted` are not highlighted again.
pub fn render_entry(
    config: &Config,
    site: &Site,
    inputs: &Inputs,
    language: usize,
    index: usize,
    highlighted: &[markdown::Code],
) -> Result<Rendered, Vec<Diagnostic>> {
    let language = &site.languages[language];
    let entry = &language.entries[index];
    let links = EntryLinks { config, site, language, root: &entry.root };
    let page = entry.page;
    let options = MarkdownOptions {
        slug: &entry.slug,
        dir: &page.dir,
        lang: &page.lang,
        strings: &inputs.theme.strings[&entry.lang],
        links: &links,
        id_prefix: "",
        passes: &inputs.features,
        reserved_ids: &inputs.reserved_ids,
        target: Target::Site,
        highlighted,
        shortcodes: &crate::engine::shortcodes::ThemeShortcodes { theme: &inputs.theme, features: &inputs.features },
        facilitator: false,
    };
    let mut result = markdown::render(&page.source, &page.body, page.body_line, &options);
    // A page put together from other files: each message at the file it came from.
    if page.origins.is_some() {
        match &mut result {
            Ok(rendered) => rendered.warnings.iter_mut().for_each(|warning| page.place(&mut warning.location)),
            Err(problems) => problems.iter_mut().for_each(|problem| page.place(&mut problem.location)),
        }
    }
    result
}

/// Markdown of every entry of the languages at `languages`, in parallel;
/// `[lang][entry]`, empty for the other languages. Every mistake found, in
/// the order of the entries.
pub(super) fn render_languages(
    config: &Config,
    site: &Site,
    inputs: &Inputs,
    languages: std::ops::Range<usize>,
    progress: &Progress,
) -> Result<Vec<Vec<Rendered>>, Vec<Diagnostic>> {
    let jobs: Vec<(usize, usize)> =
        languages.flat_map(|l| (0..site.languages[l].entries.len()).map(move |e| (l, e))).collect();
    let results: Vec<Result<Rendered, Vec<Diagnostic>>> = jobs
        .par_iter()
        .map(|&(l, e)| {
            let result = render_entry(config, site, inputs, l, e, &[]);
            progress.inc();
            result
        })
        .collect();
    let mut problems = Vec::new();
    let mut rendered: Vec<Vec<Rendered>> = site.languages.iter().map(|_| Vec::new()).collect();
    for (&(l, _), result) in jobs.iter().zip(results) {
        match result {
            Ok(page) => rendered[l].push(page),
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok(rendered)
    } else {
        Err(problems)
    }
}

/// Markdown of every entry in every language, in parallel; `[lang][entry]`.
pub fn render_markdown(
    config: &Config,
    site: &Site,
    inputs: &Inputs,
    progress: &Progress,
) -> Result<Vec<Vec<Rendered>>> {
    render_languages(config, site, inputs, 0..site.languages.len(), progress)
        .map_err(|problems| Error::Content(dedup(problems)))
}
