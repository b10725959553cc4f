"""All terminal output: the error console, progress bars and the batch summary.

The core (pipeline, batch, LLM chain) returns data and takes progress callbacks; only
this package writes to the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from ..batch import SUMMARY_NAME, BatchSummary
from ..messages import MESSAGES, say

__all__ = ["err_console", "progress_bar", "print_batch_summary", "print_ledger"]

err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)  # cell text may hold [brackets]


@contextmanager
def progress_bar(enabled: bool, label: str = "") -> Iterator[Callable[[int, int | None, str], None]]:
    """A rich progress bar on standard error as a ``callback(done, total, name)``; a no-op when off."""
    if not enabled:
        yield lambda done, total, name: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description:<30.30}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    ) as bar:
        label = label or say("PROGRESS_EXTRACTING")
        task = bar.add_task(label, total=None)

        def update(done: int, total: int | None, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name or label)

        yield update


def print_batch_summary(summary: BatchSummary) -> None:
    """One line per file that failed, had unread rows or was not done (a table on a terminal), then the counts."""
    from rich.table import Table

    troubled = [r for r in summary.results if r.status in ("failed", "partial", "not_done")]
    rows = [
        (
            r.input,
            r.status,
            r.error
            or (
                say("BATCH_ROWS_NOT_READ", count=r.row_failures, example=r.failures[0])
                if r.failures
                else say("BATCH_NOT_DONE")
            ),
        )
        for r in troubled
    ]
    if rows and err_console.is_terminal:
        table = Table(title=say("BATCH_TABLE_TITLE"))
        for column in ("BATCH_COLUMN_FILE", "BATCH_COLUMN_STATUS", "BATCH_COLUMN_WHY"):
            table.add_column(say(column), overflow="fold")
        for source, status, why in rows:
            table.add_row(source, say(f"BATCH_STATUS_{status}"), why)
        err_console.print(table)
    else:
        for source, status, why in rows:
            level = "CLI_ERROR" if status == "failed" else "CLI_WARNING"
            err_console.print(say(level, message=why if status == "failed" else f"{source}: {why}"))
    counts = say("LIST_SEPARATOR").join(
        say("BATCH_COUNT", count=summary.count(s), status=say(f"BATCH_STATUS_{s}"))
        for s in ("ok", "partial", "skipped", "failed", "not_done")
        if s != "not_done" or summary.count(s)
    )
    err_console.print(
        say(
            "BATCH_SUMMARY",
            files=len(summary.results),
            counts=counts,
            seconds=f"{summary.seconds:.1f}",
            summary=Path(summary.out_dir) / SUMMARY_NAME,
        )
    )


def print_ledger(ledger, model: str | None = None, prompt: str | None = None) -> None:
    """``--stats``: the LLM ledger (an :class:`assistant.llm.Ledger`) as a table on standard error."""
    from rich.table import Table

    table = Table(title=say("LEDGER_TITLE"), show_header=True)
    table.add_column(say("LEDGER_ITEM"))
    table.add_column(say("LEDGER_VALUE"), justify="right")
    for key, value in ledger.to_dict().items():
        name = say(f"LEDGER_{key}") if f"LEDGER_{key}" in MESSAGES else key.replace("_", " ")
        table.add_row(name, "-" if value is None else str(value))
    err_console.print(table)
    if model:
        err_console.print(say("LEDGER_MODEL", model=model, prompt=prompt))
