"""Chinese names and explanations of every finding code, with the English beside them.

Clerks read Chinese; the codes (VALUE_VAGUE, AMOUNT_ROW_SUM, …) stay stable English so
scripts and tests can rely on them. One table serves the web workbench and the CLI's
``--lang`` switch: ``FINDINGS[code]`` is a :class:`FindingText` with a short Chinese
name, a Chinese explanation and the English explanation. Field names get the same
treatment in ``FIELDS``. A test checks that every code of ``validate.CODES`` and
``lint.RULES`` has an entry here.
"""

from __future__ import annotations

import locale
import os
from typing import NamedTuple

__all__ = ["FindingText", "FINDINGS", "FIELDS", "SEVERITIES", "finding_name", "finding_text", "finding_fix", "field_label",
           "default_lang"]


class FindingText(NamedTuple):
    zh_name: str
    zh: str
    en: str
    fix: str = ""  # 怎么改, in Chinese


#: every validate and lint code -> (中文名称, 中文说明, English)
FINDINGS: dict[str, FindingText] = {
    # validate: was the table read right?
    "AMOUNT_ROW_SUM": FindingText("金额不平", "本行总计不等于 财政拨款 + 财政专户拨款 + 其他资金",
                                  "a row's 总计 is not the sum of 财政拨款 + 财政专户拨款 + 其他资金",
                                  "对照原件核对四个金额，改正读错的那个"),
    "AMOUNT_UNIT_SUM": FindingText("单位合计不符", "资金使用单位的总计不等于其下各项目总计之和",
                                   "a 资金使用单位's total is not the sum of its projects",
                                  "核对单位总计与各项目金额，是否漏读或多读了项目"),
    "AMOUNT_TABLE_SUM": FindingText("表合计不符", "合计行不等于各单位（或各项目）总计之和",
                                    "the 合计 row is not the sum of the units (or of the projects)",
                                  "核对合计行与各单位总计"),
    "AMOUNT_MISSING": FindingText("缺少总计", "项目没有总计金额", "a project has no 总计",
                                  "按原件填写总计"),
    "CODE_PAIR_MISMATCH": FindingText("指标代码不配套", "二级指标代码不属于所写的一级指标（按原文保留）",
                                      "a level-2 code does not belong to its level-1 code",
                                  "按指标体系改正一级或二级代码（11–14 属产出，21–24 属效益，31 属满意度）"),
    "CODE_UNKNOWN": FindingText("代码不存在", "一级或二级指标代码不在指标体系内",
                                "a level-1 or level-2 code is not in the category code system",
                                  "改为指标体系内的代码：一级 1/2/3，二级 11–14、21–24、31"),
    "CODE_MISSING": FindingText("缺少指标代码", "指标没有一级或二级指标代码", "an indicator has no level-1 or level-2 code",
                                  "补上一级和二级指标代码"),
    "CODE_NAME_MISMATCH": FindingText("代码与名称不符", "指标代码写成了另一类指标的名称",
                                      "a code is written with another category's name",
                                  "使代码与指标名称一致"),
    "NAME_MISSING": FindingText("缺少指标名称", "指标没有三级指标名称", "an indicator has no name (三级指标)",
                                  "补上三级指标名称"),
    "VALUE_MISSING": FindingText("缺少指标值", "缺少实施周期指标值或年度指标值",
                                 "an indicator has no 实施周期指标值 or no 年度指标值",
                                  "补上指标值，可与另一个指标值相同"),
    "SEQ_DUPLICATE": FindingText("序号重复", "同一项目中两个指标的序号相同", "two items of one project carry the same number",
                                  "改正序号，或点“按顺序重新编号”"),
    "SEQ_GAP": FindingText("序号不连续", "指标序号跳号或不从 1 开始", "item numbers skip or do not start at 1",
                                  "补上缺的指标，或点“按顺序重新编号”"),
    "PROJECT_DUPLICATE": FindingText("项目重复", "同一项目出现了两次", "the same project appears twice",
                                  "确认是否重复录入，删除多余的一份"),
    "INDICATORS_MISSING": FindingText("缺少绩效指标", "非涉密项目没有绩效指标", "a non-classified project has no indicators",
                                  "按原件补录绩效指标"),
    "GOAL_MISSING": FindingText("缺少绩效目标", "非涉密项目没有绩效目标", "a non-classified project has no 绩效目标",
                                  "按原件补录绩效目标"),
    "LOW_CONFIDENCE": FindingText("识别置信度低", "该值由 OCR 或大模型读出，置信度低，请对照原件核对后确认",
                                  "a value was read with low confidence (OCR or LLM) and needs a human look",
                                  "对照左侧原件核对，无误后点“确认无误”，有误直接改正"),
    # lint: are the indicators good ones?
    "VALUE_VAGUE": FindingText("指标值模糊", "指标值使用“逐步提高”“全面提升”“全覆盖”等模糊表述，没有数字",
                               "a vague phrase (逐步提高, 全覆盖 …) and no number",
                                  "写成“比较符 + 数字 + 单位”，如“≥95%”“不少于20场”"),
    "VALUE_UNMEASURABLE": FindingText("指标值不可衡量", "指标值没有“比较符 + 数字 + 单位”，是描述或公式，年底无法考核",
                                      "no number and no graded level: a description or a formula, not a target",
                                  "写成“比较符 + 数字 + 单位”，如“≥95%”“不少于20篇”“≤30天”"),
    "VALUE_QUALITATIVE": FindingText("定性指标值", "指标值是等级（优/良/中/差、达到/未达到），可以使用，但未量化",
                                     "a graded qualitative level (优/良/中/差, 达到/未达到): allowed, but not quantified",
                                  "有评分标准即可；能量化更好"),
    "CATEGORY_MISSING": FindingText("指标类别不全", "项目缺少产出、效益或满意度指标",
                                    "the project has no 产出, no 效益 or no 满意度 indicator",
                                  "补一条缺少的类别：产出（如“开展活动场次 ≥12场”）、效益（如“问题处置率 ≥95%”）或满意度（“服务对象满意度 ≥90%”）"),
    "SATISFACTION_LOW": FindingText("满意度目标偏低", "满意度指标值低于 85%", "a satisfaction target below 85%",
                                  "满意度目标设为 ≥85% 或 ≥90%"),
    "PERIOD_ANNUAL_CONFLICT": FindingText("年度值高于周期值", "年度指标值的要求高于整个实施周期的指标值",
                                          "the annual target is stricter than the whole period's",
                                  "实施周期指标值应不低于年度指标值，改正其中一个"),
    "PERIOD_ANNUAL_UNITS": FindingText("计量单位不一致", "实施周期指标值与年度指标值的计量单位不同",
                                       "the period and annual values are counted in different units",
                                  "两个指标值用同一种计量方式（都用数量或都用比率）"),
    "INDICATOR_DUPLICATE": FindingText("指标重复", "同一项目中同一指标出现了两次", "the same indicator twice in one project",
                                  "合并重复的指标，或各写各的衡量内容"),
}

#: interchange field -> Chinese label (the column names the source tables use)
FIELDS: dict[str, str] = {
    "title": "表名", "department": "部门名称", "currency_unit": "金额单位",
    "name": "名称", "unit": "资金使用单位", "classified": "涉密项目", "goal": "绩效目标", "indicators": "绩效指标",
    "amounts.total": "总计", "amounts.fiscal": "财政拨款", "amounts.special_account": "财政专户拨款",
    "amounts.other": "其他资金", "seq": "序号", "level1_code": "一级指标代码", "level1_name": "一级指标",
    "level2_code": "二级指标代码", "level2_name": "二级指标", "period_value": "实施周期指标值",
    "annual_value": "年度指标值",
}

SEVERITIES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}


def finding_name(code: str, lang: str = "zh") -> str:
    """The short name of a code in the language (the code itself when unknown or English)."""
    entry = FINDINGS.get(code)
    return entry.zh_name if entry and lang == "zh" else code


def finding_text(code: str, lang: str = "zh") -> str:
    """What a code means, in Chinese or English."""
    entry = FINDINGS.get(code)
    if entry is None:
        return code
    return entry.zh if lang == "zh" else entry.en


def finding_fix(code: str) -> str:
    """How to fix a finding, in Chinese."""
    entry = FINDINGS.get(code)
    return entry.fix if entry else ""


def field_label(field: str | None) -> str:
    """A field path's Chinese label: ``annual_value`` -> 年度指标值 (unknown paths as they are)."""
    if not field:
        return ""
    return FIELDS.get(field, FIELDS.get(field.rsplit(".", 1)[-1], field))


def default_lang() -> str:
    """``zh`` when the locale is Chinese (LANG/LC_ALL such as zh_CN.UTF-8), else ``en``."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        current = locale.getlocale()[0] or ""
    except ValueError:
        current = ""
    return "zh" if current.lower().startswith("zh") else "en"
