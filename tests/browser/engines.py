"""The checklist scenario in three browser engines, from file:// and http://
(with the reader's colours, kept like the ticks); and the recommendations
matrix's counts and a partner's file of assessments.

Run by tests/testsuite/engines.rs as

    python3 tests/browser/engines.py ENGINE PUBLIC_DIR SERVE_URL TOOLKIT_DIR PLAN_DIR

ENGINE is chromium (Debian's chromium with chromedriver, through Selenium),
firefox (Debian's firefox-esr through Marionette, with Firefox's own default
preferences: `remote.prefs.recommended` is off, so file:// pages keep the
strict origin policy readers have) or webkit (WebKitGTK's MiniBrowser through
WebKitWebDriver and Selenium, under Xvfb). PUBLIC_DIR is a built copy of
tests/fixtures/basic, opened from file://; SERVE_URL is `uprkit serve` of
TOOLKIT_DIR, the same site over http, whose files the reload steps edit;
PLAN_DIR is a built copy with the three cycles' implementation plan of
tests/fixtures/recommendations/cycles, opened from file://.

Each step prints `ok - NAME` or `not ok - NAME` with the error, and the
script exits non-zero if any failed.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback

import drivers

ENGINE, PUBLIC, SERVE_URL, TOOLKIT, PLAN = sys.argv[1:6]
SITE = "fixture-toolkit"
REPORT = "preparation/report/index.html"
failed = False


def step(name):
    def run(function):
        global failed
        try:
            function()
            print(f"ok - {ENGINE}: {name}", flush=True)
        except Exception:  # noqa: BLE001 - every failure is reported, then the next step runs
            failed = True
            print(f"not ok - {ENGINE}: {name}", flush=True)
            traceback.print_exc()
        return function

    return run


class Browser:
    """One engine, one profile: open pages, run script, click, restart."""

    def __init__(self, profile=None):
        self.profile = profile or tempfile.mkdtemp(prefix=f"uprkit-{ENGINE}-")
        self.start()

    # --- engine specifics ---------------------------------------------------
    def start(self):
        if ENGINE == "firefox":
            self.start_firefox()
        else:
            self.start_selenium()

    def start_selenium(self):
        self.driver = drivers.selenium(ENGINE, self.profile)
        self.driver.set_script_timeout(20)

    def start_firefox(self):
        self.process, self.marionette = drivers.firefox(self.profile)
        self.marionette.timeout.script = 20
        with self.marionette.using_context("chrome"):
            strict = self.marionette.execute_script(
                "return Services.prefs.getBoolPref('security.fileuri.strict_origin_policy')")
        assert strict, "Firefox must keep its default strict origin policy for file://"

    def stop(self):
        if ENGINE == "firefox":
            # As a reader quits: Firefox writes what it keeps, then exits.
            try:
                with self.marionette.using_context("chrome"):
                    self.marionette.execute_script("Services.startup.quit(Ci.nsIAppStartup.eAttemptQuit);")
            except Exception:  # noqa: BLE001 - the connection ends with the browser
                pass
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        else:
            self.driver.quit()

    def restart(self):
        """Closes the browser and opens it again on the same profile."""
        self.stop()
        self.start()

    # --- what the scenario uses ---------------------------------------------
    def js(self, script, *args):
        """Runs `script` (a function body that may `return`) in the page."""
        if ENGINE == "firefox":
            return self.marionette.execute_script(script, script_args=list(args), sandbox=None)
        return self.driver.execute_script(script, *args)

    def js_async(self, script, *args):
        """Runs `script`, which calls its last argument with the result."""
        if ENGINE == "firefox":
            return self.marionette.execute_async_script(script, script_args=list(args), sandbox=None)
        return self.driver.execute_async_script(script, *args)

    def open(self, url):
        if ENGINE == "firefox":
            self.marionette.navigate(url)
        else:
            self.driver.get(url)
        self.ready()

    def element(self, css):
        if ENGINE == "firefox":
            return self.marionette.find_element("css selector", css)
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def click(self, css):
        """A real click, as the reader's, through the browser's automation."""
        self.element(css).click()
        self.saved()

    def type_file(self, css, path):
        self.element(css).send_keys(path)
        self.saved()

    def wait(self, condition, what, timeout=15):
        """Waits until the page's `condition` (an expression) is true."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.js(f"return !!({condition});"):
                return
            time.sleep(0.05)
        raise AssertionError(f"waited {timeout} s for {what}: {condition}")

    def ready(self):
        """The page shows what is kept (uprkit.js says so on <html>)."""
        self.wait("document.documentElement.hasAttribute('data-uprkit-ready')"
                  " && !document.documentElement.hasAttribute('data-uprkit-saving')", "the store's answer")

    def saved(self):
        self.wait("!document.documentElement.hasAttribute('data-uprkit-saving')", "the store to save")

    def handles(self):
        return self.marionette.window_handles if ENGINE == "firefox" else self.driver.window_handles

    def switch(self, handle):
        if ENGINE == "firefox":
            self.marionette.switch_to_window(handle)
        else:
            self.driver.switch_to.window(handle)

    def checked(self, css):
        return self.js("return document.querySelector(arguments[0]).checked;", css)

    def text(self, css):
        return self.js("return document.querySelector(arguments[0]).textContent;", css)


def scenario(browser, url, scheme):
    """The reader's checklist scenario from `url(rel)`."""

    @step(f"{scheme}: a tick on one page shows on the checklists page, in French and in another page's navigation")
    def _():
        browser.open(url(REPORT))
        assert browser.checked("#check-agree") is False
        # Only WebKit, from a file, forgets ticks when it closes, and says so.
        warns = browser.js("return !document.querySelector('[data-storage-session]').hidden;")
        assert warns == (ENGINE == "webkit" and scheme == "file://"), f"the notice of forgetting on close: {warns}"
        browser.click("label[for=check-agree]")
        assert browser.text("[data-page-progress]") == "2 of 3 done"
        browser.open(url("checklists/index.html"))
        assert browser.checked('input[data-check="preparation/report#agree"]') is True, "on the checklists page"
        browser.open(url("fr/" + REPORT))
        assert browser.checked("#check-agree") is True, "on the French page"
        assert browser.text("[data-page-progress]") == "2 sur 3 fait(s)"
        browser.open(url("review/dialogue/index.html"))
        browser.wait("document.querySelector('[data-phase-progress=preparation] [aria-hidden]').textContent === '2/3 ticked'",
                     "the navigation counter of another page")

    @step(f"{scheme}: the reader's review date reaches the other languages' key dates")
    def _():
        browser.open(url("key-dates/index.html"))
        browser.js("const input = document.querySelector('[data-review-date-input]');"
                   "input.value = '2028-01-31'; input.dispatchEvent(new Event('change'));")
        browser.saved()
        browser.open(url("fr/key-dates/index.html"))
        browser.wait("document.querySelector('.timeline-lobbying time')", "the French timeline")
        assert browser.js("return document.querySelector('.timeline-lobbying time').getAttribute('datetime');") == "2027-12"

    @step(f"{scheme}: an assessment of a recommendation is kept, and shows in French")
    def _():
        browser.open(url("recommendations/index.html"))
        browser.wait("document.querySelector('[data-rec-ready]')", "the matrix's assessments")
        browser.click('tr[data-id="R-2"] [data-rec-assess]')
        browser.wait("document.querySelector('[data-rec-dialog]').open", "the dialog")
        browser.js("document.querySelector('#rec-assess-status').value = 'partially-implemented';"
                   "document.querySelector('#rec-assess-note').value = 'Bill tabled';")
        browser.click("[data-rec-save]")
        own = 'document.querySelector(\'tr[data-id="R-2"] [data-rec-own-text]\').textContent'
        browser.wait(f"{own} === 'Partially implemented: Bill tabled'", "the assessment in the row")
        browser.saved()
        browser.open(url("fr/recommendations/index.html"))
        browser.wait("document.querySelector('[data-rec-ready]')", "the French matrix's assessments")
        assert browser.js(f"return {own};") == "Partiellement mise en œuvre: Bill tabled", browser.js(f"return {own};")

    @step(f"{scheme}: search finds text in English and Arabic")
    def _():
        for page, query in [("index.html", "STAKEHOLDER"), ("ar/index.html", "التقرير")]:
            browser.open(url(page))
            browser.js("const input = document.querySelector('#search-input');"
                       "input.value = arguments[0]; input.dispatchEvent(new Event('input'));", query)
            browser.wait("document.querySelectorAll('#search-results li[role=option]').length > 0", f"results for {query}")

    @step(f"{scheme}: the colours chosen on one page are on the others, and copied for the next time before the store answers")
    def _():
        theme = "JSON.parse(sessionStorage.getItem(arguments[0]) || localStorage.getItem(arguments[0]))"
        key = f"uprkit:{SITE}:early-theme"
        browser.open(url(REPORT))
        browser.js("const choice = document.querySelector('#colours');"
                   "choice.value = 'dark'; choice.dispatchEvent(new Event('change'));")
        browser.saved()
        browser.open(url("review/dialogue/index.html"))
        browser.wait("document.documentElement.getAttribute('data-theme') === 'dark'", "the colours on another page")
        assert browser.js("return getComputedStyle(document.documentElement).backgroundColor;") == "rgb(20, 23, 27)"
        assert browser.js(f"return {theme};", key) == "dark", "this page's own copy, for partials/colours.html"
        browser.js("const choice = document.querySelector('#colours');"
                   "choice.value = 'auto'; choice.dispatchEvent(new Event('change'));")
        browser.saved()
        browser.open(url(REPORT))
        assert browser.js("return document.documentElement.getAttribute('data-theme');") is None, "back to the device's"
        assert browser.js(f"return {theme};", key) is None, "and no copy left"

    @step(f"{scheme}: forget everything removes every tick and the review date, on every page")
    def _():
        browser.open(url("checklists/index.html"))
        browser.js("window.confirm = () => true;")
        browser.click("[data-forget-all]")
        browser.wait("/forgotten/.test(document.querySelector('[data-import-status]').textContent)", "the message")
        browser.open(url("fr/" + REPORT))
        assert browser.checked("#check-agree") is False
        browser.open(url("fr/key-dates/index.html"))
        assert browser.js("return document.querySelector('[data-review-date-input]').value;") == "", \
            "back to the guide's own (none)"
        browser.open(url("recommendations/index.html"))
        browser.wait("document.querySelector('[data-rec-ready]')", "the matrix's assessments")
        assert browser.js("return document.querySelector('tr[data-id=\"R-2\"] [data-rec-own-text]').textContent;") == "", \
            "the assessment is forgotten too"


def plan_scenario(browser, url):
    """The implementation plan of three cycles (tests/fixtures/recommendations/cycles) from file://."""
    matrix = url("recommendations/index.html")
    visible = ("return Array.from(document.querySelectorAll('tr[data-id]'))"
               ".filter(tr => !tr.hidden && tr.offsetParent !== null).map(tr => tr.getAttribute('data-id'));")

    def choose(name, value):
        browser.js("const s = document.querySelector('[data-rec-filters] [name=' + arguments[0] + ']');"
                   "s.value = arguments[1]; s.dispatchEvent(new Event('input', { bubbles: true }));", name, value)

    @step("file://: overdue is marked from the reader's date, and the plan's filters choose by it")
    def _():
        browser.open(matrix)
        browser.wait("document.querySelector('[data-rec-ready]')", "the matrix")
        today = datetime.date.today().isoformat()
        dated = [("4-97.2", "2026-06-30"), ("4-97.5", "2027-12-31"), ("4-97.11", "2028-12-31")]
        marked = browser.js("return Array.from(document.querySelectorAll('tr.rec-overdue')).map(tr => tr.getAttribute('data-id'));")
        assert marked == [i for i, due in dated if due < today], marked
        shown = browser.js("return Array.from(document.querySelectorAll('[data-rec-overdue]')).filter(m => !m.hidden && m.offsetParent !== null).length;")
        assert shown == len(marked), shown
        # The reader's own day moves to 2029: every dated plan not done is overdue.
        browser.js("const Real = Date, day = new Real('2029-01-01T12:00:00Z');"
                   "window.Date = function (...a) { return a.length ? new Real(...a) : new Real(day.getTime()); };"
                   "window.Date.prototype = Real.prototype; window.Date.now = () => day.getTime();")
        choose("due", "overdue")
        browser.wait("document.querySelector('[data-rec-count]').textContent.startsWith('3 of 8')", "three overdue")
        assert sorted(browser.js(visible)) == ["4-97.11", "4-97.2", "4-97.5"], browser.js(visible)
        choose("responsible", "National Human Rights Commission")
        browser.wait("document.querySelector('[data-rec-count]').textContent.startsWith('2 of 8')", "two of the Commission's")
        # Sorted by date: the earliest first, those without one last.
        choose("due", "")
        choose("responsible", "")
        choose("sort", "due")
        browser.wait("document.querySelector('[data-rec-count]').textContent.startsWith('8 of 8')", "all, by date")
        order = browser.js(visible)
        assert order[:3] == ["4-97.2", "4-97.5", "4-97.11"], order
        # Fully implemented by the reader's assessment: no longer overdue.
        browser.click('tr[data-id="4-97.5"] [data-rec-assess]')
        browser.wait("document.querySelector('[data-rec-dialog]').open", "the dialog")
        browser.js("document.querySelector('#rec-assess-status').value = 'fully-implemented';")
        browser.click("[data-rec-save]")
        browser.wait("!document.querySelector('tr[data-id=\"4-97.5\"]').classList.contains('rec-overdue')", "the mark to go")
        assert browser.js("return document.querySelector('tr[data-id=\"4-97.2\"]').classList.contains('rec-overdue');")
        # Opened again with the overdue ones asked for in the address: the
        # reader's assessments, known only once the store answers, decide
        # what is listed and counted (4-97.2 is done now too).
        browser.click('tr[data-id="4-97.2"] [data-rec-assess]')
        browser.wait("document.querySelector('[data-rec-dialog]').open", "the dialog")
        browser.js("document.querySelector('#rec-assess-status').value = 'fully-implemented';")
        browser.click("[data-rec-save]")
        browser.open(url("index.html"))
        browser.open(matrix + "#due=overdue")
        browser.wait("document.querySelector('[data-rec-ready]')", "the matrix")
        late = [i for i, due in dated if due < today and i not in ("4-97.2", "4-97.5")]
        browser.wait(f"document.querySelector('[data-rec-count]').textContent.startsWith('{len(late)} of 8')"
                     f" || document.querySelector('[data-rec-count]').textContent.startsWith('No ')", "the overdue ones")
        assert sorted(browser.js(visible)) == sorted(late), browser.js(visible)
        option = browser.js("return document.querySelector('[data-rec-filters] [name=due] option[value=overdue]').textContent;")
        assert option.endswith(f"({len(late)})"), option

    @step("file://: a recommendation leads to the earlier one it repeats and back, also from a theme's page")
    def _():
        browser.open(matrix)
        browser.wait("document.querySelector('[data-rec-ready]')", "the matrix")
        browser.click('tr[data-id="4-97.2"] .rec-before a[data-rec-link]')
        browser.wait("location.hash === '#id=3-121.1'", "the earlier one's address")
        browser.wait("document.querySelector('[data-rec-count]').textContent.startsWith('1 of 8')", "it alone")
        assert browser.js(visible) == ["3-121.1"], browser.js(visible)
        browser.click('tr[data-id="3-121.1"] .rec-again a[data-rec-link]')
        browser.wait("location.hash === '#id=4-97.2'", "the later one's address")
        assert browser.js(visible) == ["4-97.2"], browser.js(visible)
        browser.click("[data-rec-filters] button[type=reset]")
        browser.wait("document.querySelector('[data-rec-count]').textContent.startsWith('8 of 8')", "every row again")
        browser.open(url("recommendations/prohibition-of-torture-and-cruel-inhuman-or-degrading-treatment/index.html"))
        browser.click('tr[data-id="3-121.1"] .rec-before a')
        browser.wait("document.querySelector('[data-rec-ready]') && location.hash === '#id=2-88.1'", "the matrix, at the earlier one")
        assert browser.js(visible) == ["2-88.1"], browser.js(visible)


def main():
    global failed
    files = lambda rel: "file://" + os.path.join(PUBLIC, rel)  # noqa: E731
    served = lambda rel: SERVE_URL.rstrip("/") + "/" + rel  # noqa: E731
    browser = Browser()
    try:
        scenario(browser, files, "file://")
        scenario(browser, served, "http://")
        plan_scenario(browser, lambda rel: "file://" + os.path.join(PLAN, rel))

        @step("file://: progress saved to a file loads in another profile")
        def _():
            browser.open(files(REPORT))
            browser.click("label[for=check-item-3]")
            browser.open(files("checklists/index.html"))
            # The file the browser would save: the blob the page offers.
            exported = browser.js_async("""
                const done = arguments[arguments.length - 1];
                HTMLAnchorElement.prototype.click = function () {
                  fetch(this.href).then((r) => r.text()).then(done, (e) => done('error ' + e));
                };
                document.querySelector('[data-export]').click();
            """)
            data = json.loads(exported)
            assert data["checks"]["preparation/report#item-3"] is True, data
            path = os.path.join(tempfile.mkdtemp(), "progress.json")
            with open(path, "w") as file:
                file.write(exported)
            other = Browser()
            try:
                other.open(files(REPORT))
                assert other.checked("#check-item-3") is False, "a new profile starts empty"
                other.open(files("checklists/index.html"))
                other.type_file("[data-import]", path)
                other.wait("/loaded/.test(document.querySelector('[data-import-status]').textContent)", "the import")
                other.open(files(REPORT))
                assert other.checked("#check-item-3") is True, "loaded from the file"
            finally:
                other.stop()

        @step("file://: ticks an older version kept in a page's own storage move to the guide's store")
        def _():
            # A reader who ticked with the older version, on one page only.
            reader = Browser()
            try:
                reader.open(files("review/dialogue/index.html"))
                reader.js("localStorage.setItem('uprkit:' + arguments[0] + ':checks',"
                          " JSON.stringify({'preparation/report#agree': true}));", SITE)
                reader.open(files("review/dialogue/index.html"))
                assert reader.js("return localStorage.getItem('uprkit:' + arguments[0] + ':checks');", SITE) is None, \
                    "removed from where it was"
                reader.open(files(REPORT))
                assert reader.checked("#check-agree") is True, "merged into the store"
            finally:
                reader.stop()

        matrix = files("recommendations/index.html")
        own = "document.querySelector('tr[data-id=\"{}\"] [data-rec-own-text]').textContent"

        @step("file://: the matrix's theme headings and choices count what the other filters leave")
        def _():
            browser.open(matrix + "#response=supported")
            browser.wait("document.querySelector('[data-rec-ready]')", "the matrix")
            heading = "document.querySelector('[data-group=\"justice\"] .rec-group-head .count').textContent"
            browser.wait(f"{heading} === '(1 of 2)'", "Justice's heading: 1 of its 2 supported")
            choice = "document.querySelector('#rec-{} option[value=\"{}\"]').textContent"
            assert browser.js(f"return {choice.format('theme', 'justice')};") == "Justice (1)"
            assert browser.js(f"return {choice.format('response', 'noted')};") == "Noted (1)"
            browser.js("const theme = document.querySelector('#rec-theme'); theme.value = 'freedom-of-expression';"
                       "theme.dispatchEvent(new Event('input', { bubbles: true }));")
            browser.wait(f"{choice.format('response', 'noted')} === 'Noted (0)'", "the responses of the theme chosen")
            assert browser.js(f"return {choice.format('response', 'supported')};") == "Supported (1)"
            assert browser.js(f"return {heading};") == "(0 of 2)"

        @step("file://: a partner's file of assessments is shown before it is added, and undone")
        def _():
            browser.open(matrix)
            browser.wait("document.querySelector('[data-rec-ready]')", "the matrix's assessments")
            # The fixture has no brand: the reader names their organisation once.
            browser.js("const input = document.querySelector('[data-rec-org-input]'); input.value = 'Coalition Sud';"
                       "input.dispatchEvent(new Event('change'));")
            browser.saved()
            browser.click('tr[data-id="R-1"] [data-rec-assess]')
            browser.wait("document.querySelector('[data-rec-dialog]').open", "the dialog")
            browser.js("document.querySelector('#rec-assess-status').value = 'not-implemented';"
                       "document.querySelector('#rec-assess-note').value = 'Mine';")
            browser.click("[data-rec-save]")
            browser.wait(f"{own.format('R-1')} === 'Not implemented: Mine'", "my assessment")
            browser.saved()
            browser.open(matrix)
            browser.wait("document.querySelector('[data-rec-ready]')", "the matrix again")
            assert browser.js("return document.querySelector('[data-rec-org-input]').value;") == "Coalition Sud", "kept"
            exported = browser.js_async("""
                const done = arguments[arguments.length - 1];
                HTMLAnchorElement.prototype.click = function () {
                  fetch(this.href).then((r) => r.text()).then(done, (e) => done('error ' + e));
                };
                document.querySelector('[data-rec-export]').click();
            """)
            assert json.loads(exported)["by"] == "Coalition Sud", exported
            path = os.path.join(tempfile.mkdtemp(), "partner.json")
            with open(path, "w") as file:
                json.dump({"uprkit": "assessments", "by": "Partner NGO", "saved": "2026-12-01", "assessments": {
                    "R-1": {"s": "fully-implemented", "n": "Theirs, older", "d": "2020-01-01"},
                    "R-2": {"s": "fully-implemented", "n": "Law adopted", "d": "2026-11-30"}}}, file)
            browser.type_file("[data-rec-import]", path)
            browser.wait("!document.querySelector('[data-rec-preview]').hidden", "the preview")
            assert browser.text("[data-rec-preview-from]") == "From: Partner NGO, saved 2026-12-01"
            parts = browser.js("return Array.from(document.querySelectorAll('[data-rec-preview-part] h3'))"
                               ".map((h) => h.textContent);")
            assert parts == ["New, not assessed here (1)", "Older than yours: yours is kept (1)"], parts
            assert browser.js(f"return {own.format('R-2')};") == "", "nothing kept before Apply"
            browser.click("[data-rec-apply]")
            browser.wait(f"{own.format('R-2')} === 'Fully implemented: Law adopted'", "the new one kept")
            assert browser.js(f"return {own.format('R-1')};") == "Not implemented: Mine", "mine is newer"
            browser.click("[data-rec-undo]")
            browser.wait(f"{own.format('R-2')} === ''", "the undo")
            browser.open(matrix)
            browser.wait("document.querySelector('[data-rec-ready]')", "the matrix after the undo")
            assert browser.js(f"return {own.format('R-2')};") == "", "undone in the store too"
            assert browser.js(f"return {own.format('R-1')};") == "Not implemented: Mine"

        if ENGINE == "webkit":
            print("# webkit: the browser-restart steps are run by tests/browser/webkit_restart.py,"
                  " as WebKitWebDriver sessions keep no storage between launches", flush=True)
        else:
            @step("file://: ticks survive closing the browser")
            def _():
                browser.open(files(REPORT))
                if not browser.checked("#check-item-2"):
                    browser.click("label[for=check-item-2]")
                browser.restart()
                browser.open(files("fr/" + REPORT))
                assert browser.checked("#check-item-2") is True

            @step("file://: \"don't remember\", set on one page, forgets ticks of every page and the date on restart")
            def _():
                browser.open(files("checklists/index.html"))
                browser.click("[data-session-only]")
                browser.open(files(REPORT))
                assert browser.checked("[data-session-only]") is True, "the switch is the same on every page"
                browser.click("label[for=check-item-3]")
                browser.open(files("key-dates/index.html"))
                browser.js("const input = document.querySelector('[data-review-date-input]');"
                           "input.value = '2030-03-01'; input.dispatchEvent(new Event('change'));")
                browser.saved()
                browser.restart()
                browser.open(files(REPORT))
                assert browser.checked("[data-session-only]") is True, "the choice is kept"
                assert browser.checked("#check-item-3") is False, "the tick is forgotten"
                browser.open(files("fr/key-dates/index.html"))
                assert browser.js("return document.querySelector('[data-review-date-input]').value;") == "", "date forgotten"

        @step("file://: the presenter's window of a page's slides follows the projected one, both ways")
        def _():
            browser.open(files("review/dialogue/index.html#present"))
            browser.wait("document.querySelector('[data-slides]')", "the slides")
            before = browser.handles()
            # A real click (a user's gesture): the browser lets the page open a window.
            browser.element(".slides-open-presenter").click()
            deadline = time.time() + 15
            while len(browser.handles()) == len(before) and time.time() < deadline:
                time.sleep(0.05)
            projected = browser.handles()[0] if browser.handles()[0] in before else before[0]
            popup = [handle for handle in browser.handles() if handle not in before]
            assert popup, "the presenter's window opened"
            browser.switch(popup[0])
            try:
                browser.wait("document.querySelector('[data-slides].slides-presenter-view')", "the presenter's view")
                browser.js("window.uprkitSlides.go(1);")
                browser.switch(projected)
                browser.wait("document.querySelector('[data-slides]').getAttribute('data-slide') === '2'",
                             "the projected window to follow")
                browser.js("window.uprkitSlides.go(0);")
                browser.switch(popup[0])
                browser.wait("document.querySelector('[data-slides]').getAttribute('data-slide') === '1'",
                             "the presenter's window to follow")
            finally:
                browser.switch(popup[0])
                if ENGINE == "firefox":
                    browser.marionette.close()
                else:
                    browser.driver.close()
                browser.switch(projected)

        @step("file://: where the pages cannot share a store, the page says so in its language")
        def _():
            store = os.path.join(PUBLIC, "_uprkit", "store.html")
            hidden = store + ".away"
            os.rename(store, hidden)
            try:
                browser.open(files("fr/" + REPORT))
                browser.wait("!document.querySelector('[data-storage-unshared]').hidden", "the notice", timeout=20)
                assert "ne sont conservées que pour cette page" in browser.text("[data-storage-unshared]")
                browser.click("label[for=check-item-3]")
                browser.open(files("fr/" + REPORT))
                browser.wait("!document.querySelector('[data-storage-unshared]').hidden", "the notice", timeout=20)
            finally:
                os.rename(hidden, store)

        @step("http://: a saved edit reloads the open page, a broken one shows its error over it")
        def _():
            page = os.path.join(TOOLKIT, "content", "preparation", "report.md")
            with open(page, encoding="utf-8") as file:
                text = file.read()
            browser.open(served(REPORT))
            browser.js("window.uprkitMark = 1;")
            with open(page, "w", encoding="utf-8") as file:
                file.write(text.replace("title: Stakeholder report", "title: Shadow report"))
            browser.wait("!window.uprkitMark && document.querySelector('h1').textContent === 'Shadow report'", "the reload")
            with open(page, "w", encoding="utf-8") as file:
                file.write(text.replace("title: Stakeholder report", "title: Shadow report\nphse: review"))
            browser.wait("document.body.textContent.includes('unknown key `phse`')", "the error over the page")
            with open(page, "w", encoding="utf-8") as file:
                file.write(text)
            browser.wait("document.querySelector('h1') && document.querySelector('h1').textContent === 'Stakeholder report'"
                         " && !document.body.textContent.includes('unknown key')", "the fix")
    finally:
        browser.stop()
    sys.exit(1 if failed else 0)


main()
