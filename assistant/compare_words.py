"""The words and signs that say how a target compares: 不少于95%, ≥95%, 控制在10万元, 达到100%.

One vocabulary for every reader that meets them: :mod:`assistant.targets` (a value read as
comparison + number + unit), the form readers (a 指标方向 / 指标性质 cell holding only the
comparison; a dumped row's first value word) and the prose reader (a report's sentence whose
target keeps its comparison word). Each reader builds its pattern from the lists here, so a word
added for one is added for all; where a reader takes fewer words, it names the list it leaves
out and says why.

The lists, by what the comparison means:

* :data:`AT_LEAST` / :data:`ABOVE`: a floor, the value included (≥) or not (>), as tables write
  it in a value or a 指标方向 cell (内蒙古's template: 大于等于, 等于; others: 不低于, 不少于).
* :data:`AT_MOST` / :data:`BELOW`: a ceiling, included (≤) or not (<).
* :data:`EQUAL`: 等于, the one word a 指标方向 cell writes for ``=``.
* :data:`SPOKEN_AT_LEAST` / :data:`SPOKEN_AT_MOST`: the same bounds as a rule or a sentence says
  them (至少, 不得少于, 最多, 控制在): ≥ / ≤ for a target's value and kept in a sentence's
  target, but no template writes them in a sign cell, and a name may begin with them
  (最多跑一次…), so a dumped row's first value word is not found by them.
* :data:`REACH`: 达到 (达到95%), ≥ for a target's value; in a sentence the word that links a
  name to its target (left out of both), and never a sign cell. :data:`REACH_SHORT` 达 is read
  only where a number follows at once (达95%): 达 begins many words (达标率).
* :data:`SIGNS`: the sign characters, half- and full-width (≥ ≧ > ＞ = ＝ …). NFKC folds the
  full-width ＞ ＜ ＝ to > < =, not ≧ ≦; :data:`SIGN_LOOKALIKE` ═ is the box-drawing line PDF
  text prints for ``=`` in a sign cell.
"""

from __future__ import annotations

import re

__all__ = [
    "ABOVE",
    "AT_LEAST",
    "AT_MOST",
    "BELOW",
    "EQUAL",
    "GE_SIGNS",
    "GT_SIGNS",
    "LE_SIGNS",
    "LT_SIGNS",
    "REACH",
    "REACH_SHORT",
    "SIGNS",
    "SIGN_LOOKALIKE",
    "SPOKEN_AT_LEAST",
    "SPOKEN_AT_MOST",
    "TABLE_WORDS",
    "VALUE_WORDS",
    "alternation",
]

AT_LEAST = ("不少于", "不低于", "不小于", "大于等于", "大于或等于", "高于等于", "高于或等于")
ABOVE = ("大于", "高于", "超过", "多于")
AT_MOST = ("不超过", "不高于", "不大于", "不多于", "小于等于", "小于或等于", "低于等于", "低于或等于")
BELOW = ("小于", "低于", "少于")
EQUAL = ("等于",)
SPOKEN_AT_LEAST = ("至少", "最少", "不得少于", "不得低于", "不能少于", "不能低于")
SPOKEN_AT_MOST = ("最多", "至多", "不得超过", "不得高于", "控制在")
REACH = ("达到",)
REACH_SHORT = "达"

#: the comparison words a table writes (a value cell, a 指标方向 cell): floors and ceilings
TABLE_WORDS = AT_LEAST + ABOVE + AT_MOST + BELOW
#: the words a value may begin with in a row run together (大于等于10157.6平方米, 等于116人): the
#: table's words and 等于
VALUE_WORDS = TABLE_WORDS + EQUAL

GE_SIGNS = ("≥", "≧", ">=")
GT_SIGNS = (">", "＞")
LE_SIGNS = ("≤", "≦", "<=")
LT_SIGNS = ("<", "＜")
SIGNS = "≥≤≧≦><=＞＜＝"
SIGN_LOOKALIKE = "═"


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex group matching any of ``words``, the longest first (大于等于 before 大于, 达到
    before 达), so a word is never cut short by another that begins it."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"
