"""``draft``: suggest measurable 绩效指标 for a new project."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from ...errors import InputError
from ...export import render_indicators, to_interchange, write_output, xlsx_bytes
from ...messages import MESSAGES, msg, say
from ...settings import lang as message_lang

ORDER = 30

FORMATS = ("table", "json", "xlsx", "source")


def finding_line(finding: dict, lint: dict, lang: str) -> dict:
    """A draft finding's fields for ``DRAFT_FINDING`` in ``lang``: the linter's own wording when
    the finding is the linter's (drafts store the Chinese), else as stored."""
    same = lint.get((finding["code"], finding.get("seq"), finding.get("field")))
    severity = {"error": "错误", "warning": "警告", "info": "提示"} if lang == "zh" else {}
    return {
        "rule": finding["code"],
        "severity": severity.get(finding["severity"], finding["severity"]),
        "seq": finding.get("seq"),
        "indicator": finding.get("indicator") or "",
        "message": same.text(lang) if same else finding["message"],
        "fix": (same.fix(lang) if same else finding.get("suggestion")) or "—",
    }


def _print_table(draft, console: Console) -> None:
    backend = say(f"DRAFT_BACKEND_{draft.backend}") if f"DRAFT_BACKEND_{draft.backend}" in MESSAGES else draft.backend
    table = Table(title=say("DRAFT_TITLE", name=draft.request.name, backend=backend), show_lines=False)
    for column in ("序号", "一级指标", "二级指标", "三级指标", "年度指标值", "目标", "依据", "来源"):
        table.add_column(column, overflow="fold")
    for ind in draft.indicators:
        target = ind.target.render() if ind.target else ""
        table.add_row(
            str(ind.seq),
            f"{ind.level1_code}-{ind.level1_name}",
            f"{ind.level2_code}-{ind.level2_name}",
            ind.name or "",
            ind.annual_value or "",
            target,
            ind.rationale,
            "; ".join(ind.adapted_from) or "—",
        )
    console.print(table)


def draft(
    name: Annotated[str | None, typer.Option("--name", "-n", help="项目名称 of the new project.")] = None,
    goal: Annotated[str, typer.Option("--goal", "-g", help="绩效目标 text; quantities it states are used.")] = "",
    budget: Annotated[float | None, typer.Option("--budget", help="Budget in 万元; adds a 成本指标.")] = None,
    department: Annotated[str | None, typer.Option("--department", help="主管部门.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="资金使用单位.")] = None,
    project_type: Annotated[
        str | None,
        typer.Option("--type", help="Project type id of resources/project_types.yaml (default: told from the name)."),
    ] = None,
    sector: Annotated[
        str | None, typer.Option("--sector", help="Sector (education, health, …; default: the type's).")
    ] = None,
    request_file: Annotated[
        str | None,
        typer.Option("--input", "-i", help="A JSON/YAML file with name, goal, budget, department, unit; - for stdin."),
    ] = None,
    from_table: Annotated[
        str | None, typer.Option("--from", help="Take the project from this table (with --project).")
    ] = None,
    project: Annotated[
        str | None, typer.Option("--project", "-p", help="The project row of --from to draft for.")
    ] = None,
    backend: Annotated[str, typer.Option("--backend", "-b", help="library (offline, default) or llm.")] = "library",
    output: Annotated[str, typer.Option("--output", "-o", help="Write here; - for standard output.")] = "-",
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="table | json | xlsx | source (default from -o, else table).")
    ] = None,
    max_indicators: Annotated[
        int, typer.Option("--max", help="The most indicators to draft (4-15).", min=4, max=15)
    ] = 12,
    base_url: Annotated[str | None, typer.Option("--base-url", help="LLM endpoint (else ASSISTANT_BASE_URL).")] = None,
    model: Annotated[str | None, typer.Option("--model", help="LLM model (else ASSISTANT_MODEL).")] = None,
    retries: Annotated[
        int, typer.Option("--retries", help="LLM re-asks with the linter's findings.", min=0, max=5)
    ] = 2,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when the draft still has lint errors.")] = False,
) -> None:
    """Draft 4-10 measurable indicators covering 产出 (数量, 质量, 时效, 成本), 效益 and 满意度.

    Offline (default), indicators are adapted from similar projects in the library (the gold
    tables plus tables added with `library add`); with --backend llm, an LLM drafts them with
    the similar library indicators as examples, and the linter's findings are sent back
    until the draft passes. Every draft is linted; remaining findings are printed.

    Examples:

      python cli.py draft --name 社区普法宣传 --goal "每月组织开展一场普法讲座" --budget 20

      python cli.py draft --from gold/source/000_e2922c57f8184701.txt --project 区法学会经费 -o draft.json

      python cli.py draft -i project.yaml -f source     # the cell text to paste into the form
    """
    from ...draft.inputs import request_from_file, request_from_table
    from ...draft.library import load_library
    from ...draft.models import DraftRequest

    exclude: set[str] = set()
    if from_table:
        if not project:
            raise InputError("--from", msg("DRAFT_NEEDS_PROJECT"))
        request = request_from_table(from_table, project)
        exclude = {request.name}  # draft it afresh, not from its own indicators
    elif request_file:
        request = request_from_file(request_file)
    elif name:
        try:
            request = DraftRequest(
                name=name,
                goal=goal,
                budget=budget,
                department=department,
                unit=unit,
                project_type=project_type,
                sector=sector,
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise typer.BadParameter(first["msg"].removeprefix("Value error, "), param_hint=f"--{field}") from None
    else:
        raise InputError("draft", msg("DRAFT_NEEDS_INPUT"))
    library = load_library().without(exclude)
    from ...draft import DRAFT_BACKENDS
    from ...draft import draft as make_draft
    from ...llm import LLMConfig

    if backend not in DRAFT_BACKENDS:
        raise typer.BadParameter(
            say("OPTION_NOT_ONE_OF", value=backend, choices=", ".join(DRAFT_BACKENDS)), param_hint="--backend"
        )
    config = LLMConfig.from_env(base_url=base_url, model=model) if backend == "llm" else None
    result = make_draft(request, library, backend, max_indicators=max_indicators, config=config, retries=retries)

    fmt = fmt or {".json": "json", ".xlsx": "xlsx", ".txt": "source"}.get(Path(output).suffix.lower(), "table")
    if fmt not in FORMATS:
        raise InputError("--format", msg("DRAFT_UNKNOWN_FORMAT", fmt=fmt, choices=", ".join(FORMATS)))
    if fmt == "table":
        if output != "-":
            raise InputError("--format", msg("DRAFT_TABLE_TO_STDOUT"))
        _print_table(result, Console(soft_wrap=False))
        data = None
    elif fmt == "json":
        data = (json.dumps(to_interchange(result.table()), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    elif fmt == "xlsx":
        if output == "-":
            raise InputError("--output", msg("DRAFT_XLSX_NEEDS_FILE"))
        data = xlsx_bytes(
            result.table(),
            extra_columns=[
                ("起草理由", lambda ind: getattr(ind, "rationale", None)),
                ("来源", lambda ind: "；".join(getattr(ind, "adapted_from", []) or []) or None),
            ],
        )
    else:
        data = (render_indicators(result.indicators) + "\n").encode("utf-8")
    if data is not None:
        write_output(data, output)
    errors = [f for f in result.findings if f["severity"] == "error"]
    lang = message_lang()
    from ...checks import lint_project

    lint = {(f.code, f.seq, f.field): f for f in lint_project(result.project())}
    for finding in result.findings:
        typer.echo(say("DRAFT_FINDING", **finding_line(finding, lint, lang)), err=True)
    backend_name = f"DRAFT_BACKEND_{result.backend}"
    typer.echo(
        say(
            "DRAFT_SUMMARY_ERRORS" if errors else "DRAFT_SUMMARY_PASSES",
            count=len(result.indicators),
            backend=say(backend_name) if backend_name in MESSAGES else result.backend,
            attempts=say("DRAFT_ATTEMPTS", attempts=result.attempts) if result.backend == "llm" else "",
            errors=len(errors),
        ),
        err=True,
    )
    if strict and errors:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("draft")(draft)
