"""Sentence spans.

A line break ends a sentence (headlines are lines), except that a line with
no closing punctuation followed by one starting in lower case is a
hard-wrapped sentence and goes on. Inside a line, a sentence ends after
. ! ? … (and closing quotes or brackets) followed by whitespace and a
capital, digit or opening quote, unless the period ends an abbreviation
(`abbreviations.txt`), a capital initial ("Donald J. Trump") or a dotted
acronym ("U.N."). Wire and site boilerplate that is no sentence is left
out: Censor.NET stamps, title-line rubrics ("Shelling of Kharkiv: ") and
tails, "View news.", "— Ukrinform.", glued dates ("…said.April 4, 2022"),
lone media tags ("VIDEO."), separator lines ("___").
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

from trucewatch.model import Dateline
from trucewatch.parse.dateline import censor_stamp_end, find_agency_dateline, match_dateline

__all__ = ["ABBREVIATIONS", "SentenceSplit", "split_sentences"]


def _load_abbreviations() -> dict[str, bool]:
    """abbreviation → True if it holds only before a number."""
    table: dict[str, bool] = {}
    source = resources.files("trucewatch.parse").joinpath("abbreviations.txt")
    for raw in source.read_text(encoding="utf-8").splitlines():
        fields = raw.split("#", 1)[0].split()
        if fields:
            table[fields[0].lower()] = fields[1:] == ["before-number"]
    return table


ABBREVIATIONS: dict[str, bool] = _load_abbreviations()

_LINE = re.compile(r"[^\n\r\u2028\u2029\x85\x0b\x0c\x1c-\x1e]+")
_END = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s)")
_NEXT = re.compile(r"(\s+)[\"“‘'«(\[]*(.)", re.S)
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_ALNUM = re.compile(r"[^\W_]")
_TERMINAL = frozenset(".!?…\"”’»)]:;")
_MEDIA = re.compile(
    r"(?:(?:VIDEO|PHOTOS?|AUDIO|INFOGRAPHICS?|DOCUMENTS?|MAPS?|ВІДЕО|ВIДЕО|ВИДЕО|ФОТО|АУДІО)"
    r"(?:[ ]?\d+\+)?(?:[ ]?[&,][ ]?|[ ]and[ ])?)+\.?"
)
_MAX_RUBRIC = 60
_CENSOR_TAIL = re.compile(
    r"\s*\(\d{2}\.\d{2}\.\d{2} \d{2}:\d{2}\)\s*«[^«»]*\|\s*Censor\.NET\Z"
)
_VIEW_NEWS = re.compile(r"(?:^|\s)View (?:[a-z]+ )?(?:news|article)\.?\Z")
_CREDIT = re.compile(
    r"(?:^|\s)[—–-]+\s*(?:Ukrinform|UNIAN|Interfax(?:-Ukraine)?|TASS|RIA Novosti|Reuters|AP|AFP)\.?\Z"
)

# MSNBC leads end in their date with no space or a no-break space:
# "…first-hand.April 10, 2022".
_GLUED_DATE = re.compile(
    r"(?:(?<=[^\s\d])|\xa0)(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
    r" \d{1,2}, \d{4}\Z"
)

SentenceSplit = tuple[list[tuple[int, int]], dict[int, tuple[Dateline, dt.date | None]]]


def split_sentences(text: str, start: int = 0) -> SentenceSplit:
    """Sentence (start, end) spans of `text[start:]`, and datelines by position.

    Datelines are looked for at the start of every line; a sentence never
    ends inside one. The caller keeps those that start a segment.
    """
    spans: list[tuple[int, int]] = []
    datelines: dict[int, tuple[Dateline, dt.date | None]] = {}
    for s, e in _regions(text, start):
        protect = s
        c = text[s]
        found = match_dateline(text, s) if c.isupper() and text[s + 1 : s + 2].isupper() else None
        found = found or find_agency_dateline(text, s, e)  # "By Jane Doe KYIV (Reuters) -"
        if found is not None:
            datelines[found[0].span.start] = found
            protect = found[0].span.end if found[0].span.start == s else s
        _split_region(text, s, e, protect, spans)
    return spans, datelines


def _regions(text: str, start: int) -> list[tuple[int, int]]:
    """Content ranges of lines (boilerplate cut), hard-wrapped lines joined."""
    regions: list[tuple[int, int]] = []
    joinable = False
    for m in _LINE.finditer(text, start):
        s, e, whole = _content(text, m.start(), m.end())
        if s >= e:
            joinable = False
            continue
        if joinable and text[s].islower() and text.count("\n", regions[-1][1], s) <= 1:
            regions[-1] = (regions[-1][0], e)
        else:
            regions.append((s, e))
        joinable = whole and text[e - 1] not in _TERMINAL
    return regions


# Lines a page inserts between paragraphs: links to other stories and ad slots.
_NAV_LINE = re.compile(
    r"(?i:read\s+(?:also|more)|also\s+read|see\s+also|related(?:\s+(?:news|stories|articles))?|"
    r"recommended|more\s+on\s+this)\s*[:|\-–—]|(?i:advertisement)\b(?:\s*[~|\-–—].*)?$|(?i:read\s+also)\s*$"
)


def _content(text: str, s: int, e: int) -> tuple[int, int, bool]:
    """The line [s, e) trimmed of whitespace and boilerplate; whether it ends as written."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s == e or _NAV_LINE.match(text, s, e):
        return s, s, False  # "Read also: …", "Advertisement": another story's link, not this one
    if text[s].isdigit():
        s = censor_stamp_end(text, s, e)
        while s < e and text[s].isspace():
            s += 1
    cut = _cut_tail(text, s, e)
    if cut == e:
        return s, e, True
    while cut > s and text[cut - 1].isspace():
        cut -= 1
    if text.endswith("Censor.NET", s, e):
        s = _skip_rubric(text, s, cut)
    return s, cut, False


def _skip_rubric(text: str, s: int, e: int) -> int:
    """Past the "Rubric: " that opens a Censor.NET title line, if any."""
    colon = text.find(": ", s, min(e, s + _MAX_RUBRIC))
    if colon <= s:
        return s
    start = colon + 2
    while start < e and text[start].isspace():
        start += 1
    return start if start < e else s


def _cut_tail(text: str, s: int, e: int) -> int:
    """Where trailing boilerplate on the line starts (`e` if none)."""
    if text.endswith("Censor.NET", s, e):
        tail_start = max(s, e - 120)
        m = _CENSOR_TAIL.search(text[tail_start:e])
        return tail_start + m.start() if m else e
    tail_start = max(s, e - 30)
    tail = text[tail_start:e]
    if "View" in tail:
        m = _VIEW_NEWS.search(tail)
        if m:
            return tail_start + m.start()
    if tail[-1].isdigit():
        m = _GLUED_DATE.search(tail)
        if m:
            return tail_start + m.start()
    m = _CREDIT.search(tail)
    return tail_start + m.start() if m else e


def _split_region(
    text: str, s: int, e: int, protect: int, spans: list[tuple[int, int]]
) -> None:
    cur = s
    for m in _END.finditer(text, s, e):
        b = m.end()
        if b <= protect:
            continue
        nm = _NEXT.match(text, b, e)
        if nm is None:
            continue
        c = nm.group(2)
        if not (c.isupper() or c.isdigit()):
            continue
        if m.group() == "." and _is_abbreviation(text, b - 1, c, s):
            continue
        _emit(text, cur, b, spans)
        cur = nm.end(1)
    _emit(text, cur, e, spans)


def _is_abbreviation(text: str, dot: int, following: str, floor: int) -> bool:
    i = dot
    floor = max(floor, dot - 32)
    while i > floor and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    token = text[i:dot]
    if not token:
        return False
    if len(token) == 1:
        return token.isupper()
    number_only = ABBREVIATIONS.get(token.lower() + ".")
    if number_only is not None:
        return not number_only or following.isdigit()
    return "." in token and _ACRONYM.fullmatch(token) is not None


def _emit(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s or _ALNUM.search(text, s, e) is None:
        return
    if e - s <= 40 and _MEDIA.fullmatch(text, s, e):
        return
    if _NAV_LINE.match(text, s, e):
        return  # "… killed three. Read also: Drones hit …" inside a paragraph: another story's link
    spans.append((s, e))
