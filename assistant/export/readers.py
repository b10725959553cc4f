"""Read back what the assistant writes: interchange JSON, JSONL, and its own CSV/XLSX.

A clerk exports a table, corrects it (in Excel, or by hand in the JSON) and brings it back
to validate, lint, draft from or add to the library; standard input works the same way, so
``extract … | lint -`` reads the JSON the first command wrote.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import InputError
from ..schema import BudgetTable, Project, Unit

__all__ = ["load_table", "load_table_bytes", "is_interchange_file", "looks_like_json"]

#: suffixes of what the assistant writes and can read back as a table without extracting it
_OWN_SUFFIXES = (".json", ".jsonl")


def looks_like_json(data: bytes) -> bool:
    """Interchange JSON or JSONL: the first non-blank character is ``{`` (after a byte-order mark)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"{")


def is_interchange_file(path: str | Path) -> bool:
    return str(path) != "-" and Path(path).suffix.lower() in _OWN_SUFFIXES


def _decode_json(text: str, source: str) -> object:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise InputError(source, "JSON nested too deeply to be a table") from None
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON: {exc.msg}", row=exc.lineno) from None


def _reject_constant(name: str) -> object:
    raise json.JSONDecodeError(f"{name} is not allowed in a table (strict JSON)", name, 0)


def _validate(data: object, source: str) -> BudgetTable:
    from pydantic import ValidationError

    try:
        return BudgetTable.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(source, f"{first['msg']}", field=where) from None
    except RecursionError:
        raise InputError(source, "JSON nested too deeply to be a table") from None


def _from_jsonl(lines: list[str], source: str) -> BudgetTable:
    """JSONL as :func:`~.writers.dumps_jsonl` writes it: one project a line, with its department and unit."""
    table = BudgetTable()
    units: dict[str, Unit] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record = _decode_json(line, f"{source}:{number}")
        if not isinstance(record, dict):
            raise InputError(source, "each JSONL line must be one project (a JSON object)", row=number)
        department, unit_name = record.pop("department", None), record.pop("unit", None)
        table.department = table.department or department
        unit_name = unit_name or table.department or ""
        try:
            project = Project.model_validate(record)
        except Exception as exc:  # pydantic ValidationError: name the line
            raise InputError(source, f"not a project: {str(exc).splitlines()[0]}", row=number) from None
        if unit_name not in units:
            units[unit_name] = Unit(name=unit_name)
            table.units.append(units[unit_name])
        units[unit_name].projects.append(project)
    return table


def load_table_bytes(data: bytes, source: str) -> BudgetTable:
    """A table from interchange JSON or JSONL bytes.

    Raises:
        InputError: not UTF-8, not strict JSON, nested too deep, or not the interchange shape
        (the message names the first bad field).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 JSON (byte {exc.start})") from None
    if _is_jsonl(text):
        return _from_jsonl(text.splitlines(), source)
    return _validate(_decode_json(text, source), source)


def _is_jsonl(text: str) -> bool:
    """JSONL (one project a line) rather than one table: the first line is a whole JSON object
    and it is a project, not a table (no ``units``)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        record = json.loads(first)
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and "units" not in record and ("name" in record or "indicators" in record)


def load_table(path: str | Path) -> BudgetTable:
    """Load what the assistant wrote: interchange JSON or JSONL from a file or ``-`` (standard
    input), or its own CSV/XLSX export.

    Raises:
        InputError: the file cannot be read or is not a table the assistant wrote.
    """
    if str(path) == "-":
        return load_table_bytes(sys.stdin.buffer.read(), "<stdin>")
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file: {exc.strerror or exc}") from None
    if path.suffix.lower() in (".csv", ".xlsx") and not looks_like_json(data):
        from ..extract.parsers.flat import is_flat_export, read_flat_export
        from ..ingest import read_bytes

        doc = read_bytes(data, str(path), suffix=path.suffix)
        if not is_flat_export(doc):
            raise InputError(str(path), "not a table exported by this tool (its 项目/绩效指标 columns are missing)")
        return read_flat_export(doc)
    return load_table_bytes(data, str(path))
