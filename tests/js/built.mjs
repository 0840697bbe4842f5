// Reading what the build wrote, for the tests that check the page script
// against it: pages are read as text (the markup is the build's, regular).
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

export const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"];

// The folder of `lang`'s pages in a built site.
export function prefix(lang) { return lang === "en" ? "" : lang + "/"; }

export function read(dir, rel) {
  const path = join(dir, rel);
  if (!existsSync(path)) { throw new Error(`the build wrote no ${rel}`); }
  return readFileSync(path, "utf8");
}

// Text of markup: tags removed, the entities the build writes decoded.
export function text(html) {
  return html.replace(/<[^>]*>/g, "").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").trim();
}

// The UI strings a page gives its script (data-uprkit-strings).
export function pageStrings(html) {
  const found = /data-uprkit-strings="([^"]*)"/.exec(html);
  if (!found) { throw new Error("no data-uprkit-strings on the page"); }
  return JSON.parse(text(found[1]));
}
