"""The command line: ``python cli.py COMMAND …``.

Each command lives in its own module under ``assistant/commands/`` and registers itself
with :func:`register`; this module only builds the app and maps errors to exit codes:

    0  ok
    1  the input was read but has findings, and --strict (or a gate) asked to fail on them
    2  bad input or configuration: the message names the file, row and field
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer
from rich.console import Console

from .errors import AssistantError

__all__ = ["app", "main", "err_console", "EXIT_OK", "EXIT_FINDINGS", "EXIT_BAD_INPUT"]

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2

err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)  # cell text may hold [brackets]

app = typer.Typer(
    name="budget-assistant",
    help=(
        "Read, check, draft and evaluate 项目支出绩效目标表 (project expenditure performance target tables).\n\n"
        "Start with:  python cli.py extract TABLE.txt -o table.json"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _register_commands() -> None:
    from . import commands

    modules = [importlib.import_module(f"{commands.__name__}.{m.name}") for m in pkgutil.iter_modules(commands.__path__)]
    for module in sorted(modules, key=lambda m: getattr(m, "ORDER", 100)):
        module.register(app)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code (tests call this instead of a subprocess).

    Click handles usage errors itself (exit 2); the assistant's own errors are turned
    into one ``error: FILE:ROW [field]: message`` line and exit 2.
    """
    try:
        app(args=argv, prog_name="cli.py")
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or EXIT_OK
        err_console.print(str(exc.code))
        return EXIT_BAD_INPUT
    except AssistantError as exc:
        err_console.print(f"error: {exc}")
        return EXIT_BAD_INPUT
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
