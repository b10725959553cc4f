"""The indicator grid of a form written the many ways offices and web pages flatten it.

A grid is given as data (a project name and its indicators: 一级, 二级, 三级 name, period and
annual value); :func:`render` writes it as text with one :class:`Style` — cells separated by
``|``, tabs, runs of spaces or one cell per line; the merged 一级/二级 labels on their
group's first row or on every row; one 指标值 column, 年度指标值 beside 实施周期指标值, or the
national template's 指标性质 | 指标值 | 计量单位 split; extra 分值 / 备注 columns; header words
in their short spellings; the whole text in traditional characters. Whatever the style, the
extractor must give the same indicators (:func:`expected`): that is how the reader is kept
from fitting one document's separators.

The grids come from the dev split of ``gold/real`` (:func:`dev_grids`) and from scratch.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

import zhconv

__all__ = [
    "Grid",
    "Row",
    "Style",
    "STYLES",
    "render",
    "expected",
    "dev_grids",
    "split_value",
    "reseparate",
    "separated_rows",
    "traditional",
]

GOLD = Path(__file__).resolve().parent.parent / "gold" / "real"


@dataclass(frozen=True)
class Row:
    level1: str | None
    level2: str | None
    name: str
    period: str | None
    annual: str | None


@dataclass(frozen=True)
class Grid:
    name: str
    rows: tuple[Row, ...]
    stem: str = ""


@dataclass(frozen=True)
class Style:
    # pipe | markdown (pipe with a |---| rule) | tab | spaces | line | run (cells of a row joined
    # with no separator at all, empty cells leaving no trace: a web page or PDF copied as text)
    sep: str = "pipe"
    # first (merged cells: the group's first row) | middle (centred) | every | mixed (一级 merged on
    # its first row, 二级 on every row)
    labels: str = "first"
    # single (指标值) | annual (年度指标值) | split (指标性质|指标值|计量单位) | unit (指标值|计量单位, the
    # comparison kept with the number) | sbs (blocks side by side) | sbs_plain (both blocks headed
    # 指标值) | sbs_full (two whole tables side by side, 一级 repeated) | direction (指标性质 正向/反向 |
    # 指标方向 ≥ | 目标值 | 计量单位, 内蒙古 d11)
    values: str = "single"
    extra: bool = False  # 分值 and 备注 columns after the values
    short_header: bool = False  # 一级 | 二级 | 三级 | 指标名称
    traditional: bool = False
    numbered: bool = False  # a filled-in template's 指标1: prefixes, restarting in each 二级 group
    blank: bool = False  # a blank line after every line (web pages copied paragraph by paragraph)
    # how real tables differ from one another beyond their separators (round 4):
    order: str = ""  # annual_first: 年度指标值 before 实施周期指标值 | period_only: the 实施周期 column alone
    tail: str = ""  # columns at the right: selfeval (实际完成值|分值|得分|偏差原因…) | notes (指标值说明|备注)
    wrap: bool = False  # long names wrapped onto a second line of their cell
    repeat_header: bool = False  # the header row printed again at a page break, after a page number
    # how web pages flatten the same grid differently (round 5):
    drop_empty: bool = False  # ``|`` or tab rows with their empty cells dropped (merged labels leave no cell)
    # a page break in the middle: "header" the header printed again with no page number, "bare" a
    # page number and no header (the second page's header missing)
    page: str = ""
    split_row: bool = False  # one row cut after its name: its values on the next line (a wrapped web row)
    period_word: str = ""  # the 实施周期指标值 head spelled otherwise (实施期指标值, 中期指标值)
    # rows after the grid: a total (总分, 合计, 自评总分, 综合得分) with its 100 and score, and a grade line
    ending: str = ""
    # 指标性质 | 指标值 | 计量单位 as the second header row under 年度指标值 (merged over them), the
    # self-evaluation columns beside it in the first row only (云南 a07; 四川 f02 in one row)
    two_row_head: bool = False
    blanks: bool = False  # every third row's values left empty (a target never filled in)
    target_head: str = ""  # the 指标值 head written in words the rules have no rule for (考核标准)

    def label(self) -> str:
        parts = [self.sep, self.labels, self.values]
        parts += ["extra"] * self.extra + ["short"] * self.short_header + ["trad"] * self.traditional
        parts += ["numbered"] * self.numbered + ["blank"] * self.blank
        parts += [x for x in (self.order, self.tail) if x] + ["wrap"] * self.wrap + ["pagebreak"] * self.repeat_header
        parts += ["dropped"] * self.drop_empty + [f"page_{self.page}"] * bool(self.page) + ["split"] * self.split_row
        parts += [f"end_{self.ending}"] * bool(self.ending) + ["tworow"] * self.two_row_head + ["blanks"] * self.blanks
        parts += [f"head_{self.target_head}"] * bool(self.target_head)
        return "-".join(parts + ([self.period_word] if self.period_word else []))


STYLES = [
    Style(sep, labels, values, extra, short, trad)
    for sep in ("pipe", "markdown", "tab", "spaces", "line")
    for labels in ("first", "middle", "every")
    for values in ("single", "annual", "split", "sbs")
    for extra in (False, True)
    for short in (False, True)
    for trad in (False, True)
]

#: where a long name wraps onto its cell's second line
_WRAP = 8

_SPLIT = re.compile(r"^(?P<sign>[≥≤><=＞＜＝]{1,2})?(?P<number>\d+(?:\.\d+)?)(?P<unit>\S{0,4})$")


def split_value(value: str | None) -> tuple[str, str, str] | None:
    """(指标性质, 指标值, 计量单位) of a value such as ``≥95%``; None when it does not split."""
    if not value:
        return ("", "", "")
    m = _SPLIT.match(value)
    if not m or re.search(r"\d", m["unit"]):
        return None
    return (m["sign"] or "", m["number"], m["unit"])


def _blanked(grid: Grid, style: Style) -> Grid:
    """The grid with every third row's values empty, when the style says so."""
    if not style.blanks:
        return grid
    rows = [replace(r, period=None, annual=None) if i % 3 == 1 else r for i, r in enumerate(grid.rows)]
    return replace(grid, rows=tuple(rows))


def _fits(grid: Grid, style: Style) -> bool:
    """A style that can write this grid: split values must split; both values need two columns."""
    grid = _blanked(grid, style)
    has_period = any(r.period for r in grid.rows)
    if style.values in ("split", "unit", "direction") and (
        has_period or any(split_value(r.annual) is None for r in grid.rows)
    ):
        return False
    if style.order and not (style.values == "annual" and has_period):
        return False
    if style.wrap and (style.sep == "tab" or not any(len(r.name) > _WRAP for r in grid.rows)):
        return False  # a tab-separated copy quotes a cell holding a line break: not written here
    if (style.repeat_header or style.page or style.split_row) and len(grid.rows) < 4:
        return False
    if (style.drop_empty or style.split_row) and style.sep not in ("pipe", "fullpipe", "markdown", "tab"):
        return False
    if style.split_row and (style.wrap or style.numbered):
        return False
    if style.two_row_head and (style.values != "split" or style.sep in ("spaces", "line")):
        return False
    if style.target_head and style.values not in ("single", "unit"):
        return False
    if style.period_word and not (style.values in ("annual", "sbs", "sbs_plain", "sbs_full") and has_period):
        return False
    if style.tail and style.values in ("sbs", "sbs_plain", "sbs_full"):
        return False
    if style.values == "single" and has_period:
        return False
    if style.values in ("sbs", "sbs_plain", "sbs_full") and not all(r.period and r.annual for r in grid.rows):
        return False
    if style.wrap and style.sep == "run":
        return False  # a wrapped cell in text run together is a cut the renderer cannot place
    # empty cells are dropped: every value must be there (but for the blanks asked for)
    if style.sep in ("spaces", "line", "run") or (style.drop_empty and not style.blanks):
        cells = [x for r in grid.rows for x in (r.level1, r.level2, r.name, r.annual)]
        if any(not x for x in cells) or (has_period and not all(r.period for r in grid.rows)):
            return False
        if style.sep == "spaces" and any(re.search(r"\s", x) for x in cells):
            return False
    return True


def _header(grid: Grid, style: Style) -> list[str]:
    words = ["一级", "二级", "三级"] if style.short_header else ["一级指标", "二级指标", "三级指标"]
    has_period = any(r.period for r in grid.rows)
    period = style.period_word or "实施周期指标值"
    if style.values == "sbs":  # the 实施周期 and 年度 blocks side by side, the annual one without 一级
        return [*words, period, *words[1:], "年度指标值"] + (["备注"] if style.extra else [])
    if style.values == "sbs_full":  # two whole tables side by side, the 年度 one with its own 一级 column
        return [*words, period, *words, "年度指标值"] + (["备注"] if style.extra else [])
    if style.values == "sbs_plain":  # the same, each block's value column headed 指标值 (安徽: b16, d12)
        return [*words, "指标值", *words[1:], "指标值"] + (["备注"] if style.extra else [])
    values = {
        "single": ["指标值"],
        "annual": [period, "年度指标值"] if has_period else ["年度指标值"],
        "split": ["指标性质", "指标值", "计量单位"],
        "direction": ["指标性质", "指标方向", "目标值", "计量单位"],
        "unit": ["指标值", "计量单位"],
    }[style.values]
    if style.order == "annual_first":
        values = values[::-1]
    elif style.order == "period_only":
        values = values[:1]
    if style.target_head:
        values = [style.target_head if v in ("指标值", "年度指标值") else v for v in values]
    if style.tail == "ab":  # 年初目标值(A) | 实际完成值(B) | 得分 (湖北 e05, e14; 宁夏 f01)
        values = ["年初目标值(A)" if v in ("指标值", "年度指标值") else v for v in values]
    return words + values + (["分值", "备注"] if style.extra else []) + list(_TAILS.get(style.tail, {}))


#: a tail cell holding the row's achieved value: the target's number (96% for ≥95%), its words
#: when it has no number (较高 for 较高)
ACHIEVED = "<achieved>"


def achieved(value: str | None) -> str:
    m = re.search(r"\d+(?:\.\d+)?\S*", value or "")
    return m.group(0) if m else value or ""


#: columns at the right of the values, each with what its cells hold
_TAILS = {
    "selfeval": {"实际完成值": "已完成", "分值": "10", "得分": "9", "偏差原因分析及改进措施": "无偏差"},
    "notes": {"指标值说明": "按年度统计口径", "备注": "无"},
    # self-evaluation columns as provinces write them, the achieved value shaped like the target
    # (``ACHIEVED``): the national template (云南 a07, b09; 安徽 b15; 山西 c07), with the reason left empty
    "national": {"实际完成值": ACHIEVED, "分值": "10", "得分": "10", "偏差原因分析及改进措施": ""},
    # 指标值 | 全年实际完成值 | 未完成原因和改进措施 (四川 b06, d09; 湖南 f07; 广东 e01)
    "reason": {"全年实际完成值": ACHIEVED, "未完成原因和改进措施": ""},
    # 年初目标值(A) | 实际完成值(B) | 得分 (湖北 e05, e14; 宁夏 f01)
    "ab": {"实际完成值(B)": ACHIEVED, "得分": "10"},
    # … | 完成值 | 权重 | 得分 | 未完成原因分析 (四川 f02; 云南 a07, e08 split their 指标值 the same way)
    "weights": {"完成值": ACHIEVED, "权重": "10", "得分": "10", "未完成原因分析": ""},
}


def _cells(grid: Grid, style: Style) -> list[list[str]]:
    """Header and body rows as lists of cells ('' for an empty cell)."""
    rows = [_header(grid, style)]
    has_period = any(r.period for r in grid.rows)
    shown = _shown_labels(grid, style.labels)
    number, group = 0, None
    for r, (shown1, shown2) in zip(grid.rows, shown):
        number = number + 1 if (r.level1, r.level2) == group else 1
        group = (r.level1, r.level2)
        name = f"指标{number}：{r.name}" if style.numbered else r.name
        if style.wrap and len(r.name) > _WRAP:
            name = name[: len(name) - len(r.name) + _WRAP - 2] + "\n" + name[len(name) - len(r.name) + _WRAP - 2 :]
        tail = [achieved(r.annual or r.period) if x == ACHIEVED else x for x in _TAILS.get(style.tail, {}).values()]
        if style.values in ("sbs", "sbs_plain", "sbs_full"):
            again = [shown1] * (style.values == "sbs_full")
            rows.append(
                [shown1, shown2, name, r.period or "", *again, shown2, name, r.annual or "", *([""] * style.extra)]
            )
            continue
        if style.values == "split":
            values = list(split_value(r.annual) or ("", "", ""))
        elif style.values == "direction":  # 正向/反向, then the comparison, the number, the unit (内蒙古 d11)
            sign, number_, unit = split_value(r.annual) or ("", "", "")
            values = ["反向" if sign[:1] in ("≤", "<", "＜") else "正向", sign, number_, unit]
        elif style.values == "unit":
            sign, number_, unit = split_value(r.annual) or ("", "", "")
            values = [sign + number_, unit]
        elif style.values == "annual" and has_period:
            values = [r.period or "", r.annual or ""]
            if style.order == "annual_first":
                values = values[::-1]
            elif style.order == "period_only":
                values = values[:1]
        else:
            values = [r.annual or ""]
        rows.append([shown1, shown2, name, *values, *(["10", ""] if style.extra else []), *tail])
    return rows


def groups(keys: list) -> list[tuple[int, int]]:
    """(start, end) of each run of equal keys."""
    out: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        if out and keys[out[-1][0]] == key:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _shown_labels(grid: Grid, how: str) -> list[tuple[str, str]]:
    """The 一级/二级 cells each row shows: all of them, or one per merged group, on its first
    row or its middle row (upper middle for an even group), as merged cells flatten."""
    l1 = [r.level1 or "" for r in grid.rows]
    l2 = [(r.level1 or "", r.level2 or "") for r in grid.rows]
    if how == "every":
        return [(a, b[1]) for a, b in zip(l1, l2)]
    if how == "mixed":  # 一级 merged (its group's first row), 二级 written on every row
        firsts = {start for start, _ in groups([(x,) for x in l1])}
        return [(a if i in firsts else "", b[1]) for i, (a, b) in enumerate(zip(l1, l2))]
    shown = [["", ""] for _ in grid.rows]
    for column, keys in ((0, [(x,) for x in l1]), (1, l2)):
        for start, end in groups(keys):
            at = start if how == "first" else start + (end - start - 1) // 2
            shown[at][column] = keys[start][-1]
    return [(a, b) for a, b in shown]


def render(grid: Grid, style: Style) -> str | None:
    """The form's text in ``style``; None when the style cannot write this grid."""
    if not _fits(grid, style):
        return None
    grid = _blanked(grid, style)
    head = [f"项目名称：{grid.name}", "绩效指标"]
    body = _cells(grid, style)
    if style.drop_empty:  # a web page that leaves no cell for an empty one (merged labels, blank notes)
        body = [body[0], *([c for c in cells if c] for cells in body[1:])]
    if style.ending:  # the total row (its 分值 100 and the score) and the grade after the grid
        body = [*body, [style.ending, *([""] * (len(body[0]) - 3)), "100", "96"], ["自评等级", "优"]]
    if style.split_row:  # a row cut after its name, the values on a line of their own
        at = 1 + len(grid.rows) // 3
        cells = body[at]
        cut = cells.index(grid.rows[at - 1].name) + 1
        body = [*body[:at], cells[:cut], cells[cut:], *body[at + 1 :]]
    middle = 1 + len(grid.rows) // 2 + style.split_row
    if style.repeat_header:  # a page break in the middle: a page number, then the header again
        body = [*body[:middle], ["- 2 -"], body[0], *body[middle:]]
    elif style.page == "header":  # the header printed again, no page number
        body = [*body[:middle], body[0], *body[middle:]]
    elif style.page == "bare":  # a page number, the second page's header missing
        body = [*body[:middle], ["- 2 -"], *body[middle:]]
    if style.two_row_head:  # an HTML header of two rows: the second holds only the cells under 年度指标值
        split = ["指标性质", "指标值", "计量单位"]
        first = [c for c in body[0] if c not in split]
        first.insert(len(first) - len(_TAILS.get(style.tail, {})), "年度指标值")
        body = [first, split, *body[1:]]
    if style.sep in ("pipe", "markdown"):
        lines = ["| " + " | ".join(cells) + " |" if cells != ["- 2 -"] else cells[0] for cells in body]
    elif style.sep == "fullpipe":  # the full-width bar some pages copy (｜)
        lines = ["｜" + "｜".join(cells) + "｜" if cells != ["- 2 -"] else cells[0] for cells in body]
        if style.sep == "markdown":
            lines.insert(1, "|" + "---|" * len(body[0]))
    elif style.sep == "tab":
        lines = ["\t".join(cells) for cells in body]
    elif style.sep == "spaces":
        # empty cells leave no trace when columns are set by spaces: they are dropped; a wrapped
        # cell's second line stands alone under its column, indented
        lines = []
        for cells in body:
            lines.append("    ".join(c.split("\n")[0] for c in cells if c))
            lines += [" " * 24 + c.split("\n")[1] for c in cells if "\n" in c]
    elif style.sep == "run":
        lines = ["".join(cells) for cells in body]
    else:
        lines = [part for cells in body for c in cells if c for part in c.split("\n")]
    text = ("\n\n" if style.blank else "\n").join([*head, *lines, "填报人：张三"]) + "\n"
    return zhconv.convert(text, "zh-hant") if style.traditional else text


def expected(grid: Grid, style: Style) -> list[dict[str, str | None]]:
    """The indicators the rendered text holds, as written there (traditional when it is)."""
    conv = (lambda s: zhconv.convert(s, "zh-hant") if s else s) if style.traditional else (lambda s: s)
    has_period = any(r.period for r in grid.rows)
    grid = _blanked(grid, style)
    out = []
    for r in grid.rows:
        annual = r.annual
        if style.values in ("split", "unit", "direction"):
            sign, number, unit = split_value(r.annual) or ("", "", "")
            annual = f"{sign}{number}{unit}" or None
        period = conv(r.period) if has_period and style.values in ("annual", "sbs", "sbs_plain", "sbs_full") else None
        out.append(
            {
                "level1_name": conv(r.level1),
                "level2_name": conv(r.level2),
                "name": conv(r.name),
                "period_value": period,
                "annual_value": None if style.order == "period_only" else conv(annual),
            }
        )
    return out


#: the indicator fields a variant is compared on
FIELDS = ("level1_name", "level2_name", "name", "period_value", "annual_value")


def indicator_rows(table, fields) -> list[dict]:
    """Every indicator a reading gives, as its compared fields, in reading order."""
    from assistant.evaluate.align import norm
    from assistant.export import to_interchange

    return [
        {f: norm(i.get(f)) for f in fields}
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]


def read_variant(grid: Grid, style: Style) -> tuple[list[dict], list[dict], list] | None:
    """The grid rendered in the style and read by the rules: the indicators read, the ones the
    text holds (both in the comparison form) and the reading's failures; None when the style
    cannot write this grid. A refused text raises the extractor's error."""
    from assistant.evaluate.align import norm
    from assistant.extract import extract
    from assistant.ingest import read_bytes

    text = render(grid, style)
    if text is None:
        return None
    table = extract(read_bytes(text.encode("utf-8"), "variant.txt"), "rules")
    got = indicator_rows(table, FIELDS)
    want = [{f: norm(i.get(f)) for f in FIELDS} for i in expected(grid, style)]
    return got, want, table.failures


def variant_outcome(grid: Grid, style: Style) -> str | None:
    """How the rules read the grid in the style: ``right``, ``flagged`` (wrong, a failure says so),
    ``silent`` (wrong and unflagged) or ``refused``; None when the style cannot write the grid."""
    from assistant.errors import AssistantError

    try:
        result = read_variant(grid, style)
    except AssistantError:
        return "refused"
    if result is None:
        return None
    got, want, failures = result
    if got == want:
        return "right"
    return "flagged" if failures else "silent"


def silently_wrong(grids: list[Grid], style: Style) -> list[str]:
    """The grids this style renders whose indicators differ from the gold with no failure said."""
    silent = []
    for grid in grids:
        result = read_variant(grid, style)
        if result is None:
            continue
        got, want, failures = result
        if got != want and not failures:
            silent.append(grid.stem)
    return silent


def _simple(text: str | None) -> bool:
    """A cell a renderer can write without changing its meaning: one line, no separator, no
    double space (which the space-separated style would cut)."""
    return text is None or not re.search(r"[|｜\t\n]| {2}", text)


def dev_grids() -> list[Grid]:
    """The indicator grids of the dev split's gold records (one per single-project document)."""
    from dev_gold import dev_gold

    grids = []
    for folder, gold in dev_gold():
        projects = [p for u in gold["units"] for p in u["projects"]]
        if len(projects) != 1 or not projects[0]["indicators"]:
            continue
        rows = tuple(
            Row(i["level1_name"], i["level2_name"], i["name"], i["period_value"], i["annual_value"])
            for i in projects[0]["indicators"]
        )
        if all(r.name for r in rows) and all(
            _simple(x) for r in rows for x in (r.level1, r.level2, r.name, r.period, r.annual)
        ):
            grids.append(Grid(projects[0]["name"] or "某项目", rows, folder.name))
    return grids


def with_rows(grid: Grid, rows: list[Row]) -> Grid:
    return replace(grid, rows=tuple(rows))


def _pipe_cells(line: str) -> list[str] | None:
    """The cells of a ``|`` line; None for a line without ``|``."""
    if "|" not in line and "｜" not in line:
        return None
    cells = [c.strip() for c in re.split(r"[|｜]", line)]
    if line.strip().startswith(("|", "｜")):
        cells = cells[1:]
    if line.strip().endswith(("|", "｜")):
        cells = cells[:-1]
    return cells


def reseparate(text: str, style: str) -> str | None:
    """A document of ``|`` rows written again with ``tabs``, ``spaces`` (empty cells dropped;
    None when a cell holds a double space), ``lines`` (one cell per line, empty cells dropped),
    ``line_pipes`` (one cell per line closed by ``|``, a bare ``|`` for an empty cell) or
    ``run`` (a row's cells joined with no separator, as a page copied without spaces)."""
    out: list[str] = []
    for line in text.split("\n"):
        cells = _pipe_cells(line)
        if cells is None:
            out.append(line)
            continue
        if style == "tabs":
            out.append("\t".join(cells))
        elif style == "spaces":
            if any(re.search(r"\s{2}", c) for c in cells):
                return None
            out.append("    ".join(c for c in cells if c))
        elif style == "lines":
            out.extend(c for c in cells if c)
        elif style == "line_pipes":
            out.extend(f"{c} |" if c else "|" for c in cells)
        elif style == "run":
            out.append("".join(cells))
    return "\n".join(out)


def traditional(text: str) -> str:
    """``text`` in traditional characters by OpenCC's phrase-aware converter (s2t): another
    converter than the zhconv table the reader folds with, so the copies test the reader, not
    the table against itself."""
    return _s2t().convert(text)


@functools.cache
def _s2t():
    """One OpenCC s2t converter per process: building one loads its dictionaries (about 0.1 s), and
    the prose copies convert 876 texts (76 s of CPU when each built its own)."""
    import opencc

    return opencc.OpenCC("s2t")


def dev_pipe_documents() -> list[Path]:
    """The folders of the dev documents whose text is ``|`` rows (the ones re-separated into copies)."""
    return [
        folder
        for folder in sorted(GOLD.iterdir())
        if (folder / "meta.json").exists()
        and json.loads((folder / "meta.json").read_text())["split"] == "dev"
        and (folder / "source.txt").exists()
        and separated_rows((folder / "source.txt").read_text(encoding="utf-8"))
    ]


def separated_rows(text: str) -> bool:
    """Half the text's lines or more are rows of two ``|`` cells or more."""
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and sum(len(_pipe_cells(line) or []) >= 2 for line in lines) >= 0.5 * len(lines)
