// English is in en.yaml only: the scripts have no fallback of their own,
// so every UI string they read must be among those the build gives the
// page (data-uprkit-strings, the keys the features declare), not empty, in
// every language.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { themeStatic, built } from "./theme.mjs";
import { LANGUAGES, prefix, read, pageStrings } from "./built.mjs";

const site = built("UPRKIT_BUILT");

// The keys of `strings.x` and `uprkit.strings.x` in the theme's scripts.
function keysRead() {
  const files = ["recommendations.js", "slides-deck.js", "slides.js", "scorm.js", ...readdirSync(themeStatic + "scripts").map((f) => "scripts/" + f)];
  const keys = new Map();
  for (const file of files) {
    for (const m of readFileSync(themeStatic + file, "utf8").matchAll(/\bstrings\.([a-z_]+)/g)) { keys.set(m[1], file); }
  }
  return keys;
}

test("every string a script reads is given to the page, in every language", () => {
  const keys = keysRead();
  assert.ok(keys.size > 30, "the scripts' strings were found");
  for (const lang of LANGUAGES) {
    const strings = pageStrings(read(site, `${prefix(lang)}index.html`));
    for (const [key, file] of keys) {
      assert.ok(typeof strings[key] === "string" && strings[key].trim(), `${lang}: ${file} reads strings.${key}, which the page lacks`);
    }
  }
});

test("no script keeps an English text of its own for a string", () => {
  const files = ["recommendations.js", "slides-deck.js", "slides.js", "scorm.js", ...readdirSync(themeStatic + "scripts").map((f) => "scripts/" + f)];
  for (const file of files) {
    const source = readFileSync(themeStatic + file, "utf8");
    assert.doesNotMatch(source, /strings\.[a-z_]+\s*\|\|\s*"/, file);
  }
});
