"""Targets published as a notice outline (parsers/prose.py), read whatever the writing style.

The outlines are rendered from the dev grids of ``gold/real`` (the ones whose categories are
the national vocabulary) in every style real notices use: heading spellings, level-2 labels
on their own line or inline with ``：`` / ``:``, items ended by ``；`` ``;`` ``。`` or a line break,
traditional characters. Every style must give the grid back exactly; nothing is guessed.
"""

from __future__ import annotations

import itertools
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import zhconv
from form_variants import Grid, Row, dev_grids

from assistant.errors import InputError
from assistant.extract import extract
from assistant.ingest import read_bytes

GOLD = Path(__file__).resolve().parent.parent / "gold" / "real"
_L1 = re.compile(r"^(产出|效益|效果|满意度)指标$")
_L2 = re.compile(r"^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度)(指标|目标)$")
_SIGN = re.compile(r"[≥≤≧≦><=＝＞＜]")
_NUMERALS = "一二三四五六七八九十"


def _writable(row: Row) -> bool:
    """A row a notice can write unambiguously: known category names, a name with no separator
    or comparison sign of its own, a value with no separator."""
    if not (row.level1 and row.level2 and _L1.match(row.level1) and _L2.match(row.level2)):
        return False
    if re.search(r"[;；。,，\n:：]", row.name) or _SIGN.search(re.sub(r"[（(][^)）]*[)）]", "", row.name)):
        return False
    return row.annual is None or not re.search(r"[;；。,，\n]", row.annual)


def _grids() -> list[Grid]:
    out = []
    for grid in dev_grids():
        rows = [r for r in grid.rows if _writable(r)]
        if len({r.level1 for r in rows}) >= 2:
            out.append(Grid(grid.name, tuple(rows), grid.stem))
    return out


STYLES = list(
    itertools.product(
        ("{n}、{l1}", "{n}、 {l1}", "{n}.{l1}", "{a}.{l1}", "{n}、{l1}："),  # level-1 heading
        ("own_line", "own_line_arabic", "colon", "ascii_colon"),  # where the level-2 label stands
        ("；", ";", "。", "；\n"),  # what ends an item
        (False, True),  # traditional characters
    )
)


def render(grid: Grid, heading: str, label: str, end: str, traditional: bool) -> str:
    lines = [
        "标 题: | 关于某镇2024年示范项目绩效目标设定的公示 |",
        "安排资金20万元,实施某镇2024年示范项目。项目总体绩效目标是:完成示范任务。现将绩效目标设定如下:",
    ]
    l1_runs = itertools.groupby(grid.rows, key=lambda r: r.level1)  # consecutive runs: the grid's order is kept
    for n, (l1, l1_rows) in enumerate(l1_runs):
        lines.append(heading.format(n=_NUMERALS[n], a=n + 1, l1=l1))
        for k, (l2, rows) in enumerate(itertools.groupby(l1_rows, key=lambda r: r.level2)):
            items = "".join(
                r.name + ("" if r.annual is None else (r.annual if _SIGN.match(r.annual) else "," + r.annual)) + end
                for r in rows
            )
            if label == "own_line":
                lines += [f"({_NUMERALS[k]}){l2}", items]
            elif label == "own_line_arabic":
                lines += [f"({k + 1}){l2}", items]
            else:
                lines.append(l2 + (":" if label == "ascii_colon" else "：") + items)
    lines += ["附件:某镇2024年示范项目绩效目标表", "某镇人民政府", "2024年3月1日"]
    text = "\n".join(lines)
    return zhconv.convert(text, "zh-hant") if traditional else text


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "notice.txt"), "rules")


def test_there_are_dev_grids_to_render():
    assert len(_grids()) >= 5


@pytest.mark.parametrize("style", STYLES, ids=lambda s: "-".join(str(x) for x in s))
def test_every_writing_style_gives_the_grid_back(style):
    heading, label, end, traditional = style
    for grid in _grids()[STYLES.index(style) % 2 :: 2]:  # half the grids per style, the other half in the next
        text = render(grid, heading, label, end, traditional)
        table = _read(text)
        got = [(i.level1_name, i.level2_name, i.name, i.annual_value) for i in table.projects()[0].indicators]
        conv = lambda s: zhconv.convert(s, "zh-hant") if s and traditional else s
        want = [(conv(r.level1), conv(r.level2), conv(r.name), conv(r.annual)) for r in grid.rows]
        assert got == want, (grid.stem, style)


def test_the_header_is_read_and_every_guess_from_a_sentence_is_flagged():
    table = _read(render(_grids()[0], "{n}、{l1}", "colon", "；", False))
    project = table.projects()[0]
    assert project.name == "某镇2024年示范项目" and project.goal == "完成示范任务。"
    assert str(project.amounts.total) in ("20", "20.0") and project.amounts.fiscal is None
    assert table.department == "某镇人民政府" and table.title.startswith("关于某镇")
    codes = {f.code for f in table.failures}
    assert {"PROSE_NAME_FROM_TITLE", "PROSE_AMOUNT_FROM_TEXT"} <= codes


def test_two_different_amounts_are_not_chosen_between():
    text = render(_grids()[0], "{n}、{l1}", "colon", "；", False).replace(
        "安排资金20万元", "安排资金20万元,配套资金5万元"
    )
    table = _read(text)
    assert table.projects()[0].amounts.total is None
    assert "PROSE_AMOUNT_UNTOLD" in {f.code for f in table.failures}


def test_a_notice_without_an_outline_is_still_refused():
    with pytest.raises(InputError):
        _read("关于某项目的公示\n安排资金20万元。项目总体绩效目标是:完成任务。\n某镇人民政府\n2024年3月1日\n")


@pytest.mark.parametrize("doc_id", ["b12-nx-tongxin-grape-notice", "c12-tongxin-training-prose"])
def test_the_dev_notices_give_their_gold_indicators(doc_id):
    folder = GOLD / doc_id
    assert json.loads((folder / "meta.json").read_text())["split"] == "dev"
    gold = json.loads((folder / "gold.json").read_text())
    table = _read((folder / "source.txt").read_bytes().decode("utf-8"))
    got = [i.model_dump(mode="json", exclude={"spans"}) for i in table.projects()[0].indicators]
    assert got == gold["units"][0]["projects"][0]["indicators"]


# ---- a form inside a report: the caption names the project, the report's sentence gives the money ----

_CAPTIONS = ("表1：{name}绩效目标", "表一 {name}2023年度绩效目标", "{name}绩效目标表", "{name}绩效指标")


def _report(caption: str, money: str, sep: str = "pipe") -> str:
    from form_variants import STYLES, render

    grid = dev_grids()[0]
    style = next(s for s in STYLES if s.sep == sep and s.labels == "first" and s.values == "single")
    form = render(grid, style)
    assert form is not None
    body = form.replace(f"项目名称：{grid.name}\n", "")
    return f"某某项目2023年度绩效自评报告\n一、基本情况\n{money}\n(二)绩效目标情况\n{caption}\n{body}"


@pytest.mark.parametrize("caption", _CAPTIONS)
@pytest.mark.parametrize("sep", ["pipe", "line", "tab"])
def test_a_report_names_its_form_by_the_caption_and_flags_it(caption, sep):
    name = "湖北省某某宣传文化工作经费项目"
    table = _read(_report(caption.format(name=name), "下达预算资金100万元,资金来源为一般公共预算财政拨款。", sep))
    project = table.projects()[0]
    assert project.name == name
    assert project.amounts.total == project.amounts.fiscal and str(project.amounts.total) in ("100", "100.0")
    codes = {f.code for f in table.failures}
    assert {"PROSE_NAME_FROM_HEADING", "PROSE_AMOUNT_FROM_TEXT"} <= codes and "FORM_NO_NAME" not in codes


def test_report_money_is_not_guessed():
    # parts after 其中 that do not add up to the amount leave the budget in doubt: said, not read
    two = _read(_report("表1：某项目绩效目标", "预算资金100万元,其中配套资金20万元、中央资金30万元。"))
    assert two.projects()[0].amounts.total is None
    assert "PROSE_AMOUNTS_SEVERAL" in {f.code for f in two.failures if f.field == "amounts.total"}
    # one smaller part leaves the amount standing (the rule of a report read as prose), flagged
    part = _read(_report("表1：某项目绩效目标", "预算资金100万元,其中配套资金20万元。"))
    assert str(part.projects()[0].amounts.total) in ("100", "100.0")
    assert "PROSE_AMOUNT_FROM_TEXT" in {f.code for f in part.failures if f.field == "amounts.total"}
    other = _read(_report("表1：某项目绩效目标", "安排资金30万元,来源为上级补助。"))
    assert str(other.projects()[0].amounts.total) in ("30", "30.0") and other.projects()[0].amounts.fiscal is None


def test_a_form_with_its_own_name_is_not_renamed():
    text = _report("表1：另一个项目绩效目标", "预算资金100万元。").replace("(二)绩效目标情况", "项目名称：本项目")
    assert _read(text).projects()[0].name == "本项目"


def test_a_comma_left_inside_an_item_is_flagged():
    text = render(_grids()[0], "{n}、{l1}", "colon", "；", False)
    first = text.index("数量指标：") + len("数量指标：")
    text = text[:first] + "宣传覆盖面,提高,宣传次数,增加；" + text[first:]
    table = _read(text)
    doubtful = [f for f in table.failures if f.code == "PROSE_ITEM_COMMA"]
    assert doubtful and "宣传覆盖面" in doubtful[0].params["name"]


def test_an_amount_with_thousands_separators_is_read_whole():
    text = render(_grids()[0], "{n}、{l1}", "colon", "；", False).replace("安排资金20万元", "安排资金1,020.5万元")
    assert _read(text).projects()[0].amounts.total == Decimal("1020.5")


def test_an_explainer_page_under_a_breadcrumb_with_bulleted_labels():
    """o08 (a page explaining a 批复表): the first line is the site's breadcrumb, the title is the next
    line, the goal is the paragraph under '一、 项目总体目标', the labels are bulleted (•). Name (year
    left out) and goal are read, both flagged; a bullet is no indicator."""
    text = (
        "当前位置: 首页 > 产品大全 > 2019年度新政务服务中心运行维护费项目支出绩效目标批复表解读\n\n"
        "2019年度新政务服务中心运行维护费项目支出绩效目标批复表解读\n\n"
        "一、 项目总体目标\n本项目旨在通过对新政务服务中心大楼及内部设施进行日常运营与维护,支撑营商环境优化。\n\n"
        "二、 具体绩效指标与目标值\n\n"
        "  1. 产出指标\n"
        "  • 数量指标:核心业务系统与网络平台可用性达到99.9%以上;\n"
        "  • 质量指标:运维响应及时率达到95%以上;\n"
        "  1. 效益指标\n"
    )
    table = _read(text)
    project = table.projects()[0]
    assert project.name == "2019年度新政务服务中心运行维护费项目"  # the year in front kept (LABELING N2, o08)
    assert project.goal == "本项目旨在通过对新政务服务中心大楼及内部设施进行日常运营与维护,支撑营商环境优化。"
    assert [(i.level2_name, i.name, i.annual_value) for i in project.indicators] == [
        ("数量指标", "核心业务系统与网络平台可用性", "99.9%以上"),
        ("质量指标", "运维响应及时率", "95%以上"),
    ]
    assert {"PROSE_NAME_FROM_TITLE", "PROSE_GOAL_FROM_TEXT"} <= {f.code for f in table.failures}


def test_a_bulleted_bare_benefit_category_is_a_label_not_an_indicator():
    """o08 (dev), verbatim: '• 社会效益:' with no 指标 after it opens the 社会效益 items under
    '1. 效益指标'; written bare in a sentence (社会效益:… with no bullet or number) it is not a label."""
    text = (
        "2019年度新政务服务中心运行维护费项目支出绩效目标批复表解读\n\n"
        "  1. 产出指标\n"
        "  • 质量指标:运维响应及时率达到95%以上;\n"
        "  1. 效益指标\n"
        "  • 社会效益:保障政务服务不间断,显著减少因系统或设\n"
    )
    indicators = _read(text).projects()[0].indicators
    assert [(i.level1_name, i.level2_code, i.level2_name) for i in indicators] == [
        ("产出指标", "12", "质量指标"),
        ("效益指标", "22", "社会效益"),
    ]
    assert indicators[1].name == "保障政务服务不间断"  # the bullet's clause, not "社会效益:保障…"
    plain = text.replace("  • 社会效益:", "社会效益:")
    assert _read(plain).projects()[0].indicators[1].name.startswith("社会效益")


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("一、 项目总体目标\n本项目旨在保障中心高效运行。\n", "本项目旨在保障中心高效运行。"),  # o08
        (
            "(二)项目绩效目标。\n\n1.总体目标\n\n通过此次绩效评价,进一步强化资金的使用管理。\n",
            None,
        ),  # m15: the evaluation's
    ],
)
def test_goal_heading_without_the_word_performance(text, goal):
    from assistant.extract.parsers.prose_fields import goal_under_heading

    found = goal_under_heading(text)
    assert (found[0] if found else None) == goal


def test_an_outlines_targets_said_without_a_sign():
    """o08 (dev), verbatim bullets: in an outline of targets every item is one, so 'X为0' gives X its
    target 0, a time limit '4小时内解决' is the value of the words before it, and 工作日 is a unit
    (个 does not cut it short); each is flagged, the name's end being read from the sentence."""
    text = (
        "2019年度新政务服务中心运行维护费项目支出绩效目标批复表解读\n\n"
        "  1. 产出指标\n"
        "  • 数量指标:确保中心所有对外服务窗口全年正常开放天数不低于250个工作日;"
        "核心业务系统与网络平台可用性达到99.9%以上;完成所有计划内的设施设备预防性维护与巡检。\n"
        "  • 质量指标:运维响应及时率达到95%以上;故障平均修复时间(MTTR)控制在2小时以内;重大安全事件发生次数为0。\n"
        "  • 时效指标:运维服务请求受理后,30分钟内响应;常规问题4小时内解决;预算执行进度与时间进度基本同步。\n"
        "  1. 效益指标\n"
    )
    table = _read(text)
    got = [(i.name, i.annual_value) for i in table.projects()[0].indicators]
    assert got[0][1] == "不低于250个工作日"
    assert ("重大安全事件发生次数", "0") in got
    assert ("常规问题", "4小时内解决") in got
    assert ("运维服务请求受理后", "30分钟内响应") in got
    flagged = {f.params.get("name") for f in table.failures if f.code == "PROSE_INDICATOR_FROM_TEXT"}
    assert {"重大安全事件发生次数", "常规问题"} <= flagged
    # beside items stating targets, a clause with none is no indicator; the seqs count the others
    names = [name for name, _ in got]
    assert "完成所有计划内的设施设备预防性维护与巡检" not in names
    assert "预算执行进度与时间进度基本同步" not in names
    assert [i.seq for i in table.projects()[0].indicators] == list(range(1, len(got) + 1))


def test_a_labels_items_that_all_lack_a_target_are_kept():
    """b12 (dev), verbatim: 生态效益指标 and 可持续影响指标 each hold one item with no target; with no
    sibling stating one, the item is the indicator (flagged by the checks for its missing value)."""
    source = next((Path(__file__).parent.parent / "gold" / "real").glob("b12-*")) / "source.txt"
    table = _read(source.read_text(encoding="utf-8"))
    got = [(i.level2_name, i.name, i.annual_value) for i in table.projects()[0].indicators]
    assert ("生态效益指标", "生态修复功能提高", None) in got
    assert ("可持续影响指标", "持续发展", None) in got
