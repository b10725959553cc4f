"""Read a small form text with the rules and list its indicators' chosen fields: the one reading
the form tests share (each test file keeps only its own header text and fields)."""

from __future__ import annotations

from assistant.export import to_interchange
from assistant.extract import extract
from assistant.ingest import read_bytes

#: the stamp line a form ends with (the grid ends there)
STAMP = "填报人：张三\n"


def read_form(text: str, fields: tuple[str, ...] = ("level2_name", "name", "annual_value")):
    """(a tuple of ``fields`` per indicator in reading order, the extracted table)."""
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    items = [
        tuple(i[f] for f in fields)
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]
    return items, table
