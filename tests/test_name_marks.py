"""A core-indicator mark before a 三级 name (parsers/form/indicators.py, _CORE_MARK): one
asterisk (*达标率) is the template's mark and is dropped, as a label's is; a ★ is kept as the
cell's own text, and a run of asterisks (**) is a template's blank, not a name.
"""

from __future__ import annotations

from assistant.export import to_interchange
from assistant.extract import extract
from assistant.ingest import read_bytes

FORM = """项目名称 | 农村道路维护 |
年度目标 | 完成道路维护 |
一级指标 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | *维护道路里程 | 40公里 |
| 质量指标 | ★验收合格率 | 100% |
| 时效指标 | ＊ 完工时间 | 2024年10月 |
"""


def test_one_asterisk_is_a_mark_a_star_is_text():
    table = extract(read_bytes(FORM.encode("utf-8"), "form.txt"), "rules")
    names = [
        i["name"]
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]
    assert names == ["维护道路里程", "★验收合格率", "完工时间"]
