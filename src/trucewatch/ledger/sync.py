"""Keep the stored ledger current: link and assess only what new documents touch.

A new document changes (1) the provenance of the versions and wire copies it
joins, found through stored LSH band keys and story keys (no signature is
recomputed); (2) the incidents its events, or the events of documents whose
provenance changed, can join: those of the same link bucket (kind, country,
admin1) with overlapping days, found through an index, and one hop further
for counter-claims; (3) the findings of those incidents, and the
accusation-only findings of the days around them. Exactly these are
re-linked with `link_incidents` and re-assessed with `assess_agreement`.

Ids stay stable: an incident is named after its earliest-ingested report
(`link.incident_id`), so reports joining later keep the id, a merge keeps the
earliest id and a split leaves it with the part holding the oldest member;
every id that disappears redirects to the incident now holding its earliest
report (`incident_redirects`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from trucewatch.assess import (
    ACCUSATION_LAG_DAYS,
    Agreement,
    Finding,
    accusation_findings,
    assess_agreement,
    load_agreements,
    refers_to,
    report_day,
)
from trucewatch.ledger.rows import (
    event_day,
    event_places,
    event_row,
    finding_row,
    incident_summary,
    report_evidence,
    side_of,
)
from trucewatch.link import (
    WIRE_MAX_DAYS,
    EventRef,
    Incident,
    Provenance,
    Report,
    analyse_sources,
    band_keys,
    day_range,
    event_refs,
    link_bucket,
    link_incidents,
    has_update_marker,
    near_duplicate,
    outlet_of,
    shingles,
    signature,
    story_key,
)
from trucewatch.model import Commitment, Document, Stance
from trucewatch.store import event_from_dict

__all__ = ["ACCUSATION", "LedgerChange", "ledger_agreements", "ledger_current", "relink", "update_ledger"]

ACCUSATION = "accusation"  # event_index bucket of accusations of breach
MAX_SPAN_DAYS = 32  # the widest day range of one event (a month): bounds the index scans
_CHUNK = 400  # keys per IN (...) list
_NO_DAY = "9999-12-31"


@dataclass(frozen=True, slots=True)
class LedgerChange:
    """What one update touched (for tests and the benchmark)."""

    documents: int  # documents whose provenance was (re)computed
    relinked: int  # incidents re-linked (before)
    incidents: int  # incidents written (after)
    findings: int  # findings written


# -- small SQL helpers ------------------------------------------------------------


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _in(tx: Any, statement: str, keys: Iterable[Any], params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows of `statement` (with `{in}` for the placeholders) over all keys, chunked."""
    rows: list[tuple[Any, ...]] = []
    for part in _chunks(sorted(set(keys))):
        marks = ", ".join("?" * len(part))
        rows += tx.all(statement.format(marks=marks), (*params, *part))
    return rows


def _delete_in(tx: Any, table: str, column: str, keys: Iterable[Any]) -> None:
    for part in _chunks(sorted(set(keys))):
        tx.run(f"DELETE FROM {table} WHERE {column} IN ({', '.join('?' * len(part))})", part)


def _bars(values: Iterable[str]) -> str:
    """`|a|b|`: a list column matched with LIKE '%|a|%'."""
    return "|" + "|".join(values) + "|"


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


@functools.cache
def ledger_agreements() -> tuple[Agreement, ...]:
    """The agreements of the package, by start (the ledger's order)."""
    return tuple(sorted(load_agreements(()), key=lambda a: a.start))


# -- loading reports and events ---------------------------------------------------

_DOC = "d.content_hash, d.doc_id, d.url, d.title, d.outlet, d.origin, d.published, d.text, " \
       "d.signature, d.ingested_at"


def _document(row: Sequence[Any]) -> tuple[str, Document, bytes, str]:
    key, doc_id, url, title, outlet, origin, published, text, signature, ingested = row
    document = Document(id=doc_id, text=text, published=_day(published), url=url, title=title,
                        outlet=outlet, origin=origin)
    return key, document, bytes(signature), ingested


def _reports(tx: Any, keys: Iterable[str]) -> list[Report]:
    """Reports (without events) of these documents, ordered and numbered by ingest."""
    rows = _in(tx, f"SELECT {_DOC} FROM documents d WHERE d.content_hash IN ({{marks}})", keys)
    docs = sorted((_document(r) for r in rows), key=lambda d: (d[3], d[0]))
    return [Report(key, doc, doc.published, (), sig or signature(doc.text), n)
            for n, (key, doc, sig, _) in enumerate(docs)]


_REF = ("e.content_hash, e.seq, e.data, d.doc_id, d.published, d.url, d.ingested_at, "
        "p.outlet, p.outlet_side, p.wire_group")
_REF_FROM = ("FROM events e JOIN documents d ON d.content_hash = e.content_hash "
             "JOIN doc_provenance p ON p.content_hash = e.content_hash")


def _refs(rows: Iterable[Sequence[Any]]) -> list[EventRef]:
    """EventRefs from `_REF` rows, numbered in ingest order (only the relative order matters:
    it names incidents after their earliest report)."""
    unique = {(r[0], r[1]): r for r in rows}
    ordered = sorted(unique.values(), key=lambda r: (r[6], r[0], r[1]))
    orders: dict[str, int] = {}
    refs = []
    for key, seq, data, doc_id, published, url, _ingested, outlet, side, wire in ordered:
        order = orders.setdefault(key, len(orders))
        refs.append(EventRef(key, int(seq), event_from_dict(json.loads(data)), doc_id,
                             _day(published), url, outlet, side, wire, order))
    return refs


def _refs_of_incidents(tx: Any, ids: Iterable[str]) -> list[tuple[Any, ...]]:
    return _in(tx, f"SELECT {_REF} {_REF_FROM} JOIN event_index x ON x.content_hash = e.content_hash "
               "AND x.seq = e.seq WHERE x.incident_id IN ({marks})", ids)


def _refs_of_documents(tx: Any, keys: Iterable[str]) -> list[tuple[Any, ...]]:
    return _in(tx, f"SELECT {_REF} {_REF_FROM} WHERE e.content_hash IN ({{marks}}) "
               "AND p.superseded_by IS NULL", keys)


# -- provenance -------------------------------------------------------------------


def _story(document: Document) -> str | None:
    outlet = outlet_of(document)
    key = story_key(document.url, outlet.name if outlet else None)
    return "\t".join(key) if key else None


def _components(provenance: dict[str, Provenance]) -> dict[str, str]:
    """Label of each report's group of versions and wire copies (its least key)."""
    parent = {k: k for k in provenance}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for key, prov in provenance.items():
        for other in (prov.wire_group, prov.superseded_by):
            if other in parent:
                a, b = find(key), find(other)
                parent[max(a, b)] = min(a, b)
    return {k: find(k) for k in provenance}


def _write_provenance(tx: Any, reports: Sequence[Report], provenance: dict[str, Provenance]) -> None:
    labels = _components(provenance)
    _delete_in(tx, "doc_provenance", "content_hash", [r.key for r in reports])
    tx.many("INSERT INTO doc_provenance VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (r.key, provenance[r.key].outlet, provenance[r.key].outlet_side,
         provenance[r.key].wire_group, provenance[r.key].superseded_by, _story(r.document),
         labels[r.key], int(has_update_marker(r.document.text))) for r in reports])


def _write_bands(tx: Any, reports: Sequence[Report]) -> None:
    tx.many("INSERT INTO doc_bands (band, key, content_hash) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [(band, key, r.key) for r in reports for band, key in enumerate(band_keys(r.signature))])


def _neighbours(tx: Any, report: Report) -> set[str]:
    """Stored documents that may be a version or wire copy of this one: a shared LSH band
    (by index) or the same story key."""
    found = _band_neighbours(tx, report)
    story = _story(report.document)
    if story:
        found.update(r[0] for r in tx.all(
            "SELECT content_hash FROM doc_provenance WHERE story = ?", (story,)))
    return found


def _update_sources(tx: Any, keys: Sequence[str]) -> tuple[set[str], int]:
    """Provenance for the new documents, one at a time; the documents whose provenance changed."""
    changed: set[str] = set()
    analysed = 0
    for key in keys:
        (report,) = _reports(tx, [key])
        more, count = _wire_copy(tx, report)
        if more is None:
            more, count = _reanalyse(tx, report)
        changed |= more
        analysed += count
    return changed, analysed


def _wire_copy(tx: Any, report: Report) -> tuple[set[str] | None, int]:
    """The common case without re-analysing a whole group: the new document is a wire copy of
    current documents (or of nothing), never a version. The groups it joins merge under their
    least key; only documents whose wire group changes count as changed. None when the case
    is not this one (a story key or an update marker shared with a stored version)."""
    if _story(report.document) and tx.one(
            "SELECT 1 FROM doc_provenance WHERE story = ?", (_story(report.document),)):
        return None, 0
    outlet = outlet_of(report.document)
    marked = has_update_marker(report.document.text)
    mine = shingles(report.document.text)
    near: list[tuple[Any, ...]] = []
    candidates = _band_neighbours(tx, report) - {report.key}
    rows = _in(tx, "SELECT d.content_hash, d.published, p.outlet, p.outlet_side, p.superseded_by, "
                   "p.wire_group, p.component, p.marked FROM documents d JOIN doc_provenance p "
                   "ON p.content_hash = d.content_hash WHERE d.content_hash IN ({marks})", candidates)
    joined: set[str] = set()

    def copies(key: str) -> bool:
        text = tx.one("SELECT text FROM documents WHERE content_hash = ?", (key,))[0]
        return near_duplicate(mine, shingles(text))

    for key, published, name, side, superseded, wire, label, stored_mark in sorted(rows):
        days = abs((report.published - _day(published)).days) if report.published and published else 0
        same_outlet = outlet is not None and name == outlet.name and side == outlet.side
        if same_outlet and (marked or stored_mark):
            if copies(key):
                return None, 0  # a version: re-analyse its group
        elif days <= WIRE_MAX_DAYS and (superseded is not None or wire not in joined):
            if copies(key):
                if superseded is not None:
                    return None, 0
                joined.add(wire)
                near.append((wire, label))
    roots = {w for w, _ in near}
    labels = {c for _, c in near}
    root, label = min(roots | {report.key}), min(labels | {report.key})
    changed = {report.key}
    changed.update(r[0] for r in _in(tx, "SELECT content_hash FROM doc_provenance WHERE "
                                         "wire_group IN ({marks})", roots - {root}))
    for part in _chunks(sorted(roots - {root})):
        tx.run(f"UPDATE doc_provenance SET wire_group = ? WHERE wire_group IN "
               f"({', '.join('?' * len(part))})", (root, *part))
    for part in _chunks(sorted(labels - {label})):
        tx.run(f"UPDATE doc_provenance SET component = ? WHERE component IN "
               f"({', '.join('?' * len(part))})", (label, *part))
    tx.run("INSERT INTO doc_provenance VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
           (report.key, outlet.name if outlet else None, outlet.side if outlet else "unknown",
            root, None, _story(report.document), label, int(marked)))
    _write_bands(tx, [report])
    return changed, 1 + len(candidates)


def _band_neighbours(tx: Any, report: Report) -> set[str]:
    """Documents sharing an LSH band key with this one (one query over the primary key)."""
    keys = list(enumerate(band_keys(report.signature)))
    where = " OR ".join(["(band = ? AND key = ?)"] * len(keys))
    return {r[0] for r in tx.all(f"SELECT DISTINCT content_hash FROM doc_bands WHERE {where}",
                                 [x for pair in keys for x in pair])}


def _reanalyse(tx: Any, report: Report) -> tuple[set[str], int]:
    """Re-analyse the whole group of versions and wire copies the new document joins."""
    _write_bands(tx, [report])
    near = _neighbours(tx, report) - {report.key}
    labels = {r[0] for r in _in(tx, "SELECT component FROM doc_provenance "
                                    "WHERE content_hash IN ({marks})", near)}
    members = {r[0] for r in _in(tx, "SELECT content_hash FROM doc_provenance "
                                     "WHERE component IN ({marks})", labels)}
    group = _reports(tx, {report.key} | near | members)
    before = {r[0]: tuple(r[1:]) for r in _in(
        tx, "SELECT content_hash, outlet, outlet_side, wire_group, superseded_by "
            "FROM doc_provenance WHERE content_hash IN ({marks})", [r.key for r in group])}
    provenance = analyse_sources(group)
    changed = {k for k, p in provenance.items()
               if before.get(k) != (p.outlet, p.outlet_side, p.wire_group, p.superseded_by)}
    _write_provenance(tx, group, provenance)
    return changed, len(group)


# -- events -----------------------------------------------------------------------


def _index_row(ref: EventRef) -> tuple[Any, ...]:
    event = ref.event
    country, admin1 = event_places(event)
    bucket, span = link_bucket(event), day_range(event, ref.published)
    if isinstance(event, Commitment) and event.stance == Stance.ACCUSED_BREACH:
        day = report_day(ref)
        bucket, span = ACCUSATION, (day, day) if day else None
    day_of = event_day(ref)
    return (ref.report_key, ref.seq, "", str(event.kind), side_of(event), country, _bars(admin1),
            _bars(str(t) for t in getattr(event, "targets", ())),
            day_of.isoformat() if day_of else None, bucket,
            span[0].isoformat() if span else None, span[1].isoformat() if span else None,
            None, None, json.dumps(event_row(ref), ensure_ascii=False, sort_keys=True),
            json.dumps(report_evidence(ref), ensure_ascii=False, sort_keys=True))


def _write_events(tx: Any, refs: Sequence[EventRef], ingested: dict[str, str]) -> None:
    rows = []
    for ref in refs:
        row = list(_index_row(ref))
        row[2] = ingested[ref.report_key]
        rows.append(row)
    tx.many("INSERT INTO event_index VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _ingested(tx: Any, keys: Iterable[str]) -> dict[str, str]:
    return dict(_in(tx, "SELECT content_hash, ingested_at FROM documents "  # type: ignore[arg-type]
                        "WHERE content_hash IN ({marks})", keys))


# -- candidate incidents ------------------------------------------------------------


def _overlapping(tx: Any, bucket: str, lo: str, hi: str) -> set[str]:
    """Incidents of a bucket holding an event whose days overlap [lo, hi] (an index range)."""
    rows = tx.all("SELECT DISTINCT incident_id FROM event_index WHERE bucket = ? AND day_from >= ? "
                  "AND day_from <= ? AND day_to >= ? AND incident_id IS NOT NULL",
                  (bucket, _shift(lo, -MAX_SPAN_DAYS), hi, lo))
    return {r[0] for r in rows}


def _spans(tx: Any, ids: Iterable[str]) -> list[tuple[str, str, str]]:
    return [(b, lo, hi) for b, lo, hi in _in(
        tx, "SELECT bucket, MIN(day_from), MAX(day_to) FROM event_index "
            "WHERE incident_id IN ({marks}) AND day_from IS NOT NULL GROUP BY incident_id, bucket",
        ids)]


def _candidates(tx: Any, spans: Iterable[tuple[str, str, str]], accused_days: Iterable[str]) -> set[str]:
    """Incidents the new events can join, the strike incidents their candidates may
    counter-claim (one hop further), and those a new accusation may refer to."""
    found: set[str] = set()
    for bucket, lo, hi in spans:
        found |= _overlapping(tx, bucket, lo, hi)
    for bucket, lo, hi in _spans(tx, found):
        if bucket.startswith("strike|"):  # counter-claims: strikes only, same bucket
            found |= _overlapping(tx, bucket, lo, hi)
    for day in accused_days:
        found.update(r[0] for r in tx.all(
            "SELECT id FROM incidents WHERE date_from >= ? AND date_from <= ? AND date_to >= ?",
            (_shift(day, -ACCUSATION_LAG_DAYS - MAX_SPAN_DAYS), _shift(day, 1),
             _shift(day, -ACCUSATION_LAG_DAYS))))
    return found


# -- writing incidents and findings ---------------------------------------------------


def _earliest_members(tx: Any, ids: Iterable[str]) -> dict[str, list[tuple[str, int]]]:
    members: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for incident, ingested, key, seq in _in(
            tx, "SELECT incident_id, ingested_at, content_hash, seq FROM event_index "
                "WHERE incident_id IN ({marks})", ids):
        members[incident].append((ingested, key, int(seq)))
    return {i: [(k, s) for _, k, s in sorted(m)] for i, m in members.items()}


def _redirect(tx: Any, old: dict[str, list[tuple[str, int]]], incidents: Sequence[Incident]) -> None:
    """Every vanished id answers with the incident now holding its earliest report that remains."""
    home = {(r.report_key, r.seq): i.id for i in incidents for r in i.reports}
    doc_home: dict[str, str] = {}
    for incident in incidents:
        for r in incident.reports:
            doc_home.setdefault(r.report_key, incident.id)
    keys = {k for members in old.values() for k, _ in members}
    later = dict(_in(tx, "SELECT content_hash, superseded_by FROM doc_provenance WHERE "  # type: ignore[arg-type]
                         "content_hash IN ({marks}) AND superseded_by IS NOT NULL", keys))
    current = {i.id for i in incidents}
    _delete_in(tx, "incident_redirects", "old_id", current)
    for old_id, members in old.items():
        if old_id in current:
            continue
        new_id = next((home[m] for m in members if m in home), None) or next(
            (doc_home[later[k]] for k, _ in members if later.get(k) in doc_home), None)
        if new_id is None:
            continue
        tx.run("DELETE FROM incident_redirects WHERE old_id = ?", (old_id,))
        tx.run("INSERT INTO incident_redirects VALUES (?, ?)", (old_id, new_id))
        tx.run("UPDATE incident_redirects SET new_id = ? WHERE new_id = ?", (new_id, old_id))


def _write_incidents(tx: Any, incidents: Sequence[Incident],
                     findings: dict[str, list[Finding]]) -> None:
    tx.many("INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        _incident_values(i, findings.get(i.id, [])) for i in incidents])
    tx.many("UPDATE event_index SET incident_id = ?, position = ? WHERE content_hash = ? AND seq = ?",
            [(i.id, n, r.report_key, r.seq) for i in incidents for n, r in enumerate(i.reports)])


def _incident_values(incident: Incident, findings: Sequence[Finding]) -> tuple[Any, ...]:
    row = incident_summary(incident, findings)
    first = incident.reports[0].event
    bucket = link_bucket(first) or str(incident.kind)
    disputes = [[d.kind, d.field, [list(c) for c in d.claims], d.other] for d in incident.disputes]
    return (incident.id, str(incident.kind), incident.attacker, incident.country,
            _bars(incident.admin1), _bars(str(t) for t in incident.targets),
            _bars(row["agreements"]), row["date_from"], row["date_to"], bucket,
            row["report_count"], incident.sources, row["grade"],
            f"{row['date_from'] or _NO_DAY}\x1f{incident.id}",
            json.dumps(row, ensure_ascii=False, sort_keys=True), json.dumps(disputes))


def _finding_values(finding: Finding, rank: int) -> tuple[Any, ...]:
    row = finding_row(finding)
    inc = finding.incident
    return (finding.id, finding.agreement, rank, inc.id if inc else None, finding.party,
            finding.basis, str(finding.grade), str(inc.kind) if inc else None,
            inc.country if inc else None, _bars(inc.admin1 if inc else ()),
            _bars(str(t) for t in (inc.targets if inc else ())),
            row["date_from"], row["date_to"],
            f"{finding.party}\x1f{row['date_from'] or _NO_DAY}\x1f{finding.id}",
            json.dumps(row, ensure_ascii=False, sort_keys=True))


def _write_findings(tx: Any, findings: Sequence[tuple[Finding, int]]) -> None:
    tx.many("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_finding_values(f, rank) for f, rank in findings])
    refs = {(f.id, f.agreement, role, r.report_key, r.seq)
            for f, _ in findings
            for role, claims in (("evidence", f.evidence), ("accusation", f.accusations))
            for r in claims}
    tx.many("INSERT INTO finding_refs VALUES (?, ?, ?, ?, ?)", sorted(refs))


def _drop_findings(tx: Any, ids: Iterable[str]) -> None:
    ids = sorted(set(ids))
    _delete_in(tx, "finding_refs", "finding_id", ids)
    _delete_in(tx, "findings", "id", ids)


# -- assess -----------------------------------------------------------------------


def _accusations(tx: Any, lo: str, hi: str, agreement: Agreement) -> list[EventRef]:
    rows = tx.all(f"SELECT {_REF} {_REF_FROM} JOIN event_index x ON x.content_hash = e.content_hash "
                  "AND x.seq = e.seq WHERE x.bucket = ? AND x.day_from >= ? AND x.day_from <= ?",
                  (ACCUSATION, lo, hi))
    return [r for r in _refs(rows) if refers_to(r, agreement)]


def _reassess(tx: Any, incidents: Sequence[Incident], old_ids: Iterable[str],
              days: tuple[str, str] | None) -> dict[str, list[Finding]]:
    """Findings of these incidents, and accusation-only findings of the days around `days`."""
    _drop_findings(tx, [r[0] for r in _in(tx, "SELECT id FROM findings WHERE incident_id IN ({marks})",
                                          [*old_ids, *(i.id for i in incidents)])])
    by_incident: dict[str, list[Finding]] = defaultdict(list)
    lag = ACCUSATION_LAG_DAYS
    for rank, agreement in enumerate(ledger_agreements()):
        if not agreement.in_force or days is None:
            continue
        lo, hi = days
        near = _accusations(tx, _shift(lo, -3 * lag - 1), _shift(hi, 3 * lag + 1), agreement)
        assessed = assess_agreement(agreement, incidents, near).findings
        mine = [f for f in assessed if f.basis == "incident"]
        _write_findings(tx, [(f, rank) for f in mine])
        for f in mine:
            by_incident[f.incident.id].append(f)  # type: ignore[union-attr]
        _reassess_accusations(tx, agreement, rank, near, _shift(lo, -2 * lag - 1), _shift(hi, 2 * lag + 1))
    return by_incident


def _reassess_accusations(tx: Any, agreement: Agreement, rank: int, near: Sequence[EventRef],
                          lo: str, hi: str) -> None:
    """Accusation-only findings dated in [lo, hi], rebuilt from the accusations around them
    that no incident finding holds."""
    attached = {(k, int(s)) for k, s in _in(
        tx, "SELECT content_hash, seq FROM finding_refs WHERE agreement = ? AND role = 'accusation' "
            "AND content_hash IN ({marks})", [r.report_key for r in near], (agreement.id,))}
    unmatched = [r for r in near if (r.report_key, r.seq) not in attached]
    _drop_findings(tx, [r[0] for r in tx.all(
        "SELECT id FROM findings WHERE agreement = ? AND basis = 'accusation' AND date_from >= ? "
        "AND date_from <= ?", (agreement.id, lo, hi))])
    fresh = [f for f in accusation_findings(unmatched, agreement)
             if f.date_from is not None and lo <= f.date_from.isoformat() <= hi]
    _write_findings(tx, [(f, rank) for f in fresh])


def _day_bounds(refs: Iterable[EventRef]) -> tuple[str, str] | None:
    spans = [s for s in (day_range(r.event, r.published) for r in refs) if s]
    days = [d for r in refs if (d := report_day(r)) is not None and isinstance(r.event, Commitment)]
    lows = [s[0] for s in spans] + days
    highs = [s[1] for s in spans] + days
    return (min(lows).isoformat(), max(highs).isoformat()) if lows else None


# -- the two entry points -----------------------------------------------------------


_LEDGER_LOCK = 0x7477_6C67  # pg_advisory_xact_lock key: "twlg"


def _lock(tx: Any) -> None:
    """One ledger writer at a time (SQLite's write transaction already is one)."""
    if tx.dialect == "postgres":
        tx.run("SELECT pg_advisory_xact_lock(?)", (_LEDGER_LOCK,))


def ledger_current(tx: Any) -> bool:
    """Does the stored ledger cover every stored document?"""
    row = tx.one("SELECT value FROM ledger_meta WHERE name = 'documents'")
    count = tx.one("SELECT COUNT(*) FROM documents")
    return row is not None and count is not None and int(row[0]) == int(count[0])


def _set_count(tx: Any, delta: int | None = None) -> None:
    if delta is None:
        value = int(tx.one("SELECT COUNT(*) FROM documents")[0])
    else:
        value = int(tx.one("SELECT value FROM ledger_meta WHERE name = 'documents'")[0]) + delta
    tx.run("DELETE FROM ledger_meta WHERE name = 'documents'")
    tx.run("INSERT INTO ledger_meta VALUES ('documents', ?)", (str(value),))


def update_ledger(tx: Any, keys: Sequence[str]) -> LedgerChange:
    """Link and assess what the newly stored documents `keys` touch (in their transaction).

    A ledger that does not cover the documents stored before these (a store
    filled by bulk inserts, or upgraded from schema 1) is rebuilt instead.
    """
    _lock(tx)
    row = tx.one("SELECT value FROM ledger_meta WHERE name = 'documents'")
    total = int(tx.one("SELECT COUNT(*) FROM documents")[0])
    if row is None or int(row[0]) + len(keys) != total:
        return relink(tx)
    changed, analysed = _update_sources(tx, keys)
    old_links = {r[0] for r in _in(tx, "SELECT DISTINCT incident_id FROM event_index WHERE "
                                       "content_hash IN ({marks}) AND incident_id IS NOT NULL", changed)}
    old = _earliest_members(tx, old_links)  # before their superseded members leave
    _delete_in(tx, "event_index", "content_hash", changed)
    fresh = _refs(_refs_of_documents(tx, changed))
    _write_events(tx, fresh, _ingested(tx, changed))
    spans = [(b, lo, hi) for r in fresh
             if (b := link_bucket(r.event)) and (s := day_range(r.event, r.published))
             for lo, hi in [(s[0].isoformat(), s[1].isoformat())]]
    accused = [d.isoformat() for r in fresh if isinstance(r.event, Commitment)
               and r.event.stance == Stance.ACCUSED_BREACH and (d := report_day(r))]
    candidates = old_links | _candidates(tx, spans, accused)
    old.update(_earliest_members(tx, candidates - old_links))
    refs = _refs([*_refs_of_incidents(tx, candidates), *_refs_of_documents(tx, changed)])
    linkable = [r for r in refs if link_bucket(r.event) is not None]
    incidents = link_incidents(linkable)
    _delete_in(tx, "incidents", "id", candidates)
    tx.many("UPDATE event_index SET incident_id = NULL, position = NULL "
            "WHERE content_hash = ? AND seq = ?",
            [(r.report_key, r.seq) for r in linkable])
    _redirect(tx, old, incidents)
    days = _day_bounds([*linkable, *(r for r in fresh if r.event.kind == "commitment")])
    findings = _reassess(tx, incidents, candidates, days)
    _write_incidents(tx, incidents, findings)
    _set_count(tx, len(keys))
    return LedgerChange(analysed, len(candidates), len(incidents), sum(map(len, findings.values())))


_LEDGER_TABLES = ("finding_refs", "findings", "incidents", "event_index", "doc_bands",
                  "doc_provenance")


def _all_reports(tx: Any) -> list[Report]:
    events: dict[str, list[Any]] = defaultdict(list)
    for key, data in tx.all("SELECT content_hash, data FROM events ORDER BY content_hash, seq"):
        events[key].append(event_from_dict(json.loads(data)))
    docs = sorted((_document(r) for r in tx.all(f"SELECT {_DOC} FROM documents d")),
                  key=lambda d: (d[3], d[0]))
    return [Report(key, doc, doc.published, tuple(events.get(key, ())), sig or signature(doc.text), n)
            for n, (key, doc, sig, _) in enumerate(docs)]


def relink(tx: Any) -> LedgerChange:
    """Rebuild the whole stored ledger from the documents (`trucewatch relink`).

    Redirects are kept (and extended for ids that no longer exist), so links
    handed out before a relink still lead somewhere.
    """
    _lock(tx)
    old = _earliest_members(tx, [r[0] for r in tx.all("SELECT id FROM incidents")])
    for table in _LEDGER_TABLES:
        tx.run(f"DELETE FROM {table}")
    reports = _all_reports(tx)
    provenance = analyse_sources(reports)
    _write_provenance(tx, reports, provenance)
    _write_bands(tx, reports)
    refs = event_refs(reports, provenance)
    _write_events(tx, refs, {r.key: i for r, i in zip(reports, _ingested_all(tx, reports), strict=True)})
    incidents = link_incidents(refs)
    _redirect(tx, old, incidents)
    commitments = [r for r in refs if isinstance(r.event, Commitment)]
    by_incident: dict[str, list[Finding]] = defaultdict(list)
    written = 0
    for rank, agreement in enumerate(ledger_agreements()):
        findings = assess_agreement(agreement, incidents, commitments).findings
        _write_findings(tx, [(f, rank) for f in findings])
        written += len(findings)
        for f in findings:
            if f.incident is not None:
                by_incident[f.incident.id].append(f)
    _write_incidents(tx, incidents, by_incident)
    _set_count(tx)
    return LedgerChange(len(reports), len(old), len(incidents), written)


def _ingested_all(tx: Any, reports: Sequence[Report]) -> list[str]:
    stamps = dict(tx.all("SELECT content_hash, ingested_at FROM documents"))
    return [stamps[r.key] for r in reports]
