//! The theme: templates, static files and UI strings, each resolved file by
//! file through one fallback chain: the site's `templates/` and `i18n/` →
//! the site's theme (`theme:` in uprkit.yaml) → the default theme compiled
//! into the binary.

pub mod context;
pub mod eject;
mod includes;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;
use serde::Serialize;

use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Error, Location, Result};
use crate::engine::i18n::{resolve_strings, UiStrings};
use crate::engine::yaml;

#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// Where the theme's static files go in the output.
pub const THEME_OUTPUT_DIR: &str = "_uprkit";

/// Where a template or string file came from, for error messages.
#[derive(Debug, Clone)]
enum Origin {
    BuiltIn(String),
    File(PathBuf),
}

impl Origin {
    fn location(&self, line: Option<usize>) -> Location {
        let path = match self {
            Origin::BuiltIn(name) => PathBuf::from(format!("themes/default/{name} (built in)")),
            Origin::File(path) => path.clone(),
        };
        Location { path, line, column: None }
    }
}

struct Layer {
    templates: BTreeMap<String, (String, Origin)>,
    static_files: BTreeMap<String, Cow<'static, [u8]>>,
    strings: BTreeMap<String, (String, Origin)>,
}

pub struct Theme {
    tera: tera::Tera,
    sources: BTreeMap<String, (String, Origin)>,
    /// Output-relative path (under [`THEME_OUTPUT_DIR`]) → contents.
    pub static_files: BTreeMap<String, Cow<'static, [u8]>>,
    /// UI strings per site language, after fallback.
    pub strings: BTreeMap<String, UiStrings>,
    /// UI strings per language as written, before fallback.
    tables: BTreeMap<String, BTreeMap<String, String>>,
}

/// The templates parsed into `tera`, in parallel (parsing is most of the
/// time a small site's build spends loading its theme), then linked as
/// [`tera::Tera::add_raw_templates`] does; the first template in name order
/// that does not parse is the error, as there.
fn add_templates(tera: &mut tera::Tera, sources: &BTreeMap<String, (String, Origin)>) -> tera::Result<()> {
    use rayon::prelude::*;
    let parsed: Vec<tera::Result<tera::Template>> = sources
        .par_iter()
        .map(|(name, (text, _))| {
            tera::Template::new(name, None, text)
                .map_err(|error| tera::Error::chain(format!("Failed to parse '{name}'"), error))
        })
        .collect();
    for ((name, _), template) in sources.iter().zip(parsed) {
        tera.templates.insert(name.clone(), template?);
    }
    tera.build_inheritance_chains()?;
    tera.check_macro_files()
}

impl Theme {
    /// Layers the default theme, the site theme and the site's overrides.
    pub fn load(config: &Config) -> Result<Theme> {
        let mut layers = vec![built_in()];
        if let Some(dir) = &config.theme_dir {
            layers.push(from_disk(dir, true)?);
        }
        layers.push(from_disk(&config.root, false)?);

        let mut sources = BTreeMap::new();
        let mut static_files = BTreeMap::new();
        let mut tables: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut problems = Vec::new();
        for layer in layers {
            sources.extend(layer.templates);
            static_files.extend(layer.static_files);
            // Strings merge key by key: a layer adds or overrides single strings.
            for (lang, (text, origin)) in layer.strings {
                let path = origin.location(None).path;
                // A key left empty (`uprkit i18n template`) is not translated yet.
                let parsed =
                    yaml::from_str::<Option<BTreeMap<String, Option<String>>>>(crate::engine::config::strip_bom(&text));
                match parsed {
                    Ok(table) => tables.entry(lang).or_default().extend(
                        table
                            .unwrap_or_default()
                            .into_iter()
                            .filter_map(|(key, text)| Some((key, text?)))
                            .filter(|(_, text)| !text.trim().is_empty()),
                    ),
                    Err(error) => problems.push(
                        yaml::diagnostic(&path, 1, &error, &[], &text)
                            .with_help("a string file is a list of `key: text` lines; quote texts that contain `:`"),
                    ),
                }
            }
        }

        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape);
        match add_templates(&mut tera, &sources) {
            Err(error) => problems.push(template_diagnostic(&error, &sources)),
            Ok(()) => problems.extend(include_loops(&sources)),
        }
        if !problems.is_empty() {
            return Err(Error::Content(problems));
        }
        let strings = resolve_strings(&tables, &config.languages);
        Ok(Theme { tera, sources, static_files, strings, tables })
    }

    /// The string `key` in the table of `lang` itself (not one it falls back
    /// to), if it is there and not empty.
    pub fn own_string(&self, lang: &str, key: &str) -> Option<&str> {
        self.tables.get(lang)?.get(key).map(String::as_str).filter(|text| !text.trim().is_empty())
    }

    /// Keys of the English and default-language tables that `lang` lacks
    /// (they are shown in the default language or English instead).
    pub fn missing_strings(&self, lang: &str, default: &str) -> Vec<String> {
        let empty = BTreeMap::new();
        let own = self.tables.get(lang).unwrap_or(&empty);
        let mut missing: Vec<String> = ["en", default]
            .iter()
            .filter_map(|code| self.tables.get(*code))
            .flat_map(|table| table.keys())
            .filter(|key| !own.contains_key(*key))
            .cloned()
            .collect();
        missing.sort();
        missing.dedup();
        missing
    }

    /// The names of the templates (`page.html`, `shortcodes/figure.html`).
    pub fn template_names(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    /// Renders `template` with a typed context.
    pub fn render(&self, template: &str, context: &impl Serialize) -> Result<String, Diagnostic> {
        let context = tera::Context::from_serialize(context).map_err(|error| {
            Diagnostic::new(Location::file(template), format!("cannot build the template context: {error}"))
        })?;
        self.tera.render(template, &context).map_err(|error| template_diagnostic(&error, &self.sources))
    }

    /// What every page of a language shares in its template context
    /// ([`context::SharedContext`]), made once, for [`Theme::render_shared`].
    pub fn shared_context(&self, shared: &impl Serialize) -> Result<tera::Context, Diagnostic> {
        tera::Context::from_serialize(shared).map_err(|error| {
            Diagnostic::new(Location::file("(shared)"), format!("cannot build the template context: {error}"))
        })
    }

    /// Renders `template` with `shared` and what `own` adds (its keys at the
    /// top level, over any of `shared`'s): the same as with one context
    /// holding both, without making `shared` again. `shared` is left as it was.
    pub fn render_shared(
        &self,
        template: &str,
        shared: &mut tera::Context,
        own: &impl Serialize,
    ) -> Result<String, Diagnostic> {
        let cannot = |error: &dyn std::fmt::Display| {
            Diagnostic::new(Location::file(template), format!("cannot build the template context: {error}"))
        };
        let own = tera::to_value(own).map_err(|error| cannot(&error))?;
        let keys: Vec<String> = own.as_object().map(|own| own.keys().cloned().collect()).unwrap_or_default();
        let own = tera::Context::from_value(own).map_err(|error| cannot(&error))?;
        let covered: Vec<(String, tera::Value)> =
            keys.iter().filter_map(|key| Some((key.clone(), shared.remove(key)?))).collect();
        shared.extend(own);
        let html = self.tera.render(template, shared).map_err(|error| template_diagnostic(&error, &self.sources));
        for key in &keys {
            shared.remove(key);
        }
        if !covered.is_empty() {
            let covered = tera::Context::from_value(tera::Value::Object(covered.into_iter().collect()))
                .expect("an object is a context");
            shared.extend(covered);
        }
        html
    }

    /// The ids an author's page has around its text: those written in the
    /// templates of home, section and content pages, the navigation, and
    /// every template they extend or include.
    pub fn page_ids(&self) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut queue: Vec<String> = ["home.html", "section.html", "page.html", "nav.html"].map(String::from).to_vec();
        while let Some(name) = queue.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let Some((text, _)) = self.sources.get(&name) else { continue };
            ids.extend(literal_ids(text));
            queue.extend(referenced_templates(text));
        }
        ids
    }
}

impl Theme {
    /// The text of the template `name`, as the theme has it.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(|(text, _)| text.as_str())
    }

    /// Whether the theme has a template of this name.
    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The templates that use any of `changed` (themselves included), through
    /// `extends` and `include`, however deep.
    pub fn dependents(&self, changed: &[String]) -> BTreeSet<String> {
        let uses = |name: &str| -> BTreeSet<String> {
            let mut seen = BTreeSet::new();
            let mut queue = vec![name.to_string()];
            while let Some(next) = queue.pop() {
                if seen.insert(next.clone()) {
                    if let Some((text, _)) = self.sources.get(&next) {
                        queue.extend(referenced_templates(text));
                    }
                }
            }
            seen
        };
        self.sources.keys().filter(|name| uses(name).iter().any(|used| changed.contains(used))).cloned().collect()
    }
}

/// The values of `id="..."` in a template (or a page) that hold no template expression.
pub(crate) fn literal_ids(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(" id=\"") {
        rest = &rest[at + 5..];
        let Some(end) = rest.find('"') else { break };
        let value = &rest[..end];
        if !value.is_empty() && !value.contains("{{") && !value.contains("{%") {
            ids.push(value.to_string());
        }
        rest = &rest[end..];
    }
    ids
}

/// The templates named by `{% extends %}`, `{% include %}` and `{% import %}`.
fn referenced_templates(text: &str) -> Vec<String> {
    includes::references(text).into_iter().map(|reference| reference.name).collect()
}

/// A template that includes itself, directly or through others, would
/// render for ever: each such loop is an error at the include to remove.
fn include_loops(sources: &BTreeMap<String, (String, Origin)>) -> Vec<Diagnostic> {
    let templates = sources.iter().map(|(name, (text, _))| (name.as_str(), text.as_str()));
    includes::loops(templates)
        .into_iter()
        .map(|found| {
            let (first, include) = &found.steps[0];
            Diagnostic::new(
                sources[first].1.location(Some(include.line)),
                format!("template error: {}: rendering it would never end", found.describe()),
            )
            .with_help(format!(
                "remove this include of `{}`: a template cannot include itself, directly or through others (for a tree, write a recursive macro)",
                include.name
            ))
        })
        .collect()
}

/// HTML escaping for templates: `&<>"'`, leaving `/` readable in hrefs.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut escaped, text).expect("writing to a String");
    escaped
}

fn built_in() -> Layer {
    let mut layer = Layer { templates: BTreeMap::new(), static_files: BTreeMap::new(), strings: BTreeMap::new() };
    for name in DefaultTheme::iter() {
        let file = DefaultTheme::get(&name).expect("listed by the embed");
        if let Some(template) = name.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(&file.data).into_owned();
            layer.templates.insert(template.to_string(), (text, Origin::BuiltIn(name.to_string())));
        } else if let Some(asset) = name.strip_prefix("static/") {
            layer.static_files.insert(asset.to_string(), file.data);
        } else if let Some(lang) = name.strip_prefix("i18n/").and_then(|n| n.strip_suffix(".yaml")) {
            let text = String::from_utf8_lossy(&file.data).into_owned();
            layer.strings.insert(lang.to_string(), (text, Origin::BuiltIn(name.to_string())));
        }
    }
    layer
}

/// The default theme's fonts (`themes/default/fonts/`), for the PDFs.
pub fn built_in_fonts() -> impl Iterator<Item = &'static [u8]> {
    DefaultTheme::iter()
        .filter(|name| name.starts_with("fonts/") && (name.ends_with(".ttf") || name.ends_with(".otf")))
        .filter_map(|name| {
            Some(match DefaultTheme::get(&name)?.data {
                Cow::Borrowed(bytes) => bytes,
                // Read once per run (the PDFs keep the theme's fonts).
                Cow::Owned(bytes) => &*Box::leak(bytes.into_boxed_slice()),
            })
        })
}

/// Reads `templates/`, `i18n/` and, for a theme, `static/` under `dir`.
fn from_disk(dir: &Path, is_theme: bool) -> Result<Layer> {
    let mut layer = Layer { templates: BTreeMap::new(), static_files: BTreeMap::new(), strings: BTreeMap::new() };
    for (rel, path) in files_under(&dir.join("templates"))? {
        let text = read_text(&path)?;
        layer.templates.insert(rel, (text, Origin::File(path)));
    }
    for (rel, path) in files_under(&dir.join("i18n"))? {
        if let Some(lang) = rel.strip_suffix(".yaml") {
            let text = read_text(&path)?;
            layer.strings.insert(lang.to_string(), (text, Origin::File(path)));
        }
    }
    if is_theme {
        for (rel, path) in files_under(&dir.join("static"))? {
            let bytes = std::fs::read(&path).map_err(Error::io("cannot read", &path))?;
            layer.static_files.insert(rel, Cow::Owned(bytes));
        }
    }
    Ok(layer)
}

/// Files under `dir` (if it exists), sorted, as (`a/b.html`, full path).
pub fn files_under(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    files_under_except(dir, crate::engine::content::loader::is_ignored)
}

/// Files under `dir`, sorted, leaving out the files and folders `skip` names.
pub fn files_under_except(dir: &Path, skip: fn(&str) -> bool) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !skip(&entry.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(dir).to_path_buf();
            Error::Io { action: "cannot read", source: error.into(), path }
        })?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("walked under dir");
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            files.push((rel, entry.into_path()));
        }
    }
    Ok(files)
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(Error::io("cannot read", path))?;
    String::from_utf8(bytes).map_err(|_| {
        Error::one(Diagnostic::new(Location::file(path), "not valid UTF-8").with_help("save the file as UTF-8"))
    })
}

/// Turns a tera error into a diagnostic naming the template file and, where
/// tera or the template text tells, the line.
fn template_diagnostic(error: &tera::Error, sources: &BTreeMap<String, (String, Origin)>) -> Diagnostic {
    let mut chain = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    // "Failed to parse 'page.html'" / "Failed to render 'page.html'".
    let name = chain.iter().find_map(|message| quoted(message, '\'').or_else(|| quoted(message, '"')));
    let detail = chain.last().cloned().unwrap_or_default();
    // The error may sit in a parent or included template: look there too.
    let named = name.as_ref().and_then(|name| sources.get(name.as_str()));
    let found = named
        .and_then(|(text, origin)| line_in_template(&detail, text).map(|line| (origin, Some(line))))
        .or_else(|| {
            sources.values().find_map(|(text, origin)| line_in_template(&detail, text).map(|line| (origin, Some(line))))
        })
        .or_else(|| named.map(|(_, origin)| (origin, None)));
    let location = match found {
        Some((origin, line)) => origin.location(line),
        None => Location::file(name.unwrap_or_else(|| "templates".into())),
    };
    let message = chain.join(": ").replace('\n', "\n  ");
    Diagnostic::new(location, format!("template error: {message}"))
        .with_help("fix the template, or remove your override to use the built-in one")
}

fn quoted(message: &str, quote: char) -> Option<String> {
    let start = message.find(quote)? + 1;
    let end = message[start..].find(quote)? + start;
    let name = &message[start..end];
    name.ends_with(".html").then(|| name.to_string()).or_else(|| name.ends_with(".xml").then(|| name.to_string()))
}

/// The line a tera message points at: its own `--> L:C` for parse errors, or
/// the first line using the variable or filter named in backticks.
fn line_in_template(detail: &str, text: &str) -> Option<usize> {
    if let Some(at) = detail.find("--> ") {
        let rest = &detail[at + 4..];
        let line: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(line) = line.parse() {
            return Some(line);
        }
    }
    let start = detail.find('`')? + 1;
    let end = detail[start..].find('`')? + start;
    let needle = &detail[start..end];
    text.lines().position(|line| line.contains(needle)).map(|i| i + 1)
}
