"""The rule pack: every rule's own examples and negatives, the schema, and the engine.

`pytest -k strike/attack-verb` runs one rule's cases. Examples and negatives are sentences
we wrote (vocab/rules/*.yaml); the dev-set check reads ../shared at run time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import trucewatch
from trucewatch.errors import ConfigError
from trucewatch.extract import RULES_VERSION
from trucewatch.extract.patterns import PACK_DIR, load_pack, load_packs, rule_by_id
from trucewatch.extract.predicates import BLOCKERS

RULES = [rule for pack in load_packs() for rule in pack.rules]
EXAMPLES = [pytest.param(rule, k, id=f"{rule.id}#example{k}") for rule in RULES for k in range(len(rule.examples))]
NEGATIVES = [pytest.param(rule, k, id=f"{rule.id}#negative{k}") for rule in RULES for k in range(len(rule.negatives))]
DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev.jsonl"


def _events(text: str, published: str | None) -> list[dict[str, Any]]:
    return [e.to_dict() for e in trucewatch.extract(text, published=published or "2025-03-19").events]


@pytest.mark.parametrize(("rule", "k"), EXAMPLES)
def test_rule_example(rule, k) -> None:  # type: ignore[no-untyped-def]
    example = rule.examples[k]
    events = [e for e in _events(example.text, example.published) if e["rule"] == rule.id]
    assert events, f"{rule.id} did not fire on its example {example.text!r}"
    wanted = {name: value for name, value in example.expect.items()}
    assert any(all(e.get(n) == v for n, v in wanted.items()) for e in events), (wanted, events)


@pytest.mark.parametrize(("rule", "k"), NEGATIVES)
def test_rule_negative(rule, k) -> None:  # type: ignore[no-untyped-def]
    text = rule.negatives[k]
    assert [e for e in _events(text, None) if e["rule"] == rule.id] == [], text


def test_every_rule_has_examples_and_known_blockers() -> None:
    assert len(RULES) == len(rule_by_id())  # ids are unique across packs
    for rule in RULES:
        assert rule.examples and rule.doc
        assert set(rule.block) <= set(BLOCKERS)


@pytest.mark.skipif(not DEV.exists(), reason="needs ../shared/eval/dev.jsonl")
def test_every_event_names_a_declared_rule() -> None:
    known = set(rule_by_id())
    seen = set()
    for line in DEV.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for event in trucewatch.extract(doc["text"], published=doc.get("published")).events:
            assert event.rule in known, (doc["id"], event.kind, event.rule)
            assert event.rules == RULES_VERSION
            seen.add(event.rule)
    assert {r.split("/")[0] for r in seen} == {"strike", "interception", "commitment"}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_RULE = """\
name: test
kind: strike
version: 1
rules:
  - id: strike/good
    doc: fine
    pattern: [{cue: strike_verb, as: trigger}]
    examples: [{text: "x"}]
"""


def test_schema_errors_name_file_and_line(tmp_path: Path) -> None:
    load_pack(_write(tmp_path, GOOD_RULE))
    bad = GOOD_RULE + """\
  - id: strike/bad
    doc: an operator that does not exist
    pattern: [{cue: strike_verb, op: "%"}]
    examples: [{text: "x"}]
"""
    with pytest.raises(ConfigError) as info:
        load_pack(_write(tmp_path, bad))
    assert str(info.value).startswith(f"{tmp_path / 'bad.yaml'}:9: rules.1.pattern.0.op")


@pytest.mark.parametrize(("change", "problem"), [
    (("doc: fine", "doc: fine\n    colour: red"), "Extra inputs"),
    (("cue: strike_verb", "cue: no_such_category"), "unknown cue category"),
    (("examples: [{text: \"x\"}]", "examples: []"), "at least 1"),
    (("id: strike/good", "id: Strike Good"), "should match pattern"),
    (("as: trigger}]", "as: trigger}]\n    block: [no-such-blocker]"), "unknown blocker"),
    (("version: 1\n", "version: 1\n  oops: [\n"), "invalid YAML"),
])
def test_schema_rejects(tmp_path: Path, change: tuple[str, str], problem: str) -> None:
    from trucewatch.vocab.loader import lexicon_entries

    categories = {c for _, c, _ in lexicon_entries()}
    with pytest.raises(ConfigError, match=problem):
        load_pack(_write(tmp_path, GOOD_RULE.replace(*change)), categories)


def test_pack_files_are_all_loaded() -> None:
    assert {p.name for p in PACK_DIR.glob("*.yaml")} >= {"strike.yaml"}
    assert len(load_packs()) == len(list(PACK_DIR.glob("*.yaml")))
