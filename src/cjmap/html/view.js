// cjmap HTML view (docs/share.md): zoom and pan, persona views, the details panel and,
// under `cjmap preview`, live updates. The document is complete without this script.
(function () {
  "use strict";
  var doc = document, body = doc.body, root = doc.documentElement;
  root.className += " js";
  var state = {};           // per view key: {cx, cy, z} (centre in picture units, px per unit)
  var started = false;
  var current = "all";
  var selected = null;      // the item id shown in the panel
  var dragged = false;

  function viewport() { return doc.getElementById("viewport"); }
  function activeView() { return doc.querySelector(".view[data-view='" + current + "']"); }
  function svgOf(view) { return view ? view.querySelector("svg") : null; }
  function box(svg) {
    var vb = (svg.getAttribute("data-box") || "").split(" ").map(Number);
    return {x: vb[0], y: vb[1], w: vb[2], h: vb[3]};
  }
  function prepare(svg) {
    if (svg.getAttribute("data-box")) { return; }
    svg.setAttribute("data-box", svg.getAttribute("viewBox"));
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "100%");
  }
  function fitted(svg) {
    var port = viewport(), b = box(svg);
    var z = Math.min(port.clientWidth / b.w, port.clientHeight / b.h) * 0.98;
    return {cx: b.x + b.w / 2, cy: b.y + b.h / 2, z: z > 0 ? z : 1};
  }
  // Below this many pixels per picture point the whole map is a thin strip with unreadable
  // text: such a long map opens at the window's height on its first stages instead.
  var READABLE = 0.3;
  function long(svg) { return viewport().clientWidth / box(svg).w < READABLE; }
  function size() {
    // As tall as the picture at the window's width, but never taller than the window.
    var svg = svgOf(activeView()), port = viewport();
    if (!svg || !port) { return; }
    prepare(svg);
    var b = box(svg), wanted = port.clientWidth * b.h / b.w + 2;
    var most = Math.max(320, window.innerHeight - 90);
    port.style.height = Math.round(long(svg) ? most : Math.max(320, Math.min(most, wanted))) + "px";
  }
  function opening(svg) {
    if (!long(svg)) { return fitted(svg); }
    var port = viewport(), b = box(svg), z = port.clientHeight / b.h * 0.98;
    return {cx: b.x + port.clientWidth / 2 / z, cy: b.y + b.h / 2, z: z};
  }
  function apply() {
    var svg = svgOf(activeView()), port = viewport();
    if (!svg || !port) { return; }
    prepare(svg);
    var s = state[current] || (state[current] = opening(svg));
    var w = port.clientWidth / s.z, h = port.clientHeight / s.z;
    if (w > 0 && h > 0) {
      svg.setAttribute("viewBox", [s.cx - w / 2, s.cy - h / 2, w, h].join(" "));
    }
  }
  function zoomAt(factor, px, py) {
    var svg = svgOf(activeView()), port = viewport();
    if (!svg) { return; }
    var s = state[current], fit = fitted(svg).z;
    var z = Math.max(fit / 4, Math.min(fit * 40, s.z * factor));
    if (px === undefined) { px = port.clientWidth / 2; py = port.clientHeight / 2; }
    var ux = s.cx + (px - port.clientWidth / 2) / s.z, uy = s.cy + (py - port.clientHeight / 2) / s.z;
    s.cx = ux - (px - port.clientWidth / 2) / z;
    s.cy = uy - (py - port.clientHeight / 2) / z;
    s.z = z;
    apply();
  }
  function pan(dx, dy) { var s = state[current]; s.cx += dx / s.z; s.cy += dy / s.z; apply(); }
  function fit() { var svg = svgOf(activeView()); if (svg) { state[current] = fitted(svg); apply(); } }

  function reveal(card) {
    // Pans the map so that a card (focused or selected) is in sight.
    var port = viewport(), r = card.getBoundingClientRect(), p = port.getBoundingClientRect();
    if (r.left < p.left || r.right > p.right || r.top < p.top || r.bottom > p.bottom) {
      pan((r.left + r.right) / 2 - (p.left + p.right) / 2, (r.top + r.bottom) / 2 - (p.top + p.bottom) / 2);
    }
  }
  function cardsOf(id) {
    var view = activeView();
    return view ? Array.prototype.filter.call(view.querySelectorAll(".card"),
      function (c) { return c.getAttribute("data-item") === id; }) : [];
  }
  function mark() {
    Array.prototype.forEach.call(doc.querySelectorAll(".card.selected"), function (c) {
      c.classList.remove("selected");
    });
    if (selected) { cardsOf(selected).forEach(function (c) { c.classList.add("selected"); }); }
  }
  function openItem(id, options) {
    var source = doc.getElementById("item-" + id), panel = doc.getElementById("panel");
    if (!source || !panel) { return false; }
    var copy = source.cloneNode(true);
    copy.removeAttribute("id");
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
    if (copy.tagName === "SECTION") {   // a stage: its own facts, not every item in it
      Array.prototype.forEach.call(copy.querySelectorAll("article"), function (a) { a.remove(); });
    }
    doc.getElementById("panel-body").replaceChildren(copy);
    panel.hidden = false;
    selected = id;
    mark();
    var cards = cardsOf(id);
    if (options && options.reveal) {
      doc.getElementById("map").scrollIntoView({block: "start"});
      if (cards.length) { reveal(cards[0]); }
    }
    if (!options || options.focus !== false) { doc.getElementById("panel-h").focus({preventScroll: true}); }
    return true;
  }
  function closePanel() {
    var panel = doc.getElementById("panel");
    if (!panel || panel.hidden) { return; }
    panel.hidden = true;
    var cards = selected ? cardsOf(selected) : [];
    selected = null;
    mark();
    if (cards.length) { cards[0].focus({preventScroll: true}); }
  }
  function showView(key) {
    var views = doc.querySelectorAll(".view");
    if (!doc.querySelector(".view[data-view='" + key + "']")) { key = "all"; }
    current = key;
    Array.prototype.forEach.call(views, function (v) {
      v.hidden = v.getAttribute("data-view") !== key;
    });
    Array.prototype.forEach.call(doc.querySelectorAll(".print-pages"), function (p) {
      p.hidden = p.getAttribute("data-view") !== key;
    });
    Array.prototype.forEach.call(doc.querySelectorAll("input[name=persona]"), function (i) {
      i.checked = i.value === key;
    });
    size();
    apply();
    mark();
  }

  function setup() {
    var first = doc.querySelector(".view:not([hidden])");
    if (!started && first) { current = first.getAttribute("data-view"); }
    started = true;
    var toolbar = doc.querySelector(".toolbar");
    if (toolbar) { toolbar.hidden = false; }
    showView(current);
    if (selected && !openItem(selected, {focus: false})) { closePanel(); }
  }

  // Event handlers are on the document, so they survive the live updates' swaps.
  doc.addEventListener("change", function (e) {
    if (e.target.name === "persona") { showView(e.target.value); }
  });
  doc.addEventListener("click", function (e) {
    var t = e.target;
    var zoom = t.closest && t.closest("[data-zoom]");
    if (zoom) {
      var how = zoom.getAttribute("data-zoom");
      if (how === "fit") { fit(); } else { zoomAt(how === "in" ? 1.4 : 1 / 1.4); }
      return;
    }
    if (t.closest && t.closest(".panel .close")) { closePanel(); return; }
    var link = t.closest && t.closest("a[href^='#item-']");
    if (link && openItem(link.getAttribute("href").slice(6), {reveal: true})) {
      e.preventDefault();
      return;
    }
    var card = t.closest && t.closest(".view .card");
    if (card && !dragged) { openItem(card.getAttribute("data-item"), {focus: false}); }
  });
  doc.addEventListener("keydown", function (e) {
    var port = viewport();
    if (e.key === "Escape") { closePanel(); return; }
    if (!port || !port.contains(e.target)) { return; }
    var card = e.target.closest && e.target.closest(".card");
    if (card && (e.key === "Enter" || e.key === " ")) {
      openItem(card.getAttribute("data-item"));
      e.preventDefault();
      return;
    }
    var step = 80, moves = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step]};
    if (moves[e.key]) { pan(moves[e.key][0], moves[e.key][1]); }
    else if (e.key === "+" || e.key === "=") { zoomAt(1.25); }
    else if (e.key === "-" || e.key === "_") { zoomAt(1 / 1.25); }
    else if (e.key === "0") { fit(); }
    else { return; }
    e.preventDefault();
  });
  doc.addEventListener("focusin", function (e) {
    var card = e.target.closest && e.target.closest(".view .card");
    if (card) { reveal(card); }
  });
  doc.addEventListener("wheel", function (e) {
    var port = viewport();
    if (!port || !port.contains(e.target)) { return; }
    e.preventDefault();
    var r = port.getBoundingClientRect(), unit = e.deltaMode === 1 ? 16 : 1;
    if (e.ctrlKey || e.metaKey) { zoomAt(Math.exp(-e.deltaY * unit * 0.002), e.clientX - r.left, e.clientY - r.top); }
    else { pan(e.deltaX * unit, e.deltaY * unit); }
  }, {passive: false});
  var drag = null;
  doc.addEventListener("pointerdown", function (e) {
    var port = viewport();
    if (e.button !== 0 || !port || !port.contains(e.target)) { return; }
    drag = {x: e.clientX, y: e.clientY, id: e.pointerId};
    dragged = false;
  });
  doc.addEventListener("pointermove", function (e) {
    if (!drag || drag.id !== e.pointerId) { return; }
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) { return; }
    if (!dragged) { dragged = true; viewport().classList.add("dragging"); }
    drag.x = e.clientX; drag.y = e.clientY;
    pan(-dx, -dy);
  });
  function endDrag() {
    if (drag) { drag = null; var port = viewport(); if (port) { port.classList.remove("dragging"); } }
  }
  doc.addEventListener("pointerup", endDrag);
  doc.addEventListener("pointercancel", endDrag);
  window.addEventListener("resize", function () { size(); apply(); });
  window.addEventListener("beforeprint", function () {
    var view = activeView(), svg = svgOf(view);
    if (svg) { svg.setAttribute("viewBox", svg.getAttribute("data-box")); }
  });
  window.addEventListener("afterprint", apply);

  // -- live updates (cjmap preview) -------------------------------------------------------
  function problems(list) {
    var box = doc.getElementById("problems");
    if (!box) { return; }
    if (!list) { box.hidden = true; box.replaceChildren(); return; }
    var head = doc.createElement("p"), items = doc.createElement("ul");
    head.innerHTML = "<strong></strong>";
    head.firstChild.textContent = "The map has problems; the picture below is from the last good save.";
    list.forEach(function (f) {
      var li = doc.createElement("li");
      li.textContent = (f.line ? "line " + f.line + ", column " + f.column + ": " : "") +
        (f.code ? f.code + " " : "") + f.message;
      items.appendChild(li);
    });
    box.replaceChildren(head, items);
    box.hidden = false;
  }
  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var scroll = window.scrollY;
    ["header.map-header", "main"].forEach(function (sel) {
      var old = doc.querySelector(sel), now = fresh.querySelector(sel);
      if (old && now) { old.replaceWith(doc.importNode(now, true)); }
    });
    doc.title = fresh.title;
    setup();
    window.scrollTo(0, scroll);
  }
  function follow() {
    var shown = Number(body.getAttribute("data-version")), busy = false;
    window.setInterval(function () {
      if (busy) { return; }
      busy = true;
      fetch("/version", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (v) {
        if (!v.ok) { problems(v.findings); return null; }
        if (v.version === shown) { problems(null); return null; }
        return fetch("/", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (html) {
          swap(html);
          shown = v.version;
          problems(null);
        });
      }).catch(function () { /* the server stopped; try again on the next tick */ })
        .then(function () { busy = false; });
    }, 300);
  }

  setup();
  if (body.getAttribute("data-live")) { follow(); }
})();
