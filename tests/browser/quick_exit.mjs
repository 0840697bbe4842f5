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
  await step("on a phone, a tablet or a laptop the button covers nothing of the header, in English and Arabic, scrolled or not", async () => {
    for (const width of [320, 375, 412, 768, 800, 1024, 1366]) {
      for (const rel of ["index.html", "ar/index.html", "preparation/index.html", "ar/preparation/index.html"]) {
        const page = await browser.newPage({ viewport: { width, height: 740 } });
        await page.goto(url(rel));
        await page.waitForSelector("html.js", { state: "attached" });
        const button = await page.locator("[data-quick-exit]").boundingBox();
        assert.ok(button && button.y >= 0 && button.x >= 0 && button.x + button.width <= width + 0.5, `${rel} at ${width}: ${JSON.stringify(button)}`);
        // Everything the header shows at the top: the title, the menu, its links.
        const boxes = await page.locator(".site-header a, .site-header button, .site-header input, body > .quick-exit-advice").evaluateAll((els) =>
          els.filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
            .map((el) => { const r = el.getBoundingClientRect(); return { name: el.className || el.tagName, x: r.x, y: r.y, width: r.width, height: r.height }; }));
        assert.ok(boxes.some((box) => box.name.includes("site-title")), `${rel}: the title is shown`);
        const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        for (const box of boxes.filter((box) => box.width > 0 && box.height > 0)) {
          assert.ok(!overlaps(button, box), `${rel} at ${width}: the button covers ${box.name} ${JSON.stringify(box)} (button ${JSON.stringify(button)})`);
        }
        await page.close();
      }
    }
    // Scrolled, the button stays in view, at the top, at the inline end.
    for (const [width, rel] of [[375, "preparation/index.html"], [1024, "preparation/index.html"], [1024, "ar/preparation/index.html"]]) {
      const page = await browser.newPage({ viewport: { width, height: 300 } });
      await page.goto(url(rel));
      await page.mouse.wheel(0, 600);
      await page.waitForFunction(() => window.scrollY > 200);
      const scrolled = await page.locator("[data-quick-exit]").boundingBox();
      assert.ok(scrolled.y >= 0 && scrolled.y < 10, `${rel} at ${width}, scrolled: ${JSON.stringify(scrolled)}`);
      const end = rel.startsWith("ar/") ? scrolled.x < 20 : scrolled.x + scrolled.width > width - 40;
      assert.ok(width < 640 || end, `${rel} at ${width}, scrolled, at the inline end: ${JSON.stringify(scrolled)}`);
      await page.close();
    }
  });

  await step("the advice that the button does not erase the history, near it on the home page and at every page's foot", async () => {
    for (const [rel, words] of [["index.html", /does not erase your browser history.*private window/], ["ar/index.html", /لا يمحو.*سجلّ المتصفح/]]) {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
      await page.goto(url(rel));
      const advice = page.locator("body > .quick-exit-advice");
      assert.match(await advice.innerText(), words);
      const button = await page.locator("[data-quick-exit]").boundingBox();
      const box = await advice.boundingBox();
      assert.ok(box.y >= button.y + button.height - 1 && box.y - (button.y + button.height) < 30, `just under the button: ${JSON.stringify([button, box])}`);
      assert.ok(box.x >= 0 && box.x + box.width <= 375, "inside the screen");
      await page.close();
    }
    const page = await browser.newPage();
    await page.goto(url("fr/preparation/report/index.html"));
    assert.match(await page.locator(".site-footer .quick-exit-advice").innerText(), /n’efface pas l’historique/);
    assert.equal(await page.locator("body > .quick-exit-advice").count(), 0, "near the button on the home page only");
    await page.close();
  });
} finally {
  await browser.close();
}
