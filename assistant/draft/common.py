"""The clerks' common wording: generic indicator names several library projects use as written.

A name with no topic word (成本控制, 完成时限, 项目实施时间, 经费支出合规性, 群众满意度) says how
a project is measured, not what it is about, so it fits any project; when two or more
projects of the library (from different documents) write it the same way, it is how clerks
phrase that measure, which the type file's own wording (项目完成时限, 经费支出合规率) only comes
close to. Drafting proposes these beside the template (the precedents choose between them);
the relevance guard's adopted path leaves generic names out, so nothing else brings them.

Each common name keeps the level-2 code most of its uses file it under and one of those uses
as its example (drafting reads the value from it as from any adopted indicator: a rate carries
over, a vague one becomes the standard level, a date becomes the budget year's end); 成本 is
left out (a cost comes from the project's own budget).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from weakref import WeakKeyDictionary

from ..taxonomy import is_valid_pair
from ..textnorm import fold, simplified
from .guard import topic_words
from .library import LibraryIndicator
from .retrieve import Retriever

__all__ = ["MIN_PROJECTS", "common_wordings"]

#: how many documents must write a name the same way for it to count as common wording
MIN_PROJECTS = 2

_CACHE: WeakKeyDictionary = WeakKeyDictionary()


def common_wordings(retriever: Retriever) -> list[tuple[LibraryIndicator, int]]:
    """The library's common generic names, most used first: one example indicator each (its
    level-2 code the one most uses have) and how many documents write it. Computed once per index of a library."""
    if retriever in _CACHE:
        return _CACHE[retriever]
    uses: dict[str, list[LibraryIndicator]] = defaultdict(list)
    for project in retriever.projects:
        for indicator in project.project.indicators:
            name = indicator.name
            if name and len(name) <= 12 and not topic_words(simplified(name)):
                uses[fold(name)].append(LibraryIndicator(project, indicator))
    found: list[tuple[int, LibraryIndicator]] = []
    for items in uses.values():
        documents = {item.owner.source for item in items}
        if len(documents) < MIN_PROJECTS:
            continue
        codes = Counter(item.indicator.level2_code for item in items if item.indicator.level2_code)
        if not codes:
            continue
        code = codes.most_common(1)[0][0]
        if code == "14":
            continue  # a cost is the project's own budget, never another's figure
        example = next(
            (
                item
                for item in items
                if item.indicator.level2_code == code and is_valid_pair(item.indicator.level1_code, code)
            ),
            None,
        )
        if example is not None:
            found.append((len(documents), example))
    found.sort(key=lambda t: (-t[0], fold(t[1].indicator.name or "")))
    result = [(item, count) for count, item in found]
    _CACHE[retriever] = result
    return result
