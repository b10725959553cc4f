"""Project fields stated in running text (parsers/prose_fields.py), read whatever the writing style.

Notices and reports are rendered from the dev split's gold projects (name, money, goal, the
indicators whose level-2 label and target are clearly written) in the three ways dev documents
from different sites write them: numbered items with their amount (a lottery-fund notice, h03),
quoted items with numbered fields (a disclosure of project basics, h11) and an evaluation report
stating ``X项目预算合计为…`` under its title (h16, h12). Each is perturbed the ways real pages
differ: line breaks, blank lines, half-width punctuation, spaces, traditional characters, fields
in another order. A field is read right or not at all; every reading is flagged for a human.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import zhconv

from assistant.errors import InputError
from assistant.evaluate.metrics import project_flags
from assistant.extract import extract
from assistant.ingest import read_bytes

GOLD = Path(__file__).resolve().parent.parent / "gold" / "real"
_LEVEL2 = re.compile(r"^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)指标$")
_TARGET = re.compile(r"^[≥≤=><]{1,2}\d+(?:\.\d+)?(?:%|人|个|天|次|家|项|户|所|万元|公里|小时|人次)?$")
_PLAIN = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff0-9（）()、]{1,40}$")


def _dev_projects() -> list[dict]:
    """Dev gold projects a notice could state plainly: a name with no separator, a total, a
    one-paragraph goal (or none), and the indicators with a known level-2 label and a target."""
    out = []
    for folder in sorted(GOLD.iterdir()):
        meta = folder / "meta.json"
        if not meta.exists() or json.loads(meta.read_text())["split"] != "dev":
            continue
        for unit in json.loads((folder / "gold.json").read_text())["units"]:
            for p in unit["projects"]:
                name, total, goal = p["name"], p["amounts"]["total"], p["goal"]
                if not name or not _PLAIN.match(name) or name.endswith("项目") or not total or total <= 0:
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


PROJECTS = _dev_projects()


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
    return "\n".join(lines) + "\n", [{**p, "name": p["name"] + "项目", "goal": goal, "indicators": []}]


def _perturb(text: str, how: str) -> str:
    if how == "blank":  # a web page copied paragraph by paragraph
        return text.replace("\n", "\n\n")
    if how == "halfwidth":
        return text.translate(str.maketrans("：；，（）", ":;,()"))
    if how == "spaces":  # indentation and spaces around the punctuation, as PDF and web text have
        return re.sub(r"([：:；;。])", r" \1 ", text).replace("\n", "\n\u3000\u3000")
    if how == "traditional":
        return zhconv.convert(text, "zh-hant")
    return text


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "notice.txt"), backend="rules")


def _fold(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", zhconv.convert(text, "zh-hans"))


def _check(text: str, expected: list[dict]) -> tuple[int, int]:
    """(fields right, fields read wrong) over name, total, goal and indicators; a field wrong is a failure of the test."""
    table = _read(text)
    projects = table.projects()
    assert len(projects) == len(expected), [p.name for p in projects]
    flags = project_flags(table)
    right = wrong = 0
    for got, want, flagged in zip(projects, expected, flags, strict=True):
        assert flagged, "a field read from prose must flag its project"
        pairs = [
            (_fold(got.name), _fold(want["name"])),
            (got.amounts.total, want["total"]),
            (_fold(got.goal), _fold(want["goal"])),
            (
                [(_fold(i.level2_name), _fold(i.name), _fold(i.annual_value)) for i in got.indicators],
                [tuple(_fold(x) for x in t) for t in want["indicators"]],
            ),
        ]
        if "fiscal" in want:
            pairs.append((got.amounts.fiscal, want["fiscal"]))
        for a, b in pairs:
            if a == b:
                right += 1
            else:
                wrong += 1
    return right, wrong


def test_there_are_dev_projects_to_render():
    assert len(PROJECTS) >= 30
    assert sum(bool(p["indicators"]) for p in PROJECTS) >= 8
    assert sum(bool(p["goal"]) for p in PROJECTS) >= 10


HOW = ["plain", "blank", "halfwidth", "spaces", "traditional"]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("inline", [False, True])
def test_numbered_items_with_amounts_read_back(how, inline):
    for i in range(0, len(PROJECTS) - 1, 2):
        text, expected = _items_notice(PROJECTS[i : i + 2], inline)
        right, wrong = _check(_perturb(text, how), expected)
        assert wrong == 0, (how, PROJECTS[i]["name"])


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("inline", [False, True])
@pytest.mark.parametrize("reorder", [False, True])
def test_quoted_items_with_numbered_fields_read_back(how, inline, reorder):
    for i in range(0, len(PROJECTS) - 2, 3):
        text, expected = _quoted_notice(PROJECTS[i : i + 3], inline, reorder)
        right, wrong = _check(_perturb(text, how), expected)
        assert wrong == 0, (how, PROJECTS[i]["name"])


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("breakdown", [False, True])
@pytest.mark.parametrize("goal_label", ["绩效目标", "年度绩效目标", "总体目标", "项目绩效目标"])
def test_report_stating_its_budget_reads_back(how, breakdown, goal_label):
    for p in PROJECTS:
        text, expected = _report(p, breakdown, goal_label)
        right, wrong = _check(_perturb(text, how), expected)
        assert wrong == 0, (how, p["name"])


@pytest.mark.parametrize(
    "stem",
    [
        "h03-fj-jinan-yuefeng-lottery-elderly-notice-prose",
        "h11-ah-yeji-culture-tourism-projects-prose-cellpipe",
        "h12-jx-sixia-village-road-eval-traditional-prose",
        "h16-xz-karuo-welfare-institutions-eval-report-prose",
    ],
)
def test_dev_prose_documents_read_as_labeled(stem):
    """The four dev prose documents of four sites: names, totals, goals and indicators as the gold has them."""
    gold = json.loads((GOLD / stem / "gold.json").read_text())
    want = [
        {
            "name": p["name"],
            "total": None if p["amounts"]["total"] is None else Decimal(str(p["amounts"]["total"])),
            "goal": p["goal"],
            "indicators": [(i["level2_name"], i["name"], i["annual_value"]) for i in p["indicators"]],
        }
        for u in gold["units"]
        for p in u["projects"]
    ]
    _, wrong = _check((GOLD / stem / "source.txt").read_text(), want)
    assert wrong == 0


def test_achieved_value_is_never_a_target():
    text = (
        "关于2023年度道路养护项目资金使用情况的公示\n1、道路养护经费20万元；\n"
        "数量指标：养护里程≥30公里，当年实际完成32公里。\n服务对象满意度指标：群众满意度完成95%。\n"
        "2、桥梁维修经费8万元；\n"
    )
    project = _read(text).projects()[0]
    assert [(i.name, i.annual_value) for i in project.indicators] == [("养护里程", "≥30公里"), ("群众满意度", None)]


def test_several_amounts_are_not_read_and_say_so():
    text = "某某项目绩效评价报告\n\n某某项目预算资金50万元，追加资金20万元。\n(二)绩效目标:完成全年工作任务。\n"
    table = _read(text)
    project = table.projects()[0]
    assert project.amounts.total is None
    assert project.goal == "完成全年工作任务。"
    assert any(f.code == "PROSE_AMOUNTS_SEVERAL" for f in table.failures)


def test_sentence_goal_gives_no_indicator():
    """A 绩效目标 line with one target among sentences is a goal: no indicator is made up from it."""
    text = "关于某某道路工程绩效评价报告\n项目总投资19万元。\n(二)绩效目标:道路硬化≥0.5km，改善村民出行条件。\n"
    project = _read(text).projects()[0]
    assert project.indicators == []
    assert project.amounts.total == Decimal("19")


@pytest.mark.parametrize(
    "text",
    [
        "关于做好2024年春节期间值班工作的通知\n各单位：请按要求安排值班。\n",
        "1、加强学习；\n2、提高认识；\n3、落实责任。\n",
        "某某项目绩效评价报告\n\n一、项目基本情况\n项目由某某局负责实施。\n",  # a name, nothing else
    ],
)
def test_text_with_no_project_fields_is_still_refused(text):
    with pytest.raises(InputError):
        _read(text)


def test_form_with_no_name_takes_the_project_its_report_states_the_money_of():
    """f04 (a self-evaluation report with one grid and no 项目名称 cell): the name and the total come
    from '该X项目于…批复下达预算资金10万元', both flagged."""
    stem = "f04-sc-daying-market-consumer-city-selfeval-report-pipe"
    table = _read((GOLD / stem / "source.txt").read_text())
    project = table.projects()[0]
    assert (project.name, project.amounts.total) == ("双心及文明城市创建专项资金", Decimal("10"))
    codes = {f.code for f in table.failures}
    assert {"PROSE_NAME_FROM_TEXT", "PROSE_AMOUNT_FROM_TEXT"} <= codes and "FORM_NO_NAME" not in codes


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("该双心创建专项资金项目于2020年初申报,批复下达预算资金10万元。", "双心创建专项资金"),
        ("該雙心創建專項資金項目于2020年初申報,批覆下達預算資金10萬元。", "雙心創建專項資金"),
        ("某区2022年度福利机构运行经费(孤儿供养)项目预算合计为423.38万元(其中:区级100万元)。", None),
        ("2019年通过统筹整合财政涉农资金项目立项,项目总投资19万元。", "-"),  # 立项: not a money sentence's subject
        ("该项目于2020年实施。\n另有资金10万元。", "-"),  # the money is in another sentence
    ],
)
def test_name_in_money_sentence(sentence, name):
    from assistant.extract.parsers.prose_fields import name_in_money_sentence

    found = name_in_money_sentence(sentence)
    if name == "-":
        assert found is None
    else:
        want = name or sentence[: sentence.index("项目") + 2]
        assert found is not None and found[0] == want
        assert sentence[found[1] : found[1] + len(want)] == want
