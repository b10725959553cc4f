"""申请资金总额 (a 申报表's amount applied for) is a key of its own: written on the line after the
goal, one cell per line, it must not be read as the goal's last word (dev o12, verbatim lines)."""

from assistant.extract import extract
from assistant.ingest import read_bytes

O12 = """项目名称:
浙江.甘孜双向推介交流宣传
项目单位:
甘孜州商务和经济合作局
项目绩效目标:
推动甘孜州20xx年重大投资促进活动、小分队招商、项目跟踪服务、市场拓展和商贸促进、基层队伍培训等工作,扩大甘孜州对外开放成效,加强招商引资工作,拓展特色农产品销售渠道,最终促进全州农牧民群众脱贫奔康。
申请资金总额:
浙江省20xx年对口支援甘孜双向推介交流宣传项目经费480万元,资金来源:浙江省对口支援甘孜州目投资计划。
"""


def test_the_goal_ends_before_the_key_of_the_amount_applied_for():
    table = extract(read_bytes(O12.encode("utf-8"), "o12.txt"))
    [project] = table.projects()
    assert project.name == "浙江.甘孜双向推介交流宣传"
    assert project.goal is not None and project.goal.endswith("最终促进全州农牧民群众脱贫奔康。")
