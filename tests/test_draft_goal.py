"""Drafting from the project's own text: the targets its goal states, and a unit cost only where
the budget buys what the goal counts. Real dev projects (doc id in each test, goals verbatim)."""

from __future__ import annotations

import re

import pytest
import zhconv

from assistant.draft.adapt import draft_offline, goal_quantities
from assistant.draft.evaluation import off_topic
from assistant.draft.library import Library, load_library
from assistant.draft.models import DraftRequest
from assistant.draft.phrasing import goal_effects, goal_manners, goal_periods
from assistant.textnorm import simplified


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def library():
    return load_library(include_user=False)


def _costs(library, doc, name, goal, budget):
    rest = Library([p for p in library.projects if p.source != doc])
    return [
        i
        for i in draft_offline(DraftRequest(name=name, goal=goal, budget=budget), rest).indicators
        if i.level2_code == "14"
    ]


MUSHROOM = (
    "b09-yn-nanhua-mushroom-selfeval",
    "南华县乡村振兴示范园罗家屯社区野生菌加工车间建设项目(续建)",
    "目标1:1290.3平方米冷库仓储建设及配套生产设备、配套电力设施购置安装,冷库仓储3100元每平方米,投资400万元;"
    "目标2:配套烘干杀菌设备及包装设备购置及安装550万元;目标3:配套电力设施1250KVA变压器3台,完成高压线接入及土建安装投资150万元。",
    1100,
)
SHELTER = (
    "g15-yn-linxiang-wildlife-shelter-selfeval-pipe",
    "2023年马鹿坑国有林场新建野生动物收容所建设项目",
    "支持欠发达国有林场基础设施建设,补齐必要的配套基础设施建设短板,有效保护管理好马鹿坑国有林场的野生动物资源,"
    "及时有效救助各类受到伤害的野生动物,新建马鹿坑国有林场临时野生动物收容所1间200平方米,钢结构圈养围栏120米,"
    "能同时收容近百头(只)野生动物。",
    32.4,
)


@pytest.mark.parametrize(("doc", "name", "goal", "budget"), [MUSHROOM, SHELTER])
def test_no_unit_cost_over_a_part_of_what_the_budget_buys(library, doc, name, goal, budget):
    """The cold store's 1290.3平方米 beside 3 transformers and 550万元 of equipment, the fence's
    120米 beside the shelter's 200平方米: budget ÷ one of them is no unit cost anyone pays. The draft
    controls the total instead, and says why."""
    costs = _costs(library, doc, name, goal, budget)
    assert not any("/" in i.annual_value for i in costs), [(i.name, i.annual_value) for i in costs]
    total = next(i for i in costs if i.name == "项目总成本")
    assert total.annual_value == f"≤{budget:g}万元" and "不以预算除以" in total.rationale, total.rationale


@pytest.mark.parametrize(
    ("doc", "name", "goal", "budget", "value"),
    [
        (  # the counted thing is the subject itself (道路 of 通組道路工程)
            "h12-jx-sixia-village-road-eval-traditional-prose",
            "2019年度高其坑通組道路工程",
            "道路硬化≥0.565km;項目(工程)驗收合格率≥100% ;受益貧困人口滿意度≥96%;受益建檔立卡貧困人口數≥23人改善村基礎設施,促進經濟發展。",
            19,
            "≤33.63万元/公里",
        ),
        (  # beside a count of the subject (全民健身中心1个) the floor area is still what the money builds
            "d09-sc-chaotian-fitness-centre-selfeval-pipe",
            "广元市朝天区全民健身中心项目",
            "新建全民健身中心1个,总建筑面积6500平方米,配套室外健身场地、能够满足球类、武术,体操、器械健身、游泳等多项体育健身活动;"
            "配套场馆管理用房、卫生间、医务室及相关设施设备。",
            2000,
            "≤3077元/平方米",
        ),
    ],
)
def test_a_unit_cost_over_what_the_budget_buys(library, doc, name, goal, budget, value):
    costs = _costs(library, doc, name, goal, budget)
    assert value in [i.annual_value for i in costs], [(i.name, i.annual_value) for i in costs]


def test_the_goals_stated_rates_are_read_past_a_colon_and_in_traditional_characters():
    """l01-hi-school-student-aid-fund-eval-report-mirror-prose writes 社会满意度达:98%; a
    satisfaction is a 满意度 indicator (31) in traditional characters too (h12: 受益貧困人口滿意度)."""
    found = goal_quantities("减免在校一、二、三年级学生学费;发放率100%,减免率100%,社会满意度达:98%,学生满意度达:90%。")
    assert [(n, v, c) for n, v, c, _ in found][2:] == [("社会满意度", "≥98%", "31"), ("学生满意度", "≥90%", "31")]
    found = goal_quantities("受益貧困人口滿意度≥96%;受益建檔立卡貧困人口數≥23人改善村基礎設施")
    assert [(n, c) for n, _, c, _ in found] == [("受益貧困人口滿意度", "31"), ("受益建檔立卡貧困人口數", "22")]
    assert goal_quantities("目标1:完成率：95%")[0][:2] == ("完成率", "95%")  # a numbering's colon stays one


def test_a_measure_after_one_counted_thing_is_that_things():
    """g15-yn-linxiang-wildlife-shelter-selfeval-pipe: 收容所1间200平方米 is the shelter's floor area."""
    found = goal_quantities("新建马鹿坑国有林场临时野生动物收容所1间200平方米,钢结构圈养围栏120米")
    assert [(n, v) for n, v, _, _ in found] == [
        ("临时野生动物收容所面积", "200平方米"),
        ("钢结构圈养围栏长度", "120米"),
    ]


def test_how_the_goal_promises_to_pay_becomes_the_rates_that_check_it():
    """a12-tj-ninghe-edu-kindergarten-pipe: 保证补贴资金及时、足额、合规发放 → one rate per promise
    (timing 13, amount and compliance 12), in the goal's words; b17: 按时发放村组干部报酬."""
    found = goal_manners("2.按照《通知》要求,保证补贴资金及时、足额、合规发放。")
    assert [(n, v, c) for n, v, c, _ in found] == [
        ("补贴发放及时率", "100%", "13"),
        ("补贴足额发放率", "100%", "12"),
        ("补贴发放合规率", "100%", "12"),
    ]
    assert [n for n, *_ in goal_manners("按时发放村组干部报酬")] == ["村组干部报酬按时发放率"]
    assert [n for n, *_ in goal_manners("按时发放")] == ["资金按时发放率"]  # nothing named: the money
    assert goal_manners("及时处理预警信息") == []  # no payment promised


def test_the_goals_payment_timing_is_drafted(library):
    """a12: the draft carries 补贴发放及时率 as the goal words it, not only the template's own."""
    rest = Library([p for p in library.projects if p.source != "a12-tj-ninghe-edu-kindergarten-pipe"])
    goal = "1.给予宁河区非营利性民办园房租补贴,满足非营利性民办园租房需求。 2.保证补贴资金及时、足额、合规发放。"
    draft = draft_offline(DraftRequest(name="2020年非营利性民办园房租补贴", goal=goal, budget=193.8), rest)
    timing = next(i for i in draft.indicators if i.name == "补贴发放及时率")
    assert timing.level2_code == "13" and timing.annual_value == "100%" and "目标文本" in timing.rationale


def test_the_time_the_goal_sets_is_the_drafts_time_limit():
    """c05-xiangtan-environment-cellperline: 服务周期2023.07-2024.01 is its own 时效 indicator;
    d11-nm-wuhai-recycling-market-space: 2021年12月31日前完成 is the deadline, not 12月底前."""
    assert goal_periods("通过采购雾炮车降尘抑尘服务,服务周期2023.07-2024.01,全市空气质量达到优良") == [
        ("服务周期", "2023年7月至2024年1月", "13", "服务周期2023.07-2024.01")
    ]
    assert [v for _, v, _, _ in goal_periods("目标3:2021年12月31日前完成")] == ["2021年12月31日前"]
    assert [v for _, v, _, _ in goal_periods("确保2022年6月底前完工")] == ["2022年6月底前"]
    assert goal_periods("2024年完成200户危房改造") == []  # a year the work is done in sets no deadline


def test_the_goals_deadline_replaces_the_templates(library):
    rest = Library([p for p in library.projects if p.source != "d11-nm-wuhai-recycling-market-space"])
    goal = "目标1:聘用人员1人,出差8人 目标2:聘用人员在岗率100% 目标3:2021年12月31日前完成 目标4:年度预算总金额3万元"
    draft = draft_offline(DraftRequest(name="再生资源回收市场管理经费", goal=goal, budget=3), rest)
    limits = [i for i in draft.indicators if i.name == "项目完成时限"]
    assert [i.annual_value for i in limits] == ["2021年12月31日前"] and limits[0].target.kind == "quantitative"


def test_a_count_of_places_reached_is_a_coverage():
    """The brief's 覆盖全县12个乡镇: the places the work reaches (覆盖乡镇数), not 乡镇数量."""
    assert goal_quantities("覆盖全县12个乡镇")[0][:2] == ("覆盖乡镇数", "12个")
    assert goal_quantities("新建12个乡镇服务站")[0][0] == "乡镇服务站数量"  # built, not reached


#: dev goals quoted verbatim (n07-sc-lushan-soil-water-conservation…, l01-hi-school-student-aid…,
#: d16-hb-guangshui-rural-roads…), rewritten into the layouts real goals come in
LAYOUT_GOALS = (
    "治理水土流失面积1429.39hm,其中坡改梯25.26hm,封育治理958.81hm,保土耕作412.83hm,经果林32.49hm。",
    "减免在校一、二、三年级学生学费;发放率100%,减免率100%,社会满意度达:98%,学生满意度达:90%。",
    "1.完成乡村道路建设养护里程 300 公里;",
)
_FULL = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789.%:;,"})
LAYOUTS = {
    "traditional": lambda g: zhconv.convert(g, "zh-hant"),
    "full-width": lambda g: g.translate(_FULL),
    "space-separated": lambda g: re.sub(r"[，,；;]\s*", " ", g),
    "numbered (1)(2)": lambda g: "".join(f"({n}){c}；" for n, c in enumerate(re.split(r"[,;。]", g), 1) if c),
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("goal", LAYOUT_GOALS)
def test_the_goals_targets_do_not_depend_on_its_layout(goal, layout):
    """The same goal read from any layout gives the same targets (names compared simplified: a
    traditional goal's names stay in its own script, 受益貧困人口數, so the guard finds them)."""
    expected = [(n, v, c) for n, v, c, _ in goal_quantities(goal)]
    found = [(simplified(n), v, c) for n, v, c, _ in goal_quantities(LAYOUTS[layout](goal))]
    assert expected and found == expected


def test_a_traditional_goals_effects_and_names_keep_its_script():
    goal = zhconv.convert(
        "1.给予民办园房租补贴。2.保证补贴资金及时、足额、合规发放。3.促进学前教育普及普惠安全优质发展。", "zh-hant"
    )
    assert [n for n, *_ in goal_manners(goal)][0] == "補貼發放及時率"
    assert [n for n, _, _ in goal_effects(goal)] == ["促進學前教育普及普惠安全優質發展"]


def test_the_guard_reads_traditional_and_simplified_as_one_text(library):
    """A traditional goal under a simplified name (a form filled in both scripts): the goal's own
    targets, in the goal's script, are on the project's topic (c10-wuchuan-ethnic-farm-pipe)."""
    goal = zhconv.convert("项目新建养殖场占地约6500平米,建棚圈一栋约360平米,饲料库120平米,建围墙约300米。", "zh-hant")
    request = DraftRequest(name="大青山乡沙湾子少数民族聚居村养殖场基础设施建设项目", goal=goal, budget=50)
    rest = Library([p for p in library.projects if p.source != "c10-wuchuan-ethnic-farm-pipe"])
    names = [i.name for i in draft_offline(request, rest).indicators]
    assert "飼料庫面積" in names and off_topic(request, names) == [], names


def test_no_unit_cost_over_one_of_several_things_bought(library):
    """The README's 办公设备购置: 40万元 buys 50 computers and 10 printers; 8000元/台 over the
    computers alone is no price anyone pays, so the cost is the budget, with the reason."""
    request = DraftRequest(name="办公设备购置", goal="购置办公电脑50台、打印机10台，保障机关日常办公", budget=40)
    costs = [i for i in draft_offline(request, library).indicators if i.level2_code == "14"]
    assert [(i.name, i.annual_value) for i in costs] == [("项目总成本", "≤40万元")]
    assert "购置办公电脑数量" in costs[0].rationale and "一部分" in costs[0].rationale
