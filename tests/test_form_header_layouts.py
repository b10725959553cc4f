"""The money block and the name as real forms lay them out, not only key | value in a row.

Templates write the money as a table (资金来源 | 金额 rows, or the keys on one row over their
amounts), with two money columns (中期 | 年度), in 元 with 单位：元 in the title line, as one cell
holding label and value, or as a sentence; a department's report lists its projects (序号 |
项目名称) above the form. Each layout is read right, or the field is flagged: never silently wrong.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from form_copies import FORM, _grid_lines
from test_form_header import BASE, EXPECTED, _header, _read, _render

from assistant.evaluate.metrics import project_flags

AMOUNTS = EXPECTED["amounts"]


def _rows(money: list[list[str]], title: str = FORM["title"], name: list[list[str]] | None = None) -> list[list[str]]:
    return [
        [title],
        *(name or [[BASE["name"], FORM["name"]]]),
        [BASE["department"], FORM["department"], BASE["unit"], FORM["unit"]],
        *money,
        [BASE["goal"], FORM["goal"]],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        *_grid_lines(FORM, False),
    ]


def _right_or_flagged(table, expected: dict) -> None:
    """Every amount is the expected one, or flagged: a failure on the field, or AMOUNT_MISSING
    (the total not read: the clerk is sent to the money block as a whole)."""
    read = _header(table)["amounts"]
    failed = {f.field for f in table.failures}
    flags = project_flags(table)[0]
    for field, want in expected.items():
        if read[field] != want:
            assert f"amounts.{field}" in failed or "AMOUNT_MISSING" in flags, (field, read)


MONEY_TABLES = {
    # 资金来源 | 金额 over one row per source
    "source_rows": [
        ["资金来源", "金额"],
        ["年度资金总额", "1120.50"],
        ["其中：财政拨款", "1100.50"],
        ["其他资金", "20.00"],
    ],
    # the keys on one row, their amounts on the next (a stub column or none)
    "keys_over_amounts": [
        ["资金来源", "年度资金总额", "其中：财政拨款", "其他资金"],
        ["金额", "1120.50", "1100.50", "20.00"],
    ],
    "keys_over_amounts_no_stub": [["年度资金总额", "其中：财政拨款", "其他资金"], ["1120.50", "1100.50", "20.00"]],
    # 中期 | 年度 money columns: the project's amounts are the year's
    "period_then_year": [
        ["资金情况（万元）", "中期资金总额", "年度资金总额"],
        ["资金总额", "3000.00", "1120.50"],
        ["其中：财政拨款", "2900.00", "1100.50"],
        ["其他资金", "100.00", "20.00"],
    ],
    "period_then_year_spelled": [
        ["资金情况（万元）", "实施期资金总额", "年度资金总额"],
        ["资金总额", "3000.00", "1120.50"],
        ["其中：财政拨款", "2900.00", "1100.50"],
        ["其他资金", "100.00", "20.00"],
    ],
    "year_then_period": [
        ["资金情况（万元）", "年度资金总额", "实施周期资金总额"],
        ["资金总额", "1120.50", "3000.00"],
        ["其中：财政拨款", "1100.50", "2900.00"],
        ["其他资金", "20.00", "100.00"],
    ],
    # label and value in one cell
    "one_cell": [["年度资金总额：1120.50"], ["其中：财政拨款：1100.50"], ["其他资金：20.00"]],
    # the same tables in traditional characters (a mirror site's copy)
    "traditional_keys_over_amounts": [
        ["資金來源", "年度資金總額", "其中：財政撥款", "其他資金"],
        ["金額", "1120.50", "1100.50", "20.00"],
    ],
    "traditional_period_then_year": [
        ["資金情況（萬元）", "中期資金總額", "年度資金總額"],
        ["資金總額", "3000.00", "1120.50"],
        ["其中：財政撥款", "2900.00", "1100.50"],
        ["其他資金", "100.00", "20.00"],
    ],
    "traditional_sentence": [["資金情況", "項目資金1120.50萬元，其中財政撥款1100.50萬元，其他資金20.00萬元"]],
}


@pytest.mark.parametrize("layout", ["pipes", "closed_pipes", "tabs", "lines", "line_pipes"])
@pytest.mark.parametrize("money", MONEY_TABLES)
def test_money_tables_read_right(money, layout):
    assert _header(_read(_render(_rows(MONEY_TABLES[money]), layout))) == EXPECTED


@pytest.mark.parametrize("layout", ["pipes", "lines", "spaces", "none"])
@pytest.mark.parametrize("money", MONEY_TABLES)
def test_money_tables_never_silently_wrong_in_any_layout(money, layout):
    _right_or_flagged(_read(_render(_rows(MONEY_TABLES[money]), layout)), AMOUNTS)


@pytest.mark.parametrize("layout", ["lines", "line_pipes"])
def test_keys_over_fewer_amounts_are_flagged_not_paired(layout):
    """年度资金总额 | 财政拨款 | 其他资金 over 1120.50 | 1100.50 (the empty 其他资金 cell dropped in
    the copy): which amount is which is not known, so none is read and the fields are flagged."""
    money = [["年度资金总额", "其中：财政拨款", "其他资金"], ["1120.50", "1100.50"]]
    table = _read(_render(_rows(money), layout))
    assert _header(table)["amounts"]["other"] is None
    _right_or_flagged(table, {**AMOUNTS, "other": None})
    assert any(f.field.startswith("amounts.") and f.code == "FORM_MONEY_KEYS_UNPLACED" for f in table.failures)


@pytest.mark.parametrize("layout", ["pipes", "lines", "none"])
@pytest.mark.parametrize("where", ["title", "own_line"])
def test_amounts_in_yuan_keep_their_unit(where, layout):
    """单位：元 in the title line or on a line of its own: the amounts stay as written, in 元."""
    money = [["年度资金总额", "11205000", "其中：财政拨款", "11005000", "其他资金", "200000"]]
    title = FORM["title"] + ("  单位：元" if where == "title" else "")
    rows = _rows(money, title=title)
    if where == "own_line":
        rows.insert(1, ["单位：元"])
    table = _read(_render(rows, layout))
    assert table.currency_unit == "元"
    assert _header(table)["amounts"] == {
        "total": Decimal("11205000"),
        "fiscal": Decimal("11005000"),
        "special_account": None,
        "other": Decimal("200000"),
    }


@pytest.mark.parametrize("layout", ["pipes", "lines", "none"])
@pytest.mark.parametrize(
    "sentence",
    [
        "项目资金1120.50万元，其中财政拨款1100.50万元，其他资金20.00万元",
        "年度资金总额1120.50万元，其中：财政拨款1100.50万元，其他资金20.00万元。",
    ],
)
def test_money_written_as_a_sentence_is_read(sentence, layout):
    """Each clause names its amount (项目资金 / 年度资金总额 the total), also when the text runs
    together and the clauses are cut at their labels (an amount ending in ，)."""
    table = _read(_render(_rows([["资金情况", sentence]]), layout))
    assert _header(table)["amounts"] == AMOUNTS


def test_one_amount_in_a_sentence_is_not_a_money_block():
    """A goal-like sentence naming one 资金N万元 beside a money block is not read as the block."""
    money = [
        ["年度资金总额", "1120.50", "其中：财政拨款", "1100.50", "其他资金", "20.00"],
        ["说明", "财政资金500万元用于设备"],
    ]
    assert _header(_read(_render(_rows(money), "pipes")))["amounts"] == AMOUNTS


@pytest.mark.parametrize("layout", ["pipes", "lines", "line_pipes", "none"])
def test_a_list_of_projects_above_the_form_does_not_give_its_serial_as_the_name(layout):
    """A department's report lists its projects (序号 | 项目名称 | 1 | …) before the form: the
    1 under 项目名称 is a serial, and the form's own 项目名称 is the name."""
    listing = [["序号", "项目名称"], ["1", "办公大楼运行保障"], ["2", FORM["name"]]]
    rows = _rows([["年度资金总额", "1120.50", "其中：财政拨款", "1100.50", "其他资金", "20.00"]])
    table = _read(_render([["2023年部门项目绩效评价报告"], *listing, *rows], layout))
    if layout == "none":  # run together, the list and the form cannot be told apart: said so
        assert any(f.field == "项目名称" and f.code == "FORM_NAME_HOLDS_TITLE" for f in table.failures)
    else:
        assert _header(table)["name"] == FORM["name"]


@pytest.mark.parametrize("layout", ["pipes", "lines"])
def test_a_serial_alone_under_the_name_key_is_flagged(layout):
    """No 项目名称 after the list: the name is not read from it, and that is said."""
    rows = _rows([["年度资金总额", "1120.50"]], name=[["序号", "项目名称"], ["1", FORM["name"]]])
    table = _read(_render(rows, layout))
    assert _header(table)["name"] == "" and any(f.field == "项目名称" for f in table.failures)


@pytest.mark.parametrize("layout", ["pipes", "lines", "none"])
def test_self_raised_money_beside_other_money_does_not_replace_it(layout):
    """自筹资金 is part of 其他资金: read as 其他资金 only when the form has no 其他资金 row."""
    money = [["年度资金总额", "1120.50", "其中：财政拨款", "1100.50", "其他资金", "20.00", "其中：自筹资金", "15.00"]]
    assert _header(_read(_render(_rows(money), layout)))["amounts"] == AMOUNTS


@pytest.mark.parametrize("layout", ["pipes", "lines", "line_pipes"])
@pytest.mark.parametrize(
    ("money", "total"),
    [
        ([["资金来源", "资金总额", "其中：财政拨款", "1120.50", "其他资金", ""]], Decimal("1120.50")),
        ([["年度资金总额", "", "其中：财政拨款", "1100.50", "其他资金", "20.00"]], Decimal("1120.50")),
    ],
    ids=["fiscal_only", "fiscal_and_other"],
)
def test_an_empty_total_cell_is_the_sum_of_its_parts_and_said_so(money, total, layout):
    """年度资金总额 is the sum of its 其中 rows (the templates' arithmetic): an empty total cell
    is that sum, with a failure saying it was computed."""
    table = _read(_render(_rows(money), layout))
    assert _header(table)["amounts"]["total"] == total
    assert any(f.field == "amounts.total" and f.code == "FORM_TOTAL_FROM_PARTS" for f in table.failures)


@pytest.mark.parametrize("layout", ["pipes", "lines"])
def test_an_empty_total_is_not_summed_when_a_row_outside_the_four_fields_has_money(layout):
    """上级资金 50 is money the four fields do not hold: the sum would leave it out, so the total
    stays unread and the project is flagged."""
    money = [["年度资金总额", "", "其中：财政拨款", "1100.50", "上级资金", "50.00", "其他资金", "20.00"]]
    table = _read(_render(_rows(money), layout))
    assert _header(table)["amounts"]["total"] is None
    assert "AMOUNT_MISSING" in project_flags(table)[0]


NAME_KEYS = ["项目名称", "项目全称", "专项名称", "项目（专项）名称", "项目支出名称", "項目名稱"]


@pytest.mark.parametrize("layout", ["pipes", "closed_pipes", "tabs", "lines", "line_pipes", "spaces", "none"])
@pytest.mark.parametrize("money", sorted(MONEY_TABLES))
@pytest.mark.parametrize("name_key", NAME_KEYS)
def test_any_name_spelling_with_any_money_layout_is_right_or_flagged(name_key, money, layout):
    """Spellings and layouts combined: the name is right or flagged, the amounts right or flagged."""
    table = _read(_render(_rows(MONEY_TABLES[money], name=[[name_key, FORM["name"]]]), layout))
    name = _header(table)["name"]
    assert name == FORM["name"] or any(f.field == "项目名称" for f in table.failures), name
    _right_or_flagged(table, AMOUNTS)
