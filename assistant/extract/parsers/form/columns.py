"""Which value column is the target, checked against what the whole column holds.

The heads decide (:func:`.grid._value_targets`); the cells of each column then say whether
that reading holds: a score column (分值, 得分) holds small bare numbers that add up to about
100 (the 自评表's points), a target column holds comparisons, shares, units and dates (≥95%,
≤10天, 1200万元, 2023年底). When the column read as the target looks like scores, a failure
says the heads and the columns disagree; when no head names a target but one column looks
like targets, that column is read, with a failure saying so; when none does, a failure says the
targets were not read. Never a silent choice.
"""

from __future__ import annotations

import re

from ....compare_words import SIGNS
from ....messages import msg
from .failures import Failures
from .labels import _fold
from .tokens import _Item

#: a cell shaped like a target: a comparison first, a share or a unit after a number, a date
_TARGET_SHAPE = re.compile(
    r"^[" + SIGNS + r"]|\d\s*(?:%|％|‰|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,2})?)$|^\d{4}\s*年"
)

#: a cell shaped like points: a bare number of at most three digits (10, 9.5, 100)
_POINTS = re.compile(r"\d{1,3}(?:\.\d{1,2})?")


def _texts(items: list[_Item], column: int) -> list[str]:
    return [
        _fold(item.values[column].text).strip()
        for item in items
        if column < len(item.values) and item.values[column] is not None and item.values[column].text.strip()
    ]


def _score_like(texts: list[str]) -> bool:
    """Three cells or more, all bare numbers up to 100, adding up to a score total (50–110)."""
    return len(texts) >= 3 and all(_POINTS.fullmatch(t) for t in texts) and 50 <= sum(float(t) for t in texts) <= 110


def _target_like(texts: list[str]) -> bool:
    """Half the cells or more shaped like targets, and not a column of points."""
    return bool(texts) and sum(bool(_TARGET_SHAPE.search(t)) for t in texts) * 2 >= len(texts)


def check_columns(
    items: list[_Item],
    targets: list[str | None],
    headers: list[str],
    failures: Failures,
    not_targets: frozenset[int] = frozenset(),
) -> list[str | None]:
    """``targets`` as the heads read them, or with a column read by its shape when no head names
    a target; a failure whenever the cells disagree with the heads or a column is read by shape.
    Columns in ``not_targets`` are never read by shape (a value per place: one place's, not the
    project's)."""
    if not items or len(headers) != len(targets):
        return targets
    row = items[0].name.row
    if "annual_value" in targets:
        at = targets.index("annual_value")
        texts = _texts(items, at)
        if _score_like(texts):
            other = next(
                (
                    j
                    for j, t in enumerate(targets)
                    if t is None and _target_like(_texts(items, j)) and not _score_like(_texts(items, j))
                ),
                None,
            )
            failures.at_row(
                row,
                "指标值",
                msg(
                    "FORM_COLUMNS_DISAGREE",
                    head=headers[at],
                    cells="、".join(texts[:4]),
                    other=f"（“{headers[other]}”列才像）" if other is not None else "",
                ),
            )
        return targets
    if "period_value" in targets:
        return targets
    for j, head in enumerate(headers):
        texts = _texts(items, j)
        if targets[j] is None and j not in not_targets and _target_like(texts) and not _score_like(texts):
            failures.at_row(row, "指标值", msg("FORM_COLUMN_BY_SHAPE", head=head, cells="、".join(texts[:4])))
            return [("annual_value" if i == j else t) for i, t in enumerate(targets)]
    # no target read and no column that looks like one: a column holding text is not read, said so
    filled = next((j for j in range(len(headers)) if _texts(items, j)), None)
    if filled is not None:
        texts = _texts(items, filled)
        failures.at_row(
            row, "指标值", msg("FORM_NO_TARGET_COLUMN", head=headers[filled], cells="、".join(texts[:3])[:60])
        )
    return targets
