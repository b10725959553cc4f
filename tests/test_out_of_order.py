"""Forms whose cells come out of reading order (PDF text layers): flagged or refused with the
reason, never read as if the order held (parsers/out_of_order.py).

Out-of-order copies are made from dev grids (tests/form_variants.py): the header written as a
row of labels and then a row of values, or with the name's value before its label, with
labels wrapped across lines, in every separator. Forms in reading order, in every style
form_variants writes, are never flagged.
"""

from __future__ import annotations

import itertools

import pytest
from form_variants import STYLES, dev_grids, render

from assistant.errors import InputError
from assistant.extract import extract
from assistant.extract.parsers.out_of_order import labels_in_a_run
from assistant.ingest import read_bytes

SEPARATORS = {"pipe": " | ", "tab": "\t", "spaces": "    ", "line": "\n"}


def _basic(sep: str):
    return next(s for s in STYLES if s.sep == sep and s.labels == "first" and s.values == "single")


GRIDS = [g for g in dev_grids() if all(render(g, _basic(sep)) for sep in SEPARATORS)][:6]
UNIT = "某某县交通运输局"


def _scrambled(grid, sep: str, order: str) -> str:
    text = render(grid, _basic(sep))
    assert text is not None
    j = SEPARATORS[sep]
    if order == "labels_then_values":  # a row of labels, then a row of values
        head = j.join(["项目名称", "主管部门", "实施单位"]) + "\n" + j.join([grid.name, UNIT, UNIT])
    elif order == "value_first":  # the name's value printed before its label
        head = j.join([grid.name, "项目名称", "主管部门", UNIT, "实施单位", UNIT])
    else:  # a wrapped label split among its neighbours: 项目主管单 … 位
        head = j.join(["项目名称", "项目主管单", "位", UNIT, grid.name])
    return text.replace(f"项目名称：{grid.name}", head)


CASES = list(itertools.product(range(len(GRIDS)), SEPARATORS, ("labels_then_values", "value_first", "wrapped")))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_out_of_order_forms_say_so(case):
    index, sep, order = case
    grid = GRIDS[index]
    doc = read_bytes(_scrambled(grid, sep, order).encode("utf-8"), "pdf-text.txt")
    try:
        table = extract(doc, "rules")
    except InputError as exc:
        assert exc.msg is not None and exc.msg.code == "FORM_OUT_OF_ORDER_REFUSED"
        return
    codes = {f.code for f in table.failures}
    assert "FORM_OUT_OF_ORDER" in codes, (grid.stem, sep, order)
    project = table.projects()[0]
    assert project.name in ("", grid.name)  # never a label or a neighbour's value read as the name


@pytest.mark.parametrize("style", STYLES[::7], ids=lambda s: s.label())
def test_forms_in_reading_order_are_not_flagged(style):
    for grid in GRIDS:
        text = render(grid, style)
        if text is None:
            continue
        text = text.replace(f"项目名称：{grid.name}", f"项目名称：{grid.name}\n主管部门：{UNIT}\n实施单位：{UNIT}")
        assert labels_in_a_run(read_bytes(text.encode("utf-8"), "form.txt")) is None, (grid.stem, style)


def test_a_page_with_an_indicator_block_printed_across_keeps_it():
    """a17 (dev): a Guangdong 绩效目标表 whose PDF text prints the label row before the values and
    its indicators as columns: the header is not paired, the lined-up indicator block is read."""
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "gold" / "real" / "a17-gd-edu-new-universities-sidebyside"
    assert json.loads((folder / "meta.json").read_text())["split"] == "dev"
    table = extract(read_bytes((folder / "source.txt").read_bytes(), "a17.txt"), "rules")
    gold = json.loads((folder / "gold.json").read_text())["units"][0]["projects"][0]["indicators"]
    assert [i.model_dump(mode="json", exclude={"spans"}) for i in table.projects()[0].indicators] == gold
    assert {"FORM_OUT_OF_ORDER", "FORM_NO_NAME"} <= {f.code for f in table.failures}
    assert table.projects()[0].name == "" and table.department is None and table.currency_unit is None


def test_a_page_nothing_else_reads_is_refused_with_the_reason():
    text = (
        "绩效目标表\n资金名称 省级业务主管部\n门 资金类型 实施周期\n战略领域 财政事权 政策任务\n"
        "教育发展专项资金\n广东省教育厅 专项资金 2020年-2022年\n"
    )
    with pytest.raises(InputError) as caught:
        extract(read_bytes(text.encode("utf-8"), "labels.txt"), "rules")
    assert caught.value.msg is not None and caught.value.msg.code == "FORM_OUT_OF_ORDER_REFUSED"
    assert "资金名称" in caught.value.msg.params["labels"]


@pytest.mark.parametrize("colon", ["：", ":"])
def test_a_name_field_left_blank_is_not_out_of_order(colon):
    grid = GRIDS[0]
    text = render(grid, _basic("line")).replace(f"项目名称：{grid.name}", f"项目名称{colon}\n主管部门{colon}某局")
    assert labels_in_a_run(read_bytes(text.encode("utf-8"), "blank.txt")) is None
