"""Published indicator libraries: kept verbatim with their source, parsed into typed records,
packed into the library, never copied from a test-split document, and drafted with their
source shown."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path

import pytest

from assistant.draft.adapt import draft_offline
from assistant.draft.library import Library
from assistant.draft.models import DraftRequest
from assistant.draft.published import _LEVEL1, _LEVEL2, _plain, load_published, parse_library, published_indicators
from assistant.draft.types import load_types, type_keywords
from assistant.export import load_table
from assistant.taxonomy import LEVEL2

ROOT = Path(__file__).resolve().parents[1]
LIBRARIES = ROOT / "gold" / "indicator_libraries"
REAL = ROOT / "gold" / "real"


def _folders():
    return sorted(p.parent for p in LIBRARIES.glob("*/meta.json"))


def test_every_library_keeps_its_text_address_and_date_and_is_in_the_manifest():
    with (LIBRARIES / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = {row["id"]: row for row in csv.DictReader(handle)}
    assert len(_folders()) >= 5
    for folder in _folders():
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        assert meta["id"] == folder.name and meta["id"] in manifest
        assert meta["source"].startswith("http") and manifest[meta["id"]]["source"] == meta["source"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["retrieved"])
        assert (folder / "source.txt").read_text(encoding="utf-8").strip()


def test_records_have_a_type_a_valid_code_and_a_name():
    types = {t.id for t in load_types().types}
    records = load_published(ROOT / "gold")
    assert len(records) >= 60
    for record in records:
        assert record.type_id in types and record.level2_code in LEVEL2
        assert 2 <= len(record.name) <= 24 and not re.search(r"[\s|=]", record.name)
    assert len({r.type_id for r in records}) >= 8  # several kinds of project and sectors


def test_the_outline_format_reads_sections_codes_and_units():
    records = parse_library(LIBRARIES / "lib01-common-by-project-class")
    by_name = {r.name: r for r in records}
    assert by_name["培训出勤率"].type_id == "training" and by_name["培训出勤率"].level2_code == "12"
    assert by_name["培训出勤率"].unit == "%"
    assert by_name["受训学员满意度"].level2_code == "31"
    assert by_name["与会人员满意度"].type_id == "meeting"  # traditional text and pinyin residue folded
    assert by_name["评审合格率"].type_id == "research"  # a section heading wrapped onto two lines


def test_the_terms_format_keeps_stated_levels_and_leaves_formula_operands_out():
    health = {r.name: r for r in parse_library(LIBRARIES / "lib02-phs-minimum-rates")}
    assert health["电子健康档案建档率"].value == "80%"
    assert "国家基本功各卫生服务项目考核比率" not in health  # dropped by its meta, with the reason
    agriculture = {r.name for r in parse_library(LIBRARIES / "lib03-agri-support-classified")}
    assert "良种推广率" in agriculture and "当年种植面积" not in agriculture


def test_the_packaged_library_carries_the_records():
    assert len(published_indicators()) == len(load_published(ROOT / "gold"))


def _test_documents():
    for meta_path in sorted(REAL.glob("*/meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("split") == "test":
            yield meta, meta_path.parent


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.skipif(not REAL.is_dir(), reason="needs the real corpus")
def test_no_library_is_a_test_document_or_copies_one():
    """Checked by machine only (test documents are never opened by hand): no library comes
    from a test document's address, no library line of 8+ characters appears in a test
    document's source text, and no library shares half its names with a test document's gold
    (a national standard name such as 高血压患者规范管理率 may well be in both; a copied
    table would share most of them). Only counts are reported. Category headings (產出指標,
    數量指標 …) are every table's, not a library's own lines."""
    headings = set(_LEVEL1) | set(_LEVEL2)
    lines = {
        _fold(line)
        for folder in _folders()
        for line in (folder / "source.txt").read_text(encoding="utf-8").splitlines()
        if len(_fold(line)) >= 8 and _plain(line).strip() not in headings
    }
    sources = {json.loads((f / "meta.json").read_text(encoding="utf-8"))["source"] for f in _folders()}
    by_library: dict[str, set[str]] = {}
    for record in load_published(ROOT / "gold"):
        by_library.setdefault(record.library, set()).add(_fold(record.name))
    same_address = copied_lines = copied_tables = 0
    for meta, folder in _test_documents():
        same_address += meta.get("source") in sources
        text = "".join(_fold(p.read_text(encoding="utf-8", errors="ignore")) for p in folder.glob("source.*"))
        copied_lines += sum(1 for line in lines if line in text)
        gold_names = {_fold(i.name or "") for p in load_table(folder / "gold.json").projects() for i in p.indicators}
        copied_tables += sum(1 for names in by_library.values() if len(names & gold_names) * 2 >= len(names))
    assert (same_address, copied_lines, copied_tables) == (0, 0, 0)


def test_a_draft_shows_the_library_it_took_an_indicator_from():
    request = DraftRequest(name="职工技能培训班", goal="全年举办技能培训班6期，培训职工300人次", budget=30)
    draft = draft_offline(request, Library([]))
    taken = [i for i in draft.indicators if any("通用共性指标库示例" in s for s in i.adapted_from)]
    assert taken, [i.name for i in draft.indicators]
    for ind in taken:
        assert ind.rationale.startswith("来源：《") and ind.target is not None
    assert not draft.findings or all(f["severity"] != "error" for f in draft.findings)


def test_library_records_join_their_types_vocabulary():
    training = load_types().by_id("training")
    assert "出勤" in type_keywords([training])  # 培训出勤率 of the 培训类 library


def test_the_llm_prompt_gets_the_same_library_indicators():
    from assistant.draft.adapt import project_topic
    from assistant.draft.llm import _type_lines

    request = DraftRequest(name="职工技能培训班", goal="全年举办技能培训班6期，培训职工300人次", budget=30)
    types, _ = project_topic(request)
    lines = _type_lines(types, request)
    assert "指标库《表1 通用共性指标库示例" in lines and "培训合格率 | ≥95%" in lines
