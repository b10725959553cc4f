"""The dev split's gold records: what every robustness set is built from, never the test split."""

from __future__ import annotations

import json
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "gold" / "real"


def dev_gold() -> list[tuple[Path, dict]]:
    """(folder, gold record) of each dev document of the real corpus, in id order."""
    out = []
    for folder in sorted(GOLD.iterdir()):
        meta = folder / "meta.json"
        if meta.exists() and json.loads(meta.read_text(encoding="utf-8"))["split"] == "dev":
            out.append((folder, json.loads((folder / "gold.json").read_text(encoding="utf-8"))))
    return out
