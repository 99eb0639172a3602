// Small progressive enhancements of the public site; every page works without them.
(function () {
  "use strict";

  // After a failed submit, move focus to the error summary so screen-reader and keyboard users land on it.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary], .error-summary, main [role='alert']");
    if (!summary) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
    if (summary.scrollIntoView) summary.scrollIntoView({ block: "start" });
  }

  // Disclosures marked data-open-wide (table of contents, search filters) start open on wide screens,
  // where they sit beside the content, and closed on phones, where they would push it below the fold.
  function syncWideDisclosures(wide) {
    var boxes = document.querySelectorAll("details[data-open-wide]");
    for (var i = 0; i < boxes.length; i++) {
      if (wide) boxes[i].setAttribute("open", "");
      else boxes[i].removeAttribute("open");
    }
  }

  function start() {
    focusErrorSummary();
    if (window.matchMedia) {
      var query = window.matchMedia("(min-width: 64rem)");
      syncWideDisclosures(query.matches);
      var onChange = function (event) { syncWideDisclosures(event.matches); };
      if (query.addEventListener) query.addEventListener("change", onChange);
      else if (query.addListener) query.addListener(onChange);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
