"""Wire copies count as one source; later versions supersede earlier ones."""

from __future__ import annotations

import datetime as dt

from trucewatch.link import (
    Report,
    analyse_sources,
    event_refs,
    has_update_marker,
    link_incidents,
    load_outlets,
    near_duplicate,
    outlet_of,
    signature,
)
from trucewatch.link.sources import OUTLET_SIDES
from trucewatch.link.wire import shingles, story_key
from trucewatch.model import DatePrecision, Document, Modality, Span, Strike, Target, Weapon

STORY = (
    "ODESA, Ukraine - Russian drones struck port infrastructure in the Odesa region overnight, "
    "setting a grain warehouse on fire and injuring two dock workers, the regional governor "
    "said on Thursday. Firefighters worked through the morning to contain the blaze, and "
    "officials said shipping through the corridor would resume once the damage was assessed."
)
QUOTE = "Russian drones struck port infrastructure in the Odesa region overnight"


def strike(text: str, claimant: str = "UA") -> Strike:
    start = text.index(QUOTE)
    return Strike(
        "strike", QUOTE, Span(start, start + len(QUOTE)), claimant, "regional governor",
        Modality.CLAIMED, dt.date(2025, 4, 3), DatePrecision.NIGHT, attacker="RU",
        weapon=Weapon.DRONE, country="UA", admin1="UA-51", targets=(Target.PORT,),
    )


def report(key: str, text: str, outlet: str | None, url: str | None = None,
           published: dt.date = dt.date(2025, 4, 3), order: int = 0) -> Report:
    doc = Document(key, text, published, url=url, outlet=outlet)
    return Report(key, doc, published, (strike(text),), signature(text), order)


def copies() -> list[Report]:
    edited = STORY.replace("on Thursday", "on Thursday morning").replace("dock workers", "port workers")
    retitled = "Port hit in Odesa. " + STORY.replace("Firefighters worked", "Rescuers worked")
    return [
        report("a", STORY, "Reuters", "https://www.reuters.com/world/odesa-port-hit-2025-04-03/"),
        report("b", edited, "Al Jazeera", "https://www.aljazeera.com/news/2025/4/3/port-hit", order=1),
        report("c", retitled, "MSNBC", "https://www.msnbc.com/news/odesa-1234", order=2),
    ]


def test_wire_copies_with_small_edits_form_one_group_and_one_source() -> None:
    reports = copies()
    provenance = analyse_sources(reports)
    assert len({p.wire_group for p in provenance.values()}) == 1
    assert all(p.superseded_by is None for p in provenance.values())
    [incident] = link_incidents(event_refs(reports, provenance))
    assert len(incident.reports) == 3
    assert incident.sources == 1
    assert incident.outlets == ("Al Jazeera", "MSNBC", "Reuters")


def test_an_independent_story_is_a_second_source() -> None:
    own = ("Kyiv says Russian drones struck port infrastructure in the Odesa region overnight; "
           "our correspondent saw smoke over the harbour and ambulances at the gates.")
    reports = [*copies(), report("d", own, "Ukrinform", order=3)]
    provenance = analyse_sources(reports)
    assert provenance["d"].wire_group != provenance["a"].wire_group
    [incident] = link_incidents(event_refs(reports, provenance))
    assert incident.sources == 2
    assert set(incident.source_sides) == {"UA"}


def test_a_later_version_at_the_same_url_supersedes_the_earlier() -> None:
    url = "https://apnews.com/article/odesa-port-drone-attack-4f2a"
    first = report("v1", STORY, "AP", url, order=0)
    later_text = "THIS IS A BREAKING NEWS UPDATE. Two more workers were hurt. " + STORY
    second = report("v2", later_text, "AP", url, order=1)
    provenance = analyse_sources([second, first])
    assert provenance["v1"].superseded_by == "v2"
    assert provenance["v2"].superseded_by is None
    [incident] = link_incidents(event_refs([first, second], provenance))
    assert [r.report_key for r in incident.reports] == ["v2"]  # counted once


def test_an_update_from_the_same_outlet_supersedes_without_a_url() -> None:
    earlier = report("e1", STORY, "Reuters", published=dt.date(2025, 4, 3), order=0)
    updated = report("e2", "UPDATE 1 - " + STORY + " The governor later raised the toll.",
                     "Reuters", published=dt.date(2025, 4, 4), order=1)
    provenance = analyse_sources([earlier, updated])
    assert provenance["e1"].superseded_by == "e2"


def test_same_slug_on_one_site_is_one_story() -> None:
    assert story_key("https://kyivindependent.com/odesa-port-hit-by-drones/") == story_key(
        "http://www.kyivindependent.com/odesa-port-hit-by-drones?utm=x")
    assert story_key("https://a.com/x/odesa-port-hit-by-drones") != story_key(
        "https://b.com/x/odesa-port-hit-by-drones")


def test_different_stories_are_not_near_duplicates() -> None:
    other = ("Moscow said its air defences destroyed 40 drones over the Bryansk and Kursk "
             "regions on Tuesday, and that there were no casualties on the ground.")
    assert not near_duplicate(shingles(STORY), shingles(other))
    assert near_duplicate(shingles(STORY), shingles(STORY.replace("two", "three")))
    assert not near_duplicate(set(), set())


def test_update_markers() -> None:
    assert has_update_marker("THIS IS A BREAKING NEWS UPDATE. The earlier story follows below.")
    assert has_update_marker("UPDATE 2-Drones hit refinery")
    assert not has_update_marker(STORY)


def test_outlet_from_metadata_url_or_dateline() -> None:
    assert outlet_of(Document("x", "t", outlet="tass.com")) is not None
    assert outlet_of(Document("x", "t", outlet="tass.com")).side == "RU"  # type: ignore[union-attr]
    assert outlet_of(Document("x", "t", url="https://www.ukrinform.net/rubric/1.html")).side == "UA"  # type: ignore[union-attr]
    dateline = Document("x", "KYIV, Ukraine (AP) — Something happened.")
    assert outlet_of(dateline).name == "AP"  # type: ignore[union-attr]
    unknown = outlet_of(Document("x", "t", outlet="Local Gazette"))
    assert unknown is not None and unknown.side == "unknown"
    assert outlet_of(Document("x", "no dateline here")) is None


def test_outlet_table_uses_valid_sides() -> None:
    table = load_outlets()
    assert table and all(o.side in OUTLET_SIDES for o in table.values())
    sides = {o.side for o in table.values()}
    assert sides == {"RU", "UA", "neutral"}


def test_one_slug_of_two_outlets_on_one_host_is_two_stories() -> None:
    """The demo's outlets share a host: the Moscow-side report must not vanish behind the Kyiv one."""
    host = "https://news.example.invalid/"
    moscow = report("m", STORY, "Moscow Courier", host + "moscow-courier/2025-04-20/easter-violations")
    own = ("Kyiv said that " + QUOTE + ", and that shelling hit a village in the south where "
           "two people were hurt during the truce, the regional military administration said.")
    kyiv = report("k", own, "Kyiv Monitor", host + "kyiv-monitor/2025-04-20/easter-violations", order=1)
    provenance = analyse_sources([moscow, kyiv])
    assert provenance["m"].superseded_by is None and provenance["k"].superseded_by is None
    assert provenance["m"].wire_group != provenance["k"].wire_group


def test_a_republished_wire_story_is_a_copy_not_a_version() -> None:
    """Another outlet's copy of a Reuters story keeps the Reuters report visible, as one source."""
    original = report("r", STORY, "Reuters", "https://news.example.invalid/reuters/odesa-port-hit")
    copy = report("g", "(Reuters) " + STORY, "Black Sea Gazette",
                  "https://news.example.invalid/black-sea-gazette/odesa-port-hit", order=1)
    provenance = analyse_sources([original, copy])
    assert provenance["r"].superseded_by is None and provenance["g"].superseded_by is None
    assert provenance["r"].wire_group == provenance["g"].wire_group
    [incident] = link_incidents(event_refs([original, copy], provenance))
    assert len(incident.reports) == 2 and incident.sources == 1


def test_a_repost_without_a_marker_is_a_copy() -> None:
    first = report("p1", STORY, "AP", order=0)
    second = report("p2", STORY.replace("two dock", "two port"), "AP", order=1)
    provenance = analyse_sources([first, second])
    assert provenance["p1"].superseded_by is None and provenance["p2"].superseded_by is None
    assert provenance["p1"].wire_group == provenance["p2"].wire_group
