//! Audiences: the actors a page speaks to (`audience: [cso, nhri]` in its
//! front matter) shown as badges (`page.audience`) that lead to a page per
//! audience listing every page for it (`audience/<id>/`). Translations that
//! do not list an audience have their source's.

use serde::Serialize;

use crate::engine::error::Result;
use crate::engine::feature::{
    value, ContextMap, Declaration, Feature, GeneratedPage, LanguageContext, PageInput, PageKind, Stale,
};
use crate::engine::i18n::ui;
use crate::engine::templates::context::NavItem;

/// Pages for one audience are published under `audience/<id>`.
pub const DIR: &str = "audience";

pub use crate::engine::config::audience_name as name;

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

    fn declaration(&self) -> Declaration {
        Declaration {
            pages: &[PageKind { slug: DIR, data_key: "listing" }],
            stale: Stale { front_matter: &["audience"], titles: true, page_data: false, on_demand: false },
            ..Declaration::NONE
        }
    }

    fn page_context(&self, cx: &LanguageContext, page: &PageInput, out: &mut ContextMap) {
        let (build, language, strings) = (cx, cx.language, cx.strings);
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

    /// A page per audience that some page speaks to.
    fn pages(&self, cx: &LanguageContext) -> Result<Vec<GeneratedPage>> {
        let build = cx;
        let mut pages = Vec::new();
        {
            let (language, strings) = (cx.language, cx.strings);
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
                    GeneratedPage::new(cx, format!("{DIR}/{id}"), "audience", title)
                        .described(ui(strings, "audience_intro"))
                        .with("listing", value(listing)),
                );
            }
        }
        Ok(pages)
    }
}
