"""The extract command with the LLM backends: defaults, flags, --stats, a clear error without an endpoint."""

from __future__ import annotations

import json

from llm_server import table_responder

from assistant.cli import main


def run(argv, capfd):
    code = main(["--lang", "en", *argv])  # these check the English wording
    out, err = capfd.readouterr()
    return code, out, err


def test_default_backend_is_rules_without_an_endpoint(seed_path, capfd):
    code, out, _ = run(["extract", str(seed_path)], capfd)
    assert code == 0 and json.loads(out)["meta"]["backend"] == "rules"


def test_llm_backend_without_an_endpoint_exits_2_and_says_what_to_set(seed_path, capfd):
    code, out, err = run(["extract", str(seed_path), "--backend", "llm"], capfd)
    assert code == 2 and out == ""
    assert "ASSISTANT_BASE_URL" in err and "--base-url" in err


def test_default_backend_is_auto_with_an_endpoint_and_stats_print_the_ledger(seed_path, llm_env, capfd):
    code, out, err = run(["extract", str(seed_path), "--stats"], capfd)
    assert code == 0
    meta = json.loads(out)["meta"]
    assert meta["backend"] == "auto" and meta["model"] == "loopback-model" and meta["ledger"]["requests"] == 0
    assert "LLM ledger" in err and "requests" in err
    assert llm_env.requests == []


def test_flags_configure_the_llm_backend_and_the_budget(seed_path, llm_server, gold_table, capfd, tmp_path):
    llm_server.responder = table_responder(gold_table)
    out_file = tmp_path / "t.json"
    argv = [
        "extract",
        str(seed_path),
        "--backend",
        "llm",
        "--base-url",
        llm_server.base_url,
        "--model",
        "m1",
        "--api-key",
        "k",
        "--mode",
        "json",
        "--no-cache",
        "--max-requests",
        "1",
        "--concurrency",
        "1",
        "--timeout",
        "5",
        "-o",
        str(out_file),
        "--stats",
    ]
    code, _, err = run(argv, capfd)
    assert code == 0
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["meta"]["ledger"]["requests"] == 1 and data["meta"]["extra"]["mode"] == "json"
    assert data["failures"] and all("not sent" in f["message"] for f in data["failures"])
    assert "not sent" in err and "LLM ledger" in err
    assert len(llm_server.requests) == 1 and "response_format" in llm_server.requests[0]
    assert llm_server.requests[0]["model"] == "m1"
    code, _, _ = run(argv + ["--strict"], capfd)
    assert code == 1
