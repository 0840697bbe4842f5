// Watch mode as an author sees it, in real Chromium: run by tests/testsuite/serve.rs
// with the address of a running `uprkit serve` and the toolkit it watches.
// Each step edits a file and waits for the page to change by itself.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const [base, site] = process.argv.slice(2);
const timeout = 20000;

const read = (rel) => readFileSync(join(site, rel), "utf8");
const write = (rel, text) => writeFileSync(join(site, rel), text);

// Resolves once the page's live-reload stream is connected.
const listening = (page) => page.waitForResponse((r) => r.url().endsWith("/__uprkit/events"), { timeout });

// Opens `path` and waits until its live-reload stream is connected.
async function open(page, path) {
  const connected = listening(page);
  await page.goto(base + path, { timeout });
  await connected;
}

// Runs `edit` and waits until the page has reloaded and listens again.
async function reloadsAfter(page, edit) {
  const connected = listening(page);
  const loaded = page.waitForEvent("load", { timeout });
  edit();
  await loaded;
  await connected;
}

const english = "content/preparation/report.md";
const french = "content/preparation/report.fr.md";
const arabic = "content/preparation/report.ar.md";
const original = read(english);
const browser = await chromium.launch({ executablePath, args, headless: true });
const page = await browser.newPage();
page.setDefaultTimeout(timeout);
try {
  await step("a saved edit reloads the page with the new text", async () => {
    await open(page, "/preparation/report/index.html");
    assert.equal(await page.locator("text=Start much earlier.").count(), 0);
    await reloadsAfter(page, () => write(english, original.replace("Start early.", "Start much earlier.")));
    assert.equal(await page.locator("text=Start much earlier.").count(), 1);
  });
  await step("a broken front matter shows the error over the last good page", async () => {
    const overlay = page.locator("#uprkit-error");
    write(english, original.replace("weight: 10", "weight: 10\nphse: review"));
    await overlay.waitFor({ state: "visible" });
    assert.match(await overlay.textContent(), /content\/preparation\/report\.md:\d+:1: unknown key `phse`/);
    assert.equal(await overlay.getAttribute("role"), "alert");
    assert.equal(await page.locator("main >> text=Start much earlier.").count(), 1, "the last good page stays");
  });
  await step("a page opened while the build is broken shows the error too", async () => {
    await open(page, "/review/index.html");
    await page.locator("#uprkit-error").waitFor({ state: "visible" });
  });
  await step("fixing it reloads the page and clears the error", async () => {
    await reloadsAfter(page, () => write(english, original));
    assert.equal(await page.locator("#uprkit-error").count(), 0);
  });
  await step("a translation reloads after an edit to its own file, in French and in Arabic", async () => {
    await open(page, "/fr/preparation/report/index.html");
    await reloadsAfter(page, () => write(french, read(french).replace("L'envoyer", "L'envoyer à temps")));
    // Smart punctuation turns the apostrophe into ’.
    assert.equal(await page.getByText(/envoyer à temps/).count(), 1);
    await open(page, "/ar/preparation/report/index.html");
    assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
    await reloadsAfter(page, () => write(arabic, read(arabic).replace("إرسال التقرير", "إرسال التقرير في موعده")));
    assert.equal(await page.locator("text=إرسال التقرير في موعده").count(), 1);
  });
  await step("the error shows left to right over an Arabic page", async () => {
    write(arabic, read(arabic).replace("weight: 10", "weight: ten"));
    const overlay = page.locator("#uprkit-error");
    await overlay.waitFor({ state: "visible" });
    assert.match(await overlay.textContent(), /content\/preparation\/report\.ar\.md:3:/);
    assert.equal(await overlay.evaluate((e) => getComputedStyle(e).direction), "ltr");
  });
} finally {
  write(english, original);
  await browser.close();
}
