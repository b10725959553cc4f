"""The table rows packed into chunks, one request each.

Rows are packed with langchain-text-splitters on row boundaries (a row longer than a
chunk is split between indicator items, never inside one), the header rows repeated in
every chunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ...ingest.document import Document, Row
from ..parsers.table import _is_header

__all__ = ["Chunk", "chunk_document", "chunk_rows", "first_cell", "row_text", "split_header", "split_in_two"]

_ROW_SEP = "\x1e"  # ASCII record separator: rows are joined with it before splitting
_ITEM_BOUNDARY = r"(?<=[。;；])(?=\d{1,3}、)"  # between two indicator items
_CONTINUED = "（续）"


@dataclass(slots=True)
class Chunk:
    """A piece of the table sent in one request.

    Attributes:
        rows: the table rows (whole, or the row a piece was cut from) the chunk covers.
        text: the data text sent (rows on their own lines).
        header: the header rows repeated in front of every chunk.
        continued: the name of a row this chunk continues (its start was in the chunk before).
        notes: problems found by the rules, for auto mode.
    """

    rows: list[Row]
    text: str
    header: str
    continued: str | None = None
    notes: str = ""

    @property
    def first_line(self) -> int:
        return self.rows[0].line if self.rows else 0

    @property
    def last_line(self) -> int:
        return self.rows[-1].line if self.rows else 0

    def region(self) -> tuple[int, int]:
        """The chunk's rows' bounds in ``Document.text``."""
        cells = [c for r in self.rows for c in r.cells]
        return (min(c.start for c in cells), max(c.end for c in cells)) if cells else (0, 0)


def row_text(row: Row) -> str:
    return row.raw.replace(_ROW_SEP, " ")


def first_cell(row: Row) -> str:
    return row.cells[0].text.strip() if row.cells else ""


def split_header(doc: Document) -> tuple[list[Row], list[Row]]:
    """(the rows up to and including the column header row, the table rows after it).

    Without a recognisable header row every row is a table row.
    """
    for i, row in enumerate(doc.rows):
        if _is_header(row.texts()):
            return doc.rows[: i + 1], [r for r in doc.rows[i + 1 :] if any(t.strip() for t in r.texts())]
    return [], [r for r in doc.rows if any(t.strip() for t in r.texts())]


def chunk_rows(rows: list[Row], header: str, chunk_chars: int) -> list[Chunk]:
    """Pack ``rows`` into chunks of about ``chunk_chars`` characters (header included).

    Rows are never cut unless one row alone is longer than a chunk; then it is cut
    between indicator items, and the continuation pieces start with the row's name
    marked （续）, so the answers can be merged back into one project. Only a single
    indicator item longer than a whole chunk would be cut inside (at a line or 。).
    """
    if not rows:
        return []
    budget = max(400, chunk_chars - len(header))
    texts = [row_text(r) for r in rows]
    joined = _ROW_SEP.join(texts)
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=budget,
        chunk_overlap=0,
        separators=[_ROW_SEP, _ITEM_BOUNDARY, "\n", "。", ""],
        is_separator_regex=True,
        keep_separator="start",
        add_start_index=True,
        strip_whitespace=False,
    )
    chunks: list[Chunk] = []
    for piece in splitter.create_documents([joined]):
        content = piece.page_content
        begin = piece.metadata["start_index"]
        end = begin + len(content)
        lead = len(content) - len(content.lstrip(_ROW_SEP))
        begin += lead
        content = content.strip(_ROW_SEP)
        if not content.strip():
            continue
        covered = [i for i, s in enumerate(starts) if s < end and s + len(texts[i]) > begin]
        if not covered:
            continue
        first = covered[0]
        continued = None
        if begin > starts[first]:  # the piece starts inside a row: say whose row it is
            continued = first_cell(rows[first])
            content = f"{continued}\t{_CONTINUED}\t{content}"
        chunks.append(
            Chunk(
                rows=[rows[i] for i in covered],
                text=content.replace(_ROW_SEP, "\n"),
                header=header,
                continued=continued,
            )
        )
    return chunks


def chunk_document(doc: Document, chunk_chars: int) -> list[Chunk]:
    """Every table row of ``doc`` in chunks, each headed by the document's header rows."""
    header_rows, body = split_header(doc)
    if not body:  # the "header" is all there is (a form's labels run into its values): send it as the body
        header_rows, body = [], [r for r in header_rows if any(t.strip() for t in r.texts())]
    header = "\n".join(row_text(r) for r in header_rows if r.raw.strip())
    return chunk_rows(body, header, chunk_chars)


def split_in_two(chunk: Chunk, chunk_chars: int) -> list[Chunk]:
    """A chunk whose answer was cut off, as two smaller chunks (or [] if it cannot shrink)."""
    if len(chunk.rows) >= 2:
        half = len(chunk.rows) // 2
        parts = [
            chunk_rows(chunk.rows[:half], chunk.header, chunk_chars),
            chunk_rows(chunk.rows[half:], chunk.header, chunk_chars),
        ]
        out = [c for part in parts for c in part]
    else:
        out = chunk_rows(chunk.rows, chunk.header, max(400, len(chunk.text) // 2 + len(chunk.header)))
    for c in out:
        c.notes = chunk.notes
    return out if len(out) > 1 else []


#: JSON keys and punctuation a row's answer adds around the text it copies, in tokens
_ROW_OVERHEAD = 40
_ITEM_OVERHEAD = 60
_ITEM_START = r"(?<![\d.])\d{1,3}、"


def expected_answer_tokens(chunk: Chunk) -> int:
    """About how many tokens a faithful answer to ``chunk`` takes: every character of the
    data copied once (a character is at most about one token for Chinese in common
    tokenizers), plus the JSON around each row and each indicator item."""
    items = len(re.findall(_ITEM_START, chunk.text))
    return len(chunk.text) + _ROW_OVERHEAD * len(chunk.rows) + _ITEM_OVERHEAD * items + 150


def completion_cap(chunk: Chunk, factor: float) -> int:
    """The completion cap of a request for ``chunk``: ``factor`` × the expected answer
    (``--completion-factor``); a model that rambles past it is cut off, and the chunk is
    split or listed as a failure instead of running on."""
    return max(256, int(factor * expected_answer_tokens(chunk)))
