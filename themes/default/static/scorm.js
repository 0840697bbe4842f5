/* uprkit in a learning platform (SCORM 1.2). Inlined in every handout, so
   that a phase's handout, as built, is a SCO of the packages
   handouts/<lang>/scorm*.zip. In a platform's frame, it finds the
   platform's SCORM API (the standard search: this window's parents, then
   its opener's) and reports the part completed once every checklist item
   in it is ticked, or, with no checklist, once the reader reaches its end.
   The ticks are kept in the platform's record as well, so they follow the
   learner to another computer. Opened on its own there is no API, which is
   no error: nothing happens. */
(function () {
  "use strict";
  function findScorm(win) {
    for (var tries = 0; win && tries < 8; tries++) {
      try { if (win.API) { return win.API; } } catch (e) { return null; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  function scorm() {
    if (window.parent === window && !window.opener) { return; }
    var api = findScorm(window.parent !== window ? window.parent : null);
    if (!api && window.opener) { api = findScorm(window.opener); }
    if (!api || String(api.LMSInitialize("")) !== "true") { return; }
    var done = String(api.LMSGetValue("cmi.core.lesson_status")) === "completed";
    if (!done) {
      api.LMSSetValue("cmi.core.lesson_status", "incomplete");
      api.LMSCommit("");
    }
    var finished = false;
    function finish() {
      if (finished) { return; }
      finished = true;
      // Not done yet: the platform keeps the record for the next visit.
      api.LMSSetValue("cmi.core.exit", done ? "" : "suspend");
      api.LMSFinish("");
    }
    function complete() {
      if (done) { return; }
      done = true;
      api.LMSSetValue("cmi.core.lesson_status", "completed");
      api.LMSCommit("");
    }
    // The page's checklist items, as the page script shows them.
    var all = Array.prototype.slice.call(document.querySelectorAll("input.check[data-check]"));
    var ticked = function (box) { return box.checked; };
    // The learner's ticks are kept in the platform's record too
    // (cmi.suspend_data, 4,096 characters in SCORM 1.2), so that they
    // follow the learner to another computer: the platform's ticks are put
    // back once the page has read its own.
    var saved = null;
    try { saved = JSON.parse(String(api.LMSGetValue("cmi.suspend_data")) || "null"); } catch (e) { saved = null; }
    var restored = !(saved && saved.ticks);
    function record() {
      var ticks = {};
      all.forEach(function (box) { ticks[box.getAttribute("data-check")] = box.checked; });
      var data = JSON.stringify({ ticks: ticks });
      if (data.length > 4096) {
        // Only what is ticked, when every item does not fit.
        Object.keys(ticks).forEach(function (key) { if (!ticks[key]) { delete ticks[key]; } });
        data = JSON.stringify({ ticks: ticks });
      }
      if (data.length <= 4096) {
        api.LMSSetValue("cmi.suspend_data", data);
        api.LMSCommit("");
      }
    }
    if (all.length) {
      // The platform's ticks go back once the page has read its own (at
      // once if it has: a handout's own storage answers at once).
      var begin = function () {
        restored = true;
        if (!saved || !saved.ticks) { return; }
        // As if the learner ticked them: the page script keeps them.
        all.forEach(function (box) {
          var key = box.getAttribute("data-check");
          if (Object.prototype.hasOwnProperty.call(saved.ticks, key) && box.checked !== !!saved.ticks[key]) {
            box.checked = !!saved.ticks[key];
            box.dispatchEvent(new Event("change", { bubbles: true }));
          }
        });
      };
      document.addEventListener("uprkit:ticks", function () {
        if (!restored) { begin(); return; }
        record();
        if (all.every(ticked)) { complete(); }
      });
      if (!restored && document.documentElement.hasAttribute("data-uprkit-ready")) { begin(); }
      if (all.every(ticked)) { complete(); }
    } else {
      var end = document.createElement("div");
      end.setAttribute("data-scorm-end", "");
      (document.querySelector("main, body") || document.body).appendChild(end);
      if ("IntersectionObserver" in window) {
        new IntersectionObserver(function (seen) {
          if (seen.some(function (entry) { return entry.isIntersecting; })) { complete(); }
        }).observe(end);
      }
    }
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  }

  scorm();
})();
