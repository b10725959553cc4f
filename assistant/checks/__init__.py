"""Step 3 of the pipeline: checks that never raise, with one kind of :class:`Finding`.

* :func:`validate_table` — was the table read correctly and is it consistent (amounts,
  codes, numbering, low-confidence values)?
* :func:`lint_table` — are these good indicators, the way a finance reviewer judges them?

Both are views of one registry of rules (:data:`RULES`): a code has one meaning, one
severity and one wording, in Chinese and English.
"""

from .findings import RULES, Finding, Lang, Rule, Severity
from .lint import SATISFACTION_FLOOR, indicator_category, is_satisfaction, lint_project, lint_stats, lint_table
from .validate import LOW_CONFIDENCE, validate_table

__all__ = [
    "Finding",
    "Rule",
    "RULES",
    "Severity",
    "Lang",
    "validate_table",
    "lint_table",
    "lint_project",
    "lint_stats",
    "indicator_category",
    "is_satisfaction",
    "LOW_CONFIDENCE",
    "SATISFACTION_FLOOR",
    "rules_of",
]


def rules_of(view: str) -> dict[str, Rule]:
    """The rules one view raises ("validate" or "lint")."""
    return {code: rule for code, rule in RULES.items() if view in rule.views}
