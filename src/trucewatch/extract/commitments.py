"""Commitments: a party agrees, proposes, refuses, or accuses the other of breaking a halt.

A halt phrase ("ceasefire", "stop striking", "humanitarian corridor") with a
stance word near it in its clause. The party is the side that takes the
stance: its subject ("Russia refused"), its possessor ("Putin's agreement"),
its agent ("the refusal by Putin"), else the sentence's speaker. An
accusation of breach names the accuser; the accused is taken to have agreed.
Mediators (any state other than the two parties) propose.
"""

from __future__ import annotations

from trucewatch.extract.analysis import SentenceView
from trucewatch.extract.attribution import PARTIES, SideRole, Speaker, opposite, side_roles
from trucewatch.extract.context import DocContext, Draft
from trucewatch.extract.matcher import Cue
from trucewatch.model import Kind, Modality, Scope, Stance, UNKNOWN_SIDE

__all__ = ["find_commitments"]

_PRIORITY = (Stance.ACCUSED_BREACH, Stance.REFUSED, Stance.PROPOSED, Stance.AGREED)
_SCOPE_PRIORITY = (Scope.ENERGY, Scope.MARITIME, Scope.OTHER)
_AGREEMENT_NOUNS = {"agreement", "agreements", "promise", "promises", "pledge", "pledges", "agreed",
                    "commitment", "deal", "obligations", "guarantees", "accords"}
_MUTUAL = ("each", "other")
_ADVOCACY = {"could", "should", "must", "would", "need", "needs", "needed", "necessary"}
_NONE_BEFORE = {"no", "without", "not"}
_QUOTES = {"'", "‘", "’", "\"", "“", "”", "«", "»"}
_DONE_HALTS = {"stopped", "halted", "ceased", "suspended"}


def _stances(view: SentenceView, halt: Cue) -> dict[Stance, Cue]:
    clause = view.clause_of(halt.i)
    found: dict[Stance, Cue] = {}
    lo, hi = max(clause[0], halt.i - 12), min(clause[1], halt.j + 8)
    for cue in view.within("stance", lo, min(clause[1], halt.j + 14)):
        if cue.i <= halt.i < cue.j or halt.i <= cue.i < halt.j:
            continue  # "no-strike" or "cease fire" inside the halt phrase itself
        stance = Stance(cue.label)
        before = [w for w in view.words(cue.i - 3, cue.i) if w not in _QUOTES]
        if stance is Stance.AGREED and cue.j - cue.i == 1 and before[-1:] == ["to"]:
            continue  # "called on both to declare a ceasefire": what is asked, not done
        if cue.i >= hi and stance is not Stance.ACCUSED_BREACH:
            continue  # breaches reach further: "after the truce ended and accused Ukraine of violations"
        found.setdefault(stance, cue)
    return found


def _scope(view: SentenceView, halt: Cue, local_truce: bool = False, last_scope: Scope | None = None) -> Scope:
    own = view.tokens[halt.i].lower
    lo, hi = halt.i - 10, halt.j + 14
    labels = {c.label for c in view.cues.get("scope", ()) if lo <= c.i < hi}
    if own in ("humanitarian", "safe", "evacuation", "green", "demilitarized", "demilitarised",
               "safety", "protection", "non", "non-use"):
        return Scope.MARITIME if own == "safe" and "maritime" in labels else Scope.OTHER
    if own == "security" and "maritime" in labels:
        return Scope.MARITIME
    for scope in _SCOPE_PRIORITY:
        if scope.value in labels:
            return scope
    if local_truce and "full_ceasefire" not in labels:
        return Scope.OTHER  # a plain "ceasefire" in a report about an evacuation is that local truce
    if last_scope is not None and not labels and view.words(halt.i - 1, halt.i) == ["the"]:
        return last_scope  # "observed the moratorium": the truce the report is about
    return Scope.FULL_CEASEFIRE


_BOTH = (("both", "sides"), ("warring", "countries"), ("warring", "parties"), ("warring", "sides"),
         ("two", "sides"), ("both", "countries"), ("both", "parties"))


def _parties(view: SentenceView, stance_cue: Cue, halt: Cue) -> list[str]:
    """Sides taking the stance: subject before it, or agent ("by X"), or possessor.

    "Both sides" and "the warring countries" are both parties; "deals with Ukraine and
    Russia" makes the sides after "with" parties too."""
    both = [k for k in range(max(0, stance_cue.i - 10), stance_cue.i)
            if tuple(view.words(k, k + 2)) in _BOTH]
    extra: list[str] = ["RU", "UA"] if both else []
    after = view.words(stance_cue.j, stance_cue.j + 4)
    if "with" in after:
        extra += [r.side for r in side_roles(view) if r.side in PARTIES
                  and stance_cue.j <= r.cue.i <= stance_cue.j + 8]
    found = _subject_parties(view, stance_cue)
    return found + [s for s in dict.fromkeys(extra) if s not in found]


def _subject_parties(view: SentenceView, stance_cue: Cue) -> list[str]:
    roles = [r for r in side_roles(view) if r.role in ("actor", "speaker", "owner") and r.side not in ("ENEMY",)]
    clause = view.clause_of(stance_cue.i)
    before = [r for r in roles if clause[0] <= r.cue.i < stance_cue.i and stance_cue.i - r.cue.j <= 14]
    agent = [r for r in roles if stance_cue.j <= r.cue.i <= stance_cue.j + 4 and
             "by" in view.words(stance_cue.j, r.cue.i)]
    possessor = [r for r in roles if r.cue.j == stance_cue.i - 1 and view.words(r.cue.j, r.cue.j + 1) == ["'s"]
                 or r.cue.j == stance_cue.i and view.tokens[r.cue.j - 1].lower == "'s"]
    pick = possessor or agent or before[-1:]
    if view.words(stance_cue.i - 2, stance_cue.i)[-2:-1] in (["it"], ["they"]) or view.words(stance_cue.i - 1, stance_cue.i) in (["it"], ["they"]):
        first = [r for r in roles if r.cue.i < stance_cue.i]
        pick = first[:1] or pick  # "the White House … hopes": the pronoun is the sentence's subject
    if pick and before and len(before) >= 2 and view.words(before[-2].cue.j, before[-1].cue.i) in (["and"], [","]):
        pick = before[-2:]
    return [_concrete(r) for r in pick if _concrete(r) != UNKNOWN_SIDE]


def _concrete(role: SideRole) -> str:
    return role.side if role.side not in ("MOD", "GENSTAFF") else UNKNOWN_SIDE


def _accused(view: SentenceView, breach: Cue) -> str | None:
    roles = [r for r in side_roles(view) if r.side in PARTIES]
    near = [r for r in roles if abs(r.cue.i - breach.i) <= 8 and r.role != "speaker"]
    agreement = [r for r in near if view.words(r.cue.j, r.cue.j + 2)[-1:] and
                 set(view.words(r.cue.j, r.cue.j + 2)) & _AGREEMENT_NOUNS]
    if agreement:
        return agreement[0].side
    after = [r for r in near if r.cue.i > breach.i and r.role == "actor"]
    before = [r for r in near if r.cue.i < breach.i and r.role == "actor"]
    pick = before[-1:] or after[:1]
    return pick[0].side if pick else None


def _mutual(view: SentenceView) -> list[str]:
    words = view.words(0, len(view.tokens))
    if any(words[k:k + 2] == list(_MUTUAL) for k in range(len(words) - 1)) or "both" in words:
        sides = {r.side for r in side_roles(view) if r.side in PARTIES}
        if len(sides) == 2:
            return sorted(sides)
    return []


def _emit(view: SentenceView, ctx: DocContext, party: str, stance: Stance, scope: Scope,
          speaker: Speaker) -> None:
    if party not in PARTIES and party != UNKNOWN_SIDE and stance in (Stance.AGREED,):
        stance = Stance.PROPOSED  # mediators propose
    fields = {"party": party, "stance": stance.value, "scope": scope.value}
    key = (Kind.COMMITMENT, party, stance.value, scope.value)
    modality = Modality.CLAIMED if speaker.source or speaker.verb else Modality.ASSERTED
    if stance in (Stance.PROPOSED,) and any(c.label == "planned" for c in view.cues.get("hedge", ())):
        modality = Modality.PLANNED
    ctx.add(Draft(Kind.COMMITMENT, key, view.sentence, fields, speaker.side, speaker.source, modality,
                  rule="commitment/halt-stance"))


def find_commitments(view: SentenceView, ctx: DocContext, speaker: Speaker, doc_speaker: Speaker) -> None:
    """Add this sentence's commitments to the document context."""
    if not view.cues.get("halt"):
        _breach_of_word(view, ctx, speaker, doc_speaker)
        return
    for halt in view.cues.get("halt", ()):
        if set(view.words(halt.i - 2, halt.i)) & _NONE_BEFORE and view.words(halt.i - 1, halt.i) != ["not"]:
            continue
        stances = _stances(view, halt)
        scope = _scope(view, halt, ctx.local_truce, ctx.last_scope)
        if view.tokens[halt.i].lower == "security" and scope is not Scope.MARITIME:
            continue  # post-war "security guarantees" are no halt; safe passage at sea is
        ctx.last_scope = scope
        if not stances and view.tokens[halt.i].lower in _DONE_HALTS and halt.label != "span":
            stances = {Stance.AGREED: halt}  # "Russian forces had stopped targeting energy": a halt in effect
        if not stances and _possessed(view, halt):
            stances = {Stance.AGREED: halt}  # "Putin's 30-hour Easter truce": his own, so agreed
        if not stances:
            _advocacy(view, ctx, halt, scope, speaker)
            continue
        if Stance.ACCUSED_BREACH in stances:
            _breach(view, ctx, stances[Stance.ACCUSED_BREACH], stances, scope, speaker, doc_speaker)
            others = {s: c for s, c in stances.items() if s is Stance.AGREED}
            if others:  # "wrecking the moratorium that Putin ordered": Putin's own agreement
                _stance_parties(view, ctx, halt, others, scope, Speaker(UNKNOWN_SIDE, None, None), Speaker(UNKNOWN_SIDE, None, None))
            continue
        _stance_parties(view, ctx, halt, stances, scope, speaker, doc_speaker)


def _stance_parties(view: SentenceView, ctx: DocContext, halt: Cue, stances: dict[Stance, Cue], scope: Scope,
                    speaker: Speaker, doc_speaker: Speaker) -> None:
    """Each stance word with its own party: "Russia refused the ceasefire that Washington proposed"
    is RU refused and US proposed; a party keeps its strongest stance."""
    taken: dict[str, Stance] = {}
    orphan: Stance | None = None
    asked = stances.get(Stance.PROPOSED)
    if asked is not None and Stance.AGREED in stances and stances[Stance.AGREED].i > asked.i:
        stances = {s: c for s, c in stances.items() if s is not Stance.AGREED}  # the content of a call
    for stance in _PRIORITY:
        cue = stances.get(stance)
        if cue is None:
            continue
        stance = _negated(view, cue, stance)
        parties = _parties(view, cue, halt)
        if not parties and orphan is None:
            orphan = stance
        for party in parties:
            taken.setdefault(party, stance)
    if orphan is not None:
        side = speaker.side if speaker.source or speaker.verb else doc_speaker.side
        if side != UNKNOWN_SIDE or orphan is Stance.PROPOSED:
            taken.setdefault(side, orphan)
    for party, stance in taken.items():
        near = ctx.sentence_commitments.get((party, stance))
        if near is not None and abs(near - halt.i) <= 10:
            continue  # "guarantees for ships through humanitarian corridors": one commitment, the first scope
        ctx.sentence_commitments[(party, stance)] = halt.i
        _emit(view, ctx, party, stance, scope, speaker)


def _negated(view: SentenceView, cue: Cue, stance: Stance) -> Stance:
    """"gave no order to extend", "did not agree": a refusal."""
    if stance is Stance.AGREED and set(view.words(cue.i - 3, cue.i)) & {"no", "not", "never", "n't"}:
        return Stance.REFUSED
    return stance


def _breach(view: SentenceView, ctx: DocContext, cue: Cue, stances: dict[Stance, Cue], scope: Scope,
            speaker: Speaker, doc_speaker: Speaker) -> None:
    mutual = _mutual(view)
    if mutual:
        for party in mutual:
            _emit(view, ctx, party, Stance.ACCUSED_BREACH, scope, speaker)
            _emit(view, ctx, party, Stance.AGREED, scope, speaker)
        return
    accused = _accused(view, cue)
    accuser = speaker.side if speaker.source or speaker.verb else doc_speaker.side
    if accuser in (UNKNOWN_SIDE, accused) and accused:
        accuser = opposite(accused)
    if accuser == UNKNOWN_SIDE:
        return
    _emit(view, ctx, accuser, Stance.ACCUSED_BREACH, scope, speaker)
    words = set(view.words(0, len(view.tokens)))
    if accused and accused != accuser and (words & _AGREEMENT_NOUNS or Stance.AGREED in stances):
        _emit(view, ctx, accused, Stance.AGREED, scope, speaker)


_PROMISE_NOUNS = {"word", "promise", "promises", "pledge", "pledges", "commitment", "commitments",
                  "agreement", "deal", "obligations", "truce", "ceasefire"}


def _breach_of_word(view: SentenceView, ctx: DocContext, speaker: Speaker, doc_speaker: Speaker) -> None:
    """"Zelenskyy accused Moscow of breaking its word": a breach of the truce the report is about."""
    if ctx.last_scope is None:
        return
    for cue in view.cues.get("stance", ()):
        if cue.label == Stance.ACCUSED_BREACH.value and set(view.words(cue.j, cue.j + 3)) & _PROMISE_NOUNS:
            _breach(view, ctx, cue, {Stance.ACCUSED_BREACH: cue}, ctx.last_scope, speaker, doc_speaker)
            return


def _possessed(view: SentenceView, halt: Cue) -> bool:
    """A party's own halt: "Putin's Easter truce", "Russia's moratorium"."""
    words = view.words(halt.i - 5, halt.i)
    if "'s" not in words:
        return False
    k = halt.i - len(words) + words.index("'s")
    return any(r.cue.j in (k, k + 1) and r.side in PARTIES for r in side_roles(view))


def _advocacy(view: SentenceView, ctx: DocContext, halt: Cue, scope: Scope, speaker: Speaker) -> None:
    """A third party saying a ceasefire could or should happen proposes it."""
    if speaker.side in PARTIES or speaker.side == UNKNOWN_SIDE or not speaker.source:
        return
    if set(view.words(0, len(view.tokens))) & _ADVOCACY:
        _emit(view, ctx, speaker.side, Stance.PROPOSED, scope, speaker)
