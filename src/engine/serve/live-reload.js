// Injected by `uprkit serve` only: reloads the page after a rebuild and shows
// a failed build's error over the page until the next good build.
(function () {
  var source = new EventSource("/__uprkit/events");
  var overlay = null;
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("failed", function (event) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "uprkit-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;" +
        "background:#2b0b0b;color:#ffe9e9;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.5rem;" +
        "white-space:pre-wrap;border-top:4px solid #e5484d;direction:ltr;text-align:left";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "uprkit: the last change could not be built; this page shows the last good build.\n\n" + event.data;
  });
})();
