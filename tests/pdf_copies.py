"""Dev indicator grids printed into a PDF the way departments print their forms, and read
back as PDF text: the stand-in for the space-separated and one-cell-per-line documents of
the corpus, most of which are the text layer of such a PDF.

A grid (``tests/form_variants.py``, from the dev gold) is laid out as a ruled form with
reportlab: the 项目名称 and 年度目标 rows above an indicator grid whose 一级 and 二级 cells are
merged down their groups (the label on the group's top line, or vertically centred), whose
columns are narrow enough for long names and values to wrap onto two or three lines, and,
for long grids, with the header printed again at a page break under a page number. The PDF
is then read as the documents reach us:

* ``ruled``: the product's PDF reader on the file (ruled cells, :func:`assistant.ingest.read_bytes`);
* ``unruled``: the same form printed without rules, read by the product (text in reading order);
* ``text``: pdfplumber's text of the page pasted as a ``.txt`` (a line per printed line, one
  space between cells and inside wrapped cells alike);
* ``layout``: pdfplumber's layout text (columns kept by runs of spaces) as a ``.txt``;
* ``boxes``: pdfminer's text boxes, a line per box (a column of cells after another);
* ``cells``: the ruled cells in reading order, a line per printed line of each cell, empty
  cells left out (a viewer's copy of a table: one cell per line, a wrapped cell over several
  lines, a merged label once).

These copies are no gold: they measure whether a reading holds or says it does not (right /
flagged / silent), whereas the real documents measure accuracy.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from form_variants import FIELDS, Grid, groups

__all__ = ["PdfStyle", "PDF_STYLES", "READERS", "printable", "render_pdf", "pdf_text", "read_pdf_copy"]

READERS = ("ruled", "unruled", "text", "layout", "boxes", "cells")


@dataclass(frozen=True)
class PdfStyle:
    labels: str = "middle"  # middle (merged cells vertically centred) | top (on the group's first line)
    wrap: bool = True  # narrow name and value columns: long cells wrap onto two or three lines
    annual: bool = False  # 实施周期指标值 | 年度指标值 columns instead of one 指标值
    reader: str = "ruled"

    def label(self) -> str:
        return "-".join(
            [self.reader, self.labels, "wrap" if self.wrap else "wide", "annual" if self.annual else "single"]
        )


PDF_STYLES = [
    PdfStyle(labels, wrap, annual, reader)
    for reader in READERS
    for labels in ("middle", "top")
    for wrap in (True, False)
    for annual in (False, True)
]


def render_pdf(grid: Grid, style: PdfStyle, goal: str = "") -> bytes | None:
    """The form as PDF bytes; None when the style cannot print this grid (a 实施周期 column
    with no period values, or a grid with empty labels)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if style.annual != any(r.period for r in grid.rows) or not printable(grid):
        return None
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    title = ParagraphStyle("title", parent=cell, fontSize=14, leading=20, alignment=1)

    def p(text: str | None) -> Paragraph:
        return Paragraph(escape(text or ""), cell)

    values = ["实施周期指标值", "年度指标值"] if style.annual else ["指标值"]
    narrow = 60 if style.wrap else 110
    widths = [60, 70, 95 if style.wrap else 200, *[narrow] * len(values)]
    width = sum(widths)
    head = Table(
        [[p("项目名称"), p(grid.name)], [p("年度目标"), p(goal)]] if goal else [[p("项目名称"), p(grid.name)]],
        colWidths=[widths[0] + widths[1], width - widths[0] - widths[1]],
    )
    rows = [[p(w) for w in ["一级指标", "二级指标", "三级指标", *values]]]
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE" if style.labels == "middle" else "TOP")]
    for r in grid.rows:
        cells = [r.period, r.annual] if style.annual else [r.annual]
        rows.append([p(r.level1), p(r.level2), p(r.name), *[p(v) for v in cells]])
    for column, keys in ((0, [r.level1 for r in grid.rows]), (1, [(r.level1, r.level2) for r in grid.rows])):
        for start, end in groups(keys):
            for i in range(start + 1, end):
                rows[1 + i][column] = ""
            if end - start > 1:
                commands.append(("SPAN", (column, 1 + start), (column, end)))
    grid_table = Table(rows, colWidths=widths, repeatRows=1)
    rules = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if style.reader not in ("unruled",) else []
    grid_table.setStyle(TableStyle(commands + rules))
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *rules]))

    def page_number(canvas, doc) -> None:
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 20, f"- {doc.page} -")

    # a short page for long grids, so the grid runs over a page break with its header printed
    # again; a merged group taller than the page cannot be cut there: then one tall page
    sizes = [(A4[0], A4[1] / 2), A4] if len(grid.rows) >= 8 else [A4]
    for size in sizes:
        out = io.BytesIO()
        try:
            SimpleDocTemplate(out, pagesize=size, topMargin=30, bottomMargin=40).build(
                [Paragraph("项目支出绩效目标表", title), Spacer(1, 6), head, grid_table],
                onFirstPage=page_number,
                onLaterPages=page_number,
            )
        except Exception:  # reportlab's LayoutError, or a failure inside it while naming the culprit
            continue
        return out.getvalue()
    return None


def printable(grid: Grid) -> bool:
    """The grid can be printed as a form: every row has its labels and name, and every
    character comes back out of the PDF font."""
    return all(r.level1 and r.level2 and r.name for r in grid.rows) and _printable(grid)


@functools.cache
def _printable(grid: Grid) -> bool:
    """Every character of the grid comes back out of the PDF font (STSong-Light has no ``·``)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    texts = [grid.name, *(x or "" for r in grid.rows for x in (r.level1, r.level2, r.name, r.period, r.annual))]
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("STSong-Light", 9)
    for i, text in enumerate(texts):
        page.drawString(20, 800 - 12 * (i % 60), text)
        if i % 60 == 59:
            page.showPage()
            page.setFont("STSong-Light", 9)
    page.save()
    printed = pdf_text(out.getvalue(), "text")
    return set("".join(texts)) - {" "} <= set(printed)


def pdf_text(data: bytes, reader: str) -> str:
    """The PDF's text as a ``.txt`` a clerk would paste: ``text``, ``layout`` or ``boxes``."""
    if reader == "boxes":
        from pdfminer.high_level import extract_text

        return extract_text(io.BytesIO(data))
    if reader == "cells":
        import pdfplumber

        lines: list[str] = []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                for table in page.extract_tables():
                    lines += [
                        part for row in table for cell in row if cell for part in cell.split("\n") if part.strip()
                    ]
        return "\n".join(lines)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text(layout=reader == "layout") or "" for page in pdf.pages)


def read_pdf_copy(grid: Grid, style: PdfStyle, goal: str = ""):
    """(indicators read, indicators printed, failures, project name read) of the grid printed
    and read in the style; None when the style cannot print it. A refused text raises the
    extractor's error."""
    from assistant.evaluate.align import norm
    from assistant.export import to_interchange
    from assistant.extract import extract
    from assistant.ingest import read_bytes

    data = render_pdf(grid, style, goal)
    if data is None:
        return None
    if style.reader in ("ruled", "unruled"):
        doc = read_bytes(data, "copy.pdf")
    else:
        doc = read_bytes(pdf_text(data, style.reader).encode("utf-8"), "copy.txt")
    table = extract(doc, "rules")
    projects = [p for u in to_interchange(table, with_meta=False)["units"] for p in u["projects"]]
    got = [{f: norm(i.get(f)) for f in FIELDS} for p in projects for i in p["indicators"]]
    want = [
        {
            "level1_name": norm(r.level1),
            "level2_name": norm(r.level2),
            "name": norm(r.name),
            "period_value": norm(r.period) if style.annual else None,
            "annual_value": norm(r.annual),
        }
        for r in grid.rows
    ]
    name = projects[0]["name"] if len(projects) == 1 else None
    return got, want, table.failures, name
