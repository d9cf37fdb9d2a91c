"""Which language a report is in, roughly: the rules read English, so say when it is not.

A Ukrainian or Russian report gives no events and no error, which looks like
"nothing happened". This guesses the language from the script (Cyrillic
letters, with і ї є ґ for Ukrainian and ы э ъ ё for Russian) and from the
share of each language's function words (`stopwords.tsv`), so that the
pipeline can warn. It is deliberately cautious: short or mixed text, and
any text where English function words are as common as another language's,
counts as English, so English headlines are never flagged.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["guess_language", "language_name", "not_english"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_UKRAINIAN_LETTERS = set("іїєґ")
_RUSSIAN_LETTERS = set("ыэъё")
_MIN_WORDS = 4  # fewer words than this say nothing reliable
_LONG_ENOUGH = 40  # Cyrillic letters after which a text without і, ї, є, ґ is not Ukrainian


@cache
def _stopwords() -> dict[str, tuple[str, frozenset[str]]]:
    """language code → (English name, function words), from stopwords.tsv."""
    text = resources.files("trucewatch.ingest").joinpath("stopwords.tsv").read_text(encoding="utf-8")
    table: dict[str, tuple[str, frozenset[str]]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, name, words = line.split("\t")
            table[code] = (name, frozenset(words.split()))
    return table



@cache
def _languages_of_words() -> dict[str, tuple[str, ...]]:
    """function word → the languages it belongs to: one dictionary lookup per word of a text."""
    out: dict[str, list[str]] = {}
    for code, (_, words) in _stopwords().items():
        for word in words:
            out.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in out.items()}


def language_name(code: str) -> str:
    """English name of a language code of `stopwords.tsv` (the code itself if unknown)."""
    table = _stopwords()
    return table[code][0] if code in table else code


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _cyrillic(words: list[str]) -> str | None:
    """"uk" or "ru" when most letters are Cyrillic, else None."""
    letters = "".join(words)
    if not _CYRILLIC.search(letters):
        return None  # the common case, found without counting letter by letter
    cyrillic = len(_CYRILLIC.findall(letters))
    if cyrillic < 0.5 * len(letters):
        return None
    present = set(letters)
    ukrainian, russian = bool(present & _UKRAINIAN_LETTERS), bool(present & _RUSSIAN_LETTERS)
    if ukrainian != russian:
        return "uk" if ukrainian else "ru"
    if not ukrainian and cyrillic >= _LONG_ENOUGH:  # і is among Ukrainian's commonest letters
        return "ru"
    return _best_by_stopwords(words, ("uk", "ru")) or "ru"


def _best_by_stopwords(words: list[str], codes: tuple[str, ...]) -> str | None:
    table = _stopwords()
    hits = {code: sum(1 for w in words if w in table[code][1]) for code in codes}
    best = max(hits, key=lambda code: hits[code])
    return best if hits[best] > 0 else None


def guess_language(text: str, sample: int = 4000) -> str | None:
    """ISO 639-1 code of the text's language ("en", "uk", "ru", …), or None if too short to say."""
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    if len(words) < _MIN_WORDS:
        return None
    script = _cyrillic(words)
    if script:
        return script
    hits = dict.fromkeys(_stopwords(), 0)
    languages = _languages_of_words()
    for word in words:
        for code in languages.get(word, ()):
            hits[code] += 1
    other = max((c for c in hits if c != "en"), key=lambda c: hits[c])
    if (hits[other] >= 3 and hits[other] > 1.5 * hits["en"]) or (hits[other] >= 2 and not hits["en"]):
        return other
    return "en"


def not_english(text: str) -> str | None:
    """The language code when the text is confidently not English, else None."""
    code = guess_language(text)
    return code if code not in (None, "en") else None
