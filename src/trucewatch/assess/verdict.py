"""A verdict per party: is the truce holding, and who breaks it, at a glance.

For one agreement's assessment: per party, the findings against it counted
by grade, per day and in total, with the ids of the findings behind each
count (the evidence is one lookup away). A finding counts on the last day its
time range allows (`date_to`, the day a night ends on), like the timeline.
Every party of the agreement is listed, also with no findings, so silence
about one side never reads as a clean record by omission.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from trucewatch.assess.grades import BREACH_GRADES
from trucewatch.assess.ledger import AgreementAssessment, Finding

__all__ = ["PartyVerdict", "Verdict", "verdict", "verdicts_csv"]

CSV_HEADER = ("agreement", "in_force", "party", "date", *[str(g) for g in BREACH_GRADES], "total")


@dataclass(frozen=True, slots=True)
class PartyVerdict:
    party: str
    findings: tuple[Finding, ...]

    def by_grade(self) -> dict[str, int]:
        return _grade_counts(self.findings)

    def per_day(self) -> list[dict[str, Any]]:
        days: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            day = f.date_to or f.date_from
            days[day.isoformat() if day else "undated"].append(f)
        return [{"date": d, "by_grade": _grade_counts(fs)} for d, fs in sorted(days.items())]

    def to_dict(self) -> dict[str, Any]:
        return {"party": self.party, "total": len(self.findings), "by_grade": self.by_grade(),
                "per_day": self.per_day(), "findings": [f.id for f in self.findings]}


@dataclass(frozen=True, slots=True)
class Verdict:
    assessment: AgreementAssessment
    parties: tuple[PartyVerdict, ...]

    def to_dict(self) -> dict[str, Any]:
        data = self.assessment.to_dict()["agreement"]
        return {"agreement": data, "in_force": self.assessment.agreement.in_force,
                "notes": list(self.assessment.notes),
                "parties": [p.to_dict() for p in self.parties]}


def _grade_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Counts for every grade (zeros included), in the grades' order."""
    counts = Counter(str(f.grade) for f in findings)
    return {str(g): counts.get(str(g), 0) for g in BREACH_GRADES}


def verdict(assessment: AgreementAssessment) -> Verdict:
    """The verdict per party of one agreement's assessment."""
    parties = tuple(PartyVerdict(p, tuple(fs)) for p, fs in assessment.by_party().items())
    return Verdict(assessment, parties)


def verdicts_csv(verdicts: Sequence[Verdict]) -> str:
    """One row per agreement, party and day, plus a `total` row per party."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for v in verdicts:
        a = v.assessment.agreement
        for p in v.parties:
            for day in p.per_day():
                writer.writerow([a.id, a.in_force, p.party, day["date"], *day["by_grade"].values(),
                                 sum(day["by_grade"].values())])
            writer.writerow([a.id, a.in_force, p.party, "total", *p.by_grade().values(),
                             len(p.findings)])
    return buffer.getvalue()
