"""The clerks' common wording of generic measures (assistant/draft/common.py) and how drafts use it."""

from __future__ import annotations

from assistant.draft.adapt import PLAN, _common_value, draft_offline, project_topic
from assistant.draft.common import common_wordings
from assistant.draft.library import Library, LibraryProject
from assistant.draft.models import DraftRequest
from assistant.draft.retrieve import Retriever
from assistant.schema import Indicator, Project


def _ind(name: str, code: str, value: str) -> Indicator:
    return Indicator(name=name, level1_code=code[0], level2_code=code, annual_value=value)


def _project(source: str, name: str, indicators: list[Indicator]) -> LibraryProject:
    return LibraryProject(source, Project(name=name, indicators=indicators), sector="other")


def _library() -> Library:
    return Library(
        [
            _project(
                "doc-a",
                "村级档案整理",
                [
                    _ind("项目实施时间", "13", "2021年1月-12月"),
                    _ind("群众满意度", "31", "90%"),
                    _ind("档案整理数量", "11", "300卷"),
                    _ind("项目总成本", "14", "≤5万元"),
                ],
            ),
            _project(
                "doc-b",
                "河道保洁服务",
                [
                    _ind("项目实施时间", "13", "2023年1月-12月"),
                    _ind("群众满意度", "31", "95%"),
                    _ind("项目总成本", "14", "≤20万元"),
                    _ind("保洁质量达标率", "12", "≥95%"),
                ],
            ),
            _project("doc-b", "河道保洁服务（续）", [_ind("经费支出合规性", "12", "较高")]),
            _project("doc-c", "路灯维护", [_ind("经费支出合规性", "12", "合规")]),
        ]
    )


def test_common_wording_is_a_generic_name_two_documents_write_the_same_way():
    names = {i.indicator.name: (i.indicator.level2_code, n) for i, n in common_wordings(Retriever(_library()))}
    # 项目实施时间 and 群众满意度 (doc-a, doc-b), 经费支出合规性 (doc-b, doc-c)
    assert names == {"项目实施时间": ("13", 2), "群众满意度": ("31", 2), "经费支出合规性": ("12", 2)}
    # not 档案整理数量 / 保洁质量达标率 (about one project's topic), nor 项目总成本 (a cost is the
    # project's own budget, never another's figure)


def test_a_common_time_limit_takes_the_budget_year_not_the_examples_year():
    common = {i.indicator.name: i for i, _ in common_wordings(Retriever(_library()))}
    timing = next(s for s in PLAN if s.category == "13")
    quality = next(s for s in PLAN if s.category == "12")
    assert _common_value(common["项目实施时间"], timing)[0] == "12月底前"
    assert _common_value(common["经费支出合规性"], quality)[0] == "≥95%"  # not its example's 较高
    assert _common_value(common["群众满意度"], next(s for s in PLAN if s.category == "31"))[0] == "≥90%"


def test_the_pool_proposes_the_common_wording_on_topic_for_any_project():
    """The selection can choose them (the precedents decide): candidate_pool lists them, and the
    guard accepts each for an unrelated project (a generic name has no topic to be off)."""
    from assistant.draft.adapt import candidate_pool
    from assistant.draft.evaluation import off_topic

    library = _library()
    request = DraftRequest(name="社区公园绿化养护", goal="养护社区公园绿地，保持绿化整洁", budget=30)
    common = [name for name, kind in candidate_pool(request, Retriever(library)) if kind == "common wording"]
    assert sorted(common) == sorted(["项目实施时间", "群众满意度", "经费支出合规性"])
    assert off_topic(request, common) == []


def test_a_drafted_common_wording_cites_no_one_table_and_shows_no_similarity():
    """乡村道路建设养护 on the built-in library: a common generic name it carries says how many tables
    write it, is no one table's copy (no source cited, no 主题相符度) and takes a standard level.
    (社区普法宣传, the example before, carried 项目验收合格率: a publicity project has nothing to accept.)"""
    from assistant.draft.guard import judge
    from assistant.draft.library import load_library

    request = DraftRequest(name="乡村道路建设养护项目", goal="完成乡村道路建设养护里程300公里")
    draft = draft_offline(request, load_library(include_user=False))
    common = [i for i in draft.indicators if i.rationale.startswith("真实表格常见的通用写法")]
    assert common, [i.name for i in draft.indicators]
    _, topic = project_topic(request)
    for ind in common:
        assert ind.adapted_from == [] and "主题相符度" not in ind.rationale
        assert judge(ind.name, topic).generic
        assert ind.annual_value in {"100%", "≥95%", "≥90%", "12月底前"}


def test_a_copied_satisfaction_is_a_satisfaction_whatever_its_table_filed_it_under():
    """d17 (宁晋县高中助学金) files 资助对象满意度 under 产出/质量 (a valid pair, a wrong kind): four dev
    student-aid drafts copied it there. Adopted, it is a 满意度指标 (31); nothing 满意 is drafted
    under another code."""
    grant = _project(
        "doc-g",
        "高中助学金资助",
        [_ind("资助对象满意度", "12", "≥95%"), _ind("资助学生人数", "11", "300人")],
    )
    request = DraftRequest(name="中职学生资助", goal="资助家庭经济困难学生")
    drafted = draft_offline(request, Library([grant, *_library().projects])).indicators
    satisfied = {i.name: i.level2_code for i in drafted if "满意" in i.name}
    assert satisfied.get("资助对象满意度") == "31", satisfied
    assert set(satisfied.values()) == {"31"}
