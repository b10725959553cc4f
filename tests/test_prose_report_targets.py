"""Targets that self-evaluation reports and notices write as sentences (parsers/prose_targets.py,
prose_fields._labeled, prose.report_indicators).

Dev reports write them four ways, each quoted verbatim below with its document id:
* a clause naming its target (m06 ``建设占地面积:指标值为“约12000平方米”,全年实际完成值约20000平方米;``,
  k03 ``1.…免疫密度,年初目标值≥90%,实际完成值≥90%,自评得分20分;``);
* a category label over its measures and their numbers, with no separate target (m04 ``(1)数量指标。``
  over ``办理法律援助案件94件;…``, n07 ``(1)数量指标。基本完成治理水土流失面积1429.39hm,其中坡改梯25.26hm,…``);
* a label's list after a colon (k10 ``数量指标:完成道路建设491米,已完成;``, l06 ``②时效指标:…到位率为100%``);
* a level-1 label with its level 2 in brackets (l06 ``(3)满意度指标(服务对象满意度指标):学校满意度大于年度指标值≥95%``).
Each is read as the gold has it, every indicator flagged as read from running text, and what the
report says was done, received or scored is not read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import zhconv

from assistant.errors import InputError
from assistant.extract import extract
from assistant.extract.parsers.prose_targets import count_in, goal_targets, stated_targets, targets_in
from assistant.ingest import read_bytes

REAL = Path(__file__).resolve().parent.parent / "gold" / "real"


def _folder(key: str) -> Path:
    (found,) = [p for p in REAL.iterdir() if p.name.startswith(key + "-")]
    return found


def _source(key: str) -> str:
    return (_folder(key) / "source.txt").read_text(encoding="utf-8")


def _fold(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", zhconv.convert(text, "zh-hans"))


def _gold(key: str) -> list[tuple]:
    gold = json.loads((_folder(key) / "gold.json").read_text(encoding="utf-8"))
    return [
        (i["level1_code"], i["level2_code"], _fold(i["level2_name"]), _fold(i["name"]), _fold(i["annual_value"]))
        for u in gold["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "report.txt"), backend="rules")


def _got(table) -> list[tuple]:
    return [
        (i.level1_code, i.level2_code, _fold(i.level2_name), _fold(i.name), _fold(i.annual_value))
        for p in table.projects()
        for i in p.indicators
    ]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # m06: the target quoted after its word, the result after it
        ("建设占地面积:指标值为“约12000平方米”,全年实际完成值约20000平方米", [("建设占地面积", "约12000平方米")]),
        (
            "完工日期:指标值为“2021年4月15日”,全年实际完成值为0,因项目尚在建设工期内,未到完工日期",
            [("完工日期", "2021年4月15日")],
        ),
        (
            "设施质量合格率:指标值为“100%”,使用直达资金采购的各类设施及物料均为合格产品,完成值为100%",
            [("设施质量合格率", "100%")],
        ),
        # k03: the result written with a sign is skipped; 年 dropped from 年初目标值
        ("大规模随意抛弃病死猪事件,年初目标值=0件,实际完成值=0件,自评得分20分", [("大规模随意抛弃病死猪事件", "=0件")]),
        ("补助对象对项目满意率,初目标值≥90%,实际完成值≥90%,自评得分20分", [("补助对象对项目满意率", "≥90%")]),
        # l06: the comparison word before the target's word is neither name nor value
        ("学校满意度大于年度指标值≥95%", [("学校满意度", "≥95%")]),
        ("经费发放率为98%", []),  # i04: a result, still not read
    ],
)
def test_targets_named_in_a_clause(clause, expected):
    found = targets_in(clause)
    assert [(name, value) for name, _, value, _ in found] == expected
    for name, name_at, value, value_at in found:
        assert clause[name_at : name_at + len(name)] == name
        assert clause[value_at : value_at + len(value)] == value


@pytest.mark.parametrize(
    ("clause", "listed", "expected"),
    [
        ("办理法律援助案件94件", False, ("办理法律援助案件", "94件")),  # m04
        (
            "基本完成治理水土流失面积1429.39hm",
            False,
            ("治理水土流失面积", "1429.39hm"),
        ),  # n07: 基本完成 is a result word
        ("其中坡改梯25.26hm", False, ("坡改梯", "25.26hm")),  # n07
        ("人均产粮增加290kg/人", False, ("人均产粮增加", "290kg/人")),  # n07
        ("项目区综合治理后年保土量3.51万t", False, ("项目区综合治理后年保土量", "3.51万t")),  # n07
        ("完成道路建设491米", True, ("完成道路建设", "491米")),  # k10: 完成 opens the task's own name
        ("教育专项工作经费资金到位率为100%", True, ("教育专项工作经费资金到位率", "100%")),  # l06, a colon's list
        ("教育专项工作经费资金到位率为100%", False, None),  # the same after 。: what was done
        ("我校收到教育专项工作经费资金16.20万元", True, None),  # l06: money received, a sentence's subject
        ("404名服务对象对象发放补助金2126.81万元", False, None),  # i04: a number inside the name
        ("对三名省级非遗代表性传承人按照7000元/人进行补助", False, None),  # n02: the number is not at the end
        ("2023年", True, None),
        ("年初目标值500人", True, None),  # the target's own word is no name
    ],
)
def test_a_measure_and_its_number(clause, listed, expected):
    found = count_in(clause, linked_by_is=listed)
    assert (found and (found[0], found[2])) == expected or (found is None and expected is None)
    if found:
        name, name_at, value, value_at = found
        assert clause[name_at : name_at + len(name)] == name
        assert clause[value_at : value_at + len(value)] == value


def test_a_grid_head_run_together_is_not_a_stated_target():
    """m02 (an OCR'd 自评表 run together): its heads contain 年初指标值 but are no sentence."""
    line = "一级指林二级指标指标名称(三级指标)年初指标值年终完成值自评分复核分评价标准数量指标15分派车次数15000次"
    assert stated_targets(line, 0, len(line)) == []


def test_stated_targets_skip_table_lines():
    text = "指标名称 | 年初目标值 | 实际完成值\n资金到位率,年初目标值≥90%,实际完成值≥90%;"
    assert [(n, v) for n, _, v, _ in stated_targets(text, 0, len(text))] == [("资金到位率", "≥90%")]


@pytest.mark.parametrize("key", ["m04", "m06", "n07"])
def test_reports_with_no_project_field_are_read_not_refused(key):
    """Their project fields are not read from the text, but their targets are: one unnamed
    project (flagged) with every gold indicator, each flagged."""
    table = _read(_source(key))
    assert _got(table) == _gold(key)
    codes = [f.code for f in table.failures]
    assert codes.count("PROSE_INDICATOR_FROM_TEXT") == len(_gold(key))
    assert "PROSE_FIELDS_ONLY" in codes
    if not table.projects()[0].name:
        assert "FORM_NO_NAME" in codes


@pytest.mark.parametrize("key", ["k03", "k10", "l06"])
def test_reports_read_their_targets(key):
    """k03 (a 项目名称 field, read as a form's header), k10 and l06 (read from their sentences)."""
    table = _read(_source(key))
    assert _got(table) == _gold(key)
    codes = [f.code for f in table.failures]
    assert codes.count("PROSE_INDICATOR_FROM_TEXT") == len(_gold(key))
    assert "FORM_HEADER_ONLY" not in codes  # the indicators were read after all


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


VARIANTS = {
    "as published": lambda t: t,
    "traditional": _traditional,
    "half-width ;": lambda t: t.replace("；", ";"),
    "full-width ；": lambda t: t.replace(";", "；"),
    "full-width colon": lambda t: re.sub(r"(?m)^([^\n:]{2,20}):指标值", r"\1：指标值", t),
    "quotes 「」": lambda t: t.replace("“", "「").replace("”", "」"),
    "numbered （一）": lambda t: re.sub(r"(?m)^\((\d)\)", lambda m: "（" + "一二三四五"[int(m.group(1)) - 1] + "）", t),
    "numbered ①": lambda t: re.sub(r"(?m)^\((\d)\)", lambda m: "①②③④⑤"[int(m.group(1)) - 1], t),
    "label on its sentence's line": lambda t: re.sub(r"(?m)^(\(\d\)[\u4e00-\u9fff]{2,4}指标。)\n", r"\1", t),
    "blank lines": lambda t: t.replace("\n", "\n\n"),
}


@pytest.mark.parametrize("key", ["m04", "m06", "n07", "k03"])
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_report_targets_written_otherwise(key, variant):
    """The dev reports renumbered, re-punctuated, quoted otherwise, spaced or in traditional
    characters: the same targets, each flagged."""
    table = _read(VARIANTS[variant](_source(key)))
    assert _got(table) == _gold(key), variant
    assert sum(f.code == "PROSE_INDICATOR_FROM_TEXT" for f in table.failures) == len(_gold(key))


def test_results_without_targets_are_not_read():
    """m06 with the target words taken away (指标值为“100%” -> 100%): what was done, not read;
    the report, with nothing else to read, is refused as before."""
    text = re.sub(r"指标值为“([^”]*)”", r"\1", _source("m06"))
    try:
        table = _read(text)
    except InputError:
        return
    assert _got(table) == []


def test_a_label_with_a_result_stated_beside_a_target_reads_only_the_target():
    """Under a label whose sentence states a target (指标为), the numbers of its other clauses are
    results: i04's 时效 line with a count added beside it."""
    line = "3.时效指标。优抚对象生活补助金每月中旬发放指标为100%实际完成值为100%;发放人数404人。"
    table = _read("优抚对象生活补助经费转移支付2023年度绩效自评报告\n\n(四)绩效指标完成情况分析\n\n" + line + "\n")
    assert [(i.name, i.annual_value) for p in table.projects() for i in p.indicators] == [
        ("优抚对象生活补助金每月中旬发放", "100%")
    ]


GOAL_LINE = (
    "1. 项目绩效总目标:减免在校一、二、三年级学生学费;发放率100%,减免率100%,社会满意度达:98%,学生满意度达:90%。"  # l01
)


def test_targets_listed_after_the_goal_on_its_line():
    """l01: the goal's sentence ends at ';', its targets follow as 'name number' clauses; the linking
    达: is neither name nor value."""
    assert [(n, v) for n, _, v, _ in goal_targets(GOAL_LINE, 0, len(GOAL_LINE))] == [
        ("发放率", "100%"),
        ("减免率", "100%"),
        ("社会满意度", "98%"),
        ("学生满意度", "90%"),
    ]
    table = _read(_source("l01"))
    assert _got(table) == _gold("l01")
    assert sum(f.code == "PROSE_INDICATOR_FROM_TEXT" for f in table.failures) == 4


@pytest.mark.parametrize(
    "line",
    [
        GOAL_LINE.replace("减免率100%", "减免在校学生学费"),  # one clause is no target: the part is a sentence
        "1. 项目绩效总目标:减免在校一、二、三年级学生学费;发放率100%。",  # one target alone
        "1. 项目绩效总目标:减免在校一、二、三年级学生学费;发放率100%;减免率100%。",  # one target a part
        "1. 项目绩效总目标:减免在校一、二、三年级学生学费,发放率100%,减免率100%。",  # no semicolon: one sentence
    ],
)
def test_goal_lines_that_are_sentences_give_no_targets(line):
    assert goal_targets(line, 0, len(line)) == []


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("资金到位率预期目标值100%,完成值≥90%", [("资金到位率", "100%")]),
        ("资金到位率,全年目标值≥95%,年终完成值为96%", [("资金到位率", "≥95%")]),
        ("资金到位率目标值100%实际完成100%", [("资金到位率", "100%")]),
        ("资金到位率达到100%,完成道路建设≥491米", [("资金到位率", "100%"), ("完成道路建设", "≥491米")]),
    ],
)
def test_target_words_and_results_written_otherwise(clause, expected):
    """m06/k03's clauses with the target's word and the result's word as other reports write them
    (预期目标值, 全年目标值; 完成值, 年终完成值): the target only; a task named 完成… is no result."""
    assert [(n, v) for n, _, v, _ in targets_in(clause)] == expected


@pytest.mark.parametrize("numbering", ["", "1.", "（1）", "①"])
def test_measures_one_a_line_under_a_label(numbering):
    """m04's measures under (1)数量指标。 written one a line, numbered or not: each line is read, up to
    the next label; what follows the next section heading is not."""
    marks = ["", "1.", "（1）", "①"]
    text = _source("m04")
    measures = "办理法律援助案件94件;调解各类纠纷数量1087件;开展普法宣传活动场次86场;参与信访接待和处理案件数量6件。"
    assert measures in text
    lines = measures.rstrip("。").split(";")
    if numbering:
        at = marks.index(numbering)
        lines = [(numbering.replace("1", str(n + 1)) if at < 3 else "①②③④"[n]) + line for n, line in enumerate(lines)]
    table = _read(
        text.replace(measures, "\n".join(lines)).replace(
            "(3)时效指标。\n", "三、偏离绩效目标的原因\n1.项目资金10万元\n"
        )
    )
    assert _got(table) == _gold("m04")


def test_a_reports_goal_said_in_a_sentence_is_read_with_its_targets():
    """m06 (dev): no title, no project named; its 总体绩效目标 goes on 一是…。二是…。 with no colon
    and no heading of its own line: the goal is those sentences (not the one after, which says why
    it was not reached), flagged, beside the target clauses."""
    table = _read(_source("m06"))
    (project,) = table.projects()
    assert project.goal.startswith("一是完成东疆东部沿海岸线基础设施环境提升生态修复及配套设施建设")
    assert project.goal.endswith("二是符合工程施工质量验收相关要求,按时投入使用。")
    assert "PROSE_GOAL_FROM_TEXT" in {f.code for f in table.failures}
    assert len(project.indicators) == 9


def test_a_target_the_cut_text_ends_in_is_not_read():
    """k02 (dev): the page store cut the text inside '質量指標:補助標準達標率年度指標10' (100%?): a
    number the text ends in may be cut, so that item is not read; the whole one before it is."""
    table = _read(_source("k02"))
    names = [i.name for i in table.projects()[0].indicators]
    assert names == ["建設產業園綜合管理服務中心、產業園專家工作站、大數據中心等8個項目"]
    whole = _read(_source("k02").rstrip() + "0%。\n")
    assert [i.annual_value for i in whole.projects()[0].indicators][-1] == "100%"
