"""``extract``: read tables and write them as JSON, JSONL, CSV, XLSX or the source format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ...export import FORMATS, export_bytes, write_output
from ...extract import BACKENDS, default_backend
from ...llm.ledger import Ledger
from ...messages import ocr_page_label, say
from ...pipeline import extract_path
from ...schema import BudgetTable
from ..console import err_console, print_batch_summary, print_ledger, progress_bar

ORDER = 10

_SUFFIX_FORMAT = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".txt": "source",
    ".tsv": "source",
}


def _pick_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise typer.BadParameter(
                say("OPTION_NOT_ONE_OF", value=fmt, choices=", ".join(FORMATS)), param_hint="--format"
            )
        return fmt
    if output and output != "-":
        return _SUFFIX_FORMAT.get(Path(output).suffix.lower(), "json")
    return "json"


def _run_batch(
    inputs: list[str],
    out_dir: str,
    fmt: str,
    backend: str,
    jobs: int,
    force: bool,
    strict: bool,
    options: dict,
    executor: str = "process",
    ray_address: str | None = None,
) -> int:
    """Batch mode (see :mod:`assistant.batch`); returns the exit code (130 when interrupted)."""
    from ...batch import BatchInterrupted, exit_code, run_batch

    try:
        with progress_bar(sys.stderr.isatty(), say("PROGRESS_EXTRACTING")) as on_progress:
            summary = run_batch(
                inputs,
                out_dir,
                fmt=fmt,
                backend=backend,
                jobs=jobs,
                force=force,
                on_progress=on_progress,
                options=options,
                executor=executor,
                ray_address=ray_address,
            )
    except BatchInterrupted as stop:
        print_batch_summary(stop.summary)
        err_console.print(say("CLI_ERROR", message=str(stop)))
        return 130
    print_batch_summary(summary)
    return exit_code(summary, strict=strict)


def report_failures(table: BudgetTable) -> None:
    for failure in table.failures:
        err_console.print(say("CLI_WARNING", message=failure.describe(None)))


def extract(
    inputs: Annotated[
        list[str], typer.Argument(help="Table files (.txt .tsv .csv …), or - for standard input.", metavar="INPUT...")
    ],
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Output file, - for standard output (default).")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("-f", "--format", help=f"One of {', '.join(FORMATS)}; default from the -o suffix, else json."),
    ] = None,
    backend: Annotated[
        str | None,
        typer.Option(
            "--backend",
            "-b",
            help=f"Extraction backend: {', '.join(BACKENDS)}. Default: auto when an LLM endpoint is configured, else rules.",
        ),
    ] = None,
    with_spans: Annotated[
        bool,
        typer.Option("--with-spans", help="Add each value's source span (offsets, row, column) under 'spans' keys."),
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when some rows could not be read.")] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, help="Batch: files read in parallel (worker processes).", rich_help_panel="Batch"
        ),
    ] = 2,
    force: Annotated[
        bool,
        typer.Option("--force", help="Batch: redo files whose output is already up to date.", rich_help_panel="Batch"),
    ] = False,
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            help="Batch: process (worker processes on this machine) or ray (pip install -e '.[ray]').",
            rich_help_panel="Batch",
        ),
    ] = "process",
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="Batch with --executor ray: a running cluster (auto, ray://host:10001); default a local Ray.",
            rich_help_panel="Batch",
        ),
    ] = None,
    # ---- LLM backends (llm, auto); each overrides the ASSISTANT_* environment variable of the same meaning
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="OpenAI-compatible endpoint (ASSISTANT_BASE_URL), e.g. http://127.0.0.1:11434/v1.",
            rich_help_panel="LLM",
        ),
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="Model name (ASSISTANT_MODEL).", rich_help_panel="LLM")
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option("--api-key", help="API key (ASSISTANT_API_KEY or OPENAI_API_KEY).", rich_help_panel="LLM"),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option(
            "--mode", help="tools (function calling), json or md_json (ASSISTANT_MODE).", rich_help_panel="LLM"
        ),
    ] = None,
    max_requests: Annotated[
        int | None,
        typer.Option(
            "--max-requests",
            min=0,
            help="Stop sending after N requests; rows not read are listed as failures.",
            rich_help_panel="LLM",
        ),
    ] = None,
    max_tokens: Annotated[
        int | None,
        typer.Option(
            "--max-tokens", min=0, help="Stop sending after N prompt+completion tokens.", rich_help_panel="LLM"
        ),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", min=1, help="Chunks in flight at once (default 4).", rich_help_panel="LLM"),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", min=0.1, help="Seconds per request (default 120).", rich_help_panel="LLM"),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the on-disk answer cache.", rich_help_panel="LLM")
    ] = False,
    stats: Annotated[
        bool,
        typer.Option(
            "--stats",
            help="Print the LLM ledger (requests, tokens, retries, cache hits) on standard error.",
            rich_help_panel="LLM",
        ),
    ] = False,
    deadline: Annotated[
        float | None,
        typer.Option(
            "--deadline",
            min=1,
            help="Seconds the whole LLM run may take; chunks not answered by then are listed as failures.",
            rich_help_panel="LLM",
        ),
    ] = None,
    completion_factor: Annotated[
        float | None,
        typer.Option(
            "--completion-factor",
            min=0.5,
            help="Cap each answer at this many times the expected answer size of its chunk (default 2).",
            rich_help_panel="LLM",
        ),
    ] = None,
    chunk_chars: Annotated[
        int | None,
        typer.Option(
            "--chunk-chars",
            min=400,
            help="Characters of table text per request (default 6000; less for small local models).",
            rich_help_panel="LLM",
        ),
    ] = None,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline",
            help="Never send the table to an endpoint that is not on this machine (ASSISTANT_OFFLINE=1).",
            rich_help_panel="LLM",
        ),
    ] = False,
) -> None:
    """Extract 项目支出绩效目标表 into validated records.

    Reads tab-separated text as published, text copied out of a PDF viewer (one cell per
    line), CSV, in UTF-8 or GB18030. Rows that cannot be read are reported on standard
    error with their line number; every other row is still written.

    Examples:

      python cli.py extract gold/source/000_e2922c57f8184701.txt -o table.json

      python cli.py extract table.txt --format csv -o table.csv

      cat table.txt | python cli.py extract - --format jsonl

      python cli.py extract scans/ tables.xlsx -o out/   (batch: out/_summary.json lists failures)

      ASSISTANT_BASE_URL=http://127.0.0.1:11434/v1 ASSISTANT_MODEL=qwen2.5:7b python cli.py extract other.txt --backend llm --stats
    """
    fmt = _pick_format(fmt, output)
    batch = len(inputs) > 1 or Path(inputs[0]).is_dir()
    if batch and (output is None or output == "-"):
        raise typer.BadParameter(say("OPTION_BATCH_NEEDS_DIR"), param_hint="--output")
    if batch and Path(output).suffix.lower() in _SUFFIX_FORMAT and not Path(output).is_dir():
        raise typer.BadParameter(say("OPTION_BATCH_NOT_A_FILE", output=output), param_hint="--output")
    if fmt == "xlsx" and (output is None or output == "-") and sys.stdout.isatty():
        raise typer.BadParameter(say("OPTION_XLSX_BINARY"), param_hint="--output")
    llm_options = {
        "base_url": base_url,
        "model": model,
        "api_key": api_key,
        "mode": mode,
        "max_requests": max_requests,
        "max_tokens": max_tokens,
        "concurrency": concurrency,
        "timeout": timeout,
        "cache": False if no_cache else None,
        "deadline": deadline,
        "completion_factor": completion_factor,
        "offline": True if offline else None,
        "chunk_chars": chunk_chars,
    }
    backend = backend or default_backend(**llm_options)
    if backend not in BACKENDS:
        raise typer.BadParameter(
            say("OPTION_NOT_ONE_OF", value=backend, choices=", ".join(BACKENDS)), param_hint="--backend"
        )
    if batch:
        if executor not in ("process", "ray"):
            raise typer.BadParameter(
                say("OPTION_NOT_ONE_OF", value=executor, choices="process, ray"), param_hint="--executor"
            )
        raise typer.Exit(
            _run_batch(
                inputs,
                output,
                fmt,
                backend,
                jobs,
                force,
                strict,
                llm_options if backend != "rules" else {},
                executor,
                ray_address,
            )
        )
    ledger = Ledger(max_requests=max_requests, max_tokens=max_tokens)
    with progress_bar(sys.stderr.isatty(), say("PROGRESS_READING")) as bar:  # OCR pages, then LLM chunks
        llm_run = {
            "ledger": ledger,
            "progress": lambda done, total: bar(done, total, say("PROGRESS_LLM_CHUNKS")),
            "notice": lambda line: err_console.print(line, markup=False),
        }
        table = extract_path(
            inputs[0],
            backend,
            on_page=lambda done, total: bar(done, total, ocr_page_label(done, total)),
            **(llm_options | llm_run if backend != "rules" else {}),
        )
    if stats:
        meta = table.meta
        print_ledger(ledger, meta.model if meta else None, f"{meta.prompt_id} v{meta.prompt_version}" if meta else None)
    write_output(export_bytes(table, fmt, with_spans=with_spans), output)
    report_failures(table)
    if (strict and table.failures) or nothing_read(table):
        raise typer.Exit(1)


def nothing_read(table: BudgetTable) -> bool:
    """No unit and no project, but failures: every chunk failed or every answer was rejected."""
    return not table.units and not table.projects() and bool(table.failures)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
