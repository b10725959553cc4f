"""The assistant's own CSV and XLSX exports read back, so a table edited in Excel can be
validated, linted and drafted from again."""

from __future__ import annotations

from assistant.export import export_bytes
from assistant.extract import extract as extract_document
from assistant.ingest import read_bytes


def _body(table):
    """What the flat formats carry: units by name, projects, goals, amounts, indicators."""
    return [(u.name, [p.model_dump(mode="json") for p in u.projects]) for u in table.units]


def test_xlsx_export_reads_back_to_the_same_projects_and_indicators(gold_table):
    doc = read_bytes(export_bytes(gold_table, "xlsx"), "table.xlsx", suffix=".xlsx")
    table = extract_document(doc, "rules")
    assert table.failures == []
    assert _body(table) == _body(gold_table)
    law = next(p for p in table.projects() if p.name == "区法学会经费")
    assert law.indicators[2].spans["annual_value"].sheet == "绩效指标"


def test_csv_export_reads_back_to_the_same_projects_and_indicators(gold_table):
    doc = read_bytes(export_bytes(gold_table, "csv"), "table.csv", suffix=".csv")
    table = extract_document(doc, "rules")
    assert table.failures == []
    assert _body(table) == _body(gold_table)


def test_an_edited_export_keeps_the_rest_and_reports_the_bad_cell(gold_table):
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(export_bytes(gold_table, "xlsx")))
    workbook["项目"]["D3"] = "四十"  # 区法学会经费's 总计 typed in words
    workbook["绩效指标"].append(
        ["中共广州市黄埔区委政法委员会", "不存在的项目", 1, "1", "产出指标", "11", "数量指标", "x", "1", "1"]
    )
    buffer = BytesIO()
    workbook.save(buffer)
    table = extract_document(read_bytes(buffer.getvalue(), "edited.xlsx", suffix=".xlsx"), "rules")
    assert len(table.projects()) == 29
    fields = {(f.field, f.row) for f in table.failures}
    assert ("amounts.total", 3) in fields and any(f == "项目名称" for f, _ in fields)
    law = next(p for p in table.projects() if p.name == "区法学会经费")
    assert law.amounts.total is None and law.amounts.fiscal == 40 and len(law.indicators) == 3
