"""Named predicates that rule files may list under `block`: what data cannot say stays here.

A blocker reads a sentence view and a match and says whether the match must be dropped
(negated, hedged, a running total…). Generic blockers are defined below; the kind modules
register their own with `@blocker("name")`. `trucewatch rules report` and the per-rule tests
see every rule's blockers by these names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["BLOCKERS", "blocked_by", "blocker", "trigger_of"]

Blocker = Callable[[Any, Any], bool]
BLOCKERS: dict[str, Blocker] = {}


def blocker(name: str) -> Callable[[Blocker], Blocker]:
    """Register a blocker under `name` (a decorator)."""
    def register(fn: Blocker) -> Blocker:
        if name in BLOCKERS and BLOCKERS[name] is not fn:
            raise ValueError(f"blocker {name!r} registered twice")
        BLOCKERS[name] = fn
        return fn
    return register


def trigger_of(match: Any) -> tuple[int, int]:
    """The token range of a match's `trigger` slot, else of the whole match."""
    return match.slots.get("trigger", (match.i, match.j))


def blocked_by(view: Any, match: Any) -> str | None:
    """The first of the rule's blockers that vetoes the match, or None."""
    for name in match.rule.block:
        if BLOCKERS[name](view, match):
            return name
    return None


@blocker("negation@clause")
def _negation(view: Any, match: Any) -> bool:
    """A negation within six tokens before the trigger, in its clause ("did not shoot down")."""
    i, _ = trigger_of(match)
    start, _ = view.clause_of(i)
    return any(i - c.j <= 6 for c in view.within("negation", start, i))


@blocker("hedge@clause")
def _hedge(view: Any, match: Any) -> bool:
    """A hypothetical or a plan before the trigger in its clause ("could strike", "plans to")."""
    i, _ = trigger_of(match)
    start, _ = view.clause_of(i)
    return any(c.label in ("hypothetical", "planned") for c in view.within("hedge", start, i))


@blocker("attempt@clause")
def _attempt(view: Any, match: Any) -> bool:
    """"tried to shoot down": an attempt is not a success."""
    i, _ = trigger_of(match)
    start, _ = view.clause_of(i)
    return any(c.label == "attempt" for c in view.within("hedge", start, i))


@blocker("running-total@sentence")
def _running_total(view: Any, match: Any) -> bool:
    """"since the start of the invasion": an aggregate, not the news of the day."""
    return bool(view.cues.get("aggregate"))


@blocker("whether@clause")
def _whether(view: Any, match: Any) -> bool:
    """"whether to accept", "asked if": an open question, not a stance."""
    i, _ = trigger_of(match)
    start, _ = view.clause_of(i)
    return any(w in ("whether", "if") for w in view.words(start, i))


_CAPTION_WORDS = {"photo", "photos", "photograph", "picture", "pictured", "image", "video", "file"}


@blocker("caption@sentence")
def _caption(view: Any, match: Any) -> bool:
    """A photo caption ("In this photo provided by …, firefighters work …", "… (photo credit: …)")
    describes a picture of an attack the story reports elsewhere, often a file picture."""
    head = view.words(0, 5)
    if _CAPTION_WORDS & set(head) and ("this" in head or "a" in head or head[:1] == ["photo"]):
        return True
    words = view.words(0, len(view.tokens))
    if any(a in ("photo", "photos") and b in ("credit", ":", "/") for a, b in zip(words, words[1:])):
        return True
    return _dated_caption(words)


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"}


def _dated_caption(words: list[str]) -> bool:
    """A wire photo caption ends on its place and full date, with no full stop:
    "…, in Bakhmut, Ukraine, January 5, 2023"."""
    tail = words[-5:]
    return len(tail) == 5 and tail[0] == "," and tail[1] in _MONTHS and tail[2].isdigit() \
        and tail[3] == "," and len(tail[4]) == 4 and tail[4].isdigit()


@blocker("background@sentence")
def _background(view: Any, match: Any) -> bool:
    """A sentence the report itself marks as background ("Background: …", "Recall that …")."""
    head = view.words(0, 3)
    return head[:2] in (["background", ":"], ["context", ":"], ["reminder", ":"]) or head[:2] == ["recall", "that"]
