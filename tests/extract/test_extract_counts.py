"""Counts follow the guide: at least N is N; more than, up to, dozens are unknown."""

from __future__ import annotations

import pytest

from trucewatch.extract.counts import find_numbers
from trucewatch.extract.tokens import tokenize


def values(text: str) -> list[int | None]:
    return [n.value for n in find_numbers(tokenize(text)) if not n.article]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("forces downed 57 drones", [57]),
        ("fifty-seven drones", [57]),
        ("two hundred and twelve shells", [212]),
        ("at least 12 people", [12]),
        ("more than 30 houses", [None]),
        ("up to 10 positions", [None]),
        ("over 250 fighters", [None]),
        ("dozens of drones", [None]),
        ("1,200 troops", [1200]),
        ("60% of them", []),
        ("at 19.09.22 the", []),
        ("20 Shahed-136/131 drones", [20]),  # digits inside a model name are no count
        ("Kh-101 and 5 drones", [5]),
        ("train No. 63 was hit", []),  # identifiers are no count
        ("flight 752 crashed", []),
        ("both missiles", [2]),
    ],
)
def test_numbers(text: str, expected: list[int | None]) -> None:
    assert values(text) == expected


def test_tokens_keep_offsets() -> None:
    text = "Putin’s Shahed-136 drones"
    for token in tokenize(text, offset=5):
        assert text[token.start - 5:token.end - 5] == token.text
