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

from trucewatch.extract.analysis import PlaceCue, SentenceView, rubric_end as _rubric_end
from trucewatch.extract.attribution import Speaker, opposite, roles_within, side_roles
from trucewatch.extract.context import DocContext, Draft
from trucewatch.extract.counts import Number
from trucewatch.extract.matcher import Cue
from trucewatch.extract.patterns import Match, find_matches
from trucewatch.model import Kind, Modality, UNKNOWN_SIDE

__all__ = ["find_interceptions", "note_launches", "settle_launched"]

_PROJECTILES = {"drone", "missile"}
_LAUNCH = {"launched", "fired", "used", "sent", "launching", "firing", "with", "launches", "fires", "included",
           "involved"}
_SKIP_BEFORE_GROUP = {"enemy", "russian", "ukrainian", "cruise", "kamikaze", "ballistic", "guided",
                      "more", "iranian", "iranian-made", "attack", "occupant", "occupants'", "hostile",
                      "reconnaissance", "incoming", "of", "the", "'s", "russia", "ukraine", "-", "made",
                      "type", "enemy's", "their", "its", "x", "air", "strike", "combat", "operational",
                      "tactical", "level", "unmanned", "aerial", "vehicles", "all", "other", "iran",
                      "built", "iran-built", "russian-made", "naval", "sea", "long-range", "jet-powered"}
_UNSURE_ATTEMPT = {"tried", "try", "trying", "attempt", "attempted", "attempts", "efforts", "effort",
                   "failed", "not", "no", "could", "would", "able", "time", "cannot", "unable"}


@dataclass(slots=True)
class Group:
    """Adjacent projectile cues of one weapon: "nine Shahed-136 kamikaze drones"."""

    label: str
    i: int
    j: int
    plural: bool


_SYSTEM_WORDS = {"depot", "depots", "warehouse", "warehouses", "carrier", "carriers", "ship", "ships", "boat", "boats", "launcher", "launchers", "launch", "system", "systems", "complex", "complexes", "units",
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
    if any(w.i == cue.j for w in view.cues.get("weapon", ())):
        return False  # "Shahed attack drones": the next word starts another weapon name
    inside = view.words(cue.j - 1, cue.j + 1)  # the cue's head and the word after it
    return any(w in ("strike", "strikes", "attack", "attacks") for w in inside)


def _bound(view: SentenceView, verb: Cue, groups: list[Group]) -> list[Group]:
    """Projectile groups that are the verb's object (after it) or its passive subject (before it)."""
    clause = view.clause_of(verb.i)
    passive = _passive(view, verb)
    before = [g for g in groups if verb.i - 9 <= g.j <= verb.i and g.i >= clause[0]]
    if passive:  # "seven drones that were flying toward X had been shot down": the clause's subject
        subjects = [g for g in groups if clause[0] <= g.j <= verb.i and not _other_subject(view, g.j, verb.i)
                    and not _attack_agent(view, g)]
        if subjects:
            nearest = subjects[-1:] if not before else before
            return _coordinated(view, groups, nearest[0]) + nearest
    end = _clause_end(view, verb)
    after = [g for g in groups if verb.j <= g.i <= verb.j + 10 and g.i < end
             and not _object_in_between(view, verb.j, g.i, groups) and not _own_verb(view, g)]
    # A headline's "Two enemy missiles shot down": the group right before the verb;
    # "60% of them downed": the group the pronoun stands for.
    anaphora = bool(set(view.words(verb.i - 3, verb.i)) & {"them", "which"})
    return after or [g for g in before if verb.i - g.j <= 1 and _bare_after(view, verb) or anaphora]


def _clause_end(view: SentenceView, verb: Cue) -> int:
    """The verb's clause end; "shot down all but two of the 20 drones" goes on past "but"."""
    end = view.clause_of(verb.i)[1]
    if view.words(end - 1, end + 1) == ["all", "but"]:
        end = view.clause_of(end)[1]
    return end


_BETWEEN_AUX = {"also", "all", "reportedly", "successfully", "already", "then", "later", "subsequently",
                "\"", "“", "”", "'", "‘", "’", "promptly", "quickly", "eventually", "allegedly"}


def _passive(view: SentenceView, verb: Cue) -> bool:
    """"were shot down", "were successfully shot down", "were “destroyed”": a passive verb."""
    k = verb.i - 1
    while k > 0 and (view.tokens[k].lower in _BETWEEN_AUX or view.tokens[k].lower.endswith("ly")):
        k -= 1
    return view.words(k, k + 1)[:1] in (["was"], ["were"], ["been"], ["be"], ["being"], ["get"], ["got"])


def _coordinated(view: SentenceView, groups: list[Group], first: Group) -> list[Group]:
    """Earlier groups joined to a passive subject by "and": "six missiles launched toward Odesa, and
    21 drones … were destroyed", "eight drones and three missiles which were shot down"."""
    out: list[Group] = []
    for group in reversed([g for g in groups if g.j <= first.i]):
        between = view.words(group.j, (out[0] if out else first).i)
        if "and" not in between or len(between) > 10 or view.within("report", group.j, first.i) \
                or view.within("intercept", group.j, first.i):
            break
        out.insert(0, group)
    return out


def _relative_all(view: SentenceView, group: Group, verb: Cue) -> bool:
    """"… drones and three missiles which were shot down": the relative clause covers them all."""
    between = view.words(group.j, verb.i)
    return bool(between) and ("which" in between or "that" in between) and len(between) <= 14 \
        and not view.within("intercept", group.j, verb.i)


def _other_subject(view: SentenceView, i: int, j: int) -> bool:
    """"a missile hit a building, four floors were destroyed": a counted noun or a target stands
    between the projectile and the passive verb, so it is the verb's subject."""
    relative = view.words(i, i + 1) in (["that"], ["which"])  # "drones that were flying toward X"
    new_subject = any(i <= n.i < j and not n.article and view.words(n.i - 1, n.i) == [","] for n in view.numbers)
    return new_subject or bool(view.within("target", i, j)) and not relative


def _attack_agent(view: SentenceView, group: Group) -> bool:
    """"the airfield, which was hit by four missiles, has been destroyed": the group is the means
    of another verb's attack, not what was shot down."""
    return any(group.i - 4 <= c.j <= group.i and view.tokens[c.i].lower not in _LAUNCH  # "launched 30 drones"
               for cat in ("strike_verb", "damage") for c in view.cues.get(cat, ()))


def _own_verb(view: SentenceView, group: Group) -> bool:
    """"… and another 47 drones were redirected": a later group with its own verb is not the object."""
    k = group.j
    while k < len(view.tokens) and view.tokens[k].lower in ("have", "had", "has"):
        k += 1
    return view.words(k, k + 1)[:1] in (["were"], ["was"], ["are"], ["is"])


_BARE_AFTER = {"by", ",", ".", ":", ";", "-", "–", "—", "over", "in", "near", "on", "at", "overnight", "during",
               "above", "outside", "today", "yesterday", "last", "this", "after", "before", "as", "while",
               "and", "off", "(", "with", "from", "\"", "“", "”", "'"}


def _bare_after(view: SentenceView, verb: Cue) -> bool:
    """A headline's "Two missiles shot down over Kyiv": nothing, a preposition or a time after the verb;
    "the drone destroyed the roof", "drones have destroyed a third of …" have an object instead."""
    after = view.words(verb.j, verb.j + 1)
    return not after or after[0] in _BARE_AFTER


def _object_in_between(view: SentenceView, i: int, j: int, groups: list[Group]) -> bool:
    """"destroyed a depot with missiles", "a building that was hit by a rocket": another object
    comes before the projectile (only numbers, modifiers and other projectiles may stand between)."""
    if view.within("target", i, j) or any(i <= p.i < j and not _possessor(view, p) for p in view.places):
        return True
    manned = view.within("manned", i, j)
    if manned and not _joined_after(view, manned[-1].j, j):
        return True  # "shot down a Su-25 over the drones' launch site"; not "a Su-34 jet and two drones"
    return bool(set(view.words(i, j)) & {"with", "that", "which", "who", "was", "were", "is", "by", "hit", "struck", ":"})


def _possessor(view: SentenceView, place: PlaceCue) -> bool:
    """"downed Ukraine's drones": a country owning the projectiles, not an object of its own."""
    return place.mention.place.kind == "country" and view.words(place.j, place.j + 1) == ["'s"]


def _joined_after(view: SentenceView, i: int, j: int) -> bool:
    """"… jet and two drones": only "and" (or a comma) and the group's count and modifiers from i to j."""
    between = view.words(i, j)
    weapons = view.cues.get("weapon", ())
    return between[:1] in (["and"], [","]) and all(
        view.tokens[k].lower in _SKIP_BEFORE_GROUP | _LIST_WORDS or any(n.i <= k < n.j for n in view.numbers)
        or _name_digits(view, k) or any(w.i <= k < w.j and w.label in _PROJECTILES for w in weapons)
        for k in range(i + 1, j))  # "one plane, 12 UAVs and five cruise missiles": other groups may stand between


_LIST_WORDS = {"and", ",", "(", ")", "a", "an", "one"}


def _count_before(view: SentenceView, group: Group) -> tuple[int | None, Cue | None]:
    """The number heading a group, and whether a launch verb governs it."""
    k = group.i
    while k > 0 and (view.tokens[k - 1].lower in _SKIP_BEFORE_GROUP or _name_digits(view, k - 1)):
        k -= 1
    number = next((n for n in view.numbers if n.j == k), None)
    value = number.value if number else (None if group.plural else 1)
    return value, None


_SKIP_BEFORE_LAUNCHED = _SKIP_BEFORE_GROUP | {"a", "total", "already", "up", "at", "least", "as", "many"}


def _name_digits(view: SentenceView, k: int) -> bool:
    """Digits that are no count (counts.py left them out): the "59" of "X-59 missiles"."""
    return view.tokens[k].lower[:1].isdigit() and not any(n.i <= k < n.j for n in view.numbers)


def _launch_group(view: SentenceView, group: Group) -> bool:
    """"launched 20 drones", "used a total of 86 drones", "fired at least 12 missiles"."""
    k = group.i
    while k > 0 and (view.tokens[k - 1].lower in _SKIP_BEFORE_LAUNCHED or any(n.i <= k - 1 < n.j for n in view.numbers)):
        k -= 1
    if view.words(k - 1, k) and view.words(k - 1, k)[0] in _LAUNCH:
        return True
    after = view.words(group.j, group.j + 2)
    return after[:2] in (["were", "launched"], ["were", "fired"], ["was", "launched"], ["was", "fired"])


_OPEN_QUESTION = {"whether"}  # "it was not clear whether the missiles were intercepted"
_HABITUAL = {"usually", "typically", "normally", "generally", "habitually", "routinely", "regularly",
             "often", "always"}  # "air defences usually shoot down most drones": no night's event


def _blocked(view: SentenceView, verb: Cue) -> bool:
    """Attempts, open questions, habits and hedges before the verb: no claim of a shoot-down."""
    start = view.clause_of(verb.i)[0]
    before = set(view.words(max(start, verb.i - 5), verb.i))
    if before & _UNSURE_ATTEMPT or view.words(verb.i - 1, verb.i) == ["to"]:
        return True
    if _OPEN_QUESTION & set(view.words(verb.i - 10, verb.i)) or _HABITUAL & set(view.words(verb.i - 3, verb.i)):
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
    for role in roles_within(view, *clause):
        if role.cue.i in owned or role.role in ("speaker", "owner", "victim") or role.side in ("ENEMY",) \
                or _in_dateline(view, role.cue.i):
            continue
        near_defender = any(0 <= d.i - role.cue.j <= 3 for d in defenders)
        subject = (role.cue.j <= verb.i and verb.i - role.cue.j <= 8
                   and view.words(role.cue.i - 1, role.cue.i) not in (["by"], ["from"])  # "fired by Ukraine were"
                   and not view.within("strike_verb", role.cue.j, verb.i)
                   and not set(view.words(role.cue.j, verb.i)) & _LAUNCH)  # not "Russia launched … shot down"
        agent = role.cue.i > verb.i and "by" in view.words(verb.j, role.cue.i) \
            and not set(view.words(role.cue.i - 3, role.cue.i)) & _LAUNCH  # not "launched by Russia"
        if near_defender or subject or agent:
            candidates.append((not near_defender, abs(role.cue.i - verb.i), role))
    for _, _, role in sorted(candidates, key=lambda c: (c[0], c[1])):
        used.update(range(role.cue.i, role.cue.j))
        side = role.side if role.side not in ("MOD", "GENSTAFF") else speaker.side
        if side != UNKNOWN_SIDE:
            return side
    if speaker.side != UNKNOWN_SIDE and (speaker.source or speaker.verb):
        return speaker.side
    head = _rubric_side(view)
    if head is not None:  # "Russian Defence Ministry: air defences destroyed 14 drones"
        return head
    projectile_side = _projectile_side(view, groups)
    if projectile_side in ("RU", "UA"):
        return opposite(projectile_side)  # "intercepted 57 Ukrainian drones": Russia claims it
    # "Five more were brought down near Lviv, the air force added": the document's claimant goes on.
    if (ctx.claimant or speaker.side) != UNKNOWN_SIDE:
        return ctx.claimant or speaker.side
    for role in side_roles(view):  # "Russia attacked Ukraine with 117 drones … shot down 56": Ukraine claims
        if role.role == "actor" and role.side in ("RU", "UA") and role.cue.i < verb.i and not _in_dateline(view, role.cue.i) \
                and not any(0 <= d.i - role.cue.j <= 3 for d in defenders):
            return opposite(role.side)
    defender = _defender_of_attack(ctx)
    if defender != UNKNOWN_SIDE:
        return defender
    # Downed over a region of one side's own, uncontested territory: that side's air defence;
    # else the outlet's own side (a Russian outlet's air defences are Russia's).
    return _home_side(view) or ctx.default_side


_CONTESTED = {"UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65"}  # both sides' air defences fire there


def _home_side(view: SentenceView) -> str | None:
    sides = {p.mention.place.country for p in view.places if p.mention.place.kind != "country"
             and p.mention.place.admin1 and p.mention.place.admin1 not in _CONTESTED and not _in_dateline(view, p.i)}
    return next(iter(sides)) if len(sides) == 1 and sides <= {"RU", "UA"} else None


def _rubric_side(view: SentenceView) -> str | None:
    """The side a leading rubric names ("Ukraine's Air Force: …"): who the line speaks for."""
    end = _rubric_end(view)
    if not end or not set(view.words(0, end)) & _SPEAKING_BODIES \
            or any(c.i < end for cat in ("weapon", "strike_verb") for c in view.cues.get(cat, ())):
        return None  # "Russia's missile attack on Mykolaiv:" names the attacker, not who speaks
    heads = [r.side for r in side_roles(view) if r.cue.j < end and r.side in ("RU", "UA")
             and not _in_dateline(view, r.cue.i)]
    return heads[0] if heads else None


_SPEAKING_BODIES = {"ministry", "command", "staff", "force", "forces", "military", "army", "navy", "mod",
                    "spokesman", "spokesperson", "governor", "administration", "headquarters"}


def _in_dateline(view: SentenceView, k: int) -> bool:
    """"KYIV, March 3 (Reuters) -": where the report was filed, neither a side acting nor a region."""
    return view.tokens[k].start in view.dateline_offsets


def _defender_of_attack(ctx: DocContext) -> str:
    """A report of a Russian attack on Lviv whose air defence goes unnamed: Ukraine's."""
    attackers = [d.fields["attacker"] for d in ctx.drafts.values() if d.kind is Kind.STRIKE]
    attackers += [side for _, side in ctx.launches if side]  # "Russia launched 50 drones overnight."
    return opposite(attackers[0]) if attackers else UNKNOWN_SIDE


def _projectile_side(view: SentenceView, groups: list[Group]) -> str | None:
    """"57 Ukrainian drones", "Russia's Shahed drones": a side inside the projectile's noun phrase."""
    roles = side_roles(view)
    for group in groups:
        near = [r for r in roles if group.i - 4 <= r.cue.i < group.i and _modifies(view, r.cue.j, group.i)]
        if near and near[-1].side in ("RU", "UA"):  # the nearest: "by ZSU the Russian cruise missile"
            return near[-1].side
    return None


def _modifies(view: SentenceView, i: int, j: int) -> bool:
    """Only numbers and modifiers between a side word and its projectile group."""
    return all(view.tokens[k].lower in _SKIP_BEFORE_GROUP or any(n.i <= k < n.j for n in view.numbers)
               for k in range(i, j))


def _attacker(view: SentenceView, groups: list[Group], claimant: str) -> str:
    defenders = view.cues.get("defender", ())
    for role in side_roles(view):
        if any(0 <= d.i - role.cue.j <= 1 for d in defenders):
            continue  # "destroyed by Russian air defence": the defender's side, not the attacker's
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
        if _in_dateline(view, place.i):
            continue
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
    ctx.intercept_places = set()
    _note_claimant(view, ctx, speaker)
    if _running_total(view) or not (view.cues.get("intercept") or view.cues.get("intercept_noun")) \
            or _navigation(view):
        return taken, used_sides
    groups = _groups(view)
    found: dict[str, dict] = {}
    rules: dict[str, str] = {}  # weapon → the rule of its first figures in this sentence
    matches = find_matches(view, "interception")
    last_group: dict[str, Group] = {}
    counted: set[int] = set()
    rubric = _rubric_end(view)
    nouns = view.cues.get("intercept_noun", ())
    cues = sorted([*view.cues.get("intercept", ()), *nouns], key=lambda c: c.i)
    verbs = [v for v in cues if v.i >= rubric] or cues
    for verb in verbs:
        if _blocked(view, verb) or any(c.i <= verb.i < c.j for c in view.cues.get("not_intercept", ())):
            continue
        bound = [g for g in _bound(view, verb, groups) if g.i not in counted]
        if verb in nouns and not bound:
            continue  # "the destruction of Mariupol": a noun of shooting down needs its projectiles
        bare = None if bound or not (groups or ctx.first_projectile) else _bare_count(view, verb)
        if bare is not None and view.within("damage", verb.i, verb.j) and not _defended(view, verb) \
                and not any(g.j <= verb.i and _launch_group(view, g) for g in groups):
            bare = None  # "damaged 29 houses and completely destroyed three": damage, not a shoot-down
            # (but "Kyiv launched 25 drones; 21 were destroyed" counts the drones launched)
        if not bound and bare is None and (not _defended(view, verb) or _manned_only(view, verb)
                                           or _ground_object(view, verb) or not _air_object(view, verb)):
            continue
        taken.update(range(verb.i, verb.j))
        ctx.intercept_places.update(_downed_over(view, verb))
        claimant = _claimant(view, verb, bound, speaker, ctx, used_sides)
        if claimant in ("RU", "UA"):
            ctx.claimant = claimant
        attacker = _attacker(view, bound, claimant)
        for group in bound:
            launched, intercepted, rule = _group_counts(view, verb, group, matches)
            listed = _listed_more(view, verb, group, groups, matches) if rule.endswith(("/passive", "/intercept-verb")) \
                else []
            if listed and (intercepted is not None or view.words(group.j, group.j + 1) == [":"]):
                # "10 drones over Sumy, 7 over Poltava and 5 over Kharkiv"; "drones: 5 over Kursk, 4 over Oryol"
                intercepted, rule = (intercepted or 0) + sum(listed), "interception/regional-list"
            figure = _total_figure(view, group.j)
            if figure is not None and intercepted is not None and figure > intercepted:
                intercepted = figure  # "8 over Odesa and 12 over Mykolaiv, a total of 20": the total wins
            entry = found.setdefault(group.label, {"claimant": claimant, "attacker": attacker,
                                                   "launched": None, "intercepted": None, "all": False})
            rules.setdefault(group.label, rule)
            entry["all"] = entry["all"] or _definite(view, [group])
            combine = _add if not _restated(view, last_group.get(group.label), group) else _larger
            entry["launched"] = combine(entry["launched"], launched)
            entry["intercepted"] = combine(entry["intercepted"], intercepted)
            last_group[group.label] = group
        if not bound:
            label = groups[0].label if groups else ctx.first_projectile or "unknown"
            count = _of_them(view, verb)
            entry = found.setdefault(label, {"claimant": claimant, "attacker": attacker, "all": False,
                                             "launched": None, "intercepted": None})
            if bare is not None and count is None:  # "Of the 25 drones, 20 were shot down"; "… downed 45."
                count, rule = bare.value, "interception/n-were-downed"
                whole = next((m for m in matches if m.rule.id == "interception/of-m-n"
                              and m.slots.get("part", (-1,))[0] == bare.i), None)
                entry["launched"] = _add(entry["launched"], _slot_value(view, whole, "whole") if whole else None)
                rule = whole.rule.id if whole else rule
            else:
                rule = "interception/n-of-them" if count is not None else "interception/by-air-defence"
            rules.setdefault(label, rule)
            entry["intercepted"] = _add(entry["intercepted"], count if count is not None else _air_targets(view, verb))
        taken.update(k for g in bound for k in range(g.i, g.j))
        counted.update(g.i for g in bound)
    regions, water = _regions(view)
    total = _stated_total(view)
    for label, entry in found.items():
        fields = {"weapon": label, "admin1_list": regions, "water": water, **entry}
        key = (Kind.INTERCEPTION, entry["claimant"], label)
        _tally(ctx.drafts.get(key), fields, total, _count_regions(view), _additive(view))
        modality = Modality.CLAIMED if speaker.source or speaker.verb else Modality.ASSERTED
        ctx.add(Draft(Kind.INTERCEPTION, key, view.sentence, fields, entry["claimant"], speaker.source, modality,
                      rule=rules[label]))
    return taken, used_sides


_TOTAL_WORDS = (["across", "the", "country"], ["across", "ukraine"], ["across", "russia"], ["in", "total"],
                ["in", "all"], ["nationwide"], ["overall"], ["all", "told"])


def _total_figure(view: SentenceView, after: int) -> int | None:
    """The number a sentence states as its total after a group ("…, a total of 20", "20 in total")."""
    for n in view.numbers:
        if n.i < after or n.value is None:
            continue
        if view.words(n.i - 2, n.i) == ["total", "of"] or view.words(n.i - 3, n.i) == ["in", "total", ","] \
                or view.words(n.j, n.j + 2) in (["in", "total"], ["in", "all"]):
            return n.value
    return None


def _stated_total(view: SentenceView) -> bool:
    """"a total of 31 drones", "across the country", "in all": the report's total for the night."""
    if any(c.label == "total" for c in view.cues.get("aggregate", ())):
        return True
    words = view.words(0, len(view.tokens))
    return any(words[k:k + len(w)] == w for w in _TOTAL_WORDS for k in range(len(words)))


def _count_regions(view: SentenceView) -> list[str]:
    """Regions a figure is given for: "in/over/near X", "X region"; not "Lviv paratroopers"."""
    out: list[str] = []
    for place in view.places:
        p = place.mention.place
        located = set(view.words(place.i - 2, place.i)) & {"in", "over", "near", "above", "around", "outside"} \
            or view.words(place.j, place.j + 1) in (["region"], ["oblast"])
        if p.kind != "country" and p.admin1 and located and p.admin1 not in out and not _in_dateline(view, place.i):
            out.append(p.admin1)
    return out


_MORE_BEFORE = {"another", "further", "additional"}


def _additive(view: SentenceView) -> bool:
    """"Five more were shot down", "another 12 drones", "a further three": figures to add."""
    for n in view.numbers:
        if view.words(n.j, n.j + 1) == ["more"] or set(view.words(n.i - 2, n.i)) & _MORE_BEFORE:
            return True
    return False


def _tally(kept: Draft | None, fields: dict, total: bool, regions: list[str], more: bool = False) -> None:
    """The guide: a stated total wins; without one, figures for different regions add up (a figure
    restated for the same or no region is one figure), and so do figures said to be more
    ("five more were downed near Lviv"). `_merge` then keeps the larger count."""
    fields["total"], fields["counted_regions"], fields["more"] = total, regions, more
    if kept is None:
        return
    old = kept.fields
    if more and not total and not old.get("more") and fields["intercepted"] is not None \
            and old.get("intercepted") is not None:  # (a headline's "one more" restated is one)
        fields["intercepted"] = old["intercepted"] + fields["intercepted"]
        old["counted_regions"] = sorted(set(old.get("counted_regions", ())) | set(regions))
        return
    if total and not old.get("total"):
        old["launched"], old["intercepted"] = fields["launched"], fields["intercepted"]
        return
    if old.get("total") and not total:
        fields["launched"] = fields["intercepted"] = None
        return
    mine, theirs = set(regions), set(old.get("counted_regions", ()))
    if not total and mine and theirs and not mine & theirs:
        fields["intercepted"] = _add(old["intercepted"], fields["intercepted"]) if fields["intercepted"] is not None \
            else None
        fields["launched"] = _add(old["launched"], fields["launched"]) if fields["launched"] is not None else None
        old["counted_regions"] = sorted(theirs | mine)


def _downed_over(view: SentenceView, verb: Cue) -> set[int]:
    """Places after the intercepting verb in its clause ("shot down across the Kherson and Mykolaiv
    regions") say where projectiles were downed, not what was hit, unless the sentence reports damage."""
    if view.cues.get("damage") or view.cues.get("debris"):
        return set()  # "… was repulsed by the air defence of X region, but debris damaged a house"
    end = view.clause_of(verb.i)[1]
    stops = {c.i for cat in ("report", "strike_verb", "intercept") for c in view.cues.get(cat, ()) if c.i >= verb.j}
    for k in range(verb.j, end):  # the verb's own phrase: up to "that", "which" or another verb
        if view.tokens[k].lower in ("that", "which", "where", "while", "after", "as", "when") or k in stops:
            end = k
            break
    return {p.i for p in view.places if verb.j <= p.i < end and view.words(p.i - 1, p.i) not in (["on"], ["at"])}


def _note_claimant(view: SentenceView, ctx: DocContext, speaker: Speaker) -> None:
    """A named party speaking of weapons or air defence is the claimant later sentences go on with."""
    if speaker.source and speaker.side in ("RU", "UA") and (view.cues.get("weapon") or view.cues.get("defender")):
        ctx.claimant = speaker.side


def _running_total(view: SentenceView) -> bool:
    """"Since the start of the war, 5,000 drones were shot down": a running total, not an event.
    "A total of 31 drones were downed overnight" is one night's figure."""
    return any(c.label == "since" for c in view.cues.get("aggregate", ()))


_NAVIGATION = (["read", "also"], ["read", "more"], ["see", "also"], ["related", ":"], ["also", "read"])


def _navigation(view: SentenceView) -> bool:
    """"Read also: air defences intercept 21 missiles": another article's headline."""
    return view.words(0, 2) in _NAVIGATION


def _defended(view: SentenceView, verb: Cue) -> bool:
    """Air defence is the subject ("air defences thwarted") or agent ("repulsed by air defence");
    not the speaker ("the air force announced it had struck … destroying it") nor the thing
    destroyed ("an air defence system destroyed in Crimea")."""
    clause = view.clause_of(verb.i)
    return any((clause[0] <= d.i < verb.i and not _destroyed_system(view, d, verb)
                or verb.j <= d.i < clause[1] and "by" in view.words(verb.j, d.i))
               and not _speaking(view, d) for d in view.cues.get("defender", ()))


def _speaking(view: SentenceView, defender: Cue) -> bool:
    return any(defender.j <= r.i <= defender.j + 1 for r in view.cues.get("report", ()))


def _destroyed_system(view: SentenceView, defender: Cue, verb: Cue) -> bool:
    """"air defence system destroyed in Crimea": the system is the passive subject, no object follows."""
    between = view.words(defender.j, verb.i)
    return len(between) <= 2 and bool(set(between) & _SYSTEM_WORDS) \
        and not any(verb.j <= n.i <= verb.j + 1 for n in view.numbers) \
        and view.words(verb.j, verb.j + 1)[:1] not in (["the"], ["a"], ["all"])


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


def _restated(view: SentenceView, earlier: Group | None, group: Group) -> bool:
    """"Air defence shot down 4 missiles: 4 out of 5 missiles …": a colon restates, it does not add."""
    return earlier is not None and ":" in view.words(earlier.j, group.i)


def _larger(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


Counts = tuple[int | None, int | None, str]  # launched, intercepted, the rule that read them


def _group_counts(view: SentenceView, verb: Cue, group: Group, matches: list[Match]) -> Counts:
    """Launched and intercepted for one projectile group, and the construction that said so."""
    value, _ = _count_before(view, group)
    head = _head(view, group)
    bound_by = "interception/passive" if group.j <= verb.i else "interception/intercept-verb"
    part = _part_of(view, head, matches)
    if part is not None:  # "shot down 56 of 117 drones", "two of the four missiles", "all but two of the 20"
        return head.value if head else value, *part
    them = next((m for m in matches if m.rule.id == "interception/n-of-them" and group.j <= m.i and m.j <= verb.i
                 and m.j + 3 >= verb.i), None)
    if them is not None:  # "launched 50 drones, and 44 of them were shot down"
        return value, _slot_value(view, them, "part"), them.rule.id
    share = _match_after(matches, "interception/of-which-n", group.j)
    if share is not None:  # "eight drones, of which seven were shot down"
        return value, _slot_value(view, share, "part"), share.rule.id
    every = _all_of(view, head, matches)
    if every is not None:  # "all nine drones were downed", "both missiles"
        return value, value, every
    if group.j <= verb.i and (_launched_after(view, group) or _launch_group(view, group) and _relative_all(view, group, verb)):
        return value, value, bound_by  # "six missiles launched at X were destroyed"; "included 8 drones which were"
    if _launch_group(view, group):
        return value, None, bound_by
    out_of = _out_of_after(view, verb, matches)  # "31 drones were downed out of 36 launched"
    if out_of is not None:
        return _slot_value(view, out_of, "whole"), value, out_of.rule.id
    return None, value, bound_by


_LOCATED = {"over", "in", "near", "above", "across", "around"}


def _listed_more(view: SentenceView, verb: Cue, group: Group, groups: list[Group], matches: list[Match]) -> list[int]:
    """Further regional figures listed after a located group: "downed 10 drones over the Sumy region,
    7 over Poltava and 5 over Kharkiv". A group with no place of its own ("47 drones were shot down,
    20 of them over Kyiv") has shares, not more figures, and the pattern needs a count right before
    the preposition anyway."""
    if not set(view.words(group.j, group.j + 1)) & (_LOCATED | {":"}) or _stated_total(view):
        return []
    later = [g.i for g in groups if g.i > group.j] + [c.i for c in view.cues.get("intercept", ()) if c.i > verb.j]
    end = min([view.clause_of(verb.i)[1], *later, len(view.tokens)])
    found = [_slot_value(view, m, "part") for m in matches
             if m.rule.id == "interception/regional-list" and group.j <= m.i and m.j <= end]
    return [v for v in found if v is not None]


def _head(view: SentenceView, group: Group) -> Number | None:
    """The number heading a group over its modifiers ("four incoming Russian", "5 X-59")."""
    k = group.i
    while k > 0 and (view.tokens[k - 1].lower in _SKIP_BEFORE_GROUP - {"of", "the", "all"} or _name_digits(view, k - 1)):
        k -= 1
    return next((n for n in view.numbers if n.j == k), None)


def _slot_value(view: SentenceView, match: Match, slot: str) -> int | None:
    span = match.slots.get(slot)
    return next((n.value for n in view.numbers if span and n.i == span[0]), None)


def _part_of(view: SentenceView, head: Number | None, matches: list[Match]) -> tuple[int | None, str] | None:
    """N in "N of M <group>", "N of the M", "N out of M"; M - N in "all but N of the M"."""
    if head is None:
        return None
    for rule_id in ("interception/all-but-n", "interception/n-of-m"):
        match = next((m for m in matches if m.rule.id == rule_id and m.j == head.j), None)
        part = _slot_value(view, match, "part") if match else None
        if match is None or part is None:
            continue
        if rule_id == "interception/all-but-n":
            return (head.value - part if head.value is not None else None), rule_id
        return part, rule_id
    return None


def _match_after(matches: list[Match], rule_id: str, k: int) -> Match | None:
    return next((m for m in matches if m.rule.id == rule_id and m.i == k), None)


def _all_of(view: SentenceView, head: Number | None, matches: list[Match]) -> str | None:
    """"all nine drones", "all the 12 missiles", "both missiles": every one launched was stopped."""
    if head is None:
        return None
    match = next((m for m in matches if m.rule.id == "interception/all-n" and m.j == head.j), None)
    return match.rule.id if match else None


def _launched_after(view: SentenceView, group: Group) -> bool:
    return view.words(group.j, group.j + 1) in (["launched"], ["fired"])


def _out_of_after(view: SentenceView, verb: Cue, matches: list[Match]) -> Match | None:
    """"… were downed across the country out of M launched": M after the verb, in its clause."""
    end = view.clause_of(verb.i)[1]
    return next((m for m in matches if m.rule.id == "interception/out-of-m" and verb.j <= m.i < min(end, verb.j + 12)),
                None)


def note_launches(view: SentenceView, ctx: DocContext) -> None:
    """Remember how many projectiles the document says were launched ("fired a missile at X",
    "attacked Odesa region with two missiles"), for the interceptions of the same weapon."""
    for debris in view.cues.get("debris", ()):  # "the wreckage of the missile": one was downed
        for group in _groups(view):
            if 0 <= group.i - debris.j <= 3 and not group.plural and "of" in view.words(debris.j, group.i):
                ctx.debris_single.add(group.label)
    launching = False
    for group in _groups(view):
        launching = _launch_group(view, group) or launching and _joined_launch(view, group)
        if launching:
            value, _ = _count_before(view, group)
            key = (group.label, _launcher(view, group))
            if value is None:
                ctx.launch_mentioned.add(group.label)
            else:
                ctx.launches[key] = max(value, ctx.launches.get(key, 0))


def _joined_launch(view: SentenceView, group: Group) -> bool:
    """"launched 10 missiles at the shipyard and three naval drones at the fleet": the second group
    shares the launch verb (a number right after "and")."""
    k = group.i
    while k > 0 and view.tokens[k - 1].lower in _SKIP_BEFORE_GROUP:
        k -= 1
    number = next((n for n in view.numbers if n.j == k), None)
    return number is not None and view.words(number.i - 1, number.i) == ["and"]


def _launcher(view: SentenceView, group: Group) -> str | None:
    """The side that launched a group: "Russia launched 145 drones" → RU."""
    clause = view.clause_of(group.i)
    actors = [r for r in side_roles(view) if r.role == "actor" and r.side in ("RU", "UA")
              and clause[0] <= r.cue.i < group.i]
    return actors[-1].side if actors else None


def _join_unclaimed(ctx: DocContext) -> None:
    """A headline's "Air defences down 30 of 40 drones" (no side named) and the body's "Ukraine's air
    force said …" are one claim: an unclaimed interception joins the one claimant's of its weapon,
    so counts do not split over two keys. The claimed draft keeps its place in the order."""
    for key, draft in list(ctx.drafts.items()):
        if draft.kind is not Kind.INTERCEPTION or key[1] != UNKNOWN_SIDE:
            continue
        claimed = [d for d in ctx.drafts.values() if d.kind is Kind.INTERCEPTION and d.key[2] == key[2]
                   and d.key[1] != UNKNOWN_SIDE]
        if len(claimed) != 1:
            continue
        kept = claimed[0]
        fields = {**draft.fields, "claimant": kept.fields["claimant"], "attacker": kept.fields["attacker"]}
        del ctx.drafts[key]
        ctx.add(Draft(draft.kind, kept.key, draft.sentence, fields, kept.claimant, draft.source, draft.modality,
                      rule=draft.rule))
        if draft.order < kept.order:
            kept.order = draft.order


def settle_launched(ctx: DocContext) -> None:
    """Fill `launched` from the document's launch figures; "launched missiles … shot down the
    missiles" (all of them) makes launched equal intercepted."""
    _join_unclaimed(ctx)
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
            if f.get("all") and f["intercepted"] is None:
                f["intercepted"] = launched  # "… and all the naval drones were destroyed"
        elif f["weapon"] in ctx.launch_mentioned and f.get("all") and f["intercepted"] is not None:
            f["launched"] = f["intercepted"]


def _definite(view: SentenceView, bound: list[Group]) -> bool:
    """"the missiles", "all unmanned naval drones", "both drones": all of those launched."""
    for g in bound:
        k = g.i
        while k > 0 and view.tokens[k - 1].lower in _SKIP_BEFORE_GROUP - {"the", "all"}:
            k -= 1
        if view.words(k - 1, k) in (["the"], ["all"], ["both"]):
            return True
    return False


def _bare_count(view: SentenceView, verb: Cue) -> Number | None:
    """A count standing for projectiles named before: "45 were shot down", "air defences downed 45."."""
    k = verb.i - 1
    while k > 0 and (view.tokens[k].lower in _BETWEEN_AUX or view.tokens[k].lower.endswith("ly")):
        k -= 1
    if view.words(k, k + 1) in (["were"], ["was"]) or view.words(k - 1, k + 1) == ["had", "been"]:
        k -= 2 if view.words(k, k + 1) == ["been"] else 1
        if view.words(k, k + 1) == ["more"]:
            k -= 1  # "five more were brought down": more of the projectiles named before
        elif view.words(k - 1, k + 1) in (["of", "them"], ["of", "those"], ["of", "these"]):
            k -= 2  # "… and 27 of them were destroyed"
        return next((n for n in view.numbers if n.j == k + 1 and not n.article and n.value is not None), None)
    number = next((n for n in view.numbers if n.i == verb.j and not n.article and n.value is not None), None)
    if number is not None and (view.words(number.j, number.j + 1) or ["."])[0] in _BARE_AFTER - {"by", "and", "with"}:
        return number
    return None


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
