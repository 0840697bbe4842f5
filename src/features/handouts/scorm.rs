//! SCORM 1.2 packages, for the learning platforms NGOs use (Moodle,
//! Chamilo, Totara): `handouts/<lang>/scorm.zip`, one SCO per phase, and
//! `handouts/<lang>/scorm-<phase>.zip`, one phase alone. Each SCO is the
//! phase's handout as built (one file, its images inlined, its checklists
//! working); the page script reports it completed to the platform once
//! every checklist item in it is ticked, or, with no checklist, once the
//! reader reaches its end. A start page, `index.html`, lists the parts, so
//! the package also opens on its own, without a platform.
//!
//! One SCO per phase rather than per page: a page's links lead to other
//! pages, and a SCO that the reader leaves for another inside the same
//! frame confuses the platform's record; a phase is one file, read and
//! ticked in one place, and is a unit a course can be built from.

use std::io::Write as _;
use std::path::Path;

use crate::engine::config::Config;
use crate::engine::error::{Error, Result};
use crate::engine::feature::document::Document;
use crate::engine::i18n::{phase_name, string_or, Language, UiStrings};
use crate::engine::markdown;
use crate::engine::templates::escape;

use super::zips::options;
use super::Selection;

/// One SCO: a phase's handout.
pub struct Part {
    pub id: String,
    pub title: String,
    /// Its file in the package: `<phase>.html`.
    pub file: String,
}

impl Part {
    /// The handout of the phase `id`, titled in the package's language.
    pub fn phase(strings: &UiStrings, id: &str) -> Part {
        Part { id: id.to_string(), title: phase_name(strings, id), file: format!("{id}.html") }
    }
}

/// A package of one language: its parts, and the title and identifier a
/// platform shows and keeps.
pub struct Package<'a> {
    parts: Vec<Part>,
    title: String,
    identifier: String,
    language: &'a Language,
    strings: &'a UiStrings,
}

impl<'a> Package<'a> {
    /// The package of `language` holding `parts`: every phase's, or, with
    /// `phase`, that phase's alone (its name then follows the guide's title).
    pub fn new(
        config: &Config,
        language: &'a Language,
        strings: &'a UiStrings,
        parts: Vec<Part>,
        phase: Option<&str>,
    ) -> Package<'a> {
        let guide = language.title.clone().unwrap_or_else(|| config.title.clone());
        let mut identifier = format!("{}-{}", markdown::slugify(&config.title), language.code);
        let title = match phase {
            Some(id) => {
                identifier.push_str(&format!("-{id}"));
                format!("{guide} · {}", phase_name(strings, id))
            }
            None => guide,
        };
        Package { parts, title, identifier, language, strings }
    }

    /// Writes it to `target`: the manifest and start page, then each part's
    /// file through `add` (which copies it, compressed already, or
    /// compresses it), in the order of the parts.
    pub(super) fn write<F>(&self, target: &Path, mut add: F) -> Result<()>
    where
        F: FnMut(&mut zip::ZipWriter<super::zips::ZipFile>, &Part) -> Result<()>,
    {
        let manifest = manifest(&self.identifier, &self.title, &self.parts);
        let direction = self.language.direction.as_str();
        let start = start_page(&self.language.code, direction, &self.title, self.strings, &self.parts);
        let mut zip = super::zips::create(target)?;
        let failed = super::zips::failed(target);
        zip.start_file("imsmanifest.xml", options()).map_err(failed)?;
        zip.write_all(manifest.as_bytes()).map_err(Error::io("cannot write", target))?;
        zip.start_file("index.html", options()).map_err(failed)?;
        zip.write_all(start.as_bytes()).map_err(Error::io("cannot write", target))?;
        for part in &self.parts {
            add(&mut zip, part)?;
        }
        zip.finish().map_err(failed)?;
        Ok(())
    }
}

/// The package's `imsmanifest.xml`: SCORM 1.2 content packaging (IMS CP
/// 1.1.2 with ADL's `adlcp` extensions), one item and one SCO resource per
/// part, and the start page as an asset.
pub fn manifest(identifier: &str, title: &str, parts: &[Part]) -> String {
    let mut items = String::new();
    let mut resources = String::new();
    for part in parts {
        let id = xml_id(&part.id);
        items.push_str(&format!(
            "      <item identifier=\"item-{id}\" identifierref=\"res-{id}\" isvisible=\"true\">\n        <title>{}</title>\n      </item>\n",
            escape(&part.title)
        ));
        resources.push_str(&format!(
            "    <resource identifier=\"res-{id}\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"{file}\">\n      <file href=\"{file}\"/>\n    </resource>\n",
            file = escape(&part.file)
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
{items}    </organization>
  </organizations>
  <resources>
{resources}    <resource identifier="res-start" type="webcontent" adlcp:scormtype="asset" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"#,
        identifier = xml_id(identifier),
        title = escape(title),
    )
}

/// An XML ID (NCName): letters, digits, `-`, `_` and `.`, starting with a letter.
fn xml_id(text: &str) -> String {
    let cleaned: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' }).collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) {
        cleaned
    } else {
        format!("id-{cleaned}")
    }
}

/// `index.html`: what opens when the package is opened on its own.
pub fn start_page(lang: &str, dir: &str, title: &str, strings: &UiStrings, parts: &[Part]) -> String {
    let links: String = parts
        .iter()
        .map(|part| format!("<li><a href=\"{}\">{}</a></li>\n", escape(&part.file), escape(&part.title)))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
         <style>body {{ font-family: system-ui, sans-serif; line-height: 1.6; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1d2430; }} a {{ color: #0a58a8; }} li {{ margin-block: 0.5rem; font-size: 1.2rem; }}</style>\n\
         </head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{intro}</p>\n<h2>{start}</h2>\n<ul>\n{links}</ul>\n</main>\n</body>\n</html>\n",
        lang = escape(lang),
        title = escape(title),
        intro = escape(&string_or(strings, "scorm_intro", "This package holds the guide for a learning platform (SCORM 1.2). It also opens on its own: choose a part.")),
        start = escape(&string_or(strings, "scorm_start", "Open a part of the guide")),
    )
}

/// `uprkit handout --scorm`: a package of each phase's handout (or the
/// phase asked for), made now.
pub(super) fn write_one(document: &Document, selection: &Selection, output: &Path) -> Result<usize> {
    let (language, strings) = (document.language(), document.cx.strings);
    let phases: Vec<&str> = document
        .cx
        .config
        .phases
        .iter()
        .map(|phase| phase.id.as_str())
        .filter(|id| selection.phase.as_deref().is_none_or(|wanted| wanted == *id) && language.has_phase(id))
        .collect();
    let mut files = Vec::new();
    for id in &phases {
        let chosen = Selection { phase: Some(id.to_string()), slides: false, scorm: false, ..selection.clone() };
        files.push(super::render(document, &chosen)?);
    }
    let parts = phases.iter().map(|id| Part::phase(strings, id)).collect();
    let package = Package::new(document.cx.config, &language.language, strings, parts, selection.phase.as_deref());
    let mut next = files.iter();
    package.write(output, |zip, part| {
        let html = next.next().expect("one file per part");
        zip.start_file(part.file.as_str(), options()).map_err(super::zips::failed(output))?;
        zip.write_all(html.as_bytes()).map_err(Error::io("cannot write", output))
    })?;
    Ok(std::fs::metadata(output).map_err(Error::io("cannot read", output))?.len() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_has_one_sco_per_part_and_escapes_titles() {
        let parts = vec![Part { id: "review".into(), title: "Review & after".into(), file: "review.html".into() }];
        let xml = manifest("1-guide-fr", "L'EPU <pour tous>", &parts);
        assert!(xml.contains("<manifest identifier=\"id-1-guide-fr\""), "{xml}");
        assert!(xml.contains("<title>L&#39;EPU &lt;pour tous&gt;</title>"), "{xml}");
        assert!(xml.contains("identifierref=\"res-review\""));
        assert!(xml.contains("adlcp:scormtype=\"sco\" href=\"review.html\""));
        assert!(xml.contains("<title>Review &amp; after</title>"));
    }
}
