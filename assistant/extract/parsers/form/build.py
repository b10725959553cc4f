""":func:`extract_form`: tokens, header block, grid and indicators put together into a table with
one unit and one project, every failure found on the way kept with it.
"""

from __future__ import annotations

import re

from ....errors import InputError
from ....ingest.document import Cell, Document, Row
from ....messages import Msg, msg
from ....schema import BudgetTable, Project, RunMeta, Span, Unit
from .detect import _grid_start
from .doubts import _doubtful
from .failures import Failures
from .grid import _find_header, _named_head, _read_grid
from .hard_wrap import unwrap
from .header import _read_block
from .indicators import _indicators
from .interleaved import deinterleave, rejoin_run_labels
from .labels import _CURRENCY, _GOAL_FIELDS, _TITLE, _fold, _key_field
from .layout_columns import value_wrapped_under
from .money import _amounts, _money_header, _total_from_parts, level_row, money_by_level
from .padded import split_padded
from .row_ends import split_at_row_ends
from .run_lines import join_wrapped_runs, runs_under_spaced_header
from .runs import _join_pages, _without_readings
from .tokens import _by_lines, _separation, _tokens, keys_run_together
from .wrapped_lines import name_around_key, name_below_key

#: a name's first sentence punctuation with more text after it (four characters of name at least):
#: a name is no sentence, what follows describes the project
_NAME_SENTENCE = re.compile(r"(?<=\S{4})\s*[，,。；;]\s*(?=\S)")
#: a word with its colon after a space inside a department's cell: 塘桥街道办事处 委托单位:… (a cover in
#: one line; a name never holds a key: the key reader ends it at the next one)
_KEY_IN_NAME = re.compile(r"(?<=\S{2})\s+(?P<key>[\u4e00-\u9fff]{2,8})\s*[:：]")


#: a budget code before a unit's name: [015001], 【812033】, (433001), 031-, 219001－
_UNIT_CODE = re.compile(r"^\s*(?:[\[【［(（]\s*\d{3,}\s*[\]】］)）]|\d{3,}\s*[-－—])\s*(?=\S)")


#: label words a misplaced cell may leave where the 项目名称 should be (项目主管单 of 项目主管单位)
_LABEL_WORDS = (
    "项目主管单位",
    "项目主管部门",
    "项目实施单位",
    "项目负责人",
    "项目属性",
    "项目资金",
    "项目类别",
    "实施单位",
    "主管部门",
)


def _at_text_end(doc: Document, span: Span | None) -> bool:
    """A value whose span reaches the text's very end (bars and white space aside): cut with it."""
    return span is not None and span.end >= len(doc.text.rstrip(" \t\r\n\u3000|｜"))


_MONEY = ("total", "fiscal", "special_account", "other")


#: a piece of a line between ``|`` bars (a cell of a page's own table)
_PIECE = re.compile(r"[^|｜\n]+")


def _money_of_a_copy(doc: Document, name: str, name_span: Span | None):
    """The amounts of a form whose own text stops before its money rows, read from a copy of the
    form's beginning run together into one cell of the page (安徽's 政务公开 pages repeat a
    document's start in their 内容概述 cell: …名称2024年农业防灾减灾…年度资金总额:390390100%…).
    The copy is a cell other than the one the name was read from that holds the same name and a
    money key; it is read as a form's header on its own. (amounts, its amount failures, the
    copy's first words), or None when no one such copy gives a total."""
    folded_name = re.sub(r"\s", "", _fold(name))
    copies = []
    for m in _PIECE.finditer(doc.text):
        piece = m.group()
        folded = re.sub(r"\s", "", _fold(piece))
        if len(folded) < 60 or folded_name not in folded or not _COPY_MONEY.search(folded):
            continue
        if name_span is not None and m.start() <= name_span.start < m.end():
            continue  # the form's own cell
        copies.append(m)
    if len(copies) != 1:
        return None
    m = copies[0]
    line = doc.text.count("\n", 0, m.start()) + 1
    cell = Cell(m.group().strip(), m.start() + len(m.group()) - len(m.group().lstrip()), m.end(), line, 0)
    copy = Document(doc.source + "#copy", doc.text, [Row([cell], line, cell.text)], doc.encoding, "tabbed", [])
    try:
        table = extract_form(copy, header_only=True)
    except InputError:
        return None
    [project] = table.projects()
    if project.amounts.total is None:
        return None
    kept = [f.model_copy(update={"source": doc.source}) for f in table.failures if f.field.startswith("amounts.")]
    return project.amounts, kept, cell.text[:30]


#: a money key of a form's header: the copy holds the money rows
_COPY_MONEY = re.compile(r"资金总额|预算数|资金投入情况|项目资金")


def _looks_like_label(name: str) -> bool:
    bare = re.sub(r"\s", "", _fold(name))
    return bool(_key_field(bare)) or (len(bare) >= 3 and any(w.startswith(bare) for w in _LABEL_WORDS))


def _without_code(name: str | None) -> str | None:
    """A department or unit name without the budget code written before it (the code is
    the budget system's key, not part of the name)."""
    return _UNIT_CODE.sub("", name) if name else name


def extract_form(doc: Document, *, header_only: bool = False, keys_run: bool = False) -> BudgetTable:
    """Extract one single-project form into a table with one unit and one project.

    With ``header_only`` a form whose indicator grid the rules do not know (一级指标 |
    二级指标 | 绩效标准 …, no 三级指标) still gives its header (name, units, amounts, goal),
    with a failure saying the indicators were not read.

    Raises:
        InputError: the document has no indicator grid (一级指标 | 二级指标 | 三级指标),
            and ``header_only`` is not set.

    ``keys_run`` (with ``header_only``): the header's rows are known to run their keys and values
    together (项目名称某经费 / 主管部门某局): the header is cut at its keys.
    """
    if doc.layout == "reflowed":
        doc = _by_lines(doc)  # read flattened text line by line, not as reflowed table cells
    doc, wraps = unwrap(doc)  # a PDF text layer hard-wrapped at its page's width: lines cut anywhere
    if _separation(paged := _join_pages(doc)) == "run_together":
        doc = paged  # 1、… 2、…: a host's page numbers left out, and the cells cut by its page breaks whole
        doc = _without_readings(doc)  # 產(chǎn)出指標(biāo)…: a mirror's pinyin readings cut no label
    joins: list[tuple[int, str]] = []
    separation = _separation(doc)
    if separation == "spaces" and runs_under_spaced_header(doc):
        separation = "run_together"  # a spaced header over rows whose spaces were lost here and there
    labels_joined: list[tuple[int, str]] = []
    row_ends: list[tuple[int, str, str]] = []
    if separation == "run_together":
        doc, labels_joined = rejoin_run_labels(doc)  # a label cut over lines in a narrow column
        doc, row_ends = split_at_row_ends(doc)  # rows on one line, each ended by a closed column's word
        doc, joins = join_wrapped_runs(doc)  # a cell wrapped onto the next line, a page's title again
    interleaved: list[tuple[int, str, bool]] = []
    if separation in ("spaces", "run_together"):
        doc, interleaved = deinterleave(
            doc, spaced_header=separation == "spaces"
        )  # a PDF's wrapped cells line by line across the row
    run_together = separation == "run_together"
    rows = _named_head(_tokens(doc, separation))
    header_at = _find_header(rows)
    gridded = header_at is not None
    if not gridded and header_only and separation is None and (keys_run or keys_run_together(doc)):
        # a header run together over a grid the rules do not know: the header is cut at its keys,
        # the grid is not read from text cut that way
        separation, run_together = "run_together", True
        rows = _named_head(_tokens(doc, separation))
    failures = Failures(doc.source, doc.rows)
    for line, text in joins:
        failures.add("三级指标", msg("FORM_RUN_LINES_JOINED", text=text[:40]), line)
    for line, label in labels_joined:
        failures.add("一级/二级指标", msg("FORM_LABEL_PIECES_JOINED", label=label), line)
    for line, text, guessed in interleaved:
        failures.add("三级指标", msg("FORM_INTERLEAVED_JOINED", text=text[:40]), line)
        if guessed:
            failures.add("三级指标", msg("FORM_WRAPPED_CELLS_UNSURE", text=text[:30], lines=2), line)
    for line, text, word in row_ends:
        failures.add("三级指标", msg("FORM_ROW_END_BY_COLUMN", text=text[:40], word=word), line)
    for line, text, above in wraps:
        failures.add("表头" if above else "三级指标", msg("FORM_HARD_WRAP_JOINED", text=text[:40]), line)
    if header_at is None:
        if not header_only:
            raise InputError(doc.source, msg("NO_FORM_GRID"))
        header_at = _grid_start(rows)
        failures.add("绩效指标", msg("FORM_HEADER_ONLY"))
    r0, t0 = header_at
    block_rows = rows[:r0] + ([rows[r0][:t0]] if t0 else [])
    block_rows = split_padded(block_rows, money_columns=bool(_money_header(block_rows)))
    values, found = _read_block(block_rows)
    items, l1_events, l2_events, targets = (
        _read_grid(rows, header_at, failures, run_together) if gridded else ([], [], [], [])
    )
    doubts: list[tuple[int, str, Msg]] = []
    indicators = _indicators(items, l1_events, l2_events, targets, doubts)
    for row, field, message in doubts:
        failures.at_row(row, field, message)
    amounts, amount_spans, written_units = _amounts(values, failures, _money_header(block_rows))
    if doubt := found.get("total_of_items"):
        failures.add("amounts.total", doubt)
    if "total_unwritten" in found:
        amounts, derived = _total_from_parts(amounts, values, amount_spans)
        if derived:
            failures.add("amounts.total", derived)
    for key, cells in found.items():
        if key.startswith("money_gap:"):
            failures.add(f"amounts.{key[10:]}", msg("FORM_MONEY_GAP", cells=cells))
        if key.startswith("money_keys:"):
            failures.add(f"amounts.{key[11:]}", cells)
        if key.startswith("money_adjusted:"):
            failures.add(f"amounts.{key[15:]}", msg("FORM_MONEY_ADJUSTED", cells=cells))
    if amounts.fiscal is None and (glued := _glued_fiscal(block_rows)):
        # 100.00% 10.00其中:本年财政拨款 25 25 25: the key glued to the row above's last number
        failures.add("amounts.fiscal", msg("FORM_MONEY_KEY_GLUED", text=glued))
    if by_level := money_by_level(block_rows):
        if amounts.fiscal is not None and level_row(values["fiscal"].key):
            # 其中：中央、省补助 | 市级财政资金 | 县级财政资金 40: a row naming where the money came from,
            # no 财政拨款 line (LABELING F2), whichever level's it is
            amounts = amounts.model_copy(update={"fiscal": None})
            amount_spans.pop("amounts.fiscal", None)
        failures.add("amounts.fiscal", msg("FORM_MONEY_BY_LEVEL", cells=by_level))
    said = {unit: where for key, where in found.items() if key.startswith("currency:") for unit in [key[9:]]}
    for field, unit in written_units.items():
        said.setdefault(unit, f"{field} {values[field].text[:20]}")
    if len(said) > 1:  # 单位：万元 over the form, 元 after an amount (or the reverse): which one is not guessed
        failures.add(
            "currency_unit",
            msg("FORM_CURRENCY_MIXED", said="；".join(f"{unit}（{where}）" for unit, where in said.items())),
        )
    elif not said and (other := _unit_in_text(doc.text)):
        # the header states no unit (read as 万元) while the page writes another, 资金构成(元), in
        # text the header reader did not take as a caption (cells run together): not trusted
        failures.add("currency_unit", msg("FORM_CURRENCY_UNREAD", said=other))

    def text(field: str) -> str | None:
        return values[field].text if field in values and values[field].text else None

    goal_field = next((f for f in _GOAL_FIELDS if text(f)), None)
    if goal_field == "年度目标" and _at_text_end(doc, values[goal_field].span):
        # the year's goal cut by the end of the page: the whole period's goal, complete, is the goal
        whole = next((f for f in _GOAL_FIELDS[1:] if text(f) and not _at_text_end(doc, values[f].span)), None)
        if whole is not None:
            failures.add("绩效目标", msg("FORM_GOAL_YEAR_CUT", field=values[whole].key or whole))
            goal_field = whole
    if doubt := found.get("goals_split"):
        failures.add("绩效目标", doubt)
    spans: dict[str, Span] = dict(amount_spans)
    name = text("name")
    if name is not None and separation == "spaces" and (whole := name_around_key(rows, r0, name)):
        failures.add("项目名称", msg("FORM_NAME_AROUND_KEY", name=whole, text=name))  # a PDF's key cell centred
        name = whole
    elif name is not None and separation != "spaces" and (whole := name_below_key(rows, r0, name)):
        failures.add("项目名称", msg("FORM_NAME_LINES_JOINED", name=whole, text=name))  # one cell per line, wrapped
        name = whole
    elif name is not None and separation == "spaces" and (whole := value_wrapped_under(rows, r0, name)):
        failures.add("项目名称", msg("FORM_NAME_LINES_JOINED", name=whole, text=name))  # laid out, wrapped under itself
        name = whole
    if name is not None and (sentence := _NAME_SENTENCE.search(name)):
        # 项目名称：某工程, 起点桩号…, 路段全长3.5公里。: a report's field line, the name and then its description
        failures.add(
            "项目名称", msg("FORM_NAME_SENTENCE", name=name[: sentence.start()], text=name[sentence.start() :][:30])
        )
        name = name[: sentence.start()]
    if name is not None and (doubt := found.get("name_doubt")):
        failures.add("项目名称", doubt)
    if name is not None and _looks_like_label(name):
        failures.add(
            "项目名称",
            msg("FORM_NAME_LOOKS_LIKE_LABEL", name=name),
            values["name"].span.row if values["name"].span else None,
        )
    # text run together: a name holding the form's title (1办公大楼…2…绩效目标申报表) ran past its edges
    # (in a cell of its own a name may be written as a title: …经费支出绩效自评表)
    if name is not None and run_together and (title := _TITLE.search(_fold(name))):
        failures.add("项目名称", msg("FORM_NAME_HOLDS_TITLE", name=name[:40], title=title.group()))
    if name is None:
        failures.add("项目名称", msg("FORM_NO_NAME"))
    else:
        spans["name"] = values["name"].span
    if goal_field:
        spans["goal"] = values[goal_field].span
        if doubt := found.get("goal_doubt"):
            row = spans["goal"].row if spans["goal"] else None
            failures.add("绩效目标", doubt, row)
    if not indicators and not header_only:
        failures.add("绩效指标", msg("FORM_NO_ROWS"))
    failures.found.extend(_doubtful(indicators, text(goal_field) if goal_field else None, doc))
    if name and not any(getattr(amounts, f) is not None for f in _MONEY) and not doc.source.endswith("#copy"):
        if (copied := _money_of_a_copy(doc, name, values["name"].span)) is not None:
            amounts, copy_failures, excerpt = copied  # the form cut above its money rows: a copy above it has them
            failures.add("amounts.total", msg("FORM_MONEY_FROM_COPY", text=excerpt))
            failures.found.extend(copy_failures)
    project = Project(
        name=name or "",
        amounts=amounts,
        goal=text(goal_field) if goal_field else None,
        indicators=indicators,
        spans={k: v for k, v in spans.items() if v is not None},
    )
    department, unit_name = _without_code(text("department")), _without_code(text("unit"))
    if department and (key := _KEY_IN_NAME.search(department)):
        # 主管部门: 塘桥街道办事处 委托单位:… 页码数:… (p02, a report's cover in one line): any word with a colon
        # after a space starts another field, known key or not (委托单位, 有效性 are no keys of ours)
        failures.add(
            "department", msg("FORM_DEPARTMENT_CUT_AT_KEY", name=department[: key.start()], key=key.group("key"))
        )
        department = department[: key.start()]
    unit = Unit(
        name=unit_name or department or "",
        amounts=amounts,
        projects=[project],
        spans={"name": values["unit"].span} if unit_name and values["unit"].span else {},
    )
    extra = {field: value.text for field, value in values.items()}
    meta = RunMeta(
        source=doc.source,
        encoding=doc.encoding,
        layout=doc.layout,
        backend="rules",
        extra={"form": extra, "kind": "project form"},
    )
    table = BudgetTable(
        title=found.get("title"),
        department=department,
        # no 单位 over the form: the unit written after its amounts (资金总额 100000元), else 万元
        currency_unit=found.get("currency") or _one_unit(written_units) or "万元",
        amounts=amounts,
        units=[unit],
        meta=meta,
        failures=failures.found,
    )
    if department and values["department"].span:
        table.spans["department"] = values["department"].span
    return table


#: a 财政拨款 key glued after a number (cells run together, then cut at white space)
_NUMBER_RUN = re.compile(r"\d[\d.,%％]*")
_FISCAL_KEY = re.compile(r"\s*(?:其中\s*[:：]?\s*)?(?:本年|当年|年度)?财政拨款")


def _glued_fiscal(rows: list) -> str | None:
    """A header piece holding a 财政拨款 key right after a number: the key was not read as one.
    Each run of digits is tried once, from its start (a search from every digit of a long run
    took time quadratic in it)."""
    for row in rows:
        for token in row:
            text = _fold(token.text)
            for number in _NUMBER_RUN.finditer(text):
                if (key := _FISCAL_KEY.match(text, number.end())) and not _key_field(token.text):
                    return text[number.start() : key.end()][:30]
    return None


def _unit_in_text(text: str) -> str | None:
    """The unit a page states (单位：元, （元）) when it states only units other than 万元."""
    units = {m.group(1) or m.group(2) for m in _CURRENCY.finditer(_fold(text))}
    return "、".join(sorted(units)) if units and "万元" not in units else None


def _one_unit(written: dict[str, str]) -> str | None:
    """The one unit every amount is written with (元 after each), or None."""
    units = set(written.values())
    return units.pop() if len(units) == 1 else None
