"""The pipeline's stages never import each other; only pipeline.py and serve/ wire them.

Imports flow one way: serve › pipeline › stages › vocab › model, errors.
"""

from __future__ import annotations

import ast
from pathlib import Path

import trucewatch

PACKAGE = Path(trucewatch.__file__).parent
STAGES = ("ingest", "parse", "extract", "resolve", "link", "assess", "store")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "trucewatch" and parts[1] in STAGES else None


def test_stages_do_not_import_each_other() -> None:
    offences = []
    for stage in STAGES:
        for path in (PACKAGE / stage).rglob("*.py"):
            for module in _imports(path):
                other = _stage_of(module)
                if other is not None and other != stage:
                    offences.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offences == []


def test_lower_layers_do_not_import_upward() -> None:
    lower = [PACKAGE / "model.py", PACKAGE / "errors.py", *(PACKAGE / "vocab").rglob("*.py")]
    for path in lower:
        for module in _imports(path):
            assert _stage_of(module) is None, f"{path.name} imports {module}"
            assert not module.startswith(("trucewatch.pipeline", "trucewatch.serve")), (path, module)


def test_extracting_loads_no_linking_or_serving_libraries() -> None:
    """`trucewatch extract` pays only for the extractor: numpy/datasketch/scipy (linking),
    FastAPI, pyarrow and dask load where they are used."""
    import subprocess
    import sys

    code = ("import sys, trucewatch; trucewatch.extract('Russian drones hit a school in Sumy.', "
            "published='2025-03-19'); print(sorted(m for m in ('numpy', 'scipy', 'datasketch', "
            "'fastapi', 'pyarrow', 'dask') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
