"""Real dev documents rewritten into layouts the held-out documents use, scored against the gold.

Three sets, all from the dev split only:

* **traditional**: every dev document with indicators converted by ``zhconv`` (zh-hant, zh-tw,
  zh-hk), once plain and once with the pinyin readings a document mirror prints after the
  characters it converted (項(xiàng)目); the gold is converted the same way (readings are markup,
  never part of a gold string), so a copy must be read like its simplified original.
* **pipe**: every dev document of ``|`` rows with the variations pages show: no spaces around
  ``|`` (``|a|b|``), outer bars added, empty cells written ``| |``, merged level cells left empty on the
  group's later rows or dropped, the header row printed again in the middle, a markdown ``|---|`` rule
  under each header, long rows wrapped over two lines.
* **side by side**: the single-project dev grids written the Guangdong way, the 实施周期指标
  and 年度指标 blocks side by side in one row, each with its own 一级/二级/三级/指标值 columns
  under a caption row naming the blocks (plain, traditional, with readings, the value heads
  实施周期目标值 / 年度目标值, and the 实施周期 block never filled in).

:func:`score_copy` gives a copy's metrics and silent errors; :func:`sbs_outcome` says whether a
side-by-side grid is read right, flagged, silent or refused.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import zhconv
from form_variants import Grid, _pipe_cells, indicator_rows, separated_rows

GOLD = Path(__file__).resolve().parent.parent / "gold" / "real"

__all__ = [
    "TRAD_VARIANTS",
    "PIPE_VARIANTS",
    "SBS_VARIANTS",
    "dev_documents",
    "to_traditional",
    "with_readings",
    "rewrite_pipes",
    "score_copy",
    "render_sbs",
    "sbs_outcome",
]

#: name → (zhconv locale, readings added)
TRAD_VARIANTS = {
    "zh-hant": ("zh-hant", False),
    "zh-tw": ("zh-tw", False),
    "zh-hk": ("zh-hk", False),
    "zh-hant+readings": ("zh-hant", True),
    "zh-tw+readings": ("zh-tw", True),
}
PIPE_VARIANTS = (
    "tight",
    "outer",
    "empty_cells",
    "merged_blank",
    "merged_dropped",
    "header_repeat",
    "markdown",
    "wrapped",
)
SBS_VARIANTS = ("gd", "gd_trad", "gd_target_head", "gd_trad_readings", "gd_period_blank")


def dev_documents(pipes_only: bool = False) -> list[Path]:
    """Dev folders whose gold has indicators (and, with ``pipes_only``, whose text is ``|`` rows)."""
    out = []
    for folder in sorted(GOLD.iterdir()):
        meta = folder / "meta.json"
        source = folder / "source.txt"
        if not meta.exists() or not source.exists() or json.loads(meta.read_text())["split"] != "dev":
            continue
        gold = json.loads((folder / "gold.json").read_text())
        if not any(p["indicators"] for u in gold["units"] for p in u["projects"]):
            continue
        if pipes_only and not separated_rows(source.read_text(encoding="utf-8")):
            continue
        out.append(folder)
    return out


# -- traditional ---------------------------------------------------------------------------

_READING = re.compile(r"(?P<char>[\u3400-\u9fff])[(（](?P<reading>[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8})[)）]")


@functools.cache
def readings() -> dict[str, str]:
    """Character → pinyin reading, as the dev mirrors print them (項(xiàng)): the rewrites add
    the same markup after the same characters."""
    table: dict[str, str] = {}
    for folder in dev_documents():
        for m in _READING.finditer((folder / "source.txt").read_text(encoding="utf-8")):
            table.setdefault(m["char"], m["reading"])
    return table


def to_traditional(text: str, locale: str) -> str:
    return zhconv.convert(text, locale)


def with_readings(simplified: str, converted: str) -> str:
    """``converted`` with a reading after each character the conversion changed (the mirrors'
    habit: 預(yù)算項(xiàng)目, 目 left bare); characters with no known reading stay bare."""
    table = readings()
    if len(simplified) != len(converted):  # a phrase conversion changed the length: mark every known one
        return "".join(c + (f"({table[c]})" if c in table and not c.isascii() else "") for c in converted)
    return "".join(
        c + (f"({table[c]})" if c != s and c in table else "") for s, c in zip(simplified, converted, strict=True)
    )


def traditional_copy(text: str, variant: str) -> str:
    locale, marked = TRAD_VARIANTS[variant]
    converted = to_traditional(text, locale)
    return with_readings(text, converted) if marked else converted


def convert_strings(value, locale: str):
    """Every string of an interchange document converted (the gold of a traditional copy)."""
    if isinstance(value, str):
        return to_traditional(value, locale)
    if isinstance(value, dict):
        return {k: convert_strings(v, locale) for k, v in value.items()}
    if isinstance(value, list):
        return [convert_strings(v, locale) for v in value]
    return value


# -- pipe rows -----------------------------------------------------------------------------

_HEADER_WORDS = re.compile(r"一级|二级|三级|指标值|指标名称|绩效指标")


def _join(cells: list[str], variant: str) -> str:
    if variant == "tight":  # the outer bars kept: without them a row left open reads as wrapped
        return "|" + "|".join(cells) + "|"
    if variant == "empty_cells":
        return "| " + " | ".join(c or " " for c in cells) + " |"
    return "| " + " | ".join(cells) + " |"


def rewrite_pipes(text: str, variant: str) -> str:
    """A document of ``|`` rows written with one of :data:`PIPE_VARIANTS`."""
    lines = text.split("\n")
    rows = [
        cells if cells and len(cells) >= 2 else None for cells in map(_pipe_cells, lines)
    ]  # rows, not one-cell lines
    out: list[str] = []
    hits = [len(_HEADER_WORDS.findall("".join(cells))) if cells else 0 for cells in rows]
    header_at = max(range(len(rows)), key=lambda i: hits[i], default=None)
    if header_at is not None and (
        hits[header_at] < 2 or len(rows[header_at]) > 12
    ):  # no header, or a whole block on one line
        header_at = None
    # the header as printed: its row and a neighbouring row of heads (a header wrapped over two rows)
    heads = (
        [i for i in (header_at - 1, header_at, header_at + 1) if 0 <= i < len(rows) and hits[i]]
        if header_at is not None
        else []
    )
    body = [i for i, cells in enumerate(rows) if cells and header_at is not None and i > max(heads) and not hits[i]]
    middle = body[len(body) // 2] if body else None
    previous: list[str] | None = None
    for i, (line, cells) in enumerate(zip(lines, rows, strict=True)):
        if cells is None:
            out.append(line)
            previous = None
            continue
        if (
            variant in ("merged_blank", "merged_dropped")
            and previous
            and len(previous) == len(cells)
            and header_at is not None
            and i > header_at
        ):
            shown = list(cells)
            for k in range(min(2, len(cells) - 1)):  # the 一级 and 二级 columns, merged over their group
                if cells[k] and cells[k] == previous[k] and all(cells[j] == previous[j] for j in range(k)):
                    shown[k] = ""
            previous = cells
            # left empty, or dropped (a page that leaves no cell for a merged one)
            cells = shown if variant == "merged_blank" else [c for c, was in zip(shown, previous) if c or not was]
        else:
            previous = cells
        if variant == "header_repeat" and i == middle and header_at is not None:
            out += [_join(rows[k], "outer") for k in heads]
        if variant == "wrapped" and i in body[1::3]:
            longest = max(range(len(cells)), key=lambda k: len(cells[k]))
            cell = cells[longest]
            if len(cell) >= 6:
                cut = len(cell) // 2
                joined = _join([*cells[:longest], cell[:cut]], "outer")[:-2]
                out += [joined, _join([cell[cut:], *cells[longest + 1 :]], "outer")[2:]]
                continue
        out.append(_join(cells, variant))
        if variant == "markdown" and heads and i == max(heads):
            out.append("|" + "---|" * len(cells))
    return "\n".join(out)


# -- scoring -------------------------------------------------------------------------------


def score_copy(record, text: str, locale: str | None = None):
    """(metrics, refused) of a copy read by the rules, scored against the gold (converted to
    ``locale`` when the copy is traditional)."""
    from rewrite_runner import metrics, read_copy, score_reading

    from assistant.export import to_interchange

    table = read_copy(text)
    if table is None:
        return None, True
    gold = to_interchange(record.table, with_meta=False)
    if locale:
        gold = convert_strings(gold, locale)
    return metrics(score_reading(gold, table)), False


# -- side by side --------------------------------------------------------------------------


def render_sbs(grid: Grid, variant: str) -> str:
    """The grid as a Guangdong 绩效目标表: a caption row 实施周期指标 | 年度指标 over two sets of
    一级/二级/三级/指标值 columns, each row holding the period block then the annual block."""
    words = ["一级指标", "二级指标", "三级指标"]
    # the value heads as a17 prints them (实施周期目标值, 年度目标值), or both 指标值
    period_head, annual_head = ("实施周期目标值", "年度目标值") if variant == "gd_target_head" else ("指标值", "指标值")
    lines = [
        f"| 项目名称 | {grid.name} | | | | | | |",
        "| 实施周期指标 | | | | 年度指标 | | | |",
        "| " + " | ".join([*words, period_head, *words, annual_head]) + " |",
    ]
    previous = None
    for r in grid.rows:
        l1 = r.level1 if previous is None or previous.level1 != r.level1 else ""
        l2 = r.level2 if previous is None or (previous.level1, previous.level2) != (r.level1, r.level2) else ""
        previous = r
        period = ["", ""] if variant == "gd_period_blank" else [r.name, r.period or ""]  # 长期 block never filled in
        cells = [l1 or "", l2 or "", *period, l1 or "", l2 or "", r.name, r.annual or ""]
        lines.append("| " + " | ".join(cells) + " |")
    text = "\n".join([*lines, "填报人：张三"]) + "\n"
    if variant.startswith("gd_trad"):
        text = traditional_copy(text, "zh-hant+readings" if variant.endswith("readings") else "zh-hant")
    return text


def sbs_expected(grid: Grid, variant: str) -> list[dict]:
    conv = (lambda s: zhconv.convert(s, "zh-hant") if s else s) if variant.startswith("gd_trad") else (lambda s: s)
    return [
        {
            "level1_name": conv(r.level1),
            "level2_name": conv(r.level2),
            "name": conv(r.name),
            "period_value": None if variant == "gd_period_blank" else conv(r.period),
            "annual_value": conv(r.annual),
        }
        for r in grid.rows
    ]


def sbs_outcome(grid: Grid, variant: str) -> str:
    """``right``, ``flagged`` (wrong, a failure says so), ``silent`` or ``refused``."""
    from rewrite_runner import read_copy

    from assistant.evaluate.align import norm

    fields = ("level1_name", "level2_name", "name", "period_value", "annual_value")
    table = read_copy(render_sbs(grid, variant))
    if table is None:
        return "refused"
    got = indicator_rows(table, fields)
    want = [{f: norm(i.get(f)) for f in fields} for i in sbs_expected(grid, variant)]
    if got == want:
        return "right"
    return "flagged" if table.failures else "silent"
