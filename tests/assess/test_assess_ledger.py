"""The ledger: scope, window, grades, accusations, and the same rules for both parties."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trucewatch.assess import Grade, assess, load_agreements
from trucewatch.assess.ledger import AgreementAssessment
from trucewatch.assess.report import ledger_json, ledger_markdown, ledger_rows
from trucewatch.link import Report, analyse_sources, commitments, event_refs, link_incidents
from trucewatch.model import (
    AnyEvent,
    Commitment,
    DatePrecision,
    Document,
    Modality,
    Scope,
    Span,
    Stance,
    Strike,
    Target,
    Weapon,
)

AGREEMENTS = load_agreements(user=False)
NIGHT_19 = dict(date=dt.date(2025, 3, 19), date_precision=DatePrecision.NIGHT)


def strike(text: str, attacker: str, admin1: str, claimant: str, **fields: Any) -> Strike:
    base: dict[str, Any] = dict(
        kind="strike", quote=text, span=Span(0, len(text)), claimant=claimant, source=None,
        modality=Modality.CLAIMED, attacker=attacker, weapon=Weapon.DRONE,
        country=admin1[:2], admin1=admin1, targets=(Target.ENERGY,), **NIGHT_19,
    )
    base.update(fields)
    return Strike(**base)


def accusation(text: str, accuser: str, day: dt.date = dt.date(2025, 3, 19)) -> Commitment:
    return Commitment("commitment", text, Span(0, len(text)), accuser, None, Modality.CLAIMED,
                      day, DatePrecision.DAY, party=accuser, stance=Stance.ACCUSED_BREACH,
                      scope=Scope.ENERGY)


def report(key: str, outlet: str, *events: AnyEvent, published: dt.date = dt.date(2025, 3, 19)) -> Report:
    text = " ".join(e.quote for e in events)
    return Report(key, Document(key, text, published, outlet=outlet), published, events, order=len(key))


def ledger(*reports: Report, agreement: str = "energy-pause-2025") -> AgreementAssessment:
    provenance = analyse_sources(reports)
    refs = event_refs(reports, provenance)
    [item] = assess(AGREEMENTS, link_incidents(refs), commitments(refs), agreement)
    return item


def grades(item: AgreementAssessment) -> dict[str, list[str]]:
    return {p: [str(f.grade) for f in fs] for p, fs in item.by_party().items()}


def test_single_claim_against_ua_for_a_depot_fire_in_krasnodar() -> None:
    item = ledger(report("a", "AP", strike("Drones set an oil depot in Krasnodar on fire, officials said.",
                                           "UA", "RU-KDA", "RU")))
    [finding] = item.by_party()["UA"]
    assert finding.grade == Grade.SINGLE_CLAIM and finding.basis == "incident"
    assert finding.timing == "within"
    assert "RU-KDA" in finding.summary and "energy" in finding.summary
    assert finding.evidence[0].outlet == "AP" and finding.evidence[0].voice == "RU"
    assert any("may predate UA's own acceptance" in n for n in finding.notes)
    assert item.by_party()["RU"] == []


def test_corroboration_by_both_sides_one_side_and_wire_copies() -> None:
    ua = "Russian drones hit a power substation in Kharkiv overnight, the governor said."
    ru = "The Russian ministry said its forces struck energy targets in Kharkiv overnight."
    both = ledger(report("a", "Ukrinform", strike(ua, "RU", "UA-63", "UA")),
                  report("bb", "TASS", strike(ru, "RU", "UA-63", "RU")))
    assert grades(both) == {"RU": ["corroborated_both_sides"], "UA": []}
    one = ledger(report("a", "Ukrinform", strike(ua, "RU", "UA-63", "UA")),
                 report("bb", "Censor.net", strike("Kharkiv substation hit again by drones.", "RU", "UA-63", "UA")))
    assert grades(one)["RU"] == ["corroborated_one_side"]
    wire = ledger(report("a", "Reuters", strike(ua, "RU", "UA-63", "UA")),
                  report("bb", "Al Jazeera", strike(ua, "RU", "UA-63", "UA")))
    assert grades(wire)["RU"] == ["single_claim"]  # one wire story, republished


def test_a_denial_makes_it_disputed_with_the_counter_claim_listed() -> None:
    item = ledger(
        report("a", "TASS", strike("Ukrainian drones hit a refinery in Krasnodar.", "UA", "RU-KDA", "RU")),
        report("bb", "Ukrinform", strike("Kyiv denied hitting any refinery in Krasnodar.", "UA", "RU-KDA",
                                         "UA", modality=Modality.DENIED)),
    )
    [finding] = item.by_party()["UA"]
    assert finding.grade == Grade.DISPUTED
    assert finding.counter_claims and "denial" in finding.counter_claims[0]


def test_an_accusation_without_an_incident_is_a_finding_of_its_own() -> None:
    text = "Kyiv said Russian drones kept hitting its energy grid despite the pledge."
    item = ledger(report("a", "AP", accusation(text, "UA")))
    [finding] = item.by_party()["RU"]
    assert finding.basis == "accusation" and finding.grade == Grade.ACCUSATION_ONLY
    assert finding.evidence[0].event.quote == text
    assert item.by_party()["UA"] == []


def test_an_accusation_is_listed_beside_the_incident_it_refers_to() -> None:
    text = "Moscow accused Kyiv of breaking the energy pause with the Krasnodar attack."
    item = ledger(report("a", "TASS",
                         strike("Drones hit an oil depot in Krasnodar.", "UA", "RU-KDA", "RU"),
                         accusation(text, "RU", dt.date(2025, 3, 20))))
    [finding] = item.by_party()["UA"]
    assert finding.basis == "incident"
    assert [a.event.quote for a in finding.accusations] == [text]


def test_scope_and_window_exclude_findings() -> None:
    hospital = strike("A drone hit a hospital in Sumy.", "RU", "UA-59", "UA", targets=(Target.MEDICAL,))
    early = strike("A drone hit a power plant in Sumy.", "RU", "UA-59", "UA", date=dt.date(2025, 3, 10),
                   date_precision=DatePrecision.DAY)
    late = strike("A drone hit a power plant in Sumy.", "RU", "UA-59", "UA", date=dt.date(2025, 4, 20),
                  date_precision=DatePrecision.DAY)
    night_before = strike("A drone hit a power plant in Sumy.", "RU", "UA-59", "UA", date=dt.date(2025, 3, 18))
    for event in (hospital, early, late, night_before):
        assert ledger(report("a", "Ukrinform", event)).findings == (), event


def test_the_refused_ceasefire_is_shown_without_breaches() -> None:
    refusal = Commitment("commitment", "Putin refused a full 30-day ceasefire.", Span(0, 38), "unknown",
                         None, Modality.ASSERTED, dt.date(2025, 3, 18), DatePrecision.DAY,
                         party="RU", stance=Stance.REFUSED, scope=Scope.FULL_CEASEFIRE)
    attack = strike("Russian drones hit a power plant in Sumy.", "RU", "UA-59", "UA")
    item = ledger(report("a", "AP", refusal, attack), agreement="full-ceasefire-30-day-2025")
    assert item.findings == () and not item.agreement.in_force
    assert [s.event.quote for s in item.stances] == ["Putin refused a full 30-day ceasefire."]
    assert "not in force" in ledger_rows([item])[0][3]


def test_easter_truce_window_in_moscow_time() -> None:
    def at(day: int, precision: DatePrecision = DatePrecision.DAY) -> tuple[str, ...]:
        event = strike("Shelling hit Kherson.", "RU", "UA-65", "UA", date=dt.date(2025, 4, day),
                       date_precision=precision, targets=(Target.RESIDENTIAL,), weapon=Weapon.ARTILLERY)
        return tuple(f.timing for f in ledger(report("a", "Ukrinform", event), agreement="easter-truce-2025").findings)

    assert at(18) == ()
    assert at(19) == ("straddles_start",)
    assert at(20) == ("within",)
    assert at(20, DatePrecision.NIGHT) == ("within",)
    assert at(21) == ()


def test_even_handed_same_rules_for_both_parties() -> None:
    def scenario(attacker: str, victim: str, outlet_a: str, outlet_b: str) -> dict[str, list[str]]:
        region, name = {"UA": ("UA-63", "Kharkiv"), "RU": ("RU-BEL", "Belgorod")}[victim]
        return grades(ledger(
            report("a", outlet_a, strike("Drones hit a power station.", attacker, region, victim)),
            report("bb", outlet_b, strike("Forces struck a power station.", attacker, region, attacker)),
            report("ccc", "AP", accusation(f"The attack in the {name} region broke the energy pause, "
                                           "officials said.", victim)),
        ))

    as_ru = scenario("RU", "UA", "Ukrinform", "TASS")
    as_ua = scenario("UA", "RU", "TASS", "Ukrinform")
    assert as_ru["RU"] == as_ua["UA"] == ["corroborated_both_sides"]
    assert as_ru["UA"] == as_ua["RU"] == []


def test_renderings_carry_the_evidence() -> None:
    item = ledger(report("a", "AP", strike("Drones set an oil depot in Krasnodar on fire.", "UA", "RU-KDA", "RU")))
    assert "Drones set an oil depot in Krasnodar on fire." in ledger_markdown([item])
    assert '"grade": "single_claim"' in ledger_json([item])
    rows = ledger_rows([item])
    assert ("energy-pause-2025", "RU", "-", "no findings", "", "") in rows


def test_an_accusation_attaches_only_to_the_incident_it_names() -> None:
    """A vague accusation in an unrelated report does not vouch for an incident it never names."""
    item = ledger(
        report("a", "Ukrinform", strike("Drones hit a power station.", "RU", "UA-63", "UA")),
        report("bb", "Ukrinform", strike("Drones hit a substation.", "RU", "UA-12", "UA")),
        report("ccc", "AP", accusation("The drone attack on the Kharkiv region broke the pause.", "UA")),
        report("dddd", "AP", accusation("Moscow keeps breaking its word, Kyiv said.", "UA")),
    )
    by_region = {f.incident.admin1: f for f in item.findings if f.incident}
    assert [r.report_key for r in by_region[("UA-63",)].accusations] == ["ccc"]
    assert by_region[("UA-12",)].accusations == ()
    [alone] = [f for f in item.findings if f.basis == "accusation"]
    assert alone.grade == Grade.ACCUSATION_ONLY and alone.evidence[0].report_key == "dddd"


def test_a_finding_straddling_the_window_start_is_uncertain_timing_not_a_breach() -> None:
    event = strike("Earlier on Saturday, drones hit Kherson.", "RU", "UA-65", "UA",
                   date=dt.date(2025, 4, 19), date_precision=DatePrecision.DAY,
                   targets=(Target.RESIDENTIAL,))
    [finding] = ledger(report("a", "AP", event), agreement="easter-truce-2025").findings
    assert finding.grade == Grade.UNCERTAIN_TIMING and finding.timing == "straddles_start"


def test_a_time_of_day_decides_the_window_edge_in_the_places_time_zone() -> None:
    """Kherson at 19:30 (Kyiv time) on 19 April is inside the truce from 18:00 Moscow time;
    at 17:00 it is before; 17:30 Kyiv time on 18 March (UTC+2) is 18:30 in Moscow."""
    def timing_of(day: dt.date, clock: tuple[str, str], agreement: str, **extra: Any) -> tuple[str, ...]:
        event = strike("Drones hit Kherson.", "RU", "UA-65", "UA", date=day,
                       date_precision=DatePrecision.DAY, time_from=clock[0], time_to=clock[1], **extra)
        return tuple(f.timing for f in ledger(report("a", "Ukrinform", event), agreement=agreement).findings)

    easter = dt.date(2025, 4, 19)
    assert timing_of(easter, ("19:30", "19:31"), "easter-truce-2025", targets=(Target.RESIDENTIAL,)) == ("within",)
    assert timing_of(easter, ("17:00", "17:01"), "easter-truce-2025", targets=(Target.RESIDENTIAL,)) == ()
    assert timing_of(easter, ("05:00", "12:00"), "easter-truce-2025", targets=(Target.RESIDENTIAL,)) == ()
    assert timing_of(dt.date(2025, 3, 18), ("17:30", "17:31"), "energy-pause-2025") == ("within",)
    assert timing_of(dt.date(2025, 3, 18), ("16:30", "16:31"), "energy-pause-2025") == ()
