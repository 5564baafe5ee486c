/* A form's error summary (templates/includes/error_summary.html), progressively enhanced.
   After a failed submit the focus moves to the summary, so keyboard and screen reader users
   start at the list of what to fix instead of the top of the page. Its links focus the field
   they name and bring the field's label into view (a plain fragment link scrolls the control
   to the top edge, label above it out of sight) without leaving a fragment in the address.
   Without JavaScript the summary is still first in the content and its links still work. */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();

  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) {
      return;
    }
    event.preventDefault();
    var label = document.querySelector("label[for='" + CSS.escape(field.id) + "']");
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
