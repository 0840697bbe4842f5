// Accessibility (axe-core) and page weight in real Chromium, from file://.
// Run by tests/testsuite/quality.rs with the path of a built copy of the bundled
// toolkit. Prints one line per check; fails on any serious or critical
// violation, on a page heavier than 30 KB compressed, or on a request to
// another host.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { executablePath, args } from "./harness.mjs";

const site = process.argv[2];
const axe = join(fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url)));
const url = (rel) => "file://" + join(site, rel);

const pages = {
  home: "index.html",
  section: "preparation/index.html",
  "page with checklist": "preparation/stakeholder-report/index.html",
  glossary: "glossary/index.html",
  checklists: "checklists/index.html",
  "key dates": "key-dates/index.html",
  audience: "audience/nhri/index.html",
  recommendations: "recommendations/index.html#response=noted",
  "recommendations theme": "recommendations/womens-rights/index.html",
  "page with embed": "follow-up/recommendations/index.html",
  handout: "handouts/en/guide.html",
  "workshop agenda": "workshops/half-day/index.html",
  slides: "preparation/smart-recommendations/index.html#present-3",
  "presenter view": "preparation/smart-recommendations/index.html#presenter-3",
  // Written by tests/testsuite/quality.rs with `uprkit handout --facilitator`.
  "facilitator handout": "handouts/en/facilitator-edition.html",
};

let failed = false;
const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  // Light and dark (prefers-color-scheme), in English and Arabic.
  for (const [scheme, lang] of [["light", "en"], ["light", "ar"], ["dark", "en"], ["dark", "ar"]]) {
    for (const [kind, rel] of Object.entries(pages)) {
      const path = lang === "en" ? rel : rel.startsWith("handouts/") ? rel.replace("/en/", "/ar/") : `ar/${rel}`;
      const page = await browser.newPage({ colorScheme: scheme });
      await page.goto(url(path));
      if (kind === "home") {
        // Search results are part of the page once a query is typed.
        await page.locator("#search-input").fill(lang === "en" ? "report" : "تقرير");
        await page.locator("#search-results li").first().waitFor();
      }
      if (kind === "slides" || kind === "presenter view") await page.waitForSelector("[data-slides]");
      if (kind === "recommendations") {
        // Filtered, with the filters and tools the script shows.
        await page.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.includes("14"));
      }
      await page.addScriptTag({ path: axe });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      if (bad.length) {
        failed = true;
        console.log(`not ok - axe ${scheme} ${lang} ${kind} (${path})`);
        for (const v of bad) {
          console.log(`  ${v.impact}: ${v.id}: ${v.help}`);
          for (const node of v.nodes.slice(0, 3)) console.log(`    ${node.target.join(" ")}: ${node.failureSummary.split("\n").slice(1).join(" ")}`);
        }
      } else {
        console.log(`ok - axe ${scheme} ${lang} ${kind}`);
      }
      await page.close();
    }
  }

  // Keyboard: Tab reaches every control of a page with a checklist, in
  // order, and each shows where the focus is.
  for (const lang of ["en", "ar"]) {
    const page = await browser.newPage();
    await page.goto(url(lang === "en" ? pages["page with checklist"] : `ar/${pages["page with checklist"]}`));
    const controls = await page.evaluate(() => Array.from(document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]"))
      .filter((el) => el.tabIndex >= 0 && !el.closest("[hidden]") && el.getClientRects().length > 0).length);
    const reached = new Set();
    let unfocused = [];
    for (let i = 0; i < controls + 5; i++) {
      await page.keyboard.press("Tab");
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const visible = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
        const path = [];
        for (let node = el; node && node !== document.body; node = node.parentElement) {
          path.unshift(node.tagName + ":" + Array.prototype.indexOf.call(node.parentElement.children, node));
        }
        return { key: path.join("/"), visible, name: el.tagName + " " + (el.textContent || el.id || "").trim().slice(0, 30) };
      });
      if (!info) continue;
      reached.add(info.key);
      if (!info.visible) unfocused.push(info.name);
    }
    if (reached.size < controls) { failed = true; console.log(`not ok - keyboard ${lang}: Tab reached ${reached.size} of ${controls} controls`); }
    else console.log(`ok - keyboard ${lang}: Tab reaches all ${controls} controls`);
    if (unfocused.length) { failed = true; console.log(`not ok - focus not visible ${lang}: ${[...new Set(unfocused)].slice(0, 5).join(", ")}`); }
    else console.log(`ok - focus visible ${lang}`);
    await page.close();
  }

  // Page weight: everything a typical page loads, compressed, and no other host.
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(url("preparation/stakeholder-report/index.html"));
  await page.waitForLoadState("load");
  const foreign = requests.filter((r) => !r.startsWith("file://"));
  const bytes = requests.filter((r) => r.startsWith("file://")).map((r) => gzipSync(readFileSync(fileURLToPath(r)), { level: 9 }).length);
  const total = bytes.reduce((a, b) => a + b, 0);
  console.log(`# ${requests.length} requests, ${total} bytes compressed`);
  if (foreign.length) { failed = true; console.log(`not ok - requests to other hosts: ${foreign.join(", ")}`); }
  else console.log("ok - no request to another host");
  if (total >= 30 * 1024) { failed = true; console.log(`not ok - page weight ${total} bytes`); }
  else console.log(`ok - page weight ${total} bytes`);
} finally {
  await browser.close();
}
assert.ok(!failed, "quality checks failed");
