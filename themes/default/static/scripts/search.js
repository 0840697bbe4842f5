/* uprkit: the search feature's part of the page script. The index of the
   page's language, search-index.<lang>.js (window.UPRKIT_SEARCH: `pages`,
   each `t` its title, `u` its address, `ph` its phase's name; `sections`,
   each `p` its page's place in `pages`, `h` its heading, `a` the heading's
   anchor, `x` its text), is a script loaded on first use (a script tag
   works from file://, where fetch does not). Text is folded as the core
   folds it (uprkit.fold), in the index and in what the reader types. */
uprkit.part((function () {
  "use strict";
  function search() {
    var form = document.querySelector("[data-search]");
    if (!form) { return; }
    form.hidden = false;
    var input = form.querySelector("input");
    var list = form.querySelector(".search-results");
    var status = form.querySelector(".search-status");
    var base = form.getAttribute("data-root") || "./";
    var docs = null, words = null, active = -1, moved = false, showAll = false;
    var SHOWN = 8;
    var SPLIT = /[\s.,;:!?()«»"“”'’،؛。，、；：？！（）]+/;
    function load(then) {
      uprkit.load("UPRKIT_SEARCH", form.getAttribute("data-index"), function () { prepare(); then(); });
    }
    function prepare() {
      if (docs) { return; }
      var index = window.UPRKIT_SEARCH;
      docs = index.sections.map(function (s) {
        var page = index.pages[s.p];
        return { page: page, pageIndex: s.p, heading: s.h, id: s.a, text: s.x,
          title: uprkit.fold(page.t), head: uprkit.fold(s.h || ""), body: uprkit.fold(s.x) };
      });
      // Words of five letters or more, for a term typed with one mistake.
      words = {};
      docs.forEach(function (doc) {
        [doc.title, doc.head, doc.body].join(" ").split(SPLIT).forEach(function (w) {
          if (w.length >= 5 && !/[\u3000-\u9fff]/.test(w)) { words[w] = true; }
        });
      });
    }
    // Whether `a` and `b` differ by one letter added, removed, changed or two swapped.
    function oneEdit(a, b) {
      if (Math.abs(a.length - b.length) > 1 || a === b) { return false; }
      var i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) { i++; }
      if (a.length === b.length) {
        return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
      }
      return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
    }
    // The forms a term is looked for in: itself, or if the guide never has
    // it, the guide's words one mistake away from it.
    function forms(term) {
      var found = docs.some(function (doc) { return doc.body.indexOf(term) !== -1 || doc.title.indexOf(term) !== -1 || doc.head.indexOf(term) !== -1; });
      if (found || term.length < 5 || /[\u3000-\u9fff]/.test(term)) { return [term]; }
      var near = Object.keys(words).filter(function (w) { return oneEdit(term, w); });
      return near.length ? near : [term];
    }
    function count(haystack, needle) {
      var n = 0, at = haystack.indexOf(needle);
      while (at !== -1 && n < 10) { n++; at = haystack.indexOf(needle, at + needle.length); }
      return n;
    }
    function snippet(doc, terms) {
      var folded = uprkit.foldWithMap(doc.text);
      var at = -1, term = "";
      terms.forEach(function (t) { var i = folded.text.indexOf(t); if (i !== -1 && (at === -1 || i < at)) { at = i; term = t; } });
      var span = document.createElement("span");
      span.className = "result-snippet";
      if (at === -1) { span.textContent = cut(doc.text, 0, 140); return span; }
      var start = folded.map[at], end = folded.map[at + term.length];
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
      var terms = uprkit.fold(input.value).split(SPLIT).filter(Boolean);
      list.textContent = "";
      moved = false;
      if (!terms.length) { close(); return; }
      var looked = terms.map(forms);
      var marked = [].concat.apply([], looked);
      // Each page once: its best section leads, the page's score is theirs together.
      var pages = {};
      docs.forEach(function (doc) {
        var score = 0;
        for (var i = 0; i < looked.length; i++) {
          var s = 0;
          looked[i].forEach(function (t) {
            s = Math.max(s, (doc.title.indexOf(t) !== -1 ? 5 : 0) + (doc.head.indexOf(t) !== -1 ? 3 : 0) + count(doc.body, t));
          });
          if (!s) { return; }
          score += s;
        }
        var page = pages[doc.pageIndex];
        if (!page) { page = pages[doc.pageIndex] = { doc: doc, best: score, score: 0 }; }
        else if (score > page.best) { page.doc = doc; page.best = score; }
        page.score += score;
      });
      var results = Object.keys(pages).map(function (k) { return pages[k]; });
      results.sort(function (a, b) { return b.score - a.score; });
      terms = marked;
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
        link.appendChild(snippet(doc, terms));
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
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      select(results.length ? 0 : -1);
    }
    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("input", function () { showAll = false; load(run); });
    input.addEventListener("keydown", function (event) {
      var items = list.querySelectorAll("li[role=option]");
      if (event.key === "ArrowDown" && items.length) { event.preventDefault(); moved = true; select((active + 1) % items.length); }
      else if (event.key === "ArrowUp" && items.length) { event.preventDefault(); moved = true; select((active - 1 + items.length) % items.length); }
      else if (event.key === "Enter") {
        event.preventDefault();
        var chosen = items[active];
        var all = list.querySelector("[data-all]");
        // Enter without choosing: every result; on a result: open it.
        if ((all && !moved) || (chosen && chosen.hasAttribute("data-all"))) { showAll = true; run(); return; }
        if (chosen) { window.location.href = chosen.getAttribute("data-href"); }
      } else if (event.key === "Escape") { input.value = ""; close(); }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) { close(); } });
  }

  return { start: search };
})());
