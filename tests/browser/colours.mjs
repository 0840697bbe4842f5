// The reader's colours, in real Chromium from file:// (run by
// tests/testsuite/browser.rs with a built copy of the bundled toolkit): the
// system's by default; light or dark as chosen in the footer, looking just
// as the system's light or dark do; kept across pages and reloads, and set
// before a page is shown; with "don't remember", kept for the tab only, and
// gone with "forget everything". Each step asserts.
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const site = process.argv[2];
const url = (rel) => "file://" + join(site, rel);
const PAGE = { en: "preparation/stakeholder-report/index.html", ar: "ar/preparation/stakeholder-report/index.html" };
const OTHER = "review/index.html";
const LIGHT = "rgb(255, 255, 255)", DARK = "rgb(20, 23, 27)";

const browser = await chromium.launch({ executablePath, args, headless: true });

// A reader's browser (its own storage) whose system asks for `scheme`;
// each page records the colours set when its <body> began.
async function reader(scheme) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1024, height: 800 } });
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      window.themeAtBody = document.documentElement.getAttribute("data-theme") || "none";
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  return context;
}
async function open(context, rel) {
  const page = await context.newPage();
  await page.goto(url(rel));
  await page.waitForSelector("html[data-uprkit-ready]:not([data-uprkit-saving])", { state: "attached" });
  return page;
}
async function choose(page, value) {
  await page.locator("#colours").selectOption(value);
  await page.waitForSelector("html:not([data-uprkit-saving])", { state: "attached" });
}
const background = (page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const chosen = (page) => page.evaluate(() => ({ early: window.themeAtBody, now: document.documentElement.getAttribute("data-theme"), shown: document.querySelector("#colours").value }));
const keptInLocal = (page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith("theme")));
// Goes to a page (`go`) and reads the colours it was shown with. Chromium
// may open a typed-in address in a new renderer process, which learns of a
// value the last page stored a moment later (on a loaded machine, later
// still): the page is opened again while it shows the value before that, for
// at most two seconds.
async function arrive(page, go, expected) {
  let seen = null;
  for (let tries = 0; tries < 8; tries += 1) {
    if (tries) { await page.waitForTimeout(250); }
    await go();
    seen = await chosen(page);
    if (seen.early === expected.early) { break; }
  }
  assert.deepEqual(seen, expected);
}
// The colours of every element of the page, in order (nothing focused).
const look = (page) => page.evaluate(() => document.activeElement.blur() || Array.from(document.querySelectorAll("*"), (element) => {
  const style = getComputedStyle(element);
  const colours = ["color", "backgroundColor", "backgroundImage", "borderTopColor", "borderInlineStartColor",
    "outlineColor", "fill", "stroke", "colorScheme"].map((name) => style[name]);
  return `${element.tagName}.${element.className && element.className.baseVal === undefined ? element.className : ""}: ${colours.join(" ")}`;
}));

try {
  await step("as on this device until the reader chooses: the system's light or dark", async () => {
    for (const [scheme, colour] of [["light", LIGHT], ["dark", DARK]]) {
      const context = await reader(scheme);
      const page = await open(context, PAGE.en);
      assert.equal(await background(page), colour, scheme);
      assert.deepEqual(await chosen(page), { early: "none", now: null, shown: "auto" });
      assert.ok(await page.getByLabel("Colours").isVisible(), "the switch, in the footer");
      await context.close();
    }
  });

  for (const lang of ["en", "ar"]) {
    await step(`${lang}: dark chosen looks as the system's dark, light chosen as the system's light`, async () => {
      for (const [system, choice] of [["light", "dark"], ["dark", "light"]]) {
        const as = await reader(choice);
        const expected = await look(await open(as, PAGE[lang]));
        const context = await reader(system);
        const page = await open(context, PAGE[lang]);
        await choose(page, choice);
        assert.equal(await background(page), choice === "dark" ? DARK : LIGHT);
        const seen = await look(page);
        const first = seen.findIndex((line, i) => line !== expected[i]);
        assert.equal(first, -1, `${choice} chosen on a ${system} system: ${seen[first]}, not as the system's: ${expected[first]}`);
        assert.equal(seen.length, expected.length);
        await as.close();
        await context.close();
      }
    });
  }

  await step("the choice is kept across pages, reloads and tabs, and set before a page is shown", async () => {
    const context = await reader("light");
    const first = await open(context, PAGE.en);
    const other = await open(context, OTHER);
    await choose(first, "dark");
    // The tab already open follows.
    await other.waitForFunction(() => document.documentElement.getAttribute("data-theme") === "dark");
    assert.equal(await other.locator("#colours").inputValue(), "dark");
    await arrive(first, () => first.goto(url(OTHER)), { early: "dark", now: "dark", shown: "dark" });
    assert.equal(await background(first), DARK);
    await first.reload();
    assert.deepEqual(await chosen(first), { early: "dark", now: "dark", shown: "dark" });
    const arabic = await open(context, PAGE.ar);
    assert.deepEqual(await chosen(arabic), { early: "dark", now: "dark", shown: "dark" }, "in every language");
    // Back to the device's.
    await choose(arabic, "auto");
    await arrive(first, () => first.reload(), { early: "none", now: null, shown: "auto" });
    assert.deepEqual(await keptInLocal(first), []);
    await context.close();
  });

  await step("with \"don't remember\", the choice lasts as long as the tab; \"forget everything\" forgets it", async () => {
    const context = await reader("light");
    const page = await open(context, PAGE.en);
    await page.locator("[data-session-only]").check();
    await page.waitForSelector("html:not([data-uprkit-saving])", { state: "attached" });
    await choose(page, "dark");
    await arrive(page, async () => {
      await page.goto(url(OTHER));
      await page.waitForSelector("html[data-uprkit-ready]", { state: "attached" });
    }, { early: "dark", now: "dark", shown: "dark" });
    assert.deepEqual(await keptInLocal(page), [], "nothing kept beyond the tab");
    const tab = await open(context, OTHER);
    assert.deepEqual(await chosen(tab), { early: "none", now: null, shown: "auto" }, "a new tab does not have it");
    // Remembered again, then forgotten.
    await page.goto(url(PAGE.en));
    await page.waitForSelector("html[data-uprkit-ready]:not([data-uprkit-saving])", { state: "attached" });
    await page.locator("[data-session-only]").uncheck();
    await page.waitForSelector("html:not([data-uprkit-saving])", { state: "attached" });
    await page.goto(url("checklists/index.html"));
    await page.waitForSelector("html[data-uprkit-ready]:not([data-uprkit-saving])", { state: "attached" });
    assert.equal(await page.locator("html").getAttribute("data-theme"), "dark", "kept once remembered again");
    page.once("dialog", (dialog) => dialog.accept());
    await page.locator("[data-forget-all]").click();
    await page.waitForSelector("html:not([data-uprkit-saving])", { state: "attached" });
    await arrive(page, () => page.reload(), { early: "none", now: null, shown: "auto" });
    assert.deepEqual(await keptInLocal(page), []);
    await context.close();
  });
} finally {
  await browser.close();
}
