"""Build the demo corpus JSONL from its .txt reports, and check the demo gold.

    python tools/build_demo_jsonl.py          # write src/trucewatch/demo/corpus.jsonl
    python tools/build_demo_jsonl.py --check  # fail if corpus.jsonl or gold.jsonl drifted

Sources of truth: `demo/corpus/NNN_slug.txt` (first line `date YYYY-MM-DD`,
then the report) and `demo/outlets.tsv` (file stem → outlet, url, title).
`corpus.jsonl` is generated from them; `gold.jsonl` is written by hand and
only checked here: same ids, dates, outlets and texts as the corpus, every
`quote` a sentence found in its text, and only labels the annotation guide
allows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "trucewatch" / "demo"
CORPUS_DIR = DEMO / "corpus"
OUTLETS = DEMO / "outlets.tsv"
CORPUS_JSONL = DEMO / "corpus.jsonl"
GOLD_JSONL = DEMO / "gold.jsonl"

_FILE_NAME = re.compile(r"^(\d{3})_[a-z0-9-]+$")
_DATE_LINE = re.compile(r"^date (\d{4}-\d{2}-\d{2})$")

SIDES = {"RU", "UA", "US", "BY", "unknown"}
WEAPONS = {"drone", "missile", "aircraft", "artillery", "unknown"}
TARGETS = {
    "energy", "medical", "residential", "education", "industrial",
    "transport", "port", "military", "government", "other_civilian",
}
STANCES = {"agreed", "proposed", "refused", "accused_breach"}
SCOPES = {"full_ceasefire", "energy", "maritime", "other"}
FIELDS = {
    "strike": ["kind", "attacker", "weapon", "country", "admin1", "place",
               "targets", "killed", "injured", "quote"],
    "interception": ["kind", "claimant", "attacker", "weapon", "launched",
                     "intercepted", "admin1", "water", "quote"],
    "commitment": ["kind", "party", "stance", "scope", "quote"],
}
_ADMIN1 = re.compile(r"^(UA-\d{2}|RU-[A-Z]{2,3})$")


class DemoError(Exception):
    """The demo sources disagree with each other; the message says where."""


def read_outlets(path: Path = OUTLETS) -> dict[str, dict[str, str]]:
    """Rows of outlets.tsv keyed by file stem."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    table: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows, start=2):
        if set(row) != {"file", "outlet", "url", "title"} or not all(row.values()):
            raise DemoError(f"{path}:{number}: need file, outlet, url and title")
        table[row["file"]] = row
    return table


def read_report(path: Path) -> tuple[dt.date, str]:
    """The date line and the report text (without its date line and final newline)."""
    raw = path.read_text(encoding="utf-8")
    first, _, body = raw.partition("\n")
    match = _DATE_LINE.match(first)
    if match is None:
        raise DemoError(f"{path}:1: first line must be 'date YYYY-MM-DD'")
    return dt.date.fromisoformat(match.group(1)), body.rstrip("\n")


def build_records() -> list[dict[str, Any]]:
    """One corpus record per .txt report, in file order."""
    outlets = read_outlets()
    files = sorted(CORPUS_DIR.glob("*.txt"))
    stems = [path.stem for path in files]
    for stem in stems:
        if not _FILE_NAME.match(stem):
            raise DemoError(f"{CORPUS_DIR / stem}.txt: name must be NNN_slug.txt")
    missing, extra = set(stems) - set(outlets), set(outlets) - set(stems)
    if missing or extra:
        raise DemoError(f"{OUTLETS}: no row for {sorted(missing)}; rows without a file: {sorted(extra)}")
    return [_record(path, outlets[path.stem]) for path in files]


def _record(path: Path, meta: Mapping[str, str]) -> dict[str, Any]:
    published, text = read_report(path)
    return {
        "id": "demo-" + path.stem[:3],
        "published": published.isoformat(),
        "outlet": meta["outlet"],
        "url": meta["url"],
        "title": meta["title"],
        "text": text,
    }


def render(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, json.loads(line)


def check_gold(records: list[dict[str, Any]], path: Path = GOLD_JSONL) -> list[str]:
    """Problems found in gold.jsonl against the corpus records (empty when clean)."""
    corpus = {record["id"]: record for record in records}
    problems: list[str] = []
    seen: set[str] = set()
    for number, doc in read_jsonl(path):
        where = f"{path.name}:{number}"
        record = corpus.get(doc.get("id", ""))
        if record is None:
            problems.append(f"{where}: id {doc.get('id')!r} is not in the corpus")
            continue
        seen.add(record["id"])
        for key in ("published", "outlet", "text"):
            if doc.get(key) != record[key]:
                problems.append(f"{where}: {key} differs from the corpus")
        if set(doc) != {"id", "published", "outlet", "text", "events", "notes"}:
            problems.append(f"{where}: keys must be id, published, outlet, text, events, notes")
        for index, event in enumerate(doc.get("events", [])):
            problems += [f"{where} event {index}: {p}" for p in check_event(event, record["text"])]
    problems += [f"{path.name}: no gold line for {id_}" for id_ in sorted(set(corpus) - seen)]
    return problems


def check_event(event: Mapping[str, Any], text: str) -> list[str]:
    """Problems with one gold event (field set, labels, quote)."""
    kind = event.get("kind")
    if kind not in FIELDS:
        return [f"unknown kind {kind!r}"]
    problems = []
    if list(event) != FIELDS[kind]:
        problems.append(f"fields must be {FIELDS[kind]} in that order")
    quote = event.get("quote", "")
    if not quote or quote not in text:
        problems.append(f"quote not found in text: {quote[:60]!r}")
    problems += _check_labels(event)
    return problems


def _check_labels(event: Mapping[str, Any]) -> list[str]:
    kind, bad = event["kind"], []
    if kind == "strike":
        bad += [f for f in ("attacker",) if event.get(f) not in SIDES]
        bad += ["weapon"] if event.get("weapon") not in WEAPONS else []
        bad += ["targets"] if not set(event.get("targets", [])) <= TARGETS else []
        admin1 = event.get("admin1")
        bad += ["admin1"] if admin1 is not None and not _ADMIN1.match(admin1) else []
        bad += [f for f in ("killed", "injured") if not _count_ok(event.get(f))]
    elif kind == "interception":
        bad += [f for f in ("claimant", "attacker") if event.get(f) not in SIDES]
        bad += ["weapon"] if event.get("weapon") not in WEAPONS else []
        bad += ["admin1"] if not all(_ADMIN1.match(a) for a in event.get("admin1", [])) else []
        bad += [f for f in ("launched", "intercepted") if not _count_ok(event.get(f))]
    else:
        bad += ["party"] if event.get("party") not in SIDES else []
        bad += ["stance"] if event.get("stance") not in STANCES else []
        bad += ["scope"] if event.get("scope") not in SCOPES else []
    return [f"bad value for {name}: {event.get(name)!r}" for name in bad]


def _count_ok(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check, write nothing")
    args = parser.parse_args(argv)
    try:
        records = build_records()
    except DemoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    expected = render(records)
    if not args.check:
        CORPUS_JSONL.write_text(expected, encoding="utf-8")
        print(f"wrote {CORPUS_JSONL.relative_to(ROOT)} ({len(records)} reports)")
        return 0
    problems = []
    if not CORPUS_JSONL.exists() or CORPUS_JSONL.read_text(encoding="utf-8") != expected:
        problems.append(f"{CORPUS_JSONL.name} is stale: run tools/build_demo_jsonl.py")
    if GOLD_JSONL.exists():
        problems += check_gold(records)
    else:
        problems.append(f"{GOLD_JSONL.name} is missing")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not problems:
        print(f"ok: {len(records)} reports, corpus.jsonl and gold.jsonl consistent")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
