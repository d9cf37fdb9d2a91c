"""The `trucewatch` command: a thin shell over library calls.

Each command parses its options, calls one library function and prints. Bad
input is reported as one line naming the file and problem, never a traceback.
Other modules add their commands with `register(app)` (see `_COMMAND_MODULES`).
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn conflict news into an evidence ledger.",
)

# Modules under trucewatch.serve that define `register(app: typer.Typer) -> None`.
_COMMAND_MODULES: tuple[str, ...] = (
    "trucewatch.serve.cli_extract",
    "trucewatch.serve.cli_ledger",
    "trucewatch.serve.cli_serve",
    "trucewatch.serve.cli_scale",
    "trucewatch.serve.cli_rules",
)


def _register_all() -> None:
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(app)


def main() -> None:
    """Console-script entry point."""
    _register_all()
    app()
