"""Strikes: places struck versus places named, and attackers versus sides merely named.

Sentences written for these tests; each case is one phenomenon of the language.
"""

from __future__ import annotations

import pytest

import trucewatch


def _strikes(text: str) -> set[tuple[str, str | None, str | None]]:
    events = trucewatch.extract(text, published="2025-03-19").events
    return {(e.attacker, e.country, e.admin1) for e in events if e.kind == "strike"}


@pytest.mark.parametrize(("text", "wanted", "unwanted"), [
    # a capital standing for its state: subject of an active verb, object of a non-attack word
    ("Moscow has struck the port of Izmail overnight, Ukrainian officials said.",
     ("RU", "UA", "UA-51"), ("RU", "RU", "RU-MOW")),
    ("Allies urged more pressure on Moscow after Russian drones hit a school in Sumy.",
     ("RU", "UA", "UA-59"), ("RU", "RU", "RU-MOW")),
    ("Kyiv officials accused Moscow of attacking Kherson again on Sunday.",
     ("RU", "UA", "UA-65"), ("RU", "RU", "RU-MOW")),
    # a name inside an adjective, a time zone
    ("Moscow-installed officials said Ukrainian shells hit a market in Donetsk.",
     ("UA", "UA", "UA-14"), ("UA", "RU", "RU-MOW")),
    ("The pause began at 6 pm (7 pm in Moscow), but Russian shells hit Kherson an hour later.",
     ("RU", "UA", "UA-65"), ("RU", "RU", "RU-MOW")),
    # a launch site behind a possessive
    ("Russian troops fired rockets at the town of Vovchansk from Russia's Belgorod region.",
     ("RU", "UA", "UA-63"), ("RU", "RU", "RU-BEL")),
])
def test_places_named_but_not_struck(text: str, wanted: tuple, unwanted: tuple) -> None:
    found = _strikes(text)
    assert wanted in found
    assert unwanted not in found


@pytest.mark.parametrize(("text", "wanted"), [
    ("Drones attacked a fuel depot in Russia's Bryansk region overnight, the governor said.",
     ("UA", "RU", "RU-BRY")),
    ("The airfields in the Kursk and Voronezh regions of Russia were attacked overnight.",
     ("UA", "RU", "RU-KRS")),
    ("In Russia, a drone hit an oil refinery in the Ryazan region, local authorities said.",
     ("UA", "RU", "RU-RYA")),
    ("A former U.S. envoy said the strike on a railway station in Kramatorsk was a war crime.",
     ("RU", "UA", "UA-14")),
])
def test_a_side_named_as_place_owner_or_title_is_not_the_attacker(text: str, wanted: tuple) -> None:
    assert wanted in _strikes(text)


def test_no_casualties_is_zero_not_a_negated_attack() -> None:
    events = trucewatch.extract("Russian drones hit a warehouse in Lutsk. There were no casualties.",
                                published="2025-03-19").events
    strike = next(e for e in events if e.kind == "strike")
    assert (strike.admin1, strike.killed, strike.injured) == ("UA-07", 0, 0)


def test_nothing_damaged_is_negated() -> None:
    assert _strikes("Nothing was damaged in Lviv overnight, the mayor said.") == set()


def test_a_photo_caption_is_not_a_report() -> None:
    text = "In this photo provided by the emergency service, rescuers work at a house damaged in Uman."
    assert _strikes(text) == set()


def test_debris_from_a_side_s_drone_names_its_attacker() -> None:
    text = "Three people were injured when debris from a Russian drone hit a house in Kremenchuk."
    assert ("RU", "UA", "UA-53") in _strikes(text)


def test_a_dateline_after_a_byline_is_not_a_place_struck_but_places_an_unnamed_town() -> None:
    text = ("Missiles hit a town in the centre\nBy Jane Doe\nPOLTAVA, Ukraine (AP) — Russian missiles "
            "struck a town in central Ukraine on Monday, killing four people, officials said.")
    assert _strikes(text) == {("RU", "UA", "UA-53")}
    other = "Page menu\nBy Jane Doe KYIV (Reuters) -Russian drones hit a school in Sumy overnight."
    assert _strikes(other) == {("RU", "UA", "UA-59")}


def test_the_month_may_is_not_the_hedge_may() -> None:
    assert ("RU", "UA", "UA-51") in _strikes("On May 9, Russian drones hit a warehouse in Odesa.")
    assert _strikes("Russian drones may hit Odesa again, officials warned.") == set()


def test_not_only_but_also_keeps_one_clause() -> None:
    text = "Russian missiles hit not only the city of Dnipro but also a village in the Poltava region."
    assert {("RU", "UA", "UA-12"), ("RU", "UA", "UA-53")} <= _strikes(text)


def test_there_is_damage_is_damage() -> None:
    assert ("RU", "UA", "UA-18") in _strikes("After the Russian drone attack on Zhytomyr, there is damage to houses.")


def test_a_capital_s_officials_are_not_a_place_struck() -> None:
    found = _strikes("Kyiv officials said Russian missiles hit Kherson overnight.")
    assert ("RU", "UA", "UA-65") in found and ("RU", "UA", "UA-30") not in found


def test_habitual_attacks_are_background() -> None:
    assert _strikes("Mykolaiv has often been attacked by Russian drones, the mayor said.") == set()


@pytest.mark.parametrize("text", [
    "The Kremlin denied that Russian drones hit a hospital in Sumy.",
    "Moscow denies striking a hospital in Sumy overnight.",
])
def test_a_denial_is_kept_as_the_denier_s_claim(text: str) -> None:
    strike = next(e for e in trucewatch.extract(text, published="2025-03-19").events if e.kind == "strike")
    assert (strike.attacker, strike.admin1, strike.modality, strike.claimant) == ("RU", "UA-59", "denied", "RU")


def test_targets_before_a_list_of_regions_belong_to_each() -> None:
    events = trucewatch.extract("Ukrainian drones hit substations in the Kursk, Oryol and Bryansk regions overnight.",
                                published="2025-03-19").events
    targets = {e.admin1: e.targets for e in events if e.kind == "strike"}
    assert targets == {"RU-KRS": ("energy",), "RU-ORL": ("energy",), "RU-BRY": ("energy",)}


def test_military_officials_are_not_a_military_target() -> None:
    events = trucewatch.extract("Russian drones hit a school in Sumy overnight, Ukrainian military officials said.",
                                published="2025-03-19").events
    assert [e.targets for e in events if e.kind == "strike"] == [("education",)]


def test_a_strike_without_a_weapon_does_not_take_another_attack_s_weapon() -> None:
    """On full reports the first weapon of the report is wrong for the other attacks more often
    than right (train tune part: weapon accuracy 0.69 with it, 0.77 without)."""
    text = ("Ukrainian drones hit an oil depot in the Oryol region overnight. "
            "Later, Ukraine attacked an airfield in the Kursk region, the ministry said.")
    events = trucewatch.extract(text, published="2025-03-19").events
    assert {e.admin1: e.weapon for e in events if e.kind == "strike"} == {"RU-ORL": "drone", "RU-KRS": "unknown"}


def test_the_port_city_of_names_the_place_not_a_target() -> None:
    events = trucewatch.extract("A Russian drone hit a house in the port city of Izmail.", published="2025-03-19").events
    assert [e.targets for e in events if e.kind == "strike"] == [("residential",)]


def test_the_source_after_according_to_is_not_the_attacker() -> None:
    text = "A warehouse in Mykolaiv was hit in the overnight attack, according to Governor Vitaliy Kim."
    assert ("RU", "UA", "UA-48") in _strikes(text)


def test_a_leader_doing_something_else_is_not_the_attacker() -> None:
    found = _strikes("Zelensky showed the aftermath of the drone attack on Kyiv overnight.")
    assert ("UA", "UA", "UA-30") not in found and ("RU", "UA", "UA-30") in found
    assert ("RU", "UA", "UA-63") in _strikes("Putin's forces shelled Kharkiv overnight.")


def test_a_rubric_naming_both_parties_places_no_strike() -> None:
    assert _strikes("Ukraine-Russia war latest: Putin's forces destroy a power plant") == set()


def test_strikes_a_moratorium_halts_are_not_strikes() -> None:
    assert _strikes("The moratorium on strikes on energy facilities in Ukraine expired on Monday.") == set()
