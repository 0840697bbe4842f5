//! The features: what uprkit does for UPR guides beyond turning Markdown
//! into pages. Each is one folder that implements the engine's
//! [`Feature`](crate::engine::feature::Feature) hooks and owns its generated
//! pages, its part of the template context, its checks and its tests (its
//! templates, styles and script live with the rest of the theme in
//! `themes/default/`, so a site can override them like any other).
//!
//! Adding a feature: a folder here, and one line in [`registry`].

pub mod audiences;
pub mod brand;
pub mod checklists;
pub mod facilitator;
pub mod feedback;
pub mod glossary;
pub mod handouts;
pub mod key_dates;
pub mod lint;
pub mod phases;
pub mod quick_exit;
pub mod recommendations;
pub mod search;
pub mod slides;
pub mod translations;
pub mod workshops;

use crate::engine::feature::{Feature, Features, Output};

/// Every feature, and the outputs over the documents. The features' order
/// is the order `check` lists what each finds (pages to translate before
/// the glossary) and the order they load (translations, which make
/// glossaries from PO files, before the glossary); their Markdown passes
/// run in the order each pass's `after` declares.
pub fn registry() -> Features {
    let features: Vec<Box<dyn Feature>> = vec![
        Box::new(brand::BrandFeature::default()),
        Box::new(phases::Phases),
        Box::new(translations::Translations),
        // Before checklists and search: a note left out is never indexed.
        Box::new(facilitator::Facilitator::default()),
        Box::new(slides::Slides),
        Box::new(checklists::Checklists),
        Box::new(search::Search),
        // Before the glossary links terms: it reads a page's first paragraph as written.
        Box::new(lint::Lint),
        Box::new(glossary::GlossaryFeature::default()),
        Box::new(audiences::Audiences),
        Box::new(key_dates::KeyDates::default()),
        Box::new(handouts::Handouts::default()),
        Box::new(quick_exit::QuickExit::default()),
        Box::new(feedback::Feedback::default()),
        Box::new(recommendations::Recommendations::default()),
        Box::new(workshops::Workshops::default()),
    ];
    // The outputs over each language's document.
    let outputs: Vec<Box<dyn Output>> = vec![Box::new(handouts::HandoutFiles), Box::new(handouts::PdfFiles)];
    Features::new(features, outputs)
}
