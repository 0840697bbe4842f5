//! Every integration test of uprkit, in one test binary: each module was a
//! binary of its own, and each linked the whole crate (mdBook's
//! `tests/testsuite` has the same shape). Tests run as threads of this one
//! process, so none may change the process's environment or current folder:
//! each works in its own temporary folder and runs the real `uprkit` binary
//! there (`common::uprkit`).

mod common;

mod architecture;
mod brand;
mod browser;
mod build;
mod checklists;
mod cli;
mod engines;
mod errors;
mod facilitator;
mod gettext;
mod handouts;
mod i18n;
mod manual;
mod navigation;
mod output;
mod pdf;
mod phases;
mod plan;
mod publish;
mod quality;
mod readers;
mod real_data;
mod recommendations;
mod robustness;
mod scorm;
mod scripts;
mod search;
mod serve;
mod slides;
mod spec;
mod theme;
mod workshops;
mod writing;
