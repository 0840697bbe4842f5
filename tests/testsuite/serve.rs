//! `uprkit serve` on a free port: pages are served, edits reload the browser,
//! a broken edit shows the error and keeps the last good page, and requests
//! can never leave the site.

use crate::common;

use std::io::{BufRead, BufReader, Lines, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use common::{assert_success, uprkit, Site};

/// The server process, stopped when the test ends, pass or fail.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `uprkit serve --port 0` in `site` and reads the port it chose from
/// its first lines (returned too, with the rest of its output to come), so
/// tests running side by side never share a port.
fn spawn_serve(site: &Site) -> (Child, u16, Lines<BufReader<ChildStdout>>, String) {
    spawn_serve_with(site.root(), &[])
}

/// `uprkit serve --port 0`, to run in `dir`, its output piped.
fn serve_command(dir: &Path) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("uprkit"));
    command.args(["serve", "--port", "0"]).current_dir(dir).stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

/// `uprkit serve --port 0` with more arguments, run in `dir`.
fn spawn_serve_with(dir: &Path, args: &[&str]) -> (Child, u16, Lines<BufReader<ChildStdout>>, String) {
    listening(serve_command(dir).args(args).stderr(Stdio::null()).spawn().unwrap())
}

/// The server `child` once it says where it listens: its port, the rest of
/// its output to come, and what it said before.
fn listening(mut child: Child) -> (Child, u16, Lines<BufReader<ChildStdout>>, String) {
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = String::new();
    let port = loop {
        let line = lines.next().expect("serve prints where it listens").unwrap();
        seen.push_str(&line);
        seen.push('\n');
        if let Some(rest) = line.split("http://").nth(1) {
            let address = rest.split('/').next().unwrap();
            break address.rsplit(':').next().unwrap().parse().unwrap();
        }
    };
    (child, port, lines, seen)
}

fn start(site: &Site) -> Server {
    let (child, port, lines, _) = spawn_serve(site);
    // Keep reading its output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

/// Sends a raw request line (so odd paths reach the server unaltered) and
/// returns the status code and body.
fn get(port: u16, path: &str) -> (u16, String) {
    request(port, "GET", path)
}

fn request(port: u16, method: &str, path: &str) -> (u16, String) {
    let (status, _, body) = exchange(port, &format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"));
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// Sends `head` (request line and headers, without the blank line) and
/// returns the status, the response headers and the body.
fn exchange(port: u16, head: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "{head}Connection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").map_or(response.len(), |at| at + 4);
    let headers = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = headers.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    (status, headers, response[split..].to_vec())
}

/// A live-reload listener: reads server-sent events as they come.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn connect(port: u16, origin: Option<&str>) -> (u16, Events) {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let origin = origin.map(|o| format!("Origin: {o}\r\n")).unwrap_or_default();
        write!(stream, "GET /__uprkit/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{origin}\r\n")
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut status_line = String::new();
        reader.read_line(&mut status_line).unwrap();
        let status = status_line.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        (status, Events { reader })
    }

    /// The next event's name and data, skipping keep-alives; fails after 30 s.
    fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            assert!(Instant::now() < deadline, "no event within 30 s");
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).expect("an event before the timeout");
            assert!(read > 0, "stream closed");
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_string();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data.push_str(value);
                data.push('\n');
            } else if line.is_empty() && !name.is_empty() {
                return (name, data);
            }
        }
    }
}

#[test]
fn serves_pages_and_reloads_after_an_edit() {
    let site = Site::copy("basic");
    let server = start(&site);
    let (status, body) = get(server.port, "/preparation/report/index.html");
    assert_eq!(status, 200);
    assert!(body.contains("Stakeholder report"));
    assert!(body.contains("<script src=\"/__uprkit/live-reload.js\"></script>"));
    assert_eq!(get(server.port, "/fr/").0, 200);
    assert_eq!(get(server.port, "/no/such/page/").0, 404);
    // The 404 page of the language asked for, its links relative to where it lies.
    let (status, body) = get(server.port, "/fr/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("<html lang=\"fr\"") && body.contains("Page introuvable"), "{body}");
    assert!(body.contains("<head>\n<base href=\"/fr/\">"), "{body}");
    assert!(body.contains("data-search"), "with the search box");
    assert_eq!(request(server.port, "HEAD", "/fr/"), (200, String::new()));
    assert_eq!(request(server.port, "POST", "/fr/").0, 405);

    let (status, mut events) = Events::connect(server.port, Some(&format!("http://127.0.0.1:{}", server.port)));
    assert_eq!(status, 200);
    let page = "content/preparation/report.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, text.replace("title: Stakeholder report", "title: Shadow report"));
    assert_eq!(events.next().0, "reload");
    assert!(get(server.port, "/preparation/report/index.html").1.contains("Shadow report"));

    // A broken edit: the error goes to the browser, the last good page stays.
    site.write(page, "---\ntitle: Shadow report\nphse: review\n---\n");
    let (name, data) = events.next();
    assert_eq!(name, "failed");
    assert!(data.contains("content/preparation/report.md:3:1: unknown key `phse`"), "{data}");
    assert!(get(server.port, "/preparation/report/index.html").1.contains("Shadow report"));

    site.write(page, text.clone());
    assert_eq!(events.next().0, "reload");
    assert!(get(server.port, "/preparation/report/index.html").1.contains("Stakeholder report"));

    // A text edit re-renders the page and its translations' notices.
    let french = "/fr/preparation/report/index.html";
    site.write(
        "content/preparation/report.fr.md",
        std::fs::read_to_string(site.root().join("content/preparation/report.fr.md"))
            .unwrap()
            .replace("00000000", &uprkit::engine::content::body_hash(&text[text.find("\n---\n").unwrap() + 5..])),
    );
    assert_eq!(events.next().0, "reload");
    assert!(!get(server.port, french).1.contains("notice-outdated"), "stamped: current");
    site.write(page, text.replace("Start early.", "Start very early."));
    assert_eq!(events.next().0, "reload");
    assert!(get(server.port, "/preparation/report/index.html").1.contains("Start very early."));
    assert!(get(server.port, french).1.contains("notice-outdated"), "the source changed: outdated again");
    // The search index, read only on the first search, follows after the reload.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !get(server.port, "/search-index.en.js").1.contains("Start very early.") {
        assert!(Instant::now() < deadline, "the search index never followed the edit");
        std::thread::sleep(Duration::from_millis(20));
    }

    // A new title shows in the navigation of other pages.
    let current = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, current.replace("title: Stakeholder report", "title: Written submission"));
    assert_eq!(events.next().0, "reload");
    assert!(get(server.port, "/preparation/index.html").1.contains("Written submission"), "navigation updated");
    assert!(get(server.port, "/review/index.html").1.contains("Written submission"), "previous link updated");
    site.write(page, current);
    assert_eq!(events.next().0, "reload");

    // A new page appears, and disappears with its file.
    site.write("content/review/extra.md", "---\ntitle: Extra page\n---\nText.\n");
    assert_eq!(events.next().0, "reload");
    assert!(get(server.port, "/review/index.html").1.contains("Extra page"), "in the navigation");
    site.remove("content/review/extra.md");
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(server.port, "/review/extra/index.html").0, 404);
    assert!(!get(server.port, "/review/index.html").1.contains("Extra page"));

    // A template: every page is rendered again. A static file: copied.
    site.write("templates/partials/pager.html", "<p class=\"my-pager\">custom</p>");
    assert_eq!(events.next().0, "reload");
    assert!(get(server.port, "/fr/review/index.html").1.contains("<p class=\"my-pager\">custom</p>"));
    site.write("static/notes.txt", "hello");
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(server.port, "/notes.txt"), (200, "hello".to_string()));
    site.remove("static/notes.txt");
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(server.port, "/notes.txt").0, 404);
}

#[test]
fn warnings_are_said_when_serve_starts_and_when_an_edit_adds_one_and_not_at_every_save() {
    let site = Site::copy("basic");
    site.write("static/sitemap.xml", "<urlset/>");
    let mut child = serve_command(site.root()).spawn().unwrap();
    let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let (said, errors) = (std::sync::Arc::clone(&stderr), child.stderr.take().unwrap());
    std::thread::spawn(move || {
        for line in BufReader::new(errors).lines() {
            let mut said = said.lock().unwrap();
            said.push_str(&line.unwrap());
            said.push('\n');
        }
    });
    let (child, port, lines, _) = listening(child);
    std::thread::spawn(move || for _ in lines {});
    let server = Server { child, port };
    let count = |needle: &str| stderr.lock().unwrap().matches(needle).count();
    let static_file = "static/sitemap.xml: ignored: the build generates sitemap.xml itself";
    assert_eq!(count(static_file), 1, "said as serve starts, as `build` says it:\n{}", stderr.lock().unwrap());

    let (_, mut events) = Events::connect(server.port, Some(&format!("http://127.0.0.1:{}", server.port)));
    let page = "content/preparation/report.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, format!("{text}\nSee [the review](/review/).\n"));
    assert_eq!(events.next().0, "reload");
    let root_link = "the link `/review/` starts at the root of a web server";
    let deadline = Instant::now() + Duration::from_secs(10);
    while count(root_link) == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(count(root_link), 1, "the edit's new warning is said:\n{}", stderr.lock().unwrap());

    // Saved again (the handouts made after the reload included): nothing said twice.
    site.write(page, format!("{text}\nSee [the review](/review/) soon.\n"));
    assert_eq!(events.next().0, "reload");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(count(root_link), 1, "{}", stderr.lock().unwrap());
    assert_eq!(count(static_file), 1, "{}", stderr.lock().unwrap());
}

#[test]
fn an_agenda_follows_its_workshop_file_and_its_pages_durations() {
    let site = Site::copy("basic");
    let workshop = "title: Morning\nstart: \"09:00\"\nsessions:\n  - title: One\n    items:\n      - page: preparation/report\n        duration: 30m\n      - page: review/dialogue\n";
    let page = "content/review/dialogue.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, text.replacen("---\n", "---\nduration: 20m\n", 1));
    site.write("workshops/morning.yaml", workshop);
    let server = start(&site);
    let agenda = "/workshops/morning/index.html";
    assert!(get(server.port, agenda).1.contains("09:00–09:50"));
    let (_, mut events) = Events::connect(server.port, Some(&format!("http://127.0.0.1:{}", server.port)));
    // The page's duration changes: the agenda's times follow.
    site.write(page, text.replacen("---\n", "---\nduration: 1h\n", 1));
    assert_eq!(events.next().0, "reload");
    assert!(get(server.port, agenda).1.contains("09:00–10:30"), "{}", get(server.port, agenda).1);
    // The workshop file changes, then is broken: its line goes to the browser.
    site.write("workshops/morning.yaml", workshop.replace("09:00", "10:00"));
    assert_eq!(events.next().0, "reload");
    assert!(get(server.port, agenda).1.contains("10:00–11:30"));
    site.write("workshops/morning.yaml", workshop.replace("review/dialogue", "review/dialog"));
    let (name, data) = events.next();
    assert_eq!(name, "failed");
    assert!(data.contains("workshops/morning.yaml:8: no page `review/dialog` in the guide"), "{data}");
}

#[test]
fn requests_cannot_leave_the_site() {
    let site = Site::copy("basic");
    // Files a `..` would reach: beside the toolkit, and in it (not served).
    const MARKER: &str = "MARKER-never-served-5f1c";
    std::fs::write(site.outside().join("secret.txt"), format!("{MARKER} beside the toolkit")).unwrap();
    site.write("secret.txt", format!("{MARKER} in the toolkit"));
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("passwords.txt"), format!("{MARKER} elsewhere")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("passwords.txt"), site.root().join("static/leak.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("static/outside")).unwrap();
    let server = start(&site);
    // Every encoding of `..`, backslashes and drive letters is refused as such,
    // never merely not found: a 404 would also be the answer of a server
    // that let `..` through to a file that happens not to exist.
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/fr/..%2F..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/\\..\\secret.txt",
        "/C:/Windows/win.ini",
        "/../../secret.txt",
        "/public/../../secret.txt",
        "/%2e%2e/%2e%2e/secret.txt",
        "/..%2f..%2fsecret.txt",
        "/.%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "/preparation/../../secret.txt",
    ] {
        let (status, body) = get(server.port, path);
        assert!(!body.contains(MARKER), "{path} leaked: {body}");
        // `%252e` decodes once to `%2e`, a name like any other: not found.
        let refused = status == 403 || status == 400 || (path.contains("%25") && status == 404);
        assert!(refused, "{path}: {status}, not refused");
    }
    // Files of the toolkit that are not part of the site, and links out of it.
    for path in
        ["//etc/passwd", "/uprkit.yaml", "/content/_index.md", "/secret.txt", "/leak.txt", "/outside/passwords.txt"]
    {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains(MARKER) && !body.contains("default_language"), "{path} leaked: {body}");
    }
    // The marker would be seen if served: a page of the site with it is.
    let (_, mut events) = Events::connect(server.port, None);
    site.write("static/marker.txt", MARKER);
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(server.port, "/marker.txt"), (200, MARKER.to_string()));
    // `//preparation` redirects to a path on this server, never to the host `preparation`.
    let (status, headers, _) =
        exchange(server.port, &format!("GET //preparation HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n", server.port));
    assert_eq!(status, 301, "{headers}");
    assert!(headers.contains("location: /preparation/\r\n"), "{headers}");
}

#[test]
fn only_requests_addressed_to_this_server_are_answered() {
    let site = Site::copy("basic");
    let server = start(&site);
    let port = server.port;
    // DNS rebinding: a page of attacker.example whose name now points here.
    let (status, _, body) =
        exchange(port, &format!("GET /preparation/report/ HTTP/1.1\r\nHost: attacker.example:{port}\r\n"));
    assert_eq!(status, 421);
    assert!(!String::from_utf8_lossy(&body).contains("Stakeholder report"));
    let (status, _, _) = exchange(port, &format!("GET /__uprkit/events HTTP/1.1\r\nHost: attacker.example:{port}\r\nOrigin: http://attacker.example:{port}\r\n"));
    assert_eq!(status, 421);
    let (status, _, _) = exchange(port, &format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\n"));
    assert_eq!(status, 200);
    // Another site's page cannot include the search index as a script.
    let (status, headers, _) =
        exchange(port, &format!("GET /search-index.en.js HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"));
    assert_eq!(status, 200);
    assert!(headers.contains("cross-origin-resource-policy: same-origin"), "{headers}");
}

#[test]
fn bound_to_every_address_other_computers_get_pages_and_reloads() {
    let site = Site::copy("basic");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("uprkit"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port: u16 = loop {
        let line = lines.next().expect("serve says where it listens").unwrap();
        if let Some(rest) = line.split("http://0.0.0.0:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
    let warning = stderr.next().expect("a warning").unwrap();
    let server = Server { child, port };
    assert!(warning.contains("other computers on the network can read this site"), "{warning}");
    // As a laptop on the network at 10.1.2.3 would ask.
    let host = format!("10.1.2.3:{port}");
    let (status, _, _) = exchange(server.port, &format!("GET / HTTP/1.1\r\nHost: {host}\r\n"));
    assert_eq!(status, 200);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET /__uprkit/events HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n\r\n").unwrap();
    let mut status_line = String::new();
    BufReader::new(stream).read_line(&mut status_line).unwrap();
    assert!(status_line.starts_with("HTTP/1.1 200"), "{status_line}");
}

#[test]
fn big_files_are_streamed_and_can_be_sought() {
    let site = Site::copy("basic");
    // A 64 MiB video beside a page: never loaded whole, even by several readers at once.
    let size = 64 * 1024 * 1024;
    let video: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    site.write("content/preparation/workshop.mp4", &video);
    let server = start(&site);
    let port = server.port;
    let head =
        format!("GET /preparation/workshop.mp4 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nRange: bytes=1000-1099\r\n");
    let (status, headers, body) = exchange(port, &head);
    assert_eq!(status, 206, "{headers}");
    assert!(headers.contains(&format!("content-range: bytes 1000-1099/{size}")), "{headers}");
    assert_eq!(body, video[1000..1100]);
    let rss = |pid: u32| -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 1024
    };
    let before = rss(server.child.id());
    // Five readers that take their time.
    let readers: Vec<TcpStream> = (0..5)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(stream, "GET /preparation/workshop.mp4 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    let during = rss(server.child.id());
    assert!(during < before + size as u64, "{} MiB more for five readers of a 64 MiB file", (during - before) >> 20);
    drop(readers);
}

#[test]
fn idle_connections_are_closed_and_do_not_starve_others() {
    let site = Site::copy("basic");
    let (child, port, lines, _) = spawn_serve_with_limit(site.root(), 128);
    std::thread::spawn(move || for _ in lines {});
    let _server = Server { child, port };
    // More idle sockets than the server may have files open.
    let idle: Vec<TcpStream> = (0..150).filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok()).collect();
    assert!(idle.len() > 100);
    let start = Instant::now();
    let (status, _) = get(port, "/");
    assert_eq!(status, 200);
    assert!(start.elapsed() < Duration::from_secs(9), "answered after {:?}", start.elapsed());
    // An idle socket is closed by the server.
    let mut one = TcpStream::connect(("127.0.0.1", port)).unwrap();
    one.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let mut buffer = [0; 16];
    assert_eq!(one.read(&mut buffer).unwrap_or(0), 0, "closed without a word");
}

/// `uprkit serve` with at most `files` open files, as a small `ulimit -n` gives.
fn spawn_serve_with_limit(dir: &Path, files: u32) -> (Child, u16, Lines<BufReader<ChildStdout>>, String) {
    let binary = assert_cmd::cargo::cargo_bin("uprkit");
    let mut child = Command::new("sh")
        .args(["-c", &format!("ulimit -n {files} && exec \"$0\" serve --port 0"), binary.to_str().unwrap()])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = String::new();
    let port = loop {
        let line = lines.next().expect("serve prints where it listens").unwrap();
        seen.push_str(&line);
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    (child, port, lines, seen)
}

#[test]
fn a_relative_root_still_rebuilds_and_reloads() {
    let site = Site::copy("basic");
    let (child, port, lines, _) = spawn_serve_with(site.outside(), &["--root", "toolkit"]);
    std::thread::spawn(move || for _ in lines {});
    let _server = Server { child, port };
    let (_, mut events) = Events::connect(port, None);
    let page = "content/preparation/report.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, text.replace("Start early.", "Start today."));
    assert_eq!(events.next().0, "reload");
    assert!(get(port, "/preparation/report/index.html").1.contains("Start today."));
}

#[test]
fn an_error_naming_a_carriage_return_stays_one_event() {
    let site = Site::copy("basic");
    let server = start(&site);
    let (_, events) = Events::connect(server.port, None);
    site.write("content/review/bad\rname.md", "---\ntitle: A\nphse: review\n---\n");
    let mut stream = events.reader;
    stream.get_ref().set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    let mut received = Vec::new();
    let _ = stream.read_to_end(&mut received);
    let received = String::from_utf8_lossy(&received);
    assert!(received.contains("event: failed") && received.contains("unknown key `phse`"), "{received:?}");
    // No reload, and no line cut in two by a lone carriage return (`\r\n`
    // ends the chunks of the HTTP stream itself).
    assert!(!received.contains("event: reload"), "{received:?}");
    assert!(!received.replace("\r\n", "").contains('\r'), "{received:?}");
}

#[test]
fn links_out_of_the_toolkit_are_not_watched() {
    let site = Site::copy("basic");
    std::os::unix::fs::symlink("/usr", site.root().join("static/usr")).unwrap();
    let server = start(&site);
    let mut watches = 0;
    for fd in std::fs::read_dir(format!("/proc/{}/fdinfo", server.child.id())).unwrap() {
        let info = std::fs::read_to_string(fd.unwrap().path()).unwrap_or_default();
        watches += info.lines().filter(|line| line.starts_with("inotify wd:")).count();
    }
    assert!((3..200).contains(&watches), "{watches} inotify watches");
}

#[test]
fn only_pages_from_this_server_may_listen_for_reloads() {
    let site = Site::copy("basic");
    let server = start(&site);
    let (status, _) = Events::connect(server.port, Some("http://evil.example"));
    assert_eq!(status, 403);
}

#[test]
fn a_burst_of_writes_gives_one_rebuild() {
    // Not while Chromium starts: on a busy machine the burst would pause
    // longer than serve's quiet period, and rightly give two rebuilds.
    let _alone = common::without_browsers();
    let site = Site::copy("basic");
    let server = start(&site);
    let (_, mut events) = Events::connect(server.port, None);
    for i in 0..200 {
        site.write(&format!("content/review/note-{i:03}.md"), format!("---\ntitle: Note {i}\n---\nText {i}\n"));
    }
    assert_eq!(events.next().0, "reload");
    // Every page of the burst is served once the rebuilds settle.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut reloads = 1;
    while get(server.port, "/review/note-199/index.html").0 != 200 {
        assert!(Instant::now() < deadline, "the last note never appeared");
        std::thread::sleep(Duration::from_millis(100));
    }
    events.reader.get_ref().set_read_timeout(Some(Duration::from_millis(1500))).unwrap();
    let mut line = String::new();
    while events.reader.read_line(&mut line).is_ok_and(|n| n > 0) {
        if line.starts_with("event: reload") {
            reloads += 1;
        }
        line.clear();
    }
    assert_eq!(reloads, 1, "{reloads} rebuilds for one burst");
}

#[test]
fn ctrl_c_stops_cleanly() {
    let site = Site::copy("basic");
    let (mut child, port, lines, mut out) = spawn_serve(&site);
    // A page listening for reloads does not hold the server up.
    let (status, _events) = Events::connect(port, None);
    assert_eq!(status, 200);
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    for line in lines {
        out.push_str(&line.unwrap());
        out.push('\n');
    }
    assert!(out.contains("Serving ") && out.ends_with("Stopped.\n"), "{out}");
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "the port is released");
}

/// Ctrl-C while the first build runs: the command ends at once with the
/// shell's code for it, 130, having served and printed nothing.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_during_the_first_build_ends_it_with_130() {
    let site = Site::copy("basic");
    for i in 0..600 {
        site.write(&format!("content/review/note-{i:03}.md"), format!("---\ntitle: Note {i}\n---\nText {i}\n"));
    }
    let child = serve_command(site.root()).spawn().unwrap();
    // Once it catches SIGINT (bit 2 of SigCgt), which it does just before
    // the first build starts.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
        let caught = status.lines().find_map(|line| line.strip_prefix("SigCgt:")).unwrap().trim();
        if u64::from_str_radix(caught, 16).unwrap() & (1 << 1) != 0 {
            break;
        }
        assert!(Instant::now() < deadline, "serve never set its Ctrl-C handler");
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "", "nothing served");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "nothing to report: the user stopped it");
}

#[test]
fn the_browser_reloads_and_shows_errors() {
    let site = Site::copy("basic");
    let server = start(&site);
    let address = format!("http://127.0.0.1:{}", server.port);
    common::run_browser_script_with("reload.mjs", &[address.as_ref(), site.root().as_os_str()], 6);
}

#[test]
fn a_first_build_that_fails_is_served_as_its_error_until_fixed() {
    let site = Site::copy("basic");
    let page = "content/preparation/report.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, text.replace("weight: 10", "weight: 10\nphse: review"));
    let server = start(&site);
    let (status, body) = get(server.port, "/preparation/report/index.html");
    assert_eq!(status, 503);
    assert!(body.contains("could not be built yet") && body.contains("/__uprkit/live-reload.js"), "{body}");
    let (_, mut events) = Events::connect(server.port, None);
    let (name, data) = events.next();
    assert_eq!(name, "failed");
    assert!(data.contains("content/preparation/report.md:4:1: unknown key `phse`"), "{data}");

    site.write(page, text);
    assert_eq!(events.next().0, "reload");
    let (status, body) = get(server.port, "/preparation/report/index.html");
    assert_eq!(status, 200);
    assert!(body.contains("Stakeholder report"));
}

#[test]
fn editors_temporary_files_do_not_rebuild_everything() {
    let site = Site::copy("basic");
    let (child, port, mut lines, _) = spawn_serve(&site);
    let _server = Server { child, port };
    let page = "content/preparation/report.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    // As vim and `sed -i` save: a file beside the page comes and goes, and
    // the new text is renamed over the page.
    site.write("content/preparation/4913", "");
    site.remove("content/preparation/4913");
    site.write("content/preparation/sedAb12Cd", text.replace("Start early.", "Start now."));
    std::fs::rename(site.root().join("content/preparation/sedAb12Cd"), site.root().join(page)).unwrap();
    let line = lines.next().expect("a rebuild").unwrap();
    assert!(line.starts_with("Rebuilt content/preparation/report.md in ") && line.ends_with(" ms."), "{line}");
    assert!(get(port, "/preparation/report/index.html").1.contains("Start now."));
}

/// Every page and script `serve` has now, against a whole build of the
/// same sources: what a partial rebuild must equal. Handouts and zips are
/// left out (they follow later, or only `build` makes them).
#[track_caller]
fn assert_serves_a_whole_build(site: &Site, port: u16) {
    let fresh = site.outside().join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    common::assert_success(&common::uprkit(site.root(), &["build", "--output", fresh.to_str().unwrap()]));
    let tag = "<script src=\"/__uprkit/live-reload.js\"></script>\n";
    let mut compared = 0;
    for rel in common::list_files(&fresh) {
        // Made with the zips, which serve does not make.
        let with_the_zips = rel.starts_with("handouts/") || rel == "_uprkit/downloads.js";
        if with_the_zips || rel == ".uprkit-output" || !(rel.ends_with(".html") || rel.ends_with(".js")) {
            continue;
        }
        let (status, body) = get(port, &format!("/{rel}"));
        assert_eq!(status, 200, "{rel}");
        let expected = std::fs::read_to_string(fresh.join(&rel)).unwrap();
        assert!(body.replace(tag, "") == expected, "{rel} differs from a whole build:\n{}", body.replace(tag, ""));
        compared += 1;
    }
    assert!(compared > 30, "{compared}");
}

/// Waits for serve's next "Rebuilt ..." line.
fn next_rebuild(lines: &mut Lines<BufReader<ChildStdout>>) -> String {
    loop {
        let line = lines.next().expect("a rebuild").unwrap();
        if line.starts_with("Rebuilt") || line.starts_with("error") {
            return line;
        }
    }
}

#[test]
fn a_new_title_is_on_every_page_that_shows_it_after_a_partial_rebuild() {
    let site = Site::copy("basic");
    let (child, port, mut lines, _) = spawn_serve(&site);
    let _server = Server { child, port };
    let page = "content/preparation/report.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(
        page,
        text.replace("title: Stakeholder report", "title: The stakeholders' report")
            .replace("summary: How to write it.", "summary: How to write it well."),
    );
    let line = next_rebuild(&mut lines);
    assert!(line.starts_with("Rebuilt content/preparation/report.md in "), "{line}");
    // Its navigation link, breadcrumbs below it, the section's list, the
    // neighbours' previous/next, the checklists and audience pages, the
    // search index and the French page that falls back to it.
    assert_serves_a_whole_build(&site, port);
}

#[test]
fn a_template_edit_renders_the_pages_that_use_it_as_a_whole_build_would() {
    let site = Site::copy("basic");
    let (child, port, mut lines, _) = spawn_serve(&site);
    let _server = Server { child, port };
    assert_success(&uprkit(site.root(), &["theme", "eject", "page.html", "partials/pager.html"]));
    let line = next_rebuild(&mut lines);
    assert!(line.contains("(pages (templates))"), "{line}");
    let pager = std::fs::read_to_string(site.root().join("templates/partials/pager.html")).unwrap();
    site.write(
        "templates/partials/pager.html",
        pager.replace("<nav class=\"pager\"", "<nav class=\"pager our-pager\""),
    );
    let line = next_rebuild(&mut lines);
    assert!(
        line.starts_with("Rebuilt templates/partials/pager.html in ") && line.contains("(pages (templates))"),
        "{line}"
    );
    assert!(get(port, "/preparation/report/index.html").1.contains("our-pager"));
    assert_serves_a_whole_build(&site, port);
    let page = std::fs::read_to_string(site.root().join("templates/page.html")).unwrap();
    site.write("templates/page.html", page.replace("{% block main %}", "{% block main %}<p class=\"ours\">ours</p>"));
    next_rebuild(&mut lines);
    assert!(get(port, "/review/dialogue/index.html").1.contains("<p class=\"ours\">ours</p>"));
    assert!(!get(port, "/review/index.html").1.contains("class=\"ours\""), "a section page does not use page.html");
    assert_serves_a_whole_build(&site, port);
}

#[test]
fn a_template_that_includes_itself_keeps_the_last_good_site_and_shows_the_error() {
    let site = Site::copy("basic");
    let mut server = start(&site);
    let (_, mut events) = Events::connect(server.port, None);
    for (file, text) in [
        ("templates/partials/pager.html", "<nav>{% include \"partials/pager.html\" %}</nav>"),
        ("templates/shortcodes/loop.html", "{% include \"shortcodes/loop.html\" %}"),
    ] {
        site.write(file, text);
        let (name, data) = events.next();
        assert_eq!(name, "failed", "{data}");
        assert!(data.contains(&format!("{file}:1: template error:")) && data.contains("(itself)"), "{data}");
        assert!(server.child.try_wait().unwrap().is_none(), "the server is still running");
        let (status, body) = get(server.port, "/preparation/report/index.html");
        assert_eq!(status, 200);
        assert!(body.contains("Stakeholder report"), "the last good page is served");
        std::fs::remove_file(site.root().join(file)).unwrap();
        assert_eq!(events.next().0, "reload");
    }
}

#[test]
fn a_static_file_never_replaces_a_generated_one_while_serving() {
    let site = Site::copy("basic");
    site.write("static/search-index.en.js", "mine");
    std::fs::create_dir_all(site.root().join("static/_uprkit")).unwrap();
    let server = start(&site);
    let (status, body) = get(server.port, "/search-index.en.js");
    assert_eq!(status, 200);
    assert_ne!(body, "mine");
    let (_, mut events) = Events::connect(server.port, None);
    // In folders already watched: a file made with its folder may come before the watch.
    site.write("static/_uprkit/uprkit.js", "mine");
    assert_eq!(events.next().0, "reload");
    let (status, body) = get(server.port, "/_uprkit/uprkit.js");
    assert_eq!(status, 200);
    assert_ne!(body, "mine");
    site.write("static/form.txt", "mine too");
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(server.port, "/form.txt").1, "mine too", "other static files are served");
}

#[test]
fn every_script_a_page_loads_is_served() {
    let site = Site::copy("basic");
    let server = start(&site);
    for page in ["/index.html", "/fr/preparation/report/index.html"] {
        let (status, html) = get(server.port, page);
        assert_eq!(status, 200);
        let folder = page.rsplit_once('/').unwrap().0;
        let scripts: Vec<String> = common::links(&html)
            .into_iter()
            .filter(|link| link.ends_with(".js") && !link.starts_with("http"))
            .collect();
        assert!(scripts.iter().any(|src| src.ends_with("_uprkit/downloads.js")), "{scripts:?}");
        for src in scripts {
            let mut path: Vec<&str> = if src.starts_with('/') { Vec::new() } else { folder.split('/').collect() };
            for part in src.split('/') {
                match part {
                    "." | "" => {}
                    ".." => drop(path.pop()),
                    part => path.push(part),
                }
            }
            let url = format!("/{}", path.into_iter().filter(|part| !part.is_empty()).collect::<Vec<_>>().join("/"));
            let (status, body) = get(server.port, &url);
            assert_eq!(status, 200, "{page} loads {src} ({url})");
            if url.ends_with("downloads.js") {
                assert!(body.starts_with("window.uprkitSizes = {\"handouts/"), "{body}");
                assert!(body.contains("\"handouts/fr/guide.html\":"), "the handouts' sizes: {body}");
                assert!(!body.contains(".zip"), "serve makes no zips: {body}");
            }
        }
    }
}

#[test]
fn a_page_written_in_two_pieces_is_never_served_half_written() {
    let site = Site::copy("basic");
    let server = start(&site);
    let page = site.root().join("content/preparation/report.md");
    let text = std::fs::read_to_string(&page).unwrap();
    // Each piece alone is a page that builds: only its text tells them apart.
    let whole = format!("{}\n\nFIRST-PIECE and SECOND-PIECE.\n", text.trim_end());
    let cut = whole.find(" and SECOND-PIECE").unwrap();
    let (first, second) = (whole[..cut].to_string(), whole[cut..].to_string());
    let writer = std::thread::spawn(move || {
        let mut file = std::fs::File::create(&page).unwrap();
        file.write_all(first.as_bytes()).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        file.write_all(second.as_bytes()).unwrap();
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = 0;
    loop {
        assert!(Instant::now() < deadline, "the whole page was never served");
        let (status, body) = get(server.port, "/preparation/report/index.html");
        assert_eq!(status, 200);
        assert!(!body.contains("FIRST-PIECE") || body.contains("SECOND-PIECE"), "the page was served half-written");
        // Served whole, and still whole a moment later.
        if body.contains("SECOND-PIECE") {
            seen += 1;
            if seen > 10 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    writer.join().unwrap();
}

#[test]
fn after_an_edit_the_handouts_of_the_languages_showing_it_follow_and_every_size_stays() {
    let site = Site::copy("basic");
    let (child, port, mut lines, _) = spawn_serve(&site);
    let _server = Server { child, port };
    let page = "content/preparation/report.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, text.replace("Start early.", "Start now."));
    let line = next_rebuild(&mut lines);
    assert!(line.starts_with("Rebuilt content/preparation/report.md in "), "{line}");
    // The handouts are made again after the reload, for the languages that
    // show the page (English, and those it stands in for untranslated).
    let deadline = Instant::now() + Duration::from_secs(30);
    while !get(port, "/handouts/en/guide.html").1.contains("Start now.") {
        assert!(Instant::now() < deadline, "the handout never followed the edit");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));
    let fresh = site.outside().join("fresh");
    common::assert_success(&common::uprkit(site.root(), &["build", "--output", fresh.to_str().unwrap()]));
    let tag = "<script src=\"/__uprkit/live-reload.js\"></script>\n";
    let mut compared = 0;
    for rel in common::list_files(&fresh) {
        if rel.starts_with("handouts/") && rel.ends_with(".html") {
            let (status, body) = get(port, &format!("/{rel}"));
            assert_eq!(status, 200, "{rel}");
            let expected = std::fs::read_to_string(fresh.join(&rel)).unwrap();
            assert!(body.replace(tag, "") == expected, "{rel} differs from a whole build");
            compared += 1;
        }
    }
    assert!(compared >= 6, "{compared}");
    // The sizes of every language's handouts, not only of those made again.
    let (_, sizes) = get(port, "/_uprkit/downloads.js");
    for lang in ["en", "fr", "ar"] {
        assert!(sizes.contains(&format!("\"handouts/{lang}/guide.html\":")), "{lang}: {sizes}");
    }
}

/// A body sent in chunks (`Transfer-Encoding: chunked`), joined.
fn unchunked(mut body: &[u8]) -> Vec<u8> {
    let mut whole = Vec::new();
    loop {
        let line = body.windows(2).position(|w| w == b"\r\n").expect("a chunk's size line");
        let size = usize::from_str_radix(std::str::from_utf8(&body[..line]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return whole;
        }
        whole.extend_from_slice(&body[line + 2..line + 2 + size]);
        body = &body[line + 2 + size + 2..];
    }
}

#[test]
fn text_is_sent_gzipped_to_clients_that_accept_it() {
    use flate2::read::GzDecoder;
    let site = Site::copy("basic");
    // A file sent as it is, compressed or not: a video.
    site.write("content/preparation/workshop.mp4", vec![7u8; 4096]);
    let server = start(&site);
    let port = server.port;
    let ask = |path: &str, accept: &str| {
        exchange(port, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{accept}"))
    };
    for path in ["/search-index.en.js", "/preparation/", "/_uprkit/uprkit.css", "/_uprkit/uprkit.js"] {
        let (status, headers, plain) = ask(path, "");
        assert_eq!(status, 200, "{path}: {headers}");
        assert!(
            !headers.to_ascii_lowercase().contains("content-encoding"),
            "{path} without Accept-Encoding: {headers}"
        );
        let (status, headers, body) = ask(path, "Accept-Encoding: gzip, deflate, br\r\n");
        assert_eq!(status, 200, "{path}: {headers}");
        let lower = headers.to_ascii_lowercase();
        assert!(lower.contains("content-encoding: gzip"), "{path}: {headers}");
        assert!(lower.contains("vary: accept-encoding"), "{path}: {headers}");
        let body = if lower.contains("transfer-encoding: chunked") { unchunked(&body) } else { body };
        let mut inflated = Vec::new();
        GzDecoder::new(&body[..]).read_to_end(&mut inflated).expect("a gzip stream");
        assert_eq!(inflated, plain, "{path}: the same bytes once inflated");
        assert!(body.len() * 2 < plain.len(), "{path}: {} bytes gzipped of {}", body.len(), plain.len());
    }
    // A client that refuses gzip gets the text as it is.
    let (_, headers, body) = ask("/search-index.en.js", "Accept-Encoding: gzip;q=0\r\n");
    assert!(!headers.to_ascii_lowercase().contains("content-encoding"), "{headers}");
    assert!(body.starts_with(b"window.UPRKIT_SEARCH"));
    // Media is sent as it is.
    let (status, headers, body) = ask("/preparation/workshop.mp4", "Accept-Encoding: gzip\r\n");
    assert_eq!(status, 200, "{headers}");
    assert!(!headers.to_ascii_lowercase().contains("content-encoding"), "{headers}");
    assert_eq!(body, vec![7u8; 4096]);
}
