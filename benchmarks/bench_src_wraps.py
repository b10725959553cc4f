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
import collections
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
from bench_run_rewrites import score

KINDS = ("wrap18", "wrap26", "wrap34", "wrap48", "reflow34", "oneline", "letterspaced", "mixed")


def _add(t: collections.Counter, m: dict | None, n_gold: int) -> None:
    t["docs"] += 1
    if m is None:
        t["refused"] += 1
        t["ind_gold"] += n_gold
        return
    for s in m["_samples"]:
        for key in ("ind_strict", "ind_matched", "ind_pred", "ind_gold"):
            t[key] += s[key]
        t["silent_errors"] += bool(s["silent_error"])
    t["right"] += not m["_differences"]


def _f1(t: collections.Counter, key: str) -> float:
    return 2 * t[key] / ((t["ind_pred"] + t["ind_gold"]) or 1)


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
    asis: dict[str, dict | None] = {}
    totals = {k: (collections.Counter(), collections.Counter()) for k in kinds}
    silent = 0
    for kind in kinds:
        t, base = totals[kind]
        shown = 0
        for n, (folder, gold, text) in enumerate(pool):
            if args.colwrap:  # text is the located document
                doc, text = text, text.text
                new = cw.rewrite(doc, kind, seed=n)
            else:
                new = sr.rewrite(text, gold, kind, seed=n)
            if new is None:
                continue
            n_gold = sum(len(p["indicators"]) for u in gold["units"] for p in u["projects"])
            if folder.name not in asis:
                asis[folder.name] = score(gold, text)
            m = score(gold, new)
            _add(t, m, n_gold)
            _add(base, asis[folder.name], n_gold)
            if args.docs:
                was = asis[folder.name]
                print(
                    f"    {kind:12} {sr.family(folder)[:8]:8} {folder.name[:50]:50} "
                    f"{was['indicator_f1'] if was else '-'} -> {m['indicator_f1'] if m else 'refused'}"
                    f"  silent {m['silent_errors'] if m else 0}"
                )
            if m and m["silent_errors"] and shown < args.show:
                shown += 1
                print(f"    SILENT {kind} {folder.name}: {', '.join(m['_differences'][:6])}")
        silent += t["silent_errors"]
        print(_line(kind, t, base))
    all_ = sum((t for t, _ in totals.values()), collections.Counter())
    all_base = sum((b for _, b in totals.values()), collections.Counter())
    print(_line("total", all_, all_base))
    print(f"{time.perf_counter() - start:.0f} s")
    return 1 if silent else 0


def _colwrap_pool() -> list:
    """(folder, gold, located document) of each document whose rows' cells are located."""
    out = []
    for doc in cw.documents():
        folder = Path(doc.folder)
        out.append((folder, json.loads((folder / "gold.json").read_text(encoding="utf-8")), doc))
    return out


def _line(kind: str, t: collections.Counter, base: collections.Counter) -> str:
    return (
        f"  {kind:12} docs {t['docs']:3}  right {t['right']:3} (asis {base['right']:3})  refused {t['refused']:2}  "
        f"strict {_f1(t, 'ind_strict'):.3f} (asis {_f1(base, 'ind_strict'):.3f})  "
        f"lenient {_f1(t, 'ind_matched'):.3f} (asis {_f1(base, 'ind_matched'):.3f})  silent {t['silent_errors']}"
    )


if __name__ == "__main__":
    sys.exit(main())
