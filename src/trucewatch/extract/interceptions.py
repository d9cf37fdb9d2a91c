"""Interceptions: a party says its air defence stopped projectiles.

An intercepting verb ("shot down", "destroyed", "intercepted", "repelled")
counts when its object is a projectile (drone, missile) or when air defence
is the subject; manned aircraft ("helicopter", "Su-25") are not projectiles.
The number before each projectile group is its count; a group that is the
object of "launched"/"fired" gives `launched` instead. One interception per
(claimant, weapon) per document.
"""

from __future__ import annotations

from dataclasses import dataclass

from trucewatch.extract.analysis import SentenceView, rubric_end as _rubric_end
from trucewatch.extract.attribution import Speaker, opposite, side_roles
from trucewatch.extract.context import DocContext, Draft
from trucewatch.extract.matcher import Cue
from trucewatch.model import Kind, Modality, UNKNOWN_SIDE

__all__ = ["find_interceptions", "note_launches", "settle_launched"]

_PROJECTILES = {"drone", "missile"}
_LAUNCH = {"launched", "fired", "used", "sent", "launching", "firing", "with", "launches", "fires"}
_SKIP_BEFORE_GROUP = {"enemy", "russian", "ukrainian", "cruise", "kamikaze", "ballistic", "guided",
                      "more", "iranian", "iranian-made", "attack", "occupant", "occupants'", "hostile",
                      "reconnaissance", "incoming", "of", "the", "'s", "russia", "ukraine", "-", "made",
                      "type", "enemy's", "their", "its", "x", "air", "strike", "combat", "operational",
                      "tactical", "level", "unmanned", "aerial", "vehicles", "all", "other"}
_UNSURE_ATTEMPT = {"tried", "try", "trying", "attempt", "attempted", "attempts", "efforts", "effort",
                   "failed", "not", "no", "could", "would", "able", "time", "cannot", "unable"}


@dataclass(slots=True)
class Group:
    """Adjacent projectile cues of one weapon: "nine Shahed-136 kamikaze drones"."""

    label: str
    i: int
    j: int
    plural: bool


_SYSTEM_WORDS = {"launcher", "launchers", "launch", "system", "systems", "complex", "complexes", "units",
                 "unit", "brigade", "forces", "battery", "batteries", "troops", "operators", "crews"}


def _groups(view: SentenceView) -> list[Group]:
    out: list[Group] = []
    defenders = view.cues.get("defender", ())
    for cue in view.cues.get("weapon", ()):
        if cue.label not in _PROJECTILES or _strike_noun(view, cue):
            continue
        if any(d.i <= cue.i < d.j for d in defenders) or set(view.words(cue.j, cue.j + 2)) & _SYSTEM_WORDS:
            continue  # "anti-aircraft missile units", "multiple rocket launch system": not projectiles
        last = view.tokens[cue.j - 1].lower
        plural = last.endswith("s") and last not in ("uavs",) or last == "uavs"
        if out and out[-1].label == cue.label and cue.i - out[-1].j <= 1:
            out[-1].j, out[-1].plural = cue.j, plural
        else:
            out.append(Group(cue.label, cue.i, cue.j, plural))
    return out


def _strike_noun(view: SentenceView, cue: Cue) -> bool:
    """"missile strike", "drone attack": the attack, not a projectile object."""
    words = view.words(cue.i, cue.j + 1)
    return any(w in ("strike", "strikes", "attack", "attacks") for w in words)


def _bound(view: SentenceView, verb: Cue, groups: list[Group]) -> list[Group]:
    """Projectile groups that are the verb's object (after it) or its passive subject (before it)."""
    clause = view.clause_of(verb.i)
    passive = view.words(verb.i - 1, verb.i) in (["was"], ["were"], ["been"], ["be"], ["being"], ["get"], ["got"])
    before = [g for g in groups if verb.i - 9 <= g.j <= verb.i and g.i >= clause[0]]
    if passive:  # "seven drones that were flying toward X had been shot down": the clause's subject
        subjects = [g for g in groups if clause[0] <= g.j <= verb.i]
        if subjects:
            return subjects[-1:] if not before else before
    after = [g for g in groups if verb.j <= g.i <= verb.j + 10 and g.i < clause[1]
             and not _object_in_between(view, verb.j, g.i, groups)]
    # A headline's "Two enemy missiles shot down": the group right before the verb;
    # "60% of them downed": the group the pronoun stands for.
    anaphora = bool(set(view.words(verb.i - 2, verb.i)) & {"them", "which"})
    return after or [g for g in before if verb.i - g.j <= 1 or anaphora]


def _object_in_between(view: SentenceView, i: int, j: int, groups: list[Group]) -> bool:
    """"destroyed a depot with missiles", "a building that was hit by a rocket": another object
    comes before the projectile (only numbers, modifiers and other projectiles may stand between)."""
    if view.within("target", i, j) or view.within("manned", i, j) or any(i <= p.i < j for p in view.places):
        return True
    return bool(set(view.words(i, j)) & {"with", "that", "which", "who", "was", "were", "is", "by", "hit", "struck"})


def _count_before(view: SentenceView, group: Group) -> tuple[int | None, Cue | None]:
    """The number heading a group, and whether a launch verb governs it."""
    k = group.i
    while k > 0 and view.tokens[k - 1].lower in _SKIP_BEFORE_GROUP:
        k -= 1
    number = next((n for n in view.numbers if n.j == k), None)
    value = number.value if number else (None if group.plural else 1)
    return value, None


def _launch_group(view: SentenceView, group: Group) -> bool:
    k = group.i
    while k > 0 and (view.tokens[k - 1].lower in _SKIP_BEFORE_GROUP or any(n.i <= k - 1 < n.j for n in view.numbers)):
        k -= 1
    if view.words(k - 1, k) and view.words(k - 1, k)[0] in _LAUNCH:
        return True
    after = view.words(group.j, group.j + 2)
    return after[:2] in (["were", "launched"], ["were", "fired"], ["was", "launched"], ["was", "fired"])


def _blocked(view: SentenceView, verb: Cue) -> bool:
    start = view.clause_of(verb.i)[0]
    before = set(view.words(max(start, verb.i - 5), verb.i))
    if before & _UNSURE_ATTEMPT or view.words(verb.i - 1, verb.i) == ["to"]:
        return True
    return any(view.within(cat, start, verb.i) for cat in ("hedge",)) and not view.words(verb.i - 2, verb.i) == ["were", "shot"]


def _manned_only(view: SentenceView, verb: Cue) -> bool:
    clause = view.clause_of(verb.i)
    return any(verb.j <= c.i <= verb.j + 6 or verb.i - 6 <= c.j <= verb.i
               for c in view.within("manned", *clause))


def _claimant(view: SentenceView, verb: Cue, groups: list[Group], speaker: Speaker, ctx: DocContext,
              used: set[int]) -> str:
    owned = {k for g in groups for k in range(max(0, g.i - 3), g.j)}
    defenders = view.cues.get("defender", ())
    clause = view.clause_of(verb.i)
    candidates = []
    for role in side_roles(view):
        if role.cue.i in owned or role.role in ("speaker", "owner", "victim") or role.side in ("ENEMY",):
            continue
        if not clause[0] <= role.cue.i < clause[1]:
            continue
        near_defender = any(0 <= d.i - role.cue.j <= 3 for d in defenders)
        subject = (role.cue.j <= verb.i and verb.i - role.cue.j <= 8
                   and not view.within("strike_verb", role.cue.j, verb.i)
                   and not set(view.words(role.cue.j, verb.i)) & _LAUNCH)  # not "Russia launched … shot down"
        agent = role.cue.i > verb.i and "by" in view.words(verb.j, role.cue.i)
        if near_defender or subject or agent:
            candidates.append((not near_defender, abs(role.cue.i - verb.i), role))
    for _, _, role in sorted(candidates, key=lambda c: (c[0], c[1])):
        used.update(range(role.cue.i, role.cue.j))
        side = role.side if role.side not in ("MOD", "GENSTAFF") else speaker.side
        if side != UNKNOWN_SIDE:
            return side
    if any(view.words(d.i - 1, d.i) == ["its"] for d in defenders) or speaker.side != UNKNOWN_SIDE:
        if speaker.side != UNKNOWN_SIDE:
            return speaker.side
    projectile_side = _projectile_side(view, groups)
    if projectile_side in ("RU", "UA"):
        return opposite(projectile_side)  # "intercepted 57 Ukrainian drones": Russia claims it
    for role in side_roles(view):  # "Russia attacked Ukraine with 117 drones … shot down 56": Ukraine claims
        if role.role == "actor" and role.side in ("RU", "UA") and role.cue.i < verb.i \
                and not any(0 <= d.i - role.cue.j <= 3 for d in defenders):
            return opposite(role.side)
    return ctx.default_side


def _projectile_side(view: SentenceView, groups: list[Group]) -> str | None:
    for role in side_roles(view):
        if any(g.i - 4 <= role.cue.i < g.i for g in groups) and role.side in ("RU", "UA"):
            return role.side
    return None


def _attacker(view: SentenceView, groups: list[Group], claimant: str) -> str:
    for role in side_roles(view):
        if any(g.i - 4 <= role.cue.i < g.i or g.j <= role.cue.i <= g.j + 3 and
               view.words(role.cue.i - 1, role.cue.i) in (["from"], ["by"]) for g in groups):
            if role.side == "ENEMY":
                return opposite(claimant)
            if role.side in ("RU", "UA"):
                return role.side
    for place in view.places:
        if place.mention.place.kind == "country" and view.words(place.i - 1, place.i) == ["from"]:
            if place.mention.place.country in ("RU", "UA"):
                return place.mention.place.country or UNKNOWN_SIDE
    return opposite(claimant)


def _regions(view: SentenceView) -> tuple[list[str], str | None]:
    regions: list[str] = []
    water = None
    for place in view.places:
        p = place.mention.place
        before = view.words(place.i - 3, place.i)
        if p.kind == "water":
            water = water or p.name
        elif p.kind != "country" and p.admin1 and not ("direction" in before or before[-1:] in (["toward"], ["towards"], ["to"], ["from"])):
            if p.admin1 not in regions:
                regions.append(p.admin1)
    return regions, water


def find_interceptions(view: SentenceView, ctx: DocContext, speaker: Speaker) -> tuple[set[int], set[int]]:
    """Add this sentence's interceptions; return the verb tokens and defender-side tokens used."""
    taken: set[int] = set()
    used_sides: set[int] = set()
    if view.cues.get("aggregate") or not view.cues.get("intercept"):
        return taken, used_sides
    groups = _groups(view)
    found: dict[str, dict] = {}
    counted: set[int] = set()
    rubric = _rubric_end(view)
    verbs = [v for v in view.cues["intercept"] if v.i >= rubric] or view.cues["intercept"]
    for verb in verbs:
        if _blocked(view, verb):
            continue
        bound = [g for g in _bound(view, verb, groups) if g.i not in counted]
        if not bound and (not _defended(view, verb) or _manned_only(view, verb) or _ground_object(view, verb)
                          or not _air_object(view, verb)):
            continue
        taken.update(range(verb.i, verb.j))
        claimant = _claimant(view, verb, bound, speaker, ctx, used_sides)
        attacker = _attacker(view, bound, claimant)
        for label, launched, intercepted in _counts(view, bound):
            entry = found.setdefault(label, {"claimant": claimant, "attacker": attacker,
                                             "launched": None, "intercepted": None, "all": False})
            entry["all"] = entry["all"] or _definite(view, bound)
            entry["launched"] = _add(entry["launched"], launched)
            entry["intercepted"] = _add(entry["intercepted"], intercepted)
        if not bound:
            label = groups[0].label if groups else ctx.first_projectile or "unknown"
            count = _of_them(view, verb)
            entry = found.setdefault(label, {"claimant": claimant, "attacker": attacker, "all": False,
                                             "launched": None, "intercepted": None})
            entry["intercepted"] = _add(entry["intercepted"], count if count is not None else _air_targets(view, verb))
        taken.update(k for g in bound for k in range(g.i, g.j))
        counted.update(g.i for g in bound)
    regions, water = _regions(view)
    for label, entry in found.items():
        fields = {"weapon": label, "admin1_list": regions, "water": water, **entry}
        key = (Kind.INTERCEPTION, entry["claimant"], label)
        modality = Modality.CLAIMED if speaker.source or speaker.verb else Modality.ASSERTED
        ctx.add(Draft(Kind.INTERCEPTION, key, view.sentence, fields, entry["claimant"], speaker.source, modality,
                      rule="interception/intercept-verb"))
    return taken, used_sides


def _defended(view: SentenceView, verb: Cue) -> bool:
    """Air defence is the subject ("air defences thwarted") or agent ("repulsed by air defence")."""
    clause = view.clause_of(verb.i)
    return any(clause[0] <= d.i < verb.i or verb.j <= d.i < clause[1] and "by" in view.words(verb.j, d.i)
               for d in view.cues.get("defender", ()))


def _air_object(view: SentenceView, verb: Cue) -> bool:
    """Without a projectile named, the verb's object must be air targets, "them", an attack, or
    nothing at all ("the airstrike was repulsed by air defence"): "destroyed ten tanks" is not."""
    clause_end = view.clause_of(verb.i)[1]
    after = view.words(verb.j, min(clause_end, verb.j + 4))
    if not after or after[0] in ("by", ",", ".", "over", "in", "near", "on", "at", "overnight", "during"):
        return True
    if {"targets", "them", "attack", "attacks", "airstrike", "strike", "strikes", "it", "objects"} & set(after):
        return True
    return False


def _ground_object(view: SentenceView, verb: Cue) -> bool:
    after = view.words(verb.j, verb.j + 4)
    if _defended(view, verb):
        return False
    return any(w in ("attack", "attacks", "assault", "assaults", "offensive", "tanks", "positions", "group")
               for w in after) and not any(w in ("air", "missile", "drone") for w in after)


def _air_targets(view: SentenceView, verb: Cue) -> int | None:
    after = view.words(verb.j, verb.j + 5)
    if "targets" in after:
        k = verb.j + after.index("targets")
        for n in view.numbers:
            if verb.j <= n.i < k:
                return n.value
    return None


def _counts(view: SentenceView, bound: list[Group]) -> list[tuple[str, int | None, int | None]]:
    out = []
    for group in bound:
        value, _ = _count_before(view, group)
        part = _part_of(view, group)
        if part is not None:  # "shot down 56 of 117 drones"
            out.append((group.label, value, part))
            continue
        if _launch_group(view, group):
            out.append((group.label, value, None))
        else:
            out.append((group.label, None, value))
    return out


def note_launches(view: SentenceView, ctx: DocContext) -> None:
    """Remember how many projectiles the document says were launched ("fired a missile at X",
    "attacked Odesa region with two missiles"), for the interceptions of the same weapon."""
    for debris in view.cues.get("debris", ()):  # "the wreckage of the missile": one was downed
        for group in _groups(view):
            if 0 <= group.i - debris.j <= 3 and not group.plural and "of" in view.words(debris.j, group.i):
                ctx.debris_single.add(group.label)
    for group in _groups(view):
        if _launch_group(view, group):
            value, _ = _count_before(view, group)
            key = (group.label, _launcher(view, group))
            if value is None:
                ctx.launch_mentioned.add(group.label)
            else:
                ctx.launches[key] = max(value, ctx.launches.get(key, 0))


def _launcher(view: SentenceView, group: Group) -> str | None:
    """The side that launched a group: "Russia launched 145 drones" → RU."""
    clause = view.clause_of(group.i)
    actors = [r for r in side_roles(view) if r.role == "actor" and r.side in ("RU", "UA")
              and clause[0] <= r.cue.i < group.i]
    return actors[-1].side if actors else None


def settle_launched(ctx: DocContext) -> None:
    """Fill `launched` from the document's launch figures; "launched missiles … shot down the
    missiles" (all of them) makes launched equal intercepted."""
    for draft in ctx.drafts.values():
        f = draft.fields
        if draft.kind is not Kind.INTERCEPTION:
            continue
        if f["intercepted"] is None and f["weapon"] in ctx.debris_single:
            f["intercepted"] = 1
        if f["launched"] is not None:
            continue
        launched = ctx.launches.get((f["weapon"], f["attacker"]), ctx.launches.get((f["weapon"], None)))
        if launched is not None:
            f["launched"] = launched
        elif f["weapon"] in ctx.launch_mentioned and f.get("all") and f["intercepted"] is not None:
            f["launched"] = f["intercepted"]


def _definite(view: SentenceView, bound: list[Group]) -> bool:
    return any(view.words(g.i - 2, g.i)[-1:] in (["the"], ["all"]) or view.words(g.i - 1, g.i) == ["both"]
               for g in bound)


def _part_of(view: SentenceView, group: Group) -> int | None:
    """N in "N of M <group>"."""
    k = group.i
    while k > 0 and view.tokens[k - 1].lower in _SKIP_BEFORE_GROUP - {"of"}:
        k -= 1
    head = next((n for n in view.numbers if n.j == k), None)
    if head is None or view.words(head.i - 1, head.i) != ["of"]:
        return None
    part = next((n for n in view.numbers if n.j == head.i - 1), None)
    return part.value if part is not None else None


def _of_them(view: SentenceView, verb: Cue) -> int | None:
    """"shot down 72 of them": the count of an earlier group."""
    after = view.words(verb.j, verb.j + 4)
    number = next((n for n in view.numbers if n.i == verb.j), None)
    if number is not None and after[1:3] in (["of", "them"], ["of", "those"], ["of", "these"]):
        return number.value
    return None


def _add(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b
