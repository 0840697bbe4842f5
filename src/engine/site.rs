//! Assembles the site from the loaded pages: for each language, one entry per
//! page of the guide (its translation, or the default-language text as a
//! fallback), the section tree, phases, reading order, and each entry's
//! output path and href, worked out once here. Features ask the assembled
//! site for addresses ([`Site::urls`]); they never work them out from the
//! configuration.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;

use crate::engine::config::Config;
use crate::engine::content::{Loaded, Page, PageKind};
use crate::engine::error::{Diagnostic, Error, Location, Result};
use crate::engine::i18n::Language;

/// Characters escaped in hrefs; letters of any script stay readable.
const PATH_SEGMENT: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}');

/// One published page in one language.
#[derive(Debug, Clone)]
pub struct Entry<'p> {
    pub slug: String,
    /// The reader's language.
    pub lang: String,
    /// The source: the translation, or the default-language page as fallback.
    pub page: &'p Page,
    pub is_fallback: bool,
    /// How this page stands against its source in the default language.
    pub status: TranslationStatus,
    /// The default-language page this one translates, if it is a translation.
    pub source: Option<&'p Page>,
    pub kind: PageKind,
    pub phase: Option<String>,
    /// Output file, relative to the output root: `fr/review/dialogue/index.html`.
    pub path: String,
    /// Index of the parent section (or home) among this language's entries.
    pub parent: Option<usize>,
    /// Indexes of child entries, in reading order.
    pub children: Vec<usize>,
    /// How many folders deep `path` is, for relative links.
    pub depth: usize,
    /// `path` as a link from the site root: escaped, without `index.html`
    /// when `pretty_urls` is on.
    pub href: String,
    /// `./` or `../…`: from this page to the site root.
    pub root: String,
}

impl<'p> Entry<'p> {
    /// The actors the page speaks to: a translation that does not list them
    /// has its source's.
    pub fn audience(&self) -> &[String] {
        match self.source {
            Some(source) if self.page.front.audience.is_empty() => &source.front.audience,
            _ => &self.page.front.audience,
        }
    }

    /// A front-matter key a feature reads (`duration`): a translation that
    /// does not give it has its source's.
    pub fn setting(&self, key: &str) -> Option<&'p crate::engine::config::Setting> {
        self.page.front.setting(key).or_else(|| self.source.and_then(|source| source.front.setting(key)))
    }
}

/// Where a page stands as a translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslationStatus {
    /// In the default language, or only in this language: nothing to follow.
    Original,
    /// Its `source_hash` matches the source's current text.
    Current,
    /// The source changed since the `source_hash` recorded in it.
    Outdated,
    /// A translation without `source_hash`: nobody said which version it follows.
    Unstamped,
    /// Not translated: the default-language text is shown.
    Missing,
}

impl TranslationStatus {
    fn of(page: &Page, source: Option<&Page>, is_fallback: bool) -> Self {
        match (is_fallback, source, &page.front.source_hash) {
            (true, _, _) => TranslationStatus::Missing,
            (false, None, _) => TranslationStatus::Original,
            (false, Some(_), None) => TranslationStatus::Unstamped,
            (false, Some(source), Some(hash)) if *hash == crate::engine::content::body_hash(&source.body) => {
                TranslationStatus::Current
            }
            (false, Some(_), Some(_)) => TranslationStatus::Outdated,
        }
    }
}

/// All entries of one language, in reading order (home first).
#[derive(Debug)]
pub struct LanguageSite<'p> {
    /// The language's code.
    pub lang: String,
    /// The language as configured: name, direction, title.
    pub language: Language,
    pub entries: Vec<Entry<'p>>,
    by_slug: HashMap<String, usize>,
}

impl<'p> LanguageSite<'p> {
    pub fn get(&self, slug: &str) -> Option<&Entry<'p>> {
        self.by_slug.get(slug).map(|&i| &self.entries[i])
    }

    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// Whether any page of this language belongs to the phase `phase`.
    pub fn has_phase(&self, phase: &str) -> bool {
        self.entries.iter().any(|entry| entry.phase.as_deref() == Some(phase))
    }
}

#[derive(Debug)]
pub struct Site<'p> {
    /// One per configured language, default first.
    pub languages: Vec<LanguageSite<'p>>,
    /// Content-relative paths of the assets beside pages.
    pub assets: BTreeSet<String>,
    pub urls: Urls,
}

/// Where things are published: the one place that turns a slug into an
/// output path and an href.
#[derive(Debug, Clone)]
pub struct Urls {
    default_language: String,
    pretty: bool,
}

impl Urls {
    pub fn new(config: &Config) -> Urls {
        Urls { default_language: config.default_language().code.clone(), pretty: config.pretty_urls }
    }

    /// The output path of `slug` in `lang`: `fr/review/dialogue/index.html`.
    pub fn path(&self, slug: &str, lang: &str) -> String {
        let mut path = String::new();
        if lang != self.default_language {
            path.push_str(lang);
            path.push('/');
        }
        if !slug.is_empty() {
            path.push_str(slug);
            path.push('/');
        }
        path.push_str("index.html");
        path
    }

    /// The href of an output path from the site root.
    pub fn href(&self, path: &str) -> String {
        let path = if self.pretty { path.strip_suffix("index.html").unwrap_or(path) } else { path };
        path.split('/')
            .map(|segment| utf8_percent_encode(segment, PATH_SEGMENT).to_string())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The href of `slug` in `lang`, from the site root.
    pub fn page(&self, slug: &str, lang: &str) -> String {
        self.href(&self.path(slug, lang))
    }

    /// The output path of a file beside the page `slug` in `lang`:
    /// `fr/key-dates/upr-key-dates.ics`.
    pub fn file(&self, slug: &str, lang: &str, name: &str) -> String {
        let page = self.path(slug, lang);
        format!("{}{name}", page.strip_suffix("index.html").unwrap_or(&page))
    }
}

/// `../` repeated to climb from a page `depth` folders deep to the root.
pub fn root_prefix(depth: usize) -> String {
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// The slug a content-relative `.md` path names, whatever its language suffix.
pub fn slug_of(config: &Config, content_path: &str) -> String {
    let stem = content_path.strip_suffix(".md").unwrap_or(content_path);
    let stem = match stem.rsplit_once('.') {
        Some((name, suffix)) if config.language(suffix).is_some() => name,
        _ => stem,
    };
    let slug = match stem.strip_suffix("_index") {
        Some(dir) => dir.trim_end_matches('/'),
        None => stem,
    };
    crate::engine::content::page::clean_address(slug)
}

pub fn assemble<'p>(config: &Config, loaded: &'p Loaded) -> Result<Site<'p>> {
    let default = &config.default_language().code;
    // slug → language → page
    let mut by_slug: BTreeMap<&str, BTreeMap<&str, &'p Page>> = BTreeMap::new();
    for page in &loaded.pages {
        by_slug.entry(&page.slug).or_default().insert(&page.lang, page);
    }
    if !by_slug.get("").is_some_and(|pages| pages.contains_key(default.as_str())) {
        return Err(Error::one(
            Diagnostic::new(Location::file(config.content_dir.join("_index.md")), "the home page is missing")
                .with_help("create content/_index.md with a `title` in its front matter"),
        ));
    }
    let sections: BTreeSet<&str> =
        loaded.pages.iter().filter(|page| page.kind != PageKind::Page).map(|page| page.slug.as_str()).collect();
    let phase_order: HashMap<&str, usize> =
        config.phases.iter().enumerate().map(|(i, phase)| (phase.id.as_str(), i)).collect();

    let urls = Urls::new(config);
    let languages = config
        .languages
        .iter()
        .map(|language| {
            let lang = language.code.as_str();
            // The pages of this language: translations, then fallbacks.
            let chosen: Vec<Chosen<'p>> = by_slug
                .iter()
                .filter_map(|(&slug, pages)| {
                    let source = pages.get(default.as_str()).copied();
                    let structure = source.or_else(|| pages.get(lang).copied())?;
                    let (page, is_fallback) = match pages.get(lang) {
                        Some(page) => (*page, false),
                        None => (source?, true),
                    };
                    let source = source.filter(|source| source.lang != page.lang);
                    Some(Chosen { slug, page, is_fallback, structure, source })
                })
                .collect();
            language_site(&urls, language, &chosen, &sections, &phase_order)
        })
        .collect();
    let assets = loaded.assets.iter().map(|asset| asset.rel_path.clone()).collect();
    Ok(Site { languages, assets, urls })
}

/// The page chosen for one slug in one language.
#[derive(Debug, Clone, Copy)]
struct Chosen<'p> {
    slug: &'p str,
    page: &'p Page,
    is_fallback: bool,
    /// The page whose kind and weight place this slug in the tree.
    structure: &'p Page,
    /// The default-language page, when `page` is a translation or fallback of it.
    source: Option<&'p Page>,
}

/// Orders one language's pages as a tree, home first, then each section
/// followed by its pages, sections in cycle order.
fn language_site<'p>(
    urls: &Urls,
    language: &Language,
    chosen: &[Chosen<'p>],
    sections: &BTreeSet<&str>,
    phase_order: &HashMap<&str, usize>,
) -> LanguageSite<'p> {
    let lang = language.code.as_str();
    let parent_slug = |slug: &str| -> Option<String> {
        if slug.is_empty() {
            return None;
        }
        let mut dir = slug;
        while let Some((up, _)) = dir.rsplit_once('/') {
            if sections.contains(up) {
                return Some(up.to_string());
            }
            dir = up;
        }
        Some(String::new())
    };
    let present: BTreeSet<&str> = chosen.iter().map(|c| c.slug).collect();
    let mut children: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, Chosen { slug, .. }) in chosen.iter().enumerate() {
        if let Some(mut parent) = parent_slug(slug) {
            // A page whose section exists in no language hangs under home.
            while !present.contains(parent.as_str()) && !parent.is_empty() {
                parent = parent_slug(&parent).unwrap_or_default();
            }
            children.entry(parent).or_default().push(i);
        }
    }
    let sort_key = |i: usize| {
        let Chosen { slug, structure, .. } = chosen[i];
        let phase_rank = match (structure.kind, &structure.front.phase) {
            (PageKind::Section, Some(phase)) => phase_order.get(phase.as_str()).copied().unwrap_or(usize::MAX),
            _ => usize::MAX,
        };
        // Pages before subsections, then cycle order, weight, slug; those
        // placed at the end after all of them, ordered the same way.
        (structure.front.placement, structure.kind == PageKind::Section, phase_rank, structure.front.weight, slug)
    };
    for list in children.values_mut() {
        list.sort_by_key(|&i| sort_key(i));
    }

    // Depth-first walk from home gives the reading order.
    let mut order = Vec::with_capacity(chosen.len());
    let mut stack = vec![chosen.iter().position(|c| c.slug.is_empty()).expect("home exists")];
    while let Some(i) = stack.pop() {
        order.push(i);
        if let Some(list) = children.get(chosen[i].slug) {
            stack.extend(list.iter().rev());
        }
    }
    let position: HashMap<usize, usize> = order.iter().enumerate().map(|(pos, &i)| (i, pos)).collect();

    let mut entries: Vec<Entry<'p>> = order
        .iter()
        .map(|&i| {
            let Chosen { slug, page, is_fallback, structure, source } = chosen[i];
            let path = urls.path(slug, lang);
            let depth = path.matches('/').count();
            Entry {
                slug: slug.to_string(),
                lang: lang.to_string(),
                page,
                is_fallback,
                status: TranslationStatus::of(page, source, is_fallback),
                source,
                kind: structure.kind,
                phase: structure.front.phase.clone(),
                depth,
                href: urls.href(&path),
                root: root_prefix(depth),
                path,
                parent: None,
                children: children.get(slug).map(|list| list.iter().map(|c| position[c]).collect()).unwrap_or_default(),
            }
        })
        .collect();
    for index in 0..entries.len() {
        for child in entries[index].children.clone() {
            entries[child].parent = Some(index);
        }
    }
    // Phases flow down from sections to their pages, in reading order.
    for index in 0..entries.len() {
        if entries[index].phase.is_none() {
            entries[index].phase = entries[index].parent.and_then(|parent| entries[parent].phase.clone());
        }
    }
    let by_slug = entries.iter().enumerate().map(|(i, entry)| (entry.slug.clone(), i)).collect();
    LanguageSite { lang: language.code.clone(), language: language.clone(), entries, by_slug }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config(extra: &str) -> Config {
        let yaml = format!("title: T\nlanguages:\n  en: {{ name: English }}\n  fr: {{ name: Français }}\n{extra}");
        Config::parse(Path::new("/s"), Path::new("uprkit.yaml"), &yaml).unwrap()
    }

    fn page(config: &Config, rel: &str, front: &str) -> Page {
        let text = format!("---\n{front}\n---\n");
        Page::parse(rel, Path::new(rel), &text, config).unwrap()
    }

    #[test]
    fn paths_put_the_default_language_at_the_root() {
        let config = config("");
        let urls = Urls::new(&config);
        assert_eq!(urls.path("", "en"), "index.html");
        assert_eq!(urls.path("review/dialogue", "fr"), "fr/review/dialogue/index.html");
        assert_eq!(urls.href("fr/a b/index.html"), "fr/a%20b/index.html");
        let pretty = Urls::new(&self::config("pretty_urls: true\n"));
        assert_eq!(pretty.href("fr/review/index.html"), "fr/review/");
        assert_eq!(slug_of(&config, "review/_index.fr.md"), "review");
        assert_eq!(slug_of(&config, "_index.md"), "");
        assert_eq!(slug_of(&config, "review/dialogue.md"), "review/dialogue");
    }

    #[test]
    fn sections_follow_the_cycle_and_missing_translations_fall_back() {
        let config = config("");
        let loaded = Loaded {
            pages: vec![
                page(&config, "_index.md", "title: Home"),
                page(&config, "follow-up/_index.md", "title: F\nphase: follow-up"),
                page(&config, "follow-up/a.md", "title: A"),
                page(&config, "review/_index.md", "title: R\nphase: review"),
                page(&config, "review/b.md", "title: B\nweight: 2"),
                page(&config, "review/a.md", "title: A\nweight: 1"),
                page(&config, "review/a.fr.md", "title: A fr"),
            ],
            assets: vec![],
            warnings: vec![],
        };
        let site = assemble(&config, &loaded).unwrap();
        let en: Vec<_> = site.languages[0].entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(en, ["", "review", "review/a", "review/b", "follow-up", "follow-up/a"]);
        let fr = &site.languages[1];
        assert_eq!(fr.entries.len(), 6);
        assert!(!fr.get("review/a").unwrap().is_fallback);
        assert!(fr.get("review/b").unwrap().is_fallback);
        assert_eq!(fr.get("review/b").unwrap().phase.as_deref(), Some("review"));
        assert_eq!(fr.get("review/b").unwrap().path, "fr/review/b/index.html");
    }

    #[test]
    fn pages_placed_at_the_end_come_after_the_phases_and_names_get_clean_addresses() {
        let config = config("");
        let loaded = Loaded {
            pages: vec![
                page(&config, "_index.md", "title: Home"),
                page(&config, "Credits.md", "title: Credits\nplacement: end\nweight: 2"),
                page(&config, "about.md", "title: About\nplacement: end"),
                page(&config, "intro.md", "title: Intro"),
                page(&config, "review/_index.md", "title: R\nphase: review"),
                page(&config, "review/Workshop Notes.md", "title: W"),
                page(&config, "preparation/_index.md", "title: P\nphase: preparation"),
            ],
            assets: vec![],
            warnings: vec![],
        };
        let site = assemble(&config, &loaded).unwrap();
        let en: Vec<_> = site.languages[0].entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(en, ["", "intro", "preparation", "review", "review/workshop-notes", "about", "credits"]);
        assert_eq!(slug_of(&config, "review/Workshop Notes.fr.md"), "review/workshop-notes");
    }
}
