//! What a reader can take away, shown on every page (`site.downloads`): the
//! guide's and each phase's handout in the reader's language and the
//! offline zip; and `_uprkit/downloads.js`, the size of each, written once
//! the zips exist (in `serve`, once the handouts are made), with which the
//! page script shows sizes (and leaves out the zip where there is none:
//! inside the zip, in `serve`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::feature::{value, ContextMap, LanguageContext};
use crate::engine::i18n::phase_name;
use crate::engine::output::{Contents, OutputFile};
use crate::engine::templates::THEME_OUTPUT_DIR;

#[derive(Debug, Serialize)]
struct Downloads {
    /// The whole guide's handout, from the site's root.
    guide: String,
    /// Its PDF, if the build makes this language's.
    guide_pdf: Option<String>,
    /// One handout per phase with pages in this language.
    phases: Vec<PhaseHandout>,
    /// The offline copy of the site in this language.
    zip: String,
    /// The package for a learning platform (SCORM 1.2).
    scorm: String,
}

#[derive(Debug, Serialize)]
struct PhaseHandout {
    id: String,
    name: String,
    href: String,
    pdf: Option<String>,
}

/// `site.downloads` for the language at `language`.
pub(super) fn site_context(build: &LanguageContext, out: &mut ContextMap) {
    let (language, strings) = (build.language, build.strings);
    let path = |name: &str| format!("handouts/{}/{name}", language.lang);
    // Links to the PDFs the build makes: none for a guide too long to
    // typeset unless asked (they were links to nothing).
    let pdf = super::pdf::makes_pdfs(build.config, language.entries.len());
    let pdf_path = |name: &str| pdf.then(|| path(&format!("{name}.pdf")));
    let phases = build
        .config
        .phases
        .iter()
        .filter(|phase| language.has_phase(&phase.id))
        .map(|phase| PhaseHandout {
            id: phase.id.clone(),
            name: phase_name(strings, &phase.id),
            href: path(&format!("{}.html", phase.id)),
            pdf: pdf_path(&phase.id),
        })
        .collect();
    out.insert(
        "downloads",
        value(Some(Downloads {
            guide: path("guide.html"),
            guide_pdf: pdf_path("guide"),
            phases,
            zip: path("site.zip"),
            scorm: path("scorm.zip"),
        })),
    );
}

/// `_uprkit/downloads.js` for the files whose sizes are `sizes` (path
/// from the root → bytes), of every file under `handouts/` but the
/// facilitator editions, which are linked from nowhere: made from the
/// output folder by a build, from the handouts made in memory by `serve`,
/// which has no zips.
pub(super) fn sizes_file(sizes: &BTreeMap<String, u64>) -> OutputFile {
    let sizes: BTreeMap<&String, &u64> = sizes
        .iter()
        .filter(|(path, _)| !path.rsplit('/').next().is_some_and(|name| name.starts_with("facilitator")))
        .collect();
    let script = format!("window.uprkitSizes = {};\n", serde_json::to_string(&sizes).expect("sizes serialize"));
    OutputFile { path: format!("{THEME_OUTPUT_DIR}/downloads.js"), contents: Contents::Bytes(script.into_bytes()) }
}
