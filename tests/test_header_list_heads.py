"""A list of projects printed before the form (an allocation notice's 附件1 安排表: 序号 | 乡镇名称
| 项目名称 | 金额 | 备注 | 1 | 西坪镇 | …, 安溪 i09): its 项目名称 is a column head, not the
form's key, whatever heads stand between it and the first row's number.

Dev documents (one cell per line, ``|`` rows) whose project name the rules read right are read again with such a list put
before them, written the way the document separates its cells; the name must not change.
"""

from __future__ import annotations

import json

import pytest
from dev_gold import dev_gold

from assistant.errors import AssistantError
from assistant.evaluate.align import norm
from assistant.extract import extract
from assistant.ingest import read_bytes

HEADS = [
    ["序号", "项目名称", "金额"],
    ["序号", "乡镇名称", "项目名称", "金额", "备注"],
    ["序号", "项目名称", "金额（万元）", "备注"],
]
ROWS = [["1", "西坪镇", "尧山村排洪排水工程建设", "20", ""], ["2", "桃舟乡", "吾培村前村洋头水圳修复", "15", ""]]


def _name(text: str) -> str | None:
    try:
        table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    except AssistantError:
        return None
    projects = table.projects()
    return projects[0].name if len(projects) == 1 else None


def _documents() -> list[tuple[str, str, str]]:
    """(id, source text, gold name) of dev one-project documents whose name is read right."""
    out = []
    for folder, gold in dev_gold():
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        traits = set(meta.get("traits", []))
        if meta["family"] not in ("one_cell_per_line", "pipe_flattened") or traits & {
            "labels_column_before_values",
            "allocation_table_before_form",
        }:
            continue  # cells apart, keys beside their values, no list of its own already (i09, h17 are that)
        projects = [p for u in gold["units"] for p in u["projects"]]
        if len(projects) != 1 or not projects[0]["name"]:
            continue
        if not (folder / "source.txt").exists():
            continue
        text = (folder / "source.txt").read_text(encoding="utf-8")
        if norm(_name(text)) != norm(projects[0]["name"]):
            continue
        out.append((folder.name, text, projects[0]["name"]))
    return out


DOCS = _documents()


def _style(text: str) -> str:
    """How the document separates its cells: ``| a | b |`` rows, one cell per line closed by
    `` |``, or one cell per line (with blank lines between)."""
    barred = [line.strip() for line in text.splitlines() if "|" in line]
    filled = [line for line in text.splitlines() if line.strip()]
    if len(barred) * 4 < len(filled):
        return "blank" if text.count("\n\n") * 3 >= len(filled) else "lines"
    return "rows" if sum(line.count("|") >= 3 for line in barred) * 2 >= len(barred) else "closed"


def _list(heads: list[str], style: str) -> str:
    """The list written in the document's style."""
    rows = [heads, *([*r[:3], r[3], *[""] * (len(heads) - 4)][: len(heads)] for r in ROWS)]
    if style == "rows":
        return "\n".join("| " + " | ".join(row) + " |" for row in rows)
    if style == "closed":
        return "\n".join(f"{c} |" if c else "|" for row in rows for c in row)
    return ("\n\n" if style == "blank" else "\n").join(c for row in rows for c in row if c)


def test_there_are_documents_to_vary():
    assert len(DOCS) >= 10


@pytest.mark.parametrize("heads", HEADS, ids=lambda h: "-".join(h))
def test_a_list_before_the_form_does_not_name_the_project(heads):
    wrong = []
    for doc, text, name in DOCS:
        got = _name("附件1\n项目资金安排表\n" + _list(heads, _style(text)) + "\n附件2\n" + text)
        if norm(got) != norm(name):
            wrong.append((doc, got))
    assert not wrong
