"""Published indicator libraries: indicator names that ministries, standards and provinces
publish for a kind of project or a sector (购置类、培训类 … 共性指标; 基本公共卫生服务考核比率;
信息化项目评估指标), as drafting candidates beside the real tables and the type template.

Each library is kept verbatim under ``gold/indicator_libraries/<id>/`` (``source.txt`` as the
page store returned it, ``meta.json`` with its address, date, format and the project type each
section belongs to) and parsed here into records; ``python cli.py library build`` packs the
records into ``resources/library.json`` next to the real projects. Two formats:

- ``outline``: one cell per line (类别 / 一级 / 二级 / 三级 headings, then ``名称(单位)``);
- ``terms``: prose or a flattened table: indicator names are the terms that end the way an
  indicator name ends (率, 比例, 满意度, 数量 …), each with the percentage written after it.

A record is a name, its level-2 code, the unit or value the library gives and the project type
(``project_types.yaml`` id) it is published for. They are not projects: nothing here is a
target any project set, so drafting takes a name and sets the value from this project's own
goal or a standard level, and says "来源：<library>".
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from ..compare_words import SIGNS
from ..taxonomy import LEVEL2

__all__ = ["PublishedIndicator", "parse_library", "load_published", "published_indicators", "LIBRARIES_DIR"]

#: where the libraries live in a checkout, next to the real corpus
LIBRARIES_DIR = "indicator_libraries"


@dataclass(frozen=True, slots=True)
class PublishedIndicator:
    """One indicator name of a published library."""

    library: str  # the library's id (its folder)
    title: str  # the library's title, shown in drafts as 来源
    source: str  # the address it was read from
    type_id: str  # the project type it is published for (project_types.yaml)
    sector: str | None
    level2_code: str
    name: str
    unit: str | None = None  # what the library says it is counted in (%, 次, 人, 元 …)
    value: str | None = None  # a level the library itself states (≥96%, 80%)
    #: "type": published for a kind of project (培训类); "sector": for a whole sector (教育), so a
    #: record is taken only when it shares a word with the project's own name or goal
    scope: str = "type"

    @property
    def label(self) -> str:
        return f"{self.title} / {self.name}"


_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
#: a library's level-2 heading line: the taxonomy's names with 指标 (数量指标 … 可持续影响指标), and
#: 满意度指标 as libraries shorten 服务对象满意度指标
_LEVEL2 = {(n if n.endswith("指标") else n + "指标"): code for code, n in LEVEL2.items()} | {"满意度指标": "31"}
_LEVEL1 = ("产出指标", "效果指标", "效益指标")
#: how an indicator name ends in a prose or flattened library
_NAME_END = re.compile(r"(率|比例|占比|满意度|便捷度|数量|人次|户数|面积|公里数|里程)$")
#: rates where less is better, or that say nothing a project sets a target for
_NOT_TARGETS = re.compile(r"(发生率|流失率|不良率|损失率|变化率|增长率|比$)")
_VALUE_AFTER = re.compile(rf"^[\s|:：达到为=]*([{SIGNS}]?\s*\d+(?:\.\d+)?%)")  # the signs of compare_words


def _plain(text: str) -> str:
    """Simplified characters, without the pinyin a page store wrote after some of them."""
    from zhconv import convert

    return unicodedata.normalize("NFKC", convert(_PINYIN.sub("", text), "zh-cn"))


def _code_of(name: str, default: str = "11") -> str:
    """The level-2 code a name of a prose library belongs to."""
    for pattern, code in (
        ("满意", "31"),
        ("及时|时限|完成时间", "13"),
        ("成本|费用|节支", "14"),
        ("增收|收入|产值|产量", "21"),
        ("水质|噪声|绿化|空气|排污|环评|生态|保护地", "23"),
        ("合格|达标|完好|规范|准确|可用|稳定|可靠", "12"),
        ("覆盖|普及|知晓|受益|入户|通客车|推广|应用|便捷", "22"),
    ):
        if re.search(pattern, name):
            return code
    return default


def _outline(text: str, sections: dict[str, str]) -> list[tuple[str, str, str, str | None]]:
    """(type id, level-2 code, name, unit) of a one-cell-per-line library."""
    lines = [line.strip() for line in _plain(text).splitlines() if line.strip()]
    merged: list[str] = []
    for line in lines:  # "文字性成果编纂类项" + "目": a heading wrapped onto a second line
        if merged and len(line) == 1:
            merged[-1] += line
        else:
            merged.append(line)
    plain_sections = {_plain(k): v for k, v in sections.items()}
    found, section, code = [], None, None
    for line in merged:
        if line in plain_sections:
            section, code = plain_sections[line], None
        elif line in _LEVEL2:
            code = _LEVEL2[line]
        elif line in _LEVEL1 or section is None or code is None:
            continue
        else:
            unit = re.search(r"[(（]([^()（）]*)[)）]$", line)
            name = line[: unit.start()] if unit else line
            found.append((section, code, name.strip(), unit.group(1) if unit else None))
    return found


def _terms(
    text: str, type_id: str, *, wrapped: bool = False, drop: tuple[str, ...] = ()
) -> list[tuple[str, str, str, str | None, str | None]]:
    """(type id, level-2 code, name, unit, value) of a prose or flattened library. ``wrapped``:
    a table whose cells wrap mid-word onto the next line; ``drop``: terms the meta names as
    page-store artifacts (a page break inside a word leaves "关因素调查人群覆盖率")."""
    flat = _plain(text)
    if wrapped:
        flat = re.sub(r"(?<=[\u4e00-\u9fff])\s*\n\s*(?=[\u4e00-\u9fff])", "", flat)
    found, seen = [], set(drop)
    pieces = re.split(r"([\s、,，;；。:：|=/()（）×*]|包括|\d+(?:\.\d+)*[.、]?)", flat)
    for n, piece in enumerate(pieces):
        before = next((p for p in reversed(pieces[:n]) if p and p.strip()), "")
        if before in ("=", "/", "(", "（", "×"):
            continue  # an operand of a formula (良种推广面积/当年种植面积), not a name
        term = (piece or "").strip()
        doubled = re.fullmatch(r"(.*?)(.{3,12})\2", term)  # "良种推广率良种推广率": the name, then its formula
        if doubled:
            term = doubled.group(2)
        if not (3 <= len(term) <= 18) or not _NAME_END.search(term) or not re.fullmatch(r"[\u4e00-\u9fff]+", term):
            continue
        if _NOT_TARGETS.search(term) or term in seen:
            continue
        seen.add(term)
        value = _VALUE_AFTER.match("".join(p or "" for p in pieces[n + 1 : n + 6]))
        unit = "%" if re.search(r"(率|比例|占比|度)$", term) else None
        found.append((type_id, _code_of(term), term, unit, value.group(1).replace(" ", "") if value else None))
    return found


def parse_library(folder: str | Path) -> list[PublishedIndicator]:
    """The records of one library folder (``source.txt`` + ``meta.json``).

    Raises:
        ValueError: the meta names an unknown format or a section without a project type.
    """
    folder = Path(folder)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    text = (folder / "source.txt").read_text(encoding="utf-8")
    common = {"library": meta["id"], "title": meta["title"], "source": meta["source"]}
    from .types import load_types

    sectors = {t.id: t.sector for t in load_types().types}
    if meta["format"] == "outline":
        rows = [(t, c, n, u, None) for t, c, n, u in _outline(text, meta["sections"])]
    elif meta["format"] == "terms":
        rows = _terms(
            text, meta["section_type"], wrapped=meta.get("wrapped_cells", False), drop=tuple(meta.get("drop", ()))
        )
    else:
        raise ValueError(f"{folder}/meta.json: unknown library format {meta['format']!r}")
    scope = meta.get("scope") or ("type" if meta["format"] == "outline" else "sector")
    records = []
    for type_id, code, name, unit, value in rows:
        if type_id not in sectors:
            raise ValueError(f"{folder}/meta.json: section type {type_id!r} is not in project_types.yaml")
        sector = meta.get("sector") or sectors[type_id]
        records.append(PublishedIndicator(**common, type_id=type_id, sector=sector, level2_code=code, name=name,
                                          unit=unit, value=value, scope=scope))  # fmt: skip
    return records


def load_published(gold_dir: str | Path) -> list[PublishedIndicator]:
    """Every record of ``gold_dir/indicator_libraries/*/``, library by library."""
    root = Path(gold_dir) / LIBRARIES_DIR
    return [r for folder in sorted(root.glob("*/meta.json")) for r in parse_library(folder.parent)]


def as_rows(records: list[PublishedIndicator]) -> list[dict]:
    return [asdict(r) for r in records]


@lru_cache(maxsize=1)
def published_indicators() -> tuple[PublishedIndicator, ...]:
    """The packaged records (``resources/library.json`` ``published``)."""
    from .corpus import _builtin_data

    return tuple(PublishedIndicator(**row) for row in _builtin_data().get("published", []))
