"""A goal read from a header row's heads (一般公共预算 | 政府性基金拨款 run together under 年度绩效目标)
is not a goal: a failure names 绩效目标. Found on dev q01 (衡阳 社会福利院, a whole-unit grid run
together in traditional characters), whose wrong goal carried no flag of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.extract import extract
from assistant.extract.parsers.form.doubts import _keys_only
from assistant.ingest import read_bytes

Q01 = next(Path(__file__).parent.parent.joinpath("gold", "real").glob("q01-*"))


@pytest.mark.parametrize(
    ("text", "heads"),
    [
        ("一般公共预算政府性基金拨款", True),
        ("财政拨款其他资金", True),
        ("改善学校办学条件", False),
        ("提高群众满意度", False),
        ("财政拨款到位率达到100%", False),  # a sentence with a figure is never heads only
    ],
)
def test_keys_only(text, heads):
    assert _keys_only(text) is heads


def test_a_goal_of_header_heads_is_flagged_on_the_real_page():
    table = extract(read_bytes(Q01.joinpath("source.txt").read_bytes(), "q01.txt"), "rules")
    gold = json.loads(Q01.joinpath("gold.json").read_text("utf-8"))
    want = gold["units"][0]["projects"][0]["goal"]
    assert table.projects()
    for project in table.projects():
        if project.goal != want:
            assert any(f.field == "绩效目标" for f in table.failures), project.goal


def test_a_csv_form_is_read_cell_by_cell():
    """A key/value form saved as CSV with quoted cells ("年度目标","完成…","","") is read record by
    record, as the sheet it came from: no quote or comma of its cell borders in the fields."""
    goal = "完成乡村道路养护300公里，保障群众出行安全。"
    rows = [
        ["项目名称", "乡村道路养护", "", ""],
        ["资金总额", "100", "", ""],
        ["年度目标", goal, "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "300公里"],
    ]
    text = "\n".join(",".join(f'"{c}"' for c in row) for row in rows)
    table = extract(read_bytes(text.encode("utf-8"), "form.csv", suffix=".csv"), "rules")
    [project] = table.projects()
    assert (project.name, project.goal, project.amounts.total) == ("乡村道路养护", goal, 100)
    assert [(i.name, i.annual_value) for i in project.indicators] == [("养护里程", "300公里")]
