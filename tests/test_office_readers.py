"""xlsx / docx / text-PDF copies of the seed table read to its gold record; bad files give clear errors."""

from __future__ import annotations

import zipfile

import pytest
from office_copies import table_lines, write_docx, write_pdf, write_xlsx

from assistant.errors import InputError
from assistant.extract import extract as extract_document
from assistant.ingest import read_path
from assistant.ingest.xlsx import format_number
from assistant.textnorm import normalize_for_compare


@pytest.fixture(scope="module")
def seed_lines(seed_text):
    return table_lines(seed_text)


def _dump(table):
    return table.model_dump(mode="json")


def _normalised(value):
    """The interchange comparison: texts normalised, numbers as they are."""
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalised(v) for v in value]
    if isinstance(value, str):
        return normalize_for_compare(value)
    return value


@pytest.mark.parametrize("numbers", [True, False], ids=["numbers", "text-with-thousands"])
def test_xlsx_copy_gives_the_gold(tmp_path, seed_lines, gold_table, numbers):
    path = write_xlsx(seed_lines, tmp_path / "seed.xlsx", numbers=numbers, extra_sheets=True)
    doc = read_path(path)
    assert doc.layout == "xlsx"
    assert any("说明" in w and "skipped" in w for w in doc.warnings)
    table = extract_document(doc, "rules")
    assert table.failures == []
    assert _dump(table) == _dump(gold_table)
    span = table.units[0].projects[1].amounts and table.units[0].projects[1].spans["name"]
    assert span.sheet == "项目表" and doc.text[span.start : span.end] == "区法学会经费"


def test_several_department_sheets_are_combined(tmp_path, seed_lines, gold_table):
    from openpyxl import load_workbook

    path = write_xlsx(seed_lines, tmp_path / "two.xlsx", numbers=True)
    workbook = load_workbook(path)
    workbook.copy_worksheet(workbook["项目表"]).title = "项目表2"
    workbook.save(path)
    table = extract_document(read_path(path))
    assert table.failures == []
    assert len(table.units) == 2 and len(table.projects()) == 2 * len(gold_table.projects())
    assert float(table.amounts.total) == pytest.approx(2 * 6359.32)
    assert table.units[1].projects[0].spans["name"].sheet == "项目表2"


def test_formula_without_a_saved_result_is_reported(tmp_path, seed_lines):
    from openpyxl import load_workbook

    path = write_xlsx(seed_lines, tmp_path / "formula.xlsx", numbers=True, two_row_header=False)
    workbook = load_workbook(path)
    sheet = workbook["项目表"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "区法学会经费")
    sheet.cell(row, 2).value = f"=C{row}"  # written by a script: no cached result
    workbook.save(path)
    table = extract_document(read_path(path))
    failure = next(f for f in table.failures if f.field == f"项目表!B{row}")
    assert failure.row == row and f"=C{row}" in failure.message and "no saved result" in failure.message
    project = next(p for p in table.projects() if p.name == "区法学会经费")
    assert project.amounts.total is None and float(project.amounts.fiscal) == 40.0  # the row is kept


def test_xlsx_one_row_header_and_float_noise(tmp_path, seed_lines, gold_table):
    from openpyxl import load_workbook

    path = write_xlsx(seed_lines, tmp_path / "seed.xlsx", numbers=True, two_row_header=False)
    assert _dump(extract_document(read_path(path))) == _dump(gold_table)
    workbook = load_workbook(path)  # the same numbers in the General format (40.0 shows as 40)
    for row in workbook["项目表"].iter_rows():
        for cell in row:
            cell.number_format = "General"
    workbook.save(path)
    assert _dump(extract_document(read_path(path))) == _dump(gold_table)
    assert format_number(6359.320000000001) == "6359.32"
    assert format_number(1307.44, "#,##0.00") == "1307.44"
    assert format_number(40.0, "0.00") == "40.00"
    assert format_number(0.95, "0%") == "95%"
    assert format_number(3) == "3"
    assert format_number(0.95) == "0.95" and format_number(0.2) == "0.2"  # no padding without a format
    assert format_number(1307.445, "0.00") == "1307.45"  # halves up, as Excel shows them
    assert format_number(0.955, "0.0%") == "95.5%"


@pytest.mark.parametrize("two_row_header", [True, False])
def test_docx_copy_gives_the_gold(tmp_path, seed_lines, gold_table, two_row_header):
    path = write_docx(seed_lines, tmp_path / "seed.docx", two_row_header=two_row_header, extra_table=True)
    doc = read_path(path)
    assert doc.layout == "docx"
    assert any("table 1" in w and "skipped" in w for w in doc.warnings)
    table = extract_document(doc, "rules")
    assert table.failures == []
    assert _dump(table) == _dump(gold_table)
    assert table.units[0].projects[0].spans["name"].sheet == "table 2"


def test_docx_table_split_in_two_is_read_on(tmp_path, seed_lines, gold_table):
    """The body goes on in a second Word table without a header of its own."""
    import docx

    path = write_docx(seed_lines, tmp_path / "seed.docx", two_row_header=False)
    document = docx.Document(path)
    first = document.tables[0]
    rows = first.rows[20:]
    second = document.add_table(rows=0, cols=7)
    for row in rows:
        for cell, source in zip(second.add_row().cells, row.cells):
            cell.text = source.text
        first._tbl.remove(row._tr)
    document.save(path)
    doc = read_path(path)
    assert any("no header of its own" in w for w in doc.warnings)
    assert _dump(extract_document(doc)) == _dump(gold_table)


@pytest.mark.parametrize("split_rows", [False, True], ids=["whole-rows", "rows-cut-at-page-breaks"])
def test_text_pdf_copy_gives_the_gold(tmp_path, seed_lines, gold_table, split_rows):
    """Ruled table over several pages. A space at a wrapped line's end is invisible in a PDF,
    so texts are compared as the interchange defines equality (white space removed)."""
    path = write_pdf(seed_lines, tmp_path / "seed.pdf", split_rows=split_rows)
    doc = read_path(path)
    assert doc.layout == "pdf"
    assert {c.page for r in doc.rows for c in r.cells} >= {1, 2}
    table = extract_document(doc, "rules")
    assert table.failures == []
    assert _normalised(_dump(table)) == _normalised(_dump(gold_table))
    amounts = [p.amounts.model_dump(mode="json") for p in table.projects()]
    assert amounts == [p.amounts.model_dump(mode="json") for p in gold_table.projects()]


def test_unruled_pdf_is_read_in_text_order(tmp_path, seed_lines, gold_table):
    head = next(i for i, c in enumerate(seed_lines) if c[0].startswith("项目名称"))
    lines = seed_lines[: head + 4]  # title lines, header, 合计, unit, first 涉密项目 row
    doc = read_path(write_pdf(lines, tmp_path / "plain.pdf", ruled=False))
    table = extract_document(doc, "rules")
    assert table.title == gold_table.title and table.department == gold_table.department
    assert (
        table.projects()[0].classified and table.projects()[0].amounts.total == gold_table.projects()[0].amounts.total
    )


def _expect_input_error(path, *words):
    with pytest.raises(InputError) as info:
        read_path(path)
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message
    return message


def test_corrupt_xlsx(tmp_path, seed_lines):
    good = write_xlsx(seed_lines, tmp_path / "good.xlsx", numbers=True).read_bytes()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good[: len(good) // 2])
    _expect_input_error(broken, "not a readable Excel workbook")
    not_zip = tmp_path / "text.xlsx"
    not_zip.write_bytes("项目名称\t总计".encode())
    _expect_input_error(not_zip, "not a readable Excel workbook")
    # a valid zip that is not a workbook
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "hi")
    _expect_input_error(other, "not a readable Excel workbook")


def test_xlsx_without_a_table(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["随便", "写写"])
    workbook.save(tmp_path / "notes.xlsx")
    _expect_input_error(tmp_path / "notes.xlsx", "no sheet holds")


def test_corrupt_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    _expect_input_error(path, "not a readable Word document")


def test_encrypted_pdf(tmp_path, seed_lines):
    path = write_pdf(seed_lines[:6], tmp_path / "locked.pdf", password="secret")
    _expect_input_error(path, "password-protected")


def test_empty_pdfs(tmp_path):
    from reportlab.pdfgen import canvas

    blank = tmp_path / "blank.pdf"
    pdf = canvas.Canvas(str(blank))
    pdf.showPage()
    pdf.save()
    _expect_input_error(blank, "no text")
    zero = tmp_path / "zero.pdf"
    zero.write_bytes(b"")
    _expect_input_error(zero, "empty")
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n garbage")
    _expect_input_error(garbage, "not a readable PDF")


def test_cli_names_the_file_and_exits_2(tmp_path, capsys):
    from assistant.cli import main

    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main(["--lang", "en", "extract", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "broken.xlsx" in err and "not a readable Excel workbook" in err
