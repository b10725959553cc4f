"""On-disk cache of validated LLM answers, so a second run of the same input sends nothing.

The key is a hash of the endpoint, the model, the instructor mode, the prompt id, version
and content hash, the response model's JSON schema and the exact messages (which hold
the chunk text). Any change to one of them is a miss. Entries are small JSON files under
``$ASSISTANT_CACHE_DIR/llm`` (default ``~/.cache/budget-assistant/llm``); deleting the
folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .. import settings

__all__ = ["ResponseCache", "default_cache_dir", "cache_key"]


def default_cache_dir() -> Path:
    """``$ASSISTANT_CACHE_DIR/llm``, else ``~/.cache/budget-assistant/llm``."""
    return settings.cache_dir() / "llm"


def cache_key(**parts: Any) -> str:
    """A stable sha256 of the named parts (JSON with sorted keys)."""
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResponseCache:
    """A folder of ``<key>.json`` files holding validated answers and their usage."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else default_cache_dir()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored entry, or None (a missing or unreadable file is a miss)."""
        path = self._path(key)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Store atomically (write a temporary file, then rename)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(entry, handle, ensure_ascii=False)
        os.replace(tmp, path)
