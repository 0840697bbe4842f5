// Downloads and printing in real Chromium, from file://: run by
// tests/testsuite/readers.rs with a built copy of tests/fixtures/basic and its French
// zip unpacked. Each step asserts; any failure exits non-zero.
import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const [site, unpacked] = process.argv.slice(2);
assert.ok(site && unpacked, "usage: readers.mjs PUBLIC_DIR UNPACKED_ZIP_DIR");
const browser = await chromium.launch({ executablePath, args, headless: true });

async function open(url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector("html.js", { state: "attached" });
  return page;
}

try {
  await step("each download shows its size and leads to the file", async () => {
    const page = await open("file://" + join(site, "fr/preparation/index.html"));
    const block = page.locator(".downloads-main");
    const links = block.locator("a[data-size-of]");
    assert.equal(await links.count(), 6, "the phase's handout and its PDF, the guide and its PDF, the zip, the SCORM package");
    for (const link of await links.all()) {
      const target = fileURLToPath(new URL(await link.getAttribute("href"), page.url()));
      assert.ok(existsSync(target), target);
      const size = await link.locator("xpath=following-sibling::span[@class='download-size']").textContent();
      const bytes = statSync(target).size;
      const shown = Number(size.replace(/[^\d,.]/g, "").replace(",", "."));
      const expected = bytes >= 1e6 ? bytes / 1e6 : bytes / 1e3;
      assert.ok(Math.abs(shown - expected) <= Math.max(1, expected * 0.1), `${size} for ${bytes} bytes`);
      assert.match(size, bytes >= 1e6 ? /Mo/ : /ko/, "French units");
    }
    assert.ok(await block.locator("[data-needs-size]").first().isVisible(), "the zip is offered");
    assert.ok(await block.locator("a[href$='scorm.zip']").isVisible(), "the SCORM package is offered");
    await page.close();
  });

  await step("inside the unpacked zip, the zip itself is not offered", async () => {
    const page = await open("file://" + join(unpacked, "site/fr/preparation/index.html"));
    assert.equal(await page.locator(".downloads-main [data-needs-size]:visible a[href$='.zip']").count(), 0, "neither the zip nor the SCORM package");
    assert.equal(await page.locator(".downloads-main [data-needs-size]:visible a[href$='.pdf']").count(), 2, "the PDFs are in the zip");
    assert.ok(await page.locator(".downloads-main a[href$='guide.html']").isVisible(), "the handouts still are");
    await page.close();
  });

  await step("the print button prints the page", async () => {
    const page = await open("file://" + join(site, "preparation/report/index.html"));
    await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
    await page.locator("[data-print]").click();
    assert.equal(await page.evaluate(() => window.printed), 1);
    const checklists = await open("file://" + join(site, "checklists/index.html"));
    assert.ok(await checklists.locator("[data-print]").isVisible(), "on the checklists page too");
    await checklists.close();
    await page.close();
  });

  await step("on paper: no downloads, buttons, date form or glossary terms' dotted line", async () => {
    // The dotted line under a glossary term says "point here" on a screen; paper cannot.
    const report = await open("file://" + join(site, "preparation/report/index.html"));
    const line = () => report.evaluate(() => getComputedStyle(document.querySelector("a.term abbr")).textDecorationLine);
    assert.equal(await line(), "underline", "on screen");
    await report.emulateMedia({ media: "print" });
    assert.equal(await line(), "none", "on paper");
    await report.close();
    for (const rel of ["index.html", "key-dates/index.html"]) {
      const page = await open("file://" + join(site, rel));
      await page.emulateMedia({ media: "print" });
      for (const selector of [".downloads-main", ".downloads-footer", ".print-tools", ".review-date-form"]) {
        const found = page.locator(selector);
        if (await found.count()) { assert.equal(await found.first().isVisible(), false, `${selector} on ${rel}`); }
      }
      if (rel.startsWith("key-dates")) { assert.ok(await page.locator("table.timeline").isVisible(), "the table prints"); }
      await page.close();
    }
  });
  await step("the 404 page works from a folder, in its language, with search", async () => {
    const page = await open("file://" + join(site, "fr/404.html"));
    assert.equal(await page.locator("html").getAttribute("lang"), "fr");
    const hidden = await page.evaluate(() => getComputedStyle(document.querySelector("label[for=search-input]")).position);
    assert.equal(hidden, "absolute", "the stylesheet is loaded");
    for (const link of await page.locator("main a").all()) {
      assert.ok(existsSync(fileURLToPath(new URL(await link.getAttribute("href"), page.url()))), await link.getAttribute("href"));
    }
    await page.locator("#search-input").fill("rapport");
    await page.waitForSelector("#search-results li", { timeout: 5000 });
    const first = await page.locator("#search-results li").first().getAttribute("data-href");
    assert.ok(existsSync(fileURLToPath(new URL(first, page.url()))), first);
    await page.close();
  });
  await step("on a phone, Menu opens the navigation in place, and works without the script", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto("file://" + join(site, "preparation/report/index.html"));
    await page.waitForSelector("html.js", { state: "attached" });
    const nav = page.locator("#site-nav");
    const menu = page.locator("button.menu-link");
    assert.equal(await nav.isVisible(), false, "closed at first");
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    await menu.click();
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    assert.ok(await nav.isVisible());
    const [navBox, mainBox] = [await nav.boundingBox(), await page.locator("main").boundingBox()];
    assert.ok(navBox.y < mainBox.y && navBox.y < 400, "under the header, above the text");
    assert.ok(await page.evaluate(() => document.getElementById("site-nav").contains(document.activeElement)), "focus in the menu");
    await page.keyboard.press("Escape");
    assert.equal(await nav.isVisible(), false);
    assert.ok(await page.evaluate(() => document.activeElement.classList.contains("menu-link")), "focus back on Menu");
    // Nothing wider than the phone, left to right or right to left.
    for (const rel of ["index.html", "ar/index.html", "fr/preparation/report/index.html"]) {
      await page.goto("file://" + join(site, rel));
      const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= width, `${rel}: ${scroll} px wide on a ${width} px screen`);
    }
    await page.close();
    const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
    const still = await plain.newPage();
    await still.goto("file://" + join(site, "preparation/report/index.html"));
    assert.equal(await still.locator("a.menu-link").getAttribute("href"), "#site-nav");
    assert.ok(await still.locator("#site-nav").isVisible(), "without the script the navigation follows the text");
    await plain.close();
  });
} finally {
  await browser.close();
}
