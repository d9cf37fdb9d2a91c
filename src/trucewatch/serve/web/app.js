/* trucewatch dashboard: filters kept in the address (a permalink), routing between the map,
 * the ledger and an incident, and the incident list paged on the server (counts shown). */
"use strict";

(function () {
  const TW = window.TW;
  const TARGETS = ["energy", "medical", "residential", "education", "industrial", "transport",
    "port", "military", "government", "other_civilian"];
  const FILTERS = ["kind", "party", "region", "target", "agreement", "since", "until"];
  const state = { days: [], page: 0, allIncidents: null, regionNames: {}, loading: 0 };

  /* -- the address: #/view?filters ------------------------------------------------------ */

  function parseHash() {
    const hash = window.location.hash || "#/";
    const [path, query] = hash.slice(1).split("?");
    return { path: path || "/", params: new URLSearchParams(query || "") };
  }

  function currentView() {
    const { path } = parseHash();
    const match = path.match(/^\/incidents\/(.+)$/);
    if (match) return { name: "incident", id: decodeURIComponent(match[1]) };
    return { name: path.startsWith("/ledger") ? "ledger" : "map" };
  }

  function writeHash(params, extra) {
    const view = currentView();
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...params, ...extra })) if (value) query.set(key, value);
    const base = view.name === "ledger" ? "#/ledger" : "#/";
    const next = base + (query.toString() ? "?" + query.toString() : "");
    if (next !== window.location.hash) history.replaceState(null, "", next);
    for (const link of document.querySelectorAll("header nav a[data-view]")) {
      const target = link.dataset.view === "ledger" ? "#/ledger" : "#/";
      link.setAttribute("href", target + (query.toString() ? "?" + query.toString() : ""));
    }
  }

  /* -- filters ------------------------------------------------------------------------- */

  function dayAt(index) { return state.days[Number(index)] || ""; }

  function filters() {
    const form = document.getElementById("filters");
    const out = {};
    for (const name of ["kind", "party", "region", "target", "agreement"]) {
      const value = form.elements[name].value;
      if (value) out[name] = value;
    }
    const since = document.getElementById("f-since"), until = document.getElementById("f-until");
    if (state.days.length) {
      if (Number(since.value) > 0) out.since = dayAt(since.value);
      if (Number(until.value) < state.days.length - 1) out.until = dayAt(until.value);
    }
    return out;
  }

  function indexOfDay(day, fallback) {
    const index = state.days.indexOf(day);
    if (index >= 0) return index;
    if (!day) return fallback;
    const after = state.days.findIndex((d) => d >= day);
    return after < 0 ? state.days.length - 1 : after;
  }

  function applyParams(params) {
    const form = document.getElementById("filters");
    for (const name of ["kind", "party", "region", "target", "agreement"]) {
      const select = form.elements[name];
      const value = params.get(name) || "";
      if (value && ![...select.options].some((o) => o.value === value)) select.append(TW.el("option", { value }, value));
      select.value = value;
    }
    document.getElementById("f-since").value = String(indexOfDay(params.get("since"), 0));
    document.getElementById("f-until").value = String(indexOfDay(params.get("until"), state.days.length - 1));
    document.getElementById("f-choropleth").checked = params.get("shade") === "1";
    TW.map.choropleth = params.get("shade") === "1";
    const zoom = params.get("zoom");
    TW.timeline.zoom = ["day", "week", "month"].includes(zoom) ? zoom : "auto";
    state.page = Math.max(0, Number(params.get("page") || 0) || 0);
    updateDateLabels();
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
    for (const [value, label] of values) select.append(TW.el("option", { value }, label));
  }

  function allDays(timelineDays) {
    if (!timelineDays.length) return [];
    const days = [];
    const end = new Date(timelineDays[timelineDays.length - 1].date + "T00:00:00Z");
    for (let d = new Date(timelineDays[0].date + "T00:00:00Z"); d <= end; d.setUTCDate(d.getUTCDate() + 1)) {
      days.push(d.toISOString().slice(0, 10));
    }
    return days;
  }

  /* The list asks for pages without `sort`: the API lists incidents in date order already,
   * and an unsorted page builds only its own rows on the server. */

  /* The first requests start with the page, before the map is built, so that the list and
   * the timeline can paint as soon as the server answers (see `prefetched`). */
  function startRequests() {
    const view = currentView();
    const requests = { agreements: TW.api("/api/agreements") };
    const params = Object.fromEntries([...parseHash().params].filter(([key]) => FILTERS.includes(key)));
    if (view.name === "map") {
      const offset = Math.max(0, Number(parseHash().params.get("page") || 0) || 0) * TW.PAGE_SIZE;
      const key = JSON.stringify([params, offset]);
      requests.first = { key, page: TW.api("/api/incidents", { ...params, limit: TW.PAGE_SIZE, offset }),
        days: TW.api("/api/timeline", params) };
    }
    // the unfiltered timeline gives the date range; it is the first answer when no filter is set
    const unfiltered = requests.first && !Object.keys(params).length;
    requests.allDays = unfiltered ? requests.first.days : TW.api("/api/timeline");
    for (const promise of [requests.agreements, requests.allDays]) promise.catch(() => null);
    if (requests.first) { requests.first.page.catch(() => null); requests.first.days.catch(() => null); }
    state.requests = requests;
  }

  /* The page's first answers if they were asked for these filters, else new requests. */
  function prefetched(params, offset) {
    const first = state.requests && state.requests.first;
    state.requests.first = null;
    if (first && first.key === JSON.stringify([params, offset])) return [first.page, first.days];
    return [TW.api("/api/incidents", { ...params, limit: TW.PAGE_SIZE, offset }),
      TW.api("/api/timeline", params)];
  }

  async function initFilters(regions) {
    fillSelect("f-target", TARGETS.map((t) => [t, t.replace("_", " ")]));
    const codes = regions.features.map((f) => [f.properties.code, f.properties.name]);
    for (const [code, name] of codes) state.regionNames[code] = name;
    codes.sort((a, b) => a[1].localeCompare(b[1]));
    fillSelect("f-region", codes.map(([code, name]) => [code, name + " (" + code + ")"]));
    const [agreements, days] = await Promise.all([state.requests.agreements, state.requests.allDays]);
    fillSelect("f-agreement", agreements.map((a) => [a.id, a.title]));
    state.days = allDays(days);
    for (const id of ["f-since", "f-until"]) document.getElementById(id).max = String(Math.max(0, state.days.length - 1));
    const form = document.getElementById("filters");
    form.addEventListener("change", (event) => {
      if (event.target.id === "f-choropleth") TW.map.setChoropleth(event.target.checked);
      state.page = 0;
      refresh();
    });
    form.addEventListener("input", (event) => { if (event.target.type === "range") updateDateLabels(); });
    form.addEventListener("reset", () => setTimeout(() => { applyParams(new URLSearchParams()); refresh(); }, 0));
    form.addEventListener("submit", (event) => event.preventDefault());
    for (const button of document.querySelectorAll("#zoom button")) {
      button.addEventListener("click", () => { TW.timeline.zoom = button.dataset.zoom; writeHash(filters(), extras()); TW.timeline.redraw(); });
    }
    document.getElementById("page-prev").addEventListener("click", () => { state.page -= 1; refresh(); });
    document.getElementById("page-next").addEventListener("click", () => { state.page += 1; refresh(); });
  }

  function extras() {
    return { shade: document.getElementById("f-choropleth").checked ? "1" : "",
      zoom: TW.timeline.zoom === "auto" ? "" : TW.timeline.zoom, page: state.page ? String(state.page) : "" };
  }

  /* -- the incident list ------------------------------------------------------------------ */

  function describe(params) {
    const parts = [];
    if (params.kind) parts.push("kind " + params.kind);
    if (params.party) parts.push("attacker " + params.party);
    if (params.region) parts.push("region " + (state.regionNames[params.region] || params.region) + " (" + params.region + ")");
    if (params.target) parts.push("target " + params.target.replace("_", " "));
    if (params.agreement) parts.push("findings under " + params.agreement);
    if (params.since || params.until) parts.push("dates " + (params.since || "start") + " to " + (params.until || "end"));
    return parts;
  }

  function emptyState(params) {
    const parts = describe(params);
    const why = state.allIncidents === 0
      ? "The store holds no incidents yet: ingest reports with `trucewatch ingest`."
      : "No incident matches " + parts.join(", ") + ". The store holds " + TW.number(state.allIncidents) +
        " incident(s) in all; widen a filter or reset.";
    const reset = TW.el("button", { type: "button", class: "linkish" }, "Reset filters");
    reset.addEventListener("click", () => document.getElementById("filters").reset());
    return TW.el("div", { class: "empty", id: "empty-state" }, why, " ", state.allIncidents ? reset : null);
  }

  /* How many incidents the store holds in all (asked only when a filter matches nothing). */
  async function countAll() {
    if (state.allIncidents === null) state.allIncidents = (await TW.api("/api/incidents", { limit: 1 })).total;
    return state.allIncidents;
  }

  function drawTable(page, params) {
    const table = document.getElementById("incident-table");
    const body = table.querySelector("tbody");
    body.replaceChildren();
    document.getElementById("empty-state")?.remove();
    table.hidden = page.total === 0;
    if (page.total === 0) table.after(emptyState(params));
    for (const i of page.items) {
      const dates = i.date_from === i.date_to ? i.date_from : i.date_from + " – " + i.date_to;
      const where = [i.place, ...i.regions].filter(Boolean).join(", ") || i.country || "?";
      body.append(TW.el("tr", { "data-kind": i.kind },
        TW.el("td", {}, TW.incidentLink(i.id, dates || "undated")), TW.el("td", {}, i.kind),
        TW.el("td", {}, i.attacker), TW.el("td", {}, where), TW.el("td", {}, TW.gradeBadge(i.grade))));
    }
    const first = page.total ? page.offset + 1 : 0, last = page.offset + page.items.length;
    document.getElementById("incident-count").textContent = "(" + TW.number(page.total) + ")";
    document.getElementById("page-info").textContent = page.total
      ? "showing " + TW.number(first) + "–" + TW.number(last) + " of " + TW.number(page.total) : "";
    document.getElementById("page-prev").disabled = page.offset === 0;
    document.getElementById("page-next").disabled = last >= page.total;
  }

  /* -- views ---------------------------------------------------------------------------- */

  async function drawMap(params) {
    const offset = state.page * TW.PAGE_SIZE;
    const [page, days] = await Promise.all(prefetched(params, offset));
    if (offset && offset >= page.total) { state.page = 0; return drawMap(params); }
    if (page.total === 0) await countAll();
    drawTable(page, params);
    TW.timeline.draw(days);
    performance.mark("tw-list-and-timeline");  // read by benchmarks/dashboard_first_paint.py
    const points = await TW.api("/api/map/points", params);
    const all = points.items.map((row) => Object.fromEntries(points.fields.map((f, i) => [f, row[i]])));
    await state.mapReady;
    const placed = TW.map.draw(all);
    document.getElementById("map-count").textContent = TW.number(placed) + " of " + TW.number(page.total) + " on the map";
    performance.mark("tw-map");
  }

  async function refresh() {
    const params = filters();
    updateExportLinks(params);
    const view = currentView();
    if (view.name === "incident") return;
    writeHash(params, extras());
    const ticket = ++state.loading;
    document.body.dataset.loading = "1";
    try {
      if (view.name === "map") await drawMap(params);
      else await TW.ledger.draw(params);
      TW.setStatus("");
    } catch (error) {
      TW.setStatus("Could not load data: " + error.message);
    }
    if (ticket === state.loading) delete document.body.dataset.loading;
  }

  function route() {
    const view = currentView();
    for (const name of ["map", "ledger", "incident"]) document.getElementById("view-" + name).hidden = name !== view.name;
    document.getElementById("filters").hidden = view.name === "incident";
    for (const link of document.querySelectorAll("header nav a[data-view]")) {
      link.classList.toggle("active", link.dataset.view === view.name);
      if (link.dataset.view === view.name) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    if (view.name === "incident") { TW.incident.draw(view.id); return; }
    applyParams(parseHash().params);
    refresh();
    if (view.name === "map" && TW.map.leaflet) setTimeout(() => TW.map.leaflet.invalidateSize(), 0);
  }

  async function main() {
    startRequests();
    try {
      const [regions, countries] = await Promise.all([
        fetch("/static/regions.geojson").then((r) => r.json()),
        fetch("/static/countries.geojson").then((r) => r.json())]);
      await initFilters(regions);
      // the map is built right after the list and the timeline have painted
      state.mapReady = new Promise((resolve) => setTimeout(() => { TW.map.init(regions, countries); resolve(); }, 0));
    } catch (error) {
      TW.setStatus("Could not start: " + error.message);
    }
    window.addEventListener("hashchange", route);
    let resize = null;
    window.addEventListener("resize", () => { clearTimeout(resize); resize = setTimeout(TW.timeline.redraw, 150); });
    route();
    await state.mapReady;
    document.body.dataset.ready = "1";
  }

  main();
})();
