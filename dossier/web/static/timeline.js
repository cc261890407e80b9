// Draws dated claims with vis-timeline from the page's JSON twin; a day is a point, a
// month or a year a range over the whole period, so a month never looks like a day.
// Listing dates are red markers on their own row; the zoom never goes below a week
// (one entity's few dates used to zoom the axis to milliseconds), and the window opens
// on the data with room on both sides.
(function () {
  "use strict";
  var box = document.getElementById("timeline");
  if (!box || typeof vis === "undefined") { return; }
  var DAY = 864e5;
  function span(date, precision) {
    var p = date.split("-").map(Number);
    if (precision === "year") { return [new Date(p[0], 0, 1), new Date(p[0] + 1, 0, 1)]; }
    if (precision === "month") { return [new Date(p[0], p[1] - 1, 1), new Date(p[0], p[1], 1)]; }
    return [new Date(p[0], p[1] - 1, p[2]), null];
  }
  function text(s) { var el = document.createElement("span"); el.textContent = s; return el; }
  fetch(box.dataset.source, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var items = data.items.map(function (c) {
        var s = span(c.date, c.date_precision);
        var label = c.subject + " " + c.predicate + " " + (c.object || "") + (c.copies > 1 ? " (" + c.copies + " copies)" : "");
        var item = { id: c.id, group: "claims", content: text(label), start: s[0],
          title: c.date + " (" + c.date_precision + "): " + c.evidence_text, className: "precision-" + c.date_precision };
        if (s[1]) { item.end = s[1]; item.type = "range"; } else { item.type = "point"; }
        return item;
      });
      data.listings.forEach(function (l, i) {
        items.push({ id: "listing-" + i, group: "listings", type: "point", className: "listing",
          start: span(l.listed_on, "day")[0], content: text(l.dataset + " " + l.list_id),
          title: "listed " + l.listed_on + ": " + l.name });
      });
      var times = items.map(function (it) { return it.start.getTime(); })
        .concat(items.filter(function (it) { return it.end; }).map(function (it) { return it.end.getTime(); }));
      var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
      var pad = Math.max((hi - lo) * 0.1, 90 * DAY);
      var groups = [{ id: "claims", content: "claims" }];
      if (data.listings.length) { groups.push({ id: "listings", content: "listings", className: "listings-row" }); }
      var tl = new vis.Timeline(box, new vis.DataSet(items), new vis.DataSet(groups), {
        stack: true, maxHeight: 600, zoomMin: 7 * DAY, zoomMax: 40 * 365 * DAY,
        start: new Date(lo - pad), end: new Date(hi + pad), orientation: "top", margin: { item: 6 }
      });
      tl.on("select", function (props) {
        var id = props.items[0];
        if (id && String(id).indexOf("listing-") !== 0) { window.location.href = "/claims/" + id; }
      });
      box.dataset.items = String(data.items.length);
      box.dataset.listings = String(data.listings.length);
      box.dataset.span = String(Math.round((hi + 2 * pad - lo) / DAY));
      box.classList.add("rendered");
    });
})();
