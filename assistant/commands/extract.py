"""``extract``: read tables and write them as JSON, JSONL, CSV, XLSX or the source format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from ..export import FORMATS, export_bytes
from ..pipeline import BACKENDS, extract_path
from ..schema import BudgetTable

ORDER = 10

_SUFFIX_FORMAT = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".xlsx": "xlsx", ".txt": "source", ".tsv": "source"}


def _pick_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
        return fmt
    if output and output != "-":
        return _SUFFIX_FORMAT.get(Path(output).suffix.lower(), "json")
    return "json"


def write_output(data: bytes, output: str | None) -> None:
    """Write to a file, or to standard output for ``-`` or no -o."""
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def report_failures(table: BudgetTable) -> None:
    from ..cli import err_console

    for failure in table.failures:
        err_console.print(f"warning: {failure.describe()}")


def extract(
    inputs: Annotated[list[str], typer.Argument(help="Table files (.txt .tsv .csv …), or - for standard input.", metavar="INPUT...")],
    output: Annotated[str | None, typer.Option("-o", "--output", help="Output file, - for standard output (default).")] = None,
    fmt: Annotated[str | None, typer.Option("-f", "--format", help=f"One of {', '.join(FORMATS)}; default from the -o suffix, else json.")] = None,
    backend: Annotated[str, typer.Option("--backend", "-b", help=f"Extraction backend: {', '.join(BACKENDS)}.")] = "rules",
    with_spans: Annotated[bool, typer.Option("--with-spans", help="Add each value's source span (offsets, row, column) under 'spans' keys.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when some rows could not be read.")] = False,
) -> None:
    """Extract 项目支出绩效目标表 into validated records.

    Reads tab-separated text as published, text copied out of a PDF viewer (one cell per
    line), CSV, in UTF-8 or GB18030. Rows that cannot be read are reported on standard
    error with their line number; every other row is still written.

    Examples:

      python cli.py extract gold/source/000_e2922c57f8184701.txt -o table.json

      python cli.py extract table.txt --format csv -o table.csv

      cat table.txt | python cli.py extract - --format jsonl
    """
    fmt = _pick_format(fmt, output)
    if len(inputs) != 1:
        raise typer.BadParameter("give one INPUT (batch extraction of many files is not available yet)")
    if fmt == "xlsx" and (output is None or output == "-") and sys.stdout.isatty():
        raise typer.BadParameter("xlsx is binary: give -o FILE.xlsx", param_hint="--output")
    if backend not in BACKENDS:
        raise typer.BadParameter(f"{backend!r} is not one of {', '.join(BACKENDS)}", param_hint="--backend")
    table = extract_path(inputs[0], backend)
    write_output(export_bytes(table, fmt, with_spans=with_spans), output)
    report_failures(table)
    if strict and table.failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
