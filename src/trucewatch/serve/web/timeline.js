/* The timeline: strikes per attacking side and launched vs intercepted, per day, week or month,
 * drawn to the width of its box with a date axis and a count axis (a year of news fits). */
"use strict";

(function () {
  const TW = window.TW;
  const timeline = { days: [], zoom: "auto" };
  TW.timeline = timeline;

  function isoDay(date) { return date.toISOString().slice(0, 10); }

  function bucketKey(day, zoom) {
    if (zoom === "month") return day.slice(0, 7) + "-01";
    if (zoom === "week") {
      const d = new Date(day + "T00:00:00Z");
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));  // the Monday of its week
      return isoDay(d);
    }
    return day;
  }

  function nextBucket(key, zoom) {
    const d = new Date(key + "T00:00:00Z");
    if (zoom === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + (zoom === "week" ? 7 : 1));
    return isoDay(d);
  }

  /* Continuous buckets from the first to the last day, empty ones included. */
  timeline.buckets = function buckets(days, zoom) {
    if (!days.length) return [];
    const byKey = new Map();
    for (const d of days) {
      const key = bucketKey(d.date, zoom);
      const b = byKey.get(key) || { date: key, strikes: {}, air: {} };
      for (const [side, n] of Object.entries(d.strikes)) b.strikes[side] = (b.strikes[side] || 0) + n;
      for (const [side, counts] of Object.entries(d.air_defence || {})) {  // per claimant, never summed across
        const mine = b.air[side] || (b.air[side] = { launched: 0, intercepted: 0 });
        mine.launched += counts.launched || 0; mine.intercepted += counts.intercepted || 0;
      }
      byKey.set(key, b);
    }
    const out = [];
    const last = bucketKey(days[days.length - 1].date, zoom);
    for (let key = bucketKey(days[0].date, zoom); key <= last; key = nextBucket(key, zoom)) {
      out.push(byKey.get(key) || { date: key, strikes: {}, air: {} });
    }
    return out;
  };

  function spanDays(days) {
    if (!days.length) return 0;
    return (Date.parse(days[days.length - 1].date) - Date.parse(days[0].date)) / 864e5 + 1;
  }

  /* Days while a day's bar gets at least 6 px, then weeks, then months. */
  timeline.autoZoom = function autoZoom(days, width) {
    const span = spanDays(days);
    if (span * 6 <= width) return "day";
    return span / 7 * 6 <= width ? "week" : "month";
  };

  function niceMax(value) {
    if (value <= 4) return Math.max(2, value + (value % 2));
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
    return 10 * power;
  }

  function yAxis(root, x, top, height, max, label) {
    root.append(TW.svg("line", { x1: x, y1: top, x2: x, y2: top + height, class: "axis" }));
    for (const fraction of [0, 0.5, 1]) {
      const y = top + height - fraction * height;
      root.append(TW.svg("line", { x1: x - 3, y1: y, x2: x, y2: y, class: "axis" }));
      root.append(TW.svg("text", { x: x - 5, y: y + 4, "text-anchor": "end" }, TW.number(Math.round(max * fraction))));
    }
    root.append(TW.svg("text", { x: 4, y: top - 6, class: "chart-title" }, label));
  }

  function label(key, zoom) {
    if (zoom === "month") return key.slice(0, 7);
    return key.slice(5);
  }

  function xAxis(root, buckets, x0, width, y, zoom) {
    root.append(TW.svg("line", { x1: x0, y1: y, x2: x0 + width, y2: y, class: "axis" }));
    const step = width / buckets.length;
    const every = Math.max(1, Math.ceil(70 / step));
    buckets.forEach((b, i) => {
      if (i % every) return;
      const x = x0 + i * step + step / 2;
      root.append(TW.svg("line", { x1: x, y1: y, x2: x, y2: y + 4, class: "axis" }));
      root.append(TW.svg("text", { x, y: y + 16, "text-anchor": "middle", class: "tick" }, label(b.date, zoom)));
    });
  }

  function bar(root, x, y, w, h, fill, title) {
    if (h <= 0) return;
    const rect = TW.svg("rect", { x, y, width: Math.max(1, w), height: h, fill });
    rect.append(TW.svg("title", {}, title));
    root.append(rect);
  }

  function strikesChart(root, buckets, x0, width, top, height) {
    const max = niceMax(Math.max(1, ...buckets.map((b) => Object.values(b.strikes).reduce((a, c) => a + c, 0))));
    yAxis(root, x0, top, height, max, "Strike incidents by attacking side (RU red, UA blue)");
    const step = width / buckets.length, w = Math.max(1, step * 0.8);
    buckets.forEach((b, i) => {
      let y = top + height;
      for (const side of Object.keys(b.strikes).sort()) {
        const h = height * b.strikes[side] / max;
        y -= h;
        bar(root, x0 + i * step, y, w, h, TW.SIDE_COLOURS[side] || TW.SIDE_COLOURS.unknown,
          b.date + ": " + b.strikes[side] + " by " + side);
      }
    });
  }

  /* Launched and intercepted as each side claims them, side by side (one side's claims are
   * never added to the other's). */
  function countsChart(root, buckets, x0, width, top, height) {
    const sides = [...new Set(buckets.flatMap((b) => Object.keys(b.air)))].sort();
    const max = niceMax(Math.max(1, ...buckets.flatMap((b) => Object.values(b.air).map((a) => Math.max(a.launched, a.intercepted)))));
    yAxis(root, x0, top, height, max, "Launched (light) vs intercepted (dark), as each side claims: " +
      (sides.join(", ") || "none"));
    const step = width / buckets.length, w = Math.max(0.5, step * 0.8 / Math.max(1, 2 * sides.length));
    buckets.forEach((b, i) => {
      sides.forEach((side, j) => {
        const a = b.air[side];
        if (!a) return;
        const x = x0 + i * step + j * 2 * w, colour = TW.SIDE_COLOURS[side] || TW.SIDE_COLOURS.unknown;
        const hl = height * a.launched / max, hi = height * a.intercepted / max;
        bar(root, x, top + height - hl, w, hl, colour + "66", b.date + ": " + side + " says launched " + a.launched);
        bar(root, x + w, top + height - hi, w, hi, colour, b.date + ": " + side + " says intercepted " + a.intercepted);
      });
    });
  }

  timeline.draw = function draw(days) {
    timeline.days = days;
    const box = document.getElementById("timeline");
    box.replaceChildren();
    if (!days.length) {
      box.append(TW.el("p", { class: "note empty" }, "No dated incidents match these filters."));
      return;
    }
    const width = Math.max(320, box.clientWidth || 800);
    const zoom = timeline.zoom === "auto" ? timeline.autoZoom(days, width - 60) : timeline.zoom;
    const buckets = timeline.buckets(days, zoom);
    document.getElementById("zoom-shown").textContent = "per " + zoom + " · " + buckets.length + " " + zoom + "s";
    for (const button of document.querySelectorAll("#zoom button")) {
      button.setAttribute("aria-pressed", String(button.dataset.zoom === timeline.zoom));
    }
    const x0 = 48, plot = width - x0 - 10, h = 100;
    const root = TW.svg("svg", { width, height: 2 * h + 100, role: "img",
      "aria-label": "Timeline per " + zoom + ", " + buckets.length + " " + zoom + "s" });
    strikesChart(root, buckets, x0, plot, 24, h);
    xAxis(root, buckets, x0, plot, 24 + h, zoom);
    countsChart(root, buckets, x0, plot, h + 70, h);
    xAxis(root, buckets, x0, plot, 2 * h + 70, zoom);
    box.append(root);
  };

  timeline.redraw = function redraw() { timeline.draw(timeline.days); };
})();
