"""Drafting for any project: the project-type file, type and sector classification, the
relevance guard, the packaged library built from the real corpus, and the per-sector eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.draft.adapt import draft_offline, project_topic, subject_of
from assistant.draft.corpus import builtin_digest, corpus_digest, load_builtin, load_real
from assistant.draft.guard import Topic, guard_config, judge
from assistant.draft.library import load_library
from assistant.draft.models import DraftRequest
from assistant.draft.types import classify, load_types
from assistant.targets import parse_target
from assistant.taxonomy import is_valid_pair

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "gold" / "real"
SEED_WORDS = guard_config().seed_topic_words


@pytest.fixture(scope="module")
def library():
    return load_library(include_user=False)


def test_the_type_file_covers_every_category_with_reasons():
    types = load_types()
    assert len(types.types) >= 20 and types.version
    assert "财预〔2021〕101号" in types.guidance["source"]
    ids = [t.id for t in types.types]
    assert len(ids) == len(set(ids))
    for ptype in types.types:
        codes = {i.code for i in ptype.indicators}
        assert {"11", "12", "13", "14", "31"} <= codes and codes & {"21", "22", "23", "24"}, ptype.id
        assert ptype.sector in types.sectors and ptype.keywords
        assert any(i.code == "14" and i.derive == "budget" for i in ptype.indicators), ptype.id
        for ind in ptype.indicators:
            assert ind.why, (ptype.id, ind.name)
            if ind.derive == "standard":
                assert parse_target(ind.value).kind == "quantitative", (ptype.id, ind.name, ind.value)
            if ind.derive == "goal":
                assert ind.units, (ptype.id, ind.name)
            if ind.alternative:
                assert parse_target(ind.alternative.value).kind == "quantitative"


@pytest.mark.parametrize(
    ("name", "goal", "expected", "sector"),
    [
        ("物业管理费支出", "为展馆提供物业管理、保洁和安保服务", "property", "property_facility"),
        ("2024年基层干部培训班", "培训基层干部500人次", "training", "training"),
        ("雾炮车降尘抑尘服务", "租用雾炮车开展道路降尘抑尘作业", "environment", "environment"),
        ("临时救助", "对遭遇突发困难的家庭发放临时救助金", "subsidy", "subsidy_relief"),
        ("社区普法宣传", "每月组织开展一场普法讲座", "publicity", "culture"),
        # the name's last word says what the project is: publicity about fire prevention,
        # a purchase for clinics, a subsidy for culture, even when a longer keyword is elsewhere
        ("2025年森林防火宣传", "发放宣传资料5000份", "publicity", "culture"),
        ("乡镇卫生院医疗设备购置", "为3所卫生院购置医疗设备12台", "equipment", None),
        ("农村文化建设配套补助经费", "", "subsidy", "subsidy_relief"),
        ("城管执法车辆维修燃油费", "", "vehicle", None),
        # 养护 alone is road upkeep; 维修养护 of a water works is a repair, and it is about water
        ("农村饮水安全工程维修养护", "维修养护农村供水工程45处", "repair", None),
        ("农村饮水安全巩固提升工程", "改善提升9200人饮水条件", "water", None),
        # types the dev split showed missed (benchmarks/draft_types.py), reworded
        ("2025年公务用车运行维护费", "保障单位公务用车正常运行", "vehicle", None),
        ("重大动物疫病防控经费", "开展春秋两季动物免疫接种", "agriculture", "agriculture"),
        ("县级森林病虫害预测预报补助经费", "编发林业有害生物趋势预报", "inspection", None),
        ("药品监管补助资金", "开展药品风险隐患排查整治，打击违法行为", "enforcement", None),
        ("就业补助资金", "用于职业培训补贴、社会保险补贴", "subsidy", "subsidy_relief"),
        ("车辆购置税收入补助地方资金(农村公路建设)", "建设农村公路50公里", "construction", None),
        ("烈士陵园免費開放經費", "", "cultural_event", None),  # traditional characters
        ("窗口工作人员季度考核奖", "", "award", None),
        ("区直机关部门整体支出绩效自评表", "", "operations", None),
        ("委托业务费", "用于工程项目预算编制和审计", "procured_service", None),
    ],
)
def test_type_and_sector_from_name_and_goal(name, goal, expected, sector):
    types = classify(name, goal)
    assert types and types[0][0].id == expected and sector in (None, types[0][0].sector)


def test_type_accuracy_on_the_labeled_dev_projects():
    """benchmarks/draft_types.py: the first type told is one a reader gave the project (0.805
    before the 2026.12-2 keywords, 0.989 after)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from draft_types import score

    summary, _ = score(REAL)
    assert summary["projects"] >= 80 and summary["first"] >= 0.95


def test_the_guard_rejects_other_topics_and_the_seed_departments_words():
    topic = Topic.of("物业管理费支出", "为展馆提供物业管理、保洁和安保服务", ["物业", "保洁"])
    copied = judge("已安装门禁系统的出租屋内来穗人员登记率", topic)
    assert not copied.on_topic and {"来穗", "出租屋"} <= set(copied.seed_words) and copied.score == 0
    assert judge("保洁质量考核达标率", topic).on_topic
    assert judge("服务对象满意度", topic).generic
    # a seed-department word is fine for a project whose own text has it
    grid = Topic.of("网格员巡查经费", "专职网格员每月巡查走访")
    assert judge("网格巡查次数", grid).on_topic


@pytest.mark.parametrize(
    ("name", "goal"),
    [
        ("物业管理费支出", "为展馆提供物业管理、保洁和安保服务"),
        ("雾炮车降尘抑尘服务", "租用雾炮车开展道路降尘抑尘作业"),
        ("社区普法宣传", "每月组织开展一场普法讲座"),
        ("区法学会经费", ""),
        ("职工技能培训", "全年举办技能培训班6期，培训300人次"),
    ],
)
def test_drafts_for_the_issue_projects_never_borrow_the_seeds_topics(library, name, goal):
    request = DraftRequest(name=name, goal=goal, budget=30)
    draft = draft_offline(request, library)
    _, topic = project_topic(request)
    for ind in draft.indicators:
        assert not [w for w in SEED_WORDS if w in ind.name and w not in f"{name}{goal}"], ind.name
        assert judge(ind.name, topic).on_topic, ind.name
        assert is_valid_pair(ind.level1_code, ind.level2_code) and ind.target.kind == "quantitative"
    assert draft.findings == [] and 4 <= len(draft.indicators) <= 12
    assert {i.level1_code for i in draft.indicators} == {"1", "2", "3"}


def test_quantities_from_the_goal_and_unit_cost_from_the_budget(library):
    draft = draft_offline(
        DraftRequest(name="职工技能培训", goal="全年举办技能培训班6期，培训300人次", budget=30), library
    )
    values = {i.name: i.annual_value for i in draft.indicators}
    assert "300人次" in values.values()
    cost = next(i for i in draft.indicators if i.level2_code == "14")
    assert cost.annual_value == "≤1000元/人次" and "30万元÷" in cost.rationale
    assert draft.project_types[0] == "培训" and draft.sector == "training"


def test_subject_of_a_project_name():
    assert subject_of("物业管理费支出") == "物业管理"
    assert subject_of("2021年交通局寨山石坪、鲍家沟果园路") == "年度工作"  # no single subject
    # a leading place, years, brackets and a "-…" tail are not what the money is for
    assert subject_of("岳阳县2022年高标准农田建设项目") == "高标准农田建设"
    assert subject_of("黄山市雪亮工程市本级机房租赁2024至2027服务采购项目") == "雪亮工程市本级机房租赁"
    assert subject_of("义务教育专项资金-宁夏银川市二十一小") == "义务教育"
    assert subject_of("特困家庭再扶助(独生子女死亡再扶助)") == "特困家庭再扶助"
    # too long: its last words, as a clerk shortens it inside an indicator name
    assert subject_of("南华县乡村振兴示范园罗家屯社区野生菌加工车间建设项目(续建)") == "野生菌加工车间建设"
    assert subject_of("县级储备粮") == "县级储备粮" and subject_of("区法学会经费") == "区法学会"
    # traditional characters, a category prefix, a leading count, a self-evaluation form's title
    assert subject_of("忠烈祠免費開放經費") == "忠烈祠免費開放"
    assert subject_of("发展建设类-农产品质检") == "农产品质检"
    assert subject_of("19名百岁老人高龄津贴") == "百岁老人高龄津贴"
    assert subject_of("2020年省級自然資源衛片執法補助經費支出績效自評表") == "省級自然資源衛片執法"
    assert subject_of("广元市朝天区全民健身中心项目") == "全民健身中心"


def test_indicators_are_phrased_with_the_projects_own_subject(library):
    draft = draft_offline(DraftRequest(name="县级储备粮", goal="保持和稳定地方粮食储备机制", budget=194.9), library)
    names = [i.name for i in draft.indicators]
    assert "县级储备粮完成率" in names  # not 年度工作任务完成率: the goal states no count
    # the standard 时效/质量 indicators real tables carry in every sector
    assert {"项目完成及时率", "项目完成时限", "经费支出合规率"} <= set(names)
    # the goal's own aim is its 效益, graded (达到) since the goal gives no figure for it
    graded = [i.name for i in draft.indicators if i.target.kind != "quantitative"]
    assert graded == ["保持和稳定地方粮食储备机制"] and len(names) <= 12


def test_unit_cost_per_ten_thousand_square_metres_is_per_square_metre(library):
    request = DraftRequest(name="展馆物业管理服务", goal="为维护建筑面积2.6万平方米的场馆提供物业服务", budget=282.92)
    cost = next(i for i in draft_offline(request, library).indicators if i.level2_code == "14")
    assert cost.annual_value == "≤109元/平方米" and "26000平方米" in cost.rationale


def test_the_goals_quantities_outlast_the_generic_fill_ins(library):
    goal = "主体班培训280人次;邀请校外名师、领导授课25人次;情景教学或外训批次6批次"
    draft = draft_offline(DraftRequest(name="主体班", goal=goal, budget=164), library, max_indicators=10)
    values = {i.name: i.annual_value for i in draft.indicators}
    assert len(values) == 10
    assert {"280人次", "25人次", "6批次"} <= set(values.values())
    assert "受益群众满意度" not in values  # a generic second 满意度 goes first
    assert {i.level1_code for i in draft.indicators} == {"1", "2", "3"}


def test_measure_words_are_not_topics():
    topic = Topic.of("县级储备粮", "保持和稳定地方粮食储备机制")
    for name in ("经费支出合规率", "受益群众满意度", "项目完成及时率", "完成时限", "项目完成时限", "成本控制率"):
        assert judge(name, topic).generic, name
    # 长度 is a measure; what is measured (修建作业道) is still a topic, this project's or not
    assert judge("修建作业道长度", topic).foreign == ("作业", "修建")
    assert judge("修建作业道长度", Topic.of("南部水源涵养林建设", "修建作业道30公里")).on_topic


def test_the_packaged_library_is_built_from_the_current_gold():
    # rebuild with: python cli.py library build
    assert builtin_digest() == corpus_digest(ROOT / "gold"), "run python cli.py library build"
    packed = {p.source for p in load_builtin()}
    if REAL.is_dir():
        real = load_real(REAL)
        assert {p.source for p in real} <= packed
        assert all(p.sector for p in load_builtin())


def test_the_installed_library_needs_no_gold_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_GOLD_DIR", str(tmp_path / "nowhere"))
    library = load_library(include_user=False)
    assert len(library) >= 23 and any(p.split for p in library.projects) == REAL.is_dir()


@pytest.mark.skipif(not REAL.is_dir(), reason="no real corpus in this checkout")
def test_eval_on_the_real_corpus_by_sector():
    from assistant.draft.evaluation import evaluate_drafting

    samples, summary = evaluate_drafting(REAL, split="test")
    assert samples and all(s["split"] == "test" for s in samples)
    assert all(s["project"] for s in samples)  # a form naming no project (e10) is not drafted
    assert set(summary["by_sector"]) == {s["sector"] for s in samples}
    assert summary["valid_pair_share"] == 1.0 and summary["full_coverage_share"] == 1.0
    assert summary["quantified_share"] >= 0.95 and summary["off_topic_rate"] <= 0.02
    assert summary["seed_word_rate"] == 0
    assert summary["relevance"] > summary["baseline_relevance"]
    for sample in samples:  # the seed department's words only where the project's own text has them
        for drafted in sample["drafted"]:
            assert not any(
                w in drafted["name"] and w not in sample["project"]
                for w in SEED_WORDS
                if sample["sector"] != "public_security"
            ), drafted


@pytest.mark.skipif(not REAL.is_dir(), reason="no real corpus in this checkout")
def test_eval_draft_cli_prints_the_sector_table(capsys, tmp_path):
    from assistant.cli import main

    assert main(["eval", "draft", "--gold", str(REAL), "--split", "test", "--evals-dir", str(tmp_path), "--json"]) == 0
    out = capsys.readouterr().out
    summary = json.loads(out)
    assert summary["metrics"]["split"] == "test" and "relevance" in summary["metrics"]
    assert all("off_topic_rate" in part and "baseline_relevance" in part for part in summary["by_sector"].values())
    run = next((tmp_path / "runs").iterdir())
    assert json.loads((run / "summary.json").read_text(encoding="utf-8"))["by_sector"] == summary["by_sector"]


def test_the_same_departments_past_tables_are_looked_at_whatever_their_type():
    from assistant.draft.library import Library, LibraryProject
    from assistant.schema import Indicator, Project

    past = Project(
        name="高龄津贴发放",
        goal="按月向高龄老人发放高龄津贴",
        indicators=[
            Indicator(
                seq=1,
                level1_code="1",
                level1_name="产出指标",
                level2_code="11",
                level2_name="数量指标",
                name="居家养老服务覆盖率",
                annual_value="≥80%",
            )
        ],
    )
    library = Library([LibraryProject("minzheng", past, department="某区民政局")])
    request = DraftRequest(name="居家养老服务中心运营", goal="为辖区老年人提供居家养老服务")
    assert not any(i.adapted_from for i in draft_offline(request, library).indicators)  # another type, no sector
    mine = draft_offline(request.model_copy(update={"department": "某区民政局"}), library)
    adopted = [i for i in mine.indicators if i.adapted_from]
    assert [i.name for i in adopted] == ["居家养老服务覆盖率"] and adopted[0].annual_value == "≥80%"


def test_a_chosen_type_and_sector_lead_the_draft(capsys):
    """The clerk's type comes first and the chosen sector is the one drafting looks in (CLI --type/--sector)."""
    from assistant.cli.app import main

    assert main(["draft", "--name", "年度工作经费", "--type", "training", "--sector", "education", "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)["meta"]["extra"]["draft"]
    assert report["project_types"][0] == "培训" and report["sector"] == "education"
    assert main(["draft", "--name", "年度工作经费", "--type", "no_such_type"]) == 2


def test_the_drafting_eval_skips_a_gold_project_without_a_name(tmp_path):
    """A real document whose form has no 项目名称 (its gold project is unnamed) cannot be
    drafted from; the eval counts it instead of failing on it."""
    from assistant.draft.evaluation import evaluate_drafting

    for doc, name in (("x01-named", "职工技能培训班"), ("x02-unnamed", "")):
        folder = tmp_path / doc
        folder.mkdir()
        table = {
            "units": [
                {
                    "name": "某单位",
                    "projects": [
                        {
                            "name": name,
                            "goal": "全年举办培训班6期",
                            "indicators": [
                                {"level1_code": "1", "level1_name": "产出指标", "level2_code": "11",
                                 "level2_name": "数量指标", "name": "培训期数", "annual_value": "6期"}
                            ],
                        }
                    ],
                }
            ]
        }  # fmt: skip
        (folder / "gold.json").write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        (folder / "meta.json").write_text(json.dumps({"sector": "training", "split": "dev"}), encoding="utf-8")
    samples, summary = evaluate_drafting(tmp_path, split="dev")
    assert [s["project"] for s in samples] == ["职工技能培训班"] and summary["unnamed_skipped"] == 1


def test_finishing_on_time_is_drafted_once_whatever_its_wording(library):
    draft = draft_offline(
        DraftRequest(name="职工技能培训班", goal="全年举办技能培训班6期，培训职工300人次", budget=30), library
    )
    on_time = [i.name for i in draft.indicators if i.name.endswith(("按时完成率", "完成及时率", "按期完成率"))]
    # one of 培训按计划完成及时率, 职工技能培训班按时完成率, 项目完成及时率: the precedents pick which
    assert len(on_time) == 1


def test_a_subject_phrased_fill_in_stands_beside_the_types_own(library):
    request = DraftRequest(name="市民中心物业管理服务", goal="提供物业管理服务，服务面积12000平方米", budget=150)
    draft = draft_offline(request, library)
    names = [i.name for i in draft.indicators]
    # the subject's quality fill-in beside the type's own quality indicator (保洁质量考核达标率), and of
    # the two ways of timing the work (the subject's 按时完成率, 项目完成及时率) one, as the precedents pick
    assert "市民中心物业管理服务质量合格率" in names and "保洁质量考核达标率" in names, names
    assert ("市民中心物业管理服务按时完成率" in names) != ("项目完成及时率" in names), names


def test_a_word_every_budget_line_has_is_no_shared_topic():
    """费用 is how money is named, like 经费: 利息费用保障率 of a grain reserve is not about a
    vehicle project whose goal pays 维修及燃油费用."""
    topic = Topic.of("城管执法车辆维修燃油费", "保障执法车辆的维修及燃油费用")
    assert not judge("利息费用保障率", topic).adoptable


def test_one_acceptance_rate_is_adopted_whatever_its_wording(library):
    """重点建设工程验收合格率, 工程验收合格率 and 项目(工程)验收合格率 are one measure: a reviewer
    strikes the second and third, so the slot goes to something else."""
    request = DraftRequest(
        name="县档案馆库房消防设备改造安装工程", goal="完成3个档案库房消防设备的升级改造安装工作", budget=30
    )
    names = [i.name for i in draft_offline(request, library).indicators]
    assert sum(name.endswith("验收合格率") for name in names) <= 1, names


def test_social_governance_is_not_environmental_work(library):
    """治理 alone is no environment keyword (社会治理 is the seed department's), so a pollution
    project whose goal monitors by a 网格化 layout does not adopt the grid's 网格事件办结率."""
    assert "environment" not in {t.id for t, _ in classify("基层社会治理和网格化创新工作经费", "")}
    assert classify("大气污染治理资金", "")[0][0].id == "environment"
    request = DraftRequest(
        name="2022年大气污染防治资金", goal="采用监测设备进行高密度网格化监控布点，监控城区污染排放，处置突发环境事件"
    )
    names = [i.name for i in draft_offline(request, library).indicators]
    assert not any("网格事件" in name for name in names), names


def test_a_subsidy_draft_measures_who_it_reaches_as_clerks_do(library):
    """Real subsidy tables measure reach as a 覆盖率 (救助覆盖率, 补贴覆盖率, 伙食补助覆盖率), so
    the type's 社会效益 is the coverage of its own kind of aid (补贴覆盖率 for a 补贴: 应保尽保)
    rather than a 基本生活保障率 nobody writes."""
    request = DraftRequest(name="2025年高龄老人生活补贴", goal="为辖区80周岁以上老年人按月发放高龄生活补贴", budget=60)
    drafted = draft_offline(request, library).indicators
    # a library table that files 补贴覆盖率 under 质量 may bring it first; the name and level are the clerks'
    assert any(i.name == "补贴覆盖率" and i.annual_value == "100%" for i in drafted)
    assert any((i.level2_code or "").startswith("2") for i in drafted)


@pytest.mark.parametrize(
    "doc, name, goal, wrong",
    [
        # 运行维护 here is the cars' upkeep (公务用车运行维护), not a system's: no 系统正常运行率
        ("a19-sc-daying-traffic-police-cars-selfeval-pipe", "公务用车运行维护项目", "保障公务用车正常运行", "it_ops"),
        # 车辆购置税 is the tax that pays for the road, not a purchase of vehicles
        (
            "b06-sc-langzhong-road-selfeval",
            "车辆购置税收入补助地方资金(普通省道公路建设)",
            "按计划完成2021年度省道公路建设。建设普通省道二级公路32.1公里,保证道路安全畅通。",
            "equipment",
        ),
        # 干部教育培训 is training: no 学生巩固率 or 学生及家长满意度 for a cadre course
        (
            "c01-huangshi-training-pipe",
            "主体班",
            "主体班培训280人次;邀请校外名师、领导授课25人次;情景教学或外训批次6批次;开设课程数量220门;高质量完成干部教育培训工作。",
            "education",
        ),
        # 文化建设 and 惠民工程 build nothing: no 施工安全事故 for 送戏进万村
        (
            "d01-ah-huaibei-culture-opera-cellpipe",
            "农村文化建设配套补助经费",
            "文化惠民工程,主要用于送戏进万村,按照明年的任务70个行政村,每村4400元,市级需配套704元/村。",
            "construction",
        ),
        # 发展建设类 is the budget's category and 体系建设 builds a system of testing
        (
            "d12-ah-luan-farm-product-testing-sidebyside-pipe",
            "发展建设类-农产品质检体系建设和“三品一标”发展项目",
            "通过项目实施,开展农产品质量安全监测及三品一标工作,实现农产品质量安全得到提升,检测批次达到2批次/千人,“两强一增”认证总数得到上升。",
            "construction",
        ),
        # 工作经费 only ends the name of a publicity and culture project
        (
            "d20-hb-disabled-federation-publicity-report-cellpipe",
            "湖北省残疾人事业宣传文化工作经费项目",
            None,
            "operations",
        ),
        # 养护 inside 绿化养护 is the green's upkeep, not a road's
        (
            "g01-zj-linhai-greening-maintenance-library-pipe",
            "绿化养护经费",
            "完成我市建成区的绿化养护工作,改善了城市生态环境,提升城市品位,提高人民群众满意度,保障绿化养护的稳定正常运行,促进城市园林绿化事业的发展。",
            "transport",
        ),
        # one 场馆管理用房 in the goal of a new fitness centre is not a property-management project
        (
            "d09-sc-chaotian-fitness-centre-selfeval-pipe",
            "广元市朝天区全民健身中心项目",
            "新建全民健身中心1个,总建筑面积6500平方米,配套室外健身场地、能够满足球类、武术,体操、器械健身、游泳等多项体育健身活动;配套场馆管理用房、卫生间、医务室及相关设施设备。",
            "property",
        ),
    ],
)
def test_a_second_type_needs_evidence_of_its_own(doc, name, goal, wrong):
    """Dev projects (quoted verbatim) that drew a wrong second type: a keyword inside a longer
    one of another type, inside a phrase that is not the type's (not_keywords), in the name's
    generic ending alone, or one goal mention beside a name that names another type."""
    got = [t.id for t, _ in classify(name, goal)]
    assert got and wrong not in got, (doc, got)


def test_second_types_on_the_labeled_dev_projects_are_ones_a_reader_gave():
    """Of the second types classify gives the labeled dev projects, 16 of 25 were labeled
    before second types needed their own evidence; all 19 are now."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from draft_types import load_labels

    from assistant.draft.evaluation import eval_library

    labels = load_labels()
    entries, _ = eval_library(REAL)
    seconds = [
        (entry.name, got[1][0].id, labels[(entry.source, entry.name)])
        for entry in entries
        if entry.split == "dev" and labels.get((entry.source, entry.name))
        for got in [classify(entry.name, entry.project.goal)]
        if len(got) > 1
    ]
    wrong = [(name, second) for name, second, fits in seconds if second not in fits]
    assert len(seconds) >= 15 and not wrong, wrong


def test_the_cadre_course_draft_has_no_school_indicators(library):
    """c01-huangshi-training-pipe 主体班: drafted as training alone, nothing of a school's."""
    request = DraftRequest(
        name="主体班",
        goal="主体班培训280人次;邀请校外名师、领导授课25人次;情景教学或外训批次6批次;开设课程数量220门;高质量完成干部教育培训工作。",
        budget=164,
    )
    names = [i.name for i in draft_offline(request, library).indicators]
    assert "主体班培训人次" in names and not any("学生" in name for name in names), names


@pytest.mark.parametrize(
    "doc, name, subject",
    [
        # 公用 alone says nothing: the subject keeps its 经费 (not 小学教育公用完成率)
        ("a13-sd-linyi-primary-school-cellperline", "小学教育公用经费", "小学教育公用经费"),
        # a transfer's title says where the money comes from, its bracket what it pays for
        ("b06-sc-langzhong-road-selfeval", "车辆购置税收入补助地方资金(普通省道公路建设)", "普通省道公路建设"),
        # a batch of the same money is not the subject (not 第一批中央大气污染防治完成率)
        ("d07-hb-xianning-air-monitoring-selfeval-cellperline", "2021年第一批中央大气污染防治资金", "中央大气污染防治"),
        # two works joined by 和/及 in a long name: the last, whole (not 处理及卫生监督执法)
        ("e06-hn-nanxian-cdc-public-health-pipe", "基本公共卫生服务和应急处理及卫生监督执法专项", "卫生监督执法"),
        ("b01-hb-qingshan-edu-build-form", "教育系统基础设施建设和设备购置", "设备购置"),
        # 转移支付, 财政补差 end a transfer's name like 资金 (not 对象岗位补贴财政补差)
        (
            "h07-hn-taoyuan-reemployment-aid-topup-runtogether",
            "再就业援助对象岗位补贴财政补差资金",
            "再就业援助对象岗位补贴",
        ),
        ("i04-nm-linhe-veterans-subsidy-selfeval-report-prose", "优抚对象生活补助经费转移支付", "优抚对象生活补助"),
        # two characters left say too little: the word taken off comes back (not 就业完成率)
        ("i03-nm-linhe-employment-fund-transfer-selfeval-xlsx", "就业补助资金", "就业补助"),
        # a sector's word alone names a field, not the work (教育完成率); an abbreviation stays (seed: 综治)
        (
            "l06-yn-changning-first-model-primary-school-special-fund-selfeval-report-prose",
            "教育专项工作经费",
            "教育专项",
        ),
        ("seed", "综治专项经费", "综治"),
        # a code before the dash, a dash inside brackets
        ("h19-hi-nongken-school-student-aid-selfeval-space", "46000021T000000002749-学生事务补助", "学生事务补助"),
        (
            "k10-tj-dongli-guanghui-road-covid-bond-selfeval-report-prose",
            "天津市东丽湖新建光辉路(智景东道-星宇道)工程项目",
            "东丽湖新建光辉路工程",
        ),
        # a central fund's title, its bracket what it pays for
        (
            "j11-yn-emergency-aerial-firefighting-fund-selfeval-report-prose",
            "中央自然灾害救灾资金(森林草原航空消防租机补助经费)",
            "森林草原航空消防租机",
        ),
        # a budget classification names no work
        ("j02-sd-licheng-culture-centre-free-opening-selfeval-space", "商品和服务支出", "年度工作"),
    ],
)
def test_subjects_a_clerk_would_write(doc, name, subject):
    """Dev project names (verbatim) whose subject came out clumsy: 小学教育公用完成率,
    车辆购置税收入补助地方质量达标率, 对象岗位补贴财政补差完成率, 就业完成率, 商品和服务质量达标率."""
    assert subject_of(name) == subject, doc


@pytest.mark.parametrize(
    "doc, goal, expected, absent",
    [
        # the count belongs to the measure named before it, not to what follows the figure
        (
            "h12-jx-sixia-village-road-eval-traditional-prose",
            "道路硬化≥0.565km;項目(工程)驗收合格率≥100% ;受益貧困人口滿意度≥96%;受益建檔立卡貧困人口數≥23人改善村基礎設施,促進經濟發展。",
            ("受益建檔立卡貧困人口數", "≥23人"),
            "改善村基礎設施人数",
        ),
        (
            "m06-tj-dongjiang-coastline-park-direct-fund-selfeval-report-prose",
            "建成后为占地面积约20万平方米的可供市民游玩的海滨公园一座,配套设施面积2012平方米",
            ("占地面积", "20万平方米"),
            "可供市民游玩的海滨公园一座面积",
        ),
        # who is counted, not the place that brings them
        (
            "b08-hn-nanyue-tourism-infra-form",
            "为水濂村带来观光游客不少于6万人,村集体收入达6万元。",
            ("观光游客人数", "≥6万人"),
            "水濂村带来观光游客人数",
        ),
        # the people a work reaches, with the work
        (
            "e11-sn-chencang-rural-water-transfer-template",
            "完成省级水利发展农村饮水项目投资500,改善提升9200人饮水条件。",
            ("改善提升饮水条件人数", "9200人"),
            "饮水条件人数",
        ),
        # what is counted stands before the next action (两个敬老院看望慰问…)
        (
            "a16-sc-zhaohua-leprosy-form-space",
            "每年开展“世界麻风病日”、“中国麻风节”宣传活动和春节前到两个敬老院看望慰问院内休养员、村外康复者和现症患者,实现慰问全覆盖。",
            ("敬老院数量", "2个"),
            "敬老院看望慰问院内休养员数量",
        ),
    ],
)
def test_goal_counts_are_named_by_what_is_counted(doc, goal, expected, absent):
    from assistant.draft.adapt import goal_quantities

    found = [(name, value) for name, value, _, _ in goal_quantities(goal)]
    assert expected in found and absent not in {name for name, _ in found}, (doc, found)


def test_facts_of_the_place_inputs_and_misread_figures_are_not_targets():
    """A goal's description of the village (户籍人口76户), the staff it pays for (出差8人: an
    input) and a figure read off a list of percentage points are no targets to draft."""
    from assistant.draft.adapt import goal_quantities

    village = (
        "沙湾子村是少数民族聚居村,户籍人口76户174人,常住户26户56人,其中户籍少数民族12户27人。"
        "项目新建养殖场占地约6500平米,建棚圈一栋约360平米"
    )  # 大青山乡沙湾子少数民族聚居村养殖场基础设施建设项目 (dev)
    names = [name for name, _, _, _ in goal_quantities(village)]
    assert names[:2] == ["项目新建养殖场占地面积", "建棚圈一栋面积"] and not any(
        "户籍" in n or "常住" in n for n in names
    )
    staff = [name for name, _, _, _ in goal_quantities("目标1:聘用人员1人,出差8人 目标2:聘用人员在岗率100%")]
    assert staff == ["聘用人员在岗率"]
    points = (
        "将猪、牛、羊、家禽死亡率分别控制在现的基础上下降0.5 、 0.1 、0.5 、和 0.1 个个百分点。"  # 重大动物疫病防控
    )
    assert goal_quantities(points) == []


def test_a_template_indicator_needs_its_thing_in_the_project(library):
    """项目（工程）验收合格率 and 设施持续使用率 need something built, 受益农户增收 farmers, 教学质量
    考核达标率 teaching (``needs`` in the type file). b13-hn-hengshan-grain-selfeval 县级储备粮
    ("保持和稳定地方粮食储备机制") has nothing to accept or keep in use; g08 学生伙食费 teaches
    nothing; b12's grape greenhouses (设施农业) and farmers keep theirs."""
    grain = DraftRequest(name="县级储备粮", goal="保持和稳定地方粮食储备机制", budget=194.9)
    names = [i.name for i in draft_offline(grain, library).indicators]
    assert not {"项目（工程）验收合格率", "设施持续使用率", "受益农户增收"} & set(names), names
    meals = DraftRequest(name="学生伙食费", goal="", budget=30)
    assert "教学质量考核达标率" not in [i.name for i in draft_offline(meals, library).indicators]
    from assistant.draft.adapt import _from_template

    grapes = DraftRequest(
        name="同心县下马关镇设施农业黄金蜜(葡萄)种植项目",
        goal="增加特色产业产值80万元,受益脱贫户、监测户10户,促使脱贫户、监测户增加收入80万元。",
        budget=50,
    )
    farm = load_types().by_id("agriculture")
    kept = {ind.name for ind in farm.indicators if _from_template(ind, farm, grapes, [])}
    assert {"项目（工程）验收合格率", "设施持续使用率", "受益农户增收"} <= kept


def test_a_common_wording_of_acceptance_needs_something_to_accept(library):
    """项目验收合格率 is a wording many tables share, but a grain reserve (b13), a school's 公用经费
    (f01) or an allowance has nothing a 验收 checks: it is drafted only where one of the project's
    types drafts an acceptance measure its text meets (the type file's rule, held for common wordings
    too). On dev, 31 of the 32 projects it no longer goes to wrote no 验收 indicator."""
    from assistant.draft.adapt import _measures_what_it_has, _said, project_topic

    for request in (
        DraftRequest(name="县级储备粮", goal="保持和稳定地方粮食储备机制", budget=194.9),
        DraftRequest(name="初中公用经费", goal="保障学校正常工作运行", budget=40),
        DraftRequest(name="临时救助", goal="为建档立卡扶贫户解决临时性的困难", budget=30),
    ):
        names = [i.name for i in draft_offline(request, library).indicators]
        assert not any("验收" in name for name in names), names
    road = DraftRequest(name="乡村道路建设养护项目", goal="完成乡村道路建设养护里程300公里", budget=309)
    types, _ = project_topic(road)
    assert _measures_what_it_has("项目验收合格率", types, _said(road))
    assert _measures_what_it_has("经费支出合规性", [], "")  # not a measure of acceptance: always


def test_one_deadline_is_drafted_once(library):
    """d04-hb-ezhou-office-building-runtogether: the draft carried 项目完成时限 and 任务完成时间, both
    12月底前 (10 dev drafts did): one deadline in two names, which a reviewer strikes once."""
    from assistant.draft.adapt import _said_twice
    from assistant.draft.library import Library
    from assistant.draft.models import DraftIndicator

    rest = Library([p for p in library.projects if p.source != "d04-hb-ezhou-office-building-runtogether"])
    request = DraftRequest(
        name="滨湖大胆办公大楼运行保障", goal="以办公大楼服务对象满意为目标,着力打造文明型机关、卫生Z口机关。"
    )
    deadlines = [i for i in draft_offline(request, rest).indicators if i.name.endswith(("时间", "时限", "期限"))]
    assert len(deadlines) == 1, [(i.name, i.annual_value) for i in deadlines]

    def made(name: str, value: str) -> DraftIndicator:
        return DraftIndicator(seq=1, level1_code="1", level2_code="13", name=name, annual_value=value)

    assert _said_twice(made("任务完成时间", "12月底前"), made("项目完成时限", "12月底前"))
    assert not _said_twice(made("任务完成时间", "12月底前"), made("服务期限", "2024年6月前"))


def test_a_school_named_after_children_serves_no_children():
    """a17-gd-edu-new-universities-sidebyside: 广东汕头幼儿师范高等专科学校 trains teachers; the
    draft surveys no 幼儿满意度."""
    from assistant.draft.phrasing import served

    goal = (
        "2021年,推动广东汕头幼儿师范高等专科学校(筹)、广 东梅州职业技术学院(筹)、广东潮州卫生健康职业学院(筹)正式招生。"
    )
    assert served("支持粤东粤西粤北地区新建高校", goal) is None
    assert served("幼儿园保育", "为幼儿提供午餐") == "幼儿"


def test_needs_are_read_without_phrases_that_mean_something_else():
    """d12-ah-luan-farm-product-testing-sidebyside-pipe: 建设 of 质检体系建设 builds nothing, so the
    agriculture template's 项目（工程）验收合格率 is not drafted; a01 薄弱学校改造 ("改善…办学条件")
    renovates buildings and teaches nothing: no 教学质量考核达标率."""
    from assistant.draft.adapt import _from_template

    testing = DraftRequest(
        name="发展建设类-农产品质检体系建设和“三品一标”发展项目",
        goal="通过项目实施,开展农产品质量安全监测及三品一标工作,实现农产品质量安全得到提升,检测批次达到2批次/千人,“两强一增”认证总数得到上升。",
        budget=51.35,
    )
    farm = load_types().by_id("agriculture")
    made = {ind.name for ind in farm.indicators if _from_template(ind, farm, testing, [])}
    assert "项目（工程）验收合格率" not in made and "设施持续使用率" not in made, made
    schools = DraftRequest(
        name="农村义务教育薄弱学校改造补助资金",
        goal="全面改善农村义务教育薄弱学校办学条件,扩大基础教育资源,进一步提高义务教育均衡发展水平。",
    )
    education = load_types().by_id("education")
    made = {ind.name for ind in education.indicators if _from_template(ind, education, schools, [])}
    assert "教学质量考核达标率" not in made and "学生巩固率" in made, made


def test_a_programme_reaching_people_measures_its_own_coverage():
    """Clerks put the programme's name before 覆盖率 (营养改善计划覆盖率, 农村义务教育学校改造覆盖率):
    an education or health project proposes {subject}覆盖率 at 100% as a 社会效益."""
    from assistant.draft.adapt import _from_template

    request = DraftRequest(name="义务教育营养改善计划专项资金", goal="改善农村学生营养状况")
    education = next(t for t in load_types().types if t.id == "education")
    made = [_from_template(ind, education, request, []) for ind in education.indicators if ind.code == "22"]
    assert ("义务教育营养改善计划覆盖率", "100%") in [(m[0], m[1]) for m in made if m]
