/* Quick exit: replace this page in the history, so the back button does not return to it.
   Without this script the link still goes to the neutral site. */
(function () {
  "use strict";
  var link = document.querySelector("[data-cr-quick-exit]");
  if (!link) return;
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.location.replace(link.href);
  });
})();
