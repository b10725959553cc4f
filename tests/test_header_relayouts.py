"""Dev sources whose project-header block is re-laid (``tests/header_relayouts.py``) keep their
name and amounts; see ``benchmarks/bench_field_rewrites.py`` (``hdr_*``) for every document."""

from __future__ import annotations

import json

import pytest
from field_rewrites import GOLD, MONEY_FIELDS, field_outcomes, read_samples
from header_relayouts import relayout

from assistant.extract import extract
from assistant.ingest import read_bytes


def _outcomes(stem: str, how: str) -> list[tuple[str, str]]:
    folder = GOLD / stem
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    text = (folder / "source.txt").read_text(encoding="utf-8")
    copy = relayout(text, how)
    assert copy is not None and copy != text
    return field_outcomes(read_samples(gold, text), read_samples(gold, copy), MONEY_FIELDS)


@pytest.mark.parametrize(
    ("stem", "how"),
    [
        # 项 目 名 称 | … then 主 管 部 门 | …: letter-spaced keys still end the name
        ("f02-sc-daying-justice-ankeit-selfeval-pipe", "hdr_keys_spaced"),
        # 主管预算部门 is 主管部门: the name stops before it (also in d02's form)
        ("a12-tj-ninghe-edu-kindergarten-pipe", "hdr_padded"),
        ("a12-tj-ninghe-edu-kindergarten-pipe", "hdr_keys_spaced"),
        # 项目名称安全隐患维修: a run-together line opening with the name key starts the next form
        ("f08-tj-hebei-court-two-projects-pipe", "hdr_run_rows"),
        ("a14-nx-changqing-school-sports-pipe", "hdr_two_pairs"),
        # 项目名称学校体育…主管部门[812]…年度资金总额5其中:财政拨款5其他资金 on one line, the rest a
        # cell per line: a line opening with a key and holding three keys is cut at its keys
        ("a14-nx-changqing-school-sports-pipe", "hdr_run_block"),
    ],
)
def test_a_re_laid_header_keeps_the_name_and_amounts(stem, how):
    outcomes = _outcomes(stem, how)
    assert outcomes and all(kind == "held" for _, kind in outcomes), outcomes


def test_a_name_run_on_into_a_money_key_is_cut_there_and_flagged():
    """c04 with its rows run together: 物业管理费支出本年度申请市财政预算资金(万元)282.92 is the
    name, the money key and its amount in one line; the name is cut at the key, the amount read."""
    folder = GOLD / "c04-dongguan-property-sidebyside"
    copy = relayout((folder / "source.txt").read_text(encoding="utf-8"), "hdr_run_rows")
    assert copy is not None
    table = extract(read_bytes(copy.encode("utf-8"), "copy.txt"), "rules")
    (project,) = table.projects()
    assert project.name == "物业管理费支出"
    assert str(project.amounts.total) == "282.92"
    assert any(f.field == "项目名称" and f.code == "FORM_NAME_RAN_ON" for f in table.failures)


@pytest.mark.parametrize(
    ("stem", "code"),
    [
        # …补助资金项目主管部门青山区教育局…: 项目 may end the name or open 项目主管部门
        ("a01-wh-qingshan-edu-runtogether", "FORM_NAME_RUNS_INTO_KEY"),
        # 市政日常维护经费项目预计开始时间1/1/2021…: a name never holds a schedule's key or a date
        ("j04-cq-jiangjin-dingshan-street-municipal-upkeep-target-runtogether", "PROJECT_NAME_DOUBTFUL"),
    ],
)
def test_a_header_run_into_one_line_flags_a_name_it_cannot_end(stem, code):
    folder = GOLD / stem
    copy = relayout((folder / "source.txt").read_text(encoding="utf-8"), "hdr_run_block")
    assert copy is not None
    table = extract(read_bytes(copy.encode("utf-8"), "copy.txt"), "rules")
    assert any(f.field == "项目名称" and f.code == code for f in table.failures)


def test_a_unit_the_header_lost_in_a_run_is_flagged():
    """h19 with its header on one line: 资金构成(元) sits inside the run, the header reads no unit
    and falls back to 万元 while the page writes 元: the unit is flagged, never trusted."""
    folder = GOLD / "h19-hi-nongken-school-student-aid-selfeval-space"
    copy = relayout((folder / "source.txt").read_text(encoding="utf-8"), "hdr_run_block")
    assert copy is not None
    table = extract(read_bytes(copy.encode("utf-8"), "copy.txt"), "rules")
    assert table.currency_unit == "元" or any(f.code == "FORM_CURRENCY_UNREAD" for f in table.failures)


@pytest.mark.parametrize("stem", ["b15-ah-huoqiu-sci-selfeval", "g16-ah-tianchang-flood-control-selfeval-placeholders"])
def test_a_fiscal_key_glued_to_a_number_flags_the_fiscal_amount(stem):
    """The 自评表 money block on one line, cut at white space: 10.00其中:本年财政拨款 is no key,
    财政拨款 stays unread and is flagged, not left empty in silence."""
    folder = GOLD / stem
    copy = relayout((folder / "source.txt").read_text(encoding="utf-8"), "hdr_run_block")
    assert copy is not None
    table = extract(read_bytes(copy.encode("utf-8"), "copy.txt"), "rules")
    (project,) = table.projects()
    assert project.amounts.fiscal is not None or any(f.code == "FORM_MONEY_KEY_GLUED" for f in table.failures)


@pytest.mark.parametrize(
    "stem",
    [
        # the name is read as the caption's (东莞市财政项目), said by PROSE_NAME_FROM_HEADING: the gold
        # project is missed, the project in its place carries the flag the clerk sees
        "c04-dongguan-property-sidebyside",
        # 项目名称民族发展专项资金补助区域县(区)资金情况…: the name runs on into a key the rules have
        # no word for and is written nowhere else (PROJECT_NAME_RUNS_ON)
        "j07-fj-longyan-ethnic-development-fund-transfer-target-cellperline",
    ],
)
def test_a_header_run_into_one_line_is_read_right_or_said(stem):
    outcomes = _outcomes(stem, "hdr_run_block")
    assert outcomes and all(kind in ("held", "flagged") for _, kind in outcomes), outcomes
    assert any(kind == "flagged" for _, kind in outcomes)


def test_a_goal_run_together_goes_on_past_a_sentences_own_qizhong():
    """b10 with its rows run together: …实施营造林8万亩。其中:新造林3万亩，… is the goal's own
    sentence; 其中: after a full stop starts a money row only when money is named."""
    folder = GOLD / "b10-nx-yuanzhou-forest-form"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    text = (folder / "source.txt").read_text(encoding="utf-8")
    copy = relayout(text, "hdr_run_rows")
    assert copy is not None and "。其中:新造林" in copy
    outcomes = field_outcomes(read_samples(gold, text), read_samples(gold, copy), ("ok_goal_exact",))
    assert outcomes == [("ok_goal_exact", "held")]
