/* uprkit: the key dates feature's part of the page script. The reader may
   enter their own country's review date; the timeline is computed with the
   same offsets as the build's (core.js: shiftDate, writtenDate), and the
   date kept in the store (`date`). The steps other than the review are
   "around" a month. The calendar file is made in the page from the dates
   shown, when the reader asks, so it is the reader's, also from file://;
   but for the time it is made, it is the file the build writes for the
   configured date (key_dates/dates.rs), which tests/js/ checks. */
(function () {
  "use strict";
  // RFC 5545: escaped text, lines folded at 75 octets, never inside a character.
  function icsText(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
  }
  function icsLine(line) {
    var utf8 = new TextEncoder();
    var out = "", width = 0;
    for (var i = 0; i < line.length; i++) {
      var c = line[i];
      var code = line.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) { c += line[++i]; }
      var size = utf8.encode(c).length;
      if (width + size > 75) { out += "\r\n "; width = 1; }
      out += c;
      width += size;
    }
    return out + "\r\n";
  }
  function compact(date) { return date.toISOString().slice(0, 10).replace(/-/g, ""); }

  function compactTime(date) { return date.toISOString().slice(0, 19).replace(/[-:]/g, "") + "Z"; }

  // The calendar of `rows` ({ id, name, when, date, exact }, in the
  // timeline's order): one all-day event per row, an approximate one on its
  // best estimate (never before the row it follows) and named as
  // approximate (`text.approximate`, with `{step}`). `text` also gives the
  // calendar's `title`, the toolkit (`site`, in each UID, the same
  // whatever the date) and when it is `made` (DTSTAMP, and SEQUENCE in
  // minutes, so that a calendar takes a newer file as an update).
  uprkit.icalendar = function (text, rows) {
    var out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//uprkit//key dates//EN\r\nCALSCALE:GREGORIAN\r\n";
    out += icsLine("X-WR-CALNAME:" + icsText(text.title));
    var made = new Date(Math.floor(text.made.getTime() / 1000) * 1000);
    var sequence = Math.max(0, Math.floor(made.getTime() / 60000));
    var earliest = null;
    rows.forEach(function (row) {
      var start = earliest && row.date < earliest ? earliest : row.date;
      earliest = start;
      var end = new Date(start.getTime() + 86400000);
      var summary = row.exact ? row.name : text.approximate.replace("{step}", row.name);
      out += "BEGIN:VEVENT\r\n";
      out += icsLine("UID:" + text.site + "-" + row.id.replace(/_/g, "-") + "@uprkit");
      out += "DTSTAMP:" + compactTime(made) + "\r\nSEQUENCE:" + sequence + "\r\n";
      out += "DTSTART;VALUE=DATE:" + compact(start) + "\r\nDTEND;VALUE=DATE:" + compact(end) + "\r\n";
      out += icsLine("SUMMARY:" + icsText(summary));
      out += icsLine("DESCRIPTION:" + icsText(row.when));
      out += "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n";
    });
    return out + "END:VCALENDAR\r\n";
  };

  function keyDates() {
    var article = document.querySelector("[data-key-dates]");
    if (!article) { return; }
    var form = article.querySelector("[data-review-date-form]");
    var input = form.querySelector("[data-review-date-input]");
    var configured = article.getAttribute("data-review-date") || "";
    var around = (article.getAttribute("data-around") || "{date}").split("{date}");
    var download = article.querySelector("[data-calendar-download]");
    var link = download && download.querySelector("[data-calendar]");
    var fileUrl = null;
    var root = document.documentElement;
    form.hidden = false;
    function render(value) {
      var valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !isNaN(Date.parse(value));
      var rows = [];
      article.querySelectorAll("tr[data-months]").forEach(function (row) {
        var cell = row.querySelector("[data-date]");
        cell.textContent = "";
        if (!valid) { return; }
        var date = uprkit.shiftDate(value, Number(row.getAttribute("data-months")), Number(row.getAttribute("data-days")));
        var exact = row.hasAttribute("data-exact");
        // Written out with the page's words for dates, as the build writes them.
        var time = document.createElement("time");
        if (exact) {
          time.setAttribute("datetime", date.toISOString().slice(0, 10));
          time.textContent = uprkit.writtenDate(date, true, uprkit.strings);
          cell.appendChild(time);
        } else {
          time.setAttribute("datetime", date.toISOString().slice(0, 7));
          time.textContent = uprkit.writtenDate(date, false, uprkit.strings);
          cell.appendChild(document.createTextNode(around[0] || ""));
          cell.appendChild(time);
          cell.appendChild(document.createTextNode(around[1] || ""));
        }
        var cells = row.querySelectorAll("th, td");
        rows.push({ id: row.getAttribute("data-id"), name: cells[0].textContent.trim(), when: cells[1].textContent.trim(), date: date, exact: exact });
      });
      var note = article.querySelector("[data-no-date]");
      if (note) { note.hidden = valid; }
      if (!link) { return; }
      if (fileUrl) { URL.revokeObjectURL(fileUrl); fileUrl = null; }
      download.hidden = !valid;
      if (valid) {
        var title = (article.querySelector("h1") || { textContent: "" }).textContent.trim();
        var text = { title: title, site: root.getAttribute("data-uprkit-site") || "uprkit", approximate: article.getAttribute("data-approximate") || "{step}", made: new Date() };
        fileUrl = URL.createObjectURL(new Blob([uprkit.icalendar(text, rows)], { type: "text/calendar;charset=utf-8" }));
        link.setAttribute("href", fileUrl);
        link.setAttribute("download", "upr-key-dates.ics");
      }
    }
    function show() {
      uprkit.call("get", { names: ["date"] }, function (reply) {
        input.value = (reply.ok && reply.values.date) || configured;
        render(input.value);
      });
    }
    show();
    input.addEventListener("uprkit:forgotten", show);
    input.addEventListener("change", function () {
      uprkit.call("set", { values: { date: input.value || null } });
      render(input.value);
    });
    form.querySelector("[data-review-date-clear]").addEventListener("click", function () {
      uprkit.call("set", { values: { date: null } });
      input.value = configured;
      render(configured);
    });
  }
  uprkit.part({ ready: keyDates });
})();
