// Draws the claim graph with Cytoscape.js from the page's JSON twin; the table stays as
// the fallback. Node labels are part of the layout's node sizes, so labels do not
// overlap; other layouts are tried while any two labels still do (`candidates`).
// Edge labels (predicate ×count) show on hover, listed parties have a red ring;
// `data-layouts` records each layout tried and its overlaps.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  var QUIET_ABOVE = 20;
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
  // Layouts tried in order until one leaves no two labels overlapping (else the one
  // that overlaps least): around one entity, rings with it in the middle; otherwise a
  // force-directed layout given more room each time, then a circle.
  function candidates(centre) {
    var common = { animate: false, nodeDimensionsIncludeLabels: true, padding: 20 };
    var rings = Object.assign({ name: "concentric", avoidOverlap: true, minNodeSpacing: 30,
      concentric: function (n) { return n.id() === centre ? 2 : 1; },
      levelWidth: function () { return 1; } }, common);
    var forces = [1, 1.8, 3.2].map(function (room) {
      return Object.assign({ name: "cose", randomize: false, nodeOverlap: 40, numIter: 2500,
        nodeRepulsion: function () { return 400000 * room; },
        idealEdgeLength: function () { return 90 * room; } }, common);
    });
    var circle = Object.assign({ name: "circle", avoidOverlap: true, spacingFactor: 1.2 }, common);
    return centre ? [rings].concat(forces, [circle]) : forces.concat([rings, circle]);
  }
  // Pushes overlapping labelled nodes apart vertically (the smaller move), a few passes:
  // a force layout often leaves one or two labels touching.
  function separate(cy) {
    var nodes = cy.nodes();
    for (var pass = 0; pass < 30; pass++) {
      var moved = false;
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i].boundingBox({ includeLabels: true });
          var b = nodes[j].boundingBox({ includeLabels: true });
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) {
            var upper = a.y1 <= b.y1 ? nodes[i] : nodes[j];
            var lower = upper === nodes[i] ? nodes[j] : nodes[i];
            var dy = (Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1)) / 2 + 2;
            upper.position({ x: upper.position("x"), y: upper.position("y") - dy });
            lower.position({ x: lower.position("x"), y: lower.position("y") + dy });
            moved = true;
          }
        }
      }
      if (!moved) { return; }
    }
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
      // More entities, more room: labels stay readable when the graph is fitted.
      box.style.height = Math.max(560, Math.min(1400, 24 * g.nodes.length)) + "px";
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
          { selector: "node.quiet", style: { label: "" } },
          { selector: "node.hover", style: { label: "data(label)", "font-weight": "bold", "z-index": 10 } }
        ]
      });
      // A large graph names its hubs and listed parties; the others on hover, so that
      // no label covers another.
      if (g.nodes.length > QUIET_ABOVE) {
        cy.nodes().filter(function (n) {
          return n.degree() < 3 && n.data("listed") !== "yes";
        }).addClass("quiet");
      }
      var centre = box.dataset.entity;
      var best = null, tried = [];
      candidates(centre).some(function (options) {
        cy.layout(options).run();
        separate(cy);
        var left = overlaps(cy);
        tried.push(options.name + ":" + left);
        if (best === null || left < best.left) {
          best = { left: left, options: options, positions: cy.nodes().map(function (n) {
            return { id: n.id(), position: Object.assign({}, n.position()) };
          }) };
        }
        return left === 0;
      });
      best.positions.forEach(function (p) { cy.getElementById(p.id).position(p.position); });
      var left = best.left;
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
      box.dataset.layouts = tried.join(" ");
      box.classList.add("rendered");
      window.dossierGraph = cy;
    });
})();
