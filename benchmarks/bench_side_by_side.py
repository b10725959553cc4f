"""实施周期 and 年度 blocks side by side, re-laid out from real dev sources (tests/sbs_rewrites.py).

The held-out side_by_side documents (Guangdong / Anhui forms whose grid prints the 实施周期
block and the 年度 block beside each other) score far below dev. This bench takes the dev
documents of ``|`` rows whose grid is already two blocks (``native``) and those whose grid has one
value column, written again as two blocks of the same cells (``doubled``, gold: period = annual),
in the variants ``aligned``, ``short`` (the 年度 block one row short, gold: that annual value
null) and ``differ`` (doubled only: a 实施周期 count tripled, gold likewise), in the layouts
``pipe``, ``tabs``, ``spaces``, ``lines``, ``line_pipes``, ``run``, ``layout`` (pdftotext -layout)
and ``lines_wrap`` (one cell per line, long cells wrapped).

    python benchmarks/bench_side_by_side.py [--show N]

Prints strict / lenient indicator F1, projects found, name, amounts and silent errors per kind,
variant and layout, and the total per layout; exits 1 if a copy is silently wrong.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench_cell_rewrites import pieces, render
from rewrite_runner import metrics, score_copy
from sbs_rewrites import LAYOUTS as SEPARATED
from sbs_rewrites import VARIANTS, documents, layout, variant

#: the layouts of tests/sbs_rewrites.py, and two PDF copies (bench_cell_rewrites.render): ``layout``,
#: pdftotext -layout (columns padded with spaces, a long cell wrapped under itself), and
#: ``lines_wrap``, one cell per line with a long cell wrapped over several lines
LAYOUTS = (*SEPARATED, "layout", "lines_wrap")


def copy_of(text: str, lay: str) -> str | None:
    if lay == "layout":
        return render(pieces(text), "layout")
    if lay == "lines_wrap":
        return render(pieces(text), "lines")
    return layout(text, lay)


def score(doc_id: str, gold: dict, text: str) -> tuple[list, bool]:
    """The copy's samples against ``gold`` and whether the reading was refused (a refused copy
    scores nothing here: the refusals are counted apart)."""
    got = score_copy(gold, text, record=doc_id)
    return got or [], got is None


def line(label: str, samples: list, refused: int) -> str:
    if not samples:
        return f"  {label:28} (nothing read)  refused {refused}"
    m = metrics(samples)

    def f(x):
        return f"{x:.3f}" if x is not None else "  -  "

    return (
        f"  {label:28} strict {f(m['indicator_f1'])}  lenient {f(m['indicator_f1_lenient'])}  "
        f"projects {m['projects_matched']:2}/{m['projects_gold']:<2} name {f(m['project_name'])}  "
        f"amounts {f(m['amounts'])}  silent {m['silent_errors']:2}  refused {refused}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0, help="list this many copies below 1.0 strict per layout")
    parser.add_argument("--dump", help="write each copy's text under this folder")
    args = parser.parse_args()
    start = time.perf_counter()
    docs = documents()
    samples: dict[tuple, list] = collections.defaultdict(list)
    refused: collections.Counter = collections.Counter()
    shown: collections.Counter = collections.Counter()
    silent = 0
    for kind, doc_id, gold, text, rows in docs:
        for name in VARIANTS:
            if name == "differ" and kind != "doubled":
                continue
            vgold, vtext = variant(gold, text, rows, name)
            for lay in LAYOUTS:
                copy_text = copy_of(vtext, lay)
                if copy_text is None:
                    continue
                if args.dump:
                    Path(args.dump, f"{name}-{lay}").mkdir(parents=True, exist_ok=True)
                    Path(args.dump, f"{name}-{lay}", doc_id + ".txt").write_text(copy_text, encoding="utf-8")
                got, was_refused = score(doc_id, vgold, copy_text)
                refused[(kind, name, lay)] += was_refused
                samples[(kind, name, lay)] += got
                m = metrics(got) if got else None
                silent += m["silent_errors"] if m else 0
                bad = m is None or (m["indicator_f1"] or 0) < 1 or m["silent_errors"]
                if bad and shown[lay] < args.show:
                    shown[lay] += 1
                    print(f"    {kind} {name} {lay} {doc_id}: " + (line("", got, was_refused).strip()))
    kinds = collections.Counter(k for k, *_ in docs)
    print(f"{len(docs)} dev documents: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    for kind in ("native", "doubled"):
        for name in VARIANTS:
            if not any(key[:2] == (kind, name) for key in samples):
                continue
            print(f"{kind} {name}:")
            for lay in LAYOUTS:
                print(line(lay, samples[(kind, name, lay)], refused[(kind, name, lay)]))
    print("all:")
    for lay in LAYOUTS:
        got = [s for key, v in samples.items() if key[2] == lay for s in v]
        print(line(lay, got, sum(n for key, n in refused.items() if key[2] == lay)))
    total = [s for v in samples.values() for s in v]
    print(line("total", total, sum(refused.values())))
    print(f"{time.perf_counter() - start:.0f} s")
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main())
