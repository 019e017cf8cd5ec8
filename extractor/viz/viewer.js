/* extractor graph viewer: plain JavaScript, no dependencies, no network.
 *
 * Reads the graph from <script id="kg-data" type="application/json">, lays it out with a
 * seeded force simulation (same graph, same picture) and draws it on a canvas.  Drag the
 * background to pan, drag a node to move it, wheel to zoom, click a node or an edge for
 * details.  The URL fragment #node=ID or #edge=ID selects an item.  <body> carries
 * data-rendered-nodes / data-rendered-edges after each drawing and data-errors when a
 * script error happened, for headless checks.
 */
"use strict";

(function () {
  let errorCount = 0;
  const noteError = (message) => {
    errorCount += 1;
    document.body.setAttribute("data-errors", String(errorCount));
    document.body.setAttribute("data-last-error", String(message));
  };
  window.addEventListener("error", (ev) => noteError(ev.message));
  window.addEventListener("unhandledrejection", (ev) => noteError(ev.reason));

  const FONT = 'system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", ' +
    '"Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", Meiryo, sans-serif';
  const MODALITIES = ["asserted", "reported", "hedged", "negated"];
  const EDGE_STYLE = {
    asserted: { color: "#667085", dash: [] },
    reported: { color: "#667085", dash: [7, 4] },
    hedged: { color: "#98a2b3", dash: [2, 4] },
    negated: { color: "#c0392b", dash: [] },
  };
  const OTHER = "#999999"; // colour of a type without one
  const SEED = 20240601;
  const IDEAL_EDGE = 90; // layout length unit, in pixels at zoom 1
  const GRAVITY = 0.02; // pull towards the centre of a component

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const canvas = document.getElementById("graph");
  const ctx = canvas.getContext("2d");
  const colorOf = new Map(data.types.map((t) => [t.name, t.color]));

  const nodes = data.nodes.map((n) => ({
    ...n, x: 0, y: 0, dx: 0, dy: 0,
    r: Math.min(30, 6 + 4 * Math.sqrt(Math.max(1, (n.mentions || []).length))),
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = data.edges
    .filter((e) => byId.has(e.source) && byId.has(e.target))
    .map((e) => ({ ...e, s: byId.get(e.source), t: byId.get(e.target), bend: 0 }));
  const edgeById = new Map(edges.map((e) => [e.id, e]));

  // Parallel edges between one pair of nodes get different bends.
  const pairs = new Map();
  for (const e of edges) {
    const key = [e.source, e.target].sort().join("\u0000");
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(e);
  }
  for (const group of pairs.values()) {
    group.forEach((e, i) => {
      const bend = (i - (group.length - 1) / 2) * 34;
      e.bend = e.source <= e.target ? bend : -bend;
    });
  }

  const hidden = { type: new Set(), predicate: new Set(), modality: new Set() };
  const view = { x: 0, y: 0, k: 1 };
  let selected = null; // {kind: "node" | "edge", item}

  const nodeVisible = (n) => !hidden.type.has(n.type);
  const edgeVisible = (e) => nodeVisible(e.s) && nodeVisible(e.t) &&
    !hidden.predicate.has(e.predicate) && !hidden.modality.has(e.modality);

  // -- layout: Fruchterman-Reingold with gravity, seeded --------------------------------
  function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // Each connected component is laid out on its own (Fruchterman-Reingold in which repulsion
  // grows with the degree of both nodes, so hubs push their neighbours out, as in ForceAtlas2),
  // then the components are packed in rows, largest first; lone nodes end up in a grid.
  function components() {
    const seen = new Set(), groups = [];
    const adjacent = new Map(nodes.map((a) => [a, []]));
    for (const e of edges) { adjacent.get(e.s).push(e.t); adjacent.get(e.t).push(e.s); }
    for (const start of nodes) {
      if (seen.has(start)) continue;
      const group = [start];
      seen.add(start);
      for (let i = 0; i < group.length; i++) {
        for (const b of adjacent.get(group[i])) if (!seen.has(b)) { seen.add(b); group.push(b); }
      }
      groups.push(group);
    }
    return groups.sort((a, b) => b.length - a.length);
  }

  function layoutComponent(group, rand) {
    const n = group.length, k = IDEAL_EDGE, spread = k * Math.sqrt(n);
    const inside = new Set(group), links = edges.filter((e) => inside.has(e.s) && e.s !== e.t);
    const mass = new Map(group.map((a) => [a, 1]));
    for (const e of links) { mass.set(e.s, mass.get(e.s) + 1); mass.set(e.t, mass.get(e.t) + 1); }
    for (const a of group) { a.x = (rand() - 0.5) * spread; a.y = (rand() - 0.5) * spread; }
    const iterations = n < 2 ? 0 : Math.max(40, Math.min(400, Math.floor(3e7 / (n * n))));
    for (let it = 0; it < iterations; it++) {
      const temperature = spread * 0.2 * (1 - it / iterations) + 1;
      for (const a of group) { a.dx = -a.x * GRAVITY; a.dy = -a.y * GRAVITY; }
      for (let i = 0; i < n; i++) {
        const a = group[i], ma = mass.get(a);
        for (let j = i + 1; j < n; j++) {
          const b = group[j];
          let x = a.x - b.x, y = a.y - b.y, d2 = x * x + y * y;
          if (d2 < 0.01) { x = rand() - 0.5; y = rand() - 0.5; d2 = x * x + y * y; }
          const f = (k * k * ma * mass.get(b)) / d2;
          a.dx += x * f; a.dy += y * f; b.dx -= x * f; b.dy -= y * f;
        }
      }
      for (const e of links) {
        const x = e.s.x - e.t.x, y = e.s.y - e.t.y, f = Math.sqrt(x * x + y * y) / k;
        e.s.dx -= x * f; e.s.dy -= y * f; e.t.dx += x * f; e.t.dy += y * f;
      }
      for (const a of group) {
        const d = Math.sqrt(a.dx * a.dx + a.dy * a.dy);
        if (d > 0) { const step = Math.min(d, temperature) / d; a.x += a.dx * step; a.y += a.dy * step; }
      }
    }
    alignWide(group);
  }

  // Rotate a component about its centre so that its long axis lies horizontal (screens are wide).
  function alignWide(group) {
    const mean = (f) => group.reduce((total, a) => total + f(a), 0) / group.length;
    const mx = mean((a) => a.x), my = mean((a) => a.y);
    let sxx = 0, syy = 0, sxy = 0;
    for (const a of group) { sxx += (a.x - mx) ** 2; syy += (a.y - my) ** 2; sxy += (a.x - mx) * (a.y - my); }
    const angle = -0.5 * Math.atan2(2 * sxy, sxx - syy), cos = Math.cos(angle), sin = Math.sin(angle);
    for (const a of group) {
      const x = a.x - mx, y = a.y - my;
      a.x = x * cos - y * sin;
      a.y = x * sin + y * cos;
    }
  }

  function layout() {
    const rand = mulberry32(SEED), gap = IDEAL_EDGE;
    ctx.font = `13px ${FONT}`; // labels keep their screen size when zoomed out: leave them room
    const half = new Map(nodes.map((a) => [a, Math.max(a.r, ctx.measureText(a.label).width * 0.8)]));
    const boxes = components().map((group) => {
      layoutComponent(group, rand);
      const x0 = Math.min(...group.map((a) => a.x - half.get(a)));
      const x1 = Math.max(...group.map((a) => a.x + half.get(a)));
      const y0 = Math.min(...group.map((a) => a.y)), y1 = Math.max(...group.map((a) => a.y));
      return { group, x0, y0, w: x1 - x0, h: y1 - y0 };
    });
    const area = boxes.reduce((sum, b) => sum + (b.w + gap) * (b.h + gap), 0);
    const rowWidth = Math.max(boxes.length ? boxes[0].w : 0, Math.sqrt(area) * 1.3);
    let x = 0, y = 0, rowHeight = 0;
    for (const b of boxes) {
      if (x > 0 && x + b.w > rowWidth) { x = 0; y += rowHeight + gap; rowHeight = 0; }
      for (const a of b.group) { a.x += x - b.x0; a.y += y - b.y0; }
      x += b.w + gap;
      rowHeight = Math.max(rowHeight, b.h);
    }
  }

  // -- drawing --------------------------------------------------------------------------
  const radius = (n) => Math.max(n.r, 5 / view.k); // at least 5 screen pixels, to stay clickable

  function geometry(e) {
    const { s, t } = e;
    if (s === t) return { loop: true, x: s.x, y: s.y - radius(s) - 14, r: 14 };
    const mx = (s.x + t.x) / 2, my = (s.y + t.y) / 2;
    const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
    const cx = mx - ((t.y - s.y) / len) * e.bend, cy = my + ((t.x - s.x) / len) * e.bend;
    const ux = t.x - cx, uy = t.y - cy, ul = Math.hypot(ux, uy) || 1;
    const gap = radius(t) + 2, tip = { x: t.x - (ux / ul) * gap, y: t.y - (uy / ul) * gap };
    const lx = (s.x + 2 * cx + t.x) / 4, ly = (s.y + 2 * cy + t.y) / 4; // the curve's midpoint
    return { loop: false, cx, cy, tip, ux: ux / ul, uy: uy / ul, lx, ly };
  }

  function focusSet() {
    if (!selected) return null;
    if (selected.kind === "edge") return new Set([selected.item.s.id, selected.item.t.id]);
    const ids = new Set([selected.item.id]);
    for (const e of edges) {
      if (edgeVisible(e) && (e.s === selected.item || e.t === selected.item)) { ids.add(e.s.id); ids.add(e.t.id); }
    }
    return ids;
  }

  function isFocusedEdge(e, focus) {
    if (!focus) return true;
    if (selected.kind === "edge") return e === selected.item;
    return e.s === selected.item || e.t === selected.item;
  }

  function drawEdge(e, focus) {
    const g = geometry(e), style = EDGE_STYLE[e.modality] || EDGE_STYLE.asserted;
    const on = isFocusedEdge(e, focus), chosen = selected && selected.item === e;
    ctx.globalAlpha = on ? 1 : 0.15;
    ctx.strokeStyle = chosen ? "#1d2330" : style.color;
    ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = (chosen ? 3 : 1.4) / Math.sqrt(view.k);
    ctx.setLineDash(style.dash);
    ctx.beginPath();
    if (g.loop) {
      ctx.arc(g.x, g.y, g.r, 0, 2 * Math.PI);
      ctx.stroke();
    } else {
      ctx.moveTo(e.s.x, e.s.y);
      ctx.quadraticCurveTo(g.cx, g.cy, g.tip.x, g.tip.y);
      ctx.stroke();
      ctx.setLineDash([]);
      const a = 9, w = 4.5;
      ctx.beginPath();
      ctx.moveTo(g.tip.x, g.tip.y);
      ctx.lineTo(g.tip.x - g.ux * a - g.uy * w, g.tip.y - g.uy * a + g.ux * w);
      ctx.lineTo(g.tip.x - g.ux * a + g.uy * w, g.tip.y - g.uy * a - g.ux * w);
      ctx.closePath();
      ctx.fill();
    }
    ctx.setLineDash([]);
    if (edges.length <= 150 || view.k >= 0.8 || chosen) {
      const x = g.loop ? g.x : g.lx, y = g.loop ? g.y - g.r - 4 : g.ly;
      const text = e.predicate + (e.modality === "negated" ? " (negated)" : "");
      label(text, x, y, 11, chosen ? "#1d2330" : style.color);
    }
    ctx.globalAlpha = 1;
  }

  // Text shrinks more slowly than the drawing when zoomed out (to 70 % at most) and grows with
  // it when zoomed in; textScale() turns a size in screen pixels at zoom 1 into world units.
  const textScale = () => Math.max(0.7, Math.sqrt(Math.min(view.k, 1))) / Math.min(view.k, 1);
  function label(text, x, y, size, color) {
    ctx.font = `${size * textScale()}px ${FONT}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3 * textScale();
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.strokeText(text, x, y);
    ctx.fillStyle = color;
    ctx.fillText(text, x, y);
  }

  function drawNode(n, focus) {
    const on = !focus || focus.has(n.id), chosen = selected && selected.item === n;
    ctx.globalAlpha = on ? 1 : 0.2;
    ctx.beginPath();
    ctx.arc(n.x, n.y, radius(n), 0, 2 * Math.PI);
    ctx.fillStyle = colorOf.get(n.type) || OTHER;
    ctx.fill();
    ctx.lineWidth = chosen ? 3.5 : 1.5;
    ctx.strokeStyle = chosen ? "#1d2330" : "#ffffff";
    ctx.stroke();
    if (nodes.length <= 200 || view.k >= 0.6 || chosen || (focus && on)) {
      const text = n.label.length > 30 ? n.label.slice(0, 29) + "…" : n.label;
      label(text, n.x, n.y + radius(n) + 3 + 8 * textScale(), 13, "#1d2330");
    }
    ctx.globalAlpha = 1;
  }

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.translate(view.x, view.y);
    ctx.scale(view.k, view.k);
    const focus = focusSet();
    const shownEdges = edges.filter(edgeVisible), shownNodes = nodes.filter(nodeVisible);
    shownEdges.forEach((e) => drawEdge(e, focus));
    shownNodes.forEach((n) => drawNode(n, focus));
    document.body.setAttribute("data-rendered-nodes", String(shownNodes.length));
    document.body.setAttribute("data-rendered-edges", String(shownEdges.length));
    document.getElementById("stats").textContent =
      `${shownNodes.length} / ${nodes.length} entities · ${shownEdges.length} / ${edges.length} relations · ` +
      `${data.documents.length} document${data.documents.length === 1 ? "" : "s"}`;
  }

  let pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => { pending = false; draw(); });
  }

  function fit() {
    const shown = nodes.filter(nodeVisible);
    const w = canvas.clientWidth, h = canvas.clientHeight, padX = 80, padTop = 30, padBottom = 50;
    if (!shown.length) { view.x = w / 2; view.y = h / 2; view.k = 1; return; }
    const xs = shown.map((n) => n.x), ys = shown.map((n) => n.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const kx = (w - 2 * padX) / (x1 - x0 || 1), ky = (h - padTop - padBottom) / (y1 - y0 || 1);
    view.k = Math.max(0.05, Math.min(1.5, kx, ky));
    view.x = w / 2 - view.k * (x0 + x1) / 2;
    view.y = padTop + (h - padTop - padBottom) / 2 - view.k * (y0 + y1) / 2;
  }

  // -- hit testing and interaction -----------------------------------------------------
  function toWorld(ev) {
    const box = canvas.getBoundingClientRect();
    return { x: (ev.clientX - box.left - view.x) / view.k, y: (ev.clientY - box.top - view.y) / view.k };
  }

  function nodeAt(p) {
    const shown = nodes.filter(nodeVisible);
    for (let i = shown.length - 1; i >= 0; i--) {
      const n = shown[i];
      if (Math.hypot(p.x - n.x, p.y - n.y) <= radius(n) + 3 / view.k) return n;
    }
    return null;
  }

  function edgeAt(p) {
    const tolerance = 6 / view.k;
    let best = null, bestD = tolerance;
    for (const e of edges.filter(edgeVisible)) {
      const g = geometry(e);
      if (g.loop) {
        const d = Math.abs(Math.hypot(p.x - g.x, p.y - g.y) - g.r);
        if (d < bestD) { best = e; bestD = d; }
        continue;
      }
      let px = e.s.x, py = e.s.y;
      for (let i = 1; i <= 20; i++) {
        const t = i / 20, u = 1 - t;
        const qx = u * u * e.s.x + 2 * u * t * g.cx + t * t * g.tip.x;
        const qy = u * u * e.s.y + 2 * u * t * g.cy + t * t * g.tip.y;
        const d = segmentDistance(p, px, py, qx, qy);
        if (d < bestD) { best = e; bestD = d; }
        px = qx; py = qy;
      }
    }
    return best;
  }

  function segmentDistance(p, ax, ay, bx, by) {
    const vx = bx - ax, vy = by - ay, l2 = vx * vx + vy * vy;
    const t = l2 ? Math.max(0, Math.min(1, ((p.x - ax) * vx + (p.y - ay) * vy) / l2)) : 0;
    return Math.hypot(p.x - (ax + t * vx), p.y - (ay + t * vy));
  }

  let drag = null;
  canvas.addEventListener("pointerdown", (ev) => {
    const p = toWorld(ev);
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, node: nodeAt(p), moved: false };
    canvas.setPointerCapture(ev.pointerId);
    canvas.classList.add("dragging");
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (!drag) {
      const p = toWorld(ev);
      canvas.classList.toggle("hover", Boolean(nodeAt(p) || edgeAt(p)));
      return;
    }
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    if (drag.node) {
      const p = toWorld(ev);
      drag.node.x = p.x;
      drag.node.y = p.y;
    } else {
      view.x = drag.vx + dx;
      view.y = drag.vy + dy;
    }
    redraw();
  });
  canvas.addEventListener("pointerup", (ev) => {
    if (drag && !drag.moved) {
      const p = toWorld(ev);
      const n = nodeAt(p), e = n ? null : edgeAt(p);
      select(n ? { kind: "node", item: n } : e ? { kind: "edge", item: e } : null);
    }
    drag = null;
    canvas.classList.remove("dragging");
  });
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const box = canvas.getBoundingClientRect();
    const mx = ev.clientX - box.left, my = ev.clientY - box.top;
    const k = Math.max(0.05, Math.min(8, view.k * Math.exp(-ev.deltaY * 0.0015)));
    view.x = mx - ((mx - view.x) * k) / view.k;
    view.y = my - ((my - view.y) * k) / view.k;
    view.k = k;
    redraw();
  }, { passive: false });
  window.addEventListener("resize", redraw);
  document.getElementById("fit").addEventListener("click", () => { fit(); redraw(); });
  document.getElementById("search").addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter") return;
    const q = ev.target.value.trim().toLowerCase();
    if (!q) return;
    const forms = (n) => [n.label, n.id, ...(n.aliases || []), ...Object.values(n.labels || {})];
    const hit = nodes.find((n) => nodeVisible(n) && forms(n).some((f) => f.toLowerCase().includes(q)));
    if (!hit) return;
    select({ kind: "node", item: hit });
    view.x = canvas.clientWidth / 2 - hit.x * view.k;
    view.y = canvas.clientHeight / 2 - hit.y * view.k;
    redraw();
  });

  // -- details panel --------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "onclick") node.addEventListener("click", value);
      else if (key === "color") node.style.background = value;
      else node.setAttribute(key, value);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const link = (kind, item, text) =>
    el("button", { class: "link", type: "button", onclick: () => select({ kind, item }) }, text);
  const nodeLink = (n) => link("node", n, n.label);
  const edgeLink = (e, text) => link("edge", e, text);
  const span = (doc, start, end) => `${doc} [${start}–${end}]`;

  function fields(pairs) {
    return el("dl", null, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => [el("dt", null, k), el("dd", null, v)]));
  }

  function qualifierText(key, q) {
    if (q === null || typeof q !== "object") return String(q);
    if (key === "date") {
      const notes = [q.precision, q.modifier, q.inferred_year ? "year inferred" : null].filter(Boolean);
      return `${q.value} (${notes.join(", ")})`;
    }
    const num = (x) => (typeof x === "number" ? x.toLocaleString("en-US") : String(x));
    const quoted = q.text ? ` «${q.text}»` : "";
    const upper = q.upper !== undefined ? "–" + num(q.upper) : "";
    if (key === "amount") return `${num(q.value)}${upper} ${q.currency}${quoted}`;
    if (key === "count") return `${num(q.value)}${q.unit ? " " + q.unit : ""}${quoted}`;
    return Object.keys(q).sort().map((k) => `${k}=${q[k]}`).join(", ");
  }

  function showNode(n) {
    const related = edges.filter((e) => e.s === n || e.t === n);
    const mentions = n.mentions || [];
    return [
      el("h3", null, n.label),
      el("span", { class: "type" }, el("span", { class: "swatch", color: colorOf.get(n.type) || OTHER }), n.type),
      fields([
        ["id", n.id],
        ["ja", (n.labels || {}).ja], ["en", (n.labels || {}).en],
        ["aliases", (n.aliases || []).join(" · ")],
        ["kb id", n.kb_id], ["same as", (n.same_as || []).join(" ")],
      ]),
      el("h4", null, `Mentions (${mentions.length})`),
      el("ul", { class: "items" }, mentions.slice(0, 50).map((m) =>
        el("li", null, m.text, " ",
          el("span", { class: "meta" }, span(m.doc, m.start, m.end), m.kind !== "name" ? ` · ${m.kind}` : "")))),
      mentions.length > 50 ? el("p", { class: "muted" }, `… ${mentions.length - 50} more`) : null,
      el("h4", null, `Relations (${related.length})`),
      el("ul", { class: "items" }, related.map((e) => el("li", null,
        e.s === n ? e.s.label : nodeLink(e.s), " → ", edgeLink(e, e.predicate), " → ",
        e.t === n ? e.t.label : nodeLink(e.t),
        e.modality !== "asserted" ? el("span", { class: "meta" }, ` · ${e.modality}`) : null))),
    ];
  }

  function showEdge(e) {
    const q = e.qualifiers || {};
    const evidence = e.evidence || [];
    return [
      el("h3", null, nodeLink(e.s), " ", e.predicate, " ", nodeLink(e.t)),
      fields([
        ["id", e.id], ["predicate", e.predicate], ["modality", e.modality],
        ["confidence", typeof e.confidence === "number" ? e.confidence.toFixed(2) : e.confidence],
        ["inferred", e.inferred ? "yes" : "no"],
        ...Object.keys(q).sort().map((k) => [k, qualifierText(k, q[k])]),
      ]),
      el("h4", null, `Evidence (${evidence.length})`),
      evidence.map((ev) => [
        el("blockquote", null, ev.text),
        el("p", { class: "meta" }, [span(ev.doc, ev.start, ev.end), `rule ${ev.rule}`,
          ev.attribution ? `according to ${ev.attribution}` : null].filter(Boolean).join(" · ")),
      ]),
    ];
  }

  function select(choice) {
    selected = choice;
    const box = document.getElementById("details");
    box.replaceChildren(el("h2", null, "Details"));
    if (!choice) box.append(el("p", { class: "muted" }, "Click a node or an edge."));
    else {
      const parts = choice.kind === "node" ? showNode(choice.item) : showEdge(choice.item);
      box.append(...parts.flat(Infinity).filter(Boolean));
    }
    document.body.setAttribute("data-selected", choice ? `${choice.kind}:${choice.item.id}` : "");
    const hash = choice ? `#${choice.kind}=${encodeURIComponent(choice.item.id)}` : window.location.pathname;
    try { window.history.replaceState(null, "", hash); } catch (err) { /* some file: URLs refuse it */ }
    redraw();
  }

  function selectFromHash() {
    const m = /^#(node|edge)=(.+)$/.exec(window.location.hash);
    if (!m) return;
    const item = (m[1] === "node" ? byId : edgeById).get(decodeURIComponent(m[2]));
    if (item) select({ kind: m[1], item });
  }
  window.addEventListener("hashchange", selectFromHash);

  // -- filters --------------------------------------------------------------------------
  function filterBox(id, kind, entries) {
    const box = document.getElementById(id);
    for (const [name, count, mark] of entries) {
      const input = el("input", { type: "checkbox" });
      input.checked = true;
      input.addEventListener("change", () => {
        if (input.checked) hidden[kind].delete(name); else hidden[kind].add(name);
        redraw();
      });
      box.append(el("label", null, input, mark, name, el("span", { class: "count" }, count)));
    }
    if (!entries.length) box.append(el("p", { class: "muted" }, "none"));
  }

  const tally = (items, key) => items.reduce((m, x) => m.set(x[key], (m.get(x[key]) || 0) + 1), new Map());
  const typeCounts = tally(nodes, "type");
  const predicateCounts = tally(edges, "predicate");
  const modalityCounts = tally(edges, "modality");
  filterBox("filter-type", "type", data.types.filter((t) => typeCounts.has(t.name))
    .map((t) => [t.name, typeCounts.get(t.name), el("span", { class: "swatch", color: t.color })]));
  filterBox("filter-predicate", "predicate", [...predicateCounts.keys()].sort()
    .map((p) => [p, predicateCounts.get(p), null]));
  filterBox("filter-modality", "modality", MODALITIES.filter((m) => modalityCounts.has(m))
    .map((m) => [m, modalityCounts.get(m), el("span", { class: `line ${m}` })]));

  layout();
  fit();
  draw();
  selectFromHash();
})();
