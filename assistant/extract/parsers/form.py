"""Single-project forms (项目支出绩效目标申报表 / 批复表 / 自评表) into the same records.

A form holds one project: a key–value block (项目名称, 主管部门, 实施单位, 项目资金: 年度资金总额 /
财政拨款 / 上级资金 / 其他资金, 总体目标 or 实施周期目标 + 年度目标) and an indicator grid
一级指标 | 二级指标 | 三级指标 | value columns. It may come as Word/Excel cells, OCR rows, or
flattened text from a web page or a PDF copy: cells separated by ``|``, by line breaks, or
not at all. Everything is first cut into *tokens* (one per cell, ``|`` piece or line; text
run together is cut at the labels a form uses), then read the same way.

Reading rules (what the tests pin down):

* One project per form; the unit is the 实施单位 (else the 主管部门). The table's amounts are
  the project's, so the amount checks still hold. A value the form lacks stays ``None``.
* Amounts: 年度资金总额 → total, 财政拨款 → fiscal, 财政专户 → special_account, 其他资金 →
  other. 上级资金 has no field of its own; it is kept with every other key–value pair under
  ``meta.extra["form"]``.
* Goal: 年度目标 when the form has one, else 总体目标 / 实施周期目标 / 绩效目标; the other goal
  texts are kept under ``meta.extra["form"]``.
* Value columns: 实施周期指标值 → period_value; 年度指标值, a single 指标值 (指标值及单位) or
  预期…值 → annual_value, with a 指标性质 (≥) and 度量单位 written in their own columns joined
  to it; other columns (绩效标准, 实际值, 分值, 得分…) are not read.
* Category names are kept as written; codes come from :mod:`assistant.taxonomy`. The 一级 and
  二级 cells are merged down their groups, so in flattened text a label shows once per
  group: on the group's first row, or in its middle (vertically centred). When the first
  indicator has no label above it, labels are read as centred and groups are rebuilt
  around them; a 一级 label is then matched to indicators by the level-2 code's first digit
  where that is unambiguous.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from ...errors import InputError
from ...ingest.cellgrid import is_department_header, join_wrapped
from ...ingest.document import Cell, Document, Row
from ...schema import Amounts, BudgetTable, Failure, Indicator, Project, RunMeta, Span, Unit
from ...taxonomy import code_for_level1_name, code_for_level2_name
from ...textnorm import fold_whitespace, strip_markup

__all__ = ["looks_like_form", "extract_form"]

# ---- the labels a form uses -------------------------------------------------------------

#: key label (regex) -> field it fills; the longer spelling first where one contains another
_KEYS: list[tuple[str, str]] = [
    (r"项目名称", "name"),
    (r"(?:主管部门|预算部门|主管单位)(?:及代码)?", "department"),
    (r"(?:项目)?实施单位|预算单位", "unit"),
    (r"项目属性", "项目属性"),
    (r"项目期|项目周期|实施期限", "项目期"),
    (r"项目类[型别]", "项目类型"),
    (r"项目负责人", "项目负责人"),
    (r"联系电话", "联系电话"),
    (r"(?:年度|实施周期)?资金总额|年度预算数|项目总金额", "total"),
    (r"(?:其中[:：]?\s*)?财政拨款", "fiscal"),
    (r"财政专户(?:拨款|资金)?", "special_account"),
    (r"上级(?:资金|补助)", "上级资金"),
    (r"其他资金", "other"),
    (r"实施周期目标|中长期目标", "实施周期目标"),
    (r"年度目标|预期目标", "年度目标"),
    (r"(?:年度)?总体目标|绩效目标(?!(?:申报|批复)?表)", "总体目标"),
    (r"实际完成情况", "实际完成情况"),  # 自评表: beside the 预期目标
]
_GOAL_FIELDS = ("年度目标", "总体目标", "实施周期目标")
_AMOUNT_FIELDS = ("total", "fiscal", "special_account", "other")
_GROUP_LABEL = re.compile(r"^(?:项目资金|资金情况|年度资金|资金)\s*[（(]\s*(?P<unit>万元|元|千元)\s*[)）]$|^项目资金$|^绩效指标$|^资金情况$")
_TITLE = re.compile(r"绩效目标(?:申报|批复)表|绩效自评表|绩效目标表|自评表")
_CURRENCY = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|千元)|[（(](万元|元|千元)[)）]")
_GRID_WORDS = ("一级指标", "二级指标", "三级指标")
_VALUE_HEADER = re.compile(
    r"^(?:.{0,8}(?:指标值|实际值|完成值|目标值|标准|分值|得分|计量单位|度量单位|指标方向|指标性质|计算符号)(?:及单位)?"
    r"|预期.{0,8}值|偏差原因.{0,20})$"
)

# Level names a form writes in the 一级 / 二级 columns (the codes come from the taxonomy).
_LEVEL1_NAMES = ("产出指标", "效益指标", "效果指标", "满意度指标")
_LEVEL2_NAME = re.compile(
    r"^(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|(?:社会公众或)?服务对象满意度|满意度)(?:指标)?$"
)
_AMOUNT_TEXT = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_COMPARATOR = re.compile(r"[≥≤＞＜><=＝]")

_KEY_RE = re.compile("|".join(f"(?:{pattern})" for pattern, _ in _KEYS))
_KEY_COLON = re.compile(rf"(?:{_KEY_RE.pattern})\s*[:：]")
_LABEL_RE = re.compile(
    "|".join(
        sorted(
            [
                *(p for p, _ in _KEYS),
                *_GRID_WORDS,
                r"实施周期指标值",
                r"年度指标值",
                r"指标值及单位",
                r"指标值",
                r"社会公众或服务对象满意度指标",
                r"服务对象满意度指标",
                r"(?:经济|社会|生态)效益指标",
                r"可持续影响指标",
                r"(?:数量|质量|时效|成本)指标",
                *_LEVEL1_NAMES,
            ],
            key=len,
            reverse=True,
        )
    )
)


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _bare(text: str) -> str:
    """A label without its colon, 其中 prefix and white space."""
    return re.sub(r"^其中[:：]?|[:：]$", "", _fold(text))


def _key_field(text: str) -> str | None:
    bare = _bare(text)
    for pattern, name in _KEYS:
        if re.fullmatch(pattern, bare):
            return name
    return None


def _level1_label(text: str) -> bool:
    return _bare(text) in _LEVEL1_NAMES


def _level2_label(text: str) -> bool:
    return bool(_LEVEL2_NAME.match(_bare(text))) and not _level1_label(text)


# ---- tokens -------------------------------------------------------------------------------


@dataclass(slots=True)
class Token:
    """A piece of a cell: its text and where it sits (cell, offsets in the cell, row, column)."""

    text: str
    cell: Cell
    start: int
    end: int
    row: int
    col: int

    def span(self) -> Span:
        return self.cell.span(self.start, self.end)


def _pieces(cell: Cell, pattern: re.Pattern[str] | None) -> list[list[tuple[int, int]]]:
    """The ``|`` columns of a cell (one when it has no ``|``), each a list of (start, end)
    of its non-blank pieces; cut at labels when ``pattern`` is given (text run together)."""
    columns: list[list[tuple[int, int]]] = []
    pos = 0
    for part in re.split(r"[|｜]", cell.text):
        start, end = pos, pos + len(part)
        pos = end + 1
        # without ``pattern``: "项目名称：X  主管部门：Y" in one cell or line is cut around each key
        found = list((pattern or _KEY_COLON).finditer(part))
        cuts = sorted({start, end, *(start + m.start() for m in found), *(start + m.end() for m in found)})
        pieces: list[tuple[int, int]] = []
        for a, b in zip(cuts, cuts[1:]):
            text = cell.text[a:b]
            if text.strip() and _fold(text) not in (":", "："):
                lead = len(text) - len(text.lstrip())
                pieces.append((a + lead, a + len(text.rstrip())))
        columns.append(pieces)
    return columns


def _tokens(doc: Document, run_together: bool) -> list[list[Token]]:
    """Rows of tokens. An empty cell (or empty ``|`` column) is kept as an empty token so
    columns still line up; ``col`` counts cells and ``|`` columns from the row's left."""
    rows: list[list[Token]] = []
    pattern = _LABEL_RE if run_together else None
    for index, row in enumerate(doc.rows):
        tokens: list[Token] = []
        col = 0
        for cell in row.cells:
            for pieces in _pieces(cell, pattern):
                if not pieces:
                    tokens.append(Token("", cell, 0, 0, index, col))
                for a, b in pieces:
                    tokens.append(Token(cell.text[a:b], cell, a, b, index, col))
                col += 1
        if any(t.text for t in tokens):
            rows.append(tokens)
    return rows


def _runs_together(doc: Document) -> bool:
    """Text with no separators: the grid header words sit in one piece of text."""
    for row in doc.rows:
        for cell in row.cells:
            for part in re.split(r"[|｜]", cell.text):
                if sum(word in _fold(part) for word in _GRID_WORDS) >= 2:
                    return True
    return False


# ---- detection --------------------------------------------------------------------------


def looks_like_form(doc: Document) -> bool:
    """A single-project form: an indicator grid header and no department-table header."""
    for row in doc.rows:
        texts = [c.text for c in row.cells if c.text.strip()]
        if len(texts) >= 4 and is_department_header(texts):
            return False
    folded = _fold(doc.text)
    return "三级指标" in folded and ("二级指标" in folded or "一级指标" in folded)


# ---- the key–value block ------------------------------------------------------------------


def _join(tokens: list[Token]) -> str:
    """Tokens' text as one value: pieces of one cell keep the text between them."""
    parts: list[str] = []
    for _, group in itertools.groupby(tokens, key=lambda t: id(t.cell)):
        group = list(group)
        parts.append(group[0].cell.text[group[0].start : group[-1].end])
    return fold_whitespace(strip_markup(join_wrapped("\n".join(parts))))


def _span_of(tokens: list[Token]) -> Span:
    """From the first token's start to the last token's end (cell, row and column of the first)."""
    first, last = tokens[0].span(), tokens[-1].span()
    return first.model_copy(update={"end": max(first.end, last.end)})


@dataclass(slots=True)
class _Value:
    text: str
    span: Span | None


def _read_block(rows: list[list[Token]]) -> tuple[dict[str, _Value], dict[str, str]]:
    """Key–value pairs of the block above the indicator grid, and the title/currency found."""
    values: dict[str, _Value] = {}
    found: dict[str, str] = {}
    flat = [t for row in rows for t in row if t.text]
    # a row of keys only (年度资金总额 | 财政拨款 | 其他资金) whose values sit below it by column
    by_column: set[int] = set()
    for r, row in enumerate(rows[:-1]):
        keys = [t for t in row if t.text and _key_field(t.text)]
        others = [t for t in row if t.text and not _key_field(t.text) and not _GROUP_LABEL.match(_fold(t.text))]
        below = [t for t in rows[r + 1] if t.text and not _key_field(t.text)]
        if len(keys) >= 2 and not others and below and len({t.col for t in keys}) == len(keys):
            cols = {t.col: t for t in below}
            for key in keys:
                if key.col in cols:
                    values.setdefault(_key_field(key.text), _Value(cols[key.col].text, cols[key.col].span()))
            by_column.update(id(t) for t in keys + below)
    i = 0
    seen_key = False  # the title is above the first key
    while i < len(flat):
        token = flat[i]
        i += 1
        if id(token) in by_column:
            continue
        folded = _fold(token.text)
        if m := _CURRENCY.search(folded):
            found.setdefault("currency", m.group(1) or m.group(2))
        if _GROUP_LABEL.match(folded):
            continue
        field = _key_field(token.text)
        if field is None:
            if "title" not in found and _TITLE.search(folded) and not seen_key:
                found["title"] = fold_whitespace(token.text)
            continue
        seen_key = True
        taken: list[Token] = []
        if field in _GOAL_FIELDS:
            # a goal runs until the next key (wrapped goal text comes as several lines)
            while i < len(flat) and not _key_field(flat[i].text):
                taken.append(flat[i])
                i += 1
        elif i < len(flat) and not _key_field(flat[i].text) and not _GROUP_LABEL.match(_fold(flat[i].text)):
            taken.append(flat[i])
            i += 1
            if field in _AMOUNT_FIELDS:
                # several money columns (实施周期 / 年度, or 自评表 budget columns): the first amount
                while i < len(flat) and not _key_field(flat[i].text) and _AMOUNT_TEXT.match(_fold(flat[i].text)):
                    i += 1
        if taken and field not in values:
            values[field] = _Value(_join(taken), _span_of(taken))
    return values, found


def _amounts(values: dict[str, _Value], source: str, failures: list[Failure]) -> tuple[Amounts, dict[str, Span]]:
    data: dict[str, object] = {}
    spans: dict[str, Span] = {}
    for field in _AMOUNT_FIELDS:
        value = values.get(field)
        if value is None:
            continue
        text = _fold(value.text).replace("，", ",")
        text = re.sub(r"(万元|元)$", "", text)
        if _AMOUNT_TEXT.match(text):
            data[field] = text
            if value.span:
                spans[f"amounts.{field}"] = value.span
        elif text:
            row = value.span.row if value.span else None
            failures.append(Failure(source=source, row=row, field=f"amounts.{field}",
                                    message=f"not an amount: {value.text!r} (expected a number such as 1,307.44)"))
    return Amounts.model_validate(data), spans


# ---- the indicator grid -------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    name: Token
    values: list[Token | None]
    row: int


def _value_targets(headers: list[str]) -> list[str | None]:
    """For each value column header what it fills: 'period_value', 'annual_value', or the
    'sign' / 'unit' written beside a single 指标值 (指标性质 ≥ | 指标值 200 | 计量单位 人次 reads
    as ≥200人次); None for columns not read (绩效标准, 实际值, 分值, 得分…)."""
    targets: list[str | None] = []
    for header in headers:
        h = _fold(header)
        if "实施周期" in h or "中长期" in h:
            targets.append("period_value")
        elif "年度指标值" in h or re.search(r"预期|^指标值", h) or h in ("目标值", "年度目标值"):
            targets.append("annual_value")
        elif re.fullmatch(r"指标性质|指标方向|计算符号|符号", h):
            targets.append("sign")
        elif re.fullmatch(r"(?:计量|度量)?单位", h):
            targets.append("unit")
        else:
            targets.append(None)
    if targets.count("annual_value") > 1:
        first = targets.index("annual_value")
        targets = [t if t != "annual_value" or i == first else None for i, t in enumerate(targets)]
    if "annual_value" not in targets and "period_value" not in targets:
        targets = [None if t in ("sign", "unit") else t for t in targets]
    return targets


def _find_header(rows: list[list[Token]]) -> tuple[int, int] | None:
    """(row index, token index) of the 一级指标 (or 二级指标) header token."""
    for r, row in enumerate(rows):
        for t, token in enumerate(row):
            if _bare(token.text) in ("一级指标", "二级指标"):
                rest = [_bare(x.text) for row2 in rows[r : r + 3] for x in row2]
                if "三级指标" in rest:
                    return r, t
    return None


def _label_events(events: list[tuple[int, Token]], count: int) -> list[Token | None]:
    """Which label each of ``count`` indicators falls under, from (indicator index, label).

    A label on the first indicator means labels head their groups (carried down). Otherwise
    they are centred in their groups: groups are rebuilt so that each label sits in the
    middle row (upper middle for an even group), trying both sizes a centred label allows.
    """
    if not events or count == 0:
        return [None] * count
    if events[0][0] == 0:
        out: list[Token | None] = []
        current: Token | None = None
        marks = dict(events)
        for i in range(count):
            current = marks.get(i, current)
            out.append(current)
        return out
    mids = [m for m, _ in events]

    def solve(k: int, start: int) -> list[int] | None:
        if k == len(mids) - 1:
            size = count - start
            return [size] if size >= 1 and (size - 1) // 2 <= mids[k] - start <= size // 2 else None
        for size in (2 * (mids[k] - start) + 1, 2 * (mids[k] - start) + 2):
            if size >= 1 and start + size <= mids[k + 1]:
                rest = solve(k + 1, start + size)
                if rest is not None:
                    return [size, *rest]
        return None

    sizes = solve(0, 0) if all(m < count for m in mids) else None
    if sizes is None:  # not centred after all: nearest label, earlier one on a tie
        return [min(events, key=lambda e: (abs(e[0] - i), e[0]))[1] for i in range(count)]
    out = []
    for size, (_, label) in zip(sizes, events):
        out.extend([label] * size)
    return out


def _is_header_word(text: str) -> bool:
    bare = _bare(text)
    return bare in _GRID_WORDS or bool(_VALUE_HEADER.match(bare))


def _read_grid(rows: list[list[Token]], header_at: tuple[int, int], source: str, doc_rows, failures: list[Failure],
               run_together: bool = False):
    """Indicators of the grid under the header: (items, level-1 events, level-2 events, targets).

    Body rows are read by column when they are as wide as the header (Word/Excel/PDF cells,
    or ``|`` rows that keep empty cells); by their right end when narrower (a flattened row
    whose merged 一级/二级 cells were dropped: values last, the name before them, labels
    first); and as a stream when each cell is on its own line (a label, or a name and its
    values).
    """
    r0, t0 = header_at
    after = [t for r, row in enumerate(rows[r0:]) for i, t in enumerate(row) if r > 0 or i >= t0]
    header: list[Token] = []
    for token in after:
        if not token.text:
            if header and token.row == header[0].row:
                continue
            break
        if not _is_header_word(token.text):
            break
        header.append(token)
    names = [_bare(t.text) for t in header]
    if "三级指标" not in names:
        return [], [], [], []
    name_at = names.index("三级指标")
    value_headers = names[name_at + 1 :]
    k = max(len(value_headers), 1)
    targets = _value_targets(value_headers or ["指标值"])
    header_row = rows[r0]
    one_row = all(t.row == header[0].row for t in header) and len(header) >= 3
    columns = {name: t.col for name, t in zip(names, header)} if one_row else {}
    width = len(header_row) if one_row else 0
    used = {id(t) for t in header}
    body: list[list[Token]] = []
    for token in after:
        if id(token) in used:
            continue
        if body and body[-1][0].row == token.row:
            body[-1].append(token)
        else:
            body.append([token])
    items: list[_Item] = []
    l1_events: list[tuple[int, Token]] = []
    l2_events: list[tuple[int, Token]] = []
    stream: list[Token] = []

    def label(token: Token) -> bool:
        if _level1_label(token.text):
            l1_events.append((len(items), token))
            return True
        if _level2_label(token.text):
            l2_events.append((len(items), token))
            return True
        return False

    for row in body:
        filled = [t for t in row if t.text]
        if not filled:
            continue
        if _fold(filled[0].text).startswith(("注:", "注：", "备注", "填报说明")):
            break
        if columns and len(row) == width:
            by_col = {t.col: t for t in row}
            for word, events in (("一级指标", l1_events), ("二级指标", l2_events)):
                if word in columns and (t := by_col.get(columns[word])) and t.text:
                    events.append((len(items), t))
            name = by_col.get(columns["三级指标"])
            values = [by_col.get(columns[h]) if h in columns else None for h in value_headers]
            if name is not None and name.text:
                items.append(_Item(name, values, name.row))
            elif any(v is not None and v.text for v in values):
                failures.append(Failure(source=source, row=doc_rows[row[0].row].line, field="三级指标",
                                        message="an indicator row with values but no 三级指标 name; skipped"))
            continue
        # a flattened row: values at the right end (empty ``|`` cells kept), the name before them,
        # and before that the 一级/二级 labels that are not merged away
        cells = list(row)
        while cells and not cells[0].text:
            cells.pop(0)
        lead = cells[: -k - 1]
        if (len(cells) >= k + 1 and cells[-k - 1].text and len(lead) <= 2
                and all(_level1_label(t.text) or _level2_label(t.text) for t in lead)
                and not any(_level1_label(t.text) or _level2_label(t.text) for t in cells[-k - 1 :])):
            for token in lead:
                label(token)
            items.append(_Item(cells[-k - 1], cells[-k:], cells[-k - 1].row))
            continue
        stream.extend(filled)
    current: _Item | None = None
    for token in stream:
        # one cell per line, or text run together: a label, or a name followed by its k values
        if label(token):
            current = None
        elif run_together:
            found = _split_run(token, k)
            if found is None:
                failures.append(Failure(source=source, row=doc_rows[token.row].line, field="指标值",
                                        message=f"could not tell names from values in {token.text[:60]!r}; "
                                        "read as one indicator name"))
                found = [_Item(token, [], token.row)]
            items.extend(found)
        elif current is not None and len(current.values) < k:
            current.values.append(token)
        else:
            current = _Item(token, [], token.row)
            items.append(current)
    return items, l1_events, l2_events, targets


_RUN_VALUE = (
    r"(?:[≥≤><=＞＜＝]\s*)?"
    r"(?:\d{4}年\d{1,2}月(?:\d{1,2}日)?底?(?:前|内)?"
    r"|\d+(?:\.\d+)?\s*(?:%|％|人次|个|人|次|年|天|项|家|场|篇|份|户|件|台|套|万元|元|小时|分钟|周|月)?)"
    r"(?:[（(][^（()）]{1,12}[)）])?"
)


def _split_run(token: Token, k: int) -> list[_Item] | None:
    """Items in text run together: names, each followed by its k quantified values.

    Without separators a name and its value can only be told apart where the value is
    quantified (comparison, number, unit, or a date); anything else returns None.
    """
    pattern = re.compile(
        r"(?P<name>[^\d≥≤><=＞＜＝]+?)" + "".join(rf"(?P<v{i}>{_RUN_VALUE})" for i in range(k)) + r"(?=[^\d%％]|$)"
    )
    items: list[_Item] = []
    pos = 0
    text = token.text
    for m in pattern.finditer(text):
        if m.start() != pos:
            return None
        pos = m.end()

        def piece(group: str) -> Token:
            a, b = m.span(group)
            return Token(text[a:b].strip(), token.cell, token.start + a, token.start + b, token.row, token.col)

        items.append(_Item(piece("name"), [piece(f"v{i}") for i in range(k)], token.row))
    return items if items and pos == len(text) else None


def _indicators(items, l1_events, l2_events, targets) -> list[Indicator]:
    l2_labels = _label_events(l2_events, len(items))
    l1_by_code: dict[str, list[Token]] = {}
    for _, token in l1_events:
        l1_by_code.setdefault(code_for_level1_name(_bare(token.text)) or "", []).append(token)
    l1_labels = _label_events(l1_events, len(items))
    indicators: list[Indicator] = []
    for seq, (item, l1, l2) in enumerate(zip(items, l1_labels, l2_labels), start=1):
        l2_code = code_for_level2_name(_bare(l2.text)) if l2 else None
        if l2_code and len(l1_by_code.get(l2_code[0], [])) == 1 and l1_events and l1_events[0][0] > 0:
            l1 = l1_by_code[l2_code[0]][0]  # centred labels: the level-2 code says which group
        fields: dict[str, object] = {"seq": seq, "name": item.name.text or None}
        spans: dict[str, Span] = {"name": item.name.span()}
        if l1 is not None:
            fields["level1_name"] = _bare(l1.text)
            fields["level1_code"] = code_for_level1_name(_bare(l1.text))
            spans["level1_name"] = l1.span()
        if l2 is not None:
            fields["level2_name"] = _bare(l2.text)
            fields["level2_code"] = l2_code
            spans["level2_name"] = l2.span()
        parts = {"sign": "", "unit": ""}
        for target, value in zip(targets, item.values):
            if value is None or not value.text or not target:
                continue
            if target in parts:
                parts[target] = parts[target] or value.text
            elif target not in spans:
                fields[target] = value.text
                spans[target] = value.span()
        if fields.get("annual_value") and (parts["sign"] or parts["unit"]):
            value = str(fields["annual_value"])
            unit = parts["unit"] if not value.endswith(parts["unit"]) else ""
            sign = parts["sign"] if not _COMPARATOR.match(value) else ""
            fields["annual_value"] = f"{sign}{value}{unit}"
        indicators.append(Indicator(**fields, spans=spans))
    return indicators


# ---- the form -----------------------------------------------------------------------------


def _by_lines(doc: Document) -> Document:
    """The document with one one-cell row per non-blank line of its text."""
    rows: list[Row] = []
    offset = 0
    for number, line in enumerate(doc.text.split("\n"), start=1):
        if line.strip():
            rows.append(Row([Cell(line, offset, offset + len(line), number, 0)], number, line))
        offset += len(line) + 1
    return Document(doc.source, doc.text, rows, doc.encoding, doc.layout, list(doc.warnings))


def extract_form(doc: Document) -> BudgetTable:
    """Extract one single-project form into a table with one unit and one project.

    Raises:
        InputError: the document has no indicator grid (一级指标 | 二级指标 | 三级指标).
    """
    if doc.layout in ("reflowed", "csv"):
        doc = _by_lines(doc)  # read flattened text line by line, not as reflowed table cells
    run_together = _runs_together(doc)
    rows = _tokens(doc, run_together)
    header_at = _find_header(rows)
    if header_at is None:
        raise InputError(doc.source, "no indicator grid (一级指标 | 二级指标 | 三级指标 | 指标值) in the form")
    failures: list[Failure] = []
    r0, t0 = header_at
    block_rows = rows[:r0] + ([rows[r0][:t0]] if t0 else [])
    values, found = _read_block(block_rows)
    items, l1_events, l2_events, targets = _read_grid(rows, header_at, doc.source, doc.rows, failures, run_together)
    indicators = _indicators(items, l1_events, l2_events, targets)
    amounts, amount_spans = _amounts(values, doc.source, failures)

    def text(field: str) -> str | None:
        return values[field].text if field in values and values[field].text else None

    goal_field = next((f for f in _GOAL_FIELDS if text(f)), None)
    spans: dict[str, Span] = dict(amount_spans)
    name = text("name")
    if name is None:
        failures.append(Failure(source=doc.source, field="项目名称", message="the form has no 项目名称; the project is unnamed"))
    else:
        spans["name"] = values["name"].span
    if goal_field:
        spans["goal"] = values[goal_field].span
    if not indicators:
        failures.append(Failure(source=doc.source, field="绩效指标", message="the indicator grid has no indicator rows"))
    project = Project(name=name or "", amounts=amounts, goal=text(goal_field) if goal_field else None,
                      indicators=indicators, spans={k: v for k, v in spans.items() if v is not None})
    department, unit_name = text("department"), text("unit")
    unit = Unit(name=unit_name or department or "", amounts=amounts, projects=[project],
                spans={"name": values["unit"].span} if unit_name and values["unit"].span else {})
    extra = {field: value.text for field, value in values.items()}
    meta = RunMeta(source=doc.source, encoding=doc.encoding, layout=doc.layout, backend="rules",
                   extra={"form": extra, "kind": "project form"})
    table = BudgetTable(title=found.get("title"), department=department, currency_unit=found.get("currency", "万元"),
                        amounts=amounts, units=[unit], meta=meta, failures=failures)
    if department and values["department"].span:
        table.spans["department"] = values["department"].span
    return table
