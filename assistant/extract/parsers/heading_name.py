"""A form with no 项目名称 cell is named by its own heading.

Several templates have no 项目名称 row: a department's whole-budget table (部门整体支出绩效
目标表, 部门整体绩效目标, with 部门（单位）名称 instead), self-evaluation forms whose heading
carries the fund (2020年忠烈祠免费开放经费236.25万元部门整体支出绩效自评表), and goal tables
inside a report under a caption (表1：某某项目绩效目标). The heading is the line or cell written
last above the form's key block (a page's title or tab list may come earlier), else last above
the grid. The name is the heading without its year, its amount and the form's kind
(…绩效目标表, …整体支出绩效自评表); a heading that is nothing but the kind (部门整体绩效目标)
names the department's whole spending as written. A name cut out of a heading is flagged.
"""

from __future__ import annotations

import re

from ...ingest.document import Document
from ...messages import msg
from ...schema import BudgetTable, Failure
from .form.labels import _T2S, _key_field, _unread

__all__ = ["form_heading", "name_from_heading", "name_by_heading"]

_CELL_SEP = re.compile(r"[|｜\t]| {2,}|\u3000{2,}")
#: a heading or caption: names 绩效, ends as a form's or table's title does
_HEADING = re.compile(r"绩效.*(?:表|目标|指标)$")
_CAPTION = re.compile(r"^表[\d一二三四五六七八九十]+[:：、.．\s]*")
_YEAR = re.compile(r"^\d{4}年度?")
_KIND = re.compile(r"(?:部门)?(?:整体)?(?:支出)?绩效(?:目标|自评|评价|指标)(?:申报|批复|设定|自评)?(?:表)?$")
_AMOUNT = re.compile(r"[(（]?\d+(?:\.\d+)?(?:万元|万|元)[)）]?$")
#: the punctuation of running text: a line holding it is a sentence, never a heading
_SENTENCE = re.compile(r"[。，,；;]")
#: the first key of a form's block, and the codes a 部门整体 form starts with
_FIRST_KEY = re.compile(r"^[*＊]?部门(?:编码|代码)")


def form_heading(doc: Document) -> str | None:
    """The form's heading as written: last above its key block, else (no heading above the
    first key) last above its grid."""
    heading = None
    lines = (c for line in doc.text.splitlines() for c in _CELL_SEP.split(line))  # lines: reflowing joins them
    for cell in (c.strip(" *＊") for c in lines if c.strip(" *＊")):
        simple = _unread(re.sub(r"\s", "", cell)).translate(_T2S)
        label = re.split(r"[:：]", simple, maxsplit=1)[0]  # 单位名称：某局 is a key with its value
        first = cell.split()[0]  # 部门(单位)名称 宁德市地震局: a key, a space, its value (a padded form)
        if "三级指标" in simple or "一级指标" in simple:
            return heading
        if _key_field(label) or _key_field(first) or _FIRST_KEY.match(simple):
            if heading is not None:
                return heading
            continue  # a key before any heading (a report's cover: 项目单位：某局): the grid's caption names it
        if _HEADING.search(simple) and simple not in ("绩效指标", "绩效目标") and not _SENTENCE.search(simple):
            # a grid's caption is not a title, nor is a sentence ending in 目标 (a goal's text)
            heading = cell
    return heading


#: what is left of a generic title (项目支出绩效目标表, 财政项目支出绩效自评表): no name
_GENERIC = re.compile(r"^(?:财政|专项|预算)?(?:资金)?(?:项目)?(?:支出)?$")


def name_from_heading(heading: str) -> tuple[str, bool] | None:
    """(the project name a heading gives, whether it was cut out of the heading); None for a
    generic title that names no project."""
    written = _unread(re.sub(r"\s", "", heading))  # pinyin readings are markup, not wording
    simple = written.translate(_T2S)  # one character for one: offsets hold
    start = m.end() if (m := _CAPTION.match(simple)) else 0
    start = start + m.end() if (m := _YEAR.match(simple[start:])) else start
    end = m.start() if (m := _KIND.search(simple)) else len(simple)
    end = start + m.start() if (m := _AMOUNT.search(simple[start:end])) else end
    end = start + m.start() if (m := re.search(r"\d{4}年度?$", simple[start:end])) else end
    name = written[start:end]
    if _GENERIC.match(simple[start:end]) or simple[start:end] == "部门":
        # nothing but the kind: 部门整体绩效目标 names the department's whole spending; 绩效目标表 names nothing
        return (written, False) if "整体" in simple else None
    return name, True


def _cut_by_the_end(doc: Document, name: str) -> bool:
    """The 项目名称 cell is the last thing the text holds: the page store cut the text inside it
    (项目名称 | 2025年市級財政鄉村振興專, n03), so the name may be only its beginning."""
    tail = doc.text.rstrip(" \t\u3000\n|｜")
    return bool(name) and tail.endswith(name.rstrip())


def name_by_heading(doc: Document, table: BudgetTable) -> BudgetTable:
    """Name a one-project form that has no 项目名称 after its heading, in place of "no 项目名称";
    and complete a name cut by the text's end from the heading that begins with it."""
    projects = table.projects()
    if len(projects) == 1 and projects[0].name:
        return _completed(doc, table)
    if len(projects) != 1 or (heading := form_heading(doc)) is None:
        return table
    if (named := name_from_heading(heading)) is None:
        return table
    name, cut = named
    projects[0].name = name
    table.failures = [f for f in table.failures if f.code != "FORM_NO_NAME"]
    if cut:
        table.failures.append(
            Failure(source=doc.source, field="项目名称", message=msg("PROSE_NAME_FROM_HEADING", name=name))
        )
    if table.meta is not None:
        table.meta.extra["name_from_heading"] = heading
    return table


def _completed(doc: Document, table: BudgetTable) -> BudgetTable:
    """A name cut by the text's end (项目名称 | 2025年市級財政鄉村振興專) that the heading right above
    its form names whole (2025年市級財政鄉村振興專項資金(第一批整鎮推進創建鄉鎮獎補)績效目標表): the
    heading's name, flagged as taken from the heading."""
    project = table.projects()[0]
    if not _cut_by_the_end(doc, project.name):
        return table
    above = doc.text[: doc.text.rstrip().rfind(project.name.strip())].splitlines()
    cells = [c.strip(" *＊|｜") for line in reversed(above) for c in _CELL_SEP.split(line) if c.strip(" *＊|｜")]
    # the 项目名称 key, then the heading: nothing else between them
    heading = next((c for c in cells[1:3] if _HEADING.search(_simple(c)) and not _SENTENCE.search(c)), None)
    named = name_from_heading(heading) if heading else None
    if named is None:
        return table
    # the heading's name runs from where the cut name starts (its year kept, as the cell writes it)
    written, cut = _unread(re.sub(r"\s", "", heading)), re.sub(r"\s", "", project.name)
    start, end = written.find(cut), written.find(named[0]) + len(named[0])
    if start < 0 or end - start <= len(cut) or start > end - len(named[0]):
        return table
    whole = written[start:end]
    table.failures.append(
        Failure(
            source=doc.source, field="项目名称", message=msg("PROSE_NAME_CUT_COMPLETED", cut=project.name, name=whole)
        )
    )
    project.name = whole
    if table.meta is not None:
        table.meta.extra["name_from_heading"] = heading
    return table


def _simple(cell: str) -> str:
    return _unread(re.sub(r"\s", "", cell)).translate(_T2S)
