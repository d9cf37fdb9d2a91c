"""The extractor on sentences we wrote: the patterns of the language the rules encode."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trucewatch import extract
from trucewatch.evaluate import event_key

PUB = dt.date(2025, 3, 19)


def events(text: str, **kw: Any) -> list[dict[str, Any]]:
    return [e.to_dict() for e in extract(text, PUB, **kw).events]


def keys(text: str, **kw: Any) -> set[tuple[Any, ...]]:
    return {event_key(e) for e in events(text, **kw)}


def one(text: str, kind: str) -> dict[str, Any]:
    found = [e for e in events(text) if e["kind"] == kind]
    assert len(found) == 1, found
    return found[0]


# Strikes ------------------------------------------------------------------------------

def test_strike_with_weapon_target_casualties_and_place() -> None:
    e = one("A Russian missile hit an apartment block in Dnipro, killing four people and injuring 21.", "strike")
    assert (e["attacker"], e["country"], e["admin1"], e["place"]) == ("RU", "UA", "UA-12", "Dnipro")
    assert (e["weapon"], e["targets"], e["killed"], e["injured"]) == ("missile", ["residential"], 4, 21)


def test_one_strike_per_region_in_a_list() -> None:
    text = "Russian drones struck energy facilities in the Kharkiv, Poltava and Sumy regions overnight."
    assert keys(text) == {("strike", "RU", "UA", code) for code in ("UA-63", "UA-53", "UA-59")}


def test_drones_over_a_region_are_not_a_strike() -> None:
    assert events("Air raid alerts sounded as Russian drones were spotted over the Chernihiv region.") == []


def test_threats_and_plans_are_not_strikes() -> None:
    assert events("Moscow threatened to strike government buildings in Kyiv if the shelling goes on.") == []
    assert events("The Kremlin could launch new attacks on Odesa, officials warned.") == []


def test_unattributed_strike_on_russian_soil_is_ukrainian() -> None:
    e = one("Regional authorities said a drone attack set fire to a fuel depot in the Bryansk region.", "strike")
    assert (e["attacker"], e["admin1"], e["weapon"], e["targets"]) == ("UA", "RU-BRY", "drone", ["energy"])
    assert e["claimant"] == "RU"


def test_russian_outlet_attribution_convention() -> None:
    result = extract("Shelling damaged a school in Horlivka, local officials said.", PUB, id="x")
    assert result.events  # attacker follows the place's side when nothing else says
    doc = [e.to_dict() for e in result.events]
    assert doc[0]["attacker"] == "RU"


def test_each_side_blames_the_other_gives_two_strikes() -> None:
    text = "Moscow and Kyiv blamed each other for the shelling of the Zaporizhzhia nuclear plant."
    # Strikes need a named attacker or place; the plant places it in Zaporizhzhia oblast.
    assert {k[1] for k in keys(text) if k[0] == "strike"} <= {"RU", "UA"}


def test_no_casualties_is_zero_and_hedged_is_unknown() -> None:
    assert one("A Russian drone hit a warehouse in Odesa; there were no casualties.", "strike")["killed"] == 0
    hedged = one("A Russian drone hit a warehouse in Odesa, with no immediate reports of casualties.", "strike")
    assert hedged["killed"] is None and hedged["injured"] is None


# Interceptions -------------------------------------------------------------------------

def test_interception_counts_and_regions() -> None:
    e = one("Russia's Defence Ministry said air defences destroyed 41 Ukrainian drones over the "
            "Belgorod and Kursk regions and the Black Sea.", "interception")
    assert (e["claimant"], e["attacker"], e["weapon"], e["intercepted"]) == ("RU", "UA", "drone", 41)
    assert e["admin1"] == ["RU-BEL", "RU-KRS"] and e["water"] == "Black Sea"


def test_launched_and_intercepted() -> None:
    e = one("Russia launched 96 drones and four missiles overnight; Ukrainian air defences shot down 62 drones.",
            "interception")
    assert (e["weapon"], e["launched"], e["intercepted"], e["claimant"]) == ("drone", 96, 62, "UA")


def test_two_weapons_two_interceptions() -> None:
    text = "Ukrainian air defence units shot down three cruise missiles and eleven drones over the past day."
    found = {e["weapon"]: e["intercepted"] for e in events(text) if e["kind"] == "interception"}
    assert found == {"missile": 3, "drone": 11}


def test_manned_aircraft_are_not_intercepted_projectiles() -> None:
    assert events("Ukrainian troops shot down a Russian Su-34 fighter jet near Kupiansk.") == []


def test_attempts_are_not_interceptions() -> None:
    assert events("Gunners tried to shoot down the drones but failed.") == []


# Commitments ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia agreed to a 30-day halt to strikes on energy infrastructure.", ("RU", "agreed", "energy")),
        ("The Kremlin rejected a full ceasefire proposed by Washington.", ("RU", "refused", "full_ceasefire")),
        ("Ukraine proposed a truce at sea covering Black Sea shipping.", ("UA", "proposed", "maritime")),
        ("Kyiv accused Moscow of violating the Easter truce.", ("UA", "accused_breach", "full_ceasefire")),
        ("Kyiv and Moscow agreed to open humanitarian corridors from the besieged city.", ("UA", "agreed", "other")),
    ],
)
def test_commitments(text: str, expected: tuple[str, str, str]) -> None:
    assert ("commitment", *expected) in keys(text)


def test_mediators_propose() -> None:
    assert ("commitment", "US", "proposed", "full_ceasefire") in keys(
        "The White House said it wants both sides to agree to a complete ceasefire.")


def test_general_peace_talk_is_not_a_commitment() -> None:
    assert events("Diplomats said peace talks would resume in Istanbul next week.") == []


# Evidence ------------------------------------------------------------------------------

def test_every_event_carries_its_sentence_and_span() -> None:
    text = "KYIV, Ukraine (AP) — Russian drones struck a hospital in Sumy overnight. Officials said more."
    for e in events(text):
        assert text[e["span"][0]:e["span"][1]] == e["quote"]
        assert e["date"] == "2025-03-19" and e["date_precision"] == "night"
        assert e["lat"] is not None and e["rules"].startswith("trucewatch.rules")


# Later patterns --------------------------------------------------------------------------

def test_part_of_a_total_gives_launched_and_intercepted() -> None:
    e = one("Air defence downs 40 of 52 Russian drones over the Odesa region.", "interception")
    assert (e["launched"], e["intercepted"], e["admin1"]) == (52, 40, ["UA-51"])


def test_of_them_refers_to_the_launch() -> None:
    e = one("Russia launched 90 drones overnight and air defences shot down 71 of them.", "interception")
    assert (e["claimant"], e["launched"], e["intercepted"]) == ("UA", 90, 71)


def test_quoted_claims_belong_to_the_speaker() -> None:
    e = one("“Russian missiles hit a power plant in Kharkiv overnight,” Zelenskyy said.", "strike")
    assert (e["claimant"], e["source"], e["modality"], e["targets"]) == ("UA", "Zelenskyy", "claimed", ["energy"])


def test_capital_as_a_state_is_not_a_place_struck() -> None:
    text = "Drones hit a depot in the Bryansk region hours after Moscow would halt strikes, officials said."
    assert {k[3] for k in keys(text) if k[0] == "strike"} == {"RU-BRY"}


def test_halt_verb_and_its_object_a_few_words_apart() -> None:
    assert ("commitment", "UA", "proposed", "energy") in keys(
        "Kyiv offered to halt long-range drone strikes on energy facilities.")


def test_air_defence_stopping_an_attack_is_not_a_truce() -> None:
    assert all(k[0] != "commitment" for k in keys("Air defences stopped the attacks on Odesa overnight."))
