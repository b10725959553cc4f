"""Exports derive from the models; the source-format renderer round-trips through the extractor."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.export import (
    dumps_csv,
    dumps_json,
    dumps_jsonl,
    export_bytes,
    load_table,
    render_indicators,
    render_table,
    xlsx_bytes,
)
from assistant.extract.parsers.table import extract_table
from assistant.ingest import read_bytes
from assistant.schema import Amounts, BudgetTable, Indicator, Project, Unit
from assistant.taxonomy import LEVEL1, LEVEL2


def test_json_is_the_interchange_shape(gold_table, tmp_path):
    data = json.loads(dumps_json(gold_table))
    assert list(data)[:5] == ["title", "department", "currency_unit", "amounts", "units"]
    project = data["units"][0]["projects"][1]
    assert set(project) == {"name", "classified", "amounts", "goal", "indicators"}
    assert set(project["amounts"]) == {"total", "fiscal", "special_account", "other"}
    assert project["amounts"]["total"] == 40.0 and project["amounts"]["other"] is None
    assert set(project["indicators"][0]) == {
        "seq",
        "level1_code",
        "level1_name",
        "level2_code",
        "level2_name",
        "name",
        "period_value",
        "annual_value",
    }
    assert "spans" not in json.dumps(data)
    path = tmp_path / "t.json"
    path.write_text(dumps_json(gold_table), encoding="utf-8")
    assert load_table(path).model_dump() == gold_table.model_dump()


def test_spans_only_on_request_and_under_their_own_key(seed_path):
    from assistant.ingest import read_path

    table = extract_table(read_path(seed_path))
    data = json.loads(dumps_json(table, with_spans=True))
    project = data["units"][0]["projects"][1]
    assert project["spans"]["name"]["row"] == 13
    assert project["indicators"][0]["spans"]["annual_value"]["col"] == 6
    assert data["meta"]["backend"] == "rules" and data["meta"]["encoding"] == "utf-8"


def test_jsonl_one_project_per_line(gold_table):
    lines = dumps_jsonl(gold_table).splitlines()
    assert len(lines) == 29
    first = json.loads(lines[1])
    assert first["unit"] == "中共广州市黄埔区委政法委员会" and first["name"] == "区法学会经费"


def test_csv_one_indicator_per_row_and_classified_rows_kept(gold_table):
    text = dumps_csv(gold_table)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 94 + 6
    assert sum(r["涉密项目"] == "是" for r in rows) == 6
    row = next(r for r in rows if r["项目名称"] == "区法学会经费" and r["序号"] == "3")
    assert row["总计"] == "40.00" and row["年度指标值"] == "1个" and row["二级指标代码"] == "11"
    assert export_bytes(gold_table, "csv").startswith(b"\xef\xbb\xbf")


def test_xlsx_has_projects_and_indicators_with_numbers(gold_table):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(xlsx_bytes(gold_table)))
    assert workbook.sheetnames == ["项目", "绩效指标"]
    projects = list(workbook["项目"].values)
    assert projects[0][:4] == ("资金使用单位", "项目名称", "涉密项目", "总计")
    assert len(projects) == 30
    total = next(r for r in projects if r[1] == "综合网格管理绩效奖励专项资金")[3]
    assert isinstance(total, float) and total == 2232.16
    assert len(list(workbook["绩效指标"].values)) == 95


def test_render_indicators_in_the_source_line_format():
    ind = Indicator(
        seq=1,
        level1_code="1",
        level1_name="产出指标",
        level2_code="11",
        level2_name="数量指标",
        name="活动场次",
        period_value="12场",
        annual_value="1场/月*12=12场",
    )
    assert (
        render_indicators([ind]) == "1、1-产出指标:11-数量指标;活动场次;实施周期指标值:12场;年度指标值:1场/月*12=12场。"
    )


def test_the_seed_round_trips_through_the_source_format(gold_table):
    rendered = render_table(gold_table)
    table = extract_table(read_bytes(rendered.encode("utf-8"), "rendered.txt"))
    assert table.model_dump(mode="json") == gold_table.model_dump(mode="json")


# ---- property: render -> extract gives the same table -------------------------------

_WORDS = "区法学会经费网格治理服务中心建设工作队宣传平安系统运维来穗人员出租屋街镇社区视联网数据平台采购"
_text = st.text(alphabet=_WORDS, min_size=1, max_size=14)
_value_inner = st.text(alphabet=_WORDS + "0123456789%，、。;: =/", min_size=0, max_size=20)


@st.composite
def _values(draw):
    """A value as the tables write them: may hold ; : 。 inside, never a separator at either end."""
    if draw(st.booleans()) and draw(st.booleans()):
        return None
    head = draw(st.text(alphabet=_WORDS + "0123456789", min_size=1, max_size=6))
    body = draw(_value_inner)
    tail = draw(st.sampled_from(["", "。", "%", "个", "场", "以上"]))
    value = (head + body).rstrip(" ;:") + tail
    return value.strip() or None


@st.composite
def _indicators(draw):
    count = draw(st.integers(min_value=1, max_value=6))
    items = []
    for seq in range(1, count + 1):
        level2 = draw(st.sampled_from(sorted(LEVEL2)))
        level1 = draw(st.sampled_from([level2[0], level2[0], draw(st.sampled_from(sorted(LEVEL1)))]))
        items.append(
            Indicator(
                seq=seq,
                level1_code=level1,
                level1_name=LEVEL1[level1],
                level2_code=level2,
                level2_name=LEVEL2[level2],
                name=draw(st.one_of(st.none(), _text)),
                period_value=draw(_values()),
                annual_value=draw(_values()),
            )
        )
    return items


_money = st.decimals(min_value=0, max_value=Decimal("99999.99"), places=2, allow_nan=False, allow_infinity=False)


@st.composite
def _amounts(draw):
    return Amounts(
        total=draw(_money),
        fiscal=draw(_money),
        special_account=draw(st.one_of(st.none(), _money)),
        other=draw(st.one_of(st.none(), _money)),
    )


@st.composite
def _projects(draw):
    if draw(st.integers(0, 5)) == 0:
        return Project(name="涉密项目", classified=True, amounts=draw(_amounts()))
    goal = draw(_text) + draw(st.text(alphabet=_WORDS + "，、。0123456789", max_size=30))
    return Project(name=draw(_text), amounts=draw(_amounts()), goal=goal, indicators=draw(_indicators()))


@st.composite
def _tables(draw):
    units = [
        Unit(name=draw(_text), amounts=draw(_amounts()), projects=draw(st.lists(_projects(), min_size=1, max_size=4)))
        for _ in range(draw(st.integers(1, 3)))
    ]
    return BudgetTable(
        title="项目支出绩效目标表", department=draw(_text), currency_unit="万元", amounts=draw(_amounts()), units=units
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables())
def test_rendered_tables_extract_back_to_the_same_table(table):
    extracted = extract_table(read_bytes(render_table(table).encode("utf-8"), "rendered.txt"))
    assert extracted.failures == []
    assert extracted.model_dump(mode="json") == table.model_dump(mode="json")
