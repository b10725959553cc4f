"""A form whose indicator header is cut or unread (三级指标( at a page's end, 一级/指标 wrapped
over two lines) keeps the header fields it read on clean rows, flagged, instead of being refused
(rules_backend._extract_part). Seen at two sites: a pipe 目标表 cut inside its header (江西 宜春)
and a space-separated 自评表 with its level heads wrapped (山东 历城)."""

from __future__ import annotations

import opencc
import pytest

from assistant.extract import extract
from assistant.ingest import read_bytes

SEPARATORS = {"pipe": " | ", "tab": "\t", "spaces": "       ", "line": "\n"}
HEADS = {
    "cut_paren": ["绩效指标", "一级指标", "二级指标", "三级指标("],
    "no_value_column": ["一级指标", "二级指标", "三级指标"],
    "wrapped_levels": ["一级\n指标", "二级\n指标", "三级指标"],
}
GOAL = "支持水稻集中育秧设施建设"


def _form(sep: str, head: list[str]) -> str:
    rows = [["项目名称", "粮油生产保障资金"], ["年度资金总额", "5646"], ["年度目标", GOAL], head]
    return "某某市资金绩效目标表\n" + "\n".join(sep.join(r) for r in rows) + "\n"


@pytest.mark.parametrize("traditional", [False, True], ids=["simplified", "traditional"])
@pytest.mark.parametrize("head", HEADS.values(), ids=HEADS.keys())
@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_a_form_cut_inside_its_grid_header_keeps_its_fields_flagged(sep, head, traditional):
    text = _form(sep, head)
    convert = opencc.OpenCC("s2t").convert if traditional else str
    table = extract(read_bytes(convert(text).encode("utf-8"), "cut.txt"), "rules")
    project = table.projects()[0]
    codes = {f.code for f in table.failures}
    assert project.name == convert("粮油生产保障资金")
    assert project.amounts.total == 5646
    assert not project.indicators
    assert codes & {"FORM_HEADER_ONLY", "FORM_NO_ROWS"}  # the indicators were not read: said so
    assert project.goal == convert(GOAL) or "FORM_GOAL_HAS_LABELS" in codes  # right, or flagged
