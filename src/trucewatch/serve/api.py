"""The REST API and the dashboard host: `create_app(store_url) -> FastAPI`.

Two halves. The read model (plain functions over a `Snapshot` of the store:
documents, events, incidents, agreements, findings, the timeline, and their
exports as CSV, GeoJSON and Parquet) is what the routes, the daily brief and
tests share. The routes below it are thin: parse filters, call one function,
return its result. The API is read-only unless an ingest token is configured;
every error has one JSON shape, `{"error": {"code", "message"}}`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import secrets
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from trucewatch.assess import AgreementAssessment, Finding, grade
from trucewatch.errors import TrucewatchError
from trucewatch.serve.docs import add_docs
from trucewatch.link import EventRef, Incident
from trucewatch.model import AnyEvent, Commitment, DatePrecision, Document, Interception, Strike
from trucewatch.pipeline import LinkedCorpus, assess_store, ingest_documents, link_store
from trucewatch.store import Store, open_store
from trucewatch.vocab.gazetteer import country as country_place
from trucewatch.vocab.gazetteer import region as region_place

__all__ = [
    "ApiError",
    "Filters",
    "Snapshot",
    "SnapshotCache",
    "agreement_rows",
    "create_app",
    "document_detail",
    "document_rows",
    "event_rows",
    "export",
    "finding_rows",
    "incident_detail",
    "incident_rows",
    "load_snapshot",
    "paginate",
    "timeline",
]

WEB_DIR = Path(__file__).parent / "web"
SIDES = ("RU", "UA")  # the parties whose voices make an incident corroborated on both sides
MAX_LIMIT = 1000
REFRESH_S = 2.0  # how often a snapshot checks whether the store changed


# -- the read model -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the API shows, computed once per state of the store."""

    corpus: LinkedCorpus
    ledger: tuple[AgreementAssessment, ...]
    incidents: dict[str, Incident]
    findings: tuple[Finding, ...]
    findings_by_incident: dict[str, tuple[Finding, ...]]


def load_snapshot(store: Store) -> Snapshot:
    """Link and assess everything in the store."""
    corpus = link_store(store)
    ledger = tuple(assess_store(store))
    findings = tuple(f for a in ledger for f in a.findings)
    by_incident: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.incident is not None:
            by_incident[finding.incident.id].append(finding)
    return Snapshot(corpus, ledger, {i.id: i for i in corpus.incidents}, findings,
                    {k: tuple(v) for k, v in by_incident.items()})


class SnapshotCache:
    """The current snapshot of one store; reloaded when the store's counts change."""

    def __init__(self, store_url: str) -> None:
        self.store_url = store_url
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._counts: object = None
        self._checked = 0.0

    def get(self) -> Snapshot:
        with self._lock:
            now = time.monotonic()
            if self._snapshot is None or now - self._checked >= REFRESH_S:
                self._checked = now
                with open_store(self.store_url, create=False) as store:
                    counts = store.counts()
                    if self._snapshot is None or counts != self._counts:
                        self._snapshot, self._counts = load_snapshot(store), counts
            assert self._snapshot is not None
            return self._snapshot

    def invalidate(self) -> None:
        with self._lock:
            self._snapshot = None


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters shared by every listing; a filter that does not apply to a dataset is ignored."""

    since: dt.date | None = None
    until: dt.date | None = None
    region: str | None = None  # ISO 3166-2 code (UA-63) or country (UA)
    kind: str | None = None
    party: str | None = None
    target: str | None = None
    agreement: str | None = None

    def days(self, start: dt.date | None, end: dt.date | None) -> bool:
        """Does [start, end] overlap the filter's period?"""
        if self.since and (end is None or end < self.since):
            return False
        return not (self.until and (start is None or start > self.until))

    def places(self, country: str | None, admin1: Iterable[str]) -> bool:
        if not self.region:
            return True
        code, codes = self.region.upper(), tuple(admin1)
        if "-" in code:
            return code in codes
        return country == code or any(a.startswith(code + "-") for a in codes)

    def side(self, side: str | None) -> bool:
        return not self.party or (side or "").upper() == self.party.upper()

    def kinds(self, kind: str) -> bool:
        return not self.kind or kind == self.kind.lower()

    def targets(self, targets: Iterable[str]) -> bool:
        return not self.target or self.target.lower() in {str(t) for t in targets}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def region_name(code: str) -> str:
    place = region_place(code)
    return place.name if place else code


def _side_of(event: AnyEvent) -> str:
    return event.party if isinstance(event, Commitment) else event.attacker


def _event_places(event: AnyEvent) -> tuple[str | None, tuple[str, ...]]:
    if isinstance(event, Strike):
        return event.country, (event.admin1,) if event.admin1 else ()
    if isinstance(event, Interception):
        return None, event.admin1
    return None, ()


def _event_day(ref: EventRef) -> dt.date | None:
    return ref.event.date or ref.published


def event_id(ref: EventRef) -> str:
    return f"{ref.report_key[:16]}-{ref.seq}"


def _agreement_refs(snapshot: Snapshot, agreement: str) -> set[tuple[str, int]]:
    return {(r.report_key, r.seq) for f in snapshot.findings if f.agreement == agreement
            for r in (*f.evidence, *f.accusations)}


def event_rows(snapshot: Snapshot, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Events of the current (not superseded) reports, one row each, filtered."""
    allowed = _agreement_refs(snapshot, filters.agreement) if filters.agreement else None
    rows = []
    for ref in snapshot.corpus.refs:
        event = ref.event
        country, admin1 = _event_places(event)
        day = _event_day(ref)
        if not (filters.days(day, day) and filters.places(country, admin1)
                and filters.kinds(str(event.kind)) and filters.side(_side_of(event))
                and filters.targets(getattr(event, "targets", ()))):
            continue
        if allowed is not None and (ref.report_key, ref.seq) not in allowed:
            continue
        rows.append(_event_row(ref))
    return rows


def _event_row(ref: EventRef) -> dict[str, Any]:
    data = ref.event.to_dict()
    span = data.pop("span")
    data["admin1"] = ([data["admin1"]] if isinstance(data.get("admin1"), str)
                      else data.get("admin1") or [])
    return {
        "id": event_id(ref), "document": ref.report_key, "document_id": ref.document_id,
        "published": _iso(ref.published), "outlet": ref.outlet, "url": ref.url,
        "voice": ref.voice, "side": _side_of(ref.event), "span_start": span[0],
        "span_end": span[1], **data,
    }


def incident_location(incident: Incident) -> tuple[float | None, float | None]:
    """Where to draw an incident: an event's coordinates, else its region's or country's centre."""
    for ref in incident.reports:
        if ref.event.lat is not None and ref.event.lon is not None:
            return ref.event.lat, ref.event.lon
    place = (region_place(incident.admin1[0]) if incident.admin1 else None) or (
        country_place(incident.country) if incident.country else None)
    return (place.lat, place.lon) if place else (None, None)


def _most(incident: Incident, name: str) -> int | None:
    values = [getattr(r.event, name, None) for r in incident.reports]
    numbers = [v for v in values if isinstance(v, int)]
    return max(numbers) if numbers else None


def _incident_summary(snapshot: Snapshot, incident: Incident) -> dict[str, Any]:
    data = incident.to_dict()
    data.pop("reports")
    lat, lon = incident_location(incident)
    findings = snapshot.findings_by_incident.get(incident.id, ())
    return {
        **data, "regions": [region_name(c) for c in incident.admin1], "lat": lat, "lon": lon,
        "grade": str(grade(incident, SIDES)), "report_count": len(incident.reports),
        "killed": _most(incident, "killed"), "injured": _most(incident, "injured"),
        "launched": _most(incident, "launched"), "intercepted": _most(incident, "intercepted"),
        "quote": incident.reports[0].event.quote if incident.reports else None,
        "findings": [f.id for f in findings],
        "agreements": sorted({f.agreement for f in findings}),
    }


def _incident_matches(snapshot: Snapshot, incident: Incident, filters: Filters) -> bool:
    if filters.agreement and not any(
            f.agreement == filters.agreement
            for f in snapshot.findings_by_incident.get(incident.id, ())):
        return False
    return (filters.days(incident.date_from, incident.date_to)
            and filters.places(incident.country, incident.admin1)
            and filters.kinds(str(incident.kind)) and filters.side(incident.attacker)
            and filters.targets(incident.targets))


def incident_rows(snapshot: Snapshot, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Incidents (linked reports of one happening) with location, grade and findings."""
    return [_incident_summary(snapshot, i) for i in snapshot.corpus.incidents
            if _incident_matches(snapshot, i, filters)]


def _report_evidence(snapshot: Snapshot, ref: EventRef) -> dict[str, Any]:
    report = next(r for r in snapshot.corpus.reports if r.key == ref.report_key)
    doc = report.document
    return {
        **ref.to_dict(), "event": ref.event.to_dict(), "title": doc.title,
        "text": doc.text, "span_start": ref.event.span.start, "span_end": ref.event.span.end,
    }


def incident_detail(snapshot: Snapshot, incident_id: str) -> dict[str, Any] | None:
    """One incident with every report's quote inside its document text, and its findings."""
    incident = snapshot.incidents.get(incident_id)
    if incident is None:
        return None
    findings = snapshot.findings_by_incident.get(incident_id, ())
    return {
        **_incident_summary(snapshot, incident),
        "reports": [_report_evidence(snapshot, r) for r in incident.reports],
        "findings": [_finding_row(f) for f in findings],
    }


def _finding_row(finding: Finding) -> dict[str, Any]:
    data = finding.to_dict()
    evidence = data.pop("evidence")
    data.pop("accusations")
    incident = finding.incident
    return {
        **data, "evidence_count": len(evidence),
        "quote": evidence[0]["quote"] if evidence else None,
        "kind": str(incident.kind) if incident else None,
        "admin1": list(incident.admin1) if incident else [],
        "targets": [str(t) for t in incident.targets] if incident else [],
    }


def finding_rows(snapshot: Snapshot, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Findings of the ledger, one row each (evidence counted, not listed)."""
    rows = []
    for f in snapshot.findings:
        inc = f.incident
        if filters.agreement and f.agreement != filters.agreement:
            continue
        if not (filters.days(f.date_from, f.date_to) and filters.side(f.party)):
            continue
        if (filters.region or filters.kind or filters.target) and (inc is None or not (
                filters.places(inc.country, inc.admin1) and filters.kinds(str(inc.kind))
                and filters.targets(inc.targets))):
            continue
        rows.append(_finding_row(f))
    return rows


def agreement_rows(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Agreements with their findings counted per party and grade."""
    rows = []
    for item in snapshot.ledger:
        a = item.agreement
        parties = {p: {"findings": len(fs), "grades": _grade_counts(fs)}
                   for p, fs in item.by_party().items()}
        rows.append({
            "id": a.id, "title": a.title, "status": a.status, "in_force": a.in_force,
            "parties": list(a.parties), "start": a.start.isoformat(),
            "end": a.end.isoformat() if a.end else None, "notes": list(item.notes),
            "findings": len(item.findings), "by_party": parties,
        })
    return rows


def _grade_counts(findings: Sequence[Finding]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        counts[str(f.grade)] += 1
    return dict(counts)


def agreement_detail(snapshot: Snapshot, agreement_id: str) -> dict[str, Any] | None:
    """One agreement's full assessment (the ledger's JSON)."""
    item = next((a for a in snapshot.ledger if a.agreement.id == agreement_id), None)
    return item.to_dict() if item else None


def _document_row(report: Any, superseded_by: str | None) -> dict[str, Any]:
    doc: Document = report.document
    return {
        "key": report.key, "id": doc.id, "published": _iso(report.published), "outlet": doc.outlet,
        "url": doc.url, "title": doc.title, "events": len(report.events),
        "superseded_by": superseded_by,
    }


def document_rows(snapshot: Snapshot, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Stored documents (no text), filtered by published date."""
    prov = snapshot.corpus.provenance
    return [_document_row(r, prov[r.key].superseded_by) for r in snapshot.corpus.reports
            if filters.days(r.published, r.published)]


def document_detail(snapshot: Snapshot, key: str) -> dict[str, Any] | None:
    """One document with its text and events (spans into the text)."""
    report = next((r for r in snapshot.corpus.reports if r.key == key), None)
    if report is None:
        return None
    prov = snapshot.corpus.provenance[key]
    return {**_document_row(report, prov.superseded_by), "text": report.document.text,
            "outlet_side": prov.outlet_side, "events": [e.to_dict() for e in report.events]}


def timeline(snapshot: Snapshot, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Per day: strike incidents by attacking side; drones and missiles launched and intercepted."""
    days: dict[str, dict[str, Any]] = {}
    for incident in snapshot.corpus.incidents:
        if incident.date_to is None or not _incident_matches(snapshot, incident, filters):
            continue
        day = days.setdefault(incident.date_to.isoformat(), {
            "date": incident.date_to.isoformat(), "strikes": defaultdict(int),
            "launched": 0, "intercepted": 0})
        if str(incident.kind) == "strike":
            day["strikes"][incident.attacker] += 1
        else:
            day["launched"] += _most(incident, "launched") or 0
            day["intercepted"] += _most(incident, "intercepted") or 0
    return [{**d, "strikes": dict(d["strikes"])} for _, d in sorted(days.items())]


# -- paging, sorting and exports ---------------------------------------------------


def _sort_key(field_name: str) -> Callable[[dict[str, Any]], tuple[int, str]]:
    def key(row: dict[str, Any]) -> tuple[int, str]:
        value = row.get(field_name)
        if value is None or value == []:
            return (1, "")
        text = f"{value:012.3f}" if isinstance(value, (int, float)) else str(value)
        return (0, text)
    return key


_DATE_FIELDS = ("date", "date_from", "published", "event_date")


def sort_rows(rows: list[dict[str, Any]], sort: str | None) -> list[dict[str, Any]]:
    """Sort by a field (`-field` for descending); `date` means the row's own date field."""
    if not sort:
        return rows
    descending, name = sort.startswith("-"), sort.lstrip("-")
    if name == "date" and rows:
        name = next((f for f in _DATE_FIELDS if f in rows[0]), name)
    if rows and name not in rows[0]:
        raise ApiError(400, "invalid_sort", f"cannot sort by {name!r}; fields: "
                       + ", ".join(sorted(rows[0])))
    present = [r for r in rows if _sort_key(name)(r)[0] == 0]
    missing = [r for r in rows if _sort_key(name)(r)[0] == 1]
    return sorted(present, key=_sort_key(name), reverse=descending) + missing


def paginate(rows: list[dict[str, Any]], sort: str | None, limit: int, offset: int) -> dict[str, Any]:
    ordered = sort_rows(rows, sort)
    return {"total": len(ordered), "limit": limit, "offset": offset,
            "items": ordered[offset:offset + limit]}


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


_LISTINGS: dict[str, Callable[[Snapshot, Filters], list[dict[str, Any]]]] = {
    "documents": document_rows, "events": event_rows, "incidents": incident_rows,
    "findings": finding_rows,
}
_MEDIA = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
          "parquet": "application/vnd.apache.parquet"}


def export(snapshot: Snapshot, dataset: str, fmt: str, filters: Filters = Filters(),
           sort: str | None = None) -> bytes:
    """One dataset, filtered and sorted, as CSV, GeoJSON or Parquet bytes."""
    rows = export_rows(dataset, sort_rows(_LISTINGS[dataset](snapshot, filters), sort))
    if fmt == "csv":
        return to_csv(rows).encode("utf-8")
    if fmt == "geojson":
        return json.dumps(to_geojson(rows), ensure_ascii=False).encode("utf-8")
    return to_parquet(rows)


# -- the HTTP shell ------------------------------------------------------------------


class ApiError(Exception):
    """An error the API answers with `{"error": {"code", "message"}}`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                        headers=headers)


_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large"}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error(exc.status, exc.code, exc.message, headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, _HTTP_CODES.get(exc.status_code, "http_error"), str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors()[:5])
        return _error(422, "invalid_request", problems)

    @app.exception_handler(TrucewatchError)
    async def bad_input(_: Request, exc: TrucewatchError) -> JSONResponse:
        return _error(400, "bad_input", str(exc))


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class IngestDocument(BaseModel):
    """One report to ingest (the JSONL input's fields)."""

    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=2_000_000)
    published: dt.date | None = None
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)


class IngestBody(BaseModel):
    documents: list[IngestDocument] = Field(min_length=1, max_length=1000)


class IngestResult(BaseModel):
    added: int
    unchanged: int
    events: int
    failed: list[str]


def _filters(
    since: Annotated[dt.date | None, Query(description="From this day (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="To this day (YYYY-MM-DD).")] = None,
    region: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$",
                                        description="ISO 3166-2 code (UA-63) or country (UA).")] = None,
    kind: Annotated[str | None, Query(pattern="^(strike|interception|commitment)$")] = None,
    party: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$|^unknown$",
                                       description="Attacking (or committing) side: RU, UA.")] = None,
    target: Annotated[str | None, Query(description="Target class, e.g. energy.")] = None,
    agreement: Annotated[str | None, Query(description="Agreement id.")] = None,
) -> Filters:
    return Filters(since, until, region, kind, party, target, agreement)


FiltersDep = Annotated[Filters, Depends(_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0)]
Sort = Annotated[str | None, Query(pattern=r"^-?[a-z_0-9]+$",
                                   description="Field to sort by; prefix - for descending.")]


def _security_headers(app: FastAPI) -> None:
    policy = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
              "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
              "frame-ancestors 'none'")

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


def create_app(store_url: str, *, ingest_token: str | None = None) -> FastAPI:
    """The API and dashboard over the store at `store_url` (SQLite path or PostgreSQL URL)."""
    cache = SnapshotCache(store_url)
    app = FastAPI(title="trucewatch", version="1", summary="Strikes, interceptions, truce "
                  "commitments and the compliance ledger, with the evidence for each.",
                  docs_url=None, redoc_url=None)  # both would load scripts from a CDN
    app.state.cache = cache
    _install_error_handlers(app)
    _security_headers(app)
    _read_routes(app, cache)
    _export_routes(app, cache)
    _ingest_route(app, cache, ingest_token)
    _web_routes(app)
    return app


def _found(value: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
    if value is None:
        raise ApiError(404, "not_found", f"no {what} {key!r}")
    return value


def _read_routes(app: FastAPI, cache: SnapshotCache) -> None:
    def listing(dataset: str) -> Callable[..., dict[str, Any]]:
        def route(filters: FiltersDep, sort: Sort = None, limit: Limit = 100,
                  offset: Offset = 0) -> dict[str, Any]:
            return paginate(_LISTINGS[dataset](cache.get(), filters), sort, limit, offset)
        route.__doc__ = f"List {dataset}, filtered, sorted and paginated (`total` counts all matches)."
        return route

    for name in ("documents", "events", "incidents", "findings"):
        app.get(f"/api/{name}", response_model=Page, tags=[name], name=f"list_{name}")(listing(name))

    @app.get("/api/documents/{key}", tags=["documents"])
    def get_document(key: str) -> dict[str, Any]:
        """One document: text, metadata and its events with their spans."""
        return _found(document_detail(cache.get(), key), "document", key)

    @app.get("/api/incidents/{incident_id}", tags=["incidents"])
    def get_incident(incident_id: str) -> dict[str, Any]:
        """One incident: every report's quote with its document text, grade and findings."""
        return _found(incident_detail(cache.get(), incident_id), "incident", incident_id)

    @app.get("/api/agreements", tags=["agreements"])
    def list_agreements() -> list[dict[str, Any]]:
        """Agreements with their findings counted per party and grade."""
        return agreement_rows(cache.get())

    @app.get("/api/agreements/{agreement_id}", tags=["agreements"])
    def get_agreement(agreement_id: str) -> dict[str, Any]:
        """One agreement's assessment: findings per party with their evidence, and stances."""
        return _found(agreement_detail(cache.get(), agreement_id), "agreement", agreement_id)

    @app.get("/api/timeline", tags=["incidents"])
    def get_timeline(filters: FiltersDep) -> list[dict[str, Any]]:
        """Per day: strike incidents by attacking side, launched and intercepted."""
        return timeline(cache.get(), filters)


def _export_routes(app: FastAPI, cache: SnapshotCache) -> None:
    @app.get("/api/export/{dataset}.{fmt}", tags=["exports"],
             responses={200: {"content": {m: {} for m in _MEDIA.values()}}})
    def export_dataset(dataset: Dataset, fmt: ExportFormat, filters: FiltersDep,
                       sort: Sort = None) -> Response:
        """A dataset as CSV (ACLED column names where a field maps), GeoJSON or Parquet."""
        body = export(cache.get(), str(dataset), str(fmt), filters, sort)
        name = f"trucewatch-{dataset}.{fmt}"
        return Response(body, media_type=_MEDIA[str(fmt)],
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _check_token(configured: str | None, authorization: str | None) -> None:
    if not configured:
        raise ApiError(403, "read_only", "this server is read-only: start it with --ingest-token")
    scheme, _, sent = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(sent.strip().encode(), configured.encode()):
        raise ApiError(401, "unauthorized", "send the ingest token as 'Authorization: Bearer TOKEN'")


def _ingest_route(app: FastAPI, cache: SnapshotCache, token: str | None) -> None:
    @app.post("/api/ingest", response_model=IngestResult, tags=["ingest"])
    def ingest(body: IngestBody,
               authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Extract and store reports (only with the server's ingest token, as a Bearer token)."""
        _check_token(token, authorization)
        docs = [Document(d.id, d.text, d.published, d.url, d.title, d.outlet, f"api:{d.id}")
                for d in body.documents]
        with open_store(cache.store_url) as store:
            report = ingest_documents(docs, store)
        cache.invalidate()
        return {"added": report.added, "unchanged": report.unchanged, "events": report.events,
                "failed": [str(e) for e in report.failed]}


def _web_routes(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    add_docs(app, WEB_DIR)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")
