"""Strikes: an attack hit, damaged, killed or injured something at a place.

One strike per (attacker, country, region) per document, as the guide
labels it. A clause needs a striking verb or noun, or damage or casualties,
and a place that was hit or made the target (not "over" or "toward" it); it
must not be negated, hypothetical, planned, merely attempted, or a running
total "since the invasion".
"""

from __future__ import annotations

from trucewatch.extract.analysis import PlaceCue, SentenceView
from trucewatch.extract.attribution import Speaker, opposite, side_roles
from trucewatch.extract.casualties import casualties_in
from trucewatch.extract.context import DocContext, Draft
from trucewatch.extract.matcher import Cue
from trucewatch.model import Kind, Modality, UNKNOWN_SIDE

__all__ = ["find_strikes"]

_NOT_STRUCK_BEFORE = {"over", "toward", "towards", "from", "via", "through", "into", "to",
                      "direction", "above", "near", "around", "outside", "skies", "sky"}
_STRUCK_BEFORE_OK = {"near"}  # "positions near X" still places the strike in X's region
_COUNTRY_WORDS = {"country", "nation"}
_GROUND_COMBAT = {"repelled", "repulsed", "repel", "repelling", "repulse", "fought", "fighting",
                  "offensive", "advance", "advancing", "retreat", "assaults", "ground"}
_WEAK_TRIGGERS = {"launched", "launch", "launches", "target", "targets", "fire", "raid", "rock",
                  "rocks", "ram", "burning", "blaze", "assault", "hit", "hits"}
# Country-level places: "in Ukraine", "across Ukraine", "Ukrainian cities".
_COUNTRY_PREPS = {"in", "across", "on", "against", "at", "throughout", "struck", "hit", "hits",
                  "strikes", "attacked", "pounded", "shelled"}
_LAND = {"cities", "towns", "villages", "territory", "soil", "infrastructure", "regions",
         "settlements", "land", "energy", "targets", "facilities"}


def _blocked(view: SentenceView, cue: Cue, clause: tuple[int, int]) -> bool:
    """Negated, hedged, planned or attempted in its clause (cues before the trigger)."""
    start = clause[0]
    for category in ("negation", "hedge"):
        for c in view.within(category, start, cue.i):
            if category == "hedge" and c.label == "attempt" and _damage_in(view, clause):
                continue
            if category == "negation" and cue.i - c.j > 6:
                continue
            return True
    before = view.words(cue.i - 1, cue.i)
    if before == ["to"]:
        return True
    return bool(_GROUND_COMBAT & set(view.words(max(start, cue.i - 4), cue.i)))


def _damage_in(view: SentenceView, clause: tuple[int, int]) -> bool:
    return bool(view.within("damage", *clause))


def _triggers(view: SentenceView, taken: set[int]) -> list[Cue]:
    cues = list(view.cues.get("strike_verb", ())) + list(view.cues.get("damage", ()))
    return sorted((c for c in cues if c.i not in taken), key=lambda c: c.i)


def _struck(view: SentenceView, place: PlaceCue, speaker: Speaker) -> bool:
    kind = view_kind(place)
    if kind == "water":
        return False
    before = view.words(place.i - 3, place.i)
    if before and before[-1] in _NOT_STRUCK_BEFORE - _STRUCK_BEFORE_OK:
        return False
    if before[-3:] == ["in", "the", "direction"] or before[-2:] == ["direction", "of"]:
        return False
    if before[-2:] in (["flying", "toward"], ["flying", "to"]):
        return False
    for role in side_roles(view):  # "Moscow denies", "Kyiv says": a side, not a place
        if role.cue.i <= place.i < role.cue.j and role.role == "speaker":
            return False
        if role.cue.i <= place.i < role.cue.j and role.kind == "state" and _subject(view, role.cue):
            return False
    if kind == "country":
        return bool(before) and before[-1] in _COUNTRY_PREPS
    return True


def _subject(view: SentenceView, cue: Cue) -> bool:
    """A capital as a sentence subject: "Moscow launched", "Kyiv and Moscow agree"."""
    after = view.words(cue.j, cue.j + 3)
    if after[:1] == ["and"]:
        after = after[2:]
    categories = ("report", "stance", "strike_verb")
    return any(c.i in (cue.j, cue.j + 2) for cat in categories for c in view.cues.get(cat, ()))


def view_kind(place: PlaceCue) -> str:
    return place.mention.place.kind


def _attacker(view: SentenceView, clause: tuple[int, int], at: int, speaker: Speaker, ctx: DocContext,
              place: PlaceCue | None) -> str:
    roles = [r for r in side_roles(view) if r.role == "actor" and r.side not in ("MOD", "GENSTAFF")
             and r.cue.i not in ctx.excluded]
    if place is not None:
        roles = [r for r in roles if not (r.cue.i <= place.i < r.cue.j)]
    in_clause = [r for r in roles if clause[0] <= r.cue.i < clause[1]]
    pool = in_clause or roles
    if pool:
        best = min(pool, key=lambda r: abs(r.cue.i - at))
        if best.side == "ENEMY":
            return opposite(speaker.side) if speaker.side in ("RU", "UA") else "RU"
        return best.side
    return _default_attacker(place, speaker, ctx)


def _default_attacker(place: PlaceCue | None, speaker: Speaker, ctx: DocContext) -> str:
    """The guide's convention for a strike of unstated origin."""
    if place is None:
        return UNKNOWN_SIDE
    p = place.mention.place
    if speaker.side == "RU" or ctx.default_side == "RU":
        return "UA"
    if p.country == "RU" or p.admin1 in ("UA-43", "UA-40"):
        return "UA"
    if p.country == "UA":
        return "RU"
    return UNKNOWN_SIDE


def _weapon(view: SentenceView, clause: tuple[int, int], at: int, attacker: str, ctx: DocContext) -> str:
    weapons = view.cues.get("weapon", ())
    in_clause = [c for c in weapons if clause[0] <= c.i < clause[1]]
    before = [c for c in in_clause if c.i <= at]
    pick = (before[-1] if before else in_clause[0] if in_clause else weapons[0] if weapons else None)
    if pick is not None:
        return pick.label
    return ctx.weapons.get(attacker) or "unknown"


def _targets(view: SentenceView, clause: tuple[int, int], place: PlaceCue | None,
             places: list[PlaceCue]) -> list[str]:
    """Targets named for this place: each target noun goes to the next place after it."""
    out: list[str] = []
    for cue in view.within("target", *clause):
        if any(w in view.words(cue.i - 1, cue.i) for w in ("russian", "ukrainian")) and cue.label in ("military",):
            pass
        after = [p for p in places if p.i >= cue.j]
        before = [p for p in places if p.j <= cue.i]
        owner = after[0] if after else (before[-1] if before else None)
        if place is None or owner is None or owner is place:
            if cue.label not in out:
                out.append(cue.label)
    return out


def _country_place(view: SentenceView, clause: tuple[int, int]) -> str | None:
    """A country-level place of a clause: "across Ukraine", "Ukrainian cities"."""
    for role in side_roles(view):
        if clause[0] <= role.cue.i < clause[1] and role.role == "owner" and role.side in ("UA", "RU"):
            after = view.words(role.cue.j, role.cue.j + 2)
            if after and (after[0] in _LAND or after[:1] == ["'s"] and after[1:2] and after[1] in _LAND):
                return role.side
    words = view.words(*clause)
    if "across" in words and any(w in _COUNTRY_WORDS for w in words):
        return "UA"
    return None


def find_strikes(view: SentenceView, ctx: DocContext, speaker: Speaker, taken: set[int]) -> None:
    """Add this sentence's strikes to the document context."""
    if view.cues.get("aggregate"):
        return
    done_clauses: set[tuple[int, int]] = set()
    for cue in _triggers(view, taken):
        clause = view.clause_of(cue.i)
        if clause in done_clauses or _blocked(view, cue, clause):
            continue
        if view.tokens[cue.i].lower in _WEAK_TRIGGERS and not _damage_in(view, clause) and not _has_object(view, cue, clause):
            continue
        done_clauses.add(clause)
        _strike_clause(view, ctx, speaker, clause, cue)


def _has_object(view: SentenceView, cue: Cue, clause: tuple[int, int]) -> bool:
    """A weak trigger ("launched", "hit") counts when it has an attack object or a place soon after."""
    words = view.words(cue.j, min(clause[1], cue.j + 8))
    return any(w in ("strike", "strikes", "attack", "attacks", "airstrike", "airstrikes", "at", "on")
               for w in words) or any(cue.j <= p.i <= cue.j + 6 for p in view.places)


def _strike_clause(view: SentenceView, ctx: DocContext, speaker: Speaker, clause: tuple[int, int],
                   cue: Cue) -> None:
    places = [p for p in view.places if clause[0] <= p.i < clause[1] and _struck(view, p, speaker)]
    places = [p for p in places if view_kind(p) != "country"] or places
    if not places:
        _strike_without_place(view, ctx, speaker, clause, cue)
        return
    casualties = casualties_in(view, *clause)
    for place in places:
        attacker = _attacker(view, clause, cue.i, speaker, ctx, place)
        p = place.mention.place
        country = p.country or UNKNOWN_SIDE
        admin1 = p.admin1 if p.kind != "country" else None
        weapon = _weapon(view, clause, place.i, attacker, ctx)
        fields = {
            "attacker": attacker, "weapon": weapon, "country": country, "admin1": admin1,
            "place": place.mention.surface if p.kind == "settlement" else None,
            "targets": _targets(view, clause, place, places),
            "killed": casualties.killed if len(places) == 1 else None,
            "injured": casualties.injured if len(places) == 1 else None,
        }
        _emit(view, ctx, speaker, fields)


def _strike_without_place(view: SentenceView, ctx: DocContext, speaker: Speaker,
                          clause: tuple[int, int], cue: Cue) -> None:
    casualties = casualties_in(view, *clause)
    country = _country_place(view, clause)
    if country is None:
        last = ctx.last_strike
        if last is not None and (casualties.killed is not None or casualties.injured is not None
                                 or view.within("target", *clause)):
            f = last.fields
            for name in ("killed", "injured"):
                value = getattr(casualties, name)
                if value is not None and (f[name] is None or value > f[name]):
                    f[name] = value
            if f["weapon"] == "unknown":
                f["weapon"] = _weapon(view, clause, cue.i, f["attacker"], ctx)
        return
    attacker = _attacker(view, clause, cue.i, speaker, ctx, None)
    fields = {
        "attacker": attacker, "weapon": _weapon(view, clause, cue.i, attacker, ctx), "country": country,
        "admin1": None, "place": None, "targets": _targets(view, clause, None, []),
        "killed": casualties.killed, "injured": casualties.injured,
    }
    _emit(view, ctx, speaker, fields)


def _emit(view: SentenceView, ctx: DocContext, speaker: Speaker, fields: dict) -> None:
    key = (Kind.STRIKE, fields["attacker"], fields["country"], fields["admin1"])
    modality = Modality.CLAIMED if speaker.source or speaker.verb else Modality.ASSERTED
    if speaker.denied and speaker.side == fields["attacker"]:
        modality = Modality.DENIED
    draft = Draft(Kind.STRIKE, key, view.sentence, fields, speaker.side, speaker.source, modality)
    ctx.last_strike = ctx.add(draft)
    if fields["weapon"] != "unknown":
        ctx.weapons.setdefault(fields["attacker"], fields["weapon"])
