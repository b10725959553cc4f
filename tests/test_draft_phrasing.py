"""The goal's stated effects as 效益 indicators (assistant/draft/phrasing.py)."""

from assistant.draft.adapt import draft_offline
from assistant.draft.library import Library
from assistant.draft.models import DraftRequest
from assistant.draft.phrasing import EFFECT_VALUE, goal_effects
from assistant.targets import parse_target


def test_effect_clauses_keep_their_verb_and_drop_adverbs():
    goal = "加快构建公共体育服务体系,着力改善我区全民健身条件,切实增强青少年体质,有效提升全民健康水平。"
    names = [name for name, _, _ in goal_effects(goal)]
    assert names == ["加快构建公共体育服务体系", "改善我区全民健身条件", "增强青少年体质", "提升全民健康水平"]


def test_effects_are_coded_by_what_they_change():
    assert goal_effects("带动农民增收")[0][1] == "21"
    assert goal_effects("改善项目区生态环境")[0][1] == "23"
    assert goal_effects("健全公共体育服务长效机制")[0][1] == "24"
    assert goal_effects("促进学前教育普及普惠发展")[0][1] == "22"


def test_numbers_lists_and_work_descriptions_are_not_effects():
    assert goal_effects("提高覆盖率到95%") == []  # a stated figure is a goal quantity, not an effect
    assert goal_effects("维护辖区各安置小区安全巡逻、环境卫生及物业日常管理") == []  # a list of the work
    assert goal_effects("完成项目主体工程建设") == []  # no effect verb: the work itself
    assert goal_effects("提高全区城乡居民的基本公共卫生服务均等化水平和健康素养") == []  # too long for a name


def test_a_draft_carries_the_goals_last_effect_graded():
    request = DraftRequest(
        name="学校体育设施向社会免费开放", goal="提高公共体育设施利用率,有效提升全民健康水平。", budget=5
    )
    draft = draft_offline(request, Library([]))
    effect = next(i for i in draft.indicators if i.name == "提升全民健康水平")
    assert effect.level2_code == "22" and effect.annual_value == EFFECT_VALUE
    assert parse_target(effect.annual_value).kind == "qualitative"  # graded 达到/未达到, not vague
    assert "目标文本" in effect.rationale


def test_the_work_the_goal_names_becomes_its_completion_rate():
    from assistant.draft.phrasing import goal_works

    assert goal_works("资助贫困教师及学生") == [("资助贫困教师及学生完成率", "资助贫困教师及学生")]
    # lead words and a 工作 tail go; 完成…完成率 is not said twice; traditional text is read as simplified
    assert goal_works("通过项目实施,开展农产品质量安全监测工作")[0][0] == "开展农产品质量安全监测完成率"
    assert goal_works("高质量完成干部教育培训")[0][0] == "干部教育培训完成率"
    assert goal_works("農村低保金的發放")[0][0] == "農村低保金的發放完成率"


def test_figures_money_effects_and_object_lists_are_not_works():
    from assistant.draft.phrasing import goal_works

    assert goal_works("开展培训班6期") == []  # a figure: a goal quantity
    assert goal_works("主要用于两校区物业费") == []  # money spent is an input
    assert goal_works("提升全民健康水平") == []  # an effect (goal_effects)
    assert goal_works("病死猪专业无害化处理率不断提高") == []  # a rate, and vague
    assert goal_works("更新剧团老化、损坏的音响、服装等设备") == []  # one action on a list, too long a name


def test_a_draft_carries_the_goals_work_unless_it_names_the_subject():
    request = DraftRequest(name="学生资助", goal="资助贫困教师及学生,改善学生学习条件。", budget=20)
    names = [i.name for i in draft_offline(request, Library([])).indicators]
    assert "资助贫困教师及学生完成率" in names
    work = next(i for i in draft_offline(request, Library([])).indicators if i.name == "资助贫困教师及学生完成率")
    assert work.level2_code == "11" and work.annual_value == "100%" and "目标文本写明的工作" in work.rationale
    from assistant.draft.phrasing import names_subject

    assert names_subject("市民中心提供物业管理完成率", "市民中心物业管理服务")  # the actions aside, the subject
    assert not names_subject("资助贫困教师及学生完成率", "学生资助")
    request = DraftRequest(name="村组干部报酬", goal="按时发放村组干部报酬", budget=20)
    names = [i.name for i in draft_offline(request, Library([])).indicators]
    assert "按时发放村组干部报酬完成率" not in names  # the subject's own 村组干部报酬完成率 says it shorter


def test_the_people_served_are_read_as_written():
    from assistant.draft.phrasing import served

    assert served("学生资助专项", "减免在校学生学费") == "学生"
    assert served("道路工程", "受益貧困人口") == "貧困人口"  # traditional stays: the guard reads the text
    assert served("学生家长学校", "") == "学生家长"  # the longer name first
    assert served("机房租赁", "保障机房运转") is None
    assert served("市民中心物业管理服务", "提供物业管理服务") is None  # a place named after citizens


def test_a_draft_may_survey_the_people_its_goal_names():
    from assistant.draft.adapt import candidate_pool
    from assistant.draft.retrieve import Retriever

    def pool(name, goal):
        request = DraftRequest(name=name, goal=goal, budget=20)
        return [n for n, _ in candidate_pool(request, Retriever(Library([])))]

    assert "学生满意度" in pool("学生资助专项", "减免在校一、二、三年级学生学费")
    assert not any("{served}" in n or n == "满意度" for n in pool("机房租赁", "保障机房运转"))


def test_works_named_by_less_common_verbs():
    from assistant.draft.phrasing import goal_works

    assert goal_works("送戏进万村")[0][0] == "送戏进万村完成率"
    assert goal_works("添置新剧目所必需的演出设备")[0][0] == "添置新剧目演出设备完成率"  # 所必需的: a filler


def test_works_read_as_names_a_clerk_would_write():
    """Dev goals (quoted) whose work came out clumsy: fillers (一些, 所必需的), a trailing 等, a
    leading 我县, a measure word left where the figure was lost (完成道路建设座), a work with no
    object (按时足额发放) and an aim that is no work done by year end (建设法治政府)."""
    from assistant.draft.phrasing import goal_works

    # a09-hb-xinzhou-opera-selfeval-template
    assert goal_works("更新剧团老化、损坏的音响、灯光、道具、服装等设备, 并添置一些新剧目所必需的演出设备。")[0][0] == (
        "添置新剧目演出设备完成率"
    )
    # 安全隐患维修 (dev)
    assert goal_works("1.维修审判大楼玻璃幕墙等,消除外延脱落安全隐患。")[0][0] == "维修审判大楼玻璃幕墙完成率"
    # 19名百岁老人高龄津贴 (dev)
    assert goal_works("为我县百岁高龄老年人发放补贴,使老年人得到更好的照顾。")[0][0] == "百岁高龄老年人发放补贴完成率"
    # k10-tj-dongli-guanghui-road-covid-bond-selfeval-report-prose: 道路建设 alone is too short a name
    assert not any(
        "座" in n for n, _ in goal_works("1.保质保量完成道路建设座;2.符合工程施工质量验收相关要求,按时投入使用;")
    )
    # 潼南区五桂镇汇总项目库 (dev)
    assert goal_works("按时足额发放,保障权益") == []
    # 2021年度政法纪检监察转移支付资金 (dev)
    assert goal_works("一是通过开展法制宣传活动提高全民法治素养,建设法治政府;") == []
