"""Resource limits of the readers: a small hostile file must fail fast, not take the machine.

A 5 KB workbook can declare a cell at XFD1048576, a zip member can inflate to 4 GB, a
one-page PDF can be 14,400 pt wide (or scaled by /UserUnit), a TIFF can hold 10,000 pages.
Every reader checks its input against these limits *before* the expensive work and raises
an :class:`~assistant.errors.InputError` naming the file, the limit and the variable that
raises it. The defaults are far above any real 绩效目标表 (a few hundred rows, tens of pages).

| variable | limit | default |
| --- | --- | --- |
| ``ASSISTANT_MAX_FILE_MB`` | size of an input file | 200 |
| ``ASSISTANT_MAX_UNZIPPED_MB`` | uncompressed size of a .docx/.xlsx (all zip members together) | 300 |
| ``ASSISTANT_MAX_ZIP_RATIO`` | uncompressed / compressed size of a zip member over 1 MB | 200 |
| ``ASSISTANT_MAX_CELLS`` | cells of a sheet (declared dimension and cells present) | 1,000,000 |
| ``ASSISTANT_MAX_ROWS`` | rows of a sheet | 100,000 |
| ``ASSISTANT_MAX_COLUMNS`` | columns of a sheet | 1,000 |
| ``ASSISTANT_MAX_PAGES`` | pages of a PDF or a multi-page TIFF | 2,000 |
| ``ASSISTANT_MAX_PIXELS`` | pixels of one image page, or of one PDF page rendered for OCR (size × dpi, with /UserUnit) | 60,000,000 |
| ``ASSISTANT_MAX_STREAM_MB`` | decoded content streams of one PDF page | 64 |
| ``ASSISTANT_MAX_TEXT_CHARS`` | characters of text the rules read from one file (any format) | 2,000,000 |

Values are read from the environment each time a file is read, so a user raises one for
one run: ``ASSISTANT_MAX_PAGES=5000 python cli.py extract big.pdf``.
"""

from __future__ import annotations

import io
import re
import zlib

from pydantic import BaseModel, Field

from ..errors import InputError
from ..messages import Msg, msg
from ..schema import RAW_EXCERPT
from ..settings import env

__all__ = [
    "MIN_PAGE_SIDE",
    "RAW_EXCERPT",
    "Limits",
    "check_sheets",
    "check_text",
    "check_zip",
    "current_limits",
    "exceeded",
]

_MB = 1024 * 1024
#: pixels of the shorter side of a page image below which it cannot be a scanned table
MIN_PAGE_SIDE = 16


class Limits(BaseModel):
    """The limits in force; fields are named after their variable (``max_pages`` ← ``ASSISTANT_MAX_PAGES``)."""

    max_file_mb: int = Field(200, gt=0, description="size of an input file")
    max_unzipped_mb: int = Field(300, gt=0, description="uncompressed size of a .docx/.xlsx")
    max_zip_ratio: int = Field(200, gt=0, description="compression ratio of a zip member over 1 MB")
    max_cells: int = Field(1_000_000, gt=0, description="cells of a sheet")
    max_rows: int = Field(100_000, gt=0, description="rows of a sheet")
    max_columns: int = Field(1_000, gt=0, description="columns of a sheet")
    max_pages: int = Field(2_000, gt=0, description="pages of a PDF or TIFF")
    max_pixels: int = Field(60_000_000, gt=0, description="pixels of one page image")
    max_stream_mb: int = Field(64, gt=0, description="decoded content streams of one PDF page")
    #: the rules take about 15 s a million characters of the worst text known (empty ``|`` cells,
    #: benchmarks/bench_long_lines.py); a real form is a few thousand
    max_text_chars: int = Field(2_000_000, gt=0, description="characters of text the rules read")

    @property
    def file_bytes(self) -> int:
        return self.max_file_mb * _MB

    @property
    def unzipped_bytes(self) -> int:
        return self.max_unzipped_mb * _MB

    @property
    def stream_bytes(self) -> int:
        return self.max_stream_mb * _MB


def variable(name: str) -> str:
    """The environment variable of a limit field: ``max_pages`` → ``ASSISTANT_MAX_PAGES``."""
    return f"ASSISTANT_{name.upper()}"


def current_limits() -> Limits:
    """The defaults, overridden by any ``ASSISTANT_MAX_*`` variable that is set.

    Raises:
        InputError: a variable is set to something that is not a positive whole number.
    """
    values: dict[str, int] = {}
    for name in Limits.model_fields:
        raw = (env(variable(name)) or "").strip()
        if not raw:
            continue
        try:
            values[name] = int(raw.replace("_", "").replace(",", ""))
        except ValueError:
            raise InputError(variable(name), msg("LIMIT_NOT_WHOLE", raw=raw)) from None
        if values[name] <= 0:
            raise InputError(variable(name), msg("LIMIT_NOT_POSITIVE", raw=raw))
    return Limits(**values)


def exceeded(source: str, what: Msg, found: object, name: str, limits: Limits | None = None) -> InputError:
    """The error for a file over a limit: what was found, the limit, and how to raise it.

    ``what`` says what is too large (``SIZE_SHEET_ROWS``: 工作表 Sheet1 的行数), ``found``
    the size found, ``name`` the :class:`Limits` field.
    """
    limit = getattr(limits or current_limits(), name)
    unit = " MB" if name.endswith("_mb") else ""
    return InputError(
        source, msg("READ_OVER_LIMIT", what=what, found=found, limit=f"{limit:,}{unit}", variable=variable(name))
    )


# ---- zip packages (.docx/.xlsx) ---------------------------------------------------------

_ONE_MB = 1024 * 1024


def check_zip(data: bytes, source: str, limits: Limits | None = None) -> None:
    """Check a .docx/.xlsx package before any parser inflates it.

    The uncompressed size of every member (summed) and the compression ratio of every
    member over 1 MB are checked from the zip directory; Python's zipfile never inflates a
    member past the size the directory declares, so a lying entry fails its CRC instead.
    An XML part that declares a DOCTYPE or entities (which Word and Excel never write) is
    refused: entity tricks are how a small XML file takes all memory or breaks the parser.

    Raises:
        InputError: over a limit, or a crafted XML part. A damaged zip is left to the reader.
    """
    import zipfile

    limits = limits or current_limits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip: the reader explains what it expected
    with archive:
        total = 0
        for info in archive.infolist():
            total += info.file_size
            if total > limits.unzipped_bytes:
                raise exceeded(
                    source,
                    msg("SIZE_UNZIPPED"),
                    f"> {limits.max_unzipped_mb:,}",
                    "max_unzipped_mb",
                    limits,
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > _ONE_MB and ratio > limits.max_zip_ratio:
                raise exceeded(
                    source,
                    msg("SIZE_ZIP_RATIO", member=info.filename),
                    f"{ratio:,.0f}",
                    "max_zip_ratio",
                    limits,
                )
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(info) as member:
                    head = member.read(4096)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
                continue  # the reader reports the damaged member
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise InputError(source, msg("LIMIT_XML_ENTITIES", member=info.filename))


# ---- worksheets (.xlsx) ------------------------------------------------------------------

_CELL_REF = re.compile(rb"\sr=\"([A-Za-z]{1,3})([0-9]{1,9})\"")  # only cells have r="A1"-shaped references
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\s[^>]{0,200}?\br=\"([0-9]{1,9})\"")
_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\s[^>]{0,200}?\bref=\"([A-Za-z]{0,3})([0-9]{0,9}):?([A-Za-z]{0,3})([0-9]{0,9})\""
)
_PREFIX = re.compile(rb"<(\w+):worksheet\b")
_CHUNK = 1 << 20


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def check_sheets(data: bytes, source: str, limits: Limits | None = None) -> None:
    """Check every worksheet's declared dimension and the cells actually in it, before loading.

    The worksheet XML is scanned a megabyte at a time (never held whole): cells present,
    the last row and the last column, and the ``<dimension ref>`` the sheet declares.

    Raises:
        InputError: a sheet over ``max_rows``, ``max_columns`` or ``max_cells``.
    """
    import zipfile

    limits = limits or current_limits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    with archive:
        for info in archive.infolist():
            name = info.filename
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            sheet = name.rsplit("/", 1)[-1].removesuffix(".xml")
            try:
                _scan_sheet(archive.open(info), sheet, source, limits)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
                continue  # the reader reports the damaged member


def _scan_sheet(member, sheet: str, source: str, limits: Limits) -> None:
    """Scan a worksheet stream a megabyte at a time; stop at the first limit passed.

    Each megabyte is cut after its last ``>``, so every tag is counted once, whole.
    """
    cells = rows = row_elements = columns = 0
    declared_seen = False
    cell_tags: tuple[bytes, ...] = (b"<c ", b"<c>", b"<c/")
    tail = b""
    with member:
        while True:
            chunk = member.read(_CHUNK)
            buffer = tail + chunk
            cut = buffer.rfind(b">") + 1 if chunk else len(buffer)
            head, tail = (buffer[:cut], buffer[cut:]) if cut > 0 else (buffer, b"")
            if not declared_seen:
                if prefix := _PREFIX.search(head):  # a namespace prefix on every tag (<x:c …>)
                    cell_tags = tuple(b"<" + prefix.group(1) + b":c" + end for end in (b" ", b">", b"/"))
                if found := _DIMENSION.search(head):
                    declared_seen = True
                    _check_declared(found, sheet, source, limits)
            cells += sum(head.count(tag) for tag in cell_tags)
            refs = _CELL_REF.findall(head)
            if refs:
                columns = max(columns, max(_column_number(c) for c in {letters for letters, _ in refs}))
                rows = max(rows, max(map(int, (number for _, number in refs))))
            row_refs = _ROW_REF.findall(head)
            rows = max(rows, max(map(int, row_refs), default=0))
            row_elements += len(_ROW.findall(head))
            rows = max(rows, row_elements)
            _check_present(cells, rows, columns, sheet, source, limits)
            if not chunk:
                break


def _check_declared(found: re.Match, sheet: str, source: str, limits: Limits) -> None:
    first_col, first_row, last_col, last_row = found.groups()
    if not last_row:
        return  # a single-cell dimension ("A1")
    d_rows = int(last_row) - int(first_row or 1) + 1
    d_cols = _column_number(last_col) - _column_number(first_col or b"A") + 1
    if d_rows > limits.max_rows:
        raise exceeded(source, msg("SIZE_SHEET_DECLARED_ROWS", sheet=sheet), f"{d_rows:,}", "max_rows", limits)
    if d_cols > limits.max_columns:
        raise exceeded(source, msg("SIZE_SHEET_DECLARED_COLUMNS", sheet=sheet), f"{d_cols:,}", "max_columns", limits)


def _check_present(cells: int, rows: int, columns: int, sheet: str, source: str, limits: Limits) -> None:
    if cells > limits.max_cells:
        raise exceeded(source, msg("SIZE_SHEET_CELLS", sheet=sheet), f"> {limits.max_cells:,}", "max_cells", limits)
    if rows > limits.max_rows:
        raise exceeded(source, msg("SIZE_SHEET_ROWS", sheet=sheet), f"{rows:,}", "max_rows", limits)
    if columns > limits.max_columns:
        raise exceeded(source, msg("SIZE_SHEET_COLUMNS", sheet=sheet), f"{columns:,}", "max_columns", limits)
    if rows * columns > limits.max_cells:
        raise exceeded(
            source,
            msg("SIZE_SHEET_GRID", sheet=sheet, rows=f"{rows:,}", columns=f"{columns:,}"),
            f"{rows * columns:,}",
            "max_cells",
            limits,
        )


# ---- text for the rules ---------------------------------------------------------------------


def check_text(text: str, source: str, limits: Limits | None = None) -> None:
    """Refuse a text longer than the rules read in reasonable time (:attr:`Limits.max_text_chars`):
    a clerk waiting minutes on a pasted page sees the file named and the limit, not a hang."""
    limits = limits or current_limits()
    if len(text) > limits.max_text_chars:
        raise exceeded(source, msg("SIZE_TEXT"), f"{len(text):,}", "max_text_chars", limits)
