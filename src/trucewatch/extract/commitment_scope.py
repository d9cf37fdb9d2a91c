"""The scope of a halt, read from its own phrase rather than from the whole sentence.

A halt phrase is its pre-modifiers ("Black Sea ceasefire", "air and sea truce"),
the halt words and the phrases attached after them ("a moratorium on strikes on
energy facilities", "a truce at sea"), up to the next verb-like or clause
word. Scope words elsewhere in the sentence ("refusing a ceasefire to keep
striking our ports") say nothing about the halt. Coordinated scopes ("ports and
power stations") each count. A local truce is decided per phrase: the halt's
own words or its purpose ("so that the bodies could be collected") make it
`other`; a report that mentions an evacuation elsewhere does not.
"""

from __future__ import annotations

from trucewatch.extract.analysis import SentenceView
from trucewatch.extract.matcher import Cue
from trucewatch.model import Scope

__all__ = ["halt_phrase", "halt_scopes"]

# Words that end a halt's pre-modifiers (walking left) or its attached phrases (walking right).
_LEFT_STOPS = {"the", "a", "an", "this", "that", "these", "its", "their", "his", "her", "our", "'s",
               ",", ".", ":", ";", "(", ")", "to", "of", "on", "in", "for", "by", "with", "from", "after",
               "before", "during", "despite", "was", "is", "were", "are", "be", "been", "has", "have",
               "had", "said", "says", "no", "any", "—", "–", "but", "as", "through", "along", "via", "at",
               "into", "over", "under", "around", "near", "between", "against", "about", "across",
               "toward", "towards", "upon", "within", "amid", "without", "than", "not", "will", "would"}
_RIGHT_STOPS = {",", ".", ";", ":", "(", "which", "that", "who", "to", "so", "but", "while", "as",
                "after", "because", "said", "says", "—", "–", "if", "when", "until", "was", "were",
                "is", "are", "will", "would", "has", "had", "have", "could", "should", "must", "and"}
_AND_SCOPE = {"and", "or", "&"}  # "ports and power stations": the phrase goes on after "and"
_PURPOSE = {"to", "so", "for"}  # "a truce … so that the bodies could be collected"
_LEFT_REACH, _RIGHT_REACH, _PURPOSE_REACH = 6, 10, 14
_SPECIFIC = (Scope.ENERGY, Scope.MARITIME, Scope.OTHER)


def halt_phrase(view: SentenceView, halt: Cue) -> tuple[int, int]:
    """Token range of the halt's own phrase: its pre-modifiers, itself and its attachments."""
    i = halt.i
    while i > 0 and halt.i - i < _LEFT_REACH and view.tokens[i - 1].lower not in _LEFT_STOPS:
        i -= 1
    j = halt.j
    while j < len(view.tokens) and j - halt.j < _RIGHT_REACH and _goes_on(view, j):
        j += 1
    return i, j


def _goes_on(view: SentenceView, k: int) -> bool:
    word = view.tokens[k].lower
    if word in _AND_SCOPE:  # coordination goes on only into another scope word
        return any(k < c.i <= k + 3 for c in view.cues.get("scope", ()))
    if word in _RIGHT_STOPS:
        return False
    return not any(c.i == k for cat in ("stance", "report") for c in view.cues.get(cat, ()))


def halt_scopes(view: SentenceView, halt: Cue) -> list[Scope]:
    """Specific scopes of the halt's phrase (several when coordinated), else full or none.

    Returns [] when the phrase names no scope at all: the caller decides whether it
    refers back to the truce the report is about or stands for a full ceasefire."""
    i, j = halt_phrase(view, halt)
    cues = [c for c in view.cues.get("scope", ()) if i <= c.i and c.j <= j and c.label != Scope.FULL_CEASEFIRE]
    specific = _coordinated(view, cues) + _purpose_scopes(view, halt, j)
    if Scope.MARITIME in specific and _air(view, i, j):
        specific.append(Scope.OTHER)  # "an air and sea truce" is maritime plus other (guide)
    if specific:
        return list(dict.fromkeys(specific))
    full = any(i <= c.i and c.j <= j and c.label == Scope.FULL_CEASEFIRE for c in view.cues.get("scope", ()))
    return [Scope.FULL_CEASEFIRE] if full else []


def _coordinated(view: SentenceView, cues: list[Cue]) -> list[Scope]:
    """The first scope of the phrase, and those joined to it by "and"/"or" ("ports and power stations")."""
    out: list[Scope] = []
    for k, cue in enumerate(cues):
        joined = k > 0 and bool(set(view.words(cues[k - 1].j, cue.i)) & _AND_SCOPE) and cue.i - cues[k - 1].j <= 2
        if not out or joined:
            out.append(Scope(cue.label))
        elif k > 0 and cue.i < cues[k - 1].j:
            continue
        else:
            break
    return out


def _purpose_scopes(view: SentenceView, halt: Cue, j: int) -> list[Scope]:
    """A local truce by its purpose: "a ceasefire … so that the bodies can be recovered"."""
    clause_end = view.clause_of(halt.i)[1]
    end = min(clause_end, halt.j + _PURPOSE_REACH)
    if not set(view.words(j, end)) & _PURPOSE:
        return []
    return [Scope.OTHER for c in view.cues.get("local_truce", ()) if j <= c.i < end]


def _air(view: SentenceView, i: int, j: int) -> bool:
    return any(i <= c.i < j for c in view.cues.get("air_scope", ()))
