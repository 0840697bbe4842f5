// Long pages on wide screens and phones, in real Chromium from file://
// (run by tests/testsuite/browser.rs with a built copy of the bundled
// toolkit, and one of tests/fixtures/basic with the quick exit on):
// "On this page" in the margin at the inline end from 1200 px, in view
// while the text scrolls, a box above the text below that and on paper;
// the way back to the top of a long page. Each step asserts.
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const [site, withQuickExit] = process.argv.slice(2);
assert.ok(site && withQuickExit, "usage: margins.mjs PUBLIC_DIR QUICK_EXIT_PUBLIC_DIR");
const url = (rel, root = site) => "file://" + join(root, rel);
const PAGE = { en: "preparation/stakeholder-report/index.html", ar: "ar/preparation/stakeholder-report/index.html" };
const TOP = { en: "Back to top", ar: "العودة إلى الأعلى" };

// Where each of `selectors` is on the screen.
const boxes = (page, selectors) => page.evaluate((selectors) => selectors.map((selector) => {
  const r = document.querySelector(selector).getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
}), selectors);
// Scrolls to `y`, once the page has had its scroll event (a frame later).
const scrollTo = (page, y) => page.evaluate((y) => new Promise((done) => {
  window.scrollTo(0, y);
  requestAnimationFrame(() => requestAnimationFrame(done));
}), y);
// How many lines of the page's text (each text node's line boxes, in the
// text, its footer and its navigation) are (partly) under `box`.
const textUnder = (page, box) => page.evaluate((box) => {
  let count = 0;
  for (const area of document.querySelectorAll("main, .site-footer, .site-nav")) {
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width && !(r.right <= box.left || box.right <= r.left || r.bottom <= box.top || box.bottom <= r.top)) count++;
      }
    }
  }
  return count;
}, box);
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

  for (const lang of ["en", "ar"]) {
    await step(`${lang}: back to the top, once a screen down a long page, at the screen's foot, covering no text as the reader reads down`, async () => {
      for (const width of [320, 375, 768, 1024, 1366]) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(url(PAGE[lang]));
        await page.waitForSelector("html.js", { state: "attached" });
        const link = page.getByRole("link", { name: TOP[lang] });
        assert.ok(await link.isHidden(), `${width}: not at the top`);
        await page.evaluate(() => window.scrollTo(0, 400));
        await page.waitForTimeout(100);
        assert.ok(await link.isHidden(), `${width}: not half a screen down`);
        // Reading down, a line at a time: shown only where it covers no text.
        for (let y = 1000; y <= 2200; y += 40) {
          await scrollTo(page, y);
          if (await link.isVisible()) {
            const [over] = await boxes(page, ["[data-to-top]"]);
            assert.equal(await textUnder(page, over), 0, `${width}: over text at ${y} as the reader reads down`);
          }
        }
        // Scrolling back up, it comes.
        await scrollTo(page, await page.evaluate(() => window.scrollY - 120));
        await link.waitFor();
        const [box] = await boxes(page, ["[data-to-top]"]);
        assert.ok(box.bottom <= 800 && box.bottom >= 760, `${width}: at the foot (${box.top}…${box.bottom})`);
        if (lang === "en") assert.ok(box.right <= width && box.right >= width - 40, `${width}: at the right (${box.right})`);
        else assert.ok(box.left >= 0 && box.left <= 40, `${width}: at the left (${box.left})`);
        assert.ok(box.right - box.left >= 44 && box.bottom - box.top >= 44, `${width}: big enough for a finger`);
        if (width >= 1200) {
          const [text, toc] = await boxes(page, [".content", ".toc"]);
          assert.ok(apart(box, text) && apart(box, toc), `${width}: in the margin`);
        }
        // At the end, nothing of the page's foot or text is under it.
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForTimeout(100);
        await link.waitFor();
        const [end] = await boxes(page, ["[data-to-top]"]);
        assert.equal(await textUnder(page, end), 0, `${width}: text under it at the end`);
        // Below the page's last line, whatever the width of the footer's lines.
        const last = await page.locator(".site-footer > :last-child").evaluate((el) => el.getBoundingClientRect().bottom);
        assert.ok(end.top >= last, `${width}: at the end, below the footer's last line (${last}), at ${end.top}`);
        await page.close();
      }
    });
  }

  await step("back to the top with the keyboard: the focus goes to the top too", async () => {
    for (const lang of ["en", "ar"]) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
      await page.goto(url(PAGE[lang]));
      await page.waitForSelector("html.js", { state: "attached" });
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      // Shown once the page has seen the scroll (an event of the next frame).
      await page.locator("[data-to-top]").waitFor({ state: "visible" });
      // Tab from the text's last link (the next page's), the one before it.
      await page.locator("main a").last().focus();
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute("title")), TOP[lang], `${lang}: reached by Tab`);
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => window.scrollY === 0);
      assert.equal(await page.evaluate(() => document.activeElement.id), "main", `${lang}: the focus at the top`);
      assert.ok(await page.getByRole("link", { name: TOP[lang] }).isHidden(), `${lang}: gone at the top`);
      await page.close();
    }
  });

  await step("a page of under three screens has no way back to the top", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(url("audience/cso/index.html"));
    await page.waitForSelector("html.js", { state: "attached" });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height > 1600 && height <= 2400, `a page of ${height} px: scrolled more than a screen at its end`);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(100);
    assert.ok(await page.locator("[data-to-top]").isHidden());
    await page.close();
  });

  await step("with the quick exit on, 'On this page' stays below it as the text scrolls, in English and Arabic", async () => {
    for (const rel of ["preparation/report/index.html", "ar/preparation/report/index.html"]) {
      for (const width of [1200, 1366]) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(url(rel, withQuickExit));
        assert.ok(await page.evaluate(() => document.body.classList.contains("has-toc")), `${rel}: a page with its contents in the margin`);
        for (const y of [0, 1200]) {
          await scrollTo(page, y);
          const [toc, exit] = await boxes(page, [".toc", ".quick-exit"]);
          assert.ok(apart(toc, exit), `${rel} at ${width}, scrolled to ${y}: the contents (${JSON.stringify(toc)}) under the quick exit (${JSON.stringify(exit)})`);
        }
        await page.close();
      }
    }
  });

  await step("on a phone, it stays clear of the quick exit, in English and Arabic", async () => {
    for (const rel of ["preparation/report/index.html", "ar/preparation/report/index.html"]) {
      const page = await browser.newPage({ viewport: { width: 375, height: 400 } });
      await page.goto(url(rel, withQuickExit));
      await page.waitForSelector("html.js", { state: "attached" });
      // Down, then back up a little, as it shows on a phone.
      await scrollTo(page, 700);
      await scrollTo(page, 600);
      await page.locator("[data-to-top]").waitFor();
      const [top, exit] = await boxes(page, ["[data-to-top]", ".quick-exit"]);
      assert.ok(apart(top, exit), `${rel}: apart from the quick exit`);
      await page.close();
    }
  });
} finally {
  await browser.close();
}
