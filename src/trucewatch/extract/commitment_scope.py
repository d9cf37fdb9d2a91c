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

from trucewatch.extract.analysis import SentenceView, per_cue
from trucewatch.extract.matcher import Cue
from trucewatch.model import Scope

__all__ = ["HEAD_NOUNS", "halt_phrase", "halt_scopes", "phrase_scopes", "wide_extent"]

# Words that end a halt's pre-modifiers (walking left) or its attached phrases (walking right).
_LEFT_STOPS = {"the", "a", "an", "this", "that", "these", "its", "their", "his", "her", "our", "'s",
               ",", ".", ":", ";", "(", ")", "to", "of", "on", "in", "for", "by", "with", "from", "after",
               "before", "during", "despite", "was", "is", "were", "are", "be", "been", "has", "have",
               "had", "said", "says", "no", "any", "—", "–", "but", "as", "through", "along", "via", "at",
               "into", "over", "under", "around", "near", "between", "against", "about", "across",
               "toward", "towards", "upon", "within", "amid", "without", "than", "not", "will", "would",
               "it", "we", "they", "he", "she", "i", "you", "must", "can", "should", "may", "might",
               "could", "if", "whether", "'", "‘", "’", "\"", "“", "”"}
_RIGHT_STOPS = {",", ".", ";", ":", "(", "which", "that", "who", "to", "so", "but", "while", "as",
                "after", "because", "said", "says", "—", "–", "if", "when", "until", "was", "were",
                "is", "are", "will", "would", "has", "had", "have", "could", "should", "must", "and"}
_AND_SCOPE = {"and", "or", "&"}  # "ports and power stations": the phrase goes on after "and"
_PURPOSE = {"to", "so", "for"}  # "a truce … so that the bodies could be collected"
_LEFT_REACH, _RIGHT_REACH, _PURPOSE_REACH = 6, 14, 14
_NEAR_BEFORE, _NEAR_AFTER = 10, 14
_SPECIFIC = (Scope.ENERGY, Scope.MARITIME, Scope.OTHER)


@per_cue
def halt_phrase(view: SentenceView, halt: Cue) -> tuple[int, int]:
    """Token range of the halt's own phrase: its pre-modifiers, itself and its attachments
    (computed once per halt and sentence: rules ask for it from loops over other cues)."""
    i = halt.i
    while i > 0 and halt.i - i < _LEFT_REACH and view.tokens[i - 1].lower not in _LEFT_STOPS \
            and not _verb_before(view, i - 1):
        i -= 1
    j = halt.j
    while j < len(view.tokens) and j - halt.j < _RIGHT_REACH and (
            _goes_on(view, j) or j == halt.j and _head(view, j)):
        j += 1
    return i, j


_MODIFIER_OPENERS = {"the", "a", "an", "its", "his", "their", "this", "'s", "-"}


def _verb_before(view: SentenceView, k: int) -> bool:
    """A stance or report word that is not a modifier ("the proposed truce") ends the phrase."""
    if not any(c.i <= k < c.j for cat in ("stance", "report") for c in view.cues.get(cat, ())):
        return False
    return not (k > 0 and view.tokens[k - 1].lower in _MODIFIER_OPENERS)


def _head(view: SentenceView, k: int) -> bool:
    """"a ceasefire agreement on energy sites": a stance noun heading the halt goes on with it."""
    return view.tokens[k].lower in HEAD_NOUNS


HEAD_NOUNS = {"agreement", "agreements", "deal", "deals", "proposal", "proposals", "plan", "offer",
               "initiative", "declaration", "order", "pledge", "commitment", "regime", "arrangement"}


def _goes_on(view: SentenceView, k: int) -> bool:
    word = view.tokens[k].lower
    if word in _AND_SCOPE:  # coordination goes on only into another scope word
        return any(k < c.i <= k + 3 for c in view.cues.get("scope", ()))
    if word in _RIGHT_STOPS:
        return False
    return not any(c.i == k for cat in ("stance", "report") for c in view.cues.get(cat, ()))


def phrase_scopes(view: SentenceView, halt: Cue) -> list[Scope]:
    """Specific scopes named in the halt's own phrase only ("the agreement on grain exports")."""
    i, j = halt_phrase(view, halt)
    return _coordinated(view, [c for c in view.cues.get("scope", ()) if i <= c.i and c.j <= j
                               and c.label != Scope.FULL_CEASEFIRE])


def halt_scopes(view: SentenceView, halt: Cue) -> list[Scope]:
    """Specific scopes of the halt's phrase (several when coordinated), else full, else the
    nearest specific scope word around it, else none.

    Returns [] when no scope is named near it: the caller decides whether it refers back to
    the truce the report is about or stands for a full ceasefire."""
    i, j = halt_phrase(view, halt)
    motives = [(c.i, c.j) for c in view.cues.get("motive", ())]
    cues = [c for c in view.cues.get("scope", ()) if i <= c.i and c.j <= j and c.label != Scope.FULL_CEASEFIRE
            and not any(a <= c.i < b for a, b in motives)]
    specific = _coordinated(view, cues) + _purpose_scopes(view, halt, j)
    if Scope.MARITIME in specific and _air(view, i, j):
        specific.append(Scope.OTHER)  # "an air and sea truce" is maritime plus other (guide)
    if specific:
        return list(dict.fromkeys(specific))
    full = any(i <= c.i and c.j <= j and c.label == Scope.FULL_CEASEFIRE for c in view.cues.get("scope", ()))
    return [Scope.FULL_CEASEFIRE] if full else _nearby(view, halt, motives)


def _nearby(view: SentenceView, halt: Cue, motives: list[tuple[int, int]]) -> list[Scope]:
    """A phrase with no scope word of its own takes the nearest specific one around it:
    "attacked energy facilities despite the moratorium" is about the energy moratorium."""
    lo, hi = halt.i - _NEAR_BEFORE, halt.j + _NEAR_AFTER
    labels = {c.label for c in view.cues.get("scope", ())
              if lo <= c.i < hi and not any(a <= c.i < b for a, b in motives)}
    return [s for s in _SPECIFIC if s.value in labels][:1]


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


_WIDE = {"days", "weeks", "months", "whole", "entire", "front-wide", "country-wide", "countrywide"}
_WIDE_REACH = 6


def wide_extent(view: SentenceView, halt: Cue) -> bool:
    """"a ceasefire of thirty days", "a truce for the whole front": the phrase gives the halt an
    extent no local truce has, so a report that mentions an evacuation elsewhere does not make it local."""
    i, j = halt_phrase(view, halt)
    end = min(view.clause_of(halt.i)[1], max(j, halt.j + _WIDE_REACH))
    return bool(_WIDE & set(view.words(i, end)))
