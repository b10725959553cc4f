"""Indicator names phrased from the project's own goal, as clerks write them.

Real tables often name a 效益 indicator by the effect the goal announces, verb and all
(goal "…有效提升全民健康水平" → 提升全民健康水平; "…促进学前教育普及普惠安全优质发展" →
促进学前教育普及普惠优质发展). :func:`goal_effects` reads those clauses: a clause that starts
with an effect verb (提升, 促进, 改善, 保障 …), once its adverbs (进一步, 有效 …) are dropped,
short enough to be a name and stating no number (a number is a target: see
``adapt.goal_quantities``). The value is the graded 达到 (reached / not reached at the
year-end review): the goal states the effect but no figure to measure it by, and inventing
one would be a silent wrong answer.

Clerks also name a 数量 indicator by the work the goal says the project does (goal "…按时足额
发放村组干部报酬" → 按时发放村组干部报酬; "资助贫困教师及学生" → 资助困难教师及学生).
:func:`goal_works` reads those: a clause naming an action (开展, 发放, 维修, 资助 …) on its
object, stating no figure and no effect, short enough to be a name. It is drafted as
``<work>完成率`` at 100%: the goal states the work without a count, so what can be checked
at year end is whether all of it was done — the same completion rate the type templates
use when the goal gives no number; no count is invented.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..targets import find_vague_phrase
from ..textnorm import simplified

__all__ = [
    "as_written",
    "goal_clauses",
    "EFFECT_VALUE",
    "WORK_VALUE",
    "AID",
    "goal_effects",
    "goal_works",
    "goal_manners",
    "goal_periods",
    "effect_code",
    "served",
    "aid_word",
    "names_subject",
]

#: where a goal's clauses part: punctuation, a line break, or a space between two words (goals
#: pasted with spaces for commas: 完成200户危房改造 培训300人次); a space inside a figure (7 个) is not
_CLAUSE_BREAK = r"[，,；;。\n]|(?<=[\u4e00-\u9fff%)）A-Za-z²])[ \t\u3000]+(?=[\u4e00-\u9fff])"


def goal_clauses(goal: str | None, extra: str = "") -> list[str]:
    """The goal's clauses, as written (``extra``: more break patterns, a regex alternation)."""
    return re.split(_CLAUSE_BREAK + extra, goal or "")


def as_written(name: str, text: str) -> str:
    """A name read on the simplified text, in the script ``text`` is written in (受益貧困人口數
    stays traditional, so the guard finds it in the project's own words): each character the
    text writes in traditional form is given back, and in a traditional text the words the
    reader adds are written traditional too (營造林面積, not 營造林面积)."""
    written = unicodedata.normalize("NFKC", text or "")
    back: dict[str, str] = {}
    for plain, char in zip(simplified(written), written):
        if plain != char:
            back.setdefault(plain, char)
    named = "".join(back.get(c, c) for c in name)
    if back:  # a traditional goal: the words the reader adds (面积, 数量) in its script too
        import zhconv

        whole = zhconv.convert(named, "zh-hant")
        named = whole if len(whole) == len(named) and simplified(whole) == simplified(named) else named
    return named


#: the graded value of an effect the goal states without a figure (达到 / 未达到)
EFFECT_VALUE = "达到"
_EFFECT_VERB = re.compile(
    r"^(?:提升|提高|促进|改善|保障|增强|推动|减轻|巩固|满足|维护|优化|加快|健全|带动|增加|丰富|扩大|降低|减少|加强"
    r"|保持|稳定|发挥|控制)"  # 保持和稳定地方粮食储备机制, 发挥科技特派员创业带头人作用, 控制疫病的发生和流行
)
#: an effect said by its result (农产品质量安全得到提升): a clause ending so is an effect too
_EFFECT_RESULT = re.compile(r"(?:得到|有所|明显|显著)(?:提升|提高|改善|加强|增强|巩固|保障)$")
_ADVERBS = re.compile(
    r"^(?:进一步|切实|有效|全面|着力|不断|持续|从而|以此|以|并|和|及|为|同时|大力|逐步|明显|另一方面|一方面|实现)+"
)
_NUMBERING = re.compile(
    r"^(?:(?:目标)?[\d一二三四五六七八九十]+[.、)）:：]|[(（][\d一二三四五六七八九十]{1,2}[)）]|[\u2460-\u2473])"
)
#: which 效益 code an effect belongs to, by a word in it; first match wins, else 社会效益
_EFFECT_CODES = (
    ("收入|增收|产值|经济|就业|市场|消费", "21"),
    ("生态|环境|绿化|污染|水源|森林|空气|节能|减排", "23"),
    ("长效|可持续|持续|机制|长期", "24"),
)
#: a name longer than this is a description of the work (MAX_NAME in adapt, less a margin)
MAX_EFFECT = 16


def effect_code(clause: str) -> str:
    """The level-2 code of a stated effect: 21 经济, 23 生态, 24 可持续, else 22 社会."""
    for pattern, code in _EFFECT_CODES:
        if re.search(pattern, clause):
            return code
    return "22"


def goal_effects(goal: str | None) -> list[tuple[str, str, str]]:
    """The effects the goal states, as ``(name, level-2 code, clause)``, in the goal's order."""
    found = []
    for clause in goal_clauses(unicodedata.normalize("NFKC", goal or ""), r"|[：:]"):
        text = _cut_lead(_ADVERBS, _NUMBERING.sub("", clause.strip())).strip()
        plain = simplified(text)  # 促進 is 促进: the verbs and words are matched simplified
        if not 4 <= len(text) <= MAX_EFFECT or re.search(r"[\d、(（]", text) or not _is_effect(plain):
            continue
        found.append((text, effect_code(plain), clause.strip()))
    return found


def _cut_lead(pattern: re.Pattern, text: str) -> str:
    """``text`` without the lead ``pattern`` finds in its simplified form (one character for one)."""
    lead = pattern.match(simplified(text))
    return text[lead.end() :] if lead else text


def _is_effect(text: str) -> bool:
    """An effect: led by its verb (提升全民健康水平) or closed by its result (质量安全得到提升)."""
    return bool(_EFFECT_VERB.match(text) or _EFFECT_RESULT.search(text))


#: the value of the work the goal states without a count: all of it done
WORK_VALUE = "100%"
#: an action a project spends on (read on simplified text: 發放 is 发放)
_WORK_VERBS = (
    "开展|完成|提供|发放|建设|维护|实施|采购|购置|购买|资助|给予|更新|维修|改造|养护|举办|组织|新建|修建|安装|配备"
    "|补贴|救助|慰问|培训|监测|检测|整治|运行|运转|开放|支付|缴纳|租赁|补助|宣传|服务|管理|保洁|巡逻"
    "|建立|编制|印制|制作|调查|防控|免疫|收集|处理|清运|清扫|添置|减免|送"
)
#: how the work is done, before its verb (按时足额发放, 深入开展): part of the name
_MANNER = "(?:按时|按月|按期|及时|足额|高质量|保质保量|认真|深入|规范|免费)*"
#: a work says what is done first (开展…, 按时发放…) or last (农村低保金的发放, 基础设施建设)
_WORK = re.compile(rf"^{_MANNER}(?:{_WORK_VERBS})|(?:{_WORK_VERBS})$")
#: words before the work that are not part of it (通过, 确保, 用于 …)
_WORK_LEAD = re.compile(
    r"^(?:通过|确保|保证|力争|实现|推动|争取|使|其中|全年|年度|每年|共|累计|进一步|切实|有效|全面|着力|不断|持续"
    r"|从而|以此|以|并|和|及|为|同时|大力|逐步|明显|用于|主要用于|按照|根据|对|在)+"
)
#: 本项目实施后, 项目的: about the project, not its work
_PROJECT_LEAD = re.compile(r"^本?项目(?:的)?(?:实施)?(?:后)?")
#: a figure is a goal quantity (``adapt.goal_quantities``), a rate or a wish an effect, money an
#: input (投入不能作为绩效目标): none of them is the work
_NOT_WORK = re.compile(
    r"\d|[一二三四五六七八九十两]+[个项次所户人]|率|满意|目标|水平|经费|资金|费用|费$|工资|预算"
    r"|能力|机制|体系|素养|法治政府"  # 建立完备的预警处置机制, 建设法治政府: an aim, not a work done by year end
)
_WORK_TAIL = re.compile(r"(?:(?:工作|任务)+|的需要|需要|目的)$")
#: the shortest work worth a name (发放补贴 says less than 发放村组干部报酬)
MIN_WORK = 5


def _is_work(text: str) -> bool:
    plain = simplified(text)
    return bool(_WORK.search(plain)) and not _NOT_WORK.search(plain) and not _is_effect(plain)


def _pieces(clause: str) -> list[str]:
    """A clause's works: its 、-separated pieces when each is a work of its own (开展A、组织B),
    else the clause whole (更新剧团老化、损坏的音响: a list of objects of one action)."""
    parts = [_work_text(p) for p in clause.split("、")]
    return parts if len(parts) > 1 and all(_is_work(p) for p in parts) else [_work_text(clause)]


def _work_text(text: str) -> str:
    """The work alone: numbering, lead words (通过, 本项目) and a 工作/任务 tail taken off, read on
    the simplified text (任務 is 任务) and cut from the clause as written (NFKC already: same length)."""
    text = _NUMBERING.sub("", text.strip())
    for pattern in (_WORK_LEAD, _PROJECT_LEAD):
        lead = pattern.match(simplified(text))
        text = text[lead.end() :].strip() if lead else text
    return _cut_tail(text)


def _cut_tail(text: str) -> str:
    tail = _WORK_TAIL.search(simplified(text))
    return text[: tail.start()] if tail else text


#: words a name does without: 添置一些新剧目所必需的演出设备 → 添置新剧目演出设备
_FILLERS = re.compile(r"一些|有关的|所必需的|所必须的|所需要的|所需的|所必需|所需")
#: a place the goal speaks from (我县, 全市): the clerk's own, said by the table already
_DEIXIS = re.compile(r"^(?:我|全|本)(?:省|市|县|区|镇|乡|街道)")
#: a count's measure word left where the figure was lost (完成道路建设座: 道路建设1座)
_LOST_COUNT = re.compile(rf"(?:{_WORK_VERBS})[座个处台套项间栋条所家批次]$")
#: only how and what is done, nothing it is done to (按时足额发放)
_NO_OBJECT = re.compile(rf"^{_MANNER}(?:{_WORK_VERBS})+$")


def _tidy(text: str) -> str | None:
    """The work as a name: fillers, a leading 我县 and a trailing 等 or lost measure word taken
    off; None when no object is left (按时足额发放 says what, not what of)."""
    plain = simplified(text)
    if _NO_OBJECT.match(plain):
        return None
    text = _cut_lead(_DEIXIS, _FILLERS.sub("", text))
    text = re.sub(r"等$", "", text)
    return text[:-1] if _LOST_COUNT.search(simplified(text)) else text


def goal_works(goal: str | None) -> list[tuple[str, str]]:
    """The work the goal says the project does, as ``(name, clause)`` in the goal's order:
    ``<work>完成率`` ("完成我市建成区的绿化养护工作" → 建成区的绿化养护完成率; "维修审判大楼玻璃
    幕墙等" → 维修审判大楼玻璃幕墙完成率; "完成道路建设座", its figure lost → 道路建设完成率)."""
    found = []
    for clause in goal_clauses(unicodedata.normalize("NFKC", goal or ""), r"|[：:]"):
        for text in _pieces(clause):
            if not _is_work(text) or find_vague_phrase(text):
                continue
            done = re.match(rf"{_MANNER}完成", simplified(text))
            text = _cut_tail(text[done.end() :]) if done else text  # 完成…完成率 says it twice
            text = _tidy(text)
            if text is None:
                continue
            if not MIN_WORK <= len(text) <= MAX_EFFECT or not re.fullmatch(r"[\u4e00-\u9fff“”\"]+", text):
                continue
            found.append((text + "完成率", clause.strip()))
    return found


def names_subject(work: str, subject: str) -> bool:
    """The work is the project's subject again: it names the subject (给予宁河区民办园房租补贴 for
    民办园房租补贴), or what it acts on is the subject's (提供物业管理服务 for 市民中心物业管理服务,
    市民中心提供物业管理 too: the actions aside, its words are the subject's);
    the type's ``{subject}完成率`` says that shorter."""
    plain, subject = simplified(work.removesuffix("完成率")), simplified(subject)
    acted_on = re.sub(rf"^{_MANNER}(?:{_WORK_VERBS})", "", plain)
    things = re.sub(_WORK_VERBS, "", plain)  # 市民中心提供物业管理 is about 市民中心物业 (管理服务) too
    return (
        subject in plain
        or (len(acted_on) >= 2 and acted_on in subject)
        or (len(things) >= 2 and things in re.sub(_WORK_VERBS, "", subject))
    )


#: who a project serves, as clerks name whom a 满意度 surveys (学生满意度, 游客满意度); longer names
#: first (学生家长 before 学生). 群众 is left out: 受益群众满意度 is already every draft's fill-in
_SERVED = re.compile(
    "学生家长|困难群众|贫困人口|脱贫户|种植户|养殖户|残疾人|优抚对象|救助对象|老年人|参训人员"
    "|学生|家长|教师|居民|村民|农户|市民|游客|读者|学员|职工|患者|老人|儿童|幼儿|租户|干部|干警|商户|企业"
)

#: 市民中心, 职工之家, 幼儿师范高等专科学校: a place named after people, not people served
_PLACE_AFTER = re.compile("中心|广场|公园|大厅|之家|大楼|园|师范")  # 幼儿园, 幼儿师范: no 幼儿 served


@lru_cache(maxsize=1024)  # asked once per template indicator of a draft
def served(name: str | None, goal: str | None) -> str | None:
    """The people the project's own name or goal says it serves (the first named, as written:
    貧困人口 stays traditional, so the guard finds it in the text), or None."""
    text = unicodedata.normalize("NFKC", f"{name or ''} {goal or ''}")
    plain = simplified(text)  # one character for one: the offsets hold in text
    for found in _SERVED.finditer(plain):
        if not _PLACE_AFTER.match(plain, found.end()):
            return text[found.start() : found.end()]
    return None


#: what ``{aid}`` in a type-file name becomes when the project's text names no kind of aid
AID = "补助"
#: the kinds of aid a subsidy project pays, as clerks name them in its indicators (补贴覆盖率,
#: 救助覆盖率, 慰问对象满意度, 资助学生满意度): the project's own word, not always 补助
_AID = re.compile("补贴|补助|救助|资助|慰问|津贴|抚恤|扶助|奖补")


@lru_cache(maxsize=1024)
def aid_word(name: str | None, goal: str | None) -> str:
    """The kind of aid the project's name says it pays (its first: 临时救助 → 救助, 房租补贴 →
    补贴, 百岁老人慰问费 → 慰问), else its goal's, else 补助; as written (補貼 stays traditional,
    so the guard finds it in the text)."""
    for text in (name, goal):
        text = unicodedata.normalize("NFKC", text or "")
        found = _AID.search(simplified(text))  # one character for one: the offsets hold in text
        if found:
            return text[found.start() : found.end()]
    return AID


#: how money is to be paid (按时, 及时, 足额, 合规 …) and the payment, as goals state them:
#: "保证补贴资金及时、足额、合规发放", "按时发放村组干部报酬", "按规定及时发放…岗位补贴"
_PAYMENT = re.compile(
    r"(?P<before>[\u4e00-\u9fff]{0,10}?)(?P<manner>(?:按时|及时|按期|按月|足额|合规|规范|按规定|、)+)"
    r"(?P<verb>发放|拨付|支付|兑付|兑现)(?P<after>[\u4e00-\u9fff]{0,14})"
)
#: what each manner promises, as the rate a clerk checks it by (name pattern, level-2 code)
_MANNER_RATES = (
    ("按时|按期|按月", "{obj}{manner}{verb}率", "13"),  # as written: 按时发放, 按月发放
    ("及时", "{obj}{verb}及时率", "13"),
    ("足额", "{obj}足额{verb}率", "12"),
    ("合规|规范|按规定", "{obj}{verb}合规率", "12"),
)
_PAYMENT_LEAD = re.compile(r"^(?:保证|确保|保障|做到|实现|力争|要求|并|且|和|将)+")


def goal_manners(goal: str | None) -> list[tuple[str, str, str, str]]:
    """The payment promises the goal makes, as ``(name, value, level-2 code, clause)``: each way
    the money is to be paid becomes the rate it is checked by, at 100% (the goal promises all of
    it), in the goal's own words: "补贴资金及时、足额、合规发放" → 补贴发放及时率 (13), 补贴足额发放率
    (12), 补贴发放合规率 (12); "按时发放村组干部报酬" → 村组干部报酬按时发放率. What is paid is named
    before the manner (补贴资金, less 资金) or after the verb, else 资金."""
    found: list[tuple[str, str, str, str]] = []
    for clause in goal_clauses(unicodedata.normalize("NFKC", goal or "")):
        plain = simplified(clause.strip())
        match = _PAYMENT.search(plain)
        if not match:
            continue
        before = _PAYMENT_LEAD.sub("", _NUMBERING.sub("", match["before"]))
        obj = re.sub(r"(?:资金|经费)$", "", before) or re.sub(r"的", "", match["after"]) or "资金"
        if not 2 <= len(obj) <= 12:
            obj = "资金"  # a whole sentence before the payment names no one thing paid
        for manner, pattern, code in _MANNER_RATES:
            said = re.search(manner, match["manner"])
            if not said or (code == "13" and any(c == "13" for _, _, c, _ in found)):
                continue  # one timing per payment: 按月及时发放 is checked once
            name = as_written(pattern.format(obj=obj, manner=said.group(0), verb=match["verb"]), clause)
            found.append((name, WORK_VALUE, code, clause.strip()))
    return found


#: a date as goals write it: 2021年12月31日, 2023年7月, 2023.07, 2023-07
_DATE = r"(?P<{0}y>20\d\d)\s*(?:年|[.\-/])\s*(?P<{0}m>\d{{1,2}})(?:\s*月)?(?:\s*(?P<{0}d>\d{{1,2}})\s*日)?"
#: "服务周期2023.07-2024.01", "实施期限:2023年7月至2024年1月": the period the goal states
_PERIOD = re.compile(
    r"(?P<name>(?:服务|实施|建设|项目|补贴|补助)(?:周期|期限|期))\s*(?:为|是)?\s*[:：]?\s*"
    + _DATE.format("a")
    + r"\s*(?:[-－~～至到—]+)\s*"
    + _DATE.format("b")
)
#: "2021年12月31日前完成", "于2022年6月底前完工": the deadline the goal states
_DEADLINE = re.compile(
    r"(?:于|在)?" + _DATE.format("a") + r"\s*(?P<end>底)?(?:前|以前|之前)\s*(?:全部)?(?:完成|完工|建成|投入使用)"
)


def _written(match: re.Match, side: str) -> str:
    day = match[f"{side}d"]
    return f"{match[f'{side}y']}年{int(match[f'{side}m'])}月" + (f"{int(day)}日" if day else "")


def goal_periods(goal: str | None) -> list[tuple[str, str, str, str]]:
    """The time the goal sets, as ``(name, value, "13", clause)``: a period it names (服务周期
    2023.07-2024.01 → 服务周期 2023年7月至2024年1月) or a deadline for the work (2021年12月31日前
    完成 → 项目完成时限 2021年12月31日前), written as clerks write dates, so the value reads as a
    time limit (月(截止)) and is checked against the goal's own date, not the template's 12月底前."""
    found: list[tuple[str, str, str, str]] = []
    for clause in goal_clauses(unicodedata.normalize("NFKC", goal or "")):
        plain = simplified(clause.strip())
        period = _PERIOD.search(plain)
        if period:
            name = as_written(period["name"], clause)
            found.append((name, f"{_written(period, 'a')}至{_written(period, 'b')}", "13", clause.strip()))
            continue
        deadline = _DEADLINE.search(plain)
        if deadline and not any(n == "项目完成时限" for n, *_ in found):
            found.append(("项目完成时限", f"{_written(deadline, 'a')}{deadline['end'] or ''}前", "13", clause.strip()))
    return found
