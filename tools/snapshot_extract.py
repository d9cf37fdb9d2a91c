"""Snapshot the extractor's output on the shared sets, and diff two snapshots.

    .venv/bin/python tools/snapshot_extract.py save artifacts/snapshots/NAME
    .venv/bin/python tools/snapshot_extract.py diff artifacts/snapshots/OLD artifacts/snapshots/NEW

`save` runs `trucewatch.pipeline.extract_document` over the seed, dev, train and the RUWA
headlines (read from ../shared at run time) and writes one JSONL per set: `{"id", "events"}`
with each event's fields minus its quote and span. `diff` prints, per set, every document whose
events changed (events gone with `-`, events new with `+`) and a count, so that each difference
of a rule change is either a reviewed fix or a regression. Snapshots live under artifacts/
(ignored by git): they hold output on third-party texts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from trucewatch.ingest import read_documents
from trucewatch.model import Document
from trucewatch.pipeline import extract_document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SETS = {
    "seed": SHARED / "seed" / "seed.jsonl",
    "dev": SHARED / "eval" / "dev.jsonl",
    "train": SHARED / "eval" / "train.jsonl",
    "ruwa": SHARED / "data" / "ruwa" / "ruwa.jsonl",
}
_DROP = {"quote", "span", "rules", "rule", "date_phrase"}


def _documents(path: Path) -> Iterator[Document]:
    for item in read_documents([str(path)]):
        if isinstance(item, Document):
            yield item


def _event(event: Any) -> dict[str, Any]:
    return {k: v for k, v in event.to_dict().items() if k not in _DROP}


def save(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in SETS.items():
        with open(folder / f"{name}.jsonl", "w", encoding="utf-8") as out:
            for doc in _documents(path):
                events = [_event(e) for e in extract_document(doc).events]
                out.write(json.dumps({"id": doc.id, "events": events}, sort_keys=True) + "\n")
        print(f"{name}: saved", file=sys.stderr)


def _load(path: Path) -> dict[str, list[str]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {r["id"]: sorted(json.dumps(e, sort_keys=True) for e in r["events"]) for r in rows}


def diff(old: Path, new: Path, limit: int) -> int:
    changed_total = 0
    for name in SETS:
        if not (old / f"{name}.jsonl").exists() or not (new / f"{name}.jsonl").exists():
            continue
        a, b = _load(old / f"{name}.jsonl"), _load(new / f"{name}.jsonl")
        changed = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
        changed_total += len(changed)
        print(f"== {name}: {len(changed)} of {len(b)} documents changed")
        for key in changed[:limit]:
            gone = [e for e in a.get(key, []) if e not in b.get(key, [])]
            new_events = [e for e in b.get(key, []) if e not in a.get(key, [])]
            print(f"  {key}")
            for e in gone:
                print(f"    - {e}")
            for e in new_events:
                print(f"    + {e}")
    return changed_total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("save").add_argument("folder", type=Path)
    d = sub.add_parser("diff")
    d.add_argument("old", type=Path)
    d.add_argument("new", type=Path)
    d.add_argument("--limit", type=int, default=50, help="documents shown per set")
    args = parser.parse_args()
    if args.command == "save":
        save(args.folder)
    else:
        diff(args.old, args.new, args.limit)


if __name__ == "__main__":
    main()
