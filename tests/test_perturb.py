"""The robustness slices: deterministic, each doing its own kind of mess, none losing the table."""

from __future__ import annotations

import unicodedata

import pytest

from assistant.evaluate.perturb import SLICES, parse_slices, perturb, perturb_text, reflow
from assistant.extract import extract as extract_document
from assistant.ingest import read_bytes


@pytest.mark.parametrize("name", list(SLICES))
def test_same_seed_same_bytes_and_the_text_changes(seed_text, name):
    first = perturb(seed_text, name, seed=7)
    assert first == perturb(seed_text, name, seed=7)
    assert first != seed_text.encode("utf-8")


@pytest.mark.parametrize("name", [n for n in SLICES if n not in ("gb18030",)])
def test_different_seeds_give_different_variants(seed_text, name):
    variants = {perturb(seed_text, name, seed=s) for s in range(4)}
    assert len(variants) > 1


@pytest.mark.parametrize("name", list(SLICES))
def test_every_slice_still_reads_as_a_table(seed_text, name):
    table = extract_document(read_bytes(perturb(seed_text, name, 0), f"seed#{name}"), "rules")
    assert len(table.projects()) == 29


def test_gb18030_is_the_same_text_in_another_encoding(seed_text):
    data = perturb(seed_text, "gb18030", 0)
    assert data.decode("gb18030") == seed_text
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_separators_swap_only_separator_characters(seed_text):
    changed = perturb_text(seed_text, "separators", 0)
    assert len(changed) == len(seed_text)
    diffs = {(a, b) for a, b in zip(seed_text, changed) if a != b}
    assert diffs and all(a in ":;：；" and b in ":;：；" for a, b in diffs)


def test_fullwidth_keeps_the_nfkc_text(seed_text):
    changed = perturb_text(seed_text, "fullwidth", 0)
    fold = lambda t: unicodedata.normalize("NFKC", t)  # noqa: E731
    assert changed != seed_text and fold(changed) == fold(seed_text)


def test_drop_columns_removes_only_empty_money_cells(seed_text):
    changed = perturb_text(seed_text, "drop_columns", 0)
    before = [line.split("\t") for line in seed_text.split("\n")]
    after = [line.split("\t") for line in changed.split("\n")]
    assert len(before) == len(after)
    shorter = [(b, a) for b, a in zip(before, after) if len(a) < len(b)]
    assert shorter
    for b, a in shorter:
        assert len(a) == len(b) - 1 and [c for c in b if c.strip()] == [c for c in a if c.strip()]


def test_page_breaks_only_add_blank_lines(seed_text):
    changed = perturb_text(seed_text, "page_breaks", 0)
    assert [line for line in changed.split("\n") if line.strip()] == [
        line for line in seed_text.split("\n") if line.strip()
    ]
    assert changed.count("\n") > seed_text.count("\n")


def test_thousands_separators_toggle(seed_text):
    changed = perturb_text(seed_text, "thousands", 0)
    assert changed.replace(",", "") != changed or "1,307.44" not in changed
    assert changed != seed_text
    assert changed.replace(",", "").count("1307.44") == seed_text.replace(",", "").count("1307.44")


def test_ocr_confuses_only_listed_characters(seed_text):
    changed = perturb_text(seed_text, "ocr", 0)
    assert len(changed) == len(seed_text)
    pairs = {(a, b) for a, b in zip(seed_text, changed) if a != b}
    allowed = set("0O1l丨己已巳，,")
    assert pairs and all(a in allowed and b in allowed for a, b in pairs)


def test_shuffle_pages_moves_rows_across_breaks_without_losing_any(seed_text):
    changed = perturb_text(seed_text, "shuffle_pages", 0)
    assert changed != seed_text
    assert sorted(changed.split("\n")) == sorted(seed_text.split("\n"))


def test_reflow_wraps_cells_onto_lines(seed_text):
    changed = perturb_text(seed_text, "reflow", 0)
    assert "\t" not in changed and changed.count("\n") > 3 * seed_text.count("\n")
    assert reflow("a\tbb", width=1) == "a\nb\nb"


def test_parse_slices():
    assert parse_slices("all") == list(SLICES)
    assert parse_slices(None) == [] and parse_slices("none") == []
    assert parse_slices("ocr, reflow,ocr") == ["ocr", "reflow"]
    with pytest.raises(ValueError, match="unknown slice"):
        parse_slices("ocr,typos")
