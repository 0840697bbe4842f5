// Loads the theme's scripts into a fresh context, as a page would (one
// global object that is `window`), without a page: the parts only touch the
// page when `uprkit.start()` runs, which these tests never call.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

export const themeStatic = fileURLToPath(new URL("../../themes/default/static/", import.meta.url));

// A context with the theme's files `names` (paths under static/) run in order.
export function load(...names) {
  const context = vm.createContext({ TextEncoder, setTimeout, console });
  context.window = context;
  for (const name of names) {
    vm.runInContext(readFileSync(themeStatic + name, "utf8"), context, { filename: name });
  }
  return context;
}

// The core of the page script (store.js, core.js) and the parts `parts`.
export function core(...parts) {
  return load("store.js", "scripts/core.js", ...parts);
}

// A Storage (localStorage, sessionStorage) in memory.
export class MemoryStorage {
  constructor() { this.map = new Map(); }
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

// The built site the Rust test made (tests/scripts.rs), and a built site
// with a long section (for the navigation's script).
export function built(variable) {
  const dir = process.env[variable];
  if (!dir) { throw new Error(`${variable} is not set: run these tests with cargo test --test scripts`); }
  return dir;
}

// Runs a data script of the build and returns the value it sets.
export function dataScript(path, name) {
  const context = vm.createContext({});
  context.window = context;
  vm.runInContext(readFileSync(path, "utf8"), context, { filename: path });
  if (!(name in context)) { throw new Error(`${path} does not set window.${name}`); }
  return JSON.parse(JSON.stringify(context[name]));
}
