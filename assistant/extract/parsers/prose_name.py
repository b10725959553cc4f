"""Which project a text is about, when it lists none: a field, a heading, a sentence or the title.

In this order: a ``项目名称`` field (``项目名称：X``), a ``项目名称`` heading with the name on the line
under it, a transfer's title (``宁国市2023年X资金转移支付…报告`` names X资金), the subject of the
sentence stating the money (``X项目预算合计为…``, ``该X项目于…``), the report's title (``关于2019年度X
绩效评价报告``, or the bracketed line under it), the fund a notice passes (:mod:`.prose_passing`), or,
with no title, the sentence saying what the report evaluates (``对X项目开展了绩效自评``). A name from
anywhere but a field is flagged.
"""

from __future__ import annotations

import re

from ...messages import msg
from ...schema import Failure
from .form.labels import _T2S
from .prose_money import _GENERIC, _MONEY, _MONEY_WORD, _money, _one_smaller_part, _values
from .prose_passing import _FUND_NOTICE, _amount_after_name, _passed_fund
from .prose_read import _Read
from .prose_text import _SECTION_NUMBER

#: the subject of a sentence stating the money: X项目预算合计为… ; 该X项目于…
_SUBJECT = re.compile(
    # the year and the writer's own place heading the sentence are not the name's: 20xx我县X项目投入…资金共…
    rf"(?:^|(?<=[。\n]))[ \t\u3000]*(?:(?:\d{{4}}|20xx)年?度?)?(?:我[县区市州省镇乡])?(?P<this>该)?"
    rf"(?P<name>[\u4e00-\u9fff\d][^。\n，,；;：:“”]{{1,80}}?项目)(?=于|立项批复|投入|{_MONEY_WORD})"
)
_NAME_FIELD = re.compile(
    r"项目名称[ \t\u3000]*[:：|｜][ \t\u3000|｜]*(?P<name>[^|｜\n]{2,80}?)[ \t\u3000]*(?:[|｜\n]|$)"
)
#: 项目名称 as a heading of its own (一、项目名称), the name alone on the next line with text under it
_NAME_HEADING = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）])?[ \t\u3000]*"
    r"项目名称[ \t\u3000]*[:：]?[ \t\u3000]*\n(?:[ \t\u3000]*\n)*[ \t\u3000]*"
    r"(?P<name>[^\s。；;，,:：|｜][^\n。；;，,:：|｜]{1,59}?)[ \t\u3000]*\n",
    re.M,
)
#: a title's last words; a 范文 page (a compilation of sample reports) adds its own: X报告范文(精选8篇),
#: X报告[热门]
_TITLE_WORDS = re.compile(
    r"(?:公示|公告|通知|报告|说明|情况)(?:范文)?"
    r"(?:[（(][^（()）\n]{0,4}\d{1,3}篇[)）]|[【\[](?:热门|精选|推荐|优选|通用|最新|必备|实用|经典)[】\]])?[ \t\u3000]*$"
)
#: who writes the report, heading its title before the year: 县司法局2020年度X ; 枞阳县2023年度X
#: (a report's name leaves them out; a notice's keeps them: 章贡区2019年X项目…绩效目标情况公示)
_WRITER = r"[\u4e00-\u9fff]{1,20}?(?:省|市|县|区|旗|州|盟|镇|乡|局|委|会|院|厅|办|室|中心|站|所|馆|校)"
_NAME_IN_TITLE = re.compile(
    # the writer may head the title (某局关于…, or 某局 before the year); 绩效的自评报告, 绩效评价自评报告,
    # 支出绩效自评报告 as written; a bracketed kind of money heads some titles: (直达资金)X工程项目2020年度绩效自评报告.
    # 项目 stays in the name (X项目支出绩效评价报告 names X项目): the report's words start at 支出 or 绩效
    rf"^(?:[（(][^）)\n]{{2,8}}资金[)）])?(?:[^\n关]{{2,30}}关于)?(?:关于)?(?:(?P<writer>{_WRITER})?\d{{4}}年度?)?"
    r"(?P<name>.+?)(?:\d{4}年度?)?(?:支出)?"
    r"(?P<kind>绩效的?(?:自评|评价){0,2}报告|绩效目标|资金使用情况)"
)
#: what a disclosure title lists after the project (…项目立项依据、实施主体、预算安排及绩效目标情况公示)
_ASPECTS = re.compile(r"(?<=项目)(?:的)?(?:(?:立项依据|实施主体|预算安排|资金安排|建设内容|实施内容)[、，,和及与]*)+$")


_TITLE_LABEL = re.compile(r"^(?:名称|标题|标[ \t\u3000]*题)[ \t\u3000]*[:：][ \t\u3000|｜]*")


#: the title in a disclosure page's metadata grid, one cell after its label: 名称: | X报告 | 文号: | 无 |
_TITLE_CELL = re.compile(
    r"(?:^|[|｜][ \t\u3000]*)(?:名称|标题)[ \t\u3000]*[:：][ \t\u3000]*[|｜][ \t\u3000]*(?P<title>[^|｜\n]*[^|｜\s])[ \t\u3000]*(?=[|｜])"
)


def _title(plain: str) -> tuple[str, int] | None:
    """The notice's or report's heading: an early line ending in 公示/报告/通知/…; one with no colon
    when there is one (站名: 站名X报告 is the page's caption, the title printed under it)"""
    start, found = 0, []
    for n, whole in enumerate(plain.split("\n")):
        if n > 15:
            break
        line, pos = whole, start
        if cell := _TITLE_CELL.search(whole):  # 名称: | X报告 | 文号: | 无 |, a disclosure page's grid
            line, pos = cell.group("title"), start + cell.start("title")
        if (
            4 <= len(line.strip()) <= 80
            and _TITLE_WORDS.search(line)
            and ">" not in line
            and not _SECTION_NUMBER.match(line)  # 一、绩效目标分解下达情况: a section, not the title
        ):
            text = line.strip()
            label = _TITLE_LABEL.match(text)  # 名称: X报告, a disclosure's field: the title is X
            text = text[label.end() :] if label else text
            found.append((text, pos + line.find(text)))
        start += len(whole) + 1
    return next((t for t in found if not re.search("[:：]", t[0])), found[0] if found else None)


#: a line wholly in brackets: (教育专项工作经费)
_BRACKETED = re.compile(r"^[ \t\u3000]*[（(](?P<name>[^（()）\n]{2,60})[)）][ \t\u3000]*$", re.M)


def _subtitle(plain: str, title: tuple[str, int]) -> tuple[str, int] | None:
    """The project a report's title is about, written in brackets on the line under it
    (某单位2023年度项目支出绩效自评报告 / （某某经费）): a report of a unit's project spending names
    the project there. Not a year or a batch: those are the title's own."""
    line_end = plain.find("\n", title[1])
    if line_end < 0:
        return None
    nxt = plain.find("\n", line_end + 1)
    m = _BRACKETED.match(plain, line_end + 1, nxt if nxt >= 0 else len(plain))
    if m is None or re.fullmatch(r"[\d\s年度第一二三四五六七八九十批次-]+", m.group("name")):
        return None
    return m.group("name").strip(), m.start("name")


def name_in_money_sentence(text: str, end: int | None = None) -> tuple[str, int] | None:
    """The project a sentence states the money of (``X项目预算合计为…``, ``该X项目于…下达预算资金10万元``)
    and where its name starts; ``该`` ("this") and the word 项目 after it are not part of the name."""
    plain = text.translate(_T2S)
    end = len(plain) if end is None else end
    for m in _SUBJECT.finditer(plain, 0, end):
        name = m.group("name")
        if m.group("this"):
            name = name[: -len("项目")]
        sentence_end = min((i for i in (plain.find("。", m.end()), plain.find("\n", m.end())) if i >= 0), default=end)
        if _MONEY.search(plain, m.end(), sentence_end):
            at = m.start("name")
            return text[at : at + len(name)].strip(), at
    return None


def _one_project(plain: str, end: int, source: str) -> _Read | None:
    """The one project of a report: named by its 项目名称 field, its money sentence or its title."""
    if m := _NAME_FIELD.search(plain, 0, end):  # a lone field (项目名称：X / 日期：…) is no report: not alone
        return _Read(m.group("name").strip(), m.start("name"), (0, end))
    if m := _NAME_HEADING.search(plain, 0, end):  # 一、项目名称 / X / 二、立项依据 …: a project text
        return _Read(m.group("name").strip(), m.start("name"), (0, end), labeled=True)
    title = _title(plain)
    if title and (m := _NAME_IN_TITLE.match(title[0])) and _transfer(m):
        return _by_title(plain, title, end, source)  # a transfer's report: its title names the fund
    if subject := name_in_money_sentence(plain, end):
        read = _Read(subject[0], subject[1], (0, end))
        close = min((i for i in (plain.find("。", subject[1]), plain.find("\n", subject[1])) if i >= 0), default=end)
        every, whole = _money(plain, subject[1], close)
        if len(_values(whole)) == 1 and _one_smaller_part(_values(whole), every):
            read.stated = whole[0]
        return read
    if title is None:
        return _passed_fund(plain, end, source) or _evaluated(plain, end, source)
    return _by_title(plain, title, end, source)


#: the sentence of a report with no title saying what it evaluates: 对2021年度市X项目开展了绩效自评工作
_EVALUATED = re.compile(
    r"对(?:\d{4}年度?)?(?P<name>[^，,。；;：:\n“”《》（）()]{4,50}?)"
    r"项目(?:的)?(?:支出)?(?:开展|进行)了?(?:项目)?(?:支出)?绩效(?:自评|评价)"
)


def _evaluated(plain: str, end: int, source: str) -> _Read | None:
    """The project a report with no title and no money sentence evaluates, as its account of the
    work says (对2021年度市X项目开展了绩效自评工作): a self-evaluation names its project there, the
    year before it being the report's. Flagged: the name comes from a sentence."""
    m = _EVALUATED.search(plain, 0, end)
    if m is None:
        return None
    name, at = m.group("name").strip(), m.start("name")
    # 对…市X项目: 市 says whose project it is (the city's); where the text named X before without it
    # (X主要用于…), the name is as the text first wrote it
    if name[0] in _LEVELS and (first := plain.find(name[1:], 0, at)) >= 0 and plain[first - 1 : first] != name[0]:
        name, at = name[1:], first
    read = _Read(name, at, (0, end), labeled=True)
    read.notes.append(Failure(source=source, field="项目名称", message=msg("PROSE_NAME_EVALUATED", name=read.name)))
    return read


#: a level of government heading a name: 市X项目 is the city's X
_LEVELS = "省市县区州"


#: a transfer's name in a report's title: X资金转移支付
_TRANSFER = re.compile(r"(?:资金|经费)转移支付$")


def _transfer(m: re.Match[str]) -> bool:
    """The title names a transfer (X资金转移支付2023年度绩效自评报告), not a project whose name
    ends so (X转移支付项目绩效评价报告: that project's name is its own)."""
    return bool(_TRANSFER.search(m.group("name").rstrip())) and not m.string.startswith("项目", m.end("name"))


def _only_kind(name: str) -> bool:
    """The name says only what kind of money or work it is (专项资金, 工程项目): it names nothing."""
    return len(_GENERIC.sub("", name)) < 2


def _by_title(plain: str, title: tuple[str, int], end: int, source: str) -> _Read | None:
    """The project a report's title (or the line under it) names, or the fund its notice passes."""
    if subtitle := _subtitle(plain, title):  # 某单位2023年度项目支出绩效自评报告 / (某某经费)
        return _named_by_title(subtitle[0], subtitle[1], end, source)
    if (
        (m := _NAME_IN_TITLE.match(title[0]))
        and len(named := _ASPECTS.sub("", m.group("name")).strip()) >= 4
        and (m.group("writer") or not _only_kind(named))  # not 工程项目 of 工程项目绩效评价报告
        and not _WHOLE_UNIT.search(m.group("name"))  # 部门整体支出绩效评价报告: the unit's spending, no project
    ):
        name = named  # X项目立项依据、实施主体、预算安排及(绩效目标)
        at = title[1] + m.start("name")
        # a report leaves its writer and year out of the name, a notice (公示) keeps them; so does a
        # name that would say nothing without them (某会2020年度专项资金: the writer's money)
        if m.group("writer") and _only_kind(name) and (passed := _passed_fund(plain, end, source)):
            return passed  # 某会2020年度专项资金…报告 / 财政下达X专项资金28万元: the fund passed names it (i13)
        if m.group("writer") and (not m.group("kind").endswith("报告") or _only_kind(name)):
            name, at = title[0][m.start("writer") : m.start("name")] + name, title[1] + m.start("writer")
        # a transfer's report is titled by the place it reached: 宁国市2023年X资金转移支付…报告 → X资金
        if _transfer(m) and len(name) > 8:
            name = name[: -len("转移支付")]
            if place := _PLACE.match(name):
                name, at = name[place.end() :], at + place.end()
        return _named_by_title(name, at, end, source)
    if m := _FUND_NOTICE.search(title[0]):
        read = _named_by_title(m.group("name").strip(), title[1] + m.start("name"), end, source)
        read.total, found = _amount_after_name(plain, read.name, title[1] + len(title[0]), end)
        if read.total is None and len(found) > 1:  # the name stands, the amounts are not guessed
            text = "、".join(m.group(0)[len(read.name) :].strip() for m in found)
            read.notes.append(
                Failure(source=source, field="amounts.total", message=msg("PROSE_AMOUNTS_SEVERAL", text=text))
            )
        return read
    return _reported(plain, end, source) or _passed_fund(plain, end, source)


#: the report's own sentence presenting itself: 现将我市20xx年度X项目自评报告如下 (the writer's place
#: left out, the year kept as written)
_REPORTED = re.compile(
    r"现将(?:我[市县区州省镇乡]|本[市县区州省镇乡局委单位]{1,2})?(?P<name>[^，,。；;：:\n“”《》（）()]{4,60}?项目)"
    r"(?:的)?(?:支出)?(?:绩效)?(?:自评|评价)(?:报告|情况|结果)[^。\n]{0,6}如下"
)


def _reported(plain: str, end: int, source: str) -> _Read | None:
    """The project a report presents in its opening sentence (现将我市X项目自评报告如下), when its title
    names none (工程项目绩效评价报告, a 范文 page's heading): flagged, the name comes from a sentence.
    The money is what the report says was passed for it, when it passes one fund with one amount."""
    m = _REPORTED.search(plain, 0, end)
    if m is None or _only_kind(m.group("name")):
        return None
    read = _Read(m.group("name").strip(), m.start("name"), (0, end), labeled=True)
    read.notes.append(Failure(source=source, field="项目名称", message=msg("PROSE_NAME_EVALUATED", name=read.name)))
    if (passed := _passed_fund(plain, end, source)) is not None:  # 文件下达我市X工程160万元: its money
        read.total = passed.total
        read.notes += [note for note in passed.notes if note.field != "项目名称"]  # how the money was found
    return read


#: a title about a unit's spending as a whole, which names no project: 部门整体(支出) ; 单位整体
_WHOLE_UNIT = re.compile(r"(?:部门|单位)?整体(?:支出)?$")

#: a place heading a transfer's name, and the year after it: 宁国市2023年 ; 宣州区
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,3}?[县区市旗](?:\d{4}年度?)?(?=[\u4e00-\u9fff])")


def _named_by_title(name: str, at: int, end: int, source: str) -> _Read:
    """A project named from the report's title or the line under it, flagged as such: a report
    about one project names it there, whatever else its text tells (the name stands alone)."""
    read = _Read(name, at, (0, end), labeled=True)
    read.notes.append(Failure(source=source, field="项目名称", message=msg("PROSE_NAME_FROM_TITLE", name=name)))
    return read
