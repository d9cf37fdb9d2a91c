"""A small, fast tokenizer: words, numbers, possessive 's and single punctuation marks.

Every token keeps its character offsets, so any cue found on tokens maps back
to a span of the sentence (and so of the document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written
    lower: str  # lower-cased, curly apostrophe folded to '
    start: int  # character offsets into the tokenized string
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`, with offsets shifted by `offset`."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        out.append(Token(word, word.lower().replace("’", "'"), m.start() + offset, m.end() + offset))
    return out
