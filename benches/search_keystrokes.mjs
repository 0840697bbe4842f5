// What each keystroke of a search costs in Chromium, at full speed and with
// the CPU slowed four times (DevTools' CPU throttling, about a cheap phone):
// run by benches/search.sh with the path of a built site (the peer kit's
// corpus, 1,000 pages a language). For each language and rate, RUNS fresh
// pages from file://; in each, the index is loaded by focusing the box, then
// each query is typed a letter at a time. A keystroke is measured from the
// letter put in the box to the results laid out: the input event, then the
// form's submit, which runs the search the pause after typing would have run
// (the same work, without waiting for the pause). Prints each run's worst
// and median keystroke, then the medians over the runs.
//
//   node benches/search_keystrokes.mjs PUBLIC [RUNS=5]
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args } from "../tests/browser/harness.mjs";

const site = process.argv[2];
const runs = Number(process.argv[3] || 5);
// What readers type: two words each, one with the article (Arabic) and one
// with a mistake (the guide never has it, so the near words are looked for).
const queries = {
  en: ["quality threshold", "milestome"],
  ar: ["المراجعة التقرير", "بالمراجعة", "مراجعت"],
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => x.toFixed(1).padStart(6);

const browser = await chromium.launch({ executablePath, args, headless: true });
const summary = [];
try {
  for (const lang of Object.keys(queries)) {
    for (const rate of [1, 4]) {
      const worst = [], medians = [], loads = [];
      let slowest = { took: 0, typed: "" };
      for (let run = 0; run < runs; run++) {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        const cdp = await page.context().newCDPSession(page);
        await page.goto("file://" + join(site, lang === "en" ? "index.html" : `${lang}/index.html`));
        await cdp.send("Emulation.setCPUThrottlingRate", { rate });
        // The first use loads and prepares the index.
        loads.push(await page.evaluate(() => new Promise((done) => {
          const t0 = performance.now();
          document.querySelector("#search-input").focus();
          const wait = () => (window.UPRKIT_SEARCH ? setTimeout(() => done(performance.now() - t0), 0) : setTimeout(wait, 5));
          wait();
        })));
        const keys = [];
        for (const query of queries[lang]) {
          for (let i = 1; i <= query.length; i++) {
            const typed = query.slice(0, i);
            const took = await page.evaluate((typed) => {
              const input = document.querySelector("#search-input");
              const form = input.form;
              const t0 = performance.now();
              input.value = typed;
              input.dispatchEvent(new Event("input", { bubbles: true }));
              form.dispatchEvent(new Event("submit", { cancelable: true }));
              document.body.getBoundingClientRect();
              return performance.now() - t0;
            }, typed);
            keys.push({ typed, took });
            // The reader's pause between letters: the browser paints.
            await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
          }
          await page.evaluate(() => { const input = document.querySelector("#search-input"); input.value = ""; input.dispatchEvent(new Event("input", { bubbles: true })); });
        }
        if (process.env.VERBOSE) { console.log(keys.map((k) => `${k.typed.slice(-3)}:${k.took.toFixed(0)}`).join(" ")); }
        const max = keys.reduce((a, b) => (b.took > a.took ? b : a));
        worst.push(max.took);
        medians.push(median(keys.map((k) => k.took)));
        if (max.took > slowest.took) { slowest = max; }
        console.log(`${lang} ${rate}x run ${run + 1}: load ${ms(loads.at(-1))} ms, keystrokes ${keys.length}, median ${ms(medians.at(-1))} ms, worst ${ms(max.took)} ms ("${max.typed}")`);
        await page.close();
      }
      summary.push(`| ${lang} | ${rate}× | ${median(loads).toFixed(0)} | ${median(medians).toFixed(1)} | ${median(worst).toFixed(1)} | ${slowest.took.toFixed(1)} ("${slowest.typed}") |`);
    }
  }
} finally {
  await browser.close();
}
console.log(`\nMedians of ${runs} runs (ms):\n`);
console.log("| language | CPU | index loaded and prepared | keystroke, median | worst keystroke, median of runs | worst of all runs |");
console.log("| --- | --- | --- | --- | --- | --- |");
summary.forEach((line) => console.log(line));
