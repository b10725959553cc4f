"""Every message a clerk may read is one some code says: a code no module emits is dead text that
drifts from what the rules do (round 12 removed FORM_NAME_CUT_AT_KEY, whose branch nothing reached)."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.messages import MESSAGES

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"

#: codes put together from parts (extract/llm/assemble.py: LLM_UNGROUNDED_UNIT + _COPIED + _FORM)
_COMPOSED = re.compile(r"^LLM_UNGROUNDED_(?:UNIT|PROJECT)(?:_COPIED)?(?:_FORM)?$")


def _emitted(code: str, text: str) -> bool:
    """``code`` is written somewhere besides its definition, or named by an f-string of its prefix
    (say(f"BATCH_STATUS_{status}")), or put together from parts."""
    if text.count(f'"{code}"') >= 2 or (_COMPOSED.match(code) and '"LLM_UNGROUNDED_UNIT"' in text):
        return True
    prefixes = [code[: i + 1] for i, ch in enumerate(code) if ch == "_"]
    return any(f'f"{prefix}{{' in text for prefix in prefixes)


def test_every_message_code_is_emitted_somewhere():
    text = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    assert [code for code in MESSAGES if not _emitted(code, text)] == []


def test_a_code_only_defined_is_found_unused():
    text = '"OLD_CODE": Text("旧", "old"),\nsay(f"BATCH_STATUS_{s}")'
    assert not _emitted("OLD_CODE", text)
    assert _emitted("BATCH_STATUS_ok", text)
