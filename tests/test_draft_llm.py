"""LLM drafting against the loopback OpenAI-compatible server: the linter's findings are
sent back and the model's second answer fixes them."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.draft.library import load_library
from assistant.draft.llm import draft_with_llm
from assistant.draft.models import DraftRequest
from assistant.errors import BackendConfigError

REQUEST = DraftRequest(
    name="网格员巡查走访经费", goal="专职网格员每月巡查走访，及时上报网格事件，提高网格事件办结率。", budget=50
)


def _item(l1, l2, name, value, rationale="理由"):
    return {
        "level1_code": l1,
        "level2_code": l2,
        "name": name,
        "period_value": value,
        "annual_value": value,
        "rationale": rationale,
        "adapted_from": [],
    }


GOOD = [
    _item("1", "11", "网格巡查走访次数", "≥240次"),
    _item("1", "12", "网格事件办结率", "≥98%"),
    _item("1", "13", "网格事件按期上报率", "≥95%"),
    _item("1", "14", "项目成本控制", "≤50万元"),
    _item("2", "22", "网格事件处置率", "≥95%"),
    _item("3", "31", "辖区居民满意度", "≥90%"),
]
# the first answer: a vague satisfaction value and a misfiled code pair
FIRST = GOOD[:4] + [_item("1", "22", "网格事件处置率", "≥95%"), _item("3", "31", "辖区居民满意度", "全面提升")]


def _last_user_text(body):
    users = [m for m in body["messages"] if m["role"] == "user"]
    content = users[-1]["content"]
    return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)


def _responder(body):
    text = _last_user_text(body)
    return {"indicators": GOOD if "VALUE_VAGUE" in text else FIRST}


def test_a_vague_first_answer_is_reasked_with_the_findings_and_fixed(llm_server, llm_config):
    llm_server.responder = _responder
    library = load_library(include_user=False)
    draft = draft_with_llm(REQUEST, library, config=llm_config, retries=2)
    assert draft.attempts == 2 and llm_server.request_count == 2
    assert draft.findings == []
    assert [i.annual_value for i in draft.indicators][-1] == "≥90%"
    assert draft.backend == "llm" and draft.prompt_id == "draft" and draft.prompt_version == "2"
    assert draft.usage["requests"] == 2
    first, second = llm_server.requests
    first_prompt = _last_user_text(first)
    # the few-shot examples are retrieved library indicators of similar (grid) projects
    assert "网格事件办结率" in first_prompt and "网格员巡查走访经费" in first_prompt
    reask = _last_user_text(second)
    assert "VALUE_VAGUE" in reask and "全面提升" in reask and "CODE_PAIR_MISMATCH" in reask
    # the re-ask carries the previous answer so the model can correct it
    assert any(m["role"] == "assistant" for m in second["messages"])


def test_findings_left_after_the_last_retry_are_reported(llm_server, llm_config):
    llm_server.responder = lambda body: {"indicators": FIRST}
    draft = draft_with_llm(REQUEST, load_library(include_user=False), config=llm_config, retries=1)
    assert draft.attempts == 2 and llm_server.request_count == 2
    codes = {f["code"] for f in draft.findings}
    assert {"VALUE_VAGUE", "CODE_PAIR_MISMATCH"} <= codes


def test_too_few_indicators_is_a_finding(llm_server, llm_config):
    llm_server.responder = lambda body: {"indicators": GOOD[:2]}
    draft = draft_with_llm(REQUEST, load_library(include_user=False), config=llm_config, retries=0)
    assert "INDICATOR_COUNT" in {f["code"] for f in draft.findings}


def test_draft_cli_with_llm_backend(llm_env, tmp_path, capsys):
    llm_env.responder = _responder
    out = tmp_path / "draft.json"
    assert (
        main(
            [
                "--lang",
                "en",
                "draft",
                "--backend",
                "llm",
                "--name",
                REQUEST.name,
                "--goal",
                REQUEST.goal,
                "--budget",
                "50",
                "-o",
                str(out),
                "--strict",
            ]
        )
        == 0
    )
    assert "in 2 attempt(s); passes the linter" in capsys.readouterr().err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["backend"] == "llm" and data["meta"]["prompt_id"] == "draft"
    assert main(["lint", str(out), "--strict"]) == 0


def test_llm_backend_without_endpoint_says_what_to_set(capsys):
    assert main(["draft", "--backend", "llm", "--name", "x"]) == 2
    assert "ASSISTANT_BASE_URL" in capsys.readouterr().err
    from assistant.llm import LLMConfig

    with pytest.raises(BackendConfigError):
        draft_with_llm(REQUEST, load_library(include_user=False), config=LLMConfig.from_env({}))


def test_leave_one_out_with_the_llm_backend(llm_server, llm_config):
    from assistant.draft.evaluation import evaluate_drafting

    llm_server.responder = _responder
    samples, summary = evaluate_drafting(backend="llm", projects=["综合网格工作经费"], config=llm_config, retries=1)
    assert len(samples) == 1 and samples[0]["attempts"] == 2 and samples[0]["passed"]
    # the canned grid-patrol answer names 巡查/走访, which 综合网格工作经费's own text does not: replaced, and said so
    assert samples[0]["remaining_findings"] == ["OFF_TOPIC_REPLACED"] and samples[0]["off_topic"] == 0
    # the examples sent to the model never include the project left out
    assert "综合网格工作经费 /" not in _last_user_text(llm_server.requests[0])
    assert summary["backend"] == "llm" and summary["full_coverage_share"] == 1.0


PROPERTY = DraftRequest(
    name="物业管理费支出", goal="为展馆提供物业管理、保洁和安保服务，服务面积12000平方米", budget=150
)
# a model that copies the seed department's topics into a property project
OFF_TOPIC = [
    _item("1", "11", "物业服务面积", "12000平方米"),
    _item("1", "11", "已安装门禁系统的出租屋内来穗人员登记率", "≥95%"),
    _item("1", "12", "保洁质量考核达标率", "≥95%"),
    _item("1", "13", "报修响应及时率", "≥95%"),
    _item("1", "14", "物业服务费用控制", "≤125元/平方米"),
    _item("2", "22", "网格事件办结率", "≥98%"),
    _item("3", "31", "服务对象满意度", "≥90%"),
]


def test_the_prompt_carries_the_type_template_and_only_on_topic_examples(llm_server, llm_config):
    llm_server.responder = lambda body: {
        "indicators": OFF_TOPIC[:1] + OFF_TOPIC[2:5] + [_item("2", "22", "安全责任事故发生次数", "0次"), OFF_TOPIC[6]]
    }
    draft = draft_with_llm(PROPERTY, load_library(include_user=False), config=llm_config, retries=0)
    prompt = _last_user_text(llm_server.requests[0])
    assert "物业/保洁/安保" in prompt and "保洁质量考核达标率" in prompt and "≥90%" in prompt
    # the seed's 来穗/出租屋/网格 indicators are never offered as examples for a property project
    assert not any(word in prompt for word in ("来穗", "出租屋", "网格"))
    assert draft.findings == [] and draft.project_types == ["物业/保洁/安保"]


def test_an_off_topic_answer_is_reasked_then_replaced(llm_server, llm_config):
    llm_server.responder = lambda body: {"indicators": OFF_TOPIC}
    draft = draft_with_llm(PROPERTY, load_library(include_user=False), config=llm_config, retries=1)
    assert draft.attempts == 2 and llm_server.request_count == 2
    reask = _last_user_text(llm_server.requests[1])
    assert "OFF_TOPIC" in reask and "来穗" in reask and "网格事件办结率" in reask
    names = [i.name for i in draft.indicators]
    assert not any(word in name for name in names for word in ("来穗", "出租屋", "网格"))
    assert "物业服务面积" in names and {"1", "2", "3"} <= {i.level1_code for i in draft.indicators}
    replaced = [i for i in draft.indicators if "与本项目主题不符" in i.rationale]
    assert len(replaced) == 2
    assert [f["code"] for f in draft.findings] == ["OFF_TOPIC_REPLACED"]
