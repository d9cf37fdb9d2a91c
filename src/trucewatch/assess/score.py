"""Scoring the ledger against a findings gold: precision and recall per agreement and party.

A findings gold (e.g. `demo/findings_gold.jsonl`) lists, one JSON object a
line, the findings a careful analyst would write for a corpus: `agreement`,
`party`, `basis` (`incident` or `accusation`), for incidents `kind` and one
`admin1` code, a `date`, the expected `grade`, and `why` in words. A predicted
finding matches a gold one when agreement, party and basis agree, and

- incident: same kind, the gold `admin1` among the incident's regions, and the
  gold `date` inside the finding's date range;
- accusation: the finding's day within one day of the gold `date`.

Matching is one-to-one (each gold finding takes the first unmatched
prediction that fits). Precision and recall are counted per (agreement,
party) and micro-averaged overall; over matched pairs, grade accuracy says
whether the ledger also weighs the evidence as the analyst did.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trucewatch.assess.grades import Grade
from trucewatch.assess.ledger import AgreementAssessment, Finding
from trucewatch.errors import InputError

__all__ = ["FindingsScore", "GoldFinding", "PartyScore", "load_findings_gold", "score_findings"]

ACCUSATION_DAYS = 1
_BASES = ("incident", "accusation")


@dataclass(frozen=True, slots=True)
class GoldFinding:
    agreement: str
    party: str
    basis: str
    date: dt.date
    grade: Grade
    kind: str | None = None
    admin1: str | None = None
    why: str = ""


def _gold(data: Any, where: str, line: int) -> GoldFinding:
    if not isinstance(data, dict):
        raise InputError(where, "expected a JSON object", line)
    try:
        basis = data["basis"]
        if basis not in _BASES:
            raise ValueError(f"basis must be one of {', '.join(_BASES)}")
        if basis == "incident" and not (data.get("kind") and data.get("admin1")):
            raise ValueError("an incident finding needs kind and admin1")
        return GoldFinding(str(data["agreement"]), str(data["party"]), basis,
                           dt.date.fromisoformat(data["date"]), Grade(data["grade"]),
                           data.get("kind"), data.get("admin1"), str(data.get("why", "")))
    except KeyError as exc:
        raise InputError(where, f"missing field {exc.args[0]!r}", line) from None
    except (TypeError, ValueError) as exc:
        raise InputError(where, str(exc), line) from None


def load_findings_gold(path: str | Path) -> list[GoldFinding]:
    """Read a findings gold; a bad line is an `InputError` naming the file, line and problem."""
    where = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(where, f"cannot read the findings gold ({exc})") from None
    gold = []
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InputError(where, f"invalid JSON ({exc.args[0]})", number) from None
        gold.append(_gold(data, where, number))
    return gold


def _fits(gold: GoldFinding, found: Finding) -> bool:
    if (gold.agreement, gold.party, gold.basis) != (found.agreement, found.party, found.basis):
        return False
    if gold.basis == "accusation":
        day = found.date_from
        return day is not None and abs((day - gold.date).days) <= ACCUSATION_DAYS
    incident = found.incident
    if incident is None or str(incident.kind) != gold.kind or gold.admin1 not in incident.admin1:
        return False
    return found.date_from is not None and found.date_to is not None and (
        found.date_from <= gold.date <= found.date_to)


@dataclass(slots=True)
class PartyScore:
    """Counts for one agreement and party."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    grade_right: int = 0
    missed: list[GoldFinding] = field(default_factory=list)
    spurious: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        precision = self.tp / self.predicted if self.predicted else 1.0
        recall = self.tp / self.gold if self.gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold,
                "grade_accuracy": round(self.grade_right / self.tp, 3) if self.tp else None,
                "missed": [f"{g.basis} {g.kind or ''} {g.admin1 or ''} {g.date}".replace("  ", " ")
                           for g in self.missed],
                "spurious": [f.summary for f in self.spurious]}


@dataclass(frozen=True, slots=True)
class FindingsScore:
    parties: dict[tuple[str, str], PartyScore]

    def overall(self) -> PartyScore:
        total = PartyScore()
        for s in self.parties.values():
            total.tp += s.tp
            total.predicted += s.predicted
            total.gold += s.gold
            total.grade_right += s.grade_right
        return total

    def to_dict(self) -> dict[str, Any]:
        rows = {f"{a} {p}": s.to_dict() for (a, p), s in sorted(self.parties.items())}
        overall = self.overall().to_dict()
        del overall["missed"], overall["spurious"]
        return {"per_agreement_party": rows, "overall": overall}


def _match(gold: Sequence[GoldFinding], found: list[Finding], score: PartyScore) -> None:
    free = list(found)
    for item in gold:
        hit = next((f for f in free if _fits(item, f)), None)
        if hit is None:
            score.missed.append(item)
            continue
        free.remove(hit)
        score.tp += 1
        score.grade_right += hit.grade == item.grade
    score.spurious += free


def score_findings(assessments: Iterable[AgreementAssessment],
                   gold: Sequence[GoldFinding]) -> FindingsScore:
    """Score the ledger's findings against the gold, per agreement and party."""
    found: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    chosen = list(assessments)
    for item in chosen:
        for party in item.agreement.parties:
            found.setdefault((item.agreement.id, party), [])
        for finding in item.findings:
            found[(finding.agreement, finding.party)].append(finding)
    wanted: dict[tuple[str, str], list[GoldFinding]] = defaultdict(list)
    for g in gold:
        wanted[(g.agreement, g.party)].append(g)
    parties = {}
    for key in sorted(set(found) | set(wanted)):
        score = PartyScore(predicted=len(found.get(key, [])), gold=len(wanted.get(key, [])))
        _match(wanted.get(key, []), found.get(key, []), score)
        parties[key] = score
    return FindingsScore(parties)
