"""Real dev sources with their indicator table re-laid out as a PDF text layer a web page
republished: hard-wrapped at a fixed width, re-flowed, on one line, letter-spaced labels, wraps
with white space lost or doubled (:mod:`tests.src_rewrites`). Scored against the unchanged gold.

Every dev document with indicators and a source.txt is used, run-together ones first. For each
kind the bench prints the rewrites' strict / lenient indicator F1 beside the same documents as
written (``asis``), and the silent projects (wrong and unflagged).

    python benchmarks/bench_src_wraps.py [--only KIND,...] [--family run_together] [--show N] [--docs]

``--colwrap`` scores the kinds of :mod:`tests.colwrap_rewrites` instead: the rows of the dev
documents whose cells can be located, each column wrapped at its own width, one cell after
another or interleaved in reading order across the row (a PDF text layer).

Exits 1 if any rewrite is silently wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import colwrap_rewrites as cw
import src_rewrites as sr
from rewrite_runner import Tally, metrics, score_copy, score_reading

KINDS = ("wrap18", "wrap26", "wrap34", "wrap48", "reflow34", "oneline", "letterspaced", "mixed")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="", help="comma-separated kinds")
    parser.add_argument("--family", default="", help="only documents of this family")
    parser.add_argument("--show", type=int, default=0, help="print this many wrong rewrites per kind")
    parser.add_argument("--docs", action="store_true", help="a line per document and kind")
    parser.add_argument("--colwrap", action="store_true", help="the column-wrapped kinds (colwrap_rewrites)")
    args = parser.parse_args()
    all_kinds = cw.KINDS if args.colwrap else KINDS
    kinds = [k for k in all_kinds if not args.only or k in args.only.split(",")]
    start = time.perf_counter()
    pool = _colwrap_pool() if args.colwrap else sr.pool()
    pool = [p for p in pool if not args.family or sr.family(p[0]) == args.family]
    print(f"{len(pool)} dev documents with indicators")
    asis: dict[str, list[dict] | None] = {}
    tally = Tally()  # labels: a kind, and ("asis", kind) for the same documents as written
    for kind in kinds:
        shown = 0
        for n, (folder, gold, text) in enumerate(pool):
            if args.colwrap:  # text is the located document
                doc, text = text, text.text
                new = cw.rewrite(doc, kind, seed=n)
            else:
                new = sr.rewrite(text, gold, kind, seed=n)
            if new is None:
                continue
            missed = score_reading(gold, None)  # a refused copy misses the gold's indicators
            if folder.name not in asis:
                asis[folder.name] = score_copy(gold, text)
            got = score_copy(gold, new)
            m = tally.add(kind, got, missed=missed)
            tally.add(("asis", kind), asis[folder.name], reference=True, missed=missed)
            if args.docs:
                was = asis[folder.name]
                print(
                    f"    {kind:12} {sr.family(folder)[:8]:8} {folder.name[:50]:50} "
                    f"{metrics(was)['indicator_f1'] if was else '-'} -> {m['indicator_f1'] if m else 'refused'}"
                    f"  silent {m['silent_errors'] if m else 0}"
                )
            if m and m["silent_errors"] and shown < args.show:
                shown += 1
                wrong = [d for s in got for d in s["differences"]]
                print(f"    SILENT {kind} {folder.name}: {', '.join(wrong[:6])}")
        print(_line(kind, tally, [kind], [("asis", kind)]))
    print(_line("total", tally, kinds, [("asis", k) for k in kinds]))
    print(tally.field_report(args.show))
    print(f"{time.perf_counter() - start:.0f} s")
    return 1 if tally.silent else 0


def _colwrap_pool() -> list:
    """(folder, gold, located document) of each document whose rows' cells are located."""
    out = []
    for doc in cw.documents():
        folder = Path(doc.folder)
        out.append((folder, json.loads((folder / "gold.json").read_text(encoding="utf-8")), doc))
    return out


def _line(kind: str, tally: Tally, labels: list, asis: list) -> str:
    t, base = metrics(tally.pooled(*labels)), metrics(tally.pooled(*asis))
    docs, right, refused = (tally.total(c, *labels) for c in (tally.copies, tally.right, tally.refused))
    return (
        f"  {kind:12} docs {docs:3}  right {right:3} (asis {tally.total(tally.right, *asis):3})  refused {refused:2}  "
        f"strict {t['indicator_f1'] or 0:.3f} (asis {base['indicator_f1'] or 0:.3f})  "
        f"lenient {t['indicator_f1_lenient'] or 0:.3f} (asis {base['indicator_f1_lenient'] or 0:.3f})  "
        f"silent {t['silent_errors']}"
    )


if __name__ == "__main__":
    sys.exit(main())
