// The storage operations, the one copy that store.html and a page's own
// store (handouts) both run (store.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { load, MemoryStorage } from "./theme.mjs";

function store() {
  const local = new MemoryStorage(), session = new MemoryStorage();
  const storage = load("store.js").uprkitStorage(local, session);
  // As plain objects of this realm, to compare them.
  const run = (op, fields = {}) => JSON.parse(JSON.stringify(storage.run({ op, site: "guide", ...fields })));
  return { local, session, storage, run };
}

test("values are kept under the guide's name and read back", () => {
  const { local, run } = store();
  assert.deepEqual(run("set", { values: { date: "2027-05-04" } }), { ok: true });
  assert.equal(local.getItem("uprkit:guide:date"), "\"2027-05-04\"");
  assert.deepEqual(run("get", { names: ["date", "ticks"] }),
    { ok: true, values: { date: "2027-05-04", ticks: null }, sessionOnly: false, forgotten: false });
});

test("merge changes single entries and null removes one", () => {
  const { run } = store();
  run("merge", { name: "ticks", entries: { "a#1": true, "a#2": false } });
  run("merge", { name: "ticks", entries: { "a#1": null, "b#1": true } });
  assert.deepEqual(run("get", { names: ["ticks"] }).values.ticks, { "a#2": false, "b#1": true });
});

test("session only moves everything kept to the session and back", () => {
  const { local, session, run } = store();
  run("set", { values: { date: "2027-05-04", ticks: { "a#1": true } } });
  assert.equal(run("session-only", { on: true }).sessionOnly, true);
  assert.equal(local.getItem("uprkit:guide:ticks"), null);
  assert.equal(session.getItem("uprkit:guide:ticks"), "{\"a#1\":true}");
  assert.equal(local.getItem("uprkit:guide:private"), "1");
  assert.equal(run("get", { names: ["date"] }).values.date, "2027-05-04");
  run("session-only", { on: false });
  assert.equal(local.getItem("uprkit:guide:date"), "\"2027-05-04\"");
  assert.equal(session.length, 0);
});

test("forget removes everything of this guide only, and says it was forgotten", () => {
  const { local, session, run } = store();
  local.setItem("uprkit:other:ticks", "{}");
  run("set", { values: { date: "2027-05-04" } });
  session.setItem("uprkit:guide:ticks", "{}");
  run("forget");
  assert.deepEqual([...local.map.keys()].sort(), ["uprkit:guide:forgotten", "uprkit:other:ticks"]);
  assert.equal(session.length, 0);
  assert.equal(run("get", { names: ["date"] }).forgotten, true);
});

test("bad requests and refused storage answer ok: false", () => {
  const { storage, run } = store();
  assert.equal(run("get", { names: ["../x"] }).ok, false);
  assert.equal(storage.run({ op: "get", site: "Not a name", names: [] }).ok, false);
  assert.equal(run("constructor").ok, false);
  assert.equal(storage.has("merge") && !storage.has("toString"), true);
  const blocked = load("store.js").uprkitStorage(null, null);
  assert.equal(blocked.run({ op: "get", site: "guide", names: ["date"] }).ok, false);
  // Set ignores names that are not names.
  run("set", { values: { "__proto__": 1, ok: 2 } });
  assert.equal(run("get", { names: ["ok"] }).values.ok, 2);
});
