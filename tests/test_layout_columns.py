"""Text laid out with spaces (pdftotext -layout): a long cell wraps under itself, in its own
column; its end is joined to that cell, not to the row's name, and the join is flagged."""

from __future__ import annotations

from form_reading import STAMP, read_form

from assistant.extract import extract
from assistant.ingest import read_bytes

HEAD = "项目支出绩效目标表\n项目名称           某县体育设施开放项目\n年度目标           提高公共体育设施利用率\n"


def read(body: str):
    items, table = read_form(HEAD + body + STAMP)
    return items, {f.code for f in table.failures}


def test_a_value_wrapped_under_its_own_column_is_joined_to_the_value():
    items, codes = read(
        "一级指标           二级指标               三级指标             指标值\n"
        "产出指标           成本指标               成本控制             按照资金测算控制各项\n"
        "                                                               成本。\n"
        "                   时效指标               完成时限             2021年12月底完成项目\n"
        "                                                               规划相关工作。\n"
        "满意度指标         服务对象满意度指标     学生及群众的满意率   ≥95%\n"
    )
    assert items == [
        ("成本指标", "成本控制", "按照资金测算控制各项成本。"),
        ("时效指标", "完成时限", "2021年12月底完成项目规划相关工作。"),
        ("服务对象满意度指标", "学生及群众的满意率", "≥95%"),
    ]
    assert "FORM_CELLS_CONTINUED_BELOW" in codes


def test_a_new_row_under_merged_labels_is_not_a_continuation():
    # the row above's name does not fill its column, and the new row's value is a whole value
    items, _ = read(
        "一级指标           二级指标               三级指标               指标值\n"
        "产出指标           数量指标               建设占地面积           约12000平方米\n"
        "                                          建设三座服务中心等配   约120平方米\n"
        "                                          套设施面积\n"
        "                                          项目竣工验收合格率     100%\n"
    )
    assert [(name, value) for _, name, value in items] == [
        ("建设占地面积", "约12000平方米"),
        ("建设三座服务中心等配套设施面积", "约120平方米"),
        ("项目竣工验收合格率", "100%"),
    ]


def test_a_project_name_wrapped_under_itself_is_joined_and_flagged():
    text = (
        "绩效目标表\n"
        "项目名称           农村义务教育薄弱学校   主管部门               青山区教育局\n"
        "                   改造补助资金\n"
        "项目资金（万元）   年度资金总额           16\n"
        "一级指标           二级指标               三级指标               指标值\n"
        "产出指标           数量指标               学校改造覆盖率         100%\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    assert [p.name for u in table.units for p in u.projects] == ["农村义务教育薄弱学校改造补助资金"]
    assert any(f.code == "FORM_NAME_LINES_JOINED" for f in table.failures)


def test_a_key_under_the_name_ends_it():
    text = (
        "绩效目标表\n"
        "项目名称           农村义务教育薄弱学校   主管部门               青山区教育局\n"
        "项目资金（万元）   年度资金总额           16\n"
        "一级指标           二级指标               三级指标               指标值\n"
        "产出指标           数量指标               学校改造覆盖率         100%\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    assert [p.name for u in table.units for p in u.projects] == ["农村义务教育薄弱学校"]
    assert not any(f.code == "FORM_NAME_LINES_JOINED" for f in table.failures)


def test_a_count_wrapped_under_a_full_name_ends_the_name():
    # 1条 under the name column is the name's end (the name fills its column), not a new row's value
    items, codes = read(
        "一级指标           二级指标               三级指标               指标值\n"
        "产出指标           数量指标               寨山石坪村新建水泥路   2km\n"
        "                                          1条\n"
        "                                          呼家河至鲍家沟新建水   2km\n"
        "                                          泥路1条\n"
        "                   质量指标               项目(工程)验收合格率   100%\n"
    )
    assert [(name, value) for _, name, value in items] == [
        ("寨山石坪村新建水泥路1条", "2km"),
        ("呼家河至鲍家沟新建水泥路1条", "2km"),
        ("项目(工程)验收合格率", "100%"),
    ]
    assert "FORM_NAME_WRAPPED_BELOW" in codes


def test_a_project_name_centred_beside_its_key_is_read_from_the_lines_around_it():
    # a PDF centres the key cell beside its value's three lines: one above the key's line, one below
    text = (
        "绩效目标自评表\n"
        "                   车辆购置税收入补助地\n"
        "项目名称           方资金(普通省道公路    主管部门               阆中市交通运输局\n"
        "                   建设)\n"
        "项目资金（万元）   年度资金总额           4000\n"
        "一级指标           二级指标               三级指标               指标值\n"
        "产出指标           数量指标               建设普通省道二级公路   32.1公里\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    assert [p.name for u in table.units for p in u.projects] == ["车辆购置税收入补助地方资金(普通省道公路建设)"]
    assert any(f.code == "FORM_NAME_LINES_JOINED" for f in table.failures)


def test_a_bracket_left_open_by_a_wrapped_cell_does_not_hide_the_gap_before_the_value():
    items, _ = read(
        "一级指标           二级指标               三级指标               指标值\n"
        "产出指标           数量指标               设施温棚种植人员(县    ≥300人\n"
        "                                          内培训)\n"
        "                   质量指标               参训人员结业率         ≥100%\n"
    )
    assert [(name, value) for _, name, value in items] == [
        ("设施温棚种植人员(县内培训)", "≥300人"),
        ("参训人员结业率", "≥100%"),
    ]


def test_a_value_head_wrapped_under_itself_is_the_header_not_a_row():
    # 偏差原因分析及改进措 / 施: the last head wraps onto the line under the header, in its column
    items, _ = read(
        "一级指标     二级指标     三级指标           年度指标值   实际完成值   分值   偏差原因分析及改进措\n"
        "                                                                             施\n"
        "产出指标     数量指标     钢结构圈养围栏     ≥120米       121.5米      10     无\n"
        "             时效指标     项目完工时限       2023年12月   2023年10月   15     无\n"
    )
    assert [(name, value) for _, name, value in items] == [
        ("钢结构圈养围栏", "≥120米"),
        ("项目完工时限", "2023年12月"),
    ]


def test_a_first_row_under_a_value_column_is_still_read():
    # the line under the header holds a number: a row's cells, never a head's wrapped end
    items, _ = read(
        "一级指标     二级指标     三级指标           指标值       偏差原因分析及改进措\n"
        "产出指标     数量指标     培训人数           120人        无\n"
    )
    assert [(name, value) for _, name, value in items] == [("培训人数", "120人")]
