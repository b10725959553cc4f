"""A dev form's money block re-laid (heads over amounts, cells apart by spaces, empty cells lost):
the amounts hold, or a flag on them says how they were placed. See ``tests/money_rewrites.py``
and ``benchmarks/bench_field_rewrites.py --money``."""

from __future__ import annotations

import json

import pytest
from field_rewrites import GOLD, MONEY_FIELDS, field_outcomes, read_samples
from money_rewrites import money_block, relayout, rows_relayout

from assistant.extract import extract
from assistant.ingest import read_bytes


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")


def _source(stem: str) -> tuple[dict, str]:
    folder = GOLD / stem
    return json.loads((folder / "gold.json").read_text(encoding="utf-8")), (folder / "source.txt").read_text(
        encoding="utf-8"
    )


def test_the_money_block_is_found_by_its_keys_and_the_shape_of_its_amounts():
    _, text = _source("a14-nx-changqing-school-sports-pipe")
    block = money_block(text)
    assert block is not None
    assert (block.caption, block.unit) == ("项目资金", "万元")
    assert block.rows == [("年度资金总额", "5"), ("其中:财政拨款", "5"), ("其他资金", None)]


@pytest.mark.parametrize(
    "stem",
    [
        "a14-nx-changqing-school-sports-pipe",  # a cell per line with bars: the copy loses them all
        "b02-ah-jinzhai-property-form",  # cells apart by spaces
        "j07-fj-longyan-ethnic-development-fund-transfer-target-cellperline",
    ],
)
def test_an_amount_row_apart_by_spaces_under_its_heads_is_read_from_the_left_and_flagged(stem):
    """项目资金（万元）  年度资金总额  其中：财政拨款  其他资金 / 金额  5  5: the empty 其他资金 cell left no
    trace; the amounts fill the heads from the left (the parts add up to the total), said so."""
    gold, text = _source(stem)
    copy = relayout(text, "money_grid_spaced", gold["currency_unit"])
    assert copy is not None
    outcomes = field_outcomes(read_samples(gold, text), read_samples(gold, copy), MONEY_FIELDS)
    assert all(kind == "held" for _, kind in outcomes), outcomes
    table = _read(copy)
    assert any(f.field.startswith("amounts.") and f.code == "FORM_MONEY_KEYS_FROM_LEFT" for f in table.failures)


def test_a_pipe_row_that_lost_its_empty_cells_is_flagged():
    """| 资金总额 | 其中:财政拨款 | 其他资金 | over | 金额 | 500 |: one amount under three heads; the total
    read by its column is only likely (e11's source leaves the total's cell empty and 500 is 财政拨款)."""
    gold, text = _source("e11-sn-chencang-rural-water-transfer-template")
    copy = relayout(text, "money_no_empty", gold["currency_unit"])
    assert copy is not None
    table = _read(copy)
    assert any(f.field.startswith("amounts.") and f.code == "FORM_MONEY_KEYS_FROM_LEFT" for f in table.failures)


def test_amounts_that_do_not_add_up_are_not_placed_from_the_left():
    """年度资金总额 其中：财政拨款 其他资金 / 100 60: 60 is not the whole of 100 and which part it is
    (财政拨款 or 其他资金) is not known: nothing is read, said so."""
    text = (
        "项目支出绩效目标申报表\n项目名称  道路维修\n主管部门  县交通局\n"
        "项目资金（万元）  年度资金总额  其中：财政拨款  其他资金\n金额  100  60\n"
        "年度目标  完成道路维修\n一级指标  二级指标  三级指标  指标值\n产出指标  数量指标  维修道路  10公里\n"
    )
    table = _read(text)
    project = table.units[0].projects[0]
    assert project.amounts.fiscal is None and project.amounts.other is None
    assert any(f.field.startswith("amounts.") and f.code == "FORM_MONEY_KEYS_UNPLACED" for f in table.failures)


def test_amounts_that_add_up_are_read_from_the_left():
    text = (
        "项目支出绩效目标申报表\n项目名称  道路维修\n主管部门  县交通局\n"
        "项目资金（万元）  年度资金总额  其中：财政拨款  财政专户  其他资金\n金额  100  60  40\n"
        "年度目标  完成道路维修\n一级指标  二级指标  三级指标  指标值\n产出指标  数量指标  维修道路  10公里\n"
    )
    table = _read(text)
    amounts = table.units[0].projects[0].amounts
    assert (amounts.total, amounts.fiscal, amounts.special_account) == (100, 60, 40)
    assert any(f.field.startswith("amounts.") and f.code == "FORM_MONEY_KEYS_FROM_LEFT" for f in table.failures)


@pytest.mark.parametrize(
    "stem",
    [
        "a13-sd-linyi-primary-school-cellperline",  # 资金 / 总额: | 财政 / 拨款: (was silent: 财政拨款 lost)
        "a14-nx-changqing-school-sports-pipe",  # 年度资 / 金总额
        "b08-hn-nanyue-tourism-infra-form",  # 其他 / 资金 / 0
    ],
)
def test_money_keys_wrapped_over_two_lines_are_read_as_one_key(stem):
    gold, text = _source(stem)
    copy = relayout(text, "money_heads_wrapped", gold["currency_unit"])
    assert copy is not None
    outcomes = field_outcomes(read_samples(gold, text), read_samples(gold, copy), MONEY_FIELDS)
    assert all(kind == "held" for _, kind in outcomes), outcomes


@pytest.mark.parametrize(
    "stem",
    [
        "a14-nx-changqing-school-sports-pipe",  # 项目资金（万元）年度资金总额5其中:财政拨款5其他资金
        "b02-ah-jinzhai-property-form",  # 年度资金总额: then 1125其中:财政拨款1125其他资金 as its value
        "a05-ah-mengcheng-health-phs-pipe",  # amounts with their unit: 2279.048 万元其中:财政投款…
    ],
)
def test_a_money_block_run_together_on_one_line_is_cut_at_its_keys(stem):
    gold, text = _source(stem)
    copy = relayout(text, "money_one_line", gold["currency_unit"])
    assert copy is not None
    outcomes = field_outcomes(read_samples(gold, text), read_samples(gold, copy), MONEY_FIELDS)
    assert all(kind == "held" for _, kind in outcomes), outcomes


def test_only_a_whole_money_run_is_cut():
    from assistant.extract.parsers.form.money import money_run_cuts

    text = "资金情况(万元)资金总额:100其中:财政拨款100其他资金"
    assert [text[a:b] for a, b in money_run_cuts(text)] == [
        "资金情况(万元)",
        "资金总额:",
        "100",
        "其中:财政拨款",
        "100",
        "其他资金",
    ]
    assert money_run_cuts("年度资金总额:16") is None  # a key and its amount: read as it is
    assert (
        money_run_cuts("完成省级水利发展农村饮水项目投资500万元，其中财政拨款500万元") is None
    )  # words not money keys
    assert money_run_cuts("年度资金总额100 200其中:财政拨款100") is None  # two amounts in a row: another layout


def test_a_run_together_money_row_with_dashes_for_empty_cells_is_read_where_the_rate_pins_it():
    from assistant.extract.parsers.money_run import cells_budget, money_columns

    columns = money_columns("年初预算数全年预算数全年执行数分值执行率得分")
    assert cells_budget("110011001100—100%—", columns) == "1100"  # 1100 | 1100 | 1100 | — | 100% | —
    assert cells_budget("30.5—30.5100%—", columns) is None  # the budget's own cell is the dash
    assert cells_budget("252525", columns) is None  # no rate printed: nothing pins the cells


def test_a_money_key_glued_to_its_row_is_cut_from_it():
    from assistant.extract.parsers.form.money import money_run_cuts

    text = "其中:当年财政拨款110011001100—100%—"
    assert [text[a:b] for a, b in money_run_cuts(text)] == ["其中:当年财政拨款", "110011001100—100%—"]
    assert money_run_cuts("年度资金总额:16") is None


def test_a_self_evaluation_money_block_run_together_row_by_row_keeps_its_amounts():
    """b09's 自评表 money rows each run together (其中:当年财政拨款110011001100—100%—): the budget
    column read where the printed rate pins it, the dashes holding the empty cells' places."""
    gold, text = _source("b09-yn-nanhua-mushroom-selfeval")
    copy = rows_relayout(text, "se_run")
    assert copy is not None
    table = _read(copy)
    amounts = table.units[0].projects[0].amounts
    assert (amounts.total, amounts.fiscal) == (1100, 1100)


@pytest.mark.parametrize("how", ["money_side", "money_side_year_first", "money_side_spaced"])
def test_the_years_column_is_read_beside_the_whole_periods(how):
    """实施期资金总额 | 3375 beside 年度资金总额 | 1125 (a three-year project), either column first: the
    amounts are the year's, the 其中 rows' too (was: 财政拨款 3375 when the year's column came first)."""
    gold, text = _source("b02-ah-jinzhai-property-form")
    copy = relayout(text, how, gold["currency_unit"])
    assert copy is not None and "3375" in copy
    amounts = _read(copy).units[0].projects[0].amounts
    assert (amounts.total, amounts.fiscal) == (1125, 1125)


def test_an_amount_glued_to_the_next_money_key_is_cut_from_it_but_not_a_year():
    from assistant.extract.parsers.form.money import money_run_cuts

    text = "1125其中:财政拨款"  # 年度资金总额: 1125其中:财政拨款 1125其他资金 (a header block run together)
    assert [text[a:b] for a, b in money_run_cuts(text)] == ["1125", "其中:财政拨款"]
    assert money_run_cuts("2021年度资金总额") is None  # the year of the key, not an amount


def test_the_first_word_of_the_next_key_run_onto_an_amount_goes_back_to_the_key():
    """c01's header run together: 其中:当年市级财政资金 | 132万元项目 | 主管部门: the amount is 132万元,
    项目 belongs to 项目主管部门."""
    folder = GOLD / "c01-huangshi-training-pipe"
    text = (folder / "source.txt").read_text(encoding="utf-8")
    from header_relayouts import relayout as header_relayout

    copy = header_relayout(text, "hdr_run_block")
    assert copy is not None and "132万元项目主管部门" in copy
    amounts = _read(copy).units[0].projects[0].amounts
    assert (amounts.total, amounts.fiscal) == (164, 132)
