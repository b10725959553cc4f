"""Dev sources whose text keeps a sheet's cells, saved again as the files a clerk sends: .xlsx and .csv.

A dev ``source.txt`` that keeps its cells (``|`` between them, or tabs) is read back into the
sheet it was copied from: one record per non-blank line, its cells the line's pieces as written
(stripped; trailing empty pieces of a ``| ||||`` line dropped), a line with no separator one cell
in column A (a title, a note). The cells are the source's own text, byte for byte; only the file
format changes, so the unchanged gold scores every copy:

* ``xlsx``: the cells in one sheet through openpyxl (every cell a string);
* ``csv-utf8``: Excel's "CSV UTF-8": a BOM, ``,``, cells quoted only when they hold ``,`` ``"`` or a
  line break, ``\\r\\n`` row ends, every record padded with empty cells to the sheet's width;
* ``csv-gbk``: Excel's "CSV" on a Chinese Windows: the same in GB18030 (no BOM);
* ``csv-quoted``: LibreOffice with "quote all text cells", not padded;
* ``csv-semicolon``: a locale whose list separator is ``;``;
* ``tsv-utf16``: Excel's "Unicode text" (.txt): UTF-16 with a BOM, tab between cells;
* ``xlsx-wrapped`` / ``csv-wrapped`` / ``tsv-wrapped``: a long cell typed with line breaks about
  every 24 characters, between two Chinese characters (Alt+Enter), inside a quoted cell in the CSV
  and the "Unicode text" file (Excel quotes such a cell there too);
* ``xlsx-aligned`` / ``csv-aligned``: the indicator grid's columns kept as the sheet has them: a
  grid row with fewer cells than the widest (its 一级/二级指标 merged down from a row above, lost in
  the text copy) given empty cells in front, as Excel writes a merged cell's other rows;
* ``aligned(rows, fill=True)``: those cells holding the merged value again (WPS's "unmerge and
  fill"); not among the kinds: where a source's short row lost a cell that was not merged (a name
  wrapped out of its row), the fill puts a wrong cell in front, so it scores the copy, not the reader.

A document is taken when at least five of its lines hold three or more non-empty cells.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from dev_gold import dev_gold

KINDS = (
    "xlsx",
    "csv-utf8",
    "csv-gbk",
    "csv-quoted",
    "csv-semicolon",
    "tsv-utf16",
    "xlsx-wrapped",
    "csv-wrapped",
    "tsv-wrapped",
    "xlsx-aligned",
    "csv-aligned",
)
SUFFIX = {"xlsx": ".xlsx", "xlsx-wrapped": ".xlsx", "xlsx-aligned": ".xlsx", "tsv-utf16": ".txt", "tsv-wrapped": ".txt"}
_PIPE = re.compile(r"[|｜]")
_WRAP_AT = 24
_CJK = re.compile(r"[\u3400-\u9fff]")


def source_cells(text: str) -> list[list[str]]:
    """The sheet a source's lines were copied from: one list of cells per non-blank line."""
    rows = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
        elif _PIPE.search(line):
            cells = [c.strip() for c in _PIPE.split(line)]
            if cells and not cells[0]:
                cells = cells[1:]  # a row opened with | (| a | b |)
        else:
            cells = [line.strip()]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()
        rows.append(cells)
    return rows


def is_sheet(rows: list[list[str]]) -> bool:
    return sum(sum(bool(c) for c in r) >= 3 for r in rows) >= 5


def documents() -> list[tuple[str, Path, dict, list[list[str]]]]:
    """(family, folder, gold, rows) of every dev document whose source keeps a sheet's cells."""
    from src_rewrites import family

    out = []
    for folder, gold in dev_gold():
        source = folder / "source.txt"
        if not source.exists():
            continue
        rows = source_cells(source.read_text(encoding="utf-8"))
        if is_sheet(rows):
            out.append((family(folder), folder, gold, rows))
    return out


def _wrapped(cell: str) -> str:
    """The cell with a line break at the first place from every 24th character on where two Chinese
    characters meet (a clerk's Alt+Enter falls between words, not inside a number or a reading)."""
    out, last = [], 0
    for i in range(1, len(cell)):
        if i - last >= _WRAP_AT and _CJK.match(cell[i - 1]) and _CJK.match(cell[i]):
            out.append(cell[last:i])
            last = i
    return "\n".join([*out, cell[last:]])


def _csv(rows: list[list[str]], *, delimiter: str = ",", quoting: int = csv.QUOTE_MINIMAL, pad: bool = True) -> str:
    width = max(len(r) for r in rows)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    for r in rows:
        writer.writerow(r + [""] * (width - len(r)) if pad else r)
    return out.getvalue()


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for r in rows:
        sheet.append(r)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed text (=230畝), not a formula openpyxl would write
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


_HEADS = re.compile(r"[一二三]级指[标標]")


def aligned(rows: list[list[str]], fill: bool = False) -> list[list[str]]:
    """The rows with the indicator grid's short rows right-aligned under the widest one (see
    ``csv-aligned``); ``fill``: the cells put in front repeat the cell above them."""
    head = next((i for i, r in enumerate(rows) if len(_HEADS.findall("".join(r))) >= 2), None)
    if head is None:
        return rows
    grid = [i for i in range(head + 1, len(rows)) if len(rows[i]) >= 2]
    width = max((len(rows[i]) for i in grid), default=0)
    out = [list(r) for r in rows]
    above: list[str] = []
    for i in grid:
        missing = width - len(out[i])
        out[i] = (above[:missing] if fill and len(above) >= missing else [""] * missing) + out[i]
        above = out[i]
    return out


def copy_bytes(rows: list[list[str]], kind: str) -> tuple[bytes, str]:
    """The file of ``kind`` holding ``rows``, and its suffix."""
    if kind.endswith("wrapped"):
        rows = [[_wrapped(c) for c in r] for r in rows]
    if kind.endswith(("aligned", "filled")):
        rows = aligned(rows, fill=kind.endswith("filled"))
    if kind.startswith("xlsx"):
        data = _xlsx(rows)
    elif kind == "csv-gbk":
        data = _csv(rows).encode("gb18030")
    elif kind == "csv-quoted":
        data = _csv(rows, quoting=csv.QUOTE_ALL, pad=False).encode("utf-8-sig")
    elif kind == "csv-semicolon":
        data = _csv(rows, delimiter=";").encode("utf-8-sig")
    elif kind.startswith("tsv"):
        data = _csv(rows, delimiter="\t").encode("utf-16")
    else:
        data = _csv(rows).encode("utf-8-sig")
    return data, SUFFIX.get(kind, ".csv")


def read_sheet_copy(data: bytes, suffix: str):
    """The rules' reading of a copy (a ``copy<suffix>`` file), or None when they refuse it."""
    from assistant.errors import AssistantError
    from assistant.extract import extract
    from assistant.ingest import read_bytes

    try:
        return extract(read_bytes(data, f"copy{suffix}", suffix=suffix), "rules")
    except AssistantError:
        return None
