"""Rules as data: token/cue patterns loaded from `vocab/rules/*.yaml`, and the engine that runs them.

A rule pack file names a kind and a version and lists rules. Each rule has an id
(`interception/n-of-m`), a doc line, a `pattern` (a list of token specs in the spirit of
spaCy's Matcher: a word, a cue category and label from the lexicon, a number, a place, any
token; each with an optional operator `?`, `*`, `+` and a slot name `as`), the `block`
predicates that veto a match (named Python functions registered in `predicates.py`), and its own
`examples` and `negatives`, which tests/extract/test_extract_rules.py runs rule by rule.

The engine compiles each pattern once, skips a rule whose required cues or words are absent
from a sentence (a set lookup), then matches left to right with bounded backtracking. A match
gives the rule and the token span of each bound slot; the kind modules read those slots and
fill the event's fields. Files are validated with a schema when loaded: an unknown key, a bad
operator or an unknown cue category is a `ConfigError` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from trucewatch.errors import ConfigError
from trucewatch.vocab.loader import SAFE_LOADER

__all__ = [
    "PACK_DIR", "Match", "Pack", "Rule", "RuleExample", "TokenSpec", "find_matches", "load_pack",
    "load_packs", "rule_by_id",
]

PACK_DIR = Path(__file__).resolve().parents[1] / "vocab" / "rules"
_OPS = ("1", "?", "*", "+")
_DEFAULT_REACH = 6  # the most tokens one `*` or `+` element may take


class TokenSpec(BaseModel):
    """One element of a pattern: what one token (or one cue, number or place) must be."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    word: str | list[str] | None = None
    not_word: list[str] | None = None
    cue: str | None = None
    label: str | list[str] | None = None
    number: bool | None = None
    place: bool | str | None = None
    any: bool | None = None
    op: Literal["1", "?", "*", "+"] = "1"
    max: int = Field(default=_DEFAULT_REACH, ge=1, le=30)
    as_: str | None = Field(default=None, alias="as")

    @model_validator(mode="after")
    def _one_test(self) -> TokenSpec:
        tests = [self.word is not None, self.cue is not None, bool(self.number), self.place not in (None, False),
                 bool(self.any), self.not_word is not None and self.word is None]
        if sum(tests) != 1:
            raise ValueError("a token spec needs exactly one of word, not_word, cue, number, place, any")
        if self.label is not None and self.cue is None:
            raise ValueError("label needs cue")
        return self

    def words(self) -> frozenset[str]:
        if self.word is None:
            return frozenset()
        return frozenset([self.word] if isinstance(self.word, str) else self.word)

    def labels(self) -> frozenset[str] | None:
        if self.label is None:
            return None
        return frozenset([self.label] if isinstance(self.label, str) else self.label)


class RuleExample(BaseModel):
    """A sentence we wrote and the event fields the rule must give for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    published: str | None = None
    expect: dict[str, Any] = Field(default_factory=dict)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^(strike|interception|commitment)/[a-z0-9]+(-[a-z0-9]+)*$")
    doc: str
    version: int = 1
    pattern: list[TokenSpec] | None = None
    bind: dict[str, str] = Field(default_factory=dict)
    block: list[str] = Field(default_factory=list)
    params: dict[str, Any] = Field(default_factory=dict)
    examples: list[RuleExample] = Field(min_length=1)
    negatives: list[str] = Field(default_factory=list)
    line: int = 0  # where the rule starts in its file (set by the loader)

    @property
    def kind(self) -> str:
        return self.id.split("/", 1)[0]


class Pack(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    kind: Literal["strike", "interception", "commitment"]
    version: int
    rules: list[Rule]


@dataclass(frozen=True, slots=True)
class Match:
    """One rule matched in a sentence: the token range and each bound slot's token range."""

    rule: Rule
    i: int
    j: int
    slots: Mapping[str, tuple[int, int]] = field(default_factory=dict)


# ---------------------------------------------------------------- loading


def _lines(node: yaml.Node) -> list[int]:
    """Start line (1-based) of each item of the `rules` sequence in a composed YAML document."""
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "rules" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _problem(exc: ValidationError, lines: list[int]) -> tuple[str, int | None]:
    err = exc.errors()[0]
    loc = list(err["loc"])
    line = lines[loc[1]] if len(loc) > 1 and loc[0] == "rules" and isinstance(loc[1], int) \
        and loc[1] < len(lines) else None
    where = ".".join(str(x) for x in loc)
    return f"{where}: {err['msg']}", line


def load_pack(path: Path, categories: Iterable[str] | None = None) -> Pack:
    """Read and validate one pack file; `categories` are the cue categories a pattern may name."""
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=SAFE_LOADER)
        data = yaml.load(text, Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(str(path), f"invalid YAML ({getattr(exc, 'problem', exc)})",
                          mark.line + 1 if mark else None) from None
    lines = _lines(node) if node is not None else []
    if isinstance(data, dict) and isinstance(data.get("rules"), list):
        for k, rule in enumerate(data["rules"]):
            if isinstance(rule, dict) and k < len(lines):
                rule["line"] = lines[k]
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        problem, line = _problem(exc, lines)
        raise ConfigError(str(path), problem, line) from None
    _check_pack(path, pack, set(categories) if categories is not None else None)
    return pack


def _check_pack(path: Path, pack: Pack, categories: set[str] | None) -> None:
    seen: set[str] = set()
    for rule in pack.rules:
        if rule.kind != pack.kind:
            raise ConfigError(str(path), f"rule {rule.id} is not of kind {pack.kind}", rule.line)
        if rule.id in seen:
            raise ConfigError(str(path), f"rule {rule.id} appears twice", rule.line)
        seen.add(rule.id)
        slots = {s.as_ for s in rule.pattern or () if s.as_}
        for name, slot in rule.bind.items():
            if slot not in slots:
                raise ConfigError(str(path), f"rule {rule.id}: bind {name} names no slot {slot!r}", rule.line)
        for spec in rule.pattern or ():
            if categories is not None and spec.cue is not None and spec.cue not in categories:
                raise ConfigError(str(path), f"rule {rule.id}: unknown cue category {spec.cue!r}", rule.line)
        import trucewatch.extract  # noqa: F401  (the kind modules register their blockers)
        from trucewatch.extract.predicates import BLOCKERS
        for name in rule.block:
            if name not in BLOCKERS:
                raise ConfigError(str(path), f"rule {rule.id}: unknown blocker {name!r}", rule.line)


@cache
def load_packs() -> tuple[Pack, ...]:
    """Every pack of vocab/rules, validated against the lexicon's cue categories."""
    from trucewatch.vocab.loader import lexicon_entries

    categories = {category for _, category, _ in lexicon_entries()} | {"side", "halt", "landmark"}
    return tuple(load_pack(path, categories) for path in sorted(PACK_DIR.glob("*.yaml")))


@cache
def rule_by_id() -> dict[str, Rule]:
    return {rule.id: rule for pack in load_packs() for rule in pack.rules}


# ---------------------------------------------------------------- matching


class _View:
    """What the engine reads of a sentence: duck-typed on extract.analysis.SentenceView."""

    tokens: Sequence[Any]
    cues: Mapping[str, Sequence[Any]]
    numbers: Sequence[Any]
    places: Sequence[Any]


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Rule
    specs: tuple[TokenSpec, ...]
    need_cues: frozenset[str]
    need_words: tuple[frozenset[str], ...]


@cache
def _compiled(kind: str) -> tuple[_Compiled, ...]:
    out = []
    for pack in load_packs():
        for rule in pack.rules:
            if pack.kind != kind or not rule.pattern:
                continue
            mandatory = [s for s in rule.pattern if s.op in ("1", "+")]
            out.append(_Compiled(rule, tuple(rule.pattern), frozenset(s.cue for s in mandatory if s.cue),
                                 tuple(s.words() for s in mandatory if s.word is not None)))
    return tuple(out)


def _ends(view: Any, spec: TokenSpec, k: int, index: dict[str, dict[int, list[Any]]]) -> list[int]:
    """Token indices where one unit of `spec` starting at token k can end (longest first)."""
    tokens = view.tokens
    if k >= len(tokens):
        return []
    if spec.any:
        return [k + 1]
    if spec.word is not None:
        return [k + 1] if tokens[k].lower in spec.words() else []
    if spec.not_word is not None:
        return [k + 1] if tokens[k].lower not in spec.not_word else []
    if spec.number:
        return [n.j for n in index["#number"].get(k, ()) if n.value is not None]
    if spec.place not in (None, False):
        return [p.j for p in index["#place"].get(k, ())
                if spec.place is True or p.mention.place.kind == spec.place]
    labels = spec.labels()
    return sorted((c.j for c in index.get(spec.cue or "", {}).get(k, ())
                   if labels is None or c.label in labels), reverse=True)


def _index(view: Any) -> dict[str, dict[int, list[Any]]]:
    out: dict[str, dict[int, list[Any]]] = {}
    for category, cues in view.cues.items():
        by_start: dict[int, list[Any]] = {}
        for cue in cues:
            by_start.setdefault(cue.i, []).append(cue)
        out[category] = by_start
    for name, items in (("#number", view.numbers), ("#place", view.places)):
        by_start = {}
        for item in items:
            by_start.setdefault(item.i, []).append(item)
        out[name] = by_start
    return out


_Slots = dict[str, tuple[int, int]]


def _match_at(view: Any, specs: Sequence[TokenSpec], s: int, k: int, slots: _Slots,
              index: dict[str, dict[int, list[Any]]], budget: list[int]) -> tuple[int, _Slots] | None:
    """Match specs[s:] from token k; the first (greedy) way that works, or None."""
    if s == len(specs):
        return k, slots
    budget[0] -= 1
    if budget[0] < 0:
        return None  # bounded backtracking: a pathological sentence costs a fixed amount
    spec = specs[s]
    low, high = {"1": (1, 1), "?": (0, 1), "*": (0, spec.max), "+": (1, spec.max)}[spec.op]
    return _repeat(view, specs, s, k, k, 0, low, high, slots, index, budget)


def _repeat(view: Any, specs: Sequence[TokenSpec], s: int, start: int, k: int, count: int, low: int,
            high: int, slots: _Slots, index: dict[str, dict[int, list[Any]]],
            budget: list[int]) -> tuple[int, _Slots] | None:
    spec = specs[s]
    if count < high:
        for end in _ends(view, spec, k, index):
            found = _repeat(view, specs, s, start, end, count + 1, low, high, slots, index, budget)
            if found is not None:
                return found
    if count < low:
        return None
    bound = {**slots, spec.as_: (start, k)} if spec.as_ and k > start else slots
    return _match_at(view, specs, s + 1, k, bound, index, budget)


def _present(view: Any, compiled: _Compiled, words: frozenset[str]) -> bool:
    if any(not view.cues.get(c) for c in compiled.need_cues):
        return False
    return all(w & words for w in compiled.need_words)


def find_matches(view: Any, kind: str) -> list[Match]:
    """Every match of the kind's pattern rules in a sentence, leftmost first, none overlapping
    within one rule."""
    rules = _compiled(kind)
    if not rules:
        return []
    words = frozenset(t.lower for t in view.tokens)
    out: list[Match] = []
    index: dict[str, dict[int, list[Any]]] | None = None
    for compiled in rules:
        if not _present(view, compiled, words):
            continue
        index = index if index is not None else _index(view)
        out.extend(_rule_matches(view, compiled, index))
    out.sort(key=lambda m: m.i)  # stable: at one token, rules keep their file order
    return out


def _starts(view: Any, compiled: _Compiled, index: dict[str, dict[int, list[Any]]]) -> Iterable[int]:
    """Token positions where a match can begin: where the first element's cue, number, place
    or word stands when that element is mandatory, else every position."""
    first = compiled.specs[0]
    if first.op not in ("1", "+"):
        return range(len(view.tokens))
    if first.cue is not None:
        return sorted(index.get(first.cue, {}))
    if first.number:
        return sorted(index["#number"])
    if first.place not in (None, False):
        return sorted(index["#place"])
    if first.word is not None:
        words = first.words()
        return [k for k, t in enumerate(view.tokens) if t.lower in words]
    return range(len(view.tokens))


def _rule_matches(view: Any, compiled: _Compiled, index: dict[str, dict[int, list[Any]]]) -> Iterator[Match]:
    n = len(view.tokens)
    end = 0
    for k in _starts(view, compiled, index):
        if k < end:
            continue  # inside the previous match of this rule
        found = _match_at(view, compiled.specs, 0, k, {}, index, [4 * n + 200])
        if found is None or found[0] == k:
            continue
        end, slots = found
        yield Match(compiled.rule, k, end, slots)


def examples_of(rules: Iterable[Rule]) -> list[tuple[str, RuleExample]]:
    """(rule id, example) pairs, for the per-rule tests."""
    return [(rule.id, example) for rule in rules for example in rule.examples]


Predicate = Callable[[Any, Match], bool]
