"""Commitments on sentences we wrote: scope, vocabulary, party and the frames that block a stance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trucewatch import extract
from trucewatch.evaluate import event_key

PUB = dt.date(2025, 4, 2)


def commitments(text: str, published: dt.date | None = PUB) -> set[tuple[Any, ...]]:
    keys = {event_key(e.to_dict()) for e in extract(text, published).events}
    return {k[1:] for k in keys if k is not None and k[0] == "commitment"}


# Scope: the halt's own phrase, coordination, local truces, references back ------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a scope word in a purpose clause says nothing about the halt
        ("Kyiv said Moscow is refusing a full ceasefire so as to keep shelling our ports.",
         {("RU", "refused", "full_ceasefire")}),
        # coordinated scopes each count
        ("Moscow agreed to halt strikes on ports and power stations for a month.",
         {("RU", "agreed", "maritime"), ("RU", "agreed", "energy")}),
        # an air and sea truce is maritime plus other (guide)
        ("Ukraine proposed an air and sea truce to Russia.",
         {("UA", "proposed", "maritime"), ("UA", "proposed", "other")}),
        # a local truce by its purpose, decided for this phrase only
        ("Both sides agreed to a two-day ceasefire in certain sections of the front so that the bodies "
         "of fallen soldiers could be collected.", {("RU", "agreed", "other"), ("UA", "agreed", "other")}),
        # why a truce was declared is not what it covers
        ("The Kremlin said Putin ordered a ceasefire on humanitarian grounds.", {("RU", "agreed", "full_ceasefire")}),
    ],
)
def test_scope_of_the_halt_phrase(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert commitments(text) == expected


def test_the_moratorium_refers_back_to_the_one_in_force() -> None:
    text = ("Russia and Ukraine agreed to a moratorium on strikes against energy facilities. "
            "On Tuesday the Kremlin accused Kyiv of violating the moratorium.")
    assert ("RU", "accused_breach", "energy") in commitments(text)
    assert ("RU", "accused_breach", "full_ceasefire") not in commitments(text)


def test_the_deal_refers_back_to_the_grain_deal() -> None:
    text = ("Ukraine's ports reopened under the grain deal last summer. "
            "On Monday Moscow said it sees no reason to extend the deal.")
    assert commitments(text) == {("RU", "refused", "maritime")}


def test_a_report_about_an_evacuation_makes_its_ceasefire_local() -> None:
    text = ("Buses left the besieged city through a corridor. "
            "Officials in Kyiv said Russia had broken an agreed ceasefire overnight.")
    assert ("UA", "accused_breach", "other") in commitments(text)


# Vocabulary -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia said it will refrain from striking energy infrastructure for thirty days.", ("RU", "agreed", "energy")),
        ("Kyiv said it would stop strikes on power plants if Moscow did the same.", ("UA", "proposed", "energy")),
        ("Kyiv called for a ban on attacks against power plants.", ("UA", "proposed", "energy")),
        ("Moscow announced it was withdrawing from the grain deal.", ("RU", "refused", "maritime")),
        ("Russia suspended its participation in the agreement on grain exports from Ukrainian ports.",
         ("RU", "refused", "maritime")),
        ("Ukraine said it was ready for a complete ceasefire of thirty days.", ("UA", "proposed", "full_ceasefire")),
    ],
)
def test_commitment_vocabulary(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in commitments(text)


def test_refraining_from_something_else_is_no_halt() -> None:
    assert commitments("The envoy refrained from criticising Moscow despite the missile attack.") == set()


def test_expecting_the_other_side_to_follow_suit_proposes_the_truce() -> None:
    text = "Putin declared a three-day truce. The Kremlin expects Kyiv to follow suit."
    assert commitments(text) == {("RU", "agreed", "full_ceasefire"), ("RU", "proposed", "full_ceasefire")}


# Stance and party -----------------------------------------------------------------------

def test_party_of_a_stance_that_modifies_the_halt() -> None:
    text = "Ukraine said it had no intention of halting fighting for the proposed Russian truce."
    assert commitments(text) == {("UA", "refused", "full_ceasefire"), ("RU", "proposed", "full_ceasefire")}


def test_accepting_a_proposal_is_agreed_and_names_no_proposer() -> None:
    text = "Putin agreed to the proposal to stop attacks on energy sites."
    assert commitments(text) == {("RU", "agreed", "energy")}


def test_a_dismissal_with_its_agent_after_the_halt() -> None:
    text = "Putin ordered a 36-hour truce over the holiday, a move quickly dismissed by Kyiv."
    assert commitments(text) == {("RU", "agreed", "full_ceasefire"), ("UA", "refused", "full_ceasefire")}


def test_coordinated_agents_of_calls() -> None:
    text = "The order followed ceasefire calls from the Turkish president and Russia's patriarch."
    assert commitments(text) == {("TR", "proposed", "full_ceasefire"), ("RU", "proposed", "full_ceasefire")}


def test_mediator_in_an_agent_phrase_proposes() -> None:
    text = "The ban on strikes on energy facilities was agreed upon by the presidents of Russia and the United States."
    assert commitments(text) == {("RU", "agreed", "energy"), ("US", "proposed", "energy")}


def test_a_side_in_a_list_after_a_preposition_is_not_the_subject() -> None:
    text = "Envoys from France, Russia and Ukraine said the ceasefire was agreed by Moscow."
    assert commitments(text) == {("RU", "agreed", "full_ceasefire")}


def test_not_observed_said_by_the_other_side_is_an_accusation() -> None:
    text = 'The Kremlin spokesman said "the truce has not been observed by the Ukrainian side."'
    assert commitments(text) == {("RU", "accused_breach", "full_ceasefire")}


def test_attacks_during_the_truce_are_an_accusation_by_the_speaker() -> None:
    text = "Russia's defence ministry said Ukrainian forces shelled its positions during the Easter truce."
    assert ("RU", "accused_breach", "full_ceasefire") in commitments(text)


def test_a_breach_does_not_make_the_accused_party_agree() -> None:
    text = "Moscow said Kyiv broke the Christmas truce declared by Putin."
    assert commitments(text) == {("RU", "accused_breach", "full_ceasefire"), ("RU", "agreed", "full_ceasefire")}


def test_attacks_before_the_truce_are_no_breach() -> None:
    text = "The Kremlin said it remained committed to the truce despite drone attacks in the hours before it began."
    assert commitments(text) == {("RU", "agreed", "full_ceasefire")}


# Frames that block a stance ---------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Peskov said it was unclear whether the energy moratorium would be extended.",
        "Officials said Russia might accept a ceasefire at sea.",
        "Washington is pressuring Kyiv into accepting a ceasefire.",
        "In 2015 both sides agreed to a ceasefire in the east.",
        "Three weeks ago, the two sides agreed to a full ceasefire.",
        "In case of violations of the ceasefire, the army will respond, the Kremlin said.",
    ],
)
def test_stances_not_taken_now(text: str) -> None:
    assert commitments(text) == set()


def test_subject_after_a_participle_opener() -> None:
    text = "Kyiv's ports reopened under the grain deal. Since exiting the UN-brokered deal Moscow has shelled Odesa."
    assert ("RU", "refused", "maritime") in commitments(text)


def test_an_agent_is_not_joined_to_a_list_before_it() -> None:
    text = "Both Russia and Ukraine reported strikes as the truce declared by Putin expired."
    assert ("UA", "agreed", "full_ceasefire") not in commitments(text)


def test_continued_as_a_report_verb_is_no_agreement() -> None:
    text = "“Any ceasefire must be unconditional,” Zelensky continued."
    assert ("UA", "agreed", "full_ceasefire") not in commitments(text)


def test_what_a_document_calls_for_is_no_party_s_proposal() -> None:
    assert commitments("The accord, which called for an immediate ceasefire, was never implemented.") == set()
