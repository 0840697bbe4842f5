//! Files the engine makes besides the pages: the theme's CSS and
//! JavaScript, copies of `static/` and of assets, `sitemap.xml`, `404.html`.

use std::collections::HashSet;
use std::path::Path;

use crate::engine::config::Config;
use crate::engine::content;
use crate::engine::error::{Diagnostic, Location, Result};
use crate::engine::feature::BuildContext;
use crate::engine::output::{Contents, OutputFile};
use crate::engine::page_script::{page_script, without_comment_lines, PARTS_DIR, SCRIPT};
use crate::engine::render::site_context;
use crate::engine::site::{root_prefix, Site};
use crate::engine::templates::context::NotFoundContext;
use crate::engine::templates::THEME_OUTPUT_DIR;

/// Files besides the pages: the theme's CSS and JavaScript, the site's
/// `static/`, assets beside pages, `sitemap.xml` and `404.html`. A static
/// file whose path the build makes itself (a page, a handout, the search
/// index, a theme file: anything `taken` says is written already, or made
/// here) is left out with a warning naming it; `_uprkit/` is the theme's.
pub fn files(
    build: &BuildContext,
    assets: &[content::Asset],
    taken: &dyn Fn(&str) -> bool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<OutputFile>> {
    let BuildContext { config, site, theme, .. } = build;
    let mut files = Vec::new();
    // The parts of the page script are published together, as uprkit.js;
    // stylesheets without their comments, as the page script is.
    for (name, bytes) in theme.static_files.iter().filter(|(name, _)| !name.starts_with(PARTS_DIR) && *name != SCRIPT) {
        let bytes = match name.ends_with(".css") {
            true => without_comment_lines(&String::from_utf8_lossy(bytes), false).into_bytes(),
            false => bytes.to_vec(),
        };
        files.push(OutputFile { path: format!("{THEME_OUTPUT_DIR}/{name}"), contents: Contents::Bytes(bytes) });
    }
    let script = page_script(theme, build.features)?;
    files.push(OutputFile {
        path: format!("{THEME_OUTPUT_DIR}/{SCRIPT}"),
        contents: Contents::Bytes(script.into_bytes()),
    });
    for asset in assets {
        files.push(OutputFile { path: asset.rel_path.clone(), contents: Contents::Copy(asset.path.clone()) });
    }
    files
        .push(OutputFile { path: "sitemap.xml".into(), contents: Contents::Bytes(sitemap(config, site).into_bytes()) });
    // GitHub Pages runs Jekyll on what it publishes unless told not to, and
    // Jekyll leaves out folders starting with `_`, such as `_uprkit/`.
    files.push(OutputFile { path: ".nojekyll".into(), contents: Contents::Bytes(Vec::new()) });

    // A 404 page per language (`404.html` for the default one, `fr/404.html`,
    // ...): hosts show the first for any missing address, `serve` the one of
    // the language asked for. Its links are absolute with a `base_url`, and
    // otherwise relative to where it lies, so that it also works from a
    // folder (`serve` gives it the `<base>` of where it lies).
    for (index, language) in site.languages.iter().enumerate() {
        let path = if index == 0 { "404.html".to_string() } else { format!("{}/404.html", language.lang) };
        let context = site_context(build, index);
        let root = match &config.base_url {
            Some(url) => format!("{url}/"),
            None => root_prefix(path.matches('/').count()),
        };
        let not_found = NotFoundContext { site: &context, root, t: &theme.strings[&language.lang] };
        let html = theme.render("404.html", &not_found)?;
        files.push(OutputFile { path, contents: Contents::Bytes(html.into_bytes()) });
    }

    let mut generated: HashSet<&str> =
        site.languages.iter().flat_map(|l| &l.entries).map(|e| e.path.as_str()).collect();
    generated.extend(files.iter().map(|file| file.path.as_str()));
    let mut copies = Vec::new();
    // Dotfiles are published (`.well-known/`, `.htaccess`); what only
    // version control, the system or an editor keeps is not.
    for (rel, path) in crate::engine::templates::files_under_except(&config.static_dir, is_private)? {
        if let Some(warning) = replaces_generated(&rel, |rel| generated.contains(rel) || taken(rel)) {
            warnings.push(warning);
            continue;
        }
        copies.push(OutputFile { path: rel, contents: Contents::Copy(path) });
    }
    files.extend(copies);
    Ok(files)
}

/// The warning for the static file `rel` (its path in the output) if the
/// build makes that file itself (`generated`) or it is in the theme's
/// folder: it is left out, and the author told why.
pub fn replaces_generated(rel: &str, generated: impl Fn(&str) -> bool) -> Option<Diagnostic> {
    let location = Location::file(Path::new("static").join(rel));
    if generated(rel) {
        Some(
            Diagnostic::new(location, format!("ignored: the build generates {rel} itself"))
                .with_help("rename or remove this static file"),
        )
    } else if rel.starts_with(&format!("{THEME_OUTPUT_DIR}/")) {
        Some(
            Diagnostic::new(location, format!("ignored: {THEME_OUTPUT_DIR}/ holds the theme's files, which the build writes"))
                .with_help("move it to another folder of static/; to change the theme's files, use a theme (`theme:` in uprkit.yaml) whose static/ has them"),
        )
    } else {
        None
    }
}

/// Files of `static/` never published: version control (`.git`, `.svn`,
/// `.hg`), the system's (`.DS_Store`, `._*`, `Thumbs.db`, `desktop.ini`) and
/// editors' (`.*.swp`, `*~`, `#*#`, `.#*`, `.~lock.*`).
pub fn is_private(name: &str) -> bool {
    matches!(name, ".git" | ".svn" | ".hg" | ".DS_Store" | "Thumbs.db" | "desktop.ini")
        || name.starts_with("._")
        || name.starts_with(".#")
        || name.starts_with(".~lock.")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || [".swp", ".swo", ".swx"].iter().any(|end| name.starts_with('.') && name.ends_with(end))
}

/// Every translated page; fallback copies are left out. Addresses are
/// absolute only when `base_url` is set.
fn sitemap(config: &Config, site: &Site) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let prefix = config.base_url.as_ref().map(|url| format!("{url}/")).unwrap_or_default();
    for language in &site.languages {
        for entry in language.entries.iter().filter(|entry| !entry.is_fallback) {
            xml.push_str("  <url><loc>");
            pulldown_cmark_escape::escape_html(&mut xml, &format!("{prefix}{}", entry.href))
                .expect("writing to a String");
            xml.push_str("</loc>");
            if let Some(updated) = &entry.page.front.updated {
                xml.push_str("<lastmod>");
                xml.push_str(updated);
                xml.push_str("</lastmod>");
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_lose_the_comments_that_start_a_line() {
        let css = "/* the theme's\n   opening comment */\na { color: red; } /* kept: after a rule */\n  /* one line */ b { x: 1 }\n@media print {\n  /* inside */\n  a { y: 2 }\n}";
        assert_eq!(
            without_comment_lines(css, false),
            "a { color: red; } /* kept: after a rule */\n b { x: 1 }\n@media print {\n  a { y: 2 }\n}"
        );
        assert_eq!(without_comment_lines("body { color: black }", false), "body { color: black }");
    }
}
