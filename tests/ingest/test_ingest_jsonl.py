"""JSON Lines and JSON records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.ingest import read_documents
from trucewatch.model import Document


def line(**record: object) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def test_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        line(id="a", text="Drones hit Odesa.", published="2025-03-19", url="https://x.test/a",
             title="Odesa", outlet="Test Wire")
        + "{not json\n"
        + "[1, 2]\n"
        + line(text="no id")
        + line(id=7, text="numeric id")
        + line(id="b", text="bad date", published="19/03/2025")
        + "\n"
        + line(id="c", text="Харків", published="2025-03-20T06:30:00+02:00")
        + line(id="d", text="x", url=5),
        encoding="utf-8",
    )
    items = list(read_documents([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = {i.line: i.problem for i in items if isinstance(i, InputError)}
    assert docs[0] == Document(
        id="a", text="Drones hit Odesa.", published=dt.date(2025, 3, 19), url="https://x.test/a",
        title="Odesa", outlet="Test Wire", origin=f"{path}:1",
    )
    assert (docs[1].id, docs[1].published, docs[1].origin) == ("c", dt.date(2025, 3, 20), f"{path}:8")
    assert len(docs) == 2
    assert errors[2].startswith("invalid JSON: ")
    assert errors[3] == "expected a JSON object, got array"
    assert errors[4] == "missing required field 'id'"
    assert errors[5] == "field 'id' must be a string, got number"
    assert errors[6] == "bad published date '19/03/2025': expected YYYY-MM-DD or an ISO datetime"
    assert errors[9] == "field 'url' must be a string, got number"
    assert all(i.path == str(path) for i in items if isinstance(i, InputError))


def test_truncated_last_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.ndjson"
    path.write_text(line(id="a", text="One.") + '{"id": "b", "text": "Tw', encoding="utf-8")
    items = list(read_documents([str(path)]))
    assert isinstance(items[0], Document)
    error = items[1]
    assert isinstance(error, InputError) and error.line == 2
    assert "invalid JSON" in error.problem and "truncated" in error.problem


def test_limit_is_per_line(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(line(id="long", text="x" * 500) + line(id="short", text="Short."), encoding="utf-8")
    items = list(read_documents([str(path)], max_bytes=200))
    assert isinstance(items[0], InputError) and items[0].line == 1
    assert items[0].problem.startswith("line is 527 bytes, over the 200 bytes limit")
    assert isinstance(items[1], Document) and items[1].id == "short"


def test_bad_encoding_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        line(id="a", text="Fine.").encode()
        + line(id="b", text="Київ атакували дронами").encode("cp1251")
        + line(id="c", text="Fine too.").encode()
    )
    items = list(read_documents([str(path)]))
    assert [type(i) for i in items] == [Document, InputError, Document]
    assert items[1].line == 2 and "cp1251" in items[1].problem


def test_empty_and_binary_jsonl(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    binary = tmp_path / "zeros.jsonl"
    with binary.open("wb") as stream:
        stream.truncate(50_000_000)
    items = list(read_documents([str(empty), str(binary)]))
    assert [i.problem for i in items if isinstance(i, InputError)] == [
        "empty file",
        "binary file, not text (contains NUL bytes)",
    ]


def test_json_list_and_object(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"id": "a", "text": "One."}, {"id": "b"}, "x"]), encoding="utf-8")
    items = list(read_documents([str(path)]))
    assert isinstance(items[0], Document) and items[0].origin == f"{path}#1"
    assert [i.problem for i in items[1:]] == [
        "item 2: missing required field 'text'",
        "item 3: expected a JSON object, got string",
    ]
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"id": "z", "text": "Only."}), encoding="utf-8")
    (doc,) = read_documents([str(single)])
    assert isinstance(doc, Document) and doc.id == "z"
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    (error,) = read_documents([str(broken)])
    assert isinstance(error, InputError) and error.problem.startswith("invalid JSON")
