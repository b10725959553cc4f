"""Step 4 of the pipeline: writers for every format, readers for what the assistant wrote,
and atomic file writes."""

from .files import write_atomic, write_output
from .readers import is_interchange_file, load_table, load_table_bytes, looks_like_json
from .writers import (
    FORMATS,
    INDICATOR_COLUMNS,
    PROJECT_COLUMNS,
    dumps_csv,
    dumps_json,
    dumps_jsonl,
    export_bytes,
    render_indicators,
    render_table,
    to_interchange,
    xlsx_bytes,
)

__all__ = [
    "FORMATS",
    "PROJECT_COLUMNS",
    "INDICATOR_COLUMNS",
    "to_interchange",
    "dumps_json",
    "dumps_jsonl",
    "dumps_csv",
    "xlsx_bytes",
    "render_indicators",
    "render_table",
    "export_bytes",
    "load_table",
    "load_table_bytes",
    "is_interchange_file",
    "looks_like_json",
    "write_atomic",
    "write_output",
]
