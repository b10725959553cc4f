"""Where a drafting request comes from: flags, a JSON/YAML file, or a row of a table."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from pydantic import ValidationError
from rapidfuzz import process

from ..errors import InputError
from ..textnorm import normalize_for_compare
from .models import DraftRequest

__all__ = ["request_from_file", "request_from_table"]

#: a request is a handful of fields; anything much larger is not one (and bounds YAML's work)
_MAX_REQUEST = 1_000_000


def request_from_file(path: str) -> DraftRequest:
    """A request from a JSON or YAML file (``-`` for standard input) with the keys
    ``name``, ``goal``, ``budget``, ``department``, ``unit``.

    Raises:
        InputError: unreadable file, or a field that does not fit (named in the message).
    """
    try:
        text = sys.stdin.read(_MAX_REQUEST + 1) if path == "-" else Path(path).read_text(encoding="utf-8-sig")
        if len(text) > _MAX_REQUEST:
            raise InputError(
                path,
                f"a request file is a few lines (name, goal, budget); this one is over {_MAX_REQUEST:,} characters",
            )
        data = yaml.safe_load(text) if not path.lower().endswith(".json") else json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InputError(path, f"not a readable JSON/YAML request file: {exc}") from None
    except RecursionError:
        raise InputError(path, "nested too deeply to be a request (name, goal, budget)") from None
    if not isinstance(data, dict):
        raise InputError(path, "expected a mapping with name, goal, budget (万元), department, unit")
    try:
        return DraftRequest.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(path, first["msg"], field=".".join(str(p) for p in first["loc"])) from None


def request_from_table(path: str, project: str) -> DraftRequest:
    """The request for one project row of a table (any supported file or interchange JSON).

    Raises:
        InputError: no project of that name; the message lists the closest names.
    """
    from ..pipeline import check_path

    table, _ = check_path(path)
    wanted = normalize_for_compare(project)
    for unit in table.units:
        for row in unit.projects:
            if normalize_for_compare(row.name) == wanted:
                return DraftRequest(
                    name=row.name,
                    goal=row.goal or "",
                    budget=row.amounts.total,
                    department=table.department,
                    unit=unit.name,
                )
    names = [p.name for p in table.projects() if not p.classified]
    close = [name for name, _, _ in process.extract(project, names, limit=3)]
    raise InputError(path, f"no project named {project!r}; closest: {', '.join(close) or 'none'}", field="--project")
