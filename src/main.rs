//! The `uprkit` binary: parses the command line, calls the library, prints
//! what happened and the error chain. The only place that picks an exit code.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use uprkit::cli::{CheckArgs, Cli, Command, Format, I18nCommand, RootArgs, ThemeCommand, TranslateCommand};
use uprkit::engine::config::{Config, CONFIG_FILE};
use uprkit::engine::error::{Diagnostic, Error, Location, MAX_SHOWN};
use uprkit::engine::output;
use uprkit::engine::pipeline::{self, BuildOptions, BuildReport};
use uprkit::engine::progress::Progress;
use uprkit::engine::{check, report};
use uprkit::features::{self, handouts, translations};
use uprkit::scaffold::Starter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            print_error(&error);
            match error {
                Error::Usage(_) => ExitCode::from(2),
                Error::Interrupted => ExitCode::from(130),
                Error::Content(_) | Error::Io { .. } | Error::Failed(_) => ExitCode::from(1),
            }
        }
    }
}

fn run(cli: &Cli) -> Result<(), Error> {
    match &cli.command {
        Command::Init(args) => {
            let starter = if args.minimal || !args.languages.is_empty() {
                let languages = if args.languages.is_empty() { vec!["en".to_string()] } else { args.languages.clone() };
                Starter::Minimal { languages }
            } else {
                Starter::Example
            };
            let written = uprkit::scaffold::init(&args.dir, &starter, args.deploy)?;
            if !cli.quiet {
                println!("Created a toolkit in {} ({} files).", args.dir.display(), written.len());
                if let Some(recipe) =
                    written.iter().find(|path| path.starts_with(".github") || path.starts_with(".gitlab-ci.yml"))
                {
                    println!("To publish it: {} (see its first lines).", recipe.display());
                }
                println!("Next: cd {} && uprkit serve", shell_word(&args.dir.display().to_string()));
            }
            Ok(())
        }
        Command::Build(args) => {
            let mut config = load_config(&args.root)?;
            if let Some(url) = &args.base_url {
                config.set_base_url(url).map_err(Error::Usage)?;
            }
            config.pretty_urls |= args.pretty_urls;
            let output = args.output.clone().unwrap_or_else(|| config.root.join("public"));
            let progress = progress(cli);
            let options = BuildOptions { drafts: args.root.drafts };
            let result = pipeline::build(&config, features::registry, &output, &options, &progress);
            progress.finish();
            let report = result?;
            print_report(cli, &report, &output);
            Ok(())
        }
        Command::Check(args) => check(cli, args),
        Command::Handout(args) => {
            let config = load_config(&args.root)?;
            // A facilitator edition holds what participants must not read:
            // never in a folder that is published, unless uprkit.yaml says so.
            let private = (args.facilitator && !features::facilitator::notes_are_published(&config))
                .then_some("the facilitator notes, which are for trainers only");
            output::check_output_file(&args.output, &config.root, private)?;
            let selection = handouts::Selection {
                phase: args.phase.clone(),
                audience: args.audience.clone(),
                facilitator: args.facilitator,
                page: args.page.clone(),
                slides: args.slides,
                scorm: args.scorm,
                workshop: args.workshop.clone(),
                pdf: args.pdf,
                paper: args.paper,
            };
            let size = handouts::write_one(
                &config,
                features::registry,
                args.root.drafts,
                args.lang.as_deref(),
                &selection,
                &args.output,
            )?;
            if !cli.quiet {
                println!("Wrote {} ({} KB)", args.output.display(), size.div_ceil(1024));
            }
            Ok(())
        }
        Command::Manual { dir } => uprkit::manual::write(dir).map(drop),
        Command::Theme(ThemeCommand::Eject(args)) => {
            let root = find_root(&RootArgs { root: args.root.clone(), drafts: false })?;
            let into = args.to.clone().unwrap_or_else(|| root.join("templates"));
            let written = uprkit::engine::templates::eject::eject(&into, &root, &args.files, args.force)?;
            if !cli.quiet {
                let version = env!("CARGO_PKG_VERSION");
                println!(
                    "Copied {} templates of uprkit {version}'s default theme into {}:",
                    written.len(),
                    into.display()
                );
                for path in &written {
                    println!("  {}", path.display());
                }
                if args.to.is_none() {
                    println!(
                        "They now override the built-in ones: change them, and delete those you leave as they are."
                    );
                }
            }
            Ok(())
        }
        Command::Translate(TranslateCommand::Extract(args)) => {
            let config = load_config(&RootArgs { root: args.root.clone(), drafts: false })?;
            let written = uprkit::features::translations::gettext::extract(&config)?;
            if !cli.quiet {
                println!("{} templates in po/templates/, one per page: give translators `uprkit translate update LANG` files", written.len());
            }
            Ok(())
        }
        Command::Translate(TranslateCommand::Update(args)) => {
            let config = load_config(&RootArgs { root: args.root.clone(), drafts: false })?;
            let updated = uprkit::features::translations::gettext::update(&config, &args.lang, args.from_markdown)?;
            if !cli.quiet && !updated.moved.is_empty() {
                println!("Made into PO files (the Markdown files are removed: each PO file now makes its page):");
                for (from, to) in &updated.moved {
                    println!("  {} → {}", from.display(), to.display());
                }
            }
            if !cli.quiet {
                for file in &updated.merged {
                    println!(
                        "{}: {} translated, {} fuzzy, {} untranslated{}",
                        file.path.display(),
                        file.counts.translated,
                        file.counts.fuzzy,
                        file.counts.untranslated,
                        if file.obsolete > 0 { format!(", {} obsolete", file.obsolete) } else { String::new() }
                    );
                }
                print_by_hand(&updated.by_hand, &args.lang);
            }
            if !updated.refused.is_empty() {
                for problem in &updated.refused {
                    eprintln!("error: {problem}");
                }
                return Err(Error::Failed(format!(
                    "{} translation{} left as written by hand (the others were made into PO files)",
                    updated.refused.len(),
                    if updated.refused.len() == 1 { "" } else { "s" }
                )));
            }
            Ok(())
        }
        Command::I18n(I18nCommand::Template(args)) => {
            let config = load_config(&RootArgs { root: args.root.clone(), drafts: false })?;
            i18n_template(cli, &config, &args.lang)
        }
        Command::Serve(args) => {
            let root = find_root(&args.root)?;
            let options = BuildOptions { drafts: args.root.drafts };
            let serve = uprkit::engine::serve::ServeOptions {
                bind: args.bind,
                port: args.port,
                open: args.open,
                quiet: cli.quiet,
            };
            uprkit::engine::serve::serve(root, features::registry, options, serve)
        }
    }
}

fn check(cli: &Cli, args: &CheckArgs) -> Result<(), Error> {
    let config = load_config(&args.root)?;
    if let Some(path) = &args.html {
        output::check_output_file(path, &config.root, None)?;
    }
    if !args.stamp.is_empty() {
        for line in translations::stamp(&config, &args.stamp)? {
            if !cli.quiet {
                println!("stamped {line}");
            }
        }
    }
    if let Some(file) = &args.diff {
        print!("{}", translations::diff::diff(&config, file)?);
        return Ok(());
    }
    let options = BuildOptions { drafts: args.root.drafts };
    let report = check::check(&config, features::registry, &options)?;
    if let Some(path) = &args.html {
        let html = check::report_page(&config, &report)?;
        std::fs::write(path, html).map_err(Error::io("cannot write", path))?;
    }
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report).expect("serializable report")),
        Format::Text if cli.quiet => {
            for error in &report.errors {
                eprintln!("error: {error}");
            }
        }
        Format::Text => print!("{}", report::render_text(&report)),
    }
    if !report.errors.is_empty() {
        return Err(Error::Failed(format!("{} errors", report.errors.len())));
    }
    if args.strict && report.has_work_left() {
        return Err(Error::Failed("translations are incomplete (--strict)".into()));
    }
    Ok(())
}

/// `--root DIR` must hold uprkit.yaml; without it, look here and above.
fn load_config(args: &RootArgs) -> Result<Config, Error> {
    let features = features::registry();
    Config::load(&find_root(args)?, &features.config_keys(), &features.page_keys())
}

/// The toolkit folder: `--root`, else the current folder or the nearest one
/// above it that holds uprkit.yaml.
fn find_root(args: &RootArgs) -> Result<std::path::PathBuf, Error> {
    match &args.root {
        Some(dir) => {
            if !dir.join(CONFIG_FILE).is_file() {
                return Err(Error::one(
                    Diagnostic::new(Location::file(dir), format!("no {CONFIG_FILE} in this folder")).with_help(
                        "pass the folder that holds uprkit.yaml, or create a toolkit with `uprkit init DIR`",
                    ),
                ));
            }
            Ok(dir.clone())
        }
        None => Config::find_root(Path::new(".")),
    }
}

fn progress(cli: &Cli) -> Progress {
    if cli.quiet || !std::io::stderr().is_terminal() {
        Progress::hidden()
    } else {
        Progress::on_terminal()
    }
}

fn print_report(cli: &Cli, report: &BuildReport, output: &Path) {
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    if cli.quiet {
        return;
    }
    if cli.verbose {
        for (step, duration) in &report.timings {
            eprintln!("  {step:<24} {:>8.1} ms", duration.as_secs_f64() * 1000.0);
        }
    }
    println!("{}", pipeline::summary(report, output));
}

/// `word` as a terminal reads it as one word, for a command to copy: in
/// double quotes (which cmd, PowerShell and POSIX shells all read) when it
/// has a space or a character a shell would act on; in single quotes (POSIX
/// shells) when it has a character double quotes would not keep.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./:\\+,@".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else if !word.contains(['"', '$', '`']) {
        format!("\"{word}\"")
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn print_error(error: &Error) {
    match error {
        // Ctrl-C: the user knows why it stopped.
        Error::Interrupted => {}
        Error::Content(problems) => {
            for problem in problems.iter().take(MAX_SHOWN) {
                eprintln!("error: {problem}");
            }
            if problems.len() > MAX_SHOWN {
                eprintln!("error: … and {} more problems", problems.len() - MAX_SHOWN);
            }
            if problems.len() > 1 {
                eprintln!("error: {} problems; nothing was written", problems.len());
            }
        }
        other => {
            eprintln!("error: {other}");
            let mut source = std::error::Error::source(other);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
        }
    }
}

/// What `translate update` left to the Markdown translations, and the way to PO files.
fn print_by_hand(by_hand: &[std::path::PathBuf], lang: &str) {
    if by_hand.is_empty() {
        return;
    }
    let glossary = by_hand.iter().any(|path| path.extension().is_some_and(|ext| ext == "yaml"));
    let pages = by_hand.len() - usize::from(glossary);
    let what = match (pages, glossary) {
        (0, _) => "The glossary has".to_string(),
        (1, false) => "1 page has".to_string(),
        (1, true) => "1 page and the glossary have".to_string(),
        (n, false) => format!("{n} pages have"),
        (n, true) => format!("{n} pages and the glossary have"),
    };
    println!(
        "{what} a translation written by hand in {lang}, which wins over a PO file, so none was made for {}:",
        if by_hand.len() == 1 { "it" } else { "them" }
    );
    for path in by_hand {
        println!("  {}", path.display());
    }
    println!(
        "To translate {} in PO files instead: uprkit translate update {lang} --from-markdown\n\
         (each becomes its PO file, block by block, and the Markdown file is removed).",
        if by_hand.len() == 1 { "it" } else { "them" }
    );
}

/// `uprkit i18n template LANG`: the theme's words to translate, in i18n/LANG.yaml.
fn i18n_template(cli: &Cli, config: &Config, lang: &str) -> Result<(), Error> {
    let language = uprkit::engine::i18n::Language::new(lang, String::new(), None, None).map_err(Error::Usage)?;
    let configured = config.languages.iter().find(|known| known.code == language.code);
    let name =
        configured.map_or_else(|| uprkit::scaffold::self_name(&language.code).to_string(), |known| known.name.clone());
    let text = uprkit::engine::templates::eject::strings_template(&language.code, &name)?;
    let path = config.root.join("i18n").join(format!("{}.yaml", language.code));
    if path.exists() {
        return Err(Error::Usage(format!(
            "{} already exists: uprkit never overwrites your translations",
            path.display()
        )));
    }
    std::fs::create_dir_all(path.parent().expect("i18n/")).map_err(Error::io("cannot create folder", &path))?;
    std::fs::write(&path, text).map_err(Error::io("cannot write", &path))?;
    if !cli.quiet {
        println!("Wrote {}: translate each line, in any text editor.", path.display());
        if configured.is_none() {
            println!("Then add the language to uprkit.yaml, under languages:  {}: {{ name: {name} }}", language.code);
        }
    }
    Ok(())
}
