"""The compliance ledger: findings per party and agreement, with their evidence.

A finding is either an in-scope incident inside the window, attributed to the
party whose forces carried it out, or an accusation of breach that matches no
incident. Grades are those of `assess/grades.py`, the same for every party.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from trucewatch.assess.agreements import Agreement
from trucewatch.assess.grades import Grade
from trucewatch.assess.rules import (
    ACCUSATION_LAG_DAYS,
    accused_party,
    in_scope,
    incident_span,
    matches,
    refers_to,
    report_day,
    timing,
)
from trucewatch.assess.records import Claim, IncidentView, count_sources
from trucewatch.model import Commitment, Stance

__all__ = [
    "AgreementAssessment", "Finding", "Grade", "accusation_findings", "assess", "assess_agreement",
    "finding_grade", "grade",
]


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    agreement: str
    party: str  # the party the finding is against
    basis: str  # "incident" or "accusation"
    grade: Grade
    summary: str
    date_from: dt.date | None
    date_to: dt.date | None
    timing: str  # within, straddles_start, straddles_end
    sources: int
    source_sides: tuple[str, ...]
    evidence: tuple[Claim, ...]
    incident: IncidentView | None = None
    accusations: tuple[Claim, ...] = ()
    counter_claims: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agreement": self.agreement,
            "party": self.party,
            "basis": self.basis,
            "grade": str(self.grade),
            "summary": self.summary,
            "date_from": _iso(self.date_from),
            "date_to": _iso(self.date_to),
            "timing": self.timing,
            "incident": self.incident.id if self.incident else None,
            "sources": self.sources,
            "source_sides": list(self.source_sides),
            "outlets": sorted({r.outlet for r in self.evidence if r.outlet}),
            "claimants": sorted({_claimant(r) for r in self.evidence}),
            "evidence": [r.to_dict() for r in self.evidence],
            "accusations": [r.to_dict() for r in self.accusations],
            "counter_claims": list(self.counter_claims),
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class AgreementAssessment:
    agreement: Agreement
    findings: tuple[Finding, ...]
    stances: tuple[Claim, ...] = ()  # agreed / proposed / refused in the reports
    notes: tuple[str, ...] = field(default_factory=tuple)

    def by_party(self) -> dict[str, list[Finding]]:
        """Findings under each party (every party listed, even with none)."""
        out: dict[str, list[Finding]] = {p: [] for p in self.agreement.parties}
        for finding in self.findings:
            out.setdefault(finding.party, []).append(finding)
        return out

    def to_dict(self) -> dict[str, Any]:
        a = self.agreement
        return {
            "agreement": {
                "id": a.id, "title": a.title, "status": a.status, "parties": list(a.parties),
                "start": a.start.isoformat(), "end": a.end.isoformat() if a.end else None,
                "timezone": a.timezone, "targets": [str(t) for t in a.scope.targets],
                "facilities": list(a.scope.facilities),
                "agreed": [{"party": x.party, "date": x.date.isoformat(), "by": x.by}
                           for x in a.agreed],
                "refused": [{"party": x.party, "date": x.date.isoformat(), "by": x.by}
                            for x in a.refused],
                "sources": [{"publisher": s.publisher, "date": s.date.isoformat(),
                             "title": s.title, "url": s.url} for s in a.sources],
            },
            "notes": list(self.notes),
            "findings": {p: [f.to_dict() for f in fs] for p, fs in self.by_party().items()},
            "stances": [dict(r.to_dict(), party=getattr(r.event, "party", None),
                             stance=str(getattr(r.event, "stance", ""))) for r in self.stances],
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _claimant(ref: Claim) -> str:
    source = ref.event.source
    return f"{ref.event.claimant}: {source}" if source else ref.event.claimant


def grade(incident: IncidentView, parties: Sequence[str]) -> Grade:
    """The confidence grade of an incident; the same rule for every party."""
    if incident.disputes:
        return Grade.DISPUTED
    if incident.sources < 2:
        return Grade.SINGLE_CLAIM
    if len(parties) >= 2 and set(parties) <= set(incident.source_sides):
        return Grade.CORROBORATED_BOTH_SIDES
    return Grade.CORROBORATED_ONE_SIDE


def finding_grade(incident: IncidentView, parties: Sequence[str], when: str) -> Grade:
    """An incident's grade under one agreement: a window edge it may fall outside comes first."""
    return Grade.UNCERTAIN_TIMING if when != "within" else grade(incident, parties)


def _where(incident: IncidentView) -> str:
    return incident.place or ", ".join(incident.admin1) or incident.country or "unknown place"


def _dates(start: dt.date | None, end: dt.date | None) -> str:
    if start is None or end is None:
        return "undated"
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def _party_notes(agreement: Agreement, party: str, day: dt.date | None) -> list[str]:
    acts = [a for a in agreement.agreed if a.party == party]
    if not acts:
        return [f"{party} is not recorded as agreeing to this agreement"]
    accepted = min(a.date for a in acts)
    if day is not None and day < accepted:
        return [f"may predate {party}'s own acceptance on {accepted.isoformat()}"]
    return []


def _timing_notes(when: str) -> list[str]:
    if when == "within":
        return []
    edge = "start" if when == "straddles_start" else "end"
    return [f"date precision allows a time before the window's {edge}" if edge == "start"
            else f"date precision allows a time after the window's {edge}"]


def _incident_finding(incident: IncidentView, agreement: Agreement, when: str) -> Finding:
    targets = ", ".join(str(t) for t in incident.targets) or "unspecified targets"
    weapons = "/".join(w for w in incident.weapons if w != "unknown") or "unknown weapon"
    summary = (f"{incident.attacker} {incident.kind} ({weapons}) on {targets} in "
               f"{_where(incident)}, {_dates(incident.date_from, incident.date_to)}")
    counter = tuple(d.describe() for d in incident.disputes)
    notes = _party_notes(agreement, incident.attacker, incident.date_from) + _timing_notes(when)
    return Finding(
        id=f"{agreement.id}:{incident.id}", agreement=agreement.id, party=incident.attacker,
        basis="incident", grade=finding_grade(incident, agreement.parties, when), summary=summary,
        date_from=incident.date_from, date_to=incident.date_to, timing=when,
        sources=incident.sources, source_sides=incident.source_sides,
        evidence=incident.reports, incident=incident, counter_claims=counter,
        notes=tuple(notes),
    )


def _accusation_groups(
    refs: Iterable[Claim], agreement: Agreement
) -> dict[tuple[str, str, dt.date | None], list[Claim]]:
    groups: dict[tuple[str, str, dt.date | None], list[Claim]] = defaultdict(list)
    for ref in refs:
        accuser = getattr(ref.event, "party", "unknown")
        accused = accused_party(accuser, agreement)
        if accused is not None:
            groups[(accuser, accused, report_day(ref))].append(ref)
    return groups


def _accusation_finding(
    key: tuple[str, str, dt.date | None], refs: list[Claim], agreement: Agreement,
    counter: list[Claim],
) -> Finding:
    accuser, accused, day = key
    digest = hashlib.sha1("|".join(sorted(f"{r.report_key}:{r.seq}" for r in refs)).encode())
    counters = tuple(f"{r.event.claimant} accuses {accuser} ({r.outlet or r.document_id}): "
                     f"{r.event.quote}" for r in counter)
    return Finding(
        id=f"{agreement.id}:A-{digest.hexdigest()[:10]}", agreement=agreement.id,
        party=accused, basis="accusation", grade=Grade.ACCUSATION_ONLY,
        summary=f"{accuser} accuses {accused} of a breach ({_dates(day, day)}); "
                "no matching incident in the reports",
        date_from=day, date_to=day, timing="within",
        sources=count_sources(refs), source_sides=tuple(sorted({r.voice for r in refs})),
        evidence=tuple(refs), counter_claims=counters,
        notes=tuple(_party_notes(agreement, accused, day)),
    )


def _counter_accusations(
    key: tuple[str, str, dt.date | None],
    groups: dict[tuple[str, str, dt.date | None], list[Claim]],
) -> list[Claim]:
    """The accused party's own accusations against the accuser, near the same day."""
    accuser, accused, day = key
    return [
        ref for (by, against, when), refs in groups.items() for ref in refs
        if by == accused and against == accuser and day and when
        and abs((when - day).days) <= ACCUSATION_LAG_DAYS
    ]


def _attach_accusations(
    findings: list[Finding], accusations: Sequence[Claim], agreement: Agreement
) -> list[Finding]:
    """Attach each accusation to the findings it matches; the rest become accusation findings.

    An accusation of breach vouches only for findings inside the window: one that
    may predate the truce (`uncertain_timing`) is not what it accuses.

    Modifies `findings` in place; returns the new accusation findings.
    """
    unmatched: list[Claim] = []
    for ref in accusations:
        accused = accused_party(getattr(ref.event, "party", "unknown"), agreement)
        hits = [i for i, f in enumerate(findings) if accused is not None and f.party == accused
                and f.timing == "within" and f.incident is not None and matches(ref, f.incident)]
        for i in hits:
            findings[i] = dataclasses.replace(findings[i], accusations=findings[i].accusations + (ref,))
        if not hits:
            unmatched.append(ref)
    groups = _accusation_groups(unmatched, agreement)
    return [_accusation_finding(key, refs, agreement, _counter_accusations(key, groups))
            for key, refs in groups.items()]


def accusation_findings(unmatched: Sequence[Claim], agreement: Agreement) -> list[Finding]:
    """Findings of accusations that match no incident (grouped by accuser, accused and day),
    for the stored ledger, which re-assesses only the days a new report touches."""
    return _attach_accusations([], unmatched, agreement)


def assess_agreement(
    agreement: Agreement, incidents: Sequence[IncidentView], commitments: Sequence[Claim]
) -> AgreementAssessment:
    """Findings for one agreement (none for one not in force, which is still shown)."""
    mine = [c for c in commitments if refers_to(c, agreement)]
    stances = tuple(c for c in mine if isinstance(c.event, Commitment)
                    and c.event.stance != Stance.ACCUSED_BREACH)
    if not agreement.in_force:
        return AgreementAssessment(agreement, (), stances,
                                   ("not in force: no breaches are assessed",))
    findings = []
    for incident in incidents:
        when = timing(incident_span(incident, agreement.tz), agreement)
        if when is not None and in_scope(incident, agreement):
            findings.append(_incident_finding(incident, agreement, when))
    accusations = [c for c in mine if getattr(c.event, "stance", None) == Stance.ACCUSED_BREACH]
    findings += _attach_accusations(findings, accusations, agreement)
    notes = (f"{agreement.status}: findings are listed for review",) if agreement.status == "conditional" else ()
    findings.sort(key=lambda f: (f.party, f.date_from or dt.date.max, f.id))
    return AgreementAssessment(agreement, tuple(findings), stances, notes)


def assess(
    agreements: Sequence[Agreement],
    incidents: Sequence[IncidentView],
    commitments: Sequence[Claim],
    agreement_id: str | None = None,
) -> list[AgreementAssessment]:
    """The ledger: one assessment per agreement (or only `agreement_id`)."""
    chosen = [a for a in agreements if agreement_id in (None, a.id)]
    return [assess_agreement(a, incidents, commitments) for a in sorted(chosen, key=lambda a: a.start)]
