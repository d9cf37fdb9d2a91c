"""Probes for issue 8 (interceptions and commitments): the phenomena the issue names, each in
several wordings and, where it makes sense, mirrored with the other party as actor.

Every sentence is our own invention. An interception probe expects the exact list of
(claimant, weapon, launched, intercepted); "*" leaves a field unchecked. A commitment probe
expects the exact set of (party, stance, scope) keys, or, where other readings are open,
keys that must be there (`has`) and keys that must not (`lacks`).
"""

from __future__ import annotations

from typing import Any

import pytest

import trucewatch
from trucewatch.evaluate import event_key

PUB = "2025-03-19"
Row = tuple[Any, Any, Any, Any]


def interceptions(text: str) -> list[Row]:
    found = [e.to_dict() for e in trucewatch.extract(text, published=PUB).events if e.kind.value == "interception"]
    return sorted((e["claimant"], e["weapon"], e["launched"], e["intercepted"]) for e in found)


def commitments(text: str) -> set[tuple[Any, ...]]:
    keys = {event_key(e.to_dict()) for e in trucewatch.extract(text, published=PUB).events}
    return {k[1:] for k in keys if k is not None and k[0] == "commitment"}


def _same(expected: list[Row], got: list[Row]) -> bool:
    return len(expected) == len(got) and all(
        all(x == "*" or x == y for x, y in zip(e, g)) for e, g in zip(sorted(expected, key=str), sorted(got, key=str)))


# a. Claimants: follow-up sentences, "according to", rubric and credit speakers, debris; one key --

CLAIMANT = {
    "follow-up-ua": ("Ukraine's air force said Russia attacked the north overnight with 40 drones. Air defences "
                     "shot down 30 of them over the Chernihiv region. Five more were brought down near Sumy, "
                     "the air force added.", [("UA", "drone", 40, 35)]),
    "follow-up-ru": ("The Russian Defence Ministry said Ukraine attacked border regions overnight with 25 drones. "
                     "Air defence systems destroyed 20 of them over the Bryansk region. Three more were downed "
                     "over the Kursk region, the ministry added.", [("RU", "drone", 25, 23)]),
    "according-to-ua": ("Eleven drones were shot down over the Odesa region overnight, according to the "
                        "Ukrainian military.", [("UA", "drone", None, 11)]),
    "according-to-ru": ("Seven drones were destroyed over the Belgorod region overnight, according to the "
                        "Russian military.", [("RU", "drone", None, 7)]),
    "according-to-first-ua": ("According to Ukraine's southern command, air defences downed six missiles "
                              "near Mykolaiv.", [("UA", "missile", None, 6)]),
    "according-to-first-ru": ("According to the Russian Defence Ministry, air defences downed four missiles "
                              "over Crimea.", [("RU", "missile", None, 4)]),
    "credit-tail-ua": ("Air defences down 12 drones overnight - Ukrainian Air Force", [("UA", "drone", None, 12)]),
    "credit-tail-ru": ("Air defences destroy nine drones over Kursk region - Russian Defence Ministry",
                       [("RU", "drone", None, 9)]),
    "second-sentence-unnamed-ua": ("Ukraine's air force said it shot down 25 drones overnight. Another six drones "
                                   "were downed by mobile fire groups.", [("UA", "drone", "*", "*")]),
    "second-sentence-unnamed-ru": ("Russia's Defence Ministry said it destroyed 18 drones overnight. Another four "
                                   "drones were downed by electronic warfare.", [("RU", "drone", "*", "*")]),
    "dateline-is-no-actor-ua": ("KYIV, March 3 (Reuters) - Air defences shot down 14 drones over the Sumy region, "
                                "Ukraine's air force said.", [("UA", "drone", None, 14)]),
    "dateline-is-no-actor-ru": ("MOSCOW, March 3 (Reuters) - Air defences destroyed 14 drones over the Kursk region, "
                                "Russia's Defence Ministry said.", [("RU", "drone", None, 14)]),
    "dateline-no-claimant-ua": ("KYIV, March 3 (Reuters) - Air defences shot down 14 drones overnight.",
                                [("unknown", "drone", None, 14)]),
    "dateline-no-claimant-ru": ("MOSCOW, March 3 (Reuters) - Air defences destroyed 14 drones overnight.",
                                [("unknown", "drone", None, 14)]),
    "home-region-ua": ("KYIV, March 3 (Reuters) - Air defences shot down 14 drones over the Lviv region.",
                       [("UA", "drone", None, 14)]),
    "home-region-ru": ("MOSCOW, March 3 (Reuters) - Air defences destroyed 14 drones over the Kursk region.",
                       [("RU", "drone", None, 14)]),
    "contested-region": ("Air defences destroyed 14 drones over Crimea overnight.", [("unknown", "drone", None, 14)]),
    "headline-joins-body-ua": ("Air defences shoot down 30 of 40 drones\nRussia launched 40 drones at Ukraine "
                               "overnight, the air force said. Air defences shot down 30 of them.",
                               [("UA", "drone", 40, 30)]),
    "headline-joins-body-ru": ("Air defences destroy 18 of 20 drones\nUkraine launched 20 drones at Russian regions "
                               "overnight, the Russian Defence Ministry said. Air defences destroyed 18 of them.",
                               [("RU", "drone", 20, 18)]),
    "launched-then-destroyed-ru": ("Kyiv launched 25 drones; 21 were destroyed, Russia's Defence Ministry said.",
                                   [("RU", "drone", 25, 21)]),
    "launched-then-destroyed-ua": ("Moscow launched 35 drones; 30 were destroyed, Ukraine's air force said.",
                                   [("UA", "drone", 35, 30)]),
    "rubric-speaker-ru": ("Russian Defence Ministry: air defences destroyed 14 drones overnight",
                          [("RU", "drone", None, 14)]),
    "rubric-speaker-ua": ("Ukraine's Air Force: air defences shot down 14 drones overnight",
                          [("UA", "drone", None, 14)]),
    "debris-ua": ("Debris of a downed drone damaged a house in the Kharkiv region, the governor said.",
                  [("UA", "drone", "*", 1)]),
    "debris-ru": ("Debris of a downed drone damaged a house in the Belgorod region, the governor said.",
                  [("RU", "drone", "*", 1)]),
}


@pytest.mark.parametrize("case", CLAIMANT, ids=list(CLAIMANT))
def test_claimant(case: str) -> None:
    text, expected = CLAIMANT[case]
    assert _same(expected, interceptions(text)), interceptions(text)


# f and j. Counts -----------------------------------------------------------------------------

COUNTS = {
    "destruction-of-ua": ("Ukraine's air force reported the destruction of 18 Russian drones overnight.",
                          [("UA", "drone", None, 18)]),
    "destruction-of-ru": ("The Russian Defence Ministry reported the destruction of 14 Ukrainian drones over the "
                          "Oryol region.", [("RU", "drone", None, 14)]),
    "n-of-them-passive-ru": ("Ukraine launched 30 drones at Russian regions overnight, and 27 of them were "
                             "destroyed, the Russian Defence Ministry said.", [("RU", "drone", 30, 27)]),
    "n-of-them-passive-ua": ("Russia launched 50 drones at Ukraine overnight, and 44 of them were shot down, "
                             "Ukraine's air force said.", [("UA", "drone", 50, 44)]),
    "all-but-passive-ru": ("The Russian Defence Ministry said all but one of the 12 missiles fired by Ukraine "
                           "were shot down.", [("RU", "missile", 12, 11)]),
    "all-but-active-ua": ("Ukraine's air force said air defences destroyed all but three of the 45 drones "
                          "launched by Russia.", [("UA", "drone", 45, 42)]),
    "attack-drones-ru": ("Russian air defences destroyed 22 Ukrainian attack drones over the Bryansk region, "
                         "the ministry said.", [("RU", "drone", None, 22)]),
    "attack-drones-ua": ("Ukrainian air defences downed 35 Russian attack drones overnight, the air force said.",
                         [("UA", "drone", None, 35)]),
    "stated-total-ua": ("Air defences shot down 12 drones over the Kharkiv region and 8 over the Sumy region, "
                        "Ukraine's air force said. A total of 25 drones were downed overnight.",
                        [("UA", "drone", "*", 25)]),
    "stated-total-ru": ("Russian air defences destroyed 10 drones over the Kursk region and 6 over the Bryansk "
                        "region, the Defence Ministry said. A total of 19 drones were destroyed overnight.",
                        [("RU", "drone", "*", 19)]),
    "out-of-ru": ("Russian air defences intercepted 18 out of 20 Ukrainian drones, the ministry said.",
                  [("RU", "drone", 20, 18)]),
    "out-of-ua": ("Ukraine's air force said it intercepted 61 out of 70 Russian drones.", [("UA", "drone", 70, 61)]),
    "n-of-the-m-ua": ("Ukrainian forces downed nine of the 11 Russian missiles, the air force said.",
                      [("UA", "missile", 11, 9)]),
    "n-of-the-m-ru": ("Russian air defences shot down five of the seven Ukrainian missiles, the ministry said.",
                      [("RU", "missile", 7, 5)]),
    "model-digits-ua": ("Ukraine's air force said it destroyed 24 Shahed-136 drones overnight.",
                        [("UA", "drone", None, 24)]),
    "model-digits-ru": ("Russia's Defence Ministry said air defences shot down three Tochka-U missiles and "
                        "two ATACMS missiles.", [("RU", "missile", None, 5)]),
    "model-digits-kh-ua": ("Ukraine's air force said it shot down four Kh-101 cruise missiles.",
                           [("UA", "missile", None, 4)]),
    "possessor-country-ru": ("The Russian Defence Ministry said air defences downed Ukraine's drones: 5 over the "
                             "Kursk region, 4 over the Oryol region.", [("RU", "drone", None, 9)]),
    "possessor-country-ua": ("Ukraine's air force said air defences shot down Russia's drones: 6 over the Sumy "
                             "region and 3 over the Poltava region.", [("UA", "drone", None, 9)]),
    "possessor-single-ua": ("Ukrainian gunners shot down Russia's Iskander missile near Dnipro.",
                            [("UA", "missile", None, 1)]),
    "both-ru": ("Russian air defences destroyed both drones over the Tula region, the ministry said.",
                [("RU", "drone", 2, 2)]),
    "both-ua": ("Both Russian missiles were shot down over the Kyiv region, Ukraine's air force said.",
                [("UA", "missile", 2, 2)]),
    "all-n-launched-ua": ("Ukraine's air force said all 14 drones launched by Russia overnight were shot down.",
                          [("UA", "drone", 14, 14)]),
    "all-n-fired-ru": ("All six missiles fired by Ukraine at Crimea were intercepted, the Russian Defence "
                       "Ministry said.", [("RU", "missile", 6, 6)]),
    "date-is-no-count-ua": ("On 14 March, Ukrainian air defences shot down 21 Russian drones, the air force said.",
                            [("UA", "drone", None, 21)]),
    "date-is-no-count-ru": ("On 9 March, Russian air defences destroyed 7 Ukrainian drones over the Moscow "
                            "region.", [("RU", "drone", None, 7)]),
    "ordinal-unit-ua": ("The 96th anti-aircraft missile brigade shot down 12 Russian drones over Kyiv, the air "
                        "force said.", [("UA", "drone", None, 12)]),
}


@pytest.mark.parametrize("case", COUNTS, ids=list(COUNTS))
def test_counts(case: str) -> None:
    text, expected = COUNTS[case]
    assert _same(expected, interceptions(text)), interceptions(text)


# i. Negation, hedges, irrealis, open questions, habitual frames: no interception -------------

NOT_INTERCEPTIONS = {
    "negated-ua": "Ukraine's air force said air defences did not shoot down any of the ballistic missiles.",
    "negated-ru": "The Russian Defence Ministry said its air defences failed to intercept the Ukrainian missiles.",
    "might-have-been-ua": "The drone might have been shot down by Ukrainian air defences, the governor said.",
    "might-have-been-ru": "The missile may have been intercepted by Russian air defences, a local official said.",
    "whether-ua": "It was not clear whether the Russian missiles were intercepted over Kyiv.",
    "whether-ru": "Officials did not say whether the Ukrainian drones were shot down over Belgorod.",
    "habitual-ua": "Ukrainian air defences usually shoot down most Russian drones.",
    "habitual-ru": "Russian air defences routinely destroy Ukrainian drones over the Belgorod region.",
}


@pytest.mark.parametrize("case", NOT_INTERCEPTIONS, ids=list(NOT_INTERCEPTIONS))
def test_not_interception(case: str) -> None:
    assert interceptions(NOT_INTERCEPTIONS[case]) == []


# Commitments ---------------------------------------------------------------------------------

RU_ENERGY_AGREED, UA_ENERGY_AGREED = ("RU", "agreed", "energy"), ("UA", "agreed", "energy")

# c. Scope: anaphors referring back, coordinated scopes, a local truce decided per phrase.
# e. Refraining, bans, follow suit, withdrawing, no reason to extend.
# h. Stance and party from the subject or possessor; an accepted proposal is agreed.
COMMITMENTS: dict[str, tuple[str, set[tuple[str, str, str]]]] = {
    "the-truce-refers-back-ua": ("Russia and Ukraine agreed to halt strikes on energy facilities for 30 days. "
                                 "On Friday Kyiv accused Moscow of violating the truce.",
                                 {RU_ENERGY_AGREED, UA_ENERGY_AGREED, ("UA", "accused_breach", "energy")}),
    "the-truce-refers-back-ru": ("Russia and Ukraine agreed to halt strikes on energy facilities for 30 days. "
                                 "On Friday Moscow accused Kyiv of violating the truce.",
                                 {RU_ENERGY_AGREED, UA_ENERGY_AGREED, ("RU", "accused_breach", "energy")}),
    "such-strikes-ua": ("Moscow agreed to stop attacks on power plants. Kyiv said it will also halt such strikes.",
                        {RU_ENERGY_AGREED, UA_ENERGY_AGREED}),
    "such-strikes-ru": ("Kyiv agreed to stop attacks on oil refineries. Moscow said it will also halt such strikes.",
                        {RU_ENERGY_AGREED, UA_ENERGY_AGREED}),
    "the-moratorium-ua": ("Both sides signed a moratorium on strikes against ports. Days later Kyiv rejected "
                          "the moratorium.", {("RU", "agreed", "maritime"), ("UA", "agreed", "maritime"),
                                               ("UA", "refused", "maritime")}),
    "coordinated-ua": ("Kyiv offered to halt attacks on ports and refineries.",
                       {("UA", "proposed", "maritime"), ("UA", "proposed", "energy")}),
    "coordinated-ru": ("Moscow offered to stop strikes on power plants and shipping.",
                       {("RU", "proposed", "energy"), ("RU", "proposed", "maritime")}),
    "air-and-sea-ru": ("Moscow proposed a truce in the air and at sea.",
                       {("RU", "proposed", "maritime"), ("RU", "proposed", "other")}),
    "local-per-phrase-ua": ("Hundreds of civilians were evacuated from the town on Sunday. Ukraine's president "
                            "proposed a ceasefire of thirty days.", {("UA", "proposed", "full_ceasefire")}),
    "local-per-phrase-ru": ("Hundreds of civilians were evacuated from the village on Sunday. The Kremlin proposed "
                            "a ceasefire for the whole front.", {("RU", "proposed", "full_ceasefire")}),
    "local-by-purpose-ru": ("Moscow proposed a local ceasefire so that repair crews could reach the nuclear plant.",
                            {("RU", "proposed", "other")}),
    "refrain-ua": ("Ukraine pledged to refrain from strikes on Russian oil refineries.", {UA_ENERGY_AGREED}),
    "refrain-ru": ("Russia pledged to refrain from attacking Ukrainian ports.", {("RU", "agreed", "maritime")}),
    "ban-ru": ("Moscow proposed a ban on strikes against power plants.", {("RU", "proposed", "energy")}),
    "ban-ua": ("Kyiv proposed a ban on attacks on merchant ships.", {("UA", "proposed", "maritime")}),
    "follow-suit-ua": ("Kyiv halted strikes on Russian refineries and expects Moscow to follow suit.",
                       {UA_ENERGY_AGREED, ("UA", "proposed", "energy")}),
    "follow-suit-ru": ("Moscow halted strikes on Ukrainian power plants and expects Kyiv to follow suit.",
                       {RU_ENERGY_AGREED, ("RU", "proposed", "energy")}),
    "do-the-same-ru": ("Moscow declared an Easter truce and called on Kyiv to do the same.",
                       {("RU", "agreed", "full_ceasefire"), ("RU", "proposed", "full_ceasefire")}),
    "do-the-same-ua": ("Kyiv halted strikes on Russian refineries. Zelensky called on Moscow to do the same.",
                       {UA_ENERGY_AGREED, ("UA", "proposed", "energy")}),
    "withdraw-ua": ("Ukraine announced its withdrawal from the moratorium on energy strikes.",
                    {("UA", "refused", "energy")}),
    "withdraw-ru": ("Russia said it was pulling out of the maritime truce.", {("RU", "refused", "maritime")}),
    "no-reason-to-extend-ru": ("The Kremlin said it saw no reason to extend the Easter truce.",
                               {("RU", "refused", "full_ceasefire")}),
    "no-reason-to-extend-ua": ("Zelensky said Kyiv sees no reason to extend the energy moratorium.",
                               {("UA", "refused", "energy")}),
    "subject-not-nearest-ua": ("Kyiv rejected the Russian ceasefire offer.",
                               {("UA", "refused", "full_ceasefire"), ("RU", "proposed", "full_ceasefire")}),
    "subject-not-nearest-ru": ("Moscow dismissed the Ukrainian truce proposal.",
                               {("RU", "refused", "full_ceasefire"), ("UA", "proposed", "full_ceasefire")}),
    "agent-ru": ("Moscow rejected the ceasefire proposed by Kyiv.",
                 {("RU", "refused", "full_ceasefire"), ("UA", "proposed", "full_ceasefire")}),
    "agent-ua": ("Kyiv rejected the energy truce proposed by Moscow.",
                 {("UA", "refused", "energy"), ("RU", "proposed", "energy")}),
    "possessor-ru": ("Putin's refusal of a full ceasefire angered Kyiv.", {("RU", "refused", "full_ceasefire")}),
    "possessor-ua": ("Zelensky's refusal of a full ceasefire angered Moscow.", {("UA", "refused", "full_ceasefire")}),
    "accepted-proposal-ua": ("Ukraine accepted the US proposal for a 30-day ceasefire.",
                             {("UA", "agreed", "full_ceasefire"), ("US", "proposed", "full_ceasefire")}),
    "accepted-proposal-ru": ("Russia accepted a Turkish proposal for a truce at sea.",
                             {("RU", "agreed", "maritime"), ("TR", "proposed", "maritime")}),
    "negated-ua": ("Ukraine has not agreed to any ceasefire, its foreign minister said.",
                   {("UA", "refused", "full_ceasefire")}),
    "negated-ru": ("Russia has not agreed to the energy moratorium, the Kremlin said.", {("RU", "refused", "energy")}),
}


@pytest.mark.parametrize("case", COMMITMENTS, ids=list(COMMITMENTS))
def test_commitment(case: str) -> None:
    text, expected = COMMITMENTS[case]
    assert commitments(text) == expected


# i. Frames that take no stance now: a party's agreement must not be read off them.
NOT_TAKEN: dict[str, tuple[str, tuple[str, str, str]]] = {
    "might-ru": ("Moscow might accept a truce at sea, analysts said.", ("RU", "agreed", "maritime")),
    "might-ua": ("Kyiv might accept a truce at sea, analysts said.", ("UA", "agreed", "maritime")),
    "whether-ua": ("It is unclear whether Kyiv will accept the energy moratorium.", UA_ENERGY_AGREED),
    "whether-ru": ("Diplomats asked whether Moscow would accept an energy moratorium.", RU_ENERGY_AGREED),
    "pressure-ua": ("Washington is pressuring Kyiv into accepting a ceasefire.", ("UA", "agreed", "full_ceasefire")),
    "pressure-ru": ("Beijing is pushing Moscow into accepting a ceasefire.", ("RU", "agreed", "full_ceasefire")),
    "might-have-been-ua": ("Putin declared a truce for Easter. Kyiv said the truce might have been violated in the "
                           "east.", ("UA", "accused_breach", "full_ceasefire")),
    "might-have-been-ru": ("Zelensky declared a truce for Easter. Moscow said the truce could have been violated in "
                           "the east.", ("RU", "accused_breach", "full_ceasefire")),
    "habitual-ru": ("Russia usually rejects ceasefire proposals, the analyst said.",
                    ("RU", "refused", "full_ceasefire")),
    "habitual-ua": ("Kyiv has repeatedly rejected ceasefire proposals in the past, the analyst said.",
                    ("UA", "refused", "full_ceasefire")),
}


@pytest.mark.parametrize("case", NOT_TAKEN, ids=list(NOT_TAKEN))
def test_stance_not_taken(case: str) -> None:
    text, key = NOT_TAKEN[case]
    assert key not in commitments(text)


# Second round: the same phenomena in other wordings --------------------------------------------

MORE_INTERCEPTIONS = {
    "n-of-the-m-passive-ua": ("Ukraine's air force said 33 of the 40 drones were downed.", [("UA", "drone", 40, 33)]),
    "n-of-the-m-passive-ru": ("Russia's Defence Ministry said 15 of the 18 drones were destroyed.",
                              [("RU", "drone", 18, 15)]),
    "according-to-inside-ru": ("Air defences, according to the Russian Defence Ministry, destroyed eight drones "
                               "over the Voronezh region.", [("RU", "drone", None, 8)]),
    "according-to-inside-ua": ("Air defences, according to Ukraine's air force, destroyed 19 drones over the "
                               "Poltava region.", [("UA", "drone", None, 19)]),
    "debris-after-claim-ru": ("Russian air defences destroyed a Ukrainian drone over the Kursk region. Its debris "
                              "damaged a roof, the governor said.", [("RU", "drone", "*", 1)]),
    "debris-after-claim-ua": ("Ukrainian air defences destroyed a Russian drone over the Kyiv region. Its debris "
                              "damaged a roof, the mayor said.", [("UA", "drone", "*", 1)]),
    "manned-jet-apart-ua": ("Ukraine said its forces shot down a Russian Su-34 jet and two drones near Kharkiv.",
                            [("UA", "drone", None, 2)]),
    "manned-jet-apart-ru": ("Russia said its forces shot down a Ukrainian MiG-29 jet and three drones near Kursk.",
                            [("RU", "drone", None, 3)]),
    "up-to-is-null-ua": ("Ukraine's air force said up to 10 drones were shot down over the Odesa region.",
                         [("UA", "drone", None, None)]),
    "at-least-is-n-ru": ("Russia's Defence Ministry said at least 12 drones were shot down over the Kursk region.",
                         [("RU", "drone", None, 12)]),
    "dozens-is-null-ua": ("Dozens of drones were shot down over Kyiv overnight, Ukraine's air force said.",
                          [("UA", "drone", None, None)]),
    "named-missiles-ru": ("Russia said it had intercepted two Storm Shadow missiles over Crimea.",
                          [("RU", "missile", None, 2)]),
    "named-missiles-ua": ("Kyiv said it had intercepted two Iskander missiles over the Kyiv region.",
                          [("UA", "missile", None, 2)]),
    "electronic-warfare-ua": ("Ukraine's air force said 30 drones were suppressed by electronic warfare.",
                              [("UA", "drone", None, 30)]),
    "locationally-lost-ru": ("Russia's Defence Ministry said 20 drones were destroyed and four more were lost "
                             "from radar.", [("RU", "drone", None, 20)]),
}


@pytest.mark.parametrize("case", MORE_INTERCEPTIONS, ids=list(MORE_INTERCEPTIONS))
def test_more_interceptions(case: str) -> None:
    text, expected = MORE_INTERCEPTIONS[case]
    assert _same(expected, interceptions(text)), interceptions(text)


MORE_COMMITMENTS: dict[str, tuple[str, set[tuple[str, str, str]]]] = {
    "accepted-offer-ru": ("Moscow accepted Kyiv's offer of a truce at sea.",
                          {("RU", "agreed", "maritime"), ("UA", "proposed", "maritime")}),
    "accepted-offer-ua": ("Kyiv accepted Moscow's offer of an energy truce.",
                          {("UA", "agreed", "energy"), ("RU", "proposed", "energy")}),
    "ready-if-ua": ("Zelensky said Ukraine was ready to stop strikes on Russian energy facilities if Russia did "
                    "the same.", {("UA", "proposed", "energy")}),
    "ready-if-ru": ("Putin said Russia was ready to halt attacks on Ukrainian ports if Kyiv did the same.",
                    {("RU", "proposed", "maritime")}),
    "declared-ru": ("Russia declared a unilateral ceasefire for Orthodox Christmas.", {("RU", "agreed", "full_ceasefire")}),
    "declared-ua": ("Ukraine declared a unilateral halt to strikes on Russian refineries.", {UA_ENERGY_AGREED}),
    "broken-by-striking-ua": ("Kyiv said Moscow had broken the energy truce by striking a power plant.",
                              {("UA", "accused_breach", "energy")}),
    "broken-by-striking-ru": ("Moscow said Kyiv had broken the energy truce by striking a refinery.",
                              {("RU", "accused_breach", "energy")}),
    "relative-stances": ("The US proposed a 30-day ceasefire, which Ukraine accepted and Russia rejected.",
                         {("US", "proposed", "full_ceasefire"), ("UA", "agreed", "full_ceasefire"),
                          ("RU", "refused", "full_ceasefire")}),
    "possessor-passive-ua": ("Zelensky's proposal for a ceasefire at sea was rejected by Moscow.",
                             {("UA", "proposed", "maritime"), ("RU", "refused", "maritime")}),
    "possessor-passive-ru": ("Putin's proposal for a ceasefire at sea was rejected by Kyiv.",
                             {("RU", "proposed", "maritime"), ("UA", "refused", "maritime")}),
    "reporter-is-no-party": ("Russia and Ukraine agreed to stop strikes on energy infrastructure, the White House "
                             "said.", {RU_ENERGY_AGREED, UA_ENERGY_AGREED}),
    "quit-ru": ("Moscow quit the Black Sea grain deal.", {("RU", "refused", "maritime")}),
    "walked-away-ua": ("Kyiv walked away from the energy moratorium.", {("UA", "refused", "energy")}),
    "did-not-accept-ru": ("Moscow did not accept the proposed truce.", {("RU", "refused", "full_ceasefire")}),
    "did-not-accept-ua": ("Kyiv did not accept the Russian truce proposal.",
                          {("UA", "refused", "full_ceasefire"), ("RU", "proposed", "full_ceasefire")}),
    "not-ready-ua": ("Ukraine is not ready for a ceasefire, its foreign minister said.",
                     {("UA", "refused", "full_ceasefire")}),
    "not-ready-ru": ("Russia is not ready for a ceasefire, the Kremlin said.", {("RU", "refused", "full_ceasefire")}),
}


@pytest.mark.parametrize("case", MORE_COMMITMENTS, ids=list(MORE_COMMITMENTS))
def test_more_commitments(case: str) -> None:
    text, expected = MORE_COMMITMENTS[case]
    assert commitments(text) == expected


MORE_NOT_TAKEN: dict[str, tuple[str, tuple[str, str, str]]] = {
    "may-ua": ("Kyiv may agree to an energy truce, an aide said.", UA_ENERGY_AGREED),
    "may-ru": ("Moscow may agree to an energy truce, an aide said.", RU_ENERGY_AGREED),
    "if-accepts-ua": ("If Kyiv accepts the energy truce, exports could resume.", UA_ENERGY_AGREED),
    "if-accepts-ru": ("If Moscow accepts the energy truce, exports could resume.", RU_ENERGY_AGREED),
}


@pytest.mark.parametrize("case", MORE_NOT_TAKEN, ids=list(MORE_NOT_TAKEN))
def test_more_not_taken(case: str) -> None:
    text, key = MORE_NOT_TAKEN[case]
    assert key not in commitments(text)


# Third round -------------------------------------------------------------------------------

THIRD_INTERCEPTIONS = {
    "two-weapons-ua": ("Ukraine's air force said it had shot down 9 of 12 missiles and all 20 drones.",
                       [("UA", "drone", 20, 20), ("UA", "missile", 12, 9)]),
    "two-weapons-ru": ("Russia's Defence Ministry said it had destroyed 4 of 6 missiles and all 15 drones.",
                       [("RU", "drone", 15, 15), ("RU", "missile", 6, 4)]),
    "total-then-share-ua": ("A total of 47 drones were shot down, 20 of them over the Kyiv region, Ukraine's air "
                            "force said.", [("UA", "drone", None, 47)]),
    "total-then-share-ru": ("A total of 31 drones were destroyed, 12 of them over the Bryansk region, the Russian "
                            "Defence Ministry said.", [("RU", "drone", None, 31)]),
    "regional-list-ua": ("Air defences downed 10 drones over the Sumy region, 7 over the Poltava region and 5 over "
                         "the Kharkiv region, Ukraine's air force said.", [("UA", "drone", None, 22)]),
    "regional-list-ru": ("Russian air defences destroyed 3 drones over the Belgorod region, 4 over the Kursk region "
                         "and 2 over the Bryansk region, the ministry said.", [("RU", "drone", None, 9)]),
}


@pytest.mark.parametrize("case", THIRD_INTERCEPTIONS, ids=list(THIRD_INTERCEPTIONS))
def test_third_interceptions(case: str) -> None:
    text, expected = THIRD_INTERCEPTIONS[case]
    assert _same(expected, interceptions(text)), interceptions(text)


THIRD_COMMITMENTS: dict[str, tuple[str, set[tuple[str, str, str]]]] = {
    "backed-proposal-ua": ("Kyiv backed the US proposal for a 30-day ceasefire.",
                           {("UA", "agreed", "full_ceasefire"), ("US", "proposed", "full_ceasefire")}),
    "backed-proposal-ru": ("Moscow backed the Turkish proposal for a truce at sea.",
                           {("RU", "agreed", "maritime"), ("TR", "proposed", "maritime")}),
    "ordered-ru": ("Putin ordered his troops to halt strikes on energy facilities.", {RU_ENERGY_AGREED}),
    "ordered-ua": ("Zelensky ordered the army to stop strikes on Russian refineries.", {UA_ENERGY_AGREED}),
    "urged-to-accept-ru": ("Washington urged Moscow to accept a ceasefire.", {("US", "proposed", "full_ceasefire")}),
    "urged-to-accept-ua": ("France urged Kyiv to accept a ceasefire.", {("FR", "proposed", "full_ceasefire")}),
    "safe-navigation": ("Moscow and Kyiv agreed to ensure safe navigation in the Black Sea.",
                        {("RU", "agreed", "maritime"), ("UA", "agreed", "maritime")}),
    "in-violation-ru": ("Russia accused Ukraine of attacking a gas facility in violation of the energy truce.",
                        {("RU", "accused_breach", "energy")}),
    "in-violation-ua": ("Ukraine accused Russia of striking a power plant in violation of the energy truce.",
                        {("UA", "accused_breach", "energy")}),
    "quoted-we-ua": ("“We will not accept any truce on these terms,” Zelensky said.",
                     {("UA", "refused", "full_ceasefire")}),
    "quoted-we-ru": ("“We will not accept a ceasefire that lets Kyiv rearm,” Putin said.",
                     {("RU", "refused", "full_ceasefire")}),
    "no-plans-to-extend-ru": ("Peskov said the Kremlin had no plans to extend the truce.",
                              {("RU", "refused", "full_ceasefire")}),
    "no-plans-to-extend-ua": ("Kyiv has no plans to extend the energy moratorium, an official said.",
                              {("UA", "refused", "energy")}),
    "headline-restated-ru": ("Putin declares Easter truce\nThe Kremlin said the truce would last 30 hours.",
                             {("RU", "agreed", "full_ceasefire")}),
    "reported-subject-ru": ("Zelensky said Russia had rejected the ceasefire.", {("RU", "refused", "full_ceasefire")}),
    "reported-subject-ua": ("The Kremlin said Kyiv had rejected the ceasefire.", {("UA", "refused", "full_ceasefire")}),
    "parenthetical-source-ru": ("Moscow, according to Kyiv, has refused a truce.", {("RU", "refused", "full_ceasefire")}),
    "parenthetical-source-ua": ("Kyiv, according to Moscow, has refused a truce.", {("UA", "refused", "full_ceasefire")}),
    "list-of-three": ("Russia, Ukraine and the US agreed to a truce at sea.",
                      {("RU", "agreed", "maritime"), ("UA", "agreed", "maritime"), ("US", "proposed", "maritime")}),
    "list-of-three-mirrored": ("Ukraine, Russia, and Turkey agreed to a truce at sea.",
                               {("RU", "agreed", "maritime"), ("UA", "agreed", "maritime"),
                                ("TR", "proposed", "maritime")}),
    "turned-down-offer-ua": ("Kyiv turned down the Russian offer of a truce at sea.",
                             {("UA", "refused", "maritime"), ("RU", "proposed", "maritime")}),
    "turned-down-offer-ru": ("Moscow turned down the Ukrainian offer of a truce at sea.",
                             {("RU", "refused", "maritime"), ("UA", "proposed", "maritime")}),
}


@pytest.mark.parametrize("case", THIRD_COMMITMENTS, ids=list(THIRD_COMMITMENTS))
def test_third_commitments(case: str) -> None:
    text, expected = THIRD_COMMITMENTS[case]
    assert commitments(text) == expected
