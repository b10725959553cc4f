"""Header shapes of forms from sites the rules were not written from (issue 9, round 6).

Each shape is a standard template's or was seen on two sites or more, and each is perturbed
the ways copies differ (separators, traditional characters, 元 / 万元):
- the money block with one budget column, 年初预算数（A）, before 全年执行数（B） (北京's
  自评表): the 执行率 is taken against it, so it is the budget;
- 湖南's 专项资金绩效目标表, which writes 专项 for 项目 (专项属性, 专项长期 / 年度绩效目标);
- a money key whose cell wrapped, its unit note on a line of its own (资金总额 / （万元） / 380);
- the grid's caption printed down several short lines (专项 / 年度 / 绩效 / 指标), which is not
  more of the goal above it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import zhconv
from test_form_header import FORM, _grid_lines, _header, _read, _render

from assistant.evaluate.metrics import project_flags
from assistant.extract.parsers.money_run import money_columns

GRID = [["一级指标", "二级指标", "三级指标", "指标值"], *_grid_lines(FORM, False)]
SEPARATED = ["pipes", "closed_pipes", "tabs", "lines", "line_pipes", "spaces"]


@pytest.mark.parametrize(
    ("heads", "roles"),
    [
        ("年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分", ["budget", "spent", "weight", "rate", "score"]),
        ("年初预算数全年执行数执行率", ["budget", "spent", "rate"]),
        ("年初预算数(A)全年执行数(B)分值执行率(B/A)得分得分计算方法", ["budget", "spent", "weight", "rate", "score"]),
        # with a 全年预算数 (or 调整后预算数) column, 年初预算数 stays the start-of-year figure
        ("年初预算数全年预算数全年执行数分值执行率得分", ["start", "budget", "spent", "weight", "rate", "score"]),
        ("年初预算调整后预算预算执行数预算执行率", ["start", "budget", "spent", "rate"]),
        ("年初预算数全年预算全年执行数执行率", ["start", "budget", "spent", "rate"]),
    ],
)
def test_money_columns_one_budget_column(heads, roles):
    assert money_columns(heads) == roles


def _beijing(unit: str = "万元", total: str = "310.20", spent: str = "279.18") -> list[list[str]]:
    return [
        ["项目支出绩效自评表"],
        ["项目名称", FORM["name"]],
        ["主管部门及代码", FORM["department"], "实施单位", FORM["unit"]],
        [
            f"项目资金（{unit}）",
            "年初预算数（A）",
            "全年执行数（B）",
            "分值（10分）",
            "执行率（B/A）",
            "得分",
            "得分计算方法",
        ],
        ["年度资金总额", total, spent, "10", "90%", "9", "执行率*该指标分值，最高不得超过分值上限。"],
        ["其他资金", "", "", "—", "", "—", ""],
        ["年度总体目标", "预期目标", "实际完成情况"],
        [FORM["goal"], "已按计划完成年度各项工作任务。"],
        *GRID,
    ]


@pytest.mark.parametrize("layout", SEPARATED)
@pytest.mark.parametrize("traditional", [False, True])
def test_start_of_year_budget_is_the_total_when_alone(layout, traditional):
    text = _render(_beijing(), layout)
    table = _read(zhconv.convert(text, "zh-hant") if traditional else text)
    assert _header(table)["amounts"]["total"] == Decimal("310.20")


def test_start_of_year_budget_run_together_is_read_and_said():
    """北京's row copied with no separator (310.2154.741050%5执行率*…): read where 执行率 pins it,
    and said to be read from the start of a longer text."""
    rows = _beijing(total="310.2", spent="154.74")
    rows[4] = ["年度资金总额：", "310.2", "154.74", "10", "50%", "5", "执行率*该指标分值，最高不得超过分值上限。"]
    table = _read(_render(rows, "none"))
    assert _header(table)["amounts"]["total"] == Decimal("310.2")
    assert any(f.code == "FORM_MONEY_RUN_TRAILING" for f in table.failures)


def _hunan(unit: str = "万元", caption: list[str] = ("专项", "年度", "绩效", "指标")) -> list[list[str]]:
    return [
        ["专项资金绩效目标表"],
        ["填报单位：", FORM["unit"]],
        ["专项名称", FORM["name"], "专项属性", "延续专项√ 新增专项□"],
        ["部门名称", FORM["department"], "资金总额"],
        [f"（{unit}）"],
        ["380"],
        ["专项长期绩效目标", "组织实施本项目，维护社会和谐稳定。"],
        ["专项年度绩效目标", FORM["goal"]],
        *[[piece] for piece in caption],
        *GRID,
    ]


@pytest.mark.parametrize("layout", [*SEPARATED, "none"])
@pytest.mark.parametrize("traditional", [False, True])
def test_hunan_special_fund_form(layout, traditional):
    text = _render(_hunan(), layout)
    text = zhconv.convert(text, "zh-hant") if traditional else text
    header = _header(_read(text))
    convert = (lambda s: zhconv.convert(s, "zh-hant")) if traditional else (lambda s: s)
    assert header["name"] == convert(FORM["name"])  # 专项属性 is a key, not more of the name
    assert header["amounts"]["total"] == Decimal("380")
    assert header["goal"] == convert(FORM["goal"])  # the 年度 goal, the caption below it left out


@pytest.mark.parametrize("layout", ["pipes", "lines", "none"])
def test_unit_note_on_its_own_line_gives_the_currency(layout):
    table = _read(_render(_hunan(unit="元"), layout))
    assert _header(table)["amounts"]["total"] == Decimal("380")
    assert table.currency_unit == "元"


@pytest.mark.parametrize(
    "caption",
    [("专项", "年度", "绩效", "指标"), ("年度", "绩效", "指标"), ("绩效", "指标"), ("绩效指标",), ("绩",)],
)
@pytest.mark.parametrize("layout", ["pipes", "lines", "line_pipes"])
def test_caption_down_several_lines_is_not_the_goal(caption, layout):
    header = _header(_read(_render(_hunan(caption=list(caption)), layout)))
    assert header["goal"] == FORM["goal"]


@pytest.mark.parametrize("caption", [("绩效", "指标"), ("年度", "绩效", "指标"), ("专项", "年度", "绩效", "指标")])
@pytest.mark.parametrize("layout", ["lines", "line_pipes"])
def test_caption_then_first_head_wrapped_is_not_the_goal(caption, layout):
    """The caption down its lines, then the grid's first head wrapped the same way (绩效 / 指标 /
    一级 / 指标, 龙岩 j07): neither is more of the goal, and the grid is still read."""
    rows = _hunan(caption=list(caption))
    at = rows.index(GRID[0])
    rows[at : at + 1] = [["一级"], ["指标"], GRID[0][1:]]
    table = _read(_render(rows, layout))
    assert _header(table)["goal"] == FORM["goal"]
    assert len(table.projects()[0].indicators) == len(GRID) - 1


@pytest.mark.parametrize("layout", ["pipes", "lines"])
def test_short_lines_that_are_not_a_caption_stay_in_the_goal_or_are_flagged(layout):
    """Short lines after the goal that do not make the caption (其他 / 说明 / 事项) are not cut
    off as one: the goal keeps them or says it is in doubt."""
    rows = _hunan(caption=["另行", "安排"])
    table = _read(_render(rows, layout))
    goal = _header(table)["goal"]
    assert goal.startswith(FORM["goal"].rstrip("。"))
    assert goal.endswith("安排") or project_flags(table)[0]


def _padded(name_line: str, money_lines: list[str], goal: str = FORM["goal"]) -> str:
    """A 申报表 copied from a Word or PDF page with spaces for cell borders, cut above its grid."""
    return "\n".join(
        [
            "项目支出绩效目标申报表",
            "(2024年度)",
            " 填报单位:" + FORM["unit"],
            name_line,
            "项目属性        延续项目                                新增项目   ",
            " 主管部门  项目起止时间 2024.1—2024.12",
            *money_lines,
            "项目年度绩效目标    " + goal,
            "",
        ]
    )


@pytest.mark.parametrize(
    "name_line",
    [
        "       项目名称 " + FORM["name"],
        "项目基本情况 项目名称 " + FORM["name"] + " ",
        "项目基本情况   項目名稱   " + FORM["name"],
    ],
)
@pytest.mark.parametrize(
    ("money_lines", "total", "fiscal"),
    [
        (["项目总预算(万元) 75.00      项目当年预算(万元) 25.00 "], "25.00", None),
        (["项目当年预算(万元)   25.00      项目总预算(万元) 75.00"], "25.00", None),
        (["项目预算 25.00  项目类型 □ 常年性项目"], "25.00", None),
        (["本年度预算（万元） 25.00", "其中：同级财政资金 25.00"], "25.00", "25.00"),
        (["年度资金总额  25.00", "其中:财政拨款  25.00   其他资金  0.00"], "25.00", "25.00"),
        (
            ["项目当年预算(万元) 25.00", "其中:上级补助资金  其中:同级财政资金  其他资金", "0.00  25.00  0.00"],
            "25.00",
            "25.00",
        ),
    ],
)
def test_space_padded_header_is_read_key_by_key(name_line, money_lines, total, fiscal):
    table = _read(_padded(name_line, money_lines))
    header = _header(table)
    assert header["name"] == FORM["name"]
    assert header["amounts"]["total"] == Decimal(total)
    assert header["amounts"]["fiscal"] == (Decimal(fiscal) if fiscal else None)
    assert header["goal"] == FORM["goal"]
    assert any(f.code == "FORM_HEADER_ONLY" for f in table.failures)  # the grid is not there: said


@pytest.mark.parametrize("money_lines", [["年度资金总额 213.4 259"], ["年度资金总额", "213.4 259"]])
def test_two_amounts_in_one_padded_piece_are_never_one_number(money_lines):
    """213.4 259 under one key is not 213.4259: not read, and said."""
    table = _read(_padded("项目名称 " + FORM["name"], money_lines))
    amounts = _header(table)["amounts"]
    assert Decimal("213.4259") not in amounts.values()
    assert amounts["total"] is None and project_flags(table)[0]


def test_two_amounts_under_last_and_this_years_heads_take_this_years():
    """湖南's 申报表 heads its money 上年度安排资金 | 本年度申请资金 (g09): 合 计 213.4 259 is two
    amounts, never 213.4259, and the total is the second, this year's (round 9, extract-k)."""
    money_lines = [
        "项目资金情况 项目资金申请(万元) 项 目  上年度安排资金 本年度申请资金",
        "合 计 213.4 259",
        "中央资金",
        "县级资金 213.4 259",
    ]
    table = _read(_padded("项目名称 " + FORM["name"], money_lines))
    amounts = _header(table)["amounts"]
    assert Decimal("213.4259") not in amounts.values()
    assert amounts["total"] == Decimal("259")


@pytest.mark.parametrize("layout", ["pipes", "lines", "spaces"])
def test_padded_cut_leaves_the_grid_alone(layout):
    """A grid row of amounts and words stays as the grid reader cuts it."""
    rows = [
        ["项目支出绩效目标申报表"],
        ["项目名称", FORM["name"]],
        ["年度资金总额", "120.00"],
        ["年度目标", FORM["goal"]],
        *GRID,
    ]
    table = _read(_render(rows, layout))
    assert _header(table)["amounts"]["total"] == Decimal("120.00")
    assert [i.name for i in table.projects()[0].indicators] == [row[-2] for row in _grid_lines(FORM, False)] or (
        project_flags(table)[0]
    )


def _ndrc(head: list[str]) -> list[list[str]]:
    """国家发展改革委's 中央预算内投资计划绩效目标表: the central investment handed down is the
    project's only money; the grid's first head cell may come cut (级指标)."""
    return [
        ["中央预算内投资计划绩效目标表"],
        ["（2023年度）"],
        ["专项名称", FORM["name"]],
        ["下达地方或单位", FORM["unit"]],
        ["本次下达中央预算内投资（万元）", "853"],
        ["总体目标", FORM["goal"]],
        *[[cell] for cell in head],
        ["二级指标", "三级指标", "指标值"],
        *_grid_lines(FORM, False),
    ]


@pytest.mark.parametrize("layout", ["pipes", "lines", "line_pipes"])
@pytest.mark.parametrize("head", [["一级指标"], ["级指标"], ["一", "级指标"]])
def test_central_investment_form(layout, head):
    table = _read(_render(_ndrc(head), layout))
    header = _header(table)
    assert (header["amounts"]["total"], header["amounts"]["fiscal"]) == (Decimal("853"), None)
    assert header["goal"] == FORM["goal"] or project_flags(table)[0]
    if head == ["级指标"]:
        assert header["goal"] == FORM["goal"]  # the head cell cut is not more of the goal


@pytest.mark.parametrize("tail", ["指标", "三级", "目标值"])
def test_short_last_line_that_is_no_head_word_tail_stays_in_the_goal(tail):
    rows = _ndrc([tail])
    table = _read(_render(rows, "lines"))
    goal = _header(table)["goal"]
    assert goal.endswith(tail) or project_flags(table)[0]


def _whole_department(subtotal: str) -> list[list[str]]:
    """A 部门整体支出绩效自评表: no 项目名称 (the heading names it), money as 年初① | 调整② | 小计③."""
    return [
        ["部门整体支出绩效自评表"],
        ["（2020年度）"],
        ["部门（单位）名称", FORM["department"], "部门预算编码", "409001007"],
        [
            "资金结构",
            "年初部门预算安排金额（含历年结余结转）①",
            "年中调整金额②",
            "小计③=①+②",
            "年度拨付金额④",
            "支出实现率（%）⑤=④/③",
        ],
        ["财政资金小计", "130.54", "58.07", subtotal, "188.45", "99.92"],
        ["年度总体目标完成情况", "预期目标", "目标实际完成情况"],
        [FORM["goal"], "完成年度目标"],
        *GRID,
    ]


@pytest.mark.parametrize("layout", ["pipes", "tabs", "lines", "spaces"])
def test_whole_department_budget_is_the_adjusted_subtotal(layout):
    table = _read(_render(_whole_department("188.61"), layout))
    header = _header(table)
    assert header["amounts"]["fiscal"] == Decimal("188.61")
    assert header["name"] == "部门整体支出绩效自评表"
    assert header["goal"] == FORM["goal"] or project_flags(table)[0]


@pytest.mark.parametrize("layout", ["pipes", "tabs", "lines", "spaces"])
def test_adjusted_subtotal_that_does_not_add_up_is_not_read(layout):
    table = _read(_render(_whole_department("190.00"), layout))
    assert _header(table)["amounts"]["fiscal"] is None
    assert any(f.code == "FORM_MONEY_ADJUSTED" for f in table.failures)


def test_padded_key_line_ends_the_heading_search_and_a_goal_sentence_is_no_heading():
    text = "\n".join(
        [
            "  部门整体支出绩效自评表",
            "部门(单位)名称 宁德市地震局 部门预算编码 409001007",
            "年度总体目标完成情况 预期目标 目标实际完成情况",
            "加强单位效能建设,深入推进绩效管理实践,提升工作实效。 完成年度目标",
            "年度绩效指标完成情况 一级指标 二级指标 三级指标 指标值",
            "产出目标 数量目标 抽查地震监测台站 ≥3个",
            "",
        ]
    )
    assert _read(text).projects()[0].name == "部门整体支出绩效自评表"


def _self_eval_page(project: str, money: str, grid: bool) -> list[str]:
    """One 自评表 of a page of several, copied with spaces (海南's form: label: value pairs)."""
    lines = [
        f"项目名称: {project} 填报人: 李某 联系方式: 13100000000    ",
        "主管部门: 203-省教育厅 实施单位: 203045-某中学    ",
        "资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分    ",
        f"资金总额: {money}    ",
        "年度目标 年度目标完成情况    ",
        "用于资助贫困学生 已发放。    ",
    ]
    if grid:
        lines += [
            "一级指标 二级指标 三级指标 指标性质 年度指标值 度量单位 实际完成值 完成率 分值 得分 未完成原因分析",
            "产出指标 数量指标 资助学生人次 ≥ 10 人次 10 100% 20 20",
        ]
    return lines


@pytest.mark.parametrize(
    ("money", "total"),
    [
        ("915,000.00 915,000.00 915,000.00 10.00  100 10", "915000"),
        ("120,000.00 100,000.00 25,000.00 10.00  25 2.5", "100000"),
    ],
)
def test_last_form_of_a_page_cut_above_its_grid_keeps_its_header(money, total):
    text = "\n".join(
        ["项目支出绩效自评表", *_self_eval_page("A-学生事务补助", "1,000.00 1,000.00 1,000.00 10.00  100 10", True), ""]
        + _self_eval_page("B-教育教学管理与监督", money, False)
    )
    table = _read(text)
    projects = table.projects()
    assert [p.name for p in projects] == ["A-学生事务补助", "B-教育教学管理与监督"]  # 填报人: is a label of its own
    assert projects[1].amounts.total == Decimal(total)  # the 全年预算数 cell of the padded money row
    assert any(f.code == "FORM_HEADER_ONLY" for f in table.failures)


def _cell_per_line_form(name: str, amount: str, goal: str) -> list[str]:
    """One 一般性项目绩效目标表 of a page of several (重庆's: one cell per line, closed by ``|``,
    a grid with no level columns)."""
    return [
        "2023年一般性项目绩效目标表(一级项目) |",
        "编制单位: |",
        "813-某某镇 |",
        "单位:万元 |",
        "专项资金名称 |",
        f"{name} |",
        "业务主管部门 |",
        "813-某某镇 |",
        "当年预算 |",
        f"{amount} |",
        "当年绩效目标 |",
        f"{goal} |",
        "绩效指标 |",
        "指标 |",
        "指标权重 |",
        "计量单位 |",
        "指标性质 |",
        "指标值 |",
        "发放人数 |",
        "20 |",
        "人 |",
        "≥ |",
        "80 |",
    ]


@pytest.mark.parametrize("forms", [2, 3])
def test_several_cell_per_line_forms_without_level_columns_each_keep_their_header(forms):
    specs = [
        ("某某镇2023年汇总项目库", "229.66", "按时足额发放,保障权益"),
        ("在职村社干部工资补助资金", "9.31", "按月发放工资。"),
        ("村级组织运转经费补助项目", "12", "保障运转。"),
    ]
    text = "\n".join(line for spec in specs[:forms] for line in _cell_per_line_form(*spec)) + "\n"
    table = _read(text)
    got = [(p.name, p.amounts.total, p.goal) for p in table.projects()]
    assert got == [(n, Decimal(a), g) for n, a, g in specs[:forms]]
    # each form's grid with no level columns is read as its own (名称 grids, extract-o), levels empty
    grids = [[(i.name, i.annual_value, i.level1_code) for i in p.indicators] for p in table.projects()]
    assert grids == [[("发放人数", "≥80人", None)]] * forms


@pytest.mark.parametrize("layout", ["pipes", "lines", "spaces"])
@pytest.mark.parametrize("word", ["其他", "其它"])
def test_bare_other_after_the_money_rows_is_other_money(layout, word):
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", FORM["name"]],
        ["预算数", "6.84", "到位数", "6.84"],
        ["其中：财政资金", "6.84", "其中：财政资金", "6.84"],
        [word, "0.00", word, "0.00"],
        ["年度目标", FORM["goal"]],
        *GRID,
    ]
    amounts = _header(_read(_render(rows, layout)))["amounts"]
    assert (amounts["total"], amounts["fiscal"], amounts["other"]) == (Decimal("6.84"), Decimal("6.84"), Decimal("0"))


@pytest.mark.parametrize("layout", ["pipes", "lines"])
def test_other_as_a_checkbox_option_is_no_key(layout):
    rows = [
        ["项目支出绩效目标申报表"],
        ["项目名称", FORM["name"]],
        ["项目类型", "其他", "项目期", "1年"],
        ["年度资金总额", "120.00"],
        ["年度目标", FORM["goal"]],
        *GRID,
    ]
    amounts = _header(_read(_render(rows, layout)))["amounts"]
    assert (amounts["total"], amounts["other"]) == (Decimal("120.00"), None)


@pytest.mark.parametrize("layout", ["none", "pipes"])
def test_goal_key_inside_a_sentence_is_not_a_goal_and_is_said(layout):
    """按照年初设定目标，将…: the key's words in the achieved text, run together, give no goal of
    their own (a cell never starts with a comma), and the goal before them is flagged."""
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", FORM["name"]],
        ["年度资金总额", "120.00"],
        ["年度总体目标", FORM["goal"] + "按照年初设定目标，已完成全部工作。"],
        *GRID,
    ]
    table = _read(_render(rows, layout))
    goal = _header(table)["goal"]
    assert goal is None or not goal.startswith("，")
    assert goal == FORM["goal"] + "按照年初设定目标，已完成全部工作。" or any(
        f.field == "绩效目标" for f in table.failures
    )


@pytest.mark.parametrize("layout", ["pipes", "tabs", "padded"])
@pytest.mark.parametrize(
    "caption", ["项目资金来源情况(万元)", "资金构成（万元）", "资金结构（万元）", "項目資金來源情況(萬元)"]
)
def test_money_caption_before_a_row_of_keys_over_amounts(caption, layout):
    """The caption at the head of a row of money keys (项目资金来源情况(万元) | 其中:上级财政补助资金 |
    其中:同级财政资金 | 其他) does not stop the keys being read over the amounts below them."""
    keys = [caption, "其中:上级财政补助资金", "其中:同级财政资金", "其他资金"]
    amounts = ["", "0.00", "25.00", "0.00"]
    lines = ["项目名称 特殊人群病种筛查经费", "项目当年预算(万元) 25.00"]
    if layout == "padded":
        lines += [" ".join(keys), "0.00  25.00  0.00"]
    else:
        sep = " | " if layout == "pipes" else "\t"
        lines += [sep.join(keys), sep.join(amounts)]
    text = "\n".join(["项目支出绩效目标申报明细表", *lines, "年度绩效目标 " + FORM["goal"], ""])
    amounts_read = _header(_read(text))["amounts"]
    assert (amounts_read["total"], amounts_read["fiscal"], amounts_read["other"]) == (
        Decimal("25.00"),
        Decimal("25.00"),
        Decimal("0.00"),
    )


def test_head_row_of_a_table_of_many_projects_is_not_cut_into_keys():
    """项目名称  总计  财政拨款 …  绩效目标  绩效指标 (a department table pasted with spaces for
    tabs) heads columns; cut key by key it would read a project named 总计."""
    from assistant.extract.parsers.form.padded import split_padded
    from assistant.extract.parsers.form.tokens import _tokens
    from assistant.ingest import read_bytes

    line = "项目名称  总计  财政拨款  财政专户拨款  其他资金  绩效目标  绩效指标"
    rows = _tokens(read_bytes((line + "\n").encode("utf-8"), "t.txt"), None)
    assert [t.text for t in split_padded(rows)[0]] == [t.text for t in rows[0]]
