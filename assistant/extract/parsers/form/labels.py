"""The words a form is read by: the header keys (项目名称, 主管部门, 年度资金总额 …) and the field
each fills, the grid's column heads, the 一级 / 二级 level names, where the grid ends, and the
patterns that cut text run together at those words. Matching goes through :func:`_fold`
(width, pinyin readings, traditional characters), so 項目名稱 reads as 项目名称; the text kept
is always the source's.
"""

from __future__ import annotations

import functools
import re

from ....compare_words import EQUAL, SIGN_LOOKALIKE, SIGNS, TABLE_WORDS, alternation
from ....schema import AMOUNT_TEXT
from ....taxonomy import code_for_level1_name
from ....textnorm import fold, fold_whitespace

#: key label (regex) -> field it fills; the longer spelling first where one contains another
_KEYS: list[tuple[str, str]] = [
    (
        r"(?:二级)?项目(?:支出)?名称|项目[（(]政策[)）]名称|(?:政策|专项)(?:[（(]项目[)）])?名称|转移支付(?:[（(]?项目[)）]?)?名称"
        r"|专项(?:资金)?名称|资金名称|项目全称|项目[（(]专项[)）]名称",
        "name",
    ),
    (r"一级项目名称", "一级项目名称"),  # the programme over the project (二级项目名称)
    (r"中央主管部门", "中央主管部门"),  # a transfer's ministry; the department is the local one
    (
        # 主管预算部门 (天津's 绩效目标表) is 主管部门 with the word 预算 in it
        r"(?:省级|市级|县级|区县|区级|地方)?(?:主管(?:预算)?部门|预算部门|主管单位)(?:及代码|及编码)?|部门(?:[（(]单位[)）])?名称",
        "department",
    ),
    (r"(?:项目)?(?:实施|执行)单位|实施[（(]主管[)）]单位|预算单位|资金使用单位", "unit"),
    (r"(?:项目|专项)属性", "项目属性"),  # 湖南 专项资金绩效目标表 writes 专项 for 项目 (h07, h08)
    (r"项目(?:编码|代码|编号)", "项目编码"),
    (r"归口(?:科室|处室)|业务(?:科室|处室)", "归口科室"),
    (r"单位名称|填报单位", "单位名称"),
    (r"填报日期|申报日期", "填报日期"),
    (r"项目期|项目周期|实施期限", "项目期"),
    (r"项目类[型别]", "项目类型"),
    (r"(?:项目)?负责人(?:及(?:联系)?电话)?", "项目负责人"),
    (r"联系电话", "联系电话"),
    # the whole period's money, beside the year's (项目总预算 | 项目当年预算: 安徽 申报明细表)
    # 总金额 beside 当年度金额 under a 预算金额 caption (广东 项目支出绩效目标表): the whole project's
    (r"(?:中期|实施期|实施周期)资金总额|项目总预算|总金额", "实施周期资金总额"),
    (
        r"(?:年度|当年|项目)?资金总额|(?:年度|项目)?预算数|(?:项目)?预算(?:总?金额|资金总额)|项目(?:预算)?总?金额"
        # 项目金额及资金来源：653万元（财政资金）, a notice's numbered money line: the amount and its source
        r"|项目(?:预算)?(?:总?金额|资金)(?:及|和)(?:其)?(?:资金)?来源|年度总金额"
        r"|年度金额|合计|总额|(?:本年|年度)?申请(?:金额|资金)(?:总额)?"  # 申报表: the year's amount applied for (申请资金总额)
        r"|项目申报金额|(?:本年|年度)申报(?:金额|资金)"
        # 湖南 财政支出项目绩效评价自评报告: 计划安排资金 | 实际到位资金 | 实际支出 | 结余, the plan the total
        r"|计划安排资金"
        # an evaluation report's summary: the money put in at all levels (各级资金投入总数), the budget
        r"|(?:各级)?资金投入总[数额]",
        "total",
    ),
    # the one amount, all of it 财政 (a 自评表's 年度财政资金总额 row under 预算数 | 执行数 | 执行率)
    (r"年度本级预算金额|本年度申请.{0,6}财政预算资金|(?:年度)?财政资金总额", "total_fiscal"),
    (
        r"(?:其中[:：\-－]?\s*)?(?:当年|本年)?(?:(?:[市县区省]级|本级)?财政(?:[拨投]款|资金)(?:数|小计)?|本级财政)",
        "fiscal",
    ),
    (r"(?:其中[:：\-－]?\s*)?财政专户(?:管理)?(?:拨款|资金)?", "special_account"),
    (r"(?:其中[:：\-－]?\s*)?上级(?:资金|补助)", "上级资金"),
    (r"上年结转(?:资金)?", "上年结转资金"),  # a 自评表's money row with no field of its own
    # 社会投入资金 (广东 项目库: money from outside the budget), 2.单位其它收入 (福建 部门整体支出 自评表)
    (
        r"(?:其中[:：\-－]?\s*)?(?:当年)?其[他它](?:资金|收入)|(?:其中[:：]?\s*)?社会投入资金|\d[.．、]单位其[他它]收入",
        "other",
    ),
    (r"(?:其中[:：\-－]?\s*)?(?:单位)?自筹(?:资金)?", "自筹资金"),  # part of 其他资金 (read as it when alone)
    (r"实施周期总?目标|中长?期目标|实施期绩效目标|(?:专项|项目)?长期绩效目标", "实施周期目标"),
    (r"年度目标|(?:年度)?预期目标|年初设定目标|(?:本|专项)?年度绩效总?目标(?:[（(]文字[)）])?", "年度目标"),
    # (…绩效目标完成情况 / 绩效目标 实现情况, a report's section on what was achieved, is no goal key)
    (
        r"(?:年度)?总体目标(?!\s*(?:完成|实现)情况)|(?:项目)?绩效目标(?!(?:申报|批复|自评)?表|自评|\s*(?:完成|实现)情况)",
        "总体目标",
    ),
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
    "自筹资金",
    "一般公共预算",
    "政府性基金",
    "国有资本经营预算",
)


_GROUP_LABEL = re.compile(
    # the money block's caption with its unit: 项目资金（万元）, and as 安徽 / 海南 / 福建 write it,
    # 项目资金来源情况（万元） (g12), 资金构成（元） (h19), 资金结构（万元） (g14)
    r"^(?:项目资金|资金情况|年度资金|资金|(?:项目)?资金(?:来源|构成|结构)(?:情况)?)\s*[（(]\s*(?P<unit>万元|元|千元)\s*[)）]$"
    r"|^项目资金$|^绩效指标$|^资金情况$"
    r"|^(?:[一二三四五六七八九十]+[、.．]\s*)?(?:年度)?(?:总体)?目标完成情况$"
)


_TITLE = re.compile(r"绩效目标(?:申报|批复)表|绩效自评表|绩效目标表|自评表")


_CURRENCY = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|千元)|[（(](万元|元|千元)[)）]")


_GRID_WORDS = ("一级指标", "二级指标", "三级指标")


#: the 三级指标 column as some forms head it
_NAME_HEADERS = ("指标内容", "指标名称", "三级指标名称")


_VALUE_HEADER = re.compile(
    r"^(?:.{0,8}(?:指标值|数值|实际值|实现值|完成值|目标值|标准|分值|得分|权重|计量单位|度量单位|单位|指标方向性?|指标性质|计算符号|符号)(?:及单位|说明|描述)?"
    r"|预期.{0,8}值|(?:偏差|未完成)原因.{0,20}|.{0,10}原因(?:分析)?(?:[和及、]?(?:改进|整改)措施)?|备注)(?:或依据)?(?:[（(][^（()）]{0,16}[)）])?$"
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
    "产出目标",
    "效益目标",
    "满意度目标",
    "实施效果指标",
    "过程管理指标",
    "过程指标",  # the 自评表's block of how the work was run (评审程序是否公正), outside the code system
)  # some forms write 值 for 指标 in their labels (产出值 | 数量值), or 目标 (产出目标 | 数量目标,
# as the 二级 labels already are read)


#: whom a satisfaction label asks, as the templates name them (服务对象, 社会公众, 受益者 …),
#: one or two joined by 或: 社会公众或服务对象满意度, 服务对象或受益者满意度
_ASKED = r"(?:服务对象|社会公众|受益者|受益对象|受益群众|受益人群|群众|公众|社会|居民)"


#: the 二级 words as forms compose them: the category's stem, with the variations templates write
#: around it: 进度 for 时效 (湖北's 自评表: 质量指标 | 进度指标), 可持续影响 spelled out (可持续性影响,
#: 可持续发展影响, 可持续性发展影响), and a satisfaction label naming whom it asks. Whom is a
#: short list, not any words before 满意度: text run together glues a value to the label after
#: it (持续改善满意度指标), which must still cut as 持续改善 | 满意度指标. Besides the two the
#: templates print most, a qualified one is a label only with its 指标: 群众满意度 alone is a
#: 三级 name (大英's 满意度指标 | 群众满意度 | 90%)
_LEVEL2_STEMS = (
    r"数量|质量|时效|进度|(?:经济|社会|生态环境|生态)?成本|经济效益|社会效益|生态效益|环境效益"
    r"|可持续性?(?:发展)?影响|(?:社会公众或)?服务对象满意度|满意度"
)


#: a 一级 word a single cell may put before its 二级 label (产出数量指标, 效益社会效益指标): the
#: cell joins both levels and is read as the 二级 label, whole, with no 一级 label written
_JOINED_LEVEL1 = r"(?:产出|效益|满意度)"


_LEVEL2_NAME = re.compile(
    rf"^(?:{_JOINED_LEVEL1}?(?:{_LEVEL2_STEMS})(?:指标|值|目标)?等?"
    rf"|{_ASKED}(?:或{_ASKED})?满意度指标"
    r"|可持续(?:性|发展|性发展)指标"  # 可持续影响 without its 影响: a label only with its 指标
    r"|(?:计划管理|资金管理|项目管理|监督检查)指标)$"  # the 二级 under 过程管理指标 (below)
)


#: the 一级 labels of the 国家发展改革委 template for 中央预算内投资 projects (以工代赈: 安徽 g05,
#: and b07): 实施效果指标 over 产出指标 | 效益指标 | 满意度指标 as its 二级, 过程管理指标 over
#: 计划管理指标 | 资金管理指标 | 项目管理指标 | 监督检查指标. A system of its own: no category code
_INVESTMENT_LEVEL1 = ("实施效果指标", "过程管理指标")


_AMOUNT_TEXT = AMOUNT_TEXT


_COMPARATOR = re.compile("[" + SIGNS + "]")  # ≧ ≦ too: NFKC leaves them


#: keys read only as a cell of their own, never cut out of text run together (where they
#: occur in running text: 纳入一般公共预算, 按项目内容): descriptive rows, and the three budgets
#: that make up 财政拨款
_CELL_KEYS: list[tuple[str, str]] = [
    # descriptive rows of the templates: not goals, and not the value of the row above them
    (r"项目(?:实施)?内容|项目概况|项目总体情况|项目起止时间|项目实施进度(?:计划)?|立项依据", "项目内容"),
    (r"(?:其中[:：]?\s*)?(?:本年度?|当年)?一般公共预算(?:财政)?(?:拨款|资金)?", "一般公共预算"),
    (r"(?:其中[:：]?\s*)?政府性基金(?:预算)?(?:拨款|资金)?", "政府性基金"),
    (r"(?:其中[:：]?\s*)?国有资本经营预算(?:拨款|资金)?", "国有资本经营预算"),
]


#: keys composed the way the templates compose them, not listed one spelling at a time: a
#: field's head word (名称 / 全称, 主管部门, 实施单位, 资金总额 / 合计, 财政…资金, 目标) after the
#: qualifiers templates put before it (项目, 专项, 资金, 转移支付; 年度, 本年度, 当年; 总体, 整体,
#: 绩效). 项目年度目标, 年度总体绩效目标, 整体目标, 资金（项目）名称, 年度预算总额, 财政性资金 are
#: the same keys as 年度目标, 总体目标, 项目名称, 资金总额, 财政资金. Read as a cell of their own or
#: before a colon, never cut out of text run together, where these words are the project's own
#: wording (…财政补助资金, 完成本年度目标任务). Tried after the spellings above, which keep their fields.
_GRAMMAR_KEYS: list[tuple[str, str]] = [
    (
        r"(?:二级|预算|部门)?(?:项目|专项|政策|资金|转移支付){1,2}(?:支出)?(?:[（(](?:项目|专项|政策|资金)[)）])?(?:名称|全称)",
        "name",
    ),
    (r"(?:省级|市级|县级|区县|区级|地方)?(?:主管部门|主管单位|预算部门)名称|一级预算单位", "department"),
    (r"(?:项目)?(?:具体)?(?:实施|执行|申报|承担)单位(?:名称)?|项目单位|用款单位", "unit"),
    (
        r"(?:本年度|本年|当年|年度|项目|全年)?(?:资金|预算|预算资金|项目资金)(?:总额|合计|总计|总金额)"
        r"|(?:项目|(?:项目)?(?:本年度|本年|当年|年度))预算(?:资金|安排|金额|数)?|预算资金"
        # 资金额度 4623 万 (a 区域绩效目标表 that writes its one amount so)
        r"|(?:项目|专项|年度)?资金额度",
        "total",
    ),
    (
        r"(?:其中[:：]?\s*)?(?:当年|本年)?(?:[市县区省]级|本级|同级)?财政(?:性资金|补助资金|预算资金|拨款资金|资金)",
        "fiscal",
    ),
    (r"(?:其中[:：]?\s*)?其[他它]来源资金", "other"),
    # a transfer from above (中央补助, 上级补助资金): no field of its own, the total when alone
    (
        r"(?:其中[:：]?\s*)?(?:中央|上级)(?:财政)?(?:补助|转移支付)(?:资金)?|(?:其中[:：]?\s*)?中央(?:财政)?资金"
        # 国家发展改革委's 中央预算内投资计划绩效目标表: the central budget investment handed down
        r"|(?:本次|本年|年度)?(?:下达)?中央预算内投资(?:计划)?(?:金额)?",
        "上级资金",
    ),
    (r"(?:项目)?本?(?:年度|当年|本年)(?:项目)?(?:绩效)?(?:总体|整体)?(?:绩效)?总?目标", "年度目标"),
    # 项目建设目标：… (a report's numbered project basics, k03): the project's goal in its own words
    (r"(?:项目)?(?:总体|整体)(?:绩效)?目标|(?:项目)?绩效总目标|项目建设目标", "总体目标"),
    # 预期目标 | 实际完成 (湖南 财政支出项目绩效评价自评报告, f10): the achieved column's head, its
    # 情况 left out; a cell of its own only (实际完成 in running text is a sentence's words)
    (r"(?:全年)?实际完成", "实际完成情况"),
]


_BUDGETS = ("一般公共预算", "政府性基金", "国有资本经营预算")


_KEY_RE = re.compile("|".join(f"(?:{pattern})" for pattern, _ in _KEYS))


#: a key and its colon inside a cell (项目名称：X): the composed spellings too, the colon tells them
_KEY_COLON = re.compile(rf"(?:{_KEY_RE.pattern}|{'|'.join(f'(?:{p})' for p, _ in _GRAMMAR_KEYS)})\s*[:：]")

#: a composed key and its colon in text run together, after white space or a line's start
#: (小区综合整新 项目单位:塘桥街道 …): a key, as it would be in a cell of its own; inside a word it
#: is the text's own (…建设项目单位:)
_GRAMMAR_COLON = re.compile(rf"(?:(?<=\s)|^)(?:{'|'.join(f'(?:{p})' for p, _ in _GRAMMAR_KEYS)})\s*[:：]")


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
                r"(?:本年度|(?:专项)?年度|项目)?绩效指标(?!值|\s*[一二三]级(?!\s*指标))",  # the caption over the grid: ends a goal run together
                # the caption over 预期目标 | 实际完成情况; a report's 绩效目标实现情况 (what was achieved)
                r"(?:年度)?(?:绩效)?(?:总体)?目标(?:完成|实现)情况(?!综述)",
                r"(?:未完成|偏差)原因(?:分析)?[和及]?改进措施",
                r"指标值及单位",
                r"指标值",
                r"社会公众或服务对象满意度指标",
                r"服务对象满意度指标",
                r"(?:经济|社会|生态)效益指标",
                r"可持续性?(?:发展)?影响指标",
                r"(?:数量|质量|时效|进度|成本)指标",
                r"产出(?:数量|质量|时效|进度|成本)指标",  # both levels in one cell (_JOINED_LEVEL1)
                r"(?:经济|社会|生态环境)成本指标",
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
    # the short captions run together (一级二级三级指标值): 三级 | 指标值, not 三级指标 | 值
    r"(?:一级|二级)(?=\s*[二三]级)|(?<=级)三级(?=\s*(?:指标(?:值|名称|内容|性质|方向|类型)|年度|实施|计算符号))|"
    r"指标\s*\d+\s*[:：]|"
    + _spaced(r"(?:项目资金|资金情况|项目金额)")
    + r"\s*(?:[（(]\s*(?:万元|元|千元)\s*[)）]|(?=\d))|(?:"
    + _spaced(_LABEL_RE.pattern)
    + r")(?:\s*[（(](?:[^（()）\d]{1,6}|\d{1,3}(?:\.\d+)?分)[)）])?(?:\s*[:：])?"  # its note: (必填), (10分)
    # a money row the rules have no key for (其中：中央、省、市补助…): still a new row; after a full
    # stop only when money is named (…上限。其中:本年一般公共预算拨款), else it is the sentence's own
    # word (…营造林8万亩。其中:新造林3万亩…) and the goal goes on
    + r"|(?<![。！？])其中\s*[:：]|其中\s*[:：](?=[^，,。；;]{0,12}(?:拨款|资金|预算|补助|收入|经费))"
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


@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """:func:`textnorm.fold`, pinyin readings dropped and traditional label characters simplified
    (cached: a grid folds each of its cells many times)."""
    return _unread(fold(text)).translate(_T2S)


@functools.lru_cache(maxsize=4096)
def _bare(text: str) -> str:
    """A label without its colon, 其中 / (一) prefix, (万元) or (2022年--2024年) suffix and white
    space; the 三级指标 column under its other names reads as 三级指标 (cached as :func:`_fold`)."""
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
        r"^[*＊]|^其中[:：\-－]?|^[（(][一二三四五六七八九十][)）]|[（(](?:万元|元|\d{4}年?[-—~至]+\d{4}年?|\d+分)[)）]$|[:：]$",
        "",
        _fold(text),
    )


@functools.lru_cache(maxsize=4096)
def _key_field(text: str) -> str | None:
    """The field a key cell fills, or None; cached, as a grid asks it of each of its many cells
    (an empty cell, the most common, is no key)."""
    bare = _bare(text)
    if not bare:
        return None
    if bare.startswith("项目主管"):  # 项目主管部门 (not cut there in text run together: …建设项目主管部门)
        bare = bare[2:]
    if bare.startswith("当年度"):  # 当年度金额, 当年度目标: the year's, as 年度金额, 年度目标
        bare = bare[1:]
    for candidate in dict.fromkeys((bare, _KEY_NOTE.sub("", bare))):  # 项目名称（全称）, 实施单位（盖章）
        for pattern, name in (*_KEYS, *_CELL_KEYS, *_GRAMMAR_KEYS):
            if re.fullmatch(pattern, candidate):
                return name
    return None


#: a short note in brackets after a key: （全称）, （盖章）, （签字）
_KEY_NOTE = re.compile(r"\s*[（(][^（()）\d]{1,6}[)）]$")


def _level1_label(text: str) -> bool:
    """A 一级 label: a word of :data:`_LEVEL1_NAMES`, or a cell keeping only a score mark
    (（50分）), where a 自评表's 一级 cell lost its word: it still heads its group (no name)."""
    return _label_word(text) in _LEVEL1_NAMES or bool(_SCORE_ONLY.fullmatch(_fold(text).strip()))


#: a cell holding only a score mark: （50分）, (30分)
_SCORE_ONLY = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


def _as_written(text: str) -> str:
    """A 一级/二级 label as the form writes it (数量指标 (必填)), without a colon, the score
    mark of a 自评表 (产出指标(50分), 效益指标(分) with its points left empty) or the spaces of a spaced label (产 出 指 标)."""
    text = re.sub(r"[:：]$|[（(](?:\d+(?:\.\d+)?)?分[)）]$", "", _unread(fold_whitespace(text.strip())))
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
#: the notes in brackets a template prints inside a level label: 产出(工作量)指标(数量、质量方面的指标)
_BRACKETED_NOTE = re.compile(r"[(（][^（()）]{0,30}[)）]")


def _level1_code(text: str) -> str | None:
    """The code of a 一级 label; 项目完成指标 is the old forms' name for 产出指标."""
    bare = _bare(text)
    if _label_word(text) in _INVESTMENT_LEVEL1:
        return None
    # 成本指标 as a 一级 of its own (财预〔2021〕101号 template): coded with the outputs, where
    # the code system (and local tables) file cost
    return code_for_level1_name(bare) or ("1" if "完成" in bare or _label_word(text) == "成本指标" else None)


def _level2_word(text: str) -> bool:
    return bool(_LEVEL2_NAME.match(_label_word(text)))


def _level2_label(text: str) -> bool:
    return _level2_word(text) and not _level1_label(text)


def _cost_kind(text: str) -> bool:
    """经济成本指标 / 社会成本指标 / 生态环境成本指标: the 二级 labels under a 一级 成本指标
    (财预〔2021〕101号), so a 成本指标 just before one is that 一级."""
    return bool(re.fullmatch(r"(?:经济|社会|生态环境|生态)成本(?:指标)?", _label_word(text)))


def _form_word(text: str) -> bool:
    """A label, key or header word of the form (its spaces ignored): 一 级 指 标, 项 目 名 称."""
    return bool(_key_field(text) or _is_header_word(text) or _is_label(text) or _LABEL_RE.fullmatch(_fold(text)))


#: what a column head of the grid is about: a value, its unit, a note on it, a score
_HEAD_WORD = re.compile(r"指标|值|单位|说明|原因|措施|依据|类型|内容|备注|标准|分|权重|解释|方向|性质|情况|进度")


def _is_value_header(text: str) -> bool:
    return _bare(text) not in _GRID_WORDS and bool(_VALUE_HEADER.match(_bare(text)))


#: the grid's column headings word for word, as templates print them (after :func:`_bare`)
_COLUMN_HEADING = re.compile(
    r"^(?:[一二三]级指标(?:名称)?|(?:年度|实施周期|中期|长期)?指标值(?:及单位)?"
    r"|(?:年度|全年)?(?:实际)?完成值|目标值|分值|权重|得分|(?:评分|绩效|计划|指标)标准(?:或依据)?|指标性质|指标方向"
    r"|[计度]量单位|备注|序号|偏差原因分析及改进措施|未完成原因(?:分析)?(?:和改进措施)?)(?:[(（][^)）]{0,6}[)）])?$"
)


def _is_column_heading(text: str) -> bool:
    """A cell that is a column heading of the grid word for word (三级指标, 指标值(年度), 分值, 序号):
    sure enough to drop a row of nothing else, unlike :func:`_is_header_word`, whose patterns also
    take names (补贴标准, 实施单位) and so only serve where a header row is already expected."""
    return bool(_COLUMN_HEADING.match(_bare(text)))


def _is_header_word(text: str) -> bool:
    """A column heading word for word, or a value column's heading by its shape (年度目标值(A))."""
    return _is_column_heading(text) or bool(_VALUE_HEADER.match(_bare(text)))


#: the stamp, signature and date lines under a table (单位（盖章）, 填报人, 联系电话)
_STAMP_WORDS = r"盖章|签[字章名]|填报人|填表人|联系电话|审核意见|填报日期|填表日期|单位负责人|经办人"
_STAMP = re.compile(_STAMP_WORDS)


#: where the indicator grid ends: notes, signatures, stamps, the reviewer's box
_GRID_END = re.compile(
    rf"^(?:注[:：]|备注|说明$|其他(?:需要?)?说明(?:的)?(?:事项|问题)|填报说明|{_STAMP_WORDS}"
    # the template's box for the measures behind the targets, under its grid (单位已有的（或拟订的）
    # 保证项目实施的制度、措施; 保障绩效目标实现的措施)
    r"|(?:单位已有的.{0,8})?保[证障](?:绩效目标实现|项目实施)的(?:制度|措施)"
    r"|项目实施效益$"  # the box for the project's benefits in words under the grid (大庆)
    r"|财政部门|财政.{0,6}科室|扫一扫|附件|合计$"
    # the 自评表's closing rows: its total score (总分 in the national template; 自评总分, 综合得分,
    # 自评得分 as 湖北, 宁夏 and 四川 write it) and the grade given
    r"|(?:自评|综合|项目)?(?:总分|总得分)[:：]?$|(?:自评|综合)得分[:：]?$|(?:得分|分值)合计$|(?:自评|评价|绩效)等级)"
    r"|[（(]盖章[)）]"
    # the page around a table copied from a web site: its footer is not a row
    r"|^(?:内容保障|主办单位|版权所有|网站地图|联系我们|网站标识码)|ICP备|公网安备"
    r"|^[【\[]?(?:返回(?:顶部|首页|列表)?|打印本页|关闭窗口|打印|关闭)[】\]]\s*$"  # its buttons: 返回】
    # the links under a document's page (安徽 g05 文件下载, 福建 h03 附件下载 | 相关链接)
    r"|^(?:文件下载|附件下载|相关链接|上一篇|下一篇|打印本页|关闭窗口)$"
)


#: cells of the grid that are captions, not indicators (the 绩效指标 column merged down the grid)
#: the caption over the grid: 绩效指标, 四、年度绩效指标完成情况, 绩效指标（权重分值90分，…）
_GRID_CAPTION = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]\s*)?(?:本年度|(?:专项)?年度|项目)?绩效指标(?:完成情况)?(?:[（(].*[)）])?$"
)


def _ends_grid(text: str) -> bool:
    return bool(_GRID_END.search(_fold(text)))


def _level1_stub(text: str) -> bool:
    """The first characters of a 一级 label (产, 效益, 满意): a merged cell printed cut to its first
    line; a name is never so short and never the start of a level name."""
    folded = re.sub(r"\s", "", _fold(text))
    return 0 < len(folded) <= 2 and any(w.startswith(folded) and w != folded for w in _LEVEL1_NAMES[:4])


def _caption_stub(text: str) -> bool:
    """The first characters of the 绩效指标 caption (绩, 绩效): a merged cell printed cut."""
    folded = re.sub(r"\s", "", _fold(text))
    return bool(folded) and len(folded) <= 3 and "绩效指标".startswith(folded)


def _is_grid_caption(text: str) -> bool:
    return bool(_GRID_CAPTION.match(_fold(text)))


def _is_label(text: str) -> bool:
    return _level1_label(text) or _level2_label(text)


_NAME_PREFIX = re.compile(r"^\s*指标\s*\d+\s*[:：]\s*")


#: what a template leaves where nothing was filled in: ……, **, --, an instruction (请填写指标名称,
#: （请填写）) or a run of x / × (the filling guide's words for a blank, issue 9)
_PLACEHOLDER = re.compile(
    r"^[\s.…。·*＊/、-]*$|^[\s（(]*请(?:填写|输入|选择|填报)[^)）]{0,24}[)）]?[\s.…。]*$|^[\s（(]*[xX×*＊]{2,}[)）]?\s*$"
)


#: a value cell holding a unit and nothing to count (公里, 万亩, ≧ %): a template's blank left unfilled
_UNIT_ONLY = re.compile(
    r"^["
    + SIGNS
    + SIGN_LOOKALIKE
    + r"\s]*(?:%|％|‰|个|人|人次|万人|万人次|次|年|月|天|日|项|家|场|篇|份|户|件|台|套|元|万元|亿元"
    r"|公里|千米|米|平方米|平米|平方公里|立方米|万立方米|亩|万亩|公顷|吨|万吨|公斤|千克|辆|所|座|处|条|册|株|棵|头|只"
    r"|小时|分钟|周|批|批次|期|班|课时|人天|张|本|块|名|间|栋|台次|架|架次|户次|套次|单|组|起)?\s*$"
)


def _unit_only(text: str) -> bool:
    """A value with no number or word of its own, only a unit or a sign (公里, ≧ %, ≥): not a value."""
    folded = _fold(text)
    return bool(folded.strip()) and bool(_UNIT_ONLY.match(folded))


def _is_placeholder(text: str) -> bool:
    """Nothing but template filler: empty, ……, **, --."""
    return bool(_PLACEHOLDER.match(_NAME_PREFIX.sub("", text.translate(_T2S))))


#: the comparison a 指标方向 / 指标性质 cell holds: a sign (≥, <=, ═ as PDF text prints =), or the
#: same in words as 内蒙古's template writes it (大于等于, 小于等于, 等于) and others (不低于, 不少于,
#: 不超过, 高于): the table's words of :mod:`assistant.compare_words`, not the spoken ones (至少,
#: 控制在) nor 达到, which no template writes in a sign cell
_SIGN_WORDS = alternation(TABLE_WORDS + EQUAL)
_SIGN_ONLY = re.compile(rf"[{SIGNS}{SIGN_LOOKALIKE}]{{1,2}}|{_SIGN_WORDS}")


#: a text that reads as a value, not as an indicator's name: ≥95%, 3人, 100, 2023年12月
_VALUE_LIKE = re.compile(
    r"^[" + SIGNS + r"]|^[-+]?\d+(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fff]{1,3}|[a-zA-Z]{1,3})?$|^\d{4}[年.\-/]\d{1,2}"
)
