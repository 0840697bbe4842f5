//! Audiences: the actors a page speaks to (`audience: [cso, nhri]` in its
//! front matter) shown as badges (`page.audience`) that lead to a page per
//! audience listing every page for it (`audience/<id>/`). Translations that
//! do not list an audience have their source's.

use serde::Serialize;

use crate::engine::config::Config;
use crate::engine::error::Result;
use crate::engine::feature::{value, BuildContext, ContextMap, Feature, GeneratedPage, PageInput};
use crate::engine::i18n::UiStrings;
use crate::engine::i18n::{string_or, ui};
use crate::engine::templates::context::NavItem;

/// Pages for one audience are published under `audience/<id>`.
pub const DIR: &str = "audience";

/// An audience's name in `lang`: as uprkit.yaml names it there (or for
/// every language, or in the default language), else as the theme does
/// (`audience_<id>`), else its id.
pub fn name(config: &Config, strings: &UiStrings, id: &str, lang: &str) -> String {
    let names = config.audience(id).map(|audience| &audience.names);
    let default = &config.default_language().code;
    names
        .and_then(|names| names.get(lang).or_else(|| names.get("*")).or_else(|| names.get(default)))
        .cloned()
        .unwrap_or_else(|| string_or(strings, &format!("audience_{id}"), id))
}

/// An actor a page speaks to, with its name in the reader's language.
#[derive(Debug, Serialize)]
pub struct AudienceView {
    pub id: String,
    pub name: String,
    /// The page listing every page for this audience.
    pub href: String,
}

pub struct Audiences;

impl Feature for Audiences {
    fn name(&self) -> &'static str {
        "audiences"
    }

    fn reserved_slugs(&self) -> &'static [&'static str] {
        &[DIR]
    }

    fn page_context(&self, build: &BuildContext, page: &PageInput, out: &mut ContextMap) {
        let language = &build.site.languages[page.language];
        let strings = &build.theme.strings[&language.lang];
        let audience: Vec<AudienceView> = match page.entry {
            Some((entry, _)) => entry
                .audience()
                .iter()
                .map(|id| AudienceView {
                    id: id.clone(),
                    name: name(build.config, strings, id, &language.lang),
                    href: build.site.urls.page(&format!("{DIR}/{id}"), &language.lang),
                })
                .collect(),
            None => Vec::new(),
        };
        out.insert("audience", value(audience));
    }

    fn page_data_keys(&self) -> &'static [&'static str] {
        &["listing"]
    }

    /// A page per audience that some page speaks to, in every language.
    fn pages(&self, build: &BuildContext) -> Result<Vec<GeneratedPage>> {
        if !build.scope.includes(self.name()) {
            return Ok(Vec::new());
        }
        let mut pages = Vec::new();
        for (index, language) in build.site.languages.iter().enumerate() {
            let strings = &build.theme.strings[&language.lang];
            let audiences = build.config.audiences.iter().map(|audience| audience.id.as_str());
            let used: Vec<&str> =
                audiences.filter(|id| language.entries.iter().any(|e| e.audience().iter().any(|a| a == id))).collect();
            for id in used {
                let name = name(build.config, strings, id, &language.lang);
                let listing: Vec<NavItem> = language
                    .entries
                    .iter()
                    .enumerate()
                    .filter(|(_, entry)| entry.audience().iter().any(|a| a == id))
                    .map(|(i, _)| NavItem::leaf(build.theme, language, i))
                    .collect();
                let title = ui(strings, "for_audience").replace("{audience}", &name);
                pages.push(
                    GeneratedPage::new(build.site, index, format!("{DIR}/{id}"), "audience", title)
                        .with("listing", value(listing)),
                );
            }
        }
        Ok(pages)
    }
}
