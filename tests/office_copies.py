"""Build xlsx / docx / text-PDF copies of a tab-separated table, for the office-reader tests.

The PDF is written with reportlab's built-in ``STSong-Light`` CID font (Adobe's Chinese
font, referenced by name and not embedded), so a text PDF with Chinese needs no font file
on the machine; pdfplumber decodes it through pdfminer's bundled CMaps.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["table_lines", "write_xlsx", "write_docx", "write_pdf", "as_number"]

HEADER_SUB = ["财政拨款", "财政专户拨款", "其他资金"]


def table_lines(text: str) -> list[list[str]]:
    """Non-blank lines of a tab-separated table, split into cells."""
    return [line.split("\t") for line in text.split("\n") if line.strip()]


def as_number(cell: str) -> float | str:
    try:
        return float(cell.replace(",", ""))
    except ValueError:
        return cell


def _header_index(lines: list[list[str]]) -> int:
    return next(i for i, cells in enumerate(lines) if cells[0].startswith("项目名称"))


def write_xlsx(
    lines: list[list[str]], path: Path, *, numbers: bool, two_row_header: bool = True, extra_sheets: bool = False
) -> Path:
    """The table in a sheet: title lines in column A, a two-row merged header, the body.

    ``numbers``: amounts stored as numbers with a 0.00 format; else as text ("1,307.44").
    ``extra_sheets``: add a notes sheet before the table (it must be skipped).
    """
    from openpyxl import Workbook

    workbook = Workbook()
    if extra_sheets:
        notes = workbook.active
        notes.title = "说明"
        notes.append(["本表由财政局导出"])
        sheet = workbook.create_sheet("项目表")
    else:
        sheet = workbook.active
        sheet.title = "项目表"
    head = _header_index(lines)
    for cells in lines[:head]:
        sheet.append(cells)
    header = lines[head]
    if two_row_header:
        # 项目名称 | 总计 | 资金来源 (over three) | 绩效目标 | 绩效指标, then the three sources
        top = sheet.max_row + 1
        sheet.append([header[0], header[1], "资金来源", "", "", header[5], header[6]])
        sheet.append(["", "", *HEADER_SUB, "", ""])
        for col in (1, 2, 6, 7):
            sheet.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
        sheet.merge_cells(start_row=top, start_column=3, end_row=top, end_column=5)
    else:
        sheet.append(header)
    for cells in lines[head + 1 :]:
        row = [as_number(c) if numbers and 1 <= i <= 4 else c for i, c in enumerate(cells)]
        sheet.append(row)
        if numbers:
            for col in range(2, 6):
                sheet.cell(sheet.max_row, col).number_format = "#,##0.00"
    workbook.save(path)
    return path


def write_docx(lines: list[list[str]], path: Path, *, two_row_header: bool = True, extra_table: bool = False) -> Path:
    """Title lines as paragraphs, then the table (merged two-row header), in a Word file."""
    import docx

    document = docx.Document()
    head = _header_index(lines)
    for cells in lines[:head]:
        document.add_paragraph(cells[0])
    if extra_table:
        notes = document.add_table(rows=1, cols=2)
        notes.cell(0, 0).text = "填报说明"
        notes.cell(0, 1).text = "金额单位为万元"
    table = document.add_table(rows=0, cols=7)
    header = lines[head]
    if two_row_header:
        first, second = table.add_row().cells, table.add_row().cells
        for col, text in enumerate(header):
            if col in (2, 3, 4):
                second[col].text = HEADER_SUB[col - 2]
            else:
                first[col].merge(second[col]).text = text
        first[2].merge(first[4]).text = "资金来源"
    else:
        for cell, text in zip(table.add_row().cells, header):
            cell.text = text
    for cells in lines[head + 1 :]:
        for cell, text in zip(table.add_row().cells, cells):
            cell.text = text
    document.save(path)
    return path


def write_pdf(
    lines: list[list[str]], path: Path, *, ruled: bool = True, password: str | None = None, split_rows: bool = False
) -> Path:
    """A landscape A4 PDF of the table with ruling lines (or a text-only page), CJK text.

    ``split_rows``: a larger font, and rows too tall for the rest of a page are cut at the
    page break and go on at the top of the next page (some over three pages)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size = 9 if split_rows else 6
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=size, leading=size * 1.25, wordWrap="CJK")
    head = _header_index(lines)
    story = [Paragraph(escape(cells[0]), style) for cells in lines[:head]]
    if ruled:
        rows = [[Paragraph(escape(c), style) for c in cells] + [""] * (7 - len(cells)) for cells in lines[head:]]
        split = {"repeatRows": 0, "splitInRow": 1} if split_rows else {"repeatRows": 1}
        table = Table(rows, colWidths=[90, 45, 45, 45, 45, 230, 300], **split)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    else:
        story.extend(Paragraph(escape(c), style) for cells in lines[head:] for c in cells if c)
    encrypt = None
    if password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(password, canPrint=0)
    margins = {"leftMargin": 20, "rightMargin": 20, "topMargin": 20, "bottomMargin": 20}
    SimpleDocTemplate(str(path), pagesize=landscape(A4), encrypt=encrypt, **margins).build(story)
    return path
