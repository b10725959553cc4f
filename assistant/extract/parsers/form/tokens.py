"""A form's text cut into tokens: one per cell, ``|`` column or line, or per piece of a cell
where cells share one text (cut at white space, or at the labels when run together). Every
token keeps its cell and offsets, so each value read has a span. Also the values built from
tokens (:class:`_Value` of the header, :class:`_Item` of the grid) and the line-by-line view
of flattened text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ....ingest.cellgrid import join_wrapped
from ....ingest.document import Cell, Document, Row
from ....schema import Span
from ....textnorm import fold_whitespace, strip_markup
from .labels import (
    _GRAMMAR_COLON,
    _GRID_WORDS,
    _KEY_COLON,
    _KEY_SPACE,
    _LABEL_RE_SPACED,
    _T2S,
    _bare,
    _fold,
    _form_word,
    _key_field,
    _unread,
)


@dataclass(slots=True)
class Token:
    """A piece of a cell: its text and where it sits (cell, offsets in the cell, row, column)."""

    text: str
    cell: Cell
    start: int
    end: int
    row: int
    col: int

    def span(self) -> Span:
        return self.cell.span(self.start, self.end)

    def sub(self, start: int, end: int) -> Token:
        """``text[start:end]`` as a token of its own, its offsets still the cell's."""
        return Token(self.text[start:end], self.cell, self.start + start, self.start + end, self.row, self.col)


def _pieces(cell: Cell, pattern: re.Pattern[str] | None) -> list[list[tuple[int, int]]]:
    """The ``|`` columns of a cell (one when it has no ``|``), each a list of (start, end)
    of its non-blank pieces; cut at labels when ``pattern`` is given (text run together)."""
    columns: list[list[tuple[int, int]]] = []
    pos = 0
    for part in re.split(r"[|｜]", cell.text):
        start, end = pos, pos + len(part)
        pos = end + 1
        if not part.strip():  # an empty ``|`` column has no piece: cheap, as a web table has thousands
            columns.append([])
            continue
        # without ``pattern``: "项目名称：X  主管部门：Y" in one cell or line is cut around each key
        simplified = part.translate(_T2S)  # 項目名稱 cut as 项目名称 (one character for one: offsets hold)
        found = list((pattern or _KEY_COLON).finditer(simplified))
        if pattern is _LABEL_RE_SPACED:  # 项目单位: after a space, a key the run's labels do not list
            found = _with_colon_keys(found, simplified)
        if pattern is None and not found and (m := _KEY_SPACE.match(simplified)) and _key_field(m.group()):
            found = [m]  # "项目名称 社区矫正…" in one cell: the key, a space, its value
        if pattern is _SPACES:  # white space inside brackets is part of the cell: 数量( ≥**个 ),
            # and so is the space before a bracketed note: 数量指标 (必填), 项目总投入 (万元)
            inside_spaced = _inside_any(_spaced_form_words(part))  # 一 级 指 标
            net = _open_brackets(part)
            found = [
                m
                for m in found
                if (_depth(net, m.start()) == 0 or not _closed_later(net, m.start()))
                and not _NOTE_AFTER.match(part, m.end())
                and not inside_spaced(m.start(), m.end())
            ]
            found = _keep_wrapped_keys(simplified, found)
            # a key and its value joined by a colon (项目名称：X 主管部门：Y): cut at the key as
            # in a cell of its own, whatever the spaces around it
            found += [m for m in _KEY_COLON.finditer(simplified) if _depth(net, m.start()) == 0]
        spans = [
            (_doubled_project(part, m.start()) if pattern is _LABEL_RE_SPACED else m.start(), m.end()) for m in found
        ]
        if pattern is _LABEL_RE_SPACED:
            spans = _qualified_keys(simplified, spans)
        cuts = sorted({start, end, *(start + a for a, _ in spans), *(start + b for _, b in spans)})
        pieces: list[tuple[int, int]] = []
        for a, b in zip(cuts, cuts[1:]):
            text = cell.text[a:b]
            if text.strip() and _fold(text) not in (":", "："):
                lead = len(text) - len(text.lstrip())
                pieces.append((a + lead, a + len(text.rstrip())))
        if pattern is not None and pattern is not _SPACES:
            pieces = [cut for a, b in pieces for cut in _key_then_amount(cell.text, a, b)]
        columns.append(pieces)
    return columns


def _with_colon_keys(found: list[re.Match[str]], text: str) -> list[re.Match[str]]:
    """The labels found in text run together, with the composed keys written with their colon
    after white space (:data:`_GRAMMAR_COLON`) that no label found already covers."""
    extra = [
        m for m in _GRAMMAR_COLON.finditer(text) if not any(f.start() < m.end() and m.start() < f.end() for f in found)
    ]
    return sorted([*found, *extra], key=lambda m: m.start()) if extra else found


def _key_then_amount(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A piece of text run together that is a key, a space and an amount (本年一般公共预算拨款
    310.2154.74, the row's label and its cells with only the space between them): cut in two at
    the space, as a key and its value in a cell of their own would be. The keys read only as a
    cell of their own (一般公共预算…) are not cut out of running text, where they may be words of
    a sentence; a space then digits after the whole key is no sentence."""
    m = re.match(r"(\S+)[ \u3000\t]+(?=\d)", text[a:b])
    if m is None or not _key_field(m.group(1).translate(_T2S)):
        return [(a, b)]
    return [(a, a + m.end(1)), (a + m.end(), b)]


def _keep_wrapped_keys(text: str, spaces: list[re.Match[str]]) -> list[re.Match[str]]:
    """The spaces to cut ``text`` at, less those inside a key wrapped in its cell (其中:当年财政
    拨款, 上年结转 资金): the words on both sides are no key alone but one together."""
    cuts = list(spaces)
    i = 0
    while i < len(cuts):
        start = cuts[i - 1].end() if i else 0
        end = cuts[i + 1].start() if i + 1 < len(cuts) else len(text)
        before, after = text[start : cuts[i].start()], text[cuts[i].end() : end]
        if before and after and not _key_field(before) and not _key_field(after) and _key_field(before + after):
            del cuts[i]  # 其中:当年财政 | 拨款 → one key
            continue
        i += 1
    return cuts


def _qualified_keys(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Labels cut out of text run together, each started earlier when the few characters before it
    make another key with it (项目当年 | 绩效目标 → 项目当年绩效目标, the year's goal, not the
    overall one): the templates' qualifiers before a head word are the key's, not the end of the
    value before it. A qualifier that leaves the key what it was (…资助项目 | 主管部门) is the
    value's: a name may end in 项目. The longest such key wins; a label never reaches back over
    the one before it."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        floor = out[-1][1] if out else 0
        for k in range(min(6, start - floor), 1, -1):
            field = _key_field(text[start - k : end].strip(":："))
            if field and field != _key_field(text[start:end].strip(":：")) and not _key_field(text[start - k : start]):
                start -= k
                break
        out.append((start, end))
    return out


def _doubled_project(text: str, at: int) -> int:
    """Where a label found at ``at`` in text run together starts: a name ending in 项目 before
    a label that starts with 项目 (…建设项目项目主管部门) keeps its own 项目."""
    return at - 2 if text[:at].endswith("项目项目") else at


def _inside_any(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of (start, end): some (a, b) of ``spans`` has a < start and end < b. The spans are
    sorted once and searched by halves: one by one for each space made a long line quadratic."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach = list(itertools.accumulate((b for _, b in spans), max))  # furthest end among the first k
    return lambda start, end: (k := bisect.bisect_left(starts, start)) > 0 and reach[k - 1] > end


_BRACKETS = {**dict.fromkeys("(（[【", 1), **dict.fromkeys(")）]】", -1)}


def _open_brackets(text: str) -> list[int]:
    """Brackets opened less brackets closed before each position of ``text`` (and at its end),
    counted once for the line: counting again before each space made one long line quadratic."""
    return list(itertools.accumulate((_BRACKETS.get(c, 0) for c in text), initial=0))


def _closed_later(net: list[int], pos: int) -> bool:
    """A bracket open at ``pos`` closes later on the line (more closed than opened after it; ``net``
    from :func:`_open_brackets`): a bracket a wrapped cell leaves open (设施温棚种植人员(县 / 内培训))
    holds no gap between columns."""
    return net[-1] < net[pos]


def _depth(net: list[int], pos: int) -> int:
    """How many brackets are open at ``pos`` (``net`` from :func:`_open_brackets`)."""
    return max(0, net[pos])


def _tokens(doc: Document, separation: str | None) -> list[list[Token]]:
    """Rows of tokens. An empty cell (or empty ``|`` column) is kept as an empty token so
    columns still line up; ``col`` counts cells and ``|`` columns from the row's left.
    ``separation`` says how cells are told apart inside a line when not by ``|`` or tabs:
    "spaces" (cut at white space) or "run_together" (cut at the labels a form uses)."""
    rows: list[list[Token]] = []
    pattern = {"run_together": _LABEL_RE_SPACED, "spaces": _SPACES}.get(separation or "")
    for index, row in enumerate(doc.rows):
        if all(_RULE.fullmatch(c.text) for c in row.cells):
            continue  # a markdown table's |---|---| rule, or a line of dashes: no cells
        tokens: list[Token] = []
        col = 0
        for cell in row.cells:
            # a header row run together in a page whose other cells are apart (a page's header
            # written as a paragraph, its grid as a table): that line is cut at its keys
            run = pattern is None and "|" not in cell.text and _header_run(_fold(cell.text).strip())
            for pieces in _pieces(cell, _LABEL_RE_SPACED if run else pattern):
                if not pieces:
                    tokens.append(Token("", cell, 0, 0, index, col))
                for a, b in pieces:
                    tokens.append(Token(cell.text[a:b], cell, a, b, index, col))
                col += 1
        if any(t.text for t in tokens) or any(c.text.strip() for c in row.cells):  # a bare ``|`` line is an empty cell
            rows.append(tokens)
    return rows


_SPACES = re.compile(r"[ \t\u3000]+")


_RULE = re.compile(r"[\s|｜:：+=＝—─━-]*[-—─━=＝]{3,}[\s|｜:：+=＝—─━-]*")


#: a bracketed note with no number in it (必填), (万元), (亩): part of the cell before it
_NOTE_AFTER = re.compile(r"[（(][^（()）\d]{1,8}[)）]")


#: a word printed letter-spaced, one character at a time (一 级 指 标, 年 度 目 标)
_LETTER_SPACED = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff]){2,}(?![\u4e00-\u9fff])")
#: a template's note under its table (注：1.各单位可增加或减少二级指标及三级指标): guidance
#: that names the grid's columns, never the grid's header
_NOTE = re.compile(r"^\s*(?:注|说明|填表说明|填报说明)\s*\d*\s*[:：.．、]")


def _one_form_word(text: str) -> bool:
    """A form word that is not two written side by side: cells letter-spaced with one space
    between them too (绩 效 指 标 满 意 度 指 标) are cut after each 指标 that ends one."""
    if not _form_word(text):
        return False
    bare = re.sub(r"\s", "", text)
    return not any(
        _form_word(bare[: m.end()]) and len(bare) - m.end() >= 3 and _form_word(bare[m.end() :])
        for m in re.finditer("指标", bare)
    )


#: a grid's column head: in a letter-spaced run, a cell of its own (二 级 指 标 三 级 指 标 指 标 值)
_GRID_HEAD = re.compile(r"[一二三]级指标")


def _spaced_form_words(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds a form word printed letter-spaced (一 级 指 标, 年 度 总 体 目 标), as
    (start, end). A letter-spaced run may take in a single character of the cell before or after
    it (4623 万 年 度 总 体 目 标: the unit of an amount, then the key): the longest form word
    inside the run is taken, and the run's rest searched again. A run may hold several cells
    letter-spaced with one space between them too: the grid's column heads (一级指标 …) are cut
    out first, and no word is taken that is two side by side (:func:`_one_form_word`)."""
    out: list[tuple[int, int]] = []
    for m in _LETTER_SPACED.finditer(text):
        chars = [m.start() + k for k, ch in enumerate(m.group()) if not ch.isspace()]
        bare = "".join(text[c] for c in chars)
        pos = 0
        for head in [*_GRID_HEAD.finditer(bare), None]:
            stop = head.start() if head else len(chars)
            out.extend(_longest_words(text, chars[pos:stop]))
            if head:
                out.append((chars[head.start()], chars[head.end() - 1] + 1))
                pos = head.end()
    return out


def _longest_words(text: str, chars: list[int]) -> list[tuple[int, int]]:
    """The form words among letter-spaced characters at ``chars``: the longest, then those
    before and after it."""
    hit = next(
        (
            (a, a + size)
            for size in range(len(chars), 2, -1)
            for a in range(len(chars) - size + 1)
            if _one_form_word(text[chars[a] : chars[a + size - 1] + 1])
        ),
        None,
    )
    if hit is None:
        return []
    a, b = hit
    return [*_longest_words(text, chars[:a]), (chars[a], chars[b - 1] + 1), *_longest_words(text, chars[b:])]


def _unspaced(text: str) -> str:
    """``text`` with each form word printed letter-spaced written whole, a space either side
    (绩 效 指 标 一 级 指 标 → 绩效指标 一级指标)."""
    out, pos = "", 0
    for a, b in _spaced_form_words(text):
        out += text[pos:a] + " " + re.sub(r"\s", "", text[a:b]) + " "
        pos = b
    return out + text[pos:]


def _separation(doc: Document) -> str | None:
    """How the grid header's cells are separated when they share one piece of text:
    "spaces" (一级指标 二级指标 三级指标), "run_together" (no separator at all), or None
    (they are separate cells, ``|`` columns or lines)."""
    for row in doc.rows:
        for cell in row.cells:
            for part in re.split(r"[|｜]", cell.text):
                if not part.strip() or _NOTE.match(_fold(part)):  # an empty ``|`` column holds no head
                    continue
                unspaced = _unspaced(part)
                words = {_bare(w) for w in _SPACES.split(unspaced)}
                if sum(word in words for word in _GRID_WORDS) >= 2:
                    return "spaces"  # 一级指标 二级指标 三级指标, or the short captions 一级 二级 三级
                if sum(word in _fold(part) for word in _GRID_WORDS) >= 2 or re.search(
                    r"一级(?:指标)?二级(?:指标)?三级", _fold(part)
                ):
                    return "run_together"  # 一级指标二级指标…, or the short captions 一级二级三级指标值
    return None


def keys_run_together(doc: Document) -> bool:
    """A form's header copied with no separator at all, its grid written some other way (or cut
    away): a line holding three keys of the form, each with text of its own after it
    (预算单位某办事处项目主管部门某办事处项目名称某经费), and no key anywhere standing as a
    piece of its own (a cell, a line, or before a colon or a space), which would show the cells
    are told apart after all. Only the header is then cut at its keys (:func:`header_separation`):
    a grid the rules do not know is not read from text cut that way."""
    run = False
    for row in doc.rows:
        for cell in row.cells:
            for part in re.split(r"[|｜\t]", cell.text):
                folded = _fold(part).strip()
                if not folded:
                    continue  # an empty column holds no key
                if _key_field(folded) or _key_field(re.split(r"[:：\s]", folded, maxsplit=1)[0]):
                    return False  # a key in a piece of its own: the cells are told apart
                run = run or _keys_run(folded)
    return run


def _header_run(folded: str) -> bool:
    """A line opened by a key of the form and holding three keys with text after each
    (项目名称某经费主管部门某局…): a header row run together, not a paragraph naming keys."""
    first = _LABEL_RE_SPACED.match(folded)
    return first is not None and _key_field(first.group()) is not None and _keys_run(folded)


def _keys_run(folded: str) -> bool:
    """A piece holding three keys of the form, each with text of its own after it: a header
    copied with no separator (项目名称某经费主管部门某局实施单位某中心)."""
    keys = [m for m in _LABEL_RE_SPACED.finditer(folded) if _key_field(m.group())]
    valued = [a for a, b in zip(keys, [*keys[1:], None]) if folded[a.end() : b.start() if b else None].strip()]
    return len({_key_field(m.group()) for m in valued}) >= 3


def header_separation(doc: Document) -> str | None:
    """How the header's cells are told apart: as the grid's (:func:`_separation`), or, when
    that tells nothing, cut at the keys of a header run together (:func:`keys_run_together`)."""
    separation = _separation(doc)
    if separation is None and keys_run_together(doc):
        return "run_together"
    return separation


def _join(tokens: list[Token]) -> str:
    """Tokens' text as one value: pieces of one cell keep the text between them."""
    parts: list[str] = []
    for _, group in itertools.groupby(tokens, key=lambda t: id(t.cell)):
        group = list(group)
        parts.append(group[0].cell.text[group[0].start : group[-1].end])
    text = re.sub(r"<br\s*/?>", "\n", "\n".join(parts), flags=re.I)  # a line break inside an HTML cell
    return _unread(fold_whitespace(strip_markup(join_wrapped(text))))


def _span_of(tokens: list[Token]) -> Span:
    """From the first token's start to the last token's end (cell, row and column of the first)."""
    first, last = tokens[0].span(), tokens[-1].span()
    return first.model_copy(update={"end": max(first.end, last.end)})


@dataclass(slots=True)
class _Value:
    text: str
    span: Span | None
    key: str = ""  # the key's own text, for a department read under several levels


@dataclass(slots=True)
class _Item:
    name: Token
    values: list[Token | None]
    row: int


def _by_lines(doc: Document) -> Document:
    """The document with one one-cell row per non-blank line of its text; in text whose lines
    close their cells with ``|``, a line left open between two closed ones is a cell wrapped
    onto the next line (``项目名称 | 社区矫正信息化`` / ``建设项目 |``) and is read with it."""
    lines: list[tuple[int, int, str]] = []  # (line number, offset, text)
    offset = 0
    for number, line in enumerate(doc.text.split("\n"), start=1):
        if line.strip():
            lines.append((number, offset, line))
        offset += len(line) + 1
    closed = [_closed(text) for _, _, text in lines]
    piped = sum(closed) >= 0.8 * len(lines)
    # rows of cells (a ``|`` with text on the line) that mostly close with ``|``: one left
    # open is a row whose cell wrapped (``| 产出指标 | 数量指标 | 适龄儿童国家`` / ``免疫规划疫苗
    # 接种率 | ≧90% |``), whatever the lines of the page around the table
    partial = [bool(re.search(r"[|｜]", t)) and bool(re.sub(r"[|｜\s]", "", t)) for _, _, t in lines]
    row_closed = [c for c, p in zip(closed, partial) if p]
    rows_piped = len(row_closed) >= 3 and sum(row_closed) >= 0.5 * len(row_closed)
    rows: list[Row] = []
    i = 0
    while i < len(lines):
        number, start, text = lines[i]
        end = i
        opened = text.lstrip().startswith(("|", "｜"))
        if not closed[i] and (
            (i and piped and closed[i - 1])
            or (rows_piped and partial[i] and (i == 0 or closed[i - 1] or not partial[i - 1]))
        ):
            j = i
            while j + 1 < len(lines) and not closed[j] and j - i < 3:
                if opened and lines[j + 1][2].lstrip().startswith(("|", "｜")):
                    break  # the next line opens a row of its own
                j += 1
            end = j if closed[j] else i
        _, last_start, last_text = lines[end]
        text = doc.text[start : last_start + len(last_text)]
        rows.append(Row([Cell(text, start, start + len(text), number, 0)], number, text))
        i = end + 1
    return Document(doc.source, doc.text, rows, doc.encoding, doc.layout, list(doc.warnings))


def _closed(line: str) -> bool:
    return line.rstrip().endswith(("|", "｜"))
