"""Exports: rows of the read model as CSV (ACLED column names), GeoJSON and Parquet."""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum
from typing import Any

from trucewatch.model import DatePrecision
from trucewatch.serve.read_model import LISTINGS, Filters, Snapshot, region_name, sort_rows
from trucewatch.vocab.gazetteer import country as country_place

__all__ = ["MEDIA", "Dataset", "ExportFormat", "acled_row", "export", "export_rows",
           "to_csv", "to_geojson", "to_parquet"]


_ACLED_SIDES = {"RU": "Military Forces of Russia", "UA": "Military Forces of Ukraine"}
_PRECISION = {DatePrecision.DAY: 1, DatePrecision.NIGHT: 1, DatePrecision.WEEK: 2,
              DatePrecision.MONTH: 3, DatePrecision.UNKNOWN: 3}


def _sub_event_type(row: dict[str, Any]) -> str:
    if row["kind"] == "commitment":
        return "Agreement" if row.get("stance") in ("agreed", "proposed") else "Other"
    weapon = row.get("weapon") or (row.get("weapons") or ["unknown"])[0]
    return "Air/drone strike" if weapon in ("drone", "aircraft") else (
        "Shelling/artillery/missile attack" if weapon in ("missile", "artillery") else "")


def _country_name(code: str | None) -> str | None:
    place = country_place(code) if code else None
    return place.name if place else code


def acled_row(row: dict[str, Any]) -> dict[str, Any]:
    """An event or incident row under ACLED's column names (where a field maps onto one)."""
    day = row.get("date") or row.get("date_to") or row.get("published")
    codes = row.get("admin1") or []
    country = row.get("country") or (codes[0].split("-")[0] if codes else None)
    precision = _PRECISION.get(DatePrecision(row.get("date_precision") or "unknown"), 3)
    side = row.get("side") or row.get("attacker")
    return {
        "event_id_cnty": row["id"], "event_date": day, "year": day[:4] if day else None,
        "time_precision": precision if "date_precision" in row else 1,
        "event_type": ("Strategic developments" if row["kind"] == "commitment"
                       else "Explosions/Remote violence"),
        "sub_event_type": _sub_event_type(row), "actor1": _ACLED_SIDES.get(side, side),
        "country": _country_name(country), "admin1": "; ".join(region_name(c) for c in codes),
        "location": row.get("place"), "latitude": row.get("lat"), "longitude": row.get("lon"),
        "source": row.get("outlet") or "; ".join(row.get("outlets") or []),
        "notes": row.get("quote"), "fatalities": row.get("killed"),
    }


_EXTRA_EVENT = ("kind", "admin1", "weapon", "targets", "injured", "launched", "intercepted",
                "water", "party", "stance", "scope", "claimant", "modality", "url", "document",
                "span_start", "span_end", "rules")
_EXTRA_INCIDENT = ("kind", "admin1", "weapons", "targets", "injured", "launched", "intercepted",
                   "date_from", "date_to", "sources", "source_sides", "claimants", "grade",
                   "report_count", "disputes", "agreements")


def _flat(value: Any) -> Any:
    return "; ".join(str(v) for v in value) if isinstance(value, list) else value


def export_rows(dataset: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as exported: ACLED names first for events and incidents, then our own fields."""
    extra = {"events": _EXTRA_EVENT, "incidents": _EXTRA_INCIDENT}.get(dataset)
    if extra is None:
        return [{k: v for k, v in r.items() if not isinstance(v, dict)} for r in rows]
    out = []
    for row in rows:
        mine = {("admin1_code" if k == "admin1" else k): row.get(k) for k in extra}
        out.append({**acled_row(row), **mine})
    return out


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    columns = list(dict.fromkeys(k for r in rows for k in r))
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _flat(v) for k, v in r.items()} for r in rows)
    return buffer.getvalue()


def to_geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows with coordinates as GeoJSON points (rows without any are left out)."""
    features = []
    for row in rows:
        lat, lon = row.get("latitude", row.get("lat")), row.get("longitude", row.get("lon"))
        if lat is None or lon is None:
            continue
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": row})
    return {"type": "FeatureCollection", "features": features}


def to_parquet(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(dict.fromkeys(k for r in rows for k in r))
    table = pa.table({c: pa.array([_flat(r.get(c)) for r in rows]) for c in columns})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


class Dataset(StrEnum):
    DOCUMENTS = "documents"
    EVENTS = "events"
    INCIDENTS = "incidents"
    FINDINGS = "findings"


class ExportFormat(StrEnum):
    CSV = "csv"
    GEOJSON = "geojson"
    PARQUET = "parquet"


MEDIA = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
          "parquet": "application/vnd.apache.parquet"}


def export(snapshot: Snapshot, dataset: str, fmt: str, filters: Filters = Filters(),
           sort: str | None = None) -> bytes:
    """One dataset, filtered and sorted, as CSV, GeoJSON or Parquet bytes."""
    rows = export_rows(dataset, sort_rows(LISTINGS[dataset](snapshot, filters), sort))
    if fmt == "csv":
        return to_csv(rows).encode("utf-8")
    if fmt == "geojson":
        return json.dumps(to_geojson(rows), ensure_ascii=False).encode("utf-8")
    return to_parquet(rows)

