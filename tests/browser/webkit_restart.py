"""WebKit across a browser restart: what WebKitWebDriver cannot do, as its
sessions keep no storage between launches. A WebKitGTK web view (the engine
of Safari and of GNOME Web) with a data folder that lasts, as a reader's
browser has: each phase runs in its own process, and a process that ends is
a browser closed.

What it shows: over http, ticks and the "don't remember" switch behave as in
Chromium and Firefox. From file://, WebKit keeps no storage for local files
once it closes (they are opaque origins): the page says so, and the test
checks both, so that the day WebKit keeps them the test asks to drop the
notice.

Run by tests/testsuite/engines.rs, under Xvfb, with Debian's python3 (python3-gi,
gir1.2-webkit2-4.1):

    python3 tests/browser/webkit_restart.py PUBLIC_DIR SERVE_URL

Prints `ok - NAME` or `not ok - NAME` for each step, and exits non-zero if
any failed.
"""

import os
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

REPORT = "preparation/report/index.html"


class View:
    """One browser window on a data folder that outlives it."""

    def __init__(self, data):
        manager = WebKit2.WebsiteDataManager(base_data_directory=data, base_cache_directory=os.path.join(data, "cache"))
        context = WebKit2.WebContext.new_with_website_data_manager(manager)
        self.view = WebKit2.WebView.new_with_context(context)
        settings = self.view.get_settings()
        settings.set_enable_javascript(True)
        self.window = Gtk.Window()
        self.window.add(self.view)
        self.window.show_all()
        self.loaded = False
        self.view.connect("load-changed", self.on_load)

    def on_load(self, _view, event):
        if event == WebKit2.LoadEvent.FINISHED:
            self.loaded = True

    def pump(self, seconds):
        end = time.time() + seconds
        while time.time() < end:
            while Gtk.events_pending():
                Gtk.main_iteration_do(False)
            time.sleep(0.01)

    def js(self, script):
        """The value of the expression `script`, as a string."""
        result = {}

        def done(view, task):
            try:
                value = view.evaluate_javascript_finish(task)
                result["value"] = value.to_string() if value is not None else None
            except GLib.Error as error:
                result["value"] = f"error: {error.message}"

        self.view.evaluate_javascript(f"String({script})", -1, None, None, None, done)
        deadline = time.time() + 15
        while "value" not in result:
            assert time.time() < deadline, f"no answer to {script}"
            self.pump(0.02)
        return result["value"]

    def wait(self, condition, what, timeout=15):
        deadline = time.time() + timeout
        while self.js(f"!!({condition})") != "true":
            assert time.time() < deadline, f"waited {timeout} s for {what}"
            self.pump(0.05)

    def open(self, url):
        self.loaded = False
        self.view.load_uri(url)
        deadline = time.time() + 15
        while not self.loaded:
            assert time.time() < deadline, f"{url} did not load"
            self.pump(0.02)
        self.wait("document.documentElement.hasAttribute('data-uprkit-ready')"
                  " && !document.documentElement.hasAttribute('data-uprkit-saving')", "the store's answer")

    def close(self):
        """Closes the window as a reader would, letting WebKit write what it keeps."""
        self.window.destroy()
        self.pump(2)

    def saved(self):
        self.wait("!document.documentElement.hasAttribute('data-uprkit-saving')", "the store to save")
        # Give WebKit time to write what it keeps before the process ends.
        self.pump(1.5)


def phase(name, base, data):
    """One launch of the browser: does or checks what `name` says."""
    url = lambda rel: base.rstrip("/") + "/" + rel  # noqa: E731
    view = View(data)
    if name == "tick":
        view.open(url(REPORT))
        view.js("document.querySelector('label[for=check-item-3]').click()")
        view.saved()
    elif name == "ticked":
        view.open(url("fr/" + REPORT))
        assert view.js("document.querySelector('#check-item-3').checked") == "true", "the tick survived"
    elif name == "private":
        view.open(url("checklists/index.html"))
        view.js("document.querySelector('[data-session-only]').click()")
        view.saved()
        view.open(url(REPORT))
        view.js("document.querySelector('label[for=check-agree]').click()")
        view.saved()
        view.open(url("key-dates/index.html"))
        view.js("(() => { const i = document.querySelector('[data-review-date-input]'); i.value = '2030-03-01';"
                " i.dispatchEvent(new Event('change')); })()")
        view.saved()
    elif name == "forgotten":
        view.open(url(REPORT))
        assert view.js("document.querySelector('[data-session-only]').checked") == "true", "the choice is kept"
        assert view.js("document.querySelector('#check-agree').checked") == "false", "the tick is forgotten"
        assert view.js("document.querySelector('#check-item-3').checked") == "false", "earlier ticks too"
        view.open(url("fr/key-dates/index.html"))
        assert view.js("document.querySelector('[data-review-date-input]').value") == "", "the date is forgotten"
    elif name == "file-tick":
        view.open(url("fr/" + REPORT))
        assert view.js("!document.querySelector('[data-storage-session]').hidden") == "true", "the page says so"
        assert "oublie les cases" in view.js("document.querySelector('[data-storage-session]').textContent")
        view.js("document.querySelector('label[for=check-item-3]').click()")
        view.saved()
    elif name == "file-forgot":
        view.open(url(REPORT))
        assert view.js("document.querySelector('#check-item-3').checked") == "false", \
            "WebKit now keeps local files' storage: remove the notice data-storage-session"
    view.close()


def main():
    if len(sys.argv) == 4:
        Gtk.init([])
        phase(sys.argv[1], sys.argv[2], sys.argv[3])
        return
    public, served = "file://" + sys.argv[1], sys.argv[2]
    failed = False
    for name, base, phases in [
        ("webkit: http://: ticks survive closing the browser", served, ["tick", "ticked"]),
        ("webkit: http://: \"don't remember\", set on one page, forgets ticks of every page and the date on restart",
         served, ["private", "forgotten"]),
        ("webkit: file://: the page says ticks last until the browser closes, and they do", public,
         ["file-tick", "file-forgot"]),
    ]:
        data = tempfile.mkdtemp(prefix="uprkit-webkit-")
        # Each phase a separate process: the browser closed between them.
        runs = [subprocess.run([sys.executable, __file__, p, base, data], capture_output=True, text=True) for p in phases]
        if all(run.returncode == 0 for run in runs):
            print(f"ok - {name}", flush=True)
        else:
            failed = True
            print(f"not ok - {name}", flush=True)
            for run in runs:
                print(run.stdout + run.stderr, file=sys.stderr)
    sys.exit(1 if failed else 0)


main()
