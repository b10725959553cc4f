"""``validate``: print what a finance reviewer would question in a table."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ...checks import rules_of
from ...pipeline import check_path
from ...settings import lang as message_lang

ORDER = 20


def validate(
    input: Annotated[
        str, typer.Argument(help="A table file to extract, or an interchange .json; - for standard input.")
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when there is any warning.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the warnings as JSON lines.")] = False,
    backend: Annotated[
        str, typer.Option("--backend", "-b", help="Extraction backend when INPUT is not JSON.")
    ] = "rules",
) -> None:
    """Check amounts, category codes, values and numbering; print one warning per line.

    Each warning has a stable code (AMOUNT_ROW_SUM, CODE_PAIR_MISMATCH, VALUE_MISSING, …),
    the line, project, item number and field it is about, and what is wrong.

    Examples:

      python cli.py validate gold/source/000_e2922c57f8184701.txt

      python cli.py validate table.json --strict    # exit 1 if anything is flagged
    """
    table, warnings = check_path(input, backend)
    lang = message_lang()
    if as_json:
        for warning in warnings:
            typer.echo(json.dumps(warning.to_dict(lang), ensure_ascii=False))
    else:
        for warning in warnings:
            typer.echo(f"{warning.code:<20} {warning.location(lang)}: {warning.text(lang)}")
        for failure in table.failures:
            typer.echo(f"{'READ_FAILURE':<20} {failure.describe(lang)}")
        projects = len(table.projects())
        summary = (
            f"{len(warnings)} 条警告，{len(table.failures)} 行未能读取，共 {projects} 个项目"
            if lang == "zh"
            else f"{len(warnings)} warning(s), {len(table.failures)} unread row(s) in {projects} project(s)"
        )
        typer.echo(summary, err=True)
    if strict and (warnings or table.failures):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("validate", epilog="Warning codes: " + ", ".join(rules_of("validate")))(validate)
