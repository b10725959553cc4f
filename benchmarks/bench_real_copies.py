"""Whole dev documents copied with other separators: does the reading hold, header included?

Each dev document whose text is ``|`` rows (pipe_flattened, side_by_side and the like) is
written again with tabs, with runs of spaces (empty cells dropped), one cell per line (empty
cells dropped) and one cell per line closed by ``|`` (a bare ``|`` for an empty cell), the ways
the same form reaches us from other sites. Each copy is scored against the gold like the
original: the indicator F1, name, amounts and goal must hold (not fall below the original's)
or be flagged; a copy that reads worse with no flag is *silent*.

    python benchmarks/bench_real_copies.py [--show]

Prints per copy style: held / worse but flagged / silent, and the mean indicator F1 and
name / amounts / goal rates of the copies beside the originals'.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from form_variants import dev_pipe_documents, reseparate
from rewrite_runner import metrics, read_copy, score_reading

from assistant.export import to_interchange
from assistant.gold import load_gold


def score(record, text: str, convert=None):
    """The copy's metrics against the gold (``convert`` applied to both, see
    :func:`rewrite_runner.score_reading`) and whether it carries a failure; (None, True) when refused."""
    table = read_copy(text)
    if table is None:
        return None, True
    samples = score_reading(to_interchange(record.table, with_meta=False), table, convert=convert)
    return metrics(samples), bool(table.failures)


KEYS = ("indicator_f1", "project_name", "amounts", "goal_exact")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    sums: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for folder in dev_pipe_documents():
        [record] = load_gold(folder)
        text = record.source_path.read_text(encoding="utf-8")
        original, _ = score(record, text)
        if original is None:
            continue
        for key in KEYS:
            sums["original"][key] += original[key] or 0
        sums["original"]["docs"] += 1
        for style in ("tabs", "spaces", "lines", "line_pipes"):
            copied = reseparate(text, style)
            if copied is None:
                continue
            m, flagged = score(record, copied)
            if m is None:
                counts[style]["refused"] += 1
                continue
            for key in KEYS:
                sums[style][key] += m[key] or 0
            sums[style]["docs"] += 1
            worse = [k for k in KEYS if (m[k] or 0) < (original[k] or 0) - 1e-9]
            kind = "held" if not worse else "flagged" if flagged else "silent"
            counts[style][kind] += 1
            if args.show and worse:
                print(f"    {style} {folder.name} {kind}: " + ", ".join(f"{k} {original[k]}→{m[k]}" for k in worse))
    docs = sums["original"]["docs"]
    print(
        f"{docs} dev documents of | rows; originals: "
        + "  ".join(f"{k} {sums['original'][k] / docs:.2f}" for k in KEYS)
    )
    silent = 0
    for style, c in counts.items():
        n = sums[style]["docs"] or 1
        rates = "  ".join(f"{k} {sums[style][k] / n:.2f}" for k in KEYS)
        print(
            f"{style:11} held {c['held']:3}  flagged {c['flagged']:3}  silent {c['silent']:3}  refused {c['refused']:3}  {rates}"
        )
        silent += c["silent"]
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main())
