/* uprkit: checklists that remember. Ticks are kept in localStorage (which
   also works from file://), or only for this session on a shared device.
   Keys are `<page slug>#<item id>`, the same in every language, so progress
   follows the reader across translations. Without JavaScript the boxes are
   plain checkboxes and nothing here runs. */
(function () {
  "use strict";
  var root = document.documentElement;
  var site = root.getAttribute("data-uprkit-site") || "site";
  var STATE = "uprkit:" + site + ":checks";
  var SESSION_ONLY = "uprkit:" + site + ":session-only";
  var strings = {};
  // On <body>, not <html>: <meta charset> must stay in the first 1024 bytes.
  var holder = document.querySelector("[data-uprkit-strings]");
  try { strings = JSON.parse((holder && holder.getAttribute("data-uprkit-strings")) || "{}"); } catch (e) { strings = {}; }

  function sessionOnly() {
    try { return localStorage.getItem(SESSION_ONLY) === "1"; } catch (e) { return true; }
  }
  function store() {
    try { return sessionOnly() ? sessionStorage : localStorage; } catch (e) { return null; }
  }
  function load() {
    var s = store();
    if (!s) { return {}; }
    try { return JSON.parse(s.getItem(STATE) || "{}") || {}; } catch (e) { return {}; }
  }
  // Returns false when the browser refused (storage full or blocked).
  function save(state) {
    var s = store();
    if (!s) { return false; }
    try { s.setItem(STATE, JSON.stringify(state)); return true; } catch (e) { return false; }
  }
  function format(template, done, total) {
    return (template || "{done} of {total}").replace("{done}", done).replace("{total}", total);
  }
  function boxes(scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll("input.check[data-check]"));
  }
  function isChecked(state, box) {
    var key = box.getAttribute("data-check");
    return Object.prototype.hasOwnProperty.call(state, key) ? state[key] : box.defaultChecked;
  }

  function apply() {
    var state = load();
    boxes().forEach(function (box) { box.checked = isChecked(state, box); });
    refresh(state);
  }

  function refresh(state) {
    state = state || load();
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
        var items = index.phases[el.getAttribute("data-phase-progress")] || [];
        if (!items.length) { return; }
        var done = items.filter(function (item) {
          return Object.prototype.hasOwnProperty.call(state, item[0]) ? state[item[0]] : item[1] === 1;
        }).length;
        el.textContent = format(strings.progress_short || "{done}/{total}", done, items.length);
        el.hidden = false;
      });
    }
  }

  function set(keys, value) {
    var state = load();
    keys.forEach(function (key) {
      if (value === null) { delete state[key]; } else { state[key] = value; }
    });
    save(state);
    apply();
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
      tools.appendChild(button(strings.reset || "Reset", function () {
        set(boxes(list).map(function (b) { return b.getAttribute("data-check"); }), null);
      }));
      list.parentNode.insertBefore(tools, list.nextSibling);
    });
  }

  function settings() {
    var panel = document.querySelector("[data-progress-settings]");
    if (!panel) { return; }
    panel.hidden = false;
    var toggle = panel.querySelector("[data-session-only]");
    toggle.checked = sessionOnly();
    toggle.addEventListener("change", function () {
      var state = load();
      try {
        if (toggle.checked) {
          localStorage.removeItem(STATE);
          localStorage.setItem(SESSION_ONLY, "1");
          sessionStorage.setItem(STATE, JSON.stringify(state));
        } else {
          localStorage.removeItem(SESSION_ONLY);
          localStorage.setItem(STATE, JSON.stringify(state));
          sessionStorage.removeItem(STATE);
        }
      } catch (e) { /* storage blocked */ }
      apply();
    });
    var resetAll = panel.querySelector("[data-reset-all]");
    if (resetAll) {
      resetAll.addEventListener("click", function () {
        if (window.confirm(strings.reset_all_confirm || "Untick every item of the guide?")) {
          var s = store();
          if (s) { s.removeItem(STATE); }
          apply();
        }
      });
    }
    var exportButton = panel.querySelector("[data-export]");
    if (exportButton) {
      exportButton.addEventListener("click", function () {
        var data = JSON.stringify({ uprkit: site, checks: load() }, null, 1);
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([data], { type: "application/json" }));
        link.download = "uprkit-progress.json";
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
    }
    var importInput = panel.querySelector("[data-import]");
    var importStatus = panel.querySelector("[data-import-status]");
    function say(text) {
      if (importStatus) { importStatus.textContent = text; importStatus.hidden = false; }
    }
    if (importInput) {
      importInput.addEventListener("change", function () {
        var file = importInput.files && importInput.files[0];
        importInput.value = "";
        if (!file) { return; }
        // A progress file of the largest guide is far smaller than this.
        if (file.size > 2 * 1024 * 1024) {
          say((strings.import_too_large || "This file is too large to be a progress file ({size} MB).")
            .replace("{size}", (file.size / 1048576).toFixed(1)));
          return;
        }
        var reader = new FileReader();
        reader.onload = function () {
          var checks;
          try { checks = JSON.parse(reader.result).checks; } catch (e) { checks = null; }
          if (!checks || typeof checks !== "object") {
            say(strings.import_failed || "This file is not a progress file.");
            return;
          }
          // Only the items of this guide, and only true or false.
          var index = window.UPRKIT_CHECKLISTS, known = null;
          if (index) {
            known = {};
            Object.keys(index.phases).forEach(function (phase) {
              index.phases[phase].forEach(function (item) { known[item[0]] = true; });
            });
          }
          var state = load();
          Object.keys(checks).forEach(function (key) {
            if (typeof checks[key] === "boolean" && (!known || known[key])) { state[key] = checks[key]; }
          });
          if (save(state)) {
            say(strings.import_done || "Progress loaded from the file.");
          } else {
            say(strings.save_failed || "Your progress could not be kept: this browser's storage is full or blocked.");
          }
          apply();
        };
        reader.onerror = function () { say(strings.import_failed || "This file is not a progress file."); };
        reader.readAsText(file);
      });
    }
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.matches("input.check[data-check]")) { return; }
    var state = load();
    state[box.getAttribute("data-check")] = box.checked;
    save(state);
    // The same item may appear twice (on the checklists page): keep both in step.
    boxes().forEach(function (other) {
      if (other !== box && other.getAttribute("data-check") === box.getAttribute("data-check")) { other.checked = box.checked; }
    });
    refresh(state);
  });
  // Another tab or window changed the ticks.
  window.addEventListener("storage", function (event) { if (event.key === STATE) { apply(); } });

  // Key dates: the reader may enter their own country's review date; the
  // timeline is computed with the same offsets as the build's.
  function keyDates() {
    var article = document.querySelector("[data-key-dates]");
    if (!article) { return; }
    var form = article.querySelector("[data-review-date-form]");
    var input = form.querySelector("[data-review-date-input]");
    var KEY = "uprkit:" + site + ":review-date";
    var configured = article.getAttribute("data-review-date") || "";
    var lang = root.getAttribute("lang") || "en";
    form.hidden = false;
    function stored() { var s = store(); try { return (s && s.getItem(KEY)) || ""; } catch (e) { return ""; } }
    function shift(value, months, days) {
      var p = value.split("-").map(Number);
      var first = new Date(Date.UTC(p[0], p[1] - 1 + months, 1));
      var last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
      first.setUTCDate(Math.min(p[2], last) + days);
      return first;
    }
    function render(value) {
      var valid = /^\d{4}-\d{2}-\d{2}$/.test(value);
      article.querySelectorAll("tr[data-months]").forEach(function (row) {
        var cell = row.querySelector("[data-date]");
        cell.textContent = "";
        if (!valid) { return; }
        var date = shift(value, Number(row.getAttribute("data-months")), Number(row.getAttribute("data-days")));
        var time = document.createElement("time");
        time.setAttribute("datetime", date.toISOString().slice(0, 10));
        time.textContent = date.toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
        cell.appendChild(time);
      });
      var note = article.querySelector("[data-no-date]");
      if (note) { note.hidden = valid; }
    }
    input.value = stored() || configured;
    render(input.value);
    input.addEventListener("change", function () {
      var s = store();
      if (s) { try { if (input.value) { s.setItem(KEY, input.value); } else { s.removeItem(KEY); } } catch (e) { /* blocked */ } }
      render(input.value);
    });
    form.querySelector("[data-review-date-clear]").addEventListener("click", function () {
      var s = store();
      if (s) { try { s.removeItem(KEY); } catch (e) { /* blocked */ } }
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
    var loading = false, docs = null, active = -1, pending = null;
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
        var page = index.pages[s[0]];
        return { page: page, heading: s[1], id: s[2], text: s[3],
          title: fold(page[0]), head: fold(s[1] || ""), body: fold(s[3]) };
      });
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
      if (at === -1) { span.textContent = doc.text.slice(0, 140); return span; }
      var start = folded.map[at], end = folded.map[at + term.length];
      var from = Math.max(0, start - 60), to = Math.min(doc.text.length, end + 80);
      span.appendChild(document.createTextNode((from > 0 ? "… " : "") + doc.text.slice(from, start)));
      var mark = document.createElement("mark");
      mark.textContent = doc.text.slice(start, end);
      span.appendChild(mark);
      span.appendChild(document.createTextNode(doc.text.slice(end, to) + (to < doc.text.length ? " …" : "")));
      return span;
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
      var terms = fold(input.value).split(/[\s.,;:!?()«»"“”'’،؛。，、；：？！（）]+/).filter(Boolean);
      list.textContent = "";
      if (!terms.length) { close(); return; }
      var results = [];
      docs.forEach(function (doc) {
        var score = 0;
        for (var i = 0; i < terms.length; i++) {
          var t = terms[i];
          var s = (doc.title.indexOf(t) !== -1 ? 5 : 0) + (doc.head.indexOf(t) !== -1 ? 3 : 0) + count(doc.body, t);
          if (!s) { return; }
          score += s;
        }
        results.push({ doc: doc, score: score });
      });
      results.sort(function (a, b) { return b.score - a.score; });
      results.slice(0, 12).forEach(function (result, i) {
        // An option, not a link inside one: the listbox pattern; choosing it
        // (click or Enter) opens the page at the heading.
        var doc = result.doc, item = document.createElement("li"), link = document.createElement("span");
        item.setAttribute("role", "option");
        item.id = "search-result-" + i;
        item.setAttribute("data-href", base + doc.page[1] + (doc.id ? "#" + doc.id : ""));
        item.addEventListener("click", function () { window.location.href = item.getAttribute("data-href"); });
        link.className = "result-link";
        var title = document.createElement("span");
        title.className = "result-title";
        title.textContent = doc.page[0];
        link.appendChild(title);
        var meta = document.createElement("span");
        meta.className = "result-meta";
        meta.textContent = [doc.page[2], doc.heading].filter(Boolean).join(" › ");
        if (meta.textContent) { link.appendChild(meta); }
        link.appendChild(snippet(doc, terms));
        item.appendChild(link);
        list.appendChild(item);
      });
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
    input.addEventListener("input", function () { load(run); });
    input.addEventListener("keydown", function (event) {
      var items = list.querySelectorAll("li[role=option]");
      if (event.key === "ArrowDown" && items.length) { event.preventDefault(); select((active + 1) % items.length); }
      else if (event.key === "ArrowUp" && items.length) { event.preventDefault(); select((active - 1 + items.length) % items.length); }
      else if (event.key === "Enter") {
        event.preventDefault();
        var chosen = items[active];
        if (chosen) { window.location.href = chosen.getAttribute("data-href"); }
      } else if (event.key === "Escape") { input.value = ""; close(); }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) { close(); } });
  }

  root.classList.add("js");
  search();
  keyDates();
  addTools();
  settings();
  apply();
})();
