"""The ledger as JSON, Markdown, or rows for a table."""

from __future__ import annotations

import json
from collections.abc import Sequence

from trucewatch.assess.ledger import AgreementAssessment, Finding

__all__ = ["ledger_json", "ledger_markdown", "ledger_rows"]

ROW_HEADER = ("agreement", "party", "grade", "finding", "sources", "outlets")


def ledger_json(assessments: Sequence[AgreementAssessment]) -> str:
    return json.dumps([a.to_dict() for a in assessments], indent=2, ensure_ascii=False)


def ledger_rows(assessments: Sequence[AgreementAssessment]) -> list[tuple[str, ...]]:
    """One row per finding, and one per party without findings (so both always show)."""
    rows = []
    for item in assessments:
        if not item.agreement.in_force:
            rows.append((item.agreement.id, "-", "-", "not in force: no breaches assessed", "", ""))
            continue
        for party, findings in item.by_party().items():
            if not findings:
                rows.append((item.agreement.id, party, "-", "no findings", "", ""))
            for f in findings:
                outlets = ", ".join(sorted({r.outlet for r in f.evidence if r.outlet}))
                rows.append((item.agreement.id, party, str(f.grade), f.summary, str(f.sources), outlets))
    return rows


def _finding_md(f: Finding) -> list[str]:
    lines = [f"- **{f.grade}** — {f.summary}  ", f"  {f.sources} independent source(s); "
             f"voices: {', '.join(f.source_sides) or 'unknown'}"]
    for ref in f.evidence:
        who = ref.event.source or ref.event.claimant
        lines.append(f"  - {ref.outlet or 'unknown outlet'} ({ref.document_id}), "
                     f"{who}, {ref.event.modality}: “{ref.event.quote}”")
    for ref in f.accusations:
        lines.append(f"  - accusation by {ref.event.claimant} ({ref.outlet or ref.document_id}): "
                     f"“{ref.event.quote}”")
    lines += [f"  - counter-claim: {c}" for c in f.counter_claims]
    lines += [f"  - note: {n}" for n in f.notes]
    return lines


def _agreement_md(item: AgreementAssessment) -> list[str]:
    a = item.agreement
    end = a.end.isoformat() if a.end else "open-ended"
    lines = [f"## {a.title} (`{a.id}`)", "",
             f"Status: {a.status}. Window: {a.start.isoformat()} – {end}. "
             f"Parties: {', '.join(a.parties)}.", ""]
    if a.scope.facilities:
        lines += [f"Scope: {', '.join(a.scope.facilities)}.", ""]
    lines += [f"_{n}_" for n in item.notes] + ([""] if item.notes else [])
    if a.in_force:
        for party, findings in item.by_party().items():
            lines.append(f"### Against {party} ({len(findings)})")
            lines += [line for f in findings for line in _finding_md(f)] or ["- no findings"]
            lines.append("")
    if item.stances:
        lines.append("### Stances in the reports")
        lines += [f"- {getattr(r.event, 'party', '?')} {getattr(r.event, 'stance', '?')} "
                  f"({r.outlet or r.document_id}): “{r.event.quote}”" for r in item.stances]
        lines.append("")
    return lines


def ledger_markdown(assessments: Sequence[AgreementAssessment]) -> str:
    lines = ["# Compliance ledger", ""]
    for item in assessments:
        lines += _agreement_md(item)
    return "\n".join(lines).rstrip() + "\n"
