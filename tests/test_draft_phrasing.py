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
