"""The running text as the prose readers see it, and how it numbers its parts.

A notice or report comes as a page's text: a traditional mirror prints pinyin readings after
characters (markup, left out), a PDF wraps its lines at the column's width (joined again), and
the page's footer (来源, 附件, 扫一扫) is not the report's. Sections and items are numbered in a
few ways (一、 (一) 1. (1)); the patterns for those heads live here so every reader finds the
same boundaries.
"""

from __future__ import annotations

import collections
import re

from .form.labels import _READING  # a mirror's pinyin after a character, 數(shù)

_STOP = re.compile(r"^[ \t\u3000]*(?:来源[:：]|附件|扫一扫)", re.M)


def _without_readings(text: str) -> tuple[str, list[int]]:
    """The text with pinyin readings removed, and where each kept character was."""
    kept, where, pos = [], [], 0
    for m in _READING.finditer(text):
        kept.append(text[pos : m.start()])
        where.extend(range(pos, m.start()))
        pos = m.end()
    kept.append(text[pos:])
    where.extend(range(pos, len(text) + 1))
    return "".join(kept), where


_CLOSED = "。！？!?；;：:"


def _unwrapped(text: str, where: list[int]) -> tuple[str, list[int]]:
    """The text with a PDF's wrapped lines joined: when three lines or more that end mid-sentence
    share one length of 20 characters or more (the column's width, give or take a character), each
    line of that width that ends mid-sentence (not at 。；： …) runs on into the next."""
    lines = text.split("\n")
    widths = collections.Counter(len(x) for x in lines if len(x) >= 20 and not x.rstrip().endswith(tuple(_CLOSED)))
    full = [w for w, n in widths.items() if n + widths.get(w - 1, 0) >= 3 and n >= 2]
    if not full:
        return text, where
    width = max(full)
    kept, kept_where, pos = [], [], 0
    for n, line in enumerate(lines):
        kept.append(line)
        kept_where.extend(where[pos : pos + len(line)])
        pos += len(line)
        if n + 1 < len(lines):
            if not (width - 1 <= len(line) <= width and not line.rstrip().endswith(tuple(_CLOSED))):
                kept.append("\n")
                kept_where.append(where[pos])
            pos += 1
    kept_where.append(where[pos])
    return "".join(kept), kept_where


#: a numbered item's head: 1. ; 2、 ; (3)
_ITEM_NUMBER_HEAD = r"^[ \t\u3000]*(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）])"
_ITEM_HEAD = re.compile(_ITEM_NUMBER_HEAD)


def _item_headed(name: str) -> str:
    """The pattern (re.M) of a numbered item that ``name`` heads: 1. A: ; (2)A："""
    return rf"{_ITEM_NUMBER_HEAD}[ \t\u3000]*{re.escape(name)}[:：]"


#: the next heading of the report, which ends the last project's background: 2.项目绩效目标 ; （二）… ; 二、…
_NEXT_HEADING = re.compile(
    r"^[ \t\u3000]*(?:\d{1,2}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)", re.M
)


#: a line that ends the lines under a label: a section numbered in words (二、 ; (三))
_SECTION_HEAD = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])")


#: the number a section heading opens with: 一、 (一) 1. 1、
_SECTION_NUMBER = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、.．])"
)


#: a line of running text: long, with a sentence's punctuation (not a heading, nor a page's
#: breadcrumb or metadata line)
_BODY_LINE = re.compile(r"^(?=[^\n]*[。，,])[^\n]{40,}$", re.M)


def _end(plain: str) -> int:
    """Where the text ends: at the page's footer (来源：…, 附件, 扫一扫). ``附件2`` over the title
    opens the text, and a ``来源：`` line above the body (under the title, beside 作者 / 发布时间)
    is the page's header, not its footer: a 来源 line ends the text only after a paragraph."""
    first_line = plain.find("\n", len(plain) - len(plain.lstrip()))
    body = _BODY_LINE.search(plain)
    for m in _STOP.finditer(plain, max(first_line, 0)):
        if "来源" in m.group(0) and (body is None or body.start() > m.start()):
            continue
        return m.start()
    return len(plain)
