"""Step 4 of the pipeline: a table as JSON, JSONL, CSV, XLSX, or back in the source format.

Every format is derived from the pydantic models: the interchange JSON is the models'
own dump; CSV and XLSX flatten the same fields under the Chinese column names the source
tables use; :func:`render_table` writes the source's own tab-separated line format, which
the extractor reads back to the same table (a property the tests check).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..schema import AMOUNT_FIELDS, BudgetTable, Indicator, Project

__all__ = [
    "FORMATS",
    "to_interchange",
    "dumps_json",
    "dumps_jsonl",
    "dumps_csv",
    "xlsx_bytes",
    "render_indicators",
    "render_table",
    "export_bytes",
    "PROJECT_COLUMNS",
    "INDICATOR_COLUMNS",
]

FORMATS = ("json", "jsonl", "csv", "xlsx", "source")

#: (column label as the source tables write it, interchange field)
PROJECT_COLUMNS: list[tuple[str, str]] = [
    ("资金使用单位", "unit"),
    ("项目名称", "name"),
    ("涉密项目", "classified"),
    ("总计", "amounts.total"),
    ("财政拨款", "amounts.fiscal"),
    ("财政专户拨款", "amounts.special_account"),
    ("其他资金", "amounts.other"),
    ("绩效目标", "goal"),
]
INDICATOR_COLUMNS: list[tuple[str, str]] = [
    ("序号", "seq"),
    ("一级指标代码", "level1_code"),
    ("一级指标", "level1_name"),
    ("二级指标代码", "level2_code"),
    ("二级指标", "level2_name"),
    ("三级指标", "name"),
    ("实施周期指标值", "period_value"),
    ("年度指标值", "annual_value"),
]


def _spans_dump(model: Any) -> dict[str, Any]:
    return {k: v.model_dump(mode="json", exclude_none=True) for k, v in model.spans.items()}


def to_interchange(table: BudgetTable, *, with_spans: bool = False, with_meta: bool = True) -> dict[str, Any]:
    """The interchange dict. Spans go under ``spans`` keys only when asked for; run metadata
    and failures sit under ``meta`` and ``failures`` so the interchange fields stay clean."""
    data = table.model_dump(mode="json")
    if with_spans:
        data["spans"] = _spans_dump(table)
        for unit_data, unit in zip(data["units"], table.units):
            unit_data["spans"] = _spans_dump(unit)
            for project_data, project in zip(unit_data["projects"], unit.projects):
                project_data["spans"] = _spans_dump(project)
                for ind_data, ind in zip(project_data["indicators"], project.indicators):
                    ind_data["spans"] = _spans_dump(ind)
    if with_meta:
        if table.meta is not None:
            data["meta"] = table.meta.model_dump(mode="json")
        data["failures"] = [f.model_dump(mode="json") for f in table.failures]
    return data


def dumps_json(table: BudgetTable, *, with_spans: bool = False) -> str:
    return (
        json.dumps(to_interchange(table, with_spans=with_spans), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    )


def dumps_jsonl(table: BudgetTable, *, with_spans: bool = False) -> str:
    """One project per line, carrying the department and unit it belongs to."""
    data = to_interchange(table, with_spans=with_spans, with_meta=False)
    lines = []
    for unit in data["units"]:
        for project in unit["projects"]:
            record = {"department": data["department"], "unit": unit["name"], **project}
            lines.append(json.dumps(record, ensure_ascii=False, allow_nan=False))
    return "\n".join(lines) + ("\n" if lines else "")


def _field(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def _flat_rows(table: BudgetTable) -> tuple[list[list[Any]], list[list[Any]]]:
    """(project rows, indicator rows) with values as Python objects (Decimal for money)."""
    project_rows: list[list[Any]] = []
    indicator_rows: list[list[Any]] = []
    for unit in table.units:
        for project in unit.projects:
            base = [unit.name if key == "unit" else _field(project, key) for _, key in PROJECT_COLUMNS]
            project_rows.append(base)
            for ind in project.indicators:
                indicator_rows.append([unit.name, project.name] + [getattr(ind, key) for _, key in INDICATOR_COLUMNS])
    return project_rows, indicator_rows


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return _money(value)
    return str(value)


def dumps_csv(table: BudgetTable) -> str:
    """One indicator per row with its project's fields; a project without indicators
    (涉密项目) still gets one row, so no project is lost."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([label for label, _ in PROJECT_COLUMNS] + [label for label, _ in INDICATOR_COLUMNS])
    for unit in table.units:
        for project in unit.projects:
            base = [_csv_value(unit.name if key == "unit" else _field(project, key)) for _, key in PROJECT_COLUMNS]
            if not project.indicators:
                writer.writerow(base + [""] * len(INDICATOR_COLUMNS))
            for ind in project.indicators:
                writer.writerow(base + [_csv_value(getattr(ind, key)) for _, key in INDICATOR_COLUMNS])
    return buffer.getvalue()


def xlsx_bytes(table: BudgetTable, extra_columns: list[tuple[str, Callable[[Indicator], Any]]] = ()) -> bytes:
    """A workbook with a 项目 sheet and a 绩效指标 sheet; amounts are numbers, not text.
    ``extra_columns`` adds (label, value of an indicator) columns to the 绩效指标 sheet (a draft's
    rationale and sources)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    projects_sheet = workbook.active
    projects_sheet.title = "项目"
    indicators_sheet = workbook.create_sheet("绩效指标")
    project_rows, indicator_rows = _flat_rows(table)
    projects_sheet.append([label for label, _ in PROJECT_COLUMNS])
    for row in project_rows:
        projects_sheet.append([_xlsx_value(v) for v in row])
    indicators_sheet.append(
        ["资金使用单位", "项目名称"] + [label for label, _ in INDICATOR_COLUMNS] + [label for label, _ in extra_columns]
    )
    indicators = [ind for unit in table.units for project in unit.projects for ind in project.indicators]
    for row, ind in zip(indicator_rows, indicators, strict=True):
        indicators_sheet.append([_xlsx_value(v) for v in row] + [_xlsx_value(value(ind)) for _, value in extra_columns])
    for sheet in (projects_sheet, indicators_sheet):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            letter = column[0].column_letter
            width = max(len(str(c.value or "")) for c in column[:50])
            sheet.column_dimensions[letter].width = min(max(8, width * 1.6), 60)
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in projects_sheet.iter_rows(min_row=2, min_col=4, max_col=7):
        for cell in row:
            cell.number_format = "#,##0.00"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def render_indicators(indicators: list[Indicator]) -> str:
    """The source's own cell format: ``1、1-产出指标:11-数量指标;名称;实施周期指标值:…;年度指标值:….``"""
    parts = []
    for ind in indicators:
        seq = "" if ind.seq is None else f"{ind.seq}、"
        level1 = f"{ind.level1_code or ''}-{ind.level1_name or ''}"
        level2 = f"{ind.level2_code or ''}-{ind.level2_name or ''}"
        parts.append(
            f"{seq}{level1}:{level2};{ind.name or ''};"
            f"实施周期指标值:{ind.period_value or ''};年度指标值:{ind.annual_value or ''}。"
        )
    return "".join(parts)


def _money(value: Decimal | None, *, thousands: bool = False) -> str:
    """Money as the tables print it: two decimals (more only when the value has them)."""
    if value is None:
        return ""
    places = max(2, -value.as_tuple().exponent) if isinstance(value.as_tuple().exponent, int) else 2
    return f"{value:,.{places}f}" if thousands else f"{value:.{places}f}"


def _amount_cells(amounts: Any) -> list[str]:
    return [_money(getattr(amounts, key), thousands=True) for key in AMOUNT_FIELDS]


def _project_line(project: Project) -> str:
    if project.classified:
        return "\t".join(
            [
                "涉密项目" if project.name == "涉密项目" else project.name,
                *_amount_cells(project.amounts),
                "涉密项目",
                "涉密项目",
            ]
        )
    return "\t".join(
        [project.name, *_amount_cells(project.amounts), project.goal or "", render_indicators(project.indicators)]
    )


def render_table(table: BudgetTable) -> str:
    """The whole table as tab-separated text in the seed's layout."""
    lines = [table.title or "项目支出绩效目标表", ""]
    if table.department:
        lines += [f"部门名称：{table.department}（部门）", ""]
    lines += [f"单位：{table.currency_unit or '万元'}", ""]
    lines.append(
        "\t".join(["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"])
    )
    lines.append("\t".join(["合计", *_amount_cells(table.amounts), "", ""]))
    for unit in table.units:
        lines.append("\t".join([unit.name, *_amount_cells(unit.amounts), "", ""]))
        lines.extend(_project_line(p) for p in unit.projects)
    return "\n".join(lines) + "\n"


def export_bytes(table: BudgetTable, fmt: str, *, with_spans: bool = False) -> bytes:
    """The table in one of :data:`FORMATS`, as bytes ready to write."""
    if fmt == "json":
        return dumps_json(table, with_spans=with_spans).encode("utf-8")
    if fmt == "jsonl":
        return dumps_jsonl(table, with_spans=with_spans).encode("utf-8")
    if fmt == "csv":
        return dumps_csv(table).encode("utf-8-sig")
    if fmt == "xlsx":
        return xlsx_bytes(table)
    if fmt == "source":
        return render_table(table).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
