"""Short Chinese names and fixes of every finding code, and Chinese field labels.

The codes (VALUE_VAGUE, AMOUNT_ROW_SUM, …) stay stable English; what each means, in
Chinese and English, lives once in :data:`assistant.checks.RULES` and each finding carries
its own Chinese message (``Finding.message_zh``). This module adds what a page needs
beside them: a short name per code for badges (指标值模糊), a generic fix in Chinese for
findings that bring none, and the Chinese label of every field. A test checks that every
registered code has an entry here.
"""

from __future__ import annotations

from typing import NamedTuple

from .checks import RULES

__all__ = [
    "FIELDS",
    "FINDINGS",
    "SECTORS",
    "SEVERITIES",
    "FindingText",
    "field_label",
    "finding_fix",
    "finding_name",
    "finding_text",
]


class FindingText(NamedTuple):
    zh_name: str  # 短名称, for a badge
    zh: str  # what it means, in Chinese (from the rule registry)
    en: str  # what it means, in English (from the rule registry)
    fix: str  # 怎么改, in Chinese


#: 代码 -> (短名称, 怎么改); the meaning comes from the rule registry
_NAMES_AND_FIXES: dict[str, tuple[str, str]] = {
    "AMOUNT_ROW_SUM": ("金额不平", "对照原件核对四个金额，改正读错的那个"),
    "AMOUNT_UNIT_SUM": ("单位合计不符", "核对单位总计与各项目金额，是否漏读或多读了项目"),
    "AMOUNT_TABLE_SUM": ("表合计不符", "核对合计行与各单位总计"),
    "AMOUNT_MISSING": ("缺少总计", "按原件填写总计"),
    "CODE_PAIR_MISMATCH": ("指标代码不配套", "按指标体系改正一级或二级代码（11–14 属产出，21–24 属效益，31 属满意度）"),
    "CODE_UNKNOWN": ("代码不存在", "改为指标体系内的代码：一级 1/2/3，二级 11–14、21–24、31"),
    "CODE_MISSING": ("缺少指标代码", "补上一级和二级指标代码"),
    "CODE_NAME_MISMATCH": ("代码与名称不符", "使代码与指标名称一致"),
    "NAME_MISSING": ("缺少指标名称", "补上三级指标名称"),
    "VALUE_MISSING": ("缺少指标值", "补上指标值，可与另一个指标值相同"),
    "SEQ_DUPLICATE": ("序号重复", "改正序号，或点“按顺序重新编号”"),
    "SEQ_GAP": ("序号不连续", "补上缺的指标，或点“按顺序重新编号”"),
    "PROJECT_DUPLICATE": ("项目重复", "确认是否重复录入，删除多余的一份"),
    "INDICATORS_MISSING": ("缺少绩效指标", "按原件补录绩效指标"),
    "GOAL_MISSING": ("缺少绩效目标", "按原件补录绩效目标"),
    "LOW_CONFIDENCE": ("识别置信度低", "对照左侧原件核对，无误后点“确认无误”，有误直接改正"),
    "VALUE_VAGUE": ("指标值模糊", "写成“比较符 + 数字 + 单位”，如“≥95%”“不少于20场”"),
    "VALUE_UNMEASURABLE": ("指标值不可衡量", "写成“比较符 + 数字 + 单位”，如“≥95%”“不少于20篇”“≤30天”"),
    "VALUE_QUALITATIVE": ("定性指标值", "有评分标准即可；能量化更好"),
    "CATEGORY_MISSING": (
        "指标类别不全",
        "补一条缺少的类别：产出（如“开展活动场次 ≥12场”）、效益（如“问题处置率 ≥95%”）或满意度（“服务对象满意度 ≥90%”）",
    ),
    "SATISFACTION_LOW": ("满意度目标偏低", "满意度目标设为 ≥85% 或 ≥90%"),
    "PERIOD_ANNUAL_CONFLICT": ("年度值高于周期值", "实施周期指标值应不低于年度指标值，改正其中一个"),
    "PERIOD_ANNUAL_UNITS": ("计量单位不一致", "两个指标值用同一种计量方式（都用数量或都用比率）"),
    "INDICATOR_DUPLICATE": ("指标重复", "合并重复的指标，或各写各的衡量内容"),
}

FINDINGS: dict[str, FindingText] = {
    code: FindingText(name, RULES[code].zh, RULES[code].en, fix)
    for code, (name, fix) in _NAMES_AND_FIXES.items()
    if code in RULES
}

#: interchange field -> Chinese label (the column names the source tables use)
FIELDS: dict[str, str] = {
    "title": "表名",
    "department": "部门名称",
    "currency_unit": "金额单位",
    "name": "名称",
    "unit": "资金使用单位",
    "classified": "涉密项目",
    "goal": "绩效目标",
    "indicators": "绩效指标",
    "amounts.total": "总计",
    "amounts.fiscal": "财政拨款",
    "amounts.special_account": "财政专户拨款",
    "amounts.other": "其他资金",
    "seq": "序号",
    "level1_code": "一级指标代码",
    "level1_name": "一级指标",
    "level2_code": "二级指标代码",
    "level2_name": "二级指标",
    "period_value": "实施周期指标值",
    "annual_value": "年度指标值",
}

SEVERITIES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}

#: the sectors of resources/project_types.yaml (and of the corpus's meta.json), in Chinese
SECTORS: dict[str, str] = {
    "education": "教育",
    "health": "卫生健康",
    "environment": "生态环境",
    "transport": "交通运输",
    "agriculture": "农业农村",
    "culture": "文化旅游",
    "public_security": "公共安全与司法",
    "training": "培训",
    "it_system": "信息化建设",
    "property_facility": "物业与设施",
    "subsidy_relief": "补贴与救助",
    "construction": "工程建设",
    "other": "其他",
}


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
    """A generic fix for a code, in Chinese (findings may carry a more specific one)."""
    entry = FINDINGS.get(code)
    return entry.fix if entry else ""


def field_label(field: str | None) -> str:
    """A field path's Chinese label: ``annual_value`` -> 年度指标值 (unknown paths as they are)."""
    if not field:
        return ""
    return FIELDS.get(field, FIELDS.get(field.rsplit(".", 1)[-1], field))
