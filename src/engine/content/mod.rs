//! Loading and pure parsing of the toolkit's content: front matter, pages,
//! sections and the assets beside them. Only [`loader`] touches the disk.

pub mod front_matter;
pub mod loader;
pub mod page;

pub use front_matter::FrontMatter;
pub use loader::{load, Asset, Loaded};
pub use page::{body_hash, Page, PageKind};
