"""``lint``: what a finance reviewer would send back in a table's 绩效指标."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ...checks import lint_stats, lint_table, rules_of
from ...pipeline import check_path
from ...settings import lang as message_lang

ORDER = 25


def lint(
    input: Annotated[
        str,
        typer.Argument(
            help="A table file to extract, an interchange .json (extracted or drafted); - for standard input."
        ),
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when there is any error-level finding.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the findings as JSON lines, then a summary line.")
    ] = False,
    backend: Annotated[
        str, typer.Option("--backend", "-b", help="Extraction backend when INPUT is not JSON.")
    ] = "rules",
    targets: Annotated[
        bool, typer.Option("--targets", help="Also print every value's parsed target (comparison, number, unit).")
    ] = False,
) -> None:
    """Check that every indicator has a measurable target, codes that belong together, and
    that each project covers 产出, 效益 and 满意度.

    Each finding has a stable code (VALUE_VAGUE, CODE_PAIR_MISMATCH, CATEGORY_MISSING, …),
    a severity, the project / item / indicator / field, what is wrong and how to fix it.
    The rules and their reasons: assistant/resources/lint_rules.md.

    Examples:

      python cli.py lint gold/source/000_e2922c57f8184701.txt

      python cli.py lint draft.json --strict     # exit 1 if any error remains

      python cli.py lint table.json --targets --json   # every value as comparison/number/unit
    """
    table, _ = check_path(input, backend)
    findings = lint_table(table)
    stats = lint_stats(table.projects())
    if targets:
        _print_targets(table, as_json)
    lang = message_lang()
    if as_json:
        for finding in findings:
            typer.echo(json.dumps(finding.to_dict(lang), ensure_ascii=False))
        typer.echo(json.dumps({"summary": stats}, ensure_ascii=False))
    else:
        fix_label = "修改建议" if lang == "zh" else "fix"
        for finding in findings:
            typer.echo(
                f"{finding.code:<22} {finding.severity:<7} {finding.location(lang)}: {finding.text(lang)}"
                f"\n{'':<31}{fix_label}: {finding.fix(lang)}"
            )
        errors = sum(f.severity == "error" for f in findings)
        s = stats
        if lang == "zh":
            line = (
                f"{len(findings)} 条问题，其中错误 {errors} 条，共 {s['projects']} 个项目；"
                f"年度指标值已量化 {s['quantified']}/{s['indicators']}（{s['quantified_share']:.0%}），"
                f"模糊 {s['vague_values']}，代码搭配正确 {s['valid_pairs']}/{s['indicators']}，"
                f"覆盖产出+效益+满意度的项目 {s['full_coverage']}/{s['projects']}"
            )
        else:
            line = (
                f"{len(findings)} finding(s), {errors} error(s) in {s['projects']} project(s); "
                f"annual values quantified {s['quantified']}/{s['indicators']} ({s['quantified_share']:.0%}), "
                f"vague {s['vague_values']}, valid code pairs {s['valid_pairs']}/{s['indicators']}, "
                f"projects covering 产出+效益+满意度 {s['full_coverage']}/{s['projects']}"
            )
        typer.echo(line, err=True)
    if strict and any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


def _print_targets(table, as_json: bool) -> None:
    """One line per value: where it is, its kind, and comparison / number / unit."""
    from ...targets import parse_target

    for project, ind in table.indicators():
        for field in ("period_value", "annual_value"):
            target = parse_target(getattr(ind, field))
            if as_json:
                typer.echo(
                    json.dumps(
                        {
                            "target": {
                                "project": project.name,
                                "seq": ind.seq,
                                "indicator": ind.name,
                                "field": field,
                                **target.model_dump(exclude_none=True),
                            }
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                parsed = target.render() if target.kind == "quantitative" else (target.phrase or "")
                typer.echo(
                    f"{'TARGET':<22} {target.kind:<12} {project.name} / #{ind.seq} / {ind.name} / {field}: {parsed}"
                )


def register(app: typer.Typer) -> None:
    app.command("lint", epilog="Finding codes: " + ", ".join(rules_of("lint")))(lint)
