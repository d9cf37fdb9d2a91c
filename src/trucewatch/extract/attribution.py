"""Who says so and who did it: speakers, claimants and acting sides.

A side phrase plays one role in its clause: the speaker ("Ukraine says"), the
owner of a target ("Russian positions"), the controller of a territory
("annexed by Russia") or the actor ("Russian drones", "by Russian troops",
"the occupiers fired"). Only actors attack; only speakers claim. "Enemy"
words take the side opposite to whoever speaks, so the same rule serves
reports from both sides (the guide's attribution convention).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from trucewatch.extract.analysis import SentenceView
from trucewatch.extract.matcher import Cue
from trucewatch.model import UNKNOWN_SIDE

__all__ = ["SideRole", "Speaker", "opposite", "roles_within", "side_of_name", "side_roles", "speaker_of"]

PARTIES = ("RU", "UA")
_OWNED = {"positions", "position", "cities", "city", "towns", "town", "villages", "territory",
          "territories", "soil", "regions", "region", "infrastructure", "energy", "border",
          "side", "land", "lands", "airspace", "sky", "skies", "oblast", "oblasts", "people",
          "civilians", "facilities", "settlements", "units", "troops'", "'s",
          "military", "defenders", "servicemen", "soldiers", "port", "ports", "capital", "grid", "homes", "hospitals", "schools", "power",
          "weapons", "equipment", "manpower", "depot", "depots", "vehicles", "tanks", "concentrations",
          "clusters", "airfield", "airfields", "base", "bases", "headquarters", "refinery", "refineries",
          "airbase", "airbases", "substation", "substations"}
# Vessels are owned ("a Russian warship destroyed") unless they act ("Russian warships shelled").
_VESSELS = {"warship", "warships", "ship", "ships", "vessel", "vessels", "minesweeper", "frigate",
            "submarine", "cruiser", "corvette"}
_ACTING = {"forces", "army", "troops", "drones", "missiles", "artillery", "aviation", "navy", "attack",
           "attacks", "strike", "strikes", "shelling", "bombardment", "military"}
_CONTROL = {"annexed", "occupied", "controlled", "held", "seized", "captured", "liberated"}
_TITLES = {"president", "minister", "spokesman", "spokeswoman", "spokesperson", "governor",
           "mayor", "head", "chief", "commander", "adviser", "advisor", "leader", "ambassador",
           "secretary", "prime", "foreign", "defense", "defence", "deputy", "general", "envoy",
           "official", "officials", "authorities", "ministry", "office", "administration"}
_GENERIC_SPEAKERS = {"authorities", "governor", "officials", "official", "mayor", "police",
                     "administration", "rescuers", "emergency", "head", "military"}


@dataclass(frozen=True, slots=True)
class SideRole:
    cue: Cue
    side: str  # RU, UA, …, ENEMY, MOD, GENSTAFF
    kind: str  # state, forces, demonym, person, body
    role: str  # speaker, owner, victim, control, actor


@dataclass(frozen=True, slots=True)
class Speaker:
    side: str
    source: str | None  # the speaker as written
    verb: Cue | None
    denied: bool = False


def side_of_name(name: str) -> str | None:
    """The side of a named speaker ("Zelenskyy", "the Russian Defence Ministry"), if known."""
    from trucewatch.extract.analysis import side_matches
    sides = [s for s in side_matches(name) if s in PARTIES or len(s) == 2]
    return sides[0] if sides else None


def opposite(side: str) -> str:
    """The other party of the war, or unknown."""
    return {"RU": "UA", "UA": "RU"}.get(side, UNKNOWN_SIDE)


def _split(label: str) -> tuple[str, str]:
    side, _, kind = label.partition(":")
    return side, kind


def _report_after(view: SentenceView, cue: Cue) -> bool:
    """A report verb right after the side phrase ("Ukraine says", "Belarusian president Lukashenko said",
    "Ukraine's air force said": a defence body between them is part of the speaker)."""
    k = cue.j
    bodies = {t for d in view.cues.get("defender", ()) if d.i >= cue.j for t in range(d.i, d.j)}
    while k < len(view.tokens) and (view.tokens[k].lower in ("has", "have", "had", "also", "'s",
                                                              "officially", "on", "now", "later")
                                    or (view.tokens[k].lower in _TITLES or view.tokens[k].lower in _BODIES
                                        or view.tokens[k].lower in _ORGANISATIONS
                                        or k in bodies or view.tokens[k].text[:1].isupper())
                                    and k - cue.j < 5):
        k += 1
    return any(c.i == k for c in view.cues.get("report", ()))


# Words of a civil body that speaks for its state: "Ukraine's grid operator said".
_ORGANISATIONS = {"grid", "power", "energy", "operator", "company", "utility", "agency", "service",
                  "services", "emergency", "state", "national", "railway", "railways", "police",
                  "committee", "council", "authority", "prosecutor's", "prosecutors"}


# Words of a military body that speaks: "the country's southern military command said".
_BODIES = {"military", "command", "army", "navy", "staff", "fleet", "southern", "northern",
           "eastern", "western", "central", "operational", "group", "spokesman", "spokesperson", "service"}


_SPEAKER_TAIL = _BODIES | {"'s", "air"}


def _according_to(view: SentenceView, cue: Cue) -> bool:
    """"according to Ukraine", "according to the Ukrainian military", "according to Russia's MoD"."""
    before = view.words(cue.i - 3, cue.i)
    return before[-2:] == ["according", "to"] or before == ["according", "to", "the"]


_INVERTING = {"says", "said", "reports", "reported", "writes", "wrote", "adds", "added", "claims", "claimed"}


def _inverted_speaker(view: SentenceView, cue: Cue) -> bool:
    """"…, says the Ukrainian prosecutor's office": a side right after ", says (the)"."""
    before = view.words(cue.i - 3, cue.i)
    if before[-1:] == ["the"]:
        before = before[:-1]
    return len(before) >= 2 and before[-1] in _INVERTING and before[-2] == ","


def _role(view: SentenceView, cue: Cue) -> str:
    words = view.words
    before = words(cue.i - 2, cue.i)
    after = words(cue.j, cue.j + 2)
    if _report_after(view, cue) or _according_to(view, cue) or _inverted_speaker(view, cue):
        return "speaker"
    if before and before[-1] == "by" and len(before) == 2 and before[0] in _CONTROL:
        return "control"
    if before[-1:] == ["of"] and before[0] in _TITLES:
        return "owner"  # "the Minister for Foreign Affairs of Ukraine", "the President of Russia"
    if after[:1] == ["'s"] and after[1:2] and after[1] in _ACTING:
        return "actor"  # "Putin's forces shelled …", "Russia's drones"
    if after and (after[0] in _OWNED or after[:2] == ["'s", "energy"]):
        return "owner"
    if after[:1] and after[0] in _VESSELS and not any(
            cue.j + 1 <= c.i <= cue.j + 3 for cat in ("strike_verb", "weapon") for c in view.cues.get(cat, ())):
        return "owner"
    if after[:1] in (["were"], ["was"]) and view.within("damage", cue.j + 1, cue.j + 3):
        return "victim"  # "defenders were wounded": victims, not attackers
    modifies_attack = any(c.i == cue.j for cat in ("strike_verb", "weapon") for c in view.cues.get(cat, ()))
    if not modifies_attack and any(c.j <= cue.i <= c.j + 3 and not set(view.words(c.j, cue.i)) & {"by", "from", "of", "in"}
                                   for cat in ("damage", "strike_verb") for c in view.cues.get(cat, ())):
        return "victim"  # "destroyed 32 Russian troops", "killed Ukrainian soldiers"
    if after[:1] == ["'s"] and len(view.tokens) > cue.j + 1 and view.tokens[cue.j + 1].lower in _OWNED:
        return "owner"
    return "actor"


def side_roles(view: SentenceView) -> list[SideRole]:
    """Each side phrase of the sentence with its role (found once per view: rules ask per cue)."""
    roles = view.memo.get(side_roles)
    if roles is None:
        roles = view.memo[side_roles] = [SideRole(cue, *_split(cue.label), _role(view, cue))
                                         for cue in view.cues.get("side", ())]
    return roles  # type: ignore[return-value]


def roles_within(view: SentenceView, i: int, j: int) -> list[SideRole]:
    """The side roles whose phrase starts in tokens [i, j), found by bisection (cues are in
    token order), so a rule that asks per clause does not scan the whole sentence."""
    roles = side_roles(view)
    starts = view.memo.get(roles_within)
    if starts is None:
        starts = view.memo[roles_within] = [r.cue.i for r in roles]
    return roles[bisect_left(starts, i):bisect_left(starts, j)]  # type: ignore[arg-type]


def _source_text(view: SentenceView, cue: Cue) -> str:
    """The speaker phrase, grown over adjacent titles and capitalised names."""
    i, j = cue.i, cue.j
    while i > 0 and (view.tokens[i - 1].text[:1].isupper() or view.tokens[i - 1].lower in _TITLES):
        if view.tokens[i - 1].lower in ("the", "a"):
            break
        i -= 1
    while j < len(view.tokens) and (view.tokens[j].text[:1].isupper() or view.tokens[j].lower in _SPEAKER_TAIL) \
            and view.tokens[j].lower not in ("says", "said"):
        j += 1
    text = view.sentence.text
    base = view.sentence.span.start
    return text[view.tokens[i].start - base:view.tokens[j - 1].end - base]


def _trailing_source(view: SentenceView) -> SideRole | None:
    """Censor/Ukrinform style "…, - General Staff" or "… – Zelensky" at a sentence end."""
    tokens = view.tokens
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 9), -1):
        if tokens[k].lower in ("-", "–", "—") and k > 0 and tokens[k - 1].lower in (",", "-", "–") or (
            tokens[k].lower in ("-", "–") and k > 2
        ):
            for role in side_roles(view):
                if role.cue.i > k:
                    return role
            return None
    return None


def _body_side(view: SentenceView, body: SideRole, roles: list[SideRole]) -> str | None:
    """The party of "the Russian Ministry of Defence", "Ukraine's General Staff", "the MoD of Russia"."""
    if body.side == "ENEMY":
        return None
    for role in roles:
        gap = view.words(role.cue.j, body.cue.i)
        before = role.cue.j <= body.cue.i and gap in ([], ["'s"])
        if role.side in PARTIES and (before or view.words(body.cue.j, role.cue.i) == ["of"]):
            return role.side
    return None


def speaker_of(view: SentenceView, default_side: str) -> Speaker:
    """Who the sentence says is speaking, and for which side.

    Falls back to `default_side` (the outlet's side) when nobody is named.
    """
    roles = side_roles(view)
    denied = bool(view.cues.get("report")) and any(c.label == "deny" for c in view.cues["report"])
    for role in roles:
        if role.role == "speaker":
            side = _body_side(view, role, roles) or default_side if role.side in ("MOD", "GENSTAFF", "ENEMY") \
                else role.side
            return Speaker(side, _source_text(view, role.cue), None, denied)
    trailing = _trailing_source(view)
    if trailing is not None:
        side = default_side if trailing.side in ("MOD", "GENSTAFF", "ENEMY") else trailing.side
        return Speaker(side, _source_text(view, trailing.cue), None, denied)
    verbs = view.cues.get("report", ())
    for place in view.places:  # "authorities in the Krasnodar region (…) reported"
        if set(view.words(place.i - 4, place.i)) & _GENERIC_SPEAKERS and any(v.i > place.j for v in verbs):
            country = place.mention.place.country or UNKNOWN_SIDE
            side = default_side if place.mention.place.admin1 in _CONTESTED else country
            verb = next(v for v in verbs if v.i > place.j)
            return Speaker(side, None, verb, denied)
    for verb in verbs:  # "regional authorities said … in the Bryansk region": local officials
        if set(view.words(verb.i - 3, verb.i)) & _GENERIC_SPEAKERS:
            local = [p.mention.place for p in view.places if p.mention.place.kind != "country"]
            if local and local[0].country in ("RU", "UA") and local[0].admin1 not in _CONTESTED:
                return Speaker(local[0].country or UNKNOWN_SIDE, None, verb, denied)
            return Speaker(default_side, None, verb, denied)
    return Speaker(default_side, None, None, denied)


# Regions held by Russia since 2014 or 2022 whose local authorities speak for Russia.
_CONTESTED = {"UA-43", "UA-40"}
