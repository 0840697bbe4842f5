//! Links between pages: a relative target (`../review/dialogue.md#webcast`)
//! becomes the href of that page, or of that file, in the reader's
//! language, and the anchor to check once every page is rendered; a link to
//! nothing is an error with its line. `@/` starts a target at the site's
//! root: `@/review/dialogue.md` is a file of `content/`, `@/checklists` or
//! `@/review` the page at that address, generated ones included. External
//! targets and email addresses are left alone; a root-absolute `/...` one
//! too, with a warning, as it breaks from `file://`.

use pulldown_cmark::CowStr;

use super::{AnchorRef, GeneratedRef, PageRender};
use crate::engine::error::{Diagnostic, Location};

impl PageRender<'_> {
    /// A relative target → the href of the page or asset it names in the
    /// current language. External and absolute targets are left alone.
    pub(super) fn resolve<'e>(&mut self, dest: CowStr<'e>, offset: usize, is_image: bool) -> CowStr<'e> {
        if dest.is_empty() || is_external(&dest) {
            return dest;
        }
        let line = self.lines.line(offset);
        if let Some(rooted) = dest.strip_prefix("@/") {
            if !rooted.split('#').next().unwrap_or("").ends_with(".md") {
                return self.resolve_address(&dest, rooted, line);
            }
        } else if dest.starts_with('/') {
            if !dest.starts_with("//") {
                self.out.warnings.push(
                    Diagnostic::new(
                        Location::at(self.source, line, None),
                        format!("the link `{dest}` starts at the root of a web server: it breaks when the guide is opened from a folder or a USB stick, and always leads to the default language"),
                    )
                    .with_help(format!("write `@{dest}` for a page of this guide, in the reader's language")),
                );
            }
            return dest;
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (&*dest, None),
        };
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        if path.is_empty() {
            if let Some(anchor) = anchor {
                let slug = self.options.slug.to_string();
                self.out.anchor_refs.push(AnchorRef { slug, anchor: anchor.to_string(), line });
                if !self.options.id_prefix.is_empty() {
                    return format!("#{}{anchor}", self.options.id_prefix).into();
                }
            }
            return dest;
        }
        let (dir, path) = match path.strip_prefix("@/") {
            Some(rooted) => ("", rooted),
            None => (self.options.dir, &*path),
        };
        let Some(target) = join(dir, path) else {
            self.broken(line, &dest, "it points above the content folder");
            return dest;
        };
        if target.ends_with(".md") && !is_image {
            match self.options.links.page(&target) {
                Some((href, slug)) => {
                    if let Some(anchor) = anchor.filter(|anchor| !anchor.is_empty()) {
                        self.out.anchor_refs.push(AnchorRef { slug, anchor: anchor.to_string(), line });
                        return self.options.links.with_anchor(&href, anchor).into();
                    }
                    href.into()
                }
                None => {
                    let paths = self.options.links.page_paths();
                    let why = match crate::engine::error::did_you_mean(&target, paths.iter().map(String::as_str)) {
                        Some(_) => {
                            let near = paths
                                .iter()
                                .max_by(|a, b| {
                                    strsim::jaro_winkler(&target, a).total_cmp(&strsim::jaro_winkler(&target, b))
                                })
                                .expect("a suggestion came from the list");
                            let written =
                                if dest.starts_with("@/") { format!("@/{near}") } else { relative_to(dir, near) };
                            // A path with spaces is written in angle brackets in Markdown.
                            let written = if written.contains(' ') { format!("<{written}>") } else { written };
                            format!("there is no page content/{target} (did you mean `{written}`?)")
                        }
                        None => format!("there is no page content/{target}"),
                    };
                    self.broken(line, &dest, &why);
                    dest
                }
            }
        } else {
            match self.options.links.asset(&target) {
                Some(href) => match anchor {
                    Some(anchor) => format!("{href}#{anchor}").into(),
                    None => href.into(),
                },
                None if is_image => {
                    let folder = target.rsplit_once('/').map_or(String::new(), |(folder, _)| format!("{folder}/"));
                    self.problems.push(
                        Diagnostic::new(
                            Location::at(self.source, line, None),
                            format!("missing image `{dest}`: there is no file content/{target}"),
                        )
                        .with_help(format!(
                            "put the image in content/{folder}, or write where it is from this page, e.g. `../images/map.png`; names are case-sensitive once published"
                        )),
                    );
                    dest
                }
                None => {
                    self.broken(line, &dest, &format!("there is no file content/{target}"));
                    dest
                }
            }
        }
    }

    /// `@/review`, `@/checklists#preparation`: the page at that address in
    /// the reader's language; one that no author wrote must be generated.
    fn resolve_address<'e>(&mut self, dest: &str, rooted: &str, line: usize) -> CowStr<'e> {
        let (address, anchor) = match rooted.split_once('#') {
            Some((address, anchor)) => (address, Some(anchor).filter(|anchor| !anchor.is_empty())),
            None => (rooted, None),
        };
        let slug = address.trim_matches('/');
        if let Some((href, slug)) = self.options.links.page_at(slug) {
            return match anchor {
                Some(anchor) => {
                    self.out.anchor_refs.push(AnchorRef { slug, anchor: anchor.to_string(), line });
                    self.options.links.with_anchor(&href, anchor).into()
                }
                None => href.into(),
            };
        }
        // A generated page in the reader's language; with an anchor (a
        // glossary term), in the language the text is written in, whose
        // page has that anchor (they differ on a page not yet translated).
        let links = self.options.links;
        let lang = if anchor.is_some() { self.options.lang } else { links.reader_lang() };
        match links.generated(slug, lang) {
            Some(href) => {
                self.out.generated_refs.push(GeneratedRef {
                    dest: dest.to_string(),
                    slug: slug.to_string(),
                    lang: lang.to_string(),
                    anchor: anchor.map(str::to_string),
                    line,
                });
                match anchor {
                    Some(anchor) if !href.starts_with('#') => format!("{href}#{anchor}").into(),
                    // The page is part of this document (a handout's glossary).
                    None if href.is_empty() => format!("#{slug}").into(),
                    _ => href.into(),
                }
            }
            // Not in this document in the text's language (a handout prints
            // the glossary of its own): the reader's one, or the contents.
            None => match links.generated(slug, links.reader_lang()) {
                Some(href) if href.is_empty() => format!("#{slug}").into(),
                Some(href) => href.into(),
                None => "#toc".into(),
            },
        }
    }

    fn broken(&mut self, line: usize, dest: &str, why: &str) {
        self.problems.push(
            Diagnostic::new(Location::at(self.source, line, None), format!("broken link `{dest}`: {why}"))
                .with_help("link to a file relative to this one, e.g. `../review/dialogue.md#webcast`"),
        );
    }
}

pub(super) fn is_external(dest: &str) -> bool {
    let scheme = dest.split_once(':').map(|(scheme, _)| scheme);
    scheme.is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
}

/// The relative link from a page in the content folder `dir` to the
/// content path `target`: `../review/dialogue.md` from `preparation`.
fn relative_to(dir: &str, target: &str) -> String {
    let from: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// Joins a relative path to a content folder, resolving `.` and `..`; `None`
/// if it climbs out of `content/`.
pub fn join(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}
