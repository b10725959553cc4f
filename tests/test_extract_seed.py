"""The rule-based extractor against the hand-labeled gold: the seed as published, in
GB18030, with a BOM, as UTF-16, with CRLF, and reflowed as a PDF viewer copies it."""

from __future__ import annotations

import re

import pytest

from assistant.evaluate.perturb import reflow
from assistant.export import to_interchange
from assistant.extract.parsers.table import extract_table
from assistant.ingest import read_bytes, read_path
from assistant.schema import INDICATOR_FIELDS
from assistant.textnorm import texts_equal


def interchange(table):
    return to_interchange(table, with_meta=False)


def assert_equal_by_interchange_rules(gold, table):
    """Interchange equality: text after NFKC/white space/trailing punctuation, numbers exactly."""
    assert table.title == gold.title and table.department == gold.department
    assert table.amounts == gold.amounts
    assert [u.name for u in table.units] == [u.name for u in gold.units]
    gold_projects, projects = gold.projects(), table.projects()
    assert len(projects) == len(gold_projects)
    for g, p in zip(gold_projects, projects):
        assert texts_equal(g.name, p.name), (g.name, p.name)
        assert (g.classified, g.amounts) == (p.classified, p.amounts), g.name
        assert texts_equal(g.goal, p.goal), g.name
        assert len(g.indicators) == len(p.indicators), g.name
        for gi, pi in zip(g.indicators, p.indicators):
            for field in INDICATOR_FIELDS:
                a, b = getattr(gi, field), getattr(pi, field)
                assert a == b or texts_equal(str(a), str(b)), (g.name, gi.seq, field, a, b)


def test_seed_gives_the_gold_exactly(seed_path, gold_table):
    table = extract_table(read_path(seed_path))
    assert interchange(table) == interchange(gold_table)
    assert table.failures == []
    assert len(table.projects()) == 29
    assert sum(p.classified for p in table.projects()) == 6
    assert sum(len(p.indicators) for p in table.projects()) == 94


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("gbk"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["gb18030", "gbk", "utf8-bom", "utf16", "crlf"],
)
def test_other_encodings_give_the_same_output_and_spans(seed_text, encode, gold_table):
    reference = extract_table(read_bytes(seed_text.encode("utf-8"), "seed.txt"))
    doc = read_bytes(encode(seed_text), "seed.txt")
    table = extract_table(doc)
    assert interchange(table) == interchange(gold_table)
    assert to_interchange(table, with_spans=True, with_meta=False) == to_interchange(
        reference, with_spans=True, with_meta=False
    )


def test_gb18030_file_is_detected(tmp_path, seed_text):
    path = tmp_path / "legacy.txt"
    path.write_bytes(seed_text.encode("gb18030"))
    doc = read_path(path)
    assert doc.encoding == "gb18030"


@pytest.mark.parametrize("width, name_width", [(28, 12), (40, 8), (15, 6), (60, 30), (10, 4)])
def test_reflowed_copy_gives_the_gold(seed_text, gold_table, width, name_width):
    text = reflow(seed_text, width, name_width)
    assert "\t" not in text
    doc = read_bytes(text.encode("utf-8"), "reflowed.txt")
    assert doc.layout == "reflowed"
    table = extract_table(doc)
    assert table.failures == []
    assert_equal_by_interchange_rules(gold_table, table)


def test_spans_point_at_the_source_text(seed_path):
    doc = read_path(seed_path)
    table = extract_table(doc)
    project = next(p for p in table.projects() if p.name == "区法学会经费")
    span = project.spans["name"]
    assert doc.text[span.start : span.end] == "区法学会经费"
    assert (span.row, span.col) == (13, 0)
    assert doc.text[project.spans["amounts.total"].start : project.spans["amounts.total"].end] == "40.00"
    third = project.indicators[2]
    span = third.spans["annual_value"]
    assert doc.text[span.start : span.end] == "1个"
    assert span.row == 13 and span.col == 6
    assert doc.text[third.spans["period_value"].start : third.spans["period_value"].end] == "课题研究项目个数统计"


def test_spans_of_reflowed_cells_map_back_through_the_wrapped_lines(seed_text):
    text = reflow(seed_text, 15, 6)
    doc = read_bytes(text.encode("utf-8"), "reflowed.txt")
    table = extract_table(doc)
    for project in table.projects():
        for indicator in project.indicators:
            for field in ("name", "period_value", "annual_value"):
                span = indicator.spans.get(field)
                if span is None:
                    continue
                # wrapped lines are stripped when joined, so compare without white space
                source = re.sub(r"\s", "", doc.text[span.start : span.end])
                assert source == re.sub(r"\s", "", getattr(indicator, field)), (project.name, indicator.seq, field)


def test_rows_that_cannot_be_read_are_reported_and_the_rest_extracted(seed_text):
    lines = seed_text.split("\n")
    lines[12] = lines[12].replace("40.00\t40.00", "4O.0x\t40.00")  # 区法学会经费: a mangled amount
    lines.insert(20, "这一行不是表格的一部分")  # a stray line between project rows
    lines[28] = lines[28].replace("1、1-产出指标", "一、产出").replace("2、1-产出指标", "二、产出")
    doc = read_bytes("\n".join(lines).encode("utf-8"), "damaged.txt")
    table = extract_table(doc)
    assert len(table.projects()) == 29
    by_field = {(f.row, f.field) for f in table.failures}
    assert (13, "amounts.total") in by_field
    assert (21, "row") in by_field
    stray = next(f for f in table.failures if f.field == "row")
    assert stray.raw == "这一行不是表格的一部分"
    law = next(p for p in table.projects() if p.name == "区法学会经费")
    assert law.amounts.total is None and law.amounts.fiscal == 40
    assert len(law.indicators) == 3


def test_six_cell_rows_read_the_same_as_seven_cell_rows(seed_text):
    doc = read_bytes(seed_text.encode(), "seed.txt")
    six = [r for r in doc.rows if len(r.cells) == 6]
    assert len(six) == 10  # the seed's rows with a dropped empty column
    table = extract_table(doc)
    project = next(p for p in table.projects() if p.name == "基层社会治理和网格化创新工作经费")
    assert project.goal.startswith("通过为社会治理工作队配备移动终端")
    assert len(project.indicators) == 6


def test_money_cells_with_ocr_lookalikes_are_read_and_flagged(seed_text):
    from assistant.checks import validate_table

    text = seed_text.replace("区法学会经费\t40.00\t40.00", "区法学会经费\t4O.OO\t４０.00")
    table = extract_table(read_bytes(text.encode("utf-8"), "ocr.txt"))
    law = next(p for p in table.projects() if p.name == "区法学会经费")
    assert law.amounts.total == 40 and law.amounts.fiscal == 40
    assert law.spans["amounts.total"].confidence == 0.5
    assert law.spans["amounts.fiscal"].confidence is None  # full-width digits are a safe fold
    flagged = [w for w in validate_table(table) if w.code == "LOW_CONFIDENCE"]
    assert [(w.project, w.field) for w in flagged] == [("区法学会经费", "amounts.total")]


def test_full_width_markup_and_ocr_digits_in_money_columns(seed_text, gold_table):
    text = (
        seed_text.replace("<p>", "<ｐ>").replace("</p>", "<／ｐ>").replace("\t161.05\t161.05\t", "\t161.05\t丨6l.05\t")
    )
    table = extract_table(read_bytes(text.encode("utf-8"), "ime.txt"))
    assert table.failures == []
    assert_equal_by_interchange_rules(gold_table, table)


def test_reflowed_copy_with_page_numbers_and_a_wrapped_header(seed_text, gold_table):
    text = reflow(seed_text, 24, 10)
    text = text.replace("项目名称（资金使用单位）", "项目名称（资金使\n用单位）")
    pages = text.split("\n\n")
    text = "".join(page + (f"\n- {n} -\n\n" if n % 2 else f"\n\n{n}\n") for n, page in enumerate(pages, start=1))
    table = extract_table(read_bytes(text.encode("utf-8"), "copied.txt"))
    assert table.failures == []
    assert_equal_by_interchange_rules(gold_table, table)


def test_page_numbers_between_tabbed_rows_are_not_failures(seed_text, gold_table):
    text = seed_text.replace("\n\n涉密项目\t108.00", "\n3\n\n涉密项目\t108.00").replace(
        "\n\n综合业务费", "\n- 4 -\n\n综合业务费"
    )
    table = extract_table(read_bytes(text.encode("utf-8"), "paged.txt"))
    assert table.failures == []
    assert table.model_dump(mode="json") == gold_table.model_dump(mode="json")
