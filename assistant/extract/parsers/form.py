"""Single-project forms (项目支出绩效目标申报表 / 批复表 / 自评表) into the same records.

A form holds one project: a key–value block (项目名称, 主管部门, 实施单位, 项目资金: 年度资金总额 /
财政拨款 / 上级资金 / 其他资金, 总体目标 or 实施周期目标 + 年度目标) and an indicator grid
一级指标 | 二级指标 | 三级指标 | value columns. It may come as Word/Excel cells, OCR rows, or
flattened text from a web page or a PDF copy: cells separated by ``|``, by line breaks, by
white space, or not at all. Everything is first cut into *tokens* (one per cell, ``|`` piece
or line; space-separated text at white space outside brackets; text run together at the
labels a form uses), then read the same way. Labels written in traditional characters
(項目名稱, 三級指標) are matched as their simplified forms.

Reading rules (what the tests pin down):

* One project per form; the unit is the 实施单位 (else the 主管部门). The table's amounts are
  the project's, so the amount checks still hold. A value the form lacks stays ``None``.
* Amounts: 年度资金总额 → total, 财政拨款 → fiscal, 财政专户 → special_account, 其他资金 →
  other. 上级资金 has no field of its own; it is kept with every other key–value pair under
  ``meta.extra["form"]``. A lone 财政 budget amount (本年度申请市财政预算资金, 年度本级预算金额)
  is the total and the fiscal amount; beside a 中期资金总额 column the 年度 column's amounts win;
  ``854万(…)`` reads 854, a dash is empty.
  Labels are read by meaning (项目支出名称, 执行单位, 预算金额, 本级财政, 其中：其他资金 …), with
  spaces inside them, a note after them (（万元）, （全称）), in traditional characters, and
  with the value in the same cell (``项目名称：X``, ``项目名称 X``). Budget codes before unit
  names ([812], 031-) are dropped; of several 主管部门 (省级 / 区县) the most local one is the
  department. A 自评表 money row is read at its 全年预算数; when its cells ran together or
  empty ones were dropped, only a reading pinned by 执行率 = 执行数 / 预算数 is taken
  (:mod:`.money_run`), else a failure. Amounts in 元 in one place and 万元 in another are
  flagged, never converted.
* Goal: 年度目标 when the form has one, else 总体目标 / 实施周期目标 / 绩效目标; the other goal
  texts are kept under ``meta.extra["form"]``. A 自评表's 预期目标 | 实际完成情况 over rows
  of pairs gives the expected column (flagged unless each pair repeats its goal). Keys written
  by a notice above the form's title are not the form's.
* A form whose indicator grid is of a kind the rules do not know (no 三级指标), or a page cut
  above its grid, still gives its header with a failure saying the indicators were not read
  (:func:`has_form_header`, used by the rules backend before refusing).
* Value columns: 实施周期指标值 → period_value; 年度指标值, a single 指标值 (指标值及单位) or
  预期…值 → annual_value, with a 指标性质 (≥) and 度量单位 written in their own columns joined
  to it; other columns (绩效标准, 实际值, 分值, 得分…) are not read.
* Grid rows: a row of several cells is read as leading labels, the 三级指标 name, then its
  values (placed by column when ``|`` keeps the empty cells, else filling the read columns
  in order); one cell per line is read as a stream (a name, then one cell per value column;
  a bare ``|`` line is an empty cell). 实施周期 and 年度 blocks side by side drop the
  repeated 二级 label and name. The grid ends at notes, stamps (盖章), signatures, 附件, 总分.
* Template leftovers are not indicators: an ``指标1:`` prefix is dropped from the name, and a
  row with no name and no value (``指标2:``, ``……``, ``**``) is skipped.
* Category names are kept as written (产出指标(50分)); codes come from :mod:`assistant.taxonomy`. The 一级 and
  二级 cells are merged down their groups, so in flattened text a label shows once per
  group: on the group's first row, or in its middle (vertically centred). When the first
  indicator has no label above it, labels are read as centred and groups are rebuilt
  around them; a 一级 label is then matched to indicators by the level-2 code's first digit
  where that is unambiguous; an indicator above every label of its column gets the nearest
  label and a failure saying so.
* No silent guesses: a name that looks like a value or a form word (≥95%, 盖章, 指标标准或依据),
  a value that is a label, a goal holding form labels, a row with more cells than columns,
  side-by-side blocks that do not line up, run-together text that cannot be split (or splits
  mid-word), an amount that is not a number: each becomes a :class:`Failure` naming the field.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from ...errors import InputError
from ...ingest.cellgrid import is_department_header, join_wrapped
from ...ingest.document import Cell, Document, Row
from ...messages import Msg, msg
from ...schema import Amounts, BudgetTable, Failure, Indicator, Project, RunMeta, Span, Unit, amount_problem
from ...taxonomy import code_for_level1_name, code_for_level2_name
from ...textnorm import fold, fold_whitespace, strip_markup
from .money_run import AMBIGUOUS, budget_cell, forced_budget, money_columns

__all__ = ["looks_like_form", "looks_like_name_grid", "extract_form", "has_form_header"]

# ---- the labels a form uses -------------------------------------------------------------

#: key label (regex) -> field it fills; the longer spelling first where one contains another
_KEYS: list[tuple[str, str]] = [
    (
        r"(?:二级)?项目(?:支出)?名称|项目[（(]政策[)）]名称|政策(?:[（(]项目[)）])?名称|转移支付(?:[（(]?项目[)）]?)?名称"
        r"|专项(?:资金)?名称|资金名称",
        "name",
    ),
    (r"一级项目名称", "一级项目名称"),  # the programme over the project (二级项目名称)
    (r"中央主管部门", "中央主管部门"),  # a transfer's ministry; the department is the local one
    (r"(?:省级|市级|县级|区县|区级|地方)?(?:主管部门|预算部门|主管单位)(?:及代码|及编码)?", "department"),
    (r"(?:项目)?(?:实施|执行)单位|实施[（(]主管[)）]单位|预算单位|资金使用单位", "unit"),
    (r"项目属性", "项目属性"),
    (r"项目(?:编码|代码|编号)", "项目编码"),
    (r"归口(?:科室|处室)|业务(?:科室|处室)", "归口科室"),
    (r"单位名称|填报单位", "单位名称"),
    (r"填报日期|申报日期", "填报日期"),
    (r"项目期|项目周期|实施期限", "项目期"),
    (r"项目类[型别]", "项目类型"),
    (r"(?:项目)?负责人(?:及(?:联系)?电话)?", "项目负责人"),
    (r"联系电话", "联系电话"),
    (r"(?:中期|实施周期)资金总额", "实施周期资金总额"),  # the whole period's money, beside the year's
    (
        r"(?:年度|当年|项目)?资金总额|(?:年度|项目)?预算数|(?:项目)?预算(?:总?金额|资金总额)|项目(?:预算)?总?金额"
        r"|年度金额|合计",
        "total",
    ),
    (r"年度本级预算金额|本年度申请.{0,6}财政预算资金", "total_fiscal"),  # the one amount, all of it 财政
    (
        r"(?:其中[:：\-－]?\s*)?(?:当年|本年)?(?:(?:[市县区省]级|本级)?财政(?:[拨投]款|资金)(?:数|小计)?|本级财政)",
        "fiscal",
    ),
    (r"(?:其中[:：\-－]?\s*)?财政专户(?:拨款|资金)?", "special_account"),
    (r"(?:其中[:：\-－]?\s*)?上级(?:资金|补助)", "上级资金"),
    (r"上年结转(?:资金)?", "上年结转资金"),  # a 自评表's money row with no field of its own
    (r"(?:其中[:：\-－]?\s*)?(?:当年)?其[他它](?:资金|收入)", "other"),
    (r"实施周期总?目标|中长?期目标|实施期绩效目标", "实施周期目标"),
    (r"年度目标|(?:年度)?预期目标|年初设定目标|(?:本)?年度绩效目标(?:[（(]文字[)）])?", "年度目标"),
    (r"(?:年度)?总体目标(?!完成情况)|(?:项目)?绩效目标(?!(?:申报|批复|自评)?表|自评)", "总体目标"),
    # 自评表: beside the 预期目标 (年度总体目标完成情况综述 in some templates)
    (
        r"(?:目标)?(?:全年)?实际完成(?:情况|目标)(?:综述)?|(?:年度)?(?:总体)?目标完成情况综述|具体完成情况",
        "实际完成情况",
    ),
    (r"总体完成率", "总体完成率"),  # a third column beside them
]
_GOAL_FIELDS = ("年度目标", "总体目标", "实施周期目标")
_GOAL_COLUMNS = (*_GOAL_FIELDS, "实际完成情况", "总体完成率")
_AMOUNT_FIELDS = (
    "total",
    "fiscal",
    "special_account",
    "other",
    "total_fiscal",
    "一般公共预算",
    "政府性基金",
    "国有资本经营预算",
)
_GROUP_LABEL = re.compile(
    r"^(?:项目资金|资金情况|年度资金|资金)\s*[（(]\s*(?P<unit>万元|元|千元)\s*[)）]$|^项目资金$|^绩效指标$|^资金情况$"
    r"|^(?:[一二三四五六七八九十]+[、.．]\s*)?(?:年度)?(?:总体)?目标完成情况$"
)
_TITLE = re.compile(r"绩效目标(?:申报|批复)表|绩效自评表|绩效目标表|自评表")
_CURRENCY = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|千元)|[（(](万元|元|千元)[)）]")
_GRID_WORDS = ("一级指标", "二级指标", "三级指标")
#: the 三级指标 column as some forms head it
_NAME_HEADERS = ("指标内容", "指标名称", "三级指标名称")
_VALUE_HEADER = re.compile(
    r"^(?:.{0,8}(?:指标值|数值|实际值|实现值|完成值|目标值|标准|分值|得分|权重|计量单位|度量单位|单位|指标方向性?|指标性质|计算符号|符号)(?:及单位|说明|描述)?"
    r"|预期.{0,8}值|(?:偏差|未完成)原因.{0,20}|备注)(?:或依据)?(?:[（(][^（()）]{0,16}[)）])?$"
)

# Level names a form writes in the 一级 / 二级 columns (the codes come from the taxonomy).
_LEVEL1_NAMES = (
    "产出指标",
    "效益指标",
    "效果指标",
    "满意度指标",
    "项目完成指标",
    "项目效益指标",
    "项目产出指标",
    "产出值",
    "效益值",
    "满意度值",
)  # some forms write 值 for 指标 in their labels (产出值 | 数量值)
_LEVEL2_NAME = re.compile(
    r"^(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|(?:社会公众或)?服务对象满意度|满意度)(?:指标|值|目标)?等?$"
)
_AMOUNT_TEXT = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_COMPARATOR = re.compile(r"[≥≤＞＜><=＝]")

#: keys read only as a cell of their own, never cut out of text run together (where they
#: occur in running text: 纳入一般公共预算, 按项目内容): descriptive rows, and the three budgets
#: that make up 财政拨款
_CELL_KEYS: list[tuple[str, str]] = [
    # descriptive rows of the templates: not goals, and not the value of the row above them
    (r"项目(?:实施)?内容|项目概况|项目总体情况|项目起止时间|项目实施进度(?:计划)?|立项依据", "项目内容"),
    (r"(?:其中[:：]?\s*)?一般公共预算(?:财政)?(?:拨款|资金)?", "一般公共预算"),
    (r"(?:其中[:：]?\s*)?政府性基金(?:预算)?(?:拨款|资金)?", "政府性基金"),
    (r"(?:其中[:：]?\s*)?国有资本经营预算(?:拨款|资金)?", "国有资本经营预算"),
]
_BUDGETS = ("一般公共预算", "政府性基金", "国有资本经营预算")
_KEY_RE = re.compile("|".join(f"(?:{pattern})" for pattern, _ in _KEYS))
_KEY_COLON = re.compile(rf"(?:{_KEY_RE.pattern})\s*[:：]")
#: a key at the start of a cell, then white space and its value
_KEY_SPACE = re.compile(rf"\s*(?:{_KEY_RE.pattern})(?=[ \u3000\t]+\S)")
_LABEL_RE = re.compile(
    "|".join(
        sorted(
            [
                *(p for p, _ in _KEYS),
                *_GRID_WORDS,
                *_NAME_HEADERS,
                r"实施周期指标值",
                r"年度指标值",
                r"(?:全年)?(?:实际)?完成值",
                r"总分(?=\d|$)",  # the 自评表's last row: ends the grid
                r"(?:年初|全年)预算数",  # a 自评表's money columns, not the 预算数 key
                r"(?:本年度|年度|项目)?绩效指标(?!值|\s*[一二三]级(?!\s*指标))",  # the caption over the grid: ends a goal run together
                r"(?:年度)?(?:总体)?目标完成情况(?!综述)",  # the caption over 预期目标 | 实际完成情况
                r"(?:未完成|偏差)原因(?:分析)?[和及]?改进措施",
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


def _spaced(pattern: str) -> str:
    """A label pattern that also matches with white space between its characters (a cell
    wrapped inside text run together: 一级 指标, 年度指标 值). Only literal characters outside
    character classes get the optional space."""
    out: list[str] = []
    depth = 0
    escaped = False
    for i, ch in enumerate(pattern):
        out.append(ch)
        if escaped:
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif depth == 0 and "\u4e00" <= ch <= "\u9fff":
            nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
            if not nxt or nxt not in "?*+{":
                out.append("[ \u3000]*")
    return "".join(out)


#: where text run together is cut: the labels (also across wrapped spaces), and the 指标1: of
#: a filled-in template (not part of a name; with nothing after it, an empty template row)
#: a money group caption (项目资金（万元）), and a label's own note and colon (资金总额（万元）：),
#: are cut with the label: they are not part of the value after it
_LABEL_RE_SPACED = re.compile(
    r"指标\s*\d+\s*[:：]|"
    + _spaced(r"(?:项目资金|资金情况|项目金额)")
    + r"\s*(?:[（(]\s*(?:万元|元|千元)\s*[)）]|(?=\d))|(?:"
    + _spaced(_LABEL_RE.pattern)
    + r")(?:\s*[（(][^（()）\d]{1,6}[)）])?(?:\s*[:：])?"
    + r"|其中\s*[:：]"  # a money row the rules have no key for (其中：中央、省、市补助…): still a new row
)


def _simplified_chars() -> dict[int, str]:
    """zhconv's traditional → simplified table, its one-character entries only: one character
    for one, so offsets stay put and only matching changes (values keep what the source wrote)."""
    from zhconv import zhconv

    zhconv.loaddict()
    table = zhconv.zhcdicts["zh2Hans"]
    return str.maketrans({k: v for k, v in table.items() if len(k) == 1 and len(v) == 1 and k != v})


#: traditional characters read as their simplified forms (項目名稱, 三級指標, 備註)
_T2S = _simplified_chars()


def _fold(text: str) -> str:
    """:func:`textnorm.fold`, pinyin readings dropped and traditional label characters simplified."""
    return _unread(fold(text)).translate(_T2S)


def _bare(text: str) -> str:
    """A label without its colon, 其中 / (一) prefix, (万元) or (2022年--2024年) suffix and white
    space; the 三级指标 column under its other names reads as 三级指标."""
    bare = _strip_label(text)
    if m := _BLOCK_SUFFIX.match(bare):  # 指标值(长期) / 三级指标(年度): the two blocks of a side-by-side grid
        if m["word"] == "指标值":
            return "年度指标值" if m["block"] in ("年度", "当年") else "实施周期指标值"
        bare = m["word"]
    if bare in ("一级", "二级", "三级"):  # captions with 指标 left out: 一级 | 二级 | 三级 | 年度数值
        return bare + "指标"
    return "三级指标" if bare in _NAME_HEADERS else bare


_BLOCK_SUFFIX = re.compile(r"^(?P<word>[一二三]级指标|指标值)[（(](?P<block>长期|中期|实施周期|年度|当年)[)）]$")


def _strip_label(text: str) -> str:
    return re.sub(
        r"^其中[:：\-－]?|^[（(][一二三四五六七八九十][)）]|[（(](?:万元|元|\d{4}年?[-—~至]+\d{4}年?|\d+分)[)）]$|[:：]$",
        "",
        _fold(text),
    )


def _key_field(text: str) -> str | None:
    bare = _bare(text)
    if bare.startswith("项目主管"):  # 项目主管部门 (not cut there in text run together: …建设项目主管部门)
        bare = bare[2:]
    for candidate in dict.fromkeys((bare, _KEY_NOTE.sub("", bare))):  # 项目名称（全称）, 实施单位（盖章）
        for pattern, name in (*_KEYS, *_CELL_KEYS):
            if re.fullmatch(pattern, candidate):
                return name
    return None


#: a short note in brackets after a key: （全称）, （盖章）, （签字）
_KEY_NOTE = re.compile(r"\s*[（(][^（()）\d]{1,6}[)）]$")


def _level1_label(text: str) -> bool:
    return _label_word(text) in _LEVEL1_NAMES


def _as_written(text: str) -> str:
    """A 一级/二级 label as the form writes it (数量指标 (必填)), without a colon, the score
    mark of a 自评表 (产出指标(50分)) or the spaces of a spaced label (产 出 指 标)."""
    text = re.sub(r"[:：]$|[（(]\d+(?:\.\d+)?分[)）]$", "", _unread(fold_whitespace(text.strip())))
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)


#: a pinyin reading printed after a character in a traditional mirror: 項(xiàng)目
_READING = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,8}[)）]")


def _unread(text: str) -> str:
    """Text without pinyin readings after its characters (they are markup, not wording)."""
    return _READING.sub("", text) if "(" in text or "（" in text else text


#: the number before a label: 1.数量指标, (1)数量指标, 一、产出指标
_ENUMERATOR = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十\d]{1,2}[、.．])")


def _label_word(text: str) -> str:
    """A label cell's word without its number and its note (1.数量指标(必填) → 数量指标)."""
    return _LABEL_NOTE.sub("", _ENUMERATOR.sub("", _bare(text)))


#: a note after a label: (50分), (必填), (必填硬性指标)
_LABEL_NOTE = re.compile(r"[（(][^（()）]{0,10}[)）]$")


def _level1_code(text: str) -> str | None:
    """The code of a 一级 label; 项目完成指标 is the old forms' name for 产出指标."""
    bare = _bare(text)
    return code_for_level1_name(bare) or ("1" if "完成" in bare else None)


def _level2_word(text: str) -> bool:
    return bool(_LEVEL2_NAME.match(_label_word(text)))


def _level2_label(text: str) -> bool:
    return _level2_word(text) and not _level1_label(text)


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
        simplified = part.translate(_T2S)  # 項目名稱 cut as 项目名称 (one character for one: offsets hold)
        found = list((pattern or _KEY_COLON).finditer(simplified))
        if pattern is None and not found and (m := _KEY_SPACE.match(simplified)) and _key_field(m.group()):
            found = [m]  # "项目名称 社区矫正…" in one cell: the key, a space, its value
        if pattern is _SPACES:  # white space inside brackets is part of the cell: 数量( ≥**个 ),
            # and so is the space before a bracketed note: 数量指标 (必填), 项目总投入 (万元)
            spaced = [m.span() for m in _LETTER_SPACED.finditer(part) if _form_word(m.group())]  # 一 级 指 标
            found = [
                m
                for m in found
                if _depth(part, m.start()) == 0
                and not _NOTE_AFTER.match(part, m.end())
                and not any(a < m.start() and m.end() < b for a, b in spaced)
            ]
        spans = [
            (_doubled_project(part, m.start()) if pattern is _LABEL_RE_SPACED else m.start(), m.end()) for m in found
        ]
        cuts = sorted({start, end, *(start + a for a, _ in spans), *(start + b for _, b in spans)})
        pieces: list[tuple[int, int]] = []
        for a, b in zip(cuts, cuts[1:]):
            text = cell.text[a:b]
            if text.strip() and _fold(text) not in (":", "："):
                lead = len(text) - len(text.lstrip())
                pieces.append((a + lead, a + len(text.rstrip())))
        columns.append(pieces)
    return columns


def _doubled_project(text: str, at: int) -> int:
    """Where a label found at ``at`` in text run together starts: a name ending in 项目 before
    a label that starts with 项目 (…建设项目项目主管部门) keeps its own 项目."""
    return at - 2 if text[:at].endswith("项目项目") else at


def _depth(text: str, pos: int) -> int:
    """How many brackets are open at ``pos``."""
    head = text[:pos]
    return max(0, sum(head.count(c) for c in "(（[【") - sum(head.count(c) for c in ")）]】"))


def _tokens(doc: Document, separation: str | None) -> list[list[Token]]:
    """Rows of tokens. An empty cell (or empty ``|`` column) is kept as an empty token so
    columns still line up; ``col`` counts cells and ``|`` columns from the row's left.
    ``separation`` says how cells are told apart inside a line when not by ``|`` or tabs:
    "spaces" (cut at white space) or "run_together" (cut at the labels a form uses)."""
    rows: list[list[Token]] = []
    pattern = {"run_together": _LABEL_RE_SPACED, "spaces": _SPACES}.get(separation or "")
    for index, row in enumerate(doc.rows):
        if all(_RULE.fullmatch(c.text) for c in row.cells):
            continue  # a markdown table's |---|---| rule, or a line of dashes: no cells
        tokens: list[Token] = []
        col = 0
        for cell in row.cells:
            for pieces in _pieces(cell, pattern):
                if not pieces:
                    tokens.append(Token("", cell, 0, 0, index, col))
                for a, b in pieces:
                    tokens.append(Token(cell.text[a:b], cell, a, b, index, col))
                col += 1
        if any(t.text for t in tokens) or any(c.text.strip() for c in row.cells):  # a bare ``|`` line is an empty cell
            rows.append(tokens)
    return rows


_SPACES = re.compile(r"[ \t\u3000]+")
_RULE = re.compile(r"[\s|｜:：+=＝—─━-]*[-—─━=＝]{3,}[\s|｜:：+=＝—─━-]*")
#: a bracketed note with no number in it (必填), (万元), (亩): part of the cell before it
_NOTE_AFTER = re.compile(r"[（(][^（()）\d]{1,8}[)）]")


def _form_word(text: str) -> bool:
    """A label, key or header word of the form (its spaces ignored): 一 级 指 标, 项 目 名 称."""
    return bool(_key_field(text) or _is_header_word(text) or _is_label(text) or _LABEL_RE.fullmatch(_fold(text)))


#: a word printed letter-spaced, one character at a time (一 级 指 标, 年 度 目 标)
_LETTER_SPACED = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff]){2,}(?![\u4e00-\u9fff])")


def _separation(doc: Document) -> str | None:
    """How the grid header's cells are separated when they share one piece of text:
    "spaces" (一级指标 二级指标 三级指标), "run_together" (no separator at all), or None
    (they are separate cells, ``|`` columns or lines)."""
    for row in doc.rows:
        for cell in row.cells:
            for part in re.split(r"[|｜]", cell.text):
                unspaced = _LETTER_SPACED.sub(
                    lambda m: re.sub(r"\s", "", m.group()) if _form_word(m.group()) else m.group(), part
                )
                words = {_bare(w) for w in _SPACES.split(unspaced)}
                if sum(word in words for word in _GRID_WORDS) >= 2:
                    return "spaces"  # 一级指标 二级指标 三级指标, or the short captions 一级 二级 三级
                if sum(word in _fold(part) for word in _GRID_WORDS) >= 2:
                    return "run_together"
    return None


# ---- detection --------------------------------------------------------------------------


def looks_like_form(doc: Document) -> bool:
    """A single-project form: an indicator grid header and no department-table header."""
    for row in doc.rows:
        texts = [c.text for c in row.cells if c.text.strip()]
        if len(texts) >= 4 and is_department_header(texts):
            return False
    simple = _unread(doc.text).translate(_T2S)
    folded = fold(simple)
    if any(w in folded for w in ("三级指标", *_NAME_HEADERS)) and ("二级指标" in folded or "一级指标" in folded):
        return True
    # captions with 指标 left out, each a cell of its own (|, tab, a run of spaces, a line): 一级 | 二级 | 三级
    return all(
        re.search(rf"(?:^|[|｜\t]|[ \u3000]{{2}})[ \u3000]*{w}[ \u3000]*(?:[|｜\t]|[ \u3000]{{2}}|$)", simple, re.M)
        for w in ("二级", "三级")
    )


# ---- the key–value block ------------------------------------------------------------------


def _join(tokens: list[Token]) -> str:
    """Tokens' text as one value: pieces of one cell keep the text between them."""
    parts: list[str] = []
    for _, group in itertools.groupby(tokens, key=lambda t: id(t.cell)):
        group = list(group)
        parts.append(group[0].cell.text[group[0].start : group[-1].end])
    text = re.sub(r"<br\s*/?>", "\n", "\n".join(parts), flags=re.I)  # a line break inside an HTML cell
    return _unread(fold_whitespace(strip_markup(join_wrapped(text))))


def _span_of(tokens: list[Token]) -> Span:
    """From the first token's start to the last token's end (cell, row and column of the first)."""
    first, last = tokens[0].span(), tokens[-1].span()
    return first.model_copy(update={"end": max(first.end, last.end)})


@dataclass(slots=True)
class _Value:
    text: str
    span: Span | None
    key: str = ""  # the key's own text, for a department read under several levels


def _read_block(rows: list[list[Token]]) -> tuple[dict[str, _Value], dict[str, str]]:
    """Key–value pairs of the block above the indicator grid, and the title/currency found."""
    values: dict[str, _Value] = {}
    found: dict[str, str] = {}
    flat = [t for row in rows for t in row if t.text]
    # a row of keys only (年度资金总额 | 财政拨款 | 其他资金) whose values sit below it by column
    by_column: set[int] = set()
    for r, row in enumerate(rows[:-1]):
        keys = [t for t in row if t.text and _key_field(t.text)]
        if (
            len(keys) >= 3
            and _key_field(keys[0].text) == "总体目标"
            and {"实施周期目标", "年度目标"} <= {_key_field(t.text) for t in keys}
        ):
            keys = keys[1:]  # 总体目标 is the caption over the two goal columns
        others = [t for t in row if t.text and not _key_field(t.text) and not _GROUP_LABEL.match(_fold(t.text))]
        below = [t for t in rows[r + 1] if t.text and not _key_field(t.text)]
        fields = {_key_field(t.text) for t in keys}
        if "实际完成情况" in fields and fields <= set(_GOAL_COLUMNS):
            continue  # 预期目标 | 实际完成情况 may head several rows of pairs: read in order below
        if len(keys) >= 2 and not others and below and len({t.col for t in keys}) == len(keys):
            cols = {t.col: t for t in below}
            if len(below) == len(keys) and not all(k.col in cols for k in keys):
                cols = {k.col: t for k, t in zip(keys, below)}  # a caption merged down shifts the value row
            placed = [key for key in keys if key.col in cols]
            for key in placed:
                values.setdefault(_key_field(key.text), _Value(cols[key.col].text, cols[key.col].span()))
            if placed:  # else the pairs are read in order below
                by_column.update(id(t) for t in keys + below)
    budget_col = _budget_column(flat)
    columns = _money_header(rows)
    i = _form_start(flat)
    seen_key = False  # the title is above the first key
    while i < len(flat):
        token = flat[i]
        i += 1
        if id(token) in by_column:
            continue
        folded = _fold(token.text)
        if m := _CURRENCY.search(folded):
            found.setdefault("currency", m.group(1) or m.group(2))
            found[f"currency:{m.group(1) or m.group(2)}"] = token.text[:30]
        if _GROUP_LABEL.match(folded):
            if _money_caption_amount(folded, flat, i):  # 项目资金（万元） | 120.50: the caption holds the total
                values.setdefault("total", _Value(flat[i].text, flat[i].span()))
                i += 1
            continue
        field = _key_field(token.text) or _goal_stub(token, flat, i)
        if field is None:
            if "title" not in found and _TITLE.search(folded) and not seen_key:
                found["title"] = fold_whitespace(token.text)
            continue
        seen_key = True
        taken: list[Token] = []
        run = [token]  # goal keys one after the other (总体目标 | 中期目标 | 年度目标), their texts after them
        # (a 自评表 heads 预期目标 | 实际完成情况 the same way: the second text is not a goal)
        while i + len(run) - 1 < len(flat) and _goal_column(flat[i + len(run) - 1].text) in _GOAL_COLUMNS:
            run.append(flat[i + len(run) - 1])
        if field in _GOAL_FIELDS and len(run) >= 2:
            keys = run[1:] if len(run) >= 3 and field == "总体目标" else run  # 总体目标: the caption over two goals
            start = i + len(run) - 1
            texts = []
            while start + len(texts) < len(flat) and len(texts) < len(keys):
                nxt = flat[start + len(texts)]
                if _key_field(nxt.text) or _is_grid_caption(nxt.text) or _is_header_word(nxt.text):
                    break
                texts.append(nxt)
            beside = len(keys) >= 2 and _goal_column(keys[1].text) == "实际完成情况"
            if beside and (paired := _goal_beside_actual(flat, start)):
                goal, actual, end, doubt = paired  # 预期目标 | 实际完成情况 over one text, or rows of pairs
                values.setdefault(_key_field(keys[0].text), goal)
                if actual:
                    values.setdefault("实际完成情况", actual)
                if doubt:
                    found["goal_doubt"] = doubt
                i = end
                continue
            if len(texts) == len(keys):
                for key, value in zip(keys, texts):
                    values.setdefault(_goal_column(key.text), _Value(_join([value]), _span_of([value])))
                i = start + len(texts)
                continue
        if field in _GOAL_FIELDS:
            # a goal runs until the next key (wrapped goal text comes as several lines)
            while i < len(flat) and not _key_field(flat[i].text) and not _is_grid_caption(flat[i].text):
                if _caption_stub(flat[i].text) and all(_caption_stub(t.text) for t in flat[i:]):
                    break  # 绩 | : the 绩效指标 caption cut to its first characters, not the goal's end
                taken.append(flat[i])
                i += 1
        elif i < len(flat) and not _key_field(flat[i].text) and not _GROUP_LABEL.match(_fold(flat[i].text)):
            taken.append(flat[i])
            i += 1
            while field in _TEXT_FIELDS and i < len(flat) and _continues(flat[i], taken[-1]):
                taken.append(flat[i])  # 项目名称 昌州财行(2022)10号 国家统计局调查队专项经费: a space inside the name
                i += 1
            if field == "name" and i < len(flat) and (doubt := _project_word_doubt(taken[-1], flat[i])):
                found["name_doubt"] = doubt
            if field in _AMOUNT_FIELDS and _fold(taken[0].text) in ("小计", "合计") and i < len(flat):
                taken = [flat[i]]  # 一般公共预算拨款 | 小计 | 250: the subtotal's amount
                i += 1
            if field in _AMOUNT_FIELDS and columns and _MONEY_CELL.match(_money_text(taken[0])):
                # a 自评表 row under 年初预算数 | 全年预算数 | … | 执行率 | 得分, empty cells maybe dropped
                cells = [taken[0]]
                while (
                    i < len(flat)
                    and len(cells) < len(columns)
                    and not _key_field(flat[i].text)
                    and _MONEY_CELL.match(_money_text(flat[i]))
                ):
                    cells.append(flat[i])
                    i += 1
                at = budget_cell([_money_text(c) for c in cells], columns)
                if at == AMBIGUOUS:
                    found[f"money_gap:{field}"] = " | ".join(c.text for c in cells)[:60]
                taken = [cells[at]] if at is not None and at != AMBIGUOUS else []
            elif field in _AMOUNT_FIELDS:
                # several money columns (实施周期 / 年度, or 自评表 budget columns): the first amount,
                # or the 全年预算数 one when a 年初预算数 column comes before it
                run = [taken[0]]
                while i < len(flat) and not _key_field(flat[i].text) and _AMOUNT_TEXT.match(_fold(flat[i].text)):
                    run.append(flat[i])
                    i += 1
                if budget_col < len(run) and _AMOUNT_TEXT.match(_fold(taken[0].text)):
                    taken = [run[budget_col]]
        if taken and (
            field not in values
            or (field in _AMOUNT_FIELDS and _after_period_total(token, flat))
            or (field == "department" and _locality(token.text) > _locality(values["department"].key))
        ):
            values[field] = _Value(_join(taken), _span_of(taken), token.text)
    return values, found


#: fields whose text may hold a space, read up to the next key of the same cell and column
_TEXT_FIELDS = ("name", "department", "unit")


def _locality(key: str) -> int:
    """How local a 主管部门 key is: a transfer table lists 省级 / 区县 主管部门, the department
    is the most local one (the form's own plain 主管部门 above all)."""
    bare = _bare(key)
    levels = (("省级", 1), ("市级", 2), ("县级", 3), ("区县", 3), ("区级", 3), ("地方", 3))
    return next((level for word, level in levels if bare.startswith(word)), 4 if bare else 0)


def _project_word_doubt(name: Token, key: Token) -> Msg | None:
    """Text run together gives no edge between a name and the key after it where the key may
    start with 项目 (…建设项目实施单位: 建设项目 | 实施单位, or 建设 | 项目实施单位): said so."""
    if key.cell is not name.cell or key.start != name.end or not _key_field(key.text):
        return None
    bare = re.sub(r"\s", "", _fold(key.text))
    if re.match(r"项目(?:主管|实施|执行|负责)", bare) and not name.text.endswith("项目"):
        return msg("FORM_NAME_RUNS_INTO_KEY", name=name.text[-12:], key=bare)
    return None


def _continues(token: Token, last: Token) -> bool:
    """The next piece of the same cell and column, not a key nor a label of its own (是否为专项资金：)."""
    text = token.text.rstrip()
    if token.cell is not last.cell or token.col != last.col or token.start <= last.end:
        return False  # another cell, or a piece cut off at a label (text run together)
    gap = token.cell.text[last.end : token.start]
    return (
        not gap.strip()
        and not _key_field(text)
        and not _GROUP_LABEL.match(_fold(text))
        and not text.endswith((":", "："))
    )


def _goal_column(text: str) -> str | None:
    """A key in a run of goal column heads; after a goal key, 总体目标完成情况 heads the
    achieved column (总体目标 | 总体目标完成情况), where before one it is a caption."""
    if field := _key_field(text):
        return field
    return "实际完成情况" if re.fullmatch(r"(?:年度)?(?:总体)?目标完成情况", _bare(text)) else None


#: a goal caption cut to its first line (年度 | 总体 | 总): a merged cell printed cut
_GOAL_STUBS = {"年度": "年度目标", "总体": "总体目标", "总": "总体目标"}


def _goal_stub(token: Token, flat: list[Token], i: int) -> str | None:
    """The goal field of a caption cut to its first characters (``年度 |`` over the goal text,
    the merged 年度目标 cell printed as its first line), when a text follows it and no goal
    key of its own comes after it."""
    field = _GOAL_STUBS.get(re.sub(r"\s", "", _fold(token.text)))
    if field is None or i >= len(flat) or _key_field(flat[i].text):
        return None
    text = _fold(flat[i].text)
    if len(re.findall(r"[\u4e00-\u9fff]", text)) < 8 or _is_grid_caption(text) or _is_header_word(text):
        return None
    return None if any(_key_field(t.text) in _GOAL_FIELDS for t in flat[i:]) else field


def _goal_beside_actual(flat: list[Token], start: int) -> tuple[_Value, _Value | None, int, Msg | None] | None:
    """The 预期目标 under a 自评表's 预期目标 | 实际完成情况 heads whose texts are not one each:
    one text only (the achieved cell left empty, or both run together: said so), or rows of
    pairs (目标1 | 完成1 | 目标2 | 完成2, score cells between them skipped): the goal is the
    first of each pair, said so unless every pair repeats its goal word for word. Returns
    (goal, achieved, index after the texts, doubt) or None when there is no text."""
    texts: list[Token] = []
    end = start
    while end < len(flat):
        token = flat[end]
        if _key_field(token.text) or _is_grid_caption(token.text) or _is_header_word(token.text):
            break
        if _caption_stub(token.text) and all(_caption_stub(t.text) for t in flat[end:]):
            break
        if not re.fullmatch(r"[\d.]+\s*[%％]?", _fold(token.text)):  # a score or a rate beside the texts
            texts.append(token)
        end += 1
    if len(texts) == 1:
        doubt = msg("FORM_GOAL_ONE_TEXT")
        return _Value(_join(texts), _span_of(texts)), None, end, doubt
    if len(texts) % 2:  # a text holding white space cut in two: the first is the goal, said so
        doubt = msg("FORM_GOAL_UNTOLD")
        return _Value(_join(texts[:1]), _span_of(texts[:1])), None, end, doubt
    if not texts:
        return None
    goals, actuals = texts[0::2], texts[1::2]
    same = len(goals) == 1 or all(_fold(g.text) == _fold(a.text) for g, a in zip(goals, actuals))
    text = " ".join(_join([g]) for g in goals)
    doubt = None if same else msg("FORM_GOAL_PAIRS")
    actual = _Value(" ".join(_join([a]) for a in actuals), _span_of(actuals))
    return _Value(text, _span_of(goals)), actual, end, doubt


def _form_start(flat: list[Token]) -> int:
    """Where the form's own key–value block starts: at its title when a notice before the form
    already wrote keys of its own ((7)绩效目标：… above 项目支出绩效目标申报表); the form's values
    are the project's, the notice's are not read."""
    first_name = next((i for i, t in enumerate(flat) if _key_field(t.text) == "name"), len(flat))
    titles = [i for i, t in enumerate(flat[:first_name]) if _TITLE.search(_fold(t.text)) and not _key_field(t.text)]
    if titles and any(_key_field(t.text) for t in flat[: titles[-1]]):
        return titles[-1]
    return 0


#: a cell of a 自评表's money row: an amount, a rate, or a dash holding an empty cell's place
_MONEY_CELL = re.compile(r"^(?:\d+(?:\.\d+)?\s*[%％]?|—+|-+|－+|/)$")


def _money_text(token: Token) -> str:
    return _fold(token.text).replace(",", "").replace("，", "").strip()


def _money_caption_amount(folded: str, flat: list[Token], i: int) -> bool:
    """A money caption (项目资金, 资金情况（万元）) with an amount right after it and no
    年度资金总额 row of its own: the form writes its one amount beside the caption."""
    return (
        folded.startswith(("项目资金", "资金情况", "项目金额"))
        and i < len(flat)
        and bool(_AMOUNT_TEXT.match(re.sub(r"(万元|万|元)$", "", _fold(flat[i].text).replace("，", ","))))
        and not any(_key_field(t.text) == "total" for t in flat)
    )


def _budget_column(flat: list[Token]) -> int:
    """Which of a 自评表's money columns holds the budget: 全年预算数 (the year's budget after
    adjustments, what the form is judged against), the second when 年初预算数 is written first."""
    heads = [_fold(t.text) for t in flat]
    joined = "|".join(heads)
    first, full = joined.find("年初预算"), joined.find("全年预算数")
    return 1 if 0 <= first < full else 0


def _after_period_total(token: Token, flat: list[Token]) -> bool:
    """An amount key in the 年度 column of a money block that puts 中期资金总额 first
    (中期资金总额 170 | 年度资金总额 340 / 财政拨款 170 | 财政拨款 340): the later one is the year's."""
    period = [t for t in flat if _key_field(t.text) == "实施周期资金总额"]
    return any(t.row == token.row or t.cell is token.cell for t in period) or any(
        p.row < token.row
        and any(x.row == token.row and x.col < token.col and _key_field(x.text) == _key_field(token.text) for x in flat)
        for p in period
    )


_FUND_THEN_AMOUNT = re.compile(r"^[^\d]*(?:资金|补助|经费|拨款)(?:[（(][^（()）\d]*[)）])?(?P<amount>\d+(?:\.\d+)?)$")


def _money_written(value: _Value | None) -> bool:
    """An amount cell that holds more than nothing: not empty, a dash, or zero."""
    text = _fold(value.text).strip() if value else ""
    return bool(text) and text not in ("—", "-", "--", "——", "/", "无") and not re.fullmatch(r"0+(?:\.0+)?", text)


def _amounts(
    values: dict[str, _Value], source: str, failures: list[Failure], columns: list[str] = ()
) -> tuple[Amounts, dict[str, Span], dict[str, str]]:
    """The amounts of the key–value block, their spans, and the unit written after an amount
    (854万 → 万元); ``columns`` are a 自评表's money columns (see :mod:`.money_run`), for a row
    whose cells ran together."""
    data: dict[str, object] = {}
    spans: dict[str, Span] = {}
    units: dict[str, str] = {}  # field -> 万元 / 元 written after its amount
    if "total_fiscal" in values:  # 本年度申请市财政预算资金 282.92: the total, and all of it 财政拨款
        for field in ("total", "fiscal"):
            values.setdefault(field, values["total_fiscal"])
    if (
        "fiscal" not in values
        and "一般公共预算" in values
        and not any(_money_written(values.get(b)) for b in _BUDGETS[1:])
    ):
        values["fiscal"] = values["一般公共预算"]  # 一般公共预算拨款 250, the other two budgets empty: all of 财政拨款
    for field in _AMOUNT_FIELDS[:4]:
        value = values.get(field)
        if value is None:
            continue
        text = _fold(value.text).replace("，", ",").lstrip(":：")
        if text in ("—", "-", "--", "——", "/", "无"):
            continue  # a dash for an empty cell
        text = re.sub(r"[（(][^（()）]*[)）]$", "", text)  # 854万(高标准农田建设400万元,…): the note is not the amount
        if suffix := re.search(r"(万元|万|元)$", text):
            units[field] = "万元" if suffix.group(1).startswith("万") else "元"
        text = re.sub(r"(万元|万|元)$", "", text)
        if m := _FUND_THEN_AMOUNT.match(text):  # 中央衔接推进乡村振兴补助资金(少数民族发展任务)50: the fund, its amount
            text = m["amount"]
        if not _AMOUNT_TEXT.match(text) and (budget := forced_budget(text, columns)):
            text = budget  # 194.9194.9100%: 全年预算数 | 全年执行数 | 执行率, the only reading that adds up
        if _AMOUNT_TEXT.match(text):
            problem = None
        elif columns and re.fullmatch(r"[\d.]+[%％][\d.]*", text):
            problem = msg(
                "FORM_MONEY_RUN_TOGETHER", text=value.text[:40], columns="、".join(_COLUMN_WORDS[c] for c in columns)
            )
        else:
            problem = msg("NOT_AN_AMOUNT", text=value.text[:60])
        problem = problem or amount_problem(text)  # too many digits for an amount
        if not problem:
            data[field] = text
            if value.span:
                spans[f"amounts.{field}"] = value.span
        elif text:
            row = value.span.row if value.span else None
            failures.append(Failure(source=source, row=row, field=f"amounts.{field}", message=problem))
    return Amounts.model_validate(data), spans, units


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
        if re.search(
            r"说明|描述|依据", re.sub(r"[（(][^（()）]*[)）]", "", h)
        ):  # 指标值说明: a remark on the value, not the value
            targets.append(None)
        elif "实施周期" in h or "中长期" in h:
            targets.append("period_value")
        elif "年度指标值" in h or re.search(r"预期|^指标值", h) or h in ("目标值", "年度目标值", "年度数值", "数值"):
            targets.append("annual_value")
        elif re.fullmatch(r"指标性质|指标方向|计算符号|符号", h):
            targets.append("sign")
        elif re.fullmatch(r"(?:计量|度量|指标)?单位", h):
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
    """(row index, token index) of the 一级指标 (or 二级指标) header token; in a grid with no
    level columns (序号 | 三级指标 | 年度指标值) the 三级指标 token, or the 序号 before it."""
    for r, row in enumerate(rows):
        for t, token in enumerate(row):
            if _bare(token.text) in ("一级指标", "二级指标"):
                rest = [_bare(x.text) for row2 in rows[r : r + 3] for x in row2]
                if "三级指标" in rest:
                    return r, t
    flat = [(r, t, token) for r, row in enumerate(rows) for t, token in enumerate(row) if token.text]
    for i, (r, t, token) in enumerate(flat):
        if _bare(token.text) == "三级指标" and i + 1 < len(flat) and _is_value_header(flat[i + 1][2].text):
            if i and _bare(flat[i - 1][2].text) == "序号":
                return flat[i - 1][0], flat[i - 1][1]
            return r, t
    return None


def _is_value_header(text: str) -> bool:
    return _bare(text) not in _GRID_WORDS and bool(_VALUE_HEADER.match(_bare(text)))


def looks_like_name_grid(doc: Document) -> bool:
    """A grid of indicator names and values with no 一级/二级 columns (序号 | 三级指标 | 年度指标值):
    the 三级指标 (指标名称) header cell followed by a value header cell."""
    return _find_header(_tokens(doc, _separation(doc))) is not None


class _Guess:
    """A label placed on an indicator above every label of its column: the rows above the
    first label have no label of their own, so which group they belong to is a guess."""

    __slots__ = ("token", "options")

    def __init__(self, token: Token, options: list[Token | None] | None = None):
        self.token = token
        self.options = [x for x in (options or [token]) if x is not None]  # the labels it may be


def _label_events(events: list[tuple[int, Token]], count: int) -> list[Token | _Guess | None]:
    """Which label each of ``count`` indicators falls under, from (indicator index, label).

    A label on the first indicator means labels head their groups (carried down). Otherwise
    they are centred in their groups: groups are rebuilt so that each label sits in the
    middle row (upper middle for an even group), trying both sizes a centred label allows.
    """
    if not events or count == 0:
        return [None] * count
    mids = [m for m, _ in events]

    @functools.cache
    def solve(k: int, start: int) -> list[list[int]]:
        """Every way to size the groups from label k on, starting at row ``start``."""
        if k == len(mids) - 1:
            size = count - start
            return [[size]] if size >= 1 and (size - 1) // 2 <= mids[k] - start <= size // 2 else []
        found: list[list[int]] = []
        for size in (2 * (mids[k] - start) + 1, 2 * (mids[k] - start) + 2):
            if size >= 1 and start + size <= mids[k + 1]:
                found += [[size, *rest] for rest in solve(k + 1, start + size)][:4]
        return found

    solutions = solve(0, 0) if all(m < count for m in mids) else []
    if events[0][0] == 0:
        # a label on the first row: labels head their groups, unless they also sit in the
        # middle of groups that read otherwise; the rows the two readings disagree on are guesses
        marks = dict(events)
        heading: list[Token | None] = list(
            itertools.accumulate((marks.get(i) for i in range(count)), lambda a, b: b or a)
        )
        centred = [[label for size, (_, label) in zip(sizes, events) for _ in range(size)] for sizes in solutions]
        return [
            h if all(c[i] is h for c in centred) or marks.get(i) is h else _Guess(h, [h, *(c[i] for c in centred)])
            for i, h in enumerate(heading)
        ]
    if not solutions:  # not centred after all: nearest label, earlier one on a tie
        # rows above the first label take it only when its group is long enough to reach them
        # (a guess, said so); above a label whose group is shorter they have no label at all
        reach = mids[1] - mids[0] if len(mids) > 1 else count
        return [
            (_Guess(events[0][1]) if mids[0] - i < reach else None)
            if i < mids[0]
            else min(events, key=lambda e: (abs(e[0] - i), e[0]))[1]
            for i in range(count)
        ]
    readings = [[label for size, (_, label) in zip(sizes, events) for _ in range(size)] for sizes in solutions]
    # a label centred in a group of 2k+1 or of 2k+2 rows: where both fit, the row between is a guess
    return [
        column[0] if all(x is column[0] for x in column) else _Guess(column[0], list(column))
        for column in zip(*readings)
    ]


def _is_header_word(text: str) -> bool:
    bare = _bare(text)
    return bare in _GRID_WORDS or bare == "序号" or bool(_VALUE_HEADER.match(bare))


def _read_grid(
    rows: list[list[Token]],
    header_at: tuple[int, int],
    source: str,
    doc_rows,
    failures: list[Failure],
    run_together: bool = False,
):
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
            continue  # an empty cell, or the empty piece after a line's closing ``|``
        if not _is_header_word(token.text):
            break
        header.append(token)
    names = [_bare(t.text) for t in header]
    if "三级指标" not in names:
        return [], [], [], []
    name_at = names.index("三级指标")
    value_headers = names[name_at + 1 :]
    # a two-row header flattened: 年度指标值 | 实际完成值 | 分值 | 得分 written before 一级指标, and
    # 指标性质 | 指标值 | 度量单位 (the parts of 年度指标值) after 三级指标; one cell per line, the
    # words before 一级指标 run back over several lines (the loop stops at the first other word)
    before = [t for row in rows[max(0, r0 - 12) : r0 + 1] for t in row if t.text and (t.row < r0 or row.index(t) < t0)]
    pre: list[str] = []
    for token in reversed(before):
        if not _is_header_word(token.text):
            break
        pre.insert(0, _bare(token.text))
    if (
        len(pre) >= 2
        and "年度指标值" in pre[0]
        and value_headers
        and any(re.fullmatch(r"指标性质|指标方向|计算符号|(?:计量|度量)?单位", h) for h in value_headers)
    ):
        value_headers = value_headers + pre[1:]
    k = max(len(value_headers), 1)
    targets = _value_targets(value_headers or ["指标值"])
    header_row = rows[r0]
    # by column only when the cells are real cells: ``|`` text pads or drops cells at will
    one_row = (
        all(t.row == header[0].row for t in header)
        and len(header) >= 3
        and len({(id(t.cell), t.col) for t in header}) == len(header)
        and _no_inner_gap(header_row)  # a header with empty cells does not say where its columns are
        and len(set(names)) == len(names)  # side-by-side blocks repeat their words: read by the stream
    )
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
            last = l1_events[-1] if l1_events else None
            if (
                last
                and last[0] == len(items)
                and _bare(last[1].text) == _bare(token.text)
                and _level2_word(token.text)
                and not (l2_events and l2_events[-1][0] == len(items))
            ):
                l2_events.append((len(items), token))  # 满意度指标 | 满意度指标: the 一级 and the 二级 cell
            else:
                l1_events.append((len(items), token))
            return True
        if _level2_label(token.text):
            last = l2_events[-1] if l2_events else None
            if (
                last
                and last[0] == len(items)
                and _bare(last[1].text) == _bare(token.text)
                and not (l1_events and l1_events[-1][0] == len(items))
            ):
                # 服务对象满意度指标 twice in a row: the same word in the 一级 and the 二级 cell
                l1_events.append(l2_events.pop())
            l2_events.append((len(items), token))
            return True
        return False

    # each body row: ("cells", row) when it is as wide as the header (Word/Excel/PDF cells, or
    # ``|`` rows that keep empty cells), else ("flat", its non-empty tokens)
    entries: list[tuple[str, list[Token]]] = []
    for row in body:
        filled = [t for t in row if t.text]
        if not filled:
            entries.append(("flat", row))  # an empty cell on its own line (``|``) still holds a column's place
            continue
        if _ends_grid(filled[0].text):
            break
        if columns and len(row) == width and _lines_up(row, columns):
            entries.append(("cells", row))
            continue
        cut = next((i for i, t in enumerate(row) if t.text and _ends_grid(t.text)), None)
        entries.append(("flat", row[:cut]))
        if cut is not None:
            break
    flat_rows = _merge_split_labels(
        [[t for t in row if not _is_grid_caption(t.text)] for kind, row in entries if kind == "flat"]
    )
    filled_rows = [[t for t in row if t.text] for row in flat_rows]
    merged = iter(flat_rows)
    entries = [(kind, next(merged) if kind == "flat" else row) for kind, row in entries]
    side_by_side = "三级指标" in value_headers
    by_rows = not run_together and _reads_by_rows(filled_rows)
    if by_rows and len([r for r in filled_rows if r]) <= 2 and max(len(r) for r in filled_rows) > 3 * (k + 3):
        by_rows = False  # the whole grid on one line (a PDF page copied as one run): read it as a stream
        first = next(t for r in filled_rows for t in r)
        failures.append(
            Failure(
                source=source,
                row=doc_rows[first.row].line,
                field="绩效指标",
                message=msg("FORM_GRID_ONE_LINE", cells=max(len(r) for r in filled_rows), k=k),
            )
        )
    # one cell per line, each closed by ``|``: a line of bare ``|`` is an empty cell
    pipe_cells = _pipe_closed_lines([t for row in flat_rows for t in row])
    current: _Item | None = None
    slot: int | None = None  # side by side, one cell per line: the block the next value fills
    stream = [t for kind, row in entries if kind == "flat" for t in row if t.text]
    at = {id(t): i for i, t in enumerate(stream)}
    # one cell per line with empty cells dropped (no bare ``|`` lines keep their places): rows
    # are told apart by what looks like a name and what like a value, see _partition
    partition = (
        not by_rows
        and not run_together
        and not side_by_side
        and not pipe_cells
        and not _notes_from(value_headers, len(value_headers) - 1)
        and k > 1
    )
    # a filled-in template numbers its names (指标1: …, 指标2: …): one cell per line, a numbered
    # name starts an indicator and the cells up to the next one are its values; the numbers
    # say where rows start, whatever cells were left empty or added (a 分值 with no header)
    prefixed = (
        not by_rows
        and not run_together
        and not side_by_side
        and sum(bool(_NAME_PREFIX.match(t.text.translate(_T2S))) for t in stream) >= 2
    )
    partition = partition and not prefixed
    unread: list[Token] = []
    numbered, next_number = names[0] == "序号", 1  # a 序号 column before the names
    pending: list[Token] = []
    if by_rows and not side_by_side:
        entries = _join_wrapped_rows(entries, len(targets), failures, source, doc_rows)
    for kind, row in entries:
        if kind == "cells":
            current = None
            by_col = {t.col: t for t in row}
            for word, events in (("一级指标", l1_events), ("二级指标", l2_events)):
                if word in columns and (t := by_col.get(columns[word])) and t.text:
                    events.append((len(items), t))
            name = by_col.get(columns["三级指标"])
            values = [by_col.get(columns[h]) if h in columns else None for h in value_headers]
            if name is not None and name.text:
                items.append(_Item(name, values, name.row))
            elif any(v is not None and v.text for v in values):
                failures.append(
                    Failure(
                        source=source,
                        row=doc_rows[row[0].row].line,
                        field="三级指标",
                        message=msg("FORM_ROW_NO_NAME"),
                    )
                )
            continue
        if by_rows:
            if numbered:  # the 序号 cell before the name
                first = next((t for t in row if t.text), None)
                if first is not None and re.fullmatch(r"\d{1,3}", _fold(first.text)):
                    row = [t for t in row if t is not first]
            if any(t.text for t in row):
                _read_row(row, targets, side_by_side, items, label, failures, source, doc_rows)
            continue
        cells: list[Token | None] = [t for t in row if t.text]
        if not cells and pipe_cells:
            cells = [None]
        for token in cells:
            if numbered and token is not None and _fold(token.text) == str(next_number):
                # one cell per line under 序号 | 三级指标 | …: the row's number starts a new row
                next_number += 1
                if partition:
                    _flush(pending, k, items, failures, source, doc_rows)
                current = None
                continue
            # one cell per line, or text run together: a label, or a name followed by its k values
            if prefixed:
                if token is None or label(token):
                    continue
                if _NAME_PREFIX.match(token.text.translate(_T2S)):
                    current = _Item(token, [], token.row)
                    items.append(current)
                elif current is not None and len(current.values) < k:
                    current.values.append(token)
                else:
                    unread.append(token)
                continue
            if partition:
                if token is not None and _is_label(token.text):
                    _flush(pending, k, items, failures, source, doc_rows)
                    label(token)
                elif token is not None:
                    pending.append(token)
                continue
            if token is None:
                if current is not None and len(current.values) < k:
                    current.values.append(None)
            elif side_by_side and _repeats_label(token, items, stream, at):
                current, slot = items[-1], None  # the 年度 block's copy of the row's 二级 label
            elif label(token):
                current, slot = None, None
            elif run_together and _is_placeholder(token.text):
                continue  # 指标2: left empty in a filled-in template
            elif run_together:
                notes = sum(bool(_NOTE_HEADER.search(h)) for h in value_headers[-2:]) if value_headers else 0
                found = _split_with_notes(token, k, notes)
                mid_word = found is not None and any(_CUT_NAME.match(item.name.text) for item in found)
                loose = _split_with_notes(token, k, notes, loose=True) if found is None or mid_word else None
                if loose is not None and (len(loose) < 2 or any(_CUT_NAME.match(i.name.text) for i in loose)):
                    loose = None  # several whole items, or the row's value written twice (below)
                if loose is not None:
                    found = loose
                    failures.append(
                        Failure(
                            source=source,
                            row=doc_rows[token.row].line,
                            field="指标值",
                            message=msg("FORM_DIGITS_RUN_TOGETHER", text=token.text[:40]),
                        )
                    )
                elif (found is None or mid_word) and (twice := _split_doubled(token, k)) is not None:
                    found = [twice]  # a 自评表 row: the target and the achieved value written alike
                    failures.append(
                        Failure(
                            source=source,
                            row=doc_rows[token.row].line,
                            field="指标值",
                            message=msg("FORM_VALUE_TWICE", text=token.text[:40], value=twice.values[0].text),
                        )
                    )
                if found is None:
                    failures.append(
                        Failure(
                            source=source,
                            row=doc_rows[token.row].line,
                            field="指标值",
                            message=msg("FORM_NAMES_VALUES_UNTOLD", text=token.text[:60]),
                        )
                    )
                    found = [_Item(token, [], token.row)]
                elif any(_CUT_NAME.match(item.name.text) for item in found):
                    failures.append(
                        Failure(
                            source=source,
                            row=doc_rows[token.row].line,
                            field="三级指标",
                            message=msg("FORM_RUN_MID_WORD", count=len(found), text=token.text[:40]),
                        )
                    )
                items.extend(found)
            elif side_by_side:
                # one cell per line, 实施周期 and 年度 blocks side by side: a name and its one value
                # per block; the annual block repeats the name, or follows a second 二级 label
                if slot is not None and current is not None:
                    current.values[slot] = token
                    slot = None
                    continue
                seen = sum(1 for i, _ in l2_events if i == len(items))
                if items and _fold(items[-1].name.text) == _fold(token.text) and items[-1].values[1] is None:
                    current, slot = items[-1], 1
                else:
                    current, slot = _Item(token, [None, None], token.row), (1 if seen >= 2 else 0)
                    items.append(current)
            elif (
                current is not None
                and len(current.values) < k
                and not (
                    _notes_from(value_headers, len(current.values))
                    and _starts_item(
                        stream,
                        at[id(token)],
                        value_headers,
                        label_words=_is_label,
                        failures=failures,
                        where=doc_rows[token.row].line,
                        source=source,
                    )
                )
            ):
                current.values.append(token)
            else:
                current = _Item(token, [], token.row)
                items.append(current)
    if partition:
        _flush(pending, k, items, failures, source, doc_rows)
    if unread:
        failures.append(
            Failure(
                source=source,
                row=doc_rows[unread[0].row].line,
                field="指标值",
                message=msg(
                    "FORM_CELLS_OUTSIDE_COLUMNS", count=len(unread), cells="、".join(t.text[:12] for t in unread[:4])
                ),
            )
        )
    return items, l1_events, l2_events, (_read_targets(targets, side_by_side) if by_rows or side_by_side else targets)


def _no_inner_gap(row: list[Token]) -> bool:
    """No empty cell between two filled ones (the ends of a ``| a | b |`` line are empty)."""
    filled = [i for i, t in enumerate(row) if t.text]
    return bool(filled) and all(row[i].text for i in range(filled[0], filled[-1] + 1))


def _repeats_label(token: Token, items: list[_Item], stream: list[Token], at: dict[int, int]) -> bool:
    """Side by side, one cell per line: a 二级 label after a row's 实施周期 value and before the
    row's name again is the 年度 block's copy of the row's label, not a new group."""
    if not (_is_label(token.text) and items and items[-1].values[0] is not None and items[-1].values[1] is None):
        return False
    j = at.get(id(token), -1) + 1
    return 0 < j < len(stream) and _fold(stream[j].text) == _fold(items[-1].name.text)


def _join_wrapped_rows(entries, width: int, failures: list[Failure], source: str, doc_rows):
    """A row holding only its name, followed by short rows without labels that start with a
    value or a short word (有效, 达标): the row's cells were wrapped onto the lines below (``| 减轻…负担 |`` / ``| 有效 |`` / ``| 有效 | 10 | 10 |``).
    They are joined into the name's row, and a failure says the values were read that way."""
    out: list[tuple[str, list[Token]]] = []
    i = 0
    while i < len(entries):
        kind, row = entries[i]
        i += 1
        cells = [t for t in row if t.text]
        rest = cells[:]
        while rest and _is_label(rest[0].text):
            rest.pop(0)
        if kind != "flat" or len(rest) != 1:
            out.append((kind, row))
            continue
        joined = list(row)
        taken = 0
        while i < len(entries) and entries[i][0] == "flat":
            nxt = [t for t in entries[i][1] if t.text]
            if not nxt or any(_is_label(t.text) for t in nxt) or taken + len(nxt) >= width or len(nxt) >= width - 1:
                break
            if not (_VALUE_LIKE.search(_fold(nxt[0].text)) or len(_fold(nxt[0].text)) <= 2):
                break  # a cell that may be the next indicator's name: that row stands on its own
            joined.extend(nxt)
            taken += len(nxt)
            i += 1
        if taken:
            failures.append(
                Failure(
                    source=source,
                    row=doc_rows[rest[0].row].line,
                    field="指标值",
                    message=msg("FORM_WRAPPED_VALUES", text=rest[0].text[:30], taken=taken),
                )
            )
        out.append((kind, joined))
    return out


def _flush(pending: list[Token], k: int, items: list[_Item], failures: list[Failure], source: str, doc_rows) -> None:
    """The cells between two labels as items (see :func:`_partition`); emptied after."""
    if not pending:
        return
    sizes = _greedy(len(pending), k)
    starts = itertools.accumulate([0, *sizes[:-1]])
    if any(_short_value(pending[i].text) for i in starts):
        sizes = _partition(pending, k)  # counting cells puts a value where a name goes: empty cells were dropped
    pos = 0
    for size in sizes:
        items.append(_Item(pending[pos], list(pending[pos + 1 : pos + size]), pending[pos].row))
        pos += size
    if sizes != _greedy(len(pending), k):
        failures.append(
            Failure(
                source=source,
                row=doc_rows[pending[0].row].line,
                field="指标值",
                message=msg("FORM_EMPTY_CELLS_LEFT_OUT", count=len(sizes), text=pending[0].text[:20]),
            )
        )
    pending.clear()


def _short_value(text: str) -> bool:
    """A cell that reads as a value: ≥95%, 280人次, 2023年12月底前; a long text that merely
    starts with a number (1290.3平方米冷库仓储建设…) is a name."""
    folded = _fold(text)
    if _SIGN_ONLY.fullmatch(folded) or folded in ("%", "％", "‰"):
        return True  # a 指标性质 or 计量单位 cell of its own
    return bool(_VALUE_LIKE.search(folded)) and len(re.findall(r"[\u4e00-\u9fff]", folded)) <= 4 and len(folded) <= 14


def _greedy(n: int, k: int) -> list[int]:
    return [k + 1] * (n // (k + 1)) + ([n % (k + 1)] if n % (k + 1) else [])


def _partition(tokens: list[Token], k: int) -> list[int]:
    """Sizes of the items (a name and up to k values) that a run of cells splits into, when
    empty cells were dropped and counting cells put a value (≥95%, 280人次) where a name goes:
    the split where the fewest names look like values, then the fewest text cells sit among
    the values (a text followed by a value is a name and its value), then the fewest missing
    cells."""
    value_like = [_short_value(t.text) for t in tokens]
    n = len(tokens)
    best: list[tuple[float, list[int]] | None] = [None] * (n + 1)
    best[n] = (0.0, [])
    for i in range(n - 1, -1, -1):
        options = []
        for size in range(min(k + 1, n - i), 0, -1):
            rest = best[i + size]
            if rest is None:
                continue
            cost = 10.0 * value_like[i] + sum(
                1.0 + 3.0 * (j + 1 < i + size and value_like[j + 1])
                for j in range(i + 1, i + size)
                if not value_like[j]
            )
            cost += 0.5 * (k + 1 - size) if i + size < n else 0.0  # the last row may end early (a cut document)
            options.append((cost + rest[0], [size, *rest[1]]))
        best[i] = min(options, key=lambda o: o[0]) if options else None
    return best[0][1] if best[0] else _greedy(n, k)


_NOTE_HEADER = re.compile(r"原因|措施|备注|说明")
_SCORE_HEADER = re.compile(r"分值|得分|权重")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")


def _notes_from(headers: list[str], index: int) -> bool:
    """True when the value columns from ``index`` on are all notes (偏差原因, 备注) and a score
    column (分值, 得分) comes before them: a free-text cell there may be empty."""
    rest = headers[index:]
    scored = any(_SCORE_HEADER.search(h) for h in headers[:index])
    return bool(rest) and all(_NOTE_HEADER.search(h) for h in rest) and scored


def _starts_item(
    stream: list[Token], j: int, headers: list[str], *, label_words, failures: list[Failure], where: int, source: str
) -> bool:
    """One cell per line, a free-text cell where a trailing note column (偏差原因) is due: is it
    the note, or the next indicator's name (the note left empty)? Whichever reading puts
    numbers in the score columns (分值, 得分) wins; when both do, it is read as the note and
    a failure says so."""
    filled = len(headers) - sum(bool(_NOTE_HEADER.search(h)) for h in headers)
    scores = [p for p, h in enumerate(headers[:filled]) if _SCORE_HEADER.search(h)]

    def fits(name_at: int) -> bool:
        cells = stream[name_at + 1 : name_at + 1 + filled]
        return (
            len(cells) == filled
            and not any(label_words(t.text) for t in cells)
            and not _NUMBER.match(_fold(stream[name_at].text))
            and all(_NUMBER.match(_fold(cells[p].text)) for p in scores)
        )

    if _NUMBER.match(_fold(stream[j].text)) or label_words(stream[j].text):
        return False
    as_name, as_note = fits(j), j + 1 < len(stream) and fits(j + 1)
    if as_name and as_note:
        failures.append(
            Failure(
                source=source,
                row=where,
                field="偏差原因",
                message=msg("FORM_NOTE_OR_NAME", text=stream[j].text[:30]),
            )
        )
    return as_name and not as_note


#: where the indicator grid ends: notes, signatures, stamps, the reviewer's box
_GRID_END = re.compile(
    r"^(?:注[:：]|备注|说明$|其他需要?说明(?:的)?(?:事项|问题)|填报说明|填表人|填报人|单位负责人"
    r"|财政部门|审核意见|财政.{0,6}科室|扫一扫|附件|总分$|合计$)|[（(]盖章[)）]"
    # the page around a table copied from a web site: its footer is not a row
    r"|^(?:内容保障|主办单位|版权所有|网站地图|联系我们|网站标识码)|ICP备|公网安备"
)
#: cells of the grid that are captions, not indicators (the 绩效指标 column merged down the grid)
#: the caption over the grid: 绩效指标, 四、年度绩效指标完成情况, 绩效指标（权重分值90分，…）
_GRID_CAPTION = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]\s*)?(?:本年度|年度|项目)?绩效指标(?:完成情况)?(?:[（(].*[)）])?$"
)


def _ends_grid(text: str) -> bool:
    return bool(_GRID_END.search(_fold(text)))


def _caption_stub(text: str) -> bool:
    """The first characters of the 绩效指标 caption (绩, 绩效): a merged cell printed cut."""
    folded = re.sub(r"\s", "", _fold(text))
    return bool(folded) and len(folded) <= 3 and "绩效指标".startswith(folded)


def _is_grid_caption(text: str) -> bool:
    return bool(_GRID_CAPTION.match(_fold(text)))


def _merge_split_labels(rows: list[list[Token]]) -> list[list[Token]]:
    """A label wrapped over two cells or lines (经济效益 | 指标, 项目完成 | 指标, 服务对象 |
    满意度指标) as one token."""
    flat = [(r, t) for r, row in enumerate(rows) for t in row]
    out: list[list[Token]] = [[] for _ in rows]
    skip: set[int] = set()
    for i, (r, token) in enumerate(flat):
        if i in skip:
            continue
        j = next((j for j in range(i + 1, len(flat)) if flat[j][1].text), None)
        if token.text and j is not None and not _fold(token.text).endswith("指标"):
            nxt = flat[j][1]
            joined = _fold(token.text) + _fold(nxt.text)
            wrapped = _fold(nxt.text) in ("指标", "指标:") or (  # 服务对象 | 满意度指标
                not _is_label(token.text) and len(_fold(token.text)) <= 6
            )
            if wrapped and _is_label(joined):
                merged = Token(joined, token.cell, token.start, token.end, token.row, token.col)
                if nxt.cell is token.cell:
                    merged.end = nxt.end
                out[r].append(merged)
                skip.add(j)
                continue
        out[r].append(token)
    return out


def _lines_up(row: list[Token], columns: dict[str, int]) -> bool:
    """A row as wide as the header really holds its cells by column: the 一级 / 二级 columns
    hold labels of their level (or nothing) and the 三级 column is not a label. A row whose
    merged cells were dropped and trailing empty cells padded it to the width does not."""
    by_col = {t.col: t for t in row}

    def at(word: str) -> str:
        token = by_col.get(columns.get(word, -1))
        return token.text if token is not None else ""

    l1, l2, name = at("一级指标"), at("二级指标"), at("三级指标")
    return (
        (not l1 or _is_label(l1))  # the 一级 column may hold a 二级 word: 服务对象满意度指标 | 服务对象满意度指标
        and (not l2 or _level2_word(l2) or _level1_label(l2))
        and not (name and _is_label(name))
    )


def _pipe_closed_lines(tokens: list[Token]) -> bool:
    lines = {id(t.cell): t.cell.text.strip() for t in tokens}
    closed = sum(text.endswith(("|", "｜")) for text in lines.values())
    return bool(lines) and closed * 10 >= len(lines) * 8


def _is_label(text: str) -> bool:
    return _level1_label(text) or _level2_label(text)


def _reads_by_rows(rows: list[list[Token]]) -> bool:
    """Rows of several cells (``|``, tabs, spaces): read row by row; else one cell per line."""
    content = [[t for t in row if not _is_label(t.text)] for row in rows]
    content = [row for row in content if row]
    return bool(content) and sum(len(row) >= 2 for row in content) * 2 >= len(content)


_READ = ("period_value", "annual_value", "sign", "unit")


def _read_targets(targets: list[str | None], side_by_side: bool) -> list[str | None]:
    """Side by side blocks (三级指标 | 实施周期指标值 | 二级指标 | 三级指标 | 年度指标值): once the
    repeated name and label are dropped, a row holds the period value, then the annual one."""
    return ["period_value", "annual_value"] if side_by_side else targets


def _read_row(
    row: list[Token],
    targets: list[str | None],
    side_by_side: bool,
    items: list[_Item],
    label,
    failures: list[Failure],
    source: str,
    doc_rows,
) -> None:
    """One grid row: leading labels, the 三级指标 name, its values. Empty cells kept between
    ``|`` place the values by column; without them the values fill the read columns in order."""
    cells = [t for t in row if t.text]
    while cells and label(cells[0]):
        cells.pop(0)
    if not cells:
        return
    name, values = cells[0], cells[1:]
    after = row[row.index(name) + 1 :]
    while len(after) > len(targets) and not after[-1].text:
        after.pop()
    if not side_by_side and len(after) == len(targets) and any(not t.text for t in after):
        items.append(_Item(name, [t if t.text else None for t in after], name.row))
        return
    where = doc_rows[name.row].line
    if side_by_side:
        # the annual block repeats the 二级指标 label and the 三级指标 name beside the period value
        kept = [v for v in values if not _is_label(v.text)]
        repeated = [v for v in kept if _fold(v.text) == _fold(name.text)]
        if len(repeated) != 1 or len(kept) != 3:
            failures.append(
                Failure(
                    source=source,
                    row=where,
                    field="指标值",
                    message=msg("FORM_BLOCKS_MISALIGNED", name=name.text[:30], cells=len(kept)),
                )
            )
        values = [v for v in kept if v not in repeated]
        targets = ["period_value", "annual_value"]
    read = [t for t in targets if t in _READ]
    if len(values) > len(targets):
        failures.append(
            Failure(
                source=source,
                row=where,
                field="指标值",
                message=msg(
                    "FORM_EXTRA_VALUES",
                    name=name.text[:30],
                    cells=len(values),
                    columns=len(targets),
                    text=" | ".join(v.text for v in values[len(targets) :])[:60],
                ),
            )
        )
        values = values[: len(targets)]
    if _spans_sign_and_unit(values, targets):
        # a text target (有效) written across the 指标性质 | 指标值 | 度量单位 cells: one cell for three
        at = targets.index("sign")
        aligned = [*values[:at], None, values[at], None, *values[at + 1 :]]
        aligned += [None] * (len(targets) - len(aligned))
    elif len(values) == len(targets) or len(values) > len(read):
        aligned: list[Token | None] = values + [None] * (len(targets) - len(values))
    else:
        # empty cells were dropped: the values fill the columns that are read, from the left
        slots = iter(values)
        aligned = [next(slots, None) if t in _READ else None for t in targets]
        pair = [t for t in read if t in ("period_value", "annual_value")]
        if len(pair) > 1 and len(values) < len(read):
            failures.append(
                Failure(
                    source=source,
                    row=where,
                    field="指标值",
                    message=msg("FORM_VALUES_UNPLACED", cells=len(values), columns=len(read), name=name.text[:30]),
                )
            )
    items.append(_Item(name, aligned, name.row))


def _spans_sign_and_unit(values: list[Token], targets: list[str | None]) -> bool:
    """Two cells (or more, with empty notes after) short, where 指标性质 | 指标值 | 度量单位
    stand side by side and the cell due there holds text with no digit: the form merged the
    three cells for a target in words."""
    at = targets.index("sign") if "sign" in targets else -1
    return (
        at >= 0
        and targets[at + 1 : at + 3] == ["annual_value", "unit"]
        and len(values) <= len(targets) - 2
        and at < len(values)
        and not re.search(r"\d|[≥≤><=＞＜＝≧≦]", values[at].text)
    )


_RUN_VALUE = (
    r"(?:[≥≤><=＞＜＝]\s*)?"
    r"(?:\d{4}年\d{1,2}月(?:\d{1,2}日)?底?(?:前|内)?"
    r"|\d+(?:\.\d+)?\s*(?:%|％|人次|个|人|次|年|天|项|家|场|篇|份|户|件|台|套|万元|元|小时|分钟|周|月)?)"
    r"(?:[（(][^（()）]{1,12}[)）])?"
)


#: a name cut out of text run together that starts where no name starts: a unit or a letter
#: left over from a number inside the previous name (配套电力设施1250KVA变压器3台)
_CUT_NAME = re.compile(
    r"^(?:[^\u4e00-\u9fff（(★]|[年月日个次吨亩台套万元米项家场篇份户件天周批]|平方|公里|小时|以上|以下|左右)"
)


#: a value ending in a digit is not followed by one: 2020 is never cut into 2 | 0 | 2 | 0
_NOT_MID_NUMBER = r"(?:(?<=\d)(?![\d.])|(?<!\d))"


def _split_with_notes(token: Token, k: int, notes: int, *, loose: bool = False) -> list[_Item] | None:
    """:func:`_split_run` with all k values, else with the trailing note cells (未完成原因) left empty."""
    found = _split_run(token, k, loose=loose)
    if found is None and notes and k > notes:
        found = _split_run(token, k - notes, loose=loose)
        if found is not None:
            found = [_Item(i.name, [*i.values, *([None] * notes)], i.row) for i in found]
    return found


def _split_run(token: Token, k: int, *, loose: bool = False) -> list[_Item] | None:
    """Items in text run together: names, each followed by its k quantified values.

    Without separators a name and its value can only be told apart where the value is
    quantified (comparison, number, unit, or a date); anything else returns None. Two bare
    numbers side by side (2020: 20 | 20, 202 | 0 …) are cut only when ``loose``, which the
    caller says it was.
    """
    between = "" if loose else _NOT_MID_NUMBER
    pattern = re.compile(
        r"(?P<name>[^\d≥≤><=＞＜＝]+?)"
        + "".join(rf"(?P<v{i}>{_RUN_VALUE}){between}" for i in range(k))
        + r"(?=[^\d%％]|$)"
    )
    items: list[_Item] = []
    pos = 0
    text = token.text
    for m in pattern.finditer(text):
        if m.start() != pos:
            return None
        pos = m.end()

        def piece(group: str, m: re.Match[str] = m) -> Token:
            a, b = m.span(group)
            return Token(text[a:b].strip(), token.cell, token.start + a, token.start + b, token.row, token.col)

        items.append(_Item(piece("name"), [piece(f"v{i}") for i in range(k)], token.row))
    return items if items and pos == len(text) else None


def _split_doubled(token: Token, k: int) -> _Item | None:
    """One 自评表 row run together whose target and achieved value are alike: name + X + X,
    then up to two score numbers (成本控制不超过预算不超过预算10, 建设符合验收要求2020). The
    most trailing score digits that still leave a doubled value and a name not ending in a
    number or % win: the 分值 and 得分 columns are filled (质量等合格合格2020 is 合格 | 合格 | 20 | 20,
    not a value 20 written twice after 合格合格)."""
    text = token.text.rstrip()
    if k < 2:
        return None
    digits = len(text) - len(text.rstrip("0123456789."))
    for cut in range(min(6, digits), -1, -1):
        rest = text[: len(text) - cut]
        for size in range((len(rest) - 1) // 2, 0, -1):
            a, b = rest[-2 * size : -size], rest[-size:]
            name = rest[: -2 * size].rstrip()
            if a == b and name and not re.search(r"[\d%％.]$", name) and re.search(r"[\u4e00-\u9fff]", name):
                end = token.start + len(rest)

                def piece(start: int, stop: int) -> Token:
                    return Token(
                        text[start - token.start : stop - token.start], token.cell, start, stop, token.row, token.col
                    )

                values = [piece(end - 2 * size, end - size), piece(end - size, end)]
                return _Item(piece(token.start, token.start + len(name)), [*values, *([None] * (k - 2))], token.row)
    return None


_NAME_PREFIX = re.compile(r"^\s*指标\s*\d+\s*[:：]\s*")
_PLACEHOLDER = re.compile(r"^[\s.…。·*＊/、-]*$")


def _is_placeholder(text: str) -> bool:
    """Nothing but template filler: empty, ……, **, --."""
    return bool(_PLACEHOLDER.match(_NAME_PREFIX.sub("", text.translate(_T2S))))


def _indicators(items, l1_events, l2_events, targets, doubts: list[tuple[int, str, Msg]]) -> list[Indicator]:
    """Indicators of the grid items; what the rules are unsure of goes to ``doubts`` as
    (source line, field, message)."""
    l2_labels = _label_events(l2_events, len(items))
    l1_labels = _label_events(l1_events, len(items))
    l1_by_code: dict[str, list[Token]] = {}
    for _, token in l1_events:
        l1_by_code.setdefault(_level1_code(token.text) or "", []).append(token)
    # a guessed 一级 label settled by the row's own 二级 label, where its code picks one of the
    # labels the row may be under
    for index, (l1, l2) in enumerate(zip(l1_labels, l2_labels)):
        if isinstance(l1, _Guess) and isinstance(l2, Token):
            code = code_for_level2_name(_bare(l2.text))
            if code and len(l1_by_code.get(code[0], [])) == 1 and any(x is l1_by_code[code[0]][0] for x in l1.options):
                l1_labels[index] = l1_by_code[code[0]][0]
    cleared: set[int] = set()
    if l1_events and l2_events and l1_events[0][0] == 0 and l2_events[0][0] == 0:
        # labels head their groups: a new 一级 group starts new 二级 groups, so a 一级 label
        # that changes with no 二级 label beside it leaves its rows without one (满意度指标 | | …)
        l2_at = {i for i, _ in l2_events}
        previous = None
        for i, token in l1_events:
            above = l1_labels[i - 1] if i > 0 else None
            starts = isinstance(above, Token) and above is not token  # the row above is surely in another group
            if previous is not None and _bare(token.text) != previous and i not in l2_at and starts:
                nxt = min((j for j in l2_at if j > i), default=len(items))
                # rows whose labels are guesses (centred labels may fit) stay guesses, said so
                firm = [
                    j
                    for j in range(i, nxt)
                    if not isinstance(l1_labels[j], _Guess) and not isinstance(l2_labels[j], _Guess)
                ]
                for j in firm:
                    l2_labels[j] = None
                cleared.update(firm)
            previous = _bare(token.text)
    indicators: list[Indicator] = []
    for index, (item, l1, l2) in enumerate(zip(items, l1_labels, l2_labels)):
        if isinstance(l1, _Guess) and l2 is not None and not isinstance(l2, _Guess):
            code = code_for_level2_name(_bare(l2.text))
            if code and _level1_code(l1.token.text) not in (None, code[0]):
                l1 = None  # a guessed 满意度指标 over a 数量指标 row: the 二级 code rules it out
        guessed = [x for x in (l1, l2) if isinstance(x, _Guess)]
        if (l1 is None and l1_events) or (l2 is None and l2_events and index not in cleared):
            doubts.append(
                (
                    item.name.row,
                    "一级/二级指标",
                    msg("FORM_NO_LEVEL_LABEL", name=item.name.text[:30]),
                )
            )
        if guessed:
            doubts.append(
                (
                    item.name.row,
                    "一级/二级指标",
                    msg(
                        "FORM_LEVEL_GUESSED",
                        name=item.name.text[:30],
                        read=", ".join(_bare(g.token.text) for g in guessed),
                    ),
                )
            )
            l1 = l1.token if isinstance(l1, _Guess) else l1
            l2 = l2.token if isinstance(l2, _Guess) else l2
        l2_code = code_for_level2_name(_bare(l2.text)) if l2 else None
        if l2_code and len(l1_by_code.get(l2_code[0], [])) == 1 and l1_events and l1_events[0][0] > 0:
            coded = l1_by_code[l2_code[0]][0]  # centred labels: the level-2 code says which group
            if l1 is not None and coded is not l1 and not guessed:
                doubts.append(
                    (
                        item.name.row,
                        "一级/二级指标",
                        msg(
                            "FORM_LEVELS_DISAGREE",
                            name=item.name.text[:30],
                            l1=_bare(l1.text),
                            l2=_bare(l2.text),
                            read=_bare(coded.text),
                        ),
                    )
                )
            l1 = coded
        name_text, name_span = _unread(item.name.text), item.name.span()
        if m := _NAME_PREFIX.match(
            name_text.translate(_T2S)
        ):  # 指标1: (指標1:) of a filled-in template is not part of the name
            name_text = name_text[m.end() :]
            name_span = name_span.model_copy(update={"start": name_span.start + m.end()})
        if _is_placeholder(name_text) and all(v is None or _is_placeholder(v.text) for v in item.values):
            continue  # a template row left empty (指标2:, ……, **): not an indicator
        fields: dict[str, object] = {"seq": len(indicators) + 1, "name": name_text or None}
        spans: dict[str, Span] = {"name": name_span}
        if l1 is not None:
            fields["level1_name"] = _as_written(l1.text)
            fields["level1_code"] = _level1_code(l1.text)
            spans["level1_name"] = l1.span()
        if l2 is not None:
            fields["level2_name"] = _as_written(l2.text)
            fields["level2_code"] = l2_code
            spans["level2_name"] = l2.span()
        if l1 is None and l2_code:
            fields["level1_code"] = l2_code[0]  # no 一级 label: its code follows from the 二级 one
        signs: list[str] = []
        unit_text = ""
        for target, value in zip(targets, _by_meaning(targets, item.values)):
            if value is None or not value.text or not target:
                continue
            if target == "sign":
                signs.append(value.text)
            elif target == "unit":
                unit_text = unit_text or value.text
            elif target not in spans:
                fields[target] = _unread(value.text)
                spans[target] = value.span()
        # 指标性质 may hold the comparison (≥) or the direction (正向, 反向, 定性) with the comparison
        # in a 指标方向 cell beside it: the comparison is part of the value, the direction is not
        sign = next((x for x in signs if _SIGN_ONLY.fullmatch(_fold(x))), "")
        odd = [x for x in signs if not _SIGN_CELL.fullmatch(_fold(x))]
        odd += [unit_text] if unit_text and not _UNIT_CELL.fullmatch(_fold(unit_text)) else []
        if odd:
            doubts.append(
                (
                    item.name.row,
                    "指标值",
                    msg("FORM_SIGN_UNIT_ODD", name=item.name.text[:30], cells=" / ".join(odd)),
                )
            )
        if fields.get("annual_value") and (sign or unit_text):
            value = str(fields["annual_value"])
            unit = unit_text if not value.endswith(unit_text) else ""
            sign = sign if not _COMPARATOR.match(value) else ""
            fields["annual_value"] = f"{sign}{value}{unit}"
        indicators.append(Indicator(**fields, spans=spans))
    return indicators


#: what a 指标性质 cell holds (≥, ≤, =, 定性, 正向…) and what a 计量单位 cell holds (%, 人次, 元/亩):
#: a number or a long text there means the cells shifted
_SIGN_CELL = re.compile(r"[≥≤><=＞＜＝≧≦═]{1,2}|[\u4e00-\u9fff]{1,4}")
_UNIT_CELL = re.compile(r"[^\d≥≤><=＞＜＝]{1,8}")


_SIGN_ONLY = re.compile(r"[≥≤><=＞＜＝≧≦═]{1,2}")


def _by_meaning(targets: list[str | None], values: list[Token | None]) -> list[Token | None]:
    """The 指标性质 | 指标值 | 计量单位 cells (and the 分值 / 备注 after them) placed by what they
    hold when empty cells were dropped and the others slid left (``≥ | 200 | 10`` under
    指标性质 | 指标值 | 计量单位 | 分值): comparisons and direction words fill the 指标性质 cells,
    the next cell is the value, a short text with no digit after it the unit, the rest the
    columns after. Left as read when the cells are placed right already or do not fit."""
    if "annual_value" not in targets:
        return values
    v = targets.index("annual_value")
    s0 = v
    while s0 > 0 and targets[s0 - 1] == "sign":
        s0 -= 1
    has_unit = v + 1 < len(targets) and targets[v + 1] == "unit"
    if s0 == v and not has_unit:
        return values
    cells = [*values, *([None] * (len(targets) - len(values)))]
    signs, unit = cells[s0:v], cells[v + 1] if has_unit else None
    if all(t is None or not t.text or _SIGN_CELL.fullmatch(_fold(t.text)) for t in signs) and (
        unit is None or not unit.text or _UNIT_CELL.fullmatch(_fold(unit.text))
    ):
        return values
    filled = [t for t in cells[s0:] if t is not None and t.text]
    out: list[Token | None] = [None] * (len(cells) - s0)
    i = 0
    while i < len(filled) and i < v - s0 and _SIGN_CELL.fullmatch(_fold(filled[i].text)) and not _digit(filled[i]):
        out[i] = filled[i]
        i += 1
    if i >= len(filled):
        return values
    out[v - s0] = filled[i]
    i += 1
    rest = v - s0 + 1
    if has_unit:
        if i < len(filled) and _UNIT_CELL.fullmatch(_fold(filled[i].text)) and not _digit(filled[i]):
            out[rest] = filled[i]
            i += 1
        rest += 1
    if len(filled) - i > len(out) - rest:
        return values
    out[rest : rest + len(filled) - i] = filled[i:]
    return [*cells[:s0], *out]


def _digit(token: Token) -> bool:
    return bool(re.search(r"\d", token.text))


# ---- what the rules are not sure of --------------------------------------------------------

#: a text that reads as a value, not as an indicator's name: ≥95%, 3人, 100, 2023年12月
_VALUE_LIKE = re.compile(
    r"^[≥≤><=＞＜＝≧≦]|^[-+]?\d+(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fff]{1,3}|[a-zA-Z]{1,3})?$|^\d{4}[年.\-/]\d{1,2}"
)
_FORM_WORDS = re.compile(r"盖章|填表|填报|审核|^(?:指标值|指标标准或依据|绩效标准|计划标准|[一二三]级指标)$")


def _doubtful(indicators: list[Indicator], goal: str | None, doc: Document) -> list[Failure]:
    """Failures for what the rules read but are not sure of: an indicator name that looks like
    a value, a label or a form word; a value that is a label or a form word; a goal that
    swallowed form labels. Each names the item and the field, so a clerk (or the LLM under
    ``--backend auto``) looks there."""
    out: list[Failure] = []

    def say(ind: Indicator, field: str, message: Msg) -> None:
        span = ind.spans.get(field) or ind.spans.get("name")
        out.append(
            Failure(
                source=doc.source, row=span.row if span else None, field=f"绩效指标 #{ind.seq} {field}", message=message
            )
        )

    for ind in indicators:
        name = _fold(ind.name or "")
        if name and (_VALUE_LIKE.search(name) or _FORM_WORDS.search(name) or _key_field(name) or _is_label(name)):
            say(ind, "name", msg("FORM_NAME_LOOKS_LIKE_VALUE", name=ind.name))
        elif len(name) > 80:
            say(ind, "name", msg("FORM_NAME_TOO_LONG", length=len(name)))
        for field in ("period_value", "annual_value"):
            value = _fold(getattr(ind, field) or "")
            if value and (_FORM_WORDS.search(value) or _is_label(value) or _key_field(value) or _is_header_word(value)):
                say(ind, field, msg("FORM_VALUE_LOOKS_LIKE_LABEL", value=getattr(ind, field)))
    if goal and any(
        word in _fold(goal) for word in ("年度目标", "总体目标", "完成情况", "绩效指标", "一级指标", "设定目标")
    ):
        out.append(
            Failure(
                source=doc.source,
                field="绩效目标",
                message=msg("FORM_GOAL_HAS_LABELS", goal=goal[:40]),
            )
        )
    return out


# ---- the form -----------------------------------------------------------------------------


def _by_lines(doc: Document) -> Document:
    """The document with one one-cell row per non-blank line of its text; in text whose lines
    close their cells with ``|``, a line left open between two closed ones is a cell wrapped
    onto the next line (``项目名称 | 社区矫正信息化`` / ``建设项目 |``) and is read with it."""
    lines: list[tuple[int, int, str]] = []  # (line number, offset, text)
    offset = 0
    for number, line in enumerate(doc.text.split("\n"), start=1):
        if line.strip():
            lines.append((number, offset, line))
        offset += len(line) + 1
    closed = [_closed(text) for _, _, text in lines]
    piped = sum(closed) >= 0.8 * len(lines)
    rows: list[Row] = []
    i = 0
    while i < len(lines):
        number, start, text = lines[i]
        end = i
        if i and piped and not closed[i] and closed[i - 1]:
            j = i
            while j + 1 < len(lines) and not closed[j] and j - i < 3:
                j += 1
            end = j if closed[j] else i
        _, last_start, last_text = lines[end]
        text = doc.text[start : last_start + len(last_text)]
        rows.append(Row([Cell(text, start, start + len(text), number, 0)], number, text))
        i = end + 1
    return Document(doc.source, doc.text, rows, doc.encoding, doc.layout, list(doc.warnings))


def _closed(line: str) -> bool:
    return line.rstrip().endswith(("|", "｜"))


_COLUMN_WORDS = {
    "start": "年初预算数",
    "budget": "全年预算数",
    "spent": "全年执行数",
    "weight": "分值",
    "rate": "执行率",
    "score": "得分",
}


def _money_header(rows: list[list[Token]]) -> list[str]:
    """The money columns of a 自评表 (年初预算数 | 全年预算数 | … | 执行率 | 得分): the words
    between the money caption and the first amount row, as :func:`money_columns` reads them."""
    text = "".join(t.text for row in rows for t in row)
    end = next((m.start() for m in re.finditer(r"资金总额", text)), -1)
    return money_columns(text[max(0, end - 120) : end]) if end > 0 else []


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


def _looks_like_label(name: str) -> bool:
    bare = re.sub(r"\s", "", _fold(name))
    return bool(_key_field(bare)) or (len(bare) >= 3 and any(w.startswith(bare) for w in _LABEL_WORDS))


def _without_code(name: str | None) -> str | None:
    """A department or unit name without the budget code written before it (the code is
    the budget system's key, not part of the name)."""
    return _UNIT_CODE.sub("", name) if name else name


def has_form_header(doc: Document) -> bool:
    """A project form's header: a 项目名称 with a value and an amount or goal key beside it,
    above an indicator caption (绩效指标, 一级指标), or with no grid at all when amounts, goal
    and units are all there (a page cut above its grid). What :func:`extract_form` reads with
    ``header_only`` when the grid itself is of a kind the rules do not know."""
    if doc.layout in ("reflowed", "csv"):
        doc = _by_lines(doc)
    rows = _tokens(doc, _separation(doc))
    end = _grid_start(rows)[0]
    flat = [t for row in rows[: end + 1] for t in row if t.text]
    fields = [_key_field(t.text) for t in flat]
    named = any(f == "name" and i + 1 < len(flat) and not fields[i + 1] for i, f in enumerate(fields))
    kinds = {
        "amount" if f in _AMOUNT_FIELDS else "goal" if f in _GOAL_FIELDS else f
        for f in fields
        if f in (*_AMOUNT_FIELDS, *_GOAL_FIELDS, "department", "unit")
    }
    # a grid of a kind the rules do not know below, or none at all (a page cut above the grid)
    return named and ("amount" in kinds or "goal" in kinds) and (end < len(rows) or len(kinds) >= 3)


def _grid_start(rows: list[list[Token]]) -> tuple[int, int]:
    """Where an indicator grid of any kind starts: the 绩效指标 caption or the 一级指标 head
    (row, token); past the end when there is none."""
    for r, row in enumerate(rows):
        for t, token in enumerate(row):
            if _is_grid_caption(token.text) or _bare(token.text) in ("一级指标", "二级指标"):
                return r, t
    return len(rows), 0


def extract_form(doc: Document, *, header_only: bool = False) -> BudgetTable:
    """Extract one single-project form into a table with one unit and one project.

    With ``header_only`` a form whose indicator grid the rules do not know (一级指标 |
    二级指标 | 绩效标准 …, no 三级指标) still gives its header (name, units, amounts, goal),
    with a failure saying the indicators were not read.

    Raises:
        InputError: the document has no indicator grid (一级指标 | 二级指标 | 三级指标),
            and ``header_only`` is not set.
    """
    if doc.layout in ("reflowed", "csv"):
        doc = _by_lines(doc)  # read flattened text line by line, not as reflowed table cells
    separation = _separation(doc)
    run_together = separation == "run_together"
    rows = _tokens(doc, separation)
    header_at = _find_header(rows)
    failures: list[Failure] = []
    if header_at is None:
        if not header_only:
            raise InputError(doc.source, msg("NO_FORM_GRID"))
        header_at = _grid_start(rows)
        failures.append(
            Failure(
                source=doc.source,
                field="绩效指标",
                message=msg("FORM_HEADER_ONLY"),
            )
        )
    r0, t0 = header_at
    block_rows = rows[:r0] + ([rows[r0][:t0]] if t0 else [])
    values, found = _read_block(block_rows)
    items, l1_events, l2_events, targets = (
        _read_grid(rows, header_at, doc.source, doc.rows, failures, run_together)
        if _find_header(rows) is not None
        else ([], [], [], [])
    )
    doubts: list[tuple[int, str, Msg]] = []
    indicators = _indicators(items, l1_events, l2_events, targets, doubts)
    for row, field, message in doubts:
        failures.append(Failure(source=doc.source, row=doc.rows[row].line, field=field, message=message))
    amounts, amount_spans, written_units = _amounts(values, doc.source, failures, _money_header(block_rows))
    for key, cells in found.items():
        if key.startswith("money_gap:"):
            failures.append(
                Failure(
                    source=doc.source,
                    field=f"amounts.{key[10:]}",
                    message=msg("FORM_MONEY_GAP", cells=cells),
                )
            )
    said = {unit: where for key, where in found.items() if key.startswith("currency:") for unit in [key[9:]]}
    for field, unit in written_units.items():
        said.setdefault(unit, f"{field} {values[field].text[:20]}")
    if len(said) > 1:  # 单位：万元 over the form, 元 after an amount (or the reverse): which one is not guessed
        failures.append(
            Failure(
                source=doc.source,
                field="currency_unit",
                message=msg(
                    "FORM_CURRENCY_MIXED", said="；".join(f"{unit}（{where}）" for unit, where in said.items())
                ),
            )
        )

    def text(field: str) -> str | None:
        return values[field].text if field in values and values[field].text else None

    goal_field = next((f for f in _GOAL_FIELDS if text(f)), None)
    spans: dict[str, Span] = dict(amount_spans)
    name = text("name")
    if name is not None and (doubt := found.get("name_doubt")):
        failures.append(Failure(source=doc.source, field="项目名称", message=doubt))
    if name is not None and _looks_like_label(name):
        failures.append(
            Failure(
                source=doc.source,
                row=values["name"].span.row if values["name"].span else None,
                field="项目名称",
                message=msg("FORM_NAME_LOOKS_LIKE_LABEL", name=name),
            )
        )
    if name is None:
        failures.append(Failure(source=doc.source, field="项目名称", message=msg("FORM_NO_NAME")))
    else:
        spans["name"] = values["name"].span
    if goal_field:
        spans["goal"] = values[goal_field].span
        if doubt := found.get("goal_doubt"):
            row = spans["goal"].row if spans["goal"] else None
            failures.append(Failure(source=doc.source, row=row, field="绩效目标", message=doubt))
    if not indicators and not header_only:
        failures.append(Failure(source=doc.source, field="绩效指标", message=msg("FORM_NO_ROWS")))
    failures.extend(_doubtful(indicators, text(goal_field) if goal_field else None, doc))
    project = Project(
        name=name or "",
        amounts=amounts,
        goal=text(goal_field) if goal_field else None,
        indicators=indicators,
        spans={k: v for k, v in spans.items() if v is not None},
    )
    department, unit_name = _without_code(text("department")), _without_code(text("unit"))
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
        currency_unit=found.get("currency", "万元"),
        amounts=amounts,
        units=[unit],
        meta=meta,
        failures=failures,
    )
    if department and values["department"].span:
        table.spans["department"] = values["department"].span
    return table
