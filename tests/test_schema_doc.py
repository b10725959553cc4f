"""The interchange contract lives in the repository, and its JSON Schema is the models' own."""

import json
from pathlib import Path

from assistant.schema import interchange_json_schema

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_the_committed_json_schema_is_generated_from_the_models():
    committed = json.loads((DOCS / "budget-table.schema.json").read_text(encoding="utf-8"))
    assert committed == interchange_json_schema(), (
        "docs/budget-table.schema.json is stale: regenerate it with "
        'python -c "import json; from assistant.schema import interchange_json_schema as s; '
        'print(json.dumps(s(), ensure_ascii=False, indent=2))" > docs/budget-table.schema.json'
    )


def test_the_interchange_doc_names_every_field_of_the_schema():
    doc = (DOCS / "interchange.md").read_text(encoding="utf-8")
    schema = interchange_json_schema()
    for name in ("title", "department", "currency_unit", "amounts", "units"):
        assert name in schema["properties"] and f'"{name}"' in doc
