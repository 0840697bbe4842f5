// What the audience sees of a deck, in Chromium. Run by tests/testsuite/slides.rs:
//     node slides_projected.mjs DECK_EN DECK_AR PAGE_WITH_LIST
// DECK_EN is the facilitator's deck of the fixture's workshop "morning";
// DECK_AR the same in Arabic, a language the workshop has no version in;
// PAGE_WITH_LIST a page whose long introduction ends with a sentence
// leading into a list ("… you will:").
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { step, executablePath, args } from "./harness.mjs";

const [deckEn, deckAr, pageWithList] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args });
const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const errors = [];
context.on("page", (page) => page.on("pageerror", (error) => errors.push(error.message)));

const shown = (page) => page.locator(".slides > .slide:not([hidden])");
const barOpacity = (page) => page.locator(".slides > .slides-bar").evaluate((bar) => getComputedStyle(bar).opacity);
async function waitOpacity(page, value) {
  await page.waitForFunction((value) => getComputedStyle(document.querySelector(".slides > .slides-bar")).opacity === value, value, { timeout: 6000 });
}

try {
  await step("the edition is the presenter's: not on the projected slides nor their window's title", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(deckEn).href);
    await page.waitForSelector("[data-slides]");
    assert.match(await shown(page).innerText(), /Morning/);
    assert.doesNotMatch(await page.locator(".slides").innerText(), /Facilitator edition/);
    assert.doesNotMatch(await page.title(), /Facilitator edition/);
    const [popup] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("p")]);
    await popup.waitForSelector("[data-slides].slides-presenter-view");
    assert.match(await popup.locator("[data-presenter-notes]").innerText(), /Facilitator edition/, "in the presenter's notes");
    assert.match(await popup.title(), /Facilitator edition/, "and their window's title");
    assert.doesNotMatch(await popup.locator("[data-presenter-current]").innerText(), /Facilitator edition/);
    await popup.close();
    await page.close();
  });

  await step("the controls fade when the pointer rests or the presenter drives, and come back for a move, a touch or Tab", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(deckEn).href);
    await page.waitForSelector("[data-slides]");
    assert.equal(await barOpacity(page), "1", "shown at first");
    await waitOpacity(page, "0");
    await page.mouse.move(400, 300);
    await page.mouse.move(420, 310);
    await waitOpacity(page, "1");
    await waitOpacity(page, "0");
    // Tab reaches the controls, which show while one has the focus.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.ok(await page.evaluate(() => document.activeElement.closest(".slides-bar") !== null), "a control has the focus");
    assert.equal(await page.evaluate(() => document.activeElement.className), "slides-button slides-next");
    await waitOpacity(page, "1");
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("[data-slides]", "data-slide"), "2", "and works");
    await page.evaluate(() => document.querySelector("[data-slides]").focus());
    await waitOpacity(page, "0");
    // A touch on the slide shows them.
    await page.locator(".slides > .slide:not([hidden])").dispatchEvent("pointerdown", { pointerType: "touch", clientX: 300, clientY: 300 });
    await waitOpacity(page, "1");
    // The presenter's window drives: hidden at once.
    const [popup] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("p")]);
    await popup.waitForSelector("[data-slides].slides-presenter-view");
    await page.mouse.move(600, 300);
    await waitOpacity(page, "1");
    await popup.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector("[data-slides]").classList.contains("slides-controls-hidden"), null, { timeout: 1000 });
    assert.equal(await popup.locator(".slides-bar").evaluate((bar) => getComputedStyle(bar).opacity), "1", "the presenter keeps them");
    await popup.close();
    await page.close();
  });

  await step("a workshop with no Arabic version: its words in English, marked so", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(deckAr).href);
    await page.waitForSelector("[data-slides]");
    const cover = shown(page);
    assert.equal(await cover.locator(".handout-subtitle").getAttribute("lang"), "en");
    assert.equal(await cover.locator(".slide-untranslated").innerText(), "لم تُترجم بعد");
    assert.equal(await cover.locator(".slide-untranslated").evaluate((el) => el.closest("[lang]").getAttribute("lang")), "ar");
    await page.keyboard.press("ArrowLeft");
    const session = shown(page);
    assert.equal(await session.locator("h1").innerText(), "Opening");
    assert.equal(await session.locator("h1").getAttribute("lang"), "en");
    assert.equal(await session.locator("h1").evaluate((h) => getComputedStyle(h).direction), "ltr");
    assert.equal(await session.locator(".slide-untranslated").innerText(), "لم تُترجم بعد");
    await page.keyboard.press("ArrowLeft");
    const activity = shown(page);
    assert.equal(await activity.locator("h2").getAttribute("lang"), "en");
    assert.equal(await activity.locator("ul").getAttribute("lang"), "en", "its materials too");
    await page.close();
  });

  await step("a sentence ending with a colon stays with its list", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(pageWithList).href + "#present");
    await page.waitForSelector("[data-slides]");
    const texts = await page.locator(".slides > .slide").allInnerTexts();
    const withList = texts.find((text) => text.includes("LIST-ITEM-1"));
    assert.ok(withList, texts.join("\n---\n"));
    assert.match(withList, /In this phase you will:/, "the lead-in is on the list's slide");
    assert.ok(!texts.some((text) => text.includes("you will:") && !text.includes("LIST-ITEM-1")), "and nowhere else");
    await page.close();
  });

  await step("no script error on the way", async () => {
    assert.deepEqual(errors, []);
  });
} finally {
  await browser.close();
}
