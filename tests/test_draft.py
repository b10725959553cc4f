"""Offline drafting: library, retrieval, adaptation, the CLI and the leave-one-out evaluation."""

from __future__ import annotations

import json
import statistics

import pytest
from conftest import SEED, SEED_GOLD

from assistant.checks import lint_project
from assistant.cli import main
from assistant.draft.adapt import draft_offline, goal_quantities, project_topic
from assistant.draft.evaluation import evaluate_drafting, relevance
from assistant.draft.guard import guard_config, judge
from assistant.draft.library import add_table, library_dir, load_library
from assistant.draft.models import DraftRequest
from assistant.draft.retrieve import Retriever
from assistant.export import load_table
from assistant.schema import BudgetTable, Indicator, Project, Unit
from assistant.taxonomy import is_valid_pair


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    """The library's added tables go to a fresh folder for every test."""
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def library():
    return load_library(include_user=False)


ELDERLY = DraftRequest(
    name="社区老年人健康讲座", goal="每季度开展一次老年人健康讲座，每次参加不少于50人次。", budget=12
)


def test_goal_quantities_become_targets():
    found = goal_quantities("每月组织开展一场平安政策宣讲会，全年发放宣传资料不少于5000份；来穗人员登记率达95%以上。")
    assert [(name, value) for name, value, _, _ in found] == [
        ("平安政策宣讲会场次", "12场"),
        ("发放宣传资料份数", "≥5000份"),
        ("来穗人员登记率", "≥95%"),
    ]
    # a year and money are not output targets; 一支队伍 is an article, not a count
    assert goal_quantities("2024年投入500元，打造一支专业队伍") == []


def test_a_count_is_of_what_the_action_acts_on_or_was_done_to():
    found = [q[:2] for q in goal_quantities("为全镇3所卫生院购置DR、彩超等医疗设备12台")]
    assert found[0] == ("卫生院数量", "3所")  # not 卫生院购置DR数量
    assert goal_quantities("培训基层干部200人次开展实操")[0][:2] == ("培训基层干部人次", "200人次")
    # a count followed by its action with nothing counted before it is left out, not 给人数
    assert goal_quantities("至少给120人发放补贴费") == []
    assert goal_quantities("1290.3平方米冷库仓储建设")[0][:2] == ("冷库仓储建设面积", "1290.3平方米")
    # what is counted is what was done, not 完成; a name ending in its measure (里程) takes no second one
    assert goal_quantities("1.完成乡村道路建设养护里程 300 公里")[0][:2] == ("乡村道路建设养护里程", "300公里")
    # a per-head denominator (/千人) is not what is counted: the thing named before the figure is
    assert goal_quantities("检测批次达到2批次/千人")[0][0] == "检测批次数量"


def test_an_age_is_who_is_served_not_a_target():
    found = [q[:2] for q in goal_quantities("为辖区65周岁以上老年人提供助餐服务，全年服务3万人次")]
    assert found == [("服务人次", "3万人次")]  # not 岁老年人数量 65周
    assert goal_quantities("0-6岁儿童健康管理率达到90%")[0][:2] == ("0-6岁儿童健康管理率", "≥90%")
    assert goal_quantities("为80岁以上老人发放高龄津贴1200人")[0][1] == "1200人"


def test_goal_quantities_in_weights_volumes_heads_and_hectares():
    assert goal_quantities("全年清运城区生活垃圾3.6万吨")[0][:2] == ("清运城区生活垃圾数量", "3.6万吨")
    assert goal_quantities("处理污水2万立方米")[0][1] == "2万立方米"
    assert goal_quantities("免疫生猪1.2万头")[0][1] == "1.2万头"
    assert goal_quantities("新造林200公顷")[0][:2] == ("新造林面积", "200公顷")


def test_goal_quantities_read_every_count_of_a_clause():
    found = goal_quantities("新造林3000亩，修建作业道30公里；受益人口76户174人，其中少数民族12户27人。")
    named = [(name, value) for name, value, _, _ in found]
    assert ("修建作业道长度", "30公里") in named  # a length is named 长度, not 数量
    assert ("受益人口户数", "76户") in named and ("少数民族户数", "12户") in named
    assert not any(name[0].isdigit() for name, _ in named)  # "174人户数" was a second count, not a name
    # dates and durations are not counts
    assert goal_quantities("物业合同2021年7月到期后已公开招标") == []
    assert goal_quantities("按照学前教育两年行动方案要求") == []
    assert goal_quantities("建设普通省道二级公路32.1公里")[0][:2] == ("建设普通省道二级公路长度", "32.1公里")
    # areas in 万亩 and 平米 are read, and the name loses a leading 为
    assert goal_quantities("实施营造林8万亩")[0][:2] == ("实施营造林面积", "8万亩")
    assert goal_quantities("为维护建筑面积2.6万平方米")[0][:2] == ("维护建筑面积", "2.6万平方米")


def test_numbered_targets_run_on_with_a_space_are_read_one_by_one():
    goal = "达成以下目标: 目标1:聘用人员1人,出差8人 目标2:聘用人员在岗率100% 目标3:2021年12月31日前完成"
    found = [q[:2] for q in goal_quantities(goal)]
    # 1人 is an article, 2021年 a date, 出差8人 an input (投入不能作为绩效目标: travel paid for, not achieved)
    assert found == [("聘用人员在岗率", "100%")]


def test_income_and_beneficiaries_in_the_goal_are_benefits():
    found = goal_quantities("为水濂村带来观光游客不少于6万人,村集体收入达6万元。受益脱贫户10户。")
    codes = {name: (value, code) for name, value, code, _ in found}
    assert codes["村集体收入"] == ("≥6万元", "21")  # money the project brings in: 经济效益
    assert codes["受益脱贫户户数"] == ("10户", "22")  # who benefits: 社会效益
    assert codes["观光游客人数"] == ("≥6万人", "11")  # who is counted, not the village that brings them
    assert goal_quantities("本项目共申请预算资金90万元") == []  # money spent is the budget's
    assert goal_quantities("春节前看望慰问院内休养员，实现慰问全覆盖")[-1][:3] == ("慰问覆盖率", "100%", "22")


def test_retrieval_finds_the_grid_projects(library):
    hits = Retriever(library).similar_projects("网格员巡查走访 网格事件上报 网格事件办结率", k=3)
    # every hit is a grid project by what it does (综合业务费 funds the 网格 service team), not only by name
    assert hits and all("网格" in p.project.name + (p.project.goal or "") for p, _ in hits)
    assert hits[0][1] == 1.0 and hits[-1][1] <= hits[0][1]


def test_draft_for_a_project_outside_the_library(library):
    draft = draft_offline(ELDERLY, library)
    assert 4 <= len(draft.indicators) <= 12
    assert [i.seq for i in draft.indicators] == list(range(1, len(draft.indicators) + 1))
    # every indicator: valid codes, a measurable parsed target, a rationale
    for ind in draft.indicators:
        assert is_valid_pair(ind.level1_code, ind.level2_code)
        assert ind.target is not None and ind.target.kind == "quantitative", ind
        assert ind.rationale
    codes = {i.level2_code for i in draft.indicators}
    assert {"11", "12", "13", "14", "31"} <= codes and codes & {"21", "22", "23", "24"}
    # the goal's own quantity: 每季度一次 → 4次 a year
    assert any(i.annual_value == "4次" and "讲座" in i.name for i in draft.indicators)
    cost = next(i for i in draft.indicators if i.level2_code == "14")
    assert cost.annual_value == "≤12万元"
    satisfaction = next(i for i in draft.indicators if i.level2_code == "31")
    assert satisfaction.target.value >= 85
    assert draft.findings == [] and lint_project(draft.project()) == []


def test_adapted_indicators_cite_their_source_and_fix_vague_values(library):
    request = DraftRequest(
        name="基层网格巡查工作经费",
        budget=100,
        goal="专职网格员每月巡查走访网格，上报网格事件，提高网格事件办结率和重点人员信息掌握率",
    )
    draft = draft_offline(request, library)
    adapted = [i for i in draft.indicators if i.adapted_from]
    assert adapted, "on-topic library projects exist, so some indicators are adapted"
    labels = {f"{p.name} / {i.name}" for p in library.projects for i in p.project.indicators}
    assert all(source in labels for i in adapted for source in i.adapted_from)
    # the shown similarity is the guard's: the share of the adopted name's topic words that are the
    # project's, at least the calibrated threshold, with the shared words named
    _, topic = project_topic(request)
    for ind in adapted:
        verdict = judge(ind.name, topic)
        assert verdict.on_topic and verdict.score >= guard_config().threshold
        assert f"主题相符度{verdict.score:.2f}" in ind.rationale
        assert all(word in ind.rationale and topic.has(word) for word in verdict.shared)
    for ind in draft.indicators:
        assert ind.target.kind == "quantitative"


def test_no_budget_no_cost_indicator(library):
    draft = draft_offline(ELDERLY.model_copy(update={"budget": None}), library)
    assert "14" not in {i.level2_code for i in draft.indicators}
    assert draft.findings == []


def test_library_add_stores_under_home_and_feeds_drafting(tmp_path):
    project = Project(
        name="社区老年人健康服务",
        goal="为辖区老年人提供健康讲座和义诊服务",
        indicators=[
            Indicator(
                seq=1,
                level1_code="1",
                level1_name="产出指标",
                level2_code="11",
                level2_name="数量指标",
                name="老年人义诊服务覆盖率",
                period_value="不低于80%",
                annual_value="不低于80%",
            )
        ],
    )
    path = tmp_path / "health.json"
    path.write_text(
        BudgetTable(units=[Unit(name="卫生服务中心", projects=[project])]).model_dump_json(), encoding="utf-8"
    )
    stored, _ = add_table(path)
    assert stored.parent == library_dir() and str(stored).startswith(str(tmp_path / "home"))
    library = load_library()
    assert any(p.name == "社区老年人健康服务" for p in library.projects)
    draft = draft_offline(DraftRequest(name="老年人健康义诊", goal="为老年人提供义诊服务"), library)
    assert any("社区老年人健康服务 / 老年人义诊服务覆盖率" in i.adapted_from for i in draft.indicators)


def test_library_cli(tmp_path, capsys):
    assert main(["--lang", "en", "library", "add", str(SEED), "--name", "seed copy"]) == 0
    assert "added 23 project(s), 94 indicator(s)" in capsys.readouterr().out
    assert main(["--lang", "en", "library", "list"]) == 0
    out = capsys.readouterr().out
    assert "seed_copy" in out and "000_e2922c57f8184701\t23 project(s)" in out
    assert main(["--lang", "zh", "library", "list"]) == 0
    assert "000_e2922c57f8184701\t23 个项目\t94 条指标" in capsys.readouterr().out
    empty = tmp_path / "empty.json"
    empty.write_text(BudgetTable().model_dump_json(), encoding="utf-8")
    assert main(["library", "add", str(empty)]) == 2


def test_relevance_measure():
    assert relevance(["网格事件办结率"], ["网格事件办结率", "满意度"]) == 1.0
    assert relevance(["网格事件办结率"], []) == 0.0
    assert 0 < relevance(["网格事件办结率", "上报网格事件数量"], ["网格事件办结率"]) < 1


def test_leave_one_out_on_a_gold_subset():
    names = ["区法学会经费", "综合网格工作经费", "政法四级网链路租赁经费"]
    samples, summary = evaluate_drafting(SEED_GOLD, projects=names)
    assert sorted(s["project"] for s in samples) == sorted(names)
    for sample in samples:
        # the project itself was left out of the library it was drafted from
        assert not any(
            src.startswith(sample["project"] + " / ") for d in sample["drafted"] for src in d["adapted_from"]
        )
        assert sample["project"] != sample["baseline_project"]
        assert 4 <= sample["indicators"] <= 12
        assert sample["covers_all"] and sample["remaining_findings"] == []
        assert 0 <= sample["relevance"] <= 1 and "gold_quantified_share" in sample
    assert summary["projects"] == 3 and summary["off_topic_rate"] == 0
    assert summary["quantified_share"] >= 0.95 and summary["valid_pair_share"] == 1.0
    assert summary["full_coverage_share"] == 1.0 and summary["vague_values"] == 0
    # the gold projects themselves, for comparison: only 综合网格工作经费 has 产出+效益+满意度 (codes 1, 2, 3);
    # annual values: 政法四级网链路 writes 全覆盖 (its 所有链路运行正常 has no number but no vague phrase),
    # 综合网格工作经费 writes 匹配, 全覆盖 and 及时、鲜活
    assert summary["gold_full_coverage_share"] == pytest.approx(1 / 3, abs=1e-3)
    assert summary["gold_vague_values"] == 4
    # how many a draft holds beside how many the clerks wrote (medians rounded to whole counts)
    assert summary["drafted_median"] == round(statistics.median(s["indicators"] for s in samples))
    assert summary["gold_median"] == round(statistics.median(s["gold_indicators"] for s in samples))
    assert isinstance(summary["gold_median"], int)  # a count: the baseline gate compares ratios only


def test_leave_one_out_never_adapts_from_the_project_itself(library):
    for entry in library.projects[:6]:
        rest = library.without({entry.name})
        draft = draft_offline(DraftRequest(name=entry.name, goal=entry.project.goal or ""), rest)
        assert not any(source.startswith(entry.name + " / ") for i in draft.indicators for source in i.adapted_from)


def test_unknown_gold_project_is_an_error():
    with pytest.raises(ValueError, match="not gold projects"):
        evaluate_drafting(SEED_GOLD, projects=["没有这个项目"])


# ---- the CLI ----


def test_draft_cli_json_is_interchange_and_lints_clean(tmp_path, capsys):
    out = tmp_path / "draft.json"
    assert (
        main(
            [
                "--lang",
                "en",
                "draft",
                "--name",
                "社区普法宣传",
                "--goal",
                "每月组织开展一场普法讲座",
                "--budget",
                "20",
                "-o",
                str(out),
                "--strict",
            ]
        )
        == 0
    )
    assert "passes the linter" in capsys.readouterr().err
    table = load_table(out)  # the interchange models read it back
    project = table.projects()[0]
    assert project.name == "社区普法宣传" and float(project.amounts.total) == 20
    assert any(i.annual_value == "12场" for i in project.indicators)
    data = json.loads(out.read_text(encoding="utf-8"))
    details = data["meta"]["extra"]["draft"]["indicators"]
    assert all(d["rationale"] and d["target"]["kind"] == "quantitative" for d in details)
    assert set(data["units"][0]["projects"][0]["indicators"][0]) == {
        "seq",
        "level1_code",
        "level1_name",
        "level2_code",
        "level2_name",
        "name",
        "period_value",
        "annual_value",
    }
    assert main(["lint", str(out), "--strict"]) == 0
    assert main(["validate", str(out), "--strict"]) == 0  # amounts and numbering are consistent too


def test_draft_cli_source_table_and_xlsx(tmp_path, capsys):
    assert main(["draft", "--from", str(SEED), "--project", "区法学会经费", "-f", "source"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("1、1-产出指标:11-数量指标;") and ";实施周期指标值:" in line and line.endswith("。")
    assert main(["draft", "-n", "社区普法宣传", "-g", "每月组织开展一场普法讲座"]) == 0
    assert "三级指标" in capsys.readouterr().out
    xlsx = tmp_path / "draft.xlsx"
    assert main(["draft", "-n", "社区普法宣传", "-o", str(xlsx)]) == 0
    assert xlsx.read_bytes()[:2] == b"PK"


def test_draft_cli_request_file(tmp_path, capsys):
    request = tmp_path / "project.yaml"
    request.write_text("name: 社区老年人健康讲座\ngoal: 每季度开展一次老年人健康讲座\nbudget: 12\n", encoding="utf-8")
    assert main(["draft", "-i", str(request), "-f", "json"]) == 0
    assert "社区老年人健康讲座" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("goal: 没有名称\nbudget: 很多\n", encoding="utf-8")
    assert main(["draft", "-i", str(bad)]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_draft_cli_bad_usage(capsys):
    assert main(["draft"]) == 2
    assert main(["draft", "--from", str(SEED), "--project", "区法学会"]) == 2
    assert "区法学会经费" in capsys.readouterr().err  # the closest name is suggested
    assert main(["draft", "-n", "x", "--backend", "nope"]) == 2


@pytest.mark.parametrize("limit", [4, 5, 6])
def test_a_smaller_limit_keeps_the_three_categories(library, limit):
    draft = draft_offline(ELDERLY, library, max_indicators=limit)
    assert len(draft.indicators) == limit
    assert {i.level1_code for i in draft.indicators} == {"1", "2", "3"}
    assert draft.findings == []


def _without(library, doc):
    """The library without one real document: the project is drafted as if it were new."""
    from assistant.draft.library import Library

    return Library([p for p in library.projects if p.source != doc])


def test_a_unit_cost_needs_one_quantity_the_budget_buys(library):
    """b05-shaanxi-qingjian-road-form: two roads of 2公里 (500万元 over 2 would double each
    road's cost), and b10-nx-yuanzhou-forest-form: the budget plants 8万亩 of forest, its 30公里
    of track are a part — both drafts cost the whole (项目总成本 ≤ budget), not per 公里."""
    roads = DraftRequest(
        name="2021年交通局寨山石坪、鲍家沟果园路",
        goal="1、改善基础实施建设,呼家河至鲍家沟果园路建设2公里、寨山石坪果园路2公里 2、水泥路硬化路面、边沟及交安实施的建设,解决了生产道路硬化问题及生命防护问题 3、极大的改善了老百姓的生产生活问题",
        budget=500,
    )
    forest = DraftRequest(
        name="原州区2022年南部水源涵养林建设项目",
        goal="在东马场林场、东岳山林场、古树林场、红庄林场、马渠林场、沈河林场、水沟林场 7 个林场和古雁办、官厅镇、黄铎堡镇、开城镇、彭堡镇、炭山乡、头营镇、寨科乡、张易镇、中河乡、三营镇 11 个乡镇(街道办事处)实施营造林8万亩。其中:新造林3万亩,未成林抚育提升及退化林改造5万亩;修建作业道30公里。",
        budget=6070,
    )
    for request, doc, total in (
        (roads, "b05-shaanxi-qingjian-road-form", "≤500万元"),
        (forest, "b10-nx-yuanzhou-forest-form", "≤6070万元"),
    ):
        costs = {
            i.name: i.annual_value
            for i in draft_offline(request, _without(library, doc)).indicators
            if i.level2_code == "14"
        }
        assert not any("/公里" in value for value in costs.values()) and costs.get("项目总成本") == total, costs


def test_one_unit_cost_is_said_once(library):
    """d16-hb-guangshui-rural-roads-selfeval-pdftext: the transport and the construction template
    both divide 309万元 by 300公里; the draft says ≤1.03万元/公里 once."""
    request = DraftRequest(name="乡村道路建设养护项目", goal="1.完成乡村道路建设养护里程 300 公里;", budget=309)
    draft = draft_offline(request, _without(library, "d16-hb-guangshui-rural-roads-selfeval-pdftext"))
    values = [i.annual_value for i in draft.indicators if i.level2_code == "14"]
    assert values.count("≤1.03万元/公里") == 1, values


def test_nothing_is_above_all_and_another_projects_point_value_is_not_copied(library):
    """h12-jx-sixia-village-road-eval-traditional-prose writes 驗收合格率≥100%: the draft says
    100%. a12-tj-ninghe-edu-kindergarten-pipe adopted 补贴发放率 with the 75% another project
    set itself; a point value below the standard levels is not carried over."""
    road = DraftRequest(
        name="高其坑通組道路工程",
        goal="道路硬化≥0.565km;項目(工程)驗收合格率≥100% ;受益貧困人口滿意度≥96%;受益建檔立卡貧困人口數≥23人改善村基礎設施,促進經濟發展。",
        budget=19,
    )
    values = {
        i.name: i.annual_value
        for i in draft_offline(road, _without(library, "h12-jx-sixia-village-road-eval-traditional-prose")).indicators
    }
    assert values["項目(工程)驗收合格率"] == "100%" and "≥100%" not in values.values(), values
    rent = DraftRequest(
        name="2020年非营利性民办园房租补贴",
        goal="1.根据市政府办公厅《关于印发大力发展学前教育两年行动方案(2019-2020年)的通知》要求,给予宁河区非营利性民办园房租补贴,满足非营利性民办园租房需求,大力支持民办园特别是普惠性民办园发展。 2.按照《关于印发大力发展学前教育两年行动方案(2019-2020年)的通知》要求,保证补贴资金及时、足额、合规发放。 3.保障补贴对象享受政策中房租补贴的权益,促进学前教育普及普惠安全优质发展。",
        budget=193.8,
    )
    drafted = draft_offline(rent, _without(library, "a12-tj-ninghe-edu-kindergarten-pipe")).indicators
    assert not any(i.annual_value == "75%" for i in drafted), [(i.name, i.annual_value) for i in drafted]
    adopted = [i for i in drafted if i.name == "补贴发放率"]
    assert all("自定的点值" in i.rationale for i in adopted)


def test_an_indicator_naming_its_own_project_is_not_adopted(library):
    """a07-yn-yongde-edu-nutrition-selfeval-pipe drew 教育专项工作经费资金到位率 from the table
    《教育专项工作经费》: a name that names the project it comes from is that project's."""
    from assistant.draft.adapt import _names_its_owner

    request = DraftRequest(
        name="义务教育营养改善计划专项资金", goal="确保每一个学生都能享受到国家政策福利,改善学生体质", budget=38.77
    )
    assert _names_its_owner("教育专项工作经费资金到位率", "教育专项工作经费", request)
    assert not _names_its_owner("物业管理保障工作合格率", "物业管理费支出", DraftRequest(name="市民中心物业管理服务"))
    names = [
        i.name
        for i in draft_offline(request, _without(library, "a07-yn-yongde-edu-nutrition-selfeval-pipe")).indicators
    ]
    assert "教育专项工作经费资金到位率" not in names, names


def test_goal_counts_keep_a_rate_per_population_and_count_what_comes_before_its_work():
    """d12-ah-luan-farm-product-testing-sidebyside-pipe: 2批次/千人 is a rate, not 2 in all;
    f03-ha-puyang-archives-fire-equipment-approval-pipe: 5个标准档案库房…的升级改造 counts the rooms."""
    rate = goal_quantities("实现农产品质量安全得到提升,检测批次达到2批次/千人,“两强一增”认证总数得到上升。")
    assert rate[0][:2] == ("检测批次数量", "≥2批次/千人")
    rooms = goal_quantities(
        "完成市档案馆5个标准档案库房消防设备的升级改造安装工作,增强消防救援力量,保证馆库和档案实体安全。"
    )
    assert rooms[0][:2] == ("标准档案库房消防设备数量", "5个")


def test_environment_and_cleaning_template_indicators_need_their_subject(library):
    """d11-nm-wuhai-recycling-market-space (a recycling market's management) measures no air or
    water quality; g01 绿化养护经费 (greening) no cleaning."""
    recycling = DraftRequest(
        name="再生资源回收市场管理经费",
        goal="围绕国家关于建设节约型社会和发展循环经济的要求,在充分规范整合和利用现有再生资源回收渠道的基础上,合理布局,规范建设。达成以下目标: 目标1:聘用人员1人,出差8人 目标2:聘用人员在岗率100% 目标3:2021年12月31日前完成 目标4:年度预算总金额3万元 目标5:促进资源循环和高效利用,改善城乡生态环境。",
        budget=3,
    )
    names = [
        i.name for i in draft_offline(recycling, _without(library, "d11-nm-wuhai-recycling-market-space")).indicators
    ]
    assert "空气（水）质量达标率" not in names and "出差人数" not in names, names
    greening = DraftRequest(
        name="绿化养护经费",
        goal="完成我市建成区的绿化养护工作,改善了城市生态环境,提升城市品位,提高人民群众满意度,保障绿化养护的稳定正常运行,促进城市园林绿化事业的发展。",
    )
    names = [
        i.name
        for i in draft_offline(
            greening, _without(library, "g01-zj-linhai-greening-maintenance-library-pipe")
        ).indicators
    ]
    assert "保洁质量考核达标率" not in names and "路况（设施）优良率" not in names, names
