//! Links between pages: a relative target (`../review/dialogue.md#webcast`)
//! becomes the href of that page, or of that file, in the reader's
//! language, and the anchor to check once every page is rendered; a link to
//! nothing is an error with its line. External and absolute targets, and
//! email addresses, are left alone.

use pulldown_cmark::CowStr;

use super::{AnchorRef, PageRender};
use crate::engine::error::{Diagnostic, Location};

impl PageRender<'_> {
    /// A relative target → the href of the page or asset it names in the
    /// current language. External and absolute targets are left alone.
    pub(super) fn resolve<'e>(&mut self, dest: CowStr<'e>, offset: usize, is_image: bool) -> CowStr<'e> {
        if dest.is_empty() || is_external(&dest) || dest.starts_with('/') {
            return dest;
        }
        let line = self.lines.line(offset);
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
        let Some(target) = join(self.options.dir, &path) else {
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
                    self.broken(line, &dest, &format!("there is no page content/{target}"));
                    dest
                }
            }
        } else {
            match self.options.links.asset(&target) {
                Some(href) => match anchor {
                    Some(anchor) => format!("{href}#{anchor}").into(),
                    None => href.into(),
                },
                None => {
                    self.broken(line, &dest, &format!("there is no file content/{target}"));
                    dest
                }
            }
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
