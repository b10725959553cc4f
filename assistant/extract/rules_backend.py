"""The rules backend: the embedded default that needs no model and no network.

A file may hold several tables (sheets of a workbook, tables of a Word file); each part
goes to the parser its layout calls for (a department table, a single-project form, or the
assistant's own flat export brought back) and the parts are combined into one table.
"""

from __future__ import annotations

from ..errors import InputError
from ..ingest.cellgrid import parse_unread_cell_note
from ..ingest.document import Document
from ..ingest.limits import check_text
from ..messages import Msg, msg
from ..schema import Amounts, BudgetTable, Failure, Indicator, Project, RunMeta, Unit
from .as_printed import as_printed, is_traditional, simplified_document
from .parsers.flat import is_flat_export, read_flat_export
from .parsers.form import extract_form, has_form_header, looks_like_form, looks_like_name_grid
from .parsers.form.hard_wrap import unwrap
from .parsers.form.numbered import read_numbered
from .parsers.form.selfeval_rows import read_selfeval_rows
from .parsers.header_only import doubt_goal, keys_open_lines, names_a_form
from .parsers.heading_name import name_by_heading
from .parsers.label_blocks import read_label_block
from .parsers.level_columns import extract_level_columns, looks_like_level_columns
from .parsers.out_of_order import labels_in_a_run, mark_out_of_order
from .parsers.prose import extract_prose, fill_from_report, looks_like_prose, read_report_targets
from .parsers.prose_fields import read_prose_fields
from .parsers.several_forms import split_forms
from .parsers.table import extract_table
from .parsers.transposed import read_transposed
from .row_kinds import drop_leftovers

__all__ = ["extract_with_rules", "split_parts"]


def split_parts(doc: Document) -> list[Document]:
    """One Document per sheet / Word table (``Cell.sheet``); PDFs and text stay whole."""
    if doc.layout not in ("xlsx", "docx"):
        return [doc]
    parts: dict[str | None, list] = {}
    for row in doc.rows:
        sheet = row.cells[0].sheet if row.cells else None
        parts.setdefault(sheet, []).append(row)
    if len(parts) <= 1:
        return [doc]
    return [
        Document(doc.source, doc.text, rows, doc.encoding, doc.layout, list(doc.warnings)) for rows in parts.values()
    ]


def _named(doc: Document, form: BudgetTable) -> BudgetTable:
    """A form with no 项目名称 cell is named by its heading or caption; a form inside a report
    with no money cells takes the report's one amount (flagged). A form whose cells
    are out of reading order keeps only what that order does not contradict, flagged."""
    if run := labels_in_a_run(doc):  # the 指标N: items are read all the same: their numbers order them
        return mark_out_of_order(doc, _numbered(doc, form), run)
    return fill_from_report(doc, name_by_heading(doc, _numbered(doc, form)))


def _numbered(doc: Document, form: BudgetTable) -> BudgetTable:
    """A form whose grid gave no rows, read by the template's numbers 指标N: or, for a
    self-evaluation printed one row per line, by each row's end (both flagged)."""
    ungridded = {"FORM_NO_ROWS", "FORM_HEADER_ONLY"}
    projects = [p for u in form.units for p in u.projects]
    if len(projects) != 1 or projects[0].indicators or not any(f.code in ungridded for f in form.failures):
        return form
    # a dump hard-wrapped at a fixed width (指标 | 7:建立…) read with its cut lines joined again
    lines = [" ".join(cell.text for cell in row.cells) for row in unwrap(doc)[0].rows]
    if (read := read_numbered("\n".join(lines), doc.source) or read_selfeval_rows(lines, doc.source)) is None:
        return form
    projects[0].indicators, failures = read
    at = next(k for k, f in enumerate(form.failures) if f.code in ungridded)
    form.failures[at : at + 1] = failures
    return form


def _header_kept(doc: Document, keys_run: bool = False) -> BudgetTable:
    """A form's header read without its grid (cut above it, or a grid the rules cannot read),
    with a goal that may have run into the grid's heads flagged; ``keys_run``: its rows run each
    key into its value (:func:`keys_open_lines`), said by a failure."""
    table = doubt_goal(doc, _named(doc, extract_form(doc, header_only=True, keys_run=keys_run)))
    if keys_run:
        table.failures.insert(0, Failure(source=doc.source, field="document", message=msg("FORM_KEYS_OPEN_LINES")))
    return table


def _several_forms(doc: Document, forms: list[Document]) -> BudgetTable:
    """The forms of one document as one table: their projects in order, under one unit per
    unit name. A unit or table total that no form writes stays empty (forms write only their
    project's money)."""
    tables: list[BudgetTable] = []
    failures: list[Failure] = []
    for form in forms:
        try:
            tables.append(_named(form, extract_form(form)))
        except InputError as exc:
            if names_a_form(form):  # the last form cut above its grid (a page cut short): its header is kept
                tables.append(_header_kept(form))
                continue
            failures.append(Failure(source=doc.source, field="项目表", message=exc.msg or exc.reason))
    if not tables:
        raise InputError(doc.source, msg("NO_FORM_GRID"))
    combined = tables[0].model_copy(deep=True)
    combined.spans, combined.units, combined.amounts = dict(tables[0].spans), [], Amounts()
    combined.failures = [f for t in tables for f in t.failures] + failures
    units: dict[str, Unit] = {}
    for table in tables:
        for unit in table.units:
            if unit.name in units:
                units[unit.name].projects.extend(unit.projects)
                units[unit.name].amounts = Amounts()
            else:
                units[unit.name] = unit.model_copy()
                combined.units.append(units[unit.name])
    if combined.meta is not None:
        combined.meta.extra.update(kind="several project forms", forms=len(tables))
    return combined


def _indicators_only(doc: Document, indicators: list[Indicator], run: list[str]) -> BudgetTable:
    """A page whose header cannot be paired but whose indicator block lines up: the indicators,
    an unnamed project, and the failures that say what was not read."""
    failures = [
        Failure(
            source=doc.source, field="document", message=msg("FORM_OUT_OF_ORDER", labels=" ".join(run), dropped="—")
        ),
        Failure(source=doc.source, field="项目名称", message=msg("FORM_NO_NAME")),
    ]
    meta = RunMeta(source=doc.source, encoding=doc.encoding, layout=doc.layout, backend="rules")
    meta.extra["kind"] = "indicator block printed across"
    project = Project(name="", indicators=indicators)
    return BudgetTable(currency_unit=None, units=[Unit(name="", projects=[project])], meta=meta, failures=failures)


def _extract_part(doc: Document) -> BudgetTable:
    if looks_like_level_columns(doc):  # a department table, one indicator per row, levels in columns
        return extract_level_columns(doc)
    if looks_like_form(doc):
        if forms := split_forms(doc):  # one page, one form per project
            return _several_forms(doc, forms)
        try:
            return _named(doc, extract_form(doc))
        except InputError:
            if block := read_label_block(doc):  # the label column printed before the values (PDF text)
                return block
            if has_form_header(doc) or names_a_form(doc):  # grid header cut or unread: the header is kept, flagged
                return _header_kept(doc)
            raise
    try:
        table = extract_table(doc)
    except InputError:
        if looks_like_name_grid(doc):  # names and values with no level columns: read as a form
            if forms := split_forms(doc):  # one page, one form per project
                return _several_forms(doc, forms)
            return _named(doc, extract_form(doc))
        if has_form_header(doc):  # a form whose grid the rules do not know: its header is still read
            if forms := split_forms(doc):  # one page, one such form per project
                return _several_forms(doc, forms)
            return _named(doc, extract_form(doc, header_only=True))
        if looks_like_prose(doc):  # a notice that writes the targets as an outline (一、产出指标 …)
            return extract_prose(doc)
        if run := labels_in_a_run(doc):  # say why, rather than "no table"; keep an indicator block that lines up
            if indicators := read_transposed(doc):
                return _indicators_only(doc, indicators, run)
            if block := read_label_block(doc):  # the label column printed before the values
                return block
            raise InputError(doc.source, msg("FORM_OUT_OF_ORDER_REFUSED", labels=" ".join(run))) from None
        if names_a_form(doc):  # a form's header and no grid (a page cut above it): kept, with a failure
            return _header_kept(doc)
        if prose := read_prose_fields(doc):  # a notice or report stating its projects in sentences, all flagged
            return prose
        if targets := read_report_targets(doc):  # a report's target sentences with no project field read
            return targets
        if keys_open_lines(doc):  # 项目名称某经费 / 主管部门某局 / 合计250: the header kept, not refused
            return _header_kept(doc, keys_run=True)
        raise
    if not table.units and has_form_header(doc):
        return _named(doc, extract_form(doc, header_only=True))  # no project row found, but a form's header is there
    return table


def _sum(a: Amounts, b: Amounts) -> Amounts:
    data = {}
    for field in ("total", "fiscal", "special_account", "other"):
        x, y = getattr(a, field), getattr(b, field)
        data[field] = None if x is None and y is None else (x or 0) + (y or 0)
    return Amounts(**data)


def extract_with_rules(doc: Document) -> BudgetTable:
    """The rule-based extraction of any document: department table(s) or project form(s).

    Several tables in one file (sheets of a workbook, tables of a Word file) are each
    extracted and combined into one table: units in file order, the 合计 amounts summed,
    title and department from the first. A part that cannot be read is reported as a
    failure; the others are still extracted.

    Raises:
        InputError: no part of the document holds a table or a form, or its text is longer than
            the rules read in reasonable time (``ASSISTANT_MAX_TEXT_CHARS``).
    """
    check_text(doc.text, doc.source)
    flat = is_flat_export(doc)  # the assistant's own CSV/XLSX export, edited and brought back
    if flat:
        table = read_flat_export(doc)
    elif is_traditional(doc.text):  # read through a simplified copy, the values kept as printed
        copy, kept = simplified_document(doc)
        table = as_printed(drop_leftovers(_extract_parts(copy)), doc, kept)
    else:
        table = drop_leftovers(_extract_parts(doc))
    table.failures[:0] = doc.failures  # what the reader could not read (damaged bytes) comes first
    if flat:
        return table
    for note in doc.warnings:
        unread = parse_unread_cell_note(note)
        if unread is not None:
            row, where, formula = unread
            message = msg("CELL_FORMULA_UNSAVED", where=where, formula=formula)
            table.failures.append(Failure(source=doc.source, row=row, field=where, message=message))
        elif table.meta is not None:
            table.meta.extra.setdefault("reader_notes", []).append(note)
    return table


def _extract_parts(doc: Document) -> BudgetTable:
    parts = split_parts(doc)
    if len(parts) == 1:
        return _extract_part(doc)
    tables: list[BudgetTable] = []
    errors: list[Failure] = []
    for part in parts:
        sheet = part.rows[0].cells[0].sheet
        try:
            tables.append(_extract_part(part))
        except InputError as exc:
            errors.append(Failure(source=doc.source, field=sheet, message=exc.msg or exc.reason))
    if not tables:
        raise InputError(
            doc.source, msg("PARTS_UNREAD", reasons=[Msg(e.code, e.params) if e.code else e.message for e in errors])
        )
    combined = tables[0].model_copy(deep=True)
    combined.spans = dict(tables[0].spans)
    combined.failures = list(tables[0].failures)
    for table in tables[1:]:
        combined.units.extend(table.units)
        combined.amounts = _sum(combined.amounts, table.amounts)
        combined.failures.extend(table.failures)
    combined.failures.extend(errors)
    if combined.meta is not None:
        combined.meta.extra["parts"] = len(tables)
    return combined
