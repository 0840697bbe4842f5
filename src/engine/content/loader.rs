//! Walks `content/` in sorted order, reads each file once and parses pages in
//! parallel. The only place that reads content from the disk.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::engine::config::Config;
use crate::engine::content::page::Page;
use crate::engine::error::{Diagnostic, Error, Location, Result};

/// A file beside the pages (image, PDF, …), copied to the same relative path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Relative to `content/`, with `/` separators.
    pub rel_path: String,
    pub path: PathBuf,
}

#[derive(Debug, Default)]
pub struct Loaded {
    /// Sorted by slug, then language.
    pub pages: Vec<Page>,
    /// Sorted by path.
    pub assets: Vec<Asset>,
    /// What the author should know without the build failing.
    pub warnings: Vec<Diagnostic>,
}

/// Files we never publish: hidden files, editors' backup and swap files,
/// and the lock files Word and Excel keep beside an open document.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// Reads every page and lists every asset under `content/`. All problems are
/// gathered, so one build reports every broken file at once.
pub fn load(config: &Config, include_drafts: bool) -> Result<Loaded> {
    let content_dir = &config.content_dir;
    if !content_dir.is_dir() {
        return Err(Error::one(
            Diagnostic::new(Location::file(content_dir), "the content folder is missing")
                .with_help("create `content/` with an `_index.md` home page beside uprkit.yaml"),
        ));
    }
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut look_alikes = Vec::new();
    let walker = walkdir::WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_ignored(&entry.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(content_dir).to_path_buf();
            Error::Io { action: "cannot read", source: error.into(), path }
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel_path = relative(content_dir, entry.path());
        if rel_path.ends_with(".md") {
            markdown.push((rel_path, entry.into_path()));
        } else if let Some(left_out) = page_look_alike(&rel_path) {
            // Never copied as it is: a page's text may hold facilitator notes.
            look_alikes.push(left_out);
        } else if !is_reserved(&rel_path) {
            assets.push(Asset { rel_path, path: entry.into_path() });
        }
    }

    let parsed: Vec<Result<Page, Vec<Diagnostic>>> = markdown
        .par_iter()
        .map(|(rel_path, path)| {
            let source = Path::new("content").join(rel_path);
            let bytes = std::fs::read(path).map_err(|error| {
                vec![Diagnostic::new(Location::file(&source), format!("cannot read the file: {error}"))]
            })?;
            let text = utf8(&source, bytes).map_err(|problem| vec![problem])?;
            Page::parse(rel_path, &source, &text, config)
        })
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    let mut problems = Vec::new();
    for result in parsed {
        match result {
            Ok(page) => pages.push(page),
            Err(found) => problems.extend(found),
        }
    }
    if !include_drafts {
        // A draft is held back in every language: a translation written by
        // hand follows its source's `draft:`, as one made from a PO file does.
        let default = &config.default_language().code;
        let drafts: std::collections::HashSet<String> = pages
            .iter()
            .filter(|page| page.front.draft && page.lang == *default)
            .map(|page| page.slug.clone())
            .collect();
        pages.retain(|page| !page.front.draft && !drafts.contains(&page.slug));
    }
    pages.sort_by(|a, b| (&a.slug, &a.lang).cmp(&(&b.slug, &b.lang)));
    for pair in pages.windows(2) {
        if pair[0].slug == pair[1].slug && pair[0].lang == pair[1].lang {
            problems.push(
                Diagnostic::new(
                    Location::file(&pair[1].source),
                    format!("this page and {} have the same address", pair[0].source.display()),
                )
                .with_help("both would be published at the same path in the same language: rename or remove one"),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    let mut warnings: Vec<Diagnostic> = pages.iter().filter_map(unclean_name).collect();
    warnings.extend(look_alikes);
    Ok(Loaded { pages, assets, warnings })
}

/// A file of `content/` that looks like a page but is not one (only
/// `.md`, in small letters, is): the warning that it is left out of the
/// site. Such a file is never copied as a file of the site: a page's text,
/// or a copy of it that an editor or a merge left behind, may hold
/// facilitator notes.
fn page_look_alike(rel_path: &str) -> Option<Diagnostic> {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let lower = name.to_ascii_lowercase();
    let (stem, extension) = lower.rsplit_once('.')?;
    let source = Path::new("content").join(rel_path);
    let page_name = |stem: &str| format!("{}.md", &name[..stem.len()]);
    let (message, help) = if extension == "md" {
        (
            "this page is left out of the site: a page's file name ends in `.md`, in small letters".to_string(),
            format!("rename it {} to publish it", page_name(stem)),
        )
    } else if matches!(extension, "markdown" | "mdown" | "mkd" | "mkdn" | "mdwn") {
        (
            "this page is left out of the site: pages are `.md` files".to_string(),
            format!("rename it {} to publish it", page_name(stem)),
        )
    } else if let Some(at) = lower.find(".md.") {
        (
            "this file is left out of the site: it looks like a copy of a page (an editor's backup, a merge's leftover or a page saved as another kind of file), and a page's text may hold facilitator notes".to_string(),
            format!("if it is the page, rename it {}; if it is a copy, delete it or keep it outside content/", page_name(&lower[..at])),
        )
    } else {
        return None;
    };
    Some(Diagnostic::new(Location::file(source), message).with_help(help))
}

/// A file whose name has spaces or capitals, published at a clean address.
fn unclean_name(page: &Page) -> Option<Diagnostic> {
    let rel = page.source.strip_prefix("content").unwrap_or(&page.source).to_string_lossy().replace('\\', "/");
    let clean = crate::engine::content::page::clean_address(&rel);
    if clean == rel {
        return None;
    }
    let address = if page.slug.is_empty() { String::from("the home page") } else { format!("{}/", page.slug) };
    Some(
        Diagnostic::new(
            Location::file(&page.source),
            format!("the file name has spaces or capital letters: the page is published at {address}"),
        )
        .with_help(format!("rename it content/{clean} to match its address; links written to either name work")),
    )
}

/// Files in `content/` with a meaning of their own, never copied as assets.
fn is_reserved(rel_path: &str) -> bool {
    !rel_path.contains('/') && rel_path.starts_with("glossary") && rel_path.ends_with(".yaml")
}

fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Decodes UTF-8, or says where the first bad byte is.
pub fn utf8(source: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|error| {
        Diagnostic::new(crate::engine::error::utf8_location(source, &error), "the file is not valid UTF-8")
            .with_help("open it in your editor and save it with the UTF-8 encoding")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_line_of_a_bad_byte() {
        let error = utf8(Path::new("p.md"), b"---\ntitle: Caf\xe9\n".to_vec()).unwrap_err();
        assert_eq!(error.location.to_string(), "p.md:2:11");
    }

    #[test]
    fn ignores_editor_files() {
        assert!(is_ignored(".page.md.swp") && is_ignored("page.md~") && is_ignored("#page.md#"));
        assert!(!is_ignored("page.md"));
        assert!(is_ignored("~$agenda.docx"));
    }

    #[test]
    fn a_page_in_another_case_or_kind_of_file_is_named_and_left_out() {
        let said = |rel: &str| page_look_alike(rel).map(|d| (d.location.to_string(), d.help.unwrap_or_default()));
        let (at, help) = said("preparation/Notes.MD").unwrap();
        assert_eq!(at, "content/preparation/Notes.MD");
        assert!(help.contains("rename it Notes.md"), "{help}");
        assert!(said("a/notes.markdown").unwrap().1.contains("rename it notes.md"));
        for copy in ["notes.md.txt", "notes.md.bak", "Notes.MD.orig", "ملاحظات.md.txt"] {
            let (_, help) = said(copy).unwrap_or_else(|| panic!("{copy} is let through"));
            assert!(help.contains("if it is a copy"), "{copy}: {help}");
        }
        assert!(said("ملاحظات.md.txt").unwrap().1.contains("rename it ملاحظات.md"));
        for asset in ["map.png", "guide.pdf", "cmd.exe", "agenda.docx", "README", "md.txt"] {
            assert!(said(asset).is_none(), "{asset} is an asset");
        }
    }
}
