"""The LLM path under endpoint faults (issue 11): bounded in time and budget, clear exit codes.

Over the loopback server (tests/llm_server.py), a closed port and a non-routable address;
nothing reaches the internet.
"""

from __future__ import annotations

import json
import socket
import time
from dataclasses import replace

import pytest
from llm_server import table_responder

from assistant.cli import main
from assistant.errors import BackendConfigError, LLMOutputError
from assistant.extract.llm import chunk_document, extract_llm
from assistant.ingest import read_path
from assistant.llm import Ledger, LLMConfig, ResponseCache, structured_call
from assistant.llm.client import EndpointUnreachable

MESSAGES = [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@pytest.fixture()
def config(llm_config):
    return replace(llm_config, cache=False)


@pytest.fixture()
def seed_doc(seed_path):
    return read_path(seed_path)


def cli(argv, capfd):
    code = main(argv)
    out, err = capfd.readouterr()
    return code, out, err


def test_a_trickling_endpoint_is_cut_at_the_total_request_timeout(llm_server, config):
    """One byte every 0.2 s: each read is quick, the request is not; the timeout is for the whole."""
    from pydantic import BaseModel

    class Answer(BaseModel):
        value: str = "x" * 200

    llm_server.trickle_seconds = 0.2
    llm_server.faults.extend(["trickle"] * 5)
    started = time.monotonic()
    with pytest.raises(LLMOutputError, match="within"):
        structured_call(replace(config, timeout=1.0, max_transport_retries=1), MESSAGES, Answer, ledger=Ledger())
    elapsed = time.monotonic() - started
    assert elapsed < 2 * 1.0 + 3.0  # the answer alone would take over a minute at this pace
    assert len(json.dumps({"value": "x" * 200})) * 0.2 > 40


def test_a_refused_connection_exits_2_naming_the_endpoint_quickly(seed_path, capfd):
    url = closed_port_url()
    started = time.monotonic()
    code, out, err = cli(
        ["extract", str(seed_path), "--backend", "llm", "--base-url", url, "--model", "m", "--no-cache"], capfd
    )
    assert code == 2 and url in err and "Traceback" not in err and out == ""
    assert time.monotonic() - started < 10


def test_unreachable_is_raised_only_when_nothing_was_reached(seed_doc):
    config = LLMConfig.from_env({}, base_url=closed_port_url(), model="m", cache=False, backoff_base=0.01)
    with pytest.raises(EndpointUnreachable, match="127.0.0.1"):
        extract_llm(seed_doc, config)


def test_all_500s_end_without_a_sleep_after_the_last_try(llm_server, config):
    from pydantic import BaseModel

    class Answer(BaseModel):
        value: str

    llm_server.fault_for = lambda body, index: "500"
    started = time.monotonic()
    with pytest.raises(LLMOutputError, match="kept failing after 2 tries"):
        structured_call(replace(config, backoff_base=1.5, max_transport_retries=1), MESSAGES, Answer, ledger=Ledger())
    elapsed = time.monotonic() - started
    assert 1.5 <= elapsed < 1.5 * 1.25 + 1.5  # one backoff between the tries, none after the last


def test_every_chunk_failing_exits_1_with_the_chunks_listed(llm_server, seed_path, capfd):
    llm_server.fault_for = lambda body, index: "500"
    code, out, err = cli(
        [
            "extract",
            str(seed_path),
            "--backend",
            "llm",
            "--base-url",
            llm_server.base_url,
            "--model",
            "m",
            "--no-cache",
        ],
        capfd,
    )
    data = json.loads(out)
    chunks = chunk_document(read_path(seed_path), 6000)
    assert code == 1 and data["units"] == [] and len(data["failures"]) == len(chunks)
    assert "Traceback" not in err


def test_a_silent_endpoint_is_bounded_by_the_run_deadline(llm_server, seed_path, capfd):
    llm_server.fault_for = lambda body, index: "silent"
    started = time.monotonic()
    code, out, err = cli(
        [
            "extract",
            str(seed_path),
            "--backend",
            "llm",
            "--base-url",
            llm_server.base_url,
            "--model",
            "m",
            "--no-cache",
            "--deadline",
            "2",
            "--timeout",
            "60",
        ],
        capfd,
    )
    assert time.monotonic() - started < 6
    data = json.loads(out)
    assert code == 1 and data["failures"] and "Traceback" not in err


def test_max_tokens_holds_under_concurrency(llm_server, config, seed_doc, gold_table):
    """Four chunks in flight at once cannot pass --max-tokens together: each holds its worst case."""
    llm_server.responder = table_responder(gold_table)
    llm_server.delay = 0.3
    config = replace(config, chunk_chars=2000, concurrency=4)
    chunks = chunk_document(seed_doc, 2000)
    budget = 40_000
    ledger = Ledger(max_tokens=budget)
    table = extract_llm(seed_doc, config, ledger=ledger)
    assert ledger.total_tokens <= budget and ledger.reserved == 0
    assert 0 < len(llm_server.requests) < len(chunks)
    assert any("not sent" in f.message and "--max-tokens 40000" in f.message for f in table.failures)


@pytest.mark.parametrize("damage", ["a file", "a directory entry"])
def test_a_broken_cache_is_reported_once_and_the_run_goes_on(
    llm_server, config, seed_doc, gold_table, tmp_path, damage
):
    llm_server.responder = table_responder(gold_table)
    folder = tmp_path / "cache"
    if damage == "a file":
        folder.write_text("not a folder")
    notices: list[str] = []
    cache = ResponseCache(folder, notice=notices.append)
    if damage == "a directory entry":  # every entry's path is a folder: reads miss, writes fail
        real_path = cache._path
        cache._path = lambda key: (real_path(key).mkdir(parents=True, exist_ok=True), real_path(key))[1]
    table = extract_llm(seed_doc, replace(config, cache=True), cache=cache)
    assert len(table.projects()) == len(gold_table.projects()) and table.failures == []
    assert len(notices) == 1 and "cache" in notices[0]
    assert table.meta.extra["cache_problem"]


def test_a_remote_endpoint_is_announced_on_stderr(seed_path, capfd):
    """A table about to leave the machine: one line naming the host and the model, before any request.
    (192.0.2.1 is a documentation address: nothing answers; the run then exits 2 naming it.)"""
    code, _, err = cli(
        [
            "extract",
            str(seed_path),
            "--backend",
            "llm",
            "--base-url",
            "http://192.0.2.1:8000/v1",
            "--model",
            "qwen-plus",
            "--no-cache",
            "--timeout",
            "2",
        ],
        capfd,
    )
    announced = [line for line in err.splitlines() if "sending 3 chunks to 192.0.2.1 (model qwen-plus)" in line]
    assert len(announced) == 1 and code == 2 and "Traceback" not in err


@pytest.mark.parametrize("how", ["flag", "env"])
def test_offline_forbids_a_remote_endpoint(seed_path, capfd, monkeypatch, how):
    argv = ["extract", str(seed_path), "--backend", "llm", "--base-url", "https://api.openai.com/v1", "--model", "m"]
    if how == "flag":
        argv.append("--offline")
    else:
        monkeypatch.setenv("ASSISTANT_OFFLINE", "1")
    code, out, err = cli(argv, capfd)
    assert code == 2 and "api.openai.com" in err and "offline" in err and out == ""


def test_offline_allows_this_machine(llm_server, config, seed_doc, gold_table):
    llm_server.responder = table_responder(gold_table)
    table = extract_llm(seed_doc, replace(config, offline=True))
    assert len(table.projects()) == len(gold_table.projects())
    for url, local in [
        ("http://localhost:11434/v1", True),
        ("http://[::1]:8080/v1", True),
        ("http://127.0.0.5/v1", True),
        ("https://api.deepseek.com/v1", False),
        ("http://192.168.1.20:8000/v1", False),
    ]:
        assert LLMConfig(base_url=url, model="m").is_local is local
        if not local:
            with pytest.raises(BackendConfigError, match="offline"):
                LLMConfig(base_url=url, model="m", offline=True).require()
