"""Installed from a wheel (not editable), the tool works from any folder: it finds its prompts,
its lint data and its drafting library inside the package, never next to it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the installed command, its environment) with the wheel unpacked into a folder of its own."""
    tmp = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            str(ROOT),
            "-w",
            str(tmp / "dist"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0:
        pytest.fail(f"building the wheel failed: {build.stderr[-2000:]}")
    wheel = next((tmp / "dist").glob("budget_assistant-*.whl"))
    site = tmp / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # the dependencies come from this environment; the package itself only from the wheel
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(site), sysconfig.get_paths()["purelib"]]), HOME=str(tmp / "home")
    )
    env.pop("ASSISTANT_GOLD_DIR", None)
    env.pop("ASSISTANT_PROMPTS_DIR", None)
    work = tmp / "elsewhere"
    work.mkdir()
    return site, env, work


def _run(installed, *args: str, **kwargs) -> subprocess.CompletedProcess:
    site, env, work = installed
    return subprocess.run(
        [sys.executable, str(site / "bin" / "budget-assistant"), *args],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def test_the_package_comes_from_the_wheel(installed):
    site, env, work = installed
    where = subprocess.run(
        [sys.executable, "-c", "import assistant; print(assistant.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(site)), where
    assert (site / "assistant" / "resources" / "prompts" / "extract").is_dir()


def test_help_names_the_installed_command(installed):
    result = _run(installed, "--help")
    assert result.returncode == 0 and "Usage: budget-assistant" in result.stdout


def test_extract_validate_and_lint_from_another_folder(installed, seed_path):
    site, env, work = installed
    result = _run(installed, "extract", str(seed_path), "-o", "table.json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads((work / "table.json").read_text(encoding="utf-8"))["units"][0]["projects"]) == 29
    assert _run(installed, "lint", "table.json").returncode == 0


def test_draft_from_another_folder(installed):
    result = _run(
        installed,
        "draft",
        "--name",
        "物业管理费支出",
        "--goal",
        "保障展馆日常物业管理服务",
        "--budget",
        "50",
        "-f",
        "json",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["units"][0]["projects"][0]["indicators"]


def test_the_llm_backend_from_another_folder(installed, seed_path, gold_table):
    sys.path.insert(0, str(ROOT / "tests"))
    from llm_server import LoopbackLLM, table_responder

    with LoopbackLLM(table_responder(gold_table)) as server:
        result = _run(
            installed,
            "extract",
            str(seed_path),
            "--backend",
            "llm",
            "--base-url",
            server.base_url,
            "--model",
            "loopback-model",
            "--api-key",
            "test-key",
            "--no-cache",
            "-o",
            "llm.json",
        )
    assert result.returncode == 0, result.stderr
    data = json.loads((installed[2] / "llm.json").read_text(encoding="utf-8"))
    assert data["meta"]["prompt_id"] and len(data["units"][0]["projects"]) == 29
