"""Assess: agreements as data, scope rules, and the compliance ledger.

Entry points: `load_agreements(folders)` and `assess(agreements, incidents,
commitments, agreement_id=None) -> list[AgreementAssessment]`.
"""

from __future__ import annotations

from trucewatch.assess.agreements import Agreement, load_agreement, load_agreements
from trucewatch.assess.grades import BREACH_GRADES, Grade
from trucewatch.assess.ledger import (
    AgreementAssessment,
    Finding,
    accusation_findings,
    assess,
    assess_agreement,
    finding_grade,
    grade,
)
from trucewatch.assess.report import ledger_json, ledger_markdown, ledger_rows
from trucewatch.assess.rules import ACCUSATION_LAG_DAYS, in_scope, refers_to, report_day, timing
from trucewatch.assess.verdict import PartyVerdict, Verdict, verdict, verdicts_csv

__all__ = [
    "ACCUSATION_LAG_DAYS",
    "BREACH_GRADES",
    "Agreement",
    "AgreementAssessment",
    "Finding",
    "Grade",
    "PartyVerdict",
    "Verdict",
    "accusation_findings",
    "assess",
    "assess_agreement",
    "finding_grade",
    "grade",
    "in_scope",
    "ledger_json",
    "ledger_markdown",
    "ledger_rows",
    "load_agreement",
    "load_agreements",
    "refers_to",
    "report_day",
    "timing",
    "verdict",
    "verdicts_csv",
]
