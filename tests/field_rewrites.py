"""Dev sources rewritten the ways other sites write the same project fields, gold unchanged.

Each rewrite changes how a real dev document states its name, amounts or goal without changing
what they are: the title line moved below the next line (or removed when a 项目名称 field names
the project), amounts written in 元 instead of 万元 (and back), the goal's label in another
common wording (年度绩效目标, 项目年度目标, 预期目标, 绩效目标) and the goal's paragraph broken
over two lines. A rewrite that does not apply to a document returns None.

:func:`field_outcomes` scores one copy against the gold, field by field (name, amounts, goal):
*held* (as good as the original reading), *flagged* (worse, but a flag names the field) or
*silent* (worse and no flag names it: a clerk would trust it).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "real"
sys.path.insert(0, str(ROOT / "benchmarks"))

from field_flags import _ANY, _FIELD_FLAGS  # noqa: E402
from header_relayouts import LAYOUTS as HEADER_LAYOUTS  # noqa: E402
from header_relayouts import relayout  # noqa: E402
from rewrite_runner import score_copy  # noqa: E402

FIELDS = tuple(_FIELD_FLAGS)


def dev_folders() -> list[Path]:
    """The dev documents with a source text."""
    return [
        folder
        for folder in sorted(GOLD.iterdir())
        if (folder / "meta.json").exists()
        and (folder / "source.txt").exists()
        and json.loads((folder / "meta.json").read_text(encoding="utf-8"))["split"] == "dev"
    ]


# --- the title ---------------------------------------------------------------------------

_FOLD = re.compile(r"\s+")


def _title_line(lines: list[str], title: str) -> int | None:
    """The index of the line that is the document's title (meta's title, white space folded), if
    it stands on a line of its own near the top."""
    want = _FOLD.sub("", title)
    if len(want) < 6:
        return None
    for i, line in enumerate(lines[:15]):
        if _FOLD.sub("", line) == want:
            return i
    return None


def title_below(text: str, title: str) -> str | None:
    """The title line moved below the next non-blank line (a site that prints the date or the
    issuer first)."""
    lines = text.split("\n")
    i = _title_line(lines, title)
    if i is None:
        return None
    j = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
    if j is None:
        return None
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


_NAME_FIELD = re.compile(r"(?:项目|资金|专项)名称[ \t\u3000]*[:：|]?")


def title_removed(text: str, title: str) -> str | None:
    """The title line left out (a page whose heading is an image), for documents whose 项目名称
    field names the project (N1: the field wins, so the gold holds)."""
    lines = text.split("\n")
    i = _title_line(lines, title)
    if i is None or not _NAME_FIELD.search(text):
        return None
    del lines[i]
    return "\n".join(lines)


# --- the amounts --------------------------------------------------------------------------

_WAN = re.compile(r"(?<![\d.,])(\d{1,9}(?:\.\d{1,6})?)[ \t\u3000]*万元")
_YUAN = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d{1,12})(\.\d{1,2})?[ \t\u3000]*元")


def _number(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def wan_to_yuan(text: str, unit: str | None) -> str | None:
    """Every ``X万元`` of a prose text written as ``X×10000元``; only when every amount in the
    text is so written (a form's 单位:万元 with bare cells is another rewrite)."""
    if unit != "万元" or not _WAN.search(text) or re.search(r"单位[:：\s]*万元|[（(]万元[)）]", text):
        return None
    return _WAN.sub(lambda m: _number(float(m.group(1)) * 10000) + "元", text)


def yuan_to_wan(text: str, unit: str | None) -> str | None:
    """Every ``X元`` of a prose text (not 万元) written as ``X/10000万元``."""
    if unit != "元" or not _YUAN.search(text) or re.search(r"单位[:：\s]*元|[（(]元[)）]", text):
        return None

    def wan(m: re.Match[str]) -> str:
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        return _number(value / 10000) + "万元"

    return _YUAN.sub(wan, text)


#: a money label opening a form's row: 年度资金总额 / 其中：财政拨款 / 合计
_MONEY_KEY = re.compile(r"^[ \t\u3000|｜]*[^|｜\t\d]{0,12}(?:资金|拨款|总额|预算数|合计|小计)")
#: an amount alone in its cell (between bars, tabs, wide spaces or the line's ends)
_BARE_AMOUNT = re.compile(
    r"(?:(?<=[|｜\t\n])|(?<=  ))([ \t\u3000]*)(\d{1,9}(?:\.\d{1,6})?)(?=[ \t\u3000]*(?:[|｜\t\n]|  |$))"
)


def _times_10000(line: str) -> str:
    return _BARE_AMOUNT.sub(lambda m: m.group(1) + _number(float(m.group(2)) * 10000), "\n" + line)[1:]


def form_unit_to_yuan(text: str, unit: str | None) -> str | None:
    """A form's ``单位:万元`` header made ``单位:元`` and the amounts of its money rows ×10000: every
    number alone in its cell on a line opened by a money label (年度资金总额 | 120 | 100), or the
    next line's when the label stands alone (a cell per line). Only for documents that write no
    other unit anywhere (no 万 beside a number, no ``(元)``) and state no percentage in a money row."""
    if unit != "万元" or re.search(r"[（(]元[)）]|单位[:：\s]*元|\d[ \t\u3000]*万", text):
        return None
    headers = list(re.finditer(r"单位[:：\s]*万元|[（(]万元[)）]", text))
    if len(headers) != 1:
        return None
    head = headers[0]
    lines = text[head.end() :].split("\n")
    changed = False
    for i, line in enumerate(lines):
        if not _MONEY_KEY.match(line) or "%" in line or "％" in line:
            continue
        if _BARE_AMOUNT.search("\n" + line):
            lines[i] = _times_10000(line)
            changed |= lines[i] != line  # 0 stays 0: a row of zeros changes nothing
            continue
        j = next((k for k in range(i + 1, min(i + 4, len(lines))) if lines[k].strip(" \t\u3000|｜")), None)
        if j is not None and re.fullmatch(r"[ \t\u3000|｜]*\d{1,9}(?:\.\d{1,6})?[ \t\u3000|｜]*", lines[j]):
            was, lines[j] = lines[j], _times_10000(lines[j])
            changed |= lines[j] != was
    if not changed:
        return None
    return text[: head.start()] + head.group(0).replace("万元", "元") + "\n".join(lines)


# --- the goal -----------------------------------------------------------------------------

#: a goal's label followed by a colon (a prose field or a form cell written as label:text), whole
#: (not the end of 项目总体绩效目标)
_GOAL_LABEL = re.compile(
    r"(?<![\u4e00-\u9fff])(?:项目年度目标|项目绩效目标|年度绩效目标|年度目标|预期目标|绩效目标)(?=[ \t\u3000]*[:：])"
)
GOAL_WORDINGS = ("年度绩效目标", "项目年度目标", "预期目标", "绩效目标")


def goal_relabelled(text: str, wording: str) -> str | None:
    """The goal's only labelled field (``年度目标:…``) labelled in another common wording; None
    when the document has no such label, more than one, or already this wording."""
    labels = list(_GOAL_LABEL.finditer(text))
    if len(labels) != 1 or labels[0].group(0) == wording:
        return None
    if re.search(r"(?:总体|中长期|整体)目标", text):
        return None  # another goal beside it: a new wording may change which one is the year's
    m = labels[0]
    return text[: m.start()] + wording + text[m.end() :]


def goal_split(text: str, goal: str | None) -> str | None:
    """The goal's text broken over two lines at its first comma or semicolon past its tenth
    character (a page that wraps a long cell). The gold is compared without white space."""
    if not goal or len(goal) < 20:
        return None
    at = text.find(goal[:20])
    if at < 0:
        return None
    stop = re.compile(r"[，,；;]").search(text, at + 10, at + len(goal) - 5)
    if stop is None:
        return None
    return text[: stop.end()] + "\n" + text[stop.end() :]


# --- scoring ------------------------------------------------------------------------------

_SCALE = {"元": 1.0, "万元": 10000.0, "千元": 1000.0, "亿元": 1e8}


def _in_unit(table: dict, unit: str | None) -> dict:
    """``table`` (interchange) with its amounts in ``unit``, so a copy written in 元 scores
    against a gold in 万元."""
    have = table.get("currency_unit")
    if unit not in _SCALE or have not in _SCALE or have == unit:
        return table
    factor = _SCALE[have] / _SCALE[unit]

    def scaled(amounts: dict | None) -> dict | None:
        if not amounts:
            return amounts
        return {k: (round(v * factor, 6) if isinstance(v, (int, float)) else v) for k, v in amounts.items()}

    table = json.loads(json.dumps(table))
    table["amounts"] = scaled(table.get("amounts"))
    for unit_ in table.get("units") or []:
        unit_["amounts"] = scaled(unit_.get("amounts"))
        for project in unit_.get("projects") or []:
            project["amounts"] = scaled(project.get("amounts"))
    table["currency_unit"] = unit
    return table


def read_samples(gold: dict, text: str) -> list[dict] | None:
    """The matched/missed samples of ``text`` read against ``gold`` (None: the read refused).

    A gold project missed because its name was read otherwise is still on the clerk's screen,
    under the wrong name: when the copy's unmatched projects are as many as its missed ones, each
    missed project gets the one in its place (in order) as ``stand_in``: that project's fields
    scored against the gold (``ok_*``) and its flags, so :func:`field_outcomes` asks whether
    its flags name what it got wrong, as for a matched project."""
    samples = score_copy(gold, text, unit=True)
    if samples is None:
        return None
    kept = sorted(
        (s for s in samples if s["status"] != "hallucinated"), key=lambda s: int(s["sample_id"].rsplit("/g", 1)[1])
    )
    missed = [s for s in kept if s["status"] == "missed"]
    extra = sorted((s for s in samples if s["status"] == "hallucinated"), key=lambda s: s["pred_index"])
    if missed and len(missed) == len(extra):
        from assistant.evaluate.metrics import score_project

        for s, stand_in in zip(missed, extra, strict=True):
            s["stand_in"] = {**score_project(s["gold"], stand_in["prediction"]), "flags": stand_in["flags"]}
    return kept


#: the fields a rewrite of the amounts keeps as they were (a goal may state money: 产值80万元)
MONEY_FIELDS = ("ok_project_name", "ok_amounts")


def field_outcomes(
    original: list[dict], copy: list[dict] | None, fields: tuple[str, ...] = FIELDS
) -> list[tuple[str, str]]:
    """(field, held / flagged / silent / refused) for every gold project's ``fields`` (name,
    amounts, goal by default)."""
    out = []
    for i, before in enumerate(original):
        after = copy[i] if copy is not None and i < len(copy) else None
        for field in fields:
            was = before.get(field) is not False and before["status"] == "matched"
            if after is None:
                out.append((field, "refused"))
                continue
            shown = after if after["status"] == "matched" else after.get("stand_in")  # what the clerk sees
            now = shown is not None and shown.get(field) is not False
            if now or not was:
                out.append((field, "held"))
                continue
            flags = (shown or {}).get("flags") or []
            named = any(f.startswith(_FIELD_FLAGS[field] + _ANY) for f in flags)
            out.append((field, "flagged" if named else "silent"))
    return out


def rewrites(folder: Path) -> list[tuple[str, str]]:
    """(name, text) of every rewrite that applies to the dev document in ``folder``."""
    text = (folder / "source.txt").read_text(encoding="utf-8")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    unit = gold.get("currency_unit")
    goals = [p.get("goal") for u in gold.get("units") or [] for p in u.get("projects") or []]
    made: list[tuple[str, Callable[[], str | None]]] = [
        ("title_below", lambda: title_below(text, meta.get("title") or "")),
        ("title_removed", lambda: title_removed(text, meta.get("title") or "")),
        ("wan_to_yuan", lambda: wan_to_yuan(text, unit)),
        ("yuan_to_wan", lambda: yuan_to_wan(text, unit)),
        ("form_unit_to_yuan", lambda: form_unit_to_yuan(text, unit)),
        ("goal_split", lambda: goal_split(text, goals[0] if len(goals) == 1 else None)),
    ]
    made += [(f"goal_as_{w}", lambda w=w: goal_relabelled(text, w)) for w in GOAL_WORDINGS]
    made += [(how, lambda how=how: relayout(text, how)) for how in HEADER_LAYOUTS]
    return [(name, copy) for name, make in made if (copy := make()) is not None and copy != text]


def money_rewrites(folder: Path) -> list[tuple[str, str]]:
    """(name, text) of every re-layout of the dev document's money block (``tests/money_rewrites.py``)."""
    from money_rewrites import LAYOUTS as MONEY_LAYOUTS
    from money_rewrites import ROWS_LAYOUTS, rows_relayout
    from money_rewrites import relayout as money_relayout

    text = (folder / "source.txt").read_text(encoding="utf-8")
    unit = json.loads((folder / "gold.json").read_text(encoding="utf-8")).get("currency_unit")
    made = [(how, money_relayout(text, how, unit)) for how in MONEY_LAYOUTS]
    made += [(how, rows_relayout(text, how)) for how in ROWS_LAYOUTS]
    return [(name, copy) for name, copy in made if copy is not None and copy != text]


# --- the whole document re-laid, scored against the gold itself (round 15, fields-h) ---------

#: how real copying re-lays a whole page (every line, not only one block): traditional characters
#: (the gold converted the same way), a web page's cells run together, ``|`` turned into tabs or
#: dropped, a PDF's text layer hard-wrapped at a fixed width
LAYOUTS = ("traditional", "joined", "tabs", "no_pipes", "wrap34", "wrap48")


def relaid(text: str, gold: dict, how: str) -> tuple[str, dict] | None:
    """The source re-laid ``how`` and the gold it is scored against (unchanged but for the
    traditional copy's characters); None when nothing changes."""
    from src_rewrites import _wrapped, joined

    if how == "traditional":
        from zhconv import convert

        return convert(text, "zh-hant"), json.loads(convert(json.dumps(gold, ensure_ascii=False), "zh-hant"))
    if how == "joined":
        copy = "\n".join(map(joined, text.split("\n")))
    elif how == "tabs":
        copy = re.sub(r"[ \t]*[|｜][ \t]*", "\t", text)
    elif how == "no_pipes":
        copy = re.sub(r"[ \t]*[|｜]+[ \t]*", " ", text)
    elif how.startswith("wrap"):
        copy = "\n".join(piece for line in text.split("\n") for piece in _wrapped(line, int(how[4:])))
    else:
        raise ValueError(how)
    return (copy, gold) if copy != text else None


def gold_outcomes(gold: dict, samples: list[dict] | None, fields: tuple[str, ...] = FIELDS) -> list[tuple[str, str]]:
    """(field, right / flagged / silent / refused) of every gold project's ``fields`` in a copy,
    against the gold itself (not the original's reading): a project missed is wrong on each field,
    flagged when its stand-in's flags (the project read in its place) name the field."""
    if samples is None:
        projects = sum(len(u.get("projects") or []) for u in gold.get("units") or [])
        return [(field, "refused") for _ in range(projects) for field in fields]
    out = []
    for s in samples:
        shown = s if s["status"] == "matched" else s.get("stand_in")
        for field in fields:
            if shown is not None and shown.get(field) is not False:
                out.append((field, "right"))
            else:
                flags = (shown or {}).get("flags") or []
                named = shown is None or any(f.startswith(_FIELD_FLAGS[field] + _ANY) for f in flags)
                out.append((field, "flagged" if named else "silent"))
    return out
