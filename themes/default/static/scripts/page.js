/* uprkit: the engine's part of the page script, on every page whatever
   the features: the menu on phones, the whole list of a long section,
   the sizes of downloads, the print button, the way back to the top and
   the reader's colours. */
uprkit.part((function () {
  "use strict";
  // --- Menu on phones -------------------------------------------------------
  // Without the script, "Menu" is a link down to the navigation after the
  // text. With it, a button that opens the navigation in place, under the
  // header (aria-expanded; Escape closes it and gives focus back).
  function menu() {
    var root = document.documentElement;
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

  // --- Downloads and printing ----------------------------------------------
  // Each download shows its size, from _uprkit/downloads.js (written once the
  // zips exist); a download the build did not make (the zip, inside the zip
  // or in serve) is left out.
  function downloads() {
    var sizes = window.uprkitSizes || {};
    var lang = document.documentElement.getAttribute("lang") || "en";
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

  // --- Navigation ----------------------------------------------------------
  // A long section's list shows the pages around this one and a link to the
  // section; the whole list is in nav.<lang>.js (window.uprkitNav: by the
  // section's href, its pages' `href`, `title` and, for a page not
  // translated, `lang`), which the page loads before this script. The items
  // already shown are kept (the current page's mark, an open subsection),
  // the others added.
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
      pages.forEach(function (page) {
        var href = prefix + page.href;
        var entry = shown[href];
        if (!entry) {
          entry = document.createElement("li");
          var a = document.createElement("a");
          a.setAttribute("href", href);
          a.textContent = page.title;
          if (page.lang) { a.className = "is-fallback"; a.setAttribute("lang", page.lang); }
          entry.appendChild(a);
        }
        whole.appendChild(entry);
      });
      while (list.firstChild) { list.removeChild(list.firstChild); }
      list.appendChild(whole);
      list.removeAttribute("data-nav-list");
    }
  }

  // --- Back to the top ---------------------------------------------------------
  // On a page longer than a few screens, once the reader is a screen down:
  // a link to the top that takes the focus there too, as the skip link does.
  // Where it would sit over the text (a phone, a tablet), it shows only as
  // the reader scrolls back up, or at the page's end, below the last line:
  // not over the line being read.
  function toTop() {
    var link = document.querySelector("[data-to-top]");
    var main = document.getElementById("main");
    if (!link || !main) { return; }
    var root = document.documentElement, SCREENS = 3;
    var lastY = window.scrollY, up = false, overText = false;
    // Whether the link's corner of the screen is over the text's column.
    function measure() {
      var text = (main.querySelector(".content") || main).getBoundingClientRect();
      var room = 4 * (parseFloat(getComputedStyle(root).fontSize) || 16);
      overText = getComputedStyle(link).direction === "rtl" ? text.left < room : text.right > root.clientWidth - room;
    }
    function update() {
      var y = window.scrollY;
      if (y !== lastY) { up = y < lastY; lastY = y; }
      var long = root.scrollHeight > SCREENS * window.innerHeight;
      var atEnd = y + window.innerHeight >= root.scrollHeight - 2;
      var shown = long && y > window.innerHeight && (!overText || up || atEnd);
      if (root.classList.contains("has-to-top") !== long) { root.classList.toggle("has-to-top", long); }
      if (link.hidden === shown) { link.hidden = !shown; }
    }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.scrollTo(0, 0);
      main.focus({ preventScroll: true });
    });
    window.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", function () { measure(); update(); });
    measure();
    update();
  }

  // --- Colours -----------------------------------------------------------------
  // Light or dark, as the reader chooses in the footer, or "as on this
  // device" (nothing kept: the system's, by the stylesheet's media query).
  // The store keeps the choice as `theme`, as it keeps the reader's other
  // settings ("don't remember" included); partials/colours.html has set it
  // before the page was shown, from the page's own copy (core.js).
  var choice = null;
  function showColours(theme) {
    var root = document.documentElement;
    if (theme === "light" || theme === "dark") { root.setAttribute("data-theme", theme); }
    else { root.removeAttribute("data-theme"); }
    if (choice) { choice.value = root.getAttribute("data-theme") || "auto"; }
  }
  function colours() {
    var holder = document.querySelector("[data-colours]");
    if (!holder) { return; }
    choice = holder.querySelector("select");
    holder.hidden = false;
    showColours(document.documentElement.getAttribute("data-theme"));
    choice.addEventListener("change", function () {
      var theme = choice.value === "auto" ? null : choice.value;
      showColours(theme);
      uprkit.call("set", { values: { theme: theme } });
    });
  }
  function keptColours() {
    uprkit.call("get", { names: ["theme"] }, function (reply) { if (reply.ok) { showColours(reply.values.theme); } });
  }

  return {
    start: function () { menu(); downloads(); fullNav(); toTop(); colours(); },
    ready: keptColours,
    changed: keptColours
  };
})());
