"""The records: one pydantic model per thing a 项目支出绩效目标表 holds.

These models are the single source of truth. The interchange JSON (``docs/interchange.md``),
the JSON Schema (``docs/budget-table.schema.json``, written by :func:`interchange_json_schema`),
the CSV/XLSX exports, the gold files and the LLM response schema are all derived from them.
Field names are the interchange names.

Provenance is kept beside the interchange fields, never inside them: every model has a
``spans`` map from field name to the :class:`Span` it was read from, so the interchange
export stays clean and ``--with-spans`` can add it back.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, field_validator, model_validator

from .messages import Msg, msg, render

__all__ = [
    "Money",
    "Span",
    "Amounts",
    "Indicator",
    "Project",
    "Unit",
    "Failure",
    "RunMeta",
    "BudgetTable",
    "AMOUNT_FIELDS",
    "AMOUNT_TEXT",
    "INDICATOR_FIELDS",
    "MAX_AMOUNT_DIGITS",
    "amount_problem",
    "RAW_EXCERPT",
    "MONEY_TOLERANCE",
    "amounts_equal",
]

#: two amounts are equal within half a cent, the precision the tables print (interchange.md)
MONEY_TOLERANCE = Decimal("0.005")


def amounts_equal(a: object, b: object) -> bool:
    """Equality of two amounts as the interchange defines it; an empty cell equals only an empty cell."""
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) <= MONEY_TOLERANCE


AMOUNT_FIELDS = ("total", "fiscal", "special_account", "other")
#: an amount as printed in a cell: digits, thousands commas allowed, a decimal part (1,307.44)
AMOUNT_TEXT = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
INDICATOR_FIELDS = (
    "seq",
    "level1_code",
    "level1_name",
    "level2_code",
    "level2_name",
    "name",
    "period_value",
    "annual_value",
)

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")

#: digits an amount may have: a JSON number (a double) holds 15 exactly; more is a misreading
MAX_AMOUNT_DIGITS = 15
#: characters of the raw text a Failure keeps: an excerpt, so output grows with the input, not its square
RAW_EXCERPT = 200
_MESSAGE_MAX = 1000


def _excerpt(text: str | None, size: int) -> str | None:
    return text if text is None or len(text) <= size else text[:size] + "…"


def _parse_money(value: Any) -> Any:
    """Accept 1,307.44 / "1307.44" / full-width digits / "" (empty cell) as money.

    An amount must be finite with at most 15 significant digits (no Infinity or NaN, no
    309-digit number that JSON would write as Infinity): anything else is a ValueError,
    which the extractors turn into a failure of that cell.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(msg("AMOUNT_NOT_NUMBER", text=repr(value)))
    if isinstance(value, str):
        text = re.sub(r"[\s,]", "", value.translate(_FULLWIDTH_DIGITS))
        if text == "":
            return None
        if len(text) > 4 * MAX_AMOUNT_DIGITS:  # never hand a million digits to Decimal
            raise ValueError(msg("AMOUNT_NOT_NUMBER", text=f"{len(text)} characters ({_excerpt(value, 40)!r})"))
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(msg("AMOUNT_NOT_NUMBER", text=repr(_excerpt(value, 60)))) from None
    elif isinstance(value, (Decimal, int, float)):
        try:
            number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        except (InvalidOperation, ValueError, OverflowError):
            raise ValueError(msg("AMOUNT_NOT_NUMBER", text=repr(value))) from None
    else:
        return value
    if not number.is_finite():
        raise ValueError(msg("AMOUNT_NOT_NUMBER", text=repr(_excerpt(str(value), 60))))
    digits = max(len(number.as_tuple().digits), number.adjusted() + 1)
    if digits > MAX_AMOUNT_DIGITS:
        raise ValueError(
            msg("AMOUNT_TOO_MANY_DIGITS", text=_excerpt(str(value), 40), digits=digits, most=MAX_AMOUNT_DIGITS)
        )
    return number


def amount_problem(text: str) -> Msg | None:
    """Why ``text`` cannot be read as an amount (not finite, too many digits), or None."""
    try:
        _parse_money(text)
    except ValueError as exc:
        return exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else msg("AMOUNT_NOT_NUMBER", text=str(exc))
    return None


def _money_to_json(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


#: An amount in the table's currency unit. Held as Decimal, written to JSON as a number.
Money = Annotated[
    Decimal | None,
    BeforeValidator(_parse_money),
    PlainSerializer(_money_to_json, return_type=float | None, when_used="json"),
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Record):
    """Where a value was read: character offsets into the decoded input, and its cell.

    ``start``/``end`` index ``Document.text`` (the decoded input with newlines folded to
    ``\\n``). ``row`` is the 1-based line (text) or row (sheet) of the cell, ``col`` its
    0-based logical column. Scans add ``page`` and ``box``; spreadsheets add ``sheet``.
    ``alignment`` says how the value was found in the source: read directly by the rules
    (``exact``), found after normalisation or fuzzily (LLM answers), or not found at all.
    """

    start: int
    end: int
    row: int | None = None
    col: int | None = None
    page: int | None = None
    sheet: str | None = None
    box: tuple[float, float, float, float] | None = None
    alignment: Literal["exact", "fuzzy", "ungrounded"] = "exact"
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)


class Amounts(_Record):
    """The four money columns 总计 / 财政拨款 / 财政专户拨款 / 其他资金; an empty cell is None."""

    total: Money = Field(default=None, description="总计")
    fiscal: Money = Field(default=None, description="财政拨款")
    special_account: Money = Field(default=None, description="财政专户拨款")
    other: Money = Field(default=None, description="其他资金")

    def parts_sum(self) -> Decimal | None:
        """Sum of the three parts, or None when every part is empty."""
        parts = [v for v in (self.fiscal, self.special_account, self.other) if v is not None]
        return sum(parts, Decimal(0)) if parts else None


class Indicator(_Record):
    """One numbered item of the 绩效指标 cell, with codes and names as the source writes them."""

    seq: int | None = Field(default=None, description="the item's own number (N in 'N、')")
    level1_code: str | None = Field(default=None, description="一级指标代码, e.g. '1'")
    level1_name: str | None = Field(default=None, description="一级指标名称, e.g. '产出指标'")
    level2_code: str | None = Field(default=None, description="二级指标代码, e.g. '11'")
    level2_name: str | None = Field(default=None, description="二级指标名称, e.g. '数量指标'")
    name: str | None = Field(default=None, description="三级指标 (the indicator's own name)")
    period_value: str | None = Field(default=None, description="实施周期指标值, text as written")
    annual_value: str | None = Field(default=None, description="年度指标值, text as written")
    spans: dict[str, Span] = Field(default_factory=dict, exclude=True)


class Project(_Record):
    """One project row. A 涉密项目 (classified) has goal None and no indicators."""

    name: str = Field(description="项目名称")
    classified: bool = Field(default=False, description="True for a 涉密项目 row")
    amounts: Amounts = Field(default_factory=Amounts)
    goal: str | None = Field(default=None, description="绩效目标, markup removed, white space folded")
    indicators: list[Indicator] = Field(default_factory=list)
    spans: dict[str, Span] = Field(default_factory=dict, exclude=True)


class Unit(_Record):
    """A 资金使用单位 subtotal row and the projects listed under it."""

    name: str
    amounts: Amounts = Field(default_factory=Amounts)
    projects: list[Project] = Field(default_factory=list)
    spans: dict[str, Span] = Field(default_factory=dict, exclude=True)


class Failure(_Record):
    """Something that could not be read; the rest of the table is still extracted.

    Built with ``message=Msg(code, params)``, it keeps the code and parameters so the
    clerk reads it in Chinese or English (:meth:`text`); ``message`` is the English text."""

    source: str | None = Field(default=None, description="file the row came from")
    row: int | None = Field(default=None, description="1-based line or row number")
    field: str | None = Field(default=None, description="the field or column that failed")
    message: str
    raw: str | None = Field(default=None, description=f"the first {RAW_EXCERPT} characters of the row or chunk")
    code: str | None = Field(default=None, description="the message's stable code (assistant.messages)")
    params: dict[str, Any] = Field(default_factory=dict, description="the message's parameters")

    @model_validator(mode="before")
    @classmethod
    def _from_msg(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("message"), Msg):
            message: Msg = data["message"]
            data = {**data, "message": message.text("en"), "code": message.code, "params": message.to_json()["params"]}
        return data

    def text(self, lang: Literal["zh", "en"] | None = None) -> str:
        """The message in ``lang`` (default: the clerk's language)."""
        if self.code is None:
            return self.message
        try:
            return render(self.code, lang, **self.params)
        except (KeyError, IndexError, ValueError):  # a code or parameter from another version: the stored text
            return self.message

    @field_validator("raw")
    @classmethod
    def _bounded_raw(cls, raw: str | None) -> str | None:
        # a cell with 1,400 broken items gives 1,400 failures: each keeps an excerpt, not the cell
        return _excerpt(raw, RAW_EXCERPT)

    @field_validator("message")
    @classmethod
    def _bounded_message(cls, message: str) -> str:
        return _excerpt(message, _MESSAGE_MAX) or ""

    def describe(self, lang: Literal["zh", "en"] | None = "en") -> str:
        """``FILE:ROW [field]: message``; English unless asked (None: the clerk's language)."""
        where = ":".join(str(p) for p in (self.source, self.row) if p is not None)
        field = f" [{self.field}]" if self.field else ""
        return f"{where or '<input>'}{field}: {self.text(lang)}"


class RunMeta(_Record):
    """What made an output: the source, the backend, and for LLM runs the model and prompt."""

    source: str | None = None
    encoding: str | None = None
    layout: str | None = None
    backend: str = "rules"
    model: str | None = None
    prompt_id: str | None = None
    prompt_version: str | None = None
    ledger: dict[str, Any] = Field(default_factory=dict)
    extra: dict[str, Any] = Field(default_factory=dict)


class BudgetTable(_Record):
    """A whole 项目支出绩效目标表: header fields, the 合计 amounts, units with their projects."""

    title: str | None = None
    department: str | None = None
    currency_unit: str | None = "万元"
    amounts: Amounts = Field(default_factory=Amounts, description="the 合计 row")
    units: list[Unit] = Field(default_factory=list)
    spans: dict[str, Span] = Field(default_factory=dict, exclude=True)
    meta: RunMeta | None = Field(default=None, exclude=True)
    failures: list[Failure] = Field(default_factory=list, exclude=True)

    def projects(self) -> list[Project]:
        """Every project in source order, across units."""
        return [p for u in self.units for p in u.projects]

    def indicators(self) -> list[tuple[Project, Indicator]]:
        return [(p, i) for p in self.projects() for i in p.indicators]


def interchange_json_schema() -> dict[str, Any]:
    """The JSON Schema of an interchange table as the assistant writes it (``docs/budget-table.schema.json``)."""
    schema = BudgetTable.model_json_schema(mode="serialization")
    schema["$id"] = "https://budget-assistant.invalid/budget-table.schema.json"
    schema["description"] = "One extracted or gold 项目支出绩效目标表 in the interchange shape (docs/interchange.md)."
    return schema
