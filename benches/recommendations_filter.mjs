// Time to filter the recommendations matrix in Chromium: run by
// benches/recommendations.sh with the path of a built site. Opens the
// matrix from file://, then applies filters as a reader would (the data
// script loaded on first use, then a word typed a letter at a time, then a
// choice of theme and of response), each measured from the change to the
// table laid out again. Prints one line per measure and the medians.
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args } from "../tests/browser/harness.mjs";

const site = process.argv[2];
const browser = await chromium.launch({ executablePath, args, headless: true });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto("file://" + join(site, "recommendations/index.html"));
await page.waitForSelector("[data-rec-ready]", { state: "attached" });
// From the navigation's start: the load event, and the matrix ready to
// filter (a large matrix's first rows made from its data script).
const opened = await page.evaluate(() => new Promise((done) => {
  const nav = performance.getEntriesByType("navigation")[0];
  const ready = performance.now();
  done({ load: nav.loadEventEnd - nav.startTime, ready, nodes: document.getElementsByTagName("*").length });
}));
const rows = await page.locator("tr[data-id]").count();

// The first filter loads the data script, as search loads its index.
const first = await page.evaluate(() => new Promise((done) => {
  const t0 = performance.now();
  const select = document.querySelector("#rec-response");
  // A large matrix says "10000 of 10000" once open: wait for the change.
  const before = document.querySelector("[data-rec-count]").textContent;
  select.value = "noted";
  select.dispatchEvent(new Event("input", { bubbles: true }));
  const said = () => document.querySelector("[data-rec-count]").textContent;
  const wait = () => (said().includes(" of ") && said() !== before
    ? (document.body.getBoundingClientRect(), done(performance.now() - t0)) : setTimeout(wait, 1));
  wait();
}));

// Each keystroke: the value, then the same work the form's handler does at
// the end of the pause it waits for while the reader types.
async function measure(apply) {
  return page.evaluate(apply);
}
const word = "education";
const keys = [];
await page.selectOption("#rec-response", "");
for (let i = 1; i <= word.length; i++) {
  keys.push(await measure(`(() => {
    const form = document.querySelector("[data-rec-filters]");
    const t0 = performance.now();
    form.elements.q.value = ${JSON.stringify(word.slice(0, i))};
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    document.body.getBoundingClientRect();
    return performance.now() - t0;
  })()`));
}
const choices = [];
for (const [name, value] of [["theme", "theme-a1"], ["response", "noted"], ["theme", ""], ["response", ""], ["sort", "state"], ["sort", ""]]) {
  choices.push(await measure(`(() => {
    const form = document.querySelector("[data-rec-filters]");
    const select = form.elements[${JSON.stringify(name)}];
    if (!select) { return NaN; }
    const t0 = performance.now();
    select.value = ${JSON.stringify(value)};
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    document.body.getBoundingClientRect();
    return performance.now() - t0;
  })()`));
}
const median = (values) => { const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
console.log(`load event: ${opened.load.toFixed(0)} ms; ready to filter (data-rec-ready seen): ${opened.ready.toFixed(0)} ms; ${opened.nodes} elements`);
console.log(`rows in the table: ${rows}`);
console.log(`first filter (loads the data script, unless a large matrix loaded it to open): ${first.toFixed(1)} ms`);
console.log(`keystrokes "${word}": ${keys.map((k) => k.toFixed(1)).join(", ")} ms; median ${median(keys).toFixed(1)}, max ${Math.max(...keys).toFixed(1)}`);
console.log(`theme, response, order: ${choices.map((k) => k.toFixed(1)).join(", ")} ms; median ${median(choices).toFixed(1)}`);
await browser.close();
