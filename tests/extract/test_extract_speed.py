"""Speed properties of the extractor that hold whatever the load of the machine.

Counted work, not timings: a long sentence's side roles are found once, and a
per-cue rule runs once per cue, so the rules' loops over cues stay linear in
the number of calls to the costly parts.
"""

from __future__ import annotations

import pytest

from trucewatch.extract import analysis
from trucewatch.extract.analysis import analyse, per_cue
from trucewatch.extract.attribution import side_roles
from trucewatch.extract.matcher import PhraseMatcher
from trucewatch.extract.tokens import tokenize
from trucewatch.model import Sentence, Span
from trucewatch.pipeline import extract


def _view(text: str) -> analysis.SentenceView:
    return analyse(Sentence(Span(0, len(text)), text, 0))


def test_side_roles_are_found_once_per_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    from trucewatch.extract import attribution
    calls = []
    real = attribution._role
    monkeypatch.setattr(attribution, "_role", lambda view, cue: calls.append(cue) or real(view, cue))
    view = _view("Russian troops shelled a Ukrainian village, Ukrainian officials said.")
    first = side_roles(view)
    assert side_roles(view) is first and len(calls) == len(view.cues["side"]) == len(first) > 0


def test_a_per_cue_rule_runs_once_per_cue() -> None:
    calls: list[int] = []

    @per_cue
    def rule(view: analysis.SentenceView, cue: object) -> bool:
        calls.append(1)
        return False

    view = _view("Drones hit a school and a hospital and a power plant.")
    targets = view.cues["target"]
    for _ in range(3):
        assert [rule(view, c) for c in targets] == [False] * len(targets)
    assert len(calls) == len(targets) == 3


def test_a_long_repeated_sentence_costs_each_per_cue_rule_once_per_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    from trucewatch.extract import attribution
    calls = []
    real = attribution._role
    monkeypatch.setattr(attribution, "_role", lambda view, cue: calls.append(cue) or real(view, cue))
    text = "Enemy drones struck a school in Odesa and " * 60 + "."
    result = extract(text, published="2025-03-19")
    assert result.events and len(calls) == 60  # one role per side phrase, not one per pair of cues


def test_tokens_keep_offsets_and_fold_case_outside_ascii() -> None:
    text = "ΟΔΟΣ İzmir’s drones"
    tokens = tokenize(text, 10)
    assert [t.text for t in tokens] == ["ΟΔΟΣ", "İzmir", "’s", "drones"]
    assert [t.lower for t in tokens] == ["οδος", "i̇zmir", "'s", "drones"]
    assert all(text[t.start - 10:t.end - 10] == t.text for t in tokens)


def test_matcher_gives_each_tokens_cues_in_vocabulary_order() -> None:
    matcher = PhraseMatcher([("air defence", "a", "long"), ("air", "a", "first"), ("air", "b", "second"),
                             ("=Air", "c", "exact"), ("air defence forces", "a", "longer")])
    cues = matcher.match(tokenize("Air defence forces"))
    assert [(c.label, c.i, c.j) for c in cues] == [("long", 0, 2), ("first", 0, 1), ("second", 0, 1),
                                                   ("longer", 0, 3), ("exact", 0, 1)]
