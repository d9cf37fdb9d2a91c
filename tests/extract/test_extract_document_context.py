"""What one sentence of a report inherits from the sentences before it: who "he" and "she" are.

Sentences written for these tests, mirrored for both sides.
"""

from __future__ import annotations

import pytest

import trucewatch


def _events(text: str) -> list:
    return trucewatch.extract(text, published="2025-03-19").events


@pytest.mark.parametrize(("text", "party"), [
    ("Zelensky met the envoy in Kyiv on Monday. In response, he suggested extending the truce "
     "for 30 days.", "UA"),
    ("Putin met the envoy in Moscow on Monday. In response, he suggested extending the truce "
     "for 30 days.", "RU"),
])
def test_a_pronoun_proposing_is_the_last_leader_named(text: str, party: str) -> None:
    commitments = [e for e in _events(text) if e.kind == "commitment"]
    assert [(c.party, c.stance) for c in commitments] == [(party, "proposed")]


@pytest.mark.parametrize(("text", "claimant"), [
    ("Zelensky spoke on Monday. He said Russian drones hit a school in Sumy.", "UA"),
    ("Putin spoke on Monday. He said Ukrainian drones hit a school in the Kursk region.", "RU"),
])
def test_a_pronoun_speaking_is_the_last_leader_named(text: str, claimant: str) -> None:
    strike = next(e for e in _events(text) if e.kind == "strike")
    assert strike.claimant == claimant


def test_no_leader_named_leaves_the_pronoun_unknown() -> None:
    strike = next(e for e in _events("He said Russian drones hit a school in Sumy.") if e.kind == "strike")
    assert strike.claimant == "unknown"
    commitments = [e for e in _events("In response, he suggested extending the truce for 30 days.")
                   if e.kind == "commitment"]
    assert [c.party for c in commitments] == ["unknown"]


@pytest.mark.parametrize(("text", "claimant", "intercepted"), [
    ("Russia's Defence Ministry said 30 drones were destroyed overnight. Five more were shot down "
     "over the Kursk region.", "RU", 35),
    ("Ukraine's air force said 40 drones were downed overnight. Another 12 drones were shot down "
     "near Lviv, the air force added.", "UA", 52),
    # restated, not more: the figure stays
    ("Ukraine's air force said 40 drones were downed overnight. The 40 drones were shot down over "
     "central regions, it added.", "UA", 40),
])
def test_figures_said_to_be_more_add_up(text: str, claimant: str, intercepted: int) -> None:
    found = [(e.claimant, e.intercepted) for e in _events(text) if e.kind == "interception"]
    assert found == [(claimant, intercepted)]


@pytest.mark.parametrize(("text", "scope"), [
    ("Zelensky said Ukraine would pause strikes for 30 days.", "other"),
    ("Kyiv offered to halt long-range strikes if Moscow did the same.", "other"),
    ("Putin said Russia would halt strikes on energy facilities for 30 days.", "energy"),
    ("Putin ordered his troops to stop fighting for 30 hours.", "full_ceasefire"),
])
def test_a_halt_of_strikes_alone_is_no_full_ceasefire(text: str, scope: str) -> None:
    scopes = {e.scope for e in _events(text) if e.kind == "commitment"}
    assert scope in scopes and "full_ceasefire" not in scopes - {scope}
