"""Each kind of bad input gives one clear InputError naming the file, and the batch goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trucewatch.errors import InputError
from trucewatch.ingest import read_documents
from trucewatch.model import Document

CYRILLIC = "Київ атакували дронами вночі, повідомили у міській військовій адміністрації."
WESTERN = "Le drone a touché un entrepôt près de la gare; les pompiers ont éteint l’incendie à l’aube."


def read(*paths: Path, **options) -> list[Document | InputError]:
    return list(read_documents([str(p) for p in paths], **options))


def only_error(items: list[Document | InputError]) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    error = only_error(read(path))
    assert error.path == str(path) and error.problem == "empty file"
    path.write_bytes(b"  \n\n")
    assert only_error(read(path)).problem == "empty file"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 4)
    error = only_error(read(path))
    assert error.problem.startswith("binary file, not text (")
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(200)))
    assert "PDF" in only_error(read(pdf)).problem


def test_cp1251_is_named(tmp_path: Path) -> None:
    path = tmp_path / "kyiv.txt"
    path.write_bytes(("Drone attack. " + CYRILLIC).encode("cp1251"))
    error = only_error(read(path))
    assert error.problem == (
        "not valid UTF-8 at byte 14; looks like cp1251 (Cyrillic) — "
        "re-encode as UTF-8 or pass --encoding cp1251"
    )
    assert error.line == 1
    assert str(error).startswith(f"{path}:1: not valid UTF-8")


def test_latin1_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gare.txt"
    path.write_bytes(("Line one\n" + WESTERN.replace("’", "'")).encode("latin-1"))
    error = only_error(read(path))
    assert "looks like latin-1 (Western European)" in error.problem
    assert error.line == 2


def test_forced_encoding_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "kyiv.txt"
    path.write_bytes(CYRILLIC.encode("cp1251"))
    (doc,) = read(path, encoding="cp1251")
    assert isinstance(doc, Document) and doc.text == CYRILLIC
    error = only_error(read(path, encoding="no-such-codec"))
    assert "unknown encoding" in error.problem


def test_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Drones hit Odesa. " * 20, encoding="utf-8")
    error = only_error(read(path, max_bytes=100))
    assert error.problem == (
        "file is 360 bytes, over the 100 bytes limit for one report; split it or raise --max-bytes"
    )


def test_sparse_100_mb_file_is_rejected_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(100_000_000)
    error = only_error(read(path))
    assert error.problem == (
        "file is 100.0 MB, over the 10.0 MB limit for one report; split it or raise --max-bytes"
    )


def test_truncated_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes("Strike on Kharkiv — ".encode() + "Харків".encode()[:-1])
    error = only_error(read(path))
    assert error.problem.startswith("truncated: ends inside a UTF-8 character")


def test_missing_and_unreadable(tmp_path: Path) -> None:
    error = only_error(read(tmp_path / "nope.txt"))
    assert error.problem == "cannot read: no such file or directory"


def test_batch_goes_on_and_strict_raises(tmp_path: Path) -> None:
    bad = tmp_path / "a_bad.txt"
    bad.write_bytes(b"")
    good = tmp_path / "b_good.txt"
    good.write_text("Drones hit Odesa.", encoding="utf-8")
    items = read(bad, good)
    assert isinstance(items[0], InputError) and isinstance(items[1], Document)
    with pytest.raises(InputError, match="empty file"):
        read(bad, good, strict=True)


# Root reads any ordinary file; a write-only kernel setting refuses reads even to root.
_WRITE_ONLY = Path("/proc/sys/vm/compact_memory")


def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    if os.geteuid() == 0:
        if not _WRITE_ONLY.exists():
            pytest.skip("running as root and no write-only file to read")
        path.symlink_to(_WRITE_ONLY)
    else:
        path.write_text("Drones hit Odesa.", encoding="utf-8")
        path.chmod(0)
    error = only_error(read(path))
    assert error.problem == "cannot read: permission denied" and str(path) in str(error)


def test_single_path_string_is_one_path(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Drones hit Odesa.", encoding="utf-8")
    (doc,) = read_documents(str(path))  # type: ignore[arg-type]
    assert isinstance(doc, Document)
