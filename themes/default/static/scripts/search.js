/* uprkit: the search feature's part of the page script. The index of the
   page's language, search-index.<lang>.js (window.UPRKIT_SEARCH: `pages`,
   each `t` its title, `u` its address, `ph` its phase's name; `sections`,
   each `p` its page's place in `pages`, `h` its heading, `a` the heading's
   anchor, `x` its text), and the code that searches it (search-engine.js)
   are scripts loaded on first use (a script tag works from file://, where
   fetch does not). The search runs once the reader pauses. */
(function () {
  "use strict";
  function search() {
    var form = document.querySelector("[data-search]");
    if (!form) { return; }
    form.hidden = false;
    var input = form.querySelector("input");
    var list = form.querySelector(".search-results");
    var status = form.querySelector(".search-status");
    var closer = form.querySelector("[data-search-close]");
    var base = form.getAttribute("data-root") || "./";
    var engine = null, active = -1, moved = false, showAll = false, pending = null, quiet = false;
    var SHOWN = 8;
    // How long the reader pauses before the search runs: a fast typist's
    // letters come quicker than this, and only the last one is searched.
    var PAUSE = 120;
    // Where search opens over the whole screen (the width is uprkit.css's).
    var PANEL = window.matchMedia ? window.matchMedia("(max-width: 40rem)") : { matches: false };
    function load(then) {
      uprkit.load("uprkitSearch", form.getAttribute("data-engine"), function () {
        uprkit.load("UPRKIT_SEARCH", form.getAttribute("data-index"), function () {
          if (!engine) { engine = window.uprkitSearch.searchIndex(window.UPRKIT_SEARCH); }
          then();
        });
      });
    }
    function snippet(doc, forms) {
      var folded = uprkit.foldWithMap(doc.text);
      var at = -1, term = "";
      forms.forEach(function (t) { var i = folded.text.indexOf(t); if (i !== -1 && (at === -1 || i < at)) { at = i; term = t; } });
      var span = document.createElement("span");
      span.className = "result-snippet";
      if (at === -1) { span.textContent = cut(doc.text, 0, 140); return span; }
      // A stem found after the article or a joined preposition is marked
      // with them, as the whole word the guide writes.
      var length = term.length, head = window.uprkitSearch.proclitic(folded.text, at);
      at -= head;
      length += head;
      var start = folded.map[at], end = folded.map[at + length];
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
    // The option chosen; `reveal` scrolls the list to it (not needed for a
    // new list, at its top: asking would lay the page out again).
    function select(index, reveal) {
      var items = list.querySelectorAll("li[role=option]");
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        if (reveal) { items[index].scrollIntoView({ block: "nearest" }); }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    // Where the list goes under the box, along the header, so that all of
    // it is on the screen (the box may be at either end of the header, or
    // alone on its line) and, where the navigation is beside the text (a
    // tablet's or a laptop's layout), over the text's column, not the
    // navigation: measured before the list changes, so that the page is
    // not laid out twice. Over the whole screen on a phone, CSS places it.
    function placement() {
      if (form.hasAttribute("data-open")) { return null; }
      var view = document.documentElement.clientWidth, margin = 8;
      var start = margin, end = view - margin;
      var nav = document.getElementById("site-nav"), main = document.getElementById("main");
      if (nav && main) {
        var aside = nav.getBoundingClientRect(), text = main.getBoundingClientRect();
        if (aside.width && aside.right <= text.left) { start = Math.max(start, text.left); }
        if (aside.width && aside.left >= text.right) { end = Math.min(end, text.right); }
      }
      var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      var width = Math.min(30 * rem, end - start), box = form.getBoundingClientRect();
      // Its end at the box's inline end, as far as the room allows.
      var left = getComputedStyle(form).direction === "rtl" ? box.left : box.right - width;
      left = Math.max(start, Math.min(left, end - width));
      return { left: left - box.left, width: width };
    }
    function place(where) {
      list.style.left = where ? where.left + "px" : "";
      list.style.right = where ? "auto" : "";
      list.style.inlineSize = where ? where.width + "px" : "";
    }
    function openPanel() {
      if (!PANEL.matches || form.hasAttribute("data-open")) { return; }
      form.setAttribute("data-open", "");
      document.documentElement.classList.add("search-open");
    }
    function closePanel() {
      form.removeAttribute("data-open");
      document.documentElement.classList.remove("search-open");
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
      closePanel();
    }
    function run() {
      clearTimeout(pending);
      pending = null;
      list.removeAttribute("aria-busy");
      if (!engine) { return; }
      openPanel();
      var where = placement();
      list.textContent = "";
      moved = false;
      var found = engine.find(input.value);
      if (!found.forms.length) {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        active = -1;
        status.textContent = "";
        return;
      }
      var results = found.results;
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
        link.appendChild(snippet(doc, found.forms));
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
        more.textContent = uprkit.format(uprkit.strings.search_all, { total: results.length });
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
      place(where);
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      select(results.length ? 0 : -1, false);
    }
    // The search waits for a pause in the typing; the list says it is
    // behind (aria-busy) until then.
    function later() {
      clearTimeout(pending);
      list.setAttribute("aria-busy", "true");
      pending = setTimeout(function () { load(run); }, PAUSE);
    }
    input.addEventListener("focus", function () { load(function () {}); if (!quiet) { openPanel(); } });
    input.addEventListener("click", openPanel);
    input.addEventListener("input", function () { showAll = false; openPanel(); later(); });
    input.addEventListener("keydown", function (event) {
      var items = list.querySelectorAll("li[role=option]");
      if (event.key === "ArrowDown" && items.length) { event.preventDefault(); moved = true; select((active + 1) % items.length, true); }
      else if (event.key === "ArrowUp" && items.length) { event.preventDefault(); moved = true; select((active - 1 + items.length) % items.length, true); }
      else if (event.key === "Enter") {
        event.preventDefault();
        // Results not yet shown for what was typed: show them first.
        if (pending) { load(run); return; }
        var chosen = items[active];
        var all = list.querySelector("[data-all]");
        // Enter without choosing: every result; on a result: open it.
        if ((all && !moved) || (chosen && chosen.hasAttribute("data-all"))) { showAll = true; run(); return; }
        if (chosen) { window.location.href = chosen.getAttribute("data-href"); }
      } else if (event.key === "Escape") {
        clearTimeout(pending);
        pending = null;
        list.removeAttribute("aria-busy");
        input.value = "";
        close();
      }
    });
    // Over the whole screen, the focus stays in the panel: Tab goes from
    // the box to the back arrow and round again.
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Tab" || !form.hasAttribute("data-open")) { return; }
      if (event.target === input || event.target === closer) {
        event.preventDefault();
        (event.target === input ? closer : input).focus();
      }
    });
    // Closed with the keyboard, the focus goes back to the box (which does
    // not open the panel again); with a finger, nowhere, so that the phone's
    // keyboard does not come up.
    function back(byKeyboard) {
      close();
      if (byKeyboard) {
        quiet = true;
        input.focus();
        quiet = false;
      } else {
        input.blur();
      }
    }
    closer.addEventListener("click", function (event) { back(event.detail === 0); });
    closer.addEventListener("keydown", function (event) { if (event.key === "Escape") { back(true); } });
    // Submitting (the phone keyboard's search key) searches now.
    form.addEventListener("submit", function (event) { event.preventDefault(); if (pending) { load(run); } });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) { close(); } });
    window.addEventListener("resize", function () {
      if (!PANEL.matches) { closePanel(); }
      if (!list.hidden) { place(placement()); }
    });
  }

  uprkit.part({ start: search });
})();
