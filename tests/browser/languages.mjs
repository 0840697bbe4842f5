// The language control on a phone, in real Chromium from file:// (run by
// tests/testsuite/i18n.rs with the path of a built copy of the bundled
// toolkit): at 375 px the current language is shown, and every language is
// on screen once the control is opened, with a tap or the keyboard; on a
// laptop the languages are a row. Each step asserts.
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const site = process.argv[2];
const url = (rel) => "file://" + join(site, rel);
const HOME = { en: "index.html", ar: "ar/index.html", zh: "zh/index.html" };
const box = (page, selector) => page.locator(selector).evaluate((element) => element.getBoundingClientRect().toJSON());

const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  await step("phone: the current language is shown, and every language is on screen once the control is opened (en, ar, zh)", async () => {
    for (const lang of ["en", "ar", "zh"]) {
      const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
      await page.goto(url(HOME[lang]));
      const summary = page.locator(".languages summary");
      assert.ok(await summary.isVisible(), `${lang}: the control is shown`);
      const current = await page.locator(".languages a[aria-current]").textContent();
      assert.ok((await summary.innerText()).includes(current), `${lang}: the control names ${current}`);
      const named = await box(page, ".languages summary");
      assert.ok(named.left >= 0 && named.right <= 375 && named.height >= 24, `${lang}: the control is on screen`);
      const links = page.locator(".languages a[hreflang]");
      assert.equal(await links.count(), 6);
      for (let i = 0; i < 6; i++) { assert.ok(await links.nth(i).isHidden(), `${lang}: closed at first`); }
      // Opened with the keyboard, as with a tap.
      await summary.focus();
      await page.keyboard.press("Enter");
      for (let i = 0; i < 6; i++) {
        const link = links.nth(i);
        assert.ok(await link.isVisible(), `${lang}: ${await link.textContent()} shown`);
        const r = await link.evaluate((a) => a.getBoundingClientRect().toJSON());
        assert.ok(r.left >= 0 && r.right <= 375 && r.width > 0, `${lang}: ${await link.textContent()} at ${r.left}…${r.right}`);
        assert.ok(r.height >= 24, `${lang}: ${await link.textContent()} is ${r.height} px high`);
      }
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, `${lang}: nothing off the side`);
      // The links are the switcher's: the other language's page.
      const other = lang === "zh" ? "en" : "zh";
      await page.locator(`.languages a[hreflang=${other}]`).click();
      await page.waitForURL(new RegExp(other === "en" ? "/index\\.html$" : "/zh/index\\.html$"));
      await page.close();
    }
    // On a laptop, the languages in a row, no control.
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(url(HOME.zh));
    assert.ok(await page.locator(".languages summary").isHidden());
    const links = page.locator(".languages a[hreflang]");
    for (let i = 0; i < 6; i++) { assert.ok(await links.nth(i).isVisible()); }
    await page.close();
  });
} finally {
  await browser.close();
}
