"""Two readings a grid's cells can give without any rule failing, found by the PDF copies of the
round-6 dev grids (benchmarks/bench_pdf_copies.py): a 一级 label of another group than the 二级
label on its row (a label centred in its merged cell, read a row late), and a value that is a
name's wrapped last line (开展小型水利工程建 / 设(个), the 指标值 left empty). Both are flagged."""

from __future__ import annotations

import pytest

from assistant.extract import extract
from assistant.ingest import read_bytes

HEAD = ["一级指标", "二级指标", "三级指标", "指标值"]
SEPARATORS = {"pipe": " | ", "tab": "\t"}


def _read(rows: list[list[str]], sep: str):
    lines = [["项目名称", "学生资助项目"], ["年度资金总额", "120"], ["年度目标", "资助困难学生"], HEAD, *rows]
    text = "项目支出绩效目标表\n" + "\n".join(sep.join(r) for r in lines) + "\n"
    return extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_a_level1_label_of_another_group_than_its_level2_is_flagged(sep):
    table = _read(
        [
            ["产出指标", "数量指标", "受资助学生人数", "≥100人"],
            ["产出指标", "社会效益指标", "评审程序客观公正", "是"],
            ["满意度指标", "服务对象满意度指标", "资助学生满意度", "≥95%"],
        ],
        sep,
    )
    flagged = [f for f in table.failures if f.code == "FORM_LEVELS_MISMATCH"]
    assert len(flagged) == 1 and "评审程序客观公正" in flagged[0].message


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_satisfaction_under_benefit_is_the_old_template_not_a_mismatch(sep):
    table = _read(
        [
            ["产出指标", "数量指标", "受资助学生人数", "≥100人"],
            ["效益指标", "服务对象满意度指标", "资助学生满意度", "≥95%"],
        ],
        sep,
    )
    assert not [f for f in table.failures if f.code == "FORM_LEVELS_MISMATCH"]


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
@pytest.mark.parametrize("tail", ["设(个)", "处（处）", "率(%)"])
def test_a_value_that_is_a_wrapped_names_tail_is_flagged(sep, tail):
    table = _read([["产出指标", "数量指标", "开展小型水利工程建", tail]], sep)
    assert any(f.code == "FORM_VALUE_NAME_TAIL" for f in table.failures)


@pytest.mark.parametrize("value", ["≥3个", "100%", "是", "12月底前"])
def test_a_plain_value_is_not_taken_for_a_names_tail(value):
    table = _read([["产出指标", "数量指标", "开展小型水利工程建设(个)", value]], " | ")
    assert not any(f.code == "FORM_VALUE_NAME_TAIL" for f in table.failures)
