"""Relative date phrases resolve against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch.model import DatePrecision
from trucewatch.resolve.dates import find_date, resolve_date

WED = dt.date(2025, 3, 19)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Drones hit the city overnight.", WED, DatePrecision.NIGHT),
        ("He said Tuesday night that talks failed.", WED, DatePrecision.NIGHT),
        ("The depot burned on Monday.", dt.date(2025, 3, 17), DatePrecision.DAY),
        ("The ministry reported Wednesday that it downed ten drones.", WED, DatePrecision.DAY),
        ("A blast shook the port yesterday.", dt.date(2025, 3, 18), DatePrecision.DAY),
        ("On the night of March 17-18 drones flew in.", dt.date(2025, 3, 18), DatePrecision.NIGHT),
        ("Shelling resumed on March 2.", dt.date(2025, 3, 2), DatePrecision.DAY),
        ("Shelling resumed on December 30.", dt.date(2024, 12, 30), DatePrecision.DAY),
        ("Strikes intensified last week.", dt.date(2025, 3, 12), DatePrecision.WEEK),
        ("Over the past day, units downed four drones.", dt.date(2025, 3, 18), DatePrecision.DAY),
    ],
)
def test_phrases(text: str, date: dt.date, precision: DatePrecision) -> None:
    assert resolve_date(find_date(text), WED) == (date, precision)


def test_no_phrase_is_publication_date_with_unknown_precision() -> None:
    assert resolve_date(find_date("A depot caught fire."), WED) == (WED, DatePrecision.UNKNOWN)


def test_no_publication_date_leaves_it_unresolved() -> None:
    assert resolve_date(find_date("overnight"), None) == (None, DatePrecision.UNKNOWN)


def test_may_the_verb_is_not_a_month() -> None:
    assert find_date("Officials may reopen the bridge.") is None
