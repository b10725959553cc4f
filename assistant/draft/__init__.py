"""Drafting measurable 绩效指标 for a new project.

types.py (the project-type file: standard indicators per type, type and sector from the
name and goal) and guard.py (is an indicator about this project?) → corpus.py and
library.py (what to learn from: the seed and the real corpus, packaged; the user's tables) →
retrieve.py (similar projects; guarded indicators of the same type/sector) → adapt.py
(offline drafting) or llm.py (LLM drafting, checked by the guard and the linter) →
evaluation.py (leave-one-out over the gold, by sector) and calibrate.py (the guard's
threshold, on the dev split). models.py holds the records.
"""

from .models import Draft, DraftIndicator, DraftRequest

__all__ = ["Draft", "DraftIndicator", "DraftRequest"]
