"""Grids whose rows are lost, read by other landmarks (form/numbered.py, form/selfeval_rows.py).

Two dev documents, perturbed:

* c07 (稷山, an .xlsx dumped as text): items found by the template's numbers 指标N:, cells
  out of order for the first rows, a wrapped name that pushed its values past the next number.
  Perturbed: full-width colons, line breaks for spaces, traditional characters, the template's
  empty placeholders added, a value dropped, items out of order or too few (then not read).
* j02 (历城, a 自评表 printed one row per line with single spaces): rows found by their right
  ends (target | achieved | 分值 | 得分). Perturbed: traditional characters, a note after a row's
  scores, a level label on its own line, a head of another shape (then not read).

Every item read differently from the gold is flagged on its own number (指标N) or the rows'
reading is flagged as a whole; nothing is silently wrong.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import zhconv
from src_rewrites import _wrapped

from assistant.extract import extract
from assistant.extract.parsers.form.numbered import _unjoined, read_numbered
from assistant.extract.parsers.form.selfeval_rows import read_selfeval_rows
from assistant.ingest import read_bytes
from assistant.textnorm import texts_equal

REAL = Path(__file__).resolve().parents[1] / "gold" / "real"
DUMP = "c07-jishan-health-selfeval-xlsx"
ROWS = "j02-sd-licheng-culture-centre-free-opening-selfeval-space"


def _wrap34(text: str) -> str:
    return "\n".join(_wrapped(text, 34))


def _source(record: str) -> str:
    return (REAL / record / "source.txt").read_text(encoding="utf-8")


def _gold(record: str) -> dict[int, dict]:
    gold = json.loads((REAL / record / "gold.json").read_text(encoding="utf-8"))
    return {i["seq"]: i for u in gold["units"] for p in u["projects"] for i in p["indicators"]}


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    return table, table.projects()[0].indicators


def _same(got, want: dict, fields=("name", "annual_value", "level1_code", "level2_code")) -> bool:
    return all(texts_equal(zhconv.convert(getattr(got, f) or "", "zh-hans"), want[f] or "") for f in fields)


def _flagged_items(table) -> set[int]:
    return {int(m.group(1)) for f in table.failures if (m := re.fullmatch(r"绩效指标 #(\d+)", f.field or ""))}


def _check_dump(text: str, *, at_least: int = 19):
    """Read right where not flagged, and most items right."""
    table, got = _read(text)
    gold, flagged = _gold(DUMP), _flagged_items(table)
    assert any(f.code == "NUMBERED_ITEMS_READ" for f in table.failures)
    right = [i.seq for i in got if _same(i, gold[i.seq])]
    wrong = [i.seq for i in got if i.seq not in right]
    assert set(wrong) <= flagged, (wrong, flagged)
    assert len(right) >= at_least, right
    return table, got


def test_a_dump_is_read_by_its_item_numbers():
    table, got = _check_dump(_source(DUMP), at_least=21)
    by_seq = {i.seq: i for i in got}
    assert 3 not in by_seq and 4 not in by_seq  # their names are not in the text: not made up
    assert by_seq[2].annual_value == "不少于12 种"  # a unit written apart joined to its number
    assert (by_seq[24].annual_value, by_seq[25].annual_value) == ("14例", "24694人")  # shared out, flagged
    assert {24, 25} <= _flagged_items(table)
    assert 5 in _flagged_items(table)  # cells out of order: its value is not sure
    assert not any(f.code == "FORM_NO_ROWS" for f in table.failures)


@pytest.mark.parametrize(
    "perturb",
    [
        pytest.param(lambda t: re.sub(r"(指标\d+):", r"\1：", t), id="full-width-colons"),
        pytest.param(lambda t: re.sub(r"(?<=\S) (?=指标\d+[:：])", "\n", t), id="an-item-a-line"),
        pytest.param(lambda t: t.replace(" ", "  "), id="two-spaces"),
        pytest.param(lambda t: t.rstrip() + " 指标26: 指标27:…… 指标28:**\n", id="placeholders"),
        pytest.param(lambda t: zhconv.convert(t, "zh-hant"), id="traditional"),
        # a web page's copy that lost the spaces: each name is cut where its run of values starts
        pytest.param(lambda t: re.sub(r"[ \t\u3000]+", "", t), id="spaces-lost"),
        pytest.param(lambda t: zhconv.convert(re.sub(r"[ \t\u3000]+", "", t), "zh-hant"), id="spaces-lost-trad"),
        pytest.param(lambda t: re.sub(r"[ \t\u3000]+", "", t).replace("\n", ""), id="spaces-and-lines-lost"),
        # that one line hard-wrapped at 34 characters (a PDF column): 指标 | 7: is cut, the labels
        # above come out of order; the items are read from the lines joined again
        pytest.param(lambda t: _wrap34(re.sub(r"\s+", "", t)), id="spaces-lost-wrapped-34"),
    ],
)
def test_perturbed_dumps_read_the_same_or_flag(perturb):
    _check_dump(perturb(_source(DUMP)))


@pytest.mark.parametrize(
    ("word", "cut"),
    [
        ("建立预防接种证221人221人22", ["建立预防接种证", "221人", "221人", "22"]),
        ("孕产妇7天访视数214人203人21.8", ["孕产妇7天访视数", "214人", "203人", "21.8"]),  # a number in the name
        ("0-6岁儿童健康管理数2089人2089人22", ["0-6岁儿童健康管理数", "2089人", "2089人", "22"]),
        ("发放健康教育资料不少于12种不少于6种", ["发放健康教育资料", "不少于12种", "不少于6种"]),
        ("讲座分值得分3次3次11", ["讲座", "分值", "得分", "3次", "3次", "11"]),  # head words split off
        ("居民健康档案", ["居民健康档案"]),
        ("新建道路3公里以上", ["新建道路3公里以上"]),  # no run of values to the end: left whole
    ],
)
def test_a_name_run_into_its_values_is_cut_where_the_values_run_to_the_end(word, cut):
    assert _unjoined(word) == cut


def test_a_dropped_value_is_flagged_on_its_item():
    text = _source(DUMP).replace("指标7:建立预防接种证 221人 221人 2 2", "指标7:建立预防接种证 221人 2 2")
    table, got = _check_dump(text, at_least=20)
    assert 7 in _flagged_items(table)


@pytest.mark.parametrize(
    "text",
    [
        "指标1:居民健康档案 38508人 37442人 3 3 指标2:早孕建册数 120人 69人 2 1",  # two items: no grid
        "指标2:居民健康档案 38508人 37442人 3 3 指标3:早孕建册数 120人 69人 2 1 指标4:a 1 1 1 1",  # not from 1
        "指标1:居民健康档案 38508人 3 3 指标3:早孕建册数 120人 2 1 指标2:老年人体检数 5662人 2 1",  # out of order
        "指标1:居民健康档案 38508人 3 3 指标2:早孕建册数 120人 2 1 指标2:老年人体检数 5662人 2 1",  # repeated
    ],
)
def test_a_few_or_disordered_numbers_are_not_read_as_items(text):
    assert read_numbered(text, "x") is None


def test_levels_written_between_the_items_head_the_rows_after_them():
    text = (
        "产出指标 数量指标 指标1:培训人数 200人 210人 5 5 指标2:发放资料 500份 500份 5 5 "
        "质量指标 指标3:合格率 95% 96% 5 5 效益指标 社会效益指标 指标4:群众知晓率 90% 92% 5 5"
    )
    indicators, failures = read_numbered(text, "x")
    levels = [(i.level1_code, i.level2_code, i.name, i.annual_value) for i in indicators]
    assert levels == [
        ("1", "11", "培训人数", "200人"),
        ("1", "11", "发放资料", "500份"),
        ("1", "12", "合格率", "95%"),
        ("2", "22", "群众知晓率", "90%"),
    ]
    assert failures[0].code == "NUMBERED_ITEMS_READ"
    # other text just before 指标1 (a caption, a name): the first rows' levels stay unknown, not guessed
    indicators, _ = read_numbered("产出指标 数量指标 某某经费 " + text[10:], "x")
    assert [(i.level1_code, i.level2_code) for i in indicators[:2]] == [(None, None)] * 2


def _check_rows(text: str, *, at_least: int = 5):
    table, got = _read(text)
    gold = _gold(ROWS)
    assert any(f.code == "SELFEVAL_ROWS_READ" for f in table.failures)
    right = [i.seq for i in got if i.seq in gold and _same(i, gold[i.seq], (*_FIELDS, "level2_name"))]
    assert len(right) >= at_least, [(i.seq, i.name, i.annual_value) for i in got]
    return table, got


_FIELDS = ("name", "annual_value", "level1_code", "level2_code")


def test_a_selfeval_printed_a_row_a_line_is_read_by_the_rows_ends():
    table, got = _check_rows(_source(ROWS))
    assert len(got) == 5
    # the row cut inside its name (社会效益) is reported, not read
    assert [f.params["text"][:4] for f in table.failures if f.code == "SELFEVAL_LINE_UNREAD"] == ["促进基本"]


def test_traditional_characters_rows():
    _check_rows(zhconv.convert(_source(ROWS), "zh-hant"))


def test_a_note_after_the_scores_is_read_as_the_notes_column_and_said():
    text = _source(ROWS).replace("免费开放率 100% 100% 12.5 12.5", "免费开放率 100% 100% 12.5 12.5 已完成")
    table, got = _check_rows(text)
    assert any(f.code == "SELFEVAL_ROW_NOTE" and f.field == "绩效指标 #3" for f in table.failures)


def test_more_words_after_the_scores_than_note_columns_leave_the_row_unread_and_said():
    text = _source(ROWS).replace("免费开放率 100% 100% 12.5 12.5", "免费开放率 100% 100% 12.5 12.5 已 完 成")
    table, got = _check_rows(text, at_least=2)
    assert "免费开放率" not in [i.name for i in got]
    assert any(f.code == "SELFEVAL_LINE_UNREAD" and "免费开放率" in f.params["text"] for f in table.failures)


def test_a_level_label_on_its_own_line_heads_the_next_rows():
    text = _source(ROWS).replace("质量指标 免费开放管理制度", "质量指标\n免费开放管理制度")
    _check_rows(text)


def test_a_name_of_several_words_is_flagged():
    text = _source(ROWS).replace("免费开放率 100%", "免费 开放率 100%")
    table, got = _read(text)
    assert any(f.code == "SELFEVAL_NAME_WORDS" and f.field == "绩效指标 #3" for f in table.failures)


def test_a_head_of_another_shape_is_left_to_the_other_readers():
    lines = ["三级指标 分值 预期指标值(A) 实际完成指标值(B) 得分", "全年免费开放 12.5 100% 100% 12.5"]
    assert read_selfeval_rows(lines, "x") is None


# e05 (黄石, a ``|`` 自评表): a name whose other cells are all empty, its leading empty cells
# dropped, lands in the first column; 环境效益 is the older forms' 生态效益.
PIPE = "e05-hb-huangshi-library-sharing-selfeval-pipe"
ALONE = "促进黄石文化经济发展,丰富市民文化活动 | |||||||||"


def test_a_name_alone_on_its_row_is_an_indicator_with_no_value_and_said():
    table, got = _read(_source(PIPE))
    gold = _gold(PIPE)
    assert [i.seq for i in got] == sorted(gold)
    assert all(_same(i, gold[i.seq], (*_FIELDS, "level2_name", "level1_name")) for i in got)
    assert got[8].annual_value is None
    assert [f.params["name"][:4] for f in table.failures if f.code == "FORM_ROW_NAME_ALONE"] == ["促进黄石"]


@pytest.mark.parametrize(
    "alone",
    [
        "社会效益 | |||||||||",  # a label alone: no indicator
        "10 | |||||||||",  # a score alone: no indicator
        "良好 | |||||||||",  # a short word: no indicator
    ],
)
def test_a_label_value_or_short_word_alone_is_no_indicator(alone):
    table, got = _read(_source(PIPE).replace(ALONE, alone))
    assert len(got) == len(_gold(PIPE)) - 1
    assert not any(f.code == "FORM_ROW_NAME_ALONE" for f in table.failures)


@pytest.mark.parametrize("word", ["环境效益", "生态效益", "环境效益指标", "生态效益指标"])
def test_the_environment_benefit_label_is_the_ecological_benefit(word):
    _, got = _read(_source(PIPE).replace("\n环境效益 |", f"\n{word} |"))
    assert [(i.level2_code, i.level2_name) for i in got[9:11]] == [("23", word)] * 2


# b15 (霍邱, a 自评表 with spaces): 生态效益指标 left empty, only its score 0 written.
EMPTY = "b15-ah-huoqiu-sci-selfeval"


@pytest.mark.parametrize(
    "group",
    [
        "生态效益指标         0  ",  # as published
        "生态效益指标         0 0  ",  # 分值 and 得分 both written
        "生态效益指标  0.00",
    ],
)
def test_a_group_left_empty_with_its_score_is_no_indicator(group):
    text = _source(EMPTY).replace("生态效益指标         0  ", group)
    table, got = _read(text)
    gold = _gold(EMPTY)
    assert [i.seq for i in got] == sorted(gold)
    assert all(_same(i, gold[i.seq], (*_FIELDS, "level2_name", "level1_name")) for i in got)
    assert any(f.code == "FORM_GROUP_ONLY_SCORES" for f in table.failures)


def test_a_label_and_a_name_that_is_a_number_still_make_an_indicator():
    """A row with a name and values is no empty group, whatever its cells look like."""
    text = _source(EMPTY).replace("生态效益指标         0  ", "生态效益指标 植树数量 100 100 达成预期指标 5 5")
    table, got = _read(text)
    assert [i.name for i in got if i.level2_name == "生态效益指标"] == ["植树数量"]
    assert not any(f.code == "FORM_GROUP_ONLY_SCORES" for f in table.failures)


def test_a_blank_template_item_alone_on_its_line_is_no_wrapped_name():
    """指标3: left blank after a group (one row a line): not the end of the name above it."""
    text = (
        "项目名称 某某服务\n年度资金总额 100\n一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "产出指标 数量指标\n指标1:配备车辆数 10辆 10辆 10 10\n指标2:风炮射程 ≥80M 80M 10 10\n指标3:\n"
        "质量指标\n指标3:服务周期内空气质量 优良 优良 10 10\n指标4:\n"
    )
    _, got = _read(text)
    assert [(i.name, i.annual_value, i.level2_name) for i in got] == [
        ("配备车辆数", "10辆", "数量指标"),
        ("风炮射程", "≥80M", "数量指标"),
        ("服务周期内空气质量", "优良", "质量指标"),
    ]


def test_blank_template_items_are_not_doubted():
    """g16 (天长, a 自评表 whose groups end in blank 指标2: items): no doubt names a blank item."""
    table, _ = _read(_source("g16-ah-tianchang-flood-control-selfeval-placeholders"))
    named = [str(f.params.get("name", "")) for f in table.failures]
    assert named and not [n for n in named if re.fullmatch(r"指标\d+[:：]\s*", n)]


def test_numbers_restarting_in_each_group_number_the_items_by_place():
    text = (
        "产出指标 数量指标 指标1:培训人数 200人 210人 5 5 指标2:发放资料 500份 500份 5 5 指标3: "
        "质量指标 指标1:合格率 95% 96% 5 5 指标2:…… 效益指标 社会效益指标 指标1:群众知晓率 90% 92% 5 5 指标2:"
    )
    indicators, _ = read_numbered(text, "x")
    assert [(i.seq, i.level2_code, i.name, i.annual_value) for i in indicators] == [
        (1, "11", "培训人数", "200人"),
        (2, "11", "发放资料", "500份"),
        (3, "12", "合格率", "95%"),
        (4, "22", "群众知晓率", "90%"),
    ]


def test_labels_as_forms_write_them_head_the_items():
    """A label cut at a space, with a note, in 值 / 目标 spellings, 满意度指标 twice (一级 and 二级)."""
    text = (
        "产出 指标 数量指标 (必填) 指标1:培训人数 200人 210人 5 5 质量值 指标2:合格率 95% 96% 5 5 "
        "效益指标 经济效益 指标 指标3:增收 10万元 12万元 5 5 社会效益目标 指标4:知晓率 90% 92% 5 5 "
        "满意度指标 满意度指标 指标5:满意度 95% 96% 5 5"
    )
    indicators, failures = read_numbered(text, "x")
    assert [(i.level1_code, i.level2_code, i.level2_name) for i in indicators] == [
        ("1", "11", "数量指标 (必填)"),
        ("1", "12", "质量值"),
        ("2", "21", "经济效益指标"),
        ("2", "22", "社会效益目标"),
        ("3", "31", "满意度指标"),
    ]
    assert not [f for f in failures if f.code == "NUMBERED_LEVEL_UNSURE"]


def test_words_no_label_nor_value_before_items_make_their_levels_unsure():
    """A label the reader does not know (项目管理类) or a system of its own (实施效果指标 over
    产出指标): the levels carried on are flagged on every item until a known label."""
    text = (
        "产出指标 数量指标 指标1:培训人数 200人 210人 5 5 项目管理类 指标2:合格率 95% 96% 5 5 "
        "指标3:及时率 90% 92% 5 5 质量指标 指标4:达标率 90% 92% 5 5"
    )
    _, failures = read_numbered(text, "x")
    assert {f.field for f in failures if f.code == "NUMBERED_LEVEL_UNSURE"} == {"绩效指标 #2", "绩效指标 #3"}
    text = "实施效果指标 产出指标 指标1:劳务报酬占比 ≥30% 32% 5 5 指标2:务工人数 100人 120人 5 5 指标3:工期 1年 1年 5 5"
    _, failures = read_numbered(text, "x")
    assert [f.field for f in failures if f.code == "NUMBERED_LEVEL_UNSURE"] == [f"绩效指标 #{n}" for n in (1, 2, 3)]


def test_labels_both_heading_and_centred_are_flagged():
    """g05's 发改委 system (实施效果指标 over 产出指标 | 效益指标 | 满意度指标) dumped a row a line:
    a label above the first row, others below their rows; the levels are flagged, not trusted."""
    text = (
        "项目名称 某某工程\n年度资金总额 100\n一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "实施效果指标 产出指标\n指标1:劳务报酬占比 ≥30% 32% 10 10\n效益指标\n指标2:基础设施条件 持续改善 持续改善 10 10\n"
        "满意度指标\n指标3:群众满意度 ≥90% 90% 10 10\n过程管理指标 计划管理指标\n指标4:计划分解用时 ≤20工作日 20工作日 10 10\n"
        "资金管理指标\n指标5:投资支付率 ≥95% 95% 10 10\n"
    )
    table, _ = _read(text)
    assert any(f.code == "FORM_LABELS_EITHER_WAY" for f in table.failures)
