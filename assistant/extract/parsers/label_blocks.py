"""A form's label column printed before its value column (the text layer of a PDF, one cell a line).

A PDF draws a two-column form column by column, so its text comes out as the labels, one a
line (wrapped ones split: 部门相应职能职 / 责概述), and then the values in the same order::

    专项名称
    部门名称
    …
    重大动物疫病防控专项属性延续专项√新增专项□
    县动物卫生监督所资金总额(万元)50

The order is the only link between them, so pairing is by order and stops at the first doubt:

* the nth label goes with the nth value line while both are plain: a label the form grammar
  knows (项目名称/专项名称, 部门名称, 主管部门, 实施单位) and a one-line value of its shape (a
  name with no sentence in it); a label it does not know, or a value with a full stop (a
  sentence that may wrap over lines), ends the pairing, since from there lines and cells may
  no longer be one for one. At least two fields must pair (the second fitting is the evidence
  that the order holds), and a value of the wrong shape drops the whole reading;
* a value line may carry the right half of its row: a label the grammar knows and its value
  (…所资金总额(万元)50 → 资金总额 50), or a checkbox field (专项属性延续专项√新增专项□), which is
  cut off;
* the labels left unpaired are named in a failure, and so is the whole reading (the fields are
  paired by order alone), so every project is flagged and ``--backend auto`` sends it on.

Nothing is read when the run has no name label, or fewer than two fields pair.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...ingest.document import Document
from ...messages import msg
from ...schema import Amounts, BudgetTable, Failure, Project, RunMeta, Span, Unit
from .form.labels import _key_field

__all__ = ["read_label_block"]

#: a label line: a few characters, no digit, no punctuation but brackets
_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{1,10}$")
#: the fields paired by order, and what the value of each looks like
_PAIRED = {"name", "department", "unit"}
_NAME_VALUE = re.compile(r"^[\u4e00-\u9fff（）()《》“”\w、·—\-]{4,60}$")
#: the right half of a row carried on a value line: a checkbox field (专项属性 延续专项√ 新增专项□)
_CHECKBOXES = re.compile(r"(?:项目|专项|资金)(?:属性|类型|类别)[:：]?\s*(?:[^√□☑■]{1,10}[√□☑■]){2,}\s*$")
_NUMBER = re.compile(r"^\s*[:：]?\s*(\d+(?:\.\d+)?)\s*$")
_SENTENCE = re.compile(r"[。；;]")
#: how the labels of these forms end (项目名称, 职能职责概述, 立项依据, 进度计划, 年度绩效目标, 一级指标 …)
_LABEL_END = re.compile(r"(?:名称|部门|单位|概述|依据|计划|目标|指标|时间|属性|类型|类别|总额|金额|负责人|电话|内容)$")
_CURRENCY = re.compile(r"[（(](万元|元)[)）]")


def _is_label(lines: list[str], k: int) -> bool:
    """A label line: a label the grammar knows, a line ending as labels end (…概述, …依据, …目标),
    or a wrapped label's piece that the next one or two lines complete (专项立项 / 依据). A short
    value (演出设备更新专项经费) is none of these; a name or unit has four characters or more."""
    pieces = [x.strip() for x in lines[k : k + 3]]
    if not pieces or not _LABEL_LINE.match(pieces[0]):
        return False
    if len(pieces[0]) <= 3:  # a piece of a label cut by the layout (专项 / 年度 / 产 / 绩效出), never a name
        return True
    for size in (1, 2, 3):
        if size > len(pieces) or not all(_LABEL_LINE.match(x) for x in pieces[:size]):
            break
        text = "".join(pieces[:size])
        if _key_field(text) or _LABEL_END.search(text):
            return True
    return False


def _label_run(lines: list[str]) -> tuple[int, list[tuple[str, int]], int] | None:
    """Where the label column starts: (first line index, labels with the line they start on, the
    first value line), the run beginning at a bare name label and holding three lines or more."""
    for i, line in enumerate(lines):
        if _key_field(line.strip()) != "name" or not _LABEL_LINE.match(line.strip()):
            continue
        j = i
        while j < len(lines) and _is_label(lines, j):
            j += 1
        if j - i < 3 or j >= len(lines):
            return None
        labels: list[tuple[str, int]] = []
        k = i
        while k < j:  # a wrapped label is joined when the join is a label the grammar knows
            for size in (3, 2, 1):
                text = "".join(x.strip() for x in lines[k : k + size])
                if k + size <= j and (size == 1 or _key_field(text)):
                    labels.append((text, k))
                    k += size
                    break
        return i, labels, j
    return None


def _inline_field(value: str) -> tuple[str, tuple[str, str, str] | None]:
    """A value line cut before a label the grammar knows, with that label's key, text and value."""
    for start in range(2, len(value) - 1):
        for stop in range(len(value), start + 1, -1):
            key = _key_field(value[start:stop])
            if key is not None and not value[start:stop].isdigit():
                return value[:start], (key, value[start:stop], value[stop:])
    return value, None


def read_label_block(doc: Document) -> BudgetTable | None:
    """The header fields of a form whose labels are listed before their values; None when the
    text has no such block or its first pairing (the project name) does not fit."""
    lines = doc.text.split("\n")
    found = _label_run(lines)
    if found is None:
        return None
    _, labels, first_value = found
    values = [(n, line.strip()) for n, line in enumerate(lines[first_value:], first_value) if line.strip()]
    fields: dict[str, tuple[str, int]] = {}
    total: tuple[str, int, str] | None = None  # amount, line, currency
    paired = 0
    for (label, _), (n, value) in zip(labels, values, strict=False):
        key = _key_field(label)
        if key not in _PAIRED or key in fields or _SENTENCE.search(value):
            break
        value = _CHECKBOXES.sub("", value)
        value, inline = _inline_field(value)
        if not _NAME_VALUE.match(value.strip()):
            return None  # a value of the wrong shape: lines and labels are not one for one, nothing is trusted
        fields[key] = (value.strip(), n)
        currency = _CURRENCY.search(inline[1]) if inline is not None else None
        if inline is not None and inline[0] == "total" and currency and (number := _NUMBER.match(inline[2])):
            total = (number.group(1), n, currency.group(1))
        paired += 1
    if "name" not in fields or paired < 2:  # a second field that fits is the evidence the order holds
        return None
    unpaired = [label for label, _ in labels[paired:]]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def span(value: str, line: int) -> Span:
        start = offsets[line] + lines[line].find(value)
        return Span(start=start, end=start + len(value), row=line + 1)

    name, name_line = fields["name"]
    failures = [
        Failure(
            source=doc.source,
            field="document",
            message=msg("LABELS_BEFORE_VALUES", labels=" ".join(label for label, _ in labels[:paired])),
        ),
        Failure(source=doc.source, field="绩效指标", message=msg("FORM_NO_ROWS")),
    ]
    if unpaired:
        failures.append(
            Failure(
                source=doc.source, field="表头", message=msg("LABELS_BEFORE_VALUES_UNPAIRED", labels=" ".join(unpaired))
            )
        )
    amounts = Amounts(total=Decimal(total[0])) if total else Amounts()
    project = Project(name=name, amounts=amounts, spans={"name": span(name, name_line)})
    if total:
        project.spans["amounts.total"] = span(total[0], total[1])
    else:
        failures.append(Failure(source=doc.source, field="amounts.total", message=msg("LABELS_BEFORE_VALUES_NO_MONEY")))
    unit_name = (fields.get("unit") or fields.get("department") or ("", 0))[0]
    meta = RunMeta(source=doc.source, encoding=doc.encoding, layout=doc.layout, backend="rules")
    meta.extra["kind"] = "labels listed before values"
    return BudgetTable(
        department=fields["department"][0] if "department" in fields else None,
        currency_unit=total[2] if total else None,
        amounts=amounts,
        units=[Unit(name=unit_name, amounts=amounts, projects=[project])],
        meta=meta,
        failures=failures,
    )
