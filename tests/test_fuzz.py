"""Random and mangled text never crashes the reader or the extractor: a table or a clear error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.checks import validate_table
from assistant.errors import InputError
from assistant.extract.parsers.table import extract_table
from assistant.ingest import read_bytes

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_NOISE = st.sampled_from(
    list("\t\n:;：；、。,，-1234567890<>/p ") + ["涉密项目", "合计", "1、1-产出指标", "实施周期指标值", "年度指标值"]
)


def _read_and_extract(data: bytes, suffix: str = ".txt"):
    try:
        doc = read_bytes(data, "fuzz.txt", suffix=suffix)
        table = extract_table(doc)
    except InputError as exc:
        assert "fuzz.txt" in str(exc)
        return None
    validate_table(table)
    for failure in table.failures:
        assert failure.source == "fuzz.txt" and failure.message
    return table


@_SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    _read_and_extract(data)


@_SETTINGS
@given(st.text(max_size=2000), st.sampled_from([".txt", ".csv", ".tsv"]))
def test_random_text(text, suffix):
    _read_and_extract(text.encode("utf-8"), suffix)


@_SETTINGS
@given(st.data())
def test_mangled_seed(seed_text, data):
    text = seed_text
    for _ in range(data.draw(st.integers(1, 12))):
        pos = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "swap"]))
        if action == "delete":
            text = text[:pos] + text[pos + data.draw(st.integers(1, 40)) :]
        elif action == "insert":
            text = text[:pos] + data.draw(_NOISE) + text[pos:]
        else:
            text = text[:pos] + data.draw(_NOISE) + text[pos + 1 :]
    table = _read_and_extract(text.encode("utf-8"))
    if table is not None:
        # mangling a few places never loses the rest of the table
        assert len(table.projects()) >= 15
