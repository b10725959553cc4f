"""The indicator linter: each rule on small projects, the seed's counts, and the CLI."""

from __future__ import annotations

import json
from collections import Counter

from conftest import SEED, SEED_GOLD

from assistant.checks import lint_project, lint_stats, lint_table, rules_of
from assistant.cli import main
from assistant.schema import BudgetTable, Indicator, Project, Unit


def _ind(seq, l1, l2, name, period="≥95%", annual=None):
    names1 = {"1": "产出指标", "2": "效益指标", "3": "满意度指标"}
    names2 = {"11": "数量指标", "12": "质量指标", "13": "时效指标", "22": "社会效益", "31": "服务对象满意度"}
    return Indicator(
        seq=seq,
        level1_code=l1,
        level1_name=names1.get(l1),
        level2_code=l2,
        level2_name=names2.get(l2),
        name=name,
        period_value=period,
        annual_value=period if annual is None else annual,
    )


def _good_items():
    return [
        _ind(1, "1", "11", "开展宣讲活动场次", "≥12场"),
        _ind(2, "1", "13", "按期完成率", "≥95%"),
        _ind(3, "2", "22", "群众诉求处置率", "≥95%"),
        _ind(4, "3", "31", "服务对象满意度", "≥90%"),
    ]


def _codes(project):
    return Counter(f.code for f in lint_project(project))


def _project(items):
    return Project(name="测试项目", goal="目标", indicators=items)


def test_a_good_project_has_no_findings():
    assert lint_project(_project(_good_items())) == []


def test_vague_value():
    items = _good_items()
    items[2] = _ind(3, "2", "22", "群众诉求处置率", "逐步提高")
    findings = [f for f in lint_project(_project(items)) if f.code == "VALUE_VAGUE"]
    assert [(f.seq, f.field) for f in findings] == [(3, "period_value"), (3, "annual_value")]
    assert "逐步提高" in findings[0].message and findings[0].suggestion


def test_unmeasurable_value_and_formula():
    items = _good_items()
    items[1] = _ind(2, "1", "13", "办结率", "≥95%", "网格事件办结率=办结数/上报数")
    items[0] = _ind(1, "1", "11", "运营情况", "运营服务站提供法律咨询")
    findings = [f for f in lint_project(_project(items)) if f.code == "VALUE_UNMEASURABLE"]
    assert [(f.seq, f.field) for f in findings] == [(1, "period_value"), (1, "annual_value"), (2, "annual_value")]
    assert "formula" in findings[2].message


def test_qualitative_value_is_info_only():
    items = _good_items()
    items[1] = _ind(2, "1", "12", "验收结果", "达到")
    findings = lint_project(_project(items))
    assert {(f.code, f.severity) for f in findings} == {("VALUE_QUALITATIVE", "info")}


def test_missing_value():
    items = _good_items()
    items[0] = _ind(1, "1", "11", "开展宣讲活动场次", "≥12场", "")
    assert _codes(_project(items)) == {"VALUE_MISSING": 1}


def test_code_pair_unknown_and_missing():
    items = _good_items()
    items[0] = _ind(1, "1", "22", "开展宣讲活动场次", "≥12场")
    items[1] = _ind(2, "1", "19", "按期完成率", "≥95%")
    items[2] = _ind(3, None, "22", "群众诉求处置率", "≥95%")
    codes = _codes(_project(items))
    assert codes["CODE_PAIR_MISMATCH"] == 1 and codes["CODE_UNKNOWN"] == 1 and codes["CODE_MISSING"] == 1
    pair = next(f for f in lint_project(_project(items)) if f.code == "CODE_PAIR_MISMATCH")
    assert "2-效益指标" in pair.message


def test_category_missing_names_each_missing_category():
    items = _good_items()[:2]  # outputs only
    findings = [f for f in lint_project(_project(items)) if f.code == "CATEGORY_MISSING"]
    assert len(findings) == 2
    assert "效益" in findings[0].message and "满意度" in findings[1].message


def test_satisfaction_below_floor():
    items = _good_items()
    items[3] = _ind(4, "3", "31", "服务对象满意度", "80%", "≥85%")
    findings = [f for f in lint_project(_project(items)) if f.code == "SATISFACTION_LOW"]
    assert [f.field for f in findings] == ["period_value"]
    # a score in 分 (安全感得分 85分以上) is not a percentage and is not checked
    items[3] = _ind(4, "3", "31", "安全感得分", "85分以上")
    assert "SATISFACTION_LOW" not in _codes(_project(items))


def test_annual_stricter_than_period():
    items = _good_items()
    items[0] = _ind(1, "1", "11", "开展宣讲活动场次", "≥12场", "≥20场")
    items[1] = _ind(2, "1", "13", "办理时限", "≤30天", "≤10天")
    items[2] = _ind(3, "2", "22", "群众诉求处置率", "≥95%", "≥90%")  # annual looser: fine
    findings = [f for f in lint_project(_project(items)) if f.code == "PERIOD_ANNUAL_CONFLICT"]
    assert [f.seq for f in findings] == [1, 2]
    # 1场/月 over the period and 12场 a year agree
    items = _good_items()
    items[0] = _ind(1, "1", "11", "宣讲场次", "每月1场", "12场")
    assert "PERIOD_ANNUAL_CONFLICT" not in _codes(_project(items))


def test_period_and_annual_in_different_units():
    items = _good_items()
    items[0] = _ind(1, "1", "11", "舆情监测", "13篇", "100%")
    assert _codes(_project(items)) == {"PERIOD_ANNUAL_UNITS": 1}


def test_duplicate_indicator():
    items = _good_items() + [_ind(5, "1", "11", "开展宣讲活动场次 ", "≥12场")]
    findings = [f for f in lint_project(_project(items)) if f.code == "INDICATOR_DUPLICATE"]
    assert [f.seq for f in findings] == [5]


def test_classified_projects_are_skipped():
    assert lint_project(Project(name="涉密项目", classified=True)) == []


def test_every_code_is_documented():
    doc = (SEED.parents[2] / "assistant" / "resources" / "lint_rules.md").read_text(encoding="utf-8")
    for code in rules_of("lint"):
        assert f"`{code}`" in doc


# ---- the seed: counts checked against lists written out by hand from the gold record ----

#: annual values that are NOT comparison + number + unit, read by hand (project -> item numbers)
SEED_ANNUAL_NOT_QUANTIFIED = {
    "区法学会经费": [1],
    "扫黑除恶专项斗争经费": [1],
    "高风险严重精神障碍患者送治疗补贴": [1, 2],
    "法治监督工作经费": [1, 2],
    "黄浦区社会治理工作队经费": [1],
    "黄浦区社会治理综合服务中心办公经费": [3, 4, 5],
    "基层社会治理和网格化创新工作经费": [4, 5, 6],
    "综合业务费": [1, 2, 3, 4],
    "基层社会治理综合网格服务管理网络通信服务项目": [1],
    "政法干部医疗费自负部分经费": [2],
    "政法四级网链路租赁经费": [1, 2],
    "区城市更新护航保障经费": [1, 2, 3],
    "广州市黄埔区网格化系统升级改造采购项目": [1, 2],
    "广州市黄埔区来穗人员动态纳管数据分析系统": [1, 2, 3, 4],
    "综治专项经费": [3, 4, 5, 6, 7],
    "黄埔区村居综治中心综治视联网系统项目": [2],
    "综合网格管理绩效奖励专项资金": [2],
    "综合网格工作经费": [1, 6, 7],
}
#: annual values that are a vague phrase with no number (按实际报送, 良好, 全覆盖, 稳定, 逐步提高, 及时, 匹配)
SEED_ANNUAL_VAGUE = {
    "高风险严重精神障碍患者送治疗补贴": [1, 2],
    "政法干部医疗费自负部分经费": [2],
    "政法四级网链路租赁经费": [1],
    "区城市更新护航保障经费": [3],
    "综治专项经费": [3, 5, 6, 7],
    "黄埔区村居综治中心综治视联网系统项目": [2],
    "综合网格工作经费": [1, 6, 7],
}


def _seed_json():
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def _seed_projects_json():
    return [p for u in _seed_json()["units"] for p in u["projects"] if not p["classified"]]


def test_seed_findings_match_the_hand_lists(gold_table):
    findings = lint_table(gold_table)
    annual = {
        (f.project, f.seq)
        for f in findings
        if f.field == "annual_value" and f.code in ("VALUE_VAGUE", "VALUE_UNMEASURABLE", "VALUE_QUALITATIVE")
    }
    expected = {(name, seq) for name, seqs in SEED_ANNUAL_NOT_QUANTIFIED.items() for seq in seqs}
    assert annual == expected
    vague = {(f.project, f.seq) for f in findings if f.field == "annual_value" and f.code == "VALUE_VAGUE"}
    assert vague == {(name, seq) for name, seqs in SEED_ANNUAL_VAGUE.items() for seq in seqs}


def test_seed_code_pairs_and_coverage(gold_table):
    projects = _seed_projects_json()
    bad_pairs = {
        (p["name"], i["seq"]) for p in projects for i in p["indicators"] if i["level2_code"][0] != i["level1_code"]
    }
    covering = [p["name"] for p in projects if {i["level1_code"] for i in p["indicators"]} >= {"1", "2", "3"}]
    findings = lint_table(gold_table)
    assert {(f.project, f.seq) for f in findings if f.code == "CODE_PAIR_MISMATCH"} == bad_pairs
    assert len(bad_pairs) == 6
    missing = {f.project for f in findings if f.code == "CATEGORY_MISSING"}
    assert len(projects) == 23 and len(covering) == 3
    assert missing == {p["name"] for p in projects} - set(covering)
    # the project that lists 网格事件办结率, 上报网格事件质量 and 网格事件流转时限 twice each
    duplicates = [(f.project, f.indicator) for f in findings if f.code == "INDICATOR_DUPLICATE"]
    assert sorted(d[1] for d in duplicates) == ["上报网格事件质量", "网格事件办结率", "网格事件流转时限"]


def test_seed_stats(gold_table):
    stats = lint_stats(gold_table.projects())
    not_quantified = sum(len(v) for v in SEED_ANNUAL_NOT_QUANTIFIED.values())
    assert stats["indicators"] == 94
    assert stats["quantified"] == 94 - not_quantified == 54  # "about half"
    assert stats["vague_values"] == sum(len(v) for v in SEED_ANNUAL_VAGUE.values()) == 13  # "a dozen"
    assert stats["valid_pairs"] == 88
    assert (stats["full_coverage"], stats["projects"], stats["with_satisfaction"]) == (3, 23, 9)


def test_lint_cli_strict_and_json(capsys):
    assert main(["--lang", "en", "lint", str(SEED)]) == 0
    out = capsys.readouterr()
    assert "CODE_PAIR_MISMATCH" in out.out and "fix:" in out.out and "3/23" in out.err


def test_lint_cli_speaks_chinese_by_default(capsys, monkeypatch):
    for name in ("ASSISTANT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert main(["lint", str(SEED)]) == 0
    out = capsys.readouterr()
    assert "应属于" in out.out and "修改建议" in out.out and "覆盖产出+效益+满意度的项目 3/23" in out.err
    assert main(["lint", str(SEED_GOLD), "--strict", "--json"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[-1]["summary"]["quantified"] == 54
    assert {"code", "severity", "project", "seq", "indicator", "field", "suggestion"} <= set(lines[0])


def test_lint_cli_clean_table_passes_strict(tmp_path):
    table = BudgetTable(units=[Unit(name="单位", projects=[_project(_good_items())])])
    path = tmp_path / "good.json"
    path.write_text(table.model_dump_json(), encoding="utf-8")
    assert main(["lint", str(path), "--strict"]) == 0


def test_lint_cli_bad_input_exits_2(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    assert main(["lint", str(path)]) == 2


def test_lint_cli_prints_every_parsed_target(capsys):
    assert main(["lint", str(SEED_GOLD), "--targets", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    targets = [line["target"] for line in lines if "target" in line]
    assert len(targets) == 2 * 94  # a period and an annual value per indicator
    row = next(t for t in targets if t["indicator"] == "开展黄埔区“平安宣讲”活动" and t["field"] == "annual_value")
    assert (row["comparison"], row["value"], row["unit"]) == ("=", 12.0, "场")  # from 1场/月*12=12场
