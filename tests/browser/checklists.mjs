// Checklists in real Chromium: run by tests/testsuite/checklists.rs with the path of a
// built copy of tests/fixtures/basic. Each step asserts; any failure exits
// non-zero with the step's name.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step, serve } from "./harness.mjs";

const site = process.argv[2];
assert.ok(site, "usage: checklists.mjs PUBLIC_DIR");
const fileUrl = (rel) => "file://" + join(site, rel);
const report = "preparation/report/index.html";

const checked = (page, id) => page.locator(`#${id}`).isChecked();

// Ticks come from the guide's store a moment after the page loads, and go
// to it a moment after a click: wait for both, as a reader's next click would.
const ready = (page) => page.waitForSelector("html[data-uprkit-ready]:not([data-uprkit-saving])", { state: "attached" });
const saved = (page) => page.waitForSelector("html:not([data-uprkit-saving])", { state: "attached" });
async function reload(page) { await saved(page); await page.reload(); await ready(page); }

async function withPage(context, url, fn) {
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  try { await fn(page); await saved(page); } finally { await page.close(); }
}

const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  for (const [scheme, base] of [["file://", null], ["http://", await serve(site)]]) {
    const url = (rel) => base ? `http://127.0.0.1:${base.address().port}/${rel}` : fileUrl(rel);
    const context = await browser.newContext();
    await step(`${scheme}: ticking persists across a reload`, async () => {
      await withPage(context, url(report), async (page) => {
        assert.equal(await checked(page, "check-agree"), false);
        assert.equal(await checked(page, "check-item-2"), true, "[x] in the source is the initial state");
        await page.locator("label[for=check-agree]").click();
        await reload(page);
        assert.equal(await checked(page, "check-agree"), true);
        assert.equal(await page.locator("[data-page-progress]").textContent(), "2 of 3 done");
        assert.equal(await page.locator(".checklist-progress").first().textContent(), "2 of 3 done");
        const counter = page.locator("[data-phase-progress=preparation]").first();
        // Shown with what it counts, in the reader's language.
        assert.equal(await counter.locator("[aria-hidden]").textContent(), "2/3 ticked");
        // What it counts, said to screen readers and shown as a tooltip.
        assert.equal(await counter.locator(".visually-hidden").textContent(), "2 of 3 checklist items done in this phase");
        assert.equal(await counter.getAttribute("title"), "2 of 3 checklist items done in this phase");
      });
    });
    await step(`${scheme}: progress follows the reader into another language`, async () => {
      await withPage(context, url(report), async (page) => {
        await page.locator(".languages a[hreflang=fr]").click();
        await page.waitForURL(/\/fr\/preparation\/report\/index\.html$/);
        await ready(page);
        assert.equal(await checked(page, "check-agree"), true);
        assert.equal(await page.locator("[data-page-progress]").textContent(), "2 sur 3 fait(s)");
      });
    });
    await step(`${scheme}: the checklists page shares the ticks`, async () => {
      await withPage(context, url("checklists/index.html"), async (page) => {
        const box = page.locator('input[data-check="preparation/report#item-3"]');
        assert.equal(await page.locator('input[data-check="preparation/report#agree"]').isChecked(), true);
        await box.check();
      });
      await withPage(context, url(report), async (page) => {
        assert.equal(await checked(page, "check-item-3"), true);
      });
    });
    await step(`${scheme}: reset unticks the list and stays reset`, async () => {
      await withPage(context, url(report), async (page) => {
        await page.locator(".checklist-tools button").first().click();
        assert.equal(await checked(page, "check-agree"), false);
        assert.equal(await checked(page, "check-item-2"), true, "back to the source's initial state");
        await reload(page);
        assert.equal(await checked(page, "check-agree"), false);
        assert.equal(await checked(page, "check-item-3"), false);
      });
    });
    await step(`${scheme}: unticking a list can be undone`, async () => {
      await withPage(context, url(report), async (page) => {
        await page.locator("#check-agree").check();
        await page.locator("#check-item-3").check();
        await page.locator("#check-item-2").uncheck();
        await saved(page);
        await page.locator(".checklist-tools button").first().click();
        assert.equal(await checked(page, "check-agree"), false);
        assert.equal(await checked(page, "check-item-2"), true);
        assert.match(await page.locator(".checklist-notice").textContent(), /unticked/);
        await page.locator("[data-undo]").click();
        assert.deepEqual([await checked(page, "check-agree"), await checked(page, "check-item-2"), await checked(page, "check-item-3")],
          [true, false, true], "each item as it was, the source's ticked one included");
        assert.equal(await page.locator("[data-undo]").isVisible(), false);
        await reload(page);
        assert.equal(await checked(page, "check-item-3"), true, "the undo is kept");
        await page.locator(".checklist-tools button").first().click();
      });
    });
    await step(`${scheme}: keyboard alone ticks an item`, async () => {
      await withPage(context, url(report), async (page) => {
        for (let i = 0; i < 80; i++) {
          await page.keyboard.press("Tab");
          if (await page.evaluate(() => document.activeElement && document.activeElement.id) === "check-item-3") break;
        }
        assert.equal(await page.evaluate(() => document.activeElement.id), "check-item-3", "reachable with Tab");
        await page.keyboard.press("Space");
        assert.equal(await checked(page, "check-item-3"), true);
        await reload(page);
        assert.equal(await checked(page, "check-item-3"), true);
      });
    });
    await context.close();
    if (base) base.close();
  }

  // The guide's store answers its own page only: not another window (a
  // pop-up of the page, which could reach the page's frames), not a page of
  // another origin that loads it in a frame of its own.
  const get = { uprkit: "store", id: 7, op: "get", site: "fixture-toolkit", names: ["ticks"] };
  // What `target` (the store's frame, found by `find`) sends to this window
  // within a second and a half of `request`.
  const replies = (page, find, request = get) => page.evaluate(async ([find, request]) => {
    const target = new Function(`return ${find}`)();
    const got = [];
    window.addEventListener("message", (event) => { if (event.source === target) got.push(event.data); });
    target.postMessage(request, "*");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return got;
  }, [find, request]);
  // A frame of `src` in this page, once loaded, and what it sent meanwhile.
  const probe = (page, src) => page.evaluate((src) => new Promise((resolve) => {
    const frame = document.createElement("iframe"), got = [];
    window.addEventListener("message", (event) => { if (event.source === frame.contentWindow) got.push(event.data); });
    frame.id = "probe";
    frame.onload = () => setTimeout(() => resolve(got), 500);
    frame.src = src;
    document.body.appendChild(frame);
  }), src);
  const own = "document.querySelector('iframe[title=uprkit]').contentWindow";
  const openersStore = "opener.frames[opener.frames.length - 1]";
  const answered = (got) => got.some((reply) => reply && reply.uprkit === "store" && reply.id === 7 && reply.ok);
  const servers = [await serve(site), await serve(site)];
  try {
    for (const [scheme, url] of [["file://", fileUrl], ["http://", (rel) => `http://127.0.0.1:${servers[0].address().port}/${rel}`]]) {
      await step(`${scheme}: the store answers its own page, not another window of the same guide`, async () => {
        const context = await browser.newContext();
        await withPage(context, url("checklists/index.html"), async (page) => {
          assert.ok(answered(await replies(page, own)), "the page's own store answers it");
          const [popup] = await Promise.all([page.waitForEvent("popup"), page.evaluate((href) => { window.open(href); }, url("index.html"))]);
          await ready(popup);
          assert.equal(await popup.evaluate((find) => !!new Function(`return ${find}`)(), openersStore), true, "the pop-up reaches the store's frame");
          assert.deepEqual(await replies(popup, openersStore), [], "no answer to another window");
          await popup.close();
        });
        await context.close();
      });
    }
    await step("http://: the store says nothing to a page of another origin that loads it in a frame", async () => {
      const context = await browser.newContext();
      const [home, away] = servers.map((server) => `http://127.0.0.1:${server.address().port}/`);
      await withPage(context, home + "index.html", async (page) => {
        const said = await probe(page, home + "_uprkit/store.html");
        assert.ok(said.some((message) => message.event === "ready"), "in a page of its own site, it says it is ready");
        assert.ok(answered(await replies(page, "document.getElementById('probe').contentWindow")), "and answers");
      });
      await withPage(context, away + "index.html", async (page) => {
        assert.deepEqual(await probe(page, home + "_uprkit/store.html"), [], "nothing, not even that it is ready");
        assert.deepEqual(await replies(page, "document.getElementById('probe').contentWindow"), [], "no answer");
        // Nor does it do what such a page asks, unanswered.
        const tick = { uprkit: "store", id: 8, op: "merge", site: "fixture-toolkit", name: "ticks", entries: { "preparation/report#agree": true } };
        assert.deepEqual(await replies(page, "document.getElementById('probe').contentWindow", tick), []);
      });
      await withPage(context, home + "preparation/report/index.html", async (page) => {
        assert.equal(await checked(page, "check-agree"), false, "another origin's tick was not kept");
      });
      await context.close();
    });
  } finally {
    servers.forEach((server) => server.close());
  }
} finally {
  await browser.close();
}

// Across browser restarts: remembered by default, forgotten in session-only mode.
const profile = mkdtempSync(join(tmpdir(), "uprkit-profile-"));
const launch = () => chromium.launchPersistentContext(profile, { executablePath, args, headless: true, acceptDownloads: true });
const browser2 = () => chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "uprkit-other-")), { executablePath, args, headless: true });
await step("ticks survive closing the browser", async () => {
  let context = await launch();
  await withPage(context, fileUrl(report), async (page) => { await page.locator("#check-agree").check(); });
  await context.close();
  context = await launch();
  await withPage(context, fileUrl(report), async (page) => { assert.equal(await checked(page, "check-agree"), true); });
  await context.close();
});
// WebKit from a file (its user agent, as Safari on an iPhone sends it)
// forgets ticks when it closes: the page says so above the first
// checklist, where the reader ticks, in English and in Arabic.
await step("the notice that ticks are forgotten stands above the first checklist", async () => {
  const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
  const webkit = await chromium.launch({ executablePath, args, headless: true });
  try {
    const pages = await webkit.newContext({ userAgent: iphone });
    for (const [rel, words] of [[report, "forgets ticks"], ["ar/" + report, "ينسى"], ["checklists/index.html", "forgets ticks"]]) {
      await withPage(pages, fileUrl(rel), async (page) => {
        const notice = page.locator("[data-storage-session]");
        assert.ok(await notice.isVisible(), `${rel}: the notice shows`);
        assert.ok((await notice.textContent()).includes(words), await notice.textContent());
        assert.ok(await notice.evaluate((el) => el.nextElementSibling === document.querySelector("main .checklist")), `${rel}: above the first checklist`);
      });
    }
    const chromiumPages = await webkit.newContext();
    await withPage(chromiumPages, fileUrl(report), async (page) => {
      assert.equal(await page.locator("[data-storage-session]").isVisible(), false, "no notice where ticks are kept");
    });
  } finally {
    await webkit.close();
  }
});
await step("on a shared device, session-only mode forgets when the browser closes", async () => {
  let context = await launch();
  await withPage(context, fileUrl(report), async (page) => {
    const toggle = page.locator("[data-session-only]");
    assert.equal(await toggle.isVisible(), true, "the switch is visible");
    await toggle.check();
    await page.locator("#check-item-3").check();
    await reload(page);
    assert.equal(await checked(page, "check-item-3"), true, "kept while the browser is open");
  });
  await context.close();
  context = await launch();
  await withPage(context, fileUrl(report), async (page) => {
    assert.equal(await page.locator("[data-session-only]").isChecked(), true, "the choice is kept");
    assert.equal(await checked(page, "check-item-3"), false, "the tick is forgotten");
    assert.equal(await checked(page, "check-agree"), false, "earlier ticks were removed from the device too");
  });
  await context.close();
});

await step("progress can be saved to a file and loaded on another device", async () => {
  let context = await launch();
  let saved;
  await withPage(context, fileUrl("checklists/index.html"), async (page) => {
    await page.locator("[data-session-only]").uncheck();
    await page.locator('input[data-check="preparation/report#item-3"]').check();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-export]").click()]);
    saved = join(profile, "progress.json");
    await download.saveAs(saved);
    const data = JSON.parse(readFileSync(saved, "utf8"));
    assert.equal(data.checks["preparation/report#item-3"], true);
  });
  await context.close();
  const other = await browser2();
  await withPage(other, fileUrl(report), async (page) => {
    assert.equal(await checked(page, "check-item-3"), false, "a new device starts empty");
  });
  await withPage(other, fileUrl("checklists/index.html"), async (page) => {
    await page.locator("[data-import]").setInputFiles(saved);
    await page.waitForFunction(() => document.querySelector('input[data-check="preparation/report#item-3"]').checked);
  });
  await withPage(other, fileUrl(report), async (page) => {
    assert.equal(await checked(page, "check-item-3"), true, "loaded from the file");
  });
  await other.close();
});

await step("a progress file that is too large or not one is refused, and the page says so", async () => {
  const context = await browser2();
  await withPage(context, fileUrl("checklists/index.html"), async (page) => {
    const status = page.locator("[data-import-status]");
    assert.equal(await status.isVisible(), false);
    const big = join(profile, "big.json");
    const checks = {};
    for (let i = 0; i < 60000; i++) checks[`somewhere/else#item-${i}-${"x".repeat(20)}`] = true;
    writeFileSync(big, JSON.stringify({ uprkit: "x", checks }));
    await page.locator("[data-import]").setInputFiles(big);
    await page.waitForFunction(() => !document.querySelector("[data-import-status]").hidden);
    assert.match(await status.textContent(), /too large to be a progress file \(\d+\.\d MB\)/);
    const notProgress = join(profile, "notes.json");
    writeFileSync(notProgress, "[1, 2, 3]");
    await page.locator("[data-import]").setInputFiles(notProgress);
    await page.waitForFunction(() => /not a progress file/.test(document.querySelector("[data-import-status]").textContent));
    // Another guide's file: refused whole, and said so.
    const other = join(profile, "other-guide.json");
    writeFileSync(other, JSON.stringify({ uprkit: "another-guide", checks: { "preparation/report#agree": true } }));
    await page.locator("[data-import]").setInputFiles(other);
    await page.waitForFunction(() => /another guide/.test(document.querySelector("[data-import-status]").textContent));
    assert.equal(await status.textContent(), "This progress file was saved from another guide: nothing was loaded.");
    assert.equal(await page.locator('input[data-check="preparation/report#agree"]').isChecked(), false);
    // This guide's file: only its items, only true or false; no name of an
    // object's own (constructor, toString, __proto__) passes for an item.
    const stranger = join(profile, "stranger.json");
    writeFileSync(stranger, `{"uprkit": "fixture-toolkit", "checks": {"preparation/report#agree": true, "not/in-this-guide#x": true,
      "constructor": true, "toString": true, "__proto__": true, "preparation/report#item-3": "yes"}}`);
    await page.locator("[data-import]").setInputFiles(stranger);
    await page.waitForFunction(() => /loaded from the file/.test(document.querySelector("[data-import-status]").textContent));
    const stored = await page.evaluate(() => JSON.stringify(Object.assign({}, localStorage)));
    assert.ok(stored.includes("preparation/report#agree") && !stored.includes("not/in-this-guide"), stored);
    assert.ok(!/constructor|toString|__proto__|item-3/.test(stored), stored);
  });
  await context.close();
});

await step("a handout's checklists remember, apart from the site's", async () => {
  const context = await browser2();
  await withPage(context, fileUrl("handouts/en/guide.html"), async (page) => {
    const box = page.locator("#p-preparation--report--check-item-3");
    assert.equal(await box.isChecked(), false);
    await box.check();
    await reload(page);
    assert.equal(await page.locator("#p-preparation--report--check-item-3").isChecked(), true);
  });
  await withPage(context, fileUrl(report), async (page) => {
    assert.equal(await checked(page, "check-item-3"), false, "the site keeps its own ticks");
  });
  await context.close();
});

await step("a reader's own review date gives the timeline, and is remembered", async () => {
  const context = await launch();
  await withPage(context, fileUrl("key-dates/index.html"), async (page) => {
    await page.locator("[data-review-date-input]").fill("2028-01-31");
    await page.locator("[data-review-date-input]").dispatchEvent("change");
    assert.equal(await page.locator(".timeline-lobbying time").getAttribute("datetime"), "2027-12");
    assert.equal(await page.locator(".timeline-adoption time").getAttribute("datetime"), "2028-05");
    // UN style in English; the approximate steps as "around" a month.
    assert.equal(await page.locator(".timeline-review time").textContent(), "31 January 2028");
    assert.equal((await page.locator(".timeline-adoption [data-date]").textContent()).trim(), "around May 2028");
    await reload(page);
    assert.equal(await page.locator(".timeline-submission time").getAttribute("datetime"), "2027-06");
  });
  await withPage(context, fileUrl("fr/key-dates/index.html"), async (page) => {
    assert.equal(await page.locator(".timeline-review time").textContent(), "31 janvier 2028");
    assert.equal((await page.locator(".timeline-adoption [data-date]").textContent()).trim(), "vers mai 2028");
  });
  await context.close();
});

// The calendar file as the page gives it: its text and its events' fields.
async function calendar(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-calendar]").click()]);
  assert.equal(download.suggestedFilename(), "upr-key-dates.ics");
  const text = readFileSync(await download.path(), "utf8");
  assert.ok(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.endsWith("END:VCALENDAR\r\n"), text);
  // Unfold, then read each event's fields.
  const events = text.replace(/\r\n /g, "").split("BEGIN:VEVENT").slice(1).map((block) =>
    Object.fromEntries(block.split("\r\n").filter((line) => line.includes(":")).map((line) => [line.split(/[:;]/)[0], line.slice(line.indexOf(":") + 1)])));
  return { text, events, review: events.find((event) => event.UID.includes("-review@")) };
}

// The guide is built with review_date: 2027-05-04; the reader's own date
// must replace it in the file, not only on the page.
await step("the calendar file holds the dates the reader sees, not the build's, from file://", async () => {
  const context = await browser2();
  await withPage(context, fileUrl("key-dates/index.html"), async (page) => {
    const built = await calendar(page);
    assert.deepEqual([built.review.DTSTART, built.review.DTEND], ["20270504", "20270505"], "before: the guide's own date");
    await page.locator("[data-review-date-input]").fill("2029-03-15");
    await page.locator("[data-review-date-input]").dispatchEvent("change");
    const { text, events, review } = await calendar(page);
    assert.equal(events.length, await page.locator("tr[data-months]").count());
    assert.equal(review.DTSTART, "20290315");
    assert.equal(review.DTEND, "20290316");
    assert.equal(review.SUMMARY, (await page.locator(".timeline-review th").textContent()).trim());
    const submission = events.find((event) => event.UID.includes("-submission@"));
    assert.deepEqual([submission.DTSTART, submission.DTEND], ["20280815", "20280816"], "a day, on the step's estimate");
    assert.equal(submission.SUMMARY, (await page.locator(".timeline-submission th").textContent()).trim() + " (approximate date)");
    assert.equal(submission.UID, built.events.find((event) => event.UID.includes("-submission@")).UID, "the same event, updated");
    const stamp = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(review.DTSTAMP).slice(1).map(Number);
    const made = Date.UTC(stamp[0], stamp[1] - 1, stamp[2], stamp[3], stamp[4], stamp[5]);
    assert.ok(Math.abs(Date.now() - made) < 120000, `stamped when made: ${review.DTSTAMP}`);
    assert.ok(!/DT(START|END);VALUE=DATE:2027/.test(text), `none of the build's dates: ${text}`);
    assert.ok(text.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75), "folded lines");
    // Cleared: the guide's date again.
    await page.locator("[data-review-date-clear]").click();
    assert.equal((await calendar(page)).review.DTSTART, "20270504");
  });
  await context.close();
});
