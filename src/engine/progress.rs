//! A progress bar that stays out of the way: drawn on a terminal only, and
//! only once a build has taken more than a second.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const SHOW_AFTER: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// No bar at all: for tests, `-q`, and output that is not a terminal.
    pub fn hidden() -> Self {
        Progress { bar: None, start: Instant::now(), shown: AtomicBool::new(true) }
    }

    /// A bar on standard error, drawn once the build has run for a second.
    pub fn on_terminal() -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} building {bar:30} {pos}/{len} steps ({elapsed})")
                .expect("valid template"),
        );
        Progress { bar: Some(bar), start: Instant::now(), shown: AtomicBool::new(false) }
    }

    pub fn set_total(&self, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
        }
    }

    pub fn inc(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if !self.shown.load(Ordering::Relaxed)
            && self.start.elapsed() > SHOW_AFTER
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
