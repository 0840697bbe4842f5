//! Where links lead in a document: pages in it become in-document anchors,
//! other pages go to the online guide (or to the contents, without
//! `base_url`), assets become data URIs, and the glossary printed at the
//! end is an anchor.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Mutex;

use base64::Engine as _;

use super::section_id;
use crate::engine::config::Config;
use crate::engine::markdown::LinkResolver;
use crate::engine::site::{slug_of, LanguageSite, Site};

/// Links from a page in a document: pages in it become in-document anchors,
/// other pages go to the online guide (or to the contents, without
/// `base_url`), assets become data URIs.
pub(super) struct DocumentLinks<'h> {
    pub(super) config: &'h Config,
    /// The address and language of the glossary printed at the end, if any.
    pub(super) glossary: Option<(&'static str, &'h str)>,
    pub(super) site: &'h Site<'h>,
    pub(super) language: &'h LanguageSite<'h>,
    pub(super) included: &'h HashSet<&'h str>,
    pub(super) assets: &'h BTreeSet<String>,
    pub(super) data_uris: &'h Mutex<HashMap<String, String>>,
}

impl LinkResolver for DocumentLinks<'_> {
    fn page(&self, content_path: &str) -> Option<(String, String)> {
        self.page_at(&slug_of(self.config, content_path))
    }

    fn reader_lang(&self) -> &str {
        &self.language.lang
    }

    fn page_at(&self, slug: &str) -> Option<(String, String)> {
        let slug = slug.to_string();
        let entry = self.language.get(&slug)?;
        let target = if self.included.contains(slug.as_str()) {
            format!("#{}", section_id(&slug))
        } else {
            match &self.config.base_url {
                Some(base) => format!("{base}/{}", entry.href),
                None => "#toc".to_string(),
            }
        };
        Some((target, slug))
    }

    fn asset(&self, content_path: &str) -> Option<String> {
        if !self.assets.contains(content_path) {
            return None;
        }
        let mut cache = self.data_uris.lock().expect("no panics while holding the lock");
        if let Some(uri) = cache.get(content_path) {
            return Some(uri.clone());
        }
        let bytes = std::fs::read(self.config.content_dir.join(content_path)).ok()?;
        let uri =
            format!("data:{};base64,{}", mime(content_path), base64::engine::general_purpose::STANDARD.encode(bytes));
        cache.insert(content_path.to_string(), uri.clone());
        Some(uri)
    }

    fn with_anchor(&self, href: &str, anchor: &str) -> String {
        match href.strip_prefix("#p-") {
            Some(_) => format!("{href}--{anchor}"),
            None if href == "#toc" => href.to_string(),
            None => format!("{href}#{anchor}"),
        }
    }

    /// The document prints one glossary itself: the terms of its language
    /// are anchors in it. Other generated pages are online only.
    fn generated(&self, slug: &str, lang: &str) -> Option<String> {
        match (slug, &self.config.base_url) {
            _ if self.glossary.is_some_and(|(glossary, _)| glossary == slug) => {
                (self.glossary.map(|(_, glossary_lang)| glossary_lang) == Some(lang)).then(String::new)
            }
            (_, Some(base)) => Some(format!("{base}/{}", self.site.urls.page(slug, lang))),
            (_, None) => Some("#toc".to_string()),
        }
    }
}

fn mime(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).as_deref() {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}
