//! uprkit turns a folder of Markdown guidance on the UN Universal Periodic
//! Review into a multilingual static site. Two layers:
//!
//! - [`engine`]: configuration, content, Markdown, templates, site assembly,
//!   output, the pipeline ([`engine::pipeline`]) and the dev server;
//! - [`features`]: phases, checklists, key dates, audiences, glossary,
//!   search, handouts and zips, lint and translation status, each plugged
//!   into the engine through [`engine::feature::Feature`] and listed in
//!   [`features::registry`].

pub mod cli;
pub mod engine;
pub mod features;
pub mod manual;
pub mod scaffold;
