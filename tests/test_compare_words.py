"""One vocabulary of comparison words (assistant/compare_words.py) read the same by every reader:
a target's value, a 指标方向 cell, a dumped row's first value word, a report's sentence; where a
reader takes fewer words the difference is the named one (达到 is no sign cell, the spoken
words lead no dumped value)."""

from __future__ import annotations

import re

import pytest

from assistant.compare_words import (
    ABOVE,
    AT_LEAST,
    AT_MOST,
    BELOW,
    REACH,
    SPOKEN_AT_LEAST,
    SPOKEN_AT_MOST,
    TABLE_WORDS,
    alternation,
)
from assistant.extract.parsers.form.labels import _SIGN_ONLY
from assistant.extract.parsers.form.numbered import _VALUE
from assistant.extract.parsers.prose_targets import targets_in
from assistant.targets import parse_target

WANT = {
    **dict.fromkeys(AT_LEAST + SPOKEN_AT_LEAST + REACH, "≥"),
    **dict.fromkeys(ABOVE, ">"),
    **dict.fromkeys(AT_MOST + SPOKEN_AT_MOST, "≤"),
    **dict.fromkeys(BELOW, "<"),
}


@pytest.mark.parametrize("word", sorted(WANT))
def test_every_word_reads_as_its_comparison_in_a_target(word):
    target = parse_target(f"{word}12次")
    assert (target.kind, target.comparison, target.value, target.unit) == ("quantitative", WANT[word], 12.0, "次")


@pytest.mark.parametrize("sign", ["≥", "≧", "≤", "≦", ">", "＞", "<", "＜"])
def test_every_sign_reads_in_a_target(sign):
    assert parse_target(f"{sign}95%").comparison in ("≥", "≤", ">", "<")


def test_a_sign_cell_holds_the_table_words_not_the_spoken_ones_nor_reach():
    assert all(_SIGN_ONLY.fullmatch(w) for w in (*TABLE_WORDS, "等于", "≥", "═"))
    assert not any(_SIGN_ONLY.fullmatch(w) for w in (*REACH, *SPOKEN_AT_LEAST, *SPOKEN_AT_MOST))


def test_a_dumped_value_starts_with_a_table_word_or_reach_not_a_spoken_one():
    assert all(_VALUE.search(f"{w}12个") for w in (*TABLE_WORDS, *REACH))
    assert not _VALUE.search("最多跑一次")  # a name's word, not a value


@pytest.mark.parametrize("word", sorted(TABLE_WORDS + SPOKEN_AT_LEAST + SPOKEN_AT_MOST))
def test_a_sentence_keeps_its_comparison_word_in_the_value(word):
    found = targets_in(f"培训人数{word}12人。")
    assert [(name, value) for name, _, value, _ in found] == [("培训人数", f"{word}12人")]


def test_a_word_is_never_cut_short_by_a_shorter_one_that_begins_it():
    pattern = re.compile(alternation(["大于", "大于等于", "达", "达到"]))
    assert [m.group() for m in pattern.finditer("大于等于 达到")] == ["大于等于", "达到"]
