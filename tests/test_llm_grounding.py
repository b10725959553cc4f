"""Grounding: values looked up in the source exactly after normalisation, then fuzzily; numbers strictly."""

from __future__ import annotations

from assistant.extract.llm import build_messages, chunk_document, system_message
from assistant.ingest import read_path
from assistant.llm.grounding import Grounder, confidence
from assistant.prompts import load_prompt

ROW = "区法学会经费\t４０.００\t1,307.44\t<p>进一步发挥区法学会 作用，开展法治宣传活动。</p>\t1、1-产出指标:11-数量指标;课题研究项目个数;年度指标值:1个。"


def test_exact_after_width_punctuation_space_and_markup_normalisation():
    grounder = Grounder("xx\n" + ROW, 3)
    found = grounder.find_text("进一步发挥区法学会作用,开展法治宣传活动")
    assert found.alignment == "exact" and found.score == 100
    assert ("xx\n" + ROW)[found.start : found.end].startswith("进一步发挥区法学会 作用")
    assert grounder.find_number(40).alignment == "exact"  # full-width digits
    assert grounder.find_number("1307.44").alignment == "exact"  # thousands separator


def test_fuzzy_then_ungrounded_and_confidence_follows_the_evidence():
    grounder = Grounder(ROW)
    exact = grounder.find_text("课题研究项目个数")
    fuzzy = grounder.find_text("进一步发挥区法学会作用，开展法制宣传活动")  # 法治 → 法制
    missing = grounder.find_text("购置办公设备一批并完成验收")
    assert fuzzy.alignment == "fuzzy" and 85 <= fuzzy.score < 100
    assert missing.alignment == "ungrounded"
    ranked = [confidence(exact), confidence(fuzzy), confidence(missing)]
    assert ranked == sorted(ranked, reverse=True) and len(set(ranked)) == 3
    assert confidence(exact, rules_agree=True) > confidence(exact) > confidence(exact, validators_passed=False)


def test_numbers_that_are_not_in_the_source_are_errors():
    grounder = Grounder(ROW)
    assert grounder.find_number(41).is_number_error
    invented = grounder.find_text("年度指标值:3个")
    assert invented.invented_numbers == ("3",) and confidence(invented) == 0.0
    assert not grounder.find_text("年度指标值:1个").is_number_error


def test_the_prompt_carries_gold_examples_and_fences_the_data(seed_path):
    prompt = load_prompt("extract")
    assert (prompt.id, prompt.version) == ("extract", 2)
    system = system_message(prompt)
    assert "{examples}" not in system
    assert "区法学会经费\t40.00" in system and '"name":"区法学会经费"' in system  # a gold row and its answer
    # the example is fenced and labelled as coming from another table
    start, end = system.index("<<<EXAMPLE 1:"), system.index("<<<END EXAMPLE 1>>>")
    assert "ANOTHER table" in system[start:end] and start < system.index("区法学会经费\t40.00") < end
    chunk = chunk_document(read_path(seed_path), 6000)[0]
    user = build_messages(chunk, prompt)[1]["content"]
    assert user.index("<<<DATA") < user.index(chunk.text) < user.index("<<<END DATA")


def test_a_value_longer_than_its_cell_is_not_grounded_by_the_cell_inside_it():
    """A weak model's invented name that contains a real one: the cell is inside the value, not the
    value inside the cell."""
    cell = Grounder("社区矫正信息化建设项目")
    assert cell.find_text("矫正信息化建设项目未完成；动物政策").alignment == "ungrounded"
    assert cell.find_text("社区矫正信息化建设项目。").alignment == "exact"
    assert cell.find_text("社区矫正信息化建没项目").alignment == "fuzzy"  # one character misread
