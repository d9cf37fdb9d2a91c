"""Listings over the stored ledger: filters, sorting and paging run in SQL.

Each listing reads one table (documents, event_index, incidents, findings)
whose columns carry what the filters test and whose `row_json` is the row the
API returns; only the rows of the requested page are decoded. The answers
are those of the in-memory read model (`serve/read_model.py`) over the same
store: the same filters, the same order (missing values last, ties in the
listing's own order), the same row shapes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from trucewatch.assess import Agreement, AgreementAssessment, Finding, Grade, verdict

__all__ = ["ListFilters", "finding_stubs", "incident_detail", "list_page", "redirect_of",
           "stored_verdicts"]


@dataclass(frozen=True, slots=True)
class ListFilters:
    """The listings' filters (those of `read_model.Filters`)."""

    since: dt.date | None = None
    until: dt.date | None = None
    region: str | None = None
    kind: str | None = None
    party: str | None = None
    target: str | None = None
    agreement: str | None = None


@dataclass(frozen=True, slots=True)
class _Listing:
    table: str
    order: str  # the listing's own order
    date_field: str  # what `sort=date` means
    start: str | None  # columns of the row's days (filters.days)
    end: str | None
    country: str | None
    admin1s: str | None
    kind: str | None
    side: str | None
    targets: str | None
    row: str


_LISTINGS = {
    "documents": _Listing(
        "documents d LEFT JOIN doc_provenance p ON p.content_hash = d.content_hash",
        "d.ingested_at, d.content_hash", "published", "d.published", "d.published",
        None, None, None, None, None, ""),
    "events": _Listing("event_index x", "x.ingested_at, x.content_hash, x.seq", "date", "x.day",
                       "x.day", "x.country", "x.admin1s", "x.kind", "x.side", "x.targets",
                       "x.row_json"),
    "incidents": _Listing("incidents i", "i.sort_key", "date_from", "i.date_from", "i.date_to",
                          "i.country", "i.admin1s", "i.kind", "i.attacker", "i.targets",
                          "i.row_json"),
    "findings": _Listing("findings f", "f.agreement_rank, f.sort_key", "date_from", "f.date_from",
                         "f.date_to", "f.country", "f.admin1s", "f.kind", "f.party", "f.targets",
                         "f.row_json"),
}

_DOCUMENT_ROW = ("d.content_hash, d.doc_id, d.published, d.outlet, d.url, d.title, d.n_events, "
                 "p.superseded_by")
_DOCUMENT_FIELDS = {"key": "d.content_hash", "id": "d.doc_id", "published": "d.published",
                    "outlet": "d.outlet", "url": "d.url", "title": "d.title",
                    "events": "d.n_events", "superseded_by": "p.superseded_by"}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(column: str, value: str, params: list[Any]) -> str:
    params.append(f"%|{_escape(value)}|%")
    return f"{column} LIKE ? ESCAPE '\\'"


def _where(dataset: str, spec: _Listing, f: ListFilters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.since and spec.end:
        clauses.append(f"{spec.end} IS NOT NULL AND {spec.end} >= ?")
        params.append(f.since.isoformat())
    if f.until and spec.start:
        clauses.append(f"{spec.start} IS NOT NULL AND {spec.start} <= ?")
        params.append(f.until.isoformat())
    if dataset == "documents":
        return _joined(clauses), params
    needs_incident = dataset == "findings" and (f.region or f.kind or f.target)
    if needs_incident:
        clauses.append("f.incident_id IS NOT NULL")
    if f.region and spec.admin1s:
        code = f.region.upper()
        if "-" in code:
            clauses.append(_like(spec.admin1s, code, params))
        else:
            params.append(code)
            params.append(f"%|{_escape(code)}-%")
            clauses.append(f"({spec.country} = ? OR {spec.admin1s} LIKE ? ESCAPE '\\')")
    if f.kind and spec.kind:
        clauses.append(f"{spec.kind} = ?")
        params.append(f.kind.lower())
    if f.party and spec.side:
        clauses.append(f"UPPER({spec.side}) = ?")
        params.append(f.party.upper())
    if f.target and spec.targets:
        clauses.append(_like(spec.targets, f.target.lower(), params))
    if f.agreement:
        clauses.append(_agreement_clause(dataset))
        params.append(f.agreement)
    return _joined(clauses), params


def _agreement_clause(dataset: str) -> str:
    if dataset == "events":
        return ("EXISTS (SELECT 1 FROM finding_refs r WHERE r.agreement = ? "
                "AND r.content_hash = x.content_hash AND r.seq = x.seq)")
    if dataset == "incidents":
        return "EXISTS (SELECT 1 FROM findings g WHERE g.incident_id = i.id AND g.agreement = ?)"
    return "f.agreement = ?"


def _joined(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(f"({c})" for c in clauses)) if clauses else ""


def _order(tx: Any, dataset: str, spec: _Listing, sort: str | None) -> str:
    if not sort:
        return spec.order
    descending, name = sort.startswith("-"), sort.lstrip("-")
    if name == "date":
        name = spec.date_field
    direction = " DESC" if descending else ""
    if dataset == "documents":
        column = _DOCUMENT_FIELDS.get(name)
        if column is None:
            return spec.order
        return f"{column} IS NULL, {column}{direction}, {spec.order}"
    terms = tx.json_order(spec.row, name)
    return ", ".join([terms[0], *(t + direction for t in terms[1:]), spec.order])


def list_page(tx: Any, dataset: str, filters: ListFilters, sort: str | None, limit: int,
              offset: int) -> dict[str, Any]:
    """One page of a listing: `{"total", "limit", "offset", "items"}`."""
    spec = _LISTINGS[dataset]
    where, params = _where(dataset, spec, filters)
    total = int(tx.one(f"SELECT COUNT(*) FROM {spec.table} {where}", params)[0])
    columns = _DOCUMENT_ROW if dataset == "documents" else spec.row
    rows = [] if offset >= total else tx.all(  # (an offset past the end may not fit in SQL)
        f"SELECT {columns} FROM {spec.table} {where} "
        f"ORDER BY {_order(tx, dataset, spec, sort)} LIMIT ? OFFSET ?", [*params, limit, offset])
    items = [_document_row(r) for r in rows] if dataset == "documents" else [
        json.loads(r[0]) for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _document_row(row: tuple[Any, ...]) -> dict[str, Any]:
    key, doc_id, published, outlet, url, title, events, superseded = row
    return {"key": key, "id": doc_id, "published": published, "outlet": outlet, "url": url,
            "title": title, "events": int(events), "superseded_by": superseded}


def redirect_of(tx: Any, incident_id: str) -> str | None:
    """The id an old incident id now answers with (after a merge or split), if any."""
    row = tx.one("SELECT new_id FROM incident_redirects WHERE old_id = ?", (incident_id,))
    return str(row[0]) if row else None


def incident_detail(tx: Any, incident_id: str) -> dict[str, Any] | None:
    """One incident with every report's quote inside its document text, and its findings."""
    row = tx.one("SELECT row_json FROM incidents WHERE id = ?", (incident_id,))
    if row is None:
        return None
    reports = [{**json.loads(ref_json), "title": title, "text": text}
               for ref_json, title, text in tx.all(
                   "SELECT x.ref_json, d.title, d.text FROM event_index x JOIN documents d "
                   "ON d.content_hash = x.content_hash WHERE x.incident_id = ? ORDER BY x.position",
                   (incident_id,))]
    findings = [json.loads(r[0]) for r in tx.all(
        "SELECT row_json FROM findings WHERE incident_id = ? ORDER BY agreement_rank, sort_key",
        (incident_id,))]
    return {**json.loads(row[0]), "reports": reports, "findings": findings}


def finding_stubs(tx: Any) -> list[tuple[str, str, str, str, str | None, str | None]]:
    """(id, agreement, party, grade, date_from, date_to) of every finding, in ledger order."""
    return [tuple(r) for r in tx.all(  # type: ignore[misc]
        "SELECT id, agreement, party, grade, date_from, date_to FROM findings "
        "ORDER BY agreement_rank, sort_key")]


def stored_verdicts(tx: Any, agreements: Sequence[Agreement]) -> list[dict[str, Any]]:
    """Every agreement's verdict per party, from the stored findings (no evidence loaded)."""
    by_agreement: dict[str, list[Finding]] = {a.id: [] for a in agreements}
    for fid, agreement, party, grade, start, end in finding_stubs(tx):
        if agreement in by_agreement:
            by_agreement[agreement].append(Finding(
                fid, agreement, party, "", Grade(grade), "", _day(start), _day(end), "", 0, (), ()))
    return [verdict(AgreementAssessment(a, tuple(by_agreement[a.id]), (), _notes(a))).to_dict()
            for a in agreements]


def _notes(agreement: Agreement) -> tuple[str, ...]:
    """The notes `assess_agreement` gives an agreement."""
    if not agreement.in_force:
        return ("not in force: no breaches are assessed",)
    return (f"{agreement.status}: findings are listed for review",) if agreement.status == "conditional" else ()


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
