"""Phrase matching over tokens: the one pass that finds every cue of a sentence.

A dict from first token to candidate phrases makes matching cost a lookup per
token, whatever the size of the vocabulary (the idea of spaCy's PhraseMatcher).
Under each first token the phrases are grouped by length, so a token that
starts many phrases ("air ...") costs one tuple lookup per distinct length,
not one comparison per phrase. Cues come out in the order the phrases were
given, per token (lower-cased phrases before exact ones): callers keep the
first of two equal cues.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from trucewatch.extract.tokens import Token, tokenize

__all__ = ["Cue", "PhraseMatcher"]


class Cue(NamedTuple):
    """One phrase found: its category and label and where it is."""

    category: str
    label: str
    i: int  # first token index
    j: int  # one past the last token index
    start: int  # character offsets
    end: int


# Under one first token: the distinct phrase lengths, longest first; per whole
# phrase the (order, category, label) of each entry that reads so; and, where
# every phrase there is that one word, their (category, label) as a fast path.
_Entries = dict[tuple[str, ...], list[tuple[int, str, str]]]
_Group = tuple[tuple[int, ...], _Entries, tuple[tuple[str, str], ...] | None]
_new = tuple.__new__


class PhraseMatcher:
    """Finds all vocabulary phrases in a token list (overlaps allowed)."""

    def __init__(self, entries: Iterable[tuple[str, str, str]]) -> None:
        lower: dict[str, _Entries] = {}
        exact: dict[str, _Entries] = {}
        for order, (phrase, category, label) in enumerate(entries):
            is_exact = phrase.startswith("=")
            tokens = tokenize(phrase[1:] if is_exact else phrase)
            words = tuple(t.text if is_exact else t.lower for t in tokens)
            if words:
                table = exact if is_exact else lower
                table.setdefault(words[0], {}).setdefault(words, []).append((order, category, label))
        self._lower = _groups(lower)
        self._exact = _groups(exact)
        self._exact_lower = {first.lower().replace("’", "'") for first in exact}  # as Token.lower

    def match(self, tokens: Sequence[Token], lowers: Sequence[str] | None = None) -> list[Cue]:
        """Every phrase in `tokens` (`lowers`: their `.lower`, when the caller has them)."""
        out: list[Cue] = []
        if lowers is None:
            lowers = [t.lower for t in tokens]
        _scan(self._lower, lowers, tokens, out)
        if self._exact and not self._exact_lower.isdisjoint(lowers):  # cheap: few exact phrases
            found: list[Cue] = []
            _scan(self._exact, [t.text for t in tokens], tokens, found)
            out = _interleave(out, found)
        return out


def _groups(table: dict[str, _Entries]) -> dict[str, _Group]:
    groups = {}
    for first, phrases in table.items():
        lengths = tuple(sorted({len(w) for w in phrases}, reverse=True))
        single = tuple((c, label) for _, c, label in phrases[(first,)]) if lengths == (1,) else None
        groups[first] = (lengths, phrases, single)
    return groups


def _scan(table: dict[str, _Group], words: Sequence[str], tokens: Sequence[Token], out: list[Cue]) -> None:
    """The cues of one table, by first token, each token's in the order their phrases were given."""
    get, append, n = table.get, out.append, len(words)
    for i, word in enumerate(words):
        group = get(word)
        if group is None:
            continue
        lengths, phrases, single = group
        start = tokens[i].start
        if single is not None:
            end = tokens[i].end
            for category, label in single:
                append(_new(Cue, (category, label, i, i + 1, start, end)))
            continue
        hits = [(order, category, label, i + length) for length in lengths if i + length <= n
                for order, category, label in phrases.get(tuple(words[i:i + length]), ())]
        if len(hits) > 1:
            hits.sort()
        for _, category, label, j in hits:
            append(_new(Cue, (category, label, i, j, start, tokens[j - 1].end)))


def _interleave(lower: list[Cue], exact: list[Cue]) -> list[Cue]:
    """Both tables' cues by first token, a token's lower-cased cues before its exact ones."""
    merged = lower + exact
    merged.sort(key=lambda c: c.i)  # stable: lower-cased first within a token
    return merged
