/* uprkit in a learning platform (SCORM 1.2). Inlined in every handout, so
   that a phase's handout, as built, is a SCO of the packages
   handouts/<lang>/scorm*.zip. In a platform's frame, it finds the
   platform's SCORM API (the standard search: this window's parents, then
   its opener's) and reports the part completed once every checklist item
   in it is ticked, or, with no checklist, once the reader reaches its end.
   Opened on its own there is no API, which is no error: nothing happens. */
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
      api.LMSFinish("");
    }
    function complete() {
      if (done) { return; }
      done = true;
      api.LMSSetValue("cmi.core.lesson_status", "completed");
      api.LMSCommit("");
    }
    var checks = window.uprkitChecks;
    var all = checks ? checks.all() : [];
    if (all.length) {
      document.addEventListener("uprkit:ticks", function () {
        if (all.every(checks.isChecked)) { complete(); }
      });
      if (all.every(checks.isChecked)) { complete(); }
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
