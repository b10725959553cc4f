"""A form or notice inside a report, with no 项目名称 cell and no money cell: the report's title
names the project and its sentences state the budget, both read as a report read as prose is
(round 15, fields-h), both flagged.

- j13 (a 自评结果 page: a sentence ``实际下达预算2596万元``, a grid cut into one cell per line) and
  q08 (a notice ``关于解决X项目资金绩效目标设定的公示``, ``资金总额500万元`` in its first paragraph):
  the title names the project (``X项目自评结果``; the verb after 关于 is the notice's), and the
  budget is chosen among the sentences' amounts by :func:`prose_money.budget` (any money word:
  预算, 资金总额, 下达), not only a single ``资金N万元``.
- Both hold when the layout changes: traditional characters, cells run together, tabs, pipes
  dropped, the table hard-wrapped or joined on one line (sources re-laid, gold unchanged).
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from dev_gold import GOLD
from rewrite_runner import read_copy
from src_rewrites import joined, rewrite
from zhconv import convert


def _source(doc_id: str) -> str:
    return (next(GOLD.glob(f"{doc_id}*")) / "source.txt").read_text(encoding="utf-8")


def _gold(doc_id: str) -> dict:
    return json.loads((next(GOLD.glob(f"{doc_id}*")) / "gold.json").read_text(encoding="utf-8"))


def _variants(doc_id: str) -> dict[str, str]:
    text, gold = _source(doc_id), _gold(doc_id)
    out = {
        "source": text,
        "traditional": convert(text, "zh-hant"),
        "joined": "\n".join(map(joined, text.split("\n"))),
        "tabs": text.replace("|", "\t"),
    }
    for kind in ("wrap26", "joingrid", "oneline"):
        if (copy := rewrite(text, gold, kind)) is not None:
            out[kind] = copy
    return out


CASES = [
    ("j13", "2021年度本专科生奖助学金项目", Decimal("2596")),
    ("q08", "同心县2022年下马关镇上垣、下垣村乡村振兴人居环境综合整治示范村项目资金", Decimal("500")),
]


@pytest.mark.parametrize(("doc_id", "name", "total"), CASES)
def test_a_report_names_its_project_by_title_and_reads_its_budget_sentence(doc_id, name, total):
    for layout, text in _variants(doc_id).items():
        table = read_copy(text)
        assert table is not None, layout
        [project] = table.projects()
        expected = convert(name, "zh-hant") if layout == "traditional" else name
        assert (project.name, project.amounts.total) == (expected, total), layout
        codes = {(f.field, f.code) for f in table.failures}
        assert ("项目名称", "PROSE_NAME_FROM_TITLE") in codes, layout
        assert ("amounts.total", "PROSE_AMOUNT_FROM_TEXT") in codes, layout


def test_a_title_names_a_report_form_with_no_name_cell():
    from assistant.extract.parsers.prose_name import name_in_title

    assert name_in_title("2021年度某某奖助学金项目自评结果\n一、自评结论\n")[0] == "2021年度某某奖助学金项目"
    notice = "标 题: | 关于解决某县2022年某村示范村项目资金绩效目标设定的公示 |\n根据…"
    assert name_in_title(notice)[0] == "某县2022年某村示范村项目资金"
    assert name_in_title("2022年度某某专项资金绩效评价结果\n正文")[0] == "2022年度某某专项资金"
    assert name_in_title("一、自评结论\n综合评价得分为99分。") is None


def test_an_evaluation_summary_reads_its_money_and_no_achievement_as_the_goal():
    """q05 (an evaluation report's summary grid, a cell per line ended by ``|``): ``绩效目标 实现情况``
    is the caption of what was achieved (one label wrapped), not the 绩效目标 key and a value; the
    evaluator's ``各级资金 投入总数`` is the project's total. Held on re-laid copies."""
    name = "黄果树旅游区黄果树镇人民政府2023年村干部报酬项目"
    for layout, text in _variants("q05").items():
        table = read_copy(text)
        assert table is not None, layout
        [project] = table.projects()
        expected = convert(name, "zh-hant") if layout == "traditional" else name
        assert (project.name, project.amounts.total, project.goal) == (expected, Decimal("246.37"), None), layout


def test_a_form_in_a_notice_passing_its_fund_takes_the_amount_passed():
    """n03 (a notice 现下达X专项资金(第一批…)100萬元 with the fund's 绩效目标表 attached, its form
    cut before any money cell): the form names the fund passed, so the amount passed is its total,
    flagged; a bracketed batch between the fund's name and its amount does not hide the amount."""
    for layout in ("source", "traditional", "joined", "tabs"):
        table = read_copy(_variants("n03")[layout])
        [project] = table.projects()
        assert project.amounts.total == Decimal("100"), layout
        assert "PROSE_AMOUNT_FROM_TEXT" in {f.code for f in table.failures if f.field == "amounts.total"}, layout


def test_a_notice_passing_another_fund_gives_the_form_no_amount():
    text = (
        "各乡镇：\n现下达2025年某某专项资金(第一批)100万元,用于项目建设。\n"
        "2025年另一个资金绩效目标表\n项目名称 | 2025年另一个资金 |\n主管部门 | 某局 |\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 补助乡镇数 | 2个 |\n"
    )
    table = read_copy(text)
    assert table is not None
    assert table.projects()[0].amounts.total is None


@pytest.mark.parametrize(("doc_id", "width"), [("c12", 34), ("c12", 48), ("b16", 34), ("c10", 34)])
def test_a_goal_on_a_hard_wrapped_page_takes_its_other_lines(doc_id, width):
    """A page hard-wrapped at a fixed width (a PDF's text layer) cuts the goal's lines anywhere,
    with no comma at their ends: a line that fills the wrap's width goes on in the next one (and
    a goal's line under a full one began there). Real dev sources, every line wrapped at 34 / 48."""
    from field_rewrites import relaid

    from assistant.extract.wrapped_goal import wrap_width

    gold = _gold(doc_id)
    copy, _ = relaid(_source(doc_id), gold, f"wrap{width}")
    assert wrap_width(copy) is not None and wrap_width(_source(doc_id)) is None
    [project] = read_copy(copy).projects()
    [expected] = [p["goal"] for u in gold["units"] for p in u["projects"]]
    assert project.goal.replace(" ", "") == expected.replace(" ", "")


def test_a_goal_cut_by_a_hard_wrap_is_flagged_when_its_lines_cannot_be_joined():
    """b12 wrapped at 34: the goal's last line runs on into the notice's lead-in (现将…设定如 / 下:);
    what is read ends on a full line mid-sentence: flagged on the 绩效目标 field, never silent."""
    from field_rewrites import relaid

    copy, _ = relaid(_source("b12"), _gold("b12"), "wrap34")
    table = read_copy(copy)
    assert "GOAL_ENDS_MID_SENTENCE" in {f.code for f in table.failures if f.field == "绩效目标"}


@pytest.mark.parametrize(("doc_id", "how"), [("i01", "wrap34"), ("e08", "wrap34"), ("e15", "wrap48")])
def test_a_name_ending_a_full_line_of_a_hard_wrapped_page_is_flagged(doc_id, how):
    """A name cut by the page's fixed-width wrap (水 / 土保持监测; …查询利用、 / 档案资料征集…) is read
    only in part: a name ending its line on a full line, or after a comma, is flagged; the
    original page, not wrapped, is not. A piece too short for any name (i01's 水) may be named so
    by name_doubt's shape rule, which runs first: the name is flagged either way."""
    from field_rewrites import relaid

    copy, _ = relaid(_source(doc_id), _gold(doc_id), how)
    cut = {"PROJECT_NAME_WRAPPED", "PROJECT_NAME_TOO_SHORT", "PROJECT_NAME_GOES_ON"}
    assert cut & {f.code for f in read_copy(copy).failures if f.field == "项目名称"}
    assert "PROJECT_NAME_WRAPPED" not in {f.code for f in read_copy(_source(doc_id)).failures}


def test_the_amount_its_parts_add_up_to_is_the_total():
    """i04 (a self-evaluation report): 中央下达1372.7万元、自治区下达98.6万元 in one paragraph, then
    收到财政资金共2330.9万元，其中：中央资金1372.7万元，地方资金98.6万元，其他资金859.6万元: the amount
    its 其中 parts add up to is the total, the amounts told before are those parts again, and the
    part named 其他资金 is the other amount; flagged. Held on re-laid copies."""
    for layout in ("source", "traditional", "joined", "tabs"):
        table = read_copy(_variants("i04")[layout])
        [project] = table.projects()
        assert (project.amounts.total, project.amounts.other) == (Decimal("2330.9"), Decimal("859.6")), layout
        assert "PROSE_AMOUNT_SUM" in {f.code for f in table.failures if f.field == "amounts.total"}, layout


def test_parts_that_add_up_to_no_amount_leave_the_total_unread():
    from assistant.extract.parsers.prose_money import budget

    said = "下达资金100万元。收到资金共300万元，其中：中央资金120万元，地方资金90万元。"
    total, notes = budget(said, 0, len(said), "", None, "x")
    assert total is None and [n.code for n in notes] == ["PROSE_AMOUNTS_SEVERAL"]
    split = "中央下达资金120万元。收到资金共300万元，其中：中央资金120万元，地方资金180万元。"
    total, notes = budget(split, 0, len(split), "", None, "x")
    assert total is not None and total[0] == Decimal("300") and [n.code for n in notes] == ["PROSE_AMOUNT_SUM"]


def test_a_report_listing_its_projects_as_paragraphs_opened_by_name_and_sum():
    """q10 (a unit's evaluation report): 1.驻京驻肥工作组项目120万元,主要用于… 2.市本级涉访救助资金项目
    30万元主要用于… — each numbered paragraph opened by a project's name and its money is one project
    (the paragraph runs on past a title's length). Held on re-laid copies."""
    expected = [
        ("驻京驻肥工作组项目", Decimal("120")),
        ("市本级涉访救助资金项目", Decimal("30")),
        ("矛盾纠纷排查调处中心项目", Decimal("59")),
        ("人民调解委员会项目", Decimal("10")),
    ]
    for layout in ("source", "joined", "wrap26", "tabs"):
        if (text := _variants("q10").get(layout)) is None:
            continue
        got = [(p.name, p.amounts.total) for p in read_copy(text).projects()]
        assert got == expected, layout


def test_numbered_sources_of_money_are_no_projects():
    from assistant.extract.parsers.prose_projects import _amount_led_items

    text = "1.中央资金120万元,用于设备购置。\n2.省级配套资金30万元,用于培训。\n"
    assert _amount_led_items(text) == []
    text = "1.设备购置项目120万元,用于设备。\n2.人员培训经费30万元,用于培训。\n"
    assert [name for _, name, _ in _amount_led_items(text)] == ["设备购置项目", "人员培训经费"]


@pytest.mark.parametrize(("doc_id", "how"), [("q08", "wrap48"), ("n03", "wrap34"), ("n03", "wrap48")])
def test_a_hard_wrapped_report_reads_its_title_and_money_sentences_whole(doc_id, how):
    """A PDF's text layer wraps the title and the money sentence at the page's width (关于解决…示范村
    / 项目资金绩效目标设定的公示; 现下达…专项资金(第一批…)1 / 00万元): the lines that fill the width
    are joined before the title and the sentences are read."""
    from field_rewrites import relaid

    name, total = {"q08": (CASES[1][1], Decimal("500")), "n03": (None, Decimal("100"))}[doc_id]
    copy, _ = relaid(_source(doc_id), _gold(doc_id), how)
    [project] = read_copy(copy).projects()
    assert project.amounts.total == total
    assert name is None or project.name == name


@pytest.mark.parametrize(
    ("doc_id", "name", "total"),
    [
        ("k01", "“四好农村路”、“三个一号旅游路”工作经费", Decimal("25")),
        ("e12", "重大传染病防治项目", Decimal("811.54")),
    ],
)
def test_a_form_whose_rows_run_key_into_value_keeps_its_header(doc_id, name, total):
    """A page copied with its cells' borders lost, one row a line (项目名称X / 主管部门Y / 合计250): it
    was refused as "no recognisable table"; the header is now read, cut at its keys, and a failure
    says the borders were lost and the indicators not read (a partial result, not a refusal)."""
    table = read_copy("\n".join(map(joined, _source(doc_id).split("\n"))))
    assert table is not None
    [project] = table.projects()
    assert (project.name, project.amounts.total) == (name, total)
    assert "FORM_KEYS_OPEN_LINES" in {f.code for f in table.failures if f.field == "document"}


def test_text_with_no_key_opening_a_line_is_still_refused():
    from assistant.extract.parsers.header_only import keys_open_lines
    from assistant.ingest import read_bytes

    prose = "2023年工作总结\n今年完成了各项工作任务。\n明年继续努力。\n"
    assert not keys_open_lines(read_bytes(prose.encode("utf-8"), "copy.txt"))
    assert read_copy(prose) is None


def test_a_name_that_is_a_form_key_is_flagged():
    """A reader that takes a label for the name (项目名称 / 项目类型 in a list of projects' head row)
    gives a name a clerk would copy: a name that is wholly one of the form's keys is flagged."""
    from assistant.extract.name_doubt import flag_doubtful_names
    from assistant.ingest import read_bytes
    from assistant.schema import BudgetTable, Project, Unit

    doc = read_bytes("项目名称\n项目类型\n".encode(), "copy.txt")
    for name, flagged in (("项目类型", True), ("学生伙食费", False)):
        table = BudgetTable(units=[Unit(name="", projects=[Project(name=name)])])
        flag_doubtful_names(doc, table)
        assert ("PROJECT_NAME_DOUBTFUL" in {f.code for f in table.failures}) is flagged, name
