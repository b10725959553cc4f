"""The indicator grammar on text as OCR gives it back: each damage seen on scanned tables.

Every variant below was observed when the rendered test pages were OCR'd: the 、 after an
item number lost, ; read as ：, 。 dropped or doubled, a code's dash lost or read as a dot.
Items are recovered from the landmarks (level-1 digit and name, a level-2 code starting
with that digit, the value labels), never from the separators.
"""

from __future__ import annotations

import pytest

from assistant.extract.parsers.grammar import parse_indicator_cell

CLEAN = [
    ("1", "1", "产出指标", "11", "数量指标", "办结率", "98%", "98%"),
    ("2", "2", "效益指标", "24", "可持续影响", "服务站运营情况", "持续运营", "运营"),
]


def _fields(text: str) -> list[tuple]:
    items, head = parse_indicator_cell(text)
    assert head is None
    return [
        tuple(
            getattr(i, f).text if getattr(i, f) else None
            for f in (
                "seq",
                "level1_code",
                "level1_name",
                "level2_code",
                "level2_name",
                "name",
                "period_value",
                "annual_value",
            )
        )
        for i in items
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the 、 after the item number lost: "11-产出指标"
        "11-产出指标:11-数量指标;办结率;实施周期指标值:98%;年度指标值:98%。22-效益指标:24-可持续影响;服务站运营情况;实施周期指标值:持续运营;年度指标值:运营。",
        # every ; read as ：
        "1、1-产出指标：11-数量指标：办结率：实施周期指标值：98%：年度指标值：98%。2、2-效益指标：24-可持续影响：服务站运营情况：实施周期指标值：持续运营：年度指标值：运营。",
        # 。 between items dropped
        "1、1-产出指标:11-数量指标;办结率;实施周期指标值:98%;年度指标值:98%2、2-效益指标:24-可持续影响;服务站运营情况;实施周期指标值:持续运营;年度指标值:运营",
        # 。 doubled
        "1、1-产出指标:11-数量指标;办结率;实施周期指标值:98%;年度指标值:98%。。2、2-效益指标:24-可持续影响;服务站运营情况;实施周期指标值:持续运营;年度指标值:运营。。",
        # the dash after a level-1 code lost, or read as a dot
        "1、1产出指标:11-数量指标;办结率;实施周期指标值:98%;年度指标值:98%。2、2.效益指标:24-可持续影响;服务站运营情况;实施周期指标值:持续运营;年度指标值:运营。",
        # the dash after a level-2 code lost, separators before the name and the labels lost
        "1、1-产出指标：11数量指标：办结率实施周期指标值：98%年度指标值：98%2、2-效益指标：24可持续影响：服务站运营情况：实施周期指标值：持续运营：年度指标值：运营",
    ],
    ids=[
        "lost-item-separator",
        "semicolon-as-colon",
        "dropped-full-stop",
        "doubled-full-stop",
        "level1-dash-lost-or-dot",
        "level2-dash-lost",
    ],
)
def test_ocr_variants_give_the_clean_items(text):
    got = _fields(text)
    assert [g[:6] for g in got] == [c[:6] for c in CLEAN]
    assert [g[6].rstrip("。") for g in got] == ["98%", "持续运营"]
    assert [g[7].rstrip("。") for g in got] == ["98%", "运营"]


def test_two_digits_without_a_dash_are_no_level2_code_under_another_level1():
    """'1-产出指标:25个…' is an indicator name starting with a number, not level-2 code 25."""
    (item,) = _fields("1、1-产出指标:25个村居覆盖;实施周期指标值:25个;年度指标值:25个。")
    assert item[3] is None and item[4] is None
    assert item[5] == "25个村居覆盖"


def test_a_dotted_level1_code_is_not_confused_with_a_dotted_item_number():
    got = _fields(
        "1.1-产出指标;11-数量指标;办结率;实施周期指标值:98%;年度指标值:98%2.1.产出指标;12-质量指标;时限;实施周期指标值:90%;年度指标值:90%"
    )
    assert [(g[0], g[1], g[3], g[5]) for g in got] == [("1", "1", "11", "办结率"), ("2", "1", "12", "时限")]
