"""Choosing among drafting candidates by what the precedents' clerks wrote (assistant/draft/select.py)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from assistant.draft.adapt import _redundant_pair, draft_offline, subject_of
from assistant.draft.corpus import load_real
from assistant.draft.library import Library, LibraryProject
from assistant.draft.models import DraftRequest
from assistant.draft.select import choose, precedent_names
from assistant.schema import Indicator, Project


def _project(name: str, indicators: list[str], source: str = "t", sector: str | None = "x") -> LibraryProject:
    return LibraryProject(source, Project(name=name, indicators=[Indicator(name=n) for n in indicators]), sector=sector)


def test_precedents_are_of_the_same_kind_and_written_with_our_subject():
    ranked = [
        _project("东莞展览馆物业管理", ["东莞展览馆物业管理按时完成率"], "a"),
        _project("森林防火宣传", ["宣传册发放数量"], "b", sector="other"),
        _project("办公楼物业管理", [], "c"),  # no indicators: says nothing
        _project("市政大楼物业管理", ["保洁合格率"], "d"),
    ]
    found = precedent_names(ranked, lambda p: p.sector == "x", "市民中心物业管理", subject_of, k=5)
    assert found == [
        ("a / 东莞展览馆物业管理", ["市民中心物业管理按时完成率"]),
        ("d / 市政大楼物业管理", ["保洁合格率"]),
    ]
    assert len(precedent_names(ranked, lambda p: p.sector == "x", None, subject_of, k=1)) == 1


def test_choose_takes_the_phrasing_the_precedents_write_and_not_both():
    names = ["服务面积", "项目完成及时率", "物业管理按时完成率", "保洁合格率", "服务对象满意度"]
    groups = ["1", "1", "1", "1", "3"]
    keep = [True, False, False, False, False]
    clash = [[i != j and _redundant_pair(a, b) for j, b in enumerate(names)] for i, a in enumerate(names)]
    precedents = [("p", ["物业管理按时完成率", "保洁质量合格率"]), ("q", ["物业服务按时完成率"])]
    kept = choose(names, groups, keep, precedents, 4, clash=clash)
    assert [names[i] for i in kept] == ["服务面积", "物业管理按时完成率", "保洁合格率", "服务对象满意度"]
    # without the redundancy rule both on-time names would fit
    assert 1 in choose(names, groups, keep, precedents, 5) and 2 in choose(names, groups, keep, precedents, 5)


def test_choose_keeps_the_goal_counts_and_each_group_even_without_gain():
    names = ["讲座场次", "健康讲座按时完成率", "讲座质量达标率", "项目完成时限", "受益群众满意度", "知晓率提升"]
    groups = ["1", "1", "1", "1", "3", "2"]
    keep = [True, False, False, False, False, False]
    precedents = [("p", ["讲座质量达标率", "健康讲座按时完成率", "项目完成时限"])]
    kept = [names[i] for i in choose(names, groups, keep, precedents, 4)]
    # the count stays, 满意度 and 效益 stay though no precedent writes them, the best 产出 fills the rest
    assert kept[0] == "讲座场次" and "受益群众满意度" in kept and "知晓率提升" in kept and len(kept) == 4


def test_an_adopted_indicator_is_not_its_own_evidence():
    names = ["保洁合格率", "绿化养护合格率"]
    precedents = [("a", ["保洁合格率"]), ("b", ["绿化面积"])]
    # adopted from a: matching a's own name proves nothing, so the name nearer b wins the one place
    assert choose(names, ["1", "1"], [False, False], precedents, 1, owners=["a", None]) == [1]
    assert choose(names, ["1", "1"], [False, False], precedents, 1) == [0]


@pytest.fixture(scope="module")
def dev_property():
    """The dev corpus's projects and its 东莞 物业管理费支出 (c04), to perturb."""
    projects = [p for p in load_real("gold/real") if p.split == "dev"]
    c04 = next(p for p in projects if p.source.startswith("c04"))
    return projects, c04


def test_a_draft_follows_how_the_precedents_name_finishing_on_time(dev_property):
    projects, c04 = dev_property
    request = DraftRequest(name="市民中心" + c04.name, goal=c04.project.goal, budget=c04.budget_wan)
    rest = [p for p in projects if p.source != c04.source]
    before = [i.name for i in draft_offline(request, Library(rest)).indicators]
    assert "项目完成及时率" in before  # the dev tables' usual wording
    # the same corpus, its clerks writing no 完成及时率, the property ones 物业管理按时完成率 instead
    perturbed = []
    for p in rest:
        kept = [i for i in p.project.indicators if not re.search(r"(完成及时率|按时完成率|按期完成率)$", i.name or "")]
        if p.sector == "property_facility":
            kept.append(Indicator(level1_code="1", level2_code="13", name="物业管理按时完成率"))
        perturbed.append(dataclasses.replace(p, project=p.project.model_copy(update={"indicators": kept})))
    after = [i.name for i in draft_offline(request, Library(perturbed)).indicators]
    assert "项目完成及时率" not in after and any(n.endswith("物业管理按时完成率") for n in after)
    for names in (before, after):
        assert len(names) <= 12
        assert not any(_redundant_pair(a, b) for n, a in enumerate(names) for b in names[n + 1 :])
