"""The category words the prose readers look for come from one place (assistant/taxonomy.py)."""

from __future__ import annotations

from assistant.extract.parsers.prose import _LABEL
from assistant.extract.parsers.prose_indicators import _LEVEL2
from assistant.extract.parsers.prose_targets import _CATEGORY_ONLY
from assistant.taxonomy import (
    CATEGORY_WORDS,
    EFFECT_WORDS,
    LEVEL1_ONLY_WORDS,
    LEVEL1_WORDS,
    LEVEL2_WORDS,
    code_for_level1_name,
    code_for_level2_name,
)


def test_the_words_are_the_category_names():
    assert LEVEL1_WORDS == ("产出", "效益", "满意度")
    assert LEVEL1_ONLY_WORDS == ("产出", "效益")
    assert LEVEL2_WORDS[:9] == (
        "数量",
        "质量",
        "时效",
        "成本",
        "经济效益",
        "社会效益",
        "生态效益",
        "可持续影响",
        "服务对象满意度",
    )
    assert EFFECT_WORDS == ("经济效益", "社会效益", "生态效益", "可持续影响")
    assert "效果" in CATEGORY_WORDS and len(set(CATEGORY_WORDS)) == len(CATEGORY_WORDS)


def test_every_level2_word_is_a_label_for_each_reader():
    for word in LEVEL2_WORDS:
        assert code_for_level2_name(word) is not None, word
        assert _LABEL.search(f"（一）{word}指标：") is not None, word  # the outline reader
        assert _LEVEL2.match(f"1.{word}指标：培训人数≥500人") is not None, word  # the report reader
        assert _CATEGORY_ONLY.fullmatch(f"{word}指标"), word  # never a measure's name
    for word in LEVEL1_WORDS:
        assert code_for_level1_name(word) is not None, word
