// What the page script writes and the build writes must be the same: the
// dates of the key dates page (the reader's own date is worked out in the
// page, the configured one by the build) and its calendar file. Both run
// here on the bundled toolkit's date, in every language.
import { test } from "node:test";
import assert from "node:assert/strict";
import { core, built } from "./theme.mjs";
import { LANGUAGES, prefix, read, text, pageStrings } from "./built.mjs";

const site = built("UPRKIT_BUILT");
const { uprkit } = core("scripts/key-dates.js");

// The key dates page of `lang`: its title, date, rows and strings.
function keyDates(lang) {
  const html = read(site, `${prefix(lang)}key-dates/index.html`);
  const review = /data-key-dates[^>]*data-review-date="(\d{4}-\d{2}-\d{2})"/.exec(html)[1];
  const title = text(/<h1>(.*?)<\/h1>/s.exec(html)[1]);
  const row = /<tr[^>]* data-id="(\w+)" data-months="(-?\d+)" data-days="(-?\d+)"( data-exact)?>\s*<th[^>]*>(.*?)<\/th>\s*<td>(.*?)<\/td>\s*<td data-date>(.*?)<\/td>/gs;
  const rows = [...html.matchAll(row)].map((m) => ({
    id: m[1], months: Number(m[2]), days: Number(m[3]), exact: Boolean(m[4]),
    name: text(m[5]), when: text(m[6]), shown: m[7],
  }));
  assert.ok(rows.length >= 5, `${lang}: the timeline's rows`);
  const siteId = /data-uprkit-site="([^"]*)"/.exec(html)[1];
  const approximate = text(/data-approximate="([^"]*)"/.exec(html)[1]);
  return { review, title, rows, siteId, approximate, strings: pageStrings(html) };
}

test("dates in words: the page script writes the build's, in every language", () => {
  for (const lang of LANGUAGES) {
    const { review, rows, strings } = keyDates(lang);
    for (const row of rows) {
      const date = uprkit.shiftDate(review, row.months, row.days);
      const time = /<time datetime="([\d-]+)">(.*?)<\/time>/.exec(row.shown);
      assert.equal(date.toISOString().slice(0, row.exact ? 10 : 7), time[1], `${lang} ${row.id}`);
      assert.equal(uprkit.writtenDate(date, row.exact, strings), text(time[2]), `${lang} ${row.id}`);
    }
  }
});

test("a month shifted past a short month's end is its last day, as the build does", () => {
  const iso = (date) => date.toISOString().slice(0, 10);
  assert.equal(iso(uprkit.shiftDate("2027-03-31", -1, 0)), "2027-02-28");
  assert.equal(iso(uprkit.shiftDate("2028-03-31", -1, 0)), "2028-02-29");
  assert.equal(iso(uprkit.shiftDate("2027-05-04", -7, 0)), "2026-10-04");
  assert.equal(iso(uprkit.shiftDate("2027-05-04", 0, 30)), "2027-06-03");
});

test("the calendar file: the page script's is the build's, byte for byte, in every language", () => {
  for (const lang of LANGUAGES) {
    const { review, title, rows, siteId, approximate } = keyDates(lang);
    const events = rows.map((row) => ({ ...row, date: uprkit.shiftDate(review, row.months, row.days) }));
    const written = read(site, `${prefix(lang)}key-dates/upr-key-dates.ics`);
    // On the build's clock: the time written is the one thing that differs.
    const stamp = /DTSTAMP:(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/.exec(written).slice(1).map(Number);
    const made = new Date(Date.UTC(stamp[0], stamp[1] - 1, stamp[2], stamp[3], stamp[4], stamp[5]));
    const text = { title, site: siteId, approximate, made };
    assert.equal(uprkit.icalendar(text, events), written, lang);
  }
});

test("long lines of a calendar fold at 75 octets, never inside a character", () => {
  const name = "Examen périodique universel — ".repeat(4) + "😀 الاستعراض";
  const text = { title: "T", site: "s", approximate: "{step}", made: new Date() };
  const ics = uprkit.icalendar(text, [{ id: "review", name, when: "a, b; c\\d", date: new Date(Date.UTC(2027, 4, 4)), exact: true }]);
  for (const line of ics.split("\r\n")) { assert.ok(Buffer.byteLength(line) <= 75, line); }
  const summary = /SUMMARY:.*?\r\n(?! )/s.exec(ics)[0].replace(/\r\n /g, "").trimEnd();
  assert.equal(summary, "SUMMARY:" + name);
  assert.match(ics, /DESCRIPTION:a\\, b\\; c\\\\d\r\n/);
  assert.match(ics, /DTSTART;VALUE=DATE:20270504\r\nDTEND;VALUE=DATE:20270505\r\n/);
});
