"""Dev indicator tables rewritten the ways web pages and PDF copies run their cells together.

The run-together readers score near 1 on the dev documents they were written from and about 0.1
on held-out ones: they fit the dev wording. This bench is the held-out signal built from dev
material only. Every dev document with one project of indicators (run-together ones first, then
the rest) is written again as a run-together table of its real cells (the gold's 一级, 二级, 三级
name and values, in the document's order) and scored against its unchanged gold:

* ``run``: cells joined with nothing, merged labels on their group's first row;
* ``every``: the labels on every row; ``middle``: on the middle row of their group (centred);
* ``annual``: 实施周期指标值 and 年度指标值 both after the name (documents with both only);
* ``spaces``: one space kept at random between cells (a PDF copy losing some of them);
* ``wrap``: long names broken onto a second line inside their cell;
* ``page``: a page footer, the title and the header row again in the middle of the table.

Besides, the real sources themselves: every dev ``|`` document with its cells joined
(``src_run``) or joined with single spaces lost at random (``src_spaces``), and every dev
run-together source with a page footer line put inside its table (``src_page``).

And the honest held-out signal: every dev source with indicators, of EVERY family (``|`` rows,
white space, one cell per line, self-evaluations, traditional …), its indicator table's real
cells run together as a web page's text copy joins them (``tests/src_rewrites.py``): each line's
cells joined (``join_rows``), the whole table on one line (``join_grid``), that line wrapped at 34
characters (``join_grid34``), and the joined rows in traditional characters (``join_rows_trad``,
OpenCC s2t, scored in simplified characters). Their figures are split by the source's own family: *tuned* (a
run_together document, the layout the readers were written from) and *untuned* (every other
family: the figure to watch), each beside the same documents as written (``asis``).

A rewrite is scored like the dev eval (strict and lenient indicator F1 over all rewrites of a
kind; a project that is wrong and unflagged is *silent*).

    python benchmarks/bench_run_rewrites.py [--show N] [--only KIND,...] [--causes]

``--causes``: each gold indicator of the ``join_*`` rewrites put under what went wrong with it
(``ok``, a name holding more (its value run into it), a name cut short, a wrong value, a wrong seq
(a row added or lost before it), missing), with the rows read that match no gold row (``extra``),
and the rows read against the gold's, per half: where the misses come from.

Exits 1 if any rewrite is silently wrong.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import random
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import form_variants as fv
import src_rewrites as sr
from dev_gold import dev_gold
from rewrite_runner import Tally, metrics, score_copy, score_reading

TITLE = "项目支出绩效目标表"
FOOTER = "第 1 页，共 2 页"
KINDS = ("run", "every", "middle", "annual", "spaces", "wrap", "page", "src_run", "src_spaces", "src_page")
JOINS = ("join_rows", "join_grid", "join_grid34", "join_rows_trad")


def _family(folder: Path) -> str:
    return json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("family", "")


def _pool() -> list[tuple[Path, dict, fv.Grid]]:
    """(folder, gold, grid) of each dev document with one project of indicators whose cells a
    run-together rewrite can write (every label and value filled), run-together documents first."""
    out = []
    for folder, gold in dev_gold():
        projects = [p for u in gold["units"] for p in u["projects"]]
        if len(projects) != 1 or not projects[0]["indicators"]:
            continue
        inds = projects[0]["indicators"]
        rows = tuple(
            fv.Row(i["level1_name"], i["level2_name"], i["name"], i["period_value"], i["annual_value"]) for i in inds
        )
        if not all(r.level1 and r.level2 and r.name and r.annual for r in rows):
            continue
        if any("\n" in x for r in rows for x in (r.level1, r.level2, r.name, r.period or "", r.annual)):
            continue
        out.append((folder, gold, fv.Grid(projects[0]["name"] or "某项目", rows, folder.name)))
    out.sort(key=lambda t: (_family(t[0]) != "run_together", t[0].name))
    return out


def _grid_gold(gold: dict) -> dict:
    """The gold as a rewrite of its grid can hold it: the project's name and indicators."""
    [project] = [p for u in gold["units"] for p in u["projects"]]
    nothing = {"total": None, "fiscal": None, "special_account": None, "other": None}
    kept = {"name": project["name"], "classified": False, "amounts": nothing, "goal": None}
    return {"units": [{"name": None, "amounts": nothing, "projects": [kept | {"indicators": project["indicators"]}]}]}


def _join(cells: list[str], rng: random.Random | None) -> str:
    """A row's cells as one line: joined with nothing, or (``rng``) each boundary keeping a
    single space half the time."""
    cells = [c for c in cells if c]
    if rng is None:
        return "".join(cells)
    out = cells[0] if cells else ""
    for c in cells[1:]:
        out += (" " if rng.random() < 0.5 else "") + c
    return out


def grid_text(grid: fv.Grid, kind: str, seed: int) -> str | None:
    """The grid as a run-together document of the kind; None when the kind does not apply."""
    has_period = any(r.period for r in grid.rows)
    if kind == "annual" and not (has_period and all(r.period for r in grid.rows)):
        return None
    labels = {"every": "every", "middle": "middle"}.get(kind, "first")
    values = "annual" if kind == "annual" else "single"
    if values == "single" and has_period:
        grid = replace(grid, rows=tuple(replace(r, period=None) for r in grid.rows))
    cells = fv._cells(grid, fv.Style("run", labels, values))
    rng = random.Random(seed) if kind == "spaces" else None
    if kind == "wrap":  # a long name broken inside its cell: the row goes on on the next line
        for row, r in zip(cells[1:], grid.rows):
            if len(r.name) > 9:
                at = row.index(r.name)
                row[at] = r.name[: len(r.name) // 2] + "\n" + r.name[len(r.name) // 2 :]
    lines = [_join(row, rng) for row in cells]
    if kind == "page":
        if len(grid.rows) < 4:
            return None
        middle = 1 + len(grid.rows) // 2
        lines = [*lines[:middle], FOOTER, TITLE, lines[0], *lines[middle:]]
    return "\n".join([TITLE, f"项目名称{grid.name}", "绩效指标", *lines, "填报人张三"]) + "\n"


def _source_text(folder: Path, kind: str, seed: int, gold: dict) -> str | None:
    """A real dev source rewritten: its ``|`` rows run together, or a run-together source with a
    page footer inside its table; None when the kind does not apply to the document."""
    source = folder / "source.txt"
    if not source.exists():
        return None
    text = source.read_text(encoding="utf-8")
    if kind in ("src_run", "src_spaces"):
        if not fv.separated_rows(text):
            return None
        rng = random.Random(seed) if kind == "src_spaces" else None
        out = []
        for line in text.split("\n"):
            cells = fv._pipe_cells(line)
            out.append(line if cells is None else _join(cells, rng))
        return "\n".join(out)
    if _family(folder) != "run_together":
        return None
    names = [i["name"] for u in gold["units"] for p in u["projects"] for i in p["indicators"]]
    if len(names) < 4:
        return None
    lines = text.split("\n")
    middle = names[len(names) // 2 - 1]
    at = next((n for n, line in enumerate(lines) if middle in line), None)
    if at is None:
        return None
    return "\n".join([*lines[: at + 1], FOOTER, *lines[at + 1 :]])


def score(gold: dict, text: str) -> dict | None:
    """The rewrite's summarized metrics against ``gold`` (with its ``_samples`` and their
    ``_differences``); None when the reader refuses it."""
    samples = score_copy(gold, text)
    if samples is None:
        return None
    m = metrics(samples)
    m["_differences"] = [d for s in samples for d in s["differences"]]
    m["_samples"] = samples
    return m


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0, help="print this many wrong rewrites per kind")
    parser.add_argument("--only", default="", help="comma-separated kinds")
    parser.add_argument("--docs", action="store_true", help="a line per document and kind")
    parser.add_argument("--causes", action="store_true", help="the join_* misses by cause, per half")
    args = parser.parse_args()
    kinds = [k for k in KINDS if not args.only or k in args.only.split(",")]
    joins = [k for k in JOINS if not args.only or k in args.only.split(",")]
    start = time.perf_counter()
    pool = _pool()
    print(f"{len(pool)} dev documents with one project of indicators")
    tally = Tally()
    for kind in kinds:
        shown = 0
        for n, (folder, gold, grid) in enumerate(pool):
            if kind.startswith("src_"):
                text, want = _source_text(folder, kind, n, gold), gold
            else:
                text, want = grid_text(grid, kind, n), _grid_gold(gold)
            if text is None:
                continue
            got = score_copy(want, text)
            m = tally.add(kind, got, missed=score_reading(want, None))
            if m is None:
                continue
            ok = not any(s["differences"] for s in got)
            if args.docs:
                print(f"    {kind:10} {folder.name}: strict {m['indicator_f1']}  silent {m['silent_errors']}")
            if not ok and shown < args.show:
                shown += 1
                print(f"    {kind} {folder.name}: {', '.join([d for s in got for d in s['differences']][:6])}")
        print(_line(kind, tally, kind))
    if kinds:
        print(_line("total", tally, *kinds))
    if joins:
        joined(joins, tally, args)
    print(tally.field_report(args.show))
    print(f"{time.perf_counter() - start:.0f} s")
    return 1 if tally.silent else 0


def joined(kinds: list[str], tally: Tally, args) -> None:
    """The ``join_*`` kinds over every dev source with indicators, split tuned / untuned."""
    pool = sr.pool()
    print(f"{len(pool)} dev sources with indicators, their table's cells run together")
    causes = {"untuned": collections.Counter(), "tuned": collections.Counter()}
    for n, (folder, gold, text) in enumerate(pool):
        half = "tuned" if sr.family(folder) == "run_together" else "untuned"
        for kind in kinds:
            trad = kind.endswith("_trad")
            new = sr.rewrite(text, gold, kind.removesuffix("_trad").replace("_", ""), seed=n)
            if new is None:
                continue
            got = score_copy(gold, fv.traditional(new), convert=_simplified) if trad else score_copy(gold, new)
            m = tally.add((kind, half), got, missed=score_reading(gold, None))
            tally.add(("asis", kind, half), score_copy(gold, text), reference=True, missed=score_reading(gold, None))
            if m is not None and args.docs:
                print(f"    {kind:11} {sr.family(folder)[:10]:10} {folder.name[:50]:50} strict {m['indicator_f1']}")
            if args.causes and not trad:  # layouts only: a traditional copy's names are not the gold's
                causes[half].update(miss_causes(gold, got))
            wrong = [d for s in got or [] for d in s["differences"]] if got is not None else ["refused"]
            if wrong and tally.shown[kind, half] < args.show:
                tally.shown[kind, half] += 1
                print(f"    {kind} {half} {folder.name}: {', '.join(wrong[:6])}")
    for half in ("untuned", "tuned"):
        for kind in kinds:
            print(_line(f"{kind} {half}", tally, (kind, half)) + _asis(tally, ("asis", kind, half)))
        layouts = [k for k in kinds if not k.endswith("_trad")]  # the headline: layouts only
        labels = [(k, half) for k in layouts]
        print(_line(f"all {half}", tally, *labels) + _asis(tally, *[("asis", k, half) for k in layouts]))
        if args.causes:
            print(f"  causes {half}: " + "  ".join(f"{k} {v}" for k, v in causes[half].most_common()))


def _rows(projects: list[dict | None]) -> list[tuple]:
    """(seq, name, 年度指标值) of the projects' indicators, white space taken out."""
    return [
        (i["seq"], re.sub(r"\s", "", i["name"] or ""), re.sub(r"\s", "", i["annual_value"] or ""))
        for p in projects
        if p
        for i in p["indicators"]
    ]


def _relation(seq: int, name: str, row: tuple) -> int | None:
    """How a row read stands to a gold row: 0 the same name, 1 a name holding it, 2 a name it
    holds, 3 only the same seq; None when none of these."""
    if row[1] == name:
        return 0
    if name and name in row[1]:
        return 1
    if row[1] and row[1] in name:
        return 2
    return 3 if row[0] == seq else None


def miss_causes(gold: dict, samples: list[dict] | None) -> collections.Counter:
    """What became of each gold indicator in a reading (``samples``; None: refused): read right
    (``ok``), its name holding more (``name+``: a value or the next row run into it), its name cut
    short (``name-``), another name in its place (``name?``), its value wrong, its seq wrong (a row
    added or lost before it), or ``missing``; and the rows read that match none (``extra``), the
    gold rows (``gold rows``) and the rows read (``read rows``)."""
    want = _rows([p for u in gold["units"] for p in u["projects"]])
    got = _rows([s["prediction"] for s in samples or []])
    out = collections.Counter({"gold rows": len(want), "read rows": len(got)})
    used: set[int] = set()
    for seq, name, value in want:
        ranked = [(r, k) for k, g in enumerate(got) if k not in used and (r := _relation(seq, name, g)) is not None]
        if not ranked:
            out["missing"] += 1
            continue
        rank, k = min(ranked)
        used.add(k)
        cause = ("", "name+", "name-", "name?")[rank]
        if not cause:
            cause = "value" if got[k][2] != value else "seq" if got[k][0] != seq else "ok"
        out[cause] += 1
    out["extra"] += len(got) - len(used)
    return out


def _simplified(value):
    """Every string of an interchange document in simplified characters (OpenCC t2s): the reader
    keeps the characters a copy wrote, the gold is simplified."""
    if isinstance(value, str):
        return _t2s().convert(value)
    if isinstance(value, dict):
        return {k: _simplified(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_simplified(v) for v in value]
    return value


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _asis(tally: Tally, *labels) -> str:
    m = metrics(tally.pooled(*labels))
    return f"  (as written: strict {m['indicator_f1'] or 0:.3f})"


def _line(kind: str, tally: Tally, *labels: str) -> str:
    m = metrics(tally.pooled(*labels))
    docs, right, refused = (tally.total(c, *labels) for c in (tally.copies, tally.right, tally.refused))
    return (
        f"  {kind:10} docs {docs:3}  right {right:3}  refused {refused:2}  "
        f"strict {m['indicator_f1'] or 0:.3f}  lenient {m['indicator_f1_lenient'] or 0:.3f}  silent {m['silent_errors']}"
    )


if __name__ == "__main__":
    sys.exit(main())
