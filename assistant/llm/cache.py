"""On-disk cache of validated LLM answers, so a second run of the same input sends nothing.

The key is a hash of the endpoint, the model, the instructor mode, the prompt id, version
and content hash, the response model's JSON schema and the exact messages (which hold
the chunk text). Any change to one of them is a miss. Entries are small JSON files under
``$ASSISTANT_CACHE_DIR/llm`` (default ``~/.cache/budget-assistant/llm``); deleting the
folder is always safe. A cache that cannot be read or written (read-only, a file where
the folder should be, damaged entries) never stops a run: the problem is reported once
through ``notice`` and the run goes on without the cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import settings

__all__ = ["ResponseCache", "cache_key", "default_cache_dir"]


def default_cache_dir() -> Path:
    """``$ASSISTANT_CACHE_DIR/llm``, else ``~/.cache/budget-assistant/llm``."""
    return settings.cache_dir() / "llm"


def cache_key(**parts: Any) -> str:
    """A stable sha256 of the named parts (JSON with sorted keys)."""
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResponseCache:
    """A folder of ``<key>.json`` files holding validated answers and their usage."""

    def __init__(self, folder: str | Path | None = None, notice: Callable[[str], None] | None = None):
        self.folder = Path(folder) if folder is not None else default_cache_dir()
        self.notice = notice or logging.getLogger("assistant.llm").warning
        #: why the cache was switched off for the rest of the run (None while it works)
        self.problem: str | None = None

    def _disable(self, path: Path, exc: BaseException) -> None:
        if self.problem is None:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
            self.problem = f"{path}: {reason}"
            self.notice(f"LLM 答案缓存不可用，本次运行不再使用缓存 (answer cache disabled: {self.problem})")

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored entry, or None (a missing or unreadable file is a miss)."""
        if self.problem is not None:
            return None
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError):
            return None  # a damaged entry is a miss; writing a fresh one replaces it
        return entry if isinstance(entry, dict) else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Store atomically (write a temporary file, then rename)."""
        if self.problem is not None:
            return
        path = self._path(key)
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entry, handle, ensure_ascii=False)
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            self._disable(path, exc)
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
