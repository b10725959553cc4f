"""benchmarks/draft_sources.py: the wider candidate sources it measures keep the relevance guard."""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.draft.adapt import project_sector, project_topic
from assistant.draft.guard import judge
from assistant.draft.library import Library, LibraryProject
from assistant.draft.models import DraftRequest
from assistant.draft.retrieve import Retriever
from assistant.schema import Indicator, Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from draft_sources import SOURCES, swap_object, wider_sources  # noqa: E402


def _project(source: str, name: str, sector: str, names: list[tuple[str, str]]) -> LibraryProject:
    indicators = [Indicator(name=n, level1_code=c[0], level2_code=c, annual_value="≥95%") for n, c in names]
    return LibraryProject(source, Project(name=name, goal=name, indicators=indicators), sector=sector)


REQUEST = DraftRequest(name="高标准农田建设", goal="建设高标准农田5000亩，开展农业技术培训")
LIBRARY = Library(
    [
        _project("doc-a", "村级档案整理", "other", [("档案整理质量合格率", "12"), ("群众满意度", "31")]),
        _project("doc-b", "农业技术培训", "training", [("培训合格率", "12"), ("网格事件办结率", "12")]),
        _project("doc-c", "农田水利设施维护", "agriculture", [("设施维护及时率", "13"), ("项目实施时间", "13")]),
    ]
)


def test_swap_object_writes_the_owner_object_as_this_subject_and_keeps_the_guard():
    _, topic = project_topic(REQUEST)
    owner = LIBRARY.projects[0]
    swapped = swap_object("档案整理质量合格率", owner, topic, "高标准农田建设")
    assert swapped == "高标准农田建设质量合格率"
    assert judge(swapped, topic).adoptable
    # a foreign word that is not the owner's own object is left alone
    assert swap_object("网格事件办结率", LIBRARY.projects[1], topic, "高标准农田建设") is None


def test_every_wider_source_offers_only_names_the_guard_admits():
    types, topic = project_topic(REQUEST)
    retriever = Retriever(LIBRARY)
    found = wider_sources(REQUEST, retriever, {t.id for t in types}, project_sector(REQUEST, types), topic)
    assert set(found) <= set(SOURCES)
    offered = [name for names in found.values() for name in names]
    assert "培训合格率" in found["guarded library, any type or sector"]  # a training of another sector
    assert "网格事件办结率" not in offered  # the seed's topic, foreign to this project
    for name in offered:
        verdict = judge(name, topic)
        assert verdict.on_topic and (verdict.adoptable or verdict.generic), name
