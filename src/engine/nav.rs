//! The navigation beside every page: the home page's children (the phases)
//! and, open, the sections above the page. A section of many pages shows
//! only the pages around the current one and a link to the section, so a
//! page's size does not grow with its section's; the whole list of each
//! such section is in one shared script per language
//! (`_uprkit/nav.<lang>.js`), with which the page script completes the
//! list. Without JavaScript the section page lists every page.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::output::{data_script, Contents, OutputFile};
use crate::engine::site::{Entry, LanguageSite, Site};
use crate::engine::templates::context::NavItem;
use crate::engine::templates::{Theme, THEME_OUTPUT_DIR};

/// A section with at most this many pages shows them all.
pub const FULL_LIST: usize = 30;
/// Otherwise, this many pages on each side of the current one.
pub const WINDOW: usize = 6;

/// Which navigation a page shows: its language, how deep it is (links are
/// relative), which sections are open and, in long sections, where the
/// window of pages shown starts. Pages sharing a key share the rendered
/// navigation, so a section of twenty pages renders it once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NavKey {
    pub language: usize,
    pub depth: usize,
    /// Entries shown open, the page's own section first.
    pub open: Vec<usize>,
    /// For each open entry with more than [`FULL_LIST`] children: (entry,
    /// first child shown).
    pub windows: Vec<(usize, usize)>,
}

/// The navigation key of the entry at `index`.
pub fn key(language: usize, entries: &[Entry], index: usize) -> NavKey {
    let mut open = Vec::new();
    let mut current = Some(index).filter(|&i| !entries[i].children.is_empty()).or(entries[index].parent);
    while let Some(i) = current {
        open.push(i);
        current = entries[i].parent;
    }
    let mut windows = Vec::new();
    for (k, &section) in open.iter().enumerate() {
        let children = &entries[section].children;
        if children.len() <= FULL_LIST {
            continue;
        }
        // The child on the way down to the page (or the page itself).
        let below = if k > 0 { Some(open[k - 1]) } else { Some(index).filter(|&i| i != section) };
        let focus = below.and_then(|b| children.iter().position(|&c| c == b)).unwrap_or(0);
        let first = focus.saturating_sub(WINDOW).min(children.len() - (2 * WINDOW + 1).min(children.len()));
        windows.push((section, first));
    }
    NavKey { language, depth: entries[index].depth, open, windows }
}

/// The key of a generated page: nothing open.
pub fn generated_key(language: usize, depth: usize) -> NavKey {
    NavKey { language, depth, open: Vec::new(), windows: Vec::new() }
}

/// The items the key's navigation shows: the home page's children, with
/// the children of open entries (a window of them in long sections).
pub fn items(theme: &Theme, language: &LanguageSite, key: &NavKey) -> Vec<NavItem> {
    language.entries[0].children.iter().map(|&child| item(theme, language, key, child)).collect()
}

fn item(theme: &Theme, language: &LanguageSite, key: &NavKey, index: usize) -> NavItem {
    let entry = &language.entries[index];
    let mut item = NavItem::leaf(theme, language, index);
    if !key.open.contains(&index) {
        return item;
    }
    let children = &entry.children;
    let shown = match key.windows.iter().find(|(section, _)| *section == index) {
        Some(&(_, first)) => {
            item.total = Some(children.len());
            &children[first..(first + 2 * WINDOW + 1).min(children.len())]
        }
        None => &children[..],
    };
    item.children = shown.iter().map(|&child| self::item(theme, language, key, child)).collect();
    item
}

/// `_uprkit/nav.<lang>.js` for each language with a long section: every
/// page of each such section, by the section's href, for the page script.
pub fn files(site: &Site) -> Vec<OutputFile> {
    site.languages
        .iter()
        .filter_map(|language| {
            let sections: BTreeMap<&str, Vec<NavPage>> = language
                .entries
                .iter()
                .filter(|entry| entry.children.len() > FULL_LIST)
                .map(|entry| {
                    let pages = entry
                        .children
                        .iter()
                        .map(|&child| {
                            let child = &language.entries[child];
                            NavPage {
                                href: &child.href,
                                title: &child.page.front.title,
                                lang: child.is_fallback.then_some(child.page.lang.as_str()),
                            }
                        })
                        .collect();
                    (entry.href.as_str(), pages)
                })
                .collect();
            if sections.is_empty() {
                return None;
            }
            Some(OutputFile {
                path: format!("{THEME_OUTPUT_DIR}/nav.{}.js", language.lang),
                contents: Contents::Bytes(data_script("uprkitNav", &sections).into_bytes()),
            })
        })
        .collect()
}

/// A page of a long section's list, in `window.uprkitNav`.
#[derive(Serialize)]
struct NavPage<'a> {
    /// From the site's root.
    href: &'a str,
    title: &'a str,
    /// The language the page is shown in, where it is not translated.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

/// The entries of `language` on which the title or summary of the entry
/// at `index` shows: itself; its ancestors, which list their children;
/// its descendants, whose breadcrumbs name it; its neighbours in reading
/// order (previous, next); and the pages whose navigation lists it.
pub fn showing(language: &LanguageSite, index: usize) -> std::collections::HashSet<usize> {
    let entries = &language.entries;
    let mut pages = std::collections::HashSet::from([index]);
    let ancestors = |i: usize| std::iter::successors(entries[i].parent, |&p| entries[p].parent);
    pages.extend(ancestors(index));
    pages.extend(index.checked_sub(1));
    pages.extend(Some(index + 1).filter(|&i| i < entries.len()));
    let parent = entries[index].parent;
    for page in 0..entries.len() {
        if ancestors(page).any(|a| a == index) {
            pages.insert(page);
            continue;
        }
        // In the navigation: the home page's children on every page; others
        // where their parent is open, and in a long section, in the window.
        let listed = match parent {
            None => false,
            Some(0) => true,
            Some(section) => {
                let key = key(0, entries, page);
                key.open.contains(&section)
                    && match key.windows.iter().find(|(open, _)| *open == section) {
                        None => true,
                        Some(&(_, first)) => {
                            let position = entries[section].children.iter().position(|&c| c == index).unwrap_or(0);
                            (first..first + 2 * WINDOW + 1).contains(&position)
                        }
                    }
            }
        };
        if listed {
            pages.insert(page);
        }
    }
    pages
}

/// Marks the link to the current page in a shared navigation.
pub fn mark_current(nav: &str, root: &str, href: &str) -> String {
    let needle = format!("href=\"{root}{href}\"");
    match nav.find(&needle) {
        Some(at) => {
            let end = at + needle.len();
            format!("{} aria-current=\"page\"{}", &nav[..end], &nav[end..])
        }
        None => nav.to_string(),
    }
}
