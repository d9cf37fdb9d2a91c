"""Incidents: events of different reports that tell of one happening.

Two events are linked when they are of the same kind, their dates are
compatible within their precision, they name the same admin1 (and the same
settlement when both name one), their sides are compatible and their targets
overlap (no targets overlaps anything). Linking is complete-link: an event joins
an incident only if it is compatible with every event already in it, and an
incident holds at most one event of each report.

A denial ("the Kremlin denied that its drones hit the hospital", modality
`denied`) does not make an incident of its own when a claim it contradicts is
there: it joins the incident it denies (also one of its own report), and the
incident then carries a `denial` dispute. When each side blames the other for
one strike (same place, day and targets, opposite attackers, and no report from
the attacker's own side), both incidents carry a `counter_claim` dispute naming
the other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from trucewatch.link.records import Dispute, EventRef, Incident, Provenance, Report
from trucewatch.model import (
    AnyEvent,
    Commitment,
    DatePrecision,
    Interception,
    Kind,
    Modality,
    Stance,
    Strike,
)

__all__ = [
    "accusations",
    "commitments",
    "compatible",
    "day_range",
    "event_refs",
    "filter_incidents",
    "independent_sources",
    "link_bucket",
    "link_incidents",
]

UNDATED_LOOKBACK_DAYS = 2  # an undated event happened up to this long before publication
_HAPPENED = (Modality.ASSERTED, Modality.CLAIMED, Modality.DENIED)
_COUNTS = {Kind.STRIKE: ("killed", "injured"), Kind.INTERCEPTION: ("launched", "intercepted")}


def _ref(report: Report, seq: int, event: AnyEvent, prov: Provenance) -> EventRef:
    doc = report.document
    return EventRef(
        report.key, seq, event, doc.id, report.published, doc.url, prov.outlet,
        prov.outlet_side, prov.wire_group, report.order,
    )


def event_refs(
    reports: Iterable[Report], provenance: dict[str, Provenance]
) -> list[EventRef]:
    """Every event of the current (not superseded) reports."""
    refs = []
    for report in reports:
        prov = provenance[report.key]
        if prov.superseded_by is None:
            refs += [_ref(report, seq, ev, prov) for seq, ev in enumerate(report.events)]
    return refs


def commitments(refs: Iterable[EventRef]) -> list[EventRef]:
    return [r for r in refs if isinstance(r.event, Commitment)]


def accusations(refs: Iterable[EventRef]) -> list[EventRef]:
    """Accusations of breach (`accused_breach` commitments)."""
    return [r for r in commitments(refs) if r.event.stance == Stance.ACCUSED_BREACH]  # type: ignore[union-attr]


def day_range(event: AnyEvent, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The calendar days an event may have happened on (inclusive)."""
    day = dt.timedelta(days=1)
    if event.date is None:
        if published is None:
            return None
        return published - UNDATED_LOOKBACK_DAYS * day, published
    d, precision = event.date, event.date_precision
    if precision == DatePrecision.DAY:
        return d, d
    if precision == DatePrecision.NIGHT:
        return d - day, d
    if precision == DatePrecision.WEEK:
        return d - 3 * day, d + 3 * day
    if precision == DatePrecision.MONTH:
        first = d.replace(day=1)
        following = (first + 32 * day).replace(day=1)
        return first, following - day
    return d - day, d + day


def _overlap(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def _side_ok(a: str, b: str) -> bool:
    return a == b or "unknown" in (a, b)


def _strikes_compatible(a: Strike, b: Strike) -> bool:
    if a.country != b.country or a.admin1 != b.admin1:
        return False
    if a.place and b.place and a.place.casefold() != b.place.casefold():
        return False
    return not a.targets or not b.targets or bool(set(a.targets) & set(b.targets))


def _interceptions_compatible(a: Interception, b: Interception) -> bool:
    if a.admin1 and b.admin1 and not set(a.admin1) & set(b.admin1):
        return False
    if a.water and b.water and a.water.casefold() != b.water.casefold():
        return False
    if not a.admin1 and not b.admin1 and bool(a.water) != bool(b.water):
        return False
    return _side_ok(a.claimant, b.claimant) and _side_ok(str(a.weapon), str(b.weapon))


def compatible(a: EventRef, b: EventRef) -> bool:
    """May `a` and `b` report one happening?"""
    return _compatible(a, b, day_range(a.event, a.published), day_range(b.event, b.published))


_Days = tuple[dt.date, dt.date] | None


def _compatible(a: EventRef, b: EventRef, days_a: _Days, days_b: _Days) -> bool:
    """`compatible`, given both events' day ranges (computed once per event when linking)."""
    ea, eb = a.event, b.event
    if a.report_key == b.report_key or ea.kind != eb.kind:
        return False
    if not _overlap(days_a, days_b):
        return False
    if isinstance(ea, Strike) and isinstance(eb, Strike):
        return _side_ok(ea.attacker, eb.attacker) and _strikes_compatible(ea, eb)
    if isinstance(ea, Interception) and isinstance(eb, Interception):
        return _side_ok(ea.attacker, eb.attacker) and _interceptions_compatible(ea, eb)
    return False


def independent_sources(refs: Iterable[EventRef]) -> int:
    """Distinct sources: wire copies of one story, and one outlet's stories, count once."""
    groups: list[set[str]] = []
    for ref in refs:
        labels = {"wire:" + ref.wire_group}
        if ref.outlet:
            labels.add("outlet:" + ref.outlet.casefold())
        touching = [g for g in groups if g & labels]
        merged = labels.union(*touching)
        groups = [g for g in groups if not g & labels] + [merged]
    return len(groups)


def _bucket(ref: EventRef) -> tuple[str, ...]:
    event = ref.event
    if isinstance(event, Strike):
        return (str(event.kind), event.country or "", event.admin1 or "")
    return (str(event.kind),)


def link_bucket(event: AnyEvent) -> str | None:
    """The bucket an event links within (kind, and for strikes country and admin1), or None
    for what never joins an incident: a stored ledger finds an event's candidate incidents
    by this bucket and overlapping days."""
    if not isinstance(event, (Strike, Interception)) or event.modality not in _HAPPENED:
        return None
    if isinstance(event, Strike):
        return "|".join((str(event.kind), event.country or "", event.admin1 or ""))
    return str(event.kind)


def link_incidents(refs: Iterable[EventRef]) -> list[Incident]:
    """Group strike and interception reports into incidents (complete-link), then disputes."""
    events = [r for r in refs if isinstance(r.event, (Strike, Interception))
              and r.event.modality in _HAPPENED]
    claims = [r for r in events if r.event.modality != Modality.DENIED]
    groups = _attach_denials(_link_groups(claims),
                             [r for r in events if r.event.modality == Modality.DENIED])
    incidents = _counter_claims([_incident(g) for g in groups])
    return sorted(incidents, key=lambda i: (i.date_from or dt.date.max, i.id))


def _denies(denial: EventRef, member: EventRef) -> bool:
    """May `denial` contradict `member`? Like `compatible`, but also within one report."""
    if denial.report_key != member.report_key:
        return compatible(denial, member)
    other = dataclasses.replace(denial, report_key=denial.report_key + "#denial")
    return compatible(other, member)


def _attach_denials(groups: list[list[EventRef]], denials: Sequence[EventRef]) -> list[list[EventRef]]:
    """Each denial joins the first incident it contradicts; else it stands alone."""
    for denial in denials:
        home = next((g for g in groups if all(_denies(denial, m) for m in g)), None)
        if home is None:
            groups.append([denial])
        else:
            home.append(denial)
    return groups


def _link_groups(events: Sequence[EventRef]) -> list[list[EventRef]]:
    """Complete-link groups of compatible events, swept in date order."""
    days = {id(r): day_range(r.event, r.published) for r in events}  # once per event

    def group_end(group: list[EventRef]) -> dt.date:
        ends = [r[1] for r in (days[id(m)] for m in group) if r]
        return min(ends) if ends else dt.date.max

    dated = sorted(events, key=lambda r: (days[id(r)] or (dt.date.max,) * 2, r.report_key, r.seq))
    open_groups: dict[tuple[str, ...], list[list[EventRef]]] = defaultdict(list)
    done: list[list[EventRef]] = []
    for ref in dated:
        span = days[id(ref)]
        groups = open_groups[_bucket(ref)]
        if span is not None:  # retire groups that ended before this event can start
            done += [g for g in groups if group_end(g) < span[0]]
            groups[:] = [g for g in groups if group_end(g) >= span[0]]
        home = next((g for g in groups
                     if all(_compatible(ref, m, span, days[id(m)]) for m in g)), None)
        if home is None:
            groups.append([ref])
        else:
            home.append(ref)
    for groups in open_groups.values():
        done += groups
    return done


def _blames_other(a: Incident, b: Incident) -> bool:
    """Do `a` and `b` tell of one strike, each side blaming the other?"""
    if a.kind != Kind.STRIKE or b.kind != Kind.STRIKE or {a.attacker, b.attacker} != {"RU", "UA"}:
        return False
    if a.country != b.country or a.admin1 != b.admin1 or not (a.targets and b.targets):
        return False
    if a.place and b.place and a.place.casefold() != b.place.casefold():
        return False
    if not set(a.targets) & set(b.targets) or a.date_from is None or b.date_from is None:
        return False
    overlap = a.date_from <= (b.date_to or b.date_from) and b.date_from <= (a.date_to or a.date_from)
    return overlap and a.attacker not in a.source_sides and b.attacker not in b.source_sides


def _counter_claims(incidents: list[Incident]) -> list[Incident]:
    """Mark incidents whose attacker each side names as the other, with a `counter_claim` dispute."""
    by_place: dict[tuple[str | None, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, incident in enumerate(incidents):
        by_place[(incident.country, incident.admin1)].append(i)
    extra: dict[int, list[Dispute]] = defaultdict(list)
    for members in by_place.values():
        for x, y in itertools.combinations(members, 2):
            a, b = incidents[x], incidents[y]
            if _blames_other(a, b):
                extra[x].append(_counter_dispute(a, b))
                extra[y].append(_counter_dispute(b, a))
    return [dataclasses.replace(inc, disputes=inc.disputes + tuple(extra[i])) if i in extra else inc
            for i, inc in enumerate(incidents)]


def _counter_dispute(mine: Incident, other: Incident) -> Dispute:
    claims = ((", ".join(mine.source_sides), f"{mine.attacker} did it"),
              (", ".join(other.source_sides), f"{other.attacker} did it ({other.id})"))
    return Dispute("counter_claim", None, claims, other.id)


def _group_end(group: list[EventRef]) -> dt.date:
    ends = [r[1] for r in (day_range(m.event, m.published) for m in group) if r]
    return min(ends) if ends else dt.date.max


def incident_id(group: Sequence[EventRef]) -> str:
    """Named after its earliest-ingested report, so reports joining later keep the id."""
    first = min(group, key=lambda r: (r.order, r.report_key, r.seq))
    return "I-" + hashlib.sha1(f"{first.report_key}:{first.seq}".encode()).hexdigest()[:10]


def _incident(group: Sequence[EventRef]) -> Incident:
    first = group[0]
    ranges = [r for r in (day_range(m.event, m.published) for m in group) if r]
    events = [m.event for m in group]
    asserted = [e for e in events if e.modality != Modality.DENIED] or events
    attackers = Counter(getattr(e, "attacker", "unknown") for e in asserted)
    attacker = next((a for a, _ in attackers.most_common() if a != "unknown"), "unknown")
    return Incident(
        id=incident_id(group),
        kind=first.event.kind,
        attacker=attacker,
        country=_first(getattr(e, "country", None) for e in events),
        admin1=_admin1s(events),
        place=_first(getattr(e, "place", None) for e in events),
        targets=tuple(sorted({t for e in events for t in getattr(e, "targets", ())})),
        weapons=tuple(sorted({str(getattr(e, "weapon", "unknown")) for e in events})),
        date_from=max(r[0] for r in ranges) if ranges else None,
        date_to=min(r[1] for r in ranges) if ranges else None,
        reports=tuple(group),
        sources=independent_sources(group),
        source_sides=tuple(sorted({m.voice for m in group})),
        outlets=tuple(sorted({m.outlet for m in group if m.outlet})),
        claimants=tuple(sorted({_claimant(m) for m in group})),
        disputes=_disputes(group),
    )


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _admin1s(events: Sequence[AnyEvent]) -> tuple[str, ...]:
    codes: list[str] = []
    for event in events:
        if isinstance(event, Strike) and event.admin1:
            codes.append(event.admin1)
        elif isinstance(event, Interception):
            codes += event.admin1
    return tuple(dict.fromkeys(codes))


def _claimant(ref: EventRef) -> str:
    source = ref.event.source
    return f"{ref.event.claimant}: {source}" if source else ref.event.claimant


def _disputes(group: Sequence[EventRef]) -> tuple[Dispute, ...]:
    disputes = []
    denied = [m for m in group if m.event.modality == Modality.DENIED]
    claimed = [m for m in group if m.event.modality != Modality.DENIED]
    if denied and claimed:
        claims = sorted({(m.voice, str(m.event.modality)) for m in group})
        disputes.append(Dispute("denial", None, tuple(claims)))
    for name in _COUNTS.get(group[0].event.kind, ()):
        values = {(m.voice, getattr(m.event, name)) for m in claimed
                  if getattr(m.event, name) is not None}
        voices = {v for v, _ in values}
        if len({n for _, n in values}) > 1 and len(voices) > 1:
            claims = tuple(sorted((v, str(n)) for v, n in values))
            disputes.append(Dispute("count", name, claims))
    return tuple(disputes)


def filter_incidents(
    incidents: Iterable[Incident],
    since: dt.date | None = None,
    until: dt.date | None = None,
    region: str | None = None,
    kind: str | None = None,
    party: str | None = None,
) -> list[Incident]:
    """Incidents overlapping [since, until], in a region (ISO code or prefix), by kind or party."""
    out = []
    for incident in incidents:
        if since and (incident.date_to is None or incident.date_to < since):
            continue
        if until and (incident.date_from is None or incident.date_from > until):
            continue
        if kind and str(incident.kind) != kind.lower():
            continue
        if party and incident.attacker != party.upper():
            continue
        if region and not _in_region(incident, region.upper()):
            continue
        out.append(incident)
    return out


def _in_region(incident: Incident, region: str) -> bool:
    if "-" not in region:
        return incident.country == region or any(a.startswith(region + "-") for a in incident.admin1)
    return region in incident.admin1
