// Draws the claim graph with Cytoscape.js from the page's JSON twin; the table stays as
// the fallback. Node labels are part of the layout's node sizes, so labels do not
// overlap; the layout is run again with more room while any two labels still do.
// Edge labels (predicate ×count) show on hover, listed parties have a red ring.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  var colours = { organization: "#2563eb", person: "#d97706", country: "#16a34a", weapon: "#7c3aed" };
  function overlaps(cy) {
    var boxes = cy.nodes().map(function (n) { return n.boundingBox({ includeLabels: true }); });
    var count = 0;
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i], b = boxes[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) { count++; }
      }
    }
    return count;
  }
  fetch(box.dataset.source, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (g) {
      var elements = g.nodes.map(function (n) {
        return { data: { id: n.id, label: n.name, type: n.type, colour: colours[n.type] || "#64748b",
          listed: n.lists.length ? "yes" : "no", lists: n.lists.join(", ") } };
      }).concat(g.edges.map(function (e) {
        return { data: { id: e.id, source: e.source, target: e.target,
          label: e.predicate + " ×" + e.count, count: e.count } };
      }));
      var cy = cytoscape({
        container: box,
        elements: elements,
        minZoom: 0.2,
        maxZoom: 3,
        style: [
          { selector: "node", style: { label: "data(label)", "font-size": 11, "background-color": "data(colour)",
            "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#fff",
            "text-background-opacity": 0.8, "text-background-padding": 1, width: 18, height: 18 } },
          { selector: "node[listed = 'yes']", style: { "border-width": 4, "border-color": "#dc2626" } },
          { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle",
            width: "mapData(count, 1, 10, 1, 6)", "line-color": "#9ca3af", "target-arrow-color": "#9ca3af",
            "font-size": 10, "text-rotation": "autorotate", "text-background-color": "#fff",
            "text-background-opacity": 1 } },
          { selector: "edge.hover", style: { label: "data(label)", "line-color": "#111827",
            "target-arrow-color": "#111827", "z-index": 10 } },
          { selector: "node.hover", style: { "font-weight": "bold", "z-index": 10 } }
        ]
      });
      var room = 1, tries = 0, left;
      do {
        cy.layout({ name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
          nodeRepulsion: function () { return 400000 * room; }, idealEdgeLength: function () { return 90 * room; },
          nodeOverlap: 40, padding: 20, numIter: 2500 }).run();
        left = overlaps(cy);
        room *= 1.8;
        tries++;
      } while (left > 0 && tries < 4);
      cy.fit(undefined, 20);
      cy.on("mouseover", "edge, node", function (evt) {
        evt.target.addClass("hover");
        if (evt.target.isNode()) { evt.target.connectedEdges().addClass("hover"); }
      });
      cy.on("mouseout", "edge, node", function (evt) {
        evt.target.removeClass("hover");
        if (evt.target.isNode()) { evt.target.connectedEdges().removeClass("hover"); }
      });
      cy.on("tap", "node", function (evt) { window.location.href = "/entities/" + evt.target.id(); });
      box.dataset.nodes = String(cy.nodes().length);
      box.dataset.edges = String(cy.edges().length);
      box.dataset.overlaps = String(left);
      box.classList.add("rendered");
      window.dossierGraph = cy;
    });
})();
