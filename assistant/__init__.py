"""Budget-table assistant: extract, validate, draft and evaluate 项目支出绩效目标表.

Importing the package switches off the telemetry of the libraries it uses (Hugging Face
datasets/hub, LangSmith, onnxruntime): these are government documents and nothing read
may leave the machine except to an LLM endpoint the user configured.
"""

from __future__ import annotations

import os as _os

for _name, _value in {
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
    "LANGCHAIN_TRACING_V2": "false",
    "LANGSMITH_TRACING": "false",
    "ORT_DISABLE_TELEMETRY": "1",
}.items():
    _os.environ.setdefault(_name, _value)

from .schema import (  # noqa: E402
    Amounts,
    BudgetTable,
    Failure,
    Indicator,
    Project,
    RunMeta,
    Span,
    Unit,
)

__all__ = [
    "Amounts",
    "BudgetTable",
    "Failure",
    "Indicator",
    "Project",
    "RunMeta",
    "Span",
    "Unit",
]
__version__ = "0.1.0"
