//! The dev server's HTTP side, on hyper: each connection on its own task,
//! closed if it sends no request within [`HEADER_TIMEOUT`]; pages from the
//! last good build in memory, with the reload script added; copied files
//! (videos, PDFs) streamed from disk with `Range` support (tower-http); text
//! gzipped for clients that accept it (tower-http); the reload channel as
//! server-sent events. Only requests naming this server
//! in `Host` are answered (no DNS rebinding), and never a file outside the
//! site.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll};
use std::time::Duration;

use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Bytes, Frame, Incoming};
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::http::{Extensions, Version};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::Notify;
use tokio_stream::wrappers::UnboundedReceiverStream;
use tokio_stream::StreamExt;
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::{Compression, CompressionLevel};
use tower_http::services::ServeFile;
use tower_service::Service;

use crate::engine::output::{Contents, OutputFile};

const EVENTS_PATH: &str = "/__uprkit/events";
const RELOAD_SCRIPT_PATH: &str = "/__uprkit/live-reload.js";
const RELOAD_SCRIPT: &str = include_str!("live-reload.js");
/// Served for every page until the first good build; the reload script
/// shows the error over it and loads the page once the build succeeds.
const WAITING_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
    <title>uprkit: waiting for a good build</title>\n</head>\n<body>\n\
    <p>The site could not be built yet. Fix the error shown below, save, and this page loads by itself.</p>\n\
    </body>\n</html>\n";

/// How often an idle reload stream gets a comment, to notice closed pages.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// A connection that sends no complete request head within this time,
/// first or next, is closed: idle sockets must not use up the server.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// What the browser is told over server-sent events.
#[derive(Debug, Clone)]
pub enum Notice {
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
                // One `data:` line per line, whatever ends it: a lone `\r`
                // would otherwise end the field early.
                let data: String = error
                    .split("\r\n")
                    .flat_map(|line| line.split(['\r', '\n']))
                    .map(|line| format!("data: {line}\n"))
                    .collect();
                format!("event: failed\n{data}\n")
            }
            Notice::KeepAlive => ": keep-alive\n\n".to_string(),
        }
    }
}

pub type Files = HashMap<String, Arc<Contents>>;

pub struct State {
    pub files: RwLock<Arc<Files>>,
    /// The last build error, shown until a build succeeds.
    pub error: RwLock<Option<String>>,
    pub clients: Mutex<Vec<UnboundedSender<Notice>>>,
}

impl State {
    pub fn broadcast(&self, notice: Notice) {
        let mut clients = self.clients.lock().expect("clients lock");
        clients.retain(|client| client.send(notice.clone()).is_ok());
    }

    pub fn replace(&self, files: Vec<OutputFile>) {
        *self.files.write().expect("files lock") = Arc::new(index(files));
    }

    pub fn update(&self, files: Vec<OutputFile>) {
        let mut map = (**self.files.read().expect("files lock")).clone();
        map.extend(index(files));
        *self.files.write().expect("files lock") = Arc::new(map);
    }
}

/// Serves each connection on its own task until `stop` is notified.
pub async fn accept(listener: tokio::net::TcpListener, state: Arc<State>, address: SocketAddr, stop: Arc<Notify>) {
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
        let site = Compression::new(Site { state: Arc::clone(&state), address })
            .quality(CompressionLevel::Precise(GZIP_LEVEL))
            .compress_when(SizeAbove::default().and(is_text));
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let mut site = site.clone();
                async move {
                    std::future::poll_fn(|cx| site.poll_ready(cx)).await?;
                    site.call(request).await
                }
            });
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The site as a tower service, so that tower-http's compression can wrap it.
#[derive(Clone)]
struct Site {
    state: Arc<State>,
    address: SocketAddr,
}

impl Service<Request<Incoming>> for Site {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Incoming>) -> Self::Future {
        let (state, address) = (Arc::clone(&self.state), self.address);
        Box::pin(async move { Ok(respond(request, &state, address).await) })
    }
}

/// gzip's level for what is sent: every response is compressed anew, and a
/// big guide's Arabic search index is 7 MB. Level 4 takes about the time of
/// level 1 on it (0.15 s with the gzip tool) and gives 20 % less (1.6 MB
/// against 2.0); level 6 saves another 10 % in four times the time.
const GZIP_LEVEL: i32 = 4;

/// What is sent gzipped, when the client accepts it: text (pages, scripts,
/// styles, the search index, data, calendars, SVG). Not the reload stream,
/// whose events must arrive as they are sent, nor images, PDFs, zips or
/// videos, compressed already (tower-http leaves ranges alone itself).
fn is_text(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    let mime = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or("");
    (mime.starts_with("text/") && !mime.starts_with("text/event-stream"))
        || ["application/json", "application/xml", "image/svg+xml"].iter().any(|text| mime.starts_with(text))
}

/// The files by path, pages kept compressed: a big site's pages take a
/// fifth of the memory, and are inflated (in microseconds) when asked for.
pub fn index(files: Vec<OutputFile>) -> Files {
    use rayon::prelude::*;
    files
        .into_par_iter()
        .map(|file| {
            let contents = if file.path.ends_with(".html") { file.contents.deflated() } else { file.contents };
            (file.path, Arc::new(contents))
        })
        .collect()
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

async fn respond(request: Request<Incoming>, state: &State, address: SocketAddr) -> Response<Body> {
    let host = request.headers().get(header::HOST).and_then(|value| value.to_str().ok()).unwrap_or("");
    if !is_own_host(host, address) {
        // A page of another site whose name was pointed at this computer
        // (DNS rebinding) must not read this one.
        return text(StatusCode::MISDIRECTED_REQUEST, "This server only answers requests addressed to it.");
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD");
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let url = request.uri().path();
    if url == EVENTS_PATH {
        let origin = request.headers().get(header::ORIGIN).map(|value| value.to_str().unwrap_or("?"));
        return events(origin, host, state);
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
        // Always a path on this server: `//preparation` must not lead to the host `preparation`.
        let mut response = text(StatusCode::MOVED_PERMANENTLY, "");
        if let Ok(location) = HeaderValue::from_str(&format!("/{path}/")) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    let (status, path) = if files.contains_key(&path) {
        (StatusCode::OK, path)
    } else {
        // The 404 page of the language asked for (`fr/...` → `fr/404.html`).
        let language = path.split_once('/').map(|(first, _)| format!("{first}/404.html"));
        (
            StatusCode::NOT_FOUND,
            language.filter(|page| files.contains_key(page)).unwrap_or_else(|| "404.html".to_string()),
        )
    };
    let Some(contents) = files.get(&path) else {
        return text(StatusCode::NOT_FOUND, "Not found");
    };
    let mime = mime_type(&path);
    match &**contents {
        // Big files stay on disk and are sent as they are read, in ranges if asked.
        Contents::Copy(file) if status == StatusCode::OK && !mime.starts_with("text/html") => {
            stream_file(file, &request).await
        }
        contents => match contents.read() {
            // A 404 page's links are relative to where it lies, not to the address asked for.
            Ok(body) if mime.starts_with("text/html") && status == StatusCode::NOT_FOUND => {
                let folder = path.rsplit_once('/').map_or(String::new(), |(folder, _)| format!("{folder}/"));
                let base = format!("<head>\n<base href=\"/{folder}\">");
                let body = String::from_utf8_lossy(&body).replacen("<head>", &base, 1);
                reply(status, mime, inject_reload(body.as_bytes()))
            }
            Ok(body) if mime.starts_with("text/html") => reply(status, mime, inject_reload(&body)),
            Ok(body) => reply(status, mime, body.into_owned()),
            Err(_) => text(StatusCode::NOT_FOUND, "Not found"),
        },
    }
}

/// A file from disk, streamed, answering `Range` (206) and `HEAD`.
async fn stream_file(file: &std::path::Path, request: &Request<Incoming>) -> Response<Body> {
    let mut forwarded = Request::new(());
    *forwarded.method_mut() = request.method().clone();
    *forwarded.uri_mut() = request.uri().clone();
    for name in [header::RANGE, header::IF_RANGE, header::IF_MODIFIED_SINCE, header::IF_UNMODIFIED_SINCE] {
        if let Some(value) = request.headers().get(&name) {
            forwarded.headers_mut().insert(name, value.clone());
        }
    }
    match ServeFile::new(file).try_call(forwarded).await {
        Ok(response) => {
            let (mut parts, body) = response.into_parts();
            parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            parts.headers.insert(
                HeaderName::from_static("cross-origin-resource-policy"),
                HeaderValue::from_static("same-origin"),
            );
            Response::from_parts(parts, body.boxed_unsync())
        }
        Err(_) => text(StatusCode::NOT_FOUND, "Not found"),
    }
}

type Body = UnsyncBoxBody<Bytes, std::io::Error>;

/// A whole response, never cached (the next rebuild may change it), never
/// included by another site's page.
fn reply(status: StatusCode, mime: &'static str, body: Vec<u8>) -> Response<Body> {
    let body = Full::new(Bytes::from(body)).map_err(|never: Infallible| match never {});
    let mut response = Response::new(body.boxed_unsync());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("same-origin"));
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
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A server-sent event stream: one message per rebuild, open until the page
/// goes. Only pages served by this server may listen: a request from a page
/// carries its `Origin`, which must be this server as the page named it.
fn events(origin: Option<&str>, host: &str, state: &State) -> Response<Body> {
    if !origin.is_none_or(|origin| origin.eq_ignore_ascii_case(&format!("http://{host}"))) {
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

/// Whether `host` (a `Host` header) names this server listening on
/// `address`: its address, `localhost` on loopback, and when listening on
/// every address (`--bind 0.0.0.0`), any address written as digits, as
/// another computer on the network names it. Never a domain name: that is
/// what DNS rebinding uses.
fn is_own_host(host: &str, address: SocketAddr) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, port.parse::<u16>().ok()),
        _ => (host, Some(80)),
    };
    if port != Some(address.port()) {
        return false;
    }
    let listening = address.ip();
    if name.eq_ignore_ascii_case("localhost") {
        return listening.is_loopback() || listening.is_unspecified();
    }
    match name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
        Ok(named) => {
            named == listening || listening.is_unspecified() || (listening.is_loopback() && named.is_loopback())
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_requests_addressed_to_this_server_are_answered() {
        let loopback: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for host in ["127.0.0.1:1111", "localhost:1111", "LOCALHOST:1111", "[::1]:1111"] {
            assert!(is_own_host(host, loopback), "{host}");
        }
        for host in ["attacker.example:1111", "127.0.0.1:2222", "127.0.0.1", "192.168.1.5:1111", "", "localhost"] {
            assert!(!is_own_host(host, loopback), "{host}");
        }
        let everywhere: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        for host in ["192.168.1.5:1111", "10.0.0.2:1111", "[fe80::1]:1111", "localhost:1111"] {
            assert!(is_own_host(host, everywhere), "{host}");
        }
        assert!(!is_own_host("laptop.attacker.example:1111", everywhere));
    }

    #[test]
    fn multi_line_errors_are_one_event() {
        let message = Notice::Failed("content/a\rb.md:1: bad\r\nsecond\nthird".into()).message();
        assert_eq!(message, "event: failed\ndata: content/a\ndata: b.md:1: bad\ndata: second\ndata: third\n\n");
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
