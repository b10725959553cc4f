"""A project name holding another field's key, or a sentence, is not a name as written.

A reader that takes the wrong line for the 项目名称 (a header row of keys, a cell run on into the
next key, a sentence of the report) gives a name a clerk would copy without a second look. A name
never holds another of the form's keys (资金总额, 主管部门, 实施单位, 开始时间 …), a calendar date
(1/1/2021), an amount at its end (70.00, 50万元) nor a sentence's marks (。，；：) inside it, and is seldom longer than 60 characters:
such a name is flagged on its 项目名称 field, whatever read it.

Text run together gives no edge where a name ends: a name read after its key (项目名称) and
followed in the source by more writing, no space, bar or mark between (民族发展专项资金补助区域县(区)资金情况…), may have run on
into a key the rules have no word for. Such a name is trusted only when the document writes it
again elsewhere (its title, a sentence, another cell); otherwise it is flagged.

A name cut short is no name either: one with a bracket never closed (…基础设施(人大代表扶贫) or
never opened, one of fewer than :data:`_SHORTEST` characters (no name in the corpus is), and one
read to its line's end (or to a space and the next cell's key) while the next line is one run of more
writing (no gap in it, no key or label, at least :data:`_WRAPPED` characters) (a page wrapped at a fixed width: 2020年省級…執法 / 補助經費…):
each is flagged on its 项目名称 field.
A name that ends where its line ends, on a line a fixed-width wrap filled (a PDF's text layer) or
after a comma (档案抢救与保护、查询利用、), may go on in the next line: flagged too.
"""

from __future__ import annotations

import re

from ..ingest.document import Document
from ..messages import msg
from ..schema import BudgetTable, Failure
from ..textnorm import display_width, simplified
from .goal_edges import READING, TONE, goes_on
from .parsers.form.labels import _key_field
from .wrapped_goal import wrap_width

__all__ = ["flag_doubtful_names"]

#: another field's key inside a name: the row read was the form's keys, or the cell ran on
_KEY = re.compile(
    r"资金总额|年度资金|财政拨款|主管部门|实施单位|预算单位|填报单位|单位名称|单位代码|项目负责人|联系人|联系电话"
    r"|绩效指标|一级指标|指标值|实施期"
    # a schedule's keys or a calendar date (1/1/2021, 2021-12-31): the next cells ran on
    r"|开始时间|完成时间|起止时间|\d{1,4}[/-]\d{1,2}[/-]\d{1,4}"
    # the money block's caption of 天津's forms (预算规模及资金用途 | 预算数 …)
    r"|预算规模|资金用途"
    # an amount closing the name (…执法专项部门预算70.00, …经费50万元): a money cell ran on
    r"|\d\.\d\d$|\d\s*万?元$"
    # a pinyin reading left in (助學(xué )金): a mirror's markup a wrap broke, not the name's wording
    rf"|[(（][^()（）]*{TONE.pattern}[^()（）]*[)）]?"
)
#: a sentence's marks inside the name (a trailing one is the cell's end, not a sentence)
_SENTENCE = re.compile(r"[。，,；;：:](?!\s*$)")
#: a key closing the name with its colon (…高龄津贴是否为专项资金：): the next cell's key ran on
_KEY_AT_END = re.compile(r"[\u4e00-\u9fff]{4,}[:：]\s*$")
#: longer than any name the corpus writes
_LONGEST = 60
#: writing that goes on right after a name: a letter or digit, no space, bar or mark between
_RUNS_ON = re.compile(r"[\u3400-\u9fffA-Za-z0-9（(]")
_SPACE = re.compile(r"\s+")


#: fewer characters than any name the corpus writes (主体班, 临时救助 are the shortest)
_SHORTEST = 3
#: the fewest characters of a line that goes on a name wrapped above it (a label on the next line,
#: 项目类型, 项目申报单位, is shorter)
_WRAPPED = 7
#: a key opening the line below a name, its value run on after it (部门名称濮阳市档案馆, 项目类型…)
_KEY_FIRST = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:名称|部门|单位|类型|类别|属性|编码|代码|负责人|日期|时间|期限|地点)")
#: the brackets a name pairs
_OPEN, _CLOSE = "(（[【", ")）]】"


def _cut(doc: Document, name: str, span) -> object | None:
    """The message when ``name`` looks cut short (see the module), else None."""
    depth = 0
    for ch in name:
        depth += (ch in _OPEN) - (ch in _CLOSE)
        if depth < 0:
            return msg("PROJECT_NAME_UNPAIRED", name=name[:40], mark=ch)
    if depth > 0:
        return msg("PROJECT_NAME_UNPAIRED", name=name[:40], mark=next(c for c in reversed(name) if c in _OPEN))
    folded = _SPACE.sub("", name)
    if len(folded) < _SHORTEST:
        return msg("PROJECT_NAME_TOO_SHORT", name=name, count=len(folded))
    if span is None or span.alignment != "exact":
        return None
    text = doc.text
    eol = text.find("\n", span.end)
    rest = READING.sub("", text[span.end : eol if eol >= 0 else len(text)])
    if eol < 0 or (rest.strip() and not (rest[:1].isspace() and _KEY.search(simplified(rest)))):
        return None  # the cell is closed on its line (a bar, more writing): not wrapped
    # (other cells after a space, opening with a key: the name may still wrap onto the next line,
    # as a PDF's text layer read across the row prints it)
    below = text[eol + 1 : (text.find("\n", eol + 1) + 1 or len(text) + 1) - 1].strip(" \t\u3000|｜")
    if (
        _SPACE.search(below)
        or not goes_on(below, _WRAPPED)
        or _KEY.search(READING.sub("", below))
        or _KEY_FIRST.match(simplified(READING.sub("", below)))
    ):
        return None  # cells, a label or a key below: the name's cell ended with its line
    return msg("PROJECT_NAME_GOES_ON", name=name[:40], text=below[:20])


#: the name key right before a name: 项目名称 / 资金名称 / 全称, its colon
_AFTER_KEY = re.compile(r"(?:名称|全称)\s*[:：]?\s*$")


def _ran_on(doc: Document, name: str, start: int, end: int) -> bool:
    """The name (read at ``start:end`` of the text) stands between its key and more writing, no
    edge on either side, and the document nowhere else writes it: where it ends is a guess."""
    if not _RUNS_ON.match(doc.text[end : end + 1]) or not _AFTER_KEY.search(doc.text[max(0, start - 12) : start]):
        return False
    folded = _SPACE.sub("", name)
    return _SPACE.sub("", doc.text[:start]).find(folded) < 0 and _SPACE.sub("", doc.text[end:]).find(folded) < 0


def _a_key(name: str) -> re.Match[str] | None:
    """The whole name is one of the form's keys (项目类型, 项目属性, 主管部门): a label read as the name."""
    return re.fullmatch(r".+", name) if _key_field(re.sub(r"\s", "", name)) else None


def _wrapped(text: str, end: int, width: int | None) -> bool:
    """The name (ending at ``end``) ends its line, and that line ends in a comma or fills the
    page's hard-wrap ``width``: the name may go on in the next line."""
    eol = text.find("\n", end)
    if eol < 0 or text[end:eol].strip(" \t\u3000|｜"):
        return False
    line = text[text.rfind("\n", 0, end) + 1 : eol].rstrip(" \t\u3000|｜")
    return bool(_MID.search(line)) or (width is not None and display_width(line) >= width - 1)


#: a list or sentence not finished at the line's end
_MID = re.compile(r"[，,、]$")


def _said(table: BudgetTable, row: int | None) -> bool:
    """A failure on 项目名称 already stands for the name on ``row`` (or for every name)."""
    return any(f.field == "项目名称" and (f.row is None or f.row == row) for f in table.failures)


def flag_doubtful_names(doc: Document, table: BudgetTable) -> None:
    """Append a PROJECT_NAME_DOUBTFUL failure for each project name that holds another field's key,
    a sentence's marks or runs over :data:`_LONGEST` characters, and a PROJECT_NAME_RUNS_ON one
    for a name run on into more writing that the document nowhere else writes."""
    width = wrap_width(doc.text)
    for project in table.projects():
        name = (project.name or "").strip()
        if not name or project.classified:
            continue
        why = _KEY.search(simplified(name)) or _SENTENCE.search(name) or _KEY_AT_END.search(name) or _a_key(name)
        span = project.spans.get("name")
        if why is None and len(name) <= _LONGEST and (cut := _cut(doc, name, span)) is not None:
            if span is None or not _said(table, span.row):
                table.failures.append(
                    Failure(source=doc.source, row=span.row if span else None, field="项目名称", message=cut)
                )
            continue
        if why is None and len(name) <= _LONGEST:
            if span is None or span.alignment != "exact" or _said(table, span.row):
                continue  # a reader already said what it doubts about this name
            if _wrapped(doc.text, span.end, width):
                message = msg("PROJECT_NAME_WRAPPED", name=name[:40])
            elif not _ran_on(doc, name, span.start, span.end):
                continue
            else:
                message = msg("PROJECT_NAME_RUNS_ON", name=name[:40], text=doc.text[span.end : span.end + 12])
        else:
            what = why.group(0) if why else f"{len(name)}字"
            message = msg("PROJECT_NAME_DOUBTFUL", name=name[:40], what=what)
        table.failures.append(
            Failure(source=doc.source, row=span.row if span else None, field="项目名称", message=message)
        )
