//! The command line: one argument struct per subcommand; doc comments are the help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Build multilingual UPR toolkits: Markdown in, an offline-ready website out.
#[derive(Debug, Parser)]
#[command(name = "uprkit", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors and warnings.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print the time each build step took.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new toolkit in DIR: the full sample guide, or a small one to fill in (--minimal).
    Init(InitArgs),
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Build, serve on this computer and rebuild when a file changes.
    Serve(ServeArgs),
    /// Check links and translations: what is broken, and what is left to translate or update.
    Check(CheckArgs),
    /// Write one self-contained HTML file of the guide, to read offline or print.
    Handout(HandoutArgs),
    /// Copy the built-in templates into the toolkit, to change them.
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Start the translation of the theme's words into a new language.
    #[command(subcommand)]
    I18n(I18nCommand),
    /// Translate the guide's pages with gettext PO files (Poedit, Weblate, Crowdin).
    #[command(subcommand)]
    Translate(TranslateCommand),
    /// Write the manual pages (uprkit.1, uprkit-build.1, ..., uprkit-formats.5) into DIR, for packagers.
    #[command(hide = true)]
    Manual {
        /// The folder to write the pages into.
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (must be new or empty).
    pub dir: PathBuf,
    /// A small toolkit to fill in: one page per phase and a glossary of two terms.
    #[arg(long, conflicts_with = "example")]
    pub minimal: bool,
    /// The full sample guide, in six languages (what init writes without --minimal).
    #[arg(long)]
    pub example: bool,
    /// The languages of a small toolkit, the default first: --languages en,fr,ar (implies --minimal).
    #[arg(long, value_name = "CODES", value_delimiter = ',', conflicts_with = "example")]
    pub languages: Vec<String>,
    /// Where the guide will be published: a recipe for GitHub Pages, GitLab Pages, or none.
    #[arg(long, value_enum, default_value_t = crate::scaffold::deploy::Deploy::Github)]
    pub deploy: crate::scaffold::deploy::Deploy,
}

#[derive(Debug, Args)]
pub struct RootArgs {
    /// The toolkit folder (holding uprkit.yaml). Default: the current folder or the nearest one above it.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Also publish pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Where to write the site. Default: `public` in the toolkit folder.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The address the site is published at, instead of base_url in uprkit.yaml (publishing recipes set it).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Links without index.html, for web hosting (pretty_urls: true in uprkit.yaml).
    #[arg(long)]
    pub pretty_urls: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// The port to listen on.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Anything but 127.0.0.1 makes the site visible to other computers.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also write the translation status as a page to share, to FILE (outside the toolkit, or in its output folder).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Exit with code 1 when anything is left to translate, update or stamp, not only on errors.
    #[arg(long)]
    pub strict: bool,
    /// Record in these translations that they follow the current version of their source.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub stamp: Vec<PathBuf>,
    /// Show what changed in a translation's source since it was stamped (from the toolkit's git history); for a PO
    /// file (po/fr/x.po), each fuzzy entry's text against the text it was translated from.
    #[arg(long, value_name = "FILE")]
    pub diff: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HandoutArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// The language of the handout. Default: the site's default language.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Only the pages of this phase.
    #[arg(long, value_name = "ID")]
    pub phase: Option<String>,
    /// Only the pages for this audience (cso, nhri, ingo, state, media, parliament, academia).
    #[arg(long, value_name = "ID", conflicts_with = "scorm")]
    pub audience: Option<String>,
    /// The facilitator edition: with the notes for trainers (> [!FACILITATOR]); with --slides, the presenter's notes.
    #[arg(long)]
    pub facilitator: bool,
    /// Only this page, such as review/adoption (its path under content/ without `.md`).
    #[arg(long, value_name = "PAGE", conflicts_with = "scorm")]
    pub page: Option<String>,
    /// A deck of slides to present (each `##` section a slide; P opens the presenter's window).
    #[arg(long, conflicts_with = "scorm")]
    pub slides: bool,
    /// With --slides: a workshop's deck (workshops/NAME.yaml), its pages and sections in the agenda's order.
    #[arg(long, value_name = "NAME", requires = "slides", conflicts_with_all = ["page", "phase", "audience"])]
    pub workshop: Option<String>,
    /// A SCORM 1.2 package (.zip) for a learning platform: one part per phase (or the phase asked for). It is for
    /// learners, so never with --facilitator.
    #[arg(long, conflicts_with = "facilitator")]
    pub scorm: bool,
    /// A PDF with numbered contents, typeset by uprkit (no browser needed).
    #[arg(long, conflicts_with_all = ["slides", "scorm"])]
    pub pdf: bool,
    /// With --pdf: the paper (default: `paper:` in uprkit.yaml, or A4).
    #[arg(long, value_enum, requires = "pdf")]
    pub paper: Option<crate::features::handouts::Paper>,
    /// The file to write: outside the toolkit, or in its output folder (never a facilitator edition).
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Copy built-in templates (all, or the ones named) into the toolkit's templates/, where they override the built-in ones.
    Eject(EjectArgs),
}

#[derive(Debug, Args)]
pub struct EjectArgs {
    /// The templates to copy, such as base.html or partials/pager.html. Default: every one.
    pub files: Vec<String>,
    /// The toolkit folder (holding uprkit.yaml). Default: the current folder or the nearest one above it.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Write the copies into DIR instead of the toolkit's templates/ (to compare with yours).
    #[arg(long, value_name = "DIR")]
    pub to: Option<PathBuf>,
    /// Replace copies already there.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum TranslateCommand {
    /// Write po/templates/<page>.pot: each page's headings, paragraphs, items and cells to translate.
    Extract(RootOnlyArgs),
    /// Extract the templates again, then make or bring up to date po/LANG/<page>.po from them, as msgmerge does.
    Update(TranslateUpdateArgs),
}

#[derive(Debug, Args)]
pub struct RootOnlyArgs {
    /// The toolkit folder (holding uprkit.yaml). Default: the current folder or the nearest one above it.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TranslateUpdateArgs {
    /// The language to translate into, as in uprkit.yaml: fr, ar, ...
    pub lang: String,
    /// Also make each translation written by hand (content/x.fr.md, glossary.fr.yaml) into its PO file, block by
    /// block, and remove it: where it follows its source block for block (else it is left as it is, and said why).
    #[arg(long)]
    pub from_markdown: bool,
    /// The toolkit folder (holding uprkit.yaml). Default: the current folder or the nearest one above it.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// Write i18n/LANG.yaml with every word of the theme to translate, its English text beside it.
    Template(I18nTemplateArgs),
}

#[derive(Debug, Args)]
pub struct I18nTemplateArgs {
    /// The language, as a code: sw, pt, pt-BR, ...
    pub lang: String,
    /// The toolkit folder (holding uprkit.yaml). Default: the current folder or the nearest one above it.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}
