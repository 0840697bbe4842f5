// Search on phones, tablets and laptops, in real Chromium from file:// (run
// by tests/testsuite/search.rs with the path of a built copy of the bundled
// toolkit): the results always inside the screen and never over the
// navigation beside the text, search over the whole screen on a phone (its
// back arrow, Escape and the focus). Each step asserts.
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const site = process.argv[2];
const url = (rel) => "file://" + join(site, rel);
const WIDTHS = [320, 375, 412, 768, 1024, 1366];
// Phones: search opens over the whole screen (uprkit.css's 40rem); from
// 50rem, the navigation is beside the text.
const PHONE = 640;
const BESIDE = 800;
const HOME = { en: "index.html", ar: "ar/index.html" };
const QUERY = { en: "report", ar: "الاستعراض" };

async function query(page, text) {
  await page.locator("#search-input").fill(text);
  await page.waitForFunction(() => {
    const list = document.querySelector("#search-results");
    return !list.hidden && !list.hasAttribute("aria-busy");
  });
}
// Where an element is, and the screen's width (without a scroll bar).
const box = (page, selector) => page.locator(selector).evaluate((element) => {
  const r = element.getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, view: document.documentElement.clientWidth, height: window.innerHeight };
});

const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  for (const lang of ["en", "ar"]) {
    await step(`${lang}: the results stay inside the screen at ${WIDTHS.join(", ")} px`, async () => {
      for (const width of WIDTHS) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(url(HOME[lang]));
        await query(page, QUERY[lang]);
        const list = await box(page, "#search-results");
        assert.equal(list.view, width, `${width}: no sideways scrolling of the page`);
        assert.ok(list.left >= 0 && list.right <= list.view, `${width} px: the list spans ${list.left}…${list.right}`);
        const first = await box(page, "#search-result-0");
        assert.ok(first.left >= 0 && first.right <= width && first.top >= 0 && first.bottom <= first.height, `${width} px: the first result is in view`);
        const open = await page.locator("form.search").evaluate((form) => form.hasAttribute("data-open"));
        if (width <= PHONE) {
          // Over the whole screen, the box at its top, the results below it.
          const panel = await box(page, "form.search");
          assert.deepEqual([panel.left, panel.top, panel.right, panel.bottom], [0, 0, width, 800], `${width} px: the panel`);
          const input = await box(page, "#search-input");
          assert.ok(input.bottom <= list.top + 1 && input.top < 120, `${width} px: the box above the results`);
          assert.ok(await page.locator(".search-close").isVisible(), `${width} px: a back arrow`);
        } else {
          assert.ok(!open, `${width} px: no panel`);
          assert.ok(!(await page.locator(".search-close").isVisible()), `${width} px: no back arrow`);
        }
        if (width >= BESIDE) {
          // The navigation beside the text: the list over the text's column, not over it.
          const nav = await box(page, ".site-nav");
          assert.ok(nav.right > nav.left, `${width} px: the navigation is shown`);
          assert.ok(list.right <= nav.left || nav.right <= list.left, `${width} px: the list (${list.left}…${list.right}) over the navigation (${nav.left}…${nav.right})`);
        }
        await page.close();
      }
    });
  }

  await step("phone: the back arrow, Escape and Tab in the panel, in English and Arabic", async () => {
    for (const lang of ["en", "ar"]) {
      const page = await browser.newPage({ viewport: { width: 375, height: 700 } });
      await page.goto(url(HOME[lang]));
      const isOpen = () => page.locator("form.search").evaluate((form) => form.hasAttribute("data-open"));
      // A tap on the box opens the panel, before anything is typed.
      await page.locator("#search-input").click();
      assert.ok(await isOpen(), `${lang}: opened by a tap`);
      await query(page, QUERY[lang]);
      // Tab goes round the panel: the back arrow, then the box again.
      await page.keyboard.press("Tab");
      assert.ok(await page.locator(".search-close").evaluate((b) => b === document.activeElement), `${lang}: Tab to the back arrow`);
      await page.keyboard.press("Tab");
      assert.ok(await page.locator("#search-input").evaluate((i) => i === document.activeElement), `${lang}: Tab back to the box`);
      // Escape closes it, the focus stays in the box.
      await page.keyboard.press("Escape");
      assert.ok(!(await isOpen()), `${lang}: Escape closes`);
      assert.ok(await page.locator("#search-results").isHidden());
      assert.ok(await page.locator("#search-input").evaluate((i) => i === document.activeElement), `${lang}: focus kept`);
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains("search-open")), false);
      // The back arrow, tapped, closes it too; the arrow points to the
      // reading's start (mirrored in Arabic).
      await query(page, QUERY[lang]);
      assert.ok(await isOpen(), `${lang}: open again when typing`);
      const mirrored = await page.locator(".search-close svg").evaluate((svg) => getComputedStyle(svg).transform);
      assert.equal(mirrored !== "none", lang === "ar", `${lang}: arrow ${mirrored}`);
      const arrow = await box(page, ".search-close");
      assert.ok(lang === "ar" ? arrow.right > 300 : arrow.left < 75, `${lang}: the arrow at the start of the line`);
      await page.locator(".search-close").click();
      assert.ok(!(await isOpen()), `${lang}: the back arrow closes`);
      assert.ok(await page.locator("#search-results").isHidden());
      // With the keyboard, the back arrow gives the focus back to the box.
      await query(page, QUERY[lang]);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      assert.ok(!(await isOpen()), `${lang}: Enter on the back arrow closes`);
      assert.ok(await page.locator("#search-input").evaluate((i) => i === document.activeElement), `${lang}: focus back in the box`);
      await page.close();
    }
  });

} finally {
  await browser.close();
}
