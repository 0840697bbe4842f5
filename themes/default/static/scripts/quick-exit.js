/* uprkit: quick exit (`quick_exit` in uprkit.yaml). The button or Shift
   three times empties the page and replaces it with the neutral site; the
   guide's own links are followed in place, so the guide takes a single
   entry of the tab's history and leaving leaves no page of it behind. */
uprkit.part((function () {
  "use strict";
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
  return { start: quickExit };
})());
