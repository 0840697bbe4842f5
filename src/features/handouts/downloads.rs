//! What a reader can take away, shown on every page (`site.downloads`): the
//! guide's and each phase's handout in the reader's language and the
//! offline zip; and `_uprkit/downloads.js`, the size of each, written once
//! the zips exist (in `serve`, once the handouts are made), with which the
//! page script shows sizes (and leaves out the zip where there is none:
//! inside the zip, in `serve`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::engine::error::{Error, Result};
use crate::engine::feature::{value, BuildContext, ContextMap};
use crate::engine::i18n::phase_name;
use crate::engine::output::{Contents, OutputFile};
use crate::engine::templates::THEME_OUTPUT_DIR;

#[derive(Debug, Serialize)]
struct Downloads {
    /// The whole guide's handout, from the site's root.
    guide: String,
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
}

/// `site.downloads` for the language at `language`.
pub(super) fn site_context(build: &BuildContext, language: usize, out: &mut ContextMap) {
    let language = &build.site.languages[language];
    let strings = &build.theme.strings[&language.lang];
    let path = |name: &str| format!("handouts/{}/{name}", language.lang);
    let phases = build
        .config
        .phases
        .iter()
        .filter(|phase| language.has_phase(&phase.id))
        .map(|phase| PhaseHandout {
            id: phase.id.clone(),
            name: phase_name(strings, &phase.id),
            href: path(&format!("{}.html", phase.id)),
        })
        .collect();
    out.insert(
        "downloads",
        value(Some(Downloads { guide: path("guide.html"), phases, zip: path("site.zip"), scorm: path("scorm.zip") })),
    );
}

/// `_uprkit/downloads.js`: `window.uprkitSizes`, bytes by path from the
/// root, of every file under `handouts/`.
pub(super) fn sizes_script(dir: &Path) -> Result<()> {
    let mut sizes = BTreeMap::new();
    for (rel, path) in crate::engine::templates::files_under(&dir.join("handouts"))? {
        // The facilitator editions are linked from nowhere: not named here either.
        if rel.rsplit('/').next().is_some_and(|name| name.starts_with("facilitator")) {
            continue;
        }
        let bytes = std::fs::metadata(&path).map_err(Error::io("cannot read", &path))?.len();
        sizes.insert(format!("handouts/{rel}"), bytes);
    }
    let file = sizes_file(&sizes);
    let target = dir.join(&file.path);
    let Contents::Bytes(script) = file.contents else { unreachable!("made as bytes") };
    std::fs::write(&target, script).map_err(Error::io("cannot write", &target))
}

/// `_uprkit/downloads.js` for the files whose sizes are `sizes` (path
/// from the root → bytes): made from the output folder by a build, from
/// the handouts made in memory by `serve`, which has no zips.
pub(super) fn sizes_file(sizes: &BTreeMap<String, u64>) -> OutputFile {
    let script = format!("window.uprkitSizes = {};\n", serde_json::to_string(sizes).expect("sizes serialize"));
    OutputFile { path: format!("{THEME_OUTPUT_DIR}/downloads.js"), contents: Contents::Bytes(script.into_bytes()) }
}

/// Keeps the size of a handout made in memory, for [`sizes_file`].
pub(super) fn note_size(sizes: &std::sync::Mutex<BTreeMap<String, u64>>, file: &OutputFile) -> Result<()> {
    let bytes = file.contents.read().map_err(Error::io("cannot read", Path::new(&file.path)))?.len() as u64;
    sizes.lock().expect("no panics while holding the lock").insert(file.path.clone(), bytes);
    Ok(())
}
