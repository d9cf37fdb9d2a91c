"""`trucewatch rules list|report|check`: the extractor's rule pack, read, measured and tested.

Thin shells over `trucewatch.extract.patterns` (the pack) and `trucewatch.evaluate.rules_report`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from trucewatch.errors import TrucewatchError

rules_app = typer.Typer(help="The extractor's rule pack: list rules, measure them on gold, check their examples.",
                        no_args_is_help=True)
_SMELL = 1  # a rule that fires on this many documents or fewer is worth a look


@rules_app.command("list")
def list_command() -> None:
    """Every rule with its pack, version, pattern length, blockers and example counts."""
    from rich.console import Console
    from rich.table import Table

    from trucewatch.extract.patterns import load_packs

    table = Table(title="trucewatch rules")
    for column in ("rule", "v", "pattern", "blockers", "examples", "negatives", "doc"):
        table.add_column(column, overflow="fold")
    for pack in _packs(load_packs):
        for rule in pack.rules:
            pattern = f"{len(rule.pattern)} specs" if rule.pattern else "python"
            table.add_row(rule.id, str(rule.version), pattern, ", ".join(rule.block), str(len(rule.examples)),
                          str(len(rule.negatives)), rule.doc)
    Console(width=160).print(table)


def _packs(loader):  # type: ignore[no-untyped-def]
    try:
        return loader()
    except TrucewatchError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


@rules_app.command("report")
def report_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (annotation-guide format).")],
    part: Annotated[str, typer.Option(help="all, tune or heldout (the fixed id-hash split).")] = "all",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    show: Annotated[int, typer.Option(help="Document ids listed per rule.")] = 6,
) -> None:
    """Per rule: how often it fires on GOLD, its precision against gold, and the documents.

    A predicted event is correct when a gold event of its key (the guide's Scoring) is left to
    match it. Rules firing on one document only are flagged: a rule one report needs is a smell."""
    from rich.console import Console
    from rich.table import Table

    from trucewatch.evaluate import rules_report
    from trucewatch.serve.cli_extract import score_gold

    stats = score_gold(rules_report, gold, part)
    if as_json:
        typer.echo(json.dumps([s.to_dict() for s in stats], indent=2))
        return
    table = Table(title=f"trucewatch rules report: {gold}" + (f" ({part})" if part != "all" else ""))
    for column in ("rule", "fired", "correct", "precision", "docs", "documents", "note"):
        table.add_column(column, justify="right" if column in ("fired", "correct", "precision", "docs") else "left",
                         overflow="fold")
    for s in stats:
        docs = sorted(set(s.documents))
        precision = "-" if s.precision is None else f"{s.precision:.2f}"
        note = "never fires" if not s.fired else "one document only" if len(docs) <= _SMELL else ""
        shown = ", ".join(docs[:show]) + (" …" if len(docs) > show else "")
        table.add_row(s.rule, str(s.fired), str(s.correct), precision, str(len(docs)), shown, note)
    Console(width=160).print(table)


@rules_app.command("check")
def check_command() -> None:
    """Load and validate every pack file (schema, cue categories, blockers); exit 2 naming the
    file and line of the first problem."""
    from trucewatch.extract.patterns import load_packs

    packs = _packs(load_packs)
    typer.echo(f"{sum(len(p.rules) for p in packs)} rules in {len(packs)} packs: ok")


def register(app: typer.Typer) -> None:
    """Add `trucewatch rules …` to `app`."""
    app.add_typer(rules_app, name="rules")
