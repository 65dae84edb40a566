// The only script: say "Working…" when a comparison has taken more than a second. Every page
// works without it. No framework, nothing from the internet.
(function () {
  "use strict";
  var DELAY_MS = 1000; // a comparison quicker than this needs no indicator
  function working() {
    var box = document.getElementById("working");
    if (box) { window.setTimeout(function () { box.hidden = false; }, DELAY_MS); }
  }
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-working")) { working(); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-working]");
    if (link) { working(); }
  });
  // Back to a page from the browser's cache: no comparison is running any more.
  window.addEventListener("pageshow", function () {
    var box = document.getElementById("working");
    if (box) { box.hidden = true; }
  });
})();
