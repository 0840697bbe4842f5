// The data scripts of the built bundled toolkit (and of a site with a long
// section, for the navigation): each holds the fields, of the types, that
// the script reading it uses. The build writes them with one helper
// (engine::output::data_script); these are the other side of the contract.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { built, dataScript } from "./theme.mjs";
import { LANGUAGES, prefix } from "./built.mjs";

const site = built("UPRKIT_BUILT");
const longSite = built("UPRKIT_BUILT_NAV");

const isString = (v) => typeof v === "string";
const optional = (check) => (v) => v === undefined || check(v);
const listOf = (check) => (v) => Array.isArray(v) && v.every(check);

// Every field of `fields` is in `object`, of its type, and nothing else is.
function shaped(object, fields, where) {
  assert.equal(typeof object, "object", where);
  for (const [name, check] of Object.entries(fields)) {
    assert.ok(check(object[name]), `${where}: ${name} is ${JSON.stringify(object[name])}`);
  }
  for (const name of Object.keys(object)) {
    assert.ok(name in fields, `${where}: ${name} is read by nobody`);
  }
}

test("search indexes: pages and their sections, by name (scripts/search.js)", () => {
  for (const lang of LANGUAGES) {
    const index = dataScript(join(site, `search-index.${lang}.js`), "UPRKIT_SEARCH");
    assert.ok(index.pages.length > 3 && index.sections.length >= index.pages.length, lang);
    index.pages.forEach((page, i) => shaped(page, { t: isString, u: isString, ph: optional(isString) }, `${lang} page ${i}`));
    index.sections.forEach((section, i) => {
      shaped(section, { p: Number.isInteger, h: optional(isString), a: optional(isString), x: isString }, `${lang} section ${i}`);
      assert.ok(section.p >= 0 && section.p < index.pages.length, `${lang} section ${i} names a page`);
    });
    assert.ok(index.pages.some((page) => page.ph), `${lang}: pages of a phase name it`);
  }
});

test("checklist indexes: each phase's items and those ticked to start with (scripts/checklists.js)", () => {
  for (const lang of LANGUAGES) {
    const index = dataScript(join(site, `_uprkit/checklists.${lang}.js`), "UPRKIT_CHECKLISTS");
    shaped(index, { phases: (v) => typeof v === "object" }, lang);
    const phases = Object.entries(index.phases);
    assert.ok(phases.length >= 3, lang);
    for (const [id, phase] of phases) {
      shaped(phase, { items: listOf(isString), checked: listOf(isString) }, `${lang} ${id}`);
      assert.ok(phase.items.every((key) => /^[^#]+#[^#]+$/.test(key)), `${lang} ${id}: keys are page#item`);
      assert.ok(phase.checked.every((key) => phase.items.includes(key)), `${lang} ${id}: checked items are items`);
    }
  }
});

test("recommendations: one object per row (recommendations.js)", () => {
  const statuses = ["not-implemented", "partially-implemented", "fully-implemented", "unknown"];
  for (const lang of LANGUAGES) {
    const rows = dataScript(join(site, `_uprkit/recommendations.${lang}.js`), "uprkitRecs");
    assert.ok(rows.length > 10, lang);
    rows.forEach((row, i) => shaped(row, {
      id: isString, text: isString, state: isString, states: listOf(isString), cycle: isString, session: isString,
      paragraph: isString,
      response: (v) => ["supported", "supported-in-part", "noted", "pending"].includes(v),
      theme_slugs: listOf(isString), themes: listOf(isString), sdg_targets: listOf(isString),
      sdg_goals: listOf((v) => Number.isInteger(v) && v >= 1 && v <= 17), affected_persons: listOf(isString),
      category: (v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 5),
      status: (v) => statuses.includes(v), assessment: isString, source: isString,
      // The plan: its filters, its sort by date, overdue from the reader's date, and the links across cycles.
      responsible: listOf(isString), planned_action: isString, indicator: isString,
      target: (v) => v === null || isString(v), due: (v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v),
      before: (v) => typeof v === "boolean", earlier: listOf(isString), later: listOf(isString),
    }, `${lang} row ${i}`));
    assert.ok(rows.some((row) => row.due && row.responsible.length && row.planned_action), `${lang}: the sample has a plan`);
    assert.ok(rows.some((row) => row.earlier.length) && rows.some((row) => row.later.length), `${lang}: and links across cycles`);
    assert.ok(rows.every((row) => row.themes.length === row.theme_slugs.length), `${lang}: a name per theme`);
  }
});

test("download sizes: bytes by path (scripts/page.js)", () => {
  const sizes = dataScript(join(site, "_uprkit/downloads.js"), "uprkitSizes");
  assert.ok(Object.keys(sizes).length > 10);
  for (const [path, bytes] of Object.entries(sizes)) {
    assert.ok(isString(path) && Number.isInteger(bytes) && bytes > 0, path);
  }
});

test("navigation: a long section's pages, by the section's address (scripts/page.js)", () => {
  for (const lang of ["en", "fr"]) {
    const nav = dataScript(join(longSite, `_uprkit/nav.${lang}.js`), "uprkitNav");
    const sections = Object.entries(nav);
    assert.ok(sections.length >= 1, lang);
    for (const [href, pages] of sections) {
      assert.ok(href.startsWith(prefix(lang)), `${lang}: ${href}`);
      pages.forEach((page, i) => shaped(page, { href: isString, title: isString, lang: optional(isString) }, `${lang} ${href} ${i}`));
    }
    if (lang === "fr") {
      assert.ok(sections.some(([, pages]) => pages.some((page) => page.lang === "en")), "untranslated pages say their language");
    }
  }
});
