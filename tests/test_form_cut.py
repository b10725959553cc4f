"""One row of text run together cut by the columns its header announced
(:mod:`assistant.extract.parsers.form.cut`), and whole forms run together and in traditional
characters built from dev material. The rule: the cut is the one the columns pin, or it is
reported (two cuts alike, digits cut into scores, a value read by its wording) so the row is
flagged; never a confident wrong cut.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.extract import extract
from assistant.extract.parsers.form.cut import column_kind, cut_row, cut_score, head_run, split_heads
from assistant.ingest import read_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent))
from form_variants import Style, dev_grids, dev_pipe_documents, read_variant, reseparate, silently_wrong, traditional  # noqa: E402

SELF_EVAL = ["年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def _cells(text: str, heads: list[str]):
    cut = cut_row(text, heads)
    assert cut is not None, text
    return (
        text[: cut.name_end],
        [text[a:b] if (a, b) != (0, 0) else None for a, b in (c or (0, 0) for c in cut.cells)],
        cut,
    )


@pytest.mark.parametrize(
    ("text", "heads", "name", "cells"),
    [
        ("主体班培训人次280人次", ["指标值", "指标标准或依据"], "主体班培训人次", ["280人次", None]),
        ("开设课程数量220", ["指标值", "指标标准或依据"], "开设课程数量", ["220", None]),
        ("补贴期限2020.1.1-2020.12.31", ["指标值"], "补贴期限", ["2020.1.1-2020.12.31"]),
        ("补贴标准71.86元/平方米", ["指标值"], "补贴标准", ["71.86元/平方米"]),
        ("饲料库120平米490元/平米", ["指标值"], "饲料库120平米", ["490元/平米"]),
        ("苗木成活率(≥**%)85", ["指标值"], "苗木成活率(≥**%)", ["85"]),
        ("项目完成时间2023年底", ["指标值"], "项目完成时间", ["2023年底"]),
        ("开工时限2021年7月", ["指标值"], "开工时限", ["2021年7月"]),
        ("年增粮食3500公斤", ["指标值"], "年增粮食", ["3500公斤"]),
        (
            "学生受资助人数≧735人次7351010",
            ["指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"],
            "学生受资助人数",
            ["≧", "735", "人次", "735", "10", "10"],
        ),
        ("项目验收合格率100%", ["指标性质", "指标值", "计量单位"], "项目验收合格率", [None, "100", "%"]),
        ("政策知晓率═100%98%109", SELF_EVAL, "政策知晓率", ["═100%", "98%", "10", "9", None]),
        ("设备安装及时率≥95%96%1010无偏差", SELF_EVAL, "设备安装及时率", ["≥95%", "96%", "10", "10", "无偏差"]),
    ],
)
def test_a_row_is_cut_by_what_each_column_holds(text, heads, name, cells):
    got_name, got_cells, _ = _cells(text, heads)
    assert (got_name, got_cells) == (name, cells)


def test_a_value_in_words_is_reported():
    name, cells, cut = _cells("经费支出合规性较高", ["指标值"])
    assert (name, cells) == ("经费支出合规性", ["较高"]) and cut.unsure == "words"


def test_a_unit_not_in_the_list_is_reported():
    name, cells, cut = _cells("雾炮车风炮射程≥80M", ["指标值"])
    assert (name, cells) == ("雾炮车风炮射程", ["≥80M"]) and cut.unsure == "unit"


def test_digits_cut_into_scores_are_reported():
    _, cells, cut = _cells("资金到位及时率≥100%100%107", SELF_EVAL)
    assert cells[:4] == ["≥100%", "100%", "10", "7"] and cut.digits


def test_a_row_no_cut_fits_is_left_to_the_caller():
    assert cut_row("促进市场繁荣372万元将用于学校运转支出,确保教学工作正常运行", ["指标值"]) is None
    assert cut_row("当年在校学生数", ["指标值"]) is None  # no value at all
    assert cut_row("覆盖率100%", ["备注"]) is None  # no value column: nothing to cut by


def test_a_name_never_swallows_a_row_of_values():
    """…到位率100%100%库存数量真实率 holds a whole row: the cut refuses such a name."""
    assert cut_row("储备到位率100%100%库存数量真实率100%100%", ["年度指标值", "全年完成值"]) is None


# rows of the dev 岗位补贴 form (h07) under 三级指标 | 指标内容 | 指标值 | 绩效标准: the description
# ends on a word the name starts with (完成…及时完成), or starts with the name's last word
_DESCRIBED = [
    ("完成及时率", "各项工作按计划进度及时完成", "100%"),
    ("预算成本", "项目预算成本,预算成本明细详见项目构成分解", "≦380万"),
    ("补贴覆盖率", "对符合条件的对象发放解困工资的覆盖率", "100%"),
    ("资金拨付及时率", "按时拨付资金", "100%"),
    ("发放人数", "实际发放人数", "250人"),
]


@settings(max_examples=60, deadline=None)
@given(
    row=st.sampled_from(_DESCRIBED),
    standard=st.sampled_from(["计划标准", "历史标准", "行业标准", ""]),
    trad=st.booleans(),
)
def test_a_name_ending_as_names_do_wins_a_tie_with_a_shorter_one(row, standard, trad):
    """Two cuts fit alike (完成 | 各项工作…及时完成 or 完成及时率 | 各项工作…): the name that ends
    as indicator names do (率, 数, 标准, 成本 …) is read, and the tie is still reported."""
    name, description, value = row
    if trad:
        name, description = traditional(name), traditional(description)
    got_name, cells, cut = _cells(name + description + value + standard, ["指标内容", "指标值", "绩效标准"])
    assert got_name == name and cells[1] == value
    assert cut.alike or cells[0] == description


@pytest.mark.parametrize(
    ("heads", "want"),
    [
        (["计算符号目标值度量单位", "指标值", "说明"], ["计算符号", "目标值", "度量单位", "指标值说明"]),
        (["指标性质指标值", "度量单位"], ["指标性质", "指标值", "度量单位"]),
        (["年度指标值", "实际完成值", "分值得分"], ["年度指标值", "实际完成值", "分值", "得分"]),
        (["指标值(A)", "全年实际值(B)"], ["指标值(A)", "全年实际值(B)"]),  # 全年实际值: no such head, kept
        (["年度指标值", "佐证资料"], ["年度指标值", "佐证资料"]),
        (["绩效指标", "描述", "指标值"], ["绩效指标描述", "指标值"]),  # the caption word 绩效指标 cut out of it
        # the dev e01 heads, cut at the label word 指标值 inside the reason head
        (["指标值", "实际完成值", "未达到", "指标值", "原因"], ["指标值", "实际完成值", "未达到指标值原因"]),
    ],
)
def test_heads_run_together_are_cut_into_the_columns_they_name_or_kept(heads, want):
    assert split_heads(heads) == want


def test_a_dev_header_run_together_with_sign_and_unit_columns_reads_its_rows():
    """The dev 部门整体 table d03 run together: 计算符号目标值度量单位指标值说明 is four columns,
    so =116人该指标值数据合理 is a sign, a value, a unit and a note."""
    text = (
        "部门整体绩效目标\n部门名称:示例县林业局\n年度绩效目标\n*年度绩效总目标保障人员经费。\n"
        "一级指标二级指标三级指标计算符号目标值度量单位指标值说明\n"
        "产出指标数量指标保障在职职工人数(人)=116人该指标值数据合理\n"
        "湿地保有量(公顷)=4900公顷该指标值数据合理\n"
        "质量指标工资发放准确性(%)≥95%该指标值数据合理\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "d03.txt"), "rules")
    got = [(i.name, i.annual_value) for p in table.projects() for i in p.indicators]
    assert got == [("保障在职职工人数(人)", "=116人"), ("湿地保有量(公顷)", "=4900公顷"), ("工资发放准确性(%)", "≥95%")]
    # 年度绩效目标 | *年度绩效总目标: the * marks the next key as required, it is not the goal
    assert table.projects()[0].goal == "保障人员经费。"


def test_a_name_restated_by_its_description_column_is_cut_from_it():
    """The dev court form f08 run together: 三级指标 | 绩效指标描述 | 指标值 with the description
    repeating the name (维修面积维修面积≥400平方米): the name once, the tie flagged."""
    name, cells, cut = _cells("维修面积维修面积≥400平方米", ["绩效指标描述", "指标值"])
    assert (name, cells) == ("维修面积", ["维修面积", "≥400平方米"]) and cut.alike


def test_column_kinds_by_head_words():
    assert [column_kind(h) for h in ["指标值", "实际完成值", "分值", "计量单位", "指标性质", "未完成原因"]] == [
        "value",
        "value",
        "score",
        "unit",
        "sign",
        "note",
    ]
    assert column_kind("绩效指标描述") == "note"  # the indicator described, not a second value


def test_cut_score_refuses_a_cell_its_column_cannot_hold():
    assert cut_score("开设课程数量", ["2", "2"], ["指标值", "指标标准或依据"]) is None  # a number as a note
    assert cut_score("开设课程数量", ["220", None], ["指标值", "指标标准或依据"]) is not None


def test_head_rows_run_together_are_heads():
    assert head_run("2021年实际实现值预期2022年实现值")
    assert head_run("年度指标值实际完成值分值得分")
    assert not head_run("培训完成率100%")
    assert not head_run("实际完成率")
    # the dev a19 header run together: 年度指标值(包含数字及文字描述) cut at its label word leaves
    # the note and the next head, which is still a head
    assert head_run("(包含数字及文字描述)实际完成指标值(包含数字及文字描述)")
    assert not head_run("(包含数字及文字描述)")
    assert not head_run("(说明)实际完成率100%")
    # the dev h14 自评表's heads after a page break: 得分计算方法, 未完成原因分析 are heads too
    assert head_run("全年实际值(B)得分计算方法得分未完成原因分析")
    assert not head_run("未完成率")


UNITS = ["%", "人次", "个", "天", "万元", "公里", "元/平方米", "亩", "次"]
SIGNS = ["", "≥", "≤", "＞", "="]


@settings(max_examples=150, deadline=None)
@given(
    name=st.text(alphabet="培训道路覆盖率完成及时合格群众满意度养护建设项目资金发放", min_size=2, max_size=14),
    number=st.integers(min_value=1, max_value=99999),
    unit=st.sampled_from(UNITS),
    sign=st.sampled_from(SIGNS),
    heads=st.sampled_from([["指标值"], ["指标值", "备注"], ["年度指标值", "实际完成值"], SELF_EVAL]),
    score=st.integers(min_value=0, max_value=20),
)
def test_generated_rows_are_cut_right_or_reported(name, number, unit, sign, heads, score):
    """A name, a value of any sign, number and unit, then the columns after it as a 自评表
    fills them: the cut gives back what was joined, or says it is not sure."""
    value = f"{sign}{number}{unit}"
    cells = {"指标值": value, "年度指标值": value, "实际完成值": value, "分值": str(score), "得分": str(score)}
    want = [cells.get(h) for h in heads]
    text = name + "".join(c for c in want if c)
    cut = cut_row(text, heads)
    if cut is None:
        return  # left to the earlier readings, which flag what they cannot read
    got = [text[a:b] if (a, b) != (0, 0) else None for a, b in (c or (0, 0) for c in cut.cells)]
    assert (text[: cut.name_end], got) == (name, want) or cut.alike or cut.digits or cut.unsure


# ---- whole forms: dev grids and dev documents run together, and in traditional characters ----

DEV = dev_grids()
RUN_STYLES = [
    replace(Style("run", labels, values), **change)
    for labels in ("first", "every")
    for values in ("single", "split", "unit")
    for change in (
        {},
        {"traditional": True},
        {"numbered": True},
        {"tail": "selfeval"},
        {"short_header": True, "traditional": True},
    )
]


@pytest.mark.parametrize("style", RUN_STYLES, ids=Style.label)
def test_dev_grids_run_together_never_silently_wrong(style):
    """Every single-project dev grid with its cells run together (a web page or a PDF copied
    without spaces): the indicators are the gold's, or a failure says where to look."""
    assert silently_wrong(DEV, style) == []


def test_dev_grids_run_together_mostly_read_exactly():
    """The plain run-together copy of the dev grids, one 指标值 column: a floor on how many read
    exactly (16 of 43 when written; 12 before the cut by columns). The rest are flagged: most
    hold a value in prose (按在校学生数核算经费) that no separator-free reading can tell from
    its name."""
    style = Style("run", "first", "single")
    results = [r for g in DEV if (r := read_variant(g, style)) is not None]
    right = sum(got == want for got, want, _ in results)
    assert len(results) >= 40 and right >= 16, (right, len(results))


@pytest.mark.parametrize("traditional", [False, True])
def test_short_captions_run_together_are_the_header(traditional):
    """一级二级三级指标性质指标值计量单位: the short captions run together are read as the header
    (三级 | 指标性质, not 三级指标 | 性质), in simplified and traditional characters."""
    grid = next(g for g in DEV if g.stem.startswith("d21"))
    for values in ("single", "split"):
        got, want, _ = read_variant(grid, Style("run", "first", values, short_header=True, traditional=traditional))
        assert got == want


@pytest.mark.parametrize("copy", ["run", "trad"])
def test_dev_documents_run_together_or_traditional_are_never_silently_worse(copy):
    """A dev document of ``|`` rows copied with its cells run together, or in traditional
    characters by OpenCC (another converter than the reader's own table): it reads as well as
    the original, or a failure says where to look. Traditional copies read as well outright."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_run_copies import KEYS, score

    from assistant.gold import load_gold

    documents = dev_pipe_documents()
    assert len(documents) >= 15  # a broken loader must not pass silently
    silent, worse = [], []
    for folder in documents:
        [record] = load_gold(folder)
        text = record.source_path.read_text(encoding="utf-8")
        original, _ = score(record, text, False)
        if original is None:
            continue
        copied = reseparate(text, "run") if copy == "run" else traditional(text)
        m, flagged = score(record, copied, copy == "trad")
        if m is None:
            continue  # refused: said aloud
        if any((m[k] or 0) < (original[k] or 0) - 1e-9 for k in KEYS):
            worse.append(folder.name)
            if not flagged:
                silent.append(folder.name)
    assert silent == []
    if copy == "trad":
        assert worse == []


def test_traditional_copy_by_opencc_reads_the_same_indicators():
    """One dev document in OpenCC's traditional characters reads the same rows as the original."""
    folder = next(f for f in dev_pipe_documents() if f.name.startswith("a12"))
    text = (folder / "source.txt").read_text(encoding="utf-8")

    def rows(source: str):
        table = extract(read_bytes(source.encode("utf-8"), "x.txt"), "rules")
        return [(i.name, i.annual_value) for i in table.projects()[0].indicators]

    assert rows(traditional(text)) == [(traditional(n), traditional(v) if v else v) for n, v in rows(text)]


#: g08 (dev, 湘西州特校): the 湖南 template's header run together, cut by the page inside 指标值内容
G08_HEADS = ["指标值", "指标值", "内容评(扣分标准) 度量单位指标值类型备注"]


def test_a_header_cut_inside_a_head_is_put_back_together():
    """g08: 指标值 | 内容评(扣分标准) 度量单位指标值类型备注 is 指标值内容 | 评(扣)分标准 | 度量单位 |
    指标值类型 | 备注; the scoring rule is a column of its own kind (words with numbers)."""
    heads = split_heads(G08_HEADS)
    assert heads == ["指标值", "指标值内容", "评(扣分标准)", "度量单位", "指标值类型", "备注"]
    assert [column_kind(h) for h in heads] == ["value", "note", "rule", "unit", "sign", "note"]
    assert column_kind("得分计算方法") == "rule"


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        # verbatim g08 rows: name, 指标值, 指标值内容, 评(扣)分标准 (with its numbers), 度量单位 -, 定量/定性
        (
            "学生补助标准17元/人.每天反映学生每天用餐标准按标准发放得10分,每少1元扣1分-定量",
            "学生补助标准",
            "17元/人.每天",
        ),
        (
            "伙食补助发放率90%以上实际发放伙食补助金额/应发放伙食补助金额9%0得10分,每减少1%扣1分-定量",
            "伙食补助发放率",
            "90%以上",
        ),
        ("残疾学生入学率大于90%适龄学生入学情况90%得10分,每减少1%扣1分-定量", "残疾学生入学率", "大于90%"),
        ("补助学生数量168反映补助学生人数发放到位得10分,每减少1%,扣1分-定量", "补助学生数量", "168"),
    ],
)
def test_a_row_with_a_scoring_rule_column_is_cut_and_sure(text, name, value):
    """The rule column holds numbers (得10分, 扣1分) and the dash of an empty unit fits its column;
    cuts that differ only where unread cells end are one reading, not a doubt; a value keeps
    its 以上 (no cell starts with the end of the value before it)."""
    got_name, cells, cut = _cells(text, split_heads(G08_HEADS))
    assert (got_name, cells[0], cells[3], cells[4]) == (name, value, "-", "定量")
    assert not cut.alike


def test_a_date_is_not_cut_before_its_month():
    """g08: 2023年12月31日 is the value whole, never 2023年 with 12月31日 left to the rule after it."""
    text = "任务完成时间2023年12月31日反映该项目完成时间按期完成得10分,每超出10天扣1分-定量"
    name, cells, _ = _cells(text, split_heads(G08_HEADS))
    assert (name, cells[0]) == ("任务完成时间", "2023年12月31日")


def test_a_dev_grid_run_together_with_a_scoring_rule_column_reads_its_rows():
    """g08 (dev), verbatim rows: the unit and project rows of the budget table above the grid
    (code, name, amount) and the empty template rows (-定性) are no indicators; the 度量单位
    dash is not joined to the value."""
    text = (
        "部门:505_湘西州教育和体育局金额单位:万元\n"
        "单位代码单位(专项)名称资金总额实施期绩效目标绩效指标\n"
        "一级指标二级指标三级指标指标值指标值内容评(扣分标准) 度量单位指标值类型备注\n"
        "505006州民族特殊教育学校30.00\n"
        "  505006  学生伙食费30.00\n"
        "成本指标经济成本指标学生补助标准17元/人.每天反映学生每天用餐标准按标准发放得10分,每少1元扣1分-定量\n"
        "生态环境成本指标\n\n\n\n-定性\n"
        "满意度指标服务对象满意度指标学生对学校伙食得满意度95%以上学生对学校伙食满意程度95%以上得10分,每降低1%扣1分-定性\n"
        "产出指标数量指标补助学生数量168反映补助学生人数发放到位得10分,每减少1%,扣1分-定量\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "g08.txt"), "rules")
    got = [(i.level2_name, i.name, i.annual_value) for p in table.projects() for i in p.indicators]
    assert got == [
        ("经济成本指标", "学生补助标准", "17元/人.每天"),
        ("服务对象满意度指标", "学生对学校伙食得满意度", "95%以上"),
        ("数量指标", "补助学生数量", "168"),
    ]


def test_numbers_with_decimals_run_together_are_cut_after_their_decimals_and_reported():
    """h14 (dev), verbatim row under 分值 | 年度指标值(A) | 全年实际值(B) | 得分计算方法 | 得分 |
    未完成原因分析: 12.512.512.5 is 12.5 | 12.5 | 12.5 (a number has had its decimals), the rule
    in words and numbers, then the score; a cut inside digits is reported."""
    heads = split_heads(["分值", "年度指标值(A)", "全年实际值(B)得分计算方法得分未完成原因分析"])
    text = "是否完成绩效目标申报表中申报的数量12.512.512.5完成值达到指标值,记满分;未达到指标值,按B/A或A/B*该指标分值记分。12.5"
    name, cells, cut = _cells(text, heads)
    assert (name, cells[:3], cells[4]) == ("是否完成绩效目标申报表中申报的数量", ["12.5", "12.5", "12.5"], "12.5")
    assert cut.digits


def test_a_scoring_rule_never_runs_into_a_name_and_a_unit_after_it_is_read_or_reported():
    """A g08 row (dev) with its 度量单位 filled (元/人.每天) instead of the dash: the rule's words
    (得10分, 扣1分) are never part of the name, and the rule may end right before a unit that a
    fraction pattern would glue to its 分 (1分元/人); where the unit and the rule's end cannot
    be told apart the cut is reported."""
    heads = split_heads(G08_HEADS)
    text = "学生补助标准17反映学生每天用餐标准按标准发放得10分,每少1元扣1分元/人.每天定量"
    name, cells, cut = _cells(text, heads)
    assert name == "学生补助标准" and cells[0] == "17"
    assert cells[3] == "元/人.每天" or cut.alike


def test_a_scoring_rule_cell_holds_words_with_its_numbers_or_words_alone():
    """A rule column (评(扣)分标准) takes 得10分,每减少1%扣1分 and plain words (按期完成); a value
    with no 分 (95%) is not a rule."""
    from assistant.extract.parsers.form.cut import _fit

    assert _fit("rule", "按标准发放得10分,每少1元扣1分") is not None
    assert _fit("rule", "按期完成") is not None
    assert _fit("rule", "95%") is None


def test_dev_grid_one_cell_per_line_with_labels_in_the_name_column_flags_every_slid_name():
    """g01 (dev) written one cell per line: its 指标名称 column holds the 二级 labels and the
    names are in 指标描述. Since round 14 each row's name is read from its 描述 cell, as the gold
    has it; a reading whose cells slide (values in the name: 375万平方米, 是, ≥95%) must flag each
    such name, never a silent wrong indicator."""
    folder = next(Path(__file__).resolve().parent.parent.glob("gold/real/g01-*"))
    text = reseparate((folder / "source.txt").read_text("utf-8"), "lines")
    table = extract(read_bytes(text.encode("utf-8"), "g01.txt"), "rules")
    got = [(i.name, i.annual_value) for i in table.projects()[0].indicators]
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    want = [(i["name"], i["annual_value"]) for u in gold["units"] for p in u["projects"] for i in p["indicators"]]
    if got == want:
        return
    flagged = {
        f.field.split()[1] for f in table.failures if f.field.startswith("绩效指标 #") and f.field.endswith("name")
    }
    slid = [i for i in table.projects()[0].indicators if i.name in ("375万平方米", "是", "100%", "≥95%")]
    assert slid and all(f"#{i.seq}" in flagged for i in slid)


def test_side_by_side_rows_the_stream_cannot_cut_are_each_flagged():
    """c04 (dev) with its rows run together under a header one cell per line: each row the
    side-by-side stream leaves with fewer values than blocks is flagged at its own row, not only
    the first (物业管理各项任务完成达标率100%物业管理各项任务完成达标率100% had no flag)."""
    source = next(Path(__file__).resolve().parent.parent.glob("gold/real/c04-*/source.txt")).read_text("utf-8")
    table = extract(read_bytes(reseparate(source, "run").encode("utf-8"), "c04.txt"), "rules")
    rows = {f.row for f in table.failures if f.field == "指标值"}
    short = [i for i in table.projects()[0].indicators if i.period_value is None or i.annual_value is None]
    assert short and all(i.spans["name"].row in rows for i in short)


def test_a_name_written_twice_is_flagged():
    """a18 (dev) run together: 当年在校学生数 | 当年在校学生数4953 (a value cell that restates
    the name) reads as a name ending 当年在校学生数当年在校学生数 with the value 4953, and is flagged:
    FORM_NAME_TWICE when that is the whole name, or (since round 11, where the line above ends
    with no value and is joined to it as a wrapped cell) FORM_RUN_LINES_JOINED on the joined row."""
    source = next(Path(__file__).resolve().parent.parent.glob("gold/real/a18-*/source.txt")).read_text("utf-8")
    table = extract(read_bytes(reseparate(source, "run").encode("utf-8"), "a18.txt"), "rules")
    twice = [i for i in table.projects()[0].indicators if i.name.endswith("当年在校学生数当年在校学生数")]
    assert [i.annual_value for i in twice] == ["4953"]
    assert {"FORM_NAME_TWICE", "FORM_RUN_LINES_JOINED"} & {f.code for f in table.failures}
