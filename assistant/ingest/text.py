"""Text inputs: decoding (UTF-8, UTF-8 with BOM, UTF-16, GB18030/GBK) and row splitting.

Legacy Windows files in these offices are often GBK; Excel's "Unicode text" export is
UTF-16. The decoded text is what every character offset refers to, with newlines folded
to ``\\n``, so the same table in any encoding yields the same records and spans.
"""

from __future__ import annotations

import csv
import io
import re

from ..errors import InputError
from .document import Cell, Document, Row
from .reflow import reflow_rows

__all__ = ["decode_bytes", "read_text", "split_tabbed", "split_csv", "looks_tabbed"]

_EXPECTED = "a text table (.txt/.tsv/.csv) in UTF-8 or GB18030"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode input bytes, detecting the encoding. Returns ``(text, encoding)``.

    Raises:
        InputError: the bytes are empty, binary, or in no supported encoding.
    """
    if not data.strip():
        raise InputError(source, f"the file is empty; expected {_EXPECTED}")
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    else:
        if b"\x00" in data[:65536]:
            raise InputError(source, f"this is a binary file, not {_EXPECTED}")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as exc:
                raise InputError(
                    source,
                    f"cannot decode byte {exc.start} as UTF-8 or GB18030; expected {_EXPECTED}",
                ) from None
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError(source, f"this looks like a binary file, not {_EXPECTED}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, f"the file is empty; expected {_EXPECTED}")
    return text, encoding


def looks_tabbed(text: str) -> bool:
    """True when the text keeps its table as tab-separated cells (at least one wide row)."""
    for line in text.split("\n", 2000)[:2000]:
        if line.count("\t") >= 3:
            return True
    return False


def split_tabbed(text: str) -> list[Row]:
    """One Row per non-blank line, cells split on tabs, offsets exact."""
    rows: list[Row] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        cells: list[Cell] = []
        pos = line_start
        for col, piece in enumerate(line.split("\t")):
            cells.append(Cell(piece, pos, pos + len(piece), number, col))
            pos += len(piece) + 1
        rows.append(Row(cells, number, line))
    return rows


def split_csv(text: str) -> list[Row]:
    """Rows of a CSV file; quoted cells may hold commas and newlines."""
    rows: list[Row] = []
    line_starts = [0]
    for match in re.finditer("\n", text):
        line_starts.append(match.end())
    reader = csv.reader(io.StringIO(text, newline=""))
    cursor = 0
    for record in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        cells: list[Cell] = []
        row_start = None
        for col, value in enumerate(record):
            found = text.find(value, cursor) if value else -1
            start = found if found >= 0 else cursor
            cells.append(Cell(value, start, start + len(value), number, col))
            if value and found >= 0:
                cursor = found + len(value)
            row_start = cells[0].start if row_start is None else row_start
        end = cells[-1].end if cells else cursor
        rows.append(Row(cells, number, text[row_start or 0 : end]))
    return rows


def read_text(data: bytes, source: str, *, suffix: str = ".txt") -> Document:
    """Read a text table: tab-separated, CSV, or reflowed (one cell per line, wrapped).

    Raises:
        InputError: the input cannot be decoded.
    """
    text, encoding = decode_bytes(data, source)
    if suffix == ".csv" and not looks_tabbed(text):
        return Document(source, text, split_csv(text), encoding, layout="csv")
    if looks_tabbed(text):
        return Document(source, text, split_tabbed(text), encoding, layout="tabbed")
    return Document(source, text, reflow_rows(text), encoding, layout="reflowed")
