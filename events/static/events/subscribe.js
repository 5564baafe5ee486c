/* Progressive enhancement for the calendar subscribe control: a "Copy address" button.
   Without JavaScript the address stays visible in a read-only field to select and copy. */
(function () {
  "use strict";

  function fallbackCopy(input) {
    input.focus();
    input.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function announce(button, ok) {
    var status = button.closest(".subscribe__copy").querySelector(".subscribe__status");
    if (status) {
      status.textContent = ok ? button.dataset.copied : button.dataset.failed;
    }
  }

  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var input = document.getElementById(button.dataset.copyTarget);
    if (!input) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var value = input.value;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(value).then(
          function () { announce(button, true); },
          function () { announce(button, fallbackCopy(input)); }
        );
      } else {
        announce(button, fallbackCopy(input));
      }
    });
  });
})();
