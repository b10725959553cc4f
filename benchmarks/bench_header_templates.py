"""The standard forms' project header, filled with every dev project and copied every way.

Each template of ``tests/header_templates.py`` (the 财政部 申报表 / 批复表 / 自评表, the transfers'
区域绩效目标表, provincial copies) is filled with each dev project's name, department, unit,
amounts and goal, in 万元 and in 元, in simplified and traditional characters, with the goal's sentences on
lines of their own, and copied with
each separator style. Per template and per layout it prints how many name / amount / goal
fields read right, how many are wrong but flagged, and how many are silently wrong (must be 0).

    python benchmarks/bench_header_templates.py [--show N] [--template T] [--layout L]
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from header_templates import LAYOUTS, TEMPLATES, dev_headers, expected, header_rows, judge, render, simplified

from assistant.errors import AssistantError
from assistant.extract import extract
from assistant.ingest import read_bytes


def read(text: str):
    try:
        return extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    except AssistantError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0, help="print up to N wrong fields")
    parser.add_argument("--template")
    parser.add_argument("--layout")
    parser.add_argument("--field")
    args = parser.parse_args()
    headers = [simplified(h) for h in dev_headers()]
    by_template: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    by_layout: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    by_field: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    shown = 0
    for template in TEMPLATES:
        if args.template and template != args.template:
            continue
        for layout in LAYOUTS:
            if args.layout and layout != args.layout:
                continue
            for variant in ("wan", "yuan", "traditional", "wrapped"):
                yuan, trad, wrap = variant == "yuan", variant == "traditional", variant == "wrapped"
                for header in headers:
                    if wrap and not re.search(r"[。；;]\s*\S", header.goal):
                        continue
                    text = render(header_rows(template, header, yuan=yuan, wrap=wrap), layout, traditional=trad)
                    want = expected(template, header, yuan=yuan, traditional=trad)
                    table = read(text)
                    verdict = judge(table, want) if table is not None else dict.fromkeys(want, "refused")
                    for field, kind in verdict.items():
                        by_template[template][kind] += 1
                        by_layout[layout][kind] += 1
                        by_field[field][kind] += 1
                        if kind != "right" and shown < args.show and (not args.field or field == args.field):
                            shown += 1
                            got = None
                            if table is not None and table.projects():
                                p = table.projects()[0]
                                got = {"name": p.name, "goal": p.goal, **p.amounts.model_dump()}.get(field)
                            print(
                                f"  {template}/{layout}/{variant} {header.stem[:12]} {field} {kind}: want {str(want[field])[:50]!r} got {str(got)[:50]!r}"
                            )
    silent = 0
    for title, table in (("template", by_template), ("layout", by_layout), ("field", by_field)):
        print(f"by {title}")
        for key, c in table.items():
            total = sum(c.values()) or 1
            print(
                f"  {key:28} right {c['right'] / total:6.1%}  flagged {c['flagged']:5}  refused {c['refused']:4}  silent {c['silent']:4}"
            )
        silent = max(silent, sum(c["silent"] for c in table.values()))
    print(f"silently wrong fields: {silent}")
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main())
