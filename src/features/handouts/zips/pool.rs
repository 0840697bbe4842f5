//! What the zips hold, compressed once: every file of the site and every
//! notice a zip holds in place of a page it leaves out, deflated in
//! parallel into a few archives written beside the site (so that memory
//! does not grow with it), to copy compressed into each zip that holds it.
//!
//! The archives are written here rather than through the zip crate: it
//! sets up a new compressor for each file (some hundred kilobytes, zeroed),
//! which cost more than compressing the many small files and notices; one
//! compressor per thread, reset between files, does the same work.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::engine::error::{Error, Result};

/// The archives, opened for reading: where the zips copy entries from.
pub type Archives = Vec<zip::ZipArchive<std::io::BufReader<std::fs::File>>>;

/// One entry to compress: a file of the site, or text made for the zips.
pub enum Source<'a> {
    File(&'a Path),
    Text(String),
}

/// The compressed entries, in archives beside the site.
pub struct Pool {
    paths: Vec<PathBuf>,
    /// For each entry, in the order given: (archive, entry index in it).
    place: Vec<(usize, usize)>,
}

/// An archive being written, and which it is among the pool's.
struct Open {
    archive: usize,
    zip: RawZip<std::io::BufWriter<std::fs::File>>,
}

/// The archives of the pool as they are made: those finished, and the one
/// each thread is writing.
struct Slots<'d> {
    dir: &'d Path,
    paths: Mutex<Vec<PathBuf>>,
    open: Vec<Mutex<Option<Open>>>,
}

impl Slots<'_> {
    /// A new archive, numbered in the pool.
    fn start(&self) -> Result<Open> {
        let mut paths = self.paths.lock().expect("no panics while holding the lock");
        let path = self.dir.join(format!(".uprkit-zip-pool-{}", paths.len()));
        let file = std::fs::File::create(&path).map_err(Error::io("cannot write", &path))?;
        paths.push(path);
        Ok(Open { archive: paths.len() - 1, zip: RawZip::new(std::io::BufWriter::new(file)) })
    }

    fn path(&self, archive: usize) -> PathBuf {
        self.paths.lock().expect("no panics while holding the lock")[archive].clone()
    }

    /// Adds an entry to the calling thread's archive (a new one when it is
    /// full): where it is.
    fn add(&self, name: &str, entry: &Deflated) -> Result<(usize, usize)> {
        let slot = rayon::current_thread_index().unwrap_or(0) % self.open.len();
        let mut open = self.open[slot].lock().expect("no panics while holding the lock");
        if open.as_ref().is_some_and(|open| open.zip.is_full()) {
            let full = open.take().expect("checked above");
            let path = self.path(full.archive);
            full.zip.finish().and_then(|mut file| file.flush()).map_err(Error::io("cannot write", &path))?;
        }
        if open.is_none() {
            *open = Some(self.start()?);
        }
        let open = open.as_mut().expect("set above");
        let path = || self.path(open.archive);
        let index = open.zip.add(name, entry).map_err(|error| Error::Io {
            action: "cannot write",
            path: path(),
            source: error,
        })?;
        Ok((open.archive, index))
    }

    fn finish(self) -> Result<Vec<PathBuf>> {
        let paths = self.paths.into_inner().expect("no panics while holding the lock");
        for open in self.open {
            if let Some(open) = open.into_inner().expect("no panics while holding the lock") {
                let path = &paths[open.archive];
                open.zip.finish().and_then(|mut file| file.flush()).map_err(Error::io("cannot write", path))?;
            }
        }
        Ok(paths)
    }
}

impl Source<'_> {
    fn bytes(&self) -> Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            Source::File(path) => std::borrow::Cow::Owned(std::fs::read(path).map_err(Error::io("cannot read", path))?),
            Source::Text(text) => std::borrow::Cow::Borrowed(text.as_bytes()),
        })
    }
}

impl Pool {
    /// Compresses every entry once, in parallel (named by its index: the
    /// zips give it its name), or takes it compressed from the `previous`
    /// build's zips where its bytes are the same.
    pub fn compress(dir: &Path, sources: Vec<Source<'_>>, previous: Option<&Previous>) -> Result<Pool> {
        let slots = Slots {
            dir,
            paths: Mutex::new(Vec::new()),
            open: (0..rayon::current_num_threads().max(1)).map(|_| Mutex::new(None)).collect(),
        };
        let previous = match previous {
            Some(previous) if previous.same_compressor(&sources)? => Some(previous),
            _ => None,
        };
        let place = sources
            .into_par_iter()
            .enumerate()
            .map_init(Deflater::new, |deflater, (index, source)| {
                let bytes = source.bytes()?;
                let entry = match previous.and_then(|previous| previous.take(index, &bytes)) {
                    Some(entry) => entry,
                    None => deflater.deflate(&bytes),
                };
                slots.add(&index.to_string(), &entry)
            })
            .collect::<Result<Vec<_>>>();
        let paths = slots.finish();
        let pool = Pool { paths: paths?, place: Vec::new() };
        match place {
            Ok(place) => Ok(Pool { place, ..pool }),
            Err(error) => {
                pool.remove()?;
                Err(error)
            }
        }
    }

    /// The archives, opened for reading.
    pub fn open(&self) -> Result<Archives> {
        self.paths
            .iter()
            .map(|path| {
                let file = std::fs::File::open(path).map_err(Error::io("cannot read", path))?;
                zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|error| Error::Io {
                    action: "cannot read",
                    path: path.clone(),
                    source: std::io::Error::other(error),
                })
            })
            .collect()
    }

    /// Copies the entry `index`, compressed, into `zip` as `name`.
    pub fn copy<W: std::io::Write + std::io::Seek>(
        &self,
        archives: &mut Archives,
        index: usize,
        zip: &mut zip::ZipWriter<W>,
        name: String,
    ) -> std::result::Result<(), zip::result::ZipError> {
        let (archive, entry) = self.place[index];
        let file = archives[archive].by_index_raw(entry)?;
        zip.raw_copy_file_rename(file, name)
    }

    pub fn remove(&self) -> Result<()> {
        for path in &self.paths {
            std::fs::remove_file(path).map_err(Error::io("cannot remove", path))?;
        }
        Ok(())
    }
}

/// The zips of the previous build, open, and where each entry of the pool
/// (by its index) was in them: an entry whose bytes are the same is
/// taken compressed from there rather than compressed again, which is most
/// of what a build into an existing output spends on its zips. Only while
/// this build's compressor makes the bytes the previous one made (checked
/// on one file first), so that a build into an existing output is byte for
/// byte one into an empty folder.
pub struct Previous {
    /// Read at places, by one thread at a time (they are big on a big site).
    zips: Vec<Option<Mutex<std::fs::File>>>,
    /// For each entry of the pool: where it was, if it was.
    stored: Vec<Option<Stored>>,
    /// For the first entries of the pool, files of the site: the same file
    /// of the previous build, from which its zips were made.
    files: Vec<PathBuf>,
}

/// An entry of a previous zip: in which, where its compressed bytes are,
/// and what the zip records of the file.
struct Stored {
    zip: usize,
    start: usize,
    end: usize,
    crc32: u32,
    size: u64,
}

impl Previous {
    /// Reads the `zips` (a zip that cannot be read is no loss: its files
    /// are compressed again); `names`, for each entry of the pool, the zip
    /// (index in `zips`) and name it had there; `files`, the previous
    /// build's file for each of the first entries.
    pub fn read(
        zips: impl Iterator<Item = PathBuf>,
        names: Vec<Option<(usize, String)>>,
        files: Vec<PathBuf>,
    ) -> Previous {
        let zips: Vec<Option<std::fs::File>> = zips.map(|path| std::fs::File::open(path).ok()).collect();
        let mut archives: Vec<Option<zip::ZipArchive<std::io::BufReader<&std::fs::File>>>> =
            zips.iter().map(|file| zip::ZipArchive::new(std::io::BufReader::new(file.as_ref()?)).ok()).collect();
        let stored = names
            .into_iter()
            .map(|name| {
                let (zip, name) = name?;
                let archive = archives.get_mut(zip)?.as_mut()?;
                let index = archive.index_for_name(&name)?;
                let file = archive.by_index_raw(index).ok()?;
                if file.compression() != zip::CompressionMethod::Deflated || file.encrypted() {
                    return None;
                }
                let start = usize::try_from(file.data_start()).ok()?;
                let end = start.checked_add(usize::try_from(file.compressed_size()).ok()?)?;
                Some(Stored { zip, start, end, crc32: file.crc32(), size: file.size() })
            })
            .collect();
        drop(archives);
        let zips = zips.into_iter().map(|file| file.map(Mutex::new)).collect();
        Previous { zips, stored, files }
    }

    /// The entry `index` as the previous build compressed it, if its bytes
    /// were `bytes`: the same size and checksum, and the same bytes, as the
    /// previous build's file from which it was made has them, or else
    /// inflated (a notice, made for the zips only).
    fn take(&self, index: usize, bytes: &[u8]) -> Option<Deflated> {
        let stored = self.stored.get(index)?.as_ref()?;
        if stored.size != bytes.len() as u64 {
            return None;
        }
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        if crc.sum() != stored.crc32 {
            return None;
        }
        let mut compressed = vec![0; stored.end - stored.start];
        {
            use std::io::{Read as _, Seek as _};
            let mut zip = self.zips.get(stored.zip)?.as_ref()?.lock().expect("no panics while holding the lock");
            zip.seek(std::io::SeekFrom::Start(stored.start as u64)).ok()?;
            zip.read_exact(&mut compressed).ok()?;
        }
        let same_file =
            self.files.get(index).and_then(|file| std::fs::read(file).ok()).is_some_and(|file| file == bytes);
        if !same_file && !inflates_to(&compressed, bytes) {
            return None;
        }
        Some(Deflated { crc32: stored.crc32, size: stored.size, bytes: compressed })
    }

    /// Whether this build's compressor makes the bytes the previous one
    /// made: tried on the first entry (of a few) found unchanged.
    fn same_compressor(&self, sources: &[Source<'_>]) -> Result<bool> {
        let candidates =
            sources.iter().enumerate().filter(|(index, _)| self.stored.get(*index).is_some_and(Option::is_some));
        for (index, source) in candidates.take(16) {
            let bytes = source.bytes()?;
            if let Some(entry) = self.take(index, &bytes) {
                return Ok(Deflater::new().deflate(&bytes).bytes == entry.bytes);
            }
        }
        Ok(false)
    }
}

/// Whether the raw deflate stream `compressed` holds exactly `bytes`.
fn inflates_to(compressed: &[u8], bytes: &[u8]) -> bool {
    let mut inflater = flate2::Decompress::new(false);
    // One byte of room more than expected: a longer stream shows.
    let mut out = Vec::with_capacity(bytes.len() + 1);
    matches!(
        inflater.decompress_vec(compressed, &mut out, flate2::FlushDecompress::Finish),
        Ok(flate2::Status::StreamEnd)
    ) && out == bytes
}

/// A file compressed (raw deflate), with what a zip records of it.
struct Deflated {
    crc32: u32,
    size: u64,
    bytes: Vec<u8>,
}

/// One compressor, reset for each file, at the zips' level (1).
struct Deflater(flate2::Compress);

impl Deflater {
    fn new() -> Deflater {
        Deflater(flate2::Compress::new(flate2::Compression::new(1), false))
    }

    /// The same stream the zip crate writes for a file (its writer gives
    /// the compressor all the input, 32 KiB of room at a time, then
    /// finishes with no input), so that the zips are byte for byte those
    /// it would make.
    fn deflate(&mut self, bytes: &[u8]) -> Deflated {
        const ROOM: usize = 32 * 1024;
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        self.0.reset();
        let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
        let mut chunk = Vec::with_capacity(ROOM);
        let mut run = |compress: &mut flate2::Compress, input: &[u8], flush| {
            chunk.clear();
            if let Err(error) = compress.compress_vec(input, &mut chunk, flush) {
                unreachable!("deflate refused its own stream: {error}");
            }
            out.extend_from_slice(&chunk);
        };
        while let Some(rest) = bytes.get(usize::try_from(self.0.total_in()).expect("a file in memory")..) {
            if rest.is_empty() {
                break;
            }
            run(&mut self.0, rest, flate2::FlushCompress::None);
        }
        loop {
            let before = self.0.total_out();
            run(&mut self.0, &[], flate2::FlushCompress::Finish);
            if self.0.total_out() == before {
                break;
            }
        }
        Deflated { crc32: crc.sum(), size: bytes.len() as u64, bytes: out }
    }
}

/// A zip archive of deflated entries written as they come (no zip64: a new
/// archive is started before one needs it), read back by the zip crate.
struct RawZip<W> {
    out: W,
    offset: u64,
    central: Vec<u8>,
    count: usize,
}

/// Where an archive is full: below the zip format's limits without zip64
/// (65,535 entries, 4 GiB).
const MAX_ENTRIES: usize = 60_000;
const MAX_OFFSET: u64 = 3 << 30;

impl<W: std::io::Write> RawZip<W> {
    fn new(out: W) -> RawZip<W> {
        RawZip { out, offset: 0, central: Vec::new(), count: 0 }
    }

    fn is_full(&self) -> bool {
        self.count >= MAX_ENTRIES || self.offset >= MAX_OFFSET
    }

    /// Writes the entry and returns its index.
    fn add(&mut self, name: &str, entry: &Deflated) -> std::io::Result<usize> {
        let too_big = || std::io::Error::other("a file too big for the zip format without zip64");
        let compressed = u32::try_from(entry.bytes.len()).map_err(|_| too_big())?;
        let size = u32::try_from(entry.size).map_err(|_| too_big())?;
        let offset = u32::try_from(self.offset).map_err(|_| too_big())?;
        let name_length = u16::try_from(name.len()).map_err(|_| too_big())?;
        // Version 2.0, UTF-8 names, deflated, 1980-01-01 00:00 (as the zips' own entries).
        let common = |header: &mut Vec<u8>| {
            header.extend_from_slice(&20u16.to_le_bytes());
            header.extend_from_slice(&0x0800u16.to_le_bytes());
            header.extend_from_slice(&8u16.to_le_bytes());
            header.extend_from_slice(&0u16.to_le_bytes());
            header.extend_from_slice(&0x21u16.to_le_bytes());
            header.extend_from_slice(&entry.crc32.to_le_bytes());
            header.extend_from_slice(&compressed.to_le_bytes());
            header.extend_from_slice(&size.to_le_bytes());
            header.extend_from_slice(&name_length.to_le_bytes());
            header.extend_from_slice(&0u16.to_le_bytes());
        };
        let mut local = Vec::with_capacity(30 + name.len());
        local.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut local);
        local.extend_from_slice(name.as_bytes());
        self.out.write_all(&local)?;
        self.out.write_all(&entry.bytes)?;
        self.central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central.extend_from_slice(&20u16.to_le_bytes());
        common(&mut self.central);
        // Comment length, disk, internal and external attributes, offset.
        self.central.extend_from_slice(&[0; 10]);
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        self.offset += local.len() as u64 + entry.bytes.len() as u64;
        self.count += 1;
        Ok(self.count - 1)
    }

    /// Writes the central directory; the writer is given back.
    fn finish(mut self) -> std::io::Result<W> {
        let count = u16::try_from(self.count).map_err(std::io::Error::other)?;
        let size = u32::try_from(self.central.len()).map_err(std::io::Error::other)?;
        let offset = u32::try_from(self.offset).map_err(std::io::Error::other)?;
        self.out.write_all(&self.central)?;
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        end.extend_from_slice(&[0; 4]);
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&size.to_le_bytes());
        end.extend_from_slice(&offset.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        self.out.write_all(&end)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zip_crate_reads_back_what_was_written() {
        let text = "Le texte d'une page, répété. ".repeat(200);
        let mut zip = RawZip::new(std::io::Cursor::new(Vec::new()));
        let mut deflater = Deflater::new();
        assert_eq!(zip.add("a.html", &deflater.deflate(text.as_bytes())).unwrap(), 0);
        assert_eq!(zip.add("é/b.txt", &deflater.deflate(b"")).unwrap(), 1);
        let bytes = zip.finish().unwrap().into_inner();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut read = String::new();
        std::io::Read::read_to_string(&mut archive.by_index(0).unwrap(), &mut read).unwrap();
        assert_eq!(read, text);
        let second = archive.by_index(1).unwrap();
        assert_eq!((second.name(), second.size()), ("é/b.txt", 0));
        assert_eq!(second.compression(), zip::CompressionMethod::Deflated);
    }
}
