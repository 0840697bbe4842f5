//! `uprkit serve`: builds in memory, serves on 127.0.0.1, watches the toolkit
//! and tells the browser to reload after each rebuild. An edit to the text
//! of pages re-renders only those pages (in every language that shows them)
//! and what lists their text; any other change rebuilds everything. A failed
//! rebuild keeps the last good site and shows the error over the page.

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Bytes, Frame, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::Notify;
use tokio_stream::wrappers::UnboundedReceiverStream;
use tokio_stream::StreamExt;

use crate::build::{check_anchors, emit, render_entry, render_markdown, BuildOptions, Inputs, Scope, Timer};
use crate::config::Config;
use crate::content::loader::is_ignored;
use crate::content::Page;
use crate::error::{Error, Result};
use crate::markdown::Rendered;
use crate::output::{Contents, Memory, OutputFile};
use crate::progress::Progress;

const EVENTS_PATH: &str = "/__uprkit/events";
const RELOAD_SCRIPT_PATH: &str = "/__uprkit/live-reload.js";
const RELOAD_SCRIPT: &str = include_str!("live-reload.js");
/// Served for every page until the first good build; the reload script
/// shows the error over it and loads the page once the build succeeds.
const WAITING_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
    <title>uprkit: waiting for a good build</title>\n</head>\n<body>\n\
    <p>The site could not be built yet. Fix the error shown below, save, and this page loads by itself.</p>\n\
    </body>\n</html>\n";

/// Changes closer together than this are one burst, built once.
const QUIET_PERIOD: Duration = Duration::from_millis(25);
/// A burst that never pauses is still built this often.
const MAX_WAIT: Duration = Duration::from_secs(2);

/// How often an idle reload stream gets a comment, to notice closed pages.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What the browser is told over server-sent events.
#[derive(Debug, Clone)]
enum Notice {
    Connected,
    Reload,
    Failed(String),
    KeepAlive,
}

impl Notice {
    /// The event as sent on the stream.
    fn message(&self) -> String {
        match self {
            Notice::Connected => ": connected\n\n".to_string(),
            Notice::Reload => "event: reload\ndata: ok\n\n".to_string(),
            Notice::Failed(error) => {
                let data: String = error.lines().map(|line| format!("data: {line}\n")).collect();
                format!("event: failed\n{data}\n")
            }
            Notice::KeepAlive => ": keep-alive\n\n".to_string(),
        }
    }
}

type Files = HashMap<String, Arc<Contents>>;

struct State {
    files: RwLock<Arc<Files>>,
    /// The last build error, shown until a build succeeds.
    error: RwLock<Option<String>>,
    clients: Mutex<Vec<UnboundedSender<Notice>>>,
}

impl State {
    fn broadcast(&self, notice: Notice) {
        let mut clients = self.clients.lock().expect("clients lock");
        clients.retain(|client| client.send(notice.clone()).is_ok());
    }

    fn replace(&self, files: Vec<OutputFile>) {
        *self.files.write().expect("files lock") = Arc::new(index(files));
    }

    fn update(&self, files: Vec<OutputFile>) {
        let mut map = (**self.files.read().expect("files lock")).clone();
        map.extend(index(files));
        *self.files.write().expect("files lock") = Arc::new(map);
    }
}

/// What a change touches, from its path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ChangeKind {
    /// A Markdown page under `content/`.
    Page(PathBuf),
    /// A file under `static/`, copied as it is.
    Static(String),
    /// A template of the site or its theme: pages are rendered again, their
    /// Markdown is not.
    Template,
    /// Configuration, templates, strings, theme, glossaries, static files,
    /// assets: anything else rebuilds everything.
    Other,
    /// Not a source: the output, version control, editors' temporary files.
    Ignored,
}

fn change_kind(root: &Path, path: &Path) -> ChangeKind {
    let Ok(relative) = path.strip_prefix(root) else { return ChangeKind::Ignored };
    let mut components = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let Some(first) = components.next() else { return ChangeKind::Ignored };
    if matches!(first.as_str(), "public" | "target" | "node_modules")
        || relative.components().any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
    {
        return ChangeKind::Ignored;
    }
    let is_page = first == "content" && relative.extension().is_some_and(|ext| ext == "md");
    let rest = || relative.components().skip(1).map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    if is_page {
        ChangeKind::Page(relative.to_path_buf())
    } else if first == "static" {
        ChangeKind::Static(rest())
    } else if first == "templates" || (first == "themes" && relative.components().any(|c| c.as_os_str() == "templates"))
    {
        ChangeKind::Template
    } else {
        ChangeKind::Other
    }
}

/// The last good build and what made it, kept to rebuild only what an edit needs.
struct Session {
    config: Config,
    inputs: Inputs,
    /// Aligned with the entries of `site::assemble(&inputs.loaded)`.
    rendered: Vec<Vec<Rendered>>,
}

impl Session {
    /// Builds everything.
    fn full(root: &Path, options: &BuildOptions) -> Result<(Session, Vec<OutputFile>)> {
        let config = Config::load(root)?;
        let inputs = Inputs::read(&config, options)?;
        let memory = Memory::default();
        let rendered = {
            let site = crate::site::assemble(&config, &inputs.loaded)?;
            let rendered = render_markdown(&config, &site, &inputs, &Progress::hidden())?;
            check_anchors(&site, &rendered)?;
            emit(
                &config,
                &site,
                &inputs,
                &rendered,
                &Scope::default(),
                &Progress::hidden(),
                &memory,
                &mut Timer::new(),
            )?;
            rendered
        };
        Ok((Session { config, inputs, rendered }, memory.into_files()))
    }

    /// An edit to existing pages: re-renders their Markdown, and the pages
    /// that show them (every page if a title or summary changed).
    /// `Ok(None)` when the change needs a whole build (a new, removed or
    /// renamed page, or a weight, phase or draft flag that reorders the
    /// site). On error the session is left as it was.
    fn text_edit(&mut self, pages: &[PathBuf]) -> Result<Option<Vec<OutputFile>>> {
        let mut replaced: Vec<(usize, Page)> = Vec::new();
        let mut every_page = false;
        for source in pages {
            let path = self.config.root.join(source);
            let Some(index) = self.inputs.loaded.pages.iter().position(|page| page.source == *source) else {
                return Ok(None);
            };
            let Ok(bytes) = std::fs::read(&path) else { return Ok(None) };
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::one(crate::error::Diagnostic::new(
                    crate::error::Location::file(source),
                    "the file is not valid UTF-8",
                ))
            })?;
            let rel = source.strip_prefix("content").unwrap_or(source);
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let page = Page::parse(&rel, source, &text, &self.config)?;
            let old = &self.inputs.loaded.pages[index];
            // What orders the site or decides what is published needs a whole build.
            let reorders = page.front.weight != old.front.weight
                || page.front.phase != old.front.phase
                || page.front.draft != old.front.draft;
            if reorders || page.slug != old.slug || page.lang != old.lang || page.kind != old.kind {
                return Ok(None);
            }
            // A title, summary or audience shows on other pages: render them all again.
            every_page |= page.front != old.front;
            replaced.push((index, page));
        }
        // Swap the new pages in, remembering the old ones to put back on error.
        let mut previous: Vec<(usize, Page)> = Vec::new();
        for (index, page) in replaced {
            previous.push((index, std::mem::replace(&mut self.inputs.loaded.pages[index], page)));
        }
        let result = self.render_changed(pages, every_page);
        if result.is_err() {
            for (index, page) in previous {
                self.inputs.loaded.pages[index] = page;
            }
        }
        result.map(Some)
    }

    /// Renders the Markdown of the changed pages again, then the pages that
    /// show them, or every page if `every_page` (their titles changed).
    fn render_changed(&mut self, sources: &[PathBuf], every_page: bool) -> Result<Vec<OutputFile>> {
        let site = crate::site::assemble(&self.config, &self.inputs.loaded)?;
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
                let rendered = match render_entry(&self.config, &site, &self.inputs, l, e) {
                    Ok(rendered) => rendered,
                    Err(problems) => {
                        for (l, e, rendered) in old {
                            self.rendered[l][e] = rendered;
                        }
                        return Err(Error::Content(problems));
                    }
                };
                scope.checklists |= rendered.checklist != self.rendered[l][e].checklist;
                scope.pages.as_mut().expect("set above").insert((l, entry.slug.clone()));
                if !entry.is_fallback || l == 0 {
                    scope.search_languages.insert(l);
                }
                old.push((l, e, std::mem::replace(&mut self.rendered[l][e], rendered)));
            }
        }
        if every_page {
            scope = Scope::default();
        }
        let memory = Memory::default();
        let result = check_anchors(&site, &self.rendered).and_then(|()| {
            emit(
                &self.config,
                &site,
                &self.inputs,
                &self.rendered,
                &scope,
                &Progress::hidden(),
                &memory,
                &mut Timer::new(),
            )
        });
        if let Err(error) = result {
            for (l, e, rendered) in old {
                self.rendered[l][e] = rendered;
            }
            return Err(error);
        }
        Ok(memory.into_files())
    }

    /// Templates changed: load the theme again and render every page with
    /// the Markdown already rendered.
    fn templates(&mut self) -> Result<Vec<OutputFile>> {
        let theme = crate::templates::Theme::load(&self.config)?;
        let previous = std::mem::replace(&mut self.inputs.theme, theme);
        let memory = Memory::default();
        let result = crate::site::assemble(&self.config, &self.inputs.loaded).and_then(|site| {
            emit(
                &self.config,
                &site,
                &self.inputs,
                &self.rendered,
                &Scope::default(),
                &Progress::hidden(),
                &memory,
                &mut Timer::new(),
            )
        });
        match result {
            Ok(_) => Ok(memory.into_files()),
            Err(error) => {
                self.inputs.theme = previous;
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

    /// The handouts, which hold every page's text: remade after a text edit,
    /// once the browser has its reload.
    fn handouts(&self) -> Result<Vec<OutputFile>> {
        if !self.config.handouts {
            return Ok(Vec::new());
        }
        let site = crate::site::assemble(&self.config, &self.inputs.loaded)?;
        crate::handout::all(&self.config, &site, &self.inputs.theme, &self.inputs.glossaries)
    }
}

/// Where and how to serve.
pub struct ServeOptions {
    pub bind: IpAddr,
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    pub quiet: bool,
}

/// Serves the toolkit at `root` until Ctrl-C. A first build that fails is
/// reported, and the server starts anyway: its pages show the error until
/// an edit fixes it.
pub fn serve(root: PathBuf, options: BuildOptions, serve: ServeOptions) -> Result<()> {
    // Ctrl-C from now on stops cleanly: before the site is served it simply
    // ends the program (nothing is written), after it ends the request loop.
    let stop = Arc::new(Notify::new());
    let serving = Arc::new(AtomicBool::new(false));
    let (stopper, started) = (Arc::clone(&stop), Arc::clone(&serving));
    ctrlc::set_handler(move || {
        if started.load(Ordering::SeqCst) {
            stopper.notify_one();
        } else {
            std::process::exit(130);
        }
    })
    .map_err(|error| Error::Usage(format!("cannot handle Ctrl-C: {error}")))?;

    let start = Instant::now();
    let (session, files, error) = match Session::full(&root, &options) {
        Ok((session, files)) => (Some(session), files, None),
        Err(error) => (None, Vec::new(), Some(error.to_string())),
    };
    let count = files.len();
    let state = Arc::new(State {
        files: RwLock::new(Arc::new(index(files))),
        error: RwLock::new(error.clone()),
        clients: Mutex::new(Vec::new()),
    });
    let requested = SocketAddr::new(serve.bind, serve.port);
    let cannot_listen =
        |error: std::io::Error| Error::Usage(format!("cannot listen on {requested}: {error} (try another --port)"));
    let listener = std::net::TcpListener::bind(requested).map_err(cannot_listen)?;
    listener.set_nonblocking(true).map_err(cannot_listen)?;
    // `--port 0` lets the system choose: say which one it chose.
    let address = listener.local_addr().unwrap_or(requested);
    let url = format!("http://{address}/");

    let (changes, changed) = mpsc::channel();
    // Only changes to files count: reading them during a build (access
    // events, atime updates) must not trigger the next build.
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result {
            let relevant = match event.kind {
                EventKind::Create(_) | EventKind::Remove(_) => true,
                EventKind::Modify(ModifyKind::Metadata(_)) => false,
                EventKind::Modify(_) => true,
                _ => false,
            };
            if relevant {
                let _ = changes.send(event.paths);
            }
        }
    })
    .map_err(|error| Error::Usage(format!("cannot watch {}: {error}", root.display())))?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|error| Error::Usage(format!("cannot watch {}: {error}", root.display())))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| Error::Usage(format!("cannot start the server: {error}")))?;
    let entered = runtime.enter();
    let listener = tokio::net::TcpListener::from_std(listener).map_err(cannot_listen)?;
    // From here Ctrl-C ends the request loop, even before it starts.
    serving.store(true, Ordering::SeqCst);

    match &error {
        Some(error) => {
            eprintln!("error: {error}");
            eprintln!("The site could not be built: its pages show this error until you fix it and save.");
        }
        None if !serve.quiet => println!("Built {count} files in {} ms.", start.elapsed().as_millis()),
        None => {}
    }
    if !serve.quiet {
        println!("Serving {} at {url} (press Ctrl-C to stop)", root.display());
    }
    if !serve.bind.is_loopback() {
        eprintln!("warning: listening on {}: other computers on the network can read this site", serve.bind);
    }
    let rebuild_state = Arc::clone(&state);
    let quiet = serve.quiet;
    std::thread::spawn(move || rebuild_loop(&root, session, &rebuild_state, &changed, &options, quiet));
    if serve.open {
        if let Err(error) = open::that_detached(&url) {
            eprintln!("warning: could not open a browser ({error}); open {url} yourself");
        }
    }

    runtime.block_on(accept(listener, state, address, stop));
    // Open reload streams never end by themselves: do not wait for them.
    drop(entered);
    runtime.shutdown_timeout(Duration::from_millis(100));
    if !serve.quiet {
        println!("Stopped.");
    }
    Ok(())
}

/// Serves each connection on its own task until `stop` is notified.
async fn accept(listener: tokio::net::TcpListener, state: Arc<State>, address: SocketAddr, stop: Arc<Notify>) {
    // Keep-alive comments let a reload stream notice a closed tab.
    let beat = Arc::clone(&state);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(KEEP_ALIVE);
        loop {
            every.tick().await;
            beat.broadcast(Notice::KeepAlive);
        }
    });
    loop {
        let stream = tokio::select! {
            () = stop.notified() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, say: wait for some to close.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let response = respond(&request, &state, address);
                async move { Ok::<_, Infallible>(response) }
            });
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// Waits for changes; a burst of them gives one rebuild, of only what it
/// needs. Without a good build yet (`session` is `None`), every change
/// tries a whole build.
fn rebuild_loop(
    root: &Path,
    mut session: Option<Session>,
    state: &State,
    changed: &mpsc::Receiver<Vec<PathBuf>>,
    options: &BuildOptions,
    quiet: bool,
) {
    while let Ok(mut paths) = changed.recv() {
        let first = Instant::now();
        while first.elapsed() < MAX_WAIT {
            match changed.recv_timeout(QUIET_PERIOD) {
                Ok(more) => paths.extend(more),
                Err(_) => break,
            }
        }
        let kinds: Vec<ChangeKind> = paths
            .iter()
            .filter(|path| session.as_ref().is_none_or(|session| !session.is_passing_file(path)))
            .map(|path| change_kind(root, path))
            .filter(|kind| *kind != ChangeKind::Ignored)
            .collect();
        if kinds.is_empty() {
            continue;
        }
        let start = Instant::now();
        let result = match session.as_mut() {
            Some(current) => rebuild(root, current, state, &kinds),
            None => Ok(Rebuilt::Everything),
        };
        let result = match result {
            Ok(Rebuilt::Everything) => Session::full(root, options).map(|(fresh, files)| {
                session = Some(fresh);
                state.replace(files);
                "everything"
            }),
            Ok(Rebuilt::Part(what)) => Ok(what),
            Err(error) => Err(error),
        };
        match result {
            Ok(what) => {
                *state.error.write().expect("error lock") = None;
                if !quiet {
                    println!("Rebuilt {what} in {} ms.", start.elapsed().as_millis());
                }
                state.broadcast(Notice::Reload);
                if let (Some(session), "pages") = (&session, what) {
                    match session.handouts() {
                        Ok(files) => state.update(files),
                        Err(error) => eprintln!("error: {error}"),
                    }
                }
            }
            Err(error) => {
                let message = error.to_string();
                eprintln!("error: {message}");
                *state.error.write().expect("error lock") = Some(message.clone());
                state.broadcast(Notice::Failed(message));
            }
        }
    }
}

/// What a rebuild did, or that it needs a whole build.
enum Rebuilt {
    Part(&'static str),
    Everything,
}

/// Applies the changes `kinds` (none of them ignored) to the last good build.
fn rebuild(root: &Path, session: &mut Session, state: &State, kinds: &[ChangeKind]) -> Result<Rebuilt> {
    let all = |test: fn(&ChangeKind) -> bool| kinds.iter().all(test);
    if all(|kind| matches!(kind, ChangeKind::Static(_))) {
        // Static files are copied: put the new ones in, take the removed ones out.
        let mut map = (**state.files.read().expect("files lock")).clone();
        for kind in kinds {
            if let ChangeKind::Static(rel) = kind {
                let path = root.join("static").join(rel);
                if path.is_file() && !path.is_symlink() {
                    map.insert(rel.clone(), Arc::new(Contents::Copy(path)));
                } else {
                    map.remove(rel);
                }
            }
        }
        *state.files.write().expect("files lock") = Arc::new(map);
        return Ok(Rebuilt::Part("static files"));
    }
    if all(|kind| matches!(kind, ChangeKind::Template)) {
        state.update(session.templates()?);
        return Ok(Rebuilt::Part("pages (templates)"));
    }
    if !all(|kind| matches!(kind, ChangeKind::Page(_))) {
        return Ok(Rebuilt::Everything);
    }
    let pages: Vec<PathBuf> = kinds
        .iter()
        .filter_map(|kind| match kind {
            ChangeKind::Page(path) => Some(path.clone()),
            _ => None,
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    Ok(match session.text_edit(&pages)? {
        Some(files) => {
            state.update(files);
            Rebuilt::Part("pages")
        }
        None => Rebuilt::Everything,
    })
}

fn index(files: Vec<OutputFile>) -> Files {
    files.into_iter().map(|file| (file.path, Arc::new(file.contents))).collect()
}

/// The site path a request names, or `None` if it tries to leave the site.
pub fn site_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if !decoded.starts_with('/') || decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/').filter(|part| !part.is_empty()) {
        if part == "." || part == ".." || part.contains(':') {
            return None;
        }
        parts.push(part);
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

fn respond(request: &Request<Incoming>, state: &State, address: SocketAddr) -> Response<Body> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD");
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let url = request.uri().path();
    if url == EVENTS_PATH {
        let origin = request.headers().get(header::ORIGIN).map(|value| value.to_str().unwrap_or("?"));
        return events(origin, state, address);
    }
    if url == RELOAD_SCRIPT_PATH {
        return reply(StatusCode::OK, mime_type(RELOAD_SCRIPT_PATH), RELOAD_SCRIPT.as_bytes().to_vec());
    }
    let Some(path) = site_path(url) else {
        return text(StatusCode::FORBIDDEN, "Forbidden");
    };
    let files = Arc::clone(&state.files.read().expect("files lock"));
    if files.is_empty() {
        // No good build yet: a page that waits for one, showing the error.
        return reply(StatusCode::SERVICE_UNAVAILABLE, mime_type(".html"), inject_reload(WAITING_PAGE.as_bytes()));
    }
    if !files.contains_key(&path) && files.contains_key(&format!("{path}/index.html")) {
        let mut response = text(StatusCode::MOVED_PERMANENTLY, "");
        if let Ok(location) = HeaderValue::from_str(&format!("{url}/")) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    let (status, path) = if files.contains_key(&path) {
        (StatusCode::OK, path)
    } else {
        (StatusCode::NOT_FOUND, "404.html".to_string())
    };
    let Some(Ok(body)) = files.get(&path).map(|contents| contents.read()) else {
        return text(StatusCode::NOT_FOUND, "Not found");
    };
    let mime = mime_type(&path);
    let body = if mime.starts_with("text/html") { inject_reload(&body) } else { body.into_owned() };
    reply(status, mime, body)
}

type Body = UnsyncBoxBody<Bytes, Infallible>;

/// A whole response, never cached: the next rebuild may change it.
fn reply(status: StatusCode, mime: &'static str, body: Vec<u8>) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from(body)).boxed_unsync());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn text(status: StatusCode, message: &str) -> Response<Body> {
    reply(status, mime_type(".txt"), message.as_bytes().to_vec())
}

fn inject_reload(body: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_SCRIPT_PATH}\"></script>\n");
    let text = String::from_utf8_lossy(body);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

fn mime_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("xml") => "application/xml",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("pdf") => "application/pdf",
        Some("zip") => "application/zip",
        Some("ics") => "text/calendar",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A server-sent event stream: one message per rebuild, open until the page
/// goes. Only pages served by this server may listen (checked by the Origin
/// header; a request without one is not from a page).
fn events(origin: Option<&str>, state: &State, address: SocketAddr) -> Response<Body> {
    if !origin.is_none_or(|origin| is_own_origin(origin, address)) {
        return text(StatusCode::FORBIDDEN, "Forbidden");
    }
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    let _ = sender.send(Notice::Connected);
    if let Some(error) = state.error.read().expect("error lock").clone() {
        let _ = sender.send(Notice::Failed(error));
    }
    state.clients.lock().expect("clients lock").push(sender);
    let frames = UnboundedReceiverStream::new(receiver).map(|notice| Ok(Frame::data(Bytes::from(notice.message()))));
    let mut response = Response::new(StreamBody::new(frames).boxed_unsync());
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Whether a page from `origin` was served by this server.
fn is_own_origin(origin: &str, address: SocketAddr) -> bool {
    let port = address.port();
    let mut own = vec![format!("http://{address}"), format!("http://localhost:{port}")];
    if address.ip().is_unspecified() || address.ip().is_loopback() {
        own.push(format!("http://127.0.0.1:{port}"));
        own.push(format!("http://[::1]:{port}"));
    }
    own.iter().any(|allowed| allowed == origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_change_kinds() {
        let root = Path::new("/site");
        assert_eq!(
            change_kind(root, Path::new("/site/content/review/a.fr.md")),
            ChangeKind::Page("content/review/a.fr.md".into())
        );
        assert_eq!(
            change_kind(root, Path::new("/site/static/img/logo.png")),
            ChangeKind::Static("img/logo.png".into())
        );
        assert_eq!(change_kind(root, Path::new("/site/templates/page.html")), ChangeKind::Template);
        assert_eq!(change_kind(root, Path::new("/site/themes/plain/templates/nav.html")), ChangeKind::Template);
        for other in [
            "/site/uprkit.yaml",
            "/site/i18n/fr.yaml",
            "/site/themes/plain/static/uprkit.css",
            "/site/content/glossary.yaml",
        ] {
            assert_eq!(change_kind(root, Path::new(other)), ChangeKind::Other, "{other}");
        }
        for ignored in [
            "/site/public/index.html",
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/.git/index",
            "/elsewhere/a.md",
        ] {
            assert_eq!(change_kind(root, Path::new(ignored)), ChangeKind::Ignored, "{ignored}");
        }
    }

    #[test]
    fn only_own_pages_may_listen_for_reloads() {
        let address: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        assert!(is_own_origin("http://127.0.0.1:1111", address));
        assert!(is_own_origin("http://localhost:1111", address));
        assert!(!is_own_origin("http://evil.example:1111", address));
        assert!(!is_own_origin("http://127.0.0.1:2222", address));
    }

    #[test]
    fn requests_never_leave_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/fr/review/?x=1").as_deref(), Some("fr/review/index.html"));
        assert_eq!(site_path("/_uprkit/uprkit.css").as_deref(), Some("_uprkit/uprkit.css"));
        for bad in
            ["/../etc/passwd", "/%2e%2e/etc/passwd", "/a/%2E%2E/%2E%2E/x", "/..\\x", "/a%5c..%5cb", "/c:/x", "/%00"]
        {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }
}
