/* uprkit: the checklists feature's part of the page script. Ticks are kept
   by the store (core.js) under `ticks`, by key `<page slug>#<item id>`, the
   same in every language, so that progress follows the reader across
   translations; the navigation shows progress per phase from
   checklists.<lang>.js (window.UPRKIT_CHECKLISTS: by phase, its `items` and
   those `checked` in the Markdown). The settings panel keeps, forgets,
   exports and imports them. Without JavaScript the boxes are plain
   checkboxes. */
uprkit.part((function () {
  "use strict";
  var own = uprkit.own, strings = {};
  var state = {};
  function format(template, done, total) {
    return template.replace("{done}", done).replace("{total}", total);
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
    uprkit.call("get", { names: ["ticks"] }, function (reply) {
      state = (reply.ok && reply.values.ticks) || {};
      var toggle = document.querySelector("[data-session-only]");
      if (toggle && reply.ok) { toggle.checked = reply.sessionOnly; }
      boxes().forEach(function (box) { box.checked = isChecked(box); });
      refresh();
      // The page shows what is kept (tests and scripts wait for this).
      document.documentElement.setAttribute("data-uprkit-ready", "");
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
        var full = format(strings.progress_phase, done, items.length);
        el.textContent = "";
        var shown = document.createElement("span");
        shown.setAttribute("aria-hidden", "true");
        shown.textContent = format(strings.progress_short, done, items.length);
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
    uprkit.call("merge", { name: "ticks", entries: entries }, function (reply) {
      if (!reply.ok) { status(strings.save_failed); }
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
      var undo = button(strings.undo, function () {
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
      reset = tools.appendChild(button(strings.reset, function () {
        var keys = boxes(list).map(function (b) { return b.getAttribute("data-check"); });
        undo.prior = {};
        keys.forEach(function (key) { undo.prior[key] = state[key]; });
        set(keys, null);
        undo.hidden = false;
        notice.textContent = strings.reset_done;
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
      uprkit.call("session-only", { on: toggle.checked }, function (reply) {
        if (!reply.ok) { status(strings.save_failed); }
        apply();
      });
    });
    var resetAll = panel.querySelector("[data-reset-all]");
    if (resetAll) {
      resetAll.addEventListener("click", function () {
        if (window.confirm(strings.reset_all_confirm)) {
          uprkit.call("set", { values: { ticks: null } }, function () { apply(); });
        }
      });
    }
    var forget = panel.querySelector("[data-forget-all]");
    if (forget) {
      forget.addEventListener("click", function () {
        if (window.confirm(strings.forget_all_confirm)) {
          uprkit.call("forget", {}, function () {
            status(strings.forget_done);
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
        uprkit.call("get", { names: ["ticks"] }, function (reply) {
          var data = JSON.stringify({ uprkit: uprkit.site, checks: (reply.ok && reply.values.ticks) || {} }, null, 1);
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
          status(strings.import_too_large
            .replace("{size}", (file.size / 1048576).toFixed(1)));
          return;
        }
        var reader = new FileReader();
        reader.onload = function () {
          var file, checks;
          try { file = JSON.parse(reader.result); } catch (e) { file = null; }
          checks = file && file.checks;
          if (!checks || typeof checks !== "object" || Array.isArray(checks) || typeof file.uprkit !== "string") {
            status(strings.import_failed);
            return;
          }
          // Saved from another guide (the file names the guide it was saved from).
          if (file.uprkit !== uprkit.site) {
            status(strings.import_other_guide);
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
          uprkit.call("merge", { name: "ticks", entries: entries }, function (reply) {
            status(reply.ok ? strings.import_done
              : strings.save_failed);
            apply();
          });
        };
        reader.onerror = function () { status(strings.import_failed); };
        reader.readAsText(file);
      });
    }
  }

  // What the page says about where ticks are kept (WebKit forgetting them
  // when it closes, a page keeping its own) stands just above the first
  // checklist, where the reader ticks, not at the end of the page.
  function placeNotices() {
    var first = document.querySelector("main .checklist");
    if (!first) { return; }
    document.querySelectorAll("[data-storage-session], [data-storage-unshared]").forEach(function (notice) {
      if (!notice.hidden) { first.parentNode.insertBefore(notice, first); }
    });
  }

  return {
    start: function () {
      strings = uprkit.strings;
      addTools();
      settings();
      document.addEventListener("change", function (event) {
        var box = event.target;
        if (!(box instanceof HTMLInputElement) || !box.matches("input.check[data-check]")) { return; }
        set([box.getAttribute("data-check")], box.checked);
      });
    },
    ready: function () {
      placeNotices();
      apply();
    },
    // Reads the ticks again and shows them.
    changed: apply
  };
})());
