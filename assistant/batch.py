"""Batch extraction: many files (or folders of them) into an output folder, in parallel.

``python cli.py extract FOLDER_OR_FILES... -o OUT_DIR`` comes here. Each input is read in
a worker process (:class:`concurrent.futures.ProcessPoolExecutor`), so one slow OCR page
does not hold up the text files and a crash in one reader cannot take the batch down: a
file that fails is recorded with its reason and the batch goes on.

* Outputs mirror the inputs' places under each folder given (``OUT_DIR/sub/a.json``), and
  files named directly keep their folders below the folder they share.
  Two inputs with the same stem in one folder (``a.xlsx``, ``a.pdf``) keep their suffix
  (``a.xlsx.json``, ``a.pdf.json``).
* A file whose output is newer than both the input and the tool's own code is up to date
  and skipped (``--force`` redoes it). Outputs are written to a temporary name and renamed,
  so an interrupted run never leaves a half-written output that looks up to date.
* ``OUT_DIR/_summary.json`` lists every file: status, output, counts, and why it failed.

Exit codes (:func:`exit_code`): 0 every file was read (row-level problems are listed in the
summary, and make it 1 under ``--strict``); 1 some files could not be read; 2 none could
(or there was nothing to read).
"""

from __future__ import annotations

import json
import os
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import AssistantError

__all__ = ["FileResult", "BatchSummary", "collect_inputs", "plan_outputs", "run_batch", "exit_code", "tool_stamp",
           "print_summary", "SUMMARY_NAME", "FORMAT_SUFFIX"]

SUMMARY_NAME = "_summary.json"
FORMAT_SUFFIX = {"json": ".json", "jsonl": ".jsonl", "csv": ".csv", "xlsx": ".xlsx", "source": ".txt"}
_SKIP_NAMES = ("~$", ".")  # Office lock files, hidden files


@dataclass(slots=True)
class FileResult:
    """What happened to one input file."""

    input: str
    output: str | None
    status: str  # "ok" | "partial" (read, some rows failed) | "failed" | "skipped" (up to date)
    projects: int = 0
    indicators: int = 0
    row_failures: int = 0
    error: str | None = None
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


@dataclass(slots=True)
class BatchSummary:
    results: list[FileResult]
    out_dir: str
    started: str
    seconds: float
    tool_stamp: float

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    def to_json(self) -> dict[str, Any]:
        return {
            "out_dir": self.out_dir,
            "started": self.started,
            "seconds": round(self.seconds, 2),
            "tool_stamp": self.tool_stamp,
            "counts": {s: self.count(s) for s in ("ok", "partial", "failed", "skipped")},
            "files": [asdict(r) for r in self.results],
        }


def tool_stamp() -> float:
    """The newest modification time of the tool's own code (a change redoes every output)."""
    package = Path(__file__).resolve().parent
    return max((p.stat().st_mtime for p in package.rglob("*.py")), default=0.0)


def _supported(path: Path) -> bool:
    from .ingest import READERS

    return path.suffix.lower() in READERS and not path.name.startswith(_SKIP_NAMES)


def collect_inputs(paths: list[str], out_dir: Path | None = None) -> list[tuple[Path, Path]]:
    """Every file to read, as (file, the folder its output place is relative to).

    Folders are searched recursively for the suffixes a reader exists for; files named
    directly are taken whatever their suffix. Nothing under ``out_dir`` is read from a
    folder (an output folder inside the input folder must not feed the next run).

    Raises:
        AssistantError (InputError): a path does not exist.
    """
    from .errors import InputError

    found: list[tuple[Path, Path | None]] = []
    out = out_dir.resolve() if out_dir is not None else None
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(raw, "no such file or folder")
        if path.is_dir():
            found.extend((p, path) for p in sorted(path.rglob("*")) if p.is_file() and _supported(p)
                         and not any(part.startswith(".") for part in p.relative_to(path).parts)
                         and not (out and out in p.resolve().parents))
        else:
            found.append((path.resolve(), None))
    # files named directly keep their folders below the folder they have in common
    # (a/x.xlsx b/x.xlsx -> OUT_DIR/a/x.json, OUT_DIR/b/x.json)
    named = [file.parent for file, base in found if base is None]
    common = Path(os.path.commonpath(named)) if named else Path()
    unique: dict[Path, tuple[Path, Path]] = {}
    for file, base in found:
        unique.setdefault(file.resolve(), (file, base if base is not None else common))
    return list(unique.values())


def plan_outputs(inputs: list[tuple[Path, Path]], out_dir: Path, fmt: str) -> list[tuple[Path, Path]]:
    """(input, output) pairs; same-stem inputs in one place keep their suffix in the output name."""
    suffix = FORMAT_SUFFIX[fmt]
    places = [out_dir / file.relative_to(base).parent for file, base in inputs]
    stems: dict[Path, int] = {}
    for (file, _), place in zip(inputs, places):
        stems[place / file.stem] = stems.get(place / file.stem, 0) + 1
    pairs = []
    for (file, _), place in zip(inputs, places):
        name = file.stem if stems[place / file.stem] == 1 else file.name
        pairs.append((file, place / f"{name}{suffix}"))
    return pairs


def _up_to_date(source: Path, output: Path, stamp: float) -> bool:
    try:
        made = output.stat().st_mtime
    except FileNotFoundError:
        return False
    return made >= source.stat().st_mtime and made >= stamp


def _extract_one(source: str, output: str, fmt: str, backend: str, options: dict[str, Any]) -> FileResult:
    """Worker: read, extract and write one file. Never raises: a failure is a result."""
    from .export import export_bytes
    from .pipeline import extract_path

    started = time.perf_counter()
    try:
        table = extract_path(source, backend, **options)
        data = export_bytes(table, fmt)
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
    except AssistantError as exc:
        return FileResult(source, None, "failed", error=str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug or a library crash on one file must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = f"{source}: internal error {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
        return FileResult(source, None, "failed", error=message, seconds=time.perf_counter() - started)
    projects = table.projects()
    return FileResult(
        source, output, "partial" if table.failures else "ok",
        projects=len(projects), indicators=sum(len(p.indicators) for p in projects),
        row_failures=len(table.failures), failures=[f.describe() for f in table.failures[:20]],
        seconds=time.perf_counter() - started,
    )


def run_batch(
    paths: list[str], out_dir: str | Path, *, fmt: str = "json", backend: str = "rules", jobs: int = 2,
    force: bool = False, progress: bool = True, options: dict[str, Any] | None = None,
) -> BatchSummary:
    """Extract every input into ``out_dir`` and write ``_summary.json`` there.

    Raises:
        InputError: a path does not exist, or ``out_dir`` is a file.
    """
    from .errors import InputError

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "batch output must be a folder (-o OUT_DIR), not a file")
    started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    started = time.perf_counter()
    stamp = tool_stamp()
    missing = [p for p in paths if not Path(p).exists()]  # recorded as failures, the rest still run
    pairs = plan_outputs(collect_inputs([p for p in paths if p not in missing], out), out, fmt)
    results: dict[Path, FileResult] = {}
    todo: list[tuple[Path, Path]] = []
    for source, output in pairs:
        if not force and _up_to_date(source, output, stamp):
            results[source] = FileResult(str(source), str(output), "skipped")
        else:
            todo.append((source, output))
    options = options or {}
    with _progress(progress, len(todo)) as (bar, task):
        if jobs > 1 and len(todo) > 1:
            with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
                futures = {pool.submit(_extract_one, str(s), str(o), fmt, backend, options): s for s, o in todo}
                for future in as_completed(futures):
                    source = futures[future]
                    try:
                        results[source] = future.result()
                    except Exception as exc:  # the worker process itself died (out of memory, killed)
                        results[source] = FileResult(str(source), None, "failed",
                                                     error=f"{source}: the worker stopped: {type(exc).__name__}: {exc}")
                    bar.update(task, advance=1, description=source.name)
        else:
            for source, output in todo:
                results[source] = _extract_one(str(source), str(output), fmt, backend, options)
                bar.update(task, advance=1, description=source.name)
    listed = [FileResult(p, None, "failed", error=f"{p}: no such file or folder") for p in missing]
    listed += [results[s] for s, _ in pairs]
    summary = BatchSummary(listed, str(out), started_at, time.perf_counter() - started, stamp)
    out.mkdir(parents=True, exist_ok=True)
    (out / SUMMARY_NAME).write_text(json.dumps(summary.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    return summary


class _progress:
    """A rich progress bar on standard error, or nothing when switched off."""

    def __init__(self, enabled: bool, total: int):
        self.enabled, self.total = enabled, total

    def __enter__(self):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from .cli import err_console

        if not self.enabled:
            self.bar = None
            return _NoBar(), None

        self.bar = Progress(TextColumn("{task.description:<30.30}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=err_console, transient=False)
        self.bar.__enter__()
        return self.bar, self.bar.add_task("extracting", total=self.total)

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc) if self.bar is not None else None


class _NoBar:
    def update(self, *args, **kwargs) -> None:
        pass


def exit_code(summary: BatchSummary, *, strict: bool = False) -> int:
    """0 all read; 1 some files failed (or, under strict, had unread rows); 2 nothing read."""
    failed = summary.count("failed")
    if not summary.results or failed == len(summary.results):
        return 2
    if failed or (strict and summary.count("partial")):
        return 1
    return 0


def print_summary(summary: BatchSummary) -> None:
    """One line per file that failed or had unread rows (a table on a terminal), then the counts."""
    from rich.table import Table

    from .cli import err_console

    troubled = [r for r in summary.results if r.status in ("failed", "partial")]
    rows = [(r.input, r.status, r.error or f"{r.row_failures} row(s) not read, e.g. {r.failures[0]}") for r in troubled]
    if rows and err_console.is_terminal:
        table = Table(title="files with problems")
        for column in ("file", "status", "why"):
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*row)
        err_console.print(table)
    else:
        for source, status, why in rows:
            err_console.print(f"{'error' if status == 'failed' else 'warning'}: {why if status == 'failed' else f'{source}: {why}'}")
    counts = ", ".join(f"{summary.count(s)} {s}" for s in ("ok", "partial", "skipped", "failed"))
    err_console.print(f"{len(summary.results)} file(s): {counts} in {summary.seconds:.1f} s; "
                      f"summary in {Path(summary.out_dir) / SUMMARY_NAME}")
