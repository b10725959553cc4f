"""Wrong fields that no flag names: a finer look than ``silent_error_rate``.

``silent_error_rate`` counts a project as seen when anything flags it; a clerk who reads
"指标未读取" may still trust the project name above it. This script takes an extraction eval
run (``python cli.py eval extract --gold gold/real --split dev --evals-dir DIR``) and, for
every matched project whose name, amounts or goal is wrong, asks whether one of its flags names
that field (or the whole document). What is left is wrong with only another field's flag beside it.

    python benchmarks/field_flags.py /tmp/ev/runs/<run id>     # or the folder of runs: its newest
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

#: flags that name a field (a warning's code or a read failure's field); a failure of the whole
#: document, its header or LOW_CONFIDENCE covers every field
_ANY = ("FAILURE:document", "FAILURE:表头", "FAILURE:row", "LOW_CONFIDENCE")
_FIELD_FLAGS = {
    "ok_project_name": ("FAILURE:项目名称", "FAILURE:name"),
    "ok_amounts": ("AMOUNT_", "FAILURE:amounts", "FAILURE:currency_unit"),
    "ok_goal_exact": ("GOAL_MISSING", "FAILURE:绩效目标", "FAILURE:goal"),
}


def newest_run(path: Path) -> Path:
    if (path / "samples.jsonl").exists():
        return path
    runs = sorted(p for p in path.rglob("samples.jsonl"))
    if not runs:
        raise SystemExit(f"{path}: no samples.jsonl (run `python cli.py eval extract` with --evals-dir first)")
    return runs[-1].parent


def unflagged(samples: list[dict]) -> tuple[Counter, Counter, list[tuple[str, str, list[str]]]]:
    wrong, bare, listing = Counter(), Counter(), []
    for s in samples:
        if s.get("status") != "matched":
            continue
        flags = s.get("flags") or []
        for field, names in _FIELD_FLAGS.items():
            if s.get(field) is not False:
                continue
            wrong[field] += 1
            if not any(f.startswith(names + _ANY) for f in flags):
                bare[field] += 1
                listing.append((s["record"], field, flags))
    return wrong, bare, listing


def flagged_right(samples: list[dict]) -> Counter:
    """Per field, the matched projects whose field is right while a flag names that field: what a
    clerk checks for nothing (a flag on every project is no flag)."""
    count: Counter = Counter()
    for s in samples:
        if s.get("status") != "matched":
            continue
        flags = s.get("flags") or []
        for field, names in _FIELD_FLAGS.items():
            if s.get(field) is True and any(f.startswith(names) for f in flags):
                count[field] += 1
    return count


def main() -> None:
    run = newest_run(Path(sys.argv[1] if len(sys.argv) > 1 else "evals"))
    samples = [json.loads(line) for line in (run / "samples.jsonl").open(encoding="utf-8")]
    wrong, bare, listing = unflagged(samples)
    print(f"run {run.name}: {sum(s.get('status') == 'matched' for s in samples)} matched projects")
    right = flagged_right(samples)
    for field in _FIELD_FLAGS:
        print(
            f"  {field[3:]:14s} wrong {wrong[field]:3d}, of which no flag names the field: {bare[field]}"
            f"   (right but flagged on the field: {right[field]})"
        )
    for record, field, flags in listing:
        print(f"    {record}: {field[3:]} (flags: {', '.join(sorted(set(flags))) or 'none'})")


if __name__ == "__main__":
    main()
