// Long pages on wide screens, in real Chromium from file:// (run by
// tests/testsuite/browser.rs with a built copy of the bundled toolkit):
// "On this page" in the margin at the inline end from 1200 px, in view
// while the text scrolls, a box above the text below that and on paper.
// Each step asserts.
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const site = process.argv[2];
const url = (rel) => "file://" + join(site, rel);
const PAGE = { en: "preparation/stakeholder-report/index.html", ar: "ar/preparation/stakeholder-report/index.html" };

// Where each of `selectors` is on the screen.
const boxes = (page, selectors) => page.evaluate((selectors) => selectors.map((selector) => {
  const r = document.querySelector(selector).getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
}), selectors);
const apart = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;

const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  for (const lang of ["en", "ar"]) {
    await step(`${lang}: "On this page" in the margin from 1200 px, in view as the text scrolls`, async () => {
      for (const width of [1200, 1366, 1920]) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(url(PAGE[lang]));
        const [toc, text, nav] = await boxes(page, [".toc", ".content", ".site-nav"]);
        // Beside the text, at its inline end (the left in Arabic), level with its title.
        if (lang === "en") assert.ok(toc.left >= text.right, `${width}: the contents (${toc.left}) after the text (${text.right})`);
        else assert.ok(toc.right <= text.left, `${width}: the contents (${toc.right}) before the text (${text.left})`);
        assert.ok(apart(toc, nav), `${width}: not over the navigation`);
        assert.ok(toc.top < text.top, `${width}: beside the page's title`);
        assert.ok(toc.right <= width && toc.left >= 0, `${width}: on the screen`);
        // Half way down the text, still at the top of the screen, whole.
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
        const [held] = await boxes(page, [".toc"]);
        assert.ok(held.top >= 0 && held.top <= 32 && held.bottom <= 800, `${width}: after scrolling, at ${held.top}…${held.bottom}`);
        const links = await page.locator(".toc a").evaluateAll((all) => all.map((a) => a.getBoundingClientRect().bottom));
        assert.ok(links.every((bottom) => bottom <= 800), `${width}: every entry in view`);
        await page.close();
      }
    });
  }

  await step("narrower than 1200 px, and on paper, a box above the text", async () => {
    for (const [lang, width, media] of [["en", 1199, "screen"], ["ar", 1199, "screen"], ["en", 1366, "print"], ["ar", 1920, "print"]]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.emulateMedia({ media });
      await page.goto(url(PAGE[lang]));
      const [toc, text] = await boxes(page, [".toc", ".content"]);
      assert.ok(toc.bottom <= text.top, `${lang} ${width} ${media}: above the text`);
      assert.ok(toc.right - toc.left >= text.right - text.left - 1, `${lang} ${width} ${media}: as wide as the text`);
      assert.equal(await page.locator(".toc").evaluate((toc) => getComputedStyle(toc).position), "static");
      await page.close();
    }
  });
} finally {
  await browser.close();
}
