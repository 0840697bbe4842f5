//! The organisation's brand, from `brand:` in uprkit.yaml: its name, logo,
//! primary colour, footer text, licence line and contact. It reaches every
//! page (`site.brand`), the handouts (title page and colophon, the logo
//! inlined), the zips (which hold the pages) and `check --html`. The colour
//! is checked for WCAG AA contrast with white, which the theme puts on it
//! and it on.

mod colour;

use std::path::{Path, PathBuf};

use base64::Engine as _;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::engine::config::Config;
use crate::engine::error::{did_you_mean, Diagnostic, Error, Location, Result};
use crate::engine::feature::document::Document;
use crate::engine::feature::{value, ContextMap, Declaration, Feature, LanguageContext, LoadContext};
use crate::engine::output::{Contents, OutputFile, Sink};
use crate::engine::templates::THEME_OUTPUT_DIR;
use crate::engine::yaml;

pub use colour::{contrast, darker_to, Rgb};

/// A text written once, or per language (`{ en: ..., fr: ... }`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum RawText {
    One(String),
    PerLanguage(IndexMap<String, String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrand {
    organisation: Option<RawText>,
    logo: Option<String>,
    #[serde(alias = "colour")]
    color: Option<String>,
    footer: Option<RawText>,
    #[serde(alias = "license")]
    licence: Option<RawText>,
    contact: Option<String>,
}

const BRAND_KEYS: &[&str] = &["organisation", "logo", "color", "footer", "licence", "contact"];

/// A text in each language of the site.
#[derive(Debug, Clone, Default)]
struct Text(IndexMap<String, String>);

impl Text {
    /// In `lang`, else in the default language, else the first given.
    fn get(&self, lang: &str, default: &str) -> Option<&str> {
        self.0.get(lang).or_else(|| self.0.get(default)).or_else(|| self.0.values().next()).map(String::as_str)
    }
}

/// The brand as checked.
#[derive(Debug, Clone, Default)]
struct Brand {
    organisation: Text,
    logo: Option<PathBuf>,
    colour: Option<Rgb>,
    footer: Text,
    licence: Text,
    contact: Option<String>,
}

/// What templates see as `site.brand` (and handouts as `brand`).
#[derive(Debug, Clone, Serialize)]
pub struct BrandView {
    pub organisation: Option<String>,
    /// The logo's href from the site root (`_uprkit/brand/logo.svg`).
    pub logo_href: Option<String>,
    /// The logo as a `data:` URI, for single files (handouts, the check
    /// page); `None` on the site's pages, which link to the file.
    pub logo_data: Option<String>,
    /// `#rrggbb`.
    pub color: Option<String>,
    pub footer: Option<String>,
    pub licence: Option<String>,
    pub contact: Option<String>,
}

#[derive(Default)]
pub struct BrandFeature {
    brand: Option<Brand>,
    default_language: String,
}

impl BrandFeature {
    /// The brand in `lang`, if the toolkit has one, with the logo inlined
    /// if `inline` (for single files).
    pub fn view(&self, lang: &str, inline: bool) -> Option<BrandView> {
        let brand = self.brand.as_ref()?;
        let default = &self.default_language;
        let logo_data = brand.logo.as_ref().filter(|_| inline).and_then(|path| {
            let bytes = std::fs::read(path).ok()?;
            Some(format!("data:{};base64,{}", mime(path), base64::engine::general_purpose::STANDARD.encode(bytes)))
        });
        Some(BrandView {
            organisation: brand.organisation.get(lang, default).map(str::to_string),
            logo_href: brand.logo.as_ref().map(|path| logo_output(path)),
            logo_data,
            color: brand.colour.map(|rgb| rgb.hex()),
            footer: brand.footer.get(lang, default).map(str::to_string),
            licence: brand.licence.get(lang, default).map(str::to_string),
            contact: brand.contact.clone(),
        })
    }
}

impl Feature for BrandFeature {
    fn name(&self) -> &'static str {
        "brand"
    }

    fn declaration(&self) -> Declaration {
        Declaration { config_keys: &["brand"], ..Declaration::NONE }
    }

    fn load(&mut self, cx: &mut LoadContext) -> Result<()> {
        let config = cx.config;
        self.default_language = config.default_language().code.clone();
        let Some(setting) = config.setting("brand") else { return Ok(()) };
        let raw: RawBrand = yaml::from_value(setting.value.clone()).map_err(|error| {
            let message = error.to_string();
            let diagnostic = match message.split("unknown field `").nth(1).and_then(|rest| rest.split('`').next()) {
                Some(unknown) => {
                    Diagnostic::new(setting.location.clone(), format!("unknown key `{unknown}` in `brand`")).with_help(
                        did_you_mean(unknown, BRAND_KEYS.iter().copied())
                            .unwrap_or_else(|| format!("the keys of `brand` are {}", BRAND_KEYS.join(", "))),
                    )
                }
                None => Diagnostic::new(setting.location.clone(), format!("`brand`: {message}"))
                    .with_help("write `brand:` as a group of `key: value` lines, e.g. `organisation: Our NGO`"),
            };
            Error::one(diagnostic)
        })?;
        self.brand = Some(check(config, &setting.location, raw)?);
        Ok(())
    }

    fn site_context(&self, cx: &LanguageContext, out: &mut ContextMap) {
        out.insert("brand", value(self.view(cx.lang(), false)));
    }

    /// Documents (handouts, the report of `check --html`) carry the logo inlined.
    fn document(&self, cx: &LanguageContext, document: &mut Document) {
        document.brand = self.view(cx.lang(), true).and_then(|view| serde_json::to_value(view).ok());
    }

    /// The logo, once for every language.
    fn files(&self, cx: &LanguageContext, sink: &dyn Sink) -> Result<()> {
        match self.brand.as_ref().and_then(|brand| brand.logo.clone()) {
            Some(path) if cx.is_default() => {
                sink.put(OutputFile { path: logo_output(&path), contents: Contents::Copy(path) })
            }
            _ => Ok(()),
        }
    }
}

/// Where the logo is published.
fn logo_output(path: &Path) -> String {
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    format!("{THEME_OUTPUT_DIR}/brand/logo.{extension}")
}

fn mime(path: &Path) -> &'static str {
    match path.extension().map(|e| e.to_string_lossy().to_lowercase()).as_deref() {
        Some("svg") => "image/svg+xml",
        _ => "image/png",
    }
}

/// Checks the raw brand: texts in known languages, a logo that is an SVG or
/// PNG file of the toolkit, a colour readable with white, a contact address.
fn check(config: &Config, location: &Location, raw: RawBrand) -> Result<Brand> {
    let RawBrand { organisation, logo, color, footer, licence, contact } = raw;
    let mut problems = Vec::new();
    let default = config.default_language().code.clone();
    let mut text = |raw: Option<RawText>, key: &str| -> Text {
        match raw {
            None => Text::default(),
            Some(RawText::One(text)) => Text(IndexMap::from([(default.clone(), text)])),
            Some(RawText::PerLanguage(map)) => {
                for lang in map.keys() {
                    if config.language(lang).is_none() {
                        let known = config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ");
                        problems.push(
                            Diagnostic::new(
                                location.clone(),
                                format!("`brand.{key}` has a text in `{lang}`, which is not a language of the site"),
                            )
                            .with_help(format!("the site's languages are {known}")),
                        );
                    }
                }
                Text(map)
            }
        }
    };
    let organisation = text(organisation, "organisation");
    let footer = text(footer, "footer");
    let licence = text(licence, "licence");
    let logo = logo.map(|logo| {
        let path = config.root.join(&logo);
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let real = crate::engine::output::real_path(&path);
        if !path.is_file() {
            problems.push(
                Diagnostic::new(location.clone(), format!("the logo `{logo}` is not a file of the toolkit"))
                    .with_help("give its path from the folder of uprkit.yaml, e.g. `logo: static/logo.svg`"),
            );
        } else if !real.starts_with(crate::engine::output::real_path(&config.root)) {
            // A publishing recipe builds from the toolkit alone (a fresh clone).
            problems.push(
                Diagnostic::new(location.clone(), format!("the logo `{logo}` is outside the toolkit ({})", real.display()))
                    .with_help("copy it into the toolkit, e.g. as static/logo.svg, and write `logo: static/logo.svg`: the guide is built from the toolkit's folder alone, by you and by the publishing recipe"),
            );
        } else if extension != "svg" && extension != "png" {
            problems.push(
                Diagnostic::new(location.clone(), format!("the logo `{logo}` is not an SVG or PNG file"))
                    .with_help("save the logo as .svg (best: sharp at every size) or .png"),
            );
        }
        path
    });
    let colour = color.and_then(|text| match Rgb::parse(&text) {
        None => {
            problems.push(
                Diagnostic::new(location.clone(), format!("`{text}` is not a colour"))
                    .with_help("write it as #rrggbb, e.g. `color: \"#0b6b86\"` (in quotes: # starts a comment)"),
            );
            None
        }
        Some(rgb) => {
            let ratio = contrast(rgb, Rgb::WHITE);
            if ratio < 4.5 {
                // Two decimals, as contrast checkers show it (#777777: 4.48:1), and
                // never rounded up to the line it failed to reach.
                let shown = ((ratio * 100.0).round() / 100.0).min(4.49);
                problems.push(
                    Diagnostic::new(
                        location.clone(),
                        format!(
                            "the brand colour {} and white have a contrast of {shown:.2}:1; text and links need 4.5:1 (WCAG AA)",
                            rgb.hex()
                        ),
                    )
                    .with_help(format!("a darker shade of it that passes: `color: \"{}\"`", darker_to(rgb, 4.5).hex())),
                );
            }
            Some(rgb)
        }
    });
    if let Some(contact) = &contact {
        if !(contact.starts_with("https://") || contact.starts_with("http://") || contact.starts_with("mailto:")) {
            problems.push(
                Diagnostic::new(location.clone(), format!("`brand.contact` `{contact}` is not a web or email address"))
                    .with_help("write https://... or mailto:someone@example.org"),
            );
        }
    }
    if problems.is_empty() {
        Ok(Brand { organisation, logo, colour, footer, licence, contact })
    } else {
        Err(Error::Content(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(yaml: &str) -> std::result::Result<BrandFeature, String> {
        // Kept for the whole test run: the logo is read when a view is made.
        let root = Box::leak(Box::new(tempfile::tempdir().unwrap()));
        std::fs::create_dir_all(root.path().join("static")).unwrap();
        std::fs::write(root.path().join("static/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
        let text = format!("title: T\nlanguages:\n  en: {{ name: English }}\n  fr: {{ name: Français }}\n{yaml}");
        let config =
            Config::parse_with(root.path(), Path::new("uprkit.yaml"), &text, &["brand"]).map_err(|e| e.to_string())?;
        let mut feature = BrandFeature::default();
        let content = crate::engine::content::Loaded::default();
        feature.load(&mut LoadContext::new(&config, &content)).map_err(|e| e.to_string())?;
        Ok(feature)
    }

    #[test]
    fn texts_are_per_language_with_the_default_as_fallback() {
        let feature = load("brand:\n  organisation: Our NGO\n  licence: { en: CC BY 4.0, fr: CC BY 4.0 FR }\n  logo: static/logo.svg\n  color: \"#0b6b86\"\n").unwrap();
        // Both spellings, as for colour.
        let american = load("brand:\n  organisation: Our NGO\n  license: CC BY 4.0\n").unwrap();
        assert_eq!(american.brand.as_ref().unwrap().licence.get("en", "en"), Some("CC BY 4.0"));
        let french = feature.view("fr", true).unwrap();
        assert_eq!(french.organisation.as_deref(), Some("Our NGO"));
        assert_eq!(french.licence.as_deref(), Some("CC BY 4.0 FR"));
        assert_eq!(french.logo_href.as_deref(), Some("_uprkit/brand/logo.svg"));
        assert!(french.logo_data.unwrap().starts_with("data:image/svg+xml;base64,"));
        assert_eq!(french.color.as_deref(), Some("#0b6b86"));
    }

    #[test]
    fn a_pale_colour_fails_with_its_ratio_and_a_darker_shade() {
        let error = load("brand:\n  color: \"#7fbfff\"\n").err().unwrap();
        assert!(
            error.contains("uprkit.yaml:5: the brand colour #7fbfff and white have a contrast of 1.94:1"),
            "{error}"
        );
        let suggested = error.split("color: \\\"").nth(1).or_else(|| error.split("color: \"").nth(1)).unwrap();
        let hex = &suggested[..7];
        assert!(contrast(Rgb::parse(hex).unwrap(), Rgb::WHITE) >= 4.5, "{hex}");
    }

    #[test]
    fn mistakes_are_named() {
        assert!(load("brand:\n  logo: static/nope.png\n")
            .err()
            .unwrap()
            .contains("the logo `static/nope.png` is not a file"));
        assert!(load("brand:\n  colr: red\n").err().unwrap().contains("did you mean `color`?"));
        assert!(load("brand:\n  color: blue\n").err().unwrap().contains("`blue` is not a colour"));
        assert!(load("brand:\n  footer: { de: x }\n").err().unwrap().contains("not a language of the site"));
        assert!(load("brand:\n  contact: example.org\n").err().unwrap().contains("is not a web or email address"));
    }
}
