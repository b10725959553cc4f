"""The workbench application: settings, middleware, and the FastAPI app.

:func:`create_app` builds everything from a :class:`Settings`; the pages live in
``pages.py`` (documents and review), ``outputs.py`` (exports, gold, library),
``drafting.py`` and ``accuracy.py``, each an ``APIRouter``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .jobs import Extractor
from .security import SECURITY_HEADERS, BodyLimit, is_logged_in, new_csrf
from .store import default_db_url, files_dir, make_engine, make_sessions, upgrade

__all__ = ["Settings", "create_app", "templates"]

_HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(_HERE / "templates"))  # autoescape is on for .html


@dataclass
class Settings:
    db_url: str = field(default_factory=default_db_url)
    files: Path = field(default_factory=files_dir)
    token: str | None = None  # required when serving beyond this computer
    max_upload_mb: int = 50
    backend: str | None = None  # None: the CLI's default (rules, or auto with an LLM endpoint)
    workers: int = 1
    gold_dir: Path | None = None
    evals_dir: Path | None = None


_OPEN_PATHS = ("/static/", "/login")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    settings.files.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    upgrade(engine)
    sessions = make_sessions(engine)
    extractor = Extractor(sessions, settings.files, settings.backend, settings.workers)

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(_app):
        extractor.resume()
        yield
        extractor.shutdown()
        engine.dispose()

    app = FastAPI(title="预算绩效工作台", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings, app.state.sessions, app.state.extractor = settings, sessions, extractor
    app.state.engine = engine
    app.state.secret = secrets.token_bytes(32)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        csrf = request.cookies.get("csrf") or new_csrf()
        request.state.csrf = csrf
        if (
            settings.token
            and not request.url.path.startswith(_OPEN_PATHS)
            and not is_logged_in(request, app.state.secret, settings.token)
        ):
            response = RedirectResponse("/login", status_code=303)
        else:
            response = await call_next(request)
        if request.cookies.get("csrf") != csrf:
            response.set_cookie("csrf", csrf, httponly=True, samesite="strict")
        response.headers.update(SECURITY_HEADERS)
        return response

    app.add_middleware(BodyLimit, limit=settings.max_upload_mb * 1024 * 1024)
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if request.headers.get("hx-request"):
            return PlainTextResponse(str(exc.detail), status_code=exc.status_code)
        return templates.TemplateResponse(
            request, "error.html", {"message": exc.detail, "status": exc.status_code}, status_code=exc.status_code
        )

    from . import accuracy, drafting, outputs, pages

    for module in (pages, outputs, drafting, accuracy):
        app.include_router(module.router)

    @app.get("/health", response_class=PlainTextResponse)
    def health() -> str:
        return "ok"

    return app
