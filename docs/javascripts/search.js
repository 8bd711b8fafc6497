/* Search for the search page. The index (search/search-index.js, made by hooks/commonroom/search.py) is a script file, so it
   loads over http and from a zip opened from disk, and it is only fetched when someone searches.
   Matching is forgiving on purpose: UK and US spellings, word endings and "can't"/"cannot" all meet. */
(function () {
  "use strict";
  var results = document.getElementById("cr-search-results");
  var form = document.querySelector("form.cr-search");
  if (!results || !form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("cr-search-status");
  var rootURL = new URL(form.getAttribute("data-root") || "./", document.baseURI);
  var LIMIT = 20;
  var KINDS = { service: "Support service", group: "Group format", local: "Local group", pathway: "Find your way", page: "Page" };
  // Title, a record's own keywords, the words of its audiences, needs and regions, summary, other text.
  var WEIGHTS = { t: 8, k: 6, v: 5, s: 3, x: 1 };
  var STOP = {};
  ("a am an and are as at be been but by do does feel feeling for from get got has have how i im in into is it its me my of on or " +
   "our so some than that the their them then there these they this to too us very was we were what when where " +
   "which who why will with would you your").split(" ").forEach(function (w) { STOP[w] = true; });

  // One spelling for words that UK and US English write differently (applied to every word before stemming).
  var SPELLING = [
    [/^(.{3,})[iy]z(e|es|ed|ing|ation|ations|er|ers)$/, "$1is$2"],
    [/^(counsel|travel|cancel|model|label|signal)(ing|ed|or|ors)$/, "$1l$2"],
    [/^(cent|theat|fib|lit)er(s)?$/, "$1re$2"],
    [/^(behavi|col|hon|lab|fav|neighb|hum|harb|rum)or(s|al|ed|ing|ist|ists)?$/, "$1our$2"],
    [/^anesth/, "anaesth"],
    [/^pediatr/, "paediatr"], [/^hem(at|orr|oglob)/, "haem$1"], [/^gynec/, "gynaec"], [/^orthoped/, "orthopaed"],
    [/^esophag/, "oesophag"], [/^practis/, "practic"], [/^licens/, "licenc"], [/^defens/, "defenc"],
    [/^program(s)?$/, "programme$1"], [/^mom(s|my)?$/, "mum"], [/^aging$/, "ageing"], [/^judgement/, "judgment"],
    [/^enroll(s|ment)?$/, "enrol$1"], [/^fulfill(s|ment)?$/, "fulfil$1"]
  ];

  function spell(word) {
    for (var i = 0; i < SPELLING.length; i++) {
      if (SPELLING[i][0].test(word)) return word.replace(SPELLING[i][0], SPELLING[i][1]);
    }
    return word;
  }
  // Light stemming: nurse, nurses and nursing all become "nurs"; worried and worries become "worry".
  function stem(word) {
    if (word.length <= 3 || /\d/.test(word)) return word;
    if (/[^aeiou]ie[sd]$/.test(word) && word.length > 4) return word.slice(0, -3) + "y";
    if (/sses$/.test(word)) word = word.slice(0, -2);
    else if (/[^su]s$/.test(word) && !/is$/.test(word)) word = word.slice(0, -1);
    if (/ing$/.test(word) && word.length >= 6) word = word.slice(0, -3);
    else if (/ed$/.test(word) && word.length >= 5) word = word.slice(0, -2);
    if (/([bdglmnprt])\1$/.test(word)) word = word.slice(0, -1);
    if (/e$/.test(word) && word.length > 3) word = word.slice(0, -1);
    return word;
  }
  function words(text, keepStopWords) {
    var clean = String(text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/['\u2019]/g, "")
      .replace(/\bcan ?not\b/g, "cant")
      .replace(/\bburn(?:ed|t|ing)?[\s-]*out\b/g, "burnout")
      .replace(/\bself[\s-]+harm/g, "selfharm");
    return clean.split(/[^a-z0-9]+/).filter(function (w) {
      return w && (keepStopWords || !STOP[w]);
    }).map(function (w) { return stem(spell(w)); });
  }

  var entries = null;
  var waiting = [];
  // The index sends each audience's, need's and region's phrases once (index.v); an entry names its codes (c).
  // Each phrase is split into words once, however many entries share it.
  function prepare(index) {
    var cache = {};
    function phraseWords(phrase) {
      if (!cache.hasOwnProperty(phrase)) cache[phrase] = words(phrase, true);
      return cache[phrase];
    }
    function phrasesWords(phrases, seen) {
      var found = [];
      phrases.forEach(function (phrase) {
        if (seen[phrase]) return;
        seen[phrase] = true;
        found = found.concat(phraseWords(phrase));
      });
      return found;
    }
    return index.e.map(function (e) {
      var seen = {};
      var own = phrasesWords(e.k ? e.k.split(" \u00b7 ") : [], seen);
      var shared = phrasesWords([].concat.apply([], (e.c || []).map(function (code) { return index.v[code] || []; })), seen);
      var fields = { t: words(e.t, true), k: own, v: shared, s: words(e.s, true), x: words(e.x, true) };
      fields.phrase = " " + fields.t.concat(own, shared).join(" ") + " ";
      return { raw: e, fields: fields };
    });
  }
  window.commonroomSearch = function (raw) {
    entries = prepare(raw);
    waiting.splice(0).forEach(function (fn) { fn(); });
  };
  function whenLoaded(fn) {
    if (entries) return fn();
    waiting.push(fn);
    if (document.getElementById("cr-search-index")) return;
    var script = document.createElement("script");
    script.id = "cr-search-index";
    script.src = new URL("search/search-index.js", rootURL).href;
    script.onerror = function () {
      say("Search could not load. You can still browse the services directory and the group formats.");
    };
    document.head.appendChild(script);
  }

  // How well one typed word matches a field: 1 for the same word, less for the start of a longer one.
  function match(term, tokens) {
    var best = 0;
    var count = 0;
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i];
      var quality = 0;
      if (token === term) quality = 1;
      else if (term.length >= 4 && token.indexOf(term) === 0) quality = 0.7;
      else if (token.length >= 5 && term.indexOf(token) === 0) quality = 0.5;
      if (quality) { count += 1; best = Math.max(best, quality); }
    }
    return { quality: best, count: count };
  }
  // Best field wins; a word that comes up again and again in a record (several of its needs answer it) adds a little.
  function score(entry, terms, phrase) {
    var total = 0;
    var matched = 0;
    terms.forEach(function (term) {
      var best = 0;
      var repeats = 0;
      Object.keys(WEIGHTS).forEach(function (f) {
        var m = match(term, entry.fields[f]);
        best = Math.max(best, WEIGHTS[f] * m.quality);
        repeats += m.count;
      });
      if (best > 0) matched += 1;
      total += best + 0.5 * Math.min(Math.max(repeats - 1, 0), 4);
    });
    if (!matched) return 0;
    if (terms.length > 1 && entry.fields.phrase.indexOf(phrase) !== -1) total += 10;
    var coverage = matched / terms.length;
    return total * coverage * coverage * (entry.raw.b || 1);
  }
  function search(query) {
    var terms = words(query, false);
    if (!terms.length) terms = words(query, true);
    if (!terms.length) return [];
    var phrase = " " + words(query, true).join(" ") + " ";
    return entries.map(function (entry) { return { entry: entry, score: score(entry, terms, phrase) }; })
      .filter(function (r) { return r.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.entry.raw.t.localeCompare(b.entry.raw.t); });
  }

  function say(text) { status.textContent = text; }
  function show(query) {
    results.textContent = "";
    if (!query.trim()) { say(""); return; }
    var found = search(query);
    found.slice(0, LIMIT).forEach(function (r) {
      var e = r.entry.raw;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(e.u, rootURL).href;
      link.textContent = e.t;
      var heading = document.createElement("h2");
      heading.appendChild(link);
      var kind = document.createElement("p");
      kind.className = "cr-search__kind";
      kind.textContent = KINDS[e.y] || KINDS.page;
      var summary = document.createElement("p");
      summary.textContent = e.s;
      item.appendChild(heading);
      item.appendChild(kind);
      item.appendChild(summary);
      results.appendChild(item);
    });
    if (!found.length) say("Nothing matched \u201c" + query + "\u201d. Try other words, or browse the services directory.");
    else if (found.length > LIMIT) say(found.length + " results for \u201c" + query + "\u201d. Showing the best " + LIMIT + ".");
    else say(found.length + (found.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d.");
  }
  function run(updateUrl) {
    var query = input.value;
    whenLoaded(function () { show(query); });
    if (updateUrl) {
      var url = new URL(window.location.href);
      if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
      try { window.history.replaceState(null, "", url.href); } catch (err) { /* file:// in some browsers */ }
    }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(true); }, 150);
  });
  input.addEventListener("focus", function () { whenLoaded(function () {}); }, { once: true });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(true);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(false);
  }
})();
