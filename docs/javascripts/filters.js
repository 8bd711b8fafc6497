/* Directory filters: narrow the list without a reload, keep the choice in the URL so it can be shared or
   printed on a poster, and announce the result to screen readers. Without this script the whole list shows. */
(function () {
  "use strict";
  var form = document.getElementById("cr-filters");
  if (!form) return;
  var status = document.getElementById("cr-filter-status");
  var none = document.getElementById("cr-filter-none");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.cr-need"));

  function words(card, name) {
    return (card.getAttribute("data-" + name) || "").split(" ");
  }
  // Mirrors hooks/commonroom/regions.py: a country-wide service serves each part of the country.
  function covers(available, wanted) {
    return available === wanted || wanted.indexOf(available + "-") === 0 || available.indexOf(wanted + "-") === 0;
  }
  // Which audiences serve the chosen person comes from the page (vocabulary.audiences_serving in Python), so the
  // filter, the role pages and search share one rule: a porter is served by services for all staff, and so on.
  var who = form.querySelector('select[name="for"]');
  function forAudience(card, chosen) {
    var audiences = words(card, "audiences");
    var option = who.querySelector('option[value="' + CSS.escape(chosen) + '"]');
    var fits = ((option && option.getAttribute("data-fits")) || chosen).split(" ");
    return fits.some(function (a) { return audiences.indexOf(a) !== -1; });
  }
  function matches(card, choice) {
    if (choice.for && !forAudience(card, choice.for)) return false;
    if (choice.region && !words(card, "regions").some(function (r) { return covers(r, choice.region); })) return false;
    if (choice.contact && words(card, "contacts").indexOf(choice.contact) === -1) return false;
    if (choice.open && !card.hasAttribute("data-always-open")) return false;
    return true;
  }
  function currentChoice() {
    var data = new FormData(form);
    return { for: data.get("for"), need: data.get("need"), region: data.get("region"), contact: data.get("contact"), open: data.get("open") };
  }
  function apply(updateUrl) {
    var choice = currentChoice();
    var active = Object.keys(choice).some(function (k) { return choice[k]; });
    var shown = {};
    sections.forEach(function (section) {
      var visible = 0;
      var wanted = !choice.need || section.getAttribute("data-need") === choice.need;
      section.querySelectorAll(".cr-card").forEach(function (card) {
        var id = card.getAttribute("data-id");
        // While filtering, a service listed under several needs shows once, under the first.
        var show = wanted && matches(card, choice) && !(active && shown[id]);
        card.hidden = !show;
        if (show) { visible += 1; shown[id] = true; }
      });
      section.hidden = active && visible === 0;
      var jump = document.querySelector('.cr-jump a[href="#' + section.getAttribute("data-need") + '"]');
      if (jump) jump.parentNode.hidden = section.hidden;
    });
    var count = Object.keys(shown).length;
    none.hidden = count > 0;
    status.textContent = active ? (count === 1 ? "1 service matches." : count + " services match.") : "";
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
