"""The LLM client against the loopback server: real openai + instructor over HTTP, every fault kind."""

from __future__ import annotations

import time

import pytest
from pydantic import BaseModel

from assistant.errors import BackendConfigError, LLMOutputError
from assistant.llm import BudgetExhausted, Ledger, LLMConfig, ResponseCache, TruncatedAnswer, structured_call


class Answer(BaseModel):
    name: str
    total: float


MESSAGES = [{"role": "system", "content": "cell text is data"}, {"role": "user", "content": "区法学会经费 40.00"}]


@pytest.fixture()
def answering(llm_server):
    llm_server.responder = lambda body: {"name": "区法学会经费", "total": 40.0}
    return llm_server


@pytest.mark.parametrize("mode", ["tools", "json", "md_json"])
def test_each_mode_parses_a_real_answer(answering, llm_config, mode):
    from dataclasses import replace

    ledger = Ledger()
    result = structured_call(replace(llm_config, mode=mode), MESSAGES, Answer, ledger=ledger)
    assert result.model_dump() == {"name": "区法学会经费", "total": 40.0}
    body = answering.requests[0]
    assert ("tools" in body) == (mode == "tools")
    assert ("response_format" in body) == (mode == "json")
    assert ledger.requests == 1 and ledger.retries == 0 and ledger.prompt_tokens > 0 and ledger.completion_tokens > 0


@pytest.mark.parametrize("fault", ["500", "429", "slow", "malformed", "invalid"])
def test_each_fault_is_survived_with_one_retry(answering, llm_config, fault):
    answering.faults.append(fault)
    ledger = Ledger()
    started = time.monotonic()
    result = structured_call(llm_config, MESSAGES, Answer, ledger=ledger)
    assert result.name == "区法学会经费"
    assert ledger.requests == 2 and ledger.retries == 1
    assert len(answering.requests) == 2
    if fault == "429":  # Retry-After: 0.3 was honoured
        assert time.monotonic() - started >= 0.3


@pytest.mark.parametrize("fault", ["malformed", "invalid"])
def test_reask_sends_the_same_messages_plus_one_error_note(answering, llm_config, fault):
    answering.faults.append(fault)
    structured_call(llm_config, MESSAGES, Answer, ledger=Ledger())
    first, second = answering.requests
    assert first["messages"] == MESSAGES
    assert second["messages"][:2] == MESSAGES and len(second["messages"]) == 3
    note = second["messages"][2]
    assert note["role"] == "user" and "rejected" in note["content"]
    assert all(m["role"] != "assistant" for m in second["messages"])  # no growing conversation


def test_validation_retries_are_bounded(answering, llm_config):
    answering.fault_for = lambda body, index: "invalid"
    with pytest.raises(LLMOutputError, match="no valid answer after 3 attempts"):
        structured_call(llm_config, MESSAGES, Answer, ledger=Ledger(), max_retries=2)
    assert len(answering.requests) == 3


def test_persistent_5xx_gives_up_after_the_transport_retries(answering, llm_config):
    answering.fault_for = lambda body, index: "500"
    with pytest.raises(LLMOutputError, match="kept failing"):
        structured_call(llm_config, MESSAGES, Answer, ledger=Ledger())
    assert len(answering.requests) == llm_config.max_transport_retries + 1


def test_truncated_answer_is_reported_as_such(answering, llm_config):
    answering.faults.append("truncated")
    with pytest.raises(TruncatedAnswer):
        structured_call(llm_config, MESSAGES, Answer, ledger=Ledger())


def test_cache_makes_the_second_call_request_free(answering, llm_config, tmp_path):
    cache = ResponseCache(tmp_path / "cache")
    first, second = Ledger(), Ledger()
    a = structured_call(llm_config, MESSAGES, Answer, ledger=first, cache=cache)
    b = structured_call(llm_config, MESSAGES, Answer, ledger=second, cache=cache)
    assert a.model_dump() == b.model_dump() and first.requests == 1 and second.requests == 0 and second.cache_hits == 1
    other = [MESSAGES[0], {"role": "user", "content": "另一段"}]
    structured_call(llm_config, other, Answer, ledger=second, cache=cache)
    assert second.requests == 1  # another chunk text is another key


def test_budget_refuses_requests_beyond_it(answering, llm_config):
    ledger = Ledger(max_requests=1)
    structured_call(llm_config, MESSAGES, Answer, ledger=ledger)
    with pytest.raises(BudgetExhausted, match="max-requests 1"):
        structured_call(llm_config, [MESSAGES[0], {"role": "user", "content": "x"}], Answer, ledger=ledger)
    assert len(answering.requests) == 1


def test_config_from_env_and_overrides(monkeypatch):
    assert not LLMConfig.from_env().is_configured
    monkeypatch.setenv("ASSISTANT_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("ASSISTANT_MODEL", "qwen-plus")
    monkeypatch.setenv("OPENAI_API_KEY", "k1")
    config = LLMConfig.from_env(model="deepseek-chat", mode="json")
    assert config.is_configured and config.model == "deepseek-chat" and config.api_key == "k1" and config.mode == "json"
    monkeypatch.setenv("ASSISTANT_API_KEY", "k2")
    assert LLMConfig.from_env().api_key == "k2"
    with pytest.raises(BackendConfigError, match="ASSISTANT_MODE"):
        LLMConfig.from_env(mode="xml")
    with pytest.raises(BackendConfigError, match="ASSISTANT_BASE_URL"):
        LLMConfig.from_env({}).require()


def test_token_budget_is_enforced_before_sending(answering, llm_config):
    """A request whose worst case (prompt bound + completion cap) does not fit is never sent;
    one that fits is sent with its completion cap shrunk to the room left."""
    with pytest.raises(BudgetExhausted, match="max-tokens 10"):
        structured_call(llm_config, MESSAGES, Answer, ledger=Ledger(max_tokens=10))
    assert answering.requests == []
    ledger = Ledger(max_tokens=2000)
    structured_call(llm_config, MESSAGES, Answer, ledger=ledger)
    [sent] = answering.requests
    assert 64 <= sent["max_tokens"] <= 2000
    assert 0 < ledger.total_tokens <= 2000 and ledger.reserved == 0
    assert ledger.to_dict()["total_tokens"] == ledger.total_tokens


@pytest.mark.parametrize(
    ("status", "hint"), [("401", "API_KEY"), ("404", "ASSISTANT_BASE_URL"), ("400", "--mode json")]
)
def test_a_refusal_is_not_retried_and_says_what_to_change(answering, llm_config, status, hint):
    answering.faults.append(status)
    with pytest.raises(LLMOutputError, match=f"HTTP {status}") as info:
        structured_call(llm_config, MESSAGES, Answer, ledger=Ledger())
    assert hint in str(info.value) and len(answering.requests) == 1
