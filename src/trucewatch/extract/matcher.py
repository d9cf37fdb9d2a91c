"""Phrase matching over tokens: the one pass that finds every cue of a sentence.

A dict from first token to candidate phrases makes matching cost a lookup per
token, whatever the size of the vocabulary (the idea of spaCy's PhraseMatcher).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trucewatch.extract.tokens import Token, tokenize

__all__ = ["Cue", "PhraseMatcher"]


@dataclass(frozen=True, slots=True)
class Cue:
    """One phrase found: its category and label and where it is."""

    category: str
    label: str
    i: int  # first token index
    j: int  # one past the last token index
    start: int  # character offsets
    end: int


_Phrase = tuple[tuple[str, ...], str, str]


class PhraseMatcher:
    """Finds all vocabulary phrases in a token list (overlaps allowed)."""

    def __init__(self, entries: Iterable[tuple[str, str, str]]) -> None:
        self._lower: dict[str, list[_Phrase]] = defaultdict(list)
        self._exact: dict[str, list[_Phrase]] = defaultdict(list)
        for phrase, category, label in entries:
            exact = phrase.startswith("=")
            tokens = tokenize(phrase[1:] if exact else phrase)
            words = tuple(t.text if exact else t.lower for t in tokens)
            if words:
                (self._exact if exact else self._lower)[words[0]].append((words, category, label))

    def match(self, tokens: Sequence[Token]) -> list[Cue]:
        out: list[Cue] = []
        n = len(tokens)
        lower, exact = self._lower, self._exact
        for i, token in enumerate(tokens):
            for table, key in ((lower, token.lower), (exact, token.text)):
                for words, category, label in table.get(key, ()):
                    j = i + len(words)
                    if j <= n and (len(words) == 1 or _same(tokens, i, words, table is exact)):
                        out.append(Cue(category, label, i, j, token.start, tokens[j - 1].end))
        return out


def _same(tokens: Sequence[Token], i: int, words: tuple[str, ...], exact: bool) -> bool:
    for k, word in enumerate(words):
        token = tokens[i + k]
        if (token.text if exact else token.lower) != word:
            return False
    return True
