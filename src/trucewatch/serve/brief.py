"""The daily brief: one self-contained HTML file with inline SVG charts.

`build_brief(store, day)` covers the day itself (strikes per region, the
day's key incidents) and the week ending on it (launched vs intercepted per
night for each claimant side, never summed; findings per party). Every text from a report is HTML-escaped; the
file loads nothing from anywhere.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Any

from trucewatch.serve.read_model import (
    SIDES,
    Filters,
    Snapshot,
    finding_rows,
    incident_rows,
    load_snapshot,
    region_name,
    timeline,
)
from trucewatch.store import Store

__all__ = ["bar_chart", "brief_html", "build_brief", "paired_bars"]

WEEK = 7
_COLOURS = {"RU": "#b03a2e", "UA": "#1f5fa8", "launched": "#9aa5b1", "intercepted": "#2e7d32"}
_GRADE_ORDER = ("corroborated_both_sides", "corroborated_one_side", "single_claim", "disputed",
                "accusation_only")


def build_brief(store: Store, day: dt.date) -> str:
    """The brief for `day` over everything in the store."""
    return brief_html(load_snapshot(store), day)


def bar_chart(values: Sequence[tuple[str, float]], title: str, colour: str = "#555") -> str:
    """A horizontal bar chart as inline SVG (labels escaped)."""
    if not values:
        return f'<p class="empty">{escape(title)}: nothing reported.</p>'
    top = max(v for _, v in values) or 1
    row, label_w, bar_w = 22, 170, 300
    height = row * len(values) + 30
    parts = [f'<svg role="img" aria-label="{escape(title)}" width="{label_w + bar_w + 60}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="0" y="14" class="t">{escape(title)}</text>']
    for i, (label, value) in enumerate(values):
        y = 26 + i * row
        width = max(1.0, bar_w * value / top)
        parts += [f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>',
                  f'<rect x="{label_w}" y="{y + 2}" width="{width:.1f}" height="{row - 6}" fill="{colour}"/>',
                  f'<text x="{label_w + width + 4:.1f}" y="{y + 14}">{value:g}</text>']
    return "".join(parts) + "</svg>"


def paired_bars(days: Sequence[dict[str, Any]], title: str) -> str:
    """Launched vs intercepted per night as paired vertical bars (inline SVG); None: not reported."""
    if not any(d["launched"] or d["intercepted"] for d in days):
        return f'<p class="empty">{escape(title)}: no counts reported.</p>'
    top = max(max(d["launched"] or 0, d["intercepted"] or 0) for d in days) or 1
    col, chart_h = 64, 160
    width = col * len(days) + 40
    parts = [f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{chart_h + 70}" '
             'xmlns="http://www.w3.org/2000/svg">', f'<text x="0" y="14" class="t">{escape(title)}</text>']
    for i, d in enumerate(days):
        x = 20 + i * col
        for j, name in enumerate(("launched", "intercepted")):
            value = d[name]
            h = chart_h * (value or 0) / top
            y = 30 + chart_h - h
            label = "n/r" if value is None else str(value)
            parts += [f'<rect x="{x + j * 24}" y="{y:.1f}" width="20" height="{h:.1f}" '
                      f'fill="{_COLOURS[name]}"><title>{name}: {label}</title></rect>',
                      f'<text x="{x + j * 24 + 10}" y="{y - 3:.1f}" text-anchor="middle" '
                      f'class="s">{label}</text>']
        parts.append(f'<text x="{x + 22}" y="{chart_h + 46}" text-anchor="middle" class="s">'
                     f'{escape(d["date"][5:])}</text>')
    legend_y = chart_h + 64
    parts += [f'<rect x="20" y="{legend_y - 9}" width="10" height="10" fill="{_COLOURS["launched"]}"/>',
              f'<text x="34" y="{legend_y}" class="s">launched</text>',
              f'<rect x="100" y="{legend_y - 9}" width="10" height="10" fill="{_COLOURS["intercepted"]}"/>',
              f'<text x="114" y="{legend_y}" class="s">intercepted</text>']
    return "".join(parts) + "</svg>"


def _strikes_per_region(snapshot: Snapshot, day: dt.date) -> list[tuple[str, float]]:
    counts: Counter[str] = Counter()
    for row in incident_rows(snapshot, Filters(since=day, until=day, kind="strike")):
        for code in row["admin1"] or [row["country"] or "unknown"]:
            label = f"{region_name(code)} ({code})" if "-" in code else f"{code}, region not named"
            counts[label] += 1
    return [(k, float(v)) for k, v in counts.most_common()]


def _nights(snapshot: Snapshot, day: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Per claimant side, the week's nights: launched at it and intercepted by it (never summed)."""
    start = day - dt.timedelta(days=WEEK - 1)
    found = {d["date"]: d for d in timeline(snapshot, Filters(since=start, until=day))}
    keys = [(start + dt.timedelta(days=i)).isoformat() for i in range(WEEK)]
    out: dict[str, list[dict[str, Any]]] = {}
    for side in SIDES:
        nights = [{"date": k, **found.get(k, {}).get("air_defence", {}).get(
            side, {"launched": None, "intercepted": None})} for k in keys]
        out[side] = nights
    return out


def _findings_per_party(snapshot: Snapshot, day: dt.date) -> list[tuple[str, float]]:
    start = day - dt.timedelta(days=WEEK - 1)
    counts = Counter(f"{r['party']} · {r['agreement']}"
                     for r in finding_rows(snapshot, Filters(since=start, until=day)))
    return [(k, float(v)) for k, v in sorted(counts.items())]


def _key_incidents(snapshot: Snapshot, day: dt.date, limit: int = 8) -> list[dict[str, Any]]:
    rows = incident_rows(snapshot, Filters(since=day, until=day))
    rank = {g: i for i, g in enumerate(_GRADE_ORDER)}
    rows.sort(key=lambda r: (-len(r["findings"]), -(r["killed"] or 0) - (r["injured"] or 0),
                             -r["sources"], rank.get(r["grade"], 9), r["id"]))
    return rows[:limit]


def _incident_html(row: dict[str, Any]) -> str:
    where = ", ".join(x for x in (row["place"], *row["regions"]) if x) or (row["country"] or "unknown place")
    counts = ", ".join(f"{k} {row[k]}" for k in ("killed", "injured", "launched", "intercepted")
                       if row[k] is not None)
    facts = " · ".join(escape(x) for x in (
        f"{row['kind']} by {row['attacker']}", where, "/".join(row["weapons"]),
        ", ".join(row["targets"]) or "no target named", counts) if x)
    findings = (f'<p class="f">In the ledger: {escape(", ".join(row["agreements"]))}</p>'
                if row["agreements"] else "")
    return (f'<li><p><strong>{escape(row["id"])}</strong> — {facts}</p>'
            f'<p class="g">grade: {escape(row["grade"])}; {row["sources"]} independent source(s); '
            f'outlets: {escape(", ".join(row["outlets"]) or "unknown")}</p>'
            f'<blockquote>{escape(row["quote"] or "")}</blockquote>{findings}</li>')


_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:960px;
color:#1d232a;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccd}
.meta{color:#556}.charts{display:flex;flex-wrap:wrap;gap:1.5rem}svg{font-size:12px}svg .t{font-weight:600;font-size:13px}
svg .s{font-size:11px}blockquote{margin:.3rem 0 .3rem 1rem;color:#333;border-left:3px solid #ccd;padding-left:.6rem}
ol li{margin-bottom:1rem}.g,.f{margin:.1rem 0;color:#556;font-size:.9rem}.empty{color:#778}
footer{margin-top:2rem;color:#778;font-size:.85rem}
"""


def brief_html(snapshot: Snapshot, day: dt.date) -> str:
    """The brief as one HTML document (inline CSS and SVG, no scripts, no external resources)."""
    week = f"{(day - dt.timedelta(days=WEEK - 1)).isoformat()} – {day.isoformat()}"
    incidents = _key_incidents(snapshot, day)
    body = [
        f"<h1>trucewatch daily brief: {day.isoformat()}</h1>",
        f'<p class="meta">{len(snapshot.corpus.reports)} stored reports; '
        f"{len(snapshot.corpus.incidents)} incidents in all. Charts of nights and findings cover {week}.</p>",
        '<div class="charts">',
        bar_chart(_strikes_per_region(snapshot, day), f"Strikes per region, {day.isoformat()}", "#b03a2e"),
        *[paired_bars(nights, f"Launched vs intercepted per night, as {side} reports")
          for side, nights in _nights(snapshot, day).items()],
        bar_chart(_findings_per_party(snapshot, day), "Findings per party and agreement", "#6a4c93"),
        "</div>", f"<h2>Key incidents of {day.isoformat()}</h2>",
        "<ol>" + "".join(_incident_html(r) for r in incidents) + "</ol>" if incidents
        else '<p class="empty">No incidents dated to this day.</p>',
        "<footer>Generated by trucewatch from the reports in its store. Grades say how well "
        "a report is corroborated, not whether it is true.</footer>",
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>trucewatch brief {day.isoformat()}</title>"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{_STYLE}</style></head><body>" + "\n".join(body) + "</body></html>\n")
