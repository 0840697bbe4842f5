//! `uprkit serve`: builds in memory, serves on 127.0.0.1, watches the toolkit
//! and tells the browser to reload after each rebuild. A failed rebuild keeps
//! the last good site and shows the error over the page.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::build::{render, BuildOptions};
use crate::config::Config;
use crate::content::loader::is_ignored;
use crate::error::{Error, Result};
use crate::output::Contents;
use crate::progress::Progress;

const EVENTS_PATH: &str = "/__uprkit/events";
const RELOAD_SCRIPT_PATH: &str = "/__uprkit/live-reload.js";
const RELOAD_SCRIPT: &str = include_str!("live-reload.js");

/// What the browser is told over server-sent events.
#[derive(Debug, Clone)]
enum Notice {
    Reload,
    Failed(String),
}

struct State {
    files: RwLock<Arc<HashMap<String, Contents>>>,
    /// The last build error, shown until a build succeeds.
    error: RwLock<Option<String>>,
    clients: Mutex<Vec<mpsc::Sender<Notice>>>,
}

impl State {
    fn broadcast(&self, notice: Notice) {
        let mut clients = self.clients.lock().expect("clients lock");
        clients.retain(|client| client.send(notice.clone()).is_ok());
    }
}

pub fn serve(config: Config, options: BuildOptions, bind: IpAddr, port: u16, quiet: bool) -> Result<()> {
    let root = config.root.clone();
    let first = render(&config, &options, &Progress::hidden())?;
    let state = Arc::new(State {
        files: RwLock::new(Arc::new(index(first.files))),
        error: RwLock::new(None),
        clients: Mutex::new(Vec::new()),
    });
    let address = SocketAddr::new(bind, port);
    let server = Server::http(address)
        .map_err(|error| Error::Usage(format!("cannot listen on {address}: {error} (try another --port)")))?;
    if !quiet {
        println!("Built {} files in {} ms.", first.report.files, first.report.elapsed.as_millis());
        println!("Serving {} at http://{address}/ (press Ctrl-C to stop)", root.display());
    }
    if !bind.is_loopback() {
        eprintln!("warning: listening on {bind}: other computers on the network can read this site");
    }

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

    let rebuild_state = Arc::clone(&state);
    std::thread::spawn(move || rebuild_loop(&root, &options, &rebuild_state, &changed, quiet));

    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        if request.url().split('?').next() == Some(EVENTS_PATH) {
            std::thread::spawn(move || events(request, &state, address));
        } else {
            respond(request, &state);
        }
    }
    Ok(())
}

/// Waits for changes; a burst of them gives one rebuild.
fn rebuild_loop(
    root: &Path,
    options: &BuildOptions,
    state: &State,
    changed: &mpsc::Receiver<Vec<PathBuf>>,
    quiet: bool,
) {
    while let Ok(mut paths) = changed.recv() {
        while let Ok(more) = changed.recv_timeout(Duration::from_millis(50)) {
            paths.extend(more);
        }
        if !paths.iter().any(|path| is_source(root, path)) {
            continue;
        }
        let start = Instant::now();
        let result = Config::load(root).and_then(|config| render(&config, options, &Progress::hidden()));
        match result {
            Ok(site) => {
                *state.files.write().expect("files lock") = Arc::new(index(site.files));
                *state.error.write().expect("error lock") = None;
                if !quiet {
                    println!("Rebuilt in {} ms.", start.elapsed().as_millis());
                }
                state.broadcast(Notice::Reload);
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

/// Changes that can affect the site: not the build output, not version
/// control or editors' temporary files.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut components = relative.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = components.next() else {
        return false;
    };
    if matches!(first.as_ref(), "public" | "target") {
        return false;
    }
    !relative.components().any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
}

fn index(files: Vec<crate::output::OutputFile>) -> HashMap<String, Contents> {
    files.into_iter().map(|file| (file.path, file.contents)).collect()
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

fn respond(request: Request, state: &State) {
    let url = request.url().to_string();
    if url.split('?').next() == Some(RELOAD_SCRIPT_PATH) {
        let _ = request.respond(with_type(Response::from_data(RELOAD_SCRIPT.as_bytes().to_vec()), "text/javascript"));
        return;
    }
    let Some(path) = site_path(&url) else {
        let _ = request.respond(Response::from_string("Forbidden").with_status_code(StatusCode(403)));
        return;
    };
    let files = Arc::clone(&state.files.read().expect("files lock"));
    if !files.contains_key(&path) && files.contains_key(&format!("{path}/index.html")) {
        let location = format!("{}/", url.split('?').next().unwrap_or("/"));
        let header = Header::from_bytes("Location", location.as_bytes()).expect("valid header");
        let _ = request.respond(Response::empty(StatusCode(301)).with_header(header));
        return;
    }
    let (status, path) = if files.contains_key(&path) { (200, path) } else { (404, "404.html".to_string()) };
    let Some(contents) = files.get(&path) else {
        let _ = request.respond(Response::from_string("Not found").with_status_code(StatusCode(404)));
        return;
    };
    let mut body = match contents.read() {
        Ok(bytes) => bytes.into_owned(),
        Err(_) => {
            let _ = request.respond(Response::from_string("Gone").with_status_code(StatusCode(404)));
            return;
        }
    };
    let mime = mime_type(&path);
    if mime.starts_with("text/html") {
        body = inject_reload(body);
    }
    let response = with_type(Response::from_data(body), mime).with_status_code(StatusCode(status));
    let _ =
        request.respond(response.with_header(Header::from_bytes("Cache-Control", "no-store").expect("valid header")));
}

fn with_type<R: Read>(response: Response<R>, mime: &str) -> Response<R> {
    response.with_header(Header::from_bytes("Content-Type", mime.as_bytes()).expect("valid header"))
}

fn inject_reload(body: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_SCRIPT_PATH}\"></script>\n");
    let text = String::from_utf8_lossy(&body);
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
        Some("ics") => "text/calendar",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A server-sent event stream: one message per rebuild. Only pages served
/// by this server may listen (checked by the Origin header).
fn events(request: Request, state: &State, address: SocketAddr) {
    let origin = request.headers().iter().find(|h| h.field.equiv("Origin")).map(|h| h.value.to_string());
    if !origin.as_deref().is_none_or(|origin| is_own_origin(origin, address)) {
        let _ = request.respond(Response::from_string("Forbidden").with_status_code(StatusCode(403)));
        return;
    }
    let (sender, receiver) = mpsc::channel();
    if let Some(error) = state.error.read().expect("error lock").clone() {
        let _ = sender.send(Notice::Failed(error));
    }
    state.clients.lock().expect("clients lock").push(sender);
    // tiny_http buffers ordinary response bodies until they end; its upgrade
    // hands over the connection after the head, so each event is flushed as
    // it happens. The body then simply runs until the connection closes.
    let head = with_type(Response::empty(StatusCode(200)), "text/event-stream")
        .with_header(Header::from_bytes("Cache-Control", "no-store").expect("valid header"));
    let mut stream = request.upgrade("sse", head);
    let mut send = |message: &str| stream.write_all(message.as_bytes()).and_then(|()| stream.flush());
    if send(": connected\n\n").is_err() {
        return;
    }
    loop {
        let message = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(Notice::Reload) => "event: reload\ndata: ok\n\n".to_string(),
            Ok(Notice::Failed(error)) => {
                let data: String = error.lines().map(|line| format!("data: {line}\n")).collect();
                format!("event: failed\n{data}\n")
            }
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if send(&message).is_err() {
            return;
        }
    }
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
