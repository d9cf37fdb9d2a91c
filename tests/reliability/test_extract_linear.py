"""Extraction time grows linearly with the text: four times the text costs about four times.

Bounded: each measurement runs under a time budget, so a super-linear extractor fails in
seconds instead of stalling CI (issue 9, point 1). Rules that relate cues to cues memoise on
the sentence view, look only within the clause, and a sentence of several kilobytes is read
in clause-bounded pieces (extract.pieces).
"""

from __future__ import annotations

import time

import pytest

from trucewatch.budget import BudgetExceeded, within
from trucewatch.pipeline import extract

# Sentence shapes that made the rules super-linear: long runs of clauses in one sentence.
CLAUSES = [
    "Russian drones struck a hospital in Sumy and ",
    "Ukrainian forces shot down 12 drones over Kharkiv and Odesa, ",
    "the ministry said Russia had agreed to halt strikes on energy and ",
]
BUDGET_S = 5.0


def _seconds(text: str) -> float:
    """The best of three CPU times for extracting `text`, each within the budget."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        within(BUDGET_S, extract, text, "2025-03-19")
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("clause", CLAUSES)
def test_extraction_time_is_linear_in_sentence_length(clause: str) -> None:
    small = clause * (2000 // len(clause)) + "."
    large = clause * (8000 // len(clause)) + "."
    try:
        ratio = _seconds(large) / max(_seconds(small), 1e-4)
    except BudgetExceeded:
        pytest.fail(f"8 KB of {clause!r} took over {BUDGET_S} s")
    assert ratio < 8, f"4x the text cost {ratio:.1f}x the time (linear: about 4)"


def test_an_overlong_sentence_is_read_in_pieces_that_cover_it() -> None:
    from trucewatch.extract import pieces
    from trucewatch.model import Sentence, Span

    text = "Russian drones struck a hospital in Sumy, " * 100 + "and more."
    sentence = Sentence(Span(50, 50 + len(text)), text, 0)
    parts = pieces(sentence)
    assert len(parts) > 1 and all(len(p.text) <= 600 for p in parts)
    assert "".join(p.text for p in parts) == text
    assert [p.span.start for p in parts[1:]] == [p.span.end for p in parts[:-1]]
    assert all(text[p.span.start - 50:p.span.end - 50] == p.text for p in parts)
