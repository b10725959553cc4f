"""Excel workbooks (.xlsx/.xlsm) through openpyxl.

Every sheet is read; the table-like ones (a department table header, or a single-project
form's indicator grid) become grids of the Document, the others are skipped with a note in
``Document.warnings``. Numbers stored as numbers are written as the text a clerk sees:
amounts with their decimals (``6359.32``, never ``6359.320000000001``), percentages as
``95%``; numbers stored as text (``1,307.44``) are kept as written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal

from ..errors import InputError
from ..messages import msg
from ..textnorm import fold, simplified
from .cellgrid import Grid, grids_to_document, is_department_header, is_form_grid, unread_cell_note
from .document import Document
from .limits import check_sheets, check_zip, current_limits, exceeded

__all__ = ["read_xlsx", "format_number", "table_like"]

_DECIMALS = re.compile(r"0\.(0+)")


def format_number(value: float | int, number_format: str = "General") -> str:
    """A stored number as the text a clerk sees: float artefacts removed, format decimals kept."""
    if isinstance(value, bool):
        return str(value)
    fmt = number_format or "General"
    percent = "%" in fmt
    if percent:
        value = value * 100
    match = _DECIMALS.search(fmt)
    if match:  # as Excel shows it: the format's decimals, halves rounded up
        places = Decimal(1).scaleb(-len(match.group(1)))
        text = str(Decimal(repr(float(value))).quantize(places, rounding=ROUND_HALF_UP))
    else:  # the shortest text of the value with float noise removed (6359.320000000001 -> 6359.32)
        rounded = round(float(value), 9)
        text = str(int(rounded)) if rounded.is_integer() else format(Decimal(repr(rounded)), "f")
    return text + ("%" if percent else "")


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, cell.number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table_like(rows: list[list[str]]) -> bool:
    """A department table (its header row) or a single-project form (its indicator grid)."""
    return any(is_department_header(r) for r in rows) or is_form_grid(rows)


#: level-1 categories of an indicator grid, as cells of their own
_OUTPUT = "产出指标"
_OUTCOMES = ("效益指标", "满意度指标")


def has_level_rows(rows: list[list[str]]) -> bool:
    """An indicator grid whose column heads are not 一级/二级/三级指标 (指标类型 | 指标名称 | 指标值,
    or heads one per row): 产出指标 and 效益指标 or 满意度指标 as cells of their own."""
    cells = {fold(simplified(t)) for r in rows for t in r if t}
    return _OUTPUT in cells and any(word in cells for word in _OUTCOMES)


_NAME_KEY = re.compile(r"名称$")
_FIELD_KEYS = ("资金", "预算", "金额", "目标")


def has_form_keys(rows: list[list[str]]) -> bool:
    """A form's header with no indicator grid (a self-evaluation cut above it, a notice of funds):
    a short cell naming the project (…名称) and a short one stating money or a goal. Read only when
    no sheet holds a grid, as the same cells in a text or CSV file are."""
    cells = [fold(simplified(t)) for r in rows for t in r if t]
    named = any(len(c) <= 12 and _NAME_KEY.search(c) for c in cells)
    return named and any(len(c) <= 16 and any(k in c for k in _FIELD_KEYS) for c in cells)


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet holds a formula (only then is the workbook read a second time)."""
    formula = re.compile(rb"<(?:\w+:)?f[ >/]")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            formula.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def _sheet_grid(sheet, formulas, unread: list[str]) -> Grid:
    """The sheet's cells as a Grid; formulas with no saved result are listed in ``unread``."""
    down: dict[tuple[int, int], int] = {}
    covered: set[tuple[int, int]] = set()
    min_row = sheet.min_row
    for merged in sheet.merged_cells.ranges:
        if merged.max_row > merged.min_row:
            down[(merged.min_row - min_row, merged.min_col - 1)] = merged.max_row - merged.min_row + 1
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    covered.add((r, c))
    rows: list[list[str]] = []
    numbers: list[int] = []
    for row in sheet.iter_rows(min_row=min_row, max_row=sheet.max_row, min_col=1, max_col=sheet.max_column):
        texts = []
        for cell in row:
            if (cell.row, cell.column) in covered:
                texts.append("")
                continue
            if cell.value is None and formulas is not None:
                formula = formulas.cell(cell.row, cell.column).value
                if isinstance(formula, str) and formula.startswith("="):
                    # written by a script and never calculated: the value is not in the file
                    unread.append(
                        unread_cell_note(
                            sheet.title,
                            cell.row,
                            cell.coordinate,
                            formula,
                        )
                    )
            texts.append(_cell_text(cell))
        rows.append(texts)
        numbers.append(row[0].row if row else min_row + len(rows) - 1)
    return Grid(rows, f"sheet {sheet.title}", row_numbers=numbers, down_merged=down, sheet=sheet.title)


def read_xlsx(data: bytes, source: str) -> Document:
    """Read every sheet of a workbook; keep the sheets that hold a table.

    Raises:
        InputError: the file is not a readable workbook, or no sheet holds a table.
    """
    from openpyxl import load_workbook

    if not data:
        raise InputError(source, msg("XLSX_EMPTY"))
    limits = current_limits()
    check_zip(data, source, limits)  # before anything is inflated
    check_sheets(data, source, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
        formulas = load_workbook(io.BytesIO(data), data_only=False) if _has_formulas(data) else None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        hint = msg("XLSX_OLD_HINT") if data[:4] == b"\xd0\xcf\x11\xe0" else ""
        raise InputError(source, msg("XLSX_UNREADABLE", hint=hint, reason=str(exc))) from None
    except Exception as exc:  # openpyxl raises its own InvalidFileException and parse errors
        raise InputError(source, msg("XLSX_UNREADABLE", hint="", reason=f"{type(exc).__name__}: {exc}")) from None
    grids: list[Grid] = []
    keyed: list[tuple[Grid, list[str]]] = []  # sheets with no grid that hold a form's key cells
    warnings: list[str] = []
    for sheet in workbook.worksheets:
        if sheet.max_row * sheet.max_column > limits.max_cells:  # the grid read below, cells without a reference
            raise exceeded(
                source,
                msg("SIZE_SHEET_CELLS", sheet=sheet.title),
                f"{sheet.max_row * sheet.max_column:,}",
                "max_cells",
                limits,
            )
        unread: list[str] = []
        grid = _sheet_grid(sheet, formulas[sheet.title] if formulas else None, unread)
        if not any(t.strip() for r in grid.rows for t in r):
            warnings.append(f"{source}: sheet {sheet.title!r} is empty; skipped")
            continue
        if not table_like(grid.rows) and not has_level_rows(grid.rows):
            if has_form_keys(grid.rows):
                keyed.append((grid, unread))
            warnings.append(f"{source}: sheet {sheet.title!r} holds no 绩效目标表 header or indicator grid; skipped")
            continue
        grid.fold_two_row_header()
        grids.append(grid)
        warnings.extend(unread)
    if not grids and keyed:  # no grid anywhere: the sheets with a form's keys, read as a text's lines are
        warnings = [w for w in warnings if not any(f"sheet {g.sheet!r} holds no" in w for g, _ in keyed)]
        for grid, unread in keyed:
            grids.append(grid)
            warnings.extend(unread)
    if not grids:
        names = ", ".join(repr(s.title) for s in workbook.worksheets)
        raise InputError(source, msg("XLSX_NO_BUDGET_TABLE", sheets=names))
    return grids_to_document(source, grids, "xlsx", warnings)
