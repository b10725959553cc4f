"""A 自评表's 未完成原因和改进措施 column holds sentences, its cell often over several lines: read
one cell per line, that text must not become an indicator of its own (d07). Said, not dropped
silently."""

from __future__ import annotations

from assistant.extract import extract
from assistant.ingest import read_bytes

#: d07 (咸宁市生态环境局, 转移支付区域(项目)绩效目标自评表 2021), verbatim from 转移支付(项目)名称
#: to its end, one cell per line (the blank lines between cells left out)
D07 = [
    "转移支付区域(项目)绩效目标自评表 (2021)",
    "转移支付(项目)名称",
    "2021年第一批中央大气污染防治资金",
    "负责人及电话",
    "潘志明13329984226",
    "地方主管部门",
    "咸宁市生态环境局",
    "实施单位",
    "大气环境科",
    "项目资金(万元)",
    "全年预算数(A)",
    "全年执行数(B)",
    "执行率(B/A)",
    "年度资金总额:",
    "2380.91",
    "0",
    "0",
    "其中:中央资金",
    "871",
    "0",
    "0",
    "省级资金",
    "0",
    "0",
    "0",
    "地方资金",
    "1509.91",
    "0",
    "0",
    "其他资金",
    "0",
    "0",
    "0",
    "年度总体目标",
    "年初设定目标",
    "全年实际完成情况",
    "采用技术领先的监测设备及监控平台,进行高密度网格化监控布点,全面监控市城区及周边乡镇污染排放状况,掌握实时环境质量,实现对突发污染事件的及时预警和精准溯源,建立完备的预警处置机制,形成精细化的监管,从根本上提升城市环境监管能力、提高环境执法水平,为城市环境空气质量监测提档升级和便民、惠民工作提供助力。",
    "正在进行招标意向公示,预计三月中旬开展公开招标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "全年完成值",
    "未完成原因和改进措施",
    "产出指标",
    "数量指标",
    "建设环境空气质量自动监测子站",
    "11个",
    "建设环境空气质量自动监测子站",
    "0",
    "在准备开始建设时,发现原计划建设内容不适合现状。经咨询生态环境部和省生态环境厅,可以结合工作实际对项目建设内容进行适当调整。2021年8月起,我们根据生态环境部及省生态环境厅相关规定,按程序申报调整建设内容,并于11月10日经生态环境部审核同意。12月底取得项目初步设计审批文件",
    "改进措施:",
]


def _read(lines: list[str]):
    return extract(read_bytes("\n".join(lines).encode("utf-8"), "d07.txt"), "rules")


def test_the_reason_a_target_was_missed_is_not_an_indicator():
    table = _read(D07)
    [project] = table.projects()
    assert [(i.name, i.annual_value) for i in project.indicators] == [("建设环境空气质量自动监测子站", "11个")]
    said = [f for f in table.failures if f.code == "FORM_REASON_CELL_NOT_INDICATOR"]
    assert said and "未完成原因和改进措施" in said[0].message


def test_a_reason_in_its_own_cell_leaves_the_rows_alone():
    """Rows whose reason sits in its own cell (a ``|`` row): every indicator is read, nothing said."""
    lines = [
        "项目支出绩效自评表",
        "项目名称 | 大气污染防治",
        "年度资金总额 | 2380.91",
        "年度目标 | 建设空气质量自动监测子站",
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 全年完成值 | 未完成原因和改进措施",
        "产出指标 | 数量指标 | 建设环境空气质量自动监测子站 | 11个 | 0 | 建设内容调整。已经生态环境部审核同意",
        "产出指标 | 质量指标 | 监测数据有效率 | ≥90% | 95% | ",
    ]
    table = _read(lines)
    names = [i.name for i in table.projects()[0].indicators]
    assert names == ["建设环境空气质量自动监测子站", "监测数据有效率"]
    assert not [f for f in table.failures if f.code == "FORM_REASON_CELL_NOT_INDICATOR"]
