"""Value heads wrapped inside their cells, printed over two lines (grid.py ``_wrapped_value_heads``).

Built in the shape of 宁德's 自评表 (g14) copied from a PDF: ``… 三级指标 绩效 实际 评分标准 …``
over ``目标值 完成值``. Perturbed: separators (runs of spaces, ``|``), which heads wrap and how
(年度 | 指标值, 实际 | 完成值, 指标 | 分值), traditional characters, and a second line that is
not the heads' ends (a body row): then nothing is joined.
"""

from __future__ import annotations

import pytest
import zhconv

from assistant.extract import extract
from assistant.ingest import read_bytes

TOP = "项目名称  某某监测经费\n年度资金总额  30\n年度目标  完成年度监测任务\n"
ROWS = [
    ("产出指标", "数量指标", "抽查台站运维情况个数", "9个", "9个", "少一个扣1分", "6", "6", "已完成"),
    ("", "", "开展科普宣传活动场数", "10场", "11场", "少一场扣1分", "6", "6", "已完成"),
]
WRAPS = {
    "g14": (["绩效", "实际"], ["目标值", "完成值"]),
    "annual": (["年度", "实际"], ["指标值", "完成值"]),
}


def _page(wrap: str, sep: str) -> str:
    first, ends = WRAPS[wrap]
    heads = ["一级指标", "二级指标", "三级指标", *first, "评分标准", "指标分值", "自评得分", "未完成原因"]
    join = "  " if sep == "spaces" else " | "
    lines = [join.join(heads), join.join(ends)]
    lines += [join.join(c for c in row if c) for row in ROWS]
    return TOP + "\n".join(lines) + "\n"


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    return table, table.projects()[0].indicators


@pytest.mark.parametrize("wrap", sorted(WRAPS))
@pytest.mark.parametrize("sep", ["spaces", "pipe"])
def test_heads_wrapped_over_two_lines_are_joined(wrap, sep):
    table, got = _read(_page(wrap, sep))
    read = [(i.name, i.annual_value, i.level2_code) for i in got]
    want = [("抽查台站运维情况个数", "9个", "11"), ("开展科普宣传活动场数", "10场", "11")]
    assert read == want or (table.failures and all(r in want or r[1] is None for r in read)), read


def test_traditional_characters():
    _, got = _read(zhconv.convert(_page("g14", "spaces"), "zh-hant"))
    assert [i.annual_value for i in got] == ["9個", "10場"]


def test_a_body_row_under_the_header_is_not_joined():
    """A header whose unknown head is not wrapped: the line below is the first row, read as one."""
    text = TOP + "一级指标  二级指标  三级指标  年度指标值  实施进度\n产出指标  数量指标  培训人次  200人次  已完成\n"
    table, got = _read(text)
    named = {i.name: i.annual_value for i in got}
    assert named.get("培训人次") == "200人次"
    assert list(named) == ["培训人次"] or table.failures  # the head no word names, read as a row: said
