"""The command line: ``python cli.py COMMAND …`` (installed: ``budget-assistant COMMAND …``).

Each command lives in its own module under ``assistant/cli/commands/`` and registers itself
with ``register(app)``; this module builds the app and maps outcomes to exit codes:

    0    ok
    1    the input was read but has findings, and --strict (or a gate) asked to fail on them;
         for batches and LLM runs: some files or chunks could not be read
    2    bad input, output or configuration: the message names the file, row and field
    3    the tool itself failed (a bug): one line, and --debug shows the traceback
    130  interrupted (Ctrl-C)
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from pathlib import Path
from typing import Annotated

import typer

try:  # typer 0.2x carries its own copy of click; its usage errors are that copy's classes
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - an older typer on the real click
    from click import exceptions as click  # type: ignore[no-redef]

from .. import settings
from ..errors import AssistantError, error_text
from ..messages import say
from .console import err_console

__all__ = ["app", "main", "EXIT_OK", "EXIT_FINDINGS", "EXIT_BAD_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED"]

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

_state = {"debug": False}

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


@app.callback()
def _options(
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of messages: zh (default with a Chinese or no locale) or en.")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback when the tool itself fails.")] = False,
) -> None:
    if lang is not None:
        if lang not in ("zh", "en"):
            raise typer.BadParameter(say("OPTION_CHOOSE_LANG"), param_hint="--lang")
        os.environ["ASSISTANT_LANG"] = lang
    _state["debug"] = debug or bool(settings.env("ASSISTANT_DEBUG"))


def _register_commands() -> None:
    from . import commands

    modules = [
        importlib.import_module(f"{commands.__name__}.{m.name}") for m in pkgutil.iter_modules(commands.__path__)
    ]
    for module in sorted(modules, key=lambda m: getattr(m, "ORDER", 100)):
        module.register(app)


_register_commands()


def _prog_name() -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return name if name in ("cli.py", "budget-assistant") else "budget-assistant"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code (tests call this instead of a subprocess).

    Click handles usage errors itself (exit 2); the assistant's own errors become one
    ``error: FILE:ROW [field]: message`` line and exit 2; anything unexpected becomes one line
    and exit 3 (``--debug`` prints the traceback). No traceback reaches a clerk otherwise.
    """
    _state["debug"] = bool(settings.env("ASSISTANT_DEBUG")) or bool(argv and "--debug" in argv)
    language = os.environ.get("ASSISTANT_LANG")  # --lang sets it for this run only (tests call main() often)
    try:
        code = app(args=argv, prog_name=_prog_name(), standalone_mode=False)
        return code if isinstance(code, int) else EXIT_OK  # typer.Exit(n) and --help return their code
    except click.UsageError as exc:
        _usage_error(exc)
        return exc.exit_code
    except typer.Abort:  # Ctrl-C at a prompt
        err_console.print(say("CLI_INTERRUPTED"))
        return EXIT_INTERRUPTED
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or EXIT_OK
        err_console.print(str(exc.code))
        return EXIT_BAD_INPUT
    except AssistantError as exc:
        err_console.print(say("CLI_ERROR", message=error_text(exc)))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        err_console.print(say("CLI_INTERRUPTED"))
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: one line for the clerk, the traceback on request
        if _state["debug"]:
            import traceback

            traceback.print_exc()
        else:
            err_console.print(say("CLI_INTERNAL", kind=type(exc).__name__, detail=str(exc)))
        return EXIT_INTERNAL
    finally:
        if language is None:
            os.environ.pop("ASSISTANT_LANG", None)
        else:
            os.environ["ASSISTANT_LANG"] = language


def _usage_error(exc: click.UsageError) -> None:
    """A usage error in the clerk's language (click's own words in English)."""
    if settings.lang() == "en" or isinstance(exc, getattr(click, "NoArgsIsHelpError", ())):
        exc.show()  # English, or the help text itself (a command given without arguments)
        return
    ctx = exc.ctx
    if ctx is not None:
        err_console.print(ctx.get_usage().replace("Usage: ", "用法：", 1))
        err_console.print(say("CLI_USAGE_HINT", command=f"{ctx.command_path} {ctx.help_option_names[0]}"))
    if isinstance(exc, click.BadParameter):
        hint = exc.param_hint
        if hint is None and exc.param is not None:
            names = getattr(exc.param, "opts", None) or [exc.param.human_readable_name]
            hint = " / ".join(names)
        hint = " / ".join(hint) if isinstance(hint, list | tuple) else hint
        text = say("CLI_BAD_VALUE", param=hint, message=exc.message) if hint else exc.message
        if isinstance(exc, click.MissingParameter):
            text = say("CLI_MISSING", param=hint or "")
    elif isinstance(exc, click.NoSuchOption):
        text = say("CLI_NO_SUCH_OPTION", option=exc.option_name)
    else:
        text = exc.format_message()
    err_console.print(say("CLI_ERROR", message=text))


if __name__ == "__main__":
    sys.exit(main())
