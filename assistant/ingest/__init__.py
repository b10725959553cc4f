"""Step 1 of the pipeline: turn any input file into a :class:`Document` of rows and cells.

Readers are chosen by file suffix. Each is named as ``"module:function"`` and imported
only when a file of its kind is read, so heavy optional dependencies (OCR, PDF) cost
nothing to a user who only reads text. A reader takes ``(data: bytes, source: str)`` and
returns a Document, or raises :class:`assistant.errors.InputError`.
"""

from __future__ import annotations

import importlib
import io
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..messages import msg
from .document import Cell, Document, PageProgress, Row
from .limits import current_limits, exceeded
from .text import decode_bytes, read_text

__all__ = [
    "Cell",
    "Row",
    "Document",
    "PageProgress",
    "READERS",
    "read_path",
    "read_bytes",
    "decode_bytes",
    "supported_suffixes",
]

#: readers that OCR pages and so take ``on_page`` (see :data:`PageProgress`)
_PAGED = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}

#: suffix -> "module:function" of the reader. Text is the fallback for unknown suffixes.
READERS: dict[str, str] = {
    ".txt": "assistant.ingest.text:read_text",
    ".tsv": "assistant.ingest.text:read_text",
    ".csv": "assistant.ingest.text:read_text",
    ".xlsx": "assistant.ingest.xlsx:read_xlsx",
    ".xlsm": "assistant.ingest.xlsx:read_xlsx",
    ".docx": "assistant.ingest.docx_reader:read_docx",
    ".pdf": "assistant.ingest.pdf:read_pdf",
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff"), "assistant.ingest.ocr.image:read_image"),
}


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def _load(spec: str) -> Callable[..., Document]:
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


#: file signatures, checked before the suffix: a Word file named .txt is still a Word file
_SIGNATURES = (
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"%PDF-", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"II*\x00", ".tif"),
    (b"MM\x00*", ".tif"),
)
_SAME_KIND = {(".jpg", ".jpeg"), (".tif", ".tiff")}
_OLD_OFFICE = {".doc": ".docx", ".wps": ".docx", ".xls": ".xlsx", ".et": ".xlsx"}


def sniff(data: bytes, source: str, suffix: str) -> str:
    """The reader suffix for these bytes: what their signature says, else ``suffix``.

    Raises:
        InputError: an old binary Office/WPS file (.doc/.xls/.wps/.et), or a zip archive
            that is neither a Word nor an Excel file.
    """
    kind = next((k for signature, k in _SIGNATURES if data.startswith(signature)), None)
    if kind == "ole":  # Word 97-2003, Excel 97-2003 and WPS files are OLE compound files
        excel = _OLD_OFFICE.get(suffix) == ".xlsx" or (
            suffix not in _OLD_OFFICE and "WordDocument".encode("utf-16-le") not in data[: 1 << 20]
        )
        old, new = ("Excel/WPS 表格 (.xls/.et)", ".xlsx") if excel else ("Word/WPS 文字 (.doc/.wps)", ".docx")
        raise InputError(source, msg("READ_OLD_OFFICE", old=old, new=new))
    if kind == "zip":
        import zipfile

        office = suffix in (".docx", ".xlsx", ".xlsm")
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            if office:
                return suffix  # its reader says what is wrong with it
            raise InputError(source, msg("READ_DAMAGED_ZIP", reason=str(exc))) from None
        if "word/document.xml" in names:
            return ".docx"
        if "xl/workbook.xml" in names:
            return suffix if suffix in (".xlsx", ".xlsm") else ".xlsx"
        if office:
            return suffix
        raise InputError(source, msg("READ_ZIP_NOT_OFFICE"))
    return kind or suffix


def read_bytes(
    data: bytes, source: str = "<stdin>", *, suffix: str = ".txt", on_page: PageProgress | None = None
) -> Document:
    """Read input bytes as what their signature says, else as the given kind (``suffix`` such as ``.xlsx``);
    ``on_page(done, total)`` follows the pages of a scan or scanned PDF as they are OCR'd."""
    named = suffix.lower()
    suffix = sniff(data, source, named)
    spec = READERS.get(suffix)
    if spec is None or spec.endswith(":read_text"):
        return read_text(data, source, suffix=suffix)
    doc = _load(spec)(data, source, **({"on_page": on_page} if on_page and suffix in _PAGED else {}))
    if suffix != named and (suffix, named) not in _SAME_KIND:
        doc.warnings.append(
            f"{source}: 文件内容是 {suffix} 格式，已按 {suffix} 读取 "
            f"(the file is a {suffix} file named {named or 'without a suffix'}; read as {suffix})"
        )
    return doc


def read_path(path: str | Path, *, on_page: PageProgress | None = None) -> Document:
    """Read a file by path; ``-`` reads standard input as text (``on_page``: see :func:`read_bytes`).

    Raises:
        InputError: the file is missing, unreadable, or not a table this tool can read.
    """
    limits = current_limits()
    if str(path) == "-":
        data = sys.stdin.buffer.read(limits.file_bytes + 1)
        if len(data) > limits.file_bytes:
            raise exceeded("<stdin>", msg("SIZE_INPUT"), f"> {limits.max_file_mb}", "max_file_mb", limits)
        return read_bytes(data, "<stdin>")
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), msg("READ_NO_SUCH_FILE"))
    if path.is_dir():
        raise InputError(str(path), msg("READ_IS_FOLDER"))
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise exceeded(str(path), msg("SIZE_FILE"), f"{size / 2**20:,.0f}", "max_file_mb", limits)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), msg("READ_CANNOT_READ", reason=exc.strerror)) from None
    return read_bytes(data, str(path), suffix=path.suffix, on_page=on_page)
