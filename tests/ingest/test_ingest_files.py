"""Plain text files, directories, stdin and strings."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from trucewatch.errors import InputError
from trucewatch.ingest import document_from_text, read_documents
from trucewatch.model import Document

WIRE = " date 2025-06-02 KHARKIV, Ukraine (AP) — Drones hit a depot overnight.\r\n\r\n“It burned,” he said.\n"


def test_text_file_kept_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "kharkiv-0602.txt"
    path.write_bytes(WIRE.encode("utf-8"))
    (doc,) = read_documents([str(path)])
    assert doc == Document(id="kharkiv-0602", text=WIRE, origin=str(path))


def test_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.text"
    path.write_bytes(b"\xef\xbb\xbfDrones hit Odesa.")
    (doc,) = read_documents([str(path)])
    assert isinstance(doc, Document) and doc.text == "Drones hit Odesa."


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("Drones hit Odesa.".encode("utf-16"))
    (doc,) = read_documents([str(path)])
    assert isinstance(doc, Document) and doc.text == "Drones hit Odesa."


def test_unknown_extension_is_text(tmp_path: Path) -> None:
    path = tmp_path / "report"
    path.write_text("Drones hit Odesa.", encoding="utf-8")
    (doc,) = read_documents([str(path)])
    assert isinstance(doc, Document) and doc.id == "report"


def test_directory_walk_sorted_recursive_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "three", "text": "Three."}\n', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git" / "config.txt").write_text("Hidden.", encoding="utf-8")
    docs = list(read_documents([str(tmp_path)]))
    assert [d.id for d in docs if isinstance(d, Document)] == ["a", "two", "three"]
    assert len(docs) == 3


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO("KYIV (AP) — Sirens sounded.\n".encode())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    (doc,) = read_documents(["-"])
    assert isinstance(doc, Document)
    assert (doc.id, doc.text) == ("stdin", "KYIV (AP) — Sirens sounded.\n")


def test_stdin_bad_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 50), encoding="utf-8"))
    (error,) = read_documents(["-"], max_bytes=10)
    assert isinstance(error, InputError) and "over the 10 bytes limit" in error.problem
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    (error,) = read_documents(["-"])
    assert isinstance(error, InputError) and error.problem == "empty input"


def test_document_from_text() -> None:
    doc = document_from_text("Drones hit Odesa.", id="x", published="2025-03-19")
    assert doc == Document(id="x", text="Drones hit Odesa.", published=dt.date(2025, 3, 19))
    assert document_from_text("Text.").id == "text"
