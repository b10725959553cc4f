"""Dev tables of other families rewritten one cell per line and space-separated, scored on their gold.

The held-out documents of the one_cell_per_line and space_separated families score far below
dev, whose few documents of these layouts the rules were fitted on. This bench takes every dev
document with indicators in the OTHER families (pipe rows, run-together grids, filled-in
templates, self-evaluation forms) and writes its table again as the two layouts come to us:

* ``lines``: a PDF viewer's copy, one cell per line, a long cell wrapped onto several lines,
  empty cells dropped;
* ``lines_blank``: the same with an empty cell left as a blank line;
* ``layout``: ``pdftotext -layout``, each column padded with runs of spaces, a long cell wrapped
  under itself on the following lines, an empty cell left as spaces;
* ``layout_mid``: the same with the short cells of a wrapped row printed on its middle line
  (a PDF centres a cell's text vertically);
* ``spaces``: a web page's copy, a row's cells on one line parted by one space, empty cells
  dropped (the dev space_separated documents' own shape).

A document of ``|`` rows is rewritten from its own text (the rest of its lines kept); a document
whose cells are not separated (run together, templates) is written from its gold as a form
(项目名称, 主管部门, 资金, 年度目标, the indicator grid with merged 一级/二级 labels), its
``pipe`` copy being the reference. Each copy is scored against the unchanged gold.

``--source`` scores the ``src_…`` layouts instead, written only from the REAL source text (no
gold-written form, the source's typos, notes, score and reason columns kept), of every dev
document with indicators but the traditional ones: kind ``pipe`` (``|`` rows, any family,
one_cell_per_line and space_separated included when their source has them), kind ``cellpipe``
(a web table copied one cell a line with a bar after each cell) and kind ``cells`` (one cell a
line, no bars). Only the cell separators of the table lines change:

* ``src_spaces1``: a row's cells on one line parted by one space, empty cells dropped (a cell's
  own inner spaces kept, so 培训 人数 and a cell boundary look alike);
* ``src_spacesN``: pdftotext -layout (as ``layout``), long cells wrapped under themselves;
* ``src_lines``: one cell per line, no wrapping, empty cells dropped (a web page's copy; bars of
  a ``cellpipe`` copy and blank lines of a ``cells`` copy removed);
* ``src_lines_blank``: the same with each empty cell a blank line (``pipe`` kind only).

``--honest`` scores the one-cell copies of ``tests/onecell_rewrites.py``: the real source cells
of dev documents of every family (``|`` rows, traditional ones included, and space-separated
grids) written one cell a line with merged level cells written once, wrapped cells and page
footers; split into the *untuned* documents (not one_cell_per_line: the honest figure) and the
*tuned* ones (one_cell_per_line sources, wrapped and paged only).

    python benchmarks/bench_cell_rewrites.py [--show N] [--layout lines] [--source | --honest]

Prints strict / lenient indicator F1, projects found, name, amounts and silent errors per
source kind and layout; exits 1 if a copy is silently wrong.
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

from form_variants import GOLD, _pipe_cells, separated_rows
from rewrite_runner import Tally, f3, metrics, score_copy

from assistant.export import to_interchange
from assistant.gold import load_gold
from assistant.textnorm import display_width

#: the families rewritten (the two target layouts themselves, and traditional, are left out)
FAMILIES = ("pipe_flattened", "run_together", "template_filled", "self_eval", "side_by_side")
LAYOUTS = ("pipe", "lines", "lines_blank", "layout", "layout_mid", "spaces")
SRC_LAYOUTS = ("src_spaces1", "src_spacesN", "src_lines", "src_lines_blank")
#: what each src_ layout does to ``|`` rows (the gold-side layout of the same name, no wrapping
#: for the web copies)
_SRC_AS = {"src_spaces1": "spaces", "src_spacesN": "layout", "src_lines": "lines", "src_lines_blank": "lines_blank"}
#: display width (a CJK character counts 2) past which a cell wraps
WRAP_LINES = 24
WRAP_LAYOUT = 20


def wrap(text: str, limit: int) -> list[str]:
    """The cell's lines when printed in a column ``limit`` wide (at least one, maybe empty)."""
    out, line = [], ""
    for ch in text:
        if line and display_width(line + ch) > limit:
            out.append(line)
            line = ""
        line += ch
    return [*out, line]


def gold_rows(gold: dict) -> list[list[str]] | None:
    """The gold's single project written as the rows of a form; None when it has not one project."""
    projects = [(u, p) for u in gold["units"] for p in u["projects"]]
    if len(projects) != 1 or not projects[0][1]["indicators"]:
        return None
    unit, project = projects[0]
    rows: list[list[str]] = [[gold.get("title") or "项目支出绩效目标表"]]
    rows.append(["项目名称", project["name"] or "", "主管部门", gold.get("department") or unit.get("name") or ""])
    amounts = project.get("amounts") or {}
    money = {"total": "年度资金总额", "fiscal": "其中：财政拨款", "other": "其他资金"}
    cur = gold.get("currency_unit") or "万元"
    for key, label in money.items():
        if amounts.get(key) is not None:
            rows.append([f"项目资金（{cur}）" if key == "total" else "", label, f"{amounts[key]:g}"])
    if project.get("goal"):
        rows.append(["年度目标", project["goal"]])
    period = any(i["period_value"] for i in project["indicators"])
    values = ["实施周期指标值", "年度指标值"] if period else ["指标值"]
    rows.append(["一级指标", "二级指标", "三级指标", *values])
    last: tuple = (None, None)
    for i in project["indicators"]:
        l1 = i["level1_name"] or ""
        l2 = i["level2_name"] or ""
        shown1 = l1 if l1 != last[0] else ""
        shown2 = l2 if (l1, l2) != last else ""
        last = (l1, l2)
        vals = [i["period_value"] or "", i["annual_value"] or ""] if period else [i["annual_value"] or ""]
        rows.append([shown1, shown2, i["name"] or "", *vals])
    return rows


def pieces(text: str) -> list[str | list[str]]:
    """The document as plain lines (str) and rows of cells (list)."""
    return [
        cells if cells is not None and len(cells) >= 2 else line
        for line in text.split("\n")
        for cells in [_pipe_cells(line)]
    ]


def render(items: list[str | list[str]], layout: str) -> str:
    wrap_at = None if layout.startswith("src_") else WRAP_LINES
    layout = _SRC_AS.get(layout, layout)
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        if block:
            out.extend(_layout_block(block, mid=layout == "layout_mid"))
            block.clear()

    for item in items:
        if isinstance(item, str):
            flush()
            out.append(item)
        elif layout == "pipe":
            out.append("| " + " | ".join(item) + " |")
        elif layout == "spaces":
            out.append(" ".join(c.strip() for c in item if c.strip()))
        elif layout in ("lines", "lines_blank"):
            for cell in item:
                cell = cell.strip()
                if cell:
                    out.extend(wrap(cell, wrap_at) if wrap_at else [cell])
                elif layout == "lines_blank":
                    out.append("")
        else:
            block.append([c.strip() for c in item])
    flush()
    return "\n".join(out) + "\n"


def _layout_block(rows: list[list[str]], mid: bool) -> list[str]:
    """Rows of cells printed as pdftotext -layout prints a ruled table: columns padded to the
    widest cell (wrapped past ``WRAP_LAYOUT``), a wrapped cell's lines under one another."""
    n = max(len(r) for r in rows)
    wrapped = [[wrap(c, WRAP_LAYOUT) for c in r] + [[""]] * (n - len(r)) for r in rows]
    widths = [max(display_width(line) for r in wrapped for line in r[k]) for k in range(n)]
    out = []
    for r in wrapped:
        height = max(len(c) for c in r)
        grid = []
        for c in r:
            top = (height - len(c)) // 2 if mid else 0
            grid.append([""] * top + c + [""] * (height - top - len(c)))
        for j in range(height):
            line = "   ".join(grid[k][j] + " " * (widths[k] - display_width(grid[k][j])) for k in range(n))
            out.append(line.rstrip())
    return out


def _bar_closed(text: str) -> bool:
    """A web table copied one cell a line with a bar after each cell: four lines in five or more
    of those that hold a bar end with one, and hardly any holds two cells."""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    barred = [x for x in lines if "|" in x or "｜" in x]
    closed = [x for x in barred if x.endswith(("|", "｜"))]
    return len(barred) >= 10 and len(closed) * 5 >= len(barred) * 4 and not separated_rows(text)


def source_copy(kind: str, text: str, layout: str) -> str | None:
    """The real source of a ``cellpipe`` or ``cells`` document in ``layout`` (None: not made)."""
    if layout != "src_lines":
        return None
    out = []
    for line in text.split("\n"):
        if kind == "cellpipe" and ("|" in line or "｜" in line):
            line = line.strip().strip("|｜").strip()
        if line.strip():
            out.append(line)
    return "\n".join(out) + "\n"


def source_documents() -> list[tuple[str, object, object]]:
    """(kind, gold record, pieces or text) of each dev document with indicators, traditional
    ones aside, whose real source is ``|`` rows (``pipe``: its pieces), cells closed by a bar
    one a line (``cellpipe``) or one cell a line (``cells``, a one_cell_per_line document): text."""
    out = []
    for folder in sorted(GOLD.iterdir()):
        meta_path = folder / "meta.json"
        if not meta_path.exists() or not (folder / "source.txt").exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta["split"] != "dev" or meta["family"] == "traditional":
            continue
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        if not any(p["indicators"] for u in gold["units"] for p in u["projects"]):
            continue
        [record] = load_gold(folder)
        text = (folder / "source.txt").read_text(encoding="utf-8")
        if separated_rows(text):
            out.append(("pipe", record, pieces(text)))
        elif _bar_closed(text):
            out.append(("cellpipe", record, text))
        elif meta["family"] == "one_cell_per_line":
            out.append(("cells", record, text))
    return out


def documents() -> list[tuple[str, object, list]]:
    """(kind, gold record, pieces) of each dev document rewritten: ``pipe`` (its own ``|`` rows)
    or ``gold`` (a form written from its gold)."""
    out = []
    for folder in sorted(GOLD.iterdir()):
        meta_path = folder / "meta.json"
        if not meta_path.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta["split"] != "dev" or meta["family"] not in FAMILIES or not (folder / "source.txt").exists():
            continue
        [record] = load_gold(folder)
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        if not any(p["indicators"] for u in gold["units"] for p in u["projects"]):
            continue
        text = (folder / "source.txt").read_text(encoding="utf-8")
        if separated_rows(text):
            out.append(("pipe", record, pieces(text)))
        elif (rows := gold_rows(gold)) is not None:
            out.append(("gold", record, [r if len(r) >= 2 else r[0] for r in rows]))
    return out


def line(label: str, samples: list, refused: int) -> str:
    m = metrics(samples)
    return (
        f"  {label:18} strict {f3(m['indicator_f1'])}  lenient {f3(m['indicator_f1_lenient'])}  "
        f"projects {m['projects_matched']:3}/{m['projects_gold']:<3} name {f3(m['project_name'])}  "
        f"amounts {f3(m['amounts'])}  silent {m['silent_errors']:2}  refused {refused}"
    )


def _score_copy(args, tally: Tally, kind: str, record, layout: str, text: str, base, reference: bool) -> dict | None:
    """One copy scored and tallied under (kind, layout); printed when it reads worse than ``base``
    (the reference copy's metrics) or silently wrong. The reference copy itself is only kept."""
    if args.dump:
        Path(args.dump, layout).mkdir(parents=True, exist_ok=True)
        Path(args.dump, layout, record.stem + ".txt").write_text(text, encoding="utf-8")
    got = score_copy(to_interchange(record.table, with_meta=False), text, record=record.stem)
    m = tally.add((kind, layout), got, reference=reference)
    if reference:
        return m
    worse = base and m and (m["indicator_f1"] or 0) < (base["indicator_f1"] or 0) - 1e-9
    if (worse or (m and m["silent_errors"])) and tally.shown[layout] < args.show:
        tally.shown[layout] += 1
        print(
            f"    {layout} {record.stem}: strict {base['indicator_f1']}→{m['indicator_f1']} "
            f"projects {m['projects_matched']}/{m['projects_gold']} silent {m['silent_errors']}"
        )
    return m


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--layout", choices=LAYOUTS)
    parser.add_argument("--show", type=int, default=0, help="list this many worse documents per layout")
    parser.add_argument("--dump", help="write each copy's text under this folder")
    parser.add_argument("--source", action="store_true", help="the src_ layouts of the real sources")
    parser.add_argument("--honest", action="store_true", help="real source cells of every family, one a line")
    args = parser.parse_args()
    if args.honest:
        return main_honest(args)
    if args.source:
        return main_source(args)
    start = time.perf_counter()
    docs = documents()
    tally = Tally()
    samples, refused = tally.samples, tally.refused
    layouts = [args.layout] if args.layout else LAYOUTS
    for kind, record, items in docs:
        base = None
        for layout in ("pipe", *[x for x in layouts if x != "pipe"]):
            text = render(items, layout)
            m = _score_copy(args, tally, kind, record, layout, text, base, reference=layout == "pipe")
            if layout == "pipe":
                base = m
    kinds = collections.Counter(k for k, _, _ in docs)
    print(f"{len(docs)} dev documents: {kinds['pipe']} of | rows, {kinds['gold']} written from their gold")
    for kind in ("pipe", "gold"):
        print(f"{kind}:")
        for layout in ("pipe", *[x for x in layouts if x != "pipe"]):
            print(line(layout, samples[(kind, layout)], refused[(kind, layout)]))
    print("all:")
    for layout in ("pipe", *[x for x in layouts if x != "pipe"]):
        both = samples[("pipe", layout)] + samples[("gold", layout)]
        print(line(layout, both, refused[("pipe", layout)] + refused[("gold", layout)]))
    print(tally.field_report(args.show))
    print(f"{time.perf_counter() - start:.0f} s")
    return 1 if tally.silent else 0


def main_source(args) -> int:
    """The ``src_…`` layouts of the real sources, each against the source as it is."""
    start = time.perf_counter()
    docs = source_documents()
    tally = Tally()
    samples, refused = tally.samples, tally.refused
    layouts = ("as_is", *SRC_LAYOUTS)
    for kind, record, items in docs:
        base = None
        for layout in layouts:
            if layout == "as_is":
                text = render(items, "pipe") if kind == "pipe" else items
            elif kind == "pipe":
                text = render(items, layout)
            else:
                text = source_copy(kind, items, layout)
            if text is None:
                continue
            m = _score_copy(args, tally, kind, record, layout, text, base, reference=layout == "as_is")
            if layout == "as_is":
                base = m
    kinds = collections.Counter(k for k, _, _ in docs)
    print(f"{len(docs)} dev documents from their source: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    for kind in ("pipe", "cellpipe", "cells"):
        print(f"{kind}:")
        for layout in layouts:
            if samples[(kind, layout)] or refused[(kind, layout)]:
                print(line(layout, samples[(kind, layout)], refused[(kind, layout)]))
    print("all:")
    for layout in layouts:
        both = [s for k in ("pipe", "cellpipe", "cells") for s in samples[(k, layout)]]
        if both:
            print(line(layout, both, sum(refused[(k, layout)] for k in ("pipe", "cellpipe", "cells"))))
    print(tally.field_report(args.show))
    print(f"{time.perf_counter() - start:.0f} s")
    return 1 if tally.silent else 0


def main_honest(args) -> int:
    """The one-cell copies of ``tests/onecell_rewrites.py``, tuned and untuned apart."""
    import onecell_rewrites

    from assistant.gold import load_gold

    start = time.perf_counter()
    docs = onecell_rewrites.documents()
    tally = Tally()
    layouts = ("as_is", *onecell_rewrites.LAYOUTS)
    for group, folder, _gold, items in docs:
        [record] = load_gold(folder)
        base = None
        for layout in layouts:
            if layout == "as_is":
                text = (folder / "source.txt").read_text(encoding="utf-8")
            else:
                text = onecell_rewrites.copy(items, layout)
            if text is None:
                continue
            m = _score_copy(args, tally, group, record, layout, text, base, reference=layout == "as_is")
            if layout == "as_is":
                base = m
    groups = collections.Counter(g for g, *_ in docs)
    print(f"{len(docs)} dev documents: " + ", ".join(f"{n} {g}" for g, n in groups.items()))
    for group in ("untuned", "tuned"):
        print(f"{group}:")
        for layout in layouts:
            if tally.samples[(group, layout)] or tally.refused[(group, layout)]:
                print(line(layout, tally.samples[(group, layout)], tally.refused[(group, layout)]))
    print(f"{time.perf_counter() - start:.0f} s")
    return 1 if tally.silent else 0


if __name__ == "__main__":
    sys.exit(main())
