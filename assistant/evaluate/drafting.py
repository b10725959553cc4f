"""The drafting eval's per-sector table: drafted, copy-nearest-project baseline and the real
human indicators side by side, one row per sector (what ``eval draft --gold gold/real`` prints)."""

from __future__ import annotations

from typing import Any

from .report import format_value

__all__ = ["SECTOR_COLUMNS", "sector_rows", "sectors_markdown"]

#: (column title, summary key): the draft's measures, then the baseline's, then the humans'
SECTOR_COLUMNS = (
    ("projects", "projects"),
    ("relevance", "relevance"),
    ("drafted_med", "drafted_median"),
    ("human_med", "gold_median"),
    ("off_topic", "off_topic_rate"),
    ("seed_words", "seed_word_rate"),
    ("quantified", "quantified_share"),
    ("valid_pairs", "valid_pair_share"),
    ("coverage", "full_coverage_share"),
    ("vague", "vague_values"),
    ("baseline_rel", "baseline_relevance"),
    ("baseline_off", "baseline_off_topic_rate"),
    ("baseline_seed", "baseline_seed_word_rate"),
    ("human_off", "gold_off_topic_rate"),
    ("human_quant", "gold_quantified_share"),
    ("human_pairs", "gold_valid_pair_share"),
    ("human_cover", "gold_full_coverage_share"),
)


def sector_rows(by_sector: dict[str, dict], overall: dict[str, Any]) -> list[list[str]]:
    """One row of formatted cells per sector, then the overall row."""
    rows = [[name, *(format_value(part.get(key)) for _, key in SECTOR_COLUMNS)] for name, part in by_sector.items()]
    rows.append(["ALL", *(format_value(overall.get(key)) for _, key in SECTOR_COLUMNS)])
    return rows


def sectors_markdown(by_sector: dict[str, dict], overall: dict[str, Any]) -> str:
    """The same table in Markdown (for notes and the README)."""
    head = ["sector", *(title for title, _ in SECTOR_COLUMNS)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in sector_rows(by_sector, overall)]
    return "\n".join(lines)
