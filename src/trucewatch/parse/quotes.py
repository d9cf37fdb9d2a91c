"""Quotations and their speakers.

Quotes are text inside “…”, "…", «…» (any opening mark with any closing
one, since reports mix them) and, outside those, ‘…’ or '…' opened after a
space and closed before a non-letter (so the apostrophes of "Putin’s" and
"I'm" are no quotes). A double quote left open at a paragraph end goes on
when the next paragraph opens with a quote mark (the wire convention); else
it is dropped.

The speaker comes from the clause around the quote, first match wins:
`“…,” Zelenskyy said` / `“…,” said Zelenskyy` / `“…,” according to X` /
`"…", - National Police`; then `X said …“…”` earlier in the same sentence;
then `according to X` in that sentence; then the speaker of an earlier quote
in the same paragraph. "he"/"she" become the most recent named person who
said something in the same segment. Titles before a name are trimmed
("Ukrainian President Volodymyr Zelenskyy" → "Volodymyr Zelenskyy").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from importlib import resources

from trucewatch.model import Quotation, Span
from trucewatch.parse.sentences import ABBREVIATIONS

__all__ = ["find_quotations", "trim_speaker"]


def _load_titles() -> frozenset[str]:
    source = resources.files("trucewatch.parse").joinpath("titles.txt")
    words = (raw.split("#", 1)[0].strip().lower() for raw in source.read_text("utf-8").splitlines())
    return frozenset(word for word in words if word)


TITLES = _load_titles()
_ORG_WORDS = frozenset(
    "Ministry Office House Council Command Staff Forces Force Army Navy Service Administration "
    "Department Government Kremlin Police Guard Agency Committee Parliament Rada Media News "
    "Company Group Union Nations NATO Pentagon Headquarters Authority Authorities Mission "
    "Embassy Institute Center Centre Fleet Brigade Battalion Regiment Division Corps Operator "
    "Commission Court Bank Fund Organization Organisation Press Telegram".split()
)
_LEADING = frozenset(
    "But And Yet So Still Then However Meanwhile Also Later Earlier Separately Now "
    "Instead Previously Finally In On At Last This That When While After Before".split()
)
_LC_NOUNS = sorted(
    {t for t in TITLES if "." not in t}
    | set("office ministry administration command government military army council service "
          "press team party department agency forces statement".split()),
    key=len,
    reverse=True,
)
_GROUPS = "officials|authorities|police|residents|witnesses|analysts|experts|sources|rescuers"
_VERBS = (
    "said|says|say|told|tells|added|adds|wrote|writes|stated|states|declared|declares|noted|notes|"
    "warned|warns|insisted|insists|claimed|claims|announced|announces|continued|explained|explains|"
    "stressed|stresses|emphasized|emphasised|tweeted|posted|replied|asked|asks|reported|reports|"
    "recalled|admitted|argued|argues|acknowledged|confirmed|confirms|urged|urges|vowed|promised|"
    "pledged|threatened|remarked|commented|concluded|alleged|countered|responded|maintained"
)
_ADV = r"(?:(?:also|later|then|earlier|again|has|had|have|would|will|previously)[ ]+){0,2}"
_CAP = r"[A-Z][\w’'.\-]*"
_LC = "|".join(re.escape(word) for word in _LC_NOUNS)
_NAME = rf"(?:{_CAP}|(?:{_LC})\b)(?:[ ](?:{_CAP}|(?:{_LC}|of|the|for|and|de|von)\b))*"
_AGENCIES = r"(?:Ukrinform|UNIAN|Interfax|TASS|RIA|Reuters|AP|AFP)\b"
_LCNAME = r"the[ ](?:[a-z][\w’'\-]*[ ]){0,3}?[a-z][\w’'\-]*"  # before a verb
_LCNOUN = rf"the[ ](?:[a-z][\w’'\-]*[ ]){{0,3}}?(?:{_LC})\b"  # elsewhere: up to a known noun
_SPEAKER = rf"{_NAME}|{_LCNAME}|(?:{_GROUPS})\b"

_AFTER = re.compile(
    rf"""[ ]*[,.]?[ ]*(?:
        (?P<pron>he|she|they|it)[ ]+{_ADV}(?:{_VERBS})\b
      | (?P<name>{_SPEAKER})[ ]+{_ADV}(?:{_VERBS})\b
      | (?:{_VERBS})[ ]+(?P<name2>{_NAME}|{_LCNOUN})
      | according[ ]to[ ](?P<name3>{_NAME}|{_LCNOUN})
      | [-–—][ ]*(?!{_AGENCIES})(?P<name4>{_CAP}(?:[ ]{_CAP}){{0,4}})[ ]*(?:[.(]|\Z)
    )""",
    re.X,
)
# "X said": find the verb, then the speaker ending right before it.
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_SAYER = re.compile(rf"(?:(?P<pron>\b(?:he|she|He|She))|(?P<name>{_SPEAKER}))[ ]+{_ADV}\Z")
# "said X," — not "said Moscow saw …" (reported speech).
_SAID_NAME = re.compile(
    rf"[ ]+(?P<name>{_NAME})(?=[,.;:!?)]|\Z|[ ](?:on|at|in|during|after|before|when|while|who)\b)"
)
_SAYER_WINDOW = 100
_ACCORDING = re.compile(rf"according[ ]to[ ](?P<name>{_NAME}|{_LCNOUN})")

_DOUBLE = re.compile(r"[\"“”«»„\n]")
_SINGLE = re.compile(r"['‘’]")
_ANY = re.compile(r"[\"“”«»„‘']")
_OPENS = "\"“«„"
_BEFORE_OPEN = frozenset("([{—–-/:“\"«‘")
_AFTER_WINDOW = 160
_BEFORE_WINDOW = 300
_LONGEST_SENTENCE = 1000  # longer ones are not searched for speakers


def find_quotations(
    text: str, sentences: Sequence[tuple[int, int, int]]
) -> tuple[Quotation, ...]:
    """Quotations in `text`, in order; `sentences` are (start, end, segment) spans."""
    if _ANY.search(text) is None:
        return ()
    marks = _double_marks(text)
    marks += _single_marks(text, marks)
    marks.sort()
    return _Attribution(text, sentences).run(marks)


# --- finding quote marks -------------------------------------------------


def _opens(text: str, p: int) -> bool:
    """Whether the double quote mark at `p` opens a quote."""
    c = text[p]
    prev = text[p - 1] if p else " "
    after = text[p + 1] if p + 1 < len(text) else " "
    prev_open = prev.isspace() or prev in _BEFORE_OPEN
    if c == '"':
        return prev_open
    if c in "“„«":
        return prev_open or not (after.isspace() or after in ",.;:!?")
    return prev_open and after.isalnum()  # ” or » used as an opening mark


def _double_marks(text: str) -> list[tuple[int, int]]:
    marks: list[tuple[int, int]] = []
    n = len(text)
    open_at = cont_at = -1
    for m in _DOUBLE.finditer(text):
        p = m.start()
        if text[p] == "\n":
            if open_at >= 0 and p > cont_at:
                j = p + 1
                while j < n and text[j].isspace():
                    j += 1
                if j < n and text[j] in _OPENS and _opens(text, j):
                    cont_at = j  # the quote goes on in the next paragraph
                else:
                    open_at = -1
            continue
        if p == cont_at:
            cont_at = -1
        elif _opens(text, p):
            open_at = p
        elif open_at >= 0:
            marks.append((open_at, p))
            open_at = -1
    return marks


def _single_marks(text: str, doubles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    marks: list[tuple[int, int]] = []
    open_at = line_end = -1
    k = 0
    for m in _SINGLE.finditer(text):
        p = m.start()
        while k < len(doubles) and doubles[k][1] < p:
            k += 1
        if k < len(doubles) and doubles[k][0] < p:
            continue  # nested inside a double quote
        prev = text[p - 1] if p else " "
        after = text[p + 1] if p + 1 < len(text) else " "
        if open_at >= 0 and p > line_end:
            open_at = -1
        closes = text[p] != "‘" and not prev.isspace() and not after.isalnum()
        if open_at >= 0 and closes:
            marks.append((open_at, p))
            open_at = -1
        elif text[p] != "’" and (prev.isspace() or prev in _BEFORE_OPEN) and not after.isspace():
            open_at = p
            line_end = text.find("\n", p)
            if line_end < 0:
                line_end = len(text)
    return marks


# --- speakers ------------------------------------------------------------


def trim_speaker(phrase: str) -> str:
    """A speaker phrase without leading connectives and titles before the name."""
    words = phrase.split()
    while len(words) > 1 and words[0] in _LEADING:
        words.pop(0)
    if len(words) > 1 and words[0] in ("The", "the") and words[1][:1].isupper():
        words.pop(0)
    last = words[-1]
    if last.endswith(".") and "." not in last[:-1] and last.lower() not in ABBREVIATIONS:
        words[-1] = last = last[:-1]
    if last not in _ORG_WORDS:
        cut = max((i for i, w in enumerate(words) if w.lower() in TITLES), default=-1)
        if 0 <= cut < len(words) - 1 and all(w[:1].isupper() for w in words[cut + 1 :]):
            words = words[cut + 1 :]
    return " ".join(words)


def _is_person(name: str) -> bool:
    return name[:1].isupper() and name.split()[-1] not in _ORG_WORDS


class _Attribution:
    """Speakers for quote marks, in text order, with a per-segment memory."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int, int]]) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [s for s, _, _ in sentences]
        self.named: dict[int, list[tuple[int, str]]] = {}  # segment → (pos, person)

    def run(self, marks: list[tuple[int, int]]) -> tuple[Quotation, ...]:
        out: list[Quotation] = []
        previous: tuple[int, str | None] = (-1, None)  # close position, speaker
        for open_at, close_at in marks:
            s, e = open_at + 1, close_at
            while s < e and self.text[s].isspace():
                s += 1
            while e > s and self.text[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            speaker = self._speaker(open_at, close_at, previous)
            out.append(Quotation(Span(s, e), speaker))
            previous = (close_at, speaker)
        return tuple(out)

    def _sentence(self, pos: int) -> tuple[int, int, int]:
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return (0, 0, self.sentences[0][2] if self.sentences else 0)
        return self.sentences[i]

    def _speaker(
        self, open_at: int, close_at: int, previous: tuple[int, str | None]
    ) -> str | None:
        text = self.text
        stop = min(close_at + 1 + _AFTER_WINDOW, len(text))
        line_end = text.find("\n", close_at, stop)
        if line_end >= 0:
            stop = line_end
        first = self._sentence(open_at)
        segment = first[2]
        m = _AFTER.match(text, close_at + 1, stop)
        if m:
            if m["pron"]:
                return self._resolve(m["pron"], segment, open_at)
            return trim_speaker(m["name"] or m["name2"] or m["name3"] or m["name4"])
        found = None
        lo = max(first[0], open_at - _BEFORE_WINDOW)
        for verb in _VERB.finditer(text, lo, open_at):
            found = _SAYER.search(text, max(lo, verb.start() - _SAYER_WINDOW), verb.start()) or found
        if found is not None:
            if found["pron"]:
                return self._resolve(found["pron"], segment, open_at)
            return trim_speaker(found["name"])
        last = self._sentence(close_at)
        m = _ACCORDING.search(
            text,
            max(first[0], open_at - _BEFORE_WINDOW),
            min(max(last[1], close_at), close_at + _AFTER_WINDOW),
        )
        if m:
            return trim_speaker(m["name"])
        prev_close, prev_speaker = previous
        if prev_speaker and prev_close >= first[0] - 400 and "\n" not in text[prev_close:open_at]:
            return prev_speaker
        return None

    def _resolve(self, pronoun: str, segment: int, before: int) -> str | None:
        if pronoun.lower() not in ("he", "she"):
            return None
        people = self.named.get(segment)
        if people is None:
            people = self.named[segment] = self._people(segment)
        best = None
        for pos, name in people:
            if pos >= before:
                break
            best = name
        return best

    def _people(self, segment: int) -> list[tuple[int, str]]:
        """Named people who say something in `segment`, by position."""
        people: list[tuple[int, str]] = []
        text = self.text
        for s, e, seg in self.sentences:
            if seg != segment or e - s > _LONGEST_SENTENCE:
                continue
            for verb in _VERB.finditer(text, s, e):
                before = _SAYER.search(text, max(s, verb.start() - _SAYER_WINDOW), verb.start())
                after = _SAID_NAME.match(text, verb.end(), e)
                for m in (before, after):
                    if m is not None and m["name"] and _is_person(m["name"]):
                        people.append((m.start(), trim_speaker(m["name"])))
        people.sort()
        return people
