"""Several project forms on one page are read one by one (parsers/several_forms.py).

Pages are made of 2–3 dev grids rendered as forms (tests/form_variants.py), each opening with
the same unit line, in every separator style; each form must read as it does alone.
"""

from __future__ import annotations

import itertools

import pytest
from form_variants import STYLES, dev_grids, render

from assistant.extract import extract
from assistant.extract.parsers.several_forms import split_forms
from assistant.ingest import read_bytes

GRIDS = dev_grids()[:6]
STYLE_SET = [s for s in STYLES if s.labels == "first" and not s.extra and not s.short_header][::3]


def _plain(indicators) -> list[dict]:
    return [i.model_dump(mode="json", exclude={"spans"}) for i in indicators]


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "page.txt"), "rules")


@pytest.mark.parametrize("style", STYLE_SET, ids=lambda s: s.label())
@pytest.mark.parametrize("count", [2, 3])
def test_each_form_of_a_page_reads_as_it_does_alone(style, count):
    pages = 0
    for group in itertools.combinations(GRIDS, count):
        forms = [render(g, style) for g in group]
        if any(f is None for f in forms):
            continue
        opening = "207101某某县人民法院 | 单位：万元" if style.sep in ("pipe", "markdown") else "某某县人民法院"
        page = "项目支出绩效目标表\n" + "".join(f"{opening}\n{form}" for form in forms)
        table = _read(page)
        alone = [_read(f"{opening}\n{form}").projects()[0] for form in forms]
        got = table.projects()
        assert len(got) == count and [p.name for p in got] == [a.name for a in alone], style.label()
        for project, single in zip(got, alone, strict=True):
            assert _plain(project.indicators) == _plain(single.indicators), (style.label(), project.name)
        pages += 1
        if pages >= 3:
            break


def test_one_form_is_not_cut():
    grid, style = GRIDS[0], STYLES[0]
    form = render(grid, style)
    twice_named = form.replace(f"项目名称：{grid.name}", f"项目名称：{grid.name}\n项目名称：{grid.name}（续）")
    for text in (form, twice_named, form + "注：项目名称应填写全称。\n"):
        assert split_forms(read_bytes(text.encode("utf-8"), "one.txt")) == []
