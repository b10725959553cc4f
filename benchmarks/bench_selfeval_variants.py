"""自评表 written the usual ways, built from the dev gold: does the self-evaluation reading hold?

Each dev 自评表 document with one project is written again as a self-evaluation form: the
indicator columns in the usual orders (年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施;
分值 | 年度指标值 | 全年实际值 | 得分 | 未完成原因…; 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分),
the money rows in the usual spellings (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分;
预算数 | 执行数; 全年预算数(A) | 全年执行数(B); 年初预算 | 调整后预算数 | 预算执行数, with 年度资金总额 /
其中：当年财政拨款 / 上年结转资金 / 其他资金 or 总额 / 其中：财政资金 rows), the 年度总体目标 |
预期目标 | 实际完成情况 block, the level labels on their group's first row or on every row, and
cells separated by ``|``, tabs, spaces, one per line or one per line closed by ``|``. Each is
scored against the document's gold (the name, amounts, goal and indicators it holds).

    python benchmarks/bench_selfeval_variants.py [--show]

Prints per indicator layout, money spelling and separator the mean indicator F1 and amounts
rate, and how many forms were silently wrong (must be 0). Round 4 used it against the previous
release to find what this round broke in self-evaluation tables.
"""

from __future__ import annotations

import argparse
import collections
import csv
import itertools
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from form_variants import split_value

from assistant.errors import AssistantError
from assistant.evaluate.metrics import project_flags, score_table, summarize
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.gold import load_gold
from assistant.ingest import read_bytes

REAL = ROOT / "gold" / "real"

INDICATORS = {
    "national": [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    "points_first": [
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "年度指标值",
        "全年实际值",
        "得分",
        "未完成原因及拟采取的改进措施",
    ],
    "split": [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
    ],
}
MONEY = {
    "six": (
        ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"],
    ),
    "short": (
        ["预算数", "执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"],
    ),
    "ab": (
        ["全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
        ["年度资金总额：", "其中：本年财政拨款", "其他资金"],
    ),
    "adjusted": (
        ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
        ["总额", "其中：财政资金", "其他资金"],
    ),
}
SEPARATORS = ("pipe", "tab", "spaces", "lines", "line_pipes")
_UNITS = re.compile(r"[%％个人次万元天年月日亩台件项家所户吨公里米平方/*·]*")


def _number(value) -> str:
    return "" if value is None else (str(int(value)) if float(value).is_integer() else str(value))


def _achieved(value: str) -> str:
    m = re.search(r"\d+(?:\.\d+)?\S*", value)
    return m.group(0) if m else value or "完成"


def _money_cell(head: str, amount: str) -> str:
    if "率" in head:
        return "100%" if amount else ""
    if head in ("分值", "得分", "权重"):
        return "10"
    return amount


def rows(gold: dict, indicators: str, money: str, every: bool) -> list[list[str]]:
    """The form's rows (cells, empty ones kept)."""
    project = gold["units"][0]["projects"][0]
    amounts = project["amounts"] or gold["amounts"]
    department = gold.get("department") or "某局"
    out = [
        ["项目支出绩效自评表"],
        ["项目名称", project["name"] or ""],
        ["主管部门", department, "实施单位", department],
    ]
    heads, labels = MONEY[money]
    out.append(["项目资金（万元）", "", *heads])
    for label in labels:
        field = "total" if label.startswith(("年度资金", "总额")) else "fiscal" if "财政" in label else "other"
        amount = _number(amounts.get(field)) if "上年" not in label else ""
        out.append(["", label, *[_money_cell(h, amount) if amount or h in ("分值", "得分") else "" for h in heads]])
    out += [["年度总体目标", "预期目标", "实际完成情况"], ["", project.get("goal") or "", "已完成"]]
    heads = INDICATORS[indicators]
    out.append(["绩效指标", *heads])
    last = (None, None)
    for item in project["indicators"]:
        level1, level2 = item["level1_name"] or "", item["level2_name"] or ""
        value = item["annual_value"] or item["period_value"] or ""
        cells = {
            "一级指标": level1 if every or level1 != last[0] else "",
            "二级指标": level2 if every or (level1, level2) != last else "",
            "三级指标": item["name"] or "",
            **dict.fromkeys(("年度指标值",), value),
            **dict.fromkeys(("实际完成值", "全年实际值", "完成值"), _achieved(value)),
            **dict.fromkeys(("分值", "得分", "权重"), "10"),
        }
        parts = split_value(value)
        if parts and _UNITS.fullmatch(parts[2]):
            cells.update(zip(("指标性质", "指标值", "度量单位"), parts, strict=True))
        else:
            cells.update({"指标性质": "定性", "指标值": value})
        last = (level1, level2)
        out.append(["", *[cells.get(h, "") for h in heads]])
    return out + [["总分", "", "100", "100"]]


def render(table: list[list[str]], sep: str) -> str:
    lines: list[str] = []
    for cells in table:
        if sep == "pipe":
            lines.append(" | ".join(cells) + " |")
        elif sep == "tab":
            lines.append("\t".join(cells))
        elif sep == "spaces":
            lines.append("    ".join(c for c in cells if c))
        elif sep == "lines":
            lines.extend(c for c in cells if c)
        else:
            lines.extend(f"{c} |" if c else "|" for c in cells)
    return "\n".join(lines) + "\n"


def score(record, text: str) -> dict | None:
    try:
        table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    except AssistantError:
        return None
    samples = score_table(
        to_interchange(record.table, with_meta=False),
        to_interchange(table, with_meta=False),
        record="variant",
        pred_flags=project_flags(table),
    )
    return summarize(samples)["metrics"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="print every silently wrong form")
    args = parser.parse_args()
    sums: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    silent = 0
    for entry in csv.DictReader((REAL / "manifest.csv").open(encoding="utf-8")):
        if entry["split"] != "dev" or entry["doc_kind"] != "自评表":
            continue
        gold = json.loads((REAL / entry["id"] / "gold.json").read_text(encoding="utf-8"))
        projects = [p for u in gold["units"] for p in u["projects"]]
        if len(projects) != 1 or not projects[0]["indicators"]:
            continue
        [record] = load_gold(REAL / entry["id"])
        for ind, money, every, sep in itertools.product(INDICATORS, MONEY, (False, True), SEPARATORS):
            m = score(record, render(rows(gold, ind, money, every), sep))
            for key in (f"indicators {ind}", f"money {money}", f"separator {sep}"):
                sums[key]["forms"] += 1
                sums[key]["refused"] += m is None
                if m is not None:
                    sums[key]["f1"] += m["indicator_f1"] or 0
                    sums[key]["amounts"] += m["amounts"] or 0
                    sums[key]["silent"] += bool(m["silent_error_rate"])
            if m is not None and m["silent_error_rate"]:
                silent += 1
                if args.show:
                    print(f"    silent: {entry['id']} {ind} {money} {'every' if every else 'first'} {sep}")
    for key, c in sums.items():
        read = (c["forms"] - c["refused"]) or 1
        print(
            f"{key:22} forms {c['forms']:4}  refused {c['refused']:3}  indicator F1 {c['f1'] / read:.3f}  "
            f"amounts {c['amounts'] / read:.3f}  silent {c['silent']}"
        )
    print(f"silently wrong forms: {silent}")
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main())
