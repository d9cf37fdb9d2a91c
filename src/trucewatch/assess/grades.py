"""The grades of the ledger: one vocabulary, the same rule for every party.

A finding's grade says how much the reports support it, not whether it is
true. Checked in this order:

- `uncertain_timing`: the time the reports allow straddles the agreement's
  start or end, so it may fall outside the window; never counted as a breach;
- `disputed`: the reports contradict each other (a denial, each side blaming
  the other, or different counts from different sides);
- `corroborated_both_sides`: two or more independent sources, voices of both
  parties among them;
- `corroborated_one_side`: two or more independent sources, not both parties;
- `single_claim`: one independent source (wire copies of one story count once);
- `accusation_only`: a party's accusation of breach that matches no incident.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["BREACH_GRADES", "Grade"]


class Grade(StrEnum):
    CORROBORATED_BOTH_SIDES = "corroborated_both_sides"
    CORROBORATED_ONE_SIDE = "corroborated_one_side"
    SINGLE_CLAIM = "single_claim"
    DISPUTED = "disputed"
    ACCUSATION_ONLY = "accusation_only"
    UNCERTAIN_TIMING = "uncertain_timing"


BREACH_GRADES = tuple(Grade)  # the order verdicts list them in
