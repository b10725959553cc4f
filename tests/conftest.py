"""Shared fixtures. Each feature's fixtures live in a delimited block below."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "gold" / "source" / "000_e2922c57f8184701.txt"
SEED_GOLD = ROOT / "gold" / "000_e2922c57f8184701.json"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """How many workers pyproject's ``-n auto`` starts: every core (xdist's count) for the suite, a
    folder or a marker run; none for a run of named test files or tests, where starting workers
    costs more than it saves. ``-n N`` or PYTEST_XDIST_AUTO_NUM_WORKERS decide instead."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    if config.args and all(arg.split("::")[0].endswith(".py") for arg in config.args):
        return 0
    return None


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Keep every test's caches, libraries and eval runs out of the user's home and the repo."""
    home = tmp_path_factory.mktemp("assistant-home")
    monkeypatch.setenv("ASSISTANT_HOME", str(home / "home"))
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("ASSISTANT_EVALS_DIR", str(home / "evals"))
    for name in ("ASSISTANT_BASE_URL", "ASSISTANT_MODEL", "ASSISTANT_API_KEY", "OPENAI_API_KEY", "ASSISTANT_MODE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture()
def gold_table():
    from assistant.export import load_table

    return load_table(SEED_GOLD)


@pytest.fixture(scope="session")
def cjk_font():
    """A CJK font to draw scanned pages with; tests that draw skip, saying why, without one."""
    from scan_render import find_cjk_font  # tests/ is on sys.path: pytest puts conftest's folder there

    font = find_cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-zenhei, or set ASSISTANT_CJK_FONT)")
    return font


# ---- feature fixtures below: one delimited block per feature ----


# ---- LLM chain: loopback OpenAI-compatible server and an LLMConfig pointing at it ----
# tests/llm_server.py holds the server; see its docstring for scripted answers and faults.


@pytest.fixture()
def llm_server():
    """A started :class:`tests.llm_server.LoopbackLLM` on 127.0.0.1 (answers ``{}`` until given a responder)."""
    from llm_server import LoopbackLLM

    with LoopbackLLM() as server:
        yield server


@pytest.fixture()
def llm_config(llm_server, tmp_path):
    """An :class:`assistant.llm.LLMConfig` for the loopback server: short timeout, fast backoff."""
    from assistant.llm import LLMConfig

    return LLMConfig.from_env(
        {}, base_url=llm_server.base_url, model="loopback-model", api_key="test-key", timeout=2.5, backoff_base=0.01
    )


@pytest.fixture()
def llm_env(llm_server, monkeypatch):
    """The ASSISTANT_* environment variables set for the loopback server (what a user would export)."""
    monkeypatch.setenv("ASSISTANT_BASE_URL", llm_server.base_url)
    monkeypatch.setenv("ASSISTANT_MODEL", "loopback-model")
    monkeypatch.setenv("ASSISTANT_API_KEY", "test-key")
    return llm_server


# ---- end LLM chain block ----


# ---- real-model lane (tests/test_realmodel.py) ----
def pytest_collection_modifyitems(config, items):
    """The realmodel lane runs only when asked for (pytest -m realmodel): it takes minutes."""
    if "realmodel" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="the real-model lane runs with: pytest -m realmodel")
    for item in items:
        if "realmodel" in item.keywords:
            item.add_marker(skip)


# ---- end real-model lane ----
