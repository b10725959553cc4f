"""A column head of no known words between two heads of the header's row is a head
(grid.py ``_between_heads``): 佐证资料 before 指标实际完成值 (阜康's 自评表, d19).

Built from scratch; perturbed by separator (runs of spaces, ``|``, tabs), by the unknown
head's words and place, and by traditional characters. The grid's rows read the same as with
a known head there, or say what they could not read.
"""

from __future__ import annotations

import pytest
import zhconv

from assistant.extract import extract
from assistant.ingest import read_bytes

TOP = "项目名称  某某调查经费\n年度资金总额  30\n年度目标  完成年度调查任务\n"
ROW = ["产出指标", "数量指标", "调查样本户数", "≥120户", "{x}", "126户", "10", "10"]
WANT = [("调查样本户数", "≥120户", "1", "11")]


def _page(unknown: str, sep: str) -> str:
    heads = ["一级指标", "二级指标", "三级指标", "年度指标值", unknown, "实际完成值", "指标分值", "指标得分"]
    join = {"spaces": "  ", "pipe": " | ", "tab": "\t"}[sep]
    row = [c.replace("{x}", "见附件") for c in ROW]
    return TOP + join.join(heads) + "\n" + join.join(row) + "\n"


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    inds = table.projects()[0].indicators
    return table, [(i.name, i.annual_value, i.level1_code, i.level2_code) for i in inds]


@pytest.mark.parametrize("unknown", ["佐证资料", "实施进度", "数据来源"])
@pytest.mark.parametrize("sep", ["spaces", "pipe", "tab"])
def test_unknown_head_between_heads_is_a_column(unknown, sep):
    table, got = _read(_page(unknown, sep))
    assert got == WANT or (table.failures and all(g[0] != unknown for g in got)), got


def test_traditional():
    table, got = _read(zhconv.convert(_page("佐證資料", "spaces"), "zh-hant"))
    assert [g[1] for g in got] == ["≥120戶"] or table.failures


def test_a_long_text_is_not_taken_for_a_head():
    """A sentence on the header's row (a note run into it) is not a head: the grid is read as before."""
    heads = "一级指标  二级指标  三级指标  年度指标值  本表数据由单位自行填报并对真实性负责  实际完成值"
    table, got = _read(TOP + heads + "\n" + "  ".join(ROW).replace("{x}", "见附件") + "\n")
    assert got != WANT or table.failures
