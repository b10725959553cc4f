"""Few-shot examples, frozen from the gold records into a packaged resource file.

The prompt file names its examples (a gold record and the names of the rows to show);
:func:`freeze` turns them into source lines and expected answers once, at development
time, and writes ``assistant/resources/fewshot/<task>.json``. At run time only
:func:`load_examples` reads that file, so an installed wheel needs no ``gold/`` folder.

:func:`example_values` lists every name, text and amount shown in the examples: an answer
value equal to one of them that is not in the source was copied from the examples, not
read (see :mod:`assistant.extract.llm.assemble`).

Refresh after changing a prompt's ``examples``::

    python -m assistant.extract.llm.fewshot extract
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from ...errors import AssistantError
from ...prompts import Prompt
from .chunking import first_cell

__all__ = ["example_values", "freeze", "load_examples", "resource_path", "write_frozen"]

_ITEM_TEXTS = ("name", "period_value", "annual_value")


def resource_path(task: str) -> Path:
    """Where the frozen examples of ``task`` live inside the package."""
    return Path(str(resources.files("assistant").joinpath("resources", "fewshot", f"{task}.json")))


def freeze(prompt: Prompt) -> dict[str, Any]:
    """The prompt's examples read from the gold records: ``{"spec": …, "examples": [{"lines", "answer"}]}``."""
    from ...gold import default_gold_dir, load_gold
    from ...ingest import read_path

    examples = []
    for spec in prompt.examples:
        record = load_gold(default_gold_dir() / f"{spec['gold']}.json")[0]
        if record.source_path is None:
            raise AssistantError(f"gold record {spec['gold']} has no source file to take example rows from")
        doc = read_path(record.source_path)
        units = {u.name: u for u in record.table.units}
        projects = list(record.table.projects())
        lines: list[str] = []
        answers: list[dict[str, Any]] = []
        for name in spec["rows"]:
            row = next((r for r in doc.rows if first_cell(r) == name and r.raw not in lines), None)
            if row is None:
                raise AssistantError(f"example row {name!r} is not in {record.source_path}")
            lines.append(row.raw)
            if name in units and not any(p.name == name for p in projects):
                unit = units[name]
                answers.append({"kind": "unit", "name": unit.name, "amounts": unit.amounts.model_dump(mode="json")})
            else:
                project = next(p for p in projects if p.name == name)
                projects.remove(project)
                answers.append({"kind": "project", **project.model_dump(mode="json")})
        answer = {"title": None, "department": None, "currency_unit": None, "rows": answers}
        examples.append({"gold": spec["gold"], "lines": lines, "answer": answer})
    return {"task": prompt.id, "spec": prompt.examples, "examples": examples}


@functools.cache
def _read(task: str) -> dict[str, Any]:
    path = resource_path(task)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssistantError(
            f"no frozen few-shot examples at {path}: run python -m assistant.extract.llm.fewshot {task}"
        ) from None


def load_examples(prompt: Prompt) -> list[dict[str, Any]]:
    """The frozen examples of ``prompt``.

    Raises:
        AssistantError: the file is missing or was frozen for other example rows than the prompt names.
    """
    data = _read(prompt.id)
    if data.get("spec") != prompt.examples:
        raise AssistantError(
            f"{resource_path(prompt.id)} was frozen for other examples than prompt "
            f"{prompt.id} v{prompt.version} names: run python -m assistant.extract.llm.fewshot {prompt.id}"
        )
    return data["examples"]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@functools.cache
def _values(task: str) -> tuple[frozenset[str], frozenset[Decimal]]:
    from ...llm.grounding import normalise

    texts: set[str] = set()
    amounts: set[Decimal] = set()
    for example in _read(task)["examples"]:
        for row in example["answer"]["rows"]:
            amounts.update(Decimal(str(v)) for v in row["amounts"].values() if v is not None)
            texts.update(normalise(s) for s in _strings([row.get("name"), row.get("goal")]))
            for item in row.get("indicators", []):  # not the category codes and names every table shares
                texts.update(normalise(s) for s in _strings([item.get(k) for k in _ITEM_TEXTS]))
    texts -= {"", *(normalise(s) for s in ("涉密项目",))}  # a fixed word of the domain, not an example's data
    return frozenset(t for t in texts if len(t) >= 2), frozenset(amounts)


def example_values(prompt: Prompt) -> tuple[frozenset[str], frozenset[Decimal]]:
    """(normalised texts, amounts) shown in the prompt's examples."""
    return _values(prompt.id)


def write_frozen(task: str = "extract") -> Path:
    """Freeze the examples of ``task``'s newest prompt from the gold into the package (maintainers,
    after a gold change: ``python cli.py library build`` does it)."""
    from ...prompts import load_prompt

    path = resource_path(task)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(freeze(load_prompt(task)), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
