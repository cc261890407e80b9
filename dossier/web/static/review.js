// The review queue: j/k move, a accept, r reject, x reject all pending for the entity,
// u undo, n reason. Decisions go to the JSON API (session + CSRF header), so the page
// never reloads or reorders: focus moves to the next undecided row in every view, and
// a second key press can never fall on the row just decided.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".review-item"));
  if (!items.length) { return; }
  var feedback = document.getElementById("review-status");
  var reviewer = document.getElementById("reviewer");
  var current = 0, undo = [], busy = false;
  var hash = window.location.hash.replace("#m-", "");
  items.forEach(function (el, i) { if (el.dataset.match === hash) { current = i; } });
  if (reviewer) {
    reviewer.value = window.localStorage.getItem("dossier-reviewer") || "";
    reviewer.addEventListener("change", function () {
      window.localStorage.setItem("dossier-reviewer", reviewer.value);
    });
  }
  function say(text) { if (feedback) { feedback.textContent = text; } }
  function focus(i) {
    items[current].classList.remove("current");
    current = Math.max(0, Math.min(items.length - 1, i));
    items[current].classList.add("current");
    items[current].focus();
  }
  function undecided(el) { return el.dataset.review === "pending" && !el.dataset.touched; }
  function nextUndecided(from) {
    // After the row: a pending row, else (views of decided rows) one not decided here.
    var order = items.slice(from + 1).concat(items.slice(0, from));
    var found = order.filter(undecided)[0] || items.slice(from + 1).filter(function (el) {
      return !el.dataset.touched;
    })[0];
    return found ? items.indexOf(found) : from;
  }
  function csrf() {
    // The session's token is in the page's forms (its cookie is HttpOnly, issue 20).
    var field = document.querySelector("input[name='csrf_token']");
    return field ? field.value : "";
  }
  function post(path, body) {
    if (reviewer && reviewer.value) { body.reviewer = reviewer.value; }
    return fetch(path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf(), Accept: "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) { throw new Error(data.detail || ("HTTP " + r.status)); }
        return data;
      });
    });
  }
  function mark(el, decision) {
    el.dataset.review = decision;
    el.dataset.touched = "1";
    el.querySelector(".review-head .review-status").textContent = decision;
  }
  function decide(i, decision) {
    var el = items[i];
    var reason = el.querySelector("input.reason");
    var before = el.dataset.review;
    busy = true;
    post("/review", { target_type: "match", target_id: el.dataset.match, decision: decision,
      note: reason && reason.value ? reason.value : null })
      .then(function (row) {
        mark(el, decision);
        undo.push([{ el: el, before: before, id: row.id }]);
        say(decision + "ed " + el.querySelector(".review-head a").textContent + " — u to undo");
        focus(nextUndecided(i));
      })
      .catch(function (err) { say("Not saved: " + err.message); })
      .then(function () { busy = false; });
  }
  function bulk(i) {
    var entity = items[i].dataset.entity;
    busy = true;
    post("/review/bulk", { entity_id: entity, decision: "reject" })
      .then(function (rows) {
        var done = [];
        rows.forEach(function (row) {
          items.forEach(function (el) {
            if (el.dataset.match === row.target_id) {
              done.push({ el: el, before: el.dataset.review, id: row.id });
              mark(el, "reject");
            }
          });
        });
        undo.push(done);
        say("rejected " + rows.length + " pending match(es) — u to undo");
        focus(nextUndecided(i));
      })
      .catch(function (err) { say("Not saved: " + err.message); })
      .then(function () { busy = false; });
  }
  function undoLast() {
    var last = undo.pop();
    if (!last || !last.length) { say("Nothing to undo."); return; }
    busy = true;
    Promise.all(last.map(function (d) { return post("/review/undo", { decision_id: d.id }); }))
      .then(function () {
        last.forEach(function (d) {
          d.el.dataset.review = d.before;
          delete d.el.dataset.touched;
          d.el.querySelector(".review-head .review-status").textContent = d.before;
        });
        say("undone");
        focus(items.indexOf(last[0].el));
      })
      .catch(function (err) { say("Undo failed: " + err.message); })
      .then(function () { busy = false; });
  }
  focus(current);
  items.forEach(function (el, i) {
    el.addEventListener("click", function (ev) {
      if (!/BUTTON|A|INPUT|SUMMARY/.test(ev.target.tagName)) { focus(i); }
    });
    Array.prototype.forEach.call(el.querySelectorAll("form"), function (form) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        if (busy) { return; }
        focus(i);
        if (form.classList.contains("bulk")) { bulk(i); } else { decide(i, form.elements.decision.value); }
      });
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.target && /INPUT|TEXTAREA|SELECT/.test(ev.target.tagName)) {
      if (ev.key === "Escape") { items[current].focus(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || busy) { return; }
    if (ev.key === "j") { focus(current + 1); }
    else if (ev.key === "k") { focus(current - 1); }
    else if (ev.key === "u") { undoLast(); }
    else if (ev.key === "n") {
      var reason = items[current].querySelector("input.reason");
      if (reason) { ev.preventDefault(); reason.focus(); }
    }
    else if (ev.key === "a" || ev.key === "r" || ev.key === "x") {
      if (items[current].querySelector("button[data-key='" + ev.key + "']")) {
        if (ev.key === "x") { bulk(current); } else { decide(current, ev.key === "a" ? "accept" : "reject"); }
      }
    }
  });
})();
