// Search's own logic (search-engine.js), without a page: Arabic proclitics
// stripped from what the reader types, and the index of words giving, a
// letter at a time, what a search from nothing gives, on the built bundled
// toolkit's indexes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { built, core, dataScript } from "./theme.mjs";
import { LANGUAGES } from "./built.mjs";

const context = core("search-engine.js");
const { uprkit } = context;
const search = context.uprkitSearch;
const site = built("UPRKIT_BUILT");
const stripped = (word) => search.stripProclitics(uprkit.fold(word));
const pages = (found) => Array.from(found.results, (result) => result.doc.page.u + "#" + (result.doc.id || "") + ":" + result.score);
const forms = (found) => Array.from(found.forms);

test("Arabic: the article and joined prepositions are stripped, short words kept", () => {
  for (const [typed, stem] of [
    ["المراجعة", "مراجعه"], ["التوصية", "توصيه"], ["بالاستعراض", "استعراض"], ["والمراجعة", "مراجعه"],
    ["فالتوصيات", "توصيات"], ["كالتقرير", "تقرير"], ["للمراجعة", "مراجعه"], ["وتوصية", "توصيه"],
    ["بتقديم", "تقديم"], ["لمنظمات", "منظمات"], ["فسيكون", "سيكون"],
  ]) {
    assert.equal(stripped(typed), stem, typed);
  }
  // What would be left is too short to be a word: kept whole.
  for (const word of ["الذي", "التي", "الى", "بيان", "لجنة", "فريق", "وطن", "ال", "و"]) {
    assert.equal(stripped(word), uprkit.fold(word), word);
  }
  // Other scripts are left alone.
  assert.equal(stripped("blanket"), "blanket");
});

test("Arabic queries with the article find at least what the bare word finds", () => {
  const engine = search.searchIndex(dataScript(join(site, "search-index.ar.js"), "UPRKIT_SEARCH"));
  // The article alone or with one letter, as the reader starts a word, is
  // not looked for (it is in most words), as a single letter is not.
  for (const typed of ["ال", "وال", "لل", "الم", "والت", "للم", "بالا"]) {
    assert.deepEqual(forms(engine.find(typed)), [], typed);
  }
  assert.ok(engine.find("المر").results.length >= 1, "two letters more are looked for");
  assert.ok(engine.find("لم").results.length >= 1, "a two-letter word is looked for");
  for (const [typed, bare] of [["المراجعة", "مراجعة"], ["التوصية", "توصية"], ["بالاستعراض", "الاستعراض"], ["والتوصيات", "توصيات"]]) {
    const withArticle = new Set(pages(engine.find(typed)));
    const found = pages(engine.find(bare));
    assert.ok(found.length >= 2, `${bare} finds pages`);
    for (const page of found) { assert.ok(withArticle.has(page), `${typed} finds ${page}, as ${bare} does`); }
  }
});

test("typed a letter at a time, each query finds what it finds on its own", () => {
  const queries = {
    en: ["stakeholder report", "recomendations smart", "national consultation"],
    fr: ["rapport des parties prenantes"],
    ar: ["الاستعراض الدوري", "بالتوصيات"],
    zh: ["利益攸关方报告"],
  };
  for (const lang of LANGUAGES.filter((code) => queries[code])) {
    const index = dataScript(join(site, `search-index.${lang}.js`), "UPRKIT_SEARCH");
    const typing = search.searchIndex(index);
    for (const query of queries[lang]) {
      // Typed, then erased letter by letter as a reader corrects it.
      const steps = [];
      for (let i = 1; i <= query.length; i++) { steps.push(query.slice(0, i)); }
      for (let i = query.length - 1; i >= 1; i--) { steps.push(query.slice(0, i)); }
      for (const typed of steps) {
        const alone = search.searchIndex(index).find(typed);
        const found = typing.find(typed);
        assert.deepEqual(pages(found), pages(alone), `${lang}: "${typed}"`);
        assert.deepEqual(forms(found), forms(alone), `${lang}: "${typed}"`);
      }
      assert.ok(typing.find(query).results.length >= 1, `${lang}: "${query}" finds pages`);
    }
  }
});

test("a term is found inside words, in the title, heading and text, and with one mistake", () => {
  const index = {
    pages: [{ t: "Stakeholder reports", u: "a/index.html" }, { t: "Dialogue", u: "b/index.html" }],
    sections: [
      { p: 0, x: "Write the report early." },
      { p: 1, h: "Webcast", a: "webcast", x: "Watch the webcast with partners; the webcast is archived." },
      { p: 1, h: "After", a: "after", x: "Nothing about reports here." },
    ],
  };
  const engine = search.searchIndex(index);
  assert.deepEqual(pages(engine.find("report")), ["a/index.html#:6", "b/index.html#after:1"]);
  // Title (5) and heading (3) weigh more than the text (each time, up to 10).
  assert.deepEqual(pages(engine.find("webcast")), ["b/index.html#webcast:5"]);
  assert.deepEqual(pages(engine.find("WEBCAST partners")), ["b/index.html#webcast:6"]);
  assert.deepEqual(pages(engine.find("webcats")).length, 1);
  assert.deepEqual(forms(engine.find("webcats")), ["webcast"]);
  assert.deepEqual(pages(engine.find("zzzz")), []);
  assert.deepEqual(forms(engine.find("  ")), []);
});
