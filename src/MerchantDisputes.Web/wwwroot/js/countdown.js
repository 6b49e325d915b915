// Keeps the "time left" of a case deadline current while the page stays open. The server already wrote the
// same text, so without script nothing is lost. Templates come from data attributes in the page's language;
// the server's clock (data-now) is the reference, so a wrong device clock does not change the answer.
(function () {
  "use strict";
  var nodes = document.querySelectorAll("[data-countdown]");
  if (!nodes.length) { return; }
  var loadedAt = Date.now();

  function format(template, a, b) {
    return template.replace("{0}", String(a)).replace("{1}", String(b));
  }

  function update() {
    nodes.forEach(function (node) {
      var due = Date.parse(node.getAttribute("data-countdown"));
      var serverNow = Date.parse(node.getAttribute("data-now")) + (Date.now() - loadedAt);
      var target = node.querySelector(".left");
      if (isNaN(due) || isNaN(serverNow) || !target) { return; }
      var minutes = Math.floor((due - serverNow) / 60000);
      var text;
      if (minutes <= 0) {
        text = node.getAttribute("data-passed");
        node.classList.add("passed");
      } else if (minutes >= 24 * 60) {
        text = format(node.getAttribute("data-days-hours"), Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60));
      } else {
        text = format(node.getAttribute("data-hours-minutes"), Math.floor(minutes / 60), minutes % 60);
      }
      if (text && target.textContent !== text) { target.textContent = text; }
    });
  }

  window.setInterval(update, 30000);
})();
