"""Real dev sources grown the hostile ways (tests/growth.py) read without a crash, and four times the
growth takes no more than about four times the time (benchmarks/bench_growth.py prints the figures
at N = 1…8 over a document of each family; this is a small slice of it)."""

from __future__ import annotations

import time

import fuzzing
import pytest
from growth import KINDS
from src_rewrites import pool

pytestmark = pytest.mark.slow

#: a run-together self-eval form on one line, a ``|`` table, one cell per line
_DOCS = ("a09-hb-xinzhou-opera-selfeval-template", "a05-ah-mengcheng-health-phs-pipe", "a13-sd-linyi-primary-school")


def _docs() -> list[tuple[str, dict, str]]:
    return [(folder.name, gold, text) for folder, gold, text in pool() if folder.name.startswith(_DOCS)]


def _cpu(data: bytes) -> float:
    started = time.process_time()
    with fuzzing.time_limit(60, fuzzing.describe(data, ".txt")):
        assert fuzzing.run_reader(data, ".txt") in ("ok", "refused")
    return time.process_time() - started


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_grown_source_reads_in_time_linear_in_its_growth(kind):
    docs = _docs()
    assert len(docs) == len(_DOCS)
    with fuzzing.stub_ocr():
        fuzzing.run_reader(b"warm up", ".txt")
        for doc_id, gold, text in docs:
            small, large = (KINDS[kind](text, gold, n).encode("utf-8") for n in (1, 2))
            assert len(large) > len(small)
            once, twice = _cpu(small), _cpu(large)
            # linear is x2, quadratic x4 on the grown part; a floor for the timer's noise
            assert twice <= 3 * once + 0.3, f"{kind} on {doc_id}: {once:.2f} s, twice grown {twice:.2f} s"


def test_growth_kinds_keep_the_source_lines():
    """A kind that adds lines keeps every line of the source as it was (its text is not rewritten)."""
    for _, gold, text in _docs():
        for kind in ("row_lines", "doc_repeat", "header_repeat", "empty_rows"):
            grown = KINDS[kind](text, gold, 2)
            assert len(grown) > len(text)
            missing = [line for line in text.split("\n") if line not in grown.split("\n")]
            assert not missing, (kind, missing[:2])


def test_a_long_digit_run_is_searched_once_for_money_keys():
    """A run of digits is tried from its start only: these searches were quadratic in it (6,400 digits
    in a01's row took 6.8 s, in c11's report 9.6 s)."""
    from assistant.extract.parsers.form.build import _glued_fiscal
    from assistant.extract.parsers.form.header import _TRAILING_AMOUNT
    from assistant.extract.parsers.form.tokens import Token
    from assistant.extract.parsers.prose_projects import _PARTS_LEAD

    digits = "9" * 50_000 + "%"
    started = time.process_time()
    assert _TRAILING_AMOUNT.search(digits) is None
    assert list(_PARTS_LEAD.finditer(digits)) == []
    assert _glued_fiscal([[Token(digits, None, 0, len(digits), 0, 0)]]) is None
    assert time.process_time() - started < 2
    assert _TRAILING_AMOUNT.search("物业费1234,567.5万元").group(1) == "234,567"  # grouped digits after a digit
    assert _PARTS_LEAD.search("共计12,345万元，其中：").group("n") == "12,345"
    assert _glued_fiscal([[Token("合计10.00其中:本年财政拨款", None, 0, 17, 0, 0)]]).startswith("10.00其中")


def test_a_row_with_more_values_than_a_form_has_is_not_cut_by_one_pattern():
    """A header repeated side by side announces hundreds of value columns: no pattern of that many
    values is built (a01 repeated 32 times took 9 s); cut_row tries no name or value longer than any."""
    from assistant.extract.parsers.form.cut import cut_row
    from assistant.extract.parsers.form.runs import _MOST_VALUES, _split_run
    from assistant.extract.parsers.form.tokens import Token

    def run(values: int) -> Token:
        text = "学生家长满意度" + "≥90%" * values
        return Token(text, None, 0, len(text), 0, 0)

    assert len(_split_run(run(_MOST_VALUES), _MOST_VALUES)[0].values) == _MOST_VALUES
    assert _split_run(run(_MOST_VALUES + 1), _MOST_VALUES + 1) is None
    digits = "床位使用率≥" + "9" * 1600 + "%" * 20  # a11's row with a digit run: minutes, loose, before
    started = time.process_time()
    assert _split_run(Token(digits, None, 0, len(digits), 0, 0), 3, loose=True) is None
    assert time.process_time() - started < 1
    long_row = "学校满意度" * 400 + "≥90%"
    started = time.process_time()
    cut = cut_row(long_row, ["指标值"])
    assert time.process_time() - started < 5
    assert cut is None  # no name is 2,000 characters long
    cut = cut_row("学校满意度≥90%", ["指标值"])
    assert cut is not None and "学校满意度≥90%"[cut.cells[0][0] : cut.cells[0][1]] == "≥90%"
