"""Starting the browser engines the Python browser tests drive: Chromium
(Debian's, through chromedriver and Selenium), Firefox ESR (through
Marionette, with Firefox's own default preferences: `remote.prefs.recommended`
is off, so file:// pages keep the strict origin policy readers have) and
WebKit (WebKitGTK's MiniBrowser through WebKitWebDriver and Selenium, under
Xvfb). Imported by engines.py and search_engines.py."""

import json
import os
import socket
import subprocess


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def selenium(engine, profile):
    """A Selenium driver of `engine` (chromium or webkit) on `profile`."""
    from selenium import webdriver

    if engine == "chromium":
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        return webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    options = Options()
    options.binary_location = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
    options.add_argument("--automation")
    return webdriver.WebKitGTK(options=options, service=Service(executable_path="/usr/bin/WebKitWebDriver"))


def firefox(profile):
    """Firefox ESR on `profile`, headless: its process and a Marionette session."""
    from marionette_driver.marionette import Marionette

    port = free_port()
    with open(os.path.join(profile, "user.js"), "w") as prefs:
        # Not the automation's "recommended" preferences: those turn off
        # security.fileuri.strict_origin_policy and would hide how
        # Firefox treats file:// for readers. Only quiet start-up ones.
        for name, value in [
            ("remote.prefs.recommended", False),
            ("marionette.port", port),
            ("browser.shell.checkDefaultBrowser", False),
            ("browser.startup.homepage_override.mstone", "ignore"),
            ("datareporting.policy.dataSubmissionEnabled", False),
            ("toolkit.telemetry.reportingpolicy.firstRun", False),
            ("browser.aboutwelcome.enabled", False),
            ("app.update.disabledForTesting", True),
        ]:
            prefs.write(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n")
    process = subprocess.Popen(
        ["firefox-esr", "--headless", "--marionette", "--remote-allow-system-access", "--no-remote", "--profile", profile],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    marionette = Marionette(host="127.0.0.1", port=port, startup_timeout=60)
    marionette.start_session()
    return process, marionette
