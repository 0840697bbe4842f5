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
  try { strings = JSON.parse(root.getAttribute("data-uprkit-strings") || "{}"); } catch (e) { strings = {}; }

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
  function save(state) {
    var s = store();
    if (s) { try { s.setItem(STATE, JSON.stringify(state)); } catch (e) { /* storage full or blocked */ } }
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
    if (importInput) {
      importInput.addEventListener("change", function () {
        var file = importInput.files && importInput.files[0];
        if (!file) { return; }
        var reader = new FileReader();
        reader.onload = function () {
          try {
            var data = JSON.parse(reader.result);
            var checks = data && data.checks;
            if (!checks || typeof checks !== "object") { throw new Error("no checks"); }
            var state = load();
            Object.keys(checks).forEach(function (key) { state[key] = checks[key] === true; });
            save(state);
            apply();
          } catch (e) {
            window.alert(strings.import_failed || "This file is not a progress file.");
          }
          importInput.value = "";
        };
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
        var time = row.querySelector("time");
        if (!valid) { time.textContent = ""; time.removeAttribute("datetime"); return; }
        var date = shift(value, Number(row.getAttribute("data-months")), Number(row.getAttribute("data-days")));
        time.setAttribute("datetime", date.toISOString().slice(0, 10));
        time.textContent = date.toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
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

  root.classList.add("js");
  keyDates();
  addTools();
  settings();
  apply();
})();
