"""Notices and reports rendered from dev gold projects, for the prose-fields tests and benchmark.

The dev split's gold projects (name, money, goal, the indicators whose level-2 label and target
are clearly written) are written the three ways dev documents from different sites write them:
numbered items with their amount (a lottery-fund notice, h03 www.fzja.gov.cn), quoted items with
numbered fields (a disclosure of project basics, h11 www.ahyeji.gov.cn) and an evaluation report
stating ``X项目预算合计为…`` under its title (h16 karuo.changdu.gov.cn), then perturbed the ways
real pages differ (line breaks, blank lines, half-width punctuation, spaces, traditional
characters, fields in another order).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import zhconv
from dev_gold import dev_gold

from assistant.errors import InputError
from assistant.evaluate.metrics import project_flags
from assistant.extract import extract
from assistant.ingest import read_bytes

GOLD = Path(__file__).resolve().parent.parent / "gold" / "real"
_LEVEL2 = re.compile(r"^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)指标$")
_TARGET = re.compile(r"^[≥≤=><]{1,2}\d+(?:\.\d+)?(?:%|人|个|天|次|家|项|户|所|万元|公里|小时|人次)?$")
_PLAIN = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff0-9（）()、]{1,40}$")


def dev_projects() -> list[dict]:
    """Dev gold projects a notice could state plainly: a name with no separator, a total, a
    one-paragraph goal (or none), and the indicators with a known level-2 label and a target."""
    out = []
    for _, gold in dev_gold():
        for unit in gold["units"]:
            for p in unit["projects"]:
                name, total, goal = p["name"], p["amounts"]["total"], p["goal"]
                if not name or not _PLAIN.match(name) or name.endswith("项目") or not total or total <= 0:
                    continue
                # a whole-unit table named by its heading (LABELING N3): no notice states it
                if name.endswith("表"):
                    continue
                if goal is not None and (re.search(r"[\n:：≥≤=><]|[（(]\d[)）]|^\d|绩效目标", goal) or len(goal) > 300):
                    goal = None
                indicators = [
                    (i["level2_name"], i["name"], i["annual_value"])
                    for i in p["indicators"]
                    if i["level2_name"]
                    and _LEVEL2.match(i["level2_name"])
                    and _PLAIN.match(i["name"])
                    and not re.search(r"完成|\d$", i["name"])
                    and _TARGET.match(i["annual_value"] or "")
                ]
                amount = Decimal(str(total))
                amount = amount.to_integral() if amount == amount.to_integral() else amount.normalize()
                out.append({"name": name, "total": amount, "goal": goal, "indicators": indicators[:5]})
    return out


PROJECTS = dev_projects()


def _sentence(goal: str | None) -> str | None:
    return None if goal is None else goal if goal.endswith("。") else goal + "。"


def _items_notice(pair: list[dict], inline: bool) -> tuple[str, list[dict]]:
    """h03's way: 1、name amount万元； (1)主要用于… and level-2 lines 数量指标：name value，当年实际完成value。"""
    lines = ["2024年度项目资金分配使用情况公示", "", "  现将分配使用情况公告如下:", ""]
    expected = []
    for n, p in enumerate(pair, 1):
        lines.append(f"  {n}、{p['name']}{p['total']}万元；")
        lines.append("  (1)主要用于项目实施。")
        lines.append("  (2)主要绩效目标及完成情况:")
        for label, name, value in p["indicators"]:
            lines.append(f"  {label}：{name}{value}，当年实际完成{value.lstrip('≥≤=><')}。")
        expected.append({**p, "goal": None})
    lines += ["", "来源:某某镇"]
    sep = " " if inline else "\n"
    return sep.join(lines) if not inline else "\n".join(lines), expected


def _quoted_notice(pair: list[dict], inline: bool, reorder: bool) -> tuple[str, list[dict]]:
    """h11's way: 1.“name”项目。 (1)项目概述。… (6)年度预算安排。财政拨款N万元。 (7)绩效目标。…"""
    parts, expected = [], []
    for n, p in enumerate(pair, 1):
        goal = _sentence(p["goal"])
        fields = [
            f"(1)项目概述。用于{p['name']}。",
            "(3)实施主体。某某局。",
            f"(6)年度预算安排。财政拨款{p['total']}万元。",
        ]
        goal_field = [f"(7)绩效目标。{goal}"] if goal else []
        fields = goal_field + fields if reorder else fields + goal_field
        parts.append((" " if inline else "\n").join([f"{n}.“{p['name']}”项目。", *fields]))
        expected.append({**p, "goal": goal, "indicators": [], "fiscal": p["total"]})
    return "|\n" + (" " if inline else "\n").join(parts) + "\n", expected


def _report(p: dict, breakdown: bool, goal_label: str = "绩效目标") -> tuple[str, list[dict]]:
    """h16's way: a 绩效评价报告 whose (二)项目预算 writes X项目预算合计为N万元."""
    share = f"(其中:自治区{p['total']}万元)" if breakdown else ""
    goal = _sentence(p["goal"])
    lines = [
        "某某区人民政府",
        "",
        f"某某区2022年度{p['name']}项目绩效评价报告",
        "",
        "项目主管部门:某某区民政局",
        "",
        "一、项目基本情况",
        "(一)项目立项背景",
        "根据有关文件精神开展工作。",
        "(二)项目预算",
        f"{p['name']}项目预算合计为{p['total']}万元{share}。",
    ]
    if goal:
        lines.append(f"(三){goal_label}:{goal}")
    # the title names the project (LABELING N1: title before body), its place and year kept (N2)
    named = f"某某区2022年度{p['name']}项目"
    return "\n".join(lines) + "\n", [{**p, "name": named, "goal": goal, "indicators": []}]


def _perturb(text: str, how: str) -> str:
    if how == "blank":  # a web page copied paragraph by paragraph
        return text.replace("\n", "\n\n")
    if how == "halfwidth":
        return text.translate(str.maketrans("：；，（）", ":;,()"))
    if how == "spaces":  # indentation and spaces around the punctuation, as PDF and web text have
        return re.sub(r"([：:；;。])", r" \1 ", text).replace("\n", "\n\u3000\u3000")
    if how == "traditional":
        return zhconv.convert(text, "zh-hant")
    if how == "opencc":  # another converter than the reader's own table, phrase by phrase
        from form_variants import traditional

        return traditional(text)
    if how == "wrapped":  # a PDF's text layer: every line cut at the column's width, mid-sentence
        return "\n".join(line[i : i + 24] for line in text.split("\n") for i in range(0, max(len(line), 1), 24))
    return text


def read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "notice.txt"), backend="rules")


def codes(table) -> set[str]:
    """The codes of a read table's failures and warnings, for tests asserting a flag was raised."""
    return {f.code for f in table.failures}


def fold(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", zhconv.convert(text, "zh-hans"))


def check(text: str, expected: list[dict]) -> tuple[int, int, bool]:
    """(fields right, fields wrong, every project flagged) over name, total, fiscal, goal and
    indicators; a project too many or too few counts as a field wrong."""
    table = read(text)
    projects = table.projects()
    flags = project_flags(table)
    right, wrong = 0, abs(len(projects) - len(expected))
    for got, want in zip(projects, expected, strict=False):
        pairs = [
            (fold(got.name), fold(want["name"])),
            (got.amounts.total, want["total"]),
            (fold(got.goal), fold(want["goal"])),
            (
                [(fold(i.level2_name), fold(i.name), fold(i.annual_value)) for i in got.indicators],
                [tuple(fold(x) for x in t) for t in want["indicators"]],
            ),
        ]
        if "fiscal" in want:
            pairs.append((got.amounts.fiscal, want["fiscal"]))
        for a, b in pairs:
            right, wrong = (right + 1, wrong) if a == b else (right, wrong + 1)
    return right, wrong, bool(projects) and all(flags)


HOW = ["plain", "blank", "halfwidth", "spaces", "traditional"]
#: perturbations the reader is not required to read right, only never silently wrong
HARD = ["opencc", "wrapped"]
GOAL_LABELS = ["绩效目标", "年度绩效目标", "总体目标", "项目绩效目标"]


def copies(hows: list[str] = HOW + HARD) -> Iterator[tuple[str, str, list[dict]]]:
    """Every rendered copy: (style, text, the projects it states)."""
    for how in hows:
        for inline in (False, True):
            for i in range(0, len(PROJECTS) - 1, 2):
                text, want = _items_notice(PROJECTS[i : i + 2], inline)
                yield f"items inline={inline} {how}", _perturb(text, how), want
            for reorder in (False, True):
                for i in range(0, len(PROJECTS) - 2, 3):
                    text, want = _quoted_notice(PROJECTS[i : i + 3], inline, reorder)
                    yield f"quoted inline={inline} reorder={reorder} {how}", _perturb(text, how), want
        for breakdown in (False, True):
            for label in GOAL_LABELS:
                for p in PROJECTS:
                    text, want = _report(p, breakdown, label)
                    yield f"report breakdown={breakdown} {label} {how}", _perturb(text, how), want


def outcome(text: str, expected: list[dict]) -> str:
    """``right``, ``flagged`` (a field wrong, every project flagged), ``silent`` or ``refused``."""
    try:
        _, wrong, flagged = check(text, expected)
    except InputError:
        return "refused"
    if not wrong:
        return "right"
    return "flagged" if flagged else "silent"
