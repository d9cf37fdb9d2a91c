"""Numbers in digits and words, with the guide's rules for qualifiers.

"At least N" is N; "more than / over / up to / about N", "dozens", "several"
are unknown (None): a count we are not sure of is not a count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from trucewatch.extract.tokens import Token
from trucewatch.vocab.loader import read_tsv

__all__ = ["Number", "find_numbers"]

_VAGUE_WORDS = {"dozens", "several", "many", "scores", "hundreds", "thousands", "some",
                "numerous", "multiple", "few", "a few", "dozen"}
_UNSURE_BEFORE = {("more", "than"), ("over",), ("up", "to"), ("about",), ("around",),
                  ("almost",), ("nearly",), ("approximately",), ("roughly",), ("some",),
                  ("fewer", "than"), ("less", "than"), ("under",), ("over", "the"), ("upwards", "of")}
_ARTICLES = {"a", "an", "another", "single"}
# Words that make the number after them a name, not a count: "train No. 63", "flight 752".
_IDENTIFIER_BEFORE = {"no", "number", "nr", "#", "train", "flight", "route", "brigade", "regiment",
                      "battalion", "bus", "highway", "tu", "su", "mig", "mi", "ka", "kh", "model", "version"}


@dataclass(frozen=True, slots=True)
class Number:
    i: int  # token range
    j: int
    value: int | None  # None: vague or qualified
    article: bool  # "a"/"an"/"another": one, but only weakly a count


@cache
def _words() -> dict[str, int]:
    return {r["word"]: int(r["value"]) for r in read_tsv("numbers.tsv")}


def _digits(text: str) -> int | None:
    if "." in text or ":" in text:
        return None  # decimals, dates, times are not counts
    try:
        return int(text.replace(",", ""))
    except ValueError:
        return None


def _word_run(tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """Value and end of a number-word run like "fifty - seven" or "two hundred"."""
    words = _words()
    total, current, j = 0, 0, i
    while j < len(tokens):
        word = tokens[j].lower
        if word in ("-", "and") and current and j + 1 < len(tokens) and tokens[j + 1].lower in words \
                and tokens[j + 1].lower not in _ARTICLES:
            j += 1
            continue
        value = words.get(word)
        if value is None or word in _ARTICLES or word in ("both", "pair", "dozen"):
            break
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total, current = total + max(current, 1) * 1000, 0
        else:
            current += value
        j += 1
    return (total + current, j) if j > i else None


def _qualified(tokens: Sequence[Token], i: int) -> bool:
    before = tuple(t.lower for t in tokens[max(0, i - 2):i])
    return any(before[-len(q):] == q for q in _UNSURE_BEFORE if len(before) >= len(q))


def _name_digits(tokens: Sequence[Token], i: int) -> bool:
    """Digits that belong to a name: "Shahed-136", "Kh-101/555", "train No. 63", "S-300s"."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    if prev.lower in _IDENTIFIER_BEFORE or prev.lower == "." and i > 1 and tokens[i - 2].lower == "no":
        return True
    if prev.lower in ("-", "/") and prev.end == tokens[i].start and i > 1 and tokens[i - 2].end == prev.start:
        before = tokens[i - 2].lower
        return before[:1].isalpha() or prev.lower == "/" and _name_digits(tokens, i - 2)
    return False


def find_numbers(tokens: Sequence[Token]) -> list[Number]:
    """Every count-like number in the tokens."""
    out: list[Number] = []
    words = _words()
    i = 0
    while i < len(tokens):
        word = tokens[i].lower
        if word[0].isdigit():
            value = _digits(word)
            if _name_digits(tokens, i):
                i += 1
                continue
            if value is not None and not (i + 1 < len(tokens) and tokens[i + 1].lower in ("%", "percent")):
                out.append(Number(i, i + 1, None if _qualified(tokens, i) else value, False))
            i += 1
        elif word in _ARTICLES or word in ("both", "pair"):
            out.append(Number(i, i + 1, words[word], word in _ARTICLES))
            i += 1
        elif word in _VAGUE_WORDS:
            out.append(Number(i, i + 1, None, False))
            i += 1
        elif word in words:
            run = _word_run(tokens, i)
            if run is None:
                i += 1
                continue
            value, j = run
            out.append(Number(i, j, None if _qualified(tokens, i) else value, False))
            i = j
        else:
            i += 1
    return out
