"""Fuzzing every reader and the extract / validate / lint commands: no crash, ever.

The generators and runners are in ``tests/fuzzing.py``. CI runs a few hundred cases
(``FUZZ_EXAMPLES`` per target, 20 by default); ``benchmarks/bench_fuzz.py`` runs 10,000
and more and counts outcomes. Run only these with ``pytest -m fuzz``.
"""

from __future__ import annotations

import os

import fuzzing
import pytest
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.fuzz

_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
#: the wall-clock bound of one case: a hang (round 11's quadratic regex in prose._blank_table_lines)
#: fails the test naming its input instead of stalling CI; far above the slowest case on a busy
#: 2-core machine (a hostile 400 KB cell takes more than 5 s), so a slow case never fails it
_SECONDS = float(os.environ.get("FUZZ_CASE_SECONDS", "120"))


@pytest.fixture(autouse=True, scope="module")
def _stub_ocr():
    """The OCR pipeline runs on every page with an engine that finds no text (conftest keeps us offline)."""
    with fuzzing.stub_ocr():
        yield


@pytest.mark.parametrize("target", sorted(fuzzing.TARGETS))
def test_target_never_crashes(target):
    family, runner = fuzzing.TARGETS[target]

    too_slow: list[str] = []

    # deadline=None: hypothesis' deadline only judges a case after it returns, and never stops a hang
    @settings(max_examples=_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(fuzzing.reader_input(family))
    def run(case):
        data, suffix = case
        try:
            with fuzzing.time_limit(_SECONDS, fuzzing.describe(data, suffix)):
                outcome = runner(data, suffix)
        except fuzzing.TooSlow as slow:  # said below, not shrunk: each try would take the whole bound again
            too_slow.append(str(slow))
            return
        assert outcome in ("ok", "refused")

    run()
    assert not too_slow, too_slow[0]


def test_a_case_past_its_bound_is_stopped_and_named():
    with pytest.raises(fuzzing.TooSlow, match="b'\\|\\|"):
        with fuzzing.time_limit(0.2, fuzzing.describe(b"||||", ".txt")):
            while True:
                pass
