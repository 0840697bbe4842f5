//! `uprkit init`: writes the built-in example toolkit, which is the bundled
//! sample in this repository's `content/` and `uprkit.yaml`.

use std::path::Path;

use rust_embed::RustEmbed;

use crate::engine::config::CONFIG_FILE;
use crate::engine::error::{Error, Result};

#[derive(RustEmbed)]
#[folder = "content/"]
struct SampleContent;

const SAMPLE_CONFIG: &str = include_str!("../uprkit.yaml");

/// Writes the example toolkit into `dir`, which must be new or empty.
/// Returns the number of files written.
pub fn init(dir: &Path) -> Result<usize> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(Error::io("cannot read", dir))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "{} is not empty: choose a new folder, uprkit init never overwrites files",
                dir.display()
            )));
        }
    }
    let config = dir.join(CONFIG_FILE);
    std::fs::create_dir_all(dir).map_err(Error::io("cannot create folder", dir))?;
    std::fs::write(&config, SAMPLE_CONFIG).map_err(Error::io("cannot write", &config))?;
    let mut written = 1;
    for name in SampleContent::iter() {
        let file = SampleContent::get(&name).expect("listed by the embed");
        let path = dir.join("content").join(name.as_ref());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("cannot create folder", parent))?;
        }
        std::fs::write(&path, &file.data).map_err(Error::io("cannot write", &path))?;
        written += 1;
    }
    Ok(written)
}
