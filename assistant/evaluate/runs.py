"""Run folders and the run history.

Every eval run writes ``<evals>/runs/<time>-<kind>-<backend>/``:

    manifest.json    when, which commit, backend, model, prompt, gold version, parameters
    samples.jsonl    one scored sample per line (gold and prediction included)
    samples/         the same samples as a ``datasets.Dataset`` (``load_from_disk``)
    summary.json     the metrics (overall, per slice), confusion table, per-document facts
    summary.md       the summary for people
    report.html      gold and prediction side by side, differences highlighted, trend chart

and appends one line to ``<evals>/history.jsonl``. ``<evals>`` is ``--evals-dir``, else
``$ASSISTANT_EVALS_DIR``, else the checkout's ``evals/``. Run folders are not committed
(``.gitignore``); the history is, so the trend survives.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import InputError, OutputError
from ..export import write_atomic

__all__ = [
    "Run",
    "evals_dir",
    "git_commit",
    "write_run",
    "load_run",
    "append_history",
    "read_history",
    "history_entry",
]

_REPO = Path(__file__).resolve().parents[2]


def evals_dir(override: str | Path | None = None) -> Path:
    """Where runs and the history live: the override, ``$ASSISTANT_EVALS_DIR``, or ``evals/``."""
    return settings.evals_dir(override)


def git_commit() -> dict[str, Any]:
    """The checkout's commit and whether it had uncommitted changes (None outside git)."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], cwd=_REPO, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


@dataclass
class Run:
    """A run folder read back: its manifest, summary and samples."""

    path: Path
    manifest: dict[str, Any]
    summary: dict[str, Any]
    samples: list[dict[str, Any]]

    @property
    def run_id(self) -> str:
        return self.manifest.get("run_id", self.path.name)


def _new_run_dir(root: Path, kind: str, backend: str, now: datetime) -> Path:
    runs = root / "runs"
    base = f"{now:%Y%m%dT%H%M%SZ}-{kind}-{backend}"
    path, n = runs / base, 1
    while path.exists():
        n += 1
        path = runs / f"{base}-{n}"
    try:
        path.mkdir(parents=True)
    except OSError as exc:
        raise OutputError(str(path), exc.strerror or str(exc)) from None
    return path


def _dataset_rows(samples: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Samples with nested records (gold, prediction) as JSON text, so Arrow gets flat types."""

    def flat(value: Any) -> Any:
        if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value)):
            return json.dumps(value, ensure_ascii=False)
        return value

    return [{k: flat(v) for k, v in s.items()} for s in samples]


def _save_dataset(samples: list[dict[str, Any]], path: Path) -> None:
    import datasets
    from datasets import Dataset

    bars = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()  # the CLI has its own progress; keep stderr readable
    rows = _dataset_rows(samples)
    try:
        dataset = Dataset.from_list(rows)
    except Exception:  # columns of mixed types (e.g. from a drafting evaluator): keep them as JSON text
        dataset = Dataset.from_list([{k: json.dumps(v, ensure_ascii=False) for k, v in r.items()} for r in rows])
    dataset.save_to_disk(str(path))
    if bars:
        datasets.enable_progress_bars()


def write_run(
    *,
    kind: str,
    backend: str,
    summary: dict[str, Any],
    samples: list[dict[str, Any]],
    manifest: dict[str, Any],
    root: Path,
) -> Run:
    """Write a run folder (manifest, samples as JSONL and Dataset, summary, Markdown, HTML).

    ``summary`` holds at least ``metrics``; ``manifest`` the run's parameters and
    provenance (model, prompt, gold version); time, commit and run id are added here.
    """
    from .report import render_html, render_markdown

    now = datetime.now(UTC)
    path = _new_run_dir(root, kind, backend, now)
    manifest = {
        "run_id": path.name,
        "kind": kind,
        "backend": backend,
        "time": now.isoformat(timespec="seconds"),
        **git_commit(),
        "python": platform.python_version(),
        "argv": sys.argv[1:],
        **manifest,
    }
    summary = {"run_id": path.name, "kind": kind, "backend": backend, **summary}
    _write(path / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    _write(path / "samples.jsonl", "".join(json.dumps(sample, ensure_ascii=False) + "\n" for sample in samples))
    try:
        _save_dataset(samples, path / "samples")
    except OSError as exc:
        raise OutputError(str(path / "samples"), exc.strerror or str(exc)) from None
    _write(path / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    run = Run(path, manifest, summary, samples)
    history = read_history(root)
    _write(path / "summary.md", render_markdown(run))
    _write(path / "report.html", render_html(run, history + [history_entry(run)]))
    return run


def _write(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def _resolve(ref: str, root: Path, kind: str | None) -> Path:
    path = Path(ref)
    if (path / "summary.json").exists():
        return path
    runs = root / "runs"
    found = [p for p in runs.glob("*") if (p / "summary.json").exists()] if runs.is_dir() else []
    # oldest first: by the time in the name, then (same second) by when the summary was written
    candidates = sorted(found, key=lambda p: (p.name.split("-")[0], (p / "summary.json").stat().st_mtime_ns, p.name))
    if ref in ("latest", "previous"):  # runs in the history only: a --no-history run is a trial, not a reference
        of_kind = [p for p in candidates if (kind is None or f"-{kind}-" in p.name) and _in_history(p)]
        index = -1 if ref == "latest" else -2
        if len(of_kind) >= -index:
            return of_kind[index]
        raise InputError(ref, f"there is no {ref} {kind or ''} run in {runs} yet".replace("  ", " "))
    exact = [p for p in candidates if p.name == ref]
    prefixed = exact or [p for p in candidates if p.name.startswith(ref)]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise InputError(
            ref,
            f"names {len(prefixed)} runs in {runs}; give more of the run id: {', '.join(p.name for p in prefixed[:5])}",
        )
    raise InputError(ref, f"no such run: give a run folder, a run id under {runs}, or 'latest' / 'previous'")


def _in_history(path: Path) -> bool:
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return True
    return manifest.get("parameters", {}).get("history", True) is not False


#: what must be the same for two runs' metrics to be compared
COMPARABLE = ("gold_version", "split", "perturb", "seed", "projects")


def incomparable(a: Run, b: Run) -> list[str]:
    """What differs between two runs that makes their metrics not comparable (empty when they are)."""

    def facts(run: Run) -> dict[str, Any]:
        parameters = run.manifest.get("parameters", {})
        return {
            "gold_version": run.manifest.get("gold_version"),
            **{k: parameters.get(k) for k in COMPARABLE if k != "gold_version"},
        }

    fa, fb = facts(a), facts(b)
    return [f"{key}: {fa[key]!r} vs {fb[key]!r}" for key in COMPARABLE if fa[key] != fb[key]]


def load_run(ref: str | Path, root: Path, kind: str | None = None) -> Run:
    """A run by folder path, run id (or unique prefix) under ``root/runs``, or latest/previous
    (of ``kind`` — extract or draft — when given).

    Raises:
        InputError: no such run, or its files are unreadable.
    """
    path = _resolve(str(ref), root, kind)  # "latest"/"previous" skip --no-history runs
    try:
        summary = json.loads((path / "summary.json").read_text(encoding="utf-8"))
        manifest_file = path / "manifest.json"
        manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.exists() else {}
        samples_file = path / "samples.jsonl"
        samples = (
            [json.loads(line) for line in samples_file.read_text(encoding="utf-8").splitlines() if line.strip()]
            if samples_file.exists()
            else []
        )
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read the run: {exc}") from None
    return Run(path, manifest, summary, samples)


def history_entry(run: Run) -> dict[str, Any]:
    """The line a run adds to the history: provenance and its headline metrics."""
    from .metrics import MAIN_METRICS

    metrics = run.summary.get("metrics", {})
    headline = {k: v for k, v in metrics.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    if run.manifest.get("kind") == "extract":
        headline = {
            k: metrics.get(k)
            for k in (
                *MAIN_METRICS,
                "project_precision",
                "project_recall",
                "schema_valid_rate",
                "grounding_rate",
                "mean_confidence",
            )
        }
    slices = {name: s["metrics"].get("indicator_f1") for name, s in run.summary.get("slices", {}).items()}
    return {
        "run_id": run.run_id,
        "time": run.manifest.get("time"),
        "kind": run.manifest.get("kind"),
        "backend": run.manifest.get("backend"),
        "model": run.manifest.get("model"),
        "prompt": run.manifest.get("prompt"),
        "commit": run.manifest.get("commit"),
        "dirty": run.manifest.get("dirty"),
        "gold_version": run.manifest.get("gold_version"),
        "metrics": headline,
        **({"slices_indicator_f1": slices} if slices else {}),
    }


def append_history(run: Run, root: Path) -> None:
    """Append one line; a line is written whole with one write, so a crash cannot leave half of it."""
    line = (json.dumps(history_entry(run), ensure_ascii=False) + "\n").encode("utf-8")
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / "history.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OutputError(str(root / "history.jsonl"), exc.strerror or str(exc)) from None


def read_history(root: Path, kind: str | None = None) -> list[dict[str, Any]]:
    """The history lines (oldest first), optionally of one kind; unreadable lines are skipped."""
    path = root / "history.jsonl"
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if kind is None or entry.get("kind") == kind:
            entries.append(entry)
    return entries
