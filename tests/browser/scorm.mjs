// A SCORM 1.2 package played by a real SCORM runtime, in Chromium. Run by
// tests/testsuite/scorm.rs with the unpacked package of the fixture toolkit:
//     node scorm.mjs UNPACKED_PACKAGE_DIR
// The learning platform is a page served over http beside the package
// (harness.mjs's server): it sets up scorm-again's Scorm12API as
// `window.API` (what an LMS exposes) and opens a SCO of the package in a
// frame, as Moodle does. Then the same package is opened on its own, from
// file://, with no platform.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { step, executablePath, args, serve } from "./harness.mjs";

const [packageDir] = process.argv.slice(2);

// The platform: its page (`?sco=` the SCO to open; `?record=` the learner's
// suspend_data from an earlier session), the runtime, the package.
const platform = mkdtempSync(join(tmpdir(), "uprkit-lms-"));
cpSync(packageDir, join(platform, "package"), { recursive: true });
cpSync(fileURLToPath(new URL("../../node_modules/scorm-again/dist/scorm12.js", import.meta.url)), join(platform, "runtime.js"));
writeFileSync(join(platform, "lms.html"), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<link rel="icon" href="data:,">
<script src="/runtime.js"></script>
<script>
  var params = new URLSearchParams(location.search);
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  if (params.get("record")) { window.API.cmi.suspend_data = params.get("record"); }
  window.statuses = [];
  window.API.on("LMSSetValue.cmi.core.lesson_status", function (element, value) { window.statuses.push(value); });
  window.exits = [];
  window.API.on("LMSSetValue.cmi.core.exit", function (element, value) { window.exits.push(value); });
  window.finished = 0;
  window.API.on("LMSFinish", function () { window.finished += 1; });
</script></head>
<body><script>
  var frame = document.createElement("iframe");
  frame.id = "sco";
  frame.title = "SCO";
  frame.style.cssText = "width:1000px;height:600px";
  frame.src = "/package/" + params.get("sco");
  document.body.appendChild(frame);
</script></body></html>`);
const server = await serve(platform);
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath, args });
const status = (page) => page.evaluate(() => window.API.LMSGetValue("cmi.core.lesson_status"));
async function open(url) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(error.message));
  page.on("console", (message) => { if (message.type() === "error") page.errors.push(message.text()); });
  await page.goto(url);
  return page;
}

try {
  await step("in the platform, a SCO with checklists starts incomplete and is completed when every item is ticked", async () => {
    const page = await open(`${base}/lms.html?sco=preparation.html`);
    const sco = page.frame({ url: /\/package\/preparation\.html$/ });
    await sco.waitForSelector("html[data-uprkit-ready]", { state: "attached" });
    await page.waitForFunction(() => window.API.isInitialized());
    assert.equal(await status(page), "incomplete", "begun, not done");
    const boxes = sco.locator("input.check[data-check]");
    const count = await boxes.count();
    assert.ok(count >= 2, `the phase has checklist items (${count})`);
    // All but one: still incomplete.
    for (let i = 0; i < count - 1; i++) await boxes.nth(i).check();
    await page.waitForTimeout(200);
    assert.equal(await status(page), "incomplete", "one item left");
    await boxes.nth(count - 1).check();
    await page.waitForFunction(() => window.API.LMSGetValue("cmi.core.lesson_status") === "completed");
    assert.deepEqual(await page.evaluate(() => window.statuses), ["incomplete", "completed"]);
    // Leaving the SCO ends the session with the platform.
    await page.evaluate(() => { document.getElementById("sco").src = "about:blank"; });
    await page.waitForFunction(() => window.finished === 1);
    assert.deepEqual(await page.evaluate(() => window.exits), [""], "done: a normal exit");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  await step("the ticks follow the learner to another computer through the platform's record", async () => {
    // Each page here is a new browser profile: nothing is shared but the record.
    const first = await open(`${base}/lms.html?sco=preparation.html`);
    let sco = first.frame({ url: /\/package\/preparation\.html$/ });
    await sco.waitForSelector("html[data-uprkit-ready]", { state: "attached" });
    // An item the page does not tick already (the source may tick some).
    const box = sco.locator("input.check[data-check]:not(:checked)").first();
    const key = await box.getAttribute("data-check");
    await box.check();
    await first.waitForFunction((key) => (JSON.parse(window.API.LMSGetValue("cmi.suspend_data") || "{}").ticks || {})[key] === true, key);
    const record = await first.evaluate(() => window.API.LMSGetValue("cmi.suspend_data"));
    assert.ok(record.length <= 4096);
    await first.evaluate(() => { document.getElementById("sco").src = "about:blank"; });
    await first.waitForFunction(() => window.finished === 1);
    assert.deepEqual(await first.evaluate(() => window.exits), ["suspend"], "not done: the record is kept for the next visit");
    await first.close();
    const second = await open(`${base}/lms.html?sco=preparation.html&record=${encodeURIComponent(record)}`);
    sco = second.frame({ url: /\/package\/preparation\.html$/ });
    await sco.waitForSelector("html[data-uprkit-ready]", { state: "attached" });
    await sco.waitForFunction((key) => document.querySelector(`input.check[data-check="${key}"]`).checked, key);
    const checked = await sco.locator("input.check[data-check]:checked").evaluateAll((boxes) => boxes.map((b) => b.getAttribute("data-check")));
    assert.ok(checked.includes(key), "the learner's tick is back");
    assert.equal(checked.length, await sco.locator("input.check[data-check][checked]").count() + 1, "and only that one besides the page's own");
    assert.equal(await status(second), "incomplete");
    assert.deepEqual(second.errors, []);
    await second.close();
  });

  await step("a SCO without checklists is completed once the reader reaches its end", async () => {
    const page = await open(`${base}/lms.html?sco=review.html`);
    const sco = page.frame({ url: /\/package\/review\.html$/ });
    await sco.waitForSelector("html[data-uprkit-ready]", { state: "attached" });
    await page.waitForFunction(() => window.API.isInitialized());
    assert.equal(await sco.locator("input.check[data-check]").count(), 0);
    assert.equal(await status(page), "incomplete", "not read yet");
    await sco.evaluate(() => document.querySelector("[data-scorm-end]").scrollIntoView());
    await page.waitForFunction(() => window.API.LMSGetValue("cmi.core.lesson_status") === "completed");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  await step("opened on its own from file://, the package shows its parts and no error", async () => {
    const page = await open(pathToFileURL(join(packageDir, "index.html")).href);
    const links = page.locator("main a");
    assert.ok(await links.count() >= 2, "a link per part");
    await links.first().click();
    await page.waitForSelector("html[data-uprkit-ready]", { state: "attached" });
    assert.match(page.url(), /preparation\.html$/);
    // Ticking works as in any handout, with nothing to report to.
    await page.locator("input.check[data-check]").first().check();
    await page.waitForTimeout(200);
    assert.equal(await page.locator("[data-scorm-end]").count(), 0, "no platform: nothing watched");
    assert.deepEqual(page.errors, []);
    await page.close();
  });
} finally {
  await browser.close();
  server.close();
  rmSync(platform, { recursive: true, force: true });
}
