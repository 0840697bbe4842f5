// Slides in Chromium. Run by tests/testsuite/slides.rs:
//     node slides.mjs PUBLIC_DIR DECK_FILE SERVE_URL
// PUBLIC_DIR is the fixture toolkit built; DECK_FILE a deck of its page
// review/dialogue with the facilitator notes (`uprkit handout --slides
// --facilitator --page review/dialogue`); SERVE_URL the same toolkit under
// `uprkit serve`. The page has five slides: its title, "Before the day",
// the same section again after `<!-- slide -->`, "On the day" (without
// what `<!-- slides: hide -->` keeps off) and "After". The toolkit is
// branded: a logo and the colour #8a1c4a.
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { step, executablePath, args } from "./harness.mjs";

const [site, deck, served] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args });
// A laptop's screen, of which the projected window takes a part.
const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, screen: { width: 1920, height: 1080 } });
const errors = [];
context.on("page", (page) => page.on("pageerror", (error) => errors.push(error.message)));

const slide = (page) => page.getAttribute("[data-slides]", "data-slide").then(Number);
const shown = (page) => page.locator(".slides > .slide:not([hidden])").innerText();
async function waitSlide(page, n) {
  await page.waitForFunction((n) => document.querySelector("[data-slides]")?.getAttribute("data-slide") === String(n), n);
}

// The presenter's window of `page`, opened with P.
async function presenter(page) {
  const [popup] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("p")]);
  await popup.waitForSelector("[data-slides].slides-presenter-view");
  return popup;
}

try {
  await step("the Present button turns a page into slides, and the keyboard moves through them", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(site, "review/dialogue/index.html")).href);
    await page.locator("#present").click();
    await page.waitForSelector("[data-slides]");
    assert.equal(await page.locator(".slides > .slide").count(), 5);
    assert.equal(await slide(page), 1);
    assert.match(await shown(page), /Interactive dialogue/);
    await page.keyboard.press("ArrowRight");
    await waitSlide(page, 2);
    assert.match(await shown(page), /Before the day/);
    await page.keyboard.press("PageDown");
    await waitSlide(page, 3);
    const continued = await shown(page);
    assert.match(continued, /Before the day/, "a split slide keeps its heading");
    assert.match(continued, /Second part/);
    assert.doesNotMatch(continued, /Plan who watches/);
    await page.keyboard.press("ArrowLeft");
    await waitSlide(page, 2);
    await page.keyboard.press("End");
    await waitSlide(page, 5);
    await page.keyboard.press("Home");
    await waitSlide(page, 1);
    // The slides are the page's own: its notes for facilitators are private.
    assert.equal(await page.locator(".slides").innerText().then((t) => t.includes("NOTE-MARKER")), false);
    await page.keyboard.press("Escape");
    await page.waitForSelector("[data-slides]", { state: "detached" });
    assert.ok(await page.locator("article.page h1").isVisible(), "back to the page");
    await page.close();
  });

  await step("what the author keeps off the slides stays on the page", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(site, "review/dialogue/index.html")).href + "#present-4");
    await waitSlide(page, 4);
    const text = await shown(page);
    assert.match(text, /Watch the webcast/);
    assert.doesNotMatch(text, /HIDDEN-ON-SLIDES/);
    await page.keyboard.press("Escape");
    assert.match(await page.locator("article.page").innerText(), /HIDDEN-ON-SLIDES/);
    await page.close();
  });

  await step("the address keeps the slide across a reload, and a swipe moves on", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(site, "review/dialogue/index.html")).href + "#present-2");
    await waitSlide(page, 2);
    await page.keyboard.press("ArrowRight");
    await waitSlide(page, 3);
    assert.match(page.url(), /#present-3$/);
    await page.reload();
    await waitSlide(page, 3);
    // A swipe to the left, as on a tablet: the next slide.
    await page.mouse.move(900, 300);
    await page.mouse.down();
    await page.mouse.move(500, 310, { steps: 5 });
    await page.mouse.up();
    await waitSlide(page, 4);
    await page.close();
  });

  await step("from file://, the presenter's window shows the notes and follows the projected one both ways", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(deck).href);
    await page.waitForSelector("[data-slides]");
    // The deck: a cover, then the page's five slides.
    assert.equal(await page.locator(".slides > .slide").count(), 6);
    const popup = await presenter(page);
    assert.equal(await slide(popup), 1);
    // The presenter moves: the projected window follows.
    await popup.keyboard.press("ArrowRight");
    await popup.keyboard.press("ArrowRight");
    await waitSlide(page, 3);
    assert.match(await shown(page), /Before the day/);
    assert.match(await popup.locator("[data-presenter-notes]").innerText(), /NOTE-MARKER-1/, "the notes of this slide");
    assert.doesNotMatch(await shown(page), /NOTE-MARKER/, "never on the projected slide");
    assert.match(await popup.locator("[data-presenter-next]").innerText(), /Second part/, "the next slide");
    assert.match(await popup.locator("[data-presenter-timer]").innerText(), /^\d\d:\d\d$/);
    // The projected window moves (a clicker): the presenter follows.
    await page.keyboard.press("PageDown");
    await waitSlide(popup, 4);
    await page.locator(".slides-previous").click();
    await waitSlide(popup, 3);
    // The projected window is reloaded: the presenter's window finds it again.
    await page.reload();
    await waitSlide(page, 3);
    await popup.keyboard.press("ArrowRight");
    await waitSlide(page, 4);
    await popup.close();
    await page.close();
  });

  await step("over uprkit serve, the presenter's window follows the projected one both ways", async () => {
    const page = await context.newPage();
    await page.goto(`${served}review/dialogue/index.html#present`);
    await page.waitForSelector("[data-slides]");
    const popup = await presenter(page);
    assert.match(popup.url(), /^http:.*#presenter-1$/);
    await page.keyboard.press("ArrowRight");
    await waitSlide(popup, 2);
    await popup.keyboard.press("ArrowRight");
    await waitSlide(page, 3);
    await popup.close();
    await page.close();
  });

  await step("the title slide has the brand's logo and the slides its colour, on the site and in a deck", async () => {
    const brand = "rgb(138, 28, 74)";
    const page = await context.newPage();
    for (const address of [pathToFileURL(join(site, "review/dialogue/index.html")).href + "#present", pathToFileURL(deck).href]) {
      await page.goto(address);
      await page.waitForSelector("[data-slides]");
      const first = page.locator(".slides > .slide").first();
      const logo = first.locator("img.slide-logo");
      assert.equal(await logo.count(), 1, `a logo on the first slide of ${address}`);
      assert.ok(await logo.evaluate((img) => img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 20), "the logo is shown");
      assert.equal(await page.locator(".slides img.slide-logo").count(), 1, "on the first slide only");
      await page.keyboard.press("End");
      const last = page.locator(".slides > .slide:not([hidden])");
      assert.equal(await last.locator("h2").evaluate((h) => getComputedStyle(h).color), brand, "headings in the brand's colour");
      assert.equal(await last.evaluate((el) => getComputedStyle(el).borderTopColor), brand, "a band of it on every slide");
    }
    await page.close();
  });

  await step("the presenter's window opens on most of the screen, with room for its notes", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(deck).href);
    await page.waitForSelector("[data-slides]");
    await page.evaluate(() => {
      const open = window.open;
      window.open = function (address, name, features) { window.presenterFeatures = features; return open.apply(this, arguments); };
    });
    const popup = await presenter(page);
    const features = Object.fromEntries((await page.evaluate(() => window.presenterFeatures)).split(",").map((f) => f.split("=")));
    const screen = await page.evaluate(() => ({ width: screen.availWidth, height: screen.availHeight }));
    assert.ok(Number(features.width) >= 0.8 * screen.width && Number(features.height) >= 0.8 * screen.height,
      `${JSON.stringify(features)} on a screen of ${JSON.stringify(screen)}`);
    // At that size (less the window's own bars), and at a small laptop's.
    for (const [width, height, least] of [[Number(features.width), Number(features.height) - 80, 15], [1230, 600, 10]]) {
      await popup.setViewportSize({ width, height });
      await popup.keyboard.press("ArrowRight");
      await popup.keyboard.press("ArrowRight");
      await waitSlide(popup, 3);
      const lines = await popup.locator(".presenter-notes").evaluate((notes) => notes.clientHeight / parseFloat(getComputedStyle(notes).lineHeight));
      assert.ok(lines >= least, `${lines.toFixed(1)} lines of notes at ${width}×${height}`);
      const slide = await popup.locator("[data-presenter-current] .slide").boundingBox();
      assert.ok(slide.width >= width * 0.4, `the current slide is ${slide.width} px wide at ${width}`);
      await popup.keyboard.press("Home");
    }
    await popup.close();
    await page.close();
  });

  await step("Arabic slides are right to left, and the left arrow moves on", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(site, "ar/review/dialogue/index.html")).href + "#present");
    await page.waitForSelector("[data-slides]");
    const direction = await page.locator(".slides > .slide").first().evaluate((el) => getComputedStyle(el).direction);
    assert.equal(direction, "rtl");
    assert.equal(await page.locator(".slides > .slide").count(), 3);
    await page.keyboard.press("ArrowLeft");
    await waitSlide(page, 2);
    await page.keyboard.press("ArrowRight");
    await waitSlide(page, 1);
    assert.match(await page.locator(".slides-counter").innerText(), /1/);
    await page.close();
  });

  await step("no script error on the way", async () => {
    assert.deepEqual(errors, []);
  });
} finally {
  await browser.close();
}
