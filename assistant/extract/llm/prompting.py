"""The messages of one chunk: the versioned prompt, fenced few-shot examples, the fenced data.

The examples come from the packaged resource frozen by :mod:`.fewshot`; each sits between
``<<<EXAMPLE n …>>>`` markers that say it is from another table, so a model cannot take
it for the data. The chunk sits between ``<<<DATA tag>>>`` markers whose tag is a hash of
the chunk, so text inside a cell cannot close the data block early.
"""

from __future__ import annotations

import functools
import hashlib
import json

from ...prompts import Prompt
from .chunking import Chunk
from .fewshot import load_examples

__all__ = ["build_messages", "render_examples", "system_message"]


@functools.lru_cache(maxsize=8)
def _rendered(prompt: str) -> str:
    from ...prompts import Prompt as _P

    return render_examples(_P.model_validate_json(prompt))


def render_examples(prompt: Prompt) -> str:
    """The frozen examples, each fenced and labelled as an example from another table."""
    blocks = []
    for n, example in enumerate(load_examples(prompt), 1):
        answer = json.dumps(example["answer"], ensure_ascii=False, separators=(",", ":"))
        blocks.append(
            f"<<<EXAMPLE {n}: 示例，取自另一张表，不是要录入的数据 / from ANOTHER table, not the data>>>\n"
            + "\n".join(example["lines"])
            + f"\n<<<EXAMPLE {n} ANSWER>>>\n{answer}\n<<<END EXAMPLE {n}>>>"
        )
    return "\n\n".join(blocks) or "(none)"


def system_message(prompt: Prompt) -> str:
    """The fixed system text with the few-shot examples filled in."""
    return prompt.system.replace("{examples}", _rendered(prompt.model_dump_json()))


def build_messages(chunk: Chunk, prompt: Prompt) -> list[dict[str, str]]:
    """System and user messages for one chunk; the chunk text sits between DATA markers."""
    tag = hashlib.sha256((chunk.header + chunk.text).encode("utf-8")).hexdigest()[:10]
    notes = f"\n{chunk.notes}\n" if chunk.notes else ""
    user = prompt.render(
        first_line=chunk.first_line,
        last_line=chunk.last_line,
        tag=tag,
        header=chunk.header or "(no header rows)",
        data=chunk.text,
        notes=notes,
    )
    return [{"role": "system", "content": system_message(prompt)}, {"role": "user", "content": user}]
