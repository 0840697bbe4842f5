/* uprkit: the slides feature's part of the page script. A page is
   presented as slides from its address (`#present`, or `#presenter` for
   the presenter's window) or its "Present" button: what makes the slides,
   _uprkit/slides-deck.js, and what shows them, _uprkit/slides.js, are
   loaded then (a script tag works from file://), or are there already (a
   handout of slides). */
uprkit.part((function () {
  "use strict";
  function slides() {
    var src = uprkit.holder && uprkit.holder.getAttribute("data-uprkit-slides");
    function load(then) {
      if (window.uprkitSlides) { then(); return; }
      if (!src) { return; }
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = src.replace(/\.js$/, ".css");
      document.head.appendChild(style);
      uprkit.load("uprkitSlideDeck", src.replace(/slides\.js$/, "slides-deck.js"), function () {
        uprkit.load("uprkitSlides", src, then);
      });
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
  return { start: slides };
})());
