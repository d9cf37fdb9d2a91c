"""Every vocabulary data file uses only valid labels."""

from __future__ import annotations

import pycountry

from trucewatch.vocab.loader import landmark_rows, lexicon_entries, outlet_sides, side_entries
from trucewatch.vocab.gazetteer import region

KNOWN_CATEGORIES = {"weapon", "manned", "target", "strike_verb", "damage", "intercept", "defender",
                    "debris", "negation", "hedge", "aggregate", "report", "halt", "scope", "stance",
                    "warning", "nonstrike", "news_time", "not_intercept", "halted_object", "local_truce",
                    "air_scope", "motive", "intercept_noun"}
PSEUDO_SIDES = {"ENEMY", "MOD", "GENSTAFF"}
SIDE_KINDS = {"state", "forces", "demonym", "person", "body"}


def test_lexicon_categories_and_labels() -> None:
    entries = lexicon_entries()
    assert {category for _, category, _ in entries} == KNOWN_CATEGORIES
    scope = {label for _, category, label in entries if category == "scope"}
    assert scope == {"energy", "maritime", "other", "full_ceasefire"}
    stances = {label for _, category, label in entries if category == "stance"}
    assert stances == {"agreed", "proposed", "refused", "accused_breach"}


def test_sides_are_iso_codes_or_relative() -> None:
    for phrase, side, kind in side_entries():
        assert kind in SIDE_KINDS, phrase
        assert side in PSEUDO_SIDES or pycountry.countries.get(alpha_2=side), (phrase, side)


def test_landmarks_point_to_real_regions() -> None:
    for row in landmark_rows():
        assert region(row["admin1"]) is not None, row
        assert row["admin1"].startswith(row["country"] + "-")


def test_outlet_sides() -> None:
    assert set(outlet_sides().values()) <= {"RU", "UA", "neutral"}
