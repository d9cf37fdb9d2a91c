"""The language guess: non-English reports are named, English headlines never are."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from trucewatch.ingest.language import guess_language, language_name, not_english

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

# Our own sentences, one per language.
SAMPLES = {
    "en": "Russian drones struck a hospital in Sumy overnight, officials said on Wednesday.",
    "uk": "Російські дрони вночі атакували лікарню в Сумах, повідомили в обласній адміністрації.",
    "ru": "Российские беспилотники ночью атаковали больницу в Сумах, сообщили в администрации области.",
    "de": "Russische Drohnen haben in der Nacht ein Krankenhaus in Sumy getroffen, sagte die Verwaltung.",
    "fr": "Des drones russes ont frappé un hôpital à Soumy pendant la nuit, selon les autorités.",
    "es": "Drones rusos atacaron un hospital en Sumy durante la noche, según las autoridades.",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_each_language_is_recognised(code: str) -> None:
    assert guess_language(SAMPLES[code]) == code
    assert not_english(SAMPLES[code]) == (None if code == "en" else code)


def test_too_short_to_say() -> None:
    assert guess_language("Kyiv: explosions") is None
    assert not_english("Kyiv: explosions") is None


def test_names() -> None:
    assert language_name("uk") == "Ukrainian" and language_name("xx") == "xx"


def test_english_headlines_are_not_flagged() -> None:
    path = SHARED / "data" / "ruwa" / "ruwa.jsonl"
    if not path.exists():
        pytest.skip("../shared/data/ruwa is not here")
    flagged = total = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text", "")
            total += 1
            code = not_english(text)
            # a flag is only right where the text is mostly Cyrillic
            cyrillic = sum(1 for c in text if "\u0400" <= c <= "\u04ff")
            if code is not None:
                flagged += 1
                assert cyrillic > 10, text[:80]
    assert total > 16_000 and flagged < 20


def test_cli_warns_names_the_file_and_counts(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    tmp_path = tmp_path / "reports"
    tmp_path.mkdir()
    (tmp_path / "kyiv.txt").write_text("date 2025-03-19\n" + SAMPLES["uk"] + "\n", encoding="utf-8")
    (tmp_path / "sumy.txt").write_text("date 2025-03-19\n" + SAMPLES["en"] + "\n", encoding="utf-8")
    cli = [sys.executable, "-m", "trucewatch"]
    done = subprocess.run([*cli, "extract", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert f"warning: {tmp_path / 'kyiv.txt'}: the text looks Ukrainian (uk), not English" in done.stderr
    assert "sumy" not in done.stderr and "1 document(s) not in English" in done.stderr
    ingest = subprocess.run([*cli, "ingest", str(tmp_path), "--db", str(db)],
                            capture_output=True, text=True, timeout=120)
    assert ingest.returncode == 0, ingest.stderr
    assert "kyiv.txt: the text looks Ukrainian" in ingest.stderr
    assert "2 new document(s)" in ingest.stdout and "1 not in English" in ingest.stdout
