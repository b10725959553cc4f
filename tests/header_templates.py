"""The project header of the standard forms, filled with real projects and copied many ways.

The key–value block of the 财政部 templates (项目支出绩效目标申报表 / 批复表 of 财预〔2020〕10号,
项目支出绩效自评表, the transfers' 区域绩效目标表) and the provincial copies that keep their
shape (one row of keys, a money row of keys over amounts, the goal as 年度绩效目标 / 年度目标 /
预期目标 …) is written here as data (:data:`TEMPLATES`); :func:`header_rows` fills one with a
project's name, department, unit, amounts and goal (:func:`dev_headers` takes them from the dev
gold, so names and goals are real ones, with brackets, digits and several sentences);
:func:`render` copies the form the ways pages and PDFs flatten it: ``|`` between cells, tabs,
one cell per line, runs of spaces, no separator, traditional characters, and money in 元 under a
``单位：元`` line. Whatever the template and the copy, the header must read the same or flag
the field (:func:`judge`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import zhconv
from dev_gold import dev_gold

__all__ = ["Header", "TEMPLATES", "LAYOUTS", "header_rows", "render", "dev_headers", "judge"]

GOLD = Path(__file__).resolve().parent.parent / "gold" / "real"

#: the indicator grid under every header (the header is what is scored)
GRID = [
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "培训人次", "≥200人次"],
    ["质量指标", "验收合格率", "100%"],
    ["效益指标", "社会效益指标", "群众知晓率", "≥90%"],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%"],
]


@dataclass(frozen=True)
class Header:
    name: str
    department: str
    unit: str
    total: Decimal
    fiscal: Decimal | None
    other: Decimal | None
    goal: str
    stem: str = ""


def _money(value: Decimal | None, yuan: bool) -> str:
    if value is None:
        return ""
    if yuan:
        return f"{value * 10000:,.2f}"
    return f"{value:.2f}"


def _expected_money(value: Decimal | None, yuan: bool) -> Decimal | None:
    return None if value is None else (value * 10000 if yuan else value)


def _apply(h: Header, yuan: bool) -> dict[str, str]:
    period = h.total * 3
    return {
        "N": h.name,
        "D": h.department,
        "U": h.unit,
        "T": _money(h.total, yuan),
        "F": _money(h.fiscal, yuan),
        "O": _money(h.other, yuan),
        "PT": _money(period, yuan),
        "PF": _money(None if h.fiscal is None else h.fiscal * 3, yuan),
        "PO": _money(None if h.other is None else h.other * 3, yuan),
        "A": _money(h.total / 2, yuan),  # 年初预算数, other than the year's 全年预算数
        "E": _money(h.total * Decimal("0.9"), yuan),  # 全年执行数: never the amount
        "G": h.goal,
        "UNIT": "元" if yuan else "万元",
    }


#: each template: rows of cells; ``{X}`` is filled from :func:`_apply`. The title and the
#: unit line are the template's own; every template names the fields it writes (the others
#: are expected null).
TEMPLATES: dict[str, dict] = {
    # 财预〔2020〕10号 申报表: 中期 | 年度 money written key, amount, key, amount on each row
    "national_declare": {
        "rows": [
            ["项目支出绩效目标申报表"],
            ["（2024年度）"],
            ["单位：{UNIT}"],
            ["项目名称", "{N}"],
            ["主管部门及代码", "{D}", "实施单位", "{U}"],
            ["项目属性", "新增项目", "项目期", "3年"],
            ["项目资金（{UNIT}）", "中期资金总额", "{PT}", "年度资金总额", "{T}"],
            ["其中：财政拨款", "{PF}", "其中：财政拨款", "{F}"],
            ["其他资金", "{PO}", "其他资金", "{O}"],
            ["总体目标", "中期目标（2024年－2026年）", "年度目标"],
            ["在三年内持续推进本项目各项工作，形成长效机制。", "{G}"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
    # the 批复表 of the same circular: the same header under its own title
    "national_approve": {
        "rows": [
            ["项目支出绩效目标批复表"],
            ["（2024年度）"],
            ["项目名称", "{N}"],
            ["主管部门及代码", "{D}", "实施单位", "{U}"],
            ["项目属性", "延续项目", "项目期", "1年"],
            ["项目资金（{UNIT}）", "年度资金总额", "{T}"],
            ["其中：财政拨款", "{F}"],
            ["其他资金", "{O}"],
            ["年度目标", "{G}"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
    # 项目支出绩效自评表: the money block under 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
    "national_self_eval": {
        "rows": [
            ["项目支出绩效自评表"],
            ["（2023年度）"],
            ["项目名称", "{N}"],
            ["主管部门", "{D}", "实施单位", "{U}"],
            ["项目资金（{UNIT}）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "{A}", "{T}", "{E}", "10", "90%", "9"],
            ["其中：当年财政拨款", "{F}", "{F}", "{F}", "—", "100%", "—"],
            ["上年结转资金", "", "", "", "—", "", "—"],
            ["其他资金", "{O}", "{O}", "{O}", "—", "", "—"],
            ["年度总体目标", "预期目标", "实际完成情况"],
            ["{G}", "已按计划完成年度各项工作任务。"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
    # a province's 目标表 with one row of keys and values (四川, 湖北, 宁夏 department tables)
    "province_one_row": {
        "rows": [
            ["2024年项目支出绩效目标表"],
            ["项目名称", "{N}", "主管部门", "{D}", "实施单位", "{U}"],
            ["项目资金（{UNIT}）", "年度资金总额", "{T}", "财政拨款", "{F}", "其他资金", "{O}"],
            ["年度绩效目标", "{G}"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
    # keys on one row over their amounts on the next
    "province_keys_over_amounts": {
        "rows": [
            ["项目支出绩效目标表"],
            ["金额单位：{UNIT}"],
            ["项目名称", "{N}"],
            ["预算部门", "{D}", "预算单位", "{U}"],
            ["资金来源", "资金总额", "财政拨款", "其他资金"],
            ["金额", "{T}", "{F}", "{O}"],
            ["项目绩效目标", "{G}"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
    # a 自评表 of the provinces: 预算数 | 执行数 | 执行率 money, 年度目标 beside 实际完成情况
    "province_self_eval": {
        "rows": [
            ["2023年度项目支出绩效自评表"],
            ["项目名称", "{N}"],
            ["主管部门", "{D}", "实施单位", "{U}"],
            ["项目资金（{UNIT}）", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"],
            ["年度资金总额", "{T}", "{E}", "90%"],
            ["其中：财政拨款", "{F}", "{F}", "100%"],
            ["其他资金", "{O}", "{O}", ""],
            ["年度目标", "实际完成情况"],
            ["{G}", "已完成。"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
    # the transfers' 区域绩效目标表: 专项名称, 年度金额, 年度总体目标
    "transfer_region": {
        "rows": [
            ["中央对地方转移支付区域绩效目标表"],
            ["（2024年度）"],
            ["转移支付（项目）名称", "{N}"],
            ["中央主管部门", "财政部"],
            ["地方主管部门", "{D}", "资金使用单位", "{U}"],
            ["资金情况（{UNIT}）", "年度金额：", "{T}"],
            ["年度总体目标", "{G}"],
        ],
        "fields": ("name", "total", "goal"),
    },
    # 四川's 部门预算项目支出绩效自评表: the goal beside its achieved text above the money, the
    # year's amounts in the 调整后预算数 column after 年初预算
    "sichuan_self_eval": {
        "rows": [
            ["部门预算项目支出绩效自评表(2023年度)"],
            ["项目名称", "{N}"],
            ["主管部门", "{D}", "实施单位", "{U}"],
            ["项目基本情况", "1.项目年度目标完成情况", "项目年度目标", "年度目标完成情况"],
            ["{G}", "完成"],
            [
                "预算执行情况(10分)",
                "年度预算数({UNIT})",
                "年初预算",
                "调整后预算数",
                "预算执行数",
                "预算执行率",
                "权重",
                "得分",
            ],
            ["总额", "{A}", "{T}", "{E}", "90.00%", "10", "9"],
            ["其中:财政资金", "{F}", "{F}", "{F}", "100.00%", "/", "/"],
            ["其他资金", "{O}", "{O}", "{O}", "", "/", "/"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
    # 湖南's 自评表: one budget column (年初预算资金总额) beside what was spent
    "hunan_self_eval": {
        "rows": [
            ["2023年项目支出绩效自评表"],
            ["项目名称", "{N}"],
            ["主管部门", "{D}", "实施单位", "{U}"],
            ["资金情况({UNIT})", "", "年初预算资金总额:", "实际投入资金额", "产生差异的原因"],
            ["合计", "{T}", "{E}", ""],
            ["其中:财政拨款", "{F}", "{F}", ""],
            ["其他资金", "{O}", "{O}", ""],
            ["总体目标", "年度目标", "年度总体目标完成情况"],
            ["{G}", "已按计划完成。"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
    # the transfers' 区域绩效自评表: 全年预算数（A）| 全年执行数（B）| 执行率（B/A）
    "transfer_self_eval": {
        "rows": [
            ["中央对地方转移支付区域绩效自评表"],
            ["（2023年度）"],
            ["转移支付（项目）名称", "{N}"],
            ["中央主管部门", "财政部"],
            ["地方主管部门", "{D}", "资金使用单位", "{U}"],
            ["资金投入情况（{UNIT}）", "", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"],
            ["年度资金总额", "{T}", "{E}", "90%"],
            ["其他资金", "{O}", "{O}", "100%"],
            ["年度总体目标", "预期目标", "实际完成情况"],
            ["{G}", "已完成。"],
        ],
        "fields": ("name", "total", "other", "goal"),
    },
    # 北京's 项目支出绩效自评表: one budget column, 年初预算数（A）, then 全年执行数（B）, and a
    # 得分计算方法 note column after 得分 (the 执行率 is taken against the 年初预算数)
    "beijing_self_eval": {
        "rows": [
            ["项目支出绩效自评表"],
            ["（2023年度）"],
            ["项目名称", "{N}"],
            ["主管部门及代码", "{D}", "实施单位", "{U}"],
            [
                "项目资金（{UNIT}）",
                "年初预算数（A）",
                "全年执行数（B）",
                "分值（10分）",
                "执行率（B/A）",
                "得分",
                "得分计算方法",
            ],
            ["年度资金总额", "{T}", "{E}", "10", "90%", "9", "执行率*该指标分值，最高不得超过分值上限。"],
            ["其中：当年财政拨款", "{F}", "{F}", "—", "100%", "—", ""],
            ["其他资金", "{O}", "{O}", "—", "", "—", ""],
            ["年度总体目标", "预期目标", "实际完成情况"],
            ["{G}", "已按计划完成年度各项工作任务。"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
    # 湖南's 专项资金绩效目标表: 专项 for 项目 in its keys (专项名称, 专项属性, 专项年度绩效目标), the
    # 资金总额（万元） cell wrapped over two lines, the 专项年度绩效指标 caption down four lines
    "hunan_special_fund": {
        "rows": [
            ["专项资金绩效目标表"],
            ["（2024年）"],
            ["专项名称", "{N}", "专项属性", "延续专项√ 新增专项□"],
            ["部门名称", "{D}", "资金总额"],
            ["（{UNIT}）"],
            ["{T}"],
            ["专项长期绩效目标", "在三年内持续推进本项目各项工作，形成长效机制。"],
            ["专项年度绩效目标", "{G}"],
            ["专项"],
            ["年度"],
            ["绩效"],
            ["指标"],
        ],
        "fields": ("name", "total", "goal"),
    },
    # 湖北's 项目支出绩效目标申报表: the year's money as 项目预算 beside the project's type
    "hubei_declare": {
        "rows": [
            ["项目支出绩效目标申报表"],
            ["申报单位：{U}", "金额单位：{UNIT}"],
            ["项目名称", "{N}"],
            ["项目预算", "{T}", "项目类型", "□ 常年性项目 □ 延续性项目 □ 一次性项目"],
            ["年度绩效目标", "{G}"],
        ],
        "fields": ("name", "total", "goal"),
    },
    # 安徽's 申报明细表: the whole period's 项目总预算 beside 项目当年预算, the sources under
    # 上级 / 同级 keys over a row of amounts
    "anhui_declare_detail": {
        "rows": [
            ["项目支出绩效目标申报明细表"],
            ["项目名称", "{N}"],
            ["项目属性", "延续项目"],
            ["项目总预算（{UNIT}）", "{PT}", "项目当年预算（{UNIT}）", "{T}"],
            ["项目资金来源情况（{UNIT}）"],
            ["其中：上级财政补助资金", "其中：同级财政资金", "其他资金"],
            ["0.00", "{F}", "{O}"],
            ["年度绩效目标", "{G}"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
    # the project's name as 项目全称 / 项目（专项）名称, the goal as 绩效目标 on its own line
    "name_and_goal_spellings": {
        "rows": [
            ["项目支出绩效目标申报表"],
            ["项目（专项）名称", "{N}"],
            ["项目主管部门", "{D}"],
            ["项目实施单位", "{U}"],
            ["项目预算总金额（{UNIT}）", "{T}"],
            ["其中：财政资金", "{F}"],
            ["其他资金", "{O}"],
            ["绩效目标"],
            ["{G}"],
        ],
        "fields": ("name", "total", "fiscal", "other", "goal"),
    },
}

LAYOUTS = ("pipes", "closed_pipes", "tabs", "lines", "line_pipes", "spaces", "none")


def header_rows(template: str, header: Header, *, yuan: bool = False, wrap: bool = False) -> list[list[str]]:
    """The template filled with the header (money in 元 when ``yuan``), the grid under it;
    ``wrap``: the goal cell broken onto a line per sentence, as a copied cell keeps its <br>."""
    values = _apply(header, yuan)
    if wrap:
        values["G"] = re.sub(r"(?<=[。；;])\s*(?=\S)", "\n", values["G"])
    rows = [[cell.format(**values) for cell in row] for row in TEMPLATES[template]["rows"]]
    if yuan and not any("单位" in c and "元" in c for row in rows for c in row):
        rows.insert(1, ["单位：元"])
    return rows + GRID


def render(rows: list[list[str]], layout: str, *, traditional: bool = False) -> str:
    """The rows copied one way: ``|`` between cells (``closed_pipes``: and around them), tabs,
    one cell per line (``line_pipes``: each closed by ``|``), runs of spaces with empty cells
    dropped, or no separator at all; in traditional characters when asked."""
    joins = {
        "pipes": lambda r: " | ".join(r),
        "closed_pipes": lambda r: "| " + " | ".join(r) + " |",
        "tabs": "\t".join,
        "spaces": lambda r: "  ".join(c for c in r if c),
        "lines": lambda r: "\n".join(c for c in r if c),
        "line_pipes": lambda r: "\n".join(f"{c} |" for c in r),
        "none": "".join,
    }
    sep = "" if layout == "none" else "\n"
    text = sep.join(joins[layout](row) for row in rows) + "\n"
    return zhconv.convert(text, "zh-hant") if traditional else text


def expected(template: str, header: Header, *, yuan: bool = False, traditional: bool = False) -> dict:
    """What the header must read as: the fields the template writes, the others null."""
    fields = TEMPLATES[template]["fields"]
    out = {
        "name": header.name,
        "total": _expected_money(header.total, yuan),
        "fiscal": _expected_money(header.fiscal, yuan) if "fiscal" in fields else None,
        "other": _expected_money(header.other, yuan) if "other" in fields else None,
        "goal": header.goal,
    }
    if traditional:
        out["name"] = zhconv.convert(out["name"], "zh-hant")
        out["goal"] = zhconv.convert(out["goal"], "zh-hant")
    return out


def judge(table, want: dict) -> dict[str, str]:
    """Per field: ``right``, ``flagged`` (wrong, but the project or the field says so) or
    ``silent`` (wrong and nothing says so)."""
    from assistant.evaluate.metrics import project_flags

    projects = table.projects()
    if not projects:
        return dict.fromkeys(want, "flagged" if table.failures else "silent")
    project = projects[0]
    flags = project_flags(table)[0]
    read = {
        "name": project.name,
        "total": project.amounts.total,
        "fiscal": project.amounts.fiscal,
        "other": project.amounts.other,
        "goal": project.goal,
    }
    out = {}
    for field, value in want.items():
        got = read[field]
        if field in ("name", "goal"):
            same = _norm(got) == _norm(value)
        else:
            same = (got is None and value is None) or (
                got is not None and value is not None and abs(Decimal(got) - value) < Decimal("0.005")
            )
        out[field] = "right" if same else "flagged" if flags else "silent"
    return out


def _norm(text: str | None) -> str:
    return re.sub(r"[\s。；;，,、]", "", text or "")


def dev_headers() -> list[Header]:
    """One header per dev single-project form whose gold has a name, a total and a goal."""
    out = []
    for folder, table in dev_gold():
        projects = [p for u in table["units"] for p in u["projects"]]
        if len(projects) != 1:
            continue
        p = projects[0]
        amounts = p.get("amounts") or {}
        if not (p.get("name") and p.get("goal") and amounts.get("total")):
            continue

        def dec(v):
            return None if v is None else Decimal(str(v)).quantize(Decimal("0.01"))

        if dec(amounts["total"]) != Decimal(str(amounts["total"])).normalize().quantize(Decimal("0.01")):
            continue
        out.append(
            Header(
                name=p["name"],
                department=table.get("department") or "某某局",
                unit=table["units"][0]["name"] or "某某中心",
                total=dec(amounts["total"]),
                fiscal=dec(amounts.get("fiscal")),
                other=dec(amounts.get("other")),
                goal=" ".join(p["goal"].split()),
                stem=folder.name,
            )
        )
    return out


def simplified(header: Header) -> Header:
    """The header in simplified characters (the traditional mirrors of the dev split)."""
    conv = lambda s: zhconv.convert(s, "zh-hans")  # noqa: E731
    return replace(
        header,
        name=conv(header.name),
        department=conv(header.department),
        unit=conv(header.unit),
        goal=conv(header.goal),
    )
