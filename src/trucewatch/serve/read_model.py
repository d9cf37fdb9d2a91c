"""The read model: what the API, the daily brief and tests show, as plain functions.

Functions over a `Snapshot` of the store (documents, events, incidents,
agreements, findings, the timeline, verdicts per party) that return JSON-ready
rows. The HTTP routes (`serve/api.py`) only parse filters and call these, so
the same answers reach the CLI, the brief and the dashboard.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from trucewatch.assess import AgreementAssessment, Finding, verdict, verdicts_csv
from trucewatch.errors import TrucewatchError
from trucewatch.link import EventRef, Incident
from trucewatch.model import Document
from trucewatch.ledger import SIDES, incident_location, incident_summary, region_name
from trucewatch.ledger import event_day as _event_day
from trucewatch.ledger import event_places as _event_places
from trucewatch.ledger import event_row as _event_row
from trucewatch.ledger import finding_row as _finding_row
from trucewatch.ledger import most as _most
from trucewatch.ledger import side_of as _side_of
from trucewatch.pipeline import LinkedCorpus, assess_corpus, link_store
from trucewatch.store import Store, open_store

__all__ = [
    "ApiError",
    "Filters",
    "LISTINGS",
    "Snapshot",
    "SnapshotCache",
    "agreement_detail",
    "agreement_rows",
    "claimant_side",
    "document_detail",
    "document_rows",
    "event_rows",
    "finding_rows",
    "incident_detail",
    "incident_location",
    "incident_rows",
    "load_snapshot",
    "page",
    "paginate",
    "region_name",
    "sort_rows",
    "timeline",
    "verdict_csv",
    "verdict_detail",
    "verdict_rows",
]


class ApiError(Exception):
    """An error the API answers with `{"error": {"code", "message"}}`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


REFRESH_S = 2.0  # how often a snapshot checks whether the store changed



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
    ledger = tuple(assess_corpus(corpus))
    findings = tuple(f for a in ledger for f in a.findings)
    by_incident: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.incident is not None:
            by_incident[finding.incident.id].append(finding)
    return Snapshot(corpus, ledger, {i.id: i for i in corpus.incidents}, findings,
                    {k: tuple(v) for k, v in by_incident.items()})


class SnapshotCache:
    """The current snapshot of one store, rebuilt in the background when the store changes.

    The first request builds it (and waits). After that, a change made by another
    process (`watch`, `ingest`) is noticed within REFRESH_S and rebuilt on a
    background thread while requests keep getting the previous snapshot, so one
    new document never stalls every reader for a whole re-link. `invalidate()`
    (after an ingest through this server) makes the next request wait for the
    new snapshot, so the ingesting client reads what it wrote.
    """

    def __init__(self, store_url: str) -> None:
        self.store_url = store_url
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._counts: object = None
        self._checked = 0.0
        self._refreshing: threading.Thread | None = None

    def get(self) -> Snapshot:
        with self._lock:
            if self._snapshot is None:
                self._snapshot, self._counts = self._load()
            elif time.monotonic() - self._checked >= REFRESH_S and self._refreshing is None:
                self._checked = time.monotonic()
                if self._store_counts() != self._counts:
                    self._refreshing = threading.Thread(target=self._refresh, daemon=True)
                    self._refreshing.start()
            return self._snapshot

    def _store_counts(self) -> object:
        with open_store(self.store_url, read_only=True) as store:  # never migrates nor locks
            return store.counts()

    def _load(self) -> tuple[Snapshot, object]:
        self._checked = time.monotonic()
        with open_store(self.store_url, read_only=True) as store:
            counts = store.counts()
            return load_snapshot(store), counts

    def _refresh(self) -> None:
        try:
            fresh = self._load()
            with self._lock:
                if self._snapshot is not None:  # not invalidated meanwhile
                    self._snapshot, self._counts = fresh
        except (TrucewatchError, OSError):
            pass  # the store went away or broke: keep serving the last good snapshot
        finally:
            with self._lock:
                self._refreshing = None

    def wait_for_refresh(self, timeout: float) -> None:
        """Wait for a background rebuild in progress (tests and benchmarks)."""
        thread = self._refreshing
        if thread is not None:
            thread.join(timeout)

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


def _agreement_refs(snapshot: Snapshot, agreement: str) -> set[tuple[str, int]]:
    return {(r.report_key, r.seq) for f in snapshot.findings if f.agreement == agreement
            for r in (*f.evidence, *f.accusations)}


def event_rows(snapshot: Snapshot, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Events of the current (not superseded) reports, one row each, filtered."""
    return [_event_row(ref) for ref in _select_events(snapshot, filters)]


def _select_events(snapshot: Snapshot, filters: Filters) -> list[EventRef]:
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
        rows.append(ref)
    return rows


def _incident_summary(snapshot: Snapshot, incident: Incident) -> dict[str, Any]:
    return incident_summary(incident, snapshot.findings_by_incident.get(incident.id, ()))


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
    return [_incident_summary(snapshot, i) for i in _select_incidents(snapshot, filters)]


def _select_incidents(snapshot: Snapshot, filters: Filters) -> list[Incident]:
    return [i for i in snapshot.corpus.incidents if _incident_matches(snapshot, i, filters)]


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


def finding_rows(snapshot: Snapshot, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Findings of the ledger, one row each (evidence counted, not listed)."""
    return [_finding_row(f) for f in _select_findings(snapshot, filters)]


def _select_findings(snapshot: Snapshot, filters: Filters) -> list[Finding]:
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
        rows.append(f)
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


def verdict_rows(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Every agreement's verdict per party (findings by grade, per day and in total)."""
    return [verdict(item).to_dict() for item in snapshot.ledger]


def verdict_detail(snapshot: Snapshot, agreement_id: str) -> dict[str, Any] | None:
    """One agreement's verdict per party."""
    item = next((a for a in snapshot.ledger if a.agreement.id == agreement_id), None)
    return verdict(item).to_dict() if item else None


def verdict_csv(snapshot: Snapshot, agreement_id: str | None = None) -> str:
    """Verdicts as CSV: one row per agreement, party and day, and a total per party."""
    chosen = [a for a in snapshot.ledger if agreement_id in (None, a.agreement.id)]
    return verdicts_csv([verdict(a) for a in chosen])


def _document_row(report: Any, superseded_by: str | None) -> dict[str, Any]:
    doc: Document = report.document
    return {
        "key": report.key, "id": doc.id, "published": _iso(report.published), "outlet": doc.outlet,
        "url": doc.url, "title": doc.title, "events": len(report.events),
        "superseded_by": superseded_by,
    }


def document_rows(snapshot: Snapshot, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Stored documents (no text), filtered by published date."""
    return [_document_row_of(snapshot, r) for r in _select_documents(snapshot, filters)]


def _select_documents(snapshot: Snapshot, filters: Filters) -> list[Any]:
    return [r for r in snapshot.corpus.reports if filters.days(r.published, r.published)]


def _document_row_of(snapshot: Snapshot, report: Any) -> dict[str, Any]:
    return _document_row(report, snapshot.corpus.provenance[report.key].superseded_by)


def document_detail(snapshot: Snapshot, key: str) -> dict[str, Any] | None:
    """One document with its text and events (spans into the text)."""
    report = next((r for r in snapshot.corpus.reports if r.key == key), None)
    if report is None:
        return None
    prov = snapshot.corpus.provenance[key]
    return {**_document_row(report, prov.superseded_by), "text": report.document.text,
            "outlet_side": prov.outlet_side, "events": [e.to_dict() for e in report.events]}


def claimant_side(incident: Incident) -> str:
    """The side whose air defence an interception incident's figures come from.

    Its reports' voices (RU or UA), else the side opposite the launching one.
    """
    voices = Counter(r.voice for r in incident.reports if r.voice in SIDES)
    if voices:
        return voices.most_common(1)[0][0]
    others = [s for s in SIDES if s != incident.attacker]
    return others[0] if incident.attacker in SIDES else "unknown"


def _add(total: int | None, value: int | None) -> int | None:
    return total if value is None else (total or 0) + value


def _day_row(days: dict[str, dict[str, Any]], day: dt.date) -> dict[str, Any]:
    return days.setdefault(day.isoformat(), {"date": day.isoformat(), "strikes": defaultdict(int),
                                             "air_defence": {}})


def timeline(snapshot: Snapshot, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Per day: strike incidents by attacking side; launched vs intercepted per claimant side.

    The two sides' figures are never added together: each side counts what was
    launched at it and what its own air defence says it downed (`None`: not reported).
    """
    days: dict[str, dict[str, Any]] = {}
    for incident in snapshot.corpus.incidents:
        if incident.date_to is None or not _incident_matches(snapshot, incident, filters):
            continue
        day = _day_row(days, incident.date_to)
        if str(incident.kind) == "strike":
            day["strikes"][incident.attacker] += 1
            continue
        side = day["air_defence"].setdefault(claimant_side(incident),
                                             {"launched": None, "intercepted": None})
        side["launched"] = _add(side["launched"], _most(incident, "launched"))
        side["intercepted"] = _add(side["intercepted"], _most(incident, "intercepted"))
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
    if rows and not any(name in r for r in rows):
        return rows  # a field of the listing that none of these rows carries (the API's enum)
    present = [r for r in rows if _sort_key(name)(r)[0] == 0]
    missing = [r for r in rows if _sort_key(name)(r)[0] == 1]
    return sorted(present, key=_sort_key(name), reverse=descending) + missing


def paginate(rows: list[dict[str, Any]], sort: str | None, limit: int, offset: int) -> dict[str, Any]:
    ordered = sort_rows(rows, sort)
    return {"total": len(ordered), "limit": limit, "offset": offset,
            "items": ordered[offset:offset + limit]}


_PARTS: dict[str, tuple[Callable[[Snapshot, Filters], list[Any]], Callable[[Snapshot, Any], dict[str, Any]]]] = {
    "documents": (_select_documents, _document_row_of),
    "events": (_select_events, lambda _, ref: _event_row(ref)),
    "incidents": (_select_incidents, _incident_summary),
    "findings": (_select_findings, lambda _, f: _finding_row(f)),
}


def page(snapshot: Snapshot, dataset: str, filters: Filters, sort: str | None, limit: int,
         offset: int) -> dict[str, Any]:
    """One page of a listing. Unsorted, only the page's rows are built; sorted, every match is."""
    select, row = _PARTS[dataset]
    items = select(snapshot, filters)
    if sort:
        return paginate([row(snapshot, x) for x in items], sort, limit, offset)
    rows = [row(snapshot, x) for x in items[offset:offset + limit]]
    return {"total": len(items), "limit": limit, "offset": offset, "items": rows}


LISTINGS: dict[str, Callable[[Snapshot, Filters], list[dict[str, Any]]]] = {
    "documents": document_rows, "events": event_rows, "incidents": incident_rows,
    "findings": finding_rows,
}
