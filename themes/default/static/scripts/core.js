/* uprkit: the page script's core. `_uprkit/uprkit.js` is this file after
   store.js, then the engine's part (page.js) and the part of each feature
   the site uses (scripts/<feature>.js, in the order the features are
   registered), then `uprkit.start()`: one file, no build step, working
   from file://. A site's theme replaces any of them by a file of the same
   path under its static/.

   The core is what the parts share, on `window.uprkit`: the UI strings
   (`strings`, always from the i18n tables: English is in en.yaml only),
   the store client (`call`), data scripts loaded on first use (`load`),
   text folding for searching (`fold`), dates in words (`writtenDate`,
   `shiftDate`). A part is `uprkit.part({ start, ready, changed })`: `start`
   once the page is there, `ready` once the store answers, `changed` when
   another page changed what it keeps. Nothing here touches the page before
   `start`, so that tests/js/ can load these files in Node.

   What a reader keeps (ticks, their review date, their colours, the "don't
   remember" switch) is kept by one store for the whole copy of the guide:
   `_uprkit/store.html`, which every page loads in a hidden frame and talks
   to with postMessage. A page's own localStorage would not do: opened from
   file://, Firefox and WebKit give each page its own, so a tick on one page
   would be missing on the next. A handout is one file: it keeps its ticks
   itself, with the same operations (store.js). Without JavaScript nothing
   here runs. */
var uprkit = (function () {
  "use strict";
  var parts = [];
  var own = Object.prototype.hasOwnProperty;
  var uprkit = {
    own: own,
    site: "site",
    strings: {},
    // The element holding the strings and the addresses the parts need.
    holder: null,
    part: function (part) { parts.push(part); }
  };

  // `template` with each `{name}` replaced by `values.name`.
  uprkit.format = function (template, values) {
    return Object.keys(values).reduce(function (text, name) {
      return text.replace("{" + name + "}", values[name]);
    }, template);
  };

  // --- Folding ---------------------------------------------------------------
  // Text as searched and filtered, in every script alike: no diacritics (nor
  // Arabic harakat), no tatweel, alef wasla, alef maksura and taa marbuta as
  // the letters readers type for them, lower case. Hamza on alef goes with
  // the other marks (NFD: أ is ا and a combining hamza).
  uprkit.fold = function (text) {
    return String(text).normalize("NFD").replace(/\p{M}/gu, "").replace(/\u0640/g, "")
      .replace(/\u0671/g, "\u0627").replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647").toLowerCase();
  };
  // Folds `text` and keeps, for each folded character, where it came from.
  // A search marks several sections' text at each keystroke: text where each
  // character folds to one character (no marks, tatweel, dotted capital I or
  // Hangul syllable, which fold to none or several) is folded whole, else
  // each character alone, once.
  var foldedChars = new Map();
  var UNEVEN = /[\p{M}\u0640\u0130\uac00-\ud7a3]/u;
  uprkit.foldWithMap = function (text) {
    var out = "", map = [];
    if (!UNEVEN.test(text)) {
      out = uprkit.fold(text);
      if (out.length === text.length) {
        for (var k = 0; k <= text.length; k++) { map.push(k); }
        return { text: out, map: map };
      }
      out = "";
    }
    for (var i = 0; i < text.length; i++) {
      var folded = foldedChars.get(text[i]);
      if (folded === undefined) { folded = uprkit.fold(text[i]); foldedChars.set(text[i], folded); }
      for (var j = 0; j < folded.length; j++) { out += folded[j]; map.push(i); }
    }
    map.push(text.length);
    return { text: out, map: map };
  };

  // --- Dates -----------------------------------------------------------------
  // `value` (yyyy-mm-dd) moved by `months`, then `days`: a day past the end
  // of the month it lands in is that month's last, as the build does.
  uprkit.shiftDate = function (value, months, days) {
    var p = value.split("-").map(Number);
    var first = new Date(Date.UTC(p[0], p[1] - 1 + months, 1));
    var last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    first.setUTCDate(Math.min(p[2], last) + days);
    return first;
  };
  // A date in words, with `strings`' words for dates as the build writes
  // them (UN style in English: 20 June 2027); the month alone unless `exact`.
  uprkit.writtenDate = function (date, exact, strings) {
    function names(key) {
      return strings[key].split(/[,\u060c]/).map(function (name) { return name.trim(); });
    }
    var month = date.getUTCMonth();
    var year = String(date.getUTCFullYear());
    if (!exact) {
      return strings.date_format_month.replace("{month}", names("month_names")[month]).replace("{year}", year);
    }
    return strings.date_format
      .replace("{weekday}", names("weekday_names")[(date.getUTCDay() + 6) % 7])
      .replace("{day}", String(date.getUTCDate()))
      .replace("{month}", names("month_names_in_date")[month])
      .replace("{year}", year);
  };

  // --- Data scripts ------------------------------------------------------------
  // A data script (`window.<name> = ...`) is a script tag, not fetch: that
  // works from file://. `then` runs once it is there, however many ask.
  var loading = {};
  uprkit.load = function (name, src, then) {
    if (window[name]) { then(); return; }
    if (loading[name]) { loading[name].push(then); return; }
    loading[name] = [then];
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      var waiting = loading[name];
      loading[name] = null;
      waiting.forEach(function (next) { next(); });
    };
    document.head.appendChild(script);
  };

  // --- Storage -----------------------------------------------------------------
  // Both stores answer asynchronously: `call(op, fields, done)` calls
  // `done(reply)` with `reply.ok` false when the browser refused.

  // This page's own storage: for handouts, and where the shared store
  // cannot be reached. The operations are store.js's, as in store.html.
  function pageStore() {
    var local = null, session = null;
    try { local = window.localStorage; session = window.sessionStorage; } catch (e) { /* blocked */ }
    var storage = uprkitStorage(local, session);
    var prefix = "uprkit:" + uprkit.site + ":";
    return {
      shared: false,
      call: function (op, fields, done) {
        var request = { op: op, site: uprkit.site };
        Object.keys(fields).forEach(function (k) { request[k] = fields[k]; });
        var reply = storage.run(request);
        setTimeout(function () { if (done) { done(reply); } }, 0);
      },
      onChange: function (then) {
        window.addEventListener("storage", function (event) { if (event.key && event.key.indexOf(prefix) === 0) { then(); } });
      }
    };
  }

  // The store of the whole guide, in a hidden frame. `ready(store)` is
  // called once it answers, or with `null` if it does not.
  function sharedStore(src, ready) {
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.hidden = true;
    frame.title = "uprkit";
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    var waiting = {}, next = 1, listeners = [], settled = false;
    var fromFile = location.protocol === "file:";
    var store = {
      shared: true,
      call: function (op, fields, done) {
        var request = { uprkit: "store", id: next++, op: op, site: uprkit.site };
        Object.keys(fields).forEach(function (k) { request[k] = fields[k]; });
        waiting[request.id] = done || function () {};
        frame.contentWindow.postMessage(request, fromFile ? "*" : location.origin);
      },
      onChange: function (then) { listeners.push(then); }
    };
    window.addEventListener("message", function (event) {
      var reply = event.data;
      // Only the frame's own answers, in the shape it gives them.
      if (event.source !== frame.contentWindow || !reply || reply.uprkit !== "store") { return; }
      if (reply.event === "ready" && !settled) { settled = true; ready(store); return; }
      if (reply.event === "change") { listeners.forEach(function (then) { then(); }); return; }
      if (typeof reply.id === "number" && waiting[reply.id]) {
        var done = waiting[reply.id];
        delete waiting[reply.id];
        done(reply);
      }
    });
    setTimeout(function () {
      if (!settled) { settled = true; frame.remove(); ready(null); }
    }, 3000);
    document.body.appendChild(frame);
  }

  // What an older version kept (`checks`, `review-date`, `session-only`, in
  // this page's own storage: per page, from file:// in Firefox and WebKit)
  // moves into `store` the first time this version opens, and is removed
  // from where it was. Unless the reader asked to forget everything since:
  // then it is only removed.
  function migrate(store, done) {
    var old = {}, found = false, site = uprkit.site;
    [["local", "localStorage"], ["session", "sessionStorage"]].forEach(function (pair) {
      var storage;
      try { storage = window[pair[1]]; } catch (e) { storage = null; }
      if (!storage) { return; }
      ["checks", "review-date", "session-only"].forEach(function (name) {
        var value = storage.getItem("uprkit:" + site + ":" + name);
        if (value !== null) { old[pair[0] + ":" + name] = value; found = true; }
      });
    });
    if (!found) { done(); return; }
    function parse(text) { try { return JSON.parse(text); } catch (e) { return null; } }
    var ticks = parse(old["local:checks"] || old["session:checks"] || "null") || {};
    var date = parse(old["local:review-date"] || "null") || old["local:review-date"] || old["session:review-date"];
    store.call("get", { names: ["ticks", "date"] }, function (theirs) {
      var steps = [];
      if (theirs.ok && !theirs.forgotten) {
        var kept = theirs.values.ticks || {}, entries = {};
        Object.keys(ticks).forEach(function (k) { if (!own.call(kept, k) && typeof ticks[k] === "boolean") { entries[k] = ticks[k]; } });
        // A page set to "don't remember" was the reader's wish for the whole guide.
        if (old["local:session-only"] === "1" && !theirs.sessionOnly) { steps.push(function (next) { store.call("session-only", { on: true }, next); }); }
        if (Object.keys(entries).length) { steps.push(function (next) { store.call("merge", { name: "ticks", entries: entries }, next); }); }
        if (typeof date === "string" && !theirs.values.date) { steps.push(function (next) { store.call("set", { values: { date: date } }, next); }); }
      }
      steps.push(function () {
        [window.localStorage, window.sessionStorage].forEach(function (storage) {
          ["checks", "review-date", "session-only"].forEach(function (name) {
            try { storage.removeItem("uprkit:" + site + ":" + name); } catch (e) { /* blocked */ }
          });
        });
        done();
      });
      (function run(i) { steps[i](function () { run(i + 1); }); })(0);
    });
  }

  // --- Read before the store answers -------------------------------------------
  // What must be set before the page is shown (the reader's colours:
  // partials/colours.html) cannot wait for the store, which answers from its
  // frame once the page is there. The page's own storage keeps a copy
  // (`early-<name>`), where the store keeps the value (the session's with
  // "don't remember"), made again whenever the store tells it, or moves or
  // forgets what it keeps. From http(s), and from file:// in Chromium, that
  // storage is the store's own: the copy has a name of its own, so that a
  // copy made from what another tab saw a moment before never overwrites
  // the value, and the store moves and forgets it with the rest.
  var EARLY = ["theme"];
  function copyEarly(values, sessionOnly) {
    EARLY.forEach(function (name) {
      if (!own.call(values, name)) { return; }
      var key = "uprkit:" + uprkit.site + ":early-" + name, value = values[name];
      try {
        [[window.localStorage, !sessionOnly], [window.sessionStorage, sessionOnly]].forEach(function (pair) {
          if (value !== null && value !== undefined && pair[1]) { pair[0].setItem(key, JSON.stringify(value)); }
          else { pair[0].removeItem(key); }
        });
      } catch (e) { /* storage blocked */ }
    });
  }
  function early(op, fields, reply) {
    if (op === "get") { copyEarly(reply.values, reply.sessionOnly); return; }
    var changes = op === "forget" || op === "session-only" ||
      (op === "set" && EARLY.some(function (name) { return own.call(fields.values, name); }));
    if (changes) { uprkit.call("get", { names: EARLY }); }
  }

  var store = null, queue = [], pending = 0;
  // Calls wait until the store is known. While some are unanswered, the
  // page says so (`data-uprkit-saving`), for scripts that must wait.
  uprkit.call = function (op, fields, done) {
    var root = document.documentElement;
    pending += 1;
    root.setAttribute("data-uprkit-saving", "");
    var answered = function (reply) {
      pending -= 1;
      if (!pending) { root.removeAttribute("data-uprkit-saving"); }
      if (reply.ok) { early(op, fields, reply); }
      if (done) { done(reply); }
    };
    if (store) { store.call(op, fields, answered); } else { queue.push([op, fields, answered]); }
  };
  // Each part's `hook`; one that fails leaves the others working.
  function each(hook) {
    parts.forEach(function (part) {
      if (!part[hook]) { return; }
      try { part[hook](); } catch (e) { setTimeout(function () { throw e; }, 0); }
    });
  }
  function opened(found) {
    store = found;
    queue.forEach(function (args) { store.call(args[0], args[1], args[2]); });
    queue = [];
    store.onChange(function () { each("changed"); });
    each("ready");
  }
  // WebKit (Safari, and every browser on iPhone and iPad) keeps nothing of a
  // page opened from a file once it closes: the reader should know.
  function forgetsOnClose() {
    var agent = navigator.userAgent || "";
    return location.protocol === "file:" && /AppleWebKit\//.test(agent) && !/(Chrome|Chromium|Edg|OPR)\//.test(agent);
  }
  function open() {
    var notice = document.querySelector("[data-storage-session]");
    if (notice && forgetsOnClose()) { notice.hidden = false; }
    var storeHref = uprkit.holder && uprkit.holder.getAttribute("data-uprkit-store");
    if (!storeHref) {
      var mine = pageStore();
      migrate(mine, function () { opened(mine); });
      return;
    }
    sharedStore(storeHref, function (shared) {
      if (shared) { migrate(shared, function () { opened(shared); }); return; }
      // No shared store (the file is missing, or frames are blocked): ticks stay on this page, and the page says so.
      var unshared = document.querySelector("[data-storage-unshared]");
      if (unshared) { unshared.hidden = false; }
      var mine = pageStore();
      migrate(mine, function () { opened(mine); });
    });
  }

  // The last line of uprkit.js: every part is there.
  uprkit.start = function () {
    var root = document.documentElement;
    uprkit.site = root.getAttribute("data-uprkit-site") || "site";
    // On <body>, not <html>: <meta charset> must stay in the first 1024 bytes.
    uprkit.holder = document.querySelector("[data-uprkit-strings]");
    try { uprkit.strings = JSON.parse((uprkit.holder && uprkit.holder.getAttribute("data-uprkit-strings")) || "{}"); } catch (e) { uprkit.strings = {}; }
    root.classList.add("js");
    // For the page's other scripts (the recommendations matrix).
    window.uprkitStore = { call: uprkit.call };
    each("start");
    open();
  };
  return uprkit;
})();
window.uprkit = uprkit;
