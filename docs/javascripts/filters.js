/* Directory filters: narrow the list without a reload, keep the choice in the URL so it can be shared or
   printed on a poster, and announce the result to screen readers. Without this script the whole list shows.
   A large directory (the form has data-cr-data) has no cards on /services/: the first choice loads the compact
   directory file and the matching services are listed from it (hooks/commonroom/directory.py writes it). */
(function () {
  "use strict";
  var form = document.getElementById("cr-filters");
  if (!form) return;
  var status = document.getElementById("cr-filter-status");
  var none = document.getElementById("cr-filter-none");
  var results = document.getElementById("cr-filter-results");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.cr-need"));
  var dataUrl = form.getAttribute("data-cr-data");
  var SHOWN_AT_MOST = 50;  // results listed from the data file; more filters narrow them further
  var directory = null;
  var loading = false;

  function words(card, name) {
    return (card.getAttribute("data-" + name) || "").split(" ");
  }
  // Mirrors hooks/commonroom/regions.py: a country-wide service serves each part of the country.
  function covers(available, wanted) {
    return available === wanted || wanted.indexOf(available + "-") === 0 || available.indexOf(wanted + "-") === 0;
  }
  // Which audiences serve the chosen person comes from the page (vocabulary.audiences_serving in Python), so the
  // filter, the role pages and search share one rule: a porter is served by services for all staff, and so on.
  var whoSelect = form.querySelector('select[name="for"]');
  function forAudience(audiences, chosen) {
    var option = whoSelect && whoSelect.querySelector('option[value="' + CSS.escape(chosen) + '"]');
    var fits = ((option && option.getAttribute("data-fits")) || chosen).split(" ");
    return fits.some(function (a) { return audiences.indexOf(a) !== -1; });
  }
  // A service as the filters see it, from a card on the page or a record of the data file.
  function fromCard(card) {
    return { audiences: words(card, "audiences"), needs: words(card, "needs"), regions: words(card, "regions"),
             contacts: words(card, "contacts"), open: card.hasAttribute("data-always-open") };
  }
  function fromRecord(r) {
    var pick = function (names, indexes) { return indexes.map(function (i) { return names[i]; }); };
    return { id: r[0], name: r[1], audiences: pick(directory.audiences, r[2]), needs: pick(directory.needs, r[3]),
             regions: pick(directory.regions, r[4]), contacts: pick(directory.contacts, r[5]), open: r[6] === 1, quick: r[7] };
  }
  function matches(service, choice) {
    if (choice.for && !forAudience(service.audiences, choice.for)) return false;
    if (choice.need && service.needs.indexOf(choice.need) === -1) return false;
    if (choice.region && !service.regions.some(function (r) { return covers(r, choice.region); })) return false;
    if (choice.contact && service.contacts.indexOf(choice.contact) === -1) return false;
    if (choice.open && !service.open) return false;
    return true;
  }
  function currentChoice() {
    var data = new FormData(form);
    return { for: data.get("for"), need: data.get("need"), region: data.get("region"), contact: data.get("contact"), open: data.get("open") };
  }
  function announce(active, count) {
    none.hidden = count > 0;
    status.textContent = active ? (count === 1 ? "1 service matches." : count.toLocaleString("en") + " services match.") : "";
  }
  function showCards(choice, active) {
    var shown = {};
    sections.forEach(function (section) {
      var visible = 0;
      var wanted = !choice.need || section.getAttribute("data-need") === choice.need;
      section.querySelectorAll(".cr-card").forEach(function (card) {
        var id = card.getAttribute("data-id");
        // While filtering, a service listed under several needs shows once, under the first.
        var show = wanted && matches(fromCard(card), { for: choice.for, region: choice.region, contact: choice.contact, open: choice.open }) && !(active && shown[id]);
        card.hidden = !show;
        if (show) { visible += 1; shown[id] = true; }
      });
      section.hidden = active && visible === 0;
      var jump = document.querySelector('.cr-jump a[href="#' + section.getAttribute("data-need") + '"]');
      if (jump) jump.parentNode.hidden = section.hidden;
    });
    announce(active, Object.keys(shown).length);
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }
  function dial(number) {
    return (number.trim().charAt(0) === "+" ? "+" : "") + number.replace(/\D/g, "");
  }
  function resultCard(service) {
    var card = element("div", "cr-card");
    var heading = element("h3", "cr-card__name");
    var link = element("a", "", service.name);
    link.href = directory.url.replace("{id}", encodeURIComponent(service.id));
    heading.appendChild(link);
    card.appendChild(heading);
    if (service.open) card.appendChild(element("p", "cr-card__for", "Open 24 hours"));
    if (service.quick.length) {
      var kind = service.quick[0], value = service.quick[1], keyword = service.quick[2];
      var action = element("a", "cr-action cr-action--" + kind,
        kind === "phone" ? "Call " + value : "Text " + (keyword ? keyword + " to " : "") + value);
      action.href = (kind === "phone" ? "tel:" : "sms:") + dial(value) + (keyword ? "?&body=" + encodeURIComponent(keyword) : "");
      var contacts = element("p");
      contacts.appendChild(action);
      card.appendChild(contacts);
    }
    return card;
  }
  function showRecords(choice, active) {
    sections.forEach(function (section) { section.hidden = active; });
    var jump = document.querySelector(".cr-jump");
    if (jump) jump.hidden = active;
    results.hidden = !active;
    results.textContent = "";
    if (!active) { announce(false, 1); return; }
    var found = directory.services.map(fromRecord).filter(function (s) { return matches(s, choice); });
    found.slice(0, SHOWN_AT_MOST).forEach(function (s) { results.appendChild(resultCard(s)); });
    if (found.length > SHOWN_AT_MOST) {
      results.appendChild(element("p", "cr-filter-results__more", "Showing the first " + SHOWN_AT_MOST + " by name. Choose more filters to narrow the list."));
    }
    announce(true, found.length);
  }
  function loadDirectory(then) {
    if (directory || loading) return;
    loading = true;
    status.textContent = "Loading the directory…";
    var script = document.createElement("script");
    script.src = dataUrl;
    script.onload = function () { directory = window.commonroomDirectory; then(); };
    script.onerror = function () { loading = false; status.textContent = "The directory could not be loaded. Use the lists of services by need or region below."; };
    document.head.appendChild(script);
  }
  function apply(updateUrl) {
    var choice = currentChoice();
    var active = Object.keys(choice).some(function (k) { return choice[k]; });
    if (!dataUrl) showCards(choice, active);
    else if (directory || !active) { if (directory) showRecords(choice, active); else announce(false, 1); }
    else loadDirectory(function () { apply(false); });
    if (updateUrl) {
      var params = new URLSearchParams();
      Object.keys(choice).forEach(function (k) { if (choice[k]) params.set(k, choice[k]); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  var params = new URLSearchParams(location.search);
  Array.prototype.forEach.call(form.elements, function (field) {
    if (!field.name || !params.has(field.name)) return;
    if (field.type === "checkbox") field.checked = params.get(field.name) === field.value;
    else if (field.querySelector && field.querySelector('option[value="' + CSS.escape(params.get(field.name)) + '"]')) field.value = params.get(field.name);
  });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply(false);
})();
