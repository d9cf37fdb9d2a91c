"""The OpenAPI document is true: schemathesis, seeded and bounded, finds no contract failure.

All checks (status codes and bodies documented, schema-valid input accepted,
invalid input refused, 405 with Allow, …) over every operation of a real
`trucewatch serve` on 127.0.0.1 holding the demo corpus, with the ingest
token, so POST /api/ingest is exercised too. The sort enums are pinned to the
fields the read model's rows really have.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trucewatch.pipeline import ingest_paths
from trucewatch.serve.contract import SORT_FIELDS
from trucewatch.serve.cli_serve import demo_corpus
from trucewatch.serve.read_model import LISTINGS, Filters, SnapshotCache
from trucewatch.store import open_store

from test_api_limits import TOKEN, Server  # type: ignore[import-not-found]

SEED = 20250318


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("contract") / "demo.db"
    with open_store(db) as store:
        ingest_paths([demo_corpus()], store)
    return db


def test_sort_enums_name_fields_the_rows_have(demo_db: Path) -> None:
    snapshot = SnapshotCache(str(demo_db)).get()
    for dataset, fields in SORT_FIELDS.items():
        seen = {key for row in LISTINGS[dataset](snapshot, Filters()) for key in row}
        assert set(fields) - {"date"} <= seen, dataset


@pytest.mark.slow
def test_schemathesis_finds_no_contract_failure(demo_db: Path, tmp_path: Path) -> None:
    runner = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    if runner is None:
        pytest.fail("schemathesis is a test dependency: pip install -e '.[test]'")
    db = tmp_path / "served.db"
    shutil.copy(demo_db, db)
    server = Server(db, "--ingest-token", TOKEN)
    try:
        result = subprocess.run(
            [runner, "run", f"{server.url}/openapi.json", "--checks", "all", "--seed", str(SEED),
             "--max-examples", "8", "--max-time", "100", "--workers", "2", "--no-shrink",
             "--request-timeout", "30", "--phases", "coverage,fuzzing",
             "-H", f"Authorization: Bearer {TOKEN}"],
            capture_output=True, text=True, timeout=300, cwd=tmp_path,  # its cache stays there
        )
    finally:
        server.stop()
    summary = result.stdout[-8000:]
    assert result.returncode == 0, summary
    assert " passed" in summary and "failed" not in summary.lower().split("summary")[-1], summary
