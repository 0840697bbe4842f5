// Quick exit in real Chromium, from file://: run by tests/testsuite/readers.rs with a
// built copy of tests/fixtures/basic whose quick_exit leads to NEUTRAL (a
// local file). Each step asserts; any failure exits non-zero.
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const [site, neutral] = process.argv.slice(2);
assert.ok(site && neutral, "usage: quick_exit.mjs PUBLIC_DIR NEUTRAL_URL");
const browser = await chromium.launch({ executablePath, args, headless: true });
const url = (rel) => "file://" + join(site, rel);

try {
  await step("Shift three times leaves, and no page of the guide is left in the history", async () => {
    const page = await browser.newPage();
    await page.goto("about:blank");
    await page.goto(url("index.html"));
    await page.waitForSelector("html.js", { state: "attached" });
    const length = await page.evaluate(() => history.length);
    // Reading on: the guide's own links replace the page instead of adding to the history.
    await page.locator("main a[href$='preparation/index.html']").first().click();
    await page.waitForURL(/preparation\/index\.html$/);
    await page.waitForSelector("html.js", { state: "attached" });
    assert.equal(await page.evaluate(() => history.length), length, "one entry for the guide");
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await page.waitForURL(neutral);
    await page.goBack();
    assert.equal(page.url(), "about:blank", "back leads to what came before the guide");
    await page.close();
  });

  await step("the button leaves at once, from any page", async () => {
    const page = await browser.newPage();
    await page.goto(url("fr/preparation/report/index.html"));
    await page.waitForSelector("html.js", { state: "attached" });
    const button = page.locator("[data-quick-exit]");
    assert.equal(await button.textContent(), "Quitter cette page");
    const box = await button.boundingBox();
    assert.ok(box && box.y < 40, "in view at the top");
    await button.click();
    await page.waitForURL(neutral);
    await page.close();
  });

  await step("Shift pressed for other reasons (capitals) does not leave", async () => {
    const page = await browser.newPage();
    await page.goto(url("index.html"));
    await page.waitForSelector("html.js", { state: "attached" });
    await page.keyboard.press("Shift");
    await page.keyboard.press("a");
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift+B");
    assert.ok(page.url().endsWith("index.html"), page.url());
    await page.close();
  });
} finally {
  await browser.close();
}
