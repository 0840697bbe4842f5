//! `handouts/<lang>/site.zip`: each language's site in one file, for USB
//! sticks, made from the files a build has just written. Every file is
//! compressed once, in parallel, into a few archives written beside the
//! site (so that memory does not grow with it), then copied compressed into
//! each zip that holds it (the default language's pages are in all); the
//! archives are removed.

use std::io::Write as _;

use rayon::prelude::*;

use crate::engine::config::Config;
use crate::engine::error::{Error, Result};
use crate::engine::feature::SiteContext;
use crate::engine::i18n::{Language, UiStrings};
use crate::engine::site::Urls;
use crate::engine::templates::escape;

mod pool;

use super::scorm;
use pool::{Archives, Pool, Previous, Source};

/// The folder of a zip that holds the site, beside the start file.
pub const FOLDER: &str = "site";

/// `handouts/<lang>/site.zip` for each language: that language's pages and
/// handouts, the default language's pages (the source its notices link to)
/// and the shared files (theme, assets, static files), to copy to a USB
/// stick, unpack and open from `file://`, with a start file (`<lang>.html`,
/// alone at the top; the site is in [`FOLDER`]) that opens its home page. Other languages are left out to keep the file
/// small: in their place, each of their pages is a short notice in the
/// zip's language that leads back to the same page (and online, if the
/// guide has a `base_url`), so the language switcher never leads nowhere.
/// Made from the files already written to `dir`, so it holds exactly what
/// was built; a file whose bytes are those the `previous` build's zips
/// hold is taken from them compressed ([`pool::Previous`]).
pub(super) fn site_zips(build: &SiteContext, dir: &std::path::Path, previous: Option<&std::path::Path>) -> Result<()> {
    let (config, strings, urls) = (build.config, &build.theme.strings, &build.site.urls);
    let files: Vec<(String, std::path::PathBuf)> = crate::engine::templates::files_under(dir)?
        .into_iter()
        .filter(|(rel, _)| !rel.ends_with(".zip") && rel != crate::engine::output::MARKER)
        .collect();
    let default = &config.default_language().code;
    let belongs = |language: &Language, rel: &str| {
        if let Some(rest) = rel.strip_prefix("handouts/") {
            // Participants get the zip: never the facilitator editions.
            let name = rel.rsplit('/').next().unwrap_or(rel);
            return rest.strip_prefix(language.code.as_str()).is_some_and(|rest| rest.starts_with('/'))
                && !name.starts_with("facilitator");
        }
        !config.languages.iter().any(|other| {
            other.code != language.code
                && other.code != *default
                && rel.strip_prefix(other.code.as_str()).is_some_and(|rest| rest.starts_with('/'))
        })
    };
    // Every file once, then each zip's notices in place of the pages it
    // leaves out: (the pool's entry or none) for each file, in each zip.
    let mut sources: Vec<Source> = files.iter().map(|(_, path)| Source::File(path)).collect();
    let mut entries: Vec<Vec<Option<usize>>> = Vec::with_capacity(config.languages.len());
    for language in &config.languages {
        let mut entry = Vec::with_capacity(files.len());
        for (index, (rel, _)) in files.iter().enumerate() {
            if belongs(language, rel) {
                entry.push(Some(index));
            } else if let Some(notice) = not_in_download(config, urls, &strings[&language.code], language, rel) {
                sources.push(Source::Text(notice));
                entry.push(Some(sources.len() - 1));
            } else {
                entry.push(None);
            }
        }
        entries.push(entry);
    }
    // Where each entry was in the previous build's zips: the zip of the
    // first language that holds it, under the same name.
    let mut names: Vec<Option<(usize, String)>> = (0..sources.len()).map(|_| None).collect();
    for (l, entry) in entries.iter().enumerate() {
        for ((rel, _), source) in files.iter().zip(entry) {
            if let Some(name @ None) = source.map(|source| &mut names[source]) {
                *name = Some((l, format!("{FOLDER}/{rel}")));
            }
        }
    }
    let previous = previous.map(|previous| {
        let zips =
            config.languages.iter().map(|language| previous.join(format!("handouts/{}/site.zip", language.code)));
        // The files come first among the sources: each was beside the zips too.
        let files = files.iter().map(|(rel, _)| previous.join(rel)).collect();
        Previous::read(zips, names, files)
    });
    let pool = Pool::compress(dir, sources, previous.as_ref())?;
    let zipped = config.languages.par_iter().zip(&entries).try_for_each(|(language, entries)| {
        let target = dir.join(format!("handouts/{}/site.zip", language.code));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("cannot create folder", parent))?;
        }
        let mut zip = create(&target)?;
        let zip_error = failed(&target);
        // The start file alone at the top, the site in a folder beside it:
        // the one thing to open is obvious.
        let home = format!("{FOLDER}/{}", urls.page("", &language.code));
        let start = format!(
            "<!DOCTYPE html><html lang=\"{0}\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={1}\"><title>{2}</title></head><body><p><a href=\"{1}\">{2}</a></p></body></html>\n",
            escape(&language.code),
            escape(&home),
            escape(language.title.as_deref().unwrap_or(&config.title))
        );
        zip.start_file(format!("{}.html", language.code), options()).map_err(zip_error)?;
        zip.write_all(start.as_bytes()).map_err(Error::io("cannot write", &target))?;
        let mut archives = pool.open()?;
        for ((rel, _), entry) in files.iter().zip(entries) {
            if let Some(entry) = entry {
                pool.copy(&mut archives, *entry, &mut zip, format!("{FOLDER}/{rel}")).map_err(zip_error)?;
            }
        }
        zip.finish().map_err(zip_error)?;
        scorm_zips(build, dir, language, &files, &pool, &mut archives)
    });
    pool.remove()?;
    zipped
}

/// The SCORM packages of `language` (see [`super::scorm`]), from its
/// phases' handouts as built, copied compressed from the pool.
fn scorm_zips(
    build: &SiteContext,
    dir: &std::path::Path,
    language: &Language,
    files: &[(String, std::path::PathBuf)],
    pool: &Pool,
    archives: &mut Archives,
) -> Result<()> {
    let strings = &build.theme.strings[&language.code];
    // Each phase with a handout, and where its file is among the pool's.
    let phases: Vec<(&str, usize)> = build
        .config
        .phases
        .iter()
        .filter_map(|phase| {
            let rel = format!("handouts/{}/{}.html", language.code, phase.id);
            Some((phase.id.as_str(), files.iter().position(|(file, _)| *file == rel)?))
        })
        .collect();
    if phases.is_empty() {
        return Ok(());
    }
    let mut copy = |name: &str, package: scorm::Package, indexes: &[usize]| -> Result<()> {
        let target = dir.join(format!("handouts/{}/{name}", language.code));
        let mut next = indexes.iter();
        package.write(&target, |zip, part| {
            let index = *next.next().expect("one file per part");
            pool.copy(archives, index, zip, part.file.clone()).map_err(failed(&target))
        })
    };
    let parts = phases.iter().map(|(id, _)| scorm::Part::phase(strings, id)).collect();
    let indexes: Vec<usize> = phases.iter().map(|&(_, index)| index).collect();
    copy("scorm.zip", scorm::Package::new(build.config, language, strings, parts, None), &indexes)?;
    for &(id, index) in &phases {
        let one = scorm::Package::new(build.config, language, strings, vec![scorm::Part::phase(strings, id)], Some(id));
        copy(&format!("scorm-{id}.zip"), one, &[index])?;
    }
    Ok(())
}

/// A zip's file on disk. Once a write fails (a full disk), the next are
/// dropped: the error is on its way already, and the zip crate, finding
/// the archive unfinished when it is dropped, would write again and print
/// a message of its own. Its position is kept, as the zip crate reads it.
pub struct ZipFile {
    file: std::io::BufWriter<std::fs::File>,
    position: u64,
    failed: bool,
}

impl std::io::Write for ZipFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = if self.failed { Ok(bytes.len()) } else { self.file.write(bytes) };
        match written {
            Ok(count) => {
                self.position += count as u64;
                Ok(count)
            }
            Err(error) => {
                self.failed = true;
                Err(error)
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.file.flush().inspect_err(|_| self.failed = true)
    }
}

impl std::io::Seek for ZipFile {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        if !self.failed {
            match self.file.seek(to) {
                Ok(position) => self.position = position,
                Err(error) => {
                    self.failed = true;
                    return Err(error);
                }
            }
        } else if let std::io::SeekFrom::Start(position) = to {
            self.position = position;
        } else if let std::io::SeekFrom::Current(offset) = to {
            self.position = self.position.saturating_add_signed(offset);
        }
        Ok(self.position)
    }
}

/// A new zip at `path`.
pub(super) fn create(path: &std::path::Path) -> Result<zip::ZipWriter<ZipFile>> {
    let file = std::fs::File::create(path).map_err(Error::io("cannot write", path))?;
    Ok(zip::ZipWriter::new(ZipFile { file: std::io::BufWriter::new(file), position: 0, failed: false }))
}

/// A zip's error at `path`, the system's own when it is one (a full disk
/// is then said as such).
pub(super) fn failed(path: &std::path::Path) -> impl Fn(zip::result::ZipError) -> Error + Copy + '_ {
    move |error| Error::Io {
        action: "cannot write",
        path: path.to_path_buf(),
        source: match error {
            zip::result::ZipError::Io(error) => error,
            other => std::io::Error::other(other),
        },
    }
}

/// How each file is stored: compressed fast, with a fixed time so that
/// two builds of the same input are byte-identical.
pub(super) fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default())
}

/// What a language's zip holds in place of a page `rel` of a language it
/// leaves out: a notice in the zip's language, linking to the same page in
/// that language and, with a `base_url`, to the page online. `None` for
/// files that are not pages of a left-out language.
fn not_in_download(
    config: &Config,
    urls: &Urls,
    strings: &UiStrings,
    zip_language: &Language,
    rel: &str,
) -> Option<String> {
    let (code, rest) = rel.split_once('/')?;
    let missing = config.languages.iter().find(|l| l.code == code && l.code != config.default_language().code)?;
    if !rest.ends_with(".html") || missing.code == zip_language.code {
        return None;
    }
    let string = |key: &str, fallback: &str| escape(strings.get(key).map_or(fallback, String::as_str));
    let root = crate::engine::site::root_prefix(rel.matches('/').count());
    let same_page = format!("{}{rest}", urls.file("", &zip_language.code, ""));
    let template = string("not_in_download", "The {language} version is not in this download.");
    let message = template.replace("{language}", &escape(&missing.name));
    // The name keeps its own language and direction inside the sentence.
    let name = format!("<bdi lang=\"{}\">{}</bdi>", escape(&missing.code), escape(&missing.name));
    let sentence = template.replace("{language}", &name);
    let online = match &config.base_url {
        Some(base) => format!(
            "<li><a href=\"{}/{}\">{}</a></li>\n",
            escape(base),
            escape(&urls.href(rel)),
            string("read_online", "Read it online")
        ),
        None => String::new(),
    };
    Some(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{message}</title>\n\
         <link rel=\"stylesheet\" href=\"{root}{theme}/uprkit.css\">\n</head>\n<body>\n\
         <main id=\"main\" class=\"not-in-download\">\n<p>{sentence}</p>\n<ul>\n\
         <li><a href=\"{root}{back}\">{back_text}</a></li>\n{online}</ul>\n</main>\n</body>\n</html>\n",
        lang = escape(&zip_language.code),
        dir = zip_language.direction.as_str(),
        theme = crate::engine::templates::THEME_OUTPUT_DIR,
        back = escape(&same_page),
        back_text = string("back_to_page", "Back to this page"),
    ))
}
