"""Text after a table whose lines hold a ``|`` (parsers/form/stream.unclosed_tail).

A web table copied one cell a line (`` |`` after or before each) or as ``| a | b |`` rows, then the page
goes on in sentences (湖北科技学院 j13: (三)存在的问题和原因 | 1、…) or stops inside a row (安溪
i09: 时效指标 | 截). Dev documents whose lines are so are read again with such text after
them: the indicators must not change. Lines that look like a last row that lost its bars are
not read as one either, and that is flagged.
"""

from __future__ import annotations

import pytest
from dev_gold import dev_gold

from assistant.errors import AssistantError
from assistant.evaluate.align import norm
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.ingest import read_bytes

TAILS = [
    "(三)存在的问题和原因\n1、受资助学生覆盖率有待进一步提高。主要原因是",
    "四、下一步工作计划\n进一步加强资金管理，提高资金使用效益。",
    "截",
]
#: a last row whose bars were lost: a name and its values
ROW_TAIL = "群众满意度\n95%\n96%"


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    got = [
        (norm(i.get("name")), norm(i.get("annual_value")))
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]
    return got, [f.code for f in table.failures]


def _documents() -> list[tuple[str, str]]:
    """(id, source text) of dev documents whose lines close with ``|`` and that read indicators."""
    out = []
    for folder, _ in dev_gold():
        if not (folder / "source.txt").exists():
            continue  # a spreadsheet or PDF source
        text = (folder / "source.txt").read_text(encoding="utf-8").rstrip("\n")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if not lines or sum("|" in line for line in lines) * 3 < len(lines) * 2:
            continue
        if "|" not in lines[-1]:
            continue  # the document ends in text already
        try:
            got, _ = _read(text)
        except AssistantError:
            continue
        if got:
            out.append((folder.name, text))
    return out


DOCS = _documents()


def test_there_are_documents_to_vary():
    assert len(DOCS) >= 8


@pytest.mark.parametrize("tail", TAILS, ids=range(len(TAILS)))
def test_text_after_the_table_is_not_a_row(tail):
    changed = []
    for doc, text in DOCS:
        before, _ = _read(text)
        after, _ = _read(text + "\n" + tail + "\n")
        if after != before:
            changed.append(doc)
    assert not changed


def test_a_last_row_without_bars_is_flagged():
    for doc, text in DOCS:
        before, _ = _read(text)
        after, codes = _read(text + "\n" + ROW_TAIL + "\n")
        assert after == before, doc
        assert "FORM_GRID_TAIL_UNCLOSED" in codes, doc


def test_a_signature_line_after_the_table_is_not_flagged():
    """填表人 … after the table ends the grid anyway: the dates and numbers after it are no row."""
    for doc, text in DOCS:
        _, codes = _read(text + "\n填表人: 张三 联系电话: 13800000000\n2024年3月1日\n")
        assert "FORM_GRID_TAIL_UNCLOSED" not in codes, doc
