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

__all__ = ["MEDIA", "Dataset", "ExportFormat", "acled_rows", "export", "export_rows",
           "csv_cell", "to_csv", "to_geojson", "to_parquet"]


_ACLED_SIDES = {"RU": "Military Forces of Russia", "UA": "Military Forces of Ukraine"}
_PRECISION = {DatePrecision.DAY: 1, DatePrecision.NIGHT: 1, DatePrecision.WEEK: 2,
              DatePrecision.MONTH: 3, DatePrecision.UNKNOWN: 3}


def _event_type(row: dict[str, Any]) -> tuple[str, str]:
    """ACLED's event type and sub-event type: interceptions disrupt weapons use, they strike nothing."""
    if row["kind"] == "commitment":
        return "Strategic developments", ("Agreement" if row.get("stance") in ("agreed", "proposed")
                                          else "Other")
    if row["kind"] == "interception":
        return "Strategic developments", "Disrupted weapons use"
    weapon = row.get("weapon") or (row.get("weapons") or ["unknown"])[0]
    return "Explosions/Remote violence", _STRIKE_SUB.get(weapon, "")


_STRIKE_SUB = {"drone": "Air/drone strike", "aircraft": "Air/drone strike",
               "missile": "Shelling/artillery/missile attack",
               "artillery": "Shelling/artillery/missile attack"}


def _country_name(code: str | None) -> str | None:
    place = country_place(code) if code else None
    return place.name if place else code


def _country_of(row: dict[str, Any], code: str | None) -> str | None:
    """ISO 3166: the country of the ISO 3166-2 region (Crimea, UA-43, is Ukraine), else the row's."""
    return code.split("-")[0] if code and "-" in code else row.get("country")


def acled_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    """An event or incident under ACLED's column names: one row per admin1 it names."""
    codes: list[str | None] = list(row.get("admin1") or []) or [None]
    out = []
    for code in codes:
        country = _country_of(row, code)
        row_id = row["id"] if len(codes) == 1 else f"{row['id']}#{code}"
        out.append({**_acled_common(row, row_id), "country": _country_name(country),
                    "iso": country, "admin1": region_name(code) if code else None,
                    "admin1_code": code})
    return out


def _acled_common(row: dict[str, Any], row_id: str) -> dict[str, Any]:
    day = row.get("date") or row.get("date_to") or row.get("published")
    precision = _PRECISION.get(DatePrecision(row.get("date_precision") or "unknown"), 3)
    side = row.get("side") or row.get("attacker")
    event_type, sub_event_type = _event_type(row)
    return {
        "event_id_cnty": row_id, "event_date": day, "year": day[:4] if day else None,
        "time_precision": precision if "date_precision" in row else 1,
        "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": _ACLED_SIDES.get(side, side), "location": row.get("place"),
        "latitude": row.get("lat"), "longitude": row.get("lon"),
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
        mine = {("admin1_codes" if k == "admin1" else k): row.get(k) for k in extra}
        out += [{**acled, **mine} for acled in acled_rows(row)]
    return out


# OWASP "CSV injection": a cell a spreadsheet would read as a formula (or DDE call).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: Any) -> Any:
    """A text cell that cannot run as a formula: one starting with = + - @ tab or CR is
    prefixed with a single quote, as OWASP advises; numbers and other values stay as they are.

    Outlets, quotes, titles and URLs come from reports, so any of them may be hostile.
    """
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    columns = list(dict.fromkeys(k for r in rows for k in r))
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(_flat(v)) for k, v in r.items()} for r in rows)
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
    """One dataset, filtered and sorted, as CSV, GeoJSON or Parquet bytes.

    CSV and Parquet are tables: ACLED's columns, one row per admin1. GeoJSON keeps
    one feature per record (a point cannot be in two regions), lists as arrays.
    """
    listed = sort_rows(LISTINGS[dataset](snapshot, filters), sort)
    if fmt == "geojson":
        plain = [{k: v for k, v in r.items() if not isinstance(v, dict)} for r in listed]
        return json.dumps(to_geojson(plain), ensure_ascii=False).encode("utf-8")
    rows = export_rows(dataset, listed)
    return to_csv(rows).encode("utf-8") if fmt == "csv" else to_parquet(rows)

