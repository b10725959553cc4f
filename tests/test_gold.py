"""The gold record: the whole seed, loadable as a datasets.Dataset, the source untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from assistant.gold import gold_dataset, gold_version, load_gold

ROOT = Path(__file__).resolve().parents[1]


def test_gold_source_is_the_seed_byte_for_byte():
    seed = ROOT.parent / "shared" / "seeds" / "000_e2922c57f8184701.txt"
    ours = ROOT / "gold" / "source" / "000_e2922c57f8184701.txt"
    readme = (ROOT / "gold" / "source" / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(ours.read_bytes()).hexdigest() in readme
    if seed.exists():
        assert seed.read_bytes() == ours.read_bytes()


def test_gold_dataset_has_one_row_per_project():
    ds = gold_dataset()
    assert ds.num_rows == 29
    assert sum(ds["classified"]) == 6
    assert sum(len(i) for i in ds["indicators"]) == 94
    row = ds[1]
    assert row["name"] == "区法学会经费" and row["amount_total"] == 40.0
    assert row["indicators"][2]["annual_value"] == "1个"
    classified = [r for r in ds if r["classified"]]
    assert all(r["goal"] is None and r["indicators"] == [] for r in classified)


def test_gold_records_pair_with_their_sources():
    [record] = load_gold()
    assert record.source_path.name == "000_e2922c57f8184701.txt"
    assert len(gold_version([record])) == 12
