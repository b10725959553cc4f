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
import numpy as np
from rank_bm25 import BM25Okapi

from ..textnorm import fold as _fold
from .library import Library, LibraryIndicator, LibraryProject

if False:  # typing only
    from .guard import Topic, Verdict

__all__ = ["tokens", "Retriever"]

jieba.setLogLevel(logging.WARNING)

# words that occur in nearly every goal and say nothing about the project
_STOPWORDS = frozenset(
    "的 和 与 及 等 对 为 在 了 是 将 以 并 其 中 做好 进行 开展 工作 相关 各类 各项 通过 加强 提高 提升 推进 "
    "实现 保障 完成 确保 全面 进一步 有效 项目 经费 我区 全区 一 个 年 月".split()
)
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@lru_cache(maxsize=4096)
def _cut(text: str) -> tuple[str, ...]:
    folded = unicodedata.normalize("NFKC", text)
    return tuple(w for w in jieba.cut_for_search(folded) if _KEEP.search(w) and w not in _STOPWORDS)


def tokens(text: str | None) -> list[str]:
    """The words of a text that matter for matching (jieba search mode, stopwords out)."""
    return list(_cut(text or ""))


def _bm25_scores(index: BM25Okapi, postings: dict, query: list[str]):
    """``index.get_scores(query)`` (the same Okapi formula and fitted idf), computed over each
    query word's postings instead of a pass over every document per word: a draft against a
    5,000-project library stays within milliseconds."""
    if not postings:
        for n, freqs in enumerate(index.doc_freqs):
            for word, tf in freqs.items():
                postings.setdefault(word, ([], []))
                postings[word][0].append(n)
                postings[word][1].append(tf)
        for word, (ids, tfs) in list(postings.items()):
            postings[word] = (np.array(ids), np.array(tfs, dtype=float))
        postings[None] = np.array(index.doc_len, dtype=float)
    doc_len = postings[None]
    score = np.zeros(index.corpus_size)
    for word in query:
        if word not in postings:
            continue
        ids, tf = postings[word]
        norm = index.k1 * (1 - index.b + index.b * doc_len[ids] / index.avgdl)
        score[ids] += (index.idf.get(word) or 0) * (tf * (index.k1 + 1) / (tf + norm))
    return score


def _names_its_owner(verdict: Verdict, owner: LibraryProject) -> bool:
    """The indicator names its own project's subject (主体班培训人次 of 《主体班》) with a word
    the new project does not have: it is about that project, not this one."""
    return any(word in owner.name for word in verdict.shared + verdict.foreign if word not in verdict.own_shared)


def _scaled(scores) -> list[float]:
    best = max(scores, default=0.0)
    return [max(s, 0.0) / best if best > 0 else 0.0 for s in scores]


class Retriever:
    """BM25 indexes over a library's projects (name + goal) and indicators (name + values),
    and an index of indicators by topic word for :meth:`candidates` (the guarded path)."""

    def __init__(self, library: Library):
        self.library = library
        self.projects = list(library.projects)
        self.indicators = library.indicators()
        self._project_index = (
            BM25Okapi([tokens(p.name) * 2 + tokens(p.project.goal) or ["_"] for p in self.projects])
            if self.projects
            else None
        )
        self._indicator_bm25 = None
        self._by_word: dict[str, list[int]] | None = None
        self._by_part: dict[str, list[int]] = {}
        self._types: dict[int, frozenset[str]] = {}
        self._project_postings: dict = {}

    @property
    def _indicator_index(self):
        """Built on first use: only the LLM's few-shot examples and old callers rank indicators by BM25."""
        if self._indicator_bm25 is None and self.indicators:
            self._indicator_bm25 = BM25Okapi(
                [tokens(i.indicator.name) * 2 + tokens(i.indicator.annual_value) or ["_"] for i in self.indicators]
            )
        return self._indicator_bm25

    def _word_index(self) -> dict[str, list[int]]:
        from .guard import topic_words

        if self._by_word is None:
            by_word: dict[str, list[int]] = {}
            by_part: dict[str, list[int]] = {}
            for n, item in enumerate(self.indicators):
                for word in topic_words(item.indicator.name):
                    by_word.setdefault(word, []).append(n)
                    for part in jieba.cut_for_search(word):
                        if len(part) >= 2 and part != word:
                            by_part.setdefault(part, []).append(n)
            self._by_word, self._by_part = by_word, by_part
        return self._by_word

    def project_types(self, project: LibraryProject) -> frozenset[str]:
        """The type ids of a library project, told from its name and goal as for a new one."""
        from .types import classify

        key = id(project)
        if key not in self._types:
            self._types[key] = frozenset(t.id for t, _ in classify(project.name, project.project.goal))
        return self._types[key]

    def candidates(
        self,
        topic: Topic,
        types: set[str] | None = None,
        sector: str | None = None,
        threshold: float | None = None,
        department: str | None = None,
    ) -> list[tuple[LibraryIndicator, Verdict]]:
        """Library indicators that pass the relevance guard for ``topic``, best first.

        Only indicators sharing a topic word with the project are looked at (the word index),
        and only from projects of one of ``types`` or of ``sector`` when either is given, or
        of the same ``department`` (its own past tables are the closest precedent).
        Generic names (no topic words: 服务对象满意度) are left out: they add nothing a type
        template does not have.
        """
        from .guard import judge

        by_word = self._word_index()
        haystack = topic.own_text + "|" + "|".join(topic.type_keywords)
        hits: set[int] = set()
        for word, ids in by_word.items():
            if word in haystack:
                hits.update(ids)
        for word in topic.words:
            hits.update(self._by_part.get(word, ()))
        found = []
        verdicts: dict[str | None, Verdict] = {}
        for n in hits:
            item = self.indicators[n]
            owner = item.owner
            if (
                (types or sector)
                and not (sector and owner.sector == sector)
                and not (types and types & self.project_types(owner))
                and not (department and owner.department and _fold(owner.department) == _fold(department))
            ):
                continue
            name = item.indicator.name
            verdict = verdicts.get(name) or verdicts.setdefault(name, judge(name, topic, threshold))
            if verdict.adoptable and not _names_its_owner(verdict, owner):
                found.append((item, verdict, owner.sector == sector))
        found.sort(
            key=lambda t: (-t[1].own_score, -len(t[1].own_shared), not t[2], t[0].owner.key, t[0].indicator.seq or 0)
        )
        best: dict[str | None, tuple[LibraryIndicator, Verdict]] = {}
        for item, verdict, _ in found:  # one per name: the same indicator in many projects is one candidate
            best.setdefault(_fold(item.indicator.name), (item, verdict))
        return list(best.values())

    def similar_projects(self, query: str, k: int = 5) -> list[tuple[LibraryProject, float]]:
        """The ``k`` library projects most like the query, best first, with scaled scores."""
        if self._project_index is None:
            return []
        raw = _bm25_scores(self._project_index, self._project_postings, tokens(query))
        best = float(raw.max()) if len(raw) else 0.0
        if best <= 0:
            return []
        top = np.argsort(-raw, kind="stable")[:k]
        return [(self.projects[n], float(raw[n]) / best) for n in top if raw[n] > 0]

    def indicator_scores(self, query: str) -> list[tuple[LibraryIndicator, float]]:
        """Every library indicator with a 0–1 score: its own match to the query, plus the
        match of the project it belongs to (an indicator of a similar project fits better)."""
        if self._indicator_index is None:
            return []
        own = _scaled(self._indicator_index.get_scores(tokens(query)))
        by_project = {p.key: s for p, s in self.similar_projects(query, k=len(self.projects))}
        combined = [(ind, 0.5 * s + 0.5 * by_project.get(ind.owner.key, 0.0)) for ind, s in zip(self.indicators, own)]
        return sorted(combined, key=lambda pair: -pair[1])
