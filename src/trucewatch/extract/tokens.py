"""A small, fast tokenizer: words, numbers, possessive 's and single punctuation marks.

Every token keeps its character offsets, so any cue found on tokens maps back
to a span of the sentence (and so of the document).

Speed matters here (every sentence of every report is tokenized): a token is a
named tuple, built without keyword handling, and the lower-cased form is sliced
from the sentence lower-cased once, wherever lower-casing maps each character
to exactly one character (always for ASCII; the Greek final sigma and the few
characters that lower-case to two are the exceptions, done token by token).
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Token", "tokenize"]

# Dotted abbreviations (U.S.), words (letters and digits), a possessive 's, numbers
# with separators (1,000 / 3.5 / 19.09.22), then any other single non-space char.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|['’]s\b"
    r"|\d+(?:[.,:]\d+)*"
    r"|[^\W\d_][^\W_]*"
    r"|[^\w\s]"
)


class Token(NamedTuple):
    text: str  # as written
    lower: str  # lower-cased, curly apostrophe folded to '
    start: int  # character offsets into the tokenized string
    end: int


_new = tuple.__new__


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`, with offsets shifted by `offset`."""
    low = text.lower()
    if not text.isascii():
        if len(low) != len(text) or "Σ" in text:
            return _token_by_token(text, offset)
        low = low.replace("’", "'")
    out: list[Token] = []
    append, find, pos = out.append, text.find, 0
    for word in _TOKEN.findall(text):
        # Between two tokens stand only spaces and underscores, which start no
        # token, so the first occurrence from `pos` on is where the match began.
        start = find(word, pos)
        pos = start + len(word)
        append(_new(Token, (word, low[start:pos], start + offset, pos + offset)))
    return out


def _token_by_token(text: str, offset: int) -> list[Token]:
    """The general case: each token lower-cased on its own."""
    return [_new(Token, (m.group(), m.group().lower().replace("’", "'"), m.start() + offset, m.end() + offset))
            for m in _TOKEN.finditer(text)]
