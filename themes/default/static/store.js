/* uprkit: the operations on what a reader keeps, the one copy of them.
   `_uprkit/store.html` loads this file and runs them for every page of the
   guide (in a hidden frame, so that all pages share one storage, also from
   file://); the page script has them too (it starts with this file), for a
   handout, which keeps its own, and for a page that cannot reach the frame.

   Keys are `uprkit:<site>:<name>`; `private` is the "don't remember"
   switch, `forgotten` says the reader once asked to forget everything (so
   that nothing an older version kept comes back). Each operation takes a
   request (`site` and its own fields) and returns a reply, or throws when
   the browser refuses. */
function uprkitStorage(local, session) {
  "use strict";
  var NAME = /^[a-z0-9][a-z0-9-]*$/;
  var SWITCH = "private", FORGOTTEN = "forgotten";

  function key(site, name) { return "uprkit:" + site + ":" + name; }
  function sessionOnly(site) {
    try { return !local || local.getItem(key(site, SWITCH)) === "1"; } catch (e) { return true; }
  }
  function area(site) { return sessionOnly(site) ? session : local; }
  function read(storage, site, name) {
    try { return JSON.parse(storage.getItem(key(site, name))); } catch (e) { return null; }
  }
  function write(storage, site, name, value) {
    if (value === null || value === undefined) { storage.removeItem(key(site, name)); }
    else { storage.setItem(key(site, name), JSON.stringify(value)); }
  }
  // Every name of `site` kept in `storage`, but the switch and the mark.
  function names(storage, site) {
    var prefix = key(site, ""), found = [];
    for (var i = 0; i < storage.length; i++) {
      var k = storage.key(i);
      if (k && k.indexOf(prefix) === 0 && k !== key(site, SWITCH) && k !== key(site, FORGOTTEN)) {
        found.push(k.slice(prefix.length));
      }
    }
    return found;
  }

  var ops = {
    // { names } → { values, sessionOnly, forgotten }
    get: function (request) {
      var storage = area(request.site), values = {};
      request.names.forEach(function (name) { values[name] = storage ? read(storage, request.site, name) : null; });
      return {
        values: values,
        sessionOnly: sessionOnly(request.site),
        forgotten: local.getItem(key(request.site, FORGOTTEN)) === "1"
      };
    },
    // { values: { name: value or null } }
    set: function (request) {
      var storage = area(request.site);
      Object.keys(request.values).forEach(function (name) {
        if (NAME.test(name)) { write(storage, request.site, name, request.values[name]); }
      });
      return {};
    },
    // { name, entries: { key: value or null } }: one entry of an object
    // changes, whatever the other pages did to the others meanwhile.
    merge: function (request) {
      var storage = area(request.site);
      var current = read(storage, request.site, request.name) || {};
      Object.keys(request.entries).forEach(function (k) {
        if (request.entries[k] === null) { delete current[k]; } else { current[k] = request.entries[k]; }
      });
      write(storage, request.site, request.name, current);
      return {};
    },
    // { on }: moves everything kept to the session, or back.
    "session-only": function (request) {
      var site = request.site, from = area(site), to = request.on ? session : local;
      if (from !== to) {
        names(from, site).forEach(function (name) {
          write(to, site, name, read(from, site, name));
          write(from, site, name, null);
        });
      }
      if (request.on) { local.setItem(key(site, SWITCH), "1"); } else { local.removeItem(key(site, SWITCH)); }
      return { sessionOnly: request.on };
    },
    // Everything of this guide, from both storages, the switch included.
    forget: function (request) {
      [local, session].forEach(function (storage) {
        if (!storage) { return; }
        names(storage, request.site).forEach(function (name) { write(storage, request.site, name, null); });
        storage.removeItem(key(request.site, SWITCH));
      });
      local.setItem(key(request.site, FORGOTTEN), "1");
      return {};
    }
  };

  return {
    // Whether `text` may name a guide or a kept value.
    isName: function (text) { return typeof text === "string" && NAME.test(text); },
    // Whether `op` is an operation of the store.
    has: function (op) { return typeof op === "string" && Object.prototype.hasOwnProperty.call(ops, op); },
    // The reply to `request` ({ op, site, ...fields }), `ok` false (and
    // why) when it cannot be done: a bad request, or storage refused.
    run: function (request) {
      var reply;
      try {
        if (!local) { throw new Error("no storage"); }
        if (!this.isName(request.site) || !this.has(request.op)) { throw new Error("bad request"); }
        if (request.names && !request.names.every(function (n) { return NAME.test(n); })) { throw new Error("bad name"); }
        reply = ops[request.op](request);
        reply.ok = true;
      } catch (e) {
        reply = { ok: false, error: String(e && e.name || e) };
      }
      return reply;
    }
  };
}
