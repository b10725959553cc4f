"""The answer schema the model fills: derived from :mod:`assistant.schema` minus provenance.

``Project``/``Indicator``/``Amounts`` are reused, so there is no second copy of the schema
and the field names are the interchange names.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from ...schema import BudgetTable, Indicator, Project

__all__ = ["response_model"]

_PROVENANCE = ("spans", "meta", "failures")


def _fields_of(model: type[BaseModel], **replace: Any) -> dict[str, Any]:
    """``model``'s fields for ``create_model``, without provenance, some replaced."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in _PROVENANCE:
            continue
        out[name] = replace.get(name, (info.annotation, info))
    return out


@functools.cache
def response_model() -> type[BaseModel]:
    """``TableRows``: optional header fields and one ``TableRow`` per table row of the chunk."""
    config = ConfigDict(extra="forbid")
    indicator = create_model("IndicatorItem", __config__=config, __doc__=Indicator.__doc__, **_fields_of(Indicator))
    kind = (
        Literal["total", "unit", "project"],
        Field(description="total = the 合计 row; unit = a 资金使用单位 subtotal row; project = a project row"),
    )
    row = create_model(
        "TableRow",
        __config__=config,
        __doc__="One table row: a 合计 row, a 资金使用单位 row or a project row.",
        kind=kind,
        **_fields_of(Project, indicators=(list[indicator], Field(default_factory=list))),
    )
    header = {
        name: (str | None, Field(default=None, description=info.description or name))
        for name, info in BudgetTable.model_fields.items()
        if name in ("title", "department", "currency_unit")
    }
    header["title"][1].description = "the table's title line, when this chunk shows it"
    header["department"][1].description = "部门名称 without prefix and （部门） suffix, when shown"
    header["currency_unit"][1].description = "单位, e.g. 万元, when shown"
    return create_model(
        "TableRows",
        __config__=config,
        __doc__="The rows of one chunk of a 项目支出绩效目标表, in source order.",
        **header,
        rows=(list[row], Field(description="one entry per table row of the data, in order")),
    )
