// Merge by name: the "Same as" field suggests entity names from /entities.json as you
// type (the server resolves the name; an id still works).
(function () {
  "use strict";
  var input = document.getElementById("merge-other");
  var list = document.getElementById("merge-names");
  if (!input || !list) { return; }
  var timer = null, last = "";
  function suggest() {
    var q = input.value.trim();
    if (q.length < 2 || q === last) { return; }
    last = q;
    fetch("/entities.json?limit=15&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (found) {
        list.textContent = "";
        found.forEach(function (e) {
          if (e.id === input.dataset.exclude) { return; }
          var option = document.createElement("option");
          option.value = e.name;
          option.label = e.type + " · " + e.mentions + " mentions";
          list.appendChild(option);
        });
        input.dataset.suggested = String(list.children.length);
      });
  }
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, 150);
  });
})();
