"""Real dev sources rewritten with their cells padded by spaces (pdftotext -layout, see
benchmarks/bench_cell_rewrites.py --source): only the separators change, so the indicators
read must be those the source's own ``|`` rows give."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from rewrite_runner import copy_indicators

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_cell_rewrites", ROOT / "benchmarks" / "bench_cell_rewrites.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_cell_rewrites", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "stem",
    [
        "b09-yn-nanhua-mushroom-selfeval",  # 偏差原因分析及改进措 / 施 under the header
        "g15-yn-linxiang-wildlife-shelter-selfeval-pipe",
    ],
)
def test_padded_copy_reads_the_rows_of_the_source(stem):
    bench = _bench()
    text = (bench.GOLD / stem / "source.txt").read_text(encoding="utf-8")
    items = bench.pieces(text)
    as_is = copy_indicators(bench.render(items, "pipe"))
    assert as_is
    assert copy_indicators(bench.render(items, "src_spacesN")) == as_is


@pytest.mark.parametrize(
    "stem, layout",
    [
        # 全天候可用 | 全天候 | 10 | 2022年全年 …: the achieved value in words before the points
        ("e05-hb-huangshi-library-sharing-selfeval-pipe", "src_lines"),
        # the same text twice (三级指标 | 绩效指标描述) is two cells, never a wrapped one
        ("f08-tj-hebei-court-two-projects-pipe", "src_lines"),
        # one cell per line wrapped at a fixed width, several value columns: cells joined
        ("c01-huangshi-training-pipe", "lines"),
        ("d03-jx-fuliang-forestry-dept-overall-pipe", "lines"),
        # one value column holding sentences, wrapped like the names
        ("a12-tj-ninghe-edu-kindergarten-pipe", "lines"),
    ],
)
def test_one_cell_per_line_copy_reads_the_rows_of_the_source(stem, layout):
    bench = _bench()
    items = bench.pieces((bench.GOLD / stem / "source.txt").read_text(encoding="utf-8"))
    as_is = copy_indicators(bench.render(items, "pipe"))
    assert as_is
    assert copy_indicators(bench.render(items, layout)) == as_is
