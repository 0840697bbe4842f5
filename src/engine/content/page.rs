//! One Markdown file as a page: its identity (slug and language, from the
//! file name), its kind, its front matter and its body. Pure: no disk access.

use std::path::Path;

use crate::engine::config::Config;
use crate::engine::content::front_matter::{self, FrontMatter};
use crate::engine::error::{Diagnostic, Location};
use crate::engine::i18n::parse_tag;

/// What a page is in the site's tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// `content/_index.md`.
    Home,
    /// `<dir>/_index.md`.
    Section,
    Page,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Path for messages, relative to the toolkit root (`content/review/dialogue.fr.md`).
    pub source: std::path::PathBuf,
    /// Identity across languages: `review/dialogue`, `review` for a section, `` for home.
    pub slug: String,
    /// The language code from the file suffix, or the default language.
    pub lang: String,
    pub kind: PageKind,
    /// Content-relative folder of the file, against which its links resolve.
    pub dir: String,
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    /// Where the body's lines come from when the body is put together from
    /// other files (a translation from a PO file): what messages name.
    pub origins: Option<std::sync::Arc<Origins>>,
}

/// For a body put together from other files, each body line's origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origins {
    /// The page the untranslated lines come from (`content/review/dialogue.md`).
    pub original: std::path::PathBuf,
    /// One per line of the body, from its first.
    pub lines: Vec<Origin>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A line of [`Origins::original`].
    Original(usize),
    /// A line of the page's own `source` (the `msgstr` of a PO file).
    Own(usize),
}

impl Page {
    /// Points a place in this page's body at the file and line the text
    /// came from: a PO page's untranslated block at its source page (where
    /// that page's own build reports it once), a translated one at its msgstr.
    pub fn place(&self, location: &mut Location) {
        let Some(origins) = &self.origins else { return };
        if location.path != self.source {
            return;
        }
        let Some(line) = location.line else { return };
        match line.checked_sub(self.body_line).and_then(|index| origins.lines.get(index)) {
            Some(Origin::Original(line)) => *location = Location::at(&origins.original, *line, location.column),
            Some(Origin::Own(line)) => *location = Location::at(&self.source, *line, None),
            None => {}
        }
    }
}

impl Page {
    /// Parses one Markdown file. `rel_path` is relative to `content/` with `/`
    /// separators; `source` is what error messages show.
    pub fn parse(rel_path: &str, source: &Path, text: &str, config: &Config) -> Result<Page, Vec<Diagnostic>> {
        let (dir, file) = rel_path.rsplit_once('/').unwrap_or(("", rel_path));
        let stem = file.strip_suffix(".md").unwrap_or(file);
        let (name, lang) = split_language(stem, source, config).map_err(|problem| vec![problem])?;
        if let Some(at) = crate::engine::error::nul_location(source, text) {
            return Err(vec![Diagnostic::new(at, "the file contains a NUL character")
                .with_help("this is not plain text (was it saved from a word processor?): delete the character, or save the file again as UTF-8 text")]);
        }
        let default = &config.default_language().code;
        let lang = lang.unwrap_or(default).to_string();
        let (kind, slug) = if name == "_index" {
            (if dir.is_empty() { PageKind::Home } else { PageKind::Section }, clean_address(dir))
        } else if dir.is_empty() {
            (PageKind::Page, clean_address(name))
        } else {
            (PageKind::Page, clean_address(&format!("{dir}/{name}")))
        };
        let split = front_matter::split(source, text).map_err(|problem| vec![problem])?;
        let front = FrontMatter::parse(source, split.yaml, config, &lang == default)?;
        Ok(Page {
            source: source.to_path_buf(),
            slug,
            lang,
            kind,
            dir: dir.to_string(),
            front,
            body: split.body.to_string(),
            body_line: split.body_line,
            origins: None,
        })
    }
}

impl Page {
    /// Where the translation of this page into `lang` lives (or would live):
    /// `content/review/dialogue.fr.md`.
    pub fn translation_path(&self, lang: &str) -> std::path::PathBuf {
        let name = self.source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = name.strip_suffix(".md").unwrap_or(&name);
        self.source.with_file_name(format!("{stem}.{lang}.md"))
    }
}

/// The address of a page from its file's path: `Workshop Notes` →
/// `workshop-notes`, so that addresses have no capitals or spaces whatever
/// the file is called.
pub fn clean_address(path: &str) -> String {
    let lower = path.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for part in lower.split('/') {
        if !out.is_empty() || path.starts_with('/') {
            out.push('/');
        }
        out.push_str(&part.split_whitespace().collect::<Vec<_>>().join("-"));
    }
    out
}

/// A short fingerprint of a Markdown body, recorded as `source_hash` in a
/// translation to say which version of the source it follows. Line endings
/// and trailing spaces do not count, so re-saving a file on another system
/// does not mark its translations outdated.
pub fn body_hash(body: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for line in body.trim().lines() {
        hasher.update(line.trim_end().as_bytes());
        hasher.update(b"\n");
    }
    let digest = hasher.finalize();
    digest[..4].iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Splits `name.fr` into (`name`, `Some("fr")`). A suffix that looks like a
/// language tag but is not configured is an error, so a typo (`page.fe.md`)
/// is caught instead of publishing a stray page.
fn split_language<'a>(
    stem: &'a str,
    source: &Path,
    config: &'a Config,
) -> Result<(&'a str, Option<&'a str>), Diagnostic> {
    let Some((name, suffix)) = stem.rsplit_once('.') else {
        return Ok((stem, None));
    };
    if let Some(language) = config.language(suffix) {
        return Ok((name, Some(&language.code)));
    }
    // The code of a language of uprkit.yaml written another way (`.FR`, `.pt_BR`).
    if let Some(language) = config.languages.iter().find(|language| language.is_written_otherwise(suffix)) {
        let file = source.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let renamed = file.replacen(&format!("{name}.{suffix}."), &format!("{name}.{}.", language.code), 1);
        return Err(Diagnostic::new(
            Location::file(source),
            format!("unknown language suffix `.{suffix}`: uprkit.yaml writes this language `{}`", language.code),
        )
        .with_help(format!("rename the file {renamed}")));
    }
    let looks_like_language = parse_tag(suffix).is_some_and(|tag| tag.language.as_str().len() <= 3);
    if looks_like_language {
        let known = config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ");
        return Err(Diagnostic::new(Location::file(source), format!("unknown language suffix `.{suffix}`")).with_help(
            format!("the languages in uprkit.yaml are {known}: add `{suffix}` under `languages:` or rename the file"),
        ));
    }
    Ok((stem, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let yaml = "title: T\nlanguages:\n  en: { name: English }\n  fr: { name: Français }\n";
        Config::parse(Path::new("/s"), Path::new("uprkit.yaml"), yaml).unwrap()
    }

    fn parse(rel: &str) -> Result<Page, String> {
        Page::parse(rel, Path::new(rel), "---\ntitle: T\n---\nText", &config())
            .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    }

    #[test]
    fn identity_comes_from_the_file_name() {
        let page = parse("review/dialogue.fr.md").unwrap();
        assert_eq!((page.slug.as_str(), page.lang.as_str(), page.kind), ("review/dialogue", "fr", PageKind::Page));
        let section = parse("review/_index.md").unwrap();
        assert_eq!((section.slug.as_str(), section.lang.as_str(), section.kind), ("review", "en", PageKind::Section));
        assert_eq!(parse("_index.fr.md").unwrap().kind, PageKind::Home);
        assert_eq!(parse("notes.v2.md").unwrap().slug, "notes.v2");
    }

    #[test]
    fn body_hash_ignores_line_endings_only() {
        assert_eq!(body_hash("a\r\nb  \n"), body_hash("a\nb\n"));
        assert_ne!(body_hash("a\nb"), body_hash("a\nc"));
        assert_eq!(body_hash("x").len(), 8);
    }

    #[test]
    fn a_nul_character_is_named_with_its_place() {
        let error = Page::parse("a.md", Path::new("content/a.md"), "---\ntitle: T\n---\nText\nbad\0here", &config())
            .unwrap_err();
        assert_eq!(error[0].to_string().lines().next().unwrap(), "content/a.md:5:4: the file contains a NUL character");
    }

    #[test]
    fn unknown_language_suffix_is_an_error() {
        let error = parse("review/dialogue.de.md").unwrap_err();
        assert!(error.contains("unknown language suffix `.de`"), "{error}");
        assert!(error.contains("en, fr"), "{error}");
        let error = parse("review/dialogue.FR.md").unwrap_err();
        assert!(
            error.contains("writes this language `fr`") && error.contains("rename the file dialogue.fr.md"),
            "{error}"
        );
    }
}
