"""Batch extraction: many files (or folders of them) into an output folder, in parallel.

``python cli.py extract FOLDER_OR_FILES... -o OUT_DIR`` comes here. Each input is read in
a worker process (:class:`concurrent.futures.ProcessPoolExecutor`), so one slow OCR page
does not hold up the text files and a crash in one reader cannot take the batch down: a
file that fails is recorded with its reason and the batch goes on.

* Outputs mirror the inputs' places under each folder given (``OUT_DIR/sub/a.xlsx.json``),
  and files named directly keep their folders below the folder they share. An output is
  named after its input's whole file name, so the name never depends on what else is in
  the folder (``a.xlsx`` → ``a.xlsx.json``, ``a.pdf`` → ``a.pdf.json``).
* A file whose output is newer than both the input and the tool's own code is up to date
  and skipped (``--force`` redoes it). Outputs are written to a temporary name and renamed,
  so an interrupted run never leaves a half-written output that looks up to date.
* ``OUT_DIR/_summary.json`` lists every file: status, output, counts, and why it failed.
* Interrupted (Ctrl-C, SIGTERM), the batch stops its workers at once, writes the summary
  with the files not done, and raises :class:`BatchInterrupted`; a rerun does the rest.
  Workers ignore Ctrl-C themselves and die with their parent, even when it is killed.
* Nothing here prints: the caller passes ``on_progress(done, total, name)``.
* ``executor="ray"`` runs the same batch on Ray (:mod:`assistant.batch_ray`): same
  skipping, summary, progress and failures; the driver writes the outputs.

Exit codes (:func:`exit_code`): 0 every file was read (row-level problems are listed in the
summary, and make it 1 under ``--strict``); 1 some files could not be read; 2 none could
(or there was nothing to read).
"""

from __future__ import annotations

import json
import os
import signal
import time
import traceback
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import AssistantError, InputError, OutputError, error_text
from .messages import say

__all__ = [
    "FileResult",
    "BatchSummary",
    "BatchInterrupted",
    "collect_inputs",
    "plan_outputs",
    "run_batch",
    "exit_code",
    "tool_stamp",
    "SUMMARY_NAME",
    "FORMAT_SUFFIX",
    "STATUSES",
]

SUMMARY_NAME = "_summary.json"
#: ok; partial (read, some rows failed); failed; skipped (up to date); not_done (the batch was interrupted)
STATUSES = ("ok", "partial", "failed", "skipped", "not_done")
ProgressCallback = Callable[[int, int, str], None]
FORMAT_SUFFIX = {"json": ".json", "jsonl": ".jsonl", "csv": ".csv", "xlsx": ".xlsx", "source": ".txt"}
_SKIP_NAMES = ("~$", ".")  # Office lock files, hidden files


@dataclass(slots=True)
class FileResult:
    """What happened to one input file."""

    input: str
    output: str | None
    status: str  # one of STATUSES
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
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    def to_json(self) -> dict[str, Any]:
        return {
            "out_dir": self.out_dir,
            "started": self.started,
            "seconds": round(self.seconds, 2),
            "tool_stamp": self.tool_stamp,
            "interrupted": self.interrupted,
            "counts": {s: self.count(s) for s in STATUSES},
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
            found.extend(
                (p, path)
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and _supported(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not (out and out in p.resolve().parents)
            )
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
    """(input, output) pairs: ``OUT_DIR/<place>/<input file name><format suffix>``."""
    suffix = FORMAT_SUFFIX[fmt]
    return [(file, out_dir / file.relative_to(base).parent / f"{file.name}{suffix}") for file, base in inputs]


def _up_to_date(source: Path, output: Path, stamp: float) -> bool:
    try:
        made = output.stat().st_mtime
    except FileNotFoundError:
        return False
    return made >= source.stat().st_mtime and made >= stamp


def extract_file(
    source: str, fmt: str, backend: str, options: dict[str, Any], data: bytes | None = None
) -> tuple[bytes | None, FileResult]:
    """Read (from ``source``, or from ``data`` already read by a driver), extract and export one
    file: ``(output bytes or None, FileResult)``. Never raises: a failure is a result, so one
    file never stops the batch. The process pool and the Ray actors both run this."""
    from .export import export_bytes
    from .extract import extract
    from .ingest import read_bytes
    from .pipeline import extract_path

    started = time.perf_counter()
    try:
        if data is None:
            table = extract_path(source, backend, **options)
        else:
            table = extract(read_bytes(data, source, suffix=Path(source).suffix or ".txt"), backend, **options)
        out = export_bytes(table, fmt)
    except AssistantError as exc:
        return None, FileResult(source, None, "failed", error=error_text(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug or a library crash on one file must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = say(
            "BATCH_INTERNAL",
            source=source,
            kind=type(exc).__name__,
            detail=str(exc),
            at=f"{Path(where.filename).name}:{where.lineno}",
        )
        return None, FileResult(source, None, "failed", error=message, seconds=time.perf_counter() - started)
    projects = table.projects()
    return out, FileResult(
        source,
        None,
        "partial" if table.failures else "ok",
        projects=len(projects),
        indicators=sum(len(p.indicators) for p in projects),
        row_failures=len(table.failures),
        failures=[f.describe(None) for f in table.failures[:20]],  # in the clerk's language, like the CLI
        seconds=time.perf_counter() - started,
    )


def _extract_one(source: str, output: str, fmt: str, backend: str, options: dict[str, Any]) -> FileResult:
    """Pool worker: :func:`extract_file`, then write the output atomically."""
    from .export import write_atomic

    data, result = extract_file(source, fmt, backend, options)
    if data is None:
        return result
    target = Path(output)
    try:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(str(target.parent), exc.strerror or str(exc)) from None
        write_atomic(target, data)
    except OutputError as exc:
        return FileResult(source, None, "failed", error=error_text(exc), seconds=result.seconds)
    result.output = output
    return result


class BatchInterrupted(AssistantError):
    """The batch was stopped (Ctrl-C, SIGTERM); ``summary`` lists what was done and what not."""

    def __init__(self, summary: BatchSummary):
        self.summary = summary
        done = sum(r.status != "not_done" for r in summary.results)
        super().__init__(say("BATCH_INTERRUPTED", done=done, total=len(summary.results)))


def _worker_init(ocr_threads: int = 0) -> None:
    """Workers leave Ctrl-C to the parent, and die with it even when it is killed (Linux).

    Each worker's OCR engine gets its share of the cores (``ocr_threads``) unless
    ``ASSISTANT_OCR_THREADS`` says otherwise: two workers each running onnxruntime on
    every core fight for them (measured: 8.2 pages a minute on 2 cores, 9.7 with one
    thread a worker; benchmarks/bench_batch.py)."""
    if ocr_threads:
        os.environ.setdefault("ASSISTANT_OCR_THREADS", str(ocr_threads))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now, not after their current file."""
    processes = list(getattr(pool, "_processes", {}).values())  # no public way to reach them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=2)


def run_batch(
    paths: list[str],
    out_dir: str | Path,
    *,
    fmt: str = "json",
    backend: str = "rules",
    jobs: int = 2,
    force: bool = False,
    on_progress: ProgressCallback | None = None,
    options: dict[str, Any] | None = None,
    executor: str = "process",
    ray_address: str | None = None,
) -> BatchSummary:
    """Extract every input into ``out_dir`` and write ``_summary.json`` there.

    ``executor`` is ``process`` (a pool of ``jobs`` worker processes on this machine) or
    ``ray`` (``jobs`` Ray workers, on a local Ray or the cluster at ``ray_address``; see
    :mod:`assistant.batch_ray`).

    Raises:
        InputError: ``out_dir`` is a file.
        OutputError: ``out_dir`` or the summary cannot be written.
        BatchInterrupted: Ctrl-C or SIGTERM; the summary was written first.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "batch output must be a folder (-o OUT_DIR), not a file")
    if executor == "ray":
        from .batch_ray import RAY_MISSING, ray_available

        if not ray_available():
            raise InputError("--executor ray", RAY_MISSING)
    elif executor != "process":
        raise InputError("--executor", f"{executor!r} is not process or ray")
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
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
    progress = on_progress or (lambda done, total, name: None)
    interrupted = False
    previous_term = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # SIGTERM stops like Ctrl-C
    except ValueError:  # not the main thread: leave signals alone
        previous_term = None
    try:
        progress(0, len(todo), "")
        if executor == "ray":
            from .batch_ray import run_on_ray

            def finished_one(source: Path, result: FileResult) -> None:
                results[source] = result
                progress(len(results) - (len(pairs) - len(todo)), len(todo), source.name)

            try:
                run_on_ray(todo, fmt, backend, options, jobs=jobs, address=ray_address, done=finished_one)
            except KeyboardInterrupt:
                interrupted = True
        elif jobs > 1 and len(todo) > 1:
            workers = min(jobs, len(todo))
            pool = ProcessPoolExecutor(
                max_workers=workers, initializer=_worker_init, initargs=(max(1, (os.cpu_count() or 1) // workers),)
            )
            try:
                futures = {pool.submit(_extract_one, str(s), str(o), fmt, backend, options): s for s, o in todo}
                pending = set(futures)
                while pending:
                    finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                    for future in finished:
                        source = futures[future]
                        try:
                            results[source] = future.result()
                        except Exception as exc:  # the worker process itself died (out of memory, killed)
                            results[source] = FileResult(
                                str(source),
                                None,
                                "failed",
                                error=say(
                                    "BATCH_WORKER_STOPPED", source=source, kind=type(exc).__name__, detail=str(exc)
                                ),
                            )
                        progress(len(results) - (len(pairs) - len(todo)), len(todo), source.name)
            except KeyboardInterrupt:
                interrupted = True
                _stop_pool(pool)
            else:
                pool.shutdown(wait=True)
        else:
            try:
                for n, (source, output) in enumerate(todo, 1):
                    results[source] = _extract_one(str(source), str(output), fmt, backend, options)
                    progress(n, len(todo), source.name)
            except KeyboardInterrupt:
                interrupted = True
    finally:
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)
    listed = [FileResult(p, None, "failed", error=f"{p}: {say('READ_NO_SUCH_FILE')}") for p in missing]
    listed += [results.get(s) or FileResult(str(s), None, "not_done") for s, _ in pairs]
    summary = BatchSummary(listed, str(out), started_at, time.perf_counter() - started, stamp, interrupted)
    _write_summary(out, summary)
    if interrupted:
        raise BatchInterrupted(summary)
    return summary


def _write_summary(out: Path, summary: BatchSummary) -> None:
    from .export import write_atomic

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(out), exc.strerror or str(exc)) from None
    data = json.dumps(summary.to_json(), ensure_ascii=False, indent=2).encode("utf-8")
    write_atomic(out / SUMMARY_NAME, data)


def exit_code(summary: BatchSummary, *, strict: bool = False) -> int:
    """0 all read; 1 some files failed (or, under strict, had unread rows); 2 nothing read."""
    failed = summary.count("failed")
    if not summary.results or failed == len(summary.results):
        return 2
    if failed or (strict and summary.count("partial")):
        return 1
    return 0
