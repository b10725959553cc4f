"""How often drafting tells a dev project's type right: the first step every draft rests on.

A project classed wrong is drafted from the wrong template and looked up among the wrong
projects (公务用车运行维护 as 系统运维 gets 系统正常运行率), so its relevance is lost before
retrieval starts. ``benchmarks/data/draft_types_dev.csv`` holds, for each named dev project
of the real corpus, the type(s) that fit it, labeled by reading its name and goal (several
when more than one template would serve: 农村饮水安全巩固提升工程 is 水利 and 工程建设; none
when no type of the file fits). A project is right when the first type :func:`classify`
gives is one of its labels (``first``), or when any type it gives is (``any``).

    python benchmarks/draft_types.py [--verbose]

Dev only: the labels cover the dev split, never the test split.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.draft.evaluation import eval_library  # noqa: E402
from assistant.draft.types import classify  # noqa: E402

LABELS = Path(__file__).with_name("data") / "draft_types_dev.csv"


def load_labels(path: Path = LABELS) -> dict[tuple[str, str], set[str]]:
    """(document, project name) → the type ids that fit it (empty: no type of the file fits)."""
    with path.open(encoding="utf-8", newline="") as f:
        return {
            (row["document"], row["project"]): set(filter(None, row["types"].split("|"))) for row in csv.DictReader(f)
        }


def score(gold: str | Path = "gold/real") -> tuple[dict, list[dict]]:
    """(summary, one row per labeled dev project) for the current type file."""
    labels = load_labels()
    entries, _ = eval_library(gold)
    rows = []
    for entry in entries:
        key = (entry.source, entry.name)
        if entry.split != "dev" or key not in labels or not labels[key]:
            continue
        got = [t.id for t, _ in classify(entry.name, entry.project.goal)]
        rows.append(
            {
                "document": entry.source,
                "project": entry.name,
                "labels": sorted(labels[key]),
                "classified": got,
                "first": bool(got) and got[0] in labels[key],
                "any": bool(set(got) & labels[key]),
            }
        )
    n = len(rows) or 1
    summary = {
        "projects": len(rows),
        "first": round(sum(r["first"] for r in rows) / n, 3),
        "any": round(sum(r["any"] for r in rows) / n, 3),
        "none": sum(not r["classified"] for r in rows),
    }
    return summary, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every project, not only the misses")
    args = parser.parse_args()
    summary, rows = score()
    for row in rows:
        if args.verbose or not row["first"]:
            mark = "ok " if row["first"] else "MISS"
            print(
                f"{mark} {row['project'][:30]:<30} labels={'|'.join(row['labels'])} got={'|'.join(row['classified']) or '-'}"
            )
    print(
        f"type accuracy (dev, {summary['projects']} labeled projects): first {summary['first']:.3f}, "
        f"any {summary['any']:.3f}, unclassified {summary['none']}"
    )


if __name__ == "__main__":
    main()
