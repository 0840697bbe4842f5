//! `uprkit serve` on a free port: pages are served, edits reload the browser,
//! a broken edit shows the error and keeps the last good page, and requests
//! can never leave the site.

mod common;

use std::io::{BufRead, BufReader, Lines, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;

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
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("uprkit"))
        .args(["serve", "--port", "0"])
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = String::new();
    let port = loop {
        let line = lines.next().expect("serve prints where it listens").unwrap();
        seen.push_str(&line);
        seen.push('\n');
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
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
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default();
    (status, body)
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

    /// The next event's name and data, skipping keep-alives.
    fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
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
    assert!(get(server.port, "/search-index.en.js").1.contains("Start very early."), "the search index follows");

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
fn requests_cannot_leave_the_site() {
    let site = Site::copy("basic");
    site.write("secret.txt", "do not serve");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("passwords.txt"), "do not serve").unwrap();
    std::os::unix::fs::symlink(outside.path().join("passwords.txt"), site.root().join("static/leak.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("static/outside")).unwrap();
    let server = start(&site);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/fr/..%2F..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/\\..\\secret.txt",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/uprkit.yaml",
        "/content/_index.md",
        "/leak.txt",
        "/outside/passwords.txt",
    ] {
        let (status, body) = get(server.port, path);
        assert!(status == 403 || status == 404 || status == 400, "{path}: {status}");
        assert!(!body.contains("do not serve") && !body.contains("default_language"), "{path} leaked");
    }
}

#[test]
fn only_pages_from_this_server_may_listen_for_reloads() {
    let site = Site::copy("basic");
    let server = start(&site);
    let (status, _) = Events::connect(server.port, Some("http://evil.example"));
    assert_eq!(status, 403);
}

#[test]
fn a_burst_of_writes_gives_few_rebuilds() {
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
    assert!(reloads <= 5, "{reloads} rebuilds for one burst");
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
    assert!(line.starts_with("Rebuilt pages in "), "{line}");
    assert!(get(port, "/preparation/report/index.html").1.contains("Start now."));
}
