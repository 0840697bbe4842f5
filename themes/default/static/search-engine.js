/* uprkit: search's index of words, loaded with the index on first use
   (scripts/search.js loads it; it is not in uprkit.js, which every page
   loads). `window.uprkitSearch.searchIndex(index)` turns a language's index
   (window.UPRKIT_SEARCH) into its words, each with the sections it is in and
   how often; `find(query)` gives the pages found, best first. A term is
   looked for inside the words (so part of a word, or Chinese without spaces,
   is still found), and a term that grew from one looked for before is
   looked for only among the words that one was in: a keystroke stays cheap
   on a phone with a guide of thousands of pages. Text is folded as the core
   folds it (uprkit.fold), in the index and in what the reader types. */
(function () {
  "use strict";
  var SPLIT = /[\s.,;:!?()«»"“”'’،؛。，、；：？！（）]+/;
  var CJK = /[\u3000-\u9fff]/;
  // Weights a word has in a section, kept with how often it is in the text.
  var IN_TITLE = 1 << 16, IN_HEADING = 1 << 17, COUNT = 0xffff;

  // Arabic proclitics, as folded: the article and the conjunctions and
  // prepositions written joined to a word (و ف ب ك ل), longest first, as
  // Lucene's light Arabic stemmer strips them. What is left must still be a
  // word: three letters after the article (so الذي and التي stay whole), four
  // after a single letter (so بيان, لجنة and فريق stay whole). The index
  // needs no stripping: a term is found inside the words, so the stem is
  // found in المراجعة, والمراجعة and للمراجعة alike.
  var ARTICLES = ["وال", "بال", "كال", "فال", "لل", "ال"];
  var LETTERS = "وفبل";
  function stripProclitics(word) {
    for (var i = 0; i < ARTICLES.length; i++) {
      if (word.lastIndexOf(ARTICLES[i], 0) === 0 && word.length - ARTICLES[i].length >= 3) {
        return word.slice(ARTICLES[i].length);
      }
    }
    if (LETTERS.indexOf(word[0]) !== -1 && word.length - 1 >= 4) { return word.slice(1); }
    return word;
  }

  // How many letters before `at` in `text` are proclitics starting a word.
  function proclitic(text, at) {
    var all = ARTICLES.concat(LETTERS.split(""));
    for (var i = 0; i < all.length; i++) {
      var from = at - all[i].length;
      if (from >= 0 && text.slice(from, at) === all[i] && (from === 0 || SPLIT.test(text[from - 1]))) { return all[i].length; }
    }
    return 0;
  }

  // Whether `term` is the Arabic article (ال, وال, لل ...) with at most
  // one letter after it: a single letter as an English reader types it.
  function bareArticle(term) {
    for (var i = 0; i < ARTICLES.length; i++) {
      if (term.lastIndexOf(ARTICLES[i], 0) === 0 && term.length - ARTICLES[i].length <= 1) { return true; }
    }
    return false;
  }

  // What the reader typed, as the terms looked for. A single letter is in
  // nearly every section, so it is not looked for (a Chinese character is);
  // nor is the Arabic article alone or with one letter (ال, الم, وال ...),
  // which begins most words a reader types and is in most words of the
  // guide: it would list every page, and was a phone's slowest keystroke.
  function terms(query) {
    return uprkit.fold(query).split(SPLIT).filter(function (term) {
      return (term.length > 1 || CJK.test(term)) && !bareArticle(term);
    }).map(stripProclitics);
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

  // The index as words: `find(query)` gives the pages found, best first,
  // each with its best section, and the forms to mark in the snippets.
  function searchIndex(index) {
    var sections = index.sections, n = sections.length;
    var docs = new Array(n), ids = new Map(), words = [], postings = [], weights = [];
    var titles = index.pages.map(function (page) { return uprkit.fold(page.t).split(SPLIT); });
    function add(list, section, weight) {
      for (var k = 0; k < list.length; k++) {
        var word = list[k];
        if (!word) { continue; }
        var id = ids.get(word);
        if (id === undefined) {
          id = words.length;
          ids.set(word, id);
          words.push(word);
          postings.push([]);
          weights.push([]);
        }
        var places = postings[id], weight_ = weights[id], last = places.length - 1;
        if (places[last] !== section) { places.push(section); weight_.push(0); last++; }
        if (weight) { weight_[last] |= weight; } else if ((weight_[last] & COUNT) < COUNT) { weight_[last]++; }
      }
    }
    for (var i = 0; i < n; i++) {
      var s = sections[i];
      docs[i] = { page: index.pages[s.p], pageIndex: s.p, heading: s.h, id: s.a, text: s.x };
      add(titles[s.p], i, IN_TITLE);
      if (s.h) { add(uprkit.fold(s.h).split(SPLIT), i, IN_HEADING); }
      add(uprkit.fold(s.x).split(SPLIT), i, 0);
    }
    for (var w = 0; w < words.length; w++) {
      postings[w] = Int32Array.from(postings[w]);
      weights[w] = Int32Array.from(weights[w]);
    }
    var all = new Int32Array(words.length);
    for (var a = 0; a < all.length; a++) { all[a] = a; }

    // Each term's words and sections, kept while the reader types: the
    // next keystroke mostly adds a letter to the last term.
    var found = new Map();
    var body = new Int32Array(n), flags = new Int32Array(n), touched = new Int32Array(n);
    // The ids of the words among `among` that contain `part`.
    function containing(part, among) {
      var out = [];
      for (var k = 0; k < among.length; k++) {
        if (words[among[k]].indexOf(part) !== -1) { out.push(among[k]); }
      }
      return out;
    }
    function lookUp(term) {
      var known = found.get(term);
      if (known) { return known; }
      // A longer term can only be inside words a shorter part of it was
      // in: start from the longest such part looked for before.
      var among = all, from = "";
      found.forEach(function (hit, part) {
        if (!hit.near && part.length > from.length && term.indexOf(part) !== -1) { among = hit.words; from = part; }
      });
      var matched = containing(term, among), forms = [term], near = false;
      if (!matched.length && term.length >= 5 && !CJK.test(term)) {
        // Not in the guide: the guide's words one mistake away from it.
        forms = [];
        for (var k = 0; k < words.length; k++) {
          if (words[k].length >= 5 && oneEdit(term, words[k])) { forms.push(words[k]); }
        }
        var seen = {};
        forms.forEach(function (form) {
          containing(form, all).forEach(function (id) { seen[id] = true; });
        });
        matched = Object.keys(seen).map(Number);
        near = true;
        if (!forms.length) { forms = [term]; }
      }
      // Score in each section: 5 in the title, 3 in the heading, and how
      // often it is in the text (up to 10), as the results are ordered.
      var count = 0;
      for (var m = 0; m < matched.length; m++) {
        var places = postings[matched[m]], weight = weights[matched[m]];
        for (var j = 0; j < places.length; j++) {
          var section = places[j];
          if (!flags[section]) { touched[count++] = section; flags[section] = 1 << 20; }
          flags[section] |= weight[j] & ~COUNT;
          body[section] += weight[j] & COUNT;
        }
      }
      var inSections = touched.slice(0, count).sort(), score = new Int32Array(n);
      for (var t = 0; t < count; t++) {
        var at = inSections[t], f = flags[at];
        score[at] = (f & IN_TITLE ? 5 : 0) + (f & IN_HEADING ? 3 : 0) + Math.min(10, body[at]);
        flags[at] = 0;
        body[at] = 0;
      }
      var hit = { words: Int32Array.from(matched), sections: inSections, score: score, forms: forms, near: near };
      // Only the terms of the last few queries are kept.
      if (found.size > 40) { found.clear(); }
      found.set(term, hit);
      return hit;
    }

    var best = new Int32Array(index.pages.length).fill(-1);
    function find(query) {
      var looked = terms(query).map(lookUp);
      if (!looked.length) { return { results: [], forms: [] }; }
      // Sections with every term, from the term in the fewest.
      var fewest = looked.reduce(function (a, b) { return b.sections.length < a.sections.length ? b : a; });
      var order = [];
      var sectionsOf = fewest.sections;
      next: for (var k = 0; k < sectionsOf.length; k++) {
        var section = sectionsOf[k], total = 0;
        for (var t = 0; t < looked.length; t++) {
          var s = looked[t].score[section];
          if (!s) { continue next; }
          total += s;
        }
        // Each page once: its best section leads, the page's score is theirs together.
        var doc = docs[section], at = best[doc.pageIndex], page;
        if (at === -1) { best[doc.pageIndex] = order.length; order.push({ doc: doc, best: total, score: total }); continue; }
        page = order[at];
        if (total > page.best) { page.doc = doc; page.best = total; }
        page.score += total;
      }
      order.forEach(function (page) { best[page.doc.pageIndex] = -1; });
      order.sort(function (a, b) { return b.score - a.score; });
      return { results: order, forms: [].concat.apply([], looked.map(function (hit) { return hit.forms; })) };
    }
    // One search as the index is made, while the reader has not typed yet:
    // the browser compiles the loops above on their first long run, which
    // would otherwise be the reader's first keystroke (three times slower).
    var first = words.filter(function (word) { return word.length > 1; })[0];
    if (first) { find(first.slice(0, 2)); }
    found.clear();
    return { find: find, docs: docs };
  }

  window.uprkitSearch = { searchIndex: searchIndex, stripProclitics: stripProclitics, proclitic: proclitic };
})();
