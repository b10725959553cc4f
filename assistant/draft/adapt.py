"""Offline drafting: the project's type template, filled with its own numbers and with the
real indicators of on-topic library projects.

The steps, each small enough to check by eye:

1. **Type and sector.** The project's type(s) are told from its name and goal
   (:mod:`.types`: 培训, 物业/保洁/安保, 补贴/救助发放 …); the sector is the first type's.
2. **Quantities from the goal.** A goal that says "每月组织开展一场平安政策宣讲会" already
   states a target: 12 场 a year. Those become the first 数量 indicators.
3. **Real indicators, guarded.** Each slot of the coverage plan (产出 数量/质量/时效/成本,
   效益, 满意度) takes first the indicators of library projects of the same type or sector
   that pass the relevance guard (:mod:`.guard`: their topic words are this project's),
   best 主题相符度 first, with a measurable value (a vague "逐步提高" becomes "≥95%").
4. **The type template.** Whatever is still empty is filled from the type's standard
   indicators: a count from the goal (or its measurable "else" rate when the goal gives no
   number), 成本 from the budget (单位成本 = 预算 ÷ 数量 when the goal gives the quantity),
   the rest at the standard level the type file states and explains.

The result is linted; the draft carries whatever findings remain.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import jieba
from rapidfuzz import fuzz

from ..checks import lint_project
from ..targets import find_vague_phrase, format_target, normalise_value, parse_target
from ..taxonomy import LEVEL1, LEVEL2, is_valid_pair, level1_of
from ..textnorm import simplified
from .common import common_wordings
from .guard import Topic, guard_config, judge
from .library import Library, LibraryIndicator, load_library
from .models import Draft, DraftIndicator, DraftRequest
from .phrasing import (
    EFFECT_VALUE,
    WORK_VALUE,
    aid_word,
    as_written,
    goal_clauses,
    goal_effects,
    goal_manners,
    goal_periods,
    goal_works,
    names_subject,
    served,
)
from .published import PublishedIndicator, published_indicators
from .retrieve import Retriever
from .select import LOOK_AT, choose, precedent_names
from .types import PLACEHOLDER, ProjectType, TypeIndicator, classify, load_types, type_keywords

__all__ = ["Slot", "PLAN", "goal_quantities", "draft_offline", "core_name", "project_topic"]
#: names longer than this are descriptions of the work, not indicator names
MAX_NAME = 20
#: two drafted names this similar (rapidfuzz ratio) count as the same indicator
SAME_NAME = 80
#: candidates a slot proposes beyond its count when precedents choose among them (dev: 0
#: spare 0.3626, 1 0.3654, 2 0.3642, all 0.3646: the precedents tell phrasings apart, not
#: a slot's tenth-best from its fourth)
SPARE = 1
#: the goal's own targets a draft carries, whatever else it holds (a clerk writes each one the goal
#: states: 治理水土流失面积, 坡改梯, 封育治理, 保土耕作 …), the fifth and sixth only when measured, not
#: places counted in 个 (dev: 4 0.3954, 6 0.3961, 6 measured 0.3963)
STATED = 6
#: works the goal names (phrasing.goal_works) a draft carries, the first ones (dev: 1 0.3748, 2 0.3733)
WORKS = 1


@dataclass(frozen=True, slots=True)
class Slot:
    """One place in the coverage plan: a category, how many to fill, and the fallback."""

    category: str  # a level-2 code, or "2" for any 效益 code
    count: int
    default_name: str
    default_value: str
    default_code: str
    needs_budget: bool = False


#: the coverage plan, in the order the indicators are written
PLAN: tuple[Slot, ...] = (
    Slot("11", 3, "年度工作任务完成率", "≥95%", "11"),
    Slot("12", 3, "工作质量达标率", "≥95%", "12"),
    Slot("13", 3, "任务按期完成率", "≥95%", "13"),
    Slot("14", 2, "项目成本控制", "≤{budget}万元", "14", needs_budget=True),
    Slot("2", 2, "服务对象问题解决率", "≥90%", "22"),
    Slot("31", 2, "服务对象满意度", "≥90%", "31"),
)

# which level-2 code a rate named in a goal belongs to; first match wins
_RATE_CATEGORY = (
    ("满意", "31"),
    ("及时", "13"),
    ("时限", "13"),
    ("按期", "13"),
    ("按时", "13"),
    ("响应", "13"),
    ("合格", "12"),
    ("达标", "12"),
    ("准确", "12"),
    ("验收", "12"),
    ("办结", "12"),
    ("正常", "12"),
    ("质量", "12"),
    ("下降", "22"),
    ("知晓", "22"),
    ("受益", "22"),
    ("发案", "22"),
    ("覆盖", "22"),
)
_LEAD_VERBS = re.compile(
    r"^(?:确保|保证|保障|力争|实现|提高|提升|推动|争取|使|其中|全年|年度|每年|每月|每季度|每周|每天|共|累计)+"
)
_PERIOD_WORDS = re.compile(
    r"每次|每(?:人)?(?:天|日|周|月|季度|季|半年|年)|全年|年度|累计|共计|不少于|至少|不低于|达到|达|以上|以内|左右|约"
)
#: a thing named this way already says what is counted (开设课程数量, 受益人数)
_MEASURE_ENDS = ("数", "数量", "人次", "面积", "长度", "里程", "次数", "规模")
_NAME_SUFFIX = {
    "公里": "长度",
    "千米": "长度",
    "米": "长度",
    "平方米": "面积",
    "平米": "面积",
    "万平方米": "面积",
    "亩": "面积",
    "万亩": "面积",
    "公顷": "面积",
    "万人": "人数",
    "万人次": "人次",
    "个月": "",
    "年": "",
    "场": "场次",
    "次": "次数",
    "篇": "篇数",
    "条": "条数",
    "期": "期数",
    "人次": "人次",
    "户": "户数",
    "人": "人数",
    "件": "件数",
    "个": "数量",  # clerks write 数量 (dev split: …数量 22 gold names, …个数 2)
    "项": "项数",
    "份": "份数",
}
#: "为3所卫生院购置设备": the count is of what stands before the next action, not of the action
_ACTIONS = r"(?:购置|购买|采购|开展|建设|新建|改造|维修|实施|进行|发放|组织|配备|安装|提供|完成|看望|慰问|走访)"
_ACTION_AFTER = re.compile(r"(?<=[\u4e00-\u9fff]{2})" + _ACTIONS + r"(?=\S)")
_RATE_NAME = re.compile(r"(率|度|比例|得分)$")


def core_name(project_name: str) -> str:
    """The project name without 经费 / 项目 / 专项资金 and the like, for default names."""
    core = re.sub(r"(专项)?(工作)?(经费|资金|项目|补贴|费)$", "", project_name.strip())
    return core or project_name


#: what ``{subject}`` in a type-file name becomes when the project name gives none
NO_SUBJECT = "年度工作"
#: how a leading place name ends (省, 市, 县 …): 黄山市雪亮工程 is about 雪亮工程
_PLACE_ENDS = "省市县区州旗盟"


def subject_of(project_name: str) -> str:
    """The project's subject for ``{subject}`` in type-file names, as a clerk shortens the name
    inside an indicator (县级储备粮管理制度执行率, 委托业务报告合格率): the name without years,
    a leading place (岳阳县, 黄山市), a batch (第一批), brackets (unless the name outside is a
    transfer's title and the bracket says what it pays for: 车辆购置税收入补助地方资金(普通省道
    公路建设) → 普通省道公路建设), a "-…" tail (or a code before the dash) and trailing
    经费/资金/支出/项目/费/转移支付 words (物业管理费支出 → 物业管理; 公用经费 keeps its 经费, 公用
    alone says nothing); one of two or more works joined by 和/及 when long, the last (…建设和
    设备购置 → 设备购置), else its last words up to ten characters (…野生菌加工车间建设). When
    taking off 补助资金 leaves two characters, or a sector's word alone, the last word taken off
    comes back (就业补助资金 → 就业补助, 教育专项工作经费 → 教育专项; 综治专项经费 stays 综治).
    年度工作 when nothing usable is left, or when the name is a budget classification (商品和服务支出)."""
    name = unicodedata.normalize("NFKC", project_name or "").replace(" ", "")
    name = re.sub(r"^[\u4e00-\u9fff]{1,6}类[-—]", "", name)  # 发展建设类-农产品质检…: a category, then the name
    bracket = re.search(r"[(（]([^)）]*)[)）]$", name)
    if bracket and _TRANSFER_TITLE.search(name[: bracket.start()]):
        name = bracket.group(1)  # the transfer's title says where the money comes from, the bracket what for
    name = re.sub(r"[(（][^)）]*[)）]", "", name)  # before the dash: 光辉路(智景东道-星宇道)工程
    parts = [part for part in re.split(r"[-—]", name) if len(re.findall(r"[\u4e00-\u9fff]", part)) >= 2]
    name = parts[0] if parts else name  # 46000021T000000002749-学生事务补助: a code, then the name
    name = re.sub(r"[“”\"‘’'《》]", "", name)  # 三品一标 in quotes is still the subject
    name = re.sub(r"\d{4}(?:[至~\-]\d{2,4})?年?度?", "", name)
    name = re.sub(r"第[一二三四五六七八九十\d]+批次?", "", name)  # 第七批水利专项资金: a batch of the same money
    name = re.sub(r"^\d+[名个位户人所家]", "", name)  # 19名百岁老人高龄津贴 → 百岁老人高龄津贴
    name = re.sub(r"^(?:支持|关于)", "", name)
    name = re.sub(r"(?:支出)?[绩績]效自[评評]表?$", "", name)  # a self-evaluation form's title
    for _ in range(2):  # 广元市朝天区全民健身中心 → 全民健身中心
        words = list(jieba.cut(name))
        if words and len(words[0]) >= 3 and words[0][-1] in _PLACE_ENDS:
            name = name[len(words[0]) :]  # 岳阳县高标准农田 → 高标准农田
    if simplified(name).rstrip("支出费") in _CLASSIFICATIONS:
        return NO_SUBJECT
    steps = [name]
    for _ in range(4):
        if re.search(r"公用[经經][费費]$", name):
            break  # 初中公用经费: 公用 alone is no subject
        if _KIND_OF_AID.search(name):
            name = _KIND_OF_AID.sub(r"\1", name)  # 优抚对象生活补助经费 → 优抚对象生活补助, not …生活
            steps.append(name)
            break
        name = re.sub(
            r"((?:一次性)?开[办辦][费費]|服[务務]采[购購]|采[购購]|[专專][项項][资資]金|[补補]助[资資]金|[补補]助[经經][费費]|[专專][项項][经經][费費]|[专專][项項]"
            r"|[经經][费費]|[资資]金|[转轉]移支付|[财財]政[补補]差|支出|[项項]目|服[务務][费費]|[费費]用|[费費]|工作|等)$",
            "",
            name,
        )
        steps.append(name)
    kept = next((step for step in reversed(steps) if len(step) > len(name)), name)
    if len(name) <= 2 and (re.search(r"[补補]助(?:[资資]金|[经經][费費])$", kept) or _field_word(name)):
        name = re.sub(r"(?:[资資]金|[经經][费費])$", "", kept)  # 就业补助资金 → 就业补助, 教育专项经费 → 教育专项
    if len(name) > 12:
        joined = re.split(r"[和及与]", name)
        if len(joined) > 1 and 4 <= len(joined[-1]) <= 12:
            name = joined[-1]  # …应急处理及卫生监督执法 → 卫生监督执法
    if len(name) > 12:
        tail = ""
        for word in reversed(list(jieba.cut(name))):
            if len(tail) + len(word) > 10:
                break
            tail = word + tail
        name = tail.lstrip("和及与、")  # …建设和三品一标发展 → 三品一标发展
    if not 2 <= len(name) <= 12 or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
        return NO_SUBJECT
    return name


def _field_word(word: str) -> bool:
    """A sector's word (教育, 卫生: a project type's keyword) names a field, not a project's work."""
    return any(simplified(word) in ptype.keywords for ptype in load_types().types)


#: a transfer's title names where the money comes from (车辆购置税收入补助地方资金, …转移支付资金,
#: 中央自然灾害救灾资金(森林草原航空消防租机补助经费))
_TRANSFER_TITLE = re.compile(
    r"(?:税收入|补助地方|轉移支付|转移支付|^中央[\u4e00-\u9fff]*?|^省级[\u4e00-\u9fff]*?)[\u4e00-\u9fff]*(?:资金|經費|经费|資金)$"
)
#: an allowance named by what it is for (生活补助, 配套补助): 补助 is part of the subject
_KIND_OF_AID = re.compile(r"((?:生活|配套|伙食|交通|通讯|困难)[补補]助)(?:[经經][费費]|[资資]金)(?:[转轉]移支付)?$")
#: budget classifications (经济分类) used as project names: they name no work
_CLASSIFICATIONS = {"商品和服务", "对个人和家庭的补助", "工资福利", "资本性", "基本", "一般公共服务"}


def _code_pair(level2: str) -> dict[str, str]:
    level1 = level1_of(level2) or level2[0]
    return {"level1_code": level1, "level1_name": LEVEL1[level1], "level2_code": level2, "level2_name": LEVEL2[level2]}


def _rate_category(name: str) -> str:
    """The level-2 code of a rate the goal names, read on simplified text (滿意度 is 满意度)."""
    plain = simplified(name)
    for fragment, code in _RATE_CATEGORY:
        if fragment in plain:
            return code
    return "11"


def goal_quantities(goal: str | None) -> list[tuple[str, str, str, str]]:
    """Targets the goal text states itself, as ``(name, value, level-2 code, clause)``.

    "每月组织开展一场平安政策宣讲会" → ("平安政策宣讲会场次", "12场", "11", …);
    "登记率达95%以上" → ("登记率", "≥95%", "11", …); "修建作业道30公里" → ("修建作业道长度",
    "30公里", …). A clause may state several ("新造林3万亩，…5万亩"); each is read. Money is
    left to the 成本 slot unless it is income the project brings (村集体收入达6万元 → 21);
    a count of who benefits (受益…户) is a 22-社会效益.
    """
    found = []
    # "目标1:聘用人员1人,出差8人 目标2:聘用人员在岗率100%": numbered targets run on with a space
    for clause in goal_clauses(goal, r"|(?<!\d)\.(?!\d)|\s+(?=(?:目标|任务)\d+[:：])"):
        written = clause.strip()  # quoted as written; read in simplified characters (NFKC: ９８％ is 98%)
        clause = _latin_units(_ITEM_NUMBER.sub("", simplified(clause).strip()))  # units known, unnumbered
        clause = _FIGURE_AFTER_COLON.sub("", clause)  # 社会满意度达:98%: the colon introduces the figure
        ages = _AGE.findall(clause)
        rest, seen = _mask(clause, ages), ""
        for _ in range(4):
            target = parse_target(rest)
            norm = normalise_value(rest)
            phrase = target.phrase or ""
            if target.kind != "quantitative" or not phrase or phrase not in norm:
                break
            before, _, rest = norm.partition(phrase)
            item = _goal_item(target, before, rest, seen + before)
            seen += before + phrase
            if item:
                found.append((as_written(_unmask(item[0], ages), written), *item[1:], written))
        covered = re.search(r"([\u4e00-\u9fff]{2,12}?)全覆盖", clause)
        if covered:  # "实现慰问全覆盖": a coverage rate of 100%, a target the goal states
            name = re.sub(r"^(?:做到|达到)", "", _LEAD_VERBS.sub("", covered.group(1))).strip("的")
            if len(name) >= 2:
                found.append((as_written(name + "覆盖率", written), "100%", "22", written))
    return found


_NUMBERED = re.compile(r"^(?:目标|任务)?\d+[:：、.]")
#: an item's number in brackets or circled ((1), （2）, ①): not a figure of the target
_ITEM_NUMBER = re.compile(r"^(?:[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*[)）]|[\u2460-\u2473])\s*")
#: a colon between a measure and its figure (满意度达:98%, 完成率：100%), not a numbering's (目标1:)
_FIGURE_AFTER_COLON = re.compile(r"(?<=[\u4e00-\u9fff])(?<!目标)(?<!任务)\s*[:：]\s*(?=[≥≤><＞＜]?\d[\d.]*\s*%)")


def _count_closes(after: str) -> bool:
    """The figure ends the clause (新建全民健身中心1个): a count of what came before it, not an
    article in front of what follows (建设一个平台)."""
    return not re.search(r"[\u4e00-\u9fff\d]", after)


#: how a rate is held at its level, between its name and its figure (常年保持, 稳定在, 控制在)
_KEPT_AT = re.compile(r"(?:常年|长期|始终|全年|均)?(?:保持|维持|稳定|控制)(?:在)?$")
#: lengths and areas written in Latin letters (0.565km, 1429.39hm: hm² with its ² lost), as the
#: units the targets reader knows
_LATIN_UNITS = (
    (re.compile(r"(?<=\d)\s*(?:hm²|hm2|hm)(?![A-Za-z²2])"), "公顷"),
    (re.compile(r"(?<=\d)\s*(?:km|KM)(?![A-Za-z²2])"), "公里"),
)


def _latin_units(clause: str) -> str:
    """The clause with 0.565km read as 0.565公里 and 1429.39hm (hm², hectares) as 1429.39公顷."""
    for pattern, unit in _LATIN_UNITS:
        clause = pattern.sub(unit, clause)
    return clause


#: "65周岁以上老年人", "0-6岁儿童": an age says who is served, it is not a target (it is
#: masked while targets are read, and kept in the names)
_AGE = re.compile(r"\d+(?:\s*[-－~～至到—]\s*\d+)?\s*(?:周岁|岁)")


def _mask(clause: str, ages: list[str]) -> str:
    """The clause with each age replaced by one private-use character, so no target is read in it."""
    for i, age in enumerate(ages):
        clause = clause.replace(age, chr(0xE000 + i), 1)
    return clause


def _unmask(name: str, ages: list[str]) -> str:
    return re.sub("[\ue000-\ue0ff]", lambda m: ages[ord(m.group(0)) - 0xE000], name)


def _goal_item(target, before: str, after: str, context: str) -> tuple[str, str, str] | None:
    """One stated target as (name, value, level-2 code), or None when it is not one to draft.
    ``before``/``after``: the clause's text on either side of it; ``context``: all before it."""
    if target.unit in ("万元", "元", "亿元"):
        return _income_item(target, before)
    if target.unit in (None, "月(截止)"):
        return None
    if target.unit in ("年", "月", "日", "天") and (
        (target.value or 0) > 31 or re.search(r"[\d年月至\-~]$", context) or re.match(r"[\d月日底]", after)
    ):
        return None  # a date such as 2024年 or 2021年7月, not a target
    if target.value == 1 and target.per is None and target.comparison == "=" and not _count_closes(after):
        return None  # 一支队伍, 一个平台: an article, not a count (新建全民健身中心1个 closes on its count)
    if target.unit == "%":
        name = _LEAD_VERBS.sub("", _PERIOD_WORDS.sub("", _NUMBERED.sub("", before))).strip("的在为")
        name = _KEPT_AT.sub("", name)  # 抗体合格率常年保持70%以上: the rate is 抗体合格率
        name = name[-MAX_NAME:] if name else ""
        if not name or not _RATE_NAME.search(name):
            return None
        return name, format_target(target), _rate_category(name)
    thing = re.split(r"[和及与、(（]", _PERIOD_WORDS.sub("", after))[0].strip("的")
    thing = _ACTION_AFTER.split(thing, maxsplit=1)[0]
    if "的" in thing[2:]:
        thing = thing[: thing.index("的", 2)]  # 5个标准档案库房消防设备的升级: the rooms are counted
    if re.match(_ACTIONS, thing):  # "培训干部200人次开展实操": the count is of what came before
        thing = ""
    if target.unit in ("年", "月", "日", "天", "个月"):
        thing = ""  # 两年行动方案, 3天培训: a duration describing what follows, not a count of it
    measured = _MEASURED_BEFORE.search(_PERIOD_WORDS.sub("", before).strip())
    if thing and re.match(r"[\u4e00-\u9fff]", thing) and measured:
        thing = measured.group(1)  # 受益…人口數≥23人改善…, 占地面积约20万平方米的公园: the count is the named measure's
    if not thing or not re.match(r"[\u4e00-\u9fff]", thing):  # "174人" after "76户", "/千人": not a thing
        said = _PERIOD_WORDS.sub("", before)
        one = _ONE_COUNTED.search(context) if not said.strip() and target.unit in _MEASURES else None
        said = _short_thing(one.group(1)) if one else said  # 收容所1间200平方米: the floor area of the 收容所
        thing = re.split(r"[:：()（）]|其中", said)[-1]
        # 为维护建筑面积 → 维护建筑面积; 完成乡村道路养护里程 → 乡村道路养护里程 (the count is what is done)
        thing = re.sub(r"^(?:为了|为|对|用于|完成)", "", _LEAD_VERBS.sub("", _NUMBERED.sub("", thing.strip()))).strip()
        thing = _ACTOR_VERB.sub("", thing)  # 为水濂村带来观光游客 → 观光游客: who is counted, not who brings them
        thing = re.sub(r"(?:将近|近)$", "", re.sub(r"^(?:能够|能|可)", "", thing))  # 能同时收容近100头 → 同时收容
    elif target.unit in _PEOPLE and (done := _DONE_FOR.search(_PERIOD_WORDS.sub("", before).strip())):
        thing = done.group(0) + thing  # 改善提升9200人饮水条件 → 改善提升饮水条件人数: the people the work reaches
    thing = _NUMBERED.sub("", thing)  # 目标3:配套电力设施 → 配套电力设施
    thing = thing.strip("、，,:： ")
    if len(thing) < 2 or len(thing) > MAX_NAME or re.match(r"\d", thing):
        return None
    if re.match(_CLASSIFIER, thing) or "百分点" in thing or _NOT_A_TARGET.match(thing):
        return None  # 个百分点: a parse gone wrong; 户籍人口76户: a fact of the place; 出差8人: an input
    if target.unit in ("年", "月", "日", "天", "个月") and not re.search(r"(期|期限|时间|时限|年限|天数)$", thing):
        return None  # a duration is a target only as 服务周期 / 服务期限 …
    yearly = target.per_year
    if yearly is not None and target.comparison != "区间":
        value = format_target(target.model_copy(update={"value": yearly, "per": None, "per_year": None}))
    else:
        value = format_target(target)
    per_head = re.match(r"/\s*((?:\d+|[千万百])?人)", after)
    if per_head:
        value += f"/{_PER_HEADS.get(per_head.group(1), per_head.group(1))}"  # 2批次/千人: per population, not 2 in all
    suffix = _NAME_SUFFIX.get(target.unit, "数量")
    name = thing if simplified(thing).endswith(_MEASURE_ENDS) else thing + suffix
    if _COVERS.search(simplified(_PERIOD_WORDS.sub("", before))) and target.unit in _PLACES:
        name = f"覆盖{thing}数"  # 覆盖全县12个乡镇: the places reached, 覆盖乡镇数 12个
    return name, value, "22" if "受益" in simplified(name) else "11"  # who benefits is a 社会效益, not an output


def _short_thing(thing: str, width: int = 10) -> str:
    """A built thing as a name holds it: no leading 新建, and its last words up to ``width``
    characters (马鹿坑国有林场临时野生动物收容所 → 临时野生动物收容所)."""
    thing = re.sub(r"^(?:新建|修建|改建|建设|建)", "", thing)
    tail = ""
    for word in reversed(list(jieba.cut(thing))):
        if tail and len(tail) + len(word) > width:
            break
        tail = word + tail
    return tail


#: a count of places after 覆盖 (覆盖全县12个乡镇, 惠及全市8个街道) is the coverage the work reaches
_COVERS = re.compile(r"(?:覆盖|惠及|辐射)(?:全|本)?[省市县区镇乡]?$")
_PLACES = ("个", "所", "家", "处")


#: one thing counted just before a measure (收容所1间200平方米): the measure is that thing's
_ONE_COUNTED = re.compile(r"([\u4e00-\u9fff]{2,})(?:1|一)\s*[间栋座个所处幢]$")
#: a measure named just before its figure (受益建档立卡贫困人口数≥23人, 占地面积约20万平方米):
#: the words after the figure are something else (改善村基础设施) or what it measures (的公园)
_MEASURED_BEFORE = re.compile(r"(?:^|[为是后的在有])([^为是后的在有\W\d]{1,10}?(?:人口[数數]|面积|长度|里程|[数數]))$")
#: a place bringing or serving who is counted (为水濂村带来观光游客): the count is of those after the verb
_ACTOR_VERB = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:带来|吸引|接待|惠及)(?=[\u4e00-\u9fff]{2})")
#: counts of people, and what a work done for them reads like just before the figure (改善提升9200人饮水条件)
_PEOPLE = ("人", "万人", "人次", "万人次", "户")
_DONE_FOR = re.compile(r"(?:改善|提升|解决|保障|惠及|带动|服务)+$")
#: a name that starts with a measure word is a figure read wrong (下降0.1个百分点 → 个…)
_CLASSIFIER = r"个(?!人|体)"
#: facts of the place (户籍人口, 常住户) and inputs (出差, 聘用人员: 投入不能作为绩效目标) are not targets
_NOT_A_TARGET = re.compile(r"(?:户籍|常住|总人口|人口|现有|出差|聘用|在编|编制)")
#: how a rate per population is written back (normalise_value reads 千人 as 1000人)
_PER_HEADS = {"1000人": "千人", "10000人": "万人", "100人": "百人"}
#: money the project is to bring in (产值, 收入), an 经济效益; other money is the budget's
_INCOME = re.compile(r"(产值|收入|增收|销售额|营业额|经济效益)$")


def _income_item(target, before: str) -> tuple[str, str, str] | None:
    """ "村集体收入达6万元" → ("村集体收入", "≥6万元", "21"); money spent is left to 成本."""
    name = re.split(r"[:：()（）]|其中", _PERIOD_WORDS.sub("", before))[-1]
    name = _LEAD_VERBS.sub("", name).strip("、，,:： 的")
    if not name or len(name) > MAX_NAME or not _INCOME.search(name) or target.comparison not in ("=", "≥"):
        return None
    return name, format_target(target.model_copy(update={"comparison": "≥"})), "21"


def _fits(category: str, level2_code: str | None) -> bool:
    """True when an indicator with this level-2 code fills the slot's category."""
    code = level2_code or ""
    if code not in LEVEL2:
        return False
    return code.startswith("2") if category == "2" else code == category


def _measurable_value(candidate: LibraryIndicator, slot: Slot) -> tuple[str, str] | None:
    """The value to use for an adapted indicator and a note on where it came from."""
    ind = candidate.indicator
    satisfaction = slot.category == "31"
    point = None
    for field, label in (("annual_value", "年度指标值"), ("period_value", "实施周期指标值")):
        target = parse_target(getattr(ind, field))
        if target.kind == "quantitative" and not _portable(target):
            return None  # 280人次, 6批次: that project's own quantity, not this one's
        if (
            target.kind == "quantitative"
            and target.unit == "%"
            and target.comparison == "="
            and 0 < (target.value or 0) < 90
        ):
            point = format_target(target)
            break  # 补贴发放率 75%: a point that project set itself, no level for another (the standard below)
        if target.kind == "quantitative":
            if satisfaction and target.unit == "%" and (target.value or 0) < 85:
                return "≥90%", f"原{label}{format_target(target)}低于85%，提高到≥90%"
            if satisfaction and target.unit != "%":
                continue
            return format_target(target), f"沿用{label}“{format_target(target)}”"
        if target.kind == "qualitative" and not satisfaction:
            return target.phrase or "", f"沿用分级定性值“{target.phrase}”"
    if _RATE_NAME.search(ind.name or "") or satisfaction:
        default = "≥90%" if satisfaction else slot.default_value
        vague = find_vague_phrase(ind.annual_value) or find_vague_phrase(ind.period_value)
        why = (
            f"原值“{point}”是该项目自定的点值，不能照搬"
            if point
            else f"原值“{vague.phrase}”不可考核"
            if vague
            else "原值没有数值"
        )
        return default, f"{why}，改为{default}"
    return None


#: values that carry over to another project: rates, scores, time limits, "none happened"
_PORTABLE_UNITS = ("%", "分", "天", "日", "工作日", "个工作日", "小时", "分钟", "个月")


#: a generic name that states when (完成时限, 项目实施时间): its value is the budget year's end
_WHEN = re.compile(r"(?:时间|时限|期限)$")
#: what a generic name must end in to be an indicator (not 全年, 按要求合理支付)
_MEASURE_NAME = re.compile(r"(?:率|度|性|比例|时间|时限|期限)$")


def _common_value(item: LibraryIndicator, slot: Slot) -> tuple[str, str] | None:
    """The value of a common generic name (:mod:`.common`) and why: the standard level of what
    it measures (satisfaction ≥90%, acceptance 100%, the rest ≥95%: the type file's levels),
    and for a time limit the end of the budget year. The examples' own values are not copied:
    each project set its own (a date of its year, a point, sometimes a garbled cell)."""
    name = simplified(item.indicator.name or "")
    if not _MEASURE_NAME.search(name):
        return None
    if _WHEN.search(name):
        return "12月底前", "时限按年度预算项目在预算年度内完成"
    level = next((value for words, value in _PUBLISHED_LEVELS if re.search(words, name)), slot.default_value)
    return level, f"取同类指标的标准水平{level}"


def _portable(target) -> bool:
    """A value that means the same for any project (≥95%, ≤2小时, 0次), unlike a count or an
    amount, which is the other project's own plan."""
    return target.unit in _PORTABLE_UNITS or (target.value == 0 and target.comparison in ("=", "≤"))


def _indicator_like(name: str | None) -> bool:
    """A name that reads as an indicator: short, one clause (not "做好…, 开展…" describing the
    work), and no vague phrase in it."""
    return (
        bool(name) and len(name) <= MAX_NAME and not re.search(r"[,，;；。]", name) and find_vague_phrase(name) is None
    )  # "走失率保持稳定、持续提升" names no measure


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _similar_name(name: str, taken: list[str]) -> bool:
    """Two names for one measure: 项目完成及时率 and 项目（工程）完成及时率 count as the same."""
    plain = _BRACKETS.sub("", name)
    return any(fuzz.ratio(plain, _BRACKETS.sub("", other)) >= SAME_NAME for other in taken)


_BRACKETS = re.compile(r"[(（][^)）]*[)）]")


#: ways of naming one measure: finishing on time (按时完成率 = 完成及时率 = 按期完成率 …)
_ON_TIME = re.compile(r"(?:按时|按期|按计划|及时)[\u4e00-\u9fff]{0,4}完成率$|完成及时率$")


def _same_measure(name: str, taken: list[str], tail: int = 4) -> bool:
    """Another name ends in the same measure of four characters or more (…完成及时率), or names
    finishing on time in other words (物业管理按时完成率 beside 项目完成及时率): for a fill-in, one
    such indicator is enough."""
    plain = _BRACKETS.sub("", name)
    if _ON_TIME.search(plain) and any(_ON_TIME.search(_BRACKETS.sub("", other)) for other in taken):
        return True
    return len(plain) > tail and any(_BRACKETS.sub("", other).endswith(plain[-tail:]) for other in taken)


def project_topic(request: DraftRequest) -> tuple[list[ProjectType], Topic]:
    """The request's types (best first) and its topic for the relevance guard.

    A type the clerk chose comes first; the name and goal may add a second one."""
    types = [t for t, _ in classify(request.name, request.goal)]
    if request.project_type:
        chosen = load_types().by_id(request.project_type)
        types = [chosen, *[t for t in types if t.id != chosen.id]][:2]
    return types, Topic.of(request.name, request.goal, type_keywords(types))


def project_sector(request: DraftRequest, types: list[ProjectType]) -> str | None:
    """The sector drafting looks in: the clerk's choice, else the first type's."""
    return request.sector or (types[0].sector if types else None)


_PER_EVENT = re.compile(r"每(?:次|场|期|批|班|人|户|个|项|家|所)")


def _quantity_in(quantities: list[tuple[str, str, str, str]], units: list[str], *, yearly: bool = False):
    """The first goal quantity (name, parsed target) whose unit is one of ``units``. With
    ``yearly``, only a count for the whole year: "每次参加不少于50人次" counts one event, and
    dividing the budget by it would give a wrong unit cost."""
    for name, value, code, clause in quantities:
        target = parse_target(value)
        if code == "11" and target.unit in units and target.value:
            if yearly and _PER_EVENT.search(clause):
                continue
            return name, target
    return None


#: units of a measured output (area, length): the first such a goal states is what the project builds
_MEASURES = ("亩", "万亩", "公顷", "平方米", "万平方米", "平米", "公里", "千米", "米", "km")


def _sole_output(quantities: list[tuple[str, str, str, str]], units: list[str]) -> bool:
    """True when a unit cost of the budget over the goal's quantity in ``units`` means something:
    only one measured output (area, length) in those units (two roads of 2公里 each: ÷2 would
    double the cost of each; 培训280人次 beside 授课25人次 still costs per trainee), and
    no other measured output stated before it (营造林8万亩 before 修建作业道30公里: the budget pays
    for the forest, not for the track)."""
    counts = [parse_target(value) for _, value, code, _ in quantities if code == "11"]
    if sum(1 for t in counts if t.unit in units and t.unit in _MEASURES and t.value) > 1:
        return False
    first_measured = next((t for t in counts if t.unit in _MEASURES), None)
    return first_measured is None or first_measured.unit in units


#: words any project's name or goal may share with a counted thing without it being the project's
#: own (冷库仓储建设面积 shares 建设 with 野生菌加工车间建设, and counts only a part of it)
_COMMON_WORDS = {"建设", "新建", "项目", "工程", "改造", "维修", "购置", "采购", "服务", "基础", "设施", "配套", "实施"}


def _names_the_subject(name: str, subject: str) -> bool:
    """The counted thing is the project's own (乡村道路建设养护里程 of 乡村道路建设养护, 道路硬化长度
    of 高其坑通組道路工程): it holds a word of the subject other than 建设, 工程 and the like."""
    words = [w for w in jieba.cut(simplified(subject)) if len(w) >= 2 and w not in _COMMON_WORDS]
    return subject != NO_SUBJECT and any(w in simplified(name) for w in words)


def _budget_buys(name: str, quantities: list[tuple[str, str, str, str]], subject: str) -> bool:
    """Budget ÷ the goal's quantity is a unit cost only when the quantity counts what the money
    buys: it names the project's subject (主体班培训人次 of 主体班), or the goal counts no other
    output (维护建筑面积2.6万平方米 of 物业管理费支出). A part the goal counts beside other things
    (1290.3平方米 of cold store beside 3台 transformers; 120米 of fence beside 100头 sheltered) is
    not: dividing the whole budget by it makes up a unit cost nobody pays."""
    if _names_the_subject(name, subject):
        return True
    others = [n for n, _, code, _ in quantities if code == "11" and n != name and not _names_the_subject(n, subject)]
    return not others


def _from_template(
    ind: TypeIndicator,
    ptype: ProjectType | None,
    request: DraftRequest,
    quantities: list[tuple[str, str, str, str]],
    said: str | None = None,
) -> tuple[str, str, str] | None:
    """A type-template indicator made concrete: (name, value, rationale), or None when it
    does not apply (a count the goal already gave, a cost without a budget). ``said``: the
    project's :func:`_said` text, read once per draft (default: read here)."""
    origin = f"项目类型“{ptype.name}”的标准指标" if ptype else "通用标准指标"
    if ind.needs and not any(word in (_said(request) if said is None else said) for word in ind.needs):
        return None  # 项目（工程）验收合格率 for a grain reserve: nothing in its text the indicator is about
    subject = subject_of(request.name)
    if ind.universal and "{subject}" in ind.name and subject == NO_SUBJECT:
        return None  # a fill-in phrased on the subject says nothing without one (年度工作验收合格率)
    who = served(request.name, request.goal)
    if "{served}" in ind.name and who is None:
        return None  # nobody named: 受益群众满意度 stands for them
    ind = ind.model_copy(
        update={
            "name": ind.name.replace("{subject}", subject)
            .replace("{served}", who or "")
            .replace("{aid}", aid_word(request.name, request.goal)),
            "alternative": (
                ind.alternative.model_copy(update={"name": ind.alternative.name.replace("{subject}", subject)})
                if ind.alternative
                else None
            ),
        }
    )
    if ind.derive == "standard":
        if ind.value == PLACEHOLDER:
            return ind.name, PLACEHOLDER, f"待填：{ind.why}"
        return ind.name, ind.value or "", f"{origin}（标准值）：{ind.why}"
    if ind.derive == "goal":
        if _quantity_in(quantities, ind.units):
            return None  # the goal's own count is already drafted
        if ind.alternative is None:
            return None
        return (
            ind.alternative.name,
            ind.alternative.value,
            f"{origin}：目标未写明数量，改用可考核的比率{ind.alternative.value}",
        )
    if request.budget is None or request.budget <= 0:
        return None  # no budget (or a zero one): no cost target to derive
    budget = float(request.budget)
    kind = ind.cost_kind or "经济成本"
    found = _quantity_in(quantities, ind.per, yearly=True) if ind.per else None
    several = bool(found) and not _sole_output(quantities, ind.per)
    part = found[0] if found and not several and not _budget_buys(found[0], quantities, subject) else None
    if several or part:
        # 果园路2公里、…果园路2公里; 营造林8万亩…作业道30公里: no one quantity the budget buys;
        # 冷库仓储1290.3平方米 beside 变压器3台: a part of what it buys
        found = None
    if found:
        name, target = found
        per_year, unit = target.value, target.unit
        if unit.startswith("万") and len(unit) > 1:
            per_year, unit = per_year * 10000, unit[1:]  # 2.6万平方米 → 26000平方米: 元/平方米, as clerks cost it
        cost = _unit_cost(budget * 10000 / per_year)
        return (
            ind.name,
            f"≤{cost}/{unit}",
            f"{origin}（{kind}）：预算{_money(budget)}万元÷{name}{_figure(per_year)}{unit}={cost}/{unit}",
        )
    if ind.per:
        why = (
            "目标写明的几项产出共用这笔预算，不以预算除以其中一项计单位成本"
            if several
            else f"目标写明的“{part}”只是预算所购的一部分，不以预算除以它计单位成本"
            if part
            else "目标未写明数量"
        )
        return (
            "项目总成本",
            f"≤{_money(budget)}万元",
            f"{origin}（{kind}）：{why}，按预算{_money(budget)}万元控制总成本",
        )
    return ind.name, f"≤{_money(budget)}万元", f"{origin}（{kind}）：不超预算{_money(budget)}万元"


#: ≥100%: nothing is above all of it (written 100%)
_AT_LEAST_ALL = re.compile(r"^≥\s*100(?:\.0+)?%$")

#: the level a published library's rate gets when the library states none, by what it measures
#: (the type file's standard levels: acceptance 100%, completion and quality ≥95%, satisfaction ≥90%)
_PUBLISHED_LEVELS = (("满意", "≥90%"), ("验收|通过", "100%"), ("合格|达标|及时|完成|完好|规范|稳定", "≥95%"))


def published_for(types: list[ProjectType], sector: str | None, topic: Topic) -> list[tuple[PublishedIndicator, bool]]:
    """The published libraries' indicators for this project: of its types (or sector) and on
    its topic by the guard, those sharing words with its own name and goal first (with True:
    they go before the type template; the others only fill what the template leaves)."""
    ids = [t.id for t in types]
    found = []
    for n, record in enumerate(published_indicators()):
        if record.type_id not in ids and not (sector and record.sector == sector):
            continue
        verdict = judge(record.name.replace("**", ""), topic)
        own = (
            specific_shared(verdict, record.type_id, topic)
            if record.scope == "sector" and not names_programme(topic, record.type_id)
            else verdict.own_shared  # a library for this kind of project (培训类): its words are the project's
        )
        if not verdict.on_topic or verdict.generic or (record.scope == "sector" and not own):
            continue  # 完成率 says nothing; a sector library's 体育测试合格率 is not every school project's
        rank = ids.index(record.type_id) if record.type_id in ids else len(ids)
        found.append((-len(own), rank, n, record))
    return [(record, shared < 0) for shared, _, _, record in sorted(found)]


def specific_shared(verdict, type_id: str, topic: Topic) -> tuple[str, ...]:
    """The words an indicator shares with the project's own name and goal that say what it is
    about: written there as they are (文化站 is not 文化's), and neither whom it serves (患者,
    学生: ``people_words``) nor a bare keyword of the type it is published for (健康 for a health
    library): 麻风病防治 visits 现症患者 but does not manage 高血压患者, 卫生健康人才培养培训 keeps
    no 电子健康档案, a 宣传文化 project builds no 综合文化站."""
    people = guard_config().people_words
    keywords = set(_keywords_of(type_id))
    own = simplified(topic.own_text)
    return tuple(w for w in verdict.own_shared if w not in people and w not in keywords and simplified(w) in own)


def names_programme(topic: Topic, type_id: str) -> bool:
    """The project's own name or goal names a programme of the type, a keyword of five characters
    or more (基本公共卫生, 高标准农田, 林业有害生物; not 免费开放, a way of running a venue): the
    sector library is written for such projects, and any on-topic word it shares with them will
    do (儿童 of 入托入学儿童预防接种证查验率)."""
    own = simplified(topic.own_text)
    return any(len(k) >= 5 and k in own for k in _keywords_of(type_id))


def _keywords_of(type_id: str) -> list[str]:
    """A type's keywords; none for a library's type id the type file does not hold."""
    return next((t.keywords for t in load_types().types if t.id == type_id), [])


def from_published(record: PublishedIndicator, request: DraftRequest) -> tuple[str, str, str] | None:
    """A published library's indicator for this project: (name, value, rationale), or None when
    the library gives nothing a value can honestly come from (a count: the goal's own counts are
    drafted already; a cost: it comes from this budget; a rate with no stated or standard level)."""
    name = record.name
    if "**" in name:
        subject = subject_of(request.name)
        if subject == NO_SUBJECT:
            return None
        name = re.sub(r"[\u4e00-\u9fff]{0,2}\*\*的?", subject, name)  # 购置**的质量合格率 → 办公设备质量合格率
    origin = f"来源：《{record.title}》"
    if record.level2_code == "14" or len(name) > MAX_NAME or name.endswith("时间"):
        return None  # cost comes from this budget; 培训计划完成时间 is the fill-in 完成时限
    if record.unit != "%":
        return None
    stated = parse_target(record.value) if record.value else None
    if stated and stated.kind == "quantitative" and (stated.value or 0) >= 50:
        target = stated.model_copy(update={"comparison": "≥"}) if stated.comparison == "=" else stated
        return name, format_target(target), f"{origin}；取值为该指标库写明的{record.value}"
    for pattern, level in _PUBLISHED_LEVELS:
        if re.search(pattern, name):
            return name, level, f"{origin}；指标库未写取值，按标准水平{level}（请按本地标准核对）"
    return None


#: what a training is about, up to six characters before it (设施农业技术培训): taught, not done
_TRAINING_TOPIC = re.compile(r"[\u4e00-\u9fff]{0,6}培训")


def _said(request: DraftRequest) -> str:
    """The project's name and goal, simplified, without the phrases in which a type's keyword
    means something else (体系建设 builds nothing: no 项目（工程）验收合格率 needs it) or a
    ``needs`` word says nothing of the indicator (种植人员 are the people trained, no planting
    done), and without what a training is about (设施农业技术培训 teaches farming in
    greenhouses, it builds and accepts none). Read once per draft."""
    text = _TRAINING_TOPIC.sub("", simplified(f"{request.name} {request.goal or ''}"))
    types = load_types()
    for phrase in [p for ptype in types.types for p in ptype.not_keywords] + types.needs_not:
        text = text.replace(phrase, "")
    return text


def _names_its_owner(name: str, owner: str, request: DraftRequest) -> bool:
    """The indicator names the library project it comes from (教育专项工作经费资金到位率 of
    《教育专项工作经费》), which this project's own name and goal do not: it is about that one."""
    own = simplified(f"{request.name} {request.goal or ''}")
    whole = simplified(re.sub(r"\d{4}年度?", "", owner))
    subject = simplified(subject_of(owner))
    return any(
        len(part) >= 4 and part in simplified(name) and part not in own
        for part in (whole, subject)
        if part != NO_SUBJECT
    )


def _same_unit_cost(ind: DraftIndicator, other: DraftIndicator | str) -> bool:
    """Two unit costs of the same figure (≤1.03万元/公里 twice): the budget over one quantity."""
    value = other if isinstance(other, str) else (other.level2_code == "14" and other.annual_value)
    return bool(value) and "/" in value and ind.level2_code == "14" and ind.annual_value == value


def _said_twice(ind: DraftIndicator, other: DraftIndicator) -> bool:
    """One target in two names: the same unit cost (≤1.03万元/公里 twice), or two time limits of
    the same date (任务完成时间 and 项目完成时限, both 12月底前: one deadline a reviewer strikes once)."""
    if _same_unit_cost(ind, other):
        return True
    both_when = _WHEN.search(simplified(ind.name or "")) and _WHEN.search(simplified(other.name or ""))
    return bool(both_when) and ind.annual_value == other.annual_value


def _times_payments(name: str) -> bool:
    return any(word in name for word in ("拨付", "支付", "发放"))


def _redundant_pair(name: str, other: str) -> bool:
    """Two names one draft should not both carry: the same measure (…完成及时率 twice, on time in
    other words), or both timing the payments (资金按期拨付率, 补助资金按时发放率)."""
    return (
        _same_measure(name, [other])
        or _same_measure(other, [name])
        or (_times_payments(name) and _times_payments(other))
    )


def draft_offline(
    request: DraftRequest,
    library: Library | None = None,
    *,
    retriever: Retriever | None = None,
    max_indicators: int = 12,
    threshold: float | None = None,
) -> Draft:
    """Draft 4–10 measurable indicators for a new project from its type, goal, budget and
    the on-topic indicators of the library.

    Args:
        request: the project's name, goal and budget.
        library: where to learn from (default: the built-in library plus the user's tables).
        retriever: a prepared index over ``library`` (saves rebuilding it in loops).
        max_indicators: the most indicators to draft.
        threshold: the relevance guard's threshold (default: the calibrated one).
    """
    retriever = retriever or Retriever(library if library is not None else load_library())
    types, topic = project_topic(request)
    sector = project_sector(request, types)
    ranked = retriever.similar_projects(f"{request.name} {request.goal}", k=LOOK_AT)
    similar = ranked[:5]
    candidates = retriever.candidates(topic, {t.id for t in types}, sector, threshold, request.department)
    quantities = goal_quantities(request.goal)
    said = _said(request)  # what the template's ``needs`` are looked up in, once per draft
    subject = subject_of(request.name)
    ids = {t.id for t in types}
    precedents = precedent_names(
        [p for p, _ in ranked],
        lambda p: bool((sector and p.sector == sector) or ids & retriever.project_types(p)),
        None if subject == NO_SUBJECT else subject,
        subject_of,
    )
    # with precedents to choose by, a slot proposes one more, the second type's template too, and
    # of two names for one measure (项目完成及时率, 物业管理按时完成率) both: the precedents pick
    wide = bool(precedents)
    extra = SPARE if wide else 0

    def redundant(name: str) -> bool:
        return not wide and _same_measure(name, names)

    drafted: list[DraftIndicator] = []
    names: list[str] = []
    spare: set[int] = set()  # positions of the generic fill-ins, the first to go when too many
    stated_at: set[int] = set()  # positions of the goal's own counts, kept whatever

    owners: list[str | None] = []  # the library project each was adopted from

    def add(
        name: str,
        value: str,
        level2: str,
        rationale: str,
        sources: list[str],
        generic: bool = False,
        owner: str | None = None,
    ) -> None:
        value = _AT_LEAST_ALL.sub("100%", value)  # ≥100%: nothing is above all of it
        if generic:
            spare.add(len(drafted))
        drafted.append(
            DraftIndicator(
                seq=0,
                **_code_pair(level2),
                name=name,
                period_value=value,
                annual_value=value,
                rationale=rationale,
                adapted_from=sources,
            )
        )
        names.append(name)
        owners.append(owner)

    # a count in 个 is often where the work is done (7个林场); measured outputs (30公里, 8万亩) go first
    stated = sorted(quantities, key=lambda q: parse_target(q[1]).unit == "个")
    stated = stated[:4] + [
        q for q in stated[4:STATED] if parse_target(q[1]).unit != "个"
    ]  # 7个林场 only among the first
    for name, value, level2, clause in stated:
        if not _similar_name(name, names):
            stated_at.add(len(drafted))
            add(name, value, level2, f"目标文本写明“{_clip(clause)}”，取{value}", [])
    # the work the goal names without a count (资助贫困教师及学生): its completion, kept as a count is
    # (not when it is the project's subject again: 给予宁河区民办园房租补贴 is the type's 民办园房租补贴完成率)
    works = [(n, c) for n, c in goal_works(request.goal) if subject == NO_SUBJECT or not names_subject(n, subject)]
    for name, clause in works[:WORKS]:
        if not _similar_name(name, names):
            stated_at.add(len(drafted))
            add(name, WORK_VALUE, "11", f"目标文本写明的工作“{_clip(clause)}”，未写数量，按是否全部完成考核", [])
    # how the goal promises the money is paid (及时、足额、合规发放): the rates that check it
    for name, value, level2, clause in goal_manners(request.goal):
        if not _similar_name(name, names) and not redundant(name):
            if level2 == "13":
                stated_at.add(len(drafted))  # the timing the goal promises, kept as its counts are
            add(name, value, level2, f"目标文本写明“{_clip(clause)}”，按全部做到（{value}）考核", [])
    # the time the goal sets (服务周期2023.07-2024.01, 2021年12月31日前完成): its own 时效 value
    for name, value, level2, clause in goal_periods(request.goal):
        if not _similar_name(name, names):
            stated_at.add(len(drafted))
            add(name, value, level2, f"目标文本写明“{_clip(clause)}”，取{value}", [])
    # the effect the goal announces last (its aim: 提升全民健康水平), graded when no figure is stated
    for name, level2, clause in goal_effects(request.goal)[-1:]:
        if not _similar_name(name, names):
            add(name, EFFECT_VALUE, level2, f"目标文本写明的效益“{_clip(clause)}”，未写数值，按年终是否达到评价", [])

    templates = [(t, ind) for t in types for ind in t.indicators] + [(None, ind) for ind in load_types().generic]
    published = published_for(types, sector, topic)
    common = [
        (item, count)
        for item, count in common_wordings(retriever)
        if judge(item.indicator.name, topic).on_topic and _measures_what_it_has(item.indicator.name, types, said)
    ]

    def fill_published(records: list[PublishedIndicator], have: int) -> int:
        """Take published library indicators into the current slot; returns how many it has."""
        for record in records:
            if have >= slot.count + extra or slot.category == "14":
                break
            if not _fits(slot.category, record.level2_code):
                continue
            made = from_published(record, request)
            if made is None or _similar_name(made[0], names) or redundant(made[0]):
                continue
            add(made[0], made[1], record.level2_code, made[2], [record.label], generic=True)  # goes first when too many
            have += 1
        return have

    for slot in PLAN:
        if slot.needs_budget and (request.budget is None or request.budget <= 0):
            continue
        have = sum(1 for d in drafted if _fits(slot.category, d.level2_code))
        for candidate, verdict in candidates:
            if have >= slot.count + extra or slot.category == "14":
                break  # cost comes from this project's own budget, never another's
            ind = candidate.indicator
            # a satisfaction is a 满意度指标 wherever the copied table filed it (资助对象满意度 under 质量)
            satisfaction = "满意" in simplified(ind.name)
            if (slot.category == "31") != satisfaction or not _indicator_like(ind.name):
                continue
            if not (satisfaction or _fits(slot.category, ind.level2_code)):
                continue
            if not is_valid_pair(ind.level1_code, ind.level2_code):
                continue  # a misfiled example is not one to imitate
            if _names_its_owner(ind.name or "", candidate.owner.project.name or "", request):
                continue  # 教育专项工作经费资金到位率 is that project's, not this one's
            if _similar_name(ind.name, names) or redundant(ind.name):
                continue
            chosen = _measurable_value(candidate, slot)
            if chosen is None:
                continue
            value, note = chosen
            add(
                ind.name,
                value,
                "31" if satisfaction else ind.level2_code,
                f"改编自《{candidate.owner.cited}》（{verdict.describe()}），{note}",
                [candidate.label],
                owner=candidate.owner.key,
            )
            have += 1
        have = fill_published([r for r, own in published if own], have)
        for ptype, ind in templates:
            if have >= slot.count + extra:
                break
            if have and ptype is not (types[0] if types else None) and not ind.universal and not (wide and ptype):
                continue  # a second type (unless precedents choose) and the generic defaults only fill an empty slot
            if not _fits(slot.category, ind.code):
                continue
            if ind.projects != "any" and (ind.projects == "typed") != bool(types):
                continue  # 待填 is what a type leaves blank; 服务对象问题解决率 a project of no type's
            made = _from_template(ind, ptype, request, quantities, said)
            if made is None or _similar_name(made[0], names):
                continue
            if made[0].startswith(NO_SUBJECT) and any(n.endswith("完成率") for n in names):
                continue  # 年度工作完成率 beside the goal's own work (历城区文化馆免费开放完成率) says nothing more
            if any(_same_unit_cost(d, made[1]) for d in drafted):
                continue  # 工程建设成本 and 每公里养护成本: one budget over one length, said once
            if redundant(made[0]):
                continue  # 项目完成及时率 beside 培训按计划完成及时率, 培训考核合格率 beside 结业考核合格率
            if not wide and _times_payments(ind.name) and any(_times_payments(n) for n in names):
                continue  # the type already times the payments (资金按期拨付率, 补助资金按时发放率)
            add(made[0], made[1], ind.code, made[2], [], generic=ptype is None)
            have += 1
        for item, count in common:  # the clerks' common wording of a generic measure (成本控制率, 项目实施时间)
            if have >= slot.count + extra:
                break
            name = item.indicator.name or ""
            if not _fits(slot.category, item.indicator.level2_code) or _similar_name(name, names) or redundant(name):
                continue
            chosen = _common_value(item, slot)
            if chosen is None:
                continue
            add(
                name,
                chosen[0],
                item.indicator.level2_code,
                f"真实表格常见的通用写法（{count}份表格这样写；通用指标，不含具体事项），{chosen[1]}",
                [],  # no one table's: the wording of many, so none is cited as its source
                generic=True,
            )
            have += 1
        have = fill_published([r for r, own in published if not own], have)

    if precedents:
        groups = [(d.level2_code or "1")[0] for d in drafted]
        keep = [n in stated_at for n in range(len(drafted))]
        clash = [
            [i != j and (_redundant_pair(a, b) or _said_twice(drafted[i], drafted[j])) for j, b in enumerate(names)]
            for i, a in enumerate(names)
        ]
        drafted = [drafted[n] for n in choose(names, groups, keep, precedents, max_indicators, owners, clash)]
    else:
        drafted = _trim(drafted, max_indicators, spare, None if subject == NO_SUBJECT else subject)
    order = {code: n for n, code in enumerate(["11", "12", "13", "14", "21", "22", "23", "24", "31"])}
    drafted.sort(key=lambda d: order.get(d.level2_code or "", 99))
    indicators = [d.model_copy(update={"seq": n}).with_target() for n, d in enumerate(drafted, 1)]
    draft = Draft(
        request=request,
        indicators=indicators,
        backend="library",
        similar_projects=[p.key for p, _ in similar],
        project_types=[t.name for t in types],
        sector=sector,
        types_version=load_types().version,
    )
    return with_findings(draft)


#: a measure of accepting what was delivered (验收合格率, 验收通过率)
_ACCEPTANCE = "验收"


def _measures_what_it_has(name: str | None, types: list[ProjectType], said: str) -> bool:
    """A common wording of acceptance (项目验收合格率) only for a project that has something to
    accept: one of its types drafts an acceptance measure whose ``needs`` its name or goal meets
    (工程建设, 设备购置, or 项目（工程）验收合格率 of a 农业农村 project that builds). A grain reserve,
    a school's 公用经费 or an allowance delivers nothing a 验收 checks, and the type file leaves
    acceptance out for them; a wording many tables share is held to the same rule."""
    if _ACCEPTANCE not in simplified(name or ""):
        return True
    return any(
        _ACCEPTANCE in ind.name and (not ind.needs or any(word in said for word in ind.needs))
        for ptype in types
        for ind in ptype.indicators
    )


def _trim(
    drafted: list[DraftIndicator], limit: int, spare: set[int] = frozenset(), subject: str | None = None
) -> list[DraftIndicator]:
    """At most ``limit`` indicators, keeping coverage: drop the last generic fill-in (``spare``
    positions) of a category that has several first — one that does not name the project's
    ``subject`` (完成时限) before one that does (物业管理质量达标率: the oracle of
    benchmarks/draft_ceiling.py keeps those more often) —, then the last of the most crowded
    category, then 成本, 时效 and 质量 — never the only 数量, 效益 or 满意度 indicator, and a
    quantity the goal states only after everything else."""
    drafted = list(drafted)
    generic = [n in spare for n in range(len(drafted))]
    while len(drafted) > limit:
        groups: dict[str, list[int]] = {}
        for n, ind in enumerate(drafted):
            groups.setdefault("2" if (ind.level2_code or "").startswith("2") else ind.level2_code or "", []).append(n)
        crowded = [ns for ns in groups.values() if len(ns) > 1]
        fill_ins = [n for ns in crowded for n in ns if generic[n]]
        if fill_ins:
            drop = max(fill_ins, key=lambda n: (not subject or subject not in drafted[n].name, n))
        elif crowded:
            drop = max(crowded, key=len)[-1]
        else:
            optional = [groups[code][0] for code in ("14", "13", "12") if code in groups]
            if not optional:
                break
            drop = optional[0]
        del drafted[drop]
        del generic[drop]
    return drafted


def with_findings(draft: Draft) -> Draft:
    """The draft with the linter's findings that remain (errors and warnings)."""
    findings = [f.to_dict() for f in lint_project(draft.project()) if f.severity != "info"]
    return draft.model_copy(update={"findings": findings})


def _unit_cost(yuan: float) -> str:
    """A unit cost as a clerk writes it: 万元 from 10,000 元 up, whole 元 from 100 元 up."""
    if yuan >= 10000:
        return f"{_money(round(yuan / 10000, 2))}万元"
    return f"{_money(round(yuan) if yuan >= 100 else round(yuan, 2))}元"


def _figure(value: float) -> str:
    """A goal's quantity as it was written (0.565公里, not 0.56): up to four decimals, no trailing zeros."""
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def _money(value) -> str:
    if value is None:
        return ""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text


def candidate_pool(request: DraftRequest, retriever: Retriever) -> list[tuple[str, str]]:
    """Every name a generator proposes for this project, before selection and the cut, as
    ``(name, generator)``: the ceiling of what selection can reach (benchmarks/draft_ceiling.py)."""
    types, topic = project_topic(request)
    sector = project_sector(request, types)
    quantities = goal_quantities(request.goal)
    said = _said(request)
    pool = [(name, "goal quantity") for name, _, _, _ in quantities]
    pool += [(name, "goal effect") for name, _, _ in goal_effects(request.goal)]
    pool += [(name, "goal work") for name, _ in goal_works(request.goal)]
    pool += [(name, "goal manner") for name, _, _, _ in goal_manners(request.goal)]
    pool += [(name, "goal period") for name, _, _, _ in goal_periods(request.goal)]
    for candidate, _ in retriever.candidates(topic, {t.id for t in types}, sector, None, request.department):
        if _indicator_like(candidate.indicator.name):
            pool.append((candidate.indicator.name, "library (guarded)"))
    for record, _ in published_for(types, sector, topic):
        made = from_published(record, request)
        if made:
            pool.append((made[0], "published library"))
    for item, _ in common_wordings(retriever):  # those drafting can use: named as a measure
        name = item.indicator.name or ""
        if (
            judge(name, topic).on_topic
            and _MEASURE_NAME.search(simplified(name))
            and _measures_what_it_has(name, types, said)
        ):
            pool.append((item.indicator.name, "common wording"))
    templates = [(t, ind) for t in types for ind in t.indicators] + [(None, ind) for ind in load_types().generic]
    for ptype, ind in templates:
        made = _from_template(ind, ptype, request, quantities, said)
        if made:
            pool.append((made[0], "type template"))
    return pool
