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

Values are read from the environment each time a file is read, so a user raises one for
one run: ``ASSISTANT_MAX_PAGES=5000 python cli.py extract big.pdf``.
"""

from __future__ import annotations

import os

from pydantic import BaseModel, Field

from ..errors import InputError

__all__ = ["Limits", "current_limits", "exceeded", "RAW_EXCERPT"]

#: characters of a row's raw text a Failure keeps (the excerpt, never the whole cell)
RAW_EXCERPT = 200

_MB = 1024 * 1024


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
        raw = os.environ.get(variable(name), "").strip()
        if not raw:
            continue
        try:
            values[name] = int(raw.replace("_", "").replace(",", ""))
        except ValueError:
            raise InputError(variable(name), f"must be a whole number, not {raw!r}") from None
        if values[name] <= 0:
            raise InputError(variable(name), f"must be a positive number, not {raw!r}")
    return Limits(**values)


def exceeded(source: str, what: str, found: object, name: str, limits: Limits | None = None) -> InputError:
    """The error for a file over a limit: what was found, the limit, and how to raise it.

    ``what`` says in the clerk's words what is too large (``"工作表 Sheet1 的行数"``),
    ``found`` the size found, ``name`` the :class:`Limits` field.
    """
    limit = getattr(limits or current_limits(), name)
    unit = " MB" if name.endswith("_mb") else ""
    return InputError(
        source,
        f"{what} {found} 超过上限 {limit:,}{unit}（exceeds the limit of {limit:,}{unit}）；"
        f"文件可信时可设置 {variable(name)}=更大的值后重试 (if the file is trusted, raise it with "
        f"{variable(name)}=N)",
    )
