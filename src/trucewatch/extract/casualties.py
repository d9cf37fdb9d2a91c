"""Killed and injured counts bound to their casualty words.

"Three people were killed and six wounded", "killing three soldiers and
injuring 12", "7 dead", "a woman was injured", "no casualties" (0) and the
hedged "no immediate reports of casualties" (unknown).
"""

from __future__ import annotations

from dataclasses import dataclass

from trucewatch.extract.analysis import SentenceView
from trucewatch.extract.counts import Number

__all__ = ["Casualties", "casualties_in"]

_KILLED = {"killed", "killing", "kills", "kill", "dead", "died", "die", "dies", "death", "deaths",
           "fatalities", "lives", "life", "eliminated", "neutralized", "destroyed"}
_INJURED = {"injured", "injuring", "injures", "wounded", "wounding", "wounds", "hurt"}
_ACTIVE = {"killing", "kills", "kill", "injuring", "injures", "wounding", "eliminated",
           "neutralized", "destroyed", "killed", "injured", "wounded"}
_PEOPLE = {"people", "persons", "person", "civilians", "civilian", "residents", "children",
           "child", "soldiers", "servicemen", "troops", "invaders", "occupiers", "russians",
           "ukrainians", "men", "women", "woman", "man", "girl", "boy", "teenager", "more",
           "others", "other", "russian", "ukrainian", "of", "them", "were", "was", "have",
           "has", "been", "are", "is", "reportedly", "also", "enemy", "peaceful", "local",
           "elderly", "police", "officers", "workers", "rescuers", "military", "personnel",
           "mercenaries", "defenders", "including", "the", "and", "a", "an", "in", "total",
           "killed", "dead", "militants", "fighters"}
_PERSON_NOUNS = {"invaders", "occupiers", "soldiers", "servicemen", "troops", "mercenaries",
                 "militants", "fighters", "personnel", "russians", "people"}


@dataclass(slots=True)
class Casualties:
    killed: int | None = None
    injured: int | None = None

    def add(self, name: str, value: int) -> None:
        current = getattr(self, name)
        setattr(self, name, value if current is None else max(current, value))


_AGE = {"-", "year", "years", "old", "month", "months", "aged"}


def _age(view: SentenceView, number: Number) -> bool:
    """"a 43-year-old man", "a 9-year-old", "aged 70": an age, not a count."""
    return view.words(number.j, number.j + 2) in (["-", "year"], ["-", "month"], ["years", "old"]) \
        or "aged" in view.words(number.i - 3, number.i)  # "aged 70 and 72"


def _number_before(view: SentenceView, i: int, used: set[int]) -> Number | None:
    for number in reversed(view.numbers):
        if number.j <= i and number.i not in used:
            if _age(view, number):
                continue  # "a 43-year-old man was injured": the count is the "a" before the age
            between = [w for w in view.words(number.j, i) if w not in _AGE and not w.isdigit()]
            if len(between) <= 4 and all(w in _PEOPLE or w.isalpha() and w.endswith("s") and len(between) <= 2 for w in between):
                return number
            return None
    return None


def _skip_aside(view: SentenceView, j: int) -> int:
    """Past an aside between the verb and its count: "injured, according to local authorities, at least 14"."""
    if view.words(j, j + 1) != [","]:
        return j
    for k in range(j + 1, min(len(view.tokens), j + 12)):
        if view.tokens[k].lower == ",":
            return k + 1 if "according" in view.words(j + 1, k) or "officials" in view.words(j + 1, k) else j
    return j


def _number_after(view: SentenceView, j: int, used: set[int], persons: bool) -> Number | None:
    j = _skip_aside(view, j)
    for number in view.numbers:
        if number.i >= j and number.i not in used:
            between = view.words(j, number.i)
            if len(between) <= 2 and all(w in ("at", "least", "some", "another", "more", "than") for w in between):
                after = view.words(number.j, number.j + 3)
                if not persons or any(w in _PERSON_NOUNS for w in after):
                    return number
            return None
    return None


def _none_phrase(view: SentenceView, i: int) -> str | None:
    """"no casualties" → "zero"; "no immediate reports of casualties" → "hedged"."""
    before = view.words(i - 5, i)
    if "no" in before or "nobody" in before or "none" in before or "not" in before:
        hedge = {"immediate", "reports", "information", "word", "known", "yet", "data"}
        return "hedged" if hedge & set(before) else "zero"
    return None


def casualties_in(view: SentenceView, i: int, j: int) -> Casualties:
    """Casualty counts stated in tokens [i, j) of the sentence."""
    out = Casualties()
    used: set[int] = set()
    for cue in view.cues.get("damage", ()):
        word = view.tokens[cue.i].lower
        if not (i <= cue.i < j) or (word not in _KILLED and word not in _INJURED and word != "casualties"):
            continue
        none = _none_phrase(view, cue.i)
        if none is not None:
            if none == "zero":
                for name in (("killed", "injured") if word in ("casualties", "hurt") else
                             ("killed",) if word in _KILLED else ("injured",)):
                    out.add(name, 0)
            continue
        if word == "casualties":
            continue
        persons = word in ("destroyed", "eliminated", "neutralized")
        number = None
        if word in _ACTIVE:
            number = _number_after(view, cue.j, used, persons)
        if number is None and not persons:
            number = _number_before(view, cue.i, used)
        if number is None or number.value is None:
            continue
        used.add(number.i)
        out.add("killed" if word in _KILLED else "injured", number.value)
    return out
