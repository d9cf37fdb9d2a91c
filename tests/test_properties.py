"""Property tests: no text crashes the extractor and every span slices to its quote."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch import extract

WORDS = st.sampled_from([
    "Russian", "Ukrainian", "drones", "struck", "Kyiv", "region", "shot", "down", "57", "missiles",
    "overnight", "ceasefire", "agreed", "refused", "killed", "injured", "“", "”", ".", ",", "\n",
    "the", "Kharkiv", "oblast", "THIS IS A BREAKING NEWS UPDATE.", "KYIV, Ukraine (AP) —", "date",
    "2025-03-19", "at", "least", "hospital", "Sea", "of", "Azov", "said", "—", "'s", "over",
])


def _check(text: str, published: dt.date | None) -> None:
    result = extract(text, published)
    for event in result.events:
        assert 0 <= event.span.start <= event.span.end <= len(text)
        assert text[event.span.start:event.span.end] == event.quote


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_any_text(text: str, published: dt.date | None) -> None:
    _check(text, published)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=60).map(" ".join), st.one_of(st.none(), st.dates()))
def test_news_like_text(text: str, published: dt.date | None) -> None:
    _check(text, published)
