// Keyboard shortcuts for the review queue: j/k move, a accept, r reject.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".review-item"));
  if (!items.length) { return; }
  var current = 0;
  var hash = window.location.hash.replace("#m-", "");
  items.forEach(function (el, i) { if (el.dataset.match === hash) { current = i; } });
  function focus(i) {
    items[current].classList.remove("current");
    current = Math.max(0, Math.min(items.length - 1, i));
    items[current].classList.add("current");
    items[current].focus();
  }
  focus(current);
  items.forEach(function (el, i) {
    el.addEventListener("click", function (ev) {
      if (ev.target.tagName !== "BUTTON" && ev.target.tagName !== "A") { focus(i); }
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.target && /INPUT|TEXTAREA|SELECT/.test(ev.target.tagName)) { return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (ev.key === "j") { focus(current + 1); }
    else if (ev.key === "k") { focus(current - 1); }
    else if (ev.key === "a" || ev.key === "r") {
      var button = items[current].querySelector("button[data-key='" + ev.key + "']");
      if (button) { button.click(); }
    }
  });
})();
