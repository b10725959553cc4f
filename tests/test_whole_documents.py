"""Documents the rules read only in part go whole to the LLM under ``--backend auto``, and what
the rules did read is never lost (over HTTP against the loopback server, tests/llm_server.py).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.extract import extract
from assistant.extract.llm import chunk_document, extract_auto
from assistant.ingest import read_path
from assistant.schema import BudgetTable

GOLD = Path(__file__).resolve().parent.parent / "gold" / "real"
PROSE = "c12-tongxin-training-prose"  # dev: a notice outline the prose reader reads, header flagged
SCRAMBLED = "a10-sh-putuo-sports-selfeval-pdftext"  # dev: a PDF text layer whose cells are out of order


def _dev(doc_id: str) -> Path:
    folder = GOLD / doc_id
    assert json.loads((folder / "meta.json").read_text())["split"] == "dev"
    return folder


def _gold(doc_id: str) -> BudgetTable:
    return BudgetTable.model_validate_json((_dev(doc_id) / "gold.json").read_text())


def _model_reading(table: BudgetTable):
    """A model that reads the document as its gold says (one project row)."""

    def respond(body):
        project = table.projects()[0]
        return {
            "title": table.title,
            "department": table.department,
            "currency_unit": table.currency_unit,
            "rows": [{"kind": "project", **project.model_dump(mode="json")}],
        }

    return respond


@pytest.fixture()
def config(llm_config):
    return replace(llm_config, cache=False)


@pytest.mark.parametrize("doc_id", [PROSE, SCRAMBLED])
def test_a_flagged_document_goes_whole_to_the_llm(llm_server, config, doc_id):
    gold = _gold(doc_id)
    llm_server.responder = _model_reading(gold)
    table = extract_auto(read_path(_dev(doc_id) / "source.txt"), config)
    assert llm_server.request_count >= 1
    assert table.meta.backend == "auto" and "whole_document" in table.meta.extra
    [project] = table.projects()
    assert [i.name for i in project.indicators] == [i.name for i in gold.projects()[0].indicators]


def test_labels_running_into_values_are_still_sent(llm_server):
    """A form whose only text line holds every label (项目名称 … 绩效指标) looks like a table's
    header row; it is the document itself, so it is sent as the body, not dropped."""
    doc = read_path(_dev(SCRAMBLED) / "source.txt")
    chunks = chunk_document(doc, 6000)
    assert chunks and "与委托运营方结算完成" in "".join(c.text for c in chunks)


def test_a_failed_llm_reading_keeps_what_the_rules_read(llm_server, config):
    llm_server.responder = lambda body: {"rows": "not a list"}  # a model answering nonsense
    doc = read_path(_dev(PROSE) / "source.txt")
    rules = extract(doc, "rules")
    table = extract_auto(doc, config)
    assert llm_server.request_count >= 1
    assert table.projects()[0].name == rules.projects()[0].name
    assert [i.name for i in table.projects()[0].indicators] == [i.name for i in rules.projects()[0].indicators]
    codes = [f.code for f in table.failures]
    assert "LLM_CHUNK_FAILED" in codes and "PROSE_NAME_FROM_TITLE" in codes
