"""Real dev sources with the rows a filled-in template leaves behind written into their grid.

A template printed with fewer indicators than it has rows keeps its blank rows (``指标3:``, a
``……`` row), its cost table's rows of zeros (``0 | 0.00% | 0``), its money rows at zero
(``其他资金 | 0 | 0.00% | 0``), its header row printed again
after a page break, and a stamp line (单位（盖章） 填报人 联系电话) under the table. None of them
is an indicator. :func:`variants` writes each into a dev document's own source text, in the
document's own layout (``|`` cells, tabs, spaces, one cell per line, cells run together), at the
grid's start, middle or end; :func:`outcome` reads the copy and compares it with the reading of
the untouched source: ``right`` (the same indicators, the same seq), ``flagged`` (different, a
new failure says so), ``silent`` (different, nothing said) or ``refused``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Doc", "LEFTOVERS", "dev_documents", "variants", "outcome", "read_text"]

#: the cells of each leftover row, by where the name cell is (``None``: the name column)
LEFTOVERS = {
    "blank_item": ["指标3:"],  # an item of the template left unfilled
    "dots": ["……"],  # the template's row of dots
    "stars": ["**", "**"],  # a row of the filling guide's asterisks
    "zeros": ["", "0", "0.00%", "0"],  # a cost row left at zero (金额 | 占比 | 执行数)
    "money": ["其他资金", "0", "0.00%", "0"],  # a 项目资金 row left at zero, read among the indicators
    "numbering": ["3", "", ""],  # a row holding only its number
    "stamp": ["单位（盖章）：", "填报人：", "联系电话：", "填报日期："],  # the signature line under the table
}

_PAGE = "- 2 -"


@dataclass(frozen=True)
class Doc:
    stem: str
    text: str
    layout: str  # pipe | tab | spaces | lines | line_pipes (one cell a line, closed by |) | run
    # where a leftover goes: the end of the first, middle, last indicator's row (in front of its
    # name's line when a row's cells run on over lines)
    row_end: dict[str, int]
    header: str | None  # the grid's header as the layout writes it, when it stands on its own
    # per gold indicator: (name start, value end, line end) in ``text``, where its row ends (as
    # ``row_end``) and its gold record
    rows: tuple[tuple[int, int, int], ...] = ()
    ends: tuple[int, ...] = ()
    gold: tuple[dict, ...] = ()
    folder: str = ""


def read_text(text: str):
    """The rules' reading of ``text``: (indicators as tuples, failure codes), or None when refused."""
    from rewrite_runner import read_copy

    table = read_copy(text)
    if table is None:
        return None
    indicators = [i for p in table.projects() for i in p.indicators]
    rows = [(i.seq, i.level1_name, i.level2_name, i.name, i.period_value, i.annual_value) for i in indicators]
    return rows, Counter((f.code, f.field) for f in table.failures), _said_of(table, indicators), _quoted(table, text)


_WHITE = re.compile(r"\s+")


def _quoted(table, text: str) -> str:
    """The rows of ``text`` (as the reader split it, a row no longer than :data:`_ROW_MAX`) that a
    failure quotes (a parameter or its raw excerpt, 8 characters or more, white space folded): a
    failure that quotes a row's start ("not read: …") points the clerk at the row, and so at
    every indicator written in it."""
    from assistant.ingest import read_bytes

    quotes = [
        _WHITE.sub("", q)
        for f in table.failures
        for q in [f.raw or "", *(v for v in f.params.values() if isinstance(v, str))]
    ]
    quotes = [q for q in quotes if len(q) >= 8]
    rows = [_WHITE.sub("", "".join(c.text for c in row.cells)) for row in read_bytes(text.encode(), "copy.txt").rows]
    return "\n".join(row for row in rows if len(row) <= _ROW_MAX and any(q in row for q in quotes))


#: a row longer than this is a page run together: a quote of its start points at nothing in particular
_ROW_MAX = 300

#: the failure fields that speak of an indicator's row: its value, its levels, the grid
_ROW_FIELDS = re.compile(r"^(?:指标值|一级/二级指标|绩效指标)")


def _said_of(table, indicators) -> set[int]:
    """The positions of the indicators a failure names: by its seq (绩效指标 #3 …), or a failure
    about a value, a level or the grid on the indicator's own row."""
    rows = {f.row for f in table.failures if f.row is not None and _ROW_FIELDS.match(f.field or "")}
    seqs = {int(m.group(1)) for f in table.failures if (m := re.match(r"^绩效指标 #(\d+)", f.field or ""))}
    out = set()
    for k, ind in enumerate(indicators):
        span_rows = {s.row for s in ind.spans.values() if s is not None and s.row is not None}
        if ind.seq in seqs or span_rows & rows:
            out.add(k)
    return out


def _find_row(text: str, indicator: dict, start: int) -> tuple[int, int, int] | None:
    """(name start, value end, line end) of ``indicator`` in ``text`` from ``start``."""
    name = indicator["name"]
    at = text.find(name, start)
    if at < 0:
        return None
    value = indicator.get("annual_value") or indicator.get("period_value")
    end = at + len(name)
    if value:
        v = text.find(value, end)
        if v < 0 or v - end > 200:
            return None
        end = v + len(value)
    line_end = text.find("\n", end)
    return at, end, len(text) if line_end < 0 else line_end


def _layout(text: str, name_at: int, value_end: int) -> str:
    line_start = text.rfind("\n", 0, name_at) + 1
    line_end = text.find("\n", value_end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if "\n" in text[name_at:value_end]:
        return "line_pipes" if line.rstrip().endswith(("|", "｜")) else "lines"
    if "|" in line or "｜" in line:
        return "pipe"
    if "\t" in line:
        return "tab"
    if len(line) > 400:
        return "run"
    return "spaces" if re.search(r"\s{2,}|\s", text[name_at:value_end]) else "run"


def _header(text: str, layout: str, first: int) -> str | None:
    """The header line(s) above the first indicator: the last line holding 三级指标 before it."""
    at = text.rfind("三级指标", 0, first)
    if at < 0 or layout == "run":
        return None
    if layout in ("lines", "line_pipes"):
        start = text.rfind("一级指标", 0, at)
        if start < 0:
            return None
        start = text.rfind("\n", 0, start) + 1
        end = text.find("\n", at)
        block = text[start:end]
        return block if block.count("\n") <= 12 else None
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : len(text) if end < 0 else end]


def _under(text: str, last: tuple[int, int, int]) -> int:
    """Under the table: after the last indicator's line and the lines of figures that close its row."""
    at = last[2]
    while at < len(text):
        nxt = text.find("\n", at + 1)
        nxt = len(text) if nxt < 0 else nxt
        if not re.fullmatch(r"[\s\d.%％≥≤<>=|｜\-—]*", text[at + 1 : nxt]):
            break
        at = nxt
    return at


def dev_documents() -> list[Doc]:
    """The single-project dev documents whose every gold indicator is found in order in the source."""
    from dev_gold import dev_gold

    docs = []
    for folder, gold in dev_gold():
        projects = [p for u in gold["units"] for p in u["projects"]]
        source = Path(folder) / "source.txt"
        if len(projects) != 1 or len(projects[0]["indicators"]) < 3 or not source.exists():
            continue
        text = source.read_text(encoding="utf-8")
        found, start = [], max(text.find("三级指标"), 0)  # a name quoted in the goal above is not its row
        for ind in projects[0]["indicators"]:
            if not ind.get("name") or (hit := _find_row(text, ind, start)) is None:
                break
            found.append(hit)
            start = hit[1]
        if len(found) != len(projects[0]["indicators"]):
            continue
        if any(re.match(r"\s*[)）;；。，,、]", text[end : end + 3]) for _, end, _ in found):
            continue  # a value inside a sentence or brackets: prose, not a grid's rows
        layout = _layout(text, found[-1][0], found[-1][1])
        starts = [at for at, _, _ in found]
        if layout in (
            "lines",
            "line_pipes",
        ):  # a row's cells run on over lines: a leftover goes in front of a name's line
            ends = [max(text.rfind("\n", 0, at), 0) for at, _, _ in found]
        else:  # a row ends at its line's end when the line holds no other indicator, else at its value
            ends = [line_end if not any(at < s < line_end for s in starts) else end for at, end, line_end in found]
        picked = {"first": ends[0], "middle": ends[len(ends) // 2], "last": ends[-1], "under": _under(text, found[-1])}
        docs.append(
            Doc(
                folder.name,
                text,
                layout,
                picked,
                _header(text, layout, found[0][0]),
                tuple(found),
                tuple(ends),
                tuple(projects[0]["indicators"]),
                str(folder),
            )
        )
    return docs


def _row(doc: Doc, cells: list[str]) -> str:
    """The leftover row written the document's way."""
    if doc.layout == "pipe":
        line = doc.text[doc.text.rfind("\n", 0, doc.row_end["last"]) + 1 : doc.row_end["last"]]
        width = max(len(re.split(r"[|｜]", line.strip().strip("|｜"))), len(cells) + 2)
        padded = [""] * (width - len(cells)) + cells if cells[0] == "" else [""] * 2 + cells
        padded += [""] * (width - len(padded))
        return "| " + " | ".join(padded) + " |"
    if doc.layout == "tab":
        return "\t".join(["", ""] + cells)
    filled = [c for c in cells if c]
    if doc.layout == "spaces":
        return "    ".join(filled)
    if doc.layout == "lines":
        return "\n".join(filled)
    if doc.layout == "line_pipes":  # one cell a line, each closed by its bar
        return "\n".join(f"{c} |" for c in filled)
    return "".join(filled)


def _insert(doc: Doc, at: int, piece: str) -> str:
    """``piece`` after the row ending at ``at``: on a line of its own, or run on where rows run on."""
    if at < len(doc.text) and doc.text[at] != "\n":
        return doc.text[:at] + piece + doc.text[at:]
    return doc.text[:at] + "\n" + piece + doc.text[at:]


def variants(doc: Doc) -> list[tuple[str, str]]:
    """(label, text) of each leftover written into ``doc``."""
    out = []
    for kind, cells in LEFTOVERS.items():
        places = ("under",) if kind == "stamp" else ("first", "middle", "last")
        for place in places:
            out.append((f"{kind}@{place}", _insert(doc, doc.row_end[place], _row(doc, cells))))
    if doc.header is not None:
        out.append(("header_again", _insert(doc, doc.row_end["middle"], f"{_PAGE}\n{doc.header}")))
    return out


def outcome(before, text: str) -> str:
    """How the copy reads against ``before`` (the untouched source's reading)."""
    after = read_text(text)
    if after is None:
        return "refused"
    if after[0] == before[0]:
        return "right"
    if after[1] - before[1]:  # a failure the source did not have
        return "flagged"
    # the same failure as the source's, on the row that now reads otherwise, still names it
    # (a row whose values could not be placed in either reading), or quotes the row it now
    # stands in (a row not read, holding the rows it swallowed); any other change is silent
    changed = {k for k in range(max(len(after[0]), len(before[0]))) if after[0][k : k + 1] != before[0][k : k + 1]}
    return "flagged" if all(k in after[2] or _quotes_row(after[3], before[0], k) for k in changed) else "silent"


def _quotes_row(quoted: str, rows: list[tuple], k: int) -> bool:
    """The source's ``k``-th indicator's name stands in a row a failure of the copy quotes."""
    name = rows[k][3] if k < len(rows) else None
    return bool(name) and _WHITE.sub("", name) in quoted
