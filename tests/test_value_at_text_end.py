"""A name or goal that runs to the very end of the text may be cut with it: the reader says so.

Published pages often come as their beginning only; a cell cut mid-word (…乡村振 for
…乡村振兴补助资金) reads like a whole one, so the rule is about where the value stops, not
what it says.
"""

from assistant.extract import extract
from assistant.ingest import read_bytes

HEAD = "项目支出绩效目标表\n项目名称 | 社区养老服务中心运营补助\n主管部门 | 某区民政局\n年度资金总额 | 100\n"
GOAL = "年度目标 | 保障社区养老服务中心全年正常运营，为辖区老人提供日间照料服务\n"
GRID = "一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 服务老人人数 | ≥200人\n"


def _at_end(text: str) -> list[tuple[str | None, str]]:
    table = extract(read_bytes(text.encode("utf-8"), "cut.txt"))
    return [
        (f.field, str(f.message))
        for f in table.failures
        if "文本的最后" in str(f.message) or "very end" in str(f.message)
    ]


def test_a_complete_form_raises_no_doubt():
    assert _at_end(HEAD + GOAL + GRID) == []


def test_a_goal_cut_by_the_end_of_the_text_is_flagged_with_its_value():
    cut = HEAD + "年度目标 | 保障社区养老服务中心全年正常运营，为辖区 \n"
    flags = _at_end(cut)
    assert [field for field, _ in flags] == ["绩效目标"]
    assert "保障社区养老服务中心全年正常运营，为辖区" in flags[0][1]


def test_a_name_cut_by_the_end_of_the_text_is_flagged_whatever_follows_it_blank():
    for tail in ("", " |", "\n\n  "):
        flags = _at_end(
            "项目支出绩效目标表\n主管部门 | 某区民政局\n年度资金总额 | 100\n"
            + GOAL
            + "项目名称 | 社区养老服务中"
            + tail
        )
        assert [field for field, _ in flags] == ["项目名称"], tail


def test_an_llm_answer_whose_goal_reaches_the_end_of_the_text_is_flagged_too(llm_server, llm_config):
    """The check runs after every backend: a model answer aligned to a cut cell is as cut as the rules' reading."""
    from dataclasses import replace

    cut_goal = "保障社区养老服务中心全年正常运营，为辖区"
    text = HEAD + "年度目标 | " + cut_goal + " \n"

    def respond(body):
        project = {
            "kind": "project",
            "name": "社区养老服务中心运营补助",
            "amounts": {"total": "100", "fiscal": None, "special_account": None, "other": None},
            "classified": False,
            "goal": cut_goal,
            "indicators": [],
        }
        return {"title": "项目支出绩效目标表", "department": "某区民政局", "currency_unit": None, "rows": [project]}

    llm_server.responder = respond
    table = extract(read_bytes(text.encode("utf-8"), "cut.txt"), "llm", config=replace(llm_config, cache=False))
    assert table.meta.backend == "llm" and table.projects()[0].goal == cut_goal
    flags = [f for f in table.failures if f.code == "VALUE_AT_TEXT_END"]
    assert [f.field for f in flags] == ["绩效目标"]
    assert flags[0].params["value"] == cut_goal
