"""Interceptions on full reports: claimants carried over, counts by the guide, non-interceptions.

Every sentence here is our own; each test pins one phenomenon of issue 8 (points 2, 3a, 3f, 3j).
"""

from __future__ import annotations

from typing import Any

import pytest

import trucewatch


def interceptions(text: str) -> list[dict[str, Any]]:
    return [e.to_dict() for e in trucewatch.extract(text, published="2025-03-19").events
            if e.kind.value == "interception"]


def only(text: str) -> dict[str, Any]:
    found = interceptions(text)
    assert len(found) == 1, found
    return found[0]


def test_claimant_carries_over_to_follow_up_sentences() -> None:
    text = ("Ukraine's air force said Russian forces attacked the west overnight. "
            "Air defences shot down 20 drones over the Volyn region. "
            "Five more were brought down near Lviv, the air force added.")
    event = only(text)
    assert (event["claimant"], event["weapon"]) == ("UA", "drone")


def test_follow_up_without_a_side_joins_the_named_claimants_key() -> None:
    text = ("The Russian Defence Ministry said its air defences intercepted 14 Ukrainian drones. "
            "Four drones were destroyed over the Kursk region, the ministry added.")
    assert [(e["claimant"], e["weapon"], e["intercepted"]) for e in interceptions(text)] == [("RU", "drone", 14)]


@pytest.mark.parametrize(("text", "claimant"), [
    ("Air defence units destroyed 12 drones, according to the Ukrainian military.", "UA"),
    ("Ukraine's air force said air defences shot down 25 drones.", "UA"),
    ("The Russian Ministry of Defence said air defences had destroyed 30 drones.", "RU"),
    ("The Defence Ministry of Russia reported that 30 drones were downed.", "RU"),
])
def test_speaker_phrases_name_the_claimant(text: str, claimant: str) -> None:
    assert only(text)["claimant"] == claimant


def test_unnamed_air_defence_belongs_to_the_side_attacked() -> None:
    text = ("Russian missiles hit an energy facility in the Lviv region on Tuesday. "
            "Soldiers of the western air command shot down four cruise missiles.")
    assert (only(text)["claimant"], only(text)["intercepted"]) == ("UA", 4)


@pytest.mark.parametrize(("text", "launched", "intercepted"), [
    ("Ukrainian air defences shot down three of the five Russian missiles, the governor said.", 5, 3),
    ("Ukraine's air force said it downed 40 out of 52 drones launched by Russia.", 52, 40),
    ("Ukraine's air force said it shot down all but two of the 30 drones.", 30, 28),
    ("Russia's Defence Ministry said all eleven drones were destroyed.", 11, 11),
    ("Ukraine's air force said the region was attacked by 12 drones, of which ten were shot down.", 12, 10),
    ("Ukraine's air force said a total of 25 drones were downed across the country out of 30 launched.", 30, 25),
    ("Ukraine's air force said Russia launched 80 drones and air defences shot down 72 of them.", 80, 72),
    ("Ukrainian air defences destroyed both missiles over the Kyiv region.", 2, 2),
])
def test_count_constructions(text: str, launched: int, intercepted: int) -> None:
    event = only(text)
    assert (event["launched"], event["intercepted"]) == (launched, intercepted)


def test_model_numbers_are_not_counts() -> None:
    event = only("Ukraine's air force said it destroyed 17 Shahed-136/131 drones overnight.")
    assert event["intercepted"] == 17


def test_attack_drones_are_a_weapon_not_an_attack() -> None:
    event = only("Air defence forces destroyed nine Shahed attack drones, Ukraine's southern command said.")
    assert (event["weapon"], event["intercepted"]) == ("drone", 9)


def test_a_total_of_is_a_nights_figure_but_since_is_a_running_total() -> None:
    assert only("Ukraine's air force said a total of 31 drones were downed overnight.")["intercepted"] == 31
    assert interceptions("Since the start of the war, Ukraine's air defences have shot down 5,000 drones.") == []


def test_redirected_and_locationally_lost_do_not_count() -> None:
    text = ("Ukraine's air force said air defences shot down 42 Russian drones, and another 47 drones "
            "were redirected by electronic warfare.")
    assert only(text)["intercepted"] == 42


def test_a_stated_total_wins_over_a_regional_figure() -> None:
    text = ("Ukraine's military said the Odesa region was attacked by eight drones, of which seven were shot down. "
            "Across the country, air defences shot down 14 of 17 drones, the air force said.")
    event = only(text)
    assert (event["launched"], event["intercepted"]) == (17, 14)


def test_per_region_figures_add_up_without_a_total() -> None:
    text = ("Ukraine's air force said three drones were shot down over the Sumy region. "
            "Another four drones were shot down over the Poltava region, the air force said.")
    assert only(text)["intercepted"] == 7


def test_a_restated_figure_is_one_figure() -> None:
    text = ("Air defence shot down 4 missiles: 4 out of 5 Kh-59 missiles were shot down over the Dnipro region, "
            "Ukraine's air force said.")
    event = only(text)
    assert (event["launched"], event["intercepted"]) == (5, 4)


@pytest.mark.parametrize("text", [
    "A missile fell down near a school in the Lviv district, the governor said.",
    "A Russian drone destroyed the roof of a house in Sumy.",
    "Russian drones have destroyed a third of the region's power grid, the governor said.",
    "The airfield, which was hit by four missiles last week, has been completely destroyed.",
    "An air defence system destroyed in Crimea, Kyiv says",
    "Read also: air defences shot down 30 drones over the south",
    "Air defence crews tried to shoot down the missiles over Kyiv.",
    "The Ukrainian air force announced that it had struck an airfield in Crimea, destroying it.",
])
def test_not_interceptions(text: str) -> None:
    assert interceptions(text) == []


def test_places_where_drones_were_downed_are_not_struck() -> None:
    text = ("The Ukrainian General Staff said 10 Russian drones had been shot down across the Kherson, "
            "Khmelnytskyi and Mykolaiv regions.")
    events = trucewatch.extract(text, published="2025-03-19").events
    assert [e.kind.value for e in events] == ["interception"]


def test_a_bare_count_stands_for_the_projectiles_named_before() -> None:
    event = only("Russia launched 50 drones at Ukraine overnight, the air force said. 45 were shot down.")
    assert (event["claimant"], event["launched"], event["intercepted"]) == ("UA", 50, 45)
    event = only("Of the 25 drones launched overnight, 20 were shot down, Ukraine's air force said.")
    assert (event["launched"], event["intercepted"], event["rule"]) == (25, 20, "interception/of-m-n")


def test_a_bare_count_of_damage_is_no_interception() -> None:
    assert interceptions("A Russian missile strike damaged 29 houses in the Donetsk region and destroyed three.") == []
