/* uprkit: checklists that remember, key dates, offline search.

   What a reader keeps (ticks, their review date, the "don't remember" switch)
   is kept by one store for the whole copy of the guide: `_uprkit/store.html`,
   which every page loads in a hidden frame and talks to with postMessage. A
   page's own localStorage would not do: opened from file://, Firefox and
   WebKit give each page its own, so a tick on one page would be missing on
   the next. A handout is one file: it keeps its ticks itself.
   Keys of ticks are `<page slug>#<item id>`, the same in every language, so
   progress follows the reader across translations. Without JavaScript the
   boxes are plain checkboxes and nothing here runs. */
(function () {
  "use strict";
  var root = document.documentElement;
  var site = root.getAttribute("data-uprkit-site") || "site";
  var strings = {};
  // On <body>, not <html>: <meta charset> must stay in the first 1024 bytes.
  var holder = document.querySelector("[data-uprkit-strings]");
  try { strings = JSON.parse((holder && holder.getAttribute("data-uprkit-strings")) || "{}"); } catch (e) { strings = {}; }
  var own = Object.prototype.hasOwnProperty;

  // --- Storage -------------------------------------------------------------
  // Both stores answer asynchronously: `call(op, fields, done)` calls
  // `done(reply)` with `reply.ok` false when the browser refused.

  // This page's own storage: for handouts, and where the shared store
  // cannot be reached. The same operations as `_uprkit/store.html`.
  function pageStore() {
    var local = null, session = null;
    try { local = window.localStorage; session = window.sessionStorage; } catch (e) { /* blocked */ }
    function key(name) { return "uprkit:" + site + ":" + name; }
    function sessionOnly() { try { return !local || local.getItem(key("private")) === "1"; } catch (e) { return true; } }
    function area() { return sessionOnly() ? session : local; }
    function read(storage, name) { try { return JSON.parse(storage.getItem(key(name))); } catch (e) { return null; } }
    function write(storage, name, value) {
      if (value === null || value === undefined) { storage.removeItem(key(name)); } else { storage.setItem(key(name), JSON.stringify(value)); }
    }
    var KEPT = ["ticks", "date", "assessments"];
    var ops = {
      get: function (f) {
        var values = {};
        f.names.forEach(function (name) { values[name] = area() ? read(area(), name) : null; });
        return { values: values, sessionOnly: sessionOnly(), forgotten: local.getItem(key("forgotten")) === "1" };
      },
      set: function (f) { Object.keys(f.values).forEach(function (name) { write(area(), name, f.values[name]); }); return {}; },
      merge: function (f) {
        var current = read(area(), f.name) || {};
        Object.keys(f.entries).forEach(function (k) { if (f.entries[k] === null) { delete current[k]; } else { current[k] = f.entries[k]; } });
        write(area(), f.name, current);
        return {};
      },
      "session-only": function (f) {
        var from = area(), to = f.on ? session : local;
        if (from !== to) { KEPT.forEach(function (name) { write(to, name, read(from, name)); write(from, name, null); }); }
        if (f.on) { local.setItem(key("private"), "1"); } else { local.removeItem(key("private")); }
        return { sessionOnly: f.on };
      },
      forget: function () {
        [local, session].forEach(function (storage) {
          if (storage) { KEPT.concat(["private"]).forEach(function (name) { storage.removeItem(key(name)); }); }
        });
        local.setItem(key("forgotten"), "1");
        return {};
      }
    };
    return {
      shared: false,
      call: function (op, fields, done) {
        var reply;
        try { if (!local) { throw new Error("no storage"); } reply = ops[op](fields); reply.ok = true; }
        catch (e) { reply = { ok: false }; }
        setTimeout(function () { if (done) { done(reply); } }, 0);
      },
      onChange: function (then) {
        window.addEventListener("storage", function (event) { if (event.key && event.key.indexOf(key("")) === 0) { then(); } });
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
        var request = { uprkit: "store", id: next++, op: op, site: site };
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
    var old = {}, found = false;
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

  var storeHref = holder && holder.getAttribute("data-uprkit-store");
  var store = null, queue = [], pending = 0;
  // Calls wait until the store is known. While some are unanswered, the
  // page says so (`data-uprkit-saving`), for scripts that must wait.
  function call(op, fields, done) {
    pending += 1;
    root.setAttribute("data-uprkit-saving", "");
    var answered = function (reply) {
      pending -= 1;
      if (!pending) { root.removeAttribute("data-uprkit-saving"); }
      if (done) { done(reply); }
    };
    if (store) { store.call(op, fields, answered); } else { queue.push([op, fields, answered]); }
  }
  function start(found) {
    store = found;
    queue.forEach(function (args) { store.call(args[0], args[1], args[2]); });
    queue = [];
    store.onChange(function () { apply(); });
    apply();
    keyDates();
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
    if (!storeHref) {
      var mine = pageStore();
      migrate(mine, function () { start(mine); });
      return;
    }
    sharedStore(storeHref, function (shared) {
      if (shared) { migrate(shared, function () { start(shared); }); return; }
      // No shared store (the file is missing, or frames are blocked): ticks stay on this page, and the page says so.
      var notice = document.querySelector("[data-storage-unshared]");
      if (notice) { notice.hidden = false; }
      var mine = pageStore();
      migrate(mine, function () { start(mine); });
    });
  }

  // --- Navigation ----------------------------------------------------------
  // A long section's list shows the pages around this one and a link to the
  // section; the whole list is in nav.<lang>.js (window.uprkitNav), which
  // the page loads before this script. The items already shown are kept
  // (the current page's mark, an open subsection), the others added.
  function fullNav() {
    var all = window.uprkitNav;
    if (!all) { return; }
    var lists = document.querySelectorAll("ol[data-nav-list]");
    for (var i = 0; i < lists.length; i++) {
      var list = lists[i];
      var pages = all[list.getAttribute("data-nav-list")];
      if (!pages) { continue; }
      var prefix = list.getAttribute("data-nav-root") || "";
      var shown = {};
      for (var j = 0; j < list.children.length; j++) {
        var item = list.children[j];
        var link = item.querySelector("a");
        if (link && !item.classList.contains("nav-more")) { shown[link.getAttribute("href")] = item; }
      }
      var whole = document.createDocumentFragment();
      for (var k = 0; k < pages.length; k++) {
        var href = prefix + pages[k].href;
        var entry = shown[href];
        if (!entry) {
          entry = document.createElement("li");
          var a = document.createElement("a");
          a.setAttribute("href", href);
          a.textContent = pages[k].title;
          if (pages[k].lang) { a.className = "is-fallback"; a.setAttribute("lang", pages[k].lang); }
          entry.appendChild(a);
        }
        whole.appendChild(entry);
      }
      while (list.firstChild) { list.removeChild(list.firstChild); }
      list.appendChild(whole);
      list.removeAttribute("data-nav-list");
    }
  }

  // --- Checklists ----------------------------------------------------------
  var state = {};
  function format(template, done, total) {
    return (template || "{done} of {total}").replace("{done}", done).replace("{total}", total);
  }
  function boxes(scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll("input.check[data-check]"));
  }
  function isChecked(box) {
    var key = box.getAttribute("data-check");
    return own.call(state, key) ? state[key] : box.defaultChecked;
  }

  // Reads the ticks again and shows them.
  function apply() {
    call("get", { names: ["ticks"] }, function (reply) {
      state = (reply.ok && reply.values.ticks) || {};
      var toggle = document.querySelector("[data-session-only]");
      if (toggle && reply.ok) { toggle.checked = reply.sessionOnly; }
      boxes().forEach(function (box) { box.checked = isChecked(box); });
      refresh();
      // The page shows what is kept (tests and scripts wait for this).
      root.setAttribute("data-uprkit-ready", "");
    });
  }

  function refresh() {
    document.querySelectorAll(".checklist").forEach(function (list) {
      var items = boxes(list);
      var done = items.filter(function (b) { return b.checked; }).length;
      var out = list.nextElementSibling;
      if (out && out.classList.contains("checklist-tools")) {
        out.querySelector(".checklist-progress").textContent = format(strings.progress, done, items.length);
      }
    });
    var page = document.querySelector("[data-page-progress]");
    if (page) {
      var all = boxes(document.querySelector("main"));
      var unique = {};
      all.forEach(function (b) { unique[b.getAttribute("data-check")] = b.checked; });
      var keys = Object.keys(unique);
      page.textContent = format(strings.progress, keys.filter(function (k) { return unique[k]; }).length, keys.length);
      page.hidden = keys.length === 0;
    }
    var index = window.UPRKIT_CHECKLISTS;
    if (index) {
      document.querySelectorAll("[data-phase-progress]").forEach(function (el) {
        var phase = index.phases[el.getAttribute("data-phase-progress")];
        var items = phase ? phase.items : [];
        if (!items.length) { return; }
        var done = items.filter(function (key) {
          return own.call(state, key) ? state[key] : phase.checked.indexOf(key) !== -1;
        }).length;
        // Short to see, said in full to screen readers and in a tooltip.
        var full = format(strings.progress_phase || "{done} of {total} checklist items done in this phase", done, items.length);
        el.textContent = "";
        var shown = document.createElement("span");
        shown.setAttribute("aria-hidden", "true");
        shown.textContent = format(strings.progress_short || "{done}/{total}", done, items.length);
        var said = document.createElement("span");
        said.className = "visually-hidden";
        said.textContent = full;
        el.appendChild(shown);
        el.appendChild(said);
        el.title = full;
        el.hidden = false;
      });
    }
    // For what follows ticks: a learning platform's report.
    document.dispatchEvent(new CustomEvent("uprkit:ticks"));
  }

  // Sets (or with `null`, forgets) the ticks of `keys`, then shows them.
  function set(keys, value) {
    var entries = {};
    keys.forEach(function (key) {
      entries[key] = value;
      if (value === null) { delete state[key]; } else { state[key] = value; }
    });
    boxes().forEach(function (box) { box.checked = isChecked(box); });
    refresh();
    call("merge", { name: "ticks", entries: entries }, function (reply) {
      if (!reply.ok) { status(strings.save_failed || "Your progress could not be kept: this browser's storage is full or blocked."); }
    });
  }

  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function addTools() {
    document.querySelectorAll(".checklist").forEach(function (list) {
      if (list.parentElement.closest(".checklist")) { return; }
      var tools = document.createElement("p");
      tools.className = "checklist-tools";
      var progress = document.createElement("span");
      progress.className = "checklist-progress";
      progress.setAttribute("aria-live", "polite");
      tools.appendChild(progress);
      // One mis-tap on a phone must not lose a list: unticking can be undone
      // until the next tick.
      var notice = document.createElement("span");
      notice.className = "checklist-notice";
      notice.setAttribute("aria-live", "polite");
      var reset;
      var undo = button(strings.undo || "Undo", function () {
        var prior = undo.prior || {};
        undo.hidden = true;
        notice.textContent = "";
        var byValue = {};
        Object.keys(prior).forEach(function (key) {
          var value = prior[key] === undefined ? "null" : String(prior[key]);
          (byValue[value] = byValue[value] || []).push(key);
        });
        Object.keys(byValue).forEach(function (value) {
          set(byValue[value], value === "null" ? null : value === "true");
        });
        reset.focus();
      });
      undo.hidden = true;
      undo.setAttribute("data-undo", "");
      reset = tools.appendChild(button(strings.reset || "Reset", function () {
        var keys = boxes(list).map(function (b) { return b.getAttribute("data-check"); });
        undo.prior = {};
        keys.forEach(function (key) { undo.prior[key] = state[key]; });
        set(keys, null);
        undo.hidden = false;
        notice.textContent = strings.reset_done || "List unticked.";
      }));
      tools.appendChild(notice);
      tools.appendChild(undo);
      list.addEventListener("change", function () { undo.hidden = true; notice.textContent = ""; });
      list.parentNode.insertBefore(tools, list.nextSibling);
    });
  }

  // A message in the settings panel.
  function status(text) {
    var el = document.querySelector("[data-import-status]");
    if (el) { el.textContent = text; el.hidden = false; }
  }

  function settings() {
    var panel = document.querySelector("[data-progress-settings]");
    if (!panel) { return; }
    panel.hidden = false;
    var toggle = panel.querySelector("[data-session-only]");
    toggle.addEventListener("change", function () {
      call("session-only", { on: toggle.checked }, function (reply) {
        if (!reply.ok) { status(strings.save_failed || "Your progress could not be kept: this browser's storage is full or blocked."); }
        apply();
      });
    });
    var resetAll = panel.querySelector("[data-reset-all]");
    if (resetAll) {
      resetAll.addEventListener("click", function () {
        if (window.confirm(strings.reset_all_confirm || "Untick every item of the guide?")) {
          call("set", { values: { ticks: null } }, function () { apply(); });
        }
      });
    }
    var forget = panel.querySelector("[data-forget-all]");
    if (forget) {
      forget.addEventListener("click", function () {
        if (window.confirm(strings.forget_all_confirm || "Forget everything this guide kept on this device?")) {
          call("forget", {}, function () {
            status(strings.forget_done || "Everything this guide kept on this device is forgotten.");
            apply();
            var input = document.querySelector("[data-review-date-input]");
            if (input) { input.dispatchEvent(new Event("uprkit:forgotten")); }
          });
        }
      });
    }
    var exportButton = panel.querySelector("[data-export]");
    if (exportButton) {
      exportButton.addEventListener("click", function () {
        call("get", { names: ["ticks"] }, function (reply) {
          var data = JSON.stringify({ uprkit: site, checks: (reply.ok && reply.values.ticks) || {} }, null, 1);
          var link = document.createElement("a");
          link.href = URL.createObjectURL(new Blob([data], { type: "application/json" }));
          link.download = "uprkit-progress.json";
          document.body.appendChild(link);
          link.click();
          link.remove();
        });
      });
    }
    var importInput = panel.querySelector("[data-import]");
    if (importInput) {
      importInput.addEventListener("change", function () {
        var file = importInput.files && importInput.files[0];
        importInput.value = "";
        if (!file) { return; }
        // A progress file of the largest guide is far smaller than this.
        if (file.size > 2 * 1024 * 1024) {
          status((strings.import_too_large || "This file is too large to be a progress file ({size} MB).")
            .replace("{size}", (file.size / 1048576).toFixed(1)));
          return;
        }
        var reader = new FileReader();
        reader.onload = function () {
          var file, checks;
          try { file = JSON.parse(reader.result); } catch (e) { file = null; }
          checks = file && file.checks;
          if (!checks || typeof checks !== "object" || Array.isArray(checks) || typeof file.uprkit !== "string") {
            status(strings.import_failed || "This file is not a progress file.");
            return;
          }
          // Saved from another guide (the file names the guide it was saved from).
          if (file.uprkit !== site) {
            status(strings.import_other_guide || "This progress file was saved from another guide: nothing was loaded.");
            return;
          }
          // Only the items of this guide (`page#item`), and only true or
          // false. In a Set: `constructor` or `toString` is no item.
          var index = window.UPRKIT_CHECKLISTS, known = null;
          if (index) {
            known = new Set();
            Object.keys(index.phases).forEach(function (phase) {
              index.phases[phase].items.forEach(function (key) { known.add(key); });
            });
          }
          var entries = Object.create(null);
          Object.keys(checks).forEach(function (key) {
            if (typeof checks[key] === "boolean" && (known ? known.has(key) : key.indexOf("#") >= 0)) { entries[key] = checks[key]; }
          });
          call("merge", { name: "ticks", entries: entries }, function (reply) {
            status(reply.ok ? (strings.import_done || "Progress loaded from the file.")
              : (strings.save_failed || "Your progress could not be kept: this browser's storage is full or blocked."));
            apply();
          });
        };
        reader.onerror = function () { status(strings.import_failed || "This file is not a progress file."); };
        reader.readAsText(file);
      });
    }
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.matches("input.check[data-check]")) { return; }
    set([box.getAttribute("data-check")], box.checked);
  });

  // --- Key dates -----------------------------------------------------------
  // The reader may enter their own country's review date; the timeline is
  // computed with the same offsets as the build's, and the date kept in the
  // store. Dates are written with the page's words for them, as the build
  // writes them (UN style in English: 20 June 2027); the steps other than
  // the review are "around" a month. The calendar file is made in the page
  // from the dates shown, so it is the reader's, also from file://.
  function writtenDate(date, exact) {
    function names(key, fallback) {
      return (strings[key] || fallback).split(/[,\u060c]/).map(function (name) { return name.trim(); });
    }
    var months = "January, February, March, April, May, June, July, August, September, October, November, December";
    var weekdays = "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday";
    var month = date.getUTCMonth();
    var year = String(date.getUTCFullYear());
    if (!exact) {
      return (strings.date_format_month || "{month} {year}").replace("{month}", names("month_names", months)[month])
        .replace("{year}", year);
    }
    return (strings.date_format || "{day} {month} {year}")
      .replace("{weekday}", names("weekday_names", weekdays)[(date.getUTCDay() + 6) % 7])
      .replace("{day}", String(date.getUTCDate()))
      .replace("{month}", names("month_names_in_date", months)[month])
      .replace("{year}", year);
  }

  // RFC 5545: escaped text, lines folded at 75 octets.
  function icsText(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
  }
  var utf8 = new TextEncoder();
  function icsLine(line) {
    var out = "", width = 0;
    for (var i = 0; i < line.length; i++) {
      var c = line[i];
      var code = line.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) { c += line[++i]; }
      var size = utf8.encode(c).length;
      if (width + size > 75) { out += "\r\n "; width = 1; }
      out += c;
      width += size;
    }
    return out + "\r\n";
  }
  function compact(date) { return date.toISOString().slice(0, 10).replace(/-/g, ""); }

  function keyDates() {
    var article = document.querySelector("[data-key-dates]");
    if (!article) { return; }
    var form = article.querySelector("[data-review-date-form]");
    var input = form.querySelector("[data-review-date-input]");
    var configured = article.getAttribute("data-review-date") || "";
    var around = (article.getAttribute("data-around") || "{date}").split("{date}");
    var download = article.querySelector("[data-calendar-download]");
    var link = download && download.querySelector("[data-calendar]");
    var fileUrl = null;
    form.hidden = false;
    function shift(value, months, days) {
      var p = value.split("-").map(Number);
      var first = new Date(Date.UTC(p[0], p[1] - 1 + months, 1));
      var last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
      first.setUTCDate(Math.min(p[2], last) + days);
      return first;
    }
    function calendar(value, rows) {
      var title = (article.querySelector("h1") || { textContent: "" }).textContent.trim();
      var out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//uprkit//key dates//EN\r\nCALSCALE:GREGORIAN\r\n";
      out += icsLine("X-WR-CALNAME:" + icsText(title));
      var stamp = value.replace(/-/g, "") + "T000000Z";
      rows.forEach(function (row) {
        var start = row.date, end;
        if (row.exact) {
          end = new Date(start.getTime() + 86400000);
        } else {
          start = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
          end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
        }
        out += "BEGIN:VEVENT\r\n";
        out += "UID:" + compact(start) + "-" + row.id.replace(/_/g, "-") + "@uprkit\r\n";
        out += "DTSTAMP:" + stamp + "\r\n";
        out += "DTSTART;VALUE=DATE:" + compact(start) + "\r\nDTEND;VALUE=DATE:" + compact(end) + "\r\n";
        out += icsLine("SUMMARY:" + icsText(row.name));
        out += icsLine("DESCRIPTION:" + icsText(row.when));
        out += "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n";
      });
      return out + "END:VCALENDAR\r\n";
    }
    function render(value) {
      var valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !isNaN(Date.parse(value));
      var rows = [];
      article.querySelectorAll("tr[data-months]").forEach(function (row) {
        var cell = row.querySelector("[data-date]");
        cell.textContent = "";
        if (!valid) { return; }
        var date = shift(value, Number(row.getAttribute("data-months")), Number(row.getAttribute("data-days")));
        var exact = row.hasAttribute("data-exact");
        // Written out with the page's words for dates, as the build writes them.
        var time = document.createElement("time");
        if (exact) {
          time.setAttribute("datetime", date.toISOString().slice(0, 10));
          time.textContent = writtenDate(date, true);
          cell.appendChild(time);
        } else {
          time.setAttribute("datetime", date.toISOString().slice(0, 7));
          time.textContent = writtenDate(date, false);
          cell.appendChild(document.createTextNode(around[0] || ""));
          cell.appendChild(time);
          cell.appendChild(document.createTextNode(around[1] || ""));
        }
        var cells = row.querySelectorAll("th, td");
        rows.push({ id: row.getAttribute("data-id"), name: cells[0].textContent.trim(), when: cells[1].textContent.trim(), date: date, exact: exact });
      });
      var note = article.querySelector("[data-no-date]");
      if (note) { note.hidden = valid; }
      if (!link) { return; }
      if (fileUrl) { URL.revokeObjectURL(fileUrl); fileUrl = null; }
      download.hidden = !valid;
      if (valid) {
        fileUrl = URL.createObjectURL(new Blob([calendar(value, rows)], { type: "text/calendar;charset=utf-8" }));
        link.setAttribute("href", fileUrl);
        link.setAttribute("download", "upr-key-dates.ics");
      }
    }
    function show() {
      call("get", { names: ["date"] }, function (reply) {
        input.value = (reply.ok && reply.values.date) || configured;
        render(input.value);
      });
    }
    show();
    input.addEventListener("uprkit:forgotten", show);
    input.addEventListener("change", function () {
      call("set", { values: { date: input.value || null } });
      render(input.value);
    });
    form.querySelector("[data-review-date-clear]").addEventListener("click", function () {
      call("set", { values: { date: null } });
      input.value = configured;
      render(configured);
    });
  }

  // Search: the index of this language is a script, loaded on first use
  // (a script tag works from file://, where fetch does not).
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/\u0640/g, "")
      .replace(/\u0671/g, "\u0627").replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647").toLowerCase();
  }
  // Folds `text` and keeps, for each folded character, where it came from.
  function foldWithMap(text) {
    var out = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var folded = fold(text[i]);
      for (var j = 0; j < folded.length; j++) { out += folded[j]; map.push(i); }
    }
    map.push(text.length);
    return { text: out, map: map };
  }
  function search() {
    var form = document.querySelector("[data-search]");
    if (!form) { return; }
    form.hidden = false;
    var input = form.querySelector("input");
    var list = form.querySelector(".search-results");
    var status = form.querySelector(".search-status");
    var base = form.getAttribute("data-root") || "./";
    var loading = false, docs = null, words = null, active = -1, pending = null, moved = false, showAll = false;
    var SHOWN = 8;
    var SPLIT = /[\s.,;:!?()«»"“”'’،؛。，、；：？！（）]+/;
    function load(then) {
      if (window.UPRKIT_SEARCH) { prepare(); then(); return; }
      pending = then;
      if (loading) { return; }
      loading = true;
      var script = document.createElement("script");
      script.src = form.getAttribute("data-index");
      script.onload = function () { prepare(); if (pending) { pending(); } };
      document.head.appendChild(script);
    }
    function prepare() {
      if (docs) { return; }
      var index = window.UPRKIT_SEARCH;
      docs = index.sections.map(function (s) {
        var page = index.pages[s.p];
        return { page: page, pageIndex: s.p, heading: s.h, id: s.a, text: s.x,
          title: fold(page.t), head: fold(s.h || ""), body: fold(s.x) };
      });
      // Words of five letters or more, for a term typed with one mistake.
      words = {};
      docs.forEach(function (doc) {
        [doc.title, doc.head, doc.body].join(" ").split(SPLIT).forEach(function (w) {
          if (w.length >= 5 && !/[\u3000-\u9fff]/.test(w)) { words[w] = true; }
        });
      });
    }
    // Whether `a` and `b` differ by one letter added, removed, changed or two swapped.
    function oneEdit(a, b) {
      if (Math.abs(a.length - b.length) > 1 || a === b) { return false; }
      var i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) { i++; }
      if (a.length === b.length) {
        return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
      }
      return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
    }
    // The forms a term is looked for in: itself, or if the guide never has
    // it, the guide's words one mistake away from it.
    function forms(term) {
      var found = docs.some(function (doc) { return doc.body.indexOf(term) !== -1 || doc.title.indexOf(term) !== -1 || doc.head.indexOf(term) !== -1; });
      if (found || term.length < 5 || /[\u3000-\u9fff]/.test(term)) { return [term]; }
      var near = Object.keys(words).filter(function (w) { return oneEdit(term, w); });
      return near.length ? near : [term];
    }
    function count(haystack, needle) {
      var n = 0, at = haystack.indexOf(needle);
      while (at !== -1 && n < 10) { n++; at = haystack.indexOf(needle, at + needle.length); }
      return n;
    }
    function snippet(doc, terms) {
      var folded = foldWithMap(doc.text);
      var at = -1, term = "";
      terms.forEach(function (t) { var i = folded.text.indexOf(t); if (i !== -1 && (at === -1 || i < at)) { at = i; term = t; } });
      var span = document.createElement("span");
      span.className = "result-snippet";
      if (at === -1) { span.textContent = cut(doc.text, 0, 140); return span; }
      var start = folded.map[at], end = folded.map[at + term.length];
      // Cut at spaces, so that no word is shown in part (text without
      // spaces, as Chinese, is cut where it must).
      var from = Math.max(0, start - 60), to = Math.min(doc.text.length, end + 80);
      var space = doc.text.lastIndexOf(" ", from);
      if (from > 0 && space !== -1 && start - space < 90) { from = space + 1; }
      space = doc.text.indexOf(" ", to);
      if (to < doc.text.length && space !== -1 && space - end < 110) { to = space; }
      span.appendChild(document.createTextNode((from > 0 ? "… " : "") + doc.text.slice(from, start)));
      var mark = document.createElement("mark");
      mark.textContent = doc.text.slice(start, end);
      span.appendChild(mark);
      span.appendChild(document.createTextNode(doc.text.slice(end, to) + (to < doc.text.length ? " …" : "")));
      return span;
    }
    function cut(text, from, to) {
      if (to >= text.length) { return text; }
      var space = text.lastIndexOf(" ", to);
      return text.slice(from, space > from + 40 ? space : to) + " …";
    }
    function select(index) {
      var items = list.querySelectorAll("li[role=option]");
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; }
    function run() {
      var terms = fold(input.value).split(SPLIT).filter(Boolean);
      list.textContent = "";
      moved = false;
      if (!terms.length) { close(); return; }
      var looked = terms.map(forms);
      var marked = [].concat.apply([], looked);
      // Each page once: its best section leads, the page's score is theirs together.
      var pages = {};
      docs.forEach(function (doc) {
        var score = 0;
        for (var i = 0; i < looked.length; i++) {
          var s = 0;
          looked[i].forEach(function (t) {
            s = Math.max(s, (doc.title.indexOf(t) !== -1 ? 5 : 0) + (doc.head.indexOf(t) !== -1 ? 3 : 0) + count(doc.body, t));
          });
          if (!s) { return; }
          score += s;
        }
        var page = pages[doc.pageIndex];
        if (!page) { page = pages[doc.pageIndex] = { doc: doc, best: score, score: 0 }; }
        else if (score > page.best) { page.doc = doc; page.best = score; }
        page.score += score;
      });
      var results = Object.keys(pages).map(function (k) { return pages[k]; });
      results.sort(function (a, b) { return b.score - a.score; });
      terms = marked;
      var shown = showAll ? results : results.slice(0, SHOWN);
      shown.forEach(function (result, i) {
        // An option, not a link inside one: the listbox pattern; choosing it
        // (click or Enter) opens the page at the heading.
        var doc = result.doc, item = document.createElement("li"), link = document.createElement("span");
        item.setAttribute("role", "option");
        item.id = "search-result-" + i;
        item.setAttribute("data-href", base + doc.page.u + (doc.id ? "#" + doc.id : ""));
        item.addEventListener("click", function () { window.location.href = item.getAttribute("data-href"); });
        link.className = "result-link";
        var title = document.createElement("span");
        title.className = "result-title";
        title.textContent = doc.page.t;
        link.appendChild(title);
        var meta = document.createElement("span");
        meta.className = "result-meta";
        meta.textContent = [doc.page.ph, doc.heading].filter(Boolean).join(" › ");
        if (meta.textContent) { link.appendChild(meta); }
        link.appendChild(snippet(doc, terms));
        item.appendChild(link);
        list.appendChild(item);
      });
      if (shown.length < results.length) {
        // Enter, or choosing this, lists them all.
        var more = document.createElement("li");
        more.setAttribute("role", "option");
        more.id = "search-result-all";
        more.className = "result-all";
        more.setAttribute("data-all", "");
        more.textContent = format(strings.search_all || "All {total} results", 0, results.length);
        more.addEventListener("click", function () { showAll = true; run(); input.focus(); });
        list.appendChild(more);
      }
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "result-none";
        none.textContent = status.getAttribute("data-none");
        list.appendChild(none);
      }
      status.textContent = results.length ? String(results.length) : status.getAttribute("data-none");
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      select(results.length ? 0 : -1);
    }
    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("input", function () { showAll = false; load(run); });
    input.addEventListener("keydown", function (event) {
      var items = list.querySelectorAll("li[role=option]");
      if (event.key === "ArrowDown" && items.length) { event.preventDefault(); moved = true; select((active + 1) % items.length); }
      else if (event.key === "ArrowUp" && items.length) { event.preventDefault(); moved = true; select((active - 1 + items.length) % items.length); }
      else if (event.key === "Enter") {
        event.preventDefault();
        var chosen = items[active];
        var all = list.querySelector("[data-all]");
        // Enter without choosing: every result; on a result: open it.
        if ((all && !moved) || (chosen && chosen.hasAttribute("data-all"))) { showAll = true; run(); return; }
        if (chosen) { window.location.href = chosen.getAttribute("data-href"); }
      } else if (event.key === "Escape") { input.value = ""; close(); }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) { close(); } });
  }

  // --- Downloads and printing ----------------------------------------------
  // Each download shows its size, from _uprkit/downloads.js (written once the
  // zips exist); a download the build did not make (the zip, inside the zip
  // or in serve) is left out.
  function downloads() {
    var sizes = window.uprkitSizes || {};
    var lang = root.getAttribute("lang") || "en";
    var unit = function (name) {
      try { return new Intl.NumberFormat(lang, { style: "unit", unit: name, maximumFractionDigits: 1 }); }
      catch (e) { return { format: function (n) { return n + (name === "megabyte" ? " MB" : " kB"); } }; }
    };
    var mb = unit("megabyte"), kb = unit("kilobyte");
    document.querySelectorAll("[data-size-of]").forEach(function (link) {
      var bytes = sizes[link.getAttribute("data-size-of")];
      var item = link.closest("[data-needs-size]");
      if (typeof bytes !== "number") {
        if (item) { item.hidden = true; }
        return;
      }
      var size = document.createElement("span");
      size.className = "download-size";
      size.textContent = bytes >= 1e6 ? mb.format(bytes / 1e6) : kb.format(Math.max(1, Math.round(bytes / 1e3)));
      link.parentNode.insertBefore(size, link.nextSibling);
    });
    document.querySelectorAll("[data-print-tools]").forEach(function (tools) {
      tools.hidden = false;
      tools.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    });
  }

  // --- Slides ----------------------------------------------------------------
  // A page is presented as slides from its address (`#present`, or
  // `#presenter` for the presenter's window) or its "Present" button:
  // slides.js is loaded then (a script tag works from file://), or is there
  // already (a handout of slides).
  function slides() {
    var src = holder && holder.getAttribute("data-uprkit-slides");
    function load(then) {
      if (window.uprkitSlides) { then(); return; }
      if (!src) { return; }
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = src.replace(/\.js$/, ".css");
      document.head.appendChild(style);
      var script = document.createElement("script");
      script.src = src;
      script.onload = then;
      document.head.appendChild(script);
    }
    function wanted() { return /^#present(er)?(-\d+)?$/.test(location.hash); }
    // A handout of slides starts itself (slides.js follows this script).
    if (!document.querySelector("article.page .content") || document.querySelector("[data-slides-deck]")) { return; }
    document.querySelectorAll("[data-present]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function (event) {
        event.preventDefault();
        load(function () { window.uprkitSlides.start(0); });
      });
    });
    if (wanted()) { load(function () { window.uprkitSlides.start(); }); }
    window.addEventListener("hashchange", function () {
      if (wanted()) { load(function () { window.uprkitSlides.start(); }); }
    });
  }

  // --- Quick exit ------------------------------------------------------------
  // With `quick_exit` on: the button or Shift three times empties the page
  // and replaces it with the neutral site; the guide's own links are
  // followed in place, so the guide takes a single entry of the tab's
  // history and leaving leaves no page of it behind.
  function quickExit() {
    var button = document.querySelector("[data-quick-exit]");
    if (!button) { return; }
    var to = button.getAttribute("href");
    function leave(event) {
      if (event) { event.preventDefault(); }
      document.title = "";
      document.body.textContent = "";
      window.location.replace(to);
    }
    button.addEventListener("click", leave);
    var presses = [];
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") { presses = []; return; }
      var now = Date.now();
      presses = presses.filter(function (t) { return now - t < 1500; });
      presses.push(now);
      if (presses.length >= 3) { leave(); }
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || link === button || event.defaultPrevented || link.hasAttribute("download") || link.getAttribute("target")) { return; }
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
      var href = link.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") { return; }
      event.preventDefault();
      // (An SVG link's `href` is not a string: resolve the attribute.)
      window.location.replace(new URL(href, window.location.href).href);
    });
  }

  // --- Menu on phones -------------------------------------------------------
  // Without the script, "Menu" is a link down to the navigation after the
  // text. With it, a button that opens the navigation in place, under the
  // header (aria-expanded; Escape closes it and gives focus back).
  function menu() {
    var link = document.querySelector("a.menu-link");
    var nav = document.getElementById("site-nav");
    if (!link || !nav) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "menu-link menu-button";
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "site-nav");
    link.parentNode.replaceChild(button, link);
    function set(open) {
      root.classList.toggle("nav-open", open);
      button.setAttribute("aria-expanded", String(open));
      if (open) {
        var first = nav.querySelector("a");
        if (first) { first.focus(); }
      }
    }
    button.addEventListener("click", function () { set(!root.classList.contains("nav-open")); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && root.classList.contains("nav-open")) { set(false); button.focus(); }
    });
  }

  root.classList.add("js");
  // For the page's other scripts (the recommendations matrix).
  window.uprkitStore = { call: call };
  menu();
  quickExit();
  downloads();
  fullNav();
  search();
  addTools();
  settings();
  open();
  slides();
})();
