"""Frames that keep a stance word from being a commitment of the news being reported.

The guide labels what the report presents as news: a stance inside "whether …",
"if …", after "might"/"could", in "pressure Kyiv into accepting", in a habit
("usually rejects", "has repeatedly rejected … in the past"), or in a
sentence set in another period ("In 2014, …", "three weeks ago", "last year")
is not a commitment made now.
"""

from __future__ import annotations

import re
from functools import lru_cache

from trucewatch.extract.analysis import SentenceView
from trucewatch.extract.matcher import Cue

__all__ = ["habitual", "irrealis", "other_period"]

_OPEN_QUESTION = {"whether", "if"}
_MODALS = {"might", "may", "could"}
_PRESSURE = {"pressure", "pressured", "pressures", "pressuring", "force", "forced", "forcing", "forces",
             "coerce", "coerced", "coercing", "push", "pushed", "pushing", "persuade", "persuaded",
             "persuading", "convince", "convinced", "convincing", "compel", "compelled"}
_AUXILIARIES = {"have", "been", "be", "also"}
_AGO = {"ago"}
_SPANS = {"day", "days", "week", "weeks", "month", "months", "year", "years"}
_PAST_MARKERS = (("last", "year"), ("last", "summer"), ("in", "the", "summer"), ("back", "in"),
                 ("previously", ","), ("at", "the", "time"))
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YEAR_PREPS = {"in", "since", "of", "from"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"}


def irrealis(view: SentenceView, cue: Cue) -> bool:
    """The stance is asked about, hedged or pressed for, not taken."""
    lo = view.clause_of(cue.i)[0]
    before = view.words(max(lo, cue.i - 10), cue.i)
    if _OPEN_QUESTION & set(before) or any(before[k:k + 2] == ["in", "case"] for k in range(len(before))):
        return True
    if _MODALS & set(view.words(cue.i - 2, cue.i)) and view.tokens[cue.i - 1].text != "May":
        return True
    k = cue.i - 1
    while k > 0 and view.tokens[k].lower in _AUXILIARIES:
        k -= 1
    if k < cue.i - 1 and view.tokens[k].lower in _MODALS and view.tokens[k].text != "May":
        return True  # "the truce might have been violated": a hedge after the trigger
    near = view.words(cue.i - 7, cue.i)
    if _PRESSURE & set(near) and near[-1:] in (["into"], ["to"]):
        return True
    return habitual(view, cue)


_HABITUAL = {"usually", "typically", "normally", "generally", "habitually", "routinely", "regularly",
             "repeatedly", "often", "always", "traditionally"}


def habitual(view: SentenceView, cue: Cue) -> bool:
    """"Russia usually rejects ceasefire proposals", "has repeatedly rejected … in the past": a habit
    or background, not a stance taken in the news."""
    if _HABITUAL & set(view.words(max(view.clause_of(cue.i)[0], cue.i - 6), cue.i)):
        return True
    words = view.words(*view.clause_of(cue.i))
    return any(words[k:k + 3] == ["in", "the", "past"] and words[k + 3:k + 4] in ([], [","], ["."], [";"])
               for k in range(len(words)))  # not "in the past 24 hours": that is the news


def other_period(view: SentenceView, published_year: int | None, text: str) -> bool:
    """A sentence set in another period than the report's news."""
    words = view.words(0, len(view.tokens))
    for k, word in enumerate(words):
        if word in _AGO and k > 0 and words[k - 1] in _SPANS:
            return True
    if any(tuple(words[k:k + len(m)]) == m for m in _PAST_MARKERS for k in range(min(4, len(words)))):
        return True
    year = published_year or _latest_year(text)
    if year is None:
        return False
    return any(int(t.text) < year and _dated(view, k)
               for k, t in enumerate(view.tokens) if k > 0 and _YEAR.fullmatch(t.text))


def _dated(view: SentenceView, k: int) -> bool:
    """"in 2014", "since July 2022": a year that dates what the sentence says."""
    before = view.words(k - 2, k)
    return bool(before) and before[-1] in _YEAR_PREPS or (len(before) == 2 and before[1] in _MONTHS
                                                         and before[0] in _YEAR_PREPS)


@lru_cache(maxsize=32)
def _latest_year(text: str) -> int | None:
    """The latest year a report names: its own time when no date is given."""
    years = [int(y) for y in _YEAR.findall(text) if 2000 <= int(y) <= 2100]
    return max(years) if years else None
