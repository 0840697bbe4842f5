// Search in real Chromium from file:// URLs: run by tests/testsuite/search.rs with the
// path of a built copy of the bundled toolkit. Each step asserts.
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const site = process.argv[2];
const url = (rel) => "file://" + join(site, rel);

// Types `text` and waits for its results: the search runs once typing
// pauses, and the list is busy until then.
async function query(page, text) {
  const input = page.locator("#search-input");
  await input.fill(text);
  await page.waitForFunction(() => {
    const list = document.querySelector("#search-results");
    return !list.hidden && !list.hasAttribute("aria-busy");
  });
  return page.locator("#search-results li[role=option]");
}
// How many pages a query finds (the live region says it).
async function total(page, text) {
  await query(page, text);
  return Number(await page.locator(".search-status").textContent()) || 0;
}

const browser = await chromium.launch({ executablePath, args, headless: true });
const page = await browser.newPage();
try {
  await step("English: results show title, phase, heading and a snippet", async () => {
    await page.goto(url("index.html"));
    const results = await query(page, "webcast");
    assert.ok(await results.count() >= 1);
    const first = results.first();
    assert.match(await first.locator(".result-title").textContent(), /interactive dialogue/i);
    assert.match(await first.locator(".result-meta").textContent(), /^Review › /);
    assert.match(await first.locator("mark").first().textContent(), /^webcast$/i);
  });
  await step("a result opened with the keyboard lands on its heading", async () => {
    await page.goto(url("index.html"));
    await page.locator("#search-input").focus();
    await query(page, "webcast");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await page.waitForURL(/review\/interactive-dialogue\/index\.html#webcast$/);
    assert.equal(await page.locator("#webcast").count(), 1);
  });
  await step("English: capitals in the query or the text do not matter", async () => {
    await page.goto(url("index.html"));
    const results = await query(page, "WEBCAST");
    assert.ok(await results.count() >= 1);
    assert.match(await results.first().locator("mark").first().textContent(), /^webcast$/i);
  });
  await step("French: accents do not matter", async () => {
    await page.goto(url("fr/index.html"));
    const results = await query(page, "preparation consultation");
    assert.ok(await results.count() >= 1);
    assert.match(await results.first().textContent(), /[Pp]réparation|consultation/);
  });
  await step("Arabic: a query without diacritics finds text with them", async () => {
    await page.goto(url("ar/index.html"));
    const results = await query(page, "مبكرا");
    assert.ok(await results.count() >= 1, "found");
    assert.equal(await results.first().locator("mark").textContent(), "مبكراً");
  });
  await step("Arabic: alef forms and tatweel do not matter", async () => {
    await page.goto(url("ar/index.html"));
    // Plain alef for أ, a tatweel inside the word, then alef wasla for ا.
    for (const typed of ["الاسئلة", "الأسـئلة", "ٱلأسئلة"]) {
      const results = await query(page, typed);
      assert.ok(await results.count() >= 1, typed);
      // The article is stripped: the word is found with or without it.
      assert.ok(["الأسئلة", "أسئلة"].includes(await results.first().locator("mark").first().textContent()), typed);
    }
    // A word too short for a mistake to be forgiven: found because the
    // alef wasla itself is folded, with the same results as "إطار".
    const hrefs = async (typed) => (await query(page, typed)).evaluateAll((items) => items.map((item) => item.getAttribute("data-href")));
    const plain = await hrefs("إطار");
    assert.ok(plain.length >= 1, "إطار");
    assert.deepEqual(await hrefs("ٱطار"), plain, "ٱطار");
  });
  await step("Arabic: a word typed with the article or a joined preposition finds what the bare word finds", async () => {
    await page.goto(url("ar/index.html"));
    // The words: with the article they found nothing, or a few.
    for (const [typed, bare] of [["المراجعة", "مراجعة"], ["التوصية", "توصية"], ["بالاستعراض", "الاستعراض"], ["للتوصيات", "توصيات"]]) {
      const found = await total(page, bare);
      assert.ok(found >= 2, `${bare}: ${found}`);
      const shown = await (await query(page, bare)).evaluateAll((items) => items.map((item) => item.getAttribute("data-href")));
      assert.ok(await total(page, typed) >= found, `${typed} finds at least the ${found} pages of ${bare}`);
      const withArticle = await (await query(page, typed)).evaluateAll((items) => items.map((item) => item.getAttribute("data-href")));
      assert.deepEqual(withArticle.filter((href) => shown.includes(href)).length, shown.length, typed);
    }
    // The word is marked whole, with its own article or preposition.
    const results = await query(page, "بالاستعراض");
    const marked = await results.first().locator("mark").first().textContent();
    assert.match(await page.evaluate((text) => uprkit.fold(text), marked), /^(ال|بال|وال|لل|فال|كال|و|ف|ب|ل)?استعراض$/, marked);
  });
  await step("typing fast searches once, after the pause", async () => {
    await page.goto(url("index.html"));
    await page.locator("#search-input").focus();
    await page.waitForFunction(() => window.UPRKIT_SEARCH);
    await page.evaluate(() => {
      window.searches = 0;
      new MutationObserver(() => { window.searches++; }).observe(document.querySelector("#search-results"), { childList: true });
    });
    await page.keyboard.type("consultation", { delay: 15 });
    await page.waitForFunction(() => !document.querySelector("#search-results").hasAttribute("aria-busy"));
    const results = page.locator("#search-results li[role=option]");
    assert.ok(await results.count() >= 1);
    assert.match(await results.first().locator("mark").first().textContent(), /^consultation$/i);
    const searches = await page.evaluate(() => window.searches);
    assert.ok(searches <= 2, `${searches} searches for 12 letters`);
  });
  await step("Chinese: two characters inside a longer run", async () => {
    await page.goto(url("zh/index.html"));
    const results = await query(page, "磋商");
    assert.ok(await results.count() >= 1);
    assert.equal(await results.first().locator("mark").textContent(), "磋商");
  });
  await step("no results says so", async () => {
    await page.goto(url("index.html"));
    await page.locator("#search-input").fill("zzzzqqq");
    await page.locator("#search-results .result-none").waitFor();
  });
  await step("one mistake in a long word still finds it", async () => {
    await page.goto(url("index.html"));
    const results = await query(page, "recomendations");
    assert.ok(await results.count() >= 3, "found");
    assert.match(await results.first().locator("mark").first().textContent(), /^recommendations$/i);
  });
  await step("results are grouped by page, snippets cut between words", async () => {
    await page.goto(url("index.html"));
    const results = await query(page, "report");
    const pages = (await results.evaluateAll((items) => items.map((item) => item.getAttribute("data-href"))))
      .filter(Boolean).map((href) => href.split("#")[0]);
    assert.equal(new Set(pages).size, pages.length, `each page once: ${pages}`);
    const whole = await page.evaluate(() => {
      const texts = window.UPRKIT_SEARCH.sections.map((section) => section.x);
      return [...document.querySelectorAll("#search-results .result-snippet")].every((snippet) => {
        const shown = snippet.textContent.replace(/^… /, "").replace(/ …$/, "");
        return texts.some((text) => {
          const at = text.indexOf(shown);
          return at !== -1 && (at === 0 || text[at - 1] === " ") && (at + shown.length === text.length || text[at + shown.length] === " ");
        });
      });
    });
    assert.ok(whole, "every snippet starts and ends with a whole word");
  });
  await step("Enter lists every result", async () => {
    await page.goto(url("index.html"));
    await page.locator("#search-input").focus();
    const results = await query(page, "the");
    assert.equal(await results.count(), 9, "eight pages and “All … results”");
    const all = await page.locator("#search-results [data-all]").textContent();
    const total = Number(all.replace(/\D/g, ""));
    assert.ok(total > 8, all);
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll("#search-results li[role=option]").length === n, total);
    assert.equal(await page.locator("#search-results [data-all]").count(), 0);
  });
} finally {
  await browser.close();
}
