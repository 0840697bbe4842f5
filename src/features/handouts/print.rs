//! What a printed handout carries besides the text: on every sheet, the
//! guide's (and phase's) title at the top, the edition and the page number
//! at the bottom (CSS `@page` margin boxes); the edition line of
//! `uprkit.yaml` (`edition:`, one text or one per language), so that a
//! trainer can tell whether printed copies are current; and the title
//! page's QR code for the online guide.

use std::collections::BTreeMap;

use crate::engine::config::Config;
use crate::engine::error::{Diagnostic, Result};
use crate::engine::yaml;

/// A QR code for `url` as inline SVG (no XML declaration), for the title
/// page: the online guide for whoever holds the paper.
pub(super) fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(160, 160).quiet_zone(true).build();
    let start = svg.find("<svg")?;
    Some(svg[start..].to_string())
}

/// `edition:` of uprkit.yaml: the text for every language (key `""`), or
/// one per language.
#[derive(Debug, Default)]
pub struct Edition(BTreeMap<String, String>);

impl Edition {
    pub fn load(config: &Config) -> Result<Edition> {
        let Some(setting) = config.setting("edition") else { return Ok(Edition::default()) };
        let problem = || {
            Diagnostic::new(setting.location.clone(), "`edition` must be a line of text, or one per language")
                .with_help("write for example `edition: Edition 2, November 2026`, or `edition: { en: ..., fr: ... }`")
        };
        let mut texts = BTreeMap::new();
        match &setting.value {
            yaml::Value::String(text) => {
                texts.insert(String::new(), text.clone());
            }
            yaml::Value::Number(number) => {
                texts.insert(String::new(), number.to_string());
            }
            yaml::Value::Mapping(by_language) => {
                for (lang, text) in by_language {
                    let (Some(lang), Some(text)) = (lang.as_str(), text.as_str()) else { return Err(problem().into()) };
                    if config.language(lang).is_none() {
                        let known = config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ");
                        return Err(Diagnostic::new(
                            setting.location.clone(),
                            format!("`edition`: no language `{lang}`"),
                        )
                        .with_help(format!("the guide's languages are {known}"))
                        .into());
                    }
                    texts.insert(lang.to_string(), text.to_string());
                }
            }
            _ => return Err(problem().into()),
        }
        Ok(Edition(texts))
    }

    /// The edition line in `lang`: its own, or the one for all languages,
    /// or the default language's.
    pub fn text(&self, lang: &str, default: &str) -> Option<&str> {
        [lang, "", default].iter().find_map(|key| self.0.get(*key)).map(String::as_str)
    }
}

/// `@page` rules: the running header (`header`), and at the bottom the
/// edition on the inner side and "page / pages" on the outer one. None on
/// the title page.
pub fn page_css(header: &str, edition: Option<&str>, rtl: bool) -> String {
    let (start, end) = if rtl { ("bottom-right", "bottom-left") } else { ("bottom-left", "bottom-right") };
    let quiet = "font-family: system-ui, sans-serif; font-size: 8.5pt; color: #555;";
    let mut css = format!(
        "@page {{ margin: 18mm 16mm 20mm;\n  @top-center {{ content: {}; {quiet} }}\n  @{end} {{ content: counter(page) \" / \" counter(pages); direction: ltr; {quiet} }}\n",
        css_string(header)
    );
    if let Some(edition) = edition {
        css.push_str(&format!("  @{start} {{ content: {}; {quiet} }}\n", css_string(edition)));
    }
    css.push_str(&format!(
        "}}\n@page :first {{ @top-center {{ content: none; }} @{start} {{ content: none; }} @{end} {{ content: none; }} }}\n"
    ));
    css
}

/// `text` as a CSS string, safe inside a `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3C "),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_become_safe_css_strings() {
        assert_eq!(css_string("Guide \"UPR\" </style>"), "\"Guide \\\"UPR\\\" \\3C /style>\"");
    }

    #[test]
    fn the_edition_sits_on_the_inner_side_and_the_number_on_the_outer() {
        let ltr = page_css("Guide", Some("Edition 2"), false);
        assert!(
            ltr.contains("@bottom-left { content: \"Edition 2\";")
                && ltr.contains("@bottom-right { content: counter(page)")
        );
        let rtl = page_css("دليل", None, true);
        assert!(rtl.contains("@bottom-left { content: counter(page)") && !rtl.contains("@bottom-right { content: \""));
    }
}
