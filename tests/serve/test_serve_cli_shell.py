"""The CLI shell: fast start, names for regions, clear errors, full ids, quiet bars, failing feeds.

Every check runs the real `trucewatch` command in a subprocess.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trucewatch.batch import DEFAULT_PARTITION_SIZE
from trucewatch.serve import cli_scale

from serve_support import fill_demo_db

HEAVY = ("dask", "distributed", "pyarrow", "fastapi", "uvicorn", "datasketch", "scipy", "numpy",
         "trafilatura", "psycopg", "trucewatch.pipeline")


def run(*args: str, stdin: str | None = None, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run([sys.executable, "-m", "trucewatch", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=120)


def test_help_imports_nothing_heavy() -> None:
    code = ("import sys, trucewatch.serve.cli as c; c._register_all(); "
            "from typer.main import get_command; get_command(c.app); "
            f"print([m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m in {HEAVY!r}])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_help_lists_every_command_quickly() -> None:
    start = time.perf_counter()
    done = run("--help")
    seconds = time.perf_counter() - start
    assert done.returncode == 0
    for command in ("extract", "eval", "ingest", "incidents", "assess", "serve", "brief", "demo",
                    "batch", "watch"):
        assert command in done.stdout
    assert seconds < 3.0  # the real bound (0.3 s) is measured in the README; this catches regressions


def test_partition_default_matches_the_batch_stage() -> None:
    assert cli_scale.DEFAULT_PARTITION_SIZE == DEFAULT_PARTITION_SIZE


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill_demo_db(tmp_path_factory.mktemp("cli") / "demo.db")


def test_region_by_name_equals_region_by_code(db: Path) -> None:
    by_code = json.loads(run("incidents", "--db", str(db), "--region", "UA-63", "-f", "json").stdout)
    by_name = json.loads(run("incidents", "--db", str(db), "--region", "Kharkiv", "-f", "json").stdout)
    by_variant = json.loads(run("incidents", "--db", str(db), "--region", "kharkov oblast", "-f", "json").stdout)
    assert by_code and by_code == by_name == by_variant


@pytest.mark.parametrize(("option", "value", "words"), [
    ("--region", "Kharkif", ["unknown region 'Kharkif'", "Kharkiv (UA-63)"]),
    ("--region", "UA-99", ["unknown region 'UA-99'"]),
    ("--kind", "bomb", ["unknown kind 'bomb'", "strike or interception"]),
])
def test_unknown_filter_values_are_errors(db: Path, option: str, value: str, words: list[str]) -> None:
    done = run("incidents", "--db", str(db), option, value)
    assert done.returncode == 2
    flat = " ".join(done.stderr.replace("│", " ").split())
    for word in words:
        assert word in flat
    assert "Traceback" not in done.stderr


def test_ids_are_never_cut_at_80_columns(db: Path) -> None:
    ids = [i["id"] for i in json.loads(run("incidents", "--db", str(db), "-f", "json").stdout)]
    table = run("incidents", "--db", str(db), columns=80).stdout
    assert ids and all(i in table for i in ids)
    assert "…" not in table.split("\n")[3]


def _in_a_terminal(args: list[str], seconds: float = 60) -> str:
    """Run the CLI with stdout and stderr on a pseudo-terminal; return what it showed."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.environ["COLUMNS"] = "100"
        os.execv(sys.executable, [sys.executable, "-m", "trucewatch", *args])
    chunks, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8", "replace")


def test_extract_and_batch_show_progress_on_a_terminal_only(tmp_path: Path) -> None:
    corpus = tmp_path / "day.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{n}", "text": "Russian drones struck Sumy overnight.",
                                          "published": "2025-03-19"}) + "\n" for n in range(300)))
    shown = _in_a_terminal(["extract", str(corpus), "--format", "csv"])
    assert "extracting" in shown
    shown = _in_a_terminal(["batch", str(corpus), "--out", str(tmp_path / "out"), "--partition-size", "100"])
    assert "extracting (documents)" in shown and "300 document(s)" in shown
    piped = run("extract", str(corpus), "--format", "csv")
    assert piped.returncode == 0 and piped.stderr == ""


def test_watch_once_fails_when_every_feed_fails(tmp_path: Path) -> None:
    dead = ["http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml"]  # port 9: nothing listens
    done = run("watch", *dead, "--once", "--allow-private", "--db", str(tmp_path / "w.db"))
    assert done.returncode == 1
    assert "every feed failed (2 of 2)" in done.stderr


def test_docs_are_listed_in_serve_help() -> None:
    assert "/docs" in run("serve", "--help").stdout
