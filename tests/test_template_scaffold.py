"""A filled-in template's scaffolding around real cells is no indicator and no part of a name
(assistant/extract/row_kinds.py; the copies of tests/template_scaffold.py)."""

from __future__ import annotations

import pytest
from leftover_rows import dev_documents
from template_scaffold import scaffolds, score_copy

from assistant.evaluate.metrics import summarize
from assistant.extract.row_kinds import drop_leftovers, leftover_kind
from assistant.schema import BudgetTable, Indicator, Project, Span, Unit


@pytest.mark.parametrize(
    ("name", "values", "kind"),
    [
        ("指标3：（自定义）", [None, ""], "blank"),  # a slot holding the template's hint
        ("指标2：（根据项目实际情况填写）", [None, None], "guidance"),
        ("指标2：", [None, "xx%"], "blank"),  # a slot whose value is the pattern to fill
        ("指标3：", [None, "X个"], "blank"),
        ("指标2：X个", [None, None], "blank"),  # the same run together
        ("", [None, "≥XX万元"], "blank"),
        ("指 标", [None, "指标"], "heading"),  # the second line of a header wrapped in two
        ("指标", [None, "值(A)"], "heading"),
        ("名称", [None, None], "heading"),
        # the template's guidance read as a row: a scoring rule or a filling note
        (
            "定量指标计算:完成值达到指标值,记满分;未达到指标值,按B/A或A/B*该指标分值记分。",
            [None, "定性指标计算:按三档记分"],
            "guidance",
        ),
        ("完成得满分，未完成按比例扣分", [None, None], "guidance"),
        ("（根据项目实际情况填写）", [None, None], "guidance"),
        (None, [None, "(30分)"], "blank"),  # a group's points alone
    ],
)
def test_template_slots_and_wrapped_headings_are_told(name, values, kind):
    assert leftover_kind(name, values) == kind


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("X光机数量", [None, None]),  # a name that starts with an X
        ("X光机", [None, "2台"]),
        ("自定义课程数量", [None, "20门"]),  # a hint word inside a filled name
        ("指标完成率", [None, "100%"]),
        ("设备数量", [None, "xx台套以上"]),  # more than a pattern: kept
        ("满分率", [None, "≥90%"]),  # a name with a scoring word and a real value
        ("考核得满分的单位比例", [None, "100%"]),
        ("扣分项整改完成率", [None, "100%"]),
    ],
)
def test_a_filled_slot_is_kept(name, values):
    assert leftover_kind(name, values) is None


def _read_one(name: str, value: str) -> tuple[str | None, str | None]:
    indicator = Indicator(seq=1, name=name, annual_value=value, spans={"name": Span(start=0, end=len(name), row=1)})
    project = Project(name="道路养护", indicators=[indicator])
    table = drop_leftovers(BudgetTable(currency_unit=None, units=[Unit(name="", projects=[project])], failures=[]))
    kept = table.projects()[0].indicators[0]
    return kept.name, kept.annual_value


@pytest.mark.parametrize(
    ("name", "value", "want"),
    [
        # a one-cell line (an unfilled slot) read as the wrapped end of the name above it
        ("安置小区物业费指标2：（自定义）", "8个", ("安置小区物业费", "8个")),
        ("安置小区物业费 指标2：", "8个", ("安置小区物业费", "8个")),
        # the 指标 of 指标1: taken by the label before it (成本指标1：每年财政补助)
        ("1：每年财政补助", "1000万元", ("每年财政补助", "1000万元")),
        ("1:500地形图测绘面积", "10平方公里", ("1:500地形图测绘面积", "10平方公里")),  # a ratio stays
        # the item's number in the other forms templates print it
        ("指标一：养护里程", "20公里", ("养护里程", "20公里")),
        ("指标1、养护里程", "20公里", ("养护里程", "20公里")),
        ("指标（1）：养护里程", "20公里", ("养护里程", "20公里")),
        ("指标1 养护里程", "20公里", ("养护里程", "20公里")),
        ("指標1：養護里程", "20公里", ("養護里程", "20公里")),
        ("指标二：2022年全年", "≥360天", ("2022年全年", "≥360天")),  # a name that starts with a figure
        ("指标一致性", "100%", ("指标一致性", "100%")),  # a name that starts with 指标
        ("指标1.5倍以上的达标率", "100%", ("指标1.5倍以上的达标率", "100%")),
        ("指标2：当年在校学生数", "4953", ("当年在校学生数", "4953")),  # an item's number: no part of it
    ],
)
def test_a_slot_or_number_left_on_a_name_is_cut(name, value, want):
    assert _read_one(name, value) == want


@pytest.mark.parametrize("value", ["xx%", "X个", "≥XX万元", "……", "**"])
def test_a_named_slot_whose_value_nobody_filled_keeps_its_name_and_no_value(value):
    """The name was filled, the value left as the template printed it: an indicator (the gold
    keeps such names, e11) with no value, which the checks then flag as missing."""
    assert _read_one("养护里程", value) == ("养护里程", None)


@pytest.mark.parametrize("value", ["0", "0.00%", "≤**万元", "≥95%", "xx台套以上"])
def test_a_filled_value_is_not_taken_for_the_template_s(value):
    assert _read_one("养护里程", value) == ("养护里程", value)


#: dev documents of every layout whose scaffolding copies read as well as their sources
_CLEAN = {
    "a01-wh-qingshan-edu-runtogether",  # run together
    "a13-sd-linyi-primary-school-cellperline",  # one cell a line
    "b02-ah-jinzhai-property-form",  # spaces, a template already (指标1:)
    "c10-wuchuan-ethnic-farm-pipe",  # | cells
    "j13-hb-hbust-student-aid-selfeval-result-cellpipe",  # one cell a line, closed by |
}
_KINDS = ("prefixed", "slot_blank", "slot_dots", "slot_custom", "slot_xx", "note", "header_2rows", "all")


@pytest.fixture(scope="module")
def clean_docs():
    docs = [d for d in dev_documents() if d.stem in _CLEAN]
    assert len(docs) == len(_CLEAN)
    return docs


def test_scaffolding_written_around_real_cells_changes_no_indicator(clean_docs):
    """指标N： prefixes, unfilled slots (指标3：, ……, （自定义）, xx%), a 注 line naming the grid's
    columns, a header wrapped in two rows: each copy scores on the gold as its source does."""
    wrong = []
    for doc in clean_docs:
        before = summarize(score_copy(doc, doc.text))["metrics"]
        for label, text in scaffolds(doc):
            if label not in _KINDS:
                continue
            samples = score_copy(doc, text)
            after = summarize(samples)["metrics"] if samples is not None else None
            if after is None or after["indicator_f1"] < before["indicator_f1"] or after["silent_errors"]:
                wrong.append(f"{doc.stem} {label}: {after and after['indicator_f1']}")
    assert wrong == []


def test_every_layout_gets_its_scaffolding(clean_docs):
    """The copies are written in each document's own layout, and each kind applies somewhere."""
    layouts = {doc.layout for doc in clean_docs}
    assert layouts == {"run", "lines", "spaces", "pipe", "line_pipes"}
    kinds = {label for doc in clean_docs for label, _ in scaffolds(doc)}
    assert set(_KINDS) <= kinds
