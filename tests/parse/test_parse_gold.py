"""Gold quotes of the shared seed and dev set are parsed sentences.

Read from ../shared beside the repository at run time (skipped where it is absent). A gold
quote that is not sentence-shaped (two sentences, or a clause cut out of
one) cannot be a single sentence; those are listed in KNOWN_NOT_SENTENCES
with the reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trucewatch.model import Document
from trucewatch.parse import parse_document

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "seed" / "seed.jsonl"
DEV = SHARED / "eval" / "dev.jsonl"

KNOWN_NOT_SENTENCES = {
    "ruwa-05354": "two sentences in one quote",
    "ruwa-15415": "two sentences in one quote",
    "ruwa-04936": "a clause cut from a comma-spliced sentence",
    "ruwa-05275": "Censor.NET title quoted with its rubric but without the title-line stamp "
    "(other labels drop the rubric), matching neither the title nor the lead line",
}


def _records(path: Path) -> list[dict]:
    if not path.exists():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def _missing(record: dict) -> list[str]:
    parsed = parse_document(Document(id=record["id"], text=record["text"]))
    sentences = {sentence.text for sentence in parsed.sentences}
    return sorted({e["quote"] for e in record.get("events", []) if e["quote"] not in sentences})


def test_seed_gold_quotes_are_sentences() -> None:
    for record in _records(SEED):
        assert _missing(record) == []


def test_seed_published_and_segments() -> None:
    record = _records(SEED)[0]
    parsed = parse_document(Document(id=record["id"], text=record["text"]))
    assert parsed.published is not None and parsed.published.isoformat() == record["published"]
    assert len(parsed.segments) == 2
    assert all(segment.dateline is not None for segment in parsed.segments)


def test_dev_gold_quotes_are_sentences() -> None:
    records = _records(DEV)
    missing = {r["id"]: m for r in records if (m := _missing(r))}
    total = sum(len({e["quote"] for e in r.get("events", [])}) for r in records)
    unexpected = {k: v for k, v in missing.items() if k not in KNOWN_NOT_SENTENCES}
    assert unexpected == {}, f"{total - sum(map(len, missing.values()))}/{total} gold quotes are sentences"
