"""The README's promises: two quick-start commands, and CI runs the same test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip()]


def test_quick_start_is_exactly_two_commands():
    commands = _quick_start()
    assert len(commands) == 2
    assert commands[0].startswith("pip install -e . && python cli.py extract gold/source/")
    source = commands[0].split("python cli.py extract ", 1)[1].split()[0]
    assert (ROOT / source).exists()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start()[1] in ci.splitlines()
