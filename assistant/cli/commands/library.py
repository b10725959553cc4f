"""``library``: the indicator library drafting learns from (add a table, list what is in it)."""

from __future__ import annotations

from typing import Annotated

import typer

from ...messages import say

ORDER = 35

library_app = typer.Typer(
    help=(
        "The indicator library drafting learns from: the gold tables plus tables you add.\n\n"
        "Examples:\n\n  python cli.py library add table.json\n\n  python cli.py library list"
    ),
    no_args_is_help=True,
)


@library_app.command("add")
def add(
    table: Annotated[str, typer.Argument(help="A table file (any supported format) or interchange .json.")],
    name: Annotated[
        str | None, typer.Option("--name", help="Store it under this name (default: the file name).")
    ] = None,
) -> None:
    """Add a table's projects and indicators to the library (stored under $ASSISTANT_HOME/library).

    Examples:

      python cli.py library add 2023_区司法局_绩效目标表.pdf

      python cli.py library add table.json --name 司法局2023
    """
    from ...draft.library import add_table

    stored, read = add_table(table, name=name)
    projects = [p for p in read.projects() if not p.classified and p.indicators]
    indicators = sum(len(p.indicators) for p in projects)
    typer.echo(say("LIBRARY_ADDED", projects=len(projects), indicators=indicators, table=table, stored=stored))
    for failure in read.failures:
        typer.echo(say("CLI_WARNING", message=failure.describe(None)), err=True)


@library_app.command("list")
def list_() -> None:
    """List the library's sources and how many projects and indicators each holds.

    Example:

      python cli.py library list
    """
    from ...draft.library import library_dir, load_library

    library = load_library()
    counts: dict[str, list[int]] = {}
    for project in library.projects:
        entry = counts.setdefault(project.source, [0, 0])
        entry[0] += 1
        entry[1] += len(project.project.indicators)
    for source, (projects, indicators) in counts.items():
        typer.echo(say("LIBRARY_SOURCE", source=source, projects=projects, indicators=indicators))
    typer.echo(say("LIBRARY_TOTAL", projects=len(library), folder=library_dir()), err=True)


@library_app.command("build")
def build(
    gold: Annotated[str, typer.Argument(help="The gold folder to pack (the seed and gold/real).")] = "gold",
) -> None:
    """Maintainers: repack what the package learns from the gold, after any change to gold/ or
    gold/real/ (a test fails while either is stale): the drafting library
    (assistant/resources/library.json) and the extraction prompt's few-shot examples
    (assistant/resources/fewshot/extract.json).

    Example:

      python cli.py library build && python cli.py library calibrate
    """
    from pathlib import Path

    from ... import settings
    from ...draft.corpus import RESOURCE, build_resource

    out = Path(str(settings.resource(RESOURCE)))
    count = build_resource(Path(gold), out)
    typer.echo(f"{count} projects from {gold} packed into {out}")
    from ...extract.llm.fewshot import write_frozen

    typer.echo(f"few-shot examples frozen into {write_frozen('extract')}")


@library_app.command("calibrate")
def calibrate(
    gold: Annotated[str, typer.Argument(help="The real corpus; only its dev split is used.")] = "gold/real",
) -> None:
    """Maintainers: choose the relevance guard's threshold on the dev split and record it with
    its grid in assistant/resources/draft_guard.yaml.

    Example:

      python cli.py library calibrate gold/real
    """
    from ...draft.calibrate import calibrate as run
    from ...draft.calibrate import write_calibration

    result = run(gold)
    for row in result["grid"]:
        typer.echo(
            f"threshold {row['threshold']:.2f}: dev relevance {row['relevance']:.4f}, adopted {row['adopted']} "
            f"indicators from other projects, {row['adopted_right']} like one the clerks wrote "
            f"({row['projects']} projects)"
        )
    typer.echo(f"chosen: {result['threshold']} -> {write_calibration(result)}")


def register(app: typer.Typer) -> None:
    app.add_typer(library_app, name="library")
