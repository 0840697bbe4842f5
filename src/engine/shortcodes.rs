//! Shortcodes in a build: a call `{{ name(...) }}` renders the template
//! `shortcodes/<name>.html` (a site's `templates/shortcodes/` or the
//! theme's) with the call's arguments as variables, `lang` (the language of
//! the page's text) and `target` (`site` or `handout`), and the data of the
//! feature that owns the name, if one does (`recommendations`). The
//! arguments of the theme's own shortcodes are checked before rendering; a
//! site's shortcode reports the argument it lacks when it renders, told
//! apart from a variable undefined inside its template.

use serde_json::{Map, Value};

use crate::engine::error::{did_you_mean, Diagnostic};
use crate::engine::feature::Features;
use crate::engine::markdown::shortcodes::{Call, ShortcodeError, Shortcodes};
use crate::engine::markdown::{MarkdownOptions, Target};
use crate::engine::templates::Theme;

/// The folder of shortcode templates, under `templates/`.
pub const DIR: &str = "shortcodes/";

/// The arguments of the theme's built-in shortcodes: (name, required, optional).
const BUILT_IN: &[(&str, &[&str], &[&str])] = &[
    ("figure", &["src", "alt"], &["caption", "credit", "width"]),
    ("video", &["url", "title"], &["image", "duration", "caption"]),
];

/// Renders calls with the theme's templates and the features' data.
pub struct ThemeShortcodes<'a> {
    pub theme: &'a Theme,
    pub features: &'a Features,
}

impl ThemeShortcodes<'_> {
    /// The names a page can call.
    pub fn names(&self) -> Vec<&str> {
        self.theme.template_names().filter_map(|name| name.strip_prefix(DIR)?.strip_suffix(".html")).collect()
    }
}

impl Shortcodes for ThemeShortcodes<'_> {
    fn render(&self, call: &Call, page: &MarkdownOptions) -> Result<String, ShortcodeError> {
        let (lang, target) = (page.lang, page.target);
        let template = format!("{DIR}{}.html", call.name);
        if !self.theme.has(&template) {
            let names = self.names();
            let hint = did_you_mean(&call.name, names.iter().copied()).map(|g| format!("{g} ")).unwrap_or_default();
            return Err(ShortcodeError::new(format!("there is no shortcode `{}`", call.name)).with_help(format!(
                "{hint}the shortcodes are {}; a site adds its own as templates/{DIR}<name>.html",
                names.join(", ")
            )));
        }
        if let Some((_, required, optional)) = BUILT_IN.iter().find(|(name, _, _)| *name == call.name) {
            check_args(call, required, optional)?;
        }
        let mut context = Map::new();
        for (key, value) in &call.args {
            context.insert(key.clone(), value.clone());
        }
        if let Some(feature) = self.features.shortcode_owner(&call.name) {
            context.extend(feature.shortcode(call, page)?);
        }
        context.insert("t".into(), serde_json::to_value(page.strings).unwrap_or_default());
        context.insert("lang".into(), Value::from(lang));
        context.insert("reader_lang".into(), Value::from(call.reader_lang.as_str()));
        context.insert("target".into(), Value::from(if target == Target::Handout { "handout" } else { "site" }));
        self.theme.render(&template, &context).map_err(|diagnostic| {
            let message = &diagnostic.message;
            // Tera: "Variable `caption` not found in context while rendering ...".
            match message.split("Variable `").nth(1).and_then(|rest| rest.split('`').next()) {
                Some(variable) if !message.contains(&format!("{variable}.")) => {
                    let declared = BUILT_IN.iter().find(|(name, _, _)| *name == call.name);
                    let own = assigned_variables(self.theme.source(&template).unwrap_or(""));
                    undefined(call, variable, &context, declared.map(|(_, r, o)| (*r, *o)), &own, &diagnostic)
                }
                _ => ShortcodeError::new(format!("the shortcode `{}` cannot be rendered: {message}", call.name))
                    .with_help(format!("see {}", diagnostic.location)),
            }
        })
    }
}

/// A variable the template of `call` uses and nothing defines: an
/// argument the call lacks, or a mistake inside the template (a variable
/// the call gives but the template cannot see there, one misspelt, or one
/// that is not among a built-in shortcode's arguments).
fn undefined(
    call: &Call,
    variable: &str,
    context: &Map<String, Value>,
    declared: Option<(&[&str], &[&str])>,
    own: &[String],
    diagnostic: &Diagnostic,
) -> ShortcodeError {
    let is_argument = match declared {
        Some((required, optional)) => required.iter().chain(optional).any(|name| *name == variable),
        None => !context.contains_key(variable) && did_you_mean(variable, own.iter().map(String::as_str)).is_none(),
    };
    if is_argument {
        let given = call.args.iter().map(|(key, _)| key.as_str());
        let hint = did_you_mean(variable, given).map(|g| format!(" (the call gives another: {g})")).unwrap_or_default();
        return ShortcodeError::new(format!("the shortcode `{}` needs the argument `{variable}`", call.name))
            .with_help(format!("add {variable}=\"...\" to the call{hint}; {} uses it", diagnostic.location));
    }
    let known = own.iter().map(String::as_str).chain(context.keys().map(String::as_str));
    let hint = did_you_mean(variable, known).map(|g| format!("{g} ")).unwrap_or_default();
    ShortcodeError::new(format!(
        "the shortcode `{}` cannot be rendered: the variable `{variable}` is not defined in {}",
        call.name, diagnostic.location
    ))
    .with_help(format!("{hint}correct the template, or define `{variable}` in it with {{% set {variable} = ... %}}"))
}

/// The variables a template sets itself: `{% set %}`, `{% set_global %}`,
/// the names of `{% for %}` loops and the arguments of its macros.
fn assigned_variables(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{%") {
        rest = &rest[open + 2..];
        let Some(end) = rest.find("%}") else { break };
        let tag = rest[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        rest = &rest[end..];
        let mut words = tag.splitn(2, char::is_whitespace);
        let (keyword, after) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let identifiers = |text: &str| -> Vec<String> {
            text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|word| word.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_'))
                .map(str::to_string)
                .collect()
        };
        match keyword {
            "set" | "set_global" => {
                names.extend(identifiers(after.split('=').next().unwrap_or("")).into_iter().take(1))
            }
            "for" => names.extend(identifiers(after.split(" in ").next().unwrap_or(""))),
            "macro" => {
                let params = after.split_once('(').map_or("", |(_, params)| params);
                let params = params.split(')').next().unwrap_or("");
                names.extend(params.split(',').filter_map(|param| identifiers(param).into_iter().next()));
            }
            _ => {}
        }
    }
    names
}

/// Every required argument given, no unknown one (with a did-you-mean).
pub fn check_args(call: &Call, required: &[&str], optional: &[&str]) -> Result<(), ShortcodeError> {
    let known = || required.iter().chain(optional).copied();
    for (key, _) in &call.args {
        if !known().any(|name| name == key) {
            let hint = did_you_mean(key, known()).map(|g| format!("{g} ")).unwrap_or_default();
            return Err(ShortcodeError::new(format!("the shortcode `{}` has no argument `{key}`", call.name))
                .with_help(format!("{hint}its arguments are {}", known().collect::<Vec<_>>().join(", "))));
        }
    }
    if let Some(missing) = required.iter().find(|name| call.arg(name).is_none()) {
        return Err(ShortcodeError::new(format!("the shortcode `{}` needs the argument `{missing}`", call.name))
            .with_help(format!("add {missing}=\"...\" to the call")));
    }
    Ok(())
}
