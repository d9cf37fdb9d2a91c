"""Strike fields on full reports: the weapon of each attack and the targets of each place.

Sentences written for these tests; each case is one phenomenon of the language, mirrored for
both sides where it can be.
"""

from __future__ import annotations

import pytest

import trucewatch


def _strikes(text: str) -> dict[str | None, object]:
    events = trucewatch.extract(text, published="2025-03-19").events
    return {e.admin1: e for e in events if e.kind == "strike"}


@pytest.mark.parametrize(("text", "region", "weapon"), [
    # a weapon named for one attack is not the weapon of another the report mentions
    ("Russian drones hit a substation in the Sumy region overnight. Later on Monday, Russian "
     "forces also attacked the city of Kherson, the regional governor said.", "UA-65", "unknown"),
    ("Ukrainian drones struck an oil depot in the Bryansk region. The Kursk region was also "
     "attacked on Tuesday, its governor said.", "RU-KRS", "unknown"),
    # a later sentence on the same place still gives it one
    ("Russian forces attacked Kharkiv overnight. Two missiles hit a warehouse in Kharkiv.",
     "UA-63", "missile"),
    # the weapon of a leading rubric is the weapon of the sentence it heads
    ("Shelling of the Kherson region: Russian troops attacked the village of Bilozerka.",
     "UA-65", "artillery"),
    # a weapon word naming what a factory makes is a target, not the weapon
    ("Ukrainian forces attacked a drone factory in the Tatarstan republic, officials said.",
     "RU-TA", "unknown"),
    ("Russia struck the aviation and missile industry in Dnipro, the Russian ministry said.",
     "UA-12", "unknown"),
    # the verb "bombs" is still the weapon
    ("Russia bombs enterprises in Shostka, Sumy region.", "UA-59", "aircraft"),
    # "…, also accusing Moscow of attacking X" is a second report: the first one's weapon stays
    ("Kyiv said Russian missiles hit Dnipro, also accusing Moscow of attacking Kherson.",
     "UA-65", "unknown"),
    ("Moscow said Ukrainian drones hit Belgorod, adding that Kyiv had also shelled Horlivka.",
     "UA-14", "artillery"),
    # a town's own stretch runs past the region that qualifies it; "damaged by X" names the weapon
    ("A drone hit a substation in the Sumy region, and in Nikopol, Dnipropetrovsk region, a power "
     "line was damaged by artillery fire.", "UA-12", "artillery"),
    ("Ukrainian forces destroyed three Grad systems in the Donetsk region.", "UA-14", "unknown"),
    # came under fire
    ("The village of Velykyi Burluk in the Kharkiv region came under artillery fire on Friday.",
     "UA-63", "artillery"),
    ("The town of Shebekino in the Belgorod region came under fire overnight.", "RU-BEL", "unknown"),
])
def test_weapon_of_each_attack(text: str, region: str, weapon: str) -> None:
    strikes = _strikes(text)
    assert region in strikes, strikes
    assert strikes[region].weapon == weapon


@pytest.mark.parametrize(("text", "regions", "targets"), [
    # a list of places shares the targets listed before it, however close the last one is
    ("Russian forces shelled Ukrainian positions and civilian infrastructure in the Sumy and "
     "Kharkiv regions.", ("UA-59", "UA-63"), {"military", "other_civilian"}),
    ("Ukrainian forces kept up strikes on the positions of Russian troops and civilian facilities "
     "in border areas of the Kursk and Belgorod regions.", ("RU-KRS", "RU-BEL"),
     {"military", "other_civilian"}),
    # a naval vessel is a military target and a port one
    ("A drone attack damaged a minesweeper in Sevastopol, the Russian navy said.", ("UA-40",),
     {"military", "port"}),
    ("Russian missiles struck a Ukrainian patrol ship in Odesa, the navy said.", ("UA-51",),
     {"military", "port"}),
    # air bases are military, airports transport
    ("Ukrainian drones attacked two military airfields in the Saratov region.", ("RU-SAR",),
     {"military"}),
    # a breakdown after the place belongs to it
    ("Russian shelling damaged 20 civilian objects in the Donetsk region - 16 residential "
     "buildings, two factories and a shop.", ("UA-14",),
     {"other_civilian", "residential", "industrial"}),
    # what a strike leaves without power, where a fire broke out and the defenders are no targets
    ("A Ukrainian drone hit a substation in the Kursk region, leaving two villages and a hospital "
     "without power.", ("RU-KRS",), {"energy"}),
    ("Drones attacked an oil depot in the Tula region, causing a fire in the area of a machine-"
     "building plant.", ("RU-TUL",), {"energy"}),
    ("Russia launched a drone attack on Kyiv overnight, with air defence systems destroying all "
     "the drones.", ("UA-30",), set()),
    # bare "infrastructure" names no kind of target
    ("Russian drones hit infrastructure in the Odesa region overnight.", ("UA-51",), set()),
    # refineries and petrochemical plants are energy
    ("Drones struck a petrochemical complex in the Republic of Bashkortostan overnight.",
     ("RU-BA",), {"energy"}),
])
def test_targets_of_each_place(text: str, regions: tuple[str, ...], targets: set[str]) -> None:
    strikes = _strikes(text)
    for region in regions:
        assert region in strikes, strikes
        assert set(strikes[region].targets) == targets, (region, strikes[region].targets)


def test_a_speaker_credit_after_the_place_is_not_a_target() -> None:
    strikes = _strikes("Two soldiers killed in an airstrike on the airport of Lutsk - regional "
                       "administration.")
    assert "government" not in strikes["UA-07"].targets


@pytest.mark.parametrize(("text", "found", "absent"), [
    # a city of its own code "and the surrounding region": the oblast too
    ("Russia launched a drone attack on Kyiv and the surrounding region overnight.", "UA-32", None),
    # a capital as the subject of a speech verb is the state speaking, not a place struck
    ("Moscow reveals details of a precision strike on Ukraine's defence industry.", None, "RU-MOW"),
    ("Kyiv admits an air defence missile fell on a house in Kherson.", None, "UA-30"),
    # explosions heard are not a strike
    ("Loud blasts heard near a military airbase in Crimea, residents said.", None, "UA-43"),
    ("Explosions were heard in the city of Belgorod on Sunday evening.", None, "RU-BEL"),
])
def test_places_struck(text: str, found: str | None, absent: str | None) -> None:
    strikes = _strikes(text)
    if found:
        assert found in strikes, strikes
    if absent:
        assert absent not in strikes, strikes


def test_a_named_speaker_outranks_the_outlet_s_side() -> None:
    """A Ukrainian office quoted by a Russian outlet: the attacker is the other side of the
    speaker; the mirror case too."""
    def attacker(text: str, outlet: str) -> str:
        from trucewatch.model import Document
        from trucewatch.pipeline import extract_document
        doc = Document(id="x", text=text, outlet=outlet)
        return next(e.attacker for e in extract_document(doc).events if e.kind == "strike")

    assert attacker("The city of Kherson took artillery fire for an hour, says the Ukrainian "
                    "prosecutor's office.", "TASS") == "RU"
    assert attacker("The town of Horlivka took artillery fire for an hour, says the Russian "
                    "defence ministry.", "Ukrinform") == "UA"


@pytest.mark.parametrize(("text", "region", "killed", "injured"), [
    ("A 9-year-old was killed when shells hit the village of Tyotkino in the Kursk region.", "RU-KRS", 1, None),
    ("A 43-year-old man was injured when a drone hit a car in Kherson.", "UA-65", None, 1),
    ("Two people aged 70 and 72 were injured in Sumy after a drone strike.", "UA-59", None, 2),
    ("A Russian glide bomb attack injured, according to local authorities, at least 14 people in "
     "Kharkiv.", "UA-63", None, 14),
])
def test_casualty_counts_past_ages_and_asides(text: str, region: str, killed: int | None,
                                              injured: int | None) -> None:
    strike = _strikes(text)[region]
    assert (strike.killed, strike.injured) == (killed, injured)


@pytest.mark.parametrize(("text", "absent"), [
    ("Russian forces struck targets on Monday in retaliation for Kyiv's attacks on Russian energy "
     "facilities.", ("UA", "RU")),
    ("Ukraine hit targets overnight in response to Moscow's strikes on Ukrainian cities.", ("RU", "UA")),
])
def test_what_a_strike_retaliates_for_is_not_struck_now(text: str, absent: tuple[str, str]) -> None:
    events = trucewatch.extract(text, published="2025-03-19").events
    assert absent not in {(e.attacker, e.country) for e in events if e.kind == "strike"}
