//! `_uprkit/uprkit.js`, the page script every page loads: the theme's core
//! and the part of each feature that has one ([`Script`]), in the order
//! the features are registered, in one file, so that a guide opened from
//! `file://` needs no build step and no module loader. Each part is a file
//! of the theme's `static/`, which a site's theme overrides file by file.
//! The files' comments, written for the theme's readers, are left out of
//! the file every page loads (a typical page is under 30 KB compressed).
//!
//! [`Script`]: crate::engine::feature::Script

use std::path::PathBuf;

use crate::engine::error::{Diagnostic, Error, Location, Result};
use crate::engine::feature::Features;
use crate::engine::templates::Theme;

/// What every page script starts with: the store's operations (which
/// `store.html` loads too), the core the parts share, the engine's part.
pub const CORE: [&str; 3] = ["store.js", "scripts/core.js", "scripts/page.js"];

/// The page script's name in the theme's output folder.
pub const SCRIPT: &str = "uprkit.js";

/// The folder of the parts: its files are in `uprkit.js`, not published
/// one by one.
pub const PARTS_DIR: &str = "scripts/";

/// The page script: the core, the features' parts, then the line that
/// starts them once all are there. A theme with a whole `uprkit.js` of its
/// own (as themes had before the parts) gets it as it is.
pub fn page_script(theme: &Theme, features: &Features) -> Result<String> {
    if let Some(whole) = theme.static_files.get(SCRIPT) {
        return Ok(String::from_utf8_lossy(whole).into_owned());
    }
    let parts = features.declarations().filter_map(|(_, declared)| declared.script.file);
    let mut script = String::new();
    for name in CORE.into_iter().chain(parts) {
        let Some(text) = theme.static_files.get(name) else {
            let location = Location::file(PathBuf::from("static").join(name));
            return Err(Error::one(Diagnostic::new(location, "the theme lacks this part of the page script")));
        };
        script.push_str(&without_comment_lines(&String::from_utf8_lossy(text), true));
        if !script.ends_with('\n') {
            script.push('\n');
        }
    }
    script.push_str("uprkit.start();\n");
    Ok(script)
}

/// `text` without its comment lines: comments that start a line with
/// `/*` (after spaces), to their `*/` (what follows it on its line stays),
/// and, with `slashes` (a script), lines that start with `//`. A comment
/// after code on a line stays: only a parser could tell it from a string or
/// a regular expression. The lines kept are kept byte for byte. Used for
/// the page script and the theme's stylesheets, written for the theme's
/// readers and loaded by every page.
pub(super) fn without_comment_lines(text: &str, slashes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_comment = false;
    for line in text.split_inclusive('\n') {
        let mut rest = line;
        if !in_comment && rest.trim_start().starts_with("/*") {
            in_comment = true;
            rest = &rest.trim_start()[2..];
        }
        if in_comment {
            match rest.find("*/") {
                Some(end) => {
                    in_comment = false;
                    rest = &rest[end + 2..];
                    if rest.trim().is_empty() {
                        continue;
                    }
                }
                None => continue,
            }
        }
        if slashes && rest.trim_start().starts_with("//") {
            continue;
        }
        out.push_str(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_lines_go_and_code_stays() {
        let script = "/* the file's\n   opening comment */\nvar a = \"http://x\"; // kept: after code\n  // a line comment\n  /* one line */ var b = /\\/*/;\nvar c = 1;";
        assert_eq!(
            without_comment_lines(script, true),
            "var a = \"http://x\"; // kept: after code\n var b = /\\/*/;\nvar c = 1;"
        );
    }
}
