"""What the prose fields reader keeps of one project while it reads the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ...schema import Failure
from .prose_indicators import _Item


@dataclass
class _Read:
    """One project as read from the text: each field with its offset in the cleaned text."""

    name: str
    name_at: int
    stretch: tuple[int, int]
    total: tuple[Decimal, str, int, bool] | None = None  # amount, currency, offset, is 财政拨款
    notes: list[Failure] = field(default_factory=list)
    goal: tuple[str, int] | None = None
    indicators: list[_Item] = field(default_factory=list)
    #: named by a 项目名称 heading, the title or the passing sentence: the project stands on its name
    #: alone (nothing else may be told)
    labeled: bool = False
    #: the one amount the sentence naming the project states (X项目立项批复525.39万元): its total when
    #: the text states several
    stated: re.Match[str] | None = None
