"""Commitments: a party agrees, proposes, refuses, or accuses the other of breaking a halt.

A halt phrase ("ceasefire", "stop striking", "a ban on strikes", "the grain deal")
with a stance word near it in its clause. The party is the side that takes the
stance: its subject ("Russia refused"), its possessor ("Putin's agreement"), its
agent ("dismissed by Kyiv", "calls from Erdogan"), or, for a stance that modifies
the halt ("the proposed Russian ceasefire"), the side inside that phrase; else the
sentence's speaker. An accusation of breach names the accuser. Mediators (any
state other than the two parties) propose. The scope is the halt phrase's own
(commitment_scope.py); a definite mention with none ("the truce", "such strikes",
"the deal") refers back to the arrangement the report is about.
"""

from __future__ import annotations

from functools import lru_cache

from trucewatch.extract.analysis import HALT_VERBS, SentenceView
from trucewatch.extract.attribution import PARTIES, SideRole, Speaker, opposite, side_roles
from trucewatch.extract.commitment_frames import irrealis, other_period
from trucewatch.extract.commitment_scope import (HEAD_NOUNS as _HEAD_NOUNS, halt_phrase, halt_scopes, phrase_scopes,
                                                  wide_extent)
from trucewatch.extract.context import DocContext, Draft
from trucewatch.extract.matcher import Cue
from trucewatch.extract.patterns import Match, find_matches
from trucewatch.extract.predicates import blocked_by, blocker, trigger_of
from trucewatch.extract.tokens import tokenize
from trucewatch.model import Kind, Modality, Scope, Stance, UNKNOWN_SIDE

__all__ = ["find_commitments"]

_PRIORITY = (Stance.ACCUSED_BREACH, Stance.REFUSED, Stance.PROPOSED, Stance.AGREED)
_AGREEMENT_NOUNS = {"agreement", "agreements", "promise", "promises", "pledge", "pledges",
                    "commitment", "commitments", "deal", "obligations", "guarantees", "accords", "word"}
_MUTUAL = ("each", "other")
_ADVOCACY = {"could", "should", "must", "would", "need", "needs", "needed", "necessary"}
_NONE_BEFORE = {"no", "without", "not"}
_QUOTES = {"'", "‘", "’", "\"", "“", "”", "«", "»"}
_DONE_HALTS = {"stopped", "halted", "ceased", "suspended"}
_DEFINITE = {"the", "this", "that", "such", "its", "these", "their", "his"}
_DETERMINERS = {"the", "a", "an", "its", "his", "their", "this", "that", "our"}
_PREPOSITIONS = {"with", "to", "on", "against", "at", "from", "for", "in", "into", "over", "about",
                 "toward", "towards", "across"}
_AGENT_WORDS = {"by", "from"}
_AGENT_ENDS = {",", ".", ";", "which", "who", "that", "to", "for", "in", "on", "as", "after", "over", "was",
               "is", "were", "are", "be", "been", "a", "an"}
_OPENERS = {"since", "after", "before", "while", "when", "by", "upon"}
_BACKGROUND_MODIFIERS = {"brokered", "signed", "mediated"}
_OBSERVANCE = {"observe", "observed", "observes", "observing", "respect", "respected", "respecting",
               "honour", "honor", "honoured", "honored", "honouring", "honoring", "comply", "complied",
               "complying", "abide", "abided", "adhere", "adhered", "kept", "keep"}
_NEGATORS = {"no", "not", "never", "n't"}
_COMMIT_VERBS = {"committed", "commit", "commits", "committing"}
_DURING = {"during", "amid"}
_DURING_LABEL = "during"  # the label of the stance cue made for "shelled … during the truce"
_FUTURE = {"will", "would", "'ll"}
_HALT_VERBS = {"refrain", "stop", "halt", "cease", "pause", "suspend", "end", "hold", "abstain"}
_LOCAL_REPORT = {"evacuation", "evacuate", "evacuated", "evacuating", "evacuations", "corridor", "corridors"}
_LATE_REACH = 20  # a stance with its own agent or relative subject may stand after the halt's clause part


# Halts ---------------------------------------------------------------------------------------

def _halts(view: SentenceView, ctx: DocContext) -> list[tuple[Cue, str]]:
    """The sentence's halt phrases, each with the id of the rule that found it (vocab/rules/commitment.yaml).

    A deal noun is a halt when its phrase covers shipping or energy, or, with a determiner, when
    the report already has a truce it can refer back to; "follow suit" needs one too."""
    cues = {c.i: c for c in view.cues.get("halt", ())}
    found = [(cues[trigger_of(m)[0]], m.rule.id) for m in find_matches(view, "commitment")
             if trigger_of(m)[0] in cues and not blocked_by(view, m)]
    real = [(c, r) for c, r in found if c.label != "anaphor" and c.label != "follow"]
    real += [(c, "commitment/deal-stance") for c, r in found if c.label == "anaphor" and _covers(view, c)]
    spans = [c for c, _ in real]
    # "Kyiv halted strikes on refineries and expects Moscow to follow suit": the truce asked for
    # may be the one this sentence names first.
    follow = [(c, r) for c, r in found if c.label == "follow" and (ctx.last_scope is not None
                                                                   or any(x.j <= c.i for x in spans))]
    if ctx.last_scope is None:
        return real + follow
    real += [(c, r) for c, r in found if c.label == "anaphor" and _definite(view, c)
             and c not in spans and not any(x.i <= c.i < x.j or c.i <= x.i < c.j for x in spans)]
    return real + follow


@blocker("commitment/no-halted-object")
def _no_halted_object(view: SentenceView, match: Match) -> bool:
    """"refrain from condemning Moscow despite the attack": the object is not the halted action."""
    start, _ = match.slots.get("object", (match.j, match.j))
    return not _plain_between(view, trigger_of(match)[1], start)


@blocker("commitment/deal-covers-nothing")
def _deal_covers_nothing(view: SentenceView, match: Match) -> bool:
    """A deal is a halt only by what it covers: grain shipping, energy sites."""
    cue = next((c for c in view.cues.get("halt", ()) if c.i == trigger_of(match)[0]), None)
    return cue is None or not _deal_scope(view, cue)


def _covers(view: SentenceView, halt: Cue) -> bool:
    """"the agreement on grain exports": a deal noun whose own phrase names shipping or energy."""
    return any(s in (Scope.MARITIME, Scope.ENERGY) for s in phrase_scopes(view, halt))


def _deal_scope(view: SentenceView, halt: Cue) -> list[Scope]:
    """"a deal that had allowed Kyiv to ship grain": what the deal covers, a few words on."""
    own = [s for s in halt_scopes(view, halt) if s in (Scope.MARITIME, Scope.ENERGY)]
    if own:
        return own
    end = min(view.clause_of(halt.i)[1], halt.j + 10)
    return [Scope(c.label) for c in view.cues.get("scope", ())
            if halt.j <= c.i < end and c.label in (Scope.MARITIME, Scope.ENERGY)][:1]


def _plain_between(view: SentenceView, i: int, j: int) -> bool:
    """Only modifiers between "refrain from" and its object: not "refrain from condemning … attack"."""
    return not any(w.endswith("ing") or w in (",", "despite", "and", "but", "while", "which")
                   for w in view.words(i, j))


def _scopes(view: SentenceView, halt: Cue, ctx: DocContext) -> list[Scope]:
    """The halt phrase's scopes; a definite mention without one refers back to the report's truce."""
    own = _own_halt_scope(view, halt) or (_deal_scope(view, halt) if halt.label == "deal" else
                                          phrase_scopes(view, halt) if halt.label == "anaphor" else
                                          halt_scopes(view, halt))
    if own:
        ctx.last_scope = own[0]
        return own
    if ctx.last_scope is not None and (halt.label == "anaphor" or _definite(view, halt)):
        return [ctx.last_scope]
    if _strikes_only(view, halt):
        return [Scope.OTHER]  # "would pause strikes for 30 days": strikes, not all hostilities (guide)
    if _local_report(ctx.parsed.document.text) and not wide_extent(view, halt):
        return [Scope.OTHER]  # "a ceasefire" in a report about an evacuation is that local truce
    if ctx.last_scope is None:
        ctx.last_scope = Scope.FULL_CEASEFIRE  # the report's first truce, a full one
    return [Scope.FULL_CEASEFIRE]


_STRIKES_ONLY = {"strikes", "strike", "bombing", "bombardment", "bombings"}
_HALTING = HALT_VERBS | {"halts", "stops", "pauses", "suspends"}


def _strikes_only(view: SentenceView, halt: Cue) -> bool:
    """A halt of strikes alone ("pause strikes", "halt the long-range strikes"), not of all fighting."""
    if view.tokens[halt.i].lower not in _HALTING:
        return False
    after = view.words(halt.i + 1, halt.i + 5)
    for word in after:
        if word in _STRIKES_ONLY:
            return True
        if word in ("hostilities", "fighting", "fire", "firing", "attacks", ",", ".", "and"):
            return False
    return False


def _own_halt_scope(view: SentenceView, halt: Cue) -> list[Scope]:
    """Halt words that are a scope themselves: "humanitarian corridor", "safe navigation at sea"."""
    own = view.tokens[halt.i].lower
    if own in ("humanitarian", "safe", "evacuation", "green", "demilitarized", "demilitarised",
               "safety", "protection", "non", "non-use"):
        return [Scope.MARITIME if own == "safe" and Scope.MARITIME in halt_scopes(view, halt) else Scope.OTHER]
    return []


@lru_cache(maxsize=32)
def _local_report(text: str) -> bool:
    """A report about an evacuation or its corridors: its plain ceasefires are that local truce."""
    return any(word.lower in _LOCAL_REPORT for word in tokenize(text))


def _definite(view: SentenceView, halt: Cue) -> bool:
    """"the truce", "such strikes", "its moratorium": a mention of one already known."""
    i, _ = halt_phrase(view, halt)
    return bool(_DEFINITE & set(view.words(i - 1, halt.j)))


# Stances -------------------------------------------------------------------------------------

def _stances(view: SentenceView, halt: Cue) -> dict[Stance, Cue]:
    clause = view.clause_of(halt.i)
    found: dict[Stance, Cue] = {}
    lo, hi = max(clause[0], halt.i - 12), min(clause[1], halt.j + 8)
    for cue in view.within("stance", lo, min(clause[1], halt.j + _LATE_REACH)):
        if cue.i <= halt.i < cue.j or halt.i <= cue.i < halt.j:
            continue  # "no-strike" or "cease fire" inside the halt phrase itself
        if _other_halts_modifier(view, cue, halt):
            continue  # "agreed to Russia's proposed ceasefire, said Russia violated the ceasefire"
        if _asks_to_follow(view, cue, halt):
            continue  # "halted strikes and expects Moscow to follow suit": the expectation is the follow's
        if cue.label == Stance.AGREED and _continues_attacks(view, cue):
            continue  # "continued the shelling despite the truce": no agreement
        if _document_says(view, cue):
            continue  # "an agreement was signed, which called for a ceasefire": its text, no party's call
        stance = Stance(cue.label)
        before = [w for w in view.words(cue.i - 3, cue.i) if w not in _QUOTES]
        if stance is Stance.AGREED and cue.j - cue.i == 1 and before[-1:] == ["to"]:
            continue  # "called on both to declare a ceasefire": what is asked, not done
        if _compound_tail(view, cue) or irrealis(view, cue):
            continue  # "record-breaking"; "whether it will be extended", "might agree"
        if stance is Stance.ACCUSED_BREACH and _before_the_truce(view, cue):
            continue  # "despite attacks in the hours before the truce": no breach of it
        if cue.i >= hi and stance is not Stance.ACCUSED_BREACH and not _late_ok(view, cue, halt):
            continue  # breaches reach further: "after the truce ended and accused Ukraine of violations"
        found.setdefault(stance, cue)
    during = _attack_during(view, halt)
    if during is not None:
        found.setdefault(Stance.ACCUSED_BREACH, during)
    return found


def _attack_during(view: SentenceView, halt: Cue) -> Cue | None:
    """"Russia said Ukraine shelled its positions during the ceasefire": an accusation of breach."""
    start, _ = halt_phrase(view, halt)
    k = next((k for k in range(max(0, start - 2), start) if view.tokens[k].lower in _DURING), None)
    if k is None:
        return None
    clause = _clause(view, k)[0]
    if not any(clause <= c.i < k for c in view.cues.get("strike_verb", ())):
        return None
    token = view.tokens[k]
    return Cue("stance", _DURING_LABEL, k, k + 1, token.start, token.end)


def _other_halts_modifier(view: SentenceView, cue: Cue, halt: Cue) -> bool:
    """A stance word that modifies another halt of the sentence ("Russia's proposed ceasefire")."""
    for other in view.cues.get("halt", ()):
        if other is halt or not other.i - _MODIFIER_REACH <= cue.i <= other.j:
            continue  # a modifier stands just before its halt, or heads it right after
        if _inside(view, cue, other) or _head_stance(view, cue, other):
            return True
    return False


def _asks_to_follow(view: SentenceView, cue: Cue, halt: Cue) -> bool:
    """"expects Moscow to follow suit", "urged Kyiv to reciprocate": a stance whose object is a follow halt."""
    return any(other is not halt and other.label == "follow" and cue.j <= other.i <= cue.j + 5
               for other in view.cues.get("halt", ()))


_MODIFIER_REACH = 8  # pre-modifiers of a halt phrase reach no further back (commitment_scope)


def _document_says(view: SentenceView, cue: Cue) -> bool:
    """A stance whose subject is a deal or document ("the accord, which called for …")."""
    before = view.words(cue.i - 6, cue.i)
    if "which" not in before and "that" not in before:
        return False
    k = max(i for i, w in enumerate(before) if w in ("which", "that"))
    return bool(set(before[max(0, k - 3):k]) & _DOCUMENT_NOUNS)


_DOCUMENT_NOUNS = {"agreement", "agreements", "deal", "accord", "accords", "memorandum", "statement",
                   "resolution", "declaration", "document", "plan", "treaty", "protocol"}


def _continues_attacks(view: SentenceView, cue: Cue) -> bool:
    """"continued the shelling despite the truce", "Zelensky continued, adding …": no agreement."""
    if not view.tokens[cue.i].lower.startswith("continu"):
        return False
    if view.words(cue.j, cue.j + 1) in ([","], ["."], []):
        return True
    return any(cue.j <= c.i <= cue.j + 4 for cat in ("strike_verb", "halted_object")
               for c in view.cues.get(cat, ()))


def _compound_tail(view: SentenceView, cue: Cue) -> bool:
    """The second half of a hyphenated word ("record-breaking", "US-brokered" stays: it has a side)."""
    k = cue.i
    return (k >= 2 and view.tokens[k - 1].text == "-" and view.tokens[k - 1].start == view.tokens[k - 2].end
            and not any(r.cue.j == k - 1 for r in side_roles(view)))


def _before_the_truce(view: SentenceView, cue: Cue) -> bool:
    """"despite attacks before the truce", "despite Kyiv's proposals": no breach of it."""
    words = view.words(cue.i, cue.i + 12)
    if "before" in words or "ahead" in words or "prior" in words:
        return True
    return view.tokens[cue.i].lower == "despite" and any(
        cue.j <= c.i <= cue.j + 3 and c.label == Stance.PROPOSED for c in view.cues.get("stance", ()))


def _late_ok(view: SentenceView, cue: Cue, halt: Cue) -> bool:
    """"a move dismissed by Kyiv", "which Kyiv and its allies have dismissed": it has its own party."""
    return bool(_agents(view, cue) or _relative_subject(view, cue, halt))


def _relative_subject(view: SentenceView, cue: Cue, halt: Cue) -> list[SideRole]:
    words = view.words(halt.j, cue.i)
    if "which" not in words and "that" not in words:
        return []
    return [r for r in side_roles(view) if cue.i - 6 <= r.cue.i < cue.i and r.cue.i > halt.j]


# Parties -------------------------------------------------------------------------------------

_BOTH = (("both", "sides"), ("warring", "countries"), ("warring", "parties"), ("warring", "sides"),
         ("two", "sides"), ("both", "countries"), ("both", "parties"))


def _parties(view: SentenceView, stance_cue: Cue, halt: Cue) -> list[str] | None:
    """Sides taking the stance; None when it modifies a phrase that names no side ("the agreed truce").

    "Both sides" and "the warring countries" are both parties; "deals with Ukraine and
    Russia" makes the sides after "with" parties too."""
    if _modifier(view, stance_cue, halt) and not _pronoun_owned(view, stance_cue, halt):
        return _modifier_parties(view, stance_cue, halt)
    both = [k for k in range(max(0, stance_cue.i - 10), stance_cue.i)
            if tuple(view.words(k, k + 2)) in _BOTH]
    extra: list[str] = ["RU", "UA"] if both else []
    after = view.words(stance_cue.j, stance_cue.j + 4)
    if "with" in after:
        extra += [r.side for r in side_roles(view) if r.side in PARTIES
                  and stance_cue.j <= r.cue.i <= stance_cue.j + 8]
    found = _subject_parties(view, stance_cue, halt)
    return found + [s for s in dict.fromkeys(extra) if s not in found]


_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our"}


def _pronoun_owned(view: SentenceView, cue: Cue, halt: Cue) -> bool:
    """"Ukraine announced its withdrawal from the moratorium": the pronoun's antecedent, the
    clause's subject, takes the stance (not a side inside the noun phrase, which has none)."""
    return not (_inside(view, cue, halt) or _head_stance(view, cue, halt)) \
        and bool(_POSSESSIVE_PRONOUNS & set(view.words(cue.i - 1, cue.i)))


def _modifier_parties(view: SentenceView, cue: Cue, halt: Cue) -> list[str] | None:
    """A stance inside the halt's phrase or a noun phrase of its own takes only that phrase's side.

    "the proposed Russian ceasefire", "the Moscow-proposed truce", "Russia's proposed ceasefire",
    "the Russian order for a truce": RU; "the agreed truce": nobody named, so no party."""
    start, _ = halt_phrase(view, halt)
    inside = _inside(view, cue, halt) or _head_stance(view, cue, halt)
    if view.tokens[cue.i].lower in _BACKGROUND_MODIFIERS:
        return None  # "the UN-brokered deal", "the signed agreement": how it came about, not news
    lo = (start - 3 if view.words(start - 1, start) == ["'s"] else start) if inside else _determiner(view, cue)
    roles = [r for r in side_roles(view) if lo <= r.cue.i and r.cue.j <= (halt.i if inside else cue.i)]
    roles += _agents(view, cue)
    sides = [_concrete(r) for r in roles if _concrete(r) != UNKNOWN_SIDE][:2]
    return sides or None


def _modifier(view: SentenceView, cue: Cue, halt: Cue) -> bool:
    return _inside(view, cue, halt) or _head_stance(view, cue, halt) or _nominal(view, cue)


def _head_stance(view: SentenceView, cue: Cue, halt: Cue) -> bool:
    """"Russia's truce proposal", "a ceasefire deal": the stance noun heads the halt's phrase."""
    return cue.i == halt.j and view.tokens[cue.i].lower in _HEAD_NOUNS


def _inside(view: SentenceView, cue: Cue, halt: Cue) -> bool:
    """A stance word among the halt's pre-modifiers, after its determiner ("the proposed truce")."""
    start, _ = halt_phrase(view, halt)
    return start <= cue.i < halt.i and view.words(start - 1, start) in (["the"], ["a"], ["an"], ["'s"], ["its"],
                                                                       ["this"], ["their"], ["his"])


def _determiner(view: SentenceView, cue: Cue) -> int:
    """Index of the first word of the noun phrase a stance noun heads (after any determiner)."""
    k = cue.i - 1
    roles = side_roles(view)
    while k >= 0 and (any(r.cue.i <= k < r.cue.j for r in roles) or view.tokens[k].lower in ("'s", "-")):
        k -= 1
    return k + 1


def _nominal(view: SentenceView, cue: Cue) -> bool:
    """A stance noun with its determiner or possessor: "the Russian order", "a proposal", "Putin's appeal"."""
    k = _determiner(view, cue) - 1
    owned = k + 1 < cue.i and view.tokens[cue.i - 1].lower == "'s"
    determined = owned or k >= 0 and view.tokens[k].lower in _DETERMINERS
    return determined and view.tokens[cue.i].lower not in _VERB_FORMS


_VERB_FORMS = {"agreed", "accepted", "declared", "ordered", "announced", "proposed", "rejected", "refused",
               "dismissed", "signed", "backed", "supported", "offered", "urged", "suggested"}


def _agents(view: SentenceView, cue: Cue) -> list[SideRole]:
    """"dismissed by Kyiv", "calls from Erdogan and Kirill": the sides after by/from, coordinated."""
    words = view.words(cue.i, cue.j + 6)
    ends = [k for k, w in enumerate(words) if (w in _AGENT_ENDS or w in _AGENT_WORDS)
            and not _date_on(view, cue.i + k)]
    if not ends or words[ends[0]] not in _AGENT_WORDS:
        return []  # "agreed upon on March 18 by the presidents": the first such word must be by/from
    end = cue.i + ends[0] + 1
    if any(cue.j <= c.i < end - 1 for cat in ("halt", "stance") for c in view.cues.get(cat, ())):
        return []  # "rejected a ceasefire proposed by Washington": the agent of another word
    limit = min(len(view.tokens), end + 14)
    stop = next((k for k in range(end, limit) if view.tokens[k].lower in _AGENT_ENDS
                 or any(c.i == k for c in view.cues.get("stance", ()))), limit)
    return [r for r in side_roles(view) if end <= r.cue.i < stop and r.role != "speaker"]


def _date_on(view: SentenceView, k: int) -> bool:
    """"agreed upon on March 18 by …": a date between a stance and its agent."""
    nxt = view.tokens[k + 1].text if k + 1 < len(view.tokens) else ""
    return view.tokens[k].lower == "on" and (nxt[:1].isupper() or nxt[:1].isdigit())


def _subject_parties(view: SentenceView, stance_cue: Cue, halt: Cue) -> list[str]:
    roles = [r for r in side_roles(view) if r.role in ("actor", "speaker", "owner") and r.side not in ("ENEMY",)
             and not _object_of_preposition(view, r)]
    clause = _clause(view, stance_cue.i)
    adjacent = [r for r in side_roles(view) if r.role == "victim" and stance_cue.i - 2 <= r.cue.j <= stance_cue.i]
    before = [r for r in roles + adjacent if clause[0] <= r.cue.i < stance_cue.i and stance_cue.i - r.cue.j <= 14]
    before.sort(key=lambda r: r.cue.i)
    before = [r for r in before if not _parenthetical(view, r, stance_cue, before)]
    agent = [r for r in _agents(view, stance_cue) if r in roles or r.role == "owner"]
    possessor = [r for r in roles if r.cue.j == stance_cue.i - 1 and view.words(r.cue.j, r.cue.j + 1) == ["'s"]
                 or r.cue.j == stance_cue.i and view.tokens[r.cue.j - 1].lower == "'s"]
    pick = possessor or agent or before[-1:] or _opener_subject(view, stance_cue, halt, roles)
    coordinated = pick == before[-1:]
    if {"it", "they"} & set(view.words(stance_cue.i - 2, stance_cue.i)[:1] + view.words(stance_cue.i - 1, stance_cue.i)):
        first = [r for r in roles if r.cue.i < stance_cue.i]
        pick = first[:1] or pick  # "the White House … hopes": the pronoun is the sentence's subject
    if coordinated and len(before) >= 2:  # "Russia, Ukraine and the US agreed": the whole list
        k = len(before) - 1
        while k > 0 and _list_joint(view.words(before[k - 1].cue.j, before[k].cue.i)):
            k -= 1
        pick = before[k:] if k < len(before) - 1 else pick
    return [_concrete(r) for r in pick if _concrete(r) != UNKNOWN_SIDE]


def _list_joint(between: list[str]) -> bool:
    """What joins two items of a list of sides: "and", ",", ", and", "and the"."""
    return bool(between) and set(between) <= {",", "and", "the"} and len(between) <= 3


def _parenthetical(view: SentenceView, role: SideRole, stance_cue: Cue, before: list[SideRole]) -> bool:
    """"Ukraine, backed by Britain, proposed …", "Moscow, according to Kyiv, has refused …": a side
    inside commas between the subject and its stance word (the commas open with no side, so a list
    "Russia, Ukraine, and the US agreed" stays whole)."""
    words = view.words(0, stance_cue.i)
    opening = next((k for k in range(role.cue.i - 1, max(-1, role.cue.i - 6), -1) if words[k] == ","), None)
    closing = next((k for k in range(role.cue.j, stance_cue.i) if words[k] == ","), None)
    if opening is None or closing is None or opening + 1 == role.cue.i:
        return False
    return any(r.cue.j <= opening for r in before)


def _clause(view: SentenceView, i: int) -> tuple[int, int]:
    """The clause of token i, where a parenthetical ", however," does not open a new one."""
    start, end = view.clause_of(i)
    if start > 1 and view.tokens[start].lower == "however" and view.tokens[start - 1].lower == ",":
        start = view.clause_of(start - 1)[0]
    return start, end


def _object_of_preposition(view: SentenceView, role: SideRole) -> bool:
    """"talks with Ukrainian delegations", "leaders from France, Russia and Ukraine": not the
    one taking a stance (a list after the preposition counts too)."""
    if role.role == "speaker":
        return False
    starts = view.memo.get(_object_of_preposition)
    if starts is None:  # once per sentence: rules ask for every role of every stance
        starts = view.memo[_object_of_preposition] = {r.cue.j: r.cue.i for r in side_roles(view)}
    k = role.cue.i - 1
    while k >= 0 and (view.tokens[k].lower in (",", "and") or k + 1 in starts):
        k = starts[k + 1] - 1 if k + 1 in starts and view.tokens[k].lower not in (",", "and") else k - 1
    return k >= 0 and view.tokens[k].lower in _PREPOSITIONS


def _opener_subject(view: SentenceView, cue: Cue, halt: Cue, roles: list[SideRole]) -> list[SideRole]:
    """"Since exiting the deal, Moscow has …": the subject comes after the participle's phrase."""
    if not view.tokens[cue.i].lower.endswith("ing") or not set(view.words(cue.i - 1, cue.i)) & _OPENERS:
        return []
    return [r for r in roles if halt.j <= r.cue.i <= halt.j + 4][:1]


def _concrete(role: SideRole) -> str:
    return role.side if role.side not in ("MOD", "GENSTAFF", "ENEMY") else UNKNOWN_SIDE


# Breaches ------------------------------------------------------------------------------------

def _accused(view: SentenceView, breach: Cue) -> tuple[str | None, bool]:
    """The accused side, and whether the sentence names its own agreement ("Putin's agreement")."""
    roles = [r for r in side_roles(view) if r.side in PARTIES]
    near = [r for r in roles if abs(r.cue.i - breach.i) <= 8 and r.role != "speaker"]
    agreement = [r for r in near if view.words(r.cue.j, r.cue.j + 2)[-1:] and
                 set(view.words(r.cue.j, r.cue.j + 2)) & _AGREEMENT_NOUNS]
    if agreement:
        return agreement[0].side, True
    after = [r for r in near if r.cue.i > breach.i and r.role == "actor"]
    before = [r for r in near if r.cue.i < breach.i and r.role == "actor"]
    pick = before[-1:] or after[:1]
    return (pick[0].side if pick else None), False


def _mutual(view: SentenceView) -> list[str]:
    words = view.words(0, len(view.tokens))
    if any(words[k:k + 2] == list(_MUTUAL) for k in range(len(words) - 1)) or "both" in words:
        sides = {r.side for r in side_roles(view) if r.side in PARTIES}
        if len(sides) == 2:
            return sorted(sides)
    return []


def _breach(view: SentenceView, ctx: DocContext, stances: dict[Stance, Cue], scopes: list[Scope],
            speaker: Speaker, doc_speaker: Speaker, rule: str) -> None:
    """The accuser accuses; the accused agreed only when the sentence names its own agreement.

    "Kyiv and Moscow accused each other of violating the truce": both accuse; "… a previously
    agreed truce": both agreed it too."""
    cue = stances[Stance.ACCUSED_BREACH]
    mutual = _mutual(view)
    if mutual:
        for party in mutual:
            _emit_all(view, ctx, party, Stance.ACCUSED_BREACH, scopes, speaker, "commitment/mutual-breach")
            if Stance.AGREED in stances:
                _emit_all(view, ctx, party, Stance.AGREED, scopes, speaker, "commitment/mutual-breach")
        return
    accused, own_agreement = _accused(view, cue)
    accuser = speaker.side if speaker.source or speaker.verb else doc_speaker.side
    if accuser in (UNKNOWN_SIDE, accused) and accused:
        accuser = opposite(accused)
    if accuser == UNKNOWN_SIDE:
        return
    _emit_all(view, ctx, accuser, Stance.ACCUSED_BREACH, scopes, speaker, rule)
    if accused and accused != accuser and own_agreement:
        _emit_all(view, ctx, accused, Stance.AGREED, scopes, speaker, "commitment/breach-of-own-agreement")


_PROMISE_NOUNS = {"word", "promise", "promises", "pledge", "pledges", "commitment", "commitments",
                  "agreement", "deal", "obligations", "truce", "ceasefire"}


def _breach_of_word(view: SentenceView, ctx: DocContext, speaker: Speaker, doc_speaker: Speaker) -> None:
    """"Zelenskyy accused Moscow of breaking its word": a breach of the truce the report is about."""
    if ctx.last_scope is None:
        return
    for cue in view.cues.get("stance", ()):
        if cue.label == Stance.ACCUSED_BREACH.value and set(view.words(cue.j, cue.j + 3)) & _PROMISE_NOUNS:
            _breach(view, ctx, {Stance.ACCUSED_BREACH: cue}, [ctx.last_scope], speaker, doc_speaker,
                    "commitment/breach-of-word")
            return


# Emitting ------------------------------------------------------------------------------------

def _emit(view: SentenceView, ctx: DocContext, party: str, stance: Stance, scope: Scope,
          speaker: Speaker, rule: str) -> None:
    if party not in PARTIES and party != UNKNOWN_SIDE and stance in (Stance.AGREED,):
        stance = Stance.PROPOSED  # mediators propose
    fields = {"party": party, "stance": stance.value, "scope": scope.value}
    key = (Kind.COMMITMENT, party, stance.value, scope.value)
    modality = Modality.CLAIMED if speaker.source or speaker.verb else Modality.ASSERTED
    if stance in (Stance.PROPOSED,) and any(c.label == "planned" for c in view.cues.get("hedge", ())):
        modality = Modality.PLANNED
    ctx.add(Draft(Kind.COMMITMENT, key, view.sentence, fields, speaker.side, speaker.source, modality,
                  rule=rule))


def _emit_all(view: SentenceView, ctx: DocContext, party: str, stance: Stance, scopes: list[Scope],
              speaker: Speaker, rule: str) -> None:
    for scope in scopes:
        _emit(view, ctx, party, stance, scope, speaker, rule)


def find_commitments(view: SentenceView, ctx: DocContext, speaker: Speaker, doc_speaker: Speaker) -> None:
    """Add this sentence's commitments to the document context."""
    halts = _halts(view, ctx)
    if not halts:
        _breach_of_word(view, ctx, speaker, doc_speaker)
        return
    parsed = ctx.parsed
    if other_period(view, parsed.published.year if parsed.published else None, parsed.document.text):
        ctx.last_scope = None  # "In 2014, both sides agreed to a ceasefire": another period's, and so is
        return                 # "the deal" after it
    done: list[tuple[int, int]] = []
    for halt, rule in halts:
        if any(i <= halt.i and halt.j <= j for i, j in done):
            continue  # "guarantees for ships through humanitarian corridors": one halt phrase
        done.append(halt_phrase(view, halt))
        if halt.label == "follow":
            _follow(view, ctx, halt, speaker, doc_speaker)
            continue
        if set(view.words(halt.i - 2, halt.i)) & _NONE_BEFORE and view.words(halt.i - 1, halt.i) != ["not"]:
            continue
        if view.tokens[halt.i].lower == "security" and Scope.MARITIME not in halt_scopes(view, halt):
            continue  # post-war "security guarantees" are no halt; safe passage at sea is
        _halt_commitments(view, ctx, halt, rule, speaker, doc_speaker)


def _halt_commitments(view: SentenceView, ctx: DocContext, halt: Cue, rule: str, speaker: Speaker,
                      doc_speaker: Speaker) -> None:
    scopes = _scopes(view, halt, ctx)
    stances = _stances(view, halt)
    if not stances and view.tokens[halt.i].lower in _DONE_HALTS and halt.label != "span":
        stances, rule = {Stance.AGREED: halt}, "commitment/halt-in-effect"  # "forces had stopped targeting energy"
    if not stances and _possessed(view, halt):
        stances, rule = {Stance.AGREED: halt}, "commitment/own-truce"  # "Putin's 30-hour Easter truce": agreed
    if not stances and _pledged(view, halt):  # "Russia will cease hostilities": a pledge; "would": an offer
        stances = {Stance.PROPOSED if "would" in view.words(halt.i - 2, halt.i) else Stance.AGREED: halt}
        rule = "commitment/pledge"
    if not stances:
        _advocacy(view, ctx, scopes, speaker)
        return
    if Stance.ACCUSED_BREACH in stances:
        _breach(view, ctx, stances, scopes, speaker, doc_speaker,
                "commitment/attack-during-truce" if stances[Stance.ACCUSED_BREACH].label == _DURING_LABEL
                else "commitment/accused-breach")
        breach = stances[Stance.ACCUSED_BREACH]
        others = {s: c for s, c in stances.items() if s is not Stance.ACCUSED_BREACH
                  and view.tokens[c.i].lower not in _COMMIT_VERBS}  # "committed violations" is the breach
        if others:  # "Zelenskyy, who had agreed to the truce, said Russia violated it": his own stance too
            silent = Speaker(UNKNOWN_SIDE, None, None)
            _stance_parties(view, ctx, halt, others, scopes, silent, silent, rule)
        return
    _stance_parties(view, ctx, halt, stances, scopes, speaker, doc_speaker, rule)


def _follow(view: SentenceView, ctx: DocContext, halt: Cue, speaker: Speaker, doc_speaker: Speaker) -> None:
    """"Russia expects Ukraine to follow suit": the side asking proposes the truce the report is about."""
    if ctx.last_scope is None or irrealis(view, halt):
        return
    follower = [r for r in side_roles(view) if halt.i - 8 <= r.cue.i < halt.i and r.side in PARTIES]
    side = opposite(follower[-1].side) if follower else (speaker.side if speaker.source or speaker.verb
                                                         else doc_speaker.side)
    if side != UNKNOWN_SIDE:
        _emit(view, ctx, side, Stance.PROPOSED, ctx.last_scope, speaker, "commitment/follow-suit")


def _stance_parties(view: SentenceView, ctx: DocContext, halt: Cue, stances: dict[Stance, Cue],
                    scopes: list[Scope], speaker: Speaker, doc_speaker: Speaker, rule: str) -> None:
    """Each stance word with its own party: "Russia refused the ceasefire that Washington proposed"
    is RU refused and US proposed; a party keeps its strongest stance."""
    taken: dict[str, tuple[Stance, str]] = {}
    orphan: Stance | None = None
    orphan_cue: Cue | None = None
    asked = stances.get(Stance.PROPOSED)
    agreed = stances.get(Stance.AGREED)
    if asked is not None and agreed is not None and agreed.i > asked.i and not _relative_subject(view, agreed, halt):
        stances = {s: c for s, c in stances.items() if s is not Stance.AGREED}  # the content of a call
        # (not "a truce, which Ukraine accepted": a relative clause with its own subject)
    for stance in _PRIORITY:
        cue = stances.get(stance)
        if cue is None:
            continue
        parties = _parties(view, cue, halt)
        if parties is None:
            continue
        stance, special = _negated(view, cue, stance, parties, speaker, doc_speaker)
        if special == "commitment/not-observed":
            taken.setdefault(_accuser(speaker, doc_speaker, parties), (stance, special))
            continue
        if not parties and orphan is None:
            orphan, orphan_cue = stance, cue
        for party in parties:
            taken.setdefault(party, (stance, special or rule))
    if orphan is not None:
        side = speaker.side if speaker.source or speaker.verb else doc_speaker.side
        if side == UNKNOWN_SIDE and ctx.last_person and orphan_cue and _pronoun_subject(view, orphan_cue):
            side = ctx.last_person  # "Zelensky met the envoy. He suggested a truce": he is Zelensky
        if side != UNKNOWN_SIDE or orphan is Stance.PROPOSED:
            taken.setdefault(side, (orphan, rule))
    for party, (stance, made_by) in taken.items():
        near = ctx.sentence_commitments.get((party, stance))
        if near is not None and abs(near - halt.i) <= 10:
            continue  # "guarantees for ships through humanitarian corridors": one commitment, the first scope
        ctx.sentence_commitments[(party, stance)] = halt.i
        _emit_all(view, ctx, party, stance, scopes, speaker, made_by)


def _pronoun_subject(view: SentenceView, cue: Cue) -> bool:
    """"he suggested", "she has rejected": a personal pronoun just before the stance word."""
    return bool({"he", "she"} & set(view.words(cue.i - 3, cue.i)))


def _accuser(speaker: Speaker, doc_speaker: Speaker, accused: list[str]) -> str:
    side = speaker.side if speaker.source or speaker.verb else doc_speaker.side
    if side in (UNKNOWN_SIDE, *accused) and accused:
        side = opposite(accused[0])
    return side


def _negated(view: SentenceView, cue: Cue, stance: Stance, parties: list[str], speaker: Speaker,
             doc_speaker: Speaker) -> tuple[Stance, str | None]:
    """"gave no order to extend", "did not agree": a refusal; "was not observed by Kyiv",
    said by the other side: an accusation of breach. The rule id of such a reading, else None."""
    if stance is not Stance.AGREED or not _NEGATORS & set(view.words(cue.i - 3, cue.i)):
        return stance, None
    accuser = _accuser(speaker, doc_speaker, parties)
    if view.tokens[cue.i].lower in _OBSERVANCE and parties and accuser in PARTIES and accuser not in parties:
        return Stance.ACCUSED_BREACH, "commitment/not-observed"
    return Stance.REFUSED, "commitment/negated-agreement"


def _pledged(view: SentenceView, halt: Cue) -> bool:
    """A halt verb after "will"/"would" with a party as subject: that party pledges or offers it."""
    if view.tokens[halt.i].lower not in _HALT_VERBS or not _FUTURE & set(view.words(halt.i - 2, halt.i)):
        return False
    return bool(_subject_parties(view, halt, halt))


def _possessed(view: SentenceView, halt: Cue) -> bool:
    """A party's own halt: "Putin's Easter truce", "Russia's moratorium"."""
    start, _ = halt_phrase(view, halt)
    if view.words(start - 1, start) != ["'s"]:
        return False
    return any(r.cue.j in (start - 1, start) and r.side in PARTIES for r in side_roles(view))  # "Moscow's"


def _advocacy(view: SentenceView, ctx: DocContext, scopes: list[Scope], speaker: Speaker) -> None:
    """A third party saying a ceasefire could or should happen proposes it."""
    if speaker.side in PARTIES or speaker.side == UNKNOWN_SIDE or not speaker.source:
        return
    if set(view.words(0, len(view.tokens))) & _ADVOCACY:
        _emit_all(view, ctx, speaker.side, Stance.PROPOSED, scopes, speaker, "commitment/third-party-advocacy")
