"""The real-world corpus: every document has its source, gold and manifest row, and the gold fits the models."""

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.schema import BudgetTable
from assistant.textnorm import normalize_for_compare

REAL = Path(__file__).resolve().parents[1] / "gold" / "real"
FOLDERS = sorted(p for p in REAL.iterdir() if p.is_dir())
META_KEYS = {
    "id",
    "source",
    "site",
    "retrieved",
    "family",
    "sector",
    "province",
    "complete",
    "split",
    "projects",
    "indicators",
    "judgement_calls",
}


def _meta(folder: Path) -> dict:
    return json.loads((folder / "meta.json").read_text(encoding="utf-8"))


def test_the_corpus_is_large_and_diverse():
    metas = [_meta(f) for f in FOLDERS]
    assert len(metas) >= 40
    assert len({m["province"] for m in metas}) >= 10
    assert len({m["sector"] for m in metas if m["sector"] != "other"}) >= 8
    splits = Counter(m["split"] for m in metas)
    assert 0.2 <= splits["test"] / len(metas) <= 0.4


def test_one_split_per_site():
    sites: dict[str, set[str]] = {}
    for folder in FOLDERS:
        meta = _meta(folder)
        sites.setdefault(meta["site"], set()).add(meta["split"])
    assert {site: s for site, s in sites.items() if len(s) > 1} == {}


def test_the_manifest_lists_every_folder():
    with (REAL / "manifest.csv").open(encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {f.name for f in FOLDERS}
    for folder in FOLDERS:
        assert rows[folder.name]["split"] == _meta(folder)["split"]


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_gold_fits_the_models_and_the_source(folder):
    meta = _meta(folder)
    assert META_KEYS <= set(meta)
    assert meta["id"] == folder.name
    sources = [p for p in folder.iterdir() if p.name.startswith("source.")]
    assert len(sources) == 1
    table = BudgetTable.model_validate(json.loads((folder / "gold.json").read_text(encoding="utf-8")))
    projects = table.projects()
    assert len(projects) == meta["projects"]
    assert sum(len(p.indicators) for p in projects) == meta["indicators"]
    # traditional-character mirrors print a pinyin reading after characters: 項(xiàng)目 (LABELING.md)
    text = re.sub(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", "", sources[0].read_text(encoding="utf-8"))
    source = normalize_for_compare(text)
    names = [p.name for p in projects] + [i.name for p in projects for i in p.indicators if i.name]
    missing = [n for n in names if normalize_for_compare(n) not in source]
    # a few names are labeled whole where the source splits them (a09 #3, a10 #1): at most one per document
    assert len(missing) <= 1, missing
