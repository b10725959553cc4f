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


@pytest.fixture(autouse=True, scope="module")
def _stub_ocr():
    """The OCR pipeline runs on every page with an engine that finds no text (conftest keeps us offline)."""
    with fuzzing.stub_ocr():
        yield


@pytest.mark.parametrize("target", sorted(fuzzing.TARGETS))
def test_target_never_crashes(target):
    family, runner = fuzzing.TARGETS[target]

    @settings(max_examples=_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(fuzzing.reader_input(family))
    def run(case):
        data, suffix = case
        assert runner(data, suffix) in ("ok", "refused")

    run()
