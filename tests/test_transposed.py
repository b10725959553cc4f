"""An indicator block printed across (parsers/transposed.py): names in one row, values in one
row per kind, matched by position only when every row lines up.
"""

from __future__ import annotations

import pytest
import zhconv

from assistant.extract.parsers.transposed import read_transposed
from assistant.ingest import read_bytes

NAMES = ["新建高校(校区)", "工程质量达标率(%)", "开工率(%)"]
ANNUAL = ["7", "100%", "≥95%"]
PERIOD = ["21", "100%", "100%"]


def _read(text: str):
    return read_transposed(read_bytes(text.encode("utf-8"), "block.txt"))


def _block(
    names_split: int = 2, annual_label: str = "年度目标值", period_label: str = "实施周期目标值", *, same_line=False
):
    names = " ".join(NAMES[:names_split]) + "\n" + " ".join(NAMES[names_split:])
    sep = " " if same_line else "\n"
    return (
        f"前文\n三级指标 {names}\n{annual_label}{sep}{' '.join(ANNUAL)}\n{period_label}{sep}{' '.join(PERIOD)}\n"
        "补齐粤东粤西粤北地区教育短板 不断提升\n"
    )


@pytest.mark.parametrize("names_split", [1, 2, 3])
@pytest.mark.parametrize(
    "labels", [("年度目标值", "实施周期目标值"), ("年度指标值", "中期指标值"), ("实施周期目标值", "年度目标值")]
)
@pytest.mark.parametrize("same_line", [False, True])
@pytest.mark.parametrize("traditional", [False, True])
def test_the_block_is_read_by_position_whatever_the_line_breaks(names_split, labels, same_line, traditional):
    text = _block(names_split, *labels, same_line=same_line)
    text = zhconv.convert(text, "zh-hant") if traditional else text
    conv = (lambda s: zhconv.convert(s, "zh-hant")) if traditional else (lambda s: s)
    got = [(i.name, i.annual_value, i.period_value) for i in _read(text)]
    annual, period = (ANNUAL, PERIOD) if labels[0].startswith("年度") else (PERIOD, ANNUAL)
    assert got == [(conv(n), a, p) for n, a, p in zip(NAMES, annual, period, strict=True)]


@pytest.mark.parametrize(
    "change",
    [
        ("开工率(%)", "开工 率(%)"),  # a space inside a name shifts the columns
        ("7 100% ≥95%", "7 100%"),  # a value missing
        ("21 100% 100%", "21 100 % 100%"),  # a space inside a value
    ],
)
def test_rows_that_do_not_line_up_give_nothing(change):
    assert _read(_block().replace(*change)) == []


def test_a_grid_header_row_is_not_a_block():
    assert _read("三级指标 | 指标值 |\n数量指标 | 人数 | 10人 |\n") == []
    assert _read("一级指标\n二级指标\n三级指标\n指标值\n(长期)\n") == []
