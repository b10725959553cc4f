"""Workbooks dumped as text with their template's numbers 指标N:: is every item right or flagged?

Each dev grid (one single-project dev document, tests/form_variants.dev_grids) is written the
way a web page shows an .xlsx 自评表 as text (稷山's c07): the cells one after another with
single spaces, each name behind the template's number 指标N:, then 年度指标值, 实际完成值,
分值 and 得分. Varied: numbers running through the grid or restarting in each group, the
template's empty placeholders (指标N: left blank) after each group or not, the level labels
on their group's first row or on none (a dump that lost its merged cells), one row a line or
the whole grid on one line, simplified or traditional characters.

    python benchmarks/bench_numbered_dumps.py [--show]

Prints, per variant, items right (name, 年度指标值 and, when the dump keeps them, the levels),
wrong and flagged on their own number or as a whole, wrong with only other flags on the table,
refused, and silently wrong (the table has no flag at all), which should be 0. Round 7 (extract-u):
right 13,272 -> 15,224, wrong with other flags only 4,100 -> 2,168, silent 36 -> 16 items (all
c05: a line of two 一级/二级 labels the same long word, 社会公众或服务对象满意度指标 twice, read
as the end of the name above). Round 8 (mend-8): a line of nothing but label cells heads the
rows below and ends no name (form/wrapped_lines.py): right 15,592, silent 0.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import zhconv
from form_variants import dev_grids

from assistant.errors import AssistantError
from assistant.extract import extract
from assistant.ingest import read_bytes
from assistant.textnorm import texts_equal

#: codes that flag every item of a reading (the rows were found by their numbers, not the grid)
_WHOLE = {"NUMBERED_ITEMS_READ", "FORM_HEADER_ONLY", "FORM_NO_ROWS"}


def _achieved(value: str) -> str:
    m = re.search(r"\d+(?:\.\d+)?\S*", value)
    return m.group(0) if m else value or "完成"


def render(grid, numbers: str, placeholders: bool, labels: bool, lines: bool) -> str:
    head = [
        "项目支出绩效自评表",
        f"项目名称 {grid.name} 主管部门 某某局 实施单位 某某中心",
        "年度资金总额 100 100 10 100% 10",
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
    ]
    rows: list[str] = []
    last: tuple = (None, None)
    n = 0
    for row in grid.rows:
        group = (row.level1, row.level2)
        if group != last:
            if placeholders and last != (None, None):
                rows.append(f"指标{n + 1}:")
            n = 0 if numbers == "per_group" else n
            if labels:
                rows.append(" ".join(x for x in (row.level1 if row.level1 != last[0] else None, row.level2) if x))
        n += 1
        value = row.annual or row.period or ""
        rows.append(f"指标{n}:{row.name} {value} {_achieved(value)} 10 10".replace("  ", " "))
        last = group
    body = "\n".join(rows) if lines else " ".join(rows)
    return "\n".join(head) + "\n" + body + "\n总分 100 100\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="print every silently wrong item")
    args = parser.parse_args()
    sums: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    silent = 0
    variants = itertools.product(("running", "per_group"), (False, True), (True, False), (True, False), (False, True))
    for numbers, placeholders, labels, lines, hant in variants:
        key = (
            f"{numbers:9} {'placeholders' if placeholders else 'no blanks':12} {'labels' if labels else 'no labels':9} "
            f"{'lines' if lines else 'one run':7} {'hant' if hant else 'hans'}"
        )
        for grid in dev_grids():
            text = render(grid, numbers, placeholders, labels, lines)
            if hant:
                text = zhconv.convert(text, "zh-hant")
            try:
                table = extract(read_bytes(text.encode("utf-8"), "dump.txt"), "rules")
            except AssistantError:
                sums[key]["refused"] += len(grid.rows)
                continue
            got = [i for p in table.projects() for i in p.indicators]
            whole = any(f.code in _WHOLE for f in table.failures)
            items = {f.field for f in table.failures if f.field}
            for k, row in enumerate(grid.rows):
                pred = got[k] if k < len(got) else None
                fields = [(row.name, "name"), (row.annual or row.period, "annual_value")]  # written as 年度指标值
                if labels:
                    fields += [(row.level1, "level1_name"), (row.level2, "level2_name")]
                right = pred is not None and all(
                    texts_equal(*(zhconv.convert(t or "", "zh-hans") for t in (getattr(pred, f), want)))
                    for want, f in fields
                )
                flagged = whole or bool(items & {f"绩效指标 #{k + 1}", f"绩效指标 #{pred.seq if pred else -1}"})
                kind = "right" if right else "flagged" if flagged else "elsewhere" if table.failures else "silent"
                sums[key][kind] += 1
                if not right and not (flagged or table.failures):
                    silent += 1
                    if args.show:
                        print(f"    silent: {grid.stem} {key} #{k + 1} {row.name}")
    for key, c in sums.items():
        print(
            f"{key}  right {c['right']:4}  flagged {c['flagged']:4}  other flags {c['elsewhere']:4}  "
            f"refused {c['refused']:4}  silent {c['silent']}"
        )
    total = collections.Counter()
    for c in sums.values():
        total.update(c)
    print(
        f"all: right {total['right']}, flagged {total['flagged']}, wrong with other flags only "
        f"{total['elsewhere']}, refused {total['refused']}, silent {silent}"
    )
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main())
