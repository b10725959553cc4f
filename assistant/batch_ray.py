"""Batch extraction on Ray: the same batch as the process pool, spread over a cluster.

``python cli.py extract DIR... -o OUT_DIR --executor ray [--ray-address auto|ray://host:10001]``
comes here from :func:`assistant.batch.run_batch`. Ray is optional (``pip install -e '.[ray]'``).

* One actor per worker (``jobs`` of them, one CPU each) holds the OCR engine, so the models
  load once per worker, not once per file; each file is one task on the next free actor,
  and each scanned page of a PDF is a task of its own: the driver reads the PDF (its text
  layer, which pages need OCR), sends the pages to the actors in turn, and assembles and
  extracts the document itself, as one process would (``ingest.ocr.pdf.page_reader``).
* The driver reads each input and sends its bytes, and writes each output itself
  (atomically), so workers on other machines need neither the inputs nor the output folder;
  only the driver's disk (or the shared storage it writes to) matters.
* Up-to-date outputs are skipped, ``_summary.json`` and the progress callback are the
  process pool's (the skipping and the summary stay in :mod:`assistant.batch`), a file
  that crashes its task is listed as failed, and Ctrl-C cancels the tasks still queued.
* Ray's usage reporting is off (``RAY_USAGE_STATS_ENABLED=0``, set before Ray is imported),
  and a local Ray started here runs without its dashboard.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .errors import AssistantError, InputError, error_text
from .messages import msg, say

__all__ = ["ray_available", "run_on_ray", "RAY_MISSING"]

RAY_MISSING = "Ray 未安装：pip install -e '.[ray]'（或不加 --executor ray，使用本机进程池）"
_OCR_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf")


def ray_available() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


def _import_ray():
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # before the import: Ray reads it at start-up
    try:
        import ray
    except ImportError:
        raise InputError("--executor ray", RAY_MISSING) from None
    return ray


class ExtractWorker:
    """A Ray actor: one per worker, holding the OCR engine so its models load once."""

    def __init__(self, load_ocr: bool):
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        os.environ.setdefault("ASSISTANT_OCR_THREADS", "1")  # the actor holds one CPU: one onnxruntime thread
        self.engine = None
        if load_ocr:
            from .ingest.ocr import get_engine

            self.engine = get_engine()  # cached for the life of this worker process

    def extract(self, source: str, data: bytes, fmt: str, backend: str, options: dict[str, Any]):
        from .batch import extract_file

        return extract_file(source, fmt, backend, options, data=data)

    def read_page(self, data: bytes, source: str, index: int, dpi: int):
        """One scanned page of a PDF read (a PageResult, None for a blank page)."""
        from .ingest.ocr.pdf import read_pdf_page

        return read_pdf_page(data, source, index, dpi, self.engine)

    def pid(self) -> int:
        return os.getpid()


class PageTasks:
    """The driver's page reader for PDFs: each page a task, dealt to the actors in turn."""

    def __init__(self, ray, actors: list):
        self.ray = ray
        self.actors = actors
        self.turn = 0
        self.running: set = set()  # page tasks in flight, cancelled on Ctrl-C
        self.lock = threading.Lock()

    def __call__(self, data: bytes, source: str, indexes: list[int], dpi: int) -> list:
        shared = self.ray.put(data)  # sent to the object store once, not once per page
        with self.lock:
            refs = []
            for index in indexes:
                actor = self.actors[self.turn % len(self.actors)]
                self.turn += 1
                refs.append(actor.read_page.remote(shared, source, index, dpi))
            self.running.update(refs)
        try:
            return [self._get(ref, source, index) for ref, index in zip(refs, indexes)]
        finally:
            with self.lock:
                self.running.difference_update(refs)

    def _get(self, ref, source: str, index: int):
        try:
            return self.ray.get(ref)
        except AssistantError:  # the page's own error (Ray re-raises it as its own class)
            raise
        except Exception as exc:  # the task or its worker died
            raise InputError(source, msg("BATCH_PAGE_TASK_FAILED", page=index + 1, kind=type(exc).__name__)) from None


def _connect(ray, address: str | None, jobs: int) -> bool:
    """Join the given cluster, or start a local Ray of ``jobs`` CPUs; True when we started it."""
    if ray.is_initialized():
        return False
    quiet = {"RAY_USAGE_STATS_ENABLED": "0", "ORT_DISABLE_TELEMETRY": "1"}
    options: dict[str, Any] = {
        "include_dashboard": False,
        "logging_level": "ERROR",
        "log_to_driver": False,
        "runtime_env": {"env_vars": quiet},
    }
    if address:
        ray.init(address=address, **options)
    else:
        ray.init(num_cpus=jobs, **options)
    return True


def run_on_ray(
    todo: list[tuple[Path, Path]],
    fmt: str,
    backend: str,
    options: dict[str, Any],
    *,
    jobs: int,
    address: str | None,
    done: Callable[[Path, Any], None],
) -> None:
    """Run every (input, output) pair as a Ray task; ``done(source, FileResult)`` after each.

    Outputs are written here, by the driver. Raises KeyboardInterrupt after cancelling the
    tasks when interrupted (the caller writes the summary).
    """
    from .batch import FileResult
    from .export import write_atomic

    if not todo:
        return
    ray = _import_ray()
    started_here = _connect(ray, address, jobs)
    try:
        workers = max(1, min(jobs, len(todo), int(ray.available_resources().get("CPU", jobs)) or 1))
        load_ocr = any(source.suffix.lower() in _OCR_SUFFIXES for source, _ in todo)
        actor = ray.remote(num_cpus=1, max_restarts=1, max_task_retries=0)(ExtractWorker)
        actors = [actor.remote(load_ocr) for _ in range(workers)]
        pages = PageTasks(ray, actors)
        driver = ThreadPoolExecutor(workers, thread_name_prefix="ray-pdf")  # PDFs assembled here
        queue = list(todo)
        running: dict[Any, tuple[Path, Path, Any]] = {}

        def submit(worker) -> None:
            source, output = queue.pop(0)
            try:
                data = source.read_bytes()
            except OSError as exc:
                done(source, FileResult(str(source), None, "failed", error=f"{source}: {exc.strerror or exc}"))
                if queue:
                    submit(worker)
                return
            if source.suffix.lower() == ".pdf" and load_ocr:
                handle = driver.submit(_extract_pdf, pages, str(source), data, fmt, backend, options)
            else:
                handle = worker.extract.remote(str(source), data, fmt, backend, options)
            running[handle] = (source, output, worker)

        try:
            for worker in actors:
                if queue:
                    submit(worker)
            while running:
                refs = [h for h in running if not isinstance(h, Future)]
                ready = ray.wait(refs, num_returns=1, timeout=0.2)[0] if refs else []
                if not refs:
                    time.sleep(0.05)
                ready += [h for h in running if isinstance(h, Future) and h.done()]
                for handle in ready:
                    source, output, worker = running.pop(handle)
                    try:
                        data, result = handle.result() if isinstance(handle, Future) else ray.get(handle)
                    except Exception as exc:  # the task or its worker died (a crash, out of memory)
                        why = say("BATCH_WORKER_STOPPED", source=source, kind=type(exc).__name__, detail=str(exc))
                        data, result = None, FileResult(str(source), None, "failed", error=why)
                    if data is not None:
                        try:
                            output.parent.mkdir(parents=True, exist_ok=True)
                            write_atomic(output, data)
                            result.output = str(output)
                        except (AssistantError, OSError) as exc:
                            result = FileResult(str(source), None, "failed", error=error_text(exc))
                    result.input = str(source)
                    done(source, result)
                    if queue:
                        submit(worker)
        except KeyboardInterrupt:
            for ref in [*running, *pages.running]:
                if not isinstance(ref, Future):
                    ray.cancel(ref)  # actor tasks cannot be forced; the actors are killed below
            raise
        finally:
            for worker in actors:
                ray.kill(worker)
            driver.shutdown(wait=False, cancel_futures=True)
    finally:
        if started_here:
            ray.shutdown()


def _extract_pdf(pages: PageTasks, source: str, data: bytes, fmt: str, backend: str, options: dict[str, Any]):
    """Extract a PDF in the driver with its scanned pages read by the actors, one task each."""
    from .batch import extract_file
    from .ingest.ocr.pdf import page_reader

    token = page_reader.set(pages)
    try:
        return extract_file(source, fmt, backend, options, data=data)
    finally:
        page_reader.reset(token)
