//! `uprkit serve`: builds in memory, serves on 127.0.0.1, watches the
//! toolkit and tells the browser to reload after each rebuild. Split by
//! concern: [`http`] serves (hyper on tokio), [`watch`] turns file events
//! into changes, [`rebuild`] applies them to the last good build.

mod http;
mod rebuild;
mod watch;

pub use http::site_path;

use std::net::{IpAddr, SocketAddr};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::AtomicU8;
use std::sync::atomic::Ordering::SeqCst;
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use crate::engine::error::{Error, Result};
use crate::engine::pipeline::{BuildOptions, Registry};
use http::{accept, index, State};
use rebuild::{rebuild_loop, Session};
use watch::watch;

/// Where `serve` is, for Ctrl-C: still starting (the first build), serving,
/// or interrupted while starting.
const STARTING: u8 = 0;
const SERVING: u8 = 1;
const INTERRUPTED: u8 = 2;

/// Blocks of a megabyte or more (a handout, a search index, while they are
/// made) are given their own memory, returned to the system when freed:
/// glibc otherwise takes them from its heap once a few have been freed,
/// and a server that makes them again after each edit grows edit by edit
/// (by about 10 MiB each on a 4,000-page site).
fn big_blocks_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes how glibc serves later allocations; it
    // is called before any other thread of the server starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
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
pub fn serve(root: PathBuf, registry: Registry, options: BuildOptions, serve: ServeOptions) -> Result<()> {
    // Watch events name absolute paths: the root must be one too.
    let root = root.canonicalize().map_err(Error::io("cannot open folder", &root))?;
    // Ctrl-C from now on stops cleanly: before the site is served it ends
    // the command at once (nothing is written: the first build is in memory
    // and is left unfinished), after it ends the request loop.
    let stage = Arc::new(AtomicU8::new(STARTING));
    let stop = Arc::new(Notify::new());
    let (first_build, built) = mpsc::channel();
    let (stopper, handler_stage, interrupts) = (Arc::clone(&stop), Arc::clone(&stage), first_build.clone());
    ctrlc::set_handler(move || match handler_stage.compare_exchange(STARTING, INTERRUPTED, SeqCst, SeqCst) {
        Ok(_) => drop(interrupts.send(None)),
        Err(_) => stopper.notify_one(),
    })
    .map_err(|error| Error::Usage(format!("cannot handle Ctrl-C: {error}")))?;

    let start = Instant::now();
    big_blocks_apart();
    // The first build runs beside the wait for Ctrl-C, which can end the
    // command before the build does. A panic in it goes on in this thread.
    let (build_root, build_options) = (root.clone(), options.clone());
    std::thread::spawn(move || {
        let first = std::panic::catch_unwind(AssertUnwindSafe(|| Session::full(&build_root, registry, &build_options)));
        drop(first_build.send(Some(first)));
    });
    let first = match built.recv() {
        Ok(Some(first)) => first.unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        Ok(None) | Err(_) => return Err(Error::Interrupted),
    };
    let (mut session, files, error) = match first {
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
    if stage.compare_exchange(STARTING, SERVING, SeqCst, SeqCst).is_err() {
        return Err(Error::Interrupted);
    }

    if let Some(session) = &mut session {
        session.say_warnings();
    }
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
