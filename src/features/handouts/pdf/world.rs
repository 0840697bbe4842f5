//! What Typst reads when it typesets a guide: the guide's markup, its
//! images, and the fonts. The fonts are the theme's (Noto Sans, Noto Sans
//! Mono and Noto Naskh Arabic, OFL, in the binary: Latin, Cyrillic, Greek
//! and Arabic need nothing installed), the toolkit's `fonts/` folder (or
//! the one `fonts:` names), then the system's (Chinese, and any other
//! script). Nothing is read from the network.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::{FontPath, FontStore};

/// Typst's standard library, made once.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The theme's fonts, parsed once.
static BUILT_IN: LazyLock<Vec<(Font, FontInfo)>> = LazyLock::new(|| {
    crate::engine::templates::built_in_fonts()
        .flat_map(|data| {
            Font::iter(Bytes::new(data)).map(|font| {
                let info = font.info().clone();
                (font, info)
            })
        })
        .collect()
});

/// The system's fonts, found once per run (`serve` keeps them).
static SYSTEM: OnceLock<Vec<(PathBuf, u32, FontInfo)>> = OnceLock::new();

/// The system's fonts: found by the first caller, or waited for.
fn system() -> &'static [(PathBuf, u32, FontInfo)] {
    SYSTEM.get_or_init(|| typst_kit::fonts::system().map(|(path, info)| (path.path, path.index, info)).collect())
}

/// Starts looking for the system's fonts, beside the rest of the build:
/// reading each font's table of characters takes a while.
pub(super) fn find_system_fonts_soon() {
    if SYSTEM.get().is_none() {
        std::thread::spawn(system);
    }
}

/// The fonts a guide is set in.
pub(super) struct Fonts {
    store: FontStore,
    /// Whether some font has a character, as found: a Chinese guide asks
    /// of a thousand characters in each of its PDFs, and each answer looks
    /// through every font's coverage.
    covered: Mutex<HashMap<char, bool>>,
}

impl Fonts {
    /// The theme's fonts, those of the folder `dir` (if it exists), and the
    /// system's.
    pub fn new(dir: Option<&Path>) -> Fonts {
        let mut store = FontStore::new();
        for (font, info) in BUILT_IN.iter() {
            store.push((font.clone(), info.clone()));
        }
        if let Some(dir) = dir.filter(|dir| dir.is_dir()) {
            store.extend(typst_kit::fonts::scan(dir));
        }
        for (path, index, info) in system() {
            store.push((FontPath { path: path.clone(), index: *index }, info.clone()));
        }
        Fonts { store, covered: Mutex::default() }
    }

    /// What tells these fonts from others: the families, styles and
    /// characters of each (a font installed or removed changes it).
    pub fn id(&self) -> u128 {
        typst::utils::hash128(self.store.book())
    }

    /// Whether some font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        if let Some(&known) = self.covered.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(&c) {
            return known;
        }
        let book = self.store.book();
        let covers = (0..).map_while(|i| book.info(i)).any(|info| info.coverage.contains(c as u32));
        self.covered.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(c, covers);
        covers
    }
}

/// The id of a file of the world (`/main.typ`, `/img/3.png`): the same
/// path, the same id, in every guide (Typst keeps ids for the whole run).
fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("uprkit's own paths are valid");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// One guide's world: its markup as `/main.typ`, and its images.
pub(super) struct GuideWorld {
    fonts: Arc<Fonts>,
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl GuideWorld {
    pub fn new(fonts: Arc<Fonts>, markup: String, images: Vec<(String, Vec<u8>)>) -> GuideWorld {
        let main = Source::new(file_id("/main.typ"), markup);
        let files = images.into_iter().map(|(path, bytes)| (file_id(&path), Bytes::new(bytes))).collect();
        GuideWorld { fonts, main, files }
    }

    pub fn source(&self) -> &Source {
        &self.main
    }
}

impl World for GuideWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match self.files.get(&id) {
            Some(bytes) => Ok(bytes.clone()),
            None if id == self.main.id() => Ok(Bytes::from_string(self.main.text().to_string())),
            None => Err(FileError::NotFound(PathBuf::from(id.get().vpath().get_without_slash()))),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.store.font(index)
    }

    /// No date: the PDF is the same whenever it is made.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Markup` asks the fonts only of characters beyond ASCII: the theme's
    /// own font must have every printable one.
    #[test]
    fn the_theme_s_fonts_have_every_printable_ascii_character() {
        let missing: String =
            (' '..='~').filter(|&c| !BUILT_IN.iter().any(|(_, info)| info.coverage.contains(c as u32))).collect();
        assert_eq!(missing, "");
    }
}
