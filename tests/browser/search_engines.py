"""Search inside the screen in Firefox ESR and WebKit, from file://.

Run by tests/testsuite/search.rs as

    python3 tests/browser/search_engines.py ENGINE PUBLIC_DIR

ENGINE is firefox (Debian's firefox-esr through Marionette) or webkit
(WebKitGTK's MiniBrowser through WebKitWebDriver and Selenium, under Xvfb);
PUBLIC_DIR is a built copy of the bundled toolkit. At each width a phone, a
tablet and a laptop have, in English and Arabic, a query's results must lie
inside the screen, and on a phone fill it with the box at the top.
(Chromium runs the same checks, and more, in search_layout.mjs.)

Each step prints `ok - NAME` or `not ok - NAME` with the error, and the
script exits non-zero if any failed.
"""

import os
import sys
import tempfile
import time
import traceback

import drivers

ENGINE, PUBLIC = sys.argv[1:3]
WIDTHS = [320, 375, 412, 768, 1024, 1366]
# Where search opens over the whole screen (uprkit.css's 40rem).
PHONE = 640
HOME = {"en": "index.html", "ar": "ar/index.html"}
QUERY = {"en": "report", "ar": "الاستعراض"}
failed = False


class Browser:
    """One engine: open a page at a width, run script in it."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix=f"uprkit-search-{ENGINE}-")
        if ENGINE == "firefox":
            self.process, self.marionette = drivers.firefox(self.profile)
        else:
            self.driver = drivers.selenium(ENGINE, self.profile)

    def stop(self):
        if ENGINE == "firefox":
            try:
                self.marionette.delete_session()
            finally:
                self.process.kill()
                self.process.wait(timeout=30)
        else:
            self.driver.quit()

    def js(self, script, *args):
        if ENGINE == "firefox":
            return self.marionette.execute_script(script, script_args=list(args), sandbox=None)
        return self.driver.execute_script(script, *args)

    def open(self, url, width, height=800):
        """Opens `url` in a frame `width` CSS pixels wide, the screen of a
        phone, tablet or laptop: the windows of these browsers cannot be
        made as narrow as a phone (Firefox stops at about 450 px)."""
        holder = os.path.join(self.profile, f"screen-{width}.html")
        with open(holder, "w", encoding="utf-8") as file:
            file.write(f'<!DOCTYPE html><html><body style="margin:0"><iframe id="screen" src="{url}"'
                       f' style="border:0;display:block;width:{width}px;height:{height}px"></iframe></body></html>')
        if ENGINE == "firefox":
            self.marionette.switch_to_frame()
            self.marionette.set_window_rect(width=max(width + 100, 600), height=height + 200)
            self.marionette.navigate("file://" + holder)
            self.marionette.switch_to_frame(self.marionette.find_element("css selector", "#screen"))
        else:
            from selenium.webdriver.common.by import By

            self.driver.switch_to.default_content()
            self.driver.set_window_rect(width=max(width + 100, 600), height=height + 200)
            self.driver.get("file://" + holder)
            self.driver.switch_to.frame(self.driver.find_element(By.CSS_SELECTOR, "#screen"))
        self.wait("document.readyState === 'complete' && document.querySelector('form.search') && !document.querySelector('form.search').hidden",
                  "the page in its frame")
        assert self.js("return innerWidth;") == width, self.js("return innerWidth;")

    def wait(self, condition, what, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.js(f"return !!({condition});"):
                return
            time.sleep(0.05)
        raise AssertionError(f"waited {timeout} s for {what}: {condition}")


def step(name, function):
    global failed
    try:
        function()
        print(f"ok - {ENGINE}: {name}", flush=True)
    except Exception:  # noqa: BLE001 - every failure is reported, then the next step runs
        failed = True
        print(f"not ok - {ENGINE}: {name}", flush=True)
        traceback.print_exc()


def inside(browser, lang):
    def run():
        for width in WIDTHS:
            browser.open("file://" + os.path.join(PUBLIC, HOME[lang]), width)
            # Typed as a reader types: the box focused, then the text.
            browser.js("""
                const input = document.querySelector('#search-input');
                input.focus();
                input.value = arguments[0];
                input.dispatchEvent(new Event('input', { bubbles: true }));
            """, QUERY[lang])
            browser.wait("(() => { const l = document.querySelector('#search-results');"
                         " return !l.hidden && !l.hasAttribute('aria-busy') && l.querySelector('#search-result-0'); })()",
                         f"{width} px: results")
            seen = browser.js("""
                const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
                return { view: document.documentElement.clientWidth, height: innerHeight,
                         list: box(document.querySelector('#search-results')),
                         first: box(document.querySelector('#search-result-0')),
                         form: box(document.querySelector('form.search')),
                         input: box(document.querySelector('#search-input')),
                         open: document.querySelector('form.search').hasAttribute('data-open'),
                         scroll: document.documentElement.scrollWidth };
            """)
            view = seen["view"]
            left, _, right, _ = seen["list"]
            assert 0 <= left and right <= view, f"{width} px: the list spans {left}…{right} of {view}"
            fl, ft, fr, fb = seen["first"]
            assert 0 <= fl and fr <= view and 0 <= ft and fb <= seen["height"], f"{width} px: first result at {seen['first']}"
            if width <= PHONE:
                assert seen["open"], f"{width} px: search over the whole screen"
                fl, ft, fr, fb = seen["form"]
                assert [round(fl), round(ft), round(fr), round(fb)] == [0, 0, view, seen["height"]], f"{width} px: panel {seen['form']}"
                assert seen["input"][3] <= seen["list"][1] + 1, f"{width} px: the box above the results"
            else:
                assert not seen["open"], f"{width} px: no panel"
                assert seen["scroll"] == view, f"{width} px: the page scrolls sideways ({seen['scroll']})"

    return run


def main():
    browser = Browser()
    try:
        for lang in ["en", "ar"]:
            step(f"{lang}: the results stay inside the screen at {', '.join(map(str, WIDTHS))} px", inside(browser, lang))
    finally:
        browser.stop()
    sys.exit(1 if failed else 0)


main()
