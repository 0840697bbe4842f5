//! Errors in the author's terms: every content or configuration error carries
//! the file, line and column it came from and says what to do about it.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a source file, 1-based, as editors show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: None, column: None }
    }

    pub fn at(path: impl Into<PathBuf>, line: usize, column: Option<usize>) -> Self {
        Location { path: path.into(), line: Some(line), column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// One problem in the toolkit's content, configuration or templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: Location,
    pub message: String,
    /// What the author can do about it, if we can tell.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { location, message: message.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Everything that can stop a command. `main` maps each kind to an exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the toolkit itself (content, config, templates): exit code 1.
    #[error("{}", render_diagnostics(.0))]
    Content(Vec<Diagnostic>),
    /// The file system refused something: exit code 1.
    #[error("{action} {}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A check found problems it has already reported: exit code 1.
    #[error("{0}")]
    Failed(String),
    /// The command line asked for something impossible: exit code 2.
    #[error("{0}")]
    Usage(String),
    /// Ctrl-C stopped the command before it had done anything lasting
    /// (`serve` during its first build): exit code 130, as the shell's own.
    #[error("interrupted")]
    Interrupted,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn one(diagnostic: Diagnostic) -> Self {
        Error::Content(vec![diagnostic])
    }

    pub fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> Error + 'p {
        move |source| Error::Io { action, path: path.to_path_buf(), source }
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(problems: Vec<Diagnostic>) -> Self {
        Error::Content(problems)
    }
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Error::one(diagnostic)
    }
}

/// The same source rendered in several languages reports the same problem once.
pub fn dedup(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    problems.into_iter().filter(|problem| seen.insert(problem.to_string())).collect()
}

/// At most this many problems are printed; the rest are counted.
pub const MAX_SHOWN: usize = 20;

fn render_diagnostics(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, diagnostic) in diagnostics.iter().take(MAX_SHOWN).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&diagnostic.to_string());
    }
    if diagnostics.len() > MAX_SHOWN {
        out.push_str(&format!("\n… and {} more problems", diagnostics.len() - MAX_SHOWN));
    }
    out
}

/// "did you mean `phase`?" for a misspelt key, if one of `candidates` is close.
pub fn did_you_mean<'a>(unknown: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| format!("did you mean `{candidate}`?"))
}

/// Where in `path` the first byte that is not UTF-8 is: its line, and its
/// column in characters, as an editor counts them ([`text_position`]).
pub fn utf8_location(path: &Path, error: &std::string::FromUtf8Error) -> Location {
    let good = String::from_utf8_lossy(&error.as_bytes()[..error.utf8_error().valid_up_to()]);
    let (line, column) = text_position(&good, good.len());
    Location::at(path, line, Some(column))
}

/// The line and column (1-based, in characters) of byte `at` of `text`, as
/// an editor shows them whatever the file's line endings: `\n`, `\r\n`
/// (Windows, Excel) and a lone `\r` (Excel for Mac) each end one line. A
/// byte order mark at the start takes no column.
pub fn text_position(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at];
    let mut line = 1;
    let mut line_start = 0;
    for (index, &byte) in before.iter().enumerate() {
        let ends_line = byte == b'\r' || (byte == b'\n' && (index == 0 || before[index - 1] != b'\r'));
        if ends_line {
            line += 1;
        }
        if byte == b'\r' || byte == b'\n' {
            line_start = index + 1;
        }
    }
    let start = if line_start == 0 && text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { line_start };
    let column = text[start.min(at)..at].chars().count() + 1;
    (line, column)
}

/// Where the first NUL character of `text` (read from `path`) is, if it
/// has one: no text file holds one, so every reader refuses it there.
pub fn nul_location(path: &Path, text: &str) -> Option<Location> {
    let at = text.find('\0')?;
    let (line, column) = text_position(text, at);
    Some(Location::at(path, line, Some(column)))
}

/// A value of the wrong kind under `key`, found without a place in the
/// file (after the YAML was read), placed at `location`.
pub fn value_diagnostic(location: Location, key: &str, message: &str) -> Diagnostic {
    match plain_type_error(&format!("{key}: {message}")) {
        Some((message, help)) => Diagnostic::new(location, message).with_help(help),
        None => Diagnostic::new(location, format!("`{key}`: {message}")),
    }
}

/// serde's "key: invalid type: string \"ten\", expected i64" in words an
/// author knows: "`weight` must be a whole number, not the text \"ten\"".
pub(crate) fn plain_type_error(message: &str) -> Option<(String, String)> {
    let (key, rest) = match message.split_once(": invalid ") {
        Some((key, rest)) => (Some(key), rest),
        None => (None, message.strip_prefix("invalid ")?),
    };
    let rest = rest.strip_prefix("type: ").or_else(|| rest.strip_prefix("value: "))?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let found = match found.split_once(' ') {
        Some(("string", text)) => format!("the text {text}"),
        Some(("integer" | "floating", number)) => format!("the number {}", number.trim_start_matches("point ")),
        Some(("boolean", value)) => format!("`{}`", value.trim_matches('`')),
        _ => match found {
            "sequence" => "a list".to_string(),
            "map" => "a group of `key: value` lines".to_string(),
            "unit value" => "nothing".to_string(),
            other => other.to_string(),
        },
    };
    let (wanted, example) = match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            ("a whole number", "write digits only, for example `10`")
        }
        "f32" | "f64" => ("a number", "write digits, for example `1.5`"),
        "a boolean" => ("`true` or `false`", "write `true` or `false`, without quotes"),
        "a string" => ("text", "put it in quotes if it starts with a symbol or contains `:` or `#`"),
        "a sequence" => ("a list", "write the items in brackets, `[first, second]`, or one per line after `- `"),
        _ if expected.starts_with("struct ") || expected == "a map" => {
            ("a group of `key: value` lines", "indent them under the key")
        }
        _ => return None,
    };
    let subject = key.map_or("this value".to_string(), |key| format!("`{key}`"));
    Some((format!("{subject} must be {wanted}, not {found}"), example.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        assert_eq!(did_you_mean("phse", ["title", "phase", "weight"]), Some("did you mean `phase`?".into()));
        assert_eq!(did_you_mean("colour", ["title", "phase"]), None);
    }

    #[test]
    fn type_errors_are_said_in_plain_words() {
        let plain = |message| plain_type_error(message).map(|(message, _)| message);
        assert_eq!(
            plain("weight: invalid type: string \"ten\", expected i64").as_deref(),
            Some("`weight` must be a whole number, not the text \"ten\"")
        );
        assert_eq!(
            plain("draft: invalid type: string \"yes please\", expected a boolean").as_deref(),
            Some("`draft` must be `true` or `false`, not the text \"yes please\"")
        );
        assert_eq!(
            plain("audience: invalid type: string \"cso\", expected a sequence").as_deref(),
            Some("`audience` must be a list, not the text \"cso\"")
        );
        assert_eq!(
            plain("title: invalid type: sequence, expected a string").as_deref(),
            Some("`title` must be text, not a list")
        );
        assert_eq!(plain("mapping values are not allowed in this context"), None);
    }

    #[test]
    fn a_place_is_the_same_whatever_the_line_endings() {
        for ending in ["\n", "\r\n", "\r"] {
            let text = format!("\u{feff}id,text{ending}R-1,caf\u{e9}{ending}{ending}R-2,x\u{0}");
            assert_eq!(text_position(&text, text.find('\u{0}').unwrap()), (4, 6), "{ending:?}");
            assert_eq!(text_position(&text, text.find('\u{e9}').unwrap()), (2, 8), "{ending:?}");
            assert_eq!(text_position(&text, text.find(',').unwrap()), (1, 3), "{ending:?}: no column for the BOM");
        }
        let mut bytes = b"a\r\nb\rc".to_vec();
        bytes.push(0xe9);
        let error = String::from_utf8(bytes).unwrap_err();
        assert_eq!(utf8_location(Path::new("d.csv"), &error).to_string(), "d.csv:3:2");
    }

    #[test]
    fn location_prints_like_an_editor() {
        assert_eq!(Location::at("a.md", 4, Some(7)).to_string(), "a.md:4:7");
        assert_eq!(Location::file("a.md").to_string(), "a.md");
    }
}
