"""Dev sources filled into REAL blank templates, scored on the unchanged gold; the blank templates alone.

The scaffolding comes from real blank templates (``tests/data/templates``, address and date in its
``manifest.json``), not from what we imagine one prints: each template's unfilled slot row, its
unused 二级 labels, the block it prints blank above the filled one and the lines under its table, written into each single-project dev document
in the document's own layout (``tests/real_templates.py``). Per template and piece: strict /
lenient indicator F1, indicators predicted / gold, silent projects, refusals, and how many
documents read worse than their untouched source. Then each blank template read alone: it must
give no indicator, or only flagged ones.

    python benchmarks/bench_real_templates.py [--show 3] [--only slots]

Exits 1 if anything was silent.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from leftover_rows import dev_documents
from real_templates import blank_text, load_templates, variants
from template_scaffold import score_copy

from assistant.evaluate.metrics import summarize


def _line(label: str, samples: list, refused: int, worse: int) -> str:
    m = summarize(samples)["metrics"]
    return (
        f"{label:40} strict {m['indicator_f1'] or 0:.3f}  lenient {m['indicator_f1_lenient'] or 0:.3f}"
        f"  indicators {m['indicators_pred']:4}/{m['indicators_gold']:<4} silent {m['silent_errors']:3}"
        f"  refused {refused:2}  worse {worse}"
    )


def blank_reading(text: str) -> tuple[int, int]:
    """(indicators read, of them unflagged) from a blank template read alone."""
    from assistant.errors import AssistantError
    from assistant.evaluate.metrics import project_flags
    from assistant.extract import extract
    from assistant.ingest import read_bytes

    try:
        table = extract(read_bytes(text.encode("utf-8"), "blank.txt"), "rules")
    except AssistantError:
        return 0, 0
    read = unflagged = 0
    for project, flags in zip(table.projects(), project_flags(table)):
        read += len(project.indicators)
        if not flags:
            unflagged += len(project.indicators)
    return read, unflagged


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="one piece (slots, unused, blank_block, footer, all)")
    parser.add_argument("--show", type=int, default=0, help="list this many worse documents per line")
    args = parser.parse_args()
    templates = load_templates()
    samples: dict[str, list] = collections.defaultdict(list)
    refused: collections.Counter[str] = collections.Counter()
    worse: dict[str, list[str]] = collections.defaultdict(list)
    silent = 0
    for doc in dev_documents():
        base = score_copy(doc, doc.text)
        if base is None:
            continue
        samples["source"] += base
        f1 = summarize(base)["metrics"]["indicator_f1"] or 0
        for label, text in variants(doc, templates):
            piece = label.split(":")[1]
            if args.only and piece != args.only:
                continue
            got = score_copy(doc, text)
            for key in (label, f"ALL:{piece}"):
                if got is None:
                    refused[key] += 1
                    continue
                samples[key] += got
            if got is None:
                continue
            m = summarize(got)["metrics"]
            silent += m["silent_errors"]
            if (m["indicator_f1"] or 0) < f1 - 1e-9 or m["silent_errors"]:
                for key in (label, f"ALL:{piece}"):
                    worse[key].append(
                        f"{doc.stem} [{doc.layout}] {f1:.2f}→{m['indicator_f1'] or 0:.2f} silent {m['silent_errors']}"
                    )
    for label in sorted(samples, key=lambda k: (not k.startswith(("source", "ALL")), k)):
        print(_line(label, samples[label], refused[label], len(worse[label])))
        for case in worse[label][: args.show]:
            print(f"    {case}")
    unflagged_blank = 0
    for template in templates:
        read, unflagged = blank_reading(blank_text(template))
        unflagged_blank += unflagged
        print(f"blank {template['id']:34} indicators read {read:3}  unflagged {unflagged}")
    return 1 if silent or unflagged_blank else 0


if __name__ == "__main__":
    sys.exit(main())
