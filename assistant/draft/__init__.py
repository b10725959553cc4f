"""Drafting measurable 绩效指标 for a new project.

library.py (what to learn from) → retrieve.py (similar projects and indicators) →
adapt.py (offline drafting) or llm.py (LLM drafting, checked by the linter) →
evaluation.py (leave-one-out over the gold). models.py holds the records.
"""

from .models import Draft, DraftIndicator, DraftRequest

__all__ = ["Draft", "DraftIndicator", "DraftRequest"]
