//! Copies of the built-in theme for a toolkit to change: `uprkit theme
//! eject` writes templates into the toolkit's `templates/`, each marked on
//! its first line with the uprkit version and a fingerprint of the built-in
//! text it came from, so that `check` can say when the built-in one has
//! changed since; `uprkit i18n template` writes the UI strings to translate
//! for a language the theme does not ship.

use std::path::{Path, PathBuf};

use super::DefaultTheme;
use crate::engine::error::{Diagnostic, Error, Location, Result};
use crate::engine::yaml;

/// What starts the first line of an ejected template.
const MARK: &str = "{# uprkit theme eject: ";

/// The names of the built-in templates: `base.html`, `partials/pager.html`, ...
pub fn template_names() -> Vec<String> {
    let mut names: Vec<String> =
        DefaultTheme::iter().filter_map(|name| name.strip_prefix("templates/").map(str::to_string)).collect();
    names.sort();
    names
}

fn built_in_template(name: &str) -> Option<String> {
    DefaultTheme::get(&format!("templates/{name}")).map(|file| String::from_utf8_lossy(&file.data).into_owned())
}

/// A short fingerprint of a built-in template's text.
fn fingerprint(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())[..4].iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The built-in `name` with its mark: a template comment, before the first
/// line's text so the output keeps its first line.
fn ejected_text(name: &str, text: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    format!(
        "{MARK}{name} of uprkit {version}'s default theme, fingerprint {}; `uprkit check` says when the built-in one changes. #}}{text}",
        fingerprint(text)
    )
}

/// Refuses to eject into the toolkit at `root` anywhere but a templates
/// folder (`templates/`, `themes/<name>/templates/`): in `content/` or
/// `static/` the copies would be published, elsewhere read as something
/// else or left lying around. Outside the toolkit, any folder will do.
fn check_target(into: &Path, root: &Path) -> Result<()> {
    let real = crate::engine::output::real_path(into);
    let Ok(inside) = real.strip_prefix(crate::engine::output::real_path(root)) else { return Ok(()) };
    let parts: Vec<String> = inside.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let is_templates = match parts.as_slice() {
        [first, ..] if first == "templates" => true,
        [themes, _, templates, ..] => themes == "themes" && templates == "templates",
        _ => false,
    };
    if is_templates {
        return Ok(());
    }
    let what = match parts.first().map(String::as_str) {
        None => "it is the toolkit's own folder".to_string(),
        Some(first @ ("content" | "static")) => format!("it is inside the toolkit's {first}/, which is published"),
        Some(first) if crate::engine::output::SOURCE_DIRS.contains(&first) => {
            format!("it is inside the toolkit's {first}/, which holds other sources")
        }
        Some(_) => "it is inside the toolkit but not a templates folder".to_string(),
    };
    Err(Error::Usage(format!(
        "will not eject into {}: {what}\n  help: leave out --to to write into templates/ (where copies override the built-in ones), or give a folder outside the toolkit to compare with, such as --to ../new-theme",
        into.display()
    )))
}

/// Writes the built-in templates `names` (every one if empty) under
/// `into`, never over an existing file unless `force`, and in the toolkit
/// at `root` only into a templates folder. Returns the paths written,
/// relative to `into`.
pub fn eject(into: &Path, root: &Path, names: &[String], force: bool) -> Result<Vec<PathBuf>> {
    check_target(into, root)?;
    let available = template_names();
    let mut chosen = Vec::new();
    for name in names {
        let name = name.trim_start_matches("./").trim_start_matches("templates/");
        if !available.iter().any(|known| known == name) {
            let suggestion = crate::engine::error::did_you_mean(name, available.iter().map(String::as_str))
                .map(|hint| format!(" ({hint})"))
                .unwrap_or_default();
            return Err(Error::Usage(format!(
                "the built-in theme has no template `{name}`{suggestion}; it has: {}",
                available.join(", ")
            )));
        }
        chosen.push(name.to_string());
    }
    if chosen.is_empty() {
        chosen = available;
    }
    let existing: Vec<&String> = chosen.iter().filter(|name| into.join(name).exists()).collect();
    if !existing.is_empty() && !force {
        return Err(Error::Usage(format!(
            "{} already in {}: uprkit never overwrites your templates (add --force to replace them)",
            existing.iter().map(|name| name.as_str()).collect::<Vec<_>>().join(", "),
            into.display()
        )));
    }
    let mut written = Vec::new();
    for name in chosen {
        let text = built_in_template(&name).expect("listed above");
        let path = into.join(&name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("cannot create folder", parent))?;
        }
        std::fs::write(&path, ejected_text(&name, &text)).map_err(Error::io("cannot write", &path))?;
        written.push(PathBuf::from(name));
    }
    Ok(written)
}

/// Warnings for the templates under `root/templates/` ejected from a
/// built-in one that has changed since.
pub fn outdated(root: &Path) -> Vec<Diagnostic> {
    let Ok(files) = super::files_under(&root.join("templates")) else { return Vec::new() };
    let mut warnings = Vec::new();
    for (rel, path) in files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let Some(rest) = text.strip_prefix(MARK) else { continue };
        let Some((name, rest)) = rest.split_once(" of uprkit ") else { continue };
        let Some((version, rest)) = rest.split_once("'s default theme, fingerprint ") else { continue };
        let recorded: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
        let Some(built_in) = built_in_template(name) else { continue };
        if fingerprint(&built_in) != recorded {
            let display = Path::new("templates").join(&rel);
            let now = env!("CARGO_PKG_VERSION");
            warnings.push(
                Diagnostic::new(
                    Location { path: display, line: Some(1), column: None },
                    format!("this copy of {name} was ejected from uprkit {version}; the built-in {name} has changed since (this is uprkit {now})"),
                )
                .with_help(format!(
                    "to see what changed, run `uprkit theme eject {name} --to ../new-theme`; carry your changes over into that copy, and put it here"
                )),
            );
        }
    }
    warnings
}

/// `i18n/LANG.yaml` for a language the theme does not ship: every UI
/// string key, empty, under its English text as a comment. Empty strings
/// count as untranslated (shown in the default language, listed by `check`).
pub fn strings_template(lang: &str, language_name: &str) -> Result<String> {
    if DefaultTheme::get(&format!("i18n/{lang}.yaml")).is_some() {
        return Err(Error::Usage(format!(
            "the theme already has its strings in `{lang}`: to change a few, write only those keys in i18n/{lang}.yaml"
        )));
    }
    let english = DefaultTheme::get("i18n/en.yaml").expect("the theme ships English");
    let english = String::from_utf8_lossy(&english.data);
    let table: indexmap::IndexMap<String, String> = yaml::from_str(&english).expect("the built-in strings parse");
    let mut out = format!(
        "# The words of uprkit's pages (menus, buttons, notices) in {language_name} ({lang}).\n\
         # Write each translation after its key's colon, on the same line; quote it\n\
         # (\"...\") if it contains a colon or starts with a quote or bracket. Keep\n\
         # {{language}}, {{total}} and other words in braces as they are: uprkit fills\n\
         # them in. A key left empty is shown in the default language until then;\n\
         # `uprkit check` lists them.\n"
    );
    for (key, text) in table {
        out.push_str(&format!("\n# English: {}\n{key}:\n", text.replace('\n', " ")));
    }
    Ok(out)
}
