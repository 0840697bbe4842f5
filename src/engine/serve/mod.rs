//! `uprkit serve`: builds in memory, serves on 127.0.0.1, watches the
//! toolkit and tells the browser to reload after each rebuild. Split by
//! concern: [`http`] serves (hyper on tokio), [`watch`] turns file events
//! into changes, [`rebuild`] applies them to the last good build.

mod http;
mod rebuild;
mod watch;

pub use http::site_path;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use crate::engine::error::{Error, Result};
use crate::engine::pipeline::{BuildOptions, Registry};
use http::{accept, index, State};
use rebuild::{rebuild_loop, Session};
use watch::watch;

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
pub fn serve(root: PathBuf, registry: Registry, options: BuildOptions, serve: ServeOptions) -> Result<()> {
    // Watch events name absolute paths: the root must be one too.
    let root = root.canonicalize().map_err(Error::io("cannot open folder", &root))?;
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
    let (session, files, error) = match Session::full(&root, registry, &options) {
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
    let _watcher = watch(&root, changes)?;

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
    std::thread::spawn(move || rebuild_loop(&root, registry, session, &rebuild_state, &changed, &options, quiet));
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
