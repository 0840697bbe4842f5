//! The engine: what any multilingual static-site generator needs. It reads
//! the toolkit (configuration, content, theme), renders Markdown, assembles
//! the site with every page's address, applies the templates and writes the
//! output atomically, to disk or to memory for the dev server. What makes
//! uprkit a UPR tool lives in `crate::features`, plugged in through
//! [`feature::Feature`]; the engine never names a feature.
//!
//! The engine's content model is DESIGN.md's: phases order the site (and
//! every page knows its phase), front matter names a page's audiences, a
//! translation records the source version it follows. What is made from
//! them (the cycle picture, audience pages, the translation report) are
//! features.

pub mod check;
pub mod config;
pub mod content;
pub mod error;
pub mod feature;
pub mod i18n;
pub mod markdown;
pub mod nav;
pub mod output;
pub mod page_script;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod report;
pub mod serve;
pub mod shortcodes;
pub mod site;
pub mod site_files;
pub mod templates;
pub mod yaml;
