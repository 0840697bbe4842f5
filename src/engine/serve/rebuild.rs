//! Rebuilding after an edit: the last good build is kept ([`Session`]) and
//! an edit to the text of pages re-renders only those pages (in every
//! language that shows them) and what features make from them; a template
//! edit renders the pages again without their Markdown; a static file is
//! copied; anything else rebuilds everything. A failed rebuild keeps the
//! last good site and shows the error over the page.

mod run;
#[cfg(test)]
mod tests;

pub use run::rebuild_loop;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::engine::config::Config;
use crate::engine::content::Page;
use crate::engine::error::{dedup, Diagnostic, Error, Location, Result};
use crate::engine::feature::document::Kept;
use crate::engine::feature::{BuildContext, Scope};
use crate::engine::markdown::Rendered;
use crate::engine::output::{Memory, OutputFile, Sink as _};
use crate::engine::pipeline::{
    check_anchors, emit, finish, give_back_memory, render_entry, render_markdown, shared_files, write_outputs,
    BuildOptions, Inputs, Outputs, Registry, Timer,
};
use crate::engine::progress::Progress;
use crate::engine::render::GeneratedIds;
use crate::engine::site;

/// The last good build and what made it, kept to rebuild only what an edit needs.
pub struct Session {
    config: Config,
    inputs: Inputs,
    /// Aligned with the entries of `site::assemble(&inputs.loaded)`.
    rendered: Vec<Vec<Rendered>>,
    /// The languages (indexes) whose pages the last edit changed: the
    /// files made after the reload are made again for those only.
    stale: Vec<usize>,
    /// The features whose files the last edit made stale and that are made
    /// after the reload ([`Stale::on_demand`]), by language index.
    ///
    /// [`Stale::on_demand`]: crate::engine::feature::Stale::on_demand
    later: HashSet<(usize, &'static str)>,
    /// The size of each file as last made, for the outputs that list
    /// sizes (the downloads) when only some languages' files are made again.
    sizes: std::collections::BTreeMap<String, u64>,
    /// The sections of the last handouts made, and the pages edited since:
    /// the next handouts render only those again.
    kept: Kept,
    /// The warnings about the site as a whole from the first build (its
    /// settings, untranslated languages, static files left out, outputs).
    warnings: Vec<Diagnostic>,
    /// The warnings said in this session: each is said once, not at every
    /// save (a new session, after `uprkit.yaml` changes, says them again).
    said: HashSet<String>,
}

impl Session {
    /// Builds everything.
    pub fn full(root: &Path, registry: Registry, options: &BuildOptions) -> Result<(Session, Vec<OutputFile>)> {
        let features = registry();
        let config = Config::load(root, &features.config_keys(), &features.page_keys())?;
        let inputs = Inputs::read(&config, registry, options)?;
        let memory = Memory::default();
        let mut warnings = Vec::new();
        let rendered = {
            let site = site::assemble(&config, &inputs.loaded)?;
            let rendered = render_markdown(&config, &site, &inputs, &Progress::hidden())?;
            check_anchors(&site, &rendered)?;
            // A language at a time, as a build makes them: what a
            // language's pages, files and handouts need while they are made
            // is given back before the next's (every language's Markdown is
            // kept, for the edits).
            let mut generated_ids = GeneratedIds::new();
            for language in 0..site.languages.len() {
                warnings.extend(emit(
                    &config,
                    &site,
                    &inputs,
                    Outputs { rendered: &rendered, tables_of_contents: &[] },
                    &Scope::languages_turn(language..language + 1),
                    &Progress::hidden(),
                    &memory,
                    &mut generated_ids,
                    &mut Timer::new(),
                )?);
                give_back_memory();
            }
            warnings.extend(shared_files(&config, &site, &inputs, &memory)?);
            finish(&site, &inputs, &config, &memory)?;
            rendered
        };
        let sizes = memory.sizes("")?;
        let session = Session {
            config,
            inputs,
            rendered,
            stale: Vec::new(),
            later: HashSet::new(),
            sizes,
            kept: Kept::default(),
            warnings: dedup(warnings),
            said: HashSet::new(),
        };
        Ok((session, memory.into_files()))
    }

    /// Says on stderr the site's warnings and each page's as last rendered
    /// (an edit may add one), those not said before in this session.
    pub fn say_warnings(&mut self) {
        let pages = self.rendered.iter().flatten().flat_map(|page| page.warnings.iter().cloned());
        let warnings = self.warnings.iter().cloned().chain(pages).collect();
        self.say(warnings);
    }

    /// Says on stderr those of `warnings` not said before in this session.
    fn say(&mut self, warnings: Vec<Diagnostic>) {
        for warning in dedup(warnings) {
            let said = warning.to_string();
            if self.said.insert(said.clone()) {
                eprintln!("warning: {said}");
            }
        }
    }

    /// An edit to existing pages: re-renders their Markdown, and the pages
    /// that show them (every page if a title or summary changed).
    /// `Ok(None)` when the change needs a whole build (a new, removed or
    /// renamed page, or a weight, phase or draft flag that reorders the
    /// site). On error the session is left as it was.
    fn text_edit(&mut self, pages: &[PathBuf]) -> Result<Option<Vec<OutputFile>>> {
        let mut replaced: Vec<(usize, Page)> = Vec::new();
        let mut every_page = false;
        let mut retitled: Vec<PathBuf> = Vec::new();
        let mut front_matter: HashSet<String> = HashSet::new();
        for source in pages {
            let path = self.config.root.join(source);
            let Some(index) = self.inputs.loaded.pages.iter().position(|page| page.source == *source) else {
                return Ok(None);
            };
            let Ok(bytes) = std::fs::read(&path) else { return Ok(None) };
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::one(Diagnostic::new(Location::file(source), "the file is not valid UTF-8")))?;
            let rel = source.strip_prefix("content").unwrap_or(source);
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let page = Page::parse(&rel, source, &text, &self.config)?;
            let old = &self.inputs.loaded.pages[index];
            // Pages a feature made from this one (a translation from a PO
            // file) follow it: a whole build makes them again.
            let content = Path::new("content");
            if self.inputs.loaded.pages.iter().any(|other| other.slug == old.slug && !other.source.starts_with(content))
            {
                return Ok(None);
            }
            // What orders the site or decides what is published needs a whole build.
            let reorders = page.front.weight != old.front.weight
                || page.front.phase != old.front.phase
                || page.front.draft != old.front.draft;
            if reorders || page.slug != old.slug || page.lang != old.lang || page.kind != old.kind {
                return Ok(None);
            }
            let keys = page.front.changed_keys(&old.front);
            // An audience shows on other pages (its audience page, the listings): render them all again.
            every_page |= keys.iter().any(|key| key == "audience");
            // A title or summary shows on other pages (navigation, lists of
            // pages): render those again, and what features make from them.
            if keys.iter().any(|key| key == "title" || key == "summary") {
                retitled.push(source.clone());
            }
            front_matter.extend(keys);
            replaced.push((index, page));
        }
        // Swap the new pages in, remembering the old ones to put back on error.
        let mut previous: Vec<(usize, Page)> = Vec::new();
        for (index, page) in replaced {
            previous.push((index, std::mem::replace(&mut self.inputs.loaded.pages[index], page)));
        }
        let result = self.render_changed(pages, &retitled, &front_matter, every_page);
        if result.is_err() {
            for (index, page) in previous {
                self.inputs.loaded.pages[index] = page;
            }
        }
        result.map(Some)
    }

    /// Renders the Markdown of the changed pages again, then the pages that
    /// show them: those that show the title of `retitled` pages, or every
    /// page if `every_page`; and the pages and files of the features that
    /// declare they show what changed (a title, a front-matter key in
    /// `front_matter`, what their pass keeps of a page).
    fn render_changed(
        &mut self,
        sources: &[PathBuf],
        retitled: &[PathBuf],
        front_matter: &HashSet<String>,
        every_page: bool,
    ) -> Result<Vec<OutputFile>> {
        let site = site::assemble(&self.config, &self.inputs.loaded)?;
        let changed: HashSet<&Path> = sources.iter().map(PathBuf::as_path).collect();
        let mut scope = Scope { pages: Some(HashSet::new()), ..Scope::default() };
        let mut old: Vec<(usize, usize, Rendered)> = Vec::new();
        for (l, language) in site.languages.iter().enumerate() {
            for (e, entry) in language.entries.iter().enumerate() {
                if !changed.contains(entry.page.source.as_path()) {
                    // A translation of a changed page may now be outdated: its notice changes.
                    if entry.source.is_some_and(|source| changed.contains(source.source.as_path())) {
                        scope.pages.as_mut().expect("set above").insert((l, entry.slug.clone()));
                    }
                    continue;
                }
                // Blocks kept from the last rendering are matched by their code, whatever page had them.
                let known = self.rendered.get(l).and_then(|pages| pages.get(e)).map_or(&[][..], |page| &page.code);
                let rendered = match render_entry(&self.config, &site, &self.inputs, l, e, known) {
                    Ok(rendered) => rendered,
                    Err(problems) => {
                        for (l, e, rendered) in old {
                            self.rendered[l][e] = rendered;
                        }
                        return Err(Error::Content(problems));
                    }
                };
                let owners = self.rendered[l][e].data.changed_owners(&rendered.data);
                for (name, declared) in self.inputs.features.declarations() {
                    if declared.stale.page_data && owners.contains(&name) {
                        scope.stale.insert((l, name));
                    }
                }
                scope.pages.as_mut().expect("set above").insert((l, entry.slug.clone()));
                old.push((l, e, std::mem::replace(&mut self.rendered[l][e], rendered)));
            }
        }
        let retitled: HashSet<&Path> = retitled.iter().map(PathBuf::as_path).collect();
        for (l, language) in site.languages.iter().enumerate() {
            for (e, entry) in language.entries.iter().enumerate() {
                if retitled.contains(entry.page.source.as_path()) {
                    for page in crate::engine::nav::showing(language, e) {
                        scope.pages.as_mut().expect("set above").insert((l, language.entries[page].slug.clone()));
                    }
                    // The checklists page, the search index, ... name pages.
                    for (name, declared) in self.inputs.features.declarations() {
                        if declared.stale.titles {
                            scope.stale.insert((l, name));
                        }
                    }
                }
            }
        }
        for (name, declared) in self.inputs.features.declarations() {
            if declared.stale.front_matter.iter().any(|key| front_matter.contains(*key)) {
                scope.stale_everywhere(&site, name);
            }
        }
        // Files read only on demand (the search index) are made after the reload.
        for (name, declared) in self.inputs.features.declarations() {
            if declared.stale.on_demand {
                let later = scope.stale.iter().filter(|&&(_, stale)| stale == name).copied().collect::<Vec<_>>();
                scope.later.extend(later);
            }
        }
        // The files made after the reload (handouts) hold the pages' text:
        // those of the languages showing an edited page are made again, and
        // of those where a feature's files are stale.
        let mut stale: Vec<usize> = old.iter().map(|&(l, _, _)| l).chain(scope.stale.iter().map(|&(l, _)| l)).collect();
        if every_page {
            scope = Scope::everything();
            stale = (0..site.languages.len()).collect();
        }
        stale.sort_unstable();
        stale.dedup();
        let memory = Memory::default();
        let result = check_anchors(&site, &self.rendered).and_then(|()| {
            emit(
                &self.config,
                &site,
                &self.inputs,
                Outputs { rendered: &self.rendered, tables_of_contents: &[] },
                &scope,
                &Progress::hidden(),
                &memory,
                &mut GeneratedIds::new(),
                &mut Timer::new(),
            )
        });
        if let Err(error) = result {
            for (l, e, rendered) in old {
                self.rendered[l][e] = rendered;
            }
            return Err(error);
        }
        self.stale = stale;
        self.later = scope.later;
        self.kept.changed.extend(old.iter().map(|&(l, e, _)| (l, e)));
        Ok(memory.into_files())
    }

    /// Templates changed: load the theme again and render, with the
    /// Markdown already rendered, the pages that use them (every page for
    /// `base.html` or `nav.html`).
    fn templates(&mut self, changed: &[String]) -> Result<Vec<OutputFile>> {
        let previous_ids = self.inputs.reserved_ids.clone();
        let previous = self.inputs.reload_theme(&self.config)?;
        // A shortcode's template is in the handouts' sections too.
        self.kept.guides.clear();
        let memory = Memory::default();
        let used = self.inputs.theme.dependents(changed);
        let result = site::assemble(&self.config, &self.inputs.loaded).and_then(|site| {
            let mut scope = Scope { pages: Some(HashSet::new()), ..Scope::default() };
            if used.contains("nav.html") || changed.iter().any(|name| !self.inputs.theme.has(name)) {
                scope = Scope::everything();
            }
            for (l, language) in site.languages.iter().enumerate() {
                for entry in &language.entries {
                    let template = match entry.kind {
                        crate::engine::content::PageKind::Home => "home.html",
                        crate::engine::content::PageKind::Section => "section.html",
                        crate::engine::content::PageKind::Page => "page.html",
                    };
                    if used.contains(template) {
                        if let Some(pages) = scope.pages.as_mut() {
                            pages.insert((l, entry.slug.clone()));
                        }
                    }
                }
            }
            // Pages features make (glossary, checklists, ...) have templates of their own.
            if used.iter().any(|name| !matches!(name.as_str(), "home.html" | "section.html" | "page.html")) {
                for feature in self.inputs.features.iter() {
                    scope.stale_everywhere(&site, feature.name());
                }
            }
            emit(
                &self.config,
                &site,
                &self.inputs,
                Outputs { rendered: &self.rendered, tables_of_contents: &[] },
                &scope,
                &Progress::hidden(),
                &memory,
                &mut GeneratedIds::new(),
                &mut Timer::new(),
            )
        });
        match result {
            Ok(_) => Ok(memory.into_files()),
            Err(error) => {
                self.inputs.theme = previous;
                self.inputs.reserved_ids = previous_ids;
                Err(error)
            }
        }
    }

    /// Whether `path` is a file under `content/` that came and went without
    /// being part of the site: the temporary files editors and tools write
    /// beside a page they save (vim's `4913`, `sed -i`'s `sedXXXXXX`).
    fn is_passing_file(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.config.content_dir) else { return false };
        let source = Path::new("content").join(relative);
        !path.exists()
            && !self.inputs.loaded.pages.iter().any(|page| page.source == source)
            && !self.inputs.loaded.assets.iter().any(|asset| Path::new(&asset.rel_path) == relative)
    }

    /// The files of the outputs over the documents (the handouts, which
    /// hold every page's text), and the stale files read on demand (the
    /// search index), made after the browser has its reload, for the last
    /// build, of the language at `language`: made one language at a time,
    /// only for those the edit changed ([`Session::stale`]), they cost a
    /// fraction of the CPU time and memory of all.
    fn deferred_files(&mut self, language: usize) -> Result<Vec<OutputFile>> {
        let site = site::assemble(&self.config, &self.inputs.loaded)?;
        let scope = Scope::languages_turn(language..language + 1);
        let Inputs { theme, features, reserved_ids, .. } = &self.inputs;
        let build = BuildContext {
            config: &self.config,
            site: &site,
            theme,
            rendered: &self.rendered,
            tables_of_contents: &[],
            features,
            scope: &scope,
            reserved_ids,
        };
        let memory = Memory::with_sizes(self.sizes.clone());
        let cx = build.language(language);
        for feature in features.iter().filter(|feature| self.later.contains(&(language, feature.name()))) {
            feature.files(&cx, &memory)?;
        }
        let warnings = write_outputs(&build, &memory, Some(&mut self.kept))?;
        finish(&site, &self.inputs, &self.config, &memory)?;
        self.sizes = memory.sizes("")?;
        // The outputs' warnings only: the site's and the pages' were said after the reload.
        self.say(warnings);
        Ok(memory.into_files())
    }
}
