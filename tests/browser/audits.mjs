// What Lighthouse's SEO and accessibility audits look at, in Chromium on a
// phone-sized window: run by tests/testsuite/quality.rs with a built copy
// of the bundled toolkit, built with the base_url it names as the second
// argument. On the home, content, checklists, matrix and agenda pages, in
// English and Arabic, two steps each (each prints what failed):
// - "seo": a title, `<html lang>` the page's language, a viewport, a meta
//   description in that language, `hreflang` alternates and a canonical
//   address that are absolute, no `noindex`, links that can be followed
//   and say where they lead ("here" or "more" do not), and the agenda's
//   "Present" links at least 24 × 24 px;
// - "axe": the axe-core rules Lighthouse's accessibility score is made of
//   (target size among them), with landmark-unique, none failing.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { executablePath, args, step } from "./harness.mjs";

const [site, baseUrl] = process.argv.slice(2);
const axe = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));
const pages = {
  home: "index.html",
  content: "preparation/stakeholder-report/index.html",
  checklists: "checklists/index.html",
  matrix: "recommendations/index.html",
  agenda: "workshops/half-day/index.html",
};
const script = { en: /[A-Za-z]/, ar: /[\u0600-\u06FF]/ };
// Lighthouse's accessibility audits (v12), each an axe rule, and landmark-unique.
const rules = ["accesskeys", "aria-allowed-attr", "aria-allowed-role", "aria-command-name", "aria-conditional-attr",
  "aria-deprecated-role", "aria-dialog-name", "aria-hidden-body", "aria-hidden-focus", "aria-input-field-name",
  "aria-meter-name", "aria-progressbar-name", "aria-prohibited-attr", "aria-required-attr", "aria-required-children",
  "aria-required-parent", "aria-roles", "aria-text", "aria-toggle-field-name", "aria-tooltip-name", "aria-treeitem-name",
  "aria-valid-attr-value", "aria-valid-attr", "button-name", "bypass", "color-contrast", "definition-list", "dlitem",
  "document-title", "duplicate-id-aria", "empty-heading", "form-field-multiple-labels", "frame-title", "heading-order",
  "html-has-lang", "html-lang-valid", "html-xml-lang-mismatch", "identical-links-same-purpose", "image-alt",
  "image-redundant-alt", "input-button-name", "input-image-alt", "label-content-name-mismatch", "label",
  "landmark-one-main", "link-in-text-block", "link-name", "list", "listitem", "meta-refresh", "meta-viewport",
  "object-alt", "select-name", "skip-link", "tabindex", "table-duplicate-name", "table-fake-caption", "target-size",
  "td-has-header", "td-headers-attr", "th-has-data-cells", "valid-lang", "video-caption", "landmark-unique"];
// Link texts Lighthouse's link-text audit calls not descriptive (its English list).
const vague = ["click here", "click this", "go", "here", "information", "learn more", "more", "more info",
  "more information", "right here", "read more", "see more", "start", "this", "this page", "link"];

const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  for (const lang of ["en", "ar"]) {
    for (const [kind, rel] of Object.entries(pages)) {
      const path = lang === "en" ? rel : `ar/${rel}`;
      const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
      await page.goto("file://" + join(site, path));
      await step(`seo ${lang} ${kind}`, async () => {
        const found = await page.evaluate(() => {
          const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? "";
          return {
            title: document.title,
            lang: document.documentElement.lang,
            viewport: meta("viewport"),
            description: meta("description"),
            robots: meta("robots"),
            canonical: document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? "",
            alternates: [...document.querySelectorAll('link[rel="alternate"][hreflang]')]
              .map((l) => ({ code: l.hreflang, href: l.getAttribute("href") })),
            links: [...document.querySelectorAll("a")].map((a) => ({ href: a.getAttribute("href"), text: a.textContent.trim().toLowerCase() })),
            present: [...document.querySelectorAll(".agenda-present")].map((el) => el.getBoundingClientRect())
              .map((box) => [Math.round(box.width), Math.round(box.height)]),
          };
        });
        const problems = [];
        if (!found.title.trim()) problems.push("no title");
        if (found.lang !== lang) problems.push(`<html lang="${found.lang}">`);
        if (!found.viewport.includes("width=device-width")) problems.push("no viewport");
        if (!found.description.trim()) problems.push("no meta description");
        else if (!script[lang].test(found.description)) problems.push(`the description is not in ${lang}: ${found.description}`);
        if (/noindex/.test(found.robots)) problems.push("noindex");
        if (!found.canonical.startsWith(baseUrl + "/")) problems.push(`canonical ${found.canonical}`);
        if (found.alternates.length < 2) problems.push(`${found.alternates.length} hreflang alternates`);
        for (const { code, href } of found.alternates) {
          if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(code)) problems.push(`hreflang "${code}"`);
          if (!href.startsWith(baseUrl + "/")) problems.push(`hreflang ${code} is not absolute: ${href}`);
        }
        for (const { href, text } of found.links) {
          if (href === null || href === "" || href.startsWith("javascript:")) problems.push(`a link that cannot be followed: "${text}"`);
          if (vague.includes(text)) problems.push(`a link saying only "${text}" (${href})`);
        }
        for (const [width, height] of found.present) {
          if (width < 24 || height < 24) problems.push(`a "Present" link of ${width} × ${height} px`);
        }
        if (problems.length) throw new Error(`${path}: ${problems.join("; ")}`);
      }).catch(() => {});
      await step(`axe ${lang} ${kind}`, async () => {
        await page.addScriptTag({ path: axe });
        const result = await page.evaluate(async (wanted) => {
          const known = new Set(window.axe.getRules().map((rule) => rule.ruleId));
          const run = await window.axe.run(document, { runOnly: { type: "rule", values: wanted.filter((id) => known.has(id)) }, resultTypes: ["violations"] });
          return run.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
        }, rules);
        if (result.length) throw new Error(`${path}: ${result.join("; ")}`);
      }).catch(() => {});
      await page.close();
    }
  }
} finally {
  await browser.close();
}
