"""Sentence splitting."""

from __future__ import annotations

import pytest

from trucewatch.model import Document
from trucewatch.parse import parse_document


def split(text: str) -> list[str]:
    return [s.text for s in parse_document(Document(id="t", text=text)).sentences]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Embassy in Kyiv closed on Sunday.",
        "Mr. Smith and Mrs. Jones met Dr. Brown at 9 a.m. Monday near the U.K. mission.",
        "Gen. Oleksandr Syrskyi and Lt. Col. Ivan Petrenko visited the front.",
        "Former U.S. President Donald J. Trump spoke on Sept. 5 and again on Oct. 7.",
        "The strike hit St. Michael’s Square, i.e. the old town, at 3.5 km from the river.",
        "The rally was on 19.09.22 in the city centre.",
        "Drones hit the plant, e.g. its turbine hall, vs. last week’s strike on Acme Corp. offices.",
    ],
)
def test_no_split_after_abbreviations(text: str) -> None:
    assert split(text) == [text]


def test_number_only_abbreviation() -> None:
    assert split("Plant No. 5 was hit by drones.") == ["Plant No. 5 was hit by drones."]
    assert split("“No. We will not agree,” he said.") == ["“No.", "We will not agree,” he said."]


def test_splits_on_end_punctuation_and_quotes() -> None:
    text = (
        "Drones hit Odesa. Was anyone hurt? Yes! “We are safe,” she said. "
        "“Keep calm.” 12 people left. ‘It was loud,’ a man said."
    )
    assert split(text) == [
        "Drones hit Odesa.",
        "Was anyone hurt?",
        "Yes!",
        "“We are safe,” she said.",
        "“Keep calm.”",
        "12 people left.",
        "‘It was loud,’ a man said.",
    ]


def test_no_split_before_lower_case() -> None:
    assert split("“Stop!” he shouted. The end.") == ["“Stop!” he shouted.", "The end."]


def test_newline_ends_sentence_and_headline() -> None:
    text = "Missiles hit Lviv region\nTwo missiles struck a depot. Nobody was hurt.\n"
    assert split(text) == ["Missiles hit Lviv region", "Two missiles struck a depot.", "Nobody was hurt."]


def test_hard_wrapped_lines_join_only_before_lower_case() -> None:
    text = "Russian forces shelled the village of\nVelyka Pysarivka and damaged\nseveral houses, officials said."
    assert split(text) == [
        "Russian forces shelled the village of",  # a headline-like line: kept apart
        "Velyka Pysarivka and damaged\nseveral houses, officials said.",
    ]


def test_ellipsis_and_media_tags() -> None:
    text = "Air defence destroyed the targets over... View news."
    assert split(text) == ["Air defence destroyed the targets over..."]
    assert split("Strike on Sumy. PHOTOS. A school was hit.") == ["Strike on Sumy.", "A school was hit."]


def test_spans_slice_to_text() -> None:
    text = "  First one.   Second one!\r\n\r\n  Third?  "
    parsed = parse_document(Document(id="t", text=text))
    assert [s.text for s in parsed.sentences] == ["First one.", "Second one!", "Third?"]
    for sentence in parsed.sentences:
        assert text[sentence.span.start : sentence.span.end] == sentence.text
