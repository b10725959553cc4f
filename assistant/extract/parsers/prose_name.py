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
    rf"(?P<name>[\u4e00-\u9fff\d][^。\n，,；;：:“”]{{1,80}}?项目)(?=于|立项批[复覆]|投入|{_MONEY_WORD})"
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
    r"(?:公示|公告|通知|报告|说明|情况|(?:自评|评价)结果)(?:范文)?"
    r"(?:[（(][^（()）\n]{0,4}\d{1,3}篇[)）]|[【\[](?:热门|精选|推荐|优选|通用|最新|必备|实用|经典)[】\]])?[ \t\u3000]*$"
)
#: the unit that writes the report, heading its title before the year: 县司法局2020年度X (LABELING N2:
#: the unit is not the project, it is left out); a place before the year is the name's own and stays
#: (枞阳县2023年度X, 章贡区2019年X项目)
_WRITER = (
    r"[\u4e00-\u9fff()（）]{1,24}?(?:局|委|委员会|会|院|厅|办|办公室|室|中心|站|所|馆|校|队|残联|政府|分局)"
    r"(?=(?:\d{4}|20xx)年)"
)
#: what a notice does about the project, after 关于: 关于解决X项目资金… ; 关于申请X…
_TITLE_VERB = r"(?:解决|申请|安排|拨付|公布|公示)"
_NAME_IN_TITLE = re.compile(
    # the issuer may head the title (某局关于…), or the writing unit before the year (县司法局2020年度X);
    # 绩效的自评报告, 绩效评价自评报告, 支出绩效自评报告 as written; a bracketed kind of money files some
    # titles: (直达资金)X工程项目2020年度绩效自评报告. The name keeps the year and place in front of it
    # (2016年X项目, 枞阳县2023年度X项目, LABELING N2); the report's own year after it is left out.
    # 项目 stays in the name (X项目支出绩效评价报告 names X项目): the report's words start at 支出 or 绩效
    # the verb after 关于 is the notice's, not the name's (关于解决X项目资金绩效目标设定的公示)
    rf"^(?:[（(][^）)\n]{{2,8}}资金[)）])?(?:[^\n关]{{2,30}}关于)?(?:关于{_TITLE_VERB}?)?(?P<writer>{_WRITER})?"
    r"(?P<name>.+?)(?:[ \t\u3000]*\d{4}年度?)?\s*(?:支出)?"
    r"(?P<kind>绩效的?(?:自评|评价){0,2}报告|绩效目标|资金使用情况|(?:绩效)?(?:自评|评价)结果)"
)
#: what a disclosure title lists after the project (…项目立项依据、实施主体、预算安排及绩效目标情况公示)
_ASPECTS = re.compile(r"(?<=项目)(?:的)?(?:(?:立项依据|实施主体|预算安排|资金安排|建设内容|实施内容)[、，,和及与]*)+$")


_TITLE_LABEL = re.compile(r"^(?:名称|标题|标[ \t\u3000]*题)[ \t\u3000]*[:：][ \t\u3000|｜]*")


#: the title in a disclosure page's metadata grid, one cell after its label: 名称: | X报告 | 文号: | 无 |
_TITLE_CELL = re.compile(
    r"(?:^|[|｜][ \t\u3000]*)(?:名称|标[ \t\u3000]*题)[ \t\u3000]*[:：][ \t\u3000]*[|｜][ \t\u3000]*(?P<title>[^|｜\n]*[^|｜\s])[ \t\u3000]*(?=[|｜])"
)


def _title(plain: str) -> tuple[str, int] | None:
    """The notice's or report's heading: an early line ending in 公示/报告/通知/…; one with no colon
    when there is one (站名: 站名X报告 is the page's caption, the title printed under it). A title
    wrapped before its kind (X专项资金 / 绩效评价报告) is both lines; a title the text runs on from
    (X项目绩效评价报告摘要一、项目基本情况…, a document library's text in one line) is its beginning."""
    start, found, above, top = 0, [], None, 0
    for n, whole in enumerate(plain.split("\n")):
        if _ATTACHMENT.match(whole):  # 附件2: a document of its own begins, its title in its first lines
            top = n
        if n - top > 15:  # past the first lines of the text or of its last attachment
            start += len(whole) + 1
            continue
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
            at = pos + line.find(text)
            if _KIND_ONLY.match(text) and above is not None:  # 2021年度某镇乡村振兴专项资金 / 绩效评价报告
                text, at = plain[above[1] : at + len(text)], above[1]
            found.append((text, at))
        elif run_on := _TITLE_RUN_ON.match(whole):  # X项目绩效评价报告摘要一、…: the title, then the text
            found.append((run_on.group("title"), start + run_on.start("title")))
        if whole.strip():  # the line above the next one, when it could be a title's first part
            ok = 4 <= len(whole.strip()) <= 60 and not _SENTENCE_MARK.search(whole) and not _SECTION_NUMBER.match(whole)
            above = (whole.strip(), start + whole.find(whole.strip())) if ok else None
        start += len(whole) + 1
    return next((t for t in found if not re.search("[:：]", t[0])), found[0] if found else None)


#: an attachment's marker alone on its line (附件2, 附件：): what follows is a document of its own
_ATTACHMENT = re.compile(r"^[ \t\u3000]*附件[ \t\u3000]*\d{0,2}[ \t\u3000]*[:：]?[ \t\u3000|｜]*$")


#: a title line holding only the report's kind, its name on the line above: 支出绩效评价报告
_KIND_ONLY = re.compile(r"^(?:项目)?(?:支出)?绩效的?(?:自评|评价){1,2}(?:工作)?报告$")
#: a report's title that the text runs on from without a break: X项目绩效评价报告摘要一、项目基本情况
_TITLE_RUN_ON = re.compile(
    r"^[ \t\u3000]*(?P<title>[^\s，,。；;：:|｜]{4,60}?绩效(?:自评|评价){1,2}报告)(?=摘要|[一二]、|[（(][一―-][)）])"
)
#: punctuation of running text or a field: a line holding it is no title's first part
_SENTENCE_MARK = re.compile(r"[。，,；;：:|｜>]")


#: a page collecting sample reports: X报告范文汇总6篇, X报告范文(精选8篇), X报告(通用5篇)
_COLLECTION = re.compile(r"^[^\n。，,]{2,60}(?:报告|总结)(?:范文|[^\n。，,]{0,6}\d{1,3}篇)", re.M)


def _collection(plain: str) -> bool:
    """The page collects sample reports (范文): a line among its first ones names itself so."""
    head = "\n".join(plain.split("\n")[:16])
    return bool(_COLLECTION.search(head))


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


#: the work a sentence says is done, then refers back to as 该项目: 一是完成X建设,该项目总投资额为…
_THIS_PROJECT = re.compile(r"(?:完成|实施|开展|推进)(?P<name>[^，,。；;：:\n“”《》]{6,60}?)[，,][ \t\u3000]*该项目")


def name_in_title(text: str) -> tuple[str, int] | None:
    """The project a report's or notice's title names (X项目…绩效自评报告, 关于X项目资金绩效目标
    设定的公示, X项目自评结果), and where it starts; None when the title names none."""
    plain = text.translate(_T2S)
    if (title := _title(plain)) is None or (read := _titled(plain, title, len(plain), "")) is None:
        return None
    return text[read.name_at : read.name_at + len(read.name)].strip(), read.name_at


def name_before_this_project(text: str) -> tuple[str, int] | None:
    """The project a sentence names right before referring to it as 该项目 (一是完成东疆…配套设施建设,
    该项目总投资额为3.8亿元, m06), and where it starts; None when no sentence does."""
    m = _THIS_PROJECT.search(text.translate(_T2S))
    if m is None or _only_kind(m.group("name")):
        return None
    return text[m.start("name") : m.end("name")].strip(), m.start("name")


def _one_project(plain: str, end: int, source: str) -> _Read | None:
    """The one project of a report: named by its 项目名称 field, its money sentence or its title."""
    if m := _NAME_FIELD.search(plain, 0, end):  # a lone field (项目名称：X / 日期：…) is no report: not alone
        return _Read(m.group("name").strip(), m.start("name"), (0, end))
    if m := _NAME_HEADING.search(plain, 0, end):  # 一、项目名称 / X / 二、立项依据 …: a project text
        return _Read(m.group("name").strip(), m.start("name"), (0, end), labeled=True)
    if m := _FUND_FIELD.search(plain, 0, end):  # 专项名称 X资金 (a 绩效目标表 run together, n09): LABELING N1.1
        read = _Read(m.group("name").strip(), m.start("name"), (0, end), labeled=True)
        read.notes.append(
            Failure(source=source, field="项目名称", message=msg("PROSE_NAME_FROM_FUND_FIELD", name=read.name))
        )
        return read
    if part := _first_part(plain, end, source):  # 一、中央自然灾害救灾资金(森林草原航空消防租机补助经费)
        return part
    title = _title(plain)
    # the title before the body (LABELING N1): a title naming the project names it, even where the
    # money sentence words it otherwise (h16's adds a bracket); that sentence still says which amount.
    # A collection's title (X报告范文(精选6篇)) names the kind of report: its first report's sentence
    # names the project (o04), the title only when no sentence does (o03)
    collection = _collection(plain)
    titled = _titled(plain, title, end, source) if title and not collection else None
    if subject := name_in_money_sentence(plain, end):
        read = titled or _Read(subject[0], subject[1], (0, end))
        close = min((i for i in (plain.find("。", subject[1]), plain.find("\n", subject[1])) if i >= 0), default=end)
        every, whole = _money(plain, subject[1], close)
        if read.total is None and len(_values(whole)) == 1 and _one_smaller_part(_values(whole), every):
            read.stated = whole[0]
        return read
    if titled is not None:
        return titled
    if collection and (said := _reported(plain, end, source)):
        return said  # 现将我市X项目自评报告如下: the first report presents its project
    if collection and (said := _undertaken(plain, end, source)):
        return said  # 我局承担临城县2021年度X项目实施任务 (p06)
    if title is not None and (titled := _titled(plain, title, end, source)) is not None:
        return titled  # a collection's title, no sentence naming the project
    if title is None:
        return _passed_fund(plain, end, source) or _evaluated(plain, end, source) or _namely(plain, end, source)
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
    """The name says only what kind of money or work it is (专项资金, 2020年度专项资金, 工程项目): it
    names nothing."""
    return len(_GENERIC.sub("", _YEAR_WRITTEN.sub("", name))) < 2


#: a year written in a name: 2020年度 ; 20xx年 ; 2017-2019年
_YEAR_WRITTEN = re.compile(r"(?:\d{4}|20xx)(?:[-—至]\d{4})?年度?")


def _by_title(plain: str, title: tuple[str, int], end: int, source: str) -> _Read | None:
    """The project a report's title (or the line under it) names, or the fund its notice passes."""
    if (titled := _titled(plain, title, end, source)) is not None:
        return titled
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


def _titled(plain: str, title: tuple[str, int], end: int, source: str) -> _Read | None:
    """The project a report's title (or the bracketed line under it) names; None for a title
    naming no project (工程项目绩效评价报告, 部门整体支出…) or a notice passing a fund."""
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
        # the writing unit is left out of the name, unless the name would say nothing without it
        # (某会2020年度专项资金: the writer's money)
        if m.group("writer") and _only_kind(name) and (passed := _passed_fund(plain, end, source)):
            return passed  # 某会2020年度专项资金…报告 / 财政下达X专项资金28万元: the fund passed names it (i13)
        if m.group("writer") and _only_kind(name):
            name, at = title[0][m.start("writer") : m.start("name")] + name, title[1] + m.start("writer")
        # a transfer's report: 宁国市2023年X资金转移支付2023年度…报告 → 宁国市2023年X资金 (its place and
        # year stay, 转移支付 between the name and the report's kind goes)
        if _transfer(m) and len(name) > 8:
            name = name[: -len("转移支付")]
        return _named_by_title(name, at, end, source)
    return None


#: a fund's name field (LABELING N1.1): 专项名称 / 资金名称 / 转移支付(项目)名称, its value a fund's name;
#: in text run together the value ends at its first 资金/经费 (专项名称省级X专项资金市级主管部门…)
_FUND_FIELD = re.compile(
    r"(?:专项|资金|转移支付(?:项目)?|政策(?:项目)?)名称[ \t\u3000]*[:：|｜]?[ \t\u3000|｜]*"
    r"(?P<name>[^\s|｜:：，,。；;]{2,58}?(?:资金|经费))"
)

#: a report divided by fund, its first part headed by the fund: 一、中央自然灾害救灾资金(森林草原航空消防租机补助经费)
_PART_HEADING = re.compile(
    r"^[ \t\u3000]*一、(?P<name>[^，,。；;：:、\n]{4,60}?(?:资金|经费|项目)(?:[（(][^（()）\n]{2,30}[)）])?)[ \t\u3000]*$",
    re.M,
)
#: a report's own sections, not a fund: 一、项目基本情况 ; 一、绩效目标分解下达情况
_SECTION_WORDS = re.compile(r"情况|概况|分析|目标|评价|结论|问题|建议|说明|依据|背景|内容|管理|使用")


def _first_part(plain: str, end: int, source: str) -> _Read | None:
    """The fund heading the first part of a report divided by fund (LABELING N1.4, j11): the
    report's project, named as that heading writes it, flagged."""
    head_end = sum(len(line) + 1 for line in plain[:end].split("\n")[:20])
    m = _PART_HEADING.search(plain, 0, min(end, head_end))
    if m is None or _SECTION_WORDS.search(m.group("name")) or _only_kind(m.group("name")):
        return None
    read = _Read(m.group("name").strip(), m.start("name"), (0, end), labeled=True)
    read.notes.append(Failure(source=source, field="项目名称", message=msg("PROSE_NAME_FROM_PART", name=read.name)))
    return read


#: a fund said to be one project: X转移支付资金即Y项目(普惠) (the project the money is)
_NAMELY = re.compile(r"(?:资金|经费)即(?P<name>[^，,。；;：:\n“”《》]{4,80}?项目(?:[（(][^（()）\n]{1,10}[)）])?)")


#: the writer a self-evaluation opens with: 某街道对2025年X资金绩效目标实施情况开展自评
_OPENING_WRITER = re.compile(
    r"[ \t\u3000\n]*(?P<writer>[^\s，,。；;：:]{2,30}?)对[^。\n]{4,80}?开展(?:了)?(?:绩效)?自评"
)


def _namely(plain: str, end: int, source: str) -> _Read | None:
    """The project a text with no title says its fund is (…转移支付资金即…自然村农村公益事业建设财政奖补
    项目(普惠), p04), named as written, flagged: the name comes from a sentence."""
    m = _NAMELY.search(plain, 0, end)
    if m is None or _only_kind(m.group("name")):
        return None
    name, at = m.group("name").strip(), m.start("name")
    # the writer the text opens with (某街道对…开展自评) heading the name is the unit, not the project (N2)
    if (writer := _OPENING_WRITER.match(plain)) and name.startswith(writer.group("writer")):
        name, at = name[len(writer.group("writer")) :], at + len(writer.group("writer"))
    read = _Read(name, at, (0, end), labeled=True)
    read.notes.append(Failure(source=source, field="项目名称", message=msg("PROSE_NAME_EVALUATED", name=read.name)))
    return read


#: the writer's sentence saying which project it carried out: 我局承担临城县2021年度X项目实施任务
_UNDERTAKEN = re.compile(
    r"(?:我|本)[局委办院厅站所队]?(?:单位|中心)?承担(?:了)?(?P<name>[^，,。；;：:\n“”《》]{4,60}?项目)(?:的)?(?:实施|建设)?任务"
)


def _undertaken(plain: str, end: int, source: str) -> _Read | None:
    """The project the writer says it carried out (我局承担X项目实施任务), named as the sentence
    writes it (its place and year kept, LABELING N1.4/N2), flagged: the name comes from a sentence."""
    m = _UNDERTAKEN.search(plain, 0, end)
    if m is None or _only_kind(m.group("name")):
        return None
    read = _Read(m.group("name").strip(), m.start("name"), (0, end), labeled=True)
    read.notes.append(Failure(source=source, field="项目名称", message=msg("PROSE_NAME_EVALUATED", name=read.name)))
    return read


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


def _named_by_title(name: str, at: int, end: int, source: str) -> _Read:
    """A project named from the report's title or the line under it, flagged as such: a report
    about one project names it there, whatever else its text tells (the name stands alone)."""
    read = _Read(name, at, (0, end), labeled=True)
    read.notes.append(Failure(source=source, field="项目名称", message=msg("PROSE_NAME_FROM_TITLE", name=name)))
    return read
