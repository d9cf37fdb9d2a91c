"""The daily brief, `trucewatch brief`, `trucewatch demo --no-serve` and quiet progress bars."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from serve_support import HOSTILE_TEXT

from trucewatch.serve.brief import bar_chart, build_brief
from trucewatch.store import open_store


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trucewatch", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_brief_is_one_self_contained_file(demo_db: Path) -> None:
    with open_store(demo_db, create=False) as store:
        html = build_brief(store, dt.date(2025, 3, 19))
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 4
    for title in ("Strikes per region", "Launched vs intercepted per night, as UA reports",
                  "Launched vs intercepted per night, as RU reports", "Findings per party"):
        assert title in html
    ua_chart = html.split(">Launched vs intercepted per night, as UA reports<")[1].split("</svg>")[0]
    ru_chart = html.split(">Launched vs intercepted per night, as RU reports<")[1].split("</svg>")[0]
    assert "launched: 145" in ua_chart and "intercepted: 72" in ua_chart
    assert "intercepted: 57" in ru_chart and "launched: n/r" in ru_chart
    assert "129" not in html
    assert "Key incidents of 2025-03-19" in html and "Sumy (UA-59)" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script" not in html and "<link" not in html


def test_brief_escapes_report_text(demo_db: Path) -> None:
    with open_store(demo_db, create=False) as store:
        html = build_brief(store, dt.date(2025, 4, 2))
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "<script" not in html and "<img" not in html
    assert HOSTILE_TEXT not in html
    assert "&lt;b&gt;" in bar_chart([("<b>x</b>", 1.0)], "t") and "<b>" not in bar_chart([("<b>x</b>", 1.0)], "t")


def test_brief_command_writes_the_file(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    done = run("brief", "--date", "2025-03-27", "--out", str(out), "--db", str(demo_db))
    assert done.returncode == 0, done.stderr
    assert "Key incidents of 2025-03-27" in out.read_text("utf-8")
    bad = run("brief", "--date", "27 March", "--db", str(demo_db))
    assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr
    missing = run("brief", "--date", "2025-03-27", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "none.db" in missing.stderr and "Traceback" not in missing.stderr


def test_demo_ingests_assesses_and_prints_the_ledger(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    done = run("demo", "--no-serve", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "17 reports" in done.stdout and "compliance ledger" in done.stdout
    assert "energy-pause-2025" in done.stdout and "easter-truce-2025" in done.stdout
    again = run("demo", "--no-serve", "--db", str(db))  # fresh each time
    assert again.returncode == 0 and "17 reports" in again.stdout


def test_progress_bars_are_quiet_off_a_terminal(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("date 2025-03-20\nRussian drones struck Sumy overnight, the governor said.\n", "utf-8")
    done = run("ingest", str(report), "--db", str(tmp_path / "p.db"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "1 new document(s)" in done.stdout
    extracted = run("extract", str(report))
    assert extracted.returncode == 0 and extracted.stderr == ""
