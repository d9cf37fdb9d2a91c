"""The fields of a strike that its own words give: the weapon of each attack and the targets
of each place.

A full report names several attacks; each strike takes the weapon named for its own clause
(or the sentence's leading rubric), never the report's first weapon, and the targets named
for its place: the one right before it with those listed with it, a breakdown after it, and
for a list of places what is named before the list.
"""

from __future__ import annotations

from trucewatch.extract.analysis import PlaceCue, SentenceView, per_cue, rubric_end as _rubric_end
from trucewatch.extract.attribution import side_roles
from trucewatch.extract.matcher import Cue

__all__ = ["targets_of", "weapon_of"]

_SYSTEMS = {"system", "systems", "launcher", "launchers", "complex", "complexes", "units", "unit",
            "battery", "batteries", "crews"}


def weapon_of(view: SentenceView, clause: tuple[int, int], segment: tuple[int, int] | None = None) -> str:
    """The weapon named first for this attack (in the place's own stretch of the clause when it
    has one); weapons that were the target ("destroyed three Grad systems") do not count.
    A clause that names none takes the weapon of the sentence's leading rubric, else stays
    unknown: on full reports a weapon named for one attack is wrong for the others more often
    than right (a later sentence on the same place, or the country-level sentence it refines,
    can still give one)."""
    weapons = [c for c in view.cues.get("weapon", ()) if not _weapon_as_target(view, c)]
    in_clause = [c for c in weapons if clause[0] <= c.i < clause[1]]
    own = [c for c in in_clause if segment is not None and segment[0] <= c.i < segment[1]]
    rubric = [c for c in weapons if c.j <= _rubric_end(view)]  # "Shelling of X region: …"
    pick = (own or in_clause or rubric or [None])[0]
    return pick.label if pick is not None else "unknown"


# Nouns that make a weapon word the name of what is made or kept ("a drone factory", "the
# aviation, missile and space sectors"): the place struck, not what struck it.
_MAKERS = {"sector", "sectors", "industry", "industries", "factory", "factories", "plant", "plants",
           "production", "producer", "producers", "manufacturer", "manufacturers", "manufacturing",
           "enterprise", "enterprises", "workshop", "workshops", "warehouse", "warehouses", "arsenal",
           "arsenals", "storage", "assembly"}
_LIST_GLUE = {",", "and", "or", "space", "aerospace", "defence", "defense", "components", "parts"}


def _names_a_maker(view: SentenceView, cue: Cue) -> bool:
    """The weapon word, alone or in a list of such words, modifies a maker noun."""
    if any(c.i <= cue.i < c.j for c in view.cues.get("strike_verb", ())):
        return False  # "Russia bombs enterprises": the verb, not a modifier
    listed = {k for c in view.cues.get("weapon", ()) for k in range(c.i, c.j)}
    for k in range(cue.j, min(len(view.tokens), cue.j + 6)):
        word = view.tokens[k].lower
        if word in _MAKERS:
            return True
        if word not in _LIST_GLUE and k not in listed:
            return False
    return False


@per_cue
def _weapon_as_target(view: SentenceView, cue: Cue) -> bool:
    if set(view.words(cue.j, cue.j + 2)) & _SYSTEMS:
        return True
    if _names_a_maker(view, cue):
        return True
    return any(0 <= cue.i - c.j <= 4 and c.label == "damage" and not {"by", "with", "from"} & set(view.words(c.j, cue.i))
               for c in view.cues.get("damage", ()))  # but "damaged by artillery fire" names the weapon


def targets_of(view: SentenceView, clause: tuple[int, int], place: PlaceCue | None,
               places: list[PlaceCue]) -> list[str]:
    """Targets named for this place: each target noun goes to the next place after it, and a
    list of places ("the Sumy and Kharkiv regions") shares what is named before the list."""
    out: list[str] = [place.target] if place is not None and place.target and not \
        set(view.words(place.i - 2, place.i)) & {"near", "around", "outside", "close"} else []
    cues = [c for c in view.within("target", *clause) if not _not_a_target(view, c)]
    group = _coordinated(view, places, place)
    if place is not None:  # "a hospital in Sumy": a target right before its place binds tightly
        head = group[0] if group else place
        tight = _tight_targets(view, cues, head)
        cues = tight + _breakdown(view, cues, group[-1] if group else place) if tight else cues
    for cue in cues:
        after = [p for p in places if p.i >= cue.j]
        before = [p for p in places if p.j <= cue.i]
        owner = after[0] if after else (before[-1] if before else None)
        if place is None or owner is None or owner is place or owner in group:
            for label in cue.label.split("+"):  # "military+port": a naval vessel
                if label not in out:
                    out.append(label)
    return out


_TARGET_GLUE = {",", "and", "or", "the", "a", "an", "as", "well"}


_REGION_NOUNS = {"region", "regions", "oblast", "oblasts", "province", "district", "city", "community"}
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an",
                 "several", "dozens"}
_BREAKDOWN_OPENERS = {"including", "among", "namely", "particularly", "in", "such"}
_RELATIVES = {"which", "that", "who", "whose", "where", "whom"}


def _breakdown(view: SentenceView, cues: list[Cue], last: PlaceCue) -> list[Cue]:
    """Targets named after the place in the same stretch ("houses in the X region, as well as a
    shop"; "20 objects in the X region - 16 houses, two factories"), up to a relative clause
    ("which is used to base command posts") or a credit after a dash ("- regional administration")."""
    stop = len(view.tokens)
    for k in range(last.j, len(view.tokens)):
        word = view.tokens[k].lower
        if word in _RELATIVES:
            stop = k
            break
        if word in ("-", "–", "—", ":"):
            nxt = [w for w in view.words(k + 1, k + 4) if w not in _REGION_NOUNS][:1]
            if not nxt or not (nxt[0].isdigit() or nxt[0] in _BREAKDOWN_OPENERS or nxt[0] in _NUMBER_WORDS):
                stop = k
                break
    return [c for c in cues if last.j <= c.i < stop]


def _tight_targets(view: SentenceView, cues: list[Cue], head: PlaceCue) -> list[Cue]:
    """The target right before the place ("a hospital in Sumy") with those listed with it
    ("positions and civilian infrastructure in the Sumy region")."""
    tight = [c for c in cues if 0 <= head.i - c.j <= 2
             and view.words(c.j, head.i)[:1] in (["in"], ["at"], ["of"], ["on"], ["near"])]
    if not tight:
        return []
    chain = [tight[0]]
    for c in reversed([c for c in cues if c.j <= tight[0].i]):
        gap = view.words(c.j, chain[-1].i)
        if len(gap) <= 4 and gap and (gap[-1] in _TARGET_GLUE) and ("and" in gap or "," in gap):
            chain.append(c)
        elif c.j < chain[-1].i:
            break
    return chain + [c for c in tight[1:] if c not in chain]


_SPEAKER_NOUNS = {"officials", "official", "spokesman", "spokeswoman", "spokesperson", "sources",
                  "source", "chief", "commander", "commanders", "command", "blogger", "bloggers",
                  "analysts", "expert", "experts", "intelligence"}


def _coordinated(view: SentenceView, places: list[PlaceCue], place: PlaceCue | None) -> list[PlaceCue]:
    """The list a place stands in ("the Belgorod, Bryansk and Kursk regions"): the places
    joined to it by commas and "and" only, which share the targets named before the list."""
    if place is None or place not in places:
        return []
    k = places.index(place)
    start = end = k
    while start > 0 and _joined(view, places[start - 1], places[start]):
        start -= 1
    while end + 1 < len(places) and _joined(view, places[end], places[end + 1]):
        end += 1
    return places[start:end + 1]


def _joined(view: SentenceView, left: PlaceCue, right: PlaceCue) -> bool:
    return all(w in (",", "and", "the", "&") for w in view.words(left.j, right.i))


_ACTOR_NOUNS = {"troops", "soldiers", "servicemen", "forces", "units", "unit", "personnel", "military",
                "manpower", "army", "navy"}


@per_cue
def _not_a_target(view: SentenceView, cue: Cue) -> bool:
    """"Russian occupation troops struck", "City Council said": an actor or a speaker, not a target."""
    for role in side_roles(view):
        if role.role == "actor" and (0 <= cue.i - role.cue.j <= 1 or role.cue.i <= cue.i < role.cue.j) \
                and not set(view.words(role.cue.j, cue.i)) & {"and", ",", "or"}:
            return True
    if view.words(cue.j, cue.j + 1) == ["of"] and any(r.cue.i == cue.j + 1 for r in side_roles(view)) \
            and view.tokens[cue.j - 1].lower in _ACTOR_NOUNS:
        return True  # "troops of the Russian Federation" (but "positions of Russian troops" is a target)
    if any(0 <= c.i - cue.j <= 1 for c in view.cues.get("report", ())):
        return True
    if set(view.words(cue.j, cue.j + 1)) & _SPEAKER_NOUNS:
        return True  # "military officials said", "the administration head": who speaks
    if set(view.words(cue.j, cue.j + 1)) & {"city", "town", "towns", "cities", "hub"}:
        return True  # "the port city of Odesa", "an industrial town": what the place is, not what was hit
    before = view.words(cue.i - 8, cue.i)
    if "head" in before[-5:] or any(a == "according" and b == "to" for a, b in zip(before, before[1:])):
        return True  # "according to the head of the city's military administration": the source
    if _LOCATING & {" ".join(before[-k:]) for k in (1, 2, 3)}:
        return True  # "a fire in the area of the plant": where it happened, not what was hit
    if "without" in view.words(cue.j, cue.j + 4) and {"leaving", "left", "leaves"} & set(before[-6:]):
        return True  # "leaving five villages and a hospital without power": a consequence
    return _defence_acting(view, cue)


_LOCATING = {"area of", "area of the", "vicinity of", "vicinity of the", "next to", "next to the",
             "close to", "close to the", "near the", "near", "outside the"}


def _defence_acting(view: SentenceView, cue: Cue) -> bool:
    """"with air defence systems destroying all the drones": the defender, not a target."""
    nxt = cue.j
    if nxt >= len(view.tokens) or not {"defence", "defense", "defences", "defenses"} & set(view.words(cue.i, cue.j)):
        return False
    if any(c.i == nxt for c in view.cues.get("intercept", ())):
        return True
    return view.tokens[nxt].lower.endswith("ing") and any(c.i == nxt for c in view.cues.get("damage", ()))
