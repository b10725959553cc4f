"""Find library projects and indicators like a new project, by its name and goal.

Text is cut into words with jieba and ranked with BM25 (``rank_bm25.BM25Okapi``), so a
goal about 网格事件 finds the grid projects even when the names differ. Scores are scaled
to 0–1 by the best hit, so callers can mix project and indicator evidence.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

import jieba
from rank_bm25 import BM25Okapi

from .library import Library, LibraryIndicator, LibraryProject

__all__ = ["tokens", "Retriever"]

jieba.setLogLevel(logging.WARNING)

# words that occur in nearly every goal and say nothing about the project
_STOPWORDS = frozenset(
    "的 和 与 及 等 对 为 在 了 是 将 以 并 其 中 做好 进行 开展 工作 相关 各类 各项 通过 加强 提高 提升 推进 "
    "实现 保障 完成 确保 全面 进一步 有效 项目 经费 我区 全区 一 个 年 月".split())
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@lru_cache(maxsize=4096)
def _cut(text: str) -> tuple[str, ...]:
    folded = unicodedata.normalize("NFKC", text)
    return tuple(w for w in jieba.cut_for_search(folded) if _KEEP.search(w) and w not in _STOPWORDS)


def tokens(text: str | None) -> list[str]:
    """The words of a text that matter for matching (jieba search mode, stopwords out)."""
    return list(_cut(text or ""))


def _scaled(scores) -> list[float]:
    best = max(scores, default=0.0)
    return [max(s, 0.0) / best if best > 0 else 0.0 for s in scores]


class Retriever:
    """BM25 indexes over a library's projects (name + goal) and indicators (name + values)."""

    def __init__(self, library: Library):
        self.library = library
        self.projects = list(library.projects)
        self.indicators = library.indicators()
        self._project_index = BM25Okapi([tokens(p.name) * 2 + tokens(p.project.goal) or ["_"] for p in self.projects]) \
            if self.projects else None
        self._indicator_index = BM25Okapi([
            tokens(i.indicator.name) * 2 + tokens(i.indicator.annual_value) or ["_"] for i in self.indicators
        ]) if self.indicators else None

    def similar_projects(self, query: str, k: int = 5) -> list[tuple[LibraryProject, float]]:
        """The ``k`` library projects most like the query, best first, with scaled scores."""
        if self._project_index is None:
            return []
        scores = _scaled(self._project_index.get_scores(tokens(query)))
        ranked = sorted(zip(self.projects, scores), key=lambda pair: -pair[1])
        return [(p, s) for p, s in ranked[:k] if s > 0]

    def indicator_scores(self, query: str) -> list[tuple[LibraryIndicator, float]]:
        """Every library indicator with a 0–1 score: its own match to the query, plus the
        match of the project it belongs to (an indicator of a similar project fits better)."""
        if self._indicator_index is None:
            return []
        own = _scaled(self._indicator_index.get_scores(tokens(query)))
        by_project = {p.key: s for p, s in self.similar_projects(query, k=len(self.projects))}
        combined = [(ind, 0.5 * s + 0.5 * by_project.get(ind.owner.key, 0.0)) for ind, s in zip(self.indicators, own)]
        return sorted(combined, key=lambda pair: -pair[1])
