/* uprkit: the recommendations matrix. The table is in the page and works
   without JavaScript; this script adds filters (kept in the address after
   `#`, so that a filtered view can be bookmarked or shared, also from
   file://), orders, downloads of the view, and each reader's own
   assessment of each recommendation, kept by the guide's store like ticks
   (`assessments`: id → { s: status, n: note, d: date }; `organisation`:
   who the reader assesses for, named in the files they save). A partner's
   file is shown before it is added (what is new, what replaces what), and
   can be undone once added. Paper says which filters made the view and
   gets the reader's assessments, or a column to write them in. What comes from a
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
  var printed = page.querySelector("[data-rec-print-filters]");
  var chartsNote = page.querySelector("[data-rec-charts-note]");
  if (!form || !table) { return; }
  var total = Number(page.getAttribute("data-total"));
  var FIELDS = ["q", "theme", "state", "response", "category", "sdg", "persons", "cycle", "status", "responsible",
    "due", "plan", "repeated", "id", "sort"];
  // The filters that are lists of choices, those the form has (a filter
  // with one choice is left out of it).
  var SELECTS = FIELDS.filter(function (name) {
    return name !== "q" && name !== "sort" && name !== "id" && form.elements[name];
  });
  // Each choice's label without the count the page wrote after it
  // ("Noted (14)"), to write it again with the count of the view.
  SELECTS.forEach(function (name) {
    Array.prototype.forEach.call(form.elements[name].options, function (option) {
      if (option.value) { option.setAttribute("data-label", option.textContent.replace(/ \(\d+\)$/, "")); }
    });
  });
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
  // `template` with each `{name}` replaced by `values.name` in one pass, as
  // written: a partner's file may name itself "{date}" or "$&", which a
  // second pass or String.replace's patterns would expand.
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (field, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : field;
    });
  }

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

  // The values row `r` has for the filter `name`, as its choices' values.
  // A joint recommendation is found under each of its States; a goal
  // ("16") matches the goal named alone or by any of its targets.
  function valuesOf(r, name) {
    switch (name) {
      case "theme": return r.theme_slugs;
      case "state": return r.states;
      case "persons": return r.affected_persons;
      case "response": return [r.response];
      case "category": return r.category ? [String(r.category)] : [];
      case "cycle": return r.cycle ? [r.cycle] : [];
      case "status": return [r.status];
      case "sdg": return r.sdg_goals.map(String).concat(r.sdg_targets);
      case "responsible": return r.responsible;
      // By when: the year it falls due, and whether it is overdue on the
      // reader's date; or none.
      case "due": return r.due ? [r.due.slice(0, 4)].concat(overdue(r) ? ["overdue"] : []) : ["none"];
      case "plan": return [r.planned_action ? "action" : "no-action", r.indicator ? "indicator" : "no-indicator"];
      case "repeated":
        return (r.before ? ["before"] : []).concat(r.later.length ? ["again"] : [], !r.before && !r.later.length ? ["new"] : []);
      default: return [];
    }
  }

  // Which of the filters `w` row `i` fails: "" none, a filter's name if
  // that one only, "*" if the words or more than one. A row that fails one
  // filter only still counts in that filter's choices: each choice says
  // how many rows it would show with the other filters as they are.
  function missed(r, i, w, words) {
    for (var k = 0; k < words.length; k++) { if (folded[i].indexOf(words[k]) < 0) { return "*"; } }
    // A "recommended before" link's: that one only.
    if (w.id && r.id !== w.id) { return "*"; }
    var miss = "";
    for (var j = 0; j < SELECTS.length; j++) {
      var name = SELECTS[j];
      if (w[name] && valuesOf(r, name).indexOf(w[name]) < 0) {
        if (miss) { return "*"; }
        miss = name;
      }
    }
    return miss;
  }

  // Adds row `r` to the counts of each filter of `names`, once per value
  // (a row may name one theme twice).
  function tally(counts, r, names) {
    names.forEach(function (name) {
      var values = valuesOf(r, name), count = counts[name];
      for (var k = 0; k < values.length; k++) {
        if (values.indexOf(values[k]) === k) { count.set(values[k], (count.get(values[k]) || 0) + 1); }
      }
    });
  }

  // Each choice's label with its count, "(0)" included: a choice stays
  // where the reader expects it, and says it would show nothing.
  function showCounts(counts) {
    SELECTS.forEach(function (name) {
      Array.prototype.forEach.call(form.elements[name].options, function (option) {
        if (!option.value) { return; }
        var text = option.getAttribute("data-label") + " (" + (counts[name].get(option.value) || 0) + ")";
        if (option.textContent !== text) { option.textContent = text; }
      });
    });
  }

  // Each theme's heading: "(8)", or "(3 of 8)" when a filter leaves 3.
  function showGroupCounts(perGroup, filtering) {
    groups.forEach(function (body) {
      var span = body.querySelector(".rec-group-head .count");
      if (!span) { return; }
      var all = span.getAttribute("data-count");
      span.textContent = filtering
        ? format(strings.rec_group_shown, { shown: perGroup.get(body.getAttribute("data-group")) || 0, total: all })
        : "(" + all + ")";
    });
  }

  // The filters of `w` in words, for the top of the printed page.
  function filtersInWords(w) {
    var said = ["q"].concat(SELECTS).filter(function (name) { return w[name]; }).map(function (name) {
      var el = form.elements[name], label = form.querySelector("label[for=\"rec-" + name + "\"]");
      var value = el.tagName === "SELECT" ? el.options[el.selectedIndex].getAttribute("data-label").trim() : w[name];
      return format(strings.rec_print_filter, { filter: label ? label.textContent : name, value: value });
    });
    // Where a "recommended before" link led: the recommendation, by its id.
    if (w.id) {
      var head = table.querySelector("thead th");
      said.push(format(strings.rec_print_filter, { filter: head ? head.textContent : "id", value: w.id }));
    }
    return said.length ? format(strings.rec_print_filters, { filters: said.join(strings.rec_print_and) })
      : strings.rec_print_no_filter;
  }

  // Paper gets a column to write assessments in when none of the rows it
  // shows has one of the reader's.
  function markOwnColumn() {
    var any = false;
    if (matched) {
      for (var k = 0; k < matched.length && !any; k++) { any = own.has(data[matched[k]].id); }
    } else {
      any = own.size > 0;
    }
    table.classList.toggle("rec-no-own", !any);
  }

  // --- The plan: by when, and what is overdue on the reader's date -------
  // Overdue: its target date is past on the reader's own date, and it is
  // not fully implemented (by the reader's assessment, else the data's).
  function done(id, status) {
    var a = own.get(id);
    return (a && a.s ? a.s : status) === "fully-implemented";
  }
  function overdue(r) { return !!r.due && r.due < today() && !done(r.id, r.status); }
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
  // How many rows the page marked overdue today, in the choice of the
  // "By when" filter, until the data is loaded (then `apply` counts).
  function countOverdue() {
    var option = form.querySelector("select[name=due] option[value=overdue]");
    if (!option) { return; }
    var n = 0;
    rows.forEach(function (tr) { if (tr.classList.contains("rec-overdue")) { n += 1; } });
    option.textContent = option.getAttribute("data-label") + " (" + n + ")";
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
    var counts = {}, perGroup = new Map();
    SELECTS.forEach(function (name) { counts[name] = new Map(); });
    matched = [];
    // In the order shown: the first `limit` matches.
    var indexes = order ? sortedIndexes : null;
    // A large matrix: the rows shown, by the body they go in, in order.
    var placed = large ? new Map() : null;
    for (var k = 0; k < data.length; k++) {
      var i = indexes ? indexes[k] : k, r = data[i];
      var miss = missed(r, i, w, words), ok = miss === "";
      if (ok) {
        shown += 1;
        matched.push(i);
        tally(counts, r, SELECTS);
        var slug = r.theme_slugs.length ? r.theme_slugs[0] : "";
        perGroup.set(slug, (perGroup.get(slug) || 0) + 1);
      } else if (miss !== "*") {
        tally(counts, r, [miss]);
      }
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
    var filtering = !!w.q || SELECTS.some(function (name) { return w[name]; });
    showCounts(counts);
    showGroupCounts(perGroup, filtering);
    // The charts were drawn at build time from every row: paper leaves
    // them out of a filtered view, the screen says what they count.
    page.classList.toggle("rec-filtered", filtering);
    if (chartsNote) { chartsNote.hidden = !filtering; }
    if (printed) { printed.textContent = filtersInWords(w); }
    markOwnColumn();
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
    var cell = tr.querySelector("[data-rec-own-text]"), date = tr.querySelector("[data-rec-own-date]");
    var a = own.get(id);
    if (cell) { cell.textContent = a ? inWords(a) : ""; }
    if (date) { date.textContent = a && a.d ? a.d : ""; }
    tr.classList.toggle("rec-assessed", !!a);
    markOverdue(tr);
  }
  // An assessment as the page shows it: "Status: note".
  function inWords(a) { return [a.s ? statusLabel(a.s) : "", a.n || ""].filter(Boolean).join(": "); }
  // Keeps `entries`, then says `done` (or that they could not be kept).
  function keep(entries, done) {
    Object.keys(entries).forEach(function (id) {
      if (entries[id]) { own.set(id, entries[id]); } else { own.delete(id); }
      showOwn(id);
    });
    markOwnColumn();
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
      // Undoing the last file now would also undo this edit.
      forgetUndo();
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

  // Who the reader assesses for: the site's organisation (its brand), or
  // the one they typed once, kept in the store.
  var brandOrganisation = page.getAttribute("data-rec-org") || "";
  var orgField = page.querySelector("[data-rec-org-field]");
  var orgInput = page.querySelector("[data-rec-org-input]");
  function organisation() { return brandOrganisation || (orgInput ? nameOf(orgInput.value) : ""); }
  // A name from a file, the store or the reader: text on one line, of a
  // sensible length, or "".
  function nameOf(value) {
    return typeof value === "string" ? value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, 200) : "";
  }

  // The reader's assessments, with who made them and when, so that the
  // partner who adds them knows whose they are.
  function exportOwn() {
    var mine = {};
    own.forEach(function (a, id) { mine[id] = a; });
    var file = { uprkit: "assessments", saved: today(), assessments: mine };
    if (organisation()) { file.by = organisation(); }
    save("upr-assessments-" + today() + ".json", "application/json", JSON.stringify(file, null, 1));
  }

  // --- A partner's file: shown first, kept on Apply, undone by Undo ---------
  var preview = page.querySelector("[data-rec-preview]");
  var undoButton = page.querySelector("[data-rec-undo]");
  // What the file on show would keep ({ entries, said }); what the last
  // file kept replaced (id → the assessment before it, or null for none).
  var proposed = null, undo = null;
  // At most this many entries of each kind are listed: a file of thousands
  // would make the preview a page of its own.
  var LISTED = 50;

  function forgetUndo() {
    undo = null;
    if (undoButton) { undoButton.hidden = true; }
  }

  function sameAssessment(a, b) { return a.s === b.s && a.n === b.n && a.d === b.d; }
  function dated(a) { return inWords(a) + (a.d ? " (" + a.d + ")" : ""); }

  // What keeping `kept` (id → theirs) would do: new ones (none here), newer
  // ones (theirs replaces mine; a tie too, the file's wins, as it always
  // has), older ones (mine is kept), and how many are the same already.
  function compare(kept) {
    var plan = { entries: Object.create(null), added: [], newer: [], older: [], same: 0 };
    kept.forEach(function (theirs, id) {
      var mine = own.get(id);
      if (!mine) { plan.added.push([id, theirs]); plan.entries[id] = theirs; }
      else if (sameAssessment(mine, theirs)) { plan.same += 1; }
      else if (mine.d > theirs.d) { plan.older.push([id, theirs, mine]); }
      else { plan.newer.push([id, theirs, mine]); plan.entries[id] = theirs; }
    });
    return plan;
  }

  function paragraph(text) {
    var p = document.createElement("p");
    p.textContent = text;
    return p;
  }

  // One kind of change: a heading with its count, then its entries (id:
  // theirs, and `mineSaid` with mine where both have one).
  function listOf(items, heading, mineSaid) {
    var part = document.createElement("div"), title = document.createElement("h3"), list = document.createElement("ul");
    part.setAttribute("data-rec-preview-part", "");
    title.textContent = format(heading, { count: items.length });
    items.slice(0, LISTED).forEach(function (item) {
      var li = document.createElement("li"), id = document.createElement("span");
      id.dir = "ltr";
      id.textContent = item[0];
      var text = ": " + dated(item[1]);
      if (mineSaid) { text += " · " + format(mineSaid, { assessment: dated(item[2]) }); }
      li.appendChild(id);
      li.appendChild(document.createTextNode(text));
      list.appendChild(li);
    });
    if (items.length > LISTED) {
      var rest = document.createElement("li");
      rest.textContent = format(strings.rec_import_more, { count: items.length - LISTED });
      list.appendChild(rest);
    }
    part.appendChild(title);
    part.appendChild(list);
    return part;
  }

  // "From: <organisation>, saved <date>", as far as the file says them.
  function fromWhom(found) {
    var by = nameOf(found.by) || strings.rec_import_unnamed;
    var saved = typeof found.saved === "string" && /^\d{4}-\d{2}-\d{2}$/.test(found.saved) ? found.saved : "";
    return saved ? format(strings.rec_import_from_saved, { organisation: by, date: saved })
      : format(strings.rec_import_from, { organisation: by });
  }

  // Shows what the file would change; nothing is kept before Apply.
  function showPreview(plan, from, refused) {
    var lists = preview.querySelector("[data-rec-preview-lists]");
    preview.querySelector("[data-rec-preview-from]").textContent = from;
    lists.replaceChildren();
    if (plan.added.length) { lists.appendChild(listOf(plan.added, strings.rec_import_new)); }
    if (plan.newer.length) { lists.appendChild(listOf(plan.newer, strings.rec_import_newer, strings.rec_import_instead)); }
    if (plan.older.length) { lists.appendChild(listOf(plan.older, strings.rec_import_older, strings.rec_import_yours)); }
    if (plan.same) { lists.appendChild(paragraph(format(strings.rec_import_same, { count: plan.same }))); }
    var changes = plan.added.length + plan.newer.length;
    if (!changes) { lists.appendChild(paragraph(strings.rec_import_nothing)); }
    if (refused) { lists.appendChild(paragraph(format(strings.rec_import_left_out, { count: refused }))); }
    preview.querySelector("[data-rec-apply]").hidden = !changes;
    var said = format(strings.rec_imported, { count: changes });
    if (refused) { said += " " + format(strings.rec_import_left_out, { count: refused }); }
    proposed = { entries: plan.entries, said: said };
    say("");
    preview.hidden = false;
    preview.querySelector("h2").focus();
  }

  function closePreview() {
    proposed = null;
    preview.hidden = true;
  }

  // Keeps what the preview showed, and what it replaces, for Undo.
  function applyFile() {
    if (!proposed) { return; }
    var entries = proposed.entries, before = Object.create(null);
    Object.keys(entries).forEach(function (id) { before[id] = own.get(id) || null; });
    keep(entries, proposed.said);
    closePreview();
    undo = before;
    if (undoButton) { undoButton.hidden = false; undoButton.focus(); }
  }

  // Puts back exactly what the last file replaced, and removes what it added.
  function undoFile() {
    if (!undo) { return; }
    var entries = undo;
    forgetUndo();
    keep(entries, strings.rec_import_undone);
  }

  // Reads a file of assessments and shows what keeping it would change.
  // Entries that are not assessments of this page's recommendations are
  // left out, and the page says how many. All of the file is untrusted:
  // checked as the store's are, and shown as text.
  function importOwn(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var found;
      try { found = JSON.parse(reader.result); } catch (e) { found = null; }
      var list = found && found.assessments;
      if (!found || found.uprkit !== "assessments" || !list || typeof list !== "object" || Array.isArray(list)) {
        closePreview();
        say(strings.rec_import_failed);
        return;
      }
      var checked = assessments(list);
      showPreview(compare(checked.kept), fromWhom(found), checked.refused);
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
  if (preview) {
    preview.querySelector("[data-rec-apply]").addEventListener("click", applyFile);
    preview.querySelector("[data-rec-cancel]").addEventListener("click", function () {
      closePreview();
      if (input) { input.focus(); }
    });
  }
  if (undoButton) { undoButton.addEventListener("click", undoFile); }
  // The organisation is asked only where the site does not give it; typed
  // once, it is kept for the next time.
  if (orgField && orgInput && !brandOrganisation) {
    orgField.hidden = false;
    orgInput.addEventListener("change", function () {
      if (store) { store.call("set", { values: { organisation: nameOf(orgInput.value) || null } }); }
    });
  }
  function start() {
    var ready = function () {
      rows.forEach(markOverdue);
      // The reader's own assessments decide what is overdue: a view
      // filtered before they were known is filtered again.
      if (data) { apply(); } else { countOverdue(); }
      markOwnColumn();
      page.setAttribute("data-rec-ready", "");
    };
    if (store) {
      store.call("get", { names: ["assessments", "organisation"] }, function (reply) {
        var values = reply.ok && reply.values || {};
        // Only what this page could have kept: an older version kept what a file held.
        own = assessments(values.assessments).kept;
        own.forEach(function (_, id) { showOwn(id); });
        if (orgInput && !orgInput.value) { orgInput.value = nameOf(values.organisation); }
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
