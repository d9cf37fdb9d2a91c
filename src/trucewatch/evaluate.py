"""Score the extractor against gold labels, exactly as the annotation guide's Scoring says.

Gold and predicted events of one document are matched by key (strike:
attacker, country, admin1; interception: claimant, weapon; commitment: party,
stance, scope). Precision, recall and F1 are micro-averaged over keys; matched
pairs feed the secondary metrics (weapon accuracy and target-set F1 for
strikes, exact launched/intercepted, exact killed/injured where gold has a
number).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trucewatch.errors import InputError

__all__ = ["PARTS", "EvalReport", "KeyScore", "RuleStats", "evaluate", "event_key", "part_of", "read_gold",
           "rules_report", "score"]

KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "strike": ("attacker", "country", "admin1"),
    "interception": ("claimant", "weapon"),
    "commitment": ("party", "stance", "scope"),
}

GoldDoc = Mapping[str, Any]

# A fixed split of any gold file by id hash: "heldout" is a quarter of the documents that rule
# work never looks at except at milestones; "tune" is the rest. The hash makes the split stable
# across runs, machines and additions to the file.
PARTS = ("all", "tune", "heldout")


def part_of(doc_id: str) -> str:
    """"heldout" for a fixed quarter of document ids (by SHA-1), else "tune"."""
    digest = hashlib.sha1(doc_id.encode("utf-8")).digest()
    return "heldout" if digest[0] % 4 == 0 else "tune"

Predictor = Callable[[GoldDoc], list[dict[str, Any]]]


def event_key(event: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """The matching key of an event dict, or None for an unknown kind."""
    fields = KEY_FIELDS.get(str(event.get("kind")))
    if fields is None:
        return None
    return (event["kind"], *(event.get(name) for name in fields))


@dataclass
class KeyScore:
    """Counts of matched, predicted and gold keys for one event kind."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0 if not self.gold else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0 if not self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    """Hits over trials for one secondary metric."""

    hits: float = 0.0
    total: int = 0

    def add(self, value: float) -> None:
        self.hits += value
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class EvalReport:
    """Per-kind scores, secondary metrics and the per-document differences."""

    kinds: dict[str, KeyScore] = field(default_factory=lambda: defaultdict(KeyScore))
    secondary: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    documents: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def overall(self) -> KeyScore:
        total = KeyScore()
        for s in self.kinds.values():
            total.tp += s.tp
            total.predicted += s.predicted
            total.gold += s.gold
        return total

    def to_dict(self) -> dict[str, Any]:
        def row(s: KeyScore) -> dict[str, Any]:
            return {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                    "tp": s.tp, "predicted": s.predicted, "gold": s.gold}

        return {
            "documents": self.documents,
            "kinds": {k: row(self.kinds[k]) for k in KEY_FIELDS},
            "overall": row(self.overall),
            "secondary": {k: {"value": v.value, "n": v.total} for k, v in sorted(self.secondary.items())},
            "errors": self.errors,
        }


def read_gold(path: str | Path) -> Iterator[dict[str, Any]]:
    """Gold documents from a JSONL file; a bad line is an InputError naming it."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"invalid JSON ({exc.msg})", number) from None
            if not isinstance(doc, dict) or "text" not in doc or "events" not in doc:
                raise InputError(str(path), "gold line needs 'text' and 'events'", number)
            yield doc


def _target_f1(gold: Iterable[str], predicted: Iterable[str]) -> float:
    g, p = set(gold), set(predicted)
    if not g and not p:
        return 1.0
    tp = len(g & p)
    return 2 * tp / (len(g) + len(p))


def _secondary(report: EvalReport, gold: Mapping[str, Any], pred: Mapping[str, Any]) -> None:
    kind = gold["kind"]
    sec = report.secondary
    if kind == "strike":
        sec["strike.weapon_accuracy"].add(float(gold.get("weapon") == pred.get("weapon")))
        sec["strike.targets_f1"].add(_target_f1(gold.get("targets") or [], pred.get("targets") or []))
        for name in ("killed", "injured"):
            if isinstance(gold.get(name), int):
                sec[f"strike.{name}_exact"].add(float(gold[name] == pred.get(name)))
    elif kind == "interception":
        for name in ("launched", "intercepted"):
            sec[f"interception.{name}_exact"].add(float(gold.get(name) == pred.get(name)))


def _match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pair gold and predicted events with equal keys, first come first served."""
    pool: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for event in pred:
        key = event_key(event)
        if key is not None:
            pool[key].append(event)
    pairs = []
    for event in gold:
        key = event_key(event)
        if key is not None and pool.get(key):
            pairs.append((event, pool[key].pop(0)))
    return pairs


def score_document(report: EvalReport, doc: Mapping[str, Any], predicted: list[dict[str, Any]]) -> None:
    """Add one document's comparison to the report."""
    gold_events = [e for e in doc["events"] if event_key(e) is not None]
    pred_events = [e for e in predicted if event_key(e) is not None]
    gold_keys = Counter(event_key(e) for e in gold_events)
    pred_keys = Counter(event_key(e) for e in pred_events)
    matched = gold_keys & pred_keys
    for key, n in gold_keys.items():
        report.kinds[key[0]].gold += n
    for key, n in pred_keys.items():
        report.kinds[key[0]].predicted += n
    for key, n in matched.items():
        report.kinds[key[0]].tp += n
    for g, p in _match(gold_events, pred_events):
        _secondary(report, g, p)
    missed, spurious = gold_keys - pred_keys, pred_keys - gold_keys
    if missed or spurious:
        report.errors.append({
            "id": doc.get("id"),
            "missed": [list(k) for k in missed.elements()],
            "spurious": [list(k) for k in spurious.elements()],
        })
    report.documents += 1


def score(docs: Iterable[Mapping[str, Any]], predict: Predictor) -> EvalReport:
    """Score `predict` (gold document → event dicts) over gold documents."""
    report = EvalReport()
    for doc in docs:
        score_document(report, doc, predict(doc))
    return report


def _published(value: Any) -> dt.date | None:
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _predictor() -> Predictor:
    """The extractor as a gold document → event dicts function."""
    from trucewatch.model import Document
    from trucewatch.pipeline import extract_document

    def predict(doc: GoldDoc) -> list[dict[str, Any]]:
        document = Document(
            id=str(doc.get("id", "")), text=doc["text"], published=_published(doc.get("published")),
            url=doc.get("url"), title=doc.get("title"), outlet=doc.get("outlet"),
        )
        return [e.to_dict() for e in extract_document(document).events]

    return predict


def evaluate(gold_path: str | Path, part: str = "all") -> EvalReport:
    """Run the extractor over a gold file (or one part of its fixed split) and score it."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}")
    predict = _predictor()
    docs = (d for d in read_gold(gold_path) if part == "all" or part_of(str(d.get("id", ""))) == part)
    return score(docs, predict)


@dataclass
class RuleStats:
    """How one rule fared over a gold file: events made, how many matched gold, and where."""

    rule: str
    fired: int = 0
    correct: int = 0
    documents: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.correct / self.fired if self.fired else None

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "fired": self.fired, "correct": self.correct,
                "precision": self.precision, "documents": sorted(set(self.documents))}


def _credit_rules(stats: dict[str, RuleStats], doc: Mapping[str, Any], predicted: list[dict[str, Any]]) -> None:
    """Each predicted event is correct when a gold event of its key is left to match it."""
    left = Counter(event_key(e) for e in doc["events"] if event_key(e) is not None)
    for event in predicted:
        key = event_key(event)
        rule = str(event.get("rule") or "(none)")
        row = stats.setdefault(rule, RuleStats(rule))
        row.fired += 1
        row.documents.append(str(doc.get("id", "")))
        if key is not None and left[key] > 0:
            left[key] -= 1
            row.correct += 1


def rules_report(gold_path: str | Path, part: str = "all") -> list[RuleStats]:
    """Per rule of the pack: how often it fires on a gold file, its precision, the documents.
    Rules that never fire are listed too (fired 0), so dead rules show."""
    from trucewatch.extract.patterns import rule_by_id

    stats: dict[str, RuleStats] = {rule: RuleStats(rule) for rule in rule_by_id()}
    predict = _predictor()
    for doc in read_gold(gold_path):
        if part == "all" or part_of(str(doc.get("id", ""))) == part:
            _credit_rules(stats, doc, predict(doc))
    return sorted(stats.values(), key=lambda s: s.rule)
