"""Writing files so that a crash, a kill or a full disk never leaves a half-written output.

Every output (``-o``, batch outputs and ``_summary.json``, the library, eval runs, the LLM
cache) is written to a temporary file in the same folder, flushed to disk, and renamed over
the target: the previous file stays intact until the new one is complete.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from ..errors import OutputError

__all__ = ["write_atomic", "write_output"]


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically.

    Raises:
        OutputError: the folder is missing or read-only, the path is a folder, the disk is full …;
        the message names the path and the system's reason, and no temporary file is left.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(str(path), "is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; an output gets the mode a plain write would give
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists() and not os.path.isfile(path):  # /dev/full, a FIFO …: write through, not over it
            with open(path, "wb") as target:
                target.write(data)
            os.unlink(tmp_name)
        else:
            os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise OutputError(str(path), exc.strerror or str(exc)) from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _mode_for(path: Path) -> int:
    """The existing file's mode, else what open() would create under the process umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_output(data: bytes, target: str | Path | None) -> None:
    """Write to a file atomically, or to standard output for ``-`` / None."""
    if target is None or str(target) == "-":
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except OSError as exc:
            raise OutputError("<stdout>", exc.strerror or str(exc)) from None
        return
    write_atomic(target, data)
