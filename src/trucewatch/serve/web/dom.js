/* trucewatch dashboard: small DOM and API helpers shared by the views.
 * Every text that comes from a report or the API is put on the page with
 * textContent (never innerHTML), so report text always renders as text. */
"use strict";

const TW = window.TW = window.TW || {};
TW.SVG_NS = "http://www.w3.org/2000/svg";
TW.KIND_COLOURS = { strike: "#c0392b", interception: "#2471a3" };
TW.SIDE_COLOURS = { RU: "#b03a2e", UA: "#1f5fa8", unknown: "#8a939c" };
TW.GRADE_COLOURS = {
  corroborated_both_sides: "#2e7d32", corroborated_one_side: "#7cb342", single_claim: "#f0b429",
  disputed: "#d64541", accusation_only: "#8e6bbf", uncertain_timing: "#9aa5b1",
};
TW.PAGE_SIZE = 200;

TW.el = function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

TW.svg = function svg(tag, attrs, text) {
  const node = document.createElementNS(TW.SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
};

TW.gradeBadge = function gradeBadge(grade) {
  return TW.el("span", { class: "grade " + String(grade || "").replace(/[^a-z_]/g, "") },
    String(grade || "").replace(/_/g, " "));
};

TW.incidentLink = function incidentLink(id, label) {
  return TW.el("a", { href: "#/incidents/" + encodeURIComponent(id), "data-incident": id }, label || id);
};

/* A link to a source article, only for http(s) addresses (never javascript: and the like). */
TW.articleLink = function articleLink(url, label) {
  let parsed = null;
  try { parsed = new URL(url); } catch (error) { return null; }
  if (!["http:", "https:"].includes(parsed.protocol)) return null;
  return TW.el("a", { href: parsed.href, class: "source-link", rel: "noopener noreferrer", target: "_blank" },
    label || "source article ↗");
};

TW.setStatus = function setStatus(text) { document.getElementById("status").textContent = text || ""; };

TW.api = async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error((body.error && body.error.message) || response.statusText);
  return body;
};

/* Every item of a paged listing: the first page says the total, the rest load in parallel. */
TW.apiAll = async function apiAll(path, params) {
  const limit = 1000;
  const first = await TW.api(path, { ...params, limit, offset: 0 });
  const offsets = [];
  for (let offset = limit; offset < first.total; offset += limit) offsets.push(offset);
  const rest = await Promise.all(offsets.map((offset) => TW.api(path, { ...params, limit, offset })));
  return first.items.concat(...rest.map((page) => page.items));
};

TW.number = function number(n) { return Number(n || 0).toLocaleString("en-US"); };
