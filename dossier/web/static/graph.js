// Draws the claim graph with Cytoscape.js from the page's JSON twin; the table stays as the fallback.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  fetch(box.dataset.source, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (g) {
      var elements = g.nodes.map(function (n) {
        return { data: { id: n.id, label: n.name, type: n.type } };
      }).concat(g.edges.map(function (e) {
        return { data: { id: e.id, source: e.source, target: e.target,
          label: e.predicate + " ×" + e.count, count: e.count } };
      }));
      var cy = cytoscape({
        container: box,
        elements: elements,
        layout: { name: "cose", animate: false },
        style: [
          { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#2563eb" } },
          { selector: "node[type = 'country']", style: { "background-color": "#16a34a" } },
          { selector: "node[type = 'person']", style: { "background-color": "#d97706" } },
          { selector: "edge", style: { label: "data(label)", "font-size": 8, "curve-style": "bezier",
            "target-arrow-shape": "triangle", width: "mapData(count, 1, 10, 1, 6)", "line-color": "#999",
            "target-arrow-color": "#999" } }
        ]
      });
      cy.on("tap", "node", function (evt) { window.location.href = "/entities/" + evt.target.id(); });
      box.dataset.nodes = String(cy.nodes().length);
      box.dataset.edges = String(cy.edges().length);
      box.classList.add("rendered");
    });
})();
