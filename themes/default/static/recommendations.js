/* uprkit: the recommendations matrix. The table is in the page and works
   without JavaScript; this script adds filters (kept in the address after
   `#`, so that a filtered view can be bookmarked or shared, also from
   file://), orders, downloads of the view, and each reader's own
   assessment of each recommendation, kept by the guide's store like ticks
   (`assessments`: id → { s: status, n: note, d: date }). What comes from a
   file or the store is checked before it is used: ids are the table's,
   statuses the dialog's, notes text, dates ISO; rows and assessments are
   kept in Maps, so that no id (`constructor`, `__proto__`) can reach an
   object's prototype. The data it
   filters (`window.uprkitRecs`, one object per row in the table's order) is
   loaded the first time it is needed, as search's index is. */
(function () {
  "use strict";
  var page = document.querySelector("[data-recommendations]");
  if (!page) { return; }
  // The page script's core (uprkit.js, loaded before): strings, store, folding.
  var strings = uprkit.strings, store = window.uprkitStore, fold = uprkit.fold;
  var form = page.querySelector("[data-rec-filters]");
  var count = page.querySelector("[data-rec-count]");
  var tools = page.querySelector("[data-rec-tools]");
  var said = page.querySelector("[data-rec-status]");
  var table = page.querySelector("table.rec-matrix");
  var dialog = page.querySelector("[data-rec-dialog]");
  if (!form || !table) { return; }
  var total = Number(page.getAttribute("data-total"));
  var FIELDS = ["q", "theme", "state", "response", "category", "sdg", "persons", "cycle", "status", "responsible",
    "due", "plan", "repeated", "id", "sort"];
  // One recommendation, shown alone: where a "recommended before" link
  // leads (`#rec-…`, then `#id=…` in the address). No control shows it.
  var only = document.createElement("input");
  only.type = "hidden";
  only.name = "id";
  form.appendChild(only);

  var rows = new Map(), home = [], groups = Array.prototype.slice.call(table.tBodies);
  var groupOf = new Map();
  Array.prototype.forEach.call(table.querySelectorAll("tr[data-id]"), function (tr) {
    rows.set(tr.getAttribute("data-id"), tr);
    home.push([tr, tr.parentNode]);
    groupOf.set(tr, tr.parentNode);
  });
  // A large matrix holds no row (each theme links to its page): the rows a
  // filter shows are made from the data script's HTML, when first shown.
  var large = page.hasAttribute("data-rec-large");
  var ownCell = page.querySelector("template[data-rec-own-cell]");
  var bodyOf = new Map();
  groups.forEach(function (body) { bodyOf.set(body.getAttribute("data-group"), body); });
  // The table row of data[i], made if needed.
  function rowFor(i) {
    var r = data[i], tr = rows.get(r.id);
    if (tr || !large || !r.html) { return tr; }
    var holder = document.createElement("tbody");
    holder.innerHTML = r.html;
    tr = holder.firstElementChild;
    if (ownCell) { tr.appendChild(ownCell.content.firstElementChild.cloneNode(true)); }
    rows.set(r.id, tr);
    groupOf.set(tr, bodyOf.get(r.theme_slugs.length ? r.theme_slugs[0] : "") || groups[0]);
    showOwn(r.id);
    return tr;
  }
  var data = null, folded = null, own = new Map(), sorted = null, order = "", lastHash = null, sortedIndexes = null;
  // Indexes of every row the filters match, in the order shown (the
  // downloads take them all, not only the rows on screen).
  var matched = null;
  // At most this many rows are shown after a filter, so that each keystroke
  // lays out a few hundred rows, not thousands; "Show all" lifts it.
  var LIMIT = 200, limit = LIMIT, more = page.querySelector("[data-rec-more]");

  function say(message) { if (said) { said.textContent = message; } }

  function load(then) {
    if (data) { then(); return; }
    var ready = function () {
      data = window.uprkitRecs || [];
      folded = data.map(function (r) {
        return fold([r.id, r.text, r.state, r.paragraph, r.assessment, r.themes.join(" "), r.sdg_targets.join(" "),
          r.affected_persons.join(" "), r.responsible.join(" "), r.planned_action, r.indicator].join(" "));
      });
      then();
    };
    if (window.uprkitRecs) { ready(); return; }
    var script = document.createElement("script");
    script.src = page.getAttribute("data-recs-src");
    script.onload = ready;
    document.head.appendChild(script);
  }

  function wanted() {
    var w = {};
    FIELDS.forEach(function (name) { var el = form.elements[name]; w[name] = el ? el.value : ""; });
    return w;
  }

  function matches(r, i, w, words) {
    if (w.theme && r.theme_slugs.indexOf(w.theme) < 0) { return false; }
    // A joint recommendation is found under each of its States.
    if (w.state && r.states.indexOf(w.state) < 0) { return false; }
    if (w.persons && r.affected_persons.indexOf(w.persons) < 0) { return false; }
    if (w.response && r.response !== w.response) { return false; }
    if (w.category && String(r.category) !== w.category) { return false; }
    if (w.cycle && r.cycle !== w.cycle) { return false; }
    if (w.status && r.status !== w.status) { return false; }
    if (w.id && r.id !== w.id) { return false; }
    if (w.responsible && r.responsible.indexOf(w.responsible) < 0) { return false; }
    if (w.due && !dueMatches(r, w.due)) { return false; }
    if (w.plan && !planMatches(r, w.plan)) { return false; }
    if (w.repeated && !(w.repeated === "before" ? r.before : w.repeated === "again" ? r.later.length
      : !r.before && !r.later.length)) { return false; }
    // A goal ("16") matches the goal named alone or by any of its targets.
    if (w.sdg && (w.sdg.indexOf(".") < 0 ? r.sdg_goals.indexOf(Number(w.sdg)) < 0 : r.sdg_targets.indexOf(w.sdg) < 0)) { return false; }
    for (var k = 0; k < words.length; k++) { if (folded[i].indexOf(words[k]) < 0) { return false; } }
    return true;
  }

  // --- The plan: by when, and what is overdue on the reader's date -------
  // Overdue: its target date is past on the reader's own date, and it is
  // not fully implemented (by the reader's assessment, else the data's).
  function done(id, status) {
    var a = own.get(id);
    return (a && a.s ? a.s : status) === "fully-implemented";
  }
  function overdue(r) { return !!r.due && r.due < today() && !done(r.id, r.status); }
  function dueMatches(r, due) {
    if (due === "overdue") { return overdue(r); }
    if (due === "none") { return !r.due; }
    return !!r.due && r.due.slice(0, 4) === due;
  }
  function planMatches(r, plan) {
    switch (plan) {
      case "action": return !!r.planned_action;
      case "no-action": return !r.planned_action;
      case "indicator": return !!r.indicator;
      case "no-indicator": return !r.indicator;
      default: return true;
    }
  }
  // The mark on a row of the page (which carries its due date and whether
  // the data says it is done, so that no data need be loaded for it).
  function markOverdue(tr) {
    var due = tr.getAttribute("data-due");
    if (!due) { return; }
    var late = due < today() && !done(tr.getAttribute("data-id"), tr.hasAttribute("data-done") ? "fully-implemented" : "");
    tr.classList.toggle("rec-overdue", late);
    var mark = tr.querySelector("[data-rec-overdue]");
    if (mark) { mark.hidden = !late; }
  }
  // How many are overdue today, in the choice of the "By when" filter.
  function countOverdue() {
    var option = form.querySelector("select[name=due] option[value=overdue]");
    if (!option) { return; }
    var n = 0;
    if (data) {
      data.forEach(function (r) { if (overdue(r)) { n += 1; } });
    } else {
      rows.forEach(function (tr) { if (tr.classList.contains("rec-overdue")) { n += 1; } });
    }
    option.textContent = option.textContent.replace(/\s*\(\d+\)$/, "") + " (" + n + ")";
  }

  var RESPONSES = ["supported", "supported-in-part", "noted", "pending"];
  var STATUSES = ["not-implemented", "partially-implemented", "fully-implemented", "unknown"];
  function paragraphKey(p) { return String(p).split(".").map(function (n) { return ("000000" + n).slice(-6); }).join("."); }
  function sortKey(r, by) {
    switch (by) {
      case "paragraph": return paragraphKey(r.paragraph);
      case "state": return r.state;
      case "response": return RESPONSES.indexOf(r.response);
      case "category": return -(r.category || 0);
      case "status": return STATUSES.indexOf(r.status);
      case "assessment": var a = own.get(r.id); return a && a.s ? STATUSES.indexOf(a.s) : 9;
      // The earliest due first; those without a date last.
      case "due": return r.due || "9999";
      default: return 0;
    }
  }

  // Groups by theme, as in the matrix, or every row in one body in order.
  function arrange(by) {
    if (by === order) { return; }
    order = by;
    if (!by) {
      home.forEach(function (pair) { pair[1].appendChild(pair[0]); });
      if (sorted) { sorted.hidden = true; }
      return;
    }
    if (!sorted) {
      sorted = document.createElement("tbody");
      sorted.className = "rec-sorted";
      table.appendChild(sorted);
    }
    sorted.hidden = false;
    var collator = new Intl.Collator(document.documentElement.lang || undefined);
    var indexes = sortedIndexes = data.map(function (_, i) { return i; });
    indexes.sort(function (a, b) {
      var x = sortKey(data[a], by), y = sortKey(data[b], by);
      var c = typeof x === "string" ? collator.compare(x, y) : x - y;
      return c || a - b;
    });
    if (large) { return; }
    var fragment = document.createDocumentFragment();
    indexes.forEach(function (i) { var tr = rows.get(data[i].id); if (tr) { fragment.appendChild(tr); } });
    sorted.appendChild(fragment);
  }

  function hashOf(w) {
    return FIELDS.filter(function (name) { return w[name]; }).map(function (name) {
      return name + "=" + encodeURIComponent(w[name]);
    }).join("&");
  }

  function apply() {
    var w = wanted();
    arrange(w.sort);
    var words = fold(w.q).split(/\s+/).filter(Boolean);
    var shown = 0, visible = 0, filled = new Set();
    matched = [];
    // In the order shown: the first `limit` matches.
    var indexes = order ? sortedIndexes : null;
    // A large matrix: the rows shown, by the body they go in, in order.
    var placed = large ? new Map() : null;
    for (var k = 0; k < data.length; k++) {
      var i = indexes ? indexes[k] : k;
      var ok = matches(data[i], i, w, words);
      if (ok) { shown += 1; matched.push(i); }
      var show = ok && visible < limit;
      var tr = show && large ? rowFor(i) : rows.get(data[i].id);
      if (show) { visible += 1; if (tr) { filled.add(groupOf.get(tr)); } }
      if (placed && show && tr) {
        var into = order ? sorted : groupOf.get(tr);
        if (!placed.has(into)) { placed.set(into, []); }
        placed.get(into).push(tr);
      }
      if (tr && tr.hidden === show) { tr.hidden = !show; }
    }
    if (placed) {
      groups.concat(sorted ? [sorted] : []).forEach(function (body) {
        var keep = body.rows.length && body.rows[0].classList.contains("rec-group-head") ? [body.rows[0]] : [];
        body.replaceChildren.apply(body, keep.concat(placed.get(body) || []));
      });
      if (order) { filled = new Set(); }
    }
    if (more) {
      more.hidden = visible === shown;
      more.textContent = strings.rec_show_all.replace("{count}", shown);
    }
    groups.forEach(function (body) { body.hidden = !!w.sort || !filled.has(body); });
    if (sorted) { sorted.hidden = !w.sort; }
    count.textContent = shown === 0 ? strings.rec_no_match
      : strings.rec_shown.replace("{shown}", shown).replace("{total}", total);
    var hash = hashOf(w);
    if (hash !== location.hash.replace(/^#/, "") && (hash || location.hash)) {
      lastHash = hash;
      // A fragment: no reload, no new history entry, also from file://.
      location.replace("#" + hash);
    }
  }

  // `#rec-…`, a "recommended before" link's: that recommendation alone.
  function anchorOf(id) { return "rec-" + id.replace(/[\s#%]/g, "-"); }
  function fromAnchor(then) {
    var hash = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (hash.indexOf("rec-") !== 0) { return false; }
    load(function () {
      for (var i = 0; i < data.length; i++) {
        if (anchorOf(data[i].id) !== hash) { continue; }
        form.reset();
        only.value = data[i].id;
        then();
        var tr = rows.get(data[i].id);
        if (tr) { tr.scrollIntoView(); }
        return;
      }
    });
    return true;
  }

  function fromHash() {
    var hash = location.hash.replace(/^#/, "");
    if (hash === lastHash || hash.indexOf("=") < 0) { return false; }
    form.reset();
    hash.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      var name = pair.slice(0, at), value = decodeURIComponent(pair.slice(at + 1));
      var el = form.elements[name];
      if (el && FIELDS.indexOf(name) >= 0) { el.value = value; }
    });
    return true;
  }

  // --- The reader's assessments ------------------------------------------
  function statusLabel(value) {
    var options = dialog ? dialog.querySelectorAll("option") : [];
    for (var i = 0; i < options.length; i++) { if (options[i].value === value) { return options[i].textContent; } }
    return value;
  }
  // An assessment as this page keeps it, or null if `value` is none: a
  // status of the dialog's (or none), a note of text, an ISO date (or none),
  // and at least a status or a note.
  function assessment(value) {
    if (!value || typeof value !== "object" || Array.isArray(value)) { return null; }
    var s = value.s === undefined ? "" : value.s, n = value.n === undefined ? "" : value.n, d = value.d === undefined ? "" : value.d;
    if (typeof s !== "string" || (s && STATUSES.indexOf(s) < 0)) { return null; }
    if (typeof n !== "string" || typeof d !== "string" || (d && !/^\d{4}-\d{2}-\d{2}$/.test(d))) { return null; }
    return s || n ? { s: s, n: n, d: d } : null;
  }
  // The assessments of `found` (by id) this page can keep, and how many it cannot.
  function assessments(found) {
    var kept = new Map(), refused = 0;
    if (!found || typeof found !== "object" || Array.isArray(found)) { return { kept: kept, refused: 0 }; }
    Object.keys(found).forEach(function (id) {
      var a = known(id) ? assessment(found[id]) : null;
      if (a) { kept.set(id, a); } else { refused += 1; }
    });
    return { kept: kept, refused: refused };
  }
  // An id of the page's recommendations (a large matrix's, from the data).
  var ids = null;
  function known(id) {
    if (!large) { return rows.has(id); }
    if (!ids) { ids = new Set((data || []).map(function (r) { return r.id; })); }
    return ids.has(id);
  }
  function showOwn(id) {
    var tr = rows.get(id);
    if (!tr) { return; }
    var cell = tr.querySelector("[data-rec-own-text]");
    var a = own.get(id);
    if (cell) { cell.textContent = a ? [a.s ? statusLabel(a.s) : "", a.n || ""].filter(Boolean).join(": ") : ""; }
    tr.classList.toggle("rec-assessed", !!a);
    markOverdue(tr);
  }
  // Keeps `entries`, then says `done` (or that they could not be kept).
  function keep(entries, done) {
    Object.keys(entries).forEach(function (id) {
      if (entries[id]) { own.set(id, entries[id]); } else { own.delete(id); }
      showOwn(id);
    });
    if (!store) { return; }
    store.call("merge", { name: "assessments", entries: entries }, function (reply) {
      say(reply.ok ? done || strings.rec_saved
        : strings.save_failed);
    });
  }

  var editing = null;
  function edit(id) {
    var tr = rows.get(id);
    if (!dialog || !tr || typeof dialog.showModal !== "function") { return; }
    editing = id;
    var a = own.get(id) || {};
    dialog.querySelector("[data-rec-dialog-title]").textContent = strings.rec_assess + " · " + id;
    dialog.querySelector("[data-rec-dialog-text]").textContent = tr.querySelector(".rec-text").firstChild.textContent;
    dialog.querySelector("[data-rec-assess-status]").value = a.s || "";
    dialog.querySelector("[data-rec-assess-note]").value = a.n || "";
    dialog.returnValue = "";
    dialog.showModal();
  }
  if (dialog) {
    dialog.addEventListener("close", function () {
      var id = editing;
      editing = null;
      if (dialog.returnValue !== "save" || !id) { return; }
      var s = dialog.querySelector("[data-rec-assess-status]").value;
      var n = dialog.querySelector("[data-rec-assess-note]").value.trim();
      var entries = Object.create(null);
      entries[id] = s || n ? { s: s, n: n, d: new Date().toISOString().slice(0, 10) } : null;
      keep(entries);
      var button = rows.has(id) && rows.get(id).querySelector("[data-rec-assess]");
      if (button) { button.focus(); }
    });
  }
  table.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-rec-assess]");
    if (button) { edit(button.closest("tr").getAttribute("data-id")); }
  });

  // --- Files ---------------------------------------------------------------
  function save(name, type, content) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([content], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  // A byte order mark, so that spreadsheets read every script as UTF-8. A
  // cell a spreadsheet would run as a formula (=, +, -, @, a tab or a CR
  // first: a note from a partner's file can be =HYPERLINK(...)) gets a '
  // before it, as OWASP advises and as the published CSV does.
  function csv(lines) {
    return "\ufeff" + lines.map(function (cells) {
      return cells.map(function (cell) {
        var s = cell === null || cell === undefined ? "" : String(cell);
        if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
        return /[",\n\r;]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
      }).join(",");
    }).join("\r\n") + "\r\n";
  }
  // The rows the filters match, in the order shown, with their table rows.
  function shownRows() {
    if (!matched) { apply(); }
    return matched.map(function (i) { return [data[i], rowFor(i)]; });
  }
  function today() { return new Date().toISOString().slice(0, 10); }
  function label(tr, selector) { var el = tr.querySelector(selector); return el ? el.textContent : ""; }

  function downloadView() {
    var lines = [["id", "text", "recommending_state", "cycle", "session", "paragraph", "response", "themes",
      "affected_persons", "sdg_goals", "sdg_targets", "action_category", "status", "assessment", "source",
      "responsible", "planned_action", "indicator", "target_date", "overdue", "recommended_before", "recommended_again",
      "your_status", "your_note", "your_date"]];
    shownRows().forEach(function (pair) {
      var r = pair[0], a = own.get(r.id) || {};
      lines.push([r.id, r.text, r.states.join("; "), r.cycle, r.session, r.paragraph, label(pair[1], ".rec-badge"),
        r.themes.join("; "), r.affected_persons.join("; "), r.sdg_goals.join("; "), r.sdg_targets.join("; "),
        r.category, statusLabel(r.status), r.assessment, r.source,
        r.responsible.join("; "), r.planned_action, r.indicator, r.target || "", overdue(r) ? "yes" : "",
        r.earlier.join("; "), r.later.join("; "),
        a.s ? statusLabel(a.s) : "", a.n || "", a.d || ""]);
    });
    save("upr-recommendations-" + today() + ".csv", "text/csv;charset=utf-8", csv(lines));
  }

  // OHCHR's matrix: recommendation (paragraph, text, State), position,
  // themes, and the assessment of implementation; then the affected
  // persons and the SDGs, as OHCHR's lists of the fourth cycle have them.
  function downloadOhchr() {
    // The plan's columns after OHCHR's, where the data has a plan.
    var planned = data.some(function (r) { return r.responsible.length || r.planned_action || r.indicator || r.target; });
    var lines = [[strings.rec_csv_recommendation, strings.rec_csv_position,
      strings.rec_csv_theme, strings.rec_csv_assessment, strings.rec_csv_persons, strings.rec_csv_sdgs]
      .concat(planned ? [strings.rec_responsible, strings.rec_planned_action, strings.rec_indicator, strings.rec_target_date] : [])];
    shownRows().forEach(function (pair) {
      var r = pair[0], a = own.get(r.id);
      var recommendation = (r.paragraph ? r.paragraph + " " : "") + r.text + (r.state ? " (" + r.state + ")" : "");
      var assessment = a ? [a.s ? statusLabel(a.s) : "", a.n || ""].filter(Boolean).join(": ")
        : [statusLabel(r.status), r.assessment].filter(Boolean).join(": ");
      var sdgs = r.sdg_goals.map(String).filter(function (g) {
        return !r.sdg_targets.some(function (t) { return t.split(".")[0] === g; });
      }).concat(r.sdg_targets);
      lines.push([recommendation, label(pair[1], ".rec-badge"), r.themes.join("; "), assessment,
        r.affected_persons.join("; "), sdgs.join("; ")]
        .concat(planned ? [r.responsible.join("; "), r.planned_action, r.indicator, r.target || ""] : []));
    });
    save("upr-matrix-assessment-" + today() + ".csv", "text/csv;charset=utf-8", csv(lines));
  }

  function exportOwn() {
    var mine = {};
    own.forEach(function (a, id) { mine[id] = a; });
    var file = { uprkit: "assessments", saved: today(), assessments: mine };
    save("upr-assessments-" + today() + ".json", "application/json", JSON.stringify(file, null, 1));
  }

  // Adds the assessments of a file; where both have one, the newer wins.
  // Entries that are not assessments of this page's recommendations are
  // left out, and the page says how many.
  function importOwn(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var found;
      try { found = JSON.parse(reader.result); } catch (e) { found = null; }
      var list = found && found.assessments;
      if (!found || found.uprkit !== "assessments" || !list || typeof list !== "object" || Array.isArray(list)) {
        say(strings.rec_import_failed);
        return;
      }
      var checked = assessments(list), entries = Object.create(null), added = 0;
      checked.kept.forEach(function (theirs, id) {
        var mine = own.get(id);
        if (mine && mine.d > theirs.d) { return; }
        entries[id] = theirs;
        added += 1;
      });
      var done = strings.rec_imported.replace("{count}", added);
      if (checked.refused) {
        done += " " + strings.rec_import_left_out
          .replace("{count}", checked.refused);
      }
      keep(entries, done);
    };
    reader.readAsText(file);
  }

  // --- Start -----------------------------------------------------------------
  form.hidden = false;
  if (tools) { tools.hidden = false; }
  var timer = null;
  if (more) {
    more.addEventListener("click", function () { limit = Infinity; load(apply); limit = LIMIT; });
  }
  // Paper gets every row that matches, not only those on screen.
  window.addEventListener("beforeprint", function () {
    if (data && more && !more.hidden) { limit = Infinity; apply(); limit = LIMIT; }
  });
  form.addEventListener("input", function (event) {
    clearTimeout(timer);
    // Typing waits for a pause; a choice applies at once.
    timer = setTimeout(function () { load(apply); }, event.target.name === "q" ? 120 : 0);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); load(apply); });
  form.addEventListener("reset", function () { only.value = ""; setTimeout(function () { load(apply); }, 0); });
  // Any other choice shows more than the one recommendation a link led to.
  form.addEventListener("change", function (event) { if (event.target !== only) { only.value = ""; } });
  window.addEventListener("hashchange", function () { if (!fromAnchor(apply) && fromHash()) { load(apply); } });
  if (tools) {
    tools.querySelector("[data-rec-csv]").addEventListener("click", function () { load(downloadView); });
    tools.querySelector("[data-rec-ohchr]").addEventListener("click", function () { load(downloadOhchr); });
    tools.querySelector("[data-rec-export]").addEventListener("click", exportOwn);
    tools.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    var input = tools.querySelector("[data-rec-import]");
    input.addEventListener("change", function () { if (input.files && input.files[0]) { importOwn(input.files[0]); input.value = ""; } });
  }
  function start() {
    var ready = function () {
      rows.forEach(markOverdue);
      countOverdue();
      page.setAttribute("data-rec-ready", "");
    };
    if (store) {
      store.call("get", { names: ["assessments"] }, function (reply) {
        // Only what this page could have kept: an older version kept what a file held.
        own = assessments(reply.ok && reply.values && reply.values.assessments).kept;
        own.forEach(function (_, id) { showOwn(id); });
        ready();
      });
    } else {
      ready();
    }
  }
  var filtered = fromAnchor(apply) || fromHash();
  if (large) {
    // The rows come from the data script: the first of them at once.
    load(function () { apply(); start(); });
  } else {
    if (filtered) { load(apply); }
    start();
  }
})();
