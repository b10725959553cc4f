"""Helpers for the workbench tests: a TestClient app, waiting for extraction, a live server,
a real PostgreSQL in a temp folder, and headless Chromium.

Everything is real: the app's own SQLite or a PostgreSQL started with initdb/pg_ctl, the
app served by uvicorn on a loopback port, Debian's chromium driven by chromedriver.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web]'")

from fastapi.testclient import TestClient

from assistant.web.app import Settings, create_app

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
CHROME_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1600,1000",
)
ARTIFACTS = Path(__file__).resolve().parents[1] / "tests" / "artifacts" / "web"


def make_client(tmp_path: Path, **settings) -> TestClient:
    settings.setdefault("db_url", f"sqlite:///{tmp_path / 'wb.sqlite'}")
    settings.setdefault("files", tmp_path / "uploads")
    return TestClient(create_app(Settings(**settings)))


def csrf(client: TestClient) -> str:
    if not client.cookies.get("csrf"):
        client.get("/health")
    return client.cookies.get("csrf")


def upload(client: TestClient, name: str, data: bytes) -> None:
    response = client.post(
        "/upload",
        files={"files": (name, data, "application/octet-stream")},
        data={"csrf_token": csrf(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def wait_done(client: TestClient, doc_id: int, timeout: float = 120) -> None:
    """Poll the document until its extraction finished (or failed)."""
    from assistant.web.models import Document

    sessions = client.app.state.sessions
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sessions() as session:
            document = session.get(Document, doc_id)
            if document is not None and document.state in ("done", "failed"):
                return
        time.sleep(0.1)
    raise AssertionError(f"document {doc_id} not extracted in {timeout}s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(settings: Settings):
    """The app served by uvicorn on a loopback port, in a thread; yields the base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workbench server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def chromium_or_skip():
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver); .ci/run installs it")
    pytest.importorskip("selenium", reason="selenium is not installed: pip install -e '.[web]'")


@contextmanager
def chromium(download_dir: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")  # selenium-manager must not phone home
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(download_dir), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    try:
        yield driver
    finally:
        driver.quit()


def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


@contextmanager
def postgres_server():
    """A throwaway PostgreSQL in a temp folder (initdb + pg_ctl); yields its URL.

    initdb refuses to run as root, so as root the server runs as the ``postgres`` user
    (Debian's package creates it), else ``nobody``.
    """
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql")
    folder = Path(tempfile.mkdtemp(prefix="wb-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        user = "postgres"
        try:
            pwd.getpwnam(user)
        except KeyError:
            user = "nobody"
        shutil.chown(folder, user)
        prefix = ["runuser", "-u", user, "--"]
    data, port = folder / "data", free_port()
    try:
        subprocess.run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            [
                *prefix,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start",
            ],
            check=True,
            capture_output=True,
            timeout=90,
        )
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            check=False,
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)
