"""Strikes: an attack hit, damaged, killed or injured something at a place.

One strike per (attacker, country, region) per document, as the guide
labels it. A clause needs a striking verb or noun, or damage or casualties,
and a place that was hit or made the target (not "over" or "toward" it); it
must not be negated, hypothetical, planned, merely attempted, or a running
total "since the invasion".
"""

from __future__ import annotations

from trucewatch.extract.analysis import PlaceCue, SentenceView, rubric_end as _rubric_end
from trucewatch.extract.attribution import SideRole, Speaker, opposite, side_roles
from trucewatch.extract.casualties import Casualties, casualties_in
from trucewatch.extract.context import DocContext, Draft
from trucewatch.extract.matcher import Cue
from trucewatch.extract.patterns import Match, find_matches
from trucewatch.extract.predicates import blocked_by, blocker, trigger_of
from trucewatch.extract.strike_fields import targets_of, weapon_of
from trucewatch.model import Kind, Modality, UNKNOWN_SIDE

__all__ = ["find_strikes"]

_NOT_STRUCK_BEFORE = {"than", "like", "over", "toward", "towards", "from", "via", "through", "into",
                      "direction", "above", "near", "around", "outside", "skies", "sky", "bordering",
                      "borders", "neighbouring", "neighboring", "adjacent", "with"}
_STRUCK_BEFORE_OK = {"near"}  # "positions near X" still places the strike in X's region
_COUNTRY_WORDS = {"country", "nation"}
_GROUND_COMBAT = {"repelled", "repulsed", "repel", "repelling", "repulse", "repulsing", "reflect",
                  "reflecting", "reflected", "fought", "offensive", "advance", "advancing", "retreat",
                  "assaults", "reconnaissance", "losses", "sabotage", "encircle", "encircled"}
_WEAK_TRIGGERS = {"launched", "launch", "launches", "target", "targets", "fire", "raid", "rock", "dropped",
                  "rocks", "ram", "burning", "blaze", "assault"}
_DIRECTIONS = {"southern", "northern", "eastern", "western", "central", "south", "north", "east",
               "west", "northeastern", "southeastern", "northwestern", "southwestern", "occupied"}
# Country-level places: "in Ukraine", "across Ukraine", "Ukrainian cities".
_COUNTRY_PREPS = {"in", "across", "on", "against", "at", "throughout", "struck", "hit", "hits",
                  "strikes", "attacked", "pounded", "shelled", "targets", "targeted", "targeting"}
_LAND = {"cities", "towns", "villages", "territory", "soil", "infrastructure", "regions",
         "settlements", "land", "energy", "targets", "facilities"}


def _blocked(view: SentenceView, cue: Cue, clause: tuple[int, int]) -> bool:
    """Negated, hedged, planned or attempted in its clause (cues before the trigger)."""
    start = clause[0]
    for category in ("negation", "hedge"):
        for c in view.within(category, start, cue.i):
            if category == "negation" and cue.label == "casualty" and cue.i - c.j <= 3:
                continue  # "no casualties", "nobody was hurt": a count of zero, not a negated attack
            if category == "hedge" and c.label == "attempt" and _damage_in(view, clause):
                continue
            if category == "negation" and (cue.i - c.j > 6 or _left_without(view, c) or _denial(view, c)
                                           or _failed_to_prevent(view, c, cue)):
                continue  # a denial is kept as a claim with modality "denied" (see _emit)
            return True
    before = view.words(cue.i - 2, cue.i)
    if before[-1:] in (["to"], ["for"]) or before == ["to", "be"]:
        return True  # "decided to attack", "weapons for strikes on …": not a reported attack
    if view.within("weapon", *clause):
        return False
    return bool(_GROUND_COMBAT & set(view.words(*clause)))


_SUPPLIES = {"power", "electricity", "light", "water", "heating", "heat", "gas", "supply", "supplies",
             "communication", "communications", "internet", "shelter"}


_PREVENT = {"stop", "prevent", "deter", "halt", "keep"}


def _failed_to_prevent(view: SentenceView, negation: Cue, trigger: Cue) -> bool:
    """"the deal did not stop Russian drones from hitting Odesa": what was not prevented happened."""
    words = view.words(negation.j, trigger.i)
    return bool(words) and words[0] in _PREVENT and words[-1:] == ["from"] or \
        len(words) > 1 and words[1] in _PREVENT and words[-1:] == ["from"]


def _denial(view: SentenceView, negation: Cue) -> bool:
    """"X denied that …", "denies striking": a denial verb, recorded as the denier's claim."""
    return any(c.label == "deny" and c.i == negation.i for c in view.cues.get("report", ()))


def _left_without(view: SentenceView, negation: Cue) -> bool:
    """"left without power after an attack": a consequence of the attack, not its negation."""
    if view.tokens[negation.i].lower != "without":
        return False
    following = view.words(negation.j, negation.j + 1)
    return bool(following) and following[0] in _SUPPLIES or view.words(negation.i - 1, negation.i) == ["left"]


def _damage_in(view: SentenceView, clause: tuple[int, int]) -> bool:
    return bool(view.within("damage", *clause))


def _triggers(view: SentenceView, taken: set[int]) -> list[Cue]:
    cues = list(view.cues.get("strike_verb", ())) + list(view.cues.get("damage", ()))
    manned = [(m.i, m.j) for m in view.cues.get("manned", ())]
    halts = [(h.i, h.j) for cat in ("halt", "warning") for h in view.cues.get(cat, ())]  # "stop striking", "air raid sirens"
    halts += [(h.j, h.j + 3) for h in view.cues.get("halt", ())
              if view.words(h.j, h.j + 1) in (["on"], ["of"])]  # "a moratorium on strikes": what is halted
    # "attack drones", "strike drone": the word names a weapon, not an attack ("drone attack" does).
    modifiers = [(w.i, w.i + 1) for w in view.cues.get("weapon", ())
                 if w.j - w.i > 1 and view.tokens[w.i].lower in ("attack", "strike", "combat", "assault")]
    return sorted((c for c in cues if c.i not in taken and not _about_aircraft(c, manned)
                   and not any(i <= c.i < j for i, j in halts)
                   and not any(i <= c.i < j for i, j in modifiers)), key=lambda c: c.i)


def ctx_datelines(view: SentenceView) -> frozenset[int]:
    """Character offsets covered by wire datelines ("KYIV, Ukraine (AP) —"): not places struck."""
    return view.dateline_offsets


def _about_aircraft(cue: Cue, manned: list[tuple[int, int]]) -> bool:
    """"attack helicopter", "destroyed a Russian helicopter": a manned aircraft, not a place struck."""
    return any(i - 4 <= cue.j <= i or i <= cue.i < j for i, j in manned)


def _struck_places(view: SentenceView, speaker: Speaker) -> list[PlaceCue]:
    """Places hit or targeted; a list ("over the Kharkiv, Sumy and Poltava regions") shares its
    first item's preposition."""
    out: list[PlaceCue] = []
    previous: tuple[PlaceCue, bool] | None = None
    for place in view.places:
        struck = _struck(view, place, speaker)
        if previous is not None and not previous[1] and view.words(previous[0].j, place.i) in ([","], ["and"], [",", "and"]):
            struck = False
        if struck:
            out.append(place)
        previous = (place, struck)
    return out


def _struck(view: SentenceView, place: PlaceCue, speaker: Speaker) -> bool:
    kind = view_kind(place)
    if kind == "water" or place.mention.start + view.sentence.span.start in ctx_datelines(view):
        return False
    if _adjective_compound(view, place) or _clock_place(view, place):
        return False
    if _title_place(view, place):  # a speaker's title names the place of a strike reported after it
        if _capital_side(view, place):
            return False  # "Kyiv officials said", "Moscow authorities": the state's officials
        return any(c.i > place.j for c in _triggers(view, set())) and _after_report(view, place)
    before = [w for w in view.words(place.i - 5, place.i) if w not in _DIRECTIONS and w not in ("the", "a")]
    while before and _possessive(before[-1]):  # "from Russia's Belgorod region": look past the owner
        if before.pop() in ("'s", "’s") and before:
            before.pop()
    if before and before[-1] in _NOT_STRUCK_BEFORE - _STRUCK_BEFORE_OK and not _fired_into(before):
        return False
    if before[-3:] == ["in", "the", "direction"] or before[-2:] == ["direction", "of"]:
        return False
    if before[-2:] in (["flying", "toward"], ["flying", "to"]):
        return False
    for role in side_roles(view):  # "Moscow denies", "Kyiv says": a side, not a place
        if not role.cue.i <= place.i < role.cue.j:
            continue
        if role.role == "speaker" or role.kind == "state" and _side_not_place(view, role.cue, kind):
            return False
    if kind == "country":
        return bool(before) and before[-1] in _COUNTRY_PREPS
    return True


_CLOCK = {"am", "pm", "a.m.", "p.m.", "midnight", "noon", "gmt", "utc"}


_INTO_VERBS = {"fired", "launched", "crashed", "slammed", "smashed", "plowed", "ploughed"}


def _fired_into(before: list[str]) -> bool:
    """"missiles were fired into the Bryansk region", "a drone crashed into a house": a place hit."""
    return before[-1:] == ["into"] and len(before) > 1 and before[-2] in _INTO_VERBS


def _capital_side(view: SentenceView, place: PlaceCue) -> bool:
    """The place's words are also a state's name ("Kyiv", "Moscow" as metonymy)."""
    return any(c.i <= place.i < c.j and c.label.endswith(":state") for c in view.cues.get("side", ()))


def _possessive(word: str) -> bool:
    """"russia's", "ukraine's": an owner standing between a preposition and its place."""
    return word.endswith(("'s", "’s")) and len(word) > 3 or word == "'s"


def _adjective_compound(view: SentenceView, place: PlaceCue) -> bool:
    """"Moscow-installed", "Kyiv-based", "Kremlin-backed": the name is part of an adjective."""
    j = place.j
    tokens = view.tokens
    return (j + 1 < len(tokens) and tokens[j].text in ("-", "‑") and tokens[j].start == tokens[j - 1].end
            and tokens[j + 1].start == tokens[j].end and tokens[j + 1].text[:1].islower()
            and tokens[j + 1].lower != "based")  # "a Kharkiv-based plant" is still in Kharkiv


def _clock_place(view: SentenceView, place: PlaceCue) -> bool:
    """"11 pm (midnight in Moscow)", "10:00 Moscow time": a time zone, not a place struck."""
    before = view.words(place.i - 4, place.i)
    after = view.words(place.j, place.j + 1)
    return after == ["time"] or (before[-1:] == ["in"] and bool(_CLOCK & set(before[:-1])
                                 or any(":" in w and w[:1].isdigit() for w in before)))


_VERB_CATEGORIES = ("report", "stance", "strike_verb", "damage")
_PASSIVE_AUX = {"was", "were", "is", "are", "been", "being", "be"}
_AUXILIARIES = {"has", "have", "had", "also", "reportedly", "was", "is", "were", "are",
                "did", "does", "do", "could", "should", "must", "may", "might", "can", "'", "‘", "’", "\"", "“", "”", "then", "later",
                "again", "now", "allegedly", "will", "would"}
_PREPOSITIONS = {"on", "in", "at", "against", "of", "near", "over", "into", "toward", "towards", "from",
                 "around", "outside", "across", "to"}
_FINITE_AUX = {"has", "have", "had", "was", "is", "were", "are", "would", "will", "did", "does", "do",
               "could", "should", "must", "may", "might", "can"}
_ACTOR_REACH = 12  # an actor further than this from the trigger is not the attacker


def _side_not_place(view: SentenceView, cue: Cue, place_kind: str = "settlement") -> bool:
    """A capital standing for its state: a subject ("Moscow launched", "Kyiv and Moscow agree",
    "Moscow would halt strikes"), an addressee ("accuses Kyiv", "urged Moscow") or a possessor
    ("Moscow's missiles"); but a place after a preposition ("an attack on Kyiv"), as an object
    ("struck Kyiv") or in a passive ("Kyiv was hit")."""
    if view.tokens[cue.j - 1].lower == "'s":
        cue = Cue(cue.category, cue.label, cue.i, cue.j - 1, cue.start, cue.end)
    after = view.words(cue.j, cue.j + 4)
    if after[:1] == ["'s"]:
        return not (set(after[1:3]) & _LAND or view.within("target", cue.j, cue.j + 3))
    k = cue.i
    while k > 0 and view.tokens[k - 1].lower in _DIRECTIONS:
        k -= 1
    before = view.words(k - 1, k)
    if after[:1] == ["of"] and any(c.i in (cue.j + 1, cue.j + 2) for c in view.cues.get("strike_verb", ())):
        return True  # "accusing Moscow of attacking": the state is accused
    if before and before[0] in _PREPOSITIONS:
        return before[0] in ("on", "against", "at") and not _attack_before(view, k - 1)
    strikes = {c.i for cat in ("strike_verb", "damage") for c in view.cues.get(cat, ())}
    verbs = {c.i for cat in _VERB_CATEGORIES for c in view.cues.get(cat, ())}
    nxt = cue.j + 2 if after[:1] == ["and"] else cue.j
    auxiliary = nxt < len(view.tokens) and view.tokens[nxt].lower in _FINITE_AUX
    while nxt < len(view.tokens) and view.tokens[nxt].lower in _AUXILIARIES:
        nxt += 1
    if auxiliary:  # "Moscow would halt", "Moscow has pounded": the state; "Kyiv was hit": the city
        passive = bool(_PASSIVE_AUX & set(view.words(cue.j, nxt)))
        return not (passive and nxt in strikes)
    if nxt in verbs and not view.tokens[min(nxt, len(view.tokens) - 1)].lower.endswith("ing"):
        return True  # "Moscow 'destroys' depot", "Kyiv says": the capital as the subject
    if any(c.j == cue.i for cat in ("strike_verb", "damage") for c in view.cues.get(cat, ())) \
            or any(cue.j <= i <= cue.j + 3 for i in strikes):
        return False  # "struck Kyiv", "Kyiv TV tower hit"
    if before and cue.i > 0 and place_kind == "settlement":
        return True  # "to discredit Kyiv", "urged Moscow": the object of another verb is the state
    before = view.words(cue.i - 2, cue.i)
    return any(c.j == cue.i or c.j == cue.i - 1 and before[-1:] == ["on"]
               for cat in ("report", "stance") for c in view.cues.get(cat, ()))


def _attack_before(view: SentenceView, k: int) -> bool:
    """An attack word, weapon or target within three tokens before token k ("an attack on
    Kyiv", "drones at Moscow"), unlike "pressure on Moscow"."""
    return any(k - 3 <= c.j <= k for cat in ("strike_verb", "weapon", "damage", "target")
               for c in view.cues.get(cat, ()))


def view_kind(place: PlaceCue) -> str:
    return place.mention.place.kind


def _attacker(view: SentenceView, clause: tuple[int, int], at: int, speaker: Speaker, ctx: DocContext,
              place: PlaceCue | None) -> str:
    return _attacker_evidence(view, clause, at, speaker, ctx, place)[0]


def _attacker_evidence(view: SentenceView, clause: tuple[int, int], at: int, speaker: Speaker,
                       ctx: DocContext, place: PlaceCue | None) -> tuple[str, str]:
    """The attacker and what named it: "actor" (a side acting in the clause), "earlier" (the
    report's actor for this region), "near" (a side acting nearby), "victim" or "convention"."""
    rubric_end = _rubric_end(view)
    all_roles = [r for r in side_roles(view) if r.cue.i not in ctx.excluded and r.cue.i >= rubric_end
                 and abs(r.cue.i - at) <= _ACTOR_REACH]
    roles = [r for r in all_roles if r.role == "actor" and not _not_an_actor(view, r)
             and (r.side not in ("MOD", "GENSTAFF") or speaker.side in ("RU", "UA"))]
    if place is not None:
        roles = [r for r in roles if not (r.cue.i <= place.i < r.cue.j)]
    in_clause = [r for r in roles if clause[0] <= r.cue.i < clause[1]]
    agents = [r for r in in_clause if at < r.cue.i <= at + 8 and "by" in view.words(at, r.cue.i)]
    pool = agents or in_clause  # "shelling … by Ukrainian troops": the agent wins
    if not pool and speaker.denied and speaker.side in ("RU", "UA"):
        return speaker.side, "denial"  # "Moscow denies striking a hospital": the denier is accused
    earlier = _earlier_attacker(ctx, place)
    if not pool and earlier is not None:
        return earlier, "earlier"  # the report already said who strikes this region; it goes on
    evidence = "actor" if pool else "near"
    pool = pool or roles
    if pool:
        best = min(pool, key=lambda r: abs(r.cue.i - at) + (6 if r.cue.i > at and "by" not in view.words(at, r.cue.i) else 0))
        if best.side == "ENEMY":
            return (opposite(speaker.side) if speaker.side in ("RU", "UA") else "RU"), evidence
        if best.side in ("MOD", "GENSTAFF"):
            return speaker.side, evidence
        return best.side, evidence
    near = place.i if place is not None else at
    victims = [r for r in all_roles if r.role in ("victim", "owner") and r.side in ("RU", "UA")
               and min(abs(r.cue.i - near), abs(r.cue.i - at)) <= 4]
    if victims:  # "destroyed 32 Russian troops": the other side struck
        return opposite(victims[0].side), "victim"
    return _default_attacker(place, speaker, ctx), "convention"


def _earlier_attacker(ctx: DocContext, place: PlaceCue | None) -> str | None:
    """The one side this document has named as acting in the same region, if exactly one."""
    if place is None or place.mention.place.kind == "country":
        return None
    p = place.mention.place
    sides = {f["attacker"] for d in ctx.drafts.values() if d.kind is Kind.STRIKE
             for f in (d.fields,) if f["admin1"] == p.admin1 and f["country"] == p.country
             and f.get("evidence") == "actor"}
    return str(sides.pop()) if len(sides) == 1 else None


_FORCES = {"forces", "army", "troops", "military", "units", "navy", "aviation"}
_TITLE_WORDS = {"ambassador", "envoy", "president", "minister", "ministry", "spokesman", "spokeswoman",
                "official", "officials", "diplomat", "diplomats", "embassy", "senator", "lawmaker",
                "lawmakers", "leader", "prime"}
_LOCATIVE = {"in", "across", "throughout", "inside", "within", "into", "over"}  # not "debris from a Russian drone"
_ACTING_AFTER_OWNER = {"army", "armed", "forces", "military", "troops", "air", "navy", "drones", "drone",
                       "missiles", "missile", "attack", "attacks", "strike", "strikes", "shelling",
                       "bombardment", "invasion", "aggression", "war", "troop", "artillery"}


def _not_an_actor(view: SentenceView, role: SideRole) -> bool:
    """A side named as a place or an owner, not as who acts: "in Russia's Kursk region",
    "In Russia,", "regions of the Russian Federation", "Ukraine's grid operator", "US-brokered"."""
    cue = role.cue
    before = view.words(cue.i - 1, cue.i)
    if before and before[0] in _LOCATIVE:
        return True
    reach = view.words(cue.i - 6, cue.i)
    if any(a == "according" and b == "to" for a, b in zip(reach, reach[1:])):
        return True  # "according to local Governor Vitaliy Kim": the source, not the attacker
    if role.kind == "person" and not _person_acts(view, cue):
        return True  # "Zelensky published a video of the strike on …": a person doing something else
    if before == ["of"] and role.kind == "state":  # "regions of Russia", not "the Armed Forces of Russia"
        return not set(view.words(cue.i - 3, cue.i - 1)) & _FORCES
    if set(view.words(cue.j, cue.j + 2)) & _TITLE_WORDS:
        return True  # "a former U.S. ambassador", "the Russian foreign minister": a person's title
    tokens = view.tokens
    if cue.j < len(tokens) and tokens[cue.j].text == "-" and cue.j + 1 < len(tokens) \
            and tokens[cue.j + 1].text[:1].islower() and tokens[cue.j].start == tokens[cue.j - 1].end:
        return True  # "US-brokered", "Moscow-installed": an adjective
    if role.kind in ("demonym", "state") and _owns_target(view, cue):
        return True  # "the Russian Saki air base was struck", "Ukrainian energy facilities"
    if role.kind == "state" and _possessive(tokens[cue.j - 1].lower):
        after = view.words(cue.j, cue.j + 2)
        return not (_ACTING_AFTER_OWNER & set(after) or view.within("weapon", cue.j, cue.j + 2)
                    or view.within("strike_verb", cue.j, cue.j + 2))
    return False


_ATTACK_NOUNS = {"strike", "strikes", "attack", "attacks", "shelling", "bombing", "bombardment", "raid"}


def _person_acts(view: SentenceView, cue: Cue) -> bool:
    """A leader stands for his forces when an attack, weapon or forces word follows at once
    ("Putin's forces", "Putin launched missiles", "Putin ordered strikes")."""
    end = min(len(view.tokens), cue.j + 3)
    if _ACTING_AFTER_OWNER & set(view.words(cue.j, end)):
        return True
    return any(cue.j <= c.i < end for cat in ("strike_verb", "weapon", "damage") for c in view.cues.get(cat, ()))


def _owns_target(view: SentenceView, cue: Cue) -> bool:
    """A target noun within three tokens after a side word, with no weapon or attack word
    between: the side owns what was hit ("Russian naval headquarters", "Russian warships")."""
    end = min(len(view.tokens), cue.j + 3)
    target = next((c for c in view.cues.get("target", ()) if cue.j <= c.i < end), None)
    if target is None:
        return False
    attack_words = [c for cat in ("weapon", "strike_verb", "damage") for c in view.cues.get(cat, ())]
    if any(c.i == target.j and view.tokens[c.i].lower in _ATTACK_NOUNS for c in attack_words):
        return False  # "a Russian railway station strike": the side modifies the attack
    return not any(cue.j <= c.i < target.i for c in attack_words)


def _default_attacker(place: PlaceCue | None, speaker: Speaker, ctx: DocContext) -> str:
    """The guide's convention for a strike of unstated origin."""
    if place is None:  # a country-level strike: the other side of whoever names it
        return opposite(speaker.side) if speaker.source or speaker.verb else UNKNOWN_SIDE
    p = place.mention.place
    if p.country == "RU" or p.admin1 in ("UA-43", "UA-40"):
        return "UA"
    named = speaker.source  # a speaker the sentence names outranks the outlet
    if named and speaker.side in ("RU", "UA"):
        return opposite(speaker.side) if p.country == "UA" else UNKNOWN_SIDE
    if speaker.side == "RU" or ctx.default_side == "RU":
        return "UA"
    if p.country == "UA":
        return "RU"
    return UNKNOWN_SIDE


_RETALIATION = (["in", "retaliation"], ["in", "response"], ["in", "revenge"], ["as", "revenge"])


def _retaliation_start(view: SentenceView, clause: tuple[int, int]) -> int:
    """Where "in retaliation for …" / "in response to …" begins: what it names was not struck now."""
    words = view.words(*clause)
    for k in range(len(words) - 1):
        if words[k:k + 2] in _RETALIATION:
            return clause[0] + k
    return clause[1]


def _country_place(view: SentenceView, clause: tuple[int, int], rubric: bool) -> str | None:
    """A country-level place of a clause: "across Ukraine", "Ukrainian cities"."""
    end = _retaliation_start(view, clause)
    for role in side_roles(view):
        if clause[0] <= role.cue.i < end and role.role == "owner" and role.side in ("UA", "RU"):
            after = view.words(role.cue.j, role.cue.j + 2)
            if after and (after[0] in _LAND or after[:1] == ["'s"] and after[1:2] and after[1] in _LAND):
                return role.side  # "Ukrainian cities", "Ukraine's energy"
    words = view.words(*clause)
    if "across" in words and any(w in _COUNTRY_WORDS for w in words):
        return "UA"
    if rubric and _rubric_end(view):  # a rubric such as "Ukraine round-up:" or "Latest Ukraine updates:"
        named = {p.mention.place.country for p in view.places if p.i < view.clause_starts[1]
                 and p.mention.place.kind == "country" and p.mention.place.country in ("UA", "RU")}
        sides = {r.side for r in side_roles(view) if r.cue.i < view.clause_starts[1]
                 and r.kind == "state" and r.side in ("UA", "RU")}
        if len(named) == 1 and len(named | sides) == 1:  # "Ukraine-Russia war latest:" names the war
            return named.pop()
    return None


def find_strikes(view: SentenceView, ctx: DocContext, speaker: Speaker, taken: set[int]) -> None:
    """Add this sentence's strikes to the document context: each match of a strike rule whose
    blockers let it through, one per clause."""
    done_clauses: set[tuple[int, int]] = set()
    candidates = {c.i: c for c in _triggers(view, taken)}
    for match in find_matches(view, "strike"):
        cue = candidates.get(trigger_of(match)[0])
        if cue is None:
            continue  # a weapon's own word ("attack drones"), a halt phrase, a manned aircraft
        clause = view.clause_of(cue.i)
        if clause in done_clauses or blocked_by(view, match):
            continue
        done_clauses.add(clause)
        if cue.label == "casualty" and not _attack_evidence(view):
            _attach(view, ctx, clause, cue)  # "seven dead found under rubble": casualties, not an attack
            continue
        _strike_clause(view, ctx, speaker, clause, cue, match.rule.id)


@blocker("strike/rubric")
def _in_rubric(view: SentenceView, match: Match) -> bool:
    """A rubric ("Shelling of X: …") names a topic, not a report of it."""
    return trigger_of(match)[0] < _rubric_end(view)


@blocker("strike/negated-hedged-or-combat@clause")
def _blocked_match(view: SentenceView, match: Match) -> bool:
    i, j = trigger_of(match)
    cue = _cue_at(view, i)
    return cue is None or _blocked(view, cue, view.clause_of(i))


@blocker("strike/nonstrike@clause")
def _nonstrike(view: SentenceView, match: Match) -> bool:
    """"shot dead", "executed": violence that is not a strike."""
    return bool(view.within("nonstrike", *view.clause_of(trigger_of(match)[0])))


@blocker("strike/weak-trigger-without-object")
def _weak_without_object(view: SentenceView, match: Match) -> bool:
    """"launched", "targeted" count only with damage or a place soon after them."""
    i, _ = trigger_of(match)
    cue = _cue_at(view, i)
    clause = view.clause_of(i)
    return cue is not None and view.tokens[i].lower in _WEAK_TRIGGERS and not _damage_in(view, clause) \
        and not _has_object(view, cue, clause)


def _cue_at(view: SentenceView, i: int) -> Cue | None:
    return next((c for cat in ("strike_verb", "damage") for c in view.cues.get(cat, ()) if c.i == i), None)


def _attack_evidence(view: SentenceView) -> bool:
    """A verb or noun of attack, a weapon, or damage besides casualties."""
    return bool(view.cues.get("strike_verb") or view.cues.get("weapon")
                or any(c.label == "damage" for c in view.cues.get("damage", ())))


def _has_object(view: SentenceView, cue: Cue, clause: tuple[int, int]) -> bool:
    """A weak trigger ("launched", "targeted") counts only with a place soon after it."""
    return any(cue.j <= p.i <= cue.j + 10 and p.i < clause[1] for p in view.places)


def _strike_clause(view: SentenceView, ctx: DocContext, speaker: Speaker, clause: tuple[int, int],
                   cue: Cue, rule: str) -> None:
    struck = [p for p in _struck_places(view, speaker) if p.i not in ctx.intercept_places]
    places = [p for p in struck if clause[0] <= p.i < clause[1]]
    rubric = _rubric_end(view)
    if not places and rubric and clause[0] >= rubric:
        places = [p for p in struck if p.i < rubric and view_kind(p) != "country"]
    triggers = [c.i for c in _triggers(view, set()) if clause[0] <= c.i < clause[1]]
    places = [p for p in places if view_kind(p) != "country"] or [  # "in Ukraine" near the attack,
        p for p in places if any(abs(p.i - t) <= 10 for t in triggers)]  # not "talks in Saudi Arabia"
    if all(view_kind(p) == "country" for p in places):
        places = _dateline_town(view, clause, places) or places
    if not places:
        _strike_without_place(view, ctx, speaker, clause, cue)
        return
    for place in places:
        attacker, evidence = _attacker_evidence(view, clause, cue.i, speaker, ctx, place)
        p = place.mention.place
        country = p.country or UNKNOWN_SIDE
        admin1 = p.admin1 if p.kind != "country" else None
        weapon = weapon_of(view, clause, _share(place, places, clause))
        fields = {
            "attacker": attacker, "weapon": weapon, "country": country, "admin1": admin1,
            "place": place.mention.surface if p.kind == "settlement" else None,
            "targets": targets_of(view, clause, place, places),
            "killed": None, "injured": None, "evidence": evidence,
        }
        casualties = casualties_in(view, *_share(place, places, clause))
        fields["killed"], fields["injured"] = casualties.killed, casualties.injured
        _emit(view, ctx, speaker, fields, rule)


_TOWN_WORDS = {"town", "city", "village", "settlement", "capital"}


def _dateline_town(view: SentenceView, clause: tuple[int, int], countries: list[PlaceCue]) -> list[PlaceCue]:
    """"VINNYTSIA, Ukraine (AP) — Russian missiles struck a town in central Ukraine": a strike on
    an unnamed town, in the dateline's country, took place at the dateline."""
    if not _TOWN_WORDS & set(view.words(*clause)):
        return []
    base = view.sentence.span.start
    inside = [p for p in view.places if p.mention.start + base in view.dateline_offsets
              and view_kind(p) == "settlement"]
    named = {p.mention.place.country for p in countries}
    return [p for p in inside[:1] if not named or p.mention.place.country in named]


def _attach(view: SentenceView, ctx: DocContext, clause: tuple[int, int], cue: Cue) -> None:
    """Casualties or a weapon for the strike this sentence follows up ("Four were injured.")."""
    casualties = casualties_in(view, *clause)
    last = _titled_strike(view, ctx) or ctx.last_strike
    if last is None or (casualties.killed is None and casualties.injured is None
                        and not view.within("target", *clause)):
        return
    f = last.fields
    for name in ("killed", "injured"):
        value = getattr(casualties, name)
        if value is not None and (f[name] is None or value > f[name]):
            f[name] = value
    for target in targets_of(view, clause, None, []):
        if target not in f["targets"]:
            f["targets"].append(target)
    if f["weapon"] == "unknown":
        f["weapon"] = weapon_of(view, clause)


def _share(place: PlaceCue, places: list[PlaceCue], clause: tuple[int, int]) -> tuple[int, int]:
    """The stretch of a clause whose casualties belong to this place: from after the previous
    place to the next place (the whole clause when it names one place)."""
    k = places.index(place)
    admin1 = place.mention.place.admin1
    first = last = k
    while first > 0 and places[first - 1].mention.place.admin1 == admin1:
        first -= 1  # "in Nikopol, Dnipropetrovsk region, …": the region qualifies the town
    while last + 1 < len(places) and places[last + 1].mention.place.admin1 == admin1:
        last += 1
    start = places[first - 1].j if first > 0 else clause[0]
    end = places[last + 1].i if last + 1 < len(places) else clause[1]
    return start, end


def _news_of_the_day(view: SentenceView, clause: tuple[int, int], casualties: Casualties) -> bool:
    """A strike placed only in a country is news when the sentence dates it ("overnight", "on
    Tuesday") or the clause tells its damage or casualties; otherwise it is the war in general."""
    if view.head or view.cues.get("news_time"):
        return True  # a headline is the news of the day
    if casualties.killed is not None or casualties.injured is not None:
        return True
    return bool(view.within("damage", *clause))


def _mutual(view: SentenceView, clause: tuple[int, int]) -> bool:
    """Both parties act on each other in the clause ("Kyiv and Moscow traded strikes on each
    other", "the two sides attacked each other")."""
    words = view.words(*clause)
    if not (("each", "other") in zip(words, words[1:]) or ("one", "another") in zip(words, words[1:])):
        return False
    sides = {r.side for r in side_roles(view) if clause[0] <= r.cue.i < clause[1]}
    return {"RU", "UA"} <= sides


def _strike_without_place(view: SentenceView, ctx: DocContext, speaker: Speaker,
                          clause: tuple[int, int], cue: Cue) -> None:
    casualties = casualties_in(view, *clause)
    if ctx.topic_place is not None and (view.within("target", *clause) or _refers_back(view, clause)):
        _topic_strike(view, ctx, speaker, clause, cue)  # "attacks on the plant" named in the headline
        return
    if _mutual(view, clause) and _news_of_the_day(view, clause, casualties):
        for attacker in ("RU", "UA"):  # "Ukraine and Russia targeted each other": one strike per side
            fields = {"attacker": attacker, "weapon": weapon_of(view, clause),
                      "country": opposite(attacker), "admin1": None, "place": None, "targets": [],
                      "killed": None, "injured": None}
            _emit(view, ctx, speaker, fields, "strike/mutual")
        return
    country = _country_place(view, clause, rubric=False)
    if country is None and ctx.last_strike is None:
        country = _country_place(view, clause, rubric=True)
    if country is None:
        _attach(view, ctx, clause, cue)
        return
    if not _news_of_the_day(view, clause, casualties):
        return  # "Russia's attack on Ukraine continues", "long-range strikes across Russia": background
    attacker = _attacker(view, clause, cue.i, speaker, ctx, None)
    fields = {
        "attacker": attacker, "weapon": weapon_of(view, clause), "country": country,
        "admin1": None, "place": None, "targets": targets_of(view, clause, None, []),
        "killed": casualties.killed, "injured": casualties.injured,
    }
    _emit(view, ctx, speaker, fields, "strike/country-level")


_TITLE_AFTER = {"governor", "administration", "authorities", "officials", "official", "mayor", "head",
                "police", "council", "emergency", "rescuers", "prosecutor", "prosecutors", "military"}


def _title_place(view: SentenceView, place: PlaceCue) -> bool:
    """"the Sumy regional administration said": a place in a speaker's title, not a place struck."""
    after = view.words(place.j, place.j + 3)
    if "," in after:
        after = after[:after.index(",")]
    return bool(set(after) & _TITLE_AFTER) and any(c.i >= place.j for c in view.cues.get("report", ()))


def _after_report(view: SentenceView, place: PlaceCue) -> bool:
    verbs = [c.i for c in view.cues.get("report", ()) if c.i >= place.j]
    return bool(verbs) and any(c.i > verbs[0] for c in _triggers(view, set()))


def _titled_strike(view: SentenceView, ctx: DocContext) -> Draft | None:
    """The strike a speaker's title points at ("…, the Sumy regional administration said")."""
    for place in view.places:
        if _title_place(view, place):
            for draft in reversed(list(ctx.drafts.values())):
                if draft.kind is Kind.STRIKE and draft.fields["admin1"] == place.mention.place.admin1:
                    return draft
    return None


_BACK_REFERENCES = {"facility", "plant", "station", "site", "depot", "bridge", "refinery", "complex",
                    "terminal", "dam", "base", "airfield", "port"}


def _refers_back(view: SentenceView, clause: tuple[int, int]) -> bool:
    """"shelled the facility themselves": the site named earlier."""
    words = view.words(*clause)
    return any(a == "the" and b in _BACK_REFERENCES for a, b in zip(words, words[1:]))


def _topic_strike(view: SentenceView, ctx: DocContext, speaker: Speaker, clause: tuple[int, int],
                  cue: Cue) -> None:
    place = ctx.topic_place
    assert place is not None
    p = place.mention.place
    words = view.words(*clause)
    mutual = ("each", "other") in zip(words, words[1:]) or "both" in words
    attackers = ["RU", "UA"] if mutual else [_attacker(view, clause, cue.i, speaker, ctx, None)]
    for attacker in attackers:
        if attacker == UNKNOWN_SIDE:
            attacker = _default_attacker(place, speaker, ctx)
        fields = {"attacker": attacker, "weapon": weapon_of(view, clause),
                  "country": p.country, "admin1": p.admin1, "place": None,
                  "targets": targets_of(view, clause, place, [place]), "killed": None, "injured": None}
        _emit(view, ctx, speaker, fields, "strike/named-site")


def _emit(view: SentenceView, ctx: DocContext, speaker: Speaker, fields: dict, rule: str) -> None:
    key = (Kind.STRIKE, fields["attacker"], fields["country"], fields["admin1"])
    modality = Modality.CLAIMED if speaker.source or speaker.verb else Modality.ASSERTED
    if speaker.denied and speaker.side == fields["attacker"]:
        modality = Modality.DENIED
    draft = Draft(Kind.STRIKE, key, view.sentence, fields, speaker.side, speaker.source, modality, rule=rule)
    ctx.last_strike = ctx.add(draft)
