"""A CSV read as the sheet it was saved from: dev sources that keep their cells, saved as the CSV files
Excel / WPS / LibreOffice write (tests/sheet_copies.py), read cell by cell whatever the encoding,
separator or quoting, and scored on the unchanged gold."""

from __future__ import annotations

import pytest
from rewrite_runner import metrics, score_reading
from sheet_copies import copy_bytes, documents, read_sheet_copy

from assistant.extract import extract
from assistant.ingest import read_bytes
from assistant.ingest.csv_sheet import csv_records, delimiter_of

_DOCS = documents()
_SAME = ("csv-utf8", "csv-gbk", "csv-quoted", "csv-semicolon")


def _reading(table) -> list[tuple]:
    return [
        (p.name, p.goal, p.amounts.total, [(i.seq, i.name, i.annual_value) for i in p.indicators])
        for p in table.projects()
    ]


@pytest.mark.parametrize("folder,rows", [(f, r) for _, f, _, r in _DOCS], ids=[f.name[:24] for _, f, _, _ in _DOCS])
def test_every_csv_of_a_sheet_reads_alike(folder, rows):
    """UTF-8 with a BOM, GB18030, every cell quoted or ';' between cells: the same cells, the same reading,
    and no cell border (a quote, the separator) left in a name or goal."""
    readings = {kind: read_sheet_copy(*copy_bytes(rows, kind)) for kind in ("csv-utf8", "csv-gbk", "csv-semicolon")}
    assert all(t is not None for t in readings.values())
    first = _reading(readings["csv-utf8"])
    assert all(_reading(t) == first for t in readings.values())
    for name, goal, _, _ in first:
        assert '","' not in (name or "") + (goal or "") and '";"' not in (name or "") + (goal or "")


@pytest.mark.parametrize("kind", ["csv-utf8", "csv-wrapped", "tsv-wrapped"])
def test_dev_sheets_saved_as_csv_score_as_their_source(kind):
    """Pooled over the dev sheets, a CSV copy (and Excel's "Unicode text" with cells typed over lines)
    scores within a little of the source text, and nothing wrong goes unflagged."""
    from rewrite_runner import read_copy

    samples, source = [], []
    for _, folder, gold, rows in _DOCS:
        samples += score_reading(gold, read_sheet_copy(*copy_bytes(rows, kind)), record=folder.name)
        source += score_reading(gold, read_copy((folder / "source.txt").read_text(encoding="utf-8")))
    got, base = metrics(samples), metrics(source)
    assert len(_DOCS) >= 20
    assert got["indicator_f1"] >= base["indicator_f1"] - 0.06
    assert got["project_name"] >= base["project_name"] - 0.05
    assert got["silent_errors"] == 0


def test_unicode_text_with_a_cell_over_two_lines_is_read_as_its_sheet():
    """Excel's "Unicode text": tabs between cells, a cell typed with a line break quoted."""
    text = '项目名称\t"乡村道路\n养护"\t\t\n年度目标\t完成养护300公里\t\t\n'
    doc = read_bytes(text.encode("utf-16"), "form.txt")
    assert [r.texts()[:2] for r in doc.rows] == [["项目名称", "乡村道路养护"], ["年度目标", "完成养护300公里"]]


def test_unicode_text_with_a_quote_in_a_cell_reads_it_once():
    text = '项目名称\t乡村道路养护\t\t\n年度目标\t"落实""两卡制""要求"\t\t\n'
    doc = read_bytes(text.encode("utf-16"), "form.txt")
    assert doc.rows[1].texts()[:2] == ["年度目标", '落实"两卡制"要求']


def test_a_stray_quote_in_tab_text_keeps_the_lines():
    """A quote a copy left at a cell's start, never closed: not Excel's quoting, the lines stay rows."""
    text = '项目名称\t"乡村道路\t\t\n年度目标\t完成养护300公里\t\t\n'
    doc = read_bytes(text.encode("utf-8"), "form.txt")
    assert doc.layout == "tabbed" and len(doc.rows) == 2


def test_a_wrapped_cell_is_one_cell_and_its_row_is_its_first_line():
    """A cell typed with line breaks (quoted in the CSV) is read as one wrapped cell, and the rows below
    it keep the line numbers of the file."""
    text = '项目名称,"乡村道路\n养护"\n年度目标,完成养护300公里\n'
    doc = read_bytes(text.encode("utf-8"), "form.csv", suffix=".csv")
    assert [r.texts() for r in doc.rows] == [["项目名称", "乡村道路养护"], ["年度目标", "完成养护300公里"]]
    assert [r.line for r in doc.rows] == [1, 3]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_the_separator_is_the_one_that_splits_the_records(sep):
    rows = [
        ["项目名称", "乡村道路养护，含桥梁"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "300公里"],
    ]
    text = "\n".join(sep.join(r) for r in rows)
    assert delimiter_of(text) == sep


def test_excel_s_sep_line_names_the_separator_and_is_no_row():
    text = "sep=;\n项目名称;乡村道路养护\n年度目标;完成养护300公里，保障通行\n"
    assert delimiter_of(text) == ";"
    doc = read_bytes(text.encode("utf-8"), "form.csv", suffix=".csv")
    assert [(r.line, r.texts()) for r in doc.rows] == [
        (2, ["项目名称", "乡村道路养护"]),
        (3, ["年度目标", "完成养护300公里，保障通行"]),
    ]


def test_a_quote_inside_a_cell_is_read_as_typed():
    """Excel doubles a quote inside a quoted cell: the cell reads with one."""
    text = '项目名称,乡村道路养护\n年度目标,"落实""两卡制""要求, 完成养护"\n'
    doc = read_bytes(text.encode("utf-8"), "form.csv", suffix=".csv")
    assert doc.rows[1].texts() == ["年度目标", '落实"两卡制"要求, 完成养护']
    cell = doc.rows[1].cells[1]
    assert doc.text[cell.start : cell.end] == cell.text  # spans index the rendering of the cells


def test_a_text_named_csv_with_no_separator_is_read_as_text():
    assert delimiter_of("项目名称：乡村道路养护\n年度目标：完成养护300公里\n") is None
    doc = read_bytes("项目名称：乡村道路养护\n年度目标：完成养护300公里\n".encode(), "notes.csv", suffix=".csv")
    assert doc.layout == "reflowed"


def test_broken_quotes_are_named_by_line():
    """A quote never closed (hand-edited file) swallows the rows below it: the failure names its line."""
    text = 'a,b,c\n1,2,3\n4,"5,6\n7,8,9\n'
    records, bad = csv_records(text)
    assert [line for line, _ in bad] == [4]
    doc = read_bytes(text.encode("utf-8"), "hand.csv", suffix=".csv")
    [failure] = doc.failures
    assert failure.code == "READ_BAD_CSV_ROW" and failure.source == "hand.csv" and failure.field == "csv"


def test_a_title_above_the_grid_stays_a_title():
    """表名 and 单位 lines before the grid are one-cell records: the form below reads as usual."""
    rows = [
        "项目支出绩效目标表",
        "单位：万元",
        "项目名称,乡村道路养护,,",
        "资金总额,100,,",
        "年度目标,完成乡村道路养护300公里。,,",
        "一级指标,二级指标,三级指标,指标值",
        "产出指标,数量指标,养护里程,300公里",
    ]
    table = extract(read_bytes("\n".join(rows).encode("gb18030"), "form.csv", suffix=".csv"), "rules")
    [project] = table.projects()
    assert project.name == "乡村道路养护" and project.amounts.total == 100
    assert [(i.name, i.annual_value) for i in project.indicators] == [("养护里程", "300公里")]


def test_a_sheet_reads_the_same_saved_as_xlsx_or_csv():
    """Every dev sheet the workbook reader takes reads as its CSV does (traditional heads, grids with
    no 一级/二级/三级 heads, forms with no grid, two forms in one sheet); it refuses only sheets with
    no form at all (a notice's allocation list)."""
    refused = []
    for _, folder, _, rows in _DOCS:
        book = read_sheet_copy(*copy_bytes(rows, "xlsx"))
        if book is None:
            refused.append(folder.name)
            continue
        assert _reading(book) == _reading(read_sheet_copy(*copy_bytes(rows, "csv-utf8"))), folder.name
    assert len(refused) <= 2, refused


def test_a_department_table_s_two_row_header_saved_as_csv_is_one_header(seed_text, tmp_path):
    """The seed table in a workbook with its header over two rows (资金来源 merged over 财政拨款 |
    财政专户拨款 | 其他资金), saved as CSV: the merges are gone, the header is read as one row as the
    workbook's is, and the table is the workbook's."""
    import csv
    import io

    from office_copies import table_lines, write_xlsx
    from openpyxl import load_workbook

    from assistant.export import to_interchange

    book = write_xlsx(table_lines(seed_text), tmp_path / "seed.xlsx", numbers=False)
    sheet = load_workbook(book).active
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(
        [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]
    )
    from_csv = extract(read_bytes(out.getvalue().encode("utf-8-sig"), "seed.csv", suffix=".csv"), "rules")
    from_book = extract(read_bytes(book.read_bytes(), "seed.xlsx", suffix=".xlsx"), "rules")
    assert to_interchange(from_csv, with_meta=False)["units"] == to_interchange(from_book, with_meta=False)["units"]
    assert not from_csv.failures and len(from_csv.projects()) == 29


def test_a_system_export_s_text_formula_is_its_text():
    """="2024" keeps a cell as typed in a finance system's export: the sheet shows 2024."""
    text = '项目名称,="乡村道路养护"\n年度,="2024"\n年度目标,完成养护300公里\n'
    doc = read_bytes(text.encode("utf-8"), "export.csv", suffix=".csv")
    assert [r.texts() for r in doc.rows][:2] == [["项目名称", "乡村道路养护"], ["年度", "2024"]]


def test_pipe_text_named_csv_is_left_to_the_pipe_readers():
    text = "项目名称 | 乡村道路养护, 含桥梁 |\n年度目标 | 完成养护, 保障通行 |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
    assert delimiter_of(text) is None
