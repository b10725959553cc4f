"""Huge one-line texts a copy can produce, for the time bounds (tests/test_long_lines.py,
benchmarks/bench_long_lines.py): their size in bytes is what the caller asks."""

from __future__ import annotations

from collections.abc import Callable

#: a form's words run together on one line, as a PDF text layer without line breaks gives them
_RUN = "项目名称：道路养护 主管部门：交通局 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 养护里程 ≥20公里 "


def one_line(size: int) -> bytes:
    data = _RUN.encode() * (size // len(_RUN.encode()) + 1)
    return data[:size].decode("utf-8", "ignore").encode()


def pipes(size: int) -> bytes:
    return b"|" * size


TEXTS: dict[str, Callable[[int], bytes]] = {"one_line": one_line, "pipes": pipes}
