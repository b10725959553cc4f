"""Each validation rule, on the seed and on hand-made tables with one known defect."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from assistant.checks import rules_of, validate_table
from assistant.schema import Amounts, BudgetTable, Indicator, Project, Unit


def codes(table):
    return Counter(w.code for w in validate_table(table))


def indicator(seq, l1="1", l2="11", **kw):
    names = {"1": "产出指标", "2": "效益指标", "3": "满意度指标"}
    base = dict(
        seq=seq,
        level1_code=l1,
        level1_name=names.get(l1, "?"),
        level2_code=l2,
        level2_name="数量指标",
        name=f"指标{seq}",
        period_value="100%",
        annual_value="100%",
    )
    base.update(kw)
    return Indicator(**base)


def table_of(*projects, unit_total=None, table_total=None):
    total = sum((p.amounts.total or 0 for p in projects), Decimal(0))
    unit = Unit(
        name="单位", amounts=Amounts(total=unit_total if unit_total is not None else total), projects=list(projects)
    )
    return BudgetTable(amounts=Amounts(total=table_total if table_total is not None else total), units=[unit])


def project(name="项目", total="10", fiscal="10", indicators=None, **kw):
    return Project(
        name=name,
        amounts=Amounts(total=total, fiscal=fiscal),
        goal=kw.pop("goal", "目标"),
        indicators=indicators if indicators is not None else [indicator(1)],
        **kw,
    )


def test_every_code_is_documented():
    assert all(code.isupper() and rule.zh and rule.en for code, rule in rules_of("validate").items())


def test_the_seed_has_exactly_its_six_mismatched_code_pairs(gold_table):
    warnings = validate_table(gold_table)
    assert Counter(w.code for w in warnings) == {"CODE_PAIR_MISMATCH": 6}
    flagged = {(w.project, w.seq) for w in warnings}
    assert flagged == {
        ("黄浦区社会治理工作队经费", 1),
        ("黄浦区社会治理工作队经费", 2),
        ("综治专项经费", 3),
        ("综治专项经费", 5),
        ("综治专项经费", 6),
        ("综治专项经费", 7),
    }
    first = next(w for w in warnings if w.seq == 1)
    assert "22-社会效益" in first.message and "2-效益指标" in first.message and first.field == "level2_code"


def test_clean_table_has_no_warnings():
    assert codes(table_of(project())) == {}


def test_row_total_not_the_sum_of_its_parts():
    p = project(total="10", fiscal="9")
    found = [w for w in validate_table(table_of(p)) if w.code == "AMOUNT_ROW_SUM"]
    assert len(found) == 1 and found[0].project == "项目" and "10.00" in found[0].message


def test_unit_and_table_totals():
    table = table_of(project(name="a"), project(name="b"), unit_total=Decimal("25"), table_total=Decimal("30"))
    assert codes(table)["AMOUNT_UNIT_SUM"] == 1
    assert codes(table)["AMOUNT_TABLE_SUM"] == 1


def test_missing_values_codes_names():
    ind = indicator(1, period_value=None, annual_value=None, name=None, level2_code=None)
    found = codes(table_of(project(indicators=[ind])))
    assert found["VALUE_MISSING"] == 2 and found["NAME_MISSING"] == 1 and found["CODE_MISSING"] == 1


def test_unknown_codes_and_names_that_do_not_fit_the_code():
    found = codes(table_of(project(indicators=[indicator(1, l1="4", l2="15"), indicator(2, level1_name="效益指标")])))
    assert found["CODE_UNKNOWN"] == 2 and found["CODE_NAME_MISMATCH"] == 1


def test_repeated_and_missing_item_numbers():
    found = validate_table(table_of(project(indicators=[indicator(1), indicator(1), indicator(3)])))
    by_code = Counter(w.code for w in found)
    assert by_code["SEQ_DUPLICATE"] == 1 and by_code["SEQ_GAP"] == 1
    gap = next(w for w in found if w.code == "SEQ_GAP")
    assert "[2]" in gap.message


def test_duplicate_projects_but_not_repeated_classified_rows():
    classified = [Project(name="涉密项目", classified=True, amounts=Amounts(total="5", fiscal="5")) for _ in range(2)]
    found = codes(table_of(project(name="a"), project(name="a"), *classified))
    assert found["PROJECT_DUPLICATE"] == 1


def test_empty_goal_and_indicators_in_a_non_classified_project():
    found = codes(table_of(project(goal=None, indicators=[])))
    assert found["GOAL_MISSING"] == 1 and found["INDICATORS_MISSING"] == 1


def test_low_confidence_values_are_flagged():
    from assistant.schema import Span

    ind = indicator(1)
    ind.spans["annual_value"] = Span(start=0, end=3, confidence=0.42)
    warnings = [w for w in validate_table(table_of(project(indicators=[ind]))) if w.code == "LOW_CONFIDENCE"]
    assert len(warnings) == 1 and warnings[0].field == "annual_value" and "0.42" in warnings[0].message


def test_a_value_column_absent_from_the_whole_project_is_one_warning():
    items = [indicator(n, period_value=None) for n in (1, 2, 3)]
    warnings = [w for w in validate_table(table_of(project(indicators=items))) if w.code == "VALUE_MISSING"]
    assert len(warnings) == 1 and warnings[0].seq is None and warnings[0].field == "period_value"
    assert "any of the 3 items" in warnings[0].message
