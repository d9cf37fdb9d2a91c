"""CLI commands of the extractor: `extract`, `eval`, `demo`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the extractor's commands to `app`."""
