"""Incidents: linking rules, independent sources, sides and disputes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trucewatch.link import EventRef, Report, analyse_sources, event_refs, filter_incidents, link_incidents
from trucewatch.model import (
    AnyEvent,
    DatePrecision,
    Document,
    Interception,
    Modality,
    Span,
    Strike,
    Target,
    Weapon,
)

DAY = dt.date(2025, 3, 25)


def strike(text: str, **fields: Any) -> Strike:
    base: dict[str, Any] = dict(
        kind="strike", quote=text, span=Span(0, len(text)), claimant="UA", source=None,
        modality=Modality.ASSERTED, date=DAY, date_precision=DatePrecision.DAY,
        attacker="RU", weapon=Weapon.MISSILE, country="UA", admin1="UA-30", place="Kyiv",
        targets=(Target.ENERGY,),
    )
    base.update(fields)
    return Strike(**base)


def interception(text: str, **fields: Any) -> Interception:
    base: dict[str, Any] = dict(
        kind="interception", quote=text, span=Span(0, len(text)), claimant="RU", source=None,
        modality=Modality.ASSERTED, date=DAY, date_precision=DatePrecision.DAY,
        attacker="UA", weapon=Weapon.DRONE, intercepted=30, admin1=("RU-KRS",),
    )
    base.update(fields)
    return Interception(**base)


def make(key: str, outlet: str, *events: AnyEvent) -> Report:
    text = events[0].quote if events else key
    return Report(key, Document(key, text, DAY, outlet=outlet), DAY, tuple(events), order=ord(key[0]))


def linked(*reports: Report) -> list[Any]:
    return link_incidents(event_refs(reports, analyse_sources(reports)))


def test_two_outlets_one_strike_is_one_incident_with_two_sources() -> None:
    a = make("a", "Ukrinform", strike("A missile hit a Kyiv power plant on Tuesday."))
    b = make("b", "TASS", strike("Russian forces struck an energy site in Kyiv overnight, Moscow said.",
                                 claimant="RU", date_precision=DatePrecision.NIGHT, place=None))
    [incident] = linked(a, b)
    assert incident.sources == 2
    assert incident.source_sides == ("RU", "UA")
    assert incident.attacker == "RU" and incident.admin1 == ("UA-30",)
    assert incident.date_from == incident.date_to == DAY
    assert incident.disputes == ()


def test_unknown_attacker_and_empty_targets_are_compatible() -> None:
    a = make("a", "Ukrinform", strike("A missile hit a Kyiv power plant."))
    b = make("b", "Reuters", strike("Explosions were reported in Kyiv.", attacker="unknown", targets=()))
    assert len(linked(a, b)) == 1


def test_incompatible_events_stay_apart() -> None:
    base = make("a", "Ukrinform", strike("A missile hit a Kyiv power plant."))
    variants = {
        "other region": strike("A missile hit a power plant.", admin1="UA-32", place=None),
        "other settlement": strike("A missile hit a power plant in Bucha.", place="Bucha"),
        "other targets": strike("A missile hit a Kyiv hospital.", targets=(Target.MEDICAL,)),
        "other attacker": strike("A drone hit a Kyiv plant.", attacker="UA"),
        "other day": strike("A missile hit a Kyiv power plant.", date=DAY + dt.timedelta(days=3)),
    }
    for reason, event in variants.items():
        assert len(linked(base, make("b", "Reuters", event))) == 2, reason


def test_night_precision_bridges_two_calendar_days() -> None:
    a = make("a", "Ukrinform", strike("Overnight strike on Kyiv energy.", date_precision=DatePrecision.NIGHT))
    b = make("b", "Reuters", strike("Strike on Kyiv energy on Monday.", date=DAY - dt.timedelta(days=1)))
    assert len(linked(a, b)) == 1


def test_two_events_of_one_report_are_never_one_incident() -> None:
    report = make("a", "Ukrinform", strike("A missile hit a Kyiv power plant."),
                  strike("Another missile hit a Kyiv power plant.", date_precision=DatePrecision.NIGHT))
    assert len(linked(report)) == 2


def test_a_denial_from_the_other_side_is_a_dispute() -> None:
    claim = make("a", "Ukrinform", strike("Russia hit a Kyiv power plant, Kyiv said.", claimant="UA"))
    denial = make("b", "TASS", strike("Moscow denied striking energy sites in Kyiv.", claimant="RU",
                                      modality=Modality.DENIED, place=None))
    [incident] = linked(claim, denial)
    [dispute] = incident.disputes
    assert dispute.kind == "denial"
    assert ("RU", "denied") in dispute.claims and ("UA", "asserted") in dispute.claims
    assert incident.attacker == "RU"


def test_different_counts_from_different_sides_are_a_dispute() -> None:
    ru = make("a", "TASS", interception("Air defences downed 30 drones over Kursk."))
    same_voice = make("b", "Reuters", interception("Moscow said 25 drones were downed over Kursk.",
                                                   intercepted=25))
    [incident] = linked(ru, same_voice)
    assert incident.disputes == ()  # both counts are Russia's own: no dispute between sides
    ua_voice = make("c", "Ukrinform", interception("12 drones downed, Ukrainian monitors said.",
                                                   claimant="unknown", intercepted=12))
    [incident] = linked(ru, ua_voice)
    [dispute] = incident.disputes
    assert dispute.kind == "count" and dispute.field == "intercepted"
    assert dispute.describe() == "intercepted differs (RU: 30; UA: 12)"


def test_planned_and_hypothetical_events_are_not_incidents() -> None:
    plan = make("a", "Ukrinform", strike("Russia plans to strike Kyiv.", modality=Modality.PLANNED))
    assert linked(plan) == []


def test_filters() -> None:
    kyiv = make("a", "Ukrinform", strike("A missile hit a Kyiv power plant."))
    kursk = make("b", "TASS", interception("Air defences downed 30 drones over Kursk."))
    incidents = linked(kyiv, kursk)
    assert len(filter_incidents(incidents)) == 2
    assert [i.kind for i in filter_incidents(incidents, kind="interception")] == ["interception"]
    assert [i.attacker for i in filter_incidents(incidents, party="ru")] == ["RU"]
    assert len(filter_incidents(incidents, region="RU")) == 1
    assert len(filter_incidents(incidents, region="UA-30")) == 1
    assert filter_incidents(incidents, since=DAY + dt.timedelta(days=1)) == []
    assert len(filter_incidents(incidents, until=DAY)) == 2


def test_incident_to_dict_carries_the_evidence() -> None:
    [incident] = linked(make("a", "Ukrinform", strike("A missile hit a Kyiv power plant.")))
    data = incident.to_dict()
    assert data["reports"][0]["quote"] == "A missile hit a Kyiv power plant."
    assert data["reports"][0]["outlet"] == "Ukrinform" and data["sources"] == 1


def test_event_refs_skip_superseded_reports() -> None:
    a = make("a", "Ukrinform", strike("A missile hit a Kyiv power plant."))
    refs = event_refs([a], analyse_sources([a]))
    assert isinstance(refs[0], EventRef) and refs[0].voice == "UA"


def test_a_denial_in_the_same_report_joins_the_claim_it_denies() -> None:
    claim = strike("Russian drones hit the hospital, Kyiv said.", targets=(Target.MEDICAL,))
    denial = strike("The Kremlin denied that Russian drones hit the hospital.", claimant="RU",
                    modality=Modality.DENIED, targets=(Target.MEDICAL,))
    [incident] = linked(make("a", "Reuters", claim, denial))
    assert len(incident.reports) == 2
    assert [d.kind for d in incident.disputes] == ["denial"]


def test_a_denial_with_nothing_to_deny_is_still_a_disputed_incident() -> None:
    denial = strike("The Kremlin denied striking a hospital.", claimant="RU",
                    modality=Modality.DENIED, targets=(Target.MEDICAL,))
    [incident] = linked(make("a", "TASS", denial))
    assert incident.reports[0].event.modality == Modality.DENIED


def test_each_side_blaming_the_other_is_a_counter_claim_on_both() -> None:
    ru_says = strike("Ukrainian forces blew up the gas station, Moscow said.", claimant="RU",
                     attacker="UA", country="RU", admin1="RU-KRS", place=None)
    ua_says = strike("Kyiv said Russian artillery shelled the station itself.", claimant="UA",
                     attacker="RU", country="RU", admin1="RU-KRS", place=None)
    incidents = linked(make("a", "Reuters", ru_says, ua_says))
    assert len(incidents) == 2
    for incident in incidents:
        [dispute] = incident.disputes
        assert dispute.kind == "counter_claim"
        assert dispute.other == next(i.id for i in incidents if i is not incident)


def test_a_side_owning_its_strike_is_not_a_counter_claim() -> None:
    ua_strike = strike("Ukraine said its drones hit a depot.", claimant="UA", attacker="UA",
                       country="RU", admin1="RU-KRS", place=None)
    ru_strike = strike("Kyiv said Russian shelling hit a depot there.", claimant="UA",
                       attacker="RU", country="RU", admin1="RU-KRS", place=None)
    assert all(not i.disputes for i in linked(make("a", "Reuters", ua_strike, ru_strike)))


def test_an_incident_keeps_its_id_when_a_report_that_sorts_first_joins() -> None:
    first = make("m", "Ukrinform", strike("A missile hit a Kyiv power plant."))
    [before] = linked(first)
    later = make("z", "TASS", strike("Russian forces struck an energy site in Kyiv.", claimant="RU"))
    earlier_key = Report("a", later.document, DAY, later.events, order=first.order + 1)
    [after] = linked(first, earlier_key)
    assert len(after.reports) == 2 and after.id == before.id
