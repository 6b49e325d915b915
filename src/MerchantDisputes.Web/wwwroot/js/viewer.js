// Evidence viewer: a click (or Enter) on the image switches between fitted to the width and actual pixels,
// without reloading; the zoom link does the same without script.
(function () {
  "use strict";
  var frame = document.querySelector(".viewer");
  var link = document.querySelector(".zoom-link");
  if (!frame || !link) {
    return;
  }

  var labels = { actual: link.getAttribute("data-label-actual"), fit: link.getAttribute("data-label-fit") };

  function toggle(event) {
    event.preventDefault();
    var actual = frame.classList.toggle("actual");
    frame.classList.toggle("fit", !actual);
    link.textContent = actual ? labels.fit : labels.actual;
    var url = new URL(window.location.href);
    if (actual) {
      url.searchParams.set("zoom", "true");
    } else {
      url.searchParams.delete("zoom");
    }
    window.history.replaceState(null, "", url.toString());
  }

  frame.addEventListener("click", toggle);
  frame.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      toggle(event);
    }
  });
  link.addEventListener("click", toggle);
})();
