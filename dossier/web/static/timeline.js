// Draws dated claims with vis-timeline from the page's JSON twin; a day is a point,
// a month or a year a range over the whole period, so a month never looks like a day.
(function () {
  "use strict";
  var box = document.getElementById("timeline");
  if (!box || typeof vis === "undefined") { return; }
  function span(date, precision) {
    var p = date.split("-").map(Number);
    if (precision === "year") { return [new Date(p[0], 0, 1), new Date(p[0] + 1, 0, 1)]; }
    if (precision === "month") { return [new Date(p[0], p[1] - 1, 1), new Date(p[0], p[1], 1)]; }
    return [new Date(p[0], p[1] - 1, p[2]), null];
  }
  fetch(box.dataset.source, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (claims) {
      var items = claims.map(function (c) {
        var s = span(c.date, c.date_precision);
        var item = { id: c.id, content: c.subject + " " + c.predicate + " " + (c.object || ""),
          start: s[0], title: c.date + " (" + c.date_precision + ")", className: "precision-" + c.date_precision };
        if (s[1]) { item.end = s[1]; item.type = "range"; } else { item.type = "point"; }
        return item;
      });
      var tl = new vis.Timeline(box, new vis.DataSet(items), { stack: true, maxHeight: 500 });
      tl.on("select", function (props) {
        if (props.items.length) { window.location.href = "/claims/" + props.items[0]; }
      });
      box.dataset.items = String(items.length);
      box.classList.add("rendered");
    });
})();
