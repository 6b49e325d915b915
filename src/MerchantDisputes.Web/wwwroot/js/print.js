// The summary page's print button: the browser's own print dialog (the page's print styles hide the button).
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
})();
