//! uprkit turns a folder of Markdown guidance on the UN Universal Periodic
//! Review into a multilingual static site. [`build::build`] is the pipeline.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod cycle;
pub mod dates;
pub mod error;
pub mod generated;
pub mod glossary;
pub mod handout;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod progress;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod templates;
