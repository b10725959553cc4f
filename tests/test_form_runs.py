"""Text run together with no separators (:mod:`assistant.extract.parsers.form.runs`): a host's
page numbers, names holding numbers, and the money row of a 自评表, each perturbed the ways
real copies differ. The rule throughout: the reading is the one the text pins, or a failure says
where to look.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from assistant.extract import extract
from assistant.extract.parsers.form.runs import _cut_mid_word, _split_run, _split_worded
from assistant.extract.parsers.form.tokens import Token
from assistant.ingest import read_bytes
from assistant.ingest.document import Cell

HEAD = (
    "项目支出绩效自评表项目名称乡村道路养护主管部门示例县交通运输局实施单位示例县公路中心"
    "项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额386.5386.5100%"
    "年度总体目标预期目标实际完成情况完成县乡道路日常养护。已完成。"
)
GRID = (
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值"
    "产出指标数量指标培训基层养护人员≥120人次126人次质量指标道路优良率≥85%88%"
    "时效指标养护任务完成时间2023年12月底前2023年11月"
    "效益指标社会效益指标群众出行满意度≥90%95%满意度指标服务对象满意度指标沿线群众满意度≥90%96%"
)


def _extract(text: str):
    return extract(read_bytes(text.encode("utf-8"), "run.txt"), "rules")


def _rows(table):
    return [(i.name, i.annual_value) for i in table.projects()[0].indicators]


def test_plain_run_together_form_reads_every_row():
    table = _extract(HEAD + GRID)
    assert _rows(table) == [
        ("培训基层养护人员", "≥120人次"),
        ("道路优良率", "≥85%"),
        ("养护任务完成时间", "2023年12月底前"),
        ("群众出行满意度", "≥90%"),
        ("沿线群众满意度", "≥90%"),
    ]
    assert str(table.projects()[0].amounts.total) == "386.5"


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=1, max_value=len(GRID) - 1), third=st.booleans(), space=st.sampled_from(["", " "]))
def test_page_numbers_of_a_host_are_left_out_wherever_the_page_breaks(cut, third, space):
    """1、… / 2、… (/ 3、…): the host numbers each page of text run together; a page break may
    fall anywhere, mid-name or mid-value, and the form still reads as if unbroken."""
    want = _rows(_extract(HEAD + GRID))
    pages = [HEAD + GRID[:cut], GRID[cut:]]
    if third and len(pages[1]) > 2:
        half = len(pages[1]) // 2
        pages[1:] = [pages[1][:half], pages[1][half:]]
    text = "《示例自评表.docx》由会员分享,可在线阅读。\n" + "\n".join(
        f"{n}、{space}{page}" for n, page in enumerate(pages, start=1)
    )
    table = _extract(text)
    assert _rows(table) == want
    assert table.projects()[0].name == "乡村道路养护"


def test_numbered_lines_that_are_not_pages_in_order_are_left_alone():
    """A 2、 line with no 1、 line before it is not a page number: the text is read as it is."""
    table = _extract(HEAD + GRID[:60] + "\n2、" + GRID[60:])
    assert table.failures  # the cut cell is not mended, and not read silently


def _token(text: str) -> Token:
    return Token(text, Cell(text, 0, len(text), 1, 0), 0, len(text), 0, 0)


_PARTS = [
    "建设",
    "完成",
    "5000吨",
    "稻谷、",
    "500吨",
    "成品粮",
    "储备到位率",
    "32.1公里",
    "道路",
    "改造",
    "2023年",
    "任务",
]
_VALUES = ["100%", "≥95%", "300人", "2023年12月", "10个", "≤5天", "合格", "1.5万元"]


@st.composite
def _items(draw):
    n = draw(st.integers(min_value=1, max_value=4))
    k = draw(st.integers(min_value=2, max_value=3))
    items = []
    for _ in range(n):
        parts = draw(st.lists(st.sampled_from(_PARTS), min_size=1, max_size=4))
        # a name holds a number and its unit among words, never two quantities back to back
        # (储备到位率2023年2023年建设量 reads as a name and two values whatever the rules)
        assume(not any(a[0].isdigit() and b[0].isdigit() for a, b in zip(parts, parts[1:])))
        name = "".join(parts) + draw(st.sampled_from(["率", "数", "量", "情况"]))
        values = draw(st.lists(st.sampled_from([v for v in _VALUES if v != "合格"]), min_size=k, max_size=k))
        items.append((name, values))
    return items, k


@settings(max_examples=300, deadline=None)
@given(_items())
def test_names_with_numbers_split_right_or_are_flagged(case):
    """Names may hold numbers and units (5000吨稻谷、500吨成品粮储备到位率); with two or more
    values after each name the split is the true one, or one the grid flags: no split at all, a
    name cut mid-word, or a name ending in its own first value."""
    items, k = case
    text = "".join(name + "".join(values) for name, values in items)
    token = _token(text)
    found = _split_run(token, k, numbered=True)
    if found is None or _cut_mid_word(found, token):
        return
    got = [(i.name.text, [v.text for v in i.values]) for i in found]
    doubted = any(i.name.text.endswith(i.values[0].text) for i in found)
    assert got == [(n, v) for n, v in items] or doubted


def test_one_value_after_a_name_with_numbers_is_not_split():
    """完成2个项目建设100%: 完成 | 2个 and 项目建设 | 100% would fit too; with one value column
    a name holding numbers is never cut."""
    assert _split_run(_token("完成2个项目建设100%"), 1, numbered=True) is None


@given(budget=st.integers(min_value=1, max_value=99999), space=st.sampled_from(["", " "]))
@example(budget=1, space=" ")  # 1 1100%: cut at its space, the cells fit no column (found in CI)
@settings(max_examples=40, deadline=None)
def test_a_money_row_run_together_is_read_or_flagged(budget, space):
    """全年预算数 | 全年执行数 | 执行率 run together (40004000100%): the budget, flagged as the
    only reading with money spent, or nothing and a failure; never another amount unflagged."""
    head = HEAD.replace("386.5386.5100%", f"{budget}{space}{budget}100%")
    table = _extract(head + GRID)
    total = table.projects()[0].amounts.total
    flagged = [f for f in table.failures if f.field == "amounts.total"]
    assert (total is not None and int(total) == budget) or flagged
    assert total is None or int(total) == budget


@pytest.mark.parametrize("value", ["稳步提高", "明显改善", "效果明显", "合格", "符合相关规定", "持续保障"])
@pytest.mark.parametrize("name", ["义务教育优质均衡发展情况", "群众出行条件", "工程验收合格率"])
def test_a_value_in_words_closes_a_row_with_no_number(name, value):
    """发展情况稳步提高: no number to cut at, the value is known by its wording (and flagged by the
    grid); the name keeps words that only look like values inside it (验收合格率)."""
    item = _split_worded(_token(name + value), 2)
    assert (item.name.text, item.values[0].text, item.values[1]) == (name, value, None)


# rows of dev grids (d01, g01, j13, g08, c02) whose values are words: a yes-or-no answer, 长期, 有所减轻
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("项目实施是否产生经济价值", "否"),
        ("满足市民生存环境的需求", "是"),
        ("评审程序是否客观公正", "是"),
        ("残疾学生家庭负担", "有所减轻"),
        ("实现社会稳定和谐发展", "长期"),
        ("成本控制", "不超过预算"),
    ],
)
def test_an_answer_or_a_term_in_words_closes_a_row(name, value):
    item = _split_worded(_token(name + value), 2)
    assert (item.name.text, item.values[0].text) == (name, value)


@pytest.mark.parametrize(
    "text", ["工程验收合格率", "提高", "培训人数300人稳步提高", "群众满意度调查", "是否", "资金是否"]
)
def test_no_value_in_words_is_read_where_there_is_none_or_a_number(text):
    assert _split_worded(_token(text), 1) is None


def test_a_run_together_form_with_a_value_in_words_says_so():
    table = _extract(HEAD + GRID.replace("群众出行满意度≥90%95%", "群众出行条件明显改善"))
    rows = _rows(table)
    assert ("群众出行条件", "明显改善") in rows
    assert any(f.code == "FORM_VALUE_BY_WORDING" for f in table.failures)


SHORT = (
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值"
    "产出指标数量培训基层养护人员≥120人次126人次质量道路优良率≥85%88%成本控制率≤100%98%"
    "时效养护任务完成时间2023年12月底前2023年11月"
)


def test_short_level2_labels_are_cut_where_a_label_is_due_and_said_so():
    """数量 right after 产出指标, 质量 and 时效 right after a row's last value: short 二级 labels;
    成本控制率 after 88% too, so it is read as 成本 | 控制率, and every cut is flagged."""
    table = _extract(HEAD + SHORT)
    got = [(i.level2_name, i.name, i.annual_value) for i in table.projects()[0].indicators]
    assert got[:2] == [("数量", "培训基层养护人员", "≥120人次"), ("质量", "道路优良率", "≥85%")]
    assert got[-1] == ("时效", "养护任务完成时间", "2023年12月底前")
    assert any(f.code == "FORM_SHORT_LABEL_CUT" for f in table.failures)


def test_a_name_starting_like_a_label_after_a_full_label_is_not_cut():
    """数量指标 | 成本控制率…: a 二级 label was just given, the name keeps its 成本."""
    table = _extract(HEAD + GRID.replace("培训基层养护人员≥120人次126人次", "成本控制率≤100%98%"))
    assert table.projects()[0].indicators[0].name == "成本控制率"
    assert not any(f.code == "FORM_SHORT_LABEL_CUT" for f in table.failures)


def test_names_with_numbers_are_read_back_from_the_end_of_the_run():
    """达到5亿元5亿元6.47亿元10 under 年初目标值 | 实际完成值 | 得分: the shortest name leaves 10
    with no name of its own, so the name takes its 5亿元."""
    text = "完成院区建设,医疗收入达到5亿元5亿元6.47亿元10"
    found = _split_run(_token(text), 3, numbered=True)
    assert [(i.name.text, [v.text for v in i.values]) for i in found] == [
        ("完成院区建设,医疗收入达到5亿元", ["5亿元", "6.47亿元", "10"])
    ]


def _self_eval_money(row: str) -> str:
    return (
        "项目支出绩效自评表项目名称乡村道路养护主管部门示例县交通运输局实施单位示例县公路中心"
        f"预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率){row}"
        "年度总体目标预期目标实际完成情况完成县乡道路日常养护。已完成。" + GRID
    )


@pytest.mark.parametrize(
    ("row", "traditional"),
    [
        ("年度财政资金总额10001000100%20", False),
        ("年度财政 资金总额10001000100%20", False),  # a cell wrapped inside the label
        ("年度財政資金總額10萬10萬100%20", True),  # amounts with their unit: the units end the cells
        ("年度财政资金总额10万元10万元100%20", False),
    ],
)
def test_the_financial_total_row_of_a_self_evaluation_is_the_total_and_the_fiscal_amount(row, traditional):
    """年度财政资金总额 under 预算数 | 执行数 | 执行率 | 得分: the one amount, all of it 财政; 预算数(A)
    before the other heads is a column head, not a key with a value."""
    table = _extract(_self_eval_money(row))
    amounts = table.projects()[0].amounts
    want = "1000" if "1000" in row else "10"
    assert (str(amounts.total), str(amounts.fiscal)) == (want, want)
    assert not [f for f in table.failures if f.code == "NOT_AN_AMOUNT"]


def test_a_money_row_with_text_run_into_it_is_read_from_its_start_and_flagged():
    """10001000100%20度效标80>…: a caption printed vertically ran into the row."""
    table = _extract(_self_eval_money("年度财政资金总额10001000100%20度效标80> 年绩目"))
    assert str(table.projects()[0].amounts.total) == "1000"
    assert any(f.code == "FORM_MONEY_RUN_TRAILING" for f in table.failures)


def test_a_money_row_whose_units_leave_a_cell_out_is_not_read():
    """10万100%20: one amount for 预算数 | 执行数, and 100% cannot be checked: no amount, a failure."""
    table = _extract(_self_eval_money("年度财政资金总额10万100%20"))
    assert table.projects()[0].amounts.total is None
    assert [f for f in table.failures if f.field == "amounts.total"]


def test_units_of_length_and_area_end_a_value():
    """≥120公里126公里, 500亩: the units of works and land end a value like 人次 and %."""
    table = _extract(HEAD + GRID.replace("培训基层养护人员≥120人次126人次", "养护县乡道路里程≥120公里126公里"))
    assert table.projects()[0].indicators[0].name == "养护县乡道路里程"
    assert table.projects()[0].indicators[0].annual_value == "≥120公里"


def test_a_unit_then_bare_numbers_under_target_and_result_is_not_a_row():
    """建设普通省道二级公路32.1公里2020 under 指标值 | 全年实际完成值 | 未完成原因: 32.1公里 | 20 | 20
    would put a number in the note, 32.1公里 | 2020 a bare number beside a length; neither is read
    silently (b06: the value written twice, 20 | 20, flagged)."""
    grid = (
        "绩效指标一级指标二级指标三级指标指标值全年实际完成值未完成原因和改进措施"
        "产出指标数量指标建设普通省道二级公路32.1公里2020质量指标道路优良率≥85%88%"
    )
    table = _extract(HEAD + grid)
    first = table.projects()[0].indicators[0]
    assert (first.name, first.annual_value) == ("建设普通省道二级公路32.1公里", "20")
    assert any(f.code == "FORM_VALUE_TWICE" for f in table.failures)


def _cell_token(text: str, row: int) -> Token:
    return Token(text, Cell(text, 0, len(text), row, 0), 0, len(text), row, 0)


@pytest.mark.parametrize("values", [[], [None], ["≥90%"]])
def test_a_label_after_a_row_with_fewer_than_two_values_is_a_new_group_not_a_crash(values):
    """Side by side, one cell per line: a row cut short (one value or none, as when lines were
    dropped in a copy) followed by a 二级 label once made the label check index a missing value."""
    from assistant.extract.parsers.form.stream import _repeats_label
    from assistant.extract.parsers.form.tokens import _Item

    name = _cell_token("培训人次", 1)
    item = _Item(name, [_cell_token(v, 1) if v else None for v in values], 1)
    label = _cell_token("质量指标", 2)
    stream = [name, *item.values, label]
    at = {id(t): i for i, t in enumerate(stream) if t is not None}
    assert _repeats_label(label, [item], stream, at) is False


# rows of the dev 县级储备粮 自评表 (b13): name, 年度指标值, 全年完成值, run together
_B13_ROWS = [
    ("利息费用保障率", "100%", "100%"),
    ("县级储备粮贷款付息及时率", "100%", "100%"),
    ("因粮食市场波动引起的粮食安全事件发生数", "0起", "0起"),
    ("市民满意度调查", "290%", "100%"),
]
#: what follows the last whole row in a dev run: an achieved value and a note in words, or a footnote
_TAILS = [
    ("政策性挂账利息补贴保障率100%无没有轮换、动用库存", ("政策性挂账利息补贴保障率", "100%")),
    ("说明无注:1、其他资金包括和中央、省、市补助", None),
    ("无没有轮换、动用库存", None),
]


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(st.sampled_from(_B13_ROWS), min_size=1, max_size=4, unique=True),
    tail=st.sampled_from(_TAILS),
)
def test_a_run_read_in_part_keeps_the_rows_it_reads_and_flags_the_rest(rows, tail):
    """Whole rows, then text no reading fits (a value in words, a footnote): the rows are read,
    one more name with a value that says it is one may be, and the rest is flagged, never read."""
    from assistant.extract.parsers.form.failures import Failures
    from assistant.extract.parsers.form.runs import _read_run
    from assistant.ingest.document import Row

    text = "".join("".join(r) for r in rows) + tail[0]
    failures = Failures("run.txt", [Row([], 1, text)])
    items = _read_run(_token(text), 2, 1, failures, (0, 1), ["年度指标值", "全年完成值", "未完成原因和改进措施"])
    want = [(n, a) for n, a, _ in rows] + ([tail[1]] if tail[1] else [])
    assert [(i.name.text, i.values[0].text) for i in items] == want
    assert any(f.code == "FORM_RUN_READ_IN_PART" for f in failures.found)


def test_a_run_that_reads_whole_is_not_said_to_be_read_in_part():
    from assistant.extract.parsers.form.failures import Failures
    from assistant.extract.parsers.form.runs import _read_run
    from assistant.ingest.document import Row

    text = "".join("".join(r) for r in _B13_ROWS)
    failures = Failures("run.txt", [Row([], 1, text)])
    items = _read_run(_token(text), 2, 1, failures, (0, 1), ["年度指标值", "全年完成值", "未完成原因和改进措施"])
    assert len(items) == len(_B13_ROWS)
    assert not any(f.code == "FORM_RUN_READ_IN_PART" for f in failures.found)


def test_a_form_with_a_footnote_run_into_its_last_row_reads_the_rows_and_flags_it():
    """The dev forms' footnote (说明 | 注:1、…) runs into the last row: every row is read and the
    footnote is flagged, not read as a name."""
    table = _extract(HEAD + GRID + "说明无注:1、其他资金包括和中央、省、市补助")
    assert _rows(table)[-1] == ("沿线群众满意度", "≥90%")
    assert "FORM_RUN_READ_IN_PART" in {f.code for f in table.failures}


# names of the dev 学生资助 自评表 (e14), published with its value cells empty, each group sharing an ending
_E14_GROUPS = [
    ["国家奖学金人数", "国家励志奖学金人数", "国家助学金人数", "应征入伍人数"],
    ["国家奖学金人均资助", "国家励志奖学金人均资助", "国家助学金人均资助"],
    ["资金发放率", "困难生完成学业率", "学生资助政策知晓率"],
]
_SCORE_GAPS = ["", "分", "分(因全校总人数减少,总指标数减少,但奖励、资助比例没减少)"]


@functools.cache
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_names_with_no_values_are_cut_after_their_shared_ending_or_left_whole(data):
    """A template's names run together with their value cells empty, in any order and number,
    with an empty score cell's 分 (and its note) between some: cut into the names, or (no ending
    shared twice) left to the caller's failure; never a name that holds another's end."""
    from assistant.extract.parsers.form.runs import _names_by_ending

    group = data.draw(st.sampled_from(_E14_GROUPS))
    names = data.draw(st.lists(st.sampled_from(group), min_size=1, max_size=len(group), unique=True))
    if data.draw(st.booleans()):  # a traditional copy: 國家獎學金人數, …覆蓋率
        names = [_s2t().convert(n) for n in names]
    gaps = [data.draw(st.sampled_from(_SCORE_GAPS)) for _ in names[1:]]
    text = names[0] + "".join(g + n for g, n in zip(gaps, names[1:]))
    got = _names_by_ending(_token(text), 2, ["年初目标值", "实际完成值", "得分"])
    if len(names) == 1:
        assert got is None
        return
    assert got is not None
    assert [i.name.text for i in got[0]] == names
    assert all(v is None for i in got[0] for v in i.values)


@pytest.mark.parametrize(
    "text",
    [
        "国家奖学金人数100人国家助学金人数",  # a number: values, not a template's names
        "资金发放率困难生完成学业",  # no ending shared
        "长期实施自治区政策,长期实施",  # a name and its value in words: a name holds no sentence
    ],
)
def test_names_are_not_cut_by_ending_where_nothing_is_shared_or_a_value_is_there(text):
    from assistant.extract.parsers.form.runs import _names_by_ending

    assert _names_by_ending(_token(text), 2, ["年初目标值", "实际完成值"]) is None


def test_an_empty_score_cell_is_left_in_the_name_when_the_header_has_no_score_column():
    """分类处理率 may start with 分: without a score column it is the name's."""
    from assistant.extract.parsers.form.runs import _names_by_ending

    got = _names_by_ending(_token("垃圾清运率分类处理率"), 2, ["年度指标值", "实际完成值"])
    assert [i.name.text for i in got[0]] == ["垃圾清运率", "分类处理率"]


def test_a_template_with_its_value_cells_empty_reads_every_name_and_says_so():
    """The dev e14 layout: a 自评表 template published with names and no values."""
    grid = (
        "绩效指标一级指标二级指标三级指标年初目标值()实际完成值()得分"
        "产出指标数量指标国家奖学金人数分(因全校总人数减少)国家助学金人数应征入伍人数"
        "效益指标(分)社会效益指标资金发放率分困难生完成学业率"
    )
    table = _extract(HEAD + grid)
    inds = table.projects()[0].indicators
    assert [i.name for i in inds] == [
        "国家奖学金人数",
        "国家助学金人数",
        "应征入伍人数",
        "资金发放率",
        "困难生完成学业率",
    ]
    assert inds[-1].level1_name == "效益指标"
    assert "FORM_NAMES_BY_ENDING" in {f.code for f in table.failures}


#: readings a traditional mirror prints after some characters (the dev e08, f07, e01 copies)
_READINGS = {
    "產": "chǎn",
    "標": "biāo",
    "數": "shù",
    "質": "zhì",
    "項": "xiàng",
    "時": "shí",
    "滿": "mǎn",
    "養": "yǎng",
}


@settings(max_examples=20, deadline=None)
@given(chars=st.sets(st.sampled_from(sorted(_READINGS)), min_size=1))
def test_a_traditional_run_with_pinyin_readings_reads_as_without_them(chars):
    """產(chǎn)出指標(biāo)數(shù)量指標(biāo)…: the readings cut no label and stay out of every name and value."""
    plain = _s2t().convert(HEAD + GRID)
    marked = "".join(c + (f"({_READINGS[c]})" if c in chars else "") for c in plain)
    want, got = _extract(plain), _extract(marked)
    assert _rows(got) == _rows(want) and len(_rows(want)) == 5
    assert got.projects()[0].name == want.projects()[0].name


def test_a_run_is_not_read_in_part_through_a_date_or_a_unit():
    """The dev g08 row 任务完成时间2023年12月31日反映…: 2023年12月 | 31 is no reading to keep,
    the rest would start with the date's 日."""
    from assistant.extract.parsers.form.failures import Failures
    from assistant.extract.parsers.form.runs import _read_run
    from assistant.ingest.document import Row

    text = "任务完成时间2023年12月31日反映该项目完成时间按期完成"
    failures = Failures("run.txt", [Row([], 1, text)])
    items = _read_run(_token(text), 2, 0, failures, (), ["指标值", "指标值"])
    assert all(v is None or v.text != "2023年12月" for i in items for v in i.values)
    assert failures.found


def _run_form(grid: str):
    text = "项目名称：示例项目\n绩效指标\n一级指标二级指标三级指标指标值\n" + grid + "\n填报人：张三\n"
    return _extract(text)


def _levels(table):
    return [(i.level2_name, i.name, i.annual_value) for i in table.projects()[0].indicators]


@pytest.mark.parametrize("suffix", ["值", "目标"])
def test_level2_labels_take_the_suffix_the_level1_labels_are_written_with(suffix):
    """A form writing 产出值 / 产出目标 for 产出指标 writes 数量值 / 数量目标 for its 二级 labels:
    the word after the short label is the label's, not the name's start, on a row of its own
    and after a value alike."""
    grid = (
        f"产出{suffix}数量{suffix}培训人数120人\n质量{suffix}验收合格率≥95%\n效益{suffix}社会效益{suffix}群众受益面≥80%"
    )
    assert _levels(_run_form(grid)) == [
        (f"数量{suffix}", "培训人数", "120人"),
        (f"质量{suffix}", "验收合格率", "≥95%"),
        (f"社会效益{suffix}", "群众受益面", "≥80%"),
    ]


def test_level2_labels_keep_their_short_spelling_under_level1_labels_ending_in_zhibiao():
    """Under 产出指标 a short 二级 label (数量) takes no 值 after it: 值班人数 stays the name."""
    table = _run_form("产出指标数量值班人数12人")
    assert _levels(table) == [("数量", "值班人数", "12人")]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("2021年1月-12月", "date range"),
        ("2023.07-2024.01", "dotted range"),
        ("1-12月", "month range"),
        ("=44,561", "thousands"),
    ],
)
def test_a_range_or_a_thousands_separated_number_is_one_value(value, kind):
    """A dash or a comma between two numbers run together joins them: no name starts with a dash
    or with the digits after a thousands comma."""
    table = _run_form(f"产出指标时效指标项目实施时间{value}\n质量指标验收合格率≥95%")
    assert _levels(table)[0] == ("时效指标", "项目实施时间", value), kind
    assert _levels(table)[1] == ("质量指标", "验收合格率", "≥95%")


def test_value_heads_run_together_after_the_name_head_are_still_the_header():
    """指标性质年初目标值(A)计量单位实际完成值(B)得分 in one piece after 三级指标 is the header's
    value heads run together, not the first indicator's name."""
    text = (
        "项目名称：示例项目\n绩效指标\n一级指标二级指标三级指标指标性质年初目标值(A)计量单位实际完成值(B)得分\n"
        "产出指标数量指标完成道路建设491米491米10\n填报人：张三\n"
    )
    assert _levels(_extract(text)) == [("数量指标", "完成道路建设", "491米")]


def test_a_value_written_once_per_value_column_leaves_the_name_without_a_copy():
    """实施周期指标值 | 年度指标值 | 实际完成值 all alike: three copies after the name, the name keeps
    none of them; with no name left for three copies (1年1年1年), the name is the first copy."""
    head = "项目名称：示例项目\n绩效指标\n一级指标二级指标三级指标实施周期指标值年度指标值实际完成值分值得分\n"
    text = head + "产出指标数量指标项目总体完成情况基本完成基本完成基本完成109\n时效指标1年1年1年109\n填报人：张三\n"
    table = _extract(text)
    assert [(i.name, i.period_value, i.annual_value) for i in table.projects()[0].indicators] == [
        ("项目总体完成情况", "基本完成", "基本完成"),
        ("1年", "1年", "1年"),
    ]
    assert any(f.code == "FORM_VALUE_TWICE" for f in table.failures)


def test_a_result_in_words_after_a_counted_target_lets_the_row_be_cut():
    """指标值 | 全年实际完成值 | 未完成原因: a target counted (1) and a result saying the work goes on
    (建设中) read the target; a unit left after a number (≥6架已完成) stays the target's."""
    head = "项目名称：示例项目\n绩效指标\n一级指标二级指标三级指标指标值全年实际完成值未完成原因和改进措施\n"
    table = _extract(head + "产出指标数量指标新建活动中心数量1建设中\n填报人：张三\n")
    assert _levels(table) == [("数量指标", "新建活动中心数量", "1")]
    table = _extract(head + "产出指标数量指标巡护车辆数量≥6辆已完成\n填报人：张三\n")
    assert _levels(table) == [("数量指标", "巡护车辆数量", "≥6辆")]


#: i01 (黄冈市水土保持与农田水利科研所, 2020 自评表), verbatim: traditional characters with their
#: pinyin readings, run together, one grid block per goal (年度績效目標1(40分), 年度績效目標2(40分))
I01_TWO_GOAL_BLOCKS = (
    "項(xiàng)目名稱水土保持監測主管部門黃岡市水利和湖泊局項(xiàng)目實(shí)施單位本單位項(xiàng)目類別1、上級專項(xiàng) 2、本級專項(xiàng) "
    "項(xiàng)目屬性1、持續(xù)性項(xiàng)目 2、新增性項(xiàng)目 項(xiàng)目類型1、常年性項(xiàng)目 2、延續(xù)性項(xiàng)目 "
    "3、一次性項(xiàng)目 預(yù)算執(zhí)行情況(萬元)(20分)預(yù)算數(shù)(A)執(zhí)行數(shù)(B)執(zhí)行率(B/A)得分(20分*"
    "執(zhí)行率)年度財(cái)政資金總額1010100%20年度績效目標(biāo)1(40分)一級指標(biāo)二級指標(biāo)三級指標(biāo)年初目標(biāo)"
    "值(A)實(shí)際完成值(B)得分產(chǎn)出指標(biāo)質(zhì)量指標(biāo)監測數(shù)據(jù)必須合格100%100%10進(jìn)度指標(biā"
    "o)取得2018-2022\n2、監測資料100%100%10效益指標(biāo)滿意度指標(biāo)服務(wù)對象滿意度指標(biāo)整編資料審核98%98%19.6年度績效"
    "目標(biāo)2(40分)一級指標(biāo)二級指標(biāo)三級指標(biāo)年初目標(biāo)值(A)實(shí)際完成值(B)得分產(chǎn)出指標(biāo)質"
    "(zhì)量指標(biāo)監測數(shù)據(jù)資料整編100%100%20進(jìn)度指標(biāo)完成年度資料上報(bào)100%100%20效益指標(biāo)社"
    "會(huì)效益指標(biāo)滿意度指標(biāo)服務(wù)對象滿意度指標(biāo)總分99.6"
)


def test_the_next_goals_caption_before_the_grid_printed_again_is_not_the_last_rows_tail():
    """年度績效目標2(40分) heads the second goal's grid: before, the first block's last row took it
    (整編資料審核98%98%19.6年度績效目標2(40分) read as a name with no value, flagged)."""
    rows = _rows(_extract(I01_TWO_GOAL_BLOCKS))
    assert ("整編資料審核", "98%") in rows
    assert not any("目標" in name for name, _ in rows)
    assert ("監測數據資料整編", "100%") in rows


def test_a_level2_label_with_no_row_before_another_group_is_left_out():
    """e14 (dev), verbatim: 服务对象满意度指标 is followed at once by 过程指标, a 自评表's 一级
    block outside the code system; the 满意度 label has no row, so 评审程序是否公正 is under
    过程指标 with no 二级 label (and no code), not under 服务对象满意度指标."""
    text = (
        "项目名称湖北工程学院年学生资助项目主管部门湖北省教育厅项目实施单位湖北工程学院\n"
        "一级指标二级指标三级指标年初目标值()实际完成值()得分"
        "效益指标(分)社会效益指标资金发放率分困难生完成学业率服务对象满意度指标过程指标评审程序是否公正是是\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "e14.txt"), "rules")
    last = table.projects()[0].indicators[-1]
    assert (last.level1_name, last.level1_code, last.level2_name, last.level2_code) == ("过程指标", None, None, None)
    assert (last.name, last.annual_value) == ("评审程序是否公正", "是")


def test_a_unit_fraction_before_a_value_belongs_to_the_value():
    """a09 (dev), verbatim: 演出设备成本件/件2万元2万元2018 is the name 演出设备成本 and the target
    件/件2万元 (the unit written in the target's cell only), then the achieved 2万元 and the
    scores; a name does not end in a unit fraction."""
    text = (
        "1、项目支出绩效自评表(2020 年度)项目名称演出设备更新专项经费主管部门新洲区楚剧团实施单位新洲区文化和旅游局机关"
        "绩 效 指 标一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分偏差原因分析 及改进措施"
        "产出指标数量指标更新剧团老化、损坏的音50件50件2020望新点胸艮必具100件100件2020质量指标音响、\n"
        "2、灯光、道具、服装 质量等合格合格2020指标2:时效指标指标1:指标2: 成本指标演出设备成本件/件2万元2万元2018指标2:\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "a09.txt"), "rules")
    got = [(i.name, i.annual_value) for i in table.projects()[0].indicators]
    assert ("演出设备成本", "件/件2万元") in got
    assert ("更新剧团老化、损坏的音", "50件") in got


@pytest.mark.parametrize("button", ["返回】", "【返回】", "【打印】", "关闭窗口】"])
def test_a_page_button_after_the_grid_ends_it(button):
    """g08 (dev): the page's 返回】 button, after the last row of the grid, is not an indicator."""
    from assistant.extract.parsers.form.labels import _ends_grid

    assert _ends_grid(button)
    assert not _ends_grid("返回率")


def test_a_row_the_values_would_cut_mid_word_is_cut_by_its_columns_and_said_so():
    """c10 (dev) run together, verbatim cells: 防疫室84平米≥1050元 cut at its values is 防疫室 | 84
    and 平米 | ≥1050元 (a name starting with a unit); cut by the 指标值 column it is 防疫室84平米 |
    ≥1050元, and the row is flagged."""
    text = (
        "项目名称大青山乡沙湾子少数民族聚居村养殖场基础设施建设项目\n"
        "一级指标二级指标三级指标指标值\n成本指标打井、配电50000元\n防疫室84平米≥1050元\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "c10.txt"), "rules")
    got = [(i.name, i.annual_value) for i in table.projects()[0].indicators]
    assert got == [("打井、配电", "50000元"), ("防疫室84平米", "≥1050元")]
    assert any(f.code == "FORM_RUN_CUT_BY_COLUMNS" for f in table.failures)
