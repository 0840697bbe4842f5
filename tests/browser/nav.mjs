// A long section's navigation in real Chromium from file:// URLs: run by
// tests/testsuite/navigation.rs with the path of a built site whose review section
// has 40 pages. Each step asserts.
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const site = process.argv[2];
const url = (rel) => "file://" + join(site, rel);

const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  const page = await browser.newPage();
  await step("with JavaScript, the list holds every page of the section, the current one marked", async () => {
    await page.goto(url("review/long-20/index.html"));
    const links = page.locator("#site-nav .phase-review > ol > li > a");
    assert.equal(await links.count(), 41, "the dialogue and the 40 long pages");
    const current = page.locator("#site-nav a[aria-current=page]");
    assert.equal(await current.count(), 1);
    assert.equal(await current.textContent(), "Long page 20");
    assert.equal(await page.locator("#site-nav .nav-more").count(), 0, "the link to the section goes once the list is whole");
    // Links added by the script lead where the page's own do.
    await links.nth(40).click();
    await page.waitForURL(/review\/long-40\/index\.html$/);
  });
  await step("a French page's list is French, with untranslated pages marked", async () => {
    await page.goto(url("fr/review/long-05/index.html"));
    const links = page.locator("#site-nav .phase-review > ol > li > a");
    assert.equal(await links.count(), 41);
    assert.equal(await page.locator("#site-nav .phase-review > ol > li > a.is-fallback[lang=en]").count(), 41, "none is translated");
    await links.nth(39).click();
    await page.waitForURL(/fr\/review\/long-39\/index\.html$/);
  });
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await step("without JavaScript, the pages around this one and a link to the whole section", async () => {
    await noScript.goto(url("review/long-20/index.html"));
    const links = noScript.locator("#site-nav .phase-review > ol > li:not(.nav-more) > a");
    assert.equal(await links.count(), 13);
    assert.equal(await links.first().textContent(), "Long page 14");
    const more = noScript.locator("#site-nav .phase-review .nav-more a");
    assert.equal(await more.textContent(), "All 41 pages of this section");
    await more.click();
    await noScript.waitForURL(/review\/index\.html$/);
    assert.equal(await noScript.locator("main a[href$='long-40/index.html']").count(), 1, "the section page lists every page");
  });
} finally {
  await browser.close();
}
