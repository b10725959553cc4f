"""``serve``: the clerk's workbench in the browser (upload, review, correct, accept, draft, export)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ... import settings as env_settings
from ...errors import InputError
from ...messages import msg

ORDER = 40

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; anything but 127.0.0.1 needs --token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL: default SQLite under $ASSISTANT_HOME; postgresql://user@host/db for an office."
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", help="Access password clerks type once (else ASSISTANT_WEB_TOKEN); required with --host."
        ),
    ] = None,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", help="Largest upload accepted, in MB.", min=1)] = 50,
    backend: Annotated[
        str | None,
        typer.Option(
            "--backend", "-b", help="Extraction backend: rules, llm or auto (default: as the extract command)."
        ),
    ] = None,
    gold_dir: Annotated[
        str | None,
        typer.Option(
            "--gold-dir", help="Where 'save as gold' writes (default $ASSISTANT_GOLD_DIR, else $ASSISTANT_HOME/gold)."
        ),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="Files extracted at the same time.", min=1, max=8)] = 1,
) -> None:
    """Open the workbench: a Chinese web page to upload tables, review and correct the
    extracted records beside their source, accept them, draft indicators and export.

    Everything runs on this computer; scripts and styles ship with the package.
    Needs the web extra: pip install -e '.[web]'

    Examples:

      python cli.py serve                       # then open http://127.0.0.1:8000

      python cli.py serve --host 0.0.0.0 --token 办公室口令 --db postgresql://clerk@dbhost/budget
    """
    try:
        import uvicorn

        from ...web.app import Settings, create_app
    except ImportError as exc:
        raise InputError("serve", msg("SERVE_NO_WEB_EXTRA", module=exc.name)) from None
    token = token or env_settings.env("ASSISTANT_WEB_TOKEN")
    if host not in LOCAL_HOSTS and not token:
        raise InputError("--host", msg("SERVE_NEEDS_TOKEN", host=host))
    settings = Settings(
        token=token,
        max_upload_mb=max_upload_mb,
        backend=backend,
        workers=workers,
        gold_dir=Path(gold_dir) if gold_dir else None,
    )
    if db:
        settings.db_url = db
    app = create_app(settings)
    typer.echo(f"预算绩效工作台: http://{'127.0.0.1' if host in LOCAL_HOSTS else host}:{port}  (Ctrl+C 停止)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
