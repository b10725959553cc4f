"""A form's label column printed before its values (parsers/label_blocks.py).

Forms are rendered from the dev split's gold projects the way a PDF's text layer prints a
two-column form (h08, 360docs.net): the labels one a line, wrapped ones split over lines, then
the values in the same order, the right half of a row glued to its value line. They are varied
in label spellings, wrapping, checkbox fields and the money field's unit. Whatever is paired is
right; anything out of line (a wrapped value, a value of the wrong shape, one field only) reads
nothing from the block.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from dev_gold import dev_gold

from assistant.errors import InputError
from assistant.evaluate.metrics import project_flags
from assistant.extract import extract
from assistant.extract.parsers.label_blocks import read_label_block
from assistant.ingest import read_bytes

GOLD = Path(__file__).resolve().parent.parent / "gold" / "real"
_PLAIN = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff（）()]{3,30}$")


def _dev_projects() -> list[tuple[str, str, Decimal]]:
    """(name, unit, total) of dev gold projects whose name and unit are plain one-line texts."""
    out = []
    for _, gold in dev_gold():
        for unit in gold["units"]:
            for p in unit["projects"]:
                total = p["amounts"]["total"]
                if _PLAIN.match(p["name"] or "") and _PLAIN.match(unit["name"] or "") and total:
                    out.append((p["name"], unit["name"], Decimal(str(total))))
    return out


PROJECTS = _dev_projects()
NAME_LABELS = ["项目名称", "专项名称"]
UNIT_LABELS = [("部门名称", "department"), ("主管部门", "department"), ("实施单位", "unit")]


def _form(
    name: str, unit: str, total: Decimal, *, name_label: str, unit_label: str, wrap: bool, boxes: bool, money: str
) -> str:
    """The text layer of a two-column form: title, the label column, then the value column."""
    labels = [name_label, unit_label, "部门相应职能职" if wrap else "部门相应职能职责概述"]
    if wrap:
        labels.append("责概述")
    labels += ["专项年度", "绩效目标", "一级指标"]
    name_line = name + ("专项属性延续专项√新增专项□" if boxes else "")
    unit_line = unit + (f"资金总额({money}){total}" if money else "")
    values = [name_line, unit_line, "负责本地区有关工作，保障各项任务", "落实。", "完成年度工作任务。"]
    return "\n".join(["专项资金绩效目标表", "(2024 年度)", *labels, *values]) + "\n"


def test_there_are_dev_projects_to_render():
    assert len(PROJECTS) >= 20


@pytest.mark.parametrize("name_label", NAME_LABELS)
@pytest.mark.parametrize(("unit_label", "key"), UNIT_LABELS)
@pytest.mark.parametrize("wrap", [False, True])
@pytest.mark.parametrize("boxes", [False, True])
@pytest.mark.parametrize("money", ["万元", "元", ""])
def test_labels_listed_before_values_pair_by_order(name_label, unit_label, key, wrap, boxes, money):
    for name, unit, total in PROJECTS[:: len(PROJECTS) // 8 or 1]:  # 8 projects a variant keeps the run short
        text = _form(
            name, unit, total, name_label=name_label, unit_label=unit_label, wrap=wrap, boxes=boxes, money=money
        )
        table = extract(read_bytes(text.encode("utf-8"), "form.txt"), backend="rules")
        project = table.projects()[0]
        assert project.name == name
        assert table.units[0].name == unit
        if key == "department":
            assert table.department == unit
        assert project.amounts.total == (total if money else None)
        assert table.currency_unit == (money or None)
        assert project.goal is None and project.indicators == []
        assert all(project_flags(table)), "fields paired by order are flagged"
        codes = {f.code for f in table.failures}
        assert {"LABELS_BEFORE_VALUES", "LABELS_BEFORE_VALUES_UNPAIRED"} <= codes


def _doc(text: str):
    return read_bytes(text.encode("utf-8"), "form.txt")


def test_a_wrapped_name_value_reads_nothing():
    """The name's value wrapped onto a second line ('控' alone): lines and labels are no longer one
    for one, so the block gives nothing rather than a name cut short."""
    text = "专项资金绩效目标表\n专项名称\n部门名称\n专项年度\n重大动物疫病防\n控\n县动物卫生监督所\n"
    assert read_label_block(_doc(text)) is None


def test_one_field_alone_is_not_enough():
    text = "专项资金绩效目标表\n专项名称\n专项立项\n依据\n重大动物疫病防控\n《中华人民共和国动物防疫法》。\n"
    assert read_label_block(_doc(text)) is None


def test_labels_followed_by_their_values_in_order_are_not_this_layout():
    text = "专项资金绩效目标表\n专项名称\n重大动物疫病防控\n部门名称\n县动物卫生监督所\n"
    assert read_label_block(_doc(text)) is None


def test_h08_reads_name_unit_and_money_and_names_the_rest():
    """The dev document this layout comes from: name, unit and total as labelled; goal and
    indicator not read, and said."""
    stem = "h08-hn-yongxing-animal-epidemic-control-pdftext"
    gold = json.loads((GOLD / stem / "gold.json").read_text())
    table = extract(read_bytes((GOLD / stem / "source.txt").read_bytes(), "source.txt"), backend="rules")
    want = gold["units"][0]["projects"][0]
    project = table.projects()[0]
    assert project.name == want["name"]
    assert project.amounts.total == Decimal(str(want["amounts"]["total"]))
    assert table.units[0].name == gold["units"][0]["name"]
    unpaired = next(f for f in table.failures if f.code == "LABELS_BEFORE_VALUES_UNPAIRED")
    assert "绩效目标" in unpaired.params["labels"]


def test_a_form_of_no_known_layout_is_still_refused():
    text = "专项资金绩效目标表\n专项名称\n专项属性\n专项年度\n……\n"
    with pytest.raises(InputError):
        extract(_doc(text), backend="rules")
