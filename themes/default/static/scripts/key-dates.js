/* uprkit: the key dates feature's part of the page script. The reader may
   enter their own country's review date; the timeline is computed with the
   same offsets as the build's (core.js: shiftDate, writtenDate), and the
   date kept in the store (`date`). The steps other than the review are
   "around" a month. The calendar file is made in the page from the dates
   shown, so it is the reader's, also from file://; it is the file the
   build writes for the configured date (key_dates/dates.rs), which
   tests/js/ checks. */
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

  // The calendar `title` of `rows` ({ id, name, when, date, exact }) for the
  // review date `value` (yyyy-mm-dd): one all-day event per row, the whole
  // month for an approximate one.
  uprkit.icalendar = function (title, value, rows) {
    var out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//uprkit//key dates//EN\r\nCALSCALE:GREGORIAN\r\n";
    out += icsLine("X-WR-CALNAME:" + icsText(title));
    var stamp = value.replace(/-/g, "") + "T000000Z";
    rows.forEach(function (row) {
      var start = row.date, end;
      if (row.exact) {
        end = new Date(start.getTime() + 86400000);
      } else {
        start = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
        end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
      }
      out += "BEGIN:VEVENT\r\n";
      out += "UID:" + compact(start) + "-" + row.id.replace(/_/g, "-") + "@uprkit\r\n";
      out += "DTSTAMP:" + stamp + "\r\n";
      out += "DTSTART;VALUE=DATE:" + compact(start) + "\r\nDTEND;VALUE=DATE:" + compact(end) + "\r\n";
      out += icsLine("SUMMARY:" + icsText(row.name));
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
        fileUrl = URL.createObjectURL(new Blob([uprkit.icalendar(title, value, rows)], { type: "text/calendar;charset=utf-8" }));
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
