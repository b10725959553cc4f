"""Target values as a reviewer reads them: comparison, number and unit.

Budget systems store a 指标值 as three fields — 计算符号 (=, ≥, ≤ …), 指标值 and 计量单位 — so
a value is measurable at year end only when those three can be read from it. This module
reads them from the phrases tables actually use (``95%以上``, ``不少于20篇``,
``1场/月*12=12场``, ``85分以上``, ``≤30天``, ``达98%以上``, ``1-2场``, ``每月一场``) and says
what kind of value it is:

- ``quantitative``: a comparison, a number and a unit were read;
- ``qualitative``: a graded level the guidance allows (优/良/中/差, 达到/基本达到/未达到);
- ``vague``: a phrase from ``resources/vague_phrases.yaml`` and no number (逐步提高, 全覆盖 …);
- ``unmeasurable``: text with no number and no allowed grade (a description, a formula);
- ``empty``: no value at all.

:class:`Target` is the pydantic model drafted indicators carry; the parser never raises.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from . import settings
from .compare_words import (
    ABOVE,
    AT_LEAST,
    AT_MOST,
    BELOW,
    GE_SIGNS,
    GT_SIGNS,
    LE_SIGNS,
    LT_SIGNS,
    REACH,
    REACH_SHORT,
    SPOKEN_AT_LEAST,
    SPOKEN_AT_MOST,
    alternation,
)

__all__ = [
    "Target",
    "TargetKind",
    "Comparison",
    "VaguePhrase",
    "UNITS",
    "PER_YEAR",
    "parse_target",
    "vague_phrases",
    "find_vague_phrase",
    "chinese_number",
    "normalise_value",
    "format_target",
]

TargetKind = Literal["quantitative", "qualitative", "vague", "unmeasurable", "empty"]
Comparison = Literal["=", "≥", "≤", ">", "<", "区间"]

#: units a target may be counted in; longer ones first so 人次 wins over 次, 万元 over 元
UNITS: tuple[str, ...] = tuple(
    sorted(
        [
            "%",
            "个",
            "场",
            "次",
            "件",
            "篇",
            "分",
            "条",
            "人次",
            "万元",
            "元",
            "天",
            "日",
            "工作日",
            "个工作日",
            "小时",
            "分钟",
            "秒",
            "人",
            "名",
            "户",
            "家",
            "期",
            "份",
            "本",
            "册",
            "项",
            "宗",
            "套",
            "台",
            "辆",
            "处",
            "所",
            "座",
            "间",
            "批",
            "类",
            "种",
            "个月",
            "月",
            "年",
            "周",
            "公里",
            "米",
            "平方米",
            "万平方米",
            "平米",
            "亩",
            "万亩",
            "吨",
            "万吨",
            "立方米",
            "万立方米",
            "公顷",
            "公斤",
            "千克",
            "头",
            "万头",
            "只",
            "万只",
            "万株",
            "千瓦",
            "万人次",
            "万份",
            "万人",
            "万册",
            "万条",
            "万元",
            "课时",
            "门",
            "学时",
            "节",
            "轮",
            "组",
            "支",
            "队",
            "村",
            "镇",
            "街",
            "单",
            "宗次",
            "期次",
            "场次",
            "批次",
            "点",
            "GB",
            "TB",
            "M",
            "兆",
            "路",
            "床",
            "张",
            "块",
            "部",
            "株",
            "棵",
        ],
        key=len,
        reverse=True,
    )
)

#: how many of a period fit in a year, for "1场/月" → 12场 a year
PER_YEAR: dict[str, int] = {"天": 365, "日": 365, "周": 52, "月": 12, "季度": 4, "季": 4, "半年": 2, "年": 1}

#: graded qualitative levels the guidance allows (定性的分级分档)
_GRADES = ("基本达到", "未达到", "达到", "优秀", "合格", "优", "良", "中", "差")
_GRADE_RE = re.compile(
    r"^(?:评价|评定|考核|等级|评级|结果)?(?:等级)?(?:为|:)?(" + "|".join(_GRADES) + r")(?:等级|级|及以上|以上)?$"
)

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN_NUM = "[零〇一二两三四五六七八九十百千]+"

_NUM = r"\d+(?:\.\d+)?"
_UNIT = "(?:" + "|".join(re.escape(u) for u in UNITS) + ")"
#: a comparison before the number: every word of :mod:`assistant.compare_words` that bounds a
#: value, with 达到 / 达 (a target reached: 达到95%); the text is NFKC-folded, so ＞ reads as >
_GE_WORDS = GE_SIGNS + GT_SIGNS + AT_LEAST + ABOVE + SPOKEN_AT_LEAST
_GE_NO_REACH = alternation(_GE_WORDS)
_GE_BEFORE = alternation(_GE_WORDS + REACH + (REACH_SHORT,))
_LE_BEFORE = alternation(LE_SIGNS + LT_SIGNS + AT_MOST + BELOW + SPOKEN_AT_MOST)
_GE_AFTER = r"(?:以上|及以上|或以上|以上水平|以上\(含\)|\(含\)以上)"
_LE_AFTER = r"(?:以下|及以下|以内|之内|内|以下\(含\))"
_PER = r"(?:/|每)(?P<per>天|日|周|月|季度|季|半年|年)"

_FORMULA_RESULT = re.compile(r"=\s*(?P<num>" + _NUM + r")\s*(?P<unit>" + _UNIT + r")")
_RANGE = re.compile(
    r"(?P<lo>"
    + _NUM
    + r")\s*(?P<unit1>"
    + _UNIT
    + r")?\s*(?:-|~|～|至|到|—)\s*(?P<hi>"
    + _NUM
    + r")\s*(?P<unit>"
    + _UNIT
    + r")"
)
_QUANTITY = re.compile(
    r"(?P<before>"
    + _GE_BEFORE
    + "|"
    + _LE_BEFORE
    + r")?\s*(?P<num>"
    + _NUM
    + r")\s*(?P<unit>"
    + _UNIT
    + r")(?P<per1>/(?:天|日|周|月|季度|季|半年|年))?(?P<after>"
    + _GE_AFTER
    + "|"
    + _LE_AFTER
    + ")?"
)
_DEADLINE = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?(?:底|末)?(?:前|之前|以前)")
_IDIOM_UNITS = ("批", "类", "种", "点", "路", "部", "组", "轮", "支", "座", "张", "块")
_CLAUSE_END = re.compile(r"[,;。，；:：、!?！？]")
_PERIOD_WORD = re.compile(r"每(?P<per>天|日|周|月|季度|季|半年|年)")


class VaguePhrase(BaseModel):
    """One entry of ``resources/vague_phrases.yaml``: the phrase, why a reviewer rejects it, a fix
    (in English and in Chinese)."""

    model_config = ConfigDict(extra="forbid")

    phrase: str
    reason: str
    suggestion: str
    reason_zh: str
    suggestion_zh: str


class Target(BaseModel):
    """A target value read as 计算符号 + 指标值 + 计量单位.

    ``value`` is the number (the lower bound for a 区间, whose upper bound is ``upper``).
    ``per`` is the period a rate is counted over (``1场/月`` → per ``月``) and
    ``per_year`` the yearly figure it implies (12). ``phrase`` is the part of the text the
    target was read from, or the vague phrase / grade found.
    """

    model_config = ConfigDict(extra="forbid")

    kind: TargetKind
    comparison: Comparison | None = Field(default=None, description="计算符号")
    value: float | None = Field(default=None, description="指标值 (lower bound of a 区间)")
    upper: float | None = Field(default=None, description="upper bound of a 区间")
    unit: str | None = Field(default=None, description="计量单位")
    per: str | None = Field(default=None, description="the period a count is per: 天, 周, 月, 季度, 年")
    per_year: float | None = Field(default=None, description="the yearly figure a per-period count implies")
    phrase: str | None = Field(default=None, description="the text the target was read from")
    text: str | None = Field(default=None, description="the whole value as written")

    @property
    def measurable(self) -> bool:
        """True for numbers and for the graded levels the guidance allows."""
        return self.kind in ("quantitative", "qualitative")

    def render(self) -> str:
        """The target in the form systems store it: ``≥95%``, ``=12场``, ``1-2场``."""
        if self.kind != "quantitative" or self.value is None:
            return self.phrase or self.text or ""
        number = _fmt(self.value)
        per = f"/{self.per}" if self.per else ""
        if self.comparison == "区间":
            return f"{number}-{_fmt(self.upper)}{self.unit or ''}{per}"
        return f"{self.comparison or '='}{number}{self.unit or ''}{per}"


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral such as 一, 十二, 二十, 一百零五, 两千; None if not one."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
    return total + section + (digit or 0)


def _arabic(text: str) -> str:
    """Chinese numerals followed by a unit written as digits, so 一场 → 1场, 十二个月 → 12个月.

    Idioms are left alone: 一批 (some), and anything inside quotes (“最多跑一次”改革)."""

    def repl(match: re.Match[str]) -> str:
        value = chinese_number(match.group(1))
        if value is None or match.group(2) in _IDIOM_UNITS:
            return match.group(0)
        return f"{value}{match.group(2)}"

    parts = re.split(r"(“[^”]*”|\"[^\"]*\")", text)
    return "".join(
        p if p.startswith(("“", '"')) else re.sub("(" + _CN_NUM + ")(" + _UNIT + ")", repl, p) for p in parts
    )


def normalise_value(text: str) -> str:
    """A value as the parser reads it: NFKC, no white space, Chinese counts as digits."""
    return _normalise(text)


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    folded = folded.replace("％", "%").replace("＊", "*").replace("×", "*")
    folded = re.sub(r"(?<=\d),(?=\d{3})", "", folded)  # 1,000 → 1000
    folded = re.sub(r"\s+", "", folded)
    return _arabic(folded)


@lru_cache(maxsize=1)
def vague_phrases() -> tuple[VaguePhrase, ...]:
    """The vague phrase list from ``assistant/data/vague_phrases.yaml``, longest first."""
    raw = settings.resource("vague_phrases.yaml").read_text(encoding="utf-8")
    entries = [VaguePhrase.model_validate(item) for item in yaml.safe_load(raw)["phrases"]]
    return tuple(sorted(entries, key=lambda e: len(e.phrase), reverse=True))


def find_vague_phrase(text: str | None) -> VaguePhrase | None:
    """The first vague phrase (longest match wins) that occurs in the text, or None."""
    if not text:
        return None
    folded = unicodedata.normalize("NFKC", text)
    for entry in vague_phrases():
        if entry.phrase in folded:
            return entry
    return None


def _comparison(before: str | None, after: str | None) -> Comparison:
    if before and re.fullmatch(_LE_BEFORE, before):
        return "<" if before in BELOW + LT_SIGNS else "≤"
    if after and re.fullmatch(_LE_AFTER, after):
        return "≤"
    if before and re.fullmatch(_GE_BEFORE, before):
        return ">" if before in ABOVE + GT_SIGNS else "≥"
    if after and re.fullmatch(_GE_AFTER, after):
        return "≥"
    return "="


def _per(text: str, start: int, explicit: str | None) -> str | None:
    """The period a count is per: ``/月`` right after it, else the nearest 每月 before it."""
    if explicit:
        return explicit.lstrip("/")
    words = list(_PERIOD_WORD.finditer(text[:start]))
    if words and start - words[-1].end() <= 20:
        per = words[-1].group("per")
        # 每人每月 … 20件: the count is per month; a 全年 nearer the number overrides it
        if "全年" not in text[words[-1].end() : start]:
            return per
    return None


def parse_target(text: str | None) -> Target:
    """Read comparison, number and unit from a target value; never raises.

    Args:
        text: the 指标值 as written, e.g. ``"满意度达90%以上"`` or ``"1场/月*12=12场"``.

    Returns:
        A :class:`Target`; ``kind`` says whether it is measurable.
    """
    if text is None or not text.strip():
        return Target(kind="empty", text=text)
    norm = _normalise(text)

    result = list(_FORMULA_RESULT.finditer(norm))
    if result:  # 1场/月*12=12场: the figure after the last "=" is the target
        match = result[-1]
        return Target(
            kind="quantitative",
            comparison="=",
            value=float(match["num"]),
            unit=match["unit"],
            phrase=match.group(0).lstrip("="),
            text=text,
        )

    deadline = _DEADLINE.search(norm)
    if deadline:  # 12月底前完成: a deadline is measurable; the number is the month
        return Target(
            kind="quantitative",
            comparison="≤",
            value=float(deadline["month"]),
            unit="月(截止)",
            phrase=deadline.group(0),
            text=text,
        )

    range_match = _RANGE.search(norm)
    # a number right after "/" is a denominator (全年总分/12个月), not a target
    quantity = next((m for m in _QUANTITY.finditer(norm) if not norm[: m.start()].endswith("/")), None)
    if range_match and (quantity is None or range_match.start() <= quantity.start()):
        lo, hi = float(range_match["lo"]), float(range_match["hi"])
        if lo < hi and (range_match["unit1"] in (None, range_match["unit"])):
            per = _per(norm, range_match.start(), None)
            return Target(
                kind="quantitative",
                comparison="区间",
                value=lo,
                upper=hi,
                unit=range_match["unit"],
                per=per,
                per_year=_per_year(hi, per),
                phrase=range_match.group(0),
                text=text,
            )

    if quantity:
        value = float(quantity["num"])
        per = _per(norm, quantity.start("num"), quantity["per1"])
        before = quantity["before"] or _comparison_word_in_clause(norm, quantity.start())
        return Target(
            kind="quantitative",
            comparison=_comparison(before, quantity["after"]),
            value=value,
            unit=quantity["unit"],
            per=per,
            per_year=_per_year(value, per),
            phrase=quantity.group(0),
            text=text,
        )

    bare = norm.rstrip("。;；,，、.")
    grade = _GRADE_RE.match(bare)
    if grade:
        return Target(kind="qualitative", comparison="=", phrase=grade.group(1), text=text)
    vague = find_vague_phrase(norm)
    if vague:
        return Target(kind="vague", phrase=vague.phrase, text=text)
    return Target(kind="unmeasurable", text=text)


def _comparison_word_in_clause(text: str, start: int) -> str | None:
    """A 至少/不少于/不超过 earlier in the same clause (每月至少到网格巡查走访20次), if near."""
    clause = _CLAUSE_END.split(text[max(0, start - 12) : start])[-1]
    # 达 / 达到 away from the number bound nothing (达标率…95%): only right before it are they a comparison
    found = list(re.finditer(_GE_NO_REACH + "|" + _LE_BEFORE, clause))
    return found[-1].group(0) if found else None


def _per_year(value: float, per: str | None) -> float | None:
    """A per-period count as a yearly figure (1场/月 → 12); None for daily counts, whose
    yearly figure depends on working days."""
    if per is None or per in ("天", "日") or per not in PER_YEAR:
        return None
    return value * PER_YEAR[per]


def format_target(target: Target) -> str:
    """A target as a form value: ``≥95%``, ``12场``, ``1-2场``, ``≤30天``, ``≥20次/月``."""
    if target.kind != "quantitative" or target.value is None:
        return target.text or target.phrase or ""
    rendered = target.render()
    return rendered[1:] if rendered.startswith("=") else rendered
