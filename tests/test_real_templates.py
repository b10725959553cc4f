"""Real blank templates (tests/data/templates): read alone they give no unflagged indicator; their
scaffolding written around real dev rows changes no indicator; the leftover kinds they print."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from real_templates import blank_text, load_templates, variants
from template_scaffold import score_copy

from assistant.evaluate.metrics import project_flags, summarize
from assistant.extract import extract
from assistant.extract.row_kinds import drop_leftovers, leftover_kind
from assistant.ingest import read_bytes
from assistant.schema import BudgetTable, Indicator, Project, Span, Unit

ROOT = Path(__file__).resolve().parents[1]


def test_each_template_is_kept_with_its_address_and_is_not_gold():
    with (ROOT / "gold" / "real" / "manifest.csv").open(encoding="utf-8") as f:
        gold_sources = {row["source"] for row in csv.DictReader(f)}
    for template in load_templates():
        assert template["text"].strip() and template["retrieved"] and template["region"]
        assert template["address"] not in gold_sources


@pytest.mark.parametrize("template", load_templates(), ids=lambda t: t["id"])
def test_a_blank_template_read_alone_gives_no_unflagged_indicator(template):
    """Nothing was filled in: any row read as an indicator must carry a flag (or nothing is read)."""
    table = extract(read_bytes(blank_text(template).encode("utf-8"), "blank.txt"), "rules")
    for project, flags in zip(table.projects(), project_flags(table), strict=True):
        assert not project.indicators or flags, (project.name, [i.name for i in project.indicators])


@pytest.mark.parametrize(
    ("name", "values", "kind"),
    [
        ("具体指标", [None, "……"], "blank"),  # 服务对象满意度指标 | 具体指标 | …… (佳县)
        ("目标3", [None, None], "blank"),  # 目标1 目标2 目标3 under each category (范本)
        ("目标", [None, "3"], "blank"),  # the same, its number read as the value
        ("指标3", [None, None], "blank"),
        ("产出(工作量)指标(数量、质量、成本方面的指标)", [None, "1."], "label"),  # a slot's number as value
        ("效益指标(经济效益、社会效益、环境效益、可持续影响等方面指标)", [None, None], "label"),
        ("产出(工作量)指标(数量、质量、成本方面的指标)1.2.3.4.", [None, None], "label"),  # run together
        ("(经济效益、社会效益、环境效益、可持续影响等方面指标)1.2.3.4.", [None, None], "blank"),
        ("4.", ["效益指标(经济效益、社会效益、环境效益、可持续影响等方面指标)", None], "blank"),  # shifted
    ],
)
def test_real_templates_leftover_rows_are_told(name, values, kind):
    assert leftover_kind(name, values) == kind


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("年度目标完成率", [None, "100%"]),  # 目标 in a real name
        ("培训目标", [None, "3"]),
        ("受益人数", [None, "1."]),  # a name stays even when the value is a slot's number
        ("培训1.2.", [None, None]),
    ],
)
def test_names_like_a_slot_are_kept(name, values):
    assert leftover_kind(name, values) is None


def test_a_slot_number_glued_onto_a_level_label_is_taken_off():
    span = Span(start=10, end=16, row=3)
    ind = Indicator(
        seq=1, level2_name="2.质量指标", name="验收合格率", annual_value="100%", spans={"level2_name": span}
    )
    table = BudgetTable(currency_unit=None, units=[Unit(name="", projects=[Project(name="x", indicators=[ind])])])
    kept = drop_leftovers(table).projects()[0].indicators[0]
    assert kept.level2_name == "质量指标" and kept.spans["level2_name"].start == 12


@pytest.fixture(scope="module")
def dev_docs():
    from leftover_rows import dev_documents

    return {doc.stem: doc for doc in dev_documents()}


#: dev documents (one per layout) and the real templates whose scaffolding they read through as
#: well as their sources; the bench (benchmarks/bench_real_templates.py) has the rest
_CLEAN = [
    ("a12-tj-ninghe-edu-kindergarten-pipe", "all"),  # | cells
    ("c01-huangshi-training-pipe", "all"),  # | cells, a header in two rows
    ("j02-sd-licheng-culture-centre-free-opening-selfeval-space", "jiaxian-target-2016"),  # spaces
    ("c05-xiangtan-environment-cellperline", "jiaxian-target-2016"),  # one cell a line, closed by |
    ("b03-hn-yueyang-farmland-form", "jiaxian-target-2016"),  # one cell a line
    ("a01-wh-qingshan-edu-runtogether", "jiaxian-target-2016"),  # run together
    ("b03-hn-yueyang-farmland-form", "city-target-fanli:slots"),  # 2. 3. slots one cell a line
    ("a01-wh-qingshan-edu-runtogether", "fanben-target-traditional:slots"),  # 目标3 run together
]


@pytest.mark.parametrize(("stem", "which"), _CLEAN)
def test_real_scaffolding_around_real_rows_changes_no_indicator(dev_docs, stem, which):
    doc = dev_docs[stem]
    before = summarize(score_copy(doc, doc.text))["metrics"]
    wrong = []
    for label, text in variants(doc):
        if which != "all" and not (label == which or label.startswith(which + ":")):
            continue
        got = score_copy(doc, text)
        m = summarize(got)["metrics"] if got is not None else None
        if m is None or m["indicator_f1"] < before["indicator_f1"] or m["silent_errors"]:
            wrong.append((label, m and m["indicator_f1"]))
    assert not wrong
