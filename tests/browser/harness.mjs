// What every browser script shares: Debian's Chromium (or $CHROMIUM) with
// the flags of a quiet headless run; `step`, which prints "ok - name" or
// "not ok - name" (the Rust side counts them) and stops at a failure; and
// `serve`, a minimal static server of a built site over http://127.0.0.1.
import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { join, extname, normalize } from "node:path";

export const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
export const args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

export async function step(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (error) {
    console.log(`not ok - ${name}`);
    console.error(error);
    process.exitCode = 1;
    throw error;
  }
}

export function serve(site) {
  const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".png": "image/png",
    ".svg": "image/svg+xml", ".csv": "text/csv" };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(site, path);
    try { if (statSync(file).isDirectory()) file = join(file, "index.html"); res.setHeader("Content-Type", types[extname(file)] || "application/octet-stream"); res.end(readFileSync(file)); }
    catch { res.statusCode = 404; res.end("not found"); }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
