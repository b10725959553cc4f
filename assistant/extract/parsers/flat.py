"""Read back the assistant's own flat exports (CSV, and the XLSX 项目 + 绩效指标 sheets).

Clerks export a table to Excel, correct it there, and bring it back to validate, lint or
draft from. Those files are not department tables, so the table rules cannot read them;
their columns are the export's own (:data:`assistant.export.PROJECT_COLUMNS` and
:data:`assistant.export.INDICATOR_COLUMNS`), so they are read by column name here.
Header fields the flat formats do not carry (title, department, 合计 and unit amounts)
stay empty.
"""

from __future__ import annotations

import unicodedata

from ...export import INDICATOR_COLUMNS, PROJECT_COLUMNS
from ...ingest.document import Cell, Document, Row
from ...messages import msg
from ...schema import Amounts, BudgetTable, Failure, Indicator, Project, RunMeta, Span, Unit

__all__ = ["is_flat_export", "read_flat_export"]

_UNIT, _PROJECT = "资金使用单位", "项目名称"
_PROJECT_LABELS = [label for label, _ in PROJECT_COLUMNS]
_INDICATOR_LABELS = [label for label, _ in INDICATOR_COLUMNS]


def _labels(row: Row) -> list[str]:
    return [unicodedata.normalize("NFKC", c.text).strip() for c in row.cells]


def _kind(row: Row) -> str | None:
    """ "projects", "indicators" or "both" for a header row of a flat export, else None."""
    labels = _labels(row)
    has_projects = labels[: len(_PROJECT_LABELS)] == _PROJECT_LABELS
    has_indicators = all(label in labels for label in _INDICATOR_LABELS) and _PROJECT in labels
    if has_projects and has_indicators:
        return "both"
    return "projects" if has_projects else ("indicators" if has_indicators else None)


def is_flat_export(doc: Document) -> bool:
    """True when the document's first row is the header of a flat export."""
    return bool(doc.rows) and _kind(doc.rows[0]) is not None


def _blocks(doc: Document) -> list[tuple[str, list[str], list[Row]]]:
    """(kind, header labels, data rows) for each header row and the rows under it."""
    blocks: list[tuple[str, list[str], list[Row]]] = []
    for row in doc.rows:
        kind = _kind(row)
        if kind is not None:
            blocks.append((kind, _labels(row), []))
        elif blocks:
            blocks[-1][2].append(row)
    return blocks


def _cells(labels: list[str], row: Row) -> dict[str, Cell]:
    return {label: cell for label, cell in zip(labels, row.cells)}


def _text(cells: dict[str, Cell], label: str) -> str | None:
    cell = cells.get(label)
    return cell.text.strip() or None if cell is not None else None


def _spans(cells: dict[str, Cell], fields: list[tuple[str, str]]) -> dict[str, Span]:
    return {field: cells[label].span() for label, field in fields if label in cells and cells[label].text.strip()}


def _amounts(cells: dict[str, Cell], row: Row, source: str, failures: list[Failure]) -> Amounts:
    """The money columns, cell by cell: one bad cell loses only itself."""
    values = {}
    for label, field in PROJECT_COLUMNS:
        if field.startswith("amounts."):
            key = field.split(".", 1)[1]
            try:
                values[key] = getattr(Amounts.model_validate({key: _text(cells, label)}), key)
            except ValueError:
                failures.append(
                    Failure(
                        source=source,
                        row=row.line,
                        field=field,
                        message=msg("AMOUNT_NOT_NUMBER", text=repr(_text(cells, label))),
                        raw=row.raw,
                    )
                )
    return Amounts(**values)


def read_flat_export(doc: Document) -> BudgetTable:
    """A BudgetTable from a flat export; a row that does not fit becomes a Failure."""
    table = BudgetTable(
        title=None,
        currency_unit=None,
        meta=RunMeta(source=doc.source, encoding=doc.encoding, layout=f"{doc.layout}-export"),
    )
    units: dict[str, Unit] = {}
    projects: dict[tuple[str, str], list[Project]] = {}
    indicator_rows: list[tuple[dict[str, Cell], Row]] = []
    for kind, labels, rows in _blocks(doc):
        for row in rows:
            cells = _cells(labels, row)
            if not any(c.text.strip() for c in row.cells):
                continue
            unit_name, name = _text(cells, _UNIT) or "", _text(cells, _PROJECT)
            if name is None:
                table.failures.append(
                    Failure(source=doc.source, row=row.line, field=_PROJECT, message=msg("ROW_NO_NAME"), raw=row.raw)
                )
                continue
            # a CSV row repeats its project's fields on every indicator row: a project starts
            # at its first item (or has none), or is simply the next row of the project sheet
            starts_project = (
                kind == "projects" or _text(cells, "序号") in (None, "1") or not projects.get((unit_name, name))
            )
            if kind in ("projects", "both") and starts_project:
                amounts = _amounts(cells, row, doc.source, table.failures)
                project = Project(
                    name=name,
                    classified=_text(cells, "涉密项目") in ("是", "true", "True", "1"),
                    amounts=amounts,
                    goal=_text(cells, "绩效目标"),
                    spans=_spans(cells, [(label, field) for label, field in PROJECT_COLUMNS if field != "unit"]),
                )
                if unit_name not in units:
                    units[unit_name] = Unit(name=unit_name)
                    table.units.append(units[unit_name])
                units[unit_name].projects.append(project)
                projects.setdefault((unit_name, name), []).append(project)
            if kind in ("indicators", "both") and any(_text(cells, label) for label in _INDICATOR_LABELS):
                indicator_rows.append((cells, row))
    for cells, row in indicator_rows:
        key = (_text(cells, _UNIT) or "", _text(cells, _PROJECT) or "")
        owners = projects.get(key)
        if not owners:
            table.failures.append(
                Failure(
                    source=doc.source,
                    row=row.line,
                    field=_PROJECT,
                    message=msg("FLAT_PROJECT_UNKNOWN", name=key[1]),
                    raw=row.raw,
                )
            )
            continue
        values = {field: _text(cells, label) for label, field in INDICATOR_COLUMNS}
        seq = values.pop("seq")
        try:
            indicator = Indicator(
                seq=int(float(seq)) if seq else None, **values, spans=_spans(cells, INDICATOR_COLUMNS)
            )
        except ValueError:
            table.failures.append(
                Failure(
                    source=doc.source, row=row.line, field="序号", message=msg("FLAT_BAD_SEQ", seq=seq), raw=row.raw
                )
            )
            continue
        owner = owners[0]
        if len(owners) > 1 and indicator.seq == 1 and owner.indicators:
            owners.pop(0)  # the next project of the same name starts its own items
            owner = owners[0]
        owner.indicators.append(indicator)
    return table
