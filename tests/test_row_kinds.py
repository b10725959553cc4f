"""Rows a filled-in template leaves behind are no indicators, whatever the layout
(assistant/extract/row_kinds.py, and the one-cell-per-line stream of form/grid.py)."""

from __future__ import annotations

import pytest
from leftover_rows import dev_documents, outcome, read_text, variants

from assistant.extract import extract
from assistant.extract.parsers.form.labels import _is_column_heading, _is_header_word
from assistant.extract.row_kinds import drop_leftovers, leftover_kind
from assistant.ingest import read_bytes
from assistant.messages import msg
from assistant.schema import BudgetTable, Failure, Indicator, Project, Span, Unit


@pytest.mark.parametrize(
    ("name", "values", "kind"),
    [
        ("指标3:", [None, None], "blank"),
        ("指标3：", ["", "**"], "blank"),
        ("……", [None, None], "blank"),
        ("** **", [None, None], "blank"),
        ("3", [None, ""], "blank"),
        ("(3)", [None, None], "blank"),
        (None, ["0", "0.00%"], "blank"),  # a cost row left at zero
        ("0", [None, "0.00%"], "blank"),
        ("00.00%0", [None, None], "blank"),  # the same run together
        ("请填写指标名称", [None, None], "blank"),
        ("三级指标", [None, "指标值"], "heading"),  # the header printed again
        ("- 2 -一级指标", [None, "三级指标"], "heading"),  # after a page mark
        ("绩 效 指 标", [None, None], "heading"),
        ("三級指標", [None, "指標值"], "heading"),
        ("单位（盖章）：   填报人：   联系电话：", [None, None], "stamp"),
        ("审核意见", [None, None], "stamp"),
        ("经办人：", [None, None], "stamp"),
        ("计划标准(或依据)", [None, None], "heading"),
        ("分值(%)", [None, None], "heading"),
        # a 自评表's headings with their cells run together (a web page's copy of c03, d05, g14)
        ("全年实际值得分未完成原因及拟采取的改进措施", [None, None], "heading"),
        ("符号单位(文字描述)单项指标得分", [None, None], "heading"),
        ("权重占比(%)单项指标折算得分", [None, None], "heading"),
        ("绩效实际评分标准指标分值自评得分未完成原因目标值完成值", [None, None], "heading"),
        ("效益指标", [None, None], "label"),
        ("其他资金", ["0", "0.00%"], "money"),  # a 项目资金 row left at zero
        ("财政专户管理资金", [None, "0.00"], "money"),
    ],
)
def test_template_leftovers_are_told(name, values, kind):
    assert leftover_kind(name, values) == kind


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("服务对象满意度", [None, "90%"]),  # a figure that merely holds a 0
        ("重大安全事件发生次数", [None, "0"]),  # a real target of zero
        ("超概算项目比例", [None, "0%"]),
        ("", [None, "不少于6 种"]),  # a row whose name cell is empty but whose value is filled
        ("受益人数(≥**人)", [None, "100人"]),  # the template's hint inside a filled name stays
        ("公用经费标准", [None, None]),  # a name ending in a heading's word is a name
        ("补贴标准", [None, None]),  # it fits the pattern of a value column's heading, yet is a name
        ("项目实施单位", [None, None]),
        ("工程质量合格", [None, None]),  # a name without a value is still an indicator
        ("90%", [None, "95%"]),
        ("三级指标", [None, "100%"]),  # a heading's word with a real value: not a header row
        ("项目金额", [None, "5万元"]),  # a cost target named like money (d01)
        ("指标分值", [None, None]),  # one heading word among few: perhaps a name
        ("年度指标完成率", [None, None]),
        ("单项指标得分", [None, "10"]),  # headings run together with a value: a row, flagged elsewhere
    ],
)
def test_what_may_be_an_indicator_is_kept(name, values):
    assert leftover_kind(name, values) is None


_FORM = """项目名称：道路养护
绩效指标
| 一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 |
| 产出指标 | 数量指标 | 养护里程 | ≥20公里 | 10 |
|  |  | 指标2： |  |  |
| {extra} |
|  | 质量指标 | 验收合格率 | 100% | 10 |
| 效益指标 | 社会效益指标 | 群众出行条件 | 明显改善 | 10 |
"""


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    return [(i.seq, i.name, i.annual_value) for i in table.projects()[0].indicators], table.failures


@pytest.mark.parametrize(
    "extra",
    [
        " |  | …… |  |  ",
        " |  | 0 | 0.00% | 0 ",  # a cost row left at zero
        " |  | 3 |  |  ",  # a row holding only its number
        " 一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 ",  # the header again (a page break)
    ],
)
def test_a_leftover_row_is_no_indicator_and_seq_stays_the_ordinal(extra):
    got, failures = _read(_FORM.format(extra=extra))
    assert got == [(1, "养护里程", "≥20公里"), (2, "验收合格率", "100%"), (3, "群众出行条件", "明显改善")]
    assert not any("#4" in (f.field or "") for f in failures)  # nothing said of a row that is gone


def _table(rows: list[tuple[str | None, str | None]], failures: list[Failure]) -> BudgetTable:
    indicators = [
        Indicator(seq=k + 1, name=name, annual_value=value, spans={"name": Span(start=k, end=k + 1, row=10 + k)})
        for k, (name, value) in enumerate(rows)
    ]
    project = Project(name="道路养护", indicators=indicators)
    return BudgetTable(currency_unit=None, units=[Unit(name="", projects=[project])], failures=failures)


def test_drop_leftovers_numbers_again_and_keeps_only_what_is_said_of_real_rows():
    """Whatever parser read the rows: a lone level label goes with a ROW_ONLY_A_LABEL saying so, a
    failure about a dropped row of filler goes with it, one about a later row follows its new
    number; one about a dropped row holding a figure (maybe a value shifted into the name
    column) stays, pointing at no number."""
    said_of_filler = Failure(row=11, field="绩效指标 #2 name", message=msg("FORM_NAME_LOOKS_LIKE_VALUE", name="……"))
    said_of_figure = Failure(row=12, field="绩效指标 #3 name", message=msg("FORM_NAME_LOOKS_LIKE_VALUE", name="3"))
    said_of_later = Failure(row=14, field="绩效指标 #5 name", message=msg("FORM_NAME_LOOKS_LIKE_VALUE", name="x"))
    rows = [("养护里程", "≥20公里"), ("……", None), ("3", None), ("效益指标", None), ("群众出行条件", "明显改善")]
    table = drop_leftovers(_table(rows, [said_of_filler, said_of_figure, said_of_later]))
    got = [(i.seq, i.name) for i in table.projects()[0].indicators]
    assert got == [(1, "养护里程"), (2, "群众出行条件")]
    assert [(f.code, f.field, f.row) for f in table.failures] == [
        ("FORM_NAME_LOOKS_LIKE_VALUE", "绩效指标", 12),
        ("FORM_NAME_LOOKS_LIKE_VALUE", "绩效指标 #2 name", 14),
        ("ROW_ONLY_A_LABEL", "绩效指标", 13),
    ]


@pytest.mark.parametrize(
    ("name", "value", "want"),
    [
        ("养护里程", "≥20公里……", ("养护里程", "≥20公里")),  # a row of dots run onto a value
        ("养护里程", "≥20公里指标3:", ("养护里程", "≥20公里")),  # an unfilled item run onto it
        ("养护里程", "100%****", ("养护里程", "100%")),
        ("…… 养护里程", "≥20公里", ("养护里程", "≥20公里")),  # dots run onto the next name
        ("** **养护里程", "≥20公里", ("养护里程", "≥20公里")),
        ("受益人数(≥**人)", "≥**", ("受益人数(≥**人)", "≥**")),  # the template's hints stay
        ("*养护里程", "≥20公里", ("*养护里程", "≥20公里")),  # one asterisk: a core mark, the parser's
    ],
)
def test_filler_run_onto_a_filled_cell_is_taken_off(name, value, want):
    table = drop_leftovers(_table([(name, value)], []))
    ind = table.projects()[0].indicators[0]
    assert (ind.name, ind.annual_value) == want


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("养护里程", "≥20个3"),  # a row holding only its number run onto the value
        ("养护里程", "≥20个00.00%0"),  # a zero cost row run onto the value
        ("养护里程00.00%0", None),  # ... or onto the name
        ("养护里程", "00.00%"),  # ... or read as the value (0 and 0.00% run together)
        ("保障人数……2370人", None),  # dots inside a name, not at its ends
        ("保障人数****2370人", None),
        ("养护里程****", None),  # asterisks run onto the name's end
    ],
)
def test_a_leftover_run_into_a_kept_row_is_flagged(name, value):
    """Where cells ran together a leftover no trim can tell off stays in the cell; the row is
    flagged ROW_LEFTOVER_RUN_ON on its (new) seq, never silent."""
    table = drop_leftovers(_table([("……", None), (name, value)], []))
    assert [(f.code, f.field) for f in table.failures] == [("ROW_LEFTOVER_RUN_ON", "绩效指标 #1")]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("受益人数(≥**人)", "≥**"),  # the template's hints
        ("项目总成本", "≤****000元"),
        ("当年在校学生数", "当年在校学生数4953"),
        ("完成率", "100.00%"),
        ("事故发生率", "0.00%"),
        ("受益人口", "大于90%"),
    ],
)
def test_a_filled_row_is_not_flagged_as_run_on(name, value):
    table = drop_leftovers(_table([(name, value)], []))
    assert table.failures == []


def test_a_money_row_with_its_zeros_run_onto_its_name_is_dropped():
    table = drop_leftovers(_table([("养护里程", "≥20公里"), ("其他资金00.00%0", None)], []))
    assert [i.name for i in table.projects()[0].indicators] == ["养护里程"]


def test_a_row_named_like_money_with_bare_figures_is_low_confidence():
    """其中：财政资金 | 3.36 may be the money block read as an indicator or a cost target: kept, and
    its name marked so the clerk checks it (validate_table says LOW_CONFIDENCE)."""
    from assistant.checks import validate_table

    table = drop_leftovers(_table([("养护里程", "≥20公里"), ("其中：财政资金", "3.36"), ("项目金额", "5万元")], []))
    assert [i.name for i in table.projects()[0].indicators] == ["养护里程", "其中：财政资金", "项目金额"]
    doubted = {w.seq for w in validate_table(table) if w.code == "LOW_CONFIDENCE"}
    assert doubted == {2}


_STREAM = """项目名称：道路养护
绩效指标
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
养护里程
≥20公里
{extra}
质量指标
验收合格率
100%
"""


@pytest.mark.parametrize("extra", ["指标3:", "……", "**"])
def test_one_cell_per_line_a_lone_leftover_cell_shifts_nothing(extra):
    got, _ = _read(_STREAM.format(extra=extra))
    assert got == [(1, "养护里程", "≥20公里"), (2, "验收合格率", "100%")]


#: dev documents of each layout whose every leftover copy reads as the untouched source
_CLEAN = {
    "a18-nx-yinchuan-school21-compulsory-edu-pipe",  # | cells
    "a13-sd-linyi-primary-school-cellperline",  # one cell per line, empty cells dropped
    "d13-sc-anju-food-safety-selfeval-cellperline",
    "b08-hn-nanyue-tourism-infra-form",  # cells set by spaces
    "a01-wh-qingshan-edu-runtogether",  # a row's cells run together, a row per line
}


@pytest.fixture(scope="module")
def clean_docs():
    docs = [d for d in dev_documents() if d.stem in _CLEAN]
    assert len(docs) >= 3
    return docs


def test_leftovers_written_into_dev_documents_change_nothing(clean_docs):
    """No copy is silently wrong; a copy with a row of filler (指标3:, ……, **, a stamp line) reads
    as the untouched source. (A row of figures, 3 or 0 | 0.00%, may be a shifted value: flagged
    is enough there.)"""
    wrong = []
    for doc in clean_docs:
        before = read_text(doc.text)
        for label, text in variants(doc):
            result = outcome(before, text)
            filler = label.split("@")[0] in ("blank_item", "dots", "stars", "stamp")
            if result in ("silent", "refused") or (filler and result != "right"):
                wrong.append(f"{doc.stem} {label}: {result}")
    assert wrong == []


def test_a_filler_row_under_a_numbered_selfeval_item_is_no_cell_of_it():
    """A 自评表 read by its 指标N: items (分值 | 得分 after the value columns, empty cells dropped):
    a ``** **`` row under an item must not make its two scores look like a target and its result
    (g16, spaces): the copy reads as the source."""
    doc = next(d for d in dev_documents() if d.stem.startswith("g16-"))
    before = read_text(doc.text)
    text = dict(variants(doc))["stars@middle"]
    assert outcome(before, text) == "right"


@pytest.mark.parametrize("word", ["一级指标", "指标名称", "指标值(年度)", "分值（10分）", "序号", "计划标准", "备注"])
def test_a_column_heading_word_for_word_is_a_header_word_too(word):
    """One vocabulary (form/labels.py): what row_kinds drops as a heading, the grid reads as one."""
    assert _is_column_heading(word) and _is_header_word(word)


@pytest.mark.parametrize("word", ["补贴标准", "实施单位", "年初目标值(A)"])
def test_a_header_words_pattern_is_not_sure_enough_to_drop_a_row(word):
    assert _is_header_word(word) and not _is_column_heading(word)


def test_a_row_flagged_in_source_and_copy_alike_is_not_silent():
    """g16 (spaces): a zero row in the middle moves a score into 资金执行在预算范围内's value; the
    source already said its row's values could not be placed (FORM_VALUES_UNPLACED), and the copy
    says it again on the same row: the clerk is told, so the copy is flagged, not silent."""
    doc = next(d for d in dev_documents() if d.stem.startswith("g16-"))
    before = read_text(doc.text)
    text = dict(variants(doc))["zeros@middle"]
    assert outcome(before, text) == "flagged"


@pytest.mark.parametrize(
    "stem",
    [
        # 指标3: under a one-cell-per-line grid's first name: the unit line 万人 under 农村饮水工程覆盖
        # 服务人口数 is its value's cell (the number never filled in), not the end of the name
        "e11-",
        # 指标3: inside a report's sentence (…发放指标为100%指标3:实际完成值为100%义务兵…): the result
        # clause after it is skipped as it is right after a target, the next name read
        "i04-",
    ],
)
def test_a_blank_item_written_into_a_real_source_reads_as_the_source(stem):
    doc = next(d for d in dev_documents() if d.stem.startswith(stem))
    text = dict(variants(doc))["blank_item@first"]
    assert outcome(read_text(doc.text), text) == "right"


def test_rows_swallowed_by_a_line_a_failure_quotes_are_flagged():
    """j02 (spaces): a lone ``3`` under a 自评表 row joins the rows after it into one line, which
    SELFEVAL_LINE_UNREAD quotes; the source had the same code for another line, so codes alone
    cannot tell. The rows lost stand in the quoted line: the clerk is pointed at them."""
    doc = next(d for d in dev_documents() if d.stem.startswith("j02-"))
    text = dict(variants(doc))["numbering@middle"]
    before = read_text(doc.text)
    assert read_text(text)[0] != before[0]
    assert outcome(before, text) == "flagged"
