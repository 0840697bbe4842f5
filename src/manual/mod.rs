//! The manual pages (`uprkit manual DIR`, for packagers): one per command
//! and subcommand, from the help texts, each with a SEE ALSO that names
//! only pages written here; and `uprkit-formats(5)`, the files a toolkit
//! holds, written by hand.

use std::path::{Path, PathBuf};

use std::io::Write as _;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::engine::error::Error;

/// The files of a toolkit, written by hand; `@VERSION@` is uprkit's.
const FORMATS: &str = include_str!("uprkit-formats.5");

/// Where the Debian package installs the README, which the pages point to.
const README: &str = "/usr/share/doc/uprkit/README.md";

/// What `man uprkit` adds to the list of commands.
const MAIN_SECTIONS: &str = r#".PP
A toolkit is a folder of Markdown pages and an \fIuprkit.yaml\fR; uprkit
builds it into a website that works offline (from a folder, a USB stick or
\fIfile://\fR), single\-file handouts, zips and SCORM packages, in as many
languages as the toolkit has.
Start one with
.BR uprkit\-init (1),
preview it with
.BR uprkit\-serve (1),
publish it with
.BR uprkit\-build (1).
Every command finds \fIuprkit.yaml\fR in the current folder or the nearest
one above it.
"#;

const MAIN_END: &str = r#".SH "EXIT STATUS"
.TP
.B 0
Success.
.TP
.B 1
A problem in the content, the configuration or the templates (each said
with its file, line and column); nothing is written and the last output is
kept.
With \fBcheck \-\-strict\fR, also anything left to translate or update.
.TP
.B 2
A usage error: an unknown option, a missing argument, a folder that would
be overwritten.
.SH EXAMPLES
.nf
uprkit init my\-guide \-\-languages en,fr,ar
cd my\-guide
uprkit serve \-\-open
uprkit check
uprkit build \-\-base\-url https://example.org/guide \-\-pretty\-urls
uprkit handout \-\-lang fr \-\-phase review \-o ../review.html
uprkit handout \-\-slides \-\-facilitator \-\-workshop half\-day \-o ../slides.html
.fi
"#;

/// The definition of `\*(Aq` (a straight quote) clap puts before each section.
const QUOTE_DEFINITION: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// A page to write: its name (`uprkit-translate-update`), its command as
/// clap built it, and the name of the page above it.
struct Page {
    name: String,
    command: clap::Command,
    parent: Option<String>,
}

/// Writes every page into `dir`; returns the files written.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(Error::io("cannot create folder", dir))?;
    // Built once from the top, so that the global options and the version
    // reach each subcommand's page; no `help` subcommand, which has no page.
    let mut top = without_help_subcommand(Cli::command());
    top.build();
    let mut pages = Vec::new();
    gather(&top, None, &mut pages);
    let version = env!("CARGO_PKG_VERSION");
    let mut written = Vec::new();
    for page in &pages {
        let roff = render(page, version)?;
        let path = dir.join(format!("{}.1", page.name));
        std::fs::write(&path, roff).map_err(Error::io("cannot write", &path))?;
        written.push(path);
    }
    let path = dir.join("uprkit-formats.5");
    std::fs::write(&path, FORMATS.replace("@VERSION@", version)).map_err(Error::io("cannot write", &path))?;
    written.push(path);
    Ok(written)
}

fn without_help_subcommand(command: clap::Command) -> clap::Command {
    let mut command = command.disable_help_subcommand(true);
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_string()).collect();
    for name in names {
        command = command.mut_subcommand(name, without_help_subcommand);
    }
    command
}

/// `command` and each subcommand under it that is not hidden, parents first.
fn gather(command: &clap::Command, parent: Option<&str>, pages: &mut Vec<Page>) {
    let name = command.get_display_name().unwrap_or(command.get_name()).to_string();
    pages.push(Page { name: name.clone(), command: command.clone(), parent: parent.map(str::to_string) });
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        gather(sub, Some(&name), pages);
    }
}

fn render(page: &Page, version: &str) -> Result<Vec<u8>, Error> {
    let man = clap_mangen::Man::new(page.command.clone());
    let mut roff = Vec::new();
    let rendered = (|| {
        // clap_mangen leaves the date out unquoted, which shifts the footer's
        // words one place; the date is left empty, for reproducible pages.
        let name = page.name.replace('-', "\\-");
        writeln!(roff, ".TH {name} 1 \"\" \"uprkit {version}\" \"User Commands\"")?;
        man.render_name_section(&mut roff)?;
        man.render_synopsis_section(&mut roff)?;
        man.render_description_section(&mut roff)?;
        if page.parent.is_none() {
            roff.extend_from_slice(MAIN_SECTIONS.as_bytes());
        }
        man.render_options_section(&mut roff)?;
        if page.command.has_subcommands() {
            man.render_subcommands_section(&mut roff)?;
        }
        if page.parent.is_none() {
            roff.extend_from_slice(MAIN_END.as_bytes());
        }
        roff.extend_from_slice(see_also(page).as_bytes());
        Ok(())
    })();
    rendered.map_err(Error::io("cannot render the manual of", Path::new(&page.name)))?;
    // Each section clap renders starts with the same two lines defining `\*(Aq`: once is enough.
    let text = String::from_utf8_lossy(&roff).into_owned();
    let mut sections = text.split(QUOTE_DEFINITION);
    let first = sections.next().unwrap_or_default().to_string();
    Ok(format!("{first}{QUOTE_DEFINITION}{}", sections.collect::<String>()).into_bytes())
}

/// The page above, the formats page and the README.
fn see_also(page: &Page) -> String {
    let mut names: Vec<String> = Vec::new();
    if let Some(parent) = &page.parent {
        names.push(format!("{parent} (1)"));
    }
    names.push("uprkit-formats (5)".to_string());
    let lines: Vec<String> = names.iter().map(|name| format!(".BR {}", name.replace('-', "\\-"))).collect();
    format!(".SH \"SEE ALSO\"\n{}\n.PP\nThe full manual: \\fI{README}\\fR\n", lines.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subcommand_page_sees_the_page_above_it() {
        let page = Page {
            name: "uprkit-translate-update".to_string(),
            command: clap::Command::new("update"),
            parent: Some("uprkit-translate".to_string()),
        };
        assert_eq!(
            see_also(&page),
            ".SH \"SEE ALSO\"\n.BR uprkit\\-translate (1),\n.BR uprkit\\-formats (5)\n.PP\n\
             The full manual: \\fI/usr/share/doc/uprkit/README.md\\fR\n"
        );
    }
}
