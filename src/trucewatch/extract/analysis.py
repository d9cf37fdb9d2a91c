"""One pass over a sentence that finds everything the event rules read.

`analyse(sentence)` tokenizes once, matches the lexicon, the sides and the
gazetteer, finds numbers and splits clauses. The rules in strikes.py,
interceptions.py and commitments.py only read the resulting `SentenceView`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from collections.abc import Callable
from functools import cache, wraps
from typing import TypeVar

from trucewatch.extract.counts import Number, find_numbers
from trucewatch.extract.matcher import Cue, PhraseMatcher
from trucewatch.extract.tokens import Token, tokenize
from trucewatch.model import Sentence
from trucewatch.vocab.gazetteer import Place, PlaceMention, find_places
from trucewatch.vocab.loader import landmark_rows, lexicon_entries, side_entries

__all__ = ["HALT_VERBS", "PlaceCue", "SentenceView", "analyse", "any_cue", "per_cue", "place_cues", "rubric_end", "side_matches"]

# Words that end a clause for the scope of negation, hedges and attribution.
_CLAUSE_BREAKS = {";", "but", "while", "whereas", "although", "though", "however"}
# Cheap pre-filter: a sentence with none of these categories holds no event.
_EVENT_CATEGORIES = ("strike_verb", "damage", "intercept", "intercept_noun", "halt")


@dataclass(frozen=True, slots=True)
class PlaceCue:
    """A gazetteer mention placed on the token grid."""

    mention: PlaceMention
    i: int
    j: int
    target: str | None = None  # a landmark's own target category (a nuclear plant is energy)


@dataclass(slots=True)
class SentenceView:
    sentence: Sentence
    tokens: list[Token]
    cues: dict[str, list[Cue]]  # by category, in token order
    places: list[PlaceCue] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    clause_starts: list[int] = field(default_factory=list)  # token indices opening a clause
    dateline_offsets: frozenset[int] = frozenset()  # characters inside a wire dateline
    # Results the rules ask for again and again (side roles, per-cue tests), found once
    # per sentence: see `per_cue`. Filled lazily; never part of what a view means.
    memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)
    lowers: list[str] = field(default_factory=list, repr=False, compare=False)  # tokens' .lower

    def __post_init__(self) -> None:
        if len(self.lowers) != len(self.tokens):
            self.lowers = [t.lower for t in self.tokens]

    def clause_of(self, i: int) -> tuple[int, int]:
        """Token range of the clause holding token i."""
        k = bisect_right(self.clause_starts, i) - 1
        start = self.clause_starts[k] if k >= 0 else 0
        end = self.clause_starts[k + 1] if k + 1 < len(self.clause_starts) else len(self.tokens)
        return start, end

    def within(self, category: str, i: int, j: int) -> list[Cue]:
        return [c for c in self.cues.get(category, ()) if i <= c.i and c.j <= j]

    def words(self, i: int, j: int) -> list[str]:
        return self.lowers[max(0, i):max(0, j)]

    @property
    def head(self) -> bool:
        """A headline-like sentence: the first line of a document."""
        return self.sentence.span.start < 3


_Rule = TypeVar("_Rule", bound=Callable[[SentenceView, Cue], bool])


def per_cue(rule: _Rule) -> _Rule:
    """Memoise a test of one cue of a view on the view itself.

    Rules loop over cues within loops over cues; a test that depends only on the
    sentence and the cue is computed once per cue, so long sentences stay cheap.
    """
    def cached(view: SentenceView, cue: Cue) -> bool:
        key = (rule, cue)
        found = view.memo.get(key)
        if found is None:
            found = view.memo[key] = rule(view, cue)
        return found  # type: ignore[return-value]
    return wraps(rule)(cached)  # type: ignore[return-value]


@cache
def _matcher() -> PhraseMatcher:
    entries = list(lexicon_entries())
    entries.extend((phrase, "side", f"{side}:{kind}") for phrase, side, kind in side_entries())
    return PhraseMatcher(entries)


def _longest_only(cues: list[Cue]) -> list[Cue]:
    """Drop cues inside a longer cue of the same category (and exact duplicates)."""
    cues.sort(key=lambda c: (c.i, -(c.j - c.i)))
    out: list[Cue] = []
    end = -1
    for cue in cues:
        if cue.j <= end:
            continue
        out.append(cue)
        end = cue.j
    return out


@cache
def _landmarks() -> tuple[PhraseMatcher, dict[str, tuple[Place, str]]]:
    table: dict[str, tuple[Place, str]] = {}
    for row in landmark_rows():
        place = Place("landmark", row["name"], row["country"], row["admin1"], float(row["lat"]), float(row["lon"]))
        table[row["name"]] = (place, row["target"])
    return PhraseMatcher((f"={name}", "landmark", name) for name in table), table


def _place_cues(text: str, offset: int, tokens: list[Token]) -> list[PlaceCue]:
    """Gazetteer places on the token grid; a named site (landmark) wins over names inside it."""
    starts = [t.start for t in tokens]
    matcher, table = _landmarks()
    sites = _longest_only(matcher.match(tokens))
    out = []
    for cue in sites:
        place, target = table[cue.label]
        surface = text[cue.start - offset:cue.end - offset]
        mention = PlaceMention(cue.start - offset, cue.end - offset, surface, place, False)
        out.append(PlaceCue(mention, cue.i, cue.j, target))
    for mention in find_places(text):
        i = bisect_left(starts, mention.start + offset)
        j = max(i + 1, bisect_left(starts, mention.end + offset))
        if not any(s.i <= i < s.j for s in sites):
            out.append(PlaceCue(mention, i, j))
    out.sort(key=lambda p: p.i)
    return out


HALT_VERBS = {"halt", "halting", "halted", "stop", "stopping", "stopped", "cease", "ceasing", "ceased",
               "pause", "pausing", "paused", "suspend", "suspending", "suspended", "end", "ending"}
_HALTED = {"strikes", "attacks", "shelling", "bombing", "bombardment", "hostilities", "fighting", "fire"}


def _halt_spans(tokens: list[Token], by_category: dict[str, list[Cue]], lowers: list[str]) -> None:
    """"halt long-range drone and missile strikes": a halt verb and what it halts, a few words apart."""
    if HALT_VERBS.isdisjoint(lowers):
        return
    for i, token in enumerate(tokens):
        if token.lower not in HALT_VERBS or {"defence", "defences", "defense", "defenses", "forces"} & {
                t.lower for t in tokens[max(0, i - 4):i]}:
            continue  # "air defences stopped the attacks": an interception, not a truce
        for j in range(i + 1, min(len(tokens), i + 8)):
            if tokens[j].lower in _HALTED:
                by_category["halt"].append(Cue("halt", "span", i, j + 1, token.start, tokens[j].end))
                break
            if tokens[j].lower in (".", ";", ":", "but", "while"):
                break


def _name_part(tokens: list[Token], place: PlaceCue) -> bool:
    """"Bilhorod" in "Bilhorod-Dnistrovskyi": part of a longer hyphenated name, not a place itself."""
    j = place.j
    return (j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j].start == tokens[j - 1].end
            and tokens[j + 1].text[:1].isupper())


def _not_only_before(tokens: list[Token], k: int) -> bool:
    """"but" of "not only … but (also)": the words before it hold "not only"."""
    words = [t.lower for t in tokens[max(0, k - 12):k]]
    return any(a == "not" and b == "only" for a, b in zip(words, words[1:]))


def _clauses(tokens: list[Token], cues: dict[str, list[Cue]]) -> list[int]:
    starts = [0]
    for k, token in enumerate(tokens):
        if token.lower == "but" and _not_only_before(tokens, k):
            continue  # "not only X but also Y": one clause, two objects
        if token.lower in _CLAUSE_BREAKS and k > 0:
            starts.append(k if token.lower != ";" else k + 1)
        elif token.lower == ":" and len(starts) == 1 and _rubric(tokens, cues, k):
            starts.append(k + 1)
        elif token.lower == "," and _speech_participle_after(tokens, k):
            starts.append(k + 1)  # "…, also accusing Moscow of attacking X": a second report
    return starts


_SPEECH_PARTICIPLES = {"accusing", "adding", "saying", "claiming", "alleging", "noting", "stressing",
                       "warning", "insisting", "reporting"}


def _speech_participle_after(tokens: list[Token], comma: int) -> bool:
    k = comma + 1
    if k < len(tokens) and tokens[k].lower in ("also", "and"):
        k += 1
    return k < len(tokens) and tokens[k].lower in _SPEECH_PARTICIPLES


_FINITE_STRIKES = {"struck", "hit", "hits", "strikes", "attacks", "attacked", "fired", "shelled", "bombed",
                   "launched", "pounded", "targeted"}


def _rubric(tokens: list[Token], cues: dict[str, list[Cue]], colon: int) -> bool:
    """A short verbless heading before a colon ("Shelling of Donetsk region:", "Zaporizhzhia:")."""
    if colon > 12:
        return False
    if any(c.i < colon for cat in ("report", "damage") for c in cues.get(cat, ())):
        return False
    finite = any(c.i < colon and tokens[c.i].lower in _FINITE_STRIKES for c in cues.get("strike_verb", ()))
    return not finite and not any(c.i < colon and not tokens[c.i].lower.endswith("ing")
                                  for c in cues.get("intercept", ()))


def rubric_end(view: SentenceView) -> int:
    """Token index after a leading "Rubric:" (0 when the sentence has none)."""
    starts = view.clause_starts
    return starts[1] if len(starts) > 1 and view.tokens[starts[1] - 1].lower == ":" else 0


def side_matches(text: str) -> list[str]:
    """Sides named in a short text such as a speaker's name, in order."""
    cues = [c for c in _matcher().match(tokenize(text)) if c.category == "side"]
    return [c.label.partition(":")[0] for c in _longest_only(cues)]


def place_cues(view: SentenceView) -> list[PlaceCue]:
    """The view's places, found now if the pre-filter skipped them."""
    if not view.places and view.tokens:
        s = view.sentence
        view.places = _place_cues(s.text, s.span.start, view.tokens)
    return view.places


def any_cue(view: SentenceView, *categories: str) -> bool:
    return any(view.cues.get(c) for c in categories)


def _credit_offsets(text: str, credit: str | None) -> range:
    """Where the outlet's own name stands in the sentence ("— Kyiv Monitor"): no place there."""
    if not credit:
        return range(0)
    k = text.find(credit)
    return range(k, k + len(credit)) if k >= 0 else range(0)


def analyse(sentence: Sentence, datelines: frozenset[int] = frozenset(), credit: str | None = None) -> SentenceView:
    """Everything the rules need about one sentence, found in one pass."""
    offset = sentence.span.start
    tokens = tokenize(sentence.text, offset)
    lowers = [t.lower for t in tokens]
    by_category: dict[str, list[Cue]] = defaultdict(list)
    for cue in _matcher().match(tokens, lowers):
        by_category[cue.category].append(cue)
    _halt_spans(tokens, by_category, lowers)
    cues = {k: _longest_only(v) for k, v in by_category.items()}
    view = SentenceView(sentence, tokens, cues, dateline_offsets=datelines, lowers=lowers)
    if not any(cues.get(c) for c in _EVENT_CATEGORIES):
        return view  # no event can rest on this sentence: skip the costlier passes
    inside_sides = [(c.i, c.j) for c in cues.get("side", ()) if c.label.endswith((":forces", ":body"))]
    credit_span = _credit_offsets(sentence.text, credit)
    view.places = [p for p in _place_cues(sentence.text, offset, tokens)
                   if not any(i <= p.i and p.j <= j for i, j in inside_sides)  # "Armed Forces of Ukraine"
                   and p.mention.start not in credit_span and not _name_part(tokens, p)]
    view.numbers = find_numbers(tokens)
    view.clause_starts = _clauses(tokens, cues)
    return view
