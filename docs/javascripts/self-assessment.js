/* The leaders' check (for-leaders/check/): scores each area on this device, shows the three weakest areas and
   their actions as a plan, and closes the loop: keep (only if asked), clear, print, save a copy, load an earlier
   copy to see what changed, and a calendar reminder. Nothing is ever sent: no fetch, no form submission.
   Without this script the page is a form to print and fill in by hand. */
(function () {
  "use strict";
  var root = document.getElementById("cr-check");
  if (!root) return;
  var form = document.getElementById("cr-check-form");
  var results = document.getElementById("cr-check-results");
  var status = document.getElementById("cr-check-status");
  var keep = document.getElementById("cr-check-keep");
  var STORE = "commonroom-check";
  var FORMAT = "commonroom-check";
  var version = Number(root.getAttribute("data-version"));
  var months = Number(root.getAttribute("data-recheck-months")) || 3;
  var earlier = null; // a result loaded from a file, to compare with

  var areas = Array.prototype.map.call(root.querySelectorAll("[data-area]"), function (section) {
    return {
      id: section.getAttribute("data-area"),
      name: section.querySelector("h2").textContent.replace(/^\d+\.\s*/, ""),
      statements: Array.prototype.map.call(section.querySelectorAll("[data-statement]"), function (f) {
        return f.getAttribute("data-statement");
      }),
      actions: section.querySelector("[data-actions]"),
      help: section.querySelector(".cr-check__help") // the way to urgent help, where the area mentions suicide
    };
  });
  var most = Math.max.apply(null, Array.prototype.map.call(form.querySelectorAll("input[type=radio]"), function (i) {
    return Number(i.getAttribute("data-points"));
  }));

  function say(text) { status.textContent = text; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isoDate(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function longDate(iso) {
    var p = iso.split("-");
    return new Date(Number(p[0]), Number(p[1]) - 1, Number(p[2])).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });
  }

  function answers() {
    var found = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]:checked"), function (i) { found[i.name] = i.value; });
    return found;
  }
  function setAnswers(given) {
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]"), function (i) {
      i.checked = given[i.name] === i.value;
    });
  }
  function pointsOf(statement, answer) {
    var input = form.querySelector('input[name="' + statement + '"][value="' + answer + '"]');
    return input ? Number(input.getAttribute("data-points")) : null;
  }
  // An area's score: points as a share of the most it could have, over the statements answered (0 to 100).
  function scores(given) {
    var out = {};
    areas.forEach(function (area) {
      var got = 0, asked = 0;
      area.statements.forEach(function (s) {
        var p = given[s] === undefined ? null : pointsOf(s, given[s]);
        if (p !== null) { got += p; asked += 1; }
      });
      out[area.id] = asked ? Math.round(100 * got / (most * asked)) : null;
    });
    return out;
  }

  var total = areas.reduce(function (n, a) { return n + a.statements.length; }, 0);
  function progress() {
    document.getElementById("cr-check-progress").textContent = Object.keys(answers()).length + " of " + total + " answered";
  }

  function remember() {
    if (keep.checked) localStorage.setItem(STORE, JSON.stringify({ version: version, answers: answers() }));
  }
  function restore() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { saved = null; }
    if (saved && saved.answers) {
      setAnswers(saved.answers);
      keep.checked = true;
      say("Your answers kept on this device are back.");
    }
  }

  function cell(row, text) {
    var td = document.createElement("td");
    if (text instanceof Node) td.appendChild(text); else td.textContent = text;
    row.appendChild(td);
  }
  function meter(value) {
    var span = document.createElement("span");
    var m = document.createElement("meter");
    m.min = 0; m.max = 100; m.value = value;
    m.setAttribute("aria-hidden", "true");
    span.appendChild(m);
    span.appendChild(document.createTextNode(value + "%"));
    return span;
  }

  function show() {
    var given = answers();
    var now = scores(given);
    var before = earlier ? scores(earlier.answers) : null;
    var blank = total - Object.keys(given).length;
    var scored = areas.filter(function (a) { return now[a.id] !== null; });
    if (!scored.length) { say("Choose an answer for at least one statement first."); return; }
    var weakest = scored.slice().sort(function (a, b) { return now[a.id] - now[b.id]; }).slice(0, 3);

    document.getElementById("cr-results-summary").textContent = "Checked on " + longDate(isoDate(new Date())) + ". " +
      (blank ? blank + " of " + total + " statements were left blank; areas are scored on the answers given." : "Every statement answered.");
    var list = document.getElementById("cr-results-weakest");
    var plan = document.getElementById("cr-results-plan");
    list.textContent = ""; plan.textContent = "";
    weakest.forEach(function (area) {
      var li = document.createElement("li");
      li.textContent = area.name + ": " + now[area.id] + "%";
      list.appendChild(li);
      var block = document.createElement("section");
      block.className = "cr-check__plan-area";
      var h = document.createElement("h4");
      h.textContent = area.name;
      block.appendChild(h);
      block.appendChild(area.actions.querySelector("ul").cloneNode(true));
      if (area.help) block.appendChild(area.help.cloneNode(true));
      plan.appendChild(block);
    });

    var body = document.getElementById("cr-results-scores");
    body.textContent = "";
    var changes = [];
    document.getElementById("cr-results-before-head").textContent = before ? "On " + longDate(earlier.saved_on) : "Before";
    areas.forEach(function (area) {
      var row = document.createElement("tr");
      var th = document.createElement("th");
      th.scope = "row"; th.textContent = area.name;
      row.appendChild(th);
      cell(row, now[area.id] === null ? "Not answered" : meter(now[area.id]));
      var then = before ? before[area.id] : null;
      cell(row, then === null ? "–" : then + "%");
      body.appendChild(row);
      if (then !== null && now[area.id] !== null && then !== now[area.id]) {
        var diff = now[area.id] - then;
        changes.push(area.name + ": " + (diff > 0 ? "up " : "down ") + Math.abs(diff) + " points");
      }
    });
    var changed = document.getElementById("cr-results-changes");
    if (!before) changed.textContent = "Load a result you saved before to see what changed.";
    else if (!changes.length) changed.textContent = "No area changed since " + longDate(earlier.saved_on) + ".";
    else changed.textContent = "What changed since " + longDate(earlier.saved_on) + ": " + changes.join("; ") + ".";

    results.hidden = false;
    results.focus();
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function exportResult() {
    var today = isoDate(new Date());
    download("wellbeing-check-" + today + ".json", "application/json", JSON.stringify({
      format: FORMAT, version: version, saved_on: today, answers: answers(), scores: scores(answers())
    }, null, 2));
    say("Saved a copy as a file on this device. Load it here next time to see what changed.");
  }

  function load(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try { data = JSON.parse(reader.result); } catch (e) { data = null; }
      if (!data || data.format !== FORMAT || typeof data.answers !== "object" || !/^\d{4}-\d{2}-\d{2}$/.test(data.saved_on || "")) {
        say("That file is not a saved result from this check. Choose the .json file you saved here before.");
        return;
      }
      earlier = data;
      var note = data.version !== version ? " It was saved with an older set of statements, so some may not compare." : "";
      say("Loaded your result from " + longDate(data.saved_on) + "." + note);
      if (!results.hidden || Object.keys(answers()).length) show();
    };
    reader.readAsText(file);
  }

  // A date `months` ahead; the 31st becomes the last day of a shorter month.
  function monthsAhead(from, n) {
    var d = new Date(from.getFullYear(), from.getMonth() + n, 1);
    var last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
    d.setDate(Math.min(from.getDate(), last));
    return d;
  }
  function icsText(text) { return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n"); }
  // RFC 5545: lines longer than 75 octets are folded, the rest going on lines that start with a space.
  function fold(line) {
    var out = [];
    while (line.length > 60) { out.push(line.slice(0, 60)); line = " " + line.slice(60); }
    out.push(line);
    return out.join("\r\n");
  }
  function icsDate(d) { return isoDate(d).replace(/-/g, ""); }
  function reminder() {
    var now = new Date();
    var day = monthsAhead(now, months);
    var next = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
    var page = location.href.split("#")[0];
    var stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Common Room//Leaders' check reminder//EN", "CALSCALE:GREGORIAN",
      "BEGIN:VEVENT",
      "UID:check-" + stamp + "-" + Math.random().toString(36).slice(2) + "@commonroom",
      "DTSTAMP:" + stamp,
      "DTSTART;VALUE=DATE:" + icsDate(day),
      "DTEND;VALUE=DATE:" + icsDate(next),
      "SUMMARY:" + icsText("Run the staff wellbeing check again"),
      "DESCRIPTION:" + icsText("Run the check with your team, then load the result you saved on " + longDate(isoDate(now)) + " to see what changed. " + page),
      /^https?:/.test(page) ? "URL:" + page : null,
      "END:VEVENT", "END:VCALENDAR"
    ].filter(Boolean);
    download("wellbeing-check-reminder.ics", "text/calendar", lines.map(fold).join("\r\n") + "\r\n");
    say("Made a calendar reminder for " + longDate(isoDate(day)) + ". Open the file to add it to your calendar.");
  }

  document.getElementById("cr-check-tools").hidden = false;
  document.getElementById("cr-check-score").addEventListener("click", show);
  document.getElementById("cr-check-print").addEventListener("click", function () { window.print(); });
  document.getElementById("cr-check-export").addEventListener("click", exportResult);
  document.getElementById("cr-check-reminder").addEventListener("click", reminder);
  document.getElementById("cr-check-load").addEventListener("change", function (e) {
    if (e.target.files && e.target.files[0]) load(e.target.files[0]);
  });
  document.getElementById("cr-check-clear").addEventListener("click", function () {
    setAnswers({});
    localStorage.removeItem(STORE);
    keep.checked = false;
    earlier = null;
    results.hidden = true;
    progress();
    say("Your answers are cleared, and nothing is kept on this device.");
  });
  keep.addEventListener("change", function () {
    if (keep.checked) { remember(); say("Your answers will be kept on this device until you clear them."); }
    else { localStorage.removeItem(STORE); say("Your answers are no longer kept on this device."); }
  });
  form.addEventListener("change", function (e) { if (e.target.type === "radio") { remember(); progress(); } });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  restore();
  progress();
})();
