"""Property: parsing never raises, and every span is sound."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.model import Document, ParsedDocument
from trucewatch.parse import parse_document

# Pieces that exercise the rules, mixed with arbitrary text.
_PIECES = st.sampled_from(
    [
        " date 2025-03-19 ", "date 2025-13-45\n", "KYIV, Ukraine — (AP) — ", "MOSCOW (Reuters) - ",
        "LONDON, March 3, 2024 (Reuters) - ", "THIS IS A BREAKING NEWS UPDATE. ",
        "AP’s earlier story follows below.", "UPDATE: ", "EDITOR’S NOTE: ", "\n", "\n\n", "___",
        ". ", "? ", "! ", "… ", "U.S. ", "Mr. ", "No. 5 ", "J. ", "“", "”", '"', "«", "»", "‘", "’",
        "'", " he said.", ", Zelenskyy said", " said: ", "according to the governor",
        "19.09.22 23:54 - ", " (19.09.22 23:54) « War | Censor.NET", "View news.", " — Ukrinform.",
        "VIDEO. ", "Rubric: ", "\xa0", "\r\n", "\u2028", "A", "a", " ", "7",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map("".join)


def check(text: str, parsed: ParsedDocument) -> None:
    n = len(text)
    previous_end = 0
    for sentence in parsed.sentences:
        start, end = sentence.span.start, sentence.span.end
        assert 0 <= previous_end <= start < end <= n
        assert text[start:end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert 0 <= sentence.segment < len(parsed.segments)
        previous_end = end
    for segment in parsed.segments:
        assert 0 <= segment.span.start <= segment.span.end <= n
        if segment.dateline is not None:
            assert segment.span.start <= segment.dateline.span.start < segment.dateline.span.end <= n
    for quotation in parsed.quotations:
        assert 0 <= quotation.span.start < quotation.span.end <= n
    assert parsed.segments


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_any_text_parses_soundly(text: str) -> None:
    check(text, parse_document(Document(id="p", text=text)))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_unicode_parses_soundly(text: str) -> None:
    parsed = parse_document(Document(id="p", text=text, published=dt.date(2025, 1, 1)))
    check(text, parsed)
    assert parsed.published == dt.date(2025, 1, 1)
