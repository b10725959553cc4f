"""Batch extraction on Ray: the same batch as the process pool, spread over a cluster.

``python cli.py extract DIR... -o OUT_DIR --executor ray [--ray-address auto|ray://host:10001]``
comes here from :func:`assistant.batch.run_batch`. Ray is optional (``pip install -e '.[ray]'``).

* One actor per worker (``jobs`` of them, one CPU each) holds the OCR engine, so the models
  load once per worker, not once per file; each file is one task on the next free actor.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import AssistantError, InputError, error_text
from .messages import say

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

    def pid(self) -> int:
        return os.getpid()


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
            ref = worker.extract.remote(str(source), data, fmt, backend, options)
            running[ref] = (source, output, worker)

        try:
            for worker in actors:
                if queue:
                    submit(worker)
            while running:
                ready, _ = ray.wait(list(running), num_returns=1, timeout=0.5)
                for ref in ready:
                    source, output, worker = running.pop(ref)
                    try:
                        data, result = ray.get(ref)
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
            for ref in running:
                ray.cancel(ref, force=True)
            raise
        finally:
            for worker in actors:
                ray.kill(worker)
    finally:
        if started_here:
            ray.shutdown()
